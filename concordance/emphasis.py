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
(``balance_pairs``) and make the pairs of ``*`` and ``_`` tags (``emphasis``): a tenth of
parsing a body, their loops run by Python over fields of the delimiters read again and
again. Here (``link_pairs``, ``post_process``) each delimiter's fields are read once into
lists of this compiled module, the walks are markdown-it's own over those, and only the
fields that change are set on the delimiters (``tests/test_emphasis.py`` compares the tokens
and delimiters with markdown-it's rules').
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter, Scanned
from markdown_it.token import Token

from concordance import cjk_emphasis


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


def link_pairs(state: StateInline) -> None:
    """markdown-it's rule ``balance_pairs``: the delimiters outside links paired, then each
    link's (``pair``)."""
    pair(state.delimiters)
    for meta in state.tokens_meta:
        if meta and "delimiters" in meta:
            pair(meta["delimiters"])


def pair(delimiters: list[Delimiter]) -> None:
    """markdown-it's ``processDelimiters``: each closing delimiter paired with the nearest
    opening one of its marker that it may close, its ``end`` set to the closer's index and
    both made neither (the closer no opener, the opener no closer). The delimiters' fields
    are read once; the walk, its jumps and its lower bounds are markdown-it's."""
    count = len(delimiters)
    if not count:
        return
    markers: list[int] = []
    tokens: list[int] = []
    lengths: list[int] = []
    ends: list[int] = []
    opens: list[bool] = []
    closes: list[bool] = []
    for each in delimiters:
        markers.append(each.marker)
        tokens.append(each.token)
        lengths.append(each.length)
        ends.append(each.end)
        opens.append(each.open)
        closes.append(each.close)
    bottoms: dict[int, list[int]] = {}  # by marker, a bound for each kind of closer
    jumps = [0] * count
    header = 0  # the first delimiter of the closer's run
    last_token = -2
    closer = 0
    while closer < count:
        marker = markers[closer]
        if markers[header] != marker or last_token != tokens[closer] - 1:
            header = closer
        last_token = tokens[closer]
        if not closes[closer]:
            closer += 1
            continue
        bottom = bottoms.get(marker)
        if bottom is None:
            bottom = bottoms[marker] = [-1, -1, -1, -1, -1, -1]
        closer_length = lengths[closer]
        kind = (3 if opens[closer] else 0) + closer_length % 3
        floor, opener = bottom[kind], header - jumps[header] - 1
        lowest = opener
        while opener > floor:
            if markers[opener] == marker and opens[opener] and ends[opener] < 0:
                opener_length = lengths[opener]
                # CommonMark's "rule of 3"
                odd = (
                    (closes[opener] or opens[closer])
                    and (opener_length + closer_length) % 3 == 0
                    and (opener_length % 3 != 0 or closer_length % 3 != 0)
                )
                if not odd:
                    last_jump = jumps[opener - 1] + 1 if opener > 0 and not opens[opener - 1] else 0
                    jumps[closer] = closer - opener + last_jump
                    jumps[opener] = last_jump
                    opens[closer] = False
                    delimiters[closer].open = False
                    ends[opener] = closer
                    delimiters[opener].end = closer
                    closes[opener] = False
                    delimiters[opener].close = False
                    lowest = -1
                    last_token = -2
                    break
            opener -= jumps[opener] + 1
        if lowest != -1:
            bottom[kind] = lowest
        closer += 1


def post_process(state: StateInline) -> None:
    """markdown-it's rule ``emphasis`` of the second chain: each pair of ``*`` or ``_``
    delimiters made the tags of ``em``, and two pairs around the same text ``strong``, outside
    links, then inside each (``tags``)."""
    tokens = state.tokens
    tags(tokens, state.delimiters)
    for meta in state.tokens_meta:
        if meta and "delimiters" in meta:
            tags(tokens, meta["delimiters"])


def tags(tokens: list[Token], delimiters: list[Delimiter]) -> None:
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
        character = chr(marker)
        markup = character + character if strong else character
        tag = "strong" if strong else "em"
        token = tokens[start.token]
        token.type = "strong_open" if strong else "em_open"
        token.tag = tag
        token.nesting = 1
        token.markup = markup
        token.content = ""
        token = tokens[end.token]
        token.type = "strong_close" if strong else "em_close"
        token.tag = tag
        token.nesting = -1
        token.markup = markup
        token.content = ""
        if strong:
            tokens[delimiters[index - 1].token].content = ""
            tokens[delimiters[end_index + 1].token].content = ""
            index -= 1
        index -= 1


_UNDERSCORE = 0x5F
_ASTERISK = 0x2A
"""The character codes of emphasis's markers."""
