"""What a name is made of: region, brand, industry word, legal form — the linker compares these.

``重庆渝拓化工有限公司`` is region 重庆, brand 渝拓, industry 化工, legal form 有限公司; ``渝拓集团`` is
brand 渝拓 with the group form. Two names of one brand may still be two companies (a group and its
regional operating company), so the linker asks :func:`compatible` before it merges.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from graph.extract.lexicon import gazetteer, lexicon, place_inside
from graph.extract.lexicon import leading_places as _leading_places

BRANCH_END = re.compile(r"(?:支行|分行|分公司|营业部|研发中心)$")


REGISTERED = ("有限公司", "有限责任公司", "股份公司")
"""The endings of a registered name's legal form (a plain 公司 or 集团 is also how a short form is
written)."""


@dataclass(frozen=True)
class CompanyName:
    region: tuple[str, ...]  # full names of the places before the brand
    brand: str
    industry: str
    legal: str
    branch: str

    @property
    def qualified(self) -> bool:
        return bool(self.region)

    @property
    def group(self) -> bool:
        return "集团" in self.legal

    @property
    def bare(self) -> bool:
        return not (self.region or self.industry or self.legal or self.branch)


class _Endings:
    """Words by their last character, each list longest first: :meth:`longest` looks only at the
    words that can end a string, where a scan of them all made 130 ``endswith`` calls a company name
    (most of the linker's reading of 19,000 names). Two words of one length cannot both end a
    string, so the first found is the one the scan of the whole list, longest first, found."""

    def __init__(self, words: list[str]) -> None:
        self.words = tuple(sorted(set(words), key=len, reverse=True))
        self._by_last: dict[str, list[str]] = {}
        for w in self.words:
            self._by_last.setdefault(w[-1], []).append(w)

    def longest(self, s: str, keep: int = 0) -> str | None:
        """The longest word that ends ``s`` and leaves ``keep`` characters before it."""
        fits = (w for w in self._by_last.get(s[-1:], ()) if s.endswith(w) and len(s) - len(w) >= keep)
        return next(fits, None)

    def ending(self, s: str) -> list[str]:
        """The words that end ``s``, longest first."""
        return [w for w in self._by_last.get(s[-1:], ()) if s.endswith(w)]


@functools.lru_cache(maxsize=1)
def _suffixes() -> tuple[_Endings, _Endings, _Endings, frozenset[str]]:
    lex = lexicon()["company"]
    # (技术, 农业: trades in registered names, too common to end short forms: see lexicon.toml)
    industry = lex["industry"] + lex["industry_after"] + lex["trades_in_names"]
    after = frozenset(lex["industry_after"])
    return _Endings(lex["legal"]), _Endings(industry), _Endings(lex["name_verbs"]), after


def _industry(rest: str) -> tuple[str, str]:
    """``(brand, industry)`` of a name without its places and legal form: the industry word that
    ends it (卡涞科技), with a general one after it (信华新材料科技: 新材料科技) or a verb
    (捷力轮毂制造: 轮毂制造); one word leaves at least a character of brand, two leave two."""
    _, industries, verbs, after = _suffixes()
    tail = next((v for v in verbs.ending(rest) if industries.longest(rest[: -len(v)], 2)), "")
    rest = rest[: len(rest) - len(tail)]
    word = industries.longest(rest, 2 if tail else 1)
    if word is None:
        return rest, tail
    rest, tail = rest[: -len(word)], word + tail
    if word in after and (more := industries.longest(rest, 2)):
        rest, tail = rest[: -len(more)], more + tail
    return rest, tail


def leading_places(s: str) -> tuple[tuple[str, ...], str]:
    """Places written at the start of ``s`` (as full names) and what follows them; a name keeps at
    least its last character."""
    return _leading_places(s, keep_last=True)


@functools.lru_cache(maxsize=65536)
def parse_company(name: str) -> CompanyName:
    """
    >>> parse_company("重庆渝拓化工有限公司")
    CompanyName(region=('重庆市',), brand='渝拓', industry='化工', legal='有限公司', branch='')
    """
    legal_forms = _suffixes()[0]
    branch = ""
    if BRANCH_END.search(name):
        for f in legal_forms.words:
            k = name.find(f)
            if k > 0 and k + len(f) < len(name):
                name, branch = name[: k + len(f)], name[k + len(f) :]
                break
    legal = ""
    if f := legal_forms.longest(name, 1):
        name, legal = name[: -len(f)], f
    region, rest = leading_places(name)
    bracket = _BRACKET_PLACE.search(rest)
    if bracket and not region and (places := _leading_places(bracket.group(1))[0]):
        # 渝味源（成都）食品有限公司: the brand's company in 成都, its region written after the brand
        region, rest = places, rest[: bracket.start()] + rest[bracket.end() :]
    if not region and legal.endswith("公司") and legal != "分公司" and (tail := _trailing_region(rest)):
        # 丰岳重庆公司: the brand's company in 重庆, written after the brand without brackets (a
        # branch's place is the branch's: 农行重庆市分行 is no company of 农行 in 重庆)
        region, rest = (tail[0],), rest[: -len(tail[1])]
    brand, industry = _industry(rest)
    if legal == "银行":
        # (汇川银行|铜梁支行 is the branch of 重庆汇川银行股份有限公司|铜梁支行, whose brand is 汇川银行)
        brand, industry = brand + industry + legal, ""
    return CompanyName(region, brand, industry, legal, branch)


_BRACKET_PLACE = re.compile(r"[（(]([\u4e00-\u9fff]{2,8})[）)]")


def _trailing_region(rest: str) -> tuple[str, str] | None:
    """A province or city written right after a brand of two characters or more (丰岳|重庆): the
    place's full name and how it is written; not a county, which names brands (…龙湾)."""
    gaz = gazetteer()
    for k in (3, 2):
        written = rest[-k:]
        full = gaz.full_names(written)
        if len(rest) - k >= 2 and len(full) == 1 and gaz.places[full[0]].level in ("province", "city"):
            return full[0], written
    return None


def within(a: str, b: str) -> bool:
    """Is place ``a`` the same as ``b`` or inside it?"""
    return place_inside(a, b, gazetteer())


def regions_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return True
    x, y = a[-1], b[-1]
    return within(x, y) or within(y, x)


def compatible(a: CompanyName, b: CompanyName) -> str | None:
    """Why two names of one brand cannot be one company, or ``None`` if they can."""
    if a.branch != b.branch:
        return "different branches"
    if a.legal and b.legal and a.legal.endswith("联合社") != b.legal.endswith("联合社"):
        return "a union of cooperatives and a cooperative"  # (脆李联合社 is no 脆李专业合作社)
    related = a.industry.startswith(b.industry) or b.industry.startswith(a.industry)
    formal = (a.qualified and b.qualified) or (bool(a.legal) and bool(b.legal))
    if a.industry and b.industry and not related and formal and not (a.group or b.group):
        # 重庆渝拓化工 and 重庆渝拓新材料 are two companies; 赛力斯汽车 and 赛力斯新能源 are one brand's talk
        return "different industries"
    if a.industry and b.industry and a.legal and b.legal and a.industry != b.industry:
        # two legal names: two registered names differ (重庆长安汽车股份 / 重庆长安汽车实业); one
        # written without its region may drop words of the other's, never add them (信华新材料有限公司
        # is 重庆市信华新材料科技有限公司; 长安汽车科技有限公司 is no 重庆长安汽车股份有限公司)
        full, short = (a, b) if a.qualified else (b, a)
        if (a.qualified == b.qualified) or not full.industry.startswith(short.industry):
            return "different industries"
    if not regions_agree(a.region, b.region):
        return "different regions"
    for x, y in ((a, b), (b, a)):
        if x.group and not y.group and y.qualified:
            return "a group and its regional company"
        if x.qualified and not y.qualified and not y.bare and y.industry and not x.industry:
            return "a regional company and the brand's parent"
    return None


def in_order(short: str, long: str) -> bool:
    """Are the characters of ``short`` all in ``long``, in their order (农商行 in 重庆农村商业银行)?"""
    rest = iter(long)
    return all(ch in rest for ch in short)


def contracts(form: str, core: str) -> bool:
    """``form`` begins with two characters written together in ``core`` (its brand) and goes on
    with characters of ``core`` after them, in their order (高竹汽配 in 四川广安高竹汽车配件,
    两江港航 in 重庆两江港航发展)."""
    at = core.find(form[:2])
    if at < 0:
        return False
    pos = at + 2
    for ch in form[2:]:
        pos = core.find(ch, pos) + 1
        if not pos:
            return False
    return True
