"""The interface in the site's language: shipped catalogs complete for their languages'
plural rules, pages with no English word of the interface left, dates as the language
writes them, the site's own ``labels:`` over the catalog, located errors for labels that
cannot be shown, and rebuilds that follow a changed label."""

from __future__ import annotations

import datetime as dt
import filecmp
import html
import json
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import assume, given
from hypothesis import strategies as st
from markupsafe import escape

from concordance import labels
from concordance.emit.dates import timestamp
from concordance.escaping import escape_label
from concordance.labels import catalog, for_language, forms_of, placeholders
from tests.conftest import copy_content, run_cli

ENGLISH = labels.english()


def fill(text: str, values: dict[str, object]) -> str:
    """A label as a reader sees it: each ``{name}`` replaced, the way a translator reads it."""
    for name, value in values.items():
        text = text.replace(f"{{{name}}}", str(value))
    return text


PATTERN_KEYS = set(labels.PATTERNS)


def site_in(tmp_path: Path, language: str, extra: str = "", search: bool = False) -> Path:
    """The basic fixture in ``language`` (with more site.yaml lines ``extra``), built (with
    its search index when ``search``)."""
    content = copy_content("basic", tmp_path)
    site_yaml = content / "site.yaml"
    text = re.sub(r"(?m)^language:.*$", f"language: {language}", site_yaml.read_text("utf-8"))
    site_yaml.write_text(text + extra, encoding="utf-8")
    out = tmp_path / "site"
    more = [] if search else ["--no-search"]
    result = run_cli("build", "--content", str(content), "--out", str(out), *more)
    assert result.code == 0, result.stderr
    return out


def _pages(out: Path) -> dict[str, BeautifulSoup]:
    return {
        page.relative_to(out).as_posix(): BeautifulSoup(page.read_bytes(), "lxml")
        for page in sorted(out.rglob("*.html"))
    }


@pytest.mark.parametrize("tag", labels.shipped_tags())
def test_every_catalog_has_every_label_in_the_forms_its_language_counts_with(tag: str) -> None:
    words = catalog(tag)
    assert set(words) - PATTERN_KEYS == set(ENGLISH) - PATTERN_KEYS, "same keys as en.yaml"
    for key, text in words.items():
        if key in PATTERN_KEYS:
            assert labels.invalid_pattern(str(text)) is None
            continue
        assert placeholders(text) == placeholders(ENGLISH[key]), f"{tag}: {key}"
        assert isinstance(text, dict) == isinstance(ENGLISH[key], dict), f"{tag}: {key}"
        if isinstance(text, dict):
            assert tuple(text) == forms_of(tag) or set(text) == set(forms_of(tag)), key
            assert all(isinstance(form, str) and form.strip() for form in text.values())


def _english_words() -> set[str]:
    """The English labels that are words alone (no ``{name}``), as a page shows them."""
    return {
        text.strip()
        for key, text in ENGLISH.items()
        if isinstance(text, str) and key not in PATTERN_KEYS and not placeholders(text)
    }


def _interface_texts(soup: BeautifulSoup) -> set[str]:
    """Every text node and label attribute of a page, outside the content it shows."""
    for content in soup.select(".body, blockquote, h1, .chip, .passage, .speaker, .muted"):
        content.decompose()
    texts = {node.strip() for node in soup.find_all(string=True)}
    for attribute in ("aria-label", "data-label-copied", "data-label-copy-failed"):
        texts |= {str(tag[attribute]).strip() for tag in soup.select(f"[{attribute}]")}
    return texts


@pytest.mark.parametrize("language", ["zh-CN", "ar", "ru"])
def test_a_site_in_another_language_shows_no_english_label(tmp_path: Path, language: str) -> None:
    out = site_in(tmp_path, language)
    english = _english_words()
    for path, soup in _pages(out).items():
        left = english & _interface_texts(soup)
        assert not left, f"{path} still says {sorted(left)}"
    words = for_language(language)
    home = BeautifulSoup((out / "index.html").read_bytes(), "lxml")
    nav = [a.get_text() for a in home.select(".site-nav a")]
    assert nav == [words.text(key) for key in ("concepts", "articles", "speakers", "search")]
    feed = home.select_one('link[type="application/atom+xml"]')
    assert feed is not None
    assert feed["title"] == fill(words.text("feed_articles"), {"site": "Fixture Concordance"})


