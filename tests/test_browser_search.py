"""The search page's excerpts in a real browser: a page's text shown as written, whatever
characters it holds, and read in the direction of its script."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import run_cli
from playwright.sync_api import Browser, Locator, Page
from test_browser import browser, new_page, served  # noqa: F401 (browser is a fixture)

HAN = "泽尔特茶的供应也很稳定明年还会继续扩大试点范围并邀请更多城市参加这个合成的测试项目"
CUT_BLOCK = (HAN * 2)[:78] + "<b>" + HAN
"""A block of unspaced text longer than an excerpt shows of one word (``LONG_WORD``, 80), a
``<`` at the 79th letter: escaped, the cut fell inside its ``&lt;``."""

ARTICLES = {
    "2024-03-01-cut": f"A quokka said {CUT_BLOCK}\n\n"
    "The entity &amp;copy; and &amp;lt;i&amp;gt; are text.",
    "2024-03-02-arabic": "قال المتحدث إن Glorp Plan هي خطة جيدة جدا، وإن Zelt Tea سيصل قريبا.",
    "2024-03-03-hebrew": "נאמר כי Glorp Plan היא תוכנית טובה מאוד, ו-Zelt Tea יגיע בקרוב לערים.",
    "2024-03-04-wrapped": "Speaker 8 said the plan\nışık works\nکتاب خوب",
    "2024-03-05-stroked": "Speaker 9 met the Ørsted team in Łódź.",
    "2024-03-06-slowly": "发言人说计划进展缓慢。",
    "2024-03-07-smoothly": "发言人说计划进展顺利。",
    "2024-03-08-onto": "日本のＧＤＰは２０２４年に伸びた。日本はAI技術を使う。The ﬁnance team met.",
    "2024-03-09-override": "Speaker \u202e7 said it.\n\nThe wombat plan works well.",
    "2024-03-10-symbols": "It costs $777, says the <tagword> element.",
    "2024-03-11-spelled": "Die Großstraße 7 and the œuvre of Speaker 7. Weißbier格洛普计划",
}


def _site(tmp_path: Path, language: str) -> Path:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True, exist_ok=True)
    (content / "site.yaml").write_text(f"title: Excerpts\nlanguage: {language}\n")
    for stem, body in ARTICLES.items():
        front = f"---\ntitle: Excerpt {stem[-6:]}\ndate: {stem[:10]}\nquotes: []\n---\n"
        (content / "articles" / f"{stem}.md").write_text(front + body + "\n", encoding="utf-8")
    out = tmp_path / "site"
    built = run_cli("build", "--content", str(content), "--out", str(out))
    assert built.code == 0, built.stderr
    return out


def _excerpt(page: Page, url: str, query: str) -> Locator:
    """The excerpt of the one result the search page lists for ``query``."""
    page.goto(url + "search/?q=" + query)
    page.wait_for_function("() => document.querySelector('.search-status').textContent !== ''")
    assert page.locator(".search-results li").count() == 1
    return page.locator(".search-results li > p:last-child")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_an_excerpt_shows_a_pages_text_as_written(
    browser: Browser,  # noqa: F811
    tmp_path: Path,
    language: str,
) -> None:
    """Pagefind's text of a page escapes ``<`` and ``>`` and nothing else, and the excerpt
    was written as HTML: a long word cut inside an escaped ``<`` showed ``&l``, and the
    page's own ``&copy;`` showed ``©``. A Chinese site's text is parted by zero-width
    spaces (another path)."""
    with served(_site(tmp_path, language)) as url:
        page, console = new_page(browser)
        excerpt = _excerpt(page, url, "quokka")
        text = excerpt.text_content() or ""
        assert CUT_BLOCK[:80] + "…" in text
        assert "The entity &copy; and &lt;i&gt; are text." in text
        assert excerpt.locator("mark").all_text_contents() == ["quokka"]
        assert excerpt.locator("b, i").count() == 0
        assert console.errors == []


def test_a_long_word_matched_from_its_start_is_cut_too(
    browser: Browser,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A block of unspaced text found by its beginning (a word Pagefind matched whole) was
    shown whole, a paragraph of hundreds of letters highlighted in one excerpt."""
    with served(_site(tmp_path, "en")) as url:
        page, console = new_page(browser)
        excerpt = _excerpt(page, url, HAN[:4])
        assert excerpt.locator("mark").all_text_contents() == [CUT_BLOCK[:80]]
        assert CUT_BLOCK[:80] + "…" in (excerpt.text_content() or "")
        assert console.errors == []


