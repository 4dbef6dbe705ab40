"""GraphML for Gephi, igraph and NetworkX: scalar attributes only, lists joined with ``|``."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.export.atomic import atomic_open

SEP = "|"


def _scalar(v):
    if isinstance(v, list | tuple | set):
        return SEP.join(str(x) for x in v)
    if v is None:
        return ""
    return v


def _clean(s):
    """XML 1.0 forbids most control characters and lone surrogates: drop them."""
    if not isinstance(s, str):
        return s
    return "".join(
        c
        for c in s
        if c in "\t\n\r" or (c >= " " and not "\ud800" <= c <= "\udfff" and c not in "\ufffe\uffff")
    )


def flat_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML can hold."""
    h = nx.MultiDiGraph()
    h.graph.update({k: _clean(_scalar(v)) for k, v in g.graph.items()})
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: _clean(_scalar(v)) for k, v in d.items()})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{a: _clean(_scalar(x)) for a, x in d.items()})
    return h


def write_graphml(g: nx.MultiDiGraph, path: Path) -> None:
    with atomic_open(path, "wb") as f:
        nx.write_graphml(flat_graph(g), f, encoding="utf-8", prettyprint=True)
