"""The site's rules for links and code spans (``inline_links``), and the look-ahead inside a
link's label (``inline_scan.Scanner.skip``), give what markdown-it's own rules give: the same
tokens, ``env`` and HTML, and at each call the same answer, positions, pending text, link
level and caches."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.helpers import parseLinkLabel, parseLinkTitle
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.backticks import _build_last_runs
from markdown_it.rules_inline.backticks import backtick as markdown_its_backtick
from markdown_it.rules_inline.link import link as markdown_its_link

from concordance import inline_links, inline_scan, markdown, pandoc_scripts, token_states
from concordance.markdown import parser
from tests.conftest import REPO
from tests.test_inline_scan import _twin


def _stock() -> MarkdownIt:
    """The site's parser, its links and code spans read by markdown-it's rules, its labels by
    markdown-it's ``parseLinkLabel`` and ``skipToken``."""
    md = markdown.parser.__wrapped__()
    for each in (md, _twin(md)):
        each.inline.ruler.at("link", markdown_its_link)
        each.inline.ruler.at("backticks", markdown_its_backtick)
        each.helpers = SimpleNamespace(  # type: ignore[assignment]
            parseLinkDestination=each.helpers.parseLinkDestination,
            parseLinkLabel=parseLinkLabel,
            parseLinkTitle=parseLinkTitle,
        )
        del each.inline.skipToken  # the class's method again
    return md


STOCK = _stock()

_PIECES = [
    *"[]()<>!`\\\"' \t\n*_~^=&:%{}#",
    "[]",
    "[a]",
    "[A  b]",
    "[a][b]",
    "[a][]",
    "[c][a]",
    "][",
    "](",
    "](x.md)",
    "](<x y.md>)",
    "](https://example.org/a_b)",
    '](x.md "glorp")',
    "](x.md 'zorp')",
    "](x.md (blip))",
    '](x.md\n"two\nlines")',
    "](x.md  )",
    "](javascript:alert(1))",
    "](a(b)c)",
    "\\[",
    "\\]",
    "\\`",
    "``",
    "```",
    "` `",
    "`  `",
    "`\n`",
    "![",
    "![i](x.png)",
    "**",
    "~~",
    "==",
    "[^1]",
    "^[note]",
    "[[Glorp plan]]",
    "<https://example.org>",
    "https://example.org/x",
    "<b>",
    "&amp;",
    "&#93;",
    "\n\n[a]: https://example.org/a\n\n",
    '\n\n[A b]: <x.md> "Title"\n\n',
    "\n\n[b]: y.md\n  'across\nlines'\n\n",
    "\n\n[^1]: glorp note\n\n",
    "glorp",
    "zorp blip",
    "グロープ",
    "é",
    "\u00a0",
]
"""The markup of links, references, images and code spans, the characters their rules look
at, and the markup of the rules their look-ahead tries."""


def _parsed(md: MarkdownIt, body: str) -> tuple[list[Any], dict[str, Any], str]:
    """The tokens, the parse's ``env`` and the HTML of ``body``."""
    env: dict[str, Any] = {}
    tokens = md.parse(body, env)
    return tokens, env, md.renderer.render(tokens, md.options, {})


def same_as_stock(body: str) -> None:
    """Token fields compared through dataclass equality, recursively."""
    assert _parsed(parser(), body) == _parsed(STOCK, body)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
@example("[a](x.md) [b][a] [a][] [a] ``c `` d`` `e` [f [g](y.md)](z.md)\n\n[a]: w.md 't'")
@example("[*a* `b]` c](x.md) [d](x.md 'e\nf') [[g]] ![h](i.png) <https://j.org> k://l")
@example("[" * 30 + "a" + "]" * 30 + "(x.md)")
@example("![[]()" * 40)
@example("`" * 5 + "a" + "`" * 3 + "b" + "`" * 5)
def test_links_and_code_are_read_as_markdown_it_reads_them(body: str) -> None:
    same_as_stock(body)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_links_and_code_are_read_as_markdown_it_reads_them_in_any_text(body: str) -> None:
    same_as_stock(body)


