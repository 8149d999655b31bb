"""sitemap.xml (every HTML page the site serves, absolute URLs), robots.txt and CNAME."""

from __future__ import annotations

import datetime as dt

from concordance import urls
from concordance.config import SiteConfig
from concordance.emit.dates import statement_updated
from concordance.emit.xmlout import document, el
from concordance.index import SiteIndex
from concordance.pages import Page

SITEMAP = "sitemap.xml"
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


def sitemap(config: SiteConfig, paths: list[str], dates: dict[str, dt.date]) -> Page:
    entries = []
    for path in sorted(set(paths)):
        loc = el("loc", urls.absolute(config.base_url, path))
        lastmod = [el("lastmod", dates[path].isoformat())] if path in dates else []
        entries.append(el("url", None, loc, *lastmod))
    root = el("urlset", None, *entries, xmlns="http://www.sitemaps.org/schemas/sitemap/0.9")
    return Page(SITEMAP, document(root))


def robots(config: SiteConfig) -> Page:
    """Crawlers read robots.txt only at a host's root: it takes effect with a custom domain."""
    text = f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(config.base_url, SITEMAP)}\n"
    return Page("robots.txt", text.encode())


def cname(config: SiteConfig) -> Page | None:
    return Page("CNAME", f"{config.cname}\n".encode()) if config.cname else None
