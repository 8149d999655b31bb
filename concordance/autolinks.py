"""Addresses written out in a body's text become links: ``https://example.org/report``, as
GitHub shows them. Bare domains (``example.org``, ``www.example.org``) stay text.

markdown-it-py's own rule (``rules_inline/linkify``) does this, with linkify-it-py to find
where an address ends; this one is that rule with its work bounded. The original matched its
scheme against all the paragraph's text before it and handed linkify-it the rest of the
body, at each ``://``: a 200 KB body of ``x:// `` took two minutes. Nor does it link an
address that is part of one the editor wrote and that was refused (the ``https://...`` of
``[text](blob:https://...)``, ``[text](https://a..b/)`` or ``<https://a..b/>``): that text
stays as written (``link-invalid`` says why, for a link). An address ends before the curly
quotation marks and the Chinese or Japanese punctuation after it (``_PROSE``), which
linkify-it reads as part of it.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.autolink import autolink

from concordance.lazy_patterns import lazy_compile

MAX_ADDRESS = 2048
"""The longest written address that becomes a link, in characters; a longer one stays text
(browsers and servers commonly refuse URLs past 2,000 characters)."""
_SCHEME_WINDOW = 64
"""Characters before a ``://`` in which its scheme is looked for."""
_SCHEME = lazy_compile(r"(?:^|[^a-z0-9.+-])([a-z][a-z0-9.+-]*)$", re.IGNORECASE)
"""The scheme that ends right before a ``://`` (RFC 3986: a letter, then letters, digits,
``+``, ``-`` and ``.``)."""
_IN_AN_ADDRESS = lazy_compile(r"(?:\]\(|<|[a-z0-9.+-]:)$", re.IGNORECASE)
"""What stands before a scheme that is part of a written link's or autolink's address, or
of another scheme's (``](https:``, ``<https:``, ``blob:https:``)."""


def enable(md: MarkdownIt) -> None:
    """Link written addresses in text that ``md`` parses (its ``linkify`` option must be on,
    and linkify-it-py installed), and never bare domains (the core rule)."""
    md.inline.ruler.at("linkify", written_address)
    md.core.ruler.disable("linkify")
    md.inline.ruler.at("autolink", outside_links)


def outside_links(state: StateInline, silent: bool) -> bool:
    """markdown-it's ``autolink`` rule (``<https://example.org>``), but not within a link's
    text: a link cannot hold a link, and markdown-it's made one inside the other
    (``[<https://a.org>](https://b.org)``), which a browser takes apart. There the address
    stays the text written, as a written address does."""
    return state.linkLevel == 0 and autolink(state, silent)


def written_address(state: StateInline, silent: bool) -> bool:
    """markdown-it's inline ``linkify`` rule, at the ``:`` of a ``://``."""
    pos = state.pos
    if state.linkLevel > 0 or not state.src.startswith("://", pos):
        return False
    before = state.pending[-_SCHEME_WINDOW:]
    match = _SCHEME.search(before)
    if match is None or (match.start(1) == 0 and len(before) == _SCHEME_WINDOW):
        return False  # no scheme, or one that may run on past the window
    proto = match.group(1)
    if _IN_AN_ADDRESS.search(before, 0, match.start(1)):
        return False
    finder = state.md.linkify  # None without linkify-it-py (a dependency): no links then
    if finder is None:
        return False
    start = pos - len(proto)
    link = finder.match_at_start(state.src[start : start + MAX_ADDRESS + 1])
    if not link or link.last_index > MAX_ADDRESS:
        return False
    url: str = _before_prose(link.url.rstrip("*"))  # a "*" after it closes emphasis
    full_url = state.md.normalizeLink(url)
    if not state.md.validateLink(full_url):
        return False
    if not silent:
        state.pending = state.pending[: -len(proto)]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": full_url}
        token.markup, token.info = "linkify", "auto"
        token = state.push("text", "", 0)
        token.content = state.md.normalizeLinkText(url)
        token = state.push("link_close", "a", -1)
        token.markup, token.info = "linkify", "auto"
    state.pos += len(url) - len(proto)
    return True


_PROSE = lazy_compile(
    "[“”„‟«»‹›\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
    r"|[‘’‚‛](?!\w)|(?<!\w)[‘’‚‛]"
)
"""What ends an address written in prose though linkify-it reads it as part of it: curly
quotation marks and guillemets (``“https://example.org/a”``), the punctuation of Chinese
and Japanese, written with no space after an address (``https://example.org/a，谢谢``,
``「https://example.org/a」``), and a curly apostrophe that is not inside a word."""


def _before_prose(url: str) -> str:
    """``url`` up to the first character of ``_PROSE``: the link's address and text held
    the quotation mark or the sentence after it (``https://example.org/a%E2%80%9D``, a page
    no one wrote)."""
    found = _PROSE.search(url)
    return url if found is None else url[: found.start()]
