"""markdown-it's inline rules ``link`` and ``backticks``, and its ``parseLinkLabel``, compiled.

A link (``[text](https://example.org/a)``) went through markdown-it's rule, its label found
by ``parseLinkLabel`` and the spaces around its address and title skipped a character at a
time, each line run by Python: some 2% of a build, beside the parse of its text, which is
real work. A code span (```` `code` ````) went through ``backtick``, which scans the runs of
backticks of its text once (``state.backticks``) and then each run after the opening one:
some 0.7%. Here each is markdown-it's own, line for line: the same tokens, positions,
pending text, ``linkLevel``, references read from ``env`` and answers in ``silent`` mode,
and the same cache of backtick runs (``tests/test_inline_links.py`` compares them with
markdown-it's rules on generated text and the fixture sites). An address is read as
``link_destinations.read`` reads it, a title by markdown-it's ``parseLinkTitle``; the look-ahead
inside a label is the parser's ``skipToken`` (``inline_scan.Scanner.skip``). A label that no
``]`` follows is not looked through, where what the look-ahead would remember is never read
(``closes_nowhere``).
"""

from __future__ import annotations

from types import SimpleNamespace

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.helpers import parseLinkTitle
from markdown_it.rules_inline import StateInline

from concordance import link_destinations, pandoc_scripts
from concordance.inline_scan import push
from concordance.token_states import InlineState


def enable(md: MarkdownIt) -> None:
    """Read ``md``'s links and code spans by ``link`` and ``backtick``, in markdown-it's
    rules' places, and the labels of its other rules (images) by ``label_end``."""
    md.inline.ruler.at("link", link)
    md.inline.ruler.at("backticks", backtick)
    helpers = md.helpers
    md.helpers = SimpleNamespace(  # type: ignore[assignment]
        parseLinkDestination=helpers.parseLinkDestination,
        parseLinkLabel=label_end,
        parseLinkTitle=helpers.parseLinkTitle,
    )


def link(state: StateInline, silent: bool) -> bool:
    """markdown-it's rule ``link``: ``[text](address "title")``, or ``[text][label]``,
    ``[text][]`` or ``[text]`` where the parse's ``env`` holds a reference of that label."""
    src = state.src
    old_pos = state.pos
    if src[old_pos] != "[":
        return False
    maximum = state.posMax
    label_start = old_pos + 1
    label_stop = label_end(state, old_pos, True)
    if label_stop < 0:  # no ``]``: no link
        return False
    href = ""
    title = ""
    label = ""
    by_reference = True
    pos = label_stop + 1
    if pos < maximum and src[pos] == "(":
        # An inline link: a reference is read only where it fails.
        by_reference = False
        pos = _spaces_from(src, pos + 1, maximum)
        if pos >= maximum:
            return False
        read_to = link_destinations.plain_end(src, pos, maximum)
        if read_to >= 0:  # most addresses: read here, with no result object made
            address_ok, address = True, link_destinations.plain_address(src[pos:read_to])
        else:
            result = link_destinations.read(src, pos, maximum)
            address_ok, address, read_to = result.ok, result.str, result.pos
        if address_ok:
            md = state.md
            href = md.normalizeLink(address)
            if md.validateLink(href):
                pos = read_to
            else:
                href = ""
            start = pos
            pos = _spaces_from(src, pos, maximum)
            if pos < maximum and start != pos:
                read = parseLinkTitle(src, pos, maximum)
                if read.ok:
                    title = read.str
                    pos = _spaces_from(src, read.pos, maximum)
        if pos >= maximum or src[pos] != ")":
            by_reference = True
        pos += 1
    if by_reference:
        env = state.env
        if "references" not in env:
            return False
        if pos < maximum and src[pos] == "[":
            start = pos + 1
            pos = label_end(state, pos, False)
            if pos >= 0:
                label = src[start:pos]
                pos += 1
            else:
                pos = label_stop + 1
        else:
            pos = label_stop + 1
        if not label:  # ``[text][]`` and ``[text]``: the text is the label
            label = src[label_start:label_stop]
        label = normalizeReference(label)
        ref = env["references"].get(label, None)
        if not ref:
            state.pos = old_pos
            return False
        href = ref["href"]
        title = ref["title"]
    if not silent:
        state.pos = label_start
        state.posMax = label_stop
        token = push(state, "link_open", "a", 1)
        attrs: dict[str, str | int | float] = {"href": href}
        token.attrs = attrs
        if title:
            attrs["title"] = title
        if label and state.md.options.get("store_labels", False):
            token.meta["label"] = label
        state.linkLevel += 1
        state.md.inline.tokenize(state)
        state.linkLevel -= 1
        push(state, "link_close", "a", -1)
    state.pos = pos
    state.posMax = maximum
    return True


