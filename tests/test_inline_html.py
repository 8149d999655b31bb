"""Raw HTML in bodies: comments are left out of every output, ``<br>`` and the formatting
tags (``<b>``, ``<i>``, ``<sup>``, ``<code>``...) become elements without their attributes,
the tags of other elements holding text (``<span>``, ``<div>``, ``<details>``, ``<td>``, an
anchor without an address) are left out with their text kept, and every other tag is shown
as typed. Read on the
``markup-heavy`` fixture's article that has them, built, and on bodies rendered alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import build_one_article, copy_content, run_cli
from sitecheck import soup

from concordance import inline_html, suggest, validate
from concordance.markdown import QuoteRequest, render_body

SOURCE = "articles/2023-04-04-raw-html.md"
PAGE = "articles/2023-04-04-raw-html/index.html"
SECRET = "zorblax"
"""A word only the fixture's comments hold."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("raw-html")
    out = tmp / "site"
    content = copy_content("markup-heavy", tmp)
    assert SECRET in (content / SOURCE).read_text(encoding="utf-8")
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    return out


def _body(site: Path) -> Tag:
    found = soup(site / PAGE).select_one("div.body")
    assert isinstance(found, Tag)
    return found


def _quote_text(site: Path, quote: str) -> str:
    """The text of every mark of ``quote``, found by its link in the statement index."""
    page = soup(site / PAGE)
    link = next(a for a in page.select(".statement-index a") if a.get_text() == quote)
    marks = page.select(f'mark[data-quote="{str(link["href"])[1:]}"]')
    return " ".join("".join(m.get_text() for m in marks).split())


def test_no_comment_reaches_any_output_file(site: Path) -> None:
    files = [p for p in site.rglob("*") if p.is_file()]
    assert [str(p) for p in files if SECRET.encode() in p.read_bytes()] == []


def test_what_the_reader_sees(site: Path) -> None:
    """No paragraph is left of comments or tags alone; formatting tags are elements, the tags
    of other elements holding text are left out, other tags are text."""
    paragraphs = [" ".join(p.get_text().split()) for p in _body(site).find_all("p")]
    assert paragraphs == [
        "Speaker 14 said the zelt tea harvest doubled this year. zelt tea",
        "Readers see <!-- this --> as written, zelt tea and <!-- code --> stays code."
        " An opened <!-- with no end stays text.",
        "She added that the wobble figure rose to 102 units zelt tea and fell later;"
        " <script>alert(1)</script> stays text, as does an <b>unclosed tag, and an anchor"
        " shows its text. A raw link is a link.",
        "A centred line of the report. zelt tea",
        "Harvest notes",
        "The notes run on.",
        # BeautifulSoup's text leaves out a ruby's annotation (<rt>), as a reading does.
        "List<String> and <T> stay as typed; x, y and 漢 are elements. zelt tea",
    ]
    body = _body(site)
    assert body.find(["font", "details", "summary"]) is None
    # The table written in HTML, then Markdown's, each in its box.
    assert [d["class"] for d in body.find_all("div")] == [["table-scroll"], ["table-scroll"]]
    cells = [" ".join(td.get_text().split()) for td in body.find("table").find_all("td")]
    assert cells == ["alpha", "beta zelt tea"]
    typed = ("<div", "<p", "</p", "<font", "<mark", "<details", "<summary", "<table", "<td", "<a")
    assert [tag for tag in typed if tag in body.get_text()] == []


def test_formatting_tags_and_links_are_elements_without_attributes(site: Path) -> None:
    body = _body(site)
    shown = ["strong", "em", "sup", "sub", "br", "span", "script", "a", "code", "q", "ruby", "rt"]
    elements = [
        (e.name, e.get_text(), dict(e.attrs))
        for e in body.find_all(shown)
        if "chip" not in e.get("class", []) and "chips" not in e.get("class", [])
    ]
    assert elements == [
        ("code", "<!-- code -->", {}),  # Markdown's own
        ("strong", "the wobble figure", {}),
        ("em", "wobble", {}),
        ("sup", "2", {}),
        ("br", "", {}),
        ("a", "", {"id": "h:top"}),  # <a name="top">: the place its name gives
        ("a", "raw link", {"href": "https://example.org/report"}),  # no onclick
        ("code", "x", {}),
        ("q", "y", {}),
        ("ruby", "漢", {}),
        ("rt", "kan", {}),
        ("br", "", {}),
        ("sub", "a", {}),
    ]
    assert body.find("span", style=True) is None
    assert [m.get_text() for m in body.find_all("mark") if "quote" not in m["class"]] == []


def test_quotes_run_across_comments_and_tags(site: Path) -> None:
    harvest = "the zelt tea harvest doubled this year"
    assert _quote_text(site, harvest) == harvest
    # "10<sup>2</sup>" reads as 10²: a superscript is a mark, as ² is, and the quote says 10².
    assert _quote_text(site, "the wobble figure rose to 10² units") == (
        "the wobble figure rose to 102 units"
    )
    # Quotes run across the tags left out, a block's standing for a space between words.
    assert _quote_text(site, "A centred line of the report") == "A centred line of the report"
    # ... and across the cells of a table written in HTML, as across blocks: a mark in each.
    assert _quote_text(site, "alpha beta") == "alphabeta"
    # A ruby's reading is read above the text, not in it.
    assert _quote_text(site, "y and 漢 are elements") == "y and 漢 are elements"


def test_escaped_comments_code_and_unclosed_openers_stay_as_written(site: Path) -> None:
    body = _body(site)
    code = body.find("code")
    assert isinstance(code, Tag) and code.get_text() == "<!-- code -->"
    quote = "Readers see <!-- this --> as written"
    assert _quote_text(site, quote) == quote


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("a <!-- *open --> b* c", "a  b* c"),
        ("*a <!-- b* --> c", "*a  c"),
        ("x <!-- 1 --> y <!--> z <!---> w", "x  y  z  w"),
        ("[a <!-- c --> b](https://example.org)", '<a href="https://example.org">a  b</a>'),
        ("*a <b>b* c</b>", "<em>a <b>b</em> c</b>"),
        ("<i>un <b>closed</i> x</b>", "<em>un <b>closed</em> x</b>"),
        ("[x <i>y</i>](https://e.org) <i>z", '<a href="https://e.org">x <em>y</em></a> <i>z'),
        ('<B onclick="x()">bold</B> <b/>', "<strong>bold</strong> <b/>"),
        ("<b\nclass=x>two lines</b>", "<strong>two lines</strong>"),
    ],
)
def test_markup_is_never_cut_in_two(body: str, shown: str) -> None:
    """A comment holds no markup, and a formatting tag becomes an element only when it closes
    within the same Markdown element: otherwise it is text, and the HTML stays well formed."""
    html = render_body(body, []).html
    assert html.replace("&lt;", "<").replace("&gt;", ">") == f'<p dir="ltr">{shown}</p>\n'


def test_a_quote_inside_a_comment_is_not_found() -> None:
    result = render_body(
        "Shown words. <!-- the hidden glorp plan -->", [QuoteRequest("q", "glorp")]
    )
    assert result.found == {}
    assert "glorp" not in result.html


