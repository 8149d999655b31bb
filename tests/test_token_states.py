"""Tokens made by ``token_states`` are ours (``tokens.Token``) and equal, field by field,
those markdown-it's constructor makes."""

from __future__ import annotations

from dataclasses import fields
from itertools import pairwise
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from concordance import inline_push, inline_scan, paragraphs, token_states, tokens
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
    new = tokens.new_token(ttype, tag, nesting, level, block)
    assert [getattr(new, f.name) for f in fields(Token)] == [
        getattr(made, f.name) for f in fields(Token)
    ]
    assert new.attrs is not made.attrs and new.meta is not made.meta


def test_a_new_token_holds_dicts_of_its_own() -> None:
    """No two tokens share the ``attrs`` or ``meta`` a rule fills in."""
    first = tokens.new_token("link_open", "a", 1, 0, False)
    second = tokens.new_token("link_open", "a", 1, 0, False)
    first.attrs["href"], first.meta["glorp"] = "x.md", 1
    assert second.attrs == {} and second.meta == {}


def test_the_fields_are_markdown_its() -> None:
    """Our tokens have the fields of markdown-it's, in its order."""
    assert tuple(f.name for f in fields(Token)) == tokens.FIELDS


def test_a_body_is_parsed_without_the_token_constructor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Neither the blocks nor the inline text of a body make a token of markdown-it's, and
    the page is the same: every token is ours, whose fields compiled code reads in C."""
    made: list[str] = []
    constructor = Token.__init__

    def counted(self: Token, *args: object, **kwargs: object) -> None:
        made.append(str(args[0]))
        constructor(self, *args, **kwargs)  # type: ignore[arg-type]

    body = "# Zorp\n\nGlorp *zorp* [plan](https://example.org/a) `x`.\n\n- Speaker 7\n"
    html = render_body(body, []).html
    monkeypatch.setattr(Token, "__init__", counted)
    parsed = parser().parse(body, {})
    assert parsed and made == []
    assert all(isinstance(t, tokens.Token) for t in _all(parsed))
    assert render_body(body, []).html == html


def _all(parsed: list[Token]) -> list[object]:
    """Each token of ``parsed`` and of their children."""
    return [each for t in parsed for each in (t, *_all(t.children or []))]


_STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("append"), st.sampled_from(["glorp", " ", "zorp\n", "グロープ", ""])),
        st.tuples(st.just("add"), st.sampled_from(["glorp", "*", ""])),
        st.tuples(st.just("push"), st.sampled_from([-1, 0, 1])),
        st.tuples(st.just("flush"), st.just("")),
    ),
    max_size=12,
)


def _played(
    state: StateInline, steps: list[tuple[str, object]], in_c: bool = False
) -> list[object]:
    """The tokens, the pending text, the levels, notes and delimiters after each of ``steps``
    played on ``state``. ``in_c``: each push by ``inline_scan.push``, a text pushed twice by
    ``push_texts`` (a run of two of emphasis' markers) and the pending text by
    ``inline_push.flushed``, the compiled rules' ways."""
    seen: list[object] = []
    for step, value in steps:
        if step == "append":
            state.append_pending(str(value))
        elif step == "add":
            state.pending += str(value)
        elif step == "push":
            nesting = value if value != -1 or state._prev_delimiters else 1
            if in_c:
                inline_scan.push(state, "glorp", "em", nesting)  # type: ignore[arg-type]
            else:
                state.push("glorp", "em", nesting)  # type: ignore[arg-type]
        elif step == "texts" and in_c:
            seen.append(inline_scan.push_texts(state, str(value), 2))
        elif step == "texts":
            for _ in range(2):
                state.push("text", "", 0).content = str(value)
            seen.append(len(state.tokens) - 2)
        elif in_c:
            inline_push.flushed(state)  # type: ignore[arg-type]
        elif state.pending:
            state.pushPending()
        seen.append(_fields(state.tokens))
        seen.append((state.pending, state.level, state.pendingLevel, len(state.tokens_meta)))
        seen.append((len(state.delimiters), len(state._prev_delimiters)))
    return seen


@given(_STEPS)
def test_pending_text_is_taken_as_markdown_it_takes_it(steps: list[tuple[str, object]]) -> None:
    """Text appended piece by piece, or added to ``pending``, becomes the same tokens, and
    leaves the same pending text, in the site's state as in markdown-it's."""
    md = parser()
    ours = _played(token_states.InlineState("glorp", md, {}, []), steps)
    assert ours == _played(StateInline("glorp", md, {}, []), steps)


def test_pending_text_is_taken_without_its_property(monkeypatch: pytest.MonkeyPatch) -> None:
    """A token pushed after pending text reads and clears it where markdown-it keeps it
    (``PENDING``), not through the property ``pending``, a function in Python."""
    state = token_states.InlineState("glorp", parser(), {}, [])
    state.append_pending("glorp ")
    state.append_pending("zorp")
    read: list[str] = []
    original = StateInline.pending

    def counted(self: StateInline) -> str:
        read.append("get")
        return original.fget(self)  # type: ignore[misc]

    monkeypatch.setattr(StateInline, "pending", property(counted, original.fset))
    state.push("em_open", "em", 1)
    state.append_pending("blip")
    state.pushPending()
    assert read == []
    assert [t.content for t in state.tokens] == ["glorp zorp", "", "blip"]


@given(st.lists(st.one_of(_STEPS, st.tuples(st.just("texts"), st.sampled_from("*_")))))
def test_compiled_pushes_are_markdown_its(steps: list[list[tuple[str, object]]]) -> None:
    """Tokens pushed in C by the compiled rules (``inline_scan.push``, ``push_texts``,
    ``inline_push.flushed``) are those markdown-it's state pushes, field by field, leaving the same
    pending text, levels, notes and delimiters."""
    played = [step for each in steps for step in (each if isinstance(each, list) else [each])]
    md = parser()
    ours = _played(token_states.InlineState("glorp", md, {}, []), played, in_c=True)
    assert ours == _played(StateInline("glorp", md, {}, []), played)


_LINES = st.lists(
    st.sampled_from(["", " ", "\t", "  \t ", "glorp", " zorp", "\tblip", " \t*x", "グロープ"]),
    max_size=8,
)


@given(_LINES, st.sampled_from(["", "\n", " ", "\t", " \n"]))
def test_the_lines_are_marked_as_markdown_it_marks_them(lines: list[str], last: str) -> None:
    """Each line's marks (where it begins and ends, its indentation in characters and in
    columns), and every other field, are those of markdown-it's ``StateBlock``, whatever
    indents the lines and ends the text (a last line of spaces alone has none)."""
    md = parser()
    src = "\n".join(lines) + last
    ours = vars(token_states.BlockState(src, md, {}, []))
    assert ours == vars(StateBlock(src, md, {}, []))


def test_the_lines_are_marked_without_markdown_its_loop() -> None:
    """This markdown-it's ``StateBlock`` sets the fields ``BlockState`` sets, which marks
    the lines itself."""
    assert token_states.MARKED
    assert "__init__" in vars(token_states.BlockState)


@given(
    st.lists(st.tuples(st.sampled_from(["paragraph", "glorp", ""]), st.sampled_from([-1, 0, 1])))
)
def test_a_block_token_is_pushed_as_markdown_it_pushes_it(
    pushes: list[tuple[str, Literal[-1, 0, 1]]],
) -> None:
    """Block tokens opened, closed and alone are those markdown-it's ``StateBlock.push``
    makes, field by field, at the same levels."""
    md = parser()
    ours, theirs = token_states.BlockState("glorp", md, {}, []), StateBlock("glorp", md, {}, [])
    for ttype, nesting in pushes:
        for state in (ours, theirs):
            state.push(ttype, "p" if ttype else "", nesting)
    assert [[getattr(t, f.name) for f in fields(Token)] for t in ours.tokens] == [
        [getattr(t, f.name) for f in fields(Token)] for t in theirs.tokens
    ]
    assert ours.level == theirs.level
    assert all(t.attrs is not u.attrs for t, u in pairwise(ours.tokens))


def _fields(tokens: list[Token]) -> list[list[object]]:
    return [[getattr(t, f.name) for f in fields(Token)] for t in tokens]


def test_empty_pieces_of_pending_text_make_no_token() -> None:
    """Pending text appended in empty pieces is no text at all: ``push`` makes no token of
    it, as markdown-it's ``if self.pending`` does not."""
    md = parser()
    ours, theirs = token_states.InlineState("x", md, {}, []), StateInline("x", md, {}, [])
    for state in (ours, theirs):
        state.append_pending("")
        state.push("em_open", "em", 1)
        state.append_pending("")
        state.push("text", "", 0)
    assert _fields(ours.tokens) == _fields(theirs.tokens)
    assert [t.type for t in ours.tokens] == ["em_open", "text"]


@given(st.integers(0, 3), st.text(max_size=8), st.integers(0, 20))
def test_a_paragraph_is_pushed_as_push_makes_it(opened: int, content: str, start: int) -> None:
    """``paragraphs.push_paragraph`` makes the tokens three calls of ``push`` make, filled in
    as markdown-it's rule fills them, inside any number of open blocks, with maps of their
    own."""
    md = parser()
    for make in (token_states.BlockState, StateBlock):
        ours, theirs = make("glorp", md, {}, []), StateBlock("glorp", md, {}, [])
        for state in (ours, theirs):
            for _ in range(opened):
                state.push("blockquote_open", "blockquote", 1)
        paragraphs.push_paragraph(ours, content, start, start + 1)
        theirs.push("paragraph_open", "p", 1).map = [start, start + 1]
        inline = theirs.push("inline", "", 0)
        inline.content, inline.map, inline.children = content, [start, start + 1], []
        theirs.push("paragraph_close", "p", -1)
        assert _fields(ours.tokens) == _fields(theirs.tokens)
        assert ours.level == theirs.level == opened
        assert ours.tokens[-3].map is not ours.tokens[-2].map
