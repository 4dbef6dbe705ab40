"""Relations between entities, each with the sentences that support it and the rule that read them.

An analyst asks "who is connected to what, and says who?", so every relation carries its evidence
(article id, sentence, rule) and a weight: the number of sentences that support it.

Where the relations come from:

- **Patterns** (``graph/data/relations.toml``): regular expressions over a sentence in which every
  entity mention has been replaced by one token, so that ``位于{tail:place}的{head:thing}`` reads
  "位于荣昌高新区的卓浩科技" whatever the names are. They give ``located_in``, ``signed_with``,
  ``partner_of``, ``invests_in`` and ``operates``.
- **Anaphora**: 公司, 该区, 这里, 该项目, 双方… are resolved, inside the article, to the most recent
  earlier mention of a compatible type (:func:`resolve_anaphora`) and take part in the patterns as
  that entity, so "公司成立不到3年…合作伙伴有宁德时代" links the company the article is about.
- **Titles**: ``holds_role_at`` comes from a person's title and the organisation the extractor found
  for it (``Mention.org_start``/``org_end``), with the role.
- **Names**: a project named after a company is operated by it (``operates``); a region-qualified
  company of a group's brand is its subsidiary, as is a unit named by its parent's name and a unit
  word (``subsidiary_of``, :func:`graph.names.parse_company`); a company or project whose name starts
  with a county-level place is located there. Their evidence says which rule.
- **co_mentioned**: two entities *named* in one sentence with no other relation in that sentence.

Directed types point head → tail (person → organisation, company → project, child → parent,
thing → place); symmetric ones (``signed_with``, ``partner_of``, ``co_mentioned``) are stored once,
with the smaller id as ``source``.

What the text says about a project — investment (总投资约10亿元), capacity (年产50万件), dated events
(2022年12月30日 下线) — is read from sentences naming exactly that one project, and returned as
:attr:`RelationList.attributes`, which :func:`graph.network.build_graph` puts on the project's node.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
import sys
import tomllib
import zlib
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import NamedTuple, Protocol

from graph.articles import Article
from graph.cache import code_version, dist_version
from graph.extract.lexicon import dictionary_tag, gazetteer, jieba_tok, lexicon
from graph.link import Entity, fold
from graph.mentions import TYPES, Mention
from graph.names import leading_places, parse_company, within
from graph.normalize import sentences
from graph.parallel import fork_imap

MAX_EVIDENCE = 20
READ_CHUNK = 5_000
"""Articles read (in parallel) before what they say is applied: their readings are held meanwhile."""
MAX_PATTERN_SENTENCE = 1_000
"""Patterns are not run on a "sentence" longer than this: a news sentence is rarely over 300
characters, and a longer one is a table or a list without punctuation, where lazy patterns would
only cost time."""
RULES_FILE = Path(__file__).resolve().parent / "data" / "relations.toml"

_COMPANY_KINDS: dict[str, Callable[[str], bool]] = {
    "group": lambda name: "集团" in name,
    "branch": lambda name: name.endswith(("支行", "分行")),
    "cooperative": lambda name: name.endswith("合作社"),
}
"""What a company may be called besides a bank or a firm, by its name (该集团, 该支行, 该合作社)."""
KINDS = ("bank", "firm", *_COMPANY_KINDS, "zone")
"""What an anaphor's ``refers`` may name besides an entity type (:func:`_kinds`)."""

_TYPE_CHAR = {t: chr(0xE000 + i) for i, t in enumerate(TYPES)}
_INDEX0, _INDEX_MAX = 0xE100, 0xF8FF
_INDEX = rf"[\u{_INDEX0:04x}-\u{_INDEX_MAX:04x}]"  # a token's index character, after its type's
_ANY_TYPE = "[" + "".join(_TYPE_CHAR.values()) + "]"  # a token's type character, whatever the type
_PUA = "\ue000-\uf8ff"
_GAP = rf"[^，。；！？：、“”\n{_PUA}]{{0,10}}"
_LONGGAP = rf"[^，。；！？：、“”\n{_PUA}]{{0,20}}"
_LIST = r"[^，。；！？等\n]*?"  # a list (A、B等多家企业) ends at 等
_AND = "(?:、|和|与|及|以及)"
"""What joins the items of a list of mentions (A、B和C)."""
_CLAUSE_END = re.compile(r"[，；：,;:]")
_TITLE_JOIN = re.compile("[、兼]")
"""What joins the titles one person holds at once: 党委书记、董事长, 董事长兼总经理."""
_CLAUSE = r"[^，。；！？\n]*?"
_SENTENCE = r"[^。；！？\n]*?"
_BUILTIN_WORDS = ("chain", "gap", "longgap", "clause", "sentence")
"""The placeholders of stretches of a sentence every rules file has (see :func:`_expand`)."""
_PLACEHOLDER = re.compile(
    r"\{(?:(?P<role>heads|tails|head|tail)?:(?P<cls>\w+)(?P<many>[*+&])?|(?P<word>"
    + "|".join(_BUILTIN_WORDS)
    + r"))\}"
)


# ---------------------------------------------------------------- relations


@dataclass
class Relation:
    """One typed link; ``weight`` counts distinct supporting sentences, ``evidence`` keeps the first
    :data:`MAX_EVIDENCE` of them."""

    source: str
    target: str
    type: str
    weight: int = 0
    evidence: list[dict] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    _seen: set | None = field(default=None, repr=False)

    def support(self, article: str, sentence: str, start: int, rule: str = "", *, new: bool = False) -> None:
        """Count a sentence once. ``new``: the caller knows this sentence has not supported the
        relation before, so nothing is remembered (co-mentions, most relations of a large build,
        come one a sentence: a set of their sentences would hold a gigabyte at 100,000 pages)."""
        if not new:
            if self._seen is None:
                self._seen = set()
            if (article, start) in self._seen:
                return
            self._seen.add((article, start))
        self.weight += 1
        if len(self.evidence) < MAX_EVIDENCE:
            ev = {"article": article, "sentence": sentence}
            if rule:
                ev["rule"] = rule
            self.evidence.append(ev)

    def add_role(self, role: str) -> None:
        """Add the titles of a run (党组书记、主任) that the relation has not got yet: a run that holds
        all it has (主任, from a headline) gives their order.

        >>> r = Relation("person:a", "government:b", "holds_role_at")
        >>> for role in ("主任", "党组书记、主任", "主任"): r.add_role(role)
        >>> r.roles
        ['党组书记', '主任']
        """
        titles = _TITLE_JOIN.split(role)
        if set(self.roles) <= set(titles):
            self.roles = list(dict.fromkeys(titles))
        else:
            self.roles.extend(t for t in dict.fromkeys(titles) if t not in self.roles)

    @property
    def rules(self) -> list[str]:
        return sorted({ev["rule"] for ev in self.evidence if ev.get("rule")})

    def to_json(self) -> dict:
        d = {"source": self.source, "target": self.target, "type": self.type, "weight": self.weight}
        if self.roles:
            d["role"] = "、".join(self.roles)
        d["evidence"] = self.evidence
        return d


@dataclass
class ProjectFacts:
    """What the articles say about one project, each fact with the sentence it was read from."""

    entity: str
    name: str
    investment: list[str] = field(default_factory=list)
    investment_cny: float | None = None  # the largest figure stated, in yuan
    capacity: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)

    def add(self, key: str, value: str, article: str, sentence: str) -> None:
        values = getattr(self, key)
        if value in values:
            return
        values.append(value)
        if len(self.evidence) < MAX_EVIDENCE:
            self.evidence.append({"attribute": key, "value": value, "article": article, "sentence": sentence})

    def node_attrs(self) -> dict:
        """The facts as node attributes: lists of strings and a number, nothing nested."""
        d: dict = {}
        for key in ("investment", "capacity", "dates"):
            if getattr(self, key):
                d[key] = list(getattr(self, key))
        if self.investment_cny is not None:
            d["investment_cny"] = self.investment_cny
        return d

    def to_json(self) -> dict:
        return {"id": self.entity, "name": self.name, **self.node_attrs(), "evidence": self.evidence}


