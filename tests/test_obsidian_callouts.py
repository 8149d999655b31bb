"""Obsidian's callouts (``obsidian_callouts``): block quotes opened by ``[!type]``, with a
title, foldable, nested, in lists, shown as boxes whose every word a reader sees is quoted."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import build_one_article
from test_html_valid import vnu, vnu_errors  # noqa: F401 (vnu: a fixture)
from test_site import indexed_strings

from concordance.markdown import QuoteRequest, render_body


def _boxes(html: str) -> list[tuple[str, str, str, bool]]:
    """(kind, title, whose title: "own" or "kind", foldable) of each box, in order."""
    page = BeautifulSoup(html, "lxml")
    found = []
    for box in page.select("div.alert"):
        kind = next(c.removeprefix("alert-") for c in box["class"] if c != "alert")
        inside = box.find("details", recursive=False)
        holder = inside if isinstance(inside, Tag) else box
        title = holder.find(["p", "summary"], recursive=False)
        assert isinstance(title, Tag)
        whose = "own" if "callout-title" in title["class"] else "kind"
        found.append((kind, title.get_text(), whose, inside is not None))
    return found


@pytest.mark.parametrize(
    ("body", "boxes"),
    [
        ("> [!info]\n> The glorp plan.\n", [("note", "Info", "kind", False)]),
        (
            "> [!faq]- Are callouts foldable?\n> The glorp plan.\n",
            [("note", "Are callouts foldable?", "own", True)],
        ),
        ("> [!TIP]+ Open me\n> The glorp plan.\n", [("tip", "Open me", "own", True)]),
        ("> [!Danger] Take *care*\n> The glorp plan.\n", [("caution", "Take care", "own", False)]),
        ("> [!bug]-\n> The glorp plan.\n", [("caution", "Bug", "kind", True)]),
        ("> [!success]\n> The glorp plan.\n", [("tip", "Success", "kind", False)]),
        ("> [!attention] Look\n>\n> The glorp plan.\n", [("warning", "Look", "own", False)]),
        ("> [!my-kind|wide] Custom\n> The glorp plan.\n", [("note", "Custom", "own", False)]),
        ("> [!NOTE]\n> The glorp plan.\n", [("note", "Note", "kind", False)]),  # GitHub's
        ("> [!WARNING]  \n> The glorp plan.\n", [("warning", "Warning", "kind", False)]),
    ],
)
def test_a_callout_is_a_box_of_its_kind_titled_as_obsidian_shows_it(
    body: str, boxes: list[tuple[str, str, str, bool]]
) -> None:
    result = render_body(
        "Before.\n\n" + body + "\nAfter.\n", [QuoteRequest("q", "The glorp plan.")]
    )
    assert _boxes(result.html) == boxes
    assert result.found == {"q": 4 if "\n>\n" in body else 3}
    page = BeautifulSoup(result.html, "lxml")
    assert page.find("blockquote") is None and "[!" not in page.get_text()
    assert all(details.has_attr("open") for details in page.find_all("details"))


@pytest.mark.parametrize(
    "body",
    [
        "> [!note]: https://e.org\n",  # a link's definition
        "> \\[!note] escaped\n",
        "> [!] no type\n",
        "> [! note] spaced\n",
        "> Text [!note] inside\n",
        "> [!note]\n> Text.\n\n[!note]: https://e.org\n",  # a link the body defines
    ],
)
def test_what_only_looks_like_a_marker_stays_a_block_quote(body: str) -> None:
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    assert page.select("div.alert") == []


def test_callouts_nest_and_stand_in_lists() -> None:
    body = (
        "> [!info] Outer\n> Outer text.\n>\n> > [!tip]- Inner\n> > Inner text.\n"
        ">\n> Outer again.\n\n"
        "- An item:\n\n  > [!warning] In the item\n  > Item text.\n"
        "- > [!example]\n"
    )
    result = render_body(body, [QuoteRequest("q", "Inner text."), QuoteRequest("t", "Inner")])
    page = BeautifulSoup(result.html, "lxml")
    outer = page.select_one("div.alert-note")
    assert outer is not None
    inner = outer.select_one("div.alert-tip > details[open]")
    assert inner is not None
    assert [p.get_text() for p in outer.find_all("p", recursive=False)] == [
        "Outer",
        "Outer text.",
        "Outer again.",
    ]
    assert inner.summary.get_text() == "Inner" and inner.p.get_text() == "Inner text."
    assert inner.select_one("summary mark.quote[data-quote=t]") is not None
    assert inner.select_one("p mark.quote[data-quote=q]") is not None
    items = page.select("li")
    assert _boxes(str(items[0])) == [("warning", "In the item", "own", False)]
    assert _boxes(str(items[1])) == [("note", "Example", "kind", False)]  # title-only
    assert result.found == {"q": 4, "t": 3}
    assert page.find("blockquote") is None


def test_a_callout_inside_a_block_quote_leaves_that_one_a_quote() -> None:
    """GitHub shows ``> > [!NOTE]`` as quotes of the marker's text; Obsidian, as here."""
    result = render_body("> > [!NOTE]\n> > Read the plan.\n", [QuoteRequest("q", "Read the plan")])
    page = BeautifulSoup(result.html, "lxml")
    quote = page.find("blockquote")
    assert isinstance(quote, Tag) and _boxes(str(quote)) == [("note", "Note", "kind", False)]
    assert "[!" not in page.get_text() and result.found == {"q": 1}


