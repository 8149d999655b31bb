"""Quote anchoring: found through markup, highlighted as well-formed HTML, stable ids."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import partial
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.common import normalize_url
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_core import StateCore, normalize
from rapidfuzz import fuzz

from concordance import autolinks, footnotes, markdown, markers, table_cells
from concordance import closest as closest_module
from concordance.chips import chips_html, fill_chips, placeholder
from concordance.closest import (
    ACROSS,
    BRACKETED,
    CLOSEST_NEEDLE,
    ELIDED,
    HYPHENATED,
    IN_CODE,
    OTHER_CASE,
    WITH_MARK,
)
from concordance.load import parse_document
from concordance.markdown import (
    BLOCK_NESTING,
    PLAIN_LINK,
    QuoteRequest,
    is_link,
    normalize_link,
    parser,
    render_body,
    render_markdown,
)
from concordance.textnorm import fold
from concordance.tokens import Token
from concordance.validate import validate_article
from concordance.views import Link
from tests.conftest import REPO, build_one_article, highlights, run_cli
from tests.test_inline_scan import parsed_in_stock_states


def marks_text(html: str, quote_id: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    return "".join(m.get_text() for m in soup.select(f'mark[data-quote="{quote_id}"]'))


def test_overlapping_quotes_of_one_paragraph_are_each_highlighted_in_full() -> None:
    """Quotes of sliding windows of words: each one's marks hold exactly its words."""
    words = [f"zelt{i}" for i in range(60)]
    quotes = [QuoteRequest(f"q{i}", " ".join(words[i : i + 3 + i % 4])) for i in range(50)]
    result = render_body(" ".join(words) + ".\n", quotes)
    assert len(result.found) == 50
    for quote in quotes:
        assert marks_text(result.html, quote.id) == quote.text


@pytest.mark.parametrize(
    ("body", "quote", "shown"),
    [
        ("He said “don’t” — twice.\n", '"don\'t" - twice', "“don’t” — twice"),
        ("قال التَّعْلِيمُ مهم.\n", "قال التعليم", "قال التَّعْلِيمُ"),  # vowel points put back
        ("Экономика растёт.\n", "Экономика растет", "Экономика растёт"),
        ("The glorp forces¹ grew.\n", "The glorp forces grew", "The glorp forces¹ grew"),
        ("An area of 50 m² was sold.\n", "An area of 50 m was sold", "An area of 50 m² was sold"),
        ("Acme™ soap sells.\n", "Acme soap sells", "Acme™ soap sells"),
        ("Windows 10™ is out.\n", "Windows 10 is out", "Windows 10™ is out"),  # ™ no exponent
        ("من نمی\u200cخواهم بروم\n", "من نمیخواهم بروم", "من نمی\u200cخواهم بروم"),  # a non-joiner
        ("Это ёлка.\n", "Это елка", "Это ёлка"),
        ("A *b* c[^1] d.\n\n[^1]: n\n", "A b c d", "A b c d"),
        ("Zelt\u00adplan\u200b holds.\n", "Zeltplan holds", "Zeltplan holds"),  # invisible
        # A subscript as the page shows it, as an exponent is, however the quote types it.
        ("CO<sub>2</sub> rose by 10<sup>6</sup> t.\n", "CO₂ rose by 10⁶ t", "CO₂ rose by 10⁶ t"),
        ("CO<sub>2</sub> rose.\n", "CO2 rose", "CO₂ rose"),
        ("H<sub>2</sub>SO<sub>4</sub> and x<sub>i</sub> too.\n", "H2SO4 and xi", "H₂SO₄ and xi"),
        ("Ions SO<sub>4</sub><sup>2-</sup> left.\n", "Ions SO₄²⁻ left", "Ions SO₄²⁻ left"),
        # A note's mark written as a tag, as the page shows it (as m², forces¹ are above),
        # but one linked to its note, which the highlight leaves out too.
        ("An area of 50 m<sup>2</sup> was sold.\n", "An area of 50 m² was", "An area of 50 m² was"),
        ("The E=mc<sup>2</sup> law holds.\n", "The E=mc law holds", "The E=mc² law holds"),
        ("The glorp forces<sup>1</sup>\ngrew.\n", "glorp forces grew", "glorp forces¹ grew"),
        ("The glorp<sup>2</sup>plan holds.\n", "The glorp plan", "The glorp²plan"),
        ('In 2019<sup><a href="#n">1</a></sup> it grew.\n', "In 2019 it grew", "In 2019 it grew"),
        # The space after a mark is shown after it, wherever the body writes it: after an
        # emphasis or a link the mark is in, at a paragraph's end; between Chinese letters
        # the mark is shown though no space is.
        ("The *plan<sup>1</sup>* works.\n", "The plan works", "The plan¹ works"),
        ("The [plan<sup>1</sup>](https://example.org) works.\n", "plan works", "plan¹ works"),
        ("The *plan¹* works.\n", "The plan works", "The plan¹ works"),
        ("The glorp<sup>1</sup>\n\nplan works.\n", "glorp plan works", "glorp¹ plan works"),
        ("中文<sup>1</sup>文本。\n", "中文文本", "中文¹文本"),
        # Marks in a row are each a mark, as ¹² is; one linked to its note still left out.
        ("The plan<sup>1</sup><sup>2</sup> works.\n", "The plan works", "The plan¹² works"),
        ('The plan<sup><a href="#n">2</a></sup><sup>1</sup> works.\n', "plan works", "plan¹ works"),
        ('The plan<sup>1</sup><sup><a href="#n">2</a></sup> works.\n', "plan works", "plan¹ works"),
        ("The plan<sup> 2 </sup>works.\n", "The plan works", "The plan ² works"),  # apart
        # Spaces that keep words together, as French typography writes them; a line break
        # or a run of spaces is one space.
        (
            "Il dit\u202f: «\u00a0Oui\u00a0» à 1\u2009000 €.\n",
            "dit : « Oui » à 1 000 €",
            "dit\u202f: «\u00a0Oui\u00a0» à 1\u2009000 €",
        ),
        (
            "A  line\nbreak\u00a0 and\u00a0\u00a0two.\n",
            "A line break and two",
            "A line break and\u00a0\u00a0two",
        ),
    ],
)
def test_a_statement_is_shown_as_the_body_writes_it(body: str, quote: str, shown: str) -> None:
    """Its cards, feeds and data show the source's characters, not the editor's typing."""
    result = render_body(body, [QuoteRequest("q", quote)])
    assert result.shown["q"] == shown


def test_a_built_card_keeps_the_spaces_that_keep_words_together(tmp_path: Path) -> None:
    """A concept page's card and the data export show the no-break and thin spaces of a
    French body (before « ! », in 1 000 €), where a line must not break; the quote typed
    with plain spaces is found."""
    body = "Le porte-parole a dit\u202f: «\u00a0Le plan coûte 1\u2009000\u00a0€\u202f!\u00a0»\n"
    front = (
        "title: Plan\ndate: 2024-01-05\nspeaker: Speaker 7\nlanguage: fr\nquotes:\n"
        "  - text: 'Le plan coûte 1 000 € !'\n    concepts: [tesik plan]\n"
    )
    build_one_article(tmp_path, "2024-01-05-plan", front, body)
    written = ["Le plan coûte 1\u2009000\u00a0€\u202f!"]
    assert _cards_and_export(tmp_path) == (written, written)


def test_a_quote_typed_with_straight_quotes_finds_single_guillemets(tmp_path: Path) -> None:
    """Single guillemets (‹ ›), the quotes within quotes of French, Swiss and German text,
    are typed ' as « » are typed ": the quote is found, highlighted, and shown with the
    body's marks. It was not found."""
    body = "Speaker 7 sagte: »Die ›Zorp‹ bleibt«, und « la ‹\u202fglorp\u202f› » aussi.\n"
    front = (
        "title: Zorp\ndate: 2024-01-05\nquotes:\n"
        "  - text: \"Die 'Zorp' bleibt\"\n    concepts: [tesik plan]\n    id: q-de\n"
        "  - text: \"la ' glorp '\"\n    concepts: [tesik plan]\n    id: q-fr\n"
    )
    one = build_one_article(tmp_path, "2024-01-05-zorp", front, body)
    written = ["Die ›Zorp‹ bleibt", "la ‹\u202fglorp\u202f›"]
    assert highlights(one.body) == written
    assert _cards_and_export(tmp_path) == (written, written)


def test_a_quote_typed_without_frances_spaces_is_found_and_shown_with_them(
    tmp_path: Path,
) -> None:
    """French sets ``;:!?`` and the words inside guillemets apart (no-break and thin
    spaces); a quote typed without those spaces, as English keyboards type it, is found,
    and one typed with them in a body that has none: each is highlighted and shown as the
    body writes it. Neither was found."""
    body = (
        "Il a dit\u00a0: «\u00a0glorp\u00a0» et «\u202fzorp\u202f». Puis\u202f? Fini\u202f!\n\n"
        'Speaker 7 said: "blim" at 10:30; really?\n'
    )
    front = (
        "title: Zorp\ndate: 2024-01-05\nquotes:\n"
        '  - text: \'Il a dit: "glorp" et "zorp".\'\n    concepts: [tesik plan]\n    id: q-fr\n'
        "  - text: 'Puis? Fini!'\n    concepts: [tesik plan]\n    id: q-marks\n"
        "  - text: 'said : « blim » at 10:30 ; really ?'\n"
        "    concepts: [tesik plan]\n    id: q-en\n"
    )
    one = build_one_article(tmp_path, "2024-01-05-zorp", front, body)
    written = [
        "Il a dit\u00a0: «\u00a0glorp\u00a0» et «\u202fzorp\u202f».",
        "Puis\u202f? Fini\u202f!",
        'said: "blim" at 10:30; really?',
    ]
    assert highlights(one.body) == written
    assert _cards_and_export(tmp_path) == (sorted(written), sorted(written))


def _cards_and_export(site: Path) -> tuple[list[str], list[str]]:
    """The text of each card on the tesik plan concept page of the site built in ``site``
    (``build_one_article``), and of each quote of its data export, sorted."""
    page = BeautifulSoup((site / "site/concepts/tesik-plan/index.html").read_bytes(), "lxml")
    export = json.loads((site / "site/data/concordance.json").read_text(encoding="utf-8"))
    cards = sorted(card.get_text(strip=True) for card in page.select("blockquote"))
    return cards, sorted(quote["text"] for quote in export["quotes"])


def test_a_built_card_shows_a_superscript_written_as_a_tag(tmp_path: Path) -> None:
    """``50 m<sup>2</sup>`` is shown as ``50 m²`` on the concept page's card, in the data
    export and in an excerpt, not as ``50 m``, which says another thing."""
    body = "The hall of 50 m<sup>2</sup> was sold, said Speaker 7. The E=mc<sup>2</sup> law.\n"
    front = (
        "title: Hall\ndate: 2024-01-05\nspeaker: Speaker 7\npublish: excerpts\nquotes:\n"
        "  - text: 'The hall of 50 m² was sold'\n    concepts: [tesik plan]\n"
        "  - text: 'The E=mc² law'\n    concepts: [tesik plan]\n"
    )
    build_one_article(tmp_path, "2024-01-05-hall", front, body)
    written = ["The E=mc² law", "The hall of 50 m² was sold"]  # sorted
    assert _cards_and_export(tmp_path) == (written, written)
    article = (tmp_path / "site/articles/2024-01-05-hall/index.html").read_bytes()
    excerpts = BeautifulSoup(article, "lxml").select("figure.excerpt p")
    assert [p.get_text() for p in excerpts] == [
        "The hall of 50 m² was sold, said Speaker 7.",
        "The E=mc² law.",
    ]


