"""Where a body's links to files and names and its images go, once every file is read: the
page (with its anchor), image or other published file of each, the values of the slots that
``content_links`` left in the body, and the warnings for those that go nowhere. What names
nothing keeps its text without a link (an ``a`` without ``href``), and an image its address
as written."""

from __future__ import annotations

import os
import posixpath
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from typing import NamedTuple
from urllib.parse import quote, unquote, urlsplit

from markupsafe import escape

from concordance import headings, wikilinks
from concordance.content_links import RELATIVE, slot_key
from concordance.diagnostics import Diagnostic, counting_the_rest, warning
from concordance.model import LEFT_OUT, MEDIA_SUFFIXES, UNPUBLISHED_NAME, ContentLink

MAX_WARNINGS = 20
"""``link-unresolved`` and ``image-unresolved`` warnings of one file; the last counts the
rest (and as many ``image-remote`` of one body)."""
_MEDIA_NAMES = "PNG, JPEG, GIF, WebP and AVIF"


class Anchored(NamedTuple):
    """The page a content file becomes, and the anchors a link to it may name."""

    page: str
    quotes: frozenset[str]
    """The ids of the quotes found on it."""
    headings: frozenset[str]
    """The names of its body's headings, as written in links (``headings``)."""
    file: bool = False
    """A file published as it is, an image or another (``page`` is where)."""
    source: str = ""
    """Such a file's path as the file system names it (``file_key`` is the key)."""


def file_key(path: str) -> str:
    """The key a content file is linked by: its path in composed Unicode (NFC), as editors
    type it, whichever form the file system holds (macOS writes names decomposed)."""
    return path if path.isascii() else unicodedata.normalize("NFC", path)


Anchors = Mapping[str, Anchored]
"""Each article and concept file, each name (``wikilinks.keys``), each file the site may
publish and each folder of the content it has a page for (``folder_key``) -> what a link to
it goes to (``index.SiteIndex.anchors``)."""


def folder_key(path: str) -> str:
    """The key of a folder of the content (``content/concepts``) the site has a page for
    (the list of concepts): what a relative link to it (``../concepts/``) is looked up by."""
    return file_key(RELATIVE + posixpath.normpath(path))


def targets(links: Iterable[ContentLink], anchors: Anchors) -> tuple[str | None, ...]:
    """The page of each link, with its fragment when the page has that anchor, or None."""
    return tuple(_target(link, anchors) for link in links)


def published(link: ContentLink, anchors: Anchors) -> Anchored | None:
    """The file of the content folder that ``link`` shows or links, which the site
    publishes; None if it goes to none (or to a page)."""
    found = anchors.get(file_key(link.target))
    return found if found is not None and found.file and _fits(link, found) else None


def _target(link: ContentLink, anchors: Anchors) -> str | None:
    found = _anchored(link, anchors)
    if found is None or not _fits(link, found):
        return None
    if link.target.startswith(RELATIVE):  # a folder's page: its query and fragment kept
        query = urlsplit(link.written).query
        after = (f"?{query}" if query else "") + (f"#{link.fragment}" if link.fragment else "")
        return found.page + after
    if found.file:  # a PDF's "#page=2" is for its reader: kept as written
        return f"{found.page}#{link.fragment}" if link.fragment else found.page
    anchor = _anchor(link, found)
    return found.page if anchor is None else f"{found.page}#{quote(anchor, safe=':')}"


def _fits(link: ContentLink, found: Anchored) -> bool:
    """Whether a link may go where ``found`` is: an image only to an image file; a link to a
    page or to any file."""
    return not link.image or (found.file and link.target.lower().endswith(MEDIA_SUFFIXES))


def _anchored(link: ContentLink, anchors: Anchors) -> Anchored | None:
    """What the link goes to: a file's, or a name's (``wikilinks``)."""
    if not link.target.startswith(wikilinks.PREFIX):
        return anchors.get(file_key(link.target))
    concept, article = wikilinks.keys(link.target.removeprefix(wikilinks.PREFIX))
    return anchors.get(concept) or anchors.get(article)


def _anchor(link: ContentLink, found: Anchored) -> str | None:
    """The id on ``found``'s page that the link's fragment names: a quote's, or a heading's
    by its name or its text (``[[report#Methods and data]]``)."""
    name = unquote(link.fragment)
    if not name:
        return None
    if name in found.quotes:
        return name
    heading = headings.named(name, found.headings)
    return None if heading is None else headings.PREFIX + heading


