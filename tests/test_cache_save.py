"""The validation results are saved while the parent resolves and indexes (``pipeline``)."""

from __future__ import annotations

import threading
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from concordance import packs, pipeline
from tests.conftest import copy_content, run_cli


def test_the_results_are_saved_beside_the_indexing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Saved by another thread than the one that indexes, and saved before the site is
    written: a rebuild finds every article's result (it validates none again)."""
    content = copy_content("basic", tmp_path)
    out = tmp_path / "site"
    threads: list[tuple[str, str]] = []
    save, index = packs.Pack.save, pipeline.build_index

    def saving(
        self: packs.Pack, tag: str, keep: Collection[str], fresh: Mapping[str, bytes]
    ) -> None:
        threads.append(("save", threading.current_thread().name))
        save(self, tag, keep, fresh)

    def indexing(*args: Any) -> Any:
        threads.append(("index", threading.current_thread().name))
        return index(*args)

    monkeypatch.setattr(packs.Pack, "save", saving)
    monkeypatch.setattr(pipeline, "build_index", indexing)
    built = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert built.code == 0, built.stderr
    (saver,) = [name for what, name in threads if what == "save"]
    (indexer,) = [name for what, name in threads if what == "index"]
    assert saver != indexer and indexer == threading.main_thread().name
    page = BeautifulSoup((out / "index.html").read_bytes(), "lxml")
    assert page.title is not None and page.title.get_text(strip=True)

    validated: list[int] = []
    monkeypatch.setattr(
        pipeline, "validate_pickled", lambda _c, files, *_: validated.append(len(files)) or iter(())
    )
    (content / "site.yaml").write_text((content / "site.yaml").read_text() + "\n# zorp\n")
    rebuilt = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert rebuilt.code == 0, rebuilt.stderr
    assert validated in ([], [0])


def test_a_full_disk_while_saving_them_leaves_the_site_as_it_was(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    content = copy_content("basic", tmp_path)
    out = tmp_path / "site"
    assert run_cli("build", "--content", str(content), "--out", str(out), "--no-search").code == 0
    before = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    def full(self: packs.Pack, blob: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(packs.Pack, "_append", full)
    for article in (content / "articles").glob("*.md"):
        article.write_text(article.read_text() + "\nZorp glorp.\n")
    built = run_cli("build", "--content", str(content), "--out", str(out), "--no-search", "--clean")
    assert built.code == 2
    assert built.stderr.endswith(": No space left on device\n"), built.stderr
    assert {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} == before
