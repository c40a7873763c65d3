"""Bytes to text: BOMs, UTF-8, a detector for legacy encodings, and a refusal for binary files.

In: the raw bytes of one file (or one JSONL line). Out: a `Decoded` with the text, the
encoding used (with a note when bytes had to be replaced) and an error for binary data.
Newlines are normalised to "\\n" (CRLF and lone CR), so offsets and line numbers refer to
the normalised text. This module refuses to know file formats, paths or quotes.
"""

from __future__ import annotations

import codecs
import re
import threading

import attrs

BINARY = "binary file, not text"
SNIFF = 8192  # bytes looked at to tell text from binary, as git does

# Order matters: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# Legacy encodings newsroom copy actually arrives in, most likely first; the detector is
# asked about these before the full list because on short texts it otherwise picks exotic
# code pages (cp1250 for French, shift_jis for short Cyrillic).
PREFERRED = (
    "cp1252", "iso8859_15", "cp1251", "koi8_r", "cp1250", "iso8859_2", "cp1253", "cp1254",
    "cp1255", "cp1256", "cp1257", "cp1258", "gb18030", "big5", "shift_jis", "euc_jp",
    "euc_kr", "cp874", "iso8859_5", "mac_roman",
)  # fmt: skip
# C0 controls other than tab, newline, VT, form feed, CR and ESC: never in prose.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_HIGH = [bytes([b]) for b in range(0x80, 0x100)]
_NEWLINE = re.compile(r"\r\n?")


@attrs.frozen
class Decoded:
    """The outcome of decoding: text and encoding, or an error."""

    text: str = ""
    encoding: str | None = None
    error: str | None = None


_state = threading.local()


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode the invalid bytes one by one as cp1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    _state.count = getattr(_state, "count", 0) + len(bad)
    return bad.decode("cp1252", errors="replace"), exc.end


# Mixed files are mostly UTF-8 with a paragraph pasted from a Word/cp1252 source, so the
# invalid bytes are best read as cp1252 (curly quotes 0x93/0x94 come back as quotes).
codecs.register_error("quotes-cp1252", _cp1252_fallback)


def _utf8_with_fallback(data: bytes) -> tuple[str, int]:
    """Decode as UTF-8, reading invalid bytes as cp1252; return the text and how many bytes."""
    _state.count = 0
    text = data.decode("utf-8", errors="quotes-cp1252")
    return text, _state.count


def _looks_utf16(sample: bytes) -> str | None:
    """Name the UTF-16 byte order of BOM-less text (NULs on every other byte), if any."""
    sample = sample[: len(sample) // 2 * 2]
    half = len(sample) // 2
    if half < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    # Mostly-Latin UTF-16 has a NUL high byte on nearly every character, on one side only.
    if odd > 0.3 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def _sample(data: bytes, size: int = 1 << 20) -> bytes:
    """Up to `size` bytes from four places in the data, cut at line ends (big files only)."""
    if len(data) <= size:
        return data
    piece, step = size // 4, (len(data) - size // 4) // 3
    parts = []
    for at in range(0, 4 * step, step):
        chunk = data[at : at + piece]
        # Whole lines only: no multibyte character is cut, in any encoding we ask about.
        lo, hi = (chunk.find(b"\n") + 1 if at else 0), chunk.rfind(b"\n") + 1
        parts.append(chunk[lo:hi] if hi > lo else chunk)
    return b"".join(parts)


def _detect(sample: bytes) -> str | None:
    """Ask charset-normalizer which encoding fits; None when nothing does."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(sample, cp_isolation=list(PREFERRED)))
    if not matches or matches[0].chaos > 0.1:
        # The preferred list fits badly: let the detector try every code page it knows.
        matches = sorted([*matches, *from_bytes(sample)], key=lambda m: m.chaos)
    if not matches:
        return None
    low = matches[0].chaos
    close = [m for m in matches if m.chaos <= low + 0.01]
    top = max(m.coherence for m in close)
    close = [m for m in close if m.coherence >= top - 0.05]

    def rank(name: str) -> int:
        return PREFERRED.index(name) if name in PREFERRED else len(PREFERRED)

    # Equally plausible candidates: take the most common encoding among those that
    # decode the bytes the same way (charset-normalizer lists them in could_be_from_charset).
    best = min(close, key=lambda m: min(rank(c) for c in [m.encoding, *m.could_be_from_charset]))
    return min([best.encoding, *best.could_be_from_charset], key=rank)


def _controls(text: str) -> bool:
    """Whether decoded text starts with too many control characters to be prose."""
    # A BOM or NULs on alternate bytes also occur in binary records; text has few controls.
    head = text[: SNIFF // 2]
    return len(_CONTROL_TEXT.findall(head)) > 0.05 * len(head)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so line numbers count every line break once."""
    return _NEWLINE.sub("\n", text) if "\r" in text else text


def _declared_ok(data: bytes, declared: str | None) -> str | None:
    """Decode with an encoding the file declares (HTML meta charset), if it really fits."""
    if not declared:
        return None
    try:
        codecs.lookup(declared)
        return data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return None


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode one file's bytes: BOM, then UTF-8, then declared charset, then the detector."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            text = body.decode(codec, errors="replace")
            bad = text.count("\ufffd")
            if bad:  # some U+FFFD may have been in the file already: count only ours
                bad -= body.decode(codec, errors="ignore").count("\ufffd")
            note = f"{name} ({bad} invalid sequences replaced)" if bad else name
            if _controls(text):
                return Decoded(error=BINARY)
            return Decoded(normalise_newlines(text), note)
    sample = data[:SNIFF]
    if b"\x00" in sample:
        utf16 = _looks_utf16(sample)
        if utf16 is None:
            return Decoded(error=BINARY)
        text = data[: len(data) // 2 * 2].decode(utf16, errors="replace")
        if _controls(text):
            return Decoded(error=BINARY)
        return Decoded(normalise_newlines(text), f"{utf16} (no BOM)")
    # Executables and images without NULs still carry many control bytes.
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        return Decoded(error=BINARY)
    try:
        return Decoded(normalise_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    declared_text = _declared_ok(data, declared)
    if declared_text is not None:
        return Decoded(normalise_newlines(declared_text), codecs.lookup(declared or "").name)
    part = _sample(data)
    mixed, bad = _utf8_with_fallback(part)
    # Bytes beyond one per character are valid UTF-8 sequences: with many of them next to a
    # few invalid bytes the file is UTF-8 with pasted legacy text, not a legacy file (in
    # random data invalid bytes are the majority).
    if (len(part) - len(mixed)) * 10 >= bad and bad < 0.2 * len(part):
        return _fallback(data)
    guess = _detect(part)
    if guess is not None:
        try:
            return Decoded(normalise_newlines(data.decode(guess)), guess)
        except (UnicodeDecodeError, LookupError):
            pass  # the sample fitted, the whole file does not: read it as mixed UTF-8
    # No code page makes sense of it and most bytes are high: compressed or random data.
    elif sum(map(sample.count, _HIGH)) > 0.3 * len(sample):
        return Decoded(error=BINARY)
    return _fallback(data)


def _fallback(data: bytes) -> Decoded:
    """UTF-8 with invalid bytes read as cp1252, the count noted in the encoding."""
    text, bad = _utf8_with_fallback(data)
    return Decoded(normalise_newlines(text), f"utf-8 ({bad} invalid bytes read as cp1252)")
