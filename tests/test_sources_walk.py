"""The directory walk of quotes.sources: real paths found without a realpath per file."""

from __future__ import annotations

import os
from pathlib import Path

from quotes.sources import ReadOptions, _matcher, _walk, iter_paths


def _tree(root: Path) -> Path:
    top = root / "corpus"
    (top / "sub" / "deeper").mkdir(parents=True)
    for rel in ("a.txt", "sub/b.txt", "sub/deeper/c.md", "notes.bin"):
        (top / rel).write_text("“Yes,” she said.\n", encoding="utf-8")
    (top / "link-to-a.txt").symlink_to(top / "a.txt")
    (top / "alias").symlink_to(top / "sub")  # a second way into sub/
    (top / "loop").symlink_to(top)  # a link back to the top
    (top / "broken.txt").symlink_to(top / "missing.txt")
    (root / "outside").mkdir()
    (root / "outside" / "d.txt").write_text("x", encoding="utf-8")
    (top / "out").symlink_to(root / "outside")
    return top


def test_walk_real_paths_equal_realpath(tmp_path: Path) -> None:
    top = _tree(tmp_path)
    for arg in (str(top), os.path.relpath(top)):
        walked = list(_walk(arg, _matcher(ReadOptions().globs), set()))
        assert any(err is None for _, err, _ in walked)
        for path, err, real in walked:
            if err is None:
                assert real == os.path.realpath(path), path


def test_iter_paths_reads_each_file_once(tmp_path: Path) -> None:
    top = _tree(tmp_path)
    found = [(os.path.relpath(p, top), err) for p, err in iter_paths([str(top), str(top / "a.txt")], ReadOptions())]
    ok = sorted(p for p, err in found if err is None)
    # sub/ is walked once, through the alias that comes first in name order.
    assert ok == ["a.txt", "alias/b.txt", "alias/deeper/c.md", "out/d.txt"]
    assert [p for p, err in found if err is not None] == ["broken.txt"]
