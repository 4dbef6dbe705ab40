"""Write outputs so that a reader never sees half a file: write beside, then rename.

A build killed at any moment (Ctrl-C, SIGKILL, a full disk) must leave the previous ``out/``
complete and readable. Each file is written to a temporary file in the same folder, flushed to disk,
and renamed over the old one, which POSIX (and Windows, through ``os.replace``) does in one step.
Inside :func:`atomic_batch` the renames wait until *every* file of the build is written, so a build
that dies while writing changes nothing at all, and one that dies during the renames (a few
microseconds) leaves each file either the old or the new one, each complete.

A *folder* of outputs (one page per entity, :func:`atomic_dir`) is written the same way, as a
whole: into a temporary folder beside it, swapped in by renames when the batch succeeds. POSIX
cannot rename a folder over a non-empty one, so on Linux the two are exchanged in one step
(``renameat2(RENAME_EXCHANGE)``); elsewhere the old folder is first renamed aside (``.NAME.*.old``)
and, should a build die between those two renames, :func:`remove_stale` puts it back.
"""

from __future__ import annotations

import contextlib
import contextvars
import ctypes
import errno
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, NamedTuple


class _Pending(NamedTuple):
    """A finished temporary output waiting for its rename: a file, or a folder (``folder``)."""

    tmp: str
    path: Path
    folder: bool = False


_pending: contextvars.ContextVar[list[_Pending] | None] = contextvars.ContextVar(
    "atomic_pending", default=None
)
DIR_SUFFIX = ".tmpdir"
OLD_SUFFIX = ".old"
GONE_SUFFIX = ".gone"
"""A replaced folder being removed in the background (:func:`_remove_later`)."""


@functools.cache
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode ``open()`` would give a new file; ``mkstemp`` makes them owner-only (0600)."""
    return 0o666 & ~_umask()


def _dir_mode() -> int:
    """The mode ``mkdir`` would give a new folder; ``mkdtemp`` makes them owner-only (0700)."""
    return 0o777 & ~_umask()


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
        os.fchmod(fd, file_mode())
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
            pending.append(_Pending(tmp, path))
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_dir(path: Path) -> Iterator[Path]:
    """Yield a new empty folder next to ``path`` to write into; on success it replaces the folder
    ``path`` as a whole (at the end of the enclosing :func:`atomic_batch`, if there is one), on
    failure it is removed. Readers see the old folder or the new one, never a mixture.

    Files inside need no :func:`atomic_open` of their own (nobody sees the folder until it is
    complete), which matters when there are hundreds of thousands of them: they are flushed to
    disk together, once, before the swap (:func:`_sync_folder`).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "pages"
    >>> with atomic_dir(p) as d:
    ...     _ = (d / "a.html").write_text("done")
    >>> sorted(x.name for x in p.iterdir()), sorted(x.name for x in p.parent.iterdir())
    (['a.html'], ['pages'])
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=_tmp_prefix(path), suffix=DIR_SUFFIX, dir=path.parent)
    try:
        os.chmod(tmp, _dir_mode())
        yield Path(tmp)
        pending = _pending.get()
        if pending is None:
            _commit([_Pending(tmp, path, folder=True)])
        else:
            pending.append(_Pending(tmp, path, folder=True))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


@contextlib.contextmanager
def atomic_batch() -> Iterator[None]:
    """Hold back the renames of every :func:`atomic_open` inside until all of them succeeded.

    Writers need not know about it (it travels in a context variable), so one written by someone
    else still takes part. If anything inside raises, every temporary file is removed and no
    output is touched."""
    pending: list[_Pending] = []
    token = _pending.set(pending)
    try:
        yield
    except BaseException:
        _discard(pending)
        raise
    finally:
        _pending.reset(token)
    _commit(pending)


@contextlib.contextmanager
def handed_over() -> Iterator[list[_Pending]]:
    """Collect the outputs finished inside, instead of putting them in place: for a process that
    writes part of a batch another process holds (:func:`graph.build.write_outputs` writes its
    outputs in several), which passes them to :func:`adopt` there. On failure they are removed.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> with handed_over() as done, atomic_open(p) as f:
    ...     _ = f.write("done")
    >>> p.exists(), len(done)
    (False, 1)
    >>> adopt(done); p.read_text()
    'done'
    """
    pending: list[_Pending] = []
    token = _pending.set(pending)
    try:
        yield pending
    except BaseException:
        _discard(pending)
        raise
    finally:
        _pending.reset(token)


def adopt(finished: Iterable[_Pending]) -> None:
    """Outputs finished elsewhere (:func:`handed_over`) join the enclosing :func:`atomic_batch`, or
    are put in place now if there is none."""
    pending = _pending.get()
    if pending is None:
        _commit(list(finished))
    else:
        pending.extend(_Pending(*p) for p in finished)


def discard(finished: Iterable[_Pending]) -> None:
    """Remove outputs finished elsewhere (:func:`handed_over`) that will not be put in place."""
    _discard([_Pending(*p) for p in finished])


