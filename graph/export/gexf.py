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
GraphML file, and characters XML 1.0 cannot hold are dropped. The writer is ElementTree, so markup
in a name (``<img …>``) is escaped, never interpreted. GEXF 1.3 (Gephi 0.9 and later); NetworkX reads
no mixed graphs, so it should read ``graph.graphml`` instead.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx

from graph.export.atomic import atomic_open
from graph.export.html import relation_name, style, view_positions

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
SEP = "|"
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(v) -> str:
    if isinstance(v, list | tuple | set):
        return SEP.join(_text(x) for x in v)
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v)
    return _XML_BAD.sub("", str(v))


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


def _declare(parent: ET.Element, cls: str, items: list[dict], skip: set[str]) -> dict[str, str]:
    """Declare the attributes of nodes or edges; returns name → GEXF type."""
    values: dict[str, list] = {}
    for d in items:
        for k, v in d.items():
            if k not in skip and v is not None and v != [] and v != "":
                values.setdefault(k, []).append(v)
    kinds = {k: _kind(vs) for k, vs in sorted(values.items())}
    el = ET.SubElement(parent, f"{{{NS}}}attributes", {"class": cls, "mode": "static"})
    for k, kind in kinds.items():
        ET.SubElement(el, f"{{{NS}}}attribute", {"id": k, "title": k, "type": kind})
    return kinds


def _attvalues(parent: ET.Element, d: dict, kinds: dict[str, str]) -> None:
    vals = ET.SubElement(parent, f"{{{NS}}}attvalues")
    for k in kinds:
        v = d.get(k)
        if v is None or v == [] or v == "":
            continue
        ET.SubElement(vals, f"{{{NS}}}attvalue", {"for": k, "value": _text(v)})


def node_size(mentions: int) -> float:
    """``viz:size`` of a node mentioned ``mentions`` times."""
    s = style()["sizes"]
    return round(s["gexf_min"] + s["gexf_step"] * math.log2(1 + max(0, mentions)), 2)


def gexf_tree(g: nx.MultiDiGraph) -> ET.ElementTree:
    """The GEXF document of ``g`` (see the module docstring)."""
    ET.register_namespace("", NS)
    ET.register_namespace("viz", VIZ)
    st = style()
    directed = set(str(g.graph.get("directed_types", "")).split(SEP))
    pos = view_positions(g)
    root = ET.Element(f"{{{NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{NS}}}meta")
    ET.SubElement(meta, f"{{{NS}}}creator").text = "newsgraph"
    ET.SubElement(meta, f"{{{NS}}}description").text = (
        "Entities of regional news and their relations; colour = type, size = mentions, "
        "edge weight = supporting sentences."
    )
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"mode": "static", "defaultedgetype": "directed"})
    nodes = sorted(g.nodes)
    node_data = [g.nodes[n] for n in nodes]
    nkinds = _declare(graph, "node", node_data, skip={"label"})
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    # the relation type is the attribute "relation": in Gephi's edge table "Type" is the direction
    edge_data = [
        {"relation": d.get("type", k), **{a: x for a, x in d.items() if a != "type"}} for *_, k, d in edges
    ]
    ekinds = _declare(graph, "edge", edge_data, skip={"weight"})

    el_nodes = ET.SubElement(graph, f"{{{NS}}}nodes")
    for n, d in zip(nodes, node_data, strict=True):
        el = ET.SubElement(el_nodes, f"{{{NS}}}node", {"id": _id(n), "label": _text(d.get("label", n))})
        _attvalues(el, d, nkinds)
        colour = st["types"].get(d.get("type", ""), st["other"])["colour"]
        ET.SubElement(el, f"{{{VIZ}}}color", _rgb(colour))
        ET.SubElement(el, f"{{{VIZ}}}size", {"value": repr(node_size(int(d.get("mentions", 1) or 1)))})
        if n in pos:
            x, y = pos[n]
            ET.SubElement(el, f"{{{VIZ}}}position", {"x": repr(float(x)), "y": repr(-float(y)), "z": "0.0"})

    el_edges = ET.SubElement(graph, f"{{{NS}}}edges")
    for i, ((u, v, _, _), d) in enumerate(zip(edges, edge_data, strict=True)):
        rel = d["relation"]
        attrs = {
            "id": str(i),
            "source": _id(u),
            "target": _id(v),
            "kind": _text(rel),
            "label": relation_name(rel),
            "weight": repr(float(d.get("weight", 1) or 1)),
        }
        if rel not in directed:
            attrs["type"] = "undirected"
        el = ET.SubElement(el_edges, f"{{{NS}}}edge", attrs)
        _attvalues(el, d, ekinds)
        colour = st["relations"].get(rel, {}).get("colour", st["other"]["colour"])
        ET.SubElement(el, f"{{{VIZ}}}color", _rgb(colour))
    ET.indent(root, space=" ")
    return ET.ElementTree(root)


def write_gexf(g: nx.MultiDiGraph, path: Path) -> None:
    """Write ``g`` as GEXF to ``path``, atomically."""
    tree = gexf_tree(g)
    with atomic_open(path, "wb") as f:
        tree.write(f, encoding="utf-8", xml_declaration=True)
