"""Pandoc's grid tables, as its Markdown writer writes a table whose cells hold lists or
several paragraphs (a Word or HTML document's):

    +---------+--------------------+
    | Fruit   | Advantages         |
    +=========+====================+
    | Bananas | - built-in wrapper |
    |         | - bright color     |
    +---------+--------------------+

A line of ``+`` and dashes starts it; each row's cells stand between the ``|`` under the
``+`` of those lines, over the row's lines, to the next such line. A line of ``=`` under the
first rows makes them its head; two more at its end make the rows between them its foot.
Colons by the ``+`` of the line under the head (or, without a head, of the first line) set
the columns' alignment. A cell's lines, their common indentation removed, are read as
Markdown blocks (paragraphs, lists); a cell of one paragraph is its text, as the cells of
other tables are. Columns are counted as Pandoc counts them (``simple_tables.width``).

A table whose cells span rows or columns, whose lines do not line up, or that holds a tab is
left as its text: Pandoc traces such a table cell by cell, which this rule does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from concordance import simple_tables, table_cells, token_states
from concordance.lazy_patterns import lazy_compile
from concordance.tokens import Token, ours

_RULE = lazy_compile(r"\+(?::?-+:?\+)+|\+(?::?=+:?\+)+")
"""A line between rows: dashes, or ``=`` under a head or over a foot, each run between two
``+`` and maybe a colon at either end."""
_ALIGNS = {(True, False): "left", (False, True): "right", (True, True): "center"}
"""Colons at (the start, the end) of a column's run: its alignment."""


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Rule:
    """A rule line of a grid table."""

    bounds: list[int]
    """Where each ``+`` stands, in display columns from the line's first."""
    fill: str
    """``-``, or ``=``."""
    aligns: list[str]
    """Each column's alignment, as a ``text-align`` value; empty for the default."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Row:
    """A row of a grid table."""

    line: int
    """Its first line."""
    cells: list[str]
    """Each cell's text, a line of it on each of the row's lines."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Grid:
    """A grid table as read from its lines."""

    aligns: list[str]
    parts: list[tuple[str, list[_Row]]]
    """("thead", rows), ("tbody", rows), ("tfoot", rows)."""
    after: int
    """The first line past the table."""


def enable(md: MarkdownIt) -> None:
    # Before code and the Markdown table, whose rows also start with a "|".
    md.block.ruler.before("table", "grid_table", _table)


def _table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4 or _first(state, start) != "+":
        return False
    grid = _grid(state, start, end)
    if grid is None:
        return False
    if not silent:
        columns = len(grid.aligns)
        cells = columns * sum(len(rows) for _, rows in grid.parts)
        if table_cells.take(state, start, cells):
            _push(state, grid, [start, grid.after])
        state.line = grid.after
    return True


def _grid(state: StateBlock, start: int, end: int) -> _Grid | None:
    """The grid table that starts at ``start``, if its lines make one."""
    top = _rule(_line(state, start))
    if top is None or top.fill != "-":
        return None
    rules, rows = [top], []
    lines: list[int] = []
    line = start + 1
    while line < end and _in_table(state, line, state.sCount[start]):
        text = _line(state, line)
        if not text.startswith("+"):
            lines.append(line)
        elif (rule := _rule(text)) is None or rule.bounds != top.bounds or not lines:
            return None
        elif (row := _row(state, lines, top.bounds)) is None:
            return None  # a line out of line
        else:
            rules.append(rule)
            rows.append(row)
            lines = []
        line += 1
    if lines or not rows:
        return None  # a row that no line closes
    return _parted(rules, rows, line)


def _in_table(state: StateBlock, line: int, indent: int) -> bool:
    """Whether ``line`` may be one of a table whose lines are ``indent`` in."""
    return state.sCount[line] == indent and _first(state, line) in ("+", "|")


def _parted(rules: list[_Rule], rows: list[_Row], after: int) -> _Grid | None:
    """The table of ``rows`` (``rules[i]`` above ``rows[i]``, the last below them all) in
    head, body and foot, as Pandoc parts it: the head above the first line of ``=``; the foot
    between the last two, when the last is the table's last line."""
    equals = [at for at, rule in enumerate(rules) if rule.fill == "="]
    aligned = equals[0] if equals else 0
    if any(any(rule.aligns) for at, rule in enumerate(rules) if at not in (0, aligned)):
        return None  # colons elsewhere end no column's run: Pandoc reads no table
    head = equals[0] if equals else 0
    foot = equals[-2] if len(equals) > 1 and equals[-1] == len(rules) - 1 else len(rows)
    parts = [("thead", rows[:head]), ("tbody", rows[head:foot]), ("tfoot", rows[foot:])]
    return _Grid(rules[aligned].aligns, parts, after)


