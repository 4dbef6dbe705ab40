"""GEXF for Gephi: read back with an XML parser, as Gephi's importer reads it."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.export.gexf import NS, VIZ, node_size, write_gexf
from graph.export.html import style
from graph.link import Entity
from graph.mentions import Mention
from graph.network import build_graph
from graph.relations import ProjectFacts, Relation

HOSTILE = "<img src=x onerror=alert(1)>&amp;\x01"


def entity(t: str, name: str, n: int = 1, aliases: tuple[str, ...] = ()) -> Entity:
    ms = [Mention("p", f"p#{i}", t, name, 0, len(name), 0, len(name), "t") for i in range(n)]
    return Entity(f"{t}:{name}", t, name, sorted({name, *aliases}), ms)


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    ents = [
        entity("company", "卡涞科技", 5, ("卡涑科技",)),
        entity("district", "涪陵区", 20),
        entity("person", "何鹏", 2),
        entity("project", "重庆卡涑项目", 1),
        entity("company", HOSTILE, 1),
    ]
    r1 = Relation("company:卡涞科技", "district:涪陵区", "located_in")
    r1.support("p#1", "卡涞科技落户涪陵区。", 0, "Y落户X")
    r2 = Relation("company:卡涞科技", "district:涪陵区", "co_mentioned")
    r2.support("p#2", "卡涞科技和涪陵区。", 0)
    r2.support("p#3", "涪陵区和卡涞科技。", 0)
    r3 = Relation("person:何鹏", "company:卡涞科技", "holds_role_at", roles=["董事长"])
    r3.support("p#1", "公司董事长何鹏说。", 5)
    r4 = Relation(f"company:{HOSTILE}", "company:卡涞科技", "partner_of")
    r4.support("p#4", f"{HOSTILE}与卡涞科技合作。", 0, "X与Y合作")
    facts = {
        "project:重庆卡涑项目": ProjectFacts("project:重庆卡涑项目", "重庆卡涑项目", ["总投资约10亿元"], 1e9)
    }
    g = build_graph(ents, [r1, r2, r3, r4], facts)
    path = tmp_path_factory.mktemp("gexf") / "graph.gexf"
    write_gexf(g, path)
    return g, path, ET.parse(path).getroot()


def q(tag: str, ns: str = NS) -> str:
    return f"{{{ns}}}{tag}"


def nodes(root) -> dict[str, ET.Element]:
    return {n.get("id"): n for n in root.iter(q("node"))}


def attvalues(el) -> dict[str, str]:
    return {a.get("for"): a.get("value") for a in el.iter(q("attvalue"))}


def test_the_file_is_gexf_13_written_atomically(doc):
    _, path, root = doc
    assert root.tag == q("gexf") and root.get("version") == "1.3"
    assert path.read_bytes().startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert not list(path.parent.glob(".*.tmp"))
    (graph,) = root.iter(q("graph"))
    assert graph.get("defaultedgetype") == "directed"


def test_nodes_are_coloured_by_type_sized_by_mentions_and_placed(doc):
    g, _, root = doc
    ns = nodes(root)
    assert set(ns) == {n.replace("\x01", "\ufffd") for n in g.nodes}
    for nid, el in ns.items():
        nid = nid.replace("\ufffd", "\x01")
        t = g.nodes[nid]["type"]
        c = el.find(q("color", VIZ))
        want = style()["types"][t]["colour"].lstrip("#")
        assert (int(c.get("r")), int(c.get("g")), int(c.get("b"))) == tuple(
            int(want[i : i + 2], 16) for i in (0, 2, 4)
        )
        assert float(el.find(q("size", VIZ)).get("value")) == node_size(g.nodes[nid]["mentions"])
        pos = el.find(q("position", VIZ))
        assert all(math.isfinite(float(pos.get(a))) for a in "xyz")
    assert node_size(20) > node_size(5) > node_size(1)


def test_attributes_are_declared_with_their_types_and_numbers_stay_numbers(doc):
    _, _, root = doc
    kinds = {}
    for block in root.iter(q("attributes")):
        for a in block.iter(q("attribute")):
            kinds[a.get("title")] = a.get("type")
            assert a.get("id") == a.get("title")
    assert kinds["mentions"] == "integer"
    assert kinds["investment_cny"] == "double"
    assert kinds["aliases"] == "string"
    assert kinds["relation"] == "string"
    project = nodes(root)["project:重庆卡涑项目"]
    assert float(attvalues(project)["investment_cny"]) == 1e9
    assert attvalues(nodes(root)["company:卡涞科技"])["aliases"] == "卡涑科技|卡涞科技"


def test_edges_keep_their_kind_weight_and_direction(doc):
    _, _, root = doc
    edges = list(root.iter(q("edge")))
    assert len(edges) == 4
    by_kind = {e.get("kind"): e for e in edges}
    assert set(by_kind) == {"located_in", "co_mentioned", "holds_role_at", "partner_of"}
    assert float(by_kind["co_mentioned"].get("weight")) == 2.0
    assert by_kind["co_mentioned"].get("type") == "undirected"
    assert by_kind["partner_of"].get("type") == "undirected"
    assert by_kind["located_in"].get("type") is None  # the default, directed
    assert by_kind["located_in"].get("label") == "位于"
    role = attvalues(by_kind["holds_role_at"])
    assert role["role"] == "董事长" and role["evidence"] == "公司董事长何鹏说。"
    assert attvalues(by_kind["located_in"])["rules"] == "Y落户X"
    assert len({e.get("id") for e in edges}) == 4


def test_markup_in_names_is_escaped_and_bad_characters_dropped(doc):
    _, path, root = doc
    raw = path.read_text(encoding="utf-8")
    assert "<img" not in raw and "&lt;img src=x onerror=alert(1)&gt;&amp;amp;" in raw
    clean = HOSTILE.replace("\x01", "")
    labels = {n.get("label") for n in root.iter(q("node"))}
    assert clean in labels
    assert f"company:{HOSTILE.replace(chr(1), chr(0xFFFD))}" in {n.get("id") for n in root.iter(q("node"))}


def test_a_relation_type_no_xml_can_hold_is_written_without_it(tmp_path):
    """A graph given by a caller may carry any string as a relation type: the file is still
    strict UTF-8 XML, the type's kind and label without the characters XML cannot hold."""
    g = build_graph([entity("company", "甲公司"), entity("company", "乙公司")], [])
    g.add_edge("company:甲公司", "company:乙公司", key="x\udc80", type="合作\udc80\x01伙伴", weight=1)
    path = tmp_path / "graph.gexf"
    write_gexf(g, path)
    (edge,) = ET.fromstring(path.read_bytes()).iter(q("edge"))
    assert edge.get("kind") == edge.get("label") == "合作伙伴"


@given(st.text(alphabet=st.sampled_from(list("ab重庆&<>\"'\n\r\t ;#")) | st.characters(), max_size=40))
def test_the_writers_escape_as_the_standard_library_does(s):
    from xml.sax import saxutils

    from graph.export.xmltext import escape, quoteattr

    assert escape(s) == saxutils.escape(s)
    assert quoteattr(s) == saxutils.quoteattr(s)


_CHARS = st.sampled_from(list("ab重庆&<>\"'\n\r\t\x01\ufffe")) | st.characters(codec=None)
_VALUES = st.text(alphabet=_CHARS, max_size=12) | st.integers() | st.floats() | st.booleans() | st.none()


@given(_VALUES | st.lists(_VALUES, max_size=4))
def test_a_values_attribute_takes_shortcuts_to_the_same_characters(value):
    """The writer's fast path for plain strings and integers against the plain composition."""
    from graph.export.gexf import _text, _value
    from graph.export.xmltext import quoteattr

    assert _value(value) == quoteattr(_text(value))
