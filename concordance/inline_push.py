"""Tokens pushed onto markdown-it's inline state, after its pending text, in C.

``StateInline.push`` and ``pushPending`` are markdown-it's methods of Python, some 3,800
instructions a push: the site's state (``token_states.InlineState``) calls these in their
place, and so do the compiled rules, at once. Each reads and clears the pending text where
markdown-it keeps it (``token_states.PENDING``), so it is for a state that keeps it there
(``token_states.KEPT``); each makes the tokens markdown-it's methods make, field by field
(``tests/test_token_states.py``).
"""

from __future__ import annotations

from typing import Any, Literal

from markdown_it.rules_inline import StateInline

from concordance.tokens import Token, new_token, ours, text_token

Nesting = Literal[-1, 0, 1]


def pending(state: StateInline) -> str:
    """The pending text of ``state``: its text, and the pieces appended since."""
    pieces = state._pending_buffer
    return state._pending + "".join(pieces) if pieces else state._pending


def push_pending(state: StateInline, content: str) -> Token:
    """A ``text`` token of ``content``, the pending text, pushed, the pending text cleared
    (``StateInline.pushPending``)."""
    token = text_token(content, state.pendingLevel)
    ours(state.tokens).append(token)
    state._pending = ""
    state._pending_buffer = []
    return token


def flushed(state: StateInline) -> list[Token]:
    """The tokens of ``state``, its pending text pushed first if it has some."""
    content = pending(state)
    if content:
        push_pending(state, content)
    return ours(state.tokens)


def push(state: StateInline, kind: str, tag: str, nesting: Nesting) -> Token:
    """A new token after the pending text's, one level deeper inside an opening tag, with
    delimiters of its own (``StateInline.push``)."""
    tokens = flushed(state)
    level = state.level
    note: dict[str, list[Any]] | None = None
    if nesting < 0:
        level -= 1
        state.level = level
        state.delimiters = state._prev_delimiters.pop()
    token = new_token(kind, tag, nesting, level, False)
    if nesting > 0:
        level += 1
        state.level = level
        state._prev_delimiters.append(state.delimiters)
        delimiters: list[Any] = []
        state.delimiters = delimiters
        note = {"delimiters": delimiters}
    state.pendingLevel = level
    tokens.append(token)
    state.tokens_meta.append(note)
    return token
