"""The direction of each block of a body: an Arabic or Hebrew paragraph reads from the right
in an English article (its full stop at its end, on the left), and an English one from the
left on an Arabic site, whatever the page's own direction (``language_tags.direction``)."""

from __future__ import annotations

import string
import unicodedata
from typing import Final

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from concordance import content_links
from concordance.tokens import Token, ours


def enable(md: MarkdownIt) -> None:
    """Give each block of text ``md`` parses its direction, once everything else is done."""
    md.core.ruler.push("direction", _directions)


_DIRECTED: Final = frozenset(
    {
        "paragraph_open",
        "heading_open",
        "callout_title_open",  # a callout's title its author wrote (``callouts``)
        "blockquote_open",
        "bullet_list_open",
        "ordered_list_open",
        "list_item_open",
        "th_open",
        "td_open",
        "dl_open",
        "dt_open",
        "dd_open",
    }
)
"""The blocks of a body that are given the direction of their text. ``Final``, as ``_STRONG``:
compiled, read from its static at each token, not from a dict of the module's names."""
_STRONG: Final = {"L": "ltr", "R": "rtl", "AL": "rtl"}
"""Unicode bidirectional classes that decide a direction: Latin, Han...; Hebrew; Arabic."""
_LATIN: Final = frozenset(string.ascii_letters)
"""Letters of the class ``L`` known without asking ``unicodedata``: most blocks start with one."""


def _directions(state: StateCore) -> None:
    """Give each block of text the direction of its first letter that has one (``dir``), as
    a browser would for ``dir="auto"``, unless the editor gave it one (``<td dir="rtl">``).
    Written out rather than left to ``dir="auto"``, which skips the blocks inside a list or a
    block quote that have their own: a list would never take its items' direction, nor have
    its numbers on their side."""
    waiting: list[Token] = []  # blocks opened since the last text: its first letter is theirs
    for token in ours(state.tokens):
        kind = token.type  # read once: a token's field read from C is some 160 instructions
        if kind in _DIRECTED:
            waiting.append(token)
        elif kind == "inline" and waiting:
            found = _first_direction(token.children or [])
            if found:
                for block in waiting:  # its attributes read and set as ``attrGet``, ``attrSet``
                    attrs = block.attrs  # read once
                    if not attrs.get("dir"):  # the editor's (``<td dir="rtl">``) stays
                        attrs["dir"] = found
                waiting.clear()
        elif waiting and kind == waiting[-1].type.replace("_open", "_close"):
            waiting.pop()  # it held no letter


def _first_direction(children: list[Token]) -> str | None:
    for child in children:
        shown = child.content if child.type == "text" else _shown(child)  # most: no call
        for char in shown:
            if char in _LATIN:
                return "ltr"
            found = _STRONG.get(unicodedata.bidirectional(char))
            if found:
                return found
    return None


def _shown(child: Token) -> str:
    """The text a child shows: a text's, a code span's, an image's in its place."""
    if child.type in ("text", "code_inline"):
        return child.content
    return (content_links.shown_text(child) or "") if child.type == "image" else ""
