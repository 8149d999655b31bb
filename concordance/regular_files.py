"""Files of the content or the site opened only when they are regular files, and without
waiting: a named pipe committed in a file's place, or put there since it was listed, blocked
its opening (and its reading) forever, and with it the build or the preview server."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def open_regular(path: str | Path, follow: bool = True) -> int | None:
    """A descriptor of ``path`` open for reading, or None when it is gone, cannot be read or
    is no regular file; ``follow`` False: not through a link (one at its last part)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return None
    if stat.S_ISREG(os.fstat(fd).st_mode):
        return fd
    os.close(fd)
    return None
