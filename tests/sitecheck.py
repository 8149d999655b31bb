"""Reading a built site the way a browser would: parse pages, resolve links, check fragments."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

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
