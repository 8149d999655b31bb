"""A concept feed's entries, written directly (``feeds._statement_entry``), are the text
the element tree of ``xmlout`` gives for the same entry: on the fixture sites and on the
Big List of Naughty Strings in every field an entry shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from concordance import pipeline, urls
from concordance.config import BuildOptions, with_base_url
from concordance.emit import feeds
from concordance.emit.dates import statement_updated, timestamp
from concordance.emit.xmlout import Element, Written, el, written
from concordance.index import SiteIndex
from concordance.model import Statement
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
        el("title", feeds._title(quote.text, speaker), **feeds.language_attrs(article, quote)),
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
    said = feeds._said(s, quote, article, speaker, found.labels)
    parts.append(el("content", said, type="text"))
    return el("entry", None, *parts)


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
        assert feeds._statement_entry(index, config, s, found).xml == expected
