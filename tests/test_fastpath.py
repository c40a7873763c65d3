"""The fast path's cheap scans (quotes.fastpath)."""

from __future__ import annotations

import pytest

from quotes.fastpath import _last_cue_token
from quotes.lexicon import SPEECH_VERB_FORMS


@pytest.mark.parametrize(("text", "word"), [
    ("\x00\x00, she said, and Ruiz Added later.", "Added"),
    ("\x00\x00 was what he told me, he said", "said"),
    ("\x00\x00 the report on the road", None),
    ("He said: \x00\x00 and then the mayor’s car", "said"),
    ("\x00\x00 the mayor’s reply", "reply"),
])
def test_last_cue_token(text: str, word: str | None) -> None:
    expected = -1 if word is None else text.rfind(word)
    assert _last_cue_token(text, 0, len(text), SPEECH_VERB_FORMS) == expected


def test_last_cue_token_stays_in_its_range() -> None:
    text = "Ann said it. Then nothing more. Bo said"
    assert _last_cue_token(text, 13, 31, SPEECH_VERB_FORMS) == -1
    assert _last_cue_token(text, 0, 12, SPEECH_VERB_FORMS) == 4
