"""Obsidian's block ids, ``^a1b2c3`` after a space at the end of a paragraph, list item or
table cell (or on a line of its own after a table or block quote): the handle another note
links a block by (``[[note#^a1b2c3]]``), which Obsidian hides and the site leaves out too,
so it neither shows on the page nor stands between a quote and its block's last word.

An id is letters, digits and dashes, at least one a letter: ``x ^2`` at a paragraph's end is
a power, not an id. An escaped ``\\^a1b2c3`` stays text, and so does one in code.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from concordance.lazy_patterns import lazy_compile
from concordance.tokens import Token, ours

_ID = lazy_compile(r"(?:^|[ \t])\^[0-9-]*+[A-Za-z][A-Za-z0-9-]*+[ \t]*+$")
"""An id at the end of a text: its first character that is no digit or dash a letter. Read
possessively: with the letter anywhere (``[A-Za-z0-9-]*[A-Za-z]``), a word of 20,000 letters
after a ``^`` and before another word was tried at each split, which took seven seconds."""


def enable(md: MarkdownIt) -> None:
    """Leave block ids out of the bodies ``md`` parses: before ``text_join`` merges an
    escaped ``\\^`` into the text around it."""
    md.core.ruler.after("inline", "block_ids", _without_block_ids)


def _without_block_ids(state: StateCore) -> None:
    if "^" not in state.src:
        return  # most bodies: nothing to look for
    emptied = [at for at, token in enumerate(ours(state.tokens)) if _cut(token)]
    for at in reversed(emptied):
        if _alone_in_paragraph(ours(state.tokens), at):
            del ours(state.tokens)[at - 1 : at + 2]


_BREAKS = frozenset({"softbreak", "hardbreak"})


def _cut(token: Token) -> bool:
    """Cut the id that ends ``token``'s text; whether that left no text."""
    if token.type != "inline" or not token.children:
        return False
    last = token.children[-1]
    if last.type != "text" or "^" not in last.content:
        return False
    found = _ID.search(last.content)
    if found is None or (found[0][0] == "^" and not _after_a_line(token.children)):
        return False  # ``x`^abc``: after code or a tag, with no space between
    last.content = last.content[: found.start()]
    if last.content:
        return False
    token.children.pop()
    if token.children and token.children[-1].type in _BREAKS:
        token.children.pop()  # the id's own line: no break left at the block's end
    return not token.children


def _after_a_line(children: list[Token]) -> bool:
    """Whether the last of ``children`` starts its block or follows a line break."""
    return len(children) < 2 or children[-2].type in _BREAKS


def _alone_in_paragraph(tokens: list[Token], at: int) -> bool:
    """Whether the inline at ``at`` is all of a paragraph or heading: ``## ^a1`` left an empty
    ``h2``, a stop that screen readers announce with nothing to say (``markdown``'s
    ``_without_empty_headings`` ran before)."""
    return (
        0 < at < len(tokens) - 1
        and tokens[at - 1].type in {"paragraph_open", "heading_open"}
        and tokens[at + 1].type in {"paragraph_close", "heading_close"}
    )
