"""A concept feed's entries, written directly (``feeds._statement_entry``), are the text
the element tree of ``xmlout`` gives for the same entry, but for the labels' punctuation
past ASCII and a shortened title's ellipsis, written as references by number: on the
fixture sites and on the Big List of Naughty Strings in every field an entry shows."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from concordance import emit, pipeline, urls
from concordance.config import BuildOptions, with_base_url
from concordance.emit import data, feeds
from concordance.emit.dates import statement_updated, timestamp
from concordance.emit.lookup import Quotes, quotes_by_key
from concordance.emit.xmlout import Element, Written, el, written
from concordance.index import SiteIndex, statement_order
from concordance.model import Article, Quote, Statement
from concordance.textnorm import shorten
from tests.conftest import FIXTURES, copy_content
from tests.test_hostile_blns import write_tree
from tests.test_languages import ARTICLE

BASE_URL = 'https://user.github.io/re po/?a&b="c"'


def tree_entry(index: SiteIndex, base_url: str, s: Statement, found: feeds.Lookups) -> Element:
    """The entry as a tree: what the feeds were made of before they were written directly."""
    article = index.articles[s.article]
    quote = found.quotes[(s.article, s.quote_id)]
    href = f"{found.article_urls[s.article]}#{quote.id}"
    speaker = index.speakers[s.speaker] if s.speaker else None
    parts: list[Element | Written] = [
        el("id", href),
        el("title", title_text(quote.text, speaker), **feeds.language_attrs(article, quote)),
        el("link", rel="alternate", type="text/html", href=href),
        el("published", timestamp(s.date)),
        el("updated", timestamp(statement_updated(index, s))),
    ]
    if speaker and s.speaker:
        uri = urls.absolute(base_url, urls.speaker_path(s.speaker))
        parts.append(el("author", None, el("name", speaker), el("uri", uri)))
    else:
        parts.append(el("author", None, el("name", found.labels.text("unattributed"))))
    parts += [found.categories[c] for c in s.concepts]
    parts.append(el("content", said_text(s, quote, article, speaker, found), type="text"))
    return el("entry", None, *parts)


def title_text(text: str, speaker: str | None) -> str:
    """An entry's title, before it is escaped."""
    short = shorten(text, feeds.TITLE_CHARS)
    return f"{speaker}: {short}" if speaker else short


def characters(xml: str) -> str:
    """``xml`` with each reference by number to a character past ASCII written as the
    character: what the element tree writes (it writes no such reference)."""
    return re.sub(r"&#(\d+);", lambda m: chr(int(m[1])) if int(m[1]) > 127 else m[0], xml)


def said_text(
    s: Statement, quote: Quote, article: Article, speaker: str | None, found: feeds.Lookups
) -> str:
    """An entry's content as text, before it is escaped: the quote, who said it, when and
    where, and its note."""
    labels = found.labels
    said = f"{quote.text}\n\n"
    who = speaker or found.said.unattributed
    values = {"speaker": who, "date": labels.date(s.date), "title": article.title}
    said += labels.form("feed_said").fill(values)
    if article.source:
        said += labels.form("feed_source").fill({"source": article.source})
    if quote.note:
        said += "\n\n" + labels.form("note").fill({"note": quote.note})
    return said


def content_of(name: str, tmp_path: Path) -> Path:
    if name == "blns":
        write_tree(tmp_path)
        return tmp_path / "content"
    if name == "languages":
        content = copy_content("basic", tmp_path)
        (content / "articles" / "2023-01-02-zh.md").write_text(ARTICLE, encoding="utf-8")
        return content
    return FIXTURES / name / "content"


@pytest.mark.parametrize("name", ["basic", "hostile-xss", "publish", "blns", "languages"])
def test_entries_are_written_as_their_tree_would_be(name: str, tmp_path: Path) -> None:
    checked = pipeline.check_content(BuildOptions(content=content_of(name, tmp_path), jobs=1))
    config = with_base_url(checked.config, BASE_URL)
    index = checked.index
    found = feeds.Lookups.of(index, config)
    assert len(index.statements) >= 3
    for s in index.statements.values():
        expected = written(tree_entry(index, config.base_url, s, found), 1).xml
        made = feeds._statement_entry(index, config, s, found).xml
        assert characters(made) == expected


