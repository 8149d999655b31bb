"""Small read-only views of the index, one per thing a template shows.

Templates never see domain objects: a view holds display-ready values and
site-root-relative targets, which the page's ``url`` turns into relative links.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, partial
from operator import attrgetter, sub
from typing import Final, NamedTuple, TypeVar

from concordance import casing, urls
from concordance.collation import group_key, initial, name_key
from concordance.index import SiteIndex  # not for mypy alone: see ``index``
from concordance.labels import Labels
from concordance.model import Article, Concept, Slug, Statement
from concordance.records import pickled_by_fields
from concordance.search_terms import TERMS_CLOSE, TERMS_OPEN, terms
from concordance.textnorm import fold_name

T = TypeVar("T")


def plain_repr(cls: type[T]) -> type[T]:
    """A dataclass's ``__repr__`` without the guard against recursion ``dataclasses`` puts
    around it (the same text: a view holds no cycle). Every page's key is the repr of its
    view, head and site (``cache.page_key``), and the guard (a set of the objects being
    written, keyed by thread) took half the time of writing each view, link and alias."""
    written = getattr(cls.__repr__, "__wrapped__", None)
    if written is not None:
        setattr(cls, "__repr__", written)  # noqa: B010 (a method replaced on a class)
    return cls


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    target: str
    count: int = 0

    def __init__(self, title: str, target: str, count: int = 0) -> None:
        # Written out, so that mypyc compiles it: it sets each field in its slot at once
        # (still frozen), where the dataclass's ``__init__`` runs in Python. A class
        # decorated by anything but ``dataclass`` is no native class to mypyc, its methods
        # called as Python's: so ``__reduce__`` is written here, not added by
        # ``records.pickled_by_fields``.
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "count", count)

    def __reduce__(self) -> tuple[type[Link], tuple[str, str, int]]:
        return Link, (self.title, self.target, self.count)  # as ``pickled_by_fields``

    def __repr__(self) -> str:
        # The text ``dataclasses`` writes, written out so that mypyc compiles it: a
        # dataclass's is a function in Python even in a compiled module, and page keys write
        # every view, link and alias of a page. ``repr(x)``, not ``x!r``, which mypyc makes a
        # call of ``"{!r:{}}".format`` (some 2,900 instructions each, more than the whole
        # dataclass's ``__repr__`` in Python).
        return (
            f"Link(title={repr(self.title)}, target={repr(self.target)}, "  # noqa: RUF010
            f"count={repr(self.count)})"  # noqa: RUF010
        )


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    lang: str | None
    """The name's language when its script tells it and the page's is another (``ja`` for a
    name with kana, ``ko`` for one with Hangul and Han, ``zh`` for one all in Han on a page
    in neither), so it is drawn and read as that language; else None, for the page's."""
    search_terms: str = ""
    """Every proper suffix of a Han name, for the search index only: Pagefind matches word
    beginnings and a Han name is one word to it, so ``生产力`` finds ``新质生产力`` this way.
    Between ``TERMS_OPEN`` and ``TERMS_CLOSE``, which the search page's script cuts out of
    the excerpts Pagefind shows (with what is between them)."""

    def __repr__(self) -> str:  # the dataclass's text, compiled: see ``Link``
        return (
            f"Alias(text={repr(self.text)}, lang={repr(self.lang)}, "  # noqa: RUF010
            f"search_terms={repr(self.search_terms)})"  # noqa: RUF010
        )


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _is_kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u31f0" <= ch <= "\u31ff" or "\uff66" <= ch <= "\uff9f"


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3131" <= ch <= "\u318e"


HAN_LANGUAGES = frozenset({"ja", "ko", "zh"})
"""The languages that write Han characters: a name all in Han is theirs as much as
Chinese."""


def _east_asian(char: str) -> bool:
    return _is_han(char) or _is_kana(char) or _is_hangul(char)


