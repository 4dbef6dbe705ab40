"""Assemble the NetworkX graph (entities as nodes, relations as typed edges) and lay it out.

Every attribute is a string, a number or a list of strings, so that GraphML and GEXF can hold it
(lists are joined by the writers); numbers stay numbers (``mentions``, ``weight``,
``investment_cny``) so that Gephi can rank and filter by them.

:func:`layout` gives the positions the HTML view and the GEXF file share: a Fruchterman–Reingold
layout of our own whose repulsion is computed on a grid (:func:`grid_layout`), because
``nx.spring_layout`` switches to a per-node loop above 500 nodes and takes minutes on large graphs
(measured on this machine: 16 s for 500 nodes, 57 s for 2,000; ours: about 1 s for 1,000 and 7 s for
5,000).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

import networkx as nx
import numpy as np

from graph.link import Entity
from graph.relations import ProjectFacts, Relation, directed_types

LAYOUT_SEED = 7
PIXELS_PER_NODE = 45
"""Canvas pixels between neighbouring nodes: a graph of a few hundred nodes fits a laptop screen at
about zoom 1, where the labels of the much-mentioned entities are readable."""
GRAVITY = 0.3
"""Pull to the centre, per unit of distance: strong enough to hold unconnected nodes at the rim of
the graph's disc (≈ 1/√GRAVITY across) instead of flinging them far out."""
_layouts: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def edge_count(g: nx.Graph) -> int:
    """``g.number_of_edges()``, counted from the adjacency: NetworkX's sums every node's degree
    through its degree view, a tenth of a second on a 10,000-page graph, and the writers ask it
    to know whether their cached layout and view are still the graph's.

    >>> g = nx.MultiDiGraph([(1, 2), (1, 2), (2, 2)])
    >>> edge_count(g) == g.number_of_edges() == 3
    True
    """
    if not g.is_directed():
        return g.number_of_edges()
    if g.is_multigraph():
        return sum(len(keys) for nbrs in g._adj.values() for keys in nbrs.values())
    return sum(len(nbrs) for nbrs in g._adj.values())


def build_graph(
    entities: list[Entity],
    relations: Iterable[Relation],
    attributes: dict[str, ProjectFacts] | None = None,
) -> nx.MultiDiGraph:
    """A multigraph keyed by relation type, so two entities can be linked in several ways.

    ``attributes`` (project id → facts) defaults to what :func:`graph.relations.extract_relations`
    returned along with the relations; projects get ``investment``, ``investment_cny``,
    ``capacity`` and ``dates``.

    >>> g = build_graph([], [])
    >>> g.number_of_nodes(), g.graph["directed_types"]
    (0, 'holds_role_at|invests_in|located_in|operates|subsidiary_of')
    """
    if attributes is None:
        attributes = getattr(relations, "attributes", {}) or {}
    g = nx.MultiDiGraph(directed_types="|".join(sorted(directed_types())))
    for e in entities:
        roles = sorted({m.role for m in e.mentions if m.role})
        arts = e.articles  # (computed from the mentions each time it is asked)
        g.add_node(
            e.id,
            label=e.name,
            type=e.type,
            aliases=list(e.aliases),
            roles=roles,
            mentions=len(e.mentions),
            articles=len(arts),
            article_ids=arts,
        )
        if e.id in attributes:
            g.nodes[e.id].update(attributes[e.id].node_attrs())
    add_relations(g, relations)
    return g


def add_relations(g: nx.MultiDiGraph, relations: Iterable[Relation]) -> None:
    """Every relation as an edge keyed by its type, with its weight, roles and evidence."""
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
            rules=r.rules,
        )


# ---------------------------------------------------------------- layout


