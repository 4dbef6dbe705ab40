"""The query API on a small graph written for these tests, and on the real build of the seed pages.

The small graph is written as the three JSON Lines tables in the build's format (same keys, offsets
that index the article text, co-mentions computed per sentence with the build's splitter), so the
tests exercise ``load`` exactly as a notebook would, and every expected value can be read off the
texts below.
"""

from __future__ import annotations

import doctest
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from graph import query as q
from graph.link import entity_id
from graph.normalize import sentences

from .conftest import ROOT, SEEDS

ARTICLES = {
    "d#1": (
        "卡涞科技落户涪陵",
        "卡涞科技落户涪陵\n□ 重庆日报记者 左黎韵\n涪陵区委书记王志杰来到白涛工业园区。"
        "卡涞科技董事长何鹏说，公司在涪陵高新区建厂。重庆卡涞科技有限公司与宁德时代合作。记者左黎韵在涪陵采访。",
    ),
    "d#2": (
        "华峰扩产",
        "华峰扩产\n华峰集团在涪陵扩产。华峰集团副总经理张三表示，项目进展顺利。"
        "华峰集团位于白涛工业园区，白涛工业园区在涪陵区。黔江区的三磊玻纤也在涪陵扩产。",
    ),
    "e#1": ("黔江调研", "黔江调研\n黔江区委书记李四到三磊玻纤调研。"),
}
# (type, name, surfaces, role of every mention)
ENTITIES = [
    ("district", "涪陵区", ["涪陵区", "涪陵"], None),
    ("district", "涪陵高新区", ["涪陵高新区"], None),
    ("district", "黔江区", ["黔江区", "黔江"], None),
    ("company", "卡涞科技", ["卡涞科技"], None),
    ("company", "重庆卡涞科技有限公司", ["重庆卡涞科技有限公司"], None),
    ("company", "宁德时代", ["宁德时代"], None),
    ("company", "华峰集团", ["华峰集团"], None),
    ("company", "三磊玻纤", ["三磊玻纤"], None),
    ("government", "涪陵区委", ["涪陵区委"], None),
    ("government", "黔江区委", ["黔江区委"], None),
    ("park", "白涛工业园区", ["白涛工业园区"], None),
    ("person", "王志杰", ["王志杰"], "区委书记"),
    ("person", "何鹏", ["何鹏"], "董事长"),
    ("person", "张三", ["张三"], "副总经理"),
    ("person", "李四", ["李四"], "区委书记"),
    ("person", "左黎韵", ["左黎韵"], "记者"),
]
ROLES = [  # (person, organisation, role) as the build's title parser would link them
    ("王志杰", "government:涪陵区委", "区委书记"),
    ("何鹏", "company:卡涞科技", "董事长"),
    ("张三", "company:华峰集团", "副总经理"),
    ("李四", "government:黔江区委", "区委书记"),
]
LOCATED = [  # (member, container, where it is said): the located_in relations a later build will write
    ("company:华峰集团", "park:白涛工业园区", "华峰集团位于"),
    ("park:白涛工业园区", "district:涪陵区", "华峰集团位于"),
    ("company:三磊玻纤", "district:黔江区", "黔江区的"),
]


def _mentions() -> dict[str, list[dict]]:
    """Every occurrence of every surface, longest first where they overlap (涪陵区委 over 涪陵)."""
    spec = {entity_id(t, n): (surfaces, role) for t, n, surfaces, role in ENTITIES}
    found: dict[str, list[dict]] = {eid: [] for eid in spec}
    for aid, (_, text) in ARTICLES.items():
        hits = sorted(
            (m.start(), -len(s), eid, s)
            for eid, (surfaces, _) in spec.items()
            for s in surfaces
            for m in re.finditer(re.escape(s), text)
        )
        taken = -1
        for start, neg_len, eid, s in hits:
            if start < taken:
                continue
            taken = start - neg_len
            m = {
                "doc": aid.split("#")[0],
                "article": aid,
                "surface": s,
                "start": start,
                "end": taken,
                "raw_start": start,
                "raw_end": taken,
                "source": "test",
            }
            if spec[eid][1]:
                m["role"] = spec[eid][1]
            found[eid].append(m)
    return found


def _sentence(aid: str, pos: int) -> str:
    text = ARTICLES[aid][1]
    return next(text[a:b] for a, b in sentences(text) if a <= pos < b)


