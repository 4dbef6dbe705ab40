"""The knowledge the rule components share: gazetteers and word lists loaded from ``graph/data``.

Everything is loaded once per process and kept read-only, so components stay cheap to build in
every worker of a parallel build.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.normalize import is_cjk, normalise
from graph.segmenter import jieba

DATA = Path(__file__).resolve().parent.parent / "data"
PUNCT = set("，。！？；：、“”‘’（）《》〈〉【】「」…—·,.!?;:()[]<>\"' \n\t/")


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    with (DATA / "lexicon.toml").open("rb") as f:
        return tomllib.load(f)


@functools.lru_cache(maxsize=1)
def departments() -> dict[str, str]:
    """Every written form of a government department (发改委, 发展改革委) → its full name
    (发展和改革委员会), from ``departments.tsv``."""
    out: dict[str, str] = {}
    for row in _rows("departments.tsv"):
        for form in [row["name"], *filter(None, row.get("short", "").split(","))]:
            out[form.strip()] = row["name"]
    return out


@functools.lru_cache(maxsize=1)
def national_bodies() -> dict[str, str]:
    """Every written form of a body of the central government (工信部, 工业和信息化部) → its full
    name, from ``national.tsv``."""
    out: dict[str, str] = {}
    for row in _rows("national.tsv"):
        for form in [row["name"], *filter(None, (row.get("short") or "").split(","))]:
            out[form.strip()] = row["name"]
    return out


def _rows(name: str) -> list[dict[str, str]]:
    path = DATA / name
    if not path.exists():
        return []
    lines = [
        ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")
    ]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=False)) for ln in lines[1:]]


def _words(name: str) -> set[str]:
    path = DATA / name
    if not path.exists():
        return set()
    out = set()
    for ln in path.read_text(encoding="utf-8").splitlines():
        ln = ln.split("#", 1)[0].strip()
        if ln:
            out.add(ln.split()[0])
    return out


@dataclass
class Place:
    name: str  # the full name (江津区)
    level: str  # province, city, county, zone; country (and its cities, city) from world.tsv
    parent: str = ""
    aliases: list[str] = field(default_factory=list)


@dataclass
class Gazetteer:
    """Places by every name they go by; ``names`` maps a surface to the full names it may mean."""

    places: dict[str, Place]
    names: dict[str, list[str]]
    stopwords: set[str]

    def full_names(self, surface: str) -> list[str]:
        return self.names.get(surface, [])

    @functools.cached_property
    def prefixes(self) -> frozenset[str]:
        """Every beginning of two characters or more of a name: a walk along a text stops where
        what it has read begins no name (秀山土家族苗族自治县 is ten characters, most read two)."""
        return frozenset(name[:k] for name in self.names for k in range(2, len(name) + 1))


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    places: dict[str, Place] = {}
    # (China's first: a name is its place's before a foreign one's)
    for file, parent_key in (("districts.tsv", "parent"), ("zones.tsv", "district"), ("world.tsv", "parent")):
        for r in _rows(file):
            name = normalise(r["name"]).text
            aliases = [normalise(a).text for a in (r.get("aliases") or "").split(",") if a.strip()]
            level = "zone" if file == "zones.tsv" else r.get("level", "")
            places.setdefault(name, Place(name, level, normalise(r.get(parent_key) or "").text, aliases))
    stop = _words("district_stopwords.txt")
    names: dict[str, list[str]] = {}
    for p in places.values():
        for s in [p.name, *p.aliases]:
            if len(s) < 2 or (s != p.name and s in stop):
                continue
            names.setdefault(s, [])
            if p.name not in names[s]:
                names[s].append(p.name)
    return Gazetteer(places, names, stop)


@functools.lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset(_words("surnames.txt"))


class Trie:
    """Longest-match lookup of many names in a text, left to right, without overlaps."""

    def __init__(self, words: list[str] | set[str]) -> None:
        self.root: dict = {}
        for w in words:
            node = self.root
            for ch in w:
                node = node.setdefault(ch, {})
            node[""] = w

    def longest_at(self, text: str, i: int) -> int:
        """Length of the longest word starting at ``i`` (0 if none)."""
        node, best, j = self.root, 0, i
        while j < len(text) and text[j] in node:
            node = node[text[j]]
            j += 1
            if "" in node:
                best = j - i
        return best

    def finditer(self, text: str):
        i = 0
        while i < len(text):
            n = self.longest_at(text, i)
            if n:
                yield i, i + n
                i += n
            else:
                i += 1


@functools.lru_cache(maxsize=1)
def jieba_tok():
    """jieba's default tokenizer, loaded: the splitter reads line breaks with the same one, so the
    dictionary is loaded once a process (0.7 s), not once for each. Being jieba's global one, it is
    everybody's in the process: code that adds words to jieba's dictionary (``jieba.add_word``)
    changes what the extractor reads, which the cache's version cannot see; nothing in this
    package does."""
    return jieba().dt


def word_freq(word: str) -> int:
    """How common a word is in jieba's dictionary: common words are rarely names."""
    return jieba_tok().FREQ.get(word, 0)


