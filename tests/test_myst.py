"""MyST Markdown's targets and roles (``myst``), as Sphinx and Jupyter Book show them: a
target ``(label)=`` an anchor of the block after it, a role ``{name}`code``` its text."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_one_article
from sitecheck import check_links

from concordance.markdown import QuoteRequest, render_body


def _text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "lxml").get_text().split())


def test_a_target_is_an_anchor_of_the_block_after_it(tmp_path: Path) -> None:
    front = "title: Targets\ndate: 2024-01-01\nspeaker: Speaker 9\n"
    body = (
        "See [the plan](#glorp-plan) and [the zelt](#zelt:tea).\n\n"
        "(glorp-plan)=\n## The plan\n\nThe glorp plan holds.\n\n"
        "(zelt:tea)=\n\nZelt tea is served.\n"
    )
    one = build_one_article(tmp_path, "2024-01-01-targets", front, body)
    assert "link-unresolved" not in one.built.stderr
    assert one.body.select_one("h2 a[id='h:glorp-plan']") is not None
    assert one.body.select_one("p a[id='h:zelt:tea']") is not None
    assert ")=" not in one.body.get_text()
    assert all(p.get_text().strip() for p in one.body.find_all("p"))  # no empty paragraph
    checked, broken = check_links(tmp_path / "site")
    assert checked and not broken


@pytest.mark.parametrize(
    "body",
    [
        "The plan (glorp)=\nholds.",  # within a line
        "(glorp plan)=",  # a space: no label
        "(glorp)= holds",
        "    (glorp)=",  # code
    ],
)
def test_what_is_no_target_stays_text(body: str) -> None:
    assert ")=" in _text(render_body(body, []).html)


@pytest.mark.parametrize(
    ("body", "shown", "code"),
    [
        ("The {term}`glorp plan` holds.", "The glorp plan holds.", []),
        ("See {ref}`the zelt tea <zelt-tea>` now.", "See the zelt tea now.", []),
        ("An {abbr}`LGP (long glorp plan)` here.", "An LGP here.", []),
        (
            "Press {kbd}`Ctrl+Z` and {math}`a<b>c` now.",
            "Press Ctrl+Z and a<b>c now.",
            ["Ctrl+Z", "a<b>c"],
        ),
        ("Call {py:func}`zelt <glorp.zelt>` twice.", "Call zelt twice.", ["zelt"]),
        ("{doc}`Zelt tea` is served.", "Zelt tea is served.", []),
    ],
)
def test_a_role_shows_its_text_as_its_role_has_it(body: str, shown: str, code: list[str]) -> None:
    html = render_body(body, []).html
    assert _text(html) == shown
    assert [c.get_text() for c in BeautifulSoup(html, "lxml").find_all("code")] == code


@pytest.mark.parametrize(
    "body",
    ["An escaped \\{ref}`x` stays.", "Apart {ref} `x` stays.", "Braces {the plan}`x` stay."],
)
def test_what_is_no_role_stays_text(body: str) -> None:
    assert "}" in _text(render_body(body, []).html)


def test_a_quote_runs_across_roles_as_the_reader_sees_them() -> None:
    body = "Speaker 9 said the {term}`glorp plan` of {ref}`zelt tea <zelt>` holds."
    quote = "said the glorp plan of zelt tea holds"
    assert render_body(body, [QuoteRequest("q", quote)]).found == {"q": 0}


def test_comment_lines_are_left_out() -> None:
    body = "Intro.\n\n% A note on the plan\n% and more\nThe glorp plan.\n\n% End.\n"
    html = render_body(body, [QuoteRequest("q", "Intro. The glorp plan.")])
    assert _text(html.html) == "Intro. The glorp plan."
    assert html.found == {"q": 0}


@pytest.mark.parametrize(
    "body",
    ["Le vote 40\n% des voix", "%timeit glorp", "- % of zelt", "> % of zelt", "    % code"],
)
def test_what_is_no_comment_stays_text(body: str) -> None:
    assert "%" in _text(render_body(body, []).html)


def test_block_breaks_are_left_out() -> None:
    body = 'Intro.\n\n+++ {"part": "abstract"}\nThe glorp plan.\n\n+++\n\nZelt tea.\n'
    result = render_body(body, [QuoteRequest("q", "Intro. The glorp plan. Zelt tea.")])
    assert _text(result.html) == "Intro. The glorp plan. Zelt tea."
    assert result.found == {"q": 0}


@pytest.mark.parametrize(
    "body", ["The plan\n+++ holds", "+++ Added", "++++ x", "+++x", "    +++", "+++ {x"]
)
def test_what_is_no_block_break_stays_text(body: str) -> None:
    assert "+++" in _text(render_body(body, []).html)


@pytest.mark.parametrize("line", ["(glorp)=", "+++", '+++ {"part": "abstract"}'])
def test_lines_of_targets_and_breaks_in_a_row_end_a_paragraph_and_are_read_in_one_pass(
    line: str,
) -> None:
    """As MyST reads them; unread as a paragraph's end, 2,000 in a row took 9 s."""
    lines = f"{line}\n" * 20_000
    assert _text(render_body("The glorp plan.\n" + lines, []).html) == "The glorp plan."
    assert _text(render_body(lines + "The glorp plan.\n", []).html) == "The glorp plan."