def test_a_quote_ending_with_a_mark_it_typed_keeps_it(tmp_path: Path) -> None:
    """A quote that ends with the sign or note's mark the body has there (``The Zorp™``,
    ``forces¹``) is highlighted and shown with it, as one that goes on past it is; one
    typed without it is found, and shown without it, as before."""
    body = "The Zorp™ team grew. The glorp forces¹ grew. The Plonk™ team left.\n"
    front = (
        "title: Marks\ndate: 2024-01-05\nspeaker: Speaker 7\nquotes:\n"
        "  - text: 'The Zorp™'\n    concepts: [tesik plan]\n"
        "  - text: 'The glorp forces¹'\n    concepts: [tesik plan]\n"
        "  - text: 'The Plonk'\n    concepts: [tesik plan]\n"
    )
    one = build_one_article(tmp_path, "2024-01-05-marks", front, body)
    assert highlights(one.body) == ["The Zorp™", "The glorp forces¹", "The Plonk"]
    written = ["The Plonk", "The Zorp™", "The glorp forces¹"]  # sorted
    assert _cards_and_export(tmp_path) == (written, written)


def test_a_quote_starting_or_ending_with_a_sign_set_apart_keeps_it(tmp_path: Path) -> None:
    """A quote that starts or ends with a sign the body sets apart by a space (``Glorp ™
    Zorp``, as a press release may: ``™ Zorp``, ``Plonk ™``) is highlighted and shown with
    it, Chinese too (``™ 格洛普``); folding read the sign into the space before it, which
    the quote's found words left out, so its highlight and statement lost it. One that
    runs across it may leave it out, and is shown with the body's."""
    body = "The Glorp ™ Zorp team grew. Then Plonk ™ Zelt left. 泽尔特 ™ 格洛普好。 Tesik ™ Vorn.\n"
    front = (
        "title: Signs\ndate: 2024-01-05\nspeaker: Speaker 7\nquotes:\n"
        "  - text: '™ Zorp team'\n    concepts: [tesik plan]\n"
        "  - text: 'Then Plonk ™'\n    concepts: [tesik plan]\n"
        "  - text: '™ 格洛普'\n    concepts: [tesik plan]\n"
        "  - text: 'Tesik Vorn'\n    concepts: [tesik plan]\n"
    )
    one = build_one_article(tmp_path, "2024-01-05-signs", front, body)
    assert highlights(one.body) == ["™ Zorp team", "Then Plonk ™", "™ 格洛普", "Tesik ™ Vorn"]
    written = ["Tesik ™ Vorn", "Then Plonk ™", "™ Zorp team", "™ 格洛普"]  # sorted
    assert _cards_and_export(tmp_path) == (written, written)


def test_a_built_card_shows_the_space_after_a_mark_in_emphasis_or_at_a_paragraphs_end(
    tmp_path: Path,
) -> None:
    """A mark written as a tag at the end of an emphasis or of a paragraph is shown with the
    space after it on the concept page's card and in the data export, as the page shows
    it: ``plan¹ works``, not ``plan¹works``."""
    body = "The *glorp<sup>1</sup>* plan works.\n\nAnd zelt<sup>2</sup>\n\ntea grew.\n"
    front = (
        "title: Marks\ndate: 2024-01-05\nspeaker: Speaker 7\nquotes:\n"
        "  - text: The glorp plan works\n    concepts: [tesik plan]\n"
        "  - text: And zelt tea grew\n    concepts: [tesik plan]\n"
    )
    build_one_article(tmp_path, "2024-01-05-marks", front, body)
    written = ["And zelt² tea grew", "The glorp¹ plan works"]  # sorted
    assert _cards_and_export(tmp_path) == (written, written)


@pytest.mark.parametrize(
    ("body", "quote", "found"),
    [
        ("هو سأل عن الخطة\n", "هو سال عن", False),  # a hamza is part of its letter: asked
        ("هو سأل عن الخطة\n", "هو سأل عن", True),
        ("Экономика расте\u0308т.\n", "Экономика растёт", True),  # ё written decomposed
        ("Экономика расте\u0308т.\n", "Экономика растет", True),
    ],
)
def test_letters_that_differ_are_told_apart_and_forms_that_do_not_are_not(
    body: str, quote: str, found: bool
) -> None:
    assert ("q" in render_body(body, [QuoteRequest("q", quote)]).found) is found


def test_the_summary_reads_the_first_paragraph_as_a_reader_does() -> None:
    """Its description and feed summary: 10⁶, not 106; CO₂, not CO2; a mark as the page shows
    it (50 m², not 50 m) but for a note's number linked to its note; no ruby reading, no
    space where a line of Chinese wraps."""
    body = (
        "It weighs 10<sup>6</sup> tonnes of CO<sub>2</sub>. The plan<sup>1</sup> works "
        'in 50 m<sup>2</sup> since 2019<sup><a href="#n">2</a></sup>. '
        "<ruby>漢字<rt>かんじ</rt></ruby>も好き。中文\n文本。\n"
    )
    summary = render_body(body, []).summary
    assert summary == (
        "It weighs 10⁶ tonnes of CO₂. The plan¹ works in 50 m² since 2019. 漢字も好き。中文文本。"
    )


def test_a_quote_of_nothing_a_reader_sees_gets_no_hint_and_no_error() -> None:
    """Validation refuses it first; the renderer asked directly does not fail either."""
    assert render_body("⁶", [QuoteRequest("a", "⁶")]).closest["a"].passage == ""


def test_quotes_looked_for_in_order_are_found_out_of_order_too() -> None:
    """``in_order`` looks for each from where the one before was found, then from the start."""
    body = "Zelt one holds. Zelt two holds. Zelt one holds.\n"
    quotes = [QuoteRequest("b", "Zelt two holds"), QuoteRequest("a", "Zelt one holds")]
    assert render_body(body, quotes, in_order=True).found.keys() == {"a", "b"}


def test_quote_across_emphasis_link_and_code_is_highlighted_in_full() -> None:
    body = "He said *new productive* forces are `green` and [see this\nlink](https://x.org) now.\n"
    quote = "new productive forces are green and see this link now"
    result = render_body(body, [QuoteRequest("q-1", quote)])
    assert result.found == {"q-1": 0}
    assert " ".join(marks_text(result.html, "q-1").split()) == quote
    soup = BeautifulSoup(result.html, "lxml")
    assert len(soup.select("#q-1")) == 1
    assert soup.select_one("a mark") is not None  # inside the link, not around it


@pytest.mark.parametrize(
    ("body", "marked"),
    [
        ("the ==zelt plan== holds", ["zelt plan"]),
        ("[a ==linked== word](https://x.org) and *==stressed==*", ["linked", "stressed"]),
        ("===odd=== and +=====+ stay", []),  # only a run of two is a marker
        ("a == b and c == d", []),  # spaces on both sides: no highlight
        ("an ==unclosed run", []),
        ("code `x==y==z` and \\==escaped==", []),
    ],
)
def test_highlights_are_marked_apart_from_quotes(body: str, marked: list[str]) -> None:
    html = render_body(body + "\n", []).html
    soup = BeautifulSoup(html, "lxml")
    assert [m.get_text() for m in soup.select("mark.highlight")] == marked
    assert not soup.select("mark:not(.highlight)")
    assert soup.get_text().count("=") == body.count("=") - 4 * len(marked)


def test_a_quote_runs_through_a_highlight_copied_from_the_page_or_the_source() -> None:
    body = "Speaker 7 said ==the zelt plan== holds firm.\n"
    for quote in ("the zelt plan holds firm", "Speaker 7 said ==the zelt plan== holds"):
        result = render_body(body, [QuoteRequest("q-1", quote)])
        assert result.found == {"q-1": 0}, quote
        assert marks_text(result.html, "q-1") == quote.replace("==", "")
        soup = BeautifulSoup(result.html, "lxml")
        assert soup.select_one("mark.highlight").get_text() == "the zelt plan"


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("the zelt plan holds ^a1b2c3", "the zelt plan holds"),
        ("- an item ^item-1\n- raised to x ^2", "an item\nraised to x ^2"),  # a power
        ("| a |\n|---|\n| cell ^cell9 |", "a\ncell"),
        ("> quoted\n\n^quote-id", "quoted"),  # an id on a line of its own
        ("an escaped \\^abc123", "an escaped ^abc123"),
        ("in `code ^abc`", "in\ncode ^abc"),
        ("mid ^abc123 text", "mid ^abc123 text"),
    ],
)
def test_obsidian_block_ids_are_left_out(body: str, shown: str) -> None:
    soup = BeautifulSoup(render_body(body + "\n", []).html, "lxml")
    assert [" ".join(t.split()) for t in soup.get_text("\n").split("\n") if t.strip()] == (
        shown.split("\n")
    )


@pytest.mark.parametrize(
    ("body", "html"),
    [
        ("a `zelt`^abc123", '<p dir="ltr">a <code>zelt</code>^abc123</p>'),  # no space: text
        ("a <b>zelt</b>^abc123", '<p dir="ltr">a <strong>zelt</strong>^abc123</p>'),
        ("the zelt plan\\\n^abc123", '<p dir="ltr">the zelt plan</p>'),
        ("the zelt plan  \n^abc123", '<p dir="ltr">the zelt plan</p>'),
        ("## ^abc123\n\nthe zelt plan", '<p dir="ltr">the zelt plan</p>'),  # no empty h2
    ],
)
def test_a_block_id_follows_a_space_and_takes_its_line_break_along(body: str, html: str) -> None:
    """An id is one after a space (or on a line of its own), as Obsidian reads it; the line
    break before an id on its own line went with it: a ``<br>`` ended the paragraph."""
    assert render_body(body + "\n", []).html.strip() == html


def test_a_quote_of_a_blocks_last_words_ends_before_its_block_id() -> None:
    quote = QuoteRequest("q-1", "the zelt plan holds")
    result = render_body("Speaker 7 said the zelt plan holds ^a1b2c3\n", [quote])
    assert result.found == {"q-1": 0}
    assert marks_text(result.html, "q-1") == "the zelt plan holds"
    assert "^" not in result.html


def test_overlapping_quotes_nest_cleanly() -> None:
    body = "alpha beta gamma delta\n"
    result = render_body(
        body, [QuoteRequest("q-a", "alpha beta gamma"), QuoteRequest("q-b", "beta gamma delta")]
    )
    assert marks_text(result.html, "q-a") == "alpha beta gamma"
    assert marks_text(result.html, "q-b") == "beta gamma delta"


