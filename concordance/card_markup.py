"""The shipped ``statement_card`` macro of ``_macros.html``, written in Python (see
``macros``).

A large site shows about three cards per statement (its concept pages, its speaker's
page): 104,000 at 5,000 articles, each taking the Jinja macro some 60 µs, a sixth of all
page rendering. These f-strings give the same bytes in a fraction of that.
``tests/test_cards.py`` holds the two to the same output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

from markupsafe import Markup

from concordance import search_terms, urls
from concordance.escaping import as_markup, escape_text
from concordance.labels import Labels, _Form, iso_date
from concordance.views import StatementView, card_id, isolated

Url = Callable[[str], str]
Part = TypeVar("Part")

MAX_PARTS: Final = 20_000
"""Dates and chips kept per ``CardParts``; beyond that they start afresh."""


Fill = Callable[[Mapping[str, str]], str]


class CardLabels:
    """The labels every card shows, and those its citation fills, as HTML, made ready to
    fill (``Labels.html_form``): each looked up once for the cards of a depth rather than for
    each card, where they took a tenth of its time (some 100,000 cards at 5,000 articles).
    A plain class, as ``CitationFrame`` and ``CardParts``: a dataclass is made by
    ``dataclasses`` as the module is imported (some 3.7 million instructions for these
    three, its methods compiled by ``exec``), and none of them is compared or written."""

    labels: Labels
    permalink: str
    permalink_more: str
    copy_citation: str
    concepts: str
    citation: _Form
    said: Fill
    note: Fill
    source: Fill

    def __init__(self, labels: Labels) -> None:
        html, form = labels.html, labels.html_form
        self.labels = labels
        self.permalink = html("permalink")
        self.permalink_more = html("permalink_more")
        self.copy_citation = html("copy_citation")
        self.concepts = html("concepts")
        self.citation = form("citation")
        self.said = form("citation_said").fill
        self.note = form("citation_note").fill
        self.source = form("citation_source").fill


CARD_VALUES = ("said", "quote", "note", "link")
"""The values of a citation's label (``citation``) each card gives; its article and the
site give the others (``CitationFrame``)."""


class CitationFrame:
    """The ``citation`` label with what its article and the site give filled in, escaped:
    the text around each value a card gives (``CARD_VALUES``), which ``order`` takes in the
    label's order. Escaping is done a character at a time, so the label escaped whole is
    its pieces escaped: each card escapes only its own values (its quote's text is escaped
    for the card already), where filling all nine values and escaping the citation made a
    quarter of the card's time. A class of this module rather than a named tuple, and its
    pieces added to the card's own (``put``): a named tuple's method is called as Python
    calls it, and a citation joined apart was copied again into its card."""

    pieces: list[str]
    """The text between the values, each value's place between two (as ``labels._Form``)."""
    order: tuple[int, ...]
    """The index in ``CARD_VALUES`` of the value of each place."""

    def __init__(self, pieces: list[str], order: tuple[int, ...]) -> None:
        self.pieces = pieces
        self.order = order

    def put(self, into: list[str], values: tuple[str, ...]) -> None:
        """The citation's pieces with ``values`` (in the order of ``CARD_VALUES``) in their
        places, added to ``into`` (a card's pieces, joined once). A tuple of any length to
        mypyc: one of four strings is a struct of C, made a tuple again at each index."""
        pieces = self.pieces
        into.append(pieces[0])
        at = 2
        for index in self.order:
            into.append(values[index])
            into.append(pieces[at])
            at += 2

    def filled(self, values: tuple[str, ...]) -> str:
        """The citation with ``values``, escaped, in the order of ``CARD_VALUES``."""
        joined: list[str] = []
        self.put(joined, values)
        return "".join(joined)


def citation_frame(form: _Form, given: Mapping[str, str]) -> CitationFrame:
    """``form`` (the ``citation`` label as HTML, ``Labels.html_form``) filled with ``given``
    (HTML) but for ``CARD_VALUES``. A name neither fills stays as written, as
    ``Labels.html`` leaves it."""
    pieces, order, run = [], [], [form.pieces[0]]
    for name, text in zip(form.pieces[1::2], form.pieces[2::2], strict=True):
        if name in CARD_VALUES:
            pieces += ["".join(run), name]  # the name's place, taken by the card's value
            order.append(CARD_VALUES.index(name))
            run = []
        else:
            run.append(given.get(name, f"{{{name}}}"))
        run.append(text)
    pieces.append("".join(run))
    return CitationFrame(pieces, tuple(order))


