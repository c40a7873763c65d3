"""The learned candidate ranker: training, the shipped weights, and what it may reopen."""

from __future__ import annotations

from quotes.attribute import attribute_document
from quotes.engines.builtin import BuiltinEngine
from quotes.model import Attribution
from quotes.ranker import Ranker, candidate_rows, train
from tests.test_attribute import doc_of


def test_train_separates_a_toy_problem() -> None:
    rows = [[1.0, x, 0.3] for x in (0.0, 0.1, 0.2, 0.3, 1.7, 1.8, 1.9, 2.0)]
    labels = [0, 0, 0, 0, 1, 1, 1, 1]
    r = Ranker(tuple(train(rows, labels, epochs=400)))
    assert all((r.score(x) > 0.5) == bool(y) for x, y in zip(rows, labels, strict=True))
    assert r.score([1.0, 3.0, 0.3]) > r.score([1.0, -1.0, 0.3])


def test_shipped_weights_fit_the_features() -> None:
    text = "Ana Ruiz runs the shelter. “We need the money,” she said."
    doc = doc_of(text)
    seen: list[list[list[float]]] = []

    class Record:
        def reopens(self, a: Attribution) -> bool:
            return True

        def choose(self, view, q, cands):  # type: ignore[no-untyped-def]
            seen.append(candidate_rows(view, q, cands))
            return cands[0]

    attribute_document(doc, chooser=Record())
    assert seen and all(len(row) == len(Ranker.load().weights) for rows in seen for row in rows)


def test_reopens_only_empty_or_guessed_speakers() -> None:
    r = Ranker.load()
    assert r.reopens(Attribution(confidence=0.0))
    assert r.reopens(Attribution(speaker="Ana Ruiz", confidence=0.4, method="subject"))
    assert not r.reopens(Attribution(speaker="Ana Ruiz", confidence=0.95, method="cue_after"))


def test_a_single_candidate_is_kept() -> None:
    a = Attribution(speaker="Ana Ruiz", confidence=0.4, method="subject")
    assert Ranker((0.0,)).choose(None, None, [a]) is a  # type: ignore[arg-type]


def test_ranker_leaves_cue_answers_alone() -> None:
    text = ("Ana Ruiz runs the shelter. “We need the money,” Ruiz said.\n\n"
            "Tom Bell, the mayor, was blunt. “We have no money,” he said.")
    on = BuiltinEngine().attribute([doc_of(text)])[0]
    off = BuiltinEngine(ranker=False).attribute([doc_of(text)])[0]
    assert [q.attribution.speaker for q in on.quotes] == [q.attribution.speaker for q in off.quotes] == [
        "Ana Ruiz", "Tom Bell"]
