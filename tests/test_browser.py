"""The site in a real browser (Debian's Chromium driven by Playwright): a reader's walk,
accessibility (axe-core), search, dark mode, and screenshots of every page kind.

Skipped only when there is no browser and CI is not set; under CI a missing browser fails.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, copy_content, run_cli

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts" / "screenshots"
ARTICLE = "articles/2024-02-01-new-productive-forces/"
PAGE_KINDS = {
    "home": "",
    "concepts": "concepts/",
    "concept": "concepts/new-productive-forces/",
    "articles": "articles/",
    "article": ARTICLE,
    "speakers": "speakers/",
    "speaker": "speakers/xi-jinping/",
    "search": "search/?q=productive",
    "not-found": "404.html",
}


def _browser_available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).is_file() or shutil.which("chromium") is not None


if not _browser_available():
    if os.environ.get("CI"):
        pytest.fail(
            "CI: Chromium or Playwright is missing (apt-get install chromium)", pytrace=False
        )
    pytest.skip("no Chromium/Playwright here (CI would fail)", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright  # noqa: E402


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    out = root / "site"
    result = run_cli("build", "--content", str(copy_content("real", root)), "--out", str(out))
    assert result.code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    """The site served over HTTP on the loopback interface, as a static host would."""
    with served(site) as url:
        yield url


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Console:
    """Every console error and uncaught exception of a page."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        page.on("console", self._message)
        page.on("pageerror", lambda exc: self.errors.append(f"{page.url}: {exc}"))
        self.page = page

    def _message(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"{self.page.url}: {message.text}")


def new_page(browser: Browser, **options: Any) -> tuple[Page, Console]:
    context = browser.new_context(**options)
    page = context.new_page()
    return page, Console(page)


def test_walk_from_home_to_a_highlighted_statement(browser: Browser, base: str) -> None:
    page, console = new_page(browser, viewport={"width": 1280, "height": 800})
    page.goto(base)
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Concepts").click()
    page.wait_for_url("**/concepts/")
    page.get_by_role("link", name="new productive forces", exact=True).first.click()
    page.wait_for_url("**/concepts/new-productive-forces/")
    assert page.locator("h1").inner_text() == "new productive forces"
    card = page.locator("article.statement").nth(2)
    quote_text = card.locator("blockquote").inner_text().strip("“”")
    card.locator("a.passage").click()
    page.wait_for_url("**/articles/2024-02-01-new-productive-forces/#q-*")
    quote_id = page.url.rsplit("#", 1)[1]
    page.wait_for_function("id => document.querySelector(`mark#${id}.is-target`)", arg=quote_id)
    segments = page.locator(f'mark[data-quote="{quote_id}"]')
    assert segments.count() >= 1
    assert "".join(segments.all_inner_texts()).split() == quote_text.split()
    for i in range(segments.count()):
        assert "is-target" in (segments.nth(i).get_attribute("class") or "")
    target = page.locator(f"#{quote_id}")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 800, box
    emphasised = target.evaluate("el => getComputedStyle(el).backgroundColor")
    other = page.locator("mark.quote:not(.is-target)").first
    assert emphasised != other.evaluate("el => getComputedStyle(el).backgroundColor")
    assert console.errors == []


def test_no_console_errors_on_any_page_kind(browser: Browser, base: str) -> None:
    page, console = new_page(browser)
    for path in PAGE_KINDS.values():
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    assert console.errors == []


# Every page kind in the light theme; the dark palette is shared by all pages, so the kinds
# with the most colours (marks, chips, cards, results) are checked in it too.
AXE_CASES = [(kind, "light") for kind in sorted(PAGE_KINDS)] + [
    (kind, "dark") for kind in ("article", "concept", "home", "search")
]


@pytest.mark.parametrize(("kind", "scheme"), AXE_CASES)
def test_axe_finds_no_serious_violations(
    browser: Browser, base: str, kind: str, scheme: str
) -> None:
    page, _ = new_page(browser, color_scheme=scheme)
    page.goto(base + PAGE_KINDS[kind])
    page.wait_for_load_state("networkidle")
    if kind == "search":
        page.wait_for_selector(".search-results li")
    assert serious_violations(page) == []


def serious_violations(page: Page) -> list[str]:
    """What axe-core finds serious or critical on the page, with the first elements of each."""
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_search_finds_the_seed_article_and_a_concept_filter_narrows(
    browser: Browser, base: str
) -> None:
    page, console = new_page(browser)
    page.goto(base + "search/")
    search = page.get_by_label("Search statements, concepts, articles and speakers")
    search.fill("productive")
    page.wait_for_selector(".search-results li")
    page.wait_for_function("() => document.querySelector('.search-status').textContent !== ''")
    links = page.locator(".search-results h2 a")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert any(h.endswith("/" + ARTICLE) for h in hrefs), hrefs
    assert any("/concepts/new-productive-forces/" in h for h in hrefs), hrefs
    before = links.count()
    page.get_by_label("Concept", exact=True).select_option(label="total factor productivity (2)")
    page.wait_for_function(
        "n => document.querySelectorAll('.search-results li').length < n", arg=before
    )
    narrowed = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert narrowed and set(narrowed) < set(hrefs)
    assert "concept=total+factor+productivity" in page.url
    assert console.errors == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("新质生产力", {"new-productive-forces"}),
        # Inside a Han name: found through the suffixes indexed with each Chinese alias.
        ("生产力", {"new-productive-forces", "productive-forces"}),
    ],
)
def test_search_finds_chinese_terms(
    browser: Browser, base: str, query: str, expected: set[str]
) -> None:
    page, _ = new_page(browser)
    page.goto(base + "search/?q=" + query)
    page.wait_for_selector(".search-results li")
    hrefs = page.locator(".search-results h2 a").evaluate_all("as => as.map(a => a.href)")
    concepts = {h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs if "/concepts/" in h}
    assert expected <= concepts, hrefs
    # The suffixes that find a name by its end are indexed, never shown.
    excerpts = page.locator(".search-results li > p:last-child").all_text_contents()
    assert excerpts and all(e.strip() for e in excerpts), excerpts
    shown = " ".join(excerpts)
    assert "⟦" not in shown and "⟧" not in shown and "生产力 产力" not in shown, excerpts


