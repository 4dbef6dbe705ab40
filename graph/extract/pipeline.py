"""The extractor: a blank Chinese spaCy pipeline of our own components.

Order matters: places first (organisations are anchored on them), then organisations, projects
(anchored on both), people (whose titles point at organisations), the statistical model for what
the rules cannot see, and the resolver that settles overlaps.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language

from graph.articles import Article
from graph.extract import aliases, bio, model, orgs, people, places, projects, resolve  # noqa: F401  (factories)
from graph.extract.candidates import KeepText
from graph.extract.lexicon import (
    boundary_words,
    crosses_word,
    gazetteer,
    jieba_tok,
    leading_places,
    lexicon,
    place_inside,
    post_titles,
    word_freq,
)
from graph.extract.model import MODEL_DIR, load_model, model_available
from graph.extract.projects import company_heads, long_form
from graph.extract.resolve import mention_attrs
from graph.mentions import ALIAS_SOURCE, PAGE_SOURCE, PROJECT_SOURCE, Mention
from graph.names import REGISTERED
from graph.normalize import is_cjk

RULES = (
    "district_matcher",
    "known_company_matcher",
    "company_matcher",
    "park_matcher",
    "government_matcher",
    PROJECT_SOURCE,
    ALIAS_SOURCE,
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
    pages: dict[str, list[Article]] = {}
    for art in arts:
        pages.setdefault(art.doc, []).append(art)
    for page in pages.values():
        page_short_forms(page, out, nlp.get_pipe("company_matcher").forms_of)
        page_project_forms(page, out)
    return out


RARE_WORD = 50
"""A word of a short form says which company it is if jieba's dictionary has it at most this often."""
COMMON_WORD = 1000
"""A short name an article defines made of words this common (项目公司) is a word, not a name."""


def _proper_form(form: str, name: str, defined: bool) -> bool:
    """Does ``form`` say which company it is? One an article defines, unless it is common words
    (以下简称“项目公司”); one made from a registered name, where it holds a rare word of the name
    (游轮) or two characters jieba has no word for (江|港), not led by a place: not 国际物流, 重庆医药."""
    words = jieba_tok().lcut(form, HMM=False)
    if defined:
        return not all(len(w) >= 2 and word_freq(w) >= COMMON_WORD for w in words)
    if any(
        len(w) >= 2 and w in name and word_freq(w) <= RARE_WORD and not leading_places(w)[0] for w in words
    ):
        return True
    return any(
        len(a) == len(b) == 1 and is_cjk(a) and is_cjk(b) and a + b in name
        for a, b in itertools.pairwise(words)
    )


def _shorter_within(m: Mention, s: int, e: int) -> bool:
    """Is ``m`` a company's short form written inside ``s``…``e`` and shorter (no registered name)?"""
    return (
        m.type == "company"
        and s <= m.start
        and m.end <= e
        and m.end - m.start < e - s
        and not m.surface.endswith(REGISTERED)
    )


def _untitled_within(m: Mention, s: int, e: int) -> bool:
    """Is ``m`` a person's name without a title read inside ``s``…``e`` (齐力 of 齐力齿轮, which an
    article of the page defines)?"""
    return m.type == "person" and m.role is None and s <= m.start and m.end <= e


def _glued_before(m: Mention, s: int, e: int, text: str) -> bool:
    """Is ``m`` a company's name read on from ``text[s:e]`` over a word that stands before names
    (为数鸢科技: jieba reads 为数, a count), no registered name? Or the company a project's name
    was guessed to begin with, where the page's form begins it (城口农投老|腊肉…项目 for 城口农投)?"""
    if m.type != "company" or m.surface.endswith(REGISTERED):
        return False
    if m.source == PROJECT_SOURCE and m.start == s:
        return True
    return m.start < s and m.end == e and text[m.start : s] in boundary_words()


def _place_leading(m: Mention, s: int, e: int, form: str) -> bool:
    """Is ``m`` the place a short form that an article defines begins with (开州 of 开州文旅, 龙城 of
    龙城发展, Liaoning's 龙城)? Not a place of the paper's own city before a common word, which
    goes on as a phrase (为铜梁发展注入…)."""
    if m.type != "district" or m.start != s or m.end >= e:
        return False
    gaz, home = gazetteer(), lexicon()["government"]["home_city"]
    far = not any(place_inside(f, home, gaz) for f in gaz.full_names(m.surface))
    return far or word_freq(form[m.end - s :]) < COMMON_WORD


