from __future__ import annotations

from pathlib import Path

from conftest import copy_content, run_cli


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_concepts_resolve_by_alias_case_and_width(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "concepts" / "a.md", "---\ntitle: zelt tea\naliases: [ZT, 泽尔特茶]\n---\n")
    write(
        content / "articles" / "2020-01-01-x.md",
        "---\ntitle: X\ndate: 2020-01-01\nquotes:\n"
        "  - text: one cup\n    concepts: [ＺＴ]\n"
        "  - text: two cups\n    concepts: ['  Zelt   TEA ']\n"
        "  - text: three cups\n    concepts: [泽尔特茶]\n"
        "---\none cup, two cups, three cups\n",
    )
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in (out / "concepts").iterdir()) == ["index.html", "zelt-tea"]


def test_undefined_concept_gets_a_page_and_a_warning(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0
    assert "concept 'zelt tea' has no definition [concept-undefined]" in result.stderr
    assert (out / "concepts" / "zelt-tea" / "index.html").is_file()
    strict = run_cli("check", "--content", str(content), "--strict")
    assert strict.code == 1
