"""Pandoc's raw content, as its Markdown writer keeps the HTML of a document it converts:
````` ```{=html} ````` blocks and `` `<br>`{=html} `` spans. HTML is read as if written in
the body (``inline_html``, ``html_blocks``): its tags left out or made elements of ours,
never passed through. Raw content of another format (``{=latex}``, ``{=openxml}``) is left
out, as Pandoc's HTML leaves it out.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from concordance.lazy_patterns import lazy_compile
from concordance.tokens import Token, adopt, ours

HTML = frozenset({"html", "html4", "html5"})
_OPENING = lazy_compile(r"(`{3,}|~{3,})[ \t]*\{=([\w-]+)\}[ \t]*")
"""A raw block's opening fence: its backticks or tildes, then its format."""


def enable(md: MarkdownIt) -> None:
    ends = ["paragraph", "reference", "blockquote", "list"]
    md.block.ruler.before("fence", "raw_block", _raw_block, {"alt": ends})


def _raw_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A raw block: its lines read as the body's own when it is HTML, else left out. One
    that no fence closes is no raw block: the fence rule shows the rest of its container as
    code, as it shows any fence left open (so no line is searched twice for a closing
    fence, and no words are lost to a fence left open)."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    first = state.bMarks[start] + state.tShift[start]
    if state.src[first : first + 3] not in ("```", "~~~"):
        return False
    opened = _OPENING.fullmatch(state.src, first, state.eMarks[start])
    if opened is None:
        return False
    if silent:
        return True
    close, closed = _closing(state, start, end, opened.group(1))
    if not closed:
        return False  # a block of code to the end, as markdown-it shows a fence left open
    if opened.group(2).lower() in HTML and close > start + 1:
        old_parent, old_max = state.parentType, state.lineMax
        state.parentType, state.lineMax = "raw", close
        state.md.block.tokenize(state, start + 1, close)
        state.parentType, state.lineMax = old_parent, old_max
    state.line = close + 1
    return True


def _closing(state: StateBlock, start: int, end: int, fence: str) -> tuple[int, bool]:
    """The line that ends the block opened at ``start``, and whether it is a closing fence
    (not the end of the block's container)."""
    for line in range(start + 1, end):
        first = state.bMarks[line] + state.tShift[line]
        text = state.src[first : state.eMarks[line]].rstrip()
        if state.sCount[line] < state.blkIndent and text:
            return line, False
        if (
            state.sCount[line] - state.blkIndent < 4
            and len(text) >= len(fence)
            and text == fence[0] * len(text)
        ):
            return line, True
    return end, False


def inline(code: Token, format_: str) -> list[Token]:
    """The tokens a raw span (``code``, of ``format_``) stands for: its HTML as tags and
    text, as ``inline_html`` reads raw HTML; nothing for another format."""
    if format_.lower() not in HTML:
        return []
    tokens = _tags().parseInline(code.content)[0].children or []
    adopt(tokens)  # the tokens of markdown-it's own parser, made ours
    for token in tokens:
        token.level = code.level
    return ours(tokens)


@lru_cache(maxsize=1)
def _tags() -> MarkdownIt:
    """Reads HTML into its tags and text (with entities and line breaks), as markdown-it
    reads raw HTML in Markdown."""
    return MarkdownIt("zero", {"html": True}).enable(["html_inline", "entity", "newline"])
