"""Extraction results cached by content, so that a rebuild re-extracts only the pages that changed.

Extraction is nearly all of a build's time, and it is a pure function of three things: the page's
text, its name (article ids are ``doc#index``) and the extractor itself. So each page's result —
its articles, their mentions and the notes — is stored in SQLite under

    sha256(extractor version, doc, text)

where the *extractor version* is a hash of every source file the extractor runs (found by following
the imports of :mod:`graph.extract.pipeline` and :mod:`graph.articles` inside the package), of
``graph/data/*``, of the model files under ``graph/models/``, and of the versions of spaCy and jieba.
Changing any of them gives every page a new key: a stale result can never be served, and rows of an
old version are dropped at the end of the next build.

Beside the pages, a second table keeps the words the linker segments out of the text around names
(:class:`graph.link.WordStore`), by a hash of the window and of the code that reads it: a pure
function too, and the linker's largest cost, which an update then pays only for new names' windows.
Those rows carry the extractor's version as well (the linker segments with the extractor's jieba and
dictionary) and are served only to that version. A third table keeps what the relations read in
each article (:class:`graph.relations.ReadingStore`), by a hash of everything the reading depends on,
the relations' own code and rules included (:func:`code_version`). A fourth (``files``) remembers,
for each input file, its page's key with the file's identity and times
(:class:`graph.build.Manifest`), so that an update need not read an unchanged file again.

The file (``out/cache.sqlite``) is written in transactions of many pages, committed as the build
goes, so a build killed at any moment (even with SIGKILL) leaves a valid database — SQLite rolls a
half-written transaction back on the next open — holding every page committed before the kill; a
``build --update`` then resumes from there. A cache that cannot be read (damaged, written by a newer
format) is set aside and rebuilt: it is only ever a shortcut, never the source of an output.

Results are stored as compressed JSON, not pickles, so that a cache file cannot run code and stays
readable across Python versions; :class:`graph.articles.Article` has no JSON form of its own that
keeps everything (its ``origin`` offsets), so the helpers here give it one.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import sqlite3
import sys
import time
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from graph.articles import Article
from graph.mentions import Mention

CACHE_NAME = "cache.sqlite"
FORMAT = 2
"""Bumped whenever the stored layout changes; part of every key, and checked on open."""
PACKAGE = Path(__file__).resolve().parent
ROOTS = ("graph.extract.pipeline", "graph.articles")
"""The modules a page's extraction starts from; everything they import from the package counts."""
FLUSH_ROWS = 200
FLUSH_SECONDS = 5.0
"""A transaction per this many pages or seconds, whichever comes first: few enough commits to cost
nothing next to extraction, often enough that a killed build loses little."""


# ---------------------------------------------------------------- the extractor's version


def _module_file(name: str) -> Path | None:
    rel = Path(*name.split(".")[1:])
    for cand in (PACKAGE / rel.with_suffix(".py"), PACKAGE / rel / "__init__.py"):
        if cand.is_file():
            return cand
    return None


def _imports(path: Path) -> frozenset[str]:
    """Modules of the package that ``path`` imports (``from graph.x import y`` also counts
    ``graph.x.y``, which is a module when ``y`` is one). Read once a process for each state of
    the file: the versions of a build ask for most modules two or three times."""
    st = path.stat()
    return _imports_of(path, st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=256)
def _imports_of(path: Path, mtime_ns: int, size: int) -> frozenset[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("graph."))
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and node.module
            and (node.module == "graph" or node.module.startswith("graph."))
        ):
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return frozenset(n for n in names if n != "graph")


def extractor_sources() -> list[Path]:
    """Every source file of the package that a page's split and extraction can run: the closure of
    :data:`ROOTS` under imports (so a module the extractor starts using is covered without anyone
    remembering to list it), plus every module of ``graph/extract/`` (factories registered by
    name)."""
    return module_sources([*ROOTS, *(f"graph.extract.{p.stem}" for p in (PACKAGE / "extract").glob("*.py"))])


