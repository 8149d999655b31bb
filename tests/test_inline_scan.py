"""The inline scanner (``inline_scan``) gives the tokens of markdown-it's own loop."""

from __future__ import annotations

import re
from functools import partial
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.ruler import Ruler
from markdown_it.rules_block import heading, paragraph
from markdown_it.rules_inline import StateInline

from concordance import inline_scan, markdown, paragraphs, token_states, tokens
from concordance.markdown import parser
from tests.conftest import REPO

FIXTURES = REPO / "tests" / "fixtures"


def _twin(md: MarkdownIt) -> MarkdownIt:
    """The parser ``md``'s core rule ``inline`` parses inline text with."""
    rule = next(r for r in md.core.ruler.__rules__ if r.name == "inline")
    twin: MarkdownIt = rule.fn.args[0]  # type: ignore[attr-defined]
    return twin


def _stock() -> MarkdownIt:
    """The site's parser, its blocks and inline text tokenized and parsed by markdown-it's own
    loops, its HTML written by markdown-it's own renderer."""
    md = markdown.parser.__wrapped__()
    md.block.ruler.at("paragraph", paragraph)  # markdown-it's rule, for paragraphs too
    md.block.ruler.at("heading", heading, {"alt": list(paragraphs.HEADING_ENDS)})  # headings
    del md.renderer.render  # the class's method again
    del md.renderer.renderInline
    del md.renderer.renderToken
    for each in (md, _twin(md)):
        del each.inline.tokenize  # the class's method again
        del each.inline.parse
        del each.inline.skipToken
        del each.block.tokenize
        del each.block.parse
        each.parse = partial(parsed_in_stock_states, each)  # type: ignore[method-assign]
    return md


def parsed_in_stock_states(md: MarkdownIt, src: str, env: Any = None) -> list[Any]:
    """``md.parse``, markdown-it's own loops parsing with the site's states, whose tokens are
    ours, as the site's rules they call ask (``test_token_states`` holds their ``push`` to
    markdown-it's)."""
    with (
        patch("markdown_it.parser_inline.StateInline", _STATES[0]),
        patch("markdown_it.parser_block.StateBlock", _STATES[1]),
        patch("markdown_it.rules_core.linkify.Token", tokens.Token),
    ):
        return MarkdownIt.parse(md, src, env)


_STATES = (token_states.InlineState, token_states.BlockState)
"""The site's states, as imported (a test may count those the site's loops make)."""


STOCK = _stock()

_PIECES = [
    *"*_`[]()!^~=<>&:%{}\\#$+-@\n \t",
    "**",
    "__",
    "~~",
    "==",
    "%%",
    "{/* a */}",
    "[^1]",
    "^[note]",
    "[[Glorp plan]]",
    "![[map.png]]",
    "![i](x.png)",
    "[zorp](https://example.org/a_b)",
    "[~~glorp~~ *zorp*](x.md)",
    "<https://example.org>",
    "https://example.org/x",
    "<b>",
    "</b>",
    "<o:p></o:p>",
    "&amp;",
    "&#106;",
    "\n\n[^1]: glorp note\n\n",
    "\n[ref]: https://example.org\n",
    "\n\n    code\n\n",
    "glorp",
    "Zorp",
    "グロープ",
    "글로프",
    "глорп",
    "γλορπ",
    "זורפ",
    "زورب",
    "ज़ोर्प",
    "ཟོར་པ",
    "é",
    "\u200d",
    "\U0001f600",
]
"""Markup of every rule of the chain, the characters that stop ``text``, and words of many
scripts."""


def _parsed(md: MarkdownIt, body: str) -> tuple[list[Any], dict[str, Any], str]:
    """The tokens, the parse's ``env`` and the HTML of ``body``."""
    env: dict[str, Any] = {}
    tokens = md.parse(body, env)
    return tokens, env, md.renderer.render(tokens, md.options, {})


def same_as_stock(body: str) -> None:
    """Token fields compared through dataclass equality: type, tag, content, markup, map,
    attrs, meta, info, level, block, hidden and children, recursively."""
    assert _parsed(parser(), body) == _parsed(STOCK, body)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
@example("a *b* [c](d.md) `e` -f- ~g~ ^h^ <i> &amp; x://y https://z.org")
@example("[^1] and [^2]\n\n[^1]: glorp\n")
def test_the_scanner_gives_markdown_its_own_tokens(body: str) -> None:
    same_as_stock(body)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_the_scanner_gives_markdown_its_own_tokens_on_any_text(body: str) -> None:
    same_as_stock(body)


