"""Reading input files as they come out of real archives: find them, decode them, take the text.

Archives mix pages saved in UTF-8 (with or without a BOM), GB18030/GBK, Big5 and UTF-16 by
Windows tools, HTML pages, and junk: binaries, empty files, huge dumps. The build must not die on
one bad file, so every problem here is a :class:`Skip` with a reason a person can act on, and the
caller records it and goes on.

Offsets: a mention's ``raw_start``/``raw_end`` index :attr:`Decoded.raw`, the file's characters
as decoded (for an HTML page, the text taken from it). The splitter reads :attr:`Decoded.text`,
which has exactly the same length, so offsets found in one are valid in the other: line breaks are
unified and control characters blanked *in place*, and Traditional characters are replaced one
for one by Simplified ones, so the extractor's Simplified word lists match while the report and
``raw_*`` offsets still point at the original Traditional surface.
"""

from __future__ import annotations

import errno
import functools
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from graph.articles import doc_name
from graph.normalize import HAN_RANGES, is_cjk

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".htm", ".html")
DEFAULT_MAX_MB = 20.0
"""A scanned page is 10–30 KB; 20 MB is hundreds of pages in one file. Anything larger is far more
likely a database dump or a mislabelled binary, and its extraction would take hours, so it is
refused before it is read rather than loaded into memory."""
DETECT_SAMPLE = 1 << 20
"""Bytes the detector looks at; decoding then covers the whole file."""
SHORT_SAMPLE = 4096
"""Below this many bytes the detector's statistics are too thin to overrule a good Chinese reading."""
TRADITIONAL_SHARE = 0.05
"""Share of Han characters that differ from their Simplified form above which a text is taken to be
written in Traditional characters (Simplified news text scores 0: OpenCC's t2s leaves it alone)."""

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"\x7fELF", "executable"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7z archive"),
)
_GB = ("gb18030", "gbk", "gb2312")
_BIG5 = ("big5", "big5hkscs", "cp950")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]{2,20})""", re.I)
# C0 controls other than tab and line breaks, DEL, C1 controls, and the Unicode line separators.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")


class Skip(Exception):
    """A file that cannot be built from; ``str()`` is the reason, shown to the user."""


@dataclass
class Decoded:
    """One input file's text: ``raw`` for offsets and the report, ``text`` (same length) to split."""

    raw: str
    text: str
    encoding: str
    format: str = "text"  # text or html
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- finding inputs