def _script_language(text: str, page_language: str) -> str | None:
    """The language of a name with Han characters, as its script tells it, when the page's
    is another; else None."""
    page = casing.lower(page_language.split("-")[0])
    if any(_is_kana(ch) for ch in text):
        found = "ja"
    elif any(_is_hangul(ch) for ch in text):
        found = "ko"
    elif page in HAN_LANGUAGES:
        return None  # a Japanese or Korean page's all-Han name is read as the page is
    else:
        found = "zh"
    return None if found == page else found


def alias(text: str, page_language: str) -> Alias:
    """An alias as a page in ``page_language`` shows it: marked with the language its
    script tells when all its letters are Chinese, Japanese or Korean (``mixed 新 word`` is
    the page's)."""
    if not any(_is_han(ch) for ch in text):
        return Alias(text, None)
    if any(ch.isalpha() and not _east_asian(ch) for ch in text):
        return Alias(text, None)
    suffixes = ""
    if all(_is_han(ch) for ch in text) and len(text) > 2:
        suffixes = " ".join([TERMS_OPEN, *(text[i:] for i in range(1, len(text) - 1)), TERMS_CLOSE])
    return Alias(text, _script_language(text, page_language), suffixes)


new_tuple: Final = tuple.__new__
"""A named tuple made of all its fields, in C (as ``records.new_tuple``):
``new_tuple(Bar, fields)`` is ``Bar(*fields)`` without the function in Python that a named
tuple's ``__new__`` is (some 3,000 instructions a call, 10,000 with keywords)."""


CARD_ID_SEPARATOR = "_"
"""Between the article slug and the quote id in a card's id: a character no slug holds."""


def card_id(article_slug: str, quote_id: str) -> str:
    """``StatementView.card_id`` of a statement of the article ``article_slug``: the card
    calls this, as a property of a named tuple is called as Python calls it."""
    return f"s-{article_slug}{CARD_ID_SEPARATOR}{quote_id}"


class StatementView(NamedTuple):
    """A statement as its cards show it. Its two derived strings are made when a card asks:
    kept in every view, they took some 26 MB in each render worker at 20,000 articles.
    A named tuple rather than a frozen dataclass, as ``Bar``: each render worker makes the
    view of nearly every statement (some 36,000 at 5,000 articles), and a frozen
    dataclass's constructor, which sets each of its fourteen fields through
    ``object.__setattr__``, took 60% of making one."""

    article_slug: str
    text: str
    quote_id: str
    article: Link
    date: dt.date
    published: dt.date
    speaker: Link | None
    source: str | None
    source_url: str | None
    """The original's address, for citations."""
    place: str | None
    note: str | None
    concepts: tuple[Link, ...]
    lang: str = ""
    """The quote's language, when it or its article names one (``lang`` of the quote);
    else empty, for the page's."""
    article_lang: str = ""
    """The article's language, when it names one (``lang`` of the article's title, which
    a quote in another language than its article's must not give its own)."""

    @property
    def card_id(self) -> str:
        """The statement card's own anchor on concept and speaker pages:
        ``s-<article slug>_<quote id>``, unique to the statement.

        Why no two statements share one: an article slug never holds ``_``
        (``urls.slugify`` keeps letters, digits, their marks and ``-``; its fallbacks are
        ``x-<hex>`` and a reserved name plus ``-``), so the first ``_`` after ``s-`` ends
        the slug and the rest is the quote id: the id gives back its slug and quote id.
        Article slugs are unique in a site (else ``slug-collision``), and quote ids in
        an article (a repeated one gets ``-2``). A ``-`` there made ``a`` + ``b-c`` and
        ``a-b`` + ``c`` one id. No id a shipped template writes holds ``_`` either."""
        return card_id(self.article_slug, self.quote_id)

    @property
    def target(self) -> str:
        """Article page + ``#quote-id``: the highlighted passage."""
        return f"{self.article.target}#{self.quote_id}"

    @property
    def search_terms(self) -> str:
        """The pairs of letters of the quote's unspaced runs, for the search index only
        (``search_terms``): a Chinese quote is found on its cards by the middle of a sentence."""
        return terms(self.text)