@pytest.mark.parametrize("alone", ["<!-- a -->", "<!-- a --> <!-- b -->", "<!-- a\nb -->"])
def test_a_paragraph_of_comments_alone_is_left_out(alone: str) -> None:
    assert render_body(f"{alone}\n\nText.", []).html == '<p dir="ltr">Text.</p>\n'


def test_a_quote_in_a_comment_is_a_located_error(tmp_path: Path) -> None:
    content = copy_content("markup-heavy", tmp_path)
    source = content / SOURCE
    text = source.read_text(encoding="utf-8")
    extra = "  - text: check the figure\n    concepts: [zelt tea]\n"
    source.write_text(text.replace("quotes:\n", f"quotes:\n{extra}", 1), encoding="utf-8")
    result = run_cli("check", "--content", str(content))
    assert result.code == 1
    assert f"{SOURCE}:6:11: error: quote not found" in result.stderr


def test_a_line_break_tag_counts_no_line_of_the_source() -> None:
    """The hint of a quote not found names the line its closest passage is on."""
    body = "One<br>two<br>three\nfour glorp plam five."
    result = render_body(body, [QuoteRequest("q", "four glorp plan five")])
    assert result.closest["q"].line == 1


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('<p align="center">alpha</p><p>beta</p>', ["alpha", "beta"]),
        # A table read as one only when it is rows of cells (``html_blocks``).
        ("<table><caption>alpha</caption><tr><td>beta</td></tr></table>", ["alpha", "beta"]),
        ('al<span class="x">ph</span>a <font\ncolor="red">be</font>ta', ["alpha", "beta"]),
        ("<details>\n<summary>alpha</summary>\n\nbeta\n\n</details>", ["alpha", "beta"]),
        ('<a name="top"></a>alpha <a id="b">beta</a>', ["alpha", "beta"]),
        ("<mark>alpha</mark> <wbr>beta</wbr>", ["alpha", "beta"]),
    ],
)
def test_the_tags_of_elements_holding_text_are_left_out(body: str, words: list[str]) -> None:
    """Their text stays, a block's tag standing for a space, and no paragraph is left of
    tags alone."""
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    assert page.get_text().split() == words
    assert page.find(["div", "span", "font", "table", "details", "summary", "mark"]) is None
    assert all(p.get_text().strip() for p in page.find_all("p"))


def test_a_tag_left_out_keeps_the_lines_it_ran_over() -> None:
    body = '<div\nclass="x">One</div>\ntwo <span\n\tstyle="y">three</span>\nfour glorp plam.'
    result = render_body(body, [QuoteRequest("q", "four glorp plan")])
    assert result.closest["q"].passage == "four glorp plam."
    assert result.closest["q"].line == 4  # counted from 0: "four" is on the fifth line


def test_a_quote_pasted_with_the_tags_of_a_table_is_found() -> None:
    body = "<table><tr><td>glorp</td><td>plan</td></tr></table>"
    result = render_body(body, [QuoteRequest("q", "<td>glorp</td><td>plan</td>")])
    assert result.found == {"q": 0}


@pytest.mark.parametrize(
    ("quote", "marked"),
    [
        ("漢字も使われる", "漢字も使われる"),
        ("<ruby>漢字<rt>かんじ</rt></ruby>も使われる", "漢字も使われる"),
        ("使われる。漢", "使われる。漢"),
        # Copied from the page, with the readings a browser copies after their text.
        ("漢字かんじも使われる", "漢字も使われる"),
        ("使われる。漢kan", "使われる。漢"),
        ("使われる。漢(kan)", "使われる。漢"),
    ],
)
def test_a_quote_reads_a_ruby_without_its_annotation(quote: str, marked: str) -> None:
    """The reading above the text (``<rt>``) and the parentheses around it (``<rp>``) are not
    in the text a quote is compared with, as a reader reads the sentence; a quote copied
    from the page holds them after their text, as a browser copies a ruby, and is found."""
    body = (
        "段落では、<ruby>漢字<rt>かんじ</rt></ruby>も使われる。"
        "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>"
    )
    result = render_body(body, [QuoteRequest("q", quote)])
    assert result.found == {"q": 0}
    marks = BeautifulSoup(result.html, "lxml").select("mark")
    assert "".join(m.get_text() for m in marks) == marked
    assert not any(m.find_parent(["rt", "rp"]) for m in marks)


@pytest.mark.parametrize(
    "quote",
    ["多变[1]，要保持战略定力。漢字かんじ的读音", "定力。漢字(かんじ)的读音问题[2]也被"],
)
def test_a_quote_copied_with_a_notes_number_and_a_rubys_reading_is_found(
    tmp_path: Path, quote: str
) -> None:
    """A copy from the page holds both what a browser copies of a ruby (its reading after
    its text) and a note's number as the page shows it ([1]): each is left out, as when the
    copy holds one alone, and the highlight covers the words a reader reads."""
    front = f"title: 发言人七\ndate: 2024-02-01\nquotes:\n  - text: {quote}\n"
    body = (
        "会议认为，当前形势复杂多变[^1]，要保持战略定力。<ruby>漢字<rp>(</rp><rt>かんじ</rt>"
        "<rp>)</rp></ruby>的读音问题[^2]也被提及。\n\n[^1]: 注释。\n[^2]: 另一注释。\n"
    )
    built = build_one_article(tmp_path, "2024-02-01-zh", front, body)
    marks = built.body.select("mark.quote")
    expected = quote.replace("[1]", "").replace("[2]", "").replace("(かんじ)", "")
    assert "".join(m.get_text() for m in marks) == expected.replace("かんじ", "")
    assert not any(m.find_parent(["rt", "rp", "sup"]) for m in marks)


def test_a_quote_pasted_with_its_tags_is_found() -> None:
    body = "Speaker 3 said the <b>glorp</b> plan works."
    result = render_body(body, [QuoteRequest("q", "the <b>glorp</b> plan works")])
    assert result.found == {"q": 0}
    html = BeautifulSoup(result.html, "lxml")
    assert "".join(m.get_text() for m in html.select("mark")) == "the glorp plan works"


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("In 2019<sup>1</sup> the glorp plan began.", "In 2019<sup>1</sup> the glorp plan"),
        ("It grew to 10<sup>2</sup> units.", "10<sup>2</sup> units"),
        ("First line<br>second line.", "First line<br>second line"),
    ],
)
def test_a_quote_pasted_with_a_superscript_or_line_break_is_found(body: str, quote: str) -> None:
    """Pasted with its tags, a quote is read as the body is: ``<br>`` a space, not nothing
    ("linesecond"), and a superscript a mark, not digits of the number ("20191")."""
    assert render_body(body, [QuoteRequest("q", quote)]).found == {"q": 0}


def test_a_closing_tag_looks_back_over_a_bounded_number_of_open_ones() -> None:
    """Past ``LOOK_BACK`` tags still open, a closing tag stays text: unbounded, a body of
    thousands of ``<i>`` then thousands of ``</b>`` took time in the square of its length."""
    inside = "<i>" * (inline_html.LOOK_BACK - 1)
    html = BeautifulSoup(render_body(f"<b>{inside}x</b>", []).html, "lxml")
    assert html.find("strong") is not None
    html = BeautifulSoup(render_body(f"<b>{inside}<i>x</b>", []).html, "lxml")
    assert html.find("strong") is None
    assert html.get_text().strip().endswith("x</b>")


