"""Attributes in braces (``attributes``), as Pandoc, Quarto and kramdown write them: left out
of the page, which shows what they adorn; a span's id an anchor that links reach."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_one_article
from sitecheck import check_links

from concordance.markdown import QuoteRequest, render_body


def _text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "lxml").get_text().split())


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("It said [the plan]{.underline} holds.", "It said the plan holds."),
        ('It said [the *glorp* plan]{#p .x k="v w"} holds.', "It said the glorp plan holds."),
        ("[nested [inner]{.i} outer]{.o}", "nested inner outer"),
        ('A ![chart](https://example.org/c.png){width="5in"} here.', "A here."),
        ("A [link](https://example.org){target=_blank} here.", "A link here."),
        ("Run `glorp`{.python} now.", "Run glorp now."),
        ("Raw `<b>`{=html} stays code.", "Raw <b> stays code."),
        ("A paragraph.\n{: .lead}", "A paragraph."),
        ("{.wide}\nA paragraph.", "A paragraph."),
        ("A\n\n{:toc}\n\nB", "A B"),
        ("## Methods {-}", "Methods"),
        # As Pandoc wraps a long line, and with an address in a value (made a link first).
        ("Zelt []{#zelt-1.2\n.indexterm}glorp plam.", "Zelt glorp plam."),
        ("[the plan]{#p .x\nk=v .y} holds.", "the plan holds."),
        ('A [link](https://example.org){data-src="https://example.org/z"} here.', "A link here."),
        (
            'A [link](https://example.org){.x\ndata-src="https://example.org/z"} here.',
            "A link here.",
        ),
        # Spaces inside the braces, as Python-Markdown's attr_list (MkDocs) and Pandoc read them.
        ("A [link](https://example.org){ .md-button } here.", "A link here."),
        ("A [link][z]{ .x #y } here.\n\n[z]: https://example.org", "A link here."),
        ('A ![chart](https://example.org/c.png){ width="300" } here.', "A here."),
        ("Run `glorp`{ .python } now.", "Run glorp now."),
        ("It said [the plan]{ .underline } holds.", "It said the plan holds."),
        ("A paragraph.\n{ .annotate }", "A paragraph."),
        ("A [link](https://example.org){: .x target=_blank } here.", "A link here."),
    ],
)
def test_attributes_are_left_out_and_what_they_adorn_is_shown(body: str, shown: str) -> None:
    assert _text(render_body(body, []).html) == shown


@pytest.mark.parametrize(
    "body",
    [
        "Keep {the plan} as written.",
        "Code f(x){ return 1 } stays.",
        "Code [f(x)]{ return 1 } stays.",
        "A [span]{ } stays.",
        "An escaped \\[span]{.x} stays.",
        "A [span] {.x} with a space stays.",
        "A [span]{.x stays open.",
        "Text {.x} in a line stays.",
        "{the plan}\nstays.",
    ],
)
def test_braces_that_are_no_attributes_stay_text(body: str) -> None:
    html = render_body(body, []).html
    kept = body.replace("\\[", "[").replace("\n", " ")
    assert _text(html) == kept


def test_a_quote_runs_across_spans_as_the_reader_sees_it() -> None:
    body = "Speaker 9 said [the glorp]{.underline} plan holds{.x} fast."
    result = render_body(body, [QuoteRequest("q", "said the glorp plan holds{.x} fast")])
    assert "q" in result.found
    result = render_body(body, [QuoteRequest("q", "said the glorp plan")])
    assert "q" in result.found


def test_a_run_of_spans_each_line_cuts_is_left_out() -> None:
    """As Pandoc writes a run of index entries: each line ends inside a span's braces, the
    run longer than one pair of braces may be."""
    body = "Zelt " + "".join(f"[]{{#z-{n} .x}}[]{{#z-{n}a\n.x}}" for n in range(40)) + " glorp."
    assert _text(render_body(body, []).html) == "Zelt glorp."


def test_attributes_a_line_runs_through_count_it_and_show_no_space() -> None:
    """A quote copied from the page runs across them; the lines after are counted as
    before, so a closest passage is on its line."""
    body = "Speaker 9 said [the glorp]{#g\n.underline} plan holds.\nThe zelt plams dim.\n"
    result = render_body(body, [QuoteRequest("q", "said the glorp plan holds")])
    assert result.found == {"q": 0}
    closest = render_body(body, [QuoteRequest("q", "The zelt plams dimz")]).closest["q"]
    assert (closest.passage, closest.line) == ("The zelt plams dim.", 2)


def test_a_span_id_is_an_anchor_that_links_reach(tmp_path: Path) -> None:
    """As Pandoc writes a Word document's table of contents: links to ``#_Toc123`` and the
    bookmark ``[]{#_Toc123 .anchor}`` they go to."""
    front = "title: From Word\ndate: 2024-01-01\nspeaker: Speaker 9\n"
    body = (
        "[Methods](#_Toc123), [Results](#_Toc9) and [the plan](#plan).\n\n"
        "# []{#_Toc123 .anchor}Methods\n\n"
        "Later, [the glorp plan]{#plan} holds.\n\n"
        "[]{#_Toc9 .anchor}\n\n"  # alone on its line: its place is the heading's
        "# Results\n"
    )
    one = build_one_article(tmp_path, "2024-01-01-word", front, body)
    assert "link-unresolved" not in one.built.stderr
    assert one.body.select_one("h2 a[id='h:_Toc123']") is not None
    assert one.body.select_one("a[id='h:plan']") is not None
    assert one.body.select_one("h2 a[id='h:_Toc9']") is not None
    assert all(p.get_text().strip() for p in one.body.find_all("p"))  # no empty paragraph
    assert "{" not in one.body.get_text() and "[" not in one.body.get_text()
    checked, broken = check_links(tmp_path / "site")
    assert checked and not broken


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]{.a}" * 100_000,
        ("]{." + "a" * 1_000) * 500,
        "{: .a}\n" * 50_000,
        "`a`{.b " * 50_000,
        "{" * 200_000,
        "[a " * 50_000 + "x" + "]{.i} " * 50_000,
        "[]{#x}" * 50_000,
    ],
    ids=["open", "long", "lines", "after-code", "braces", "nested", "ids"],
)
def test_hostile_braces_are_read_in_one_pass(body: str) -> None:
    assert render_body(body, []).html is not None


def test_words_between_two_pairs_of_braces_a_line_runs_through_stay_on_their_line() -> None:
    """``[blim]{#a`` / ``.b} vorn [tesk]{#d`` / ``.e} plonk``: the pieces read for the first
    pair ran on to the third line, as the second opened braces, so both line breaks were
    put before ``vorn``, and a closest passage on the second line named the third."""
    body = "Zorp [blim]{#a\n.b} vorn glim [tesk]{#d\n.e} plonk.\n"
    closest = render_body(body, [QuoteRequest("q", "vorn glimz")]).closest["q"]
    assert (closest.passage, closest.line) == ("vorn glim", 1)  # the second, from 0
