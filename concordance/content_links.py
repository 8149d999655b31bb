"""A body's links to other content files and its images, which go where the site puts them.

- ``[the report](2024-01-02-report.md)``, ``[growth](../concepts/growth.md#q-1)``: the page
  made of that file, as GitHub and most editors link Markdown files to each other;
- ``[[new productive forces]]``, ``[[2024-01-02-report|the report]]``: the page of that name
  (``wikilinks``);
- ``![a chart](img/chart.png)``: that image of the content folder, and ``[the full
  text](speech.pdf)`` that file (``media``).

Which page a file or name becomes is known only once every file is read (a concept's page
is named for its title), while a body is parsed alone and cached by its bytes. So parsing
turns each such address into a slot (``chips.placeholder``) and lists what it names
(``Found``), and each page fills its slots as it fills its concept chips (``link_targets``).
An article page's frame keeps what its slots were filled with, so an edit of its body alone
(``delta``) fills them as before.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, Final, NamedTuple
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore

from concordance import casing, wikilinks
from concordance.chips import placeholder
from concordance.diagnostics import Span
from concordance.lazy_patterns import lazy_compile
from concordance.model import PUBLISHED_SUFFIXES, ContentLink
from concordance.token_html import add_render_rule, render_token
from concordance.tokens import Token, ours

FOLDER = "content_folder"
"""``env`` key: the folder of the file being parsed, as its path is shown (``load``)."""
ROOT = "content_root"
"""``env`` key: the content folder, as the path of the file being parsed starts with it: an
address from the site's root (``/media/chart.png``), as Hugo and Jekyll sites write them, is
that file of the content folder."""
FOUND = "content_links"
"""``env`` key: the ``Found`` links of the body, in order."""
REMOTE = "remote_images"
"""``env`` key: the images of the body on other sites (``Found`` with their address)."""
EMBEDDED = "embedded_images"
"""``env`` key: the images of the body embedded in its text (``Found`` with their kind,
``data:image/png``)."""
_REMOTE = "remote_image"
"""``Token.meta`` key of an image of another site: True where it is shown as a link to it,
False as its text alone."""
_SLOT: Final = "content_link"
"""``Token.meta`` key: the key of the slot of a link's or image's address (``slot_key``)."""
_MD = ".md"
_LINKED = (_MD, *PUBLISHED_SUFFIXES)
"""What a link's path ends with when it goes to a content file."""
RELATIVE = "relative:"
"""Before a ``Found`` target: a relative link to no content file (``../concepts/``,
``nothere``), which goes to the page of a folder of the content the site has one for
(``link_targets``), to a page of the site from the page's address (``../index.html``), or
nowhere; alone, one climbing out of the content folder."""
_HTML = (".html", ".htm")
"""A link's path ends with one of these when it goes to an HTML file beside its file
(``notes.html``), which the site never publishes: a content file it has none of."""
_SUFFIX_NAMES = "|".join(suffix.lstrip(".") for suffix in (*_LINKED, *_HTML))
_MAY_LINK = lazy_compile(rf"\.(?:{_SUFFIX_NAMES})(?![A-Za-z0-9])", re.IGNORECASE)
"""Where a block or reference may link a content file: one of ``_LINKED`` ends a name."""


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
    md.core.ruler.push("embedded_images", _unembedded)
    md.core.ruler.push("content_links", _to_slots)
    add_render_rule(md, "link_open", _link_open)
    add_render_rule(md, "image", _image)


