"""Full-text search: Pagefind indexes the finished site before it is swapped into place.

Pagefind (the ``pagefind[bin]`` wheel) runs offline on the staging directory and
writes its index and browser bundle to ``pagefind/`` inside it. Templates decide
what is indexed (``data-pagefind-body``) and which filters exist
(``data-pagefind-filter``: concept, speaker, year).
"""

from __future__ import annotations

import contextlib
import ctypes
import gzip
import hashlib
import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from concordance.write import OutputError

TIMEOUT_SECONDS = 600


class SearchIndexError(OutputError):
    """Pagefind could not index the site; the previous site stays in place."""


_PR_SET_PDEATHSIG = 1


def index_site(root: Path, language: str) -> None:
    """Index the site at ``root`` into ``root/pagefind``.

    ``--force-language`` puts every page in one index: Pagefind otherwise splits
    indexes by ``<html lang>`` and the search page would only see its own language,
    so Chinese aliases on English pages would still be found, but pages in another
    language would not.
    """
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        ".",  # run in ``root``: Pagefind refuses a path that is no UTF-8 (``--out $'s\xffite'``)
        "--force-language",
        _primary(language),
        "--silent",
    ]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            timeout=TIMEOUT_SECONDS,
            cwd=root,
            preexec_fn=_die_with_parent,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"search index not built: {exc}") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SearchIndexError(
            "search index not built (pagefind failed): "
            + (detail[-1] if detail else f"exit {result.returncode}")
            + "; build with --no-search to skip it"
        )
    if (missing := missing_from_bundle(root / "pagefind")) is not None:
        raise SearchIndexError(
            f"search index not built (pagefind exited 0 but did not write {missing}); "
            "check that the output folder can be written, or build with --no-search to skip it"
        )
    canonical_filters(root / "pagefind")


def missing_from_bundle(bundle: Path) -> str | None:
    """The first file of Pagefind's bundle that is not there, or None when it is whole.

    Pagefind reports a file it cannot write on its own threads and may still exit 0: the
    build then swapped in a site whose search page found nothing. The search worker loads
    ``pagefind.js``, which reads ``pagefind-entry.json`` and, for each language it lists,
    the language's ``.pf_meta`` file and WebAssembly.
    """
    entry_file = bundle / "pagefind-entry.json"
    for needed in (bundle / "pagefind.js", entry_file):
        if not needed.is_file():
            return needed.name
    try:
        languages = json.loads(entry_file.read_bytes())["languages"]
        files = [f"pagefind.{language['hash']}.pf_meta" for language in languages.values()]
        files += [f"wasm.{lang['wasm']}.pagefind" for lang in languages.values() if lang["wasm"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        return f"{entry_file.name} (it cannot be read as Pagefind's)"
    return next((name for name in files if not (bundle / name).is_file()), None)


def _die_with_parent() -> None:
    """If the build is killed, the indexer must not go on writing into a tree the next
    build may reuse; the signal request survives ``python -m pagefind``'s exec."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _primary(language: str) -> str:
    """``en`` from ``en-GB``: Pagefind expects an ISO 639-1 code."""
    return (language.split("-")[0] or "en").lower()


# Pagefind (1.5) writes its filter indexes in hash-map order, which changes from run to run:
# the files' bytes, their names, the meta file naming them and pagefind-entry.json all differ
# between two builds of the same site. The rest of its output is stable. So the filter files
# are rewritten with their values sorted, renamed by content, and the references updated.
# Anything unexpected (a format change) leaves Pagefind's own output untouched.
SIGNATURE = b"pagefind_dcd"
_FILTERS_AT = 3
"""Position of the [[filter name, file hash], ...] list in a language's .pf_meta record."""


def canonical_filters(bundle: Path) -> None:
    entry_file = bundle / "pagefind-entry.json"
    if not entry_file.is_file():
        return
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for language in entry.get("languages", {}).values():
        meta_file = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_file)
        if meta is None or not _is_filter_list(meta, _FILTERS_AT):
            continue
        renamed = []
        for name, file_hash in meta[_FILTERS_AT]:
            new_hash = _canonical_filter(bundle / "filter", file_hash)
            if new_hash is None:
                return
            renamed.append([name, new_hash])
        meta[_FILTERS_AT] = sorted(renamed)
        data = _pack(meta)
        new_meta = f"{language['hash'].split('_')[0]}_{hashlib.sha256(data).hexdigest()[:10]}"
        meta_file.unlink()
        (bundle / f"pagefind.{new_meta}.pf_meta").write_bytes(data)
        language["hash"] = new_meta
    entry_file.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def _canonical_filter(folder: Path, file_hash: str) -> str | None:
    file = folder / f"{file_hash}.pf_filter"
    record = _read(file)
    if not (isinstance(record, list) and len(record) == 2 and isinstance(record[1], list)):
        return None
    record[1] = sorted(record[1], key=lambda value: str(value[0]))
    data = _pack(record)
    new_hash = f"{file_hash.split('_')[0]}_{hashlib.sha256(data).hexdigest()[:7]}"
    file.unlink()
    (folder / f"{new_hash}.pf_filter").write_bytes(data)
    return new_hash


def _is_filter_list(meta: Any, at: int) -> bool:
    return (
        isinstance(meta, list)
        and len(meta) > at
        and isinstance(meta[at], list)
        and all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)
            for p in meta[at]
        )
    )


def _read(file: Path) -> Any:
    """A Pagefind record, or None when the file is not one this code can re-encode exactly."""
    if not file.is_file():
        return None
    raw = gzip.decompress(file.read_bytes())
    if not raw.startswith(SIGNATURE):
        return None
    try:
        value, end = _decode(raw, len(SIGNATURE))
    except (ValueError, IndexError):
        return None
    if end != len(raw) or _encode(value) != raw[len(SIGNATURE) :]:
        return None
    return value


def _pack(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + _encode(value), mtime=0)


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    """The CBOR subset Pagefind's records use: integers, strings, arrays."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        arg = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError("unsupported CBOR item")
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major == 3:
        return data[at : at + arg].decode("utf-8"), at + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"unsupported CBOR major type {major}")


def _encode(value: Any) -> bytes:
    if isinstance(value, bool):
        raise ValueError("unsupported CBOR item")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    raise ValueError("unsupported CBOR item")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("integer too large")
