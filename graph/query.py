"""Relationship queries on a built graph, answered as pandas DataFrames with their evidence.

Analysts work in notebooks: ``kg = load("out")`` once, then one call per question, each returning a
DataFrame they can sort, filter and plot, with the sentence and article behind every row::

    from graph import query as q
    kg = q.load("out")
    q.lookup(kg, "卓皓")                 # any alias, spelling variant or homophone
    q.people(kg, "江津区")               # who holds which role there
    q.paths(kg, "卓浩科技", "钟磊")       # how two entities are connected, hop by hop

Why the JSON Lines tables and not ``graph.graphml``: GraphML can hold scalars only, so the export joins
lists with ``|``, which loses which article each evidence sentence came from, and it has no mention
level at all (the role a person was given in one sentence, the offsets that find that sentence).
``entities.jsonl``, ``relations.jsonl`` and ``articles.jsonl`` are the full record the build wrote;
:func:`load` reads them and assembles the same NetworkX ``MultiDiGraph`` as the build does
(:attr:`KnowledgeGraph.graph`), without re-running any extraction.

Every entity argument is a *reference*: an entity id (``"district:江津区"``) or any name, resolved by
:func:`resolve` the way :func:`lookup` ranks names. Every result is sorted, so the same graph always
gives the same frame. This module only reads the build's outputs; the build never imports it.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from itertools import combinations, islice, pairwise
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from graph.link import fold, gazetteer  # the linker's place gazetteer: place prefixes of company names
from graph.normalize import sentences

try:  # pypinyin ranks homophones (卓皓 ~ 卓浩) above other one-character variants; optional
    from pypinyin import Style
    from pypinyin import pinyin as _pinyin
except ImportError:  # pragma: no cover - exercised only where pypinyin is not installed
    _pinyin = None

ENTITY_TYPES = ("district", "company", "person", "project", "government", "park")
# Relation types whose direction means something; every other type is symmetric.
DIRECTED = ("holds_role_at", "located_in", "operates", "invests_in", "subsidiary_of")
# What can contain a company, project or park: a district (or a zone, town) or a park.
CONTAINERS = ("district", "park")
TABLES = ("entities.jsonl", "relations.jsonl", "articles.jsonl")


# ------------------------------------------------------------------------------------ the graph


@dataclass
class KnowledgeGraph:
    """A built graph, read back: the three tables as dicts plus the NetworkX graph over them.

    Create it with :func:`load` (from an output folder) or :func:`from_records` (from records in
    memory). ``entities`` and ``articles`` are keyed by id and ``relations`` keep the build's order;
    the records are exactly the JSON objects the build wrote.
    """

    entities: dict[str, dict]
    relations: list[dict]
    articles: dict[str, dict]
    source: Path | None = None
    graph: nx.MultiDiGraph = field(init=False, repr=False)
    _spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        g = nx.MultiDiGraph(directed_types="|".join(DIRECTED))
        for eid, e in self.entities.items():
            roles = sorted({m["role"] for m in e.get("mentions", []) if m.get("role")})
            g.add_node(
                eid,
                label=e["name"],
                type=e["type"],
                aliases=list(e.get("aliases", [])),
                roles=roles,
                mentions=len(e.get("mentions", [])),
                articles=len({m["article"] for m in e.get("mentions", [])}),
            )
        for r in self.relations:
            g.add_edge(
                r["source"],
                r["target"],
                key=r["type"],
                type=r["type"],
                weight=r.get("weight", 1),
                role=r.get("role", ""),
                evidence=[ev["sentence"] for ev in r.get("evidence", [])],
                articles=sorted({ev["article"] for ev in r.get("evidence", [])}),
            )
        self.graph = g

    def __repr__(self) -> str:
        where = f" from {self.source}" if self.source else ""
        return (
            f"<KnowledgeGraph{where}: {len(self.entities)} entities, {len(self.relations)} relations, "
            f"{len(self.articles)} articles>"
        )

    def name(self, eid: str) -> str:
        """The display name of an entity id."""
        return self.entities[eid]["name"]

    def type_of(self, eid: str) -> str:
        return self.entities[eid]["type"]

    def title(self, article: str | None) -> str:
        """An article's title, or its subtitle or opening words when it has none (photo captions)."""
        a = self.articles.get(article or "")
        if not a:
            return ""
        return a.get("title") or a.get("subtitle") or a.get("text", "")[:30]

    def sentence_at(self, article: str, pos: int) -> tuple[int, int]:
        """The span of the sentence of ``article`` that holds offset ``pos`` (same splitter as the build)."""
        spans = self._sentence_spans(article)
        i = bisect_right([s for s, _ in spans], pos) - 1
        if i >= 0 and spans[i][0] <= pos < spans[i][1]:
            return spans[i]
        return pos, pos

    def sentence_text(self, article: str, pos: int) -> str:
        s0, s1 = self.sentence_at(article, pos)
        return self.articles.get(article, {}).get("text", "")[s0:s1]

    def _sentence_spans(self, article: str) -> list[tuple[int, int]]:
        if article not in self._spans:
            self._spans[article] = sentences(self.articles.get(article, {}).get("text", ""))
        return self._spans[article]

    @cached_property
    def simple(self) -> nx.Graph:
        """The undirected view paths, centrality and communities run on: one edge per pair of
        entities, ``weight`` the sentences of all its relations together, ``relations`` the records."""
        return _simple_graph(self, None)

    @cached_property
    def alias_list(self) -> list[tuple[str, str]]:
        """Every ``(entity id, alias)``, the entity's name included, in id order."""
        return [
            (eid, a) for eid, e in self.entities.items() for a in sorted({e["name"], *e.get("aliases", [])})
        ]

    @cached_property
    def _mention_sentences(self) -> dict[tuple[str, int], list[tuple[str, dict]]]:
        """``(article, sentence start)`` → the ``(entity id, mention)`` pairs in that sentence."""
        out: dict[tuple[str, int], list[tuple[str, dict]]] = defaultdict(list)
        for eid, e in self.entities.items():
            for m in e.get("mentions", []):
                out[(m["article"], self.sentence_at(m["article"], m["start"])[0])].append((eid, m))
        return out


