"""Heading anchors (``concordance.headings``): named as GitHub names them, unique in a
body, and the body's links to them pointed at their ids."""

from __future__ import annotations

from typing import SupportsIndex
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from markdown_it.rules_core import StateCore

from concordance import markdown
from concordance.headings import github_name, named, unique
from concordance.markdown import QuoteRequest, render_body
from concordance.tokens import Token


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Methods and data", "methods-and-data"),
        ("Über alles!", "über-alles"),
        ("C++ & Rust: 2024", "c--rust-2024"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("中文 标题", "中文-标题"),
        ("🎉 Party", "-party"),
        ("?!", ""),
    ],
)
def test_names_are_githubs(text: str, name: str) -> None:
    assert github_name(text) == name


def test_a_name_taken_gets_the_next_number() -> None:
    taken: dict[str, int] = {}
    names = [unique(n, taken) for n in ["a", "a", "a-1", "a", ""]]
    assert names == ["a", "a-1", "a-1-1", "a-2", ""]  # as GitHub numbers them


def test_links_in_a_body_go_to_its_headings_unless_a_quote_has_the_name() -> None:
    body = (
        "See [the data](#methods-and-data), [again](#methods-and-data-1), [it](#promise)"
        " and [away](#elsewhere). The promise holds.\n\n"
        "## Methods *and* `data`\n\n## Methods and data\n\n## Promise\n\n## ?!\n"
    )
    result = render_body(body, [QuoteRequest("promise", "The promise holds")])
    page = BeautifulSoup(result.html, "lxml")
    hrefs = [a["href"] for a in page.find_all("a")]
    assert hrefs == ["#h:methods-and-data", "#h:methods-and-data-1", "#promise", "#elsewhere"]
    ids = [h.get("id") for h in page.find_all("h2")]
    assert ids == ["h:methods-and-data", "h:methods-and-data-1", "h:promise", None]
    assert result.headings == ("methods-and-data", "methods-and-data-1", "promise")
    assert page.find(id="promise").name == "mark"


@pytest.mark.parametrize(
    ("heading", "text", "name"),
    [
        ("## Methods and data {#methods}", "Methods and data", "methods"),
        ("## Methods {#Methods-2024 .wide lang=en}", "Methods", "Methods-2024"),
        ('## Methods {: #kramdown title="a #b"}', "Methods", "kramdown"),
        ("## *Methods* {#m}", "Methods", "m"),
        ("## Methods {.wide}", "Methods", "methods"),  # no id: named from the text
        ("## Sets {x} and {y}", "Sets {x} and {y}", "sets-x-and-y"),  # no attributes
        ("## Methods {#}", "Methods {#}", "methods-"),
        ("## Methods {#a b}", "Methods {#a b}", "methods-a-b"),
        ("## Methods \\{#m}", "Methods {#m}", "methods-m"),  # escaped: text
        # Pandoc's id after one written as text: the author's names it.
        ("## 3.5.3 - 2021 {#version-3-5-3} {#353---2021}", "3.5.3 - 2021", "version-3-5-3"),
        (
            "## Eleventy 🕚⚡️ {#eleventy-🕚⚡️}",
            "Eleventy 🕚⚡️",
            "eleventy-🕚⚡️",
        ),  # as Pandoc names it
        ("## Methods {-}", "Methods", "methods"),  # Pandoc's unnumbered
    ],
)
def test_an_id_written_after_a_heading_names_it(heading: str, text: str, name: str) -> None:
    """As Pandoc, kramdown and Hugo read ``## Methods {#methods}``: the attributes are left
    out of the heading, its id names it, and the body's links to that name go there."""
    result = render_body(f"[there](#{name})\n\n{heading}\n", [])
    page = BeautifulSoup(result.html, "lxml")
    shown = page.find("h2")
    assert shown is not None and shown.get_text() == text
    assert shown.get("id") == f"h:{name}"
    assert unquote(page.find("a")["href"]) == f"#h:{name}"  # as a browser reads it
    assert result.headings == (name,)


