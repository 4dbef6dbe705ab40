"""``python -m graph bench``: the synthetic corpus and mentions are what they claim to be, and the
command prints every figure. (Figures only: nothing here asserts a speed.)"""

from __future__ import annotations

import pytest

import graph.bench
from graph.bench import (
    _seed_extraction,
    _templates,
    component_seconds,
    make_corpus,
    source_lines,
    synthetic_mentions,
)
from graph.cli import main

from .conftest import SEEDS


def test_the_corpus_is_reproducible_of_the_size_asked_and_made_of_seed_lines(tmp_path):
    a = make_corpus(tmp_path / "a", 0.1, seed=3, sources=SEEDS)
    b = make_corpus(tmp_path / "b", 0.1, seed=3, sources=SEEDS)
    c = make_corpus(tmp_path / "c", 0.1, seed=4, sources=SEEDS)
    assert [f.read_bytes() for f in a] == [f.read_bytes() for f in b]
    assert [f.read_bytes() for f in a] != [f.read_bytes() for f in c]
    lines, sizes = source_lines(SEEDS)
    total = sum(f.stat().st_size for f in a)
    assert 0.1e6 <= total < 0.1e6 + max(sizes) + 1000
    known = set(lines)
    for f in a:
        page = [ln for ln in f.read_text(encoding="utf-8").splitlines() if ln]
        assert set(page) <= known
        assert min(sizes) - 1000 < f.stat().st_size < max(sizes) + 1000  # a page of a real page's size


@pytest.fixture(scope="module")
def seed_extraction():
    arts, ments, _ = _seed_extraction(SEEDS)
    return arts, ments


def test_synthetic_mentions_point_at_their_text_and_the_vocabulary_grows(seed_extraction):
    arts, ments = seed_extraction
    templates = _templates(arts, ments)
    seed_places = {m.surface for ms in ments.values() for m in ms if m.type == "district"}
    _, small = synthetic_mentions(templates, 30)
    articles, mentions = synthetic_mentions(templates, 600)
    assert len({a.id for a in articles}) == 600
    texts = {a.id: a.text for a in articles}
    by_article: dict[str, set[str]] = {}
    for m in mentions:
        assert texts[m.article][m.start : m.end] == m.surface
        by_article.setdefault(m.article, set()).add(m.surface)
    for m in mentions:
        assert m.ref is None or m.ref in by_article[m.article]
    assert {m.surface for m in mentions if m.type == "district"} <= seed_places  # places are not respelled
    names = {(m.type, m.surface) for m in mentions}
    assert len(names) > 3 * len({(m.type, m.surface) for m in small})
    assert len(names) < len(mentions) / 2  # names recur, as in real news


def test_component_timings_name_every_component():
    from graph.extract.pipeline import build_nlp

    secs = component_seconds(["重庆华峰化工有限公司在涪陵区投资建设新项目。\n"], use_model=False)
    assert list(secs) == ["make_doc", *build_nlp(use_model=False).pipe_names]
    assert all(s >= 0 for s in secs.values())


def test_the_bench_command_prints_every_figure(monkeypatch, capsys):
    monkeypatch.setattr(graph.bench, "ISOLATE", False)  # in this process: no interpreter to start
    monkeypatch.setattr(graph.bench, "NEW_PAGES", 1)
    args = ["bench", "--mb", "0.02", "--jobs", "1", "--ref-mb", "0.01", "--scale", "20,40", "--sources"]
    code = main([*args, str(SEEDS)])
    assert code == 0
    out = capsys.readouterr().out
    for stage in ("read and normalise", "split", "extract", "link", "relations", "graph", "export"):
        assert f"  {stage} " in out, stage
    assert "peak memory: main process" in out
    assert "reference: jieba.posseg" in out and "posseg (load of the extractor included)" in out
    assert "incremental: 1 new pages" in out and "(extracted 1, from the cache " in out
    rows = [ln.split() for ln in out.splitlines() if ln.strip().startswith(("20 ", "40 "))]
    assert [r[0] for r in rows] == ["20", "40"]


def test_bench_refuses_nonsense(capsys):
    assert main(["bench", "--mb", "0"]) == 2
    assert "--mb" in capsys.readouterr().err
