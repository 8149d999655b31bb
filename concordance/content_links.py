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
from urllib.parse import quote, unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import escape

from concordance import headings, wikilinks
from concordance.chips import placeholder
from concordance.diagnostics import Diagnostic, Span, counting_the_rest, warning
from concordance.model import MEDIA_SUFFIXES, ContentLink

FOLDER = "content_folder"
"""``env`` key: the folder of the file being parsed, as its path is shown (``load``)."""
FOUND = "content_links"
"""``env`` key: the ``Found`` links of the body, in order."""
REMOTE = "remote_images"
"""``env`` key: the images of the body on other sites (``Found`` with their address)."""
_SLOT = "content_link"
"""``Token.meta`` key: the number of a link's slot."""
_MD = ".md"
WIKI = "[["
"""What starts the target of a link by name (``wikilinks``), which no file's path does."""
_MEDIA_NAMES = "PNG, JPEG, GIF, WebP and AVIF"
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
    image: bool = False


def enable(md: MarkdownIt) -> None:
    # Last: after raw HTML is read (``<a href>``, ``<img>``, see ``inline_html``).
    md.core.ruler.push("content_links", _to_slots)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("image", _image)


def target_of(folder: str, href: str, image: bool = False) -> tuple[str, str] | None:
    """(file, fragment) a link goes to when it is a relative link to a Markdown file, or an
    image when its address is relative."""
    parts = urlsplit(href)
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or href.startswith("/") or not path:
        return None
    if not image and not path.lower().endswith(_MD):
        return None
    return posixpath.normpath(posixpath.join(folder, path)), parts.fragment


def _to_slots(state: StateCore) -> None:
    folder = state.env.get(FOLDER)
    if not isinstance(folder, str):
        return
    found: list[Found] = []
    remote: list[Found] = []
    # A link to a file has ".md" in its block, or in a reference it uses (``[a][ref]``,
    # with ``[ref]: x.md`` anywhere): most blocks are passed over at C speed.
    references = state.env.get("references") or {}
    anywhere = any(_MD in str(r.get("href", "")).lower() for r in references.values())
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        if not _may_link(token.content, anywhere):
            continue
        lines = range(*token.map) if token.map else range(0, 1)
        for child in token.children:
            name = child.meta.get(wikilinks.NAME) if child.type == "link_open" else None
            if name is not None:
                child.meta[_SLOT] = slot_key(len(found))
                target, _, fragment = name.partition("#")
                found.append(Found(WIKI + target, fragment, f"[[{name}", lines))
                continue
            attr = _ADDRESS.get(child.type)
            address = child.attrGet(attr) if attr else None
            if attr and isinstance(address, str):
                _slot(child, attr, Found(folder, "", address, lines, attr == "src"), found, remote)
    state.env[FOUND] = found
    state.env[REMOTE] = remote


def _may_link(content: str, anywhere: bool) -> bool:
    """Whether a block may hold a link to a file, an image or a link by name: each has a
    ``[`` or a tag (``<img>``, ``<a href>``), and a link to a file a ".md" in its block or
    (``anywhere``) in a reference."""
    if "[" not in content and "<" not in content:
        return False
    if anywhere or "![" in content or "[[" in content:
        return True
    lower = content.lower()
    return _MD in lower or "<img" in lower


def _slot(token: Token, attr: str, link: Found, found: list[Found], remote: list[Found]) -> None:
    """Give ``token`` a slot for its address (``attr``) when it links a content file (its
    folder is ``link.target``), noting the file in ``found``; an image of another site goes
    to ``remote``."""
    target = target_of(link.target, link.written, link.image)
    if target is not None:
        token.meta[_SLOT] = slot_key(len(found), link.image)
        del token.attrs[attr]
        found.append(link._replace(target=target[0], fragment=target[1]))
    elif link.image and urlsplit(link.written).netloc:
        remote.append(link._replace(target=link.written))


_ADDRESS = {"link_open": "href", "image": "src"}
"""The attribute of each kind of token that holds the address."""


