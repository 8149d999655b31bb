"""The reverse index, built once after validation: statements by concept and by
speaker, co-occurrence, the concept hierarchy and timelines. No page scans all
quotes: every view below is a lookup."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from operator import attrgetter
from urllib.parse import unquote

from concordance import link_targets, wikilinks
from concordance.chips import fill_chips
from concordance.diagnostics import Diagnostic
from concordance.link_targets import Anchored, file_key, folder_key
from concordance.model import Article, Concept, ContentLink, Slug, Statement
from concordance.resolve import Names
from concordance.urls import (
    CONCEPT_FEED,
    SITE_FILES,
    article_path,
    concept_path,
    relative,
    speaker_path,
    speakers_path,
)


@dataclass(frozen=True, slots=True)
class SiteIndex:
    """Compiled (``setup.py``), this is a C type: a compiled module whose dataclass has a
    field of it (``views``, ``keys``) imports it at run time, or it read the type before
    it was made, and the build ended in a segmentation fault."""

    articles: dict[Slug, Article]
    """By slug, newest first."""
    concepts: dict[Slug, Concept]
    """By slug, sorted by slug."""
    speakers: dict[Slug, str]
    statements: dict[tuple[Slug, str], Statement]
    """(article slug, quote id) -> statement."""
    by_concept: dict[Slug, tuple[Statement, ...]]
    """Date order, oldest first."""
    by_speaker: dict[Slug, tuple[Statement, ...]]
    articles_by_concept: dict[Slug, tuple[Slug, ...]]
    """Articles that name the concept as a topic."""
    article_topics: dict[Slug, tuple[Slug, ...]]
    """The concepts an article names as its topics."""
    article_speaker: dict[Slug, Slug]
    """The default speaker of each article that has one."""
    narrower: dict[Slug, tuple[Slug, ...]]
    cooccurring: dict[Slug, tuple[tuple[Slug, int], ...]]
    """Concepts sharing statements with this one, most shared first."""
    signatures: dict[Slug, str] = field(default_factory=dict)
    """Each article's ``cache.signature``, when a build cache made them (see ``keys``)."""
    anchors: link_targets.Anchors = field(default_factory=dict)
    """Each article and concept file -> its page and the ids a link may go to there."""

    def media(self) -> list[tuple[str, str]]:
        """(file, where it is published) of each file a body shows or links, sorted: not one
        of an article published as excerpts, whose page shows neither its images nor its links
        (the source's full text, kept beside it and linked, is not for republishing)."""
        shown_links = [a.links for a in self.articles.values() if not a.excerpts]
        shown = {
            (found.source, found.page)
            for links in shown_links + [c.links for c in self.concepts.values()]
            for link in links
            if (found := link_targets.published(link, self.anchors)) is not None
        }
        return sorted(shown)

    def _links(self) -> list[tuple[str, tuple[ContentLink, ...]]]:
        """(The page that shows it, its links) of each body."""
        return [(article_path(a.slug), a.links) for a in self.articles.values()] + [
            (concept_path(c.slug), c.links) for c in self.concepts.values()
        ]

    def pages(self) -> set[str]:
        """Every page and file the site writes but the templates' (``link_targets.Site``)."""
        found = {unquote(page) for _, page in self.media()}  # written percent-encoded
        found.update(a.page for a in self.anchors.values() if not a.file)
        found.update(concept_path(slug) + CONCEPT_FEED for slug in self.concepts)
        found.update(speaker_path(slug) for slug in self.speakers)
        found.update((speakers_path(), *SITE_FILES))
        return found

    def link_problems(self) -> list[Diagnostic]:
        """A warning at each link of a body to a file that makes no page (``link-unresolved``)."""
        known: list[set[str]] = []  # the pages, once a link needs them

        def pages() -> set[str]:
            if not known:
                known.append(self.pages())
            return known[0]

        site = link_targets.Site(self.anchors, pages)
        return [d for page, found in self._links() for d in link_targets.broken(found, site, page)]


statement_order: Callable[[Statement], tuple[object, ...]] = attrgetter(
    "date", "article", "position"
)
"""A statement's place among others: its date, then its article and place in it (read in C:
the index sorts every concept's and speaker's statements by it)."""


new_tuple = tuple.__new__
"""A named tuple made of its fields in C (as ``views.new_tuple``): ``Statement(...)`` is a
function in Python (some 3,000 instructions), and the parent makes every statement alone,
between the pools (37,700 at N=5000)."""


def _ordered(groups: dict[Slug, list[Statement]]) -> dict[Slug, tuple[Statement, ...]]:
    """``groups`` by key, each group as it is (in ``statement_order``)."""
    return {k: tuple(v) for k, v in sorted(groups.items())}


