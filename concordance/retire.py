"""Process pools ended in the background once every result has come.

Ending a pool (``Pool.terminate``) waits for each worker to exit, and a render worker, which
holds copies of the index's memory pages and what it allocated, took 9 to 25 ms to exit
at N=5000 (over 70 ms with the machine busy): the parent waited for the kernel to free it
with both cores idle, after the last article was validated and after the last page was
rendered, where the index, the sitemap and the swap waited for it in turn. Every task has
been done by then (a render worker writes its pages before it sends their results), so
nothing a worker still does changes the site: a thread of the parent ends the pool while
the parent goes on.

``wait`` is called before a pool forks its workers, so they are forked with no such thread
running (the thread may hold a lock the forked copy would then never see released), and
before a run returns: the program then ends the process at once (``cli.entry``), which
would leave the workers orphaned. Retiring threads are found by name among the threads
running, so no state is kept here.
"""

from __future__ import annotations

import threading
from typing import Protocol

THREAD_NAME = "concordance-retire-pool"


class Terminable(Protocol):
    def terminate(self) -> None: ...


def retire(pool: Terminable) -> None:
    """End ``pool``, whose results have all been read, in a thread of its own."""
    try:
        threading.Thread(target=pool.terminate, name=THREAD_NAME).start()
    except RuntimeError:  # no thread could be started (too many): ended here, as before
        pool.terminate()


def wait() -> None:
    """Return once every pool ``retire`` was given has ended."""
    for thread in threading.enumerate():
        if thread.name == THREAD_NAME:
            thread.join()
