"""Pickled values by key in one append-only file, with a small index of where each one is.

A rebuild after an edit changes a few values of thousands: rewriting them all (the whole
validation cache is about 45 MB at 5,000 articles) cost more than the rest of the
rebuild. Here a save appends only the new values and rewrites the index; the file is
compacted only when less than half of it is still indexed.

Safe to share between builds: each save appends its values in one ``write`` to a file
opened with ``O_APPEND`` (the kernel writes it whole, after everything before it), and the
index is replaced by a rename. A killed build leaves at worst an unindexed tail, which the
next compaction drops. An index whose file is gone or short reads as empty.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from concordance.atomic import store

Entry = tuple[int, int]
"""Where one value is in the pack: (offset, length)."""


@dataclass(slots=True)
class Pack:
    """One named store of values in ``folder``: its index and the pack it refers to."""

    folder: Path
    name: str
    """The index is ``<name>.pickle``, the packs ``<name>-*.bin``."""
    file: str = ""
    """The pack the index refers to (a file name in ``folder``)."""
    index: dict[str, Entry] = field(default_factory=dict)
    data: bytes | None = None

    @classmethod
    def open(cls, folder: Path, name: str, tag: str) -> Pack:
        """The stored index, if it was written with the same ``tag`` (a code version)."""
        try:
            with open(folder / f"{name}.pickle", "rb") as handle:
                stored = pickle.load(handle)
            if stored["tag"] == tag and isinstance(stored["index"], dict):
                return cls(folder, name, str(stored["file"]), stored["index"])
        except Exception:  # missing, torn or from another version: start afresh
            pass
        return cls(folder, name)

    @staticmethod
    def held(folder: Path, name: str) -> bool:
        """Whether a pack named ``name`` is indexed in ``folder`` (a link, say, counts)."""
        return os.path.lexists(folder / f"{name}.pickle")

    def get(self, key: str) -> Any:
        """The value stored under ``key``, or None."""
        entry = self.index.get(key)
        if entry is None:
            return None
        if self.data is None:
            self.data = self._read()
        offset, length = entry
        if offset + length > len(self.data):
            return None
        try:
            return pickle.loads(memoryview(self.data)[offset : offset + length])
        except Exception:
            return None

    def _read(self) -> bytes:
        if not self.file:
            return b""
        try:
            return (self.folder / self.file).read_bytes()
        except OSError:
            return b""

    def save(self, tag: str, keep: Collection[str], fresh: Mapping[str, bytes]) -> None:
        """Index exactly the keys of ``keep`` (stored already) and ``fresh`` (new values,
        already pickled, appended)."""
        index = {k: self.index[k] for k in keep if k in self.index}
        new = sorted(k for k in fresh if k not in index)
        if not new and index == self.index:
            return
        blobs = [fresh[k] for k in new]
        blob = b"".join(blobs)
        try:
            if self._wasteful(index):
                self._compact(index)
            end = self._append(blob)
        except OSError:  # the pack went away (another build compacted it): start afresh
            index.clear()
            self._compact(index)
            end = self._append(blob)
        offset = end - len(blob)
        for key, value in zip(new, blobs, strict=True):
            index[key] = (offset, len(value))
            offset += len(value)
        self._store_index(tag, index)
        self.index = index

    def _wasteful(self, index: dict[str, Entry]) -> bool:
        """No pack yet, or less than half of it still indexed."""
        try:
            size = os.stat(self.folder / self.file).st_size if self.file else 0
        except OSError:
            return True
        return not self.file or 2 * sum(length for _, length in index.values()) < size

    def _compact(self, index: dict[str, Entry]) -> None:
        """Start a new pack with only the indexed values (``index`` is updated to it)."""
        data = self._read() if index else b""
        fresh = f"{self.name}-{os.getpid()}-{time.time_ns()}.bin"
        offset = 0
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / fresh, "wb") as handle:
            for key, (start, length) in sorted(index.items(), key=lambda kv: kv[1]):
                if start + length > len(data):
                    del index[key]  # the old pack was short: that value is lost, not wrong
                    continue
                handle.write(data[start : start + length])
                index[key] = (offset, length)
                offset += length
        self.file, self.data = fresh, None

    def _append(self, blob: bytes) -> int:
        """Append ``blob`` in one write; returns the offset of its end. Never creates the
        file: a pack name is used once, so a deleted pack is never confused with a new one."""
        fd = os.open(self.folder / self.file, os.O_WRONLY | os.O_APPEND)
        try:
            if os.write(fd, blob) != len(blob):
                raise OSError(f"short write to {self.folder / self.file}")
            return os.lseek(fd, 0, os.SEEK_CUR)
        finally:
            os.close(fd)

    def _store_index(self, tag: str, index: dict[str, Entry]) -> None:
        store(self.folder / f"{self.name}.pickle", {"tag": tag, "file": self.file, "index": index})
        for old in self.folder.glob(f"{self.name}-*.bin"):
            if old.name != self.file:
                old.unlink(missing_ok=True)
