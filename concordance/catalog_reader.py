"""The label catalogs' YAML read without PyYAML, whose import took 10 ms (96 M instructions)
of every build, a rebuild after one article's edit too, for ``en.yaml`` alone.

A catalog is a mapping of keys to texts, or to a mapping of a count's forms to texts, one per
line, plain or quoted on that line, with comments. ``read_catalog`` reads that much and gives
what ``yaml.load`` gives for it; for anything else it gives None, and the caller asks PyYAML
(``labels.catalog``), so a catalog is never read otherwise than YAML reads it
(``tests/test_catalog_reader.py`` holds every shipped catalog to that).
"""

from __future__ import annotations

import re
from typing import Final

from concordance.yaml_tags import TEXT, scalar_tag

Catalog = dict[str, str | dict[str, str]]

_FIELD: Final = re.compile(r"( *)([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?")
"""A key at the line's indent, and what follows its colon and spaces, if anything."""
_PLAIN_STARTS: Final = frozenset("-?:,[]{}#&*!|>%@`")
"""First characters of a value that YAML gives a meaning (``yaml_fast._STARTS``, quotes
aside): such a value is left to PyYAML."""
_PLAIN: Final = (True, False)
_UNREAD: Final = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
)
"""What YAML reads otherwise than as a character of the line (a tab, a line break, a byte
order mark), or refuses: a text holding one is left to PyYAML."""


def read_catalog(text: str) -> Catalog | None:
    """``yaml.load(text)`` for a catalog written as above, or None for any other text."""
    if _UNREAD.search(text):
        return None
    catalog: Catalog = {}
    forms: dict[str, str] | None = None
    """The forms of the last key written without a text, while its lines go on."""
    form_indent = 0
    for line in text.split("\n"):
        if not line.strip(" ") or line.lstrip(" ").startswith("#"):
            continue
        field = _FIELD.fullmatch(line)
        if field is None:
            return None
        indent, key, rest = len(field[1]), field[2], field[3] or None
        if scalar_tag(key, _PLAIN) != TEXT:
            return None  # a key YAML reads as other than text (``no``, ``null``)
        value = _value(rest) if rest is not None else None
        if indent == 0:
            if forms == {} or key in catalog:
                return None  # a key without text or forms (YAML's null), or a key twice
            if value is None:
                if rest is not None and not rest.startswith("#"):
                    return None
                forms = catalog[key] = {}
                form_indent = 0
                continue
            forms = None
            catalog[key] = value
            continue
        if forms is None or value is None or key in forms:
            return None
        if form_indent == 0:
            form_indent = indent
        if indent != form_indent:
            return None
        forms[key] = value
    return None if forms == {} or not catalog else catalog


def _value(rest: str) -> str | None:
    """The text a value written as ``rest`` (after the key's colon and spaces) is, or None
    when it is not one this module reads."""
    if rest.startswith('"'):
        end = rest.find('"', 1)
        inside = rest[1:end]
        if end < 0 or "\\" in inside:
            return None  # an escape, or a value over lines
        return inside if _ends(rest[end + 1 :]) else None
    if rest.startswith("'"):
        at, pieces = 1, []
        while (end := rest.find("'", at)) >= 0 and rest.startswith("''", end):
            pieces.append(rest[at : end + 1])  # ``''`` is a quote
            at = end + 2
        if end < 0:
            return None
        pieces.append(rest[at:end])
        return "".join(pieces) if _ends(rest[end + 1 :]) else None
    return _plain(rest)


def _plain(rest: str) -> str | None:
    if rest[0] in _PLAIN_STARTS:
        return None
    comment = rest.find(" #")
    value = (rest if comment < 0 else rest[:comment]).rstrip(" ")
    if ": " in value or value.endswith(":") or " #" in value:
        return None
    return value if scalar_tag(value, _PLAIN) == TEXT else None


def _ends(after: str) -> bool:
    """Whether what follows a closing quote ends the value: spaces, then a comment if any."""
    rest = after.lstrip(" ")
    return not rest or (rest.startswith("#") and rest != after)
