"""Anchors for a body's headings, named as GitHub names them: ``## Methods and data`` can be
linked as ``#methods-and-data`` from the body itself (a table of contents) or from another
file (``report.md#methods-and-data``, see ``content_links``).

The heading's id is that name after ``h:``. No quote id holds a colon, and the footnotes'
ids start ``fn:``, so a heading never takes an id the page has already: a heading called
"Main" would otherwise take ``main``, which the shipped templates give the page's content
(the target of the link that skips to it), and one called like a quote's id, its anchor.
A body's links to its own headings (``#methods-and-data``) are rewritten to those ids; one of
no text (``[](#methods-and-data)``, as MyST writes a reference) shows the heading's text.

Attributes written after a heading's text, as Pandoc, kramdown and Hugo read them (``##
Methods {#methods .wide}``, ``{: #methods}``), are left out of the heading, and its ``#id``
names it instead of its text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Set
from typing import Final
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore

from concordance import casing, emoji_codes, inline_html
from concordance.lazy_patterns import lazy_compile
from concordance.tokens import Token, ours

PREFIX = "h:"
NAMES = "heading_names"
"""``env`` key: the names of the body's headings, in order."""
NOWHERE = "fragments_nowhere"
"""``env`` key: (address, body lines of its block) of each link of the body to a ``#name``
of its own page that names nothing there."""
QUOTES = "quote_ids"
"""``env`` key: the ids of the quotes looked for in the body, which a link to ``#id`` means
even where a heading has that name."""
MAX_NAME: Final = 100
"""Characters of a name at most: a heading may be a whole paragraph long."""
WRITTEN = "written_id"
"""``Token.meta`` key of a heading written in HTML (``html_blocks``): the id its tag gives it
(``<h2 id="install">``), which names it as ``{#install}`` after a Markdown heading does."""
_WRITTEN = lazy_compile(rf"[\w:-]{{1,{MAX_NAME}}}")
_TEXT: Final = frozenset({"text", "code_inline"})
_ASCII_DROPPED = re.compile(r"[^a-z0-9 _-]")
"""What ``github_name`` leaves out of ASCII text (whose letters are in lower case)."""
_ATTRIBUTE = r"""(?:#[^\s{}"'=]+|\.[\w:-]+|[A-Za-z_][\w-]*=(?:"[^"]*"|[^\s{}"]+)|-)"""
_ATTRIBUTES = lazy_compile(rf"\{{:?\s*({_ATTRIBUTE}(?:\s+{_ATTRIBUTE})*)\s*\}}\s*")
"""A heading's attributes: ids, classes, ``key=value`` and Pandoc's ``-`` (unnumbered), each
apart from the next."""
_ID = lazy_compile(rf"#([^\s{{}}\"'=]+)|{_ATTRIBUTE}")
_BLOCKS = 8
"""Blocks of attributes after a heading's text read at most: Pandoc, converting a document
whose headings were written with ``{#id}`` for GitHub, writes them as text and adds its own
(``## 3.5.3 {#version-3-5-3} {#353-version-3-5-3}``)."""


def enable(md: MarkdownIt) -> None:
    # Last: after raw HTML is read (``<a href="#name">``, see ``inline_html``).
    md.core.ruler.push("heading_ids", _name_headings)


def _name_headings(state: StateCore) -> None:
    tokens = ours(state.tokens)
    names: list[str] = []
    taken: dict[str, int] = {}
    titles: dict[str, str] = {}  # name -> the text of the heading it names
    for at, token in enumerate(tokens[:-1]):
        if token.type == "heading_open" and tokens[at + 1].type == "inline":
            written = _written_id(tokens[at + 1])  # which leaves the attributes out of it
            # Without the spaces beside what is left out at its ends, as GitHub names
            # ``## Install <!-- omit in toc -->`` "install", which tables of contents link.
            text = _text(tokens[at + 1].children or ()).strip()
            if ":" in text:  # Material's icons are no text of its name (``emoji_codes``)
                text = emoji_codes.shown(text, {}).strip()
            name = unique(_tag_id(token) or written or github_name(text), taken)
            if name:
                token.attrSet("id", PREFIX + name)
                names.append(name)
                titles[name] = text
            for child in tokens[at + 1].children or ():
                if inline_html.ANCHOR in child.meta:  # a place named in the heading
                    titles.setdefault(child.meta[inline_html.ANCHOR], text)
    names += _name_anchors(state.env.get(inline_html.ANCHORS) or (), taken)
    if names:
        state.env[NAMES] = names
    quotes = state.env.get(QUOTES)
    quotes = quotes if isinstance(quotes, set) else set()
    references = bool(state.env.get("references"))
    if nowhere := _relink(tokens, set(taken) - quotes, quotes, references, titles):
        state.env[NOWHERE] = nowhere


def _name_anchors(anchors: Iterable[Token], taken: dict[str, int]) -> list[str]:
    """The ids raw HTML gives places (``<a id="DEP0111"></a>``, ``<a name="_Toc1">``), as
    written: the first of each name not a heading's is an anchor, its id after ``h:``."""
    names: list[str] = []
    for anchor in anchors:
        name = anchor.meta[inline_html.ANCHOR]
        if name not in taken:
            taken[name] = 0
            names.append(name)
            anchor.content = f'<a id="{escapeHtml(PREFIX + name)}"></a>'
    return names