def module_sources(roots: Iterable[str]) -> list[Path]:
    """The source files of the package that the modules ``roots`` run: their closure under imports."""
    todo = list(roots)
    seen: dict[str, Path] = {}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_file(name)
        if path is None:
            continue  # a name imported from a module, not a module
        seen[name] = path
        todo += _imports(path)
    return sorted(set(seen.values()))


DOCS = frozenset({".md"})
"""Files beside the data and the model that describe them: editing them changes no extraction."""


def extractor_files() -> list[Path]:
    """What the extractor's output depends on inside the package: its sources, the data files and
    the model files (when a model is shipped), not their READMEs."""
    return extractor_sources() + _files_in(PACKAGE / "data") + _files_in(PACKAGE / "models")


def _files_in(folder: Path) -> list[Path]:
    """The files below ``folder`` but their notes (:data:`DOCS`), sorted; none if it is missing."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix not in DOCS)


@functools.lru_cache(maxsize=8)
def extractor_version(extra: str = "") -> str:
    """A hash of everything a page's extraction depends on (see the module's docstring); ``extra``
    is the caller's own settings that change results (the build's item length limit)."""
    h = hashlib.sha256(
        f"format {FORMAT}\nspacy {dist_version('spacy')}\njieba {dist_version('jieba')}\n".encode()
    )
    h.update(f"{extra}\n".encode())
    for path in extractor_files():
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        with path.open("rb") as f:
            for block in iter(lambda f=f: f.read(1 << 20), b""):
                h.update(block)
        h.update(b"\0")
    return h.hexdigest()[:32]


@functools.lru_cache(maxsize=8)
def code_version(root: str) -> str:
    """A hash of what module ``root`` computes with: the package's sources it can run
    (:func:`module_sources`) and the data files. Part of the keys of results computed from the
    extraction, such as :meth:`ExtractionCache.get_readings`', so that a change of the code or
    its rules is never served an old result."""
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    for path in module_sources([root]) + _files_in(PACKAGE / "data"):
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def dist_version(dist: str) -> str:
    """A distribution's version, read from its metadata (importing spaCy to ask costs a second)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "none"


def file_key(path: Path) -> str:
    """The key of what was read from one input file: its path (as the system names it)."""
    return "file:" + hashlib.sha256(os.fsencode(path)).hexdigest()


def page_key(version: str, doc: str, text: str) -> str:
    """The key of one page's extraction. ``doc`` is part of it because the results carry it (article
    ids are ``doc#index``): the same text under two names is two results."""
    h = hashlib.sha256()
    for part in (version, doc, text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


# ---------------------------------------------------------------- (de)serialisation


def _runs(origin: Sequence[int]) -> list[int]:
    """``origin`` (a raw offset per character, mostly counting up by one) as ``[start, length, …]``
    runs: a few numbers per paragraph instead of one per character."""
    import numpy as np

    if not len(origin):
        return []
    o = np.asarray(origin, dtype=np.int64)
    starts = np.flatnonzero(np.diff(o) != 1) + 1  # where a character does not follow the one before
    first = np.concatenate(([0], starts))
    lengths = np.diff(np.concatenate((first, [len(o)])))
    return np.column_stack((o[first], lengths)).ravel().tolist()


def _unruns(runs: list[int]) -> array:
    """The offsets back, packed as the build keeps them (:func:`graph.build.compact_offsets`)."""
    big = any(runs[i] + runs[i + 1] >= 2**31 for i in range(0, len(runs), 2))
    out = array("q" if big else "i")
    for i in range(0, len(runs), 2):
        out.extend(range(runs[i], runs[i] + runs[i + 1]))
    return out


def article_to_json(a: Article) -> dict:
    """Every field of an article but ``path`` (the cache is keyed by content, not by where the page
    was found: :func:`article_from_json` puts the current path back)."""
    d = {f.name: getattr(a, f.name) for f in dataclasses.fields(a) if f.name not in ("path", "origin")}
    d["origin"] = _runs(a.origin)
    d["lines"] = list(a.lines)
    return d


def article_from_json(d: dict, path: str = "", origins: bool = True) -> Article:
    """The article back; without ``origins`` its ``origin`` is left empty (a build has no use for
    it once extracted, and a large archive's is 4 bytes a character of the corpus)."""
    d = dict(d)
    d["origin"] = _unruns(d["origin"]) if origins else array("i")
    d["lines"] = tuple(d["lines"])
    return Article(**d, path=path)


MENTION_ROW = ("type", "surface", "start", "end", "raw_start", "raw_end", "source")
MENTION_ROW += ("role", "ref", "kb", "org_start", "org_end")
"""A mention's fields as the cache stores them, in this order: a row of values (the last ``None``
ones left out) rather than an object with its keys, and without ``doc`` and ``article``, which
every mention of an article shares and the article's entry gives once. Decoding 278,000 mentions
of 10,000 pages is most of what an update spends on the cache; a row parses in half the time of
an object, and two fields fewer in less."""


def encode_result(articles: list[Article], mentions: dict[str, list[Mention]], notes: list[str]) -> bytes:
    """One page's extraction as compressed JSON: its articles, and under each article's id its
    mentions' ``doc`` and ``article`` with a row of the rest each (:data:`MENTION_ROW`)."""
    groups = {}
    for k, ms in mentions.items():
        doc, article = (ms[0].doc, ms[0].article) if ms else ("", k)
        rows = []
        for m in ms:
            if m.doc != doc or m.article != article:
                raise ValueError(f"the mentions under {k} are of more than one article")
            row = [getattr(m, f) for f in MENTION_ROW]
            while row[-1] is None:
                row.pop()
            rows.append(row)
        groups[k] = [doc, article, rows]
    data = {"articles": [article_to_json(a) for a in articles], "mentions": groups, "notes": notes}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 3)