class RelationList(list):
    """The relations, in order, with :attr:`attributes` (project id → :class:`ProjectFacts`)
    travelling along so that the graph can carry them without another argument."""

    def __init__(self, items: Iterable[Relation] = (), attributes: dict[str, ProjectFacts] | None = None):
        super().__init__(items)
        self.attributes: dict[str, ProjectFacts] = attributes or {}


# ---------------------------------------------------------------- rules from the data file


@dataclass(frozen=True)
class Pattern:
    type: str
    name: str
    regex: re.Pattern
    heads: frozenset[str]  # token types allowed in the head group
    tails: frozenset[str]
    named: frozenset[str] = frozenset()  # ("head", "tail"): which must be a name, no anaphor
    keeps: bool = False  # stands beside what its type yields to (a supply agreement, and its signing)
    head_kinds: frozenset[str] = frozenset()  # what its head must be, of KINDS (a lender: "bank")


@dataclass(frozen=True)
class Anaphor:
    words: tuple[str, ...]
    refers: tuple[str, ...]
    anywhere: bool
    skip: str  # "clause" or "sentence": its antecedent is not named there
    not_before: tuple[str, ...]
    after: tuple[str, ...]  # words after which it is an anaphor even inside a clause (落户园区)
    within: str = ""  # "sentence": its antecedent is named there (后者: the last of its sentence)
    anchor: str = ""  # its antecedent is named before this word's last use before it (…B轮融资)
    before: tuple[str, ...] = ()  # an anaphor only before one of these (其|全资子公司)
    only_after: bool = False  # an anaphor only after a word of ``after`` (由|其), not at a clause's start


@dataclass(frozen=True)
class Rules:
    classes: dict[str, tuple[str, ...]]
    types: dict[str, dict]
    patterns: tuple[Pattern, ...]
    anaphors: tuple[Anaphor, ...]
    clause_start: str
    lead: tuple[str, ...]
    list_marks: tuple[str, ...]
    bank: re.Pattern  # the name of a bank or its branch, which 该行 points to and 该公司 does not
    zone_suffixes: tuple[str, ...]
    levels: dict
    unit_suffixes: tuple[str, ...]
    denied: re.Pattern
    attributes: dict[str, re.Pattern]
    units: dict[str, int]
    roles: dict
    signing: dict[str, re.Pattern]  # a signing with companies named after it, one a sentence

    @property
    def directed(self) -> tuple[str, ...]:
        return tuple(t for t, spec in self.types.items() if spec.get("directed"))


def _token(types: Iterable[str]) -> str:
    return "[" + "".join(_TYPE_CHAR[t] for t in types) + "]" + _INDEX


def _expand(regex: str, classes: dict[str, tuple[str, ...]]) -> tuple[str, dict[str, frozenset[str]]]:
    """A pattern's regular expression with its placeholders written out, and the types of its groups."""
    groups: dict[str, frozenset[str]] = {}

    def sub(m: re.Match) -> str:
        if m["word"]:
            words = {"chain": f"(?:{_token(classes['place'])})*", "gap": _GAP, "longgap": _LONGGAP}
            return {**words, "clause": _CLAUSE, "sentence": _SENTENCE}[m["word"]]
        if m["cls"] not in classes:
            raise ValueError(f"unknown class {m['cls']!r} in pattern {regex!r}")
        tok = _token(classes[m["cls"]])
        role = m["role"]
        if not role:
            return f"(?:{tok})"
        groups[role] = frozenset(classes[m["cls"]])
        if m["many"] == "+":  # mentions written one after another with 、 and nothing else
            return f"(?P<{role}>{tok}(?:、{tok})*)"
        if m["many"] == "&":  # joined by 、 and 和 too, each perhaps with its short name in brackets
            item = f"{tok}(?:（{tok}）)?"
            return f"(?P<{role}>{item}(?:{_AND}(?:老股东|原股东)?{item})*)"
        if m["many"]:
            return f"(?P<{role}>{_LIST}{tok}(?:{_LIST}{tok})*)"
        return f"(?P<{role}>{tok})"

    return _PLACEHOLDER.sub(sub, regex), groups


_WORD = re.compile(r"\{([a-z][a-z0-9_]*)\}")
"""A word placeholder: a built-in one ({gap}) or a fragment of the rules file's ``[words]`` table."""


def _words(words: dict[str, str], path: Path) -> dict[str, str]:
    """The rules file's own fragments (``[words]``): what several patterns say alike, written once.
    They may hold placeholders of mentions not part of the relation ({:place}) and built-in words,
    never the relation's head or tail nor another fragment; their names are those of placeholders
    (lower case, digits, _) other than the built-in words'."""
    for name, fragment in words.items():
        if (
            not _WORD.fullmatch("{" + name + "}")
            or name in _BUILTIN_WORDS
            or any(m["role"] for m in _PLACEHOLDER.finditer(fragment))
            or any(m[1] not in _BUILTIN_WORDS for m in _WORD.finditer(fragment))
        ):
            raise ValueError(f"{path}: words.{name}: a bad name, or a head, tail or fragment in it")
    return words


def _with_words(regex: str, words: dict[str, str], path: Path) -> str:
    """``regex`` with the ``[words]`` fragments it names written out; a name neither built in nor
    in the table is an error."""

    def sub(m: re.Match) -> str:
        if m[1] in _BUILTIN_WORDS:
            return m[0]
        if m[1] not in words:
            raise ValueError(f"{path}: unknown word {{{m[1]}}} in pattern {regex!r}")
        return words[m[1]]

    return _WORD.sub(sub, regex)


