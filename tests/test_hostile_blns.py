"""The Big List of Naughty Strings in every front-matter field and in every body.

One article and one concept definition per string (tests/fixtures/blns). The first
build may fail, but only with located diagnostics; with the files it named removed,
the rest must build, and nothing in the output may be executable.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURES
from test_hostile import BESIDE_OUTPUT, build
from test_security_scan import scan_site

BLNS: list[str] = json.loads((FIXTURES / "blns" / "blns.json").read_text(encoding="utf-8"))


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def write_tree(root: Path) -> None:
    articles = root / "content" / "articles"
    concepts = root / "content" / "concepts"
    articles.mkdir(parents=True)
    concepts.mkdir(parents=True)
    (root / "content" / "site.yaml").write_text(
        f"title: {yaml_string(BLNS[100])}\ndescription: {yaml_string(BLNS[200])}\n"
        f"author: {yaml_string(BLNS[300])}\n",
        encoding="utf-8",
    )
    for i, naughty in enumerate(BLNS):
        s = yaml_string(naughty)
        front = (
            f"title: {s}\ndate: 2020-01-01\nsource: {s}\nplace: {s}\nspeaker: {s}\n"
            f"concepts: [{s}]\nquotes:\n  - text: naughty sentence {i}\n"
            f"    concepts: [{s}, {yaml_string(naughty + ' more')}]\n    note: {s}\n"
            f"  - text: {s}\n    concepts: [blns]\n    speaker: Speaker {i}\n"
        )
        body = f"The naughty sentence {i}.\n\n{naughty}\n"
        (articles / f"2020-01-01-blns-{i:03d}.md").write_text(f"---\n{front}---\n{body}", "utf-8")
        (concepts / f"blns-{i:03d}.md").write_text(
            f"---\ntitle: {yaml_string(naughty + f' {i}')}\naliases: [{s}]\nsummary: {s}\n---\n"
            f"{naughty}\n",
            encoding="utf-8",
        )


def test_naughty_strings_build_or_fail_with_located_errors(tmp_path: Path) -> None:
    write_tree(tmp_path)
    removed: set[str] = set()
    for _ in range(4):  # removing one of two colliding files can reveal the next collision
        built = build(tmp_path)
        if built.code == 0:
            break
        named = {path for path, *_ in built.errors()}
        assert named, built.output
        for path in named:
            assert (tmp_path / path).is_file(), f"error names no file: {path}"
            (tmp_path / path).unlink()
        removed |= named
    assert built.code == 0, built.output
    # Many strings differ only by punctuation (1.00, $1.00, -1.00): their slugs collide.
    assert len(removed) < len(BLNS) // 2, "most naughty strings are fine content"
    assert scan_site(built.out) == []
    assert {p.name for p in tmp_path.iterdir()} <= {"content", *BESIDE_OUTPUT}
