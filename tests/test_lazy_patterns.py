"""Patterns compiled on first use (``lazy_patterns``) behave as ``re.compile``'s, and what a
build or a rebuild after an edit imports before its workers fork leaves them, and the search
indexer, unmade; so does the command line Babel and difflib, and the edit path ctypes and
Babel's dates."""

from __future__ import annotations

import copy
import re
import subprocess
import sys

import pytest
from conftest import REPO

from concordance.lazy_patterns import lazy_compile


def test_a_lazy_pattern_does_what_the_compiled_one_does() -> None:
    lazy = lazy_compile(r"(?P<word>[a-z]+)-(\d)", re.IGNORECASE)
    eager = re.compile(r"(?P<word>[a-z]+)-(\d)", re.IGNORECASE)
    text = "Ab-1 cd-2 x"
    assert lazy.pattern == eager.pattern and lazy.flags == eager.flags
    assert lazy.groups == eager.groups and lazy.groupindex == eager.groupindex
    assert lazy.match(text)[0] == eager.match(text)[0]  # type: ignore[index]
    assert lazy.findall(text) == eager.findall(text)
    assert lazy.sub(r"\2", text) == eager.sub(r"\2", text)
    assert lazy.subn("", text) == eager.subn("", text)
    assert lazy.split(text) == eager.split(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.fullmatch("ab-1") and lazy.search(text)


def test_a_lazy_pattern_compiles_once_then_holds_the_methods() -> None:
    lazy = lazy_compile("a+")
    assert "match" not in vars(lazy)
    assert lazy.sub("b", "caab") == "cbb"
    assert vars(lazy)["match"].__self__ is vars(lazy)["sub"].__self__  # one compiled pattern


def test_a_lazy_pattern_has_no_other_attributes() -> None:
    lazy = lazy_compile("a")
    with pytest.raises(AttributeError):
        lazy.__missing_name__  # type: ignore[attr-defined]  # noqa: B018
    assert copy.copy(lazy).match("a")  # copy asks for dunders it must not be given


def _printed(program: str) -> str:
    """What ``program`` prints, run by a fresh Python in the repository."""
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=REPO, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_the_build_path_compiles_no_lazy_pattern_and_imports_no_search_indexer() -> None:
    """What ``runner`` imports for a clean build, in a fresh process: none of the patterns
    made lazy is compiled by importing it, and ``search`` (Pagefind, ``subprocess``) waits
    for a build with search."""
    program = (
        "import sys\n"
        "from concordance import cli, pipeline, render, pasted, closest, lazy_patterns\n"
        "lazy = [v for m in (pasted, closest) for v in vars(m).values()\n"
        "        if isinstance(v, lazy_patterns._Deferred)]\n"
        "print(len(lazy), sum('match' in vars(v) for v in lazy),\n"
        "      'concordance.search' in sys.modules)\n"
    )
    made, compiled, searched = _printed(program).split()
    assert int(made) > 20 and compiled == "0" and searched == "False"


def test_the_edit_path_compiles_no_lazy_pattern_and_imports_only_what_it_uses() -> None:
    """What a rebuild after one article's edit imports (``build.py``, ``cli``, ``delta``):
    every pattern made lazy left unmade (the patterns of a typical article's path stay
    eager), and no ctypes (for a worker's ``heap.steady_malloc``), nor Babel's dates and
    numbers (the edit writes neither: the page's frame holds them), nor difflib (hints)."""
    program = (
        "import sys\n"
        "from concordance.heap import paused\n"
        "import concordance.cli, concordance.delta\n"
        "from concordance.lazy_patterns import _Deferred\n"
        "lazy = [v for n, m in list(sys.modules.items()) if n.startswith('concordance')\n"
        "        for v in vars(m).values() if isinstance(v, _Deferred)]\n"
        "print(len(lazy), sum('match' in vars(v) for v in lazy),\n"
        "      sorted({'ctypes', 'babel.dates', 'babel.numbers', 'difflib'} & set(sys.modules)))\n"
    )
    made, compiled, imported = _printed(program).split(maxsplit=2)
    assert int(made) > 100 and compiled == "0" and imported.strip() == "[]"


def test_a_worker_still_sets_its_malloc_with_ctypes_imported_where_used() -> None:
    """``heap.steady_malloc`` imports ctypes itself, in each worker, and still runs."""
    program = "from concordance import heap\nheap.steady_malloc()\nprint('ok')"
    assert _printed(program).strip() == "ok"


def test_the_command_line_imports_no_locale_data_nor_difflib() -> None:
    """A rebuild that changes nothing imports only ``cli`` and what it imports: Babel (a
    language's English name, for a hint) and difflib (a mistyped option) wait until used."""
    program = "import sys, concordance.cli\nprint(sorted({'babel', 'difflib'} & set(sys.modules)))"
    assert _printed(program).strip() == "[]"
