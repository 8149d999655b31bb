"""The program ends without freeing what a build loaded (``Report.loaded``, ``cli.entry``)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from bs4 import BeautifulSoup

from concordance.cli import main
from concordance.diagnostics import Report
from tests.conftest import REPO, copy_content


def test_a_build_hands_what_it_loaded_to_the_caller_that_holds_it(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    out = tmp_path / "site"
    held: list[Report] = []
    assert main(["build", "--content", str(content), "--out", str(out), "--quiet"], held) == 0
    (report,) = held
    built = sorted(p.parent.name for p in (out / "articles").glob("*/index.html"))
    assert built, "the fixture has articles"
    loaded = getattr(report.loaded, "index", None)
    assert loaded is not None and sorted(loaded.articles) == built
    for page in (out / "articles").glob("*/index.html"):
        title = BeautifulSoup(page.read_bytes(), "lxml").h1
        assert title is not None and title.get_text(strip=True)


def test_a_check_hands_it_over_too(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    held: list[Report] = []
    assert main(["check", "--content", str(content)], held) == 0
    assert getattr(held[0].loaded, "index", None) is not None


def test_the_program_still_holds_the_report_when_it_ends(tmp_path: Path) -> None:
    """``entry`` ends the process with the report held: the build's objects are never
    freed one by one (0.07 s at N=5000)."""
    content = copy_content("basic", tmp_path)
    script = textwrap.dedent(
        """
        import os, sys
        from concordance import cli
        seen = []
        real_main, real_exit = cli.main, os._exit
        def main(argv=None, held=None):
            seen.append(held)
            return real_main(argv, held)
        def exit(code):
            held = seen[0]
            print(len(held), held[0].loaded is not None, flush=True)
            real_exit(code)
        cli.main, os._exit = main, exit
        sys.argv = ["build.py", "build", "--content", sys.argv[1], "--out", sys.argv[2], "--quiet"]
        cli.entry()
        """
    )
    ran = subprocess.run(
        [sys.executable, "-c", script, str(content), str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split() == ["1", "True"]
