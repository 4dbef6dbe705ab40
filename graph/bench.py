"""``python -m graph bench``: how fast the build is, where the time goes, and how it scales.

Four measurements, all in one run so that their ratios are fair even on a busy machine:

1. **The build, by stage.** A synthetic corpus is made from the sample pages — their lines drawn at
   random with a fixed seed into new pages of the sample pages' sizes — and built with each
   ``--jobs`` count, each build in a fresh process (so that its peak memory is its own). Every stage
   is shown in MB/s of input text. The reference is ``jieba.posseg`` tagging the same text.
2. **Incremental.** Ten new pages are added to the corpus and built with ``--update``, against the
   full build before it.
3. **The extractor, by component** (``--profile``): each component of the spaCy pipeline timed
   on the sample pages, with and without the statistical model when one is shipped.
4. **Scaling of linking, relations and the graph.** These see every mention at once, so they are what
   could stop a large archive. They are timed on synthetic mentions of 1,000 → 10,000 (→ 100,000)
   pages, made without extracting: each page is a sample article whose names are respelled
   (consistently, character by character, from a vocabulary that grows with the corpus), so that
   the number of distinct entities grows as in a real archive instead of staying the samples'.

Caveat, printed with the figures: lines drawn from five pages repeat, and some of the extractor's
look-ups are memoised (jieba windows around a company suffix), so extraction of the synthetic
corpus is a little faster than of as much new text; the component profile on the sample pages,
which are all new text to it, shows the difference.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import multiprocessing
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import zlib
from collections.abc import Iterable
from pathlib import Path

from graph.articles import Article
from graph.mentions import Mention

MB = 1e6
"""Megabytes are 10^6 bytes of UTF-8 text, as the files hold it (a Chinese character is 3 bytes)."""
NEW_PAGES = 10
ISOLATE = True
"""Each build and scaling step runs in a fresh interpreter, so that its peak memory is its own and
nothing one step loaded or memoised speeds up the next."""
STAGES = (
    ("read", "read and normalise"),
    ("split_cpu", "split"),
    ("extract_cpu", "extract"),
    ("link", "link"),
    ("relations", "relations"),
    ("graph", "graph"),
    ("export", "export"),
    ("cache", "cache (store)"),
)


# ---------------------------------------------------------------- the corpus


def source_lines(sources: Path) -> tuple[list[str], list[int]]:
    """The non-empty lines of the sample pages, and the pages' sizes in bytes."""
    from graph.inputs import find_inputs, read_input

    files, _ = find_inputs([sources])
    lines: list[str] = []
    sizes: list[int] = []
    for f in files:
        text = read_input(f, None).raw
        lines += [ln.strip() for ln in text.splitlines() if ln.strip()]
        sizes.append(len(text.encode("utf-8")))
    if not lines:
        raise SystemExit(f"error: no text in {sources} to make a corpus from")
    return lines, sizes


def make_pages(
    lines: list[str], sizes: list[int], count: int | None, mb: float | None, seed: int
) -> list[str]:
    """Synthetic pages: each as long as a sample page picked at random, filled with sample lines
    drawn at random (a blank line between them, as the sample pages have), until ``count`` pages or
    ``mb`` megabytes."""
    rng = random.Random(seed)
    pages: list[str] = []
    total = 0
    while (count is None or len(pages) < count) and (mb is None or total < mb * MB):
        target = rng.choice(sizes)
        page: list[str] = []
        size = 0
        while size < target:
            line = rng.choice(lines)
            page.append(line)
            size += len(line.encode("utf-8")) + 2
        text = "\n\n".join(page) + "\n"
        pages.append(text)
        total += len(text.encode("utf-8"))
    return pages


def make_corpus(
    dest: Path, mb: float, seed: int = 7, sources: Path = Path("seeds"), prefix: str = ""
) -> list[Path]:
    """Write a synthetic corpus of about ``mb`` megabytes into ``dest``; returns the files."""
    lines, sizes = source_lines(sources)
    dest.mkdir(parents=True, exist_ok=True)
    files = []
    for i, text in enumerate(make_pages(lines, sizes, None, mb, seed)):
        f = dest / f"{prefix}{i:06d}.txt"
        f.write_text(text, encoding="utf-8")
        files.append(f)
    return files


# ---------------------------------------------------------------- measuring a build in its own process