@pytest.mark.parametrize(
    "path",
    sorted((REPO / "tests" / "fixtures").glob("*/content/**/*.md"))
    + sorted((REPO / "content").glob("**/*.md")),
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_links_and_code_are_read_as_markdown_it_reads_them_on_the_fixture_sites(
    path: Any,
) -> None:
    same_as_stock(path.read_text(encoding="utf-8"))


def _scanned() -> dict[str, Any]:
    """What a parse's ``env`` holds once its scan reached the first ``[``: the notes' lists,
    which the plugin's ``footnote_ref`` makes at each character it is tried at. A label
    that closes nowhere is not looked through (``inline_links.closes_nowhere``), where each
    rule was tried; ``footnote_ref`` then makes them at the ``[`` where the scan tries it
    next."""
    return {"footnotes": {"refs": {}, "list": {}}}


def _runs_read_right(state: StateInline) -> bool:
    """Whether the runs of backticks the state remembers, if it read them yet, are
    markdown-it's of all its text: read the same whenever read, and read by the first code
    span the scan or a label's look-ahead meets, which a label that closes nowhere does not
    look through (``inline_links.closes_nowhere``)."""
    return not state.backticksScanned or dict(state.backticks) == _build_last_runs(state.src)


def _remembered(state: StateInline) -> dict[int, int]:
    """What the look-ahead remembered (``state.cache``) that anything may read again: not
    what markdown-it's remembered of places after the text's last ``]``, which only labels
    that close nowhere would read, where no pair of ``^`` or ``~`` may read it either
    (``inline_links.closes_nowhere``, which does not look there)."""
    if pandoc_scripts.may_pair(state.src):
        return dict(state.cache)
    last = state.src.rfind("]")
    return {pos: end for pos, end in state.cache.items() if pos <= last}


def _seen(state: StateInline) -> tuple[Any, ...]:
    """What a rule may change in ``state``: delimiters compared by their fields."""

    def fields(delimiters: list[Any]) -> list[tuple[Any, ...]]:
        return [(d.marker, d.length, d.token, d.end, d.open, d.close) for d in delimiters]

    meta = [None if m is None else fields(m["delimiters"]) for m in state.tokens_meta]
    return (
        state.pos,
        state.posMax,
        state.pending,
        state.pendingLevel,
        state.level,
        state.linkLevel,
        list(state.tokens),
        meta,
        fields(state.delimiters),
        _remembered(state),
        _runs_read_right(state),
        state.env,
    )


_REFERENCES = ["a", "A b", "c", "glorp", "[a]", ""]


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES[:60]), max_size=25).map("".join),
    st.lists(st.sampled_from(_REFERENCES), max_size=3),
    st.booleans(),
    st.integers(0, 30),
)
@example("[a](x.md) `b` [a][] [c]", ["a"], False, 0)
@example("[a `]` b](x.md) ``c`", ["c"], True, 0)
def test_each_call_changes_the_state_as_markdown_its_rule_does(
    src: str, labels: list[str], silent: bool, cut: int
) -> None:
    """At each ``[`` and backtick of ``src``, in order, the rule of each parser called on its
    own state, kept from call to call as a scan keeps it (the caches of backtick runs and of
    the look-ahead), within the whole text or a range ending before it (``posMax``, as a
    link's label is scanned): the same answer and the same state after it."""
    ours, stock = _twin(parser()), _twin(STOCK)
    references = {
        normalizeReference(label): {"href": f"{label}.md", "title": label} for label in labels
    }
    end = max(len(src) - cut, 0)
    states = []
    for md in (ours, stock):
        env: dict[str, Any] = {"references": dict(references)} if labels else {}
        env.update(_scanned())
        state = token_states.InlineState(src, md, env, [])
        state.stops = (src, inline_scan.stops(src, md.inline.terminator_re))
        state.posMax = end
        states.append(state)
    rules = [
        (inline_links.link, markdown_its_link),
        (inline_links.backtick, markdown_its_backtick),
    ]
    for pos in range(end):
        for our_rule, stock_rule in rules:
            answers = []
            for state, rule in zip(states, (our_rule, stock_rule), strict=True):
                state.pos = pos
                state.posMax = end
                answers.append(rule(state, silent))
            assert answers[0] == answers[1]
            assert _seen(states[0]) == _seen(states[1])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), st.integers(0, 25))
def test_the_look_ahead_skips_what_markdown_its_skips(src: str, level: int) -> None:
    """``skipToken`` from each position, each nesting level: the same end and cache. From
    the places that only labels closing nowhere ask it of, where no pair of ``^`` or ``~``
    may (``_remembered``), it is not asked: what it remembered of them differs."""
    ours, stock = _twin(parser()), _twin(STOCK)
    states = [token_states.InlineState(src, md, _scanned(), []) for md in (ours, stock)]
    for state, md in zip(states, (ours, stock), strict=True):
        state.stops = (src, inline_scan.stops(src, md.inline.terminator_re))
        state.level = level
    asked = len(src) if pandoc_scripts.may_pair(src) else src.rfind("]") + 1
    for pos in range(asked):
        for state, md in zip(states, (ours, stock), strict=True):
            state.pos = pos
            md.inline.skipToken(state)
        assert _seen(states[0]) == _seen(states[1])


def test_the_site_reads_links_and_code_by_its_rules() -> None:
    """Both parsers (blocks and the inline twin) hold the rules of ``inline_links``, and the
    look-ahead of their labels is the scanner's."""
    for md in (parser(), _twin(parser())):
        rules = dict(
            zip(md.inline.ruler.get_active_rules(), md.inline.ruler.getRules(""), strict=True)
        )
        assert rules["link"] is inline_links.link
        assert rules["backticks"] is inline_links.backtick
        assert md.helpers.parseLinkLabel is inline_links.label_end
        assert md.inline.skipToken.__self__ is md.inline.parse.__self__  # type: ignore[attr-defined]
