"""Footnotes in bodies: ``text[^1]`` with ``[^1]: the note`` anywhere in the body, and
inline notes, ``text^[the note]``, as GitHub, Pandoc, Hugo and kramdown write them.

mdit-py-plugins parses them; this module gives its markup anchors no quote can take and the
roles that tell assistive technology what the references and notes are. Without the plugin,
CommonMark reads ``[^1]: https://example.org`` as a link definition, so the note vanished
and its reference became a link, and any other note stayed as the text ``[^1]: ...``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote.index import (
    footnote_def,
    footnote_inline,
    footnote_tail,
)

from concordance.inline_html import ends_a_line
from concordance.inline_links import closes_nowhere
from concordance.token_states import InlineState
from concordance.tokens import Token, adopt, ours, theirs

REFERENCE = "footnote_ref"
"""The inline token of a reference (``[^1]``, or an inline note), which shows a number."""
MAX_REFERENCES = 5_000
"""References a body may make; past them, ``[^1]`` and ``^[...]`` stay the text written. Each
of four bytes becomes some 190 of HTML (its number, and its note's link back to it): an 8
MB body of ``[^1]`` would have made a page of 340 MB."""
_MADE = "concordance_references"
"""The env key counting one body's references."""

_DEFINED = "concordance_defined"
"""The env key of the line each note label is defined on."""
_INERT = "concordance_inert"
"""Set in the meta of a reference that is shown without a link (``_without_dead_links``)."""
_LINK = frozenset({"link_open", "link_close"})

_InlineRule = Callable[[StateInline, bool], bool]


def enable(md: MarkdownIt) -> None:
    """Parse footnotes with ``md``, and render them with ``fn:1`` and ``fnref:1`` anchors."""
    footnote_plugin(md)
    md.inline.ruler.at("footnote_inline", _bounded(_inline_note))
    md.inline.ruler.at("footnote_ref", _bounded(_note_reference))
    md.add_render_rule("footnote_anchor_name", _anchor_name)
    md.add_render_rule("footnote_ref", _reference)
    md.add_render_rule("footnote_block_open", _notes_open)
    md.add_render_rule("footnote_anchor", _back_link)
    # The plugin makes the tokens of a note's definition and of the notes' list itself, as
    # markdown-it's: made ours as it is done (the compiled rules read ours alone).
    md.block.ruler.at("footnote_def", _defined_ours, {"alt": ["paragraph", "reference"]})
    md.core.ruler.at("footnote_tail", _tail_ours)
    md.core.ruler.before("footnote_tail", "footnote_defined", _defined)
    md.core.ruler.after("footnote_tail", "footnote_places", _places)


def _defined_ours(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """The plugin's ``footnote_def``, the tokens it made ours."""
    first = len(state.tokens)
    if not footnote_def(state, start, end, silent):
        return False
    adopt(state.tokens, first)
    return True


def _tail_ours(state: StateCore) -> None:
    """The plugin's ``footnote_tail``, the tokens it made ours (a body with no note: none)."""
    if "footnotes" in state.env:
        footnote_tail(state)
        adopt(state.tokens)


def unused(env: EnvType) -> list[tuple[int, str]]:
    """(body line, 0-based; label) of each note nothing refers to, in the order written: it
    is not shown, which its editor should hear of."""
    refs: dict[str, int] = env.get("footnotes", {}).get("refs", {})
    lines: dict[str, int] = env.get(_DEFINED, {})
    return sorted((line, label) for label, line in lines.items() if refs.get(":" + label, -1) < 0)


def _inline_note(state: StateInline, silent: bool) -> bool:
    """The plugin's ``footnote_inline`` (``^[the note]``), declining at once where no ``]``
    follows: the plugin looks for the end of the note as markdown-it's ``parseLinkLabel``
    does, not ours (``inline_links.label_end``), through the rest of the text (8 µs a
    character of a run of ``^[``). Tried at each ``^`` alone (``inline_scan.STARTS``)."""
    if closes_nowhere(state, state.pos + 1):
        return False
    return footnote_inline(state, silent)


def _note_reference(state: StateInline, silent: bool) -> bool:
    """The plugin's ``footnote_ref`` (``[^1]``), line for line, but that the end of its
    label, the first space, line end or ``]``, is found by ``label_stop``: the plugin read
    it a character at a time, in a run of ``[^`` the rest of the run at each of them, the
    square of its length (40,000 characters took 48 s) wherever the body defines a note. A
    rule of its own, not a guard before the plugin's: the scan tries it at each character
    it stops at."""
    maximum = state.posMax
    start = state.pos
    if start + 3 > maximum:
        return False
    footnotes = state.env.setdefault("footnotes", {})
    refs: dict[str, int] = footnotes.setdefault("refs", {})
    notes: dict[int, Any] = footnotes.setdefault("list", {})
    src = state.src
    if not refs or src[start] != "[" or src[start + 1] != "^":
        return False
    pos = label_stop(state, start + 2)
    if pos >= maximum or src[pos] != "]" or pos == start + 2:
        return False  # a space or line end first, the range's end, or no label
    label = src[start + 2 : pos]
    pos += 1
    if ":" + label not in refs:
        return False
    if not silent:
        if refs.get(":" + label, -1) < 0:
            note = len(notes)
            notes[note] = {"label": label, "count": 0}
            refs[":" + label] = note
        else:
            note = refs[":" + label]
        sub = notes[note]["count"]
        notes[note]["count"] += 1
        token = state.push("footnote_ref", "", 0)
        token.meta = {"id": note, "subId": sub, "label": label}
    state.pos = pos
    state.posMax = maximum
    return True


_LABEL_STOP = re.compile(r"[ \n\]]")


def label_stop(state: StateInline, at: int) -> int:
    """The first space, line end or ``]`` of the state's text at or after ``at``, or its
    length. Remembered, so that the places of a run without one find its end once."""
    if not isinstance(state, InlineState):
        found = _LABEL_STOP.search(state.src, at)
        return found.start() if found else len(state.src)
    known_from, known_at = state.label_stop
    if known_from <= at <= known_at:
        return known_at
    found = _LABEL_STOP.search(state.src, at)
    stop = found.start() if found else len(state.src)
    state.label_stop = (at, stop)
    return stop


def _bounded(rule: _InlineRule) -> _InlineRule:
    """``rule``, refusing once its body has made ``MAX_REFERENCES`` references."""

    def bounded(state: StateInline, silent: bool) -> bool:
        made: int = state.env.get(_MADE, 0)
        if made >= MAX_REFERENCES or not rule(state, silent):
            return False
        if not silent:
            state.env[_MADE] = made + 1
        return True

    return bounded


def _anchor_name(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """``:1`` for the first note: ids ``fn:1`` and ``fnref:1``, as kramdown writes them. A
    quote's id cannot hold a colon, so no quote anchor is ever a note's."""
    return f":{tokens[idx].meta['id'] + 1}"


def _reference_id(token: Token) -> str:
    """The anchor of one reference: a note referred to twice has ``fnref:1`` and
    ``fnref:1:1``, so each of its back links leads to its own place."""
    sub = token.meta.get("subId", 0)
    return f":{token.meta['id'] + 1}" + (f":{sub}" if sub > 0 else "")


def _reference(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    number = token.meta["id"] + 1
    if token.meta.get(_INERT):
        return f'<sup class="footnote-ref">[{number}]</sup>'
    return (
        f'<sup class="footnote-ref"><a href="#fn:{number}" id="fnref{_reference_id(token)}"'
        f' role="doc-noteref">[{number}]</a></sup>'
    )


def _notes_open(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return (
        '<hr class="footnotes-sep">\n<section class="footnotes" role="doc-endnotes">\n'
        '<ol class="footnotes-list">\n'
    )


def _back_link(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # U+FE0E keeps the arrow text, not an emoji, on phones.
    return (
        f' <a href="#fnref{_reference_id(tokens[idx])}" class="footnote-backref"'
        ' role="doc-backlink">\u21a9\ufe0e</a>'
    )


def _defined(state: StateCore) -> None:
    """Where each note is defined, before the notes are moved to the end without their lines."""
    if "footnotes" in state.env:
        lines: dict[str, int] = state.env.setdefault(_DEFINED, {})
        for token in ours(state.tokens):
            if token.type == "footnote_reference_open" and token.map:
                lines.setdefault(token.meta["label"], token.map[0])


def _places(state: StateCore) -> None:
    """Settle where each reference and note stands, once the notes are at the body's end."""
    if "footnotes" in state.env:
        _without_dead_links(state)
        _inline_note_lines(state)


def _without_dead_links(state: StateCore) -> None:
    """A reference within a link shows its number without linking to its note (a link may not
    hold a link), and one in an image's text is not shown at all; so the note's link back to
    either would lead nowhere, and is left out."""
    shown: set[tuple[int, int]] = set()
    for token in ours(state.tokens):
        depth = 0
        for child in token.children or () if token.type == "inline" else ():
            depth += child.nesting if child.type in _LINK else 0
            if child.type == REFERENCE:
                if depth:
                    child.meta[_INERT] = True
                else:
                    shown.add((child.meta["id"], child.meta.get("subId", 0)))
    state.tokens = theirs(
        [
            token
            for token in ours(state.tokens)
            if token.type != "footnote_anchor" or (token.meta["id"], token.meta["subId"]) in shown
        ]
    )


def _inline_note_lines(state: StateCore) -> None:
    """Give the text of each inline note (``^[...]``), which has no line of its own, the line
    of its number in the block that refers to it: a quote found there, or a problem in it,
    is placed on that line rather than on the body's first."""
    lines: dict[int, list[int]] = {}
    for token in ours(state.tokens):
        _referring_lines(token, lines)
    note: int | None = None
    for token in ours(state.tokens):
        if token.type == "footnote_open":
            note = token.meta["id"]
        elif token.type == "footnote_close":
            note = None
        elif token.map is None and note in lines:
            token.map = list(lines[note])
            # An inline note within this one (a^[b ^[c]]) comes later, its number being higher.
            _referring_lines(token, lines)


def _referring_lines(token: Token, lines: dict[int, list[int]]) -> None:
    """Note, for each note that ``token`` refers to first (if it is a block of text that has
    lines), the lines from its number's to the block's end: a note's number may stand on a
    later line of a paragraph than its first."""
    if token.type == "inline" and token.map:
        start, end = token.map
        for child in token.children or ():
            if ends_a_line(child):
                start += 1
            elif child.type == REFERENCE:
                lines.setdefault(child.meta["id"], [min(start, end - 1), end])
