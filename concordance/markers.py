"""Whether a body holds the marker of a syntax at all, so that a rule with nothing to do
passes over it: told by ``str.find``, not ``in`` nor a regular expression.

``in`` tries a marker of two or more characters at nearly every character of the text, and
the regular expression engine, looking for its first character alone, steps through the
text a character at a time (a body of 7 KB looked through for ``[!`` in 3.5 µs, not 9 by
``in``). Looked for alone, one character is found by ``memchr``, many characters at a step:
most bodies hold none of a rule's first characters (``!!!``, ``~~~{``, ``}```), or a few
(the ``[`` of a link, the ``:`` of its address), each then tried for the whole marker. Six
rules look through every body so, and the regular expressions took 2.8% of validating an
article.
"""

from __future__ import annotations

import re
from functools import cache

PATIENCE = 8
"""Places of a marker's first character tried before its regular expression looks through
the rest: a body of code (every `````) or of punctuation holds thousands, each a call of
Python, where the engine takes one character at a time at C speed."""


def holds(text: str, markers: tuple[str, ...]) -> bool:
    """Whether ``text`` holds any of ``markers`` (as ``any(m in text for m in markers)``)."""
    # Each group's fields passed by name, not unpacked (``*group``): compiled, that made a
    # list and a tuple of them and called ``_holds`` as Python calls it, some 3,000
    # instructions a group, more than the search.
    for first, group, pattern, also in _groups(markers):
        if _holds(text, first, group, pattern, also):
            return True
    return False


def _holds(
    text: str, first: str, markers: tuple[str, ...], pattern: re.Pattern[str], also: str
) -> bool:
    """Whether ``text`` holds any of ``markers``, which all start with ``first`` and all hold
    ``also`` (or "") after it."""
    if first not in text:  # most bodies: one memchr
        return False
    # Every body with a link holds ``[``, and tried it at each: the ``!`` of ``[!`` (the
    # ``{`` of ``~~~{``) is looked for alone too, another memchr, and most bodies hold none.
    if also and also not in text:
        return False
    at = text.find(first)
    for _ in range(PATIENCE):
        if text.startswith(markers, at):
            return True
        at = text.find(first, at + 1)
        if at < 0:
            return False
    return pattern.search(text, at) is not None


@cache
def _groups(
    markers: tuple[str, ...],
) -> tuple[tuple[str, tuple[str, ...], re.Pattern[str], str], ...]:
    """The markers of each first character, with one pattern for them: the engine skips to
    that character only when every alternative starts with it (``[ ] |[x] ``, not
    ``:::|!!!``); and a character other than the first that each of them holds, if any
    (``also``)."""
    by_first: dict[str, list[str]] = {}
    for marker in markers:
        by_first.setdefault(marker[:1], []).append(marker)
    return tuple(
        (first, tuple(group), re.compile("|".join(map(re.escape, group))), _also(first, group))
        for first, group in by_first.items()
    )


def _also(first: str, group: list[str]) -> str:
    """A character other than ``first`` that every marker of ``group`` holds, or "": the
    least of them, for an order that does not depend on hashing."""
    shared = set(group[0]).intersection(*group[1:]) - {first}
    return min(shared) if shared else ""
