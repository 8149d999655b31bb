"""markdown-it's block rule ``paragraph``, a paragraph of one line taken without its loop.

markdown-it's rule logs its arguments, looks up the rules that may end a paragraph and cuts
its lines through ``StateBlock.getLines``, at every paragraph; most paragraphs, and every
one of a body whose paragraphs are each written on one line, end at the next line, empty,
or at the end, where none of that is needed. Such a paragraph is taken here, its tokens
markdown-it's, made by one call of Python (``token_states.push_paragraph``: Python sets a
token's fields some four times faster than compiled code); any other is markdown-it's
rule's (``tests/test_inline_scan.py`` and ``tests/test_block_scan.py`` compare the tokens
with markdown-it's).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block import paragraph as markdown_its_paragraph

from concordance import token_states


def paragraph(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
    """A paragraph at ``startLine`` (markdown-it's rule, its arguments named as it names
    them)."""
    following = startLine + 1
    if following < state.lineMax and (  # not ``state.isEmpty(following)``, read in C
        state.bMarks[following] + state.tShift[following] < state.eMarks[following]
    ):
        return markdown_its_paragraph(state, startLine, endLine, silent)
    if state.blkIndent:
        line = state.getLines(startLine, following, state.blkIndent, False)
    else:  # all of it: no indentation of a block to take off
        line = state.src[state.bMarks[startLine] : state.eMarks[startLine]]
    state.line = following
    token_states.push_paragraph(state, mdTrim(line), startLine, following)
    return True


def enable(md: MarkdownIt) -> None:
    """Take ``md``'s paragraphs by ``paragraph``, in markdown-it's rule's place."""
    md.block.ruler.at("paragraph", paragraph)
