"""The runs of text joined by ``text_runs`` are markdown-it's rules' joins."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.text_join import _join_text_tokens, text_join
from markdown_it.rules_inline.fragments_join import fragments_join

from concordance import markdown, text_runs
from concordance.markdown import parser
from tests.test_inline_scan import _PIECES, _parsed, _twin


def _stock() -> MarkdownIt:
    """The site's parser, its runs of text joined by markdown-it's own rules."""
    md = markdown.parser.__wrapped__()
    md.core.ruler.at("text_join", text_join)
    for each in (md, _twin(md)):
        each.inline.ruler2.at("fragments_join", fragments_join)
    return md


STOCK = _stock()


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, "\\*", "*a", "b*", "![*a* \\_](x.png)"]), max_size=40))
@example(["a ", "*", "b", "\\*", "c &amp; d"])
@example(["![", "*a", " ", "&amp;", "\\_", "](x.png)"])
@example(["**", "a", "*", "b"])
def test_runs_of_text_are_joined_as_markdown_it_joins_them(pieces: list[str]) -> None:
    """Tokens field by field (levels too, and images' children), ``env`` and HTML."""
    body = "".join(pieces)
    assert _parsed(parser(), body) == _parsed(STOCK, body)


def test_a_paragraph_without_runs_is_walked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """markdown-it's ``_join_text_tokens`` is left paragraphs with a run of text after the
    parse (an entity beside text), and no other; ``fragments_join`` joins runs itself (an
    unpaired ``*``)."""
    joined: list[str] = []

    def counted(rule: Any) -> Any:
        def rule_counted(arg: Any) -> Any:
            joined.append(rule.__name__)
            return rule(arg)

        return rule_counted

    monkeypatch.setattr(text_runs, "markdown_its_join", counted(_join_text_tokens))
    parser().parse("Glorp *zorp* [a](x.md) `b`\n\nZorp")
    assert joined == []
    assert parser().parse("Glorp * zorp")[1].children[0].content == "Glorp * zorp"
    assert joined == []
    parser().parse("Glorp &amp; zorp")
    assert joined == ["_join_text_tokens"]


def test_a_paragraph_without_runs_keeps_its_list_of_children() -> None:
    """``text_join`` copies no list it leaves as it is (no rule after it changes one in place),
    and gives a paragraph of no children an empty list, as markdown-it's rule does."""
    children = parser().parse("Glorp *zorp*")[1].children
    assert children is not None
    assert text_runs._joined(children) is children
    tokens = parser().parse("Glorp")
    tokens[1].children = None
    state = StateCore("", parser(), {})
    state.tokens = tokens
    text_runs.text_join(state)
    assert tokens[1].children == []
