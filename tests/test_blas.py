"""The BLAS is primed once in each process and thread that extracts (graph.blas), which changes no
score, and stays out of what the extraction cache is keyed by."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import graph.blas
from graph.build import Page, _extract_page
from graph.cache import extractor_files
from graph.extract.model import model_available

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def products(monkeypatch) -> list[int]:
    """The processes priming computed its product in, from now on (none yet in this thread)."""
    done: list[int] = []
    monkeypatch.setattr(graph.blas, "_prime_product", lambda: done.append(os.getpid()))
    monkeypatch.setattr(graph.blas, "_primed", threading.local())
    return done


def test_each_process_and_thread_primes_once(products):
    graph.blas.prime_blas()
    graph.blas.prime_blas()
    assert products == [os.getpid()]
    for _ in range(2):  # one thread after the other: the second may get the first's id
        thread = threading.Thread(target=graph.blas.prime_blas)
        thread.start()
        thread.join()
    assert products == [os.getpid()] * 3
    # a forked process starts with the library's buffers reset: it primes itself, though its
    # thread inherits this one's record
    receive, send = multiprocessing.Pipe(duplex=False)

    def in_child() -> None:
        graph.blas.prime_blas()
        graph.blas.prime_blas()
        send.send(products[3:])

    child = multiprocessing.get_context("fork").Process(target=in_child)
    child.start()
    send.close()
    assert receive.poll(60)
    primed_there = receive.recv()
    child.join()
    assert child.exitcode == 0 and primed_there == [child.pid]
    assert products == [os.getpid()] * 3


def test_a_page_is_extracted_primed(products):
    result = _extract_page(Page(Path("p.txt"), "p", "重庆日报讯 涪陵区今年新签约项目12个。\n"))
    assert not result.error and products == [os.getpid()]


def test_the_extraction_cache_does_not_depend_on_priming():
    """Priming changes no result: were it part of the extractor's sources, changing it would make
    every archive's cache stale (a full extraction again, for the same outputs)."""
    assert Path(graph.blas.__file__).resolve() not in {p.resolve() for p in extractor_files()}


PRIMING = """
import hashlib, sys
from pathlib import Path
import numpy as np
from graph.articles import split_page
from graph.blas import prime_blas
from graph.extract.model import MODEL_DIR, load_model
if sys.argv[1] == "on":
    prime_blas()
nlp = load_model(MODEL_DIR)
pages = sorted(Path(sys.argv[2]).glob("*.txt"))
docs = [nlp.make_doc(a.text) for f in pages for a in split_page(f.read_text("utf-8"), f.stem)]
h = hashlib.sha256()
for a in nlp.get_pipe("tagger").compiled.scores(docs):
    h.update(np.ascontiguousarray(a).tobytes())
print(h.hexdigest())
"""


@pytest.mark.skipif(not model_available(), reason="no model shipped")
def test_priming_the_blas_changes_no_score():
    """Each in a fresh process (priming lasts a thread's life), with one BLAS thread as a build
    runs: the tagger's scores of the sample pages are the same bits primed or not."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    digests = {
        primed: subprocess.run(
            [sys.executable, "-c", PRIMING, primed, str(SEEDS)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for primed in ("off", "on")
    }
    assert len(digests["on"]) == 64 and digests["on"] == digests["off"]
