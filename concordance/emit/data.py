"""The open-data export: ``data/concordance.json`` (every concept, speaker, article and
quote, described by ``schema/concordance.schema.json``) and ``data/statements.csv``.

Plain values only, in a fixed order, so the files are byte-identical across rebuilds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, Final

from concordance import json_text, urls
from concordance.config import SiteConfig
from concordance.emit.feeds import concept_feed_path
from concordance.emit.lookup import Quotes
from concordance.index import SiteIndex
from concordance.labels import iso_date
from concordance.model import Article, Concept, Quote, Slug, Statement
from concordance.pages import Page

Link = Callable[[str], str]
JSON_PATH = "data/concordance.json"
CSV_PATH = "data/statements.csv"
BOM = "\ufeff"
"""Encoded as UTF-8, the byte-order mark ``utf-8-sig`` writes."""
FORMAT = "concordance-data/1"
"""Bumped when a field changes meaning or goes away; new fields do not bump it."""
CSV_COLUMNS = (
    "id",
    "date",
    "speaker",
    "text",
    "concepts",
    "concept_slugs",
    "article",
    "article_title",
    "published",
    "source",
    "source_url",
    "url",
    "note",
    "language",
)
# A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice);
# the JSON export keeps every text exactly as written.
_FORMULA_START: Final = "=+-@\t\r"
"""A cell's first characters that make a spreadsheet read it as a formula (``'`` is put
before them). One string, a character looked up in it: ``str.startswith`` of a tuple of
six, a compare of each in turn, was a tenth of the CSV export's time."""


def quote_key(s: Statement) -> str:
    """A quote's id across the whole site: its article's slug and its anchor."""
    return f"{s.article}#{s.quote_id}"


def export(index: SiteIndex, config: SiteConfig, quotes: Quotes) -> dict[str, Any]:
    """The whole export; ``quotes`` as ``quotes_by_key`` gives them, looked up once for every
    derived output (``feeds.Lookups``)."""
    link = partial(urls.absolute, config.base_url)
    return {
        "format": FORMAT,
        "site": {
            "title": config.title,
            "description": config.description,
            "url": config.base_url,
            "language": config.language,
        },
        "counts": {
            "concepts": len(index.concepts),
            "speakers": len(index.speakers),
            "articles": len(index.articles),
            "quotes": len(index.statements),
        },
        "concepts": [_concept(index, c, link) for c in index.concepts.values()],
        "speakers": [
            {"slug": slug, "name": name, "url": link(urls.speaker_path(slug))}
            for slug, name in index.speakers.items()
        ],
        "articles": [_article(index, a, link) for a in index.articles.values()],
        "quotes": quote_records(index, config, quotes),
    }


def quote_records(index: SiteIndex, config: SiteConfig, quotes: Quotes) -> list[dict[str, Any]]:
    """Every quote of the export, oldest first."""
    # Each article's link made once, to which a quote's adds its anchor (``urls.quoted``
    # quotes character by character): made whole for each quote, a third of its record.
    links = {
        slug: urls.absolute(config.base_url, urls.article_path(slug)) for slug in index.articles
    }
    return [_quote(index, s, quotes[(s.article, s.quote_id)], links) for s in index.in_order]


def _concept(index: SiteIndex, c: Concept, link: Link) -> dict[str, Any]:
    return {
        "slug": c.slug,
        "title": c.title,
        "aliases": list(c.aliases),
        "summary": c.summary,
        "defined": c.path is not None,
        "broader": list(c.broader),
        "narrower": list(index.narrower.get(c.slug, ())),
        "related": list(c.related),
        "url": link(urls.concept_path(c.slug)),
        "feed": link(concept_feed_path(c.slug)),
        "quotes": [quote_key(s) for s in index.by_concept.get(c.slug, ())],
    }


def _article(index: SiteIndex, a: Article, link: Link) -> dict[str, Any]:
    return {
        "slug": a.slug,
        "title": a.title,
        "date": iso_date(a.date),
        "said_on": iso_date(a.said_on) if a.said_on else None,
        "source": a.source,
        "source_url": a.url,
        "place": a.place,
        "language": a.language,
        "speaker": index.article_speaker.get(a.slug),
        "concepts": list(index.article_topics.get(a.slug, ())),
        "url": link(urls.article_path(a.slug)),
        "quotes": [f"{a.slug}#{q.id}" for q in a.quotes if (a.slug, q.id) in index.statements],
    }


def _quote(
    index: SiteIndex, s: Statement, quote: Quote, articles: dict[Slug, str]
) -> dict[str, Any]:
    return {
        "id": quote_key(s),
        "anchor": s.quote_id,
        "article": s.article,
        "text": quote.text,
        "speaker": s.speaker,
        "speaker_name": index.speakers[s.speaker] if s.speaker else None,
        "date": iso_date(s.date),
        "concepts": list(s.concepts),
        "note": quote.note,
        "language": quote.language or index.articles[s.article].language,
        "url": f"{articles[s.article]}#{urls.quoted(s.quote_id)}",
    }