def test_dark_mode_follows_the_system_and_the_toggle_persists(browser: Browser, base: str) -> None:
    def background(page: Page) -> str:
        return str(page.evaluate("getComputedStyle(document.body).backgroundColor"))

    light, _ = new_page(browser, color_scheme="light")
    light.goto(base)
    page, console = new_page(browser, color_scheme="dark")
    page.goto(base)
    assert background(page) != background(light)
    toggle = page.get_by_role("button", name="Dark theme")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert background(page) == background(light)
    page.goto(base + "concepts/")  # the reader's choice outlives the page
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    assert background(page) == background(light)
    assert console.errors == []


def pdf_fills(pdf: bytes) -> set[tuple[int, int, int]]:
    """The colours a PDF paints shapes with: the ``r g b rg`` operators of its compressed
    content streams, each as 0-255 values."""
    colours = set()
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:  # an image or font, not a page's drawing
            continue
        for rgb in re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) rg\b", content):
            r, g, b = (round(float(v) * 255) for v in rgb)
            colours.add((r, g, b))
    return colours


def test_a_printed_article_keeps_its_highlights(browser: Browser, base: str) -> None:
    """Browsers print no backgrounds by default: every quote's highlight but the target's ring
    was gone from paper, and a reader in the dark theme printed its dark colours. A print, from
    the dark theme too, shows the light theme's highlights, the target's and the others'."""
    page, console = new_page(browser, color_scheme="light")
    page.goto(base + ARTICLE)
    quote_id = page.locator("mark.quote").first.get_attribute("id")
    page.goto(f"{base}{ARTICLE}#{quote_id}")
    colour = "el => getComputedStyle(el).backgroundColor.match(/\\d+/g).map(Number).join()"
    light = {
        page.locator("mark.quote.is-target").first.evaluate(colour),
        page.locator("mark.quote:not(.is-target)").first.evaluate(colour),
    }
    printing, _ = new_page(browser, color_scheme="dark")
    printing.goto(f"{base}{ARTICLE}#{quote_id}")
    printing.wait_for_selector("mark.is-target")
    printed = {",".join(map(str, rgb)) for rgb in pdf_fills(printing.pdf())}
    assert light <= printed, (light, printed)
    assert console.errors == []


def test_copy_citation_puts_a_plain_text_citation_on_the_clipboard(
    browser: Browser, base: str
) -> None:
    page, console = new_page(browser, permissions=["clipboard-read", "clipboard-write"])
    page.goto(base + "concepts/new-productive-forces/")
    card = page.locator("article.statement").first
    card.get_by_role("button", name="Copy citation").click()
    page.wait_for_selector("button.copy-cite.copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    quote = card.locator("blockquote").inner_text().strip("“”")
    assert quote in copied and "/articles/2024-02-01-new-productive-forces/#q-" in copied
    assert console.errors == []


def test_concept_filter_narrows_the_index(browser: Browser, base: str) -> None:
    page, _ = new_page(browser)
    page.goto(base + "concepts/")
    page.get_by_label("Filter concepts").fill("新质")
    visible = page.locator(".concept-list li:visible a").all_inner_texts()
    assert visible == ["new productive forces"]


@pytest.mark.parametrize("width", [360, 1280])
def test_pages_fit_a_phone_and_are_screenshot(browser: Browser, base: str, width: int) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        page, _ = new_page(browser, viewport={"width": width, "height": 800}, color_scheme=scheme)
        for kind, path in PAGE_KINDS.items():
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{kind} scrolls sideways at {width}px"
            page.screenshot(path=str(ARTIFACTS / f"{kind}-{width}-{scheme}.png"), full_page=True)


DIRECTIONS_ARTICLE = "articles/2024-05-05-three-scripts/"
_DIRECTION = "el => getComputedStyle(el).direction"


@pytest.mark.parametrize(("language", "page_direction"), [("en", "ltr"), ("ar", "rtl")])
def test_text_reads_in_the_direction_of_its_own_script(
    browser: Browser, tmp_path: Path, language: str, page_direction: str
) -> None:
    """An English site shows an Arabic paragraph, list and title from the right, and an
    Arabic site shows its English paragraph from the left; the page itself (header, columns)
    follows the site's language."""
    from test_direction import build

    with served(build(tmp_path, language)) as url:
        page, console = new_page(browser, viewport={"width": 1280, "height": 800})
        page.goto(url + DIRECTIONS_ARTICLE)
        assert page.locator("header.site-header").evaluate(_DIRECTION) == page_direction
        paragraphs = page.locator("div.body p")
        found = [paragraphs.nth(i).evaluate(_DIRECTION) for i in range(paragraphs.count())]
        assert found == ["ltr", "rtl", "rtl"]
        assert page.locator("div.body ul").evaluate(_DIRECTION) == "rtl"
        assert page.locator("h1").evaluate(_DIRECTION) == "rtl"
        page.goto(url + "concepts/glorp-plan/")
        quotes = page.locator("article.statement blockquote")
        directions = sorted(quotes.nth(i).evaluate(_DIRECTION) for i in range(quotes.count()))
        assert directions == ["ltr", "rtl", "rtl"]
        assert console.errors == []


@pytest.mark.parametrize("query", ["غلورب", "גלורפ"])
def test_search_finds_words_written_from_the_right(
    browser: Browser, tmp_path: Path, query: str
) -> None:
    """On an Arabic site, the Arabic and the Hebrew name of a concept find its page and the
    article that quotes it."""
    from test_direction import build

    with served(build(tmp_path, "ar", search=True)) as url:
        page, console = new_page(browser)
        page.goto(url + "search/?q=" + query)
        page.wait_for_selector(".search-results li")
        hrefs = page.locator(".search-results h2 a").evaluate_all(
            "as => as.map(a => a.getAttribute('href'))"
        )
        assert {"/concepts/glorp-plan/", "/" + DIRECTIONS_ARTICLE} <= set(hrefs), hrefs
        assert console.errors == []


def test_a_direction_override_in_a_name_reorders_nothing_after_it(
    browser: Browser, tmp_path: Path
) -> None:
    """A speaker named with U+202E (RIGHT-TO-LEFT OVERRIDE) reversed the rest of the line on
    every card: the date stood inside the name. Names are isolated (``unicode-bidi``)."""
    content = copy_content("directions", tmp_path)
    article = content / "articles" / "2024-05-05-three-scripts.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("speaker: Speaker 7", "speaker: Speaker \u202e7 Z"), "utf-8")
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    with served(out) as url:
        page, console = new_page(browser, viewport={"width": 1280, "height": 800})
        page.goto(url + "concepts/glorp-plan/")
        card = page.locator("article.statement", has_text="the glorp plan works")
        name = card.locator("a.speaker").bounding_box()
        date = card.locator("p.meta time").first.bounding_box()
        assert name is not None and date is not None
        assert date["x"] >= name["x"] + name["width"], (name, date)
        assert console.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations_on_a_right_to_left_site(
    browser: Browser, tmp_path: Path, scheme: str
) -> None:
    """The Arabic site of the directions fixture: its article, concept and speaker pages."""
    from test_direction import build

    with served(build(tmp_path, "ar")) as url:
        for path in (DIRECTIONS_ARTICLE, "concepts/glorp-plan/", "speakers/speaker-7/"):
            page, _ = new_page(browser, color_scheme=scheme)
            page.goto(url + path)
            assert serious_violations(page) == [], path


def _search(page: Page, url: str, query: str) -> list[str]:
    """The paths of the results the search page under ``url`` lists for ``query``, decoded."""
    page.goto(url + "search/?q=" + query)
    page.wait_for_function("() => document.querySelector('.search-status').textContent !== ''")
    return page.locator(".search-results h2 a").evaluate_all(
        "as => as.map(a => decodeURI(new URL(a.href).pathname))"
    )


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("进展顺利", True),  # the end of a Chinese sentence
        ("计划进展", True),
        ("うまくいった", True),  # the middle of a Japanese one
        ("ｸﾞﾛｰﾌﾟ", True),  # its katakana typed half-width
        ("ได้ผลดี", True),  # and of a Thai one
        ("失败", False),  # a pair the page does not hold
    ],
)
def test_search_finds_words_inside_unspaced_text(
    browser: Browser, tmp_path: Path, query: str, found: bool
) -> None:
    from test_search_terms import build

    with served(build(tmp_path, search=True)) as url:
        page, console = new_page(browser)
        hrefs = _search(page, url, query)
        assert ("/articles/2024-06-06-scripts/" in hrefs) is found, hrefs
        # The quote's card, on the concept page, is found by its middle too.
        assert ("/concepts/glorp-plan/" in hrefs) is found, hrefs
        shown = " ".join(page.locator(".search-results li > p:last-child").all_text_contents())
        assert "⟦" not in shown and "展顺 顺利" not in shown
        assert console.errors == []


