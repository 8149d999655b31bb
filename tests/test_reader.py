"""What a reader gets, read from the built HTML: excerpt mode, the timeline chart, citable
statement cards, the concept filter's data and the search index (without a browser)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import copy_content, run_cli
from sitecheck import soup

from concordance.textnorm import fold

ARTICLE = "2021-03-04-lorem-report"


def build(content: Path, out: Path, *extra: str) -> None:
    result = run_cli("build", "--content", str(content), "--out", str(out), *extra)
    assert result.code == 0, result.stderr


def set_field(file: Path, line: str) -> None:
    """Add a top-level line to a YAML file or to an article's front matter."""
    text = file.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        file.write_text("---\n" + line + "\n" + text[4:], encoding="utf-8")
    else:
        file.write_text(text.rstrip("\n") + "\n" + line + "\n", encoding="utf-8")


def article_page(out: Path, slug: str = ARTICLE) -> object:
    return soup(out / "articles" / slug / "index.html")


def test_excerpt_mode_publishes_only_quoted_sentences(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    set_field(content / "articles" / f"{ARTICLE}.md", "publish: excerpts")
    out = tmp_path / "site"
    build(content, out, "--no-search")
    page = article_page(out)
    body = page.select_one(".body")
    text = body.get_text(" ", strip=True)
    assert "Opening paragraph with no quotes at all" not in text
    excerpts = body.select("figure.excerpt blockquote")
    assert len(excerpts) == 4
    first = excerpts[0].get_text(" ", strip=True)
    # The quote with the rest of its sentence, and nothing of the sentences around it.
    assert fold(first).startswith("Speaker 7 said that Vorlan growth is the keystone")
    assert fold(first).endswith("and repeated it.")
    for quote_id in [m["id"] for m in body.select("mark[id]")]:
        assert body.select(f'mark[data-quote="{quote_id}"]')
    notice = page.select_one(".notice")
    assert notice is not None and "not republished in full" in notice.get_text()
    # Statement cards still link to the highlighted passage in the excerpt.
    concept = soup(out / "concepts" / "tesik-plan" / "index.html")
    for card in concept.select("article.statement"):
        href = card.select_one("a.passage")["href"]
        path, _, fragment = href.partition("#")
        if ARTICLE in path:
            assert body.find(id=fragment) is not None
    # The other article is published in full.
    other = article_page(out, "2022-07-09-second").select_one(".body")
    assert not other.select("figure.excerpt blockquote")
    assert "Everyone agreed that" in other.get_text()


def test_excerpts_as_the_site_default(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    set_field(content / "site.yaml", "publish: excerpts")
    out = tmp_path / "site"
    build(content, out, "--no-search")
    for slug in (ARTICLE, "2022-07-09-second"):
        body = article_page(out, slug).select_one(".body")
        assert body.select("figure.excerpt blockquote"), slug
    assert "Everyone agreed that" in article_page(out, "2022-07-09-second").get_text()
    assert "Opening paragraph" not in article_page(out).get_text()


def test_invalid_publish_mode_is_a_located_error(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    set_field(content / "articles" / f"{ARTICLE}.md", "publish: summary")
    result = run_cli("check", "--content", str(content))
    assert result.code == 1
    assert re.search(
        rf"articles/{ARTICLE}\.md:2:10: error: 'publish' must be one of full, "
        r"excerpts, not 'summary' \[publish-invalid\]",
        result.stderr,
    ), result.stderr


@pytest.fixture(scope="module")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reader")
    out = root / "site"
    build(copy_content("basic", root), out, "--base-url", "https://example.org/sub/")
    return out


def test_timeline_is_an_svg_with_a_text_equivalent(basic_site: Path) -> None:
    page = soup(basic_site / "concepts" / "vorlan-growth" / "index.html")
    svg = page.select_one("figure.timeline svg")
    assert svg["role"] == "img"
    title = page.find(id=svg["aria-labelledby"])
    assert title is not None and "from March 2021 to July 2022" in title.get_text()
    bars = svg.select("rect.bar")
    rows = page.select(".timeline-table tbody tr")
    assert len(bars) == len(rows) == 2
    assert [r.get_text(" ", strip=True) for r in rows] == ["March 2021 1", "July 2022 1"]
    # 17 months from March 2021 to July 2022: the second bar sits 16 slots to the right.
    x = [float(b["x"]) for b in bars]
    step = (x[1] - x[0]) / 16
    assert step > 0 and all(float(b["height"]) > 0 for b in bars)


def _span_site(tmp_path: Path, first: str, last: str) -> object:
    """The basic site with two articles more, said on ``first`` and ``last``, whose quotes
    alone support a new concept; returns that concept's page."""
    content = copy_content("basic", tmp_path / "content")
    for day in (first, last):
        (content / "articles" / f"{day}-far.md").write_text(
            f"---\ntitle: Far {day}\ndate: {day}\nspeaker: Speaker 7\nquotes:\n"
            "  - text: the zorvex span holds\n    concepts: [zorvex span]\n"
            "---\nWe know the zorvex span holds.\n",
            encoding="utf-8",
        )
    out = tmp_path / "site"
    build(content, out)
    return soup(out / "concepts" / "zorvex-span" / "index.html")


def test_a_century_of_statements_is_charted_month_by_month(tmp_path: Path) -> None:
    page = _span_site(tmp_path, "1901-01-15", "2000-12-01")
    bars = page.select("figure.timeline svg rect.bar")
    assert [b.title.get_text() for b in bars] == ["January 1901: 1", "December 2000: 1"]
    step = float(bars[0]["width"]) + 2
    assert float(bars[1]["x"]) - float(bars[0]["x"]) == 1199 * step  # 1,200 monthly slots
    assert page.find(id="timeline") is not None


def test_statements_centuries_apart_get_no_chart(tmp_path: Path) -> None:
    """A mistyped or hostile year must not draw a slot for every month between: the page
    keeps its statements and leaves the chart out."""
    page = _span_site(tmp_path, "0001-01-01", "9999-12-31")
    assert page.select_one("figure.timeline") is None and page.find(id="timeline") is None
    assert len(page.select("article.statement")) == 2
    assert len(str(page)) < 50_000


def test_statement_cards_are_citable(basic_site: Path) -> None:
    page = soup(basic_site / "concepts" / "tesik-plan" / "index.html")
    cards = page.select("article.statement")
    assert cards
    for card in cards:
        assert card.select_one("a.permalink")["href"] == "#" + card["id"]
        citation = card.select_one("button.copy-cite")["data-citation"]
        quote = card.blockquote.get_text(strip=True)
        assert quote in citation
        url = citation.rsplit(" ", 1)[-1]
        parts = urlsplit(url)
        assert parts.scheme == "https" and parts.netloc == "example.org"
        assert unquote(parts.path).startswith("/sub/articles/")
        article = unquote(parts.path).removeprefix("/sub/")
        target = soup(basic_site / article / "index.html")
        assert target.find(id=parts.fragment).name == "mark"
        assert card.select_one(".meta time")["datetime"] in citation or "20" in citation


def test_concept_index_rows_carry_their_names_for_the_filter(basic_site: Path) -> None:
    page = soup(basic_site / "concepts" / "index.html")
    rows = {li.a.get_text(strip=True): li["data-names"] for li in page.select("li[data-names]")}
    assert rows
    assert all(title.casefold() in names for title, names in rows.items())
    filter_input = page.select_one("#concept-filter")
    assert page.select_one('label[for="concept-filter"]') is not None
    assert filter_input.find_parent(class_="filter").has_attr("hidden")  # shown by script only


def test_search_index_is_built_with_filters(basic_site: Path) -> None:
    assert (basic_site / "pagefind" / "pagefind.js").is_file()
    assert list((basic_site / "pagefind" / "filter").iterdir())
    concept = soup(basic_site / "concepts" / "vorlan-growth" / "index.html")
    assert concept.select_one("main[data-pagefind-body]") is not None
    assert concept.select_one('h1[data-pagefind-filter="concept"]').get_text() == "vorlan growth"
    article = article_page(basic_site)
    filters = {el["data-pagefind-filter"] for el in article.select("[data-pagefind-filter]")}
    assert {"concept", "speaker", "year:2021"} <= filters
    for index_page in ("concepts", "articles", "speakers"):
        assert soup(basic_site / index_page / "index.html").select("[data-pagefind-body]") == []


def test_search_index_is_deterministic_and_skippable(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    first, second, none = tmp_path / "one", tmp_path / "two", tmp_path / "none"
    build(content, first)
    build(content, second)
    files = sorted(p.relative_to(first) for p in (first / "pagefind").rglob("*") if p.is_file())
    assert files
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    build(content, none, "--no-search")
    assert not (none / "pagefind").exists()


def test_a_statement_card_is_the_same_on_every_page_but_its_search_filters(
    basic_site: Path,
) -> None:
    """Cards are rendered once per page depth and reused (concordance/cards.py): a card on
    a speaker page must not carry the concept page's search filters, and links in both
    must lead to the same passage."""
    speakers = sorted((basic_site / "speakers").glob("*/index.html"))
    concept_cards = {
        card["id"]: card
        for page in sorted((basic_site / "concepts").glob("*/index.html"))
        for card in soup(page).select("article.statement")
    }
    shared = 0
    for page in speakers:
        for card in soup(page).select("article.statement"):
            other = concept_cards.get(card["id"])
            if other is None:
                continue
            shared += 1
            assert card.select("[data-pagefind-filter]") == []
            assert other.select_one('a.speaker[data-pagefind-filter="speaker"]') is not None
            assert card.select_one("a.passage")["href"] == other.select_one("a.passage")["href"]
    assert shared > 0
