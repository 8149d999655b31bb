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
# PyYAML's implicit resolvers (``yaml/resolver.py``), in the order it adds them, each with
# the first characters it is tried on: copied here, so that reading a front matter without
# PyYAML (``yaml_fast``) need not import it (``test_yaml_tags`` checks they are PyYAML's).
_RESOLVERS: Final = (
    (
        "tag:yaml.org,2002:bool",
        r"""^(?:yes|Yes|YES|no|No|NO
                    |true|True|TRUE|false|False|FALSE
                    |on|On|ON|off|Off|OFF)$""",
        re.X,
        "yYnNtTfFoO",
    ),
    (
        "tag:yaml.org,2002:float",
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$""",
        re.X,
        f"-+{_DIGITS}.",
    ),
    (
        "tag:yaml.org,2002:int",
        r"""^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
        re.X,
        f"-+{_DIGITS}",
    ),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", 0, "<"),
    (
        "tag:yaml.org,2002:null",
        r"""^(?: ~
                    |null|Null|NULL
                    | )$""",
        re.X,
        ("~", "n", "N", ""),
    ),
    (
        "tag:yaml.org,2002:timestamp",
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?
                     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        re.X,
        _DIGITS,
    ),
    ("tag:yaml.org,2002:value", r"^(?:=)$", 0, "="),
    ("tag:yaml.org,2002:yaml", r"^(?:!|&|\*)$", 0, "!&*"),
)


def _by_start() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    patterns: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for tag, source, flags, starts in _RESOLVERS:
        pattern = lazy_compile(source, flags)  # most are never tried by a build
        for start in starts:
            patterns.setdefault(start, []).append((tag, pattern))
    return patterns


_PATTERNS: Final = _by_start()
"""PyYAML's patterns by the first character of the plain values they may match (``''`` for
the empty value), in the order it tries them (it has none for any first character)."""
TAGGED_STARTS: Final = frozenset(_PATTERNS)
"""The first characters of the plain values that may be read as other than text: a value
starting with any other is text (``tag:yaml.org,2002:str``) without a look at its patterns."""
_WORDS: Final = {
    **dict.fromkeys(
        ("yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE"),
        "tag:yaml.org,2002:bool",
    ),
    **dict.fromkeys(
        ("false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"),
        "tag:yaml.org,2002:bool",
    ),
    **dict.fromkeys(("~", "null", "Null", "NULL"), "tag:yaml.org,2002:null"),
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
