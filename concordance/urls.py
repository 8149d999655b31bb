"""Slugs and links. Every link in the site is relative to the page it is on,
so the site works at ``/`` and under any sub-path; only outputs that must be
absolute (canonical links, feeds, sitemap) join the base URL."""

from __future__ import annotations

import hashlib
import ipaddress
import posixpath
import re
import unicodedata
from typing import Final
from urllib.parse import quote, urlsplit, urlunsplit

from concordance import casing
from concordance.lazy_patterns import lazy_compile
from concordance.model import Slug
from concordance.textnorm import blanks_left_out, one_letter, unseen_left_out

MAX_SLUG_CHARS = 80
# A slug is a directory name: file systems allow 255 bytes, and letters outside the
# Basic Multilingual Plane take 4 bytes each in UTF-8.
MAX_SLUG_BYTES = 200
_BASE_URL = re.compile(r"(?i:https?)://[^\s/?#\"<>\\^`{|}]+(?:/[^\s?#\"<>\\^`{|}]*)?")
"""What a site's base URL may be (site.yaml's ``base_url``, ``--base-url``): an absolute http(s)
address with no query, fragment or character that needs escaping in an attribute. The scheme
in any case: schemes and hosts are case-insensitive (``base_uri`` writes them lower-case)."""
# Names Windows refuses as file names, whatever the extension.
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)


BUNDLE_PAGE = "index.md"
"""The file of a page bundle, as Hugo, Zola and Astro keep a post with its images
(``glorp-post/index.md``): the page is named for its folder."""


def article_slug(path: str) -> Slug:
    """The address of the article at ``path``: its file's name, or its folder's for a page
    bundle's ``index.md`` (not one at the top of ``articles/``)."""
    folder, _, name = path.rpartition("/")
    bundle = folder.rpartition("/")[2]
    if name == BUNDLE_PAGE and bundle not in ("", "articles"):
        return slugify(bundle)
    return slugify(name.removesuffix(".md"))


