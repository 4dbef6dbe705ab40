"""The BLAS primed before a process or thread extracts: the tagger's products run 2.5× faster.

Measured with numpy 2.4 and the OpenBLAS it bundles (0.3.31, one thread, AMD EPYC): products of
the tagger's shapes (inner sizes of 64 to 192: the embeddings' two tables of 64, the blocks'
windows of three tokens of 64, the output's 64) ran at 12–13 GFLOP/s in a thread that had never
computed a product with an inner size of 256 or more, and at 30–36 GFLOP/s once it had, for the
rest of its life; the whole extraction ran 1.6× faster (15.1 s against 9.3 s for 1 MB of pages on
one core; ``tools/bench_blas.py``). The state is the library's own and kept per thread, and a
forked process starts without it (OpenBLAS resets its buffers in the child), so every worker
primes itself. One product costs about 2 ms; a BLAS without the effect loses those.

It lives apart from the extractor (:mod:`graph.extract`) on purpose: the cache keys every page's
extraction by the extractor's sources (:func:`graph.cache.extractor_version`), and priming
changes no score (a test compares the bits), so it must not make every archive's cache stale.
"""

from __future__ import annotations

import os
import threading

import numpy as np

PRIME_SHAPE = (256, 384, 384)
"""The product :func:`prime_blas` computes: one with an inner size of 384."""

_primed = threading.local()
"""``pid``: the process in which this thread primed the BLAS (a forked child's thread inherits the
value; a new thread starts without one, even one that reuses an ended thread's id)."""


def prime_blas() -> None:
    """Multiply two matrices with a large inner size, once in this process and thread."""
    if getattr(_primed, "pid", None) != os.getpid():
        _prime_product()
        _primed.pid = os.getpid()


def _prime_product() -> None:
    m, k, n = PRIME_SHAPE
    np.ones((m, k), dtype="f") @ np.ones((k, n), dtype="f")
