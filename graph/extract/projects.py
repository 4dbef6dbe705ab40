"""Projects: named investments that end in 项目, 基地, 工程, 生产线, 电站…"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from graph.extract import candidates as cand
from graph.extract.lexicon import (
    abroad,
    alternation,
    boundary_words,
    business_words,
    crosses_word,
    extend_left,
    foreign,
    jieba_tok,
    leading_places,
    lexicon,
    posseg,
    word_freq,
)
from graph.mentions import PROJECT_SOURCE
from graph.names import contracts, parse_company
from graph.normalize import is_cjk

CAPACITY = re.compile(
    r"年产|\d+(?:\.\d+)?(?:万|亿|千)?(?:吨|件|GWh|MW|兆瓦|千瓦|台|辆|套|平方米)|[A-Za-z]{2,}"
)
WHEN = re.compile(r"(?:\d{4}年|今年|去年|明年|前年)(?:\d{1,2}月)?(?:以来|底|初|内)?")
# A period a batch of projects is counted in (2024年第二季度, 上半年): no name of one project.
PERIOD = re.compile(
    r"(?:\d{4}年|今年|去年|明年)?(?:第[一二三四]季度|[一二三四]季度|上半年|下半年|年度|\d{1,2}月)?"
)
MONEY = re.compile(
    r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两]+)[余多]?(?:亿|万|千万|百万)?(?:美元|欧元|港元|日元|元)"
)
_ANAPHORS = frozenset(["公司", "该公司", "企业", "该企业", "集团"])
"""Words that point back to a company, written before its project's name."""
_BUILD = ("上马", "建设", "建")
"""Verbs after what a project costs that jieba tags otherwise (上马 as a place)."""
ANCHOR_TYPES = ("company", "district", "park")
ROUTE_KINDS = ("城际铁路", "市域铁路", "高速公路", "快速路", "高铁", "铁路", "高速", "城际")
ROUTE = re.compile(rf"(?P<places>[\u4e00-\u9fff]{{2}})(?P<kind>{'|'.join(ROUTE_KINDS)})")
ROUTE_WORD = 50
"""A line's two characters may make a rare word (成渝, 5 in jieba's dictionary), not a common one."""
NOT_AFTER_SPEED = ("发展", "增长", "运转", "运行", "推进", "前进", "行驶", "旋转", "度", "列车", "动车")
OWNER_BEFORE = re.compile(
    rf"(?:(?:投资|出资)(?:约|近|超|逾)?{MONEY.pattern}|投资建设|投资兴建|投资新建|投资|建设|投建|打造|新建)的$"
)
"""What may stand between a project and the company that builds it (…公司投资建设的…项目, …公司投资3亿元
的…项目)."""
INVESTS_BEFORE = re.compile(
    r"投资(?:约|近|超|逾)?\d+(?:\.\d+)?(?:亿|万|千万)(?:美元|欧元|港元|元)[，,]?(?:在[^，。；！？]{2,15})?"
    r"(?:建设|打造|新建|兴建|建|实施|上马)了?$"
)
"""How a sentence about a company says it builds a project (…，投资3.6亿元建设了…项目)."""
RARE_BRAND = 50
"""A company's brand anchors a project named with it if jieba's dictionary has it at most this often
(锦屏 14, 龙湾 39; not 燃气 221, 水务 72, 机场 7,741)."""
RARE_PLACE = 100
"""A place-word in a project's name anchors it if jieba's dictionary has it at most this often."""
PLACE_ENDS = frozenset("山河江湖峡岭溪岩坝湾嘴岛坪沱港")
"""What ends the name of a mountain, river, lake, place of land or port (九重山, 跳磴河, 水天坪, 珞璜港):
no company's."""
BUILDS_HERE = re.compile(
    r"(?:将|则|还|也|正|已|计划|拟)?(?:在[^，。；！？、]{2,15})?(?:投资建设|投资兴建|投资新建|建设|新建|兴建|打造)$"
)
"""A company, then where it builds, then the project (…有限公司则在园区舟白组团投资建设…基地)."""
NOT_THE_SUBJECT = re.compile(r"获悉|了解到|得知|政府|管委会|区委|县委|市委|党委")
"""What, between a company and 投资…建设, says the company is not who invests (记者从…公司获悉，区政府…)."""


