"""One page per entity in ``entities/``: complete, linked, escaped, safely named, replaced as a whole."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import networkx as nx
import pytest

import graph.export.atomic as atomic
import graph.export.pages as pages
from graph.export.atomic import atomic_batch, atomic_dir, remove_stale
from graph.export.html import write_html
from graph.export.pages import page_path, write_entity_pages
from graph.link import Entity
from graph.mentions import Mention
from graph.network import build_graph
from graph.relations import Relation

PAGE_NAME = re.compile(r"[0-9a-f]{2}/[0-9a-f]{20}\.html")
HOSTILE = [
    "<script>alert(1)</script>",
    "\"quoted\" 'name' & <b>",
    "a/b/../../c",
    "..",
    "../../../etc/passwd",
    "名字 with spaces:and:colons",
    "长" * 3000,
    "坏\ud800名\x00字",
]


class Page(HTMLParser):
    """What a browser would make of a page: its links, elements, text and CSP."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.csp = ""
        self.h1 = ""
        self._in_h1 = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += attrs
        d = dict(attrs)
        if tag == "a" and d.get("href"):
            self.links.append(d["href"])
        if tag == "meta" and d.get("http-equiv") == "Content-Security-Policy":
            self.csp = d.get("content") or ""
        self._in_h1 = tag == "h1"

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_h1:
            self.h1 += data


