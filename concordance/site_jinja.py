"""Jinja's template, context and environment as the site's pages use them (``render``).

Not compiled with the modules that use them (``setup.py``): they subclass Jinja's classes,
and Jinja knows ``PlainCallContext.call`` by its code object (``internalcode``).
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from functools import partial
from types import BuiltinFunctionType, CodeType, FunctionType
from typing import Any

import jinja2
import markupsafe
from jinja2.utils import internalcode

from concordance import escaping, labels, urls


class EscapingTemplate(jinja2.Template):
    """Jinja's template, its output escaped by ``escaping.template_escape``, its globals a
    plain dict. A compiled template imports ``escape`` from ``jinja2.runtime`` into the
    namespace its functions run in; that name is replaced there once the code has run.
    (Should a Jinja2 name it otherwise, the replacement is unused and the templates escape
    as before, the same bytes.)"""

    @classmethod
    def from_code(
        cls,
        environment: jinja2.Environment,
        code: CodeType,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        # Jinja chains the template's globals to the environment's, so that globals added
        # later show; ours are all set when the environment is made (``environment``), and a
        # chain is read in Python: merged with a page's variables, and its names listed, for
        # every page and include, ChainMap's getitem raised a KeyError for each global.
        template.globals = dict(template.globals)
        namespace = template.root_render_func.__globals__
        if namespace.get("escape") is markupsafe.escape:
            namespace["escape"] = escaping.template_escape
        return template


_PLAIN_CALLABLES = frozenset({FunctionType, BuiltinFunctionType, partial})
"""Of these types, an object with no attribute of its own is called as it is by Jinja: a
``pass_context`` function is marked by an attribute (``jinja_pass_arg``), and a partial is
looked at itself, not the function it wraps. A compiled function (``setup.py``) is a
builtin one, which has no attributes of its own at all."""

_OWN_CALLABLES = frozenset({labels.Labels, urls.RelativeLinks, urls.AbsoluteLinks})
"""Classes of the page globals ``t`` and ``url``, none marked to take a context: their
objects are called at once."""


class PlainCallContext(jinja2.runtime.Context):
    """Jinja's context, calling the page globals that never take one at once. Templates call
    a global through ``Context.call``, which looks for ``jinja_pass_arg`` on the object and
    its ``__call__`` (three failed attribute lookups) before calling it: 1-2 µs a call, and a
    build of 1,000 articles makes some 60,000 (every label, card and link a template asks
    for). Any other callable (a macro, a ``pass_context`` function) takes Jinja's way."""

    @internalcode
    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        kind = type(__obj)
        if kind not in _OWN_CALLABLES and (
            kind not in _PLAIN_CALLABLES or getattr(__obj, "__dict__", None)
        ):
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja does
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


_DICT_ATTRIBUTES = frozenset(name for name in dir({}) if hasattr({}, name))
"""The attributes a ``dict`` has (its methods, ``__class__``...): a plain dict has no others."""


class SiteEnvironment(jinja2.Environment):
    """Jinja's environment, reading a plain dict's key as an attribute without asking the
    dict for an attribute of that name first. ``page.title`` is ``getattr`` failing, then
    ``page['title']``: the failure raised and caught an ``AttributeError``, 1.3 µs, for each
    of the sixteen reads of ``page`` in every page's head, nav and feed links. A ``dict``'s
    attributes are those of its type, so the name tells when ``getattr`` would fail; any
    other object (a dict's subclass too) is read as Jinja reads it."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is not dict or attribute in _DICT_ATTRIBUTES:
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        try:  # as Jinja's ``Environment.getattr`` goes on
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)