BARE_PROJECT = re.compile(r"(?:[一二三四五六七八九十\d]期)?(?:项目|工程)")
"""What is left of a project written with only its company's name (领航新能源|项目, 海川储能|二期项目)."""


_COUNT_AFTER = re.compile(r"(?:\d+|[一二三四五六七八九十两几百千]+)(?:个(?!月|工作日|小时)|项|批)")
"""A count right after 项目 (项目11个): projects of a kind counted."""


def _particular(text: str, start: int, end: int, anchors: list) -> bool:
    """A company, place or park named in ``text[start:end]``, or a word jieba does not know
    (璧晟): what a ``…建设项目`` is built by or for, not only what kind it is (养老服务中心)."""
    return any(start <= a.start and a.end <= end for a in anchors) or _unknown_word(text[start:end])


def _unknown_word(s: str) -> bool:
    """Does ``s`` hold a word of two characters or more jieba does not know (璧晟, 鼎赛): a proper
    name?"""
    return any(len(w) >= 2 and not w.isdigit() and word_freq(w) == 0 for w in jieba_tok().lcut(s))


BUILT_THINGS = ("基地", "中心", "工程", "园", "平台", "工厂", "厂区", "园区", "场馆", "馆", "大楼", "电站")
"""What a ``…建设项目`` builds, written before 建设 (智能制造基地建设项目, 研发中心建设项目)."""


