"""An interactive view of the graph in one HTML file that loads nothing from the network.

pyvis builds the node and edge records; the page itself is our template with vis-network (shipped
inside the pyvis wheel) inlined, since pyvis's own template links Bootstrap and, in ``local``
mode, vis-network from a CDN. Positions are computed beforehand with NetworkX and physics is off,
so the first view is stable at once and identical across builds.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from graph.export.atomic import atomic_open

COLOURS = {
    "district": "#4e79a7",
    "company": "#f28e2b",
    "person": "#59a14f",
    "project": "#e15759",
    "government": "#b07aa1",
    "park": "#76b7b2",
}
TYPE_NAMES = {
    "district": "地区",
    "company": "企业",
    "person": "人物",
    "project": "项目",
    "government": "政府机构",
    "park": "园区",
}
VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
TEMPLATES = Path(__file__).parent / "templates"


def _safe_json(obj) -> str:
    """JSON that cannot close the script element it sits in."""
    s = json.dumps(obj, ensure_ascii=False, sort_keys=True)
    return (
        s.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _tooltip(d: dict) -> str:
    lines = [f"{d['label']} ({TYPE_NAMES.get(d['type'], d['type'])})"]
    if len(d.get("aliases", [])) > 1:
        lines.append("别名: " + "、".join(d["aliases"]))
    if d.get("roles"):
        lines.append("职务: " + "、".join(d["roles"]))
    lines.append(f"提及 {d['mentions']} 次, {d['articles']} 篇文章")
    return "\n".join(lines)


def layout(g: nx.MultiDiGraph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Deterministic positions: spring layout on the simple graph, scaled for the canvas."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g.nodes))
    for u, v, d in g.edges(data=True):
        w = simple.get_edge_data(u, v, {"weight": 0})["weight"] + d.get("weight", 1)
        simple.add_edge(u, v, weight=w)
    if not simple:
        return {}
    k = 1.5 / max(1, len(simple)) ** 0.5
    pos = nx.spring_layout(simple, seed=seed, k=k, iterations=100)
    scale = 120 * max(1, len(simple)) ** 0.5
    return {n: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for n, (x, y) in pos.items()}


def write_html(g: nx.MultiDiGraph, path: Path, title: str = "新闻知识图谱") -> None:
    net = Network(directed=True, cdn_resources="in_line")
    pos = layout(g)
    for n in sorted(g.nodes):
        d = g.nodes[n]
        x, y = pos.get(n, (0.0, 0.0))
        net.add_node(
            n,
            label=d["label"],
            title=_tooltip(d),
            color=COLOURS.get(d["type"], "#999999"),
            value=d["mentions"],
            x=x,
            y=y,
            group=d["type"],
            aliases=d.get("aliases", []),
        )
    for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        tip = f"{k} ×{d['weight']}" + (f" ({d['role']})" if d.get("role") else "")
        if d.get("evidence"):
            tip += "\n" + "\n".join(s[:80] for s in d["evidence"][:3])
        net.add_edge(
            u,
            v,
            title=tip,
            value=d["weight"],
            arrows="to" if k == "holds_role_at" else "",
            dashes=k == "co_mentioned",
            label=None if k == "co_mentioned" else k,
        )
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    page = env.get_template("graph.html").render(
        title=title,
        vis_js=(VIS / "vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(VIS / "vis-network.css").read_text(encoding="utf-8"),
        nodes_json=_safe_json(net.nodes),
        edges_json=_safe_json(net.edges),
        types_json=_safe_json([{"type": t, "name": TYPE_NAMES[t], "colour": c} for t, c in COLOURS.items()]),
        n_nodes=g.number_of_nodes(),
        n_edges=g.number_of_edges(),
    )
    with atomic_open(path) as f:
        f.write(page)
