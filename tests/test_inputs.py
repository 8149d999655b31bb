"""What a rebuild reads of the content: the files in a fixed order, and the digest of each
file's bytes, taken from its stats when they show it unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from concordance import cache
from concordance.cache import STALE_READS, file_digest, file_digests
from concordance.inputs import content_files


def test_content_files_come_in_the_order_of_their_path_parts(tmp_path: Path) -> None:
    names = ["a.md", "a/x.md", "a-b.md", "a b.md", "B.md", "b/c/d.md", "b.md", "ä.md", "_x.md"]
    for name in [*names, ".hidden/y.md", "notes.txt"]:
        file = tmp_path / "articles" / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("x", encoding="utf-8")
    found = content_files(tmp_path, "articles")
    expected = sorted(p for p in (tmp_path / "articles").rglob("*.md") if "_" not in p.name)
    assert found == [str(p) for p in expected if ".hidden" not in p.parts]


def test_every_edit_is_seen_while_the_stats_wait_to_be_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Files changed just before stats are taken are read again until stats are taken 2 s
    # later ("racily clean"): without the margin, this test needs no sleep.
    monkeypatch.setattr(cache, "RACY_MARGIN_NS", 0)
    files = [tmp_path / f"{i:02}.md" for i in range(STALE_READS + 8)]
    for i, file in enumerate(files):
        file.write_text(f"text {i}", encoding="utf-8")
    names = [str(f) for f in files]
    folder = tmp_path / "cache"
    stats = folder / "stats.pickle"

    def actual() -> list[str]:
        return [file_digest(f.read_bytes()) for f in files]

    assert file_digests(folder, names) == actual()
    stored = stats.read_bytes()
    for round_ in range(3):  # the same few files, edited again and again
        for file in files[:3]:
            file.write_text(f"edited {round_}", encoding="utf-8")
        assert file_digests(folder, names) == actual()
    assert stats.read_bytes() == stored  # a few files read again cost less than a store
    for file in files[: STALE_READS + 1]:
        file.write_text("edited at last", encoding="utf-8")
    assert file_digests(folder, names) == actual()
    assert stats.read_bytes() != stored