def decode_result(
    blob: bytes, path: str = "", origins: bool = True
) -> tuple[list[Article], dict[str, list[Mention]], list[str]]:
    """:func:`encode_result`'s page back; raises ``ValueError`` on a row that is no mention."""
    data = json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))
    articles = [article_from_json(a, path, origins) for a in data["articles"]]
    mentions = {k: _mentions(doc, article, rows) for k, (doc, article, rows) in data["mentions"].items()}
    return articles, mentions, data["notes"]


def _mention_decoder() -> Callable[[str, str, list[list]], list[Mention]]:
    """The mentions of an article's rows (:data:`MENTION_ROW`), equal to those encoded, at a
    fraction of the cost of :class:`Mention`'s constructor, which sets each field through the
    frozen dataclass's ``__setattr__`` check and then interns its strings in ``__post_init__``,
    in loops: this sets the slots directly, each string interned once. A row with fewer values
    than a mention needs, or more than it has, raises ``ValueError``, as a row that does not decode
    should; the fields are checked by name here, at import."""
    if Mention.__slots__ != ("doc", "article", *MENTION_ROW):
        raise RuntimeError(f"cache._mention_decoder does not know Mention's fields {Mention.__slots__}")
    setters = [Mention.__dict__[name].__set__ for name in Mention.__slots__]
    doc_, article_, type_, surface, start, end, raw_start, raw_end, source, role, ref, kb, o1, o2 = setters
    least, most = MENTION_ROW.index("source") + 1, len(MENTION_ROW)
    pad = (None,) * (most - least)

    def decode(doc: str, article: str, rows: list[list], new=object.__new__, intern=sys.intern) -> list:
        doc, article = intern(doc), intern(article)
        out = []
        for row in rows:
            if not least <= len(row) <= most:
                raise ValueError(f"a cached mention of {len(row)} values, not {least} to {most}")
            t, s, a, b, ra, rb, src, r, f, k, os_, oe = (*row, *pad[: most - len(row)])
            m = new(Mention)
            doc_(m, doc)
            article_(m, article)
            type_(m, intern(t))
            surface(m, intern(s))
            start(m, a)
            end(m, b)
            raw_start(m, ra)
            raw_end(m, rb)
            source(m, intern(src))
            role(m, None if r is None else intern(r))
            ref(m, None if f is None else intern(f))
            kb(m, None if k is None else intern(k))
            o1(m, os_)
            o2(m, oe)
            out.append(m)
        return out

    return decode


