"""One small static page per entity, and an index of them all: what the bounded graph view leaves out.

``graph.html`` can draw a few thousand entities; a 100,000-page archive has about 400,000. Every
one of them gets a page in ``entities/`` with its name, type, aliases, roles, its typed relations
with their evidence sentences and articles, the entities it is named beside (``co_mentioned``,
strongest first) and the articles it is in, each related entity a relative link to its own page;
``entities/index.html`` lists them all by type.

The pages are plain HTML: no script (the Content-Security-Policy forbids any, and any request), no
network, readable in any browser from a folder, a zip or a file server. Names and sentences come
from articles and may be hostile, so every piece of text is escaped (as ``html.escape`` does, and
control characters dropped), and file names never contain any of it: an entity's page is named by
a hash of its id (:func:`page_path`), stable from build to build, safe for any id (``/``, ``..``,
a thousand characters, a lone surrogate) and spread over 256 sub-folders by its first two hex
digits, so that no folder holds more than a few thousand files.

Writing is one pass over the nodes, each page built and written on its own: time grows with the
number of entities and relations, and memory stays that of one page, plus a dictionary from each
relation to its evidence and the index's per-type lists (about 80 MB for 400,000 entities).
The folder is replaced as a whole (:func:`graph.export.atomic.atomic_dir`), together with the
build's other outputs.
"""

from __future__ import annotations

import hashlib
import heapq
import os
import re
import stat
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import networkx as nx

from graph.export import atomic
from graph.export.atomic import atomic_dir
from graph.export.html import _as_list, relation_name, style, type_colour, type_name, view_nodes

PAGES_DIR = "entities"
HASH_CHARS = 20
"""Hex digits of SHA-256 in a page's name: 80 bits, so that two of 400,000 ids share a name with a
chance of about 10⁻¹³ (and a clash would stop the build rather than overwrite a page)."""
MAX_RELATIONS = 200  # typed relations listed on a page, strongest first
MAX_EVIDENCE = 3  # evidence sentences shown per relation
MAX_CO_MENTIONED = 100
MAX_ARTICLES = 100
INDEX_PAGE = 10_000
"""Entities listed on one index page: up to this many in all, ``index.html`` lists them itself;
beyond, it links one page per type (``index-company.html``, then ``index-company-2.html``…), each
at most this long (about 0.7 MB), which a browser opens at once."""

CSS = (
    "body{font:15px/1.55 sans-serif;max-width:54em;margin:1em auto;padding:0 1em;color:#222}"
    "a{color:#1f5fbf;text-decoration:none}h1{font-size:1.5em;margin:.3em 0}"
    "h2{font-size:1.1em;margin:1.3em 0 .4em;border-bottom:1px solid #ddd}"
    ".d{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.3em}"
    ".m,nav,footer{color:#666;font-size:.9em}ul.e{font-size:.92em}ol.i{columns:18em}"
)
"""Short: it is repeated in every one of hundreds of thousands of pages (a shared stylesheet would
need the CSP to allow loading one, which ``file:`` pages cannot rely on)."""
CSP = "default-src 'none'; style-src 'unsafe-inline'"
"""No script, no request of any kind: only the page's own inline style."""


def _head(title: str) -> str:
    """The start of a page, up to ``<body>``; ``title`` is already escaped."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    )


TAIL = "</body>\n</html>\n"
_UNSAFE = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0xD800, 0xE000)]
_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#x27;"}
_ESCAPES |= dict.fromkeys(_UNSAFE, "\ufffd")
_SPECIAL = re.compile("[&<>\"'\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


@dataclass
class PagesWritten:
    """What :func:`write_entity_pages` wrote: ``pages`` (entity pages), ``indexes`` (index pages)
    and their total ``bytes``; of the pages, ``kept`` were the previous build's, unchanged
    (:meth:`_Shard.keep`)."""

    pages: int = 0
    indexes: int = 0
    bytes: int = 0
    kept: int = 0

    def add(self, other: PagesWritten) -> None:
        self.pages += other.pages
        self.indexes += other.indexes
        self.bytes += other.bytes
        self.kept += other.kept


def page_path(entity_id: str) -> str:
    """The page of an entity, relative to the pages folder: ``ab/ab12….html``, a hash of the id.

    >>> page_path("company:重庆渝拓化工有限公司") == page_path("company:重庆渝拓化工有限公司")
    True
    >>> p = page_path("company:../../<x>/" + "长" * 2000); p[2], len(p), p[:2] == p[3:5]
    ('/', 28, True)
    """
    h = hashlib.sha256(entity_id.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_CHARS]
    return f"{h[:2]}/{h}.html"


def _t(s: object) -> str:
    r"""Text for HTML: escaped (quotes too, so that it may sit in an attribute), and the control
    characters and lone surrogates that HTML or UTF-8 cannot hold made U+FFFD. The same as
    ``html.escape`` after a substitution, four times as fast on clean text (it is called about
    forty times a page).

    >>> _t("<a href='x'>&\x01\ud800") == "&lt;a href=&#x27;x&#x27;&gt;&amp;\ufffd\ufffd"
    True
    """
    s = str(s)
    return s.translate(_ESCAPES) if _SPECIAL.search(s) else s


def _type_key(t: object) -> str:
    """An entity type as it may appear in a file name: one of style.toml's, or ``other``."""
    return t if isinstance(t, str) and t in style()["types"] else "other"