@pytest.mark.parametrize(
    "path",
    sorted(FIXTURES.glob("*/content/**/*.md")) + sorted((REPO / "content").glob("**/*.md")),
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_the_scanner_gives_markdown_its_own_tokens_on_the_fixture_sites(path: Any) -> None:
    same_as_stock(path.read_text(encoding="utf-8"))


def test_a_rule_is_tried_only_where_it_can_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """``link`` is tried at a ``[``, never at the ``*`` of bold text; the chain changed,
    the scanner sorts the new one."""
    twin = _twin(markdown.parser.__wrapped__())
    ruler = twin.inline.ruler
    stock_link = ruler.__rules__[ruler.__find__("link")].fn
    seen: list[str] = []

    def link(state: StateInline, silent: bool) -> bool:
        seen.append(state.src[state.pos])
        return stock_link(state, silent)

    ruler.at("link", link)
    assert "<strong>glorp</strong>" in twin.render("**glorp** zorp")
    assert seen == []
    assert 'href="x.md"' in twin.render("[zorp](x.md)")
    assert seen == ["["]


def test_a_pairing_rule_runs_only_where_its_delimiters_are() -> None:
    """Strikethrough's pairing is left out of a paragraph without ``~``, and of one without
    delimiters at all, and runs where a ``~~`` is, inside a link too."""
    twin = _twin(markdown.parser.__wrapped__())
    ruler2 = twin.inline.ruler2
    stock_pairing = ruler2.__rules__[ruler2.__find__("strikethrough")].fn
    seen: list[str] = []

    def strikethrough(state: StateInline) -> None:
        seen.append(state.src)
        stock_pairing(state)

    ruler2.at("strikethrough", strikethrough)
    assert "<strong>glorp</strong>" in twin.render("**glorp** zorp")
    assert "<p>glorp zorp</p>" in twin.render("glorp zorp")
    assert seen == []
    assert "<s>zorp</s>" in twin.render("[glorp ~~zorp~~](x.md)")
    assert seen == ["[glorp ~~zorp~~](x.md)"]


def test_the_pairing_rules_are_chosen_by_the_codes_of_the_markers() -> None:
    """The rules of the second chain are looked up by the character codes of the markers
    the scan noted, as the delimiters hold them: each was made a character before, and the
    set of them made by a generator, for every paragraph, most of which note none."""
    twin = _twin(markdown.parser.__wrapped__())
    scanner = twin.inline.parse.__self__  # type: ignore[attr-defined]
    assert "<s>zorp</s>" in twin.render("*glorp* [a ~~zorp~~](x.md) glorp")
    assert "<p>glorp</p>" in twin.render("glorp")
    assert set(scanner.post_rules) == {frozenset({ord("*"), ord("~")}), frozenset()}


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_stops_are_where_the_pattern_of_text_stops(src: str) -> None:
    """``stops`` gives, from every position, the first character ``text``'s pattern
    matches, in ASCII text (found by bytes) and in any other (by the pattern)."""
    pattern = _twin(parser()).inline.terminator_re
    next_stop = inline_scan.stops(src, pattern)
    for pos in range(len(src) + 1):
        found = pattern.search(src, pos)
        assert next_stop(pos) == (found.start() if found else -1)


class _Counted:
    """``text``'s pattern, counting its searches."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.searches = 0

    def match(self, text: str) -> re.Match[str] | None:
        return self.pattern.match(text)

    def search(self, text: str, pos: int) -> re.Match[str] | None:
        self.searches += 1
        return self.pattern.search(text, pos)


def test_ascii_text_is_taken_without_searching_the_pattern() -> None:
    """Text of ASCII, most text, is taken up to each stop without ``text``'s regular
    expression; text of other characters with it, as markdown-it's rule does (and a link's
    look-ahead, ``skipToken``, which calls the rule)."""
    twin = _twin(markdown.parser.__wrapped__())
    counted = _Counted(twin.inline.terminator_re)
    twin.inline.terminator_re = counted  # type: ignore[assignment]
    body = "Glorp *zorp* <https://example.org> `zorp` glorp: zorp &amp; glorp."
    assert twin.render(body) == _twin(STOCK).render(body)
    assert counted.searches == 0
    assert twin.render("Glörp *zörp*") == _twin(STOCK).render("Glörp *zörp*")
    assert counted.searches > 0


def test_text_ends_where_the_rule_that_tokenizes_it_ends_it() -> None:
    """A rule tokenizes a part of a line (a link's label: ``posMax`` at its ``]``); text
    there is taken up to that end, though the next character that stops text is further."""
    md = _twin(parser())
    state = token_states.InlineState("zorp glorp *blip*", md, {}, [])
    state.posMax = 4
    md.inline.tokenize(state)
    assert state.pos == 4
    assert [(t.type, t.content) for t in state.tokens] == [("text", "zorp")]


def test_plain_text_is_one_token_made_without_a_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text with no character that stops ``text`` is its one text token, markdown-it's own,
    made without a parse state; text with one is scanned. A rule added to the second chain
    that might change the token has it scanned too, and run on it."""
    twin = _twin(markdown.parser.__wrapped__())
    states: list[str] = []
    made = token_states.InlineState

    def counted(src: str, *args: Any) -> StateInline:
        states.append(src)
        return made(src, *args)

    monkeypatch.setattr(token_states, "InlineState", counted)
    for body in ("Glorp zorp, zelt.", "Glörp zörp", "Glorp *zorp*"):
        assert twin.parse(body, {}) == _twin(STOCK).parse(body, {})
    assert states == ["Glorp *zorp*"]
    seen: list[str] = []
    twin.inline.ruler2.push("seen", lambda state: seen.append(state.src))
    assert twin.parse("Glorp zorp", {}) == _twin(STOCK).parse("Glorp zorp", {})
    assert seen == ["Glorp zorp"]


@pytest.mark.python_source
def test_a_links_label_is_scanned_by_the_stops_of_its_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The stops of a paragraph's text are found once, for its scan and its links' labels'
    scans, and the tokens are markdown-it's own; a state whose text is another (a rule that
    scans text of its own) has the stops of that text."""
    twin = _twin(markdown.parser.__wrapped__())
    found: list[str] = []
    finder = inline_scan.stops

    def counted(src: str, pattern: re.Pattern[str]) -> Any:
        found.append(src)
        return finder(src, pattern)

    monkeypatch.setattr(inline_scan, "stops", counted)
    body = "Glorp [zorp *blip*](x.md) and [zelt](y.md): ![glorp](z.png)"
    assert twin.parse(body, {}) == _twin(STOCK).parse(body, {})
    assert found == [body, "glorp"]  # the image's text is parsed as text of its own
    state = token_states.InlineState("zorp *glorp*", twin, {}, [])
    state.stops = ("glorp *zorp*", finder("glorp *zorp*", twin.inline.terminator_re))
    twin.inline.tokenize(state)
    stock = token_states.InlineState("zorp *glorp*", _twin(STOCK), {}, [])
    _twin(STOCK).inline.tokenize(stock)  # markdown-it's loop
    assert state.tokens == stock.tokens and len(state.tokens) == 4
    assert found[-1] == "zorp *glorp*"


def test_the_chains_are_read_again_only_when_they_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A paragraph is scanned without asking the rulers for their chains while they keep
    those of the last look (``COMPILED``); a rule disabled or added since, in either chain,
    is left out or run, as markdown-it's own loop leaves it out or runs it."""
    twin, stock = _twin(markdown.parser.__wrapped__()), _twin(markdown.parser.__wrapped__())
    del stock.inline.tokenize, stock.inline.parse  # markdown-it's own loop
    stock.parse = partial(parsed_in_stock_states, stock)  # type: ignore[method-assign]
    body = "Glorp *zorp* [zelt](x.md) `blip`."
    assert twin.parse(body, {}) == stock.parse(body, {})
    asked: list[object] = []
    get_rules = Ruler.getRules

    def counted(ruler: Ruler[Any], chain: str = "") -> list[Any]:
        if ruler in (twin.inline.ruler, twin.inline.ruler2):
            asked.append(ruler)
        return get_rules(ruler, chain)

    monkeypatch.setattr(Ruler, "getRules", counted)
    assert twin.parse(body, {}) == stock.parse(body, {})
    assert asked == [] and inline_scan.COMPILED  # nor does the link's look-ahead ask
    for md in (twin, stock):
        md.inline.ruler.disable("emphasis")
    assert twin.parse(body, {}) == stock.parse(body, {})
    assert "em_open" not in [t.type for t in twin.parse(body, {})[1].children or []]
    seen: list[str] = []
    for md in (twin, stock):
        md.inline.ruler2.push("seen", lambda state: seen.append(state.src))
    assert twin.parse(body, {}) == stock.parse(body, {})
    assert seen == [body, body]
