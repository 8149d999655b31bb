"""Statement views made once per process (``views.Statements``), sharing their links,
are the views made one by one, and point at their quotes' anchors."""

from __future__ import annotations

from pathlib import Path

import pytest

from concordance import pipeline, urls, views
from concordance.config import BuildOptions
from tests.conftest import FIXTURES


@pytest.mark.parametrize("name", ["basic", "publish", "hostile-xss"])
def test_shared_links_give_the_views_made_one_by_one(name: str) -> None:
    content = Path(FIXTURES / name / "content")
    index = pipeline.check_content(BuildOptions(content=content, jobs=1)).index
    known = views.Statements(index)
    statements = list(index.statements.values())
    assert len(statements) >= 3
    for s in statements + statements[::-1]:
        view = known.view(s)
        assert view == views.statement_view(index, s)
        concepts = [(index.concepts[c].title, urls.concept_path(c)) for c in s.concepts]
        assert [(link.title, link.target) for link in view.concepts] == concepts
        assert view.article.title == index.articles[s.article].title
        assert view.target == f"{urls.article_path(s.article)}#{s.quote_id}"
        assert view.card_id == f"s-{s.article}_{s.quote_id}"
        speaker = index.speakers[s.speaker] if s.speaker else None
        assert (view.speaker.title if view.speaker else None) == speaker
    shared = {link.target for v in known.made.values() for link in v.concepts}
    assert len(known.links) >= len(shared) > 0
