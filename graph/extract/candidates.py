"""Candidate mentions as the rule components pass them along a spaCy ``Doc``.

Components add candidates (which may overlap) to ``doc.user_data["candidates"]``; the resolver
at the end of the pipeline picks the final mentions and writes ``doc.spans["mentions"]``.
"""

from __future__ import annotations

import re
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


_SPACE_RUN = re.compile(r"\s+")


def char_tokens(text: str) -> tuple[list[str], list[bool]]:
    r"""The words and spaces spaCy's Chinese ``char`` segmenter makes of ``text``: a token a character,
    a single space after a character its trailing space, any other run of white space a token.
    (``spacy.util.get_words_and_spaces`` finds the same by searching the rest of the text for every
    character, which costs a copy of the rest each time.)

    >>> char_tokens("两江 新区\n\n项目")
    (['两', '江', '新', '区', '\n\n', '项', '目'], [False, True, False, False, False, False, False])
    """
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for m in _SPACE_RUN.finditer(text):
        words.extend(text[pos : m.start()])
        spaces.extend([False] * (m.start() - pos))
        run = m.group()
        if pos < m.start() and run[0] == " ":  # right after a character
            spaces[-1] = True
            run = run[1:]
        if run:
            words.append(run)
            spaces.append(False)
        pos = m.end()
    words.extend(text[pos:])
    spaces.extend([False] * (len(text) - pos))
    return words, spaces


class KeepText:
    """The tokenizer, keeping the text it was given for :func:`text_of` (spaCy's tokenization is
    lossless: ``doc.text`` would be the same string, rebuilt). With the ``char`` segmenter it makes
    the tokens itself (:func:`char_tokens`)."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer
        self.chars = getattr(tokenizer, "segmenter", None) == "char"

    def __call__(self, text: str) -> Doc:
        if self.chars:
            words, spaces = char_tokens(text)
            doc = Doc(self.tokenizer.vocab, words=words, spaces=spaces)
        else:
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