class CardParts:
    """What the cards of pages at one depth share, each made once: the dates line of each
    pair of dates (said, published), each concept's chip, each speaker's link, each
    article's title and source, and the labels (``CardLabels``). A statement shows on two
    or three pages, a concept's chip on hundreds of cards, an article's title on some
    twenty and a speaker's link on hundreds, and a large site's cards share a few thousand
    days: made for each card, these took a quarter of its time."""

    dates: dict[tuple[dt.date, dt.date, bool], str]
    chips: dict[tuple[str, str], str]
    speakers: dict[tuple[str, str, bool], str]
    """Each speaker's link and its separator, by target, name and flag."""
    sources: dict[tuple[str, str, str | None], str]
    """The end of each article's link (its language, search terms and title) and its
    source, by title, language and source."""
    said: dict[tuple[str | None, dt.date], str]
    """The start of each citation, who said it and when (``citation_said``), escaped, by
    speaker and date: an article's statements share both."""
    cited: dict[tuple[str, str | None, dt.date, str | None, str], CitationFrame]
    """The citation filled with what it takes from its article and the site, by article
    title, source, date of publication, original's address and site title."""
    links: dict[str, tuple[str, str, str]]
    """The link to each article's page and its address, escaped, and the start of its
    cards' ids (``s-<slug>_``), by target."""
    words: CardLabels | None
    """Made for the first card, with its labels (as its dates are)."""

    def __init__(self) -> None:
        self.dates = {}
        self.chips = {}
        self.speakers = {}
        self.sources = {}
        self.said = {}
        self.cited = {}
        self.links = {}
        self.words = None


def _search_terms(text: str) -> str:
    """The attributes of a quote's ``StatementView.search_terms``, made of its ``text``."""
    if text.isascii():  # most quotes: ``terms`` finds none, as it tells first
        return ""
    found = search_terms.terms(text)
    if not found:
        return ""
    return (
        f' data-pagefind-index-attrs="data-search-terms" data-search-terms="{escape_text(found)}"'
    )


class PageCards:
    """``statement_card`` of the pages whose links ``url`` makes, as templates call it (the
    macro's own arguments), with those pages' shared parts. An object of a class of ours, not
    a closure, so that templates call it at once (``template_runtime.PLAIN_CALLABLES``): a
    closure is a function in Python, which Jinja's ``Context.call`` looked at for a mark
    asking for the context before calling it, some 2,500 instructions of a card's 30,000."""

    def __init__(
        self,
        url: Url,
        absolute: Callable[[str], str],
        site_title: str,
        labels: Labels,
        shared: CardParts,
    ) -> None:
        self.url = url
        self.absolute = absolute
        self.site_title = site_title
        self.labels = labels
        self.shared = shared

    def __call__(
        self, s: StatementView, show_concepts: bool = True, filters: bool = False
    ) -> Markup:
        return statement_card(
            s,
            self.url,
            self.absolute,
            self.site_title,
            self.labels,
            show_concepts,
            filters,
            self.shared,
        )