def _records(located: bool) -> tuple[list[dict], list[dict], list[dict]]:
    mentions = _mentions()
    ents = []
    for t, n, surfaces, _ in ENTITIES:
        ms = mentions[entity_id(t, n)]
        ents.append(
            {
                "id": entity_id(t, n),
                "type": t,
                "name": n,
                "aliases": sorted({*surfaces, n}),
                "mention_count": len(ms),
                "article_count": len({m["article"] for m in ms}),
                "mentions": ms,
                "merged": [{"surface": s, "rule": "test", "score": 1.0} for s in surfaces if s != n],
            }
        )
    rels: dict[tuple[str, str, str], dict] = {}
    for aid, (_, text) in ARTICLES.items():
        for s0, s1 in sentences(text):
            ids = sorted(
                {
                    eid
                    for eid, ms in mentions.items()
                    for m in ms
                    if m["article"] == aid and s0 <= m["start"] < s1
                }
            )
            for i, a in enumerate(ids):
                for b in ids[i + 1 :]:
                    r = rels.setdefault(
                        (a, b, "co_mentioned"),
                        {"source": a, "target": b, "type": "co_mentioned", "weight": 0, "evidence": []},
                    )
                    r["weight"] += 1
                    r["evidence"].append({"article": aid, "sentence": text[s0:s1]})
    for person, org, role in ROLES:
        m = mentions[f"person:{person}"][0]
        ev = {"article": m["article"], "sentence": _sentence(m["article"], m["start"])}
        pid = f"person:{person}"
        rels[(pid, org, "holds_role_at")] = {
            "source": pid, "target": org, "type": "holds_role_at", "weight": 1, "role": role,
            "evidence": [ev],
        }  # fmt: skip
    if located:
        for member, container, said in LOCATED:
            ev = {"article": "d#2", "sentence": _sentence("d#2", ARTICLES["d#2"][1].index(said))}
            rels[(member, container, "located_in")] = {
                "source": member, "target": container, "type": "located_in", "weight": 1, "evidence": [ev],
            }  # fmt: skip
    arts = [
        {
            "id": aid,
            "doc": aid.split("#")[0],
            "index": int(aid.split("#")[1]),
            "kind": "article",
            "title": title,
            "subtitle": None,
            "section": None,
            "reporters": [],
            "lines": [0, 1],
            "body_start": 0,
            "captions": [],
            "text": text,
        }
        for aid, (title, text) in ARTICLES.items()
    ]
    return ents, [rels[k] for k in sorted(rels)], arts


