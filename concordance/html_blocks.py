"""Blocks of raw HTML that start a line, read as what a browser shows (CommonMark's own HTML
blocks stay off: they would pass markup through, and take the Markdown after them as HTML).

- A comment (a block of notes, the code a tool writes a section from, Node's YAML of
  versions) is left out to the line that closes it, blank lines and what looks like list
  items included, as CommonMark's HTML block of comments is.
- ``<pre>``, to a line ending with ``</pre>``, is a block of code (a licence in a README),
  its tags left out and its character references read.
- ``<ul>`` and ``<ol>``, to a line ending with the tag that closes it (the lists inside it
  counted), is a list of its items, each read as a Markdown list's item is and followed by
  the lists inside it (``html_lists``); an ordered one keeps its ``start``.
- ``<h1>`` to ``<h6>``, to a line ending with the tag that closes it, is a heading (a
  README's ``<h1 align="center">``), in the outline and named as Markdown's are, or by the
  id its tag gives it (``<h2 id="install">``).
- ``<table>``, to a line ending with ``</table>``, is a table of its rows and cells (Node's
  tables of constants), each cell's text read as the text of a Markdown table's cell is,
  raw HTML included (``inline_html``).

A heading's, table's, cell's, list's and item's valid ``lang`` and ``dir``
(``inline_html.language_attributes``) are kept on the element we write; no other attribute
of the editor's is.

Each is read only when nothing follows its closing tag on that line, and when it closes at
all: else its lines are read as before (text, tags left out or shown as typed), so nothing
an editor wrote disappears. A table that is more than rows of cells (a caption, a table
inside, text between cells), or a list more than items (text after a list inside an item),
is read as before too.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from concordance import headings, html_lists, inline_html, table_cells
from concordance.lazy_patterns import lazy_compile
from concordance.tokens import our, ours

ENDS = ["paragraph", "reference", "blockquote"]
"""The blocks these end when they start a line inside them, as CommonMark's HTML blocks do."""


PRE = "<pre>"
"""The ``markup`` of a code block written as ``<pre>``, which markdown-it's own leave empty:
what a quote found in it is told to be in (``closest.IN_PRE``)."""


def enable(md: MarkdownIt) -> None:
    md.block.ruler.before("html_block", "html_blocks", _html_block, {"alt": ENDS})


def _html_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """The first block of ours (a comment, ``<pre>``, table, list or heading) that line
    ``start`` opens. Each opens with ``<``: most lines open none, which their first
    character tells; tried one by one on every line, the five rules made rendering a body
    3% slower."""
    if not state.src.startswith("<", state.bMarks[start] + state.tShift[start]):
        return False
    return any(rule(state, start, end, silent) for rule in _RULES)


