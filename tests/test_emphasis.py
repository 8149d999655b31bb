"""The site's emphasis rule (``emphasis``) gives the tokens of markdown-it's own, but for runs
of ``*`` beside the punctuation of Chinese, Japanese and Korean (``cjk_emphasis``)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter, Scanned

from concordance import cjk_emphasis, markdown
from concordance.markdown import parser
from tests.conftest import REPO
from tests.test_inline_scan import _twin


def _stock() -> MarkdownIt:
    """The site's parser, its emphasis read by ``_reference``."""
    md = markdown.parser.__wrapped__()
    for each in (md, _twin(md)):
        each.inline.ruler.at("emphasis", _reference)
    return md


def _reference(state: StateInline, silent: bool) -> bool:
    """markdown-it's emphasis rule (``rules_inline.emphasis.tokenize``), each run scanned by
    ``StateInline.scanDelims``, with a run of ``*`` that ``cjk_emphasis.flanks_both`` opening
    and closing."""
    start = state.pos
    marker = state.src[start]
    if silent or marker not in ("_", "*"):
        return False
    scanned = state.scanDelims(start, marker == "*")
    end = start + scanned.length
    before = state.src[start - 1] if start > 0 else " "
    after = state.src[end] if end < state.posMax else " "
    if marker == "*" and cjk_emphasis.flanks_both(before, after):
        scanned = Scanned(True, True, scanned.length)
    for _ in range(scanned.length):
        state.push("text", "", 0).content = marker
        token = len(state.tokens) - 1
        state.delimiters.append(
            Delimiter(ord(marker), scanned.length, token, -1, scanned.can_open, scanned.can_close)
        )
    state.pos = end
    return True


STOCK = _stock()

_PIECES = [
    *"*_ \t\n.,!?-:;()[]`\\'\"aZ9$+^|<>=#&%@{}/",
    "**",
    "__",
    "***",
    "\u00a0",
    "\u3000",
    "\u2028",
    "«",
    "»",
    "“",
    "。",
    "、",
    "¿",
    "—",
    "glorp",
    "zorp",
    "グロープ",
    "글로프",
    "глорп",
    "زورب",
    "ज़ोर्प",
    "ཟོར་པ",
    "é",
    "\u0301",
    "\U0001f600",
    "[zorp](a.md)",
    "`code`",
    "~~",
    "==",
]
"""Runs of markers, and what they may stand between: white space, ASCII and Unicode
punctuation, letters of many scripts, other markup."""


def _parsed(md: MarkdownIt, body: str) -> tuple[list[Any], str]:
    """The tokens and the HTML of ``body``."""
    tokens = md.parse(body, {})
    return tokens, md.renderer.render(tokens, md.options, {})


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
@example("**glorp** *zorp* __a__ _b_ snake_case *c*d ***e*** **f*g** “**h**” .**i**.")
@example("*\u00a0a* **。b** _глорп_ __ज़ोर्प__ *a*$b* _c_+d_")
@example("他说**“格洛普”**政策 **「政策」**が **“정책”**이 中_文_字")
def test_runs_are_read_as_markdown_it_reads_them(body: str) -> None:
    """Token fields compared through dataclass equality: type, tag, content, markup, map,
    attrs, meta, info, level, block, hidden and children, recursively."""
    assert _parsed(parser(), body) == _parsed(STOCK, body)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_runs_are_read_as_markdown_it_reads_them_in_any_text(body: str) -> None:
    assert _parsed(parser(), body) == _parsed(STOCK, body)


@pytest.mark.parametrize(
    "path",
    sorted((REPO / "tests" / "fixtures").glob("*/content/**/*.md")),
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_runs_are_read_as_markdown_it_reads_them_on_the_fixture_sites(path: Any) -> None:
    body = path.read_text(encoding="utf-8")
    assert _parsed(parser(), body) == _parsed(STOCK, body)


def test_a_run_is_classed_once_for_its_neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    """Emphasis asks no ``scanDelims`` of its runs (strikethrough and highlights still do)."""
    scanned: list[int] = []
    scan = StateInline.scanDelims

    def spy(state: StateInline, start: int, inside_words: bool) -> Any:
        scanned.append(start)
        return scan(state, start, inside_words)

    monkeypatch.setattr(StateInline, "scanDelims", spy)
    html = parser().render("**glorp** and *zorp* and _zelt_ and ~~old~~")
    assert "<strong>glorp</strong>" in html and "<em>zorp</em>" in html
    assert "<s>old</s>" in html
    assert scanned == [36, 41]
