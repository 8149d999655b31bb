"""The Markdown tokens a body's parse makes: markdown-it's ``Token``, field for field and
method for method, as a class of this compiled module.

markdown-it's ``Token`` is a slots dataclass of Python's: compiled code reads each of its
fields the general way (``PyObject_GetAttr``, some 160 instructions), and a body's parse
and rules read some thousands a body. Compiled, this class is a native one whose fields
compiled code reads as a C struct's, and whose constructor is C. Every token of a body is
one (``token_states``' ``push``, the rules that make their own, ``footnotes``' tail, the
core rule ``block`` of ``markdown``): the compiled rules that read them declare this type
and would refuse another's (``tests/test_tokens.py``).
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import TYPE_CHECKING, Any, Final, cast

if TYPE_CHECKING:
    from markdown_it.token import Token as Theirs

FIELDS: Final = (
    "type",
    "tag",
    "nesting",
    "attrs",
    "map",
    "level",
    "children",
    "content",
    "markup",
    "info",
    "meta",
    "block",
    "hidden",
)
"""The fields of a token, in markdown-it's order (``Token``'s dataclass fields)."""

Attrs = dict[str, str | int | float]
"""A token's HTML attributes."""


class Token:
    """A single token in the stream produced by the parser (markdown-it's ``Token``)."""

    type: str
    tag: str
    nesting: int
    attrs: Attrs
    map: list[int] | None
    level: int
    children: list[Token] | None
    content: str
    markup: str
    info: str
    meta: dict[Any, Any]
    block: bool
    hidden: bool

    def __init__(
        self,
        type: str,
        tag: str,
        nesting: int,
        attrs: Any = None,
        map: list[int] | None = None,
        level: int = 0,
        children: list[Token] | None = None,
        content: str = "",
        markup: str = "",
        info: str = "",
        meta: dict[Any, Any] | None = None,
        block: bool = False,
        hidden: bool = False,
    ) -> None:
        self.type = type
        self.tag = tag
        self.nesting = nesting
        # markdown-it's ``convert_attrs``: none or empty a new dict, a list of pairs a dict.
        self.attrs = {} if not attrs else dict(attrs) if isinstance(attrs, list) else attrs
        self.map = map
        self.level = level
        self.children = children
        self.content = content
        self.markup = markup
        self.info = info
        self.meta = {} if meta is None else meta
        self.block = block
        self.hidden = hidden

    def __eq__(self, other: object) -> bool:
        """Equal field by field to another of this class, as a dataclass is."""
        if not isinstance(other, Token):
            return NotImplemented
        return self.fields() == other.fields()

    __hash__ = None  # type: ignore[assignment]  # as a dataclass's that compares

    def __repr__(self) -> str:
        """The dataclass's text: each field by name, by ``repr``."""
        shown = ", ".join(
            f"{name}={value!r}" for name, value in zip(FIELDS, self.fields(), strict=True)
        )
        return f"Token({shown})"

    def fields(self) -> tuple[object, ...]:
        """The value of each field, in ``FIELDS``' order."""
        return (
            *(self.type, self.tag, self.nesting, self.attrs, self.map, self.level),
            *(self.children, self.content, self.markup, self.info, self.meta, self.block),
            self.hidden,
        )

    def attrItems(self) -> list[tuple[str, str | int | float]]:
        """Get (key, value) list of attrs."""
        return list(self.attrs.items())

    def attrPush(self, attrData: tuple[str, str | int | float]) -> None:
        """Add `[ name, value ]` attribute to list."""
        name, value = attrData
        self.attrs[name] = value

    def attrSet(self, name: str, value: str | float) -> None:
        """Set `name` attribute to `value`. Override old value if exists."""
        self.attrs[name] = value

    def attrGet(self, name: str) -> str | int | float | None:
        """Get the value of attribute `name`, or None if it does not exist."""
        return self.attrs.get(name, None)

    def attrJoin(self, name: str, value: str) -> None:
        """Join value to existing attribute via space, or create it if it does not exist."""
        if name in self.attrs:
            current = self.attrs[name]
            if not isinstance(current, str):
                raise TypeError(f"existing attr 'name' is not a str: {self.attrs[name]}")
            self.attrs[name] = f"{current} {value}"
        else:
            self.attrs[name] = value

    def copy(self, **changes: Any) -> Token:
        """A shallow copy of the token, with ``changes`` to its fields."""
        values: dict[str, Any] = dict(zip(FIELDS, self.fields(), strict=True))
        values.update(changes)
        return Token(**values)

    def as_dict(
        self,
        *,
        children: bool = True,
        as_upstream: bool = True,
        meta_serializer: Callable[[dict[Any, Any]], Any] | None = None,
        filter: Callable[[str, Any], bool] | None = None,
        dict_factory: Callable[..., MutableMapping[str, Any]] = dict,
    ) -> MutableMapping[str, Any]:
        """The token as a dictionary, as markdown-it's ``Token.as_dict`` makes it."""
        mapping = dict_factory(zip(FIELDS, self.fields(), strict=True))
        if filter:
            mapping = dict_factory((k, v) for k, v in mapping.items() if filter(k, v))
        if as_upstream and "attrs" in mapping:
            attrs = mapping["attrs"]
            mapping["attrs"] = [[k, v] for k, v in attrs.items()] if attrs else None
        if meta_serializer and "meta" in mapping:
            mapping["meta"] = meta_serializer(mapping["meta"])
        if children and mapping.get("children", None):
            mapping["children"] = [
                child.as_dict(
                    children=children,
                    filter=filter,
                    dict_factory=dict_factory,
                    as_upstream=as_upstream,
                    meta_serializer=meta_serializer,
                )
                for child in mapping["children"]
            ]
        return mapping


def ours(tokens: list[Theirs]) -> list[Token]:
    """A list of tokens markdown-it's types call its own, ours (every token of a parse is)."""
    return cast("list[Token]", tokens)


def theirs(tokens: list[Token]) -> list[Theirs]:
    """A list of our tokens as markdown-it's types call them (a state's ``tokens``)."""
    return cast("list[Theirs]", tokens)


def our(token: Theirs) -> Token:
    """A token markdown-it's types call its own, ours (every token of a parse is)."""
    return cast("Token", token)


def new_token(ttype: str, tag: str, nesting: int, level: int, block: bool) -> Token:
    """``Token(ttype, tag, nesting)`` with ``level`` and ``block`` set: one call, in C, of a
    parse state's ``push`` (Python), which passes no keyword."""
    return Token(ttype, tag, nesting, level=level, block=block)


def text_token(content: str, level: int) -> Token:
    """A ``text`` token of ``content`` (a parse state's ``pushPending``)."""
    return Token("text", "", 0, level=level, content=content)


def adopt(tokens: list[Any], start: int = 0) -> None:
    """Each token of ``tokens`` from ``start`` (and of their children) not ours made ours,
    in place: those markdown-it's code makes without a state's ``push`` (the footnotes'
    plugin, the core rule ``block`` of an inline parse, a parser of markdown-it's own)."""
    for at in range(start, len(tokens)):
        token = tokens[at]
        if not isinstance(token, Token):
            tokens[at] = token = _adopted(token)
        if token.children:
            adopt(token.children)


def _adopted(token: Any) -> Token:
    """A token of markdown-it's, ours: each field the same value."""
    return Token(
        *(token.type, token.tag, token.nesting, token.attrs, token.map, token.level),
        *(token.children, token.content, token.markup, token.info, token.meta, token.block),
        token.hidden,
    )