def statement_card(
    s: StatementView,
    url: Url,
    absolute: Callable[[str], str],
    site_title: str,
    labels: Labels,
    show_concepts: bool = True,
    filters: bool = False,
    shared: CardParts | None = None,
) -> Markup:
    """What the macro gives for ``statement_card(s, show_concepts, filters)`` on a page
    whose links are made by ``url``; ``shared``, when given, holds the parts of the cards
    of the pages whose links ``url`` makes."""
    shared = CardParts() if shared is None else shared
    words = shared.words or _card_labels(labels, shared)
    quote_id, article = s.quote_id, s.article
    plain = _plain_id(quote_id)
    anchor = quote_id if plain else urls.quoted(quote_id)
    # The article's link and address, escaped, kept for its other statements' cards, and
    # the quote's anchor added: the whole target made its link and address, each missed
    # (cut at ``#`` and looked up again) and escaped whole. Links leave an anchor as it is
    # and addresses quote it, so these are the same when it needs no quoting (``quoted``
    # gives it back), as most quotes' ids. Escaping is done a character at a time, so the
    # card's id is the start kept for the article's cards and the id escaped, and a plain
    # id is its own escape.
    if anchor is quote_id and quote_id:
        links = shared.links.get(article.target) or _links(s, url, absolute, shared)
        shown = quote_id if plain else escape_text(quote_id)
        hash_anchor = "#" + shown
        target, link = links[0] + hash_anchor, links[1] + hash_anchor
        card = links[2] + shown
    else:
        target = escape_text(url(s.target))
        link = escape_text(f"{absolute(article.target)}#{anchor}")
        card = escape_text(card_id(s.article_slug, quote_id))
    text = escape_text(s.text)
    # One list of every piece, joined once: an f-string of each line made a string of
    # its pieces, copied again by the join (a tenth of a card's time).
    parts = [
        '<article class="statement" id="',
        card,
        '">\n  <blockquote cite="',
        target,
        '" dir="auto"',
        _lang(s.lang),
        "><p",
        _search_terms(s.text),
        ">",
        text,
        '</p></blockquote>\n  <p class="meta">\n',
        _speaker(s, url, filters, shared),
        _dates(s, filters, labels, shared),
        '  </p>\n  <p class="source">\n    <a class="passage" href="',
        target,
        '"',
        _source(s, shared),
        "  </p>\n",
    ]
    if s.note:
        parts.append(f'<p class="note">{_note(s.note, labels)}</p>')
    if show_concepts and s.concepts:
        _concepts(s, url, words.concepts, shared, parts)
    # Added one by one: a list of them added made a list to add, and a call to add it.
    parts.append(
        '  <p class="card-actions" data-pagefind-ignore>\n    <a class="permalink" href="#'
    )
    parts.append(card)
    parts.append('">')
    parts.append(words.permalink)
    parts.append('<span class="visually-hidden">')
    parts.append(words.permalink_more)
    parts.append('</span></a>\n    <button type="button" class="copy-cite" data-citation="')
    _citation(s, text, words, link, site_title, shared, parts)
    parts.append('" hidden>')
    parts.append(words.copy_citation)
    parts.append("</button>\n  </p>\n</article>\n")
    return as_markup("".join(parts))


def _plain_id(quote_id: str) -> bool:
    """Whether ``quote_id`` is of ASCII letters, digits and ``-`` alone, as most are
    (``q-`` and ten hex digits): ``urls.quoted`` gives it back, told here by two string
    methods in C rather than its regular expression's ``fullmatch``, a fifteenth of a card."""
    return quote_id.isascii() and quote_id.replace("-", "").isalnum()


def _links(
    s: StatementView, url: Url, absolute: Callable[[str], str], parts: CardParts
) -> tuple[str, str, str]:
    """The link to the page of the article of ``s`` and its address, escaped, and the start
    of its cards' ids, escaped: kept for the next cards (an article's target is made of its
    slug, the one a card's id starts with)."""
    target = s.article.target
    card = escape_text(card_id(s.article_slug, ""))
    return _kept(
        parts.links, target, (escape_text(url(target)), escape_text(absolute(target)), card)
    )


def _lang(tag: str) -> str:
    return f' lang="{escape_text(tag)}"' if tag else ""


def _kept(table: dict[Any, Part], key: object, part: Part) -> Part:
    """``part``, kept in ``table`` under ``key`` for the next cards (within ``MAX_PARTS``)."""
    if len(table) >= MAX_PARTS:
        table.clear()
    table[key] = part
    return part


def _speaker(s: StatementView, url: Url, filters: bool, parts: CardParts) -> str:
    speaker = s.speaker
    if not speaker:
        return ""
    key = (speaker.target, speaker.title, filters)
    found = parts.speakers.get(key)
    if found is None:
        flag = ' data-pagefind-filter="speaker"' if filters else ""
        href = escape_text(url(speaker.target))
        link = f'<a class="speaker" href="{href}"{flag}>{escape_text(speaker.title)}</a> &middot; '
        found = _kept(parts.speakers, key, link)
    return found


def _source(s: StatementView, parts: CardParts) -> str:
    """The article link's attributes after its ``href``, its title, and the source."""
    title = s.article.title
    key = (title, s.article_lang, s.source)
    found = parts.sources.get(key)
    if found is None:
        attributes = f"{_lang(s.article_lang)}{search_terms.attributes(title)}"
        source = f' <span class="muted">&middot; {escape_text(s.source)}</span>' if s.source else ""
        found = _kept(parts.sources, key, f"{attributes}>{escape_text(title)}</a>{source}")
    return found


