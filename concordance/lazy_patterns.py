"""Regular expressions compiled when first used rather than when their module is imported.

A build imports every module before its workers fork, on one core, and ``re`` compiles
a pattern in Python (some 0.2 ms each on a slow machine). Most of the package's patterns
serve content a typical site has little of, or a quote that is not found: of 190 compiled
as the modules were imported, 156 were never used by a clean build of the 300-article
corpus. The patterns of uncommon paths are made with ``lazy_compile`` instead.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, Generic, cast

_ATTRIBUTES = tuple(name for name in dir(re.Pattern) if not name.startswith("_"))
"""What code may ask a pattern for: ``match``, ``sub``, ``pattern``, ``groups`` and the
rest of ``re.Pattern``'s public attributes."""


class _Deferred(Generic[AnyStr]):
    """Stands for a pattern until it is first used: then compiles it and takes its public
    attributes as its own, so that later uses cost what they cost on the pattern itself
    (an instance attribute, with no ``__getattr__`` call)."""

    def __init__(self, pattern: AnyStr, flags: int) -> None:
        self._pattern: AnyStr = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name not in _ATTRIBUTES:  # a dunder asked for by copy or pickle, say
            raise AttributeError(name)
        compiled = re.compile(self._pattern, self._flags)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)


def lazy_compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, done when the pattern is first used. For a pattern
    whose methods and attributes are all that code uses: it is not a ``re.Pattern``, so it
    must not be passed to ``re.sub`` and the like, nor to ``isinstance``."""
    return cast("re.Pattern[AnyStr]", _Deferred(pattern, flags))
