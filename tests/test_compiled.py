"""The package's compiled modules (mypyc, ``setup.py``) run only while they are as new as its
source, and build the same site as the source does."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest
from conftest import REPO, copy_content

from concordance import compiled

SUFFIX = EXTENSION_SUFFIXES[0]


def package(root: Path, modules: dict[str, float], built: dict[str, float]) -> Path:
    """A package folder of source modules and compiled ones, each with the given mtime. The
    compiled files are not loadable: importing one instead of its source fails."""
    folder = root / "pkg"
    (folder / "sub").mkdir(parents=True)
    for name, mtime in modules.items():
        path = folder / f"{name}.py"
        path.write_text(f"WHERE = {name!r}\n", encoding="utf-8")
        os.utime(path, (mtime, mtime))
    for name, mtime in built.items():
        path = folder / f"{name}{SUFFIX}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"not an extension module")
        os.utime(path, (mtime, mtime))
    return folder


def test_nothing_compiled_nothing_stale(tmp_path: Path) -> None:
    assert compiled.stale(package(tmp_path, {"a": 100, "b": 100}, {})) == {}


def test_compiled_modules_newer_than_every_source_run_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONCORDANCE_PURE", raising=False)
    folder = package(tmp_path, {"a": 100, "b": 100, "sub/c": 100}, {"a": 200, "b": 200})
    assert compiled.stale(folder) == {}


@pytest.mark.parametrize(
    ("edited", "sent"), [("a", True), ("b", True), ("sub/e", True), ("c", False), ("sub/d", False)]
)
def test_one_newer_compiled_module_sends_every_one_to_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edited: str, sent: bool
) -> None:
    # "b" is newer than its own compiled file but not than "a"'s: the oldest one counts, as
    # the compiled modules call each other as they were when compiled. "c" and "sub/d" are
    # not compiled: they may be edited. "sub/e" is compiled in a subpackage.
    monkeypatch.delenv("CONCORDANCE_PURE", raising=False)
    modules = {"a": 100.0, "b": 100.0, "c": 100.0, "sub/d": 100.0, "sub/e": 100.0}
    folder = package(tmp_path, modules | {edited: 225.0}, {"a": 200, "b": 250, "sub/e": 210})
    everything = {"a": folder / "a.py", "b": folder / "b.py", "sub.e": folder / "sub" / "e.py"}
    assert compiled.stale(folder) == (everything if sent else {})


def test_running_names_the_compiled_modules_while_they_are_fresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONCORDANCE_PURE", raising=False)
    modules = {"a": 100.0, "b": 100.0, "sub/e": 100.0}
    folder = package(tmp_path, modules, {"a": 200, "sub/e": 200})
    assert compiled.running(folder) == ["a", "sub.e"]
    os.utime(folder / "sub" / "e.py", (300, 300))
    assert compiled.running(folder) == []


def test_pure_asks_for_the_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCORDANCE_PURE", "1")
    folder = package(tmp_path, {"a": 100, "b": 100}, {"a": 200, "b": 200})
    assert compiled.stale(folder) == {"a": folder / "a.py", "b": folder / "b.py"}


def test_stale_modules_are_imported_from_their_source(tmp_path: Path) -> None:
    folder = package(tmp_path, {"__init__": 100, "a": 300, "b": 100}, {"a": 200})
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
    package(tmp_path, {"__init__": 100, "a": 300}, {"a": 200})
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
