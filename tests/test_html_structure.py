"""The structure of the built pages of a body that uses every kind of Markdown (the
``markup-heavy`` fixture): what the Nu HTML Checker found wrong there, asserted with an HTML
parser so that it is checked without Java (``test_html_valid`` runs the checker itself)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import copy_content, run_cli
from lxml import etree
from sitecheck import soup

ARTICLE = "articles/2023-01-01-markup-everywhere/index.html"
CONCEPT = "concepts/glorp-plan-tea/index.html"
ATOM = "{http://www.w3.org/2005/Atom}"
PHRASING_PARENTS = frozenset({"p", "li", "td", "th", "h2", "h3", "h4", "h5", "h6"})
"""Where a highlight's run of inline content may start (a ``mark`` is phrasing content)."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("markup-heavy")
    out = tmp / "site"
    content = copy_content("markup-heavy", tmp)
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    return out


def body(page: BeautifulSoup) -> BeautifulSoup:
    found = page.select_one("div.body, section.explanation")
    assert found is not None
    return found


@pytest.mark.parametrize("path", [ARTICLE, CONCEPT])
def test_a_page_with_headings_in_its_body_has_one_h1(site: Path, path: str) -> None:
    """Its title: a body's ``#`` heading was a second ``h1``."""
    page = soup(site / path)
    assert [h.get_text() for h in page.find_all("h1")] == [page.title.get_text().split(" · ")[0]]
    assert body(page).find("h1") is None


def test_every_page_has_one_h1(site: Path) -> None:
    several = {
        str(p.relative_to(site)): len(soup(p).find_all("h1")) for p in sorted(site.rglob("*.html"))
    }
    assert {path: n for path, n in several.items() if n != 1} == {}


def test_body_headings_keep_their_order_below_the_title(site: Path) -> None:
    headings = [(h.name, h.get_text()) for h in body(soup(site / ARTICLE)).find_all(["h2", "h3"])]
    assert headings == [
        ("h2", "A title heading with words zelt tea"),
        ("h2", "Setext heading"),
        ("h2", "A section"),
    ]


def test_a_task_list_shows_its_boxes_as_characters(site: Path) -> None:
    page = soup(site / ARTICLE)
    items = [li.get_text() for li in body(page).find_all("li")]
    assert [i for i in items if "task" in i] == ["☐ a task to do", "☑ a task done"]
    assert page.find("input") is None  # no form field without a name


def test_links_that_are_no_urls_are_shown_as_text(site: Path) -> None:
    """Each made an invalid ``href`` or ``src`` ("Port number must be less than 65536",
    "URL includes credentials", "Illegal character in domain", "Illegal character in
    fragment")."""
    text = body(soup(site / ARTICLE))
    paragraph = next(p for p in text.find_all("p") if "Links that are no URLs" in p.get_text())
    assert [a["href"] for a in paragraph.select("img, a:not(.chip)")] == [
        "https://matrix.to/#/%23glorp:example.org"  # a second "#" is written "%23"
    ]
    shown = " ".join(paragraph.get_text().split())
    for written in [
        "[a port too high](https://example.org:99999/x)",
        "[a host with a caret](https://exa^mple.org/)",
        "![an image](https://u:p@example.org/i.png)",
        "<https://a..b/>",
    ]:
        assert written in shown
    assert [a["href"] for a in text.select("a[href]:not(.chip)")] == [
        "https://example.org/plan",
        "https://example.org",
        "https://example.org/n",
        "https://matrix.to/#/%23glorp:example.org",
        "#h:pandoc-span",  # Pandoc's span with an id, and the image of another site
        "https://example.org/c.png",
    ]


def test_highlights_are_inline_within_their_blocks(site: Path) -> None:
    """A quote across paragraphs, list items, cells and headings is one ``mark`` per run of
    text: no ``mark`` holds a block, and each sits in a block that may hold phrasing content."""
    for mark in body(soup(site / ARTICLE)).select("mark.quote"):
        assert mark.find(["p", "div", "li", "ul", "ol", "table", "blockquote", "h2"]) is None
        block = next(p for p in mark.parents if p.name not in {"mark", "em", "strong", "a", "code"})
        assert block.name in PHRASING_PARENTS, (block.name, mark.get_text())


