"""Where a command's output goes: standard output, or a file written atomically.

In: the text (or a stream of pieces) and the target path, plus the paths that were read. Out:
the file, replaced in one step (a temporary file in the same folder, then `os.replace`), so a
reader never sees half a report and a failed run leaves the old file alone. A target that is one
of the inputs is refused before anything is written: input files are never written to.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from typing import IO

from quotes.errors import QuotesError


class OutputError(QuotesError):
    """An output file that cannot be written, or that would overwrite an input."""


def refuse_inputs(target: str, inputs: Sequence[str]) -> None:
    """Raise `OutputError` when `target` cannot be a new file, or is the same file as one of `inputs`."""
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        raise OutputError(f"{target}: cannot write: no such folder {folder}")
    if os.path.isdir(target):
        raise OutputError(f"{target}: cannot write: is a directory")
    if not os.path.exists(target):
        return
    for path in inputs:
        with contextlib.suppress(OSError):
            if os.path.isfile(path) and os.path.samefile(path, target):
                raise OutputError(f"{target}: is an input file; refusing to write over it")


@contextlib.contextmanager
def atomic_output(target: str, inputs: Sequence[str] = ()) -> Iterator[IO[str]]:
    """A text handle whose content replaces `target` only when the block ends without an error."""
    refuse_inputs(target, inputs)
    folder = os.path.dirname(os.path.abspath(target))
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115  (closed below, then renamed or removed)
            "w", encoding="utf-8", newline="\n", dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp", delete=False
        )
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        with handle:
            yield handle
        os.chmod(handle.name, _mode(target))
    except BaseException:
        os.unlink(handle.name)
        raise
    try:
        os.replace(handle.name, target)
    except OSError as exc:
        os.unlink(handle.name)
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None


def _mode(target: str) -> int:
    """The file mode to give the new file: the old file's, else what the umask allows (a temp file is 0600)."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(target: str, text: str, inputs: Sequence[str] = ()) -> None:
    """Write `text` to `target` atomically, refusing to write over an input."""
    with atomic_output(target, inputs) as handle:
        handle.write(text)
