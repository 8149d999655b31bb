"""The published site as a browser meets it: built for https://example.org/kb/, served
under /kb/ by a local HTTP server that answers missing addresses with 404.html (as
GitHub Pages does), and crawled from the home page over HTTP.

Every href and src (pages, stylesheets, scripts, icons, feeds, canonical links, the
search bundle) must answer 200, and every fragment must name an id in its target page.
Absolute links to the base URL are followed on the local server, so canonical links and
feed entries are checked too.
"""

from __future__ import annotations

import mimetypes
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import copy_content, run_cli

BASE_URL = "https://example.org/kb/"
PREFIX = "/kb/"
LINK_ATTRS = (
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("form", "action"),
)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


# --- a GitHub-Pages-like server ---------------------------------------------------------


def _handler(root: Path) -> type[BaseHTTPRequestHandler]:
    class Pages(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            file = self._file(path)
            if file is not None and file.is_dir():
                if not path.endswith("/"):
                    self._send(301, b"", "text/plain", location=path + "/")
                    return
                file = file / "index.html"
            if file is None or not file.is_file():
                self._send(404, (root / "404.html").read_bytes(), "text/html")
                return
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            self._send(200, file.read_bytes(), kind)

        def _file(self, path: str) -> Path | None:
            if not path.startswith(PREFIX):
                return None
            parts = [p for p in path[len(PREFIX) :].split("/") if p]
            if any(p in (".", "..") for p in parts):
                return None
            return root.joinpath(*parts)

        def _send(self, status: int, body: bytes, kind: str, location: str = "") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if location:
                self.send_header("Location", location)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: failures are reported by the assertions."""

    return Pages


@dataclass(frozen=True)
class Served:
    out: Path
    origin: str
    """``http://127.0.0.1:PORT``."""

    def local(self, url: str) -> str:
        """An absolute link to the published site, pointed at the local server."""
        return self.origin + PREFIX + url[len(BASE_URL) :] if url.startswith(BASE_URL) else url


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("crawl")
    out = tmp / "site"
    result = run_cli(
        "build",
        "--content",
        str(copy_content("publish", tmp)),
        "--out",
        str(out),
        "--base-url",
        BASE_URL,
    )
    assert result.code == 0, result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(out))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(out, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except HTTPError as exc:
        return exc.code, exc.headers.get_content_type(), exc.read()


# --- the crawler ----------------------------------------------------------------------


@dataclass
class Crawl:
    pages: dict[str, set[str]] = field(default_factory=dict)
    """Every HTML page fetched -> the ids it holds."""
    others: set[str] = field(default_factory=set)
    fragments: list[tuple[str, str, str]] = field(default_factory=list)
    """(page, target, fragment) to check once every page is known."""
    broken: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)


def links_in(html: bytes) -> tuple[list[str], set[str]]:
    page = BeautifulSoup(html, "lxml")
    found = [str(el[attr]) for tag, attr in LINK_ATTRS for el in page.find_all(tag) if el.get(attr)]
    found += [
        str(el["data-search-root"]) + "pagefind/pagefind.js"
        for el in page.find_all(attrs={"data-search-root": True})
    ]
    return found, {str(el["id"]) for el in page.find_all(id=True)}


def crawl(served: Served, start: str) -> Crawl:
    state = Crawl()
    queue = [start]
    seen = {start}
    while queue:
        url = queue.pop()
        status, kind, body = fetch(url)
        if status != 200:
            state.broken.append(f"{url}: HTTP {status}")
            continue
        if kind == "text/html":
            found, ids = links_in(body)
            state.pages[url] = ids
        else:
            state.others.add(url)
            found = CSS_URL.findall(body.decode()) if kind == "text/css" else []
        for raw in found:
            if raw.startswith(("mailto:", "data:", "javascript:")):
                continue
            target, fragment = urldefrag(served.local(urljoin(url, raw)))
            if not target.startswith(served.origin):
                state.external.add(target)
                continue
            if fragment:
                state.fragments.append((url, target, unquote(fragment)))
            if target not in seen:
                seen.add(target)
                queue.append(target)
    for page, target, fragment in state.fragments:
        if target in state.pages and fragment not in state.pages[target]:
            state.broken.append(f"{page}: #{fragment} is no id in {target}")
    return state


def html_files(out: Path) -> set[str]:
    files = set()
    for file in out.rglob("*.html"):
        rel = file.relative_to(out).as_posix()
        if rel != "404.html":
            files.add(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return files


# --- tests -----------------------------------------------------------------------------


def test_crawl_from_home_reaches_every_page_and_every_link_resolves(served: Served) -> None:
    result = crawl(served, served.origin + PREFIX)
    assert result.broken == []
    reached = {unquote(urlsplit(u).path)[len(PREFIX) :] for u in result.pages}
    assert reached == html_files(served.out)
    assert len(result.fragments) > 10, "the quote anchors are linked with fragments"
    local = {urlsplit(u).path[len(PREFIX) :] for u in result.others}
    assert {"static/style.css", "feed.xml", "pagefind/pagefind.js"} <= local
    assert any(p.startswith("concepts/") and p.endswith("/feed.xml") for p in local)


def test_404_page_links_resolve_when_served_deep(served: Served) -> None:
    missing = served.origin + PREFIX + "a/b/c/missing"
    status, kind, body = fetch(missing)
    assert (status, kind) == (404, "text/html")
    page = BeautifulSoup(body, "lxml")
    assert page.find("h1").get_text() == "Page not found"
    found, ids = links_in(body)
    stylesheets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert stylesheets and len(found) >= 5
    for raw in found:
        if raw.startswith("#"):
            assert raw[1:] in ids, raw
            continue
        target = served.local(urljoin(missing, raw))
        assert fetch(urldefrag(target)[0])[0] == 200, raw


def test_feeds_and_sitemap_point_at_pages_that_exist(served: Served) -> None:
    status, _, body = fetch(served.origin + PREFIX + "sitemap.xml")
    assert status == 200
    locs = re.findall(r"<loc>([^<]+)</loc>", body.decode())
    assert locs and all(loc.startswith(BASE_URL) for loc in locs)
    feeds = [served.origin + PREFIX + "feed.xml"] + [
        served.local(loc) + "feed.xml"
        for loc in locs
        if urlsplit(loc).path.count("/") == 4 and "/concepts/" in loc
    ]
    links = list(locs)
    for feed_url in feeds:
        feed = feedparser.parse(fetch(feed_url)[2])
        assert not feed.bozo, (feed_url, feed.get("bozo_exception"))
        links += [feed.feed.link] + [entry.link for entry in feed.entries]
    assert len(feeds) > 3
    pages: dict[str, set[str]] = {}
    for link in sorted(set(links)):
        target, fragment = urldefrag(served.local(link))
        if target not in pages:
            status, kind, body = fetch(target)
            assert (status, kind) == (200, "text/html"), link
            pages[target] = links_in(body)[1]
        assert not fragment or fragment in pages[target], link
