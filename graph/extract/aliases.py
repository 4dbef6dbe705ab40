"""Names an article defines for what it has just named: 中国农业银行重庆市分行（以下简称农行重庆市分行）,
开州至巫溪高速公路（以下简称开巫高速）.

The defined name is often one no rule would read (农行重庆市分行 is no legal form, 开巫高速 no
project's suffix), and it stands for the full name wherever the article uses it: every occurrence
is a mention of the full name's type, its ``ref`` the full name, which the linker keys it by
(another article may define the same short name for another thing).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from graph.extract import candidates as cand
from graph.extract.lexicon import crosses_word, word_freq
from graph.mentions import ALIAS_SOURCE
from graph.names import in_order

DEFINED = re.compile(
    r"[（(](?:以下简称|以下称|下称|简称|以下统称|统称)[“\"‘]?(?P<alias>[^（）()“”\"‘’，。、；：\s]{2,12})[”\"’]?[）)]"
)
BRACKETED = re.compile(r"[（(](?P<alias>[\u4e00-\u9fff]{2,8})[）)]")
"""A short name in brackets without 简称, right after the full name whose characters it takes in their
order (深圳联拓供应链集团有限公司（联拓供应链）, 重庆市经济和信息化委员会（市经信委）)."""
TYPES = ("company", "government", "project", "park", "district")
COMMON = 1000
"""A defined name as common as this in jieba's dictionary (公司, 集团) is a word, not a name."""


class AliasMatcher:
    """Every occurrence of a name an article defines (…（以下简称X）) is a mention of what it defines."""

    def __init__(self, name: str = ALIAS_SOURCE) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = cand.text_of(doc)
        said = [(m, True) for m in DEFINED.finditer(text)] + [(m, False) for m in BRACKETED.finditer(text)]
        for m, defined in said:
            named = [c for c in cand.candidates(doc) if c.end == m.start() and c.type in TYPES]
            if not named:
                continue
            full = max(named, key=lambda c: (c.end - c.start, c.priority))
            alias, full_name = m.group("alias"), text[full.start : full.end]
            if alias == full_name or word_freq(alias) >= COMMON:
                continue  # (以下简称公司: the word any company is called by, left to anaphora)
            if not defined and (len(alias) >= len(full_name) or not in_order(alias, full_name)):
                continue  # (…有限公司（重庆）: a place the name goes on after, no short name)
            for a in re.finditer(re.escape(alias), text):
                if crosses_word(text, a.start(), a.end()):
                    continue  # (公司 in 子公司)
                cand.add(doc, a.start(), a.end(), full.type, self.name, priority=3, ref=full_name)
        return doc


@Language.factory(ALIAS_SOURCE)
def make_alias_matcher(nlp: Language, name: str) -> AliasMatcher:
    return AliasMatcher(name)
