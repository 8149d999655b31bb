"""Inserted text as PyMdown Extensions' caret extension writes it (``inserted``): ``^^like
this^^`` shown as ``<ins>``, a quote copied from the page or the source found through it;
the carets of faces and runs of three stay as typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import build_one_article

BODY = (
    "The zelt plan ^^was adopted today^^ by all, and [^^glorp^^](https://example.org).\n"
    "好的^^再见^^。(^^) and (^^), 감사합니다 ^^ 좋아요 ^^, ^^^blim^^^, ^^ quux ^^, \\^^frob^^.\n"
)


@pytest.mark.parametrize(
    ("typed", "marked"),
    [
        ("The zelt plan was adopted today by all", "The zelt plan was adopted today by all"),
        ("plan ^^was adopted today^^ by", "plan was adopted today by"),  # from the source
    ],
)
def test_inserted_text_is_ins(tmp_path: Path, typed: str, marked: str) -> None:
    front = f"title: Ins\ndate: 2024-01-05\nquotes:\n  - text: {json.dumps(typed)}\n"
    one = build_one_article(tmp_path, "2024-01-05-ins", front, BODY)
    paragraph = one.body.find("p")
    assert paragraph is not None
    assert [ins.get_text() for ins in paragraph.find_all("ins")] == ["was adopted today", "glorp"]
    assert paragraph.find("a").find("ins") is not None
    assert " ".join(paragraph.get_text().split()) == (
        "The zelt plan was adopted today by all, and glorp."
        " 好的^^再见^^。(^^) and (^^), 감사합니다 ^^ 좋아요 ^^, ^^^blim^^^, ^^ quux ^^, ^^frob^^."
    )
    marks = "".join(m.get_text() for m in one.body.select("mark.quote"))
    assert marks == marked