@pytest.mark.parametrize(
    "texts",
    [
        ("the zelt plan holds", "the zelt plan holds"),
        ("the zelt plan holds", "the zelt plan holds,"),  # the body's comma, copied
        ("the zelt plan holds.", "the zelt plan holds"),
        ("“the zelt plan holds.”", "'the zelt plan holds'"),
    ],
)
def test_quotes_of_words_the_body_holds_twice_mark_each_place_in_turn(
    tmp_path: Path, texts: tuple[str, str]
) -> None:
    """Two speakers say the same words: the second quote of them is the second place, so its
    permalink and highlight are its speaker's words, not the first speaker's, whether or not
    either quote was copied with the punctuation or quotation marks around the words. Copied
    with a full stop and without, both marked the first speaker's words."""
    quotes = "".join(
        f"  - text: {json.dumps(text)}\n    concepts: [zelt]\n    speaker: Speaker {n}\n"
        f"    id: {name}\n"
        for n, name, text in ((1, "first", texts[0]), (2, "second", texts[1]))
    )
    front = f"title: Twice\ndate: 2024-01-01\nquotes:\n{quotes}"
    body = "Speaker 1 said the zelt plan holds.\n\nSpeaker 2 replied: the zelt plan holds, again.\n"
    one = build_one_article(tmp_path, "2024-01-01-twice", front, body)
    places = [mark.parent.get_text() for mark in one.body.select("mark.quote")]
    assert places == [
        "Speaker 1 said the zelt plan holds.",
        "Speaker 2 replied: the zelt plan holds, again.",
    ]
    assert [mark["id"] for mark in one.body.select("mark.quote")] == ["first", "second"]


def test_missing_quote_gets_closest_passage_and_line() -> None:
    body = "First paragraph.\n\nThe lorvan index rose by a modest margin.\n"
    result = render_body(body, [QuoteRequest("q-1", "The lorvan index rose by a small margin")])
    assert result.found == {}
    passage, line = result.closest["q-1"].passage, result.closest["q-1"].line
    assert passage.startswith("The lorvan index rose by a modest margin")
    assert line == 2


@pytest.mark.parametrize(
    ("filler", "written", "quote", "passage"),
    [
        ("佐普布林，", "格洛普政策非常重要", "格洛普政策十分重要", "格洛普政策非常重要"),
        ("ซอร์ปบลิม", "นโยบายกลอร์ปสำคัญมากและ", "นโยบายกลอร์ปสำคัญมากๆ", "นโยบายกลอร์ปสำคัญมาก"),
    ],
    ids=["chinese", "thai"],
)
def test_the_hint_in_a_long_paragraph_without_spaces_is_the_passage(
    tmp_path: Path, filler: str, written: str, quote: str, passage: str
) -> None:
    """In a paragraph of Chinese or Thai, written without spaces, the hint is the passage
    most like the quote, not the paragraph's first 160 characters: widened to spaces, the
    passage was the whole paragraph, cut before the words that were like the quote."""
    body = filler * 200 + written + filler * 200 + "\n"
    front = f"title: Long\ndate: 2024-01-05\nquotes:\n  - text: {quote}\n    concepts: [zelt]\n"
    article = tmp_path / "content" / "articles" / "2024-01-05-long.md"
    article.parent.mkdir(parents=True)
    article.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    (tmp_path / "content" / "site.yaml").write_text("title: Long\n")
    checked = run_cli("check", "--content", str(tmp_path / "content"))
    assert checked.code == 1
    hints = re.findall(r"hint: closest passage \(line (\d+)\): \"(.*)\"", checked.stderr)
    [(line, shown)] = hints
    assert line == "8"  # the body's line in the file
    assert passage in shown and len(shown) <= len(passage) + 4  # the alignment is fuzzy


@pytest.mark.parametrize(
    ("body", "passage", "line"),
    [
        ("Hi “zelt”.\n\n```\ncode\n```\n\nBye — then.\n", "Hi “zelt”. … Bye — then.", 0),
        ("```\ncode\n```\n\n\n## Hi ’zelt\n", "Hi ’zelt", 5),
    ],
)
def test_a_quote_longer_than_its_body_gets_the_body_as_written(
    body: str, passage: str, line: int
) -> None:
    """The whole body is the closest passage, as the body writes it, a code block an
    ellipsis: its folded text was shown, with the character that stands for a code block
    (U+FFFF, no character a reader can see) and ``"`` for ``“``, at the body's first line."""
    quote = "a quote much longer than the whole body of this short article is"
    closest = render_body(body, [QuoteRequest("q", quote)]).closest["q"]
    assert (closest.passage, closest.line) == (passage, line)


@pytest.mark.parametrize(
    ("quote", "passage"),
    [
        (
            "Zelt frob plonk zorp glorp snarf wibble glorp zelt. Item 12 notted.",
            "Zelt frob plonk zorp glorp snarf wibble glorp zelt. Item 12 noted.",
        ),
        ("Zelt frob plonk zorp glorp snarf!", "Zelt frob plonk zorp glorp snarf"),
    ],
    ids=["start", "end"],
)
def test_the_hint_starts_and_ends_with_the_passages_words(quote: str, passage: str) -> None:
    """A transcript's speaker label before the passage, and the next word after it: the fuzzy
    alignment scored a match with the space before or after it the same, and widened from
    that space the hint began inside the label (``0: Zelt``) or took the word after
    (``wibble``)."""
    body = "SPEAKER 0: Zelt frob plonk zorp glorp snarf wibble glorp zelt. Item 12 noted.\n"
    closest = render_body(body, [QuoteRequest("q", quote)]).closest["q"]
    assert (closest.passage, closest.line, closest.why) == (passage, 0, "")


def test_a_long_missing_quote_is_compared_by_its_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fuzzy search's time grows with the square of the quote's length: only the first
    ``CLOSEST_NEEDLE`` characters are compared, which still find the passage it starts at."""
    compared: list[int] = []
    search = fuzz.partial_ratio_alignment

    def recorded(needle: str, doc: str) -> object:
        compared.append(len(needle))
        assert len(needle) <= CLOSEST_NEEDLE, "the whole quote would be compared: minutes"
        return search(needle, doc)

    monkeypatch.setattr(fuzz, "partial_ratio_alignment", recorded)
    opening = "The lorvan index rose by a modest margin after the zelt harvest came in early"
    body = "Zorp.\n\n" * 50 + f"{opening} and more.\n\n" + "Filler words here.\n\n" * 2000
    quote = opening + " and then" + " a great deal more" * 2000
    result = render_body(body, [QuoteRequest("q-1", quote)])
    assert compared == [CLOSEST_NEEDLE]
    passage, line = result.closest["q-1"].passage, result.closest["q-1"].line
    assert passage.startswith(opening) and line == 100


def test_missing_quotes_of_one_body_are_searched_within_a_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past ``CLOSEST_BUDGET`` characters of body searched, a missing quote is reported
    without a closest passage: each one still gets its error."""
    body = "The lorvan index rose by a modest margin.\n"
    monkeypatch.setattr(closest_module, "CLOSEST_BUDGET", 3 * len(body))
    misses = [QuoteRequest(f"q-{i}", f"the lorvan index fell by {i} points") for i in range(8)]
    result = render_body(body, misses)
    assert list(result.closest) == [q.id for q in misses]
    with_passage = [i for i, c in enumerate(result.closest.values()) if c.passage]
    assert with_passage == [0, 1, 2]
    raw, read_problems = parse_document(
        "articles/a.md",
        (
            "---\ntitle: T\ndate: 2024-01-01\nquotes:\n"
            + "".join(f"  - text: {q.text}\n    concepts: [c]\n" for q in misses)
            + f"---\n{body}"
        ).encode(),
    )
    _, problems = validate_article(raw)
    assert read_problems == []
    assert [p.code for p in problems] == ["quote-not-found"] * len(misses)
    hints = [p.hint for p in problems]
    assert sum("closest passage" in h for h in hints) == 3, hints


def test_raw_html_and_javascript_links_are_inert() -> None:
    body = "<script>alert(1)</script> [x](javascript:alert(1)) [y](data:text/html,hi)\n"
    html = render_body(body, []).html
    soup = BeautifulSoup(html, "lxml")
    assert soup.find("script") is None
    assert soup.find("a") is None


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org:99999/x",
        "https://user:secret@example.org/",
        "https://exa^mple.org/",
        "https://a..b/",
        "http://1.2.3.4.5/",
        "https:example.org",
        "https://[zz]/a",  # not taken for https://zz/a, another host
        "https://[::1]x/",
    ],
)
def test_a_link_that_is_no_valid_url_stays_text(url: str) -> None:
    """Such an ``href`` or ``src`` made the page invalid HTML (the Nu HTML Checker: "Port
    number must be less than 65536", "URL includes credentials"...); it is shown as written."""
    html, _ = render_markdown(f"[x]({url}) and ![y]({url}) and <{url}>\n")
    doc = BeautifulSoup(html, "lxml")
    assert doc.find_all(["a", "img"]) == []
    assert doc.get_text().strip() == f"[x]({url}) and ![y]({url}) and <{url}>"


def test_a_second_hash_of_a_link_is_written_percent_encoded() -> None:
    """As a Matrix room's address is, since a fragment cannot hold a ``#`` as it stands."""
    html, _ = render_markdown("[room](https://matrix.to/#/#glorp:e.org) [x](a.html#b#c#d)\n")
    links = [a["href"] for a in BeautifulSoup(html, "lxml").find_all("a")]
    assert links == ["https://matrix.to/#/%23glorp:e.org", "a.html#b%23c%23d"]


def test_valid_links_stay_links() -> None:
    urls = ["https://example.org:8080/a", "http://[::1]/", "https://例え.jp/", "#q-1", "../x/"]
    html, _ = render_markdown(" ".join(f"[x]({u})" for u in urls) + "\n")
    links = [a["href"] for a in BeautifulSoup(html, "lxml").find_all("a")]
    assert links == [
        "https://example.org:8080/a",
        "http://[::1]/",
        "https://xn--r8jz45g.jp/",
        "#q-1",
        "../x/",
    ]


def _article(quotes: list[str]) -> dict[str, str]:
    entries = "".join(f"  - text: {q}\n    concepts: [c]\n" for q in quotes)
    source = f"---\ntitle: T\ndate: 2024-01-01\nquotes:\n{entries}---\n"
    source += "Alpha one. Beta two. Gamma three.\n"
    raw, _ = parse_document("a.md", source.encode())
    article, diagnostics = validate_article(raw)
    assert article is not None and not [d for d in diagnostics if d.severity.value == "error"]
    return {q.text: q.id for q in article.quotes}


