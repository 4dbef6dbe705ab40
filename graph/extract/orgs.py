"""Companies, government bodies and parks, found by the words their names end with.

Chinese organisation names are built right to left: a legal form or an industry word at the end
(有限公司, 科技), a brand before it, a region before that. Each component anchors on the end and
walks left to the first boundary word (see :func:`graph.extract.lexicon.extend_left`).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from graph.extract import candidates as cand
from graph.extract.aliases import DEFINED
from graph.extract.lexicon import (
    POSTS,
    PREPOSITIONS,
    PUNCT,
    Trie,
    abroad,
    alternation,
    boundary_words,
    crosses_word,
    departments,
    dictionary_tag,
    extend_left,
    gazetteer,
    jieba_tok,
    known_companies,
    leading_places,
    lexicon,
    national_bodies,
    posseg,
    post_titles,
    word_freq,
    written_alone,
)
from graph.extract.places import stem_before
from graph.names import REGISTERED, CompanyName, contracts, in_order, parse_company, within
from graph.normalize import is_cjk

_CJK = re.compile(r"[\u4e00-\u9fff]")
LISTED = re.compile(
    r"等(?:[\d一二三四五六七八九十两几多]+家|多家|一批)?(?:重点|龙头|民营|科技型)?(?:企业|公司)"
)
"""The end of a list the sentence says is one of companies (…、华芯智造、宁远生物等6家企业)."""
_COUNTED = re.compile(r"[一两几]([\u4e00-\u9fff])\1")
"""A count of pieces (一块块, 一座座): no brand."""
NOT_TRADES = frozenset(("硬科技", "高科技", "黑科技"))
"""Words that end in a trade but are a kind of technology (投硬科技), not a company's name."""
_NOT_A_NAME = ("v", "d", "p", "c", "r", "m", "t", "u")
"""Parts of speech a list's first item may be preceded by in its clause: verbs, adverbs, numbers…"""
_OBJECT = re.compile(r"[将把](?:其|该|旗下|所属)|的(?:全资|控股)?子公司|收购|旗下")
"""Words between a company and 更名为 that make it the one renaming something else."""
_RENAMES_ANOTHER = re.compile(r"[将把]|收购")
"""Words after a sentence's subject that make it the one renaming another (跃进精工将建胜齿轮更名为…);
not 成为…的控股子公司, which says what became of the subject."""
_CLAUSE_ENDS = "，。；：！？\n"
_SENTENCE_ENDS = "。！？；\n"
_CLAUSE = re.compile(f"[^{_CLAUSE_ENDS}]+")


def _items(text: str, s0: int, e0: int, boundary: set[str]) -> list[tuple[int, int]]:
    """The spans of a list's items in ``text[s0:e0]``: split at 、, the last at 和 or 及 too, the
    first begun after its last boundary word and the verbs before the name (两江新区管委会与|重庆星弧…,
    园区先后引进|华芯智造, 集聚|华芯智造)."""
    out, pos = [], s0
    parts = text[s0:e0].split("、")
    for k, part in enumerate(parts):
        s, e = pos, pos + len(part)
        pos = e + 1
        aside = TRAILING_BRACKET.search(part)
        if aside and aside.start() > 0:  # (…集团股份有限公司（以下简称恒屹集团）、: the name before it)
            part, e = part[: aside.start()], s + aside.start()
        if k == 0:
            cut = max((part.rfind(w) + len(w) for w in boundary if w in part), default=0)
            for word, tag in posseg(part[cut:]):
                if not tag.startswith(_NOT_A_NAME) or cut + len(word) >= len(part):
                    break
                cut += len(word)
            s += cut
        if k == len(parts) - 1 and k > 0:
            joined = max(part.rfind("和"), part.rfind("及"))
            if joined > 0:
                out.append((s, s + joined))
                s += joined + 1
        out.append((s, e))
    return out


LANDFORMS = frozenset("山河江湖峡岭镇寨堡岛")
"""Last characters of a mountain's, a river's or a town's name: a brand so named (金佛山药业, 武陵山文旅,
濯水古镇旅游开发) is no short form alone, which names the place; nor is the name an article calls
the company by without its 公司 (以下简称摩围山公司, 大风堡公司)."""
# What a property developer's brand names when it follows it: an estate (恒大绿岛新城, 融创滨江花园).
ESTATE = re.compile(r"[\u4e00-\u9fff]{0,2}?(?:新城|小区|花园|家园|公馆|名邸|华府|山庄|名苑|雅苑)")
# A government body and a preposition ending what the walk took for a brand.
BODY_BEFORE = re.compile(r"(?:委|局|办|厅|政府)[为与和在向对给]$")
BRANCH_BODY = re.compile(r"(?:监管局|监管分局|营业管理部|调查总队|税务局|分局|分行|管理局|稽查局)")
"""What a central body's branch in a place is called after the place (…总局重庆监管局)."""
COUNT_IN_BRAND = re.compile(r"[\d一二三四五六七八九十两几]+(?:国|步|大|家|个|些|批|类)")
"""A count in what comes before a legal form (8国, 一步, 第三大, 许多家): a phrase, no brand."""
_EVENTS = "重组|合并|整合|改制|更名|搬迁|并购|收购|投产|达产|建成|竣工|上市|开业|扩能|扩产|技改"
"""What a company goes through, after which (…后) a sentence goes on."""
TIME_LEAD = re.compile(
    r"(?:(?:今年|去年|明年|前年|近年|近期|目前|当前|日前|此前|年初|年底|年内|上半年|下半年|"
    r"未来[一二三四五六七八九十两\d]+年|[一二三四五六七八九十两\d]+年)(?:以来|来)?|近年来|未来|"
    rf"(?:{_EVENTS})后)+"
)
"""Phrases of time a sentence may put before a name (今年以来, 未来五年, 近年来, 重组后, 投产后)."""
COUNT_BEFORE = re.compile(rf"(?:{COUNT_IN_BRAND.pattern})$")
_AFTER_EVENT = re.compile(rf"(?:{_EVENTS})后$")
"""After what a sentence may say a company does (项目达产后|公司年产能…): no brand."""
_SENTENCE_LEAD = re.compile(
    rf"(?:(?:同年|当年|今年|去年)?\d{{1,2}}月(?:\d{{1,2}}日)?|(?:{_EVENTS}|增资)(?:完成)?后|近日|目前)[，,]?"
)
"""A sentence's opening that says when or after what (收购完成后，, 同年10月，): the subject follows."""
_RENAME_ADVERB = re.compile(r"(?:正式|已经|已|于\d{1,2}月|将)$")
"""An adverb between a company and 更名为 (万川玻璃正式更名为…)."""
AMOUNT = re.compile(r"\d+(?:\.\d+)?[亿万千百]*元")
"""An amount of money: in no name (投资12亿元建设…研发中心)."""
DATE = re.compile(r"\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月")
"""A day or a month of a year: in no name (2025年6月8日|公司第四届董事会)."""
PARK_BODY = re.compile(r"管理委员会|管委会|党工委")
"""What runs an industrial park, written after its name."""
_JOINT = ("合资", "独资", "参股")
"""What a plain 公司 is after them: a company owned so (A与B合资公司), not a name."""
_AFTER_A_HEAD = re.compile(
    "(?:还|也|又|将|已|同时|正式)?(?:与|和|同|及|、|召开|举行|印发|研究|部署|出台|发布|审议|听取)"
)
"""What follows a body's head (区委, 人民政府) when the head is the whole name: another party, or what
the body does."""
BODY_START = re.compile(r"[区县市镇乡]?(?:委|政府|人民政府|管委会)(?![员会])")
"""A government body at an item's start (区政府将以…): a clause about the body, no company's name."""
AREA_BODY = re.compile(r"(?:片区|新城|景区|度假区)(?:管理委员会|管委会)")
"""What runs an area named by a landform or a village (广阳岛片区管委会), not by a place of the
gazetteer's."""
BARE_ZONE = re.compile(
    rf"(?:[{re.escape(''.join(sorted(PUNCT)))}]|^)(?P<zone>新区|高新区|经开区|综保区|园区)$"
)
"""The kind of zone alone before its body, at a clause's start: the zone or park the article is
about (新区管委会)."""
_ZONE_FORMS = {"综保区": ("综保区", "综合保税区")}
"""The names a kind of zone ends in, where more than the kind itself: 综保区 stands for …综合保税区."""
BRACKETS = re.compile(r"[（(][^（）()]*[）)]")
# A place in brackets after a brand (渝味源（成都）食品有限公司): the brand's company there.
TRAILING_BRACKET = re.compile(r"[（(][^（）()]*[）)]$")
"""A bracket an item of a list ends with: what it is called for short, or a note, not the name."""

BRACKET_PLACE = re.compile(r"[（(](?P<place>[\u4e00-\u9fff]{2,8})[）)]$")
# A branch written after its bank or company: 中国农业银行荣昌支行.
BRANCH = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:支行|分行|分公司|营业部)")


def _is_place(s: str) -> bool:
    return bool(gazetteer().full_names(s))


def _strip_places(s: str) -> str:
    """The brand left of the legal form once leading place names are taken off (重庆市长寿区三峰环保发电)."""
    return leading_places(s)[1]


def _has_proper_word(s: str) -> bool:
    """A word jieba does not know: the mark of a proper name (恒锦, 锐川)."""
    words = jieba_tok().lcut(s, HMM=False)
    if any(len(w) >= 2 and word_freq(w) == 0 for w in words):
        return True
    # two lone characters in a row: jieba has no word for them, so it is a name (恒|锦)
    return any(len(a) == 1 and len(b) == 1 and is_cjk(a) and is_cjk(b) for a, b in itertools.pairwise(words))


def _named(s: str) -> bool:
    """A place or a proper name in ``s``: it begins with a place, or holds a word jieba does not know."""
    return bool(leading_places(s)[0]) or _has_proper_word(s)


def _particular(s: str) -> bool:
    """Words that can begin a registered name: a place, a word jieba does not know, or one it
    knows as rare (三峡港航: 港航); not only common words (民间资本, 部分民营)."""
    return _named(s) or any(word_freq(w) < 500 for w in jieba_tok().lcut(s, HMM=False) if len(w) > 1)


