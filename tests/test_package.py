"""The installed distribution works on its own: a wheel built from the repository holds the
templates, and its console script (what the pre-commit hooks run) checks and builds a whole
site from any folder, the same site a checkout builds. Everything happens in tmp_path, offline:
the wheel is built with this environment's setuptools and installed into a venv that borrows
this environment's other packages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, run_cli

from concordance import compiled
from concordance.config import DEFAULT_TEMPLATES, shipped_templates

# What setuptools reads to build the wheel; copied so that the build's scratch folders
# (build/, *.egg-info) are not written into the working tree. The wheel is plain Python
# (CONCORDANCE_PURE=1): compiling it would take minutes, and the checkout's own modules,
# compiled or not, are what every other test runs.
PACKAGING = ("pyproject.toml", "setup.py", "README.md", "concordance", "templates")


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def files_under(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A program in a subprocess, without PYTHONPATH: the venv must import what it installed,
    not the working tree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"CONCORDANCE_PURE": "1"}
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("package")
    source = root / "source"
    source.mkdir()
    for name in PACKAGING:
        if (REPO / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.so", compiled.SOURCES)
            shutil.copytree(REPO / name, source / name, ignore=ignore)
        else:
            shutil.copy2(REPO / name, source / name)
    built = run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-w",
        root / "wheel",
        source,
        cwd=root,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = (root / "wheel").glob("concordance-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel: Path) -> Path:
    """A fresh venv with the wheel installed (not editable); jinja2 and the other
    dependencies come from this environment's site-packages."""
    env = wheel.parent.parent / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(env)],
        check=True,
    )
    python = env / "bin" / "python"
    installed = run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "--no-index",
        "--ignore-installed",  # this environment may have concordance installed (editable)
        wheel,
        cwd=env,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return env


def test_the_wheel_holds_every_template_and_every_module(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = files_under(REPO / "templates")
    assert {"base.html", "static/style.css", "static/site.js"} <= templates
    assert {f"concordance/templates/{t}" for t in templates} <= names
    built = {m for m in files_under(REPO / "concordance") if m.endswith((".so", compiled.SOURCES))}
    sources = files_under(REPO / "concordance") - built  # the wheel is plain Python
    modules = {f"concordance/{m}" for m in sources}
    assert modules <= names
    assert not [n for n in names if n.startswith("templates/")]  # no top-level "templates"


def test_the_installed_console_script_checks_and_builds_the_whole_site(
    venv: Path, tmp_path: Path
) -> None:
    python, script = venv / "bin" / "python", venv / "bin" / "concordance"
    where = run(
        python, "-c", "import concordance.config as c; print(c.DEFAULT_TEMPLATES)", cwd=venv
    )
    installed = Path(where.stdout.strip())
    assert installed.is_relative_to(venv) and installed.name == "templates", where.stderr
    assert files_under(installed) == files_under(REPO / "templates")

    # The pre-commit hook: `concordance check` in a site repository, content/ by default.
    site_repo = tmp_path / "site-repo"
    shutil.copytree(REPO / "content", site_repo / "content")
    checked = run(script, "check", "--strict", cwd=site_repo)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.startswith("checked in ")

    # A build from a folder that has nothing to do with the repository or the venv.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "installed" / "site"
    built = run(script, "build", "--content", site_repo / "content", "--out", out, cwd=elsewhere)
    assert built.returncode == 0, built.stderr
    assert list(elsewhere.iterdir()) == []

    expected = tmp_path / "checkout" / "site"
    assert (
        run_cli("build", "--content", str(site_repo / "content"), "--out", str(expected)).code == 0
    )
    assert tree(out) == tree(expected)
    head = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "lxml")
    linked = [link["href"] for link in head.select('link[rel="stylesheet"]')]
    linked += [script["src"] for script in head.select("script[src]")]
    assert any(str(href).endswith("static/style.css") for href in linked), linked
    for href in linked:
        asset = out / str(href)
        assert asset.is_file(), href
        shipped = REPO / "templates" / asset.relative_to(out)
        if shipped.is_file():
            assert asset.read_bytes() == shipped.read_bytes()


def test_the_console_script_names_itself_in_messages(venv: Path, tmp_path: Path) -> None:
    script = venv / "bin" / "concordance"
    missing = run(script, "check", "--templates", tmp_path / "nowhere", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.startswith("concordance: templates directory not found: "), missing
    usage = run(script, "no-such-command", cwd=tmp_path)
    assert usage.returncode == 2 and usage.stderr.startswith("usage: concordance "), usage


def test_build_py_keeps_its_own_name(tmp_path: Path) -> None:
    result = run(sys.executable, REPO / "build.py", "check", "--templates", "nowhere", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("build.py: templates directory not found: "), result


def test_default_templates_are_the_checkout_s_else_the_installed_copy(tmp_path: Path) -> None:
    assert DEFAULT_TEMPLATES == REPO / "templates"  # a checkout (editable install or not)
    package = tmp_path / "site-packages" / "concordance"
    package.mkdir(parents=True)
    assert shipped_templates(package) == tmp_path / "site-packages" / "templates"
    (package / "templates").mkdir()
    assert shipped_templates(package) == package / "templates"
