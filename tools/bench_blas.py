"""Does priming the BLAS (:func:`graph.blas.prime_blas`) pay on this machine?

    python tools/bench_blas.py                     # the products, then the seed pages extracted
    python tools/bench_blas.py --pages 'out-corpus/*.txt' --repeat 3

Each measurement runs in a fresh interpreter with one BLAS thread (as ``python -m graph`` sets),
unprimed and primed alternately, since the state it is about is a process's and a thread's own. It
prints the GFLOP/s of products of the tagger's shapes (the residual blocks': 192 by 192), and the
seconds of extracting the pages, with the ratio of each.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTS = """
import json, time, numpy as np
from graph.blas import prime_blas
if {primed}:
    prime_blas()
rng = np.random.default_rng(0)
X = rng.standard_normal((5000, 192)).astype("f")
W = rng.standard_normal((192, 192)).astype("f")
X @ W.T
t = time.perf_counter()
for _ in range(40):
    X @ W.T
print(json.dumps(2 * 5000 * 192 * 192 * 40 / (time.perf_counter() - t) / 1e9))
"""

EXTRACT = """
import json, sys, time
from pathlib import Path
import graph.build
from graph.build import read_page, warm_up, _extract_page
if not {primed}:
    graph.build.prime_blas = lambda: None
pages = [read_page(Path(p)) for p in {paths!r}]
warm_up()
t = time.perf_counter()
for p in pages:
    _extract_page(p)
print(json.dumps(time.perf_counter() - t))
"""


def _run(code: str) -> float:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stderr)
    return float(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", default=str(ROOT / "seeds" / "*.txt"), help="glob of pages to extract")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each (default: 3)")
    args = ap.parse_args()
    paths = sorted(glob.glob(args.pages))
    if not paths:
        sys.exit(f"no pages match {args.pages}")
    mb = sum(os.path.getsize(p) for p in paths) / 1e6

    for label, code, unit, better in (
        ("products 5000×192 by 192×192", PRODUCTS, "GFLOP/s", max),
        (f"extraction of {len(paths)} pages ({mb:.2f} MB)", EXTRACT, "s", min),
    ):
        runs: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(args.repeat):
            for primed in (False, True):
                runs[primed].append(_run(code.format(primed=primed, paths=paths)))
        cold, warm = statistics.median(runs[False]), statistics.median(runs[True])
        ratio = warm / cold if better is max else cold / warm
        print(f"{label}: unprimed {cold:.2f} {unit}, primed {warm:.2f} {unit}: ×{ratio:.2f}")
        shown = {k: [round(x, 2) for x in v] for k, v in runs.items()}
        print(f"  {args.repeat} runs each: unprimed {shown[False]}, primed {shown[True]} (medians above)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
