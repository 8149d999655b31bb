"""Text written from right to left: a site in Arabic or Hebrew reads from the right, and in
any site each block of an article, each quote and each title takes the direction of its own
first letter (the ``directions`` fixture mixes English, Arabic and Hebrew). The browser's
reading of it is checked in ``test_browser``."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import copy_content, run_cli
from sitecheck import soup

from concordance.language_tags import direction
from concordance.markdown import render_body

ARTICLE = "articles/2024-05-05-three-scripts/index.html"
CONCEPT = "concepts/glorp-plan/index.html"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "ltr"),
        ("ar", "rtl"),
        ("ar-EG", "rtl"),
        ("he-IL", "rtl"),
        ("iw", "rtl"),
        ("fa", "rtl"),
        ("ur-PK", "rtl"),
        ("arz", "rtl"),
        ("nqo", "rtl"),
        ("sdh-IQ", "rtl"),
        ("pa-Arab", "rtl"),
        ("ku-Arab", "rtl"),
        ("ku", "ltr"),
        ("az-Latn", "ltr"),
        ("uz-Arab-AF", "rtl"),
        ("sd-Deva", "ltr"),
        ("zh-Hans", "ltr"),
        ("en-x-arab", "ltr"),
    ],
)
def test_a_language_tag_gives_its_direction(tag: str, expected: str) -> None:
    assert direction(tag) == expected


def build(tmp_path: Path, language: str, search: bool = False) -> Path:
    content = copy_content("directions", tmp_path)
    config = content / "site.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("language: en", f"language: {language}"),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    more = () if search else ("--no-search",)
    result = run_cli("build", "--content", str(content), "--out", str(out), *more)
    assert result.code == 0, result.stderr
    return out


@pytest.mark.parametrize(("language", "expected"), [("en", "ltr"), ("ar", "rtl"), ("he", "rtl")])
def test_every_page_has_the_direction_of_the_site_language(
    tmp_path: Path, language: str, expected: str
) -> None:
    out = build(tmp_path, language)
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        html = soup(page).html
        assert isinstance(html, Tag)
        assert (html.get("lang"), html.get("dir")) == (language, expected), page


def test_each_block_title_and_quote_takes_its_own_direction(tmp_path: Path) -> None:
    """A block is given the direction of its first letter; a title and a quote on a card
    are left to the browser (``dir="auto"``), as they hold no blocks."""
    out = build(tmp_path, "en")
    article = soup(out / ARTICLE)
    body = article.select_one("div.body")
    assert isinstance(body, Tag)
    blocks = [(block.name, block.get("dir")) for block in body.find_all(["p", "ul", "li"])]
    assert blocks == [
        ("p", "ltr"),
        ("p", "rtl"),
        ("p", "rtl"),
        ("ul", "rtl"),
        ("li", "rtl"),
        ("li", "rtl"),
    ]
    title = article.find("h1")
    assert isinstance(title, Tag) and title.get("dir") == "auto"
    quotes = soup(out / CONCEPT).select("article.statement blockquote")
    assert len(quotes) == 3
    assert all(quote.get("dir") == "auto" for quote in quotes)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("![مخطط النمو](https://e.org/c.png)\n", "rtl"),
        ("![](https://e.org/c.png 'גרף') and more.\n", "rtl"),
        ("![the chart]() مخطط\n", "ltr"),
        ("![مخطط النمو](img/c.png) The chart.\n", "ltr"),  # shown as an image: no text
    ],
)
def test_a_block_takes_the_direction_of_an_image_shown_as_its_text(
    body: str, expected: str
) -> None:
    """An image of another site, or of no address, is shown as its text (or title), which
    reads from the right when it is Arabic or Hebrew, as the same words written as text do."""
    html = BeautifulSoup(render_body(body, [], "content/articles").html, "lxml")
    paragraph = html.find("p")
    assert isinstance(paragraph, Tag) and paragraph.get("dir") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Glorp plan.\n", "ltr"),
        ("12, 13: glorp.\n", "ltr"),  # digits and punctuation decide nothing
        ("12 — خطة\n", "rtl"),
        ("«Élan» خطة\n", "ltr"),  # a Latin letter past ASCII, asked of ``unicodedata``
    ],
)
def test_a_block_takes_the_direction_of_its_first_strong_letter(body: str, expected: str) -> None:
    """An ASCII letter is known to read from the left without asking ``unicodedata``; the
    characters before it that decide nothing are passed over, as before."""
    html = BeautifulSoup(render_body(body, [], "content/articles").html, "lxml")
    paragraph = html.find("p")
    assert isinstance(paragraph, Tag) and paragraph.get("dir") == expected
