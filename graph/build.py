"""The build: input files → articles → mentions → entities → relations → graph → outputs."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph.articles import Article, doc_name, split_page
from graph.export.graphml import write_graphml
from graph.export.html import write_html
from graph.export.tables import write_jsonl
from graph.link import Entity, link
from graph.mentions import Mention
from graph.network import build_graph
from graph.relations import Relation, extract_relations

PARALLEL_MIN_PAGES = 8


@dataclass
class Page:
    path: Path
    doc: str
    text: str


@dataclass
class BuildResult:
    articles: list[Article]
    entities: list[Entity]
    relations: list[Relation]
    graph: nx.MultiDiGraph
    files: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


class InputError(Exception):
    """Nothing could be built from the inputs."""


def collect_inputs(inputs: list[Path]) -> list[Path]:
    """Files named, and ``*.txt`` below folders named; sorted, so the build does not depend on the
    order the inputs were listed in."""
    files: set[Path] = set()
    for p in inputs:
        if p.is_dir():
            files.update(q for q in p.rglob("*.txt") if q.is_file())
        elif p.is_file():
            files.add(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return sorted(files, key=lambda q: (doc_name(q), str(q)))


def read_page(path: Path) -> Page:
    """Decode a page; raises ``ValueError`` with a reason a person can act on."""
    data = path.read_bytes()
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("binary file, not text")
    for enc in ("utf-8-sig", "utf-16", "gb18030"):
        if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError("not decodable as UTF-8, UTF-16 or GB18030")
    return Page(path, doc_name(path), text.replace("\r\n", "\n").replace("\r", "\n"))


def _extract_page(page: Page) -> tuple[list[Article], dict[str, list[Mention]]]:
    from graph.extract.pipeline import extract

    arts = split_page(page.text, page.doc, str(page.path))
    return arts, extract(arts)


def build(inputs: list[Path], out: Path, jobs: int | None = None, progress: bool = True) -> BuildResult:
    t0 = time.perf_counter()
    skipped: list[tuple[str, str]] = []
    pages: list[Page] = []
    for path in collect_inputs(inputs):
        try:
            pages.append(read_page(path))
        except (OSError, ValueError) as exc:
            skipped.append((str(path), str(exc)))
            print(f"skipped {path}: {exc}", file=sys.stderr)
    docs = Counter(p.doc for p in pages)
    dup = [d for d, n in docs.items() if n > 1]
    if dup:
        raise InputError(f"two input files share the name {dup[0]!r}: a doc id must be unique")
    if not pages:
        raise InputError(
            "no readable input: " + ("; ".join(f"{p}: {r}" for p, r in skipped) or "no *.txt files")
        )

    jobs = jobs or os.cpu_count() or 1
    results: list[tuple[list[Article], dict[str, list[Mention]]]]
    bar = _bar(len(pages), progress)
    if jobs > 1 and len(pages) >= PARALLEL_MIN_PAGES:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = []
            for r in pool.map(_extract_page, pages, chunksize=max(1, len(pages) // (jobs * 8))):
                results.append(r)
                bar.update(1)
    else:
        results = []
        for p in pages:
            results.append(_extract_page(p))
            bar.update(1)
    bar.close()

    articles = [a for arts, _ in results for a in arts]
    mentions = [m for _, by in results for ms in by.values() for m in ms]
    entities = link(mentions, {a.id: a.text for a in articles})
    relations = extract_relations(articles, entities)
    g = build_graph(entities, relations)

    files = write_outputs(out, articles, entities, relations, g)
    return BuildResult(articles, entities, relations, g, files, skipped, time.perf_counter() - t0)


def write_outputs(
    out: Path, articles: list[Article], entities: list[Entity], relations: list[Relation], g: nx.MultiDiGraph
) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    write_jsonl(out / "articles.jsonl", (a.to_json() for a in articles))
    write_jsonl(out / "entities.jsonl", (e.to_json() for e in entities))
    write_jsonl(out / "relations.jsonl", (r.to_json() for r in relations))
    write_graphml(g, out / "graph.graphml")
    write_html(g, out / "graph.html")
    names = ("articles.jsonl", "entities.jsonl", "relations.jsonl", "graph.graphml", "graph.html")
    return {n: (out / n).stat().st_size for n in names}


def _bar(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="page", desc="extract", disable=not enabled, file=sys.stderr, leave=False)