def page_short_forms(page: list[Article], found: dict[str, list[Mention]], forms_of) -> None:
    """A company a page names in full in one article and writes short in another (a brief, a
    caption: 江港发展 after 重庆万州江港发展集团有限公司 two columns away): a mention of the short
    form wherever nothing else is found, its ``ref`` the full name. Short forms are those an article
    defines (以下简称星辰游轮, two characters or more) and those of a registered name (``forms_of``,
    three or more), each standing for one company of the page only and saying which it is
    (:func:`_proper_form`: not 国际物流 of 重庆国际物流集团, nor a 项目公司 an article defines); not
    inside a word. An article that names the company in full finds its own short forms."""
    if len(page) < 2:
        return
    owners: dict[str, set[str]] = {}
    defined: dict[str, set[str]] = {}
    for art in page:
        for m in found[art.id]:
            if m.type != "company":
                continue
            if m.source == ALIAS_SOURCE and m.ref and _proper_form(m.surface, m.ref, defined=True):
                owners.setdefault(m.surface, set()).add(m.ref)
                defined.setdefault(m.surface, set()).add(m.ref)
            elif m.surface.endswith(REGISTERED):
                for form in forms_of(m.surface):
                    if len(form) >= 3 and _proper_form(form, m.surface, defined=False):
                        owners.setdefault(form, set()).add(m.surface)
    # (a form the page defines for one company is that company's, though another's registered name
    # could be written so too: 以下简称曜川动力 of 重庆曜川动力电池有限公司 beside 常州曜川动力电池有限公司)
    forms: dict[str, str] = {}
    for form, everyone in owners.items():
        full = defined.get(form, everyone)
        if len(full) == 1:
            forms[form] = next(iter(full))
    if not forms:
        return
    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    for art in page:
        mentions = found[art.id]
        written = {m.surface for m in mentions}
        at = {(m.start, m.end): k for k, m in enumerate(mentions)}
        added = []
        dropped: set[int] = set()

        def derived(k: int, form: str, mentions: list[Mention] = mentions) -> bool:
            # (a form the article made from a short name of its own, 重庆华芯 of 华芯半导体; not one of a
            # registered name it gives, 重庆华芯 of 重庆华芯半导体有限公司, which is the article's)
            m = mentions[k]
            own = m.ref is not None and m.ref.endswith(REGISTERED)
            return form in defined and m.source not in (ALIAS_SOURCE, PAGE_SOURCE) and not own

        for hit in pattern.finditer(art.text):
            s, e, form = hit.start(), hit.end(), hit.group()
            if forms[form] in written:
                continue  # (the article names it in full, and finds its own short forms)
            k = at.get((s, e))
            if k is not None and mentions[k].type == "company" and (not mentions[k].ref or derived(k, form)):
                # (found by the article's rules as a name of its own, or made from another name of
                # the article, 重庆华芯 of 华芯半导体: the page says whose, defining it so)
                mentions[k] = dataclasses.replace(mentions[k], source=PAGE_SOURCE, ref=forms[form])
                continue
            # (a project named after the company holds the form: 霁川热管理年产50万套…项目)
            inside = [
                m
                for m in mentions
                if m.start < e and s < m.end and not (m.type == "project" and m.start <= s and e <= m.end)
            ]
            glued = [m for m in inside if _glued_before(m, s, e, art.text)]
            # (jieba reads the word before into the form's first word: 为数|鸢|科技)
            edge = (e, e) if any(m.start < s for m in glued) else (s, e)
            if crosses_word(art.text, *edge, titles=post_titles()) or not all(
                m in glued
                or _shorter_within(m, s, e)
                or (form in defined and (_place_leading(m, s, e, form) or _untitled_within(m, s, e)))
                for m in inside
            ):
                continue
            # (a short form of another company inside the page's form gives way to it: 华芯 of
            # 重庆华芯 inside 华芯璧泉, which an article of the page defines; so do the place a
            # defined form begins with, 龙城 of 龙城发展, a person's name read inside it, 齐力 of
            # 齐力齿轮, and a name the article's rules read with the word before it, 为数鸢科技)
            dropped.update(id(m) for m in inside)
            rs, re_ = art.raw_span(s, e)
            added.append(
                Mention(art.doc, art.id, "company", form, s, e, rs, re_, PAGE_SOURCE, ref=forms[form])
            )
        if added:
            kept = [m for m in mentions if id(m) not in dropped]
            found[art.id] = sorted(kept + added, key=lambda m: (m.start, m.end))


def page_project_forms(page: list[Article], found: dict[str, list[Mention]]) -> None:
    """A project a page names in full in one article and shorter in another (谷润饲料项目 in a
    caption, 谷润饲料年产60万吨生物发酵饲料项目 in the lead): the short mention's ``ref`` is the
    full name, as within an article (:func:`graph.extract.projects.long_form`), if the page holds
    one such name only, and the article names no other project it could be, one not named after another
    company (永川区…建设年产20万吨水产饲料项目。禾川饲料项目落户永川后… is that one). What the long
    mention stands for (its own ``ref``) the short one does too."""
    if len(page) < 2:
        return
    heads = company_heads(m.surface for art in page for m in found[art.id] if m.type == "company")
    full: dict[str, str] = {}
    for art in page:
        for m in found[art.id]:
            if m.type == "project":
                full.setdefault(m.surface, m.ref or m.surface)

    def could_be(m: Mention, o: Mention) -> bool:
        # (another project of the article, not named after another company: 年产20万吨水产饲料项目
        # may be 禾川饲料项目, 天瑞牧业…育种基地项目 may not)
        return o.surface != m.surface and not any(
            o.surface.startswith(h) and not m.surface.startswith(h) for h in heads
        )

    @functools.cache
    def longer(surface: str) -> str | None:  # (once a name: each short mention is asked about often)
        return long_form(surface, full, heads)

    def stands_for(m: Mention) -> str:
        target = None if m.ref else longer(m.surface)
        return m.ref or (full[target] if target else m.surface)

    for art in page:
        mentions = found[art.id]
        named = [m for m in mentions if m.type == "project"]
        for k, m in enumerate(mentions):
            if m.type != "project" or m.ref:
                continue
            target = longer(m.surface)
            if target is None or any(o.surface == target for o in named):
                continue  # (the article's own long names were read by the project matcher)
            if any(could_be(m, o) and stands_for(o) != full[target] for o in named):
                continue  # (a project of the article's own it may be written short for)
            mentions[k] = dataclasses.replace(m, ref=full[target])


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
