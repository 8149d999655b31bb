"""The digest the build cache knows a content file's bytes by: taken when a build looks at
the files (``cache.file_digests``) and again of the bytes each file is read with
(``load.parse_document``), so a file saved between the two is told apart."""

from __future__ import annotations

import os
from pathlib import Path

from blake3 import blake3

from concordance.regular_files import open_regular

DIGEST_BYTES = 20
"""Of a ``file_digest``: 40 hex digits."""
FILE_DIGESTS = "blake3-160"
"""What ``file_digest`` is: stored with what records file digests (the build cache's stats
of the content files, ``write``'s manifests), so that one recorded by another kind of
digest is read as unknown, never compared."""


def file_digest(data: bytes) -> str:
    """The first 160 bits of the BLAKE3 of ``data``: over the files of a site of 5,000
    articles, 17 ms of CPU where BLAKE2b took 37 (see ``pages.page_digest``)."""
    return blake3(data).hexdigest(DIGEST_BYTES)


class PrefixHasher:
    """The hex of the first ``size`` bytes of the BLAKE3 of bytes given a piece at a time:
    ``file_digest``'s (``file_hasher``) or ``pages.page_digest``'s (``pages.page_hasher``)."""

    __slots__ = ("_hash", "_size")

    def __init__(self, size: int) -> None:
        self._hash = blake3()
        self._size = size

    def update(self, piece: bytes | bytearray | memoryview) -> None:
        self._hash.update(piece)

    def hexdigest(self) -> str:
        return self._hash.hexdigest(self._size)


def file_hasher() -> PrefixHasher:
    return PrefixHasher(DIGEST_BYTES)


FILE_DIGEST_LENGTH = 2 * DIGEST_BYTES
"""Of a ``file_digest``, in hex digits (a ``pages.page_digest`` has 32)."""


def path_digest(path: str | Path) -> str:
    """``file_digest`` of the file at ``path``, read a piece at a time: a file looked at only
    to be fingerprinted (a video of several GB beside the articles, never linked) was read
    whole into memory, and a large enough one ended the build in a MemoryError. OSError
    when it cannot be read or is no regular file (``regular_files``)."""
    fd = open_regular(path)
    if fd is None:
        raise OSError(f"{path} cannot be read as a file")
    # Read from the descriptor itself: ``hashlib.file_digest`` over a file object made a
    # buffered reader and a zeroed buffer of 256 KiB for each file, which took half the time
    # of fingerprinting a site's small articles (37 to 20 µs a file).
    hasher = file_hasher()
    try:
        while piece := os.read(fd, _PIECE):
            hasher.update(piece)
    finally:
        os.close(fd)
    return hasher.hexdigest()


_PIECE = 1 << 20
"""Bytes read at a time by ``path_digest``."""
