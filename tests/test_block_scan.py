"""The block scanner (``block_scan``) gives the tokens of markdown-it's own loop."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from concordance import markdown
from tests.test_inline_scan import same_as_stock

_STARTS = [
    "",
    "# ",
    "## ",
    "#glorp",
    "> ",
    ">",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "-",
    "---",
    "***",
    "___",
    "===",
    "+++",
    "+---+---+",
    "| a | b |",
    "|---|---|",
    "--- ---",
    "---|---",
    ":--|--:",
    "```",
    "```{note}",
    "```{=html}",
    "~~~",
    ":::",
    "::: warning",
    ": ",
    "~ ",
    "!!! note",
    "??? tip",
    "[^1]: ",
    "[ref]: https://example.org",
    "[x]",
    "<!-- ",
    "-->",
    "<pre>",
    "<table>",
    "<ul>",
    "<h3>",
    "%% ",
    "%%",
    "% ",
    "{/* ",
    "*/}",
    "import x from './x'",
    "export const a = 1",
    "(glorp-target)=",
    "\t",
    "    ",
    "  ",
    "\\",
]
"""The openings of a line of every rule of the chain, and others."""
_WORDS = [
    *("glorp", "zorp", "グロープ", "글로프", "глорп", "زورب", "ज़ोर्प", "*a*", "[b](c.md)"),
    *(" | ", "glorp | zorp", "", "", ""),
]


@st.composite
def _bodies(draw: st.DrawFn) -> str:
    """Lines, each an opening (maybe indented) and words, or blank."""
    line = st.tuples(
        st.sampled_from(["", "", "", " ", "   ", "    ", "> ", "- ", "  "]),
        st.sampled_from(_STARTS),
        st.sampled_from(_WORDS),
    ).map("".join)
    return "\n".join(draw(st.lists(line | st.just(""), max_size=14)))


@settings(max_examples=2000, deadline=None)
@given(_bodies())
@example("# glorp\n\nzorp\n===\n\n- a\n  - b\n\n> c\n\n```\nd\n```\n\n[^1]: e\n\nf[^1]")
@example("| a | b |\n|---|---|\n| c | d |\n\nterm\n: definition\n\n+---+\n| x |\n+---+")
@example("glorp\nzorp\n===\n\na | b\n:-|-:\nc | d\n\n> zelt\n> ---\n\n- glorp\n  zorp\n  ---\n")
def test_the_scanner_gives_markdown_its_own_tokens(body: str) -> None:
    same_as_stock(body)


def _tried(name: str) -> tuple[MarkdownIt, list[int]]:
    """A parser of the site's whose block rule ``name`` notes each line it is tried at to
    take a block (not as a paragraph's end)."""
    md = markdown.parser.__wrapped__()
    ruler = md.block.ruler
    stock = ruler.__rules__[ruler.__find__(name)].fn
    seen: list[int] = []

    def noted(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not silent:
            seen.append(start)
        return stock(state, start, end, silent)

    ruler.at(name, noted)
    return md, seen


def test_a_rule_is_tried_only_at_lines_it_can_start() -> None:
    """``heading`` is tried at a line starting with ``#``, never at a paragraph's; the
    chain changed, the scanner sorts the new one."""
    md, seen = _tried("heading")
    assert "<h2" not in md.render("glorp\n\nzorp\n\n- zelt")
    assert seen == []
    assert "<h2" in md.render("glorp\n\n# zorp")
    assert seen == [2]


def test_a_table_is_tried_only_before_a_line_it_can_take() -> None:
    """``table`` is tried at a paragraph's line only when the next starts with ``|``, ``-``
    or ``:`` (its row of dashes), never before an empty line or the end."""
    md, seen = _tried("table")
    assert "<table" not in md.render("glorp\n\nzorp\nzelt\n\n- Speaker 7")
    assert seen == []
    assert "<table" in md.render("glorp\n\na | b\n--|--\nc | d")
    assert seen == [2]


@pytest.mark.parametrize(
    ("name", "passed", "taken", "lines", "element"),
    [
        # at a line four columns or more past its block's (a list item's inside one)
        (
            "code",
            "glorp\n\n  zorp\n\n- zelt\n\n  - blip",
            "glorp\n\n    zorp\n\n- zelt\n\n      blip",
            [2, 6],
            "<pre",
        ),
        # when the next line, or the one after it if that is empty, starts with : or ~
        (
            "deflist",
            "glorp\n\nzorp\nzelt\n\n- Speaker 7\n\n> a",
            "glorp\n\nterm\n\n: definition\n\n- item\n\nzorp\n~ zelt",
            [2, 8],
            "<dl",
        ),
        # when it, or the next line, starts with -
        (
            "simple_table",
            "glorp\n\nzorp\nzelt\n\n> a\n\n1. b",
            "glorp\n\nA    B\n---  ---\n1    2\n\nzorp\n\n- zelt",
            [2, 8],
            "<table",
        ),
    ],
)
def test_a_rule_is_tried_only_where_its_lines_can_start(
    name: str, passed: str, taken: str, lines: list[int], element: str
) -> None:
    """Each rule is tried to take a block only at the lines given, never at the body it
    passes over, whose lines it would decline."""
    md, seen = _tried(name)
    assert element not in md.render(passed)
    assert seen == []
    assert element in md.render(taken)
    assert seen == lines
