"""Hostile content never executes: the XSS fixture, link schemes, front-matter URLs, CSP.

tests/fixtures/hostile-xss holds script-injection vectors in every front-matter field
(site.yaml included), in concept definitions and in the article body. It must build, and
``scan_site`` (test_security_scan.py) must find nothing executable in any output file.
The browser test at the end loads every page in headless Chromium and fails on any
dialog, any script error from our content, or any CSP violation (which would mean
something tried to run).
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO, CliRun, build_one_article, copy_content, run_cli
from test_security_scan import scan_site

from concordance.markdown import is_safe_url, render_markdown

XSS = FIXTURES / "hostile-xss" / "content"
ARTICLE = "articles/2021-05-06-xss-everywhere/index.html"


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xss") / "site"
    result = run_cli("build", "--content", str(XSS), "--out", str(out), "--quiet")
    assert result.code == 0, result.stderr
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_nothing_executable_in_any_output_file(xss_site: Path) -> None:
    assert scan_site(xss_site) == []


def test_every_page_forbids_inline_script(xss_site: Path) -> None:
    pages = sorted(xss_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        metas = soup(page).select('head meta[http-equiv="Content-Security-Policy"]')
        assert metas, page
        policy = str(metas[0]["content"])
        assert "'unsafe-inline'" not in policy.split("script-src", 1)[-1].split(";")[0], page


def test_hostile_values_are_shown_as_text(xss_site: Path) -> None:
    doc = soup(xss_site / ARTICLE)
    assert doc.h1 is not None
    assert doc.h1.get_text() == "<script>alert('title')</script> & \"quotes\" </title>"
    facts = {dt.get_text(): dt.find_next_sibling("dd") for dt in doc.select("dl.facts dt")}
    assert facts["Place"].get_text() == "<svg/onload=alert('place')>"
    assert facts["Source"].get_text() == "</script><script>alert('source')</script>"
    assert "\"><img src=x onerror=alert('speaker')>" in facts["Speaker"].get_text()
    original = facts["Original"].a
    # The address is published as a URI: what could break out of the attribute is encoded.
    assert original["href"].startswith("https://example.org/a?b=%22%3E%3Cscript%3E")
    title = doc.title.get_text() if doc.title else ""
    assert title.endswith("</title><script>alert('site-title')</script>")


def test_body_markup_is_text_and_unsafe_links_are_not_links(xss_site: Path) -> None:
    body = soup(xss_site / ARTICLE).select_one("div.body")
    assert body is not None
    assert body.find(["script", "img", "iframe", "svg"]) is None
    # The one div is our box around the table written in HTML; no element keeps a handler.
    assert [div["class"] for div in body.find_all("div")] == [["table-scroll"]]
    assert [e.name for e in body.find_all(True) if any(a.startswith("on") for a in e.attrs)] == []
    assert body.select_one("td").get_text() == "<script>alert('cell')</script>"
    # In <pre>, tags are left out and references read, as text of the code shown.
    assert body.select_one("pre code").get_text() == "<script>alert('pre')</script> alert('pre')\n"
    assert "<script>alert('heading')</script>" in body.find("h2").get_text()
    hrefs = [a["href"] for a in body.find_all("a") if "chip" not in (a.get("class") or [])]
    assert hrefs == ["https://example.org"]
    text = body.get_text()
    assert "<img src=x onerror=alert('body')>" in text
    assert "[plain js](javascript:alert('link'))" in text


def test_concept_definition_is_escaped(xss_site: Path) -> None:
    doc = soup(xss_site / "concepts" / "script-alert-concept-script" / "index.html")
    assert doc.h1 is not None
    assert doc.h1.get_text(strip=True) == "<script>alert('concept')</script>"
    assert "<svg onload=alert('alias')>" in doc.get_text()
    hrefs = [str(a.get("href", "")) for a in doc.find_all("a")]
    assert hrefs
    assert not [h for h in hrefs if h.lower().startswith(("javascript", "data"))]


def test_quote_marks_keep_markup_as_text(xss_site: Path) -> None:
    doc = soup(xss_site / ARTICLE)
    marks = {str(m["data-quote"]): m.get_text() for m in doc.select("mark.quote")}
    assert marks["q-closing"] == "closing </script> and <!-- in ld+json strings"
    assert "Speaker 7 wrote <script>alert('quote')</script> in a sentence" in marks.values()


def test_json_ld_carries_hostile_text_without_ending_its_script(xss_site: Path) -> None:
    doc = soup(xss_site / ARTICLE)
    blocks = doc.select('script[type="application/ld+json"]')
    assert blocks
    text = json.dumps([json.loads(b.string or "") for b in blocks], ensure_ascii=False)
    assert "</script><!--<script>" in text  # the vector reached the JSON-LD, decoded
    assert not [b for b in blocks if "</script" in (b.string or "").lower()]


SAFE_URLS = [
    "https://example.org/a?b=c#d",
    "HTTP://EXAMPLE.ORG",
    "mailto:someone@example.org",
    "../concepts/x/",
    "#q-1",
    "?q=1",
    "page.html",
    "a/b:c",  # a colon after a slash is a path, not a scheme
    "",
]
UNSAFE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x00javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "file:///etc/passwd",
    "blob:https://example.org/x",
    "jar:https://example.org/x!/",
    "ftp://example.org",
    "\u0000\u001f\u007fjavascript:alert(1)",
]


@pytest.mark.parametrize("url", SAFE_URLS)
def test_safe_urls_are_allowed(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_unsafe_urls_are_refused(url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize("url", [u for u in UNSAFE_URLS if "\n" not in u])
def test_unsafe_links_render_as_text(url: str) -> None:
    html, _ = render_markdown(f"[x]({url}) and <{url}> and ![y]({url})\n\n[r]: {url}\n\n[r]\n")
    doc = BeautifulSoup(html, "lxml")
    assert doc.find_all(["a", "img"]) == []


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "/relative/path",
        "ftp://example.org/",
        "https:evil.example",
        "mailto:someone@example.org",
        "https://exa mple.org/",
        "https://example.org/zorp glorp",
        "https://example.org/%zz",
        "https://example.org/a#b#c",
        "https://example.org:99999/story",
        "https://editor:secret@example.org/story",
        "https://exa^mple.org/story",
        "https://a..b/story",
        # A host in brackets that is no IP address: urlsplit raised, a traceback.
        "https://[zz]/glorp-ü",
        "https://[::1/glorp-ü",
        "https://[::1]x/story",
    ],
)
def test_front_matter_url_must_be_absolute_http(tmp_path: Path, url: str) -> None:
    content = copy_content("basic", tmp_path)
    article = content / "articles" / "2022-07-09-second.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("---\n", f"---\nurl: '{url}'\n", 1), encoding="utf-8")
    result = run_cli("check", "--content", str(content))
    assert result.code == 1
    assert f"{article.relative_to(tmp_path).as_posix()}:2:6: error:" in result.stderr.replace(
        str(tmp_path) + "/", ""
    )
    assert "[url-invalid]" in result.stderr


@pytest.mark.parametrize(
    ("url", "hint"),
    [
        ("www.example.org/glorp", "write https://www.example.org/glorp"),
        ("//example.org/glorp", "write https://example.org/glorp"),
        ("TBD", "e.g. https://example.org/story"),
        ("javascript:alert(1)", "e.g. https://example.org/story"),
    ],
)
def test_a_url_without_its_scheme_is_told_the_address_meant(
    tmp_path: Path, url: str, hint: str
) -> None:
    """``url: www.example.org/glorp``, as an address bar shows it, was told only an example."""
    content = copy_content("basic", tmp_path)
    article = content / "articles" / "2022-07-09-second.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("---\n", f"---\nurl: '{url}'\n", 1), encoding="utf-8")
    result = run_cli("check", "--content", str(content), "--format", "json")
    found = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "url-invalid"]
    assert [d["hint"] for d in found] == [hint]


@pytest.mark.parametrize(
    "base_url",
    [
        'https://example.org/x"><script>alert(1)</script>/',
        "https://example.org/a b/",
        "javascript:alert(1)//",
        "https://example.org/?q=<x>",
        "//example.org/",
        "https://example.org:99999/",
        "https://user@example.org/",
        "https://user.github.io//cdn.example/",
        "https://user.github.io/repo//",
        "https://user.github.io/repo/index.html",
        "https://[::1/repo/",
        "https://[zz]/repo/",
        "https://[::1]x/repo/",
    ],
)
def test_hostile_base_url_is_refused(tmp_path: Path, base_url: str) -> None:
    _check_refuses(tmp_path, "base_url", base_url, "url-invalid")


@pytest.mark.parametrize(
    ("base_url", "mended"),
    [
        ("https://user.github.io//cdn.example/", "https://user.github.io/cdn.example/"),
        ("https://user.github.io/repo//", "https://user.github.io/repo/"),
        ("https://user.github.io/repo/index.html", "https://user.github.io/repo/"),
        # A browser reads %2e as a dot: the 404 page's /%2e%2e/x/static/site.js is /static/...
        ("https://user.github.io/%2e%2e/x/", "https://user.github.io/x/"),
        ("https://user.github.io/repo/.%2E/", "https://user.github.io/"),
    ],
)
def test_a_base_url_that_is_no_folder_is_refused_with_the_folder_meant(
    tmp_path: Path, base_url: str, mended: str
) -> None:
    """The 404 page links from the site's root: under ``https://user.github.io//cdn.example/``
    it loaded ``//cdn.example/static/site.js``, another host's script, and under
    ``https://user.github.io/%2e%2e/x/`` the scripts of the site at the host's root."""
    content = copy_content("basic", tmp_path)
    line = _set_in_config(content, "base_url", base_url)
    out = tmp_path / "site"
    for command in (("check", "--strict"), ("build", "--out", str(out), "--no-search")):
        result = run_cli(*command, "--content", str(content))
        assert result.code == 1
        lines = result.stderr.splitlines()
        at = next(i for i, text in enumerate(lines) if f"site.yaml:{line}:11: error:" in text)
        assert lines[at].endswith("[url-invalid]")
        assert lines[at + 1] == f"    hint: write {mended}"
    assert not out.exists()