def test_dates_and_counts_are_written_as_the_language_writes_them(tmp_path: Path) -> None:
    out = site_in(tmp_path, "zh-CN")
    concepts = _pages(out)
    dated = [
        (time["datetime"], time.get_text())
        for soup in concepts.values()
        for time in soup.select("time[datetime]")
        if len(str(time["datetime"])) == 10
    ]
    assert dated
    for iso, shown in dated:
        year, month, day = (int(part) for part in str(iso).split("-"))
        assert shown == f"{year}年{month}月{day}日"
    home = concepts["index.html"].select_one(".hero p:not(.lead)")
    assert home is not None and "条言论" in home.get_text() and "statement" not in home.get_text()


@pytest.mark.parametrize(("count", "form"), [(1, "one"), (2, "few"), (5, "many"), (21, "one")])
def test_a_count_takes_the_form_its_number_needs(count: int, form: str) -> None:
    russian = for_language("ru")
    forms = catalog("ru")["statements_count"]
    assert isinstance(forms, dict)
    assert str(russian("statements_count", count)) == fill(forms[form], {"n": count})


def test_a_language_without_a_catalog_reads_english(tmp_path: Path) -> None:
    """Klingon (a valid tag CLDR does not know) gets the English labels and dates; Swahili,
    which CLDR knows, its own month names."""
    out = site_in(tmp_path, "tlh")
    page = (out / "concepts" / "index.html").read_text("utf-8")
    assert ">Concepts</h1>" in page
    words = for_language("sw")
    assert words.text("concepts") == "Concepts"
    assert words.date(__import__("datetime").date(2024, 3, 5)) != "5 March 2024"


def test_the_sites_labels_replace_the_catalogs(tmp_path: Path) -> None:
    extra = (
        "labels:\n"
        "  search: Find\n"
        '  statements_count: {one: "{n} quote", other: "{n} quotes"}\n'
        "  date: y/MM/dd\n"
    )
    out = site_in(tmp_path, "en", extra)
    home = BeautifulSoup((out / "index.html").read_bytes(), "lxml")
    assert [a.get_text() for a in home.select(".site-nav a")][-1] == "Find"
    search = BeautifulSoup((out / "search" / "index.html").read_bytes(), "lxml")
    assert search.title is not None and search.title.get_text().startswith("Find · ")
    rows = [li.get_text(" ", strip=True) for li in home.select(".article-list .meta")]
    assert rows and all(re.search(r"\d+ quotes?$", row) for row in rows)
    assert all(re.fullmatch(r"\d{4}/\d\d/\d\d", t.get_text()) for t in home.select("time"))


def test_a_misspelt_label_is_hinted_by_its_closest_known_key(tmp_path: Path) -> None:
    """The hint of an unknown label names the label it is closest to (``difflib``, imported
    only when a label is unknown)."""
    content = copy_content("basic", tmp_path)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text("utf-8") + "labels:\n  serch: Find\n", "utf-8")
    result = run_cli("check", "--content", str(content))
    assert "[label-unknown]" in result.stderr and "did you mean 'search'?" in result.stderr