def test_attributes_that_never_close_are_left_as_text() -> None:
    for tail in ["k=v " * 20_000, "{#a " * 20_000, "k=" + "=a" * 20_000]:
        result = render_body(f"## Heading {{{tail}\n", [])
        assert result.headings and result.headings[0].startswith("heading")


def test_ids_raw_html_gives_places_are_anchors_too() -> None:
    """``<a id="DEP0111"></a>`` and ``<a name="_Toc1">``, as documents exported from word
    processors or written for GitHub mark the places their links go to: each keeps its name
    (a heading's taken first), its id after ``h:``, and the body's links to it go there."""
    body = (
        "See [a](#DEP0111), [b](#_Toc1), [c](#sec), [d](#Conditionals) and [e](#nowhere).\n\n"
        '<a id="DEP0111"></a>\n## DEP0111: a deprecation\n\n'
        '<a name="_Toc1">A table</a> of <span id="sec">zorps</span>.\n\n'
        '## Conditionals\n\n<a id="conditionals"></a> <a id="two words"></a> <a id="sec"></a>\n'
    )
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    hrefs = [a["href"] for a in page.find_all("a", href=True)]
    assert hrefs == ["#h:DEP0111", "#h:_Toc1", "#h:sec", "#h:conditionals", "#nowhere"]
    for href in hrefs[:4]:
        assert len(page.find_all(id=href[1:])) == 1, href
    # The line before a heading holding its anchor alone is no empty paragraph: the anchor
    # goes to the heading.
    heading = page.find("h2")
    assert heading is not None and heading.find("a", id="h:DEP0111") is not None
    assert [p.get_text() for p in page.find_all("p")][1:] == ["A table of zorps."]
    # A name taken (by a heading, by an anchor before) or that is no id makes no anchor.
    assert [a["id"] for a in page.find_all(id=True)] == [
        "h:dep0111-a-deprecation",  # the heading holding the anchor
        "h:DEP0111",
        "h:_Toc1",
        "h:sec",
        "h:conditionals",
    ]
    result = render_body(body, [])
    assert result.headings == ("dep0111-a-deprecation", "conditionals", "DEP0111", "_Toc1", "sec")


def test_the_name_of_a_link_is_a_place_too() -> None:
    """A note as Word's web pages write it, each of its two links named for the other to
    go back to (``<a href="#_ftn1" name="_ftnref1">``): both places are anchors, and both
    links go there; the names were left out, and neither link went anywhere."""
    body = (
        'The glorp treaty holds<a href="#_ftn1" name="_ftnref1">[1]</a> for now.\n\n'
        '<a href="#_ftnref1" name="_ftn1">[1]</a> The zelt note. <a href="#top" id="up">Up</a>\n'
    )
    result = render_body(body, [])
    page = BeautifulSoup(result.html, "lxml")
    assert [a["href"] for a in page.find_all("a", href=True)] == ["#h:_ftn1", "#h:_ftnref1", "#top"]
    assert [a["id"] for a in page.find_all(id=True)] == ["h:_ftnref1", "h:_ftn1", "h:up"]
    shown = "The glorp treaty holds[1] for now. [1] The zelt note. Up"
    assert " ".join(page.get_text().split()) == shown
    assert result.nowhere == []


def test_a_body_of_an_anchor_alone_names_nothing() -> None:
    result = render_body('<a id="alone"></a>\n', [])
    assert (result.html, result.headings) == ("", ())


@pytest.mark.parametrize(
    ("fragment", "meant"),
    [
        ("methods-and-data", "methods-and-data"),
        ("DEP0111", "DEP0111"),  # a place named in raw HTML, as written
        ("Methods and data", "methods-and-data"),  # the heading's text
        ("Methods_and_Data", "methods-and-data"),  # as wikis write it
        ("snake_case", "snake_case"),  # the GitHub name keeps underscores: it comes first
        ("methods and dat", None),
    ],
)
def test_a_fragment_means_a_name_as_written_then_in_githubs_form(
    fragment: str, meant: str | None
) -> None:
    names = {"methods-and-data", "DEP0111", "snake_case", "snake-case"}
    assert named(fragment, names) == meant