def slugify(text: str) -> Slug:
    """A safe, non-empty, single path segment from any text; letters of every script are kept.

    Names that differ only by case or Unicode form get the same slug (so they collide and
    are reported, instead of overwriting each other on a case-insensitive file system).
    Lower case, not case folding: a Greek word keeps its final ς, German keeps ß.
    """
    slug = _ascii_slug(text) if text.isascii() else _slug(text)
    if not slug:
        # Of the text without what a name's key leaves out: ❤️ (❤ and a selector, as phones
        # write it) and ❤ are one name, which must have one address whichever is met first.
        # Not of its normal form: a name of no invisible character keeps the address it had
        # (NFKC reads … as ..., ？ as ?, and moved those pages). But of its canonical form:
        # a name written composed or not is one name (U+0F73 and U+0F71 U+0F72 had two).
        read = unicodedata.normalize("NFC", unseen_left_out(text))
        digest = hashlib.sha256(read.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        return Slug(f"x-{digest}")
    if slug in _RESERVED:
        return Slug(f"{slug}-")
    return Slug(slug)


def _ascii_slug(text: str) -> str:
    """``_slug`` of an ASCII ``text``, most names and file names: Unicode's forms, the
    characters names leave out and the marks that join a letter are none of ASCII's, so its
    letters and digits lowered, each run of anything else one dash, make it. ``_slug``'s
    passes, most of them over each character in Python, took some 46,000 instructions for
    an article's file name."""
    return _ASCII_SEPARATORS.sub("-", casing.lower(text)).strip("-")[:MAX_SLUG_CHARS].strip("-")


_ASCII_SEPARATORS = re.compile("[^a-z0-9]+")


def _slug(text: str) -> str:
    """The slug of ``text`` before the fallbacks of ``slugify``: a dash between its words."""
    # Lowering can leave text that is no longer normalized: normalize again. A Turkish
    # capital İ lowers to i with a dot above, which addresses would carry as %CC%87. And
    # the dotless ı is i: a name's key reads İ, I, ı and i as one letter (``fold_name``), so
    # KONUŞMACI and Konuşmacı, one speaker, must have one address whichever is met first.
    lowered = unicodedata.normalize("NFKC", text).replace("\u0130", "i")
    lowered = casing.lower(lowered)
    lowered = lowered.replace("\u0131", "i")
    # Nor has it what a name's key leaves out: a variation selector (葛󠄀, 葛 and a selector, is
    # 葛), which an address would carry invisibly (%F3%A0%84%80), a joiner (ශ්‍රී, which made
    # two words of one, ශ්-රී), vowel points and tatweel: else the address of one name would
    # be that of whichever article came first.
    # A Malayalam chillu or Bengali khanda ta written as older text writes it (ന്‍: the
    # consonant, a virama and a joiner) is the letter (ൻ), as a reader sees it and as a name's
    # key reads it; without the joiner, its letters would be those of another spelling (ന്).
    lowered = one_letter(lowered)
    lowered = blanks_left_out(unseen_left_out(lowered))
    normal = unicodedata.normalize("NFKC", lowered)
    slug = _words(_sara_am(normal))[:MAX_SLUG_CHARS]
    while len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = slug[:-1]
    slug = slug.strip("-")
    return slug


_SARA_AM = {"\u0e4d\u0e32": "\u0e33", "\u0ecd\u0eb2": "\u0eb3"}
_SPELT_OUT_AM = lazy_compile("|".join(_SARA_AM))


def _sara_am(text: str) -> str:
    """``text`` with the Thai and Lao vowel am (ำ, ຳ) as keyboards type it: NFKC spells it
    out as its two parts (ํ and า), which a Thai reader types no more than a link or a file
    name holding them (``น้ำ`` is no ``น้ํา``)."""
    return _SPELT_OUT_AM.sub(lambda found: _SARA_AM[found.group()], text)


_MVS = "\u180e"
"""The Mongolian vowel separator, inside a word: it chooses the form of the vowel after it
(ᠬᠠᠷ᠎ᠠ is one word, not two)."""


def _words(text: str) -> str:
    """Letters and digits, with the marks that belong to them (Devanagari vowels, Thai tones,
    Mongolian's vowel separator), joined by single dashes; everything else is a separator."""
    out: list[str] = []
    for ch in text:
        joins = out and out[-1] != "-" and (unicodedata.category(ch)[0] == "M" or ch == _MVS)
        if ch.isalnum() or joins:
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def home_path() -> str:
    return ""


def concepts_path() -> str:
    return "concepts/"


def concept_path(slug: str) -> str:
    return f"concepts/{slug}/"


def articles_path() -> str:
    return "articles/"


def article_path(slug: str) -> str:
    return f"articles/{slug}/"


def speakers_path() -> str:
    return "speakers/"


def speaker_path(slug: str) -> str:
    return f"speakers/{slug}/"


CONCEPT_FEED = "feed.xml"
"""A concept's feed, in the folder of its page."""
SITE_FILES = (
    "404.html",
    "feed.xml",
    "robots.txt",
    "sitemap.xml",
    "search/",
    "data/concordance.json",
    "data/statements.csv",
)
"""The pages and files of every site that are none of its articles, concepts and speakers
and none of the templates' (a body's link may go to them, ``index.SiteIndex.pages``)."""


def output_file(page_path: str) -> str:
    """The file a page's URL path is written to: pretty URLs are directories."""
    if page_path == "" or page_path.endswith("/"):
        return page_path + "index.html"
    return page_path


_URL_SAFE: Final = "/#-_.~!$&'()*+,;=:@%"
_NEEDS_NO_QUOTING: Final = re.compile(r"[A-Za-z0-9/#\-_.~!$&'()*+,;=:@%]*")


def relative(target: str, from_page: str) -> str:
    """A link from the page at ``from_page`` to ``target`` (both site-root-relative paths)."""
    return link(root_prefix(from_page), target)


def root_prefix(from_page: str) -> str:
    """The way from a page back to the site root: one ``../`` per folder the page is in.

    Links always climb to the root and descend again (``../../concepts/x/`` even from
    ``concepts/y/``) rather than taking the shortest path: a link then depends only on the
    page's depth, so a statement card rendered once serves every page at that depth.
    """
    folder = from_page if from_page.endswith("/") else posixpath.dirname(from_page)
    return "../" * len([p for p in folder.split("/") if p])


def link(prefix: str, target: str) -> str:
    """``target`` seen from a page whose way back to the root is ``prefix``."""
    rel = prefix + target or "./"
    # quote() is slow and most links are plain ASCII slugs (every page has hundreds of links).
    return rel if _NEEDS_NO_QUOTING.fullmatch(rel) else quote(rel, safe=_URL_SAFE)


class RelativeLinks:
    """``url`` of the pages whose way back to the site root is ``prefix``: ``link`` of each
    path, remembered (at most ``limit``; a full memo starts afresh), a statement's
    ``#fragment`` added per call. A class, not a closure, so that templates call it at once
    (``site_jinja.PlainCallContext``): compiled, a closure is an object of a class of mypyc's
    making, which Jinja's ``Context.call`` searched for a mark asking for the context, three
    failed attribute look-ups in Python, at each of some 4,000 calls a build of 300 articles."""

    def __init__(self, prefix: str, limit: int) -> None:
        self.prefix = prefix
        self.limit = limit
        self.made: dict[str, str] = {}

    def __call__(self, target: str) -> str:
        # By path: remembering each statement's link (a path and its quote's fragment) took
        # some 17 MiB a worker at 20,000 articles, for links each used two or three times.
        made = self.made
        found = made.get(target)  # a path seen before (none holds a ``#``): most links
        if found is not None:
            return found
        path, _, fragment = target.partition("#")
        made_link = made.get(path)
        if made_link is None:
            if len(made) >= self.limit:
                made.clear()
            made_link = made[path] = link(self.prefix, path)
        return f"{made_link}#{fragment}" if fragment else made_link


class AbsoluteLinks:
    """``url`` of the pages whose links start at the base path ``root`` (404.html): a class
    for the reason ``RelativeLinks`` is one."""

    def __init__(self, root: str) -> None:
        self.root = root

    def __call__(self, target: str) -> str:
        return absolute(self.root, target)


def base_path(base_url: str) -> str:
    """The path part of the base URL, always starting and ending with ``/``."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


_NOT_IN_URL = re.compile(r"[\s\x00-\x1f\x7f]|%(?![0-9A-Fa-f]{2})")
_URI_SAFE = "/:@!$&'()*+,;=-._~%?#[]"
_TO_ENCODE = re.compile(r"[^A-Za-z0-9/:@!$&'()*+,;=\-._~%?#\[\]]")


def base_url_problem(url: str) -> str | None:
    """What keeps ``url`` from being a site's base URL (site.yaml's ``base_url``,
    ``--base-url``), or None. The 404 page links from the root (``/repo/static/site.js``):
    a path starting ``//`` would make those links lead to another host."""
    if not _BASE_URL.fullmatch(url):
        return "it is not http(s)://host/path, without a query or fragment"
    if (problem := url_problem(url)) is not None:  # first: urlsplit refuses a bad IPv6 host
        return problem
    path = urlsplit(url).path
    if any(_dots(part) in (".", "..") for part in path.split("/")) or _ENCODED_CONTROL.search(path):
        return (
            "its path holds '.' or '..' (a dot may be written '%2e')"
            " or an encoded control character (%00-%1F, %7F)"
        )
    if "//" in path:
        return "its path holds '//', an empty folder name"
    if _PAGE_FILE.fullmatch(last := path.rpartition("/")[2]):
        return f"its path ends with the file name {last!r}: a base URL names the site's folder"
    return None