@pytest.mark.parametrize("name", ["basic", "blns"])
def test_each_author_is_written_once_as_its_tree_would_be(name: str, tmp_path: Path) -> None:
    """An entry's ``author`` comes from ``Lookups``, made once per speaker for every feed."""
    checked = pipeline.check_content(BuildOptions(content=content_of(name, tmp_path), jobs=1))
    config = with_base_url(checked.config, BASE_URL)
    found = feeds.Lookups.of(checked.index, config)
    assert checked.index.speakers
    for slug, speaker in checked.index.speakers.items():
        uri = urls.absolute(config.base_url, urls.speaker_path(slug))
        tree = el("author", None, el("name", speaker), el("uri", uri))
        assert found.authors[slug] == written(tree, feeds.ENTRY_DEPTH)
    unattributed = found.labels.text("unattributed")
    nobody = el("author", None, el("name", unattributed))
    assert found.said.nobody == written(nobody, feeds.ENTRY_DEPTH)


@pytest.mark.parametrize("name", ["basic", "blns", "languages"])
def test_newest_first_is_the_order_of_both_keys(name: str, tmp_path: Path) -> None:
    """``newest_first`` sorts by the date a statement reached the site alone, relying on
    the index's order for the rest: it gives the order the full key gives, for each
    concept's statements and for samples of the whole site's, where many share a date."""
    checked = pipeline.check_content(BuildOptions(content=content_of(name, tmp_path), jobs=1))
    index = checked.index
    groups = list(index.by_concept.values())
    everything = sorted(index.statements.values(), key=statement_order)
    draw = random.Random(7)
    groups += [sorted(draw.sample(everything, k), key=statement_order) for k in (2, 3, 5)]
    groups.append(everything)
    assert any(len({statement_updated(index, s) for s in g}) < len(g) for g in groups)
    for statements in groups:
        expected = sorted(
            statements,
            key=lambda s: (statement_updated(index, s), *statement_order(s)),
            reverse=True,
        )
        assert feeds.newest_first(index, statements) == expected


def test_the_quotes_are_looked_up_once_for_every_derived_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The feeds, the JSON export and the CSV export take the same quotes, looked up once
    (``feeds.Lookups``), and write them as looked up afresh."""
    checked = pipeline.check_content(BuildOptions(content=content_of("basic", tmp_path), jobs=1))
    index, config = checked.index, checked.config
    fresh = quotes_by_key(index)
    calls: list[SiteIndex] = []

    def counted(index: SiteIndex) -> Quotes:
        calls.append(index)
        return quotes_by_key(index)

    monkeypatch.setattr(feeds, "quotes_by_key", counted)
    monkeypatch.setattr(data, "quotes_by_key", counted, raising=False)
    tasks, _ = emit.derived(index, config)
    made = {page.path: page.data for page in (task() for task in tasks)}
    assert len(calls) == 1
    assert made[data.CSV_PATH] == data.csv_export(index, config, fresh).data
    assert made[data.JSON_PATH] == data.json_export(data.export(index, config, fresh)).data


@pytest.mark.parametrize("name", ["basic", "hostile-xss", "blns", "languages"])
def test_a_quote_s_link_in_the_export_is_its_target_made_absolute(
    name: str, tmp_path: Path
) -> None:
    """The JSON export adds each quote's anchor, quoted alone, to its article's link, made
    once per article: the link ``urls.absolute`` makes of the whole target."""
    content = content_of(name, tmp_path)
    if name == "languages":  # an article whose link is percent-encoded
        (content / "articles" / "2023-01-03-新质 «x».md").write_text(ARTICLE, encoding="utf-8")
    checked = pipeline.check_content(BuildOptions(content=content, jobs=1))
    config = with_base_url(checked.config, BASE_URL)
    index = checked.index
    records = data.quote_records(index, config, quotes_by_key(index))
    assert len(records) == len(index.statements) >= 3
    assert name != "languages" or any("%E6%96%B0" in record["url"] for record in records)
    for record in records:
        s = index.statements[(record["article"], record["anchor"])]
        target = f"{urls.article_path(s.article)}#{s.quote_id}"
        assert record["url"] == urls.absolute(config.base_url, target)