@pytest.mark.parametrize(
    ("lines", "located", "code"),
    [
        ("labels:\n  serch: Find\n", "site.yaml:7:3: warning", "label-unknown"),
        ("labels:\n  footer: '{site} by {editor}'\n", "site.yaml:7:11: error", "label-invalid"),
        ("labels:\n  search: [Find]\n", "site.yaml:7:11: error", "label-invalid"),
        (
            "labels:\n  statements_count:\n    single: '{n} quote'\n    other: '{n} quotes'\n",
            "site.yaml:8:5: error",
            "label-invalid",
        ),
        (
            "labels:\n  statements_count:\n    one: '{n} quote'\n",
            "site.yaml:8:5: error",
            "label-invalid",
        ),
        ("labels:\n  date: qqqqqq\n", "site.yaml:7:9: error", "label-invalid"),
        ("labels:\n  date: h:mm\n", "site.yaml:7:9: error", "label-invalid"),
        ("labels:\n  date: d MMMM y O\n", "site.yaml:7:9: error", "label-invalid"),
        ("labels:\n  month: 2024-01\n", "site.yaml:7:10: error", "label-invalid"),
        ('labels:\n  date: "d \'de MMMM y"\n', "site.yaml:7:9: error", "label-invalid"),
        ("labels:\n  date: j d\n", "site.yaml:7:9: error", "label-invalid"),
        ("labels: Find\n", "site.yaml:6:9: error", "field-type"),
        # A template's {{ n }}, or {n} with spaces, would show as written, with no count.
        (
            "labels:\n  statements_count: '{{ n }} quotes'\n",
            "site.yaml:7:21: error",
            "label-invalid",
        ),
        (
            "labels:\n  statements_count:\n    one: '{n} quote'\n    other: '{ n } quotes'\n",
            "site.yaml:9:12: error",
            "label-invalid",
        ),
    ],
)
def test_a_label_that_cannot_be_shown_is_located(
    tmp_path: Path, lines: str, located: str, code: str
) -> None:
    content = copy_content("basic", tmp_path)
    site_yaml = content / "site.yaml"
    assert site_yaml.read_text("utf-8").count("\n") == 5, "the labels start on line 6"
    site_yaml.write_text(site_yaml.read_text("utf-8") + lines, encoding="utf-8")
    result = run_cli("check", "--content", str(content))
    assert result.code == (0 if "warning" in located else 1)
    line = next(line for line in result.stderr.splitlines() if f"[{code}]" in line)
    assert located in line, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("lines", "told"),
    [
        ("labels:\n  search: ''\n", "site.yaml:7:11: error: label 'search' is empty"),
        ("labels:\n  search:\n", "site.yaml:7:10: error: label 'search' is empty"),
        (
            "labels:\n  search: '\u200b'\n",
            "site.yaml:7:11: error: label 'search' holds no character a reader sees",
        ),
        (
            "labels:\n  statements_count:\n    one: '{n} quote'\n    other: ' '\n",
            "site.yaml:9:12: error: form 'other' of label 'statements_count' is empty",
        ),
    ],
)
def test_an_empty_label_is_told_empty(tmp_path: Path, lines: str, told: str) -> None:
    """A label written empty (quoted, or nothing after its colon) is told empty, not that
    it "must be text", which it is."""
    content = copy_content("basic", tmp_path)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text("utf-8") + lines, encoding="utf-8")
    result = run_cli("check", "--content", str(content))
    assert result.code == 1
    invalid = [line for line in result.stderr.splitlines() if "[label-invalid]" in line]
    assert len(invalid) == 1 and told in invalid[0], result.stderr
    assert "must be" not in result.stderr


def test_a_count_without_a_form_its_language_counts_with_is_a_warning(tmp_path: Path) -> None:
    """Russian counts 2 and 5 with ``few`` and ``many``: a label that gives only ``one`` and
    ``other`` is used, and the warning says which counts take ``other``."""
    lines = "labels:\n  statements_count:\n    one: '{n} цитата'\n    other: '{n} цитаты'\n"
    out = site_in(tmp_path, "ru", lines)
    assert re.search(r"\d+ цитат[аы]\b", (out / "index.html").read_text("utf-8"))
    content = tmp_path / "content"
    result = run_cli("check", "--content", str(content))
    assert result.code == 0
    warned = [line for line in result.stderr.splitlines() if "[label-form-missing]" in line]
    assert len(warned) == 1 and "site.yaml:8:5: warning" in warned[0], result.stderr
    assert "'few' or 'many'" in warned[0] and "2 and 5" in warned[0]
    english = (content / "site.yaml").read_text("utf-8").replace("language: ru", "language: en")
    (content / "site.yaml").write_text(english, encoding="utf-8")
    assert "label-form-missing" not in run_cli("check", "--content", str(content)).stderr