def load(out_dir: str | Path = "out") -> KnowledgeGraph:
    """Read a built graph from ``out_dir`` (what ``python -m graph build --out DIR`` wrote).

    Raises ``FileNotFoundError`` naming the missing table and the command that makes it.
    """
    out = Path(out_dir)
    missing = [t for t in TABLES if not (out / t).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{out / missing[0]} not found: build the graph first (python -m graph build --out {out})"
        )
    ents, rels, arts = (_read_jsonl(out / t) for t in TABLES)
    return from_records(ents, rels, arts, source=out)


def from_records(
    entities: Iterable[dict],
    relations: Iterable[dict],
    articles: Iterable[dict],
    source: Path | None = None,
) -> KnowledgeGraph:
    """A graph from records in the build's JSON format (for tests, examples, or filtered tables)."""
    ents = {e["id"]: e for e in sorted(entities, key=lambda e: e["id"])}
    arts = {a["id"]: a for a in sorted(articles, key=lambda a: _article_key(a["id"]))}
    rels = sorted(relations, key=lambda r: (r["type"], r["source"], r["target"]))
    unknown = sorted({x for r in rels for x in (r["source"], r["target"]) if x not in ents})
    if unknown:
        raise ValueError(f"relations name entities that are not in the entity table: {unknown[:5]}")
    return KnowledgeGraph(ents, rels, arts, source)


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _article_key(aid: str) -> tuple[str, int, str]:
    """Articles in page order: ``doc#10`` after ``doc#9``."""
    doc, _, idx = aid.rpartition("#")
    return (doc, int(idx), "") if idx.isdigit() else (aid, -1, aid)


def example_graph() -> KnowledgeGraph:
    """A tiny graph written in code, for the examples in these docstrings.

    One article: 江津区委书记赵明远 visits 卓洁科技 in 珞璜工业园区 (located in 江津区), whose 董事长
    is 钟磊.

    >>> example_graph()
    <KnowledgeGraph: 6 entities, 8 relations, 1 articles>
    """
    text = (
        "卓洁科技落户江津\n"
        "江津区委书记赵明远来到珞璜工业园区的卓洁科技。"
        "卓洁科技董事长钟磊说，园区在江津很有名。"
    )
    art = {"id": "p#1", "doc": "p", "index": 1, "kind": "article", "title": "卓洁科技落户江津", "text": text}
    people_roles = {"赵明远": "区委书记", "钟磊": "董事长"}
    names = {
        "district:江津区": ["江津"],
        "company:卓洁科技": ["卓洁科技"],
        "government:江津区委": ["江津区委"],
        "park:珞璜工业园区": ["珞璜工业园区"],
        "person:赵明远": ["赵明远"],
        "person:钟磊": ["钟磊"],
    }
    ents = []
    for eid, surfaces in names.items():
        typ, name = eid.split(":", 1)
        ms = []
        for s in surfaces:
            for mt in re.finditer(re.escape(s), text):
                # 江津 inside 江津区委 is the government body, not a mention of the district
                if typ == "district" and text.startswith("江津区委", mt.start()):
                    continue
                m = {"doc": "p", "article": "p#1", "surface": s, "start": mt.start(), "end": mt.end()}
                if name in people_roles:
                    m["role"] = people_roles[name]
                ms.append(m)
        ents.append(
            {"id": eid, "type": typ, "name": name, "aliases": sorted({*surfaces, name}), "mentions": ms}
        )
    s1, s2 = "江津区委书记赵明远来到珞璜工业园区的卓洁科技。", "卓洁科技董事长钟磊说，园区在江津很有名。"

    def rel(a: str, b: str, typ: str, sent: str, role: str | None = None) -> dict:
        r = {
            "source": a,
            "target": b,
            "type": typ,
            "weight": 1,
            "evidence": [{"article": "p#1", "sentence": sent}],
        }
        return {**r, "role": role} if role else r

    rels = [
        rel("company:卓洁科技", "government:江津区委", "co_mentioned", s1),
        rel("company:卓洁科技", "park:珞璜工业园区", "co_mentioned", s1),
        rel("company:卓洁科技", "district:江津区", "co_mentioned", s2),
        rel("company:卓洁科技", "person:钟磊", "co_mentioned", s2),
        rel("person:赵明远", "government:江津区委", "holds_role_at", s1, "区委书记"),
        rel("person:钟磊", "company:卓洁科技", "holds_role_at", s2, "董事长"),
        rel("company:卓洁科技", "park:珞璜工业园区", "located_in", s1),
        rel("park:珞璜工业园区", "district:江津区", "located_in", s2),
    ]
    return from_records(ents, rels, [art])


# --------------------------------------------------------------------------------- name lookup


