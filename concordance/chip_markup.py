"""The shipped ``concept_links`` macro of ``_macros.html``, written in Python (see
``macros``): every article page lists its concepts with it, and concept pages their
broader, narrower, related and co-occurring concepts."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup

from concordance.escaping import as_markup, escape_text
from concordance.labels import Labels
from concordance.views import Link

FILTER = ' data-pagefind-filter="concept"'


def concept_links(
    links: Iterable[Link],
    counts: bool = True,
    filter: bool = False,  # the macro's name for it
    *,
    url: Callable[[str], str],
    labels: Labels,
) -> Markup:
    """What the macro gives for ``concept_links(links, counts, filter)`` on a page whose
    links are made by ``url``."""
    flag = FILTER if filter else ""
    items = "".join(
        f'  <li><a class="chip" href="{escape_text(url(c.target))}"{flag}>'
        f"{escape_text(c.title)}</a>{_count(c.count, labels) if counts else ''}</li>\n"
        for c in links
    )
    return as_markup(f'<ul class="chip-list">\n{items}</ul>\n')


def _count(count: int, labels: Labels) -> str:
    unit = labels.html("statements_unit", count=count)
    shown = escape_text(labels.number(count))
    return f' <span class="count">{shown}<span class="visually-hidden">{unit}</span></span>'
