"""French typography's spaces, typed or left out: the further readings of a quote typed
another way than its body sets them.

French puts a space (a no-break or thin one, U+00A0 or U+202F, or a plain one) before
``;``, ``:``, ``!`` and ``?`` and inside guillemets (``« Oui ! »``); English, Swiss and
German text, and most keyboards, put none (``"Oui!"``). Folding reads every such space as
a space, so a quote typed one way was not found in a body set the other. These readings
are made only for a quote not found as written (``markdown.readings``), so a quote's
folded text, and the default id made of it, stay as they were; what is left must still be
found word for word, and the statement shows the body's own spaces.
"""

from __future__ import annotations

from concordance.lazy_patterns import lazy_compile

_SPACED_MARK = lazy_compile(r" (?=[;:!?])")
"""A space before a mark French sets apart, in folded text (one space stands for a run)."""
_UNSPACED_MARK = lazy_compile(r"(?<=[^ ;:!?])(?=[;:!?](?: |$))")
"""A mark French would set apart, right after a word and ending its own: not ``10:30``, nor
``https://``, nor the second mark of ``?!``."""
_GUILLEMET = '"'
"""What ``«`` and ``»`` fold to, as ``“`` and ``”`` do."""


def respacings(folded: str) -> list[str]:
    """``folded`` (a folded quote) with French's spaces before ``;:!?`` left out, or put in,
    or as typed, and with the spaces inside its pairs of quotation marks left out, or put
    in, or as typed: each reading that differs from it."""
    if not any(mark in folded for mark in ';:!?"'):
        return []
    marks = (_SPACED_MARK.sub("", folded), _UNSPACED_MARK.sub(" ", folded), folded)
    found: list[str] = []
    for text in marks:
        for reading in (_inside_quotes(text, spaced=False), _inside_quotes(text, spaced=True)):
            for candidate in (text, reading):
                if candidate != folded and candidate not in found:
                    found.append(candidate)
    return found


def _inside_quotes(text: str, spaced: bool) -> str:
    """``text`` with a space, or none, inside each pair of quotation marks (the first of two
    opens, the second closes); as it is when they do not pair."""
    pieces = text.split(_GUILLEMET)
    if len(pieces) % 2 == 0 or len(pieces) == 1:
        return text
    for at in range(1, len(pieces), 2):  # the quoted pieces
        inner = pieces[at].strip()
        pieces[at] = f" {inner} " if spaced and inner else inner
    return _GUILLEMET.join(pieces)
