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


ItemKey = tuple[str, str, int, bool, bool]
MAX_ITEMS = 50_000
"""List items remembered per link base and process (at N=5000, some 4,000 for the article
pages' depth, under 1 MB); beyond that the memo starts afresh."""


def concept_links(
    links: Iterable[Link],
    counts: bool = True,
    filter: bool = False,  # the macro's name for it
    *,
    url: Callable[[str], str],
    labels: Labels,
    made: dict[ItemKey, str] | None = None,
) -> Markup:
    """What the macro gives for ``concept_links(links, counts, filter)`` on a page whose
    links are made by ``url``. ``made`` remembers each item for the pages of that ``url``:
    every article page lists some ten concepts, with the count of its statements of each
    (a label filled, a number grouped, two values escaped), most counts one or two, so the
    same items come again and again (about 19 µs a page, 4 with them remembered)."""
    made = {} if made is None else made
    flag = FILTER if filter else ""
    items = []
    for c in links:
        key = (c.target, c.title, c.count, counts, filter)
        item = made.get(key)
        if item is None:
            if len(made) >= MAX_ITEMS:
                made.clear()
            item = made[key] = _item(c, counts, flag, url, labels)
        items.append(item)
    return as_markup(f'<ul class="chip-list">\n{"".join(items)}</ul>\n')


def _item(c: Link, counts: bool, flag: str, url: Callable[[str], str], labels: Labels) -> str:
    return (
        f'  <li><a class="chip" href="{escape_text(url(c.target))}"{flag}>'
        f"{escape_text(c.title)}</a>{_count(c.count, labels) if counts else ''}</li>\n"
    )


def _count(count: int, labels: Labels) -> str:
    unit = labels.html("statements_unit", count=count)
    shown = escape_text(labels.number(count))
    return f' <span class="count">{shown}<span class="visually-hidden">{unit}</span></span>'
