"""The reverse index, built once after validation: statements by concept and by
speaker, co-occurrence, the concept hierarchy and timelines. No page scans all
quotes: every view below is a lookup."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from operator import attrgetter, itemgetter
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
    in_order: tuple[Statement, ...] = ()
    """Every statement, in ``statement_order`` (the data exports list them so)."""

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
"""A statement's place among others: its date, then its article and place in it (read in C).
The index holds every concept's and speaker's statements in it, and all of them
(``SiteIndex.in_order``): placed by date and slug, not sorted by it (``_in_order``)."""


new_tuple = tuple.__new__
"""A named tuple made of its fields in C (as ``views.new_tuple``): ``Statement(...)`` is a
function in Python (some 3,000 instructions), and the parent makes every statement alone,
between the pools (37,700 at N=5000)."""


class _Looked:
    """Each name as written -> what it names, folded and looked up once: each of a few
    hundred names is written tens of thousands of times (a speaker's name too). A method of
    a compiled class, called in C: ``functools.cache``'s wrapper, called as Python's, took
    some 500 instructions a name."""

    __slots__ = ("concepts", "names", "speakers")

    def __init__(self, names: Names) -> None:
        self.names = names
        self.concepts: dict[str, Slug] = {}
        self.speakers: dict[str, Slug | None] = {}

    def concept(self, name: str) -> Slug:
        slug = self.concepts.get(name)
        if slug is None:
            slug = self.concepts[name] = self.names.concept(name)
        return slug

    def speaker(self, name: str) -> Slug | None:
        if name not in self.speakers:
            self.speakers[name] = self.names.speaker(name)
        return self.speakers[name]


def _in_order(ordered: list[Article], made: list[list[Statement]]) -> tuple[Statement, ...]:
    """Every statement in ``statement_order``: ``made`` holds those of each article of
    ``ordered``, in the order of its quotes. Gathered by date, each date's come in the order
    of their articles' slugs: sorting them all by ``statement_order`` made and compared a
    tuple of three for each (107 M instructions of the parent alone at N=5000, 24 M so)."""
    slugs = [a.slug for a in ordered]
    if len(set(slugs)) < len(slugs):  # articles sharing a slug (an error): places interleave
        return tuple(sorted([s for mine in made for s in mine], key=statement_order))
    by_day: dict[dt.date, list[Statement]] = {}
    for at in sorted(range(len(slugs)), key=slugs.__getitem__):
        for s in made[at]:
            day = s.date
            same_day = by_day.get(day)
            if same_day is None:
                by_day[day] = [s]
            else:
                same_day.append(s)
    return tuple([s for day in sorted(by_day) for s in by_day[day]])


_count: Callable[[tuple[Slug, int]], int] = itemgetter(1)
"""A concept's count in ``SiteIndex.cooccurring``, read in C."""


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
    made: list[list[Statement]] = []  # each article's, in the order of ``ordered``
    by_concept: dict[Slug, list[Statement]] = defaultdict(list)
    by_speaker: dict[Slug, list[Statement]] = defaultdict(list)
    topics: dict[Slug, list[Slug]] = defaultdict(list)
    article_topics: dict[Slug, tuple[Slug, ...]] = {}
    pairs: dict[Slug, dict[Slug, int]] = defaultdict(dict)
    looked = _Looked(names)
    for article in ordered:
        said_in = article.slug
        named_topics = [looked.concept(name) for name in article.concept_names]
        for slug in named_topics:
            topics[slug].append(said_in)
        article_topics[said_in] = tuple(dict.fromkeys(named_topics))
        mine: list[Statement] = []
        made.append(mine)
        for position, quote in enumerate(article.quotes):
            if not quote.found:
                continue
            # Each slug once, in order (``dict.fromkeys``'s, a method looked up on its type,
            # a ``map`` and a dict for some two names).
            named: list[Slug] = []
            for name in quote.concept_names:
                slug = looked.concept(name)
                if slug not in named:
                    named.append(slug)
            concepts = tuple(named)
            speaker = looked.speaker(who) if (who := quote.speaker) else None
            fields = (said_in, quote.id, quote.said_on, concepts, speaker, position)
            s: Statement = new_tuple(Statement, fields)
            statements[(said_in, quote.id)] = s
            mine.append(s)
            for slug in concepts:
                together = pairs[slug]  # an empty entry too: the concept is in ``cooccurring``
                for other in concepts:
                    if other != slug:
                        together[other] = together.get(other, 0) + 1
    # Every statement placed once, in order, so each concept's and speaker's come in order:
    # sorting each of their lists took each statement's key once per list it is in.
    in_order = _in_order(ordered, made)
    for s in in_order:
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
        article_topics=article_topics,
        article_speaker={a.slug: who for a in ordered if (who := names.speaker(a.speaker))},
        narrower={k: tuple(sorted(v)) for k, v in sorted(narrower.items())},
        # Most shared first, then by slug: sorted by slug, then by count alone, which keeps
        # that order among equals (``reverse`` too); a key of both made a tuple per pair.
        cooccurring={
            k: tuple(sorted(sorted(c.items()), key=_count, reverse=True))
            for k, c in sorted(pairs.items())
        },
        signatures=signatures or {},
        anchors=anchors,
        in_order=in_order,
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
        fields = (article_path(a.slug), _quote_ids(a), frozenset(a.headings), False, "")
        anchored: Anchored = new_tuple(Anchored, fields)  # each field, as ``Anchored`` has them
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
    return frozenset([q.id for q in article.quotes if q.found])  # a list: no generator


def _linked(concept: Concept, anchors: link_targets.Anchors) -> Concept:
    """A concept with the links of its body to content files filled in: its page, the one
    page that shows the body, is made from the index alone."""
    if not concept.links:
        return concept
    page = concept_path(concept.slug)
    found = link_targets.targets(concept.links, anchors)
    hrefs = link_targets.slots(concept.links, found, lambda target: relative(target, page))
    return replace(concept, body_html=fill_chips(concept.body_html, hrefs))
