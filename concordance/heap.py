"""Garbage collection set for a build, which holds a few million objects till it ends, and
paused for a rebuild that takes a shortcut.

CPython's collector traverses every tracked object on each full collection. A build keeps
what it loaded and indexed alive until it finishes, and allocates fast on top of it, so at
the default thresholds full collections took about 6% of a large build's time (measured
with ``gc.callbacks``) and found little to free: 24,000 objects in the 9 full collections
of a 1,000-article build, each of which traversed everything the build holds. Young objects
are still collected as often as before, and peak memory did not change (the benchmark's
max RSS at 5,000 and 20,000 articles).
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
