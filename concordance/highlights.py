"""Highlighted text, ``==like this==``, as Obsidian, Typora and Pandoc's ``mark`` extension
write it: shown as ``<mark class="highlight">``, styled apart from a quote's highlight
(``mark.quote``), and read as its words, so a quote runs through it.

The markers pair as strikethrough's ``~~`` do (markdown-it's ``strikethrough``): a ``==``
both of whose sides are spaces opens and closes nothing (``a == b``), and what nothing closes
stays as typed. Only a run of two is a marker: ``===`` and ``+=====+`` (a rule, a grid
table's line) stay text, as Obsidian shows them. In code, ``=`` is text.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    return not silent and run_of_two(state, MARKER, inside_words=True)


def run_of_two(state: StateInline, marker: str, inside_words: bool) -> bool:
    """Each run of ``marker`` at the state's place a text token of its own, and a run of
    two a delimiter, as ``~~`` is; ``inside_words``: it may split a word, as ``*`` does, not
    ``_``. False, having done nothing, if no run of two or more starts there."""
    if state.src[state.pos] != marker:
        return False
    scanned = state.scanDelims(state.pos, inside_words)
    if scanned.length < 2:
        return False
    state.push("text", "", 0).content = marker * scanned.length
    if scanned.length == 2:  # length 0: no "rule of 3", which is emphasis's
        delimiters: list[Any] = state.delimiters  # emphasis.Mark, read as a Delimiter
        delimiters.append(emphasis.delimiter(state, marker, 0, scanned))
    state.pos += scanned.length
    return True


def _post_process(state: StateInline) -> None:
    """The paired delimiters of the text and of each link's text made ``mark`` tags."""
    for opening, closing in pairs(state, MARKER):
        tag(state, opening, "mark", MARKER * 2, 1)
        state.tokens[opening].attrSet("class", CLASS)
        tag(state, closing, "mark", MARKER * 2, -1)


def pairs(state: StateInline, marker: str) -> Iterator[tuple[int, int]]:
    """The tokens of each pair of ``marker``'s delimiters, of the text and of each link's
    text, that the second chain's ``balance_pairs`` paired."""
    lists: list[list[Delimiter]] = [state.delimiters]
    lists += [meta["delimiters"] for meta in state.tokens_meta if meta and "delimiters" in meta]
    for delimiters in lists:
        for opener in delimiters:
            if opener.marker == ord(marker) and opener.end != -1:
                yield opener.token, delimiters[opener.end].token


def tag(state: StateInline, at: int, name: str, markup: str, nesting: Literal[1, -1]) -> None:
    """The text token ``at`` of a delimiter made the tag that opens or closes ``name``."""
    token = state.tokens[at]
    kind = f"{name}_open" if nesting == 1 else f"{name}_close"
    token.type, token.tag, token.nesting = kind, name, nesting
    token.markup, token.content = markup, ""
