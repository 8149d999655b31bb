"""GitHub's emoji shortcodes (``emoji_codes``): shown as the emoji they name, as GitHub draws
them, so that a quote copied from such a page is found and highlighted."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_one_article

from concordance.emoji_codes import shown
from concordance.markdown import QuoteRequest, render_body

_NAMES = {"rocket": "🚀", "tada": "🎉", "+1": "👍", "t-rex": "🦖"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Launch :rocket: now", "Launch 🚀 now"),
        (":rocket::tada:", "🚀🎉"),
        ("(:+1:)", "(👍)"),
        (":t-rex:.", "🦖."),
        # Joined to a word, or not a name: as typed, as markdown-it-emoji reads them.
        ("today:tada: and a:rocket:b", "today:tada: and a:rocket:b"),
        (":glorp: :ROCKET:", ":glorp: :ROCKET:"),
        # A colon that closed no name may open the next one.
        ("at 10: :glorp-:tada: :x::rocket:", "at 10: :glorp-🎉 :x:🚀"),
    ],
)
def test_a_shortcode_that_stands_apart_is_its_emoji(text: str, expected: str) -> None:
    assert shown(text, _NAMES) == expected


def test_many_colons_are_read_in_one_pass() -> None:
    hostile = ":a:" * 200_000 + " :rocket:"
    assert shown(hostile, _NAMES) == ":a:" * 200_000 + " 🚀"


def _text(html: str) -> str:
    return BeautifulSoup(html, "lxml").get_text()


def test_the_body_shows_the_emoji_but_in_code_addresses_and_html() -> None:
    body = (
        "## :memo: Notes\n\n"
        "Ship it :rocket: and :dog:, `:rocket:` stays, https://example.org/:tada:/ too.\n\n"
        '- [See :star: here](https://example.org) <span title=":tada:">x</span>\n\n'
        "```\n:rocket:\n```\n"
    )
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    heading = page.find("h2")
    assert heading is not None and heading.get_text() == "📝 Notes"
    # The heading's id is GitHub's, made of the name, so that links to it keep working.
    assert heading["id"] == "h:memo-notes"
    text = page.get_text()
    assert "Ship it 🚀 and 🐶, :rocket: stays" in text
    assert page.find("code").get_text() == ":rocket:"
    link = page.find("a", href="https://example.org/:tada:/")
    assert link is not None and link.get_text() == "https://example.org/:tada:/"
    assert "See ⭐ here" in text
    assert page.find("pre").get_text() == ":rocket:\n"


@pytest.mark.parametrize("typed", ["We ship it 🚀 today.", "We ship it :rocket: today."])
def test_a_quote_copied_from_the_page_or_the_source_is_found(tmp_path: Path, typed: str) -> None:
    body = "Intro.\n\nWe ship it :rocket: today. Then we rest.\n"
    assert render_body(body, [QuoteRequest("q", typed)]).found == {"q": 2}
    front = f'title: Shortcodes\ndate: 2024-01-05\nquotes:\n  - text: "{typed}"\n'
    one = build_one_article(tmp_path, "2024-01-05-shortcodes", front, body)
    marked = " ".join(m.get_text() for m in one.body.select("mark.quote"))
    assert marked == "We ship it 🚀 today."
    assert ":rocket:" not in one.body.get_text()


ICONS = (
    "## Glorp reports :material-bug:\n\n"
    "Back the zelt plan :octicons-heart-fill-16:{: .heart-throb} today, "
    "[:fontawesome-brands-paypal: Blim](https://example.org/blim){ .md-button}\n"
    "or [:octicons-file-code-24:](https://example.org/src), not a:material-bug: "
    "nor `:simple-python:`.\n\n"
    "Read [the reports](#glorp-reports).\n"
)
"""Material for MkDocs' icons, as its pages write them: after a heading's text, with its
attributes in braces, in a button's text, alone in a link, joined to a word and in code."""


@pytest.mark.parametrize(
    ("typed", "marked"),
    [
        ("Back the zelt plan today, Blim or", "Back the zelt plan today, Blim or"),  # the page
        (  # the source
            "Back the zelt plan :octicons-heart-fill-16:{: .heart-throb} today",
            "Back the zelt plan today",
        ),
    ],
)
def test_material_icons_are_no_text(tmp_path: Path, typed: str, marked: str) -> None:
    front = f'title: Icons\ndate: 2024-01-05\nquotes:\n  - text: "{typed}"\n'
    one = build_one_article(tmp_path, "2024-01-05-icons", front, ICONS)
    heading = one.body.find("h2")
    assert heading is not None and heading.get_text().strip() == "Glorp reports"
    # The id Material's MkDocs gives it, which its pages link to: no name of the icon.
    assert heading["id"] == "h:glorp-reports"
    assert one.body.find("a", string="the reports")["href"] == "#h:glorp-reports"
    paragraph = one.body.find("p")
    assert paragraph is not None
    assert " ".join(paragraph.get_text().split()) == (
        "Back the zelt plan today, Blim or :octicons-file-code-24:,"  # a link keeps a name
        " not a:material-bug: nor :simple-python:."
    )
    marks = "".join(m.get_text() for m in one.body.select("mark.quote"))
    assert " ".join(marks.split()) == marked
