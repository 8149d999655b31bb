"""Bold written with a space inside its asterisks, as Google Docs' Markdown and other
exporters of word processors write a bolded space (``**Rule: **applies``,
``** leading.**``): Markdown's bold cannot end after a space nor start before one, so the
page shows the asterisks as typed. The editor hears of each run, with the space moved
outside, which is what the document showed."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from concordance.lazy_patterns import lazy_compile
from concordance.shortcodes import without_code
from concordance.tokens import Token

_RUN = (
    # Not after a backslash, mark or letter: looked behind from after the first mark, so that
    # the pattern starts with a mark and a search skips to each "*" or "_" at C speed rather
    # than looking behind at every character (three fifths of this module's time).
    r"(?P<marks>\*(?<![\\*_\w]\*)\*\*?|_(?<![\\*_\w]_)__?)"
    r"(?:(?P<before>[ \t]+)(?P<led>[^\s*_](?:[^*_\n]{0,300}?[^\s*_])?)(?P=marks)(?![*_\w])"
    r"|(?P<trailed>[^\s*_](?:[^*_\n]{0,300}?[^\s*_])?)(?P<after>[ \t]+)(?P=marks)(?![*_]))"
)
SPACED = lazy_compile(_RUN)
"""A bold (or bold italic) run with spaces inside its opening or its closing marks."""
MAX_LOOKED_UP = 64
"""Runs of a block looked for in the text it shows, at most: each look reads that text, so a
paragraph of thousands of runs the page shows otherwise (``** a&amp;**``, shown ``& ``) took
the square of its length (7 s for 480 KB). Past that many, a block has had its warnings."""


def found(tokens: list[Token]) -> Iterator[tuple[range, str]]:
    """(lines of its block, the run as written) of each run of ``SPACED`` in the text of a
    body's blocks, outside code, that the page shows as typed (not one whose marks pair
    with others: ``**a **b** c`` is bold ``b``)."""
    for token in tokens:
        if token.type != "inline" or not _doubled(token.content):
            continue
        shown = None
        start, stop = token.map or (0, 1)
        runs = spaced_runs(without_code(token.content))
        for match in itertools.islice(runs, MAX_LOOKED_UP):
            if shown is None:  # most blocks of bold have no run: their text is not joined
                shown = "\x00".join(c.content for c in token.children or () if c.type == "text")
            if is_shown(match.group(), shown):
                yield range(start, stop), match.group()


def spaced_runs(text: str) -> Iterator[re.Match[str]]:
    """``SPACED.finditer(text)``, the pattern tried only where ``**`` or ``__`` starts, as
    each of its runs does: ``str.find`` skips to each at C speed, where a search tested
    every character of a block of bold against the pattern's first marks (half the time of
    this module). Each pair is found again only once the search has passed it, so text of
    many of one and none of the other is not read to its end for each."""
    stars, lines = text.find("**"), text.find("__")
    while stars >= 0 or lines >= 0:
        at = lines if stars < 0 or 0 <= lines < stars else stars
        match = SPACED.match(text, at) if _spaced_at(text, at) else None  # looks behind too
        after = match.end() if match else at + 1
        if match:
            yield match
        if 0 <= stars < after:
            stars = text.find("**", after)
        if 0 <= lines < after:
            lines = text.find("__", after)


def _spaced_at(text: str, at: int) -> bool:
    """Whether the marks at ``at`` follow no backslash, mark or letter and have a space or
    tab right after them, or right before the next mark of their kind: ``SPACED`` matches
    nothing else there, and most are a bold run's own marks (``**the plan**``), which the
    pattern read to their end."""
    before = text[at - 1 : at] if at else ""
    if before and (before in "\\*_" or before.isalnum()):  # as ``\w`` and ``_`` are
        return False
    mark = text[at]
    after = at + 3 if text[at + 2 : at + 3] == mark else at + 2  # ``***`` is one run of marks
    closing = text.find(mark, after)
    return text[after : after + 1] in (" ", "\t") or (
        closing > after and text[closing - 1] in " \t"
    )


def _doubled(text: str) -> bool:
    """Whether ``text`` holds ``**`` or ``__``: each looked for only where its character is,
    which ``in`` finds at C speed (most blocks hold neither), where looking for two
    characters took the time of reading the text."""
    return ("*" in text and "**" in text) or ("_" in text and "__" in text)


def is_shown(run: str, shown: str) -> bool:
    """Whether the page shows ``run`` as typed: it is in ``shown``, its block's text."""
    return run in shown


def instead(run: str) -> str:
    """``run`` with its inner spaces outside its marks, as the document showed it."""
    match = SPACED.fullmatch(run)
    if match is None:
        return run
    marks = match["marks"]
    if match["led"] is not None:
        return f"{match['before']}{marks}{match['led']}{marks}"
    return f"{marks}{match['trailed']}{marks}{match['after']}"
