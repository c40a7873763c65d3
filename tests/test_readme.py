"""The README's examples are the real output of the commands they show."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_examples_are_current() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "update_readme.py"), "--check"], cwd=ROOT)
    assert result.returncode == 0, "README examples are stale: run python scripts/update_readme.py"


def test_starts_with_the_two_commands_and_ci_runs_the_second() -> None:
    blocks = re.findall(r"```sh\n(.+?)\n```", README)
    install_and_check, install_and_test = blocks[0], blocks[1]
    assert "quotes check seeds/" in install_and_check and "pip install" in install_and_check
    assert "pytest" in install_and_test
    assert install_and_test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_rule_code_is_explained() -> None:
    from quotes.rules import rule_table

    for rule in rule_table():
        assert f"| {rule.code} | {rule.severity} | {rule.name} |" in README
