"""Pandoc's simple and multiline tables, as its Markdown writer writes the tables of a
converted document:

      Method        Use
    ------------- ----------------
    `x.show()`    Shows the glorp
    `x.hide()`    Hides it

- simple: a line of heads, a line of dashes under each column, then a row on each line, to
  a blank line; without heads, rows between two like lines of dashes;
- multiline: between two lines of dashes across the table, heads over a line of dashes under
  each column, then rows of several lines, a blank line between two; without heads, such
  rows between two like lines of dashes under each column.

Columns are where the dashes are: a cell is what stands from where its column's dashes
start to where the next column's start, on each line of its row, as Pandoc reads it, and
is read as a Markdown table's cell is. Read as CommonMark, a line of dashes is a rule or a
heading's underline, and the rows run together into a paragraph.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from concordance import table_cells
from concordance.lazy_patterns import lazy_compile

_DASHES = lazy_compile(r"[ \t]*-{2,}(?:[ \t]+-{2,})+[ \t]*")
"""A line of dashes under each column, two or more."""
_BORDER = lazy_compile(r"[ \t]*-{3,}[ \t]*")
"""A line of dashes across a multiline table, above and below it."""
_RUN = lazy_compile(r"-+")
MAX_COLUMNS = 64
"""Columns at most: a line of 10,000 runs of dashes over as many lines is no table, and
would make a hundred million cells."""
_BLOCKS = lazy_compile(r"[ \t]*(?:(?:[-*+>#|]|\d{1,9}[.)])(?:[ \t]|$)|:::|```|~~~)")
"""What starts another block (a list item, a block quote, a heading, a table's row, a
fence): no line of heads."""

_FENCE = lazy_compile(r"[ \t]*:::")
"""A fence of colons (``callouts``): Pandoc writes the one closing a div right under a
table's last row, and reads it as the end of the table, as it is."""

Rows = list[list[int]]
"""Each row's lines."""


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Found:
    """A simple table found in a block's lines."""

    columns: list[int]
    """Where each column starts on its lines."""
    heads: Rows
    rows: Rows
    after: int
    """The first line past the table."""


def enable(md: MarkdownIt) -> None:
    # Before code: heads centred or set right may stand four spaces in, over dashes that
    # do not.
    md.block.ruler.before("code", "simple_table", _table, {"alt": ["paragraph"]})


def _table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if start + 1 >= end or state.sCount[start] < state.blkIndent:
        return False
    if _first(state, start) != "-" and _first(state, start + 1) != "-":
        return False  # most lines: neither they nor the next start with a dash
    found = _headed(state, start, end) or _bordered(state, start, end)
    if found is None:
        return False
    if not silent:
        cells = len(found.columns) * (len(found.heads) + len(found.rows))
        if table_cells.take(state, start, cells):
            _push(state, found, [start, found.after])
        state.line = found.after
    return True


def _headed(state: StateBlock, start: int, end: int) -> _Found | None:
    """A simple table with heads, starting at ``start``."""
    columns = _dashes(state, start + 1)
    if columns is None or _dashes(state, start) is not None or _is_border(state, start):
        return None
    if _BLOCKS.match(_line(state, start)):
        return None
    last = start + 2
    while last < end and _is_row(state, last):
        last += 1
    rows = [[line] for line in range(start + 2, last)]
    return _Found(columns, [[start]], rows, last) if rows else None


def _bordered(state: StateBlock, start: int, end: int) -> _Found | None:
    """A table that starts with a line of dashes: a simple one without heads, or a
    multiline one."""
    columns = _dashes(state, start)
    if columns is not None:
        close, rows = _rows(state, start + 1, end, lines=True)
        if close >= end or _dashes(state, close) != columns or not rows:
            return None
        return _Found(columns, [], rows, close + 1)
    if not _is_border(state, start):
        return None
    under = start + 1
    while under < end and _is_row(state, under):
        under += 1  # the heads' lines
    columns = _dashes(state, under) if under > start + 1 else None
    if columns is None:
        return None
    close, rows = _rows(state, under + 1, end, lines=False)
    if close >= end or not _is_border(state, close) or not rows:
        return None
    return _Found(columns, [list(range(start + 1, under))], rows, close + 1)


