"""schema.org JSON-LD for a page's ``<script type="application/ld+json">``.

Concept pages are ``DefinedTerm``s, statements ``Quotation``s (who said them, when, in
which article), article pages ``NewsArticle``s (``Article`` without a publisher).
Built from the same read-only views the templates get; the template serialises the
result with Jinja's ``tojson``, which escapes ``<``, ``>``, ``&`` and ``'`` so no value
can close the script element.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from concordance import urls
from concordance.labels import Labels
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
    terms = _Terms(site)
    if concept is not None:
        nodes = [_defined_term(site, concept)]
        nodes += [_quotation(site, s, terms) for s in _newest(concept.statements)]
        return {"@context": CONTEXT, "@graph": nodes}
    if article is not None:
        nodes = [_article(site, article, terms)]
        nodes += [_quotation(site, s, terms) for s in _newest(article.statements)]
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
    by_date = sorted(range(len(statements)), key=lambda i: statements[i].date, reverse=True)
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


def _article(site: Site, article: ArticleView, terms: _Terms) -> Node:
    url = site.absolute(urls.article_path(article.slug))
    node: Node = {
        "@type": "NewsArticle" if article.source else "Article",
        "@id": url,
        "headline": article.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.date.isoformat(),
        "inLanguage": article.lang or site.language,
    }
    if article.source:
        node["publisher"] = {"@type": "Organization", "name": article.source}
    if article.url:
        node["isBasedOn"] = article.url
    if article.place:
        node["contentLocation"] = {"@type": "Place", "name": article.place}
    if article.concepts:
        node["about"] = [terms.ref(c) for c in article.concepts]
    return node


def _quotation(site: Site, s: StatementView, terms: _Terms) -> Node:
    article_url = site.absolute(s.article.target)
    url = site.absolute(s.target)
    node: Node = {
        "@type": "Quotation",
        "@id": url,
        "url": url,
        "text": s.text,
        "inLanguage": s.lang or site.language,
        "dateCreated": s.date.isoformat(),
        "isPartOf": {
            "@id": article_url,
            "@type": "Article",
            "headline": s.article.title,
            "inLanguage": s.article_lang or site.language,
            "url": article_url,
            "datePublished": s.published.isoformat(),
        },
        "about": [terms.ref(c) for c in s.concepts],
    }
    if s.speaker is not None:
        person = site.absolute(s.speaker.target)
        node["creator"] = {"@type": "Person", "@id": person, "name": s.speaker.title, "url": person}
        node["spokenByCharacter"] = {"@id": person}
    return node


@dataclass(frozen=True, slots=True)
class _Terms:
    """The ``DefinedTerm`` reference to each concept a document's nodes are about, made once
    per document: its statements are about a few concepts, each named by many of them."""

    site: Site
    made: dict[tuple[str, str], Node] = field(default_factory=dict)

    def ref(self, link: Link) -> Node:
        key = (link.target, link.title)
        found = self.made.get(key)
        if found is None:
            url = self.site.absolute(link.target)
            found = self.made[key] = {"@type": "DefinedTerm", "@id": url, "name": link.title}
        return found
