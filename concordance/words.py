"""Where a quote occurs in a body's folded text as whole words, in time in proportion to the text.

``find_words`` lets ``str.find`` (C speed) propose each place the quote occurs and asks
``joined`` of both of its ends. Text written to be slow proposes nearly every character: a
body of one 500 KB word and the quote "a" took 1.8 s for each way of reading each quote
not found, and 50,000 flags and one regional indicator took 350 s, each place counting the
flags before it again. So the flags counted are remembered (``_Flags``), and after
``PATIENCE`` places refused, the search goes on with a pattern (``_guarded``) whose
lookarounds pass over, also at C speed, each place that one or two characters beside it
settle is inside a word; ``joined`` still decides at every place the pattern stops.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Container
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from concordance import casing
from concordance.textnorm import raised, regional

LONG_BODY: Final = 1 << 16
"""Folded text from which on ``Vocabulary`` keeps the words between spaces: reading them
costs about one ``str.find`` through it, which a shorter body spends on a few quotes."""


class Vocabulary:
    """Tells a needle that a body's folded text cannot hold: one with a word between two
    of its spaces that the text never has between spaces. Each quote not found was looked
    for through the whole body once for each of its readings: 20,000 quotes missing from a
    7 MB body took 49 s. Made for each body; it reads the text's words at its first use.

    It also finds a needle that has such a word (``find``): from the places of the word,
    rather than through the text from its start, once the searches have read the text
    ``REREAD`` times (``Places``). Each quote found near the end of a long body was looked
    for from its start: 20,000 of them at the end of a 7 MB body took 40 s."""

    def __init__(self, doc: str) -> None:
        self.doc = doc
        self.words: frozenset[str] | None = None
        self.read = 0
        """Characters the searches of ``find`` have read so far, until ``places`` is made."""
        self.places: Places | None = None

    def lacks(self, needle: str) -> bool:
        """Whether ``doc`` surely holds no ``needle``: its words but the first and the last
        (which may be parts of longer ones) stand between spaces wherever it occurs."""
        if len(self.doc) < LONG_BODY:
            return False
        inner = needle.split()[1:-1]
        if not inner:
            return False
        if self.words is None:
            self.words = frozenset(self.doc.split())
        return any(word not in self.words for word in inner)

    def find(
        self,
        needle: str,
        start: int = 0,
        inside: Callable[[int], bool] | None = None,
        apart: Container[int] = frozenset(),
    ) -> int:
        """``find_words(doc, needle, start, inside=inside, apart=apart)``, the same place."""
        doc = self.doc
        if self.places is None:
            if len(doc) < LONG_BODY or self.read < REREAD * len(doc):
                at = find_words(doc, needle, start, inside=inside, apart=apart)
                self.read += (at + len(needle) if at >= 0 else len(doc)) - start
                return at
            self.places = Places(doc)
        return self.places.find(needle, start, inside, apart)


REREAD: Final = 16
"""Times the searches of a long body read it through before ``Vocabulary`` makes its
``Places``: making them costs some ten ``str.find`` through it, which a body of a few
quotes never spends."""

_WORD = re.compile(r"\S+")


class Places:
    """Where each word between spaces (``str.split``'s) starts in a folded text."""

    def __init__(self, doc: str) -> None:
        self.doc = doc
        self.starts: dict[str, list[int]] = {}
        for found in _WORD.finditer(doc):
            self.starts.setdefault(found.group(), []).append(found.start())

    def find(
        self,
        needle: str,
        start: int,
        inside: Callable[[int], bool] | None,
        apart: Container[int],
    ) -> int:
        """``find_words``' place of ``needle`` from ``start``. Wherever ``needle`` occurs,
        each of its words but the first and the last stands between spaces, where the
        text's word of its place is: each place of the rarest of them proposes one. A
        needle without such a word, or whose rarest the text holds at every few hundred
        characters, is looked for by ``find_words``."""
        doc = self.doc
        inner = list(_WORD.finditer(needle))[1:-1]
        if not inner:
            return find_words(doc, needle, start, inside=inside, apart=apart)
        rarest = min(inner, key=lambda word: len(self.starts.get(word.group(), ())))
        places = self.starts.get(rarest.group(), [])
        if len(places) * _CANDIDATE_COST > len(doc):
            return find_words(doc, needle, start, inside=inside, apart=apart)
        offset = rarest.start()
        flags = _Flags()
        end = len(needle)
        for index in range(bisect.bisect_left(places, start + offset), len(places)):
            at = places[index] - offset
            if doc.startswith(needle, at) and _whole(doc, at, at + end, flags, inside, apart):
                return at
        return -1


_CANDIDATE_COST: Final = 256
"""Characters ``str.find`` reads in about the time ``Places.find`` asks one place."""


PATIENCE = 64
"""Places refused before the search turns to ``_guarded``: its pattern is compiled for each
quote, which ordinary text never needs."""


def find_words(
    doc: str,
    needle: str,
    start: int = 0,
    patience: int = PATIENCE,
    inside: Callable[[int], bool] | None = None,
    apart: Container[int] = frozenset(),
) -> int:
    """The first place ``needle`` occurs in ``doc`` as whole words: a quote that starts or
    ends inside a word ("lorp plan" of "glorp plan", "we can" of "we can't") or a number
    ("$3" of "$3.2 billion") would put words in a speaker's mouth that are not there, and
    highlight half a word. Nor inside one character of the text ``doc`` was folded from,
    which ``inside`` tells (平 of ㍻, which folds to 平成). A place in ``apart`` parts two
    words the page shows apart though nothing is between them (an image shown as its text,
    ``klee![](x.png)``: klee and image); None, no place is inside one. After ``patience``
    places refused, ``_guarded`` goes on."""
    flags = _Flags()
    at = doc.find(needle, start)
    for _ in range(patience):
        if at < 0 or _whole(doc, at, at + len(needle), flags, inside, apart):
            return at
        at = doc.find(needle, at + 1)
    if at < 0:
        return at
    pattern = _guarded(needle)
    found = pattern.search(doc, at)
    while found and not _whole(doc, found.start(), found.end(), flags, inside, apart):
        found = pattern.search(doc, found.start() + 1)
    return found.start() if found else -1


def _whole(
    doc: str,
    start: int,
    end: int,
    flags: _Flags,
    inside: Callable[[int], bool] | None,
    apart: Container[int],
) -> bool:
    if start not in apart and joined(doc, start, True, flags):
        return False
    if end not in apart and joined(doc, end, False, flags):
        return False
    return inside is None or not (inside(start) or inside(end))


_NUMBER_MARKS: Final = frozenset(".,\u2044\u066b\u066c")
"""Between two digits, part of the number: 3.2, 1,000, the fraction slash of ½ (which
folds to 1⁄2: "rose 1" is not in "rose ½") and Arabic's decimal and thousands separators
(٣٫٥, ١٬٢٥٠)."""
_APOSTROPHES: Final = frozenset("'")
_JOINER: Final = "\u200d"
"""The zero-width joiner, kept in folded text between emoji (``textnorm``): 👩‍💻 is one."""
"""Folded apostrophes; between letters, inside the word: can't, Speaker 7's, Ankara'da."""


def joined(doc: str, at: int, start: bool = False, flags: _Flags | None = None) -> bool:
    """Whether ``doc[at - 1]`` and ``doc[at]`` are within one word or number: two letters, or
    two digits, of a script written with spaces between words (accents and vowel signs,
    combining marks once folded, go with their letter), a character and the combining mark
    after it, a number's point or comma between digits, or, at a quote's end, an apostrophe
    before letters (at its start, only after a word that ``_ELIDED`` names: French
    l'économie)."""
    if at <= 0 or at >= len(doc):
        return False
    if doc[at] == " " or doc[at - 1] == " ":
        return False  # most places: a space parts any two characters (``_joined``'s rules)
    return _joined(doc, at, start, flags)


def _joined(doc: str, at: int, start: bool, flags: _Flags | None) -> bool:
    """``joined``, by its rules."""
    after = doc[at]
    if _tail(after):
        return not doc[at - 1].isspace()  # a mark belongs to the letter before it
    if regional(after) and regional(doc[at - 1]):
        return (flags or _Flags()).before(doc, at) % 2 == 1  # inside a flag, not between two
    before = _base(doc, at - 1)
    if before in _NUMBER_MARKS and at >= 2 and after.isdecimal():
        return _base(doc, at - 2).isdecimal()
    if after in _NUMBER_MARKS and before.isdecimal():
        return at + 1 < len(doc) and doc[at + 1].isdecimal()
    # An apostrophe joins words of scripts written with spaces (can't), not Chinese ones.
    if after in _APOSTROPHES and not start and _word_char(before) and not unspaced(before):
        return at + 1 < len(doc) and _spaced_letter(doc[at + 1])
    if before in _APOSTROPHES and start and _word_char(after) and not unspaced(after):
        return _continues_word(doc, at)
    if before == _MVS:
        return not after.isspace()  # the vowel after it, not a space
    if before == _JOINER and at >= 2:
        return not (doc[at - 2].isspace() or after.isspace())  # the next emoji (👨‍👩‍👧)
    if _stacks(doc[at - 1]) and after.isalpha():
        return True  # a letter stacked under the one before: Khmer ប្រ, Burmese မ္ဘ
    if before.isdecimal() and after.isdecimal():
        return True  # digits of a number, of any script: ٢٠٢٣, ๑๒๕๐
    # Letters and digits of a word or number: 5G, 40kg, H2O.
    return _word_char(before) and _word_char(after) and not (unspaced(before) or unspaced(after))


def _stacks(char: str) -> bool:
    """A virama that stacks the next letter under the one before it, as scripts written
    without spaces between words do (Khmer's coeng, Burmese's invisible virama): a quote
    starting there would start inside a letter. (Burmese's visible virama, the asat, ends a
    syllable instead.)"""
    return unicodedata.combining(char) == _VIRAMA and char != _ASAT


_VIRAMA: Final = 9
"""The canonical combining class of viramas."""
_ASAT: Final = "\u103a"


def _word_char(char: str) -> bool:
    """A letter or digit, or a character of an exponent (10⁶, 10⁻³: ``textnorm.Folder``
    keeps superscripts after a number)."""
    return char.isalnum() or raised(char)


_FRENCH_ELIDED = (
    *("l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"),
    "c\u0327",  # ç'a: ç as folded, its cedilla apart
)
_ITALIAN_ELIDED = (
    *("v", "ch", "gl", "un", "dell", "all", "dall", "nell", "sull", "coll", "pell", "quest"),
    *("quell", "bell", "sant", "grand", "cent", "nessun", "alcun", "ciascun", "qual", "dev"),
    *("com", "dov", "cos", "quand", "tutt", "senz", "mezz", "anch"),
)
_ELIDED = frozenset((*_FRENCH_ELIDED, *_ITALIAN_ELIDED))  # Catalan's: among the French
"""Words French, Italian and Catalan cut before an apostrophe (l'économie, dell'anno, qu'il,
d'aigua): a quote may start after it. After any other word the apostrophe is inside the
word (Moore's, don't, aujourd'hui, O'Brien, Ukrainian м'ясо, Turkish Ankara'da), and a
quote that starts after it would start inside a word: "Brien said" is not in "O'Brien
said"."""

_LONGEST_ELIDED = max(map(len, _ELIDED))


def _continues_word(doc: str, at: int) -> bool:
    """Whether ``doc[at:]``, after an apostrophe at ``at - 1``, goes on with the word before
    the apostrophe rather than starting one of its own: it does unless that word is one
    ``_ELIDED`` names, whole (not the end of rock'n or I'd), and a vowel or h follows, as
    elision wants (c'mon, m'n are English and Dutch words)."""
    start = at - 1
    while start > 0 and _in_word(doc[start - 1]) and at - 1 - start <= _LONGEST_ELIDED:
        start -= 1
    if start == at - 1:
        return False  # no word before: an opening quotation mark
    whole = start == 0 or not (_in_word(doc[start - 1]) or doc[start - 1] in _APOSTROPHES)
    elided = whole and casing.lower(doc[start : at - 1]) in _ELIDED
    return not (elided and casing.lower(doc[at]) in _ELIDED_BEFORE)


def _in_word(char: str) -> bool:
    return _word_char(char) or _mark(char)  # Zoë's, Kılıç'ın: an accent folds to a mark


_ELIDED_BEFORE = frozenset("aeiouyhàáâäæèéêëìíîïòóôöœùúûü")
"""What a word French or Italian elides is followed by: a vowel, or h (l'homme)."""


def _mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def _tail(char: str) -> bool:
    """A character that belongs to the one before it: a combining mark, or one of these."""
    return _mark(char) or _syllable_tail(char) or _emoji_tail(char) or char == _MVS


_MVS: Final = "\u180e"
"""The Mongolian vowel separator: it chooses the form of the vowel after it, in the same
word (ᠬᠠᠷ᠎ᠠ is one word)."""


def _syllable_tail(char: str) -> bool:
    """A Hangul vowel or final consonant letter (jamo). Folding spells each syllable in its
    jamo (한 as ᄒ, ᅡ, ᆫ), and a quote ending in 하 must not end inside 한, where 하 is not
    written: these letters belong to the syllable before them, as combining marks do."""
    return "\u1160" <= char <= "\u11ff" or "\ud7b0" <= char <= "\ud7ff"


def _emoji_tail(char: str) -> bool:
    """A skin-tone modifier, a tag character or a joiner: part of the emoji before it (👍🏽,
    the flag of a region, 👩‍💻), which a quote must not end inside."""
    return (
        "\U0001f3fb" <= char <= "\U0001f3ff"
        or "\U000e0020" <= char <= "\U000e007f"
        or char == _JOINER
    )


class _Flags:
    """The run of regional indicators last counted, ``doc[start:end]``, with none before
    ``start``. Places are asked about in order, so each run is walked once, not once for
    every place in it. Its ``__init__`` is written out, which mypyc compiles: a
    dataclass's runs as Python (some 1,300 instructions at each quote looked for)."""

    def __init__(self, start: int = 0, end: int = 0) -> None:
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"_Flags(start={self.start!r}, end={self.end!r})"

    def before(self, doc: str, at: int) -> int:
        """How many regional indicators stand right before ``at``."""
        if not self.start < at <= self.end:
            if self.start < self.end <= at and _all_regional(doc, self.end, at):
                self.end = at
            else:
                self.start, self.end = _run_start(doc, at), at
        return at - self.start


def _all_regional(doc: str, start: int, end: int) -> bool:
    return all(regional(char) for char in doc[start:end])


def _run_start(doc: str, at: int) -> int:
    while at > 0 and regional(doc[at - 1]):
        at -= 1
    return at


def _base(doc: str, at: int) -> str:
    """The character at ``at``, or the letter its combining marks belong to."""
    while at > 0 and _mark(doc[at]):
        at -= 1
    return doc[at]


_UNSPACED = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana...: particles written onto the word
    (0x0E00, 0x0EFF),  # Thai, Lao (not Tibetan, whose tsheg ends each syllable: ``_UNSPACED``)
    (0x1000, 0x109F),  # Myanmar
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x1780, 0x17FF),  # Khmer
    (0x2E80, 0xA4CF),  # CJK radicals and symbols, kana, Bopomofo, Hangul compatibility, Han, Yi
    (0xAC00, 0xD7FF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # half- and full-width forms
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFF),  # Arabic presentation forms B
    (0x20000, 0x3FFFF),  # Han, supplementary planes
)
"""Scripts whose words are not separated by spaces, or take particles written onto them that
a quote may leave out (Korean 정부는, Arabic والحكومة, Hebrew והממשלה): a quote may start and
end at any letter of them. Tibetan is not among them: it writes no spaces either, but a tsheg
(་) ends each of its syllables, and a quote starting after the prefix letter of a syllable
(ཞི of གཞི) would quote another word; one may start and end at any tsheg."""


