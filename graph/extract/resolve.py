"""Pick the final mentions from overlapping candidates."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from graph.extract import candidates as cand

# Which type wins when two candidates cover exactly the same characters.
TYPE_RANK = {"government": 6, "company": 5, "park": 4, "project": 3, "district": 2, "person": 1}
# Mentions that may sit inside a chosen one (卓皓 in 卓皓轻量化零部件研发制造项目).
NESTED = {("project", "company"), ("project", "district"), ("project", "park")}


class MentionResolver:
    """Longest candidate first, then priority, then type; overlaps are dropped unless nesting is
    meaningful. Writes ``doc.spans["mentions"]``; attributes (role, org) go to
    ``doc.user_data["mention_attrs"][(start, end)]``."""

    def __init__(self, name: str = "mention_resolver") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        cands = sorted(
            cand.candidates(doc),
            key=lambda c: (-(c.end - c.start), -c.priority, -TYPE_RANK.get(c.type, 0), c.start),
        )
        text = cand.text_of(doc)
        # what the article names as a project is not a company inside another (綦万城际铁路 in
        # 綦万城际铁路控制性工程, where 重庆綦万城际铁路有限公司 is named after the line)
        works = {text[c.start : c.end] for c in cands if c.type == "project"}
        chosen: list[cand.Candidate] = []
        for c in cands:
            if c.end <= c.start:
                continue
            clash = False
            for k in chosen:
                if c.start < k.end and k.start < c.end:
                    inside = k.start <= c.start and c.end <= k.end
                    if inside and c.type == "company" and text[c.start : c.end] in works:
                        clash = True
                        break
                    if not (inside and (k.type, c.type) in NESTED) or (k.start, k.end) == (c.start, c.end):
                        clash = True
                        break
            if not clash:
                chosen.append(c)
        chosen.sort(key=lambda c: (c.start, c.end))
        spans = []
        attrs = {}
        for c in chosen:
            span = doc.char_span(c.start, c.end, label=c.type, alignment_mode="expand")
            if span is None:
                continue
            spans.append(span)
            attrs[(span.start_char, span.end_char)] = {"source": c.source, **c.attrs}
        doc.spans["mentions"] = SpanGroup(doc, name="mentions", spans=spans)
        doc.user_data["mention_attrs"] = attrs
        return doc


def mention_attrs(doc: Doc, span: Span) -> dict:
    return doc.user_data.get("mention_attrs", {}).get((span.start_char, span.end_char), {})


@Language.factory("mention_resolver")
def make_mention_resolver(nlp: Language, name: str) -> MentionResolver:
    return MentionResolver(name)
