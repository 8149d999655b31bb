"""How many cells the tables of one body may hold, counted before their tokens are made.

markdown-it-py makes three block tokens and an inline one of each cell, and the build keeps
them all while it reads the body: a table of a million one-letter cells (2 MB) took 2 GB and
26 s. A GitHub table's rows are filled out to its header's width, so a row of one letter
under a header of 200 columns is 200 cells: bytes alone do not bound the cells. So a table's
cells are counted before it is read (a GitHub table's: its header's columns times its lines
up to the blank line that ends it, at least as many as it has; a Pandoc or HTML table's as
found), and one past what is left of ``MAX_CELLS`` is left out; the body's first such table
is an error (``table-too-large``).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.table import table

MAX_CELLS = 200_000
"""Cells of all the tables of one body: about 450 MB of memory while it is built, so that a
file of tables (8 MiB at most, ``load``) builds in well under 1 GiB. A table of a real
document has a few thousand."""
_LEFT = "table_cells_left"
"""``env`` key: how many cells the body's tables may still hold."""
_REFUSED = "table_too_large"
"""``env`` key: the body line (0-based) of the first table past ``MAX_CELLS``."""


def enable(md: MarkdownIt) -> None:
    # Before markdown-it's own rule, which then reads each table this one lets pass.
    md.block.ruler.before("table", "table_cells", _counted)


def _counted(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Claim (and leave out) a table with more cells than are left; let markdown-it read any
    other, its cells taken from what is left."""
    if silent or not table(state, start, end, True):
        return False
    last = start + 2
    while last < end and not state.isEmpty(last) and state.sCount[last] >= state.blkIndent:
        last += 1
    delimiters = state.src[state.bMarks[start + 1] : state.eMarks[start + 1]].strip()
    columns = delimiters.strip("|").count("|") + 1
    if take(state, start, columns * (last - start - 1)):
        return False
    state.line = last
    return True


def take(state: StateBlock, start: int, cells: int) -> bool:
    """Whether the body's tables may hold ``cells`` more, for the table at line ``start``:
    if so, they are taken from what is left; if not, the table is noted as too large."""
    left = state.env.get(_LEFT, MAX_CELLS)
    if cells <= left:
        state.env[_LEFT] = left - cells
        return True
    state.env.setdefault(_REFUSED, start)
    return False


def too_large(env: dict[str, object]) -> int | None:
    """The body line (0-based) of the first table past ``MAX_CELLS``, or None."""
    line = env.get(_REFUSED)
    return line if isinstance(line, int) else None
