"""Deterministic XML for feeds and the sitemap: a tiny tree written as indented text.

Written by hand rather than through ElementTree: a large site has tens of thousands of
feed entries, and plain string joins are several times faster to serialise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters XML 1.0 cannot carry at all; a stray one would make the whole feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Element:
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    text: str | None = None
    children: tuple[Element, ...] = ()


def el(tag: str, text: str | None = None, *children: Element, **attrs: str) -> Element:
    """``el("link", rel="self", href=...)``; a trailing ``_`` in a keyword is dropped."""
    return Element(tag, tuple((k.rstrip("_"), v) for k, v in attrs.items()), text, children)


def document(root: Element) -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?>\n']
    _write(root, "", out)
    return "".join(out).encode("utf-8")


def _write(node: Element, indent: str, out: list[str]) -> None:
    attrs = "".join(f' {k}="{_attr(v)}"' for k, v in node.attrs)
    if node.children:
        out.append(f"{indent}<{node.tag}{attrs}>\n")
        for child in node.children:
            _write(child, indent + "  ", out)
        out.append(f"{indent}</{node.tag}>\n")
    elif node.text is not None:
        out.append(f"{indent}<{node.tag}{attrs}>{_text(node.text)}</{node.tag}>\n")
    else:
        out.append(f"{indent}<{node.tag}{attrs} />\n")


# str.replace runs in C; a translate table is a Python-level lookup per character.
def _text(text: str) -> str:
    return _NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    escaped = _text(value).replace('"', "&quot;")
    return escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
