"""Pandoc's simple tables, as its Markdown writer writes the tables of a converted document
whose cells hold a line each:

      Method        Use
    ------------- ----------------
    `x.show()`    Shows the glorp
    `x.hide()`    Hides it

A line of heads, a line of dashes under each column, then a row on each line, to a blank
line. A table without heads starts with its line of dashes and ends with another. Columns are
where the dashes are: a cell is what stands from where its column's dashes start to where
the next column's start, as Pandoc reads it, and is read as a Markdown table's cell is.

Read as CommonMark, the line of dashes is a rule between two paragraphs: the heads and the
rows, run together.
"""

from __future__ import annotations

import re
from itertools import pairwise

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

_DASHES = re.compile(r"[ \t]*-{2,}(?:[ \t]+-{2,})+[ \t]*")
"""A line of dashes under each column, two or more."""
_RUN = re.compile(r"-+")
MAX_COLUMNS = 64
"""Columns at most: a line of 10,000 runs of dashes over as many lines is no table, and
would make a hundred million cells."""
_BLOCKS = re.compile(r"[ \t]*(?:[-*+>#|]|\d{1,9}[.)])(?:[ \t]|$)")
"""What starts another block (a list item, a block quote, a heading, a table's row): no
line of heads."""


def enable(md: MarkdownIt) -> None:
    # Before code: heads centred or set right may stand four spaces in, over dashes that
    # do not.
    md.block.ruler.before("code", "simple_table", _table, {"alt": ["paragraph"]})


def _table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if start + 1 >= end or state.sCount[start] < state.blkIndent:
        return False
    if _first(state, start) != "-" and _first(state, start + 1) != "-":
        return False  # most lines: neither they nor the next start with a dash
    headed = _dashes(state, start) is None
    rule = start + 1 if headed else start
    columns = _dashes(state, rule)
    if columns is None or (headed and _BLOCKS.match(_line(state, start))):
        return False
    last = _last_row(state, rule + 1, end)
    if last == rule + 1:
        return False  # no row
    if not headed and (last >= end or _dashes(state, last) is None):
        return False  # no heads, so a line of dashes must close it
    if silent:
        return True
    _push(state, columns, [start] if headed else [], range(rule + 1, last), [start, last])
    state.line = last if headed else last + 1
    return True


def _dashes(state: StateBlock, line: int) -> list[int] | None:
    """Where each column starts, if ``line`` is a line of dashes under columns."""
    if line >= state.lineMax or state.sCount[line] - state.blkIndent >= 4:
        return None
    text = _line(state, line)
    if not text.lstrip().startswith("--") or not _DASHES.fullmatch(text):
        return None
    starts = [run.start() for run in _RUN.finditer(text)]
    return starts if len(starts) <= MAX_COLUMNS else None


def _last_row(state: StateBlock, line: int, end: int) -> int:
    """The line past the last row: the first blank one, or a line of dashes (the end of a
    table without heads), or the end of the table's container."""
    while line < end and not state.isEmpty(line) and _dashes(state, line) is None:
        if state.sCount[line] < state.blkIndent:
            break
        line += 1
    return line


def _first(state: StateBlock, line: int) -> str:
    at = state.bMarks[line] + state.tShift[line]
    return state.src[at] if at < state.eMarks[line] else ""


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] : state.eMarks[line]]


def _push(
    state: StateBlock, columns: list[int], heads: list[int], rows: range, span: list[int]
) -> None:
    state.push("table_open", "table", 1).map = span
    for part, cell, lines in (("thead", "th", heads), ("tbody", "td", rows)):
        if not lines:
            continue
        state.push(f"{part}_open", part, 1)
        for line in lines:
            state.push("tr_open", "tr", 1).map = [line, line + 1]
            for text in _cells(_line(state, line), columns):
                state.push(f"{cell}_open", cell, 1).map = [line, line + 1]
                inline = state.push("inline", "", 0)
                inline.content, inline.map, inline.children = text, [line, line + 1], []
                state.push(f"{cell}_close", cell, -1)
            state.push("tr_close", "tr", -1)
        state.push(f"{part}_close", part, -1)
    state.push("table_close", "table", -1)


def _cells(text: str, columns: list[int]) -> list[str]:
    """A row's cells: from the line's start to where the second column starts, and so on."""
    bounds = [0, *columns[1:], len(text)]
    return [text[a:b].strip() for a, b in pairwise(bounds)]
