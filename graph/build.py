"""The build: input files → articles → mentions → entities → relations → graph → outputs.

Real archives are messy, and one bad file must never cost the good ones their output: every input
is read on its own (:mod:`graph.inputs`), and a file that cannot be read, or whose extraction
fails, is *skipped* — named on stderr with the reason and listed in ``report.json`` — while the rest
builds. Only when nothing at all could be built does the build fail (:class:`InputError`), and then
it leaves ``out/`` as it was. Outputs are written together (:func:`graph.export.atomic.atomic_batch`),
so a build killed at any moment leaves the previous ``out/`` complete.

Nothing in the outputs depends on the order the inputs were listed in, on ``--jobs``, on the
cache, on where extraction ran, or on the time: the same inputs give byte-identical files.

The build runs in stages, each a function of its own so that the benchmark (:mod:`graph.bench`)
can time them: :func:`read_pages` (read and normalise), :func:`extract_pages` (split and extract,
in worker processes, on a Dask cluster, or from the cache — :mod:`graph.cache`), :func:`collect`,
then linking, relations, the graph and :func:`write_outputs`. Their wall times are in
:attr:`BuildResult.timings`.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import multiprocessing
import os
import pickle
import sys
import time
from array import array
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.util import Finalize
from pathlib import Path

import networkx as nx

from graph.articles import Article, doc_name, split_page
from graph.blas import prime_blas
from graph.cache import CACHE_NAME, ExtractionCache, decode_result, encode_result, file_key, page_key
from graph.export.atomic import (
    adopt,
    atomic_batch,
    atomic_dir,
    atomic_open,
    discard,
    handed_over,
    remove_stale,
)
from graph.export.gexf import write_gexf
from graph.export.graphml import write_graphml
from graph.export.html import view_positions, write_html
from graph.export.pages import PAGES_DIR, EntityPages, PagesWritten
from graph.export.tables import write_jsonl
from graph.inputs import DEFAULT_MAX_MB, Skip, find_inputs, read_input
from graph.link import Entity, Overrides, link, window_words
from graph.mentions import Mention
from graph.network import build_graph
from graph.parallel import (
    affordable,
    can_fork,
    die_with_parent,
    fork_map,
    forked_pool,
    long_lived,
    stop_started,
)
from graph.relations import Relation, extract_relations, write_attributes

PARALLEL_MIN_PAGES = 8
WARM_UP_TEXT = (
    "江津 项目投产\n\n□ 江津日报记者 李明\n\n3月2日，重庆博恒轮毂制造有限公司董事长孙立在江津区委宣传部表\n"
    "示，江津高新区博恒项目将投产。\n"
)
"""A small page that wakes every lazy loader of the splitter and the extractor (spaCy and the model,
jieba and its POS tagger, the gazetteer, the company table), so that they are loaded once, before
worker processes are forked, and not inside the first page's timing."""
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
    "graph.gexf",
    "graph.html",
    "attributes.jsonl",
    "report.json",
)
OUTPUT_DIRS = (PAGES_DIR,)
"""Output folders, replaced as a whole: ``entities/``, one page per entity (see
:mod:`graph.export.pages`). In :attr:`BuildResult.files` as ``entities/``, with its total bytes."""


@dataclass
class Page:
    """One readable input: ``text`` is what the splitter reads (see :class:`graph.inputs.Decoded`).
    ``key``, when known already, is its extraction's key in the cache: the page of a file an update
    did not read again (:class:`Manifest`) comes with its key and no text."""

    path: Path
    doc: str
    text: str
    key: str | None = None


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
    """What a build made. ``timings`` are wall seconds by stage: ``read`` (read, decode and
    normalise), ``cache`` (look-ups and decoding of cached pages), ``load`` (the extractor's models
    and word lists), ``extract`` (split and extract every page not cached, all workers together),
    ``link``, ``relations``, ``graph`` and ``export``; ``split_cpu`` and ``extract_cpu`` add up the
    time each page spent in the splitter and the extractor, in whichever process ran it.
    ``extracted`` pages were extracted by this build, ``cached`` ones taken from the cache."""

    articles: list[Article]
    entities: list[Entity]
    relations: list[Relation]
    graph: nx.MultiDiGraph
    files: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    report: list[FileReport] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    extracted: int = 0
    cached: int = 0
    input_bytes: int = 0


class InputError(Exception):
    """Nothing could be built from the inputs; ``str()`` is a one-line reason."""


@dataclass
class _Extracted:
    """A worker's answer for one page: its articles and mentions, or why it has none. ``blob`` is
    the same encoded for the cache (:func:`graph.cache.encode_result`) when the build keeps one:
    made in the worker, so that the process all the pages come back to only stores it."""

    articles: list[Article] = field(default_factory=list)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    error: str = ""
    blob: bytes | None = None
    split_seconds: float = 0.0
    extract_seconds: float = 0.0
    load_seconds: float = 0.0


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


def extractor_version() -> str:
    """The version of the extraction (see :func:`graph.cache.extractor_version`), with this
    module's own setting that changes results."""
    from graph.cache import extractor_version as version

    return version(f"max_article_chars={MAX_ARTICLE_CHARS}")


def _extract_page(page: Page, encode: bool = False) -> _Extracted:
    """Split and extract one page. Runs in a worker process (or on a Dask worker): whatever goes
    wrong is caught and returned, so one page's failure is that page's, not the build's. With
    ``encode`` the result comes with its cache blob too."""
    try:
        from graph.extract.pipeline import extract

        t0 = time.perf_counter()
        arts = split_page(page.text, page.doc, str(page.path))
        notes = [
            f"item {a.index} (lines {a.lines[0]}–{a.lines[1]}, {len(a.text):,} characters) left out: "
            f"over {MAX_ARTICLE_CHARS:,} characters, not a news article"
            for a in arts
            if len(a.text) > MAX_ARTICLE_CHARS
        ]
        arts = [a for a in arts if len(a.text) <= MAX_ARTICLE_CHARS]
        t1 = time.perf_counter()
        prime_blas()  # (once a process and thread)
        found = extract(arts)
        for a in arts:
            a.origin = compact_offsets(a.origin)
        blob = encode_result(arts, found, notes) if encode and arts else None
        return _Extracted(
            arts, found, notes, blob=blob, split_seconds=t1 - t0, extract_seconds=time.perf_counter() - t1
        )
    except Exception as exc:  # a bug or a limit hit on this page: report it, build the rest
        msg = " ".join(str(exc).split())[:200]
        return _Extracted(error=f"extraction failed: {type(exc).__name__}: {msg}")