@functools.lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> Rules:
    """The rules in ``path``; a pattern with an unknown class or no head or tail is an error, found
    when the file is loaded rather than when a sentence happens to need it."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    person = lexicon()["person"]  # (kin and growers: what someone is, no post)
    classes = {k: tuple(v) for k, v in data["classes"].items()}
    words = _words(data.get("words", {}), path)
    patterns = []
    for p in data.get("pattern", []):
        regex, groups = _expand(_with_words(p["regex"], words, path), classes)
        heads = groups.get("head") or groups.get("heads")
        tails = groups.get("tail") or groups.get("tails")
        if p["type"] not in data["types"] or heads is None or tails is None:
            raise ValueError(f"{path}: pattern {p.get('name')!r} needs a known type, a head and a tail")
        named = frozenset(p.get("named", ()))
        keeps = bool(p.get("keeps"))
        kinds = frozenset(p.get("head_kinds", ()))
        if unknown := kinds - set(KINDS):
            raise ValueError(f"{path}: pattern {p['name']!r} asks for unknown kinds {sorted(unknown)}")
        patterns.append(Pattern(p["type"], p["name"], re.compile(regex), heads, tails, named, keeps, kinds))
    for a in data.get("anaphor", []):
        if unknown := set(a["refers"]) - set(TYPES) - set(KINDS):
            raise ValueError(f"{path}: anaphor {a['words']} refers to unknown {sorted(unknown)}")
    ana = data["anaphora"]
    anaphors = tuple(
        Anaphor(
            tuple(sorted(a["words"], key=len, reverse=True)),
            tuple(a["refers"]),
            bool(a.get("anywhere")),
            a.get("skip", ""),
            tuple(a.get("not_before", ())),
            tuple(a.get("after", ())),
            a.get("within", ""),
            a.get("anchor", ""),
            tuple(a.get("before", ())),
            bool(a.get("only_after")),
        )
        for a in data.get("anaphor", [])
    )
    attrs = data["attributes"]
    return Rules(
        classes=classes,
        types=data["types"],
        patterns=tuple(patterns),
        anaphors=anaphors,
        clause_start=ana["clause_start"],
        lead=tuple(sorted(ana.get("lead", []), key=len, reverse=True)),
        list_marks=tuple(ana.get("list_marks", [])),
        bank=re.compile(ana["bank"]),
        zone_suffixes=tuple(data["zone"]["suffixes"]),
        levels=data["levels"],
        unit_suffixes=tuple(data["subsidiary"]["unit_suffixes"]),
        denied=re.compile(data["subsidiary"]["denied"]),
        attributes={k: re.compile(attrs[k]) for k in ("investment", "capacity", "date")},
        units={k: int(v) for k, v in attrs["units"].items()},
        roles={
            "between": re.compile(data["roles"]["between"]),
            "department": re.compile(data["roles"]["department"]),
            "org_types": tuple(data["roles"]["org_types"]),
            "not_positions": frozenset(data["roles"]["not_positions"] + person["kin"] + person["growers"]),
            "outlets": frozenset(data["roles"]["outlets"]),
            "company_titles": frozenset(person["company_titles"]),
        },
        signing={k: re.compile(v) for k, v in data["signing_list"].items()},
    )


def directed_types() -> tuple[str, ...]:
    """Relation types whose direction means something (the rest are stored once, either way)."""
    return load_rules().directed


# ---------------------------------------------------------------- references in an article


class Ref(NamedTuple):
    """An entity named at a place in an article: a mention (``via`` empty), a short form of a
    project's name (``via`` = "short form"), or an anaphor resolved to it (``via`` = the word).
    (A tuple: every article makes one a mention, and a frozen dataclass costs four times as much
    to make.)"""

    start: int
    end: int
    entity: str
    type: str
    via: str = ""

    @property
    def named(self) -> bool:
        return self.via in ("", "short form")


def _outermost(refs: list[Ref]) -> list[Ref]:
    """Refs not inside another (重庆 inside 重庆第一条…生产线 is part of that name, not a mention
    an anaphor can point to)."""
    out: list[Ref] = []
    for r in sorted(refs, key=lambda r: (r.start, -r.end)):
        if out and r.start < out[-1].end and r.end <= out[-1].end:
            continue
        out.append(r)
    return out


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e in spans)


def _at_clause_start(text: str, i: int, rules: Rules) -> bool:
    """Does a word at ``i`` begin a clause, possibly after a time or linking word (目前公司…)?"""
    if i == 0 or text[i - 1] in rules.clause_start:
        return True
    for w in rules.lead:
        j = i - len(w)
        if j >= 0 and text[j:i] == w and (j == 0 or text[j - 1] in rules.clause_start):
            return True
    return False


def _is_zone(e: Entity, rules: Rules) -> bool:
    return e.type == "district" and e.name.endswith(rules.zone_suffixes)


def _kinds(e: Entity, rules: Rules) -> frozenset[str]:
    """What an anaphor may call an entity besides its type (one of :data:`KINDS`): a company is a
    bank (该行) or a firm (该公司), and may be a group, a branch or a cooperative; a district whose
    name ends in a zone word is a zone, which 园区 may point back to."""
    if e.type == "district":
        return frozenset({"zone"}) if _is_zone(e, rules) else frozenset()
    if e.type != "company":
        return frozenset()
    kind = "bank" if rules.bank.search(e.name) else "firm"
    return frozenset({kind, *(k for k, named in _COMPANY_KINDS.items() if named(e.name))})


def _in_list(text: str, r: Ref, rules: Rules) -> bool:
    """Is this mention one item of a list (A、B等)? A list names others, not what 公司 refers to."""
    return text[r.end : r.end + 1] in rules.list_marks or (r.start > 0 and text[r.start - 1] == "、")


def project_short_forms(
    text: str, refs: list[Ref], entities: dict[str, Entity], prefixes: set[str]
) -> list[Ref]:
    """Where a project named in the article is written again without its leading company or place
    (渝拓聚氨酯一体化项目 … 打造聚氨酯一体化项目): the rest of the name, at least 6 characters."""
    taken = [(r.start, r.end) for r in refs]
    found: list[Ref] = []
    for eid in sorted({r.entity for r in refs if r.type == "project"}):
        for surface in sorted({text[r.start : r.end] for r in refs if r.entity == eid}):
            _, rest = leading_places(surface)
            cuts = [rest[k:] for k in range(2, len(rest)) if rest[:k] in prefixes]
            if rest != surface:
                cuts.append(rest)
            if not cuts:
                continue
            short = max(cuts, key=len)
            if len(short) < 6:
                continue
            for m in re.finditer(re.escape(short), text):
                if not _overlaps(m.start(), m.end(), taken):
                    found.append(Ref(m.start(), m.end(), eid, "project", "short form"))
                    taken.append((m.start(), m.end()))
    return found


def resolve_anaphora(
    text: str,
    refs: list[Ref],
    entities: dict[str, Entity],
    rules: Rules | None = None,
    spans: list[tuple[int, int]] | None = None,
) -> list[Ref]:
    """Anaphors in ``text`` resolved to the entity they point to, as :class:`Ref` s.

    An anaphor refers to the most recent earlier reference (mention or resolved anaphor) of a type
    it may mean — 该区 a district, 公司 a company, 项目 a project, 园区 a park or zone — skipping
    mentions that are items of a list. 双方 (the two parties) stands for the party *not* named in
    its sentence, so it skips the entities of its own sentence; 这里 skips those of its clause; 后者
    (the latter) is the last organisation named in its own sentence, whatever its type. Bare
    words (公司, 企业, 项目) count only
    as the subject of a clause, where they cannot be part of a longer phrase (配套企业, 重点项目).
    ``spans`` are the text's sentences, when the caller has split them already.

    >>> from graph.mentions import Mention
    >>> t = "卓浩科技落户江津。公司成立不到3年。"
    >>> m = Mention("d", "d#1", "company", "卓浩科技", 0, 4, 0, 4, "t")
    >>> e = Entity("company:卓浩科技", "company", "卓浩科技", ["卓浩科技"], [m])
    >>> [(r.start, r.entity, r.via) for r in resolve_anaphora(t, [Ref(0, 4, e.id, "company")], {e.id: e})]
    [(9, 'company:卓浩科技', '公司')]
    """
    rules = rules or load_rules()
    taken = bytearray(len(text))  # characters inside a mention or an anaphor found already
    for r in refs:
        taken[r.start : r.end] = b"\x01" * (r.end - r.start)
    found: list[tuple[int, int, Anaphor, str]] = []
    for an in rules.anaphors:
        for w in an.words:
            for m in _literal(w).finditer(text):
                s, e = m.start(), m.end()
                if 1 in taken[s:e]:
                    continue
                if an.not_before and text.startswith(an.not_before, e):
                    continue
                if an.before and not text.startswith(an.before, e):
                    continue
                after = any(text[max(0, s - len(a)) : s] == a for a in an.after)
                if an.only_after and not after:
                    continue
                if not an.anywhere and not after and not _at_clause_start(text, s, rules):
                    continue
                found.append((s, e, an, w))
                taken[s:e] = b"\x01" * (e - s)
    spans = sentences(text) if spans is None else spans
    resolved: list[Ref] = []
    pool = _outermost(refs)
    for s, e, an, w in sorted(found, key=lambda f: f[0]):
        exclude: set[str] = set()
        first = next((a for a, b in spans if a <= s < b), s) if an.within == "sentence" else 0
        before = text.rfind(an.anchor, 0, s) if an.anchor else s  # (…B轮融资，…。本轮融资由…)
        if an.skip:
            s0, s1 = next(((a, b) for a, b in spans if a <= s < b), (s, e))
            if an.skip == "clause":
                s0 = max([s0] + [m.end() for m in _CLAUSE_END.finditer(text, s0, s)])
                s1 = min([s1] + [m.start() for m in _CLAUSE_END.finditer(text, e, s1)])
            exclude = {r.entity for r in pool if s0 <= r.start and r.end <= s1}
        best = company = None  # (集团: the group named before, else the company, as 公司)
        for r in pool:
            if r.end > s or r.end > before:
                break
            ent = entities.get(r.entity)
            if (
                ent is None
                or r.entity in exclude
                or r.start < first
                or (r.named and _in_list(text, r, rules))
            ):
                continue
            if r.type in an.refers or not _kinds(ent, rules).isdisjoint(an.refers):
                best = r
            if ent.type == "company":
                company = r
        if best is None and "group" in an.refers:
            best = company
        if best is not None:
            ref = Ref(s, e, best.entity, best.type, w)
            resolved.append(ref)
            pool.append(ref)
            pool.sort(key=lambda r: r.start)
    return resolved


@functools.lru_cache(maxsize=1024)
def _literal(word: str) -> re.Pattern:
    return re.compile(re.escape(word))


def _by_sentence(refs: list[Ref], spans: list[tuple[int, int]]) -> list[list[Ref]]:
    """The references inside each sentence, in ``refs``' order (sorted by start): found by bisection
    (an article's sentences × its references was a tenth of the relations' time)."""
    starts = [r.start for r in refs]
    return [
        [r for r in refs[bisect_left(starts, s0) : bisect_left(starts, s1)] if r.end <= s1]
        for s0, s1 in spans
    ]


# ---------------------------------------------------------------- the extraction


class _Collector:
    """Relations keyed by (source, target, type); symmetric types are stored once, smaller id first."""

    def __init__(self, rules: Rules, entities: dict[str, Entity]) -> None:
        self.rules = rules
        self.entities = entities
        self.rels: dict[tuple[str, str, str], Relation] = {}
        self.directed = frozenset(rules.directed)

    def key(self, head: str, tail: str, typ: str) -> tuple[str, str, str]:
        if typ not in self.directed and tail < head:
            head, tail = tail, head
        return head, tail, typ

    def get(self, head: str, tail: str, typ: str) -> Relation:
        """The relation, made on its first support (a relation is asked for once a sentence)."""
        k = self.key(head, tail, typ)
        r = self.rels.get(k)
        if r is None:
            r = self.rels[k] = Relation(*k)
        return r

    def fits(self, head: str, tail: str, typ: str) -> bool:
        spec = self.rules.types.get(typ, {})
        h, t = self.entities.get(head), self.entities.get(tail)
        if h is None or t is None or head == tail:
            return False
        if h.type not in spec.get("head", TYPES) or t.type not in spec.get("tail", TYPES):
            return False
        if typ == "located_in" and h.type == "district":
            return _nests(t.name, h.name, self.rules)
        return True


def _level(name: str, rules: Rules) -> float | None:
    """How high a place is: 1 province … 4 town; from the gazetteer, else from the name's ending."""
    p = gazetteer().places.get(name)
    if p is not None and p.level in rules.levels:
        return float(rules.levels[p.level])
    if name.endswith(rules.zone_suffixes) and "zone" in rules.levels:  # (大足高新区: a zone, no 区)
        return float(rules.levels["zone"])
    for suffix, lvl in sorted(rules.levels["suffix"].items(), key=lambda kv: -len(kv[0])):
        if name.endswith(suffix):
            return float(lvl)
    return None


