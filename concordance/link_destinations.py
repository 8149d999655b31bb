"""markdown-it's ``parseLinkDestination``, a plain address read by one loop in C.

markdown-it reads a link's address (``[a](https://example.org/a)``, an image's, a reference
definition's) a character at a time, each through a call of ``charCodeAt`` and five tests:
some 30 calls an address. An address written plainly, with no parenthesis, backslash or
angle bracket, ends at the first space, control character or ``)``; here that end is found
by one loop, compiled, and the address read as markdown-it reads it. Any other (``<...>``,
parentheses, escapes) is left to markdown-it's function, and so is a match that does not
end at one of those characters (``tests/test_link_destinations.py`` compares the two).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Final

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.helpers import parseLinkDestination, parseLinkLabel, parseLinkTitle
from markdown_it.helpers.parse_link_destination import _Result

_ENDS: Final = frozenset(chr(code) for code in (*range(0x21), 0x7F, ord(")")))
"""The characters at which markdown-it's loop ends an address outside parentheses."""


def read(string: str, pos: int, maximum: int) -> _Result:
    """``parseLinkDestination(string, pos, maximum)``, its result the same."""
    end = plain_end(string, pos, maximum)
    if end < 0:
        return parseLinkDestination(string, pos, maximum)
    result = _Result()
    result.str = plain_address(string[pos:end])
    result.pos = end
    result.ok = True
    return result


def plain_end(string: str, pos: int, maximum: int) -> int:
    """The end of the address written plainly at ``pos`` (before ``maximum``), which
    markdown-it reads as ``plain_address`` of the text up to it; -1 for any other, which only
    ``parseLinkDestination`` reads. Plainly: a run of the characters markdown-it's loop
    passes by without a second look (not a space, an ASCII control character, a
    parenthesis, counted for nesting, or a backslash, an escape), not starting with ``<``,
    that ends at one of ``_ENDS`` or at ``maximum``."""
    limit = min(maximum, len(string))
    end = pos
    while end < limit:  # in C, a character at a time (a regular expression took 4,000)
        code = ord(string[end])
        if code <= 0x20 or code == 0x7F or code == 0x28 or code == 0x29 or code == 0x5C:
            break
        end += 1
    if end <= pos or string[pos] == "<":
        return -1
    if end < limit and string[end] not in _ENDS:
        return -1
    return end


def plain_address(text: str) -> str:
    """An address written plainly as markdown-it reads it: its entities decoded
    (``unescapeAll``; it holds no backslash)."""
    return unescapeAll(text) if "&" in text else text


def enable(md: MarkdownIt) -> None:
    """Have ``md``'s rules (links, images, reference definitions) read addresses by
    ``read``; markdown-it's helpers, which other parsers share, stay as they are."""
    md.helpers = SimpleNamespace(  # type: ignore[assignment]
        parseLinkDestination=read,
        parseLinkLabel=parseLinkLabel,
        parseLinkTitle=parseLinkTitle,
    )