def test_a_changed_label_rebuilds_the_pages_a_clean_build_would_make(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    out, clean = tmp_path / "site", tmp_path / "clean"
    assert run_cli("build", "--content", str(content), "--out", str(out), "--no-search").code == 0
    site_yaml = content / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text("utf-8") + "labels:\n  permalink: Link here\n  note: 'N.B. {note}'\n",
        encoding="utf-8",
    )
    for target, more in ((out, []), (clean, ["--clean"])):
        args = ["build", "--content", str(content), "--out", str(target), "--no-search", *more]
        assert run_cli(*args).code == 0
    pages = sorted(p.relative_to(clean) for p in clean.rglob("*") if p.is_file())
    assert pages == sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(clean, out, [str(p) for p in pages], shallow=False)
    assert mismatch == errors == []
    cards = (out / "speakers" / "speaker-7" / "index.html").read_text("utf-8")
    assert ">Link here<" in cards and "N.B. " in cards


def test_a_feed_says_who_said_it_in_the_sites_language(tmp_path: Path) -> None:
    out = site_in(tmp_path, "zh-CN")
    feeds = sorted(out.glob("concepts/*/feed.xml"))
    contents = [e.content[0].value for f in feeds for e in feedparser.parse(f.read_bytes()).entries]
    assert contents and all("，见《" in text for text in contents)
    assert all(re.search(r"，\d{4}年\d{1,2}月\d{1,2}日，见", text) for text in contents)
    assert not any(" in “" in text for text in contents)


def test_the_catalogs_are_yaml_a_translator_can_copy_into_site_yaml() -> None:
    """A catalog's entries pasted under ``labels:`` read back as themselves."""
    for tag in labels.shipped_tags():
        text = (labels.CATALOGS / f"{tag}.yaml").read_text("utf-8")
        indented = "".join(f"  {line}\n" for line in text.splitlines())
        assert yaml.safe_load("labels:\n" + indented)["labels"] == catalog(tag)


@pytest.mark.parametrize(
    ("language", "concepts", "date"),
    [
        ("zh-TW", "概念", "2024年3月5日"),  # Traditional: the zh-Hant catalog, not zh's
        ("zh-cmn-Hant", "概念", "2024年3月5日"),  # a tag Babel cannot read whole
        ("ar-Latn", "Concepts", "5 March 2024"),  # ar.yaml is in Arabic letters
        ("zh-Latn", "Concepts", "5 March 2024"),  # CLDR writes its months "M03"
        ("sr-Latn", "Concepts", "5. mart 2024."),  # no catalog; CLDR has its dates
    ],
)
def test_a_catalog_or_calendar_in_another_script_is_not_used(
    language: str, concepts: str, date: str
) -> None:
    words = for_language(language)
    assert words.text("concepts") == concepts
    assert words.date(dt.date(2024, 3, 5)) == date
    if language.startswith("zh-") and "Latn" not in language:
        assert words.text("speakers") == catalog("zh-Hant")["speakers"] != catalog("zh")["speakers"]


@pytest.mark.parametrize(
    ("language", "date", "month"),
    [
        ("en", "5 March 2024", "March 2024"),  # en.yaml: the day first
        ("en-GB", "5 March 2024", "March 2024"),
        ("en-US", "March 5, 2024", "March 2024"),  # CLDR's, for the region
        ("en-CA", "March 5, 2024", "March 2024"),
        ("en-Latn-US", "March 5, 2024", "March 2024"),  # the usual script, named
        ("pt-BR", "5 de março de 2024", "março de 2024"),
    ],
)
def test_a_region_gets_its_own_dates_unless_a_catalog_of_it_sets_them(
    language: str, date: str, month: str
) -> None:
    words = for_language(language)
    assert (words.date(dt.date(2024, 3, 5)), words.month("2024-03")) == (date, month)