def _link_open(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    return _slotted(renderer.renderToken(tokens, idx, options, env), tokens[idx], "<a")


def _image(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    return _slotted(RendererHTML.image(renderer, tokens, idx, options, env), tokens[idx], "<img")


def _slotted(html: str, token: Token, name: str) -> str:
    """The element as rendered, with the slot of its address (when it links a content
    file) after its ``name``: ``<a<!--chips:href:0--> title="...">``."""
    key = token.meta.get(_SLOT)
    return html if key is None else f"{name}{placeholder(key)}{html[len(name) :]}"


def slot_key(number: int, image: bool = False) -> str:
    # A colon: no quote id holds one, so a link's slot is never taken for a quote's chips.
    return f"{'src' if image else 'href'}:{number}"


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
        written = link.written if link.image else ""
        located.append(ContentLink(link.target, link.fragment, span, link.image, written))
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
    file: bool = False
    """An image, published as it is (``page`` is where)."""


Anchors = Mapping[str, Anchored]
"""Each article and concept file -> what a link to it goes to."""


def targets(links: Iterable[ContentLink], anchors: Anchors) -> tuple[str | None, ...]:
    """The page of each link, with its fragment when the page has that anchor, or None."""
    return tuple(_target(link, anchors) for link in links)


def _target(link: ContentLink, anchors: Anchors) -> str | None:
    found = _anchored(link, anchors)
    if found is None or found.file != link.image:
        return None
    anchor = _anchor(link, found)
    return found.page if anchor is None else f"{found.page}#{quote(anchor, safe=':')}"


def _anchored(link: ContentLink, anchors: Anchors) -> Anchored | None:
    """What the link goes to: a file's, or a name's (``wikilinks``)."""
    if not link.target.startswith(WIKI):
        return anchors.get(link.target)
    concept, article = wikilinks.keys(link.target.removeprefix(WIKI))
    return anchors.get(concept) or anchors.get(article)


def _anchor(link: ContentLink, found: Anchored) -> str | None:
    """The id on ``found``'s page that the link's fragment names: a quote's, or a heading's
    by its name or its text (``[[report#Methods and data]]``)."""
    name = unquote(link.fragment)
    if not name:
        return None
    if name in found.quotes:
        return name
    for heading in (name, headings.github_name(name)):
        if heading in found.headings:
            return headings.PREFIX + heading
    return None


def slots(
    links: Sequence[ContentLink], pages: Sequence[str | None], url: Callable[[str], str]
) -> dict[str, str]:
    """The address of each link's slot, by slot key, made with the page's ``url`` from the
    ``targets`` of the ``links``: none for a link to no page (its text stays, as text), the
    address as written for an image of no file (the browser shows its text)."""
    found: dict[str, str] = {}
    for number, (link, page) in enumerate(zip(links, pages, strict=True)):
        if link.image:
            address = link.written if page is None else url(page)
            found[slot_key(number, True)] = f' src="{escape(address)}"'
        else:
            found[slot_key(number)] = "" if page is None else f' href="{escape(url(page))}"'
    return found


def broken(links: Iterable[ContentLink], anchors: Anchors) -> list[Diagnostic]:
    """A warning at each link of one file that goes to no page, or to no anchor
    of its page; at most ``MAX_WARNINGS``, the last counting the rest."""
    every = [d for link in links if (d := _broken(link, anchors)) is not None]
    return counting_the_rest(every[:MAX_WARNINGS], len(every), "more broken links")


def _broken(link: ContentLink, anchors: Anchors) -> Diagnostic | None:
    found = _anchored(link, anchors)
    if link.image:
        return None if found is not None and found.file else _no_image(link)
    if found is None or found.file:
        return _nowhere(link)
    if link.fragment and _anchor(link, found) is None:
        msg = f"link to {_named(link)}#{unquote(link.fragment)}: its page has no such anchor"
        hint = (
            "link one of its quotes by id or one of its headings by name (as on GitHub:"
            " '## Methods and data' is #methods-and-data); the link goes to the page's top"
        )
        return warning(link.span, "link-unresolved", msg, hint)
    return None


def _named(link: ContentLink) -> str:
    """The link's target as the editor knows it."""
    wiki = link.target.startswith(WIKI)
    return f"[[{link.target.removeprefix(WIKI)}]]" if wiki else link.target


def _nowhere(link: ContentLink) -> Diagnostic:
    if link.target.startswith(WIKI):
        msg = f"link {_named(link)} names no concept and no article"
        hint = (
            "write a concept's title or alias, or an article's file name without .md;"
            " the link's text is shown without a link"
        )
    else:
        msg = f"link to {link.target} goes nowhere: no article or concept is made from it"
        hint = (
            "link an article's or concept's .md file by its path from this file"
            " (e.g. ../concepts/growth.md); the link's text is shown without a link"
        )
    return warning(link.span, "link-unresolved", msg, hint)


def _no_image(link: ContentLink) -> Diagnostic:
    """The warning at an image of no file published: none of a kind the site publishes is
    there. The file system is not asked which: the path may lead out of the content folder."""
    name = posixpath.basename(link.target)
    if name.lower().endswith(MEDIA_SUFFIXES):
        msg = f"image {link.target} not found in the content folder"
        hint = "put the image in the content folder and give its path from this file"
    else:
        msg = f"image {name} is not published: only {_MEDIA_NAMES} files are"
        hint = "save it as one of those (an SVG file could run script on the site)"
    return warning(link.span, "image-unresolved", msg, hint)


def remote(links: Iterable[ContentLink]) -> list[Diagnostic]:
    """A warning at each image of another site (``links`` made of the ``REMOTE`` ones), at
    most ``MAX_WARNINGS``: the pages' Content-Security-Policy lets them show images of the
    site alone, so that reading a page tells no other site who reads it."""
    every = [
        warning(
            link.span,
            "image-remote",
            f"image {link.target} is not shown: pages show images of the site only",
            "save the image in the content folder and give its path from this file",
        )
        for link in links
    ]
    return counting_the_rest(every[:MAX_WARNINGS], len(every), "more images not shown")
