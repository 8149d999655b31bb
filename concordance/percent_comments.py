"""Obsidian's comments, ``%%a note to myself%%`` within a paragraph and ``%%`` on a line of
its own to the line ending with the next ``%%``: notes to editors that Obsidian shows in
its editor only, and the site in no output, as an HTML comment (``inline_html``,
``html_blocks``). Published, they put an editor's private notes on the page, and between
the words of a sentence they broke the quotes copied from it.

A ``%%`` that nothing closes stays text, so no words disappear by mistake, and so does one
right after a letter or digit (``5%%``) but one of a script written without spaces;
``\\%%`` is a ``%%`` shown; in code, ``%%`` is text.
"""

from __future__ import annotations

import re
import unicodedata

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from concordance.html_blocks import ENDS, closing_line
from concordance.lazy_patterns import lazy_compile
from concordance.search_terms import unspaced

MARK = "%%"


def enable_blocks(md: MarkdownIt) -> None:
    """Leave out the blocks of comments of the bodies ``md`` parses."""
    md.block.ruler.before("html_block", "percent_comment", _block, {"alt": ENDS})


def enable_inline(md: MarkdownIt) -> None:
    """Leave out the comments within the text that ``md`` parses inline."""
    md.inline.ruler.before("backticks", "percent_comment", _inline)


def _block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A comment that starts line ``start`` and ends a line, blank lines and what looks
    like Markdown inside it included, as an HTML comment that starts a line is."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    first = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith(MARK, first):
        return False
    if silent and start > state.line and _left_open(state, state.bMarks[state.line], first):
        return False  # it closes the comment the paragraph it would end opened
    last = closing_line(state, first + len(MARK), MARK, range(start, end))
    if last is None:
        return False
    if not silent:
        state.line = last + 1
    return True


_SCANNED = "percent_comments_scanned"
"""``env`` key: (text, paragraph's start, where its scan stopped, whether a comment is open
there, where the code span or HTML comment it stopped at ends) of the last ``_left_open``:
a paragraph's lines are asked of in turn, and a scan of all of them for each would take the
square of their number."""
_MARKS = lazy_compile(r"%%|`+|<!--")
"""What ``_left_open`` stops at: a ``%%``, and the start of a code span or an HTML comment,
whose ``%%`` the inline parse never reads as a comment's (```%%``` in a line on comments)."""
_BLANK_LINE = lazy_compile(r"\n[ \t]*(?:\n|$)")
_TICKS = lazy_compile(r"`+")


def _left_open(state: StateBlock, start: int, end: int) -> bool:
    """Whether ``state.src[start:end]``, the lines of a paragraph read so far, opens a comment
    it does not close, as ``_inline`` pairs them: then a ``%%`` starting the next line is its
    end, not a comment's start that a ``%%`` further down (``grew 50%%``) would end, taking
    the paragraphs between out of the page and leaving this comment's words in it."""
    src = state.src
    known = state.env.get(_SCANNED)
    at, opened, spanned = start, False, -1
    if known is not None and known[0] is src and known[1] == start and known[2] <= end:
        at, opened, spanned = known[2:]
    if spanned > end:
        return opened  # still in the code span the last scan stopped at
    while (found := _MARKS.search(src, at, end)) is not None:
        at = found.start()
        if found[0] == MARK:
            if opened or (src[at - 1 : at] != "\\" and opens(src, at)):
                opened = not opened
                at += len(MARK)
            else:
                at += 1  # ``5%%%``: the second and third may open one
            continue
        spanned = -1 if opened or src[at - 1 : at] == "\\" else _span_end(src, found)
        if spanned > end:
            break  # the span runs on past the lines read so far: its ``%%`` are its text
        at = max(spanned, found.end())
    # ``end`` starts a line's text: no ``%%`` runs across it.
    state.env[_SCANNED] = (src, start, at if spanned > end else end, opened, spanned)
    return opened


def _span_end(src: str, opener: re.Match[str]) -> int:
    """Where the code span or HTML comment ``opener`` starts ends, within its paragraph (up to
    a blank line); -1 if it does not, and it is text."""
    blank = _BLANK_LINE.search(src, opener.end())
    limit = blank.start() if blank else len(src)
    if opener[0] == "<!--":
        close = src.find("-->", opener.end(), limit)
        return close + 3 if close >= 0 else -1
    for run in _TICKS.finditer(src, opener.end(), limit):
        if len(run[0]) == len(opener[0]):
            return run.end()
    return -1


def opens(src: str, at: int) -> bool:
    """Whether the ``%%`` at ``at`` of ``src`` may open a comment (``_after_a_word``)."""
    return not _after_a_word(src, at)


def _after_a_word(src: str, at: int) -> bool:
    """Whether ``at`` follows a letter or digit: ``grew 5%% and 7%%`` is a figure written
    twice over, which Obsidian users do not mistake for a comment; leaving out the words
    between would lose them without a word said. A letter of a script written without
    spaces is no word's end: Chinese, Japanese and Thai put a comment right after one
    (``計画は順調%%編集メモ%%です``), which was published."""
    before = _letter_before(src, at)
    return before.isalnum() and not unspaced(before)


def _letter_before(src: str, at: int) -> str:
    """The character before ``at`` of ``src`` past the marks over it: ``é`` written as ``e``
    and an accent (as macOS saves a name, or text pasted from it) ends a word as ``é`` does."""
    while at > 0 and unicodedata.category(src[at - 1]).startswith("M"):
        at -= 1
    return src[at - 1] if at > 0 else ""


def _inline(state: StateInline, silent: bool) -> bool:
    """A comment closed within the same paragraph, heading or cell: the line breaks it
    holds are kept as breaks of the source (lines are counted by them), its words left out."""
    start = state.pos
    if not state.src.startswith(MARK, start) or not opens(state.src, start):
        return False
    close = state.src.find(MARK, start + len(MARK), state.posMax)
    if close < 0:
        return False
    if not silent:
        for _ in range(state.src.count("\n", start, close)):
            state.push("softbreak", "br", 0)
    state.pos = close + len(MARK)
    return True