def _nests(outer: str, inner: str, rules: Rules) -> bool:
    """Can place ``inner`` lie in ``outer``? Written together (重庆市大足区) it does, unless the
    gazetteer knows both and disagrees, or the levels are the wrong way round."""
    gaz = gazetteer().places
    if inner in gaz and outer in gaz:
        seen, p = set(), gaz[inner].parent
        while p and p not in seen:
            if p == outer:
                return True
            seen.add(p)
            p = gaz[p].parent if p in gaz else ""
        return False
    lo, li = _level(outer, rules), _level(inner, rules)
    return lo is not None and li is not None and lo < li


def _tokens_in(group: str) -> list[int]:
    return [ord(ch) - _INDEX0 for ch in group if _INDEX0 <= ord(ch) <= _INDEX_MAX]


_ALIAS_NOTE = re.compile(
    rf"[（(](?:(?:以下简称|以下称|下称|简称)[“\"]?{_ANY_TYPE}|(?<=({_ANY_TYPE}){_INDEX}[（(])[“\"]?\1){_INDEX}[”\"]?[）)]"
)
"""A bracket that gives the short name of what is named just before it, once both are tokens: after
以下简称 and the like, or alone when it is a name of the same type (重庆铭泰汽车电子有限公司（铭泰电子）)."""


def _skeleton(text: str, s0: int, s1: int, refs: list[Ref]) -> tuple[str, list[Ref]]:
    """The sentence with each reference replaced by a type character and an index character."""
    parts, used, pos = [], [], s0
    for r in refs:
        if r.start < pos or len(used) > _INDEX_MAX - _INDEX0:
            continue
        parts.append(text[pos : r.start])
        parts.append(_TYPE_CHAR[r.type] + chr(_INDEX0 + len(used)))
        used.append(r)
        pos = r.end
    parts.append(text[pos:s1])
    # (…有限公司（以下简称陆港集团）与…: the name a company is called by after it says nothing more)
    return _ALIAS_NOTE.sub("", "".join(parts)), used


def _matches(rx: re.Pattern, skeleton: str) -> Iterator[re.Match]:
    """Every match, overlapping ones too (重庆市大足区三驱镇 holds two nestings)."""
    pos = 0
    while pos <= len(skeleton):
        m = rx.search(skeleton, pos)
        if m is None:
            return
        yield m
        pos = m.start() + 1


def _pattern_relations(
    text: str, s0: int, s1: int, refs: list[Ref], col: _Collector
) -> list[tuple[str, str, str, str]]:
    """(head, tail, type, rule) read by the patterns from one sentence."""
    if s1 - s0 > MAX_PATTERN_SENTENCE or len({r.entity for r in refs}) < 2:
        return []  # a relation needs two things named
    sk, used = _skeleton(text, s0, s1, refs)
    types = {r.type for r in used}
    out = []
    for p in col.rules.patterns:
        if types.isdisjoint(p.heads) or types.isdisjoint(p.tails):
            continue  # nothing here the pattern could take as its head or its tail
        for m in _matches(p.regex, sk):
            heads = _tokens_in(m["heads"] if "heads" in p.regex.groupindex else m["head"])
            tails = _tokens_in(m["tails"] if "tails" in p.regex.groupindex else m["tail"])
            for h, t in product(heads, tails):
                rh, rt = used[h], used[t]
                if ("head" in p.named and not rh.named) or ("tail" in p.named and not rt.named):
                    continue  # (合资成立的公司: the company 公司 points back to is no new one)
                if p.head_kinds and p.head_kinds.isdisjoint(_kinds(col.entities[rh.entity], col.rules)):
                    continue  # (企业与银行签订授信协议: the bank lends, not the company)
                if rh.type in p.heads and rt.type in p.tails and col.fits(rh.entity, rt.entity, p.type):
                    out.append((rh.entity, rt.entity, p.type, p.name, p.keeps))
    typed = {(frozenset((h, t)), typ) for h, t, typ, _, _ in out}
    return [
        (h, t, typ, rule)
        for h, t, typ, rule, keeps in out
        if keeps
        or not any((frozenset((h, t)), y) in typed for y in col.rules.types[typ].get("yields_to", ()))
    ]


def _role_relations(
    art: Article, ments: list[tuple[Entity, object]], refs: list[Ref], spans, col: _Collector
) -> list[tuple[str, str, str, int, int, str]]:
    """holds_role_at from each titled person mention: the organisation the extractor found for the
    title, or — when an anaphor stands right before the title (公司董事长) — what it resolves to;
    with the rule: a title before the name, or a post written after it (任命X为…, X任公司总经理)."""
    text = art.text
    exact = {(r.start, r.end): r for r in refs if r.named}
    anaphor_end = {r.end: r for r in refs if not r.named}
    out = []
    for e, m in ments:
        # (a run of titles, 党委委员、副总经理, is what the last one is)
        last = _TITLE_JOIN.split(m.role)[-1] if m.role else ""
        if e.type != "person" or not last or last in col.rules.roles["not_positions"]:
            continue
        s0, s1 = next(((a, b) for a, b in spans if a <= m.start < b), (m.start, m.end))
        title_start = m.start - len(m.role)
        titled = title_start >= 0 and text[title_start : m.start] == m.role
        org = None
        if titled and title_start in anaphor_end:
            org = anaphor_end[title_start]
        elif m.org_start is not None:
            org = exact.get((m.org_start, m.org_end))
            if org is None:  # the extractor's span and the final mention may differ at the edges
                near = [r for r in refs if r.named and r.start < m.org_end and m.org_start < r.end]
                org = max(near, key=lambda r: min(r.end, m.org_end) - max(r.start, m.org_start), default=None)
        elif titled and last not in col.rules.roles["outlets"]:
            org = _title_org(text, s0, title_start, refs, col.rules, last)
        if org is None:
            org = _own_place(m.role, title_start if titled else m.start, refs, col)
        if org is None or not col.fits(e.id, org.entity, "holds_role_at"):
            continue
        rule = "title before the name" if titled else "post after the name"
        out.append((e.id, org.entity, m.role, s0, s1, rule))
        other = _other_side(m.role, org, col)
        if other is not None and col.fits(e.id, other.entity, "holds_role_at"):
            out.append((e.id, other.entity, m.role, s0, s1, rule))
    return out


