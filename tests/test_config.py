"""Configuration files: discovery by walking up, [tool.quotes] tables, validation, CLI overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.config import Config, find_config, from_table, load_config, override, with_selection
from quotes.errors import ConfigError


def test_defaults_without_a_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert find_config([str(tmp_path / "a.txt")]) is None or not str(find_config([str(tmp_path / "a.txt")])).startswith(str(tmp_path))


def test_quotes_toml_found_by_walking_up(tmp_path: Path) -> None:
    (tmp_path / ".quotes.toml").write_text('ignore = ["Q4"]\nfail-on = "error"\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "story.txt").write_text("x", encoding="utf-8")
    config = load_config([str(deep / "story.txt")])
    assert config.ignore == ("Q4",)
    assert config.fail_on == "error"
    assert config.path == str(tmp_path / ".quotes.toml")


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.quotes]\nselect = ["Q1", "Q2"]\nspeech-verbs = ["harrumph"]\n'
        'fuzzy-threshold = 70\n[tool.quotes.aliases]\n"Sec. Blinken" = "Antony Blinken"\n'
        '[tool.quotes.per-file-ignores]\n"wire/*" = ["Q401"]\n',
        encoding="utf-8",
    )
    config = load_config([str(tmp_path)])
    assert config.select == ("Q1", "Q2")
    assert config.speech_verbs == ("harrumph",)
    assert config.fuzzy_threshold == 70.0
    assert config.alias_map() == {"Sec. Blinken": "Antony Blinken"}
    assert config.ignored_for("wire/story.txt") == ("Q401",)
    assert config.ignored_for("own/story.txt") == ()


def test_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    found = find_config([str(tmp_path)])
    assert found is None or found.parent != tmp_path


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"colour": True}, "unknown setting"),
        ({"fail-on": "fatal"}, "unknown severity"),
        ({"select": 3}, "list of rule codes"),
        ({"extend-select": [4]}, "'extend-select' must be a list of rule codes"),
        ({"fuzzy-threshold": "high"}, "must be a number"),
        ({"aliases": ["x"]}, "alias = canonical"),
    ],
)
def test_bad_settings_are_clear_errors(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        from_table(table)


def test_broken_toml_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / ".quotes.toml"
    bad.write_text("select = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read config"):
        load_config([str(tmp_path)])


def test_cli_overrides_only_what_was_given() -> None:
    base = Config(ignore=("Q4",), fail_on="error")
    merged = override(base, ignore=None, select=("Q1",), fail_on=None)
    assert merged.ignore == ("Q4",)
    assert merged.select == ("Q1",)
    assert merged.fail_on == "error"


def test_extend_select_is_read_from_the_file() -> None:
    assert from_table({"extend-select": ["q401"]}).extend_select == ("Q401",)


@pytest.mark.parametrize(
    ("file", "select", "extend", "expected"),
    [
        (Config(), None, None, ()),  # nothing chosen: every default rule
        (Config(), None, ("Q401",), ("Q", "Q401")),  # every default rule, plus Q401
        (Config(select=("Q1",)), None, ("Q401",), ("Q1", "Q401")),
        (Config(select=("Q1",), extend_select=("Q401",)), None, None, ("Q1", "Q401")),
        (Config(select=("Q1",), extend_select=("Q401",)), ("Q2",), None, ("Q2",)),  # a CLI select replaces both, as in ruff
        (Config(extend_select=("Q401",)), None, ("Q5", "Q401"), ("Q", "Q401", "Q5")),
    ],
)
def test_with_selection(file: Config, select: tuple[str, ...] | None, extend: tuple[str, ...] | None, expected: tuple[str, ...]) -> None:
    config = with_selection(file, select, extend)
    assert config.select == expected
    assert config.extend_select == ()
