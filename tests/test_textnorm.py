from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from concordance import textnorm
from concordance.textnorm import (
    Folder,
    cluster_start,
    fold,
    fold_name,
    left_open_directions,
    shorten,
)


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("a  b\n\tc", "a b c"),
        ("\u201cquoted\u201d and \u2018single\u2019", "\"quoted\" and 'single'"),
        ("one \u2014 two", "one - two"),
        ("one -- two", "one \u2013 two"),
        ("well-\u200b\u2014known", "well-known"),  # a run of dashes split by an invisible one
        ("caf\u00e9", "cafe\u0301"),
        ("\uff21\uff22\uff23", "ABC"),
        ("soft\u00adhyphen", "softhyphen"),
        ("no\u00a0break", "no break"),
        ("\u200fقال\u200f \u2067Speaker 7\u2069", "قال Speaker 7"),  # writing direction
        ("كَتَبَ الطالبُ", "كتب الطالب"),  # Arabic vowel points (harakat)
        ("كتـــاب هٰذا", "كتاب هذا"),  # the tatweel that stretches a word; a superscript alef
        ("שָׁלוֹם עֲלֵיכֶם", "שלום עליכם"),  # Hebrew vowel points (niqqud)
        ("كتاب فارسي", "کتاب فارسی"),  # Persian yeh and kaf, typed as Arabic's
        ("سال ١٤٠٢", "سال ۱۴۰۲"),  # and Persian digits as Arabic's
    ],
)
def test_fold_makes_equivalent_texts_equal(body: str, quote: str) -> None:
    assert fold(body) == fold(quote)


@pytest.mark.parametrize(
    ("wrapped", "written"),
    [
        ("グロープ計画はうまく\nいった", "グロープ計画はうまくいった"),  # kana
        ("格洛普计划进展\n顺利", "格洛普计划进展顺利"),  # Han
        ("计划，\n进展", "计划，进展"),  # full-width punctuation
        ("计划\n，进展", "计划，进展"),
        ("話者８は\u3000計画", "話者８は計画"),  # an ideographic space
        ("が\nい", "がい"),  # a letter that decomposes to a mark
        ("ｸﾞﾛｰﾌﾟ\nｹｲｶｸ", "ｸﾞﾛｰﾌﾟｹｲｶｸ"),  # half-width katakana, as older systems write them
        ("ｸﾞﾛｰﾌﾟ\nｹｲｶｸ", "グロープケイカク"),
    ],
)
def test_a_break_between_chinese_or_japanese_letters_is_no_space(
    wrapped: str, written: str
) -> None:
    """Chinese and Japanese are written without spaces: a line break wrapping them (in the
    source, or in a quote's YAML, which turns it into a space) is no space."""
    assert fold(wrapped) == fold(written) == fold(wrapped.replace("\n", " "))


@pytest.mark.parametrize(
    ("wrapped", "joined"),
    [
        ("Agent\nと", "Agentと"),
        ("글로프\n계획은", "글로프계획은"),
        ("🎉\n🎉", "🎉🎉"),
        ("力 ´A", "力´A"),  # an accent that folds to an apostrophe is no Chinese comma
        ("ＧＤＰ\n增长", "ＧＤＰ增长"),  # full-width Latin letters are spaced
        ("ﾡﾤ\nﾡﾤ", "ﾡﾤﾡﾤ"),  # and so are Korean's half-width letters
        # A space beside punctuation or a number parts what the reader reads apart.
        ("Scores were 3， 5", "Scores were 3，5"),
        ("中文\n\nPython", "中文Python"),
    ],
)
def test_a_break_beside_other_letters_stays_a_space(wrapped: str, joined: str) -> None:
    """Latin, Korean (which spaces its words) and emoji keep the space a line break is."""
    assert fold(wrapped) != fold(joined)


def test_origins_skip_the_break_that_folds_away() -> None:
    folder = Folder()
    folder.add("計画は", 1)
    folder.space(2)
    folder.add("うまく", 3)
    assert folder.text() == "計画はうまく"
    assert [folder.origin(i)[0] for i in range(6)] == [1, 1, 1, 3, 3, 3]


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


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("ایران", "ايران"),  # the Persian yeh and the Arabic one
        ("التعليم", "التَّعْلِيم"),  # with and without vowel points
        ("Ёлка", "елка"),
        ("ΝΌΜΟΣ", "νόμος"),
        ("STRAẞE", "straße"),
    ],
)
def test_fold_name_reads_a_name_as_a_quote_is_read(one: str, other: str) -> None:
    assert fold_name(one) == fold_name(other)


