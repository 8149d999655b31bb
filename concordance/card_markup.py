"""The shipped ``statement_card`` macro of ``_macros.html``, written in Python.

A large site shows about two cards per statement (its concept pages, its speaker's page):
130,000 at 5,000 articles, each taking the Jinja macro some 60 µs, a sixth of all page
rendering. These f-strings give the same bytes in a fraction of that. They stand in for
the macro only while its source is the one they were written from (``MACRO_DIGEST``):
a site whose templates change the card gets its own macro, as always.
``tests/test_cards.py`` holds the two to the same output.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import jinja2
from markupsafe import Markup

from concordance.views import StatementView, long_date

MACROS = "_macros.html"
MACRO_DIGEST = "bdb02b93775d38f39afadd1c4184e6962cbe58391cbf881c4808200b8ec42f16"
"""SHA-256 of the macro's source, from ``{% macro statement_card`` to its ``{% endmacro %}``."""
_MACRO = re.compile(r"\{% macro statement_card\(.*?\{% endmacro %\}", re.DOTALL)
_SPECIAL = re.compile("[&<>'\"]")

Url = Callable[[str], str]


def macro_source(env: jinja2.Environment) -> str | None:
    """The source of ``statement_card`` in the environment's ``_macros.html``, if any."""
    if env.loader is None:
        return None
    try:
        source = env.loader.get_source(env, MACROS)[0]
    except jinja2.TemplateNotFound:
        return None
    found = _MACRO.search(source)
    return found[0] if found else None


def fits(env: jinja2.Environment) -> bool:
    """The templates' card is the shipped one, which ``statement_card`` writes."""
    source = macro_source(env)
    return source is not None and digest(source) == MACRO_DIGEST


def digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def statement_card(
    s: StatementView,
    url: Url,
    absolute: Callable[[str], str],
    site_title: str,
    show_concepts: bool = True,
    filters: bool = False,
) -> Markup:
    """What the macro gives for ``statement_card(s, show_concepts, filters)`` on a page
    whose links are made by ``url``."""
    target = _escape(url(s.target))
    card = _escape(s.card_id)
    parts = [
        f'<article class="statement" id="{card}">\n',
        f'  <blockquote cite="{target}"><p>{_escape(s.text)}</p></blockquote>\n',
        '  <p class="meta">\n',
        _speaker(s, url, filters),
        _dates(s, filters),
        "  </p>\n",
        '  <p class="source">\n',
        f'    <a class="passage" href="{target}">{_escape(s.article.title)}</a>',
        f' <span class="muted">· {_escape(s.source)}</span>' if s.source else "",
        "  </p>\n",
        f'<p class="note">Note: {_escape(s.note)}</p>' if s.note else "",
        _concepts(s, url) if show_concepts and s.concepts else "",
        '  <p class="card-actions" data-pagefind-ignore>\n',
        f'    <a class="permalink" href="#{card}">Permalink',
        '<span class="visually-hidden"> to this statement</span></a>\n',
        '    <button type="button" class="copy-cite" data-citation="',
        _citation(s, absolute, site_title),
        '" hidden>Copy citation</button>\n',
        "  </p>\n",
        "</article>\n",
    ]
    return Markup("".join(parts))


def _speaker(s: StatementView, url: Url, filters: bool) -> str:
    if not s.speaker:
        return ""
    flag = ' data-pagefind-filter="speaker"' if filters else ""
    href = _escape(url(s.speaker.target))
    return f'<a class="speaker" href="{href}"{flag}>{_escape(s.speaker.title)}</a> · '


def _dates(s: StatementView, filters: bool) -> str:
    # Dates are digits, hyphens, spaces and month names: nothing to escape.
    flag = f' data-pagefind-filter="year:{s.date.year}"' if filters else ""
    said = f'    <time datetime="{s.date.isoformat()}"{flag}>{long_date(s.date)}</time>'
    if s.date != s.published:
        day = s.published.isoformat()
        said += f' <span class="published">(published <time datetime="{day}">'
        said += f"{long_date(s.published)}</time>)</span>"
    return said


def _concepts(s: StatementView, url: Url) -> str:
    chips = "".join(
        f'<li><a class="chip" rel="tag" href="{_escape(url(c.target))}">{_escape(c.title)}</a></li>'
        for c in s.concepts
    )
    return f'  <ul class="chip-list" aria-label="Concepts">\n{chips}  </ul>\n'


def _citation(s: StatementView, absolute: Callable[[str], str], site_title: str) -> str:
    speaker = f"{_escape(s.speaker.title)}, " if s.speaker else ""
    note = f" [{_escape(s.note)}]" if s.note else ""
    source = f", {_escape(s.source)}" if s.source else ""
    original = f" {_escape(s.source_url)}" if s.source_url else ""
    return (
        f"{speaker}{long_date(s.date)}: “{_escape(s.text)}”{note}"
        f" In: {_escape(s.article.title)}{source}, {long_date(s.published)}."
        f"{original} Via {_escape(site_title)}: {_escape(absolute(s.target))}"
    )


def _escape(text: str) -> str:
    """What Jinja's autoescape makes of a string (``markupsafe.escape``), without making
    a ``Markup`` of every piece."""
    if _SPECIAL.search(text) is None:
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("'", "&#39;").replace('"', "&#34;")