def _dates(s: StatementView, filters: bool, labels: Labels, parts: CardParts) -> str:
    key = (s.date, s.published, filters)
    found = parts.dates.get(key)
    if found is None:
        found = _kept(parts.dates, key, _dates_line(s, filters, labels))
    return found


def _dates_line(s: StatementView, filters: bool, labels: Labels) -> str:
    flag = f' data-pagefind-filter="year:{s.date.year}"' if filters else ""
    day = escape_text(labels.date(s.date))
    said = f'    <time datetime="{iso_date(s.date)}"{flag}>{day}</time>'
    if s.date != s.published:
        day = escape_text(labels.date(s.published))
        time = f'<time datetime="{iso_date(s.published)}">{day}</time>'
        said += f' <span class="published">{labels.html("published_on", {"date": time})}</span>'
    return said


def _note(note: str, labels: Labels) -> str:
    return labels.html("note", {"note": escape_text(note)})


def _concepts(s: StatementView, url: Url, concepts: str, parts: CardParts, card: list[str]) -> None:
    """The list of ``s``'s concepts, added to the pieces of its ``card``."""
    made = parts.chips  # each chip looked up here, made by _chip the first time
    card.append('  <ul class="chip-list" aria-label="')
    card.append(concepts)
    card.append('">\n')
    for c in s.concepts:
        card.append(made.get((c.target, c.title)) or _chip(c.target, c.title, url, parts))
    card.append("  </ul>\n")


def _chip(target: str, title: str, url: Url, parts: CardParts) -> str:
    chip = (
        f'    <li><a class="chip" rel="tag" href="{escape_text(url(target))}">'
        f"{escape_text(title)}</a></li>\n"
    )
    return _kept(parts.chips, (target, title), chip)


def _card_labels(labels: Labels, parts: CardParts) -> CardLabels:
    found = parts.words = CardLabels(labels)
    return found


def citation(
    s: StatementView, labels: Labels, absolute: Callable[[str], str], site_title: str
) -> Markup:
    """The citation a card's button copies, escaped for an attribute: the ``citation``
    label filled in, each name and title isolated (``views.isolated``)."""
    words = CardLabels(labels)
    text = escape_text(s.text)
    link = escape_text(absolute(s.target))
    parts: list[str] = []
    _citation(s, text, words, link, site_title, CardParts(), parts)
    return as_markup("".join(parts))


def _citation(
    s: StatementView,
    text: str,
    words: CardLabels,
    link: str,
    site_title: str,
    shared: CardParts,
    into: list[str],
) -> None:
    """The citation of ``s`` escaped, whose ``text`` escaped and absolute ``link`` are
    given (``link`` escaped), in pieces added to ``into``."""
    speaker = s.speaker.title if s.speaker is not None else None
    said = shared.said.get((speaker, s.date))
    if said is None:
        said = _kept(shared.said, (speaker, s.date), _said(speaker, s.date, words))
    key = (s.article.title, s.source, s.published, s.source_url, site_title)
    frame = shared.cited.get(key)
    if frame is None:
        frame = _kept(shared.cited, key, _cited(s, words, site_title))
    # ``isolated`` marks a text or gives it back as it is; escaping leaves its marks.
    quote = text if isolated(s.text) is s.text else f"\u2068{text}\u2069"
    note = words.note({"note": escape_text(isolated(s.note))}) if s.note else ""
    values: tuple[str, ...] = (said, quote, note, link)
    frame.put(into, values)


def _cited(s: StatementView, words: CardLabels, site_title: str) -> CitationFrame:
    source = words.source({"source": escape_text(isolated(s.source))}) if s.source else ""
    given = {
        "title": escape_text(isolated(s.article.title)),
        "source": source,
        "published": escape_text(words.labels.date(s.published)),
        "original": escape_text(f" {s.source_url}") if s.source_url else "",
        "site": escape_text(isolated(site_title)),
    }
    return citation_frame(words.citation, given)


def _said(speaker: str | None, day: dt.date, words: CardLabels) -> str:
    date = escape_text(isolated(words.labels.date(day)))
    if speaker is None:
        return date
    return words.said({"speaker": escape_text(isolated(speaker)), "date": date})
