"""Links between content files: ``[the report](2024-01-02-report.md)`` in an article's body,
or ``[growth](../concepts/growth.md#q-1)``, go to the page the linked file becomes.

Editors link their Markdown files to each other by path, as GitHub, Obsidian and most
editors show them; on the site such a path leads nowhere. Parsing a body turns each
relative link to a ``.md`` file into a slot (``chips.placeholder``) standing for the link's
``href``, and lists the files linked (``Found``). Which page a file becomes is known only
once every file is read (a concept's page is named for its title), so a page is made with
each slot filled (``slots``): the link to that page, or nothing where no article or concept
comes from the file, which leaves the link's text as text (an ``a`` without ``href``), and
the build warns (``link-unresolved``, ``broken``). An article's page keeps the slots' values in
its frame with its chips, so an edit of its body alone (``delta``) fills them as before.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import escape

from concordance import headings
from concordance.chips import placeholder
from concordance.diagnostics import Diagnostic, Span, counting_the_rest, warning
from concordance.model import ContentLink

FOLDER = "content_folder"
"""``env`` key: the folder of the file being parsed, as its path is shown (``load``)."""
FOUND = "content_links"
"""``env`` key: the ``Found`` links of the body, in order."""
_SLOT = "content_link"
"""``Token.meta`` key: the number of a link's slot."""
_MD = ".md"
MAX_WARNINGS = 20
"""``link-unresolved`` warnings of one file; the last counts the rest."""


class Found(NamedTuple):
    """A link of a body to a content file, as parsing finds it."""

    target: str
    """The file, as its path is shown (``content/articles/x.md``)."""
    fragment: str
    written: str
    """The address as the body writes it (percent-encoded), to find it in the source."""
    lines: range
    """Body lines (0-based) of its block."""


def enable(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "content_links", _to_slots)
    md.add_render_rule("link_open", _link_open)


def target_of(folder: str, href: str) -> tuple[str, str] | None:
    """(file, fragment) a link goes to when it is a relative link to a Markdown file."""
    parts = urlsplit(href)
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or href.startswith("/") or not path.lower().endswith(".md"):
        return None
    return posixpath.normpath(posixpath.join(folder, path)), parts.fragment


def _to_slots(state: StateCore) -> None:
    folder = state.env.get(FOLDER)
    if not isinstance(folder, str):
        return
    found: list[Found] = []
    # A link to a file has ".md" in its block, or in a reference it uses (``[a][ref]``,
    # with ``[ref]: x.md`` anywhere): most blocks are passed over at C speed.
    references = state.env.get("references") or {}
    anywhere = any(_MD in str(r.get("href", "")).lower() for r in references.values())
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        if not anywhere and _MD not in token.content.lower():
            continue
        lines = range(*token.map) if token.map else range(0, 1)
        for child in token.children:
            href = child.attrGet("href") if child.type == "link_open" else None
            target = target_of(folder, href) if isinstance(href, str) else None
            if target is not None:
                child.meta[_SLOT] = len(found)
                del child.attrs["href"]
                found.append(Found(*target, str(href), lines))
    state.env[FOUND] = found


def _link_open(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    """``<a`` then the slot of the ``href`` (when it links a content file), then the rest."""
    html = renderer.renderToken(tokens, idx, options, env)
    number = tokens[idx].meta.get(_SLOT)
    return html if number is None else f"<a{placeholder(slot_key(number))}{html[2:]}"


def slot_key(number: int) -> str:
    # A colon: no quote id holds one, so a link's slot is never taken for a quote's chips.
    return f"href:{number}"


def located(
    path: str, body_line: int, body: str, found: Iterable[Found]
) -> tuple[ContentLink, ...]:
    """The links of a file's body, each at its address in the file (``body_line`` is the
    file's line of the body's first)."""
    lines = body.split("\n")
    located: list[ContentLink] = []
    after = (0, 0)  # where the last address was found: the next is searched from there
    for link in found:
        row, column, end = _address(lines, link, after)
        if row >= 0:
            after = (row, end)
        else:  # written with entities, say: the block's first line
            row, column = link.lines.start, 0
        span = Span(path, body_line + row, column + 1)
        located.append(ContentLink(link.target, link.fragment, span))
    return tuple(located)


def _address(lines: list[str], link: Found, after: tuple[int, int]) -> tuple[int, int, int]:
    """(line, column, end column) of the link's address in its block, not before ``after``;
    all -1 when it is not found. Searched from the last link's, since links come in order: a line
    of thousands of links is read once, not once per link."""
    for written in dict.fromkeys((link.written, unquote(link.written))):
        for row in range(max(link.lines.start, after[0]), min(link.lines.stop, len(lines))):
            column = lines[row].find(written, after[1] if row == after[0] else 0)
            if column >= 0:
                return row, column, column + len(written)
    return -1, -1, -1


class Anchored(NamedTuple):
    """The page a content file becomes, and the anchors a link to it may name."""

    page: str
    quotes: frozenset[str]
    """The ids of the quotes found on it."""
    headings: frozenset[str]
    """The names of its body's headings, as written in links (``headings``)."""


Anchors = Mapping[str, Anchored]
"""Each article and concept file -> what a link to it goes to."""


def targets(links: Iterable[ContentLink], anchors: Anchors) -> tuple[str | None, ...]:
    """The page of each link, with its fragment when the page has that anchor, or None."""
    return tuple(_target(link, anchors) for link in links)


def _target(link: ContentLink, anchors: Anchors) -> str | None:
    found = anchors.get(link.target)
    if found is None:
        return None
    name = unquote(link.fragment)
    if name in found.quotes:
        return f"{found.page}#{link.fragment}"
    if name in found.headings:
        return f"{found.page}#{headings.PREFIX}{link.fragment}"
    return found.page


def slots(pages: Iterable[str | None], url: Callable[[str], str]) -> dict[str, str]:
    """The ``href`` of each link's slot, by slot key, made with the page's ``url``."""
    return {
        slot_key(number): "" if page is None else f' href="{escape(url(page))}"'
        for number, page in enumerate(pages)
    }


def broken(links: Iterable[ContentLink], anchors: Anchors) -> list[Diagnostic]:
    """A warning at each link of one file that goes to no page, or to no anchor
    of its page; at most ``MAX_WARNINGS``, the last counting the rest."""
    every = [d for link in links if (d := _broken(link, anchors)) is not None]
    return counting_the_rest(every[:MAX_WARNINGS], len(every), "more broken links")


def _broken(link: ContentLink, anchors: Anchors) -> Diagnostic | None:
    found = anchors.get(link.target)
    if found is None:
        msg = f"link to {link.target} goes nowhere: no article or concept is made from it"
        hint = (
            "link an article's or concept's .md file by its path from this file"
            " (e.g. ../concepts/growth.md); the link's text is shown without a link"
        )
        return warning(link.span, "link-unresolved", msg, hint)
    name = unquote(link.fragment)
    if name and name not in found.quotes and name not in found.headings:
        msg = f"link to {link.target}#{name}: its page has no such anchor"
        hint = (
            "link one of its quotes by id or one of its headings by name (as on GitHub:"
            " '## Methods and data' is #methods-and-data); the link goes to the page's top"
        )
        return warning(link.span, "link-unresolved", msg, hint)
    return None