_COUNT = re.compile(r"^[\d一二三四五六七八九十百千两几多数每各首第]*[家个条批些项位名座所处]$")
# Amounts of goods (四台汽车, 30万吨): they end a company's name, but projects are named with them.
_MEASURE = re.compile(r"^[\d一二三四五六七八九十百千万两几多数每]*[台辆件吨只头]$")
# Parts of speech that never sit inside a name: pronouns, prepositions, particles, conjunctions.
_STOP_POS = ("r", "p", "u", "c", "y", "e", "o")
_PHASE = re.compile(r"[一二三四五六七八九十\d]期")
"""A phase of a work or project, written inside its name (轨道交通17号线二期工程)."""


def extend_left(
    text: str,
    pos: int,
    *,
    max_chars: int,
    boundary: set[str],
    name_verbs: frozenset[str] = frozenset(),
    keep: str = "",
    max_verb_freq: int = 100,
    amounts: bool = False,
    routes: bool = False,
    glued: bool = False,
) -> int:
    """Where a name that ends at ``pos`` (exclusive of its suffix) begins.

    Walks back over jieba words until punctuation, a boundary word (在, 的, 位于…), a pronoun,
    preposition, particle or conjunction, a count (四家), a common adverb or verb — unless the
    verb is one names are made of (``name_verbs``: 制造, 发电) — or ``max_chars``. Names in
    Chinese news are preceded by exactly such words, so the walk finds the left edge without a
    model. ``keep`` lists single characters the walk may cross although jieba tags them as
    conjunctions (及 in 研发及制造项目); ``amounts`` lets it cross amounts of goods (年产30万吨…项目);
    ``routes`` lets it cross the 至 of a route between two places (重庆至黔江段, 渝湘高铁…);
    ``glued`` ends it inside a word jieba guessed to be a person's name that begins with a boundary
    word no surname is (由渝茂|集团: 由|渝茂), for a name that must have a legal form after it; any
    walk ends so where the article writes the rest of that word without its first character
    (项目和瑞宸|新材… beside 瑞宸新材: 和|瑞宸), whether or not that character is a surname too.
    """
    lo = max(0, pos - max_chars)
    window = text[lo:pos]
    for k in range(len(window) - 1, -1, -1):
        if window[k] in PUNCT and not _inside_a_word(window, k):
            window = window[k + 1 :]
            break
    if not window:
        return pos
    cur = pos
    words = posseg(window)
    for k in range(len(words) - 1, -1, -1):
        tok, flag = words[k]
        if routes and tok == "至" and 0 < k < len(words) - 1 and _route(words[k - 1][0], words[k + 1][0]):
            cur -= 1
            continue
        if glued and _lone_pair(words, k) and pos - cur >= 2:
            cur -= 1  # (重庆影和医疗科技有限公司: jieba cut the brand 影和 into a noun and 和)
            continue
        if (
            tok in boundary
            or (len(tok) > 1 and all(ch in boundary for ch in tok))  # (已将嘉渝集团: 已, 将)
            or _COUNT.match(tok)
            or (not amounts and _MEASURE.match(tok))
            or (len(tok) > 1 and tok[-1] in "至于到在往是")  # (渝涪新|材是|重庆…: 是 glued to a name)
        ):
            break
        if not all(is_cjk(c) or c.isalnum() or c in "（）()·-." for c in tok) and not (
            tok == " " and 0 < k < len(words) - 1 and words[k - 1][1] == words[k + 1][1] == "eng"
        ):
            break  # (but the space of Micro LED, the point of 1.5万吨)
        if len(tok) >= 2 and tok[0] == "的" and "的" in boundary and word_freq(tok) == 0:
            cur -= len(tok) - 1  # (投资|的璧|青快速路: jieba guessed 的 and a name into one word)
            break
        # (物流园|由渝茂|集团: jieba took 由 and a brand for a person's name; so with 和 or 向, a
        # surname too, where the article writes the rest without it: 项目和|瑞宸新材, 瑞宸…)
        if (
            flag == "nr"
            and len(tok) >= 3
            and tok[0] in boundary
            and ((glued and tok[0] not in surnames()) or written_alone(text, tok[1:], tok[0]))
        ):
            cur -= len(tok) - 1
            break
        # (a character jieba's HMM calls a modal or interjection morpheme is one it does not know:
        # 成都市蓉|昇|汽车空调有限公司)
        if tok not in keep and flag not in ("eng", "yg", "eg", "og") and flag.startswith(_STOP_POS):
            if glued and flag == "p" and len(tok) == 1 and k > 0 and words[k - 1][0] in gazetteer().names:
                cur -= 1  # (重庆|顺|捷报关服务有限公司: a registered name's brand after its place)
                continue
            cur = _place_over(text, cur, pos)  # (万州|经|开区新田…: jieba cut the place 万州经开区)
            break
        if len(tok) > 1 and tok[-1] in "和与及同" and tok not in keep and leading_places(text[cur:pos])[0]:
            break  # (区长欧阳澄和|湖南华湘…: a name, 和, then a place the name begins with)
        if _PHASE.fullmatch(tok):  # (17号线|一期|工程: jieba tags the phase an adverb)
            cur -= len(tok)
            continue
        # a lone character tagged verb or adverb is usually half of a name jieba does not know (国能)
        freq = word_freq(tok) if len(tok) > 1 else 0
        if flag == "d" and freq > 500:
            break
        if (
            flag == "v"
            and freq > max_verb_freq
            and tok not in name_verbs
            and not _verb_brand(words, k, glued and text.startswith(_REGISTERED_FORMS, pos))
        ):
            break
        cur -= len(tok)
    if cur == lo > 0 and text[lo - 1] not in PUNCT:
        return _place_across(text, lo, pos)
    return cur


