"""The package's compiled modules (mypyc, ``setup.py``) run only while their sources are those
they were compiled from, and build the same site as the source does."""

from __future__ import annotations

import ast
import os
import pickle
import subprocess
import sys
from hashlib import sha256
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest
from conftest import REPO, copy_content

from concordance import cache, casing, compiled, headings, urls
from concordance.cache import FileStats, Taken
from concordance.pages import ArticleFrame, Copied, Kept, Page, Written

SUFFIX = EXTENSION_SUFFIXES[0]


def package(root: Path, modules: list[str], built: list[str], listed: list[str]) -> Path:
    """A package folder of source modules, compiled ones (not loadable: importing one instead
    of its source fails) and ``SOURCES`` listing the digests of ``listed``'s sources."""
    folder = root / "pkg"
    (folder / "sub").mkdir(parents=True)
    for name in modules:
        (folder / f"{name}.py").write_text(f"WHERE = {name!r}\n", encoding="utf-8")
    for name in built:
        (folder / f"{name}{SUFFIX}").write_bytes(b"not an extension module")
    lines = [
        f"{sha256((folder / f'{name}.py').read_bytes()).hexdigest()}  {name}.py\n"
        for name in listed
    ]
    (folder / compiled.SOURCES).write_text("".join(lines), encoding="utf-8")
    return folder


MODULES = ["__init__", "a", "b", "c", "sub/d", "sub/e"]
BUILT = ["a", "b", "sub/e"]
"""A package of six modules, three of them compiled ("c" and "sub/d" are not)."""


@pytest.fixture
def unpure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONCORDANCE_PURE", raising=False)


def everything(folder: Path) -> dict[str, Path]:
    return {"a": folder / "a.py", "b": folder / "b.py", "sub.e": folder / "sub" / "e.py"}


def test_nothing_compiled_nothing_stale(tmp_path: Path, unpure: None) -> None:
    assert compiled.stale(package(tmp_path, MODULES, [], [])) == {}


def test_modules_compiled_from_the_sources_beside_them_run_compiled(
    tmp_path: Path, unpure: None
) -> None:
    folder = package(tmp_path, MODULES, BUILT, BUILT)
    assert compiled.stale(folder) == {}
    assert compiled.running(folder) == ["a", "b", "sub.e"]
    os.utime(folder / "a.py", (10**10, 10**10))  # touched (a checkout, an installer): the same
    assert compiled.running(folder) == ["a", "b", "sub.e"]