_LEFT_OF = """(p, [first, second]) => {
  const box = (word) => {
    const node = [...p.querySelectorAll('*'), p].flatMap((e) => [...e.childNodes])
      .find((n) => n.nodeType === 3 && n.data.includes(word));
    const range = document.createRange();
    const at = node.data.indexOf(word);
    range.setStart(node, at);
    range.setEnd(node, at + word.length);
    return range.getBoundingClientRect();
  };
  return box(first).right <= box(second).left;
}"""


@pytest.mark.parametrize(
    ("query", "before", "after"),
    [("خطة", "قال", "Glorp"), ("תוכנית", "נאמר", "Glorp")],
)
def test_an_excerpt_from_the_right_reads_from_the_right(
    browser: Browser,  # noqa: F811
    tmp_path: Path,
    query: str,
    before: str,
    after: str,
) -> None:
    """An Arabic or a Hebrew sentence holding a Latin name, on an English site: the excerpt
    took the page's direction, so its parts were laid out from the left and the sentence
    read from its end (its first word left of the name). Titles read in their own
    direction too."""
    with served(_site(tmp_path, "en")) as url:
        page, console = new_page(browser, viewport={"width": 1280, "height": 800})
        excerpt = _excerpt(page, url, query)
        assert excerpt.evaluate("p => getComputedStyle(p).direction") == "rtl"
        # "before" comes first in the sentence: from the right, it is right of the name.
        assert excerpt.evaluate(_LEFT_OF, [after, before])
        assert excerpt.locator("mark").all_text_contents() == [query]
        excerpt = _excerpt(page, url, "entity")
        assert excerpt.evaluate("p => getComputedStyle(p).direction") == "ltr"
        assert console.errors == []


@pytest.mark.parametrize("query", ["isik", "IŞIK", "كتاب"])
def test_a_word_starting_a_line_is_found_folded(
    browser: Browser,  # noqa: F811
    tmp_path: Path,
    query: str,
) -> None:
    """A Turkish or Persian word starting a line of a wrapped paragraph, searched for as a
    keyboard without its letters types it: it was indexed joined to the line before."""
    with served(_site(tmp_path, "en")) as url:
        page, console = new_page(browser)
        excerpt = _excerpt(page, url, query)
        assert excerpt.locator("mark").count() >= 1
        assert console.errors == []


@pytest.mark.parametrize(("query", "marked"), [("lodz", "Łódź."), ("Orsted", "Ørsted")])
def test_a_latin_letter_with_a_stroke_is_found_typed_without_it(
    browser: Browser,  # noqa: F811
    tmp_path: Path,
    query: str,
    marked: str,
) -> None:
    with served(_site(tmp_path, "en")) as url:
        page, console = new_page(browser)
        excerpt = _excerpt(page, url, query)
        assert excerpt.locator("mark").all_text_contents() == [marked]
        assert console.errors == []


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("进展顺利", ["2024-03-07-smoothly"]),
        ("进展缓慢", ["2024-03-06-slowly"]),
        ("Excerpt slowly 进展缓慢", ["2024-03-06-slowly"]),
        ("进展", ["2024-03-06-slowly", "2024-03-07-smoothly"]),
        ("进展不顺", []),
    ],
)
def test_unspaced_text_is_found_whole_not_by_its_beginning(
    browser: Browser,  # noqa: F811
    tmp_path: Path,
    query: str,
    found: list[str],
) -> None:
    """For a term no word starts with, Pagefind finds its longest beginning that some word
    starts with: 进展顺利 ("goes smoothly") found the page saying 进展缓慢 ("goes slowly"),
    its one word 进展 highlighted."""
    with served(_site(tmp_path, "en")) as url:
        page, console = new_page(browser)
        page.goto(url + "search/?q=" + query)
        page.wait_for_function("() => document.querySelector('.search-status').textContent")
        hrefs = page.locator(".search-results h2 a").evaluate_all(
            "as => as.map(a => a.getAttribute('href'))"
        )
        assert sorted(hrefs) == [f"/articles/{stem}/" for stem in found]
        marks = page.locator(".search-results mark").all_text_contents()
        assert all(mark.rstrip(".") in query for mark in marks) and len(marks) >= len(found)
        assert console.errors == []


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("GDP", "ＧＤＰ"),  # full-width, in Japanese text
        ("ｇｄｐ", "ＧＤＰ"),  # typed full-width
        ("AI", "AI"),  # written onto Japanese text
        ("AI技術", "AI技術"),
        ("finance", "ﬁnance"),  # a ligature, as a PDF writes it
    ],
)
def test_latin_written_onto_unspaced_text_or_in_its_forms_is_found(
    browser: Browser,  # noqa: F811
    tmp_path: Path,
    query: str,
    marked: str | None,
) -> None:
    """Pagefind reads a block of Japanese as one word: ``AI`` of ``日本はAI技術を`` and ``GDP``
    of ``日本のＧＤＰは`` (full-width) were found by no query; nor was ``ﬁnance`` (a
    ligature) by ``finance``."""
    with served(_site(tmp_path, "en")) as url:
        page, console = new_page(browser)
        excerpt = _excerpt(page, url, query)
        if marked is not None:
            assert marked in "".join(excerpt.locator("mark").all_text_contents())
        assert console.errors == []