RARE_VERB = 1000
"""A verb rarer than this in jieba's dictionary may be a brand (远航, 飞驰), where nothing but a place
or the sentence's start stands before it."""


_REGISTERED_FORMS = ("有限公司", "有限责任公司", "股份有限公司", "集团有限公司", "集团股份有限公司")
"""A registered legal form as it begins where a name's walk starts from (…|集团股份有限公司); see
``graph.names.REGISTERED``, which this module cannot import (names reads this module)."""


def _verb_brand(words: list[tuple[str, str]], k: int, registered: bool) -> bool:
    """Is the verb ``words[k]`` a registered name's brand (重庆|远航|汽车有限公司, 。远航|汽车集团股份有限
    公司): before a registered legal form (not 集团 alone: 达赖集团), the verb no common one, and before
    it a place or nothing?"""
    if not registered or word_freq(words[k][0]) >= RARE_VERB:
        return False
    return k == 0 or words[k - 1][0] in gazetteer().names


def _inside_a_word(window: str, k: int) -> bool:
    """Is ``window[k]`` the point of a number (1.5万吨) or the space between two Latin words
    (Micro LED): no punctuation that ends a name?"""
    if not 0 < k < len(window) - 1:
        return False
    a, b = window[k - 1], window[k + 1]
    if window[k] == ".":
        return a.isdigit() and b.isdigit()
    return window[k] == " " and a.isascii() and a.isalpha() and b.isascii() and b.isalpha()


def _place_across(text: str, lo: int, pos: int) -> int:
    """Where a name the walk took to its last character (``lo``) begins when a place written there
    began before it: the place, not half of it (江津区双福新能源汽车零部件|产业园 is no 津区…)."""
    gaz = gazetteer()
    start = _place_started_before(text, lo, pos, 6, gaz.full_names)
    if start is not None:
        return start
    # nor half of another word (项目落|户重庆高新区金凤电子信息产业园): the name starts after it
    return min(pos, _word_end_across(text, lo) or lo)


def _word_end_across(text: str, at: int, reach: int = 3) -> int | None:
    """The end of the word jieba reads across position ``at`` (as :func:`crosses_word` reads it),
    if one runs across it."""
    return next((q for p, q in _word_spans(text, at, at, reach) if p < at < q), None)


def _word_spans(text: str, s: int, e: int, reach: int) -> Iterator[tuple[int, int]]:
    """Where the words jieba reads in the text around ``text[s:e]`` begin and end."""
    pos = max(0, s - reach)
    for tok in jieba_tok().lcut(text[pos : min(len(text), e + reach)], HMM=False):
        yield pos, pos + len(tok)
        pos += len(tok)


