"""``build --update``: pages already extracted come from ``out/cache.sqlite``, only new or changed ones
are extracted, and the outputs are the same bytes as a full build's."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path

import pytest

import graph.build
import graph.cache
import graph.link
from graph.bench import make_pages, source_lines
from graph.build import OUTPUTS, build, read_page
from graph.cache import (
    CACHE_NAME,
    ExtractionCache,
    decode_result,
    encode_result,
    extractor_files,
    extractor_sources,
    page_key,
)

from .conftest import ROOT, SEEDS, words_reader_dies


def _pages(count: int, seed: int) -> list[str]:
    """Small synthetic pages (about 3 KB, lines of the seed pages drawn at random): cheap to extract."""
    lines, _ = source_lines(SEEDS)
    return make_pages(lines, [3000], count, None, seed)


def _write(folder: Path, names_texts: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in names_texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")


def _outputs(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in OUTPUTS}


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> dict:
    """A corpus of four pages built, three pages added and built with ``update``, and a full build of
    the grown corpus without any cache for comparison."""
    tmp = tmp_path_factory.mktemp("incremental")
    corpus, out, fresh = tmp / "corpus", tmp / "out", tmp / "fresh"
    texts = _pages(7, seed=11)
    _write(corpus, {f"page{i}": t for i, t in enumerate(texts[:4])})
    first = build([corpus], out, jobs=1, progress=False)
    _write(corpus, {f"page{i}": t for i, t in enumerate(texts[4:], start=4)})
    second = build([corpus], out, jobs=1, progress=False, update=True)
    full = build([corpus], fresh, jobs=1, progress=False, cache=False)
    return {"corpus": corpus, "out": out, "fresh": fresh, "first": first, "second": second, "full": full}


def test_update_extracts_only_the_new_pages(grown):
    assert (grown["first"].extracted, grown["first"].cached) == (4, 0)
    assert (grown["second"].extracted, grown["second"].cached) == (3, 4)
    assert grown["full"].extracted == 7


def test_update_writes_the_same_bytes_as_a_full_build(grown):
    assert grown["second"].articles, "nothing was built"
    updated, fresh = _outputs(grown["out"]), _outputs(grown["fresh"])
    for name in OUTPUTS:
        assert updated[name] == fresh[name], f"{name} differs from a full build's"


def test_a_build_without_cache_leaves_no_cache_file(grown):
    assert not (grown["fresh"] / CACHE_NAME).exists()
    assert (grown["out"] / CACHE_NAME).exists()


def test_a_changed_page_is_extracted_again_and_a_full_build_prunes(grown, tmp_path):
    corpus = tmp_path / "corpus"
    _write(corpus, {p.stem: p.read_text(encoding="utf-8") for p in grown["corpus"].glob("*.txt")})
    out = tmp_path / "out"
    out.mkdir()
    (out / CACHE_NAME).write_bytes((grown["out"] / CACHE_NAME).read_bytes())
    page = corpus / "page0.txt"
    page.write_text(page.read_text(encoding="utf-8") + "\n重庆日报记者 左黎韵\n", encoding="utf-8")
    res = build([corpus], out, jobs=1, progress=False, update=True)
    assert (res.extracted, res.cached) == (1, 6)
    with sqlite3.connect(out / CACHE_NAME) as db:  # --update keeps the old page0 as well
        assert db.execute("SELECT count(*) FROM pages").fetchone()[0] == 8
    (corpus / "page6.txt").unlink()
    res = build([corpus], out, jobs=1, progress=False)  # a full build: cache = exactly its pages
    assert (res.extracted, res.cached) == (6, 0)
    with sqlite3.connect(out / CACHE_NAME) as db:
        assert db.execute("SELECT count(*) FROM pages").fetchone()[0] == 6


def test_a_cache_of_an_earlier_format_is_replaced_without_a_copy(grown, tmp_path, capfd):
    out = tmp_path / "out"
    out.mkdir()
    (out / CACHE_NAME).write_bytes((grown["out"] / CACHE_NAME).read_bytes())
    with sqlite3.connect(out / CACHE_NAME) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'format'", (str(graph.cache.FORMAT - 1),))
    db.close()
    res = build([grown["corpus"]], out, jobs=1, progress=False, update=True)
    assert (res.extracted, res.cached) == (7, 0)
    assert f"results of cache format {graph.cache.FORMAT - 1}" in capfd.readouterr().err
    assert not (out / (CACHE_NAME + ".damaged")).exists()
    assert _outputs(out) == _outputs(grown["fresh"])
    assert build([grown["corpus"]], out, jobs=1, progress=False, update=True).cached == 7


def test_another_extractor_version_misses_the_cache(grown, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / CACHE_NAME).write_bytes((grown["out"] / CACHE_NAME).read_bytes())
    monkeypatch.setattr(graph.build, "extractor_version", lambda: "another-extractor")
    res = build([grown["corpus"]], out, jobs=1, progress=False, update=True)
    assert (res.extracted, res.cached) == (7, 0)
    with sqlite3.connect(out / CACHE_NAME) as db:  # the old version's rows are gone
        assert {v for (v,) in db.execute("SELECT DISTINCT version FROM pages")} == {"another-extractor"}
    assert _outputs(out) == _outputs(grown["fresh"])


def test_a_damaged_cache_is_set_aside_and_rebuilt(grown, tmp_path, capfd):
    out = tmp_path / "out"
    out.mkdir()
    (out / CACHE_NAME).write_bytes(b"not a database, whatever it is" * 100)
    res = build([grown["corpus"]], out, jobs=1, progress=False, update=True)
    assert res.extracted == 7
    assert "cannot be read" in capfd.readouterr().err
    assert (out / (CACHE_NAME + ".damaged")).exists()
    assert _outputs(out) == _outputs(grown["fresh"])
    assert build([grown["corpus"]], out, jobs=1, progress=False, update=True).cached == 7


# ---------------------------------------------------------------- the cache on its own


def test_results_round_trip_exactly():
    """Every field of every article and mention of the seed pages survives the cache."""
    from graph.build import _extract_page

    for path in sorted(SEEDS.glob("*.txt")):
        res = _extract_page(read_page(path))
        assert res.articles and not res.error
        arts, ments, notes = decode_result(encode_result(res.articles, res.mentions, res.notes), str(path))
        assert arts == res.articles
        assert ments == res.mentions
        assert notes == res.notes


def test_a_cached_mention_comes_back_equal_field_by_field_and_interned():
    import dataclasses
    import sys

    from graph.mentions import Mention

    full = Mention("p", "p#1", "person", "何" + "鹏", 3, 5, 10, 12, "rule", "董事长", "何鹏飞", "kb", 6, 10)
    bare = Mention("p", "p#1", "company", "卡涞科技", 6, 10, 13, 17, "model")
    assert all(getattr(full, f.name) is not None for f in dataclasses.fields(Mention))
    _, ments, _ = decode_result(encode_result([], {"p#1": [full, bare]}, []))
    assert ments == {"p#1": [full, bare]}
    assert [dataclasses.astuple(m) for m in ments["p#1"]] == [
        dataclasses.astuple(full),
        dataclasses.astuple(bare),
    ]
    assert ments["p#1"][0].surface is sys.intern("何鹏") and ments["p#1"][0].role is sys.intern("董事长")

    def stored(rows: list) -> bytes:
        data = {"articles": [], "mentions": {"p#1": ["p", "p#1", rows]}, "notes": []}
        return zlib.compress(json.dumps(data).encode())

    row = json.loads(zlib.decompress(encode_result([], {"p#1": [bare]}, [])))["mentions"]["p#1"][2][0]
    assert decode_result(stored([row]))[1] == {"p#1": [bare]}
    with pytest.raises(ValueError):  # a row that lacks a field is no mention (the build reads it as a miss)
        decode_result(stored([row[:-1]]))
    with pytest.raises(ValueError):  # nor one with more values than a mention has fields
        decode_result(stored([[*row, *[None] * 5, 1]]))


def test_mentions_of_two_articles_under_one_key_are_refused():
    from graph.mentions import Mention

    a = Mention("p", "p#1", "company", "卡涞科技", 6, 10, 13, 17, "model")
    b = Mention("p", "p#2", "company", "卡涞科技", 6, 10, 13, 17, "model")
    with pytest.raises(ValueError, match="more than one article"):
        encode_result([], {"p#1": [a, b]}, [])


def test_the_version_covers_what_the_extractor_runs():
    sources = {p.relative_to(ROOT / "graph").as_posix() for p in extractor_sources()}
    assert {"articles.py", "normalize.py", "mentions.py", "extract/pipeline.py", "extract/orgs.py"} <= sources
    assert "names.py" in sources  # imported by extract/orgs.py: found by following imports
    assert not {"link.py", "build.py", "relations.py"} & sources
    files = {p.relative_to(ROOT / "graph").as_posix() for p in extractor_files()}
    assert "data/districts.tsv" in files
    assert page_key("v1", "doc", "text") != page_key("v2", "doc", "text") != page_key("v1", "doc2", "text")


def test_a_killed_writer_leaves_the_committed_rows(tmp_path):
    """A process killed with SIGKILL in the middle of a transaction: SQLite rolls the half-written
    transaction back on the next open; everything committed before stays."""
    path = tmp_path / CACHE_NAME
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from graph.cache import ExtractionCache
        c = ExtractionCache(Path({str(path)!r}), "v")
        for i in range(3):
            c.put(f"done{{i}}", "d", b"x")
        c.flush()
        db = c._connect()
        db.execute("BEGIN IMMEDIATE")
        rows = [(f"half{{i}}", b"y" * 5000) for i in range(500)]
        db.executemany("INSERT INTO pages VALUES (?, 'v', 'd', ?)", rows)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr
    cache = ExtractionCache(path, "v")
    found = cache.get_many([f"done{i}" for i in range(3)] + ["half0"])
    assert sorted(found) == ["done0", "done1", "done2"]
    assert cache.count() == 3
    assert cache._connect().execute("PRAGMA integrity_check").fetchone() == ("ok",)
    cache.close()
    assert not os.path.exists(str(path) + "-journal")


def test_the_models_readme_is_not_part_of_the_extractors_version():
    """Editing the notes beside the model must not send every page of every cache back to the
    extractor (it did: a 100,000-page archive re-extracted for a README change)."""
    from graph.cache import PACKAGE, extractor_files

    files = extractor_files()
    assert (PACKAGE / "models" / "README.md").is_file()
    assert not [p for p in files if p.suffix == ".md"]
    assert any(p.parent.name == "ner" for p in files)  # the model itself still counts


def _asked_over_three_builds(tmp_path, monkeypatch, name: str, seed: int) -> tuple[set, set, set, bool]:
    """What ``graph.link.<name>`` is asked by a full build of five pages, by an update adding three,
    and by a full build of all eight; and whether the update wrote the full build's bytes."""
    import graph.link

    asked: list[str] = []
    real = getattr(graph.link, name)
    monkeypatch.setattr(graph.link, name, lambda x: asked.append(x) or real(x))
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    texts = _pages(8, seed=seed)
    runs = []
    for k, (pages, update) in enumerate([(texts[:5], False), (texts[5:], True), ([], False)]):
        _write(corpus, {f"page{i}": t for i, t in enumerate(pages, start=5 * k)})
        asked.clear()
        build([corpus], out, jobs=1, progress=False, update=update)
        runs.append((set(asked), _outputs(out)))
    return runs[0][0], runs[1][0], runs[2][0], runs[1][1] == runs[2][1]