def test_search_finds_a_name_written_with_a_variation_selector_as_typed_without(
    browser: Browser, tmp_path: Path
) -> None:
    """葛󠄀飾区 (葛 and a selector, a Japanese name's form) is found by 葛飾, as typed: the
    selector cut 葛 from 飾 in the pairs the page was indexed by."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Selectors\n", encoding="utf-8")
    (content / "articles" / "2024-01-06-selectors.md").write_text(
        "---\ntitle: Selectors\ndate: 2024-01-06\nspeaker: Speaker 9\n---\n"
        "話者9は葛\U000e0100飾区の計画を話した。\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    assert run_cli("build", "--content", str(content), "--out", str(out)).code == 0
    with served(out) as url:
        page, console = new_page(browser)
        assert "/articles/2024-01-06-selectors/" in _search(page, url, "葛飾")
        assert console.errors == []


WORD_MARKS_SITE = {
    "2024-01-07-bo.md": "གསུང་མཁན་བདུན་གྱིས་འཆར་གཞི་ཡག་པོ་རེད་ཟེར།",
    "2024-01-08-am.md": "ተናጋሪ፡ሰባት፡የእቅዱ፡ጥሩ፡ነው፡ብሏል።",
    "2024-01-09-ar.md": "قال المتحدث: الخطـــة ﺟﻴﺪﺓ.",
    "2024-01-10-ml.md": "വക്താവ് പറഞ്ഞു: അവന\u0d4d\u200d വന്നു.",
}


@pytest.mark.parametrize(
    ("query", "article"),
    [
        ("གཞི", "2024-01-07-bo"),  # a Tibetan syllable after a tsheg
        ("འཆར་གཞི", "2024-01-07-bo"),  # two, as written
        ("ጥሩ", "2024-01-08-am"),  # an Ethiopic word after a wordspace
        ("الخطة", "2024-01-09-ar"),  # typed without the tatweel the page stretches it with
        ("جيدة", "2024-01-09-ar"),  # typed, where the page has presentation forms
        ("അവൻ", "2024-01-10-ml"),  # a chillu, where the page has ന, a virama and a joiner
    ],
)
def test_search_finds_words_written_without_spaces_tatweel_or_presentation_forms(
    browser: Browser, tmp_path: Path, query: str, article: str
) -> None:
    """Tibetan ends its syllables with a tsheg and Ethiopic its words with a wordspace, not a
    space, at which alone Pagefind splits words: a word after the first was not found. Nor
    was an Arabic word stretched with tatweel, or pasted in presentation forms, nor a
    Malayalam word typed with a chillu where the page writes it as older text does."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Word marks\n", encoding="utf-8")
    for name, body in WORD_MARKS_SITE.items():
        (content / "articles" / name).write_text(
            f"---\ntitle: {name[11:13]}\ndate: {name[:10]}\nspeaker: Speaker 9\n---\n{body}\n",
            encoding="utf-8",
        )
    out = tmp_path / "site"
    assert run_cli("build", "--content", str(content), "--out", str(out)).code == 0
    with served(out) as url:
        page, console = new_page(browser)
        assert _search(page, url, query) == [f"/articles/{article}/"]
        shown = " ".join(page.locator(".search-results li > p:last-child").all_text_contents())
        assert "⟦" not in shown
        assert console.errors == []


LETTERS_SITE = {
    "2023-01-01-one.md": "The word quokka appears only here.",
    "2023-01-02-two.md": "Quiet umbrellas often keep kites aloft.",
    "2023-01-05-brackets.md": (
        "Opening words then ⟦odd bracketed aside⟧ and later the marmoset appears here.\n\n"
        "Another paragraph about the marmoset with ⟦ unclosed bracket and wombat too."
    ),
}


def _letters_site(tmp_path: Path) -> Path:
    content = copy_content("basic", tmp_path)
    for name, body in LETTERS_SITE.items():
        front = f"---\ntitle: Letters {name[:10]}\ndate: {name[:10]}\nquotes: []\n---\n"
        (content / "articles" / name).write_text(front + body + "\n", encoding="utf-8")
    out = tmp_path / "site"
    assert run_cli("build", "--content", str(content), "--out", str(out)).code == 0
    return out


def test_search_finds_a_word_not_the_pages_holding_its_letters(
    browser: Browser, tmp_path: Path
) -> None:
    """The query was also searched as its letters, each a word of its own ("q u o k k a"):
    every page holding a word that starts with one of them came back."""
    with served(_letters_site(tmp_path)) as url:
        page, console = new_page(browser)
        assert _search(page, url, "quokka") == ["/articles/2023-01-01-one/"]
        assert _search(page, url, "kq") == []
        assert console.errors == []