def github_name(text: str) -> str:
    """The name GitHub gives a heading of ``text``: in lower case, without punctuation or
    symbols, each space a hyphen."""
    lower = casing.lower(text)
    if lower.isascii():  # most headings: at C speed
        kept = _ASCII_DROPPED.sub("", lower)
    else:
        kept = "".join(c for c in lower if c in " -_" or unicodedata.category(c)[0] in "LMN")
    return kept.replace(" ", "-")[:MAX_NAME]


def unique(name: str, taken: dict[str, int]) -> str:
    """``name``, or the first of ``name-1``, ``name-2``... not ``taken`` (then taken), as
    GitHub numbers them. ``taken`` maps each name given to the last number tried after it,
    so the thousandth heading of one name is not compared with the 999 before it."""
    if not name:
        return ""
    found = name
    while found in taken:
        taken[name] += 1
        found = f"{name}-{taken[name]}"
    taken[found] = 0
    return found


def _tag_id(heading: Token) -> str | None:
    """The id an HTML heading's tag gives it, if it is one a name can be."""
    written = heading.meta.get(WRITTEN) if heading.meta else None
    return written if isinstance(written, str) and _WRITTEN.fullmatch(written) else None


def _written_id(inline: Token) -> str | None:
    """The id written in the attributes after a heading's text, which are left out of it;
    "" when they name none, None when there are none. Of several blocks, the first names
    the heading: it is the author's, a later one a converter's."""
    found: list[str] | None = None
    for _ in range(_BLOCKS):
        ids = _last_attributes(inline)
        if ids is None:
            break
        found = ids + (found or [])
    return found[0] if found else ("" if found is not None else None)


def _last_attributes(inline: Token) -> list[str] | None:
    """Take away the block of attributes that ends a heading's text, if one does; the id
    it names (the last, if several), in a list, or an empty list."""
    last = inline.children[-1] if inline.children else None
    if last is None or last.type != "text" or not last.content.endswith("}"):
        return None
    at = last.content.rfind("{")  # where the attributes start, if they do
    attributes = _ATTRIBUTES.fullmatch(last.content, at) if at >= 0 else None
    written = last.content[at:]
    source = inline.content
    if attributes is None or not source.endswith(written) or source[: -len(written)][-1:] == "\\":
        return None  # none, or escaped: \{#x} is text
    last.content = last.content[:at].rstrip()
    inline.content = source[: -len(written)].rstrip()
    ids = [m.group(1) for m in _ID.finditer(attributes.group(1)) if m.group(1)]
    return ids[-1:]


def _text(children: Iterable[Token]) -> str:
    return "".join(child.content for child in children if child.type in _TEXT)


def _relink(
    tokens: list[Token],
    names: set[str],
    quotes: set[str],
    references: bool,
    titles: dict[str, str],
) -> list[tuple[str, range]]:
    """Point the body's links to its headings' and places' ``names`` at their ids; returns
    the address and lines of each naming nothing there, nor one of the ``quotes``. Such a
    link has a ``[`` or a tag, and a ``#``, in its block, or uses a reference (``[ref]:
    #a``). A link of no text to a heading shows the heading's (``titles``), as MyST fills
    ``[](#glorp-plan)``: else the reader would see nothing there."""
    nowhere: list[tuple[str, range]] = []
    for token in tokens:
        if token.type != "inline":  # first: a token's field read from C is some 160 instructions
            continue
        content = token.content
        if "[" not in content and "<" not in content:
            continue
        if "#" not in content and not references:
            continue
        children = token.children or []
        fills: dict[int, str] = {}
        for at, child in enumerate(children):
            href = child.attrGet("href") if child.type == "link_open" else None
            if not isinstance(href, str) or not href.startswith("#"):
                continue
            fragment = unquote(href[1:])
            if (name := named(fragment, names)) is not None:
                child.attrSet("href", f"#{quote(PREFIX + name, safe=':')}")
                if titles.get(name) and _empty(children, at):
                    fills[at] = titles[name]
            elif not _built_in(fragment) and fragment not in quotes:
                nowhere.append((href, range(*token.map) if token.map else range(0, 1)))
        if fills:
            token.children = _filled(children, fills)
    return nowhere


def _empty(children: list[Token], at: int) -> bool:
    """Whether the link ``children[at]`` opens has no text of its own."""
    return at + 1 < len(children) and children[at + 1].type == "link_close"


def _filled(children: list[Token], fills: dict[int, str]) -> list[Token]:
    """``children`` with the text ``fills`` gives each empty link by where it opens, all in
    one pass: inserted one at a time, 200,000 such links in a paragraph took 25 s."""
    out: list[Token] = []
    for at, child in enumerate(children):
        out.append(child)
        if at in fills:
            filled = Token("text", "", 0, content=fills[at])
            filled.level = child.level + 1
            out.append(filled)
    return out


def _built_in(fragment: str) -> bool:
    """Whether a fragment goes somewhere on every page: to its top (``#``, ``#top``, as
    HTML has it), or to a footnote or a reference to one (``footnotes``)."""
    return casing.lower(fragment) in ("", "top") or fragment.startswith(("fn:", "fnref:"))


def named(fragment: str, names: Set[str]) -> str | None:
    """Which of ``names`` a link's fragment means: the one written, else the one GitHub gives
    a heading of that text (``#Conditionals`` is the heading "Conditionals"), or of that text
    with spaces for underscores, as wikis write it (``#Variables_and_Conditionals``)."""
    if fragment in names:
        return fragment
    if fragment.startswith(PREFIX) and fragment[len(PREFIX) :] in names:
        return fragment[len(PREFIX) :]  # the id itself, copied from a page's address
    for text in (fragment, fragment.replace("_", " ")):
        if (name := github_name(text)) in names:
            return name
    return None
