"""Candidate mentions as the rule components pass them along a spaCy ``Doc``.

Components add candidates (which may overlap) to ``doc.user_data["candidates"]``; the resolver
at the end of the pipeline picks the final mentions and writes ``doc.spans["mentions"]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

KEY = "candidates"


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    source: str
    priority: int = 0  # wins ties between overlapping candidates of equal length
    attrs: dict = field(default_factory=dict)


def candidates(doc: Doc) -> list[Candidate]:
    return doc.user_data.setdefault(KEY, [])


def add(doc: Doc, start: int, end: int, type_: str, source: str, priority: int = 0, **attrs) -> Candidate:
    c = Candidate(start, end, type_, source, priority, dict(attrs))
    candidates(doc).append(c)
    return c


def of_type(doc: Doc, *types: str) -> list[Candidate]:
    return [c for c in candidates(doc) if c.type in types]
