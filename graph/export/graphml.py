"""GraphML for Gephi, igraph and NetworkX: scalar attributes only, lists joined with ``|``.

Written as a stream, element by element: NetworkX's writer (without lxml) builds the whole document
as an ElementTree first, several gigabytes for the graph of a provincial archive. The file says the
same as NetworkX's would (a test reads both back and compares them).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from graph.export.atomic import atomic_open
from graph.export.xmltext import escape, quoteattr

SEP = "|"
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _scalar(v):
    if isinstance(v, list | tuple | set):
        return SEP.join(str(x) for x in v)
    if v is None:
        return ""
    return v


def _clean(s, bad: str = ""):
    """XML 1.0 forbids most control characters, lone surrogates and U+FFFE/U+FFFF, escaped or not:
    a GraphML file holding one does not parse at all. Attribute values drop them; ids (``bad``
    = U+FFFD) replace them, so that two ids differing only there stay two nodes."""
    if not isinstance(s, str):
        return s
    return _XML_BAD.sub(bad, s)


_GRAPHML_TYPE = {bool: "boolean", int: "long", float: "double", str: "string"}
_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


@functools.lru_cache(maxsize=4096)
def _name(k: object) -> object:
    """An attribute's name, cleaned once: a graph has a few dozen, each on every node or edge."""
    return _clean(k)


def _key_type(t: type) -> str:
    """The GraphML type of values of type ``t`` as written (:func:`_scalar`, then :func:`_clean`,
    which leaves a string a string)."""
    if t is type(None) or issubclass(t, list | tuple | set):
        return "string"
    return _GRAPHML_TYPE.get(t, "string")


def _key_types(kind: str, dicts: Iterable[dict], keys: dict[tuple[str, str], str]) -> dict[object, object]:
    """The GraphML type of every attribute: the values' type; numbers of both kinds are doubles,
    anything else mixed is a string. (The distinct names and types are gathered first: a graph has
    a million values and a few dozen of those.) Returns the names as found and as written."""
    seen = {(k, type(v)): None for d in dicts for k, v in d.items()}  # (ordered as first met)
    for k, vt in seen:
        name, t = _name(k), _key_type(vt)
        known = keys.get((kind, name))
        if known is None or known == t:
            keys[(kind, name)] = t
        else:
            keys[(kind, name)] = "double" if {known, t} == {"long", "double"} else "string"
    return {k: _name(k) for k, _ in seen}


_SPECIAL = re.compile(_XML_BAD.pattern[:-1] + "&<>]")
"""What a string value may need done to it (characters dropped, or escaped): most need nothing."""


def _text(v: object) -> str:
    """A value as the text of its ``<data>`` element."""
    t = type(v)
    if t is list or t is tuple or t is set:
        v, t = SEP.join(map(str, v)), str
    if t is str:
        if _SPECIAL.search(v) is None:
            return v
        return escape(_XML_BAD.sub("", v))
    if t is int or t is float:
        return str(v)
    v = _clean(_scalar(v))
    if isinstance(v, bool):
        return "true" if v else "false"
    return escape(str(v))


def _data(d: dict, heads: dict[object, str]) -> str:
    """``d``'s ``<data>`` elements; ``heads``: the start of the element (indent and key id) for
    every raw attribute name of its kind, made once per name rather than once per value."""
    return "".join([f"{heads[k]}{_text(v)}</data>\n" for k, v in d.items()])


def _id(x: object) -> str:
    return quoteattr(str(_clean(x, "\ufffd")))


def write_graphml(g: nx.MultiDiGraph, path: Path) -> None:
    """Write ``g`` for Gephi and friends, atomically; names are escaped, and characters XML cannot
    hold are dropped from values and replaced in ids (:func:`_clean`)."""
    types: dict[tuple[str, str], str] = {}
    names = {
        "graph": _key_types("graph", [g.graph], types),
        "node": _key_types("node", (d for _, d in g.nodes(data=True)), types),
        "edge": _key_types("edge", (d for *_, d in g.edges(data=True)), types),
    }
    ids = {key: f"d{i}" for i, key in enumerate(types)}
    indents = {"graph": "    ", "node": "      ", "edge": "      "}
    heads = {
        kind: {k: f'{indents[kind]}<data key="{ids[(kind, name)]}">' for k, name in raw.items()}
        for kind, raw in names.items()
    }
    # every string id as written, for the edges: their ends are nodes already written, and their
    # keys (relation types) are few; a string's id depends on its characters alone
    quoted: dict[str, str] = {}

    def quoted_id(x: object) -> str:
        if type(x) is not str:
            return _id(x)
        q = quoted.get(x)
        if q is None:
            q = quoted[x] = _id(x)
        return q

    with atomic_open(path, "w") as f:
        f.write(_HEAD)
        for (kind, name), t in types.items():
            key = ids[(kind, name)]
            f.write(f'  <key id="{key}" for="{kind}" attr.name={quoteattr(name)} attr.type="{t}" />\n')
        f.write(f'  <graph edgedefault="{"directed" if g.is_directed() else "undirected"}">\n')
        f.write(_data(g.graph, heads["graph"]))
        for n, d in g.nodes(data=True):
            inner = _data(d, heads["node"])
            node = f"    <node id={quoted_id(n)}"
            f.write(f"{node}>\n{inner}    </node>\n" if inner else f"{node} />\n")
        for u, v, k, d in g.edges(keys=True, data=True):
            inner = _data(d, heads["edge"])
            f.write(
                f"    <edge source={quoted_id(u)} target={quoted_id(v)} id={quoted_id(k)}>\n"
                f"{inner}    </edge>\n"
            )
        f.write("  </graph>\n</graphml>\n")
