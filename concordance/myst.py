"""MyST Markdown's targets, as Sphinx and Jupyter Book read them: ``(label)=`` on a line of
its own names the place of the block after it, which MyST's links reach (``[the plan](#label)``).
It is an anchor, as ``<a id="label">`` is (``headings``), and shows nothing. Only what MyST
reads as a target is one: a target's line is no paragraph's continuation, and its label holds
no space.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from concordance import inline_html

_TARGET = re.compile(r"\(([^()\s]{1,100})\)=[ \t]*")
"""A target's line, as MyST reads it: a label of no space or parenthesis."""
_FOUND = "myst_targets"
"""``env`` key: whether the body has targets, whose paragraphs are left out."""


def enable(md: MarkdownIt) -> None:
    md.block.ruler.before("paragraph", "myst_target", _target)
    md.core.ruler.after("inline", "myst", _targets)


def _target(state: StateBlock, line: int, end: int, silent: bool) -> bool:
    """A target's line: a paragraph of its anchor alone, which ``_targets`` leaves
    out, its anchor carried to the block after (``inline_html.without_empty_paragraphs``)."""
    if state.sCount[line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[line] + state.tShift[line]
    if state.src[start : start + 1] != "(":
        return False  # most lines
    found = _TARGET.fullmatch(state.src, start, state.eMarks[line])
    if found is None:
        return False
    if silent:
        return True
    anchor = Token("html_inline", "", 0, meta={inline_html.ANCHOR: found[1]})
    state.push("paragraph_open", "p", 1).map = [line, line + 1]
    inline = state.push("inline", "", 0)
    inline.map, inline.children = [line, line + 1], [anchor]
    inline.meta[inline_html.ANCHORED] = True
    state.push("paragraph_close", "p", -1)
    state.env[_FOUND] = True
    state.line = line + 1
    return True


def _targets(state: StateCore) -> None:
    if state.env.pop(_FOUND, False):
        state.tokens = inline_html.without_empty_paragraphs(state.tokens)
