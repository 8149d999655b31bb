"""A scanner for executable content in a built site, and the proof that it catches it.

``scan_site(out)`` reads every output file the way the thing that consumes it would:
HTML pages are parsed (and cross-checked against their raw bytes, because parsers
differ), feeds and sitemaps are parsed as XML with the HTML they carry scanned as HTML,
JSON is parsed and its HTML and URL fields checked. It returns one readable problem per
finding; the security and hostile-input tests assert it returns none.

The tests at the bottom feed it known-bad snippets: a scanner that finds nothing
would make every test using it pass, so each rule is shown to fire.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from lxml import etree

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRS = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "cite",
        "background",
        "xlink:href",
        "data",
        "ping",
        "manifest",
        "codebase",
        "longdesc",
        "usemap",
        "icon",
        "srcdoc",
    }
)
# Elements that run, embed or re-target content: none belongs in a generated page.
FORBIDDEN_TAGS = frozenset(
    {
        "iframe",
        "object",
        "embed",
        "frame",
        "frameset",
        "applet",
        "base",
        "portal",
    }
)
# 'wasm-unsafe-eval' lets the search engine compile WebAssembly; it allows no JS eval.
CSP_ALLOWED_SOURCES = frozenset({"'self'", "'none'", "'wasm-unsafe-eval'"})
# An image from a data: URL cannot run script (not even SVG, shown by <img> or as an icon).
_DATA_IMAGE = re.compile(r"^data:image/", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# What browsers drop from a URL before looking at its scheme.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_SCRIPT_OPEN = re.compile(rb"<script[\s/>]", re.IGNORECASE)


def url_problem(value: str) -> str:
    """Why a URL could run code (or leave the allowed schemes); '' when it is safe."""
    cleaned = _URL_NOISE.sub("", value)
    match = _SCHEME.match(cleaned)
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return f"URL with scheme {match.group(1)!r}: {value[:80]!r}"
    return ""


def scan_site(out: Path) -> list[str]:
    """Every executable or dangerous thing found in any file under ``out``."""
    problems: list[str] = []
    for file in sorted(out.rglob("*")):
        rel = file.relative_to(out).as_posix()
        if file.is_symlink():
            problems.append(f"{rel}: symbolic link in the output")
        if not file.is_file():
            continue
        problems += [f"{rel}: {p}" for p in scan_file(file)]
    return problems


def scan_file(file: Path) -> list[str]:
    data = file.read_bytes()
    suffix = file.suffix.lower()
    if suffix in (".html", ".htm"):
        return scan_html(data, page=True)
    if suffix in (".xml", ".rss", ".atom", ".xsl"):
        return scan_xml(data)
    if suffix in (".json", ".jsonld", ".webmanifest"):
        return scan_json(data)
    if suffix == ".csv":
        return scan_csv(data)
    if suffix == ".css":
        return _css_problems(data.decode("utf-8", "replace"))
    return []


def scan_html(data: bytes, page: bool) -> list[str]:
    """Problems in an HTML page (``page``: a whole document, which needs a CSP) or fragment."""
    text = data.decode("utf-8", "replace")
    doc = BeautifulSoup(text, "lxml")
    problems: list[str] = []
    scripts = doc.find_all("script")
    raw_opens = len(_SCRIPT_OPEN.findall(data))
    if raw_opens != len(scripts):
        # A parser differential: what the browser sees is not what lxml saw.
        problems.append(f"{raw_opens} '<script' in the bytes but {len(scripts)} script elements")
    problems += [p for s in scripts for p in _script_problems(s)]
    for tag in doc.find_all(True):
        problems += _tag_problems(tag)
    if page:
        problems += csp_problems(doc)
    return problems


def _script_problems(script: Tag) -> list[str]:
    kind = str(script.get("type", "")).strip().lower()
    body = script.string or ""
    if kind == "application/ld+json":
        try:
            json.loads(body)
        except ValueError:
            return [f"ld+json that is not JSON: {body[:80]!r}"]
        lowered = body.lower()
        if "</script" in lowered or "<!--" in lowered or "<script" in lowered:
            return [f"ld+json holding markup that can end the script: {body[:80]!r}"]
        return []
    src = script.get("src")
    if src is None:
        return [f"inline script: {body[:80]!r}"]
    problems = [f"script with a body and a src: {body[:80]!r}"] if body.strip() else []
    src = str(src)
    if _SCHEME.match(_URL_NOISE.sub("", src)) or src.lstrip().startswith("//"):
        problems.append(f"script from another origin: {src!r}")
    return problems


def _tag_problems(tag: Tag) -> list[str]:
    problems = []
    name = tag.name.lower()
    if name in FORBIDDEN_TAGS:
        problems.append(f"<{name}> element")
    for attr, raw in tag.attrs.items():
        value = " ".join(raw) if isinstance(raw, list) else str(raw)
        key = attr.lower()
        if key.startswith("on"):
            problems.append(f"event handler attribute {attr}={value[:60]!r} on <{name}>")
        elif key in URL_ATTRS:
            problem = "" if _data_image(tag, key, value) else url_problem(value)
            problems += [f"<{name} {attr}>: {problem}"] if problem else []
        elif key in ("srcset", "imagesrcset"):
            for candidate in value.split(","):
                problem = url_problem(candidate.strip().split(" ")[0])
                problems += [f"<{name} {attr}>: {problem}"] if problem else []
        elif key == "style":
            problems += _css_problems(value)
    if name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
        problems.append(f"meta refresh: {tag.get('content')!r}")
    if name == "style":
        problems += _css_problems(tag.get_text())
    return problems


def _data_image(tag: Tag, key: str, value: str) -> bool:
    """An image (``<img src>`` or an icon) from a data: URL."""
    if not _DATA_IMAGE.match(value.strip()):
        return False
    rel = tag.get("rel") or []
    rels = rel if isinstance(rel, list) else str(rel).split()
    return (tag.name, key) == ("img", "src") or (tag.name, key, "icon" in rels) == (
        "link",
        "href",
        True,
    )


def _css_problems(css: str) -> list[str]:
    lowered = _URL_NOISE.sub("", css.lower())
    bad = [
        word
        for word in ("javascript:", "vbscript:", "expression(", "-moz-binding")
        if word in lowered
    ]
    return [f"CSS with {word!r}" for word in bad]


def csp_problems(doc: BeautifulSoup) -> list[str]:
    """The page must carry a CSP meta, before any script, that forbids inline script."""
    metas = [
        m
        for m in doc.find_all("meta")
        if str(m.get("http-equiv", "")).lower() == "content-security-policy"
    ]
    if not metas:
        return ["no Content-Security-Policy meta"]
    meta = metas[0]
    if meta.find_parent("head") is None:
        return ["Content-Security-Policy meta outside <head>"]
    if meta.find_previous("script") is not None:
        return ["a script comes before the Content-Security-Policy meta"]
    directives: dict[str, list[str]] = {}
    for part in str(meta.get("content", "")).split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), [w.lower() for w in words[1:]])
    sources = directives.get("script-src", directives.get("default-src"))
    if sources is None:
        return ["CSP sets neither script-src nor default-src"]
    loose = [s for s in sources if s not in CSP_ALLOWED_SOURCES]
    return [f"CSP script sources allow more than the site's own files: {loose}"] if loose else []


def scan_xml(data: bytes) -> list[str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    problems: list[str] = []
    if root.getroottree().docinfo.internalDTD is not None:
        problems.append("XML with an internal DTD")
    for element in root.iter():
        if not isinstance(element.tag, str):
            problems += _processing_instruction(element)
            continue
        local = etree.QName(element).localname.lower()
        for attr, value in element.attrib.items():
            if etree.QName(attr).localname.lower() in ("href", "src", "uri"):
                problem = url_problem(value)
                problems += [f"<{local} {attr}>: {problem}"] if problem else []
        text = element.text or ""
        if local in ("loc", "uri") or (local == "link" and text.strip()):
            problem = url_problem(text.strip())
            problems += [f"<{local}>: {problem}"] if problem else []
        if local == "script":
            problems.append("<script> element in XML")
        # RSS description and content:encoded are HTML; Atom text constructs say so by type.
        if element.get("type") in ("html", "xhtml", "text/html") or local in (
            "description",
            "encoded",
        ):
            fragment = text if element.get("type") != "xhtml" else etree.tostring(element)
            data_ = fragment.encode() if isinstance(fragment, str) else fragment
            problems += [f"<{local}> HTML: {p}" for p in scan_html(data_, page=False)]
    for pi in root.getroottree().getroot().itersiblings(preceding=True):
        problems += _processing_instruction(pi)
    return problems


def _processing_instruction(node: etree._Element) -> list[str]:
    if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-stylesheet":
        href = node.get("href") or ""
        if _SCHEME.match(href) or href.startswith("//"):
            return [f"xml-stylesheet from another origin: {href!r}"]
    return []


def scan_json(data: bytes) -> list[str]:
    try:
        value = json.loads(data)
    except ValueError as exc:
        return [f"not valid JSON: {exc}"]
    problems = []
    for key, text in _json_strings(value, ""):
        lowered = key.lower()
        if lowered.endswith("html"):
            problems += [f"{key}: {p}" for p in scan_html(text.encode(), page=False)]
        elif lowered.endswith(("url", "href", "src", "link", "uri")):
            problem = url_problem(text)
            problems += [f"{key}: {problem}"] if problem else []
    return problems


def scan_csv(data: bytes) -> list[str]:
    """Spreadsheet programs run a cell that starts like a formula (CSV injection)."""
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    return [
        f"CSV cell that a spreadsheet would run: {cell[:60]!r}"
        for row in rows
        for cell in row
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(cell)
    ]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _json_strings(value: object, key: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _json_strings(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from _json_strings(v, key)


# --- the scanner catches what it is meant to catch ---------------------------------

CSP = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'


def page(body: str, head: str = CSP) -> bytes:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>".encode()


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        "<SCRIPT>alert(1)</SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)></svg>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" JaVa\tScRiPt:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<embed src="data:image/svg+xml,<svg onload=alert(1)>">',
        '<iframe src="https://example.org"></iframe>',
        '<object data="x.swf"></object>',
        '<form action="javascript:alert(1)"><button>x</button></form>',
        '<a href="data:image/svg+xml,<svg onload=alert(1)>">x</a>',
        '<img srcset="a.png 1x, javascript:alert(1) 2x">',
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<script src="https://evil.example/x.js"></script>',
        '<script src="//evil.example/x.js"></script>',
        '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>',
        '<script type="application/ld+json">{"a": "<!--<script>"}</script>',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<base href="https://evil.example/">',
    ],
)
def test_scanner_finds_executable_html(body: str) -> None:
    assert scan_html(page(body), page=True)


@pytest.mark.parametrize(
    "head",
    [
        "",
        '<meta http-equiv="Content-Security-Policy" content="img-src \'self\'">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"script-src 'self' 'unsafe-inline'\">",
        '<meta http-equiv="Content-Security-Policy" content="default-src *">',
        '<script src="a.js"></script>' + CSP,
    ],
)
def test_scanner_requires_a_strict_csp(head: str) -> None:
    assert scan_html(page("<p>x</p>", head), page=True)


def test_scanner_passes_escaped_text_and_own_scripts() -> None:
    body = (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; onload=alert(1)</p>"
        '<a href="../x/">x</a><a href="https://example.org/?a=&lt;">y</a>'
        '<a href="mailto:someone@example.org">z</a><a href="#q-1">w</a>'
        '<script src="../static/search.js" defer></script>'
        '<script type="application/ld+json">{"a": "\\u003c/script\\u003e"}</script>'
    )
    assert scan_html(page(body), page=True) == []


@pytest.mark.parametrize(
    "xml",
    [
        b"<rss><channel><item><description>&lt;script&gt;alert(1)&lt;/script&gt;"
        b"</description></item></channel></rss>",
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">'
        b"&lt;img src=x onerror=alert(1)&gt;</content></entry></feed>",
        b'<feed xmlns="http://www.w3.org/2005/Atom"><link href="javascript:alert(1)"/></feed>',
        b"<urlset><url><loc>javascript:alert(1)</loc></url></urlset>",
        b"<rss><channel><title>a & b</title></channel></rss>",
    ],
)
def test_scanner_finds_executable_feeds(xml: bytes) -> None:
    assert scan_xml(xml)


def test_scanner_passes_double_escaped_feed_text() -> None:
    xml = (
        b"<rss><channel><item><title>&lt;script&gt;</title><description>"
        b"&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;</description>"
        b"<link>https://example.org/a/</link></item></channel></rss>"
    )
    assert scan_xml(xml) == []


def test_scanner_finds_spreadsheet_formulas() -> None:
    assert scan_csv(b'a,b\r\n1,"=HYPERLINK(""https://e.org"")"\r\n')
    assert scan_csv(b"a\r\n@SUM(1)\r\n")
    assert scan_csv(b"a,b\r\n-2,'=1+1\r\n") == []


def test_scanner_checks_json_html_and_urls() -> None:
    assert scan_json(b'{"body_html": "<img src=x onerror=alert(1)>"}')
    assert scan_json(b'{"items": [{"url": "javascript:alert(1)"}]}')
    assert scan_json(b"{not json")
    assert scan_json(b'{"title": "<script>alert(1)</script>", "url": "https://e.org/"}') == []