@pytest.mark.parametrize(
    ("body", "found", "refused"),
    [
        # After a number, an exponent: part of it (10 tonnes is not 10⁶ tonnes, nor 106).
        ("It reached 10<sup>6</sup> tonnes.", "reached 10⁶ tonnes", ["reached 10 tonnes"]),
        ("It reached 10<sup>-6</sup> m.", "reached 10⁻⁶ m", ["reached 10 m", "reached 10"]),
        ("It reached 10<sup> 6 </sup> tonnes.", "reached 10⁶ tonnes", ["reached 10 tonnes"]),
        ("In 2019<sup>1</sup>5 units.", "In 2019¹5 units", ["In 2019", "20195 units"]),
        # After a word, a note's mark: left out, and it ends the word (glorp, then plan).
        ("The glorp<sup>1</sup>plan went.", "The glorp plan went", ["The glorpplan"]),
        # Linked to its note, as word processors export it: a mark after a number too.
        ('In 2019<sup><a href="#n1">1</a></sup> it rose.', "In 2019 it rose", []),
        # Letters: part of the word, an ordinal or a title.
        ("The 19<sup>th</sup> plan; M<sup>me</sup> Zelt.", "The 19th plan", ["The 19 plan"]),
        ("Then M<sup>me</sup> Zelt spoke.", "Then Mme Zelt spoke", ["Then M Zelt"]),
        # Letters written with vowel signs or points are letters too, in any script.
        ("ग्लोर्प <sup>योजना</sup> ज़ोर्प.", "ग्लोर्प योजना ज़ोर्प", ["ग्लोर्प ज़ोर्प"]),
        ("zorp <sup>ซอร์ป</sup> blim.", "zorp ซอร์ป blim", ["zorp blim"]),
        ("بليم <sup>مُخطط</sup> زورب.", "بليم مخطط زورب", ["بليم زورب"]),
        # A sign of a trade mark or copyright, as press releases set it: part of the name,
        # as a browser copies it (Zelt®); a dagger or star is a note's mark.
        ("The Zelt<sup>®</sup> plan works.", "The Zelt® plan works", ["The Zelt plan works"]),
        ("Zelt<sup>©</sup> 2024 holds.", "Zelt© 2024 holds", ["Zelt 2024 holds"]),
        ("The Zelt<sup>™</sup> plan works.", "The Zelt™ plan works", []),  # as ™ alone reads
        ("The zelt plan<sup>†</sup> works.", "The zelt plan works", ["The zelt plan† works"]),
        # A subscript is always part of its word.
        ("Emissions of CO<sub>2</sub> fell.", "Emissions of CO₂ fell", ["Emissions of CO fell"]),
    ],
)
def test_a_superscript_reads_as_the_characters_that_stand_for_it(
    body: str, found: str, refused: list[str]
) -> None:
    """``<sup>`` of one word reads as superscript characters do (``textnorm.Folder``)."""
    quotes = [QuoteRequest("q", found), *(QuoteRequest(f"r{i}", r) for i, r in enumerate(refused))]
    assert render_body(body, quotes).found == {"q": 0}


@pytest.mark.parametrize(
    ("body", "quote", "marked"),
    [
        ("The zelt<sup>1</sup> fund grew.", "The zelt1 fund grew", "The zelt fund grew"),
        ('Our *zelt*<sup><a href="#n1">12</a></sup> fund.', "Our zelt12 fund.", "Our zelt fund."),
        ("So E = mc^2^ holds.", "E = mc2 holds", "E = mc holds"),
        # After a letter and its vowel signs, and at any letter of a script without spaces.
        ("ज़ोर्प योजना<sup>8</sup> की.", "ज़ोर्प योजना8 की", "ज़ोर्प योजना की"),
        ("推动格洛普<sup>2</sup>发展。", "洛普2发展", "洛普发展"),
        ("กลอร์ปซอร์ป<sup>6</sup> blim.", "ซอร์ป6 blim", "ซอร์ป blim"),
    ],
)
def test_a_notes_mark_copied_from_the_page_after_a_word_is_left_out(
    body: str, quote: str, marked: str
) -> None:
    """A browser copies a mark of digits after a word as digits (``zelt1``): the quote is
    found without it, as a reader reads the sentence, and so is its highlight."""
    result = render_body(body, [QuoteRequest("q", quote)])
    assert result.found == {"q": 0}
    page = BeautifulSoup(result.html, "lxml")
    assert "".join(m.get_text() for m in page.select("mark")) == marked


@pytest.mark.parametrize(
    ("body", "quote", "refused"),
    [
        ("Zorp frob <sup>2.5.4+</sup> glims.", "Zorp frob 2.5.4+ glims", "Zorp frob glims"),
        ("|plonk<sup>1.5</sup>|x|\n|-|-|\n", "plonk1.5", "plonk"),
        ("غلرب <sup>٢٫٥</sup> زلت.", "غلرب ٢٫٥ زلت", "غلرب زلت"),
    ],
)
def test_a_superscript_of_a_decimal_number_is_text(body: str, quote: str, refused: str) -> None:
    """A version a feature is new in (``<sup>2.5.4+</sup>``, as documentation sets it) is no
    note's mark: a reader copies it as text, and it is highlighted with its sentence."""
    result = render_body(body, [QuoteRequest("q", quote), QuoteRequest("r", refused)])
    assert result.found == {"q": 0}
    page = BeautifulSoup(result.html, "lxml")
    assert "".join(m.get_text() for m in page.select("mark")).split() == quote.split()


@pytest.mark.parametrize(
    ("body", "quote", "marked"),
    [
        ("The glorp holds.<sup>3</sup> Zorp", "glorp holds.3 Zorp", "glorp holds. Zorp"),
        ("He said “glorp holds.”<sup>4</sup> So", "“glorp holds.”4 So", "“glorp holds.” So"),
        ("Die „Zorp“<sup>12</sup> blieb.", "Die „Zorp“12 blieb", "Die „Zorp“ blieb"),
        ("The plan (glorp)<sup>5</sup> grew", "plan (glorp)5 grew", "plan (glorp) grew"),
        ("他说「计划很好」<sup>6</sup>。然后", "好」6。然后", "好」。然后"),
        ("Il dit « Oui ! »<sup>9</sup> puis", "« Oui ! »9 puis", "« Oui ! » puis"),
        # After a word that an invisible character parts from the one before: the quote
        # typed by hand does not hold it.
        ("Zorp \u200bglorp<sup>7</sup> holds", "glorp7 holds", "glorp holds"),
        ("Zorp \u200eblim<sup>8</sup> holds", "blim8 holds", "blim holds"),
    ],
)
def test_a_notes_mark_copied_from_the_page_after_punctuation_is_left_out(
    tmp_path: Path, body: str, quote: str, marked: str
) -> None:
    """A note's mark after a sentence's full stop or closing quotation mark is copied as
    digits too (``holds.3``): found without it, as after a word. It was not found, and the
    hint showed the passage with no mark in it."""
    front = f"title: Marks\ndate: 2024-01-01\nquotes:\n  - text: '{quote}'\n    id: q-m\n"
    one = build_one_article(tmp_path, "2024-01-01-marks", front, body + "\n")
    shown = "".join(mark.get_text() for mark in one.body.select('mark[data-quote="q-m"]'))
    assert shown == marked


