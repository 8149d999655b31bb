"""markdown-it's HTML of a body's tokens, its most common ones written at once.

Most tokens of a body are text, which markdown-it's ``renderInline`` escapes through the
renderer's rule ``text``, and tags without attributes (``<p>``, ``<em>``, ``</strong>``),
which its ``renderToken`` writes after making a list of their attributes and joining what
that list holds; each through a call or two of Python that does nothing for them. Here the
text is escaped at once (while ``text`` is markdown-it's own rule) and a tag's attributes
written only when it has some: the same HTML (``tests/test_token_html.py`` compares it with
markdown-it's on generated Markdown, and every page of the fixture sites).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import MethodType
from typing import Any, Final, cast

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.utils import EnvType, OptionsDict

from concordance.tokens import Attrs, Token


def enable(md: MarkdownIt) -> None:
    """Write ``md``'s HTML with ``render_inline`` and ``render_token``."""
    renderer = md.renderer
    if not isinstance(renderer, RendererHTML):
        raise TypeError(f"markdown-it's HTML renderer expected, not {renderer!r}")
    renderer.render = MethodType(render, renderer)  # type: ignore[method-assign]
    renderer.renderInline = MethodType(render_inline, renderer)  # type: ignore[method-assign]
    renderer.renderToken = MethodType(render_token, renderer)  # type: ignore[method-assign]
    renderer.renderAttrs = render_attrs  # type: ignore[method-assign]


def add_render_rule(md: MarkdownIt, name: str, function: Callable[..., str]) -> None:
    """``md.add_render_rule(name, function)`` for a function compiled (``setup.py``): that
    method binds the function to the renderer through ``__get__``, which a compiled function
    has not."""
    if md.renderer.__output__ == "html":
        cast(RendererHTML, md.renderer).rules[name] = MethodType(function, md.renderer)


def render(
    renderer: RendererHTML, tokens: Sequence[Token], options: OptionsDict, env: EnvType
) -> str:
    """``RendererHTML.render``: each block's inline children written here, not through a
    call of ``renderInline`` that asks again which rules are the stock ones, and a block's
    closing tag without attributes (``</p>``, some 16 an article) at once, not through
    ``renderToken``; any other tag by ``render_token`` at once, which ``enable`` makes the
    renderer's ``renderToken`` (a call of it through the renderer went through Python's
    calling convention and the bound method)."""
    rules = renderer.rules
    stock = _stock_rules(renderer)
    out: list[str] = []
    for i, token in enumerate(tokens):
        kind = token.type
        if kind == "inline":
            if token.children:
                out.append(_inline(renderer, token.children, options, env, stock))
        elif kind in rules:
            out.append(rules[kind](tokens, i, options, env))
        elif token.nesting == -1 and token.block and not token.attrs and not token.hidden:
            out.append(f"</{token.tag}>\n")  # as ``render_token`` writes it
        else:
            out.append(render_token(renderer, tokens, i, options, env))
    return "".join(out)


def render_inline(
    renderer: RendererHTML, tokens: Sequence[Token], options: OptionsDict, env: EnvType
) -> str:
    """``RendererHTML.renderInline``, its common tokens written at once (``_inline``)."""
    return _inline(renderer, tokens, options, env, _stock_rules(renderer))


def _inline(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    options: OptionsDict,
    env: EnvType,
    stock: tuple[bool, bool, bool],
) -> str:
    """``renderInline``: text escaped, raw HTML (a highlight, some 8 an article) and code
    spans (some 4) written at once where their rules are markdown-it's (``stock``), and a
    tag of emphasis without attributes (``<em>``, ``</strong>``) without a call of
    ``renderToken``."""
    rules = renderer.rules
    escaped, raw, code = stock
    out: list[str] = []
    for i, token in enumerate(tokens):
        kind = token.type
        if kind == "text" and escaped:
            text = token.content
            if "&" in text or "<" in text or ">" in text or '"' in text:  # few texts: no call
                text = escape_html(text)
            out.append(text)
        elif kind == "html_inline" and raw:
            out.append(token.content)
        elif kind == "code_inline" and code:  # as markdown-it's rule writes it
            attrs = written_attrs(token.attrs) if token.attrs else ""
            out.append(f"<code{attrs}>{escape_html(token.content)}</code>")
        elif kind in rules:
            out.append(rules[kind](tokens, i, options, env))
        elif (
            (nesting := token.nesting) and not token.attrs and not token.block and not token.hidden
        ):
            out.append(f"</{token.tag}>" if nesting == -1 else f"<{token.tag}>")
        else:
            out.append(render_token(renderer, tokens, i, options, env))
    return "".join(out)


