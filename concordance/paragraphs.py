"""markdown-it's block rule ``paragraph``, a paragraph of one line taken without its loop,
and its rule ``heading``, run in C.

markdown-it's rule logs its arguments, looks up the rules that may end a paragraph and cuts
its lines through ``StateBlock.getLines``, at every paragraph; most paragraphs, and every
one of a body whose paragraphs are each written on one line, end at the next line, empty,
or at the end, where none of that is needed. Such a paragraph is taken here, its tokens
made here, in C (``tokens.Token``, native: compiled code sets their fields as a C
struct's); any other is markdown-it's rule's (``tests/test_inline_scan.py`` and
``tests/test_block_scan.py`` compare the tokens with markdown-it's).
markdown-it's ``heading`` (``## Title``) logged its arguments too, and called a dozen
functions of Python for each heading, each of its three tokens pushed through one: here it
reads the same characters and makes the same tokens in C (some three headings an article).
"""

from __future__ import annotations

from typing import Final

from markdown_it import MarkdownIt
from markdown_it.common.utils import MD_TRIM_CHARS, mdTrim
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block import paragraph as markdown_its_paragraph

from concordance.tokens import Token, ours


def paragraph(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
    """A paragraph at ``startLine`` (markdown-it's rule, its arguments named as it names
    them)."""
    following = startLine + 1
    begins, ends = state.bMarks, state.eMarks
    if following < state.lineMax and (  # not ``state.isEmpty(following)``, read in C
        begins[following] + state.tShift[following] < ends[following]
    ):
        return markdown_its_paragraph(state, startLine, endLine, silent)
    if state.blkIndent:
        line = state.getLines(startLine, following, state.blkIndent, False)
    else:  # all of it: no indentation of a block to take off
        line = state.src[begins[startLine] : ends[startLine]]
    state.line = following
    content = line.strip(TRIMMED) if TRIM_KNOWN else mdTrim(line)  # not a call of Python
    push_paragraph(state, content, startLine, following)
    return True


def push_paragraph(state: StateBlock, content: str, start: int, end: int) -> None:
    """The tokens of a paragraph of the lines ``start`` to ``end`` whose inline text is
    ``content``, as ``state.push`` pushes them and markdown-it's rule fills them in: opened,
    its text (no children yet), closed."""
    level = state.level
    tokens = ours(state.tokens)
    tokens.append(Token("paragraph_open", "p", 1, map=[start, end], level=level, block=True))
    inline = Token("inline", "", 0, map=[start, end], level=level + 1, block=True)
    inline.content, inline.children = content, []
    tokens.append(inline)
    tokens.append(Token("paragraph_close", "p", -1, level=level, block=True))


TRIMMED: Final = MD_TRIM_CHARS
"""The characters markdown-it's ``mdTrim`` strips from a paragraph's ends."""

TRIM_KNOWN: Final = mdTrim("".join((TRIMMED, "\x1cx", TRIMMED))) == "\x1cx"
"""Whether this markdown-it's ``mdTrim`` strips ``TRIMMED`` alone (``str.strip`` of them is
its body today; Python's own ``strip`` takes ``\x1c`` too), so that a paragraph's text is
stripped in C, not by a call of Python."""


def heading(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
    """An ATX heading (``## Title``) at ``startLine``: markdown-it's rule ``heading``, its
    code block's test, its skips back and its pushes written out (its arguments named as it
    names them)."""
    src = state.src
    pos = state.bMarks[startLine] + state.tShift[startLine]
    maximum = state.eMarks[startLine]
    if state._code_enabled and state.sCount[startLine] - state.blkIndent >= CODE_INDENT:
        return False  # ``state.is_code_block(startLine)``
    if pos >= maximum or src[pos] != "#":
        return False
    level = 1
    pos += 1
    while pos < maximum and src[pos] == "#" and level <= 6:
        level += 1
        pos += 1
    if level > 6 or (pos < maximum and src[pos] not in SPACES):
        return False
    if silent:
        return True
    while maximum > pos and src[maximum - 1] in SPACES:  # ``skipSpacesBack``
        maximum -= 1
    closing = maximum
    while closing > pos and src[closing - 1] == "#":  # ``skipCharsStrBack``
        closing -= 1
    if closing > pos and src[closing - 1] in SPACES:
        maximum = closing
    state.line = following = startLine + 1
    text = src[pos:maximum]
    push_heading(
        state,
        f"h{level}",
        "#" * level,
        text.strip(TRIMMED) if TRIM_KNOWN else mdTrim(text),
        startLine,
        following,
    )
    return True


def push_heading(
    state: StateBlock, tag: str, markup: str, content: str, start: int, end: int
) -> None:
    """The tokens of a heading of the lines ``start`` to ``end`` whose inline text is
    ``content``, as ``state.push`` pushes them and markdown-it's rule fills them in: opened,
    its text (no children yet), closed."""
    level = state.level
    tokens = ours(state.tokens)
    tokens.append(
        Token("heading_open", tag, 1, map=[start, end], level=level, block=True, markup=markup)
    )
    inline = Token("inline", "", 0, map=[start, end], level=level + 1, block=True)
    inline.content, inline.children = content, []
    tokens.append(inline)
    tokens.append(Token("heading_close", tag, -1, level=level, block=True, markup=markup))


CODE_INDENT: Final = 4
"""Columns past its block's that make a line code (``StateBlock.is_code_block``)."""
HEADING_ENDS: Final = ("paragraph", "reference", "blockquote")
"""The chains of markdown-it's ``heading`` besides the blocks' own (``ParserBlock``'s
``alt``): the blocks whose lines it ends, as a heading ends a paragraph on its next line
(``Ruler.at`` without them would leave it out of those chains)."""
SPACES: Final = ("\t", " ")
"""What markdown-it's ``isStrSpace`` takes for a space."""


def enable(md: MarkdownIt) -> None:
    """Take ``md``'s paragraphs by ``paragraph`` and its headings by ``heading``, in
    markdown-it's rules' places."""
    md.block.ruler.at("paragraph", paragraph)
    md.block.ruler.at("heading", heading, {"alt": list(HEADING_ENDS)})
