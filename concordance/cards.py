"""Statement cards, rendered once per build and page depth instead of once per page.

A statement appears on every concept page it supports and on its speaker's page; at
N=5000 that is about 130,000 cards for 37,500 statements. Links in a card depend only on
the depth of the page it is on (see ``urls.root_prefix``), so the card macro of
``_macros.html`` is run once per statement, depth and flag set, and its output reused.
Templates call it as ``statement_card(s, ...)``, the same signature as the macro. While
the macro is the shipped one, ``card_markup`` writes the same cards in Python, faster
(see ``macros``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

from markupsafe import Markup

from concordance import card_markup
from concordance.macros import MacroModules

MAX_CARDS = 30_000
"""Cards kept per process; beyond that the memo starts afresh, bounding memory."""


class Card(Protocol):
    card_id: str


CardKey = tuple[str, str, bool, bool]


@dataclass(slots=True)
class CardMemo:
    """The cards of one process, by (link base, statement, flags)."""

    modules: MacroModules
    native: bool = False
    """The templates' card is the shipped one: ``card_markup`` writes it, faster."""
    made: dict[CardKey, Markup] = field(default_factory=dict)

    def for_links(self, base: str, url: Callable[[str], str]) -> Callable[..., Markup]:
        """``statement_card`` for pages whose ``url`` is ``url``; ``base`` names it (the
        page's root prefix, or the absolute root of a 404 page)."""
        make = self._maker(base, url)

        def statement_card(s: Card, show_concepts: bool = True, filters: bool = False) -> Markup:
            key = (base, s.card_id, show_concepts, filters)
            html = self.made.get(key)
            if html is None:
                if len(self.made) >= MAX_CARDS:
                    self.made.clear()
                html = self.made[key] = make(s, show_concepts=show_concepts, filters=filters)
            return html

        return statement_card

    def _maker(self, base: str, url: Callable[[str], str]) -> Callable[..., Markup]:
        """What renders a card on a page whose links are made by ``url``."""
        if self.native:
            site, absolute = (
                self.modules.page_globals["site"],
                self.modules.page_globals["absolute"],
            )
            return partial(
                card_markup.statement_card, url=url, absolute=absolute, site_title=site.title
            )
        return self.modules.macro(base, url, "statement_card")
