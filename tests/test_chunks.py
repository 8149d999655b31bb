"""How render tasks are grouped for the worker pool: in order, at most ``CHUNK`` a chunk,
and no more statements shown by one chunk's pages than ``CHUNK_SHOWS`` (a heavier page
alone), since a chunk's pages travel back, and are held, in one message."""

from __future__ import annotations

import gc
import os
import select
import signal
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concordance import heap, parallel, pipeline, views
from concordance.config import BuildOptions, SiteConfig
from concordance.render import _concept_page, _speaker_page, page_tasks
from tests.conftest import FIXTURES, REPO

weights = st.lists(st.integers(min_value=0, max_value=3 * parallel.CHUNK_SHOWS), max_size=200)


@given(weights)
def test_chunks_keep_order_and_bounds(shows: list[int]) -> None:
    items = list(range(len(shows)))
    chunks = parallel._chunks(items, shows)
    assert [item for chunk in chunks for item in chunk] == items
    for chunk in chunks:
        assert 0 < len(chunk) <= parallel.CHUNK
        weight = sum(shows[i] for i in chunk)
        assert weight <= parallel.CHUNK_SHOWS or len(chunk) == 1
    for before, after in pairwise(chunks):
        # A chunk is cut only when full, or when the next item would take it past the bound.
        full = len(before) == parallel.CHUNK
        assert full or sum(shows[i] for i in before) + shows[after[0]] > parallel.CHUNK_SHOWS


