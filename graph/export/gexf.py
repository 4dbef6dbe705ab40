"""GEXF for Gephi: the graph with its look built in, so that *File → Open* shows it styled at once.

Nodes carry ``viz:color`` by entity type (the HTML view's colours, ``templates/style.toml``),
``viz:size`` by mentions (logarithmic: a district named 200 times should not hide everything else)
and ``viz:position`` from the HTML view's layout (:func:`graph.export.html.view_positions`; y is
flipped, as Gephi's axis points up). A graph larger than the HTML view's bound is laid out only
where the view draws it (the most-mentioned entities): the other nodes get no position, and Gephi
places them itself (its layouts are the tool for a graph of that size; ours would take hours).
Edges carry ``weight`` (supporting sentences), the relation type as ``kind`` (so that Gephi keeps
two relations between the same entities as two edges instead of merging them) and as the
attribute ``relation``, a colour by relation type, the Chinese name of the relation as ``label``,
and ``type="undirected"`` for the symmetric relations (``signed_with``, ``partner_of``,
``co_mentioned``) in an otherwise directed graph, which Gephi shows without arrows.

Attributes are typed (``integer``, ``double``, ``string``), lists are joined with ``|`` as in the
GraphML file, and characters XML 1.0 cannot hold are dropped. Every name and value is escaped, so
markup in a name (``<img …>``) is text, never interpreted. The file is written element by element
(no document tree in memory). GEXF 1.3 (Gephi 0.9 and later); NetworkX reads
no mixed graphs, so it should read ``graph.graphml`` instead.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from graph.export.atomic import atomic_open
from graph.export.html import relation_name, style, view_positions
from graph.export.xmltext import escape, quoteattr

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
SEP = "|"
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(v) -> str:
    t = type(v)
    if t is str:
        return v if _XML_BAD.search(v) is None else _XML_BAD.sub("", v)
    if t is int:
        return str(v)
    if isinstance(v, list | tuple | set):
        return SEP.join(_text(x) for x in v)
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v)
    return _XML_BAD.sub("", str(v))


_PLAIN = re.compile(_XML_BAD.pattern[:-1] + "&<>\n\r\t\"']")
"""What a string value may need done to it (characters dropped, or escaped): most need nothing."""


_STR = frozenset({str})
"""The element types of a list that can be joined as it is: plain strings (a subclass of ``str``
may show itself otherwise, and :func:`_text` writes what ``str`` shows)."""


def _value(v) -> str:
    """``quoteattr(_text(v))``, with the common values recognised first: a 10,000-page graph's file
    has a million, nearly all of them plain strings, integers or lists of strings."""
    t = type(v)
    if t is str:
        return f'"{v}"' if _PLAIN.search(v) is None else quoteattr(_XML_BAD.sub("", v))
    if t is int:
        return f'"{v}"'
    if (t is list or t is tuple) and {*map(type, v)} <= _STR:
        # the separator is plain, so dropping characters from each part and then joining drops
        # the same ones as joining first: one search of the whole instead of one per part
        return _value(SEP.join(v))
    return quoteattr(_text(v))


def _id(v) -> str:
    """An id XML can hold: a character it cannot becomes U+FFFD, so that two ids differing only
    there stay two (as in the GraphML writer)."""
    return _XML_BAD.sub("\ufffd", str(v))


def _kind(values: list) -> str:
    """The GEXF type of an attribute from the values it takes."""
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _rgb(colour: str) -> dict[str, str]:
    c = colour.lstrip("#")
    return {"r": str(int(c[0:2], 16)), "g": str(int(c[2:4], 16)), "b": str(int(c[4:6], 16)), "a": "1.0"}


def _kinds(items: Iterable[dict], skip: set[str]) -> dict[str, str]:
    """Attribute name → GEXF type, from every value the attribute takes, in one pass. The distinct
    pairs of name and value type are gathered first: a graph has a million values and a few dozen
    of those, so that each value costs one test and one set insertion."""
    pairs = {
        (k, type(v))
        for d in items
        for k, v in d.items()
        if k not in skip and v is not None and v != [] and v != ""
    }
    seen: dict[str, set[str]] = {}
    for k, t in pairs:
        is_num = issubclass(t, int | float) and not issubclass(t, bool)
        seen.setdefault(k, set()).add(("int" if issubclass(t, int) else "float") if is_num else "other")
    return {
        k: "integer" if s == {"int"} else "double" if s <= {"int", "float"} else "string"
        for k, s in sorted(seen.items())
    }


def _declare(cls: str, kinds: dict[str, str]) -> str:
    rows = "".join(
        f"    <attribute id={quoteattr(k)} title={quoteattr(k)} type={quoteattr(kind)} />\n"
        for k, kind in kinds.items()
    )
    return f'   <attributes class="{cls}" mode="static">\n{rows}   </attributes>\n'


def _heads(kinds: dict[str, str]) -> list[tuple[str, str]]:
    """Each declared attribute with the start of its ``<attvalue>`` element, quoted once."""
    return [(k, f"     <attvalue for={quoteattr(k)} value=") for k in kinds]


def _attvalues(d: dict, heads: list[tuple[str, str]]) -> str:
    """``d``'s values of the attributes ``heads`` declares (:func:`_heads`), those that are neither
    missing nor empty. A plain string, list or integer is told empty or not by its type and length
    (the same answer as comparing it with ``[]`` and ``""``, which costs a comparison each way)."""
    rows = []
    for k, head in heads:
        v = d.get(k)
        t = type(v)
        if t is str or t is list:
            if not v:
                continue
        elif t is not int and not (v is not None and v != [] and v != ""):
            continue
        rows.append(f"{head}{_value(v)} />\n")
    return f"    <attvalues>\n{''.join(rows)}    </attvalues>\n" if rows else "    <attvalues />\n"


@functools.lru_cache(maxsize=256)
def _colour(colour: str) -> str:
    return "".join(f" {k}={quoteattr(v)}" for k, v in _rgb(colour).items())


def node_size(mentions: int) -> float:
    """``viz:size`` of a node mentioned ``mentions`` times."""
    s = style()["sizes"]
    return round(s["gexf_min"] + s["gexf_step"] * math.log2(1 + max(0, mentions)), 2)


def _edge_data(k: str, d: dict) -> dict:
    """The edge's attributes as written: the relation type is the attribute "relation" (in Gephi's
    edge table "Type" is the direction), first, and "type" is not repeated. (A copy then a removal,
    both done by the dictionary itself: this runs twice for every edge.)"""
    data = {"relation": d.get("type", k), **d}
    data.pop("type", None)
    return data


@functools.lru_cache(maxsize=1024)
def _size(mentions: int) -> str:
    """:func:`node_size` as written; a few hundred distinct counts among a graph's nodes."""
    return repr(node_size(mentions))


