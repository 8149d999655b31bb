"""Text escaped as Jinja's autoescape escapes it, as a ``str``: for the markup written in
Python (cards, chips, timelines), which escapes many small pieces; and the templates' own
escaping of each value they output, made cheaper (``escape``)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
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