def compact_offsets(origin: Sequence[int]) -> array:
    """An article's ``origin`` (the raw offset of every character) as a packed array of machine
    integers instead of a list of Python ints: 4 bytes a character instead of about 36 (a pointer
    and an int object each). Once a page is extracted nothing reads it but :meth:`Article.raw_span`,
    which indexes it the same way; as a list it was most of a large build's memory (a 400 MB archive
    is 140 million characters) and of what worker processes send back."""
    if isinstance(origin, array):
        return origin
    return array("i" if not origin or max(origin) < 2**31 else "q", origin)


def warm_up() -> float:
    """Load everything the extractor loads lazily, here and now; returns the seconds it took.

    A failure here is not this function's to report (the pages will report it)."""
    global _warm
    _warm = True
    t0 = time.perf_counter()
    _extract_page(Page(Path("warm-up.txt"), "warm-up", WARM_UP_TEXT))
    return time.perf_counter() - t0


_warm = False
"""Whether this process has loaded the extractor (:func:`warm_up`)."""


def _extract_loaded(page: Page, encode: bool = False) -> _Extracted:
    """:func:`_extract_page` in a worker process, which loads the extractor itself before its
    first page unless the process it was forked from had, and says how long that took."""
    load = 0.0 if _warm else warm_up()
    res = _extract_page(page, encode)
    res.load_seconds = load
    return res


def _extract_pickled(page: Page, encode: bool = False) -> bytes:
    """:func:`_extract_loaded`, pickled: what a worker of :func:`_loader` sends on through it, as is."""
    return pickle.dumps(_extract_loaded(page, encode), pickle.HIGHEST_PROTOCOL)


