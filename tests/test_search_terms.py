"""Words in the middle of text written without spaces (Chinese, Japanese, Thai...) are in the
search index as pairs of letters: what each block of a body gets, on the ``unspaced``
fixture built. The search page's side, and searches, are in ``test_browser``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import build_one_article, copy_content, run_cli
from sitecheck import soup

from concordance import search_terms
from concordance.markdown import render_body
from concordance.search_terms import TERMS_CLOSE, TERMS_OPEN, pairs

ARTICLE = "articles/2024-06-06-scripts/index.html"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发言人说。进展", ["发言", "言人", "人说", "进展"]),
        ("a 表 b", ["表"]),
        ("グロープ計画", ["グロ", "ロー", "ープ", "プ計", "計画"]),
        # Half-width katakana, a letter and its sound mark (ｸﾞ) one letter: as full-width.
        ("ｸﾞﾛｰﾌﾟ計画", ["グロ", "ロー", "ープ", "プ計", "計画"]),
        # A Thai letter keeps its vowel and tone marks: ผู้ is one letter.
        ("ผู้พูด ok", ["ผู้พู", "พูด"]),
        ("English only, 한국어 띄어쓰기, عربي", []),
    ],
)
def test_the_pairs_of_an_unspaced_run(text: str, expected: list[str]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("གསུང་མཁན་བདུན་གྱིས།", "⟦ གསུང མཁན བདུན གྱིས། ⟧"),  # Tibetan's tsheg
        ("ተናጋሪ፡ሰባት፡ጥሩ፡ነው።", "⟦ ተናጋሪ ሰባት ጥሩ ነው። ⟧"),  # Ethiopic's wordspace
        ("قال: الخطـــة ﺟﻴﺪﺓ جيدة", "⟦ الخطة جيدة ⟧"),  # tatweel, presentation forms
        ("قال: الخطة جيدة", ""),
        ("അവന\u0d4d\u200d വന്നു", "⟦ അവൻ ⟧"),  # a chillu as older text writes it
    ],
)
def test_words_the_index_would_not_split_or_find_are_indexed_as_read(
    text: str, expected: str
) -> None:
    """Pagefind splits words at spaces alone: Tibetan's and Ethiopic's own marks between
    words are indexed as spaces too; an Arabic word stretched with tatweel, or in
    presentation forms, also as typed."""
    assert search_terms.terms(text) == expected


def build(tmp_path: Path, search: bool = False) -> Path:
    content = copy_content("unspaced", tmp_path)
    out = tmp_path / "site"
    more = () if search else ("--no-search",)
    result = run_cli("build", "--content", str(content), "--out", str(out), *more)
    assert result.code == 0, result.stderr
    return out


def test_each_unspaced_paragraph_carries_its_pairs_for_the_index_only(tmp_path: Path) -> None:
    body = soup(build(tmp_path) / ARTICLE).select_one("div.body")
    assert isinstance(body, Tag)
    carried = {
        p.get_text()[:3]: str(p.get("data-search-terms", ""))
        for p in body.find_all("p")
        if p.get("data-pagefind-index-attrs") == "data-search-terms"
    }
    assert set(carried) == {"ผู้", "話者8", "发言人"}
    for terms in carried.values():
        assert terms.startswith(TERMS_OPEN) and terms.endswith(TERMS_CLOSE)
    assert "进展 展顺 顺利" in carried["发言人"]
    assert TERMS_OPEN not in body.get_text()


def test_a_variation_selector_does_not_cut_the_pairs_of_its_letter(tmp_path: Path) -> None:
    """葛󠄀飾区 (葛 and a selector, a Japanese name's form) is paired as 葛飾区, as quotes and
    names read it: the selector cut 葛 from 飾, so a search for 葛飾 found no pair of the page.
    The paragraph still shows the selector."""
    front = "title: Selectors\ndate: 2024-01-06\nspeaker: Speaker 9\n"
    body = "話者9は葛\U000e0100飾区の計画を話した。\n"
    one = build_one_article(tmp_path, "2024-01-06-selectors", front, body)
    paragraph = one.body.select_one("p[data-search-terms]")
    assert isinstance(paragraph, Tag)
    terms = str(paragraph["data-search-terms"]).split()
    assert "葛飾" in terms and "飾区" in terms
    assert [term for term in terms if "\U000e0100" in term] == []
    assert "葛\U000e0100飾区" in paragraph.get_text()


def test_a_spaced_site_gets_no_pairs(tmp_path: Path) -> None:
    content = copy_content("real", tmp_path)
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    articles = sorted(out.glob("articles/*/index.html"))
    assert articles
    assert [a for a in articles if soup(a).select("div.body [data-search-terms]")] == []


def test_a_word_with_a_letter_written_two_ways_is_indexed_folded_too() -> None:
    """The Persian kaf and yeh (ک, ی) as the Arabic ones (ك, ي), as the search page folds a
    query: a Persian word is found from an Arabic keyboard."""
    html = render_body("سخنگوی هشت گفت کتاب خوب است.", []).html
    paragraph = BeautifulSoup(html, "lxml").p
    assert paragraph is not None
    found = str(paragraph["data-search-terms"]).split()
    assert found == [TERMS_OPEN, "سخنگوي", "كتاب", TERMS_CLOSE]


def test_a_turkish_word_is_indexed_with_its_dotless_and_dotted_i_as_i() -> None:
    """As concept and speaker names read them: the search page folds a query so too, and
    Pagefind lowers what is left, so ``IŞIK``, ``Işık`` and ``ışık`` all find ``ışık``."""
    html = render_body("Konuşmacı on İKLİM: ışık var.", []).html
    paragraph = BeautifulSoup(html, "lxml").p
    assert paragraph is not None
    found = str(paragraph["data-search-terms"]).split()
    assert found == [TERMS_OPEN, "Konuşmaci", "iKLiM:", "işik", TERMS_CLOSE]


def test_a_rubys_reading_is_not_paired_with_the_text_around_it() -> None:
    """The reading is read above the text: "漢字も" pairs "字も", not "字か" and "じも"."""
    html = render_body("<ruby>漢字<rt>かんじ</rt></ruby>も使う。", []).html
    paragraph = BeautifulSoup(html, "lxml").p
    assert paragraph is not None
    found = str(paragraph["data-search-terms"]).split()
    assert found == [TERMS_OPEN, "漢字", "字も", "も使", "使う", TERMS_CLOSE]


def test_a_word_starting_a_line_is_indexed_apart_from_the_line_before() -> None:
    """A body wrapped over lines: the line break read as nothing, so the word starting a line
    was indexed folded as one with the word ending the line before (``planişik``,
    ``worksكتاب``), and ``isik`` or ``كتاب`` found nothing. Between two letters of Chinese
    a line break is still none, as the page shows it."""
    html = render_body(
        "Speaker 8 said the plan\nışık works  \nکتاب خوب\n格洛普计划\n进展顺利", []
    ).html
    paragraph = BeautifulSoup(html, "lxml").p
    assert paragraph is not None
    found = str(paragraph["data-search-terms"]).split()
    assert "işik" in found and "كتاب" in found
    assert "划进" in found


def test_a_latin_letter_with_a_stroke_is_indexed_without_it() -> None:
    """Pagefind leaves accents off, but ``ł`` or ``ø`` is a letter of its own, not a letter
    and an accent: ``Lodz`` found no ``Łódź`` and ``Orsted`` no ``Ørsted``."""
    assert search_terms.terms("Łódź, Ørsted i Đakovo") == "⟦ lódź, orsted dakovo ⟧"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日本はAI技術を", "⟦ 日本 本は 技術 術を AI ⟧"),
        ("功能R&D部门", "⟦ 功能 部门 R&D ⟧"),
        ("The ﬁnance of ＧＤＰ", "⟦ finance GDP ⟧"),
    ],
)
def test_latin_written_onto_unspaced_text_or_in_its_forms_is_indexed_as_typed(
    text: str, expected: str
) -> None:
    """A word of another script written onto Chinese or Japanese with no space, full-width
    Latin, and Latin ligatures are indexed as a keyboard types them."""
    assert search_terms.terms(text) == expected


def test_a_letter_spelled_out_without_it_is_indexed_so() -> None:
    """``strasse`` found no ``Straße``, ``oeuvre`` no ``œuvre``: Pagefind reads the letters
    as themselves."""
    assert search_terms.terms("Die Straße, the œuvre of Ærø.") == "⟦ Strasse, oeuvre aero. ⟧"


def test_the_classes_of_unspaced_letters_are_compiled_only_for_text_not_ascii() -> None:
    """Each class holding ``_UNSPACED_CLASS`` (29,000 letters) took some 8 ms to compile as
    the package was imported, before any worker started; none finds an ASCII character, so
    a site of ASCII compiles none, and text of the letters is read as before."""
    assert not [
        value
        for value in vars(search_terms).values()
        if isinstance(value, re.Pattern) and search_terms._UNSPACED_CLASS in value.pattern
    ]
    lazy = (
        search_terms._unspaced_text,
        search_terms._indexed_text,
        search_terms._unspaced_or_space,
    )
    for compiled in lazy:
        compiled.cache_clear()
    assert render_body("Glorp zorp, *blorp* (zorp).\n\nSpeaker 7: glorp.\n", []).html
    assert not search_terms.unspaced("a") and not search_terms.unspaced("")
    assert [compiled.cache_info().currsize for compiled in lazy] == [0, 0, 0]
    assert search_terms.unspaced("表") and pairs("a表b") == ["表"]
    assert search_terms.terms("グロープAI計画") == "⟦ グロ ロー ープ 計画 AI ⟧"
    assert [compiled.cache_info().currsize for compiled in lazy] == [1, 1, 1]