class ProjectMatcher:
    """A project name is the longest run of name words before its suffix, and it must be anchored on
    something particular — a company, a place or park, a capacity (年产30GWh) — or be long enough to
    be particular by itself. 一批重点项目 or 该项目 are not names."""

    def __init__(self, name: str = PROJECT_SOURCE, min_len: int = 6) -> None:
        self.name = name
        lex = lexicon()["project"]
        self.suffix = re.compile(alternation(lex["suffixes"]))
        self.generic = tuple(sorted(lex["generic_start"], key=len, reverse=True))
        self.boundary = (boundary_words() - {"及", "投资"}) | set(lex["boundary"])
        self.name_verbs = frozenset(lex["name_verbs"])
        self.not_before = tuple(lex["not_before"])
        self.name_ends = tuple(lex["name_ends"])
        self.generic_words = set(lex["generic_start"]) - set(self.name_ends)
        self.generic_ends = tuple(g for g in self.generic if len(g) > 1 and g in self.generic_words)
        legal = lexicon()["company"]["legal"]
        self.legal_end = re.compile(
            f"(?:{alternation([x for x in legal if len(x) >= 3])})(?!.*(?:有限|公司|集团))"
        )
        self.min_len = min_len
        self.place_letters = frozenset(lex["place_letters"])
        self.route_letters = self.place_letters | frozenset(lex["route_letters"])
        self.short_suffixes = frozenset(lex["short_suffixes"])
        self.park_kinds = tuple(lexicon()["park"]["suffixes"])
        self.trades = tuple(x for x in lexicon()["company"]["industry"] if len(x) > 1)

    def _work_named(self, text: str, start: int, end: int, anchors: list) -> bool:
        """A work (a line, a bridge, a tunnel) is named by a place or a proper name: a place
        mention in it, a word jieba files as a place (长江) or does not know, a mountain or river."""
        if any(start <= a.start and a.end <= end for a in anchors):
            return True
        if end - start >= 2 and text[end - 1] in PLACE_ENDS:
            return True  # (九重山隧道, 蒲河特大桥: named after the mountain or river it crosses)
        if all(c in self.route_letters for c in text[start:end]):
            return True  # (綦万城际铁路: the places it joins)
        return any(
            flag in ("ns", "nz") or (len(w) >= 2 and word_freq(w) == 0 and not w.isdigit())
            for w, flag in posseg(text[start:end])
        )

    def _generic_start(self, name: str) -> bool:
        """一批重点项目, 该项目, 新项目: a generic word first. A one-character one only as a word of
        its own (新能源汽车…项目 is a name)."""
        first = jieba_tok().lcut(name[:6], HMM=False)[0]
        return any(name.startswith(g) and (len(g) > 1 or first == g) for g in self.generic)

    def _generic(self, prefix: str) -> bool:
        """綦江重点项目, 万州区一系列重大新项目: a generic word at the end is no name (a one-character
        one only as a word of its own: 城市更新 ends in 新 and is no generic word)."""
        core = leading_places(prefix)[1]
        if not core or core in self.generic_words or core.endswith(self.generic_ends):
            return True
        return jieba_tok().lcut(core, HMM=False)[-1] in self.generic_words  # (重大|新, not 城市更新)

    @staticmethod
    def _only_where(text: str, start: int, end: int, anchors: list) -> bool:
        """A park or place and a period (遂潼川渝合作产业园2024年第二季度项目), or a park or place
        whose 项目 are signed or begun together (…产业园项目集中签约): the projects of that park,
        not one of its own (荣昌川渝农产品冷链物流园项目 builds the park)."""
        together = text.startswith(("集中", "批量"), end + 2)
        places = [a for a in anchors if a.type in ("district", "park") and a.start == start and a.end <= end]
        return any((a.end < end or together) and PERIOD.fullmatch(text, a.end, end) for a in places)

    @staticmethod
    def _anchored(text: str, start: int, end: int, anchors: list) -> bool:
        """Something particular in the name: a company, place or park, a capacity, a proper name
        jieba does not know (鼎赛), a brand of a company the article names (锦屏江湾里项目 after 重庆锦屏
        置业有限公司), or simply length."""
        if end - start >= 8 or CAPACITY.search(text, start, end):
            return True
        if any(start <= a.start and a.end <= end for a in anchors):
            return True
        brands = (parse_company(text[a.start : a.end]).brand for a in anchors if a.type == "company")
        if any(len(b) >= 2 and word_freq(b) <= RARE_BRAND and text.startswith(b, start, end) for b in brands):
            return True  # (not a brand that is a common word: 重庆燃气集团 and 燃气管网改造项目)
        if _unknown_word(text[start:end]):
            return True
        # (a mountain, lake or river the gazetteer lacks, 仙女山国际露营基地: a rare place-word jieba
        # knows, named like one; not 城市, 山区, 中水, 江畔)
        return any(
            len(w) >= 3 and flag == "ns" and w[-1] in PLACE_ENDS and word_freq(w) <= RARE_PLACE
            for w, flag in posseg(text[start:end])
        )

    def __call__(self, doc: Doc) -> Doc:
        text = cand.text_of(doc)
        # (not a place abroad: 在德国|读完机械工程 is no work of Germany's)
        anchors = [a for a in cand.of_type(doc, *ANCHOR_TYPES) if not foreign(text[a.start : a.end])]
        for m in self.suffix.finditer(text):
            if text.startswith(self.not_before, m.end()):
                continue
            start = self._begins(text, m.start(), routes=True)
            # (a place whose name holds a bracket, 西部（重庆）科学城: the walk stops at it, the name
            # begins with the place)
            start = min(
                [start] + [a.start for a in anchors if a.type != "company" and a.start < start < a.end]
            )
            built = m.start() - len("建设")
            if start == m.start() and m.group() == "项目" and text.startswith("建设", built):
                # (…智能制造基地|建设|项目, 瑞宸新材研发中心|建设|项目: what is built, then 建设项目)
                before = self._begins(text, built)
                # (what is particular: not 养老服务中心建设项目, a kind of project)
                if (
                    before < built
                    and text.endswith(BUILT_THINGS, before, built)
                    and _particular(text, before, built, anchors)
                    and not self._generic_start(text[before:built])
                ):
                    start = before
            # a company's full name before the project is its owner, not part of its name
            owner = self.legal_end.search(text, start, m.start())
            if owner and owner.group() == "研发中心" and owner.end() < m.start():
                owner = None  # (瑞宸新材研发中心建设项目: the centre is what is built)
            if owner and any(a.type == "company" and a.end == owner.end() for a in anchors):
                start = owner.end()  # (not a legal form no company was found with: …研发中心项目)
            work = m.group() in self.short_suffixes  # (九重山隧道, 长江大桥: a work's name is its own)
            if work:  # (a work is named after places, not its builder: 渝南路桥|綦万城际铁路)
                builders = [a for a in anchors if a.type == "company" and a.start == start]
                start = max([start] + [a.end for a in builders if a.end < m.start()])
            # a date before the name is when, not what (2022年两江新区…项目)
            when = WHEN.match(text, start, m.start())
            if when:
                start = when.end()
            # the company a sentence is about, then its project (公司|二期年产120万套…项目)
            start = _past_first(text, start, m.start(), lambda w, _: w in _ANAPHORS)
            # an amount of money is what it costs, not its name (5亿元上马|汽车变速器齿轮生产线)
            money = [a.end() for a in MONEY.finditer(text, max(0, start - 8), m.start()) if a.end() > start]
            if money:
                start = _past_first(text, money[-1], m.start(), lambda w, f: f == "v" or w in _BUILD)
            name = text[start : m.end()]
            shortest = self.min_len - work
            if start == m.start() or self._generic_start(name) or len(name) < shortest:
                continue
            if _COUNT_AFTER.match(text, m.end()):
                continue  # (已签约文旅康养项目11个, 运营康养项目2个: how many of a kind, no name)
            after = leading_places(name)[1]
            if after != name and after and self._generic_start(after) and after[0] not in "大小新老好":
                # (列入重庆市|重大交通物流项目, 开州|一食品深加工项目: a kind of the place's projects, or
                # one of them; not 两江新区|老旧小区电梯加装项目)
                continue
            if self._generic(text[start : m.start()]) or self._only_where(text, start, m.start(), anchors):
                continue
            if text.endswith(self.name_ends, start, m.start()) and not _owned(
                text, start, m.start(), anchors
            ):
                continue  # (市级示范项目, 获批国家智慧城市试点项目: what kind, unless whose is said)
            attrs = {}
            if work and not self._work_named(text, start, m.start(), anchors):
                continue  # (时光隧道, 智慧高速公路: a kind, no name)
            if not work and not self._anchored(text, start, m.start(), anchors):
                # a name particular only by the company that builds it (…有限公司投资建设的高端钛合金
                # 板带项目): that project of that company, its ref the two together
                builder = _builder(text, start, anchors + cand.of_type(doc, "government"))
                if builder is None:
                    continue
                attrs["ref"] = text[builder.start : builder.end] + name
            cand.add(doc, start, m.end(), "project", self.name, priority=1, **attrs)
            # (works are named after places; a park's project after the park: 两江新区鱼复产业园项目)
            if not any(w in name for w in (*self.short_suffixes, *ROUTE_KINDS)) and not text.endswith(
                self.park_kinds, start, m.start()
            ):
                self._owner(doc, start, m.start())
        self._routes(doc, text)
        self._short_forms(doc, text)
        return doc

    def _begins(self, text: str, end: int, routes: bool = False) -> int:
        """Where a project's name that ends at ``end`` (before its suffix) begins: the walk over
        the words names are made of, amounts of goods (年产30万吨…) and, for a line, the 至 of its
        route."""
        return extend_left(
            text,
            end,
            max_chars=40,
            boundary=self.boundary,
            name_verbs=self.name_verbs,
            keep="及与",
            max_verb_freq=2000,
            amounts=True,
            routes=routes,
        )

    def _short_forms(self, doc: Doc, text: str) -> None:
        """A project written again shorter stands for the one longer name of the article it
        contracts (:func:`graph.names.contracts`): 红溪港区三期工程 for 万州红溪港区三期集装箱
        码头工程; after its company's brand and trade, the rest (綦香园|预制菜项目 for 年产5万吨方便
        火锅及预制菜项目, 普泽药业|固体制剂基地 for 年产30亿片固体制剂生产基地项目); the company's
        name and 项目 alone, the one project the article names in full after it (领航新能源项目 for
        领航新能源年产5GWh储能电芯及PACK生产基地项目)."""
        found = [c for c in cand.of_type(doc, "project") if c.source == self.name]
        heads = company_heads(text[a.start : a.end] for a in cand.of_type(doc, "company"))
        for c in found:
            if "ref" in c.attrs:
                continue
            # (names written elsewhere, each in its longest reading: …生产基地 and …生产基地项目 are one)
            others = {text[o.start : o.end] for o in found if o.end <= c.start or o.start >= c.end}
            if full := long_form(text[c.start : c.end], others, heads):
                c.attrs["ref"] = full

    def _routes(self, doc: Doc, text: str) -> None:
        """Lines named by the places they join, one character each (渝万高铁, 渝贵铁路, 兰海高速): two
        such characters that make no common word, and the kind of line."""
        for m in ROUTE.finditer(text):
            places, kind = m.group("places"), m.group("kind")
            if not all(c in self.route_letters for c in places) or word_freq(places) > ROUTE_WORD:
                continue  # (下了高速, 西南铁路: no line's name)
            if crosses_word(text, m.start(), m.start()):
                continue  # (the end of a word: 建渝万)
            if kind == "高速" and text.startswith(NOT_AFTER_SPEED, m.end()):
                continue  # (高速发展: fast, no motorway)
            cand.add(doc, m.start(), m.end(), "project", self.name, priority=0)

    def _owner(self, doc: Doc, start: int, end: int) -> None:
        """The company a project is named after (卓皓 in 卓皓轻量化零部件研发制造项目): a proper name
        jieba does not know, right after the place the name may begin with."""
        text = cand.text_of(doc)
        places, rest = leading_places(text[start:end])
        if abroad(places):
            return  # (柬埔寨|甘再水电站项目: a work abroad, named after its place there)
        pos = end - len(rest)  # after the places it begins with
        words = jieba_tok().lcut(text[pos:end], HMM=False)
        n = 0
        for w in words:  # one unknown word (鼎赛), or a run of lone characters (卓|皓)
            if not all(is_cjk(c) for c in w) or (len(w) > 1 and (word_freq(w) > 0 or n)):
                break
            n += len(w)
            if len(w) > 1:
                break
        if not 2 <= n <= 4 or all(c in self.place_letters for c in text[pos : pos + n]):
            return  # (渝湘 in 渝湘高铁: a route between two places)
        if text.endswith(self.trades, pos, pos + n) or text[pos : pos + n] in business_words():
            # (南彭|冷链 of 南彭冷链物流枢纽项目: a trade jieba has no word for, after a place it lacks;
            # 康养|度假区项目: what a firm does, no firm)
            return
        if all(flag[0] in "abdv" for _, flag in posseg(text[pos : pos + n])):
            return  # (老|旧 in 老旧小区电梯加装项目: words that say what kind, no name)
        if (
            text[pos : pos + n].endswith(("镇", "乡", "村", "街道"))
            or text[pos + n - 1] in PLACE_ENDS
            or (text[pos + n : pos + n + 1] in "湖峡" and not leading_places(text[pos + n : pos + n + 4])[0])
        ):
            # (巫溪县红池坝镇…光伏电站, 跳磴河综合整治工程, 汉丰|湖滨湖…项目, 龙缸|峡谷…项目: a town, river,
            # lake or gorge the gazetteer lacks; not 卓皓|湖北…, a place after the company)
            return
        if any(c.type == "company" and c.start <= pos < c.end for c in cand.candidates(doc)):
            return
        if (
            text.startswith(AREA_WORDS, pos + n)
            or _AREA_AFTER.match(text, pos + n)
            or "简称" + text[start:end] in text
        ):
            # (西永|片区路网工程, 蔡家|智慧新城…管廊工程: an area's; 以下简称綦万|扩能工程: the short
            # form of a project)
            return
        word = text[pos : pos + n]
        if any(
            text[c.start : c.end] in (word + "镇", word + "乡", word + "街道")
            for c in cand.of_type(doc, "district")
        ):
            return  # (珞璜国际冷链物流基地项目 where the article names 珞璜镇: the town's, no company's)
        cand.add(doc, start, pos + n, "company", self.name, priority=0, nested=True)


