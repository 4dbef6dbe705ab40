"""Work over many items split across forked processes that share the caller's memory.

After extraction the build's stages read one large structure (the articles, the linked entities,
the graph) and do independent work for each part of it: the relations of an article, the page of
an entity. Sending that structure to worker processes would cost more than the work; forked
children inherit it instead, read their share, and send back only their (small) answers.

Where processes are not forked (Windows) or one job is asked for, the work runs here, in order: the
answers are the same either way, which is what the build's determinism needs.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: tuple[Callable, Sequence] | None = None
"""The function and items of the running :func:`fork_map`: set before the children are forked,
so that they find it in their copy of the memory instead of receiving it."""


EXTRA_MEMORY = 1.0e9
"""Bytes of memory the forked processes of a stage may add to the build's, all together. A child
shares its parent's memory only until it writes to it, and reading a Python object writes its
reference count: a child that reads a third of a large build's objects comes to hold a private
copy of the pages they sit on. At 100,000 pages (a 3.4 GB build) two children of the export
held 1.1–1.4 GB each, for 6.8 GB in all; at 10,000 pages (0.7 GB) the same costs about 0.5 GB and
saves a quarter of the build's time after extraction. So a stage forks only as many processes as
fit in this much, counting half of the build's memory a child, and fewer if the system has less
available: a large build does its later stages in one process, to keep its memory within bounds,
and a small one on several cores."""
COPY_SHARE = 0.5


@contextlib.contextmanager
def long_lived() -> Iterator[Callable[[], None]]:
    """Within, ``keep()`` takes every object made so far out of the cyclic garbage collector's
    sight, until the end of the block.

    A build makes its large structures (articles, mentions, entities, relations, the graph) one
    stage at a time and holds each until it ends; meanwhile every full collection walks all of
    them again, for nothing: 4.5 s of a 28 s update of 10,000 pages. Kept objects are still freed
    when nothing refers to them any more; only cycles among them wait for the end of the block.

    Full collections wait for the end of the block too (the oldest generation's threshold is
    raised to :data:`BLOCK_FULL_EVERY`). One walks every object not kept, which within a stage is
    what the stage has made so far, and it came each time that grew by a quarter: 4.3 s of a 33 s
    update of 10,000 pages, in its main process alone. Young objects are still collected as usual,
    and what survives them is not garbage: the build makes next to no cycles (extracting the seed
    pages, for one, leaves none).

    Where the caller has frozen objects itself (``gc.freeze``), ``keep()`` does nothing: the
    collector cannot give back only some of them, so what the build froze would stay frozen after
    it, and its cycles never be collected. A block inside another keeps for the outer one."""
    global _KEEPING
    if _KEEPING or gc.get_freeze_count() > 0:
        yield gc.freeze if _KEEPING else _nothing
        return
    _KEEPING = True
    thresholds = gc.get_threshold()
    gc.set_threshold(*thresholds[:2], max(thresholds[2], BLOCK_FULL_EVERY))
    try:
        yield gc.freeze
    finally:
        _KEEPING = False
        gc.set_threshold(*thresholds)
        gc.unfreeze()


BLOCK_FULL_EVERY = 1000
"""The oldest generation's threshold within a :func:`long_lived` block (Python's default is 10):
a full collection after that many collections of the middle one (seven million objects kept)."""
_KEEPING = False
"""Whether a :func:`long_lived` block holds the collector's frozen objects (and will give them back)."""


def _nothing() -> None:
    pass