def _other_side(role: str, org: Ref, col: _Collector) -> Ref | None:
    """The district or county itself, for a run of titles on both sides of its leadership whose
    committee or government was found (石柱县委副书记、县长谭春林: the 县委 holds one of the posts, the
    county both). The place is a district's or county's of the titles' level; a city's, 市委副书记、
    市长, is left to the body found (``_PLACE_TITLE``)."""
    titles = [m for t in _TITLE_JOIN.split(role) if (m := _PLACE_TITLE.match(t))]
    sides = {m[2] for m in titles}
    if "委" not in sides or not sides & {"长", "政府"} or org.type != "government":
        return None
    places, rest = leading_places(col.entities[org.entity].name)
    if not places or rest not in ("委", "政府", "人民政府"):
        return None
    # (the body of a district or county of the titles' own level: 县长 is no post of 潼南区人民政府)
    if gazetteer().places[places[-1]].level != "county" or not places[-1].endswith(titles[0][1]):
        return None
    place = "district:" + places[-1]
    return org._replace(entity=place, type="district") if place in col.entities else None


_PLACE_TITLE = re.compile(r"^(?:常务)?副?(区|县)(委|长|政府)")
"""A title of a district's or county's own leadership (区委书记, 副区长, 县委常委): which level."""


def _own_place(role: str, before: int, refs: list[Ref], col: _Collector) -> Ref | None:
    """The district or county whose own title a person holds without its name (区委副书记、区长程志毅
    in an article about 璧山区): the last of that level named before it in the article."""
    titles = [m for t in _TITLE_JOIN.split(role) if (m := _PLACE_TITLE.match(t))]
    levels = {m[1] for m in titles}
    if len(levels) != 1:
        return None
    (level,) = levels
    # a 区委 title is held at the committee, a 区长 or 区政府 one at the government (副区长 is no 区委
    # post): the bodies of the sides the titles name
    bodies = frozenset().union(*(_OWN_BODIES[m[2]] for m in titles))
    gaz = gazetteer().places

    def county(name: str) -> bool:  # (a zone, 璧山高新区, has a 党工委 and a 管委会, no 区委)
        return name.endswith(level) and (gaz[name].level == "county" if name in gaz else "新区" not in name)

    def own(r: Ref, bodies: frozenset[str] = bodies) -> bool:  # the place, or its own body (长寿区委)
        name = col.entities[r.entity].name
        if r.type == "district":
            return county(name)
        places, rest = leading_places(name)
        return r.type == "government" and bool(places) and county(places[-1]) and rest in bodies

    named = [r for r in refs if r.named and r.end <= before]
    found = max((r for r in named if own(r)), key=lambda r: r.end, default=None)
    if found is None and "委" not in bodies:
        # only the place's committee is named (铜梁区委副书记、区长…，副区长…): the place itself
        committee = max((r for r in named if own(r, frozenset({"委"}))), key=lambda r: r.end, default=None)
        if committee is not None:
            place = "district:" + leading_places(col.entities[committee.entity].name)[0][-1]
            if place in col.entities:
                found = committee._replace(entity=place, type="district")
    return found


_GOVERNMENT = frozenset({"政府", "人民政府"})
_OWN_BODIES = {"委": frozenset({"委"}), "长": _GOVERNMENT, "政府": _GOVERNMENT}
"""What follows a place's name in the name of its own committee or government (长寿区委, 璧山区政府),
by the side of the title (区委书记, 区长, 区政府秘书长)."""


def _title_org(
    text: str, s0: int, title_start: int, refs: list[Ref], rules: Rules, title: str = ""
) -> Ref | None:
    """The organisation of a title the extractor left without one: written just before its run of
    titles (…有限责任公司党委委员、副总经理), or, after a department word (科研部经理), the
    organisation named last before it in the sentence; or, for a company's title opening a clause,
    the company the sentence is about where it names nothing else but places (峻岭索道总部位于璧山区，
    总经理庞世杰说)."""
    conf = rules.roles
    before = [r for r in refs if r.named and s0 <= r.start and r.end <= title_start]
    orgs = [r for r in before if r.type in conf["org_types"]]
    if not orgs:
        return None
    last = max(orgs, key=lambda r: r.end)
    others = [r for r in before if r.start >= last.end]
    if not others and conf["between"].match(text[last.end : title_start]):
        return last
    clause = re.split(r"[，。；：！？“”]", text[s0:title_start])[-1]
    if conf["department"].search(clause) and not others:
        return last
    first = min(before, key=lambda r: r.start)
    if (
        title in conf["company_titles"]
        and text[title_start - 1 : title_start] in "，,"
        and first.type == "company"
        and all(r.type in ("district", "park") for r in before if r is not first)
        # (one clause before the title's, whose subject is the company: not 重庆峻岭索道有限公司开通索道后，
        # 璧山区的农家乐生意红火，老板刘明华说, nor …公司投资建设的酒店位于璧山区，经理陈晓梅介绍)
        and not re.search(r"[，。；：！？“”]", text[s0 : first.start] + text[first.end : title_start - 1])
        and "的" not in text[first.end : title_start]
    ):
        return first
    return None


@dataclass
class _Reading:
    """What one article says, read on its own (in a worker process, see :func:`extract_relations`)
    and applied to the relations in article order, so that every relation gets its evidence in the
    same order whichever process read it. Sentences travel as offsets into the article's text.

    ``supports``: ``(head, tail, type, s0, s1, rule, role, new)``, one a call of
    :meth:`Relation.support`; ``named``: the sentences (``s0, s1``) a wanted ``(entity, surface)``
    is written in; ``facts``: ``(project, s0, s1, [(attribute, value, yuan or None)])``."""

    supports: list[tuple[str, str, str, int, int, str, str | None, bool]] = field(default_factory=list)
    named: list[tuple[tuple[str, str], int, int]] = field(default_factory=list)
    facts: list[tuple[str, int, int, list[tuple[str, str, float | None]]]] = field(default_factory=list)

    def encode(self) -> bytes:
        data = [self.supports, self.named, self.facts]
        return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass"), 3)

    @staticmethod
    def decode(blob: bytes) -> _Reading:
        supports, named, facts = json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))
        return _Reading(supports, [(tuple(key), s0, s1) for key, s0, s1 in named], facts)


class ReadingStore(Protocol):
    """Where what was read in articles by earlier builds is kept (the build's cache,
    :class:`graph.cache.ExtractionCache`), by :func:`_reading_key`: an update reads only the
    articles whose text, names or entities changed. The store must give back what it was given for
    a key, or nothing."""

    def get_readings(self, keys: list[str]) -> dict[str, bytes]: ...

    def put_readings(self, readings: dict[str, bytes]) -> None: ...


@dataclass
class _Corpus:
    """What reading an article needs of the whole corpus."""

    rules: Rules
    col: _Collector
    by_id: dict[str, Entity]
    by_article: dict[str, list[tuple[Entity, object]]]
    prefixes: set[str]