AREA_WORDS = ("片区", "组团", "板块", "新城", "片")
"""Words after a name that make it an area of a city (西永片区), not a company."""
_AREA_AFTER = re.compile(rf"[\u4e00-\u9fff]{{1,2}}(?:{'|'.join(w for w in AREA_WORDS if len(w) > 1)})")
"""An area word after a word or two that say what kind (蔡家|智慧新城, 西永|综合片区)."""


def company_heads(names: Iterable[str]) -> list[str]:
    """What a project's name may begin with to say whose it is: each company's brand, and its
    brand with its trade (华峰 and 华峰新材料), shortest first."""
    owners = [parse_company(n) for n in names]
    return sorted({h for p in owners for h in (p.brand + p.industry, p.brand) if len(h) >= 2}, key=len)


def long_form(name: str, others: Iterable[str], heads: list[str]) -> str | None:
    """The one longer project name of ``others`` that ``name`` is written short for, if one is:
    one it contracts (:func:`graph.names.contracts`) after its company's ``heads``, or the company's
    name and 项目 alone for the one project of that company, of that phase."""
    head = next((h for h in reversed(heads) if name.startswith(h)), "")
    form = name[len(head) :]
    # (not another company's: 博赛集电|一体化项目 is no 华峰新材料一体化项目)
    # (but the company's name dropped before the rest: 永川智能传感器产业化项目 for
    # 凯晟电子永川智能传感器产业化项目)
    longer = [n for n in others if len(n) > len(name)]
    fits = {
        n
        for n in longer
        if contracts(form, n)
        and (
            not any(n.startswith(h) and not name.startswith(h) for h in heads)
            or (not head and len(name) >= 8 and n.endswith(name) and n[: -len(name)] in heads)
        )
    }
    best = [n for n in fits if not any(n != m and n in m for m in fits)]
    # (和煦生物|二期项目 says whose and which phase only: not 产业园二期标准厂房项目)
    bare = BARE_PROJECT.fullmatch(form)
    if len(form) >= 4 and not bare and len(best) == 1:
        return best[0]
    if head and bare:
        # (领航新能源项目, 海川储能二期项目: the one project of that company, of that phase)
        # (not a phase of it for the project written without one: 禾川饲料项目 is no 禾川饲料二期项目)
        same = {
            n
            for n in longer
            if n.startswith(head) and n.endswith(form) and not BARE_PROJECT.fullmatch(n[len(head) :])
        }
        if len(same) == 1:
            return same.pop()
    return None


