"""sitemap.xml (every HTML page the site serves, absolute URLs), robots.txt and CNAME."""

from __future__ import annotations

import datetime as dt

from concordance import urls
from concordance.config import SiteConfig
from concordance.emit.dates import statement_updated
from concordance.emit.xmlout import Element, document, el
from concordance.index import SiteIndex
from concordance.pages import Page

SITEMAP = "sitemap.xml"
SITEMAPS_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000
"""Per sitemap file, as sitemaps.org allows: search engines refuse a longer one whole, so a
larger site's ``sitemap.xml`` is an index of ``sitemap-1.xml``, ``sitemap-2.xml``..."""
NOT_FOUND = "404.html"
"""Served for any missing address, so it is no page of its own to index."""


def page_path(output_file: str) -> str | None:
    """The URL path of an HTML output file (``concepts/x/`` for ``concepts/x/index.html``)."""
    if not output_file.endswith(".html") or output_file == NOT_FOUND:
        return None
    if output_file == "index.html" or output_file.endswith("/index.html"):
        return output_file[: -len("index.html")]
    return output_file


def last_modified(index: SiteIndex) -> dict[str, dt.date]:
    """Content dates of the pages that have one: articles, concepts and speakers."""
    dates: dict[str, dt.date] = {}
    for article in index.articles.values():
        dates[urls.article_path(article.slug)] = article.date
    for slug, statements in index.by_concept.items():
        dates[urls.concept_path(slug)] = max(statement_updated(index, s) for s in statements)
    for path, day in _topic_dates(index).items():
        dates[path] = max(day, dates.get(path, day))
    for slug, statements in index.by_speaker.items():
        dates[urls.speaker_path(slug)] = max(statement_updated(index, s) for s in statements)
    if index.articles:
        newest = max(a.date for a in index.articles.values())
        for listing in (urls.home_path(), urls.articles_path()):
            dates[listing] = newest
    return dates


def _topic_dates(index: SiteIndex) -> dict[str, dt.date]:
    """Each concept page's newest article naming the concept as a topic: the page lists
    those articles, so it changed when the newest was published, quoted there or not."""
    dates: dict[str, dt.date] = {}
    for article in index.articles.values():
        for slug in index.article_topics.get(article.slug, ()):
            path = urls.concept_path(slug)
            dates[path] = max(article.date, dates.get(path, article.date))
    return dates


def sitemaps(config: SiteConfig, paths: list[str], dates: dict[str, dt.date]) -> list[Page]:
    """``sitemap.xml`` listing every page; past ``MAX_URLS`` pages, an index of parts."""
    ordered = sorted(set(paths))
    if len(ordered) <= MAX_URLS:
        return [_urlset(config, SITEMAP, ordered, dates)]
    chunks = [ordered[start : start + MAX_URLS] for start in range(0, len(ordered), MAX_URLS)]
    parts = [_urlset(config, f"sitemap-{n}.xml", c, dates) for n, c in enumerate(chunks, 1)]
    entries = [
        el("sitemap", None, el("loc", urls.absolute(config.base_url, part.path)), *_lastmod(day))
        for part, day in zip(parts, [_newest(c, dates) for c in chunks], strict=True)
    ]
    index = Page(SITEMAP, document(el("sitemapindex", None, *entries, xmlns=SITEMAPS_NS)))
    return [index, *parts]


def _urlset(config: SiteConfig, name: str, paths: list[str], dates: dict[str, dt.date]) -> Page:
    entries = [
        el("url", None, el("loc", urls.absolute(config.base_url, path)), *_lastmod(dates.get(path)))
        for path in paths
    ]
    return Page(name, document(el("urlset", None, *entries, xmlns=SITEMAPS_NS)))


def _newest(paths: list[str], dates: dict[str, dt.date]) -> dt.date | None:
    return max((dates[p] for p in paths if p in dates), default=None)


def _lastmod(day: dt.date | None) -> list[Element]:
    return [el("lastmod", day.isoformat())] if day is not None else []


def robots(config: SiteConfig) -> Page:
    """Crawlers read robots.txt only at a host's root: it takes effect with a custom domain."""
    text = f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(config.base_url, SITEMAP)}\n"
    return Page("robots.txt", text.encode())


def cname(config: SiteConfig) -> Page | None:
    return Page("CNAME", f"{config.cname}\n".encode()) if config.cname else None
