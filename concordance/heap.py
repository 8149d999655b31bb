"""Garbage collection set for a build, which holds a few million objects till it ends, and
paused for a rebuild that takes a shortcut.

CPython's collector traverses every tracked object on each full collection. A build keeps
what it loaded and indexed alive until it finishes, and allocates fast on top of it, so at
the default thresholds full collections took about 6% of a large build's time (measured
with ``gc.callbacks``) and found little to free: 24,000 objects in the 9 full collections
of a 1,000-article build, each of which traversed everything the build holds. Young objects
are still collected as often as before, and peak memory did not change (the benchmark's
max RSS at 5,000 and 20,000 articles).

A render worker gives large blocks back to the system as soon as it frees them
(``steady_malloc``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

FULL_EVERY = 100
"""Collections of the middle generation per full collection (CPython's default: 10)."""


@contextmanager
def build_heap() -> Iterator[None]:
    """Full collections rarer for the block; what ``settle`` froze is thawed at its end, so a
    long-lived process (``serve``) collects it afterwards."""
    old = gc.get_threshold()
    gc.set_threshold(old[0], old[1], FULL_EVERY)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*old)


WORKER_YOUNG = 100_000
"""Tracked objects allocated and not freed between young collections in a pool's worker
(CPython's default: 700)."""


def worker_heap() -> None:
    """Young collections rare in a pool's worker. What a worker makes lives for one article
    or page and is freed by its reference count, all but some 600 objects a worker at 5,000
    articles: its young collections, one for every 700 objects of a page being made,
    traversed them to free nothing (a render worker's, some 1.5% of its instructions).
    A worker still collects, once 100,000 more objects are held than were: any garbage of
    cycles is bounded."""
    gc.set_threshold(WORKER_YOUNG, *gc.get_threshold()[1:])


M_MMAP_THRESHOLD = -3
"""glibc's ``mallopt`` parameter: the size from which a block is mapped on its own."""
MMAP_THRESHOLD = 1 << 20


def steady_malloc() -> None:
    """Map every block of over ``MMAP_THRESHOLD`` on its own, so that its memory goes back to
    the system when it is freed; called in each worker. glibc raises that size, by default,
    to the largest block freed so far: after the page of a popular concept (15 MB of HTML at
    5,000 articles) a worker made later large blocks among small ones it could not give
    back, and kept the memory of its largest page for the rest of the build. A template edit
    at N=5000 peaked at 453-480 MiB of tree PSS, 425-442 MiB with the size kept at 1 MiB
    (sampled every 0.1 s), for some 65,000 more page faults (0.1 s); at glibc's initial
    128 KiB, 402-413 MiB for 190,000 more, and in the parent too, 2.5 times the faults.
    A C library without ``mallopt`` (macOS) is left as it is; musl's ignores it."""
    import ctypes  # here, once a worker: every start imports this module (``paused``), 4 ms

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # TypeError: Windows loads no None
        return
    mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def settle() -> None:
    """Leave every object made so far out of collections (``gc.freeze``): the index, once
    built, lives as long as the build. Forked workers inherit this, so they do not write
    to (and copy) the memory pages they share with the parent just to traverse them."""
    gc.freeze()


@contextmanager
def paused() -> Iterator[None]:
    """No collections for the block, for work that allocates much and frees nothing:
    importing the modules (``build.py``), and a rebuild that changes one page or none,
    which loads the last build's state (a few hundred thousand objects, freed together at
    the end). Collections during such a rebuild took a fifth of its time (40 of 200 ms at
    5,000 articles) and found nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