def test_a_direction_override_in_a_page_reverses_no_other_words_of_its_excerpt(
    browser: Browser,  # noqa: F811
    tmp_path: Path,
) -> None:
    """U+202E (RIGHT-TO-LEFT OVERRIDE) in a paragraph ends with it on the page; the excerpt
    joins the page's paragraphs, and every later word read backwards (``prolg``)."""
    with served(_site(tmp_path, "en")) as url:
        page, console = new_page(browser, viewport={"width": 1280, "height": 800})
        excerpt = _excerpt(page, url, "wombat")
        assert "\u202e" not in (excerpt.text_content() or "")
        assert excerpt.evaluate(_LEFT_OF, ["wombat", "works"])
        assert console.errors == []


@pytest.mark.parametrize(("query", "marked"), [("$777", "$777,"), ("<tagword>", "<tagword>")])
def test_a_query_with_symbols_finds_the_words_around_them(
    browser: Browser,  # noqa: F811
    tmp_path: Path,
    query: str,
    marked: str,
) -> None:
    """Pagefind's index leaves symbols out of its words, its query keeps them: ``$777`` and
    ``<tagword>``, searched as the page writes them, found nothing."""
    with served(_site(tmp_path, "en")) as url:
        page, console = new_page(browser)
        excerpt = _excerpt(page, url, quote(query))
        assert excerpt.locator("mark").all_text_contents() == [marked]
        assert console.errors == []


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("grossstrasse", "Großstraße"),
        ("oeuvre", "œuvre"),
        ("Œuvre", "œuvre"),
        ("洛普计", "洛普计"),  # after a ß in the same word: its place in the text, not one on
    ],
)
def test_a_letter_is_found_spelled_out(
    browser: Browser,  # noqa: F811
    tmp_path: Path,
    query: str,
    marked: str,
) -> None:
    """A keyboard without ``ß`` or ``œ`` spells them ``ss`` and ``oe``: ``strasse`` found no
    ``Straße``. The highlight covers the letters of the page that the query spelled out."""
    with served(_site(tmp_path, "en")) as url:
        page, console = new_page(browser)
        excerpt = _excerpt(page, url, query)
        assert excerpt.locator("mark").all_text_contents() == [marked]
        assert console.errors == []


def test_an_article_in_another_language_is_listed_in_it(
    browser: Browser,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A Japanese article on an English site: its page marks its title and body ``lang="ja"``
    (a screen reader's voice, the Han letter forms), its search result did not."""
    article = tmp_path / "content" / "articles" / "2024-04-01-japanese.md"
    article.parent.mkdir(parents=True)
    article.write_text(
        "---\ntitle: 直線の計画\ndate: 2024-04-01\nlanguage: ja\n---\n"
        "話者7は直線の計画を述べた。\n",
        encoding="utf-8",
    )
    out = _site(tmp_path, "en")
    with served(out) as url:
        page, console = new_page(browser)
        excerpt = _excerpt(page, url, "直線")
        assert excerpt.get_attribute("lang") == "ja"
        assert page.locator(".search-results h2").get_attribute("lang") == "ja"
        excerpt = _excerpt(page, url, "wombat")
        assert excerpt.get_attribute("lang") is None
        assert console.errors == []
