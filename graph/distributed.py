"""Extraction on a Dask cluster: ``python -m graph build ARCHIVE --scheduler tcp://host:8786``.

Extraction is per page and takes nearly all of a build's time, so it is what goes to the cluster:
pages are sent in batches (:data:`BATCH_BYTES` of text each) with ``client.submit``, at most a few
batches per worker thread in flight, so that neither the client nor the scheduler holds the whole
archive at once. Results come back as they finish and are put back in page order, so the outputs
are the same bytes as a local build's. Linking, relations and export need every mention at once,
and stay on the client.

Every worker must have the same newsgraph installed as the client (the same extractor: sources,
word lists and model): each batch carries the client's extractor version and a worker with another
one refuses it, rather than mix two extractors' results in one graph (or in the cache).

Dask is optional (``pip install 'newsgraph[dask]'``) and imported only here, only when a scheduler
is given: the local build never needs it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from graph.build import InputError, Page, _extract_page, _Extracted, extractor_version

BATCH_BYTES = 256_000
"""Text per task: a dozen pages. Big enough that Dask's per-task cost (about a millisecond) is
nothing next to the extraction (seconds), small enough to spread a few hundred pages evenly."""
IN_FLIGHT_PER_THREAD = 3
CONNECT_TIMEOUT = "20s"


class WorkerMismatch(RuntimeError):
    """A worker runs another version of the extractor than the client."""


def extract_batch(pages: list[Page], version: str) -> list[_Extracted]:
    """The task each worker runs: extract a batch of pages, after checking the extractor is the
    client's. Module-level, so that it is sent to the workers by reference (``graph.distributed``
    must be importable there)."""
    mine = extractor_version()
    if mine != version:
        raise WorkerMismatch(
            f"this worker's extractor is version {mine}, the client's is {version}: "
            "install the same newsgraph (and models) on every worker"
        )
    return [_extract_page(p) for p in pages]


def batches(pages: list[Page], size: int) -> list[list[int]]:
    """Page indices in runs of about ``size`` characters of text (at least one page each)."""
    out: list[list[int]] = []
    run: list[int] = []
    total = 0
    for i, p in enumerate(pages):
        run.append(i)
        total += len(p.text)
        if total >= size:
            out.append(run)
            run, total = [], 0
    if run:
        out.append(run)
    return out


def _client(scheduler: str):
    try:
        from distributed import Client
    except ImportError:
        raise InputError(
            "--scheduler needs Dask's distributed scheduler, which is not installed: "
            "pip install 'newsgraph[dask]' (on the client and on every worker)"
        ) from None
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


def extract_on_dask(
    pages: list[Page], scheduler: str, done: Callable[[int, _Extracted], None], progress: bool = False
) -> None:
    """Extract ``pages`` on the cluster behind ``scheduler`` (an address such as
    ``tcp://host:8786``), calling ``done(index, result)`` for each page as its batch comes back.

    A batch that fails on the cluster (a worker killed, say) is extracted here instead, with a
    warning; a worker with another extractor stops the build (:class:`InputError`)."""
    from graph.build import _bar

    client = _client(scheduler)  # first: it says what to install when Dask is missing
    from distributed import as_completed

    version = extractor_version()
    runs = batches(pages, BATCH_BYTES)
    bar = _bar(len(pages), progress)
    with client:
        threads = sum(client.nthreads().values()) or 1
        window = max(2, IN_FLIGHT_PER_THREAD * threads)
        queue = iter(enumerate(runs))
        todo: dict = {}

        def submit() -> bool:
            nxt = next(queue, None)
            if nxt is None:
                return False
            b, run = nxt
            fut = client.submit(extract_batch, [pages[i] for i in run], version, pure=False)
            todo[fut.key] = b
            pending.add(fut)
            return True

        pending = as_completed(loop=client.loop)
        for _ in range(window):
            if not submit():
                break
        for fut in pending:
            run = runs[todo.pop(fut.key)]
            try:
                answers = fut.result()
            except WorkerMismatch as exc:
                raise InputError(f"Dask worker: {exc}") from None
            except Exception as exc:
                print(
                    f"warning: a batch of {len(run)} pages failed on the cluster "
                    f"({type(exc).__name__}: {exc}); extracting it here",
                    file=sys.stderr,
                )
                answers = [_extract_page(pages[i]) for i in run]
            finally:
                fut.release()
            for i, res in zip(run, answers, strict=True):
                done(i, res)
                bar.update(1)
            submit()
    bar.close()
