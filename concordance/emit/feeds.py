"""Atom feeds: the site's articles (``feed.xml``) and each concept's statements
(``concepts/<slug>/feed.xml``, next to the concept's page), newest first.

Ids are absolute URLs of the thing an entry is about (an article, or a quote's
anchor in its article), so they stay stable across rebuilds; ``updated`` comes
from content dates, never from the clock. A feed holds the newest ``FEED_ENTRIES``
entries: readers poll feeds, while the pages and the data export hold everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Final

from concordance import labels, urls
from concordance.config import SiteConfig
from concordance.emit.dates import statement_updated, timestamp
from concordance.emit.lookup import Quotes, quotes_by_key
from concordance.emit.xmlout import (
    Element,
    Written,
    document,
    el,
    escape_attr,
    escape_label,
    escape_text,
    text_written,
    written,
)
from concordance.index import SiteIndex
from concordance.labels import Labels
from concordance.model import Article, Concept, Quote, Slug, Statement
from concordance.pages import Page
from concordance.textnorm import shorten

ATOM = "http://www.w3.org/2005/Atom"
SITE_FEED = "feed.xml"
FEED_ENTRIES = 100
ENTRY_DEPTH = 2
"""Of an entry's children: feed > entry > child."""
TITLE_CHARS: Final = 100
ELLIPSIS: Final = "&#8230;"
"""What ends a shortened title, written as a reference, as the feeds' labels' punctuation
is (``xmlout.escape_label``): a reader sees '…', and an entry of ASCII stays ASCII."""
MAX_CITED = 20_000
"""Who said what, when and where, kept per ``Lookups`` (``cited``); beyond that it starts
afresh."""
Fill = Callable[[Mapping[str, str]], str]
"""A label's text escaped with its ``{name}`` filled in with escaped values
(``Labels.escaped_form``)."""


def concept_feed_path(slug: str) -> str:
    return urls.concept_path(slug) + urls.CONCEPT_FEED


def site_feed(
    index: SiteIndex, config: SiteConfig, fallback: dt.date, lookups: Lookups | None = None
) -> Page:
    found = lookups or Lookups.of(index, config)
    articles = list(index.articles.values())  # newest first
    updated = max((a.date for a in articles), default=fallback)
    title = escape_text(config.title)
    head = _head(config, SITE_FEED, urls.home_path(), title, config.description, updated)
    entries = [_article_entry(index, config, a, found) for a in articles[:FEED_ENTRIES]]
    return Page(SITE_FEED, document(el("feed", None, *head, *entries, **_feed_attrs(config))))


class Lookups:
    """What every concept feed looks up, computed once for all of them. A plain class, as
    ``EntryWords`` (and ``card_markup``'s): ``dataclasses`` makes a dataclass's methods
    by ``exec`` as the module is imported, some 3.7 million instructions each."""

    article_urls: dict[Slug, str]
    quotes: Quotes
    categories: dict[Slug, Written]
    """Each concept's ``category`` element, as written in an entry."""
    labels: Labels
    """The words of an entry's content, in the site's language."""
    authors: dict[Slug, Written]
    """Each speaker's ``author`` element, as written in an entry: a speaker's entries are
    hundreds, and each made the link to the speaker's page and escaped it again."""
    said: EntryWords
    """The labels of an entry's content, each looked up once rather than per entry."""
    cited: dict[tuple[str, dt.date, str, str | None], str]
    """Who said an entry's words, when and where (``_said``), escaped, by speaker, date,
    article title and source: the statements of an article share them, and each shows in
    the feeds of two or three concepts, where filling two labels and escaping them took a
    third of an entry's content."""

    def __init__(
        self,
        article_urls: dict[Slug, str],
        quotes: Quotes,
        categories: dict[Slug, Written],
        labels: Labels,
        authors: dict[Slug, Written],
        said: EntryWords,
    ) -> None:
        self.article_urls = article_urls
        self.quotes = quotes
        self.categories = categories
        self.labels = labels
        self.authors = authors
        self.said = said
        self.cited = {}

    @classmethod
    def of(cls, index: SiteIndex, config: SiteConfig) -> Lookups:
        scheme = urls.absolute(config.base_url, urls.concepts_path())
        words = labels.for_language(config.language, config.labels)
        return cls(
            {slug: _article_url(config, slug) for slug in index.articles},
            quotes_by_key(index),
            {slug: _category(c, scheme) for slug, c in index.concepts.items()},
            words,
            {slug: _author(config, slug, name) for slug, name in index.speakers.items()},
            EntryWords.of(words),
        )


