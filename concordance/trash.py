"""Deleting the build cache for ``build --clean`` without making the build wait for it.

The cache of a large site holds a whole spare copy of the site (see ``write``): deleting it
took about 3 s at 5,000 articles, before anything else could start. The folder is renamed
away at once, so the build starts from nothing, and a child process deletes it meanwhile.
(A clean build takes the spare copy back out first, to write over: ``runner._fresh_cache``.)
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

SUFFIX = ".discarded-"
# At low priority: it should take the time the build leaves idle, not the build's cores.
_DELETE = "import os, shutil, sys\nos.nice(10)\nfor p in sys.argv[1:]: shutil.rmtree(p, True)"


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(slots=True, eq=False, repr=False)
class Deletion:
    """The deletion of a discarded folder, running in the background."""

    process: subprocess.Popen[bytes] | None = None

    def wait(self) -> None:
        """Until the folder is gone, so no process outlives the build."""
        if self.process is not None:
            self.process.wait()


def discard(folder: Path, move: bool = True) -> Deletion:
    """Move ``folder`` out of the way now (unless not ``move``) and delete it in the
    background, with whatever an earlier, killed build left renamed beside it. Called
    under the output lock, so nothing renamed away is still being deleted by a build."""
    if move:
        set_aside(folder)
    found = sorted(str(p) for p in folder.parent.glob(f"{folder.name}{SUFFIX}*"))
    doomed = [path for path in found if not unlinked_unless_folder(path)]
    if not doomed:
        return Deletion()
    import subprocess  # here: only a clean build needs it, and it takes 10 ms to import

    try:
        process = subprocess.Popen(
            [sys.executable, "-c", _DELETE, *doomed],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        for path in doomed:
            shutil.rmtree(path, ignore_errors=True)
        return Deletion()
    return Deletion(process)


def unlinked_unless_folder(path: str | Path) -> bool:
    """Whether ``path`` was no folder, and is removed now. One committed where the build
    keeps trees (a named pipe, a link) is no tree to delete: ``shutil.rmtree`` opens it
    first, and the opening of a named pipe never returned, nor the build that waited."""
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            return False
        os.unlink(path)
    except OSError:  # gone already, or cannot be removed: nothing more to do with it
        pass
    return True


def remove_tree(path: str | Path) -> None:
    """Delete ``path`` and what it holds, whatever it is, following no link."""
    if not unlinked_unless_folder(path):
        shutil.rmtree(path, ignore_errors=True)


def set_aside(folder: Path) -> Path | None:
    """Rename ``folder`` to the name ``discard`` deletes (its caller may take something
    back out of it first); returns that name, or None when there was no folder to rename."""
    if folder.is_symlink():  # one committed in the cache's place: the link goes, not its target
        folder.unlink()
        return None
    trash = folder.with_name(f"{folder.name}{SUFFIX}{os.getpid()}")
    try:
        os.rename(folder, trash)
    except FileNotFoundError:
        return None
    except OSError:  # cannot rename (another file system, permissions): delete it here
        remove_tree(folder)
        return None
    return trash
