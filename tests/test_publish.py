"""Publishing outputs, read the way their consumers read them: Atom feeds through
feedparser, sitemap.xml through an XML parser, the data export against its JSON Schema,
JSON-LD and link-preview meta from the parsed HTML head."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from functools import partial
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote, unquote, urljoin

import feedparser
import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO, copy_content, run_cli
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from concordance import urls
from concordance.config import SiteConfig
from concordance.emit import sitemap, with_sitemap
from concordance.emit.data import article_cells, csv_line, csv_piece, spreadsheet_cell
from concordance.emit.dates import statement_updated
from concordance.emit.feeds import FEED_ENTRIES
from concordance.emit.sitemap import MAX_URLS, sitemaps
from concordance.emit.xmlout import document, el, escape_attr, escape_text, written
from concordance.index import SiteIndex
from concordance.linked_data import MAX_QUOTATIONS
from concordance.model import Article, Slug, Statement
from concordance.pages import Page

BASE_URL = "https://example.org/kb/"
SCHEMA = REPO / "schema" / "concordance.schema.json"
NEWEST = "2024-05-20T00:00:00Z"
"""The publish fixture's newest content date."""


def build(content: Path, out: Path, *extra: str) -> None:
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search", *extra)
    assert result.code == 0, result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("publish")
    build(copy_content("publish", tmp), tmp / "site", "--base-url", BASE_URL)
    return tmp / "site"


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_bytes(), "lxml")


def html_pages(out: Path) -> dict[str, Path]:
    """URL path (relative to the base) -> file, for every HTML page but 404.html."""
    pages = {}
    for file in sorted(out.rglob("*.html")):
        rel = file.relative_to(out).as_posix()
        if rel != "404.html":
            pages[rel[: -len("index.html")] if rel.endswith("index.html") else rel] = file
    return pages


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, Any] = yaml.safe_load(text.split("---\n")[1])
    return meta


def ids_in(page: Path) -> set[str]:
    return {str(el["id"]) for el in html(page).find_all(id=True)}


def local_file(out: Path, url: str) -> Path:
    assert url.startswith(BASE_URL), url
    rel = unquote(url[len(BASE_URL) :].partition("#")[0])
    return out / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


# --- feeds ----------------------------------------------------------------------------


