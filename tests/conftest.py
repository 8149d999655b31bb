"""Shared test helpers: build a content tree into tmp_path through the real CLI."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from concordance.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
INVALID = Path(__file__).resolve().parent / "invalid"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-expected",
        action="store_true",
        help="rewrite tests/invalid/*/expected.txt from the current output",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "python_source: spies on calls the package's compiled modules make in C; runs in a "
        "process of its own that imports their source (CONCORDANCE_PURE=1)",
    )


def compiled() -> list[str]:
    """The modules of ``concordance`` this process runs as mypyc compiled them."""
    return sorted(
        name
        for name, module in list(sys.modules.items())
        if name.startswith("concordance.")
        and (getattr(module, "__file__", None) or "").endswith(tuple(EXTENSION_SUFFIXES))
    )


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """A ``python_source`` test passes, where the package runs compiled, only if it passes in a
    process that imports the source: a monkeypatched function is not seen by compiled callers."""
    if pyfuncitem.get_closest_marker("python_source") is None or not compiled():
        return None
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", pyfuncitem.nodeid],
        cwd=pyfuncitem.config.rootpath,
        env={**os.environ, "CONCORDANCE_PURE": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    return True


@dataclass(frozen=True)
class CliRun:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> CliRun:
    """Run ``build.py ARGS`` in-process, capturing what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return CliRun(code, out.getvalue(), err.getvalue())


def copy_content(name: str, dest: Path) -> Path:
    """A private, editable copy of a fixture content tree (or of the real content/)."""
    source = REPO / "content" if name == "real" else FIXTURES / name / "content"
    target = dest / "content"
    shutil.copytree(source, target)
    return target


@dataclass(frozen=True)
class OneArticle:
    source: str
    """The article file as written."""
    built: CliRun
    body: Tag
    """The page's ``div.body``, the chips of its quotes left out."""


def build_one_article(tmp: Path, stem: str, front: str, body: str) -> OneArticle:
    """Build a site of the one article ``articles/STEM.md`` (front matter ``front``, then
    ``body``) into ``tmp/site``; the build must succeed."""
    article = tmp / "content" / "articles" / f"{stem}.md"
    article.parent.mkdir(parents=True)
    source = f"---\n{front}---\n{body}"
    article.write_text(source, encoding="utf-8")
    (tmp / "content" / "site.yaml").write_text("title: One article\n")
    out = tmp / "site"
    built = run_cli("build", "--content", str(tmp / "content"), "--out", str(out))
    assert built.code == 0, built.stderr
    page = BeautifulSoup((out / "articles" / stem / "index.html").read_bytes(), "lxml")
    found = page.select_one("div.body")
    assert isinstance(found, Tag)
    for chips in found.select(".chips"):
        chips.decompose()
    return OneArticle(source, built, found)


def check_one_body(
    tmp: Path, body: str, front: str = "title: A\ndate: 2024-01-01\n"
) -> tuple[Path, CliRun]:
    """``check`` a site of the one article ``articles/2024-01-01-a.md`` of ``body``, under
    ``front`` (a title and a date), in ``tmp/content``: the article's path and the run."""
    article = tmp / "content" / "articles" / "2024-01-01-a.md"
    article.parent.mkdir(parents=True)
    article.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    (tmp / "content" / "site.yaml").write_text("title: One body\n", encoding="utf-8")
    return article, run_cli("check", "--content", str(tmp / "content"))


def highlights(body: Tag) -> list[str]:
    """The text of each quote's highlight on an article page (``OneArticle.body``), in the
    body's order, its parts joined."""
    return [
        "".join(m.get_text() for m in body.select(f'mark[data-quote="{mark["data-quote"]}"]'))
        for mark in body.select("mark[id]")
    ]


@pytest.fixture
def update_expected(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-expected"))


def template_line(stderr: str) -> str:
    """The template line that a build's ``template-error`` diagnostic points at."""
    located = next(line for line in stderr.splitlines() if line.endswith("[template-error]"))
    path, line, _col = located.split(": error: ")[0].rsplit(":", 2)
    return Path(path).read_text(encoding="utf-8").splitlines()[int(line) - 1]


_PASTE = re.compile(
    r"# (?P<path>\S+): (?:(?P<under>paste under)|(?P<replace>replace)|(?P<above>paste above)"
    r"|(?P<flow>paste right after the '\['))\D*(?P<line>\d+)(?:-(?P<last>\d+))?"
)


def paste_suggestions(output: str) -> None:
    """Paste each article's part of ``suggest``'s output into it where its header says, as
    an editor would: under or above a line, in place of one or more, or right after a '['."""
    for part in output.split("\n\n"):
        header, _, entries = part.strip("\n").partition("\n")
        where = _PASTE.match(header)
        assert where, header
        path, at = Path(where["path"]), int(where["line"]) - 1
        lines = path.read_text(encoding="utf-8").split("\n")
        if where["under"]:
            lines[at + 1 : at + 1] = [entries]
        elif where["above"]:
            lines[at:at] = [entries]
        elif where["replace"]:
            lines[at : int(where["last"] or at + 1)] = [entries]
        else:
            bracket = lines[at].index("[") + 1
            lines[at] = lines[at][:bracket] + entries + lines[at][bracket:]
        path.write_text("\n".join(lines), encoding="utf-8")


def permissions_obeyed() -> tuple[str, ...]:
    """A command under which this process's user reads files as their permissions say:
    root reads any file, but not without the capabilities that let it."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root reads every file, and setpriv (util-linux) is missing")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search")