def extract_relations(
    articles: list[Article], entities: list[Entity], jobs: int | None = 1, store: ReadingStore | None = None
) -> RelationList:
    """All relations, ordered by (type, source, target), with project facts in ``.attributes``.

    Articles are read on ``jobs`` processes (:func:`graph.parallel.fork_imap`), and only those
    ``store`` has not kept from an earlier build (see :func:`_reading_key`); the result depends on
    neither."""
    rules = load_rules()
    by_id = {e.id: e for e in entities}
    col = _Collector(rules, by_id)
    by_article: dict[str, list[tuple[Entity, object]]] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            by_article[m.article].append((e, m))
    # relations the names say, and the names they need the sentences of: only those are kept, as
    # keeping every named sentence would keep a copy of the corpus
    name_relations = list(_name_relations(entities, rules, store))
    wanted = {key for *_, named in name_relations for key in named}
    corpus = _Corpus(rules, col, by_id, by_article, _company_prefixes(entities))
    facts: dict[str, ProjectFacts] = {}
    named_at: dict[tuple[str, str], list[tuple[str, str, int]]] = defaultdict(list)  # (entity, surface)

    read = functools.partial(_read_article, corpus=corpus)
    # a few thousand articles at a time: what an article says is held only until it is applied
    chunks = (articles[i : i + READ_CHUNK] for i in range(0, len(articles), READ_CHUNK))
    # closed however the loop ends: a reading suspended mid-chunk holds forked processes
    readings = (r for chunk in chunks for r in _readings(chunk, corpus, read, jobs, store))
    with contextlib.closing(readings):
        for art, reading in zip(articles, readings, strict=True):
            text, sentence, at = art.text, "", (-1, -1)
            for head, tail, typ, s0, s1, rule, role, new in reading.supports:
                if (s0, s1) != at:  # one string for all the relations of a sentence
                    sentence, at = text[s0:s1], (s0, s1)
                # the ids and words of the entities and rules, not the copies another process sent
                r = col.get(by_id[head].id, by_id[tail].id, sys.intern(typ))
                r.support(art.id, sentence, s0, sys.intern(rule), new=new)
                if role:
                    r.add_role(role)
            for key, s0, s1 in reading.named:
                if key in wanted:
                    named_at[key].append((art.id, text[s0:s1], s0))
            for pid, s0, s1, found in reading.facts:
                f = facts.get(pid) or ProjectFacts(pid, by_id[pid].name)
                for key, value, yuan in found:
                    f.add(key, value, art.id, text[s0:s1])
                    if yuan is not None:
                        f.investment_cny = max(f.investment_cny or 0.0, yuan)
                if f.investment or f.capacity or f.dates:
                    facts[pid] = f

    for head, tail, typ, rule, named in name_relations:
        # the evidence of a name is every sentence the name is written in
        support = sorted({at for key in named for at in named_at.get(key, [])})
        if typ == "subsidiary_of" and any(
            rules.denied.search(sentence)
            and any(a in sentence for a in by_id[head].aliases)
            and any(a in sentence for a in by_id[tail].aliases)
            for _, sentence, _ in support
        ):
            continue  # (the names would say it, a sentence naming both denies it)
        if support and col.fits(head, tail, typ):
            r = col.get(head, tail, typ)
            for art_id, sentence, s0 in support:
                r.support(art_id, sentence, s0, rule)
    rels = [col.rels[k] for k in sorted(col.rels, key=lambda k: (k[2], k[0], k[1]))]
    return RelationList(rels, {k: facts[k] for k in sorted(facts)})


def _readings(
    chunk: list[Article],
    corpus: _Corpus,
    read: Callable[[Article], _Reading],
    jobs: int | None,
    store: ReadingStore | None,
) -> Iterator[_Reading]:
    """What each article of ``chunk`` says, in order: from ``store``, or read (on ``jobs``
    processes) and stored."""
    if store is None:
        yield from fork_imap(read, chunk, jobs)
        return
    keys = [_reading_key(art, corpus) for art in chunk]
    known = store.get_readings(keys)
    todo = [art for art, key in zip(chunk, keys, strict=True) if key not in known]
    # read and encoded by the children, as the store keeps them; each applied (by the caller) as
    # it comes back, while they read the next
    fresh = fork_imap(functools.partial(_encoded, read=read), todo, jobs)
    blobs: dict[str, bytes] = {}
    try:
        for key in keys:
            if key not in known:
                blobs[key] = next(fresh)
            yield _Reading.decode(known[key] if key in known else blobs[key])
    finally:
        fresh.close()
    store.put_readings(blobs)


def _encoded(art: Article, read: Callable[[Article], _Reading]) -> bytes:
    return read(art).encode()


