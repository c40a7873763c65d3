"""Refresh the example outputs in README.md by running the commands they show.

Each example is a `<!-- run: ARGS -->` comment followed by a fenced block; the block is
replaced with the real output of `quotes ARGS` run from the repository root. With `--check`,
nothing is written and the exit code says whether the README is up to date (tests use it).
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

from quotes.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
EXAMPLE = re.compile(r"(<!-- run: (?P<args>.+?) -->\n```(?P<lang>\w*)\n)(?P<body>.*?)(```)", re.DOTALL)


def run(args: str) -> str:
    """The output of `quotes ARGS` (stdout, then stderr), as the README shows it."""
    import os

    here = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, shlex.split(args), color=False)
    finally:
        os.chdir(here)
    out = result.stdout + (result.stderr or "")
    return out if out.endswith("\n") else out + "\n"


def refreshed(text: str) -> str:
    """README text with every example block replaced by the command's real output."""
    return EXAMPLE.sub(lambda m: m.group(1) + run(m.group("args")) + m.group(5), text)


def main_() -> int:
    """Write the refreshed README, or with --check report whether it is stale."""
    text = README.read_text(encoding="utf-8")
    new = refreshed(text)
    if "--check" in sys.argv:
        return 0 if new == text else 1
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main_())