def write_graph(out: Path, *, located: bool = False, shuffle: int | None = None) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for name, records in zip(q.TABLES, _records(located), strict=True):
        if shuffle is not None:
            random.Random(shuffle).shuffle(records)
        lines = (json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records)
        (out / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return out


@pytest.fixture
def kg(tmp_path) -> q.KnowledgeGraph:
    return q.load(write_graph(tmp_path / "out"))


@pytest.fixture
def kg_located(tmp_path) -> q.KnowledgeGraph:
    return q.load(write_graph(tmp_path / "out", located=True))


def _rows(df: pd.DataFrame, *cols: str) -> list[tuple]:
    return [tuple(r) for r in df[list(cols)].itertuples(index=False)]


# ------------------------------------------------------------------------------------- loading


def test_load_reads_the_three_tables_into_the_build_graph(kg):
    assert len(kg.entities) == len(ENTITIES) and len(kg.articles) == len(ARTICLES)
    assert kg.graph.number_of_nodes() == len(ENTITIES)
    assert kg.graph.number_of_edges() == len(kg.relations)
    assert kg.graph.nodes["district:涪陵区"]["aliases"] == ["涪陵", "涪陵区"]
    assert kg.graph.edges["person:何鹏", "company:卡涞科技", "holds_role_at"]["role"] == "董事长"


def test_load_names_the_missing_table_and_the_command(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"entities\.jsonl.*python -m graph build"):
        q.load(tmp_path)


def test_relations_to_unknown_entities_are_an_error():
    with pytest.raises(ValueError, match="company:x"):
        q.from_records([], [{"source": "company:x", "target": "company:y", "type": "co_mentioned"}], [])


def test_results_do_not_depend_on_the_order_of_the_lines(tmp_path, kg):
    other = q.load(write_graph(tmp_path / "shuffled", shuffle=7))
    for f in (
        lambda g: q.lookup(g, "卡速"),
        lambda g: q.in_district(g, "涪陵"),
        lambda g: q.people(g, "涪陵区"),
        lambda g: q.central(g, top=None),
        lambda g: q.communities(g),
        lambda g: q.co_occurring(g, top=None),
        lambda g: q.paths(g, "王志杰", "张三", k=5),
    ):
        pd.testing.assert_frame_equal(f(kg), f(other))


# -------------------------------------------------------------------------------------- lookup


def test_lookup_exact_alias_first(kg):
    hits = q.lookup(kg, "涪陵")
    assert _rows(hits, "id", "type", "match") == [("district:涪陵区", "district", "alias")]
    assert hits["aliases"][0] == ["涪陵", "涪陵区"]
    assert hits["articles"][0] == ["d#1", "d#2"]
    assert hits["titles"][0] == ["卡涞科技落户涪陵", "华峰扩产"]


def test_lookup_by_id_and_by_type(kg):
    assert q.lookup(kg, "company:卡涞科技")["match"].tolist() == ["id"]
    assert q.lookup(kg, "涪陵", types="company").empty


def test_lookup_folds_white_space_brackets_and_full_width(kg):
    for query in ("涪陵 区", "涪\n陵区", "涪陵\u3000区"):
        assert _rows(q.lookup(kg, query), "id", "match") == [("district:涪陵区", "normalised")], query


def test_lookup_a_full_company_name_finds_its_short_forms(kg):
    hits = q.lookup(kg, "杭州卡涞科技有限公司")
    assert set(hits["id"]) == {"company:卡涞科技", "company:重庆卡涞科技有限公司"}
    assert set(hits["match"]) == {"normalised"}


@pytest.mark.parametrize("query", ["卡涑科技", "卡速", "卡涑", "卡速科技"])
def test_lookup_finds_one_character_variants_of_the_only_spelling(kg, query):
    hits = q.lookup(kg, query)
    assert hits["id"].iloc[0] == "company:卡涞科技"
    assert set(hits["match"]) == {"variant"}
    assert (hits["score"] < 0.9).all()


def test_lookup_variants_are_a_fallback_only(kg):
    assert q.lookup(kg, "卡涞科技")["id"].tolist() == ["company:卡涞科技"]
    every = q.lookup(kg, "卡涑科技", all_matches=True)
    assert "company:卡涞科技" in set(every["id"])


@pytest.mark.parametrize("query", ["长安汽车", "长安", "涪", "青山控股", "宁德"])
def test_lookup_does_not_guess_wildly(kg, query):
    assert q.lookup(kg, query).empty
    with pytest.raises(KeyError, match=query):
        q.resolve(kg, query)


def test_homophones_rank_above_other_variants():
    pytest.importorskip("pypinyin")
    kg = q.from_records(
        [
            {"id": "company:卡涞", "type": "company", "name": "卡涞", "aliases": ["卡涞"], "mentions": []},
            {"id": "company:卡涑", "type": "company", "name": "卡涑", "aliases": ["卡涑"], "mentions": []},
        ],
        [],
        [],
    )
    assert q.lookup(kg, "卡速")["id"].tolist() == ["company:卡涑", "company:卡涞"]


def test_unknown_entity_type_is_an_error_not_an_empty_frame(kg):
    with pytest.raises(ValueError, match="compnay"):
        q.neighbours(kg, "涪陵", types="compnay")


# ---------------------------------------------------------------------------------- neighbours


def test_neighbours_filtered_by_entity_and_relation_type(kg):
    people = q.neighbours(kg, "卡涞", types="person")
    assert _rows(people, "name", "relation", "direction", "role") == [
        ("何鹏", "co_mentioned", "", ""),
        ("何鹏", "holds_role_at", "in", "董事长"),
    ]
    roles_only = q.neighbours(kg, "卡涞科技", relations="holds_role_at")
    assert roles_only["name"].tolist() == ["何鹏"]
    assert "何鹏" in roles_only["evidence"][0] and roles_only["title"][0] == "卡涞科技落户涪陵"
    places = q.neighbours(kg, "卡涞科技", types="district")
    assert set(places["name"]) == {"涪陵区", "涪陵高新区"}


# ----------------------------------------------------------------------------------- districts


def test_in_district_falls_back_to_co_mention_and_says_so(kg):
    df = q.in_district(kg, "涪陵")
    assert set(df["name"]) == {"卡涞科技", "华峰集团", "三磊玻纤", "白涛工业园区"}
    assert set(df["via"]) == {"co_mentioned"}
    for name, ev in _rows(df, "name", "evidence"):
        assert name in ev and "涪陵" in ev
    assert q.in_district(kg, "黔江区")["name"].tolist() == ["三磊玻纤"]


def test_in_district_follows_located_in_also_through_a_park(kg_located):
    df = q.in_district(kg_located, "涪陵区")
    via = dict(_rows(df, "name", "via"))
    assert via["白涛工业园区"] == "located_in"
    assert via["华峰集团"] == "located_in via 白涛工业园区"
    assert via["卡涞科技"] == "co_mentioned"  # no located_in of its own
    assert "三磊玻纤" not in via  # located in 黔江区, though named in a sentence with 涪陵
    assert q.in_district(kg_located, "黔江区")["via"].tolist() == ["located_in"]


def test_in_district_wants_a_district(kg):
    with pytest.raises(KeyError):
        q.in_district(kg, "卡涞科技")


# -------------------------------------------------------------------------------------- people


def test_people_of_a_district_with_their_roles_and_how_they_are_placed(kg):
    df = q.people(kg, "涪陵区")
    got = {(p, r, o): v for p, r, o, v in _rows(df, "person", "role", "organisation", "via")}
    assert got[("王志杰", "区委书记", "涪陵区委")] == "holds_role_at + name"
    assert got[("何鹏", "董事长", "卡涞科技")] == "holds_role_at + co_mentioned"
    assert got[("张三", "副总经理", "华峰集团")] == "holds_role_at + co_mentioned"
    assert "李四" not in set(df["person"])  # 区委书记 of 黔江区
    assert "左黎韵" not in set(df["person"])  # a reporter
    assert all(p in ev for p, ev in _rows(df, "person", "evidence"))


def test_people_with_press_includes_reporters_named_with_the_place(kg):
    df = q.people(kg, "涪陵区", press=True)
    assert ("左黎韵", "记者", "co_mentioned") in _rows(df, "person", "role", "via")


def test_people_of_an_organisation(kg):
    assert _rows(q.people(kg, "卡涞科技"), "person", "role", "via") == [("何鹏", "董事长", "holds_role_at")]
    assert _rows(q.people(kg, "黔江区"), "person", "role") == [("李四", "区委书记")]


def test_roles_of_a_person_everywhere(kg):
    assert _rows(q.roles(kg, "王志杰"), "role", "organisation", "via") == [
        ("区委书记", "涪陵区委", "holds_role_at")
    ]
    reporter = q.roles(kg, "左黎韵")
    assert set(_rows(reporter, "role", "organisation", "via")) == {("记者", "", "mention")}
    assert set(reporter["article"]) == {"d#1"}
    assert len(reporter) == 2  # the byline and the sentence 记者左黎韵在涪陵采访
    with pytest.raises(KeyError):
        q.roles(kg, "涪陵区")


# --------------------------------------------------------------------------------------- paths


def test_paths_with_evidence_for_every_hop(kg):
    df = q.paths(kg, "王志杰", "何鹏", k=2)
    assert df["length"].min() >= 2
    assert df["path"].max() <= 2
    for u, v, ev in _rows(df, "source_id", "target_id", "evidence"):
        assert ev, (u, v)
        for eid in (u, v):
            assert any(a in ev for a in kg.entities[eid]["aliases"]), (eid, ev)
    first = df[df["path"] == 1]
    assert first["route"].iloc[0].startswith("王志杰 → ") and first["route"].iloc[0].endswith(" → 何鹏")
    assert first["hop"].tolist() == list(range(1, first["length"].iloc[0] + 1))


def test_one_hop_path(kg):
    df = q.paths(kg, "何鹏", "涪陵高新区", k=1)
    assert _rows(df, "path", "hop", "source", "target") == [(1, 1, "何鹏", "涪陵高新区")]
    assert df["evidence"][0] == "卡涞科技董事长何鹏说，公司在涪陵高新区建厂。"


def test_no_path_is_an_empty_frame(kg):
    df = q.paths(kg, "王志杰", "宁德时代")
    assert df.empty and list(df.columns) == q.PATH_COLUMNS


def test_excluding_a_hub_changes_the_paths(kg):
    via_fuling = q.paths(kg, "卡涞科技", "华峰集团", k=1)
    assert via_fuling["route"][0] == "卡涞科技 → 涪陵区 → 华峰集团"
    assert "涪陵区" not in " ".join(q.paths(kg, "卡涞科技", "华峰集团", exclude=["涪陵"])["route"])


# ------------------------------------------------------------------------ centrality, groups


def test_central_ranks_by_pagerank_and_filters_by_type(kg):
    df = q.central(kg, types="district", top=None)
    assert set(df["type"]) == {"district"}
    assert df["name"].iloc[0] == "涪陵区"
    assert df["pagerank"].is_monotonic_decreasing
    assert q.central(kg, top=3).shape[0] == 3


def test_pagerank_equals_networkx(kg):
    pytest.importorskip("scipy")
    ours = q.pagerank(kg.simple)
    theirs = nx.pagerank(kg.simple, weight="weight", tol=1e-12)
    assert ours.keys() == theirs.keys()
    assert all(abs(ours[n] - theirs[n]) < 1e-6 for n in ours)


def test_communities_cover_connected_entities_once(kg):
    df = q.communities(kg)
    assert df["id"].is_unique
    connected = {n for n in kg.simple if kg.simple.degree(n)}
    assert set(df["id"]) == connected
    assert df["community"].iloc[0] == 1 and df["size"].is_monotonic_decreasing
    ningde = df.loc[df["name"] == "宁德时代", "community"].iloc[0]
    assert set(df.loc[df["community"] == ningde, "name"]) == {"宁德时代", "重庆卡涞科技有限公司"}


# ---------------------------------------------------------------------- articles, co-occurrence


def test_articles_of_an_entity_with_titles(kg):
    df = q.articles_of(kg, "涪陵")
    assert _rows(df, "article", "title") == [("d#1", "卡涞科技落户涪陵"), ("d#2", "华峰扩产")]
    assert df["mentions"].tolist() == [2, 3]
    assert df["surfaces"][0] == ["涪陵"]


def test_entities_that_appear_together_most_often(kg):
    df = q.co_occurring(kg, top=None)
    top = df.iloc[0]
    assert top["sentences"] == max(r["weight"] for r in kg.relations if r["type"] == "co_mentioned")
    assert df["sentences"].is_monotonic_decreasing
    fuling = q.co_occurring(kg, "涪陵区", types="company", top=None)
    assert set(fuling["a"]) == {"涪陵区"}
    assert set(fuling["b"]) == {"卡涞科技", "华峰集团", "三磊玻纤", "重庆卡涞科技有限公司", "宁德时代"}
    row = fuling.set_index("b").loc["华峰集团"]
    assert (row["sentences"], row["articles"]) == (2, 1)
    assert fuling.set_index("b").loc["宁德时代", "sentences"] == 0  # same article, no shared sentence


def test_summary_counts_by_type(kg):
    s = q.summary(kg).set_index(["kind", "type"])
    assert s.loc[("entity", "person"), "count"] == 5
    assert s.loc[("entity", "district"), "count"] == 3
    assert s.loc[("relation", "holds_role_at"), "count"] == 4
    assert s.loc[("article", "article"), "count"] == 3


# ---------------------------------------------------------------------------------- contracts


def test_docstring_examples():
    result = doctest.testmod(q, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 10 and result.failed == 0


def test_nothing_in_the_package_imports_the_query_module():
    for path in (ROOT / "graph").rglob("*.py"):
        if path.name == "query.py":
            continue
        assert not re.search(
            r"graph\.query|from graph import .*\bquery\b|from \. import .*\bquery\b",
            path.read_text(encoding="utf-8"),
        ), path


# ------------------------------------------------------------------------------- the seeds build


@pytest.fixture(scope="module")
def seeds_kg(tmp_path_factory) -> q.KnowledgeGraph:
    out = tmp_path_factory.mktemp("seeds_out")
    proc = subprocess.run(
        [sys.executable, "-m", "graph", "build", str(SEEDS), "--out", str(out), "--jobs", "1", "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return q.load(out)


def test_seeds_lookup_of_a_short_place_name(seeds_kg):
    hits = q.lookup(seeds_kg, "涪陵")
    assert _rows(hits, "name", "type")[0] == ("涪陵区", "district")
    assert "000_69ef3ec4d4267591#1" in hits["articles"][0]


def test_seeds_people_of_fuling_include_the_district_party_secretary(seeds_kg):
    df = q.people(seeds_kg, "涪陵区")
    assert ("王志杰", "区委书记") in _rows(df, "person", "role")
    ev = df.loc[df["person"] == "王志杰", "evidence"].iloc[0]
    assert "区委书记王志杰" in ev


def test_seeds_he_peng_is_chairman_of_the_kalai_company(seeds_kg):
    """The page spells the company 卡涑科技 and 卡涞科技; 卡速 (a homophone) must find it too."""
    df = q.roles(seeds_kg, "何鹏")
    orgs = {o for r, o in _rows(df, "role", "organisation") if r == "董事长"}
    assert any(re.search("卡[涑涞]", o) for o in orgs), orgs
    found = q.lookup(seeds_kg, "卡速", types="company")
    assert not found.empty and re.search("卡[涑涞]", found["name"].iloc[0])


def test_seeds_the_company_and_the_secretary_are_connected_with_evidence(seeds_kg):
    company = q.resolve(seeds_kg, "卡涑科技", types="company")
    df = q.paths(seeds_kg, company, "王志杰", exclude=["重庆市"])
    assert not df.empty and df["length"].min() <= 3
    assert df["evidence"].str.len().gt(0).all()
