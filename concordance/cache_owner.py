"""Whether the build cache beside the output (``cache.cache_dir``) was made by builds on this
machine, and not brought by the repository the content is in.

The cache holds pickles and compiled templates, and loading either runs code. Git ignores
``.cache/`` but commits it when told to (``git add -f``): a commit holding
``.cache/concordance-site/stats.pickle`` ran its author's code in the next build of a fresh
checkout, the deploy's and pull requests' CI builds among them. So a cache folder is used
only if its ``owner`` file is the one its ``owner.id`` names: an empty file made with the
folder and never written again, named by its inode and change time (to the nanosecond),
neither of which a checkout can give the file it writes. Any other cache is discarded, as by
``--clean``. (Not by its device too: the number of some file systems' devices changes when
the machine restarts.)
"""

from __future__ import annotations

import os
from pathlib import Path

from concordance.config import UsageError
from concordance.regular_files import open_regular

OWNER = "owner"
OWNER_ID = "owner.id"


_ID_BYTES = 65
"""More than an identity takes: two 64-bit numbers (at most 20 digits each) and a space."""


def trusted(folder: Path) -> bool:
    """Whether ``folder`` is a cache folder a build here made (see the module's docstring)."""
    if folder.is_symlink():
        return False
    try:
        recorded = _read_id(folder / OWNER_ID)
        status = os.lstat(folder / OWNER)
    except (OSError, UnicodeDecodeError):
        return False
    return recorded == _identity(status)


def _read_id(path: Path) -> str:
    """``owner.id`` as written by ``claim``, or OSError. The file came with the repository
    when the cache did: not followed if a link (to /dev/zero, to a file of the machine), not
    waited on if a named pipe (opening or reading one blocked the build forever), and never
    read past what an identity takes (a huge file was read whole)."""
    fd = open_regular(path, follow=False)
    if fd is None:
        raise OSError(f"{path} is no regular file")
    try:
        data = os.read(fd, _ID_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > _ID_BYTES:
        raise OSError(f"{path} is longer than an identity")
    return data.decode("ascii")


def refuse_foreign_parent(folder: Path) -> None:
    """A ``.cache`` that is a symbolic link (committed so) would have the build replace,
    fill and delete folders wherever it leads: refused before anything there is touched,
    as is one that is no folder, which the cache cannot be made in."""
    parent = folder.parent
    if parent.is_symlink() or (os.path.lexists(parent) and not parent.is_dir()):
        kind = "a symbolic link" if parent.is_symlink() else "not a folder"
        raise UsageError(
            f"{parent} is {kind}: the build keeps its cache there, beside the output; remove it"
        )


def claim(folder: Path) -> None:
    """Make the cache folder, its owner recorded, unless it is a trusted one already. Called
    once an untrusted one was discarded (``trash.discard``): one still in the way is
    refused rather than taken for the build's own."""
    if trusted(folder):
        return
    if os.path.lexists(folder):
        raise UsageError(f"the build cache {folder} was not made here and could not be removed")
    folder.mkdir(parents=True)
    owner = folder / OWNER
    os.close(os.open(owner, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644))
    (folder / OWNER_ID).write_text(_identity(os.lstat(owner)), encoding="ascii")


def _identity(status: os.stat_result) -> str:
    return f"{status.st_ino} {status.st_ctime_ns}"