def test_a_notes_mark_copied_after_a_numbers_full_stop_is_not_left_out() -> None:
    """``2019.1`` may be a number, as ``20191`` may: not found."""
    result = render_body("In 2019.<sup>1</sup> it grew.", [QuoteRequest("q", "In 2019.1 it grew")])
    assert result.found == {}


def test_a_notes_mark_copied_after_a_number_is_not_left_out() -> None:
    """``20191`` may be the year 2019 and its mark, or a number: not found (the hint says
    to write 2019¹)."""
    result = render_body("In 2019<sup>1</sup> it grew.", [QuoteRequest("q", "In 20191 it grew")])
    assert result.found == {}


def test_an_exponent_is_highlighted_and_shown_as_the_page_shows_it() -> None:
    """A quote of it typed plainly is shown as the body writes it: 10⁶, not 106."""
    result = render_body(
        "It reached 10<sup>6</sup> tonnes.", [QuoteRequest("q", "“reached 10⁶ tonnes”")]
    )
    assert result.found == {"q": 0}
    assert result.shown["q"] == "reached 10⁶ tonnes"
    html = BeautifulSoup(result.html, "lxml")
    assert html.select_one("sup").get_text() == "6"
    assert "".join(m.get_text() for m in html.select("mark")) == "reached 106 tonnes"


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("The zelt<sup>1</sup> fund grew.", "The zelt fund grew"),
        ('And in 2019<sup><a href="#fn1">1</a></sup> we won.', "in 2019 we won"),
        ("The glorp<sup>*</sup> fund shrank.", "The glorp fund shrank"),
        # Before punctuation, as word processors and wikis place them: the mark stands for
        # no space ("plan , she said").
        ("We back the plan<sup>1</sup>, she said.", "the plan, she said"),
        ('Call it "a tea party"<sup>[4]</sup>; it ends.', 'Call it "a tea party"; it ends'),
        ('It ends<sup><a href="#_ftn1">[1]</a></sup>. Then more.', "It ends. Then more"),
    ],
)
def test_the_highlight_leaves_out_a_notes_mark_as_the_quote_does(body: str, quote: str) -> None:
    """A note's mark written as a superscript is no part of the quote, as a note reference
    (``[^1]``) is not: no mark covers it."""
    result = render_body(body, [QuoteRequest("q", quote)])
    assert result.found == {"q": 0}
    html = BeautifulSoup(result.html, "lxml")
    assert "".join(m.get_text() for m in html.select("mark")) == quote
    assert html.select("sup mark") == []


@pytest.mark.parametrize("quote", ["the plan, she said", "the plan¹, she said"])
def test_a_notes_mark_written_as_a_character_before_punctuation_may_be_left_out(
    quote: str,
) -> None:
    result = render_body("We back the plan¹, she said.", [QuoteRequest("q", quote)])
    assert result.found == {"q": 0}
    assert result.shown["q"] == "the plan¹, she said"


def test_a_superscript_of_several_words_is_small_print_read_as_text() -> None:
    """A superscript of one word is a mark (a note's number, an exponent); one of several
    words is small print, as READMEs set a line of thanks, which a reader reads and copies
    as text. A quote ending before it gets its chips there, not past the small print."""
    body = (
        "The note reads <sup><em>set small, the glorp plan</em></sup> then on."
        " And 2019<sup>1</sup> too. A plan<sup>2</sup> ends."
    )
    quotes = [
        QuoteRequest("a", "The note reads"),
        QuoteRequest("b", "set small, the glorp plan then on"),
        QuoteRequest("c", "A plan"),
        QuoteRequest("d", "And 2019¹ too"),
    ]
    result = render_body(body, quotes)
    assert result.found == {"a": 0, "b": 0, "c": 0, "d": 0}
    html = BeautifulSoup(result.html, "lxml")
    small = "".join(m.get_text() for m in html.select('mark[data-quote="b"]'))
    assert small == "set small, the glorp plan then on"
    assert "The note reads</mark><!--chips:a--> <sup>" in result.html
    assert "A plan</mark><sup>2</sup><!--chips:c-->" in result.html
    assert render_body(body, [QuoteRequest("q", "And 20191 too")]).found == {}


def test_suggest_counts_no_line_for_a_line_break_tag() -> None:
    """``suggest`` names the line each sentence starts on: a ``<br>`` ends none."""
    body = "First one.<br>Second one.\nThird one <!-- a\nb --> on. Fourth one."
    sentences = suggest.paragraph_sentences(body, body_line=10)
    assert [(s.line, s.text) for s in sentences] == [
        (10, "First one."),
        (10, "Second one."),
        (11, "Third one on."),
        (12, "Fourth one."),
    ]


WRAPPED_TAGS = (
    'The glorp (<span\n    class="strong">**r**</span>) plams the\n'
    'zel<!-- a\nnote -->tea, <a\n  name="x"></a>wobbly.\n'
)
"""Tags and a comment that a line break of the source runs through, as Pandoc wraps a long
tag: the page shows no space where the tag or comment stood."""


def test_a_tag_a_line_runs_through_shows_no_space(tmp_path: Path) -> None:
    """A browser shows none inside a tag: the page reads "(r)" and "zeltea", and a quote
    copied from it is found and highlighted whole."""
    quotes = ["glorp (r) plams the zeltea, wobbly", "(r)"]
    entries = "".join(f"  - text: '{quote}'\n" for quote in quotes)
    front = f"title: Wrapped\ndate: 2024-01-05\nquotes:\n{entries}"
    one = build_one_article(tmp_path, "2024-01-05-wrapped", front, WRAPPED_TAGS)
    assert " ".join(one.body.get_text().split()) == "The glorp (r) plams the zeltea, wobbly."
    for quote in quotes:
        marks = one.body.select(f'mark[data-quote="{validate.quote_id(quote)}"]')
        assert " ".join("".join(m.get_text() for m in marks).split()) == quote


def test_a_tag_a_line_runs_through_keeps_its_line() -> None:
    """The line break counts its line still: a closest passage, and each sentence
    ``suggest`` offers, is on the line it is on; and the sentence reads as the page."""
    result = render_body(WRAPPED_TAGS + "\nA zorp dims.", [QuoteRequest("q", "wobbli")])
    assert (result.closest["q"].passage, result.closest["q"].line) == ("wobbly.", 4)
    sentences = suggest.paragraph_sentences(WRAPPED_TAGS + "A zorp dims.", body_line=10)
    assert [(s.line, s.text) for s in sentences] == [
        (10, "The glorp (r) plams the zeltea, wobbly."),
        (15, "A zorp dims."),
    ]


@pytest.mark.parametrize(
    "tag",
    [
        '<a\nhref="https://example.org">plam</a>',
        "<b\nclass=x>plam</b>",
        '<img\nsrc="https://example.org/p.png" alt="plam">',
        '<a href="https://example.org"\nclass="ulink">pl<b\nclass="y">am</b></a>',
    ],
)
def test_an_element_made_of_a_tag_keeps_the_lines_it_ran_over(tag: str) -> None:
    """As Pandoc's GFM wraps a link's tag (``<a href="..."`` at a line's end,
    ``class="ulink">`` on the next): the words after are on the lines they are on."""
    body = f"Zelt {tag} wobs.\nGlorp zorp dims."
    closest = render_body(body, [QuoteRequest("q", "Glorp zorp dimz")]).closest["q"]
    assert closest.line == tag.count("\n") + 1  # "Glorp" starts the passage
    sentences = suggest.paragraph_sentences(body, body_line=10)
    assert [s.line for s in sentences] == [10, 11 + tag.count("\n")]