def test_the_lines_of_a_callout_are_counted_past_its_marker() -> None:
    """Quote-not-found hints name the line the closest passage starts on, in a box or nested."""
    body = (
        "Intro text here.\n\n> [!faq]- Why the glorp plam\n> holds the zelt firmly\n"
        "> > [!tip] Inner\n> > so the wobble indx rose\n"
    )
    quotes = [
        QuoteRequest("title", "Why the glorp plan"),
        QuoteRequest("text", "holds the zelts firmly"),
        QuoteRequest("inner", "the wobble index rose"),
    ]
    result = render_body(body, quotes)
    assert {key: (hint.line, hint.passage) for key, hint in result.closest.items()} == {
        "title": (2, "Why the glorp plam"),
        "text": (3, "holds the zelt firmly"),
        "inner": (5, "the wobble indx rose"),
    }


def test_a_kinds_name_is_no_text_of_the_body_and_an_authors_title_is() -> None:
    body = "> [!note]\n> Read the plan.\n\n> [!tip] Tip of the day\n> Read on.\n"
    quotes = [
        QuoteRequest("kind", "Note Read the plan"),
        QuoteRequest("own", "Tip of the day Read on"),
        QuoteRequest("across", "Read the plan. Tip of the day"),
    ]
    result = render_body(body, quotes)
    assert sorted(result.found) == ["across", "own"]
    assert "Note" not in result.closest["kind"].passage
    assert result.summary == "Read the plan."


@pytest.mark.parametrize(
    ("quote", "shown"),
    [
        ("Are callouts foldable? They are, the glorp plan said.", None),  # from the page
        ("> [!faq]- Are callouts foldable?\n> They are, the glorp plan said.", None),
        ("[!faq]- Are callouts foldable?", "Are callouts foldable?"),  # the source's line
        ("> [!faq]- Are callouts foldable? > They are", "Are callouts foldable? They are"),
    ],
)
def test_a_quote_of_a_callout_copied_from_the_page_or_the_source_is_found(
    quote: str, shown: str | None
) -> None:
    body = "Intro.\n\n> [!faq]- Are callouts foldable?\n> They are, the glorp plan said.\n"
    result = render_body(body, [QuoteRequest("q", quote)])
    assert result.found == {"q": 2}
    marked = BeautifulSoup(result.html, "lxml").select("mark[data-quote=q]")
    words = " ".join(" ".join(m.get_text() for m in marked).split())
    assert words == (shown or "Are callouts foldable? They are, the glorp plan said.")


