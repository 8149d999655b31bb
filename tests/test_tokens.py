"""Our tokens (``tokens.Token``, native when compiled) behave as markdown-it's ``Token``:
the same fields, defaults, methods, equality and text; markdown-it's own made ours."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token as Theirs

from concordance import tokens
from concordance.markdown import parser
from concordance.tokens import Token

_MADE: list[dict[str, Any]] = [
    {},
    {"attrs": {"href": "x.md"}, "map": [1, 2], "level": 3, "content": "glorp"},
    {"attrs": [["class", "a"], ["id", "b"]], "markup": "*", "info": "auto", "block": True},
    {"meta": {"glorp": 1}, "hidden": True, "children": []},
    {"attrs": None},
]


def _fields(token: object) -> list[object]:
    return [getattr(token, f.name) for f in fields(Theirs)]


@pytest.mark.parametrize("given", _MADE)
def test_a_token_is_made_as_markdown_its(given: dict[str, Any]) -> None:
    ours, theirs = Token("link_open", "a", 1, **given), Theirs("link_open", "a", 1, **given)
    assert _fields(ours) == _fields(theirs)
    assert repr(ours) == repr(theirs)
    assert ours.as_dict() == theirs.as_dict()
    assert ours.as_dict(as_upstream=False, children=False) == theirs.as_dict(
        as_upstream=False, children=False
    )
    assert ours.attrItems() == theirs.attrItems()
    assert ours.attrGet("href") == theirs.attrGet("href")


def test_the_defaults_are_dicts_of_their_own() -> None:
    first, second = Token("text", "", 0), Token("text", "", 0)
    first.attrs["a"], first.meta["b"] = "1", 2
    assert second.attrs == {} and second.meta == {}


def test_attributes_are_set_and_joined_as_markdown_it_does() -> None:
    ours, theirs = Token("p", "p", 1), Theirs("p", "p", 1)
    for token in (ours, theirs):
        token.attrSet("class", "a")
        token.attrJoin("class", "b")
        token.attrJoin("id", "c")
        token.attrPush(("lang", "fr"))
    assert ours.attrs == theirs.attrs == {"class": "a b", "id": "c", "lang": "fr"}
    ours.attrSet("width", 3)
    with pytest.raises(TypeError):
        ours.attrJoin("width", "4")


def test_tokens_compare_and_copy_as_markdown_its() -> None:
    token = Token("text", "", 0, content="glorp", children=[Token("em_open", "em", 1)])
    same = Token("text", "", 0, content="glorp", children=[Token("em_open", "em", 1)])
    assert token == same and token != Token("text", "", 0, content="zorp")
    assert token != Theirs("text", "", 0, content="glorp")
    copied = token.copy(content="zorp")
    assert copied.content == "zorp" and copied.children is token.children
    assert _fields(token.copy()) == _fields(token)
    with pytest.raises(TypeError):
        hash(token)


def test_markdown_its_tokens_are_made_ours() -> None:
    """A parse of markdown-it's own, adopted: every token ours, field for field the same."""
    parsed = MarkdownIt().parse("# Glorp\n\n*zorp* [x](y.md)\n\n- a\n")
    expected = [_fields(t) for t in parsed]
    adopted: list[Any] = list(parsed)
    tokens.adopt(adopted)
    assert all(isinstance(t, Token) for t in adopted)
    assert [t.as_dict() for t in adopted] == [t.as_dict() for t in parsed]
    assert [_fields(t)[:6] for t in adopted] == [f[:6] for f in expected]


@pytest.mark.parametrize(
    "body",
    [
        "Glorp[^1] and ^[zorp].\n\n[^1]: A note *with* [a link](x.md).\n",
        "+---+---+\n| a | b |\n+===+===+\n| c | d |\n+---+---+\n",
        "Glorp `<b>x</b>`{=html} zorp.\n",
    ],
)
def test_every_token_of_a_parse_is_ours(body: str) -> None:
    """Footnotes (the plugin makes its tokens itself), grid tables (their cells parsed by a
    state of their own) and raw HTML (read by a parser of markdown-it's): each token ours,
    as the compiled rules, which read ours alone, ask."""
    found: list[object] = []
    pending: list[Any] = list(parser().parse(body, {}))
    while pending:
        token = pending.pop()
        found.append(token)
        pending += token.children or []
    assert found and all(isinstance(t, Token) for t in found)