@pytest.mark.parametrize("language", ["../../../escaped", 'en" onload="x', "en/../x", "e n"])
def test_language_tag_cannot_name_files_outside_the_site(tmp_path: Path, language: str) -> None:
    """The language names the search index's files: a path in it once wrote outside site/."""
    content = copy_content("basic", tmp_path)
    _set_in_config(content, "language", language)
    out = tmp_path / "deep" / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out))
    assert result.code == 1
    assert "[language-invalid]" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) in (["content"], ["content", "deep"])
    if out.parent.exists():  # the cache may be there; no site, no lock and no index files
        assert {p.name for p in out.parent.iterdir()} <= {".cache"}


@pytest.mark.parametrize("language", ["english", "cn", "en_US", "en-12", "en-a", "eng-"])
def test_language_must_be_a_language_tag(tmp_path: Path, language: str) -> None:
    """It is every page's ``lang``: these made every page invalid HTML (the Nu HTML Checker:
    'Bad value “cn” for attribute “lang”')."""
    _check_refuses(tmp_path, "language", language, "language-invalid")


@pytest.mark.parametrize(
    ("language", "hint"),
    [
        ("English", "write en"),
        ("german", "write de"),
        ("en_US", "write en-US"),
        ("cn", "e.g. en, zh-Hans or pt-BR (ISO 639 language codes: zh, not the country code cn)"),
    ],
)
def test_a_language_named_as_no_tag_is_told_the_tag(
    tmp_path: Path, language: str, hint: str
) -> None:
    """``language: English`` or a locale's name (``en_US``) was told the form of a tag, not
    the tag meant."""
    content = copy_content("basic", tmp_path)
    _set_in_config(content, "language", language)
    result = run_cli("check", "--content", str(content), "--format", "json")
    found = json.loads(result.stdout)["diagnostics"]
    assert [d["hint"] for d in found if d["code"] == "language-invalid"] == [hint]