def target_of(
    folder: str, href: str, image: bool = False, root: str | None = None
) -> tuple[str, str] | None:
    """(file, fragment) a link goes to when it is a link to a Markdown file or to a file the
    site may publish (``model.PUBLISHED_SUFFIXES``), or an image, by its path from
    ``folder`` or (with ``root``) from the content folder's root (``/media/chart.png``).
    A path climbing out of the content folder (``../../x.png``) names a file outside it,
    which the site has none of: an image or Markdown file's is refused as missing; another
    is read as a relative link to no content file (``_relative``), as it may open a file
    the site writes from the page's address (``../../data/statements.csv``)."""
    if _on_the_web(href):  # most links: no need to split them to see their scheme
        return None
    parts = urlsplit(href)
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or href.startswith("//") or not path:
        return None
    if not image and not casing.lower(path).endswith(_LINKED) and not _beside(path):
        return _relative(folder, path, root, parts.fragment)
    outside = (
        None if image or casing.lower(path).endswith(_MD) else _relative(folder, path, root, "")
    )
    if outside is not None and outside[0] == RELATIVE:  # may be a file the site writes
        return RELATIVE, parts.fragment  # (../../data/statements.csv), from the page's address
    if not path.startswith("/"):
        return posixpath.normpath(posixpath.join(folder, path)), parts.fragment
    return None if root is None else (_from_root(root, path), parts.fragment)


def _on_the_web(href: str) -> bool:
    """Whether ``href`` is an address of http(s) that ``urlsplit`` splits with its scheme:
    one with brackets (a host of IPv6) or a character past ASCII (a host of another script)
    may be refused there, as it is."""
    return href.startswith(_WEB) and href.isascii() and "[" not in href and "]" not in href


_WEB: Final = ("https://", "http://")


def _relative(folder: str, path: str, root: str | None, fragment: str) -> tuple[str, str] | None:
    """A relative link to no content file, by its path from ``folder``, as written relative
    to the file (``../concepts/``, ``./``, ``../index.html``), as GitHub reads it; None for
    one from the root. One climbing out of the content folder ``root`` (``../../``) names
    none of its files: its target is ``RELATIVE`` alone (from the page's address it may be
    a page of the site, which ``link_targets`` looks for)."""
    if root is None or path.startswith("/"):
        return None
    target = posixpath.normpath(posixpath.join(folder, path))
    if not _under(target, posixpath.normpath(root)):
        return RELATIVE, fragment
    return RELATIVE + target, fragment


def _under(target: str, root: str) -> bool:
    """Whether ``target`` is ``root`` or inside it, both normalized paths. The content folder
    given as ``--content .`` has paths without it (``articles/report.pdf``): every relative
    link to a published file was read as climbing out of it."""
    if root == ".":
        return target != ".." and not target.startswith(("../", "/"))
    return target == root or target.startswith(root.rstrip("/") + "/")


def _beside(path: str) -> bool:
    """Whether ``path`` is a relative link to an HTML file in the folder of the file that
    links it or below (``notes.html``, ``files/report.htm``): the page made of the file is
    the only file of its folder (``articles/<slug>/index.html``, which ``index.html`` names),
    so such a link goes nowhere. One with ``..`` is read as other relative links are
    (``_relative``): from the page's address it may name a page of the site
    (``../index.html``, the list of articles)."""
    if path.startswith("/") or not casing.lower(path).endswith(_HTML):
        return False
    parts = path.split("/")
    return ".." not in parts and posixpath.normpath(path) != "index.html"


def _from_root(root: str, path: str) -> str:
    """The file ``path`` (``/media/chart.png``) names in the content folder ``root``. One
    climbing above the root (``/../content/x.png``) is refused even where it would come back
    in: a browser reads it as ``/content/x.png``, so it is kept as written, a path no file of
    the content folder has (the folder's files are keyed by ``root`` and a path under it)."""
    inside = posixpath.normpath(path.lstrip("/"))
    if inside == ".." or inside.startswith("../"):
        return path
    return posixpath.normpath(posixpath.join(root, inside))