def test_brackets_in_a_pages_text_stay_in_its_excerpt(browser: Browser, tmp_path: Path) -> None:
    """The build wraps the letter pairs it indexes in ⟦ ⟧; the same characters in a page's
    own text hid the rest of its excerpt."""
    with served(_letters_site(tmp_path)) as url:
        page, console = new_page(browser)
        for word in ("marmoset", "wombat"):
            assert _search(page, url, word) == ["/articles/2023-01-05-brackets/"]
            excerpt = page.locator(".search-results li > p:last-child").first
            assert set(excerpt.locator("mark").all_text_contents()) == {word}
        assert console.errors == []


ENTITIES_BODY = (
    "The quorbix markup is `&lt;b&gt;` and `&copy;`, typed &amp;amp; or &lt;i&gt; as text.\n"
)


def test_search_excerpts_show_references_as_the_page_does(browser: Browser, tmp_path: Path) -> None:
    """Pagefind escapes only < and > of a page's text, and the excerpt was set as HTML: text
    the page shows as ``&lt;b&gt;`` or ``&copy;`` (code about HTML) showed as ``<b>`` and
    ``©`` in its search result."""
    content = copy_content("basic", tmp_path)
    front = "---\ntitle: Entities\ndate: 2023-02-02\nquotes: []\n---\n"
    (content / "articles" / "2023-02-02-entities.md").write_text(front + ENTITIES_BODY)
    out = tmp_path / "site"
    assert run_cli("build", "--content", str(content), "--out", str(out)).code == 0
    with served(out) as url:
        page, console = new_page(browser)
        page.goto(url + "articles/2023-02-02-entities/")
        shown = page.locator("main .body p").first.inner_text()
        assert shown == "The quorbix markup is &lt;b&gt; and &copy;, typed &amp; or <i> as text."
        assert _search(page, url, "quorbix") == ["/articles/2023-02-02-entities/"]
        excerpt = page.locator(".search-results li > p:last-child").first
        assert shown in excerpt.inner_text()
        assert excerpt.locator("mark").all_text_contents() == ["quorbix"]
        assert console.errors == []


def test_clearing_the_box_while_a_search_runs_shows_no_results(
    browser: Browser, tmp_path: Path
) -> None:
    """A search still running when the box was emptied showed its results under the empty
    box."""
    with served(_letters_site(tmp_path)) as url:
        page, console = new_page(browser)
        page.goto(url + "search/")
        box = page.locator("#search-q")
        box.fill("glorp")  # the index loaded
        page.wait_for_function("() => document.querySelector('.search-status').textContent")
        for _ in range(3):
            box.fill("quokka")
            page.wait_for_timeout(50)
            box.fill("")
            page.wait_for_timeout(1500)
            assert page.locator(".search-results li").count() == 0
            assert page.locator(".search-status").text_content() == ""
        assert console.errors == []


LONG_PARAGRAPH = (
    "泽尔特茶的供应也很稳定，明年还会继续扩大试点范围并邀请更多城市参加这个合成的测试项目"
    "所有数据都是虚构的仅用于测试搜索功能"
)


def test_search_excerpts_show_the_text_not_its_pairs(browser: Browser, tmp_path: Path) -> None:
    """A Chinese paragraph with more pairs than the excerpt has words: Pagefind's excerpt was
    its pairs alone (``也很 很稳 稳定 ...``), with no mark to cut them by."""
    content = copy_content("unspaced", tmp_path)
    article = content / "articles" / "2024-06-06-scripts.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\n" + LONG_PARAGRAPH + "\n", encoding="utf-8"
    )
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out))
    assert result.code == 0, result.stderr
    with served(out) as url:
        page, console = new_page(browser)
        page.goto(url + "search/?q=城市")
        page.wait_for_function("() => document.querySelector('.search-status').textContent !== ''")
        excerpt = page.locator(".search-results li > p:last-child").first
        assert "更多城市参加" in excerpt.inner_text()
        assert excerpt.locator("mark").all_text_contents() == ["城市"]
        assert "多城 城市" not in excerpt.inner_text()
        assert console.errors == []


def test_search_reads_the_persian_and_the_arabic_kaf_and_yeh_as_one(
    browser: Browser, tmp_path: Path
) -> None:
    """A query typed on an Arabic keyboard (ك, ي) finds Persian text (ک, ی), and one typed on
    a Persian keyboard finds text in the Arabic letters, as quotes and concept names do."""
    content = copy_content("unspaced", tmp_path)
    article = content / "articles" / "2024-06-06-scripts.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\nسخنگوی هشت گفت کتاب خوب است\n\nيك نامه\n",
        encoding="utf-8",
    )
    (content / "concepts" / "book.md").write_text(
        "---\ntitle: کتابخانه\n---\nA synthetic library.\n", encoding="utf-8"
    )
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out))
    assert result.code == 0, result.stderr
    with served(out) as url:
        page, console = new_page(browser)
        for query, expected in [
            ("كتاب", {"/articles/2024-06-06-scripts/", "/concepts/کتابخانه/"}),
            ("یک", {"/articles/2024-06-06-scripts/"}),
        ]:
            hrefs = _search(page, url, query)
            assert expected <= set(hrefs), (query, hrefs)
        marks = page.locator(".search-results mark").all_text_contents()
        assert "يك" in marks, marks  # the text as written, found by its other spelling
        assert console.errors == []


def test_search_reads_the_turkish_i_letters_as_names_do(browser: Browser, tmp_path: Path) -> None:
    """A Turkish word typed in capitals (IŞIK, lowered by Pagefind to işik) or with a dotted
    capital (İKLİM) finds the text that writes it in small letters or capitals, as concept and
    speaker names are read; the excerpt marks the word as written."""
    content = copy_content("unspaced", tmp_path)
    article = content / "articles" / "2024-06-06-scripts.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\nKonuşmacı dokuz: ışık ve İklim planı.\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out))
    assert result.code == 0, result.stderr
    with served(out) as url:
        page, console = new_page(browser)
        for query in ("IŞIK", "Işık", "ışık", "iklim", "İKLİM", "KONUŞMACI"):
            hrefs = _search(page, url, query)
            assert "/articles/2024-06-06-scripts/" in hrefs, (query, hrefs)
        marks = page.locator(".search-results mark").all_text_contents()
        assert "Konuşmacı" in marks, marks
        assert console.errors == []


