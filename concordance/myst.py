"""MyST Markdown's targets and roles, as Sphinx and Jupyter Book show them:

- a target, ``(label)=`` on a line of its own, names the place of the block after it, which
  MyST's links reach (``[the plan](#label)``): it is an anchor, as ``<a id="label">`` is
  (``headings``), and shows nothing. As in MyST, it ends a paragraph; its label holds no
  space;
- a role, ``{name}`` right before code (```` {term}`glorp plan` ````), shows the code's text
  as its role has the page show it: a reference, a term, an abbreviation, a label of the
  interface (``{ref}``, ``{term}``, ``{abbr}``, ``{guilabel}``...) as text, any other role
  (``{kbd}``, ``{math}``, ``{py:func}``, a role of its own) as code; never its ``{name}``.
  Of a reference written with its target (```` {ref}`the plan <plan-label>` ````), the text
  is shown, and of an abbreviation (```` {abbr}`LGP (long glorp plan)` ````) the letters. An
  escaped ``\\{ref}`` and braces apart from their code (``{ref} `x` ``) stay text;
- a comment, a line that starts with ``%`` and a space (``% A note about the figure``), is
  left out, as an HTML comment is. Only a block's first line starts one, and the lines of
  ``%`` right after it: a line of a paragraph starting so (French ``40\n% des voix``) is
  text, and so are a line in a list or block quote, ``%timeit`` and Obsidian's ``%%``
  (``percent_comments``);
- a block break, a line of ``+++`` (maybe with the block's metadata after it, ``+++
  {"part": "abstract"}``), which splits a page into blocks of a notebook, is left out. A line
  with other text after it (``+++ Added``) stays text.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore

from concordance import inline_html
from concordance.lazy_patterns import lazy_compile
from concordance.markers import holds
from concordance.tokens import Token, our, ours, theirs

_TARGET = lazy_compile(r"\(([^()\s]{1,100})\)=[ \t]*")
"""A target's line, as MyST reads it: a label of no space or parenthesis."""
_SPACES = frozenset({" ", "\t", "\n", ""})
"""What follows the ``%`` of a comment: a comment's text, or nothing."""
_BREAK = lazy_compile(r"\+\+\+[ \t]*(?:\{.*\}[ \t]*)?")
"""A block break's line: ``+++``, maybe the block's metadata (a JSON object) after it."""
_FOUND = "myst_targets"
"""``env`` key: whether the body has targets, whose paragraphs are left out."""

_ROLE = lazy_compile(r"\{([A-Za-z][\w+:.-]{0,35})\}\Z")
"""A role's name at the end of a text, right before its code (as MyST's role rule reads it)."""
_TEXT_ROLES = frozenset(
    {
        *("ref", "doc", "term", "numref", "eq", "any", "download", "external"),
        *("guilabel", "menuselection", "abbr", "dfn", "cite", "cite:p", "cite:t"),
        *("sub", "subscript", "sup", "superscript", "u", "underline", "smallcaps"),
        *("strong", "emphasis", "del", "span", "index", "term-ref", "std:ref", "std:doc"),
    }
)
"""Roles whose text Sphinx and MyST show as text: references and words of the prose."""
_LITERAL_ROLES = frozenset({"code", "literal", "samp", "kbd", "math", "file", "command"})
"""Roles whose text is shown as written, ``<`` and ``>`` included: no target is split off."""
_WITH_TARGET = lazy_compile(r"(.*?\S)\s*<([^<>]+)>", re.DOTALL)
"""A reference's text and its target: ``the plan <plan-label>``."""
_EXPLAINED = lazy_compile(r"(.*?\S)\s*\([^()]*\)", re.DOTALL)
"""An abbreviation and its explanation: ``LGP (long glorp plan)``."""


def enable(md: MarkdownIt) -> None:
    # As MyST reads them, targets and block breaks end a paragraph; unread by the rules that
    # look for a paragraph's end (``lheading``), lines of them in a row took the square of
    # their number to read (2,000 took 9 s).
    md.block.ruler.before("paragraph", "myst_target", _target, {"alt": ["paragraph"]})
    md.block.ruler.before("paragraph", "myst_comment", _comment)
    md.block.ruler.before("paragraph", "myst_break", _break, {"alt": ["paragraph"]})
    # Before text_join, which makes an escaped "\\{" plain text.
    md.core.ruler.after("inline", "myst", _targets_and_roles)


def _target(state: StateBlock, line: int, end: int, silent: bool) -> bool:
    """A target's line: a paragraph of its anchor alone, which ``_targets_and_roles`` leaves
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
    inline = our(state.push("inline", "", 0))
    inline.map, inline.children = [line, line + 1], [anchor]
    inline.meta[inline_html.ANCHORED] = True
    state.push("paragraph_close", "p", -1)
    state.env[_FOUND] = True
    state.line = line + 1
    return True


def _comment(state: StateBlock, line: int, end: int, silent: bool) -> bool:
    """Comment lines from ``line`` on, which no paragraph continues: left out."""
    if state.level != 0 or not _commented(state, line):
        return False  # in a list or block quote, "% of the vote" is more likely than a comment
    if not silent:
        while line < end and _commented(state, line):
            line += 1
        state.line = line
    return True


def _break(state: StateBlock, line: int, end: int, silent: bool) -> bool:
    """A block break's line, which no paragraph continues: left out."""
    if state.sCount[line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[line] + state.tShift[line]
    if _BREAK.fullmatch(state.src, start, state.eMarks[line]) is None:
        return False
    if not silent:
        state.line = line + 1
    return True


def _commented(state: StateBlock, line: int) -> bool:
    if state.sCount[line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[line] + state.tShift[line]
    return state.src[start : start + 1] == "%" and state.src[start + 1 : start + 2] in _SPACES


def _targets_and_roles(state: StateCore) -> None:
    if holds(state.src, ("}`",)):
        for token in ours(state.tokens):
            if token.type == "inline" and token.children and "}`" in token.content:
                token.children = _roles(token.children)
    if state.env.pop(_FOUND, False):
        state.tokens = theirs(inline_html.without_empty_paragraphs(ours(state.tokens)))


def _roles(children: list[Token]) -> list[Token]:
    """``children`` with each role's name left out and its code shown as its role has it."""
    out: list[Token] = []
    for child in children:
        before = out[-1] if out and out[-1].type == "text" else None
        found = _ROLE.search(before.content) if before and child.type == "code_inline" else None
        if before is None or found is None:
            out.append(child)
            continue
        before.content = before.content[: found.start()]
        if not before.content:
            out.pop()
        out.append(_shown(found[1].lower(), child))
    return out


def _shown(role: str, code: Token) -> Token:
    """The token that shows ``code`` as ``role`` has it shown."""
    if role in _LITERAL_ROLES:
        return code
    found = _WITH_TARGET.fullmatch(code.content)
    if found is None and role == "abbr":
        found = _EXPLAINED.fullmatch(code.content)
    text = code.content if found is None else found[1]
    if role not in _TEXT_ROLES:
        code.content = text
        return code
    shown = Token("text", "", 0, content=text)
    shown.level = code.level
    return shown