class Bar(NamedTuple):
    """One month of a timeline, in SVG user units. A named tuple rather than a frozen
    dataclass: a concept's chart has a bar for each month of its span (some hundred), and
    a frozen dataclass's constructor, which sets each of its eight fields through
    ``object.__setattr__``, took half of drawing the chart."""

    month: str
    """``YYYY-MM``."""
    label: str
    """``March 2024``: the month as a reader of the site's language says it."""
    count: int  # type: ignore[assignment]  # the field, as templates read it, over tuple.count
    x: int
    """A whole number, as is ``w``: typed ``float``, mypyc wrote ``1.0`` where Python
    wrote ``1`` (``timeline_markup``)."""
    y: float
    w: int
    h: float
    tick: str
    """The year, under the first bar of each year (and the first bar)."""


@plain_repr
@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    baseline: int
    bars: tuple[Bar, ...]
    summary: str
    """The chart said in one sentence: its accessible name."""


@dataclass(frozen=True, slots=True)
class ConceptView:
    slug: str
    title: str
    aliases: tuple[Alias, ...]
    summary: str | None
    body_html: str
    defined: bool
    statements: tuple[StatementView, ...]
    first: dt.date | None
    latest: dt.date | None
    timeline: Timeline | None
    """Statements by month, drawn as an inline SVG bar chart."""
    broader: tuple[Link, ...]
    narrower: tuple[Link, ...]
    related: tuple[Link, ...]
    cooccurring: tuple[Link, ...]
    articles: tuple[Link, ...]

    def __repr__(self) -> str:  # the dataclass's text, compiled: see ``Link``
        return (
            f"ConceptView(slug={repr(self.slug)}, title={repr(self.title)}, "  # noqa: RUF010
            f"aliases={repr(self.aliases)}, summary={repr(self.summary)}, "  # noqa: RUF010
            f"body_html={repr(self.body_html)}, defined={repr(self.defined)}, "  # noqa: RUF010
            f"statements={repr(self.statements)}, first={repr(self.first)}, "  # noqa: RUF010
            f"latest={repr(self.latest)}, timeline={repr(self.timeline)}, "  # noqa: RUF010
            f"broader={repr(self.broader)}, narrower={repr(self.narrower)}, "  # noqa: RUF010
            f"related={repr(self.related)}, cooccurring={repr(self.cooccurring)}, "  # noqa: RUF010
            f"articles={repr(self.articles)})"  # noqa: RUF010
        )


@plain_repr
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ArticleView:
    slug: str
    title: str
    date: dt.date
    said_on: dt.date | None
    source: str | None
    url: str | None
    place: str | None
    speaker: Link | None
    body_html: str
    statements: tuple[StatementView, ...]
    concepts: tuple[Link, ...]
    """Every concept the article supports, with its statements here."""
    excerpts: bool = False
    """True when only the quoted sentences are published (``publish: excerpts``)."""
    lang: str = ""
    """The article's language, when it names one (``lang`` of its title and body)."""


def concept_link(index: SiteIndex, slug: Slug) -> Link:
    concept = index.concepts[slug]
    return Link(concept.title, urls.concept_path(slug), len(index.by_concept.get(slug, ())))


def speaker_link(index: SiteIndex, slug: Slug | None) -> Link | None:
    if slug is None:
        return None
    return Link(index.speakers[slug], urls.speaker_path(slug), len(index.by_speaker.get(slug, ())))


def article_link(article: Article) -> Link:
    return Link(article.title, urls.article_path(article.slug), len(article.quotes))


