"""sitemap.xml (every HTML page the site serves, absolute URLs), robots.txt and CNAME."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from operator import attrgetter

from concordance import urls
from concordance.config import SiteConfig
from concordance.emit.xmlout import Element, Written, document, el, escape_text
from concordance.index import SiteIndex
from concordance.model import Slug, Statement
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
    published = {slug: article.date for slug, article in index.articles.items()}
    for article in index.articles.values():
        dates[urls.article_path(article.slug)] = article.date
    for slug, statements in index.by_concept.items():
        dates[urls.concept_path(slug)] = newest_update(statements, published)
    for path, day in _topic_dates(index, published).items():
        dates[path] = max(day, dates.get(path, day))
    for slug, statements in index.by_speaker.items():
        dates[urls.speaker_path(slug)] = newest_update(statements, published)
    if index.articles:
        newest = max(a.date for a in index.articles.values())
        for listing in (urls.home_path(), urls.articles_path()):
            dates[listing] = newest
    return dates


_said_on = attrgetter("date")
_said_in = attrgetter("article")


def newest_update(statements: Sequence[Statement], published: Mapping[Slug, dt.date]) -> dt.date:
    """The latest ``statement_updated`` of ``statements`` (each article's date in
    ``published``): the newest of the dates they were said and of those their articles were
    published, read in C. The parent takes them alone (``emit.with_sitemap``): at N=5000,
    calling ``statement_updated`` for each of a concept's or speaker's statements (130,000
    calls) took some 0.07 s, after the last page with the cores idle."""
    newest_said: dt.date = max(map(_said_on, statements))
    newest_published = max(map(published.__getitem__, map(_said_in, statements)))
    return max(newest_said, newest_published)


def _topic_dates(index: SiteIndex, published: Mapping[Slug, dt.date]) -> dict[str, dt.date]:
    """Each concept page's newest article naming the concept as a topic: the page lists
    those articles, so it changed when the newest was published, quoted there or not."""
    return {
        urls.concept_path(slug): max(map(published.__getitem__, articles))
        for slug, articles in index.articles_by_concept.items()
    }


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
    entries = [url_entry(urls.absolute(config.base_url, path), dates.get(path)) for path in paths]
    return Page(name, document(el("urlset", None, *entries, xmlns=SITEMAPS_NS)))


def url_entry(loc: str, day: dt.date | None) -> Written:
    """A ``<url>`` of the sitemap, written as ``xmlout`` writes its element at depth 1, at
    once: the sitemap is made after the last page, with the cores idle, and the 5,600
    elements of a site of 5,000 articles took 0.04 s to make and write there."""
    lastmod = f"    <lastmod>{day.isoformat()}</lastmod>\n" if day is not None else ""
    return Written(f"  <url>\n    <loc>{escape_text(loc)}</loc>\n{lastmod}  </url>\n")


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
