"""The reverse index, built once after validation: statements by concept and by
speaker, co-occurrence, the concept hierarchy and timelines. No page scans all
quotes: every view below is a lookup."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from concordance.model import Article, Concept, Slug, Statement
from concordance.resolve import Names


@dataclass(frozen=True, slots=True)
class SiteIndex:
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


def statement_order(s: Statement) -> tuple[object, ...]:
    return (s.date, s.article, s.position)


def _ordered(groups: dict[Slug, list[Statement]]) -> dict[Slug, tuple[Statement, ...]]:
    return {k: tuple(sorted(v, key=statement_order)) for k, v in sorted(groups.items())}


def build_index(
    articles: list[Article], names: Names, signatures: dict[Slug, str] | None = None
) -> SiteIndex:
    ordered = sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)
    statements: dict[tuple[Slug, str], Statement] = {}
    by_concept: dict[Slug, list[Statement]] = defaultdict(list)
    by_speaker: dict[Slug, list[Statement]] = defaultdict(list)
    topics: dict[Slug, list[Slug]] = defaultdict(list)
    pairs: dict[Slug, Counter[Slug]] = defaultdict(Counter)
    for article in ordered:
        for name in article.concept_names:
            topics[names.concept(name)].append(article.slug)
        for position, quote in enumerate(article.quotes):
            if not quote.found:
                continue
            concepts = tuple(dict.fromkeys(names.concept(n) for n in quote.concept_names))
            speaker = names.speaker(quote.speaker)
            s = Statement(article.slug, quote.id, quote.said_on, concepts, speaker, position)
            statements[(article.slug, quote.id)] = s
            for slug in concepts:
                by_concept[slug].append(s)
                pairs[slug].update(other for other in concepts if other != slug)
            if speaker:
                by_speaker[speaker].append(s)
    narrower: dict[Slug, list[Slug]] = defaultdict(list)
    for concept in names.concepts.values():
        for parent in concept.broader:
            narrower[parent].append(concept.slug)
    return SiteIndex(
        articles={a.slug: a for a in ordered},
        concepts=names.concepts,
        speakers=names.speakers,
        statements=statements,
        by_concept=_ordered(by_concept),
        by_speaker=_ordered(by_speaker),
        articles_by_concept={k: tuple(dict.fromkeys(v)) for k, v in sorted(topics.items())},
        article_topics={
            a.slug: tuple(dict.fromkeys(names.concept(n) for n in a.concept_names)) for a in ordered
        },
        article_speaker={a.slug: who for a in ordered if (who := names.speaker(a.speaker))},
        narrower={k: tuple(sorted(v)) for k, v in sorted(narrower.items())},
        cooccurring={
            k: tuple(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
            for k, c in sorted(pairs.items())
        },
        signatures=signatures or {},
    )