def slots(
    links: Sequence[ContentLink], pages: Sequence[str | None], url: Callable[[str], str]
) -> dict[str, str]:
    """The address of each link's slot, by slot key, made with the page's ``url`` from the
    ``targets`` of the ``links``: none for a link to no page (its text stays, as text), the
    address as written for an image of no file (the browser shows its text) and for a
    relative link to no content file and no folder's page (``RELATIVE``)."""
    found: dict[str, str] = {}
    for number, (link, page) in enumerate(zip(links, pages, strict=True)):
        if link.image:
            address = _as_written(link.written, url) if page is None else url(page)
            found[slot_key(number, True)] = f' src="{escape(address)}"'
        elif link.target.startswith(RELATIVE):
            found[slot_key(number)] = f' href="{escape(_relative_address(link, page, url))}"'
        else:
            found[slot_key(number)] = "" if page is None else f' href="{escape(url(page))}"'
    return found


def _relative_address(link: ContentLink, page: str | None, url: Callable[[str], str]) -> str:
    """A relative link's address: its folder's page, its query as written (``url`` would
    encode its ``?``), or the address as written where it goes to none."""
    if page is None:
        return link.written
    path, mark, query = page.partition("?")
    return url(path) + mark + query


def _as_written(address: str, url: Callable[[str], str]) -> str:
    """An image of no file keeps its address as written; one from the content folder's root
    (``/media/gone.png``) starts from the site's root, as its file's would: from the host's,
    under a base path, it would load from another site."""
    if address.startswith("/") and not address.startswith("//"):
        return url("") + posixpath.normpath(address).lstrip("/")  # no climbing out: /../x
    return address


class Site(NamedTuple):
    """Where a body's links are read from: what links go to by file and name, and what a
    relative link written from its page's address (``../index.html``) may open."""

    anchors: Anchors
    pages: Callable[[], Set[str]]
    """Every page and file the site writes, by its path from the site's root (``""``,
    ``articles/``, ``feed.xml``, not percent-encoded); asked only of a relative link that
    goes to no content file or folder."""


def broken(links: Iterable[ContentLink], site: Site, page: str) -> list[Diagnostic]:
    """A warning at each link of one file, shown on ``page``, that goes to no page or to no
    anchor of its page, and at each image of no file; at most ``MAX_WARNINGS``, the last
    counting the rest."""
    every = [d for link in links if (d := _broken(link, site, page)) is not None]
    return counting_the_rest(every[:MAX_WARNINGS], len(every), "more broken links")


def _broken(link: ContentLink, site: Site, page: str) -> Diagnostic | None:
    anchors = site.anchors
    found = _anchored(link, anchors)
    if (found is None or not _fits(link, found)) and (cut := _cut(link, anchors)):
        return cut
    if link.image:
        return None if found is not None and _fits(link, found) else _no_image(link)
    if found is None and link.target.startswith(RELATIVE):
        return None if _on_site(_written_path(link), page, site.pages()) else _no_page(link)
    if found is None:
        return _nowhere(link)
    relative = link.target.startswith(RELATIVE)  # a folder's page: its fragment as written
    if link.fragment and not found.file and not relative and _anchor(link, found) is None:
        msg = f"link to {_named(link)}#{unquote(link.fragment)}: its page has no such anchor"
        hint = (
            "link one of its quotes by id, one of its headings by name (as on GitHub:"
            " '## Methods and data' is #methods-and-data) or a place named in its HTML"
            """ (<a id="...">); the link goes to the page's top"""
        )
        return warning(link.span, "link-unresolved", msg, hint)
    return None


def _cut(link: ContentLink, anchors: Anchors) -> Diagnostic | None:
    """The warning at a link or image to a file whose name holds a ``#`` or ``?`` written as
    it is (``![chart](<img a#.png>)``): an address ends its path there, so it named another
    file (``img a``), and the warning said that one was missing or not published."""
    if link.target.startswith(wikilinks.PREFIX):
        return None
    parts = urlsplit(link.written)
    query = f"?{unquote(parts.query)}" if "?" in link.written else ""
    fragment = f"#{unquote(parts.fragment)}" if "#" in link.written else ""
    name = link.target.removeprefix(RELATIVE) + query + fragment
    if not query + fragment or not (found := anchors.get(file_key(name))) or not found.file:
        return None
    code = "image-unresolved" if link.image else "link-unresolved"
    what = "image" if link.image else "link to"
    shown = unquote(link.written)
    cut = posixpath.basename(link.target)
    msg = (
        f"{what} {shown} is read as {cut or 'its folder'}: in an address '#' and '?' end"
        f" the file's name (the file {posixpath.basename(name)} is there)"
    )
    encoded = quote(posixpath.basename(name), safe="")
    hint = f"write '#' as %23 and '?' as %3F in the address, as in ({encoded})"
    return warning(link.span, code, msg, hint)


