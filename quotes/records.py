"""Primary records: transcripts, caption files and plain statements, read into speaker turns.

In: a path (and optionally the speaker of a statement or of `A:` answers). Out: a frozen
`Record` whose `turns` index into `Record.text` (the decoded file for transcripts and
statements, the cue texts joined with spaces for captions), each turn with its speaker,
role and a human label `at` ("turn 3" or a cue time "00:12:31.200"). This module refuses to
know what a quote is: it only reads who said which words, and where.
"""

# Word tables read best as whitespace-separated text, so str.split() literals are kept (SIM905).
# ruff: noqa: SIM905

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import attrs

from quotes.errors import SourceError
from quotes.lexicon import HONORIFICS, ROLE_WORDS
from quotes.readers.decode import decode

KINDS = ("transcript", "captions", "statement")


@attrs.frozen
class Turn:
    """One speaker turn (transcripts) or one cue (captions): `text == record.text[start:end]`."""

    index: int
    speaker: str | None
    start: int
    end: int
    text: str
    at: str
    role: str | None = None
    label: str | None = None


@attrs.frozen
class Record:
    """A primary record of what was said, split into turns."""

    path: str
    kind: str  # one of KINDS
    text: str
    turns: tuple[Turn, ...]

    @property
    def speakers(self) -> tuple[str, ...]:
        """The distinct named speakers of the record, in order of first turn."""
        return tuple(dict.fromkeys(t.speaker for t in self.turns if t.speaker))


# --- decoding ---------------------------------------------------------------------------


def _read_text(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise SourceError(path, f"cannot read the record: {exc.strerror or exc}") from exc
    decoded = decode(data)
    if decoded.error is not None:
        raise SourceError(path, decoded.error)
    return decoded.text


# --- names ------------------------------------------------------------------------------

# Labels that name a role, not a person: their turns have no known speaker.
GENERIC_LABELS = frozenset(
    """
    q a question answer reporter reporters journalist audience member moderator host
    operator interviewer unidentified unknown speaker male female man woman voice
    participant crowd
    """.split()
)

# Role words from the lexicon, plus job titles that open transcript and caption labels
# ("CURATOR ELSPETH MARROQUIN:", "ACTING CHIEF CONSTABLE ...:") but rarely precede names in prose.
_ROLES = frozenset(w.rstrip(".") for w in ROLE_WORDS | set(HONORIFICS)) | frozenset(
    """
    the of for curator constable acting interim former senior assistant associate executive
    managing editor anchor correspondent presenter principal dean provost chancellor
    commander marshal warden coroner prosecutor counsel solicitor barrister mp mep
    """.split()
)


def _cap_word(word: str) -> str:
    """TEVIOT-MARSH -> Teviot-Marsh, O'BRIEN -> O'Brien; mixed-case words are kept."""
    if not word.isupper():
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.lower())


def canonical_label(label: str) -> tuple[str | None, str | None]:
    """A turn label to (speaker, role): `SECRETARY BLINKEN` -> ("Blinken", "Secretary")."""
    words = [_cap_word(w) for w in label.split()]
    words = [w.lower() if k and w.lower() in PARTICLES else w for k, w in enumerate(words)]
    if not words:
        return None, None
    if all(w.lower().rstrip(".") in GENERIC_LABELS or w.isdigit() for w in words):
        return None, " ".join(w.lower() for w in words)
    role: list[str] = []
    # Leading role words and honorifics are the role; the rest is the name.
    while len(words) > 1 and words[0].lower().rstrip(".") in _ROLES:
        role.append(words.pop(0))
    if len(words) == 1 and words[0].lower().rstrip(".") in _ROLES:
        # "THE PRESIDENT", "MODERATOR": a role with no name.
        return None, " ".join([*role, words[0]])
    return " ".join(words), (" ".join(role) or None)


