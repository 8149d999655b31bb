"""Anchors for a body's headings, named as GitHub names them: ``## Methods and data`` can be
linked as ``#methods-and-data`` from the body itself (a table of contents) or from another
file (``report.md#methods-and-data``, see ``content_links``).

The heading's id is that name after ``h:``. No quote id holds a colon, and the footnotes'
ids start ``fn:``, so a heading never takes an id the page has already: a heading called
"Main" would otherwise take ``main``, which the shipped templates give the page's content
(the target of the link that skips to it), and one called like a quote's id, its anchor.
A body's links to its own headings (``#methods-and-data``) are rewritten to those ids.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

PREFIX = "h:"
NAMES = "heading_names"
"""``env`` key: the names of the body's headings, in order."""
QUOTES = "quote_ids"
"""``env`` key: the ids of the quotes looked for in the body, which a link to ``#id`` means
even where a heading has that name."""
MAX_NAME = 100
"""Characters of a name at most: a heading may be a whole paragraph long."""
_TEXT = frozenset({"text", "code_inline"})
_ASCII_DROPPED = re.compile(r"[^a-z0-9 _-]")
"""What ``github_name`` leaves out of ASCII text (whose letters are in lower case)."""


def enable(md: MarkdownIt) -> None:
    # Last: after raw HTML is read (``<a href="#name">``, see ``inline_html``).
    md.core.ruler.push("heading_ids", _name_headings)


def _name_headings(state: StateCore) -> None:
    tokens = state.tokens
    names: list[str] = []
    taken: dict[str, int] = {}
    for at, token in enumerate(tokens[:-1]):
        if token.type == "heading_open" and tokens[at + 1].type == "inline":
            name = unique(github_name(_text(tokens[at + 1].children or ())), taken)
            if name:
                token.attrSet("id", PREFIX + name)
                names.append(name)
    if names:
        state.env[NAMES] = names
        quotes = state.env.get(QUOTES)
        references = bool(state.env.get("references"))
        named = set(taken) - quotes if isinstance(quotes, set) else set(taken)
        _relink(tokens, named, references)


def github_name(text: str) -> str:
    """The name GitHub gives a heading of ``text``: in lower case, without punctuation or
    symbols, each space a hyphen."""
    lower = text.lower()
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


def _text(children: Iterable[Token]) -> str:
    return "".join(child.content for child in children if child.type in _TEXT)


def _relink(tokens: list[Token], names: set[str], references: bool) -> None:
    """Point the body's links to its headings' ``names`` at their ids. Such a link has a
    ``[`` or a tag, and a ``#``, in its block, or uses a reference (``[ref]: #a``)."""
    for token in tokens:
        content = token.content
        if token.type != "inline" or ("[" not in content and "<" not in content):
            continue
        if "#" not in content and not references:
            continue
        for child in token.children or ():
            href = child.attrGet("href") if child.type == "link_open" else None
            if isinstance(href, str) and href.startswith("#") and unquote(href[1:]) in names:
                child.attrSet("href", f"#{PREFIX}{href[1:]}")