def _one_word(s: str) -> bool:
    """Is ``s`` one word of jieba's dictionary (空壳, not 渝香食品)?"""
    return word_freq(s) > 0 and len(jieba_tok().lcut(s, HMM=False)) == 1


def _lead_in(text: str, start: int, end: int) -> int:
    """Where the name starts if words no name begins with come before a place: what the company is
    to another (公司全资子公司|重庆锐锋…, 控股子公司|重庆德盛…) or a verb (交由|重庆丰达…, 参股|重庆盛驰…,
    访|重庆云拓…). A registered name begins with its region, or with a proper name (华峰重庆氨纶);
    after 子公司 it begins even without a place (全资子公司|云拓（成都）科技…)."""
    for unit in _UNITS:  # (by characters: jieba reads 另一家子公司 as 一家子|公司)
        k = text.rfind(unit, start, end)
        if k >= 0 and k + len(unit) < end and _particular(text[k + len(unit) : end]):
            start = k + len(unit)
    for m in _FIRM_OF.finditer(text, start, end):  # (旗下另一家企业|长风化工（南通）有限公司)
        if m.end() < end and _particular(text[m.end() : end]):
            start = m.end()
    for p in range(start + 1, end - 1):
        places, rest = leading_places(text[p:end])
        if not places or not rest:
            continue
        words = posseg(text[start:p])
        # (a verb of one character only on its own, 访: jieba cuts unknown brands into them, 国|能)
        lead = all(w not in _OWN_NAME_WORDS for w, _ in words) and any(
            w in _RELATION_WORDS or (f[:1] in "vpdcru" and f != "vn" and (len(w) > 1 or len(words) == 1))
            for w, f in words
        )
        lead = lead or bool(_PARTY.search(text, start, p)) or _common_words(words)
        lead = lead or _kind_of_firm(text[start:p])
        # (who the company is to the matter, a word of three characters or more: 经商标权利人|江苏凌川…,
        # 委托代理人|重庆…; not 达人|重庆…)
        last = [w for w, _ in words[-2:]]
        role = "".join(last) if last[-1:] == ["人"] else "".join(last[-1:])  # (权利|人, 代理人)
        lead = lead or (len(role) >= 3 and role.endswith("人"))
        # (a profile's heading: ——记|重庆荣窑陶瓷科技有限公司董事长…)
        lead = lead or (text.endswith("——", 0, start) and text[start:p] == "记")
        return p if lead else start
    return start


def _kind_of_firm(s: str) -> bool:
    """Does ``s`` end in what kind of firm it is (深交所上市企业, 火锅品牌企业, 外资企业: 企业 after a
    common word; 两江新区企业: after a place), not in a brand's own 企业 (台塑企业)?"""
    if s.endswith(_KIND_OF_FIRM) or any(m.end() == len(s) for m in _FIRM_OF.finditer(s)):
        return True
    if not s.endswith("企业") or len(s) < 4:
        return False
    places, rest = leading_places(s[:-2])
    return (bool(places) and not rest) or _common_words(posseg(s[:-2])[-1:])


def _clause_verb(words: list[tuple[str, str]]) -> bool:
    """Do the words before a plain 公司 or 集团 end in a clause's verb (补齐, 产量|占): a verb of two
    characters alone, or any verb after common words only; not 渝|达, 国|能 (a brand jieba cuts), nor
    the verbs registered names are made of (宏达开发)?"""
    last, tag = words[-1]
    if tag != "v" or last in _OWN_NAME_WORDS:
        return False
    if len(words) == 1:
        return len(last) >= 2 and 0 < word_freq(last) <= RARE_VERB_BRAND
    return all(
        len(w) >= 2 and word_freq(w) >= COMMON_WORD and f not in ("s", "ns", "nr", "nz")
        for w, f in words[:-1]
    )


def _common_words(words: list[tuple[str, str]]) -> bool:
    """Are these only common words of a sentence (委托|重庆云阳兴云…, 主要客户|重庆长川…), none of them
    a proper name, a place, a company's word or one registered names are made of? A brand before
    its region is rare (华润重庆…, 国网重庆…, 国家电投集团重庆…)."""
    return all(
        len(w) > 1
        and word_freq(w) >= COMMON_WORD
        and f[:2] not in ("ns", "nr", "nz", "nt")
        and f not in ("j", "m", "eng")
        and w not in _OWN_NAME_WORDS
        and not w.endswith(("集团", "公司", "银行"))
        for w, f in words
    )


def _past_time(text: str, start: int, end: int) -> int:
    """Where the name starts after a phrase of time written before it (今年以来|工行重庆市分行,
    未来五年|工行…), if what follows it is particular; not 现代牧业 or 当代置业, names."""
    m = TIME_LEAD.match(text, start, end)
    pos = m.end() if m else start
    return pos if start < pos < end and _particular(text[pos:end]) else start


_RELATION_WORDS = frozenset(["子公司", "母公司", "孙公司", "分公司", "全资", "控股", "参股", "交由"])
"""What one company is to another, written before the other's name: no part of it (and 交由, which
jieba tags a noun). Not 集团 or 公司: a group's regional company is named after it (国家电投集团重庆
电力有限公司)."""
_KIND_OF_FIRM = (
    "上市企业",
    "上市公司",
    "龙头企业",
    "骨干企业",
    "重点企业",
    "链主企业",
    "民营企业",
    "国有企业",
    "本土企业",
    "合资企业",
    "独资企业",
    "合资公司",
    "外资公司",
    "独资公司",
    "科技型企业",
    "领军企业",
)
"""What kind of firm it is, written before a name and its region (深交所上市企业|重庆赛恩…): no part of it
(a brand's own 企业 is: 台塑企业宁波化工…)."""
_FIRM_OF = re.compile(r"(?:旗下|下属|所属|麾下|另一家|[一两二三四五六七八九十几多\d]+家)的?企业")
"""Whose firm, or which of several, it is (集团旗下另一家企业|长风化工（南通）有限公司): no part of it."""
_PARTY = re.compile(r"(?:运营|投资|建设|承建|施工|合作|出资|开发|管理|供货|采购|签约|实施)(?:方|主体|单位)$")
"""The party a company is to a park or a deal, written before its name (园区运营方|重庆秀山…,
开发运营主体|四川遂潼…)."""
_UNITS = frozenset(["子公司", "母公司", "孙公司", "分公司", "项目公司", "股东"])
_OWN_NAME_WORDS = frozenset(["建设", "投资", "发展", "开发"])
"""Verbs registered names are made of, before a place too (…建设重庆…: left to the walk's own rules)."""
_CLAUSE_GOES_ON = ("在", "总", "的", "全年", "整体")
"""What follows 公司 or 集团 where a clause's verb stands before it (补齐公司在…, 产量占集团总产量)."""
RARE_VERB_BRAND = 50
"""A verb of two characters rarer than this in jieba's dictionary (补齐 3) alone before 公司 is the
clause's verb; a commoner one may be a brand (远航 155, 飞驰)."""
COMMON_WORD = 1000
"""A word jieba's dictionary has at least this often is a common one (客户 3,798, 委托 1,977)."""


_TITLE_STARTS = ("总", "副", "常务", "执行", "董")
"""What a company title may begin with before the title the pattern matched (副|总经理)."""


_HOSTING = ("主办", "承办", "协办", "举办", "创办", "开办", "兴办", "交办", "代办", "包办", "指导")
"""What a body does to an event, read as a body's 办 by the suffix: 人民政府|主办."""
_ANOTHER = ("新的", "一个", "一座", "一家", "个", "座", "新", "该", "这", "那", "各", "其他", "另一")
"""Words before a park's kind that make it another park (一个新的食品产业园), not the one named."""


def _branch_after(text: str, end: int) -> tuple[int, str] | None:
    """A branch named after a place right after its bank or company (中国建设银行|重庆渝北支行,
    建行|渝北支行): where it ends, and which branch it is, the last place and the branch word
    (``渝北区|支行``), however fully the place is written; or the locality no gazetteer holds that
    it is written with after them, or alone (中国农业银行重庆两江分行, 农行两江分行: ``两江|分行``)."""
    m = BRANCH.match(text, end)
    if not m:
        return None
    places, rest = leading_places(m.group())
    word = next((w for w in _BRANCH_WORDS if rest.endswith(w)), "")
    local = rest[: len(rest) - len(word)]
    if not word or len(local) > 4 or (not local and not places) or len(local) == 1:
        return None
    if local and (_COUNTED_UNITS.match(local) or word_freq(local) > RARE_LOCALITY):
        return None  # (中国建设银行两家支行, 中国银行总行营业部: no branch at a place)
    if local and _doing(local):
        return None  # (三江银行调整部分支行负责人: what the bank does to its branches)
    return m.end(), f"{local or places[-1]}|{word}"


def _doing(local: str) -> bool:
    """Does what stands where a branch's locality would be say what is done to some branches (调整
    部分, 撤并多家: a verb and a quantity), not name a place (跳磴, 同兴, 发展大道)?"""
    words = posseg(local)
    return any(f[:1] == "v" for _, f in words) and any(w in _QUANTITIES for w, _ in words)


_QUANTITIES = frozenset(["部分", "多家", "一批", "若干", "全部", "个别", "各家", "一些"])


_BRANCH_WORDS = frozenset(["支行", "分行", "分公司", "营业部"])
_COUNTED_UNITS = re.compile(r"[一二两三四五六七八九十几多\d]+[家个所]|[各该每本总]")
RARE_LOCALITY = 200
"""A locality a branch is named after no gazetteer holds is no word more common than this (两江 126)."""


def _after_a_body(text: str, start: int, end: int) -> int:
    """Where the name starts after a government body and 和, 与 or 及 that the walk took in, jieba having
    read the body's last character and the conjunction as one word (县经济信息委|和|国网重庆市电力公司)."""
    for k in range(end - 2, start, -1):
        if text[k] in "和与及" and text.endswith(_BODY_ENDS, start, k):
            return k + 1
    return start


_BODY_ENDS = ("委", "局", "办", "政府", "管委会", "委员会", "中心", "街道")
"""How a government body's name ends (graph/data/lexicon.toml has them all; these are those a
conjunction follows in a list of bodies and companies)."""


