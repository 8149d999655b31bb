"""Emphasis with ``*`` beside the punctuation of Chinese, Japanese and Korean text, read as
its writers mean it: ``他说**“格洛普”**政策``, ``**「政策」**が``, ``**“정책”**이``.

CommonMark opens emphasis only where its marks are not followed by punctuation unless a
space or punctuation stands before them, and closes it likewise the other way round: rules
made for text that puts spaces between words. Chinese and Japanese put none, and Korean
writes its particles onto the word, so a bold run that starts or ends with a quotation
mark or a full stop (``**重要。**然后``) was shown with its asterisks as typed, and a quote
of the words the writer bolded was not found. Here, as in the CJK-friendly amendment to
CommonMark (markdown-it-cjk-friendly), a letter of those scripts beside the marks counts as
punctuation does: the run flanks the text on its other side. Only ``*``: ``_`` inside a
word stays text, as CommonMark has it (``中_文_字``).
"""

from __future__ import annotations

import unicodedata

from markdown_it import MarkdownIt
from markdown_it.rules_inline.state_inline import Delimiter, Scanned, StateInline

from concordance.textnorm import unspaced

_MARKER = "*"


def enable(md: MarkdownIt) -> None:
    """Read ``*`` and ``**`` in the text ``md`` parses inline as ``_scan`` tells them;
    ``_`` as markdown-it does."""
    md.inline.ruler.at("emphasis", _tokenize)


def _tokenize(state: StateInline, silent: bool) -> bool:
    """markdown-it's emphasis rule (each marker a text token and a delimiter), its ``*``
    scanned by ``_scan``."""
    start = state.pos
    marker = state.src[start]
    if silent or marker not in ("_", _MARKER):
        return False
    scanned = _scan(state, start) if marker == _MARKER else state.scanDelims(start, False)
    for _ in range(scanned.length):
        state.push("text", "", 0).content = marker
        state.delimiters.append(delimiter(state, marker, scanned.length, scanned))
    state.pos += scanned.length
    return True


def delimiter(state: StateInline, marker: str, length: int, scanned: Scanned) -> Delimiter:
    """The delimiter of the text token of ``marker`` just pushed, which may open and close
    as ``scanned`` tells; ``length``: its run's, for emphasis's "rule of 3" (0: none)."""
    return Delimiter(
        marker=ord(marker),
        length=length,
        token=len(state.tokens) - 1,
        end=-1,
        open=scanned.can_open,
        close=scanned.can_close,
    )


def _scan(state: StateInline, start: int) -> Scanned:
    """markdown-it's scan of a run of ``*`` at ``start``, but for a run between a letter of
    Chinese, Japanese or Korean and punctuation (``说**“``, ``”**政``), which flanks both
    ways, as a run between two letters does."""
    scanned = state.scanDelims(start, True)
    if scanned.can_open and scanned.can_close:
        return scanned
    before = state.src[start - 1] if start > 0 else " "
    end = start + scanned.length
    after = state.src[end] if end < state.posMax else " "
    if (_cjk(before) and _punctuation(after)) or (_punctuation(before) and _cjk(after)):
        return Scanned(True, True, scanned.length)
    return scanned


def _cjk(char: str) -> bool:
    """A letter (or mark) of Chinese or Japanese, or a Korean syllable."""
    return unspaced(char) or "\uac00" <= char <= "\ud7a3"


def _punctuation(char: str) -> bool:
    """Punctuation or a symbol, as CommonMark counts them."""
    return unicodedata.category(char)[0] in ("P", "S")
