"""Pandoc's simple and multiline tables (``simple_tables``): heads, a line of dashes under
each column, rows to a blank line; without heads, between two lines of dashes; rows of
several lines between lines of dashes across the table."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_one_article

from concordance.markdown import QuoteRequest, render_body

TABLE = """\
Before the table.

    Method          Use
  --------------- ---------------------------
  `x.show()`      Shows the *glorp* plan
  `x.hide()`      Hides it`<br>`{=html}for now
                  Goes on alone

After the table.
"""


def _rows(html: str) -> list[list[str]]:
    page = BeautifulSoup(html, "lxml")
    cells = (tr.find_all(["th", "td"]) for tr in page.select("tr"))
    return [[" ".join(c.get_text(" ").split()) for c in row] for row in cells]


def test_a_simple_table_is_a_table_whose_cells_are_read_as_markdown() -> None:
    result = render_body(TABLE, [QuoteRequest("q", "Shows the glorp plan x.hide()")])
    assert _rows(result.html) == [
        ["Method", "Use"],
        ["x.show()", "Shows the glorp plan"],
        ["x.hide()", "Hides it for now"],
        ["", "Goes on alone"],
    ]
    page = BeautifulSoup(result.html, "lxml")
    assert len(page.select("thead th")) == 2 and page.select_one("td em").get_text() == "glorp"
    assert "q" in result.found and result.found["q"] == 4  # the line of its first row
    assert [p.get_text() for p in page.find_all("p")] == ["Before the table.", "After the table."]


def test_the_fence_right_under_a_table_closes_its_div() -> None:
    """As Pandoc writes a table in a ``<div>``: the fence is no row, so the div closes, and
    the fences after pair as written, none shown as text."""
    body = (
        "::: zelt\n::: plam\n  Name    Use\n  ------- ---------\n  glorp   plams it\n:::\n:::\n\n"
        "::: para\nThe zorp dims.\n:::\n"
    )
    result = render_body(body, [QuoteRequest("q", "plams it The zorp dims")])
    assert _rows(result.html) == [["Name", "Use"], ["glorp", "plams it"]]
    assert ":::" not in BeautifulSoup(result.html, "lxml").get_text()
    assert "q" in result.found


def test_a_simple_table_without_heads_lies_between_two_lines_of_dashes() -> None:
    body = "Before.\n\n------- ------\n  a      b\n  c      d\n------- ------\n\nAfter.\n"
    html = render_body(body, []).html
    assert _rows(html) == [["a", "b"], ["c", "d"]]
    assert BeautifulSoup(html, "lxml").select_one("thead") is None


MULTILINE = """\
-------------------------------------------------------
 Centred    Default           Right Left
  Head      Aligned         Aligned Aligned
----------- ------- --------------- -------------------
   First    row                12.0 A row that
                                    spans two lines.

  Second    row                 5.0 Here's another:
                                    the glorp plan.
-------------------------------------------------------
"""


def test_a_multiline_table_joins_the_lines_of_each_cell() -> None:
    result = render_body(MULTILINE, [QuoteRequest("q", "Here's another: the glorp plan.")])
    assert _rows(result.html) == [
        ["Centred Head", "Default Aligned", "Right Aligned", "Left Aligned"],
        ["First", "row", "12.0", "A row that spans two lines."],
        ["Second", "row", "5.0", "Here's another: the glorp plan."],
    ]
    assert result.found == {"q": 7}


def test_a_multiline_table_without_heads_and_wide_characters() -> None:
    """Pandoc aligns columns by the width characters take in a fixed-width font: a Chinese
    character or an emoji takes two."""
    body = (
        "------------ ------------ ------\n"
        "  三三 🚧      next         x\n"
        "  glorp                    y\n"
        "\n"
        "  plan         多多多多     z\n"
        "------------ ------------ ------\n"
    )
    assert _rows(render_body(body, []).html) == [
        ["三三 🚧 glorp", "next", "x y"],
        ["plan", "多多多多", "z"],
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Text\n--- ---\n\nMore.\n",  # no row: a rule
        "Text\n- - -\nMore.\n",  # dashes alone: a rule
        "Text\n-------\nMore.\n",  # one run: a heading's underline
        "------- ------\n  a      b\n\nNo closing line.\n",  # no heads, no closing line
        "- item\n  --- ---\n  more\n",  # a list item is no line of heads
        "    code\n    --- ---\n    row\n",  # code
        "::: note\n--- ---\nrow\n",  # a fence is no line of heads
        "-------\nText\n\nMore\n-------\n",  # no line of dashes under columns
        "-- --\nrow\n\n--- ---\n",  # closed by a line of other columns
    ],
)
def test_what_is_no_simple_table_reads_as_before(body: str) -> None:
    assert "<table" not in render_body(body, []).html


def test_a_simple_table_builds_and_its_quote_is_linked(tmp_path: Path) -> None:
    front = (
        "title: Tables\ndate: 2024-01-01\nspeaker: Speaker 9\n"
        "quotes:\n  - text: Shows the glorp plan\n    concepts: [glorp]\n"
    )
    one = build_one_article(tmp_path, "2024-01-01-tables", front, TABLE)
    marks = one.body.select("table td mark.quote")
    assert "".join(m.get_text() for m in marks) == "Shows the glorp plan"
    mark = marks[0]
    concept = BeautifulSoup((tmp_path / "site/concepts/glorp/index.html").read_bytes(), "lxml")
    assert concept.select_one(f"a[href$='#{mark['id']}']") is not None


@pytest.mark.parametrize(
    "body",
    [
        "h\n" + "-- " * 20_000 + "\nrow\n",
        "a  b\n-- --\n" + "x  y\n" * 50_000,
        "-- --\n" * 50_000,
        "-- --\n" + "x y\n" * 50_000,
        "t\n-- --\n" * 30_000,
    ],
    ids=["columns", "rows", "dashes", "never-closed", "alternating"],
)
def test_hostile_tables_are_read_in_one_pass(body: str) -> None:
    html = render_body(body, []).html
    assert html.count("<td") <= body.count("\n") * 2
