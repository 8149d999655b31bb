"""Statement views made once per process (``views.Statements``), sharing their links,
are the views made one by one, and point at their quotes' anchors."""

from __future__ import annotations

from pathlib import Path

import pytest

from concordance import pipeline, urls, views
from concordance.config import BuildOptions
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


@pytest.fixture(scope="module")
def scripts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One article whose quotes name concepts and speakers in many scripts."""
    tmp = tmp_path_factory.mktemp("scripts")
    quotes = "".join(
        f'  - text: "glorp {i} said"\n    concepts: ["{name}"]\n    speaker: "{who}"\n'
        for i, (name, who) in enumerate(SCRIPTS_CONCEPTS.items())
    )
    body = " ".join(f"The glorp {i} said so." for i in range(len(SCRIPTS_CONCEPTS)))
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
