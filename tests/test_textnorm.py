from __future__ import annotations

import pytest

from concordance.textnorm import Folder, fold, fold_name


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("a  b\n\tc", "a b c"),
        ("\u201cquoted\u201d and \u2018single\u2019", "\"quoted\" and 'single'"),
        ("one \u2014 two", "one - two"),
        ("one -- two", "one \u2013 two"),
        ("caf\u00e9", "cafe\u0301"),
        ("\uff21\uff22\uff23", "ABC"),
        ("soft\u00adhyphen", "softhyphen"),
        ("no\u00a0break", "no break"),
    ],
)
def test_fold_makes_equivalent_texts_equal(body: str, quote: str) -> None:
    assert fold(body) == fold(quote)


def test_fold_keeps_case_and_words() -> None:
    assert fold("New") != fold("new")
    assert fold("a b") != fold("ab")


def test_origin_maps_folded_positions_back() -> None:
    folder = Folder()
    text = "x  \u201cab\u201d -- y"
    folder.add(text, 7)
    folded = folder.text()
    assert folded == 'x "ab" - y'
    for i, ch in enumerate(folded):
        source, start, end = folder.origin(i)
        assert source == 7
        if ch not in ' "-':
            assert text[start:end] == ch
    # A dash run is one unit: a match ending on it covers the whole run.
    source, start, end = folder.origin(folded.index("-"))
    assert text[start:end] == "--"


def test_fold_name_ignores_case_width_and_spacing() -> None:
    assert fold_name("  New   Productive\tForces ") == fold_name("new productive forces")
    assert fold_name("\uff2e\uff45\uff57") == "new"
