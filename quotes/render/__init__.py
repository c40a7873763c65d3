"""Renderers: small classes with one `render` method, chosen by `--format`.

In: a `Run` (plus rule metadata for SARIF). Out: text. The JSON shapes built here are the
documented contract (see README); renderers know nothing about how results were computed.
"""

from __future__ import annotations

from typing import Any

from quotes.model import Finding, Group, Quote, Source, Verification

JSON_VERSION = 1


def source_json(s: Source) -> dict[str, Any]:
    """A source entry of the JSON contract."""
    return {
        "path": s.path,
        "chars": s.chars,
        "error": s.error,
        "encoding": s.encoding,
        "format": s.format,
        "title": s.title,
        "outlet": s.outlet,
        "date": s.date,
        "url": s.url,
        "origin": s.origin,
    }


def verification_json(v: Verification) -> dict[str, Any]:
    """The `verification` field of a quote entry."""
    return {
        "status": v.status,
        "record": v.record,
        "speaker": v.speaker,
        "at": v.at,
        "score": round(v.score, 1),
        "diff": [op.to_json() for op in v.diff],
    }


def quote_json(q: Quote, verification: Verification | None = None) -> dict[str, Any]:
    """A quote entry of the JSON contract (the extract fields, then additions)."""
    a = q.attribution
    entry: dict[str, Any] = {
        "id": q.id,
        "source": q.source,
        "start": q.start,
        "end": q.end,
        "line": q.line,
        "column": q.column,
        "text": q.text,
        "speech": q.speech,
        "category": q.category,
        "reason": q.reason,
        "parent": q.parent,
        "speaker": a.speaker,
        "speaker_mention": a.speaker_mention.to_json() if a.speaker_mention else None,
        "cue": a.cue.to_json() if a.cue else None,
        "anonymous": a.anonymous,
        "confidence": None if a.confidence is None else round(a.confidence, 3),
        "method": a.method,
        "role": a.role,
        "speaker_id": a.speaker_id,
        "marks": [q.open_mark, q.close_mark],
    }
    if verification is not None:
        entry["verification"] = verification_json(verification)
    return entry


def group_json(g: Group) -> dict[str, Any]:
    """A group entry of the check JSON."""
    return {
        "id": g.id,
        "reference": g.reference,
        "reference_basis": g.basis,
        "members": [
            {
                "quote": m.quote,
                "relation": m.relation,
                "drift": m.drift.klass,
                "alterations": list(m.drift.alterations),
                "reasons": list(m.drift.reasons),
                "diff": [op.to_json() for op in m.drift.ops],
            }
            for m in g.members
        ],
    }


def finding_json(f: Finding) -> dict[str, Any]:
    """A finding entry of the check JSON."""
    return {
        "code": f.code,
        "severity": f.severity,
        "message": f.message,
        "source": f.source,
        "line": f.line,
        "column": f.column,
        "quote": f.quote,
        "related": list(f.related),
    }
