"""Text escaped as Jinja's autoescape escapes it, as a ``str``: for the markup written in
Python (cards, chips, timelines), which escapes many small pieces; and the templates' own
escaping of each value they output, made cheaper (``escape``)."""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Callable
from functools import partial
from html.entities import codepoint2name
from typing import Final, cast

from markupsafe import Markup, escape


def _escaping() -> Callable[[str], str]:
    """What Jinja's autoescape makes of a string (``markupsafe.escape``), without making a
    ``Markup`` of every piece: MarkupSafe's own escaping of a ``str`` (``_escape_inner``
    since 3.0, in C when built with it). A regular expression then five replaces took four
    times as long, and a card escapes some ten pieces. It is private, so a MarkupSafe
    without it (2.x, which Jinja2 3.1 accepts) gets ``escape`` made a ``str`` again."""
    for name in ("markupsafe._speedups", "markupsafe._native"):
        try:
            inner = getattr(importlib.import_module(name), "_escape_inner", None)
        except ImportError:  # built without its C extension
            continue
        if callable(inner):
            return cast(Callable[[str], str], inner)
    return lambda text: str(escape(text))


escape_text: Final = _escaping()
"""``Final``, as ``as_markup``: compiled modules read it from its static, not from a dict of
their module's names, at each call (cards, chips, each value a template outputs)."""

as_markup: Final = cast(Callable[[str], Markup], partial(str.__new__, Markup))
"""``Markup(html)`` for a ``str`` of HTML, made without ``Markup.__new__``, whose look for
an ``__html__`` method a ``str`` has not (a failed attribute lookup) took half its time."""


def template_escape(value: object) -> str:
    """What ``markupsafe.escape(value)`` gives, as text: autoescaping templates call it on
    every value they output (some 120,000 calls a build of 1,000 articles), and what it
    gives is only ever output, joined with the rest of the page or of a macro's text (which
    Jinja makes a ``Markup`` itself), never handed on. So a ``str`` is escaped by the same
    function and given back a ``str`` (made a ``Markup``, it was copied by ``str.__new__``,
    several times the escape of a short text), a ``Markup`` as it is (MarkupSafe copies it,
    0.9 µs), anything else to MarkupSafe."""
    # ``type(value) is``, which narrows the type, rather than ``typing.cast``: a call of a
    # function in Python on every value a page outputs.
    if type(value) is str:
        return escape_text(value)
    if type(value) is Markup:
        return value
    return escape(value)


def escape_label(text: str) -> str:
    """A label's text (``catalogs/*.yaml``) escaped as ``escape_text`` escapes it, each of its
    punctuation marks and symbols past ASCII written as a character reference (``&ldquo;``,
    ``&middot;``, ``&#12300;``): letters stay as written. Python keeps a text of a character
    past U+00FF two bytes a character, so a citation's curly quotes made each card so, every
    piece of it widened when joined and written to UTF-8 a character at a time (some 4% of a
    build's instructions); with its labels so written, a site whose content is ASCII writes
    pages that are ASCII. A page's reader, and its scripts (``dataset``), see the same text."""
    escaped = escape_text(text)
    if escaped.isascii():  # the words of most labels in English
        return escaped
    return "".join([_reference(c) for c in escaped])


def numbered_references(text: str) -> str:
    """``text`` (escaped already) with each punctuation mark, symbol and space past ASCII
    written as a character reference by number (``&#8220;``), as ``escape_label`` writes it
    by name where HTML has one: XML, the feeds' (``emit.feeds``), knows no name but its
    five. So an entry of ASCII content, of which the feed's labels made a text two bytes a
    character (``“``, ``—``), stays ASCII, joined and encoded as a copy."""
    if text.isascii():
        return text
    return "".join([c if _as_written(c) else f"&#{ord(c)};" for c in text])


def _reference(c: str) -> str:
    """``c``, or its character reference when it is punctuation, a symbol or a space past
    ASCII: by name when HTML 4 has one (as every browser reads it), else by number."""
    if _as_written(c):
        return c
    name = codepoint2name.get(ord(c))
    return f"&{name};" if name is not None else f"&#{ord(c)};"


def _as_written(c: str) -> bool:
    """``c`` stays as written in a label: ASCII, a letter, digit or mark; or a control,
    which a reference would change."""
    return c.isascii() or unicodedata.category(c)[0] not in "PSZ"
