"""Statement keys (``keys.StatementKeys``): a statement's key changes with everything its
cards and entries are made of, and is made without the record's repr."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from concordance import cache, labels, linked_data, pipeline, render, views
from concordance.config import BuildOptions, SiteConfig
from concordance.emit.xmlout import Written
from concordance.index import SiteIndex
from concordance.keys import StatementKeys
from concordance.model import Slug, Statement
from tests.conftest import FIXTURES, REPO

CHANGED: dict[str, object] = {
    "article": Slug("glorp-zorp"),
    "quote_id": "q-zorp",
    "date": dt.date(1999, 9, 9),
    "concepts": (),
    "speaker": None,
    "position": 7,
}
"""Another value for each field of a statement's record."""


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    """The basic fixture's index, with each article's signature as a build with a cache has."""
    content = Path(FIXTURES / "basic" / "content")
    found = pipeline.check_content(BuildOptions(content=content, jobs=1)).index
    signatures = {slug: cache.signature(a) for slug, a in found.articles.items()}
    return replace(found, signatures=signatures)


def _spoken(index: SiteIndex) -> Statement:
    return next(s for s in index.statements.values() if s.speaker and s.concepts)


def test_every_field_of_a_statement_is_in_its_key(index: SiteIndex) -> None:
    s = _spoken(index)
    assert set(CHANGED) == set(Statement._fields)  # a new field needs a value
    # The other article signed as this one is, so its slug alone tells them apart.
    signatures = {**index.signatures, CHANGED["article"]: index.signatures[s.article]}
    signed = replace(index, signatures=signatures)
    key = StatementKeys(signed).one(s)
    for name, value in CHANGED.items():
        assert getattr(s, name) != value
        assert StatementKeys(signed).one(s._replace(**{name: value})) != key, name


def test_a_statement_key_follows_its_article_its_concepts_and_its_speaker(
    index: SiteIndex,
) -> None:
    s = _spoken(index)
    key = StatementKeys(index).one(s)
    others = [StatementKeys(i).one(s) for i in _changed_around(index, s)]
    assert len({key, *others}) == 5


def _changed_around(index: SiteIndex, s: Statement) -> tuple[SiteIndex, ...]:
    """``index`` with what a statement's and its article's keys follow changed, each alone:
    the article's signature, a topic's title, the speaker's name, and that name with a lone
    surrogate, which JSON cannot carry (the key is then made of the repr instead)."""
    signed = replace(index, signatures={**index.signatures, s.article: "0" * 40})
    concept = index.concepts[s.concepts[0]]
    titled = replace(concept, title=concept.title + " zorp")
    retitled = replace(index, concepts={**index.concepts, concept.slug: titled})
    assert s.speaker is not None
    renamed = replace(index, speakers={**index.speakers, s.speaker: "Speaker 7"})
    surrogate = replace(index, speakers={**index.speakers, s.speaker: "Speaker \ud800"})
    return signed, retitled, renamed, surrogate


def test_keys_are_made_without_the_records_repr(
    index: SiteIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dataclass's ``__repr__`` runs in Python, and took half of a key's time."""
    made = StatementKeys(index).of(tuple(index.statements.values()))

    def refused(self: Statement) -> str:
        raise AssertionError("repr of a statement")

    monkeypatch.setattr(Statement, "__repr__", refused)
    assert StatementKeys(index).of(tuple(index.statements.values())) == made
    assert len(set(made)) == len(made) > 1


def test_the_statements_asked_for_again_get_the_same_keys(index: SiteIndex) -> None:
    """A concept's page and feed ask for its statements one after the other: the second
    gets the keys of the first, and other statements (an equal tuple too) their own."""
    keys = StatementKeys(index)
    concept = max(index.by_concept.values(), key=len)
    first = keys.of(concept)
    assert keys.of(concept) is first
    assert first == tuple(StatementKeys(index).one(s) for s in concept)
    other = next(s for s in index.by_concept.values() if s != concept)
    assert keys.of(other) == tuple(StatementKeys(index).one(s) for s in other)
    assert keys.of(tuple(concept)[:1]) == first[:1]
    assert keys.of(()) == ()


def test_the_keys_of_statements_are_written_as_their_tuple_s_repr(index: SiteIndex) -> None:
    """``listed`` writes a page's statement keys as ``repr`` writes their tuple (so a page's
    key is the same as when the tuple was written), for none, one and many, and makes it
    once for a concept's page and feed, which ask one after the other."""
    keys = StatementKeys(index)
    concept = max(index.by_concept.values(), key=len)
    assert len(concept) > 1
    for statements in (concept, concept[:1], ()):
        assert repr(keys.listed(statements)) == repr(keys.of(statements))
    assert repr((keys.listed(concept), 1)) == repr((keys.of(concept), 1))
    assert keys.listed(concept) is keys.listed(concept)


