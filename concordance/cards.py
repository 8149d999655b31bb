"""Statement cards, as templates call them: ``statement_card(s, ...)``, the signature of the
macro of ``_macros.html``.

A statement appears on every concept page it supports and on its speaker's page; at
N=5000 that is about 104,000 cards for 37,700 statements. While the macro is the shipped
one, ``card_markup`` writes each card in Python, in a few microseconds (see ``macros``),
and none is kept: a memo of them held some 60 MB in each render worker and saved a few
percent of the CPU time, which the system time of the extra memory took back (alternating
builds at N=5000 took the same wall time with and without it). A site whose templates
change the macro gets its own macro, which takes tens of microseconds a card: links in a
card depend only on the depth of the page it is on (see ``urls.root_prefix``), so those
cards are memoised per statement, depth and flag set, within a smaller cap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from markupsafe import Markup

from concordance import card_markup
from concordance.labels import Labels
from concordance.macros import MacroModules

MAX_CARDS = 10_000
"""Macro cards kept per process (some 20 MB); beyond that the memo starts afresh."""


class Card(Protocol):
    card_id: str


CardKey = tuple[str, str, bool, bool]


class CardMemo:
    """The cards of one process; those of a template's own macro by (link base, statement,
    flags). A plain class: ``dataclasses`` makes a dataclass's methods by ``exec`` as its
    module is imported (some 3 million instructions), and none of them is used here."""

    __slots__ = ("labels", "made", "modules", "native", "parts")

    modules: MacroModules
    labels: Labels
    native: bool
    """The templates' card is the shipped one: ``card_markup`` writes it, faster."""
    made: dict[CardKey, Markup]
    parts: dict[str, card_markup.CardParts]
    """The shipped card's shared parts, by link base (``card_markup.CardParts``)."""

    def __init__(self, modules: MacroModules, labels: Labels, native: bool = False) -> None:
        self.modules = modules
        self.labels = labels
        self.native = native
        self.made = {}
        self.parts = {}

    def for_links(self, base: str, url: Callable[[str], str]) -> Callable[..., Markup]:
        """``statement_card`` for pages whose ``url`` is ``url``; ``base`` names it (the
        page's root prefix, or the absolute root of a 404 page)."""
        if self.native:
            return self._native(base, url)
        make = self.modules.macro(base, url, "statement_card")

        def statement_card(s: Card, show_concepts: bool = True, filters: bool = False) -> Markup:
            key = (base, s.card_id, show_concepts, filters)
            html = self.made.get(key)
            if html is None:
                if len(self.made) >= MAX_CARDS:
                    self.made.clear()
                html = self.made[key] = make(s, show_concepts=show_concepts, filters=filters)
            return html

        return statement_card

    def _native(self, base: str, url: Callable[[str], str]) -> Callable[..., Markup]:
        """The shipped card, written by ``card_markup``, as a function of the macro's own
        arguments: a partial giving it the other five as keywords merged them into a new
        dict at each call, 0.8 µs of a card's 15 (some 104,000 cards at N=5000)."""
        page_globals = self.modules.page_globals
        absolute, site_title = page_globals["absolute"], page_globals["site"].title
        # Looked up first: ``setdefault`` made the parts (seven dicts) for every page.
        shared = self.parts.get(base) or self.parts.setdefault(base, card_markup.CardParts())
        return card_markup.PageCards(url, absolute, site_title, self.labels, shared)