def write_gexf(g: nx.MultiDiGraph, path: Path) -> None:
    """Write ``g`` as GEXF to ``path``, atomically, element by element: an ElementTree of the graph
    of a provincial archive would hold gigabytes."""
    st = style()
    directed = set(str(g.graph.get("directed_types", "")).split(SEP))
    pos = view_positions(g)
    nodes = sorted(g.nodes(data=True), key=lambda n: n[0])
    nkinds = _kinds((d for _, d in nodes), skip={"label"})
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    ekinds = _kinds((_edge_data(k, d) for _, _, k, d in edges), skip={"weight"})
    description = (
        "Entities of regional news and their relations; colour = type, size = mentions, "
        "edge weight = supporting sentences."
    )
    # the quoted id of every node with a string id (nearly all), for the edges' ends; and the
    # attributes of an edge that depend on its relation type alone, by type
    ids: dict[str, str] = {}
    looks: dict[tuple[type, object], tuple[str, str, str]] = {}
    with atomic_open(path, "w") as f:
        f.write(
            "<?xml version='1.0' encoding='utf-8'?>\n"
            f'<gexf xmlns="{NS}" xmlns:viz="{VIZ}" version="1.3">\n'
            " <meta>\n  <creator>newsgraph</creator>\n"
            f"  <description>{escape(description)}</description>\n </meta>\n"
            '  <graph mode="static" defaultedgetype="directed">\n'
        )
        f.write(_declare("node", nkinds))
        f.write(_declare("edge", ekinds))
        nheads, eheads = _heads(nkinds), _heads(ekinds)
        f.write("   <nodes>\n")
        for n, d in nodes:
            colour = st["types"].get(d.get("type", ""), st["other"])["colour"]
            size = _size(int(d.get("mentions", 1) or 1))
            place = ""
            if n in pos:
                x, y = pos[n]
                place = f'    <viz:position x="{float(x)!r}" y="{-float(y)!r}" z="0.0" />\n'
            node_id = quoteattr(_id(n))
            if type(n) is str:
                ids[n] = node_id
            f.write(
                f"   <node id={node_id} label={_value(d.get('label', n))}>\n"
                f"{_attvalues(d, nheads)}    <viz:color{_colour(colour)} />\n"
                f'    <viz:size value="{size}" />\n{place}   </node>\n'
            )
        f.write("   </nodes>\n   <edges>\n")
        for i, (u, v, k, data) in enumerate(edges):
            d = _edge_data(k, data)
            rel = d["relation"]
            look = looks.get((type(rel), rel))
            if look is None:
                undirected = "" if rel in directed else ' type="undirected"'
                colour = st["relations"].get(rel, {}).get("colour", st["other"]["colour"])
                look = looks[(type(rel), rel)] = (
                    f"kind={_value(rel)} label={_value(relation_name(rel))} ",
                    undirected,
                    _colour(colour),
                )
            source = (type(u) is str and ids.get(u)) or quoteattr(_id(u))
            target = (type(v) is str and ids.get(v)) or quoteattr(_id(v))
            f.write(
                f'   <edge id="{i}" source={source} target={target} {look[0]}'
                f'weight="{float(d.get("weight", 1) or 1)!r}"{look[1]}>\n'
                f"{_attvalues(d, eheads)}    <viz:color{look[2]} />\n   </edge>\n"
            )
        f.write("   </edges>\n  </graph>\n</gexf>\n")
