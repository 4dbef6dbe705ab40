"""Write outputs so that a reader never sees half a file: write beside, then rename.

A build killed at any moment (Ctrl-C, SIGKILL, a full disk) must leave the previous ``out/``
complete and readable. Each file is written to a temporary file in the same folder, flushed to disk,
and renamed over the old one, which POSIX (and Windows, through ``os.replace``) does in one step.
Inside :func:`atomic_batch` the renames wait until *every* file of the build is written, so a build
that dies while writing changes nothing at all, and one that dies during the renames (a few
microseconds) leaves each file either the old or the new one, each complete.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

_pending: contextvars.ContextVar[list[tuple[str, Path]] | None] = contextvars.ContextVar(
    "atomic_pending", default=None
)


@functools.cache
def _file_mode() -> int:
    """The mode ``open()`` would give a new file; ``mkstemp`` makes them owner-only (0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _tmp_prefix(path: Path) -> str:
    return f".{path.name}."


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success it replaces ``path`` in one rename (at the
    end of the enclosing :func:`atomic_batch`, if there is one); on failure it is removed.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> with atomic_open(p) as f:
    ...     _ = f.write("done")
    >>> p.read_text()
    'done'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=_tmp_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _file_mode())
        kwargs = {} if "b" in mode else {"encoding": "utf-8", "newline": "\n"}
        with os.fdopen(fd, mode, **kwargs) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        pending = _pending.get()
        if pending is None:
            os.replace(tmp, path)
            _fsync_dir(path.parent)
        else:
            pending.append((tmp, path))
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_batch() -> Iterator[None]:
    """Hold back the renames of every :func:`atomic_open` inside until all of them succeeded.

    Writers need not know about it (it travels in a context variable), so one written by someone
    else still takes part. If anything inside raises, every temporary file is removed and no
    output is touched."""
    pending: list[tuple[str, Path]] = []
    token = _pending.set(pending)
    try:
        yield
    except BaseException:
        for tmp, _ in pending:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    finally:
        _pending.reset(token)
    for tmp, path in pending:
        os.replace(tmp, path)
    for folder in sorted({str(p.parent) for _, p in pending}):
        _fsync_dir(Path(folder))


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on every platform."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale(folder: Path, names: Iterable[str]) -> list[Path]:
    """Remove temporary files a killed build left behind for these outputs; returns them.

    Only ``.NAME.*.tmp`` for the names given is touched, never anything else in the folder."""
    gone = []
    for name in names:
        for p in folder.glob(f"{_tmp_prefix(Path(name))}*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
                gone.append(p)
    return gone
