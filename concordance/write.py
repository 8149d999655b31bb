"""Pages -> the output directory, all or nothing.

The new site is written into a fresh directory beside the output and then
exchanged with it in one atomic ``renameat2(RENAME_EXCHANGE)``, so a reader (or
a build killed at any moment) sees either the old site or the new one, whole.
A lock keeps two builds from swapping into the same output at once.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from concordance.render import Page

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputError(Exception):
    """The output directory cannot be written (not a content problem)."""


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Held for the whole build: a second build on the same output waits its turn."""
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def write_site(
    pages: Iterable[Page], out: Path, before_swap: Callable[[Path], None] | None = None
) -> int:
    """Write every page into a new tree and swap it in place of ``out``; returns pages written.

    ``before_swap`` runs on the finished tree (e.g. to index it for search): if it
    raises, the old site stays.
    """
    out = out.absolute()
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a directory")
    remove_leftovers(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        count = write_tree(pages, staging)
        if before_swap:
            before_swap(staging)
        swap_into_place(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return count


def write_tree(pages: Iterable[Page], root: Path) -> int:
    count = 0
    made: set[Path] = set()
    for page in pages:
        target = safe_target(root, page.path)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(page.data)
        count += 1
    return count


def safe_target(root: Path, relative: str) -> Path:
    """Refuse any output path that would leave the output directory."""
    parts = relative.split("/")
    if relative.startswith("/") or any(p in ("", ".", "..") or "\\" in p for p in parts):
        raise OutputError(f"refusing to write outside the site: {relative!r}")
    return root.joinpath(*parts)


def swap_into_place(staging: Path, out: Path) -> None:
    """After this, ``out`` holds what ``staging`` held; ``staging`` holds the old site."""
    if not out.exists():
        os.rename(staging, out)
        staging.mkdir()  # the caller removes it
        return
    if not _exchange(staging, out):
        # No atomic exchange on this file system: two renames, old site kept until the end.
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.rename(out, old / "site")
        os.rename(staging, out)
        os.rename(old / "site", staging)
        old.rmdir()


def _exchange(a: Path, b: Path) -> bool:
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def remove_leftovers(out: Path) -> None:
    """Staging trees of builds that were killed before they could clean up."""
    for stray in out.parent.glob(f".{out.name}.new-*"):
        shutil.rmtree(stray, ignore_errors=True)
    for stray in out.parent.glob(f".{out.name}.old-*"):
        if not out.exists() and (stray / "site").is_dir():
            os.rename(stray / "site", out)
        shutil.rmtree(stray, ignore_errors=True)