def _peak_rss(who: int) -> int:
    """Peak resident memory in bytes. For this process, Linux's ``VmHWM``: ``ru_maxrss`` survives
    ``exec``, so a freshly started interpreter would report at least the memory its parent had when
    it started it. For children (the worker processes), ``ru_maxrss`` (in KB on Linux, in bytes on
    macOS), which counts the pages they share with the process that forked them."""
    if who == resource.RUSAGE_SELF:
        try:
            with open("/proc/self/status", encoding="ascii") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
    kb = resource.getrusage(who).ru_maxrss
    return kb if sys.platform == "darwin" else kb * 1024


def _child_build(inputs: list[str], out: str, jobs: int, update: bool) -> dict:
    from graph.build import build

    res = build([Path(p) for p in inputs], Path(out), jobs=jobs, progress=False, update=update)
    return {
        "timings": res.timings,
        "extracted": res.extracted,
        "cached": res.cached,
        "bytes": res.input_bytes,
        "pages": sum(r.status == "built" for r in res.report),
        "articles": len(res.articles),
        "mentions": sum(len(e.mentions) for e in res.entities),
        "entities": len(res.entities),
        "relations": len(res.relations),
        "rss": _peak_rss(resource.RUSAGE_SELF),
        "rss_workers": _peak_rss(resource.RUSAGE_CHILDREN),
    }


def _answer(target, args: tuple, conn) -> None:
    """Send what ``target(*args)`` returns, or the error it raised, through ``conn``."""
    try:
        conn.send(target(*args))
    except BaseException as exc:
        conn.send({"error": f"{type(exc).__name__}: {exc}"})
        raise
    finally:
        conn.close()


class _Answer:
    """Stands in for a pipe when a step runs in this process (:data:`ISOLATE` off, in the tests)."""

    value: dict | None = None

    def send(self, value: dict) -> None:
        self.value = value

    def close(self) -> None:
        pass


def _in_child(target, *args) -> dict:
    """Run ``target(*args)`` in a fresh interpreter and return what it returned."""
    if not ISOLATE:
        answer = _Answer()
        _answer(target, args, answer)
        assert answer.value is not None
        return answer.value
    ctx = multiprocessing.get_context("spawn")
    here, there = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_answer, args=(target, args, there))
    proc.start()
    there.close()
    try:
        answer = here.recv()
    except EOFError:
        answer = {"error": "the process died without an answer"}
    proc.join()
    if "error" in answer:
        raise SystemExit(f"error: benchmark step failed: {answer['error']}")
    return answer


def run_build(inputs: list[Path], out: Path, jobs: int, update: bool = False) -> dict:
    return _in_child(_child_build, [str(p) for p in inputs], str(out), jobs, update)


# ---------------------------------------------------------------- the reference


def posseg_seconds(texts: Iterable[str]) -> float:
    """Seconds ``jieba.posseg`` takes to tag ``texts`` (its dictionary loaded beforehand)."""
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(60)
    pseg.lcut("重庆日报记者")  # loads the dictionary and the HMM, outside the timing
    t0 = time.perf_counter()
    for t in texts:
        pseg.lcut(t)
    return time.perf_counter() - t0


# ---------------------------------------------------------------- the extractor by component


def component_seconds(texts: list[str], use_model: bool) -> dict[str, float]:
    """Seconds each pipeline component spends on ``texts`` (split into articles first), run as
    ``nlp.pipe`` runs them: each component over the whole batch, with its own ``pipe`` when it
    has one (the statistical model batches there)."""
    from graph.articles import split_page
    from graph.blas import prime_blas
    from graph.extract.pipeline import build_nlp

    nlp = build_nlp(use_model=use_model)
    arts = [a.text for i, t in enumerate(texts) for a in split_page(t, f"p{i}")]
    nlp("重庆渝拓化工有限公司在江津区。")  # wake the lazy loaders outside the timing
    prime_blas()  # (as a build's extraction does: see graph.blas)
    out: dict[str, float] = {}
    t0 = time.perf_counter()
    docs = [nlp.make_doc(t) for t in arts]
    out["make_doc"] = time.perf_counter() - t0
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        out[name] = time.perf_counter() - t0
    return out


# ---------------------------------------------------------------- synthetic mentions at scale


