"""How the HTML outputs scale: the bounded graph view and one page per entity, on a synthetic graph
the size of a 100,000-page archive (about 400,000 entities and 600,000 relations).

    python tools/bench_pages.py                    # 400,000 entities
    python tools/bench_pages.py --entities 100000 --keep /tmp/pages-out

The graph imitates what :func:`graph.network.build_graph` makes of a news corpus: two articles per
entity, each naming 3–10 entities drawn by popularity (Zipf), every entity named at least once; one
pair of each article's entities is related (a typed relation where the two types allow one, else
``co_mentioned``), with the sentence as evidence. It prints the seconds of each step (choosing and
laying out the drawn nodes, writing graph.html, writing the entity pages and the index, replacing
them by a second build), the size on disk, and the peak memory of the process before and while
writing (Linux: the high-water mark is reset after the graph is made).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.bench import _peak_rss  # noqa: E402
from graph.export.atomic import atomic_batch  # noqa: E402
from graph.export.html import view_edges, view_nodes, view_positions, write_html  # noqa: E402
from graph.export.pages import write_entity_pages  # noqa: E402
from graph.network import add_relations  # noqa: E402
from graph.relations import Relation  # noqa: E402

TYPES = ("district", "company", "person", "project", "government", "park")
TYPE_WEIGHTS = (0.05, 0.4, 0.3, 0.15, 0.07, 0.03)
SUFFIX = {
    "district": "区",
    "company": "科技有限公司",
    "person": "",
    "project": "项目",
    "government": "局",
    "park": "产业园",
}
RELATIONS = {
    ("company", "district"): "located_in",
    ("project", "district"): "located_in",
    ("company", "park"): "located_in",
    ("person", "company"): "holds_role_at",
    ("person", "government"): "holds_role_at",
    ("company", "project"): "operates",
    ("company", "company"): "partner_of",
}
DIRECTED = "holds_role_at|invests_in|located_in|operates|subsidiary_of"
CHARS = (
    "涪陵渝北江津合川永川南川綦江大足璧山铜梁潼南荣昌开州梁平武隆城口丰都垫江忠县云阳"
    "奉节巫山巫溪石柱秀山酉阳彭水华峰万凯卡涑群威青山瑞浦兰钧"
)


def synthetic(n: int, seed: int = 1) -> tuple[nx.MultiDiGraph, list[Relation], dict[str, str]]:
    """``(graph, relations, article titles)`` for ``n`` entities (see the module docstring)."""
    rng = np.random.default_rng(seed)
    types = rng.choice(len(TYPES), size=n, p=TYPE_WEIGHTS)
    lengths = rng.integers(2, 5, size=n)
    chars = rng.integers(0, len(CHARS), size=(n, 4))
    names = []
    for i in range(n):
        t = TYPES[types[i]]
        names.append("".join(CHARS[c] for c in chars[i, : lengths[i]]) + SUFFIX[t] + str(i))
    ids = [f"{TYPES[types[i]]}:{names[i]}" for i in range(n)]

    n_articles = 2 * n
    k = rng.integers(3, 11, size=n_articles)
    starts = np.concatenate(([0], np.cumsum(k)[:-1]))
    popularity = 1.0 / (rng.permutation(n) + 1.0) ** 0.9
    members = rng.choice(n, size=int(k.sum()), p=popularity / popularity.sum())
    members[:n] = rng.permutation(n)  # everyone is named at least once
    art_of = np.repeat(np.arange(n_articles), k)
    art_ids = [f"doc{a // 8:06d}#{a % 8}" for a in range(n_articles)]
    titles = {
        a: f"第{i}篇：{CHARS[i % len(CHARS)]}{CHARS[(i * 7) % len(CHARS)]}项目签约投产"
        for i, a in enumerate(art_ids)
    }

    g = nx.MultiDiGraph(directed_types=DIRECTED)
    mentions = np.bincount(members, minlength=n)
    order = np.argsort(members, kind="stable")
    bounds = np.concatenate(([0], np.cumsum(mentions)))
    for i in range(n):
        arts = sorted({art_ids[a] for a in art_of[order[bounds[i] : bounds[i + 1]]]})
        t = TYPES[types[i]]
        g.add_node(
            ids[i],
            label=names[i],
            type=t,
            aliases=sorted({names[i], names[i][:2] + names[i][-1]}),
            roles=["董事长"] if t == "person" else [],
            mentions=int(mentions[i]),
            articles=len(arts),
            article_ids=arts,
        )

    rels: dict[tuple[str, str, str], Relation] = {}
    first = rng.integers(0, k)
    second = (first + rng.integers(1, k)) % k
    for a in range(n_articles):
        u, v = int(members[starts[a] + first[a]]), int(members[starts[a] + second[a]])
        if u == v:
            continue
        rel = RELATIONS.get((TYPES[types[u]], TYPES[types[v]]), "co_mentioned")
        if rel == "co_mentioned" and ids[u] > ids[v]:
            u, v = v, u
        key = (ids[u], ids[v], rel)
        r = rels.get(key)
        if r is None:
            r = rels[key] = Relation(ids[u], ids[v], rel)
        r.support(
            art_ids[a],
            f"{names[u]}与{names[v]}在{names[u][:2]}举行签约仪式，双方将深化合作。",
            a,
            "synthetic",
        )
    relations = list(rels.values())
    add_relations(g, relations)
    return g, relations, titles


def _peak_mb() -> float:
    """The process's peak resident memory since the last :func:`_reset_peak`, in MB (Linux)."""
    return _peak_rss(resource.RUSAGE_SELF) / 2**20


