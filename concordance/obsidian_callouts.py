"""Obsidian's callouts: a block quote whose first line is a marker ``[!type]``, maybe ``+`` or
``-`` (foldable, shown open or closed there), maybe a title after it (``> [!faq]- Why?``).
The type is any word, in any case: the names of ``callouts.ALIASES`` are boxes of their kind,
any other a note, as Obsidian shows it. Its content is the rest of the block quote, which
may be none (a title alone); one may stand inside another, or in a list.

A block quote that GitHub reads as an alert (``alerts``: its kind's marker alone on its line,
at the top, with content) is one before this reads it, and looks as it did. Any other opened
by a marker is a box here, as on GitHub it would have shown its marker as text: a title on
the marker's line, ``+``/``-``, a type GitHub does not know, a block quote inside another or
in a list, a marker alone.

A title the author wrote is text of the body, as a reader sees it: quoted, highlighted,
copied with the body (``callout-title``, a block of its own, as a heading is: no summary
starts with it; ``callouts.own_title``, as other tools' callouts' titles are). Without one,
the box is titled with its type's name (``[!faq]`` "Faq"), which is the site's, as an
alert's title is. A foldable one is a ``<details>``, open even
when Obsidian shows it closed: a quote in it must be seen where a statement's card links
to it, and without script a closed one hides it (a browser opens one for its ``#target``
only in some versions); the reader may still fold it.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from concordance.callouts import ALIASES, DETAILS_CLOSE, DETAILS_OPEN, kinds_title, own_title
from concordance.lazy_patterns import lazy_compile
from concordance.markers import holds
from concordance.tokens import Token, ours, theirs

MARKER = lazy_compile(r"\[!([\w-]+)(?:\|[^\]\n]*)?\]([+-]?)[ \t]*")
"""A callout's marker at the start of its block quote's first line: its type, Obsidian's
metadata after a ``|`` (``[!note|wide]``, for themes; not shown), the sign of a foldable one."""
_BREAKS = ("softbreak", "hardbreak")


def enable(md: MarkdownIt) -> None:
    md.core.ruler.after("alerts", "obsidian_callouts", _callouts)


def _callouts(state: StateCore) -> None:
    """Each block quote opened by a marker made a callout, in one pass over the tokens."""
    if not holds(state.src, ("[!",)):
        return  # most bodies: at C speed
    tokens = ours(state.tokens)
    out: list[Token] = []
    open_quotes: list[bool | None] = []  # each block quote open: a callout's fold, or None
    skip = 0
    for at, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if token.type == "blockquote_close" and open_quotes:
            folds = open_quotes.pop()
            if folds is not None:
                token.tag = "div"
                if folds:
                    out.append(Token(DETAILS_CLOSE, "details", -1, block=True))
        if token.type != "blockquote_open":
            out.append(token)
            continue
        found = _marker(tokens, at)
        open_quotes.append(None if found is None else bool(found[2]))
        if found is None:
            out.append(token)
        else:
            made, skip = _callout(tokens, at, found)
            out += made
    state.tokens = theirs(out)


def _marker(tokens: list[Token], at: int) -> re.Match[str] | None:
    """The marker that opens the block quote opened at ``at``, or None: written as text (not
    ``[!note]`` a link the body defines, nor escaped)."""
    if at + 3 > len(tokens) or tokens[at + 1].type != "paragraph_open":
        return None
    inline = tokens[at + 2]
    found = MARKER.match(inline.content)
    children = inline.children or []
    if found is None or not children or children[0].type != "text":
        return None
    return found if children[0].content.startswith(found[0].rstrip(" \t")) else None


def _callout(tokens: list[Token], at: int, found: re.Match[str]) -> tuple[list[Token], int]:
    """The tokens that open the callout of the block quote opened at ``at`` (its title, what
    is left of its first paragraph), and how many tokens after it they stand for."""
    opened, paragraph, inline = tokens[at : at + 3]
    name, folds = found[1].lower(), bool(found[2])
    opened.tag = "div"
    opened.attrSet("class", f"alert alert-{ALIASES.get(name, 'note')}")
    opened.attrSet("role", "note")
    made = [opened]
    if folds:
        details = Token(DETAILS_OPEN, "details", 1, map=opened.map, block=True)
        details.attrSet("open", "")
        made.append(details)
    children = list(inline.children or [])
    rest = children[0].content[len(found[0].rstrip(" \t")) :].lstrip(" \t")
    children[0:1] = [children[0].copy(content=rest)] if rest else []
    end = next((i for i, child in enumerate(children) if child.type in _BREAKS), len(children))
    first, last = paragraph.map or (0, 1)
    line, _, more = inline.content[len(found[0]) :].partition("\n")
    title = children[:end]
    tag = "summary" if folds else "p"
    if any(child.type != "text" or child.content.strip() for child in title):
        made += own_title(line, tag, [first, first + 1], title)
    else:
        made.append(kinds_title(name.capitalize(), tag))
    if end + 1 >= len(children):
        return made, 3  # the marker's paragraph: nothing but its line
    # The rest of the paragraph starts a line further down: diagnostics count from it.
    inline.children, inline.content = children[end + 1 :], more
    for token in (paragraph, inline):
        token.map = [first + 1, last]
    return made, 0