def die_with_parent(parent: int) -> None:
    """In a worker process, first thing: be killed with the build (Linux's parent-death signal).
    A build killed outright (SIGKILL, the OOM killer) cannot stop its workers, and a forked worker
    waiting for its next task would wait for ever, holding its share of memory. ``parent`` is the
    build's pid: if it died before this ran, the worker goes at once."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def forked_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes forked from this one, which die with it (:func:`die_with_parent`)."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )


def affordable(jobs: int) -> int:
    """How many of ``jobs`` forked processes the memory allows now (see :data:`EXTRA_MEMORY`);
    ``jobs`` where this process's size cannot be read."""
    rss, available = _memory()
    if not rss:
        return jobs
    budget = min(EXTRA_MEMORY, available / 2) if available else EXTRA_MEMORY
    return max(1, min(jobs, int(budget // (COPY_SHARE * rss))))


def _memory() -> tuple[int, int]:
    """This process's resident bytes and the bytes available to it (0: not known): the system's
    available memory, or what is left under the container's limit (cgroup v2) if that is less."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            rss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0, 0
    available = 0
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    available = int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open("/sys/fs/cgroup/memory.max", encoding="ascii") as f:
            limit = f.read().strip()
        with open("/sys/fs/cgroup/memory.current", encoding="ascii") as f:
            used = int(f.read())
        if limit != "max":
            left = max(1, int(limit) - used)  # (1, not 0: nothing left is not "not known")
            available = min(available, left) if available else left
    except (OSError, ValueError):
        pass
    return rss, available


def _freeze_for_children() -> bool:
    """Take the heap out of the collector's reach before forking children that share it: a full
    collection, in a child or here while they live, would walk (and so copy, page by page) the
    memory they share. Never frozen over a caller's own freeze, which the collector could not give
    back apart from it. Returns whether the heap is the caller's to give back once the children
    end (``gc.unfreeze``), as :func:`_forked` leaves it."""
    thawed = gc.get_freeze_count() == 0
    if thawed or _KEEPING:
        gc.freeze()
    return thawed


def _forked(thawed: bool) -> bool:
    """Once the children are forked (``thawed`` from :func:`_freeze_for_children`): within a
    :func:`long_lived` block, which may freeze while the answers are used, the heap is given back
    at once, so as not to give back that freeze with it later (the block's full collections wait
    anyway). Returns whether it is still to be given back when the children end."""
    if thawed and _KEEPING:
        gc.unfreeze()
        return False
    return thawed


def fork_map(
    fn: Callable[[T], R], items: Sequence[T], jobs: int | None = None, parts: int = 8, *, rerun: bool = True
) -> list[R]:
    """``fn`` of every item, in the items' order, computed by up to ``jobs`` forked processes
    (default: all cores; fewer when memory is short, see :func:`affordable`) that each take
    consecutive runs of items (``parts`` runs a process).

    A child's changes to memory stay in the child: ``fn`` answers, it does not update. Should a
    child die (killed for memory, say), the items whose answers had not come back yet are done
    here — some of them may have been done, or half done, by a child already, so work with effects
    outside memory (files) passes ``rerun=False`` and gets :class:`BrokenProcessPool` instead. An
    exception raised by ``fn`` is raised here, and the runs not started yet are dropped.

    >>> fork_map(len, ["a", "bb", "ccc"], jobs=2)
    [1, 2, 3]
    """
    return list(fork_imap(fn, items, jobs, parts, rerun=rerun))


def fork_imap(
    fn: Callable[[T], R], items: Sequence[T], jobs: int | None = None, parts: int = 8, *, rerun: bool = True
) -> Iterator[R]:
    """:func:`fork_map`, its answers given as their runs come back, in order: the caller works on
    the first while the children compute the rest. The children are forked at the first ``next``;
    closing the iterator early stops them (the runs not started are dropped).

    >>> list(fork_imap(len, ["a", "bb", "ccc"], jobs=2))
    [1, 2, 3]
    """
    global _TASK
    jobs = min(jobs or os.cpu_count() or 1, len(items))
    given = 0
    if jobs > 1 and can_fork() and _TASK is None and (jobs := affordable(jobs)) > 1:
        n = len(items)
        step = max(1, -(-n // (jobs * parts)))
        runs = [(i, min(n, i + step)) for i in range(0, n, step)]
        _TASK = (fn, items)
        thawed = _freeze_for_children()
        pool = None
        before = set(multiprocessing.active_children())
        try:
            try:
                pool = forked_pool(jobs)
                results = pool.map(_run, runs)  # the processes are forked here
            except OSError as exc:  # not every process could be made (a limit, memory)
                stop_started(before)
                if not rerun:
                    raise BrokenProcessPool(f"cannot start worker processes: {exc}") from exc
                print(f"warning: no worker process ({exc}); working in the forking one", file=sys.stderr)
                results = iter(())
            thawed = _forked(thawed)
            for run in results:
                given += len(run)
                yield from run
        except BrokenProcessPool:
            if not rerun:
                raise
            print(
                "warning: a worker process died; its work is finished by the one that forked it",
                file=sys.stderr,
            )
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            _TASK = None
            if thawed:
                gc.unfreeze()
    for i in range(given, len(items)):
        yield fn(items[i])


class ForkedCall(contextlib.AbstractContextManager):
    """``fn()`` computed by one process forked at once, while the caller goes on with other work;
    :meth:`result` waits for its answer. Where there is one job, no fork, or no memory for a
    second process (:func:`affordable`), or should the process not start, die, or fail, ``fn()``
    is computed by :meth:`result` instead, here (an error of its own is then raised here): the
    answer is the same either way. Leaving the ``with`` block stops the process if its answer was
    not taken.

    As in :func:`fork_imap`, ``fn`` and what it reads are not sent: the child finds them in its
    copy of the memory, and only the answer comes back, through a pipe of its own that only the
    child writes to (killed halfway through an answer, it leaves the reader an end of file, never
    a wait). The child is a daemon: ``fn`` may not start processes of its own there, and it ends
    with the interpreter.

    >>> with ForkedCall(lambda: 6 * 7, jobs=2) as call:
    ...     call.result()
    42
    """

    def __init__(self, fn: Callable[[], R], jobs: int | None = None) -> None:
        self.fn = fn
        self.process: BaseProcess | None = None
        self.receive: Connection | None = None
        self.thawed = False
        jobs = jobs or os.cpu_count() or 1
        if jobs < 2 or not can_fork() or affordable(2) < 2:
            return
        self.thawed = _freeze_for_children()
        try:
            receive, send = multiprocessing.Pipe(duplex=False)
            try:
                process = multiprocessing.get_context("fork").Process(
                    target=_answer, args=(fn, send, os.getpid()), name="forked-call", daemon=True
                )
                process.start()
            except OSError as exc:  # (a process limit, memory)
                receive.close()
                print(f"warning: no worker process ({exc}); working in the forking one", file=sys.stderr)
            else:
                self.process, self.receive = process, receive
            finally:
                send.close()  # (the child's alone: its end is the reader's end of file)
        except BaseException:
            self.close()
            raise
        self.thawed = _forked(self.thawed)
        if self.process is None:  # (nothing to keep frozen for)
            self.close()

    @property
    def elsewhere(self) -> bool:
        """Whether ``fn()`` is being computed by another process (so far)."""
        return self.process is not None

    def result(self) -> R:
        """``fn()``, from the process, or computed here."""
        if self.process is None or self.receive is None:
            return self.fn()
        try:
            answer = pickle.loads(self.receive.recv_bytes())
        except (EOFError, OSError):
            print(
                "warning: a worker process died or failed; its work is done by the one that forked it",
                file=sys.stderr,
            )
            answer = None
        finally:
            self.close()
        return self.fn() if answer is None else answer[0]

    def close(self) -> None:
        """Stop the process (if it has not ended) and give the heap back to the collector."""
        if self.process is not None:
            process, self.process = self.process, None
            if process.is_alive():
                process.kill()
            process.join()
        if self.receive is not None:
            self.receive.close()
            self.receive = None
        if self.thawed:
            gc.unfreeze()
            self.thawed = False

    def __exit__(self, *exc: object) -> None:
        self.close()


def _answer(fn: Callable[[], object], send: Connection, parent: int) -> None:
    """In the process of :class:`ForkedCall`: ``fn()``, sent back (in a one-element tuple, so that
    an answer of ``None`` is one). A failure sends nothing: the caller computes it again, and
    meets the error there."""
    die_with_parent(parent)
    try:
        data = pickle.dumps((fn(),), pickle.HIGHEST_PROTOCOL)
    except BaseException:
        os._exit(1)
    send.send_bytes(data)
    send.close()


def stop_started(before: set) -> None:
    """Stop the processes started since ``before`` (:func:`multiprocessing.active_children`) by a
    pool that could not start them all: they are not the pool's to stop (it never started
    running), and the interpreter would wait for them at exit, for ever."""
    for child in set(multiprocessing.active_children()) - before:
        child.kill()
        child.join()


def _run(run: tuple[int, int]) -> list:
    if _TASK is None:  # only a process forked by fork_map runs this
        raise RuntimeError("fork_map's task was not set before the process was forked")
    fn, items = _TASK
    return [fn(items[i]) for i in range(*run)]