def test_feeds_and_sitemap_are_well_formed(site: Path) -> None:
    feeds = sorted(site.rglob("feed.xml"))
    assert len(feeds) == 5
    for feed in feeds:
        root = etree.parse(str(feed)).getroot()
        assert root.tag == ATOM + "feed"
        has_author = root.find(ATOM + "author") is not None
        for element in [root, *root.findall(ATOM + "entry")]:
            for required in ("id", "title", "updated"):
                assert len(element.findall(ATOM + required)) == 1, (feed, required)
            assert has_author or element.find(ATOM + "author") is not None
    sitemap = etree.parse(str(site / "sitemap.xml")).getroot()
    assert sitemap.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"


def test_a_github_alert_is_a_titled_note_whose_text_is_quoted(site: Path) -> None:
    """``> [!WARNING]`` and its lines: a box titled "Warning", the marker gone, and the quote
    inside highlighted and linked from the concept's page."""
    page = soup(site / ARTICLE)
    alert = body(page).select_one("div.alert")
    assert alert is not None and alert["class"] == ["alert", "alert-warning"]
    assert alert["role"] == "note"
    assert alert.find("p").get_text() == "Warning"
    assert "[!" not in body(page).get_text()
    marks = alert.select("mark.quote")
    assert "".join(m.get_text() for m in marks) == "the warning holds the glorp plan"
    concept = soup(site / "concepts/zelt-tea/index.html")
    assert any(a["href"].endswith(f"#{marks[0]['id']}") for a in concept.select("a[href]")), (
        "the concept page links the quote in the alert"
    )


def test_pandocs_tables_definitions_and_raw_html_are_elements(site: Path) -> None:
    """Checked by the Nu HTML Checker too (``test_html_valid``), as every part of this page."""
    page = body(soup(site / ARTICLE))
    cells = (t.select("th, td") for t in page.select("table"))
    tables = [[" ".join(c.get_text(" ").split()) for c in row] for row in cells]
    assert ["Glorp", "Zelt", "one", "a simple cell", "two", "另一个 cell"] in tables
    assert ["Term", "Meaning", "glorp", "A word of two lines.", "zelt", "A word."] in tables
    assert ["Raw head", "raw cell"] in tables
    assert page.select_one("dl dt").get_text() == "Glorp"
    assert page.select_one("span#h\\:pandoc-span, a#h\\:pandoc-span") is not None
    assert "{" not in page.get_text().replace("{ ", "")


def test_other_tools_callouts_are_titled_notes_whose_text_is_quoted(site: Path) -> None:
    """A Docusaurus ``:::tip[Title]`` and an MkDocs ``!!! danger``: boxes as an alert's, with
    their titles: the author's text of the body, its markup read as the body's is, a kind's
    name the site's; Pandoc's ``::: {.columns}`` no box; a fence that closes nothing shown as
    typed."""
    page = soup(site / ARTICLE)
    boxes = body(page).select("div.alert")
    titled = {
        (title["class"][0], title.get_text()): box["class"]
        for box in boxes
        if (title := box.select_one("p.alert-title, p.callout-title")) is not None
    }
    assert titled == {
        ("alert-title", "Warning"): ["alert", "alert-warning"],
        ("callout-title", 'A tip & "more"'): ["alert", "alert-tip"],
        ("alert-title", "Danger"): ["alert", "alert-caution"],
    }
    assert boxes[1].select_one("p.callout-title strong").get_text() == "tip"
    concept = soup(site / "concepts/zelt-tea/index.html")
    linked = {str(a["href"]).rsplit("#", 1)[1] for a in concept.select("a[href*='#q-']")}
    words = ["the tip fenced with colons", "an admonition of MkDocs holds the glorp plan"]
    for box, quoted in zip(boxes[1:], words, strict=True):
        marks = box.select("mark.quote")
        assert "".join(m.get_text() for m in marks) == quoted
        assert marks[0]["id"] in linked
    columns = next(p for p in body(page).find_all("p") if "Columns of Pandoc" in p.get_text())
    assert columns.parent is body(page) and columns.select("mark.quote")
    assert ":::" not in body(page).get_text().replace("::: this fence closes nothing", "")
    assert "::: this fence closes nothing" in body(page).get_text()