def _rule(text: str) -> _Rule | None:
    if not _RULE.fullmatch(text):
        return None
    bounds = [at for at, char in enumerate(text) if char == "+"]
    if len(bounds) > simple_tables.MAX_COLUMNS + 1:
        return None
    runs = [text[a + 1 : b] for a, b in pairwise(bounds)]
    aligns = [_ALIGNS.get((run[0] == ":", run[-1] == ":"), "") for run in runs]
    return _Rule(bounds, "=" if "=" in text else "-", aligns)


def _row(state: StateBlock, lines: list[int], bounds: list[int]) -> _Row | None:
    """The row on ``lines``, if a ``|`` stands at each of ``bounds`` on each of them."""
    cut = [_cut(_line(state, line), bounds) for line in lines]
    if any(parts is None for parts in cut):
        return None
    columns = zip(*(parts for parts in cut if parts is not None), strict=True)
    return _Row(lines[0], [_dedented(list(column)) for column in columns])


def _cut(text: str, bounds: list[int]) -> list[str] | None:
    """The text between each two of ``bounds`` on a row's line, if a ``|`` stands at each
    and the line ends at the last; bounds are display columns, as Pandoc lines the ``|`` up
    under the ``+`` (a Chinese character takes two)."""
    at = _indexes(text, bounds)
    if at[-1] != len(text) - 1 or any(a < 0 or text[a] != "|" for a in at):
        return None
    return [text[a + 1 : b].rstrip() for a, b in pairwise(at)]


def _indexes(text: str, columns: list[int]) -> list[int]:
    """The index in ``text`` of the character that starts at each display column, -1 where
    none does (half of a wide one stands there, or the line is shorter); of several (a letter
    and the marks after it, which take none), the last."""
    if text.isascii():
        return [column if column < len(text) else -1 for column in columns]
    starts: dict[int, int] = {}
    shown = 0
    for at, char in enumerate(text):
        starts[shown] = at
        shown += simple_tables.width(char)
    return [starts.get(column, -1) for column in columns]


def _dedented(lines: list[str]) -> str:
    """A cell's lines without the indentation they share: the space Pandoc writes after
    each ``|`` would otherwise indent what the cell holds."""
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    shared = min(indents, default=0)
    return "\n".join(line[shared:] for line in lines)


def _first(state: StateBlock, line: int) -> str:
    at = state.bMarks[line] + state.tShift[line]
    return state.src[at] if at < state.eMarks[line] else ""


def _line(state: StateBlock, line: int) -> str:
    """``line`` from its first character past the container's indentation, without the
    spaces that end it; a tab, which Pandoc would expand, makes it no line of a table."""
    text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]].rstrip()
    return "" if "\t" in text else text


def _push(state: StateBlock, grid: _Grid, span: list[int]) -> None:
    state.push("table_open", "table", 1).map = span
    for part, rows in grid.parts:
        if not rows:
            continue
        tag = "th" if part == "thead" else "td"
        state.push(f"{part}_open", part, 1)
        for row in rows:
            lines = [row.line, row.line + row.cells[0].count("\n") + 1]
            state.push("tr_open", "tr", 1).map = lines
            for align, text in zip(grid.aligns, row.cells, strict=True):
                cell = state.push(f"{tag}_open", tag, 1)
                cell.map = lines
                if align:
                    cell.attrSet("style", f"text-align:{align}")  # as markdown-it's tables
                _read(state, text, row.line)
                state.push(f"{tag}_close", tag, -1)
            state.push("tr_close", "tr", -1)
        state.push(f"{part}_close", part, -1)
    state.push("table_close", "table", -1)


def _read(state: StateBlock, text: str, line: int) -> None:
    """Push the blocks of a cell's ``text``, whose first line is the body's ``line``: read
    as the body's blocks are, one level deeper (so markdown-it's nesting limit holds), each
    at its line of the body."""
    if not text.strip():
        return
    if "\n" not in text and text.lstrip()[0].isalpha():
        # Most cells: a line of text, which no block rule but the paragraph's takes (each
        # starts with a mark, a digit or an indentation). Read so, a table of 180,000
        # one-letter cells took 6.8 s rather than 10 s.
        inline = state.push("inline", "", 0)
        inline.content, inline.map, inline.children = text.strip(), [line, line + 1], []
        return
    first = len(ours(state.tokens))
    cell = token_states.BlockState(text, state.md, state.env, ours(state.tokens))
    cell.level = state.level
    state.md.block.tokenize(cell, 0, cell.lineMax)
    for token in ours(state.tokens)[first:]:
        if token.map:
            token.map = [token.map[0] + line, token.map[1] + line]
    _unwrapped(ours(state.tokens), first)


def _unwrapped(tokens: list[Token], first: int) -> None:
    """A cell of one paragraph as its text alone, as Pandoc writes it and as the cells of
    other tables are (search terms and directions are given to the cell)."""
    if len(tokens) - first == 3 and tokens[first].type == "paragraph_open":
        inline = tokens[first + 1]
        inline.level -= 1
        tokens[first:] = [inline]
