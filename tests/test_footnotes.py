"""Footnotes in bodies (``[^label]`` with its ``[^label]: note``, and inline ``^[note]``): the
article of the ``markup-heavy`` fixture that uses them, built and read as a browser would, and
quotes found across a note's number and within the notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import copy_content, run_cli
from sitecheck import soup

from concordance import footnotes
from concordance.markdown import QuoteRequest, render_body

PAGE = "articles/2023-03-03-footnotes/index.html"
SOURCE = "articles/2023-03-03-footnotes.md"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BeautifulSoup]:
    tmp = tmp_path_factory.mktemp("footnotes")
    out = tmp / "site"
    content = copy_content("markup-heavy", tmp)
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    return content, soup(out / PAGE)


def _body(page: BeautifulSoup) -> Tag:
    found = page.select_one("div.body")
    assert isinstance(found, Tag)
    return found


def _quote(page: BeautifulSoup, text: str) -> tuple[Tag, str]:
    """The statement index's link for the quote ``text``: its anchor's first mark, and the
    text of all the marks of that quote together."""
    link = next(a for a in page.select(".statement-index a") if a.get_text() == text)
    anchor = str(link["href"]).removeprefix("#")
    first = page.find(id=anchor)
    assert isinstance(first, Tag) and first.name == "mark"
    marks = page.select(f'mark[data-quote="{anchor}"]')
    return first, " ".join("".join(m.get_text() for m in marks).split())


def test_every_note_link_and_back_link_lands_on_the_page(built: tuple[Path, BeautifulSoup]) -> None:
    _, page = built
    ids = [str(e["id"]) for e in page.find_all(id=True)]
    assert len(ids) == len(set(ids))
    hrefs = [str(a["href"]) for a in _body(page).find_all("a")]
    fragments = [href for href in hrefs if href.startswith("#")]
    assert len(fragments) == 6  # three numbers that link, three links back
    for fragment in fragments:
        target = page.find(id=fragment.removeprefix("#"))
        assert isinstance(target, Tag), fragment
        # A number leads to its note, and the note's links back to that number.
        if target.name == "li":
            back = {str(a["href"]) for a in target.select("a.footnote-backref")}
            number = page.find("a", href=fragment)
            assert isinstance(number, Tag) and f"#{number['id']}" in back
        else:
            assert target.name == "a" and target.get("role") == "doc-noteref"


def test_notes_are_numbered_in_the_order_the_text_refers_to_them(
    built: tuple[Path, BeautifulSoup],
) -> None:
    _, page = built
    numbers = [sup.get_text() for sup in _body(page).select("sup.footnote-ref")]
    assert numbers == ["[1]", "[1]", "[2]", "[3]"]
    notes = [" ".join(li.get_text().split()) for li in page.select("section.footnotes li")]
    assert notes == [
        "Zelt tea counts twice in the survey, zelt tea which the survey page explains. ↩︎ ↩︎",
        "a note written in a link",
        "It was an inline note about wobble. zelt tea ↩︎",
    ]
    assert "no text refers to" not in page.get_text()


def test_a_number_in_a_link_or_picture_links_nowhere(built: tuple[Path, BeautifulSoup]) -> None:
    """A link may not hold a link, and an image's text is only text."""
    _, page = built
    body = _body(page)
    assert body.select("a a") == []
    in_link = body.select_one('a[href="https://example.org/survey"] sup.footnote-ref')
    assert isinstance(in_link, Tag) and in_link.get_text() == "[2]" and in_link.find("a") is None
    image = body.find("img")
    assert isinstance(image, Tag) and " ".join(str(image["alt"]).split()) == (
        "a picture with a note in its text"
    )


def test_a_quote_is_found_across_a_note_number(built: tuple[Path, BeautifulSoup]) -> None:
    _, page = built
    first, text = _quote(page, "the wobble index rose by three points")
    assert text == "the wobble index rose by three points"
    assert first.find_next_sibling("sup", class_="footnote-ref") is not None


def test_chips_follow_the_note_number_after_a_quote(built: tuple[Path, BeautifulSoup]) -> None:
    """ "survey found.[1]" then the chips: the number belongs to the words before it."""
    _, page = built
    first, text = _quote(page, "as the glorp survey found.")
    assert text == "as the glorp survey found."
    chips = first.find_next_sibling("span", class_="chips")
    assert isinstance(chips, Tag)
    before = chips.find_previous_sibling()
    assert isinstance(before, Tag) and before.name == "sup" and before.get_text() == "[1]"


@pytest.mark.parametrize(
    ("quote", "note"),
    [
        ("Zelt tea counts twice in the survey", "fn:1"),
        ("It was an inline note about wobble", "fn:3"),
    ],
)
def test_a_quote_is_found_in_a_note(
    built: tuple[Path, BeautifulSoup], quote: str, note: str
) -> None:
    _, page = built
    first, text = _quote(page, quote)
    assert text == quote
    holder = first.find_parent("li")
    assert isinstance(holder, Tag) and holder["id"] == note