def statement_view(
    index: SiteIndex, s: Statement, links: dict[tuple[str, str], Link] | None = None
) -> StatementView:
    """A statement as its cards show it. Its links carry no counts (a card shows none):
    a statement added to a concept must not change the view of every other statement of
    that concept or speaker, or every page that shows one would be rendered again.
    ``links`` keeps the links made, for the next statement of the same article, concept or
    speaker."""
    shared = {} if links is None else links
    article = index.articles[s.article]
    quote = article.quotes[s.position]
    source = shared.get(("article", s.article))
    if source is None:
        source = shared[("article", s.article)] = article_link(article)
    speaker = None
    if s.speaker:
        speaker = shared.get(("speaker", s.speaker))
        if speaker is None:
            name = index.speakers[s.speaker]
            speaker = shared[("speaker", s.speaker)] = Link(name, urls.speaker_path(s.speaker))
    # Every field in order (``StatementView``), made by ``tuple.__new__`` in C: the named
    # tuple's own ``__new__``, a function in Python called with fourteen keywords, took a
    # third of making a view.
    fields = (
        s.article,  # article_slug
        quote.text,
        quote.id,
        source,  # article
        s.date,
        article.date,  # published
        speaker,
        article.source,
        article.url,  # source_url
        article.place,
        quote.note,
        tuple([_concept_chip(index, c, shared) for c in s.concepts]),
        quote.language or article.language or "",  # lang
        article.language or "",  # article_lang
    )
    return new_tuple(StatementView, fields)


def _concept_chip(index: SiteIndex, slug: Slug, links: dict[tuple[str, str], Link]) -> Link:
    link = links.get(("concept", slug))
    if link is None:
        link = links[("concept", slug)] = Link(index.concepts[slug].title, urls.concept_path(slug))
    return link


class Statements:
    """The statement views of one index, each made once: a statement shows on the pages of
    all its concepts, its speaker and its article. A plain class, not a dataclass, which
    ``dataclasses`` makes by ``exec`` as the module is imported (``feeds.Lookups``)."""

    index: SiteIndex
    made: dict[tuple[str, str], StatementView]
    links: dict[tuple[str, str], Link]
    """The links the views share, by kind and slug."""

    def __init__(self, index: SiteIndex) -> None:
        self.index = index
        self.made = {}
        self.links = {}

    def view(self, s: Statement) -> StatementView:
        key = (s.article, s.quote_id)
        made = self.made.get(key)
        if made is None:
            made = self.made[key] = statement_view(self.index, s, self.links)
        return made

    def views(self, statements: Iterable[Statement]) -> tuple[StatementView, ...]:
        """The view of each statement, those made already looked up here: a concept or
        speaker page shows hundreds, most made for another page before."""
        made = self.made
        return tuple([made.get((s.article, s.quote_id)) or self.view(s) for s in statements])


def concept_outline(index: SiteIndex, concept: Concept, language: str) -> ConceptView:
    """The view of a concept's page without its statements and the timeline drawn from
    them: what its key is made of besides the statements' (``with_statements`` fills it).
    ``language`` is the page's (the site's)."""
    statements = index.by_concept.get(concept.slug, ())
    slug = concept.slug
    return ConceptView(
        slug=slug,
        title=concept.title,
        aliases=tuple(alias(a, language) for a in concept.aliases),
        summary=concept.summary,
        body_html=concept.body_html,
        defined=concept.path is not None,
        statements=(),
        first=statements[0].date if statements else None,
        latest=statements[-1].date if statements else None,
        timeline=None,
        broader=tuple(concept_link(index, s) for s in concept.broader),
        narrower=tuple(by_name(concept_link(index, s) for s in index.narrower.get(slug, ()))),
        related=tuple(concept_link(index, s) for s in concept.related),
        cooccurring=tuple(
            by_count(
                Link(index.concepts[other].title, urls.concept_path(other), n)
                for other, n in index.cooccurring.get(slug, ())
            )
        ),
        articles=tuple(
            article_link(index.articles[a]) for a in index.articles_by_concept.get(slug, ())
        ),
    )


def with_statements(
    index: SiteIndex, outline: ConceptView, known: Statements, labels: Labels
) -> ConceptView:
    statements = index.by_concept.get(Slug(outline.slug), ())
    return replace(
        outline,
        statements=known.views(statements),
        timeline=timeline(months(statements), labels),
    )


