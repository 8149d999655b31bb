"""What the site's compiled templates call in place of Jinja's runtime, compiled (``setup.py``):
each attribute a template reads (``template_attr``) and the test telling which callables it
calls at once (``PLAIN_CALLABLES``). ``site_jinja.SiteCodeGenerator`` writes templates' code
that uses them; ``site_jinja.EscapingTemplate`` puts them in the namespace it runs in."""

from __future__ import annotations

from types import BuiltinFunctionType
from typing import Any, Final

from concordance import card_markup, labels, urls

_DICT_ATTRIBUTES: Final = frozenset(name for name in dir({}) if hasattr({}, name))
"""The attributes a ``dict`` has (its methods, ``__class__``...): a plain dict has no others."""

PLAIN_CALLABLES: Final = frozenset(
    {
        labels.Labels,
        urls.RelativeLinks,
        urls.AbsoluteLinks,
        card_markup.PageCards,
        BuiltinFunctionType,
    }
)
"""Types of the page globals (``t``, ``url``, the shipped ``statement_card``) and of
compiled functions and methods, which a template calls at once rather than through
``Context.call``: none takes a context (a builtin function can carry no mark asking for
one), so Jinja would call them as they are."""


def template_attr(environment: Any, obj: Any, attribute: str) -> Any:
    """``environment.getattr(obj, attribute)`` of ``site_jinja.SiteEnvironment``: Jinja's,
    but a plain dict's key read without asking the dict for an attribute of that name first.
    ``page.title`` is ``getattr`` failing, then ``page['title']``: the failure raised and
    caught an ``AttributeError``, 1.3 µs, for each of the sixteen reads of ``page`` in every
    page's head, nav and feed links. A ``dict``'s attributes are those of its type, so the
    name tells when ``getattr`` would fail; any other object (a dict's subclass too) is read
    as Jinja reads it. Compiled, a read is a C call, not a method of the environment in
    Python (some 100 a page)."""
    if type(obj) is not dict or attribute in _DICT_ATTRIBUTES:
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
    try:  # as Jinja's ``Environment.getattr`` goes on
        return obj[attribute]
    except (TypeError, LookupError, AttributeError):
        return environment.undefined(obj=obj, name=attribute)