def test_site_feed_lists_every_article_newest_first(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id == BASE_URL
    assert feed.feed.link == BASE_URL
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [BASE_URL + "feed.xml"]
    assert feed.feed.updated == NEWEST
    assert feed.feed.title == "Publish <Fixture> & Co"
    assert [e.link for e in feed.entries] == [
        BASE_URL + "articles/2024-05-20-second-zorp/",
        BASE_URL + "articles/2023-01-10-first-zorp/",
        BASE_URL + "articles/2022-11-02-oldest/",
    ]
    assert [e.id for e in feed.entries] == [e.link for e in feed.entries]
    assert [e.updated for e in feed.entries] == [
        "2024-05-20T00:00:00Z",
        "2023-01-10T00:00:00Z",
        "2022-11-02T00:00:00Z",
    ]
    first = feed.entries[1]
    assert first.title == "Speaker 3 on zorp & quill"
    assert {t.term for t in first.tags} == {"zorp-cycle", "quill-method"}
    for entry in feed.entries:
        assert local_file(site, entry.link).is_file()


def test_concept_feed_lists_its_statements_newest_first(site: Path) -> None:
    feed = feedparser.parse((site / "concepts" / "zorp-cycle" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.link == BASE_URL + "concepts/zorp-cycle/"
    article = BASE_URL + "articles/2023-01-10-first-zorp/"
    oldest = BASE_URL + "articles/2022-11-02-oldest/"
    assert [e.link.partition("#")[0] for e in feed.entries] == [article, article, oldest]
    assert [e.id for e in feed.entries] == [e.link for e in feed.entries]
    assert [e.published for e in feed.entries] == [
        "2023-01-08T00:00:00Z",
        "2023-01-08T00:00:00Z",
        "2022-11-02T00:00:00Z",
    ]
    assert feed.feed.updated == "2023-01-10T00:00:00Z"
    assert feed.entries[0].author == "Speaker 3"
    hostile = next(e for e in feed.entries if "alert" in e.content[0].value)
    assert hostile.content[0].type == "text/plain"
    assert hostile.content[0].value.startswith(
        "a closing </script><script>alert(1)</script> tag & more"
    )
    for entry in feed.entries:
        fragment = entry.link.partition("#")[2]
        assert fragment in ids_in(local_file(site, entry.link))


def test_an_unattributed_statement_is_not_the_feed_authors_in_its_feed(site: Path) -> None:
    """Atom gives an entry without an author its feed's (RFC 4287, 4.2.1): the site's
    editors would be named for words nobody is named for."""
    feed = feedparser.parse((site / "concepts" / "zorp-cycle" / "feed.xml").read_bytes())
    nobodys = next(e for e in feed.entries if e.link.startswith(BASE_URL + "articles/2022-11"))
    authors = [a.get("name") for a in nobodys.get("authors", [])] or [feed.feed.author]
    assert authors == ["Unattributed"]


def test_concept_feed_of_a_cjk_slug_and_of_a_concept_without_statements(site: Path) -> None:
    han = feedparser.parse((site / "concepts" / "线程模型" / "feed.xml").read_bytes())
    assert not han.bozo
    assert han.feed.link == BASE_URL + "concepts/" + quote("线程模型") + "/"
    assert [e.published for e in han.entries] == ["2024-05-01T00:00:00Z"]
    empty = feedparser.parse((site / "concepts" / "cycles" / "feed.xml").read_bytes())
    assert not empty.bozo
    assert empty.entries == []
    assert empty.feed.updated == NEWEST, "an empty feed takes the site's newest content date"


def test_every_page_links_the_site_feed_and_concept_pages_their_own(site: Path) -> None:
    for path, file in html_pages(site).items():
        here = BASE_URL + path
        feeds = [
            urljoin(here, str(link["href"]))
            for link in html(file).find_all("link", rel="alternate", type="application/atom+xml")
        ]
        assert feeds[0] == BASE_URL + "feed.xml", path
        if path.startswith("concepts/") and path != "concepts/":
            # Links from a page climb to the root and back, so its own slug is in them
            # (percent-encoded): compare the addresses, not their spelling.
            assert [unquote(f) for f in feeds[1:]] == [unquote(here) + "feed.xml"]
            assert local_file(site, unquote(feeds[1])).is_file()
        else:
            assert feeds[1:] == [], path


def test_feed_dates_come_from_content_never_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text("title: Empty\nbase_url: https://example.org/\n")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build(content, tmp_path / "plain")
    feed = feedparser.parse((tmp_path / "plain" / "feed.xml").read_bytes())
    assert feed.feed.updated == "1970-01-01T00:00:00Z"
    epoch = int(dt.datetime(2021, 6, 5, 13, 0, tzinfo=dt.UTC).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    build(content, tmp_path / "epoch")
    feed = feedparser.parse((tmp_path / "epoch" / "feed.xml").read_bytes())
    assert feed.feed.updated == "2021-06-05T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999")  # past year 9999: not a date
    build(content, tmp_path / "far")
    feed = feedparser.parse((tmp_path / "far" / "feed.xml").read_bytes())
    assert feed.feed.updated == "1970-01-01T00:00:00Z"
    build(FIXTURES / "publish" / "content", tmp_path / "dated")
    feed = feedparser.parse((tmp_path / "dated" / "feed.xml").read_bytes())
    assert feed.feed.updated == NEWEST, "content dates win over SOURCE_DATE_EPOCH"


# --- sitemap, robots, CNAME -----------------------------------------------------------


def test_sitemap_lists_exactly_the_html_pages(site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = etree.parse(str(site / "sitemap.xml")).getroot()
    locs = [str(loc) for loc in root.xpath("//s:url/s:loc/text()", namespaces=ns)]
    assert len(locs) == len(set(locs))
    assert {unquote(loc) for loc in locs} == {BASE_URL + p for p in html_pages(site)}
    assert BASE_URL + "404.html" not in locs
    lastmod = {
        str(u.findtext("s:loc", namespaces=ns)): u.findtext("s:lastmod", namespaces=ns)
        for u in root.xpath("//s:url", namespaces=ns)
    }
    assert lastmod[BASE_URL + "articles/2022-11-02-oldest/"] == "2022-11-02"
    assert lastmod[BASE_URL + "concepts/zorp-cycle/"] == "2023-01-10"


def test_sitemap_dates_a_concept_page_by_its_newest_topic_article_too(tmp_path: Path) -> None:
    """A concept page lists the articles naming the concept as a topic, so it changes when
    one is published, whether or not it quotes anyone on the concept."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Topics\nbase_url: https://example.org/\n")
    (content / "articles" / "2020-01-01-old.md").write_text(
        "---\ntitle: Old words\ndate: 2020-01-01\nspeaker: Speaker 5\nquotes:\n"
        "  - text: the blorp plan is old\n    concepts: [blorp plan]\n---\n"
        "Here the blorp plan is old.\n"
    )
    (content / "articles" / "2024-06-01-new.md").write_text(
        "---\ntitle: New topics\ndate: 2024-06-01\nconcepts: [blorp plan, zelt tea]\n---\n"
        "An article on the plan that quotes nobody.\n"
    )
    out = tmp_path / "site"
    build(content, out)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = etree.parse(str(out / "sitemap.xml")).getroot()
    lastmod = {
        str(u.findtext("s:loc", namespaces=ns)): u.findtext("s:lastmod", namespaces=ns)
        for u in root.xpath("//s:url", namespaces=ns)
    }
    assert lastmod["https://example.org/concepts/blorp-plan/"] == "2024-06-01"
    assert lastmod["https://example.org/concepts/zelt-tea/"] == "2024-06-01"
    assert lastmod["https://example.org/speakers/speaker-5/"] == "2020-01-01"


def test_a_site_of_more_pages_than_a_sitemap_may_list_gets_an_index_of_sitemaps() -> None:
    """sitemaps.org allows 50,000 URLs a file, and search engines refuse a longer one."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    config = SiteConfig(base_url=BASE_URL)
    paths = [f"articles/note-{n:06d}/" for n in range(MAX_URLS + 1)]
    newest = dt.date(2024, 5, 20)
    pages = {p.path: etree.fromstring(p.data) for p in sitemaps(config, paths, {paths[-1]: newest})}
    assert sorted(pages) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]
    index = pages["sitemap.xml"]
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    listed = index.xpath("//s:sitemap/s:loc/text()", namespaces=ns)
    assert listed == [BASE_URL + "sitemap-1.xml", BASE_URL + "sitemap-2.xml"]
    assert index.xpath("//s:sitemap/s:lastmod/text()", namespaces=ns) == ["2024-05-20"]
    locs = []
    for name in ("sitemap-1.xml", "sitemap-2.xml"):
        found = pages[name].xpath("//s:url/s:loc/text()", namespaces=ns)
        assert len(found) <= MAX_URLS
        locs += found
    assert locs == [BASE_URL + p for p in paths]


def test_robots_txt_points_at_the_sitemap(site: Path) -> None:
    lines = (site / "robots.txt").read_text().splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {BASE_URL}sitemap.xml" in lines


def test_cname_is_written_only_when_configured(tmp_path: Path, site: Path) -> None:
    assert not (site / "CNAME").exists()
    content = copy_content("publish", tmp_path)
    with (content / "site.yaml").open("a") as f:
        f.write("cname: KB.Example.org\n")
    build(content, tmp_path / "out")
    assert (tmp_path / "out" / "CNAME").read_text() == "kb.example.org\n"


@pytest.mark.parametrize("cname", ["https://kb.example.org/path", "xn--zz.org"])
def test_bad_cname_is_a_located_error(tmp_path: Path, cname: str) -> None:
    """An address rather than a host, or a host no DNS could carry (invalid punycode)."""
    content = copy_content("publish", tmp_path)
    with (content / "site.yaml").open("a") as f:
        f.write(f"cname: {cname}\n")
    result = run_cli("check", "--content", str(content))
    assert result.code == 1
    line = len((content / "site.yaml").read_text().splitlines())
    assert f"site.yaml:{line}:8: error: 'cname' must be a domain name" in result.stderr
    assert "[cname-invalid]" in result.stderr


@pytest.mark.parametrize(
    ("base_url", "warned"),
    [
        ("https://user.github.io/repo/", True),
        ("https://KB.Example.org/", False),
        ("http://localhost:8000/", False),
        # A preview opened from a phone on the same network is no deploy either.
        ("http://192.168.1.20:8000/", False),
        ("http://0.0.0.0:8000/", False),
        ("http://[fe80::1]:8000/", False),
        ("http://laptop.local:8000/", False),
        ("https://8.8.8.8/", True),
    ],
)
def test_a_cname_other_than_the_base_urls_host_is_a_located_warning(
    tmp_path: Path, base_url: str, warned: bool
) -> None:
    """GitHub Pages serves the site at the custom domain, so absolute URLs made from another
    host would all be wrong; a local base_url is a preview's, which the deploy replaces."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text(f"title: T\nbase_url: {base_url}\ncname: kb.example.org\n")
    result = run_cli("check", "--content", str(content), "--format", "json")
    assert result.code == 0, result.stderr
    found = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "cname-elsewhere"]
    if not warned:
        assert found == []
        return
    [d] = found
    assert (d["path"], d["line"], d["column"], d["severity"]) == (
        str(content / "site.yaml"),
        3,
        8,
        "warning",
    )
    host = base_url.split("/")[2].split(":")[0]
    assert d["message"].startswith(
        f"'cname' kb.example.org is not the host of 'base_url' ({host}, line 2)"
    )
    assert d["hint"].startswith("write base_url: https://kb.example.org/")
    strict = run_cli("check", "--content", str(content), "--strict")
    assert strict.code == 1


# --- page metadata --------------------------------------------------------------------


def test_every_page_has_canonical_opengraph_and_twitter_meta(site: Path) -> None:
    for path, file in html_pages(site).items():
        head = html(file).head
        meta = {
            str(m.get("property") or m.get("name")): str(m["content"])
            for m in head.find_all("meta", content=True)
        }
        canonical = str(head.find("link", rel="canonical")["href"])
        assert unquote(canonical) == BASE_URL + path
        assert meta["og:url"] == canonical
        assert meta["og:title"] == meta["twitter:title"] != ""
        assert meta["og:site_name"] == "Publish <Fixture> & Co"
        assert meta["twitter:card"] == "summary"
        assert meta["og:description"] == meta["description"]
        kind = "article" if path.startswith("articles/") and path != "articles/" else "website"
        assert meta["og:type"] == kind, path


def linked_data(file: Path) -> dict[str, Any]:
    scripts = html(file).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data: dict[str, Any] = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return data


def test_a_speaker_page_is_about_the_person_its_quotations_name_as_creator(site: Path) -> None:
    """One @id for the person on the speaker's page and as every Quotation's creator, so a
    reader of the linked data joins them."""
    quotations = linked_data(site / "concepts" / "zorp-cycle" / "index.html")["@graph"][1:]
    creators = {q["creator"]["@id"] for q in quotations if "creator" in q}
    page = linked_data(site / "speakers" / "speaker-3" / "index.html")
    assert page["about"]["@type"] == "Person"
    assert page["about"]["name"] == "Speaker 3"
    assert page["about"]["@id"] in creators


def test_concept_page_is_a_defined_term_with_its_quotations(site: Path) -> None:
    data = linked_data(site / "concepts" / "zorp-cycle" / "index.html")
    term, *quotations = data["@graph"]
    assert term["@type"] == "DefinedTerm"
    assert term["name"] == "zorp cycle"
    assert term["alternateName"] == ["zorp", "the zorp loop"]
    assert term["url"] == BASE_URL + "concepts/zorp-cycle/"
    assert [q["@type"] for q in quotations] == ["Quotation"] * 3
    first = next(q for q in quotations if q["text"] == "The zorp cycle turns slowly in winter")
    speaker = BASE_URL + "speakers/speaker-3/"
    assert first["creator"] == {
        "@type": "Person",
        "@id": speaker,
        "name": "Speaker 3",
        "url": speaker,
    }
    assert first["spokenByCharacter"] == {"@id": speaker}
    assert first["dateCreated"] == "2023-01-08"
    assert first["isPartOf"]["@id"] == BASE_URL + "articles/2023-01-10-first-zorp/"
    assert first["url"].partition("#")[2] in ids_in(local_file(site, first["url"]))


def test_a_quotation_names_its_own_language_and_its_articles(tmp_path: Path) -> None:
    """A quote in another language than its article's says so in JSON-LD, as its card
    does; the article it is part of keeps the article's language, or the site's."""
    content = copy_content("publish", tmp_path)
    article = content / "articles" / "2024-05-20-second-zorp.md"
    text = article.read_text(encoding="utf-8")
    quote = "  - text: 线程模型 is named in Han characters\n"
    article.write_text(text.replace(quote, quote + "    language: zh-Hans\n"), encoding="utf-8")
    build(content, tmp_path / "out")
    graph = linked_data(tmp_path / "out" / "concepts" / "线程模型" / "index.html")["@graph"]
    (quotation,) = graph[1:]
    assert quotation["inLanguage"] == "zh-Hans"
    assert quotation["isPartOf"]["inLanguage"] == "en"
    others = linked_data(tmp_path / "out" / "concepts" / "quill-method" / "index.html")["@graph"]
    assert {q["inLanguage"] for q in others[1:]} == {"en"}


def test_article_page_is_a_news_article_and_hostile_text_stays_inside_json(site: Path) -> None:
    file = site / "articles" / "2023-01-10-first-zorp" / "index.html"
    raw = file.read_text(encoding="utf-8")
    script = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script and "&" not in script
    data = linked_data(file)
    article, *quotations = data["@graph"]
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Speaker 3 on zorp & quill"
    assert article["datePublished"] == "2023-01-10"
    assert article["publisher"] == {"@type": "Organization", "name": "Synthetic Wire"}
    assert article["isBasedOn"] == "https://example.org/wire/1"
    assert [q["text"] for q in quotations] == [
        "The zorp cycle turns slowly in winter",
        "a closing </script><script>alert(1)</script> tag & more",
    ]
    executable = [
        s for s in html(file).find_all("script") if s.get("type") != "application/ld+json"
    ]
    assert all(s.get("src") for s in executable), "no inline script was injected"
    home = linked_data(site / "index.html")
    assert (home["@type"], home["url"]) == ("WebSite", BASE_URL)


# --- open data ------------------------------------------------------------------------


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def content_quotes(content: Path) -> int:
    return sum(
        len(front_matter(f).get("quotes") or [])
        for f in sorted((content / "articles").rglob("*.md"))
    )


@pytest.mark.parametrize("name", ["publish", "basic", "real"])
def test_data_export_validates_and_counts_every_quote(tmp_path: Path, name: str) -> None:
    content = copy_content(name, tmp_path)
    out = tmp_path / "site"
    build(content, out, "--base-url", BASE_URL)
    data = json.loads((out / "data" / "concordance.json").read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(data)]
    assert errors == []
    quotes = data["quotes"]
    assert len(quotes) == data["counts"]["quotes"] == content_quotes(content) > 0
    assert len({q["id"] for q in quotes}) == len(quotes)
    articles = {a["slug"]: a for a in data["articles"]}
    assert len(articles) == len(list((content / "articles").rglob("*.md")))
    for q in quotes:
        assert q["id"] in articles[q["article"]]["quotes"]
        assert q["anchor"] in ids_in(local_file(out, q["url"]))
        for slug in q["concepts"]:
            concept = next(c for c in data["concepts"] if c["slug"] == slug)
            assert q["id"] in concept["quotes"]
    rows = list(
        csv.DictReader(
            io.StringIO((out / "data" / "statements.csv").read_text(encoding="utf-8-sig"))
        )
    )
    assert [r["id"] for r in rows] == [q["id"] for q in quotes]
    assert [r["text"] for r in rows] == [spreadsheet_cell(q["text"]) for q in quotes]


def test_data_export_holds_the_quotes_as_written(site: Path) -> None:
    data = json.loads((site / "data" / "concordance.json").read_text(encoding="utf-8"))
    by_text = {q["text"]: q for q in data["quotes"]}
    han = by_text["线程模型 is named in Han characters"]
    assert han["speaker"] == "speaker-3"
    assert han["speaker_name"] == "Speaker 3"
    assert han["date"] == "2024-05-01"
    assert han["article"] == "2024-05-20-second-zorp"
    assert han["concepts"] == ["线程模型"]
    hostile = by_text["a closing </script><script>alert(1)</script> tag & more"]
    assert hostile["note"] == "Synthetic hostile text."
    zorp = next(c for c in data["concepts"] if c["slug"] == "zorp-cycle")
    assert zorp["broader"] == ["cycles"]
    assert zorp["feed"] == BASE_URL + "concepts/zorp-cycle/feed.xml"
    assert [q["date"] for q in data["quotes"]] == sorted(q["date"] for q in data["quotes"])


def test_spreadsheet_formulas_are_neutralised_in_csv_only() -> None:
    assert spreadsheet_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert spreadsheet_cell("+1") == "'+1"
    assert spreadsheet_cell("plain words") == "plain words"
    assert spreadsheet_cell(None) == ""
    assert spreadsheet_cell("") == ""
    for start in ("=", "+", "-", "@", "\t", "\r"):  # each, and only at the start
        assert spreadsheet_cell(f"{start}1") == f"'{start}1"
        assert spreadsheet_cell(f"1{start}") == f"1{start}"


# --- determinism ----------------------------------------------------------------------


def test_published_outputs_are_byte_identical_across_builds(
    tmp_path: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(FIXTURES / "publish" / "content", tmp_path / "again", "--base-url", BASE_URL)
    again = tmp_path / "again"
    names = [
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "data/concordance.json",
        "data/statements.csv",
        "concepts/zorp-cycle/feed.xml",
    ]
    for name in names:
        assert (again / name).read_bytes() == (site / name).read_bytes(), name
    for file in sorted(site.rglob("*")):
        if file.is_file():
            assert (again / file.relative_to(site)).read_bytes() == file.read_bytes(), file


@pytest.mark.parametrize("where", ["site.yaml", "--base-url"])
def test_a_base_url_in_capitals_is_published_with_its_scheme_and_host_in_lower_case(
    tmp_path: Path, site: Path, where: str
) -> None:
    """Schemes and hosts are case-insensitive: ``HTTPS://EXAMPLE.Org`` was refused, without a
    word of why. Every output (canonical links, feeds, the sitemap, the data export) carries
    the address as it is built from ``BASE_URL``; only its path keeps the case written."""
    shouting = "HTTPS://EXAMPLE.Org/kb/"
    assert shouting.lower() == BASE_URL
    content = copy_content("publish", tmp_path)
    if where == "site.yaml":
        config = (content / "site.yaml").read_text(encoding="utf-8")
        placeholder = "base_url: https://placeholder.invalid/"
        assert placeholder in config
        config = config.replace(placeholder, f"base_url: {shouting}")
        (content / "site.yaml").write_text(config, encoding="utf-8")
        build(content, tmp_path / "site")
    else:
        build(content, tmp_path / "site", "--base-url", shouting)
    for file in sorted(site.rglob("*")):
        if file.is_file():
            assert (tmp_path / "site" / file.relative_to(site)).read_bytes() == file.read_bytes()
    home = html(tmp_path / "site" / "index.html")
    assert home.find("link", rel="canonical")["href"] == BASE_URL


def test_a_base_urls_path_keeps_its_case(tmp_path: Path) -> None:
    """``/KB/`` and ``/kb/`` are different folders on most servers."""
    build(copy_content("publish", tmp_path), tmp_path / "site", "--base-url", "https://x.org/KB/")
    home = html(tmp_path / "site" / "index.html")
    assert home.find("link", rel="canonical")["href"] == "https://x.org/KB/"


def test_readme_example_of_the_data_export_validates() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: publishing -->")[1].split("<!-- end: publishing -->")[0]
    example = json.loads(section.split("```json\n")[1].split("```")[0])
    assert list(validator().iter_errors(example)) == []


def test_feeds_hold_the_newest_entries_and_the_export_holds_all(tmp_path: Path) -> None:
    count = FEED_ENTRIES + 5
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Many\nbase_url: https://example.org/\n")
    for day in range(count):
        date = dt.date(2020, 1, 1) + dt.timedelta(days=day)
        (content / "articles" / f"{date}-note.md").write_text(
            f"---\ntitle: Note {day}\ndate: {date}\nspeaker: Speaker 5\nquotes:\n"
            f"  - text: blorp number {day} holds\n    concepts: [blorp]\n---\n"
            f"We said that blorp number {day} holds.\n"
        )
    out = tmp_path / "site"
    build(content, out)
    for name in ("feed.xml", "concepts/blorp/feed.xml"):
        feed = feedparser.parse((out / name).read_bytes())
        assert not feed.bozo
        assert len(feed.entries) == FEED_ENTRIES
        newest = (dt.date(2020, 1, 1) + dt.timedelta(days=count - 1)).isoformat()
        assert feed.entries[0].published.startswith(newest)
        assert feed.feed.updated.startswith(newest)
    data = json.loads((out / "data" / "concordance.json").read_text(encoding="utf-8"))
    assert len(data["quotes"]) == count
    quotations = linked_data(out / "concepts" / "blorp" / "index.html")["@graph"][1:]
    assert len(quotations) == MAX_QUOTATIONS
    dates = sorted(q["date"] for q in data["quotes"])
    assert sorted(q["dateCreated"] for q in quotations) == dates[-MAX_QUOTATIONS:]


def test_xml_writer_escapes_and_drops_what_xml_cannot_carry() -> None:
    hostile = 'a < b & "c" > d\x00\x0b\ufffe\ttab'
    doc = document(el("root", None, el("t", hostile), el("a", v=hostile + "\nline")))
    root = etree.fromstring(doc)
    assert root.findtext("t") == 'a < b & "c" > d\ttab'
    assert root.find("a").get("v") == 'a < b & "c" > d\ttab\nline'


@pytest.mark.parametrize("special", list('<>&"\n\r\t\x00\x0b\ufffe'))
def test_xml_writer_escapes_each_special_character_alone(special: str) -> None:
    """Values go through a fast path when nothing in them needs escaping: each character
    that does must still be caught on its own, in text, attributes and written elements."""
    value = f"x{special}y"
    dropped = special in "\x00\x0b\ufffe"
    text = "xy" if dropped else value.replace("\r", "\n")  # XML reads a bare CR as LF
    ahead = written(el("w", value, v=value), 1)
    doc = document(el("root", None, el("t", value), el("a", v=value), ahead))
    root = etree.fromstring(doc)
    assert root.findtext("t") == text
    assert root.find("a").get("v") == ("xy" if dropped else value)
    assert root.findtext("w") == text
    assert root.find("w").get("v") == ("xy" if dropped else value)
    assert b"\n  <w " in doc  # a written element keeps the depth it was written for


_XML_CHARS = "ab <>&\"'\n\r\t\x00\x0b\x1f\x7f\x85\u00a0\u200f\u2028\ufffe\uffff\ud800é格😀"


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(_XML_CHARS), max_size=8))
@example("a\nb")
def test_xml_escapes_are_those_of_one_search_for_what_needs_them(text: str) -> None:
    """``escape_text`` and ``escape_attr`` tell most texts need nothing without their
    regular expression (``xmlout._plain``): what they give is what the expressions tell."""
    dropped = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)
    expected = dropped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escape_text(text) == expected
    attr = expected.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
    assert escape_attr(text) == attr.replace("\t", "&#9;")


@settings(max_examples=500)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from("ab ,\"\r\n\x00\t\u2028é格'=;"), max_size=6),
        min_size=2,
        max_size=6,
    )
)
@example(["", ""])
@example(['a "quoted" word', "x,y"])
def test_a_csv_line_is_the_line_python_s_csv_writer_writes(cells: list[str]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    assert csv_line(cells) + "\r\n" == out.getvalue()


_CELL = st.text(alphabet=st.sampled_from("ab ,\"\r\n\x00\t\u2028é格'=;+-@"), max_size=6)


@settings(max_examples=300)
@given(st.lists(st.one_of(st.none(), _CELL), min_size=3, max_size=8), st.data())
def test_pieces_of_a_csv_line_join_to_the_line_python_s_csv_writer_writes(
    values: list[str | None], data: st.DataObject
) -> None:
    """The CSV export writes the cells a row shares with others (its speaker's, its
    concepts', its article's) once, as a piece (``csv_piece``), among the row's own."""
    cut = data.draw(st.integers(1, len(values) - 1))
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([spreadsheet_cell(v) for v in values])
    line = f"{csv_piece(values[:cut])},{csv_piece(values[cut:])}\r\n"
    assert line == out.getvalue()


@given(st.text(max_size=8), st.text(max_size=8), st.sampled_from(["https://x.org/a b/", "/"]))
def test_a_quote_s_link_in_the_csv_is_its_article_s_and_its_anchor(
    slug: str, anchor: str, base_url: str
) -> None:
    """``article_cells`` quotes the article's link alone, and each row adds its anchor."""
    day = dt.date(2024, 1, 2)
    article = Article(
        Slug(slug), "a.md", "t", day, None, None, None, None, None, None, (), (), (), "", ""
    )
    _, url, _ = article_cells(article, partial(urls.absolute, base_url))
    expected = urls.absolute(base_url, f"{urls.article_path(article.slug)}#{anchor}")
    assert f"{url}#{urls.quoted(anchor)}" == expected


@given(
    st.lists(st.tuples(st.integers(0, 4), st.dates(), st.integers(0, 20)), min_size=1, max_size=30),
    st.lists(st.dates(), min_size=5, max_size=5),
)
def test_a_pages_newest_update_is_its_newest_statements(
    said: list[tuple[int, dt.date, int]], published_on: list[dt.date]
) -> None:
    """``sitemap.newest_update`` reads in C what ``statement_updated`` gives statement by
    statement: the newest of their dates and their articles' (either may be later)."""
    published = {Slug(f"a{n}"): day for n, day in enumerate(published_on)}
    statements = [
        Statement(Slug(f"a{n}"), f"q{i}", day, (), None, position)
        for i, (n, day, position) in enumerate(said)
    ]
    nothing = (None,) * 6
    articles = {
        slug: Article(slug, "a.md", "t", day, *nothing, (), (), (), "", "")
        for slug, day in published.items()
    }
    empty: dict[Any, Any] = {}
    index = SiteIndex(articles, *[empty] * 10)  # ``statement_updated`` is compiled: a C type
    expected = max(statement_updated(index, s) for s in statements)
    assert sitemap.newest_update(statements, published) == expected


def test_the_sitemaps_dates_are_taken_while_pages_still_come(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pages' dates are taken once the first page has come, while the workers render the
    rest: after the last, the parent took them alone, with every core idle."""
    taken: list[int] = []
    monkeypatch.setattr(sitemap, "last_modified", lambda index: taken.append(1) or {})
    pages = [Page("a/index.html", b"a"), Page("b/index.html", b"b")]
    outputs = with_sitemap(cast(Any, None), SiteConfig(base_url=BASE_URL), iter(pages))
    assert [next(outputs), next(outputs)] == pages  # the writer asks for the second page
    assert taken == [1]
    assert [page.path for page in outputs] == ["sitemap.xml"]
    assert taken == [1]


@given(st.text(), st.none() | st.dates())
def test_a_sitemap_url_is_written_as_its_element(loc: str, day: dt.date | None) -> None:
    """``sitemap.url_entry`` writes at once what the element of ``xmlout`` writes."""
    lastmod = [el("lastmod", day.isoformat())] if day is not None else []
    assert sitemap.url_entry(loc, day) == written(el("url", None, el("loc", loc), *lastmod), 1)
