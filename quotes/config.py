"""Configuration: `[tool.quotes]` in pyproject.toml or a `.quotes.toml`, merged with CLI options.

In: the input paths (to find the nearest config file by walking up) and CLI overrides.
Out: one frozen `Config`. This module knows the option names and their defaults, and
nothing about what the options do.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from quotes.errors import ConfigError
from quotes.model import SEVERITIES

CONFIG_FILES = (".quotes.toml", "pyproject.toml")


@attrs.frozen
class Config:
    """Every setting of a run. CLI options override the file, the file overrides these defaults."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()  # added to `select` (or to every default rule) by `with_selection`
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: str = "warning"
    engine: str = "builtin"
    models_dir: str | None = None
    device: str = "auto"
    speech_verbs: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()
    fuzzy_threshold: float = 80.0
    partial_threshold: float = 90.0
    min_words: int = 3
    globs: tuple[str, ...] = ("*.txt", "*.md")
    path: str | None = None  # the file the settings came from, if any

    def ignored_for(self, source: str) -> tuple[str, ...]:
        """Code prefixes ignored for one source path by `per-file-ignores`."""
        out: list[str] = []
        for pattern, codes in self.per_file_ignores:
            if fnmatch.fnmatch(source, pattern) or fnmatch.fnmatch(os.path.basename(source), pattern):
                out.extend(codes)
        return tuple(out)

    def alias_map(self) -> dict[str, str]:
        """Speaker aliases as a dict: alias → canonical name."""
        return dict(self.aliases)


def find_config(paths: Sequence[str]) -> Path | None:
    """The nearest `.quotes.toml`, or `pyproject.toml` with a `[tool.quotes]` table, above the inputs."""
    starts = [_resolve(p) for p in paths] or [Path.cwd()]
    for start in starts:
        directory = start if start.is_dir() else start.parent
        for folder in (directory, *directory.parents):
            for name in CONFIG_FILES:
                candidate = folder / name
                if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                    return candidate
    return None


def _resolve(path: str) -> Path:
    """The absolute path of an input; a symlink loop is left unresolved (reading reports it)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # RuntimeError: pathlib's "Symlink loop" on Python 3.11
        return Path(os.path.abspath(path))


def _has_table(pyproject: Path) -> bool:
    try:
        return "quotes" in _load(pyproject).get("tool", {})
    except ConfigError:
        return False


def _load(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc


def _codes(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"'{key}' must be a list of rule codes or prefixes")
    return tuple(v.strip().upper() for v in value)


_KEYS = {
    "select", "extend-select", "ignore", "per-file-ignores", "fail-on", "engine", "models-dir", "device",
    "speech-verbs", "aliases", "fuzzy-threshold", "partial-threshold", "min-words", "glob",
}


def from_table(table: Mapping[str, Any], path: str | None = None) -> Config:
    """Build a Config from a `[tool.quotes]`-shaped mapping, rejecting unknown keys."""
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{path or 'config'}: unknown setting(s): {', '.join(unknown)}")
    values: dict[str, Any] = {"path": path}
    for key in ("select", "extend-select", "ignore"):
        if key in table:
            values[key.replace("-", "_")] = _codes(table[key], key)
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, Mapping):
            raise ConfigError("'per-file-ignores' must be a table of glob = [codes]")
        values["per_file_ignores"] = tuple((g, _codes(c, "per-file-ignores")) for g, c in pfi.items())
    if "fail-on" in table:
        values["fail_on"] = check_severity(str(table["fail-on"]))
    for key in ("engine", "models-dir", "device"):
        if key in table:
            values[key.replace("-", "_")] = str(table[key])
    if "speech-verbs" in table:
        values["speech_verbs"] = tuple(str(v).lower() for v in table["speech-verbs"])
    if "aliases" in table:
        if not isinstance(table["aliases"], Mapping):
            raise ConfigError("'aliases' must be a table of alias = canonical name")
        values["aliases"] = tuple((str(k), str(v)) for k, v in table["aliases"].items())
    if "glob" in table:
        globs = table["glob"]
        values["globs"] = (globs,) if isinstance(globs, str) else tuple(globs)
    for key, cast in (("fuzzy-threshold", float), ("partial-threshold", float), ("min-words", int)):
        if key in table:
            try:
                values[key.replace("-", "_")] = cast(table[key])
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"'{key}' must be a number") from exc
    return Config(**values)


def check_severity(value: str) -> str:
    """Validate a severity name for `--fail-on`."""
    if value not in SEVERITIES:
        raise ConfigError(f"unknown severity {value!r}; choose one of {', '.join(SEVERITIES)}")
    return value


def load_config(paths: Sequence[str], explicit: str | None = None) -> Config:
    """Read the config file for these inputs (or `explicit`); defaults when there is none."""
    path = Path(explicit) if explicit else find_config(paths)
    if path is None:
        return Config()
    data = _load(path)
    table = data.get("tool", {}).get("quotes", {}) if path.name == "pyproject.toml" else data
    return from_table(table, str(path))


def override(config: Config, **cli: Any) -> Config:
    """Apply CLI options that were given (not None, not empty) on top of the file's settings."""
    given = {k: v for k, v in cli.items() if v is not None and v != ()}
    return attrs.evolve(config, **given)


# Every default rule: the prefix that `extend-select` extends when nothing is selected.
ALL_DEFAULT = ("Q",)


def with_selection(config: Config, select: tuple[str, ...] | None = None, extend_select: tuple[str, ...] | None = None) -> Config:
    """Apply `--select` / `--extend-select` as ruff does, and fold `extend_select` into `select`.

    A CLI `select` replaces the file's `select` and drops the file's `extend-select`; a CLI
    `extend-select` adds to whatever is selected. The result has `extend_select` empty and a
    `select` that says it all: the selected prefixes (or every default rule) plus the extensions.
    """
    chosen = config.select if select is None else select
    extend = (*(config.extend_select if select is None else ()), *(extend_select or ()))
    if extend:
        chosen = (*(chosen or ALL_DEFAULT), *extend)
    return attrs.evolve(config, select=tuple(dict.fromkeys(chosen)), extend_select=())