_ENCODED_CONTROL = re.compile(r"%(?:[01][0-9A-Fa-f]|7[Ff])")
_ENCODED_DOT = re.compile("%2e", re.IGNORECASE)
_PAGE_FILE = re.compile(r".+\.(?:html?|xhtml|shtml|php|aspx?|jsp)", re.IGNORECASE)
"""The name of a page's file: the base URL's last part read as a folder though it has no
``/`` after it, so ``/repo/index.html`` would put the site under ``/repo/index.html/``."""
EXAMPLE_BASE_URL = "https://user.github.io/repo/"


def base_url_hint(url: str) -> str:
    """How to write ``url``, which ``base_url_problem`` refused: the address with its path
    mended (``//`` made ``/``, dot segments followed, a page's file name left off) when that
    alone was wrong, else an example."""
    if _BASE_URL.fullmatch(url) and url_problem(url) is None:
        parts = urlsplit(url)
        mended = urlunsplit(parts._replace(path=_folder_path(parts.path)))
        if mended != url and base_url_problem(mended) is None:
            return f"write {mended}"
    return f"e.g. {EXAMPLE_BASE_URL}"


def _folder_path(path: str) -> str:
    """``path`` as the folder a browser would take it for, written as a base URL's path."""
    names = path.split("/")
    if _PAGE_FILE.fullmatch(names[-1]):
        names.pop()
    folders: list[str] = []
    for name in names:
        if _dots(name) == "..":
            folders = folders[:-1]
        elif _dots(name) not in ("", "."):
            folders.append(name)
    return "/" + "".join(f"{name}/" for name in folders)