def test_a_sites_date_pattern_holds_in_any_region(tmp_path: Path) -> None:
    ours = _days_shown(site_in(tmp_path, "en-US", 'labels:\n  date: "d MMMM y"\n'))
    assert ours and all(re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", text) for text in ours)
    cldr = _days_shown(site_in(tmp_path / "us", "en-US"))
    assert cldr and all(re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", text) for text in cldr)


def _days_shown(out: Path) -> list[str]:
    """The text of every ``<time>`` of a whole day on the site's pages."""
    return [
        time.get_text()
        for soup in _pages(out).values()
        for time in soup.select("time[datetime]")
        if len(str(time["datetime"])) == 10
    ]


def test_a_week_based_year_past_9999_writes_the_date_as_iso() -> None:
    """Babel raises for ``Y`` on 31 December 9999 (its week belongs to year 10000)."""
    words = for_language("en", {"date": "d MMMM Y"})
    assert words.date(dt.date(9999, 12, 31)) == "9999-12-31"
    assert words.date(dt.date(2024, 3, 5)) == "5 March 2024"


def test_linked_data_names_the_set_of_concepts_in_the_sites_language(tmp_path: Path) -> None:
    out = site_in(tmp_path, "zh-CN")
    page = next(out.glob("concepts/*/index.html"))
    script = BeautifulSoup(page.read_bytes(), "lxml").select_one(
        'script[type="application/ld+json"]'
    )
    assert script is not None
    data = json.loads(script.get_text())
    term = next(node for node in data["@graph"] if node.get("@type") == "DefinedTerm")
    assert term["inDefinedTermSet"]["name"] == "Fixture Concordance：概念"


def many_statements_site(tmp_path: Path, language: str, topics: bool = False) -> Path:
    """A site in ``language`` of one article with 1,001 quotes by Speaker 7 on the concept
    ``zorp`` (and each on one of its own too when ``topics``), so counts pass a thousand:
    built, with its search index when ``topics``."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "site.yaml").write_text(
        f"title: Counts\nbase_url: https://example.org/\nlanguage: {language}\n",
        encoding="utf-8",
    )
    quotes = "".join(
        f"  - text: Zorp number {i} turns\n    concepts: [zorp{f', topic {i}' if topics else ''}]\n"
        for i in range(1001)
    )
    body = "".join(f"Zorp number {i} turns.\n\n" for i in range(1001))
    article = content / "articles" / "2024-03-01-counts.md"
    article.write_text(
        f"---\ntitle: Counts\ndate: 2024-03-01\nspeaker: Speaker 7\nquotes:\n{quotes}---\n{body}",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    more = [] if topics else ["--no-search"]
    result = run_cli("build", "--content", str(content), "--out", str(out), *more)
    assert result.code == 0, result.stderr
    return out


@pytest.mark.parametrize(
    ("tag", "count", "written"),
    [
        ("en", 999, "999"),
        ("en", 1001, "1,001"),
        ("de", 1234567, "1.234.567"),
        ("de-CH", 1234567, "1'234'567"),
        ("fr", 12345, "12\u202f345"),
        ("hi", 1234567, "12,34,567"),
        ("xx-unknown", 1234567, "1,234,567"),
    ],
)
def test_a_count_groups_its_digits_as_its_language_does(tag: str, count: int, written: str) -> None:
    """CLDR's symbol and group sizes (India's are 3, then 2). ``de-CH``'s apostrophe is one
    Babel's own formatting drops: its ``1234567`` would read as no grouping at all."""
    assert labels.for_language(tag).number(count) == written


def test_counts_past_a_thousand_are_grouped_on_every_page(tmp_path: Path) -> None:
    """Every count a page shows: the concept's and the speaker's totals, the chips, the
    A-Z and the timeline's table."""
    pages = _pages(many_statements_site(tmp_path, "de-CH"))
    written = "1'001"
    total = fill(labels.for_language("de-CH").text("statements_count", 1001), {"n": written})
    concept = pages["concepts/zorp/index.html"]
    assert concept.select_one(".stats strong").get_text() == written
    assert concept.select_one(".timeline-table td:last-child").get_text() == written
    assert pages["speakers/speaker-7/index.html"].select_one(".stats strong").get_text() == written
    chips = pages["articles/2024-03-01-counts/index.html"].select(".chip-list .count")
    assert written in [chip.contents[0] for chip in chips]
    az = pages["concepts/index.html"].find("a", string="zorp").find_next("span", class_="count")
    assert az.get_text() == total


def format_map_fill(text: str, args: dict[str, str]) -> str:
    """How labels were filled before ``labels._Form``: every brace but a ``{name}``'s
    doubled, then ``str.format_map``, a ``{name}`` with no value left as written. A name of
    digits (``{3}``, ``{٣}``), which ``format_map`` refused as a position, is not compared
    here (``test_a_name_of_digits_is_a_name_like_any_other``)."""

    class Missing(dict[str, str]):
        def __missing__(self, name: str) -> str:
            return f"{{{name}}}"

    pieces = re.split(r"\{(\w+)\}", text)
    form = "".join(
        piece.replace("{", "{{").replace("}", "}}") if i % 2 == 0 else f"{{{piece}}}"
        for i, piece in enumerate(pieces)
    )
    return form.format_map(Missing(args))


label_names = st.sampled_from(["n", "site", "speaker", "date", "note", "glorp"])
label_pieces = st.one_of(
    st.text(alphabet=st.sampled_from("ab %{}“”·٣ ")),
    label_names.map(lambda name: f"{{{name}}}"),
    st.sampled_from(["{{n}}", "{ n }", "{}", "%s", "%%", "%(n)s", "{n!r}", "{n.x}"]),
)


@given(
    pieces=st.lists(label_pieces, max_size=8),
    args=st.dictionaries(label_names, st.text(max_size=5)),
)
def test_a_label_is_filled_as_format_map_filled_it(pieces: list[str], args: dict[str, str]) -> None:
    text = "".join(pieces)
    assume(not any(name.isdigit() for name in re.findall(r"\{(\w+)\}", text)))
    words = labels.Labels("en", {"zorp": text}, None)
    assert words.filled("zorp", args) == format_map_fill(text, args)
    shown = {name: str(escape(value)) for name, value in args.items()}
    assert words.html("zorp", shown) == format_map_fill(escape_label(text), shown)
    assert html.unescape(words.html("zorp", shown)) == words.filled("zorp", args)  # as read


@pytest.mark.parametrize("name", ["3", "٣", "07"])
def test_a_name_of_digits_is_a_name_like_any_other(name: str) -> None:
    """``str.format_map`` read ``{3}`` as a position (and refused ``{٣}``); a label names
    its values, so a name of digits is filled from the value of that name, or left as
    written, with its leading zeros."""
    words = labels.Labels("en", {"zorp": f"a {{{name}}} b"}, None)
    assert words.filled("zorp", {name: "glorp"}) == "a glorp b"
    assert words.filled("zorp", {}) == f"a {{{name}}} b"


@pytest.mark.parametrize("tag", labels.shipped_tags())
def test_every_shipped_label_is_filled_as_format_map_filled_it(tag: str) -> None:
    words = for_language(tag)
    for key, text in catalog(tag).items():
        forms = text.values() if isinstance(text, dict) else [text]
        for form in forms:
            args = {name: f"<{name} 7>" for name in placeholders(ENGLISH.get(key, form))}
            assert labels._Form(form).fill(args) == format_map_fill(form, args), (key, form)
    assert words.filled("citation_said", {"date": "1 March 2024"}).count("{speaker}") == 1


@given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_a_date_kept_in_iso_form_is_written_as_isoformat_writes_it(day: dt.date) -> None:
    """``iso_date`` and the feeds' ``timestamp`` keep each date's text: the same text for
    the same day asked again, or for an equal date made anew."""
    for _ in range(2):
        again = dt.date(day.year, day.month, day.day)
        assert labels.iso_date(again) == day.isoformat()
        assert timestamp(again) == f"{day.isoformat()}T00:00:00Z"


@given(
    pieces=st.lists(label_pieces, max_size=8),
    args=st.dictionaries(
        label_names, st.one_of(st.text(max_size=5), st.integers(), st.text().map(escape))
    ),
)
def test_a_label_is_filled_by_joining_as_percent_filled_it(
    pieces: list[str], args: dict[str, object]
) -> None:
    """Text values are joined between the label's pieces (``labels._Form``), numbers
    written by ``%``: either way, what ``%`` wrote of the same values."""
    form = labels._Form("".join(pieces))
    values = tuple(args.get(name, f"{{{name}}}") for name in form.names)
    assert form.fill(args) == form.text % values


def test_the_labels_of_a_site_are_made_once_per_process() -> None:
    """The feeds and the pages of a worker share one ``Labels`` (its dates written once by
    Babel); other languages or other labels of the site's own get labels of their own."""
    own = {"concepts": "Ideas", "statements_count": {"one": "{n} quote", "other": "{n} quotes"}}
    words = for_language("fr", own)
    assert for_language("fr", {key: own[key] for key in own}) is words
    assert words.texts["statements_count"] == own["statements_count"]
    assert words.text("concepts") == "Ideas"
    assert for_language("fr") is not words and for_language("de", own) is not words
    other = {**own, "statements_count": {"other": "{n} quotes", "one": "{n} quote"}}
    assert list(for_language("fr", other).texts["statements_count"]) == ["other", "one"]


DAYS = [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2024, 2, 29), dt.date(1999, 12, 31)]
DAYS += [dt.date(1900, 1, 1) + dt.timedelta(days=step * 73) for step in range(500)]


