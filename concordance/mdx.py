"""MDX's comments and module lines, as Docusaurus and Storybook pages write them, which MDX
shows nowhere and the site neither:

- a comment, ``{/* truncate */}``, within a paragraph, heading or cell, or starting a line to
  a line ending with the next ``*/}`` (blank lines included), as an HTML comment is
  (``inline_html``, ``html_blocks``): a note to editors and tools, and a quote runs across
  it. One that nothing closes stays text, and so does one in code. One of an id alone
  (``## Glorp plan {/* #glorp */}``, as Docusaurus names a heading) names its place, as
  ``<a id="glorp">`` does (``headings``);
- the lines of ES modules that start a block of the body and run to a blank line: imports
  (``import Tabs from '@theme/Tabs';``) and exports (``export const Glorp = () => ...``),
  which MDX reads as code of the page, not words of it. A block is read as imports only
  when it is import statements (each ending with the module's name in quotes) and nothing
  else but an export under them, and as an export only when its ``export`` starts a
  declaration (``const``,
  ``function``, ``default``...): prose that starts with the word (``import the plan``)
  stays text, and so does any line in a list, a block quote or code.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from concordance import inline_html
from concordance.html_blocks import ENDS, closing_line
from concordance.lazy_patterns import lazy_compile

OPEN, CLOSE = "{/*", "*/}"
_IMPORTS = lazy_compile(
    r"""(?:import[ \t\n]+(?:(?:[\w$*{},]+\s+)+?from[ \t\n]*)?(["'])[^"'\n]+\1[ \t]*;?\s*)+"""
)
"""A block of import statements alone: each with the name of its module in quotes. The names
imported are words each followed by its spaces, so that a run of spaces is read one way:
spaces that could be read as the names' or as those before ``from`` were tried every way,
and ``import`` and 2,000 spaces took six seconds (the cube of their number)."""
_EXPORT = lazy_compile(r"export[ \t]+(?:const|let|var|function|async|class|default|\{|\*)")
"""An export of a declaration, as MDX pages write their components."""
_CLOSES = "mdx_closes"
"""``env`` key: (text, where a ``*/}`` was last looked for in it, where it was found)."""
_ID = lazy_compile(r"\s*#([\w:.-]{1,100})\s*")
"""A comment of an id alone, as Docusaurus names a heading: ``{/* #glorp */}``."""


def enable_blocks(md: MarkdownIt) -> None:
    """Leave out the blocks of comments and of module lines of the bodies ``md`` parses."""
    md.block.ruler.before("html_block", "mdx_comment", _comment_block, {"alt": ENDS})
    # No "alt": as MDX reads them, module lines start a block and end no paragraph.
    md.block.ruler.before("paragraph", "mdx_module", _module_block)


def enable_inline(md: MarkdownIt) -> None:
    """Leave out the comments within the text that ``md`` parses inline."""
    md.inline.ruler.before("backticks", "mdx_comment", _inline)


def _comment_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A comment that starts line ``start`` and ends a line, blank lines included."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    first = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith(OPEN, first):
        return False
    last = closing_line(state, first + len(OPEN), CLOSE, range(start, end))
    if last is None:
        return False
    if not silent:
        state.line = last + 1
    return True


def _module_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Module lines from line ``start`` to a blank line, at the body's top level."""
    first = state.bMarks[start] + state.tShift[start]
    if state.src[first : first + 1] not in ("i", "e") or state.sCount[start] != 0:
        return False  # most lines
    if state.level != 0 or state.blkIndent != 0:
        return False  # in a list or block quote (whose rules leave ``parentType`` unreliable)
    last = start
    while last + 1 < end and not state.isEmpty(last + 1):
        last += 1
    if not _is_module(state.src[first : state.eMarks[last]]):
        return False
    if not silent:
        state.line = last + 1
    return True


def _is_module(text: str) -> bool:
    """Whether ``text`` is module lines: imports alone, an export, or imports and then an
    export (a page's ``export const meta = {...}`` right under its imports)."""
    imports = _IMPORTS.match(text)
    after = imports.end() if imports else 0
    return after == len(text) or bool(_EXPORT.match(text, after))


def _close_after(state: StateInline, at: int) -> int:
    """Where the first ``*/}`` of the text from ``at`` on is, or -1; remembered, as each
    ``{/*`` of a paragraph asks, and a search from each took the square of their number
    (50,000 in a paragraph, 9.9 s)."""
    known = state.env.get(_CLOSES)
    if known is not None and known[0] is state.src and known[1] <= at <= _end(known[2]):
        return int(known[2])
    found = state.src.find(CLOSE, at)
    state.env[_CLOSES] = (state.src, at, found)
    return found


def _end(found: int) -> float:
    """How far on a search that found ``found`` tells where the next is."""
    return float("inf") if found < 0 else found


def _inline(state: StateInline, silent: bool) -> bool:
    """A comment closed within the same paragraph, heading or cell: the line breaks it holds
    are kept as breaks of the source (lines are counted by them), its words left out."""
    start = state.pos
    if not state.src.startswith(OPEN, start):
        return False
    close = _close_after(state, start + len(OPEN))
    if close < 0 or close + len(CLOSE) > state.posMax:
        return False
    if not silent:
        for _ in range(state.src.count("\n", start, close)):
            state.push("softbreak", "br", 0)
        if named := _ID.fullmatch(state.src, start + len(OPEN), close):
            # Its block is marked as given anchors by ``attributes``, as for any "{".
            state.push("html_inline", "", 0).meta[inline_html.ANCHOR] = named[1]
    state.pos = close + len(CLOSE)
    return True