_FRONT = (
    "title: Callouts\ndate: 2024-03-01\nspeaker: Speaker 4\nquotes:\n"
    "  - text: the glorp plan will hold\n    concepts: [glorp plan]\n"
    "  - text: Is the zelt ready?\n    concepts: [zelt]\n"
    "  - text: the wobble index rose\n    concepts: [zelt]\n"
)
_BODY = (
    "> [!abstract]\n> Speaker 4 said the glorp plan will hold.\n\n"
    "> [!question]- Is the zelt ready?\n> Not yet.\n>\n"
    "> > [!quote] Speaker 4\n> > In May the wobble index rose.\n\n"
    "- > [!tip]+ A [link](https://example.org) in a *title*\n  > In an item.\n"
    "- > [!todo]-\n\n"
    "> [!warning] Title alone\n"
)


def test_an_article_of_callouts_is_built_quoted_and_summarised(tmp_path: Path) -> None:
    one = build_one_article(tmp_path, "2024-03-01-callouts", _FRONT, _BODY)
    assert "quote-not-found" not in one.built.stderr
    assert [box[:2] for box in _boxes(str(one.body))] == [
        ("note", "Abstract"),
        ("note", "Is the zelt ready?"),
        ("note", "Speaker 4"),
        ("tip", "A link in a title"),
        ("note", "Todo"),
        ("warning", "Title alone"),
    ]
    assert len({m["data-quote"] for m in one.body.select("mark.quote[id]")}) == 3
    title = one.body.select_one("summary.callout-title mark.quote")
    assert title is not None and title.get_text() == "Is the zelt ready?"
    assert one.body.select_one("li summary.callout-title a[href='https://example.org']")
    assert one.body.select_one(".alert-title mark") is None
    assert "[!" not in one.body.get_text()
    site = tmp_path / "site"
    html = (site / "articles" / "2024-03-01-callouts" / "index.html").read_bytes()
    indexed = indexed_strings(BeautifulSoup(html, "lxml"))  # by Pagefind
    assert "[!" not in "".join(indexed) and "ready? Not yet" in " ".join(" ".join(indexed).split())
    description = BeautifulSoup(html, "lxml").select_one("meta[name=description]")
    assert description is not None
    assert description["content"].startswith("Speaker 4 said the glorp plan will hold.")
    concept = BeautifulSoup((site / "concepts" / "zelt" / "index.html").read_bytes(), "lxml")
    cards = concept.select_one("main")
    assert cards is not None and "Is the zelt ready?" in cards.get_text()


def test_an_article_of_callouts_is_valid_html(tmp_path: Path, vnu: Path) -> None:  # noqa: F811
    build_one_article(tmp_path, "2024-03-01-callouts", _FRONT, _BODY)
    page = tmp_path / "site" / "articles" / "2024-03-01-callouts" / "index.html"
    assert [m["message"] for m in vnu_errors(vnu, [str(page)])] == []


@pytest.mark.parametrize(
    "body",
    [
        ">" * 100_000 + " [!note] deep\n",
        "> " * 100_000 + "[!note] deep\n",
        "> [!note]\n" * 50_000,
        "> [!note] " + "glorp " * 170_000 + "\n> text\n",
        "> [!" + "a" * 1_000_000 + "] title\n",
        "- > [!tip]\n" * 30_000,
    ],
    ids=["nested", "spaced", "many", "long-title", "long-type", "in-items"],
)
def test_hostile_callouts_are_read_in_time_linear_in_the_body(body: str) -> None:
    started = time.perf_counter()
    result = render_body(body, [QuoteRequest("q", "glorp glorp")])
    elapsed = time.perf_counter() - started
    half = body[: len(body) // 2]
    started = time.perf_counter()
    render_body(half, [QuoteRequest("q", "glorp glorp")])
    assert elapsed < 4 * (time.perf_counter() - started) + 1.0  # no square of the body
    assert result.html
