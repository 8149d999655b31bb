"""schema.org JSON-LD for a page's ``<script type="application/ld+json">``.

Concept pages are ``DefinedTerm``s, statements ``Quotation``s (who said them, when, in
which article), article pages ``NewsArticle``s (``Article`` without a publisher).
Built from the same read-only views the templates get. ``linked_data`` gives the document
as nodes, for a template to serialise with Jinja's ``tojson``, which sorts the keys and
escapes ``<``, ``>``, ``&`` and ``'`` so no value can close the script element; ``script``
writes that same text at once, as the shipped ``_head_meta.html`` asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final, Protocol, TypeVar

from markupsafe import Markup

from concordance import json_text, urls
from concordance.json_text import value_json
from concordance.labels import Labels, iso_date
from concordance.views import ArticleView, ConceptView, Link, StatementView

CONTEXT = "https://schema.org"
MAX_QUOTATIONS = 50
"""Per page, the newest; the page itself and data/concordance.json list every statement.
(A concept with thousands of statements would otherwise carry megabytes of JSON-LD.)"""
Node = dict[str, Any]
K = TypeVar("K")
V = TypeVar("V")


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
    if len(statements) <= MAX_QUOTATIONS:  # all of them, in their order (nearly every page)
        return list(statements)
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


class PageSite(Site, Protocol):
    """A site whose pages' linked data ``script`` writes, with the texts they share."""

    @property
    def linked_texts(self) -> Texts: ...


def script(
    site: PageSite,
    page: Mapping[str, Any],
    concept: ConceptView | None = None,
    article: ArticleView | None = None,
    speaker: str | None = None,
) -> Markup:
    """``linked_data(site, page, ...) | tojson``, the same text, written at once: each node's
    keys in the order ``tojson`` sorts them, each value by orjson, and what pages share
    (the site's nodes, each concept's reference, each article's node and each speaker's)
    written once per process (``Texts``). Made as nodes, each page's were sorted key by key
    and the shared ones written again wherever they stood: some 8% of a render worker's
    time."""
    try:
        data = _document(site, site.linked_texts, page, concept, article, speaker)
    except TypeError:  # a value orjson refuses (a lone surrogate): ``json`` writes it all
        return json_text.script_json(linked_data(site, page, concept, article, speaker))
    return json_text.script_text(data)


_GRAPH: Final = b'{"@context":' + value_json(CONTEXT) + b',"@graph":['
_COLLECTION: Final = b'{"@context":' + value_json(CONTEXT) + b',"@type":"CollectionPage"'
MAX_TEXTS = 50_000
"""Of each kind (``Texts``); beyond that its memo starts afresh."""


def _document(
    site: Site,
    texts: Texts,
    page: Mapping[str, Any],
    concept: ConceptView | None,
    article: ArticleView | None,
    speaker: str | None,
) -> bytes:
    """The text of ``linked_data(site, page, ...)`` as ``tojson`` writes it, unescaped."""
    if concept is not None:
        first, statements = _term_text(site, texts, concept), concept.statements
    elif article is not None:
        first, statements = _article_text(site, texts, article), article.statements
    elif page["path"] == urls.home_path():
        return _home_text(site)
    else:
        return _collection_text(site, texts, page, speaker)
    nodes = [_GRAPH, first]
    for s in _newest(statements):
        nodes.append(b",")
        nodes.append(_quotation_text(site, texts, s))
    nodes.append(b"]}")
    return b"".join(nodes)


def _home_text(site: Site) -> bytes:
    base = value_json(site.base_url)
    return b"".join(
        (
            b'{"@context":',
            value_json(CONTEXT),
            b',"@id":',
            base,
            b',"@type":"WebSite","description":',
            value_json(site.description),
            b',"inLanguage":',
            value_json(site.language),
            b',"name":',
            value_json(site.title),
            b',"url":',
            base,
            b"}",
        )
    )


