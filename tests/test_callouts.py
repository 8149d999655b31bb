"""Other tools' callouts (``callouts``): Docusaurus, VuePress, MyST, Pandoc and Quarto fences
of colons, and MkDocs' admonitions, as boxes; fences that pair with none shown as typed."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from concordance.callouts import MAX_DEPTH
from concordance.markdown import QuoteRequest, render_body


def _boxes(html: str) -> list[tuple[str, str]]:
    """(kind, title) of each box, in order; the kind "" for a box of no kind."""
    page = BeautifulSoup(html, "lxml")
    found = []
    for box in page.select("div.alert"):
        kind = next((c.removeprefix("alert-") for c in box["class"] if c != "alert"), "")
        title = box.select_one("p.alert-title")
        found.append((kind, title.get_text() if title else ""))
    return found


@pytest.mark.parametrize(
    ("body", "boxes"),
    [
        (":::note\nThe glorp plan.\n:::\n", [("note", "Note")]),
        (":::danger Take care\nThe glorp plan.\n:::\n", [("caution", "Take care")]),
        (":::warning[Take care]\nThe glorp plan.\n:::\n", [("warning", "Take care")]),
        ("::: tip\nThe glorp plan.\n:::\n", [("tip", "Tip")]),
        (":::{important} Read this\nThe glorp plan.\n:::\n", [("important", "Read this")]),
        ("::: {.callout-tip #t}\nThe glorp plan.\n:::\n", [("tip", "Tip")]),
        ("::: details Open me\nThe glorp plan.\n:::\n", [("", "Open me")]),
        ("::: {.columns}\nThe glorp plan.\n:::\n", []),
        ("!!! note\n    The glorp plan.\n", [("note", "Note")]),
        ('!!! info "Read this"\n    The glorp plan.\n', [("note", "Read this")]),
        ('???+ bug ""\n    The glorp plan.\n', [("caution", "")]),
        ("!!! aside\n    The glorp plan.\n", [("", "Aside")]),
        ("!!! info inline end\n    The glorp plan.\n", [("note", "Info")]),  # more classes
        ("::: Read this first\nThe glorp plan.\n:::\n", [("", "Read this first")]),
    ],
)
def test_a_callout_is_a_box_of_its_kind_whose_text_is_quoted(
    body: str, boxes: list[tuple[str, str]]
) -> None:
    result = render_body(
        "Before.\n\n" + body + "\nAfter.\n", [QuoteRequest("q", "The glorp plan.")]
    )
    assert "q" in result.found
    assert _boxes(result.html) == boxes
    text = BeautifulSoup(result.html, "lxml").get_text()
    assert ":::" not in text and "!!!" not in text and "???" not in text


@pytest.mark.parametrize(
    "line", ["!!! Read this: the glorp plan", "??? what is the glorp plan", '!!! "the glorp plan"']
)
def test_prose_that_starts_as_an_admonition_does_is_prose(line: str) -> None:
    """Python-Markdown reads a kind, more classes and a title in quotes; a box of anything
    else would drop words of the line."""
    result = render_body(f"{line}\n    and more.\n", [])
    assert _boxes(result.html) == []
    assert " ".join(BeautifulSoup(result.html, "lxml").get_text().split()) == f"{line} and more."


def test_callouts_nest_by_their_colons_and_close_within_their_block() -> None:
    body = (
        "::::note Outer\nA\n:::tip\nB\n:::\nC\n::::\n\n"
        "- :::warning\n  in the item\n  :::\n- :::caution\n  left open\n- next\n\n"
        "```\n:::note\n```\n"
    )
    html = render_body(body, []).html
    page = BeautifulSoup(html, "lxml")
    outer = page.select_one("div.alert-note")
    assert (
        outer is not None
        and outer.select_one("div.alert-tip p:not(.alert-title)").get_text() == "B"
    )
    assert [p.get_text() for p in outer.find_all("p", recursive=False)] == ["Outer", "A", "C"]
    assert page.select_one("li div.alert-warning") is not None
    assert page.select_one("div.alert-caution") is None  # its fence closed by no other
    assert ":::caution" in page.get_text() and page.select_one("pre").get_text() == ":::note\n"


@pytest.mark.parametrize(
    "body",
    [
        ":::note\nNever closed: the glorp plan.\n",
        ":::\nThe glorp plan.\n:::\n",
        "::::note\nThe glorp plan.\n:::\n",
        "Text\n:::\n",
    ],
)
def test_a_fence_that_pairs_with_none_is_text(body: str) -> None:
    result = render_body(body, [])
    assert _boxes(result.html) == []
    shown = BeautifulSoup(result.html, "lxml").get_text()
    assert shown.split() == body.split()


def test_fenced_callouts_nest_so_deep_at_most() -> None:
    depth = MAX_DEPTH + 10
    html = render_body(":::note\n" * depth + "x\n" + ":::\n" * depth, []).html
    page = BeautifulSoup(html, "lxml")
    assert len(page.select("div.alert")) == MAX_DEPTH
    assert max(len(list(div.parents)) for div in page.select("div")) <= MAX_DEPTH + 3


def test_admonitions_nested_past_the_limit_are_reported() -> None:
    body = "".join(" " * (4 * i) + "!!! note\n" for i in range(150)) + " " * 600 + "x\n"
    assert render_body(body, []).too_deep is not None


@pytest.mark.parametrize(
    "body",
    [
        ":::x\n" * 40_000,
        ":::\n" * 40_000,
        "::::x\n" + ":::\n" * 40_000,
        ":::note\n" * 40_000 + ":::\n" * 40_000,
        "!!! a\n" * 40_000,
        "- :::note\n  t\n:::\n" * 10_000,
        ":" * 200_000 + "x\n",
    ],
    ids=["open", "close", "outer", "nested", "admonitions", "in-items", "colons"],
)
def test_hostile_fences_are_read_in_one_pass(body: str) -> None:
    """Each line once: the plugin of markdown-it looked for each fence's closing one to the
    end of the body (a square of the lines)."""
    assert render_body(body, []).html