@pytest.mark.parametrize(("one", "other"), [("Maße", "Masse"), ("Buße", "busse")])
def test_fold_name_keeps_sharp_s_apart_from_ss(one: str, other: str) -> None:
    assert fold_name(one) != fold_name(other)


def test_russian_yo_folds_to_ye() -> None:
    assert fold("Экономика растёт быстро") == fold("Экономика растет быстро")


# Prose with the characters folding treats apart: spaces of every kind, hyphens and dashes,
# curly quotes, a soft hyphen, a combining accent, a full-width letter, control characters.
_UNITS = [*"ab Z.-,'\"", "  ", "\t", "\n", "\u00a0", "\u2014", "\u2013", "\u201c", "\u2019"]
_UNITS += ["\u00ad", "e\u0301", "\uff21", "\u00e9", "\x01", "\u3000", "\u200b", "計", "が"]
_PIECE = st.lists(st.sampled_from(_UNITS), max_size=12).map("".join)


@settings(max_examples=300)
@given(st.lists(_PIECE, max_size=6))
@example([" b"])  # a space that starts the text folds away
@example(["a ", " b"])  # a space after a space does too
@example(["a", "x--b", "-"])
@example(["-", "-x"])  # a run of dashes split by markup folds as one
@example(["\t x", "\u00e9 y", " "])
def test_adding_a_piece_folds_it_as_the_regex_scan_does(pieces: list[str]) -> None:
    """``add`` skips the regex for text that folds to itself: it must give the same folded
    text, the same origin for every folded character and the same trailing space."""
    quick, scanned = Folder(), Folder()
    for source, piece in enumerate(pieces):
        quick.add(piece, source)
        scanned.scan(piece, source)
        assert quick.last_space == scanned.last_space
    assert quick.text() == scanned.text()
    for pos in range(len(quick.text())):
        assert quick.origin(pos) == scanned.origin(pos)


@settings(max_examples=500)
@given(st.text() | st.text(alphabet=st.characters(max_codepoint=0xA0)))
@example("")
@example("glorp zorp")
@example("glorp\tzorp")
@example("\x7f")
@example("\x00 \x1f ~")
@example("caf\u00e9")
@example("no\u00a0break")
def test_printable_is_what_isprintable_tells(text: str) -> None:
    """``printable`` (ASCII told by a table) is ``str.isprintable``, and so is
    ``printable_ascii`` of ASCII text."""
    assert textnorm.printable(text) == text.isprintable()
    if text.isascii():
        assert textnorm.printable_ascii(text) == text.isprintable()


@settings(max_examples=300)
@given(st.lists(_PIECE | st.text(alphabet=st.sampled_from([*" -ab.Z'\"~\x7f"])), max_size=6))
@example(["a ", " b"])  # two spaces across two pieces
@example(["x-", "-y"])  # two hyphens across two pieces
@example(["glorp \x7f"])
def test_pieces_told_to_fold_to_themselves_at_once_fold_as_each_told_alone(
    pieces: list[str],
) -> None:
    """``folds_to_itself`` of pieces joined is the string methods' test, and when it holds,
    each piece folds to itself alone too, and ``add`` of each as ``plain`` gives the same
    folded text, origins and trailing space as ``add`` asking of each."""
    joined = "".join(pieces)
    expected = joined.isascii() and joined.isprintable() and "  " not in joined
    assert textnorm.folds_to_itself(joined) == (expected and "--" not in joined)
    if not textnorm.folds_to_itself(joined):
        return
    plain, asked, fast = Folder(), Folder(), Folder()
    for source, piece in enumerate(pieces):
        assert textnorm._folds_to_itself(piece, 1 if piece[:1] == " " else 0)
        plain.add(piece, source, plain=True)
        asked.add(piece, source)
        fast.add_plain(piece, source)
        assert plain.last_space == asked.last_space
    assert plain.text() == asked.text()
    assert [plain.origin(pos) for pos in range(plain.length)] == [
        asked.origin(pos) for pos in range(asked.length)
    ]
    assert fast == plain