def test_the_linkers_words_are_read_once_by_updates_and_every_time_by_full_builds(tmp_path, monkeypatch):
    first, update, full, same = _asked_over_three_builds(tmp_path, monkeypatch, "_window_words", 23)
    assert first, "no names to compare by context in the corpus: the test proves nothing"
    assert update and not first & update  # the new names' windows, and only those
    assert full & first and same  # a full build reads no cache: the stored words neither


def test_the_words_of_windows_round_trip_and_go_with_their_version(tmp_path):
    path = tmp_path / CACHE_NAME
    c = ExtractionCache(path, "v1")
    c.put_words({"a": ("重庆", "项目"), "b": ()})
    assert c.get_words(["a", "b", "c"]) == {"a": ("重庆", "项目"), "b": ()}
    c.close()
    c = ExtractionCache(path, "v1")  # a full build that used only "a" keeps only "a"
    c.get_words(["a"])
    c.prune(keep_only_used=True)
    assert c.get_words(["a", "b"]) == {"a": ("重庆", "项目")}
    c.close()
    c = ExtractionCache(path, "v2")  # another extractor, another jieba: nothing of v1 is served
    assert c.get_words(["a"]) == {}
    c.prune(keep_only_used=False)
    c.close()
    assert sqlite3.connect(path).execute("SELECT count(*) FROM words").fetchone() == (0,)


