"""The tag YAML gives a value written without one, as PyYAML's resolver gives it: compiled
(``setup.py``), so that libyaml's composer, which asks for the tag of every key and value of a
front matter, calls C rather than a method in Python (``yaml_marks.Resolver``)."""

from __future__ import annotations

import re
from typing import Any, Final

from concordance.lazy_patterns import lazy_compile

TEXT: Final = "tag:yaml.org,2002:str"
_KINDS: Final = {"mapping": "tag:yaml.org,2002:map", "sequence": "tag:yaml.org,2002:seq"}
"""The tags of a mapping's and a sequence's node, by the ``id`` of PyYAML's node classes."""
_DIGITS = "0123456789"
# YAML 1.1's types of plain values (yaml.org/type), as PyYAML reads them, written here so
# that reading a front matter without PyYAML (``yaml_fast``) need not import it; the tests
# hold every value's tag to PyYAML's resolver (``test_load``). Each has the first characters
# it is tried on, and they are tried in PyYAML's order: a float before an int before a date.
_SIGN = "[-+]?"
_EXPONENT = "(?:[eE][-+][0-9]+)?"
_BASE_60 = "(?::[0-5]?[0-9])+"
"""Sexagesimal places after the first: ``1:30:00``."""
_ONE_OR_TWO = "[0-9][0-9]?"
_DAY = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TIME = (
    f"[0-9]{{4}}-{_ONE_OR_TWO}-{_ONE_OR_TWO}(?:[Tt]|[ \\t]+)"
    f"{_ONE_OR_TWO}:[0-9]{{2}}:[0-9]{{2}}(?:\\.[0-9]*)?"
    f"(?:[ \\t]*(?:Z|[-+]{_ONE_OR_TWO}(?::[0-9]{{2}})?))?"
)
_FLOATS = (
    f"{_SIGN}[0-9][0-9_]*\\.[0-9_]*{_EXPONENT}",
    f"\\.[0-9][0-9_]*{_EXPONENT}",
    f"{_SIGN}[0-9][0-9_]*{_BASE_60}\\.[0-9_]*",
    f"{_SIGN}\\.(?:inf|Inf|INF)",
    "\\.(?:nan|NaN|NAN)",
)
_INTS = ("0b[01_]+", "0[0-7_]+", "0", "[1-9][0-9_]*", "0x[0-9a-fA-F_]+", f"[1-9][0-9_]*{_BASE_60}")
_BOOLS = tuple(
    case(w)
    for w in ("yes", "no", "true", "false", "on", "off")
    for case in (str.lower, str.capitalize, str.upper)
)
_NULLS = ("~", "null", "Null", "NULL", "")


def _whole(*alternatives: str) -> str:
    """A pattern matching a whole value (``$``: before a last line break too, as PyYAML's)."""
    return f"^(?:{'|'.join(alternatives)})$"


_RESOLVERS: Final = (
    ("tag:yaml.org,2002:bool", _whole(*_BOOLS), "yYnNtTfFoO"),
    ("tag:yaml.org,2002:float", _whole(*_FLOATS), f"-+{_DIGITS}."),
    ("tag:yaml.org,2002:int", f"^{_SIGN}(?:{'|'.join(_INTS)})$", f"-+{_DIGITS}"),
    ("tag:yaml.org,2002:merge", _whole("<<"), "<"),
    ("tag:yaml.org,2002:null", _whole(*map(re.escape, _NULLS)), ("~", "n", "N", "")),
    ("tag:yaml.org,2002:timestamp", _whole(_DAY, _TIME), _DIGITS),
    ("tag:yaml.org,2002:value", _whole("="), "="),
    ("tag:yaml.org,2002:yaml", _whole("[!&*]"), "!&*"),
)


def _by_start() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    patterns: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for tag, source, starts in _RESOLVERS:
        pattern = lazy_compile(source)  # most are never tried by a build
        for start in starts:
            patterns.setdefault(start, []).append((tag, pattern))
    return patterns


_PATTERNS: Final = _by_start()
"""The patterns by the first character of the plain values they may match (``''`` for the
empty value), in the order PyYAML tries them (it has none for any other first character)."""
TAGGED_STARTS: Final = frozenset(_PATTERNS)
"""The first characters of the plain values that may be read as other than text: a value
starting with any other is text (``tag:yaml.org,2002:str``) without a look at its patterns."""
_WORDS: Final = {
    **dict.fromkeys(_BOOLS, "tag:yaml.org,2002:bool"),
    **dict.fromkeys(_NULLS[:-1], "tag:yaml.org,2002:null"),
}
"""The words YAML reads as true, false or nothing: all it reads as other than text of a plain
value starting with one of their first characters (``_WORD_STARTS``)."""
_WORD_STARTS: Final = frozenset("yYnNtTfFoO~")
_LONGEST_WORD: Final = len("false\n")
"""The longest of ``_WORDS`` with a line break after it: a longer value is text."""
SHORT_TAGS: Final = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "timestamp",
}
"""The tags of YAML's scalars by the names a ``load.YNode`` gives them (any other is ``str``)."""


def implicit_tag(kind: Any, value: Any, implicit: Any) -> str:
    """PyYAML's ``Resolver.resolve`` for a resolver without path resolvers: ``kind`` is a
    node's class; for a scalar, ``value`` is its text and ``implicit`` whether it is plain,
    and whether quoted (YAML reads a quoted value, or one tagged ``!``, as text)."""
    if kind.id != "scalar":
        return _KINDS[kind.id]
    return scalar_tag(value, implicit)


def scalar_tag(value: Any, implicit: Any) -> str:
    """The tag of a scalar ``value`` (``implicit_tag`` of a scalar's node class)."""
    if not implicit[0]:
        return TEXT
    text: str = value
    start = text[:1]
    patterns = _PATTERNS.get(start)
    if patterns is None:
        return TEXT  # most values: no pattern starts as they do
    if start in _WORD_STARTS:  # YAML's patterns end at ``$``: before a last line break too
        return _WORDS.get(text.removesuffix("\n"), TEXT) if len(text) <= _LONGEST_WORD else TEXT
    for tag, pattern in patterns:
        if pattern.match(text):
            return tag
    return TEXT