def _discard(pending: list[_Pending]) -> None:
    for p in pending:
        if p.folder:
            shutil.rmtree(p.tmp, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(p.tmp)


def _commit(pending: list[_Pending]) -> None:
    """Put every finished output in place: flush the folders' files, rename everything, then
    remove the replaced folders (slow for big ones, and no longer needed by anyone: see
    :func:`_remove_later`)."""
    try:
        for p in pending:
            if p.folder:
                _sync_folder(Path(p.tmp))
    except BaseException:
        _discard(pending)
        raise
    replaced = []
    for p in pending:
        if p.folder:
            old = _swap_dir(Path(p.tmp), p.path)
            if old is not None:
                replaced.append(old)
        else:
            os.replace(p.tmp, p.path)
    for folder in sorted({str(p.path.parent) for p in pending}):
        _fsync_dir(Path(folder))
    for old in replaced:
        _remove_later(old)


def _remove_later(folder: Path) -> None:
    """Remove a replaced output folder without waiting for it to be gone.

    Deleting a folder of many small files is slow (37,000 entity pages take 5 s on a VM's disk,
    400,000 take a minute and a half), and once the new folder is in place nobody needs the old
    one: where there is a POSIX shell it is renamed ``.NAME.*.gone`` and removed by ``rm`` in the
    background, in a session of its own (Ctrl-C on the build does not stop it), holding none of the
    build's files or pipes; the build returns at once. Should the removal be cut short, the next
    build's :func:`remove_stale` finishes it. Elsewhere, or if no process can be started, the
    folder is removed here."""
    gone = folder.with_suffix(GONE_SUFFIX)
    try:
        os.rename(folder, gone)
    except OSError:
        gone = folder
    _remove_in_background(gone)


def _remove_in_background(folder: Path) -> None:
    if os.name == "posix" and shutil.which("sh") and shutil.which("rm"):
        try:
            # the shell puts rm in the background and exits at once: nobody waits for rm
            subprocess.run(
                ["sh", "-c", 'rm -rf -- "$1" &', "sh", os.fsencode(folder)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                check=True,
                timeout=60,
            )
            return
        except (OSError, subprocess.SubprocessError):
            pass
    shutil.rmtree(folder, ignore_errors=True)


def _swap_dir(tmp: Path, path: Path) -> Path | None:
    """Put the folder ``tmp`` in the place of ``path``; returns where the old ``path`` went (to be
    removed), if there was one."""
    if not os.path.lexists(path):
        os.rename(tmp, path)
        return None
    if _exchange(tmp, path):
        return tmp  # the exchange left the old folder under the temporary name
    old = tmp.with_name(tmp.name[: -len(DIR_SUFFIX)] + OLD_SUFFIX)
    os.rename(path, old)
    os.rename(tmp, path)  # killed just before this: remove_stale renames the old one back
    return old


def _libc():
    """The C library, for the two Linux calls Python has no wrapper for; ``None`` elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``, glibc 2.28+); ``False``
    where the system or the file system cannot, so that the caller falls back to two renames."""
    libc = _libc()
    fn = getattr(libc, "renameat2", None) if libc is not None else None
    if fn is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _sync_folder(folder: Path) -> None:
    """Flush a freshly written folder to disk before it is swapped in, as :func:`atomic_open` does
    for each file. ``fsync`` of 400,000 small files one by one takes minutes; Linux's ``syncfs``
    writes out the whole file system's dirty data in one call (which the next ``fsync`` would
    mostly wait for anyway). Elsewhere, ``os.sync`` where there is one."""
    libc = _libc()
    fn = getattr(libc, "syncfs", None) if libc is not None else None
    if fn is not None:
        fd = os.open(folder, os.O_RDONLY)
        try:
            fn.argtypes = [ctypes.c_int]
            if fn(fd) == 0:
                return
        finally:
            os.close(fd)
    if hasattr(os, "sync"):
        os.sync()


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on every platform."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale(folder: Path, names: Iterable[str]) -> list[Path]:
    """Remove temporary files and folders a killed build left behind for these outputs; returns
    them.

    Only ``.NAME.*.tmp`` (files), ``.NAME.*.tmpdir``, ``.NAME.*.gone`` and ``.NAME.*.old``
    (folders) for the names given are touched, never anything else in the folder. An ``.old``
    folder is the previous output of a build killed in the middle of a folder swap (where the
    system cannot exchange two folders in one step): if ``NAME`` itself is missing, it is renamed
    back instead of removed. A ``.gone`` folder (see :func:`_remove_later`) is removed in the
    background, as it was meant to be: a build does not wait for the one before it."""
    gone = []
    for name in names:
        prefix = _tmp_prefix(Path(name))
        for p in sorted(folder.glob(f"{prefix}*.tmp")):
            with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
                p.unlink()
                gone.append(p)
        for p in sorted(folder.glob(f"{prefix}*{OLD_SUFFIX}")):
            if not p.is_dir() or p.is_symlink():
                continue
            if not os.path.lexists(folder / name):
                os.rename(p, folder / name)
                continue
            shutil.rmtree(p, ignore_errors=True)
            gone.append(p)
        for p in sorted(folder.glob(f"{prefix}*{GONE_SUFFIX}")):
            if p.is_dir() and not p.is_symlink():
                _remove_in_background(p)  # (a removal cut short, or one still under way)
                gone.append(p)
        for p in sorted(folder.glob(f"{prefix}*{DIR_SUFFIX}")):
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
                gone.append(p)
    return gone
