"""markdown-it's block rule ``paragraph``, a paragraph of one line taken without its loop.

markdown-it's rule logs its arguments, looks up the rules that may end a paragraph and cuts
its lines through ``StateBlock.getLines``, at every paragraph; most paragraphs, and every
one of a body whose paragraphs are each written on one line, end at the next line, empty,
or at the end, where none of that is needed. Such a paragraph is taken here, its tokens
made here, in C (``tokens.Token``, native: compiled code sets their fields as a C
struct's); any other is markdown-it's rule's (``tests/test_inline_scan.py`` and
``tests/test_block_scan.py`` compare the tokens with markdown-it's).
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


def enable(md: MarkdownIt) -> None:
    """Take ``md``'s paragraphs by ``paragraph``, in markdown-it's rule's place."""
    md.block.ruler.at("paragraph", paragraph)