def _to_slots(state: StateCore) -> None:
    folder, root = state.env.get(FOLDER), state.env.get(ROOT)
    if not isinstance(folder, str):
        return
    place = _Place(folder, root if isinstance(root, str) else None)
    found: list[Found] = []
    remote: list[Found] = []
    # A link has "](" in its block, or uses a reference (``[a][ref]``, with ``[ref]: x.md``
    # anywhere): most blocks without one are passed over at C speed.
    references = state.env.get("references") or {}
    anywhere = bool(references)
    for token in ours(state.tokens):
        children = token.children if token.type == "inline" else None  # each field read once
        if not children or not _may_link(token.content, anywhere):
            continue
        lines = range(*token.map) if token.map else range(0, 1)
        links = 0  # open: an image of another site inside one is shown as its text alone
        for child in children:
            kind = child.type  # read once: a token's field read from C is some 160 instructions
            if kind not in _LINKING:  # most: text
                continue
            links += child.nesting if kind != "image" else 0
            name = child.meta.get(wikilinks.NAME) if kind == "link_open" else None
            if name is not None:
                child.meta[_SLOT] = slot_key(len(found))
                target, _, fragment = name.partition("#")
                found.append(Found(wikilinks.PREFIX + target, fragment, f"[[{name}", lines))
                continue
            attr = _ADDRESS.get(kind)
            address = child.attrGet(attr) if attr else None
            if not attr or not isinstance(address, str):
                continue
            if _slot(child, attr, place, address, lines, found, remote):
                child.meta[_REMOTE] = not links  # a link of its own where in none
    state.env[FOUND] = found
    state.env[REMOTE] = remote


_EMBEDDED = re.compile(r"data:image/[\w.+-]+[;,]", re.IGNORECASE)
"""The start of an image's address that holds the image itself, as Google Docs' Markdown
(``[image1]: <data:image/png;base64,...>``) and editors that paste images into the text
write them."""


def is_embedded(address: str) -> bool:
    """Whether ``address`` is an image embedded in the text (``_EMBEDDED``)."""
    return _EMBEDDED.match(address) is not None


def _unembedded(state: StateCore) -> None:
    """Each image embedded in the text is shown as its text, as one of no address is: the
    pages' Content-Security-Policy would not load it, and its address is the image's bytes
    (a link to one, which browsers refuse to open, keeps its text without a link). Each is
    noted (``EMBEDDED``) for a warning."""
    embedded: list[Found] = []
    # In a block's own text, or in a reference it may use (``![][image1]``).
    references = state.env.get("references") or {}
    anywhere = any(is_embedded(str(r.get("href", ""))) for r in references.values())
    for token in ours(state.tokens):
        if token.type != "inline" or not token.children:
            continue
        if not anywhere and not _may_embed(token.content):
            continue
        lines = range(*token.map) if token.map else range(0, 1)
        for child in token.children:
            attr = _ADDRESS.get(child.type)
            address = child.attrGet(attr) if attr else None
            if attr and isinstance(address, str) and is_embedded(address):
                del child.attrs[attr]
                kind = address.split(";", 1)[0].split(",", 1)[0]
                embedded.append(Found(kind, "", address, lines, child.type == "image"))
    state.env[EMBEDDED] = embedded


def _may_embed(content: str) -> bool:
    """Whether a block may hold an image embedded in the text: markdown-it reads an address
    as written but for its escapes and character references, so ``data\\:image/...`` and
    ``&#100;ata:image/...`` are embedded images too, which the text's ``data:`` would miss.
    The ``:`` after ``data`` is written, or escaped (``data\\:``), or a reference (``&``):
    only a block with one is put in lower case to look for ``data`` (a block in four)."""
    return "&" in content or (":" in content and "data" in casing.lower(content))


def _may_link(content: str, anywhere: bool) -> bool:
    """Whether a block may hold a link to a file, an image or a link by name: each has a
    ``[`` or a tag (``<img>``, ``<a href>``), and a link to a file the name of one in its
    block or (``anywhere``) in a reference."""
    if "[" not in content and "<" not in content:
        return False
    if anywhere or "![" in content or "[[" in content:
        return True
    if "](" in content or "][" in content:  # a relative link may go to a folder's page
        return True
    lower = casing.lower(content)
    return "<img" in lower or "<a" in lower or _MAY_LINK.search(content) is not None


class _Place(NamedTuple):
    """The folder of the file being parsed and the content folder (see ``target_of``)."""

    folder: str
    root: str | None


