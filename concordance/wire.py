"""How a validated article is pickled: what crosses from a validation worker to the build
and what the build cache keeps (``parallel.validate_pickled``).

An ``Article`` is pickled as one call of ``article_from`` with plain values: text, numbers,
dates and tuples of them, its quotes, links and positions among them as tuples of their
fields. Pickled record by record, each of an article's thirty or so records (its quotes,
some 25 positions, its links) was a call of its class: in the worker a ``__reduce__`` in
Python, in the parent a class looked up by name and called, a named tuple's ``__new__``
being a function in Python too. Both ends are compiled (``setup.py``); the records made are
those of the default pickling, equal field by field, sharing what the worker's shared (the
article's path in each position, its date in each quote, its speaker's position).

``copyreg`` holds ``article_reduced`` for ``Article`` once this module is imported, which
``cache`` does: any pickle of an article, in any process of the build, is made so.
"""

from __future__ import annotations

import copyreg
import datetime as dt
from collections.abc import Callable
from typing import Any, Final

from concordance.diagnostics import Span
from concordance.model import Article, ContentLink, Quote, Slug

ARTICLE_FIELDS = (
    *("slug", "path", "title", "date", "said_on", "source", "url", "place", "speaker"),
    *("speaker_span", "concept_names", "concept_spans", "quotes", "body_html", "summary"),
    *("excerpts", "links", "headings", "language"),
)
"""``Article``'s fields, in order, as ``article_reduced`` writes them (a test holds them to
the dataclass's: a field added there must be added here too)."""
QUOTE_FIELDS = (
    *("id", "text", "concept_names", "concept_spans", "speaker", "speaker_span", "said_on"),
    *("note", "span", "id_span", "found", "language"),
)
"""``Quote``'s fields, in order, as ``article_reduced`` writes them."""

# Of any length to mypyc, which would take a tuple of known fields apart and make it again.
Values = tuple[Any, ...]

new_tuple: Final = tuple.__new__
"""A named tuple made of its fields in C (as ``views.new_tuple``)."""
_SPAN: Final = Span
"""Read from its static by ``_span_made``, for every span of an article sent from a worker
(as ``yaml_fast._SPAN``), not looked up in a dict of the module's names."""


def article_reduced(article: Article) -> tuple[Callable[..., Article], Values]:
    """What ``pickle`` writes of ``article``: ``article_from`` and its values."""
    speaker_span = _span_values(article.speaker_span)
    quotes: list[Values] = []
    for quote in article.quotes:
        # A quote's speaker is most often the article's, its position the same record.
        own = quote.speaker_span
        shared = own is article.speaker_span
        quotes.append(
            (
                quote.id,
                quote.text,
                quote.concept_names,
                _spans_values(quote.concept_spans),
                quote.speaker,
                speaker_span if shared else _span_values(own),
                quote.said_on,
                quote.note,
                tuple(quote.span),
                _span_values(quote.id_span),
                quote.found,
                quote.language,
            )
        )
    links: list[Values] = []
    for link in article.links:
        links.append((link.target, link.fragment, tuple(link.span), link.image, link.written))
    values = (
        article.slug,
        article.path,
        article.title,
        article.date,
        article.said_on,
        article.source,
        article.url,
        article.place,
        article.speaker,
        speaker_span,
        article.concept_names,
        _spans_values(article.concept_spans),
        tuple(quotes),
        article.body_html,
        article.summary,
        article.excerpts,
        tuple(links),
        article.headings,
        article.language,
    )
    return article_from, values


def article_from(
    slug: str,
    path: str,
    title: str,
    date: dt.date,
    said_on: dt.date | None,
    source: str | None,
    url: str | None,
    place: str | None,
    speaker: str | None,
    speaker_span: Values | None,
    concept_names: tuple[str, ...],
    concept_spans: tuple[Values, ...],
    quotes: tuple[Values, ...],
    body_html: str,
    summary: str,
    excerpts: bool,
    links: tuple[Values, ...],
    headings: tuple[str, ...],
    language: str | None,
) -> Article:
    """The article ``article_reduced`` wrote the values of."""
    speaker_at = _span(speaker_span)
    made: list[Quote] = []
    for q in quotes:
        # Each record made by its class: filled through its slots' descriptors from here,
        # each a call of a ``method-wrapper`` (some 630 instructions), it took more.
        made.append(
            Quote(
                q[0],
                q[1],
                q[2],
                _spans(q[3]),
                q[4],
                speaker_at if q[5] is speaker_span else _span(q[5]),
                q[6],
                q[7],
                _span_made(q[8]),
                _span(q[9]),
                q[10],
                q[11],
            )
        )
    found: list[ContentLink] = []
    for link in links:
        fields = list(link)
        fields[2] = _span_made(link[2])
        found.append(new_tuple(ContentLink, fields))
    return Article(
        Slug(slug),
        path,
        title,
        date,
        said_on,
        source,
        url,
        place,
        speaker,
        speaker_at,
        concept_names,
        _spans(concept_spans),
        tuple(made),
        body_html,
        summary,
        excerpts,
        tuple(found),
        headings,
        language,
    )


def _span_values(span: Span | None) -> Values | None:
    return None if span is None else tuple(span)


def _spans_values(spans: tuple[Span, ...]) -> tuple[Values, ...]:
    return tuple([tuple(span) for span in spans])


def _span_made(values: Values) -> Span:
    made: Span = new_tuple(_SPAN, values)
    return made


def _span(values: Values | None) -> Span | None:
    return None if values is None else _span_made(values)


def _spans(values: tuple[Values, ...]) -> tuple[Span, ...]:
    return tuple([_span_made(span) for span in values])


copyreg.pickle(Article, article_reduced)
