"""The tag YAML gives a value written without one, as PyYAML's resolver gives it: compiled
(``setup.py``), so that libyaml's composer, which asks for the tag of every key and value of a
front matter, calls C rather than a method in Python (``yaml_marks.Resolver``)."""

from __future__ import annotations

import re
from typing import Any, Final

import yaml

TEXT: Final = "tag:yaml.org,2002:str"
_SCALAR: Final = yaml.ScalarNode
_KINDS: Final[dict[type[yaml.Node], str]] = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}
_PATTERNS: Final[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
    start: list(patterns)
    for start, patterns in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    if start is not None
}
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


def implicit_tag(kind: type[yaml.Node], value: Any, implicit: Any) -> str:
    """PyYAML's ``Resolver.resolve`` for a resolver without path resolvers: ``kind`` is a
    node's class; for a scalar, ``value`` is its text and ``implicit`` whether it is plain,
    and whether quoted (YAML reads a quoted value, or one tagged ``!``, as text)."""
    if kind is not _SCALAR:
        return _KINDS[kind]
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
