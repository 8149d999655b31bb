"""The parser that makes YAML's marks (libyaml's when present), and where they stand in a file
(``yaml_lines``, kept apart: it needs no PyYAML)."""

from __future__ import annotations

import operator

import yaml

from concordance.yaml_lines import Mark
from concordance.yaml_tags import implicit_tag

__all__ = [
    "AliasLoader",
    "AliasNode",
    "EventSource",
    "Loader",
    "NodeLoader",
    "Resolver",
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