def _named(link: ContentLink) -> str:
    """The link's target as the editor wrote it (not the path it was read as: one climbing
    out of the content folder would name a folder of the machine that builds)."""
    if link.target.startswith(wikilinks.PREFIX):
        return f"[[{link.target.removeprefix(wikilinks.PREFIX)}]]"
    return unquote(link.written.partition("#")[0])


def _written_path(link: ContentLink) -> str:
    """The path of the link's address as written, without its query and fragment."""
    return unquote(link.written.partition("#")[0].partition("?")[0])


def _draft(link: ContentLink, what: str) -> Diagnostic | None:
    """The warning at a link whose path as written names a file or folder the build leaves
    out, as it leaves out drafts (``_drafts/speech.pdf``, ``.img/chart.png``): it said 'no
    such file' of a file that is there."""
    path = _written_path(link)
    parts = [p for p in path.split("/") if p.startswith(LEFT_OUT) and p not in (".", "..")]
    if link.target.startswith(wikilinks.PREFIX) or not parts:
        return None
    code = "image-unresolved" if link.image else "link-unresolved"
    msg = (
        f"{what} {_named(link)} is not published: '{parts[0]}' starts with '{parts[0][0]}',"
        " and the build leaves out files and folders so named (drafts)"
    )
    hint = f"rename '{parts[0]}' without its first '{parts[0][0]}' to publish what it holds"
    return warning(link.span, code, msg, hint)


def _nowhere(link: ContentLink) -> Diagnostic:
    if draft := _draft(link, "link to"):
        return draft
    if link.target.startswith(wikilinks.PREFIX):
        msg = f"link {_named(link)} names no concept and no article"
        hint = (
            "write a concept's title or alias, or an article's file name without .md;"
            " the link's text is shown without a link"
        )
    elif link.target.lower().endswith(".md"):
        msg = f"link to {_named(link)} goes nowhere: no article or concept is made from it"
        hint = (
            "link an article's or concept's .md file by its path from this file"
            " (e.g. ../concepts/growth.md); the link's text is shown without a link"
        )
    elif link.target.lower().endswith((".html", ".htm")):
        msg = (
            f"link to {_named(link)} goes nowhere: the site publishes no HTML file of the"
            " content folder"
        )
        hint = (
            "write the page as an article (.md) and link its .md file, save it as a PDF"
            " beside this file and link that, or link the address where it is published"
            " (https://...); the link's text is shown without a link"
        )
    elif "\\" in link.target:
        msg = f"link to {_named(link)} goes nowhere: a name with a backslash is not published"
        hint = _BACKSLASH
    elif control := UNPUBLISHED_NAME.search(link.target):
        msg = f"link to {_named(link)} goes nowhere: {_control(control[0])}"
        hint = _CONTROL
    else:
        msg = f"link to {_named(link)} goes nowhere: no such file in the content folder"
        hint = (
            "put the file in the content folder and give its path from this file, or from"
            " the content folder's root after a slash (/docs/x.pdf); the link's text is"
            " shown without a link"
        )
    return warning(link.span, "link-unresolved", msg, hint)


_INDEX = "index.html"


def _on_site(path: str, page: str, pages: Set[str]) -> bool:
    """Whether ``path``, a relative link's path as written (not percent-encoded), opens a
    page or file the site writes when read from the address of ``page`` (``articles/a/``),
    as a browser reads it: ``../index.html`` (the list of articles), ``../../feed.xml``. A
    folder's page is opened with or without its last ``/`` (a static host adds it); the
    templates' files (``static/``) are not known here, and are taken as there."""
    where = posixpath.normpath(posixpath.join(page, path))
    if where == ".." or where.startswith(("../", "/")):
        return False  # above the site's root: under a base path, another site's
    folder = path.endswith("/") or posixpath.basename(path) in (".", "..")
    where = file_key("" if where == "." else where)
    if where == _INDEX or where.endswith("/" + _INDEX):
        return where.removesuffix(_INDEX) in pages
    if not folder and (where in pages or where.startswith("static/")):
        return True
    return (where + "/" if where else where) in pages


