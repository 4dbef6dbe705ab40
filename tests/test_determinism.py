"""The same inputs give byte-identical outputs, whatever the order they are listed in, the number of
worker processes, or the interpreter's string hashing (sets of strings iterate in a different order
under another ``PYTHONHASHSEED``, and every worker process has its own)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.build import OUTPUTS, PARALLEL_MIN_PAGES
from graph.export.pages import PAGES_DIR

from .conftest import ROOT, SEEDS

CLI = (sys.executable, "-m", "graph", "build")


def _build(files_or_dirs: list[Path], out: Path, jobs: int, hashseed: str) -> None:
    proc = subprocess.run(
        [*CLI, *map(str, files_or_dirs), "--out", str(out), "--jobs", str(jobs), "--quiet"],
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": hashseed},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds and copies of three of them under new names: enough pages to go parallel, and the
    same names in several documents, where ties in any ordering would show."""
    d = tmp_path_factory.mktemp("corpus")
    seeds = sorted(SEEDS.glob("*.txt"))
    for p in seeds:
        shutil.copy(p, d / p.name)
    for p in seeds[-3:]:
        shutil.copy(p, d / f"copy_{p.name}")
    assert len(list(d.iterdir())) >= PARALLEL_MIN_PAGES
    return d


def test_outputs_do_not_depend_on_input_order_jobs_or_hashing(corpus, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    _build([corpus], a, jobs=1, hashseed="1")
    files = sorted(corpus.iterdir(), reverse=True)  # each file named, in the opposite order
    _build(files, b, jobs=2, hashseed="2")
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), f"{name} differs"
    pages_a, pages_b = sorted((a / PAGES_DIR).rglob("*.html")), sorted((b / PAGES_DIR).rglob("*.html"))
    assert [p.relative_to(a) for p in pages_a] == [p.relative_to(b) for p in pages_b] and len(pages_a) > 100
    for pa, pb in zip(pages_a, pages_b, strict=True):
        assert pa.read_bytes() == pb.read_bytes(), f"{pa.relative_to(a)} differs"
    report = (a / "report.json").read_text(encoding="utf-8")
    assert '"built": 8' in report