def _dots(name: str) -> str:
    """A path's part with each ``%2e`` read as the dot it is to a browser, which follows
    ``/%2e%2e/`` as ``/../`` (the URL Standard's dot segments)."""
    return _ENCODED_DOT.sub(".", name)


def base_uri(url: str) -> str:
    """A valid base URL as every output carries it: a URI (``as_uri``) ending with ``/``,
    its scheme and host, which are case-insensitive, in lower case (the path keeps its case:
    ``/Repo/`` and ``/repo/`` are different folders on most servers)."""
    parts = urlsplit(as_uri(url))
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((casing.lower(parts.scheme), casing.lower(parts.netloc), path, "", ""))


def url_problem(url: str) -> str | None:
    """What keeps ``url`` from being an address, or None: white space (two values run
    together, or a typo), a control character, a ``%`` that escapes nothing, a second ``#``,
    a host name no DNS could carry, or an authority that is not a valid URL's
    (``authority_problem``). Other characters a URI cannot hold as they stand are
    percent-encoded (``as_uri``)."""
    return None if plain_url(url) else _url_problem(url)


def plain_url(url: str) -> bool:
    """Whether ``url`` is an address of ``_PLAIN_URL``, as most are: told by one match, in a
    tenth of the time of ``url_problem``'s checks, which find nothing in one."""
    plain = _PLAIN_URL.fullmatch(url)
    return plain is not None and len(plain[1]) <= 253 and "xn--" not in url


def _url_problem(url: str) -> str | None:
    if (bad := _NOT_IN_URL.search(url)) is not None:
        return f"{bad.group()!r} cannot stand in an address"
    if url.count("#") > 1:
        return "it has two '#'"
    try:
        uri = as_uri(url)
    except UnicodeError:
        return "its host name is not a valid international domain name"
    except ValueError:  # urlsplit's, for a host in brackets that is no IP address
        return authority_problem(url) or "its host is not an IP address"
    return authority_problem(uri)


_PLAIN_URL: Final = re.compile(
    r"https?://((?:[A-Za-z0-9-]{1,63}\.)*[A-Za-z][A-Za-z0-9-]{0,62})"
    r"(?:[/?#][A-Za-z0-9/:@!$&'()*+,;=\-._~?]*)?"
)
"""An http(s) address of ASCII that ``url_problem`` finds nothing in: its host a domain name
whose last label starts with a letter (no IP address), no port, user or ``%``, one ``#`` at
most; with ``xn--`` nowhere (``url_problem`` checks its host's length). Any other address
goes through every check."""
_HTTP_SCHEME = lazy_compile(r"https?:", re.IGNORECASE)
_AUTHORITY = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]*:)?//([^/?#]*)")
_PORT = re.compile(r"[0-9]*")
_FORBIDDEN_IN_HOST = re.compile(r"[\x00-\x20#%/:<>?@\[\\\]^|\x7f]")
"""The URL Standard's forbidden domain code points (``%`` among them: a host is not
percent-decoded by us, and ``%5E`` is a ``^`` to a browser)."""
_NUMERIC_LABEL = re.compile(r"[0-9]+|0[xX][0-9A-Fa-f]*")
MAX_PORT = 65535


def authority_problem(uri: str) -> str | None:
    """What keeps the host and port of ``uri`` (a URI: an international host name already
    in its ASCII form) from being those of a valid URL, or None. A browser follows some of
    these links anyway, but they are errors to the URL Standard and to HTML validators, and
    most are typos: an http(s) address with no ``//`` or no host, a user name or password,
    a port that is not a number up to 65535, or a host that is no domain name or IP address.
    A relative address (no ``//``) has no authority and no problem here."""
    found = _AUTHORITY.match(uri)
    if found is None:
        return "it has no '//' after 'http:' or 'https:'" if _HTTP_SCHEME.match(uri) else None
    authority = found.group(1)
    if "@" in authority:
        return "it holds a user name or password"
    host, port = _host_and_port(authority)
    if not _PORT.fullmatch(port) or _port_number(port) > MAX_PORT:
        shown = port if len(port) <= 12 else port[:12] + "…"
        return f"its port {shown!r} is not a number up to {MAX_PORT}"
    return host_problem(host)


