"""The parent's thread that looks after the pool's workers sleeps while results arrive
(``worker_pool``): CPython's woke each time the results' pipe held data, some 22,000 times
in a clean build at N=5000, taking half a second of CPU from the workers."""

from __future__ import annotations

import multiprocessing.pool
from collections.abc import Callable

import pytest

from concordance import parallel

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
