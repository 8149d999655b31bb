"""The macros of ``_macros.html`` that pages call as globals, with Python stand-ins.

Three shipped macros run on nearly every page: ``statement_card`` (nearly three cards
per statement), ``concept_links`` (every article's concept chips) and ``timeline`` (every
concept's chart). Run as Jinja macros, they took about a third of all page rendering.
Each has a stand-in written with f-strings (``card_markup``, ``chip_markup``,
``timeline_markup``) that gives the same bytes, used only while the macro's source is the
one it was written from (``DIGESTS``): change a macro in your templates and your macro
renders, as always. ``tests/test_macros.py`` and ``tests/test_cards.py`` hold each pair to
the same output.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, cast

import jinja2
from markupsafe import Markup

from concordance import chip_markup, timeline_markup
from concordance.labels import Labels

MACROS = "_macros.html"
DIGESTS = {
    "statement_card": "a2b76f077d9cf70e96565137d81a7ac67ec3b4468916066e41113370402bfce6",
    "concept_links": "d15b77c7e4724f29ac5c79d338e4eab3aaac1c3d8668113d866c105ef4e0d618",
    "timeline": "8745a792ab0e00b0a2726d02d858c8b2875f8791870f9463889af01a8001ba15",
}
"""SHA-256 of each shipped macro's source, from ``{% macro name(`` to its ``{% endmacro %}``."""

Macro = Callable[..., Markup]


def macro_source(env: jinja2.Environment, name: str) -> str | None:
    """The source of macro ``name`` in the environment's ``_macros.html``, if any."""
    if env.loader is None:
        return None
    try:
        source = env.loader.get_source(env, MACROS)[0]
    except jinja2.TemplateNotFound:
        return None
    pattern = r"\{%-?\s*macro\s+" + re.escape(name) + r"\(.*?\{%-?\s*endmacro\s*-?%\}"
    found = re.search(pattern, source, re.DOTALL)
    return found[0] if found else None


def digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def shipped(env: jinja2.Environment) -> frozenset[str]:
    """The macros of ``DIGESTS`` that are, in these templates, the shipped ones."""
    return frozenset(
        name
        for name, expected in DIGESTS.items()
        if (source := macro_source(env, name)) is not None and digest(source) == expected
    )


@dataclass(slots=True)
class MacroModules:
    """``_macros.html`` as a module, once per link base: its macros make links with the
    ``url`` of the pages at that base."""

    env: jinja2.Environment
    page_globals: dict[str, Any]
    """What every page's templates see besides ``url``: ``site``, ``absolute``."""
    modules: dict[str, Any] = field(default_factory=dict)

    def macro(self, base: str, url: Callable[[str], str], name: str) -> Macro:
        """Macro ``name``, looked up when a page first calls it: templates that never call
        it need not define it (or have a ``_macros.html`` at all)."""

        def call(*args: Any, **kwargs: Any) -> Markup:
            return self._found(base, url, name)(*args, **kwargs)

        return call

    def _found(self, base: str, url: Callable[[str], str], name: str) -> Macro:
        module = self.modules.get(base)
        if module is None:
            template = self.env.get_template(MACROS)
            module = template.make_module({**self.page_globals, "url": url})
            self.modules[base] = module
        found = getattr(module, name, None)
        if found is None:  # reported like any template error: located, no traceback
            raise jinja2.UndefinedError(f"'{name}' is undefined: {MACROS} has no such macro")
        return cast(Macro, found)


@dataclass(frozen=True, slots=True)
class PageMacros:
    """``concept_links`` and ``timeline`` as page globals (``statement_card`` is
    ``cards.CardMemo``'s): the Python stand-in where the macro is the shipped one."""

    modules: MacroModules
    shipped: frozenset[str]
    labels: Labels
    items: dict[str, dict[chip_markup.ItemKey, str]] = field(default_factory=dict)
    """The Python ``concept_links``' items, by link base (``chip_markup.concept_links``)."""

    def concept_links(self, base: str, url: Callable[[str], str]) -> Macro:
        if "concept_links" in self.shipped:
            made = self.items.setdefault(base, {})
            return partial(chip_markup.concept_links, url=url, labels=self.labels, made=made)
        return self.modules.macro(base, url, "concept_links")

    def timeline(self, base: str, url: Callable[[str], str]) -> Macro:
        if "timeline" in self.shipped:
            return partial(timeline_markup.timeline, labels=self.labels)
        return self.modules.macro(base, url, "timeline")