def _collection_text(
    site: Site, texts: Texts, page: Mapping[str, Any], speaker: str | None
) -> bytes:
    url = value_json(page["canonical"])
    about = b""
    if speaker is not None:
        name = value_json(speaker)
        person = (b',"about":{"@id":', url, b',"@type":"Person","name":', name, b',"url":', url)
        about = b"".join(person) + b"}"
    return b"".join(
        (
            _COLLECTION,
            about,
            b',"isPartOf":',
            texts.website(site),
            b',"name":',
            value_json(page["title"]),
            b',"url":',
            url,
            b"}",
        )
    )


def _term_text(site: Site, texts: Texts, concept: ConceptView) -> bytes:
    """``_defined_term``'s node."""
    url = value_json(site.absolute(urls.concept_path(concept.slug)))
    names = description = b""
    if concept.aliases:
        names = b",".join([value_json(a.text) for a in concept.aliases])
        names = b',"alternateName":[' + names + b"]"
    if concept.summary:
        description = b',"description":' + value_json(concept.summary)
    return b"".join(
        (
            b'{"@id":',
            url,
            b',"@type":"DefinedTerm"',
            names,
            description,
            b',"inDefinedTermSet":',
            texts.term_set(site),
            b',"name":',
            value_json(concept.title),
            b',"url":',
            url,
            b"}",
        )
    )


def _article_text(site: Site, texts: Texts, article: ArticleView) -> bytes:
    """``_article``'s node."""
    url = value_json(site.absolute(urls.article_path(article.slug)))
    about = place = based_on = publisher = b""
    if article.concepts:
        about = b',"about":[' + _refs_text(site, texts, article.concepts) + b"]"
    if article.place:
        place = b',"contentLocation":{"@type":"Place","name":' + value_json(article.place) + b"}"
    if article.url:
        based_on = b',"isBasedOn":' + value_json(article.url)
    if article.source:
        source = value_json(article.source)
        publisher = b',"publisher":{"@type":"Organization","name":' + source + b"}"
    return b"".join(
        (
            b'{"@id":',
            url,
            b',"@type":"NewsArticle"' if article.source else b',"@type":"Article"',
            about,
            place,
            b',"datePublished":',
            texts.date(article.date),
            b',"headline":',
            value_json(article.title),
            b',"inLanguage":',
            texts.value(article.lang or site.language),
            based_on,
            b',"mainEntityOfPage":',
            url,
            publisher,
            b',"url":',
            url,
            b"}",
        )
    )


def _quotation_text(site: Site, texts: Texts, s: StatementView) -> bytes:
    """``_quotation``'s node."""
    opened, article = texts.part_of(site, s)
    # The article's address and the quote's anchor: a quoted anchor is ASCII letters, digits
    # and URL punctuation (``urls.quoted``), none of which JSON escapes, so the address
    # is the article's, written, with the anchor put before its closing quote.
    url = b"".join((opened, b"#", urls.quoted(s.quote_id).encode(), b'"'))
    creator = spoken = b""
    if s.speaker is not None:
        creator, spoken = texts.person(site, s.speaker)
    return b"".join(
        (
            b'{"@id":',
            url,
            b',"@type":"Quotation","about":[',
            _refs_text(site, texts, s.concepts),
            b"]",
            creator,
            b',"dateCreated":',
            texts.date(s.date),
            b',"inLanguage":',
            texts.value(s.lang or site.language),
            b',"isPartOf":',
            article,
            spoken,
            b',"text":',
            value_json(s.text),
            b',"url":',
            url,
            b"}",
        )
    )


def _refs_text(site: Site, texts: Texts, concepts: tuple[Link, ...]) -> bytes:
    return b",".join([texts.ref(site, c) for c in concepts])


