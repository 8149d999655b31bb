"""Where sentences end, in any script: ``suggest`` offers whole sentences, and excerpt mode
shows each quote inside its sentence."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

# Latin-style ends need white space after them; CJK full stops end a sentence directly. Either
# may be followed by closing quotes and brackets, and by a note's mark (¹, [1]).
_CLOSERS = "\"'”’»)\\]」』）"
_SPACED_CLOSERS = _CLOSERS + "“‘«›‹"
"""Closing quotes after a Latin-style end, which white space follows: also German's and
Czech's („so.“ and ‚so.‘) and those of German and Danish that point inward (»so.« and
›so.‹). After a Chinese full stop, “ opens the next sentence (结束。“下一句”)."""
_NOTE = "(?:[\u00b9\u00b2\u00b3\u2070-\u2079]++|\\[\\d{1,3}\\])"
_STOPS = ".!?…؟।॥۔։።།༎᠃᠉\u037e"
_CJK_STOPS = "。！？｡။។"
"""Stops that end a sentence without white space after them. After one and the quotes closed
behind it, Japanese's ``と`` or ``って`` goes on with the sentence that quotes them
(「ゾルプは重要です。」と述べた。)."""
_CLOSED = rf"(?:[{_SPACED_CLOSERS}]|{_NOTE})*+"
_SPACED_END = rf"[{_STOPS}]++{_CLOSED}(?:[ \u00a0\u202f][»›]{_CLOSED}(?=\s|\Z)|(?=\s))"
"""A stop and what closes behind it, white space after them: French's closing guillemet too,
a space after the stop (« Le zorp est bon. »): the sentence ended before it, and the next
began with it. One that a letter follows is German's opening one (»Ja.«), and ends none."""
# Possessive (``++``, ``*+``), and a run of stops read from its first: a run of marks that
# is followed by no space was tried at each of its lengths, from each of its characters,
# and a run of note marks (``.¹¹¹...x``) in every way of splitting it, which took hours.
_END = (
    rf"(?<![{_STOPS}]){_SPACED_END}"
    rf"|(?<=[\u0370-\u03ff\u1f00-\u1fff]{{2}});(?:[{_SPACED_CLOSERS}]|{_NOTE})*+(?=\s)"
    rf"|[{_CJK_STOPS}]++{_NOTE}*+(?:(?:[{_CLOSERS}]|{_NOTE})++(?!と|って)|(?![{_CLOSERS}]))"
    r"|(?<=[\u0e00-\u0eff])\s++(?=[\u0e00-\u0eff])"
)
"""Full stops, question and exclamation marks: Latin, Arabic and Urdu, Devanagari (the
dandas), Armenian, Ethiopic, Tibetan, Mongolian, Chinese and Japanese, Burmese and Khmer;
Greek's question mark (";" after a Greek word; the character of its own, U+037E, is
";" once normalised); and a space between two Thai or Lao letters, which ends a sentence or a
phrase (their words have none between them)."""
_CLOSING_RUN = rf"(?:[{_SPACED_CLOSERS}]|{_NOTE})*"
"""The closing quotes, brackets and note marks that may follow a sentence's end."""
ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "mx", "dr", "prof", "st", "mt", "jr", "sr", "no", "nos", "vs", "etc"}
    | {"al", "fig", "gen", "gov", "sen", "rep", "col", "lt", "capt", "rev", "hon", "pres"}
    | {"inc", "ltd", "co", "corp", "dept", "univ", "approx", "cf", "ca"}
    | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
"""Words whose full stop closes the abbreviation, not (as a rule) the sentence: "Feb. 1"."""
_NUMBERING = frozenset({"no", "nos"})
"""Abbreviations that a number follows (``No. 5``): before a word, the word ``No.`` answers,
and ends a sentence (``No. The plan holds.``), as a speaker's word does in a transcript."""


class _Patterns:
    """The regular expressions of sentence ends, compiled at the first text asked about
    (``_patterns``), not as the package is imported: a build with no article in excerpt
    mode asks none, and compiling them took some 33 million instructions in each process."""

    def __init__(self) -> None:
        self.end = re.compile(_END)
        self.end_here = re.compile(_SPACED_END)
        """A Latin-style end from where a search starts, inside a run of stops (``end``
        reads a run only from its first character)."""
        self.closing_run = re.compile(_CLOSING_RUN)
        self.last_word = re.compile(r"([^\W\d_]+)\.*$")
        self.next = re.compile(r"\s*(\S)")
        """The first character after white space: what follows a full stop."""
        self.spaced_ellipsis = re.compile(r"\.(?:[ \u00a0]\.){2,}")
        """An ellipsis spaced as legal and Chicago style write it (``and then . . . stops``),
        or a full stop and one (``ended. . . .``)."""