def _extract_in_pool(
    pages: list[Page],
    jobs: int,
    work: Callable,
    done: Callable[[int, object], None],
    started: Callable[[], None] = lambda: None,
) -> int:
    """``work`` of each page on ``jobs`` processes forked from this one (started anew where there
    is no fork), given to ``done(index, answer)`` in page order; ``started()`` once they are.
    Returns how many pages were answered before the pool broke, if it did (a process killed for
    memory, say)."""
    answered = 0
    workers = min(jobs, len(pages))
    before = set(multiprocessing.active_children())
    pool = forked_pool(workers) if can_fork() else ProcessPoolExecutor(max_workers=workers)
    try:
        chunk = max(1, min(64, len(pages) // (jobs * 8)))
        try:
            answers = pool.map(work, pages, chunksize=chunk)  # the workers start here
        except OSError:  # not every process could be made (a limit, memory)
            stop_started(before)
            return 0
        started()
        for answer in answers:
            done(answered, answer)
            answered += 1
    except BrokenProcessPool:
        pass
    finally:  # (should ``done`` fail, the pages not begun are dropped, not extracted first)
        pool.shutdown(wait=True, cancel_futures=True)
    return answered


def _loader(
    pages: list[Page],
    jobs: int,
    encode: bool,
    receive: Connection,
    send: Connection,
    parent: int,
    asks: Connection,
    ask: Connection,
) -> None:
    """In the process :func:`_extract_shared` forks: load the extractor, then extract the pages on
    ``jobs`` processes forked from here, which share it, and send on what they answer (the
    loading's seconds first), in order. Stops at the first page not answered.

    Then it reads the words of the linker's context windows for each list of them it is sent
    through ``asks`` (:class:`_Kept`), until it is sent an empty message or the main process's
    end of that pipe closes: here, or on up to ``jobs`` processes forked from here (they have
    jieba loaded) when there are enough windows and memory (:func:`graph.parallel.fork_map`).

    What this process inherited, and then the extractor, are frozen out of the garbage
    collector's sight (``gc.freeze``): a full collection here, or in a worker, would walk them and
    so copy every memory page they sit on, which the workers and the build share."""
    die_with_parent(parent)
    receive.close()  # (the main process's ends: held here too, it would never see them end)
    ask.close()
    gc.freeze()
    load = warm_up()
    gc.freeze()
    send.send_bytes(pickle.dumps(load))
    answered = _extract_in_pool(
        pages, jobs, functools.partial(_extract_pickled, encode=encode), lambda _, b: send.send_bytes(b)
    )
    try:
        while answered == len(pages) and (request := asks.recv_bytes()):
            windows = pickle.loads(request)
            runs = [windows[i : i + WINDOWS_A_RUN] for i in range(0, len(windows), WINDOWS_A_RUN)]
            words = [w for run in fork_map(window_words, runs, jobs) for w in run]
            send.send_bytes(pickle.dumps(words, pickle.HIGHEST_PROTOCOL))
    except (EOFError, OSError):
        pass
    send.close()


WINDOWS_A_RUN = 64
"""Windows the loader's readers take at a time (:func:`_loader`)."""


def _extract_shared(
    pages: list[Page],
    jobs: int,
    encode: bool,
    done: Callable[[int, _Extracted], None],
    started: Callable[[], None],
    keep: Callable[[], bool] = lambda: False,
) -> tuple[float, _Kept | None]:
    """Extract ``pages`` on ``jobs`` workers that share one extractor which this process never
    loads: they are forked from a process that loaded it (:func:`_loader`), and answer here
    through it. Gives each answer to ``done(index, answer)`` in page order, up to the first page
    not answered (a process died, or none could be made), and calls ``started()`` once that
    process is; returns the loading's seconds, and that process, kept for the linker's words
    (:class:`_Kept`) if every page was answered and ``keep()`` says so then.

    This process lives on to link, at the build's peak, where the extractor would be 200 MB more
    (jieba's dictionaries, most of it). Loaded by each worker instead, it would be 250 MB a worker
    and each core would load its own at once. The answers come as the workers pickled them, and
    are passed on as they are: the process between only copies bytes."""
    receive, send = multiprocessing.Pipe(duplex=False)
    asks, ask = multiprocessing.Pipe(duplex=False)
    loader = multiprocessing.get_context("fork").Process(
        target=_loader, args=(pages, jobs, encode, receive, send, os.getpid(), asks, ask), name="extractor"
    )
    try:
        loader.start()
    except OSError:
        receive.close()
        ask.close()
        return 0.0, None
    finally:
        send.close()
        asks.close()
    started()
    answered, load, kept = 0, 0.0, None

    def message() -> bytes | None:
        """The next thing the loader sent, or ``None`` once it has ended and sent nothing more.
        Its workers hold the pipe open too, and its sentinel: where they do not die with it (no
        parent-death signal), neither would ever close, so whether it lives is asked each second."""
        while not receive.poll(1.0):
            if not loader.is_alive() and not receive.poll():
                return None
        try:
            return receive.recv_bytes()
        except EOFError:
            return None

    try:
        if (header := message()) is not None:
            load = pickle.loads(header)
            while answered < len(pages) and (data := message()) is not None:
                done(answered, pickle.loads(data))
                answered += 1
        if answered == len(pages) and keep():
            kept = _Kept(loader, receive, ask, message)
    finally:
        if kept is None:
            _release(ask, receive)
            if answered < len(pages):
                loader.kill()
            loader.join()
    return load, kept


def _release(ask: Connection, receive: Connection) -> None:
    """Let the loader end (:func:`_loader`). It is told so: a process forked from here since it
    was may hold this end of its pipe open, and so keep it from ever seeing the end close. An
    error sending means it has ended already."""
    with contextlib.suppress(OSError):
        ask.send_bytes(b"")
    ask.close()
    receive.close()


class _Kept:
    """The process that loaded the extractor for a build's workers (:func:`_loader`), kept after
    the pages to read the words of the linker's context windows: it has jieba loaded, and forks
    its readers small, where this process would load jieba (1–1.6 s, some 90 MB it would then hold
    to the end) and fork them from the whole corpus. A :data:`graph.link.Segmenter`."""

    def __init__(
        self, loader: BaseProcess, receive: Connection, ask: Connection, message: Callable[[], bytes | None]
    ) -> None:
        self.loader: BaseProcess | None = loader
        self.receive, self.ask, self.message = receive, ask, message
        # never closed (an interrupt before its owner had it, a caller that forgot), it is still
        # told to end before the interpreter, on its way out, waits for its children to
        self.release = Finalize(self, _release, (ask, receive), exitpriority=10)

    def words(self, windows: list[str]) -> list[tuple[str, ...]] | None:
        """:func:`graph.link.window_words` of ``windows``, or ``None`` if the process cannot give
        them (the linker reads them itself then)."""
        if self.loader is None:
            return None
        try:
            self.ask.send_bytes(pickle.dumps(windows, pickle.HIGHEST_PROTOCOL))
            if (data := self.message()) is None:
                raise EOFError("it ended")
            return pickle.loads(data)
        except Exception as exc:
            print(f"warning: a worker process failed ({exc}); reading the words here", file=sys.stderr)
            self.close()
            return None

    def close(self) -> None:
        if self.loader is None:
            return
        self.release()
        self.loader.join(timeout=10)
        if self.loader.is_alive():
            self.loader.kill()
            self.loader.join()
        self.loader = None


def build(
    inputs: list[Path],
    out: Path,
    jobs: int | None = None,
    progress: bool = True,
    max_mb: float | None = DEFAULT_MAX_MB,
    overrides: Path | None = None,
    *,
    update: bool = False,
    cache: bool = True,
    scheduler: str | None = None,
) -> BuildResult:
    """Build the graph of ``inputs`` into ``out``. Files that cannot be used are skipped and
    reported; raises :class:`InputError`, without touching ``out``, when none can.

    ``max_mb`` refuses files larger than that many megabytes before reading them (``None`` or 0:
    no limit). ``overrides`` is an analyst's corrections file for the linker (see
    :class:`graph.link.Overrides`); a file that cannot be read stops the build before anything is
    extracted.

    Every page's extraction is stored in ``out/cache.sqlite`` (unless ``cache`` is false), and
    so are the words the linker reads around names; with ``update`` the pages found there are not
    extracted again, nor the words read again, so adding pages to a corpus costs their extraction
    and the linking, relations and export of the whole, which are global. The outputs are the
    same bytes either way. Without ``update`` the cache is rewritten to hold exactly this build's
    pages and words. ``scheduler`` is a Dask scheduler's address: the pages are then
    extracted on that cluster (:mod:`graph.distributed`); linking and export stay here."""
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    try:
        corrections = Overrides.load(overrides) if overrides else None
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    store = ExtractionCache(out / CACHE_NAME, extractor_version()) if cache or update else None
    manifest = Manifest(store, trust=update) if store is not None else None
    # an update adds a few pages, most often: their extractor loads while the inputs are read
    early = update and store is not None and store.path.exists() and _prefers_ahead(jobs, scheduler)
    ahead = _Ahead() if early else None
    helper = None
    try:
        pages, reports = read_pages(inputs, out, max_mb, manifest)
        timings["read"] = time.perf_counter() - t0
        for rep in reports:
            if rep.reason:
                print(f"skipped {rep.path}: {rep.reason}", file=sys.stderr)
        if not pages:
            raise InputError(_nothing_built(inputs, reports))
        with long_lived() as keep:  # each stage's results, held until the end (see long_lived)
            results, stats = extract_pages(
                [p for p, _ in pages],
                jobs,
                progress,
                scheduler=scheduler,
                cache=store,
                update=update,
                helper=True,
                ahead=ahead,
            )
            helper = stats.helper
            timings.update(stats.seconds)
            if manifest is not None:
                manifest.save()
            articles, mentions = collect(pages, results)
            del pages, results  # the pages' texts: a large corpus need not hold them twice
            reports.sort(key=lambda r: (r.doc, r.path))
            if not articles:
                raise InputError(_nothing_built(inputs, reports))
            keep()

            t = time.perf_counter()
            kept = None if store is None else store if update else _Unread(store)
            segment = helper.words if helper is not None else None
            entities = link(mentions, {a.id: a.text for a in articles}, corrections, jobs, kept, segment)
            if helper is not None:
                helper.close()
            timings["link"] = time.perf_counter() - t
            keep()
            with EarlyOutputs(out, articles, entities, jobs) as early:
                t = time.perf_counter()
                relations = extract_relations(articles, entities, jobs, kept)
                timings["relations"] = time.perf_counter() - t
                keep()
                t = time.perf_counter()
                g = build_graph(entities, relations)
                timings["graph"] = time.perf_counter() - t
                keep()
                t = time.perf_counter()
                files_written = write_outputs(out, articles, entities, relations, g, reports, jobs, early)
                timings["export"] = time.perf_counter() - t
    except BaseException:
        if store is not None:
            # what was extracted is valid whatever failed after it: keep it, so that the next
            # --update resumes there (a build killed outright keeps every committed batch)
            store.close(quietly=True)
        if helper is not None:
            helper.close()
        if ahead is not None:  # (extract_pages', once given it: closed there, or kept as the helper)
            ahead.close()
        raise
    if store is not None:
        t = time.perf_counter()
        try:
            store.prune(keep_only_used=not update)
        finally:
            store.close()
        timings["cache"] = timings.get("cache", 0.0) + time.perf_counter() - t
    skipped = [(r.path, r.reason) for r in reports if r.status != "built"]
    seconds = time.perf_counter() - t0
    timings["total"] = seconds
    return BuildResult(
        articles,
        entities,
        relations,
        g,
        files_written,
        skipped,
        seconds,
        reports,
        timings=timings,
        extracted=stats.extracted,
        cached=stats.cached,
        input_bytes=sum(r.bytes or 0 for r in reports if r.status == "built"),
    )


@dataclass
class _Unread:
    """The cache as a full build gives it to the linker (the words of its context windows) and to
    the relations (what each article says): written, for the next ``--update``, but not read (a
    full build reads no cache)."""

    cache: ExtractionCache

    def get_words(self, keys: list[str]) -> dict[str, tuple[str, ...]]:
        return {}

    def put_words(self, words: dict[str, tuple[str, ...]]) -> None:
        self.cache.put_words(words)

    def get_readings(self, keys: list[str]) -> dict[str, bytes]:
        return {}

    def put_readings(self, readings: dict[str, bytes]) -> None:
        self.cache.put_readings(readings)


def read_pages(
    inputs: list[Path], out: Path, max_mb: float | None = DEFAULT_MAX_MB, manifest: Manifest | None = None
) -> tuple[list[tuple[Page, FileReport]], list[FileReport]]:
    """Stage 1, read and normalise: ``(pages, reports)`` — every readable page with its report,
    and a report for every input (missing, unreadable and duplicate-named ones with their reason).
    A file ``manifest`` knows unchanged is not read again: its page comes with its key, no text."""
    files, missing = find_inputs(inputs, exclude=[out])
    reports = [FileReport(_shown(p), _shown(doc_name(p)), reason="no such file or folder") for p in missing]
    pages: list[tuple[Page, FileReport]] = []
    taken: dict[str, Path] = {}
    if manifest is not None:
        manifest.look_up(files)
    for path in files:
        rep = FileReport(_shown(path), _shown(doc_name(path)))
        reports.append(rep)
        try:
            st = path.stat()
            rep.bytes = st.st_size
            if rep.doc in taken:
                other = _shown(taken[rep.doc])
                raise Skip(f"another input, {other}, has the same name {rep.doc!r}: rename one")
            max_bytes = _max_bytes(max_mb)
            over = bool(max_bytes and st.st_size > max_bytes)  # (a lower limit than then: read, refused)
            known = manifest.known(path, st, rep) if manifest is not None and not over else None
            if known is not None:
                taken[rep.doc] = path
                pages.append((Page(path, rep.doc, "", key=known), rep))
                continue
            dec = read_input(path, max_bytes)
        except Skip as exc:
            rep.reason = str(exc)
        except OSError as exc:
            rep.reason = f"cannot read: {exc.strerror or exc}"
        else:
            rep.encoding, rep.format, rep.notes = dec.encoding, dec.format, list(dec.notes)
            taken[rep.doc] = path
            page = Page(path, rep.doc, dec.text)
            if manifest is not None:
                page.key = manifest.read(path, st, page, rep)
            pages.append((page, rep))
    return pages, reports


class Manifest:
    """What the build read from each input file, kept in the cache (``files``) with the file's
    identity and times, so that an update does not read, decode and normalise an unchanged file
    again (3 s for 10,000 pages, most of it telling Traditional script from Simplified; and on a
    cold disk, the reading itself): its page's key and report come from here, and its articles
    from the page cache.

    A file is unchanged when its device, inode, size, modification and change times are all
    as they were (git's index trusts the same). The change time cannot be set by a program, and a
    file changed within the clock's tick of being read could keep its times: an entry is trusted
    only if the file was last changed at least :data:`SETTLED_NS` before it was read. With
    ``trust`` false (a full build) nothing is taken from here, and everything read is written."""

    SETTLED_NS = 2_000_000_000
    FORMAT = 1  # of an entry: bumped when it changes

    def __init__(self, cache: ExtractionCache, trust: bool) -> None:
        # Windows's st_ctime is the creation time, which a rewrite keeps: nothing there is trusted
        self.cache, self.trust = cache, trust and os.name == "posix"
        self.entries: dict[str, dict] = {}
        self.fresh: dict[str, str] = {}
        self.reading = _reading_version()

    def look_up(self, paths: list[Path]) -> None:
        """Read the entries of ``paths``: those of this reading, whose page results are in the cache
        (a page without articles, or dropped since, is read again, its report with it)."""
        if not self.trust:
            return
        entries = {k: json.loads(v) for k, v in self.cache.get_files([file_key(p) for p in paths]).items()}
        entries = {k: d for k, d in entries.items() if d.get("reading") == self.reading}
        present = self.cache.has_pages([d["key"] for d in entries.values()])
        self.entries = {k: d for k, d in entries.items() if d["key"] in present}

    def known(self, path: Path, st: os.stat_result, rep: FileReport) -> str | None:
        """The page key of ``path`` if the file is as it was read (and ``rep`` filled in), else None."""
        data = self.entries.get(file_key(path))
        if data is None:
            return None
        if data["stat"] != _identity(st) or data["doc"] != rep.doc or not data["settled"]:
            return None
        rep.encoding, rep.format, rep.notes = data["encoding"], data["format"], list(data["notes"])
        return data["key"]

    def read(self, path: Path, st: os.stat_result, page: Page, rep: FileReport) -> str:
        """Note a file just read; returns its page's key."""
        key = page_key(self.cache.version, page.doc, page.text)
        settled = time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) >= self.SETTLED_NS
        self.fresh[file_key(path)] = json.dumps(
            {
                "reading": self.reading,
                "stat": _identity(st),
                "doc": rep.doc,
                "key": key,
                "encoding": rep.encoding,
                "format": rep.format,
                "notes": rep.notes,
                "settled": settled,
            },
            ensure_ascii=False,
        )
        return key

    def save(self) -> None:
        self.cache.put_files(self.fresh)
        self.fresh = {}


@functools.lru_cache(maxsize=1)
def _reading_version() -> str:
    """What reading a file depends on beside the file: the package's reading code and data
    (:func:`graph.cache.code_version` of :mod:`graph.inputs`), the libraries that decode and
    convert (charset-normalizer, OpenCC), Python (its codecs) and the entry's own format."""
    from graph.cache import code_version, dist_version

    parts = [
        code_version("graph.inputs"),
        dist_version("charset-normalizer"),
        dist_version("opencc-python-reimplemented"),
        sys.version,
        str(Manifest.FORMAT),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def _identity(st: os.stat_result) -> list[int]:
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


@dataclass
class ExtractStats:
    """What :func:`extract_pages` did: pages ``extracted`` and ``cached``, and ``seconds`` by step
    (``cache``, ``load``, ``extract``, ``split_cpu``, ``extract_cpu``; see :class:`BuildResult`)."""

    extracted: int = 0
    cached: int = 0
    seconds: dict[str, float] = field(
        default_factory=lambda: dict.fromkeys(("cache", "load", "extract", "split_cpu", "extract_cpu"), 0.0)
    )
    helper: _Ahead | _Kept | None = field(default=None, repr=False)
    """With ``extract_pages(..., helper=True)``: a process with jieba loaded, left running for the
    linker's windows (its ``words``), the caller to close it: the one that extracted an update's
    few new pages (:class:`_Ahead`), or the one that loaded the extractor for the workers
    (:class:`_Kept`)."""


def extract_pages(
    pages: list[Page],
    jobs: int | None = None,
    progress: bool = False,
    *,
    scheduler: str | None = None,
    cache: ExtractionCache | None = None,
    update: bool = False,
    helper: bool = False,
    ahead: _Ahead | None = None,
) -> tuple[list[_Extracted], ExtractStats]:
    """Stage 2, split and extract: one result per page, in page order, and what it took.

    With ``update``, pages found in ``cache`` are taken from it; every page extracted (without an
    error, with articles) is stored in it as it comes in, so that a build killed halfway keeps
    what it had done. The articles come back without ``origin``, and each page's ``text`` is
    emptied once its result is in: the build holds the corpus once, not three times.

    With ``helper``, a process that has jieba loaded, if one did the extraction (the update's few
    new pages, or the workers' loader) and the memory allows a second process
    (:func:`graph.parallel.affordable`), is kept as ``stats.helper``, for the caller to close.

    ``ahead``, a process started beforehand to extract an update's few new pages
    (:class:`_Ahead`), is this function's from then on: used, kept, or closed."""
    t0 = time.perf_counter()
    stats = ExtractStats()
    secs = stats.seconds
    results: list[_Extracted | None] = [None] * len(pages)
    try:
        keys = [p.key or page_key(cache.version, p.doc, p.text) for p in pages] if cache is not None else []
        present = cache.has_pages(keys) if cache is not None and update else set()
        missing = [i for i in range(len(pages)) if not present or keys[i] not in present]
        stored = [i for i in range(len(pages)) if present and keys[i] in present]
        _read_again(pages, missing, keys, cache)  # (which may change their keys, not the others')
        if present and missing and _extracts_ahead(len(missing), jobs, scheduler):
            # given the pages before the cached ones are read: it extracts while they are decoded
            ahead = ahead or _Ahead()
            ahead.extract([pages[i] for i in missing], encode=cache is not None)
        elif ahead is not None:
            ahead.close()
            ahead = None
        found = cache.get_many(keys[i] for i in stored) if stored else {}
    except BaseException:
        if ahead is not None:
            ahead.close()
        raise
    try:
        for i in stored:
            blob = found.get(keys[i])
            if blob is None:
                continue
            try:
                arts, ments, notes = decode_result(blob, str(pages[i].path), origins=False)
            except Exception:  # a row that does not decode is a miss, not a failure
                continue
            results[i] = _Extracted(arts, ments, notes)
    except BaseException:
        if ahead is not None:
            ahead.close()
        raise
    del found
    stats.cached = sum(r is not None for r in results)
    stats.extracted = len(pages) - stats.cached
    secs["cache"] = time.perf_counter() - t0

    def done(i: int, res: _Extracted) -> None:
        results[i] = res
        secs["split_cpu"] += res.split_seconds
        secs["extract_cpu"] += res.extract_seconds
        if cache is not None and res.articles and not res.error:
            t = time.perf_counter()
            cache.put(keys[i], pages[i].doc, res.blob or encode_result(res.articles, res.mentions, res.notes))
            secs["cache"] += time.perf_counter() - t
        # Kept from here on: the articles and mentions. Not the blob, nor where each character came
        # from (every mention has its raw offsets and the cache the article's), nor the page's text
        # (answered: the articles hold it). Dropped as each page comes in, so that a large build
        # never holds them all: at 100,000 pages, 560 MB of offsets and 290 MB of page text.
        res.blob = None
        for a in res.articles:
            a.origin = _NO_ORIGIN
        pages[i].text = ""

    def affords_helper() -> bool:  # (a second process, beside this one, for the linker)
        return helper and stats.helper is None and affordable(2) > 1

    try:
        if ahead is not None:
            answers = ahead.results(stay=affords_helper())
            stats.helper = ahead if ahead.pool is not None else None
            if answers is not None:
                secs["load"], secs["extract"] = ahead.seconds
                for i, res in zip(missing, answers, strict=True):
                    done(i, res)
        todo = [i for i, r in enumerate(results) if r is None]  # (and rows that did not decode)
        _read_again(pages, todo, keys, cache)
        if todo:
            todo_pages = [pages[i] for i in todo]
            t = time.perf_counter()
            cached = secs["cache"]
            load = 0.0
            if scheduler:
                from graph.distributed import extract_on_dask

                extract_on_dask(todo_pages, scheduler, lambda j, res: done(todo[j], res), progress)
            else:
                load, kept = _extract_all(
                    todo_pages,
                    jobs,
                    progress,
                    lambda j, res: done(todo[j], res),
                    encode=cache is not None,
                    keep=affords_helper,
                )
                stats.helper = stats.helper or kept
            secs["load"] += load
            # the stores into the cache happen between pages: they are the cache's time, not extraction's
            secs["extract"] += time.perf_counter() - t - load - (secs["cache"] - cached)
        if cache is not None:
            t = time.perf_counter()
            cache.flush()
            secs["cache"] += time.perf_counter() - t
    except BaseException:  # (the caller never gets the process kept for the linker: closed here)
        if stats.helper is not None:
            stats.helper.close()
        raise
    return [r for r in results if r is not None], stats


_NO_ORIGIN = array("i")


def _read_again(
    pages: list[Page], indices: list[int], keys: list[str], cache: ExtractionCache | None
) -> None:
    """:func:`_text_again` for the pages at ``indices`` that are to be extracted, with their keys."""
    for i in indices:
        if _text_again(pages[i]) and cache is not None:
            keys[i] = page_key(cache.version, pages[i].doc, pages[i].text)


def _text_again(page: Page) -> bool:
    """The text of a page the manifest spared reading whose extraction is not in the cache after
    all (dropped by a full build, say): read now (its key is then the caller's to compute again,
    in case the file changed meanwhile). Should that fail, the page is left without articles."""
    if page.text or page.key is None:
        return False
    page.key = None
    try:
        page.text = read_input(page.path, None).text
    except (OSError, Skip) as exc:
        print(f"warning: {_shown(page.path)} could not be read again: {exc}", file=sys.stderr)
    return True


AHEAD_MAX_PAGES = 32
"""An update with at most this many new pages extracts them in one process of their own
(:class:`_Ahead`), which loads the extractor (2.5–4.5 s) while this process reads the pages and
decodes the cached ones (1.3 s and 3.5–4.5 s for 10,000 pages), instead of after. With more new
pages, extraction is worth all the cores, and runs after."""


AHEAD_MAX_WINDOWS = 2000
"""Context windows the process of :class:`_Ahead` reads for the linker, at most: about 0.9 ms a
window there, against jieba's loading here (1–1.6 s) and then the windows shared by ``jobs``
forked processes. A few new pages bring a few dozen windows; an update whose new mentions
change which mentions many large clusters are read by can bring thousands."""


def _extracts_ahead(pages: int, jobs: int | None, scheduler: str | None = None) -> bool:
    return pages <= AHEAD_MAX_PAGES and _prefers_ahead(jobs, scheduler)


def _prefers_ahead(jobs: int | None, scheduler: str | None = None) -> bool:
    """Whether new pages, if few, would be extracted by an :class:`_Ahead` process."""
    return not scheduler and (jobs or os.cpu_count() or 1) > 1 and can_fork()


class _Ahead:
    """One forked process that loads the extractor at once, before it has anything to extract, then
    extracts the few pages it is given (:meth:`extract`, :data:`AHEAD_MAX_PAGES`) while this one
    goes on. An update starts it before reading its inputs, when it is small and the pages new
    since the last build are not known yet: by the time they are, the extractor is half loaded,
    and it is done loading before this process has decoded the cached ones. A process that is
    given no pages (none new, or too many) is stopped, loaded or not (:meth:`close`).

    It may then stay, to read the words of the linker's new context windows (:meth:`words`): it
    has jieba loaded, which this process would load for them (1–1.6 s, for the few dozen windows
    a few new pages bring)."""

    def __init__(self) -> None:
        self.seconds = (0.0, 0.0)
        self.pool: ProcessPoolExecutor | None = None
        self.loading: Future | None = None
        self.future: Future | None = None
        try:
            self.pool = forked_pool(1)
            self.loading = self.pool.submit(warm_up)
        except OSError as exc:  # no process to be had: the pages are extracted afterwards, here
            print(f"warning: extracting in the main process ({exc})", file=sys.stderr)
            self.close()

    def extract(self, pages: list[Page], encode: bool) -> None:
        """Have the process extract ``pages``, in order (see :meth:`results`)."""
        if self.pool is None:
            return
        with contextlib.suppress(BrokenProcessPool):  # (died loading: results() says so)
            self.future = self.pool.submit(_extract_in_order, pages, encode)

    def results(self, stay: bool = False) -> list[_Extracted] | None:
        """The pages' results in order, or ``None`` if the process could not give them (they are
        extracted here then). The process ends, unless it is to ``stay`` for :meth:`words`."""
        if self.pool is None:
            return None
        try:
            if self.future is None or self.loading is None:
                raise BrokenProcessPool("the process ended before it was given the pages")
            loaded = self.loading.result()
            load, extract, answers = self.future.result()
        except Exception as exc:  # (a page's own failure comes back as its result: this is the process's)
            print(f"warning: a worker process failed ({exc}); extracting its pages here", file=sys.stderr)
            self.close()
            return None
        except BaseException:
            self.close()
            raise
        if not stay:
            self.close()
        self.seconds = (loaded + load, extract)
        return answers

    def words(self, windows: list[str]) -> list[tuple[str, ...]] | None:
        """:func:`graph.link.window_words` of ``windows``, read by the process, or ``None`` if it
        cannot (the linker reads them itself then): a :data:`graph.link.Segmenter`."""
        if self.pool is None or len(windows) > AHEAD_MAX_WINDOWS:
            return None
        try:
            return self.pool.submit(window_words, windows).result()
        except Exception as exc:
            print(f"warning: a worker process failed ({exc}); reading the words here", file=sys.stderr)
            self.close()
            return None

    def close(self) -> None:
        """End the process: at once if it was never given pages (it may still be loading, for
        nothing), else once its task is done."""
        if self.pool is None:
            return
        pool, self.pool = self.pool, None
        if self.future is None:
            # (the executor has no way to stop a task that runs: its process is killed, and the
            # executor, finding it dead, ends)
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.kill()
        pool.shutdown(wait=True, cancel_futures=True)


def _extract_in_order(pages: list[Page], encode: bool) -> tuple[float, float, list[_Extracted]]:
    """In the process of :class:`_Ahead`: extract every page (loading the extractor first, unless
    the process has)."""
    load = 0.0 if _warm else warm_up()
    t = time.perf_counter()
    answers = [_extract_page(p, encode) for p in pages]
    return load, time.perf_counter() - t, answers


def collect(
    pages: list[tuple[Page, FileReport]], results: list[_Extracted]
) -> tuple[list[Article], list[Mention]]:
    """Stage 3: the articles and mentions of every page, in page order, with each page's report
    filled in (or its reason for being skipped). The articles no longer carry ``origin``."""
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
    return articles, mentions


def _extract_all(
    pages: list[Page],
    jobs: int | None,
    progress: bool,
    done: Callable[[int, _Extracted], None],
    encode: bool = False,
    keep: Callable[[], bool] = lambda: False,
) -> tuple[float, _Kept | None]:
    """Extract every page, in worker processes when there are enough pages to pay for them, and
    hand each result to ``done(index, result)``; returns the seconds spent loading the extractor,
    and the process that loaded it if there was one and ``keep()`` says to keep it (:class:`_Kept`).

    Results come back in page order whatever the number of workers, which the outputs'
    determinism rests on. Should a worker die outright (killed for memory, say), the pages not
    answered yet are extracted here instead.

    The workers share one extractor (:func:`_extract_shared`), or this process's where it has
    loaded one already (a serial build before it, in a notebook): forked from here, they share
    that, and this process holds nothing more. Without fork (Windows) each loads its own."""
    jobs = jobs or os.cpu_count() or 1
    answered, load, kept = 0, 0.0, None
    bar = None

    def start() -> None:  # (after the fork: no progress thread in a child)
        nonlocal bar
        bar = bar or _bar(len(pages), progress)

    def answer(i: int, r: _Extracted) -> None:
        nonlocal answered, load
        load = max(load, r.load_seconds)
        done(i, r)
        bar.update(1)
        answered += 1

    if jobs > 1 and len(pages) >= PARALLEL_MIN_PAGES:
        if can_fork() and not _warm:
            shared, kept = _extract_shared(pages, jobs, encode, answer, start, keep)
            load = max(load, shared)
        else:
            _extract_in_pool(pages, jobs, functools.partial(_extract_loaded, encode=encode), answer, start)
        if answered < len(pages):
            print(
                "warning: a worker process died or could not be started; extracting its pages here",
                file=sys.stderr,
            )
    try:
        if answered < len(pages) and not _warm:
            load += warm_up()
        bar = bar or _bar(len(pages), progress)
        for i in range(answered, len(pages)):
            done(i, _extract_page(pages[i], encode))
            bar.update(1)
        bar.close()
    except BaseException:  # (the caller never gets the process kept: closed here)
        if kept is not None:
            kept.close()
        raise
    return load, kept


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


PAGE_PARTS = 4
"""The entity pages are written in this many parts, which :func:`write_outputs` spreads over its
processes with the other outputs: the pages are about half of the export's time."""


def write_outputs(
    out: Path,
    articles: list[Article],
    entities: list[Entity],
    relations: list[Relation],
    g: nx.MultiDiGraph,
    reports: list[FileReport] | None = None,
    jobs: int | None = 1,
    early: EarlyOutputs | None = None,
) -> dict[str, int]:
    """Write every output into ``out``, all or nothing (see :mod:`graph.export.atomic`); returns
    their sizes (a folder's: the total of its files). ``report.json`` is written when ``reports``
    is given.

    The outputs are written by ``jobs`` processes at once (:func:`graph.parallel.fork_map`), each
    handing what it finished to this one, which puts everything in place together; those that
    ``early`` started writing before (:class:`EarlyOutputs`) join them. Should one of the
    processes die, everything is written again here."""
    try:
        try:
            return _write_outputs(out, articles, entities, relations, g, reports, jobs, early)
        except BrokenProcessPool as exc:  # (the second try starts by clearing what the first left)
            print(f"warning: writing in the main process: {exc}", file=sys.stderr)
            if early is not None:
                early.close()
            return _write_outputs(out, articles, entities, relations, g, reports, 1, None)
    except BaseException:
        if early is not None:
            early.close()
        # what the other writers finished for the failed batch: never adopted, so never discarded
        remove_stale(out, OUTPUTS + OUTPUT_DIRS)
        raise


def _write_outputs(
    out: Path,
    articles: list[Article],
    entities: list[Entity],
    relations: list[Relation],
    g: nx.MultiDiGraph,
    reports: list[FileReport] | None,
    jobs: int | None,
    early: EarlyOutputs | None,
) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    ahead = early if early is not None and early.started else None
    if ahead is None:  # (else it was done before that process started)
        remove_stale(out, OUTPUTS + OUTPUT_DIRS)
    names = list(OUTPUTS[:-1])
    titles = {a.id: a.title for a in articles}
    folder = out / PAGES_DIR
    previous = folder if folder.is_dir() and not folder.is_symlink() else None  # its unchanged pages kept
    with atomic_batch(), atomic_dir(folder) as tmp:
        pages = EntityPages(g, tmp, titles, relations, graph_page="graph.html", previous=previous)
        # the longest first, each task a run of its own: whichever process is free takes the next
        tasks: list[Callable[[], object]] = [
            functools.partial(_write_views, g, out, titles),
            lambda: write_graphml(g, out / "graph.graphml"),
            *([] if ahead is not None else _early_tasks(out, articles, entities)),
            *(functools.partial(pages.write, k, PAGE_PARTS) for k in range(PAGE_PARTS)),
            lambda: write_jsonl(out / "relations.jsonl", (r.to_json() for r in relations)),
            pages.write_index,
            lambda: write_attributes(out / "attributes.jsonl", relations),
        ]
        if reports is not None:
            report = out / "report.json"
            tasks.append(functools.partial(write_report, report, reports, articles, entities, relations))
            names.append("report.json")
        written = PagesWritten()
        # files are written: a task a dead process may have half done cannot simply be run again
        # written ahead and finished already: that process goes before the export forks its own
        results = ahead.results() if ahead is not None and ahead.done else []
        results += fork_map(_write_apart, tasks, jobs, parts=len(tasks), rerun=False)
        if ahead is not None and ahead.started:  # (still writing when the export began)
            results += ahead.results()
        for finished, value in results:
            adopt(finished)
            if value is not None:
                written.add(value)
    return {n: (out / n).stat().st_size for n in names} | {f"{PAGES_DIR}/": written.bytes}


def _write_views(g: nx.MultiDiGraph, out: Path, titles: dict[str, str]) -> None:
    """The GEXF and the HTML view, which share the view's layout: laid out once, here."""
    view_positions(g)
    write_gexf(g, out / "graph.gexf")
    write_html(g, out / "graph.html", articles=titles, pages=PAGES_DIR)


def _early_tasks(out: Path, articles: list[Article], entities: list[Entity]) -> list[Callable[[], object]]:
    """The writers of the outputs that need only the articles and the linked entities."""
    return [
        lambda: write_jsonl(out / "entities.jsonl", (e.to_json() for e in entities)),
        lambda: write_jsonl(out / "articles.jsonl", (a.to_json() for a in articles)),
    ]


class EarlyOutputs:
    """``entities.jsonl`` and ``articles.jsonl``, written by one forked process while this one finds
    the relations and assembles the graph (:func:`_early_tasks`).

    Those two stages run in this process alone when the relations' readings come from the cache,
    as in an update: a second core would wait for the export meanwhile, and these two outputs are
    a fifth of its work (5 s of a 10,000-page update's 28 s of writing). The process is started
    only where processes can be forked and the memory allows it beside the ``jobs`` processes the
    relations and the export may fork (:func:`graph.parallel.affordable`); otherwise, or should it
    die or fail to start, the two are written with the rest. What it finished is handed to
    :func:`write_outputs`' batch (:meth:`results`); anything else it left is removed
    (:meth:`close`).

    >>> import tempfile
    >>> with EarlyOutputs(Path(tempfile.mkdtemp()), [], [], jobs=1) as early:
    ...     early.started
    False
    """

    NAMES = ("entities.jsonl", "articles.jsonl")

    def __init__(self, out: Path, articles: list[Article], entities: list[Entity], jobs: int | None) -> None:
        global _EARLY
        self.out = out
        self.tasks = _early_tasks(out, articles, entities)
        self.pool: ProcessPoolExecutor | None = None
        self.future: Future | None = None
        self.taken = False
        jobs = min(jobs or os.cpu_count() or 1, os.cpu_count() or 1)
        if jobs < 2 or not can_fork() or affordable(jobs + 1) <= jobs:
            return
        out.mkdir(parents=True, exist_ok=True)
        remove_stale(out, OUTPUTS + OUTPUT_DIRS)  # a killed build's leftovers: before, not among, these
        _EARLY = self.tasks
        try:
            self.pool = forked_pool(1)
            self.future = self.pool.submit(_write_early)  # (forked here: it finds the tasks in _EARLY)
        except OSError as exc:  # (a process limit, memory)
            print(f"warning: no process to write ahead ({exc}); writing with the rest", file=sys.stderr)
            self.close()
        except BaseException:
            self.close()
            raise
        finally:
            _EARLY = None

    @property
    def started(self) -> bool:
        return self.pool is not None

    @property
    def done(self) -> bool:
        """Started, and finished (or dead): :meth:`results` would not wait."""
        return self.future is not None and self.started and self.future.done()

    def results(self) -> list[tuple[list, PagesWritten | None]]:
        """What the writers finished, for the batch to adopt: from the process, or, should it have
        died, written here and now. A writer's own error is raised."""
        assert self.pool is not None and self.future is not None, "results() of writers not started"
        try:
            answers = self.future.result()
            self.taken = True
        except BrokenProcessPool as exc:
            print(f"warning: a writer process died ({exc}); writing its outputs here", file=sys.stderr)
            self.close()  # (what it left half written goes first)
            answers = [_write_apart(task) for task in self.tasks]
        finally:
            self.close()
        return answers

    def close(self) -> None:
        """Wait for the process; remove what it wrote unless :meth:`results` took it."""
        if self.pool is None:
            return
        pool, self.pool = self.pool, None
        pool.shutdown(wait=True, cancel_futures=True)
        if not self.taken:  # finished, failed, dead, or interrupted: only it writes these names now
            remove_stale(self.out, self.NAMES)

    def __enter__(self) -> EarlyOutputs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_EARLY: list[Callable[[], object]] | None = None
"""The writers of the running :class:`EarlyOutputs`, set while its process is forked."""


def _write_early() -> list[tuple[list, PagesWritten | None]]:
    if _EARLY is None:  # only the process EarlyOutputs forks runs this
        raise RuntimeError("the early writers were not set before the process was forked")
    done: list[tuple[list, PagesWritten | None]] = []
    try:
        for task in _EARLY:
            done.append(_write_apart(task))
    except BaseException:
        for finished, _ in done:  # not to be handed over: the batch will not have them
            discard(finished)
        raise
    return done


def _write_apart(task: Callable[[], object]) -> tuple[list, PagesWritten | None]:
    """Run one writer, keeping what it finished for the process that holds the batch to put in
    place (:func:`graph.export.atomic.handed_over`); with it, what the writer returned when that
    is a count of pages."""
    with handed_over() as finished:
        value = task()
    return list(finished), value if isinstance(value, PagesWritten) else None


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
        f.write(_report_text(report_json(reports, articles, entities, relations)))


def _report_text(report: dict) -> str:
    """The report as JSON: the summary indented, then one line a file. ``json`` indents in pure
    Python (2 s for 10,000 files) and writes unindented JSON in C; a line a file still reads, and
    greps, well.

    >>> json.loads(_report_text({"summary": {"files": 0}, "files": []}))
    {'summary': {'files': 0}, 'files': []}
    """
    head = json.dumps({"summary": report["summary"]}, ensure_ascii=False, indent=1)
    files = ",\n  ".join(json.dumps(f, ensure_ascii=False) for f in report["files"])
    return head[: -len("\n}")] + ',\n "files": [' + (f"\n  {files}\n ]" if files else "]") + "\n}\n"


def _bar(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="page", desc="extract", disable=not enabled, file=sys.stderr, leave=False)
