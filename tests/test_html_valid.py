"""Every generated page is valid HTML according to the Nu Html Checker (vnu), the W3C's
validator, run from the ``vnu-jar`` npm package on the machine's Java.

The jar is installed on first use into the git-ignored ``.cache/vnu``. Skipped only when
Java or npm is missing and CI is not set.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, build_one_article, copy_content, run_cli

VNU_HOME = REPO / ".cache" / "vnu"
VNU_JAR = VNU_HOME / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def vnu() -> Path:
    java = shutil.which("java")
    if java is None:
        _missing("no Java to run the HTML validator")
    if not VNU_JAR.is_file():
        npm = shutil.which("npm")
        if npm is None:
            _missing("no npm to install the vnu-jar HTML validator")
        subprocess.run(
            [
                str(npm),
                "install",
                "--prefix",
                str(VNU_HOME),
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
                "vnu-jar@26",
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return VNU_JAR


@pytest.mark.parametrize("content", ["real", "basic", "markup-heavy", "directions", "linked"])
def test_every_page_is_valid_html(tmp_path: Path, vnu: Path, content: str) -> None:
    out = tmp_path / "site"
    result = run_cli(
        "build", "--content", str(copy_content(content, tmp_path)), "--out", str(out), "--no-search"
    )
    assert result.code == 0, result.stderr
    pages = sorted(str(p) for p in out.rglob("*.html"))
    assert len(pages) >= 8
    errors = [
        f"{m.get('url', '?').removeprefix('file:' + str(out))}:{m.get('lastLine')}: {m['message']}"
        for m in vnu_errors(vnu, pages)
    ]
    assert errors == []


def vnu_errors(vnu: Path, pages: list[str]) -> list[dict[str, object]]:
    """The validator's errors (fatal ones too) in ``pages``, each as its JSON reports it."""
    checked = subprocess.run(
        ["java", "-jar", str(vnu), "--format", "json", "--exit-zero-always", *pages],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    messages = json.loads(checked.stderr)["messages"]
    return [m for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]


def test_phrases_of_other_languages_and_directions_are_valid_html(
    tmp_path: Path, vnu: Path
) -> None:
    """The ``lang`` and ``dir`` kept on the elements of raw HTML (a ``<bdo>`` only with its
    direction) make no page invalid."""
    from test_inline_html import LANGUAGES

    front = "title: Languages\ndate: 2024-03-01\nquotes:\n  - text: a 漢字 word\n"
    build_one_article(tmp_path, "2024-03-01-languages", front, LANGUAGES)
    page = tmp_path / "site" / "articles" / "2024-03-01-languages" / "index.html"
    assert [m["message"] for m in vnu_errors(vnu, [str(page)])] == []


def test_blocks_of_other_languages_and_directions_are_valid_html(tmp_path: Path, vnu: Path) -> None:
    """The ``lang`` and ``dir`` kept on blocks written in HTML, links and images, and the
    spans that ``<p>``, ``<div>`` and ``<blockquote>`` with them become, make no page
    invalid."""
    from test_html_blocks import LANGUAGES, PNG

    (tmp_path / "content" / "media").mkdir(parents=True)
    (tmp_path / "content" / "media" / "chat.png").write_bytes(PNG)
    front = "title: Languages\ndate: 2024-03-01\nquotes:\n  - text: dit oui and Guten\n"
    build_one_article(tmp_path, "2024-03-01-languages", front, LANGUAGES)
    page = tmp_path / "site" / "articles" / "2024-03-01-languages" / "index.html"
    assert [m["message"] for m in vnu_errors(vnu, [str(page)])] == []


def test_a_block_tag_over_several_paragraphs_leaves_the_page_valid(
    tmp_path: Path, vnu: Path
) -> None:
    """The language and direction of a ``<div>`` or ``<section>`` whose tags are paragraphs
    apart, written on the blocks it holds, make no page invalid."""
    from test_html_blocks import SPANNING

    front = "title: Spanning\ndate: 2024-03-01\nquotes:\n  - text: زلت بلورف\n"
    build_one_article(tmp_path, "2024-03-01-spanning", front, SPANNING)
    page = tmp_path / "site" / "articles" / "2024-03-01-spanning" / "index.html"
    assert [m["message"] for m in vnu_errors(vnu, [str(page)])] == []