def _reading_key(art: Article, corpus: _Corpus) -> str:
    """Everything :func:`_read_article` reads of one article and of the corpus, hashed: the
    article's id and text, each mention's place, role and organisation span with its entity's id,
    type and name, the company names its projects begin with, and the code and rules that read
    them (:func:`graph.cache.code_version`). Anything else changing (another article, an entity
    elsewhere) leaves what this article says as it was."""
    found = corpus.by_article.get(art.id, [])
    ments = [(e.id, e.type, e.name, m.start, m.end, m.role, m.org_start, m.org_end) for e, m in found]
    used = sorted(_prefixes_used(art.text, found, corpus.prefixes))
    # the text goes in as it is, after its length (JSON would escape and copy 15,000 texts)
    material = json.dumps([code_version("graph.relations"), art.id, ments, used], ensure_ascii=False)
    h = hashlib.sha256(material.encode("utf-8", "surrogatepass"))
    h.update(b"\0%d\0" % len(art.text))
    h.update(art.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _prefixes_used(text: str, ments: list[tuple[Entity, Mention]], prefixes: set[str]) -> set[str]:
    """The company names and brands that the names of the article's projects begin with (after
    their places): all that :func:`project_short_forms` asks of the corpus's."""
    out: set[str] = set()
    for e, m in ments:
        if e.type == "project":
            _, rest = leading_places(text[m.start : m.end])
            out.update(rest[:k] for k in range(2, len(rest)) if rest[:k] in prefixes)
    return out


def _read_article(art: Article, corpus: _Corpus) -> _Reading:
    """Relations, named sentences and project facts of one article (see :class:`_Reading`)."""
    rules, col, by_id = corpus.rules, corpus.col, corpus.by_id
    out = _Reading()
    text = art.text
    ments = corpus.by_article.get(art.id, [])
    refs = sorted({Ref(m.start, m.end, e.id, e.type) for e, m in ments}, key=lambda r: (r.start, -r.end))
    prefixes = _prefixes_used(text, ments, corpus.prefixes)  # (what the key holds: the same set)
    refs = sorted(refs + project_short_forms(text, refs, by_id, prefixes), key=lambda r: r.start)
    spans = sentences(text)
    refs = sorted(refs + resolve_anaphora(text, refs, by_id, rules, spans), key=lambda r: r.start)
    in_sentence = _by_sentence(refs, spans)
    typed_pairs: dict[int, set[frozenset]] = defaultdict(set)

    for head, tail, role, s0, s1, rule in _role_relations(art, ments, refs, spans, col):
        out.supports.append((head, tail, "holds_role_at", s0, s1, rule, role, False))
        typed_pairs[s0].add(frozenset((head, tail)))

    for (s0, s1), in_sent in zip(spans, in_sentence, strict=True):
        for head, tail, typ, rule in _pattern_relations(text, s0, s1, in_sent, col):
            out.supports.append((head, tail, typ, s0, s1, rule, None, False))
            typed_pairs[s0].add(frozenset((head, tail)))
        for key in sorted({(r.entity, fold(text[r.start : r.end])) for r in in_sent if not r.via}):
            out.named.append((key, s0, s1))  # (only the names of name_relations are kept, later)
        found = _read_facts(text[s0:s1], s0, in_sent, text, rules)
        if found:
            out.facts.append((found[0], s0, s1, found[1]))

    for head, tail, s0, s1 in _signing_list(text, spans, in_sentence, rules):
        if col.fits(head, tail, "signed_with"):
            out.supports.append((head, tail, "signed_with", s0, s1, "签约项目：A…；B…", None, False))
            typed_pairs[s0].add(frozenset((head, tail)))

    for (s0, s1), in_sent in zip(spans, in_sentence, strict=True):
        named = sorted({r.entity for r in in_sent if r.named})
        for i, a in enumerate(named):
            for b in named[i + 1 :]:
                if frozenset((a, b)) not in typed_pairs[s0]:
                    # once a sentence: every pair of the sentence once, every sentence once
                    out.supports.append((a, b, "co_mentioned", s0, s1, "", None, True))
    return out


def _signing_list(
    text: str, spans: list[tuple[int, int]], in_sentence: list[list[Ref]], rules: Rules
) -> Iterator[tuple[str, str, int, int]]:
    """(company, host, item's sentence) of a signing with companies the sentence does not name
    (潼南高新区管委会与12家企业集中签约。, 6个项目的投资方分别与荣昌高新区管委会签订投资协议。),
    then the projects signed, one item a sentence (签约项目分别是：A投资…的Y；B投资…的Z；): each
    item's first company signed with the host, unless the item names whom it signed with or says no
    investment of it (其中，X作为区属国企，将为签约企业提供厂房代建服务)."""
    cue, lead, own, does = (rules.signing[k] for k in ("cue", "lead", "own", "does"))
    host: str | None = None
    listing = False
    for (s0, s1), refs in zip(spans, in_sentence, strict=True):
        sentence = text[s0:s1]
        opened = lead.match(sentence) if host and not listing else None
        if host and (listing or opened):
            at = s0 + (opened.end() if opened else 0)
            first = next((r for r in refs if r.type == "company" and r.named and r.start >= at), None)
            if first is not None and not own.search(sentence) and does.search(sentence, first.end - s0):
                yield first.entity, host, s0, s1
            listing = sentence.endswith("；")
            host = host if listing else None
            continue
        host, listing = None, False
        if cue.search(sentence):
            host = next((r.entity for r in refs if _hosts(text, r, refs, s1)), None)


def _hosts(text: str, r: Ref, refs: list[Ref], s1: int) -> bool:
    """Does ``r`` sign with firms its sentence does not name: written after 与 and before the signing
    (…分别与荣昌高新区管委会签订投资协议), or before 与 and the firms (潼南高新区管委会与12家企业集中签约)?"""
    if r.type not in ("government", "park", "district") or not r.named:
        return False
    if text[r.start - 1 : r.start] in ("与", "同", "和") and _SIGNS.match(text, r.end, s1):
        return True
    firms = _WITH_FIRMS.match(text, r.end, s1)
    return firms is not None and not any(r.end < o.start < firms.end() for o in refs)


_SIGNS = re.compile(r"[^，。；！？\n]{0,12}?(?:签约|签订|签署)")
"""A signing after a party, in its clause (…管委会现场签订了投资协议)."""
_WITH_FIRMS = re.compile(
    r"(?:与|同|和)[^，。；！？\n]{0,10}?(?:企业|投资方|客商)[^，。；！？\n]{0,10}?(?:签约|签订|签署)"
)
"""Firms a party signs with, unnamed (与12家企业集中签约, 与各地企业集中签约项目36个)."""


# ---------------------------------------------------------------- relations read from names


def _company_prefixes(entities: list[Entity]) -> set[str]:
    """Names and brands of companies, as a project name may begin with them (渝拓聚氨酯一体化项目)."""
    out: set[str] = set()
    for e in entities:
        if e.type != "company":
            continue
        for a in e.aliases:
            out.add(a)
            brand = parse_company(a).brand
            if len(brand) >= 2:
                out.add(brand)
    return {p for p in out if len(p) >= 2}


NameRelation = tuple[str, str, str, str, tuple[tuple[str, str], ...]]
"""(head, tail, type, rule, the (entity, surface) names that say it)."""


def _name_relations(
    entities: list[Entity], rules: Rules, store: ReadingStore | None = None
) -> Iterator[NameRelation]:
    """Relations that the names alone say."""
    branches = list(_branches(entities))
    placed = {child for child, *_ in branches}
    # (a branch is of the branch above it, not also of whatever its name begins with)
    yield from (r for r in _subsidiaries(entities, rules) if r[0] not in placed)
    yield from branches
    yield from _operators(entities, store)
    yield from _name_places(entities, rules)


_COOPERATIVE = ("合作社", "联合社")
"""How a cooperative's or a union of cooperatives' legal form ends."""


def _subsidiaries(entities: list[Entity], rules: Rules) -> Iterator[NameRelation]:
    """A region-qualified company of a brand is part of the brand's group or unqualified parent
    (重庆渝拓化工有限公司 → 渝拓集团, 重庆卓浩 → 卓浩科技); a unit named by its parent's name and a
    unit word (…供电公司白沙供电所) is part of that parent."""
    child_of: dict[str, dict[str, list[str]]] = defaultdict(dict)  # brand -> child entity -> its names
    parent_of: dict[str, dict[str, str]] = defaultdict(dict)  # brand -> entity -> the alias
    for e in entities:
        if e.type != "company":
            continue
        # (a cooperative is named by its produce and place, no brand: 脆李联合社 is no 脆李专业合作社's)
        parsed = [(a, p) for a in e.aliases if not (p := parse_company(a)).legal.endswith(_COOPERATIVE)]
        for a, p in parsed:
            if len(p.brand) < 2:
                continue
            if p.group or (not p.qualified and not p.bare and not p.branch):  # (a branch heads nothing)
                parent_of[p.brand].setdefault(e.id, a)
        groups = {p.brand for _, p in parsed if p.group}
        for a, p in parsed:
            if p.qualified and len(p.brand) >= 2 and p.brand not in groups:
                child_of[p.brand].setdefault(e.id, []).append(a)
    for brand in sorted(child_of):
        for child in sorted(child_of[brand]):
            parents = {k: v for k, v in parent_of[brand].items() if k != child}
            if len(parents) != 1:
                continue  # no parent, or several: the name cannot say which
            ((parent, alias),) = parents.items()
            if child in parent_of[brand] and parent in child_of[brand]:
                continue  # each could be the other's: the names do not say
            rule = f"name: regional company of the brand {brand} ({alias})"
            yield child, parent, "subsidiary_of", rule, tuple((child, a) for a in child_of[brand][child])
    orgs = sorted((e for e in entities if e.type in ("company", "government")), key=lambda e: e.id)
    named_by: dict[str, list[str]] = defaultdict(list)  # alias -> organisations, in id order
    for o in orgs:
        for a in dict.fromkeys(o.aliases):
            if len(a) >= 4:
                named_by[a].append(o.id)
    for e in orgs:
        if not e.name.endswith(rules.unit_suffixes):
            continue
        # the longest other organisation's name that the unit's name starts with: its prefixes,
        # looked up, never all pairs
        best = next(
            (
                (o, e.name[:k])
                for k in range(len(e.name) - 1, 3, -1)
                for o in named_by.get(e.name[:k], ())
                if o != e.id
            ),
            None,
        )
        if best:
            named = tuple((e.id, a) for a in e.aliases if a.startswith(best[1]))
            yield e.id, best[0], "subsidiary_of", f"name: a unit named {best[1]}…", named


def _branches(entities: list[Entity]) -> Iterator[NameRelation]:
    """A known company's branch (a bank's 支行, 分行 or 营业部, a company's 分公司) is part of the
    nearest 分行 above it that the corpus names (农行合川支行 → 农行重庆市分行: 合川区 is in 重庆市;
    重庆市分行营业部 → 重庆市分行), else of the company itself (重庆农商行云阳支行 → 重庆农村商业
    银行): by the known-company table's entries, ``company|place|branch word``."""
    heads: dict[str, str] = {}  # company -> its entity
    branches: dict[str, list[tuple[str, str, Entity]]] = defaultdict(list)  # company -> (place, word, entity)
    for e in sorted(entities, key=lambda e: e.id):
        kbs = {m.kb for m in e.mentions if m.kb}
        if e.type != "company" or len(kbs) != 1:
            continue
        head, *branch = next(iter(kbs)).split("|")
        if not branch:
            heads.setdefault(head, e.id)
        elif len(branch) == 2:
            branches[head].append((branch[0], branch[1], e))
    for head, found in sorted(branches.items()):
        for place, word, child in found:
            above = [
                (p, o.id)
                for p, w, o in found
                if w == "分行" and o is not child and (within(place, p) if p != place else word != "分行")
            ]
            # (the nearest: the branch whose place is inside every other's above it)
            nearest = [(p, o) for p, o in above if all(q == p or within(p, q) for q, _ in above)]
            if len(nearest) == 1:
                parent, rule = nearest[0][1], f"name: a branch of {head} in {nearest[0][0]}"
            elif not above and head in heads:
                parent, rule = heads[head], f"name: a branch of {head}"
            else:
                continue
            yield child.id, parent, "subsidiary_of", rule, tuple((child.id, a) for a in child.aliases)


_NAME_TAGS = ("ns", "nr", "nz", "nt", "j")
"""Parts of speech of names: a frequent word tagged one of these is no common word (长安, 太极)."""


def _common_words(store: ReadingStore | None = None) -> frozenset[str]:
    """The common words of the language, which are no names (高速, 交通, 平安; not 长安, 太极, 力帆):
    jieba's words of frequency 1000 or more, not tagged as a name (6,000 of its 500,000).

    They are kept in ``store``, under the relations' code and jieba's version: reading jieba's
    dictionary and its tags costs half a second that the relations of an update need for nothing
    else."""
    version = f"{code_version('graph.relations')}\0jieba {dist_version('jieba')}"
    key = hashlib.sha256(f"common words\0{version}".encode()).hexdigest()
    blob = store.get_readings([key]).get(key) if store is not None else None
    if blob is not None:
        return frozenset(w for w in zlib.decompress(blob).decode("utf-8").split("\n") if w)
    words = frozenset(
        w for w, n in jieba_tok().FREQ.items() if n >= 1000 and dictionary_tag(w) not in _NAME_TAGS
    )
    if store is not None:
        store.put_readings({key: zlib.compress("\n".join(sorted(words)).encode("utf-8"), 6)})
    return words


def _operators(entities: list[Entity], store: ReadingStore | None = None) -> Iterator[NameRelation]:
    """A project whose name holds a company's name or brand is that company's (重庆卓浩…项目)."""
    common = _common_words(store)
    names: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if e.type != "company":
            continue
        for a in e.aliases:
            names[a].add(e.id)
            brand = parse_company(a).brand
            if len(brand) >= 2 and brand not in common:  # (高速 of a 江永高速公司: a word)
                names[brand].add(e.id)
    longest = max(map(len, names), default=0)
    for p in sorted((e for e in entities if e.type == "project"), key=lambda e: e.id):
        # the names inside the project's names, read off its substrings: never all pairs
        hits = {
            a[i:j]
            for a in p.aliases
            for i in range(len(a))
            for j in range(i + 2, min(len(a), i + longest) + 1)
            if a[i:j] in names
        }
        if not hits:
            continue
        name = max(hits, key=lambda n: (len(n), n))
        ids = names[name]
        if len(ids) == 1:
            named = tuple((p.id, a) for a in p.aliases if name in a)
            if not any(name in fold(m.surface) for m in p.mentions):
                # named with its builder only (…有限公司原料药扩能项目): wherever it is written
                named = tuple((p.id, a) for a in p.aliases)
            yield next(iter(ids)), p.id, "operates", f"name: the project is named after {name}", named


_TOWN = re.compile(r"[\u4e00-\u9fff]{1,4}(?:镇|乡|街道)")
_ZONE = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:高新区|经开区|新区)")


