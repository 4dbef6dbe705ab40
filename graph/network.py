"""Assemble the NetworkX graph: entities as nodes, relations as typed edges."""

from __future__ import annotations

import networkx as nx

from graph.link import Entity
from graph.relations import Relation


def build_graph(entities: list[Entity], relations: list[Relation]) -> nx.MultiDiGraph:
    """A multigraph keyed by relation type, so two entities can be linked in several ways.

    >>> g = build_graph([], [])
    >>> g.number_of_nodes(), g.graph["directed_types"]
    (0, 'holds_role_at')
    """
    g = nx.MultiDiGraph(directed_types="holds_role_at")
    for e in entities:
        roles = sorted({m.role for m in e.mentions if m.role})
        g.add_node(
            e.id,
            label=e.name,
            type=e.type,
            aliases=list(e.aliases),
            roles=roles,
            mentions=len(e.mentions),
            articles=len(e.articles),
        )
    for r in relations:
        g.add_edge(
            r.source,
            r.target,
            key=r.type,
            type=r.type,
            weight=r.weight,
            role="、".join(r.roles),
            evidence=[ev["sentence"] for ev in r.evidence],
            articles=sorted({ev["article"] for ev in r.evidence}),
        )
    return g
