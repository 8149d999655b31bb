"""Jinja's template, context and environment as the site's pages use them (``render``).

Not compiled with the modules that use them (``setup.py``): they subclass Jinja's classes,
and Jinja knows ``PlainCallContext.call`` by its code object (``internalcode``).
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from functools import partial
from io import StringIO
from keyword import iskeyword
from types import BuiltinFunctionType, CodeType, FunctionType
from typing import Any

import jinja2
import markupsafe
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.utils import internalcode

from concordance import escaping, template_runtime


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
        # What ``SiteCodeGenerator``'s code calls.
        namespace[TEMPLATE_ATTR] = template_runtime.template_attr
        namespace[PLAIN_CALLABLES] = template_runtime.PLAIN_CALLABLES
        return template


def encoded(template: jinja2.Template, context: dict[str, Any]) -> bytes:
    """``template.render(context).encode()``, each piece the template yields encoded as it
    comes and the bytes joined. A page of statement cards holds curly quotes, so the text
    of the whole page joined was two bytes a character, and UTF-8 is written from such a
    text a character at a time, some 2 ns each; most pieces (markup, links) are ASCII,
    encoded as a copy. The text of a popular concept's page (15 MB at 5,000 articles) was
    also a block of its own, mapped fresh (``heap.steady_malloc``), and its bytes another:
    encoding the pages of concepts and speakers took 0.8 s, piece by piece 0.5 s."""
    if template.environment.is_async:  # Jinja's way, as ``render`` goes
        return template.render(context).encode()
    pieces = template.root_render_func(template.new_context(context))
    try:
        return b"".join(map(str.encode, pieces))
    except Exception:
        template.environment.handle_exception()


TEMPLATE_ATTR = "site_template_attr"
PLAIN_CALLABLES = "site_plain_callables"
"""The names of ``template_runtime``'s function and types in a compiled template's
namespace."""


class SiteCodeGenerator(CodeGenerator):
    """Jinja's code generator, writing code that reads an attribute by a compiled function
    (``template_runtime.template_attr``), not by the environment's method in Python, and calls
    a page global that never takes a context (``template_runtime.PLAIN_CALLABLES``: ``t``,
    ``url``, compiled functions) at once, not through ``Context.call``: about 100 reads and
    50 calls a page, each a call in Python less."""

    @optimizeconst
    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        if self.environment.is_async:
            super().visit_Getattr(node, frame)
            return
        self.write(f"{TEMPLATE_ATTR}(environment, ")
        self.visit(node.node, frame)
        self.write(f", {node.attr!r})")

    @optimizeconst
    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        if (
            self.environment.is_async
            or self.environment.sandboxed
            or forward_caller
            or node.dyn_args is not None
            or node.dyn_kwargs is not None
            or any(iskeyword(k.key) for k in node.kwargs)
            or any(True for _ in _arguments(node).find_all(nodes.Call))
        ):
            # Jinja's code. (With a call among the arguments, written twice below, the text
            # of a nested call would double at each level.)
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        # ``(f(args) if type(f := callee) in plain else context.call(f, args, vars))``: the
        # callee and the arguments are evaluated once, in Jinja's order, either way.
        stream, self.stream = self.stream, StringIO()
        try:
            self.signature(node, frame)  # the arguments, each after a comma
            arguments = self.stream.getvalue()
        finally:
            self.stream = stream
        callee = self.temporary_identifier()
        self.write(f"({callee}({arguments.removeprefix(', ')}) if type({callee} := ")
        self.visit(node.node, frame)
        self.write(f") in {PLAIN_CALLABLES} else context.call({callee}{arguments}")
        if frame.loop_frame:
            self.write(", _loop_vars=_loop_vars")
        if frame.block_frame:
            self.write(", _block_vars=_block_vars")
        self.write("))")

    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
        if frame.buffer is not None or frame.require_output_check:
            super().visit_Output(node, frame)
            return
        # Jinja's code, but one ``yield`` of the pieces joined (``concat``), not one each.
        finalize = self._make_finalize()
        body: list[list[Any] | nodes.Expr] = []
        for child in node.nodes:
            try:
                if not (finalize.const or isinstance(child, nodes.TemplateData)):
                    raise nodes.Impossible()
                const = self._output_child_to_const(child, frame, finalize)
            except (nodes.Impossible, Exception):
                body.append(child)
                continue
            if body and isinstance(body[-1], list):
                body[-1].append(const)
            else:
                body.append([const])
        if len(body) < 2:
            super().visit_Output(node, frame)
            return
        self.writeline("yield concat((")
        self.indent()
        for item in body:
            if isinstance(item, list):
                self.writeline(self._output_const_repr(item) + ",")
            else:
                self.newline(item)
                self._output_child_pre(item, frame, finalize)
                self.visit(item, frame)
                self._output_child_post(item, frame, finalize)
                self.write(",")
        self.outdent()
        self.writeline("))")


def _arguments(node: nodes.Call) -> nodes.Node:
    """The arguments of ``node``, as one node to search."""
    values = [*node.args, *(k.value for k in node.kwargs), node.dyn_args, node.dyn_kwargs]
    return nodes.List([v for v in values if v is not None])


_PLAIN_CALLABLES = frozenset({FunctionType, BuiltinFunctionType, partial})
"""Of these types, an object with no attribute of its own is called as it is by Jinja: a
``pass_context`` function is marked by an attribute (``jinja_pass_arg``), and a partial is
looked at itself, not the function it wraps. A compiled function (``setup.py``) is a
builtin one, which has no attributes of its own at all."""


class PlainCallContext(jinja2.runtime.Context):
    """Jinja's context, calling the page globals that never take one at once. Templates call
    a global through ``Context.call``, which looks for ``jinja_pass_arg`` on the object and
    its ``__call__`` (three failed attribute lookups) before calling it: 1-2 µs a call, and a
    build of 1,000 articles makes some 60,000 (every label, card and link a template asks
    for). Any other callable (a macro, a ``pass_context`` function) takes Jinja's way."""

    @internalcode
    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        kind = type(__obj)
        if kind not in template_runtime.PLAIN_CALLABLES and (
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


class SiteEnvironment(jinja2.Environment):
    """Jinja's environment, reading a plain dict's key as an attribute without asking the
    dict for an attribute of that name first (``template_runtime.template_attr``, which the
    templates' code calls itself: ``SiteCodeGenerator``)."""

    # ``SiteCodeGenerator`` reuses private methods of Jinja 3.1's code generator: another
    # version's templates are compiled by its own, as they were before it (same output).
    code_generator_class = (
        SiteCodeGenerator if jinja2.__version__.startswith("3.1.") else CodeGenerator
    )

    def getattr(self, obj: Any, attribute: str) -> Any:
        return template_runtime.template_attr(self, obj, attribute)