def test_the_sounds_of_brands_are_read_once_by_updates(tmp_path, monkeypatch):
    first, update, full, same = _asked_over_three_builds(tmp_path, monkeypatch, "_syllables", 29)
    assert any(len(s) >= 2 for s in first), "no brands in the corpus: the test proves nothing"
    assert not first & update  # only brands (and characters) not read before
    assert full >= first and same  # a full build reads every sound again


def test_an_update_reads_again_only_the_articles_whose_inputs_changed(tmp_path, monkeypatch):
    import graph.relations

    read: list[str] = []
    real = graph.relations._read_article
    monkeypatch.setattr(
        graph.relations, "_read_article", lambda a, corpus: read.append(a.id) or real(a, corpus)
    )
    corpus, out, fresh = tmp_path / "corpus", tmp_path / "out", tmp_path / "fresh"
    texts = _pages(9, seed=31)
    _write(corpus, {f"page{i}": t for i, t in enumerate(texts[:6])})
    build([corpus], out, jobs=1, progress=False)
    before = set(read)

    read.clear()
    _write(corpus, {f"page{i}": t for i, t in enumerate(texts[6:], start=6)})
    result = build([corpus], out, jobs=1, progress=False, update=True)
    new = {a.id for a in result.articles} - before
    assert new and new <= set(read)  # every new article is read…
    assert set(read) < {a.id for a in result.articles}  # …and not every old one
    build([corpus], fresh, jobs=1, progress=False, cache=False)
    assert _outputs(out) == _outputs(fresh)