_mentions = _mention_decoder()


# ---------------------------------------------------------------- the SQLite file


class _OlderFormat(sqlite3.DatabaseError):
    """The file holds a cache of an earlier :data:`FORMAT`."""


class ExtractionCache:
    """Page results by key in one SQLite file, opened on first use (a build that extracts nothing
    leaves no file behind).

    Writes are buffered and committed in transactions (:data:`FLUSH_ROWS`, :data:`FLUSH_SECONDS`);
    :meth:`close` commits the rest. Reads see committed rows only. Every key looked up or stored is
    remembered, so that :meth:`prune` can keep exactly what the build used."""

    def __init__(self, path: Path, version: str) -> None:
        self.path = path
        self.version = version
        self._db: sqlite3.Connection | None = None
        self._rows: list[tuple[str, str, str, bytes]] = []
        self._last_flush = time.monotonic()
        self.used: set[str] = set()
        self.hits = 0
        self.stored = 0

    # -- opening

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError as exc:
                # damaged, or not ours: it is only a cache, so start a new one (keeping the old file
                # aside for whoever wants to look at it) rather than fail the build; one an earlier
                # newsgraph wrote is of no use, and no fault
                if isinstance(exc, _OlderFormat):
                    print(f"note: {self.path} holds {exc}; starting a new cache", file=sys.stderr)
                    with contextlib.suppress(OSError):
                        os.unlink(self.path)
                else:
                    aside = self.path.with_name(self.path.name + ".damaged")
                    say = f"warning: {self.path} cannot be read ({exc}); starting a new cache"
                    print(say, file=sys.stderr)
                    with contextlib.suppress(OSError):
                        os.replace(self.path, aside)
                for suffix in ("-journal", "-wal", "-shm"):
                    with contextlib.suppress(OSError):
                        os.unlink(str(self.path) + suffix)
                self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            # the default rollback journal: a killed writer's half transaction is undone on the next
            # open; NORMAL sync is safe against a killed process (only a power cut could lose the
            # last commits, and then the cache is merely shorter)
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.execute(
                "CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, version TEXT NOT NULL, "
                "doc TEXT NOT NULL, data BLOB NOT NULL)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS words (key TEXT PRIMARY KEY, version TEXT NOT NULL, "
                "data TEXT NOT NULL)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS readings (key TEXT PRIMARY KEY, version TEXT NOT NULL, "
                "data BLOB NOT NULL)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS files (key TEXT PRIMARY KEY, version TEXT NOT NULL, "
                "data TEXT NOT NULL)"
            )
            row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            if row is None:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (str(FORMAT),))
            elif row[0] != str(FORMAT):
                older = row[0].isdigit() and int(row[0]) < FORMAT
                error = _OlderFormat if older else sqlite3.DatabaseError
                raise error(f"the results of cache format {row[0]}; this newsgraph writes format {FORMAT}")
            db.execute("SELECT count(*) FROM pages WHERE key = ''").fetchone()  # a damaged file fails here
        except BaseException:
            db.close()
            raise
        return db

    # -- reading and writing

    def get_many(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The stored results of those of ``keys`` that are in the cache."""
        keys = list(dict.fromkeys(keys))
        found = dict(self._select("pages", keys))
        self.hits += len(found)
        return found

    def has_pages(self, keys: list[str]) -> set[str]:
        """Those of ``keys`` whose page results are here (without reading them)."""
        return {k for k, _ in self._select("pages", keys, column="1")}

    def _select(
        self, table: str, keys: list[str], version: str | None = None, column: str = "data"
    ) -> Iterator[tuple[str, object]]:
        """``(key, data)`` of the rows of ``table`` under those of ``keys`` that are there (of
        ``version`` only, if given), asked 500 keys at a time; the keys count as used."""
        self.used.update(keys)
        if not self.path.exists() and self._db is None:
            return
        db = self._connect()
        of = [version] if version is not None else []
        only = "version = ? AND " if of else ""
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            query = f"SELECT key, {column} FROM {table} WHERE {only}key IN ({','.join('?' * len(part))})"
            yield from db.execute(query, of + part)

    def put(self, key: str, doc: str, data: bytes) -> None:
        """Store one page's result; committed with the next batch."""
        self.used.add(key)
        self._rows.append((key, self.version, doc, data))
        if len(self._rows) >= FLUSH_ROWS or time.monotonic() - self._last_flush >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Commit the buffered rows in one transaction."""
        self._last_flush = time.monotonic()
        if not self._rows:
            return
        db = self._connect()
        with self._transaction(db):
            db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?)", self._rows)
        self.stored += len(self._rows)
        self._rows = []

    def get_words(self, keys: list[str]) -> dict[str, tuple[str, ...]]:
        """The words of the linker's context windows stored under those of ``keys`` that are here
        (see :class:`graph.link.WordStore`), read by this version of the extractor (whose jieba and
        dictionary the linker segments with)."""
        return {
            key: tuple(data.split(" ")) if data else ()
            for key, data in self._select("words", keys, self.version)
        }

    def put_words(self, words: dict[str, tuple[str, ...]]) -> None:
        """Store the words of context windows, in one transaction. A word has no spaces (the linker
        reads runs of Han characters), so a space separates them."""
        self._store("words", {k: " ".join(ws) for k, ws in words.items()})

    def get_readings(self, keys: list[str]) -> dict[str, bytes]:
        """What the relations read in articles, stored under those of ``keys`` that are here (see
        :class:`graph.relations.ReadingStore`)."""
        return dict(self._select("readings", keys, self.version))

    def put_readings(self, readings: dict[str, bytes]) -> None:
        """Store what the relations read in articles, in one transaction."""
        self._store("readings", readings)

    def get_files(self, keys: list[str]) -> dict[str, str]:
        """What was read from input files, by :func:`file_key`, stored under those of ``keys`` that
        are here (see :class:`graph.build.Manifest`)."""
        return dict(self._select("files", keys, self.version))

    def put_files(self, files: dict[str, str]) -> None:
        self._store("files", files)

    def _store(self, table: str, rows: dict[str, object]) -> None:
        """``rows`` (key → data) into ``table`` under this version, in one transaction; the keys
        count as used."""
        self.used.update(rows)
        if not rows:
            return
        db = self._connect()
        with self._transaction(db):
            db.executemany(
                f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)",
                ((k, self.version, d) for k, d in rows.items()),
            )

    def prune(self, keep_only_used: bool) -> int:
        """Drop rows of other extractor versions, and with ``keep_only_used`` every row this build
        did not use (a full build leaves the cache holding exactly its pages, so it does not grow
        without bound). Returns the number of rows dropped."""
        self.flush()
        if self._db is None and not self.path.exists():
            return 0
        db = self._connect()
        with self._transaction(db):
            gone = 0
            if keep_only_used:
                db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
                db.execute("DELETE FROM used")
                db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used))
            for table in ("pages", "words", "readings", "files"):
                gone += db.execute(f"DELETE FROM {table} WHERE version != ?", (self.version,)).rowcount
                if keep_only_used:
                    gone += db.execute(
                        f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM used)"
                    ).rowcount
            if keep_only_used:
                db.execute("DROP TABLE used")
        return gone

    def count(self) -> int:
        if self._db is None and not self.path.exists():
            return 0
        return self._connect().execute("SELECT count(*) FROM pages").fetchone()[0]

    def close(self, quietly: bool = False) -> None:
        """Commit what is buffered and close the file. ``quietly`` (the build is failing anyway)
        swallows a failure to commit rather than hide the build's own error behind it."""
        try:
            self.flush()
        except Exception:
            if not quietly:
                raise
        finally:
            self._rows = []
            if self._db is not None:
                self._db.close()
                self._db = None

    @staticmethod
    @contextlib.contextmanager
    def _transaction(db: sqlite3.Connection) -> Iterator[None]:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