def test_a_body_heading_is_below_the_page_title() -> None:
    """The page's title is its one ``h1``: a body's ``#`` heading made a second one (the Nu
    HTML Checker: "Consider using the h1 element as a top-level heading only")."""
    html, _ = render_markdown("# One\n\nTwo\n===\n\n## Three\n\n###### Six\n")
    doc = BeautifulSoup(html, "lxml")
    headings = [(h.name, h.get_text()) for h in doc.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert headings == [("h2", "One"), ("h2", "Two"), ("h2", "Three"), ("h3", "Six")]


@pytest.mark.parametrize(
    ("levels", "shown"),
    [
        ([4, 2, 4, 6, 5, 3], [2, 2, 3, 4, 4, 3]),
        ([1, 3, 3, 1, 6], [2, 3, 3, 2, 3]),
        ([2, 3, 4, 5, 6], [2, 3, 4, 5, 6]),
    ],
)
def test_no_heading_level_is_skipped(levels: list[int], shown: list[int]) -> None:
    """A heading is at most one level below the one before it (the first below the page's
    title): a gap in the outline is what screen readers announce and vnu reports ("The
    heading h4 follows the heading h2, skipping 1 heading level")."""
    body = "\n\n".join(f"{'#' * level} Heading {n}" for n, level in enumerate(levels))
    doc = BeautifulSoup(render_markdown(body)[0], "lxml")
    found = [(h.name, h.get_text()) for h in doc.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert found == [(f"h{level}", f"Heading {n}") for n, level in enumerate(shown)]


def test_a_heading_with_no_text_is_left_out() -> None:
    """``##`` alone (a README's end of section) was an empty ``h2`` that vnu and axe report
    and screen readers stop at; left out before levels are counted, the ``###`` after it
    is one level below the heading before it."""
    body = "## One\n\nText.\n\n##\n\n### Two\n\n#   #\n\nMore.\n\n#\n"
    doc = BeautifulSoup(render_markdown(body)[0], "lxml")
    found = [(h.name, h.get_text()) for h in doc.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert found == [("h2", "One"), ("h3", "Two")]
    assert [p.get_text() for p in doc.find_all("p")] == ["Text.", "More."]


def test_quote_ids_are_stable_when_others_change() -> None:
    before = _article(["Alpha one", "Beta two"])
    after = _article(["Gamma three", "Beta two", "Alpha one"])
    removed = _article(["Beta two"])
    assert before["Alpha one"] == after["Alpha one"]
    assert before["Beta two"] == after["Beta two"] == removed["Beta two"]
    assert len(set(after.values())) == 3


def _bodies() -> list[str]:
    """The sample site's articles, and text each rule left out of ``parser`` would act on
    if its option were on: raw HTML, bare addresses, typographic quotes and dashes."""
    files = sorted((REPO / "content" / "articles").glob("*.md"))
    return [f.read_text(encoding="utf-8") for f in files] + [
        '<div onclick="x()">a</div>\n\ntext <b>bold</b> <!-- c --> <?php ?>',
        "see www.example.com and https://example.org/a_b, (c) -- \"quoted\" 'single' ...",
        "<script>alert(1)</script>\n\n| a | <i>b</i> |\n|---|---|\n| --- | +- |",
        "[link](https://example.org:99999/) [two](#a#b) ![i](https://u:p@example.org/i.png)",
        "# Title\n\nSetext\n===\n\n## Section",
    ]


@pytest.mark.parametrize("body", _bodies(), ids=lambda b: b[:20])
def test_the_rules_left_out_of_the_parser_would_change_nothing(body: str) -> None:
    """``parser`` drops rules that do nothing with its options, to parse faster: the result
    is that of the parser with every rule."""
    options = {name: parser().options[name] for name in ("html", "linkify", "typographer")}
    full = MarkdownIt("js-default", options)
    full.validateLink = is_link  # type: ignore[method-assign]
    full.normalizeLink = normalize_link  # type: ignore[method-assign]
    autolinks.enable(full)  # bounded, and no bare domains: changes what it links on purpose
    footnotes.enable(full)
    markdown.extend(full)
    full.parse = partial(parsed_in_stock_states, full)  # type: ignore[method-assign]
    assert parser().render(body) == full.render(body)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["\r", "\n", "\r\n", "\0", "a", " ", "\u2028"])).map("".join))
@example("\r\r\n\n\r")
def test_line_ends_and_nuls_are_normalized_as_markdown_it_does(text: str) -> None:
    """``parser`` normalizes line ends and NULs by string methods, as markdown-it's rule
    does with a regular expression."""
    assert markdown._normalize in parser().core.ruler.getRules("")
    ours, theirs = StateCore(text, parser(), {}), StateCore(text, MarkdownIt(), {})
    markdown._normalize(ours)
    normalize(theirs)
    assert ours.src == theirs.src