class Texts:
    """The JSON text of what the linked data of a site's pages share, each written once per
    process (``script``): the site's ``WebSite`` and ``DefinedTermSet``, each concept's
    ``DefinedTerm`` reference (a statement is about a few concepts, each named on many
    pages), each article's node (for its statements, on its page and its concepts'), each
    speaker's ``Person``, each date and language. Keyed, as ``_Shared``'s nodes, by every
    value written. A plain class, not a dataclass: see ``feeds.Lookups``."""

    refs: dict[tuple[str, str], bytes]
    articles: dict[tuple[str, str, str, dt.date], tuple[bytes, bytes]]
    people: dict[tuple[str, str], tuple[bytes, bytes]]
    values: dict[object, bytes]
    """Dates and languages."""
    site_nodes: dict[str, bytes]

    def __init__(self) -> None:
        self.refs = {}
        self.articles = {}
        self.people = {}
        self.values = {}
        self.site_nodes = {}

    def ref(self, site: Site, link: Link) -> bytes:
        """``_Shared.ref``'s node."""
        key = (link.target, link.title)
        found = self.refs.get(key)
        if found is None:
            url, name = value_json(site.absolute(link.target)), value_json(link.title)
            node = (b'{"@id":', url, b',"@type":"DefinedTerm","name":', name, b"}")
            found = _kept(self.refs, key, b"".join(node))
        return found

    def part_of(self, site: Site, s: StatementView) -> tuple[bytes, bytes]:
        """The address of the article ``s`` was said in, written without its closing quote,
        and ``_Shared.part_of``'s node."""
        article = s.article
        key = (article.target, article.title, s.article_lang, s.published)
        found = self.articles.get(key)
        if found is None:
            url = value_json(site.absolute(article.target))
            node = (
                b'{"@id":',
                url,
                b',"@type":"Article","datePublished":',
                self.date(s.published),
                b',"headline":',
                value_json(article.title),
                b',"inLanguage":',
                self.value(s.article_lang or site.language),
                b',"url":',
                url,
                b"}",
            )
            found = _kept(self.articles, key, (url[:-1], b"".join(node)))
        return found

    def person(self, site: Site, speaker: Link) -> tuple[bytes, bytes]:
        """``_Shared.creator``'s two nodes, each after its key (``creator``,
        ``spokenByCharacter``)."""
        key = (speaker.target, speaker.title)
        found = self.people.get(key)
        if found is None:
            url, name = value_json(site.absolute(speaker.target)), value_json(speaker.title)
            node = (b',"creator":{"@id":', url, b',"@type":"Person","name":', name, b',"url":')
            creator = b"".join(node) + url + b"}"
            found = _kept(self.people, key, (creator, b',"spokenByCharacter":{"@id":' + url + b"}"))
        return found

    def date(self, day: dt.date) -> bytes:
        found = self.values.get(day)
        if found is None:
            found = _kept(self.values, day, value_json(iso_date(day)))
        return found

    def value(self, text: str) -> bytes:
        found = self.values.get(text)
        if found is None:
            found = _kept(self.values, text, value_json(text))
        return found

    def website(self, site: Site) -> bytes:
        """``_website``'s node."""
        found = self.site_nodes.get("website")
        if found is None:
            base, name = value_json(site.base_url), value_json(site.title)
            node = (b'{"@id":', base, b',"@type":"WebSite","name":', name, b',"url":', base, b"}")
            found = self.site_nodes["website"] = b"".join(node)
        return found

    def term_set(self, site: Site) -> bytes:
        """``_defined_term``'s ``inDefinedTermSet``."""
        found = self.site_nodes.get("term_set")
        if found is None:
            url = value_json(site.absolute(urls.concepts_path()))
            name = value_json(site.labels.filled("concept_set", {"site": site.title}))
            node = (b'{"@id":', url, b',"@type":"DefinedTermSet","name":', name, b"}")
            found = self.site_nodes["term_set"] = b"".join(node)
        return found


def _kept(table: dict[K, V], key: K, value: V) -> V:
    """``value``, kept in ``table`` (emptied first when full: ``MAX_TEXTS``)."""
    if len(table) >= MAX_TEXTS:
        table.clear()
    table[key] = value
    return value
