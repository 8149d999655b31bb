"""The real content/ built end to end: every tagged quote is on its concept's page and
links to its highlighted place in the article."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Comment
from conftest import REPO, run_cli
from sitecheck import soup

from concordance.textnorm import fold, fold_name
from concordance.urls import slugify

CONTENT = REPO / "content"


def front_matter(path: Path) -> dict:  # type: ignore[type-arg]
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))


def concept_slugs() -> dict[str, str]:
    """Every name (title or alias) of every defined concept -> the concept's slug."""
    names = {}
    for file in (CONTENT / "concepts").glob("*.md"):
        meta = front_matter(file)
        for name in [meta["title"], *meta.get("aliases", [])]:
            names[fold_name(name)] = slugify(meta["title"])
    return names


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("real") / "site"
    result = run_cli("build", "--content", str(CONTENT), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    return out


def tagged_quotes() -> list[tuple[str, str, list[str]]]:
    """(article slug, quote text, concept names) for every quote in the content."""
    quotes = []
    for file in sorted((CONTENT / "articles").glob("*.md")):
        for quote in front_matter(file).get("quotes", []):
            quotes.append((file.stem, quote["text"], quote.get("concepts", [])))
    return quotes


def test_sample_content_is_substantial() -> None:
    quotes = tagged_quotes()
    assert len(quotes) >= 15
    assert len({fold_name(c) for _, _, names in quotes for c in names}) >= 10


def test_check_passes_strictly_on_sample_content() -> None:
    result = run_cli("check", "--content", str(CONTENT), "--strict")
    assert result.code == 0, result.stderr


def cards_on(page: Path) -> dict[str, BeautifulSoup]:
    cards = {}
    for card in soup(page).select("article.statement"):
        cards[fold(card.blockquote.get_text(" ", strip=True))] = card
    return cards


@pytest.mark.parametrize(
    ("article", "text", "names"),
    tagged_quotes(),
    ids=[f"{a}:{t[:30]}" for a, t, _ in tagged_quotes()],
)
def test_quote_is_on_each_concept_page_and_links_to_its_highlight(
    site: Path, article: str, text: str, names: list[str]
) -> None:
    slugs = concept_slugs()
    for name in names:
        slug = slugs.get(fold_name(name), slugify(name))
        page = site / "concepts" / slug / "index.html"
        card = cards_on(page).get(fold(text))
        assert card is not None, f"{text!r} missing on {slug}"
        link = next(
            a["href"]
            for a in card.select("a")
            if "#" in a["href"] and "/articles/" in urljoin(f"/concepts/{slug}/", a["href"])
        )
        url = urlsplit(urljoin(f"/concepts/{slug}/", link))
        assert unquote(url.path) == f"/articles/{article}/"
        target_page = soup(site / "articles" / article / "index.html")
        anchor = target_page.find(id=url.fragment)
        assert anchor is not None and anchor.name == "mark"
        segments = target_page.select(f'mark[data-quote="{url.fragment}"]')
        assert fold("".join(m.get_text() for m in segments)) == fold(text)


def test_new_productive_forces_page_lists_every_statement(site: Path) -> None:
    slugs = concept_slugs()
    expected = {
        fold(t)
        for _, t, names in tagged_quotes()
        if any(slugs.get(fold_name(n)) == "new-productive-forces" for n in names)
    }
    page = site / "concepts" / "new-productive-forces" / "index.html"
    assert set(cards_on(page)) == expected
    dates = [card.select_one("time")["datetime"] for card in soup(page).select("article.statement")]
    assert dates == sorted(dates)
    heading = soup(page).h1.get_text(strip=True)
    assert heading == "new productive forces"
    aliases = soup(page).select_one(".aliases").get_text()
    assert "新质生产力" in aliases and "new quality productive forces" in aliases


def test_concepts_index_counts_statements(site: Path) -> None:
    slugs = concept_slugs()
    counts: dict[str, int] = {}
    for _, _, names in tagged_quotes():
        for slug in {slugs.get(fold_name(n), slugify(n)) for n in names}:
            counts[slug] = counts.get(slug, 0) + 1
    index = soup(site / "concepts" / "index.html")
    for item in index.select("ul.concept-list li"):
        slug = unquote(item.a["href"]).strip("/").split("/")[-1]
        count = int(re.match(r"\d+", item.select_one(".count").get_text()).group())
        assert count == counts.get(slug, 0), slug


def indexed_strings(page: BeautifulSoup) -> list[str]:
    """The text Pagefind indexes, node by node: the ``data-pagefind-body`` element without
    its ``data-pagefind-ignore`` parts (Pagefind joins the nodes as they stand)."""
    body = page.select_one("[data-pagefind-body]")
    assert body is not None
    for ignored in body.select("[data-pagefind-ignore], script, style"):
        ignored.decompose()
    return [str(text) for text in body.find_all(string=True) if not isinstance(text, Comment)]


def test_indexed_text_keeps_words_apart(site: Path) -> None:
    """Labels and values, list items and cards are words apart in the search index and its
    excerpts: "Published 1 February 2024 Xi Jinping", not "Published1 February 2024SpeakerXi"."""
    pages = [p for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text("utf-8")]
    assert len(pages) > 10
    for file in pages:
        strings = indexed_strings(soup(file))
        joined, apart = re.findall(r"\w+", "".join(strings)), re.findall(r"\w+", " ".join(strings))
        assert joined == apart, (file, sorted(set(joined) - set(apart))[:5])


def test_article_page_shows_its_facts(site: Path) -> None:
    page = soup(site / "articles" / "2024-02-01-new-productive-forces" / "index.html")
    facts = {
        dt.get_text(): dd.get_text(" ", strip=True)
        for dt, dd in zip(page.select(".facts dt"), page.select(".facts dd"), strict=True)
    }
    assert facts["Source"] == "Xinhua" and facts["Place"] == "Beijing"
    assert facts["Speaker"] == "Xi Jinping"
    assert "31 January 2024" in facts["Said on"] and "1 February 2024" in facts["Published"]
    body_text = page.select_one(".body").get_text()
    assert "Copyright" not in body_text and "Registration Number" not in body_text
