"""Statement views made once per process (``views.Statements``), sharing their links,
are the views made one by one, and point at their quotes' anchors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concordance import labels, pipeline, urls, views
from concordance.config import BuildOptions
from concordance.model import Slug, Statement
from tests.conftest import FIXTURES, run_cli
from tests.sitecheck import soup


@pytest.mark.parametrize("name", ["basic", "publish", "hostile-xss"])
def test_shared_links_give_the_views_made_one_by_one(name: str) -> None:
    content = Path(FIXTURES / name / "content")
    index = pipeline.check_content(BuildOptions(content=content, jobs=1)).index
    known = views.Statements(index)
    statements = list(index.statements.values())
    assert len(statements) >= 3
    for s in statements + statements[::-1]:
        view = known.view(s)
        assert view == views.statement_view(index, s)
        concepts = [(index.concepts[c].title, urls.concept_path(c)) for c in s.concepts]
        assert [(link.title, link.target) for link in view.concepts] == concepts
        assert view.article.title == index.articles[s.article].title
        assert view.target == f"{urls.article_path(s.article)}#{s.quote_id}"
        assert view.card_id == f"s-{s.article}_{s.quote_id}"
        speaker = index.speakers[s.speaker] if s.speaker else None
        assert (view.speaker.title if view.speaker else None) == speaker
    shared = {link.target for v in known.made.values() for link in v.concepts}
    assert len(known.links) >= len(shared) > 0
    # The views of a page's statements, made ones looked up first: the same views.
    fresh = views.Statements(index)
    half = fresh.views(statements[::2])
    assert half == tuple(views.statement_view(index, s) for s in statements[::2])
    assert fresh.views(statements) == tuple(known.view(s) for s in statements)
    assert all(a is b for a, b in zip(half, fresh.views(statements[::2]), strict=True))


def test_statement_views_are_tuples_of_what_their_statements_show() -> None:
    """A view is a named tuple (``views.StatementView``), made without the constructor of a
    frozen dataclass, which set each field through ``object.__setattr__``: its fields, in
    order, hold the quote, its article's and speaker's links and its concepts' chips."""
    content = Path(FIXTURES / "basic" / "content")
    index = pipeline.check_content(BuildOptions(content=content, jobs=1)).index
    for s in index.statements.values():
        view = views.statement_view(index, s)
        article = index.articles[s.article]
        quote = article.quotes[s.position]
        assert isinstance(view, tuple)
        assert view[:3] == (s.article, quote.text, quote.id)
        assert view[4:6] == (s.date, article.date)
        assert view.source == article.source and view.note == quote.note
        assert dict(zip(view._fields, view, strict=True))["concepts"] == view.concepts


SCRIPTS_CONCEPTS = {
    # concept: speaker of its quote
    "zèbre": "Zed Test",
    "école": "ada test",
    "Ördek": "Émile Test",
    "iklim": "Ёлкин Тест",
    "ışık": "Алексеев Тест",
    "ＡＢＣ": "борисов тест",
    "Ёлка": "Zed Test",
    "арбуз": "Zed Test",
    "Ежевика": "Zed Test",
    "йогурт": "Zed Test",
    "αλφάβητο": "Zed Test",
    "Άλφα": "Zed Test",
    "بانک": "Zed Test",
    "پول": "Zed Test",
    "جنگ": "Zed Test",
    "چای": "Zed Test",
    "أمن": "Zed Test",
    "اسم": "Zed Test",
    "ไก่": "Zed Test",
    "เกม": "Zed Test",
    "ขนม": "Zed Test",
    "გეგმა": "Zed Test",
    "까치": "Zed Test",
    "글로프": "Zed Test",
    "각도": "Zed Test",
    "나무": "Zed Test",
    "가나다": "Zed Test",
    "2024 plan": "Zed Test",
}


