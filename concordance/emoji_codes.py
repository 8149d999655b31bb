"""GitHub's emoji shortcodes (``:rocket:``, ``:+1:``, ``:tada:``) shown as the emoji they
name, as GitHub, GitLab, VitePress and MkDocs' Material draw them: the page shows the
emoji where the body's source has the name, and a quote copied from such a page holds the
emoji, which the page must show too for it to be found.

The names are GitHub's (gemoji's), as the ``emoji`` package keeps them among its aliases,
then the names of Unicode's (``:red_heart:``) it keeps too, for an emoji GitHub gives no other;
read here rather than through its ``emojize``, whose names may hold any character but a colon
(``:Japanese_“here”_button:``), and imported only when a body holds a name between colons (it
reads half a megabyte of data). As markdown-it-emoji reads them, a name stands apart from the
letters around it (``a:rocket:`` is text), and the text of a link written as a bare address is
left alone; emoticons (``:)``) stay as typed, as GitHub shows them.

The icons of Material for MkDocs (``:material-bug:``, ``:octicons-heart-16:``), which it
draws as pictures (SVG), are no text: left out, with the attributes in braces after them;
one that is all of a link's text stays, the link's name. Heading ids are made before
(``heading_ids``): GitHub's id of ``## :memo: License`` is ``memo-license``, which other
pages link to; an icon is left out of it there, as MkDocs leaves it out. Code, raw HTML
and addresses are not text and keep their colons.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from markdown_it import MarkdownIt
from markdown_it.common.utils import isPunctChar, isWhiteSpace
from markdown_it.rules_core import StateCore

from concordance import attributes
from concordance.lazy_patterns import lazy_compile
from concordance.tokens import Token, ours

_NAME = r"[a-z0-9_+-]{1,80}"
"""A name as GitHub writes them (``+1``, ``t-rex``, ``1st_place_medal``)."""
_SHORTCODE = lazy_compile(f":({_NAME}):")
_ICON = lazy_compile(
    r"(?:material|octicons|fontawesome-(?:brands|regular|solid)|simple)-[a-z0-9-]+"
)
"""The name of an icon of Material for MkDocs (``:material-bug:``, ``:octicons-heart-16:``,
``:fontawesome-brands-github:``, ``:simple-python:``), which it draws as a picture (SVG)."""


def enable(md: MarkdownIt) -> None:
    md.core.ruler.after("heading_ids", "emoji", _emoji)


def _emoji(state: StateCore) -> None:
    """Each shortcode of a name in the text of the body's inline blocks, as its emoji."""
    if not _two_colons(state.src):  # a body of fewer holds no name: one pass in C
        return
    names: Mapping[str, str] | None = None
    for token in ours(state.tokens):
        if token.type != "inline" or not _two_colons(token.content):
            continue
        bare_link = 0
        children = token.children or []
        for at, child in enumerate(children):
            if child.info == "auto" and child.type in ("link_open", "link_close"):
                bare_link += child.nesting
            elif (
                child.type == "text"
                and not bare_link
                and ":" in child.content  # memchr, before the pattern
                and _SHORTCODE.search(child.content)
            ):
                names = names or _names()
                written = shown(child.content, names)
                if written.strip() or not _a_link_alone(children, at):
                    child.content = written


def _two_colons(text: str) -> bool:
    """Whether ``text`` holds two colons: two ``memchr`` (``str.count`` reads it all, at a
    tenth of the speed)."""
    first = text.find(":")
    return first >= 0 and text.find(":", first + 1) >= 0


@functools.cache
def _names() -> Mapping[str, str]:
    """Each name -> its emoji: GitHub's first, which take the name where Unicode's gives it
    to another (``:dog:`` is the dog's face, 🐶, as on GitHub, not 🐕)."""
    from emoji import EMOJI_DATA

    names: dict[str, str] = {}
    for kind in ("alias", "en"):
        for char, data in EMOJI_DATA.items():
            written = data.get(kind, ())
            for code in [written] if isinstance(written, str) else written:
                if re.fullmatch(_NAME, code[1:-1]):
                    names.setdefault(code[1:-1], char)
    return names


def shown(text: str, names: Mapping[str, str]) -> str:
    """``text`` with each shortcode of ``names`` that stands apart as its emoji."""
    pieces: list[str] = []
    kept = at = 0
    while (found := _SHORTCODE.search(text, at)) is not None:
        start, end = found.span()
        emoji = names.get(found[1])
        if emoji is None and _ICON.fullmatch(found[1]):
            emoji = ""  # no text: a picture, which Material's attributes may follow
            braces = attributes.braces_at(text, end) if text.startswith("{", end) else None
            end = braces.end() if braces else end
        if emoji is None or _joined(text, start - 1) or _joined(text, end):
            at = found.end() - 1  # its closing colon may open the next (``10:30:tada:``)
            continue
        pieces += (text[kept:start], emoji)
        kept = at = end
    return "".join(pieces) + text[kept:] if pieces else text


def _a_link_alone(children: list[Token], at: int) -> bool:
    """Whether ``children[at]`` is the whole text of a link: an icon alone there is kept as
    typed, or the link would have no name to read out."""
    return (
        0 < at < len(children) - 1
        and children[at - 1].type == "link_open"
        and (children[at + 1].type == "link_close")
    )


def _joined(text: str, at: int) -> bool:
    """Whether the character at ``at`` (none past either end) is a letter or digit that joins
    a shortcode to a word, as markdown-it-emoji tells: neither punctuation nor space."""
    if at < 0 or at >= len(text):
        return False
    char = text[at]
    return not (isPunctChar(char) or isWhiteSpace(ord(char)))
