"""Deterministic XML for feeds and the sitemap: a tiny tree written as indented text.

Written by hand rather than through ElementTree: a large site has tens of thousands of
feed entries, and plain string joins are several times faster to serialise.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from concordance.escaping import numbered_references

# Characters XML 1.0 cannot carry at all; a stray one would make the whole feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTR_SPECIAL = re.compile('[&<>"\x00-\x1f\ufffe\uffff]')


class Element(NamedTuple):
    """A named tuple rather than a frozen dataclass: a large site's feeds make a quarter
    of a million of them, and a tuple is made several times faster."""

    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    text: str | None = None
    children: tuple[Element | Written, ...] = ()


class Written:
    """An element written beforehand (``written``), for one that recurs in many documents
    at the same depth, such as a concept's category in every feed entry about it. A plain
    class, its ``__init__`` compiled by mypyc: a frozen dataclass's runs in Python (each
    feed entry and sitemap URL makes one)."""

    def __init__(self, xml: str) -> None:
        self.xml = xml

    def __repr__(self) -> str:
        return f"Written(xml={repr(self.xml)})"  # noqa: RUF010 (see ``views.Link``)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Written) and other.xml == self.xml

    def __hash__(self) -> int:
        return hash(self.xml)


def el(tag: str, text: str | None = None, *children: Element | Written, **attrs: str) -> Element:
    """``el("link", rel="self", href=...)``."""
    return Element(tag, tuple(attrs.items()), text, children)


def document(root: Element) -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?>\n']
    _write(root, "", out)
    # Each piece encoded, the bytes joined: an entry with a curly quote made the whole
    # feed's text two bytes a character, encoded a character at a time (see
    # ``site_jinja.encoded``); most pieces are ASCII, encoded as a copy.
    return b"".join([piece.encode("utf-8") for piece in out])


def written(node: Element, depth: int) -> Written:
    """``node`` as it is written ``depth`` levels below the root."""
    out: list[str] = []
    _write(node, "  " * depth, out)
    return Written("".join(out))


def _write(node: Element | Written, indent: str, out: list[str]) -> None:
    if isinstance(node, Written):
        out.append(node.xml)
        return
    tag, attrs, text, children = node
    opened = indent + "<" + tag + "".join([f' {k}="{escape_attr(v)}"' for k, v in attrs])
    if children:
        out.append(f"{opened}>\n")
        inner = indent + "  "
        for child in children:
            _write(child, inner, out)
        out.append(f"{indent}</{tag}>\n")
    elif text is not None:
        out.append(f"{opened}>{escape_text(text)}</{tag}>\n")
    else:
        out.append(f"{opened} />\n")


# Most values need no escaping at all: ``_plain`` finds out, in C.
def escape_text(text: str) -> str:
    """Element text, escaped; characters XML cannot carry dropped."""
    if _plain(text) or _TEXT_SPECIAL.search(text) is None:
        return text
    # str.replace runs in C; a translate table is a Python-level lookup per character.
    return _NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_label(text: str) -> str:
    """A label's text (``catalogs/*.yaml``) or the feeds' own punctuation, escaped as
    element text, each punctuation mark, symbol and space past ASCII written as a reference
    by number (``escaping.numbered_references``): a reader sees the same text."""
    return numbered_references(escape_text(text))


def text_written(tag: str, xml: str, depth: int) -> Written:
    """``written(el(tag, text), depth)`` of the text whose escape is ``xml``."""
    return Written(f"{'  ' * depth}<{tag}>{xml}</{tag}>\n")


def escape_attr(value: str) -> str:
    """An attribute value, escaped for double quotes; line breaks and tabs kept."""
    if (_plain(value) and '"' not in value) or _ATTR_SPECIAL.search(value) is None:
        return value
    escaped = escape_text(value).replace('"', "&quot;")
    return escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


def _plain(text: str) -> bool:
    """True when ``text`` holds none of ``&<>``, no control character and neither of
    U+FFFE and U+FFFF (which are not printable): so ``_TEXT_SPECIAL`` finds nothing. Three
    searches for a character and ``str.isprintable`` take half the time of the regular
    expression's, which looked at each character of each text of a feed entry (its link
    twice, its title, its content: over a third of a concept feed's time). A text this cannot
    tell (a line break, a no-break space, a direction mark) is searched as before."""
    return "&" not in text and "<" not in text and ">" not in text and text.isprintable()
