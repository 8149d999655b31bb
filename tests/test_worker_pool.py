"""The parent's thread that looks after the pool's workers sleeps while results arrive
(``worker_pool``): CPython's woke each time the results' pipe held data, some 22,000 times
in a clean build at N=5000, taking half a second of CPU from the workers."""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import threading
from collections.abc import Callable

import pytest

from concordance import parallel, retire

WaitForUpdates = Callable[[list[object], object, float | None], None]


def test_the_worker_handler_sleeps_while_large_results_arrive(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wakes = _counted_wakes(monkeypatch)
    items = list(range(8 * parallel.CHUNK))
    results = list(parallel._mapped(_glorp_blob, items, jobs=2))
    assert [len(blob) for blob in results] == [_BLOB] * len(items)
    assert results[5] == b"zorp" * (_BLOB // 4)
    # Woken when the pool starts and when its last task is done; once per message (of
    # 8 MiB each, read in many pieces), or more, without the fix.
    assert len(wakes) <= 4


_BLOB = 256 * 1024


def _glorp_blob(item: int) -> bytes:
    return b"zorp" * (_BLOB // 4) if item == 5 else b"glorp".ljust(_BLOB, b"!")


def _counted_wakes(monkeypatch: pytest.MonkeyPatch) -> list[None]:
    """A list that grows by one each time a pool's worker handler wakes."""
    wakes: list[None] = []
    wait: WaitForUpdates = multiprocessing.pool.Pool._wait_for_updates  # type: ignore[attr-defined]

    def counted(sentinels: list[object], notifier: object, timeout: float | None = None) -> None:
        wakes.append(None)
        wait(sentinels, notifier, timeout)

    monkeypatch.setattr(multiprocessing.pool.Pool, "_wait_for_updates", staticmethod(counted))
    return wakes


def test_a_pool_whose_results_have_all_come_ends_in_the_background(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``retire``: the parent goes on as the workers exit, and ``wait`` returns once they
    have; the next pool is forked with no retiring thread left."""
    ending = threading.Event()
    terminate = multiprocessing.pool.Pool.terminate

    def slow(pool: multiprocessing.pool.Pool) -> None:
        ending.wait(10)
        terminate(pool)

    monkeypatch.setattr(multiprocessing.pool.Pool, "terminate", slow)
    items = list(range(8 * parallel.CHUNK))
    assert list(parallel._mapped(abs, items, jobs=2)) == items
    # Every result came before the pool ended, in a thread of its own.
    assert [t.name for t in threading.enumerate()].count(retire.THREAD_NAME) == 1
    ending.set()
    assert list(parallel._mapped(abs, items, jobs=2)) == items  # waits for the first
    retire.wait()
    assert retire.THREAD_NAME not in [t.name for t in threading.enumerate()]
    assert multiprocessing.active_children() == []


def test_a_pool_left_early_ends_before_its_results_are_given_up() -> None:
    """A writer that stops early ends the workers at once (``_wind_down``), not later."""
    results = parallel._mapped(abs, list(range(8 * parallel.CHUNK)), jobs=2)
    assert next(results) == 0
    results.close()
    assert retire.THREAD_NAME not in [t.name for t in threading.enumerate()]
    assert multiprocessing.active_children() == []
