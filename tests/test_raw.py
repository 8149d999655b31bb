"""Pandoc's raw content (``raw``): HTML read as if written in the body, never passed
through; other formats left out; a raw block left open shown as code."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from concordance.markdown import QuoteRequest, render_body


def _page(body: str, *quotes: str) -> tuple[BeautifulSoup, dict[str, int]]:
    result = render_body(body, [QuoteRequest(f"q{i}", q) for i, q in enumerate(quotes)])
    return BeautifulSoup(result.html, "lxml"), result.found


def test_raw_html_spans_are_read_as_html() -> None:
    body = (
        'Uses `<a href="https://example.org/ipy">`{=html}Ipymarkup`</a>`{=html} now,'
        " a port.`<br>`{=html} Note `<b>`{=html}that`</b>`{=html}.\\\n"
        "A `\\newpage`{=latex}break and `<script>alert(1)</script>`{=html} stays text."
    )
    page, found = _page(body, "Uses Ipymarkup now", "Note that")
    assert set(found) == {"q0", "q1"}
    link = page.select_one("a[href='https://example.org/ipy']")
    assert link is not None and link.get_text() == "Ipymarkup"
    assert page.select_one("br") is not None and page.select_one("strong").get_text() == "that"
    assert page.select_one("script") is None and page.select_one("code") is None
    text = page.get_text()
    assert "<script>alert(1)</script>" in text and "newpage" not in text and "{=" not in text


def test_a_raw_html_block_is_read_as_the_bodys_html() -> None:
    body = (
        "Before.\n\n```{=html}\n<table>\n    <tr>\n        <th>Head</th><td>a glorp cell</td>\n"
        "    </tr>\n</table>\n```\n\n```{=html}\n<!-- lint disable -->\n```\n\n"
        '~~~~ {=html}\n<div align="center"><b>Centred</b> glorp text</div>\n~~~~\n\n'
        "```{=latex}\n\\begin{center}\n```\n\nAfter.\n"
    )
    page, found = _page(body, "a glorp cell", "Centred glorp text")
    assert set(found) == {"q0", "q1"}
    assert page.select_one("table th").get_text() == "Head"
    assert page.select_one("pre") is None
    text = page.get_text()
    assert "lint" not in text and "begin" not in text and "<" not in text
    assert text.split() == [
        "Before.",
        "Head",
        "a",
        "glorp",
        "cell",
        "Centred",
        "glorp",
        "text",
        "After.",
    ]


@pytest.mark.parametrize(
    "body", ["```{=html}\n<b>open</b>\nstill\n", "```{=latex}\nnever closed\n"]
)
def test_a_raw_block_left_open_is_code_and_loses_no_words(body: str) -> None:
    page, _ = _page("Before.\n\n" + body)
    code = page.select_one("pre code")
    assert code is not None and code.get_text() == body.split("\n", 1)[1]


def test_a_raw_block_in_a_list_item_ends_with_it() -> None:
    page, _ = _page("- item\n  ```{=html}\n  <b>bold</b> in item\n  ```\n- next\n")
    items = page.select("li")
    assert [li.get_text(" ", strip=True) for li in items] == ["item bold in item", "next"]


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("```{=html}\n" * 40_000, "```{=html}\n" * 39_999),  # the first left open: code
        ("```{=html}\n```\n" * 20_000, ""),
        ("`a`{=html}" * 50_000, "a" * 50_000),
    ],
    ids=["open", "pairs", "spans"],
)
def test_hostile_raw_content_is_read_in_one_pass(body: str, shown: str) -> None:
    html = render_body(body, []).html
    assert BeautifulSoup(html, "lxml").get_text().strip() == shown.strip()