@dataclasses.dataclass
class _Template:
    """A sample article ready to be respelled: which positions of its text belong to names that
    may change (not places or government bodies, a closed set; not the last two characters of a
    long name, its suffix: 有限公司, 项目, 园区…)."""

    article: Article
    mentions: list[Mention]
    mutable: list[int]


def _templates(articles: list[Article], mentions: dict[str, list[Mention]]) -> list[_Template]:
    out = []
    for a in articles:
        ms = mentions.get(a.id, [])
        names: set[int] = set()
        fixed: set[int] = set()
        for m in ms:
            if m.type in ("district", "government"):
                fixed.update(range(m.start, m.end))
            else:
                names.update(range(m.start, m.end))
                if m.end - m.start >= 4:
                    fixed.update(range(m.end - 2, m.end))
        if ms:
            out.append(_Template(a, ms, sorted(names - fixed)))
    return out


def _respell(tpl: _Template, variant: int, pool: str, doc: str, index: int) -> tuple[Article, list[Mention]]:
    """The article with its names respelled for ``variant`` (0 keeps them): every changeable
    character maps to another by a hash of (variant, character), so a name is respelled the same
    way wherever it appears, inside a longer name too."""
    a = tpl.article
    text = a.text
    if variant and tpl.mutable:
        chars = list(text)
        for i in tpl.mutable:
            c = chars[i]
            if "\u4e00" <= c <= "\u9fff":
                chars[i] = pool[zlib.crc32(f"{variant}:{c}".encode()) % len(pool)]
        text = "".join(chars)
    aid = f"{doc}#{index}"
    art = dataclasses.replace(a, id=aid, doc=doc, index=index, text=text, path="")
    old_to_new = {m.surface: text[m.start : m.end] for m in tpl.mentions}
    ms = []
    for m in tpl.mentions:
        surface = text[m.start : m.end]
        ms.append(
            dataclasses.replace(
                m,
                doc=doc,
                article=aid,
                surface=surface,
                ref=old_to_new.get(m.ref) if m.ref else None,
                kb=m.kb if surface == m.surface else None,
            )
        )
    return art, ms


def synthetic_mentions(
    templates: list[_Template], pages: int, seed: int = 7
) -> tuple[list[Article], list[Mention]]:
    """``pages`` synthetic pages of one article each. Page ``k`` respells a random sample article
    with a variant drawn from ``k ** 0.8`` of them: the vocabulary of names grows sublinearly with
    the corpus (Heaps' law), as a real archive's does."""
    rng = random.Random(seed)
    pool = "".join(sorted({c for t in templates for c in t.article.text if "\u4e00" <= c <= "\u9fff"}))
    articles: list[Article] = []
    mentions: list[Mention] = []
    for k in range(pages):
        tpl = templates[rng.randrange(len(templates))]
        variant = rng.randrange(1 + int(k**0.8))
        art, ms = _respell(tpl, variant, pool, f"syn{k:07d}", 1)
        articles.append(art)
        mentions += ms
    return articles, mentions


def _child_scale(blob: bytes, pages: int) -> dict:
    from graph.cache import decode_result
    from graph.link import link
    from graph.network import build_graph
    from graph.relations import extract_relations

    arts, ments, _ = decode_result(blob)
    articles, mentions = synthetic_mentions(_templates(arts, ments), pages)
    t0 = time.perf_counter()
    entities = link(mentions, {a.id: a.text for a in articles})
    t1 = time.perf_counter()
    relations = extract_relations(articles, entities)
    t2 = time.perf_counter()
    g = build_graph(entities, relations)
    t3 = time.perf_counter()
    return {
        "pages": pages,
        "bytes": sum(len(a.text.encode("utf-8")) for a in articles),
        "mentions": len(mentions),
        "entities": len(entities),
        "relations": len(relations),
        "nodes": g.number_of_nodes(),
        "link": t1 - t0,
        "relations_s": t2 - t1,
        "graph": t3 - t2,
        "rss": _peak_rss(resource.RUSAGE_SELF),
    }


# ---------------------------------------------------------------- the report


def _rate(nbytes: float, seconds: float) -> str:
    return f"{nbytes / MB / seconds:8.2f}" if seconds > 0 else "       -"


def _gb(n: float) -> str:
    return f"{n / 2**30:.2f} GB" if n >= 2**30 else f"{n / 2**20:.0f} MB"


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.replace(" ", "").split(",") if x]