@pytest.mark.parametrize("unit", ["![", "[ a_", "[a", "![[]()"])
def test_unclosed_brackets_are_looked_ahead_only_to_the_inline_nesting_limit(
    unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At each ``[`` no ``]`` closes, markdown-it's scanner looks ahead by trying every rule,
    nested up to its limit; with the blocks' limit of 100 such text took over 70 rule runs a
    character (minutes for a hostile file of a few megabytes), with ``INLINE_NESTING`` 15-40."""
    calls = 0
    skip = ParserInline.skipToken

    def counted(self: ParserInline, state: object) -> None:
        nonlocal calls
        calls += 1
        skip(self, state)  # type: ignore[arg-type]

    monkeypatch.setattr(ParserInline, "skipToken", counted)
    body = unit * (4000 // len(unit))
    html = render_body(body, []).html
    assert calls <= 40 * len(body), calls / len(body)
    if "]" not in unit:  # nothing closes: all of it is text
        assert BeautifulSoup(html, "lxml").get_text().strip() == body


def test_blocks_nest_to_their_own_limit_and_deep_inline_markup_stays_text() -> None:
    """Blocks nest to the limit (deeper ones are dropped, and ``too_deep`` says so); inline
    markup nested deeper than its limit is shown as the text it is."""
    levels = BLOCK_NESTING // 2 - 2  # each opens a list and an item: two levels
    deep_list = "".join("  " * x + f"* item {x}\n" for x in range(levels))
    html, deep = render_markdown(deep_list)
    soup = BeautifulSoup(html, "lxml")
    assert len(soup.select("ul")) == levels and deep is None
    assert soup.get_text().split() == " ".join(f"item {x}" for x in range(levels)).split()
    quoted = "> " * (BLOCK_NESTING - 5) + "deep words"
    assert "deep words" in render_markdown(quoted)[0]
    brackets = "[ " * 30 + "a" + " ]" * 30 + "(u)"  # spaced: "[[a]]" is a link by name
    text = BeautifulSoup(render_markdown(brackets)[0], "lxml").get_text()
    assert (text.count("["), text.count("a"), text.count("]")) == (30, 1, 30)  # all of it


@pytest.mark.parametrize(
    ("body", "quote", "marked"),
    [
        ("The glorp plans and the glorp plan.\n", "glorp plan", "glorp plan"),  # the 2nd
        ("A high-quality plan.\n", "quality plan", "quality plan"),
        ("The glorp forces¹ grew.\n", "The glorp forces", "The glorp forces"),  # a note mark
        (
            "It was signed in 2019¹ by Speaker 7.\n",
            "It was signed in 2019¹ by",
            "It was signed in 2019¹ by",
        ),
        ("Output rose to 10⁻⁶ of it.\n", "rose to 10⁻⁶ of", "rose to 10⁻⁶ of"),
        ("The 19ᵗʰ plan; Mˡˡᵉ Zelt.\n", "The 19th plan", "The 19ᵗʰ plan"),  # letters of a word
        ("Emissions of CO₂ fell.\n", "Emissions of CO2 fell", "Emissions of CO₂ fell"),
        ("C'est l'économie de marché.\n", "économie de marché", "économie de marché"),
        ("Nell'anno zelt.\n", "anno zelt", "anno zelt"),  # Italian elides before the apostrophe
        ("Il faut qu'il vienne.\n", "il vienne", "il vienne"),
        ("Chez D'Angelo et l'homme.\n", "Angelo et l'homme", "Angelo et l'homme"),
        ("Un'altra zelt, dell’anno.\n", "altra zelt", "altra zelt"),
        # An apostrophe before punctuation closes its word: a quote may start after it.
        ("Zorp 'glim', 'frob' end.\n", ", 'frob' end", ", 'frob' end"),
        ("The zorps'; plonk holds.\n", "; plonk holds", "; plonk holds"),
        ("Units ['甲', '乙'] here.\n", ", '乙']", ", '乙']"),
        ("A 5G network.\n", "5G network", "5G network"),
        ("推动2024年发展。\n", "2024", "2024"),  # a Han letter after digits: unspaced
        ("We sold 1,000 units, then 2,000.\n", "We sold 1,000 units", "We sold 1,000 units"),
        ("推动新质生产力发展。\n", "新质生产力", "新质生产力"),
        ("정부는 계획을 발표했다.\n", "정부", "정부"),
        ("แผนพัฒนาใหม่\n", "พัฒนา", "พัฒนา"),
        ("وقال المتحدث إن الخطة جيدة\n", "قال المتحدث", "قال المتحدث"),  # و "and" left out
        ("והממשלה תומכת בתוכנית\n", "הממשלה תומכת", "הממשלה תומכת"),
        # Direction marks pasted with Arabic or Hebrew text are invisible: not typed in quotes.
        ("وقال\u200f المتحدث إن الخطة\n", "قال المتحدث", "قال\u200f المتحدث"),
        ("Speaker \u20687\u2069 backs it.\n", "Speaker 7 backs", "Speaker \u20687\u2069 backs"),
        ("It rose 1½ points, then ½.\n", "then ½", "then ½"),
        ("بلغ النمو عام ٢٠٢٣ نسبة\n", "عام ٢٠٢٣", "عام ٢٠٢٣"),
        ("ប្រទេសកម្ពុជា\n", "ប្រទេស", "ប្រទេស"),  # Khmer: unspaced, whole clusters
        ("မြန်မာ\n", "မာ", "မာ"),  # after the asat, a Burmese syllable starts
        # The Quran's marks of reading and alef wasla: a quote in everyday spelling.
        ("لَا رَيْبَ ۛ فِيهِ\n", "لا ريب فيه", "لَا رَيْبَ ۛ فِيهِ"),
        ("قال ٱلرجل كلمة\n", "قال الرجل كلمة", "قال ٱلرجل كلمة"),
        ("مِنْ عِلْمِهِۦٓ إِلَّا\n", "من علمه إلا", "مِنْ عِلْمِهِۦٓ إِلَّا"),
        ("דובר צה״ל אמר\n", 'דובר צה"ל אמר', "דובר צה״ל אמר"),  # gershayim typed as "
        ("웃음 ㅋㅠ 소리\n", "ㅋㅠ", "ㅋㅠ"),
        # Beside Chinese, an apostrophe joins no words, and cells and blocks stay apart.
        ("Zelt A´ 力 plan\n", "力 plan", "力 plan"),
        ("トヨタは㍻元年に設立\n", "平成元年", "㍻元年"),  # ㍻ reads 平成
        ("中文\n\nPython 是\n", "中文 Python", "中文Python"),  # across blocks, as any quote
        ("Scores were 3， 5 and 7.\n", "Scores were 3", "Scores were 3"),  # not 3,5
        ("<table>\n<tr><td>A A 力</td><td>´A</td></tr>\n</table>\n", "A A 力", "A A 力"),
        # ệ typed as ê and a dot below (a Vietnamese keyboard) is ệ: the marks' order.
        ("Người dân Vi\u00ea\u0323t Nam.\n", "dân Vi\u1ec7t Nam", "dân Vi\u00ea\u0323t Nam"),
        ("Người dân Vi\u1ec7t Nam.\n", "dân Vi\u00ea\u0323t Nam", "dân Vi\u1ec7t Nam"),
    ],
)
def test_a_quote_is_found_as_whole_words(body: str, quote: str, marked: str) -> None:
    result = render_body(body, [QuoteRequest("q", quote)])
    assert "q" in result.found
    assert marks_text(result.html, "q") == marked


@pytest.mark.parametrize(
    ("body", "quote", "closest"),
    [
        ("Speaker 7 backs the glorp plan.\n", "lorp plan", "glorp plan"),
        ("Speaker 7 backs the glorp plan.\n", "the glorp pla", "the glorp plan"),
        ("It grew 25% in 2024.\n", "5% in 2024", "25% in 2024"),
        ("नमस्ते दुनिया\n", "नमस्त", "नमस्ते"),  # before a vowel sign: half a letter
        ("He said *glorp*plan twice.\n", "glorp", "glorpplan"),  # one word to a reader
        ("Speaker 7's glorp plan.\n", "Speaker 7", "Speaker 7's"),  # not the same words
        ("Speaker 7 said we can't stop.\n", "Speaker 7 said we can", "Speaker 7 said we can't"),
        ("It grew 2.5% in 2024.\n", "5% in 2024", "2.5% in 2024"),  # half a number
        ("Costs rose to $3.2 billion.\n", "Costs rose to $3", "Costs rose to $3.2"),
        ("The office sold 1,000 units.\n", "The office sold 1", "The office sold 1,000"),
        ("Los planes glorp están listos.\n", "Los planes glorp está", "Los planes glorp están"),
        ("La réforme zelt avance.\n", "forme zelt avance", "réforme zelt avance"),
        ("किया गया काम\n", "या गया काम", "किया गया काम"),  # a vowel sign goes with its letter
        # Folded, 한 is 하 and a final ㄴ: a quote ending in 하 ends inside the syllable.
        ("정부는 계획을 발표한다.\n", "정부는 계획을 발표하", "정부는 계획을 발표한다"),
        ("강한 정부\n", "가", "강한"),
        ("It rose ½ point.\n", "It rose 1", "It rose ½"),  # ½ folds to 1⁄2: half a number
        # An exponent is part of its number: 10 is not 10⁶; a subscript, of its formula.
        ("Output reached 10⁶ tonnes.\n", "Output reached 10 tonnes", "Output reached 10⁶ tonnes"),
        ("Output reached 10⁶ tonnes.\n", "Output reached 10", "Output reached 10⁶"),
        ("It was signed in 2019¹ by Speaker 7.\n", "signed in 2019 by", "signed in 2019¹ by"),
        ("Emissions of CO₂ fell.\n", "Emissions of CO fell", "Emissions of CO₂ fell"),
        ("The 19ᵗʰ plan.\n", "The 19 plan", "The 19ᵗʰ plan"),
        # Letters and digits of one word: a network, a weight, a formula.
        ("New 5G networks were built.\n", "G networks were built", "5G networks were built"),
        ("They shipped 40kg of rice.\n", "kg of rice", "40kg of rice"),
        ("Add H2O slowly.\n", "Add H", "Add H2O"),
        # What English writes after an apostrophe belongs to the word before it.
        ("Speaker 7's glorp law holds.\n", "s glorp law holds", "7's glorp law holds"),
        ("Speaker 7 said don't stop.\n", "t stop", "don't stop"),
        # After any word that French, Italian or Catalan does not elide, too.
        ("Speaker O'Zelt said it.\n", "Zelt said it", "O'Zelt said it"),
        ("C'est aujourd'hui zelt.\n", "hui zelt", "aujourd'hui zelt"),
        ("Ціна на м'ясо зросла.\n", "ясо зросла", "м'ясо зросла"),  # Ukrainian
        ("Glorpglorpglorp'zelt plan.\n", "zelt plan", "Glorpglorpglorp'zelt plan"),
        ("I'd've gone there.\n", "ve gone there", "I'd've gone there"),  # d of I'd: no d'
        ("Rock'n'roll is back.\n", "roll is back", "Rock'n'roll is back"),
        ("Speaker 7: c'mon zelt.\n", "mon zelt", "c'mon zelt"),  # elision wants a vowel
        ("Zoë's plan holds.\n", "s plan holds", "Zoë's plan holds"),
        ("Kılıç'ın açıklaması geldi.\n", "ın açıklaması", "Kılıç'ın açıklaması"),
        ("Scores were 3， 5 and 7.\n", "3,5 and 7", ""),  # a full-width comma and a space
        # Nor inside one character that stands for several: 平 of ㍻ (平成), 株 of ㈱.
        ("トヨタは㍻元年に設立\n", "平", ""),
        ("㈱トヨタ\n", "株", ""),
        # Digits of any script are one number; so are Arabic's decimal and thousands marks.
        ("بلغ النمو عام ٢٠٢٣ نسبة\n", "بلغ النمو عام ٢٠٢", "بلغ النمو عام ٢٠٢٣"),
        ("بلغ النمو ٣٫٥ في المئة\n", "بلغ النمو ٣", "بلغ النمو ٣٫٥"),
        ("ราคา ๑๒๕๐ บาท\n", "ราคา ๑๒", "ราคา ๑๒๕๐"),
        ("Sold 1٬250 units.\n", "Sold 1", "Sold 1٬250"),
        # A letter stacked under another is inside it: Khmer's coeng, Burmese's virama.
        ("ប្រទេសកម្ពុជា\n", "រទេស", "ប្រទេស"),
        ("ကမ္ဘာ ပြည်\n", "ဘာ", "ကမ္ဘာ"),
        ("ᠬᠠᠷ\u180eᠠ ᠮᠣᠷᠢ\n", "ᠬᠠᠷ", "ᠬᠠᠷ\u180eᠠ"),  # Mongolian's vowel separator
        # Korean letters written alone are no syllable: ㅋㅠ is not 큐.
        ("웃음 ㅋㅠ 소리\n", "큐", ""),  # too short for a closest passage
    ],
)
def test_a_quote_that_starts_or_ends_inside_a_word_is_not_found(
    body: str, quote: str, closest: str
) -> None:
    result = render_body(body, [QuoteRequest("q", quote)])
    assert result.found == {} and "<mark" not in result.html
    # The hint's passage as the body writes it (½, CO₂), not as folded (1⁄2, CO2).
    assert unicodedata.normalize("NFC", result.closest["q"].passage).startswith(closest)


@pytest.mark.parametrize(
    ("body", "quote", "found"),
    [
        ("Speaker 7 gave a 👍🏽 to it.\n", "gave a 👍", False),  # the skin tone is the emoji's
        ("Speaker 7 gave a 👍🏽 to it.\n", "gave a 👍🏽", True),
        ("Zelt 🇫🇷🇩🇪 talks.\n", "Zelt 🇫", False),  # half a flag
        ("Zelt 🇫🇷🇩🇪 talks.\n", "Zelt 🇫🇷🇩", False),
        ("Zelt 🇫🇷🇩🇪 talks.\n", "Zelt 🇫🇷", True),  # between two flags
        ("Zelt 🇫🇷🇩🇪 talks.\n", "🇩🇪 talks", True),
        (
            "Zelt 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f go.\n",
            "Zelt 🏴",
            False,
        ),
        ("Speaker 7 said 👍👍 twice.\n", "said 👍", True),  # two emoji, not one
        # A joiner makes one emoji of several: a woman at a computer, a family.
        ("The team 👩\u200d💻 shipped it.\n", "The team 👩", False),
        ("The team 👩\u200d💻 shipped it.\n", "The team 👩\u200d💻 shipped", True),
        ("Zelt 👨\u200d👩\u200d👧\u200d👦 time.\n", "Zelt 👨\u200d👩\u200d👧", False),
        ("Zelt 👨\u200d👩\u200d👧\u200d👦 time.\n", "👩\u200d👧\u200d👦 time", False),
        ("Zelt ❤\ufe0f\u200d🔥 burns.\n", "Zelt ❤\ufe0f", False),
    ],
)
def test_a_quote_does_not_end_inside_an_emoji(body: str, quote: str, found: bool) -> None:
    result = render_body(body, [QuoteRequest("q", quote)])
    assert ("q" in result.found) is found
    if found:
        assert marks_text(result.html, "q") == quote


@pytest.mark.parametrize(
    "body",
    [
        "Speaker 7 said:\n\n    The glorp plan\n    will hold.\n\nThen left.\n",
        "Speaker 7 said:\n\n```\nThe glorp plan will hold.\n```\n\nThen left.\n",
    ],
)
def test_a_quote_in_a_code_block_is_not_found_and_the_hint_says_why(body: str) -> None:
    result = render_body(body, [QuoteRequest("q", "The glorp plan will hold")])
    assert result.found == {} and "<mark" not in result.html
    closest = result.closest["q"]
    assert (
        closest.why == IN_CODE and closest.line == 2 and "glorp plan will hold" in closest.passage
    )


def test_a_word_inside_a_word_of_a_code_block_is_not_said_to_be_in_it() -> None:
    """ "zelt" is not in a block of code that holds "zelten": the hint is the closest passage."""
    body = "Speaker 7 said:\n\n    zelten = 1\n\nThen left.\n"
    assert render_body(body, [QuoteRequest("q", "zelt")]).closest["q"].why != IN_CODE


_ZELT = "We keep zelt. Not the plan"


@pytest.mark.parametrize(
    ("body", "quote", "line", "crossed"),
    [
        ("We keep zelt.\n\n```\nand glorp\n```\n\nNot the plan.\n", _ZELT, 2, "a code block"),
        ("We keep zelt.\n\n    and glorp\n\nNot the plan.\n", _ZELT, 2, "a code block"),
        (
            "Text.\n\n> [!NOTE]\n> We keep zelt. Not the plan.\n",
            "Text. We keep zelt",
            2,
            "an alert's title",
        ),
        (
            "Text.\n\n::: warning\nWe keep zelt. Not the plan.\n:::\n",  # titled "Warning"
            "Text. We keep zelt",
            2,
            "an alert's title",
        ),
        (
            "Intro.\n\nWe keep zelt.[^1]\n\n[^1]: Not the plan.\n",
            _ZELT,
            4,
            "the start of the notes",
        ),
        (
            "Intro.\n\nA[^1] b[^2].\n\n[^1]: We keep zelt.\n[^2]: Not the plan.\n",
            _ZELT,
            5,
            "the start of a note",
        ),
    ],
)
def test_a_quote_does_not_run_across_words_it_is_not_compared_with(
    body: str, quote: str, line: int, crossed: str
) -> None:
    """A code block, an alert's title or the start of the notes between two passages: a
    quote of both would leave out words the reader sees between them. The hint names the
    block it runs across, at that block's line (not the line the quote starts on)."""
    result = render_body(body, [QuoteRequest("q", quote), QuoteRequest("r", "Not the plan")])
    assert "q" not in result.found and "r" in result.found
    closest = result.closest["q"]
    assert closest.why == ACROSS and closest.passage == fold(quote)
    assert (closest.line, closest.crossed) == (line, crossed)


def test_a_chinese_quote_into_the_notes_is_told_so() -> None:
    """A quote of Chinese words run from the body into a note is named as one that runs
    across the start of the notes, as one of English is: the space the block left between
    its words, which the quote has not, kept it from being found so, and the hint was a
    closest passage of the whole body."""
    body = "会议认为，形势复杂。这句话在这里结束。[^1]\n\n[^1]: 注释内容：形势复杂。\n"
    quote = "这句话在这里结束。 注释内容"
    closest = render_body(body, [QuoteRequest("q", quote)]).closest["q"]
    assert (closest.why, closest.line, closest.crossed) == (ACROSS, 2, "the start of the notes")


@pytest.mark.parametrize("sup", ["<sup>32</sup>", "^32^"])
def test_the_hint_names_the_line_of_a_superscript_copied_as_text(sup: str) -> None:
    """A quote copied from a browser holds an exponent as digits (232): the hint names the
    line the superscript is on, not the one the quote starts on."""
    body = f"The zelt can work\nwith more than 4 glorps (2{sup} plams).\nIn practice.\n"
    quote = "zelt can work with more than 4 glorps (232 plams)"
    closest = render_body(body, [QuoteRequest("q", quote)]).closest["q"]
    assert (closest.why, closest.line) == (WITH_MARK, 1)


@pytest.mark.parametrize(
    ("quote", "why", "passage", "line"),
    [
        ("the glorp plan ... over the winter", ELIDED, "the glorp plan", 1),
        ("“…the glorp plan […] winter”", ELIDED, "the glorp plan", 1),
        ("The Glorp Plan will hold", OTHER_CASE, "the glorp plan will hold", 1),
        ("over the winter ... the glorp plan", "", "", None),  # parts out of turn
        # An ellipsis the body has too, or none: no words left out; the body's words shown.
        ("the glorp plan ... will hold", "", "the glorp plan will hold", 1),
        ("hold...over the winter", "", "hold over the winter", 1),
        ("the glorp plan ... the spring", "", "", None),  # a part not there
        # An editor's change in brackets: the body's words with them, or without.
        ("[T]he glorp plan will hold", BRACKETED, "the glorp plan will hold", 1),
        ("[the glorp plan] will hold over", BRACKETED, "the glorp plan will hold over", 1),
        ("the glorp plan [of Speaker 7] will hold", BRACKETED, "the glorp plan will hold", 1),
        ("the glorp plan [sic] will hold", BRACKETED, "the glorp plan will hold", 1),
        ("the [zorp] plan will hold", "", "", None),  # neither way in the body
    ],
)
def test_the_hint_says_a_quote_leaves_words_out_or_differs_in_case(
    quote: str, why: str, passage: str, line: int | None
) -> None:
    body = "Speaker 7 said\nthe glorp plan will hold\nover the winter.\n"
    closest = render_body(body, [QuoteRequest("q", quote)]).closest["q"]
    assert closest.why == why
    if passage:
        assert (closest.passage, closest.line) == (passage, line)


@pytest.mark.parametrize(
    ("quote", "passage", "line"),
    [
        ("The economy is strong", "The econ- omy is strong", 1),
        ("is strong, and the glorpzorp sector", "is strong, and the glorp- zorp sector", 2),
        ("the economy is strong", "", None),  # in other case too: only the closest passage
    ],
)
def test_the_hint_names_a_word_broken_over_two_lines(
    quote: str, passage: str, line: int | None
) -> None:
    """Text copied from a PDF breaks words at a line's end with a hyphen (``econ-``), which
    the page shows as ``econ- omy``: the hint says so and shows the body's passage, at the
    line it starts on. It gave the closest passage, and no reason."""
    body = "MINISTER ZORP: I disagree.\nThe econ-\nomy is strong, and the glorp-\nzorp sector.\n"
    closest = render_body(body, [QuoteRequest("q", quote)]).closest["q"]
    if passage:
        assert (closest.passage, closest.line, closest.why) == (passage, line, HYPHENATED)
    else:
        assert closest.why != HYPHENATED


@pytest.mark.parametrize(
    ("quote", "hint"),
    [
        (
            "[T]he glorp plan will hold",
            "it changes the body's words in [brackets], as print marks an editor's change, but"
            " a quote is the body's own words: copy them as written (line 9): \"the glorp plan"
            ' will hold"',
        ),
        (
            "the glorp plan will hold, and more",
            "the body breaks a word of it over two lines with a hyphen (line 9), as text copied"
            ' from a PDF does, and the page shows it so: "the glorp plan will hold, and mo- re";'
            " join the word in the body, or quote it as the body writes it",
        ),
    ],
    ids=["bracketed", "hyphenated"],
)
def test_the_hint_says_why_and_gives_the_bodys_words(quote: str, hint: str) -> None:
    """``[T]he`` is how print marks a capital an editor changed, and ``mo-`` at a line's end
    how a PDF breaks a word, but a quote is the body's words: the hint says so and gives
    them, with the line they start on. It gave the closest passage the fuzzy search found,
    with the words around it and no reason."""
    front = f"title: T\ndate: 2024-01-01\nquotes:\n  - text: '{quote}'\n    concepts: [c]\n"
    body = "Speaker 7 said that\nthe glorp plan will hold, and mo-\nre.\n"
    raw, _ = parse_document("articles/a.md", f"---\n{front}---\n{body}".encode())
    _, problems = validate_article(raw)
    assert [p.hint for p in problems if p.code == "quote-not-found"] == [hint]


@pytest.mark.parametrize(
    ("quote", "passage", "why"),
    [
        ("the glorp plan ... will stand", "the glorp plan… will stand", ""),
        ("“the zorp plan” - it won't fall", "“The zorp plan” — it won’t fall", OTHER_CASE),
    ],
    ids=["ellipsis", "other-case"],
)
def test_the_hint_shows_the_bodys_own_characters(quote: str, passage: str, why: str) -> None:
    """The passage of a quote that leaves no words out, or is the body's in other case, is
    shown as the body writes it, as the hint tells the editor to copy it: it showed the text
    folded, ``...`` for the body's ``…``, ``"`` for its ``“``, ``-`` for its ``—``."""
    body = (
        "Speaker 7 said the glorp plan will hold, and the glorp plan… will stand.\n\n"
        "Speaker 9 said “The zorp plan” — it won’t fall.\n"
    )
    closest = render_body(body, [QuoteRequest("q", quote)]).closest["q"]
    assert (closest.passage, closest.why) == (passage, why)


@pytest.mark.parametrize(
    ("written", "quote"),
    [(". . .", "the glorp plan ... will stand"), ("...", "the glorp plan . . . will stand")],
)
def test_the_hint_shows_a_spaced_ellipsis_as_the_body_writes_it(written: str, quote: str) -> None:
    """An ellipsis of spaced full stops (legal and Chicago style), typed as "...", or the
    other way round: no words are left out, so the hint shows the body's passage instead of
    saying the quote leaves words out."""
    body = f"Speaker 7 said the glorp plan will hold, and the glorp plan {written} will stand.\n"
    closest = render_body(body, [QuoteRequest("q", quote)]).closest
    assert (closest["q"].passage, closest["q"].why) == (f"the glorp plan {written} will stand", "")


@pytest.mark.parametrize(
    "quote", ["a ... " * 30_000 + "b", "A" * 100_000, "..." * 50_000, "a ... " * 8 + "b"]
)
def test_the_hint_for_a_hostile_quote_is_quick(quote: str) -> None:
    body = ("a " * 200_000) + "b\n"
    assert render_body(body, [QuoteRequest("q", quote)]).found == {}


def text_before_chips(html: str, quote_id: str) -> str:
    """What a reader sees between the end of a quote's last mark and its chips."""
    end = html.rindex("</mark>", 0, html.index(placeholder(quote_id))) + len("</mark>")
    between = html[end : html.index(placeholder(quote_id))]
    return BeautifulSoup(between, "lxml").get_text()


@pytest.mark.parametrize(
    ("body", "quote", "before"),
    [
        (
            "The glorp plan works. Next a `code` and [link](https://x.org).\n",
            "glorp plan works",
            ".",
        ),
        ("He said «the glorp plan»; then left.\n", "the glorp plan", "»;"),
        ("推动新质生产力发展。然后`代码`。\n", "推动新质生产力发展", "。"),
        ("The glorp forces¹ grew.\n", "The glorp forces", "¹"),  # a note's mark
        ("회의는 내일 시작한다고 밝혔다.\n", "회의는 내일 시작", "한다고"),  # not inside the word
        ("It is *the glorp plan* for now, and more.\n", "the glorp plan", ""),  # after </em>
        ("Read [the glorp plan](https://x.org) today.\n", "the glorp plan", ""),  # after </a>
        ("The glorp plan\nworks well, said Speaker 7.\n", "glorp plan works", ""),
        # Ending in an element: after it, and after the punctuation or particle that follows.
        ("Speaker 7 backs *the glorp plan*.\n", "backs the glorp plan", "."),
        ("Read [the glorp plan](https://x.org), today.\n", "the glorp plan", ","),
        ("We run `glorp`; then stop.\n", "We run glorp", ";"),
        ("**정부**는 계획을 발표했다.\n", "정부", "는"),
        # French sets a narrow no-break space before its closing marks; German closes with “.
        (
            "Il a dit : «\u202fNous devons agir\u202f!\u202f» Puis.\n",
            "Nous devons agir",
            "\u202f!\u202f»",
        ),
        ("Sie sagte: „Wir schaffen das“. Dann.\n", "Wir schaffen das", "“."),
        ("Han sagde: »Vi gør det«. Så.\n", "Vi gør det", "«."),
        # An opening mark after a colon opens the next quotation: the chips go before it.
        ("他说：“我们赢了。”\n", "他说", "："),
        ("Han sagde:»Vi går.«\n", "Han sagde", ":"),
        ("هل نذهب؟ نعم\n", "هل نذهب", "؟"),  # Arabic and Devanagari punctuation
        ("यह ठीक है। फिर\n", "यह ठीक है", "।"),
    ],
)
def test_chips_follow_the_quote_and_its_closing_punctuation(
    body: str, quote: str, before: str
) -> None:
    """Not the end of the text run the quote ends in, which reaches the next markup."""
    html = render_body(body, [QuoteRequest("q", quote)]).html
    assert html.count(placeholder("q")) == 1
    assert text_before_chips(html, "q") == before


def test_two_quotes_of_one_paragraph_each_get_their_chips_after_them() -> None:
    body = "Speaker 7 backs the glorp plan, and Speaker 9 doubts the zelt tax.\n"
    html = render_body(
        body, [QuoteRequest("a", "backs the glorp plan"), QuoteRequest("b", "doubts the zelt tax")]
    ).html
    assert html.index(placeholder("a")) < html.index("Speaker 9") < html.index(placeholder("b"))
    assert (text_before_chips(html, "a"), text_before_chips(html, "b")) == (",", ".")


def test_chips_read_as_words_apart_from_the_text_and_each_other() -> None:
    """For copied text and screen readers: "forces. green development", not "forces.green"."""
    links = [Link("green development", "concepts/g/", 1), Link("zelt tax", "concepts/z/", 1)]
    chips = chips_html(links, lambda target: target)
    html = fill_chips("<p>forces.<!--chips:q--> Then</p>", {"q": chips})
    text = BeautifulSoup(html, "lxml").get_text()
    assert text == "forces. green development zelt tax Then"


REMEMBERED_CHIPS: dict[str, str] = {}
"""Chips remembered across examples, as a render process keeps them for the pages of one
depth: a chip kept under too small a key shows up as a difference."""
few = st.sampled_from(["glorp", "zorp", "x & <y>"])


@settings(max_examples=200, deadline=None)
@given(
    concepts=st.lists(st.builds(Link, few, few.map(lambda t: f"concepts/{t}/")), max_size=4),
    lang=st.sampled_from(["", "de"]),
)
def test_remembered_chips_are_the_chips_made_afresh(concepts: list[Link], lang: str) -> None:
    def url(target: str) -> str:
        return f"../../{target}"

    assert chips_html(concepts, url, lang, REMEMBERED_CHIPS) == chips_html(concepts, url, lang)


def test_a_concept_chip_is_made_once_for_the_pages_of_one_depth() -> None:
    """An article page has some ten chips, of the few hundred concepts a site's articles
    share: the pages at one depth share them."""
    made: list[str] = []

    def url(target: str) -> str:
        made.append(target)
        return f"../../{target}"

    glorp, zorp = Link("glorp", "concepts/glorp/"), Link("zorp", "concepts/zorp/")
    remembered: dict[tuple[str, str], str] = {}
    shown = [chips_html(links, url, "", remembered) for links in ([glorp, zorp], [zorp, glorp])]
    links = [[a["href"] for a in BeautifulSoup(html, "lxml")("a")] for html in shown]
    assert links == [
        ["../../concepts/glorp/", "../../concepts/zorp/"],
        ["../../concepts/zorp/", "../../concepts/glorp/"],
    ]
    assert made == ["concepts/glorp/", "concepts/zorp/"]


def nested_lists(levels: int) -> str:
    return "".join("  " * x + f"- item {x}\n" for x in range(levels))


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("lead\n\n" + nested_lists(BLOCK_NESTING // 2 - 1) + "\nafter\n", None),
        ("lead\n\n" + nested_lists(BLOCK_NESTING // 2) + "\nafter\n", 1 + BLOCK_NESTING // 2),
        ("lead\n\n" + "> " * (BLOCK_NESTING - 1) + "deep\n\nafter\n", None),
        ("lead\n\n" + "> " * BLOCK_NESTING + "deep\n\nafter\n", 2),
        ("- a\n" + "  " + "> " * (BLOCK_NESTING - 2) + "deep\n", 1),  # an item, then quotes
    ],
)
def test_too_deep_finds_the_block_markdown_would_drop(body: str, line: int | None) -> None:
    """Exactly where markdown-it starts dropping text: the last words are missing from the
    HTML when, and only when, ``too_deep`` names a line."""
    result = render_body(body, [])
    shown = BeautifulSoup(result.html, "lxml").get_text().split()
    words = [w for w in body.split() if w.isalnum()]
    assert result.too_deep == line
    assert (shown == words) == (line is None), shown[-3:]
    assert render_markdown(body)[1] == line


@settings(max_examples=2000)
@given(st.from_regex(PLAIN_LINK, fullmatch=True) | st.text(max_size=30))
@example("HTTPS://Example.ORG/a_b?x=1&y='2'#top")
@example("mailto:@x")
@example("http://[::1]:80/a b")
@example("//host/ä?q=%zz")
@example("//[zz]/a")
@example("://[")
def test_plain_links_are_normalised_as_markdown_it_does(url: str) -> None:
    """As markdown-it does, but for a ``#`` after the first (written ``%23``) and a host in
    brackets that markdown-it takes the brackets off (``[zz]``, after a scheme or from the
    scheme, ``//[zz]``: ``zz`` is another host), which is kept as written."""
    address, hash_, fragment = url.partition("#")
    expected = normalize_url.normalizeLink(address + hash_ + fragment.replace("#", "%23"))
    host = re.match(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^/?#\[]*\[", url)
    if host and "//[" not in expected:
        expected = url
    assert normalize_link(url) == expected


def test_a_task_list_shows_its_boxes_as_characters() -> None:
    body = "- [ ] to *do*\n- [x] done it\n- [y] no task\n\n1. [X] numbered\n\nNot [ ] a task.\n"
    result = render_body(body, [QuoteRequest("q-1", "done it")])
    page = BeautifulSoup(result.html, "lxml")
    assert [li.get_text() for li in page.find_all("li")] == [
        "☐ to do",
        "☑ done it",
        "[y] no task",
        "☑ numbered",
    ]
    assert page.find("p").get_text() == "Not [ ] a task."
    assert page.find("input") is None
    assert result.found == {"q-1": 1}


@pytest.mark.parametrize(
    ("body", "kinds", "texts"),
    [
        ("> [!NOTE]\n> Read the plan.\n", ["note"], ["Note", "Read the plan."]),
        ("> [!tip] \n>\n> Read the plan.\n", ["tip"], ["Tip", "Read the plan."]),
        # Obsidian's callouts (``obsidian_callouts``), which GitHub shows as quotes of the marker
        ("> [!NOTE]\n", ["note"], ["Note"]),  # the marker alone
        ("> [!TIP] Read the plan.\n", ["tip"], ["Read the plan."]),  # a title on its line
        ("> [!GLORP]\n> Read the plan.\n", ["note"], ["Glorp", "Read the plan."]),
        ("- > [!NOTE]\n  > Read the plan.\n", ["note"], ["Note", "Read the plan."]),  # nested
        ("Read the [!NOTE]\n\n>", [], ["Read the [!NOTE]"]),  # an empty quote ends the body
        ("> [!NOTE]\n> Read the plan.\n\n[!note]: https://e.org\n", [], ["!NOTE\nRead the plan."]),
    ],
)
def test_a_github_alert_is_a_top_level_quote_opened_by_its_marker_alone(
    body: str, kinds: list[str], texts: list[str]
) -> None:
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    alerts = page.select("div.alert")
    assert [a["class"][1].removeprefix("alert-") for a in alerts] == kinds
    assert [p.get_text() for p in page.find_all("p")] == texts
    assert (page.find("blockquote") is None) == bool(kinds)


def test_a_github_alerts_lines_are_counted_past_its_marker() -> None:
    body = "> [!NOTE]\n> Read the\n> glorp plam.\n"
    result = render_body(body, [QuoteRequest("q", "the glorp plan"), QuoteRequest("n", "Note")])
    assert result.closest["q"].line == 1  # counted from 0: the line after the marker's
    assert result.found == {}  # the title is no text of the body
    assert render_body(body, []).summary == "Read the glorp plam."


def test_a_table_is_in_a_box_that_scrolls_and_takes_the_focus() -> None:
    html, _ = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n")
    box = BeautifulSoup(html, "lxml").select_one("div.table-scroll")
    assert box is not None and box.get("tabindex") == "0"
    assert [c.name for c in box.children if c.name] == ["table"]


def gfm_table(columns: int, rows: int, cell: str = "c") -> str:
    head = "|" + "|".join(f"h{i}" for i in range(columns)) + "|\n" + "|---" * columns + "|\n"
    return head + ("|" + "|".join([cell] * columns) + "|\n") * rows


def cells(html: str) -> int:
    return len(BeautifulSoup(html, "lxml").find_all(["td", "th"]))


@pytest.mark.parametrize(
    "table",
    [
        gfm_table(201, 1000),  # 201,201 cells of one letter: 2.5 GB of tokens and more
        # 362 rows of one letter each, filled out to a header of 553 columns
        "|" + "h|" * 553 + "\n" + "|-" * 553 + "|\n" + "a\n" * 361,
    ],
    ids=["wide", "filled out"],
)
def test_a_table_past_the_cells_a_body_holds_is_left_out_and_named(table: str) -> None:
    """Its cells are counted before markdown-it makes their tokens: it is not read at all,
    and ``too_large`` names its first line."""
    result = render_body(f"Before.\n\n{table}\nAfter it.\n", [QuoteRequest("q", "After it")])
    assert result.too_large == 2
    assert cells(result.html) == 0
    assert set(result.found) == {"q"}


def test_a_real_documents_tables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables of a few thousand cells, in GitHub's, Pandoc's and HTML's forms, are read
    whole until their cells in total pass the limit; a table past what is left is left out,
    and the one after it that fits is read."""
    monkeypatch.setattr(table_cells, "MAX_CELLS", 10_000)
    pandoc = "  Name   Use\n  ------ ------\n" + "  a      b\n" * 499  # 1,000 cells
    html = "<table>\n" + "<tr><td>x</td><td>y</td></tr>\n" * 500 + "</table>\n"  # 1,000
    parts = [gfm_table(20, 299), pandoc, html, gfm_table(20, 200), gfm_table(2, 9)]
    result = render_body("\n".join(parts), [])
    assert result.too_large == "\n".join(parts[:3]).count("\n") + 1  # 4,020 cells
    assert cells(result.html) == 6_000 + 1_000 + 1_000 + 20
    assert render_body(gfm_table(20, 499), []).too_large is None  # 10,000 cells: the limit


@pytest.mark.parametrize(
    ("body", "quote", "tagged"),
    [
        ("In the 19^th^ century it grew.", "In the 19th century", ("sup", "th")),
        ("Emissions of CO~2~ fell.", "Emissions of CO₂ fell", ("sub", "2")),
        ("Emissions of CO~2~ fell.", "Emissions of CO2 fell", ("sub", "2")),
        ("It reached 10^6^ tonnes.", "reached 10⁶ tonnes", ("sup", "6")),
        ("The glorp plan^1^ works.", "The glorp plan works", ("sup", "1")),
    ],
)
def test_pandoc_superscripts_and_subscripts_read_as_their_tags(
    body: str, quote: str, tagged: tuple[str, str]
) -> None:
    """Pandoc writes a Word document's superscripts and subscripts so (``19^th^``,
    ``CO~2~``): shown and quoted as ``<sup>`` and ``<sub>`` are, not as the marks typed."""
    result = render_body(body, [QuoteRequest("q", quote)])
    assert result.found == {"q": 0}
    page = BeautifulSoup(result.html, "lxml")
    assert [(tag.name, tag.get_text()) for tag in page.find_all(["sup", "sub"])] == [tagged]
    assert "^" not in page.get_text() and "~" not in page.get_text()


@pytest.mark.parametrize(
    "body",
    ["Take x ^2 and a ~ b ~ c.", "A caret^ alone, ~one tilde.", "It ~~went~~ away.", "Zelt.^[a]^"],
)
def test_carets_and_tildes_around_spaces_or_alone_are_no_scripts(body: str) -> None:
    """No superscript nor subscript: a space inside, no mark closing it, a strike-through
    (``~~``), an inline note (``^[a]``)."""
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    assert page.find(["sub"]) is None
    assert [sup.get("class") for sup in page.find_all("sup")] == (
        [["footnote-ref"]] if "^[" in body else []
    )


_RANGES = "今年的价格100~200元，数量3~5个，需要约~1~2周。谢谢^_^，好的^^再见^^。好~谢谢~(^o^)。"


def test_ranges_and_emoticons_of_carets_and_tildes_stay_text(tmp_path: Path) -> None:
    """Chinese and Japanese write a range without spaces (``100~200元``) and emoticons of
    carets (``^_^``, ``^^``): the page shows them as typed, and a quote of them is found
    and highlighted whole; they were read as Pandoc's subscripts and superscripts
    (``<sub>200元，数量3</sub>``), the tildes and carets lost."""
    quote = "价格100~200元，数量3~5个，需要约~1~2周。谢谢^_^，好的^^再见^^。好~谢谢~(^o^)。"
    front = f"title: 价格\ndate: 2024-01-01\nquotes:\n  - text: {quote}\n"
    built = build_one_article(tmp_path, "2024-01-01-ranges", front, _RANGES + "\n")
    assert built.body.find(["sub", "sup", "em"]) is None
    assert built.body.get_text().strip() == _RANGES
    assert "".join(m.get_text() for m in built.body.select("mark.quote")) == quote


@pytest.mark.parametrize(
    ("body", "tagged"),
    [
        ("Binary 1010~2~ is ten.", [("sub", "2")]),  # a number's base, after a digit
        ("As cited^1,2^ and^1-3^ here.", [("sup", "1,2"), ("sup", "1-3")]),
        ("Zelt^®^ and glorp^*^ and plan^†^.", [("sup", "®"), ("sup", "*"), ("sup", "†")]),
    ],
)
def test_pandoc_marks_of_signs_and_bases_are_scripts(
    body: str, tagged: list[tuple[str, str]]
) -> None:
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    assert [(tag.name, tag.get_text()) for tag in page.find_all(["sup", "sub"])] == tagged


_NOTE = "Capacity of the glorp tanks was doubled."


@pytest.mark.parametrize("mark", ["<sup>1</sup> ", "^1^ ", "¹ ", '<sup><a href="#r1">1</a></sup> '])
@pytest.mark.parametrize("quote", [f"1 {_NOTE}", _NOTE])
def test_a_note_that_starts_with_its_mark_is_found_without_it(mark: str, quote: str) -> None:
    """A note as a word processor exports it (``<sup>1</sup> Capacity...``), copied from
    the page as a browser copies its mark (``1 Capacity...``) or typed without it, is found
    and highlighted without the mark, which is no part of its text."""
    result = render_body(f"Tanks.\n\n{mark}{_NOTE}\n", [QuoteRequest("q", quote)])
    assert list(result.found) == ["q"]
    page = BeautifulSoup(result.html, "lxml")
    assert [m.get_text() for m in page.select("mark")] == [_NOTE]


@pytest.mark.parametrize("mark", ["<sup>1</sup> ", "^1^ ", "¹ "])
def test_a_note_that_starts_with_its_mark_is_found_after_a_line_break(mark: str) -> None:
    """A copy across paragraphs holds the mark at the start of its line."""
    quote = f"Tanks.\n1 {_NOTE}"
    assert list(render_body(f"Tanks.\n\n{mark}{_NOTE}\n", [QuoteRequest("q", quote)]).found)


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("Tanks.\n\n<sup>2</sup> Capacity of the glorp tanks.", "1 Capacity of the glorp tanks."),
        ("Tanks.\n\n<sup>1</sup> Capacity of the glorp tanks.", "11 Capacity of the glorp tanks."),
        (
            "Table Capacity of the glorp tanks.\n\n¹ Capacity.",
            "Table 1 Capacity of the glorp tanks.",
        ),
        ("12 glorps were counted.", "2 glorps were counted."),
        ("Tanks.\n\n[1] Capacity of the glorp tanks.", "1 Capacity of the glorp tanks."),
    ],
)
def test_a_number_that_is_no_notes_mark_at_its_start_stays(body: str, quote: str) -> None:
    """A mark of another number, a ``1`` after a word of the quote (``Table 1 Capacity``,
    which the body does not hold so), a number that starts a paragraph as text and a
    bracketed one are text the quote must hold as written."""
    assert render_body(body, [QuoteRequest("q", quote)]).found == {}


def test_a_notes_mark_in_a_built_article_is_left_out_of_its_highlight(tmp_path: Path) -> None:
    front = (
        "title: Tanks\ndate: 2024-01-05\nquotes:\n"
        f"  - text: '1 {_NOTE}'\n    concepts: [glorp tanks]\n"
    )
    built = build_one_article(tmp_path, "2024-01-05-tanks", front, f"Tanks.\n\n^1^ {_NOTE}\n")
    assert [m.get_text() for m in built.body.select("mark")] == [_NOTE]
    assert [s.get_text() for s in built.body.select("sup")] == ["1"]


def test_a_notes_mark_not_found_is_hinted_as_a_notes_number_to_leave_out() -> None:
    """A mark after a space mid-sentence, copied as a digit: the hint says to leave the
    note's number out, not only after a word."""
    body = "The tanks <sup>1</sup> Capacity of the glorp tanks.\n"
    raw, _ = parse_document(
        "articles/a.md",
        (
            "---\ntitle: T\ndate: 2024-01-01\nquotes:\n"
            "  - text: tanks 1 Capacity of the glorp\n    concepts: [c]\n"
            f"---\n{body}"
        ).encode(),
    )
    _, problems = validate_article(raw)
    assert [p.code for p in problems] == ["quote-not-found"]
    assert "leave a note's number out, after a word or before a note's words" in problems[0].hint


_MARKER_SETS = [
    (":::", "!!!", "???", "```{"),
    ("[ ] ", "[x] ", "[X] "),
    ("[!",),
    ("}`",),
    ("```{", "~~~{"),
]


@given(st.text(st.sampled_from(list(":!?`{}[] xX~a\n"))), st.sampled_from(_MARKER_SETS))
@example("::!:::", (":::", "!!!"))
@example("[y] [x] ", ("[ ] ", "[x] ", "[X] "))
@example(": " * 20 + "::: a", (":::", "!!!", "???", "```{"))  # found past the patience
@example("`a" * 20 + "``{", (":::", "!!!", "???", "```{"))
@example("[" * 9, ("[!",))
@example("[" * 9 + "!", ("[!",))
@example("~~~ {" + "~" * 9 + "{", ("```{", "~~~{"))
def test_a_body_holds_a_marker_as_in_tells(text: str, found: tuple[str, ...]) -> None:
    """``markers.holds`` (``str.find``, then the regular expressions of the rules that pass
    over most bodies) tells what ``in`` tells of each marker."""
    assert markers.holds(text, found) == any(marker in text for marker in found)


def test_a_markers_first_character_is_looked_for_before_its_pattern(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A body holding none of a marker's first characters, or a few, is told without the
    marker's regular expression, which steps through it a character at a time: that looks
    only past ``PATIENCE`` places of the first character, from the first place not tried."""
    searched: list[int] = []
    pattern = re.compile(re.escape("[!"))

    class Spy:
        def search(self, text: str, at: int = 0) -> re.Match[str] | None:
            searched.append(at)
            return pattern.search(text, at)

    monkeypatch.setattr(markers, "_groups", lambda found: (("[", found, Spy(), ""),))
    assert not markers.holds("glorp zorp " * 500, ("[!",))
    assert markers.holds("[zorp](x) " * 3 + "> [!NOTE]", ("[!",))
    assert not markers.holds("[zorp](x) " * 3, ("[!",))
    assert searched == []
    many = "[zorp](x) " * (markers.PATIENCE + 2) + "> [!NOTE]"
    assert markers.holds(many, ("[!",))
    assert searched == [10 * markers.PATIENCE]


def test_a_markers_other_character_is_looked_for_before_its_places() -> None:
    """A character each marker of a group holds besides the first is looked for alone
    (``memchr``): a body of many links (``[``) and no ``!`` holds no ``[!``, told without
    trying each ``[``, nor the pattern."""
    assert [group[3] for group in markers._groups(("[!",))] == ["!"]
    assert [group[3] for group in markers._groups(("```{", "~~~{", ":::"))] == ["{", "{", ""]
    assert [group[3] for group in markers._groups(("[ ] ", "[x] ", "[X] "))] == [" "]

    class Unused:
        def search(self, text: str, at: int = 0) -> re.Match[str] | None:
            raise AssertionError("searched")

    text = "[zorp](x) " * (markers.PATIENCE + 2)
    groups = markers._groups(("[!",))
    assert not markers._holds(text, "[", ("[!",), Unused(), "!")  # type: ignore[arg-type]
    assert markers.holds(text + "> [!NOTE]", ("[!",)) and groups[0][3] == "!"


@given(st.text(st.sampled_from(list("jav script:htps/ \t\n\x00\x7f\x1f\x85é"))) | st.text())
@example("java\tscript:alert(1)")
@example("http s://x")
def test_a_safe_address_is_told_with_its_controls_and_spaces_left_out(url: str) -> None:
    """``is_safe_url`` leaves out no character of printable text without a space (most
    addresses), at C speed: the same answer as leaving them out of any address."""
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", url)
    assert markdown.is_safe_url(url) == bool(markdown._SAFE_SCHEME.match(cleaned))


@pytest.mark.parametrize("content", ["", "<mark>glorp</mark>", "<!--chips:q-1--><!--chips:q-2-->"])
def test_a_highlight_token_is_the_one_the_constructor_makes(content: str) -> None:
    """``_html`` makes its token as the parse does (``token_states.new_token``): field by field
    the constructor's, so markdown-it renders it the same."""
    assert markdown._html(content) == Token("html_inline", "", 0, content=content)


def test_the_placeholders_of_chips_keep_the_order_they_are_given() -> None:
    """Chips placed after an element keep the order the quotes were placed in, unsorted."""
    quotes = [QuoteRequest(f"q-{n}", "glorp") for n in range(3)]
    assert markdown._placeholders([2], quotes) == placeholder("q-2")
    assert markdown._placeholders([2, 0], quotes) == placeholder("q-2") + placeholder("q-0")


@st.composite
def _one_quote_marks(draw: st.DrawFn) -> tuple[str, list[markdown._Cover], dict[int, list[int]]]:
    """A covered text as ``_marked`` gets it: one or more quotes' parts, and chips at up to
    two places anywhere in the text (their ends and beyond, before, inside and at them)."""
    text = draw(st.text(st.sampled_from(list('glorp <&>"’\n')), min_size=1, max_size=12))
    offsets = st.integers(0, len(text))
    cover = []
    for quote in range(draw(st.integers(1, 2))):
        start, end = sorted(draw(st.lists(offsets, min_size=2, max_size=2, unique=True)))
        cover.append(markdown._Cover(draw(st.sampled_from([quote, 2])), start, end))
    places = draw(st.dictionaries(offsets, st.lists(st.integers(0, 2), max_size=2), max_size=2))
    return text, cover, places


@given(_one_quote_marks(), st.sets(st.integers(0, 2)))
@example(("glorp zorp", [markdown._Cover(0, 0, 5)], {5: [1, 0]}), set())
@example(("glorp zorp", [markdown._Cover(0, 6, 10)], {0: [1]}), {0})
@example(("glorp zorp", [markdown._Cover(0, 0, 10)], {5: [0]}), set())
def test_a_text_one_quote_covers_is_marked_as_the_sweep_marks_it(
    case: tuple[str, list[markdown._Cover], dict[int, list[int]]], opened: set[int]
) -> None:
    """``_one_mark``, the way of a text one quote covers with its chips at one place outside
    it (most covered texts), gives ``_marks``'s HTML and anchors, and leaves every other
    text to ``_marks``; the examples are those it takes."""
    text, cover, chips = case
    quotes = [QuoteRequest(f"q-{n}", "glorp", "de" if n == 1 else "") for n in range(3)]
    swept, fast = set(opened), set(opened)
    expected = markdown._marks(text, cover, quotes, swept, chips)
    html = markdown._one_mark(text, cover, quotes, fast, chips)
    one_place = len(chips) < 2 and all(not x.start < at < x.end for at in chips for x in cover)
    assert (html is not None) == (len(cover) == 1 and one_place)
    if html is not None:
        assert (html, fast) == (expected, swept)
    else:
        assert fast == opened


_SHOWN_PIECES = st.sampled_from(
    [
        *"a *_~^\n",
        *("<sup>1</sup>", "<sub>2</sub>", "![zorp](x.png)", "`code`", "<br>", "漢\n字"),
        *("<ruby>漢<rt>かん</rt></ruby>", "<!-- x\ny -->", "10^6^", "H~2~O", "[^1]\n\n[^1]: n\n"),
    ]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_SHOWN_PIECES, max_size=25).map("".join))
@example("glorp *zorp*\nzelt `tea` <br> 漢\n字")
def test_a_block_shown_as_it_is_reads_as_its_pieces(body: str) -> None:
    """``shown_text`` of a block without a superscript, subscript, image or ruby, each
    child as it is, is the text of its pieces (``shown_pieces``), as any other block's."""
    for token in markdown.parser().parse(body, markdown.body_env("", None, True)):
        children = token.children or []
        if token.type == "inline":
            pieces = "".join(text for text, _ in markdown.shown_pieces(children))
            assert markdown.shown_text(children) == pieces