MAX_TIMELINE_MONTHS = 1200
"""Statements spanning more months than this get no chart. A century drawn by month is
16,800 units wide, and a year mistyped by centuries (0202 for 2020) or a hostile 0001 and
9999 made every concept the statement supports draw a slot, and a label each January, for
every month between: 120,000 slots, half a megabyte and half a second per concept page."""


_DATE = attrgetter("date")


def months(statements: tuple[Statement, ...]) -> tuple[tuple[str, int], ...]:
    """Statements per month, from the first statement's month to the last's (dates sorted);
    empty when the span is longer than ``MAX_TIMELINE_MONTHS``."""
    if not statements:
        return ()
    first, last = statements[0].date, statements[-1].date
    if (last.year - first.year) * 12 + last.month - first.month + 1 > MAX_TIMELINE_MONTHS:
        return ()
    # Each month's count told by where its first day would go among the dates, found by
    # bisection: every step in C. A statement's date written in ISO form (``sprintf``, some
    # 4,800 instructions) and cut to its month, then counted, took 40% more than this.
    dates = list(map(_DATE, statements))
    start, end = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1
    starts = map(_month_start, range(start + 1, end + 1))
    ends = [*map(partial(bisect_left, dates), starts), len(dates)]
    counts = map(sub, ends, [0, *ends])
    return tuple(zip(map(_month_key, range(start, end + 1)), counts, strict=True))


