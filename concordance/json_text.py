"""JSON text by orjson where it writes what the standard library would, by ``json`` elsewhere.

Every article and concept page carries its JSON-LD (about 10 KB at 7 statements), and
``json.dumps`` took about a fifth of an article page's rendering; orjson, a C library,
writes the same document in a fifth of the time. The two differ in form, and in one
case in value: orjson writes no space after ``,`` and ``:``, writes non-ASCII text as
UTF-8 rather than as ``\\u`` escapes, and writes NaN and the infinities as ``null``
(``json`` writes tokens no JSON reader accepts). Values orjson would write differently
or refuse (keys that are not text, integers beyond 64 bits, dates, dataclasses) go to
``json``, which writes or refuses them as before.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from markupsafe import Markup

from concordance.escaping import as_markup

_PLAIN = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
"""Without a ``default``, a value outside plain JSON raises, and ``json`` takes over."""


def dumps(value: Any, *, sort_keys: bool = False, indent: int | None = None, **rest: Any) -> str:
    """``json.dumps(value, sort_keys=..., indent=...)`` in orjson's form, for Jinja's
    ``tojson`` policy (``json.dumps_function``); any other option goes to ``json``."""
    if rest or indent not in (None, 2):
        return json.dumps(value, sort_keys=sort_keys, indent=indent, **rest)
    option = _PLAIN
    if sort_keys:
        option |= orjson.OPT_SORT_KEYS
    if indent == 2:
        option |= orjson.OPT_INDENT_2
    try:
        return orjson.dumps(value, option=option).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError: a value it would not write as json does
        return json.dumps(value, sort_keys=sort_keys, indent=indent)


def compact(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``: the same text for
    text, integers, booleans, null, lists and objects (a float's exponent may differ)."""
    try:
        return orjson.dumps(value, option=_PLAIN).decode("utf-8")
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def value_json(value: Any) -> bytes:
    """``compact(value)`` in UTF-8, by orjson alone: a value it would not write as ``json``
    does raises ``TypeError`` (``linked_data.script`` writes a document of such pieces)."""
    return orjson.dumps(value, option=_PLAIN)


def compact_line(value: Any) -> bytes:
    """``compact(value)`` and a line end, as UTF-8: a file's bytes made once, where the
    text, the text with its line end and their encoding were three more copies (the data
    export of 20,000 articles is some 85 MB)."""
    try:
        return orjson.dumps(value, option=_PLAIN | orjson.OPT_APPEND_NEWLINE)
    except TypeError:
        return (compact(value) + "\n").encode("utf-8")


_SCRIPT_ESCAPES = ((b"<", b"\\u003c"), (b">", b"\\u003e"), (b"&", b"\\u0026"), (b"'", b"\\u0027"))
"""What Jinja's ``tojson`` writes for the characters that could end a script element or an
attribute in single quotes (``jinja2.utils.htmlsafe_json_dumps``)."""


def script_json(value: Any, indent: int | None = None) -> Markup:
    """Jinja's ``tojson`` filter with ``dumps`` and keys sorted (its default policy): the
    value as JSON, each of ``<``, ``>``, ``&`` and ``'`` as its ``\\u`` escape, as markup.
    Every article and concept page has one (10 to 60 KB): the characters are replaced in
    orjson's bytes, before they are decoded, and the text is made markup without
    MarkupSafe's copy; Jinja replaced them in the text, then copied it (an article's
    JSON-LD took 30 µs, now 17)."""
    return script_text(_sorted_json(value, indent))


def script_text(data: bytes) -> Markup:
    """JSON text in UTF-8 as ``script_json`` gives it: each of ``<``, ``>``, ``&`` and ``'``
    as its ``\\u`` escape, decoded, as markup (``linked_data.script`` writes its bytes
    itself)."""
    for char, escaped in _SCRIPT_ESCAPES:
        data = data.replace(char, escaped)
    return as_markup(data.decode("utf-8"))


def _sorted_json(value: Any, indent: int | None) -> bytes:
    """``dumps(value, sort_keys=True, indent=indent)`` in UTF-8."""
    if indent in (None, 2):
        option = _PLAIN | orjson.OPT_SORT_KEYS | (orjson.OPT_INDENT_2 if indent else 0)
        try:
            return orjson.dumps(value, option=option)
        except TypeError:  # as in ``dumps``
            pass
    return json.dumps(value, sort_keys=True, indent=indent).encode("utf-8")