def test_elements_made_of_tags_nest_a_bounded_depth() -> None:
    """Past ``MAX_OPEN`` tags open at once a tag stays text: a page of 50,000 ``<b><i>``
    nested took Pagefind time in the square of their depth to index."""
    depth = inline_html.MAX_OPEN + 10
    html = BeautifulSoup(render_body("<b>" * depth + "x" + "</b>" * depth, []).html, "lxml")
    assert len(html.find_all("strong")) == inline_html.MAX_OPEN
    assert html.get_text().strip() == "<b>" * 10 + "x" + "</b>" * 10


@pytest.mark.parametrize(
    ("body", "links", "as_text"),
    [
        (
            '<a href="https://e.org/?a=1&amp;b=2" onclick="x()" title="t">the report</a>',
            [("https://e.org/?a=1&b=2", "the report")],
            "",
        ),
        ("<A HREF='https://e.org'>caps</A>", [("https://e.org", "caps")], ""),
        ('<a href="https://e.org">https://e.org</a>', [("https://e.org", "https://e.org")], ""),
        ('<a href="javascript:alert(1)">x</a>', [], '<a href="javascript:alert(1)">'),
        ('<a href="&#106;avascript:alert(1)">x</a>', [], '<a href="&#106;avascript:'),
        ('<a href="https://e.org">[md](https://f.org)</a>', [("https://f.org", "md")], "<a href"),
        (
            '[md <a href="https://e.org">raw</a>](https://f.org)',
            [("https://f.org", 'md <a href="https://e.org">raw</a>')],
            '<a href="https://e.org">',
        ),
        ('<a name="top">anchor</a> <a id=x>', [], "anchor "),  # no address: left out
        ('<a href="https://e.org">unclosed', [], '<a href="https://e.org">'),
    ],
)
def test_a_raw_link_is_a_link_where_markdown_would_make_one(
    body: str, links: list[tuple[str, str]], as_text: str
) -> None:
    """Its address checked as a Markdown link's, with no attribute but ``href``; never a
    link inside a link: the raw one stays text."""
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    made = page.find_all("a", href=True)
    assert [(a["href"], a.get_text()) for a in made] == links
    assert all(list(a.attrs) == ["href"] and a.find("a") is None for a in made)
    assert as_text in page.get_text()


def test_a_raw_link_holding_a_note_stays_text() -> None:
    page = BeautifulSoup(render_body('<a href="https://e.org">see^[a note]</a>', []).html, "lxml")
    assert all(a.get("href") != "https://e.org" for a in page.find_all("a"))
    assert all(a.find("a") is None for a in page.find_all("a"))


def test_a_raw_image_is_an_image_with_its_text_and_title_only() -> None:
    body = (
        '<img src="https://e.org/c.png" alt="A &quot;chart&quot;" title="T" onerror="x()">'
        ' <img src="javascript:x()" alt="no"> <IMG SRC=https://e.org/d.png>'
    )
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    images = [dict(img.attrs) for img in page.find_all("img")]
    assert images == [
        {"src": "https://e.org/c.png", "alt": 'A "chart"', "title": "T"},
        {"src": "https://e.org/d.png", "alt": ""},
    ]
    assert '<img src="javascript:x()" alt="no">' in page.get_text()


COMMENTED = """\
Before the notes.

<!-- notes for editors

zorblax line kept from readers

  more notes -->

The glorp plan holds after the notes.

Text then
<!-- a second note

across a blank line -->
after it.

> <!-- a quoted note
>
> still quoted -->
> The quoted line.

<!-- YAML
added:
  - v1.0.0
-->

<pre class="licence">
Licence &amp; terms <b>in bold</b>

  kept indented
</pre>

<!-- never closed

shown as typed.

Sponsored by <a href="https://example.org/"><img title="Synthetic Sponsor"
src="https://example.org/logo.svg"></a> and a line</br>break.

![](https://example.org/x.png)
"""


def test_comments_and_pre_blocks_starting_a_line_hold_what_they_enclose(tmp_path: Path) -> None:
    """A comment that starts a line (a README's block of notes, Node's YAML of versions) is
    left out whole, though it holds blank lines or what looks like a list, in a quote block
    too, and the lines after it keep their numbers; one never closed is shown as typed.
    ``<pre>`` starting a line is a block of code, its tags left out and its character
    references read. A remote image without text is shown by its title, and ``</br>`` is a
    line break, as browsers read it."""
    front = (
        "title: Notes\ndate: 2024-01-01\nspeaker: Speaker 3\nquotes:\n"
        "  - text: The glorp plan holds after the notes\n    concepts: [zorvex]\n"
    )
    one = build_one_article(tmp_path, "2024-01-01-notes", front, COMMENTED)
    source, built, body = one.source, one.built, one.body
    text = body.get_text()
    hidden = ["zorblax", "notes for editors", "more notes", "second note", "still quoted"]
    for word in [*hidden, "YAML", "added:", "v1.0.0", "<pre", "</pre>", "<b>"]:
        assert word not in text, word
    [code] = body.select("pre > code")
    assert code.get_text() == "Licence & terms in bold\n\n  kept indented\n"
    paragraphs = [" ".join(p.get_text().split()) for p in body.select("p")]
    assert paragraphs[:3] == [
        "Before the notes.",
        "The glorp plan holds after the notes.",
        "Text then",
    ]
    assert "after it." in paragraphs and "The quoted line." in paragraphs
    assert "<!-- never closed" in text and "shown as typed." in text
    assert body.find("a", string="Synthetic Sponsor")["href"] == "https://example.org/"
    assert body.find("a", string="image")["href"] == "https://example.org/x.png"
    broken = next(p for p in body.select("p") if "and a line" in p.get_text())
    assert broken.find("br") is not None and "</br>" not in broken.get_text()
    # Diagnostics after the comments name the lines of the file.
    row = source.split("\n").index("![](https://example.org/x.png)") + 1
    assert f"2024-01-01-notes.md:{row}:5: warning: image https://example.org/x.png" in built.stderr


def test_a_picture_shows_its_image_and_none_of_its_sources(tmp_path: Path) -> None:
    """A README's logo for either theme: the ``<img>`` is the picture (of another site, so a
    link to it), the ``<source>`` of the dark theme's is no text."""
    body = (
        "<picture>\n"
        '  <source media="(prefers-color-scheme: dark)" srcset="https://e.org/dark.svg">\n'
        '  <img alt="Glorp logo" src="https://e.org/light.svg">\n'
        "</picture>\n\nThe glorp plan."
    )
    front = "title: Logo\ndate: 2024-01-05\nquotes:\n  - text: The glorp plan.\n    concepts: [x]\n"
    one = build_one_article(tmp_path, "2024-01-05-logo", front, body)
    assert [a["href"] for a in one.body.find_all("a")] == ["https://e.org/light.svg"]
    assert one.body.get_text().split() == ["Glorp", "logo", "The", "glorp", "plan."]
    assert one.body.find("source") is None