def build_index(
    articles: list[Article],
    names: Names,
    signatures: dict[Slug, str] | None = None,
    media: Mapping[str, str] | None = None,
    folders: Mapping[str, str] | None = None,
) -> SiteIndex:
    """The index of ``articles``; ``media``: each file a body may show or link (an image, a
    PDF...) -> where it is published; ``folders``: each folder of the content the site has
    a page for (``content/concepts``) -> that page (``concepts/``)."""
    ordered = sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)
    statements: dict[tuple[Slug, str], Statement] = {}
    made: list[Statement] = []
    by_concept: dict[Slug, list[Statement]] = defaultdict(list)
    by_speaker: dict[Slug, list[Statement]] = defaultdict(list)
    topics: dict[Slug, list[Slug]] = defaultdict(list)
    pairs: dict[Slug, dict[Slug, int]] = defaultdict(dict)
    # Each of a few hundred names is written tens of thousands of times; looking one up
    # folds it first. (A speaker's name too.)
    slug_of, speaker_of = cache(names.concept), cache(names.speaker)
    for article in ordered:
        said_in = article.slug
        for name in article.concept_names:
            topics[slug_of(name)].append(said_in)
        for position, quote in enumerate(article.quotes):
            if not quote.found:
                continue
            # Each slug once, in order (``dict.fromkeys``'s, a method looked up on its type,
            # a ``map`` and a dict for some two names).
            named: list[Slug] = []
            for name in quote.concept_names:
                slug = slug_of(name)
                if slug not in named:
                    named.append(slug)
            concepts = tuple(named)
            speaker = speaker_of(quote.speaker)
            fields = (said_in, quote.id, quote.said_on, concepts, speaker, position)
            s: Statement = new_tuple(Statement, fields)
            statements[(said_in, quote.id)] = s
            made.append(s)
            for slug in concepts:
                together = pairs[slug]  # an empty entry too: the concept is in ``cooccurring``
                for other in concepts:
                    if other != slug:
                        together[other] = together.get(other, 0) + 1
    # Every statement placed once, in order, so each concept's and speaker's come in order:
    # sorting each of their lists took each statement's key once per list it is in.
    for s in sorted(made, key=statement_order):
        for slug in s.concepts:
            by_concept[slug].append(s)
        if s.speaker:
            by_speaker[s.speaker].append(s)
    narrower: dict[Slug, list[Slug]] = defaultdict(list)
    for concept in names.concepts.values():
        for parent in concept.broader:
            narrower[parent].append(concept.slug)
    anchors = _anchors(ordered, names, media or {}, folders or {})
    return SiteIndex(
        articles={a.slug: a for a in ordered},
        concepts={k: _linked(c, anchors) for k, c in names.concepts.items()},
        speakers=names.speakers,
        statements=statements,
        by_concept=_ordered(by_concept),
        by_speaker=_ordered(by_speaker),
        articles_by_concept={k: tuple(dict.fromkeys(v)) for k, v in sorted(topics.items())},
        article_topics={
            a.slug: tuple(dict.fromkeys([slug_of(n) for n in a.concept_names])) for a in ordered
        },
        article_speaker={a.slug: who for a in ordered if (who := names.speaker(a.speaker))},
        narrower={k: tuple(sorted(v)) for k, v in sorted(narrower.items())},
        cooccurring={
            k: tuple(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
            for k, c in sorted(pairs.items())
        },
        signatures=signatures or {},
        anchors=anchors,
    )


def _anchors(
    articles: Iterable[Article], names: Names, media: Mapping[str, str], folders: Mapping[str, str]
) -> link_targets.Anchors:
    """What links between content files go to, by file and by name (``wikilinks``): an
    article's page, its quotes and headings; a concept's page and its headings (its
    statements are linked by their articles'); each file the site may publish; each folder
    of the content with a page."""
    none: frozenset[str] = frozenset()
    anchors: dict[str, Anchored] = {}
    for a in articles:
        anchored = Anchored(article_path(a.slug), _quote_ids(a), frozenset(a.headings))
        anchors[file_key(a.path)] = anchors[wikilinks.article_key(a.slug)] = anchored
    concepts = {
        c.slug: Anchored(concept_path(c.slug), none, frozenset(c.headings))
        for c in names.concepts.values()
    }
    anchors.update((file_key(c.path), concepts[c.slug]) for c in names.concepts.values() if c.path)
    anchors.update(
        (wikilinks.concept_key(key), concepts[slug])
        for key, slug in names.concept_keys.items()
        if slug in concepts
    )
    anchors.update(
        (file_key(file), Anchored(path, none, none, file=True, source=file))
        for file, path in media.items()
    )
    anchors.update((folder_key(f), Anchored(page, none, none)) for f, page in folders.items())
    return anchors


def _quote_ids(article: Article) -> frozenset[str]:
    return frozenset(q.id for q in article.quotes if q.found)


def _linked(concept: Concept, anchors: link_targets.Anchors) -> Concept:
    """A concept with the links of its body to content files filled in: its page, the one
    page that shows the body, is made from the index alone."""
    if not concept.links:
        return concept
    page = concept_path(concept.slug)
    found = link_targets.targets(concept.links, anchors)
    hrefs = link_targets.slots(concept.links, found, lambda target: relative(target, page))
    return replace(concept, body_html=fill_chips(concept.body_html, hrefs))
