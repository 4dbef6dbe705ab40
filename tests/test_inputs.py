"""Messy inputs: encodings, junk files, HTML pages, and a build that survives all of them."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.build import _report_text, build
from graph.inputs import Skip, clean_for_matching, decode_page, find_inputs, html_to_text, read_input

from .conftest import ROOT, SEEDS

CLI = (sys.executable, "-m", "graph", "build")
SMALL_SEED = SEEDS / "004_e64839a68220c915.txt"  # one article, the quickest seed to extract
PAGE = SMALL_SEED.read_text(encoding="utf-8")
TRADITIONAL = (
    "涪陵區推進產業發展\n\n□ 重慶日報記者 張曉東\n\n"
    "近日，重慶市涪陵區與重慶華峰化工有限公司簽約，項目總投資十億元。"
    "該公司董事長何鵬說：「我們對涪陵的發展很有信心。」\n"
)


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PAGE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + PAGE.encode("utf-8"), "utf-8 (BOM)"),
        (PAGE.encode("gb18030"), "gb18030"),
        (PAGE.encode("gbk"), "gb18030"),
        (PAGE.encode("utf-16"), "utf-16 (BOM)"),
        (b"\xfe\xff" + PAGE.encode("utf-16-be"), "utf-16 (BOM)"),
        (PAGE.encode("utf-16-le"), "utf-16-le"),  # no BOM: found by the detector
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-le-bom", "utf16-be-bom", "utf16-le-no-bom"],
)
def test_encodings_decode_to_the_same_text(data, encoding):
    d = decode_page(data)
    assert d.encoding == encoding
    assert d.raw == PAGE and d.text == PAGE
    assert d.format == "text" and not d.notes


@pytest.mark.parametrize("text", ["涪陵区卡涑公司", "重庆日报记者 左黎韵", "黔江区委宣传部供图"])
def test_short_gbk_is_not_taken_for_big5(text):
    """Short GBK is valid Big5 byte for byte; the detector alone says Big5 for the first of these."""
    assert decode_page(text.encode("gbk")).raw == text


def test_big5_keeps_the_traditional_surface_and_matches_in_simplified():
    d = decode_page(TRADITIONAL.encode("big5"))
    assert d.encoding == "cp950"
    assert d.raw == TRADITIONAL
    assert len(d.text) == len(d.raw)
    assert "重庆市涪陵区与重庆华峰化工有限公司签约" in d.text
    assert any("Simplified" in n for n in d.notes)
    # Traditional text in UTF-8 is converted as well; Simplified text is left alone
    assert "涪陵区" in decode_page(TRADITIONAL.encode("utf-8")).text
    assert decode_page(PAGE.encode("utf-8")).text == PAGE


def test_line_breaks_and_controls_are_unified_without_moving_an_offset():
    raw = "第一行\r\n第二行\r第三行\x0c第四\x00行\u2028"
    text = clean_for_matching(raw)
    assert len(text) == len(raw)
    assert text == "第一行 \n第二行\n第三行\n第四 行\n"
    d = decode_page(PAGE.encode("utf-8") + raw.encode("utf-8"))  # a stray NUL does not make a binary
    assert d.raw == PAGE + raw  # raw offsets index the file's own characters
    assert d.text == PAGE + text


# ---------------------------------------------------------------- junk


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \r\n\t\n", "white space"),
        ("\u3000\n".encode("utf-16"), "white space"),
        (b"\xef\xbb\xbf", "white space"),
        (bytes(range(256)) * 20, "binary"),
        (b"%PDF-1.7\n" + bytes(range(256)), "PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG"),
        (b"\x01\x02\x03\x04abc" * 200, "binary"),
        (b"<html><body><script>var x = 1;</script></body></html>", "white space and markup"),
    ],
    ids=["empty", "spaces", "utf16-spaces", "bom-only", "binary", "pdf", "png", "controls", "html-no-text"],
)
def test_junk_is_refused_with_a_reason(data, reason):
    with pytest.raises(Skip, match=reason):
        decode_page(data)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    big = tmp_path / "dump.txt"
    with big.open("wb") as f:
        f.truncate(200_000_001)  # sparse: 200 MB on paper, nothing on disk
    with pytest.raises(Skip, match=r"200\.0 MB, over the size limit of 20 MB"):
        read_input(big)
    with pytest.raises(Skip, match="over the size limit of 100 MB"):
        read_input(big, max_bytes=100_000_000)


# ---------------------------------------------------------------- HTML


def test_html_text_is_taken_with_a_parser():
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>网站标题</title>"
        "<style>p { color: red }</style><script>document.write('<p>重庆脚本有限公司</p>')</script>"
        "</head><body><h1>涪陵 发布新规</h1><div>第一段，<b>加粗</b>\n  文字。</div>"
        "<p>第二段<br>换行&lt;img src=x&gt; &amp; 实体&#x4E2D;</p><ul><li>一</li><li>二</li></ul>"
        "<script>var s = '</p>';</script></body></html>"
    )
    assert html_to_text(html).split("\n") == [
        "涪陵 发布新规",
        "第一段，加粗 文字。",
        "第二段",
        "换行<img src=x> & 实体中",
        "一",
        "二",
    ]


def test_html_without_head_end_tag_or_declared_in_gbk():
    page = "<html><head><meta charset=gbk><body><p>涪陵区卡涑公司投产。</p></body></html>"
    d = decode_page(page.encode("gbk"), html=True)
    assert d.format == "html" and d.encoding == "gb18030"
    assert d.raw == "涪陵区卡涑公司投产。"
    # an HTML page saved as .txt is recognised by its first tag
    assert decode_page(page.encode("utf-8")).format == "html"


def test_folders_are_searched_for_text_and_html_pages(tmp_path):
    for name in ("a.txt", "b.htm", "sub/c.HTML", "notes.md", ".hidden.txt", ".git/d.txt", "out/graph.html"):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")
    named = [tmp_path, tmp_path / "a.txt", tmp_path / "nope.txt"]
    files, missing = find_inputs(named, exclude=[tmp_path / "out"])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a.txt", "b.htm", "sub/c.HTML"]
    assert missing == [tmp_path / "nope.txt"]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_folders_are_searched_as_os_walk_would_without_following_linked_folders(tmp_path):
    tree, elsewhere = tmp_path / "tree", tmp_path / "elsewhere"
    for name in ("a.txt", "deep/er/b.txt"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("x", encoding="utf-8")
    elsewhere.mkdir()
    (elsewhere / "c.txt").write_text("x", encoding="utf-8")
    (elsewhere / "d.txt").write_text("x", encoding="utf-8")
    (tree / "same-as-a.txt").symlink_to(tree / "a.txt")  # one file, found twice
    (tree / "e.txt").symlink_to(elsewhere / "c.txt")  # a file from elsewhere, linked in
    (tree / "linked").symlink_to(elsewhere, target_is_directory=True)  # not followed
    (tree / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tree / "dir.txt").mkdir()  # a folder named like a page
    files, missing = find_inputs([tree, tmp_path / "tree" / "deep" / ".." / "a.txt"])
    assert not missing
    real = sorted(os.path.realpath(f) for f in files)
    assert real == sorted(
        os.path.realpath(p) for p in (tree / "a.txt", tree / "deep/er/b.txt", elsewhere / "c.txt")
    )
    assert tree / "deep/er/b.txt" in files and tree / "e.txt" in files
    # through a linked top folder, every path found is under the name given
    top = tmp_path / "top"
    top.symlink_to(tree, target_is_directory=True)
    files, _ = find_inputs([top])
    assert {f.relative_to(top).as_posix() for f in files} >= {"deep/er/b.txt", "e.txt"}
    assert len(files) == 3


class _Unseen:
    """A listing's entry that cannot be looked at: ``errno`` for every question but its name."""

    def __init__(self, folder: Path, name: str, error: int) -> None:
        self.name, self.path, self.error = name, str(folder / name), error

    def _fail(self, follow_symlinks: bool = True) -> bool:
        raise OSError(self.error, os.strerror(self.error), self.path)

    is_dir = is_file = _fail

    def is_symlink(self) -> bool:
        return True


