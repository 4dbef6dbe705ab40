"""GraphML for Gephi, igraph and NetworkX: scalar attributes only, lists joined with ``|``."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from graph.export.atomic import atomic_open

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


def flat_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose ids and attributes GraphML can hold."""
    h = nx.MultiDiGraph()
    h.graph.update({_clean(k): _clean(_scalar(v)) for k, v in g.graph.items()})
    for n, d in g.nodes(data=True):
        h.add_node(_clean(n, "\ufffd"), **{_clean(k): _clean(_scalar(v)) for k, v in d.items()})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(
            _clean(u, "\ufffd"),
            _clean(v, "\ufffd"),
            key=_clean(k, "\ufffd"),
            **{_clean(a): _clean(_scalar(x)) for a, x in d.items()},
        )
    return h


def write_graphml(g: nx.MultiDiGraph, path: Path) -> None:
    """Write ``g`` for Gephi and friends, atomically; markup in names is escaped by the XML writer."""
    with atomic_open(path, "wb") as f:
        nx.write_graphml(flat_graph(g), f, encoding="utf-8", prettyprint=True)