def _babels(words: labels.Labels, day: dt.date) -> str:
    """``day`` as Babel's ``format_date`` writes it for ``words`` (``Labels._written``)."""
    return words._written(day, "date", "long")


@pytest.mark.parametrize("tag", [*labels.shipped_tags(), "en-US", "de-CH", "ja", "ar", "fa", "hi"])
def test_a_day_is_written_as_babel_writes_it_in_every_language(tag: str) -> None:
    """``Labels.date`` writes each field of a day's part once (``labels._DayPattern``): the
    text Babel writes, day by day."""
    words = labels._labels(tag, (("months", "m"),))  # labels of their own: no day written yet
    assert [words.date(day) for day in DAYS] == [_babels(words, day) for day in DAYS]
    assert words._days[0].pieces, tag  # written from the fields' parts, not by Babel


@given(
    st.lists(
        st.sampled_from(
            [
                "d",
                "dd",
                "M",
                "MM",
                "MMM",
                "MMMM",
                "MMMMM",
                "L",
                "LLLL",
                "y",
                "yy",
                "yyyy",
                "yyyyy",
                "u",
                "G",
                "GGGG",
                "Q",
                "QQQ",
                "qqqq",
                "E",
                "EEEE",
                "w",
                "Y",
                "ddd",
                " ",
                ". ",
                "'de'",
                "''",
                "'",
                "%",
                "年",
                "long",
                "full",
                "short",
                "medium",
                "x",
            ]
        ),
        max_size=6,
    ),
    st.sampled_from(["en", "fr", "ja", "ru", "ar"]),
    st.sampled_from(DAYS),
)
def test_a_sites_date_pattern_writes_a_day_as_babel_writes_it(
    pieces: list[str], tag: str, day: dt.date
) -> None:
    """Any pattern, valid or not, gives Babel's text (or the ISO date where Babel fails),
    written from its fields or, for one with other fields, by Babel: one that asks for a time
    of day fails alike (``invalid_pattern`` keeps it from a site)."""
    words = labels._labels(tag, (("date", "".join(pieces)),))
    assert _outcome(words.date, day) == _outcome(partial(_babels, words), day)


def _outcome(write: Callable[[dt.date], str], day: dt.date) -> str:
    try:
        return write(day)
    except Exception as exc:
        return type(exc).__name__
