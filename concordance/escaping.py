"""Text escaped as Jinja's autoescape escapes it, as a ``str``: for the markup written in
Python (cards, chips, timelines), which escapes many small pieces."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import cast

from markupsafe import escape


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


escape_text = _escaping()
