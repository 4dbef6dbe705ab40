"""Command line: ``python -m graph build`` (or ``newsgraph build``)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from graph.mentions import TYPES

DESCRIPTION = """Build a knowledge graph of districts, companies, people, projects, government
bodies and parks from Chinese news pages (plain text, one page per file)."""

BUILD_HELP = """Read news pages, split them into articles, extract and link entities, and write
the graph. INPUT is any number of .txt files or folders (searched recursively for *.txt);
with none, the sample pages in seeds/ are built.

Outputs in --out: articles.jsonl, entities.jsonl, relations.jsonl, graph.graphml (Gephi),
graph.html (open in a browser; works offline).

Exit status: 0 when the graph was built (unreadable files are skipped and listed),
1 when nothing could be built, 2 on wrong usage."""


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
    b.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    args = ap.parse_args(argv)

    if args.command == "build":
        return _build(args)
    return 2


def _build(args: argparse.Namespace) -> int:
    from graph.build import InputError, build

    inputs = args.inputs or [Path("seeds")]
    try:
        res = build(inputs, args.out, jobs=args.jobs, progress=not args.quiet)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        types = Counter(e.type for e in res.entities)
        rels = Counter(r.type for r in res.relations)
        print(
            f"{len(res.articles)} articles from {len({a.doc for a in res.articles})} pages"
            + (f" ({len(res.skipped)} files skipped)" if res.skipped else "")
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
        print(f"done in {res.seconds:.1f} s")
    return 0