def test_a_quote_not_found_in_an_inline_note_is_placed_at_its_number(
    built: tuple[Path, BeautifulSoup], tmp_path: Path
) -> None:
    """An inline note has no line of its own: its hint names the line of its number."""
    content, _ = built
    source = (content / SOURCE).read_text(encoding="utf-8")
    source = source.replace("an inline note about wobble\n", "an inline note on wobble\n", 1)
    lines = source.splitlines()
    number_line = next(n for n, line in enumerate(lines, 1) if line.startswith("Later the index"))
    quote_line = next(n for n, line in enumerate(lines, 1) if "inline note on wobble" in line)
    copy = copy_content("markup-heavy", tmp_path)
    (copy / SOURCE).write_text(source, encoding="utf-8")
    result = run_cli("check", "--content", str(copy))
    assert result.code == 1
    assert f"{SOURCE}:{quote_line}:11: error: quote not found" in result.stderr
    hint = f'closest passage (line {number_line}): "It was an inline note about wobble.'
    assert hint in result.stderr


def test_an_inline_note_within_an_inline_note_is_placed_at_its_number() -> None:
    """A note inside an inline note (``^[a ^[b]]``) has the line of the outer one's number,
    not the body's first line."""
    body = "Intro.\n\nLater a^[outer ^[inner glorp plan] end] ok.\n"
    result = render_body(
        body, [QuoteRequest("q", "inner glorp plan"), QuoteRequest("x", "inner glorp plam")]
    )
    assert result.found == {"q": 2}
    assert result.closest["x"].line == 2


def test_an_inline_note_on_a_later_line_of_its_paragraph_is_placed_there() -> None:
    """The line of the number, not the paragraph's first; a comment's lines count, a
    ``<br>`` ends none."""
    body = "Intro.\n\nLine <!-- a\nb --> two<br>more\nline four^[the glorp note] here.\n"
    result = render_body(
        body, [QuoteRequest("q", "the glorp note"), QuoteRequest("x", "glorp nate")]
    )
    assert result.found == {"q": 4}
    assert result.closest["x"].line == 4


def test_a_quote_pasted_with_its_note_reference_is_found() -> None:
    body = "Speaker 3 said the glorp[^a] plan works.\n\n[^a]: A note.\n"
    result = render_body(body, [QuoteRequest("q", "the glorp[^a] plan works")])
    assert result.found == {"q": 0}


def test_a_quote_pasted_with_an_inline_note_is_found() -> None:
    """The note's text is not the quote's: it stood at the end of what the quote read as
    ("the glorp plan works" + "A note")."""
    body = "Speaker 3 said the glorp^[A note.] plan works.\n"
    result = render_body(body, [QuoteRequest("q", "the glorp^[A note.] plan works")])
    assert result.found == {"q": 0}


def test_a_note_holding_an_address_is_a_note_not_a_link_definition() -> None:
    """CommonMark alone reads ``[^a]: https://...`` as a link definition: the note vanished
    and its number became a link to the address."""
    body = "See the source.[^a]\n\n[^a]: https://example.org/report\n"
    html = BeautifulSoup(render_body(body, []).html, "lxml")
    number = html.select_one("p sup a")
    assert isinstance(number, Tag) and number["href"] == "#fn:1"
    note = html.select_one("section.footnotes li")
    assert isinstance(note, Tag) and note.get_text().startswith("https://example.org/report")
    [address] = html.find_all("a", href="https://example.org/report")
    assert address.find_parent("li") is note


def test_references_past_the_limit_stay_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(footnotes, "MAX_REFERENCES", 3)
    body = "One[^a] two[^a] three^[inline] four[^a] five^[more].\n\n[^a]: A note.\n"
    html = BeautifulSoup(render_body(body, []).html, "lxml")
    assert len(html.select("sup.footnote-ref")) == 3
    assert "four[^a] five^[more]." in html.p.get_text()
    assert len(html.select("a.footnote-backref")) == 3


def test_a_note_nothing_refers_to_is_a_located_warning(tmp_path: Path) -> None:
    content = copy_content("markup-heavy", tmp_path)
    source = (content / SOURCE).read_text(encoding="utf-8")
    lines = source.splitlines()
    unused = next(n for n, line in enumerate(lines, 1) if line.startswith("[^unused]"))
    result = run_cli("check", "--content", str(content))
    assert result.code == 0, result.stderr
    expected = f"{SOURCE}:{unused}:1: warning: footnote [^unused] is not shown"
    assert expected in result.stderr
    assert result.stderr.count("[footnote-unused]") == 1


def test_notes_nothing_refers_to_past_twenty_are_counted(tmp_path: Path) -> None:
    content = copy_content("markup-heavy", tmp_path)
    source = content / SOURCE
    unused = "".join(f"\n[^spare{n}]: A spare note.\n" for n in range(22))
    source.write_text(source.read_text(encoding="utf-8") + unused, encoding="utf-8")
    result = run_cli("check", "--content", str(content))
    warnings = [line for line in result.stderr.splitlines() if "[footnote-unused]" in line]
    assert len(warnings) == 20
    assert warnings[-1].endswith("(and 3 more notes not shown) [footnote-unused]")