@given(st.lists(st.integers(1, 3 * parallel.CHUNK), max_size=30), st.integers(1, 4))
def test_the_last_chunks_are_cut_small_so_the_workers_end_together(
    sizes: list[int], count: int
) -> None:
    chunks = [[n] * size for n, size in enumerate(sizes)]
    tapered = parallel._tapered(chunks, count)
    assert [item for chunk in tapered for item in chunk] == [i for c in chunks for i in c]
    cut = max(0, len(chunks) - 2 * count)
    assert tapered[:cut] == chunks[:cut]
    for chunk in tapered[cut:]:
        assert 0 < len(chunk) <= -(-len(chunks[chunk[0]]) // parallel.TAPER)
        assert len(set(chunk)) == 1  # a piece of one chunk: no heavier than it


def test_light_pages_go_in_chunks_of_the_usual_size() -> None:
    chunks = parallel._chunks(list(range(100)), [7] * 100)
    assert [len(c) for c in chunks] == [32, 32, 32, 4]


def test_concept_and_speaker_pages_weigh_the_statements_they_show() -> None:
    content = Path(FIXTURES / "basic" / "content")
    index = pipeline.check_content(BuildOptions(content=content, jobs=1)).index
    tasks = list(page_tasks(index, SiteConfig(), REPO / "templates"))
    weighed: dict[str, int] = {}
    speakers = 0
    for task in tasks:
        if task.run.func is _concept_page:  # type: ignore[attr-defined]
            concept = task.run.args[2]  # type: ignore[attr-defined]
            weighed[concept.slug] = task.shows
            assert task.shows == len(index.by_concept.get(concept.slug, ()))
        elif task.run.func is _speaker_page:  # type: ignore[attr-defined]
            slug = task.run.args[2]  # type: ignore[attr-defined]
            assert task.shows == len(index.by_speaker[slug]) > 0
            speakers += 1
        else:
            assert task.shows == 1
    assert len(weighed) == len(index.concepts) and max(weighed.values()) > 1
    assert speakers == len(index.speakers)


@pytest.mark.python_source
def test_the_pages_listing_the_site_are_made_by_the_worker_that_renders_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The home page, the A-Z of the concepts and the lists of articles and speakers made
    their views as the tasks were listed, in the parent alone before any worker started."""
    content = Path(FIXTURES / "basic" / "content")
    index = pipeline.check_content(BuildOptions(content=content, jobs=1)).index
    made: list[str] = []
    for name in ("concept_rows", "by_count", "by_name", "speaker_link", "article_link"):
        original = getattr(views, name)
        monkeypatch.setattr(views, name, lambda *a, _f=original, _n=name: made.append(_n) or _f(*a))
    tasks = list(page_tasks(index, SiteConfig(), REPO / "templates"))
    assert made == []
    pages = [task.run() for task in tasks[:2]]
    assert {"concept_rows", "by_count"} <= set(made)
    assert [page.path for page in pages] == ["index.html", "concepts/index.html"]


def test_renewed_workers_give_every_result_in_order() -> None:
    """Workers replaced by fresh forks after ``renew`` chunks (as render workers are, to
    bound their memory) lose no task and keep the order."""
    items = list(range(40 * parallel.CHUNK))
    results = list(parallel._mapped(_with_pid, items, jobs=2, renew=3))
    assert [item for item, _ in results] == items
    assert len({pid for _, pid in results}) > 2  # more workers than the pool's two


def _with_pid(item: int) -> tuple[int, int]:
    return item, os.getpid()


def test_workers_do_not_keep_the_parents_signal_handlers() -> None:
    """``serve`` turns SIGTERM into KeyboardInterrupt; a worker that kept that handler printed
    a traceback each time the pool stopped it, on every rebuild of a large site."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        results = list(parallel._mapped(_handlers, list(range(parallel.MIN_PARALLEL)), jobs=2))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert os.getpid() not in {pid for pid, _ in results}  # forked workers answered
    expected = (signal.SIG_DFL, signal.SIG_IGN, signal.SIG_DFL)
    assert {handlers for _, handlers in results} == {expected}


def _handlers(item: int) -> tuple[int, tuple[object, ...]]:
    names = (signal.SIGTERM, signal.SIGINT, signal.SIGPIPE)
    return os.getpid(), tuple(signal.getsignal(name) for name in names)


def test_workers_collect_young_objects_rarely_and_the_parent_as_before() -> None:
    """A worker's young collections wait for ``heap.WORKER_YOUNG`` objects (what it makes is
    freed by its reference count); the parent's threshold is its own."""
    before = gc.get_threshold()
    results = list(parallel._mapped(_thresholds, list(range(parallel.MIN_PARALLEL)), jobs=2))
    assert os.getpid() not in {pid for pid, _ in results}
    assert {threshold for _, threshold in results} == {(heap.WORKER_YOUNG, *before[1:])}
    assert gc.get_threshold() == before


def _thresholds(item: int) -> tuple[int, tuple[int, ...]]:
    return os.getpid(), gc.get_threshold()


def test_an_orphaned_worker_ends_quietly_after_its_chunk() -> None:
    """A build killed outright (SIGKILL, the OOM killer) leaves its workers orphaned: one must
    end without sending its results into the closed pipe, which printed a traceback."""
    child = os.fork()
    if child == 0:  # a worker whose recorded parent is not its parent any more
        parallel._install(_with_pid, os.getppid() + 1)
        parallel._run_chunk([1, 2])
        os._exit(3)  # reached only if the worker went on to send its results
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_worker_whose_parents_pipe_is_closed_ends_silently() -> None:
    """A killed build's pipes close before its workers are reparented, so a worker can pass
    the orphan check and then write its results into a closed pipe: it must die of SIGPIPE
    there, not raise a BrokenPipeError the pool prints as a traceback into the terminal."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # as the killed parent's end is
    errors_read, errors_write = os.pipe()
    child = os.fork()
    if child == 0:
        os.dup2(errors_write, 2)
        parallel._install(_with_pid, os.getppid())
        try:
            os.write(write_end, b"results")
        except BrokenPipeError:
            print("Traceback: BrokenPipeError", file=os.fdopen(2, "w"), flush=True)
        os._exit(3)
    os.close(errors_write)
    _, status = os.waitpid(child, 0)
    printed = os.read(errors_read, 1000)
    os.close(errors_read)
    os.close(write_end)
    assert printed == b""
    assert os.waitstatus_to_exitcode(status) == -signal.SIGPIPE


def test_an_orphaned_worker_waiting_on_the_pool_ends_at_once() -> None:
    """A worker that died of SIGPIPE held the pool's lock on the result pipe: an orphaned
    worker waiting for that lock (here, for anything) must still end, or it holds the build's
    lock and the terminal's pipe forever, and the next build waits for it."""
    read_end, write_end = os.pipe()
    middle = os.fork()
    if middle == 0:  # the build, which is killed once its worker has started
        started_read, started_write = os.pipe()
        if os.fork() == 0:  # its worker: holds the pipe, as workers hold the terminal's
            os.close(read_end)
            parallel._install(_with_pid, os.getppid())
            os.write(write_end, f"{os.getpid()}\n".encode())
            os.close(started_write)
            signal.pause()  # stuck, as on the dead worker's lock
            os._exit(3)
        os.close(started_write)
        os.read(started_read, 1)  # the worker has installed its handlers
        os._exit(0)
    os.close(write_end)
    os.waitpid(middle, 0)
    worker = int(os.read(read_end, 100).split()[0])
    ready, _, _ = select.select([read_end], [], [], 5)
    ended = bool(ready) and os.read(read_end, 100) == b""  # every holder of the pipe ended
    os.close(read_end)
    if not ended:
        os.kill(worker, signal.SIGKILL)  # ours: a test that fails must not leave it behind
    assert ended, "the orphaned worker did not end"


A_PAGE_FAILS = """
import random, time
from concordance import parallel

parallel.MIN_PARALLEL, parallel.CHUNK = 2, 1

def page(item):
    if item == 3:
        raise ValueError("a page failed")
    time.sleep(random.random() * 0.002)
    return b"z" * 1_000_000  # more than the pipe to the parent holds

for _ in range(30):
    try:
        list(parallel._mapped(page, list(range(16)), jobs=4))
    except ValueError:
        pass
"""


def test_a_pool_ends_when_a_page_fails_while_workers_send_their_pages() -> None:
    """A page failed (its template's error) while other workers were still sending chunks of
    pages larger than the pipe holds: CPython's ``Pool.terminate`` stopped reading them and
    waited for the lock of the pipe, held by a worker blocked writing into it, or for the rest
    of a message whose writer it had killed. The build hung (here at once, at a real site's
    size now and then), holding the output's lock. Run apart: a pool that hangs is killed."""
    try:
        subprocess.run([sys.executable, "-c", A_PAGE_FAILS], cwd=REPO, timeout=60, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail("the pool hung after a page failed")
