"""The order names are listed in, and the initial the A–Z index files them under.

A small stand-in for a collation library: names compare by their letters as a reader of
their script files them, not by code point. Case, width and the forms ``fold_name`` merges
count for nothing; an accented letter is its base letter (``école`` under E, ``Άλφα`` with
``αλφάβητο``); a Korean syllable is filed under its initial consonant; a Thai or Lao word
by its first consonant, not by the vowel written before it. Latin comes first, then the
other scripts in Unicode's order of them, then names that start with a digit or a symbol.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from concordance.textnorm import fold_name, name_form

_ACCENTS = (
    (0x0300, 0x036F),  # the combining diacritics of Latin, Greek and Cyrillic
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
    (0x0653, 0x0655),  # Arabic madda and hamza: أ, إ and آ are filed under ا
    (0x3099, 0x309A),  # the kana voicing marks: が is filed under か
)
"""Marks dropped from a letter for its place in the list (they still break ties)."""
_OWN_LETTERS = frozenset("йЙїЇўЎӣӢӯӮ")
"""Cyrillic letters written with a mark that are letters of their own (й after и), unlike
ё, which Russian files with е."""
_STROKED = {
    "ı": "i",
    "đ": "d",
    "ł": "l",
    "ø": "o",
    "ħ": "h",
    "ŧ": "t",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
}
"""Latin letters whose mark is no combining character: filed under their base letter(s)."""
_PERSIAN = {"پ": "ب", "چ": "ج", "ژ": "ز", "گ": "ك"}
"""The letters Persian adds to the Arabic alphabet, each after the letter it is drawn from
(ک is ك to ``fold_name``), not after every Arabic letter as their code points are."""
_PREPOSED = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
"""Thai and Lao vowels written before the consonant they follow in speech (เ แ โ ใ ไ):
dictionaries file a word by that consonant."""
_SYLLABLES = 0xAC00
_SYLLABLES_PER_INITIAL = 21 * 28
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
"""The initial consonants of Hangul syllables, in their order, as letters written alone."""
_PLAIN = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}
"""Korean indexes file a doubled consonant under the single one."""
_LATIN, _OTHER, _SYMBOL = 0, 1, 2

NameKey = tuple[int, tuple[int, ...], str, str]


@lru_cache(maxsize=8192)
def name_key(name: str) -> NameKey:
    """The key names are sorted by: script (Latin, other, digits and symbols), the letters
    (``_letters``) weighed in their alphabet's order, then the folded name and the name as
    written, so that two names never compare equal unless they are one."""
    letters = _letters(fold_name(name))
    return (_script(letters[:1]), _weights(letters), fold_name(name), name)


def _weights(letters: str) -> tuple[int, ...]:
    """Each letter's ``_weight``, a number's digits weighed as the number: its count of
    digits, then the digits, so ``Speaker 2`` comes before ``Speaker 10``, as a reader
    counts (compared digit by digit, they came after ``Speaker 19``)."""
    out: list[int] = []
    for run in _NUMBER.split(letters):
        if run and run[0].isdecimal():
            digits = [unicodedata.decimal(char) for char in run.lstrip("0") or "0"]
            out += [_NUMBER_WEIGHT, len(digits), *digits]
        else:
            out += map(_weight, run)
    return tuple(out)


_NUMBER = re.compile(r"(\d+)")
_NUMBER_WEIGHT = 2 * ord("0")
"""A number's place among letters: that of the digit ``0``, before every letter, as before."""


def group_key(name: str) -> str:
    """The group of the A–Z index ``name`` is filed in: the initial of its letters, ``#``
    for a digit or a symbol."""
    return _heading(_letters(fold_name(name))[:1])


def initial(name: str) -> str:
    """The group's heading, from ``name`` as it is written: ``ی`` for a Persian name, where
    ``group_key`` files it with Arabic ``ي``."""
    return _heading(_letters(name_form(name, variants=False))[:1])


def _letters(folded: str) -> str:
    """``folded``'s letters reduced to their base letters, Thai and Lao vowels written before
    a consonant put after it."""
    out = list("".join(_base(char) for char in folded))
    i = 0
    while i < len(out) - 1:
        if out[i] in _PREPOSED and out[i + 1] not in _PREPOSED:
            out[i], out[i + 1] = out[i + 1], out[i]
            i += 1
        i += 1
    return "".join(out)


def _base(char: str) -> str:
    if char in _STROKED or char in _OWN_LETTERS:
        return _STROKED.get(char, char)
    if _is_syllable(char):
        return char  # NFKD would spell it out in its parts: a syllable sorts as a whole
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not _is_accent(c))


def _is_accent(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _ACCENTS)


def _is_syllable(char: str) -> bool:
    return _SYLLABLES <= ord(char) < _SYLLABLES + 19 * _SYLLABLES_PER_INITIAL


def _initial_jamo(char: str) -> int | None:
    """The index of the initial consonant of a Hangul syllable, or of a leading consonant
    written alone (``fold_name`` turns ㅋ into the conjoining ᄏ), else None."""
    if _is_syllable(char):
        return (ord(char) - _SYLLABLES) // _SYLLABLES_PER_INITIAL
    if "\u1100" <= char <= "\u1112":
        return ord(char) - 0x1100
    return None


def _weight(char: str) -> int:
    """A letter's place: its code point, doubled to leave room for a letter that goes right
    after another (Persian's own letters, a Korean consonant before its syllables)."""
    if char in _PERSIAN:
        return 2 * ord(_PERSIAN[char]) + 1
    if "\u1100" <= char <= "\u1112":  # just before the first syllable it begins
        return 2 * (_SYLLABLES + (ord(char) - 0x1100) * _SYLLABLES_PER_INITIAL) - 1
    return 2 * ord(char)


def _script(first: str) -> int:
    if not first.isalpha():
        return _SYMBOL
    return _LATIN if unicodedata.name(first, "").startswith("LATIN") else _OTHER


def _heading(first: str) -> str:
    if not first.isalpha():
        return "#"
    jamo = _initial_jamo(first)
    if jamo is not None:
        return _PLAIN.get(_INITIALS[jamo], _INITIALS[jamo])
    # Title case, not upper case: Georgian's letters have capitals (Mtavruli) that it writes
    # only in titles written all in capitals, and a heading of them reads as one.
    capital = first.title()
    return capital if len(capital) == 1 else first
