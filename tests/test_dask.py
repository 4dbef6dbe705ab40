"""``--scheduler``: extraction on a Dask cluster gives the same outputs as the local build."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import graph.distributed
from graph.build import OUTPUTS, InputError, Page, build, read_page
from graph.distributed import WorkerMismatch, batches, extract_batch

from .conftest import SEEDS

distributed = pytest.importorskip("distributed")


def _outputs(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in OUTPUTS}


def test_a_build_on_a_local_cluster_writes_the_same_bytes_as_a_local_build(tmp_path, monkeypatch):
    monkeypatch.setattr(graph.distributed, "BATCH_BYTES", 20_000)  # a task per page or two, not one
    with distributed.LocalCluster(
        n_workers=1, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        on_dask = build(
            [SEEDS], tmp_path / "dask", jobs=1, progress=False, scheduler=cluster.scheduler_address
        )
    local = build([SEEDS], tmp_path / "local", jobs=1, progress=False, cache=False)
    assert on_dask.extracted == 5 and on_dask.articles
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
    # what the cluster extracted was cached like anything else
    again = build([SEEDS], tmp_path / "dask", jobs=1, progress=False, update=True)
    assert (again.extracted, again.cached) == (0, 5)
    assert len(local.articles) == len(on_dask.articles)


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(graph.distributed, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(InputError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        build([SEEDS], tmp_path / "out", progress=False, scheduler="tcp://127.0.0.1:9")
    assert not (tmp_path / "out").exists()


def test_without_dask_the_option_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now fails
    with pytest.raises(InputError, match=r"pip install 'newsgraph\[dask\]'"):
        build([SEEDS], tmp_path / "out", progress=False, scheduler="tcp://127.0.0.1:8786")


def test_a_worker_with_another_extractor_refuses_the_work():
    page = read_page(sorted(SEEDS.glob("*.txt"))[0])
    with pytest.raises(WorkerMismatch, match="install the same newsgraph"):
        extract_batch([page], "some-other-version")


def test_batches_cover_every_page_once_in_order():
    pages = [Page(Path(f"{i}.txt"), str(i), "字" * n) for i, n in enumerate([10, 300, 5, 5, 500, 1])]
    runs = batches(pages, size=300)
    assert [i for run in runs for i in run] == list(range(6))
    assert runs == [[0, 1], [2, 3, 4], [5]]
