"""A paragraph of one line and a heading taken by ``paragraphs`` are markdown-it's."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock, heading, paragraph

from concordance import paragraphs
from concordance.markdown import parser
from tests.test_inline_scan import STOCK, _parsed

_LINES = ["glorp zorp", "  glorp", "\tzorp ", "", "", "> a", "- b", "  - c", "    d", "e  "]
_LINES += ["zorp\u3000", "\u00a0glorp\u2009", "blip\x1c", "\x1czelt", "  \u2003", "\u200bx\u200b"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=12).map("\n".join))
def test_paragraphs_are_markdown_its(body: str) -> None:
    """Tokens field by field, ``env`` and HTML, with markdown-it's rule (``STOCK``), for
    paragraphs of one line and more, indented, in lists and quotes, ended by white space
    markdown-it trims (``paragraphs.TRIMMED``) and by some it does not."""
    assert _parsed(parser(), body) == _parsed(STOCK, body)


def test_a_paragraph_of_one_line_is_taken_without_markdown_its_rule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """markdown-it's rule takes only paragraphs of more than one line."""
    taken: list[int] = []

    def counted(state: StateBlock, start: int, end: int, silent: bool) -> Any:
        taken.append(start)
        return paragraph(state, start, end, silent)

    monkeypatch.setattr(paragraphs, "markdown_its_paragraph", counted)
    body = "glorp\n\nzorp\n\n- zelt\n\n  > blip\n\nglorp\nzorp"
    assert _parsed(parser(), body) == _parsed(STOCK, body)
    assert taken == [8]


_HEADINGS = ["#", "# ", "## glorp", "###### zorp ##", "####### zelt", "#glorp", "#\tzorp#"]
_HEADINGS += ["### a ### b", "## # ", "# ##", "##  zorp  #  ", "  # glorp", "    # code", "> # q"]
_HEADINGS += ["- ## item", "#\u3000zorp", "# glorp\\#", "# zorp #\t", "\t# x", "glorp", ""]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_HEADINGS), max_size=10).map("\n".join))
def test_headings_are_markdown_its(body: str) -> None:
    """Tokens field by field, ``env`` and HTML, with markdown-it's rule (``STOCK``), for
    headings of every level and too deep, closed by marks or not, indented, in code, quotes
    and lists, between paragraphs."""
    assert _parsed(parser(), body) == _parsed(STOCK, body)


def test_a_heading_ends_what_markdown_its_ends() -> None:
    """The site's ``heading`` is in the chains of markdown-it's own rule: a heading on the
    line after a paragraph's ends it."""
    ruler, stock = parser().block.ruler, MarkdownIt("js-default").block.ruler
    for name in ("paragraph", "reference", "blockquote"):
        assert len(ruler.getRules(name)) > len(stock.getRules(name)) > 0  # the site's more
        assert heading in stock.getRules(name) and paragraphs.heading in ruler.getRules(name)
    assert list(paragraphs.HEADING_ENDS) == stock.__rules__[stock.__find__("heading")].alt
    assert "<h2" in parser().render('<a id="x"></a>\n## Glorp')
