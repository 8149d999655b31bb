"""The process pool of ``parallel``: CPython's, less a loop that spun while results waited.

CPython's ``Pool`` runs a thread in the parent that replaces workers that end. It waits
for a worker to end or for the pool to change, and also for the pipe that results come
through to hold data: it then wakes, looks at every worker and waits again, over and over
until the thread reading the results has read that one (the pipe stays readable while a
message of many writes arrives). During a clean build at N=5000 it woke some 22,000 times
and took 0.5 s of the parent's CPU, from the workers' cores. Here it waits only for what
it acts on: a worker ending (its sentinel, as a worker renewed after ``maxtasksperchild``
tasks does) and the pool's own notices (closed, terminated, its last task done), which
CPython's ``ThreadPool`` waits for alone.
"""

from __future__ import annotations

from multiprocessing.pool import Pool as _StandardPool


class Pool(_StandardPool):
    """``multiprocessing.pool.Pool`` whose worker handler is not woken by pending results."""

    def _get_sentinels(self) -> list[object]:
        return [self._change_notifier._reader]  # type: ignore[attr-defined]
