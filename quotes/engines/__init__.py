"""Attribution engines: each turns Documents with bare quotes into Documents with attributions.

`get_engine(name, **options)` is the only door; the stanza engine module is imported lazily so
that `import quotes` and the built-in engine never import stanza or torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from quotes.model import Document


class Engine(Protocol):
    """Fills `Quote.attribution` for the speech quotes of each document."""

    name: str

    def attribute(self, docs: Sequence[Document]) -> list[Document]:
        """Return the documents with every speech quote's attribution filled."""
        ...


ENGINES = ("builtin", "stanza")


def get_engine(name: str, **options: Any) -> Engine:
    """Build the engine called `name`; stanza is imported only when asked for."""
    if name == "builtin":
        from quotes.engines.builtin import BuiltinEngine

        return BuiltinEngine(**options)
    if name == "stanza":
        from quotes.engines.stanza import StanzaEngine

        return StanzaEngine(**options)
    raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
