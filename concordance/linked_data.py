"""schema.org JSON-LD for a page's ``<script type="application/ld+json">``.

Concept pages are ``DefinedTerm``s, statements ``Quotation``s (who said them, when, in
which article), article pages ``NewsArticle``s (``Article`` without a publisher).
Built from the same read-only views the templates get; the template serialises the
result with Jinja's ``tojson``, which escapes ``<``, ``>``, ``&`` and ``'`` so no value
can close the script element.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Protocol

from concordance import urls
from concordance.labels import Labels, iso_date
from concordance.views import ArticleView, ConceptView, Link, StatementView

CONTEXT = "https://schema.org"
MAX_QUOTATIONS = 50
"""Per page, the newest; the page itself and data/concordance.json list every statement.
(A concept with thousands of statements would otherwise carry megabytes of JSON-LD.)"""
Node = dict[str, Any]


class Site(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def base_url(self) -> str: ...
    @property
    def labels(self) -> Labels: ...
    def absolute(self, target: str) -> str: ...


def linked_data(
    site: Site,
    page: Mapping[str, Any],
    concept: ConceptView | None = None,
    article: ArticleView | None = None,
    speaker: str | None = None,
) -> Node:
    """The JSON-LD document of one page."""
    shared = _Shared(site)
    if concept is not None:
        nodes = [_defined_term(site, concept)]
        nodes += [_quotation(site, s, shared) for s in _newest(concept.statements)]
        return {"@context": CONTEXT, "@graph": nodes}
    if article is not None:
        nodes = [_article(site, article, shared)]
        nodes += [_quotation(site, s, shared) for s in _newest(article.statements)]
        return {"@context": CONTEXT, "@graph": nodes}
    if page["path"] == urls.home_path():
        return {
            "@context": CONTEXT,
            **_website(site),
            "description": site.description,
            "inLanguage": site.language,
        }
    node: Node = {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "name": page["title"],
        "url": page["canonical"],
        "isPartOf": _website(site),
    }
    if speaker is not None:
        # The @id that names this person as every Quotation's creator, so the two are one node.
        person = page["canonical"]
        node["about"] = {"@type": "Person", "@id": person, "name": speaker, "url": person}
    return node


def _newest(statements: tuple[StatementView, ...]) -> list[StatementView]:
    dates = [s.date for s in statements]  # sorted by ``list.__getitem__``, not by a lambda
    by_date = sorted(range(len(dates)), key=dates.__getitem__, reverse=True)
    return [statements[i] for i in sorted(by_date[:MAX_QUOTATIONS])]


def _website(site: Site) -> Node:
    return {"@type": "WebSite", "@id": site.base_url, "name": site.title, "url": site.base_url}


def _defined_term(site: Site, concept: ConceptView) -> Node:
    url = site.absolute(urls.concept_path(concept.slug))
    node: Node = {
        "@type": "DefinedTerm",
        "@id": url,
        "name": concept.title,
        "url": url,
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "@id": site.absolute(urls.concepts_path()),
            "name": site.labels.filled("concept_set", {"site": site.title}),
        },
    }
    if concept.aliases:
        node["alternateName"] = [a.text for a in concept.aliases]
    if concept.summary:
        node["description"] = concept.summary
    return node


def _article(site: Site, article: ArticleView, shared: _Shared) -> Node:
    url = site.absolute(urls.article_path(article.slug))
    node: Node = {
        "@type": "NewsArticle" if article.source else "Article",
        "@id": url,
        "headline": article.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": iso_date(article.date),
        "inLanguage": article.lang or site.language,
    }
    if article.source:
        node["publisher"] = {"@type": "Organization", "name": article.source}
    if article.url:
        node["isBasedOn"] = article.url
    if article.place:
        node["contentLocation"] = {"@type": "Place", "name": article.place}
    if article.concepts:
        node["about"] = [shared.ref(c) for c in article.concepts]
    return node


def _quotation(site: Site, s: StatementView, shared: _Shared) -> Node:
    part_of = shared.part_of(s)
    # ``site.absolute(s.target)``: the article's link and the quote's fragment (an
    # article's path holds no ``#``).
    url = f"{part_of['url']}#{urls.quoted(s.quote_id)}"
    node: Node = {
        "@type": "Quotation",
        "@id": url,
        "url": url,
        "text": s.text,
        "inLanguage": s.lang or site.language,
        "dateCreated": iso_date(s.date),
        "isPartOf": part_of,
        "about": [shared.ref(c) for c in s.concepts],
    }
    if s.speaker is not None:
        node["creator"], node["spokenByCharacter"] = shared.creator(s.speaker)
    return node


class _Shared:
    """The nodes a document's statements share, each made once per document: the
    ``DefinedTerm`` reference to each concept (its statements are about a few concepts,
    each named by many of them), each article's node (an article page's statements are all
    part of it) and each speaker's. The same node is written wherever it is referred to.
    A plain class, not a dataclass: see ``feeds.Lookups``."""

    site: Site
    made: dict[tuple[str, str], Node]
    articles: dict[tuple[str, str, str, dt.date], Node]
    people: dict[tuple[str, str], tuple[Node, Node]]

    def __init__(self, site: Site) -> None:
        self.site = site
        self.made = {}
        self.articles = {}
        self.people = {}

    def ref(self, link: Link) -> Node:
        key = (link.target, link.title)
        found = self.made.get(key)
        if found is None:
            url = self.site.absolute(link.target)
            found = self.made[key] = {"@type": "DefinedTerm", "@id": url, "name": link.title}
        return found

    def part_of(self, s: StatementView) -> Node:
        """The ``Article`` node of the article ``s`` was said in."""
        article = s.article
        key = (article.target, article.title, s.article_lang, s.published)
        found = self.articles.get(key)
        if found is None:
            url = self.site.absolute(article.target)
            found = self.articles[key] = {
                "@id": url,
                "@type": "Article",
                "headline": article.title,
                "inLanguage": s.article_lang or self.site.language,
                "url": url,
                "datePublished": iso_date(s.published),
            }
        return found

    def creator(self, speaker: Link) -> tuple[Node, Node]:
        """A quotation's ``creator`` and ``spokenByCharacter``: its speaker's ``Person``."""
        key = (speaker.target, speaker.title)
        found = self.people.get(key)
        if found is None:
            person = self.site.absolute(speaker.target)
            node = {"@type": "Person", "@id": person, "name": speaker.title, "url": person}
            found = self.people[key] = (node, {"@id": person})
        return found
