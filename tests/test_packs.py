"""The append-only store of the validation cache (``packs.Pack``), alone and in a build."""

from __future__ import annotations

import pickle
from pathlib import Path

from conftest import run_cli

from bench.gen_corpus import generate
from concordance.cache import cache_dir
from concordance.diagnostics import Diagnostic, Severity, Span
from concordance.packs import Pack

TAG = "t1"


def _pickled(values: dict[str, object]) -> dict[str, bytes]:
    return {k: pickle.dumps(v, pickle.HIGHEST_PROTOCOL) for k, v in values.items()}


def _pack_file(folder: Path, name: str = "values") -> Path:
    (found,) = folder.glob(f"{name}-*.bin")
    return found


def test_values_come_back_and_only_the_kept_keys_stay(tmp_path: Path) -> None:
    pack = Pack.open(tmp_path, "values", TAG)
    pack.save(TAG, {}, _pickled({"a": [1, 2], "b": "two", "c": None}))
    again = Pack.open(tmp_path, "values", TAG)
    assert (again.get("a"), again.get("b"), again.get("missing")) == ([1, 2], "two", None)
    again.save(TAG, {"a"}, _pickled({"d": 4.0}))
    third = Pack.open(tmp_path, "values", TAG)
    assert sorted(third.index) == ["a", "d"]
    assert (third.get("a"), third.get("b"), third.get("d")) == ([1, 2], None, 4.0)


def test_a_save_appends_new_values_and_leaves_the_old_bytes(tmp_path: Path) -> None:
    big = {f"k{i}": "x" * 1000 + str(i) for i in range(50)}
    pack = Pack.open(tmp_path, "values", TAG)
    pack.save(TAG, {}, _pickled(big))
    file = _pack_file(tmp_path)
    before = file.read_bytes()
    inode = file.stat().st_ino
    reopened = Pack.open(tmp_path, "values", TAG)
    reopened.save(TAG, big, _pickled({"new": "value"}))
    after = _pack_file(tmp_path)
    assert after.stat().st_ino == inode
    data = after.read_bytes()
    assert data.startswith(before)
    assert len(data) - len(before) == len(pickle.dumps("value", pickle.HIGHEST_PROTOCOL))
    assert Pack.open(tmp_path, "values", TAG).get("new") == "value"


def test_a_mostly_unused_pack_is_compacted(tmp_path: Path) -> None:
    values = {f"k{i}": "y" * 500 + str(i) for i in range(20)}
    Pack.open(tmp_path, "values", TAG).save(TAG, {}, _pickled(values))
    first = _pack_file(tmp_path)
    Pack.open(tmp_path, "values", TAG).save(TAG, {"k3", "k7"}, {})
    second = _pack_file(tmp_path)
    assert second != first and not first.exists()
    assert second.stat().st_size == 2 * len(pickle.dumps(values["k3"], pickle.HIGHEST_PROTOCOL))
    reopened = Pack.open(tmp_path, "values", TAG)
    assert (reopened.get("k3"), reopened.get("k7"), reopened.get("k4")) == (
        values["k3"],
        values["k7"],
        None,
    )


def test_a_torn_tail_or_a_short_pack_never_gives_a_wrong_value(tmp_path: Path) -> None:
    Pack.open(tmp_path, "values", TAG).save(TAG, {}, _pickled({"a": "first", "b": "second"}))
    file = _pack_file(tmp_path)
    with open(file, "ab") as handle:  # a build killed while appending
        handle.write(b"\x80\x05garbage")
    assert Pack.open(tmp_path, "values", TAG).get("b") == "second"
    file.write_bytes(file.read_bytes()[:3])  # cut short by hand
    short = Pack.open(tmp_path, "values", TAG)
    assert (short.get("a"), short.get("b")) == (None, None)


def test_a_pack_removed_under_a_build_or_another_tag_starts_afresh(tmp_path: Path) -> None:
    Pack.open(tmp_path, "values", TAG).save(TAG, {}, _pickled({"a": 1}))
    pack = Pack.open(tmp_path, "values", TAG)
    assert pack.get("a") == 1
    _pack_file(tmp_path).unlink()  # another build compacted it away
    pack.save(TAG, {"a"}, _pickled({"b": 2}))
    reopened = Pack.open(tmp_path, "values", TAG)
    assert (reopened.get("a"), reopened.get("b")) == (None, 2)
    assert Pack.open(tmp_path, "values", "other-version").index == {}
    (tmp_path / "values.pickle").write_bytes(b"torn")
    assert Pack.open(tmp_path, "values", TAG).index == {}


def test_records_pickle_to_equal_records() -> None:
    diagnostic = Diagnostic(Span("a.md", 3, 4), Severity.WARNING, "code", "message", "hint")
    assert pickle.loads(pickle.dumps(diagnostic)) == diagnostic


def test_an_edit_appends_to_the_validation_cache(tmp_path: Path) -> None:
    content = tmp_path / "content"
    generate(20, 3, content)
    out = tmp_path / "site"
    args = ["build", "--content", str(content), "--out", str(out), "--no-search", "--quiet"]
    assert run_cli(*args).code == 0
    file = _pack_file(cache_dir(out), "articles")
    before = file.read_bytes()
    article = sorted((content / "articles").rglob("*.md"))[0]
    text = article.read_text(encoding="utf-8").replace('\ntitle: "', '\ntitle: "Edited ', 1)
    article.write_text(text, "utf-8")  # a front-matter edit: the full path validates it
    assert run_cli(*args).code == 0
    after = _pack_file(cache_dir(out), "articles")
    assert after == file and after.read_bytes().startswith(before)
    assert len(after.read_bytes()) > len(before)
