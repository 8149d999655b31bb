"""An article whose title or date is wrong still takes part in the checks across files
(``model.PartialArticle``), through every path a run can take, and is never built."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, INVALID, run_cli
from test_invalid import diagnostics_of

from concordance import pipeline

ARTICLE = "articles/2022-07-09-second.md"


def build(content: Path, out: Path) -> tuple[int, str]:
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    return result.code, "\n".join(line for line in lines if not line.startswith("not built"))


def test_a_cached_partial_article_reports_what_check_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    shutil.copytree(INVALID / "partial-article" / "content", content)
    monkeypatch.chdir(tmp_path)
    validated: list[int] = []
    fresh = pipeline.validate_pickled

    def counted(content: Path, files: list[Path], publish: str, jobs: int) -> Iterator[bytes]:
        validated.append(len(files))
        return fresh(content, files, publish, jobs)

    monkeypatch.setattr(pipeline, "validate_pickled", counted)
    first, second = build(Path("content"), Path("site")), build(Path("content"), Path("site"))
    assert validated == [2, 0]  # the second build took both results from the cache
    assert first == second
    assert first[0] == 1 and not (tmp_path / "site").exists()
    checked = run_cli("check", "--content", "content")
    assert first[1] + "\n" == diagnostics_of(checked.stderr)
    assert "[concept-unknown]" in first[1] and "[quote-id-reserved]" in first[1]


def test_breaking_the_date_of_a_built_article_reports_its_other_problems(
    tmp_path: Path,
) -> None:
    """The edit goes past the rebuild of bodies alone (``delta``) to a full run, which
    reports the typo of a concept in the same file, and keeps the site."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic" / "content", content)
    out = tmp_path / "site"
    assert build(content, out)[0] == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    article = content / ARTICLE
    text = article.read_text(encoding="utf-8")
    text = text.replace("date: 2022-07-09", "date: 2022-07-99")
    article.write_text(text.replace("[Vorlan Growth]", "[Vorlan Growht]"), encoding="utf-8")
    code, stderr = build(content, out)
    assert code == 1
    assert f"{ARTICLE}:3:7: error: 'date' must be a date" in stderr
    assert f"{ARTICLE}:10:16: warning: unknown concept 'Vorlan Growht'" in stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