def _comment(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    found = _opened(state, start, end, _COMMENT)
    if found is not None and not silent:
        state.line = found.last + 1
    return found is not None


def _pre(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    found = _opened(state, start, end, _PRE)
    if found is not None and not silent:
        source = found.source.removeprefix("\n")
        token = state.push("code_block", "code", 0)
        token.content = html.unescape(_ANY_TAG.sub("", source)).rstrip() + "\n"
        token.markup = PRE
        token.map = [start, found.last + 1]
        state.line = found.last + 1
    return found is not None


def _table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    found = _opened(state, start, end, _TABLE)
    rows = _rows(found.source) if found else None
    if found is None or rows is None:
        return False
    if not silent:
        if table_cells.take(state, start, sum(len(row) for row in rows)):
            _push_table(state, rows, found)
        state.line = found.last + 1
    return True


def _list(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    found = _opened_list(state, start, end)
    listed = html_lists.tree(found.source, found.tag, found.opening) if found else None
    if found is None or listed is None:
        return False
    if not silent:
        lines = _Lines(found.source, found.start)
        _push_list(state, listed, lines, [found.start, found.last + 1])
        state.line = found.last + 1
    return True


def _heading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    found = _opened(state, start, end, _HEADING)
    if found is not None and not silent:
        heading = state.push("heading_open", found.tag, 1)
        heading.attrs.update(inline_html.language_attributes(found.opening))
        heading.markup = "#" * int(found.tag[1])
        heading.map = [start, found.last + 1]
        if written := inline_html.attributes(found.opening).get("id"):
            heading.meta[headings.WRITTEN] = written
        inline = state.push("inline", "", 0)
        inline.content = found.source.strip()
        inline.map = [start, found.last + 1]
        inline.children = []
        state.push("heading_close", found.tag, -1)
        state.line = found.last + 1
    return found is not None


_RULES = (_comment, _pre, _table, _list, _heading)
"""In the order markdown-it tried them as rules of their own."""


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Block:
    """A block of raw HTML found: lines ``start`` to ``last``."""

    start: int
    last: int
    tag: str
    """The opening tag's name in lower case ("pre", "h2"); empty for a comment."""
    opening: str
    """The opening tag as written."""
    source: str
    """What its lines hold between the opening tag and the last closing one, the markers
    of the blocks they are in left out (``> `` of a quote)."""


def _opened(state: StateBlock, start: int, end: int, opening: re.Pattern[str]) -> _Block | None:
    """The block that ``opening`` starts line ``start`` with (not indented as code) and the
    first tag closing it (``-->`` for a comment) ends a line with; None if there is none."""
    found = _opening(state, start, opening)
    if found is None:
        return None
    last = closing_line(state, found.end(), _closing(found), range(start, end))
    return None if last is None else _block(state, start, last, found)


def closing_line(state: StateBlock, at: int, closing: str, lines: range) -> int | None:
    """The line of ``lines`` that the first ``closing`` found from ``at`` on ends; None if
    there is none, or text follows it on its line (a block would end inside a line)."""
    close = _next(state, closing, at)
    if close < 0:
        return None
    return _ending_line(state, close + len(closing), lines.start, lines.stop)


def _opened_list(state: StateBlock, start: int, end: int) -> _Block | None:
    """As ``_opened``, the list that line ``start`` opens, to the tag that closes it, the
    lists inside it counted (``html_lists.closing``)."""
    found = _opening(state, start, _LIST)
    closed = html_lists.closing(state.env, state.src, found.start()) if found else None
    last = _ending_line(state, closed[1], start, end) if closed else None
    return None if found is None or last is None else _block(state, start, last, found)


def _opening(state: StateBlock, start: int, opening: re.Pattern[str]) -> re.Match[str] | None:
    """The tag ``opening`` starts line ``start`` with, when the line is not code."""
    if state.sCount[start] - state.blkIndent >= 4:
        return None
    return opening.match(state.src, state.bMarks[start] + state.tShift[start], state.eMarks[start])


def _closing(opening: re.Match[str]) -> str:
    tag = opening["tag"].lower()
    return f"</{tag}>" if tag else "-->"


def _ending_line(state: StateBlock, at: int, start: int, end: int) -> int | None:
    """The line within lines ``start`` to ``end`` that a closing tag ending at ``at`` ends;
    None if there is none, or text follows the tag on its line (the block would end inside
    a line)."""
    last = bisect.bisect_left(state.eMarks, at, start, end)
    if last >= end or state.src[at : state.eMarks[last]].strip():
        return None
    return last


def _block(state: StateBlock, start: int, last: int, opening: re.Match[str]) -> _Block:
    """The block of lines ``start`` to ``last`` that ``opening`` opens."""
    closing = _closing(opening)
    lines = state.getLines(start, last + 1, state.blkIndent, False)
    begin = lines.index(opening.group()) + len(opening.group())
    through = re.compile(".*" + re.escape(closing), re.IGNORECASE | re.DOTALL).match(lines, begin)
    stop = through.end() - len(closing) if through else len(lines)
    return _Block(start, last, opening["tag"].lower(), opening.group(), lines[begin:stop])


_COMMENT = lazy_compile("<!(?P<tag>)(?=--)")
"""A comment's opening (of no tag name), up to where its "-->" may start: "<!-->" is a
whole comment."""
_PRE = lazy_compile(r"<(?P<tag>pre)(?:\s[^>]*)?>", re.IGNORECASE)
_TABLE = lazy_compile(r"<(?P<tag>table)(?:\s[^>]*)?>", re.IGNORECASE)
_HEADING = lazy_compile(r"<(?P<tag>h[1-6])(?:\s[^>]*)?>", re.IGNORECASE)
_LIST = lazy_compile(r"<(?P<tag>[ou]l)(?:\s[^>]*)?>", re.IGNORECASE)
_START = lazy_compile(r"""\sstart\s*=\s*["']?(\d{1,9})""", re.IGNORECASE)
"""The number an ordered list written in HTML starts at, when its tag says."""
_ANY_TAG = lazy_compile(r"</?[A-Za-z][^<>]*>")
_CELLS = ("th", "td")
_CELL_ENDS = ("th", "td", "tr")
"""The tags that end the cell before them."""
_TABLE_TAG = lazy_compile(
    r"<(/?)(table|caption|thead|tbody|tfoot|tr|th|td|colgroup|col)(?:\s[^<>]*)?/?>", re.IGNORECASE
)


@dataclass(slots=True, eq=False, repr=False)
class _Cell:
    """One cell of an HTML table."""

    tag: str
    opening: str
    """Its opening tag as written (its ``lang`` and ``dir`` are kept)."""
    start: int
    """Where the cell's text starts in the table's source."""
    end: int = -1
    """Where it ends: at the tag that closes it or starts the next."""


def _rows(source: str) -> list[list[_Cell]] | None:
    """The rows of cells of a table's source; None if it holds more than that (a caption,
    another table, text outside any cell), which would be lost."""
    rows: list[list[_Cell]] = []
    for name, closing, cell in _walk(source):
        if name in ("", "table", "caption") or (cell is not None and not rows):
            return None
        if cell is not None:
            rows[-1].append(cell)
        elif name == "tr" and not closing:
            rows.append([])
    return [row for row in rows if row] or None


def _walk(source: str) -> Iterator[tuple[str, bool, _Cell | None]]:
    """Each tag of a table's ``source``: its name, whether it closes, and the cell it opens.
    A cell ends at the next cell or row, the last at the end of the source. Text outside
    any cell is yielded as a tag named "" (and ends the walk)."""
    cell: _Cell | None = None
    pos = 0
    for tag in _TABLE_TAG.finditer(source):
        if cell is None and source[pos : tag.start()].strip():
            yield "", False, None  # text outside any cell
            return
        pos = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name in _CELL_ENDS and cell is not None:
            cell.end = tag.start()
            cell = None
        opened = None
        if name in _CELLS and not closing:
            cell = opened = _Cell(name, tag.group(), pos)
        yield name, closing, opened
    if cell is not None:
        cell.end = len(source)
    elif source[pos:].strip():
        yield "", False, None


def _push_table(state: StateBlock, rows: list[list[_Cell]], found: _Block) -> None:
    """The tokens of a Markdown table: the first rows of header cells as its head."""
    lines = _Lines(found.source, found.start)
    head = 0
    while head < len(rows) and all(cell.tag == "th" for cell in rows[head]):
        head += 1
    table = state.push("table_open", "table", 1)
    table.map = [found.start, found.last + 1]
    table.attrs.update(inline_html.language_attributes(found.opening))
    for part, group in (("thead", rows[:head]), ("tbody", rows[head:])):
        if not group:
            continue
        state.push(f"{part}_open", part, 1)
        for row in group:
            state.push("tr_open", "tr", 1)
            for cell in row:
                opened = state.push(f"{cell.tag}_open", cell.tag, 1)
                opened.attrs.update(inline_html.language_attributes(cell.opening))
                opened.map = lines.push(state, cell.start, cell.end)
                state.push(f"{cell.tag}_close", cell.tag, -1)
            state.push("tr_close", "tr", -1)
        state.push(f"{part}_close", part, -1)
    state.push("table_close", "table", -1)


def _push_list(
    state: StateBlock, listed: html_lists.HtmlList, lines: _Lines, span: list[int]
) -> None:
    """The tokens of a tight Markdown list, its items' paragraphs hidden, each followed by
    the lists inside it; an ordered one starts at the number its tag gives
    (``<ol start="3">``)."""
    name = "ordered_list" if listed.tag == "ol" else "bullet_list"
    opening = state.push(f"{name}_open", listed.tag, 1)
    opening.map = span
    opening.attrs.update(inline_html.language_attributes(listed.opening))
    first = _START.search(listed.opening)
    if listed.tag == "ol" and first and int(first[1]) != 1:
        ours(state.tokens)[-1].attrSet("start", str(int(first[1])))
    for item in listed.items:
        opened = state.push("list_item_open", "li", 1)
        opened.attrs.update(inline_html.language_attributes(item.opening))
        state.push("paragraph_open", "p", 1).hidden = True
        opened.map = lines.push(state, item.text.start, item.text.end)
        state.push("paragraph_close", "p", -1).hidden = True
        for inner in item.lists:
            _push_list(state, inner, lines, [opened.map[0], span[1]])
        state.push("list_item_close", "li", -1)
    state.push(f"{name}_close", listed.tag, -1)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Lines:
    """The line breaks of a block's source that starts on line ``start``: each part's text
    is mapped to the lines it is on, for the diagnostics of what it holds."""

    source: str
    start: int
    breaks: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.breaks.extend(m.start() for m in re.finditer("\n", self.source))

    def push(self, state: StateBlock, start: int, end: int) -> list[int]:
        """Push the inline token of the text from ``start`` to ``end``; the lines it is on."""
        text = self.source[start:end]
        at = start + len(text) - len(text.lstrip())
        line = self.start + bisect.bisect_left(self.breaks, at)
        inline = our(state.push("inline", "", 0))
        inline.content = text.strip()
        inline.map = [line, line + 1 + inline.content.count("\n")]
        inline.children = []
        return inline.map


def _next(state: StateBlock, closing: str, at: int) -> int:
    """Where ``closing`` (in any case) is first found from ``at`` on, or -1; remembered, as
    every line of a body may open a block that closes at its end (or never), and a search
    from each would take time in the square of its length."""
    known: dict[tuple[str, str], tuple[int, int]] = state.env.setdefault(_FOUND, {})
    key = (closing, state.src)  # the text, not its id (``html_lists.closing``)
    after, found = known.get(key, (len(state.src) + 1, -1))
    if after <= at and (found < 0 or at <= found):
        return found
    match = re.compile(re.escape(closing), re.IGNORECASE).search(state.src, at)
    found = match.start() if match else -1
    known[key] = (at, found)
    return found


_FOUND = "html_blocks_found"
"""``env`` key: by closing tag (and text), where it was last looked for and where found
(-1: nowhere)."""