VIEWS = [views.Link, views.Alias, views.Timeline, views.ConceptView, views.ArticleView]
VIEWS += [views.ConceptRow, render.SiteView, render.Head, render.ArticleRow]
"""What page keys are written of (``views.plain_repr``)."""


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: view.__name__)
def test_a_view_s_repr_is_the_dataclass_s_without_its_guard(view: type) -> None:
    """Page keys are made of views' reprs (``cache.page_key``): each written without the
    guard against recursion (``views.plain_repr``) is the text ``dataclasses`` writes with
    it, every field it shows in its place."""
    assert not hasattr(view.__repr__, "__wrapped__")
    shown = dataclasses.fields(view)
    guarded = dataclasses.make_dataclass(
        view.__name__, [(f.name, object, dataclasses.field(repr=f.repr)) for f in shown]
    )
    values = {f.name: _sample(f) for f in shown}
    assert repr(view(**values)) == repr(guarded(**values))


def _sample(field: dataclasses.Field[object]) -> object:
    """A value of ``field``'s type (a compiled class checks it where its ``__repr__``,
    written out, reads it): a text with quotes and a character to escape, where one will do."""
    text = f"<{field.name} & {field.name!r}>"
    if field.type in (int, float):
        return 7
    if field.type is bool:
        return True
    if field.type is tuple:
        return (text, 7)
    if field.type is dict:
        return {text: text}
    if field.type is labels.Labels:
        return labels.for_language("fr")
    if field.type is linked_data.Texts or field.name == "linked_texts":
        return linked_data.Texts()
    if field.type is views.Link or field.name == "speaker":
        return views.Link(text, "concepts/x/", 3)
    if field.type is dt.date or field.name in {"date", "first", "latest", "said_on"}:
        return dt.date(2024, 2, 29)
    return None if field.name == "timeline" else text


def test_a_page_key_writes_the_site_as_its_view_s_repr() -> None:
    """The site's part of every page's key is written once per renderer
    (``render.Renderer.site_key``), as the text of the site's view."""
    config = SiteConfig(title="A 'site'", base_url="https://user.github.io/repo/")
    made = render.renderer(config, REPO / "templates")
    assert repr(made.site_key) == repr(made.site)
    assert repr((made.site_key, 1)) == repr((made.site, 1))
    other = render.renderer(replace(config, language="fr"), REPO / "templates")
    assert repr(other.site_key) != repr(made.site_key)


def test_an_xml_element_written_beforehand_is_its_text() -> None:
    """``xmlout.Written``, a plain class (its ``__init__`` compiled), compares by its text."""
    assert Written("<a/>") == Written("<a/>") != Written("<b/>")
    assert hash(Written("<a/>")) == hash(Written("<a/>"))
    assert repr(Written("<a/>")) == "Written(xml='<a/>')"


def test_an_article_key_follows_its_view_but_its_body(index: SiteIndex) -> None:
    """An article page's key (``StatementKeys.article``) changes with its signature, its
    statements' keys, its topics' titles, its speaker's link and its links' targets."""
    s = _spoken(index)
    article = index.articles[s.article]
    key = StatementKeys(index).article(article, ())
    assert StatementKeys(index).article(article, ()) == key
    unsigned = replace(index, signatures={})
    changed = (*_changed_around(index, s), unsigned)
    others = [StatementKeys(i).article(article, ()) for i in changed]
    others += [StatementKeys(index).article(article, t) for t in (("x/",), (None,), ("",))]
    assert len({key, *others}) == 9
