"""Which of the package's modules run compiled: mypyc's build of them (``setup.py``) unless
it is older than the package's source, or ``CONCORDANCE_PURE=1`` asks for the source.

Python imports an extension module before the source beside it, so an edited module would
keep running its old compiled form until the next ``pip install``. And the compiled modules
call each other as they were when compiled: once the source of any is newer than the oldest
compiled one, every one is imported from its source instead (the site is the same either
way; only the time differs). ``setup.py`` compiles them anew at each install, so a source
merely touched (a checkout) does not keep them from running compiled after it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec
from importlib.util import spec_from_file_location
from pathlib import Path
from types import ModuleType

SUFFIXES = tuple(EXTENSION_SUFFIXES)
"""The endings of an extension module's file name here."""


def built(package: Path) -> dict[str, tuple[Path, Path]]:
    """Each module of ``package`` (and its subpackages) that mypyc compiled, by dotted name:
    its source and its compiled file."""
    found = {}
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        inner = Path(folder).relative_to(package).parts
        for name in names:
            stem = name.partition(".")[0]
            if name.endswith(SUFFIXES) and f"{stem}.py" in names:
                found[".".join((*inner, stem))] = (Path(folder, f"{stem}.py"), Path(folder, name))
    return found


def stale(package: Path) -> dict[str, Path]:
    """The compiled modules of ``package`` to import from source, by dotted name: all of them
    when ``CONCORDANCE_PURE=1`` or when the source of any is newer than the oldest compiled
    one."""
    found = built(package)
    if not found:
        return {}
    compiled = min(os.stat(module).st_mtime for _, module in found.values())
    edited = max(os.stat(source).st_mtime for source, _ in found.values())
    if edited > compiled or os.environ.get("CONCORDANCE_PURE") == "1":
        return {name: source for name, (source, _) in found.items()}
    return {}


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