def quotes_site(tmp: Path, named: list[tuple[str, str]]) -> Path:
    """A site built into ``tmp/site`` of one article with a quote for each concept and
    speaker of ``named``."""
    quotes = "".join(
        f'  - text: "glorp {i} said"\n    concepts: ["{name}"]\n    speaker: "{who}"\n'
        for i, (name, who) in enumerate(named)
    )
    body = " ".join(f"The glorp {i} said so." for i in range(len(named)))
    article = tmp / "content" / "articles" / "2024-01-01-scripts.md"
    article.parent.mkdir(parents=True)
    article.write_text(
        f"---\ntitle: Scripts\ndate: 2024-01-01\nquotes:\n{quotes}---\n{body}\n", encoding="utf-8"
    )
    (tmp / "content" / "site.yaml").write_text("title: Scripts\n", encoding="utf-8")
    out = tmp / "site"
    built = run_cli("build", "--content", str(tmp / "content"), "--out", str(out), "--no-search")
    assert built.code == 0, built.stderr
    return out


@pytest.fixture(scope="module")
def scripts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One article whose quotes name concepts and speakers in many scripts."""
    return quotes_site(tmp_path_factory.mktemp("scripts"), list(SCRIPTS_CONCEPTS.items()))


def test_the_a_to_z_files_each_name_under_its_base_letter(scripts_site: Path) -> None:
    """An accented letter is filed under its base letter, full width under its letter, ё
    with е, أ with ا, Persian's letters after the ones they are drawn from, a Thai word by
    its consonant and a Korean one by its initial consonant; Latin first, digits last.
    Before, the raw first character was the initial and the groups came in code-point
    order: é, ö and Ａ after Z, Ё before А, پ after ج, เ after every consonant, and a
    group for each Korean syllable. A Georgian group was headed by the letter's capital
    (Mtavruli), which Georgian writes in all-capital titles only."""
    page = soup(scripts_site / "concepts" / "index.html")
    groups = [
        (section.h2.get_text(), [a.get_text() for a in section.select("li > a")])
        for section in page.select("section.az-group")
    ]
    assert groups == [
        ("A", ["ＡＢＣ"]),
        ("E", ["école"]),
        ("I", ["iklim", "ışık"]),
        ("O", ["Ördek"]),
        ("Z", ["zèbre"]),
        ("Α", ["Άλφα", "αλφάβητο"]),
        ("А", ["арбуз"]),
        ("Е", ["Ежевика", "Ёлка"]),
        ("Й", ["йогурт"]),
        ("ا", ["اسم", "أمن"]),
        ("ب", ["بانک"]),
        ("پ", ["پول"]),
        ("ج", ["جنگ"]),
        ("چ", ["چای"]),
        ("ก", ["เกม", "ไก่"]),
        ("ข", ["ขนม"]),
        ("გ", ["გეგმა"]),  # not its capital Გ, which Georgian writes only in titles in capitals
        ("ㄱ", ["가나다", "각도", "글로프", "까치"]),
        ("ㄴ", ["나무"]),
        ("#", ["2024 plan"]),
    ]
    nav = [a.get_text() for a in page.select("nav.az a")]
    assert nav == [initial for initial, _ in groups]
    # The article's own list of concepts is in the same order.
    article = soup(scripts_site / "articles" / "2024-01-01-scripts" / "index.html")
    listed = [a.get_text() for a in article.select("aside.article-aside a.chip")]
    assert listed == [name for _, names in groups for name in names]


def test_the_speakers_index_is_in_the_order_of_the_concepts(scripts_site: Path) -> None:
    """Speakers were sorted by code point: ``ada`` after ``Zed``, ``Émile`` after both and
    ``Ёлкин`` before ``Алексеев``."""
    page = soup(scripts_site / "speakers" / "index.html")
    assert [a.get_text() for a in page.select("ul.concept-list li > a")] == [
        "ada test",
        "Émile Test",
        "Zed Test",
        "Алексеев Тест",
        "борисов тест",
        "Ёлкин Тест",
    ]


def test_an_a_z_group_is_headed_by_the_initial_most_of_its_names_are_written_with() -> None:
    """Persian ک and Arabic ك are one letter to the index: the group was headed by whichever
    sorted first, the Arabic ك on a site whose names mostly use the Persian one."""
    names = ["ك", "کتاب", "كتاب عربي", "کیک", "کوه"]
    groups = views.az_groups([views.Link(name, f"concepts/{i}/") for i, name in enumerate(names)])
    assert [(heading, len(links)) for heading, links in groups] == [("ک", 5)]


def test_a_mostly_latin_alias_with_a_han_character_is_in_the_pages_language() -> None:
    assert views.alias("mixed 新 word", "en").lang is None
    assert views.alias("新质", "en").lang == "zh"
    assert views.alias("グロープ案", "en").lang == "ja"


def counted_months(dates: list[dt.date]) -> tuple[tuple[str, int], ...]:
    """Statements per month as ``views.months`` counted them before reading each date's
    ISO form: its year and month formatted one statement at a time."""
    counts: dict[str, int] = {}
    for day in dates:
        key = f"{day.year:04d}-{day.month:02d}"
        counts[key] = counts.get(key, 0) + 1
    first, last, out = dates[0], dates[-1], []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        key = f"{year:04d}-{month:02d}"
        out.append((key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def rounded_bars(by_month: tuple[tuple[str, int], ...]) -> list[tuple[object, ...]]:
    """Each bar's fields as ``views.timeline`` laid them out before empty bars were left
    unrounded: height and top rounded for every month."""
    peak = max(n for _, n in by_month)
    bars: list[tuple[object, ...]] = []
    for i, (month, n) in enumerate(by_month):
        h = round(views.TIMELINE_PLOT * n / peak, 1) if peak else 0.0
        y = round(views.TIMELINE_PLOT + 4 - h, 1)
        bars.append((month, n, i * views.BAR_STEP + 1, y, views.BAR_STEP - 2, h))
    return bars


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)), min_size=1, max_size=40))
def test_months_and_bars_are_counted_and_laid_out_as_before(days: list[dt.date]) -> None:
    days.sort()
    if (days[-1].year - days[0].year) * 12 + days[-1].month - days[0].month >= 1200:
        days = [d for d in days if d.year == days[0].year] or days[:1]  # charted spans only
    said = tuple(Statement(Slug("a"), f"q{i}", day, (), None, i) for i, day in enumerate(days))
    by_month = views.months(said)
    assert by_month == counted_months(days)
    chart = views.timeline(by_month, labels.for_language("en"))
    assert chart is not None
    laid_out = [(b.month, b.count, b.x, b.y, b.w, b.h) for b in chart.bars]
    assert laid_out == rounded_bars(by_month)
    assert [type(b.y) for b in chart.bars] == [float] * len(chart.bars)


def test_a_long_chart_of_a_few_counts_is_laid_out_as_before() -> None:
    """A chart rounds each count's height and top once (``views.timeline``): over 25 years
    of months repeating a few counts, every bar still has the layout made for it alone."""
    counts = [0 if i % 4 == 1 else 1 + (i * 7) % 6 for i in range(300)]
    by_month = tuple((f"{2000 + i // 12:04d}-{i % 12 + 1:02d}", n) for i, n in enumerate(counts))
    chart = views.timeline(by_month, labels.for_language("en"))
    assert chart is not None
    laid_out = [(b.month, b.count, b.x, b.y, b.w, b.h) for b in chart.bars]
    assert laid_out == rounded_bars(by_month)
    assert [b.tick for b in chart.bars if b.tick] == [str(year) for year in range(2000, 2025)]


def test_names_with_numbers_are_listed_in_the_numbers_order(tmp_path: Path) -> None:
    """A number in a name is counted, not read digit by digit: ``Speaker 10`` was listed
    before ``Speaker 2``, and ``zorp article 12`` before ``zorp article 3``."""
    people = ["Speaker 10", "Speaker 2", "Speaker 1", "Speaker ١١"]
    names = ["zorp article 12", "zorp article 3", "zorp article 100", "zorp article 12"]
    out = quotes_site(tmp_path, list(zip(names, people, strict=True)))
    speakers = soup(out / "speakers" / "index.html").select("ul.concept-list li > a")
    assert [a.get_text() for a in speakers] == [
        "Speaker 1",
        "Speaker 2",
        "Speaker 10",
        "Speaker ١١",
    ]
    concepts = soup(out / "concepts" / "index.html").select("section.az-group li > a")
    assert [a.get_text() for a in concepts] == [
        "zorp article 3",
        "zorp article 12",
        "zorp article 100",
    ]
