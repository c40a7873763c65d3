"""`quotes models info|download`: what stanza models are installed, and the one explicit download.

In: a models directory (or None: $STANZA_RESOURCES_DIR, else stanza's default) and a language.
Out: `models_info` returns a printable report; `models_download` fetches the default models with
stanza's own downloader, showing its progress, and raises a one-line QuotesError when it cannot.
Nothing else in the package downloads anything. `models_info` never imports stanza or torch.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from importlib import metadata

from tabulate import tabulate

from quotes.engines.stanza import installed_processors, one_line, resolve_models_dir
from quotes.errors import QuotesError

# What `--engine stanza` loads; coref is optional and large (a transformer), so it is opt-in.
DOWNLOAD_PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _size(nbytes: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if nbytes < 1024 or unit == "GB":
            return f"{nbytes:.0f} {unit}" if unit == "B" else f"{nbytes:.1f} {unit}"
        nbytes /= 1024  # type: ignore[assignment]
    return str(nbytes)


def _installed_rows(directory: str) -> list[tuple[str, str, str, str]]:
    rows = []
    for lang in sorted(os.listdir(directory)):
        lang_dir = os.path.join(directory, lang)
        if not os.path.isdir(lang_dir):
            continue
        for proc in sorted(os.listdir(lang_dir)):
            proc_dir = os.path.join(lang_dir, proc)
            if not os.path.isdir(proc_dir):
                continue
            for name in sorted(os.listdir(proc_dir)):
                if name.endswith(".pt"):
                    rows.append((lang, proc, name[:-3], _size(os.path.getsize(os.path.join(proc_dir, name)))))
    return rows


def models_info(models_dir: str | None, lang: str = "en") -> str:
    """A report of the models directory: installed models and whether `--engine stanza` can run."""
    directory = resolve_models_dir(models_dir)
    stanza_v, torch_v = _version("stanza"), _version("torch")
    lines = [
        f"models directory: {directory}" + ("" if os.path.isdir(directory) else " (does not exist)"),
        "stanza: " + (stanza_v or "not installed (pip install 'quotes[stanza]')"),
        f"torch: {torch_v or 'not installed'}",
    ]
    resources = os.path.join(directory, "resources.json")
    if os.path.isfile(resources):
        try:
            with open(resources, encoding="utf-8") as f:
                langs = sorted(k for k, v in json.load(f).items() if isinstance(v, dict) and "alias" not in v)
            lines.append(f"resources.json: {len(langs)} language(s) described")
        except (OSError, ValueError) as exc:
            lines.append(f"resources.json: unreadable ({one_line(exc)})")
    else:
        lines.append("resources.json: missing")
    rows = _installed_rows(directory) if os.path.isdir(directory) else []
    if rows:
        lines.append(tabulate(rows, headers=["lang", "processor", "package", "size"]))
    else:
        lines.append("installed models: none")
    try:
        procs = installed_processors(directory, lang)
    except QuotesError as exc:
        lines.append(f"--engine stanza ({lang}): not ready: {exc}")
    else:
        listed = " ".join(f"{p}={procs[p]}" for p in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner") if p in procs)
        coref = f"coref={procs['coref']}" if "coref" in procs else "coref: none (pronouns use the built-in resolution)"
        lines.append(f"--engine stanza ({lang}): ready: {listed}; {coref}")
    return "\n".join(lines)


def models_download(lang: str, models_dir: str | None, echo: Callable[[str], None], coref: bool = False) -> None:
    """Download the default stanza models for `lang` into the models directory, with progress."""
    directory = resolve_models_dir(models_dir)
    processors = ",".join((*DOWNLOAD_PROCESSORS, "coref") if coref else DOWNLOAD_PROCESSORS)
    try:
        import stanza
    except ImportError:
        raise QuotesError("downloading models needs stanza: pip install 'quotes[stanza]'") from None
    echo(f"downloading stanza {stanza.__version__} models for '{lang}' ({processors}) into {directory}")
    try:
        stanza.download(lang=lang, model_dir=directory, processors=processors, logging_level="INFO")
    except Exception as exc:
        raise QuotesError(f"could not download stanza models for '{lang}' into {directory}: {one_line(exc)}") from None
    procs = installed_processors(directory, lang)
    echo(f"installed: {', '.join(f'{p}={v}' for p, v in procs.items())}")