@settings(max_examples=300)
@given(
    before=st.lists(_PIECE, max_size=3),
    marked=st.sampled_from(["", "\u00b9", "1"]),
    pieces=st.lists(st.text(alphabet=st.sampled_from([*" -ab.Z'\",)"]), max_size=6)),
)
@example(before=["plan"], marked="\u00b9", pieces=[", she said"])
@example(before=["x-"], marked="", pieces=["-y"])
@example(before=["\u4e2d"], marked="", pieces=[" a"])
def test_adding_a_plain_piece_at_once_leaves_the_folder_as_add_does(
    before: list[str], marked: str, pieces: list[str]
) -> None:
    """``add_plain`` is ``add`` of a piece told to fold to itself, after any text and a
    note's mark (which a piece of punctuation after it folds back): every field of the
    folder ends the same."""
    if not textnorm.folds_to_itself("".join(pieces)):
        return
    fast, plain = Folder(), Folder()
    for folder in (fast, plain):
        for source, piece in enumerate(before):
            folder.add(piece, source)
        if marked:
            folder.mark(len(before), marked if marked != "1" else "", unit=len(marked))
    for source, piece in enumerate(pieces, len(before) + 1):
        fast.add_plain(piece, source)
        plain.add(piece, source, plain=True)
        assert fast == plain


@settings(max_examples=300)
@given(_PIECE | st.text(alphabet=st.sampled_from([*" -ab.Z'\"~"])))
@example(" ")
@example(" b ")  # a space at each end folds away
@example("a  b")  # two spaces fold to one
@example("x--b")  # two hyphens fold to a dash
def test_fold_of_a_text_folding_to_itself_is_a_folders(text: str) -> None:
    """``fold`` tells text that folds to itself by string methods, without a ``Folder``:
    it must give what a ``Folder`` gives."""
    folder = Folder()
    folder.add(text, 0)
    assert fold(text) == folder.text().strip()


FAMILY = "👩\u200d👩\u200d👧\u200d👦"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("aaaaa" + FAMILY + "zz", 8, "aaaaa…"),  # not a mother and a dangling joiner
        ("abc🇫🇷🇩🇪x", 7, "abc🇫🇷…"),  # not half of the German flag
        ("cccce\u0301dd", 6, "cccc…"),  # not the e without its accent
        ("glorp plan", 20, "glorp plan"),
        ("hello world", 8, "hello w…"),
    ],
)
def test_shorten_cuts_between_characters_as_a_reader_sees_them(
    text: str, limit: int, expected: str
) -> None:
    assert shorten(text, limit) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Speaker 7 said \u202ezorp glorp\u202c of it", "Speaker 7 said \u202ezorp glo\u202c…"),
        (
            "Speaker 7 said \u2067zorp \u202eglorp\u202c\u2069",
            "Speaker 7 said \u2067zorp \u202egl\u202c\u2069…",  # inner first, then the isolate
        ),
        ("Speaker 7 said \u202ezorp\u202c glorp plan", "Speaker 7 said \u202ezorp\u202c gl…"),
    ],
)
def test_shorten_closes_a_direction_the_cut_leaves_open(text: str, expected: str) -> None:
    """The value was closed whole; cut, a right-to-left override left open in a feed
    entry's title or a page's description turned around the ellipsis and what followed."""
    assert shorten(text, 25) == expected


@pytest.mark.parametrize(
    ("text", "left_open"),
    [
        ("a\u202eb", "\u202e"),
        ("a\u202eb\u202c", ""),
        ("a\u2067b\u202ec\u2069", ""),  # a PDI closes what its isolate opened inside it
        ("a\u2067b", "\u2067"),
        ("\u202c\u2069x", ""),  # closers of nothing
        ("a\u202bx\u2067y\u202c", "\u202b\u2067"),  # a PDF inside an isolate closes nothing out
        ("\u2067" + "\u202e" * 1000 + "\u2069" * 1000, ""),
    ],
)
def test_the_writing_directions_a_value_leaves_open(text: str, left_open: str) -> None:
    assert "".join(text[at] for at in left_open_directions(text)) == left_open


PIECES = st.sampled_from(["a", " ", "e\u0301", FAMILY, "🇫🇷", "👍🏽", "\u200d"])


@given(st.lists(PIECES, max_size=20).map("".join), st.integers(0, 60))
def test_a_cluster_start_never_splits_what_it_should_not(text: str, at: int) -> None:
    cut = cluster_start(text, at)
    assert 0 <= cut <= min(at, len(text))
    if 0 < cut < len(text):
        assert text[cut] not in "\u0301\u200d🏽" and text[cut - 1] != "\u200d"