def test_the_tags_word_writes_in_office_namespaces_are_left_out(tmp_path: Path) -> None:
    """A paragraph of a document Word saved as a web page: its ``<o:p>``, smart tags
    (``<st1:City>``, which CommonMark would take for an address) and conditions around a
    list's number (``<![if !supportLists]>``) are left out with their text kept, and a quote
    runs across them as the reader sees the sentence."""
    body = (
        '<p class=MsoNormal>The glorp plan reaches <st1:place w:st="on"><st1:City w:st="on">'
        "Testville</st1:City></st1:place> today.<o:p></o:p></p>\n\n"
        "<p class=MsoNormal>zelt tea first.<o:p>&nbsp;</o:p></p>\n"
        '<v:shape id=x><v:imagedata src=a.png o:title=""/></v:shape><irc:channel>\n\n'
        "<p class=MsoListParagraph><![if !supportLists]><span>1.<span>&nbsp; </span></span>"
        "<![endif]>Blim first.</p> <![CDATA[zorp]]>\n"
    )
    front = (
        "title: Word\ndate: 2024-01-05\nquotes:\n"
        "  - text: The glorp plan reaches Testville today\n    concepts: [glorp plan]\n"
        "  - text: today. zelt tea first\n    concepts: [zelt tea]\n"
    )
    one = build_one_article(tmp_path, "2024-01-05-word", front, body)
    shown = (
        "The glorp plan reaches Testville today. zelt tea first. <irc:channel>"
        " 1. Blim first. <![CDATA[zorp]]>"
    )
    assert one.body.get_text().split() == shown.split()  # another scheme's address as typed
    marked: dict[str, str] = {}
    for mark in one.body.find_all("mark"):
        marked[str(mark["data-quote"])] = marked.get(str(mark["data-quote"]), "") + mark.get_text()
    quoted = [" ".join(text.split()) for text in marked.values()]
    assert quoted == ["The glorp plan reaches Testville today", "today. zelt tea first"]


OBSIDIAN = """\
## The glorp plan %%rename: zorblax%% ahead

Speaker 4 said the glorp plan %%zorblax: check
this figure%% starts with zelt tea.

%%
zorblax notes for editors

- still a note of zorblax
%%

Costs rose 50\\%% then, `%%code%%` too.

A %% left open stays.

Growth was 5%% in one year and 7%% in the next.

![](https://example.org/x.png)
"""


def test_obsidian_comments_are_left_out_as_html_comments_are(tmp_path: Path) -> None:
    """An Obsidian note written from a vault: its ``%%`` comments, within a sentence and on
    lines of their own, reach no output file, and the quote copied from the sentence across
    one is found, highlighted and shown on its card as the reader sees it. An escaped or
    unclosed ``%%`` and one in code stay, and lines after the comments keep their numbers."""
    front = (
        "title: Vault\ndate: 2024-01-05\nspeaker: Speaker 4\nquotes:\n"
        "  - text: the glorp plan starts with zelt tea\n    concepts: [glorp plan]\n"
    )
    one = build_one_article(tmp_path, "2024-01-05-vault", front, OBSIDIAN)
    files = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    assert [str(p) for p in files if SECRET.encode() in p.read_bytes()] == []
    assert " ".join(one.body.h2.get_text().split()) == "The glorp plan ahead"
    [mark] = {str(mark["data-quote"]) for mark in one.body.find_all("mark")}
    marks = one.body.select(f'mark[data-quote="{mark}"]')
    assert " ".join("".join(m.get_text() for m in marks).split()) == (
        "the glorp plan starts with zelt tea"
    )
    concept = soup(tmp_path / "site" / "concepts" / "glorp-plan" / "index.html")
    [card] = concept.select("article.statement blockquote")
    assert card.get_text().strip() == "the glorp plan starts with zelt tea"
    paragraphs = [" ".join(p.get_text().split()) for p in one.body.select("p")]
    assert paragraphs[1:4] == [
        "Costs rose 50%% then, %%code%% too.",
        "A %% left open stays.",
        "Growth was 5%% in one year and 7%% in the next.",
    ]
    row = one.source.split("\n").index("![](https://example.org/x.png)") + 1
    assert f"2024-01-05-vault.md:{row}:5: warning: image https://example.org/x.png" in (
        one.built.stderr
    )


def test_a_quote_in_an_obsidian_comment_is_a_located_error(tmp_path: Path) -> None:
    article = tmp_path / "content" / "articles" / "2024-01-05-vault.md"
    article.parent.mkdir(parents=True)
    front = "title: Vault\ndate: 2024-01-05\nquotes:\n  - text: notes for editors\n"
    article.write_text(f"---\n{front}---\n{OBSIDIAN}", encoding="utf-8")
    result = run_cli("check", "--content", str(tmp_path / "content"))
    assert result.code == 1
    row = OBSIDIAN.split("\n").index("zorblax notes for editors") + 7
    assert "error: quote not found" in result.stderr
    assert f"it is inside %% ... %% (line {row}): an Obsidian comment" in result.stderr


@pytest.mark.parametrize(
    ("opening", "closing", "named"),
    [("%%", "%%", "%% ... %%"), ("<!--", "-->", "<!-- ... -->")],
)
def test_a_quote_in_a_comment_inside_a_block_quote_is_told_so(
    tmp_path: Path, opening: str, closing: str, named: str
) -> None:
    """A comment over lines of a block quote has a ``>`` at the start of each: the words a
    quote copied from it run across them, and the hint said to copy the words exactly."""
    article = tmp_path / "content" / "articles" / "2024-01-05-vault.md"
    article.parent.mkdir(parents=True)
    front = "title: Vault\ndate: 2024-01-05\nquotes:\n  - text: zorblax notes for editors\n"
    body = f"> Quoted words.\n> {opening}\n> zorblax notes\n>> for editors\n> {closing}\n"
    article.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    result = run_cli("check", "--content", str(tmp_path / "content"))
    assert result.code == 1
    assert "error: quote not found" in result.stderr
    assert f"it is inside {named} (line 9): " in result.stderr


UNSPACED_NOTES = """\
話者4は、グロープ計画は順調%%編集メモ：ゾルバックス%%ですと述べた。

发言人说计划顺利%%备注：佐尔巴克斯%%进行。

ผู้พูดบอกว่าแผนได้ผล%%หมายเหตุ ซอร์แบ็กซ์%%ครับ
"""


def test_an_obsidian_comment_right_after_a_letter_of_an_unspaced_script_is_left_out(
    tmp_path: Path,
) -> None:
    """Chinese, Japanese and Thai write a comment right after a letter, with no space: it is
    left out as after a space, where the rule for ``5%%`` published it; a quote runs across."""
    front = (
        "title: Vault\ndate: 2024-01-05\nspeaker: Speaker 4\nquotes:\n"
        "  - text: グロープ計画は順調ですと述べた\n    concepts: [glorp plan]\n"
    )
    one = build_one_article(tmp_path, "2024-01-05-vault", front, UNSPACED_NOTES)
    secrets = ("ゾルバックス", "佐尔巴克斯", "ซอร์แบ็กซ์")
    for path in (p for p in (tmp_path / "site").rglob("*") if p.is_file()):
        assert [s for s in secrets if s.encode() in path.read_bytes()] == [], path
    assert [p.get_text() for p in one.body.select("p")] == [
        "話者4は、グロープ計画は順調ですと述べた。",
        "发言人说计划顺利进行。",
        "ผู้พูดบอกว่าแผนได้ผลครับ",
    ]
    marks = one.body.select("mark.quote")
    assert "".join(m.get_text() for m in marks) == "グロープ計画は順調ですと述べた"


