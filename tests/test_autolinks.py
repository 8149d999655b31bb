"""Addresses written out in a body's text (``https://example.org/report``) become links, as
on GitHub; bare domains do not, and no address that a written link could not have becomes
one. Checked on a built article."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import build_one_article, copy_content, run_cli
from sitecheck import soup

from concordance import autolinks
from concordance.markdown import QuoteRequest, render_body

ARTICLE = """\
---
title: Speaker 15 on the wobble report
date: 2023-05-05
speaker: Speaker 15
quotes:
  - text: the report at https://example.org/wobble-report says the glorp plan works
    concepts: [zelt tea]
---
Speaker 15 said the report at https://example.org/wobble-report says the glorp plan works.

Not links: www.example.org, example.org, https://example.org:99999/x, javascript:alert(1)
and `https://example.org/code`. In [a link holding https://example.org/inner
inside](https://example.org/outer) there is one link.

An address in parentheses (https://example.org/a_(b)) keeps its own parentheses.
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> BeautifulSoup:
    tmp = tmp_path_factory.mktemp("autolinks")
    content = copy_content("markup-heavy", tmp)
    (content / "articles" / "2023-05-05-autolinks.md").write_text(ARTICLE, encoding="utf-8")
    out = tmp / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    return soup(out / "articles" / "2023-05-05-autolinks" / "index.html")


def _links(page: BeautifulSoup) -> list[tuple[str, str]]:
    body = page.select_one("div.body")
    assert isinstance(body, Tag)
    return [
        (str(a["href"]), a.get_text())
        for a in body.find_all("a")
        if "chip" not in a.get("class", [])
    ]


def test_written_addresses_become_links_and_nothing_else_does(page: BeautifulSoup) -> None:
    assert _links(page) == [
        ("https://example.org/wobble-report", "https://example.org/wobble-report"),
        ("https://example.org/outer", "a link holding https://example.org/inner\ninside"),
        ("https://example.org/a_(b)", "https://example.org/a_(b)"),
    ]
    text = " ".join(page.get_text().split())
    assert "www.example.org, example.org, https://example.org:99999/x, javascript:alert(1)" in text


def test_a_quote_runs_across_an_address(page: BeautifulSoup) -> None:
    marks = page.select("div.body mark.quote")
    quoted = "".join(m.get_text() for m in marks)
    assert quoted == "the report at https://example.org/wobble-report says the glorp plan works"
    link = page.select_one('div.body a[href="https://example.org/wobble-report"]')
    assert isinstance(link, Tag) and link.find("mark") is not None


def test_the_full_stop_after_an_address_is_not_part_of_it() -> None:
    html = render_body("Read https://example.org/report.", [QuoteRequest("q", "Read")]).html
    assert '<a href="https://example.org/report">https://example.org/report</a>.' in html


def test_an_address_ends_before_the_quotation_marks_and_the_cjk_punctuation_after_it(
    tmp_path: Path,
) -> None:
    """An address in curly quotation marks or guillemets, or followed with no space by the
    punctuation of Chinese or Japanese, ends before them: the link went to a page no one
    wrote (``https://example.org/a%E2%80%9D``) and showed the mark, or the sentence after the
    address, as part of it. An apostrophe inside a word stays in it."""
    body = (
        "He wrote “https://example.org/a” and ‘https://example.org/b’.\n\n"
        "Er schrieb »https://example.org/c« dort.\n\n"
        "请访问https://example.org/d，谢谢。「https://example.org/e」をご覧ください。\n\n"
        "See https://example.org/it’s_f now.\n"
    )
    one = build_one_article(tmp_path, "2024-01-05-links", "title: Links\ndate: 2024-01-05\n", body)
    links = [(str(a["href"]), a.get_text()) for a in one.body.find_all("a")]
    written = [f"https://example.org/{end}" for end in "abcde"]
    assert links == [
        *zip(written, written, strict=True),
        ("https://example.org/it%E2%80%99s_f", "https://example.org/it’s_f"),
    ]


def test_an_address_longer_than_the_limit_stays_text() -> None:
    """linkify-it is handed at most ``MAX_ADDRESS`` characters: the whole body after each
    ``://`` made a body of many of them take time in proportion to its length squared."""
    at_limit = "https://example.org/" + "a" * (autolinks.MAX_ADDRESS - len("https://example.org/"))
    assert "<a " in render_body(f"See {at_limit} here.", []).html
    assert "<a " not in render_body(f"See {at_limit}b here.", []).html


@pytest.mark.parametrize(
    "body", ["[x](blob:https://example.org/x)", "<https://a..b/>", "[x](https://a..b/)"]
)
def test_no_part_of_a_refused_address_becomes_a_link(body: str) -> None:
    html = render_body(body, []).html
    assert "<a " not in html
    assert BeautifulSoup(html, "lxml").get_text().strip() == body


@pytest.mark.parametrize("inner", ["<https://example.org/inner>", "<someone@example.org>"])
def test_an_address_in_angle_brackets_in_a_link_is_no_link_of_its_own(inner: str) -> None:
    """markdown-it made it a link inside the link, which a browser's parser takes apart."""
    html = render_body(f"[See {inner} here](https://example.org/outer) and {inner}.", []).html
    links = BeautifulSoup(html, "lxml").find_all("a")
    assert [a.find("a") for a in links] == [None, None]
    assert links[0].get_text() == f"See {inner} here"