TEA_ARTICLE = """---
title: Speaker 9 on tea
date: 2024-07-07
speaker: Speaker 9
quotes:
  - text: แผนกลอร์ปเริ่มด้วยชาเซลท์
    concepts: [ชาเซลท์]
---
ผู้พูดเก้ากล่าวว่าแผนกลอร์ปเริ่มด้วยชาเซลท์
"""


@pytest.mark.parametrize("language", ["th", "zh", "ja"])
def test_search_finds_unspaced_words_on_a_site_in_that_language(
    browser: Browser, tmp_path: Path, language: str
) -> None:
    """On a Thai (or Chinese, or Japanese) site, served under a base path, the exact name of
    a concept finds its page: Pagefind cut the query into the dictionary words of the page's
    language (ชา, เซล, ท์), which match neither the index's pairs nor its words."""
    content = copy_content("unspaced", tmp_path)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace("language: en", f"language: {language}"),
        encoding="utf-8",
    )
    (content / "articles" / "2024-07-07-tea.md").write_text(TEA_ARTICLE, encoding="utf-8")
    (content / "concepts" / "tea.md").write_text(
        "---\ntitle: ชาเซลท์\n---\nA synthetic tea.\n", encoding="utf-8"
    )
    out = tmp_path / "served" / "repo"
    base_url = "https://user.github.io/repo/"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--base-url", base_url)
    assert result.code == 0, result.stderr
    with served(out.parent) as url:
        page, console = new_page(browser)
        for query, expected in [
            # The concept's page by its title; the article, and the card on the speaker's
            # page, by the end of a sentence.
            (
                "ชาเซลท์",
                {
                    "/repo/concepts/ชาเซลท์/",
                    "/repo/articles/2024-07-07-tea/",
                    "/repo/speakers/speaker-9/",
                },
            ),
            ("うまくいった", {"/repo/concepts/glorp-plan/", "/repo/articles/2024-06-06-scripts/"}),
        ]:
            hrefs = _search(page, url + "repo/", query)
            assert expected <= set(hrefs), (query, hrefs)
        assert console.errors == []


def test_links_between_files_and_images_work_under_a_base_path(
    browser: Browser, tmp_path: Path
) -> None:
    """The ``linked`` fixture served at /repo/: a link to another file's quote lands on it,
    a table of contents on its heading, and the images of the content folder load (the
    page's Content-Security-Policy lets them), where one of another site does not."""
    out = tmp_path / "served" / "repo"
    content = copy_content("linked", tmp_path)
    base_url = "https://user.github.io/repo/"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--base-url", base_url)
    assert result.code == 0, result.stderr
    with served(out.parent) as url:
        page, console = new_page(browser)
        page.goto(url + "repo/articles/2024-01-10-first/")
        page.get_by_role("link", name="its promise", exact=True).click()
        page.wait_for_url("**/repo/articles/2024-02-20-second/#q-promise")
        assert page.locator("mark:target").inner_text() == "every zorp keeps its promise"
        page.go_back()
        page.get_by_role("link", name="this one's", exact=True).click()
        assert page.locator("h2:target").inner_text() == "Links that go nowhere"
        console.errors.clear()
        page.goto(url + "repo/articles/2024-02-20-second/")
        page.wait_for_load_state("load")
        loaded = page.locator("div.body img").evaluate_all(
            "images => images.map(i => [i.alt, i.complete && i.naturalWidth > 0])"
        )
        assert dict(loaded) == {
            "A red zorp chart": True,
            "a blue glorp": True,
            "a diagram": False,
            "a lost chart": False,
        }
        # One of another site is a link to it: nothing the policy blocks is asked for.
        remote = page.get_by_role("link", name="a remote chart", exact=True)
        assert remote.get_attribute("href") == "https://example.org/chart.png"
        assert [e for e in console.errors if "Content Security Policy" in e] == []


