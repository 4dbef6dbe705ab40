"""The whole build on the seed pages, checked against the output contract and the text."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from graph.mentions import TYPES

from .conftest import SEEDS

OUTPUTS = ("articles.jsonl", "entities.jsonl", "relations.jsonl", "graph.graphml", "graph.html")


@pytest.fixture(scope="module")
def built(seeds_build) -> Path:
    assert "31 articles from 5 pages" in seeds_build.stdout
    return seeds_build.out


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_all_outputs_written(built):
    for name in OUTPUTS:
        assert (built / name).stat().st_size > 0, name
    assert not list(built.glob(".*.tmp")), "temporary files left behind"


def test_articles_table(built):
    arts = _jsonl(built / "articles.jsonl")
    assert len(arts) == 31
    assert len({a["id"] for a in arts}) == 31
    for a in arts:
        assert {"id", "doc", "title", "reporters", "text"} <= a.keys()
        assert a["id"] == f"{a['doc']}#{a['index']}"


def test_entities_follow_the_contract_and_the_text(built):
    texts = {a["id"]: a["text"] for a in _jsonl(built / "articles.jsonl")}
    raw = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    ents = _jsonl(built / "entities.jsonl")
    assert ents
    assert len({e["id"] for e in ents}) == len(ents)
    for e in ents:
        assert e["type"] in TYPES
        assert e["name"] in e["aliases"]
        assert e["mentions"]
        for m in e["mentions"]:
            assert {"doc", "article", "surface", "start", "end"} <= m.keys()
            assert texts[m["article"]][m["start"] : m["end"]] == m["surface"]
            # the raw span holds the same characters, give or take layout spaces and punctuation forms
            raw_text = raw[m["doc"]][m["raw_start"] : m["raw_end"]]
            assert re.sub(r"\s", "", raw_text)[:1] == m["surface"][:1] or not m["surface"][0].isalpha()


def test_relations_carry_evidence(built):
    ids = {e["id"] for e in _jsonl(built / "entities.jsonl")}
    rels = _jsonl(built / "relations.jsonl")
    assert rels
    for r in rels:
        assert r["source"] in ids and r["target"] in ids
        assert r["weight"] >= 1
        assert r["evidence"] and all(ev["sentence"] and ev["article"] for ev in r["evidence"])


def test_district_is_connected_to_the_company_of_its_article(built):
    """涪陵区 and the company the first article of page 000 is about share sentences."""
    g = nx.read_graphml(built / "graph.graphml")
    ents = _jsonl(built / "entities.jsonl")
    fuling = next(e for e in ents if e["type"] == "district" and e["name"] == "涪陵区")
    first = "000_69ef3ec4d4267591#1"
    companies = [
        e for e in ents if e["type"] == "company" and any(m["article"] == first for m in e["mentions"])
    ]
    assert any(c["name"].startswith("卡涑") or "卡涑" in c["name"] for c in companies)
    neighbours = set(nx.all_neighbors(g, fuling["id"]))
    assert any(c["id"] in neighbours for c in companies if "卡涑" in c["name"])


def test_graphml_is_scalar_and_readable(built):
    g = nx.read_graphml(built / "graph.graphml")
    assert g.number_of_nodes() == len(_jsonl(built / "entities.jsonl"))
    for _, d in g.nodes(data=True):
        assert d["type"] in TYPES and d["label"]
        assert isinstance(d["mentions"], int)
    for _, _, d in g.edges(data=True):
        assert isinstance(d["weight"], int) and d["type"]
    ET.parse(built / "graph.graphml")  # well-formed XML


def test_html_loads_nothing_from_outside(built):
    html = (built / "graph.html").read_text(encoding="utf-8")
    assert "vis.Network" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.I)
    assert "@import" not in html
    assert "涪陵区" in html