def _rows(state: StateBlock, line: int, end: int, lines: bool) -> tuple[int, Rows]:
    """From ``line`` to the next line of dashes (or to where the container ends): where it
    stops, and the rows before it, the lines between blank lines each; with ``lines`` and
    no blank line, a row on each line (a simple table)."""
    groups: Rows = [[]]
    while line < end:
        if state.isEmpty(line):
            groups.append([])
        elif _is_row(state, line):
            groups[-1].append(line)
        else:
            break  # a line of dashes, or the container ends
        line += 1
    rows = [group for group in groups if group]
    if lines and len(groups) == 1:
        rows = [[n] for n in groups[0]]
    return line, rows


def _is_row(state: StateBlock, line: int) -> bool:
    """Whether ``line`` holds a row's text: not blank, not a line of dashes, within the
    table's container."""
    if state.isEmpty(line) or state.sCount[line] < state.blkIndent:
        return False
    if _FENCE.match(_line(state, line)):
        return False
    return _dashes(state, line) is None and not _is_border(state, line)


def _dashes(state: StateBlock, line: int) -> list[int] | None:
    """Where each column starts, if ``line`` is a line of dashes under columns."""
    if line >= state.lineMax or state.sCount[line] - state.blkIndent >= 4:
        return None
    text = _line(state, line)
    if not text.lstrip().startswith("--") or not _DASHES.fullmatch(text):
        return None
    starts = [run.start() for run in _RUN.finditer(text)]
    return starts if len(starts) <= MAX_COLUMNS else None


def _is_border(state: StateBlock, line: int) -> bool:
    if line >= state.lineMax or state.sCount[line] - state.blkIndent >= 4:
        return False
    return _first(state, line) == "-" and _BORDER.fullmatch(_line(state, line)) is not None


def _first(state: StateBlock, line: int) -> str:
    at = state.bMarks[line] + state.tShift[line]
    return state.src[at] if at < state.eMarks[line] else ""


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] : state.eMarks[line]]


def _push(state: StateBlock, found: _Found, span: list[int]) -> None:
    state.push("table_open", "table", 1).map = span
    for part, cell, rows in (("thead", "th", found.heads), ("tbody", "td", found.rows)):
        if not rows:
            continue
        state.push(f"{part}_open", part, 1)
        for lines in rows:
            row = [lines[0], lines[-1] + 1]
            state.push("tr_open", "tr", 1).map = row
            for text in _cells([_line(state, line) for line in lines], found.columns):
                state.push(f"{cell}_open", cell, 1).map = row
                inline = state.push("inline", "", 0)
                inline.content, inline.map, inline.children = text, row, []
                state.push(f"{cell}_close", cell, -1)
            state.push("tr_close", "tr", -1)
        state.push(f"{part}_close", part, -1)
    state.push("table_close", "table", -1)


def _cells(lines: list[str], columns: list[int]) -> list[str]:
    """A row's cells: on each of its lines, from the line's start to where the second
    column starts, and so on; a cell's lines are lines of its text."""
    cut = [_cut(line, columns) for line in lines]
    return ["\n".join(part for part in parts if part) for parts in zip(*cut, strict=True)]


def _cut(line: str, columns: list[int]) -> list[str]:
    """``line`` cut where each column after the first starts, as Pandoc aligns them: by
    the width each character takes in a fixed-width font (a Chinese character or an emoji
    two columns, a combining mark none)."""
    bounds = [0, *columns[1:]]
    if not line.isascii():
        bounds = [_offset(line, column) for column in bounds]
    ends: list[int | None] = [*bounds[1:], None]
    return [line[a:b].strip() for a, b in zip(bounds, ends, strict=True)]


def _offset(line: str, column: int) -> int:
    """Where in ``line`` the character at display ``column`` starts."""
    shown = 0
    for at, char in enumerate(line):
        if shown >= column:
            return at
        shown += width(char)
    return len(line)


def width(char: str) -> int:
    """The columns ``char`` takes in a fixed-width font, as Pandoc counts them."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1
