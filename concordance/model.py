"""The domain: frozen records that flow from one pipeline stage to the next.

Records refer to each other by slug or id, never by reference, so every stage
can be run (and cached, and sent to a worker process) on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, NewType, Protocol

from concordance.diagnostics import Span
from concordance.lazy_patterns import lazy_compile
from concordance.records import pickled_by_fields, set_through_slots

Slug = NewType("Slug", str)
MEDIA_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
"""Images a body may show (``![a chart](chart.png)``), published when one does. Not SVG: an
SVG file opened by itself runs its scripts, and on the site's own origin."""
ATTACHMENT_SUFFIXES = (
    *(".pdf", ".txt", ".csv", ".tsv", ".json", ".zip", ".epub", ".rtf"),
    *(".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp"),
    *(".mp3", ".m4a", ".ogg", ".oga", ".opus", ".wav", ".flac", ".mp4", ".m4v", ".webm"),
)
"""Other files a body may link to (``[the full text](speech.pdf)``), published when one
does: documents, data, sound and video. Not HTML, SVG or XML, which a browser opening them
on the site's origin would run the scripts of."""
PUBLISHED_SUFFIXES = MEDIA_SUFFIXES + ATTACHMENT_SUFFIXES
"""The files of the content folder a body may show or link, published as they are."""
LEFT_OUT = (".", "_")
"""How the names of the content folder's files and folders that the build leaves out begin:
hidden ones and drafts (``_drafts/``, ``_intro.md``)."""
UNPUBLISHED_NAME = lazy_compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
"""A character no published file's name holds: a control character (a newline, DEL, C1),
a line or paragraph separator, or a mark, embedding, override or isolate of direction
(U+200E, U+202A-U+202E, U+2066-U+2069). In text each is an error or shown escaped; in the
name of a file of the site, a newline splits each list of files that holds it (a deploy's,
a server's log) and a U+202E turns ``gnp.exe`` around as it is shown."""


@pickled_by_fields
@set_through_slots
@dataclass(frozen=True, slots=True)
class Quote:
    """One annotated statement, verified against its article's body."""

    id: str
    """Stable permalink anchor: derived from the text, unaffected by other quotes."""
    text: str
    concept_names: tuple[str, ...]
    """Concept names as written; resolved to slugs by the index."""
    concept_spans: tuple[Span, ...]
    speaker: str | None
    """Effective speaker: the quote's own, else the article's."""
    speaker_span: Span | None
    """Where ``speaker`` is written: the quote's own ``speaker`` value, else the article's."""
    said_on: dt.date
    """Effective date: the quote's own ``said_on``, else the article's, else its ``date``."""
    note: str | None
    span: Span
    """Where the quote's ``text`` value starts in the article file."""
    id_span: Span | None
    """Where the quote's own ``id`` value is written; None for the default id."""
    found: bool
    """Whether the text occurs in the body (an error is reported when not)."""
    language: str | None = None
    """The quote's own language, when it names one (else its article's)."""


@pickled_by_fields
class ContentLink(NamedTuple):
    """A link of a body to another content file (``content_links``)."""

    target: str
    """The file, as its path is shown (``content/articles/x.md``)."""
    fragment: str
    """Percent-encoded, as written; empty for none."""
    span: Span
    """Where the address is written."""
    image: bool = False
    """An image's (``![a chart](chart.png)``), whose file is published as it is."""
    written: str = ""
    """The address as written (percent-encoded): what a warning names, and where an image
    goes when no file is."""


@pickled_by_fields
@set_through_slots
@dataclass(frozen=True, slots=True)
class Article:
    """An article as validated: its front matter, its statements and its rendered body."""

    slug: Slug
    path: str
    title: str
    date: dt.date
    said_on: dt.date | None
    source: str | None
    url: str | None
    place: str | None
    speaker: str | None
    speaker_span: Span | None
    """Where the ``speaker`` value is written, for diagnostics about the name."""
    concept_names: tuple[str, ...]
    concept_spans: tuple[Span, ...]
    quotes: tuple[Quote, ...]
    body_html: str
    """Rendered body with every found quote wrapped in ``<mark>`` and chip placeholders."""
    summary: str
    """The body's first paragraph as plain text, for lists and link previews."""
    excerpts: bool = False
    """``publish: excerpts``: ``body_html`` holds only each quote in its sentence."""
    links: tuple[ContentLink, ...] = ()
    """The body's links to content files; ``body_html`` holds a slot for each."""
    headings: tuple[str, ...] = ()
    """The names of the anchors of the body's headings (``headings``)."""
    language: str | None = None
    """The language its title, body and quotes are in, when not the site's (a BCP 47 tag)."""


