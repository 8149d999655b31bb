"""The digest the build cache knows a content file's bytes by: taken when a build looks at
the files (``cache.file_digests``) and again of the bytes each file is read with
(``load.parse_document``), so a file saved between the two is told apart."""

from __future__ import annotations

import hashlib


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()
