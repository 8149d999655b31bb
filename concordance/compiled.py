"""Which of the package's modules run compiled: mypyc's build of them (``setup.py``) unless
their source has changed since, or ``CONCORDANCE_PURE=1`` asks for the source.

Python imports an extension module before the source beside it, so an edited module would
keep running its old compiled form until the next ``pip install``. And the compiled modules
call each other as they were when compiled: once the source of any differs from the one it
was compiled from (``SOURCES``, written by ``setup.py``), every one is imported from its
source instead (the site is the same either way; only the time differs). Digests, not
modification times: a wheel's installer writes each module's source after its compiled
file, and a checkout touches files it does not change. The sources found to match are not
digested again while their stats stay as they were (``CHECKED``), as Git trusts its index.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec
from importlib.util import spec_from_file_location
from pathlib import Path
from types import ModuleType

from concordance.atomic import store

SUFFIXES = tuple(EXTENSION_SUFFIXES)
"""The endings of an extension module's file name here."""

SOURCES = "compiled-sources.sha256"
"""The file in the package of the compiled modules' sources' digests, in ``sha256sum``'s
lines (``setup.py``'s ``SOURCES``)."""


def built(package: Path) -> dict[str, Path]:
    """The source of each module of ``package`` (and its subpackages) that mypyc compiled,
    by dotted name."""
    found = {}
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        inner = Path(folder).relative_to(package).parts
        for name in names:
            stem = name.partition(".")[0]
            if name.endswith(SUFFIXES) and f"{stem}.py" in names:
                found[".".join((*inner, stem))] = Path(folder, f"{stem}.py")
    return found


def stale(package: Path) -> dict[str, Path]:
    """The compiled modules of ``package`` to import from source, by dotted name: all of them
    when ``CONCORDANCE_PURE=1`` or when any was not compiled from the source beside it."""
    sources = built(package)
    if sources and (
        os.environ.get("CONCORDANCE_PURE") == "1" or not _as_compiled(package, sources)
    ):
        return sources
    return {}


def _as_compiled(package: Path, sources: dict[str, Path]) -> bool:
    """Whether ``sources`` are, file for file, those ``SOURCES`` lists: as last found, when
    none of the files has changed since (``_checked``), else by their digests."""
    stamp = _stamp(package, sources)
    memo = package / "__pycache__" / CHECKED
    if stamp is not None and _read(memo) == stamp:
        return True
    same = _digests_match(package, sources)
    if same and stamp is not None:
        _checked(memo, stamp)
    return same


CHECKED = "compiled-sources.checked"
"""The file, in the package's bytecode folder (``_may_write``), of the stats of ``SOURCES``
and of the compiled modules' sources when they were last found to match: while none has
changed, a start reads it rather than digesting the 800 KB of source (some 22 M
instructions, a fortieth of a rebuild after an edit)."""

SETTLED = 2_000_000_000
"""Nanoseconds since a file last changed before its stats are trusted to tell a later change
(a file rewritten within the file system's clock tick at its size keeps its stats): newer
ones are digested each time, as Git does with files as new as its index."""


def _stamp(package: Path, sources: dict[str, Path]) -> str | None:
    """``stamp`` of ``SOURCES`` and of each of ``sources``."""
    return stamp([package / SOURCES, *sorted(sources.values())])


def stamp(files: list[Path]) -> str | None:
    """The size, times and inode of each of ``files``, one line each; none when a file is
    missing or changed too lately to tell a later change (``SETTLED``)."""
    lines = []
    newest = 0
    try:
        for path in files:
            info = path.stat()
            newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
            lines.append(
                f"{info.st_size} {info.st_mtime_ns} {info.st_ctime_ns} {info.st_ino} {path}"
            )
    except OSError:
        return None
    return "\n".join(lines) if time.time_ns() - newest > SETTLED else None


def _read(memo: Path) -> object:
    """What ``_checked`` kept in ``memo``, or None where it cannot be read."""
    try:
        return pickle.loads(memo.read_bytes())
    except Exception:  # missing, torn, or of another version: the sources are digested
        return None


def _checked(memo: Path, stamp: str) -> None:
    """Keeps ``stamp`` in ``memo`` where Python writes bytecode, or where the bytecode folder
    is already there (where nothing can be written, each start digests the sources)."""
    if _may_write(memo.parent):
        with contextlib.suppress(OSError):
            store(memo, stamp)


def _may_write(cache: Path) -> bool:
    """Whether a memo may go in the bytecode folder ``cache``. ``PYTHONDONTWRITEBYTECODE``
    asks for no ``__pycache__`` in the source tree: none is made then. But where one is there
    already (``pip install`` and ``compileall`` write the package's bytecode even so), one
    small file more clutters nothing, and spares each start digesting the 800 KB of sources
    (22.7 M instructions, 2.2% of a rebuild after a one-word edit at N=5000)."""
    return not sys.dont_write_bytecode or cache.is_dir()


def _digests_match(package: Path, sources: dict[str, Path]) -> bool:
    """Whether the digests of ``sources`` are, file for file, those ``SOURCES`` lists."""
    try:
        listed = (package / SOURCES).read_text(encoding="utf-8")
    except OSError:
        return False
    recorded = {}
    for line in listed.splitlines():
        digest, _, path = line.partition("  ")
        recorded[path] = digest
    current = {
        path.relative_to(package).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sources.values()
    }
    return recorded == current


def running(package: Path) -> list[str]:
    """The modules of ``package`` that run compiled, by dotted name."""
    return [] if stale(package) else sorted(built(package))


class SourceFirst(MetaPathFinder):
    """Finds the given modules of a package in their source files."""

    def __init__(self, package: str, sources: dict[str, Path]) -> None:
        self.sources = {f"{package}.{name}": str(path) for name, path in sources.items()}

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        source = self.sources.get(fullname)
        return spec_from_file_location(fullname, source) if source else None


def use_fresh(package: str, folder: Path) -> None:
    """Imports the stale compiled modules of ``package`` (in ``folder``) from their source."""
    sources = stale(folder)
    if sources:
        sys.meta_path.insert(0, SourceFirst(package, sources))
