"""What the extractor hands to the linker: typed mentions with offsets into an article's text."""

from __future__ import annotations

import sys
from dataclasses import dataclass

TYPES = ("district", "company", "person", "project", "government", "park")

ALIAS_SOURCE = "alias_matcher"
"""The extractor component whose mentions are names an article defines (graph.extract.aliases)."""

PROJECT_SOURCE = "project_matcher"
"""The extractor component that finds projects (graph.extract.projects); a company it reads out of
a project's name (重庆XX科技年产…项目) is a guess of the project's owner, and has this source."""

PAGE_SOURCE = "page_short_form"
"""The source of a short form whose full name another article of its page gives
(:func:`graph.extract.pipeline.page_short_forms`): its ``ref`` is that name."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a name in an article.

    ``start``/``end`` index the article's normalised text (``articles.jsonl`` ``text``), so
    ``text[start:end] == surface``; ``raw_start``/``raw_end`` index the input file. ``role`` and
    ``org_start``/``org_end`` (the span of the organisation a title belongs to) are set on people;
    ``ref`` on a short form names the fuller mention of the same article it stands for.
    """

    doc: str
    article: str
    type: str
    surface: str
    start: int
    end: int
    raw_start: int
    raw_end: int
    source: str
    role: str | None = None
    ref: str | None = None  # the fuller name in the same article (or page) this short form stands for
    kb: str | None = None  # the entry of a known-company table this mention was matched to
    org_start: int | None = None
    org_end: int | None = None

    def __post_init__(self) -> None:
        # A corpus has millions of mentions but few distinct pages, articles, types and sources,
        # and a name is written eight times on average: one string each (mentions come from worker
        # processes and the cache as fresh strings) saves about 250 bytes a mention.
        for name in ("doc", "article", "type", "source", "surface"):
            object.__setattr__(self, name, sys.intern(getattr(self, name)))
        for name in ("role", "ref", "kb"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, sys.intern(value))

    def __reduce__(self) -> tuple:
        # rebuilt through __init__ when unpickled (from a worker process), so interned there too
        return (Mention, tuple(getattr(self, f) for f in self.__slots__))

    def to_json(self) -> dict:
        # every field is a str or an int: no need for asdict's deep copy (most of the cache's time)
        return {k: v for k in self.__slots__ if (v := getattr(self, k)) is not None}

    @staticmethod
    def from_json(d: dict) -> Mention:
        return Mention(**d)
