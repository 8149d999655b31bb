"""Atom feeds: the site's articles (``feed.xml``) and each concept's statements
(``concepts/<slug>/feed.xml``, next to the concept's page), newest first.

Ids are absolute URLs of the thing an entry is about (an article, or a quote's
anchor in its article), so they stay stable across rebuilds; ``updated`` comes
from content dates, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from concordance import urls
from concordance.config import SiteConfig
from concordance.emit.dates import statement_updated, timestamp
from concordance.emit.xmlout import document, element
from concordance.index import SiteIndex, statement_order
from concordance.model import Article, Concept, Slug, Statement
from concordance.render import Page

ATOM = "http://www.w3.org/2005/Atom"
SITE_FEED = "feed.xml"
TITLE_CHARS = 100


def concept_feed_path(slug: str) -> str:
    return urls.concept_path(slug) + "feed.xml"


def site_feed(index: SiteIndex, config: SiteConfig, fallback: dt.date) -> Page:
    articles = list(index.articles.values())  # newest first
    updated = max((a.date for a in articles), default=fallback)
    feed = _feed(config, SITE_FEED, urls.home_path(), config.title, updated)
    if config.description:
        element(feed, "subtitle", config.description)
    for article in articles:
        _article_entry(feed, index, config, article)
    return Page(SITE_FEED, document(feed))


def concept_feeds(index: SiteIndex, config: SiteConfig, fallback: dt.date) -> Iterator[Page]:
    for concept in index.concepts.values():
        yield concept_feed(index, config, concept, fallback)


def concept_feed(index: SiteIndex, config: SiteConfig, concept: Concept, fallback: dt.date) -> Page:
    statements = sorted(index.by_concept.get(concept.slug, ()), key=statement_order, reverse=True)
    updated = max((statement_updated(index, s) for s in statements), default=fallback)
    path = concept_feed_path(concept.slug)
    title = f"{concept.title} · {config.title}"
    feed = _feed(config, path, urls.concept_path(concept.slug), title, updated)
    if concept.summary:
        element(feed, "subtitle", concept.summary)
    for s in statements:
        _statement_entry(feed, index, config, s)
    return Page(path, document(feed))


def _feed(config: SiteConfig, path: str, page: str, title: str, updated: dt.date) -> ET.Element:
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": config.language})
    element(feed, "id", urls.absolute(config.base_url, page))
    element(feed, "title", title)
    element(feed, "updated", timestamp(updated))
    element(
        feed,
        "link",
        rel="self",
        type="application/atom+xml",
        href=urls.absolute(config.base_url, path),
    )
    element(
        feed, "link", rel="alternate", type="text/html", href=urls.absolute(config.base_url, page)
    )
    author = element(feed, "author")
    element(author, "name", config.author or config.title)
    return feed


def _article_entry(
    feed: ET.Element, index: SiteIndex, config: SiteConfig, article: Article
) -> None:
    href = urls.absolute(config.base_url, urls.article_path(article.slug))
    entry = element(feed, "entry")
    element(entry, "id", href)
    element(entry, "title", article.title)
    element(entry, "link", rel="alternate", type="text/html", href=href)
    element(entry, "published", timestamp(article.date))
    element(entry, "updated", timestamp(article.date))
    for slug in _article_concepts(index, article):
        element(
            entry,
            "category",
            term=slug,
            label=index.concepts[slug].title,
            scheme=urls.absolute(config.base_url, urls.concepts_path()),
        )
    if article.summary:
        element(entry, "summary", article.summary)


def _article_concepts(index: SiteIndex, article: Article) -> list[Slug]:
    found = list(index.article_topics.get(article.slug, ()))
    for quote in article.quotes:
        s = index.statements.get((article.slug, quote.id))
        found += s.concepts if s else ()
    return list(dict.fromkeys(found))


def _statement_entry(feed: ET.Element, index: SiteIndex, config: SiteConfig, s: Statement) -> None:
    article = index.articles[s.article]
    quote = next(q for q in article.quotes if q.id == s.quote_id)
    href = urls.absolute(config.base_url, f"{urls.article_path(article.slug)}#{quote.id}")
    speaker = index.speakers[s.speaker] if s.speaker else None
    entry = element(feed, "entry")
    element(entry, "id", href)
    element(entry, "title", _title(quote.text, speaker))
    element(entry, "link", rel="alternate", type="text/html", href=href)
    element(entry, "published", timestamp(s.date))
    element(entry, "updated", timestamp(statement_updated(index, s)))
    if speaker:
        author = element(entry, "author")
        element(author, "name", speaker)
        element(author, "uri", urls.absolute(config.base_url, urls.speaker_path(s.speaker or "")))
    for slug in s.concepts:
        element(
            entry,
            "category",
            term=slug,
            label=index.concepts[slug].title,
            scheme=urls.absolute(config.base_url, urls.concepts_path()),
        )
    who = speaker or "Unattributed"
    said = f"{quote.text}\n\n— {who}, {s.date.isoformat()}, in “{article.title}”"
    if article.source:
        said += f" ({article.source})"
    if quote.note:
        said += f"\n\nNote: {quote.note}"
    element(entry, "content", said, type="text")


def _title(text: str, speaker: str | None) -> str:
    short = text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rstrip() + "…"
    return f"{speaker}: {short}" if speaker else short