@pytest.mark.parametrize("language", ["zh-Hans", "pt-BR", "es-419", "yue", "en-GB-oed"])
def test_language_tags_are_the_pages_lang(tmp_path: Path, language: str) -> None:
    content = copy_content("basic", tmp_path)
    _set_in_config(content, "language", language)
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    assert soup(out / "index.html").html["lang"] == language


# --- headless Chromium ---------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Runs before any page script: records CSP violations, which only happen when
# something that is not our own script file tried to run.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sample);
});
"""


@pytest.fixture(scope="module")
def served_xss_site(xss_site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(xss_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def browser_pages(site: Path) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    if "search/index.html" in pages:
        # Search results are built in the browser from the index: render some hostile ones.
        pages += ["search/index.html?q=alert", "search/index.html?q=script"]
    return pages


def test_no_script_runs_in_chromium(xss_site: Path, served_xss_site: str) -> None:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (apt-get install chromium)")
        pytest.skip("no Chromium on this machine")
    sync_api = pytest.importorskip("playwright.sync_api")
    dialogs: list[str] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.add_init_script(RECORD_VIOLATIONS)
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("pageerror", lambda e: errors.append(str(e)))
            for path in browser_pages(xss_site):
                page.goto(served_xss_site + path, wait_until="load")
                page.wait_for_timeout(150 if "?q=" not in path else 1200)
                # Focus and hover everything, so handlers that need an event would fire.
                page.evaluate(
                    "for (const e of document.querySelectorAll('*')) {"
                    " for (const t of ['mouseover', 'focus', 'click', 'load', 'error'])"
                    "  if (!(e.tagName === 'A' && t === 'click')) e.dispatchEvent(new Event(t)); }"
                )
                if "?q=alert" in path:
                    # The results were rendered, and hostile titles in them are text.
                    assert "<script>alert('title')</script>" in page.inner_text("body")
                violations = page.evaluate("window.__violations")
                assert violations == [], (path, violations)
                assert page.evaluate("typeof window.__xss") == "undefined", path
        finally:
            browser.close()
    assert dialogs == []
    assert errors == []


def test_output_is_deterministic_and_holds_no_local_paths(tmp_path: Path, xss_site: Path) -> None:
    """Rebuilt elsewhere (another absolute path, another clock): byte-identical, and no
    file names the machine it was built on."""
    content = copy_content("hostile-xss", tmp_path / "elsewhere")
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "12345"}
    env.pop("SOURCE_DATE_EPOCH", None)
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "build.py"),
            "build",
            "--content",
            str(content),
            "--out",
            str(tmp_path / "again"),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    again = tmp_path / "again"
    first = {
        p.relative_to(xss_site).as_posix(): p.read_bytes()
        for p in xss_site.rglob("*")
        if p.is_file()
    }
    second = {
        p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()
    }
    assert sorted(first) == sorted(second)
    differing = [k for k in first if first[k] != second[k]]
    assert differing == [], [(first[k][:3000], second[k][:3000]) for k in differing[:1]]
    today = dt.date.today().isoformat().encode()
    local = [
        str(tmp_path).encode(),
        str(xss_site.parent).encode(),
        str(REPO).encode(),
        os.path.expanduser("~").encode() + b"/",
        today,
    ]
    for name, data in second.items():
        assert not [m for m in local if m in data], name


def test_an_international_address_is_published_as_a_uri(tmp_path: Path) -> None:
    """Letters of other scripts in a source's address are percent-encoded, the host in its
    ASCII form, so the feeds, JSON-LD and data export carry URIs (as their schema says)."""
    content = copy_content("basic", tmp_path)
    article = content / "articles" / "2022-07-09-second.md"
    text = article.read_text(encoding="utf-8")
    url = "https://例え.jp/パス?q=glorp#zelt"
    article.write_text(text.replace("---\n", f"---\nurl: '{url}'\n", 1), encoding="utf-8")
    out = tmp_path / "site"
    base = "https://user.github.io/répo"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--base-url", base)
    assert result.code == 0, result.stderr
    data = json.loads((out / "data" / "concordance.json").read_text(encoding="utf-8"))
    sources = {a["source_url"] for a in data["articles"] if a.get("source_url")}
    assert sources == {"https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9?q=glorp#zelt"}
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://user.github.io/r%C3%A9po/" in sitemap and "répo" not in sitemap


def _set_in_config(content: Path, key: str, value: str) -> int:
    """``key: 'value'`` as the last line of the content's site.yaml, in place of the key's
    line; the number of the line it is on."""
    config = content / "site.yaml"
    lines = [line for line in config.read_text().splitlines() if not line.startswith(key)]
    config.write_text("\n".join([*lines, f"{key}: '{value}'"]) + "\n")
    return len(lines) + 1


def test_a_link_shown_as_text_is_a_located_warning(tmp_path: Path) -> None:
    """A body link whose address is unsafe or no valid URL stays the text the editor wrote:
    ``check`` says so at the address, and the page holds the text, not a link."""
    content = copy_content("basic", tmp_path)
    article = content / "articles" / "2022-07-09-second.md"
    text = article.read_text(encoding="utf-8")
    line = text.count("\n") + 2
    links = "See [a](https://example.org:99999/x), [b](javascript:alert(1)) and [c](https://example.org/)."
    article.write_text(f"{text}\n{links}\n", encoding="utf-8")
    result = run_cli("check", "--content", str(content))
    assert result.code == 0, result.stderr
    warned = [w for w in result.stderr.splitlines() if w.endswith("[link-invalid]")]
    at = f"{article}:{line}:"
    assert warned == [
        f"{at}{links.index('https://example.org:99999') + 1}: warning: not a link: "
        "'https://example.org:99999/x' is shown as text (its port '99999' is not a number up"
        " to 65535) [link-invalid]",
        f"{at}{links.index('javascript') + 1}: warning: not a link: 'javascript:alert(1)' is"
        " shown as text (its scheme is not allowed) [link-invalid]",
    ]
    out = tmp_path / "site"
    assert run_cli("build", "--content", str(content), "--out", str(out), "--no-search").code == 0
    page = soup(out / "articles" / article.stem / "index.html")
    hrefs = [a["href"] for a in page.select("main a[href^='https://example.org']")]
    assert hrefs == ["https://example.org/"]
    assert "[b](javascript:alert(1))" in page.get_text()


def test_a_link_shown_as_text_in_a_concept_is_a_located_warning(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    concept = sorted((content / "concepts").glob("*.md"))[0]
    text = concept.read_text(encoding="utf-8")
    concept.write_text(f"{text}\nSee [a](https://a..b/).\n", encoding="utf-8")
    result = run_cli("check", "--content", str(content))
    assert result.code == 0, result.stderr
    line = text.count("\n") + 2
    assert f"{concept}:{line}:9: warning: not a link: 'https://a..b/'" in result.stderr


def test_links_shown_as_text_are_counted_past_twenty(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    article = content / "articles" / "2022-07-09-second.md"
    links = " ".join(f"[x](https://{n}..b/)" for n in range(25))
    article.write_text(article.read_text(encoding="utf-8") + f"\n{links}\n", encoding="utf-8")
    result = run_cli("check", "--content", str(content))
    warned = [w for w in result.stderr.splitlines() if w.endswith("[link-invalid]")]
    assert len(warned) == 20
    assert "'https://19..b/'" in warned[-1] and "(and 5 more links shown as text)" in warned[-1]


def _check_refuses(tmp_path: Path, key: str, value: str, code: str) -> None:
    """``check`` of the basic fixture with ``key: value`` in site.yaml fails with ``code``,
    located at the value."""
    content = copy_content("basic", tmp_path)
    line = _set_in_config(content, key, value)
    result = run_cli("check", "--content", str(content))
    assert result.code == 1
    assert f"site.yaml:{line}:11: error:" in result.stderr
    assert f"[{code}]" in result.stderr


def test_a_direction_override_left_open_is_closed_and_reported(tmp_path: Path) -> None:
    """A right-to-left override (U+202E) a title or name never closes turns around all that
    a page, a feed or a copied citation shows after it: closed at the value's end, with a
    warning where it is written."""
    front = (
        'title: "Zelt \u202eplan"\n'
        "date: 2024-01-02\n"
        'speaker: "Speaker \u202eAlpha"\n'
        "quotes:\n"
        "  - text: the zelt plan holds\n"
        "    concepts: [zelt plan]\n"
    )
    built = build_one_article(tmp_path, "2024-01-02-zelt", front, "So the zelt plan holds.\n")
    warnings = [line for line in built.built.stderr.splitlines() if "[direction-unclosed]" in line]
    assert [line.split(": warning: ")[0].rsplit(":", 2)[1:] for line in warnings] == [
        ["2", "14"],  # at the override itself, not the value's start
        ["4", "19"],
    ], built.built.stderr
    site = tmp_path / "site"
    for page in site.rglob("*.html"):
        for text in re.findall(r"<title>(.*?)</title>|data-citation=\"(.*?)\"", page.read_text()):
            shown = "".join(text)
            assert shown.count("\u202e") == shown.count("\u202c"), (page, shown)


# --- what a repository brings beside the output -------------------------------------------


class _Payload:
    """Unpickled, makes the folder ``marker``: the code a committed cache would run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.marker),))