def _place_and(text: str, start: int, end: int) -> int:
    """Where the name starts when the walk stopped at a 和 that follows a province or city opening the
    clause: the brand begins with 和 (。重庆和照|生物制药有限公司, jieba reading 和 as a conjunction),
    unless a place begins what comes after it (江津和|璧山…有限公司 names two places)."""
    if start < 3 or text[start - 1] != "和" or leading_places(text[start:end])[0]:
        return start
    for k in (4, 3, 2):
        at = start - 1 - k
        place = text[at : start - 1] if at >= 0 else ""
        if _registers(place) and (at == 0 or text[at - 1] in _OPENS):
            return at
    return start


_BRAND_ADVERB = "都"
"""An adverb that is also the second character of many a brand (钢都, 渝都, 蓉都: a city's)."""


def _place_char_adverb(text: str, start: int) -> int:
    """Where the name starts when the walk stopped at an adverb jieba reads alone, right after a
    province or city or one character after it: the brand begins with it or holds it (重庆都梁|产业
    投资有限公司, 重庆钢都|发展集团有限公司: jieba reads 都 alone), if jieba reads the place as a
    word of its own (由|重庆|钢|都…, 平台公司|重庆…)."""
    if start < 3 or text[start - 1] != _BRAND_ADVERB:
        return start
    for lead in (0, 1):  # (the place right before the adverb, or one character before it)
        place_end = start - 1 - lead
        if lead and not is_cjk(text[place_end]):
            continue
        for k in (4, 3, 2):
            at = place_end - k
            place = text[at:place_end] if at >= 0 else ""
            if _registers(place):
                words = jieba_tok().lcut(text[max(0, at - 4) : place_end], HMM=False)
                if words[-1] == place:
                    return at
    return start


_PREPOSITION_BEFORE = PREPOSITIONS - {"与", "和"}
"""Prepositions a name is written after that jieba may read into the run of characters a brand is
(not 与 and 和, which begin many a brand)."""


def _registers(place: str) -> bool:
    """Is ``place`` a province or city, as a registered name begins with (重庆和照…), not a county a
    sentence joins to a company with 和 (荣昌和华为技术有限公司签约)?"""
    gaz = gazetteer()
    full = gaz.full_names(place)
    return bool(full) and all(gaz.places[f].level in ("province", "city") for f in full)


_OPENS = "。；：！？\n，“"
"""What a clause opens after."""


def _placed_after(bare: str) -> str:
    """The district written after a brand (朝盛百货|江北), if ``bare`` ends with one."""
    return next((bare[k:] for k in range(2, len(bare) - 1) if _is_place(bare[k:])), "")


_SENT_TO = re.compile("发往|运往|销往|送往|寄往|开往|驶往|飞往")
_HIRES = re.compile("委托|聘请|聘用|选聘")
_FIRMS = ("律师事务所", "会计师事务所")


def _after_sent_to(text: str, start: int, end: int) -> int:
    """Where the name starts after where something is sent, written before its place (实际发往常州曜川…:
    jieba reads 发|往常|州, so the walk went past 发往)."""
    cut = max((m.end() for m in _SENT_TO.finditer(text, start, end)), default=-1)
    return cut if cut > start and leading_places(text[cut:end])[0] else start


def _cooperatives(names: set[str]) -> bool:
    """Are ``names`` (a short form's full names) all cooperatives, which are named after their place?"""
    return bool(names) and all(n.endswith(("合作社", "联合社")) for n in names)


def _broad_restart(text: str, start: int, end: int) -> int:
    """Where the name starts if a place written first is only where it is (江津区重庆恒锦…研发中心,
    万州区属国企重庆三峡港航投资有限公司): names go from broad to narrow, so a broader place after a
    narrower one begins the name."""
    gaz = gazetteer()
    pos, prev = start, None
    while pos < end:
        for k in range(min(end - pos, 8), 1, -1):
            full = gaz.full_names(text[pos : pos + k])
            if full:
                if prev is not None and within(prev, full[0]) and prev != full[0]:
                    return pos
                prev, pos = full[0], pos + k
                break
        else:
            if prev is None:
                break  # (a name that does not begin with a place keeps the places in it: 华峰重庆氨纶)
            pos += 1
    return start


def _brand_tail(form: str, brand: str) -> bool:
    """Is ``form`` the end of ``brand`` after a common word (渝宴 of 山城渝宴: 山城 is a word of the
    language, 渝宴 the name's own)?"""
    return len(form) == 2 and len(brand) > 2 and brand.endswith(form) and word_freq(brand[:-2]) > 0


_KNOWN_NOUN = 5
"""A common noun of three characters or more that jieba's dictionary has this often or more (碳纤维,
38) is no brand without a legal form; two characters are too often a brand (神女, 彩蝶)."""


