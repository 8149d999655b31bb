"""Tokens made by ``token_states`` equal those markdown-it's constructor makes."""

from __future__ import annotations

import dis
from dataclasses import fields
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it.token import Token

from concordance import token_states
from concordance.markdown import parser, render_body


@given(
    st.text(max_size=12),
    st.sampled_from(["", "p", "em", "h2"]),
    st.sampled_from([-1, 0, 1]),
    st.integers(0, 40),
    st.booleans(),
)
def test_a_new_token_is_the_one_the_constructor_makes(
    ttype: str, tag: str, nesting: Literal[-1, 0, 1], level: int, block: bool
) -> None:
    made = Token(ttype, tag, nesting)
    made.level, made.block = level, block
    new = token_states.new_token(ttype, tag, nesting, level, block)
    assert [getattr(new, f.name) for f in fields(Token)] == [
        getattr(made, f.name) for f in fields(Token)
    ]
    assert new.attrs is not made.attrs and new.meta is not made.meta


def test_a_new_token_holds_dicts_of_its_own() -> None:
    """No two tokens share the ``attrs`` or ``meta`` a rule fills in."""
    first = token_states.new_token("link_open", "a", 1, 0, False)
    second = token_states.new_token("link_open", "a", 1, 0, False)
    first.attrs["href"], first.meta["glorp"] = "x.md", 1
    assert second.attrs == {} and second.meta == {}


def test_the_fields_are_markdown_its() -> None:
    """A markdown-it whose tokens have other fields gets tokens from its constructor; this
    one has those ``new_token`` sets."""
    assert tuple(f.name for f in fields(Token)) == token_states.FIELDS


def test_a_body_is_parsed_without_the_token_constructor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Neither the blocks nor the inline text of a body make a token through ``Token``'s
    ``__init__``, and the page is the same."""
    made: list[str] = []
    constructor = Token.__init__

    def counted(self: Token, *args: object, **kwargs: object) -> None:
        made.append(str(args[0]))
        constructor(self, *args, **kwargs)  # type: ignore[arg-type]

    body = "# Zorp\n\nGlorp *zorp* [plan](https://example.org/a) `x`.\n\n- Speaker 7\n"
    html = render_body(body, []).html
    monkeypatch.setattr(Token, "__init__", counted)
    assert parser().parse(body, {}) and made == []
    assert render_body(body, []).html == html


def test_a_new_token_is_made_one_field_a_statement() -> None:
    """``new_token`` sets each field by a statement of its own and finds ``object.__new__``
    without looking it up on ``object``: fields assigned from tuples were packed and
    unpacked again, a quarter of the time of making a token."""
    names = [(op.opname, op.argval) for op in dis.get_instructions(token_states.new_token)]
    assert not [name for name in names if name[0] in ("BUILD_TUPLE", "UNPACK_SEQUENCE")]
    assert ("LOAD_ATTR", "__new__") not in names
    assert [name for name in names if name[0] == "STORE_ATTR"] == [
        ("STORE_ATTR", field) for field in token_states.FIELDS
    ]