def write_entity_pages(
    g: nx.MultiDiGraph,
    folder: Path,
    articles: Mapping[str, str] | None = None,
    relations: Iterable | None = None,
    *,
    graph_page: str | None = None,
) -> PagesWritten:
    """Write a page for every node of ``g`` and the index into ``folder``, replacing it as a whole
    (at the end of the enclosing :func:`graph.export.atomic.atomic_batch`, if any).

    ``articles`` maps article ids to titles. ``relations`` (:class:`graph.relations.Relation`, with
    ``source``, ``target``, ``type`` and ``evidence``) pair each evidence sentence with its article,
    which the graph's edges do not keep; without them a sentence is shown with the relation's
    articles. ``graph_page`` is the graph view's file name in ``folder``'s parent (``graph.html``):
    pages then link back to it, and those of entities it draws link to their place in it."""
    previous = folder if folder.is_dir() and not folder.is_symlink() else None
    with atomic_dir(folder) as tmp:
        pages = EntityPages(g, tmp, articles, relations, graph_page=graph_page, previous=previous)
        written = pages.write()
        written.add(pages.write_index())
    return written


class EntityPages:
    """The pages of ``g``'s entities, to be written into the new, empty folder ``tmp`` — all at once
    (:meth:`write`), or in parts by several processes (``write(k, n)`` for ``k`` in ``range(n)``),
    and the index once (:meth:`write_index`). The arguments are :func:`write_entity_pages`', and
    ``previous``, the folder being replaced, whose pages are kept where they are unchanged."""

    def __init__(
        self,
        g: nx.MultiDiGraph,
        tmp: Path,
        articles: Mapping[str, str] | None = None,
        relations: Iterable | None = None,
        *,
        graph_page: str | None = None,
        previous: Path | None = None,
    ) -> None:
        self.g, self.tmp, self.graph_page, self.previous = g, tmp, graph_page, previous
        self.titles = articles or {}
        self.evidence: dict[tuple[str, str, str], list] = {}
        for r in relations or ():
            self.evidence[(r.source, r.target, r.type)] = r.evidence
        self.in_view = set(view_nodes(g)) if graph_page else set()
        self.nodes = list(g.nodes)
        self.common = _Common(g, self.titles, self.evidence, graph_page)

    def write(self, part: int = 0, parts: int = 1) -> PagesWritten:
        """The pages of every ``parts``-th entity from the ``part``-th, a shard folder at a time."""
        written = PagesWritten()
        shards: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for n in self.nodes[part::parts]:
            shard, name = page_path(n).split("/")
            shards[shard].append((name, n))
        for shard, pages in shards.items():
            (self.tmp / shard).mkdir(exist_ok=True)  # (another part may have made it)
            with _Shard(self.previous, self.tmp, shard) as folder:
                for name, n in pages:
                    page = _entity_page(self.common, n, n in self.in_view)
                    data = page.encode("utf-8")
                    if folder.keep(name, data):
                        written.kept += 1
                    else:
                        folder.write(name, data)
                    written.bytes += len(data)
                    written.pages += 1
        return written

    def write_index(self) -> PagesWritten:
        written = PagesWritten()
        _write_index(self.g, self.tmp, self.graph_page, written)
        return written


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_FOLDER = (
    (getattr(os, "O_PATH", 0) or os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
)
"""How a shard folder is opened: only to name files in it (``O_PATH`` on Linux, which needs no
permission to list the folder), never through a symbolic link (``O_NOFOLLOW``: a link is no
directory then, and the open fails)."""
_BY_FOLDER = {os.open, os.link, os.stat, os.unlink} <= os.supports_dir_fd and hasattr(os, "O_DIRECTORY")
"""Whether files can be opened, linked and checked relative to an open folder (Linux, macOS; not
Windows, where each page's path is given whole)."""


class _Shard:
    """One shard folder of the pages being written, ``new / shard``, and the previous build's,
    ``old / shard``, whose unchanged pages are kept (:meth:`keep`).

    Where the system allows (:data:`_BY_FOLDER`), each folder is opened once and every page
    named relative to it: a page's path is not resolved again for each of the five calls that
    check, link and verify it (half the time keeping 37,000 pages took), and the old folder is
    checked once to be no symbolic link, and is the folder checked whatever replaces its name
    later. Elsewhere, or for a folder that cannot be opened so, paths are given whole, and the
    old folder is checked again before each page: still the same folder, and no link."""

    def __init__(self, old: Path | None, new: Path, shard: str) -> None:
        self.fds: list[int] = []
        self.new_fd = self._open(new / shard)
        self.new = "" if self.new_fd is not None else os.path.join(new, shard, "")
        self.old: str | None = None  # what a page's name is joined to (None: nothing kept)
        self.old_fd = self._open(old / shard) if old is not None else None
        self.old_folder = ""
        self.old_id: tuple[int, int] | None = None
        if self.old_fd is not None:
            self.old = ""
        elif old is not None:
            self.old_folder = os.path.join(old, shard)
            self.old_id = self._folder_id()
            self.old = os.path.join(self.old_folder, "") if self.old_id is not None else None

    def _open(self, folder: Path) -> int | None:
        if not _BY_FOLDER:
            return None
        try:
            fd = os.open(folder, _FOLDER)
        except OSError:  # none there, a symbolic link, no permission: by its path, then
            return None
        self.fds.append(fd)
        return fd

    def _folder_id(self) -> tuple[int, int] | None:
        """The old folder's device and inode if it is a folder, not a link to one."""
        try:
            st = os.lstat(self.old_folder)
        except OSError:
            return None
        return (st.st_dev, st.st_ino) if stat.S_ISDIR(st.st_mode) else None

    def __enter__(self) -> _Shard:
        return self

    def __exit__(self, *exc: object) -> None:
        for fd in self.fds:
            os.close(fd)

    def keep(self, name: str, data: bytes) -> bool:
        """Give the new page ``name`` the previous build's page of that name if that holds ``data``
        already: a second name (hard link) for the same file, not a copy. Most pages of a build
        that adds a few articles to a large corpus are unchanged, and creating a file costs ten
        times as much as linking one (200 µs against 12 on a VM's ext4; 37,000 pages take 9 s to
        write). A kept page keeps its modification time: its content has not changed since.

        The old page is checked, not trusted: it is kept only if it is exactly what this build
        would write, a regular file of this user with the mode a new page gets, in a shard folder
        that is no symbolic link (a named pipe is never waited on, a link never followed out of
        the folder), and the name linked is the file compared. Anything else, or a file system
        without hard links, and the page is simply written."""
        if self.old is None or (self.old_fd is None and self._folder_id() != self.old_id):
            return False
        old, new = self.old + name, self.new + name
        try:
            fd = os.open(old, os.O_RDONLY | _NOFOLLOW, dir_fd=self.old_fd)
        except OSError:
            return False
        try:  # (open until the link is checked: the file compared cannot go, nor its inode be reused)
            st = _holds(fd, data)
            if st is None:
                return False
            try:
                os.link(old, new, src_dir_fd=self.old_fd, dst_dir_fd=self.new_fd, follow_symlinks=False)
            except FileExistsError:
                raise _clash(name) from None
            except (OSError, NotImplementedError):
                return False
            linked = os.stat(new, dir_fd=self.new_fd, follow_symlinks=False)
            if (linked.st_ino, linked.st_dev) != (st.st_ino, st.st_dev):  # replaced meanwhile
                os.unlink(new, dir_fd=self.new_fd)
                return False
            return True
        finally:
            os.close(fd)

    def write(self, name: str, data: bytes) -> None:
        _write(self.new + name, data, self.new_fd)


def _holds(fd: int, data: bytes) -> os.stat_result | None:
    """The status of the open file ``fd`` if it is a regular file of this user, with a new page's
    mode, holding ``data``; else None."""
    try:
        st = os.fstat(fd)
        if (
            not stat.S_ISREG(st.st_mode)
            or st.st_size != len(data)
            or stat.S_IMODE(st.st_mode) != atomic.file_mode()
            or (hasattr(os, "geteuid") and st.st_uid != os.geteuid())
        ):
            return None
        want, got = len(data) + 1, b""  # one byte more than the page: a file that grew differs
        while len(got) < want and (chunk := os.read(fd, want - len(got))):
            got += chunk
        return st if got == data else None
    except OSError:
        return None


def _clash(name: str) -> FileExistsError:
    """Two entities' pages would have one name (see :data:`HASH_CHARS`): writing or keeping it."""
    return FileExistsError(f"two entities have the same page name {name}; raise HASH_CHARS")


def _write(path: str | Path, data: bytes, folder: int | None = None) -> None:
    """Write one page (``path`` relative to the open ``folder``, if given), with as few system
    calls as can be (``open()`` costs three times as much as ``os.open`` here, and there are
    hundreds of thousands of pages). ``O_EXCL``: a second entity with the same file name is an
    error, not an overwrite (see :data:`HASH_CHARS`)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o666, dir_fd=folder)
    except FileExistsError:
        raise _clash(os.path.basename(path)) from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


class _Common:
    """What the pages of one build share, made once rather than for each of hundreds of thousands
    of pages: the navigation, and the escaped names and colours of types and relations (a few
    dozen). Each is the very text a page would otherwise build, escaped by :func:`_t` all the same;
    only those keyed by a ``str`` are kept, since values equal as dictionary keys (``1``, ``True``,
    ``1.0``) print differently."""

    def __init__(
        self,
        g: nx.MultiDiGraph,
        titles: Mapping[str, str],
        evidence: Mapping[tuple[str, str, str], list],
        graph_page: str | None,
    ) -> None:
        self.titles, self.evidence = titles, evidence
        # The graph's own dictionaries (node → data; node → neighbour → key → data), the structure
        # networkx documents for its graphs, read only: its node and edge views wrap every call
        # and every neighbour in objects of their own, a fifth of the time of all pages.
        self.node: Mapping[str, dict] = g._node
        self.succ: Mapping[str, Mapping[str, Mapping[object, dict]]] = g._succ
        self.pred: Mapping[str, Mapping[str, Mapping[object, dict]]] = g._pred
        self.directed = frozenset(str(g.graph.get("directed_types", "holds_role_at")).split("|"))
        self.nav = '<nav><a href="../index.html">全部实体</a>'
        self.graph_link = ""  # the link to the view's place of a drawn entity, but for its anchor
        if graph_page:
            self.nav += f' · <a href="../../{_t(graph_page)}">关系图</a>'
            self.graph_link = f' · <a href="../../{_t(graph_page)}#'
        self._types: dict[str, tuple[str, str]] = {}
        self._relations: dict[str, str] = {}

    def type(self, t: object) -> tuple[str, str]:
        """The escaped name and colour of entity type ``t``."""
        if type(t) is not str:
            return _t(type_name(t)), _t(type_colour(t))
        got = self._types.get(t)
        if got is None:
            got = self._types[t] = (_t(type_name(t)), _t(type_colour(t)))
        return got

    def relation(self, rel: object) -> str:
        """The escaped name of relation type ``rel``."""
        if type(rel) is not str:
            return _t(relation_name(rel))
        got = self._relations.get(rel)
        if got is None:
            got = self._relations[rel] = _t(relation_name(rel))
        return got

    def link(self, n: str) -> str:
        """A link from one entity page to another's (both are one folder below the pages folder)."""
        return f'<a href="../{page_path(n)}">{_t(self.node[n].get("label", n))}</a>'


def _article(a: str, titles: Mapping[str, str]) -> str:
    title = titles.get(a)
    return f"《{_t(title)}》<span class=m> {_t(a)}</span>" if title else f"<span class=m>{_t(a)}</span>"


def _incident(c: _Common, n: str) -> Iterable[tuple[bool, str, str, dict]]:
    """Every relation of ``n``: ``(outgoing, other, type, data)``, in the order of ``g.out_edges``
    then ``g.in_edges``; a self-loop once."""
    for v, edges in c.succ[n].items():
        for k, d in edges.items():
            yield True, v, d.get("type", k), d
    for u, edges in c.pred[n].items():
        if u != n:
            for k, d in edges.items():
                yield False, u, d.get("type", k), d


_FACTS = (
    ("roles", "职务", "、"),
    ("investment", "投资", "；"),
    ("capacity", "产能", "；"),
    ("dates", "时间", "；"),
)
"""Attributes listed under the heading, after the aliases: key, label and separator."""


def _entity_page(c: _Common, n: str, drawn: bool) -> str:
    """The page of entity ``n``; ``drawn``: whether the graph view draws it too."""
    node = c.node
    d = node[n]
    name = d.get("label", n)
    t = d.get("type", "")
    type_text, colour = c.type(t)
    name_text = _t(name)
    out = [_head(f"{name_text} · {type_text}"), c.nav]
    if drawn and c.graph_link:
        anchor = quote(n.encode("utf-8", "surrogatepass"), safe="")
        out.append(f'{c.graph_link}{_t(anchor)}">在关系图中查看</a>')
    arts = _as_list(d.get("article_ids"))
    out.append(
        f"</nav>\n<h1>{name_text}</h1>\n"
        f'<p class=m><span class=d style="background:{colour}"></span>{type_text}'
        f" · 提及 {_t(d.get('mentions', 0))} 次 · {_t(d.get('articles', len(arts)))} 篇文章</p>\n"
    )
    aliases = d.get("aliases")
    if aliases is not None and (values := [a for a in _as_list(aliases) if a != name]):
        out.append(f"<p>别名：{_t('、'.join(str(v) for v in values))}</p>\n")
    for key, label, sep in _FACTS:
        value = d.get(key)
        if value is not None and (values := _as_list(value)):
            out.append(f"<p>{label}：{_t(sep.join(str(v) for v in values))}</p>\n")

    typed, co = [], []
    for outgoing, other, rel, e in _incident(c, n):
        w = e.get("weight", 1)
        if rel == "co_mentioned":
            co.append((-w, node[other].get("label", other), other))
        else:
            typed.append((-w, rel, node[other].get("label", other), other, outgoing, e))
    if typed:
        shown = heapq.nsmallest(MAX_RELATIONS, typed, key=lambda x: (*x[:4], not x[4]))
        out.append(f"<h2>关系（{len(typed)}）</h2>\n<ul>\n")
        for negw, rel, _, other, outgoing, e in shown:
            arrow = ("→" if outgoing else "←") if rel in c.directed else "—"
            role = f"（{_t(e['role'])}）" if e.get("role") else ""
            out.append(f"<li>{c.relation(rel)} {arrow} {c.link(other)} ×{-negw}{role}\n")
            src, dst = (n, other) if outgoing else (other, n)
            out.append(_evidence(e, c.evidence.get((src, dst, rel)), c.titles))
            out.append("</li>\n")
        out.append("</ul>\n")
        if len(typed) > len(shown):
            out.append(
                f"<p class=m>另有 {len(typed) - len(shown)} 条关系未列出（见 relations.jsonl）。</p>\n"
            )
    if co:
        shown = heapq.nsmallest(MAX_CO_MENTIONED, co)
        out.append(f"<h2>同句提及（{len(co)}）</h2>\n<p>")
        out.append("、".join(f"{c.link(other)} ×{-negw}" for negw, _, other in shown))
        more = f"；另有 {len(co) - len(shown)} 个" if len(co) > len(shown) else ""
        out.append(f"{more}</p>\n")
    if arts:
        out.append(f"<h2>文章（{len(arts)}）</h2>\n<ol>\n")
        out += [f"<li>{_article(a, c.titles)}</li>\n" for a in arts[:MAX_ARTICLES]]
        out.append("</ol>\n")
        if len(arts) > MAX_ARTICLES:
            out.append(f"<p class=m>另有 {len(arts) - MAX_ARTICLES} 篇未列出。</p>\n")
    out.append(f"<footer>id：{_t(n)}</footer>\n{TAIL}")
    return "".join(out)


def _evidence(e: Mapping, paired: list | None, titles: Mapping[str, str]) -> str:
    """Up to :data:`MAX_EVIDENCE` sentences of one relation, each with its article and rule."""
    items = []
    if paired:
        for ev in paired[:MAX_EVIDENCE]:
            rule = f"<span class=m> 规则：{_t(ev['rule'])}</span>" if ev.get("rule") else ""
            where = _article(ev.get("article", ""), titles)
            items.append(f"<li><q>{_t(ev.get('sentence', ''))}</q> {where}{rule}</li>")
    else:
        arts = _as_list(e.get("articles"))
        for s in _as_list(e.get("evidence"))[:MAX_EVIDENCE]:
            where = f" {_article(arts[0], titles)}" if len(arts) == 1 else ""
            items.append(f"<li><q>{_t(s)}</q>{where}</li>")
        if len(arts) > 1:
            items.append("<li>文章：" + "；".join(_article(a, titles) for a in arts[:MAX_EVIDENCE]) + "</li>")
    return f"<ul class=e>{''.join(items)}</ul>\n" if items else ""


# ---------------------------------------------------------------- the index


def _index_file(t: str, k: int) -> str:
    """Page ``k`` (from 1) of type ``t``'s index."""
    return f"index-{t}.html" if k == 1 else f"index-{t}-{k}.html"


def _write_index(g: nx.MultiDiGraph, folder: Path, graph_page: str | None, written: PagesWritten) -> None:
    """``index.html``: every entity by type, most mentioned first; when there are more than
    :data:`INDEX_PAGE`, a list of types linking to their own pages of at most that many."""
    order = [*style()["types"], "other"]
    by_type: dict[str, list[str]] = {t: [] for t in order}
    for n, t in g.nodes(data="type"):
        by_type[_type_key(t)].append(n)

    def key(n: str) -> tuple:
        d = g.nodes[n]
        try:
            m = int(d.get("mentions") or 0)
        except (TypeError, ValueError):
            m = 0
        return (-m, str(d.get("label", n)), n)

    back = f' · <a href="../{_t(graph_page)}">关系图</a>' if graph_page else ""
    total = g.number_of_nodes()
    parts = [
        _head("全部实体"),
        f"<nav>全部实体{back}</nav>\n<h1>全部实体（{total:,}）</h1>\n",
        "<p class=m>按类型分组，提及多的在前；名称后的数字是提及次数。</p>\n",
    ]
    for t in order:
        ids = by_type[t]
        if not ids:
            continue
        ids.sort(key=key)
        name = _t(type_name(t))
        heading = f'<span class=d style="background:{_t(type_colour(t))}"></span>{name}（{len(ids):,}）'
        if total <= INDEX_PAGE:
            parts.append(f"<h2 id={t}>{heading}</h2>\n{_index_list(g, ids)}")
            continue
        chunks = [ids[i : i + INDEX_PAGE] for i in range(0, len(ids), INDEX_PAGE)]
        numbers = range(1, len(chunks) + 1)
        for k, chunk in zip(numbers, chunks, strict=True):
            pager = ""
            if len(chunks) > 1:
                pager = " ".join(
                    f"<b>{j}</b>" if j == k else f'<a href="{_index_file(t, j)}">{j}</a>' for j in numbers
                )
                pager = f"<p class=m>第 {k}/{len(chunks)} 页：{pager}</p>\n"
            page = (
                _head(f"{name} · 全部实体")
                + f'<nav><a href="index.html">全部实体</a>{back}</nav>\n<h1>{heading}</h1>\n'
                + pager
                + _index_list(g, chunk)
                + pager
                + TAIL
            )
            _write_index_page(folder / _index_file(t, k), page, written)
        links = " ".join(f'<a href="{_index_file(t, j)}">{j}</a>' for j in numbers)
        parts.append(f"<h2 id={t}>{heading}</h2>\n<p>页：{links}</p>\n")
    parts.append(TAIL)
    _write_index_page(folder / "index.html", "".join(parts), written)


def _write_index_page(path: Path, text: str, written: PagesWritten) -> None:
    data = text.encode("utf-8")
    _write(path, data)
    written.bytes += len(data)
    written.indexes += 1


def _index_list(g: nx.MultiDiGraph, ids: list[str]) -> str:
    rows = [
        f'<li><a href="{page_path(n)}">{_t(g.nodes[n].get("label", n))}</a> '
        f"<span class=m>{_t(g.nodes[n].get('mentions', 0))}</span></li>\n"
        for n in ids
    ]
    return "<ol class=i>\n" + "".join(rows) + "</ol>\n"