class EntryWords:
    """The labels of a statement entry, escaped and ready to fill with escaped values
    (``Labels.escaped_form``), their punctuation past ASCII (``“``, ``—``) written as
    references (``xmlout.escape_label``): the entries of ASCII content, whose text these
    labels made two bytes a character, encoded a character at a time, are ASCII."""

    unattributed: str
    """Who said words nobody is named for."""
    nobody: Written
    """The ``author`` element of their entries."""
    said: Fill
    source: Fill
    note: Fill

    def __init__(
        self, unattributed: str, nobody: Written, said: Fill, source: Fill, note: Fill
    ) -> None:
        self.unattributed = unattributed
        self.nobody = nobody
        self.said = said
        self.source = source
        self.note = note

    @classmethod
    def of(cls, words: Labels) -> EntryWords:
        # An entry without an author is the feed's author's (RFC 4287, 4.2.1): words nobody
        # is named for would be the site's editors' own.
        unattributed = words.text("unattributed")
        nobody = written(el("author", None, el("name", unattributed)), ENTRY_DEPTH)

        def fill(key: str) -> Fill:
            return words.escaped_form(key, escape_label).fill

        return cls(unattributed, nobody, fill("feed_said"), fill("feed_source"), fill("note"))


def _author(config: SiteConfig, slug: Slug, name: str) -> Written:
    uri = urls.absolute(config.base_url, urls.speaker_path(slug))
    return written(el("author", None, el("name", name), el("uri", uri)), ENTRY_DEPTH)


def concept_feed(
    index: SiteIndex,
    config: SiteConfig,
    concept: Concept,
    fallback: dt.date,
    lookups: Lookups | None = None,
) -> Page:
    """Newest first by when a statement reached the site, so a newly published
    article quoting old words still reaches subscribers."""
    found = lookups or Lookups.of(index, config)
    statements = newest_first(index, index.by_concept.get(concept.slug, ()))
    updated = statement_updated(index, statements[0]) if statements else fallback
    path = concept_feed_path(concept.slug)
    title = f"{escape_text(concept.title)} &#183; {escape_text(config.title)}"  # '·'
    page = urls.concept_path(concept.slug)
    head = _head(config, path, page, title, concept.summary or "", updated)
    entries: list[Element | Written] = [
        _statement_entry(index, config, s, found) for s in statements[:FEED_ENTRIES]
    ]
    return Page(path, document(el("feed", None, *head, *entries, **_feed_attrs(config))))


def newest_first(index: SiteIndex, statements: Sequence[Statement]) -> list[Statement]:
    """``statements``, in ``statement_order`` as the index holds a concept's, sorted newest
    first by ``(statement_updated, *statement_order)``. Reversed, a stable sort by the date
    alone gives that order, since no two statements share a place: a key of one date per
    statement took half the time of a tuple of four."""
    return sorted(reversed(statements), key=partial(statement_updated, index), reverse=True)


def _feed_attrs(config: SiteConfig) -> dict[str, str]:
    return {"xmlns": ATOM, "xml:lang": config.language}


def _article_url(config: SiteConfig, slug: Slug) -> str:
    return urls.absolute(config.base_url, urls.article_path(slug))


def _head(
    config: SiteConfig, path: str, page: str, title: str, subtitle: str, updated: dt.date
) -> list[Element | Written]:
    """The feed's elements before its entries; ``title`` is escaped."""
    head: list[Element | Written] = [
        el("id", urls.absolute(config.base_url, page)),
        text_written("title", title, 1),
        el("updated", timestamp(updated)),
        el(
            "link",
            rel="self",
            type="application/atom+xml",
            href=urls.absolute(config.base_url, path),
        ),
        el("link", rel="alternate", type="text/html", href=urls.absolute(config.base_url, page)),
        el("author", None, el("name", config.author or config.title)),
    ]
    return [*head, el("subtitle", subtitle)] if subtitle else head


def _article_entry(
    index: SiteIndex, config: SiteConfig, article: Article, found: Lookups
) -> Element:
    href = found.article_urls[article.slug]
    lang = language_attrs(article)
    parts: list[Element | Written] = [
        el("id", href),
        el("title", article.title, **lang),
        el("link", rel="alternate", type="text/html", href=href),
        el("published", timestamp(article.date)),
        el("updated", timestamp(article.date)),
        *(found.categories[c] for c in _article_concepts(index, article)),
    ]
    if article.summary:
        parts.append(el("summary", article.summary, **lang))
    return el("entry", None, *parts)


