"""Dates in front matter: a time of day may follow a date, but only a real one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from sitecheck import soup

# Line 3 holds the article's date, line 4 its said_on, line 8 the quote's said_on; each
# value starts in the column given.
ARTICLE = (
    "---\ntitle: Glorp\ndate: {date}\nsaid_on: {said_on}\nquotes:\n  - text: glorp zelt\n"
    "    concepts: [zelt]\n    said_on: {quote_said_on}\n---\nglorp zelt\n"
)
COLUMNS = {"date": (3, 7), "said_on": (4, 10), "quote_said_on": (8, 14)}
PLAIN = {"date": "2024-01-03", "said_on": "2024-01-02", "quote_said_on": "2024-01-01"}


def content_with(tmp_path: Path, field: str, value: str) -> Path:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    dates = {**PLAIN, field: value}
    text = ARTICLE.format(**dates)
    (content / "articles" / "2024-01-03-glorp.md").write_text(text, encoding="utf-8")
    return content


@pytest.mark.parametrize("field", sorted(COLUMNS))
@pytest.mark.parametrize(
    "value",
    [
        "2024-01-01T99:99:99",
        '"2024-01-01 ::::"',
        "2024-01-01T1",
        "2024-01-01T24:00",
        "2024-01-01 10:60",
        "2024-01-01T10:00:61",
        "2024-01-01T10:00+25:00",
        "2024-01-01T10:00+100",
        "2024-01-01T10:00 lunch",
        "2024-01-01T",
    ],
)
def test_a_date_with_a_time_that_is_not_real_is_malformed(
    tmp_path: Path, field: str, value: str
) -> None:
    content = content_with(tmp_path, field, value)
    result = run_cli("check", "--content", str(content), "--format", "json")
    assert result.code == 1
    found = json.loads(result.stdout)["diagnostics"]
    located = [(d["line"], d["column"]) for d in found if d["code"] == "date-malformed"]
    assert located == [COLUMNS[field]]


@pytest.mark.parametrize("field", sorted(COLUMNS))
@pytest.mark.parametrize(
    "value",
    [
        "2024-01-01T10:00",
        "2024-01-01 10:00:00",
        "2024-01-01t9:05:00.25Z",
        "2024-01-01T10:00:00+01:00",
        "2024-01-01T10:00-0530",
        "2024-01-01 21:59:43.10 -5",  # YAML's own example of a timestamp
        '"2024-01-01T23:59:59Z"',
    ],
)
def test_a_date_with_a_real_time_is_its_day(tmp_path: Path, field: str, value: str) -> None:
    content = content_with(tmp_path, field, value)
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    if field == "quote_said_on":
        card = soup(out / "concepts" / "zelt" / "index.html").select_one("article.statement")
        assert card is not None
        assert card.select_one(".meta time")["datetime"] == "2024-01-01"
        return
    facts = soup(out / "articles" / "2024-01-03-glorp" / "index.html").select_one("dl.facts")
    assert facts is not None
    shown = [t["datetime"] for t in facts.select("time")]
    expected = {"date": ["2024-01-01", "2024-01-02"], "said_on": ["2024-01-03", "2024-01-01"]}
    assert shown == expected[field]


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("2024/3/5", "write 2024-03-05"),
        ("2024.03.05", "write 2024-03-05"),
        ("20240305", "write 2024-03-05"),
        ('"March 5, 2024"', "write 2024-03-05"),
        ("5 Mar 2024", "write 2024-03-05"),
        ("13/03/2024", "write 2024-03-13"),
        (
            "05/03/2024",
            "write 2024-03-05 or 2024-05-03, whichever is meant (the month comes first)",
        ),
        ("2024-02-30", "e.g. 2024-02-01"),
        ("yesterday", "e.g. 2024-02-01"),
    ],
)
def test_a_date_written_another_way_gets_it_written_as_meant(
    tmp_path: Path, value: str, hint: str
) -> None:
    """A date typed as the editor's country writes it: the hint gives the date to write,
    not an example of another date, and both readings when day and month may be swapped."""
    content = content_with(tmp_path, "date", value)
    result = run_cli("check", "--content", str(content), "--format", "json")
    assert result.code == 1
    found = json.loads(result.stdout)["diagnostics"]
    assert [d["hint"] for d in found if d["code"] == "date-malformed"] == [hint]
