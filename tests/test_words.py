"""Whole-word search (``words.find_words``): the same place however it searches, and a
bounded number of places examined on text written to be slow."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from concordance import words
from concordance.words import find_words, joined

TRICKY = (
    "a",
    "b",
    "é",  # a precomposed letter
    "\u0301",  # a combining accent
    "\u093e",  # a Devanagari vowel sign (a spacing mark)
    "1",
    "2",
    "٣",  # an Arabic-Indic digit, of an unspaced script
    "２",  # a full-width digit
    "²",
    ".",
    ",",
    "\u2044",
    "'",
    " ",
    "\n",
    "ก",  # Thai
    "中",
    "\u1161",  # a Hangul vowel jamo
    "\U0001f1e6",  # regional indicators
    "\U0001f1e7",
    "\U0001f3fd",  # a skin tone
    "-",
    "s",  # after an apostrophe, an English clitic
    "\u200d",  # a joiner, between emoji
    "\U0001f469",  # an emoji
    "\u17d2",  # Khmer's coeng, which stacks the next letter
    "ក",
    "\u066b",  # Arabic's decimal mark
    "\u180e",  # Mongolian's vowel separator, inside a word
    "\u1820",
)


def _reference(doc: str, needle: str) -> int:
    """Every place ``needle`` occurs, in turn, each end asked of ``joined`` on its own."""
    at = doc.find(needle)
    while at >= 0 and (joined(doc, at, start=True) or joined(doc, at + len(needle))):
        at = doc.find(needle, at + 1)
    return at


@st.composite
def _searches(draw: st.DrawFn) -> tuple[str, str]:
    # A few characters at a time, so that each meets the others often.
    chars = draw(st.lists(st.sampled_from(TRICKY), min_size=1, max_size=5, unique=True))
    doc = "".join(draw(st.lists(st.sampled_from(chars), max_size=40)))
    if doc and draw(st.booleans()):
        start = draw(st.integers(0, len(doc) - 1))
        return doc, doc[start : draw(st.integers(start + 1, min(len(doc), start + 4)))]
    return doc, "".join(draw(st.lists(st.sampled_from(chars), min_size=1, max_size=3)))


@settings(max_examples=1500, deadline=None)
@given(_searches())
@example(("ab a", "a"))
@example(("1.1 1", "1"))
@example(("xa'a xa", "xa"))
@example(("a\u0301a a", "a"))
@example(("\U0001f1e6" * 5 + " \U0001f1e6", "\U0001f1e6"))
@example(("1.2 1.", "1."))
@example(("1.2 .2", ".2"))
@example(("1.1.1 1. .", "."))
@example(("1.1.1 2.", "1."))
@example(("a.1", "."))
@example(("1.a", "."))
@example(("1.5- a.5-", ".5-"))
def test_the_guarded_search_finds_the_place_each_place_asked_in_turn_finds(
    search: tuple[str, str],
) -> None:
    doc, needle = search
    expected = _reference(doc, needle)
    assert find_words(doc, needle) == expected
    assert find_words(doc, needle, patience=0) == expected  # the pattern from the start


HOSTILE = {
    "one endless word": ("a" * 20_000, "a"),
    "every word going on": ("xaa " * 5_000, "xa"),
    "every letter accented": ("a\u0301" * 10_000, "a"),
    "every accent doubled": ("a\u0301\u0301" * 7_000, "a"),
    "every number going on": ("1." * 10_000, "1"),
    "every point between digits": ("1." * 10_000 + "1", "."),
    "every decimal part going on": ("1.5-" * 5_000, ".5-"),
    "every word with an apostrophe": ("xa'a " * 5_000, "xa"),
}


@pytest.mark.parametrize("doc, needle", list(HOSTILE.values()), ids=list(HOSTILE))
def test_text_written_to_be_slow_is_passed_over_in_the_pattern_not_place_by_place(
    doc: str, needle: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _counting(monkeypatch, "joined")
    assert find_words(doc, needle) == _reference(doc, needle) == -1
    assert asked[0] < len(doc) // 20  # place by place, 20,000 places were asked


def test_a_run_of_flags_is_counted_once_not_once_for_each_place_in_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc, needle = "\U0001f1e6" * 4_000, "\U0001f1e6"
    looked = _counting(monkeypatch, "regional")
    assert find_words(doc, needle) == -1  # each is half of a flag
    assert looked[0] <= 10 * len(doc)  # counting back from each place: some 8 million
    assert find_words(doc[1:] + " ", needle) == len(doc) - 2  # the last flag is half one


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls = [0]
    real = getattr(words, name)

    def counted(*args: object) -> object:
        calls[0] += 1
        return real(*args)

    monkeypatch.setattr(words, name, counted)
    return calls


@given(
    st.text(st.sampled_from(list(" a1.,'’\u0301\u180e\u200d\U0001f1e6한\u1161\u0e01é"))),
    st.integers(0, 12),
    st.booleans(),
)
@example(" \u0301", 1, False)
@example("1 ,2", 2, False)
@example("11\u180e ", 3, False)  # a space after the vowel separator
@example("11\u200d ", 3, False)  # a space after a joiner
def test_a_space_beside_a_place_parts_it_by_every_rule(doc: str, at: int, start: bool) -> None:
    """``joined`` tells a place beside a space apart at once (most places): every rule of
    ``_joined`` would find it parted too."""
    if 0 < at < len(doc) and " " in (doc[at], doc[at - 1]):
        assert not words._joined(doc, at, start, None)
