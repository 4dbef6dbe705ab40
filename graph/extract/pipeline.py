"""The extractor: a blank Chinese spaCy pipeline of our own components.

Order matters: places first (organisations are anchored on them), then organisations, projects
(anchored on both), people (whose titles point at organisations), the statistical model for what
the rules cannot see, and the resolver that settles overlaps.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language

from graph.articles import Article
from graph.extract import aliases, bio, model, orgs, people, places, projects, resolve  # noqa: F401  (factories)
from graph.extract.candidates import KeepText
from graph.extract.model import MODEL_DIR, load_model, model_available
from graph.extract.resolve import mention_attrs
from graph.mentions import Mention

RULES = (
    "district_matcher",
    "known_company_matcher",
    "company_matcher",
    "park_matcher",
    "government_matcher",
    "project_matcher",
    "alias_matcher",
    "person_matcher",
)


@functools.lru_cache(maxsize=4)
def build_nlp(use_model: bool = True, model_dir: str = str(MODEL_DIR)) -> Language:
    """The pipeline; the statistical model joins it when it is shipped (``use_model``)."""
    nlp = spacy.blank("zh")  # character tokens: names do not follow word boundaries
    nlp.tokenizer = KeepText(nlp.tokenizer)
    for name in RULES:
        nlp.add_pipe(name)
    if use_model and model_available(Path(model_dir)):
        shipped = load_model(Path(model_dir))
        for name in shipped.pipe_names:  # the tagger and the reader of its tags
            nlp.add_pipe(name, source=shipped)
        nlp.add_pipe("model_people")
    nlp.add_pipe("mention_resolver")
    return nlp


def extract(articles: Iterable[Article], nlp: Language | None = None) -> dict[str, list[Mention]]:
    """Mentions of every article, by article id."""
    nlp = nlp or build_nlp()
    arts = list(articles)
    out: dict[str, list[Mention]] = {}
    for art, doc in zip(arts, nlp.pipe(a.text for a in arts), strict=True):
        out[art.id] = mentions_of(art, doc)
    return out


def mentions_of(art: Article, doc) -> list[Mention]:
    found = []
    for span in doc.spans["mentions"]:
        a = mention_attrs(doc, span)
        s, e = span.start_char, span.end_char
        rs, re_ = art.raw_span(s, e)
        org = a.get("org")
        found.append(
            Mention(
                doc=art.doc,
                article=art.id,
                type=span.label_,
                surface=span.text,
                start=s,
                end=e,
                raw_start=rs,
                raw_end=re_,
                source=a.get("source", ""),
                role=a.get("role"),
                ref=a.get("ref"),
                kb=a.get("kb"),
                org_start=org[0] if org else None,
                org_end=org[1] if org else None,
            )
        )
    return found
