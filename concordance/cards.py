"""Statement cards, rendered once per build and page depth instead of once per page.

A statement appears on every concept page it supports and on its speaker's page; at
N=5000 that is about 130,000 cards for 37,500 statements. Links in a card depend only on
the depth of the page it is on (see ``urls.root_prefix``), so the card macro of
``_macros.html`` is run once per statement, depth and flag set, and its output reused.
Templates call it as ``statement_card(s, ...)``, the same signature as the macro, so the
macro stays the one place a card's markup is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import jinja2
from markupsafe import Markup

MACROS = "_macros.html"
MAX_CARDS = 30_000
"""Cards kept per process; beyond that the memo starts afresh, bounding memory."""


class Card(Protocol):
    card_id: str


CardKey = tuple[str, str, bool, bool]


@dataclass(slots=True)
class CardMemo:
    """The cards of one process, by (link base, statement, flags)."""

    env: jinja2.Environment
    page_globals: dict[str, Any]
    """What every page's templates see besides ``url``: ``site``, ``absolute``."""
    modules: dict[str, Any] = field(default_factory=dict)
    made: dict[CardKey, Markup] = field(default_factory=dict)

    def for_links(self, base: str, url: Callable[[str], str]) -> Callable[..., Markup]:
        """``statement_card`` for pages whose ``url`` is ``url``; ``base`` names it (the
        page's root prefix, or the absolute root of a 404 page)."""
        module = self.modules.get(base)
        if module is None:
            template = self.env.get_template(MACROS)
            module = template.make_module({**self.page_globals, "url": url})
            self.modules[base] = module

        def statement_card(s: Card, show_concepts: bool = True, filters: bool = False) -> Markup:
            key = (base, s.card_id, show_concepts, filters)
            html = self.made.get(key)
            if html is None:
                if len(self.made) >= MAX_CARDS:
                    self.made.clear()
                macro = getattr(module, "statement_card")  # noqa: B009 (a template's macro)
                html = macro(s, show_concepts=show_concepts, filters=filters)
                self.made[key] = html
            return html

        return statement_card
