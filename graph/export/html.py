"""An interactive view of the graph in one HTML file that loads nothing from the network.

The page is our template (``templates/graph.html``) with vis-network — shipped inside the pyvis
wheel — inlined; pyvis's own template links Bootstrap and, in ``local`` mode, vis-network from a
CDN, and its ``Network.add_edge`` checks every earlier edge (minutes for a large graph), so the
node and edge records are built here. Positions come from :func:`graph.network.layout` and physics
is off: the first view is stable at once and identical across builds (with pyvis's defaults a
3,000-node graph took 166 s to settle here).

Text from articles is data, never markup: all data sits in one JSON literal with ``<``, ``>`` and
``&`` escaped, vis-network 9 shows string tooltips with ``innerText``, and the page writes names
with ``textContent`` only. The Content-Security-Policy forbids any request but inline script, style
and ``data:`` images, so the file works offline and a hostile name could not load anything anyway.

The view is bounded: a browser cannot draw the 400,000 entities of a large archive (vis-network
needs seconds at 5,000), so the page shows at most ``[view] max_nodes`` of ``style.toml`` — the
most-mentioned entities (:func:`view_nodes`) — and at most ``max_edges`` of the relations among
them (:func:`view_edges`), and says so in its header, with a link to the index of every entity's
own page (:mod:`graph.export.pages`). The layout is computed on that subgraph only
(:func:`view_positions`); on the whole graph it would cost hours and gigabytes.
"""

from __future__ import annotations

import functools
import heapq
import importlib.util
import json
import re
import tomllib
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape

from graph.export.atomic import atomic_open
from graph.network import edge_count, layout


