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
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape

from graph.export.atomic import atomic_open
from graph.network import layout

VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
TEMPLATES = Path(__file__).parent / "templates"
SNIPPET = 70  # characters of an evidence sentence shown in a tooltip
TOOLTIP_RELATIONS = 4  # typed relations listed in a node's tooltip
TOOLTIP_ARTICLES = 5
EDGE_EVIDENCE = 3


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
        for weight, rel, arrow, other, ev in typed[:TOOLTIP_RELATIONS]:
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


def records(g: nx.MultiDiGraph, titles: Mapping[str, str] | None = None) -> tuple[list[dict], list[dict]]:
    """The node and edge records the page draws, in a fixed order."""
    titles = titles or {}
    pos = layout(g)
    directed = set(str(g.graph.get("directed_types", "holds_role_at")).split("|"))
    label = {n: g.nodes[n].get("label", n) for n in g.nodes}
    typed: dict[str, list] = defaultdict(list)
    edges = []
    for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        rel = d.get("type", k)
        ev = _as_list(d.get("evidence"))
        if rel != "co_mentioned":
            arrow = "→" if rel in directed else "—"
            first = ev[0] if ev else ""
            typed[u].append((d.get("weight", 1), rel, arrow, label[v], first))
            typed[v].append((d.get("weight", 1), rel, "←" if rel in directed else "—", label[u], first))
        edges.append(
            {
                "from": u,
                "to": v,
                "rel": rel,
                "value": d.get("weight", 1),
                "title": _edge_tooltip(d, label[u], label[v], titles),
                "arrows": "to" if rel in directed else "",
            }
        )
    nodes = []
    for n in sorted(g.nodes):
        d = g.nodes[n]
        x, y = pos.get(n, (0.0, 0.0))
        rels = sorted(typed.get(n, []), key=lambda t: (-t[0], t[1], t[3]))
        nodes.append(
            {
                "id": n,
                "label": d.get("label", n),
                "group": d.get("type", ""),
                "value": d.get("mentions", 1),
                "x": x,
                "y": y,
                "title": _node_tooltip(g, n, titles, rels),
                "aliases": _as_list(d.get("aliases")),
            }
        )
    return nodes, edges


def write_html(
    g: nx.MultiDiGraph, path: Path, title: str = "新闻知识图谱", articles: Mapping[str, str] | None = None
) -> None:
    """Write the explorer for ``g`` to ``path``, atomically. ``articles`` maps article ids to their
    titles for the tooltips; without it the ids are shown."""
    nodes, edges = records(g, articles)
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
            }
        ),
        n_nodes=g.number_of_nodes(),
        n_edges=g.number_of_edges(),
    )
    with atomic_open(path) as f:
        f.write(page)