@settings(max_examples=300)
@given(st.lists(_PIECE, max_size=6), st.data())
def test_the_text_a_folded_range_was_folded_from_folds_to_it(
    pieces: list[str], data: st.DataObject
) -> None:
    """What a quote found through a reading shows (``markdown.readings``): the original of
    a range of folded text folds back to the range, and to no more than the characters
    the range cuts into ("か" of the "が" that folds to two)."""
    folder = Folder()
    for source, piece in enumerate(pieces):
        folder.add(piece, source)
    text = folder.text()
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    original = folder.unfolded(start, end, pieces.__getitem__)
    folded = fold(original).strip()
    assert text[start:end].strip() in folded
    assert len(folded) <= len(text[start:end].strip()) + 2


@settings(max_examples=300)
@given(
    st.lists(_PIECE | st.text(alphabet="glorp zorp-.,\u00a0\u064b²ـ", max_size=12), max_size=5),
    st.data(),
)
@example(["glorp zorp", "zorp"], None)
def test_a_range_of_one_copied_run_unfolds_as_run_by_run(
    pieces: list[str], data: st.DataObject | None
) -> None:
    """``unfolded`` of a range within one run copied from its piece (most quotes) takes the
    piece's own characters and the marks after them at once: the text the run by run way
    gives, for every range of the folded text, empty ones and those past a run too."""
    folder = Folder()
    for source, piece in enumerate(pieces):
        folder.add(piece, source)
    ranges = [(s, e) for s in range(folder.length + 1) for e in range(s, folder.length + 1)]
    if data is not None:
        ranges = data.draw(st.lists(st.sampled_from(ranges), max_size=20))
    for start, end in ranges:
        once = folder.unfolded(start, end, pieces.__getitem__)
        assert once == folder._unfolded_runs(start, end, pieces.__getitem__)
    if data is None:  # the example's first piece, a run of its own
        assert folder._copied(0, 5) == (0, 0, 5)


def test_letters_that_fold_to_themselves_are_copied_in_one_run() -> None:
    """A body of Chinese or Thai is copied in runs as ASCII is: folded letter by letter, its
    huge articles took ``check`` and ``suggest`` (which folds each sentence again) most of
    their time."""
    folder = Folder()
    folder.add("格洛普计划进展顺利" * 1000, 0)
    folder.add("ต่อไป" * 100, 1)  # but its tone mark, which marks are ordered by: alone
    assert len(folder.runs) == 1 + 100 + 101
    assert folder.text() == "格洛普计划进展顺利" * 1000 + "ต่อไป" * 100


_LETTER_BY_LETTER = re.compile(textnorm._SPECIAL.pattern.replace(textnorm.COPIED, ""))
"""``_SPECIAL`` before ``COPIED``: every letter past ASCII folded one by one."""


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet="格洛普漢 \n。，、¹²ตกลุ่ำเיהוָדиийё ́ـأاي٠۱ab.-—\u3099が", max_size=12),
        max_size=4,
    )
)
def test_copied_letters_fold_as_they_did_one_by_one(pieces: list[str]) -> None:
    """Copied in runs, the letters of ``COPIED`` fold to what they did one by one, from the
    same places, with the same spaces taken back between Chinese letters; and each is a
    letter of its own, which no mark before it takes and no mark after it is ordered by."""
    copied, one_by_one = Folder(), Folder()
    for source, piece in enumerate(pieces):
        copied.add(piece, source)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(textnorm, "_SPECIAL", _LETTER_BY_LETTER)
        patch.setattr(textnorm, "_special_joined", lambda: _LETTER_BY_LETTER)
        for source, piece in enumerate(pieces):
            one_by_one.add(piece, source)
    assert copied.text() == one_by_one.text()
    every = range(copied.length)
    assert [copied.origin(i) for i in every] == [one_by_one.origin(i) for i in every]
    assert [copied.inside(i) for i in every] == [one_by_one.inside(i) for i in every]
    both = [f.unfolded(0, f.length, pieces.__getitem__) for f in (copied, one_by_one)]
    assert both[0] == both[1]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet="㍻ﬁæß½¹ab -—\u0323\u0302ê\u0308еأ\u0653 \n", max_size=10),
        max_size=4,
    )
)
def test_no_place_is_inside_a_character_unless_one_spread(pieces: list[str]) -> None:
    """``Folder.inside_test`` is None (the search asks nothing of a quote's ends) only when
    ``inside`` holds of no place: no character was folded to more than one."""
    folder = Folder()
    for source, piece in enumerate(pieces):
        folder.add(piece, source)
    inside = [folder.inside(i) for i in range(folder.length + 1)]
    if folder.inside_test() is None:
        assert not any(inside)
    else:
        assert folder.spread


