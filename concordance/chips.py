"""Concept chips: the links after each verified quote in an article's body, to the concepts
it supports. Rendering a body leaves a placeholder after each quote (``markdown``); the
chips link to pages, so they are made with the article page (``render``) and put in place
with its body (``fill_chips``), whether the page is rendered or made from its frame."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Final, Protocol

from concordance.escaping import escape_text

_PLACEHOLDER: Final = "<!--chips:{}-->"
# A colon too: the slots of links to content files are ``href:N`` (``content_links``).
_PLACEHOLDERS = re.compile(re.escape(_PLACEHOLDER).replace(r"\{\}", r"([A-Za-z0-9_:-]+)"))


class ConceptLink(Protocol):
    @property
    def target(self) -> str: ...
    @property
    def title(self) -> str: ...


def placeholder(quote_id: str) -> str:
    """Where the chips of quote ``quote_id`` go in a rendered body."""
    return _PLACEHOLDER.format(quote_id)


def fill_chips(body_html: str, chips: Mapping[str, str]) -> str:
    """A rendered body with each quote's chips (HTML, by quote id) in place."""
    return _PLACEHOLDERS.sub(lambda m: chips.get(m.group(1), ""), body_html)


MAX_CHIPS = 50_000
"""Chips remembered per link base and process; beyond that the memo starts afresh."""


def chips_html(
    concepts: Iterable[ConceptLink],
    url: Callable[[str], str],
    lang: str = "",
    made: dict[tuple[str, str], str] | None = None,
) -> str:
    """The chips after one quote, linked with the page's ``url``; ``lang`` is the site's
    language in a body written in another (concept names are the site's words). ``made``
    remembers each concept's chip for the pages of that ``url``: an article page has some
    ten chips, of a few hundred concepts a site's articles share."""
    made = {} if made is None else made
    chips = []
    for c in concepts:
        chip = made.get((c.target, c.title))
        if chip is None:
            if len(made) >= MAX_CHIPS:
                made.clear()
            chip = made[(c.target, c.title)] = (
                f' <a class="chip" rel="tag" href="{escape_text(url(c.target))}">'
                f"{escape_text(c.title)}</a>"
            )
        chips.append(chip)
    # A space before each chip: copied text and screen readers get "forces. green development"
    # rather than "forces.green development". Joined, not Markup.format: the links are escaped
    # already, and format costs more here than the rest of the chips (string.Formatter).
    if not chips:
        return ""
    tag = f' lang="{escape_text(lang)}"' if lang else ""
    return f'<span class="chips"{tag} data-pagefind-ignore>{"".join(chips)}</span>'
