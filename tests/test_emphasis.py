"""The site's emphasis rule (``emphasis``) gives the tokens of markdown-it's own, but for runs
of ``*`` beside the punctuation of Chinese, Japanese and Korean (``cjk_emphasis``)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline import emphasis as markdown_its_emphasis
from markdown_it.rules_inline.balance_pairs import link_pairs, processDelimiters
from markdown_it.rules_inline.fragments_join import fragments_join
from markdown_it.rules_inline.state_inline import Delimiter, Scanned

from concordance import cjk_emphasis, emphasis, markdown
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


def _paired_by_markdown_it() -> MarkdownIt:
    """The site's parser, its delimiters paired, made tags and its text joined by
    markdown-it's own rules of the second chain."""
    md = markdown.parser.__wrapped__()
    for each in (md, _twin(md)):
        each.inline.ruler2.at("balance_pairs", link_pairs)
        each.inline.ruler2.at("emphasis", markdown_its_emphasis.postProcess)
        each.inline.ruler2.at("fragments_join", fragments_join)
    return md


PAIRED_BY_MARKDOWN_IT = _paired_by_markdown_it()

_HEAVY = [*_PIECES, "*_*_*_", "***", "****", "_**_", "[*a*](x.md)", "[**b** _c_](y.md)", "~~d~~"]
"""Runs of markers of every length, nested in links and beside strikethrough."""


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_HEAVY), max_size=60).map("".join))
@example("*a **b** c* ***d*** **e *f* g** _h __i__ j_ [*k* **l**](x.md) ~~*m*~~ ==**n**==")
@example("*_*_*_*_*_*_ **a*b**c* a***b***c ****a**** *a**b* **a*b*c**")
def test_pairs_are_made_tags_as_markdown_it_makes_them(body: str) -> None:
    """``link_pairs``, ``post_process`` and ``text_runs.fragments_join`` give the tokens
    and HTML of markdown-it's ``balance_pairs``, ``emphasis`` and ``fragments_join``."""
    assert _parsed(parser(), body) == _parsed(PAIRED_BY_MARKDOWN_IT, body)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_pairs_are_made_tags_as_markdown_it_makes_them_in_any_text(body: str) -> None:
    assert _parsed(parser(), body) == _parsed(PAIRED_BY_MARKDOWN_IT, body)


_DELIMITERS = st.lists(
    st.tuples(
        st.sampled_from([0x2A, 0x5F, 0x7E, 0x3D]),
        st.integers(0, 7),
        st.integers(1, 2),
        st.booleans(),
        st.booleans(),
    ),
    max_size=40,
)


@settings(max_examples=2000, deadline=None)
@given(_DELIMITERS)
@example([(0x2A, 1, 1, True, True)] * 12)
@example([(0x2A, 3, 1, True, False), (0x2A, 1, 2, True, True), (0x2A, 2, 1, False, True)])
def test_delimiters_are_paired_as_markdown_it_pairs_them(
    drawn: list[tuple[int, int, int, bool, bool]],
) -> None:
    """Any delimiters (markers, lengths, runs, openers and closers, not only those a text
    gives), every field after pairing: ``Mark``s by ``pair``, markdown-it's by its own."""
    ours: list[emphasis.Mark] = []
    theirs: list[Delimiter] = []
    token = 0
    for marker, length, step, can_open, can_close in drawn:
        token += step
        ours.append(emphasis.Mark(marker, length, token, -1, can_open, can_close))
        theirs.append(Delimiter(marker, length, token, -1, can_open, can_close))
    emphasis.pair(ours)
    processDelimiters(None, theirs)  # type: ignore[arg-type]
    assert [_fields(each) for each in ours] == [_fields(each) for each in theirs]


def _fields(delimiter: Any) -> tuple[Any, ...]:
    """A delimiter's fields, of a ``Mark`` as of markdown-it's ``Delimiter``."""
    names = ("marker", "length", "token", "end", "open", "close", "level")
    return tuple(getattr(delimiter, name) for name in names)


def test_delimiters_of_other_rules_are_paired_by_markdown_its_rules() -> None:
    """A list holding a delimiter that is no ``Mark`` (markdown-it's ``~~``) is paired and
    made tags by markdown-it's rules, which read the ``Mark``s beside it by name."""
    html = parser().render("*a ~~b~~ **c**~~d~~ ==e== _f_ [*g* ~~h~~](x.md)")
    assert html == PAIRED_BY_MARKDOWN_IT.render("*a ~~b~~ **c**~~d~~ ==e== _f_ [*g* ~~h~~](x.md)")
    assert "<em>g</em> <s>h</s>" in html and "<strong>c</strong><s>d</s>" in html
