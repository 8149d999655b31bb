"""A terminal progress line for builds that take more than about a second.

The pipeline runs in one call, so progress is time-based: after a delay, a line on the
terminal shows what is running and for how long, refreshed in place, and is erased when
the build ends (the command line then prints its one summary line). Nothing is shown when
the stream is not a terminal, so piped output and CI logs stay clean.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

DELAY_SECONDS = 1.0
REFRESH_SECONDS = 0.2
_SPINNER = "|/-\\"


@contextmanager
def progress(stream: TextIO, label: str, delay: float = DELAY_SECONDS) -> Iterator[None]:
    """Show ``label`` with a spinner and elapsed time on ``stream`` while the block runs."""
    if not _is_terminal(stream):
        yield
        return
    done = threading.Event()
    shown = threading.Event()
    started = time.monotonic()

    def show() -> None:
        if done.wait(delay):
            return
        tick = 0
        while not done.is_set():
            elapsed = time.monotonic() - started
            stream.write(f"\r{_SPINNER[tick % len(_SPINNER)]} {label} {elapsed:4.1f}s")
            stream.flush()
            shown.set()
            tick += 1
            done.wait(REFRESH_SECONDS)

    thread = threading.Thread(target=show, name="progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        if shown.is_set():
            stream.write("\r\x1b[2K")  # erase the progress line before the summary
            stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
