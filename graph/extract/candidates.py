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


def text_of(doc: Doc) -> str:
    """``doc.text``, built once: spaCy builds it again from the tokens at every access, a Token object
    a character, which cost more than all the rules together."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


class KeepText:
    """The tokenizer, keeping the text it was given for :func:`text_of` (spaCy's tokenization is
    lossless: ``doc.text`` would be the same string, rebuilt)."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data["text"] = text
        return doc

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


def candidates(doc: Doc) -> list[Candidate]:
    return doc.user_data.setdefault(KEY, [])


def add(doc: Doc, start: int, end: int, type_: str, source: str, priority: int = 0, **attrs) -> Candidate:
    c = Candidate(start, end, type_, source, priority, dict(attrs))
    candidates(doc).append(c)
    return c


def of_type(doc: Doc, *types: str) -> list[Candidate]:
    return [c for c in candidates(doc) if c.type in types]
