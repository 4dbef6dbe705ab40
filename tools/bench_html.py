"""How fast the HTML explorer is on a large graph: build a synthetic news-like graph, write it, open it
in headless Chromium with the network blocked, and time the first stable view.

    python tools/bench_html.py                 # 5,000 nodes
    python tools/bench_html.py --nodes 2000 --html /tmp/g.html --screenshot /tmp/g.png
    python tools/bench_html.py --page out/graph.html --screenshot docs/graph.png   # a built page

The graph imitates a news corpus: articles name a dozen entities each, popular ones (Zipf) in many
articles; entities named in one article are co-mentioned, some pairs get typed relations with
evidence. Names are random Chinese characters. The timings printed are the layout, the write, and
in the browser the time from navigation to the first drawing of the network (physics is off, so the
first drawing is the stable view).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.export.html import view_positions, write_html  # noqa: E402
from graph.network import layout  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TYPES = ("district", "company", "person", "project", "government", "park")
SUFFIX = {
    "district": "区",
    "company": "科技",
    "person": "",
    "project": "项目",
    "government": "局",
    "park": "产业园",
}
RELATIONS = {
    ("company", "district"): "located_in",
    ("project", "district"): "located_in",
    ("person", "company"): "holds_role_at",
    ("person", "government"): "holds_role_at",
    ("company", "project"): "operates",
    ("company", "company"): "partner_of",
}
CHARS = (
    "涪陵渝北江津合川永川南川綦江大足璧山铜梁潼南荣昌开州梁平武隆城口丰都垫江忠县云阳"
    "奉节巫山巫溪石柱秀山酉阳彭水华峰万凯卡涑群威青山瑞浦兰钧"
)


def synthetic_graph(n: int = 5000, seed: int = 1, hostile: str | None = None) -> nx.MultiDiGraph:
    """A news-like graph of ``n`` entities (see the module docstring); ``hostile``, if given, is the
    name of one more company, for tests of how names are shown."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph(directed_types="holds_role_at|invests_in|located_in|operates|subsidiary_of")
    ids = []
    for i in range(n):
        t = rng.choices(TYPES, weights=(3, 4, 5, 2, 2, 1))[0]
        name = "".join(rng.choice(CHARS) for _ in range(rng.randint(2, 4))) + SUFFIX[t] + str(i)
        g.add_node(
            f"{t}:{name}",
            label=name,
            type=t,
            aliases=[name, name[:2] + name[-1]],
            roles=["董事长"] if t == "person" else [],
            mentions=0,
            articles=0,
            article_ids=[],
        )
        ids.append(f"{t}:{name}")
    if hostile:
        g.add_node(
            "company:" + hostile,
            label=hostile,
            type="company",
            aliases=[hostile],
            roles=[],
            mentions=3,
            articles=1,
            article_ids=["a#0"],
        )
        ids.append("company:" + hostile)
    weights = [1 / (k + 1) ** 0.8 for k in range(len(ids))]
    order = ids[:]
    rng.shuffle(order)
    for a in range(max(1, len(ids) // 6)):
        art = f"doc{a // 8}#{a % 8}"
        members = set(rng.choices(order, weights=weights, k=rng.randint(6, 16)))
        members |= {rng.choice(order) for _ in range(3)}  # and a few rarely named ones
        for m in members:
            g.nodes[m]["mentions"] += rng.randint(1, 3)
            g.nodes[m]["article_ids"].append(art)
            g.nodes[m]["articles"] += 1
        ms = sorted(members)
        for _ in range(len(ms)):
            u, v = rng.sample(ms, 2)
            tu, tv = g.nodes[u]["type"], g.nodes[v]["type"]
            rel = RELATIONS.get((tu, tv), "co_mentioned")
            if rel == "co_mentioned" and u > v:
                u, v = v, u
            sentence = f"{g.nodes[u]['label']}与{g.nodes[v]['label']}在同一句话里。"
            if g.has_edge(u, v, rel):
                d = g.edges[u, v, rel]
                d["weight"] += 1
                d["evidence"].append(sentence)
            else:
                g.add_edge(
                    u, v, key=rel, type=rel, weight=1, role="", evidence=[sentence], articles=[art], rules=[]
                )
    for m in ids:
        g.nodes[m]["mentions"] = max(1, g.nodes[m]["mentions"])
    return g


def open_in_browser(path: Path, screenshot: Path | None = None, timeout_ms: int = 120_000) -> dict:
    """Open ``path`` in headless Chromium with every request but ``file:``/``data:`` aborted; returns
    ``seconds`` (navigation to first drawing), ``first_draw_ms`` (the page's own clock), ``nodes``
    drawn and any ``blocked`` requests."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", route)
            t0 = time.perf_counter()
            page.goto(path.resolve().as_uri())
            page.wait_for_function("window.graphReady === true", timeout=timeout_ms)
            seconds = time.perf_counter() - t0
            info = page.evaluate("({ms: window.firstDrawMs, nodes: Object.keys(network.body.nodes).length})")
            if screenshot:
                page.screenshot(path=str(screenshot))
        finally:
            browser.close()
    return {"seconds": seconds, "first_draw_ms": info["ms"], "nodes": info["nodes"], "blocked": blocked}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--html", type=Path, default=None, help="where to write the page (default: a temporary file)"
    )
    ap.add_argument("--screenshot", type=Path, default=None)
    ap.add_argument("--page", type=Path, default=None, help="time (and screenshot) this page instead")
    ap.add_argument(
        "--bounded",
        action="store_true",
        help="draw at most style.toml's [view] bounds, as a build does (default: every node and edge)",
    )
    a = ap.parse_args(argv)
    if a.page:
        r = open_in_browser(a.page, a.screenshot)
        print(f"browser: first stable view after {r['seconds']:.2f} s, {r['nodes']:,} nodes drawn")
        return 0
    g = synthetic_graph(a.nodes, a.seed)
    print(f"graph: {g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges")
    t = time.perf_counter()
    view_positions(g) if a.bounded else layout(g)  # cached: write_html reuses it
    print(f"layout: {time.perf_counter() - t:.1f} s")
    path = a.html or Path(tempfile.mkdtemp()) / "graph.html"
    t = time.perf_counter()
    if a.bounded:
        write_html(g, path)
    else:
        write_html(g, path, max_nodes=g.number_of_nodes(), max_edges=g.number_of_edges())
    print(f"write: {time.perf_counter() - t:.1f} s, {path.stat().st_size / 1e6:.1f} MB ({path})")
    if not CHROMIUM.exists():
        print("no /usr/bin/chromium: browser timing skipped")
        return 0
    r = open_in_browser(path, a.screenshot)
    print(
        f"browser: first stable view after {r['seconds']:.2f} s "
        f"(page clock {r['first_draw_ms'] / 1000:.2f} s), "
        f"{r['nodes']:,} nodes drawn, {len(r['blocked'])} requests blocked"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
