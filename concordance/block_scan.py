"""markdown-it's block scanner, trying at each line only the rules that can start there.

markdown-it calls the rules of its block chain in order at each line that starts a block,
until one takes it: the site reads some twenty kinds of block (fences, callouts, tables of
three kinds, comments, targets, ...), and a paragraph's first line went through every one.
Most start with one of a few characters (``#`` a heading, ``>`` a block quote): here each
rule is tried only at lines whose first character it can start with (``STARTS``), still in
the chain's order, so the same rule takes the same lines and the tokens are the same
(``tests/test_block_scan.py`` compares them with markdown-it's own loop). Rules that look
further (a table's second line, a code block's indentation) are tried at every line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock
from markdown_it.utils import EnvType

from concordance import token_states
from concordance.tokens import Token, ours

Rule = Callable[[StateBlock, int, int, bool], bool]

STARTS: dict[str, str] = {
    "grid_table": "+",
    "callout_fence": ":/",
    "myst_directive": "`",
    "admonition": "!?",
    "content_tab": "=",
    "raw_block": "`~",
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "footnote_def": "[",
    "reference": "[",
    "html_blocks": "<",
    "percent_comment": "%",
    "mdx_comment": "{",
    "heading": "#",
    "mdx_module": "ie",
    "myst_target": "(",
    "myst_comment": "%",
    "myst_break": "+",
    "abbreviation": "*",
}
"""The first characters of the lines at which each rule of the site's chain can take a
block, by name: each returns False, having changed nothing, at any other line. A rule not
named here is tried at every line."""

FOLLOWED: dict[str, str] = {
    "table_cells": "|-:",
    "table": "|-:",
    "lheading": "",
}
"""The rules that can take a block only when the line after its first (inside the block's
container) is not empty, by name, with the characters that line must start with ("": any):
a table's row of dashes, a heading's next line or underline. Each returns False, having
changed nothing, at any other line, but ``lheading``, which leaves ``parentType``
"paragraph" as the paragraph after it does (only ``list`` reads it, where the rule asking
it has just set it)."""

INDENTED = frozenset({"code"})
"""The rules that can take a block only at a line indented four columns or more past the
block's (``StateBlock.is_code_block``), by name: each returns False, having changed nothing,
at any other line, most lines."""

DEFINED: dict[str, str] = {"deflist": ":~"}
"""The rules that can take a block only when the line after its first, or the one after
that when that line is empty, starts with one of the characters given (a definition's
marker), by name: each returns False, having changed nothing, before any other line."""

DASHED: dict[str, str] = {"simple_table": "-"}
"""The rules that can take a block only when its first line, or the line after it, starts
with one of the characters given (a simple table's row of dashes, under its heads or above
them), by name: each returns False, having changed nothing, at any other line."""

CODE_INDENT: Final = 4
"""The columns past the block's by which a line of code is indented."""

OTHER: Final = "\n"
"""The character standing for any first character of the next line but those of
``FOLLOWED``, ``DEFINED`` and ``DASHED``: no line starts with a line feed."""


