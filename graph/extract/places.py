"""Districts: administrative divisions, development zones and the towns inside them."""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from graph.extract import candidates as cand
from graph.extract.lexicon import (
    Trie,
    boundary_words,
    business_words,
    crosses_word,
    dictionary_tag,
    foreign,
    gazetteer,
    jieba_tok,
    lexicon,
    posseg,
    post_titles,
    word_freq,
)
from graph.names import within
from graph.normalize import is_cjk

# A zone named after its district (荣昌高新区, 荣昌国家高新区, 长寿经开区, 丰都县高新区, 荣昌国家农业高新技术
# 产业示范区 and its 荣昌农高区, 重庆临空经济示范区).
ZONE = re.compile(
    r"(?:国家)?(?:农业高新技术产业示范区|高新技术产业开发区|经济技术开发区|农高区|高新区|经开区|综合保税区|保税港区|新区"
    r"|临空经济示范区|临空经济区|临港经济区)"
)
# A zone named after a landmark, with a 管委会 of its own (仙女山国家级旅游度假区, 黄水旅游度假区); not the
# kind alone (创建国家级旅游度假区).
RESORT = re.compile(r"(?:国家级|市级)?旅游度假区")
# A township of a minority, its name before what people it is named for (清水土家族乡, 龙潭苗族镇).
ETHNIC_TOWN = re.compile(r"(?:土家族|苗族|彝族|回族|藏族|侗族|蒙古族){1,2}(?:乡|镇)")
MEDIA = re.compile(
    r"(?:日报|晚报|晨报|商报|时报|都市报|报社|报|电视台|广播电视台|广播电台|新闻网|网)(?![\u4e00-\u9fff]{0,1}(?:告|名|道|销|到|价|表|送))"
)
BARE = re.compile(r"(?:高新区|经开区|科学城)$")
# A place that begins the name of a university or of a local area is no mention of the place
# (重庆大学, 重庆医科大学附属第一医院, 东城片区, 龙岩组团, 重庆北站): the name's, not where it is. A
# hospital or school named after its place (鞍山市中心医院) is there, and the place a mention.
INSTITUTION_WORD = re.compile(r"(?:大学|学院)$")  # (not 上海|大学生: students)
NOT_IN_NAMES = frozenset({"新建", "新增", "筹建", "扩建", "全力", "今年", "明年", "去年"})
INSTITUTION = re.compile(
    r"(?![的在和与及])[\u4e00-\u9fff]{0,4}?(?:大学|学院)(?!生)|片区|组团"
    r"|[东西南北]站(?![长点台])|火车站|高铁站"
)
# What may not follow a town's name: its head or cadres (白涛镇长, 乡镇干部). Its party committee
# or government (石角镇党委, 双福镇政府) is a body named after the town, and the town is read.
_NOT_A_BODY = r"(?!长|[\u4e00-\u9fff]?干部)"
# A town's name in a list ends in 街道, 镇, or a 乡 that begins no word (乡镇, 乡村, 乡情…).
_LISTED_END = r"(?:街道|镇|乡(?![镇村亲情愁贤风]))"
# A town or street right after its district (荣昌区昌元街道, 巫溪县宁厂镇, 石柱县中益乡|村民).
TOWN = re.compile(
    rf"(?![乡镇街村的在和与及是为一个已将等])(?:(?![在的])[\u4e00-\u9fff]){{2,4}}?(?:街道|镇|乡){_NOT_A_BODY}"
)
"""(not what the sentence goes on with after the district: 奉节|已在安坪镇, 彭水|等地拥有乡镇…)"""
# Towns and streets listed after punctuation or 以及 (；西沱镇、王场镇的…): two of that shape are towns.
_ONE_TOWN = rf"(?![乡镇街村的在和与及是为一个这该各])[\u4e00-\u9fff]{{2,3}}?{_LISTED_END}"
TOWN_LIST = re.compile(rf"(?:^|(?<=[，。；：\n及和]))(?:{_ONE_TOWN}、)+{_ONE_TOWN}{_NOT_A_BODY}")
COMMON_STEM = 1000
"""A town's name before 镇 is no common word (周边乡, 旅游名镇, 中心镇 are none): at most this often
in jieba's dictionary."""