@cache
def _lexicon() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Legal forms and industry words from the extractor's lexicon, longest first: what a company's
    full and short names add to its brand (重庆卓洁科技有限公司 → 卓洁科技 → 卓洁)."""
    try:
        data = tomllib.loads((resources.files("graph") / "data" / "lexicon.toml").read_text(encoding="utf-8"))
        legal, industry = data["company"]["legal"], data["company"]["industry"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):  # pragma: no cover - the lexicon ships with us
        legal, industry = ["有限责任公司", "股份有限公司", "有限公司", "公司", "集团"], ["科技", "新材料"]
    by_len = lambda xs: tuple(sorted(set(xs), key=lambda s: (-len(s), s)))  # noqa: E731
    return by_len(legal), by_len(industry)


@cache
def normalise_name(s: str) -> str:
    """The form two spellings of one name share: NFKC (full-width Latin and digits), no white space,
    one bracket style, lower case.

    >>> normalise_name(" 渝西(江津) 智造城 ")
    '渝西（江津）智造城'
    """
    return fold(unicodedata.normalize("NFKC", s)).translate(str.maketrans("()[]", "（）【】")).lower()


@cache
def _core(s: str) -> str:
    """A company name without the places in front and the legal form behind; what is left must
    still be a name, not a bare industry word (重庆汽车 stays 重庆汽车).

    >>> _core("重庆市江津卓洁科技有限公司"), _core("杭州卓浩科技"), _core("重庆汽车")
    ('卓洁科技', '卓浩科技', '重庆汽车')
    """
    legal, industry = _lexicon()
    core = s
    for suffix in legal:
        if core.endswith(suffix) and len(core) - len(suffix) >= 2:
            core = core[: -len(suffix)]
            break
    places = gazetteer().names
    stripped = True
    while stripped:
        stripped = False
        for n in range(min(len(core) - 2, 12), 1, -1):
            rest = core[n:]
            if core[:n] in places and rest not in industry and rest not in legal:
                core, stripped = rest, True
                break
    return core


@cache
def _brand(s: str) -> str:
    """The brand of a company's short name (卓洁科技 → 卓洁), or ``s`` when no industry word ends it."""
    _, industry = _lexicon()
    for word in industry:
        if s.endswith(word) and len(s) - len(word) >= 2:
            return s[: -len(word)]
    return s


def _forms(s: str) -> dict[str, str]:
    """The spellings of ``s`` that are compared: ``{form: how it was derived}``."""
    n = normalise_name(s)
    forms = {n: "name"}
    core = _core(n)
    forms.setdefault(core, "core")
    forms.setdefault(_brand(core), "brand")
    return forms


@cache
def _readings(ch: str) -> frozenset[str]:
    """The toneless pinyin readings of a character (all of them, for characters with several)."""
    if _pinyin is None or not "\u3400" <= ch <= "\u9fff":
        return frozenset()
    return frozenset(_pinyin(ch, style=Style.NORMAL, heteronym=True)[0])


