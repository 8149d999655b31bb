"""The letters French writes joined (``œ``, ``æ``: ``cœur``, ``œuvre``, ``ex æquo``), typed as
two: the further readings of a quote typed another way than its body writes it.

The French keyboard has no ``œ`` and no ``æ``, and much French text is written with ``oe``
and ``ae`` in their place; Unicode's compatibility forms do not join or part them (``ﬁ`` is
``fi``, ``œ`` stays), so a quote of ``coeur`` was not found in ``cœur``, nor one of ``cœur``
in ``coeur``. These readings are made only for a quote not found as written
(``markdown.readings``): its folded text and default id stay as they were, and the
statement shows the body's letters. Every pair of a quote is read one way: a quote that
holds ``oe`` both joined and not (``cœur`` and ``coexister``) is found as written.
"""

from __future__ import annotations

import re

from concordance.lazy_patterns import lazy_compile

_JOINED = {"oe": "œ", "Oe": "Œ", "OE": "Œ", "ae": "æ", "Ae": "Æ", "AE": "Æ"}
"""Each pair of letters, and the letter French writes it as."""
_PARTED = lazy_compile("[œŒæÆ]")
"""A joined letter, which a keyboard types as two: a capital as ``Oe`` before a small letter
(``Œuvre``), else as ``OE`` (a title in capitals)."""


def placements(folded: str) -> list[str]:
    """``folded`` (a folded quote) with its ``oe`` and ``ae`` joined, or its ``œ`` and ``æ``
    parted, when it differs."""
    found = []
    joined = _replaced(folded, _JOINED)
    if joined != folded:
        found.append(joined)
    parted = _PARTED.sub(_parted, folded) if _PARTED.search(folded) else folded
    if parted != folded:
        found.append(parted)
    return found


def _parted(joined: re.Match[str]) -> str:
    letter = joined[0]
    pair = {"œ": "oe", "æ": "ae"}.get(letter.lower(), "")
    if letter.islower():
        return pair
    after = joined.string[joined.end() : joined.end() + 1]
    return pair.capitalize() if after.islower() else pair.upper()


def _replaced(text: str, pairs: dict[str, str]) -> str:
    for written, typed in pairs.items():
        if written in text:
            text = text.replace(written, typed)
    return text
