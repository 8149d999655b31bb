"""markdown-it's inline rule ``emphasis``, with what each run of ``*`` or ``_`` may open or
close read once for each pair of characters around it.

Runs of ``*`` beside the punctuation of Chinese, Japanese and Korean text flank both ways
(``cjk_emphasis``), as in the CJK-friendly amendment to CommonMark.

markdown-it's rule (``rules_inline.emphasis.tokenize``) asks ``StateInline.scanDelims``,
which classes the characters before and after each run (white space, punctuation of ASCII
or Unicode) in six calls: a twelfth of parsing a body's inline text, for the same few pairs
of characters (a space and a letter) over and over. Here the answer for a pair is kept
(``_flanks``); the runs, tokens and delimiters are markdown-it's own
(``tests/test_emphasis.py`` compares them).
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter, Scanned

from concordance import cjk_emphasis


def enable(md: MarkdownIt) -> None:
    """Read ``md``'s emphasis with ``tokenize``, in markdown-it's rule's place."""
    md.inline.ruler.at("emphasis", tokenize)


def tokenize(state: StateInline, silent: bool) -> bool:
    """Each marker of a run of ``*`` or ``_`` a text token of its own and a delimiter, as
    markdown-it's rule makes them."""
    src, start = state.src, state.pos
    marker = src[start]
    if silent or marker not in ("*", "_"):
        return False
    end, limit = start + 1, state.posMax
    while end < limit and src[end] == marker:
        end += 1
    before = src[start - 1] if start > 0 else " "  # a line's edges count as white space
    after = src[end] if end < limit else " "
    can_open, can_close = _flanks(before, after, marker == "*")
    code, length = ord(marker), end - start
    for _ in range(length):
        state.push("text", "", 0).content = marker
        token = len(state.tokens) - 1
        state.delimiters.append(Delimiter(code, length, token, -1, can_open, can_close))
    state.pos = end
    return True


def delimiter(state: StateInline, marker: str, length: int, scanned: Scanned) -> Delimiter:
    """The delimiter of the text token of ``marker`` just pushed, which may open and close
    as ``scanned`` tells; ``length``: its run's, for emphasis's "rule of 3" (0: none)."""
    return Delimiter(ord(marker), length, len(state.tokens) - 1, -1, *scanned[:2])


@lru_cache(maxsize=4096)
def _flanks(before: str, after: str, inside_words: bool) -> tuple[bool, bool]:
    """Whether a run between ``before`` and ``after`` can open and can close emphasis
    (CommonMark's left- and right-flanking runs, as ``StateInline.scanDelims`` reads them);
    ``inside_words``: the run may split a word (``*``, not ``_``), and flanks both ways
    beside the punctuation of Chinese, Japanese and Korean (``cjk_emphasis``)."""
    if inside_words and cjk_emphasis.flanks_both(before, after):
        return True, True
    punct_before = isMdAsciiPunct(ord(before)) or isPunctChar(before)
    punct_after = isMdAsciiPunct(ord(after)) or isPunctChar(after)
    space_before, space_after = isWhiteSpace(ord(before)), isWhiteSpace(ord(after))
    left = not (space_after or (punct_after and not (space_before or punct_before)))
    right = not (space_before or (punct_before and not (space_after or punct_after)))
    can_open = left and (inside_words or not right or punct_before)
    can_close = right and (inside_words or not left or punct_after)
    return can_open, can_close