# 镇 or 街道 after a name of its own (高家镇, 正阳街道), not a town's head, body or cadres, nor 镇街.
STANDALONE = re.compile(rf"(?:街道|镇(?!区))(?!街|村|域|办事处){_NOT_A_BODY}")
# The two characters of a street's name right after punctuation (人和街道: jieba reads 人|和).
SHORT_STREET = re.compile(
    r"(?:^|(?<=[，。、；：“\n]))(?![在将的了和与及对向从把被是为于到这各])[\u4e00-\u9fff]{2}$"
)
_NAME_FLAGS = ("n", "ns", "nr", "nz", "nt", "ng", "j", "s", "nrt", "nrfg")


def stem_before(text: str, end: int) -> str | None:
    """The name before ``end``: the last words before it that jieba tags as nouns or does not know,
    two to four characters, the shortest of at least two that is a word of its own or a run of
    such words (茄子|溪, 白马山), after a word of another kind or punctuation. Before two characters
    of name a word of one character goes on only as a numeral (八|桥, not 年|八桥, 我区|高家,
    五金镇|龙水), and a common word ends no town's name (生态旅游镇, 农业产业镇: kinds of town)."""
    words = posseg(text[max(0, end - 6) : end])
    stem = ""
    for w, flag in reversed(words):
        if (stem and len(w) == 1 and len(stem) >= 2 and w not in NUMERALS) or (not stem and w in NUMERALS):
            break  # (a numeral begins a name, never ends one: 一城一镇)
        if stem[:1] in NUMERALS:
            break
        if not stem and w in _SETTLED:
            stem = w  # (跃进|村|街道: the word before makes the name, see below)
            continue
        han = all("\u4e00" <= ch <= "\u9fff" for ch in w)
        if not han or (flag not in _NAME_FLAGS and word_freq(w) > 0 and w not in NUMERALS):
            if stem in _SETTLED and len(w) == 2 and han:
                stem = w + stem  # (跃进|村|街道: a street named after a village, whatever its word)
            break  # (a word jieba does not know is a name, whatever it guesses: 建胜, v)
        if len(stem) >= 2 and len(w) > 1:
            break  # (大足高新区|智凤: the name is the last word)
        if len(stem) + len(w) > 4:
            return None
        if not stem and len(w) > 1 and word_freq(w) >= COMMON_STEM and flag not in _PROPER:
            return None  # (a kind of town, 旅游|镇; not a name jieba knows well, 凤凰|镇)
        stem = w + stem
    if len(stem) > 2 and (stem[0] in _GLUED or stem[0] in "镇乡区县市村经赴往"):
        # (和舟|白, 五金镇|龙水, 经油溪: jieba glued a conjunction, a preposition or a place's end to
        # the name)
        stem = stem[1:]
    return stem if len(stem) >= 2 else None


NUMERALS = frozenset("一二三四五六七八九十双两百千万")
_PROPER = frozenset({"nr"})
"""jieba's tag of a name (凤凰, 金山, 白沙): a town may be named so, however common the word; not
its tag of places, which common words carry (城市, 新城)."""


def _glued_noun_before(text: str, s: int) -> bool:
    """Does jieba read a noun, a numeral or a place of one character right before ``s`` (雪|宝山: a
    mountain's name; 九|黎城, 阿|蓬江: a scenic spot's, a river's)?"""
    window = text[max(0, s - 4) : s]
    words = posseg(window)
    w, flag = words[-1] if words else ("", "")
    return len(w) == 1 and flag in ("n", "ng", "m", "ns") and is_cjk(w) and w not in BEFORE_PLACES


BEFORE_PLACES = frozenset("原经赴至往从在到于向由自")
"""Characters jieba may tag nouns that stand before a place as words of their own (原|沭阳副县长,
经|敦煌、格尔木)."""


_GLUED = frozenset("和与及在从向到把被对将为是的了")

_SETTLED = frozenset("村")
"""A village's last character, which a street or town may be named after with the word before it
(跃进村街道, 新山村街道)."""


def town_like(name: str, listed: bool = False) -> bool:
    """Could ``name`` (…镇, …乡, …街道) be a town's? Not a kind of town, nor a common word and 镇,
    nor common words run together (:func:`_clause`). ``listed``: written in a list after a town, where
    a common word jieba files as a place's name is one too (安坪镇、朱衣镇、永乐镇)."""
    stem = name[:-2] if name.endswith("街道") else name[:-1]
    proper = _PROPER | ({"ns"} if listed else set())
    return (
        not name.endswith(tuple(lexicon()["town"]["kinds"]))
        and (word_freq(stem) < COMMON_STEM or dictionary_tag(stem) in proper)
        and not _clause(name)
    )


