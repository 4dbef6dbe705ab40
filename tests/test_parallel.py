"""Work split over forked processes: the same answers, in the same order, as done in one."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import SimpleNamespace

import pytest

import graph.link
import graph.parallel
from graph.parallel import can_fork, fork_map

pytestmark = pytest.mark.skipif(not can_fork(), reason="processes are not forked here")


@pytest.fixture(autouse=True)
def _memory_to_spare(monkeypatch):
    """However large the test process has grown and small the machine, these tests are about the
    processes, not memory."""
    monkeypatch.setattr(graph.parallel, "_memory", lambda: (10**8, 10**11))


def _pid_and_square(x: int) -> tuple[int, int]:
    return os.getpid(), x * x


def _slowly(x: int) -> tuple[int, int]:
    time.sleep(0.02)  # (long enough that one process cannot take every run before the other starts)
    return _pid_and_square(x)


def test_answers_come_in_order_from_several_processes():
    items = list(range(50))
    got = list(fork_map(_slowly, items, jobs=2))
    assert [sq for _, sq in got] == [x * x for x in items]
    assert len({pid for pid, _ in got}) == 2 and os.getpid() not in {pid for pid, _ in got}


_GATE: Path | None = None
"""A file the last item of :func:`_gated` waits for: set before the children are forked."""


def _gated(x: int) -> str:
    if x < 7:
        return str(x)
    deadline = time.monotonic() + 30
    while not _GATE.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return "opened" if _GATE.exists() else "never opened"


def test_imap_gives_the_first_answers_while_the_children_work_on_the_rest(tmp_path, monkeypatch):
    """The last item waits for a file made only once the first answer is here: given all at once,
    at the end, it would wait in vain (30 s)."""
    monkeypatch.setattr(sys.modules[__name__], "_GATE", tmp_path / "gate")
    answers = graph.parallel.fork_imap(_gated, list(range(8)), jobs=2, parts=4)
    assert next(answers) == "0"
    (tmp_path / "gate").touch()
    assert list(answers) == ["1", "2", "3", "4", "5", "6", "opened"]


def test_an_imap_closed_early_stops_its_children():
    before = set(multiprocessing.active_children())
    answers = graph.parallel.fork_imap(_slowly, list(range(200)), jobs=2)
    assert next(answers)[1] == 0
    answers.close()
    assert set(multiprocessing.active_children()) <= before
    assert graph.parallel._TASK is None and graph.parallel.fork_map(len, ["ab", "c"], jobs=2) == [2, 1]


def test_one_job_or_one_item_runs_here():
    assert {pid for pid, _ in fork_map(_pid_and_square, [1, 2, 3], jobs=1)} == {os.getpid()}
    assert fork_map(_pid_and_square, [3], jobs=4) == [(os.getpid(), 9)]
    assert fork_map(_pid_and_square, [], jobs=4) == []


def test_the_children_read_the_callers_memory_without_receiving_it():
    big = ["x" * 1000 for _ in range(2000)]  # never pickled: the children inherit it
    lengths = list(fork_map(lambda i: len(big[i]) + i, range(len(big)), jobs=2))
    assert lengths == [1000 + i for i in range(len(big))]


def test_a_call_inside_a_child_runs_there_in_order():
    def inner(x: int) -> list[int]:
        return list(fork_map(lambda y: y + x, [1, 2, 3], jobs=2))

    assert list(fork_map(inner, [10, 20], jobs=2)) == [[11, 12, 13], [21, 22, 23]]


def test_a_dead_child_costs_its_work_not_the_answers(capfd):
    parent = os.getpid()

    def fragile(x: int) -> int:
        if x == 7 and os.getpid() != parent:
            os._exit(1)  # killed (for memory, say) halfway through its share
        return x + 1

    assert fork_map(fragile, list(range(40)), jobs=2) == [x + 1 for x in range(40)]
    assert "worker process died" in capfd.readouterr().err
    # work with effects outside memory is not done a second time: the caller hears of the death
    with pytest.raises(BrokenProcessPool):
        fork_map(fragile, list(range(40)), jobs=2, rerun=False)


def test_no_process_to_be_had_means_the_work_is_done_here(monkeypatch, capfd):
    class Refused(ProcessPoolExecutor):
        def map(self, *args, **kwargs):
            raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(graph.parallel, "ProcessPoolExecutor", Refused)
    assert fork_map(_pid_and_square, [1, 2, 3], jobs=2) == [(os.getpid(), x * x) for x in (1, 2, 3)]
    assert "no worker process" in capfd.readouterr().err
    with pytest.raises(BrokenProcessPool):
        fork_map(_pid_and_square, [1, 2, 3], jobs=2, rerun=False)


def test_an_error_in_the_work_is_raised_here():
    def failing(x: int) -> int:
        if x == 3:
            raise ValueError("bad item 3")
        return x

    with pytest.raises(ValueError, match="bad item 3"):
        fork_map(failing, list(range(10)), jobs=2)
    # and the next call is not left running here (as a call inside a child does)
    assert os.getpid() not in {pid for pid, _ in fork_map(_pid_and_square, list(range(8)), jobs=2)}


def test_a_forked_call_runs_in_a_child_while_the_caller_goes_on(tmp_path, monkeypatch):
    """The child waits for a file made only after the call was started: were it computed at
    result(), by the caller, it would wait in vain (30 s)."""
    monkeypatch.setattr(sys.modules[__name__], "_GATE", tmp_path / "gate")
    big = ["x" * 1000 for _ in range(2000)]  # (never pickled: the child inherits it)
    with graph.parallel.ForkedCall(lambda: (os.getpid(), _gated(7), len(big)), jobs=2) as call:
        (tmp_path / "gate").touch()
        pid, gate, n = call.result()
    assert pid != os.getpid() and gate == "opened" and n == 2000


def test_a_forked_call_with_one_job_is_computed_here_when_asked():
    asked = []
    with graph.parallel.ForkedCall(lambda: asked.append(os.getpid()) or 42, jobs=1) as call:
        assert not asked
        assert call.result() == 42
    assert asked == [os.getpid()]


def test_a_forked_call_whose_child_dies_is_computed_here(capfd):
    parent = os.getpid()

    def fragile() -> int:
        if os.getpid() != parent:
            os._exit(1)
        return 42

    before = set(multiprocessing.active_children())
    with graph.parallel.ForkedCall(fragile, jobs=2) as call:
        assert call.result() == 42
    assert "worker process died" in capfd.readouterr().err
    assert set(multiprocessing.active_children()) <= before


def test_a_forked_call_left_unanswered_is_stopped_without_waiting_for_it():
    before = set(multiprocessing.active_children())
    t = time.monotonic()
    with pytest.raises(KeyError), graph.parallel.ForkedCall(lambda: time.sleep(60), jobs=2):
        raise KeyError("the caller failed meanwhile")
    assert time.monotonic() - t < 30
    assert set(multiprocessing.active_children()) <= before
    assert gc.get_freeze_count() == 0  # (the heap, frozen while the child lived, is given back)


def test_a_forked_call_that_cannot_fork_is_computed_here(monkeypatch, capfd):
    def refused():
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    with graph.parallel.ForkedCall(lambda: os.getpid(), jobs=2) as call:
        assert not call.elsewhere
        assert call.result() == os.getpid()
    assert "no worker process" in capfd.readouterr().err
    assert gc.get_freeze_count() == 0


def test_a_forked_call_failing_there_fails_here():
    def failing() -> int:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"), graph.parallel.ForkedCall(failing, jobs=2) as call:
        assert call.elsewhere
        call.result()


_HALFWAY = """
import os, sys, time
from pathlib import Path
from graph.parallel import ForkedCall, _memory
import graph.parallel
graph.parallel._memory = lambda: (10**8, 10**11)
gate = Path(sys.argv[1])
for attempt in range(12):
    gate.unlink(missing_ok=True)
    try:
        with ForkedCall(lambda: (gate.touch(), b"x" * 50_000_000)[1], jobs=2) as call:
            while not gate.exists():
                time.sleep(0.001)
            time.sleep(0.008 * attempt)  # (the answer on its way: 50 MB through a pipe)
            raise KeyError("the caller failed meanwhile")
    except KeyError:
        pass