@cache
def _patterns() -> _Patterns:
    return _Patterns()


def closing_run() -> re.Pattern[str]:
    """The closing quotes, brackets and note marks that may follow a sentence's end."""
    return _patterns().closing_run


def sentence_ends(text: str, start: int = 0, stop: int | None = None) -> Iterator[int]:
    """The offsets where sentences of ``text[start:stop]`` end (after their closing marks).

    A Latin full stop ends a sentence only when white space and no lower-case letter follow
    and it does not close a common abbreviation or an initial ("Dr. Okafor", "J. Smith");
    a wrong cut merely shortens a sentence, a missed one merely lengthens it.
    """
    limit = len(text) if stop is None else stop
    patterns = _patterns()
    # One character past ``stop`` in view: an end's lookahead may need it (a Thai space
    # right before a quote ends the sentence before the quote's first letter).
    first = patterns.end_here.match(text, start, limit + 1) if 0 < start < len(text) else None
    if first is None or text[start - 1] not in _STOPS:
        first = None
    matches = patterns.end.finditer(text, first.end() if first else start, limit + 1)
    for m in itertools.chain([first] if first else [], matches):
        if m.end() > limit:
            break
        mark = m.group()[0]
        if mark == ".":
            if _ends_sentence(text, m.start(), m.end()):
                yield m.end()
        elif mark not in _RUN_ON_STOPS or not _small_letter_after(text, m.end()):
            yield m.end()


def split_sentences(text: str) -> list[tuple[int, str]]:
    """``(offset, sentence)`` pairs of a paragraph's text, white space around them left out."""
    out = []
    start = 0
    for end in [*sentence_ends(text), len(text)]:
        piece = text[start:end]
        if piece.strip():
            out.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
        start = end
    return out


def _inside_spaced_ellipsis(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` is one of a spaced ellipsis's but its last."""
    around = _patterns().spaced_ellipsis.finditer(text, max(0, stop - 6), stop + 7)
    return any(found.start() <= stop < found.end() - 1 for found in around)


def _marks_as_letters(text: str) -> str:
    """``text`` with each combining mark read as a letter of the word it is written in
    (``x``): a word of one letter and its vowel sign, as Gujarati's ``છે`` ("is"), ends
    sentences, and is no initial (``J.``). Left out, they made Arabic's ``جدًا`` (its
    tanween), vocalised Hebrew, Hindi's ``मकान`` and decomposed Vietnamese the one letter
    after their last mark, an initial."""
    return "".join("x" if unicodedata.category(char)[0] == "M" else char for char in text)


_RUN_ON_STOPS = "…?!"
"""Ends that, as a full stop, end no sentence a small letter goes on after: ``"Is zorp good?"
asked Speaker 7``, ``the index ends here… and the plan too``."""


def _small_letter_after(text: str, end: int) -> bool:
    """Whether the first character after white space from ``end`` is a small letter."""
    after = _patterns().next.match(text, end)
    return after is not None and _small(after.group(1))


def _small(char: str) -> bool:
    """A small letter, which goes on with a sentence: not Georgian's, which Unicode calls
    small (its capitals, Mtavruli, write titles all in capitals), and begin its sentences."""
    return char.islower() and not "\u10d0" <= char <= "\u10ff"


def _ends_sentence(text: str, stop: int, end: int) -> bool:
    if _small_letter_after(text, end):
        return False
    after = _patterns().next.match(text, end)  # not text[end:], a copy of the rest for each stop
    if after and after.group(1) == "." and _inside_spaced_ellipsis(text, stop):
        return False  # its last stop may end the sentence, as ``...`` does
    word = _patterns().last_word.search(_marks_as_letters(text[max(0, stop - 20) : stop + 1]))
    if word is None:
        return True
    last = word.group(1)
    if not last.isalpha():
        return True  # an exponent or a note's mark (10⁶., 2019¹.), no initial
    if last.casefold() in _NUMBERING:
        return not (after and after.group(1).isdigit())
    return not (len(last) == 1 or last.casefold() in ABBREVIATIONS)