def unspaced(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _UNSPACED)


def _spaced_letter(char: str) -> bool:
    return char.isalpha() and not unspaced(char)


def _spaced_digit(char: str) -> bool:
    return char.isdecimal() and not unspaced(char)


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Classes:
    """Regular-expression classes (``[...]``) of characters ``joined`` treats alike."""

    letter: str
    """Letters of scripts written with spaces between words."""
    digit: str
    """Digits of those scripts."""
    mark: str
    """Combining marks."""
    tail: str
    """Characters that belong to the one before them (``_tail``)."""


_SCANNED = (range(0x20000), range(0xE0000, 0xE1000))
"""Where the classes' characters are looked for: planes 0 and 1, and the tags and variation
selectors of plane 14 (planes 2 and 3 hold Han, which is unspaced, 15 and 16 private use). A
character left out is only not passed over."""


@lru_cache(maxsize=1)
def _classes() -> _Classes:
    """Made once, in a process that meets text written to be slow (a tenth of a second)."""
    return _Classes(
        letter=char_class(_spaced_letter),
        digit=char_class(_spaced_digit),
        mark=char_class(_mark),
        tail=char_class(_tail),
    )


def char_class(test: Callable[[str], bool]) -> str:
    """A regular-expression class (``[...]``) of the characters that pass ``test``, of those
    ``_SCANNED``."""
    ranges: list[list[int]] = []
    for code in (code for scanned in _SCANNED for code in scanned):
        if test(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "[" + "".join(rf"\U{low:08x}-\U{high:08x}" for low, high in ranges) + "]"


@lru_cache(maxsize=64)
def _guarded(needle: str) -> re.Pattern[str]:
    """``needle`` where no character before or after it certainly joins it to a word
    (each lookaround is a case of ``joined`` that the characters it names decide)."""
    return re.compile("".join((*_before(needle), re.escape(needle), *_after(needle))))


def _before(needle: str) -> list[str]:
    c = _classes()
    first = needle[0]
    if _tail(first):
        return [r"(?<!\S)"]
    if _spaced_letter(first):
        return [f"(?<!{c.letter})", f"(?<!{c.letter}{c.mark})", f"(?<!{c.letter}{c.mark}{c.mark})"]
    if _spaced_digit(first):
        return [f"(?<!{c.digit})", f"(?<!{c.digit}{c.mark})", f"(?<!{c.digit}[.,\u2044])"]
    if first in _NUMBER_MARKS:
        return [r"(?!(?<=\d)[.,\u2044]\d)"]  # a point between digits
    return []


def _after(needle: str) -> list[str]:
    c = _classes()
    last = needle[-1]
    guards = [] if last.isspace() else [f"(?!{c.tail})"]
    base = needle.rstrip("".join(char for char in needle if _mark(char)))
    if not base:
        return guards
    end = base[-1]
    if end in _NUMBER_MARKS and len(base) == len(needle):
        guards.append(r"(?!(?<=\d[.,\u2044])\d)")  # a point between digits
    if end.isdecimal():
        guards.append("(?![.,\u2044]\\d)")
    if (end.isalpha() or end.isdecimal()) and not unspaced(end):
        guards.append(f"(?!'{c.letter})")
    if _spaced_letter(end):
        guards.append(f"(?!{c.letter})")
    elif _spaced_digit(end):
        guards.append(f"(?!{c.digit})")
    return guards