print("ended")
"""


def test_a_forked_call_left_while_its_answer_is_on_its_way_ends_at_once(tmp_path):
    """Killed halfway through sending its answer, the child leaves no reader waiting for the rest
    (a process pool's would wait for ever, in the pool's thread and at exit)."""
    run = subprocess.run(
        [sys.executable, "-c", _HALFWAY, str(tmp_path / "gate")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(graph.parallel.__file__).parent.parent,
    )
    assert run.returncode == 0 and run.stdout.strip() == "ended", run.stderr


def test_the_linker_scores_in_a_child_and_gives_the_same_entities(monkeypatch):
    from graph.link import Overrides, link
    from graph.mentions import Mention

    # one company, its name misread on half the pages (拓/柘), in the same words
    names = ["重庆渝拓化工有限公司", "重庆渝柘化工有限公司"] * 3
    texts = {f"d{i}#1": f"{name}今年在涪陵区投产，年产聚氨酯原液十万吨。" for i, name in enumerate(names)}
    mentions = [
        Mention(f"d{i}", f"d{i}#1", "company", name, 0, len(name), 0, len(name), "t")
        for i, name in enumerate(names)
    ]
    scored_in = []
    real = graph.link._scored

    def noting(*args):
        scored_in.append(os.getpid())
        return real(*args)

    monkeypatch.setattr(graph.link, "_scored", noting)
    # and names alone in their entity, made while the child scores: renamed, one twice over
    alone = ["涪陵区", "涪陵", "两江新区", "江北区"]
    texts |= {f"e{i}#1": f"{name}新建一座工厂。" for i, name in enumerate(alone)}
    mentions += [
        Mention(f"e{i}", f"e{i}#1", "district", n, 0, len(n), 0, len(n), "t") for i, n in enumerate(alone)
    ]
    fixes = Overrides(rename={"两江新区": "江北区"})
    one = link(mentions, texts, fixes, jobs=1)
    two = link(mentions, texts, fixes, jobs=2)
    got = [(e.id, e.name, e.aliases, e.mentions, e.merged) for e in two]
    assert [(e.id, e.name, e.aliases, e.mentions, e.merged) for e in one] == got
    assert scored_in == [os.getpid()]  # (the child's note stays in the child)
    assert any(e.merged for e in two) and {"district:江北区", "district:江北区~2"} <= {e.id for e in two}


def test_a_large_build_forks_only_what_memory_allows(monkeypatch):
    gb = 1_000_000_000
    monkeypatch.setattr(graph.parallel, "EXTRA_MEMORY", 1 * gb)
    sizes = {"rss": 0.7 * gb, "available": 20 * gb}
    monkeypatch.setattr(graph.parallel, "_memory", lambda: (sizes["rss"], sizes["available"]))
    assert graph.parallel.affordable(2) == 2  # 10,000 pages: two children, about 0.5 GB more
    assert graph.parallel.affordable(16) == 2
    sizes["rss"] = 3.4 * gb  # 100,000 pages: one process, the build's memory and no more
    assert graph.parallel.affordable(2) == 1
    assert {pid for pid, _ in fork_map(_pid_and_square, list(range(8)), jobs=2)} == {os.getpid()}
    sizes.update(rss=0.1 * gb, available=0.3 * gb)  # a small build on a machine short of memory
    assert graph.parallel.affordable(8) == 3
    sizes.update(rss=0.1 * gb, available=1)  # a container at its limit
    assert graph.parallel.affordable(8) == 1
    monkeypatch.setattr(graph.parallel, "_memory", lambda: (0, 0))  # not known: as asked
    assert graph.parallel.affordable(8) == 8


def test_a_process_started_before_the_next_could_not_be_is_stopped(tmp_path):
    """The first fork succeeds, the second fails (a process limit): the work is done here, and the
    interpreter is not left waiting at exit for the one child that was made."""
    script = tmp_path / "half.py"
    script.write_text(
        textwrap.dedent(
            """
            import multiprocessing.context as mc
            import graph.parallel as gp

            gp._memory = lambda: (10**8, 10**11)
            real, calls = mc.ForkProcess.start, []

            def start(self):
                calls.append(1)
                if len(calls) == 2:
                    raise OSError(11, "Resource temporarily unavailable")
                return real(self)

            mc.ForkProcess.start = start
            print(gp.fork_map(abs, [-1, -2, -3, -4], jobs=2))
            print(gp.fork_map(abs, [-5, -6], jobs=2, rerun=True))
            """
        ),
        encoding="utf-8",
    )
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["[1, 2, 3, 4]", "[5, 6]"]
    assert "no worker process" in proc.stderr


def test_kept_objects_stay_out_of_the_collectors_sight_until_the_block_ends():
    import gc

    from graph.parallel import BLOCK_FULL_EVERY, long_lived

    assert gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    with long_lived() as keep:
        held = [[i] for i in range(1000)]
        assert gc.get_threshold()[2] >= BLOCK_FULL_EVERY > thresholds[2]  # full collections wait
        keep()
        assert gc.get_freeze_count() >= len(held) and not _in_sight(held)
        fork_map(_pid_and_square, list(range(8)), jobs=2)  # forking stages keep what the build kept
        assert not _in_sight(held)
        with long_lived():  # an inner block gives back nothing
            pass
        assert not _in_sight(held)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds
    assert _in_sight(held)
    del held


def _in_sight(held: list) -> bool:
    """Does the collector see (any of) ``held``? (A frozen object is in no generation.)"""
    import gc

    ids = {id(x) for x in held}
    return any(id(o) in ids for o in gc.get_objects())


def test_the_collector_is_given_back_as_it_was_when_a_block_fails():
    import gc

    from graph.parallel import long_lived

    thresholds = gc.get_threshold()
    with pytest.raises(RuntimeError), long_lived() as keep:
        keep()
        raise RuntimeError("a stage failed")
    assert gc.get_threshold() == thresholds and gc.get_freeze_count() == 0


def test_a_callers_own_freeze_is_left_as_it_was():
    import gc

    from graph.parallel import long_lived

    gc.freeze()
    thresholds = gc.get_threshold()
    try:
        theirs = gc.get_freeze_count()
        with long_lived() as keep:
            made = [[i] for i in range(1000)]
            keep()  # nothing: it could not be given back apart from the caller's
            fork_map(_pid_and_square, list(range(8)), jobs=2)
            # (nothing more frozen, nothing given back; a frozen object still dies when nothing
            # refers to it any more, so the count may drop by the few the suite let go meanwhile)
            assert theirs - 100 < gc.get_freeze_count() <= theirs
            assert gc.get_threshold() == thresholds  # their collector, as they set it
        assert theirs - 100 < gc.get_freeze_count() <= theirs and made
    finally:
        gc.unfreeze()


def test_workers_do_not_outlive_a_build_killed_outright(tmp_path):
    """SIGKILL gives the build no chance to stop its workers: they go with it, not wait for ever."""
    pids = tmp_path / "pids"
    script = textwrap.dedent(
        f"""
        import os, signal, threading, time
        from graph.parallel import fork_map
        import graph.parallel
        graph.parallel._memory = lambda: (10**8, 10**11)

        def slow(x):
            with open({str(pids)!r}, "a") as f:
                f.write(f"{{os.getpid()}}\\n")
            time.sleep(60)

        threading.Timer(2.0, lambda: os.kill(os.getpid(), signal.SIGKILL)).start()
        fork_map(slow, list(range(4)), jobs=2, parts=2)
        """
    )
    run = subprocess.run([sys.executable, "-c", script], timeout=60)
    assert run.returncode == -9
    workers = {int(p) for p in pids.read_text().split()}
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def _noting_pids(path):
    """A function that writes the process it runs in to ``path``, whichever process that is."""

    def note(*_args, **_kwargs) -> None:
        with path.open("a") as f:
            f.write(f"{os.getpid()}\n")

    return note


def _pages(tmp_path):
    import graph.build
    from graph.bench import make_pages, source_lines
    from graph.build import Page

    from .conftest import SEEDS

    lines, _ = source_lines(SEEDS)
    texts = make_pages(lines, [2000], graph.build.PARALLEL_MIN_PAGES, None, 5)
    return [Page(tmp_path / f"p{i}.txt", f"p{i}", t) for i, t in enumerate(texts)]


@pytest.mark.skipif(not can_fork(), reason="needs fork")
def test_the_workers_share_one_extractor_that_this_process_does_not_load(tmp_path, monkeypatch):
    """The main process lives on after extraction, to link at the build's peak: what the extractor
    loads (200 MB, jieba's dictionaries most of it) must not be there. Nor is it loaded by every
    worker (250 MB each): they are forked from one process that loaded it, once."""
    import graph.build
    from graph.build import Page, extract_pages

    pages = _pages(tmp_path)
    pids = tmp_path / "pids"
    real, note = graph.build.warm_up, _noting_pids(pids)
    monkeypatch.setattr(graph.build, "warm_up", lambda: note() or real())
    monkeypatch.setattr(graph.build, "_warm", False)
    results, stats = extract_pages([Page(p.path, p.doc, p.text) for p in pages], jobs=2)

    loaded = [int(x) for x in pids.read_text().split()]
    assert len(loaded) == 1 and loaded[0] != os.getpid()  # once, not here
    assert graph.build._warm is False and stats.seconds["load"] > 0
    here, _ = extract_pages(pages, jobs=1)
    assert [r.mentions for r in results] == [r.mentions for r in here]


def test_workers_are_forked_from_a_process_that_has_the_extractor_already(tmp_path, monkeypatch):
    """A process that loaded the extractor (a serial build, a notebook) shares its own: no server."""
    import graph.build
    from graph.build import extract_pages

    pids = tmp_path / "pids"
    monkeypatch.setattr(graph.build, "_warm", True)
    monkeypatch.setattr(graph.build, "_extract_shared", lambda *_: pytest.fail("a loader was forked"))
    real, note = graph.build._extract_page, _noting_pids(pids)
    monkeypatch.setattr(graph.build, "_extract_page", lambda *a: note() or real(*a))
    results, _ = extract_pages(_pages(tmp_path), jobs=2)

    assert len({int(x) for x in pids.read_text().split()} - {os.getpid()}) == 2  # (patched: forked here)
    assert not any(r.error for r in results)


@pytest.mark.skipif(not can_fork(), reason="needs fork")
def test_the_extractions_workers_do_not_outlive_a_build_killed_outright(tmp_path):
    """The process that loaded the extractor and the workers forked from it go with the build."""
    from .conftest import SEEDS

    pids = tmp_path / "pids"
    seed = sorted(SEEDS.glob("*.txt"))[0]
    script = textwrap.dedent(
        f"""
        import multiprocessing, os, signal, threading, time
        from pathlib import Path
        from graph.build import Page, extract_pages

        text = Path({str(seed)!r}).read_text(encoding="utf-8")
        pages = [Page(Path(f"p{{i}}.txt"), f"p{{i}}", text) for i in range(200)]

        def children(pid):
            found = []
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == pid:
                    found.append(int(stat.parent.name))
            return found

        def kill():
            while True:
                loaders = [p.pid for p in multiprocessing.active_children()]
                workers = [w for p in loaders for w in children(p)]
                if len(workers) >= 2:
                    break
                time.sleep(0.1)
            Path({str(pids)!r}).write_text(" ".join(map(str, loaders + workers)))
            os.kill(os.getpid(), signal.SIGKILL)

        threading.Thread(target=kill, daemon=True).start()
        extract_pages(pages, jobs=2, progress=False)
        """
    )
    run = subprocess.run([sys.executable, "-c", script], timeout=120)
    assert run.returncode == -9
    left = [int(p) for p in pids.read_text().split()]
    assert len(left) >= 3  # the loader and its two workers
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in left) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in left)


def test_the_linkers_words_are_the_same_read_by_several_processes_or_one():
    from graph.link import Cluster, _contexts
    from graph.mentions import Mention

    texts = {f"a{i}": f"重庆渝拓{i}号工厂今年投产，年产值{i}亿元。" for i in range(16)}
    clusters = [
        Cluster("company", f"渝拓{i}号", [Mention("d", a, "company", "渝拓", 2, 4, 2, 4, "t")], "same name")
        for i, a in enumerate(texts)
    ]
    bags = _contexts(clusters, texts, 2, None)
    assert bags == _contexts(clusters, texts, 1, None) and "投产" in bags[0]


def _dying_on(doc: str, main: int, kill_parent: bool = False, pids: Path | None = None):
    """An ``_extract_page`` that ends the process extracting page ``doc`` (or that process's
    parent) anywhere but in ``main``, noting in ``pids`` the processes it runs in."""
    import signal

    import graph.build

    real = graph.build._extract_page
    note = _noting_pids(pids) if pids is not None else lambda: None

    def extract(page, *args):
        note()
        if page.doc == doc and os.getpid() != main:
            if kill_parent:
                os.kill(os.getppid(), signal.SIGKILL)
                time.sleep(5)
            os._exit(1)
        return real(page, *args)

    return extract


@pytest.mark.skipif(not can_fork(), reason="needs fork")
def test_a_worker_dying_under_the_loader_costs_its_pages_not_the_answers(tmp_path, monkeypatch, capfd):
    import graph.build
    from graph.build import extract_pages

    pages = _pages(tmp_path)
    here, _ = extract_pages(_pages(tmp_path), jobs=1)
    monkeypatch.setattr(graph.build, "_warm", False)  # (so that a loader is forked)
    monkeypatch.setattr(graph.build, "_extract_page", _dying_on(pages[3].doc, os.getpid()))
    results, _ = extract_pages(pages, jobs=2)

    assert "a worker process died" in capfd.readouterr().err
    assert [r.mentions for r in results] == [r.mentions for r in here]


@pytest.mark.skipif(not can_fork(), reason="needs fork")
def test_a_loader_that_dies_is_noticed_though_its_workers_hold_the_pipe(tmp_path):
    """Where workers do not die with the loader (no parent-death signal: here, switched off), they
    keep its pipe open; the build notices the loader's end all the same, and extracts the rest."""
    script = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        import graph.build, graph.parallel
        from graph.build import Page, extract_pages
        from tests.test_parallel import _dying_on, _pages

        pages = _pages(Path({str(tmp_path)!r}))
        pids = Path({str(tmp_path / "pids")!r})
        graph.parallel.die_with_parent = graph.build.die_with_parent = lambda parent: None
        graph.build._extract_page = _dying_on(pages[3].doc, os.getpid(), kill_parent=True, pids=pids)
        results, _ = extract_pages(pages, jobs=2)
        print(len(results), sum(len(r.articles) for r in results), sum(1 for r in results if r.error))
        """
    )
    root = Path(__file__).resolve().parent.parent
    out, err = tmp_path / "out", tmp_path / "err"  # (files: the orphans hold them open)
    try:
        with out.open("w") as o, err.open("w") as e:
            code = subprocess.run([sys.executable, "-c", script], cwd=root, stdout=o, stderr=e, timeout=120)
    finally:
        for pid in set(map(int, (tmp_path / "pids").read_text().split())):  # the orphans
            with contextlib.suppress(OSError):
                if b"_dying_on" in Path(f"/proc/{pid}/cmdline").read_bytes():  # (not a reused pid)
                    os.kill(pid, 9)
    run = SimpleNamespace(returncode=code.returncode, stdout=out.read_text(), stderr=err.read_text())
    assert run.returncode == 0, run.stderr
    n, articles, errors = map(int, run.stdout.split())
    assert n == len(_pages(tmp_path)) and articles > 0 and errors == 0
    assert "a worker process died" in run.stderr


def _built_by_loader(tmp_path, patch) -> tuple[dict, dict]:
    """The pages of :func:`_pages` built with two jobs, through a loader (after ``patch(mp)``), and
    with one; both builds' outputs."""
    import graph.build
    from graph.build import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in _pages(tmp_path):
        (corpus / f"{p.doc}.txt").write_text(p.text, encoding="utf-8")
    outputs = ("articles.jsonl", "entities.jsonl", "relations.jsonl", "graph.graphml")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(graph.build, "_warm", False)  # (so that a loader is forked)
        patch(mp)
        build([corpus], tmp_path / "two", jobs=2, progress=False)
    build([corpus], tmp_path / "one", jobs=1, progress=False)
    return tuple({n: (tmp_path / d / n).read_bytes() for n in outputs} for d in ("two", "one"))


def _noting_words(path):
    """``graph.link._window_words``, writing the process it runs in and its parent to ``path``."""
    import graph.link

    real = graph.link._window_words

    def words(window: str) -> tuple[str, ...]:
        with path.open("a") as f:
            f.write(f"{os.getpid()} {os.getppid()}\n")
        return real(window)

    return words


@pytest.mark.skipif(not can_fork(), reason="needs fork")
@pytest.mark.parametrize("memory", [True, False], ids=["kept", "no-memory-for-it"])
def test_a_full_builds_loader_reads_the_linkers_words_where_memory_allows(memory, tmp_path):
    """It has jieba loaded, which this process would load (1-1.6 s, some 90 MB) and fork from the
    whole corpus; where memory is short it is not kept, and the words are read here."""
    import graph.build
    import graph.link

    loaded, words = tmp_path / "loaded", tmp_path / "words"
    real = graph.build.warm_up

    def patch(mp):
        mp.setattr(graph.build, "warm_up", lambda: _noting_pids(loaded)() or real())
        mp.setattr(graph.link, "_window_words", _noting_words(words))
        mp.setattr(graph.build, "affordable", lambda jobs: jobs if memory else 1)
        # (and the loader's readers: their count would otherwise hang on the memory free right now)
        mp.setattr(graph.parallel, "affordable", lambda jobs: jobs if memory else 1)
        mp.setattr(graph.link, "fork_map", lambda fn, items, jobs: [fn(x) for x in items])  # (here, if here)
        mp.setattr(graph.build, "WINDOWS_A_RUN", 1)  # (so that the loader forks readers for these few)

    before = set(multiprocessing.active_children())
    two, one = _built_by_loader(tmp_path, patch)
    assert set(multiprocessing.active_children()) <= before  # (ended with the build)
    (loader,) = {int(x) for x in loaded.read_text().split()}
    read = {tuple(map(int, line.split())) for line in words.read_text().splitlines()}
    assert read and loader != os.getpid()
    if memory:  # by readers the loader forked
        assert {parent for _, parent in read} == {loader} and len({pid for pid, _ in read}) == 2
    else:
        assert {pid for pid, _ in read} == {os.getpid()}
    assert two == one


@pytest.mark.skipif(not can_fork(), reason="needs fork")
def test_the_linkers_words_are_read_here_when_the_loader_dies_reading_them(tmp_path, capsys):
    from .conftest import words_reader_dies

    before = set(multiprocessing.active_children())
    two, one = _built_by_loader(tmp_path, words_reader_dies)
    assert "reading the words here" in capsys.readouterr().err
    assert set(multiprocessing.active_children()) <= before
    assert two == one


def _sleeping() -> None:
    time.sleep(60)


@pytest.mark.skipif(not can_fork(), reason="needs fork")
@pytest.mark.parametrize("helper", [False, True], ids=["not-kept", "kept-then-closed"])
def test_the_loader_ends_though_a_process_forked_since_holds_its_pipe(helper, tmp_path, monkeypatch):
    """Any process forked here after the loader holds this end of the pipe the loader waits on,
    so the loader is told to end, not left to see that end close."""
    import graph.build
    from graph.build import extract_pages

    stray = []
    real_bar = graph.build._bar

    def bar(*args):  # (called once the loader is forked)
        if not stray:
            stray.append(multiprocessing.get_context("fork").Process(target=_sleeping))
            stray[0].start()
        return real_bar(*args)

    monkeypatch.setattr(graph.build, "_bar", bar)
    monkeypatch.setattr(graph.build, "_warm", False)
    monkeypatch.setattr(graph.build, "affordable", lambda jobs: jobs)
    try:
        _, stats = extract_pages(_pages(tmp_path), jobs=2, helper=helper)
        assert (stats.helper is not None) == helper
        if stats.helper is not None:
            stats.helper.close()
        assert stray[0].is_alive()  # (ended without waiting for it)
    finally:
        stray[0].kill()
        stray[0].join()


@pytest.mark.skipif(not can_fork(), reason="needs fork")
def test_a_loader_kept_and_never_closed_does_not_hold_the_interpreter_at_exit(tmp_path):
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        import graph.build
        from graph.build import extract_pages
        from tests.test_parallel import _pages

        graph.build._warm = False
        graph.build.affordable = lambda jobs: jobs
        _, stats = extract_pages(_pages(Path({str(tmp_path)!r})), jobs=2, helper=True)
        print(stats.helper is not None)
        """
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and done.stdout.split() == ["True"]


@pytest.mark.skipif(not can_fork(), reason="needs fork")
def test_relations_failing_midway_leave_no_process_nor_task_behind(tmp_path, monkeypatch):
    """What the articles say is applied as it comes back from forked processes: a failure while
    applying closes them, though the failure's traceback (which holds the loop's frame) lives on."""
    import graph.relations
    from graph.build import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in _pages(tmp_path)[:4]:
        (corpus / f"{p.doc}.txt").write_text(p.text, encoding="utf-8")
    built = build([corpus], tmp_path / "out", jobs=1, progress=False)
    assert len(built.articles) > 2
    calls = []
    real = graph.relations._Collector.get

    def failing(self, *args):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("applying failed")
        return real(self, *args)

    monkeypatch.setattr(graph.relations._Collector, "get", failing)
    before = set(multiprocessing.active_children())
    with pytest.raises(RuntimeError, match="applying failed") as failure:
        graph.relations.extract_relations(built.articles, built.entities, jobs=2)
    assert failure.traceback  # (held while these are checked)
    assert graph.parallel._TASK is None
    assert set(multiprocessing.active_children()) <= before


def test_a_pool_that_cannot_be_made_leaves_no_task_nor_freeze(monkeypatch, capsys):
    import gc

    def no_pool(jobs):
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(graph.parallel, "forked_pool", no_pool)
    frozen = gc.get_freeze_count()
    assert fork_map(_pid_and_square, [1, 2, 3], jobs=2) == [
        (os.getpid(), 1),
        (os.getpid(), 4),
        (os.getpid(), 9),
    ]
    assert "no worker process" in capsys.readouterr().err
    assert graph.parallel._TASK is None and gc.get_freeze_count() == frozen