class QuoteReferences(Protocol):
    """What the checks across files read of a quote: its anchor and the names it uses.
    A ``Quote`` has it, and so does a ``PartialQuote``."""

    @property
    def id(self) -> str: ...
    @property
    def id_span(self) -> Span | None: ...
    @property
    def concept_names(self) -> tuple[str, ...]: ...
    @property
    def concept_spans(self) -> tuple[Span, ...]: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def speaker_span(self) -> Span | None: ...


class ArticleReferences(Protocol):
    """What the checks across files read of an article (concept resolution, speaker and
    slug collisions, reserved quote ids). An ``Article`` has it, and so does a
    ``PartialArticle``."""

    @property
    def slug(self) -> Slug: ...
    @property
    def path(self) -> str: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def speaker_span(self) -> Span | None: ...
    @property
    def concept_names(self) -> tuple[str, ...]: ...
    @property
    def concept_spans(self) -> tuple[Span, ...]: ...
    @property
    def quotes(self) -> Sequence[QuoteReferences]: ...


@pickled_by_fields
@set_through_slots
@dataclass(frozen=True, slots=True)
class PartialQuote:
    """A quote of a ``PartialArticle``: its id and names (its date may be unknown)."""

    id: str
    id_span: Span | None
    concept_names: tuple[str, ...]
    concept_spans: tuple[Span, ...]
    speaker: str | None
    """Effective speaker: the quote's own, else the article's."""
    speaker_span: Span | None


@pickled_by_fields
@set_through_slots
@dataclass(frozen=True, slots=True)
class PartialArticle:
    """An article whose ``title`` or ``date`` is missing or wrong, or with a quote entry
    that has no ``text`` (its concepts are still checked): only what it refers to.

    Such an article is an error, so no site is built while it exists; but the names it uses
    (concepts, speakers, its quotes' ids, its slug) do not depend on those two fields, and
    the checks across files must see them, or their problems (a concept's typo, a reserved
    id) would show only in the run after the title or date is fixed, and a concept named
    only here would be reported unused. It is a type of its own rather than an ``Article``
    with a flag: it has no title, date, quotes' text or body, so nothing that indexes,
    renders or signs articles for the page cache (all of which take an ``Article``) can
    take it by mistake. The validation cache stores it as it stores any result of
    ``validate_article``: what a fresh run would make of the same bytes.
    """

    slug: Slug
    path: str
    speaker: str | None
    speaker_span: Span | None
    concept_names: tuple[str, ...]
    concept_spans: tuple[Span, ...]
    quotes: tuple[PartialQuote, ...]


@dataclass(frozen=True, slots=True)
class ConceptDef:
    """A concept as its definition file states it (names not yet resolved)."""

    title: str
    aliases: tuple[str, ...]
    broader: tuple[str, ...]
    related: tuple[str, ...]
    summary: str | None
    body_html: str
    path: str
    title_span: Span
    alias_spans: tuple[Span, ...]
    broader_spans: tuple[Span, ...]
    related_spans: tuple[Span, ...]
    links: tuple[ContentLink, ...] = ()
    """The body's links to content files; ``body_html`` holds a slot for each."""
    headings: tuple[str, ...] = ()
    """The names of the anchors of the body's headings (``headings``)."""


@dataclass(frozen=True, slots=True)
class Concept:
    """A resolved concept: defined by a file, or only referenced."""

    slug: Slug
    title: str
    aliases: tuple[str, ...]
    summary: str | None
    body_html: str
    broader: tuple[Slug, ...]
    related: tuple[Slug, ...]
    path: str | None
    """The definition file, or None for a concept that is only referenced."""
    links: tuple[ContentLink, ...] = ()
    """The body's links to content files, its slots filled by the index (``build_index``)."""
    headings: tuple[str, ...] = ()
    """The names of the anchors of the body's headings (``headings``)."""


class Statement(NamedTuple):
    """A quote as it stands in the index: where it was said and what it supports. A named
    tuple (read-only, with the repr, equality and hash a frozen dataclass of these fields
    has), as ``xmlout.Element`` is: the index makes one of each of a large site's tens of
    thousands of quotes in the parent, alone on one core, and a frozen dataclass's
    constructor took four times as long (some 0.04 s at N=5000)."""

    article: Slug
    quote_id: str
    date: dt.date
    concepts: tuple[Slug, ...]
    speaker: Slug | None
    position: int
    """The quote's order in its article, for a stable sort; its index in ``Article.quotes``,
    where a view finds the quote without reading the article's other quotes."""