# --- transcripts ------------------------------------------------------------------------

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
# One label at the start of a line. Caps labels ("SECRETARY BLINKEN:"), title-case names with
# lowercase particles ("Secretary of State Blinken:"), Q/A, and an optional timestamp.
_LABEL = re.compile(
    rf"""^[ \t]*(?:>>+[ \t]*)?(?:[\[(]{_TIME}[\])][ \t]*)?(?:\*\*|__)?
    (?P<label>
        [Qq]\.?|[Aa]\.?
      | [^\W\d_][\w.'’\-]*(?:[ \t]+(?:[^\W\d_][\w.'’\-]*|\d{{1,2}}|of|the|de|van|von|da|del|al|bin|la|le|du)){{0,6}}
    )
    [ \t]*(?:[\[(]{_TIME}[\])])?
    (?:
        [ \t]*(?:\*\*|__)?[ \t]*:(?:\*\*|__)?(?:[ \t]+|$)
      | (?<=[QA])(?:\t|[ ]{{2,}})(?=\S)
    )""",
    re.VERBOSE | re.MULTILINE,
)
# Broadcast ">>" speaker changes, Markdown-bold labels ("**Ana Ruiz:**") and White House style
# "Q    Mr. President," (tab or wide space, no colon) are turn labels too.
# Words that open a header or note line, not a turn ("Transcript: ...", "NOTE: ...").
_NOT_LABELS = frozenset(
    """
    transcript date time location place venue source title subject note notes event re
    update updated published copyright disclaimer editor summary background
    """.split()
)


# Words of event titles: a first line "Press Briefing: ..." is a header, not a speaker's turn.
_HEADER_WORDS = frozenset(
    """
    press briefing conference transcript remarks statement interview meeting hearing session
    update announcement event availability call debate speech address q&a
    """.split()
)