def test_every_copied_letter_folds_to_itself_alone() -> None:
    ranges = re.findall(r"(.)-(.)", textnorm.COPIED)
    letters = [chr(c) for low, high in ranges for c in range(ord(low), ord(high) + 1)]
    assert len(letters) > 27000
    for letter in letters:
        folded = Folder()
        folded.add(letter, 0)
        assert folded.text() == letter, hex(ord(letter))
        assert unicodedata.combining(letter) == 0 and letter not in textnorm._VARIANTS


_SPACES_AND_INVISIBLES = st.text(
    st.sampled_from(list(" \t\n\x0b\x0c\r\x1c\x1f\x85\xa0\u1680\u2028\u3000\u200b\u00ad\ufe0fa-é"))
)


@given(_SPACES_AND_INVISIBLES | st.text())
@example("  a")
@example(" ")
def test_spaces_are_squashed_and_text_told_visible_as_letter_by_letter(text: str) -> None:
    """``squash_space`` and ``visible`` skip the regex and the letters of most text (printable
    without two spaces in a row; ASCII): the same results as the regex and every letter."""
    assert textnorm.squash_space(text) == re.sub(r"\s+", " ", text).strip()
    seen = any(not c.isspace() and c not in textnorm._INVISIBLE for c in text)
    assert textnorm.visible(text) == seen


def test_raised_agrees_with_unicodes_decompositions_of_every_character() -> None:
    """``raised`` tells an ASCII character at once: everywhere it says what Unicode's
    decompositions say."""
    wrong = [
        hex(code)
        for code in range(0x110000)
        if textnorm.raised(chr(code))
        != unicodedata.decomposition(chr(code)).startswith(("<super>", "<sub>"))
    ]
    assert wrong == []


def test_no_character_before_the_first_combining_mark_is_one_a_highlight_takes() -> None:
    """``past_marks`` stops at a character before U+0300 without looking it up: none is a
    mark, nor a tatweel or another of ``_OPTIONAL_MARKS``."""
    early = [
        hex(code)
        for code in range(ord(textnorm._FIRST_MARK))
        if unicodedata.category(chr(code))[0] == "M" or chr(code) in textnorm._OPTIONAL_MARKS
    ]
    assert early == []
    assert min(textnorm._OPTIONAL_MARKS) > textnorm._FIRST_MARK
    assert unicodedata.category(textnorm._FIRST_MARK) == "Mn"


def test_a_statement_of_ascii_words_looks_up_no_character(monkeypatch: pytest.MonkeyPatch) -> None:
    """A passage of ASCII words is shown as written, and its characters told neither marks
    nor superscripts, without Unicode's tables (most statements): looking up the character
    after each passage and each one asked of took some 0.7% of validating an article."""
    looked: list[str] = []

    class Counting:
        def __getattr__(self, name: str) -> object:
            looked.append(name)
            return getattr(unicodedata, name)

    monkeypatch.setattr(textnorm, "unicodedata", Counting())
    written = "Speaker 7: glorp zorp, the plan."
    folder = Folder()
    folder.add(written, 0)
    end = folder.text().index(",")
    assert folder.unfolded(0, end, lambda _: written) == "Speaker 7: glorp zorp"
    assert textnorm.past_marks(written, end) == end
    assert not any(textnorm.raised(char) for char in written)
    assert looked == []


def test_the_classes_for_joiners_and_wide_letters_are_compiled_only_when_met() -> None:
    """``_special_joined`` (all of ``_SPECIAL`` and the letters written with a joiner) and
    ``_spaced_wide`` took some 4.5 ms to compile as the package was imported, in the parent
    before any worker started, though most sites hold neither a joiner nor a wide letter."""
    assert not [
        v for v in vars(textnorm).values() if isinstance(v, re.Pattern) and "\uac00" in v.pattern
    ]
    lazy = (textnorm._special_joined, textnorm._spaced_wide)
    for compiled in lazy:
        compiled.cache_clear()
    assert textnorm.fold("Glorp  zorp -- blorp, “zorp”.") == textnorm.fold(
        "Glorp zorp – blorp, “zorp”."
    )
    assert [compiled.cache_info().currsize for compiled in lazy] == [0, 0]
    assert textnorm.fold("ന\u0d4d\u200d") == textnorm.fold("ൻ")  # a chillu written with a joiner
    assert not textnorm.unspaced("가") and not textnorm.unspaced("Ｇ") and textnorm.unspaced("表")
    assert [compiled.cache_info().currsize for compiled in lazy] == [1, 1]
