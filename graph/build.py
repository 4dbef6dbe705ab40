"""The build: input files → articles → mentions → entities → relations → graph → outputs.

Real archives are messy, and one bad file must never cost the good ones their output: every input
is read on its own (:mod:`graph.inputs`), and a file that cannot be read, or whose extraction
fails, is *skipped* — named on stderr with the reason and listed in ``report.json`` — while the rest
builds. Only when nothing at all could be built does the build fail (:class:`InputError`), and then
it leaves ``out/`` as it was. Outputs are written together (:func:`graph.export.atomic.atomic_batch`),
so a build killed at any moment leaves the previous ``out/`` complete.

Nothing in the outputs depends on the order the inputs were listed in, on ``--jobs``, or on the
time: the same inputs give byte-identical files.
"""

from __future__ import annotations

import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph.articles import Article, doc_name, split_page
from graph.export.atomic import atomic_batch, atomic_open, remove_stale
from graph.export.graphml import write_graphml
from graph.export.html import write_html
from graph.export.tables import write_jsonl
from graph.inputs import DEFAULT_MAX_MB, Skip, find_inputs, read_input
from graph.link import Entity, Overrides, link
from graph.mentions import Mention
from graph.network import build_graph
from graph.relations import Relation, extract_relations

PARALLEL_MIN_PAGES = 8
MAX_ARTICLE_CHARS = 200_000
"""A news article is a few thousand characters; spaCy refuses a text over a million, and the extractor
needs about a minute for 2 million. An item longer than this is a dump without line breaks or
sentence ends (a table, a log, a concatenated archive), so it is left out, with a note, rather than
stall or break the build; the page's other items still build."""
OUTPUTS = (
    "articles.jsonl",
    "entities.jsonl",
    "relations.jsonl",
    "graph.graphml",
    "graph.html",
    "report.json",
)


@dataclass
class Page:
    """One readable input: ``text`` is what the splitter reads (see :class:`graph.inputs.Decoded`)."""

    path: Path
    doc: str
    text: str


@dataclass
class FileReport:
    """What became of one input file, for ``report.json``: nothing time-like, so that two builds of
    the same inputs give the same report."""

    path: str
    doc: str
    status: str = "skipped"  # built or skipped
    reason: str = ""
    bytes: int | None = None
    encoding: str | None = None
    format: str | None = None  # text or html
    articles: int = 0
    mentions: int = 0
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "doc": self.doc,
            "status": self.status,
            "reason": self.reason or None,
            "bytes": self.bytes,
            "encoding": self.encoding,
            "format": self.format,
            "articles": self.articles,
            "mentions": self.mentions,
            "notes": self.notes,
        }


@dataclass
class BuildResult:
    articles: list[Article]
    entities: list[Entity]
    relations: list[Relation]
    graph: nx.MultiDiGraph
    files: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    report: list[FileReport] = field(default_factory=list)


class InputError(Exception):
    """Nothing could be built from the inputs; ``str()`` is a one-line reason."""


@dataclass
class _Extracted:
    """A worker's answer for one page: its articles and mentions, or why it has none."""

    articles: list[Article] = field(default_factory=list)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    error: str = ""


def collect_inputs(inputs: list[Path]) -> list[Path]:
    """Files named, and ``*.txt``/``*.htm``/``*.html`` below folders named; sorted, so the build does
    not depend on the order the inputs were listed in. Raises :class:`InputError` for a missing one
    (:func:`build` skips those instead)."""
    files, missing = find_inputs(inputs)
    if missing:
        raise InputError(f"{missing[0]}: no such file or folder")
    return files


def read_page(path: Path, max_mb: float | None = DEFAULT_MAX_MB) -> Page:
    """Decode a page; raises ``ValueError`` (:class:`graph.inputs.Skip`) or ``OSError`` with a
    reason a person can act on."""
    return Page(path, doc_name(path), read_input(path, _max_bytes(max_mb)).text)


def _shown(p: Path | str) -> str:
    """A file name as text: names that are not valid UTF-8 come from the file system with lone
    surrogates in them (PEP 383), which no UTF-8 output can hold; they get U+FFFD there instead."""
    return os.fsencode(p).decode("utf-8", "replace")


