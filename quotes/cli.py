"""Command-line interface (placeholder, filled by the lead)."""

from __future__ import annotations

import click


@click.group()
def main() -> None:
    """quotes: find, attribute, align and verify quotations."""