@pytest.mark.parametrize(
    "left_out",
    ["%%\n  zorblax\n  %%", "%%\n  zorblax\n\n  zorblax\n  %%", "<!--\n  zorblax\n  -->", "#"],
)
def test_a_block_left_out_of_a_tight_list_item_keeps_its_words_apart(left_out: str) -> None:
    """A comment (or an empty heading) on lines of its own between two lines of a tight
    list's item is left out: the lines around it are two paragraphs, shown without their
    ``<p>``, whose words ran together (``itemafter``); apart, as the comment's lines kept
    them. In Chinese or Japanese, where a line break is no space, they stay together."""
    body = f"- glorp plan\n  {left_out}\n  zelt tea\n- second item\n"
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    items = [" ".join(li.get_text().split()) for li in page.select("li")]
    assert items == ["glorp plan zelt tea", "second item"]
    assert page.select("li p") == []
    joined = render_body(f"- 計画\n  {left_out}\n  です\n- a\n", []).html
    assert BeautifulSoup(joined, "lxml").select("li")[0].get_text() == "計画です"


@pytest.mark.parametrize(("first", "second"), [("==計画==", "です"), ("計画 ^a1b2", "==です==")])
def test_unspaced_words_around_a_block_left_out_stay_together_past_their_markup(
    first: str, second: str
) -> None:
    """Whether the words around a comment left out of a tight list item run on was read from
    the source's letters, a highlight's ``==`` or a block id's: a line break was shown."""
    html = render_body(f"- {first}\n  %%\n  zorblax\n  %%\n  {second}\n", []).html
    assert "\n" not in BeautifulSoup(html, "lxml").select_one("li").decode_contents()


@pytest.mark.parametrize(
    "word", ["caf\u00e9", "cafe\u0301", "\u0928\u092e\u0938\u094d\u0924\u0947"]
)
def test_a_double_percent_after_a_letter_and_its_marks_opens_no_comment(word: str) -> None:
    """``é`` written as ``e`` and an accent (as macOS saves text), or a Devanagari letter
    with its vowel sign, ends a word as a letter does: its ``%%`` opened a comment there,
    and left out words that the same text written with ``é`` showed."""
    html = render_body(f"The {word}%%zelt%% glorp.\n", []).html
    paragraph = BeautifulSoup(html, "lxml").select_one("p")
    assert paragraph is not None
    assert paragraph.get_text() == f"The {word}%%zelt%% glorp."


@pytest.mark.parametrize("prefix", ["", "> "])
def test_a_comment_opened_in_a_paragraph_ends_at_a_double_percent_starting_a_line(
    prefix: str,
) -> None:
    """``%%`` starting a line closes the comment its paragraph opened: it was read as a
    comment's start instead, which a figure's ``50%%`` further down ended, so the note was
    published and the paragraphs down to the figure were left out of the page."""
    body = (
        f"{prefix}Speaker 4 spoke %%\n{prefix}zorblax note\n{prefix}%%\n\n"
        "It grew 50%%\n\nThe end.\n"
    )
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    shown = [" ".join(p.get_text().split()) for p in page.select("p")]
    assert shown == ["Speaker 4 spoke", "It grew 50%%", "The end."]


@pytest.mark.parametrize("opener", ["Type `%%` to comment", "A <!-- %% --> here"])
def test_a_double_percent_in_code_or_an_html_comment_leaves_no_comment_open(opener: str) -> None:
    """A ``%%`` in a code span or an HTML comment is no comment's start: it was counted as
    one, so the ``%%`` starting the next line was read as its end, not as a block comment's
    start, and the note below it was published."""
    body = f"{opener}\n%%\nzorblax note\n\nmore zorblax\n%%\nThe end.\n"
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    assert "zorblax" not in page.get_text()
    assert [" ".join(p.get_text().split()) for p in page.select("p")][-1] == "The end."


def test_a_quote_in_an_obsidian_comment_after_a_figure_is_told_so(tmp_path: Path) -> None:
    """``5%%`` opens no comment: the hint paired it with the ``%%`` that opens the comment
    after it, and told nothing of the quote inside that one."""
    article = tmp_path / "content" / "articles" / "2024-01-05-vault.md"
    article.parent.mkdir(parents=True)
    front = "title: Vault\ndate: 2024-01-05\nquotes:\n  - text: zorblax notes for editors\n"
    body = "Growth was 5%% this year.\n\nSpeaker 4 spoke %%zorblax notes for editors%% here.\n"
    article.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    result = run_cli("check", "--content", str(tmp_path / "content"))
    assert result.code == 1
    assert "error: quote not found" in result.stderr
    assert "it is inside %% ... %% (line 9): an Obsidian comment" in result.stderr


def test_a_comment_s_opening_shown_as_text_hides_no_quote(tmp_path: Path) -> None:
    """A ``<!--`` in code, in a code block or escaped is text the page shows, no comment's
    start: the hint of a quote not found after it said the quote was inside a comment, up to
    the next ``-->``, of words the page shows."""
    front = (
        "title: Docs\ndate: 2024-01-06\nquotes:\n"
        "  - text: the zorblax plan hold\n  - text: zorblax notes for editors\n"
    )
    body = (
        "Open one with `<!--` or \\<!--.\n\n```\n<!--\n```\n\nLater the zorblax plan holds.\n\n"
        "Close it with `-->`. <!-- zorblax notes for editors -->\n"
    )
    article = tmp_path / "content" / "articles" / "2024-01-06-docs.md"
    assert [hint for _, hint in _not_found(article, front, body)] == [
        'hint: closest passage (line 14): "the zorblax plan holds."',
        "hint: it is inside <!-- ... --> (line 16): an HTML comment, which the page does not show",
    ]


def test_a_quote_inside_pre_is_said_to_be_there(tmp_path: Path) -> None:
    """A quote of a README's licence inside ``<pre>``, a block of code: the hint names the
    ``<pre>`` and its line, not an indentation or a fence that the file does not have; in
    an indented block it still names those."""
    front = (
        "title: Licence\ndate: 2024-01-06\nquotes:\n"
        "  - text: Permission is granted to glorp\n    concepts: [glorp]\n"
        "  - text: the zorblax terms hold\n    concepts: [glorp]\n"
    )
    body = (
        "The terms.\n\n<pre>\nGlorp licence\n\nPermission is granted to glorp.\n</pre>\n\n"
        "Then:\n\n    the zorblax terms hold\n"
    )
    article = tmp_path / "content" / "articles" / "2024-01-06-licence.md"
    found = _not_found(article, front, body)
    assert [where for where, _ in found] == [f"{article}:5:11", f"{article}:7:11"]
    assert [hint for _, hint in found] == [
        "hint: it is inside <pre> ... </pre> (line 12), shown as code, not as text to quote:"
        " write it as paragraphs of Markdown to quote it",
        "hint: it is in a code block (line 20), shown as code, not as text to quote: remove the"
        " indentation of four spaces or more, or the ``` fence",
    ]