@cache
def _month_start(months: int) -> dt.date:
    """The first day of the month ``months`` after January of year 0."""
    return dt.date(months // 12, months % 12 + 1, 1)


@cache
def _month_key(months: int) -> str:
    """``YYYY-MM`` of the month ``months`` after January of year 0."""
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


TIMELINE_HEIGHT = 96
TIMELINE_PLOT = 72
"""Bars grow up to this many units above the baseline; the rest holds the year labels."""
BAR_STEP = 14
MIN_SLOTS = 24
"""A short history still gets a chart this many months wide, so one bar is not a wall."""


def timeline(by_month: tuple[tuple[str, int], ...], labels: Labels) -> Timeline | None:
    """An SVG bar chart of statements per month, laid out at build time (no script)."""
    if not by_month:
        return None
    peak = max(n for _, n in by_month)
    width = max(len(by_month), MIN_SLOTS) * BAR_STEP
    bars = []
    # A chart is some hundred months, half of them empty and most of the rest of a few
    # counts: each bar made from its fields in order (by name took half again as long), the
    # height and top of each count rounded once (an empty one's are 0.0 and the baseline).
    baseline = float(TIMELINE_PLOT + 4)
    heights = {0: (0.0, baseline)}
    for i, (month, n) in enumerate(by_month):
        h_y = heights.get(n)
        if h_y is None:
            h = round(TIMELINE_PLOT * n / peak, 1)
            h_y = heights[n] = (h, round(baseline - h, 1))
        h, y = h_y
        tick = month[:4] if _year_tick(i, month, len(by_month)) else ""
        bar = (month, labels.month(month), n, i * BAR_STEP + 1, y, BAR_STEP - 2, h, tick)
        bars.append(new_tuple(Bar, bar))
    total = sum(n for _, n in by_month)
    busiest = max(by_month, key=lambda mn: (mn[1], mn[0]))
    summary = labels.filled(
        "timeline_summary",
        {
            "statements": labels.filled("statements_count", {"n": labels.number(total)}, total),
            "first": labels.month(by_month[0][0]),
            "last": labels.month(by_month[-1][0]),
            "busiest": labels.month(busiest[0]),
            "count": labels.number(busiest[1]),
        },
    )
    return Timeline(width, TIMELINE_HEIGHT, TIMELINE_PLOT + 4, tuple(bars), summary)


def _year_tick(i: int, month: str, months: int) -> bool:
    """Years are labelled at January, and at the first bar when its label cannot collide
    with the next January's."""
    if month.endswith("-01"):
        return True
    return i == 0 and (int(month[5:7]) <= 9 or months < 4)


def isolated(text: str) -> str:
    """``text`` between the marks that isolate it from the text around it (U+2068, U+2069)
    when it holds a letter written from right to left: a citation pasted elsewhere then
    keeps its order ("Speaker, date: “…” In: title"), whatever direction its parts read in."""
    if text.isascii() or not any(unicodedata.bidirectional(char) in ("R", "AL") for char in text):
        return text
    return f"\u2068{text}\u2069"


def article_view(
    index: SiteIndex,
    article: Article,
    body_html: str,
    excerpts: bool = False,
    known: Statements | None = None,
) -> ArticleView:
    known = known or Statements(index)
    statements = tuple(
        known.view(index.statements[(article.slug, q.id)])
        for q in article.quotes
        if (article.slug, q.id) in index.statements
    )
    counts: dict[str, int] = {}
    for s in statements:
        for c in s.concepts:
            counts[c.target] = counts.get(c.target, 0) + 1
    concepts = {c.target: c for s in statements for c in s.concepts}
    for slug in index.article_topics.get(article.slug, ()):
        link = concept_link(index, slug)
        concepts.setdefault(link.target, link)
    ordered = by_name(concepts.values())
    return ArticleView(
        slug=article.slug,
        title=article.title,
        date=article.date,
        said_on=article.said_on,
        source=article.source,
        url=article.url,
        place=article.place,
        speaker=speaker_link(index, index.article_speaker.get(article.slug)),
        body_html=body_html,
        statements=statements,
        concepts=tuple(Link(c.title, c.target, counts.get(c.target, 0)) for c in ordered),
        excerpts=excerpts,
        lang=article.language or "",
    )


def by_name(links: Iterable[Link]) -> list[Link]:
    """``links`` in the order of their titles (``collation.name_key``), as every list of
    names is: the A–Z index, the speakers, an article's concepts."""
    return sorted(links, key=lambda link: (name_key(link.title), link.target))


def by_count(links: Iterable[Link]) -> list[Link]:
    """``links`` with the highest count first, ties in the order of their titles."""
    return sorted(links, key=lambda link: (-link.count, name_key(link.title), link.target))


def az_groups(links: list[Link]) -> list[tuple[str, list[Link]]]:
    """Links grouped by initial (``collation.group_key``), Latin first, then other scripts,
    then digits and symbols; each group headed by the initial most of its names are written
    with (a Persian site's kaf group is headed ک even when an Arabic ك sorts first)."""
    groups: dict[str, list[Link]] = {}
    for link in by_name(links):
        groups.setdefault(group_key(link.title), []).append(link)
    return [(_heading(members), members) for members in groups.values()]


def _heading(members: list[Link]) -> str:
    written = Counter(initial(link.title) for link in members)
    return written.most_common(1)[0][0]  # of a tie, the first in the list


@dataclass(frozen=True, slots=True)
class ConceptRow:
    """A concept in the A–Z index: its link, its other names, and what the filter matches."""

    link: Link
    aliases: tuple[Alias, ...]
    names: str
    """Title and aliases, case-folded, for filter-as-you-type."""

    def __repr__(self) -> str:  # the dataclass's text, compiled: see ``Link``
        return (
            f"ConceptRow(link={repr(self.link)}, aliases={repr(self.aliases)}, "  # noqa: RUF010
            f"names={repr(self.names)})"  # noqa: RUF010
        )


def concept_rows(index: SiteIndex, language: str) -> list[tuple[str, list[ConceptRow]]]:
    """The A–Z index, on a page in ``language``: rows grouped like ``az_groups``."""
    rows = {}
    for slug, concept in index.concepts.items():
        link = concept_link(index, slug)
        names = " | ".join(fold_name(n) for n in (concept.title, *concept.aliases))
        aliases = tuple(alias(a, language) for a in concept.aliases)
        rows[link.target] = ConceptRow(link, aliases, names)
    return [
        (initial, [rows[link.target] for link in links])
        for initial, links in az_groups([row.link for row in rows.values()])
    ]
