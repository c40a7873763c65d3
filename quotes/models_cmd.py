"""Which stanza models are installed where, and `quotes models info|download`.

In: a models directory (or None: $STANZA_RESOURCES_DIR, else stanza's default) and a language.
Out: `resolve_models_dir` and `installed_processors` (read by the stanza engine before it loads
anything heavy), `models_info`, a printable report, and `models_download`, which fetches the
default models with stanza's own downloader, showing its progress, and raises a one-line
QuotesError when it cannot. Nothing else in the package downloads anything. Only
`models_download` imports stanza (and so torch); reading the directory never does.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from collections.abc import Callable
from importlib import metadata
from typing import Any

from tabulate import tabulate

from quotes.errors import ModelsMissingError, QuotesError

REQUIRED = ("tokenize", "pos", "depparse", "ner")
def resolve_models_dir(models_dir: str | None = None) -> str:
    """The models directory: the argument, else $STANZA_RESOURCES_DIR, else stanza's default."""
    if models_dir:
        return os.path.abspath(os.path.expanduser(models_dir))
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return os.path.abspath(os.path.expanduser(env))
    # stanza >= 1.10 keeps models in the platform cache, per resources version; read that version
    # from the source file, since importing any stanza module imports torch.
    version = None
    spec = importlib.util.find_spec("stanza")
    if spec is not None and spec.submodule_search_locations:
        try:
            with open(os.path.join(next(iter(spec.submodule_search_locations)), "_version.py"), encoding="utf-8") as f:
                m = re.search(r"__resources_version__\s*=\s*['\"]([^'\"]+)", f.read())
            version = m.group(1) if m else None
        except OSError:
            version = None
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        version = None
    if version is None:
        return os.path.join(os.path.expanduser("~"), "stanza_resources")
    return os.path.join(user_cache_dir("stanza", "StanfordNLP", version), "resources")


def installed_processors(directory: str, lang: str = "en") -> dict[str, str]:
    """Map each usable processor to its package in `directory`; raise ModelsMissingError if one is missing."""
    try:
        with open(os.path.join(directory, "resources.json"), encoding="utf-8") as f:
            resources = json.load(f)
    except (OSError, ValueError):
        raise ModelsMissingError(directory, lang) from None
    entry = resources.get(lang)
    while isinstance(entry, dict) and "alias" in entry:
        lang, entry = entry["alias"], resources.get(entry["alias"])
    if not isinstance(entry, dict):
        raise ModelsMissingError(directory, lang)
    default = entry.get("packages", {}).get("default") or entry.get("default_processors") or {}

    def present(proc: str, package: Any) -> bool:
        if not isinstance(package, str) or not os.path.isfile(os.path.join(directory, lang, proc, package + ".pt")):
            return False
        deps = entry.get(proc, {}).get(package, {}).get("dependencies", [])
        return all(os.path.isfile(os.path.join(directory, lang, d["model"], d["package"] + ".pt")) for d in deps)

    # Some languages list several NER packages; the first is the default one.
    default = {k: (v[0] if isinstance(v, list) and v else v) for k, v in default.items()}
    found: dict[str, str] = {}
    for proc in REQUIRED:
        if not present(proc, default.get(proc)):
            raise ModelsMissingError(directory, lang)
        found[proc] = default[proc]
    if default.get("mwt"):
        if not present("mwt", default["mwt"]):
            raise ModelsMissingError(directory, lang)
        found["mwt"] = default["mwt"]
    # No lemmatizer installed: the identity lemmatizer, and speech verbs are matched by form.
    found["lemma"] = default["lemma"] if present("lemma", default.get("lemma")) else "identity"
    for package in (default.get("optional", {}).get("coref"), *entry.get("coref", {})):
        if present("coref", package):
            found["coref"] = package
            break
    return found


def one_line(exc: BaseException) -> str:
    """An exception as one line: its type and the first line of its message."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")


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
