"""Vietnamese's two ways of placing a tone mark: the further readings of a quote typed in
the other way than its body.

A syllable that ends in ``oa``, ``oe`` or ``uy`` takes its tone on the first vowel in the
older style (``hòa``, ``khỏe``, ``thủy``), which most newspapers keep, and on the second in
the newer one (``hoà``, ``khoẻ``, ``thuỷ``), which keyboards (Unikey's "new style") and
dictionaries use: one word, written two ways, so a quote typed in one style was not found
in a body written in the other. These readings are made only for a quote not found as
written (``markdown.readings``): its folded text and default id stay as they were, and the
statement shows the body's spelling.
"""

from __future__ import annotations

from concordance.lazy_patterns import lazy_compile

_TONES = "\u0300\u0301\u0303\u0309\u0323"
"""The tone marks, apart from their letters as folded text holds them: grave, acute, tilde, hook
above, dot below."""
_END = r"(?![\w\u0300-\u036f])"
"""The syllable's end: no letter and no further mark after the second vowel (``hoàn`` takes
its tone on the ``a`` in either style)."""
_OLDER = lazy_compile(rf"([oOuU])([{_TONES}])([aAeEyY]){_END}")
"""A tone on the first vowel of ``oa``, ``oe`` or ``uy``: ``hòa``."""
_NEWER = lazy_compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONES}]){_END}")
"""A tone on the second: ``hoà``; not after ``q``, whose ``u`` is no vowel (``quý`` in
either style)."""


def placements(folded: str) -> list[str]:
    """``folded`` (a folded quote) with each tone of such a syllable on the other vowel:
    the newer style of a quote typed in the older, or the older of one typed in the newer,
    when it differs."""
    if folded.isascii():
        return []
    found = []
    for swapped in (_OLDER.sub(r"\1\3\2", folded), _NEWER.sub(r"\1\3\2", folded)):
        if swapped != folded and swapped not in found:
            found.append(swapped)
    return found