def _place_over(text: str, cur: int, pos: int) -> int:
    """Where a place that jieba cut into words runs across ``cur`` begins, if one does (the walk
    stopped at the preposition 经 of 万州经开区); else ``cur``."""
    start = _place_started_before(text, cur, pos, 7, gazetteer().places.__contains__)
    return cur if start is None else start


def _place_started_before(
    text: str, at: int, pos: int, longest: int, known: Callable[[str], object]
) -> int | None:
    """Where a place that ``known`` knows, begun one to three characters before ``at`` and at most
    ``longest`` long, runs across ``at`` (ending at ``pos`` at the latest): the nearest start, the
    longest place there."""
    for start in range(at - 1, max(-1, at - 4), -1):
        if any(known(text[start:e]) for e in range(min(pos, start + longest), at, -1)):
            return start
    return None


def _lone_pair(words: list[tuple[str, str]], k: int) -> bool:
    """``words[k]`` is a lone conjunction or preposition after a lone noun-like character right
    after a place: a brand jieba does not know, cut into two characters (重庆|影|和), not a list of
    words (县|和|乡镇企业) nor a phrase (之|情|为, 科斯坚|科|和)."""
    tok, flag = words[k]
    if k < 2 or len(tok) != 1 or not flag.startswith(("c", "p")) or words[k - 2][1] != "ns":
        return False
    prev, pflag = words[k - 1]
    return len(prev) == 1 and is_cjk(prev) and pflag[:1] in "nabj" and prev not in "市区县镇乡村省国州"


def _route(before: str, after: str) -> bool:
    """``before`` 至 ``after`` names a route: a place on each side (重庆 至 黔江段)."""
    return not leading_places(before)[1] and bool(leading_places(after)[0])


@functools.lru_cache(maxsize=65536)
def posseg(window: str) -> tuple[tuple[str, str], ...]:
    return tuple((p.word, p.flag) for p in _pos_tokenizer().lcut(window, HMM=True))


@functools.lru_cache(maxsize=1)
def _pos_tokenizer():
    """jieba's default part-of-speech tokenizer, over :func:`jieba_tok` (importing ``jieba.posseg``
    builds it and reads its tag table: a second one would read the table again)."""
    jieba_tok()
    import jieba.posseg

    return jieba.posseg.dt


@functools.cache
def business_words() -> frozenset[str]:
    """What a firm does, written in its name (康养, 仓储): a name of these alone is no firm's brand and
    no landmark's."""
    return frozenset(lexicon()["company"]["name_verbs"])


@functools.cache
def boundary_words() -> frozenset[str]:
    """Words that end a name on its left (lexicon ``[boundary]``), read once."""
    return frozenset(lexicon()["boundary"]["words"])


@functools.cache
def post_titles() -> frozenset[str]:
    """The titles a post is written with, in government and in companies (区长, 董事长): a name
    ends where one begins (鼎城银行行长, 区长欧阳澄和)."""
    person = lexicon()["person"]
    return frozenset(person["titles"] + person["company_titles"])


def alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def known_companies() -> dict[str, str]:
    """Well-known companies by every name they go by (``companies.tsv``): surface -> canonical name.

    Names made only of common words and not ending in an industry or legal word (西部建设) are left
    out: in running text they are phrases far more often than companies.
    """
    lex = lexicon()["company"]
    ends = tuple(lex["industry"]) + tuple(lex["legal"])
    table: dict[str, str] = {}
    for r in _rows("companies.tsv"):
        name = normalise(r["name"]).text
        for s in [name, *(normalise(a).text for a in (r.get("aliases") or "").split(",") if a.strip())]:
            if len(s) < 2 or s in table or gazetteer().full_names(s):
                continue
            words = jieba_tok().lcut(s, HMM=False)
            common = all(word_freq(w) >= 100 for w in words) and not s.endswith(ends)
            # a name of three characters jieba has no word at all for is coined (赛|力|斯); one of
            # two may be a given name (永辉, 智飞), and …院 an institute's short form (建科院)
            coined = len(s) >= 3 and all(len(w) == 1 for w in words) and not s.endswith("院")
            if len(words) > 1 and common and not coined:
                continue
            table[s] = name
    return table


def dictionary_tag(word: str) -> str:
    """The part of speech jieba's dictionary gives a word ('' if it has none): nr is a person."""
    return _pos_tokenizer().word_tag_tab.get(word, "")


