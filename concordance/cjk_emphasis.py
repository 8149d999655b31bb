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
word stays text, as CommonMark has it (``中_文_字``). ``emphasis`` asks ``flanks_both``.
"""

from __future__ import annotations

from markdown_it.common.utils import isPunctChar

from concordance.textnorm import unspaced


def flanks_both(before: str, after: str) -> bool:
    """Whether a run of ``*`` between ``before`` and ``after`` may open and close emphasis
    whatever CommonMark says: it stands between a letter of Chinese, Japanese or Korean and
    punctuation or a symbol as markdown-it counts them (``说**“``, ``”**政``), as a run between
    two letters does."""
    return (_cjk(before) and isPunctChar(after)) or (isPunctChar(before) and _cjk(after))


def _cjk(char: str) -> bool:
    """A letter (or mark) of Chinese or Japanese, or a Korean syllable."""
    return unspaced(char) or "\uac00" <= char <= "\ud7a3"
