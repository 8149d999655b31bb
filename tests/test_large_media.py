"""A file a body links that is larger than the build may hold in memory (a video-sized PDF or
zip of several GB): published by builds whose address space is limited to a fraction of its
size, as copies with its bytes, kept while unchanged and replaced once changed. The file is
sparse (it takes no disk), and so is its copy."""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, copy_content

from concordance import cache
from concordance.pages import Copied, Page
from concordance.write import write_site

SIZE = 5 << 29
"""Of the linked file: 2.5 GiB, more than twice what a build may map (``LIMIT``)."""
LIMIT = 1 << 30
"""Of a build's address space: a build of the fixture needs less than 400 MiB."""
ARTICLE = "articles/2024-01-10-first.md"
LINKED = "articles/docs/recording.zip"
PUBLISHED = f"media/{LINKED}"


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def build(root: Path) -> None:
    """``build`` of ``root/content`` into ``root/site``, in a process limited to ``LIMIT``."""
    command = [sys.executable, str(REPO / "build.py"), "build", "--content", "content"]
    result = subprocess.run(
        [*command, "--out", "site", "--no-search", "--quiet"],
        cwd=root,
        capture_output=True,
        text=True,
        preexec_fn=_limited,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]


def sparse(file: Path, marks: dict[int, bytes]) -> None:
    """A file of ``SIZE`` bytes, zeros but for ``marks`` (offset -> bytes)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    with open(file, "wb") as handle:
        handle.truncate(SIZE)
        for offset, data in marks.items():
            handle.seek(offset)
            handle.write(data)


def digest(file: Path) -> str:
    with open(file, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


MARKS = {0: b"PK\x03\x04 the start", (1 << 30) + 12345: b"a middle", SIZE - 7: b"the end"}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    content = copy_content("linked", tmp_path)
    sparse(content / LINKED, MARKS)
    article = content / ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(f"{text}\n[the recording](docs/recording.zip)\n", encoding="utf-8")
    # Saved before the build by more than the cache's margin: its digest is trusted by its
    # stat from then on, as an attachment's that was not just saved is, not read again.
    time.sleep(cache.RACY_MARGIN_NS / 1e9)
    return tmp_path


def test_a_file_larger_than_the_builds_memory_is_published_whole(site: Path) -> None:
    """It was read whole into memory, and the build ended in a MemoryError."""
    build(site)
    source, published = site / "content" / LINKED, site / "site" / PUBLISHED
    assert published.stat().st_size == SIZE
    assert digest(published) == digest(source)
    assert published.stat().st_blocks * 512 < 16 << 20  # the zeros are holes, as the source's


def test_a_large_file_unchanged_is_kept_and_changed_is_replaced(site: Path) -> None:
    build(site)
    published = site / "site" / PUBLISHED
    first = published.stat()
    for title in ["A site renamed", "A site renamed again"]:  # both output trees in turn
        (site / "content" / "site.yaml").write_text(f"title: {title}\n", encoding="utf-8")
        build(site)
        kept = published.stat()
        assert (kept.st_ino, kept.st_mtime_ns) == (first.st_ino, first.st_mtime_ns), title
    source = site / "content" / LINKED
    with open(source, "r+b") as handle:
        handle.seek(1 << 30)
        handle.write(b"edited")
    build(site)
    replaced = published.stat()
    assert replaced.st_mtime_ns != first.st_mtime_ns
    assert replaced.st_size == SIZE
    assert digest(published) == digest(source)


@pytest.mark.parametrize("spare", [False, True], ids=["new-tree", "spare-tree"])
def test_a_file_gone_or_made_a_pipe_since_the_listing_is_left_out(
    tmp_path: Path, spare: bool
) -> None:
    """Opened without waiting and copied only while a regular file: a named pipe put in
    its place is never read (reading one waits for a writer for ever)."""
    pipe, gone, kept = tmp_path / "pipe.zip", tmp_path / "gone.zip", tmp_path / "kept.png"
    os.mkfifo(pipe)
    kept.write_bytes(b"\x89PNG a picture")
    outputs = [
        Page("index.html", b"<p>x</p>"),
        *(Copied(f"media/{f.name}", str(f)) for f in [pipe, gone, kept]),
    ]
    out = tmp_path / "site"
    folder = tmp_path / ".cache" if spare else None
    for _ in range(2 if spare else 1):  # with a spare tree: its first build, then a rebuild
        assert write_site(lambda _tree: outputs, out, None, folder) == 2
        found = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
        assert found == ["index.html", "media/kept.png"]
        assert (out / "media" / "kept.png").read_bytes() == kept.read_bytes()