def _max_bytes(max_mb: float | None) -> int | None:
    return int(max_mb * 1e6) if max_mb else None


def _extract_page(page: Page) -> _Extracted:
    """Split and extract one page. Runs in a worker process: whatever goes wrong is caught and
    returned, so one page's failure is that page's, not the build's."""
    try:
        from graph.extract.pipeline import extract

        arts = split_page(page.text, page.doc, str(page.path))
        notes = [
            f"item {a.index} (lines {a.lines[0]}–{a.lines[1]}, {len(a.text):,} characters) left out: "
            f"over {MAX_ARTICLE_CHARS:,} characters, not a news article"
            for a in arts
            if len(a.text) > MAX_ARTICLE_CHARS
        ]
        arts = [a for a in arts if len(a.text) <= MAX_ARTICLE_CHARS]
        return _Extracted(arts, extract(arts), notes)
    except Exception as exc:  # a bug or a limit hit on this page: report it, build the rest
        msg = " ".join(str(exc).split())[:200]
        return _Extracted(error=f"extraction failed: {type(exc).__name__}: {msg}")


def build(
    inputs: list[Path],
    out: Path,
    jobs: int | None = None,
    progress: bool = True,
    max_mb: float | None = DEFAULT_MAX_MB,
    overrides: Path | None = None,
) -> BuildResult:
    """Build the graph of ``inputs`` into ``out``. Files that cannot be used are skipped and
    reported; raises :class:`InputError`, without touching ``out``, when none can.

    ``max_mb`` refuses files larger than that many megabytes before reading them (``None`` or 0:
    no limit). ``overrides`` is an analyst's corrections file for the linker (see
    :class:`graph.link.Overrides`); a file that cannot be read stops the build before anything is
    extracted."""
    t0 = time.perf_counter()
    try:
        corrections = Overrides.load(overrides) if overrides else None
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    files, missing = find_inputs(inputs, exclude=[out])
    reports = [FileReport(_shown(p), _shown(doc_name(p)), reason="no such file or folder") for p in missing]
    pages: list[tuple[Page, FileReport]] = []
    taken: dict[str, Path] = {}
    for path in files:
        rep = FileReport(_shown(path), _shown(doc_name(path)))
        reports.append(rep)
        try:
            rep.bytes = path.stat().st_size
            if rep.doc in taken:
                other = _shown(taken[rep.doc])
                raise Skip(f"another input, {other}, has the same name {rep.doc!r}: rename one")
            dec = read_input(path, _max_bytes(max_mb))
        except Skip as exc:
            rep.reason = str(exc)
        except OSError as exc:
            rep.reason = f"cannot read: {exc.strerror or exc}"
        else:
            rep.encoding, rep.format, rep.notes = dec.encoding, dec.format, list(dec.notes)
            taken[rep.doc] = path
            pages.append((Page(path, rep.doc, dec.text), rep))
    for rep in reports:
        if rep.reason:
            print(f"skipped {rep.path}: {rep.reason}", file=sys.stderr)
    if not pages:
        raise InputError(_nothing_built(inputs, reports))

    results = _extract_all([p for p, _ in pages], jobs, progress)
    articles: list[Article] = []
    mentions: list[Mention] = []
    for (_, rep), res in zip(pages, results, strict=True):
        rep.notes += res.notes
        if res.error or not res.articles:
            rep.reason = res.error or (
                "no article left: every item was too long (see notes)" if res.notes else "no articles found"
            )
            print(f"skipped {rep.path}: {rep.reason}", file=sys.stderr)
            continue
        rep.status = "built"
        rep.articles = len(res.articles)
        rep.mentions = sum(len(ms) for ms in res.mentions.values())
        articles += res.articles
        mentions += [m for ms in res.mentions.values() for m in ms]
    reports.sort(key=lambda r: (r.doc, r.path))
    if not articles:
        raise InputError(_nothing_built(inputs, reports))

    entities = link(mentions, {a.id: a.text for a in articles}, corrections)
    relations = extract_relations(articles, entities)
    g = build_graph(entities, relations)

    files_written = write_outputs(out, articles, entities, relations, g, reports)
    skipped = [(r.path, r.reason) for r in reports if r.status != "built"]
    return BuildResult(
        articles, entities, relations, g, files_written, skipped, time.perf_counter() - t0, reports
    )