class CompanyMatcher:
    """Companies by legal form (重庆渝拓化工有限公司) or by brand plus industry word (卓洁科技).

    A brand must not be a common word (jieba's dictionary frequency) nor a place, so 新能源汽车 or
    江津化工 are not companies while 锐川电子 is. Once a company is found, its short forms (the name
    without region and legal form, 晶川盐化) are mentions wherever else they occur in the article.
    """

    def __init__(self, name: str = "company_matcher", max_brand_freq: int = 50) -> None:
        self.name = name
        lex = lexicon()["company"]
        self.legal = re.compile(alternation(lex["legal"]))
        self.industry = re.compile(alternation(lex["industry"]))
        self.generic = set(lex["generic"]) | set(lex["industry"])
        self.trades = frozenset(lex["industry"])
        self.weak_legal = dict(lex["weak_legal"])
        self.not_before = tuple(sorted(lex["not_before"], key=len, reverse=True))
        self.actions = frozenset(lex["actions"])
        self.institutions = tuple(lex["institutions"])
        # (区长欧阳澄和|湖南华湘…有限公司: the title of a post ends a company's name on its left;
        # not what a person is: 重庆工人文化宫有限公司)
        self.boundary = boundary_words() | {t for t in post_titles() if len(t) >= 2 and t.endswith(POSTS)}
        # (an industry word jieba tags a verb is no verb here: 重庆高晟包装科技有限公司)
        self.name_verbs = frozenset(lex["name_verbs"]) | frozenset(lex["industry"])
        self.walk_verbs = self.name_verbs | frozenset(lex["walk_verbs"])  # (…创新投资…有限公司)
        # verbs that end a name on its left but that registered names are also made of (重庆渝南路桥
        # 建设集团有限公司): crossed on the way to a legal form, taken off again where they begin it
        self.verb_words = tuple(sorted(self.boundary & self.name_verbs, key=len, reverse=True))
        self._verb_re = re.compile(alternation(list(self.verb_words)))
        self.max_brand_freq = max_brand_freq
        self._legal_end = re.compile(f"(?:{self.legal.pattern})$")
        titles = alternation([*lexicon()["person"]["company_titles"], "负责人", "相关负责人"])
        self.titled = re.compile(rf"(?P<form>[\u4e00-\u9fff]{{3,7}}?)(?:{titles})")
        self._industry_end = re.compile(f"(?:{self.industry.pattern})$")
        self._lone_boundary = frozenset(w for w in self.boundary if len(w) == 1)
        self.kinds = tuple(lex["kinds"])

    def __call__(self, doc: Doc) -> Doc:
        text = cand.text_of(doc)
        found: list[tuple[int, int]] = []
        taken: set[int] = set()
        for m in self.legal.finditer(text):
            if m.start() in taken or (
                m.group() == "公司"
                and (text[m.start() - 1 : m.start()] in ("子", "母") or text.endswith(_JOINT, 0, m.start()))
            ):
                continue  # (全资子公司, 母公司, 合资公司: what a company is to another, no name)
            start = self._walk(text, m.start())
            if m.group() in _FIRMS:
                start = self._firm_start(text, start, m.start())
            bracket = BRACKET_PLACE.search(text, max(0, start - 10), start)
            # (渝味源（成都）食品有限公司; a foreign group's company in China, 海因茨精密机械（中国）…)
            if bracket and (_is_place(bracket.group("place")) or bracket.group("place") == "中国"):
                before = self._walk(text, bracket.start())
                if bracket.start() - before <= 8:  # (a brand, not a sentence run into it)
                    start = min(start, before)
            if text.startswith("原", start) and leading_places(text[start + 1 : m.start()])[0]:
                start += 1  # (原|重庆渝达机电集团有限公司: the name it had)
            brand = text[start : m.start()]
            unbracketed = BRACKETS.sub("", brand)  # (綦江（重庆）有限公司: a place and a place, no brand)
            limit = self.weak_legal.get(m.group())
            if not (self._good_brand(unbracketed, legal=True) or self._place_trade(brand, limit)):
                continue
            if BODY_BEFORE.search(brand):
                continue  # (江津区经济信息委为公司申请: a body, then a preposition, is no brand)
            if m.group() == "研发中心" and text.startswith(("建设", "项目", "工程"), m.end()):
                continue  # (瑞宸新材研发中心建设项目: the centre is what is built)
            if brand.endswith(("上市", "挂牌")):
                continue  # (A股上市公司, 北交所挂牌公司: what kind of company, no name)
            if m.group().endswith("行") and text.startswith("业", m.end()):
                continue  # (细分行业, 银行业: a trade, no bank)
            if m.group() in ("支行", "分行") and "银行" in brand and _doing(brand[brand.rfind("银行") + 2 :]):
                continue  # (三江银行调整部分支行负责人: no branch of that name)
            if m.group() in ("公司", "集团") and (
                brand.endswith("任") or TIME_LEAD.fullmatch(brand) or _AFTER_EVENT.search(brand)
            ):
                # (其弟石伯海任|公司总经理, 2021年|公司A轮融资, 项目达产后|公司: the company the article
                # is about)
                continue
            # (but a country's: 美国广播公司, 日本航空公司, where the country is the particular part)
            common = limit is not None and word_freq(_strip_places(brand)) > limit
            if common and not abroad(leading_places(brand)[0]):
                continue
            if (
                m.group() in ("公司", "集团")
                and text.startswith(_CLAUSE_GOES_ON, m.end())
                and _clause_verb(posseg(brand))
            ):
                continue  # (今年产量占|集团总产量, 补齐|公司在…的短板: a clause's verb, no brand)
            # common words alone before a plain 公司 or 集团, led by what kind it is or ending in
            # what it does, describe one (国有平台公司, 著名汽车公司, 专业酒店管理公司), they name none
            # (光明食品集团, 南方航空公司 are names; so is a place's, 北京大学资源集团)
            words = posseg(brand)
            if (
                m.group() in ("公司", "集团")
                and len(words) > 1
                and _common_words(words)
                and (words[0][1] in ("a", "b", "vn") or words[-1][1] == "vn")
            ):
                continue
            # a count, alone or among common words, before 集团: 15国集团, 下一步集团; not 十八冶集团;
            # nor a kind of company counted before a plain 公司 (3家空壳公司)
            count = COUNT_IN_BRAND.search(brand)
            if limit is not None and (
                (count and (count.group() == _strip_places(brand) or not _particular(brand)))
                or (COUNT_BEFORE.search(text, max(0, start - 4), start) and _one_word(_strip_places(brand)))
            ):
                continue
            if limit == 0 and not _has_proper_word(_strip_places(brand)):
                continue  # 新能源汽车研发中心 is a kind of centre; 恒锦新材料研发中心 is a name
            if m.group().endswith(("合作社", "联合社")) and not _named(brand):
                continue  # (培育农民专业合作社: a cooperative is named by its place or a name)
            end = m.end()
            # 重庆三峰环境集团股份有限公司: keep going when a legal form follows at once
            nxt = self.legal.match(text, end) or BRANCH.match(text, end)
            if (
                nxt
                and nxt.re is BRANCH
                and (
                    text[end] in self.boundary
                    or self.legal.search(text, end, nxt.end() - 2)
                    or _branch_after(text, end) is None
                )
            ):
                # (…有限公司|与重庆农村商业银行云阳支行: a second company, not a branch; 工行重庆市分行|
                # 下辖的二级分行: no branch at a place)
                nxt = None
            if nxt:
                end = nxt.end()
                taken.update(range(m.end(), end))
            cand.add(doc, start, end, "company", self.name, priority=2)
            found.append((start, end))
        legal_forms = {f for s, e in found for f in self.forms_of(text[s:e])}
        for m in self.industry.finditer(text):
            if any(s <= m.start() < e for s, e in found):
                continue
            start = extend_left(
                text, m.start(), max_chars=10, boundary=self.boundary, name_verbs=self.name_verbs
            )
            if text[max(0, m.start() - 1) : m.end()] in NOT_TRADES:
                continue  # (投早、投小、投硬科技: hard tech, no company's trade)
            # (由荣牧农业 after 重庆荣牧农业发展有限公司, 图为|璧芯科技: 由 and 图为 are no brand; nor
            # what jieba read into one word with the name's first character, 投产后|合晶光电, 跟上|合晶光电)
            for k in (2, 1):
                lead, rest = text[start : start + k], text[start + k : m.end()]
                if (lead in self.boundary or not _is_place(lead)) and rest in legal_forms:
                    start += k
                    break
            holding = m.group() == "控股" and text.startswith(("子公司", "孙公司"), m.end())
            if holding and text[start : m.start()] in legal_forms:
                continue  # (綦锋齿轮|控股子公司: what the company is to the next; 渝富控股 is a name)
            brand = _strip_places(text[start : m.start()])
            verb = jieba_tok().lcut(brand, HMM=False)[0] if brand else ""
            if (
                len(verb) > 1
                and len(brand) - len(verb) >= 2
                and brand == text[start : m.start()]
                and dictionary_tag(verb) in ("v", "p", "d")
            ):
                start, brand = start + len(verb), brand[len(verb) :]  # (授信|墨衡软件: a verb, then the name)
            if len(brand) > 4:  # the walk went past the brand
                continue
            if not self._good_brand(brand, legal=False) or not self._ends_word(text, m.end()):
                continue
            # the region written before the brand is part of the name (重庆锐川电子材料)
            cand.add(doc, start, m.end(), "company", self.name, priority=1)
            found.append((start, m.end()))
        self._listed(doc, text, found)
        self._short_forms(doc, self._unglued(doc, text, found))
        self._renamed(doc, text)
        return doc

    def _listed(self, doc: Doc, text: str, found: list[tuple[int, int]]) -> None:
        """The items of a list of companies are companies, those not found by their legal form or
        trade too: a name of three characters or more jieba does not know (华芯智造), or a place
        and a trade (宁远生物); not common words (汽车、电子等企业), nor a kind of company (规上工业,
        专精特新: ``kinds``). A list of companies is one the sentence says is so (A、B、华芯智造、
        宁远生物等6家企业), or one two of whose items are companies found already (…、芯澈光电、
        重庆蓝屿生物医药股份有限公司和华睿微纳。)."""
        lists = [(self._opening(text, m.start()), m.start(), True) for m in LISTED.finditer(text)]
        for m in _CLAUSE.finditer(text):
            if "、" in m.group() and not LISTED.search(m.group()):
                lists.append((m.start(), m.end(), False))
        spans = set(found)
        for s0, e0, said in lists:
            items = _items(text, s0, e0, self.boundary)
            # (an item ends with a company found: 企业有|重庆峰岚半导体科技有限公司 is one)
            companies = sum(any(a >= s and b == e for a, b in spans) for s, e in items)
            if len(items) < 2 or (not said and companies < 2):
                continue
            for k, (s, e) in enumerate(items):
                item = text[s:e]
                if not 2 <= len(item) <= 12 or any(a < e and s < b for a, b in found):
                    continue
                last, tag = posseg(item)[-1]
                if not said and k == len(items) - 1 and tag[:1] in ("v", "d", "p") and word_freq(last) > 100:
                    continue  # (…和华睿微纳签约: the clause goes on after the list)
                if k and BODY_START.match(item):
                    continue  # (渝北区委、区政府将以擎翮航空等企业: a body and what it does, no name)
                if any(kind in item for kind in self.kinds):
                    continue  # (规上工业、限上商贸等企业, 专精特新、瞪羚等企业: kinds of companies)
                places, rest = leading_places(item)
                if not rest or item in self.generic or (rest in self.generic and not places):
                    continue  # (a trade alone is no name; after a place it is: 宁远生物)
                if (len(item) >= 3 and _has_proper_word(rest)) or (places and self.industry.fullmatch(rest)):
                    cand.add(doc, s, e, "company", self.name, priority=1)
                    found.append((s, e))

    @staticmethod
    def _opening(text: str, pos: int, ends: str = _CLAUSE_ENDS) -> int:
        """Where the clause (or with ``ends``, the sentence) that ``pos`` is in begins."""
        return max(text.rfind(ch, 0, pos) for ch in ends) + 1

    def _renamed(self, doc: Doc, text: str) -> None:
        """A company renamed in the sentence that says so: the registered name it had, the last
        written before 更名为, stands for the one written after it (原重庆渝达机电集团有限公司举行更名
        揭牌仪式，公司现更名为重庆渝达智能装备集团有限公司): its ``ref``, one entity of the two; and
        the registered name written after 前身为 stands for the company named before it."""
        own = [c for c in cand.of_type(doc, "company") if c.source == self.name]
        for m in re.finditer(r"(?:更名为|改名为|名称(?:正式)?变更为)[“「]?", text):
            now = max((c.end for c in own if c.start == m.end()), default=None)
            if now is None:
                continue
            opening = self._opening(text, m.start(), _SENTENCE_ENDS)
            spans = {
                (c.start, c.end)
                for c in own
                if opening <= c.start and c.end <= m.start() and parse_company(text[c.start : c.end]).legal
            }
            last = max(spans, default=None)
            # (not what the company renames: 收购该厂后，将其更名为…, …有限公司的子公司更名为…)
            if last is not None and _OBJECT.search(text, last[1], m.start()):
                last = None
            if last is None:
                # (a short name the article gave it: 万盛玻璃更名为…, the registered name it stands for;
                # or the sentence's subject, 建胜齿轮成为跃进精工的控股子公司，并更名为…)
                last = self._defined_before(text, opening, m.start(), own) or self._subject(
                    doc, text, opening, m.start(), own
                )
            if last is not None:
                for c in own:  # (each candidate of that span: the resolver keeps one)
                    if (c.start, c.end) == last:
                        c.attrs.setdefault("ref", text[m.end() : now])
        # the name it had before, said the other way round (巫山农投前身为巫山县农业综合开发有限公司,
        # 龙城发展原名重庆铜梁城市建设投资有限公司)
        for m in re.finditer(r"(?:前身(?:为|是)|原名(?:为|是|叫)?|曾用名(?:为|是)?)[“「]?", text):
            had = max((c.end for c in own if c.start == m.end()), default=None)
            if had is None or not parse_company(text[m.end() : had]).legal:
                continue
            opening = self._opening(text, m.start(), _SENTENCE_ENDS)
            before = [c for c in own if opening <= c.start and c.end <= m.start()]
            if text.startswith(("原名", "曾用名"), m.start()):
                # (only the name right before: …控股的子公司原名… renames no parent)
                before = [c for c in before if c.end == m.start()]
            if before:
                now = max(before, key=lambda c: (c.end, c.end - c.start))
                for c in own:
                    if (c.start, c.end) == (m.end(), had):
                        c.attrs.setdefault("ref", text[now.start : now.end])

    @staticmethod
    def _defined_before(
        text: str, opening: int, at: int, own: list[cand.Candidate]
    ) -> tuple[int, int] | None:
        """The registered name a short name written right before ``at`` stands for, where the article
        defined it (重庆万盛浮法玻璃有限公司（以下简称万盛玻璃）…, then 万盛玻璃更名为…)."""
        adverb = _RENAME_ADVERB.search(text, opening, at)
        at = adverb.start() if adverb else at  # (万川玻璃正式更名为…)
        for m in DEFINED.finditer(text, 0, at):
            alias = m.group("alias")
            if at - len(alias) >= opening and text.endswith(alias, 0, at):
                named = [(c.start, c.end) for c in own if c.end == m.start()]
                spans = [x for x in named if parse_company(text[x[0] : x[1]]).legal]
                if spans:
                    return min(spans)  # (the whole name: 重庆万盛浮法玻璃有限公司, not 万盛浮法玻璃)
        return None

    @staticmethod
    def _subject(
        doc: Doc, text: str, opening: int, at: int, own: list[cand.Candidate]
    ) -> tuple[int, int] | None:
        """The registered name the company a sentence opens with stands for, where the sentence says
        it was renamed after saying what became of it (收购完成后，建胜齿轮成为…，并更名为…)."""
        lead = _SENTENCE_LEAD.match(text, opening)
        start = lead.end() if lead else opening
        first = [c for c in cand.of_type(doc, "company") if c.start == start and c.end < at]
        if any(_RENAMES_ANOTHER.search(text, c.end, at) for c in first):
            # (跃进精工将建胜齿轮更名为…: the company renames the one written after 将)
            first = [
                c
                for c in cand.of_type(doc, "company")
                if c.end == at and c.start and text[c.start - 1] in "将把"
            ]
        ref = next((c.attrs["ref"] for c in first if parse_company(c.attrs.get("ref") or "").legal), None)
        spans = [(c.start, c.end) for c in own if text[c.start : c.end] == ref]
        return min(spans, default=None)

    @staticmethod
    def _same_places(places: set[str], lead: str, full: CompanyName, core: str) -> bool:
        """Can a short form with ``places`` (written ``lead``) stand for ``full``? With no place, yes;
        with its places, where they end with the full name's last one (万州公交集团 of 重庆万州
        公共交通集团: not 重庆公交集团), or a county's written inside it (丰都抽蓄 of 华源丰都抽水蓄能)."""
        if not places:
            return True
        if full.region and places <= set(full.region) and full.region[-1] in places:
            return True
        gaz = gazetteer().places
        return all(p in gaz and gaz[p].level == "county" for p in places) and lead in core

    def _unglued(self, doc: Doc, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A name begun at a preposition jieba glued to the brand (分行向鑫川|铝业: 向鑫川 read as a
        person's name) begins after it where the article writes the rest alone too (鑫川铝业发放…,
        支持鑫川铝业…): the names ``found``, so mended, and their candidates."""
        own = {(c.start, c.end): c for c in cand.of_type(doc, "company") if c.source == self.name}
        out = []
        for s, e in found:
            if (
                text[s] in self._lone_boundary
                and e - s >= 4
                and (written_alone(text, text[s + 1 : e], text[s]) or self._preposition_before(text, s, e))
            ):
                if (s, e) in own:
                    own[(s, e)].start = s + 1
                s += 1
            out.append((s, e))
        return out

    @staticmethod
    def _preposition_before(text: str, s: int, e: int) -> bool:
        """Is ``text[s]`` a preposition jieba reads alone right after a word of two characters or
        more, before a name without a registered form (去年|向|筠|竹|新|材供应…)? Not 和 or 与, which
        many a brand begins with (公司和泰科技); not after punctuation or another preposition, where
        the character may begin the name (，向家湾蔬菜专业合作社, 流转给|向家湾…); not before 家, a family's
        place (支持|向家湾…); not the first character of a word (向阳科技)."""
        if text[s] not in _PREPOSITION_BEFORE or e - s < 5 or text[s + 1] == "家":
            return False
        if parse_company(text[s:e]).legal.endswith(REGISTERED):
            return False
        before = jieba_tok().lcut(text[max(0, s - 4) : s], HMM=False)
        if not before or len(before[-1]) < 2 or not all(is_cjk(c) for c in before[-1]):
            return False
        return jieba_tok().lcut(text[s:e], HMM=False)[0] == text[s]

    def _walk(self, text: str, end: int) -> int:
        """Where a registered name that ends (before its legal form) at ``end`` begins."""
        boundary = self.boundary.difference(self.verb_words)
        start = extend_left(
            text, end, max_chars=24, boundary=boundary, name_verbs=self.walk_verbs, keep="之", glued=True
        )  # (重庆味之源食品有限公司: 之 of a brand)
        start = _place_char_adverb(text, start)
        if start == end and text.startswith(("有限", "股份"), end):
            # a verb right before a full legal form is the company's trade (渝贸铁海|联运|有限公司),
            # and the name goes on before it if that is particular; not what is done to a company
            # (出资设立|有限公司: ``actions``)
            last = posseg(text[max(0, end - 6) : end])[-1:]
            word = last[0][0] if last else ""
            if (
                last
                and last[0][1] == "v"
                and len(word) > 1
                and word not in boundary
                and word not in self.actions
            ):
                verb = end - len(word)
                start = extend_left(text, verb, max_chars=22, boundary=boundary, name_verbs=self.name_verbs)
                # (a company named before it makes a clause of it: 重庆某某公司整体变更|股份有限公司)
                if start == verb or not _named(text[start:verb]) or self.legal.search(text, start, verb):
                    start = end
        # a verb inside the walk begins the name after it when what follows is particular
        # (区政府投资建设|重庆綦江城投有限公司, 社会资本投资|重庆恒锦科技…), not when the name ends
        # with it (重庆渝南路桥建设|集团有限公司)
        verbs = [(v.start(), v.end()) for v in self._verb_re.finditer(text, start, end)]
        for _, q in reversed(verbs):
            rest = self._past_verbs(text, q, end)
            if rest < end and _named(text[rest:end]):
                start = rest
                break
        start = self._past_verbs(text, start, end)
        # the words before a verb left in the name must be particular (民间资本投资建设公司 is none)
        for p, _ in verbs:
            if start < p and not _particular(text[start:p]):
                return end
        start = _after_a_body(
            text, _broad_restart(text, _past_time(text, _lead_in(text, start, end), end), end), end
        )
        return _place_and(text, _after_sent_to(text, start, end), end)

    def _firm_start(self, text: str, start: int, end: int) -> int:
        """Where a professional firm's name (律师事务所, 会计师事务所) begins: after a company's legal
        form or a verb of hiring written in the walk (重庆锐川电子有限公司曾委托|重庆正衡律师事务所)."""
        cuts = [m.end() for m in self.legal.finditer(text, start, end)]
        cuts += [m.end() for m in _HIRES.finditer(text, start, end)]
        return max([start, *cuts])

    def _past_verbs(self, text: str, pos: int, end: int) -> int:
        while text.startswith(self.verb_words, pos, end):  # (投资重庆…有限公司: 投资 is no name)
            pos += next(len(w) for w in self.verb_words if text.startswith(w, pos))
        return pos

    def _good_brand(self, brand: str, *, legal: bool) -> bool:
        if (
            not brand
            or brand[0] in "某该这那其各每本"
            or AMOUNT.search(brand)
            or DATE.search(brand)
            or "年产" in brand
        ):
            return False  # (投资12亿元建设…研发中心, 建成后可年产|储能电芯: an amount is in no name)
        core = _strip_places(brand)
        if not core:
            # a place and a legal form (重庆有限公司) is not a name; 国网江津供电公司 keeps 国网
            return False
        if brand in self.generic or core in self.generic or len(_CJK.findall(core)) < (1 if legal else 2):
            return False
        if core.startswith("属") and brand[: len(brand) - len(core)].endswith(("区", "县", "市")):
            return False  # (大渡口区属国有平台公司: whose a company is, no name; not 重庆属地通科技)
        if legal:
            return True
        if len(core) > 4 or _is_place(core) or core[-1] in "省市区县镇乡村州":
            return False  # (武陵山区冷链物流中心: a place the gazetteer does not know, and a trade)
        if self.industry.search(core):
            return False  # 欧新能源汽车: an industry word inside the brand makes a phrase
        if word_freq(core) > self.max_brand_freq or dictionary_tag(core) == "t" or _COUNTED.match(core):
            return False  # (建成后年|冷链: a time; 一块块|智能座舱…: a count of pieces)
        if len(core) >= 3 and dictionary_tag(core) == "n" and word_freq(core) >= _KNOWN_NOUN:
            return False  # (碳纤维|复合材料: a material jieba knows as a common noun, no brand)
        # 智能网联 is two common words, not a brand; 卓浩 or 锐川 are no words at all
        words = jieba_tok().lcut(core, HMM=False)
        if any(len(w) > 1 and word_freq(w) >= 1000 for w in words):
            return False  # a common word inside (智能网联): a phrase, not a brand
        return not (len(words) > 1 and all(len(w) > 1 and word_freq(w) >= 1 for w in words))

    def _place_trade(self, brand: str, limit: int | None) -> bool:
        """A place and a trade before a full legal form: a registered name whose place is its brand
        (贵州黔南建材集团有限公司, 重庆化工有限公司); not before a plain 公司 or 集团 (江津化工公司)."""
        places, rest = leading_places(brand)
        return limit is None and bool(places) and rest in self.trades

    def _ends_word(self, text: str, end: int) -> bool:
        """科技 in 科技创新 or 汽车 in 汽车零部件 is not the end of a name."""
        nxt = text[end : end + 3]
        if not nxt or not is_cjk(nxt[0]):
            return True
        if nxt.startswith(self.not_before):
            return False
        return not crosses_word(text, end, end)

    def forms_of(self, name: str, trade: bool = True) -> list[str]:
        """The short forms of a company's name: without its legal form, its places, its industry;
        none of a branch's (国家绿能投资集团有限公司重庆分公司), whose brand or group written alone is
        the company's, not the branch's; nor of a brand's company in a district written after the
        brand (重庆朝盛百货江北有限公司 is 朝盛百货江北; 朝盛百货 alone is the brand's parent)."""
        return self._forms(name, trade)[0]

    def _forms(self, name: str, trade: bool = True) -> tuple[list[str], list[str]]:
        """The short forms of a company's name (:meth:`forms_of`), and those of the brand's parent
        its name holds (朝盛百货 of 重庆朝盛百货江北有限公司)."""
        parsed = parse_company(name)
        if parsed.branch:
            return [], []
        core = self._legal_end.sub("", name)
        bare = _strip_places(core)
        brand = self._industry_end.sub("", bare)
        first = parsed.brand  # (before all its trade words: 英赛德 in 英赛德医疗科技)
        if first != brand and len(first) >= 3 and word_freq(first) == 0 and not _is_place(first):
            brand = first
        industry = parsed.industry if trade else ""
        forms = (core, bare, brand, *self._brand_forms(bare, name[len(core) :], industry))
        # (its brand after the county it is written with: 安岳柠都 of 四川安岳柠都果业有限公司)
        written = core[: len(core) - len(bare)]
        last = next((written[k:] for k in range(len(written) - 2, -1, -1) if _is_place(written[k:])), "")
        county = last and all(gazetteer().places[f].level == "county" for f in gazetteer().full_names(last))
        if county and len(brand) >= 2 and brand != bare and not _is_place(brand):
            forms += (last + brand,)
        # (nor a form that names a mountain, a river or a town: 金佛山 of 金佛山药业, 濯水古镇 of 濯水古镇
        # 旅游开发)
        alone = word_freq(brand) <= self.max_brand_freq
        # (a brand's company in a district, the district written after the brand: 重庆朝盛百货江北有限公司
        # is 朝盛百货江北, 朝盛百货 alone being the brand's parent)
        kept = [
            f
            for f in forms
            if f
            and f != name
            and (f == core or f[-1] not in LANDFORMS)
            and (f == core or not f.endswith(self.institutions))  # (西岚大学: the university)
            and (f != brand or alone)
        ]
        there = _placed_after(bare)
        own = [f for f in kept if not there or f.endswith(there)]
        return own, [f for f in kept if f not in own]

    def _brand_forms(self, bare: str, legal: str, industry: str = "") -> list[str]:
        """How news shortens a long registered name after giving it once: its two-character brand
        and the word after it (重庆锐铂五金制品有限公司 → 锐铂五金, 重庆仙岭文旅发展集团 → 仙岭文旅), or its
        trade (重庆荣泰精密铸造有限公司 → 荣泰铸造), or the brand and its legal form's 股份 or 集团
        (浙江恒驰汽车部件股份有限公司 → 恒驰股份). Only for a brand that is a proper name (no common
        word) and a next word that is one (赛力斯汽车 is no 赛力 + 斯汽)."""
        head = bare[:2]
        if len(bare) <= 4 or word_freq(head) > self.max_brand_freq or _is_place(head):
            return []
        forms = [head + w for w in ("股份", "集团") if w in legal]
        if word_freq(bare[2:4]) > 0 or self.industry.fullmatch(bare[2:4]):
            forms.append(bare[:4])
        # (two words after it, each by its first character, where that is a trade: 重庆酉州文化旅游发展
        # 集团 → 酉州文旅)
        contracted = bare[2:3] + bare[4:5]
        if (
            len(bare) >= 6
            and word_freq(bare[2:4])
            and word_freq(bare[4:6])
            and self.industry.fullmatch(contracted)
        ):
            forms.append(head + contracted)
        # (a brand of two characters, a word after it: 荣泰|精密; not 赛力|斯新能源汽车)
        if (
            len(industry) >= 2
            and bare.endswith(industry)
            and len(bare) > len(industry) + 3
            and word_freq(bare[2:4])
        ):
            forms.append(head + industry)
        return forms

    def _contracted(self, text: str, names: set[str]) -> Iterator[tuple[str, str]]:
        """Short forms that contract a name the article gave in full, written at the start of a
        clause before a company title (高竹汽配总经理 after 四川广安高竹汽车配件有限公司, 金佛山智装
        副总经理 after 重庆金佛山智能装备有限公司): the first two characters of its brand, then
        characters of the rest in their order, three to seven in all, and one name only they fit."""
        cores = {name: self._legal_end.sub("", name) for name in names if self._legal_end.search(name)}
        if not cores:
            return
        for m in self.titled.finditer(text):
            s = m.start()
            form = m.group("form")
            if s and text[s - 1] not in PUNCT:
                continue
            if form.endswith(_TITLE_STARTS) or form[:2] in self.generic or self.legal.match(form):
                continue  # (集团|总经理: the title goes on in it; no brand)
            fits = [name for name, core in cores.items() if contracts(form, core)]
            if len(fits) == 1 and form not in self.generic and _strip_places(form) not in self.generic:
                yield form, fits[0]

    def _contracted_legal(self, text: str, own: dict, names: set[str]) -> None:
        """A company written short in an article that gives its registered name in full stands for
        it (its ``ref``) when it contracts that name and no other the article gives:

        - a plain 公司 or 集团 (沙磁城市更新公司 after 重庆沙磁城市更新发展有限公司, 江城轨道公司 after
          重庆江城轨道交通建设有限公司), with a place only the full name has too (万州公交集团 after
          重庆万州公共交通集团有限公司); a 集团 only for a registered group (华峰集团 beside
          重庆华峰化工有限公司 is the group, not its company);
        - a cooperative's 合作社 (秦巴山珍合作社 after 城口县秦巴山珍电子商务专业合作社);
        - a branch's place and 分公司, 支行 or 分行 after its company's characters in their order
          (国家绿能重庆分公司 after 国家绿能投资集团有限公司重庆分公司, 农商行秀山支行 after
          重庆农村商业银行秀山支行);
        - no legal form, but the trade the full name ends with, after its brand's last characters
          (瑞达电子 after 重庆中科瑞达电子有限公司).
        """
        full = {n: parse_company(n) for n in names}
        registered = {
            n: self._legal_end.sub("", n)
            for n, name in full.items()
            if name.legal.endswith(("有限公司", "有限责任公司")) and not name.branch
        }
        coops = {n: n[: -len(f.legal)] for n, f in full.items() if f.legal.endswith("合作社")}
        branches = {n: f.branch for n, f in full.items() if f.branch and n.endswith(f.branch)}
        for (s, e), c in own.items():
            written = text[s:e]
            if "ref" in c.attrs or written in registered or written in branches:
                continue
            p = parse_company(written)
            if p.branch:
                continue
            places = set(p.region)
            fits: list[str] = []
            if p.legal in ("公司", "集团"):
                form = written[: -len(p.legal)]
                lead = form[: len(form) - len(leading_places(form)[1])]  # (its place as written)
                fits = [
                    n
                    for n, core in registered.items()
                    if (p.legal == "公司" or "集团" in n)
                    and self._same_places(places, lead, full[n], core)
                    and ((len(form) >= 3 and contracts(form, core)) or _brand_tail(form, full[n].brand))
                ]
            elif p.legal.endswith("合作社"):
                form = _strip_places(written[: -len(p.legal)])
                fits = [
                    n
                    for n, core in coops.items()
                    if len(n) > len(written)
                    and places <= set(full[n].region)
                    and len(form) >= 2
                    and contracts(form, core)
                ]
            elif p.legal in ("分公司", "支行", "分行"):
                # (its words in their order, or a bank's first characters: 农商行秀山支行 after
                # 重庆农村商业银行秀山支行)
                fits = [
                    n
                    for n, branch in branches.items()
                    if written.endswith(branch)
                    and len(form := written[: -len(branch)]) >= 3  # (no 中行 of 中国农业银行)
                    and form[0] == _strip_places(n)[:1]
                    and in_order(form, n[: -len(branch)])
                ]
            elif not p.legal and p.industry and len(p.brand) >= 2 and not places:
                fits = [
                    n
                    for n, core in registered.items()
                    if full[n].industry == p.industry
                    and full[n].brand.endswith(p.brand)
                    and word_freq(p.brand) <= self.max_brand_freq
                ]
            if len(fits) == 1:
                c.attrs["ref"] = fits[0]

    def _short_forms(self, doc: Doc, found: list[tuple[int, int]]) -> None:
        text = cand.text_of(doc)
        forms: dict[str, set[str]] = {}  # short form -> the full names it abbreviates
        defined = {m.group("alias") for m in DEFINED.finditer(text)}
        for s, e in found:
            name = text[s:e]
            forms.setdefault(name, set())  # the name itself wherever else it is written
            own, parents = self._forms(name)
            for form in parents:
                forms.setdefault(form, set())  # (朝盛百货 beside 重庆朝盛百货江北有限公司: a name, no ref)
            for form in own:
                if name in defined and form[-1] in LANDFORMS:
                    continue  # (以下简称摩围山公司: 摩围山 alone is the mountain it is named after)
                forms.setdefault(form, set()).add(name)
        names = {text[s:e] for s, e in found}
        # (a trade form another name's own short form already is, is that name's: 荣泰铸造 of
        # 重庆荣泰铸造有限公司, not also of 重庆荣泰精密铸造有限公司 beside it)
        own_forms: dict[str, set[str]] = defaultdict(set)
        for n in names:
            for f in self.forms_of(n, trade=False):
                own_forms[f].add(n)
        for form, full in forms.items():
            if len(own_forms.get(form, ())) == 1 and len(full) > 1:
                full.intersection_update(own_forms[form])
        # (a form that leaves out part of the name, written in the body before the name is given,
        # is another company's wherever it is written: 蜀禾食品收购…，…更名为重庆蜀禾竹乡食品有限公司，
        # 成为蜀禾食品控股子公司)
        first = {}
        for s, e in found:
            first.setdefault(text[s:e], s)
        body = text.find("\n") + 1
        for form, full in forms.items():
            for name in list(full):
                if form not in name and body <= text.find(form, body) < first[name]:
                    full.discard(name)
        for form, name in self._contracted(text, names):
            forms.setdefault(form, set()).add(name)
        # names found by their industry word that are also short forms of a full name (汇鲜冷链 after
        # 重庆汇鲜冷链物流有限公司): they abbreviate it as much as the short forms below
        own = {(c.start, c.end): c for c in cand.of_type(doc, "company") if c.source == self.name}
        self._contracted_legal(text, own, names)
        longest: dict[int, int] = {}  # where a longer form was found: a shorter one there is its start
        for form in sorted(forms, key=len, reverse=True):
            if (
                len(form) < 2
                or form in self.generic
                or _is_place(form)
                or _strip_places(form) in self.generic
                or (form.endswith(("乡", "镇", "街道", "村", "社区")) and _cooperatives(forms[form]))
            ):
                # (重庆科技 of 重庆科技有限公司: a place and a trade, also 重庆科技创新; 润溪乡 of
                # 润溪乡合作社: the township a cooperative is named after, not 稻香村 of a bakery)
                continue
            full = sorted(forms[form])
            groups = len(full) > 1 and any(parse_company(n).group for n in full)
            for m in re.finditer(re.escape(form), text):
                if longest.setdefault(m.start(), m.end()) > m.end():
                    continue  # (綦万城际 in 綦万城际铁路)
                if text.startswith(("镇", "街道"), m.end()) or (
                    text.startswith("乡", m.end()) and not text.startswith("乡村", m.end())
                ):
                    continue  # (宁厂镇: the town a 宁厂 company is named after)
                start = m.start()
                # 重庆卓浩, 江津卓洁科技: a place written right before the short form belongs to it
                for k in range(min(start, 6), 1, -1):
                    if _strip_places(form) == form and _is_place(text[start - k : start]):
                        start -= k
                        break
                # (of two names it abbreviates, neither a group, the one written before it if the
                # other is not yet: 被告重庆蝶语服饰有限公司…。蝶语服饰未经许可…, and only then
                # 贵州蝶语服饰有限公司; not 集团旗下的鸿岭实业 after the group)
                before = [n for n in full if first[n] < m.start()]
                owners = before if len(full) > 1 and len(before) == 1 and not groups else full
                ref = owners[0] if len(owners) == 1 and text[start : m.end()] != owners[0] else None
                found_as = own.get((start, m.end()))
                if ref and found_as is not None:
                    found_as.attrs.setdefault("ref", ref)
                cand.add(doc, start, m.end(), "company", self.name, priority=0, short_form=True, ref=ref)


class GovernmentMatcher:
    """Government bodies named after their place: 江津区委, 荣昌区委组织部, 合川区生态环境局; and those
    written with a bare 市, 区 or 县, as a paper writes its own city's (市经济信息委) and a district's
    in an article about it (区发展改革委): their ``ref`` is the full name they stand for
    (重庆市经济信息委, 潼南区发展改革委), after the last city, district or county of that level named
    before them, or for 市 the paper's own city (``home_city``); a 区 or 县 body is not read
    where no such place is named."""

    def __init__(self, name: str = "government_matcher") -> None:
        self.name = name
        lex = lexicon()["government"]
        heads = alternation(lex["heads"])
        tails = alternation([s for s in lex["suffixes"] if s not in lex["heads"]])
        self.pattern = re.compile(rf"(?:{heads})?(?:[\u4e00-\u9fff]{{0,8}}?(?:{tails}))?")
        self.heads = re.compile(heads)
        self.head_words = tuple(lex["heads"])
        self.boundary = boundary_words() | {"相关", "负责人", "主要", "领导", "书记", "部门"}
        self.name_verbs = frozenset(lex["name_verbs"])
        self.centre_words = tuple(lex["centre_words"])
        self.member_titles = tuple(lex["member_titles"])
        self.not_bodies = frozenset(lex["not_bodies"])
        left = "".join(sorted(PUNCT | set(lex["before_bare"])))
        words = "".join(f"|(?<={re.escape(w)})" for w in lex["before_bare_words"])
        self.bare = re.compile(rf"(?=[市区县镇乡])(?:(?<=[{re.escape(left)}]){words}|^)[市区县镇乡]")
        self.home_city = lex["home_city"]
        self.departments = tuple(sorted(departments(), key=len, reverse=True))
        self.national = re.compile(alternation(sorted(national_bodies(), key=len, reverse=True)))
        self.foreign = re.compile(f"(?:{alternation(lex['foreign_before'])})$")

    def __call__(self, doc: Doc) -> Doc:
        text = cand.text_of(doc)
        places = sorted(cand.of_type(doc, "district"), key=lambda c: c.end)
        for c in places:
            if c.attrs.get("bare_zone"):
                continue
            # 荣昌区委组织部: the district's own 区 starts the head 区委
            at = (
                c.end - 1
                if text[c.end - 1 : c.end] in "区县市镇乡" and self.heads.match(text, c.end - 1)
                else c.end
            )
            end = self._body(text, at, c.end)
            town = text.endswith(_TOWN_END, c.start, c.end)
            if end is not None and town and text.endswith("党工委", 0, end):
                continue  # (天生街道党工委书记: the street's committee, read as the street, as 石角镇党委)
            if end is not None:
                cand.add(doc, c.start, end, "government", self.name, priority=2)
        parks = sorted(cand.of_type(doc, "park"), key=lambda c: c.end)
        for c in parks:
            body = PARK_BODY.match(text, c.end)
            if body:  # (遂潼川渝合作产业园管委会: the body that runs the park)
                cand.add(doc, c.start, body.end(), "government", self.name, priority=2)
        for body in PARK_BODY.finditer(text):
            # 新区管委会 in an article about 川渝高竹新区: the last zone of that kind named before
            m = BARE_ZONE.search(text, max(0, body.start() - 4), body.start())
            if not m:
                continue
            zone = m.group("zone")
            ends = _ZONE_FORMS.get(zone, (zone,))
            named = [
                text[c.start : c.end]
                for c in (parks if zone == "园区" else places)
                if c.end <= m.start() and (zone == "园区" or text[c.start : c.end].endswith(ends))
            ]
            if named and named[-1] != zone:
                ref = named[-1] + body.group()
                cand.add(doc, m.start("zone"), body.end(), "government", self.name, priority=1, ref=ref)
        for m in AREA_BODY.finditer(text):
            if any(c.end == m.end() for c in cand.of_type(doc, "government")):
                continue
            if stem := stem_before(text, m.start()):
                cand.add(doc, m.start() - len(stem), m.end(), "government", self.name, priority=1)
        # (a place inside a company's name is no place the article is in: 北京中科岳华…有限公司, then 市经济
        # 信息委 is the paper's city's)
        firms = [(c.start, c.end) for c in cand.of_type(doc, "company")]
        own = [
            c
            for c in places
            if not any(s <= c.start and c.end <= e and e - s > c.end - c.start for s, e in firms)
        ]
        for m in self.bare.finditer(text):
            # 市 read as a word of its own (市|经济|信息|委, 市委|组织部), not 市场监管局 or 市中心
            level = m.group()
            first = posseg(text[m.start() : m.start() + 12])[0][0]
            if (
                first != level
                and not first.startswith(self.head_words)
                and not text.startswith(self.departments, m.end())  # (市经信委: jieba reads 市经)
            ):
                continue
            end = self._body(text, m.start(), m.end())
            if end is None and (h := self.heads.match(text, m.end())):
                end = h.end()  # 市人民政府
            if level == "市":
                # (another city where its paragraph names it, or where the article says it went
                # there: 在成都市召开会议，市委书记…, 记者来到四川省遂宁市…; not 总部位于江苏省苏州市
                # paragraphs before 配合市市场监管局, which is the paper's city's)
                paragraph = text.rfind("\n", 0, m.start()) + 1
                there = [c for c in own if c.start >= paragraph or _went_to(text, c, own)]
                place = _last_place(text, there, m.start(), level) or self.home_city
            else:
                place = _last_place(text, own, m.start(), level)
            if end is not None and place:
                ref = place + text[m.end() : end]
                cand.add(doc, m.start(), end, "government", self.name, priority=1, ref=ref)
        self._national(doc, text)
        return doc

    def _national(self, doc: Doc, text: str) -> None:
        """The central government's bodies (工信部, 国家发展改革委), named without a place, each
        keyed by its full name (``ref``); a branch named after a place is a body of its own
        (国家金融监督管理总局重庆监管局). Not a word's start (商务部门: departments of commerce)."""
        for m in self.national.finditer(text):
            s, e = m.span()
            if text.startswith("门", e) or (m.group().endswith("部") and text.startswith("长", e)):
                continue  # (商务部门; 财政部长, 教育部长江学者: a minister's title, or no body)
            if text.startswith(("国家", "中国"), s - 2) and not m.group().startswith(("国", "中国")):
                s -= 2  # (国家工信部, 中国外交部: the state's)
            if crosses_word(text, s, e):
                continue
            if self.foreign.search(text, max(0, s - 6), s):
                continue  # (美国财政部, 俄财政部: another country's)
            ref = national_bodies()[m.group()]
            places, rest = leading_places(text[e : e + 16])
            branch = BRANCH_BODY.match(rest) if places else None
            if branch:  # (…重庆监管局: the branch, named in full by the body's full name)
                at = e + len(text[e : e + 16]) - len(rest)
                ref += text[e : at + branch.end()]
                e = at + branch.end()
            cand.add(doc, s, e, "government", self.name, priority=2, ref=ref)

    def _body(self, text: str, at: int, after: int) -> int | None:
        """Where the name of a body that starts at ``at`` ends, if one does past ``after``; none
        where it is a committee alone whose 委 begins a word running on (合川区委托第三方: 委托, no 区委)."""
        end = self._body_end(text, at, after)
        if end is not None and text[at:end] in self.head_words and text.endswith("委", 0, end):
            w = posseg(text[end - 1 : end + 3])
            word = w[0][0] if w else ""
            if len(word) > 1 and not word.startswith("委员") and not word.startswith(self.member_titles, 1):
                return None  # (委托; not 委员会, the committee's own name, nor 委书记)
        return end

    def _body_end(self, text: str, at: int, after: int) -> int | None:
        m = self.pattern.match(text, at)
        if not m or m.end() <= after:
            return None
        if not self._name_like(m.group()):
            # (合川区人民政府与两江新区管委会, 城口县委召开常委会会议: the head is a body, and what follows
            # names another or says what it does; not 区委巡察办, 区政府采购中心, a department of its own)
            h = self.heads.match(text, at)
            if h and after < h.end() < m.end() and _AFTER_A_HEAD.match(text, h.end()):
                return h.end()
            return None
        if m.group().endswith("中心") and not any(w in m.group() for w in self.centre_words):
            return None  # 铁路集装箱中心 is a business, 社保中心 a public body
        if m.group().endswith(_HOSTING) and not m.group().endswith(("督办", "扶贫办")):
            # (巫溪县人民政府主办: the government hosts; 办 is no office there)
            h = self.heads.match(text, at)
            return h.end() if h and h.end() > after else None
        if text.startswith(self.member_titles, m.end()) and m.group().lstrip("市区县镇乡") in departments():
            return m.end()  # (区纪委|书记: the secretary of the department)
        # (区政协委|员: a title the match ends inside)
        titles = (*self.member_titles, "委员")
        inside = any(text.startswith(t, m.end() - k) for t in titles for k in range(1, len(t)))
        if text.startswith(self.member_titles, m.end()) or m.group().endswith(self.member_titles) or inside:
            # 江津区委书记, 涪陵区委常委, 区政协委员: the body is the head (江津区委), the rest a title
            h = self.heads.match(text, at)
            return h.end() if h else None
        return m.end()

    def _name_like(self, words: str) -> bool:
        """Only nouns make a body's name: 城市管理局 is one, 举办 or 为老百姓办 is not. A department's
        usual short form is one whatever jieba makes of it (经信委)."""
        if words in departments() or words.lstrip("市区县") in departments() or words in self.head_words:
            return True
        if words.endswith("委员会") and "和" in words:
            words = words.replace("和", "")  # 文化和旅游发展委员会
        tagged = posseg(words)
        if tagged and tagged[-1][0] in self.not_bodies:  # (布局 ends like 规划局; 安全局 is a body)
            return False
        for tok, flag in tagged:
            if len(tok) >= 2 and word_freq(tok) == 0 and flag not in ("ns", "nt", "j"):
                return False  # a brand jieba does not know: a company's unit, not a government body
            stop = tok in self.boundary or flag.startswith(("v", "d", "p", "u", "c", "r", "m", "q", "f", "t"))
            ordinal = tok.startswith("第") and len(tok) >= 2  # (第五中级人民法院, 第一分局)
            if stop and flag != "vn" and tok not in self.name_verbs and not ordinal:
                return False
        return True


_LEVELS = {"区": ("county",), "县": ("county",), "市": ("city", "province")}
_TOWN_END = ("街道", "镇", "乡")


_WENT = re.compile(r"(?:来到|赴|走进|抵达)$")
"""What says the reporter went where the place named next is (来到, 赴)."""


def _went_to(text: str, c, places: list) -> bool:
    """Is place ``c`` where the article went: 赴 or 来到 before it, or before the places written right
    before it (来到|四川省|遂宁市)? Not 在 (在宁波、惠州建有…, 在深圳证券交易所上市)."""
    start = c.start
    while (prev := next((p for p in places if p.end == start and p.start < start), None)) is not None:
        start = prev.start
    return bool(_WENT.search(text, max(0, start - 2), start))


def _last_place(text: str, places: list, before: int, level: str) -> str | None:
    """The full name of the last district or county (``level`` 区 or 县), city (市), or town (镇,
    乡: as written, many are in no gazetteer) named before ``before``."""
    gaz = gazetteer()
    for c in reversed(places):
        if c.end > before:
            continue
        if level in "镇乡":
            if text[c.end - 1 : c.end] == level:
                return text[c.start : c.end]
            continue
        for full in gaz.full_names(text[c.start : c.end]) or [text[c.start : c.end]]:
            if full.endswith(level) and full in gaz.places and gaz.places[full].level in _LEVELS[level]:
                return full
    return None


class ParkMatcher:
    """Industrial parks and towns built for industry: 白涛新材料科技城, 翠屏湖科创小镇."""

    COMMON_VERB = 100
    """A verb or adverb this common in jieba's dictionary is no part of a park's name (积极|发展)."""

    def __init__(self, name: str = "park_matcher") -> None:
        self.name = name
        lex = lexicon()["park"]
        self.suffix = re.compile(alternation(lex["suffixes"]))
        self.generic = set(lex["generic"])
        self.named_only = frozenset(lex["named_only"])
        self.proper_only = frozenset(lex["proper_only"])
        self.boundary = boundary_words()
        company = lexicon()["company"]
        words = ("industry", "industry_after", "trades_in_names", "name_verbs")
        self.trades = frozenset(w for key in words for w in company[key])
        self.verbs = frozenset(lex["name_verbs"])  # (绿色纸品包装产业园: the trades parks are named for)
        self.industry = frozenset(company["industry"])

    def __call__(self, doc: Doc) -> Doc:
        text = cand.text_of(doc)
        kinds: list[tuple[int, int]] = []
        for m in self.suffix.finditer(text):
            if text.startswith("区", m.end()) and not m.group().endswith("区"):
                continue  # (化工园|区: the start of a longer kind, 重点培育化工园区)
            start = extend_left(text, m.start(), max_chars=12, boundary=self.boundary, name_verbs=self.verbs)
            # (a trade's verb crossed, the name begins after any other verb or adverb: 积极|发展智能制造
            # 产业园, a kind; not 川渝合作产业园, whose 合作 is a noun)
            at = start
            for w, flag in posseg(text[start : m.start()]):
                at += len(w)
                common = len(w) > 1 and word_freq(w) > self.COMMON_VERB  # (not 锐驰, 临空, 渝|达)
                if flag in ("v", "d", "ad") and common and w not in self.verbs and w not in self.industry:
                    start = at
            prefix = text[start : m.start()]
            when = TIME_LEAD.match(prefix)  # (2024年市级智慧化工园区: when, then what kind)
            if when and len(prefix) - when.end() >= 2:
                start, prefix = start + when.end(), prefix[when.end() :]
            for g in sorted(self.generic, key=len, reverse=True):
                if prefix.startswith(g) and len(prefix) - len(g) >= 2:
                    start, prefix = start + len(g), prefix[len(g) :]
                    break
            core = _strip_places(prefix)
            if len(prefix) < 2 or prefix in self.generic or (core and core in self.generic):
                continue
            placed = bool(leading_places(prefix)[0])
            if m.group() == "小镇" and len(prefix) < 3:
                continue
            proper = (2 <= len(core) <= 4 and _has_proper_word(core)) or (not core and placed)
            if m.group() in self.proper_only and not proper:
                continue  # (白涛化工园区, 长寿化工园区; not 获评市级智慧化工园区 or 重点培育化工园区, kinds)
            if m.group() in self.named_only and not placed:
                continue
            if not placed and self._trades_only(prefix):
                kinds.append((start, m.end()))  # (建成全市重要的汽车电子产业基地: a kind of park)
                continue
            cand.add(doc, start, m.end(), "park", self.name, priority=1)
        # a kind that is the end of a park's name written in the article is that park, written short
        # (汽车电子产业园 after 璧山汽车电子产业园; see _short_forms)
        names = [text[c.start : c.end] for c in cand.of_type(doc, "park") if c.source == self.name]
        for start, end in kinds:
            if any(n.endswith(text[start:end]) and len(n) > end - start for n in names):
                cand.add(doc, start, end, "park", self.name, priority=1)
        self._short_forms(doc, text)
        return doc

    def _trades_only(self, prefix: str) -> bool:
        """Is ``prefix`` only trades (汽车|电子, 食品|加工): a kind of park, not a name (西部, 国际)?"""
        return all(w in self.trades for w in jieba_tok().lcut(prefix, HMM=False))

    def _short_forms(self, doc: Doc, text: str) -> None:
        """A park written again without the words it began with (特色农产品加工产业园 after 秀山县特色
        农产品加工产业园) stands for the full name, if only one park of the article ends so."""
        found = [c for c in cand.of_type(doc, "park") if c.source == self.name]
        names = {text[c.start : c.end] for c in found}
        for c in found:
            name = text[c.start : c.end]
            longer = {n for n in names if n != name and n.endswith(name)}
            if text.endswith(_ANOTHER, 0, c.start):
                continue  # (还将建设一个新的食品产业园: another park of that kind)
            if len(longer) == 1 and len(name) >= 5:
                c.attrs.setdefault("ref", longer.pop())
                continue
            # its own name and its kind, the words between left out (明月湖产业园 after
            # 明月湖智能汽车零部件产业园), if only one park of the article is so written
            kind = self.suffix.search(name)
            head = name[: kind.start()] if kind else ""
            if len(head) >= 2 and head not in self.generic and _strip_places(head) not in self.generic:
                outer = {
                    n
                    for n in names
                    if len(n) > len(name) and _strip_places(n).startswith(head) and n.endswith(kind.group())
                }
                if len(outer) == 1:
                    c.attrs.setdefault("ref", outer.pop())


@Language.factory("company_matcher", default_config={"max_brand_freq": 50})
def make_company_matcher(nlp: Language, name: str, max_brand_freq: int) -> CompanyMatcher:
    return CompanyMatcher(name, max_brand_freq)


@Language.factory("government_matcher")
def make_government_matcher(nlp: Language, name: str) -> GovernmentMatcher:
    return GovernmentMatcher(name)


@Language.factory("park_matcher")
def make_park_matcher(nlp: Language, name: str) -> ParkMatcher:
    return ParkMatcher(name)


class KnownCompanyMatcher:
    """Companies known by name alone (宁德时代, 长安汽车, 可口可乐), from the ``companies.tsv`` table.

    A name is taken only where jieba does not read it as part of a longer word (中通 in 会议中通过),
    and Latin names (CATL) only between non-letters.
    """

    def __init__(self, name: str = "known_company_matcher") -> None:
        self.name = name
        self.table = known_companies()
        self.trie = Trie(set(self.table))

    def __call__(self, doc: Doc) -> Doc:
        text = cand.text_of(doc)
        for s, e in self.trie.finditer(text):
            surface = text[s:e]
            if surface.isascii():
                if (s and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()):
                    continue
            elif crosses_word(text, s, e) or ESTATE.match(text, e):
                continue  # (恒大绿岛新城: a housing estate the developer named, no mention of it)
            kb = self.table[surface]
            branch = _branch_after(text, e)
            if branch:  # (中国建设银行重庆渝北支行, 建行渝北支行: the branch is a company of its own)
                e, where = branch
                kb = f"{kb}|{where}"
            cand.add(doc, s, e, "company", self.name, priority=2, kb=kb)
        return doc


@Language.factory("known_company_matcher")
def make_known_company_matcher(nlp: Language, name: str) -> KnownCompanyMatcher:
    return KnownCompanyMatcher(name)
