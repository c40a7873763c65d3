"""The one exception family. Problems in prose are findings; these are for misuse and unreadable input."""

from __future__ import annotations


class QuotesError(Exception):
    """Base of every error this package raises on purpose; `str()` is a one-line message."""

    exit_code = 2


class SourceError(QuotesError):
    """A file that cannot be read or decoded."""

    def __init__(self, path: str, why: str) -> None:
        super().__init__(f"{path}: {why}")
        self.path = path
        self.why = why


class ConfigError(QuotesError):
    """A configuration file or option that makes no sense."""


class ModelsMissingError(QuotesError):
    """The stanza engine was asked for but its models are not installed."""

    def __init__(self, directory: str, lang: str = "en") -> None:
        super().__init__(
            f"stanza models for '{lang}' not found in {directory}; "
            f"install them with: quotes models download --lang {lang} --models-dir {directory}"
        )
        self.directory = directory