def _variant_score(a: str, b: str) -> float | None:
    """How alike two equal-length spellings are, or ``None`` when they are not one variant apart.

    A variant differs in at most one character that sounds different (an OCR misreading such as
    洁/浩) and, in longer names, a few more that sound the same (homophones such as 皓/浩). A homophone
    costs 0.3 of a character, any other difference a whole one.
    """
    if len(a) != len(b) or len(a) < 2 or a == b:
        return None
    homo = other = 0
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if _readings(x) & _readings(y):
            homo += 1
        else:
            other += 1
    if other > 1 or homo + other > max(1, len(a) // 3):
        return None
    return round(1 - (0.3 * homo + other) / len(a), 4)


LOOKUP_COLUMNS = [
    "id",
    "name",
    "type",
    "aliases",
    "mentions",
    "articles",
    "titles",
    "match",
    "matched",
    "score",
]


def lookup(
    kg: KnowledgeGraph,
    name: str,
    *,
    types: str | Iterable[str] | None = None,
    fuzzy: bool = True,
    all_matches: bool = False,
) -> pd.DataFrame:
    """Entities a name may refer to, best first: exact alias, then normalised form, then variant.

    ``match`` says how each row was found: ``id`` or ``alias`` (the name as written),
    ``normalised`` (white space, brackets, full-width forms; or the same company without city and
    legal form or industry word, 重庆卓洁科技有限公司 ~ 卓洁科技 ~ 卓洁), or ``variant`` (one
    character apart: an OCR misreading or a homophone, 卓浩科技 ~ 卓洁科技, or 卓皓 ~ 卓洁科技
    by its brand 卓洁; homophones rank higher when pypinyin is installed). A later stage is tried
    only when the earlier ones found nothing, unless ``all_matches`` is set, which is the way to
    list every spelling variant the graph holds.
    ``matched`` is the alias that matched, ``score`` 1 for an exact match and less for looser ones.

    >>> kg = example_graph()
    >>> lookup(kg, "江津")[["name", "type", "match"]].values.tolist()
    [['江津区', 'district', 'alias']]
    >>> lookup(kg, "卓皓")[["name", "match", "matched"]].values.tolist()
    [['卓洁科技', 'variant', '卓洁科技']]
    """
    want = _types(types)
    query = name.strip()
    rows: dict[str, dict] = {}

    def add(eid: str, match: str, matched: str, score: float) -> None:
        e = kg.entities[eid]
        if want and e["type"] not in want:
            return
        if eid in rows and rows[eid]["score"] >= score:
            return
        arts = sorted({m["article"] for m in e.get("mentions", [])}, key=_article_key)
        rows[eid] = {
            "id": eid,
            "name": e["name"],
            "type": e["type"],
            "aliases": list(e.get("aliases", [])),
            "mentions": len(e.get("mentions", [])),
            "articles": arts,
            "titles": [kg.title(a) for a in arts],
            "match": match,
            "matched": matched,
            "score": score,
        }

    if query in kg.entities:
        add(query, "id", query, 1.0)
    for eid, e in kg.entities.items():
        if query == e["name"] or query in e.get("aliases", []):
            add(eid, "alias", query, 1.0)
    if all_matches or not rows:
        q_norm, q_core = normalise_name(query), _core(normalise_name(query))
        for eid, alias in _aliases(kg):
            a_norm = normalise_name(alias)
            if a_norm == q_norm:
                add(eid, "normalised", alias, 0.95)
            elif len(q_core) >= 2 and _core(a_norm) == q_core:
                add(eid, "normalised", alias, 0.9)
            elif kg.type_of(eid) == "company" and _brand(q_core) == _brand(_core(a_norm)) != a_norm:
                add(eid, "normalised", alias, 0.85)  # the brand alone: 卓洁 ~ 卓洁科技
    if fuzzy and (all_matches or not rows):
        q_forms = _forms(query)
        for eid, alias in _aliases(kg):
            best = None
            for qf, qhow in q_forms.items():
                for af, ahow in _forms(alias).items():
                    s = _variant_score(qf, af)
                    if s is None:
                        continue
                    # a match on a derived form (the brand of a company) is a little less sure
                    s = round(s * (1 if qhow == ahow == "name" else 0.95), 4)
                    best = s if best is None else max(best, s)
            if best is not None:
                add(eid, "variant", alias, min(best, 0.89))
    out = sorted(rows.values(), key=lambda r: (-r["score"], -r["mentions"], r["id"]))
    return _frame(out, LOOKUP_COLUMNS)


def _aliases(kg: KnowledgeGraph) -> list[tuple[str, str]]:
    """Every ``(entity id, alias)``, the entity's name included, in id order."""
    return kg.alias_list


def resolve(kg: KnowledgeGraph, ref: str, *, types: str | Iterable[str] | None = None) -> str:
    """The entity id a reference means: the id itself, or the best :func:`lookup` match of a name.

    Raises ``KeyError`` when nothing matches, naming what was asked for.

    >>> resolve(example_graph(), "江津")
    'district:江津区'
    """
    want = _types(types)
    if ref in kg.entities and (not want or kg.type_of(ref) in want):
        return ref
    hits = lookup(kg, ref, types=types)
    if hits.empty:
        kinds = f" of type {'/'.join(sorted(want))}" if want else ""
        raise KeyError(f"no entity{kinds} matches {ref!r}")
    return str(hits.iloc[0]["id"])


# ------------------------------------------------------------------------------ entity tables


def entities(kg: KnowledgeGraph, *, types: str | Iterable[str] | None = None) -> pd.DataFrame:
    """One row per entity: id, name, type, aliases, mention and article counts, merge rules.

    >>> entities(example_graph(), types="person")[["name", "mentions"]].values.tolist()
    [['赵明远', 1], ['钟磊', 1]]
    """
    want = _types(types)
    rows = [
        {
            "id": eid,
            "name": e["name"],
            "type": e["type"],
            "aliases": list(e.get("aliases", [])),
            "mentions": len(e.get("mentions", [])),
            "articles": len({m["article"] for m in e.get("mentions", [])}),
            "roles": sorted({m["role"] for m in e.get("mentions", []) if m.get("role")}),
            "merged": sorted({m["rule"] for m in e.get("merged", [])}),
        }
        for eid, e in kg.entities.items()
        if not want or e["type"] in want
    ]
    rows.sort(key=lambda r: (_type_rank(r["type"]), r["name"], r["id"]))
    cols = ["id", "name", "type", "aliases", "mentions", "articles", "roles", "merged"]
    return _frame(rows, cols)


def summary(kg: KnowledgeGraph) -> pd.DataFrame:
    """What is in the graph: entities by type, relations by type, articles by kind, with their
    ``mentions`` (for relations: supporting sentences; for articles: entity mentions in them).

    >>> summary(example_graph()).query("kind == 'relation'")[["type", "count"]].values.tolist()
    [['co_mentioned', 4], ['holds_role_at', 2], ['located_in', 2]]
    """
    rows: list[dict] = []
    by_type: dict[str, list[dict]] = defaultdict(list)
    for e in kg.entities.values():
        by_type[e["type"]].append(e)
    for t in sorted(by_type, key=_type_rank):
        es = by_type[t]
        rows.append(
            {"kind": "entity", "type": t, "count": len(es), "mentions": sum(len(e["mentions"]) for e in es)}
        )
    rel_counts = Counter(r["type"] for r in kg.relations)
    rel_weight = Counter()
    for r in kg.relations:
        rel_weight[r["type"]] += r.get("weight", 1)
    for t in sorted(rel_counts):
        rows.append({"kind": "relation", "type": t, "count": rel_counts[t], "mentions": rel_weight[t]})
    kind_of = {aid: a.get("kind", "article") for aid, a in kg.articles.items()}
    in_kind = Counter(kind_of.get(m["article"], "") for e in kg.entities.values() for m in e["mentions"])
    for k, n in sorted(Counter(kind_of.values()).items()):
        rows.append({"kind": "article", "type": k, "count": n, "mentions": in_kind[k]})
    return _frame(rows, ["kind", "type", "count", "mentions"])


# --------------------------------------------------------------------------------- neighbours

NEIGHBOUR_COLUMNS = [
    "id", "name", "type", "relation", "direction", "role", "weight", "evidence", "article", "title",
]  # fmt: skip


def neighbours(
    kg: KnowledgeGraph,
    entity: str,
    *,
    types: str | Iterable[str] | None = None,
    relations: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Entities one relation away, optionally only of some entity types and relation types.

    One row per neighbour and relation type. ``direction`` is ``out`` (entity → neighbour) or ``in``
    for directed relations (holds_role_at, located_in) and empty for symmetric ones; ``weight`` is the
    number of supporting sentences, ``evidence`` the first of them with its ``article``.

    >>> kg = example_graph()
    >>> neighbours(kg, "卓洁科技", types="person")[["name", "relation", "direction", "role"]].values.tolist()
    [['钟磊', 'co_mentioned', '', ''], ['钟磊', 'holds_role_at', 'in', '董事长']]
    """
    eid = resolve(kg, entity)
    want, rel_want = _types(types), _rel_types(relations)
    rows = []
    for r in kg.relations:
        if r["source"] == eid:
            other, direction = r["target"], "out"
        elif r["target"] == eid:
            other, direction = r["source"], "in"
        else:
            continue
        if (want and kg.type_of(other) not in want) or (rel_want and r["type"] not in rel_want):
            continue
        sent, art = _evidence(r)
        rows.append(
            {
                "id": other,
                "name": kg.name(other),
                "type": kg.type_of(other),
                "relation": r["type"],
                "direction": direction if r["type"] in DIRECTED else "",
                "role": r.get("role", ""),
                "weight": r.get("weight", 1),
                "evidence": sent,
                "article": art,
                "title": kg.title(art),
            }
        )
    rows.sort(key=lambda x: (-x["weight"], _type_rank(x["type"]), x["name"], x["relation"], x["direction"]))
    return _frame(rows, NEIGHBOUR_COLUMNS)


# ----------------------------------------------------------------------------------- districts

PLACE_COLUMNS = ["id", "name", "type", "via", "weight", "evidence", "article", "title"]
_VIA_RANK = {"located_in": 0, "name": 2, "co_mentioned": 3}


def in_district(
    kg: KnowledgeGraph,
    district: str,
    *,
    types: str | Iterable[str] | None = ("company", "project", "park"),
) -> pd.DataFrame:
    """Companies, projects and parks in a district, and ``via`` what the graph says so.

    - ``located_in``: a ``located_in`` relation to the district;
    - ``located_in via 珞璜工业园区``: located in a park (or zone, town) that is located in the district;
    - ``name``: no ``located_in`` relation, but the name starts with the district's name or one of its
      aliases (江津区委, 武隆区仙女山二期风力发电项目);
    - ``co_mentioned``: no ``located_in`` relation, but named in one sentence with the district. The
      build has no ``located_in`` relations yet, so today this is how most rows are found: read the
      evidence before believing it.

    An entity with a ``located_in`` relation is placed by it alone. Districts (towns, zones) are never
    placed by co-mention: two places in one sentence are as often neighbours as one inside the other.

    >>> kg = example_graph()
    >>> in_district(kg, "江津")[["name", "type", "via"]].values.tolist()
    [['卓洁科技', 'company', 'located_in via 珞璜工业园区'], ['珞璜工业园区', 'park', 'located_in']]
    """
    did = resolve(kg, district, types="district")
    return _frame(_placed_in(kg, did, _types(types)), PLACE_COLUMNS)


def _placed_in(kg: KnowledgeGraph, did: str, want: set[str] | None) -> list[dict]:
    inside = _located_in(kg)
    rows: dict[str, dict] = {}

    def add(eid: str, via: str, weight: int, sent: str, art: str) -> None:
        if eid == did or (want and kg.type_of(eid) not in want):
            return
        rank = _VIA_RANK.get(via, 1)
        old = rows.get(eid)
        if old and (old["_rank"], -old["weight"]) <= (rank, -weight):
            return
        rows[eid] = {
            "id": eid,
            "name": kg.name(eid),
            "type": kg.type_of(eid),
            "via": via,
            "weight": weight,
            "evidence": sent,
            "article": art,
            "title": kg.title(art),
            "_rank": rank,
        }

    for member, containers in inside.items():
        for container, rel in containers.items():
            if container == did:
                add(member, "located_in", rel.get("weight", 1), *_evidence(rel))
            elif did in inside.get(container, {}):
                add(member, f"located_in via {kg.name(container)}", rel.get("weight", 1), *_evidence(rel))
    prefixes = sorted({a for a in (kg.name(did), *kg.entities[did].get("aliases", [])) if len(a) >= 2})
    for eid, e in kg.entities.items():
        if eid in inside or eid == did:
            continue
        hit = next((p for n in (e["name"], *e.get("aliases", [])) for p in prefixes if n.startswith(p)), None)
        if hit:
            m = next((m for m in e["mentions"] if m["surface"].startswith(hit)), e["mentions"][0])
            add(eid, "name", len(e["mentions"]), kg.sentence_text(m["article"], m["start"]), m["article"])
    for r in kg.relations:
        if r["type"] != "co_mentioned" or did not in (r["source"], r["target"]):
            continue
        other = r["target"] if r["source"] == did else r["source"]
        if other in inside or kg.type_of(other) == "district":
            continue
        add(other, "co_mentioned", r.get("weight", 1), *_evidence(r))
    out = sorted(rows.values(), key=lambda x: (_type_rank(x["type"]), x["_rank"], -x["weight"], x["name"]))
    for x in out:
        del x["_rank"]
    return out


def _located_in(kg: KnowledgeGraph) -> dict[str, dict[str, dict]]:
    """member → {container → located_in relation}. The container is the end that is a district or
    park (the target when both are), so the relation's direction need not be trusted."""
    out: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in kg.relations:
        if r["type"] != "located_in":
            continue
        s, t = r["source"], r["target"]
        if kg.type_of(t) in CONTAINERS:
            out[s][t] = r
        elif kg.type_of(s) in CONTAINERS:
            out[t][s] = r
    return dict(out)


# -------------------------------------------------------------------------------------- people

PEOPLE_COLUMNS = [
    "person", "role", "organisation", "org_type", "via", "evidence", "article", "title",
    "person_id", "org_id",
]  # fmt: skip
PRESS_ROLES = ("记者", "首席记者", "通讯员", "特约摄影", "摄影", "编辑")


def people(kg: KnowledgeGraph, place_or_org: str, *, press: bool = False) -> pd.DataFrame:
    """People and their roles at an organisation, or in a district.

    At an organisation: the ``holds_role_at`` relations to it (``via`` ``holds_role_at``), and people
    given a role in a sentence that names the organisation (``via`` ``co_mentioned``; the build's
    title parser links a title to its organisation only when they are written together).

    In a district: the same for the district itself and for every organisation :func:`in_district`
    places there (companies, government bodies, parks, projects, towns and zones); ``via`` then says
    how, e.g. ``holds_role_at + name`` for 赵明远, 区委书记 of 江津区委, which is in 江津区 by its name.
    Reporters and photographers (``PRESS_ROLES``) are left out unless ``press`` is set.

    >>> kg = example_graph()
    >>> for row in people(kg, "江津区")[["person", "role", "organisation", "via"]].values.tolist():
    ...     print(*row)
    赵明远 区委书记 江津区委 holds_role_at + name
    钟磊 董事长 卓洁科技 holds_role_at + located_in via 珞璜工业园区
    """
    where = resolve(kg, place_or_org, types=[t for t in ENTITY_TYPES if t != "person"])
    orgs: dict[str, str] = {where: ""}
    if kg.type_of(where) == "district":
        for row in _placed_in(kg, where, {"company", "government", "park", "project", "district"}):
            orgs[row["id"]] = row["via"]
    rows: list[dict] = []
    seen: set[tuple[str, str, str]] = set()
    for r in kg.relations:
        if r["type"] != "holds_role_at" or r["target"] not in orgs or kg.type_of(r["source"]) != "person":
            continue
        org, how = r["target"], orgs[r["target"]]
        sent, art = _evidence(r)
        for role in _split_roles(r.get("role", "")):
            rows.append(
                _person_row(
                    kg, r["source"], role, org, "holds_role_at" + (f" + {how}" if how else ""), sent, art
                )
            )
            seen.add((r["source"], role, org))
    # mention roles: a person with a title in a sentence that names the place or organisation itself
    for eid, m in _mentions_of(kg, where):
        for pid, pm in kg._mention_sentences[(m["article"], kg.sentence_at(m["article"], m["start"])[0])]:
            role = pm.get("role")
            if kg.type_of(pid) != "person" or not role or any(k[0] == pid and k[1] == role for k in seen):
                continue
            seen.add((pid, role, eid))
            rows.append(
                _person_row(
                    kg,
                    pid,
                    role,
                    eid,
                    "co_mentioned",
                    kg.sentence_text(pm["article"], pm["start"]),
                    pm["article"],
                )
            )
    if not press:
        rows = [r for r in rows if r["role"] not in PRESS_ROLES]
    rows.sort(
        key=lambda r: (r["person"], r["role"], r["organisation"], r["via"], _article_key(r["article"] or ""))
    )
    return _frame(_dedupe(rows, ("person_id", "role", "org_id", "via")), PEOPLE_COLUMNS)


def roles(kg: KnowledgeGraph, person: str) -> pd.DataFrame:
    """One person's roles everywhere: every ``holds_role_at`` relation (role and organisation) and
    every mention that gave them a title, with the sentence and article.

    A mention's role is shown once more only when no relation from the same sentence already says it;
    its ``organisation`` is then empty (the build did not link the title to one) and ``via`` is
    ``mention``.

    >>> roles(example_graph(), "赵明远")[["role", "organisation", "via"]].values.tolist()
    [['区委书记', '江津区委', 'holds_role_at']]
    """
    pid = resolve(kg, person, types="person")
    rows = []
    said: set[tuple[str, str]] = set()
    for r in kg.relations:
        if r["type"] != "holds_role_at" or r["source"] != pid:
            continue
        for role in _split_roles(r.get("role", "")) or [""]:
            for ev in r.get("evidence", [])[:1]:
                rows.append(
                    _person_row(kg, pid, role, r["target"], "holds_role_at", ev["sentence"], ev["article"])
                )
            for ev in r.get("evidence", []):
                said.add((role, ev["sentence"]))
    for m in kg.entities[pid].get("mentions", []):
        role = m.get("role")
        if not role:
            continue
        sent = kg.sentence_text(m["article"], m["start"])
        if (role, sent) in said:
            continue
        said.add((role, sent))
        rows.append(_person_row(kg, pid, role, None, "mention", sent, m["article"]))
    rows.sort(
        key=lambda r: (r["via"] != "holds_role_at", r["role"], r["organisation"], _article_key(r["article"]))
    )
    return _frame(rows, PEOPLE_COLUMNS)


def _person_row(
    kg: KnowledgeGraph, pid: str, role: str, org: str | None, via: str, sent: str, art: str
) -> dict:
    return {
        "person": kg.name(pid),
        "role": role,
        "organisation": kg.name(org) if org else "",
        "org_type": kg.type_of(org) if org else "",
        "via": via,
        "evidence": sent,
        "article": art,
        "title": kg.title(art),
        "person_id": pid,
        "org_id": org or "",
    }


def _split_roles(role: str) -> list[str]:
    """The build joins several roles of one relation with 、."""
    return [r for r in role.split("、") if r]


def _mentions_of(kg: KnowledgeGraph, eid: str) -> list[tuple[str, dict]]:
    return [(eid, m) for m in kg.entities[eid].get("mentions", [])]


# --------------------------------------------------------------------------------------- paths

PATH_COLUMNS = [
    "path", "hop", "length", "route", "source", "relation", "target", "weight", "evidence", "article",
    "title", "source_id", "target_id",
]  # fmt: skip


def paths(
    kg: KnowledgeGraph,
    a: str,
    b: str,
    *,
    k: int = 3,
    max_hops: int = 4,
    relations: str | Iterable[str] | None = None,
    exclude: Iterable[str] = (),
) -> pd.DataFrame:
    """How two entities are connected: up to ``k`` shortest paths of at most ``max_hops`` hops, one row
    per hop with the relation and its evidence sentence.

    Paths run over the undirected graph (who is connected to whom, not who acts on whom). ``exclude``
    takes entities out first, e.g. 重庆市, through which almost everything is two hops apart.
    ``relations`` keeps only some relation types. An empty frame means no path within ``max_hops``.

    >>> p = paths(example_graph(), "赵明远", "钟磊", k=1)
    >>> p["route"][0], p["relation"].tolist()
    ('赵明远 → 江津区委 → 卓洁科技 → 钟磊', ['holds_role_at', 'co_mentioned', 'co_mentioned, holds_role_at'])
    """
    src, dst = resolve(kg, a), resolve(kg, b)
    banned = {resolve(kg, x) for x in exclude} - {src, dst}
    g = _simple_graph(kg, _rel_types(relations)) if relations else kg.simple
    if banned:
        g = g.subgraph([n for n in g if n not in banned])
    rows: list[dict] = []
    if src == dst:
        return _frame(rows, PATH_COLUMNS)
    try:
        found = list(islice(_paths_up_to(g, src, dst, max_hops), k))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        found = []
    for i, p in enumerate(found, 1):
        route = " → ".join(kg.name(n) for n in p)
        for hop, (u, v) in enumerate(pairwise(p), 1):
            rels = g[u][v]["relations"]
            best = max(rels, key=lambda r: (r["type"] != "co_mentioned", r.get("weight", 1), r["type"]))
            sent, art = _evidence(best)
            rows.append(
                {
                    "path": i,
                    "hop": hop,
                    "length": len(p) - 1,
                    "route": route,
                    "source": kg.name(u),
                    "relation": ", ".join(sorted({r["type"] for r in rels})),
                    "target": kg.name(v),
                    "weight": sum(r.get("weight", 1) for r in rels),
                    "evidence": sent,
                    "article": art,
                    "title": kg.title(art),
                    "source_id": u,
                    "target_id": v,
                }
            )
    return _frame(rows, PATH_COLUMNS)


def _paths_up_to(g: nx.Graph, src: str, dst: str, max_hops: int):
    """Shortest simple paths, shortest first; ties in a fixed order (by the names along the path),
    stopping past ``max_hops``."""
    batch: list[list[str]] = []
    for p in nx.shortest_simple_paths(g, src, dst):
        if len(p) - 1 > max_hops:
            break
        if batch and len(p) != len(batch[0]):
            yield from sorted(batch)
            batch = []
        batch.append(p)
    yield from sorted(batch)


def _simple_graph(kg: KnowledgeGraph, rel_types: set[str] | None) -> nx.Graph:
    g = nx.Graph()
    for eid, e in kg.entities.items():
        g.add_node(eid, label=e["name"], type=e["type"], mentions=len(e.get("mentions", [])))
    for r in kg.relations:
        if rel_types and r["type"] not in rel_types:
            continue
        u, v = r["source"], r["target"]
        if g.has_edge(u, v):
            g[u][v]["weight"] += r.get("weight", 1)
            g[u][v]["relations"].append(r)
        else:
            g.add_edge(u, v, weight=r.get("weight", 1), relations=[r])
    return g


# -------------------------------------------------------------------------- centrality, groups


def central(
    kg: KnowledgeGraph,
    *,
    types: str | Iterable[str] | None = None,
    top: int | None = 10,
    relations: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """The most central entities: ``degree`` (distinct neighbours), ``strength`` (supporting sentences
    over all their relations) and ``pagerank`` (weighted by sentences), ranked by PageRank.

    Centrality is computed on the whole graph and then filtered by ``types``, so a company's rank
    counts its links to people and places too.

    >>> central(example_graph(), types="company")[["name", "degree"]].values.tolist()
    [['卓洁科技', 4]]
    """
    g = _simple_graph(kg, _rel_types(relations)) if relations else kg.simple
    pr = pagerank(g)
    want = _types(types)
    rows = [
        {
            "id": n,
            "name": kg.name(n),
            "type": kg.type_of(n),
            "degree": g.degree(n),
            "strength": g.degree(n, weight="weight"),
            "pagerank": round(pr[n], 6),
            "mentions": len(kg.entities[n].get("mentions", [])),
            "articles": len({m["article"] for m in kg.entities[n].get("mentions", [])}),
        }
        for n in g
        if not want or kg.type_of(n) in want
    ]
    rows.sort(key=lambda r: (-r["pagerank"], -r["degree"], r["name"], r["id"]))
    cols = ["id", "name", "type", "degree", "strength", "pagerank", "mentions", "articles"]
    return _frame(rows[:top] if top else rows, cols)


def pagerank(g: nx.Graph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 500) -> dict[str, float]:
    """Weighted PageRank by power iteration in plain Python.

    Equal to ``networkx.pagerank(g, weight="weight")``, which needs SciPy; SciPy is not a dependency
    of this project, and a graph of a few thousand nodes does not need it.

    >>> g = nx.Graph([("a", "b"), ("b", "c")])
    >>> {n: round(x, 3) for n, x in pagerank(g).items()}
    {'a': 0.257, 'b': 0.486, 'c': 0.257}
    """
    nodes = list(g)
    n = len(nodes)
    if not n:
        return {}
    idx = {u: i for i, u in enumerate(nodes)}
    directed = g.is_directed()
    out_w = [0.0] * n
    edges = []
    for u, v, d in g.edges(data=True):
        w = float(d.get("weight", 1))
        edges.append((idx[u], idx[v], w))
        out_w[idx[u]] += w
        if not directed and u != v:
            edges.append((idx[v], idx[u], w))
            out_w[idx[v]] += w
    x = [1.0 / n] * n
    for _ in range(max_iter):
        dangling = alpha * sum(x[i] for i in range(n) if out_w[i] == 0) / n
        new = [(1 - alpha) / n + dangling] * n
        for i, j, w in edges:
            new[j] += alpha * x[i] * w / out_w[i]
        err = sum(abs(p - q) for p, q in zip(new, x, strict=True))
        x = new
        if err < n * tol:
            break
    return {u: x[idx[u]] for u in nodes}


def communities(
    kg: KnowledgeGraph,
    *,
    seed: int = 42,
    resolution: float = 1.0,
    min_size: int = 2,
    relations: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Groups of entities more linked to each other than to the rest: Louvain communities
    (``networkx.community.louvain_communities``, weighted by sentences) with a fixed ``seed``.

    One row per member. Communities are numbered from 1 by size, largest first; ``label`` is the name
    of the member with the most supporting sentences. Groups smaller than ``min_size`` (isolated
    entities) are left out.

    >>> communities(example_graph())[["community", "size"]].drop_duplicates().values.tolist()
    [[1, 4], [2, 2]]
    """
    g = _simple_graph(kg, _rel_types(relations)) if relations else kg.simple
    groups = nx.community.louvain_communities(g, weight="weight", resolution=resolution, seed=seed)
    strength = dict(g.degree(weight="weight"))
    ordered = sorted(
        (sorted(c, key=lambda n: (-strength[n], kg.name(n), n)) for c in groups if len(c) >= min_size),
        key=lambda c: (-len(c), kg.name(c[0]), c[0]),
    )
    rows = [
        {
            "community": i,
            "size": len(members),
            "label": kg.name(members[0]),
            "id": n,
            "name": kg.name(n),
            "type": kg.type_of(n),
            "strength": strength[n],
        }
        for i, members in enumerate(ordered, 1)
        for n in members
    ]
    return _frame(rows, ["community", "size", "label", "id", "name", "type", "strength"])


# ----------------------------------------------------------------------- articles, co-occurrence


def articles_of(kg: KnowledgeGraph, entity: str) -> pd.DataFrame:
    """The articles that mention an entity, in page order, with title, how often and as what.

    >>> articles_of(example_graph(), "卓洁")[["article", "title", "mentions"]].values.tolist()
    [['p#1', '卓洁科技落户江津', 3]]
    """
    eid = resolve(kg, entity)
    by_art: dict[str, list[dict]] = defaultdict(list)
    for m in kg.entities[eid].get("mentions", []):
        by_art[m["article"]].append(m)
    rows = []
    for art in sorted(by_art, key=_article_key):
        ms = sorted(by_art[art], key=lambda m: m["start"])
        a = kg.articles.get(art, {})
        rows.append(
            {
                "article": art,
                "doc": a.get("doc", art.rpartition("#")[0]),
                "kind": a.get("kind", ""),
                "title": kg.title(art),
                "mentions": len(ms),
                "surfaces": sorted({m["surface"] for m in ms}),
                "roles": sorted({m["role"] for m in ms if m.get("role")}),
                "first_sentence": kg.sentence_text(art, ms[0]["start"]),
            }
        )
    cols = ["article", "doc", "kind", "title", "mentions", "surfaces", "roles", "first_sentence"]
    return _frame(rows, cols)


def co_occurring(
    kg: KnowledgeGraph,
    entity: str | None = None,
    *,
    types: str | Iterable[str] | None = None,
    top: int | None = 20,
) -> pd.DataFrame:
    """The pairs of entities that appear together most often: ``sentences`` they share (the weight of
    their ``co_mentioned`` relation) and ``articles`` they share, with one shared sentence as evidence.

    With ``entity``, only its pairs, the entity always in column ``a``; ``types`` filters the other
    side (or, without ``entity``, both sides).

    >>> co_occurring(example_graph(), "钟磊", top=2)[["a", "b", "sentences", "articles"]].values.tolist()
    [['钟磊', '卓洁科技', 1, 1], ['钟磊', '江津区', 0, 1]]
    """
    focus = resolve(kg, entity) if entity else None
    want = _types(types)
    arts = {eid: {m["article"] for m in e.get("mentions", [])} for eid, e in kg.entities.items()}
    co = {
        frozenset((r["source"], r["target"])): r
        for r in kg.relations
        if r["type"] == "co_mentioned" and r["source"] != r["target"]
    }
    by_article: dict[str, set[str]] = defaultdict(set)
    for eid, aset in arts.items():
        for a in aset:
            by_article[a].add(eid)
    pairs: set[tuple[str, str]] = set()
    for members in by_article.values():
        if focus:
            pairs.update((focus, x) for x in members if focus in members and x != focus)
        else:
            pairs.update(combinations(sorted(members), 2))
    pairs.update(
        tuple(sorted(p)) if not focus else (focus, next(iter(p - {focus})))
        for p in co
        if not focus or focus in p
    )
    rows = []
    for a, b in pairs:
        if want and (kg.type_of(b) not in want or (not focus and kg.type_of(a) not in want)):
            continue
        r = co.get(frozenset((a, b)))
        sent, art = _evidence(r) if r else ("", "")
        rows.append(
            {
                "a": kg.name(a),
                "a_type": kg.type_of(a),
                "b": kg.name(b),
                "b_type": kg.type_of(b),
                "sentences": r.get("weight", 1) if r else 0,
                "articles": len(arts[a] & arts[b]),
                "evidence": sent,
                "article": art,
                "a_id": a,
                "b_id": b,
            }
        )
    rows.sort(key=lambda r: (-r["sentences"], -r["articles"], r["a"], r["b"], r["a_id"], r["b_id"]))
    cols = ["a", "a_type", "b", "b_type", "sentences", "articles", "evidence", "article", "a_id", "b_id"]
    return _frame(rows[:top] if top else rows, cols)


# ------------------------------------------------------------------------------------- helpers


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """A frame with exactly ``columns`` in that order, also when there are no rows."""
    return pd.DataFrame(rows, columns=columns).reset_index(drop=True)


def _evidence(r: dict) -> tuple[str, str]:
    """The first evidence sentence of a relation and its article."""
    ev = (r.get("evidence") or [{}])[0]
    return ev.get("sentence", ""), ev.get("article", "")


def _dedupe(rows: list[dict], key: tuple[str, ...]) -> list[dict]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for r in rows:
        k = tuple(r[c] for c in key)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _type_rank(t: str) -> tuple[int, str]:
    return (ENTITY_TYPES.index(t) if t in ENTITY_TYPES else len(ENTITY_TYPES), t)


def _types(types: str | Iterable[str] | None) -> set[str] | None:
    """``"company"``, ``["company", "park"]`` or ``None`` (all) as a set; unknown types are an error,
    so a typo does not silently return an empty frame."""
    if types is None:
        return None
    want = {types} if isinstance(types, str) else set(types)
    bad = sorted(want - set(ENTITY_TYPES))
    if bad:
        raise ValueError(f"unknown entity type {bad[0]!r}; types are {', '.join(ENTITY_TYPES)}")
    return want


def _rel_types(relations: str | Iterable[str] | None) -> set[str] | None:
    if relations is None:
        return None
    return {relations} if isinstance(relations, str) else set(relations)