def layout(g: nx.Graph, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Deterministic positions for every node, in canvas pixels (:data:`PIXELS_PER_NODE` apart).

    Each connected component is laid out on its own and the components are packed in rows, largest
    first, so that isolated entities (a person named once) fill a compact block instead of a ring
    around the graph. Computed once per graph object and shared by the HTML and GEXF writers (the
    layout of a large graph is the slowest part of writing them)."""
    key = (g.number_of_nodes(), edge_count(g), seed)
    cached = _layouts.get(g)
    if cached is not None and cached[0] == key:
        return cached[1]
    nodes = sorted(g.nodes)
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    weights: dict[tuple[int, int], float] = {}
    for u, v, d in g.edges(data=True):
        if u == v:
            continue
        a, b = sorted((index[u], index[v]))
        weights[(a, b)] = weights.get((a, b), 0.0) + float(d.get("weight", 1) or 1)
    xy = _pack([_component_layout(c, weights, seed) for c in _components(len(nodes), weights)])
    xy *= PIXELS_PER_NODE
    pos = {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, xy, strict=True)}
    _layouts[g] = (key, pos)
    return pos


def _components(n: int, weights: dict[tuple[int, int], float]) -> list[np.ndarray]:
    """Connected components as sorted index arrays, largest first (ties: smallest index first)."""
    h = nx.Graph()
    h.add_nodes_from(range(n))
    h.add_edges_from(weights)
    comps = [np.array(sorted(c), dtype=np.int64) for c in nx.connected_components(h)]
    return sorted(comps, key=lambda c: (-len(c), int(c[0])))


def _component_layout(idx: np.ndarray, weights: dict[tuple[int, int], float], seed: int):
    """``(indices, positions)`` of one component, in units of the distance between neighbours."""
    n = len(idx)
    if n == 1:
        return idx, np.zeros((1, 2))
    if n == 2:
        return idx, np.array([[-0.5, 0.0], [0.5, 0.0]])
    local = {int(i): j for j, i in enumerate(idx)}
    edges = [(local[a], local[b], w) for (a, b), w in weights.items() if a in local]
    pairs = np.array([(a, b) for a, b, _ in edges], dtype=np.int64).reshape(-1, 2)
    xy = grid_layout(n, pairs, np.array([w for _, _, w in edges], dtype=float), seed=seed)
    xy -= xy.mean(axis=0)
    rms = float(np.sqrt((xy**2).sum(axis=1).mean())) or 1.0
    return idx, xy * (0.55 * np.sqrt(n) / rms)


def _pack(blocks: list[tuple[np.ndarray, np.ndarray]], aspect: float = 1.6) -> np.ndarray:
    """Place component layouts in rows (a shelf packing), about ``aspect`` times wider than high,
    each with a margin of one unit; returns positions indexed like the nodes."""
    n = sum(len(i) for i, _ in blocks)
    out = np.zeros((n, 2))
    sizes = [(np.ptp(xy[:, 0]) + 1.5, np.ptp(xy[:, 1]) + 1.5) for _, xy in blocks]
    width = max(max(w for w, _ in sizes), np.sqrt(aspect * sum(w * h for w, h in sizes)))
    x = y = row = 0.0
    for (idx, xy), (w, h) in zip(blocks, sizes, strict=True):
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        out[idx] = xy - xy.min(axis=0) + (x + 0.75, y + 0.75)
        x, row = x + w, max(row, h)
    return out - (out.max(axis=0) + out.min(axis=0)) / 2


def _near_pairs(cell: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of points in the same or neighbouring cells (``cell``: integer cell coordinates),
    once: each cell is paired with itself and four of its eight neighbours; the other four see it
    from their side."""
    width = int(cell[:, 1].max()) + 3
    key = (cell[:, 0] + 1) * width + (cell[:, 1] + 1)
    order = np.argsort(key, kind="stable")
    skey = key[order]
    cells, starts, counts = np.unique(skey, return_index=True, return_counts=True)
    out_i, out_j = [], []
    for dx, dy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):
        target = skey + dx * width + dy
        slot = np.minimum(np.searchsorted(cells, target), len(cells) - 1)
        n_j = np.where(cells[slot] == target, counts[slot], 0)
        total = int(n_j.sum())
        if total == 0:
            continue
        src = np.repeat(np.arange(len(skey)), n_j)
        dst = np.repeat(starts[slot], n_j) + np.arange(total) - np.repeat(np.cumsum(n_j) - n_j, n_j)
        if dx == 0 and dy == 0:
            keep = dst > src
            src, dst = src[keep], dst[keep]
        out_i.append(order[src])
        out_j.append(order[dst])
    if not out_i:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(out_i), np.concatenate(out_j)


