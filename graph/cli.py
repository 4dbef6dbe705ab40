"""Command line: ``python -m graph build`` (or ``newsgraph build``)."""

from __future__ import annotations

import os

# One BLAS thread a process, set before numpy is loaded (BLAS reads it once): extraction runs one
# process a core (``--jobs``), and the model's narrow matrix products gain nothing from more threads.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

from graph.inputs import DEFAULT_MAX_MB  # noqa: E402
from graph.mentions import TYPES  # noqa: E402

DESCRIPTION = """Build a knowledge graph of districts, companies, people, projects, government
bodies and parks from Chinese news pages (plain text, one page per file)."""

BUILD_HELP = """Read news pages, split them into articles, extract and link entities, and write
the graph. INPUT is any number of files or folders (searched recursively for *.txt, *.htm and
*.html); with none, the sample pages in seeds/ are built. Encodings are detected (UTF-8 with or
without BOM, GB18030/GBK, Big5, UTF-16); HTML pages are reduced to their text.

Outputs in --out: articles.jsonl, entities.jsonl, relations.jsonl, attributes.jsonl (project
facts), graph.graphml and graph.gexf (Gephi), graph.html (open in a browser; works offline; a
large graph is drawn bounded to its most-mentioned entities), entities/ (a page for every entity,
entities/index.html lists them), report.json (every input file: built or skipped and why,
encoding, articles found). All are replaced together, only once the whole build has succeeded.

Every page's extraction is kept in --out's cache.sqlite, by content: with --update only new or
changed pages are extracted again, and the outputs are the same bytes as a full build's.

Exit status: 0 when the graph was built (unusable files are skipped, named on stderr and
listed in report.json), 1 when nothing could be built (one line on stderr says why; --out is
left untouched), 2 on wrong usage."""

BENCH_HELP = """Make a synthetic corpus from the sample pages (their lines drawn at random, with a fixed
seed, into new pages of the sample pages' sizes), build it with each --jobs count, and print
the throughput of every stage in MB/s, the peak memory, and the throughput of jieba.posseg on
the same text as the reference. Then time linking, relations and the graph on synthetic mentions
of growing numbers of pages, to show how they scale. Timings are only as steady as the machine:
compare the ratios printed in one run."""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m graph", description=DESCRIPTION)
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser(
        "build",
        help="build the graph from news pages",
        description=BUILD_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    b.add_argument("inputs", nargs="*", type=Path, metavar="INPUT", help="files or folders (default: seeds/)")
    b.add_argument(
        "--out", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: out/)"
    )
    b.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes for extraction (default: all cores)",
    )
    b.add_argument(
        "--max-size",
        type=float,
        default=DEFAULT_MAX_MB,
        metavar="MB",
        help=f"skip files larger than this, unread (default: {DEFAULT_MAX_MB:g}; 0: no limit)",
    )
    b.add_argument(
        "--overrides",
        type=Path,
        default=None,
        metavar="FILE",
        help="analyst corrections for the linker (default: overrides.toml in the current folder, if any)",
    )
    b.add_argument(
        "--update",
        action="store_true",
        help="take pages extracted before from OUT/cache.sqlite and extract only new or changed ones "
        "(the outputs are the same as a full build's)",
    )
    b.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write OUT/cache.sqlite (by default every build stores its extractions there)",
    )
    b.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="extract on a Dask cluster, e.g. tcp://host:8786 (needs newsgraph[dask] here and on the "
        "workers); linking and export stay here",
    )
    b.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    x = sub.add_parser(
        "explain",
        help="show why an entity has the names it has",
        description="Print the entity that has NAME as its name or one of its aliases, its mentions, "
        "and every merge with its rule and score, from a built graph.",
    )
    x.add_argument("name", metavar="NAME", help="any name or alias, e.g. 卓浩科技")
    x.add_argument(
        "--out", type=Path, default=Path("out"), metavar="DIR", help="built output (default: out/)"
    )
    bench = sub.add_parser(
        "bench",
        help="measure the build's speed and memory on a synthetic corpus",
        description=BENCH_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    bench.add_argument(
        "--mb", type=float, default=20.0, help="size of the synthetic corpus in MB of text (default: 20)"
    )
    bench.add_argument(
        "--jobs",
        default="1,2",
        metavar="N,N",
        help="worker counts to build the corpus with, compared (default: 1,2)",
    )
    bench.add_argument(
        "--ref-mb",
        type=float,
        default=5.0,
        metavar="MB",
        help="text of the corpus that jieba.posseg, the reference, tags (default: 5; 0: all of it)",
    )
    bench.add_argument(
        "--scale",
        default="1000,10000",
        metavar="N,N",
        help="page counts for the linking-and-graph scaling run on synthetic mentions "
        "(default: 1000,10000; '' to skip)",
    )
    bench.add_argument("--profile", action="store_true", help="also time each extractor component")
    bench.add_argument("--seed", type=int, default=7, help="random seed of the corpus (default: 7)")
    bench.add_argument(
        "--sources", type=Path, default=Path("seeds"), metavar="DIR", help="pages to draw lines from"
    )
    bench.add_argument(
        "--keep", type=Path, default=None, metavar="DIR", help="write the corpus here and keep it"
    )
    args = ap.parse_args(argv)

    if args.command == "build":
        return _build(args)
    if args.command == "bench":
        from graph.bench import main as bench_main

        return bench_main(args)
    if args.command == "explain":
        from graph.explain import main as explain

        return explain(args.name, args.out)
    return 2


def _build(args: argparse.Namespace) -> int:
    from graph.build import InputError, build

    if args.jobs is not None and args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 2
    if args.max_size < 0:
        print("error: --max-size must not be negative", file=sys.stderr)
        return 2
    if args.update and args.no_cache:
        print("error: --update needs the cache: leave out --no-cache", file=sys.stderr)
        return 2
    inputs = args.inputs or [Path("seeds")]
    try:
        overrides = args.overrides or (Path("overrides.toml") if Path("overrides.toml").is_file() else None)
        res = build(
            inputs,
            args.out,
            jobs=args.jobs,
            progress=not args.quiet,
            max_mb=args.max_size,
            overrides=overrides,
            update=args.update,
            cache=not args.no_cache,
            scheduler=args.scheduler,
        )
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the outputs could not be written: out/ is as it was
        print(f"error: cannot write to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"interrupted: {args.out} left as it was", file=sys.stderr)
        return 130
    if not args.quiet:
        types = Counter(e.type for e in res.entities)
        rels = Counter(r.type for r in res.relations)
        print(
            f"{len(res.articles)} articles from {len({a.doc for a in res.articles})} pages"
            + (
                f" ({len(res.skipped)} {'file' if len(res.skipped) == 1 else 'files'} skipped,"
                f" see {args.out / 'report.json'})"
                if res.skipped
                else ""
            )
        )
        print(
            "entities: "
            + ", ".join(f"{t} {types.get(t, 0)}" for t in TYPES)
            + f" (total {len(res.entities)})"
        )
        print(
            "relations: "
            + ", ".join(f"{t} {n}" for t, n in sorted(rels.items()))
            + f" (total {len(res.relations)})"
        )
        for name, size in res.files.items():
            print(f"  {args.out / name}  {size:,} bytes")
        if args.update:
            print(f"pages extracted: {res.extracted}, taken from the cache: {res.cached}")
        print(f"done in {res.seconds:.1f} s")
    return 0
