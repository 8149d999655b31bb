"""Reading a built site the way a browser would: parse pages, resolve links, check fragments."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

from bs4 import BeautifulSoup

LINK_ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def page_url(out: Path, file: Path, base_path: str) -> str:
    """The URL path a file is served at (directories for index.html)."""
    rel = file.relative_to(out).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return base_path + rel


def target_file(out: Path, url_path: str, base_path: str) -> Path | None:
    """The file a URL path resolves to inside ``out``, or None when it leaves the site."""
    path = unquote(url_path)
    if not path.startswith(base_path):
        return None
    rel = path[len(base_path) :]
    normal = posixpath.normpath("/" + rel)[1:]
    file = out / normal if normal not in ("", ".") else out
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file


@dataclass(frozen=True)
class Broken:
    page: str
    link: str
    reason: str


def check_links(out: Path, base_path: str = "/") -> tuple[int, list[Broken]]:
    """Resolve every internal link and fragment of every HTML page; returns (links, broken)."""
    ids: dict[Path, set[str]] = {}
    broken: list[Broken] = []
    checked = 0
    pages = sorted(out.rglob("*.html"))
    for file in pages:
        if file.name == "404.html" and file.parent == out:
            continue  # served at any depth: checked separately
        here = "http://test.invalid" + page_url(out, file, base_path)
        for tag, attr in LINK_ATTRS:
            for element in soup(file).find_all(tag):
                raw = element.get(attr)
                if not raw or raw.startswith(("mailto:", "data:")):
                    continue
                url, fragment = urldefrag(urljoin(here, raw))
                parts = urlsplit(url)
                if parts.netloc != "test.invalid":
                    continue
                checked += 1
                target = target_file(out, parts.path, base_path)
                if target is None or not target.is_file():
                    broken.append(Broken(str(file.relative_to(out)), raw, "no such file"))
                    continue
                if fragment and target.suffix == ".html":
                    if target not in ids:
                        ids[target] = {e["id"] for e in soup(target).find_all(id=True)}
                    if unquote(fragment) not in ids[target]:
                        broken.append(Broken(str(file.relative_to(out)), raw, "no such id"))
    return checked, broken


def _strings(value: object) -> Iterator[str]:
    """Every string of a JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _addresses(file: Path) -> Iterator[str]:
    """Every attribute value, element text and JSON-LD string of an HTML or XML file, every
    string of a JSON file, the lines of a text file: where an address of the site is written."""
    if file.suffix == ".html":
        page = soup(file)
        for element in page.find_all(True):
            for value in element.attrs.values():
                yield from [value] if isinstance(value, str) else value
        for script in page.find_all("script", type="application/ld+json"):
            yield from _strings(json.loads(script.string or "null"))
    elif file.suffix == ".xml":
        for element in ElementTree.parse(file).iter():
            yield from element.attrib.values()
            yield (element.text or "").strip()
    elif file.suffix == ".json":
        yield from _strings(json.loads(file.read_text("utf-8")))
    elif file.suffix == ".txt":
        yield from (line.partition(": ")[2] for line in file.read_text("utf-8").splitlines())


def check_addresses(out: Path, base_url: str) -> tuple[int, list[Broken]]:
    """Resolve every absolute address of the site (``base_url`` and what follows it, or its
    path alone, as the 404 page writes them) in every page, feed, sitemap, the data export and
    robots.txt."""
    base_path = urlsplit(base_url).path
    broken: list[Broken] = []
    checked = 0
    for file in sorted(out.rglob("*")):
        if file.suffix not in (".html", ".xml", ".json", ".txt") or "pagefind" in file.parts:
            continue
        for address in _addresses(file):
            if address.startswith(base_url):
                address = address[len(base_url) - len(base_path) :]
            elif not address.startswith(base_path) or address.startswith("//"):
                continue
            checked += 1
            target = target_file(out, urldefrag(address)[0], unquote(base_path))
            if target is None or not target.is_file():
                broken.append(Broken(str(file.relative_to(out)), address, "no such file"))
    return checked, broken
