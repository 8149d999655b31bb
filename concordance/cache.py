"""The build cache (git-ignored ``.cache/concordance-<out>/`` beside the output directory).

What it holds, all content-addressed or checked before use:

- ``articles.pickle``: each article's validation result (the costly part: YAML, schema,
  Markdown, quote verification), keyed by the file's path and bytes, the publish default
  and the code version. A key that matches can only give the result a fresh run would.
- ``state.pickle``: the fingerprint of every input of the last successful build (content,
  templates, options, code) with its diagnostics; an identical fingerprint means the site
  in place is already the site this run would write, so nothing is rendered at all.
- ``pages.pickle``: for each page, a digest of everything its template received (the
  view, the page's path and title, the site settings) -> the digest of the HTML it gave.
  A page whose inputs are unchanged is not rendered again: its bytes are read back from the
  live site (checked against that digest). Keyed also by the code and the templates.
- the spare output tree and the manifests of both trees (see ``write.py``).

``build --clean`` removes the whole folder first.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from concordance.diagnostics import Diagnostic
from concordance.model import Article
from concordance.render import Page
from concordance.write import Manifest, page_digest, tree_manifest

PACKAGE = Path(__file__).resolve().parent
FORMAT = 1
"""Bumped when what the cache stores changes shape."""
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)
"""Environment variables that change the output (feed dates)."""

Validated = tuple[Article | None, list[Diagnostic]]


def cache_dir(out: Path) -> Path:
    out = out.absolute()
    return out.parent / ".cache" / f"concordance-{out.name}"


def code_version() -> str:
    """Every module of the package: a changed line of code invalidates every cached result."""
    digest = hashlib.sha256(str(FORMAT).encode())
    for file in sorted(PACKAGE.rglob("*.py")):
        digest.update(file.relative_to(PACKAGE).as_posix().encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def tree_digest(root: Path) -> str:
    """Names and bytes of every file under ``root`` (the templates)."""
    digest = hashlib.blake2b(digest_size=20)
    if root.is_dir():
        for file in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(file.relative_to(root).as_posix().encode() + b"\0")
            digest.update(file_digest(file.read_bytes()).encode())
    return digest.hexdigest()


def fingerprint(parts: Iterable[object]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def environment_values() -> tuple[str | None, ...]:
    return tuple(os.environ.get(name) for name in ENVIRONMENT)


@dataclass(slots=True)
class ArticleCache:
    """Validation results by key; only the keys used by the last build are kept."""

    file: Path
    entries: dict[str, Validated]
    used: dict[str, Validated] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, folder: Path) -> ArticleCache:
        file = folder / "articles.pickle"
        return cls(file, _load(file, dict))

    @staticmethod
    def key(version: str, publish: str, path: str, digest: str) -> str:
        return fingerprint((version, publish, path, digest))

    def get(self, key: str) -> Validated | None:
        found = self.entries.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, value: Validated) -> None:
        self.used[key] = value
        self.changed = True

    def save(self) -> None:
        if self.changed or len(self.used) != len(self.entries):
            store(self.file, self.used)


@dataclass(frozen=True, slots=True)
class BuildState:
    """The last successful build: its input fingerprint, the tree it wrote, its results."""

    fingerprint: str
    out_inode: int
    diagnostics: list[Diagnostic]
    pages: int


def load_state(folder: Path) -> BuildState | None:
    state = _load(folder / "state.pickle", lambda: None)
    return state if isinstance(state, BuildState) else None


def save_state(folder: Path, state: BuildState | None) -> None:
    file = folder / "state.pickle"
    if state is None:
        file.unlink(missing_ok=True)
    else:
        store(file, state)


def discard(folder: Path) -> None:
    """``build --clean``: nothing of an earlier build is reused."""
    shutil.rmtree(folder, ignore_errors=True)


def store(file: Path, value: object) -> None:
    """Write-then-rename, so a killed build leaves the old file or the new one, never half."""
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, file)


def _load(file: Path, default: Any) -> Any:
    """The stored value, or ``default()`` when the file is missing, stale or unreadable."""
    try:
        with open(file, "rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return default()
    except Exception:  # a cache from another version or a torn file: start afresh
        return default()


@dataclass(slots=True)
class PageReuse:
    """``render.Reuse`` over the last build's pages; one copy per worker process (forked).

    What each process looked up or rendered is collected in ``recorded`` and handed back
    with ``take``, so the parent can store the memo of this build.
    """

    salt: str
    known: dict[str, str]
    """Key of a page's inputs -> digest of its bytes, from the last build."""
    live: Path | None
    live_manifest: Manifest
    pending: dict[str, str] = field(default_factory=dict)
    recorded: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path, salt: str, out: Path) -> PageReuse:
        stored = _load(folder / "pages.pickle", dict)
        known = stored.get("pages", {}) if stored.get("salt") == salt else {}
        manifest = tree_manifest(folder, out) if out.is_dir() else None
        return cls(salt, known, out if manifest else None, manifest or {})

    def lookup(self, file: str, inputs: tuple[object, ...]) -> bytes | None:
        # The views are frozen dataclasses, strings, dates and containers: their repr is their
        # value (and 2.5x faster than pickle). An object without a value repr shows its
        # address; such a page is always rendered.
        text = repr(inputs)
        if " at 0x" in text:
            return None
        blob = text.encode("utf-8", "surrogatepass")
        key = hashlib.blake2b(blob, digest_size=20, key=self.salt.encode()[:64]).hexdigest()
        self.pending[file] = key
        digest = self.known.get(key)
        entry = self.live_manifest.get(file)
        if digest is None or self.live is None or entry is None or entry[0] != digest:
            return None
        try:
            data = (self.live / file).read_bytes()
        except OSError:
            return None
        if page_digest(data) != digest:  # the live site was changed by hand
            return None
        self.recorded[self.pending.pop(file)] = digest
        return data

    def record(self, page: Page) -> None:
        key = self.pending.pop(page.path, None)
        if key is not None:
            self.recorded[key] = page_digest(page.data)

    def take(self) -> dict[str, str]:
        taken, self.recorded = self.recorded, {}
        return taken


def save_pages(folder: Path, salt: str, pages: dict[str, str]) -> None:
    store(folder / "pages.pickle", {"salt": salt, "pages": pages})