def _no_page(link: ContentLink) -> Diagnostic:
    """The warning at a relative link that goes to no page: no content file or folder with
    a page from its file, as GitHub reads it, and no page of the site from its page's address
    (``_on_site``), a folder deeper than its file. The file system is asked only of a link
    whose path stays inside the content folder (its target is more than ``RELATIVE``,
    ``content_links``), to tell what is there."""
    if draft := _draft(link, "link to"):
        return draft
    inside = link.target.removeprefix(RELATIVE)
    named = _named(link)
    if not inside:
        msg = f"link to {named} goes nowhere: it climbs out of the content folder"
    elif os.path.isdir(inside):
        msg = f"link to {named} goes nowhere: the site has no page for the folder {inside}"
    elif os.path.lexists(inside):
        msg = f"link to {named} goes nowhere: the site does not publish the file {inside}"
    else:
        msg = f"link to {named} goes nowhere: no such file or folder in the content folder"
    hint = (
        "give the path of a content file or folder with a page from this file, as GitHub"
        " reads it (../concepts/ is the list of concepts, ../concepts/growth.md a concept's"
        " page, docs/speech.pdf a published file), or a full address (https://...); the"
        " link is left as written"
    )
    return warning(link.span, "link-unresolved", msg, hint)


_BACKSLASH = (
    "rename the file without it (Windows reads a backslash as a folder's separator, and the"
    " site is written as folders of files)"
)


_CONTROL = (
    "rename the file without it (a line break or a character that turns text around, in a"
    " file's name, splits or reverses each list of the site's files that shows it)"
)


def _control(char: str) -> str:
    return f"a name with the control character U+{ord(char):04X} is not published"


def _no_image(link: ContentLink) -> Diagnostic:
    """The warning at an image of no file published: none of a kind the site publishes is
    there. The file system is not asked which: the path may lead out of the content folder."""
    name = posixpath.basename(link.target)
    if draft := _draft(link, "image"):
        return draft
    if "\\" in link.target:
        msg = f"image {_named(link)} is not published: its name holds a backslash"
        hint = _BACKSLASH
    elif control := UNPUBLISHED_NAME.search(link.target):
        msg = f"image {_named(link)} is not published: {_control(control[0])}"
        hint = _CONTROL
    elif name.lower().endswith(MEDIA_SUFFIXES):
        msg = f"image {_named(link)} not found in the content folder"
        hint = (
            "put the image in the content folder and give its path from this file, or from"
            " the content folder's root after a slash (/media/chart.png)"
        )
    else:
        msg = f"image {name} is not published: only {_MEDIA_NAMES} files are"
        hint = "save it as one of those (an SVG file could run script on the site)"
    return warning(link.span, "image-unresolved", msg, hint)


def remote(links: Iterable[ContentLink]) -> list[Diagnostic]:
    """A warning at each image of another site (``links`` made of the ``REMOTE`` ones), at
    most ``MAX_WARNINGS``: the pages' Content-Security-Policy lets them show images of the
    site alone, so that reading a page tells no other site who reads it, and such an image
    is shown as a link to it (``content_links``)."""
    return _each(
        links,
        "image-remote",
        lambda link: (
            f"image {link.target} is shown as a link to it: pages show images of the site only"
        ),
        "save the image in the content folder and give its path from this file",
        "more images not shown",
    )


def embedded(links: Iterable[ContentLink]) -> list[Diagnostic]:
    """A warning at each image embedded in a body's text (``links`` made of the ``EMBEDDED``
    ones, their ``target`` the kind: ``data:image/png``), at most ``MAX_WARNINGS``: it is
    shown as its text (``content_links``)."""
    return _each(
        links,
        "image-embedded",
        lambda link: (
            f"image embedded in the text ({link.target}) is shown as its text: pages show"
            " images of the site's files only"
        ),
        "save the image as a file in the content folder and give its path from this file",
        "more images not shown",
    )


def unnamed(links: Iterable[ContentLink]) -> list[Diagnostic]:
    """A warning at each link of a body to a ``#name`` its own page has no anchor of
    (``links`` made of ``headings.NOWHERE``), at most ``MAX_WARNINGS``."""
    return _each(
        links,
        "link-unresolved",
        lambda link: (
            f"link to #{unquote(link.fragment)} goes nowhere: this page has no"
            " heading, quote or place of that name"
        ),
        "name a heading as GitHub does ('## Methods and data' is #methods-and-data), a"
        ' quote by its id, or a place named in HTML (<a id="...">)',
        "more broken links",
    )


def _each(
    links: Iterable[ContentLink],
    code: str,
    message: Callable[[ContentLink], str],
    hint: str,
    rest: str,
) -> list[Diagnostic]:
    """A warning of ``code`` at each of ``links``, at most ``MAX_WARNINGS``, the last
    counting the ``rest``."""
    every = [warning(link.span, code, message(link), hint) for link in links]
    return counting_the_rest(every[:MAX_WARNINGS], len(every), rest)
