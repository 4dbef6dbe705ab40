"""A build killed halfway leaves the previous ``out/`` complete and readable."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import graph.parallel
from graph.build import OUTPUT_DIRS, OUTPUTS, EarlyOutputs, write_outputs
from graph.export.atomic import atomic_batch, atomic_open, remove_stale
from graph.parallel import can_fork

from .conftest import ROOT, SEEDS


def test_atomic_open_replaces_or_leaves_alone(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(p) as f:
        f.write("half")
        raise RuntimeError("disk full")
    assert p.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [p]
    with atomic_open(p) as f:
        f.write("new")
    assert p.read_text(encoding="utf-8") == "new"
    mask = os.umask(0)
    os.umask(mask)
    assert p.stat().st_mode & 0o777 == 0o666 & ~mask  # not mkstemp's owner-only 0600


def test_a_batch_renames_nothing_unless_every_file_was_written(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a", encoding="utf-8")
    b.write_text("old b", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_batch():
        with atomic_open(a) as f:
            f.write("new a")
        assert a.read_text(encoding="utf-8") == "old a"  # held back until the batch ends
        raise RuntimeError("the second writer failed")
    assert (a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")) == ("old a", "old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    with atomic_batch():
        for p in (a, b):
            with atomic_open(p) as f:
                f.write("new")
    assert (a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")) == ("new", "new")


def test_stale_temporary_files_are_removed_and_nothing_else(tmp_path):
    for name in (".graph.html.abc123.tmp", ".entities.jsonl.x.tmp", "keep.tmp", ".other.x.tmp", "graph.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    remove_stale(tmp_path, ["graph.html", "entities.jsonl"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.x.tmp", "graph.html", "keep.tmp"]


# ---------------------------------------------------------------- SIGKILL in the middle of a build


def _run(corpus: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out), "--jobs", "1", "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _start(corpus: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out), "--jobs", "1", "--quiet"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def _found(out: Path, pattern: str) -> bool:
    """Whether anything in ``out`` matches ``pattern`` now. A build removes what an earlier one
    left (a temporary folder) while this looks: a folder gone in between is not found, not an
    error (``Path.glob`` raises there before Python 3.13)."""
    try:
        return any(out.glob(pattern))
    except FileNotFoundError:
        return False


def _snapshot(out: Path) -> dict[str, bytes]:
    """Every output file's bytes, and each output folder's files (``entities/ab/….html``)."""
    files = {n: (out / n).read_bytes() for n in OUTPUTS}
    for d in OUTPUT_DIRS:
        files |= {
            p.relative_to(out).as_posix(): p.read_bytes() for p in sorted((out / d).rglob("*")) if p.is_file()
        }
    return files


def _assert_readable(files: dict[str, bytes]) -> None:
    for name, data in files.items():
        text = data.decode("utf-8")
        if name.endswith(".jsonl"):
            lines = text.splitlines()
            assert text == "" or (text.endswith("\n") and all(json.loads(line) for line in lines)), name
        elif name.endswith(".json"):
            json.loads(text)
        elif name.endswith((".graphml", ".gexf")):
            ET.fromstring(data)
        else:
            assert text.rstrip().endswith("</html>"), name


def test_a_killed_build_leaves_the_previous_out_complete(tmp_path):
    old_corpus, new_corpus = tmp_path / "old", tmp_path / "new"
    old_corpus.mkdir()
    new_corpus.mkdir()
    shutil.copy(SEEDS / "004_e64839a68220c915.txt", old_corpus)
    for p in [*sorted(SEEDS.glob("*.txt"))[:2], SEEDS / "004_e64839a68220c915.txt"]:
        shutil.copy(p, new_corpus / f"copy_{p.name}")  # a larger corpus, under new names
    out = tmp_path / "out"
    assert _run(old_corpus, out).returncode == 0
    before = _snapshot(out)
    _assert_readable(before)

    # killed while extracting
    proc = _start(new_corpus, out)
    time.sleep(2.0)
    _kill(proc)
    during_extraction = _snapshot(out)

    # killed while writing: as soon as the first temporary output file shows up
    proc = _start(new_corpus, out)
    t0 = time.monotonic()
    while proc.poll() is None and not _found(out, ".*.tmp") and time.monotonic() - t0 < 300:
        time.sleep(0.002)
    caught_writing = proc.poll() is None
    _kill(proc)
    during_writing = _snapshot(out)

    # killed while writing the entity pages, into their temporary folder
    proc = _start(new_corpus, out)
    t0 = time.monotonic()
    while proc.poll() is None and not _found(out, ".entities.*.tmpdir/*/*") and time.monotonic() - t0 < 300:
        time.sleep(0.001)
    caught_pages = proc.poll() is None
    _kill(proc)
    during_pages = _snapshot(out)
    assert not caught_pages or list(out.glob(".entities.*.tmpdir"))

    # the next build completes, and clears what the killed ones left behind
    assert _run(new_corpus, out).returncode == 0
    after = _snapshot(out)
    assert not list(out.glob(".*.tmp")) and not list(out.glob(".*.tmpdir")) and not list(out.glob(".*.old"))
    assert after != before

    for state in (during_extraction, during_writing, during_pages):
        _assert_readable(state)
        for name in OUTPUTS:
            assert state[name] in (before[name], after[name]), name
        pages = {n for n in state if n.startswith("entities/")}
        assert pages in (
            {n for n in before if n.startswith("entities/")},
            {n for n in after if n.startswith("entities/")},
        )
    assert during_extraction == before
    if caught_writing:  # the renames wait for every file: a build killed while writing changes nothing
        assert during_writing == before
    if caught_pages:
        assert during_pages == before


@pytest.fixture(scope="module")
def seeds_graph(seeds_extracted):
    from graph.link import link
    from graph.network import build_graph
    from graph.relations import extract_relations

    ents = link(seeds_extracted.mentions, seeds_extracted.texts)
    rels = extract_relations(seeds_extracted.articles, ents)
    return seeds_extracted.articles, ents, rels, build_graph(ents, rels)


def _tree_bytes(out: Path) -> dict[str, bytes]:
    """Every output file under ``out`` (not the hidden temporary ones)."""
    names = {p.relative_to(out).as_posix(): p for p in out.rglob("*") if p.is_file()}
    return {n: names[n].read_bytes() for n in sorted(names) if not n.startswith(".")}


@pytest.mark.skipif(not can_fork(), reason="processes are not forked here")
def test_a_writer_process_that_dies_costs_time_not_the_outputs(seeds_graph, tmp_path, monkeypatch, capfd):
    import graph.build as build_module

    arts, ents, rels, g = seeds_graph
    write_outputs(tmp_path / "one", arts, ents, rels, g, jobs=1)
    parent, real = os.getpid(), build_module.write_gexf

    def killed(*args, **kwargs):
        if os.getpid() != parent:
            os._exit(9)  # the kernel's out-of-memory killer, say
        return real(*args, **kwargs)

    monkeypatch.setattr(build_module, "write_gexf", killed)
    monkeypatch.setattr(graph.parallel, "_memory", lambda: (10**8, 10**11))  # forked, whatever the memory
    write_outputs(tmp_path / "two", arts, ents, rels, g, jobs=2)
    assert "writing in the main process" in capfd.readouterr().err
    assert _tree_bytes(tmp_path / "two") == _tree_bytes(tmp_path / "one")


@pytest.mark.skipif(not can_fork(), reason="processes are not forked here")
def test_a_writer_that_fails_leaves_the_old_outputs_and_no_temporary_file(seeds_graph, tmp_path, monkeypatch):
    import graph.build as build_module

    arts, ents, rels, g = seeds_graph
    out = tmp_path / "out"
    write_outputs(out, arts, ents, rels, g, jobs=2)
    before = _tree_bytes(out)

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "write_graphml", full_disk)
    monkeypatch.setattr(graph.parallel, "_memory", lambda: (10**8, 10**11))
    with pytest.raises(OSError, match="No space left"):
        write_outputs(out, arts, ents, rels, g, jobs=2)
    assert _tree_bytes(out) == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(".") and not p.name.endswith(".gone")]


def _forked_whatever_the_memory(monkeypatch) -> None:
    monkeypatch.setattr(graph.parallel, "_memory", lambda: (10**8, 10**11))


@pytest.mark.skipif(not can_fork(), reason="processes are not forked here")
def test_outputs_written_ahead_are_the_bytes_written_with_the_rest(seeds_graph, tmp_path, monkeypatch):
    arts, ents, rels, g = seeds_graph
    write_outputs(tmp_path / "one", arts, ents, rels, g, jobs=1)
    _forked_whatever_the_memory(monkeypatch)
    with EarlyOutputs(tmp_path / "two", arts, ents, jobs=2) as early:
        assert early.started
        write_outputs(tmp_path / "two", arts, ents, rels, g, jobs=2, early=early)
    assert _tree_bytes(tmp_path / "two") == _tree_bytes(tmp_path / "one")
    assert not [p.name for p in (tmp_path / "two").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not can_fork(), reason="processes are not forked here")
def test_a_process_writing_ahead_that_dies_costs_time_not_the_outputs(
    seeds_graph, tmp_path, monkeypatch, capfd
):
    import graph.build as build_module

    arts, ents, rels, g = seeds_graph
    write_outputs(tmp_path / "one", arts, ents, rels, g, jobs=1)
    parent, real = os.getpid(), build_module.write_jsonl

    def killed(path, records):
        if os.getpid() != parent and path.name == "articles.jsonl":  # entities.jsonl is finished
            with open(path.parent / ".articles.jsonl.half.tmp", "w") as f:  # and this one half written
                f.write("{")
            os._exit(9)
        return real(path, records)

    monkeypatch.setattr(build_module, "write_jsonl", killed)
    _forked_whatever_the_memory(monkeypatch)
    with EarlyOutputs(tmp_path / "two", arts, ents, jobs=2) as early:
        write_outputs(tmp_path / "two", arts, ents, rels, g, jobs=2, early=early)
    assert "writing its outputs here" in capfd.readouterr().err
    assert _tree_bytes(tmp_path / "two") == _tree_bytes(tmp_path / "one")
    assert not [p.name for p in (tmp_path / "two").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not can_fork(), reason="processes are not forked here")
def test_no_process_to_write_ahead_means_writing_with_the_rest(seeds_graph, tmp_path, monkeypatch, capfd):
    import graph.build as build_module

    arts, ents, rels, g = seeds_graph
    write_outputs(tmp_path / "one", arts, ents, rels, g, jobs=1)

    def no_process(workers):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(build_module, "forked_pool", no_process)
    _forked_whatever_the_memory(monkeypatch)
    with EarlyOutputs(tmp_path / "two", arts, ents, jobs=2) as early:
        assert not early.started
        write_outputs(tmp_path / "two", arts, ents, rels, g, jobs=2, early=early)
    assert "no process to write ahead" in capfd.readouterr().err
    assert _tree_bytes(tmp_path / "two") == _tree_bytes(tmp_path / "one")


@pytest.mark.skipif(not can_fork(), reason="processes are not forked here")
def test_a_writer_ahead_that_fails_halfway_leaves_no_temporary_file(seeds_graph, tmp_path, monkeypatch):
    import graph.build as build_module

    arts, ents, *_ = seeds_graph
    out = tmp_path / "out"
    real = build_module.write_jsonl

    def full_disk(path, records):
        if path.name == "articles.jsonl":  # after entities.jsonl was finished
            raise OSError(28, "No space left on device")
        return real(path, records)

    monkeypatch.setattr(build_module, "write_jsonl", full_disk)
    _forked_whatever_the_memory(monkeypatch)
    with EarlyOutputs(out, arts, ents, jobs=2) as early:
        assert early.started
        with pytest.raises(OSError, match="No space left"):
            early.results()
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not can_fork(), reason="processes are not forked here")
def test_a_build_that_fails_after_writing_ahead_leaves_the_old_outputs_alone(
    seeds_graph, tmp_path, monkeypatch
):
    arts, ents, rels, g = seeds_graph
    out = tmp_path / "out"
    write_outputs(out, arts, ents, rels, g, jobs=1)
    before = _tree_bytes(out)
    _forked_whatever_the_memory(monkeypatch)
    with (
        pytest.raises(RuntimeError, match="relations failed"),
        EarlyOutputs(out, arts, ents[:3], jobs=2) as early,
    ):
        assert early.started
        early.future.result()  # written, and then the build fails before adopting them
        assert [p for p in out.iterdir() if p.name.endswith(".tmp")]
        raise RuntimeError("relations failed")
    assert _tree_bytes(out) == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(".") and not p.name.endswith(".gone")]