def _build_beside(root: Path, *more: str) -> CliRun:
    out = str(root / "site")
    return run_cli("build", "--content", str(root / "content"), "--out", out, "--no-search", *more)


def test_a_build_cache_that_came_with_the_repository_is_never_loaded(tmp_path: Path) -> None:
    """Git commits the ignored ``.cache/`` when told to (``git add -f``), and loading its
    pickles ran their author's code in the next build of a fresh checkout: the deploy's, and
    every pull request's CI build. Written anew, as a checkout writes it, its owner files
    included, the cache is discarded unread; the build's own is used by the next build."""
    made = tmp_path / "made"
    copy_content("basic", made)
    assert _build_beside(made).code == 0
    cache = made / ".cache" / "concordance-site"
    marker = tmp_path / "ran"
    for file in cache.glob("*.pickle"):
        file.write_bytes(pickle.dumps(_Payload(marker)))
    checkout = tmp_path / "checkout"
    shutil.copytree(
        made, checkout, ignore=lambda folder, names: ["site"] if folder == str(made) else []
    )
    built = _build_beside(checkout)
    assert not marker.exists()
    assert built.code == 0, built.stderr
    copied = checkout / ".cache" / "concordance-site"
    assert (copied / "owner.id").read_text() != (cache / "owner.id").read_text()
    site = (checkout / "site").stat().st_ino
    again = _build_beside(checkout)
    assert again.code == 0, again.stderr
    assert (checkout / "site").stat().st_ino == site  # nothing to do: the site stays in place
    assert not marker.exists()


