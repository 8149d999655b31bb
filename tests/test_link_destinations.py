"""A link's address read by ``link_destinations.read`` is markdown-it's reading of it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it.helpers import parseLinkDestination

from concordance import link_destinations
from concordance.markdown import parser

_PIECES = [
    *" \t\n\x00\x01\x1f\x7f\x85()<>\\&;#%:/.?=_-",
    "https://example.org/glorp",
    "x.md",
    "glorp zorp",
    "\\)",
    "\\ ",
    "&amp;",
    "&#106;",
    "グロープ",
    "é",
    '"title"',
    "\u2028",
]
"""Every character markdown-it's loop looks at, and pieces of addresses."""


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=20).map("".join),
    st.integers(0, 40),
    st.integers(0, 40),
)
@example("https://example.org/a) b", 0, 24)
@example("a(b)c) d", 0, 8)
@example("glorp", 0, 3)
@example("a\\)b)", 0, 5)
@example("<a b>c", 0, 6)
@example("x", 1, 1)
def test_an_address_is_read_as_markdown_it_reads_it(text: str, pos: int, cut: int) -> None:
    """The same ``ok``, end and address from any start, whatever ``maximum`` cuts off; a
    plain address read by the regular expression, any other by markdown-it."""
    if pos >= len(text):
        return
    maximum = max(pos, len(text) - cut)
    ours = link_destinations.read(text, pos, maximum)
    theirs = parseLinkDestination(text, pos, maximum)
    assert (ours.ok, ours.pos, ours.str) == (theirs.ok, theirs.pos, theirs.str)


def test_a_plain_address_is_read_without_markdown_its_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A plain address is read by the regular expression alone, one with parentheses by
    markdown-it; the parser's links, images and references read their addresses by
    ``read``."""
    fallen_back: list[str] = []

    def general(string: str, pos: int, maximum: int) -> Any:
        fallen_back.append(string[pos:maximum])
        return parseLinkDestination(string, pos, maximum)

    monkeypatch.setattr(link_destinations, "parseLinkDestination", general)
    result = link_destinations.read("[a](https://example.org/x) b", 4, 28)
    assert (result.ok, result.pos, result.str) == (True, 25, "https://example.org/x")
    assert fallen_back == []
    assert link_destinations.read("a(b) c", 0, 6).str == "a(b)"
    assert fallen_back == ["a(b) c"]
    inline = next(r for r in parser().core.ruler.__rules__ if r.name == "inline").fn
    for md in (parser(), inline.args[0]):  # type: ignore[attr-defined]
        assert md.helpers.parseLinkDestination is link_destinations.read