def _repulsion(xy: np.ndarray, k: float, grid: int) -> np.ndarray:
    """Fruchterman–Reingold repulsion (k²/d between every two nodes) in two levels, as Barnes–Hut
    does in many: exact between nodes of neighbouring cells of a ``grid × grid`` grid, and from
    each farther cell as one body of its nodes' mass at their centroid. About n·(grid² + 40)
    operations instead of n²."""
    n = len(xy)
    lo = xy.min(axis=0)
    size = max(float(np.ptp(xy, axis=0).max()), 1e-9) / grid
    cell = np.minimum(((xy - lo) / size).astype(np.int64), grid - 1)
    disp = np.zeros_like(xy)
    i, j = _near_pairs(cell)
    if len(i):
        d = xy[i] - xy[j]
        dist2 = np.maximum((d * d).sum(axis=1), 1e-8)
        push = d * (k * k / dist2)[:, None]
        for ax in (0, 1):
            disp[:, ax] += np.bincount(i, push[:, ax], n) - np.bincount(j, push[:, ax], n)
    cid = cell[:, 0] * grid + cell[:, 1]
    mass = np.bincount(cid, minlength=grid * grid).astype(np.float32)
    used = np.flatnonzero(mass)
    m = mass[used]
    cx = (np.bincount(cid, xy[:, 0], grid * grid)[used] / m).astype(np.float32)
    cy = (np.bincount(cid, xy[:, 1], grid * grid)[used] / m).astype(np.float32)
    x, y = xy[:, :1].astype(np.float32), xy[:, 1:].astype(np.float32)
    dx = x - cx[None, :]
    dy = y - cy[None, :]
    f = dx * dx
    f += dy * dy
    np.maximum(f, 1e-8, out=f)
    np.divide(m[None, :] * np.float32(k * k), f, out=f)
    near_x = np.abs(cell[:, :1] - (used // grid)[None, :]) <= 1
    f[near_x & (np.abs(cell[:, 1:] - (used % grid)[None, :]) <= 1)] = 0.0  # those are exact pairs
    disp[:, 0] += (dx * f).sum(axis=1)
    disp[:, 1] += (dy * f).sum(axis=1)
    return disp


def grid_layout(
    n: int, pairs: np.ndarray, weights: np.ndarray, seed: int = LAYOUT_SEED, iterations: int = 50
) -> np.ndarray:
    """Fruchterman–Reingold for large graphs: repulsion by :func:`_repulsion`, attraction d²/k along
    edges (stronger for heavier ones, logarithmically), a weak pull to the centre that keeps
    separate components on the canvas, and a temperature that cools linearly. Returns an ``n × 2``
    array."""
    rng = np.random.default_rng(seed)
    xy = rng.random((n, 2))
    k = 1.0 / np.sqrt(n)
    grid = max(4, round(np.sqrt(n) / 3))  # near pairs fall as 1/grid², far cells grow as grid²
    u, v = (pairs[:, 0], pairs[:, 1]) if len(pairs) else (np.empty(0, np.int64), np.empty(0, np.int64))
    w = 1 + np.log(np.maximum(weights, 1)) if len(weights) else weights
    t = 0.1
    cool = t / (iterations + 1)
    for _ in range(iterations):
        disp = _repulsion(xy, k, grid)
        if len(u):
            d = xy[u] - xy[v]
            dist = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-4)
            pull = d * ((dist / k) * w)[:, None]
            for ax in (0, 1):
                disp[:, ax] += np.bincount(v, pull[:, ax], n) - np.bincount(u, pull[:, ax], n)
        disp -= (xy - xy.mean(axis=0)) * GRAVITY
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        xy += disp * (np.minimum(length, t) / length)[:, None]
        t -= cool
    return xy