def test_a_page_that_cannot_be_looked_at_is_listed_and_one_that_is_not_there_is_not(tmp_path, monkeypatch):
    # (a link into a folder that cannot be searched; a loop of links): reading the first says why
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    real = os.scandir

    class Listing:
        def __init__(self, path):
            self.entries = [
                *real(path),
                _Unseen(tmp_path, "locked.txt", errno.EACCES),
                _Unseen(tmp_path, "loop.txt", errno.ELOOP),
                _Unseen(tmp_path, "locked.md", errno.EACCES),
            ]

        def __enter__(self):
            return iter(self.entries)

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(os, "scandir", Listing)
    files, _ = find_inputs([tmp_path])
    assert sorted(f.name for f in files) == ["a.txt", "locked.txt"]


# ---------------------------------------------------------------- the build over a messy archive


@pytest.fixture(scope="module")
def messy(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("messy")
    (d / "gbk_page.txt").write_bytes(PAGE.encode("gb18030"))
    (d / "windows_page.txt").write_bytes(b"\xef\xbb\xbf" + PAGE.replace("\n", "\r\n").encode("utf-8"))
    (d / "big5_page.txt").write_bytes(TRADITIONAL.encode("big5"))
    (d / "web_page.html").write_text(
        "<html><body>" + "".join(f"<p>{line}</p>" for line in TRADITIONAL.splitlines()) + "</body></html>",
        encoding="utf-8",
    )
    (d / "empty.txt").write_bytes(b"")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (d / "endless.txt").write_text("没有换行的一行" * 40_000 + "。\n", encoding="utf-8")
    with (d / "huge.txt").open("wb") as f:
        f.truncate(200_000_001)
    return d


@pytest.fixture(scope="module")
def messy_build(messy, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return build([messy, messy / "missing.txt"], out, jobs=1, progress=False), out


def test_messy_archive_builds_what_it_can_and_reports_every_file(messy_build):
    res, out = messy_build
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert set(by_name) == {
        "gbk_page.txt",
        "windows_page.txt",
        "big5_page.txt",
        "web_page.html",
        "empty.txt",
        "image.txt",
        "endless.txt",
        "huge.txt",
        "missing.txt",
    }
    built = {n for n, f in by_name.items() if f["status"] == "built"}
    assert built == {"gbk_page.txt", "windows_page.txt", "big5_page.txt", "web_page.html"}
    assert by_name["gbk_page.txt"]["encoding"] == "gb18030" and by_name["gbk_page.txt"]["articles"] == 1
    assert by_name["big5_page.txt"]["encoding"] == "cp950"
    assert by_name["web_page.html"]["format"] == "html"
    assert "empty" in by_name["empty.txt"]["reason"]
    assert "PNG" in by_name["image.txt"]["reason"]
    assert "size limit" in by_name["huge.txt"]["reason"]
    assert "no such file" in by_name["missing.txt"]["reason"]
    assert "too long" in by_name["endless.txt"]["reason"] and by_name["endless.txt"]["notes"]
    assert report["summary"] == {
        "files": 9,
        "built": 4,
        "skipped": 5,
        "articles": len(res.articles),
        "entities": len(res.entities),
        "relations": len(res.relations),
    }
    assert len(res.skipped) == 5


def test_raw_offsets_index_the_decoded_file_even_with_crlf(messy_build, messy):
    res, _ = messy_build
    raw = (messy / "windows_page.txt").read_bytes().decode("utf-8-sig")  # \r\n kept
    found = [m for e in res.entities for m in e.mentions if m.doc == "windows_page"]
    assert len(found) > 10
    for m in found:
        assert raw[m.raw_start : m.raw_end].replace(" ", "").replace("\r\n", "") == m.surface


def test_traditional_pages_give_simplified_names_pointing_at_the_traditional_text(messy_build, messy):
    res, _ = messy_build
    raw = TRADITIONAL
    found = [m for e in res.entities for m in e.mentions if m.doc == "big5_page" and e.name == "涪陵区"]
    assert found
    for m in found:
        assert m.surface.startswith("涪陵")
        assert raw[m.raw_start : m.raw_end].startswith("涪陵")  # the Traditional original: 涪陵區
    companies = {e.name for e in res.entities if e.type == "company"}
    assert "重庆华峰化工有限公司" in companies


def test_cli_says_how_many_files_were_skipped(messy, tmp_path):
    proc = subprocess.run(
        [*CLI, str(messy / "gbk_page.txt"), str(messy / "empty.txt"), "--out", str(tmp_path), "--jobs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "(1 file skipped, see" in proc.stdout
    assert "skipped " in proc.stderr and "empty.txt: empty file" in proc.stderr
    assert (tmp_path / "report.json").exists()


def test_nothing_to_build_fails_in_one_line_and_leaves_out_alone(messy, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "entities.jsonl").write_text("previous\n", encoding="utf-8")
    proc = subprocess.run(
        [*CLI, str(messy / "empty.txt"), str(messy / "image.txt"), "--out", str(out), "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("error: nothing to build: all 2 input files were skipped (")
    assert sorted(p.name for p in out.iterdir()) == ["entities.jsonl"]
    assert (out / "entities.jsonl").read_text(encoding="utf-8") == "previous\n"


# ---------------------------------------------------------------- a page that breaks the extractor

_MAIN_PID = os.getpid()


def _fragile_extract(articles, nlp=None):
    """Stands in for the extractor: dies outright in a worker process on the page named ``crash``,
    raises on it (and on ``bad``) in the main process, and finds nothing anywhere else."""
    arts = list(articles)
    docs = {a.doc for a in arts}
    if "crash" in docs and os.getpid() != _MAIN_PID:
        os._exit(3)  # a worker killed outright: the pool is broken
    if docs & {"crash", "bad"}:
        raise RuntimeError("the extractor tripped over this page")
    return {a.id: [] for a in arts}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_page_the_extractor_fails_on_is_skipped_and_the_rest_builds(tmp_path, monkeypatch, capfd, jobs):
    import graph.extract.pipeline

    monkeypatch.setattr(graph.extract.pipeline, "extract", _fragile_extract)
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("bad", "crash", *(f"good{i}" for i in range(8))):
        (corpus / f"{name}.txt").write_text(PAGE, encoding="utf-8")
    res = build([corpus], tmp_path / "out", jobs=jobs, progress=False)
    status = {r.doc: (r.status, r.reason) for r in res.report}
    assert status["bad"][0] == status["crash"][0] == "skipped"
    assert status["bad"][1] == "extraction failed: RuntimeError: the extractor tripped over this page"
    assert all(status[f"good{i}"] == ("built", "") for i in range(8))
    assert {a.doc for a in res.articles} == {f"good{i}" for i in range(8)}
    assert ("a worker process died" in capfd.readouterr().err) == (jobs > 1)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@given(
    st.dictionaries(st.text(), _JSON, max_size=4),
    st.lists(st.dictionaries(st.text(), _JSON, max_size=4), max_size=4),
)
def test_the_report_is_json_with_a_line_a_file(summary, files):
    text = _report_text({"summary": summary, "files": files})
    assert json.loads(text) == {"summary": summary, "files": files}
    lines = text.split("\n")  # (not splitlines: a name may hold U+2028, which JSON leaves as it is)
    assert lines[-2:] == ["}", ""]
    if files:  # each file on a line of its own, between the list's brackets
        start = lines.index(' "files": [')
        assert [json.loads(x.strip().rstrip(",")) for x in lines[start + 1 : start + 1 + len(files)]] == files
