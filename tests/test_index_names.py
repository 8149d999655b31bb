"""Indexing folds each concept name once, however often it is written, and places each
statement in order without sorting them (``build_index``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from concordance import model, pipeline
from concordance.resolve import Names
from tests.conftest import run_cli


class _Counting:
    """``Names`` whose ``concept`` look-ups are counted by name."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.asked: dict[str, int] = {}

    def concept(self, name: str) -> str:
        self.asked[name] = self.asked.get(name, 0) + 1
        return self.names.concept(name)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.names, attribute)


@pytest.mark.python_source  # compiled, ``build_index`` takes only a ``Names``
def test_each_concept_name_is_looked_up_once_per_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Forty articles of three quotes, each naming two of three concepts (written in two
    spellings): each name was folded and looked up at each place it is written."""
    seen: list[_Counting] = []
    original = pipeline.build_index

    def counting(articles: list[model.Article], names: Names, *args: Any) -> Any:
        seen.append(_Counting(names))
        return original(articles, seen[-1], *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build_index", counting)
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    pairs = ["[Zorvex, glorp]", "[glorp, quux]", "[ZORVEX, Quux]"]
    for n in range(40):
        quotes = "".join(
            f"  - text: zorp{n} blip{q}\n    speaker: Speaker {q}\n    concepts: {pairs[q]}\n"
            for q in range(3)
        )
        front = f"---\ntitle: A{n}\ndate: 2024-01-{n % 28 + 1:02d}\nquotes:\n{quotes}---\n"
        body = " ".join(f"zorp{n} blip{q}." for q in range(3))
        (content / "articles" / f"a{n}.md").write_text(front + body + "\n")
    out = tmp_path / "site"
    built = run_cli("build", "--content", str(content), "--out", str(out), "--jobs", "1")
    assert built.code == 0, built.stderr
    (names,) = seen
    assert names.asked and max(names.asked.values()) == 1
    page = BeautifulSoup((out / "concepts" / "zorvex" / "index.html").read_bytes(), "lxml")
    assert len(page.select("blockquote")) == 80  # both spellings are the one concept


def test_each_statement_is_placed_in_order_without_a_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each concept's and speaker's statements, and all of them (``in_order``), come in
    ``statement_order``, and no statement's key is taken: they are placed by date and slug,
    where sorting them made and compared a tuple of three for each."""
    from bench.gen_corpus import generate
    from concordance import index as index_module
    from concordance.config import BuildOptions

    generate(30, 5, tmp_path / "content")
    keyed: list[model.Statement] = []
    order = index_module.statement_order

    def counted(statement: model.Statement) -> tuple[object, ...]:
        keyed.append(statement)
        return order(statement)

    monkeypatch.setattr(index_module, "statement_order", counted)
    options = BuildOptions(content=tmp_path / "content", jobs=1, write=False)
    index = pipeline.check_content(options).index
    assert not keyed
    assert list(index.in_order) == sorted(index.statements.values(), key=order)
    groups = [*index.by_concept.values(), *index.by_speaker.values()]
    assert sum(len(g) for g in index.by_concept.values()) > len(index.statements)
    for group in groups:
        assert list(group) == sorted(group, key=order)
    for slug, group in index.by_concept.items():
        assert set(group) == {s for s in index.statements.values() if slug in s.concepts}
    for slug, group in index.by_speaker.items():
        assert set(group) == {s for s in index.statements.values() if s.speaker == slug}


_DAYS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2024, 1, 4))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.lists(_DAYS, max_size=4)), max_size=6))
def test_statements_placed_by_date_and_slug_are_in_statement_order(
    written: list[tuple[str, list[dt.date]]],
) -> None:
    """``_in_order`` is ``statement_order``'s stable sort, whatever the articles' order: of
    articles sharing a slug (an error, but indexed), statements sharing a date too, and
    places in an article with no quote found (a gap)."""
    from concordance import index as index_module

    nothing = (None,) * 6
    ordered: list[model.Article] = []
    made: list[list[model.Statement]] = []
    for n, (slug, days) in enumerate(written):
        ordered.append(
            model.Article(
                model.Slug(slug),
                f"{n}.md",
                "t",
                days[0] if days else dt.date(2024, 1, 1),
                *nothing,
                (),
                (),
                (),
                "",
                "",
            )
        )
        made.append(
            [
                model.Statement(model.Slug(slug), f"q{n}-{at}", day, (), None, 2 * at)
                for at, day in enumerate(days)
            ]
        )
    every = [s for statements in made for s in statements]
    expected = sorted(every, key=index_module.statement_order)
    assert list(index_module._in_order(ordered, made)) == expected