def _wanted(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES and not path.name.startswith(".")


def find_inputs(inputs: Iterable[Path], exclude: Iterable[Path] = ()) -> tuple[list[Path], list[Path]]:
    """``(files, missing)``: the files named, and ``*.txt``/``*.htm``/``*.html`` found below the
    folders named (hidden files and folders left out, and so is ``exclude`` — the output folder,
    whose ``graph.html`` must not be read back as a news page).

    Files are deduplicated by their real path and sorted, so the build does not depend on the order
    the inputs were listed in or on the order the file system returns them in.
    """
    skip_dirs = {os.path.realpath(p) for p in exclude}
    found: dict[str, Path] = {}
    missing: list[Path] = []
    for p in inputs:
        if p.is_dir():
            for real, q in _files_below(str(p), skip_dirs):
                found.setdefault(real, q)
        elif p.is_file():
            found.setdefault(os.path.realpath(p), p)
        else:
            missing.append(p)
    return sorted(found.values(), key=lambda q: (doc_name(q), str(q))), missing


def _files_below(top: str, skip_dirs: set[str]) -> Iterator[tuple[str, Path]]:
    """``(real path, path)`` of each wanted file below ``top``, in the order ``os.walk`` gives
    (symbolic links to folders not followed, folders that cannot be listed passed over, hidden
    folders and ``skip_dirs`` left out).

    Each folder's real path is resolved once, and a file's is that and its name unless the file
    is itself a symbolic link; the listing says which, and which entries are files, without a
    system call of its own. Resolving every file's path (one ``lstat`` a component) and then
    asking whether it is a file were most of the time an update took to find 10,000 pages.

    An entry with a page's name that cannot be looked at for want of permission (a link into a
    folder that cannot be searched) is listed: reading it then says why, and the build goes on
    without it. One that is not there (a dangling link) or cannot be resolved (a loop of links)
    is not a page, as for ``Path.is_file``."""
    stack = [(top, os.path.realpath(top))]
    while stack:
        root, real_root = stack.pop()
        try:
            with os.scandir(root) as listing:
                entries = list(listing)
        except OSError:
            continue
        folders = []
        for entry in entries:
            name = entry.name
            try:
                if entry.is_dir():
                    if not name.startswith(".") and not entry.is_symlink():
                        real = os.path.join(real_root, name)
                        if real not in skip_dirs:
                            folders.append((entry.path, real))
                    continue
            except OSError:
                pass
            if not _wanted(Path(name)):
                continue
            try:
                if not entry.is_file():
                    continue
            except OSError as exc:
                if exc.errno in _NOT_THERE:
                    continue
            link = entry.is_symlink()
            real = os.path.realpath(entry.path) if link else os.path.join(real_root, name)
            yield real, Path(entry.path)
        stack.extend(reversed(folders))


_NOT_THERE = {errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP}
"""What ``Path.is_file`` takes for "no such file" rather than an error."""


# ---------------------------------------------------------------- decoding


def read_input(path: Path, max_bytes: int | None = int(DEFAULT_MAX_MB * 1e6)) -> Decoded:
    """Read and decode one file; raises :class:`Skip` (or ``OSError``) when there is nothing to use."""
    size = path.stat().st_size
    if max_bytes and size > max_bytes:
        raise Skip(
            f"file is {size / 1e6:,.1f} MB, over the size limit of {max_bytes / 1e6:g} MB "
            "(raise it with --max-size)"
        )
    data = path.read_bytes()
    return decode_page(data, html=path.suffix.lower() in HTML_SUFFIXES)


def decode_page(data: bytes, html: bool = False) -> Decoded:
    """Bytes of one page → :class:`Decoded`; HTML is recognised by ``html`` or by its first tag."""
    if not data:
        raise Skip("empty file")
    if not data.strip():
        raise Skip("no text: the file holds only white space")
    raw, encoding = decode_bytes(data, html=html)
    head = raw[:512].lstrip("\ufeff \t\r\n").lower()
    notes: list[str] = []
    fmt = "text"
    if html or head.startswith(("<!doctype html", "<html")):
        fmt = "html"
        raw = html_to_text(raw)
    if not raw.strip():
        raise Skip("no text: the file holds only white space" + (" and markup" if fmt == "html" else ""))
    if "\ufffd" in raw and encoding.endswith("(with errors)"):
        notes.append(f"{raw.count(chr(0xFFFD))} undecodable byte sequences replaced by U+FFFD")
    text = clean_for_matching(raw)
    traditional = _is_big5(encoding) or traditional_share(text) >= TRADITIONAL_SHARE
    simple = to_simplified(text) if traditional else text
    if simple != text:
        notes.append("Traditional characters converted to Simplified for matching")
    return Decoded(raw, simple, encoding, fmt, notes)


def decode_bytes(data: bytes, html: bool = False) -> tuple[str, str]:
    """``(text, encoding)``. Fast paths first — a BOM, then strict UTF-8, which is what most files
    are — and only then charset-normalizer, on a sample, with our own tie-break between the two
    Chinese families it cannot tell apart on short texts (GBK bytes are nearly always valid Big5
    and the other way round). Raises :class:`Skip` for binaries and undecodable files."""
    text, enc = _decode(data, html)
    head = text[:8192]
    if len(_CONTROLS.findall(head)) > len(head) * 0.05:
        raise Skip(f"binary file, not text (control characters when read as {enc})")
    return text, enc


def _decode(data: bytes, html: bool) -> tuple[str, str]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError:
                raise Skip(f"starts with a {enc} byte-order mark but is not valid {enc}") from None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise Skip(f"binary file, not text ({kind})")
    head = data[:8192]
    if head.count(b"\x00") > len(head) // 100:
        # UTF-16 or UTF-32 without a byte-order mark, or a binary. (A stray NUL, as some tools pad
        # files with, is blanked like any control character.)
        enc = _detect(data)
        if enc and enc.replace("-", "_").startswith(("utf_16", "utf_32")):
            return _decode_as(data, enc)
        raise Skip("binary file, not text (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if html and (m := _META_CHARSET.search(data[:4096])):
        enc = _codec(m.group(1).decode("ascii").lower())
        if enc:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                pass
    enc = _detect(data)
    if enc is None:
        if b"\x00" in head or len(_CONTROL_BYTES.findall(head)) > len(head) // 20:
            raise Skip("binary file, not text (control bytes, and no text encoding fits)")
        raise Skip("not decodable: no text encoding fits (tried UTF-8, UTF-16, GB18030, Big5 and others)")
    return _decode_as(data, enc)


def _decode_as(data: bytes, enc: str) -> tuple[str, str]:
    """Strict first (Big5 also as Big5-HKSCS); if the detector's sample fitted but a later part does
    not, keep the text and mark the bad bytes rather than lose the page."""
    for e in (enc, "big5hkscs") if enc == "cp950" else (enc,):
        try:
            return data.decode(e), e
        except UnicodeDecodeError:
            continue
    return data.decode(enc, errors="replace"), f"{enc} (with errors)"


def _codec(name: str) -> str | None:
    """A Python codec for a charset name, widened to its superset for the Chinese ones."""
    import codecs

    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    if name in _GB:
        return "gb18030"
    if name in _BIG5:
        return "big5hkscs" if name == "big5hkscs" else "cp950"
    return name


def _is_big5(encoding: str) -> bool:
    return encoding.split(" ")[0] in ("cp950", "big5hkscs", "big5")


def _detect(data: bytes) -> str | None:
    """charset-normalizer's answer, overruled by a Chinese reading where that is the better bet.

    On a short text the detector often takes GBK for Korean (cp949), Big5 or even UTF-16 (one line
    in seven of the seed pages, each saved alone), and it cannot tell GBK from Big5 at all. So when
    it names a Chinese encoding, finds none, or has little to go on, the Chinese reading made of
    common characters wins; on a long text its answer stands (a long Korean page stays Korean)."""
    from charset_normalizer import from_bytes

    sample = data
    if len(data) > DETECT_SAMPLE:
        cut = data.rfind(b"\n", 0, DETECT_SAMPLE)
        sample = data[: cut + 1] if cut > 0 else data[:DETECT_SAMPLE]
    best = from_bytes(sample).best()
    enc = (_codec(best.encoding) or best.encoding) if best else None
    chinese = _chinese_family(sample)
    if chinese and (enc is None or enc in ("gb18030", "cp950", "big5hkscs") or len(sample) < SHORT_SAMPLE):
        return chinese
    return enc


def _chinese_family(sample: bytes) -> str | None:
    """GB18030 or Big5, whichever reads as more common characters, if that reading is Chinese text.

    Misread bytes land all over the other code table: in rare characters, symbols and kana, and
    the punctuation comes out as odd symbols. The right reading is mostly made of common
    characters: GB2312's first level (3,755 characters) and the usual punctuation for Simplified
    text, Big5's first level (5,401) for Traditional text; second-level characters count half."""
    scores = {}
    for enc in ("gb18030", "cp950"):
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            continue
        wide = [c for c in text[:20000] if ord(c) > 0x7F and not c.isspace()]
        if not wide or sum(map(is_cjk, wide)) < len(wide) // 2:
            continue  # mostly not Han characters: not Chinese, whatever it is
        scores[enc] = sum(map(_commonness, wide)) / len(wide)
    if not scores:
        return None
    enc = max(scores, key=lambda e: (scores[e], e == "gb18030"))
    return enc if scores[enc] >= 0.6 else None


_COMMON_PUNCT = frozenset("，。、；：？！“”‘’（）《》…—·「」『』【】％")


@functools.lru_cache(maxsize=65536)
def _commonness(ch: str) -> float:
    if ch in _COMMON_PUNCT:
        return 1.0
    if not is_cjk(ch):
        return 0.0
    best = 0.0
    try:
        lead = ch.encode("gb2312")[0]
        best = 1.0 if lead <= 0xD7 else 0.5
    except UnicodeEncodeError:
        pass
    try:
        code = int.from_bytes(ch.encode("big5"), "big")
        best = max(best, 1.0 if 0xA440 <= code <= 0xC67E else 0.5)
    except UnicodeEncodeError:
        pass
    return best


# ---------------------------------------------------------------- text for the splitter


def clean_for_matching(raw: str) -> str:
    """The splitter's view of ``raw``, of the same length: every line break form becomes ``\\n``
    (``\\r\\n`` becomes a space and ``\\n``, so that no offset moves) and control characters become
    spaces, so they never reach a name, an evidence sentence, GraphML or JSON."""
    text = _LINE_BREAKS.sub(lambda m: " \n" if len(m.group()) == 2 else "\n", raw)
    return _CONTROLS.sub(" ", text)


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str] | None:
    """Characters OpenCC's Traditional → Simplified character table writes differently, read from
    the table itself; None when the table is not where this OpenCC keeps it."""
    import opencc

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    if not table.is_file():
        return None
    chars = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if len(source) == 1 and targets and targets.split()[0] != source:
            chars.add(source)
    return frozenset(chars)


def traditional_share(text: str, sample: int = 2000) -> float:
    """Share of the Han characters (of the first ``sample``) that have another Simplified form.

    Looked up character by character in OpenCC's table (a set look-up a character) instead of
    converting the sample: the conversion took 15 ms a page, the slowest step of reading."""
    han = _NOT_HAN.sub("", text[: sample * 4])[:sample]
    if not han:
        return 0.0
    drop = _drop_traditional()
    if drop is None:
        simple = to_simplified(han)
        return sum(a != b for a, b in zip(han, simple, strict=True)) / len(han)
    return (len(han) - len(han.translate(drop))) / len(han)


_NOT_HAN = re.compile(f"[^{HAN_RANGES}]+")


@functools.lru_cache(maxsize=1)
def _drop_traditional() -> dict[int, None] | None:
    """A ``str.translate`` table deleting the characters of :func:`_traditional_chars`: what a
    text loses through it is its count of them, computed in C."""
    chars = _traditional_chars()
    return None if chars is None else dict.fromkeys(map(ord, chars))


def to_simplified(text: str) -> str:
    """Traditional → Simplified, character for character (OpenCC's t2s tables map every phrase to one
    of the same length, so offsets keep their meaning; checked, with a per-character fallback)."""
    conv = _t2s()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    chars = []
    for c in text:
        s = conv.convert(c)
        chars.append(s if len(s) == 1 else c)
    return "".join(chars)


# ---------------------------------------------------------------- HTML


class _TextOf(HTMLParser):
    """Text of an HTML page as a reader sees it: block elements end lines, white space inside a
    line collapses (except in ``<pre>``), scripts, styles and the page title are dropped (``<head>``
    is not: its end tag is optional, and a missing one must not swallow the page)."""

    DROP = frozenset(("script", "style", "noscript", "template", "title"))
    BLOCK = frozenset(
        re.split(
            r"\s+",
            "address article aside blockquote body br caption center dd details dialog div dl dt fieldset "
            "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section "
            "summary table tbody td tfoot th thead tr ul",
        )
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.drop = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.DROP:
            self.drop += 1
        elif tag == "pre":
            self.pre += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.DROP and self.drop:
            self.drop -= 1
        elif tag == "pre" and self.pre:
            self.pre -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.drop:
            return
        self.parts.append(data if self.pre else re.sub(r"[ \t\r\n\f]+", " ", data))


def html_to_text(html: str) -> str:
    """The text of an HTML page, one block element a line, with the markup gone and the character
    references resolved (``&lt;`` becomes ``<``, as text, never as markup)."""
    parser = _TextOf()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # html.parser is lenient; anything it still raises is a broken page
        raise Skip(f"HTML could not be parsed: {exc}") from None
    lines = (line.strip(" \t") for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