@pytest.mark.parametrize("clean", [False, True])
def test_a_cache_folder_linked_elsewhere_is_refused(tmp_path: Path, clean: bool) -> None:
    """A ``.cache`` committed as a symbolic link had the build fill, and ``--clean`` delete,
    the folder it leads to."""
    copy_content("basic", tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "concordance-site").mkdir(parents=True)
    (elsewhere / "concordance-site" / "keep.txt").write_text("not the build's", encoding="utf-8")
    (tmp_path / ".cache").symlink_to(elsewhere, target_is_directory=True)
    built = _build_beside(tmp_path, *(["--clean"] if clean else []))
    assert built.code == 2
    assert f"{tmp_path / '.cache'} is a symbolic link" in built.stderr
    assert "Traceback" not in built.stderr
    assert sorted(p.relative_to(elsewhere).as_posix() for p in elsewhere.rglob("*")) == [
        "concordance-site",
        "concordance-site/keep.txt",
    ]
    assert not (tmp_path / "site").exists()


def test_links_in_place_of_the_cache_and_lock_are_removed_not_followed(tmp_path: Path) -> None:
    """A committed link named as the cache folder, or as the lock file beside the output, had
    the build write where it leads (a cache, a new file)."""
    copy_content("basic", tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not the build's", encoding="utf-8")
    cache = tmp_path / ".cache" / "concordance-site"
    cache.parent.mkdir()
    cache.symlink_to(elsewhere, target_is_directory=True)
    (tmp_path / ".site.lock").symlink_to(tmp_path / "made-by-the-lock")
    built = _build_beside(tmp_path)
    assert built.code == 0, built.stderr
    assert [p.name for p in elsewhere.iterdir()] == ["keep.txt"]
    assert not (tmp_path / "made-by-the-lock").exists()
    assert cache.is_dir() and not cache.is_symlink()
    assert sorted(p.name for p in cache.parent.iterdir()) == ["concordance-site"]


@pytest.mark.parametrize("make", [os.mkdir, os.mkfifo], ids=["folder", "named-pipe"])
def test_a_lock_file_that_is_no_file_is_a_message_naming_it(
    tmp_path: Path, make: Callable[[Path], None]
) -> None:
    """Committed so, it ended the build with ``Is a directory: .site.lock`` or ``File or
    stream is not seekable``, naming neither the file nor what to do."""
    copy_content("basic", tmp_path)
    make(tmp_path / ".site.lock")
    built = _build_beside(tmp_path)
    assert built.code == 2
    assert built.stderr == (
        f"build.py: {tmp_path / '.site.lock'} is not a file: the build locks its output with"
        " it; remove it\n"
    )
    assert not (tmp_path / "site").exists()


def test_a_cache_folder_that_is_a_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    copy_content("basic", tmp_path)
    (tmp_path / ".cache").write_text("committed", encoding="utf-8")
    built = _build_beside(tmp_path)
    assert built.code == 2
    assert built.stderr.startswith(f"build.py: {tmp_path / '.cache'} is not a folder:")
    assert (tmp_path / ".cache").read_text(encoding="utf-8") == "committed"
