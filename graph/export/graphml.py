"""GraphML for Gephi, igraph and NetworkX: scalar attributes only, lists joined with ``|``.

Written as a stream, element by element: NetworkX's writer (without lxml) builds the whole document
as an ElementTree first, several gigabytes for the graph of a provincial archive. The file says the
same as NetworkX's would (a test reads both back and compares them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
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


def _flat(d: dict) -> Iterator[tuple[str, object]]:
    for k, v in d.items():
        v = _clean(_scalar(v))
        if v is not None:
            yield _clean(k), v


def _key_types(kind: str, dicts: Iterable[dict], keys: dict[tuple[str, str], str]) -> None:
    """The GraphML type of every attribute: the values' type; numbers of both kinds are doubles,
    anything else mixed is a string."""
    for d in dicts:
        for k, v in _flat(d):
            t = _GRAPHML_TYPE.get(type(v), "string")
            seen = keys.get((kind, k))
            if seen is None or seen == t:
                keys[(kind, k)] = t
            else:
                keys[(kind, k)] = "double" if {seen, t} == {"long", "double"} else "string"


def _text(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return escape(str(v))


def _data(d: dict, ids: dict[tuple[str, str], str], kind: str, indent: str) -> str:
    return "".join(f'{indent}<data key="{ids[(kind, k)]}">{_text(v)}</data>\n' for k, v in _flat(d))


def _id(x: object) -> str:
    return quoteattr(str(_clean(x, "\ufffd")))


def write_graphml(g: nx.MultiDiGraph, path: Path) -> None:
    """Write ``g`` for Gephi and friends, atomically; names are escaped, and characters XML cannot
    hold are dropped from values and replaced in ids (:func:`_clean`)."""
    types: dict[tuple[str, str], str] = {}
    _key_types("graph", [g.graph], types)
    _key_types("node", (d for _, d in g.nodes(data=True)), types)
    _key_types("edge", (d for *_, d in g.edges(data=True)), types)
    ids = {key: f"d{i}" for i, key in enumerate(types)}
    with atomic_open(path, "w") as f:
        f.write(_HEAD)
        for (kind, name), t in types.items():
            key = ids[(kind, name)]
            f.write(f'  <key id="{key}" for="{kind}" attr.name={quoteattr(name)} attr.type="{t}" />\n')
        f.write(f'  <graph edgedefault="{"directed" if g.is_directed() else "undirected"}">\n')
        f.write(_data(g.graph, ids, "graph", "    "))
        for n, d in g.nodes(data=True):
            inner = _data(d, ids, "node", "      ")
            node = f"    <node id={_id(n)}"
            f.write(f"{node}>\n{inner}    </node>\n" if inner else f"{node} />\n")
        for u, v, k, d in g.edges(keys=True, data=True):
            inner = _data(d, ids, "edge", "      ")
            f.write(f"    <edge source={_id(u)} target={_id(v)} id={_id(k)}>\n{inner}    </edge>\n")
        f.write("  </graph>\n</graphml>\n")
