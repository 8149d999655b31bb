"""HTML comments in bodies (``<!-- more -->``, an editor's ``<!-- check this -->``) are left
out of the pages, while raw HTML stays text: the ``markup-heavy`` fixture's article that has
them, built and read as a browser would."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import Tag
from conftest import copy_content, run_cli
from sitecheck import soup

from concordance.markdown import QuoteRequest, render_body

PAGE = "articles/2023-04-04-comments/index.html"
SECRET = "zorblax"
"""A word only the fixture's comments hold."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("comments")
    out = tmp / "site"
    content = copy_content("markup-heavy", tmp)
    assert SECRET in (content / "articles/2023-04-04-comments.md").read_text(encoding="utf-8")
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    return out


def _body(site: Path) -> Tag:
    found = soup(site / PAGE).select_one("div.body")
    assert isinstance(found, Tag)
    return found


def test_no_comment_reaches_any_output_file(site: Path) -> None:
    files = [p for p in site.rglob("*") if p.is_file()]
    assert [str(p) for p in files if SECRET.encode() in p.read_bytes()] == []


def test_a_paragraph_of_comments_alone_leaves_no_empty_paragraph(site: Path) -> None:
    paragraphs = [" ".join(p.get_text().split()) for p in _body(site).find_all("p")]
    assert paragraphs == [
        "Speaker 14 said the zelt tea harvest doubled this year. zelt tea",
        "Readers see <!-- this --> as written, zelt tea and <!-- code --> stays code."
        " An opened <!-- with no end stays text.",
    ]


def test_a_quote_runs_across_a_comment(site: Path) -> None:
    marks = _body(site).select("p:first-of-type mark.quote")
    assert " ".join("".join(m.get_text() for m in marks).split()) == (
        "the zelt tea harvest doubled this year"
    )


def test_escaped_comments_code_and_unclosed_openers_stay_as_written(site: Path) -> None:
    body = _body(site)
    code = body.find("code")
    assert isinstance(code, Tag) and code.get_text() == "<!-- code -->"
    mark = body.select_one("p:nth-of-type(2) mark.quote")
    assert isinstance(mark, Tag) and mark.get_text() == "Readers see <!-- this --> as written"


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("a <!-- *open --> b* c", "a <!-- <em>open --> b</em> c"),
        ("*a <!-- b* --> c", "<em>a <!-- b</em> --> c"),
        ("x <!-- 1 --> y <!--> z <!---> w", "x  y  z  w"),
        ("[a <!-- c --> b](https://example.org)", '<a href="https://example.org">a  b</a>'),
    ],
)
def test_a_comment_must_not_cut_markup_in_two(body: str, shown: str) -> None:
    """A comment that would end inside emphasis opened in it, or close emphasis opened before
    it, stays text: hiding it would leave half an element."""
    html = render_body(body, []).html
    assert html.replace("&lt;", "<").replace("&gt;", ">") == f'<p dir="ltr">{shown}</p>\n'


def test_a_quote_inside_a_comment_is_not_found() -> None:
    result = render_body(
        "Shown words. <!-- the hidden glorp plan -->", [QuoteRequest("q", "glorp")]
    )
    assert result.found == {}
    assert "glorp" not in result.html


def test_a_quote_in_a_comment_is_a_located_error(tmp_path: Path) -> None:
    content = copy_content("markup-heavy", tmp_path)
    source = content / "articles/2023-04-04-comments.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace(
            "    concepts: [zelt tea]\n",
            "    concepts: [zelt tea]\n  - text: check the figure\n    concepts: [zelt tea]\n",
            1,
        ),
        encoding="utf-8",
    )
    result = run_cli("check", "--content", str(content))
    assert result.code == 1
    assert "2023-04-04-comments.md:8:11: error: quote not found" in result.stderr


@pytest.mark.parametrize("alone", ["<!-- a -->", "<!-- a --> <!-- b -->", "<!-- a\nb -->"])
def test_a_paragraph_of_comments_alone_is_left_out(alone: str) -> None:
    assert render_body(f"{alone}\n\nText.", []).html == '<p dir="ltr">Text.</p>\n'
