"""Where YAML's marks stand in a file, and the parser that makes them (libyaml's when present).

A mark counts lines and columns as YAML does, which is not always as editors do (``Lines``).
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_right
from typing import Protocol

import yaml

from concordance.diagnostics import Span
from concordance.yaml_tags import implicit_tag

__all__ = [
    "AliasLoader",
    "AliasNode",
    "EventSource",
    "Lines",
    "Loader",
    "Mark",
    "NodeLoader",
    "Resolver",
    "new_tuple",
    "text_span",
]


class Resolver(yaml.resolver.Resolver):
    """The tag of a value written without one, as PyYAML's resolver gives it, told by a
    compiled function (``yaml_tags.implicit_tag``): PyYAML's tries each pattern of the value's
    first character in Python, for each key and value of a front matter, and a method of
    this class in Python was a call of a Python function for each of them all the same."""

    resolve = staticmethod(implicit_tag)

    # PyYAML's path resolvers tag a node by where it stands in the tree; none is ever added
    # to this class, but the composer calls these two around every node, each a function in
    # Python that returns at once (some 150 calls a front matter): C callables that do
    # nothing in their place.
    descend_resolver = staticmethod(operator.is_)  # type: ignore[assignment]
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]


try:  # libyaml's C parser is ten times faster; PyYAML without it still works.
    from yaml import CSafeLoader
    from yaml._yaml import CParser as EventSource

    class Loader(Resolver, CSafeLoader):
        """libyaml's loader, with ``Resolver``'s tags."""

    class NodeLoader(EventSource, Resolver):
        """libyaml's composer alone, with ``Resolver``'s tags: ``Loader`` without the
        constructor, which a tree of nodes never uses, and whose setting up (four
        functions in Python, ``yaml.compose`` a fifth) was made for each front matter."""

except ImportError:  # pragma: no cover
    from yaml import SafeLoader

    class Loader(Resolver, SafeLoader):  # type: ignore[no-redef]
        """PyYAML's loader, with ``Resolver``'s tags."""

    class EventSource(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
        """PyYAML's parser on its own (``AliasLoader`` adds the composer)."""

        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)

    NodeLoader = Loader  # type: ignore[assignment,misc]


class AliasNode(yaml.Node):
    """An alias (``*name``) where it stands. The composer gives the anchored node itself,
    which would place every diagnostic about the repeat at the original."""

    def __init__(self, target: yaml.Node, mark: Mark) -> None:
        super().__init__(target.tag, target.value, target.start_mark, target.end_mark)
        self.target = target
        self.mark = mark
        """Where the alias stands."""


class AliasLoader(yaml.composer.Composer, EventSource, Resolver):
    """A loader that wraps each alias in an ``AliasNode``: libyaml's parser (its events
    are made in C) under Python's composer, which takes twice as long as libyaml's. Here,
    not in ``load``, which is compiled (``setup.py``): mypyc cannot subclass these."""

    def __init__(self, stream: str) -> None:
        EventSource.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        Resolver.__init__(self)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event() if self.check_event(yaml.AliasEvent) else None
        node = super().compose_node(parent, index)
        mark = event.start_mark if event else None
        return AliasNode(node, mark) if mark and node else node


new_tuple = tuple.__new__
"""A named tuple made of all its fields, in C: ``new_tuple(Span, (path, line, col))`` is
``Span(path, line, col)`` without the function in Python that a named tuple's ``__new__``
is. A front matter makes a ``Span`` for each key and value and a ``load.YNode`` for each
value: those calls took 1.3% of validating an article."""

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
