"""What rendering gives the writer: pages made, pages kept from the live site, and the
frame of each article page, which lets a rebuild after an edit of an article's body make
its page again without the templates (see ``delta``)."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import Final, Protocol

from blake3 import blake3

from concordance.chips import fill_chips
from concordance.digests import PrefixHasher


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    """Output file, relative to the site root (``concepts/x/index.html``)."""
    data: bytes
    digest: str = ""
    """``page_digest(data)`` when it was made beforehand (by a render worker, so the
    writer in the parent does not hash 300 MB of a large site alone); else empty."""

    def __init__(self, path: str, data: bytes, digest: str = "") -> None:
        # Written out, so that mypyc compiles it (see ``views.Link``).
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "data", data)
        object.__setattr__(self, "digest", digest)

    def hashed(self) -> Page:
        """This page with its digest."""
        # Made, not copied with ``dataclasses.replace``, which looks at each field (3 µs).
        return self if self.digest else Page(self.path, self.data, page_digest(self.data))

    def __reduce__(self) -> tuple[type[Page], tuple[str, bytes, str]]:
        # Pickled as a call with the fields (render workers send pages): the default
        # pickling of a frozen dataclass compiled by mypyc cannot set the fields again.
        return Page, (self.path, self.data, self.digest)


DIGEST_BYTES: Final = 16
"""Of a ``page_digest``: 32 hex digits."""
DIGESTS = "blake3-128"
"""What ``page_digest`` is: stored with what records page digests (``write``'s manifests),
so that one recorded by another kind of digest is read as unknown, never compared."""


def page_digest(data: bytes) -> str:
    """What manifests record of a file's bytes (the first 128 bits of its BLAKE3)."""
    # BLAKE3, not SHA-256 or BLAKE2: over the pages of a site of 5,000 articles (390 MB,
    # every one hashed), 5.0 GB/s on the benchmark's CPU, where OpenSSL's SHA-256 with the
    # CPU's SHA instructions runs 1.8 GB/s and hashlib's BLAKE2b 1.0.
    return blake3(data).hexdigest(DIGEST_BYTES)


class Hasher(Protocol):
    """What digests bytes given a piece at a time."""

    def update(self, piece: bytes | bytearray | memoryview, /) -> object: ...

    def hexdigest(self) -> str: ...


def page_hasher() -> PrefixHasher:
    """``page_digest`` of bytes given a piece at a time (a kept page copied)."""
    return PrefixHasher(DIGEST_BYTES)


@dataclass(frozen=True, slots=True)
class Kept:
    """A page whose bytes are those of the live site's file: rendering it again would give
    the same bytes, so it is not rendered (the writer links or copies it where needed)."""

    path: str
    digest: str
    """Of the live file's bytes, as its manifest records it."""

    def __reduce__(self) -> tuple[type[Kept], tuple[str, str]]:
        return Kept, (self.path, self.digest)  # as ``Page.__reduce__``


@dataclass(frozen=True, slots=True)
class Written:
    """A page a render worker wrote into the new tree itself (``write.Direct``): only its
    name and digest come back to the writer, not its bytes."""

    path: str
    digest: str
    times: tuple[int, int]
    """The file's mtime and ctime, in ns, for the manifest."""

    def __init__(self, path: str, digest: str, times: tuple[int, int]) -> None:
        object.__setattr__(self, "path", path)  # compiled: see ``Page.__init__``
        object.__setattr__(self, "digest", digest)
        object.__setattr__(self, "times", times)

    def __reduce__(self) -> tuple[type[Written], tuple[str, str, tuple[int, int]]]:
        return Written, (self.path, self.digest, self.times)  # as ``Page.__reduce__``


@dataclass(frozen=True, slots=True)
class Copied:
    """A file of the content folder published as it is (an image a body shows, a document
    it links): the writer copies it into the tree a piece at a time, digesting it as it
    goes, so a video-sized attachment of several GB is never held whole in memory (read
    into a ``Page``, it grew the build by its size, or ended it in a MemoryError)."""

    path: str
    source: str
    """The file in the content folder."""
    digest: str = ""
    """Its ``digests.file_digest`` as the build fingerprinted it (``inputs.read_inputs``), or
    empty. The manifest knows a published file by that digest of its bytes, so an unchanged
    file is kept without being read again (a few GB, at every build)."""

    def __reduce__(self) -> tuple[type[Copied], tuple[str, str, str]]:
        return Copied, (self.path, self.source, self.digest)  # as ``Page.__reduce__``


Output = Page | Kept | Written | Copied


FRAME_FORMAT = 3
"""Of the frames ``ArticleFrame.drafted`` packs: frames of another format are not read."""


@dataclass(frozen=True, slots=True)
class ArticleFrame:
    """An article page but its body: the page rendered with a stand-in where the body goes,
    encoded, and where the stand-in is (``render.Renderer.filled``). While the article's
    signature and the index are unchanged, the page of any new body is the frame around it.
    Cut out of a page made from it (``unpacked``), the old body stands there."""

    path: str
    html: bytes
    cut: int
    """Where the body begins: ``html[:cut]`` is the page before it."""
    rest: int
    """Where the page after the body begins."""
    chips: dict[str, str]
    """Quote id -> the concept chips that follow the quote in the body (HTML)."""

    def __reduce__(
        self,
    ) -> tuple[type[ArticleFrame], tuple[str, bytes, int, int, dict[str, str]]]:
        fields = (self.path, self.html, self.cut, self.rest, self.chips)
        return ArticleFrame, fields  # as ``Page.__reduce__``

    def sides(self) -> tuple[memoryview, memoryview]:
        """The page before the body and after it, not copied."""
        view = memoryview(self.html)
        cut, rest = self.cut, self.rest  # apart: see ``write._write_all``
        return view[:cut], view[rest:]

    def page(self, body_html: str) -> Page:
        before, after = self.sides()
        return self._page(before, body_html, after, blake3(before))

    def drafted(self, body_html: str) -> tuple[Page, bytes]:
        """``page``, and the frame packed for the build cache. A frame is most of its page
        (17 KB on average at 5,000 articles), and every page made from it is in the live
        site, so only where the frame stands in such a page is kept: the length in bytes of
        each side, their digest, and the chips. Storing the sides themselves, even
        compressed, cost a clean build a twentieth of its rendering time. The page is
        encoded once, its sides read where they lie, and the part before the body, most of
        the page, hashed once for both digests: packed apart from the page, the sides were
        encoded and hashed again, a third of the time of making an article page's bytes;
        cut out of the page's text and encoded each, they were copied once more."""
        before, after = self.sides()
        head = blake3(before)
        sides = head.copy()
        sides.update(after)
        page = self._page(before, body_html, after, head)
        return page, self._packed(len(before), len(after), sides.hexdigest(DIGEST_BYTES))

    def _page(self, before: memoryview, body_html: str, after: memoryview, head: blake3) -> Page:
        """The page of ``body_html``, ``head`` having hashed ``before``."""
        body = fill_chips(body_html, self.chips).encode()
        head.update(body)
        head.update(after)
        return Page(self.path, b"".join((before, body, after)), head.hexdigest(DIGEST_BYTES))

    def _packed(self, head: int, tail: int, digest: str) -> bytes:
        return pickle.dumps(
            (FRAME_FORMAT, self.path, head, tail, digest, self.chips), pickle.HIGHEST_PROTOCOL
        )

    @staticmethod
    def unpacked(blob: bytes, page: bytes) -> ArticleFrame | None:
        """The frame ``drafted`` packed, cut out of ``page`` (a page made from it), or None when
        the page does not hold it (it was changed by hand) or the bytes are of another
        format."""
        try:
            form, path, head, tail, digest, chips = pickle.loads(blob)
        except Exception:
            return None
        if form != FRAME_FORMAT or head + tail > len(page):
            return None
        frame = ArticleFrame(path, page, head, len(page) - tail, chips)
        before, after = frame.sides()
        if _sides_digest(before, after) != digest:
            return None
        return frame


def _sides_digest(before: memoryview, after: memoryview) -> str:
    digest = blake3(before)
    digest.update(after)
    return digest.hexdigest(DIGEST_BYTES)