def test_sources_found_unchanged_since_their_last_check_are_not_digested_again(
    tmp_path: Path, unpure: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = package(tmp_path, MODULES, BUILT, ["a", "b", "sub/e"])
    memo = folder / "__pycache__" / compiled.CHECKED
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    assert compiled.stale(folder) == {}
    assert not memo.exists()  # files this new may yet change unseen: digested again
    monkeypatch.setattr(compiled, "SETTLED", 0)
    assert compiled.stale(folder) == {}
    assert memo.exists()
    digests = compiled._digests_match
    monkeypatch.setattr(compiled, "_digests_match", lambda package, sources: False)
    assert compiled.stale(folder) == {}  # the stats kept: not digested
    monkeypatch.setattr(compiled, "_digests_match", digests)
    # Edited at its size: its stats change (its time set apart, past the clock's tick).
    (folder / "b.py").write_text("WHERE = 'x'\n", encoding="utf-8")
    os.utime(folder / "b.py", ns=(1, 1))
    assert compiled.stale(folder) == everything(folder)


def test_without_bytecode_the_stats_are_kept_only_in_a_bytecode_folder_already_there(
    tmp_path: Path, unpure: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PYTHONDONTWRITEBYTECODE: no __pycache__ is made in the source tree; one that pip or
    # compileall made gets the memo, and the next start digests nothing.
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(compiled, "SETTLED", 0)
    digested: list[str] = []
    digests = compiled._digests_match
    monkeypatch.setattr(
        compiled, "_digests_match", lambda *given: digested.append("") or digests(*given)
    )
    folder = package(tmp_path, MODULES, BUILT, ["a", "b", "sub/e"])
    starts = [compiled.stale(folder), compiled.stale(folder)]
    assert (len(digested), (folder / "__pycache__").exists()) == (2, False)
    (folder / "__pycache__").mkdir()
    starts += [compiled.stale(folder), compiled.stale(folder)]
    assert (len(digested), starts) == (3, [{}, {}, {}, {}])


@pytest.mark.parametrize(("edited", "sent"), [("a", True), ("sub/e", True), ("c", False)])
def test_one_edited_compiled_module_sends_every_one_to_its_source(
    tmp_path: Path, unpure: None, edited: str, sent: bool
) -> None:
    # The compiled modules call each other as they were when compiled. "c" is not compiled:
    # it may be edited.
    folder = package(tmp_path, MODULES, BUILT, BUILT)
    with (folder / f"{edited}.py").open("a", encoding="utf-8") as source:
        source.write("EDITED = True\n")
    assert compiled.stale(folder) == (everything(folder) if sent else {})
    assert compiled.running(folder) == ([] if sent else ["a", "b", "sub.e"])


@pytest.mark.parametrize("listed", [[], ["a", "b"], ["a", "b", "sub/e", "c"]])
def test_compiled_modules_listed_otherwise_run_their_source(
    tmp_path: Path, unpure: None, listed: list[str]
) -> None:
    # No listing (a build that failed midway), a compiled file left from another build, or a
    # listed module whose compiled file is gone.
    folder = package(tmp_path, MODULES, BUILT, listed)
    assert compiled.stale(folder) == everything(folder)


def test_no_listing_file_runs_the_source(tmp_path: Path, unpure: None) -> None:
    folder = package(tmp_path, MODULES, BUILT, BUILT)
    (folder / compiled.SOURCES).unlink()
    assert compiled.stale(folder) == everything(folder)


def test_pure_asks_for_the_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCORDANCE_PURE", "1")
    folder = package(tmp_path, MODULES, BUILT, BUILT)
    assert compiled.stale(folder) == everything(folder)


def test_stale_modules_are_imported_from_their_source(tmp_path: Path) -> None:
    folder = package(tmp_path, MODULES, BUILT, [])
    script = (
        "import sys; from pathlib import Path; from concordance import compiled\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        f"compiled.use_fresh('pkg', Path({str(folder)!r}))\n"
        "import pkg.a, pkg.b; print(pkg.a.WHERE, pkg.a.__file__.endswith('a.py'))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=REPO
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["a", "True"]


def test_without_use_fresh_the_extension_would_be_imported(tmp_path: Path) -> None:
    # The test above proves something: Python itself prefers the (here unloadable) extension.
    package(tmp_path, MODULES, BUILT, [])
    script = f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import pkg.a"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode != 0 and "ImportError" in run.stderr


def built_site(tmp_path: Path, name: str, pure: bool) -> tuple[dict[str, bytes], str]:
    """A build of the ``linked`` fixture in a process of its own, with what ran compiled."""
    content, out = copy_content("linked", tmp_path / name), tmp_path / name / "site"
    env = {**os.environ, "CONCORDANCE_PURE": "1" if pure else "0"}
    script = (
        "import sys; from concordance.cli import main; import concordance.textnorm as t\n"
        "code = main(sys.argv[1:]); print(t.__file__); sys.exit(code)\n"
    )
    args = ["build", "--content", str(content), "--out", str(out)]
    run = subprocess.run(
        [sys.executable, "-c", script, *args, "--quiet", "--no-search", "--jobs", "1"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert run.returncode == 0, run.stderr
    files = {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".cache" not in p.relative_to(out).parts
    }
    return files, run.stdout.strip().splitlines()[-1]


def test_the_compiled_modules_build_the_same_site_as_their_source(tmp_path: Path) -> None:
    folder = Path(compiled.__file__).parent
    if compiled.stale(folder) or not list(folder.glob("*" + SUFFIX)):
        pytest.skip("the package is not compiled here (no C compiler or mypyc, or edited since)")
    fast, fast_module = built_site(tmp_path, "compiled", pure=False)
    slow, slow_module = built_site(tmp_path, "source", pure=True)
    assert fast_module.endswith(SUFFIX) and slow_module.endswith("textnorm.py")
    assert len(fast) > 10 and fast == slow


def compiled_sources() -> list[Path]:
    """The source of each module ``setup.py`` compiles."""
    for node in ast.parse((REPO / "setup.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "COMPILED":
            names = ast.literal_eval(node.value)
            return [REPO / "concordance" / f"{name}.py" for name in names]
    raise AssertionError("setup.py lists no COMPILED modules")


def test_compiled_modules_lower_text_as_python_does() -> None:
    # mypyc's own ``str.lower`` misses Greek's final sigma: ``casing.lower`` is Python's.
    sources = compiled_sources()
    assert len(sources) > 20 and all(source.is_file() for source in sources)
    lowered = [
        f"{source.name}:{node.lineno}"
        for source in sources
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "lower"
        and ast.unparse(node.func.value) != "casing"
    ]
    assert lowered == []


def test_a_final_sigma_lowers_to_its_final_form() -> None:
    assert casing.lower("ΝΌΜΟΣ ΚΑΙ ΤΑΞΙΣ") == "νόμος και ταξις"
    assert headings.github_name("ΝΌΜΟΣ ΚΑΙ ΤΑΞΙΣ") == "νόμος-και-ταξις"
    assert urls.slugify("ΝΌΜΟΣ") == "νόμος"


@pytest.mark.parametrize(
    "record",
    [
        Page("a/index.html", b"<p>glorp</p>", "d1"),
        Kept("a/index.html", "d2"),
        Written("a/index.html", "d3", (1, 2)),
        Copied("static/x.css", "/src/x.css", "d4"),
        ArticleFrame("a/index.html", b"<main>\0</main>", 6, 7, {"q1": "<a>zorp</a>"}),
        Taken({"k1": "d1"}, {"a/index.html": ("k1", b"frame"), "b/index.html": ("k2", None)}),
        FileStats(7, {"articles/a.md": (1, 2, 3, 4, "d5")}),
    ],
)
def test_what_workers_send_back_unpickles_as_it_was(record: object) -> None:
    # Compiled, a frozen dataclass's default unpickling cannot set its fields, and the pool's
    # thread that reads results then dies and the build waits for ever.
    assert pickle.loads(pickle.dumps(record)) == record


def in_form(pure: bool, script: str, *args: str) -> str:
    """What ``script`` prints, run with the compiled modules, or their source when ``pure``."""
    run = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "CONCORDANCE_PURE": "1" if pure else "0"},
        cwd=REPO,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


RECORDS = """
from concordance.cache import ArticleState, BuildState, FileStats
from concordance.config import SiteConfig
from concordance.diagnostics import Diagnostic, Span

STATE = BuildState(
    "f1",
    (1, 2, 3, ("index.html", "zorp")),
    [Diagnostic(Span("a.md", 3, 1), "warning", "glorp", "a warning")],
    12,
    "c1",
    {"articles/a.md": ArticleState("d1", "s1", [])},
    SiteConfig(title="Glorp"),
)
STATS = FileStats(7, {"articles/a.md": (1, 2, 3, 4, "d5")})
"""
"""A build's state and stats, made alike in this process and in the one of the other form."""


def records() -> tuple[object, object]:
    made: dict[str, object] = {}
    exec(RECORDS, made)
    return made["STATE"], made["STATS"]


SAVE = (
    RECORDS
    + """
import sys
from pathlib import Path
from concordance import cache
folder = Path(sys.argv[1])
cache.save_state(folder, STATE)
cache.save_file_stats(folder, STATS)
"""
)


@pytest.mark.parametrize("pure", [True, False])
def test_a_state_saved_by_one_form_loads_in_the_other(tmp_path: Path, pure: bool) -> None:
    # The state and the stats name classes of ``cache``, compiled or not: each form writes
    # them as calls with their fields, which the other reads (the code's version, which
    # keys everything else, is the same: it is the same source).
    in_form(pure, SAVE, str(tmp_path))
    state, stats = records()
    assert cache.load_state(tmp_path) == state
    assert cache.load_file_stats(tmp_path) == stats


OLD_STATE = SAVE.replace(
    "folder = ", "del cache.BuildState.__reduce__, cache.FileStats.__reduce__\nfolder = "
)
"""``SAVE`` as the records were pickled before they had a ``__reduce__``."""


def test_a_state_pickled_the_default_way_loads_whole_or_not_at_all(tmp_path: Path) -> None:
    # Pickled by the source before the records had a ``__reduce__``: the compiled form
    # unpickles them as objects with no field set. Either form gives them whole, or nothing
    # (a clean build), never such a record (whose first read raised in ``load_state``).
    in_form(True, OLD_STATE, str(tmp_path))
    state, stats = records()
    assert cache.load_state(tmp_path) in (state, None)
    assert cache.load_file_stats(tmp_path) in (stats, None)


BUILD = """
import sys
from concordance.cli import main
sys.exit(main(sys.argv[1:]))
"""


def site_files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".cache" not in p.relative_to(out).parts
    }


@pytest.mark.parametrize("first_pure", [True, False])
def test_a_build_on_the_cache_of_the_other_form_writes_the_same_site(
    tmp_path: Path, first_pure: bool
) -> None:
    content, out = copy_content("linked", tmp_path), tmp_path / "site"
    args = ["build", "--content", str(content), "--out", str(out), "--quiet", "--no-search"]
    in_form(first_pure, BUILD, *args)
    article = content / "articles" / "2024-02-20-second.md"
    article.write_text(article.read_text(encoding="utf-8").replace("synthetic", "glorpish"))
    in_form(not first_pure, BUILD, *args)
    rebuilt = site_files(out)
    in_form(first_pure, BUILD, *args, "--clean")
    assert len(rebuilt) > 10 and rebuilt == site_files(out)
