"""Lookups the derived outputs share, built once per build (``feeds.Lookups`` holds them)."""

from __future__ import annotations

from concordance.index import SiteIndex
from concordance.model import Quote, Slug

Quotes = dict[tuple[Slug, str], Quote]
"""(article slug, quote id) -> the quote as written."""


def quotes_by_key(index: SiteIndex) -> Quotes:
    """(article slug, quote id) -> the quote as written, for every statement."""
    return {
        (article.slug, quote.id): quote
        for article in index.articles.values()
        for quote in article.quotes
        if (article.slug, quote.id) in index.statements
    }