def language_attrs(article: Article, quote: Quote | None = None) -> dict[str, str]:
    """``xml:lang`` for the elements of an entry in the article's own language (its title,
    summary) or a quote's, when it names one; the feed's is the site's."""
    language = (quote.language if quote else None) or article.language
    return {"xml:lang": language} if language else {}


def _article_concepts(index: SiteIndex, article: Article) -> list[Slug]:
    found = list(index.article_topics.get(article.slug, ()))
    for quote in article.quotes:
        s = index.statements.get((article.slug, quote.id))
        found += s.concepts if s else ()
    return list(dict.fromkeys(found))


def _category(concept: Concept, scheme: str) -> Written:
    category = el("category", term=concept.slug, label=concept.title, scheme=scheme)
    return written(category, ENTRY_DEPTH)


def _statement_entry(index: SiteIndex, config: SiteConfig, s: Statement, found: Lookups) -> Written:
    """A statement's entry, as ``written(el("entry", ...), 1)`` would write it, written
    directly: a large site's feeds hold tens of thousands of entries, and making each one
    as a tree of ten elements took most of the feeds' time. ``tests/test_feeds.py`` holds
    the two to the same text."""
    article = index.articles[s.article]
    quote = found.quotes[(s.article, s.quote_id)]
    href = f"{found.article_urls[s.article]}#{quote.id}"
    speaker = index.speakers[s.speaker] if s.speaker else None
    language = quote.language or article.language
    lang = f' xml:lang="{escape_attr(language)}"' if language else ""
    # Escaped once: the text's escape of a link holding nothing an attribute escapes is
    # the link itself (``escape_attr`` returns it), and most hold nothing at all.
    link = escape_attr(href)
    # One list of every piece, joined once: an f-string of each line made a string of its
    # pieces, copied again by the join.
    lines = [
        "  <entry>\n    <id>",
        link if link is href else escape_text(href),
        "</id>\n    <title",
        lang,
        ">",
        _title(quote.text, speaker),
        '</title>\n    <link rel="alternate" type="text/html" href="',
        link,
        '" />\n    <published>',
        timestamp(s.date),
        "</published>\n    <updated>",
        timestamp(statement_updated(index, s)),
        "</updated>\n",
    ]
    author = found.authors[s.speaker] if speaker and s.speaker else found.said.nobody
    lines.append(author.xml)
    lines += [found.categories[c].xml for c in s.concepts]
    lines.append('    <content type="text">')
    _content(s, quote, article, speaker, found, lines)
    lines.append("</content>\n  </entry>\n")
    return Written("".join(lines))


def _content(
    s: Statement,
    quote: Quote,
    article: Article,
    speaker: str | None,
    found: Lookups,
    entry: list[str],
) -> None:
    """An entry's content, escaped, added to the pieces of its ``entry``: the quote, then who
    said it, when and where, then its note, a blank line between them. Each part is escaped
    alone, which gives the escape of the whole (escaping keeps to each character): whole,
    its line breaks sent every entry's text past ``xmlout._plain`` to the regular
    expression."""
    words = found.said
    who = speaker or words.unattributed
    key = (who, s.date, article.title, article.source)
    said = found.cited.get(key)
    if said is None:
        said = _said(who, s.date, article, found)
        if len(found.cited) >= MAX_CITED:
            found.cited.clear()
        found.cited[key] = said
    entry += [escape_text(quote.text), "\n\n", said]
    if quote.note:
        entry += ["\n\n", words.note({"note": escape_text(quote.note)})]


def _said(who: str, day: dt.date, article: Article, found: Lookups) -> str:
    """Who said an entry's words, when and where, escaped (``_content``): each value
    escaped alone, which is the escape of the whole (escaping keeps to each character)."""
    words = found.said
    date = found.labels.date(day)
    values = {
        "speaker": escape_text(who),
        "date": escape_text(date),
        "title": escape_text(article.title),
    }
    said = words.said(values)
    if article.source:
        said += words.source({"source": escape_text(article.source)})
    return said


def _title(text: str, speaker: str | None) -> str:
    """An entry's title, escaped: the quote's ``text``, shortened, after the ``speaker``'s
    name; the ellipsis of a shortened text a reference (``ELLIPSIS``)."""
    short = shorten(text, TITLE_CHARS)
    shown = escape_text(short) if short == text else escape_text(short[:-1]) + ELLIPSIS
    return f"{escape_text(speaker)}: {shown}" if speaker else shown