def _clause(name: str, text: str = "", end: int = 0) -> bool:
    """Is the name before 镇, 乡 or 街道 common words run together, a clause rather than a name
    (城口县|累计建成镇村电商服务站点)? Even right after a district (虞城县张集镇 is a town). With the
    ``text`` it ends in at ``end``: or a common word before the 乡 of 乡村 (巫溪|设立乡村振兴…,
    目前共有乡村民宿; 石柱县中益乡村民 is 中益乡's)."""
    stem = name[:-2] if name.endswith("街道") else name[:-1]
    words = jieba_tok().lcut(stem, HMM=False)
    if name.endswith("乡") and text.startswith("村", end):
        # (a common word in it: 武隆|目前共有乡村民宿; not 中|益 of 中益乡村民)
        return word_freq(stem) >= COMMON_STEM or any(
            len(w) >= 2 and word_freq(w) >= COMMON_STEM for w in words
        )
    return len(words) >= 2 and all(len(w) >= 2 and word_freq(w) >= COMMON_STEM for w in words)


# More towns listed after a town (永川区朱沱镇、仙龙镇, 温泉镇、满月镇等): towns of the same kind.
LISTED_TOWN = re.compile(
    rf"[、和与及](?P<name>(?![乡镇街村])[\u4e00-\u9fff]{{2,3}}?{_LISTED_END}){_NOT_A_BODY}"
)
# What makes a place's short form the name of a town instead (太原镇 is no 太原市, 桂林街道 no 桂林市);
# not 镇街, 镇村 (江津镇街: the place's towns and streets), and not 乡, which begins too many words
# (万州乡风, 奉节乡贤, 乡村, 乡情).
TOWN_WORD = re.compile(r"(?:街道|镇(?!街|村|域))")


