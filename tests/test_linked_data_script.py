"""``linked_data.script``, which the shipped ``_head_meta.html`` calls, writes the text
``linked_data(...) | tojson`` makes of the same page: every page of the fixture sites, and
pages whose values hold any character (markup, quotes, control characters, lone
surrogates, which send the whole document to ``json``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concordance import labels, linked_data, pipeline, render, urls, views
from concordance.config import BuildOptions
from concordance.index import SiteIndex
from concordance.json_text import script_json
from tests.conftest import copy_content

BASE_URLS = ("https://example.org/kb/", "https://example.org/a b/<'&\">/")


def _site(base_url: str, title: str = "Glorp <&'\"> site") -> render.SiteView:
    return render.SiteView(title, "All the zorps", "en", "", base_url, labels.for_language("en"))


def _page(site: render.SiteView, path: str, title: str) -> dict[str, Any]:
    return {"path": path, "title": title, "canonical": site.absolute(path)}


def _same(site: render.SiteView, page: dict[str, Any], **views: Any) -> None:
    expected = script_json(linked_data.linked_data(site, page, **views))
    assert linked_data.script(site, page, **views) == expected
    assert type(linked_data.script(site, page, **views)) is type(expected)


def _index(name: str, tmp_path: Path) -> SiteIndex:
    content = copy_content(name, tmp_path)
    index = pipeline.check_content(BuildOptions(content=content, jobs=1)).index
    assert index is not None
    return index


@pytest.mark.parametrize("fixture", ["publish", "hostile-xss", "directions", "linked"])
def test_every_page_of_a_fixture_is_written_as_tojson_writes_it(
    fixture: str, tmp_path: Path
) -> None:
    index = _index(fixture, tmp_path)
    words = labels.for_language("en")
    known = views.Statements(index)
    for base_url in BASE_URLS:
        site = _site(base_url)
        _same(site, _page(site, urls.home_path(), site.title))
        _same(site, _page(site, urls.concepts_path(), "Concepts"))
        for concept in index.concepts.values():
            outline = views.concept_outline(index, concept, site.language)
            view = views.with_statements(index, outline, known, words)
            _same(site, _page(site, urls.concept_path(concept.slug), concept.title), concept=view)
        for article in index.articles.values():
            view = views.article_view(index, article, "", known=known)
            _same(site, _page(site, urls.article_path(article.slug), article.title), article=view)
        for slug, name in index.speakers.items():
            _same(site, _page(site, urls.speaker_path(slug), name), speaker=name)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> SiteIndex:
    """The publish fixture's index, checked once for every example."""
    return _index("publish", tmp_path_factory.mktemp("publish"))


text = st.text(st.sampled_from("<>&'\"\\/ ée\u2028\x00\x1f\U0001f600z"), max_size=8)
any_text = text | st.text(max_size=8) | st.sampled_from(["\ud800", "a\udfffb"])  # lone surrogates


@settings(max_examples=150, deadline=None)
@given(values=st.lists(any_text, min_size=8, max_size=8), shown=st.booleans())
def test_any_value_is_written_as_tojson_writes_it(
    values: list[str], shown: bool, published: SiteIndex
) -> None:
    index = published
    title, place, source, url, lang, text, alias, summary = values
    site = _site(BASE_URLS[0], title=title)
    article = next(iter(index.articles.values()))
    view = views.article_view(index, article, "")
    statements = tuple(s._replace(text=text, lang=lang) for s in view.statements)
    view = dataclasses.replace(
        view,
        title=title,
        place=place if shown else None,
        source=source if shown else None,
        url=url,
        lang=lang,
        statements=statements,
        concepts=() if shown else view.concepts,
    )
    _same(site, _page(site, urls.article_path(article.slug), title), article=view)
    concept = next(iter(index.concepts.values()))
    outline = views.concept_outline(index, concept, site.language)
    term = views.with_statements(index, outline, views.Statements(index), site.labels)
    term = dataclasses.replace(
        term,
        title=title,
        summary=summary or None,
        aliases=(views.alias(alias, "en"),) if shown else (),
        statements=statements,
    )
    _same(site, _page(site, urls.concept_path(concept.slug), title), concept=term)
    _same(site, _page(site, urls.speaker_path("x"), title), speaker=text)
    _same(site, _page(site, urls.home_path(), title))


def test_the_shipped_head_writes_the_script() -> None:
    """``_head_meta.html`` calls ``script``, not ``linked_data`` and ``tojson``; both stay
    page globals for a site's own templates."""
    env = render.environment(Path(__file__).parent.parent / "templates")
    source = env.loader.get_source(env, "_head_meta.html")[0] if env.loader else ""
    assert "linked_data_script(" in source
    assert env.globals["linked_data_script"] is linked_data.script
    assert env.globals["linked_data"] is linked_data.linked_data
