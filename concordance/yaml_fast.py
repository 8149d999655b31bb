"""A front matter written in the plainest YAML read without libyaml: the same tree of values,
tags and places that ``load.parse_yaml`` composes, or None for anything else.

Compiled (``setup.py``). libyaml's composer makes a Python node and two marks, each by a
Python ``__init__``, for every key and value, and ``load._Converter`` then reads them: this
reads the lines of an ordinary front matter straight into ``load.YNode``. It takes only what
it can place exactly as libyaml does, and declines the rest, which libyaml then reads as
before (every diagnostic of YAML's stays as it was):

- block mappings of plain keys (``[A-Za-z_][A-Za-z0-9_-]*``), each key once, each line
  indented as far as its mapping, a nested block indented further than its key;
- values on their key's line: a plain value whose first character has no meaning to YAML and
  that holds no ``: `` nor `` #`` and ends in no ``:``; a value in single quotes (``''`` for
  one) or in double quotes without a backslash, closed on its line; a list written in
  brackets on its line of such values (plain ones holding none of ``[]{},:#``), no comma
  after the last;
- block lists (``- ``) of such values or of mappings, indented further than their key;
- lines empty or of spaces between them.

It declines a tab or a carriage return anywhere, a comment, an empty value, a value that runs
on over lines, a document marker or directive, a line break only YAML sees (NEL, LS, PS), a
byte-order mark, a key of over ``MAX_KEY`` characters, and a front matter larger than
``MAX_SOURCE`` or deeper or fuller than ``MAX_DEPTH`` and ``MAX_VALUES`` (far below
``load``'s limits, which libyaml's path enforces).
The caller hands it only text whose every character is printable (``load._surely_fit``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from concordance.diagnostics import Span
from concordance.records import new_tuple
from concordance.yaml_tags import SHORT_TAGS, TAGGED_STARTS, scalar_tag

MAX_SOURCE: Final = 16 * 1024
MAX_DEPTH: Final = 16
MAX_VALUES: Final = 4096
MAX_KEY: Final = 1000
"""Characters of a key at most: libyaml refuses a key of over 1,024 (a simple key's limit)."""

_STARTS: Final = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""First characters of a value that YAML gives a meaning (or may): such a value is declined."""
_UNREAD: Final = ("\t", "\r", "\x85", "\u2028", "\u2029", "\ufeff")
_PLAIN: Final = (True, False)
_NEW: Final = new_tuple
_SPAN: Final = Span
"""Names of other modules held here: a compiled module reads an imported name from its
dictionary at each use, and these are used for every key and value."""

Node = tuple[object, ...]
"""A ``load.YNode``."""
Text = Callable[[str, str, int, int, Span], str]
"""``load._Converter.text``: a non-ASCII value's text, given its style and where it is written
(start and end offsets) and placed."""


class _Declined(Exception):
    """What this reader does not read: libyaml's path reads it."""


def read_plain(
    source: str, path: str, first_line: int, node: type[Node], text: Text
) -> Node | None:
    """The front matter's mapping as ``node`` (``load.YNode``) tuples, or None when ``source``
    is outside what this reads (module docstring)."""
    if len(source) > MAX_SOURCE or any(char in source for char in _UNREAD):
        return None
    reader = _Reader(source, path, first_line, node, text)
    try:
        return reader.document()
    except _Declined:
        return None


class _Reader:
    def __init__(
        self, source: str, path: str, first_line: int, node: type[Node], text: Text
    ) -> None:
        self.lines = source.split("\n")
        self.path = path
        self.first_line = first_line
        self.node = node
        self.text = text
        self.values = 0
        self.ascii = source.isascii()
        """Whether every key and value is ASCII, told once (else each is asked)."""
        self.starts: list[int] = []
        """Each line's offset in the source, counted at the first value not in ASCII."""

    def document(self) -> Node | None:
        at = self.next_line(0)
        if at >= len(self.lines) or self.lines[at][:1] == " ":
            return None
        result, at = self.mapping(at, 0, 0, None)
        if at < len(self.lines):
            return None
        return result

    def next_line(self, at: int) -> int:
        """The first line from ``at`` on that is not blank."""
        lines = self.lines
        while at < len(lines) and _indent(lines[at]) == len(lines[at]):
            at += 1
        return at

    def line_start(self, row: int) -> int:
        if not self.starts:
            at = 0
            for line in self.lines:
                self.starts.append(at)
                at += len(line) + 1
        return self.starts[row]

    def span(self, row: int, column: int) -> Span:
        return _NEW(_SPAN, (self.path, self.first_line + row, column + 1))

    def counted(self, depth: int) -> None:
        self.values += 1
        if self.values > MAX_VALUES or depth > MAX_DEPTH:
            raise _Declined

    def goes_on(self, at: int, indent: int) -> bool:
        """Whether line ``at`` (not blank) goes on the block at column ``indent``: not one
        indented less, nor the text's end; one indented more is declined."""
        if at >= len(self.lines):
            return False
        shift = _indent(self.lines[at])
        if shift > indent:
            raise _Declined
        return shift == indent

    def mapping(self, at: int, indent: int, depth: int, key_span: Span | None) -> tuple[Node, int]:
        """The block mapping whose first key is on line ``at`` at column ``indent`` (after a
        list's ``- `` for one that is its item), and the line after it."""
        self.counted(depth)
        lines = self.lines
        place = self.span(at, indent)
        placed = place  # the first key's place is the mapping's
        fields: dict[str, Node] = {}
        while True:
            line = lines[at]
            key = _key(line, indent, self.ascii)
            if not key or key in fields:
                raise _Declined
            if fields:
                placed = self.span(at, indent)
            start = _indent(line, indent + len(key) + 1)
            if start < len(line):
                fields[key] = self.inline(at, start, depth + 1, placed)
                at += 1
            else:
                below = self.next_line(at + 1)
                if below >= len(lines):
                    raise _Declined
                inner = _indent(lines[below])
                if inner <= indent:
                    raise _Declined
                if lines[below].startswith("- ", inner):
                    fields[key], at = self.sequence(below, inner, depth + 1, placed)
                else:
                    fields[key], at = self.mapping(below, inner, depth + 1, placed)
            at = self.next_line(at)
            if not self.goes_on(at, indent):
                return _NEW(self.node, (fields, "map", place, key_span, ())), at

    def sequence(self, at: int, indent: int, depth: int, key_span: Span) -> tuple[Node, int]:
        """The block list whose first ``- `` is on line ``at`` at column ``indent``."""
        self.counted(depth)
        lines = self.lines
        place = self.span(at, indent)
        items: list[Node] = []
        while True:
            line = lines[at]
            if not line.startswith("- ", indent):
                raise _Declined
            start = _indent(line, indent + 2)
            if start >= len(line):
                raise _Declined
            if _key(line, start, self.ascii):
                item, at = self.mapping(at, start, depth + 1, None)
                items.append(item)
            else:
                items.append(self.inline(at, start, depth + 1, None))
                at += 1
            at = self.next_line(at)
            if not self.goes_on(at, indent):
                return _NEW(self.node, (items, "seq", place, key_span, ())), at

    def inline(self, row: int, start: int, depth: int, key_span: Span | None) -> Node:
        """The value that starts at column ``start`` of line ``row`` and ends the line."""
        line = self.lines[row]
        char = line[start]
        if char == "[":
            self.counted(depth)
            items: list[Node] = []
            end = self.flow(row, start + 1, depth + 1, items)
            if line[end:].strip(" "):
                raise _Declined
            return _NEW(self.node, (items, "seq", self.span(row, start), key_span, ()))
        if char == '"' or char == "'":
            value, end = self.quoted(row, start, depth, key_span)
            if line[end:].strip(" "):
                raise _Declined
            return value
        if char in _STARTS:
            raise _Declined
        written = line[start:].rstrip(" ")
        if ": " in written or " #" in written or written.endswith(":"):
            raise _Declined
        return self.scalar(row, start, written, "", start + len(written), depth, key_span)

    def flow(self, row: int, at: int, depth: int, items: list[Node]) -> int:
        """The values of a list in brackets from column ``at`` (after its ``[``) into
        ``items``, and the column after its ``]``."""
        line = self.lines[row]
        at = _indent(line, at)
        if line[at : at + 1] == "]":
            return at + 1
        while True:
            if at >= len(line):
                raise _Declined
            char = line[at]
            if char == '"' or char == "'":
                item, at = self.quoted(row, at, depth, None)
            else:
                if char in _STARTS:
                    raise _Declined
                end = _flow_end(line, at)
                written = line[at:end].rstrip(" ")
                if "[" in written or "{" in written or "}" in written or ":" in written:
                    raise _Declined
                if "#" in written:
                    raise _Declined
                item = self.scalar(row, at, written, "", at + len(written), depth, None)
                at = end
            items.append(item)
            at = _indent(line, at)
            close = line[at : at + 1]
            if close == "]":
                return at + 1
            if close != ",":
                raise _Declined
            at = _indent(line, at + 1)
            if line[at : at + 1] in ("]", ""):
                raise _Declined

    def quoted(self, row: int, start: int, depth: int, key_span: Span | None) -> tuple[Node, int]:
        """The quoted value whose quote is at column ``start``, closed on its line, and the
        column after its closing quote."""
        line = self.lines[row]
        quote = line[start]
        end = line.find(quote, start + 1)
        if quote == "'":
            while end >= 0 and line[end + 1 : end + 2] == "'":
                end = line.find("'", end + 2)
        if end < 0:
            raise _Declined
        written = line[start + 1 : end]
        if quote == '"' and "\\" in written:
            raise _Declined
        value = written.replace("''", "'") if quote == "'" else written
        return self.scalar(row, start, value, quote, end + 1, depth, key_span), end + 1

    def scalar(
        self,
        row: int,
        start: int,
        value: str,
        style: str,
        end: int,
        depth: int,
        key_span: Span | None,
    ) -> Node:
        """A value written from column ``start`` to ``end`` of line ``row``."""
        self.counted(depth)
        place = self.span(row, start)
        tag = (
            "str"
            if style or value[0] not in TAGGED_STARTS
            else SHORT_TAGS.get(scalar_tag(value, _PLAIN), "str")
        )
        if not self.ascii and not value.isascii():
            offset = self.line_start(row)
            value = self.text(value, style, offset + start, offset + end, place)
        return _NEW(self.node, (value, tag, place, key_span, ()))


def _key(line: str, at: int, known_ascii: bool) -> str:
    """The plain key written from column ``at`` (``[A-Za-z_][A-Za-z0-9_-]*``, then ``:`` and
    a space or the line's end), or ``""`` for none; ``known_ascii``: the line is ASCII."""
    colon = line.find(":", at)
    if colon <= at or colon - at > MAX_KEY or (colon + 1 < len(line) and line[colon + 1] != " "):
        return ""
    name = line[at:colon]
    if name[0] == "-" or not (known_ascii or name.isascii()):
        return ""
    if not name.replace("-", "_").isidentifier():
        return ""
    return name


def _flow_end(line: str, at: int) -> int:
    """The column of the first ``,`` or ``]`` from ``at`` on, or the line's end."""
    comma = line.find(",", at)
    close = line.find("]", at)
    if comma < 0:
        return len(line) if close < 0 else close
    return comma if close < 0 or comma < close else close


def _indent(line: str, at: int = 0) -> int:
    """The column of the first character other than a space from ``at`` on."""
    while at < len(line) and line[at] == " ":
        at += 1
    return at