def _extract_all(pages: list[Page], jobs: int | None, progress: bool) -> list[_Extracted]:
    """Extract every page, in worker processes when there are enough pages to pay for them.

    Results come back in page order whatever the number of workers (``map`` keeps order), which
    the outputs' determinism rests on. Should a worker die outright (killed for memory, say), the
    pages it had not answered are extracted here instead."""
    jobs = jobs or os.cpu_count() or 1
    results: list[_Extracted | None] = [None] * len(pages)
    bar = _bar(len(pages), progress)
    if jobs > 1 and len(pages) >= PARALLEL_MIN_PAGES:
        try:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                chunk = max(1, len(pages) // (jobs * 8))
                for i, r in enumerate(pool.map(_extract_page, pages, chunksize=chunk)):
                    results[i] = r
                    bar.update(1)
        except BrokenProcessPool:
            print("warning: a worker process died; extracting its pages in the main process", file=sys.stderr)
    for i, p in enumerate(pages):
        if results[i] is None:
            results[i] = _extract_page(p)
            bar.update(1)
    bar.close()
    return [r for r in results if r is not None]


def _nothing_built(inputs: list[Path], reports: list[FileReport]) -> str:
    """One line saying why there is no graph."""
    if not reports:
        where = ", ".join(str(p) for p in inputs) or "(no input)"
        return f"nothing to build: no .txt, .htm or .html files in {where}"
    shown = "; ".join(f"{r.path}: {r.reason}" for r in reports[:3])
    more = f"; and {len(reports) - 3} more" if len(reports) > 3 else ""
    n = len(reports)
    what = "the input file was" if n == 1 else f"all {n} input files were"
    return f"nothing to build: {what} skipped ({shown}{more})"


def write_outputs(
    out: Path,
    articles: list[Article],
    entities: list[Entity],
    relations: list[Relation],
    g: nx.MultiDiGraph,
    reports: list[FileReport] | None = None,
) -> dict[str, int]:
    """Write every output into ``out``, all or nothing (see :mod:`graph.export.atomic`); returns
    their sizes. ``report.json`` is written when ``reports`` is given."""
    out.mkdir(parents=True, exist_ok=True)
    remove_stale(out, OUTPUTS)
    names = list(OUTPUTS[:-1])
    with atomic_batch():
        write_jsonl(out / "articles.jsonl", (a.to_json() for a in articles))
        write_jsonl(out / "entities.jsonl", (e.to_json() for e in entities))
        write_jsonl(out / "relations.jsonl", (r.to_json() for r in relations))
        write_graphml(g, out / "graph.graphml")
        write_html(g, out / "graph.html")
        if reports is not None:
            write_report(out / "report.json", reports, articles, entities, relations)
            names.append("report.json")
    return {n: (out / n).stat().st_size for n in names}


def report_json(
    reports: list[FileReport], articles: list[Article], entities: list[Entity], relations: list[Relation]
) -> dict:
    """The report: a summary and every input file with its status, in a fixed order."""
    built = sum(r.status == "built" for r in reports)
    return {
        "summary": {
            "files": len(reports),
            "built": built,
            "skipped": len(reports) - built,
            "articles": len(articles),
            "entities": len(entities),
            "relations": len(relations),
        },
        "files": [r.to_json() for r in reports],
    }


def write_report(
    path: Path,
    reports: list[FileReport],
    articles: list[Article],
    entities: list[Entity],
    relations: list[Relation],
) -> None:
    with atomic_open(path) as f:
        json.dump(report_json(reports, articles, entities, relations), f, ensure_ascii=False, indent=1)
        f.write("\n")


def _bar(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="page", desc="extract", disable=not enabled, file=sys.stderr, leave=False)
