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

After the scan, markdown-it's rules of the second chain pair the delimiters
(``balance_pairs``) and make the pairs of ``*`` and ``_`` tags (``emphasis``), their loops
run by Python, over delimiters each made by the dataclass's constructor, run by Python too:
a tenth of parsing a body. Here each delimiter is a ``Mark``, a class of this compiled
module, whose fields ``pair`` and ``tags`` read in C; their walks are markdown-it's
(``tests/test_emphasis.py`` compares the tokens and the delimiters with markdown-it's
rules'). A list of delimiters holding one of another kind (markdown-it's ``~~``) is left to
markdown-it's rules, which read a ``Mark``'s fields by name as a ``Delimiter``'s.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any, Final, Literal

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.balance_pairs import processDelimiters
from markdown_it.rules_inline.emphasis import _postProcess as markdown_its_tags
from markdown_it.rules_inline.state_inline import Scanned

from concordance import cjk_emphasis
from concordance.inline_scan import push_texts
from concordance.tokens import Token, ours


def enable(md: MarkdownIt) -> None:
    """Read ``md``'s emphasis with ``tokenize``, in markdown-it's rule's place."""
    md.inline.ruler.at("emphasis", tokenize)
    md.inline.ruler2.at("balance_pairs", link_pairs)
    md.inline.ruler2.at("emphasis", post_process)


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
    delimiters: list[Any] = state.delimiters
    first = push_texts(state, marker, length)  # a token of each marker, pushed at once
    for token in range(first, first + length):
        delimiters.append(Mark(code, length, token, -1, can_open, can_close))
    state.pos = end
    return True


class Mark:
    """markdown-it's ``Delimiter`` (``rules_inline.state_inline``), as a class of this
    compiled module: made in C, its fields read and set in C by ``pair`` and ``tags``, and
    by name, as a ``Delimiter``'s, by the rules of Python that read delimiters
    (markdown-it's ``strikethrough``, ``highlights``)."""

    def __init__(
        self, marker: int, length: int, token: int, end: int, can_open: bool, can_close: bool
    ) -> None:
        self.marker = marker
        """The character code of the marker."""
        self.length = length
        """The length of its run, for emphasis's "rule of 3" (0: none)."""
        self.token = token
        """The index of its text token."""
        self.end = end
        """Once paired as an opener, the index of its closer's delimiter; -1 before."""
        self.open = can_open
        """Whether it may open (once paired as a closer, no longer)."""
        self.close = can_close
        """Whether it may close (once paired as an opener, no longer)."""
        self.level: bool | None = None
        """markdown-it's field, which none of its rules reads."""


def delimiter(state: StateInline, marker: str, length: int, scanned: Scanned) -> Mark:
    """The delimiter of the text token of ``marker`` just pushed, which may open and close
    as ``scanned`` tells; ``length``: its run's, for emphasis's "rule of 3" (0: none)."""
    return Mark(ord(marker), length, len(ours(state.tokens)) - 1, -1, scanned[0], scanned[1])


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


def link_pairs(state: StateInline) -> None:
    """markdown-it's rule ``balance_pairs``: the delimiters outside links paired, then each
    link's, by ``pair`` where each is a ``Mark``, else by markdown-it's."""
    for delimiters in _delimiter_lists(state):
        _pair(state, delimiters)


def _delimiter_lists(state: StateInline) -> Iterator[list[Any]]:
    """The delimiters outside links, then those of each link's text."""
    yield state.delimiters
    for meta in state.tokens_meta:
        if meta and "delimiters" in meta:
            yield meta["delimiters"]


def _pair(state: StateInline, delimiters: list[Any]) -> None:
    if marks(delimiters):
        pair(delimiters)
    else:
        processDelimiters(state, delimiters)


def marks(delimiters: list[Any]) -> bool:
    """Whether each of ``delimiters`` is a ``Mark``."""
    return all(isinstance(each, Mark) for each in delimiters)