def _named_before(kind: re.Pattern, name: str, place_ids: dict[str, str]) -> str | None:
    """The town (``_TOWN``) or zone (``_ZONE``) a project's or park's name begins with, if the
    articles name it as a place (宝顶镇100兆瓦农光互补光伏电站项目; 大足高新区龙水五金产业园, a zone the
    gazetteer does not hold, which the county's name before it would hide)."""
    m = kind.match(name)
    return m.group() if m and m.end() < len(name) and m.group() in place_ids else None


def _name_places(entities: list[Entity], rules: Rules) -> Iterator[NameRelation]:
    """A company, project or park whose name starts with a county-level place or a zone is there
    (江津卓洁科技 → 江津区), and a project or park whose name starts with a town or a zone the
    articles name (宝顶镇100兆瓦农光互补光伏电站项目 → 宝顶镇); a city- or province-level prefix
    (重庆…) only says where it registered."""
    place_ids: dict[str, str] = {}
    for e in entities:
        if e.type == "district":
            for a in [e.name, *e.aliases]:
                for full in gazetteer().full_names(a) or [a]:
                    place_ids.setdefault(full, e.id)
    gaz = gazetteer().places
    for e in sorted((e for e in entities if e.type in ("company", "project", "park")), key=lambda e: e.id):
        by_place: dict[str, list[str]] = defaultdict(list)
        for a in e.aliases:
            places = parse_company(a).region if e.type == "company" else leading_places(a)[0]
            if e.type != "company" and (zone := _named_before(_ZONE, a, place_ids)):
                by_place[zone].append(a)
            elif places and places[-1] in gaz and gaz[places[-1]].level in ("county", "zone"):
                by_place[places[-1]].append(a)
            elif e.type != "company" and (town := _named_before(_TOWN, a, place_ids)):
                by_place[town].append(a)  # (宝顶镇100兆瓦农光互补光伏电站项目: a town the text names)
        for place, names in sorted(by_place.items()):
            if place in place_ids:
                rule = f"name: {names[0]} starts with the place"
                yield e.id, place_ids[place], "located_in", rule, tuple((e.id, a) for a in names)
    # a zone named after its county (大足高新区, 涪陵国家高新区) is in that county
    for e in sorted((e for e in entities if _is_zone(e, rules)), key=lambda e: e.id):
        places, rest = leading_places(e.name)
        parent = gaz[e.name].parent if e.name in gaz else places[0] if places and rest else ""
        if parent and parent in gaz and gaz[parent].level == "county" and place_ids.get(parent, e.id) != e.id:
            rule = f"name: {e.name} is a zone of {parent}"
            yield e.id, place_ids[parent], "located_in", rule, tuple((e.id, a) for a in e.aliases)


# ---------------------------------------------------------------- project attributes


def _read_facts(
    sentence: str, s0: int, in_sent: list[Ref], text: str, rules: Rules
) -> tuple[str, list[tuple[str, str, float | None]]] | None:
    """Investment, capacity and dates from a sentence that names exactly one project: the
    project's id and ``(attribute, value, yuan)`` in the order read (``yuan`` for an investment)."""
    projects = {r.entity for r in in_sent if r.type == "project"}
    if len(projects) != 1:
        return None
    (pid,) = projects
    found: list[tuple[str, str, float | None]] = []
    others = [(r.start - s0, r.end - s0) for r in in_sent if r.entity != pid]
    for m in rules.attributes["investment"].finditer(sentence):
        if _overlaps(m.start(), m.end(), others):
            continue
        found.append(("investment", m.group(), float(m["value"]) * rules.units[m["unit"]]))
    for m in rules.attributes["capacity"].finditer(sentence):
        if not _overlaps(m.start(), m.end(), others):
            found.append(("capacity", m.group(), None))
    sk, _ = _skeleton(text, s0, s0 + len(sentence), sorted(in_sent, key=lambda r: r.start))
    for m in rules.attributes["date"].finditer(sk):
        found.append(("dates", f"{m['date']} {m['event']}", None))
    return (pid, found) if found else None


def attribute_records(relations: Iterable[Relation]) -> list[dict]:
    """One record per project with facts, for ``attributes.jsonl``."""
    attrs = getattr(relations, "attributes", {}) or {}
    return [attrs[k].to_json() for k in sorted(attrs)]


def write_attributes(path: Path, relations: Iterable[Relation]) -> int:
    """Write ``attributes.jsonl`` (one project a line: id, name, investment, investment_cny,
    capacity, dates, evidence), atomically; returns the number of projects."""
    from graph.export.tables import write_jsonl

    return write_jsonl(path, attribute_records(relations))
