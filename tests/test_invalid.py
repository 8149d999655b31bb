"""Every invalid content tree under tests/invalid/ gives exactly its expected diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import INVALID, run_cli

CASES = sorted(p for p in INVALID.iterdir() if (p / "content").is_dir())


def diagnostics_of(stderr: str) -> str:
    """Diagnostic lines and their hints, without the timing summary."""
    lines = [line for line in stderr.splitlines() if not line.startswith("checked in")]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_expected_diagnostics(
    case: Path, monkeypatch: pytest.MonkeyPatch, update_expected: bool
) -> None:
    monkeypatch.chdir(case)
    result = run_cli("check", "--content", "content")
    got = diagnostics_of(result.stderr)
    expected_file = case / "expected.txt"
    if update_expected:
        expected_file.write_text(got, encoding="utf-8")
    assert got == expected_file.read_text(encoding="utf-8")
    has_errors = ": error: " in got
    assert result.code == (1 if has_errors else 0)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_build_refuses_and_keeps_previous_site(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    (out / "data").mkdir(parents=True)
    (out / "index.html").write_text("previous site", encoding="utf-8")
    (out / "data" / "concordance.json").write_text("{}", encoding="utf-8")
    monkeypatch.chdir(case)
    result = run_cli("build", "--content", "content", "--out", str(out), "--no-search")
    assert result.code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in tmp_path.iterdir() if not p.name.startswith(".site.new")
    )
    assert sorted(p.name for p in out.iterdir()) == ["data", "index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "previous site"


def test_json_format_matches_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.chdir(INVALID / "quote-not-found")
    result = run_cli("check", "--content", "content", "--format", "json")
    data = json.loads(result.stdout)
    first = data["diagnostics"][0]
    assert (first["path"], first["line"], first["column"], first["code"]) == (
        "content/articles/2023-01-01-a.md",
        6,
        11,
        "quote-not-found",
    )
    expected = (INVALID / "quote-not-found" / "expected.txt").read_text(encoding="utf-8")
    assert data["errors"] == expected.count(": error: ") and data["errors"] >= 5
    assert data["warnings"] == expected.count(": warning: ") == 2
    assert result.code == 1