def _pages(folder: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.html"))}


def _assert_links_resolve(folder: Path, allowed_outside: set[Path] = frozenset()) -> int:
    """Every link of every page in ``folder`` is relative and names an existing file; returns how
    many links were checked."""
    n = 0
    for path, text in _pages(folder).items():
        for href in Page(text).links:
            url = urlsplit(href)
            assert not url.scheme and not url.netloc, (path, href)
            target = (path.parent / unquote(url.path)).resolve()
            assert target.is_file(), (path, href)
            assert target.is_relative_to(folder.resolve()) or target in allowed_outside, (path, href)
            n += 1
    return n


# ---------------------------------------------------------------- the seeds build


@pytest.fixture(scope="module")
def built(seeds_build) -> Path:
    assert f"{seeds_build.out / 'entities'}" in seeds_build.stdout  # named in the summary
    return seeds_build.out


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_entity_of_the_build_has_its_page(built):
    ents = _jsonl(built / "entities.jsonl")
    folder = built / "entities"
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    expected = {page_path(e["id"]) for e in ents}
    assert len(expected) == len(ents)
    assert files == expected | {"index.html"}  # no more, no less (seeds: one index page)
    for e in ents:
        page = Page((folder / page_path(e["id"])).read_text(encoding="utf-8"))
        assert page.h1 == e["name"]
        assert "script" not in page.tags
        assert page.csp.startswith("default-src 'none'")
        body = "".join(page.text)
        for alias in e["aliases"]:
            assert alias in body
    index = Page((folder / "index.html").read_text(encoding="utf-8"))
    assert set(index.links) >= expected


def test_links_between_pages_and_from_the_graph_resolve(built):
    folder = built / "entities"
    n = _assert_links_resolve(folder, allowed_outside={(built / "graph.html").resolve()})
    assert n > 1000
    text = (built / "graph.html").read_text(encoding="utf-8")
    data = json.loads(text.split("const DATA = ", 1)[1].split(";\n", 1)[0])
    assert data["nodes"] and all((built / n["page"]).is_file() for n in data["nodes"])
    assert (built / data["index"]).is_file()


def test_typed_relations_link_both_ways_with_their_evidence(built):
    """Each typed relation of relations.jsonl is on both entities' pages, with a link to the other
    and its first sentence; a co-mention links the two pages too."""
    folder = built / "entities"
    rels = _jsonl(built / "relations.jsonl")
    assert any(r["type"] != "co_mentioned" for r in rels)
    cache: dict[str, Page] = {}

    def page(eid: str) -> Page:
        if eid not in cache:
            cache[eid] = Page((folder / page_path(eid)).read_text(encoding="utf-8"))
        return cache[eid]

    for r in rels:
        src, dst = r["source"], r["target"]
        if src == dst:
            continue
        assert f"../{page_path(dst)}" in page(src).links, r
        assert f"../{page_path(src)}" in page(dst).links, r
        if r["type"] != "co_mentioned":
            sentence = r["evidence"][0]["sentence"]
            assert sentence in "".join(page(src).text) and sentence in "".join(page(dst).text)


# ---------------------------------------------------------------- hostile and unusual names


def entity(t: str, name: str, n: int = 1, article: str = "p") -> Entity:
    ms = [Mention(article, f"{article}#{i}", t, name, 0, len(name), 0, len(name), "t") for i in range(n)]
    return Entity(f"{t}:{name}", t, name, [name], ms)


def relation(s: str, t: str, typ: str, sentence: str, article: str = "p#0", weight: int = 1) -> Relation:
    r = Relation(s, t, typ)
    for i in range(weight):
        r.support(article, sentence, i)
    return r


def test_hostile_names_are_escaped_and_give_safe_file_names(tmp_path):
    ents = [entity("company", name) for name in HOSTILE] + [entity("district", "涪陵区", 3)]
    rels = [
        relation(f"company:{name}", "district:涪陵区", "located_in", f"{name}位于涪陵区。<img src=x>")
        for name in HOSTILE
    ]
    g = build_graph(ents, rels)
    titles = {"p#0": "<script>alert('title')</script>"}
    folder = tmp_path / "out" / "entities"
    write_html(g, tmp_path / "out" / "graph.html", titles, pages="entities")
    written = write_entity_pages(g, folder, titles, rels, graph_page="graph.html")
    assert written.pages == len(ents)

    everything = sorted(p for p in (tmp_path / "out").rglob("*") if p.name != "graph.html")
    assert all(p.is_relative_to(folder) for p in everything)  # nothing escaped the folder
    files = [p.relative_to(folder).as_posix() for p in everything if p.is_file()]
    assert sorted(files) == sorted([page_path(e.id) for e in ents] + ["index.html"])
    assert all(PAGE_NAME.fullmatch(f) for f in files if f != "index.html")
    assert all(len(Path(f).name) < 40 for f in files)

    for e in ents:
        raw = (folder / page_path(e.id)).read_bytes()
        text = raw.decode("utf-8")  # valid UTF-8 whatever the name held
        page = Page(text)
        assert page.tags <= {
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "nav",
            "a",
            "h1",
            "h2",
            "p",
            "span",
            "ul",
            "ol",
            "li",
            "q",
            "footer",
        }, page.tags
        assert all(
            name in {"href", "class", "style", "lang", "charset", "http-equiv", "content", "name"}
            for name, _ in page.attrs
        )
        shown = e.name.replace("\ud800", "\ufffd").replace("\x00", "\ufffd")
        assert page.h1 == shown  # the name is text, exactly, not markup
        assert "<script" not in text and "<img" not in text and "<b>" not in text
        # the link to the entity's place in the graph names it exactly (the graph draws them all)
        (to_graph,) = [h for h in page.links if h.startswith("../../graph.html#")]
        if "\ud800" not in e.id:
            assert unquote(urlsplit(to_graph).fragment) == e.id
    _assert_links_resolve(folder, allowed_outside={(tmp_path / "out" / "graph.html").resolve()})


def test_page_names_are_stable_and_distinct():
    ids = [f"company:{name}" for name in HOSTILE] + [f"person:王{i}" for i in range(5000)]
    names = [page_path(i) for i in ids]
    assert len(set(names)) == len(ids)
    assert names == [page_path(i) for i in ids]
    assert all(PAGE_NAME.fullmatch(n) for n in names)
    # the hash of the id, nothing else: the same id gives the same file in every build
    import hashlib

    h = hashlib.sha256("district:涪陵区".encode()).hexdigest()
    assert page_path("district:涪陵区") == f"{h[:2]}/{h[: pages.HASH_CHARS]}.html"


def test_long_lists_are_bounded_strongest_first(tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "MAX_CO_MENTIONED", 10)
    monkeypatch.setattr(pages, "MAX_ARTICLES", 5)
    hub = entity("district", "涪陵区", 1)
    hub.mentions = [Mention(f"d{i}", f"d{i}#0", "district", "涪陵区", 0, 3, 0, 3, "t") for i in range(12)]
    others = [entity("company", f"公司{i:02d}") for i in range(25)]
    rels = [
        relation(o.id, hub.id, "co_mentioned", f"{o.name}和涪陵区。", weight=1 + (i * 7) % 25)
        for i, o in enumerate(others)
    ]
    g = build_graph([hub, *others], rels)
    write_entity_pages(g, tmp_path / "entities", {}, rels)
    page = Page((tmp_path / "entities" / page_path(hub.id)).read_text(encoding="utf-8"))
    co = [h for h in page.links if h.startswith("../") and h != "../index.html"]
    by_page = {f"../{page_path(r.source)}": r.weight for r in rels}
    assert len(co) == 10
    weights = [by_page[h] for h in co]
    assert weights == sorted(weights, reverse=True)
    assert min(weights) >= max(w for h, w in by_page.items() if h not in co)
    body = "".join(page.text)
    assert "另有 15 个" in body and "另有 7 篇" in body


def test_a_large_index_is_split_by_type_into_pages(tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "INDEX_PAGE", 40)
    ents = [entity("company", f"企业{i}", 1 + i % 7) for i in range(95)] + [
        entity("person", f"人{i}") for i in range(30)
    ]
    g = build_graph(ents, [])
    written = write_entity_pages(g, tmp_path / "entities", {}, [])
    folder = tmp_path / "entities"
    names = sorted(p.name for p in folder.glob("index*.html"))
    assert names == [
        "index-company-2.html",
        "index-company-3.html",
        "index-company.html",
        "index-person.html",
        "index.html",
    ]
    assert written.indexes == len(names)
    listed = []
    for name in names[:-1]:
        links = Page((folder / name).read_text(encoding="utf-8")).links
        listed += [h for h in links if not h.startswith("index")]
        assert len([h for h in links if not h.startswith("index")]) <= 40
    assert sorted(listed) == sorted(page_path(e.id) for e in ents)  # every entity exactly once
    first = Page((folder / "index-company.html").read_text(encoding="utf-8")).links
    first = [h for h in first if not h.startswith("index")]
    mentions = {page_path(e.id): len(e.mentions) for e in ents}
    assert [mentions[h] for h in first] == sorted((mentions[h] for h in first), reverse=True)
    _assert_links_resolve(folder)


# ---------------------------------------------------------------- replaced as a whole


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _graph(n: int):
    ents = [entity("company", f"企业{i}") for i in range(n)]
    return build_graph(ents, []), ents


def test_a_failure_in_the_batch_leaves_the_old_folder(tmp_path):
    folder = tmp_path / "entities"
    write_entity_pages(_graph(5)[0], folder)
    before = _tree(folder)
    with pytest.raises(RuntimeError), atomic_batch():
        write_entity_pages(_graph(9)[0], folder)
        assert _tree(folder) == before  # held back until the batch ends
        raise RuntimeError("a later output failed")
    assert _tree(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entities"]  # no temporary folder left
    with atomic_batch():
        write_entity_pages(_graph(9)[0], folder)
    assert len(_tree(folder)) == 10 and _settled(tmp_path) == ["entities"]


def _settled(folder: Path) -> list[str]:
    """What is in ``folder`` once a replaced folder's removal, which runs after the build returns
    (``.NAME.*.gone``), is done."""
    deadline = time.monotonic() + 30
    while list(folder.glob(".*.gone")) and time.monotonic() < deadline:
        time.sleep(0.05)
    return sorted(p.name for p in folder.iterdir())


def test_a_failure_while_writing_pages_leaves_the_old_folder(tmp_path, monkeypatch):
    folder = tmp_path / "entities"
    write_entity_pages(_graph(5)[0], folder)
    before = _tree(folder)
    calls = []
    real = pages._entity_page

    def failing(*a, **k):
        calls.append(1)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        return real(*a, **k)

    monkeypatch.setattr(pages, "_entity_page", failing)
    with pytest.raises(OSError), atomic_batch():
        write_entity_pages(_graph(9)[0], folder)
    assert _tree(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entities"]


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_the_folder_is_swapped_whole_with_or_without_an_exchange(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    folder = tmp_path / "pages"
    with atomic_dir(folder) as d:
        (d / "old.html").write_text("old", encoding="utf-8")
    with atomic_batch():
        with atomic_dir(folder) as d:
            (d / "new.html").write_text("new", encoding="utf-8")
        assert _tree(folder) == {"old.html": b"old"}
    assert _tree(folder) == {"new.html": b"new"}
    assert _settled(tmp_path) == ["pages"]
    mask = os.umask(0)
    os.umask(mask)
    assert folder.stat().st_mode & 0o777 == 0o777 & ~mask  # not mkdtemp's owner-only 0700


def test_stale_folders_of_killed_builds_are_cleaned_and_a_half_swap_undone(tmp_path):
    out = tmp_path
    (out / "entities").mkdir()
    (out / "entities" / "current.html").write_text("current", encoding="utf-8")
    for stale in (".entities.k1.tmpdir", ".entities.k2.old", ".other.k3.tmpdir", "keep.tmpdir"):
        (out / stale).mkdir()
        (out / stale / "x.html").write_text("x", encoding="utf-8")
    remove_stale(out, ["entities"])
    assert sorted(p.name for p in out.iterdir()) == [".other.k3.tmpdir", "entities", "keep.tmpdir"]
    assert _tree(out / "entities") == {"current.html": b"current"}

    # killed between the two renames of a swap without exchange: the old folder is put back
    os.rename(out / "entities", out / ".entities.k4.old")
    (out / ".entities.k4.tmpdir").mkdir()
    (out / ".entities.k4.tmpdir" / "new.html").write_text("new", encoding="utf-8")
    remove_stale(out, ["entities"])
    assert _tree(out / "entities") == {"current.html": b"current"}
    assert not list(out.glob(".entities.*"))


def test_the_pages_do_not_depend_on_the_order_of_the_graph(tmp_path):
    """Byte-identical pages whatever order entities and relations come in (as every output)."""
    ents = [entity("company", f"企业{i % 7}{i}", 1 + i % 3) for i in range(40)]
    rels = [
        relation(ents[i].id, ents[(i * 3 + 1) % 40].id, t, f"句子{i}。", f"p#{i % 4}", 1 + i % 2)
        for i in range(40)
        for t in ("partner_of", "co_mentioned")
        if ents[i].id < ents[(i * 3 + 1) % 40].id
    ]
    write_entity_pages(
        build_graph(ents, rels), tmp_path / "a", {"p#0": "标题"}, rels, graph_page="graph.html"
    )
    ents.reverse()
    rels.reverse()
    write_entity_pages(
        build_graph(ents, rels), tmp_path / "b", {"p#0": "标题"}, rels, graph_page="graph.html"
    )
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_values_equal_as_keys_but_printed_differently_are_shown_each_as_itself(tmp_path):
    """The pieces of text cached for all pages (relation names, article lines) are not shared by
    values a dictionary takes for one key: ``1``, ``True`` and ``1.0`` print differently."""
    g = nx.MultiDiGraph(directed_types="")
    g.add_node("x", label="x", type=1, article_ids=["1", 1, True, 1.0])
    g.add_node("y", label="y", type=True)
    for t in (1, True, 1.0):
        g.add_edge("x", "y", type=t, articles=[t, "p"])
    write_entity_pages(g, tmp_path / "entities")
    text = (tmp_path / "entities" / page_path("x")).read_text(encoding="utf-8")
    assert re.findall(r"<li><span class=m>([^<]*)</span></li>", text) == ["1", "1", "True", "1.0"]
    assert sorted(re.findall(r"<li>(\S+) — <a ", text)) == ["1", "1.0", "True"]
    evidence = re.findall(r"<li>文章：<span class=m>([^<]*)</span>；", text)
    assert sorted(evidence) == ["1", "1.0", "True"]
    assert text.count("其他") == 2  # the type of neither is known: in the title and under the name


def test_a_replaced_folder_is_removed_after_the_build_returns(tmp_path):
    folder = tmp_path / "entities"
    write_entity_pages(_graph(9)[0], folder)
    old_files = {p.name for p in folder.rglob("*.html")}
    write_entity_pages(_graph(5)[0], folder)
    # the new folder is whole at once; the old one goes away soon after
    assert {p.name for p in folder.rglob("*.html")} < old_files
    assert _settled(tmp_path) == ["entities"]


def test_a_removal_cut_short_is_finished_by_the_next_build(tmp_path):
    (tmp_path / "entities").mkdir()
    (tmp_path / ".entities.k5.gone" / "ab").mkdir(parents=True)
    (tmp_path / ".entities.k5.gone" / "ab" / "x.html").write_text("x", encoding="utf-8")
    remove_stale(tmp_path, ["entities"])
    assert _settled(tmp_path) == ["entities"]


@pytest.fixture(params=[True, False], ids=["by-folder", "by-path"])
def folders(request, monkeypatch):
    """Pages found relative to their open shard folder (Linux, macOS), or by their whole path
    (Windows): the previous build's pages are kept, and checked, the same either way."""
    if request.param and not pages._BY_FOLDER:
        pytest.skip("files cannot be opened relative to a folder here")
    monkeypatch.setattr(pages, "_BY_FOLDER", request.param)
    return request.param


def test_unchanged_pages_are_kept_from_the_previous_build_and_the_rest_written(folders, tmp_path):
    ents = [entity("company", f"企业{i}") for i in range(6)]
    folder = tmp_path / "entities"
    write_entity_pages(build_graph(ents, []), folder)
    old = {e.id: folder / page_path(e.id) for e in ents}
    inode = {k: p.stat().st_ino for k, p in old.items()}
    # a second name for every old page keeps its inode alive: a freed inode number can be
    # given to a new file, which would look kept
    (tmp_path / "witness").mkdir()
    for i, p in enumerate(old.values()):
        os.link(p, tmp_path / "witness" / str(i))
    old[ents[5].id].write_text("edited by hand", encoding="utf-8")  # same name, other bytes
    old[ents[4].id].unlink()
    old[ents[4].id].symlink_to(tmp_path / "elsewhere.html")  # never followed, never kept
    (tmp_path / "elsewhere.html").write_bytes(b"")

    rels = [relation(ents[0].id, ents[1].id, "partner_of", "企业0与企业1合作。")]
    written = write_entity_pages(build_graph(ents, rels), folder, {}, rels)
    fresh = tmp_path / "fresh"
    write_entity_pages(build_graph(ents, rels), fresh, {}, rels)

    assert _tree(folder) == _tree(fresh)  # the same bytes as a build with nothing to keep
    now = {e.id: (folder / page_path(e.id)).stat().st_ino for e in ents}
    assert [now[e.id] == inode[e.id] for e in ents] == [False, False, True, True, False, False]
    assert written.kept == 2 and written.pages == 6
    assert not (folder / page_path(ents[4].id)).is_symlink()
    assert (tmp_path / "elsewhere.html").read_bytes() == b""


def test_pages_are_written_where_no_link_can_be_made(folders, tmp_path, monkeypatch):
    ents = [entity("company", f"企业{i}") for i in range(3)]
    folder = tmp_path / "entities"
    write_entity_pages(build_graph(ents, []), folder)
    before = _tree(folder)

    def no_links(*a, **k):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(pages.os, "link", no_links)
    written = write_entity_pages(build_graph(ents, []), folder)
    assert written.kept == 0 and _tree(folder) == before


def _three(tmp_path: Path) -> tuple[Path, list[Entity], list[Path]]:
    ents = [entity("company", f"企业{i}") for i in range(3)]
    folder = tmp_path / "entities"
    write_entity_pages(build_graph(ents, []), folder)
    return folder, ents, [folder / page_path(e.id) for e in ents]


def _rewrite(folder: Path, ents: list[Entity]) -> pages.PagesWritten:
    """The same pages again, in a thread: a page that blocked the writer would fail the test, not hang it."""
    import threading

    done: list = []
    t = threading.Thread(
        target=lambda: done.append(write_entity_pages(build_graph(ents, []), folder)), daemon=True
    )
    t.start()
    t.join(30)
    assert done, "writing the pages did not finish"
    return done[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_what_is_not_a_plain_page_of_this_build_is_never_kept(folders, tmp_path):
    folder, ents, old = _three(tmp_path)
    expected = {p.name: p.read_bytes() for p in old}
    old[0].unlink()
    os.mkfifo(old[0])  # a named pipe: opening it to read would wait for a writer
    os.chmod(old[1], 0o600)  # another mode than a new page gets
    outside = tmp_path / "outside"
    shutil.move(old[2].parent, outside)  # the shard folder of the third: a link to elsewhere
    old[2].parent.symlink_to(outside, target_is_directory=True)

    written = _rewrite(folder, ents)
    assert written.kept == 0
    new = [folder / page_path(e.id) for e in ents]
    assert {p.name: p.read_bytes() for p in new} == expected
    assert all(p.is_file() and not p.is_symlink() and p.stat().st_nlink == 1 for p in new)
    assert stat.S_IMODE(new[1].stat().st_mode) == 0o666 & ~_umask()


def test_a_page_replaced_between_its_check_and_its_link_is_written_instead(folders, tmp_path, monkeypatch):
    folder, ents, old = _three(tmp_path)
    expected = {p.name: p.read_bytes() for p in old}
    real = os.link

    def swapping(src, dst, **kw):  # another build replaces the page just then
        page = next(p for p in old if p.name == Path(src).name)  # (src may be named in its folder)
        tmp = Path(str(page) + ".x")
        tmp.write_bytes(b"<p>another build's page</p>")
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, page)
        return real(src, dst, **kw)

    monkeypatch.setattr(pages.os, "link", swapping)
    written = _rewrite(folder, ents)
    assert written.kept == 0
    assert {p.name: p.read_bytes() for p in (folder / page_path(e.id) for e in ents)} == expected


def test_a_shard_folder_swapped_for_a_link_while_its_pages_are_written_is_not_followed(folders, tmp_path):
    old, new, outside = tmp_path / "old", tmp_path / "new", tmp_path / "outside"
    for folder in (old / "ab", new / "ab", outside):
        folder.mkdir(parents=True)
    page = b"<p>page</p>"
    for folder in (old / "ab", outside):
        for name in ("x.html", "y.html"):
            (folder / name).write_bytes(page)
            os.chmod(folder / name, 0o666 & ~_umask())
    first = (old / "ab" / "y.html").stat().st_ino
    with pages._Shard(old, new, "ab") as shard:
        assert shard.keep("x.html", page)
        (old / "ab").rename(tmp_path / "moved")  # another process swaps the folder for a link
        (old / "ab").symlink_to(outside, target_is_directory=True)
        kept = shard.keep("y.html", page)
    # by its open descriptor, the folder checked is still the one read; by its path, it is not
    assert kept == folders and (new / "ab" / "y.html").exists() == kept
    if kept:
        assert (new / "ab" / "y.html").stat().st_ino == first  # never the file the link leads to


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