def _owned(text: str, start: int, end: int, anchors: list) -> bool:
    """Is it said whose or what exactly it is: a company in the name or written right before it,
    a capacity, or a proper name jieba does not know after its places (长江清能|万州绿电制氢一体化
    示范项目)? A place or the name's length does not say it (璧山区获批国家智慧城市试点项目)."""
    if CAPACITY.search(text, start, end) or _builder(text, start, anchors) is not None:
        return True
    if any(a.type == "company" and start <= a.start and a.end <= end for a in anchors):
        return True
    rest = leading_places(text[start:end])[1]
    return any(
        len(w) >= 2 and not w.isdigit() and word_freq(w) == 0 and flag[:1] not in ("v", "d")
        for w, flag in posseg(rest)
    )  # (not a verb newer than jieba's dictionary: 获批)


def _past_first(text: str, start: int, end: int, drop) -> int:
    """After the first word from ``start`` if ``drop(word, flag)`` says so and a name is left
    before ``end``; else ``start``."""
    first = posseg(text[start:end])[:1]
    if first and drop(*first[0]) and start + len(first[0][0]) < end:
        return start + len(first[0][0])
    return start


def _builder(text: str, start: int, anchors: list):
    """The company written right before a project's name, or before 投资建设的 and its kin; or the
    company a sentence is about that 投资N亿元建设 the project (…公司，投资1.5亿元建设…加工项目)."""
    built = OWNER_BEFORE.search(text, max(0, start - 20), start)
    end = built.start() if built else start
    found = next((a for a in anchors if a.type == "company" and a.end == end), None)
    if found is not None:
        return found
    builds = BUILDS_HERE.search(text, max(0, start - 24), start)  # (X将在迎龙镇建设…基地)
    found = builds and next((a for a in anchors if a.type == "company" and a.end == builds.start()), None)
    if found:
        return found
    invested = INVESTS_BEFORE.search(text, max(0, start - 40), start)
    if invested is None:
        return None
    sentence = max(text.rfind(c, 0, invested.start()) for c in "。！？；\n") + 1
    before = invested.start()
    orgs = [
        a for a in anchors if a.type in ("company", "government") and sentence <= a.start and a.end <= before
    ]
    last = max(orgs, key=lambda a: a.end, default=None)  # (…公司获悉，区政府投资…: the government's)
    if last is None or last.type != "company" or NOT_THE_SUBJECT.search(text, last.end, before):
        return None
    return last


@Language.factory(PROJECT_SOURCE, default_config={"min_len": 6})
def make_project_matcher(nlp: Language, name: str, min_len: int) -> ProjectMatcher:
    return ProjectMatcher(name, min_len)
