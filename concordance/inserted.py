"""Inserted text, ``^^like this^^``, as PyMdown Extensions' caret extension writes it for
MkDocs: shown as ``<ins>``, as MkDocs shows it, and read as its words, so a quote runs
through it.

A run of two ``^`` pairs as ``_`` does, never inside a word, and only around text that
starts and ends with a letter or digit: the carets of faces, as Korean, Japanese and
Chinese text writes them (``好的^^再见^^``, ``(^^)``, ``감사합니다 ^^``), stay as typed,
and so does a run of three or more. ``^sup^`` is ``pandoc_scripts``'.
"""

from __future__ import annotations

from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter

from concordance import emphasis

MARKER = "^"


def enable(md: MarkdownIt) -> None:
    """Read ``^^inserted^^`` in the text that ``md`` parses inline."""
    md.inline.ruler.after("sup", "inserted", _tokenize)
    md.inline.ruler2.after("highlight", "inserted", _post_process)


def _tokenize(state: StateInline, silent: bool) -> bool:
    """Each ``^^`` a text token of its own and a delimiter, as ``==`` is."""
    if silent or state.src[state.pos] != MARKER:
        return False
    scanned = state.scanDelims(state.pos, False)
    if scanned.length < 2:
        return False
    state.push("text", "", 0).content = MARKER * scanned.length
    if scanned.length == 2 and (scanned.can_open or scanned.can_close):
        delimiters: list[Any] = state.delimiters  # emphasis.Mark, read as a Delimiter
        delimiters.append(emphasis.delimiter(state, MARKER, 0, scanned))
    state.pos += scanned.length
    return True


def _post_process(state: StateInline) -> None:
    """The paired delimiters of the text and of each link's text made ``ins`` tags."""
    _pair(state, state.delimiters)
    for meta in state.tokens_meta:
        if meta and "delimiters" in meta:
            _pair(state, meta["delimiters"])


def _pair(state: StateInline, delimiters: list[Delimiter]) -> None:
    for opener in delimiters:
        if opener.marker != ord(MARKER) or opener.end == -1:
            continue
        closer = delimiters[opener.end]
        if not _words(state, opener.token, closer.token):
            continue
        _tag(state, opener.token, "ins_open", 1)
        _tag(state, closer.token, "ins_close", -1)


def _words(state: StateInline, opening: int, closing: int) -> bool:
    """Whether the tokens between ``opening`` and ``closing`` start and end with a letter
    or digit, as inserted words do and a face's carets (``(^^)``) do not."""
    inner = state.tokens[opening + 1 : closing]
    if not inner or inner[0].type != "text" or inner[-1].type != "text":
        return False
    first, last = inner[0].content[:1], inner[-1].content[-1:]
    return first.isalnum() and last.isalnum()


def _tag(state: StateInline, at: int, kind: str, nesting: Literal[1, -1]) -> None:
    token = state.tokens[at]
    token.type, token.tag, token.nesting = kind, "ins", nesting
    token.markup, token.content = MARKER * 2, ""