def written_alone(text: str, rest: str, before: str) -> bool:
    """Is ``rest`` written in ``text`` where a word begins, other than after ``before`` (鑫川铝业 in
    支持鑫川铝业… beside 向鑫川铝业; not the 泰科技 of 华泰科技 beside 和泰科技)?"""
    i = text.find(rest)
    while i >= 0:
        if i == 0 or (
            text[i - 1] != before and not crosses_word(text, i, i, reach=2) and _after_a_word(text, i)
        ):
            return True
        i = text.find(rest, i + 1)
    return False


POSTS = ("长", "书记", "主任", "经理", "总裁", "总监", "主席", "秘书", "董事", "委员")
"""The endings of the titles of posts (区长, 董事长, 党委书记); other titles say what a person is
(村民, 工人, 游客)."""
PREPOSITIONS = frozenset("由向与和在对从为给把被将")
"""One-character words a name is written after as after a word (由鑫川铝业用于扩产)."""


def _after_a_word(text: str, i: int) -> bool:
    """Does a word of two characters or more, or punctuation, end right before ``i`` (支持|鑫川…),
    rather than a lone character that may be a name's first (中|泰科技)?"""
    before = jieba_tok().lcut(text[max(0, i - 4) : i], HMM=False)
    return not before or len(before[-1]) > 1 or not is_cjk(before[-1]) or before[-1] in PREPOSITIONS


def crosses_word(text: str, s: int, e: int, reach: int = 3, titles: Collection[str] = ()) -> bool:
    """Does a word jieba reads in the text around ``text[s:e]`` run across one of its edges?

    The guard every matcher uses against names inside longer words: 宁德 in 宁德时代, 重庆市 in 重庆市民,
    科技 in 科技创新. With ``s == e`` it asks about one position. A word that runs across the end
    into one of ``titles`` is a title glued to the name's last word (鼎城银行 in 鼎城银行行长:
    jieba knows 银行行长), no crossing.
    """
    return any(
        p < s < q or (p < e < q and not (p >= s and text[e:q] in titles))
        for p, q in _word_spans(text, s, e, reach)
    )


def leading_places(s: str, *, keep_last: bool = False) -> tuple[tuple[str, ...], str]:
    """Places written at the start of ``s`` (as full names) and what follows them.

    ``重庆市长寿区三峰环保发电`` → ``(('重庆市', '长寿区'), '三峰环保发电')``. With ``keep_last`` the last
    character is never taken as part of a place, so a name always keeps a rest to compare.
    """
    gaz = gazetteer()
    places: list[str] = []
    changed = True
    prefixes, names = gaz.prefixes, gaz.names
    home = lexicon()["government"]["home_city"]
    while changed and s:
        changed = False
        longest, limit, k = 0, len(s) - keep_last, 2
        while k <= limit and s[:k] in prefixes:  # (the longest name it begins with)
            if s[:k] in names:
                longest = k
            k += 1
        if longest:
            # after the paper's own city an address narrows: a place there is inside it (重庆龙湾|房地产:
            # 龙湾 of 温州 is the brand's); a zone filed under no place is inside any
            full = names[s[:longest]]
            if places and place_inside(places[-1], home, gaz):
                full = [f for f in full if not gaz.places[f].parent or place_inside(f, places[-1], gaz)]
            if not full:
                break
            places.append(full[0])
            s, changed = s[longest:], True
    return tuple(places), s


@functools.lru_cache(maxsize=1 << 12)
def foreign(name: str) -> bool:
    """Is every place ``name`` may be (a full name or a short form) in another country (德国,
    布达佩斯)? Its last ancestor is a country of ``world.tsv``."""
    gaz = gazetteer()
    full = gaz.full_names(name) or ([name] if name in gaz.places else [])
    if not full:
        return False
    for f in full:
        top, seen = f, set()
        while top in gaz.places and gaz.places[top].parent and top not in seen:
            seen.add(top)
            top = gaz.places[top].parent
        if top not in gaz.places or gaz.places[top].level != "country":
            return False
    return True


def abroad(places: Iterable[str]) -> bool:
    """Are the places a name begins with (:func:`leading_places`) there, all of them abroad (美国|
    广播公司, 柬埔寨|甘再水电站项目)?"""
    places = list(places)
    return bool(places) and all(foreign(p) for p in places)


def place_inside(a: str, b: str, gaz) -> bool:
    """Is place ``a`` inside place ``b`` (or the same)?"""
    seen = set()
    while a and a not in seen:
        if a == b:
            return True
        seen.add(a)
        p = gaz.places.get(a)
        a = p.parent if p else ""
    return False