def _label_kind(label: str) -> str | None:
    """'qa', 'caps', 'title' or None (not a label) for a candidate label."""
    bare = label.rstrip(".").strip()
    if bare in ("Q", "A", "q", "a"):
        return "qa"
    first = bare.split()[0].lower().rstrip(".")
    if first in _NOT_LABELS or len(bare) > 60:
        return None
    letters = [c for c in bare if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "caps"
    words = [w for w in bare.split() if w[0].isalpha()]
    # Title-case names: every word but particles is capitalised.
    if words and all(w[0].isupper() or w in PARTICLES for w in words):
        return "title"
    return None


# Lowercase particles inside names ("Ludwig van Beethoven", "Secretary of State").
PARTICLES = frozenset("of the de van von da del al bin la le du".split())


def _principal(header: str) -> str | None:
    """The principal of a Q/A transcript from its header ("Remarks by Secretary Blinken ...")."""
    m = re.search(
        r"\b(?:by|with|from)\s+((?:[A-Z][\w.'’\-]*\s+(?:of\s+)?){0,5}[A-Z][\w'’\-]*)", header
    )
    if not m:
        return None
    words = m.group(1).split()
    # Strip the office ("Secretary of State") off the front: the name is what follows it.
    while len(words) > 1 and (words[0].lower().rstrip(".") in _ROLES or words[0] == "State"):
        words.pop(0)
    name = " ".join(words)
    return name if words and words[0].lower().rstrip(".") not in _ROLES else None


def _labels(text: str) -> list[tuple[re.Match[str], str]]:
    found = [(m, k) for m in _LABEL.finditer(text) if (k := _label_kind(m.group("label")))]
    counts: dict[str, int] = {}
    for m, _ in found:
        counts[m.group("label").upper()] = counts.get(m.group("label").upper(), 0) + 1
    strong = any(k in ("caps", "qa") for _, k in found)
    keep = []
    for i, (m, k) in enumerate(found):
        once = counts[m.group("label").upper()] == 1
        # A title-case "label" seen once among no others is a sentence with a colon, not a turn.
        if k == "title" and once and not strong and len(counts) < 2:
            continue
        # A first line naming an event, not a person, is the header ("Press Briefing: Comet").
        if i == 0 and once and k != "qa" and _HEADER_WORDS & set(m.group("label").lower().split()):
            continue
        keep.append((m, k))
    # Q/A labels only count in a file that is Q/A style (a lone "A:" is a sentence).
    if sum(1 for _, k in keep if k == "qa") < 2:
        keep = [(m, k) for m, k in keep if k != "qa"]
    return keep


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse_transcript(path: str, text: str, speaker: str | None = None) -> Record | None:
    """Turns of a `NAME: words` transcript, or None when the text has no turn labels."""
    labels = _labels(text)
    if not labels:
        return None
    header = text[: labels[0][0].start()]
    answerer = speaker or _principal(header)
    turns: list[Turn] = []
    for i, (m, kind) in enumerate(labels):
        end = labels[i + 1][0].start() if i + 1 < len(labels) else len(text)
        start, end = _trim(text, m.end(), end)
        label = m.group("label")
        who: str | None
        role: str | None
        if kind == "qa":
            is_q = label[0] in "Qq"
            who, role = (None, "reporter") if is_q else (answerer, "answer")
        else:
            who, role = canonical_label(label)
        turns.append(
            Turn(len(turns), who, start, end, text[start:end], f"turn {len(turns) + 1}", role, label)
        )
    return Record(path, "transcript", text, tuple(turns))


def statement(path: str, text: str, speaker: str | None = None) -> Record:
    """A plain statement: the whole text is one turn of `speaker`."""
    start, end = _trim(text, 0, len(text))
    turn = Turn(0, speaker, start, end, text[start:end], "turn 1")
    return Record(path, "statement", text, (turn,))


# --- captions ---------------------------------------------------------------------------

_TAGS = re.compile(r"</?[a-zA-Z][^>]*>")
_VOICE = re.compile(r"<v(?:\.[\w.\-]+)?\s+([^>]+)>")
# Broadcast captions mark a new speaker with ">>" (and sometimes "- ").
_CHANGE = re.compile(r"^\s*(?:>>+|-\s)")
_CAPS_LABEL = re.compile(r"^\s*([A-Z][A-Z.'’\- ]{1,40}):\s+")


def _stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _seconds(stamp: str) -> float:
    """'01:02:03.450' or '02:03.450' to seconds."""
    total = 0.0
    for part in stamp.replace(",", ".").split(":"):
        total = total * 60 + float(part)
    return total


def _cues(path: str, raw: str, fmt: str) -> Iterator[tuple[float, str]]:
    """(start seconds, raw cue text) from a VTT or SRT file, with a readable install hint."""
    try:
        if fmt == "vtt":
            import webvtt

            parsed: Any = webvtt.from_string(raw)
            for c in parsed:
                yield _seconds(c.start), c.raw_text
        else:
            import srt

            for sub in srt.parse(raw):
                yield sub.start.total_seconds(), sub.content
    except ImportError as exc:
        raise SourceError(
            path, f"reading captions needs {exc.name}: pip install 'quotes[captions]'"
        ) from exc
    except Exception as exc:  # the parsers' own error types: malformed timestamps or blocks
        raise SourceError(path, f"malformed {fmt.upper()} captions: {exc}") from exc


def parse_captions(path: str, raw: str, fmt: str) -> Record:
    """Cues of a WebVTT/SRT file joined into one searchable text, one turn per cue."""
    parts: list[str] = []
    turns: list[Turn] = []
    pos = 0
    voice: str | None = None
    previous = ""
    for seconds, cue in _cues(path, raw, fmt):
        m = _VOICE.search(cue)
        if m:
            voice = m.group(1).strip()
        elif _CHANGE.match(cue):
            voice = None  # a new, unnamed speaker
        body = _TAGS.sub("", cue)
        body = _CHANGE.sub("", body)
        lab = _CAPS_LABEL.match(body)
        if lab and _label_kind(lab.group(1)) == "caps":
            voice = lab.group(1)
            body = body[lab.end() :]
        lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
        # Roll-up captions repeat the previous cue's last line at the top of the next cue.
        if lines and previous and lines[0] == previous and len(lines) > 1:
            lines = lines[1:]
        if not lines:
            continue
        previous = lines[-1]
        text = " ".join(lines)
        who, role = canonical_label(voice) if voice else (None, None)
        start = pos + (1 if parts else 0)
        parts.append(text)
        pos = start + len(text)
        turns.append(Turn(len(turns), who, start, pos, text, _stamp(seconds), role, voice))
    if not turns:
        raise SourceError(path, "the captions file has no cues")
    return Record(path, "captions", " ".join(parts), tuple(turns))


def _format(path: str, text: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext in (".vtt", ".webvtt") or text.lstrip().startswith("WEBVTT"):
        return "vtt"
    if ext == ".srt" or re.match(r"\s*\d+\s*\n\d\d:\d\d:\d\d[,.]\d+\s*-->", text):
        return "srt"
    return "text"


def read_record(path: str, speaker: str | None = None, kind: str | None = None) -> Record:
    """Read a transcript, captions file or statement; `kind="statement"` forces a statement."""
    if kind is not None and kind not in KINDS:
        raise SourceError(path, f"unknown record kind {kind!r} (expected one of {', '.join(KINDS)})")
    text = _read_text(path)
    if not text.strip():
        raise SourceError(path, "the record is empty")
    fmt = _format(path, text)
    if kind == "captions" or (kind is None and fmt != "text"):
        return parse_captions(path, text, "srt" if fmt == "srt" else "vtt")
    if kind != "statement":
        record = parse_transcript(path, text, speaker)
        if record is not None:
            return record
    return statement(path, text, speaker)