def json_export(data: dict[str, Any]) -> Page:
    """Compact: many times faster to write than an indented dump on large sites."""
    return Page(JSON_PATH, json_text.compact_line(data))


def csv_export(index: SiteIndex, config: SiteConfig, quotes: Quotes) -> Page:
    """One row per quote, oldest first; UTF-8 with a byte-order mark so spreadsheet
    programs read non-Latin text correctly (read it with ``encoding="utf-8-sig"``).
    Made from the index, as the JSON export's quotes are, without their records: at 5,000
    articles, making a dict of each quote first took half of the file's time. A row's cells
    of its speaker, its concepts and its article are written once for all rows sharing
    them (``csv_piece``), and only the quote's own cells are written for each."""
    titles = {slug: c.title for slug, c in index.concepts.items()}
    link = partial(urls.absolute, config.base_url)
    articles = {slug: article_cells(a, link) for slug, a in index.articles.items()}
    speakers = {slug: csv_piece((name,)) for slug, name in index.speakers.items()}
    concepts: dict[tuple[Slug, ...], str] = {}
    # The byte-order mark as the header's first character: encoding the text with it, as
    # utf-8-sig does, copied 15 MB of text at N=5000.
    lines = [BOM + csv_line(CSV_COLUMNS)]
    for s in index.in_order:
        quote = quotes[(s.article, s.quote_id)]
        article, url, language = articles[s.article]
        tags = concepts.get(s.concepts)
        if tags is None:
            named = "; ".join([titles[c] for c in s.concepts])
            tags = concepts[s.concepts] = csv_piece((named, "; ".join(s.concepts)))
        own = (
            quote_key(s),
            iso_date(s.date),
            quote.text,
            f"{url}#{urls.quoted(s.quote_id)}",
            quote.note,
            quote.language or language,
        )
        # spreadsheet_cell, inline: a call per cell was a fifth of the file's time.
        key, date, text, href, note, lang = csv_cells(
            [("'" + v if v[0] in _FORMULA_START else v) if v else "" for v in own]
        )
        speaker = speakers[s.speaker] if s.speaker else ""
        lines.append(f"{key},{date},{speaker},{text},{tags},{article},{href},{note},{lang}")
    lines.append("")
    # Each line encoded, the bytes joined: joined first, the whole text was two bytes a
    # character for the byte-order mark alone, and encoded a character at a time.
    return Page(CSV_PATH, b"\r\n".join([line.encode() for line in lines]))


def article_cells(a: Article, link: Link) -> tuple[str, str, str | None]:
    """What a row takes from its article, some seven rows each: its cells ``article`` to
    ``source_url`` as a piece of the line (``csv_piece``); the link to the article, to which
    a quote's adds its anchor, quoted alone (``urls.quoted`` quotes character by
    character); and the article's language."""
    cells = csv_piece((a.slug, a.title, iso_date(a.date), a.source, a.url))
    return cells, link(urls.article_path(a.slug)), a.language


def csv_piece(values: Sequence[str | None]) -> str:
    """Cells next to each other in a row, as ``csv_line`` writes them among the others."""
    return ",".join(csv_cells([spreadsheet_cell(v) for v in values]))


def _quotes_needed(text: str) -> bool:
    """Whether ``csv.writer`` (its default dialect, lines ended by CRLF) would quote a cell
    holding ``text``: it holds a comma, a double quote or a line break. Four searches for a
    character, in C, where one search of ``[,"\\r\\n]`` looked at each character in turn
    (a third of the CSV export's time)."""
    return "," in text or '"' in text or "\r" in text or "\n" in text


def csv_line(cells: Sequence[str]) -> str:
    """The line ``csv.writer(out, lineterminator="\\r\\n").writerow(cells)`` writes for a
    row of several cells, without its line end (``csv_cells``)."""
    return ",".join(csv_cells(list(cells)))


def csv_cells(cells: list[str]) -> list[str]:
    """The cells as ``csv.writer`` writes them: a cell holding a comma, a double quote or a
    line break quoted, its double quotes doubled. Python's writer looks at each character
    of each cell in turn, 40% of the file's time; most rows need no quotes at all, which
    a look at the whole row tells (``_quotes_needed``)."""
    if not _quotes_needed("".join(cells)):
        return cells
    return [_quoted(cell) if _quotes_needed(cell) else cell for cell in cells]


def _quoted(cell: str) -> str:
    doubled = cell.replace('"', '""')
    return f'"{doubled}"'


def spreadsheet_cell(value: str | None) -> str:
    if value is None:
        return ""
    return "'" + value if value and value[0] in _FORMULA_START else value