def _rss_mb() -> float:
    """The process's resident memory now, in MB (Linux; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _disk(folder: Path) -> tuple[int, int, int]:
    """``(files, bytes, bytes allocated on disk)`` below ``folder``."""
    files = size = blocks = 0
    for root, _, names in os.walk(folder):
        for name in names:
            st = os.stat(os.path.join(root, name))
            files += 1
            size += st.st_size
            blocks += st.st_blocks * 512
    return files, size, blocks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entities", type=int, default=400_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--keep", type=Path, default=None, help="write here and keep it (default: a temporary folder)"
    )
    a = ap.parse_args(argv)
    t = time.perf_counter()
    g, relations, titles = synthetic(a.entities, a.seed)
    print(
        f"graph: {g.number_of_nodes():,} entities, {g.number_of_edges():,} relations, "
        f"{len(titles):,} articles ({time.perf_counter() - t:.1f} s; peak {_peak_mb():,.0f} MB)"
    )
    out = a.keep or Path(tempfile.mkdtemp(prefix="bench-pages-"))
    out.mkdir(parents=True, exist_ok=True)
    try:
        before = _rss_mb()
        reset = _reset_peak()
        t = time.perf_counter()
        drawn = view_nodes(g)
        t_select = time.perf_counter() - t
        view_positions(g)
        t_layout = time.perf_counter() - t - t_select
        print(
            f"view: {len(drawn):,} nodes chosen in {t_select:.1f} s, laid out in {t_layout:.1f} s; "
            f"{g.subgraph(drawn).number_of_edges():,} relations among them, {len(view_edges(g)):,} drawn"
        )
        t = time.perf_counter()
        write_html(g, out / "graph.html", articles=titles, pages="entities")
        t_html = time.perf_counter() - t
        print(f"graph.html: {t_html:.1f} s, {(out / 'graph.html').stat().st_size / 1e6:.1f} MB")
        for run in ("first build", "rebuild (replaces the folder)"):
            t = time.perf_counter()
            with atomic_batch():
                w = write_entity_pages(g, out / "entities", titles, relations, graph_page="graph.html")
            secs = time.perf_counter() - t
            print(
                f"entity pages, {run}: {secs:.1f} s for {w.pages:,} pages and {w.indexes:,} index pages "
                f"({w.pages / secs:,.0f} pages/s), {w.bytes / 1e6:,.0f} MB"
            )
        files, size, blocks = _disk(out / "entities")
        print(
            f"entities/ on disk: {files:,} files, {size / 1e6:,.0f} MB of data, "
            f"{blocks / 1e6:,.0f} MB allocated"
        )
        print(
            f"memory: {before:,.0f} MB before writing (the graph), peak {_peak_mb():,.0f} MB while writing"
            + ("" if reset else " (could not reset the high-water mark: this is the process's peak)")
        )
    finally:
        if a.keep is None:
            shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
