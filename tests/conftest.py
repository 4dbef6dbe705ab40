from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def seed_pages() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    if not GOLD.exists():
        pytest.skip("development gold (../shared/gold) not present")
    return {
        p.name[: -len(".gold.json")]: json.loads(p.read_text(encoding="utf-8"))
        for p in GOLD.glob("*.gold.json")
    }


@dataclass
class SeedsBuild:
    out: Path
    stdout: str


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> SeedsBuild:
    """The seeds built once, as a user runs it, for every test that reads the outputs."""
    out = tmp_path_factory.mktemp("out")
    proc = subprocess.run(
        [sys.executable, "-m", "graph", "build", str(SEEDS), "--out", str(out), "--jobs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return SeedsBuild(out, proc.stdout)


@dataclass
class SeedsExtracted:
    articles: list
    mentions: list

    @property
    def texts(self) -> dict[str, str]:
        return {a.id: a.text for a in self.articles}


@pytest.fixture(scope="session")
def seeds_extracted(tmp_path_factory) -> SeedsExtracted:
    """The seeds' articles and mentions, extracted in this process (for tests of the later stages)."""
    from graph.build import _extract_page, read_pages

    pages, _ = read_pages([SEEDS], tmp_path_factory.mktemp("no-out"), None)
    arts, ments = [], []
    for page, _rep in pages:
        res = _extract_page(page)
        arts += res.articles
        ments += [m for ms in res.mentions.values() for m in ms]
    return SeedsExtracted(arts, ments)


def _dying_words(windows):
    import os

    os._exit(3)


def words_reader_dies(mp: pytest.MonkeyPatch) -> None:
    """Make the process that reads the linker's words die when asked for them, and let a second
    process be kept whatever this machine's memory (for the tests of what a build does then)."""
    import graph.build

    mp.setattr(graph.build, "window_words", _dying_words)
    mp.setattr(graph.build, "affordable", lambda jobs: jobs)
