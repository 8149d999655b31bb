"""Where YAML's marks stand in a file: a mark counts lines and columns as YAML does, which is
not always as editors do (``Lines``). Apart from ``yaml_marks``, which imports PyYAML: reading a
front matter without it (``yaml_fast``) needs these alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Protocol

from concordance.diagnostics import Span
from concordance.records import new_tuple

# Line breaks to YAML, but not to editors, GitHub or this module (see ``Lines``).
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


def text_span(path: str, text: str, at: int, first_line: int = 1) -> Span:
    """Where offset ``at`` of a whole file's text stands (of a text that starts on the file's
    line ``first_line``)."""
    line_start = text.rfind("\n", 0, at) + 1
    return Span(path, text.count("\n", 0, at) + first_line, at - line_start + 1)


class Mark(Protocol):
    """A YAML mark, from PyYAML or from libyaml."""

    line: int
    column: int
    index: int
    """Offset in the parsed text, in code points."""


class Lines:
    """File positions of YAML marks. YAML also ends a line at NEL, LS and PS (U+0085,
    U+2028, U+2029), which editors and GitHub show inside a line: in a text that has one,
    a mark's line and column are counted again from its offset, by line feeds alone."""

    __slots__ = ("first_line", "path", "source", "starts", "what")

    def __init__(self, source: str, path: str, first_line: int, what: str) -> None:
        self.source = source
        self.path = path
        self.first_line = first_line
        self.what = what
        """What the YAML is, for messages: 'front matter', 'site.yaml'."""
        self.starts: list[int] | None = None
        """The offset of each line's start, for a text whose marks need recounting."""
        if not source.isascii() and any(brk in source for brk in _YAML_ONLY_BREAKS):
            self.starts = [0, *(m.end() for m in re.finditer("\n", source))]

    def place(self, mark: Mark) -> tuple[int, int]:
        """0-based (line, column) in the source, the column in code points."""
        if self.starts is None:
            return mark.line, mark.column
        line = bisect_right(self.starts, mark.index) - 1
        return line, mark.index - self.starts[line]

    def break_hint(self, mark: Mark | None) -> str:
        """For a syntax error: the last line break only YAML sees before it, if any (it is
        invisible, and likely the cause), on the error's line or the line above (one further
        up, in a quoted title, is no cause of an error below it)."""
        if self.starts is None or mark is None:
            return ""
        at = max(self.source.rfind(brk, 0, mark.index + 1) for brk in _YAML_ONLY_BREAKS)
        line = bisect_right(self.starts, at) - 1
        if at < 0 or line < self.place(mark)[0] - 1:
            return ""
        return (
            f"the invisible U+{ord(self.source[at]):04X} on line {self.first_line + line} "
            "ends a line for YAML: delete it, or quote the value that holds it"
        )

    def span(self, place: tuple[int, int]) -> Span:
        return Span(self.path, self.first_line + place[0], place[1] + 1)

    def last_place(self) -> tuple[int, int]:
        """Just after the last character of the source's last line: YAML places what it
        finds missing at the end on the line after it, which the file does not have."""
        rows = self.source.removesuffix("\n").split("\n")
        return len(rows) - 1, len(rows[-1])

    def within(self, mark: Mark) -> Span:
        """Where ``mark`` stands, or the end of the last line for a mark past it."""
        return self.span(min(self.place(mark), self.last_place()))

    def at_offset(self, at: int) -> Span:
        """Where offset ``at`` of the source stands."""
        return text_span(self.path, self.source, at, self.first_line)

    def at(self, mark: Mark) -> Span:
        if self.starts is None:  # the usual case, for every key and value: kept quick
            return new_tuple(Span, (self.path, self.first_line + mark.line, mark.column + 1))
        return self.span(self.place(mark))
