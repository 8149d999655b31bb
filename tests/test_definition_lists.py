"""Definition lists, as Pandoc, kramdown (Jekyll), Goldmark (Hugo) and PHP Markdown Extra
write them: a term, then its definitions on lines that start with ``:`` (or ``~``)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from concordance.markdown import QuoteRequest, render_body

BODY = """\
Intro.

Glorp plan
:   The plan of the *glorp* makers.

    It holds for a year.

Zelt tea
: A drink.
: A habit of Speaker 9.

خطة
: تعريف الخطة.
"""


def test_a_definition_list_holds_its_terms_and_definitions() -> None:
    quotes = [
        QuoteRequest("q", "Glorp plan The plan of the glorp makers."),
        QuoteRequest("r", "A habit"),
    ]
    result = render_body(BODY, quotes)
    page = BeautifulSoup(result.html, "lxml")
    terms = [dt.get_text() for dt in page.select("dl > dt")]
    assert terms == ["Glorp plan", "Zelt tea", "خطة"]
    definitions = [" ".join(dd.get_text().split()) for dd in page.select("dl > dd")]
    assert definitions == [
        "The plan of the glorp makers. It holds for a year.",
        "A drink.",
        "A habit of Speaker 9.",
        "تعريف الخطة.",
    ]
    assert result.found == {"q": 2, "r": 9}
    assert [dt["dir"] for dt in page.select("dt")] == ["ltr", "ltr", "rtl"]


def test_definitions_nested_past_the_limit_are_reported() -> None:
    body = "t\n" + "".join("    " * i + ":   t\n" for i in range(120))
    assert render_body(body, []).too_deep is not None


@pytest.mark.parametrize(
    "body",
    ["a\n: b\n" * 30_000, ": x\n" * 50_000, "a\n" + "~ b\n" * 50_000, "t\n" * 50_000 + ": d\n"],
    ids=["pairs", "colons", "tildes", "long-term"],
)
def test_hostile_definition_lists_are_read_in_one_pass(body: str) -> None:
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    assert len(page.select("dd")) <= body.count("\n")
