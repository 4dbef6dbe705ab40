"""Projects: named investments that end in 项目, 基地, 工程, 生产线, 电站…"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from graph.extract import candidates as cand
from graph.extract.lexicon import alternation, boundary_words, extend_left, lexicon

CAPACITY = re.compile(
    r"年产|\d+(?:\.\d+)?(?:万|亿|千)?(?:吨|件|GWh|MW|兆瓦|千瓦|台|辆|套|平方米)|[A-Za-z]{2,}"
)
ANCHOR_TYPES = ("company", "district", "park")


class ProjectMatcher:
    """A project name is the longest run of name words before its suffix, and it must be anchored on
    something particular — a company, a place or park, a capacity (年产30GWh) — or be long enough to
    be particular by itself. 一批重点项目 or 该项目 are not names."""

    def __init__(self, name: str = "project_matcher", min_len: int = 6) -> None:
        self.name = name
        lex = lexicon()["project"]
        self.suffix = re.compile(alternation(lex["suffixes"]))
        self.generic = tuple(sorted(lex["generic_start"], key=len, reverse=True))
        self.boundary = boundary_words() - {"及", "投资"}
        self.name_verbs = frozenset(lex["name_verbs"])
        self.min_len = min_len

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        anchors = cand.of_type(doc, *ANCHOR_TYPES)
        for m in self.suffix.finditer(text):
            start = extend_left(
                text, m.start(), max_chars=40, boundary=self.boundary, name_verbs=self.name_verbs, keep="及与"
            )
            # never swallow a company's legal form into a project: start after it
            name = text[start : m.end()]
            if start == m.start() or name.startswith(self.generic) or len(name) < self.min_len:
                continue
            inner = [a for a in anchors if start <= a.start and a.end <= m.start()]
            if not inner and not CAPACITY.search(text, start, m.start()) and m.start() - start < 8:
                continue
            cand.add(doc, start, m.end(), "project", self.name, priority=1)
        return doc


@Language.factory("project_matcher", default_config={"min_len": 6})
def make_project_matcher(nlp: Language, name: str, min_len: int) -> ProjectMatcher:
    return ProjectMatcher(name, min_len)
