"""Bold written with a space inside its asterisks (``**Rule: **applies``), as Google Docs'
Markdown and word processors' exporters write a bolded space: Markdown shows the asterisks
as typed, so each is warned of with the run to write instead; bold that works passes."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from conftest import check_one_body
from hypothesis import example, given, settings
from hypothesis import strategies as st

from concordance import spaced_emphasis
from concordance.markdown import parser, render_plain
from concordance.shortcodes import without_code
from concordance.tokens import Token


@pytest.mark.parametrize(
    ("body", "runs"),
    [
        (
            "**The zelt tea stays **hot, and **Omnibus Rule: **Strengthened.",
            ["**The zelt tea stays **", "**Omnibus Rule: **"],
        ),
        (
            "** with leading space.**\n\n__Glorp: __zorp and ***Both ***x",
            ["** with leading space.**", "__Glorp: __", "***Both ***"],
        ),
        ("- **Item: **one\n\n> **Quoted: **two", ["**Item: **", "**Quoted: **"]),
    ],
)
def test_bold_shown_as_typed_for_its_spaces_is_found(body: str, runs: list[str]) -> None:
    assert [run for _, run in render_plain(body).spaced_emphasis] == runs


@pytest.mark.parametrize(
    "body",
    [
        "**bold** text and __bold__ too",
        "*nix and *BSD, a * b * c, a ** b ** c",
        "`**Code: **x` and\n\n    **Indented: **code",
        r"\*\*Escaped: \*\*x",
        "**a **b** c",  # the second pair is bold
        "__init__ and __main__",
    ],
)
def test_bold_that_works_or_is_no_bold_passes(body: str) -> None:
    assert render_plain(body).spaced_emphasis == []


@pytest.mark.parametrize(
    ("run", "instead"),
    [
        ("**Omnibus Rule: **", "**Omnibus Rule:** "),
        ("** with leading space.**", " **with leading space.**"),
        ("__Glorp:  __", "__Glorp:__  "),
    ],
)
def test_the_hint_moves_the_space_outside(run: str, instead: str) -> None:
    assert spaced_emphasis.instead(run) == instead


def test_each_is_warned_of_at_its_place(tmp_path: Path) -> None:
    body = "The glorp plan.\n\nSpeaker 7 said: **Zelt rule: **tea first.\n"
    article, result = check_one_body(tmp_path, body)
    lines = result.stderr.splitlines()
    at = next(n for n, line in enumerate(lines) if "[emphasis-spaced]" in line)
    assert lines[at] == (
        f"{article}:7:17: warning: **Zelt rule: ** is shown"
        " with its asterisks: bold cannot end after a space [emphasis-spaced]"
    )
    assert lines[at + 1] == "    hint: move the space outside the asterisks: '**Zelt rule:** '"
    assert result.code == 0


_LOOKED_BEHIND_FIRST = re.compile(
    r"(?<![\\*_\w])(?P<marks>\*\*\*?|___?)"
    r"(?:(?P<before>[ \t]+)(?P<led>[^\s*_](?:[^*_\n]{0,300}?[^\s*_])?)(?P=marks)(?![*_\w])"
    r"|(?P<trailed>[^\s*_](?:[^*_\n]{0,300}?[^\s*_])?)(?P<after>[ \t]+)(?P=marks)(?![*_]))"
)
"""``SPACED`` as first written, its look behind before the marks: a search tried it at every
character."""


@settings(max_examples=2000)
@given(st.lists(st.sampled_from([*"*_ \t\n\\aZ9é.:グ", "**", "__", "ज़"]), max_size=60).map("".join))
@example("**a **b and \\**c **d and _**e **f and x**g **h and ***i *** ___j ___")
@example("** lead.** *** lead.*** __ lead.__ ** a*b **")
def test_runs_are_those_found_looking_behind_first(text: str) -> None:
    """``SPACED``, looking behind from after its first mark, finds the runs (each group)
    that looking behind before them found."""
    found = [(m.span(), m.groupdict()) for m in spaced_emphasis.SPACED.finditer(text)]
    assert found == [(m.span(), m.groupdict()) for m in _LOOKED_BEHIND_FIRST.finditer(text)]


@settings(max_examples=2000)
@given(
    st.lists(st.sampled_from([*"*_ \t\n\\aZ9é.:グ", "**", "__", "***"]), max_size=60).map("".join)
)
@example("**a **b and \\**c **d and _**e **f and x**g **h and ***i *** ___j ___")
@example("__ lead.__ ** lead.** **** a ** b__** c __")
def test_runs_are_those_a_search_finds(text: str) -> None:
    """``spaced_runs``, trying the pattern only where ``**`` or ``__`` starts, finds the
    runs (each group, in order) that a search of the whole text finds."""
    found = [(m.span(), m.groupdict()) for m in spaced_emphasis.spaced_runs(text)]
    assert found == [(m.span(), m.groupdict()) for m in spaced_emphasis.SPACED.finditer(text)]


def _found_joining_first(tokens: list[Token]) -> list[tuple[range, str]]:
    """``spaced_emphasis.found`` as first written: every block holding ``**`` or ``__``
    found by ``in``, and its text joined before its runs were looked for."""
    runs = []
    for token in tokens:
        if token.type != "inline" or ("**" not in token.content and "__" not in token.content):
            continue
        shown = "\x00".join(c.content for c in token.children or () if c.type == "text")
        start, stop = token.map or (0, 1)
        found = spaced_emphasis.SPACED.finditer(without_code(token.content))
        for match in itertools.islice(found, spaced_emphasis.MAX_LOOKED_UP):
            if spaced_emphasis.is_shown(match.group(), shown):
                runs.append((range(start, stop), match.group()))
    return runs


@settings(max_examples=1000)
@given(st.lists(st.sampled_from([*"*_ \n`a.", "**", "__", "\n\n"]), max_size=50).map("".join))
@example("Zorp **holds** here.\n\n**Zelt rule: **tea and __ glorp__ `** x **`")
def test_runs_are_those_found_joining_every_block_first(text: str) -> None:
    """A block is looked at only when it holds ``*`` and ``**``, or ``_`` and ``__``, and its
    text is joined only once a run is found: the same runs as before."""
    tokens = parser().parse(text, {})
    assert list(spaced_emphasis.found(tokens)) == _found_joining_first(tokens)
    assert spaced_emphasis._doubled(text) == ("**" in text or "__" in text)
