"""Abbreviations' definitions (``abbreviations``), as Python-Markdown (MkDocs), PHP Markdown
Extra and kramdown write them: left out of the page, as those tools leave them out."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_one_article

from concordance.markdown import QuoteRequest, render_body


def _blocks(html: str) -> list[str]:
    """The text of each paragraph and of each list item without one."""
    page = BeautifulSoup(html, "lxml")
    blocks = [block for block in page.select("p, li") if block.find("p") is None]
    return [" ".join(block.get_text().split()) for block in blocks]


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        (
            "The GLP holds.\n\n*[GLP]: Glorp Length Plan\n*[ZT]:  Zelt Tea\n",
            ["The GLP holds."],
        ),
        # As Python-Markdown reads it, a definition ends the paragraph before it.
        (
            "The GLP holds.\n*[GLP]: Glorp Length Plan\nThe ZT dims.\n",
            ["The GLP holds.", "The ZT dims."],
        ),
        ("- The GLP holds.\n  *[GLP]: Glorp Length Plan\n", ["The GLP holds."]),
        ("*[GLP]:\n\nThe GLP holds.\n", ["The GLP holds."]),  # a definition undone
    ],
)
def test_a_definition_is_left_out(body: str, shown: list[str]) -> None:
    html = render_body(body, []).html
    assert _blocks(html) == shown
    assert "Glorp Length Plan" not in BeautifulSoup(html, "lxml").get_text()


@pytest.mark.parametrize(
    "body",
    [
        "\\*[GLP]: Glorp Length Plan",
        "The *[GLP]: Glorp Length Plan",
        "*[GLP] Glorp Length Plan",
        "*[GLP*: Glorp Length Plan",
        "*[Update]: the Glorp Length Plan changed.*",  # emphasis, as GitHub shows it
    ],
)
def test_what_is_no_definition_stays_text(body: str) -> None:
    html = render_body(body + "\n", []).html
    assert "Glorp Length Plan" in BeautifulSoup(html, "lxml").get_text()


def test_a_definition_in_code_stays_code() -> None:
    page = BeautifulSoup(render_body("Intro.\n\n    *[GLP]: Glorp\n", []).html, "lxml")
    assert [pre.get_text() for pre in page.find_all("pre")] == ["*[GLP]: Glorp\n"]


def test_a_quote_runs_across_a_definition_as_the_page_shows_it(tmp_path: Path) -> None:
    body = "The GLP holds.\n*[GLP]: Glorp Length Plan\nThe ZT dims.\n\n*[ZT]: Zelt Tea\n"
    result = render_body(body, [QuoteRequest("q", "The GLP holds. The ZT dims.")])
    assert result.found == {"q": 0}
    front = "title: Abbr\ndate: 2024-01-05\nquotes:\n  - text: The GLP holds. The ZT dims.\n"
    one = build_one_article(tmp_path, "2024-01-05-abbr", front, body)
    assert [p.get_text() for p in one.body.find_all("p")] == ["The GLP holds.", "The ZT dims."]
    marked = " ".join(m.get_text() for m in one.body.select("mark.quote"))
    assert marked == "The GLP holds. The ZT dims."
    assert "Zelt Tea" not in one.body.get_text()