class Scanner:
    """The tokenizer of one ``ParserBlock``, with its chain's rules sorted by the first
    character of the lines they start at, sorted again whenever the chain changes."""

    def __init__(self, parser: ParserBlock) -> None:
        self.parser = parser
        self.chain: list[Rule] = []
        self.at: dict[tuple[str, str, bool, bool], list[Rule]] = {}

    def rules_at(
        self, char: str, following: str = OTHER, indented: bool = True, defined: bool = True
    ) -> list[Rule]:
        """The rules tried at a line starting with ``char``, in the chain's order, when the
        next line starts with ``following`` ("": it is empty or past the end); not
        ``indented``, without those of ``INDENTED``; not ``defined``, without those of
        ``DEFINED``."""
        key = (char, following, indented, defined)
        rules = self.at.get(key)
        if rules is None:
            named = zip(self.parser.ruler.get_active_rules(), self.chain, strict=True)
            rules = self.at[key] = [
                rule
                for name, rule in named
                if char in STARTS.get(name, char)
                and _followed(FOLLOWED.get(name), following)
                and _dashed(DASHED.get(name), char, following)
                and (indented or name not in INDENTED)
                and (defined or name not in DEFINED)
            ]
        return rules

    def parse(
        self, src: str, md: MarkdownIt, env: EnvType, outTokens: list[Token]
    ) -> list[Token] | None:
        """``ParserBlock.parse``, its tokens made by a ``token_states.BlockState``."""
        if not src:
            return None
        state = token_states.BlockState(src, md, env, outTokens)
        self.tokenize(state, state.line, state.lineMax)
        return ours(state.tokens)

    def tokenize(self, state: StateBlock, startLine: int, endLine: int) -> None:
        """``ParserBlock.tokenize``, trying ``rules_at`` each line (its arguments named as
        markdown-it names them). The lines' marks are read from ``state`` once: no rule sets
        its lists anew (a block quote changes their items, and puts them back), and each
        read of a field of a state of Python's costs some 200 instructions in C."""
        chain = self.parser.ruler.getRules("")
        if chain is not self.chain:
            self.chain, self.at = chain, {}
        line, end = startLine, endLine
        deepest = state.md.options.maxNesting
        spaced = False
        marks = Marks(state.src, state.bMarks, state.eMarks, state.tShift, state.sCount)
        begins, ends, shifts = marks.begins, marks.ends, marks.shifts
        # Lines empty by their marks, as ``StateBlock.isEmpty`` and ``skipEmptyLines`` tell
        # them, but without a call of each for each block (some 17,000 instructions a body).
        while line < end:
            last = state.lineMax
            while line < last and begins[line] + shifts[line] >= ends[line]:
                line += 1
            state.line = line
            if line >= end:
                break
            indent = state.blkIndent
            if marks.counts[line] < indent:
                break  # a nested call's end (block quotes, lists)
            if state.level >= deepest:
                state.line = end  # too deep: the rest is left out
                break
            self._take(state, line, end, marks, indent)
            state.tight = not spaced
            line = state.line
            # A paragraph may take the empty line after it in a nested list.
            if line - 1 < end and begins[line - 1] + shifts[line - 1] >= ends[line - 1]:
                spaced = True
            if line < end and begins[line] + shifts[line] >= ends[line]:
                spaced = True
                line += 1
                state.line = line

    def _take(self, state: StateBlock, line: int, end: int, marks: Marks, indent: int) -> None:
        """Have the first rule that takes the block at ``line`` take it, as markdown-it's
        loop checks it; ``indent``: the state's ``blkIndent``."""
        first = marks.src[marks.begins[line] + marks.shifts[line]]
        indented = marks.counts[line] - indent >= CODE_INDENT
        following = _following(marks, line + 1, end)
        defined = _defined(marks, line + 1, end, following)
        for rule in self.rules_at(first, following, indented, defined):
            if rule(state, line, end, False):
                if state.line <= line:
                    raise RuntimeError("block rule didn't increment state.line")
                return
        raise RuntimeError("none of the block rules matched")


class Marks:
    """A block state's source and the lists of its lines' marks, read from it once."""

    def __init__(
        self, src: str, begins: list[int], ends: list[int], shifts: list[int], counts: list[int]
    ) -> None:
        self.src = src
        self.begins = begins
        """``bMarks``: where each line begins."""
        self.ends = ends
        """``eMarks``: where each ends."""
        self.shifts = shifts
        """``tShift``: the characters of white space it starts with."""
        self.counts = counts
        """``sCount``: their columns."""


def _following(marks: Marks, line: int, end: int) -> str:
    """The first character of ``line`` if a rule of ``FOLLOWED``, ``DEFINED`` or ``DASHED``
    looks for it, ``OTHER`` for any other, "" if the line is empty or not before ``end``."""
    if line >= end:
        return ""
    at = marks.begins[line] + marks.shifts[line]
    if at >= marks.ends[line]:
        return ""
    char = marks.src[at]
    return char if char in _LOOKED_FOR else OTHER


_LOOKED_FOR: Final = "".join((*FOLLOWED.values(), *DEFINED.values(), *DASHED.values()))


def _defined(marks: Marks, line: int, end: int, following: str) -> bool:
    """Whether a definition's marker (``DEFINED``) starts ``line``, whose first character
    is ``following`` (``_following``), or the line after it when it is empty."""
    if not following:
        following = _following(marks, line + 1, end)
    return following != "" and following in _DEFINITION_MARKS


_DEFINITION_MARKS: Final = "".join(DEFINED.values())


def _followed(starts: str | None, following: str) -> bool:
    """Whether a rule whose next line must start with ``starts`` (None: no such rule, "":
    with anything) may take a block before a line starting with ``following``."""
    if starts is None:
        return True
    return following != "" and (not starts or following in starts)


def _dashed(marks: str | None, char: str, following: str) -> bool:
    """Whether a rule whose first line or the next must start with one of ``marks`` (None:
    no such rule) may take a block at a line starting with ``char`` before one starting
    with ``following``."""
    if marks is None:
        return True
    return char in marks or (following != "" and following in marks)


def enable(md: MarkdownIt) -> None:
    """Tokenize and parse ``md``'s blocks with a ``Scanner``."""
    scanner = Scanner(md.block)
    md.block.tokenize = scanner.tokenize  # type: ignore[method-assign]
    md.block.parse = scanner.parse  # type: ignore[method-assign,assignment]
