"""Whether a body holds the marker of a syntax at all, so that a rule with nothing to do
passes over it: told by a regular expression, not ``in``.

``in`` tries a marker of two or more characters at nearly every character of the text,
where the regular expression engine looks for its first character alone and tries the
rest only there: a body of 7 KB is looked through for ``[!`` in 3.5 µs, not 9. Six rules
look through every body so, and ``in`` took 1.3% of a clean build.
"""

from __future__ import annotations

import re
from functools import cache


def holds(text: str, markers: tuple[str, ...]) -> bool:
    """Whether ``text`` holds any of ``markers`` (as ``any(m in text for m in markers)``)."""
    return any(pattern.search(text) for pattern in _searches(markers))


@cache
def _searches(markers: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """One pattern for the markers of each first character: the engine skips to that
    character only when every alternative starts with it (``[ ] |[x] ``, not ``:::|!!!``)."""
    by_first: dict[str, list[str]] = {}
    for marker in markers:
        by_first.setdefault(marker[:1], []).append(re.escape(marker))
    return tuple(re.compile("|".join(group)) for group in by_first.values())
