"""The concept files are read and validated while the workers validate the articles
(``pipeline._alongside``), not after, when the parent did it alone with the workers'
cores idle; what the build reports and writes does not change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli

from bench.gen_corpus import generate
from concordance import parallel, pipeline
from concordance.diagnostics import Diagnostic
from concordance.load import RawDocument
from concordance.model import ConceptDef

ARTICLES = parallel.MIN_PARALLEL + 2 * parallel.CHUNK


def test_concept_files_are_validated_while_the_articles_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    generate(ARTICLES, 7, content, jobs=1)
    came: list[int] = []  # article results the parent had when each concept was validated
    at_concepts: list[int] = []
    fresh, validate = pipeline.validate_pickled, pipeline.validate_concept

    def counted(content: Path, files: list[Path], publish: str, jobs: int) -> Iterator[bytes]:
        for blob in fresh(content, files, publish, jobs):
            came.append(1)
            yield blob

    def noted(raw: RawDocument) -> tuple[ConceptDef | None, list[Diagnostic]]:
        at_concepts.append(len(came))
        return validate(raw)

    monkeypatch.setattr(pipeline, "validate_pickled", counted)
    monkeypatch.setattr(pipeline, "validate_concept", noted)
    out = tmp_path / "site"
    built = run_cli("build", "--content", str(content), "--out", str(out), "--jobs", "2")
    assert built.code == 0, built.stderr
    assert len(came) == ARTICLES
    assert len(at_concepts) == len(list((content / "concepts").glob("*.md"))) > 0
    assert max(at_concepts) < ARTICLES  # before the last article's result came
    assert (out / "concepts" / "index.html").is_file()


def test_a_site_whose_articles_are_all_cached_still_validates_its_concepts(
    tmp_path: Path,
) -> None:
    """No article to validate: the concept files are read all the same (``_alongside``
    does its work when no result comes), and their problems reported."""
    content = tmp_path / "content"
    generate(ARTICLES, 7, content, jobs=1)
    out = tmp_path / "site"
    assert run_cli("build", "--content", str(content), "--out", str(out), "--jobs", "2").code == 0
    concept = next((content / "concepts").glob("*.md"))
    concept.write_text("---\nsummary: glorp\n---\nzorp\n", encoding="utf-8")
    again = run_cli("build", "--content", str(content), "--out", str(out), "--jobs", "2")
    assert again.code == 1
    where = (content / "concepts" / concept.name).as_posix()
    errors = [line for line in again.stderr.splitlines() if ": error: " in line]
    assert [line for line in errors if line.startswith(where)], again.stderr