def test_a_quote_of_markup_inside_a_fence_left_open_is_said_to_be_in_code(
    tmp_path: Path,
) -> None:
    """A fence that nothing closes makes code of the rest of the body: a quote of a paragraph
    there, copied from the page it was written for, has no backticks nor link brackets, so
    its hint named the closest passage above the fence (or no passage at all), not the code
    block that holds it."""
    front = (
        "title: Pool\ndate: 2024-01-06\nquotes:\n"
        "  - text: When set to null, the pool makes zorblax clients.\n    concepts: [glorp]\n"
        "  - text: A pool of zorblax clients.\n    concepts: [glorp]\n"
    )
    body = (
        "Intro words here.\n\n```python\n\nWhen set to `null`, the pool makes zorblax"
        " clients.\n\nA pool of [zorblax clients](Client.md).\n"
    )
    in_code = (
        "hint: it is in a code block (line 12), shown as code, not as text to quote: remove the"
        " indentation of four spaces or more, or the ``` fence"
    )
    article = tmp_path / "content" / "articles" / "2024-01-06-pool.md"
    assert _not_found(article, front, body) == [
        (f"{article}:5:11", in_code),
        (f"{article}:7:11", in_code),
    ]


def _not_found(article: Path, front: str, body: str) -> list[tuple[str, str]]:
    """Where ``check`` says each quote of ``article``, written of ``front`` and ``body``, is
    not found (``path:line:col``), and the hint under it."""
    article.parent.mkdir(parents=True)
    article.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    result = run_cli("check", "--content", str(article.parent.parent))
    assert result.code == 1
    lines = result.stderr.splitlines()
    return [
        (line.split(": ", 1)[0], lines[at + 1].strip())
        for at, line in enumerate(lines)
        if "[quote-not-found]" in line
    ]


LANGUAGES = """\
Speaker 5 said a <span onclick="x()" lang="ja" style="color: red">漢字</span> word moved.

A <span lang="en&quot; onclick=&quot;x()">bad</span> tag, a <span lang="cn" dir="up">wrong</span>
one, <span style="color: red">no language</span>, <q lang="fr">oui</q>,
<i lang="la" dir="LTR" class="x">ad hoc</i> and <bdi dir="rtl">שלום עולם</bdi> stay.

Written <bdo dir="rtl" title="t">backwards</bdo>, <bdo dir="auto">not</bdo>, <bdo>nor</bdo>
this <span lang="he" dir="rtl">עברית <span style="x">עוד</span> כאן</span> end.
"""


def test_a_phrase_keeps_its_language_and_direction(tmp_path: Path) -> None:
    """``lang`` and ``dir`` of inline tags are written on our elements when valid (a
    ``<span>`` or ``<bdo>`` with them is one of ours), and nothing else of the tag's; a
    quote is found and highlighted across such a span, and from within it."""
    front = (
        "title: Languages\ndate: 2024-03-01\nspeaker: Speaker 5\nquotes:\n"
        "  - text: a 漢字 word moved\n    concepts: [glorp]\n"
        "  - text: 字 word\n    concepts: [glorp]\n"
        "  - text: עוד כאן end\n    concepts: [glorp]\n"
    )
    one = build_one_article(tmp_path, "2024-03-01-languages", front, LANGUAGES)
    written = ["span", "q", "em", "bdi", "bdo"]
    assert [(e.name, e.get_text(), dict(e.attrs)) for e in one.body.find_all(written)] == [
        ("span", "漢字", {"lang": "ja"}),
        ("q", "oui", {"lang": "fr"}),
        ("em", "ad hoc", {"lang": "la", "dir": "ltr"}),
        ("bdi", "שלום עולם", {"dir": "rtl"}),
        ("bdo", "backwards", {"dir": "rtl"}),
        ("span", "עברית עוד כאן", {"lang": "he", "dir": "rtl"}),
    ]
    paragraphs = [" ".join(p.get_text().split()) for p in one.body.find_all("p")]
    assert paragraphs == [
        "Speaker 5 said a 漢字 word moved.",
        "A bad tag, a wrong one, no language, oui, ad hoc and שלום עולם stay.",
        "Written backwards, not, nor this עברית עוד כאן end.",
    ]
    span = one.body.find("span", lang="ja")
    marks = {m["data-quote"]: m for m in one.body.select("mark.quote[id]")}
    assert len(marks) == 3
    first, inside, hebrew = (one.body.select(f'mark[data-quote="{q}"]') for q in marks)
    assert "".join(m.get_text() for m in first) == "a 漢字 word moved"
    assert [m.get_text() for m in inside] == ["字", " word"]
    assert inside[0].find_parent("span") is span and inside[1].find_parent("span") is None
    assert "".join(m.get_text() for m in hebrew) == "עוד כאן end"
    assert hebrew[0].find_parent("span", lang="he") is not None
    source = str(one.body)
    assert "onclick" not in source and "style" not in source and "title=" not in source


def test_block_tags_never_closed_leave_formatting_tags_after_them(tmp_path: Path) -> None:
    """The tags of a block never closed (``<td>``, ``<li>``), left out, are not held open
    for a language they do not give: the formatting tags after a hundred of them are still
    elements; a block's tag of a language holding one of the same name spans it whole."""
    cells = "<tr>" + "<td>x" * 100
    body = (
        f"A table <table>{cells}<td><b>bold</b></table> in text.\n\n"
        '<div lang="ar">a <div>b</div> c</div> end.\n'
    )
    front = "title: Cells\ndate: 2024-03-01\n"
    one = build_one_article(tmp_path, "2024-03-01-cells", front, body)
    assert [b.get_text() for b in one.body.find_all("strong")] == ["bold"]
    span = one.body.find("span", lang="ar")
    assert span is not None and " ".join(span.get_text().split()) == "a b c"
    assert "<" not in one.body.get_text()


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        (
            '<Tabs>\n  <TabItem value="glorp" label="Glorp" default>\n'
            "    The glorp plan holds.\n  </TabItem>\n</Tabs>\n\nZelt tea.",
            "The glorp plan holds. Zelt tea.",
        ),
        ('This is <Zelt color="#25c2a0">zelt green</Zelt> now.', "This is zelt green now."),
        ('Read more<GlorpArrow />\n\n<Meta title="Glorp" />\n\nZelt tea.', "Read more Zelt tea."),
        # Prose that only looks like tags, or names of HTML elements: as before.
        ("A List<String> and Map<K> stay.", "A List<String> and Map<K> stay."),
        ("A <Script>x</Script> stays.", "A <Script>x</Script> stays."),
        ("A <B>bold</B> word.", "A bold word."),
    ],
)
def test_jsx_components_show_what_they_hold(body: str, shown: str) -> None:
    """As MDX pages (Docusaurus, Storybook) write them: a tag named in capitals that closes
    itself, or that a tag of the body closes, is a component's, left out."""
    html = render_body(body, []).html
    assert " ".join(BeautifulSoup(html, "lxml").get_text().split()) == shown


def test_a_quote_runs_across_a_components_tags() -> None:
    body = 'Speaker 9 said <Zelt color="red">the glorp</Zelt> plan holds.'
    quote = QuoteRequest("q", "said the glorp plan holds")
    assert render_body(body, [quote]).found == {"q": 0}