def test_links_to_names_the_page_lacks_are_noted_with_their_lines() -> None:
    """For a ``link-unresolved`` warning at each (``validate``): not those to the page's
    top, its footnotes, a quote's id, or a heading's id copied from the page's address."""
    body = (
        "## Methods\n\n[a](#methods) [b](#h:methods) [c](#top) [d](#) [e](#q-1)"
        " [f](#fn:1)\n[g](#nowhere) and [h](#Nowhere%20else).\n"
    )
    result = render_body(body, [QuoteRequest("q-1", "Methods")])
    assert [(f.written, f.lines) for f in result.nowhere] == [
        ("#nowhere", range(2, 4)),
        ("#Nowhere%20else", range(2, 4)),
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "## Zelt tea plan <!-- omit in toc -->",
        "## <!-- draft --> Zelt tea plan",
        "## Zelt tea plan <br>",
        "## Zelt tea plan <span></span>",
        "## Zelt tea plan %% note %%",
    ],
)
def test_what_is_left_out_at_a_headings_ends_leaves_no_hyphen_in_its_name(heading: str) -> None:
    """A table of contents links ``## Zelt tea plan <!-- omit in toc -->`` as GitHub names it,
    ``#zelt-tea-plan``: the space before the comment made it ``zelt-tea-plan-``, and the
    link was warned of as naming nothing."""
    result = render_body(f"[Plan](#zelt-tea-plan)\n\n{heading}\n", [])
    page = BeautifulSoup(result.html, "html.parser")
    assert result.headings == ("zelt-tea-plan",)
    assert page.select_one("p a")["href"] == "#h:zelt-tea-plan"
    assert page.select_one("h2")["id"] == "h:zelt-tea-plan"
    assert result.nowhere == []


def test_a_link_of_no_text_to_a_heading_shows_the_headings_text() -> None:
    """As MyST fills ``[](#name)``: an empty link would show the reader nothing."""
    body = (
        "See [the plan](#glorp-plan), [](#glorp-plan), [](#the-zelt-tea) and [](#nowhere).\n\n"
        "(glorp-plan)=\n## The *glorp* plan\n\n## The zelt tea\n"
    )
    quote = QuoteRequest("q", "See the plan, The glorp plan, The zelt tea")
    result = render_body(body, [quote])
    links = BeautifulSoup(result.html, "lxml").select("p a")
    shown = [(a.get("href"), a.get_text()) for a in links]
    assert shown == [
        ("#h:glorp-plan", "the plan"),  # a link like it before: the same token's equal
        ("#h:glorp-plan", "The glorp plan"),
        ("#h:the-zelt-tea", "The zelt tea"),
        ("#nowhere", ""),
    ]
    assert result.found == {"q": 0}


class _Counted(list[Token]):
    """A block's children that count the tokens put in among them one at a time."""

    inserted = 0

    def insert(self, index: SupportsIndex, token: Token) -> None:
        _Counted.inserted += 1
        super().insert(index, token)


def _counted_children(state: StateCore) -> None:
    for token in state.tokens:
        if token.children is not None:
            token.children = _Counted(token.children)


def test_empty_links_of_a_paragraph_are_filled_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each text put in among a paragraph's children moved all those after it: 200,000
    empty links to a heading in one paragraph took 25 s to read."""
    monkeypatch.setattr(_Counted, "inserted", 0)
    md = markdown.parser.__wrapped__()  # a parser of its own: the shared one stays as it is
    md.core.ruler.before("heading_ids", "counted_children", _counted_children)
    tokens = md.parse("[](#a) [](#b) " * 500 + "\n\n## A\n\n## B\n", markdown.body_env(None))
    texts = [t.content for t in tokens[1].children or [] if t.type == "text" and t.content.strip()]
    assert texts == ["A", "B"] * 500
    assert _Counted.inserted == 0