def pair(delimiters: list[Mark]) -> None:
    """markdown-it's ``processDelimiters``: each closing delimiter paired with the nearest
    opening one of its marker that it may close, its ``end`` set to the closer's index and
    both made neither (the closer no opener, the opener no closer); its walk, jumps and
    lower bounds are markdown-it's."""
    count = len(delimiters)
    if not count:
        return
    bottoms: dict[int, list[int]] = {}  # by marker, a bound for each kind of closer
    jumps = [0] * count
    header = 0  # the first delimiter of the closer's run
    last_token = -2
    index = 0
    while index < count:
        closer = delimiters[index]
        marker = closer.marker
        if delimiters[header].marker != marker or last_token != closer.token - 1:
            header = index
        last_token = closer.token
        if not closer.close:
            index += 1
            continue
        bottom = bottoms.get(marker)
        if bottom is None:
            bottom = bottoms[marker] = [-1, -1, -1, -1, -1, -1]
        closer_length = closer.length
        kind = (3 if closer.open else 0) + closer_length % 3
        floor, at = bottom[kind], header - jumps[header] - 1
        lowest = at
        while at > floor:
            opener = delimiters[at]
            if opener.marker == marker and opener.open and opener.end < 0:
                opener_length = opener.length
                # CommonMark's "rule of 3"
                odd = (
                    (opener.close or closer.open)
                    and (opener_length + closer_length) % 3 == 0
                    and (opener_length % 3 != 0 or closer_length % 3 != 0)
                )
                if not odd:
                    last_jump = jumps[at - 1] + 1 if at > 0 and not delimiters[at - 1].open else 0
                    jumps[index] = index - at + last_jump
                    jumps[at] = last_jump
                    closer.open = False
                    opener.end = index
                    opener.close = False
                    lowest = -1
                    last_token = -2
                    break
            at -= jumps[at] + 1
        if lowest != -1:
            bottom[kind] = lowest
        index += 1


def post_process(state: StateInline) -> None:
    """markdown-it's rule ``emphasis`` of the second chain: each pair of ``*`` or ``_``
    delimiters made the tags of ``em``, and two pairs around the same text ``strong``,
    outside links, then inside each, by ``tags`` where each is a ``Mark``, else by
    markdown-it's."""
    for delimiters in _delimiter_lists(state):
        _tags(state, delimiters)


def _tags(state: StateInline, delimiters: list[Any]) -> None:
    if marks(delimiters):
        tags(ours(state.tokens), delimiters)
    else:
        markdown_its_tags(state, delimiters)


def tags(tokens: list[Token], delimiters: list[Mark]) -> None:
    """markdown-it's ``_postProcess`` of ``emphasis``: from the last delimiter to the first,
    the tokens of each paired ``*`` or ``_`` opener and its closer made the tags of ``em``,
    or of ``strong`` with the delimiters beside them, whose text is emptied."""
    index = len(delimiters) - 1
    while index >= 0:
        start = delimiters[index]
        marker = start.marker
        end_index = start.end
        if (marker != _UNDERSCORE and marker != _ASTERISK) or end_index == -1:
            index -= 1
            continue
        end = delimiters[end_index]
        strong = False
        if index > 0:
            before = delimiters[index - 1]
            strong = (
                before.end == end_index + 1
                and before.marker == marker
                and before.token == start.token - 1
                and delimiters[end_index + 1].token == end.token + 1
            )
        tag = "strong" if strong else "em"
        markup = chr(marker) * (2 if strong else 1)
        _made_tag(tokens[start.token], tag, 1, markup)
        _made_tag(tokens[end.token], tag, -1, markup)
        if strong:
            tokens[delimiters[index - 1].token].content = ""
            tokens[delimiters[end_index + 1].token].content = ""
            index -= 1
        index -= 1


def _made_tag(token: Token, tag: str, nesting: Literal[1, -1], markup: str) -> None:
    """``token``, a delimiter's text, made the opening (``nesting`` 1) or closing tag."""
    token.type = f"{tag}_open" if nesting > 0 else f"{tag}_close"
    token.tag = tag
    token.nesting = nesting
    token.markup = markup
    token.content = ""


_UNDERSCORE: Final = 0x5F
_ASTERISK: Final = 0x2A
"""The character codes of emphasis's markers."""