def test_documents_of_wide_tables_long_code_and_footnotes_fit_and_pass_axe(
    browser: Browser, tmp_path: Path
) -> None:
    """The ``markup-heavy`` fixture, with a table of fourteen columns and a line of code longer
    than any screen added, as real documents have them: no page scrolls sideways, the table
    scrolls in its own box (which takes the keyboard's focus) but wraps in print (where an
    editor's ==highlight== shows), the code wraps, and axe-core finds nothing serious
    (footnotes' links included)."""
    content = copy_content("markup-heavy", tmp_path)
    article = content / "articles" / "2023-03-03-footnotes.md"
    columns = [f"Column {n}" for n in range(14)]
    table = "\n".join(
        ["| " + " | ".join(columns) + " |", "|" + "---|" * 14, "| " + " | ".join("✔" * 14) + " |"]
    )
    code = "    " + "glorp_zelt_wobble(" * 40 + ")" * 40
    article.write_text(
        article.read_text(encoding="utf-8") + f"\n{table}\n\n{code}\n\n==Marked==.\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out))
    assert result.code == 0, result.stderr
    with served(out) as url:
        for width in (360, 1280):
            page, _ = new_page(browser, viewport={"width": width, "height": 800})
            page.goto(url + "articles/2023-03-03-footnotes/")
            page.wait_for_load_state("networkidle")
            sideways = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            assert page.evaluate(sideways) <= 0, width
            box = page.locator("div.body .table-scroll")
            assert box.get_attribute("tabindex") == "0"
            assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # it scrolls, not the page
            code = page.locator("div.body pre").last
            assert code.evaluate("c => c.scrollWidth <= c.clientWidth")  # wrapped
            assert serious_violations(page) == [], width
        # Paper does not scroll: the box scrolled in print too, and cut the table at the page.
        page, _ = new_page(browser, viewport={"width": 700, "height": 800})
        page.emulate_media(media="print")
        page.goto(url + "articles/2023-03-03-footnotes/")
        box = page.locator("div.body .table-scroll")
        assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
        # An editor's highlight is printed, as quotes' are.
        colour = page.locator("mark.highlight").evaluate("m => getComputedStyle(m).backgroundColor")
        assert tuple(map(int, re.findall(r"\d+", colour))) in pdf_fills(page.pdf())


COPY_BODY = """() => {
  const range = document.createRange();
  range.selectNodeContents(document.querySelector("div.body"));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return getSelection().toString();
}"""
"""The text a reader copies who selects a whole body."""


def test_a_body_copied_from_a_page_holds_only_its_own_text(
    browser: Browser, tmp_path: Path
) -> None:
    """Concept chips, notes' numbers and back links and alerts' titles are the site's, not the
    source's: a passage copied across them is a quote as the body has it."""
    out = tmp_path / "site"
    content = copy_content("markup-heavy", tmp_path)
    assert run_cli("build", "--content", str(content), "--out", str(out)).code == 0
    cases = {
        "articles/2023-01-01-markup-everywhere/": (
            ["Past the marker, the warning holds the glorp plan."],
            ['glorp <plan> & "tea"', "Warning"],
        ),
        "articles/2023-03-03-footnotes/": (
            ["Speaker 12 said the wobble index rose by three points, as the glorp survey found."],
            ["[1]", "↩"],
        ),
    }
    with served(out) as url:
        page, _ = new_page(browser)
        for path, (present, absent) in cases.items():
            page.goto(url + path)
            copied = " ".join(page.evaluate(COPY_BODY).split())
            assert all(text in copied for text in present), copied
            assert [text for text in absent if text in copied] == []


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated site of 300 articles: its busiest concept page has some 200 cards."""
    from bench.gen_corpus import generate

    root = tmp_path_factory.mktemp("long")
    content, out = root / "content", root / "site"
    generate(300, 5, content, jobs=1)
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    return out


def busiest_page(site: Path, kind: str) -> tuple[str, list[str]]:
    """The path of the concept or speaker page with the most cards, and its cards' ids."""
    cards = {
        p: re.findall(r'<article class="statement" id="([^"]+)"', p.read_text("utf-8"))
        for p in site.glob(f"{kind}/*/index.html")
    }
    busiest = max(cards, key=lambda p: (len(cards[p]), p.parent.name))
    return f"{kind}/{busiest.parent.name}/", cards[busiest]


SETTLED = """id => {
  const y = Math.round(document.getElementById(id).getBoundingClientRect().y);
  const now = performance.now();
  const seen = window.__settled || (window.__settled = { y, since: now });
  if (seen.y !== y) { seen.y = y; seen.since = now; }
  return now - seen.since > 600;
}"""
"""True once card ``id`` has stayed where it is for 0.6 s."""


def settled_box(page: Page, card_id: str) -> dict[str, float]:
    page.evaluate("delete window.__settled")
    page.wait_for_function(SETTLED, arg=card_id, polling=100, timeout=15000)
    box = page.locator(f"#{card_id}").bounding_box()
    assert box is not None
    return box


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("kind", ["concepts", "speakers"])
def test_a_link_to_a_card_in_the_middle_of_a_long_page_lands_on_it(
    browser: Browser, long_site: Path, kind: str, width: int
) -> None:
    """A smooth scroll to a card aimed at a position reckoned from the estimated heights of
    the cards before it (``content-visibility``) and ended hundreds of pixels away once they
    were laid out: an arrival at a card's Permalink, and a fragment changed on the page, end
    with the card in view."""
    path, cards = busiest_page(long_site, kind)
    assert len(cards) >= 100
    arrival, later = cards[len(cards) // 4], cards[len(cards) // 2]
    with served(long_site) as url:
        page, console = new_page(browser, viewport={"width": width, "height": 800})
        page.goto(f"{url}{path}#{arrival}")
        page.wait_for_load_state("load")
        box = settled_box(page, arrival)
        assert box["y"] < 800 and box["y"] + box["height"] > 0, box
        page.evaluate("id => { location.hash = id; }", later)
        box = settled_box(page, later)
        assert box["y"] < 800 and box["y"] + box["height"] > 0, box
        assert console.errors == []


def test_a_link_to_a_late_statement_of_a_long_concept_page_lands_on_it(
    browser: Browser, long_site: Path
) -> None:
    """Statement cards are laid out only near the screen (``content-visibility``): a link to
    the last card of the busiest concept still lands on it, in view, and the cards far from
    it keep their text (find in page and copying read it)."""
    path, cards = busiest_page(long_site, "concepts")
    assert len(cards) >= 200
    last = cards[-1]
    with served(long_site) as url:
        page, console = new_page(browser, viewport={"width": 1280, "height": 800})
        page.goto(f"{url}{path}#{last}")
        box = settled_box(page, last)
        assert 0 <= box["y"] < 800, box
        cards_shown = page.locator("article.statement")
        assert cards_shown.first.evaluate("el => getComputedStyle(el).contentVisibility") == "auto"
        middle = cards_shown.nth(len(cards) // 2)
        assert middle.locator("blockquote").text_content().strip("“” \n")
        assert console.errors == []


CONTRAST = """mark => {
  const rgb = value => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const style = getComputedStyle(mark);
  const [a, b] = [luminance(rgb(style.color)), luminance(rgb(style.backgroundColor))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""
"""The contrast ratio (WCAG) of a highlight's text on its own, opaque, background."""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_link_inside_a_highlighted_quote_is_readable(
    browser: Browser, tmp_path: Path, scheme: str
) -> None:
    """The words of a quote that are a link's text took the link's colour: 3.4:1 on the
    emphasised highlight of the dark theme. Emphasised or not, they read at 4.5:1."""
    out = tmp_path / "site"
    content = copy_content("markup-heavy", tmp_path)
    assert run_cli("build", "--content", str(content), "--out", str(out), "--no-search").code == 0
    with served(out) as url:
        page, _ = new_page(browser, color_scheme=scheme)
        page.goto(url + "articles/2023-01-01-markup-everywhere/")
        linked = page.locator("div.body a mark.quote").first
        quote_id = linked.get_attribute("data-quote")
        assert linked.evaluate(CONTRAST) >= 4.5
        page.goto(f"{url}articles/2023-01-01-markup-everywhere/#{quote_id}")
        target = page.locator(f"a mark.quote.is-target[data-quote='{quote_id}']").first
        target.wait_for()
        assert target.evaluate(CONTRAST) >= 4.5


LONG_NAME = (
    "Averyveryveryveryveryveryveryveryveryveryveryveryverylongconceptnamewithoutanyspacesatall"
)
"""A concept name of 89 letters and no space, as long German compounds, chemical names and
hashtags are."""


@pytest.fixture(scope="module")
def long_name_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``basic`` fixture, whose first article and its first quote support ``LONG_NAME``."""
    root = tmp_path_factory.mktemp("long-name")
    content = copy_content("basic", root)
    article = content / "articles" / "2021-03-04-lorem-report.md"
    text = article.read_text(encoding="utf-8")
    text = text.replace("concepts: [vorlan growth]", f"concepts: [vorlan growth, {LONG_NAME}]")
    text = text.replace(
        "concepts: [vorlan growth, tesik plan]",
        f"concepts: [vorlan growth, tesik plan, {LONG_NAME}]",
    )
    article.write_text(text, encoding="utf-8")
    out = root / "site"
    assert run_cli("build", "--content", str(content), "--out", str(out)).code == 0
    return out


def test_a_long_concept_name_wraps_on_the_narrowest_phone(
    browser: Browser, long_name_site: Path
) -> None:
    """Chips are inline blocks in flex items, which break no word: a name of 89 letters made
    pages 664 px wide at 320 px."""
    slug = next(p.parent.name for p in long_name_site.glob("concepts/avery*/index.html"))
    paths = [
        "",
        "articles/2021-03-04-lorem-report/",
        "concepts/",
        "concepts/vorlan-growth/",
        f"concepts/{slug}/",
        "speakers/speaker-7/",
        "search/?q=vorlan",
    ]
    with served(long_name_site) as url:
        page, _ = new_page(browser, viewport={"width": 320, "height": 640})
        wide = {}
        for path in paths:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            if path.startswith("search/"):
                page.wait_for_selector(".search-results li")
            assert page.get_by_text(LONG_NAME, exact=True).count() > 0, path
            width = page.evaluate("document.scrollingElement.scrollWidth")
            if width > 320:
                wide[path] = width
        assert wide == {}


FOUR_SCRIPTS = """---
title: Names in four scripts
date: 2024-01-05
speaker: Speaker Alpha
quotes:
  - text: the word is spoken here
    concepts: [λόγος, ёлка, کتاب ایرانی, Straße, Işık, "طرح ۰۱۲۳۴۵۶۷۸۹", Πρωτεΐνη, "അവന്\u200d"]
---
Speaker Alpha said the word is spoken here.
"""


def _four_scripts_site(tmp_path: Path) -> Path:
    """The basic fixture with concepts named in Greek, Russian, Persian, German and Turkish,
    built."""
    content = copy_content("basic", tmp_path)
    (content / "articles" / "2024-01-05-scripts.md").write_text(FOUR_SCRIPTS, encoding="utf-8")
    out = tmp_path / "site"
    assert run_cli("build", "--content", str(content), "--out", str(out), "--no-search").code == 0
    return out


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("λόγος", "λόγος"),
        ("ΛΌΓΟΣ", "λόγος"),
        ("ёлка", "ёлка"),
        ("ЁЛКА", "ёлка"),
        ("елка", "ёлка"),
        ("کتاب", "کتاب ایرانی"),  # Persian kaf, as the title has it
        ("كتاب", "کتاب ایرانی"),  # Arabic kaf, as the build reads it
        ("ایرانی", "کتاب ایرانی"),
        ("كِتَاب", "کتاب ایرانی"),  # vowel points are optional
        ("STRAẞE", "Straße"),
        ("IŞIK", "Işık"),  # Turkish capitals
        ("ışık", "Işık"),
        ("طرح ٠١٢", "طرح ۰۱۲۳۴۵۶۷۸۹"),  # Arabic-Indic digits, as the build reads Persian ones
        ("πρωτεΐνη", "Πρωτεΐνη"),  # ΐ, which case folding spells out as ι and two accents
        ("അവൻ", "അവന്\u200d"),  # Malayalam's chillu, where the name has ന, virama and joiner
    ],
)
def test_the_concept_filter_finds_a_name_as_it_is_spelt(
    browser: Browser, tmp_path: Path, typed: str, found: str
) -> None:
    """The build folds the names it writes for the filter (``textnorm.fold_name``: ς as σ,
    ё as е, Persian yeh and kaf as Arabic, no vowel points); the filter lower-cased what the
    reader typed, no more, and found nothing for a Greek, Russian or Persian name as written."""
    with served(_four_scripts_site(tmp_path)) as url:
        page, console = new_page(browser)
        page.goto(url + "concepts/")
        page.get_by_label("Filter concepts").fill(typed)
        assert page.locator(".concept-list li:visible a").all_inner_texts() == [found]
        assert console.errors == []


def test_the_concept_filter_ignores_what_the_build_ignores_in_names(
    browser: Browser, tmp_path: Path
) -> None:
    """Every character ``fold_name`` leaves out of a name (marks of direction, zero-width
    spaces, vowel points...), typed inside one, still finds it: the script's table is the
    build's."""
    from concordance.textnorm import _IGNORABLE, _VARIANTS

    with served(_four_scripts_site(tmp_path)) as url:
        page, _ = new_page(browser)
        page.goto(url + "concepts/")
        box = page.get_by_label("Filter concepts")
        missed = []
        for char in sorted(_IGNORABLE):
            box.fill(f"stra{char}ße")
            if page.locator(".concept-list li:visible a").all_inner_texts() != ["Straße"]:
                missed.append(f"U+{ord(char):04X}")
        names = page.locator(".concept-list li:visible a")
        for variant, same in sorted(_VARIANTS.items()):
            box.fill(same)
            expected = names.all_inner_texts()
            box.fill(variant)
            if not expected or names.all_inner_texts() != expected:
                missed.append(f"U+{ord(variant):04X}")
        assert missed == []


@pytest.mark.parametrize("fragment", ["%E0%A4%A", "%", "q-%ZZ"])
def test_a_malformed_fragment_raises_no_error(browser: Browser, base: str, fragment: str) -> None:
    """Emphasising the target decoded the fragment, and ``decodeURIComponent`` throws on a
    malformed escape: the page's script stopped with an error."""
    page, console = new_page(browser)
    page.goto(f"{base}{ARTICLE}#{fragment}")
    page.wait_for_load_state("load")
    page.evaluate("location.hash = '#%E0%A4%A'")  # and on a change of fragment
    page.wait_for_timeout(200)
    assert console.errors == []


def test_search_shows_more_results_on_request(browser: Browser, tmp_path: Path) -> None:
    """Search listed the first 20 results of a hundred and offered no way to the rest: a
    button shows 20 more at a time, moves the focus to the first of them, and goes once
    every result is listed."""
    from bench.gen_corpus import generate

    content, out = tmp_path / "content", tmp_path / "site"
    generate(100, 3, content, jobs=1)
    assert run_cli("build", "--content", str(content), "--out", str(out)).code == 0
    with served(out) as url:
        page, console = new_page(browser)
        page.goto(url + "search/?q=report")
        results = page.locator(".search-results li")
        status = page.locator(".search-status")
        page.wait_for_function("() => document.querySelector('.search-status').textContent")
        total = int(status.inner_text().split()[0])
        assert total > 40 and results.count() == 20
        assert status.inner_text() == f"{total} results, showing the first 20."
        more = page.get_by_role("button", name="Show more results")
        more.click()
        page.wait_for_function("() => document.querySelectorAll('.search-results li').length > 20")
        assert results.count() == 40
        assert status.inner_text() == f"{total} results, showing the first 40."
        assert results.nth(20).locator("a").evaluate("a => a === document.activeElement")
        while more.is_visible():
            shown = results.count()
            more.click()
            page.wait_for_function(
                "n => document.querySelectorAll('.search-results li').length > n", arg=shown
            )
        hrefs = page.locator(".search-results h2 a").evaluate_all("as => as.map(a => a.href)")
        assert len(hrefs) == len(set(hrefs)) == total
        assert status.inner_text() == f"{total} results."
        assert console.errors == []


@pytest.mark.parametrize("scripts", [False, True])
def test_search_forms_show_only_where_they_can_work(
    browser: Browser, base: str, scripts: bool
) -> None:
    """Search runs in the browser. Without scripts, the home page showed a search form that
    led to a page saying so, and that page showed its form too: now neither is shown, and
    the search page says how else to find a page."""
    page, console = new_page(browser, java_script_enabled=scripts)
    page.goto(base)
    assert page.get_by_role("search").is_visible() is scripts
    page.goto(base + "search/")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("search").is_visible() is scripts
    needs = page.locator("noscript p")  # which Playwright's text search leaves out
    assert needs.is_visible() is not scripts
    if not scripts:
        assert "needs JavaScript" in needs.inner_text()
    assert console.errors == []


SERVE_TABS = (
    "",
    "articles/",
    "concepts/",
    "speakers/",
    "concepts/growth/",
    "concepts/tesik-plan/",
    "articles/2022-07-09-second/",
    "articles/2021-03-04-lorem-report/",
    "speakers/speaker-7/",
)


def test_serve_opens_many_tabs_at_once_and_reloads_each(browser: Browser, tmp_path: Path) -> None:
    """The preview's reload script held a request open in every page until the next build:
    a browser opens six connections to a host, so the seventh tab took 20 s to load."""
    from test_serve import ARTICLE, serving

    with serving(tmp_path) as (root, content, _):
        context = browser.new_context()
        pages = []
        for path in SERVE_TABS:
            page = context.new_page()
            started = time.monotonic()
            response = page.goto(f"{root}/repo/{path}", wait_until="domcontentloaded")
            assert response is not None and response.status == 200, path
            assert time.monotonic() - started < 5, f"{path} took {time.monotonic() - started}s"
            pages.append(page)
        for page in pages:  # gone once the page is loaded again
            page.evaluate("window.notReloaded = true")
        article = content / ARTICLE
        article.write_text(article.read_text(encoding="utf-8") + "\nSaved.\n", encoding="utf-8")
        for page in pages:
            page.wait_for_function("() => !window.notReloaded", timeout=15_000)
        context.close()


def test_scripts_speak_the_sites_language(browser: Browser, tmp_path: Path) -> None:
    """On a Chinese site, what the scripts write is Chinese too: the concept filter's count,
    the copy button's answer, and search's result count and page kinds."""
    from concordance.labels import for_language
    from tests.test_labels import fill, site_in

    out = site_in(tmp_path, "zh", search=True)
    words = for_language("zh")
    with served(out) as url:
        page, console = new_page(browser, permissions=["clipboard-read", "clipboard-write"])
        page.goto(url + "concepts/")
        page.get_by_label(words.text("filter_concepts")).fill("growth")
        total = page.locator(".concept-list li").count()
        shown = page.locator(".concept-list li:visible").count()
        status = fill(words.text("filter_status", total), {"shown": shown, "n": total})
        assert page.locator("#concept-filter-status").inner_text() == status
        page.goto(url + "speakers/speaker-7/")
        page.get_by_role("button", name=words.text("copy_citation")).first.click()
        assert page.locator("button.copy-cite.copied").inner_text() == words.text("citation_copied")
        hits = _search(page, url, "growth")
        count = page.locator(".search-status").inner_text()
        assert count == fill(words.text("results_count", len(hits)), {"n": len(hits)})
        kinds = set(page.locator(".result-kind").all_inner_texts())
        assert kinds and kinds <= {
            words.text(f"kind_{k}") for k in ("concept", "article", "speaker")
        }
        _search(page, url, "qqqzzz")
        assert page.locator(".search-status").inner_text() == words.text("no_results")
        assert console.errors == []


def test_search_works_on_a_site_whose_language_tag_the_browser_refuses(
    browser: Browser, tmp_path: Path
) -> None:
    """``en-gb-oed`` is a valid language tag that Chromium's ``Intl.PluralRules`` refuses:
    search reads its language alone rather than stop with an error."""
    from tests.test_labels import site_in

    with served(site_in(tmp_path, "en-gb-oed", search=True)) as url:
        page, console = new_page(browser)
        assert _search(page, url, "growth")
        assert re.fullmatch(r"\d+ results?\.", page.locator(".search-status").inner_text())
        page.goto(url + "concepts/")
        page.get_by_label("Filter concepts").fill("growth")
        assert re.fullmatch(
            r"\d+ of \d+ concepts?", page.locator("#concept-filter-status").inner_text()
        )
        assert console.errors == []


def test_counts_the_scripts_write_group_digits_as_the_pages_do(
    browser: Browser, tmp_path: Path
) -> None:
    """Past a thousand, the concept filter's count and search's (in its status and its
    filters) group digits as the build does (``de-CH``: ``1'002``), not as written."""
    from tests.test_labels import many_statements_site

    words = labels_for("de-CH")
    with served(many_statements_site(tmp_path, "de-CH", topics=True)) as url:
        page, console = new_page(browser)
        page.goto(url + "concepts/")
        page.get_by_label(words.text("filter_concepts")).fill("o")
        status = page.locator("#concept-filter-status").inner_text()
        assert re.fullmatch(r"1'00\d \D+ 1'002\D*", status), status
        _search(page, url, "zorp")
        assert re.match(r"1'00\d \D", page.locator(".search-status").inner_text())
        speakers = page.locator('select[data-filter="speaker"] option').all_inner_texts()
        assert any(re.fullmatch(r"Speaker 7 \(\d'\d{3}\)", o) for o in speakers), speakers
        assert console.errors == []


def labels_for(tag: str) -> Any:
    from concordance.labels import for_language

    return for_language(tag)