def _machine() -> str:
    try:
        load = f", load average {os.getloadavg()[0]:.1f}"
    except OSError:
        load = ""
    return f"{os.cpu_count()} cores{load}"


def _stage_table(r: dict, jobs: int) -> list[str]:
    """One row per stage. Split and extract are the time pages spent in them, added up over the
    workers: with several jobs that is more than the wall time (shown below the table), so their
    share of the build is left out."""
    t = r["timings"]
    nbytes = r["bytes"]
    total = t["total"]
    rows = [f"  {'stage':<22}{'seconds':>9}{'MB/s':>9}{'share':>8}"]
    for key, label in STAGES:
        s = t.get(key, 0.0)
        summed = key.endswith("_cpu") and jobs > 1
        label = f"{label} (all workers)" if summed else label
        share = f"{'':>8}" if summed else f"{s / total:8.1%}"
        rows.append(f"  {label:<22}{s:9.2f}{_rate(nbytes, s)}{share}")
    rows.append(
        f"  {'load the extractor':<22}{t.get('load', 0.0):9.2f}{'':>9}{t.get('load', 0.0) / total:8.1%}"
    )
    rows.append(f"  {'whole build':<22}{total:9.2f}{_rate(nbytes, total)}{1:8.0%}")
    return rows


def main(args: argparse.Namespace) -> int:
    """The ``bench`` command."""
    jobs = _ints(args.jobs) or [1]
    scale = _ints(args.scale)
    if args.mb <= 0 or any(j < 1 for j in jobs) or any(n < 1 for n in scale):
        print("error: --mb, --jobs and --scale need positive numbers", file=sys.stderr)
        return 2
    if not args.sources.is_dir():
        print(f"error: {args.sources}: no such folder", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="newsgraph-bench-"))
    try:
        return _bench(args, jobs, scale, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _bench(args: argparse.Namespace, jobs: list[int], scale: list[int], work: Path) -> int:
    corpus = args.keep or work / "corpus"
    files = make_corpus(corpus, args.mb, args.seed, args.sources)
    nbytes = sum(f.stat().st_size for f in files)
    say = print
    say(
        f"newsgraph bench: {nbytes / MB:.1f} MB synthetic corpus, {len(files):,} pages "
        f"(lines of {args.sources}/ drawn with seed {args.seed}); {_machine()}"
    )
    say("timings are wall seconds on this machine as it is: compare the ratios within one run")

    runs: dict[int, dict] = {}
    for n in jobs:
        print(f"building with --jobs {n} ...", file=sys.stderr, flush=True)
        r = run_build([corpus], work / f"out-{n}", n)
        runs[n] = r
        t = r["timings"]
        say(
            f"\nbuild --jobs {n}: {r['pages']:,} pages, {r['articles']:,} articles, "
            f"{r['mentions']:,} mentions, {r['entities']:,} entities, {r['relations']:,} relations"
        )
        say("\n".join(_stage_table(r, n)))
        workers = f", largest worker {_gb(r['rss_workers'])}" if r["rss_workers"] else ""
        say(f"  peak memory: main process {_gb(r['rss'])}{workers}")
        rate = _rate(nbytes, t["extract"]).strip()
        say(f"  extraction (split + extract, wall): {t['extract']:.2f} s, {rate} MB/s")
    first = runs[jobs[0]]
    for n in jobs[1:]:
        a, b = first["timings"], runs[n]["timings"]
        say(
            f"\nspeed-up of --jobs {n} over --jobs {jobs[0]}: whole build ×{a['total'] / b['total']:.2f}, "
            f"extraction ×{a['extract'] / b['extract']:.2f}"
        )

    # the reference, on the same text
    from graph.inputs import read_input

    texts = [read_input(f, None).text for f in files]
    ref_bytes = 0
    sample = []
    for t in texts:
        if args.ref_mb and ref_bytes >= args.ref_mb * MB:
            break
        sample.append(t)
        ref_bytes += len(t.encode("utf-8"))
    ref_s = posseg_seconds(sample)
    ref = ref_bytes / MB / ref_s
    t1 = first["timings"]
    whole = nbytes / MB / t1["total"]
    extraction = nbytes / MB / (t1["split_cpu"] + t1["extract_cpu"])
    say(
        f"\nreference: jieba.posseg {ref:.3f} MB/s ({ref_bytes / MB:.1f} MB of the same text, one core)\n"
        f"  whole build --jobs {jobs[0]} {whole:.3f} MB/s = ×{whole / ref:.2f} posseg "
        f"(load of the extractor included); split + extract alone {extraction:.3f} MB/s "
        f"= ×{extraction / ref:.2f}"
    )

    # incremental: ten new pages
    lines, sizes = source_lines(args.sources)
    extra = work / "new"
    extra.mkdir()
    for i, text in enumerate(make_pages(lines, sizes, NEW_PAGES, None, args.seed + 1)):
        (extra / f"new{i:03d}.txt").write_text(text, encoding="utf-8")
    out = work / f"out-{jobs[0]}"
    up = run_build([corpus, extra], out, jobs[0], update=True)
    tu = up["timings"]
    say(
        f"\nincremental: {NEW_PAGES} new pages, build --update --jobs {jobs[0]}: {tu['total']:.1f} s "
        f"(extracted {up['extracted']}, from the cache {up['cached']:,}; read {tu['read']:.1f} s, "
        f"cache {tu['cache']:.1f} s, extract {tu['extract'] + tu['load']:.1f} s, link {tu['link']:.1f} s, "
        f"relations {tu['relations']:.1f} s, graph {tu['graph']:.1f} s, export {tu['export']:.1f} s) "
        f"against {t1['total']:.1f} s for the full build"
    )

    if args.profile:
        _profile(args.sources, say)
    if scale:
        _scale(args.sources, scale, say)
    if args.keep:
        say(f"\ncorpus kept in {args.keep}")
    return 0


@functools.lru_cache(maxsize=2)
def _seed_extraction(sources: Path) -> tuple[list[Article], dict[str, list[Mention]], list[str]]:
    """Articles, mentions and texts of the sample pages (memoised: the profile and the scaling run
    both start from them; they are not changed)."""
    from graph.build import _extract_page, read_pages

    pages, _ = read_pages([sources], Path(tempfile.gettempdir()) / "no-such-out", None)
    arts: list[Article] = []
    ments: dict[str, list[Mention]] = {}
    texts = []
    for p, _rep in pages:
        res = _extract_page(p)
        arts += res.articles
        ments.update(res.mentions)
        texts.append(p.text)
    return arts, ments, texts


def _profile(sources: Path, say) -> None:
    from graph.extract.model import model_available

    _, _, texts = _seed_extraction(sources)
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    variants = [True, False] if model_available() else [False]
    for use_model in variants:
        secs = component_seconds(texts, use_model)
        total = sum(secs.values())
        say(
            f"\nextractor components on {sources}/ ({nbytes / MB:.3f} MB, new text), "
            f"{'with' if use_model else 'without'} the statistical model: {total:.2f} s, "
            f"{nbytes / MB / total:.3f} MB/s"
        )
        for name, s in secs.items():
            say(f"  {name:<22}{s:8.2f} s{s / total:8.1%}")
    ref_s = posseg_seconds(texts)
    say(f"  jieba.posseg on the same text: {ref_s:.2f} s, {nbytes / MB / ref_s:.3f} MB/s")


def _scale(sources: Path, sizes: list[int], say) -> None:
    from graph.cache import encode_result

    arts, ments, _ = _seed_extraction(sources)
    blob = encode_result(arts, ments, [])
    say(
        "\nlinking, relations and graph on synthetic mentions (a page = one sample article, names "
        "respelled; vocabulary grows as pages^0.8):"
    )
    say(
        f"  {'pages':>8}{'MB':>7}{'mentions':>10}{'entities':>10}{'relations':>10}"
        f"{'link s':>8}{'rel. s':>8}{'graph s':>8}{'µs/mention':>11}{'peak':>9}"
    )
    for n in sizes:
        r = _in_child(_child_scale, blob, n)
        total = r["link"] + r["relations_s"] + r["graph"]
        say(
            f"  {n:>8,}{r['bytes'] / MB:7.1f}{r['mentions']:>10,}{r['entities']:>10,}{r['relations']:>10,}"
            f"{r['link']:8.1f}{r['relations_s']:8.1f}{r['graph']:8.1f}{total / r['mentions'] * 1e6:11.0f}"
            f"{_gb(r['rss']):>9}",
            flush=True,
        )