def escape_html(text: str) -> str:
    """markdown-it's ``escapeHtml``, each character replaced only where the text holds it:
    ``str.replace`` counts a character of one by stepping through the text a character at
    a time, ``in`` finds it by ``memchr``, many characters at a step, and most texts of a
    body hold none of the four (some 1,000 instructions a text of 110 characters to 300)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


def render_token(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """``RendererHTML.renderToken``: the tag of ``tokens[idx]`` with its attributes, if any,
    on a line of its own if it is a block's that holds no inline text."""
    token = tokens[idx]
    if token.hidden:
        return ""
    nesting = token.nesting
    tag = f"</{token.tag}" if nesting == -1 else f"<{token.tag}"
    if token.attrs:
        tag += written_attrs(token.attrs)  # ``renderer.renderAttrs``, called at once
    if nesting == 0 and options["xhtmlOut"]:
        tag += " /"
    if not token.block:
        return f"{tag}>"
    if nesting != -1 and idx and tokens[idx - 1].hidden:
        tag = f"\n{tag}"  # after a tight list's paragraph
    if nesting == 1 and idx + 1 < len(tokens):  # written here: a call for each block
        after = tokens[idx + 1]
        empty = after.nesting == -1 and after.tag == token.tag
        if after.type == "inline" or after.hidden or empty:
            return f"{tag}>"  # its text, a hidden block, or nothing (<li></li>) goes on its line
    return f"{tag}>\n"


def render_attrs(token: Any) -> str:
    """``RendererHTML.renderAttrs``, of any token: markdown-it's renderer makes one of its
    own to write a fence's attributes."""
    return written_attrs(token.attrs)


def written_attrs(attrs: Attrs) -> str:
    """The HTML of a token's ``attrs``: one attribute of text is written once per process
    for every token holding the same (``_ATTRIBUTES``), as nearly every paragraph holds its
    direction (``dir="ltr"``, some 16 an article); markdown-it listed it and escaped its
    name and value again for each."""
    if len(attrs) == 1:
        for name, value in attrs.items():
            if type(value) is str:  # 1 and 1.0 are one key, and written apart
                return _attribute(name, value)
    # As markdown-it's, in C: a heading's two (``dir``, ``id``) went through its escaping in
    # Python, some 7,000 instructions a heading.
    result = ""
    for name, value in attrs.items():
        result += f' {escape_html(name)}="{escape_html(str(value))}"'
    return result


_ATTRIBUTES: Final[dict[tuple[str, str], str]] = {}
"""Each attribute of text written (``_attribute``), by its name and value."""
MAX_ATTRIBUTES: Final = 1024
"""Attributes kept at most: links' addresses, each written once or twice, come and go, and
the kept ones are let go all at once when there are this many (``dir="ltr"`` is written
again at the next paragraph)."""


def _attribute(name: str, value: str) -> str:
    """One attribute as markdown-it writes it, once per process: a look-up in a dict, where
    ``functools.lru_cache`` (bounded, reordering its entries) took some 1,400 instructions."""
    key = (name, value)
    written = _ATTRIBUTES.get(key)
    if written is None:
        if len(_ATTRIBUTES) >= MAX_ATTRIBUTES:
            _ATTRIBUTES.clear()
        written = _ATTRIBUTES[key] = f' {escapeHtml(name)}="{escapeHtml(value)}"'
    return written


def _stock_rules(renderer: RendererHTML) -> tuple[bool, bool, bool]:
    """Whether ``renderer``'s rules for text, for inline HTML and for code spans are
    markdown-it's: the first escapes the content, the second writes it as it is, the third
    escapes it between ``<code>`` tags."""
    return (
        _is_stock(renderer, "text"),
        _is_stock(renderer, "html_inline"),
        _is_stock(renderer, "code_inline"),
    )


def _is_stock(renderer: RendererHTML, kind: str) -> bool:
    rule = renderer.rules.get(kind)
    return getattr(rule, "__func__", None) is getattr(RendererHTML, kind)