class DistrictMatcher:
    """Finds districts by gazetteer, then the zones and towns written after them.

    Short forms (江津 for 江津区) are accepted when jieba does not read them as part of a longer word
    (``宁德时代`` is not ``宁德``); short forms that are ordinary words are left out of the gazetteer.
    A bare zone word (高新区, 科学城) is a mention only in an article that names the zone in full.
    """

    def __init__(self, name: str = "district_matcher") -> None:
        self.name = name
        gaz = gazetteer()
        self.trie = Trie(set(gaz.names))
        self.full = set(gaz.places)
        self.zones = {n for n, p in gaz.places.items() if p.level == "zone"}
        self.home = lexicon()["government"]["home_city"]
        self.home_names = tuple(n for n, full in gaz.names.items() if self.home in full)  # 重庆, 重庆市…
        self.facility_words = tuple(lexicon()["town"]["facility_words"])
        self.titles = tuple(post_titles())
        self.resort_kinds = frozenset(lexicon()["resort"]["kinds"]) | business_words()
        self.boundary = tuple(sorted(boundary_words(), key=len, reverse=True))

    def __call__(self, doc: Doc) -> Doc:
        text = cand.text_of(doc)
        zones: list[tuple[int, str]] = []  # (where, the zone's name), in the text's order
        towns: set[str] = set()
        matches = list(self._matches(text))
        named = {f for s, e in matches for f in gazetteer().full_names(text[s:e]) or [text[s:e]]}
        # a far county's short form right after the paper's own city is a brand (重庆锦屏置业有限公司:
        # 锦屏 of 贵州 is no place of a Chongqing company's), and so it is wherever the article writes it
        branded = {text[s:e] for s, e in matches if any(text.endswith(h, 0, s) for h in self.home_names)}
        for s, e in matches:
            surface = text[s:e]
            if foreign(surface) and text.endswith(self.titles, 0, s):
                continue  # (董事长贝宁, 总经理汤加: a name after a title, no country)
            if surface in self.zones:
                zones.append((s, surface))
            z = ZONE.match(text, e)
            if z:
                cand.add(doc, s, z.end(), "district", self.name, priority=1, zone=True)
                zones.append((s, text[s : z.end()]))
                continue
            word = TOWN_WORD.match(text, e) if surface not in self.full else None
            if word:  # a town named like a place elsewhere: the town, not that place
                cand.add(doc, s, word.end(), "district", self.name)
                towns.add(text[s : word.end()])
                continue
            if self._far_county(text, s, e, named, branded):
                continue
            cand.add(doc, s, e, "district", self.name)
            t = TOWN.match(text, e)
            n = self.trie.longest_at(text, e)  # (新田镇 after 万州区: a town, though 新田 is a county)
            if t and (not n or TOWN_WORD.match(text, e + n)) and not _clause(t.group(), text, t.end()):
                cand.add(doc, e, t.end(), "district", self.name)
                towns.add(t.group())
        # a bare 高新区 or 科学城 in an article that names the zone in full: the zone of that kind
        # named last before it, or first if it comes before them all (潼南高新区与铜梁高新区…)
        kinds: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for at, zone in zones:
            if bare := BARE.search(zone):
                kinds[bare.group()].append((at, zone))
        for word, named_at in kinds.items():
            for m in re.finditer(word, text):
                if m.start() and text[m.start() - 1] in "的个":
                    continue  # (一个高新区 is any zone)
                zone = next((z for at, z in reversed(named_at) if at < m.start()), named_at[0][1])
                cand.add(
                    doc, m.start(), m.end(), "district", self.name, priority=-1, bare_zone=True, ref=zone
                )
        ends = {c.end for c in cand.of_type(doc, "district")}
        for m in RESORT.finditer(text):
            # a landmark's name: three characters or more, or a place-name jieba knows (黄水), that
            # says no kind of resort (温泉, 滨江) and begins after punctuation, a place or a word that
            # ends names (由仙女山…); not where it began inside a word (秀山川|河盖, 南|天湖, 濯水|古镇)
            stem = stem_before(text, m.start())
            if not stem or stem in self.resort_kinds:
                continue
            at = m.start() - len(stem)
            words = posseg(stem)
            proper = len(stem) >= 3 or (len(words) == 1 and words[0][1] in ("ns", "nr", "nz"))
            clean = not at or not is_cjk(text[at - 1]) or at in ends or text.endswith(self.boundary, 0, at)
            if proper and clean:
                cand.add(doc, at, m.end(), "district", self.name, priority=1, zone=True)
        for m in ETHNIC_TOWN.finditer(text):
            stem = stem_before(text, m.start())
            if stem and len(stem) <= 3:
                cand.add(doc, m.start() - len(stem), m.end(), "district", self.name)
                towns.add(text[m.start() - len(stem) : m.end()])
        self._town_lists(text, towns)
        self._standalone(doc, text, towns)
        self._listed(text, towns)
        for town in towns:
            for m in re.finditer(re.escape(town), text):
                cand.add(doc, m.start(), m.end(), "district", self.name, priority=-1)
        return doc

    def _far_county(self, text: str, s: int, e: int, named: set[str], branded: set[str]) -> bool:
        """A short form of a county outside the paper's own province written inside another name:
        a word of a facility's or a thing's name after it (龙城天街, 缙云广场, 君山银针), a noun of
        one character jieba reads right before it (雪|宝山), or a brand the article writes after the
        paper's own city (``branded``: 重庆锦屏置业…, then 锦屏江湾里项目) — where the article names
        neither the county's city nor its province. Written on its own (在恭城，) it is the county."""
        gaz = gazetteer()
        surface = text[s:e]
        full = gaz.full_names(surface)
        if surface in self.full or not full or any(gaz.places[f].level != "county" for f in full):
            return False
        if not (text.startswith(self.facility_words, e) or _glued_noun_before(text, s) or surface in branded):
            return False
        return not any(within(f, self.home) or any(within(f, n) for n in named - {f}) for f in full)

    def _matches(self, text: str):
        """Gazetteer names left to right; a name jieba reads as part of a longer word is tried
        shorter (重庆市民 → 重庆) and dropped if no reading fits (宁德时代, 资源城市)."""
        i = home_end = 0  # (the end of a place of the paper's own province jieba read into a word)
        while i < len(text):
            n = first = self.trie.longest_at(text, i)
            while n >= 2 and self._crosses(text, i, i + n, reach=3 + first - n if n < first else None):
                n = max((k for k in range(2, n) if text[i : i + k] in gazetteer().names), default=0)
            if first >= 2 and n == 0 and self._home(text[i : i + first]):
                home_end = i + first
            if n >= 2 and (i >= home_end or self._home(text[i : i + n])):
                # (璧|山城区: jieba's reading, not 山城区 of 河南 inside the name of 璧山)
                yield i, i + n
                i += n
            else:
                i += 1

    def _home(self, name: str) -> bool:
        """Is ``name`` a place of the paper's own province (璧山 → 璧山区 of 重庆市)?"""
        return any(within(f, self.home) for f in gazetteer().full_names(name) or [name])

    @staticmethod
    def _institution(text: str, e: int) -> bool:
        """Does a university's name (重庆|大学, 重庆|医科大学, 重庆|第二师范学院) or an area's or a
        station's go on from ``e``? Only nouns and ordinals stand before 大学 (not 綦江|考上大学)."""
        m = INSTITUTION.match(text, e)
        if m is None:
            return False
        inst = INSTITUTION_WORD.search(m.group())
        between = m.group()[: inst.start()] if inst else ""
        return all(
            (flag[0] in "nj" and w not in NOT_IN_NAMES) or w.startswith("第") for w, flag in posseg(between)
        )

    def _crosses(self, text: str, s: int, e: int, reach: int | None = None) -> bool:
        """Does the name ``text[s:e]`` run into a longer word? A shorter reading of a longer name
        must run into one in the text around the longer name too (``reach``): jieba reads 渝中区委书
        as 渝中区|委|书 but 渝中区委书记 as 渝|中|区委书记."""
        if MEDIA.match(text, e) or self._institution(text, e):
            return True  # 重庆日报, 武隆报: a newspaper, not the place; 重庆大学
        if text[s:e] in gazetteer().stopwords or ZONE.match(text, e) or TOWN.match(text, e):
            return text[s:e] in gazetteer().stopwords
        return crosses_word(text, s, e) and (reach is None or crosses_word(text, s, e, reach))

    @staticmethod
    def _listed(text: str, towns: set[str]) -> None:
        """Add to ``towns`` those listed after one of them (朱沱镇、仙龙镇、…), and after those."""
        todo = list(towns)
        while todo:
            town = todo.pop()
            for m in re.finditer(re.escape(town), text):
                nxt = LISTED_TOWN.match(text, m.end())
                if nxt and nxt.group("name") not in towns and town_like(nxt.group("name"), listed=True):
                    towns.add(nxt.group("name"))
                    todo.append(nxt.group("name"))

    def _standalone(self, doc: Doc, text: str, towns: set[str]) -> None:
        """A town or street written without its district (在高家镇附近, 家住河边镇的, 横跨正阳街道): the
        words right before 镇 or 街道 that are a name, two to four characters of nouns or words
        jieba does not know, after whatever verb, preposition or time word stands before them."""
        ends = [c.end for c in cand.of_type(doc, "district")]
        for m in STANDALONE.finditer(text):
            stem = stem_before(text, m.start())
            short = SHORT_STREET.search(text, 0, m.start()) if stem is None and m.group() == "街道" else None
            if short and posseg(short.group())[0][1] != "t":
                stem = short.group()  # (，人和街道: two characters after punctuation; not 明年|街道)
            if stem is None:
                continue
            # (永川区|朱沱镇: a place before it ends the name; the town after a place is found already)
            s0 = max((e for e in ends if m.start() - len(stem) < e <= m.start()), default=None)
            if s0 is not None:
                stem = text[s0 : m.start()]
                if len(stem) < 2:
                    continue
            name = stem + m.group()
            if any(t in stem for t in self.titles):
                continue  # (董事长鲁|镇南: a title, then a name, no town)
            if town_like(name) and not gazetteer().full_names(stem):  # (places: read as such)
                cand.add(doc, m.start() - len(stem), m.end(), "district", self.name, priority=-1)
                towns.add(name)

    def _town_lists(self, text: str, towns: set[str]) -> None:
        """Towns and streets listed after punctuation (西沱镇、王场镇): they are ``towns`` too, for the
        towns listed after them."""
        for m in TOWN_LIST.finditer(text):
            names = m.group().split("、")
            if all(town_like(n) for n in names):  # (a list of kinds of town is no list of towns)
                towns.update(names)


@Language.factory("district_matcher")
def make_district_matcher(nlp: Language, name: str) -> DistrictMatcher:
    return DistrictMatcher(name)