def _spaces_from(src: str, pos: int, maximum: int) -> int:
    """The first position from ``pos`` (before ``maximum``) of a character that is not a
    space, a tab or a line feed, or ``maximum``."""
    while pos < maximum:
        char = src[pos]
        if char != " " and char != "\t" and char != "\n":
            return pos
        pos += 1
    return pos


def label_end(state: StateInline, start: int, disable_nested: bool = False) -> int:
    """markdown-it's ``parseLinkLabel``: the position of the ``]`` that closes the ``[`` at
    ``start``, passing over each token of the text in between (``skipToken``), or -1 where
    none does, or where a link nested in it does with ``disable_nested``. ``state.pos`` is
    as it was."""
    if closes_nowhere(state, start):
        return -1
    src = state.src
    old_pos = state.pos
    skip = state.md.inline.skipToken
    pos = start + 1
    state.pos = pos
    level = 1
    while pos < state.posMax:
        marker = src[pos]
        if marker == "]":
            level -= 1
            if level == 0:
                state.pos = old_pos
                return pos
        skip(state)
        after = state.pos
        if marker == "[":
            if pos == after - 1:  # a ``[`` of text, not a token's
                level += 1
            elif disable_nested:
                state.pos = old_pos
                return -1
        pos = after
    state.pos = old_pos
    return -1


def closes_nowhere(state: StateInline, start: int) -> bool:
    """Whether no ``]`` follows ``start`` in the state's text, so that a label opened there
    closes nowhere, and saying so at once changes nothing else. The look-ahead found that
    out only at the end of the text, having tried each rule at each ``[`` after ``start``,
    each of which looked ahead in turn, as deep as links nest: 8 µs for each character of a
    run of ``[``. What it remembered of places after ``start`` (``state.cache``) is read
    again only by labels, which close nowhere either, and by the pairs of ``^`` and ``~``
    (``pandoc_scripts``): where the text may hold one, the label is looked for as before,
    since what the look-ahead remembered of a place it stopped at, as deep as links nest,
    may end a pair's walk there."""
    src = state.src
    if src.find("]", start + 1, start + _NEAR) >= 0 or not isinstance(state, InlineState):
        return False  # most labels: closed a few characters on
    last = state.last_close
    if last is None:
        last = state.last_close = src.rfind("]")
    if last > start:
        return False
    pairs = state.may_pair
    if pairs is None:
        pairs = state.may_pair = pandoc_scripts.may_pair(src)
    return not pairs


_NEAR = 64
"""Characters after a label's ``[`` in which its ``]`` is looked for first: most labels
close within them, and no more is read of the text to tell."""


def backtick(state: StateInline, silent: bool) -> bool:
    """markdown-it's rule ``backticks``: a code span from a run of backticks to the next run
    of as many, or the run as text where none follows."""
    src = state.src
    start = state.pos
    if src[start] != "`":
        return False
    maximum = state.posMax
    pos = start + 1
    while pos < maximum and src[pos] == "`":
        pos += 1
    marker = src[start:pos]
    length = pos - start
    if not state.backticksScanned:
        # Lookaheads may visit runs out of order: the runs of all the text, wherever it is.
        state.backticks = last_runs(src)
        state.backticksScanned = True
    if state.backticks.get(length, -1) >= pos:
        size = len(src)
        match_end = pos
        while True:
            match_start = src.find("`", match_end)
            if match_start == -1 or match_start >= maximum:
                break
            match_end = match_start + 1
            while match_end < size and src[match_end] == "`":
                match_end += 1
            if match_end > maximum:  # a run crossing ``posMax`` closes nothing here
                break
            if match_end - match_start == length:
                if not silent:
                    token = push(state, "code_inline", "code", 0)
                    token.markup = marker
                    content = src[pos:match_start].replace("\n", " ")
                    # One space stripped from each side, unless the content is all spaces.
                    if content.startswith(" ") and content.endswith(" ") and content.strip(" "):
                        content = content[1:-1]
                    token.content = content
                state.pos = match_end
                return True
    if not silent:
        state.append_pending(marker)
    state.pos = pos
    return True


def last_runs(src: str) -> dict[int, int]:
    """markdown-it's ``_build_last_runs``: the position of the last run of backticks of
    each length in ``src``."""
    runs: dict[int, int] = {}
    size = len(src)
    pos = 0
    start = src.find("`", pos)
    while start != -1:
        pos = start + 1
        while pos < size and src[pos] == "`":
            pos += 1
        runs[pos - start] = start
        start = src.find("`", pos)
    return runs