def _slot(
    token: Token,
    attr: str,
    place: _Place,
    address: str,
    lines: range,
    found: list[Found],
    remote: list[Found],
) -> bool:
    """Give ``token`` a slot for its ``address`` (its attribute ``attr``) when it links a
    content file, noting the file in ``found``; an image of another site goes to ``remote``
    (and True is returned)."""
    image = attr == "src"
    target = target_of(place.folder, address, image, place.root)
    if target is not None:
        token.meta[_SLOT] = slot_key(len(found), image)
        del token.attrs[attr]
        found.append(Found(*target, address, lines, image))
    elif image and urlsplit(address).netloc:
        remote.append(Found(address, "", address, lines, image))
        return True
    return False


_ADDRESS: Final = {"link_open": "href", "image": "src"}
"""The attribute of each kind of token that holds the address. ``Final``, as ``_LINKING``:
compiled, read from its static at each token, not from a dict of the module's names."""
_LINKING: Final = frozenset({*_ADDRESS, "link_close"})
"""The kinds of token ``_to_slots`` looks at: those of ``_ADDRESS``, and a link's end."""


def _link_open(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    # ``renderer.renderToken``, which ``markdown.extend`` makes ``render_token``: called at once
    return _slotted(render_token(renderer, tokens, idx, options, env), tokens[idx], "<a")


def _image(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    token = tokens[idx]
    text = shown_text(token)
    if text is None:
        image = RendererHTML.image(renderer, tokens, idx, options, env)  # type: ignore[arg-type]
        return _slotted(image, token, "<img")
    return in_place(token, escapeHtml(text))


def shown_text(image: Token) -> str | None:
    """The text an image token shows in its place, or None where the image itself is shown:
    an image of another site, which the pages' Content-Security-Policy would block, is its
    text (or title: a sponsor's logo has one), and so is an image of no address
    (``![chart]()``). A quote is compared with that text as with any other of the page."""
    if image.meta.get(_REMOTE) is None and (image.attrGet("src") or _SLOT in image.meta):
        return None
    alt = _alt_text(image.children or [])
    return alt or str(image.attrGet("title") or "").strip() or "image"


def in_place(image: Token, html: str) -> str:
    """``html``, an image's ``shown_text`` rendered, as the page shows it: as a link to the
    image where it is in no link (a README's badge is in one), so that a reader may open it."""
    if not image.meta.get(_REMOTE):
        return html
    return f'<a href="{escapeHtml(str(image.attrGet("src")))}">{html}</a>'


def _alt_text(children: Sequence[Token]) -> str:
    """An image's text, its markup left out, as CommonMark has it for ``alt``
    (``RendererHTML.renderInlineAsText``)."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(_alt_text(child.children or []))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def _slotted(html: str, token: Token, name: str) -> str:
    """The element as rendered, with the slot of its address (when it links a content
    file) after its ``name``: ``<a<!--chips:href:0--> title="...">``."""
    key = token.meta.get(_SLOT)
    return html if key is None else f"{name}{placeholder(key)}{html[len(name) :]}"


def slot_key(number: int, image: bool = False) -> str:
    # A colon: no quote id holds one, so a link's slot is never taken for a quote's chips.
    return f"{'src' if image else 'href'}:{number}"


def located(
    path: str, body_line: int, body: str, found: Sequence[Found]
) -> tuple[ContentLink, ...]:
    """The links of a file's body, each at its address in the file (``body_line`` is the
    file's line of the body's first)."""
    if not found:  # most bodies, for three of the four kinds: its lines are not cut up
        return ()
    lines = body.split("\n")
    located: list[ContentLink] = []
    after = (0, 0)  # where the last address was found: the next is searched from there
    definitions = _Definitions(lines)
    missed: set[tuple[tuple[str, ...], range]] = set()  # not in the block from ``after`` on
    ends = [0, *accumulate(len(line) + 1 for line in lines)]  # of each line, in the body
    budget = MAX_READ_IN_VAIN
    for link in found:
        forms, block = _written(link), link.lines
        first = max(block.start, after[0])
        if budget <= 0:  # past it, an address is looked for near the last one only
            block = range(first, min(block.stop, first + _NEAR))
        missing = (forms, link.lines) in missed
        reach = None if budget > 0 else _NEAR_CHARACTERS
        row, column, end = (-1, -1, -1)
        if not missing:
            (row, column, end), misses = _searched(lines, block, link, forms, after, reach)
            # Each search that missed read to the block's end: counted against ``budget``.
            top = min(block.stop, len(lines))
            budget -= misses * (ends[top] - ends[min(first, top)]) if block is link.lines else 0
        if row >= 0:
            column, end = _as_address(lines[row], (column, end), forms, reach)
            after = (row, end)
            if not _opens_address(lines[row], column):  # a link's text: by reference?
                row, column = definitions.of(forms, (row, column))
        else:  # by reference ([a][ref]): at its definition; written with entities: the block
            if block is link.lines and not missing:  # read to its end: after it, no more
                missed.add((forms, block))
            row, column = definitions.of(forms, (link.lines.start, 0))
        span = Span(path, body_line + row, column + 1)
        located.append(ContentLink(link.target, link.fragment, span, link.image, link.written))
    return tuple(located)


def _searched(
    lines: list[str],
    block: range,
    link: Found,
    forms: tuple[str, ...],
    after: tuple[int, int],
    reach: int | None,
) -> tuple[tuple[int, int, int], int]:
    """``find_address`` of ``link``, then, where it misses, ``_find_loosely`` of an address
    the source may write otherwise: the place found, and how many of the searches missed."""
    place = find_address(lines, block, forms, after, reach)
    if place[0] >= 0:
        return place, 0
    loose = _loosely(link.written)
    if loose is None:
        return place, 1
    place = _find_loosely(lines, block, loose, after, reach)
    return place, 1 if place[0] >= 0 else 2


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(slots=True, eq=False, repr=False)
class _Definitions:
    """The link reference definitions of a body's ``lines``, read at the first link by
    reference (``_definitions``)."""

    lines: list[str]
    read: dict[str, tuple[int, int]] | None = None

    def of(self, forms: tuple[str, ...], default: tuple[int, int]) -> tuple[int, int]:
        """(line, column) of the definition of the first of ``forms`` defined, or ``default``."""
        if self.read is None:
            self.read = _definitions(self.lines)
        return next((self.read[w] for w in forms if w in self.read), default)


MAX_READ_IN_VAIN = 10_000_000
"""Characters of a body read in vain for links' addresses (``located``), past which each is
looked for only near the last one found (``_NEAR`` lines, ``_NEAR_CHARACTERS`` of each): one
by reference is not in its block, and 10,000 such links in a paragraph of 10,000 lines, each
read through the lines after the last address found, took 30 s to build."""
_NEAR = 8
_NEAR_CHARACTERS = 1_000

_DEFINITION = lazy_compile(
    r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?\[(?:[^\]\\]|\\.)+\]:[ \t]*(?:<([^>\n]*)>|(\S+))"
)
"""A line of a link reference definition (``[ref]: ./x.md``, in a block quote or starting a
list item too): the address is the first or second group."""


def _definitions(lines: list[str]) -> dict[str, tuple[int, int]]:
    """(line, column) of the address of each link reference definition of ``lines``, the
    first of each address: where a link by reference has its address written."""
    found: dict[str, tuple[int, int]] = {}
    for row, line in enumerate(lines):
        if "]:" in line and (match := _DEFINITION.match(line)):
            group = 1 if match.group(1) is not None else 2
            found.setdefault(match.group(group), (row, match.start(group)))
    return found


def _written(link: Found) -> tuple[str, ...]:
    """How a link's address may stand in the source: as normalized, or as typed."""
    return tuple(dict.fromkeys((link.written, unquote(link.written))))


def find_address(
    lines: list[str],
    block: range,
    written: Iterable[str],
    after: tuple[int, int] = (0, 0),
    reach: int | None = None,
) -> tuple[int, int, int]:
    """(line, column, end column) of the first of ``written`` found in the ``block`` of
    ``lines``, not before ``after``; all -1 when none is. Links come in order, so each is
    searched from the last one's end: a line of thousands of links is read once, not once
    per link. Each line is searched for every form, the first found counting: a link typed
    ``a\u202eb.pdf`` was found where the next one, typed ``a%E2%80%AEb.pdf``, stands.
    ``reach``: characters of each line read at most, from where the search starts in it."""
    forms = tuple(written)
    for row in range(max(block.start, after[0]), min(block.stop, len(lines))):
        start = after[1] if row == after[0] else 0
        stop = len(lines[row]) if reach is None else start + reach
        found = [(c, c + len(t)) for t in forms if (c := lines[row].find(t, start, stop)) >= 0]
        if found:
            column, end = min(found)
            return row, column, end
    return -1, -1, -1


_OPENS_ADDRESS = frozenset("(<\"'=:")
"""What an address follows (spaces aside): a link's ``(`` or ``<``, an attribute's ``=`` or
quote, a definition's ``:``."""


def _as_address(
    line: str, first: tuple[int, int], forms: tuple[str, ...], reach: int | None
) -> tuple[int, int]:
    """``first`` (column, end), or the next place of ``forms`` in ``line`` when it stands as
    an address and ``first`` does not: ``[docs/a.md](docs/a.md)`` names its address in its
    text first, which is not where a reader fixes it. One place more is read, not the rest
    of the line: a line of links by reference has no address to find."""
    if _opens_address(line, first[0]):
        return first
    stop = len(line) if reach is None else first[0] + reach
    later = [(c, c + len(t)) for t in forms if (c := line.find(t, first[0] + 1, stop)) >= 0]
    return min(later) if later and _opens_address(line, min(later)[0]) else first


def _opens_address(line: str, column: int) -> bool:
    """Whether what stands before ``column`` of ``line``, spaces aside, opens an address."""
    at = column - 1
    while at >= 0 and line[at] in " \t":
        at -= 1
    return at < 0 or line[at] in _OPENS_ADDRESS


_ENCODED = lazy_compile(r"(?:%[0-9A-Fa-f]{2})+|&")
"""What of an address as the page writes it may stand otherwise in the source: a run of
percent-encoded bytes (a space, an emoji typed as itself) or an ``&`` (``&amp;`` in HTML)."""


_LOOSE_LONGEST = 2_000
"""The longest address looked for as the source may write it (``_loosely``): its pattern
is compiled for each link, in time that grows with it, and 60 addresses of 16,000 ``&``
took 38 s to build. A longer one is located at its block, as one not found."""


def _loosely(written: str) -> re.Pattern[str] | None:
    """A pattern of the ways the source may write ``written``, an address the page
    percent-encodes (``🤗%20x`` is written ``%F0%9F%A4%97%20x``, an HTML image's
    ``a=1&amp;b=2`` is ``a=1&b=2``), or None where it holds nothing encoded."""
    if len(written) > _LOOSE_LONGEST or ("%" not in written and "&" not in written):
        return None
    parts, at = [], 0
    for match in _ENCODED.finditer(written):
        parts += [re.escape(written[at : match.start()]), _either(match.group())]
        at = match.end()
    return re.compile("".join([*parts, re.escape(written[at:])]))


def _either(encoded: str) -> str:
    """A pattern of ``encoded`` as written or decoded, character by character."""
    if encoded == "&":
        return "(?:&amp;|&#0*38;|&)"
    try:
        decoded = bytes.fromhex(encoded.replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:  # no character's bytes: as written only
        return _any_case(encoded)
    return "".join(f"(?:{_any_case(_percent(char))}|{re.escape(char)})" for char in decoded)


def _percent(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


def _any_case(encoded: str) -> str:
    """A pattern of percent-encoded bytes in either case of their hex digits."""
    return "".join(f"[{c}{casing.lower(c)}]" if c.isalpha() else re.escape(c) for c in encoded)


def _find_loosely(
    lines: list[str],
    block: range,
    pattern: re.Pattern[str],
    after: tuple[int, int],
    reach: int | None,
) -> tuple[int, int, int]:
    """``find_address`` of an address the source may write as ``pattern`` has it."""
    for row in range(max(block.start, after[0]), min(block.stop, len(lines))):
        start = after[1] if row == after[0] else 0
        stop = len(lines[row]) if reach is None else start + reach
        if match := pattern.search(lines[row], start, stop):
            return row, match.start(), match.end()
    return -1, -1, -1
