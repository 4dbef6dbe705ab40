"""Write a synthetic archive for the end-to-end scale check: pages of sample articles whose names
are respelled, so that the archive has as many different companies, people and projects as a real
one of its size would, not the sample pages' few hundred.

``python -m graph bench`` draws a corpus from the sample pages' lines: the right text for timing
extraction, but every page names the same entities. Here each article is a sample article with its
names respelled (``graph.bench``'s synthetic mentions, written out as text): article ``k`` takes
one of ``k ** 0.8`` spellings, so the vocabulary grows with the archive as a real one's does
(Heaps' law). The extractor then has to find the new names on its own.

    python tools/make_archive.py /tmp/archive --pages 100000
    /usr/bin/time -v python -m graph build /tmp/archive --out /tmp/archive-out --jobs 2
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from graph import bench


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dest", type=Path, help="folder for the pages (created; same-named pages replaced)")
    ap.add_argument("--pages", type=int, default=100_000)
    ap.add_argument("--per-page", type=float, default=1.5, help="articles a page, on average (default: 1.5)")
    ap.add_argument(
        "--sources",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "seeds",
        help="sample pages (default: the project's seeds/)",
    )
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    arts, ments, _ = bench._seed_extraction(args.sources)
    templates = bench._templates(arts, ments)
    pool = "".join(sorted({c for t in templates for c in t.article.text if "\u4e00" <= c <= "\u9fff"}))
    rng = random.Random(args.seed)
    args.dest.mkdir(parents=True, exist_ok=True)
    total = k = 0
    for page in range(args.pages):
        texts = []
        whole, part = divmod(args.per_page, 1)
        for _ in range(int(whole) + (rng.random() < part)):
            tpl = templates[rng.randrange(len(templates))]
            variant = rng.randrange(1 + int(k**0.8))
            art, _ms = bench._respell(tpl, variant, pool, "archive", k)
            texts.append(art.text)
            k += 1
        data = ("\n\n".join(texts) + "\n").encode("utf-8")
        (args.dest / f"{page:06d}.txt").write_bytes(data)
        total += len(data)
    print(f"{args.pages:,} pages, {k:,} articles, {total / 1e6:.1f} MB in {args.dest}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
