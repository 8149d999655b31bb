"""Highlighted text, ``==like this==``, as Obsidian, Typora and Pandoc's ``mark`` extension
write it: shown as ``<mark class="highlight">``, styled apart from a quote's highlight
(``mark.quote``), and read as its words, so a quote runs through it.

The markers pair as strikethrough's ``~~`` do (markdown-it's ``strikethrough``): a ``==``
both of whose sides are spaces opens and closes nothing (``a == b``), and what nothing closes
stays as typed. Only a run of two is a marker: ``===`` and ``+=====+`` (a rule, a grid
table's line) stay text, as Obsidian shows them. In code, ``=`` is text.
"""

from __future__ import annotations

from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter

from concordance import emphasis

MARKER = "="
CLASS = "highlight"


def enable(md: MarkdownIt) -> None:
    """Read ``==highlights==`` in the text that ``md`` parses inline."""
    md.inline.ruler.after("strikethrough", "highlight", _tokenize)
    md.inline.ruler2.after("strikethrough", "highlight", _post_process)


def _tokenize(state: StateInline, silent: bool) -> bool:
    """Each ``==`` of a run a text token of its own and a delimiter, as ``~~`` is."""
    if silent or state.src[state.pos] != MARKER:
        return False
    scanned = state.scanDelims(state.pos, True)
    if scanned.length < 2:
        return False
    state.push("text", "", 0).content = MARKER * scanned.length
    if scanned.length == 2:  # length 0: no "rule of 3", which is emphasis's
        delimiters: list[Any] = state.delimiters  # emphasis.Mark, read as a Delimiter
        delimiters.append(emphasis.delimiter(state, MARKER, 0, scanned))
    state.pos += scanned.length
    return True


def _post_process(state: StateInline) -> None:
    """The paired delimiters of the text and of each link's text made ``mark`` tags."""
    _pair(state, state.delimiters)
    for meta in state.tokens_meta:
        if meta and "delimiters" in meta:
            _pair(state, meta["delimiters"])


def _pair(state: StateInline, delimiters: list[Delimiter]) -> None:
    for opener in delimiters:
        if opener.marker != ord(MARKER) or opener.end == -1:
            continue
        _tag(state, opener.token, "mark_open", 1)
        state.tokens[opener.token].attrSet("class", CLASS)
        _tag(state, delimiters[opener.end].token, "mark_close", -1)


def _tag(state: StateInline, at: int, kind: str, nesting: Literal[1, -1]) -> None:
    token = state.tokens[at]
    token.type, token.tag, token.nesting = kind, "mark", nesting
    token.markup, token.content = MARKER * 2, ""
