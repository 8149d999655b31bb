"""The danda that ends a sentence of Hindi, Bengali and other Indic text (``।``, and the
double ``॥``), typed as a pipe: the further readings of a quote typed another way than its
body writes it.

Keyboards of Latin letters have no danda, and much Hindi and Bengali text on the web is
written with a pipe in its place, often after a space (``है |``); a quote typed with one
was not found in a body written with the other. These readings are made only for a quote
not found as written (``markdown.readings``): its folded text and default id stay as they
were, and the statement shows the body's marks.
"""

from __future__ import annotations

import re
from functools import partial

from concordance.lazy_patterns import lazy_compile

_DANDA = "\u0964"
_DOUBLE_DANDA = "\u0965"
_ENDS = lazy_compile(r" ?(\|\||\||\u0964|\u0965)")
"""A danda or a pipe (two for a double danda), and the space typed before it, if any."""
_WRITTEN = ((_DANDA, _DOUBLE_DANDA), ("|", "||"), (" |", " ||"))
"""The ways a body writes a danda and a double one: as such, as pipes, as pipes after a
space."""


def placements(folded: str) -> list[str]:
    """``folded`` (a folded quote of Indic text) with its dandas, or the pipes typed for
    them, written each other way, when it differs."""
    if _INDIC.search(folded) is None or _ENDS.search(folded) is None:
        return []
    found = []
    for single, double in _WRITTEN:
        written = _ENDS.sub(partial(_written, single, double), folded)
        if written != folded and written not in found:
            found.append(written)
    return found


def _written(single: str, double: str, end: re.Match[str]) -> str:
    """The danda or pipes ``end`` found, written as ``single`` or ``double``."""
    return double if end[1] in ("||", _DOUBLE_DANDA) else single


_INDIC = lazy_compile("[\u0900-\u0dff]")
"""A letter of the scripts of India and Sri Lanka (Devanagari to Sinhala), whose text ends its
sentences with a danda."""