def _pyvis_folder() -> Path:
    """Where pyvis is installed, found without importing it: its package imports IPython, which
    took 0.4 s of every command's start, and only its copy of vis-network is used here."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed: it holds the vis-network the view inlines")
    return Path(next(iter(spec.submodule_search_locations)))


VIS = _pyvis_folder() / "templates" / "lib" / "vis-9.1.2"
TEMPLATES = Path(__file__).parent / "templates"
SNIPPET = 70  # characters of an evidence sentence shown in a tooltip
TOOLTIP_RELATIONS = 4  # typed relations listed in a node's tooltip
TOOLTIP_ARTICLES = 5
EDGE_EVIDENCE = 3
_views: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
"""Per graph and bounds: the nodes and edges of its bounded view and their positions, computed
once and shared by the HTML page, the GEXF file and the entity pages (weak: the cache must not
keep a graph alive, nor a graph's views outlive it)."""


@functools.cache
def style() -> dict:
    """Names and colours of entity and relation types (``templates/style.toml``), shared with GEXF."""
    return tomllib.loads((TEMPLATES / "style.toml").read_text(encoding="utf-8"))


def type_name(t: str) -> str:
    return style()["types"].get(t, style()["other"])["name"]


def type_colour(t: str) -> str:
    return style()["types"].get(t, style()["other"])["colour"]


def relation_name(t: str) -> str:
    return style()["relations"].get(t, {}).get("name", t)


def view_limits() -> tuple[int, int]:
    """How many nodes and relations the main view draws at most (``[view]`` in ``style.toml``)."""
    view = style().get("view", {})
    return int(view.get("max_nodes", 1500)), int(view.get("max_edges", 6000))


def _mentions(d: Mapping) -> int:
    try:
        return int(d.get("mentions") or 0)
    except (TypeError, ValueError):
        return 0


def _most_mentioned(g: nx.MultiDiGraph, k: int) -> list[str]:
    """The ``k`` first nodes by mentions (most first), then degree (highest first), then id. The
    degree of a node of a multigraph costs a pass over its neighbours, seconds for all of 400,000,
    so it is only computed for the nodes tied at the cut."""
    if k <= 0:
        return []
    mentions = {n: _mentions(d) for n, d in g.nodes(data=True)}
    cut = heapq.nlargest(k, mentions.values())[-1]
    above = [n for n, m in mentions.items() if m > cut]
    tied = [n for n, m in mentions.items() if m == cut]
    degree = g.degree
    return above + heapq.nsmallest(k - len(above), tied, key=lambda n: (-degree[n], n))


def _view(g: nx.MultiDiGraph, max_nodes: int | None, max_edges: int | None) -> dict:
    """The bounded view of ``g``, computed once per graph and bounds: ``nodes`` (sorted ids),
    ``edges`` (sorted ``(u, v, key)``) and, on demand, ``positions``."""
    default_nodes, default_edges = view_limits()
    max_nodes = default_nodes if max_nodes is None else max_nodes
    max_edges = default_edges if max_edges is None else max_edges
    key = (g.number_of_nodes(), edge_count(g), max_nodes, max_edges)
    views = _views.setdefault(g, {})
    if key in views:
        return views[key]
    if g.number_of_nodes() <= max_nodes:
        nodes = sorted(g.nodes)
        sub = g
    else:
        nodes = sorted(_most_mentioned(g, max(max_nodes, 0)))
        sub = g.subgraph(nodes)
    edges = [(u, v, k, d) for u, v, k, d in sub.edges(keys=True, data=True)]
    if len(edges) > max_edges:
        edges = heapq.nsmallest(
            max(max_edges, 0),
            edges,
            key=lambda e: (
                e[3].get("type", e[2]) == "co_mentioned",
                -e[3].get("weight", 1),
                e[0],
                e[1],
                e[2],
            ),
        )
    views[key] = {
        "nodes": nodes,
        "edges": sorted((u, v, k) for u, v, k, _ in edges),
        "all_edges": len(edges) == edge_count(g),
    }
    return views[key]


def view_nodes(g: nx.MultiDiGraph, max_nodes: int | None = None) -> list[str]:
    """The nodes the main view draws, sorted: all of them when there are at most ``max_nodes``
    (default: :func:`view_limits`), else the ``max_nodes`` most mentioned — ties broken by degree,
    then by id, so that the choice is the same on every build. Mentions first because they are
    what an analyst looks for (the entities the news talks about), and they do not depend on which
    relations the patterns happened to read."""
    return _view(g, max_nodes, None)["nodes"]


def view_edges(
    g: nx.MultiDiGraph, max_nodes: int | None = None, max_edges: int | None = None
) -> list[tuple[str, str, str]]:
    """The relations the main view draws, as sorted ``(source, target, key)``: those among
    :func:`view_nodes`, at most ``max_edges`` of them — typed relations first, then the
    co-mentions supported by the most sentences. The most-mentioned entities of a large archive
    are co-mentioned with each other tens of thousands of times (31,000 relations among 1,500
    entities of a synthetic 100,000-entity graph), more than vis-network handles briskly."""
    return _view(g, max_nodes, max_edges)["edges"]


def view_positions(
    g: nx.MultiDiGraph, max_nodes: int | None = None, max_edges: int | None = None
) -> dict[str, tuple[float, float]]:
    """Positions of the nodes of :func:`view_nodes` only, laid out with the relations the view
    draws (the whole graph when it is within the bounds, so that a small graph is laid out as it
    always was). The layout costs about ``n·√n``: a second or two for 1,500 nodes, hours and
    gigabytes for 400,000, so it must never see the whole of a large graph."""
    view = _view(g, max_nodes, max_edges)
    if "positions" not in view:
        if len(view["nodes"]) == g.number_of_nodes() and view["all_edges"]:
            view["positions"] = layout(g)
        else:
            h = nx.MultiDiGraph()
            h.add_nodes_from(view["nodes"])
            h.add_edges_from(
                (u, v, k, {"weight": g.edges[u, v, k].get("weight", 1)}) for u, v, k in view["edges"]
            )
            view["positions"] = layout(h)
    return view["positions"]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _safe_json(obj) -> str:
    r"""JSON that cannot close the script element it sits in, nor start markup or an entity; a lone
    surrogate (which UTF-8 cannot encode) is written as its ``\udXXX`` escape.

    >>> print(_safe_json({"n": "</script><b>&"}))
    {"n":"\u003c/script\u003e\u003cb\u003e\u0026"}
    """
    s = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    s = (
        s.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", s)


def _snip(s: str, n: int = SNIPPET) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _as_list(v) -> list:
    if v is None or v == "":
        return []
    return list(v) if isinstance(v, list | tuple | set) else [v]


def _node_tooltip(g: nx.MultiDiGraph, n: str, titles: Mapping[str, str], typed: list) -> str:
    """Name and type, aliases, roles, the articles it is in, its strongest relations with evidence."""
    d = g.nodes[n]
    lines = [f"{d.get('label', n)}（{type_name(d.get('type', ''))}）"]
    aliases = [a for a in _as_list(d.get("aliases")) if a != d.get("label")]
    if aliases:
        lines.append("别名：" + "、".join(aliases))
    if d.get("roles"):
        lines.append("职务：" + "、".join(_as_list(d["roles"])))
    for key, label in (("investment", "投资"), ("capacity", "产能"), ("dates", "时间")):
        if d.get(key):
            lines.append(f"{label}：" + "；".join(_as_list(d[key])))
    arts = _as_list(d.get("article_ids"))
    lines.append(f"提及 {d.get('mentions', 0)} 次，{d.get('articles', len(arts))} 篇文章")
    for a in arts[:TOOLTIP_ARTICLES]:
        lines.append(f"· {titles.get(a, a)}")
    if len(arts) > TOOLTIP_ARTICLES:
        lines.append(f"· …另 {len(arts) - TOOLTIP_ARTICLES} 篇")
    if typed:
        lines.append("关系：")
        for weight, rel, arrow, other, ev, _ in typed[:TOOLTIP_RELATIONS]:
            lines.append(f"· {relation_name(rel)} {arrow} {other} ×{weight}")
            if ev:
                lines.append(f"  「{_snip(ev)}」")
    return "\n".join(lines)


def _edge_tooltip(d: dict, src: str, dst: str, titles: Mapping[str, str]) -> str:
    rel = d.get("type", "")
    head = f"{src} —{relation_name(rel)}→ {dst} ×{d.get('weight', 1)}"
    if d.get("role"):
        head += f"（{d['role']}）"
    lines = [head]
    lines += [f"「{_snip(s)}」" for s in _as_list(d.get("evidence"))[:EDGE_EVIDENCE]]
    arts = _as_list(d.get("articles"))
    if arts:
        lines.append("文章：" + "；".join(titles.get(a, a) for a in arts[:TOOLTIP_ARTICLES]))
    for r in _as_list(d.get("rules")):
        if r.startswith("name:"):
            lines.append("依据：" + r)
    return "\n".join(lines)


def _typed(g: nx.MultiDiGraph, n: str, directed: set[str], label: Callable[[str], str], k: int) -> list:
    """The ``k`` strongest typed relations of ``n`` in the whole graph (not only the drawn part:
    the tooltip tells what is known of the entity), as ``(weight, type, arrow, other's name,
    first evidence, other's id)``."""
    rels = []
    for outgoing, edges in (
        (True, g.out_edges(n, keys=True, data=True)),
        (False, g.in_edges(n, keys=True, data=True)),
    ):
        for u, v, key, d in edges:
            rel = d.get("type", key)
            if rel == "co_mentioned":
                continue
            ev = _as_list(d.get("evidence"))
            other = v if outgoing else u
            arrow = ("→" if outgoing else "←") if rel in directed else "—"
            rels.append((d.get("weight", 1), rel, arrow, label(other), ev[0] if ev else "", other))
    return heapq.nsmallest(k, rels, key=lambda t: (-t[0], t[1], t[3], t[2], t[5], t[4]))


def records(
    g: nx.MultiDiGraph,
    titles: Mapping[str, str] | None = None,
    *,
    max_nodes: int | None = None,
    max_edges: int | None = None,
    pages: str | None = None,
) -> tuple[list[dict], list[dict]]:
    """The node and edge records the page draws, in a fixed order: :func:`view_nodes` and
    :func:`view_edges`. With ``pages`` (the URL of the entity pages' folder, relative to the
    page), each node carries the link to its own page."""
    titles = titles or {}
    drawn = view_nodes(g, max_nodes)
    pos = view_positions(g, max_nodes, max_edges)
    directed = set(str(g.graph.get("directed_types", "holds_role_at")).split("|"))

    def label(n: str) -> str:
        return g.nodes[n].get("label", n)

    edges = []
    for u, v, k in view_edges(g, max_nodes, max_edges):
        d = g.edges[u, v, k]
        rel = d.get("type", k)
        edges.append(
            {
                "from": u,
                "to": v,
                "rel": rel,
                "value": d.get("weight", 1),
                "title": _edge_tooltip(d, label(u), label(v), titles),
                "arrows": "to" if rel in directed else "",
            }
        )
    if pages is not None:
        from graph.export.pages import page_path

    nodes = []
    for n in drawn:
        d = g.nodes[n]
        x, y = pos.get(n, (0.0, 0.0))
        rels = _typed(g, n, directed, label, TOOLTIP_RELATIONS)
        rec = {
            "id": n,
            "label": d.get("label", n),
            "group": d.get("type", ""),
            "value": d.get("mentions", 1),
            "x": x,
            "y": y,
            "title": _node_tooltip(g, n, titles, rels),
            "aliases": _as_list(d.get("aliases")),
        }
        if pages is not None:
            rec["page"] = f"{pages}/{page_path(n)}"
        nodes.append(rec)
    return nodes, edges


def write_html(
    g: nx.MultiDiGraph,
    path: Path,
    title: str = "新闻知识图谱",
    articles: Mapping[str, str] | None = None,
    *,
    max_nodes: int | None = None,
    max_edges: int | None = None,
    pages: str | None = None,
) -> list[str]:
    """Write the explorer for ``g`` to ``path``, atomically; returns the ids of the nodes drawn.
    ``articles`` maps article ids to their titles for the tooltips; without it the ids are shown.

    At most ``max_nodes`` entities and ``max_edges`` relations are drawn (default:
    :func:`view_limits`; see :func:`view_nodes` and :func:`view_edges`).
    ``pages`` is the folder of the entity pages (:func:`graph.export.pages.write_entity_pages`)
    relative to ``path``'s folder, e.g. ``"entities"``: nodes then open their page, and the header
    links the index of all entities. Without it the page links nothing."""
    nodes, edges = records(g, articles, max_nodes=max_nodes, max_edges=max_edges, pages=pages)
    st = style()
    types = [{"type": t, "name": v["name"], "colour": v["colour"]} for t, v in st["types"].items()]
    rels = {t: {"name": v["name"], "colour": v["colour"]} for t, v in st["relations"].items()}
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    page = env.get_template("graph.html").render(
        title=title,
        vis_js=(VIS / "vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(VIS / "vis-network.css").read_text(encoding="utf-8"),
        data_json=_safe_json(
            {
                "nodes": nodes,
                "edges": edges,
                "types": types,
                "relations": rels,
                "other": st["other"],
                "sizes": {"min": st["sizes"]["html_min"], "max": st["sizes"]["html_max"]},
                "total": {"nodes": g.number_of_nodes(), "edges": edge_count(g)},
                "index": f"{pages}/index.html" if pages is not None else None,
            }
        ),
        n_nodes=len(nodes),
        n_edges=len(edges),
        n_total=g.number_of_nodes(),
        n_total_edges=edge_count(g),
        index=f"{pages}/index.html" if pages is not None else None,
    )
    with atomic_open(path) as f:
        f.write(page)
    return [n["id"] for n in nodes]
