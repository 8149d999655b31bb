"""Pandoc's grid tables (``grid_tables``): rows between lines of ``+`` and dashes, cells
between ``|`` under the ``+``, each cell read as Markdown blocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import build_one_article, copy_content, run_cli

from concordance.markdown import BLOCK_NESTING, QuoteRequest, render_body

TABLE = """\
Before the table.

+---------------+---------------+--------------------+
| Gadget        | Price         | Advantages         |
+===============+===============+====================+
| Glorp         | 1.34          | - built-in wrapper |
|               |               | - bright *zelt*    |
+---------------+---------------+--------------------+
| Zelt tea      | 2.10          | - cures the blorf  |
|               |               | - tasty            |
+---------------+---------------+--------------------+

After the table.
"""


def _page(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def _rows(html: str) -> list[list[str]]:
    cells = (tr.find_all(["th", "td"]) for tr in _page(html).select("tr"))
    return [[" ".join(c.get_text(" ").split()) for c in row] for row in cells]


def _line_of(body: str, text: str) -> int:
    """The body line (0-based) that holds ``text``."""
    return next(at for at, line in enumerate(body.split("\n")) if text in line)


def test_a_grid_table_is_a_table_whose_cells_hold_blocks() -> None:
    html = render_body(TABLE, []).html
    page = _page(html)
    assert _rows(html) == [
        ["Gadget", "Price", "Advantages"],
        ["Glorp", "1.34", "built-in wrapper bright zelt"],
        ["Zelt tea", "2.10", "cures the blorf tasty"],
    ]
    assert [th.get_text() for th in page.select("table > thead > tr > th")] == [
        "Gadget",
        "Price",
        "Advantages",
    ]
    items = [[li.get_text() for li in ul.find_all("li")] for ul in page.select("td > ul")]
    assert items == [["built-in wrapper", "bright zelt"], ["cures the blorf", "tasty"]]
    assert page.select_one("td li em").get_text() == "zelt"
    # A cell of one paragraph is its text, as other tables' cells are.
    assert page.select("td > p") == [] and page.select("th > p") == []
    assert [p.get_text() for p in page.find_all("p")] == ["Before the table.", "After the table."]


def test_a_quote_from_a_cells_list_item_is_found_at_its_line() -> None:
    result = render_body(TABLE, [QuoteRequest("q", "cures the blorf")])
    assert result.found == {"q": _line_of(TABLE, "cures the blorf")}
    mark = _page(result.html).select_one("td > ul > li > mark.quote")
    assert isinstance(mark, Tag) and mark.get_text() == "cures the blorf"


def test_a_grid_tables_quote_is_highlighted_and_linked_in_the_built_site(
    tmp_path: Path,
) -> None:
    front = (
        "title: Grids\ndate: 2024-01-01\nspeaker: Speaker 9\n"
        "quotes:\n  - text: bright zelt\n    concepts: [glorp]\n"
    )
    one = build_one_article(tmp_path, "2024-01-01-grids", front, TABLE)
    marks = one.body.select("table td li mark.quote")
    assert "".join(m.get_text() for m in marks) == "bright zelt"
    concept = _page((tmp_path / "site/concepts/glorp/index.html").read_text(encoding="utf-8"))
    assert concept.select_one(f"a[href$='#{marks[0]['id']}']") is not None


def test_a_cell_of_two_paragraphs_holds_both() -> None:
    body = (
        "+--------------------+-------+\n"
        "| The glorp plan.    | one   |\n"
        "|                    |       |\n"
        "| It holds for a     | two   |\n"
        "| year.              |       |\n"
        "+--------------------+-------+\n"
    )
    result = render_body(body, [QuoteRequest("q", "It holds for a year.")])
    cells = _page(result.html).select("tbody td")
    paragraphs = [" ".join(p.get_text().split()) for p in cells[0].find_all("p")]
    assert paragraphs == ["The glorp plan.", "It holds for a year."]
    assert " ".join(cells[1].get_text().split()) == "one two"
    assert result.found == {"q": 3}


def test_without_a_line_of_equals_a_grid_table_has_no_head() -> None:
    body = "+-----+-----+\n| a   | b   |\n+-----+-----+\n| c   | d   |\n+-----+-----+\n"
    html = render_body(body, []).html
    assert _rows(html) == [["a", "b"], ["c", "d"]]
    assert _page(html).select_one("thead") is None and len(_page(html).select("tbody tr")) == 2


def test_a_grid_table_may_have_a_foot() -> None:
    body = (
        "+-------+-------+\n| Gadget| Price |\n+=======+=======+\n| Glorp | 1.34  |\n"
        "+-------+-------+\n| Zelt  | 2.10  |\n+=======+=======+\n| Sum   | 3.44  |\n"
        "+=======+=======+\n"
    )
    page = _page(render_body(body, []).html)
    parts = {part: _rows(str(page.select_one(part))) for part in ("thead", "tbody", "tfoot")}
    assert parts == {
        "thead": [["Gadget", "Price"]],
        "tbody": [["Glorp", "1.34"], ["Zelt", "2.10"]],
        "tfoot": [["Sum", "3.44"]],
    }


RULE = "+------+--------+-------+------+\n"
HEADS = "| left | center | right | none |\n"
NUMBERS = "| 1    | 2      | 3     | 4    |\n"


@pytest.mark.parametrize(
    "body",
    [
        RULE + HEADS + "+:=====+:======:+======:+======+\n" + NUMBERS + RULE + NUMBERS + RULE,
        "+:-----+:------:+------:+------+\n" + HEADS + RULE + NUMBERS + RULE,
    ],
    ids=["under-the-head", "headless-first-line"],
)
def test_colons_set_the_alignment_of_each_column(body: str) -> None:
    rows = _page(render_body(body, []).html).select("tr")
    assert len(rows) > 1
    for row in rows:
        styles = [cell.get("style") for cell in row.find_all(["th", "td"])]
        assert styles == ["text-align:left", "text-align:center", "text-align:right", None]


def test_a_grid_table_in_a_block_quote_and_in_a_list_item() -> None:
    body = (
        "> +--------+--------+\n"
        "> | glorp  | - zelt |\n"
        "> +--------+--------+\n"
        "\n"
        "- An item:\n"
        "\n"
        "  +--------+--------+\n"
        "  | blorf  | plan   |\n"
        "  +--------+--------+\n"
        "- Next item.\n"
    )
    result = render_body(body, [QuoteRequest("q", "blorf plan")])
    page = _page(result.html)
    quoted = page.select_one("blockquote table")
    assert isinstance(quoted, Tag) and _rows(str(quoted)) == [["glorp", "zelt"]]
    assert quoted.select_one("td > ul > li") is not None
    listed = page.select_one("ul > li table")
    assert isinstance(listed, Tag) and _rows(str(listed)) == [["blorf", "plan"]]
    assert [li.get_text(" ").split()[0] for li in page.select("body > ul > li")] == ["An", "Next"]
    assert result.found == {"q": 7}


def test_wide_characters_take_two_columns() -> None:
    """Pandoc lines up the ``|`` of a row under the ``+`` by the width each character takes
    in a fixed-width font: a Chinese character or an emoji two, a combining mark none."""
    body = (
        "+----------+--------+\n"
        "| 三三 🚧  | glorp  |\n"
        "| 多多多多 | e\u0301      |\n"
        "+----------+--------+\n"
    )
    assert _rows(render_body(body, []).html) == [["三三 🚧 多多多多", "glorp e\u0301"]]


def test_a_bad_link_in_a_cell_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    article = content / "articles" / "2022-07-09-second.md"
    text = article.read_text(encoding="utf-8")
    row = "| glorp | - zelt [x](javascript:alert(1)) |"
    grid = f"+-------+{'-' * (len(row) - 10)}+"
    table = f"{grid}\n| plan  |{' ' * (len(row) - 10)}|\n{row}\n{grid}\n"
    article.write_text(f"{text}\n{table}", encoding="utf-8")
    cell = _page(render_body(table, []).html).select_one("td > ul > li")
    assert isinstance(cell, Tag) and cell.get_text() == "zelt [x](javascript:alert(1))"
    result = run_cli("check", "--content", str(content))
    warned = [w for w in result.stderr.splitlines() if w.endswith("[link-invalid]")]
    line = text.count("\n") + 4
    assert warned == [
        f"{article}:{line}:{row.index('javascript') + 1}: warning: not a link:"
        " 'javascript:alert(1)' is shown as text (its scheme is not allowed) [link-invalid]"
    ]


def test_html_lists_in_the_cells_of_two_tables_are_each_read() -> None:
    """Each cell is parsed as a text of its own, and the second table's may be given the
    memory (the id) of the first's: what is remembered of a text's lists is its own."""
    one = "+-----------------+\n| <ul>            |\n| <li>glorp</li>  |\n| </ul>           |\n"
    one += "| more text here  |\n+-----------------+\n\n"
    two = "+-----------------+\n| <ul>            |\n| <li>zelt</li>   |\n| <li>blorf</li>  |\n"
    two += "| </ul>           |\n+-----------------+\n"
    page = _page(render_body(one + two, []).html)
    items = [[li.get_text() for li in td.select("ul > li")] for td in page.select("td")]
    assert items == [["glorp"], ["zelt", "blorf"]]
    assert [p.get_text() for p in page.select("td > p")] == ["more text here"]


@pytest.mark.parametrize(
    "body",
    [
        "+-----+-----+\n| a   | b   |\n| c  | d    |\n+-----+-----+\n",  # a | off its bound
        "+-----+-----+\n| a   | b   |\n| c   | d\n+-----+-----+\n",  # ragged: no last |
        "+-----+-----+\n| a   | b   |\n+------+----+\n",  # a line of other columns
        "+-----+-----+\n| a   | b   |\n",  # no closing line
        "+-----+-----+\n| spans both  |\n+-----+-----+\n",  # a cell over two columns
        "+-----+-----+\n| a   | b   |\n|     +-----+\n| c   | d   |\n+-----+-----+\n",  # rows
        "+-----+-----+\n| a\t  | b   |\n+-----+-----+\n",  # a tab
        "+-----+-----+\n+-----+-----+\n",  # no row
        "+-----+\n| a   |\n+--:--+\n| b   |\n+-----+\n",  # a colon inside a run
        "+:----+\n| a   |\n+:----+\n| b   |\n+-----+\n",  # colons on a line between rows
        "    +-----+\n    | a   |\n    +-----+\n",  # code
        "+=====+\n| a   |\n+=====+\n",  # a first line of equals
    ],
)
def test_what_is_no_grid_table_stays_its_text(body: str) -> None:
    html = render_body(body, []).html
    assert "<table" not in html
    shown = " ".join(_page(html).get_text().split())
    assert shown.replace(" ", "") == body.replace("\t", "").replace(" ", "").replace("\n", "")


def test_a_grid_table_builds_the_same_bytes_twice(tmp_path: Path) -> None:
    front = "title: Grids\ndate: 2024-01-01\nspeaker: Speaker 9\n"
    first = build_one_article(tmp_path / "a", "2024-01-01-grids", front, TABLE)
    build_one_article(tmp_path / "b", "2024-01-01-grids", front, TABLE)
    assert first.body.select_one("table > tbody > tr > td > ul") is not None
    page = "site/articles/2024-01-01-grids/index.html"
    assert (tmp_path / "a" / page).read_bytes() == (tmp_path / "b" / page).read_bytes()


def test_hostile_grids_are_read_in_time() -> None:
    wide = "+" + "-+" * 20_000 + "\n" + "|a" * 20_000 + "|\n" + "+" + "-+" * 20_000 + "\n"
    tall = "+-+\n" + "|a|\n+-+\n" * 10_000
    unclosed = "+-+\n" + "|a|\n" * 20_000
    for body in (wide, tall, unclosed):
        html = render_body(body, []).html
        assert html.count("<td") <= body.count("\n")


def _boxed(lines: list[str]) -> list[str]:
    """``lines`` as the one cell of a grid table."""
    width = max(len(line) for line in lines)
    rule = "+" + "-" * (width + 2) + "+"
    return [rule, *(f"| {line.ljust(width)} |" for line in lines), rule]


def test_grid_tables_in_cells_nest_to_markdowns_limit() -> None:
    """A table in a cell is read one level deeper, as a list in a list is, so that tables
    nested without end stop at markdown-it's limit (``markdown.BLOCK_NESTING``)."""
    lines = ["glorp"]
    for _ in range(3):
        lines = _boxed(lines)
    result = render_body("\n".join(lines) + "\n", [QuoteRequest("q", "glorp")])
    assert result.html.count("<table") == 3 and result.found == {"q": 3}
    for _ in range(37):
        lines = _boxed(lines)
    tables = render_body("\n".join(lines) + "\n", []).html.count("<table")
    assert 1 < tables <= BLOCK_NESTING // 4