def _port_number(digits: str) -> int:
    """The port ``digits`` (0 for none) name, or one past the highest when it has more digits
    than any port: Python refuses to read a number of thousands of digits."""
    digits = digits.lstrip("0")
    return MAX_PORT + 1 if len(digits) > len(str(MAX_PORT)) else int(digits or "0")


def _host_and_port(authority: str) -> tuple[str, str]:
    """``authority`` split at the colon before its port (an IPv6 address holds colons)."""
    if authority.startswith("["):
        end = authority.find("]") + 1 or len(authority)
        if authority[end : end + 1] not in ("", ":"):  # ``[::1]x``: the host runs on
            return authority, ""
        return authority[:end], authority[end + 1 :]
    host, _, port = authority.partition(":")
    return host, port


def host_problem(host: str) -> str | None:
    """What keeps ``host`` (ASCII) from being a domain name or an IP address, or None."""
    if host.startswith("["):
        if host.endswith("]") and _is_address(host[1:-1], ipaddress.IPv6Address):
            return None
        return f"its host {host!r} is not an IPv6 address"
    if not host:
        return "it has no host"
    if (bad := _FORBIDDEN_IN_HOST.search(host)) is not None:
        return f"{bad.group()!r} cannot stand in a host name"
    labels = host.removesuffix(".").split(".")
    if _NUMERIC_LABEL.fullmatch(labels[-1]):
        # The URL Standard reads a host ending in a number as an IPv4 address.
        if _is_address(host, ipaddress.IPv4Address):
            return None
        return f"its host {host!r} is not an IPv4 address"
    if "" in labels or len(host) > 253 or any(len(label) > 63 for label in labels):
        return f"its host {host!r} has an empty or overlong part"
    if not all(_punycode_ok(label) for label in labels):
        return f"its host {host!r} is not a valid international domain name"
    return None


def _is_address(text: str, kind: type[ipaddress.IPv4Address | ipaddress.IPv6Address]) -> bool:
    try:
        kind(text)
    except ValueError:
        return False
    return True


def _punycode_ok(label: str) -> bool:
    """An ``xn--`` label must decode: ``xn--zz`` is no international name's ASCII form."""
    if casing.lower(label[:4]) != "xn--":
        return True
    try:
        return bool(label[4:].encode("ascii").decode("punycode"))
    except UnicodeError:
        return False


def as_uri(url: str) -> str:
    """``url`` as a URI: an international host name in its ASCII form, letters of other
    scripts and characters such as ``"``, ``<`` or ``|`` in the path, query and fragment
    percent-encoded (feeds, the sitemap and the data export carry URIs; a browser shows
    them as they were written)."""
    if not _TO_ENCODE.search(url):
        return url
    parts = urlsplit(url)
    user, at, host = parts.netloc.rpartition("@")
    name, colon, port = host.partition(":")
    netloc = user + at + (name.encode("idna").decode("ascii") if not name.isascii() else name)
    encoded = [quote(part, safe=_URI_SAFE) for part in (parts.path, parts.query, parts.fragment)]
    return urlunsplit((parts.scheme, netloc + colon + port, *encoded))


def absolute(base_url: str, target: str) -> str:
    """``target`` joined to the base URL, percent-encoded; for canonical links, feeds, sitemap."""
    root = base_url if base_url.endswith("/") else base_url + "/"
    return root + quoted(target)


def quoted(target: str) -> str:
    """``target`` percent-encoded as links are. Character by character, so a target is its
    path and fragment quoted apart, joined by ``#`` (``render.SiteView.absolute``)."""
    if _plain(target) or _NEEDS_NO_QUOTING.fullmatch(target):
        return target
    return quote(target, safe=_URL_SAFE)


def _plain(target: str) -> bool:
    """``target`` is ASCII letters, digits, ``-`` and ``/`` alone, as a quote's id and a
    page's path mostly are (``q-0a1b2c3d4e``, ``articles/a-slug/``), which ``quoted`` gives
    back: told by string methods in C, where the regular expression's ``fullmatch``, a
    method called through Python's API, took some 2,000 instructions (a build of 300
    articles quotes some 10,000 ids, for linked data and the data exports). Replacing a
    character a text lacks gives the text itself, not a copy."""
    return target.isascii() and target.replace("-", "").replace("/", "").isalnum()