def _built_and_one_more(tmp_path: Path, seed: int) -> tuple[Path, Path]:
    """``(corpus, out)``: four pages built, and a fifth added to the corpus since."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    texts = _pages(5, seed=seed)
    _write(corpus, {f"page{i}": t for i, t in enumerate(texts[:4])})
    build([corpus], out, jobs=1, progress=False)
    _write(corpus, {"page4": texts[4]})
    return corpus, out


def _grow_with_two_jobs(tmp_path: Path, seed: int, patch=None) -> tuple[Path, Path, object]:
    """Four pages built, three added and built with ``update`` and two jobs (so the new pages are
    extracted ahead, in a forked process) after calling ``patch``, and the same corpus built whole,
    without a cache, after undoing it."""
    corpus, out, fresh = tmp_path / "corpus", tmp_path / "out", tmp_path / "fresh"
    texts = _pages(7, seed=seed)
    _write(corpus, {f"page{i}": t for i, t in enumerate(texts[:4])})
    build([corpus], out, jobs=1, progress=False)
    _write(corpus, {f"page{i}": t for i, t in enumerate(texts[4:], start=4)})
    with pytest.MonkeyPatch.context() as mp:
        if patch is not None:
            patch(mp)
        result = build([corpus], out, jobs=2, progress=False, update=True)
    build([corpus], fresh, jobs=1, progress=False, cache=False)
    return out, fresh, result


@pytest.mark.skipif(not graph.build._extracts_ahead(1, 2), reason="processes are not forked here")
def test_a_few_new_pages_are_extracted_in_a_process_of_their_own_while_the_cache_is_read(tmp_path):
    pids = tmp_path / "pids"
    real = graph.build._extract_page

    def noting(page, encode=False):
        with pids.open("a") as f:
            f.write(f"{os.getpid()} {page.doc}\n")
        return real(page, encode)

    out, fresh, result = _grow_with_two_jobs(
        tmp_path, 37, lambda mp: mp.setattr(graph.build, "_extract_page", noting)
    )
    seen = [line.split() for line in pids.read_text().splitlines()]
    assert sorted(doc for _, doc in seen if doc.startswith("page")) == ["page4", "page5", "page6"]
    assert len({pid for pid, _ in seen}) == 1 and int(seen[0][0]) != os.getpid()  # in one other process
    assert (result.extracted, result.cached) == (3, 4)
    assert _outputs(out) == _outputs(fresh)


@pytest.mark.skipif(not graph.build._extracts_ahead(1, 2), reason="processes are not forked here")
def test_the_process_for_new_pages_is_started_before_the_inputs_are_read(tmp_path):
    # it loads the extractor while they are read and the cached pages decoded
    noted = tmp_path / "pids"
    read, extract = graph.build.read_pages, graph.build._extract_page

    def reading(*args):
        children = " ".join(str(c.pid) for c in multiprocessing.active_children())
        noted.write_text(f"{children}\n")
        return read(*args)

    def extracting(page, encode=False):
        with noted.open("a") as f:
            f.write(f"{os.getpid()}\n")
        return extract(page, encode)

    def patch(mp):
        mp.setattr(graph.build, "read_pages", reading)
        mp.setattr(graph.build, "_extract_page", extracting)

    out, fresh, result = _grow_with_two_jobs(tmp_path, 43, patch)
    there, *extracted_by = noted.read_text().splitlines()
    assert extracted_by and set(extracted_by) <= set(there.split())
    assert (result.extracted, result.cached) == (3, 4)
    assert _outputs(out) == _outputs(fresh)


def _loading_forever() -> float:
    time.sleep(90)
    return 0.0


@pytest.mark.skipif(not graph.build._extracts_ahead(1, 2), reason="processes are not forked here")
@pytest.mark.parametrize("new", [0, 3], ids=["nothing-new", "too-many-new"])
def test_a_process_started_for_new_pages_is_stopped_unused_without_waiting_for_it(new, tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    texts = _pages(7, seed=47)
    _write(corpus, {f"page{i}": t for i, t in enumerate(texts[:4])})
    build([corpus], out, jobs=1, progress=False)
    _write(corpus, {f"page{i}": t for i, t in enumerate(texts[4 : 4 + new], start=4)})
    before = set(multiprocessing.active_children())
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(graph.build, "warm_up", _loading_forever)  # (the parent's loading is its own)
        mp.setattr(graph.build, "AHEAD_MAX_PAGES", 2)
        mp.setattr(graph.build, "PARALLEL_MIN_PAGES", 100)  # (the three new pages: extracted here)
        mp.setattr(graph.build, "_warm", True)
        t = time.monotonic()
        result = build([corpus], out, jobs=2, progress=False, update=True)
    assert time.monotonic() - t < 60
    assert (result.extracted, result.cached) == (new, 4)
    assert set(multiprocessing.active_children()) <= before


@pytest.mark.skipif(not graph.build._extracts_ahead(1, 2), reason="processes are not forked here")
def test_a_process_started_for_new_pages_ends_when_the_build_fails_before_extracting(tmp_path):
    corpus, out = _built_and_one_more(tmp_path, seed=59)
    before = set(multiprocessing.active_children())

    def failing():
        raise RuntimeError("interrupted")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(graph.build, "long_lived", failing)
        with pytest.raises(RuntimeError, match="interrupted"):
            build([corpus], out, jobs=2, progress=False, update=True)
    assert set(multiprocessing.active_children()) <= before


@pytest.mark.skipif(not graph.build._extracts_ahead(1, 2), reason="processes are not forked here")
def test_pages_whose_process_dies_loading_are_extracted_here(tmp_path, capsys):
    main, real = os.getpid(), graph.build.warm_up

    def dying() -> float:
        if os.getpid() != main:
            os._exit(3)
        return real()

    out, fresh, result = _grow_with_two_jobs(
        tmp_path, 53, lambda mp: mp.setattr(graph.build, "warm_up", dying)
    )
    assert "extracting its pages here" in capsys.readouterr().err
    assert (result.extracted, result.cached) == (3, 4)
    assert _outputs(out) == _outputs(fresh)


@pytest.mark.skipif(not graph.build._extracts_ahead(1, 2), reason="processes are not forked here")
def test_pages_whose_process_dies_are_extracted_here(tmp_path, capsys):
    out, fresh, result = _grow_with_two_jobs(
        tmp_path,
        41,
        lambda mp: mp.setattr(graph.build, "_extract_in_order", lambda pages, encode: os._exit(3)),
    )
    assert "extracting its pages here" in capsys.readouterr().err
    assert (result.extracted, result.cached) == (3, 4)
    assert _outputs(out) == _outputs(fresh)


@pytest.mark.skipif(not graph.build._extracts_ahead(1, 2), reason="processes are not forked here")
@pytest.mark.parametrize("many", [False, True], ids=["few-windows", "too-many-for-one-process"])
def test_the_process_that_extracted_the_new_pages_reads_the_linkers_new_words(many, tmp_path):
    # it has jieba loaded; this process would load it (1-1.6 s) for a few dozen windows
    noted = tmp_path / "pids"
    words, extract = graph.link._window_words, graph.build._extract_page

    def noting(what, real):
        def run(*args):
            with noted.open("a") as f:
                f.write(f"{what} {os.getpid()}\n")
            return real(*args)

        return run

    def patch(mp):
        mp.setattr(graph.link, "_window_words", noting("words", words))
        mp.setattr(graph.build, "_extract_page", noting("page", extract))
        mp.setattr(graph.build, "affordable", lambda jobs: jobs)  # (whatever this machine's memory)
        if many:
            mp.setattr(graph.build, "AHEAD_MAX_WINDOWS", 0)

    out, fresh, result = _grow_with_two_jobs(tmp_path, 61, patch)
    seen = [line.split() for line in noted.read_text().splitlines()]
    pages = {pid for what, pid in seen if what == "page"}
    read = {pid for what, pid in seen if what == "words"}
    assert len(pages) == 1 and str(os.getpid()) not in pages and read
    assert read.isdisjoint(pages) if many else read == pages  # new windows, all read there, or none
    assert (result.extracted, result.cached) == (3, 4)
    assert _outputs(out) == _outputs(fresh)


@pytest.mark.skipif(not graph.build._extracts_ahead(1, 2), reason="processes are not forked here")
def test_new_words_are_read_here_when_that_process_is_gone(tmp_path, capsys):
    out, fresh, result = _grow_with_two_jobs(tmp_path, 61, words_reader_dies)
    assert "reading the words here" in capsys.readouterr().err
    assert (result.extracted, result.cached) == (3, 4)
    assert _outputs(out) == _outputs(fresh)


@pytest.mark.skipif(not graph.build._extracts_ahead(1, 2), reason="processes are not forked here")
def test_the_process_kept_for_the_linker_ends_when_the_build_fails_before_linking(tmp_path):
    corpus, out = _built_and_one_more(tmp_path, seed=67)
    before = set(multiprocessing.active_children())

    def full(self, *args):
        raise OSError(28, "No space left on device")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(graph.build.ExtractionCache, "put", full)
        with pytest.raises(OSError, match="No space"):
            build([corpus], out, jobs=2, progress=False, update=True)
    assert set(multiprocessing.active_children()) <= before


def _counting_reads(monkeypatch) -> list[str]:
    read: list[str] = []
    real = graph.build.read_input
    monkeypatch.setattr(graph.build, "read_input", lambda path, *a: read.append(path.stem) or real(path, *a))
    return read


@pytest.mark.skipif(os.name != "posix", reason="files are always read again where st_ctime is no change time")
def test_an_update_does_not_read_files_it_read_before_unchanged(tmp_path, monkeypatch):
    monkeypatch.setattr(graph.build.Manifest, "SETTLED_NS", 0)  # (just written: trusted all the same)
    corpus, out, fresh = tmp_path / "corpus", tmp_path / "out", tmp_path / "fresh"
    texts = _pages(6, seed=43)
    _write(corpus, {f"page{i}": t for i, t in enumerate(texts[:4])})
    build([corpus], out, jobs=1, progress=False)
    read = _counting_reads(monkeypatch)
    _write(corpus, {f"page{i}": t for i, t in enumerate(texts[4:], start=4)})
    first = build([corpus], out, jobs=1, progress=False, update=True)
    assert sorted(read) == ["page4", "page5"] and (first.extracted, first.cached) == (2, 4)

    # page1 rewritten to the same size, its modification time put back: its change time tells
    page = corpus / "page1.txt"
    st = page.stat()
    data = page.read_bytes()
    page.write_bytes(data.replace("的".encode(), "之".encode()))  # (three bytes each in UTF-8)
    assert page.read_bytes() != data
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert page.stat().st_size == st.st_size and page.stat().st_mtime_ns == st.st_mtime_ns
    read.clear()
    second = build([corpus], out, jobs=1, progress=False, update=True)
    assert read == ["page1"] and second.extracted == 1
    build([corpus], fresh, jobs=1, progress=False, cache=False)
    assert _outputs(out) == _outputs(fresh)
    assert (out / "report.json").read_bytes() == (fresh / "report.json").read_bytes()


def test_a_file_changed_just_before_it_was_read_is_read_again(tmp_path, monkeypatch):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    _write(corpus, {f"page{i}": t for i, t in enumerate(_pages(3, seed=47))})
    build([corpus], out, jobs=1, progress=False)  # read within the clock's tick of being written
    read = _counting_reads(monkeypatch)
    build([corpus], out, jobs=1, progress=False, update=True)
    assert sorted(read) == ["page0", "page1", "page2"]


@pytest.mark.skipif(os.name != "posix", reason="files are always read again where st_ctime is no change time")
def test_a_page_not_read_whose_extraction_is_gone_is_read_and_extracted(tmp_path, monkeypatch):
    monkeypatch.setattr(graph.build.Manifest, "SETTLED_NS", 0)
    corpus, out, fresh = tmp_path / "corpus", tmp_path / "out", tmp_path / "fresh"
    _write(corpus, {f"page{i}": t for i, t in enumerate(_pages(3, seed=53))})
    build([corpus], out, jobs=1, progress=False)
    with sqlite3.connect(out / CACHE_NAME) as db:
        db.execute("DELETE FROM pages WHERE doc = 'page2'")
    read = _counting_reads(monkeypatch)
    result = build([corpus], out, jobs=1, progress=False, update=True)
    assert read == ["page2"] and (result.extracted, result.cached) == (1, 2)
    build([corpus], fresh, jobs=1, progress=False, cache=False)
    assert _outputs(out) == _outputs(fresh)


@pytest.mark.skipif(os.name != "posix", reason="files are always read again where st_ctime is no change time")
def test_a_new_reading_of_files_reads_every_file_again(tmp_path, monkeypatch):
    monkeypatch.setattr(graph.build.Manifest, "SETTLED_NS", 0)
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    _write(corpus, {f"page{i}": t for i, t in enumerate(_pages(3, seed=59))})
    build([corpus], out, jobs=1, progress=False)
    read = _counting_reads(monkeypatch)
    build([corpus], out, jobs=1, progress=False, update=True)
    assert read == []
    # the code that decodes files changed (or charset-normalizer, OpenCC, Python): nothing is trusted
    monkeypatch.setattr(graph.build, "_reading_version", lambda: "another reading")
    build([corpus], out, jobs=1, progress=False, update=True)
    assert sorted(read) == ["page0", "page1", "page2"]
