"""An article in another language than the site's (``language:`` in its front matter): its
title, body, statement index and the cards of its quotes say so (``lang``), as do its
JSON-LD and the data export, while every page stays in the site's language."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import CliRun, build_one_article, copy_content, highlights, run_cli
from sitecheck import soup

from concordance.excerpts import excerpt_html
from concordance.markdown import QuoteRequest, render_body
from concordance.textnorm import fold_name
from concordance.urls import slugify

ARTICLE = """---
title: 泰西克计划的对话
date: 2023-01-02
speaker: Speaker 7
language: zh-Hans
quotes:
  - text: 泰西克计划需要耐心
    concepts: [tesik plan]
---
发言人说，泰西克计划需要耐心。
"""
QUOTING = """---
title: A report quoting the original
date: 2023-01-03
speaker: Speaker 8
quotes:
  - text: 泰西克计划很好
    language: zh
    concepts: [tesik plan]
  - text: the tesik plan is good
    concepts: [tesik plan]
---
Speaker 8 said “泰西克计划很好”, that is, the tesik plan is good.
"""
PAGE = "articles/2023-01-02-zh/index.html"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def build(content: Path, out: Path) -> CliRun:
    return run_cli("build", "--content", str(content), "--out", str(out), "--no-search")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("languages")
    content = copy_content("basic", tmp)
    (content / "articles" / "2023-01-02-zh.md").write_text(ARTICLE, encoding="utf-8")
    (content / "articles" / "2023-01-03-quoting.md").write_text(QUOTING, encoding="utf-8")
    out = tmp / "site"
    result = build(content, out)
    assert result.code == 0, result.stderr
    return out


def test_the_article_page_marks_its_language_and_the_page_keeps_the_sites(built: Path) -> None:
    page = soup(built / PAGE)
    html = page.find("html")
    assert isinstance(html, Tag) and html["lang"] == "en"
    marked = {(e.name, e.get_text(strip=True)[:6]) for e in page.find_all(lang="zh-Hans")}
    assert marked == {("h1", "泰西克计划的"), ("div", "发言人说，泰"), ("a", "泰西克计划需")}
    graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
    assert graph[0]["inLanguage"] == "zh-Hans"


@pytest.mark.parametrize(
    "listing", ["concepts/tesik-plan/index.html", "speakers/speaker-7/index.html"]
)
def test_its_quotes_cards_mark_their_language(built: Path, listing: str) -> None:
    """A card's quote is in its own language, the title of its article in the article's:
    an English report quoting Chinese words has an English title."""
    cards = soup(built / listing).select("article.statement")
    langs = {
        card.select_one("blockquote").get_text(strip=True): (
            card.select_one("blockquote").get("lang"),
            card.select_one("a.passage").get("lang"),
        )
        for card in cards
    }
    assert langs.pop("泰西克计划需要耐心") == ("zh-Hans", "zh-Hans")
    if listing.startswith("concepts/"):  # Speaker 8's
        assert langs.pop("泰西克计划很好") == ("zh", None)  # a quote's own language
    assert langs and set(langs.values()) == {(None, None)}  # the site's own language


def test_concept_chips_in_a_body_in_another_language_are_in_the_sites(built: Path) -> None:
    """Concept names are the site's words: after a quote in a Chinese body they are read
    as English, not as Chinese; in an English body they need no ``lang`` of their own."""
    chinese = soup(built / PAGE).select("div.body span.chips")
    assert [(c.get_text(" ", strip=True), c.get("lang")) for c in chinese] == [("tesik plan", "en")]
    english = soup(built / "articles/2023-01-03-quoting/index.html").select("div.body span.chips")
    assert english and {c.get("lang") for c in english} == {None}


def test_the_data_export_names_each_articles_language(built: Path) -> None:
    export = json.loads((built / "data" / "concordance.json").read_text(encoding="utf-8"))
    languages = {a["slug"]: a["language"] for a in export["articles"]}
    assert languages.pop("2023-01-02-zh") == "zh-Hans"
    assert languages and set(languages.values()) == {None}
    quoted = {q["text"]: q["language"] for q in export["quotes"]}
    assert (quoted.pop("泰西克计划需要耐心"), quoted.pop("泰西克计划很好")) == ("zh-Hans", "zh")
    assert set(quoted.values()) == {None}


@pytest.mark.parametrize(
    ("name", "text", "written", "column"),
    [
        ("2023-01-02-zh.md", ARTICLE, "language: zh-Hans", 11),
        ("2023-01-03-quoting.md", QUOTING, "    language: zh", 15),
    ],
)
def test_a_language_that_is_no_tag_is_a_located_error(
    tmp_path: Path, name: str, text: str, written: str, column: int
) -> None:
    content = copy_content("basic", tmp_path)
    wrong = text.replace(written, written.split(":")[0] + ": Chinese (simplified)")
    (content / "articles" / name).write_text(wrong, encoding="utf-8")
    result = build(content, tmp_path / "site")
    line = text.split("\n").index(written) + 1
    assert result.code == 1
    assert f"{name}:{line}:{column}: error: 'language' must be a language tag" in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("feed", ["concepts/tesik-plan/feed.xml", "feed.xml"])
def test_feed_entries_mark_the_words_in_the_articles_language(built: Path, feed: str) -> None:
    root = ElementTree.parse(built / feed).getroot()
    assert root.get(XML_LANG) == "en"
    titles = root.findall(f"{ATOM}entry/{ATOM}title")
    marked = {t.text: t.get(XML_LANG) for t in titles if t.get(XML_LANG)}
    expected = {"zh-Hans", "zh"} if feed.startswith("concepts/") else {"zh-Hans"}
    assert set(marked.values()) == expected
    assert all("泰西克计划" in title for title in marked)


def test_a_quote_in_its_own_language_is_marked_so_in_the_body(built: Path) -> None:
    page = soup(built / "articles/2023-01-03-quoting/index.html")
    marks = {m.get_text(): m.get("lang") for m in page.select("div.body mark")}
    assert marks == {"泰西克计划很好": "zh", "the tesik plan is good": None}
    assert page.select_one("div.body").get("lang") is None


def test_an_excerpt_marks_its_quotes_language() -> None:
    html = excerpt_html(
        "He said 泰西克计划很好 today.", [QuoteRequest("q-1", "泰西克计划很好", "zh")], {"q-1"}
    )
    mark = BeautifulSoup(html, "lxml").find("mark")
    assert mark is not None and mark.get("lang") == "zh" and mark.get_text() == "泰西克计划很好"


WRAPPED = """---
title: 格洛普计划
date: 2023-01-04
speaker: Speaker 9
language: zh-Hans
publish: {publish}
quotes:
  - text: 格洛普计划进展顺利，话者九说
    concepts: [tesik plan]
  - text: >-
      话者九说明年
      还会更好
    concepts: [tesik plan]
---
发言人说格洛普计划进展
顺利，话者九说明年还会
更好。Speaker 9
agreed.
"""


@pytest.mark.parametrize("publish", ["full", "excerpts"])
def test_chinese_wrapped_over_lines_reads_and_shows_without_spaces(
    tmp_path: Path, publish: str
) -> None:
    """A Chinese paragraph wrapped over lines, as plain-text sources are: a quote written
    without the breaks is found, so is one whose YAML wraps it, and the page shows no
    break between two Chinese letters (Chrome draws one as a gap inside a word). A break
    beside a Latin letter stays a space."""
    content = copy_content("basic", tmp_path)
    article = content / "articles" / "2023-01-04-wrapped.md"
    article.write_text(WRAPPED.format(publish=publish), encoding="utf-8")
    out = tmp_path / "site"
    result = build(content, out)
    assert result.code == 0, result.stderr
    body = soup(out / "articles" / "2023-01-04-wrapped" / "index.html").select_one(".body")
    assert isinstance(body, Tag)
    marked = {
        quote: "".join(m.get_text() for m in body.select(f'mark[data-quote="{quote}"]'))
        for quote in {m["data-quote"] for m in body.select("mark")}
    }
    assert sorted(marked.values()) == ["格洛普计划进展顺利，话者九说", "话者九说明年还会更好"]
    for chips in body.select(".chips"):
        chips.decompose()
    text = body.get_text()
    assert "计划进展顺利，话者九说明年还会更好。" in text
    if publish == "full":
        assert "更好。Speaker 9\nagreed." in text


def test_chinese_spaced_around_a_link_is_shown_spaced_on_its_card(tmp_path: Path) -> None:
    """A Chinese body that puts a space either side of a link or bold text, as READMEs do
    (``学习过 [格洛普教程](x) 和``), shows those spaces, and so do the cards and data export
    of a quote of it, typed with them or without; a line break between two letters is still
    no space."""
    body = (
        "请确保你已经学习过 [格洛普教程](https://example.org/g) 和 **泽尔特组件**。\n\n"
        "格洛普计划\n进展顺利。\n"
    )
    front = (
        "title: Spaced\ndate: 2024-01-06\nspeaker: Speaker 7\nlanguage: zh\nquotes:\n"
        "  - text: 学习过 格洛普教程 和 泽尔特组件\n    concepts: [glorp]\n"
        "  - text: 学习过格洛普教程和泽尔特\n    concepts: [glorp]\n"
        "  - text: 格洛普计划进展顺利\n    concepts: [glorp]\n"
    )
    build_one_article(tmp_path, "2024-01-06-spaced", front, body)
    concept = soup(tmp_path / "site" / "concepts" / "glorp" / "index.html")
    cards = sorted(quote.get_text() for quote in concept.select("article.statement blockquote"))
    export = json.loads((tmp_path / "site" / "data" / "concordance.json").read_text("utf-8"))
    shown = ["学习过 格洛普教程 和 泽尔特", "学习过 格洛普教程 和 泽尔特组件", "格洛普计划进展顺利"]
    assert cards == shown
    assert sorted(quote["text"] for quote in export["quotes"]) == shown


def test_chinese_of_two_lines_the_page_draws_is_shown_spaced_on_its_card(tmp_path: Path) -> None:
    """Chinese letters a line break the page draws parts (``<br>``, a ``\\`` or two spaces at
    a line's end, in a table's cell too) are shown a space apart on a quote's cards and in the
    data export, as those of two paragraphs are, the quote typed with one or without: they
    were run together, as one word, where the page shows two lines. A line that only wraps
    is still no space; the highlight holds no space either way."""
    body = (
        "格洛普计划<br>泽尔特茶叶好。\n\n格洛普方案\\\n泽尔特办法好。\n\n"
        "格洛普政策  \n泽尔特规定好。\n\n格洛普文件\n泽尔特内容好。\n\n"
        "| 甲 |\n|-|\n| 格洛普表格<br>泽尔特单元 |\n"
    )
    quotes = ["格洛普计划泽尔特茶叶", "格洛普方案泽尔特办法", "格洛普政策 泽尔特规定"]
    quotes += ["格洛普文件泽尔特内容", "格洛普表格泽尔特单元"]
    front = "title: Lines\ndate: 2024-01-06\nspeaker: Speaker 7\nlanguage: zh\nquotes:\n" + "".join(
        f"  - text: {quote}\n    concepts: [glorp]\n" for quote in quotes
    )
    one = build_one_article(tmp_path, "2024-01-06-lines", front, body)
    assert highlights(one.body) == [quote.replace(" ", "") for quote in quotes]
    assert len(one.body.select("p > br, td > br")) == 4
    concept = soup(tmp_path / "site" / "concepts" / "glorp" / "index.html")
    cards = sorted(quote.get_text() for quote in concept.select("article.statement blockquote"))
    export = json.loads((tmp_path / "site" / "data" / "concordance.json").read_text("utf-8"))
    shown = ["格洛普政策 泽尔特规定", "格洛普文件泽尔特内容", "格洛普方案 泽尔特办法"]
    shown += ["格洛普表格 泽尔特单元", "格洛普计划 泽尔特茶叶"]  # sorted
    assert cards == shown
    assert sorted(quote["text"] for quote in export["quotes"]) == shown


VOCALISED = "قال المتحدث السابع: كَتَبَ الطالبُ الدرسَ جيداً. ثم غادر. שָׁלוֹם עֲלֵיכֶם לכולם."


def test_arabic_and_hebrew_vowel_points_are_optional_in_a_quote() -> None:
    """A quote written without the vowel points of a vocalised body is found, and so is one
    written with them; its highlight takes the points of its last letter, in the body and
    in an excerpt, so none is left detached outside the mark."""
    quotes = [
        QuoteRequest("plain", "كتب الطالب الدرس"),
        QuoteRequest("pointed", "كَتَبَ الطالبُ"),
        QuoteRequest("hebrew", "שלום עליכם"),
    ]
    result = render_body(VOCALISED, quotes)
    assert set(result.found) == {"plain", "pointed", "hebrew"}
    page = BeautifulSoup(result.html, "lxml")
    marked = {
        quote.id: "".join(m.get_text() for m in page.select(f'mark[data-quote="{quote.id}"]'))
        for quote in quotes
    }
    assert marked == {
        "plain": "كَتَبَ الطالبُ الدرسَ",
        "pointed": "كَتَبَ الطالبُ",
        "hebrew": "שָׁלוֹם עֲלֵיכֶם",
    }
    excerpt = BeautifulSoup(excerpt_html(VOCALISED, quotes[:1], {"plain"}), "lxml")
    assert excerpt.select_one("mark").get_text() == "كَتَبَ الطالبُ الدرسَ"
    assert "غادر" not in excerpt.get_text()


def test_a_vocalised_arabic_body_builds_with_its_quotes_highlighted(tmp_path: Path) -> None:
    """Built: a quote written without vowel points is marked in the vocalised body, its last
    letter's points inside the mark."""
    front = (
        "title: نص مشكول\ndate: 2024-01-05\nspeaker: Speaker 7\nlanguage: ar\nquotes:\n"
        "  - text: كتب الطالب الدرس\n    concepts: [tesik plan]\n"
    )
    one = build_one_article(tmp_path, "2024-01-05-vocalised", front, VOCALISED + "\n")
    marks = one.body.select("mark.quote")
    assert "".join(m.get_text() for m in marks) == "كَتَبَ الطالبُ الدرسَ"


def test_a_cards_last_letter_keeps_its_points_where_markup_or_a_line_break_follows(
    tmp_path: Path,
) -> None:
    """Built: the statement's card shows the vowel points and the selector of a letter that
    ends a piece of the body's text, before an emphasis closes (``**كِتابٌ**``) or a line
    break, as the page does: they were put back only at the quote's end, and the card read
    ``كِتاب``, ``❤``."""
    body = "قال المتحدث **كِتابٌ** زورب، ثم\nأَلْفٌ\nجديد. I ❤\ufe0f\nzelt tea.\n"
    shown = {"كتاب زورب": "كِتابٌ زورب", "ثم ألف جديد": "ثم أَلْفٌ جديد", "I ❤ zelt": "I ❤\ufe0f zelt"}
    typed = "".join(f"  - text: {text}\n    concepts: [tesik plan]\n" for text in shown)
    front = f"title: نص\ndate: 2024-01-05\nspeaker: Speaker 7\nquotes:\n{typed}"
    build_one_article(tmp_path, "2024-01-05-points", front, body)
    page = soup(tmp_path / "site" / "concepts" / "tesik-plan" / "index.html")
    cards = [card.get_text(strip=True) for card in page.select(".statement blockquote")]
    assert sorted(cards) == sorted(shown.values())


def test_a_persian_quote_is_found_in_a_body_written_with_arabic_letters(tmp_path: Path) -> None:
    """Built: a quote typed on a Persian keyboard (ی, ک, ۱۴۰۲) is marked in a body published
    with the Arabic yeh, kaf and digits (ي, ك, ١٤٠٢), the body's own letters inside the mark."""
    body = "گوینده نهم گفت: اين كتاب فارسي سال ١٤٠٢ است.\n"  # Arabic yeh, kaf and digits
    front = (
        "title: فارسی\ndate: 2024-01-06\nspeaker: Speaker 9\nlanguage: fa\nquotes:\n"
        "  - text: این کتاب فارسی سال ۱۴۰۲ است\n    concepts: [tesik plan]\n"
    )
    one = build_one_article(tmp_path, "2024-01-06-persian", front, body)
    marks = one.body.select("mark.quote")
    assert "".join(m.get_text() for m in marks) == "اين كتاب فارسي سال ١٤٠٢ است"


@pytest.mark.parametrize(
    ("language", "body", "typed", "written"),
    [
        ("he", "הדובר אמר כי בית־הספר ייפתח מחר.\n", "בית-הספר ייפתח", "בית־הספר ייפתח"),
        ("hy", "Խոսնակ֊7 ասաց։\n", "Խոսնակ-7 ասաց", "Խոսնակ֊7 ասաց"),
        ("ja", "会議は10〜20人で行われた。\n", "10～20人で", "10〜20人で"),
        ("ja", "会議は午後1時～3時に行われた。\n", "午後1時〜3時に", "午後1時～3時に"),
    ],
)
def test_a_scripts_own_hyphen_or_wave_dash_is_quoted_as_keyboards_type_it(
    tmp_path: Path, language: str, body: str, typed: str, written: str
) -> None:
    """Built: a quote typed with "-" is marked where the body writes Hebrew's maqaf or
    Armenian's hyphen, and the wave dash of Japanese is the full-width tilde Windows writes
    it as; the mark holds the body's own character."""
    front = (
        f"title: Dashes\ndate: 2024-01-06\nspeaker: Speaker 9\nlanguage: {language}\n"
        f"quotes:\n  - text: {typed}\n    concepts: [tesik plan]\n"
    )
    one = build_one_article(tmp_path, "2024-01-06-dashes", front, body)
    assert "".join(m.get_text() for m in one.body.select("mark.quote")) == written


@pytest.mark.parametrize(
    ("body", "typed", "written"),
    [
        ("Speaker 9: I \u2764\ufe0f zelt tea.\n", "I \u2764 zelt tea", "I \u2764\ufe0f zelt tea"),
        ("Speaker 9: I \u2764 zelt tea.\n", "I \u2764\ufe0f zelt tea", "I \u2764 zelt tea"),
        # The selector kept where markup closes right after it (**❤️**).
        ("Speaker 9: I **\u2764\ufe0f** zelt.\n", "I \u2764 zelt", "I \u2764\ufe0f zelt"),
        ("話者9は葛\U000e0100飾区の計画を話した。\n", "葛飾区の計画", "葛\U000e0100飾区の計画"),
        # Mongolian's free variation selector (ᠭ᠋), which one keyboard types and another not.
        ("ᠶᠠᠷᠢᠭ\u180bᠴᠢ ᠨᠢ ᠲᠥᠯᠥᠪᠯᠡᠭᠡ᠃\n", "ᠶᠠᠷᠢᠭᠴᠢ ᠨᠢ", "ᠶᠠᠷᠢᠭ\u180bᠴᠢ ᠨᠢ"),
        ("ᠶᠠᠷᠢᠭᠴᠢ ᠨᠢ ᠲᠥᠯᠥᠪᠯᠡᠭᠡ᠃\n", "ᠶᠠᠷᠢᠭ\u180cᠴᠢ ᠨᠢ", "ᠶᠠᠷᠢᠭᠴᠢ ᠨᠢ"),
    ],
)
def test_a_variation_selector_is_optional_in_a_quote_and_shown_as_the_body_writes_it(
    tmp_path: Path, body: str, typed: str, written: str
) -> None:
    """Built: a heart typed without the selector phones write after it (❤ for ❤️), or with
    it, and a Han character without the selector of a name's form, are found; the mark and
    the statement's card hold the body's own characters, selector and all."""
    front = (
        "title: Selectors\ndate: 2024-01-06\nspeaker: Speaker 9\nquotes:\n"
        f"  - text: {typed}\n    concepts: [tesik plan]\n"
    )
    one = build_one_article(tmp_path, "2024-01-06-selectors", front, body)
    assert "".join(m.get_text() for m in one.body.select("mark.quote")) == written
    card = soup(tmp_path / "site" / "concepts" / "tesik-plan" / "index.html")
    assert card.select_one(".statement blockquote").get_text(strip=True) == written


def test_a_concept_named_with_and_without_a_variation_selector_is_one(tmp_path: Path) -> None:
    """``❤️ tea`` and ``❤ tea`` are one name, as a reader sees them: one concept page with
    both statements, not two."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for day, heart in (("01", "\u2764\ufe0f"), ("02", "\u2764")):
        (content / "articles" / f"2024-01-{day}-tea.md").write_text(
            f"---\ntitle: Tea {day}\ndate: 2024-01-{day}\nspeaker: Speaker 9\nquotes:\n"
            f"  - text: zelt tea {day}\n    concepts: [{heart} tea]\n---\nzelt tea {day}.\n",
            encoding="utf-8",
        )
    out = tmp_path / "site"
    assert build(content, out).code == 0
    rows = soup(out / "concepts" / "index.html").select(".concept-list li")
    assert [row.select_one(".count").get_text() for row in rows] == ["2 statements"]


def test_a_mongolian_name_with_and_without_a_free_variation_selector_is_one(
    tmp_path: Path,
) -> None:
    """Mongolian's free variation selectors (U+180B-U+180D, U+180F) choose a letter's form as
    the others do: ``ᠶᠠᠷᠢᠭ᠋ᠴᠢ`` and ``ᠶᠠᠷᠢᠭᠴᠢ`` are one concept and one speaker, at an address
    without the selector whichever article comes first."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for day, name in (("01", "ᠶᠠᠷᠢᠭ\u180bᠴᠢ"), ("02", "ᠶᠠᠷᠢᠭᠴᠢ"), ("03", "ᠶᠠᠷᠢᠭ\u180fᠴᠢ")):
        (content / "articles" / f"2024-01-{day}-mn.md").write_text(
            f"---\ntitle: Mn {day}\ndate: 2024-01-{day}\nspeaker: {name}\nquotes:\n"
            f"  - text: zelt tea {day}\n    concepts: [{name}]\n---\nzelt tea {day}.\n",
            encoding="utf-8",
        )
    out = tmp_path / "site"
    assert build(content, out).code == 0
    rows = soup(out / "concepts" / "index.html").select(".concept-list li")
    assert [row.select_one(".count").get_text() for row in rows] == ["3 statements"]
    assert (out / "concepts" / "ᠶᠠᠷᠢᠭᠴᠢ" / "index.html").is_file()
    assert [p.name for p in (out / "speakers").iterdir() if p.is_dir()] == ["ᠶᠠᠷᠢᠭᠴᠢ"]


@pytest.mark.parametrize(
    ("first", "second", "address"),
    [
        ("ශ්\u200dරී නගරය", "ශ්රී නගරය", "ශ්රී-නගරය"),  # Sinhala's ශ්‍රී, with a joiner or not
        ("ශ්රී නගරය", "ශ්\u200dරී නගරය", "ශ්රී-නගරය"),
        ("תָּכְנִית", "תכנית", "תכנית"),  # vowel points
        ("خطة", "خطـــة", "خطة"),  # tatweel
        ("അവന\u0d4d\u200d", "അവൻ", "അവൻ"),  # Malayalam's chillu, written as in older text
        ("അവൻ", "അവന\u0d4d\u200d", "അവൻ"),
    ],
)
def test_a_name_has_one_address_however_the_first_article_writes_it(
    tmp_path: Path, first: str, second: str, address: str
) -> None:
    """A name written with or without what its key leaves out (a joiner, vowel points, the
    tatweel) is one concept and one speaker, at one address whichever article comes first:
    not one made of the first article's joiner (``ශ්-රී``, two words) or points."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for day, name in (("01", first), ("02", second)):
        (content / "articles" / f"2024-01-{day}-name.md").write_text(
            f"---\ntitle: Name {day}\ndate: 2024-01-{day}\nspeaker: {name}\nquotes:\n"
            f"  - text: zelt tea {day}\n    concepts: [{name}]\n---\nzelt tea {day}.\n",
            encoding="utf-8",
        )
    out = tmp_path / "site"
    assert build(content, out).code == 0
    assert [p.name for p in (out / "concepts").iterdir() if p.is_dir()] == [address]
    assert [p.name for p in (out / "speakers").iterdir() if p.is_dir()] == [address]
    cards = soup(out / "concepts" / address / "index.html").select("article.statement")
    assert len(cards) == 2


@pytest.mark.parametrize(
    ("body", "typed", "written"),
    [
        # Malayalam's chillu ൻ as older text writes it (ന, a virama, a joiner), and back.
        ("വക്താവ് പറഞ്ഞു: അവന\u0d4d\u200d വന്നു.\n", "അവൻ വന്നു", "അവന\u0d4d\u200d വന്നു"),
        ("വക്താവ് പറഞ്ഞു: അവൻ വന്നു.\n", "അവന\u0d4d\u200d വന്നു", "അവൻ വന്നു"),
        # Bengali's khanda ta ৎ, and as ত, a virama and a joiner.
        ("বক্তা বলেন উৎসব ভালো।\n", "উত\u09cd\u200dসব ভালো", "উৎসব ভালো"),
        ("বক্তা বলেন উত\u09cd\u200dসব ভালো।\n", "উৎসব ভালো", "উত\u09cd\u200dসব ভালো"),
    ],
)
def test_a_letter_encoded_twice_is_quoted_either_way(
    tmp_path: Path, body: str, typed: str, written: str
) -> None:
    """Built: a Malayalam chillu or Bengali khanda ta typed as one character is found where
    the body writes it as older text does (the consonant, a virama and a joiner), and the
    other way round; the mark and the card hold the body's own letters."""
    front = (
        "title: Chillu\ndate: 2024-01-06\nspeaker: Speaker 9\nquotes:\n"
        f"  - text: {typed}\n    concepts: [tesik plan]\n"
    )
    one = build_one_article(tmp_path, "2024-01-06-chillu", front, body)
    assert "".join(m.get_text() for m in one.body.select("mark.quote")) == written
    card = soup(tmp_path / "site" / "concepts" / "tesik-plan" / "index.html")
    assert card.select_one(".statement blockquote").get_text(strip=True) == written


@pytest.mark.parametrize(
    ("body", "typed"),
    [
        ("വക്താവ് പറഞ്ഞു: അവൻ വന്നു.\n", "അവന"),  # inside ൻ
        ("വക്താവ് പറഞ്ഞു: അവൻ വന്നു.\n", "പറഞ്ഞു: അവ"),  # before it
    ],
)
def test_a_quote_does_not_end_inside_a_letter_encoded_twice(body: str, typed: str) -> None:
    assert "q" not in render_body(body, [QuoteRequest("q", typed)]).found


@pytest.mark.parametrize(
    ("body", "typed"),
    [
        ("വക്താവ് പറഞ്ഞു: അവർ വന്നു.\n", "അവര\u0d4d വന്നു"),
        ("വക്താവ് പറഞ്ഞു: അവന\u0d4d വന്നു.\n", "അവൻ വന്നു"),  # "to him", not "he"
        ("বক্তা বলেন উত\u09cd সব ভালো।\n", "উৎসব ভালো"),
    ],
)
def test_a_consonant_and_virama_without_the_joiner_is_no_chillu(body: str, typed: str) -> None:
    """Older text writes ൻ as ന, a virama and a joiner; without the joiner, ന് is another
    spelling of another word (അവന്, "to him", is not അവൻ, "he"), which a quote of one must
    not verify against the other."""
    assert "q" not in render_body(body, [QuoteRequest("q", typed)]).found


def test_a_chillu_and_the_consonant_with_a_virama_are_two_names() -> None:
    assert fold_name("അവൻ") == fold_name("അവന\u0d4d\u200d") != fold_name("അവന\u0d4d")
    assert slugify("അവന\u0d4d\u200d") == slugify("അവൻ") != slugify("അവന\u0d4d")


TIBETAN = "གསུང་མཁན་བདུན་གྱིས་འཆར་གཞི་ཡག་པོ་རེད་ཟེར།\n"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("འཆར་གཞི་ཡག་པོ་རེད", True),
        ("གཞི་ཡག", True),  # whole syllables, from one tsheg to another
        ("ཞི་ཡག", False),  # after the prefix letter of གཞི: another word, "peace"
        ("འཆར་གཞི་ཡ", False),  # inside ཡག
    ],
)
def test_a_tibetan_quote_starts_and_ends_at_a_syllable(typed: str, found: bool) -> None:
    """Tibetan writes no spaces between words, but a tsheg (་) after each syllable: a quote
    starts and ends at one, not after a syllable's first letter."""
    result = render_body(TIBETAN, [QuoteRequest("q", typed)])
    assert ("q" in result.found) is found


def test_a_tibetan_quote_cut_inside_a_syllable_is_a_located_error(tmp_path: Path) -> None:
    """``check`` refuses it at its line and column, and the hint's passage is the syllables
    closest to it."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "2024-01-08-bo.md").write_text(
        "---\ntitle: Bo\ndate: 2024-01-08\nspeaker: Speaker 9\nlanguage: bo\nquotes:\n"
        f"  - text: ཞི་ཡག\n    concepts: [tesik plan]\n---\n{TIBETAN}",
        encoding="utf-8",
    )
    checked = run_cli("check", "--content", str(content))
    assert checked.code == 1
    assert "2024-01-08-bo.md:7:11: error: " in checked.stdout + checked.stderr
    assert "[quote-not-found]" in checked.stdout + checked.stderr
    # The hint shows the syllables the quote was cut from, not the whole line, which has
    # no space to widen the passage to.
    assert 'closest passage (line 10): "གཞི་ཡག"' in checked.stdout + checked.stderr


GLORP_CONCEPT = """---
title: グロープ計画
aliases: [グロープ案, 骨子直写, glorp plan]
---
A synthetic plan.
"""
GLORP_ARTICLE = """---
title: Glorp
date: 2024-01-07
speaker: Speaker 9
quotes:
  - text: the glorp plan holds
    concepts: [グロープ計画]
---
Speaker 9 said the glorp plan holds.
"""


def glorp_site(tmp_path: Path, language: str) -> Path:
    """A site in ``language`` of one article and its one concept, built."""
    content = tmp_path / "content"
    (content / "concepts").mkdir(parents=True)
    (content / "articles").mkdir()
    (content / "concepts" / "glorp.md").write_text(GLORP_CONCEPT, encoding="utf-8")
    (content / "articles" / "2024-01-07-glorp.md").write_text(GLORP_ARTICLE, encoding="utf-8")
    (content / "site.yaml").write_text(f"title: Glorp\nlanguage: {language}\n")
    result = build(content, tmp_path / "site")
    assert result.code == 0, result.stderr
    return tmp_path / "site"


@pytest.mark.parametrize(
    ("site_language", "kana", "han"),
    [("en", "ja", "zh"), ("ja", None, None), ("zh-Hans", "ja", None), ("ko", "ja", None)],
)
def test_an_alias_is_marked_with_the_language_its_script_tells(
    tmp_path: Path, site_language: str, kana: str | None, han: str | None
) -> None:
    """A name with kana is Japanese; one all in Han is Chinese on a page in another language
    than Chinese, Japanese or Korean, and the page's own on one of theirs. Every name with
    Han was marked ``zh``, Japanese ones on a Japanese site too, so browsers drew their
    characters in Chinese forms. The Han name keeps its suffixes for search however marked."""
    site = glorp_site(tmp_path, site_language)
    concept = soup(site / "concepts" / "グロープ計画" / "index.html")
    listing = soup(site / "concepts" / "index.html")
    for aliases in (concept.select_one("p.aliases"), listing.select_one("span.aliases")):
        spans = {span.get_text(): span.get("lang") for span in aliases.find_all("span")}
        assert (spans.get("グロープ案"), spans.get("骨子直写")) == (kana, han)
        assert "glorp plan" in aliases.get_text() and "glorp plan" not in spans
    terms = concept.select_one("p.aliases [data-search-terms]")
    assert terms is not None and terms.get_text() == "骨子直写"
    assert terms["data-search-terms"].split()[1:-1] == ["子直写", "直写"]


@pytest.mark.parametrize(
    ("language", "locale"),
    [
        ("pt-BR", "pt_BR"),
        ("en-US", "en_US"),
        ("zh-Hans-CN", "zh_CN"),
        ("zh-Hans", None),
        ("ar", None),
    ],
)
def test_og_locale_is_a_language_and_territory_or_none(
    tmp_path: Path, language: str, locale: str | None
) -> None:
    """OpenGraph's locale is ``language_TERRITORY``: the site's tag with its dash made an
    underscore gave ``zh_Hans`` (a script) and a bare ``ar``, which its readers reject."""
    site = glorp_site(tmp_path, language)
    for page in ("index.html", "concepts/index.html", "articles/2024-01-07-glorp/index.html"):
        metas = soup(site / page).find_all("meta", property="og:locale")
        assert [m["content"] for m in metas] == ([locale] if locale else [])


def test_one_concept_is_counted_in_the_singular(tmp_path: Path) -> None:
    """The A–Z index said "1 concepts"."""
    lead = soup(glorp_site(tmp_path, "en") / "concepts" / "index.html").select_one("p.lead")
    assert lead.get_text().startswith("1 concept, A–Z, ")


def test_a_chinese_quote_across_blocks_shows_them_apart_on_its_card(tmp_path: Path) -> None:
    """A quote of Chinese or Japanese running from one paragraph, list item or table cell
    into the next is found as typed with or without a space there, and its card shows the
    space the page shows between the blocks: it ran their words together (很好她说)."""
    front = (
        "title: 分段\ndate: 2024-01-07\nspeaker: Speaker 7\nlanguage: zh\nquotes:\n"
        "  - text: 很好 她说\n    concepts: [tesik plan]\n"
        "  - text: 演算子例外処理\n    concepts: [tesik plan]\n"
        "  - text: 甲方 乙方\n    concepts: [tesik plan]\n"
    )
    body = "他说：很好\n\n她说：不好\n\n* 演算子\n* 例外処理\n\n| 甲方 | 乙方 |\n|-|-|\n| 一 |\n"
    one = build_one_article(tmp_path, "2024-01-07-blocks", front, body)
    marked = [
        [m.get_text() for m in one.body.select(f'mark[data-quote="{mark["data-quote"]}"]')]
        for mark in one.body.select("mark[id]")
    ]
    assert marked == [["很好", "她说"], ["演算子", "例外処理"], ["甲方", "乙方"]]
    concept = soup(tmp_path / "site" / "concepts" / "tesik-plan" / "index.html")
    cards = [quote.get_text() for quote in concept.select("article.statement blockquote")]
    assert sorted(cards) == ["很好 她说", "演算子 例外処理", "甲方 乙方"]


def test_unspaced_words_around_a_block_left_out_of_a_list_item_stay_together_on_a_card() -> None:
    """The two paragraphs of a tight list item around a comment left out are shown on one
    line, so the card of a quote across them runs their words together, as the page does."""
    result = render_body("- 計画\n  %%\n  zorblax\n  %%\n  です\n", [QuoteRequest("a", "計画です")])
    assert result.shown == {"a": "計画です"}


def test_the_list_of_statements_shortens_between_whole_characters(tmp_path: Path) -> None:
    """An article's list of its statements shortens a long one as Jinja's ``truncate`` does,
    at a space, but between whole characters where the text has none (Thai, emoji): Jinja's
    own cut a Thai tone mark from its letter (เพิ่ม shown เพิ) and an emoji at its joiner."""
    thai = "ก" * 2 + (
        "ผู้พูดกล่าวว่าแผนกลอร์ปเป็นกุญแจสำคัญของการเติบโตอย่างยั่งยืนและการส่งออกชาเซลต์จะเพิ่มขึ้นในปีนี้อย่างแน่นอนที่สุด"
    )
    emoji = "x" + "👩\u200d💻" * 40
    quotes = "".join(f"  - text: {json.dumps(q, ensure_ascii=False)}\n" for q in (thai, emoji))
    front = f"title: T\ndate: 2024-01-01\nquotes:\n{quotes}"
    build_one_article(tmp_path, "2024-01-01-t", front, f"{thai}\n\n{emoji}\n")
    page = soup(tmp_path / "site" / "articles" / "2024-01-01-t" / "index.html")
    listed = [a.get_text() for a in page.select("ol.statement-index a")]
    assert listed[0] == thai[:85] + "..."  # before เพิ่ม, whose marks are 86 and 87
    assert listed[1] == "x" + "👩\u200d💻" * 28 + "..."  # not cut at a joiner


def test_bold_beside_chinese_japanese_or_korean_punctuation_is_bold(tmp_path: Path) -> None:
    """``**“格洛普”**政策``: a run of asterisks between punctuation and a letter of a script
    written without spaces, or of Korean's particles, opens or closes emphasis, as its
    writer means it. CommonMark's rules left the asterisks on the page, and a quote of the
    bolded words was not found; Latin text beside punctuation keeps them
    (``**“Glorp”**zorp``), and ``_`` inside a word stays text (``中_文_字``)."""
    body = (
        "他说**“格洛普”**政策很好。这是**重要。**然后呢。\n\n"
        "日本語の**「政策」**が大切。화자는 **“정책”**이 중요하다.\n\n"
        "Zorp **“Glorp”**zorp and 中_文_字.\n"
    )
    front = (
        "title: Bold\ndate: 2024-01-05\nquotes:\n"
        "  - text: 他说“格洛普”政策很好\n    concepts: [zelt]\n    id: q-zh\n"
        "  - text: 日本語の「政策」が大切\n    concepts: [zelt]\n    id: q-ja\n"
    )
    one = build_one_article(tmp_path, "2024-01-05-bold", front, body)
    assert [bold.get_text() for bold in one.body.select("strong")] == [
        "“格洛普”",
        "重要。",
        "「政策」",
        "“정책”",
    ]
    assert "**“Glorp”**zorp" in one.body.select("p")[-1].get_text()
    assert one.body.select("p")[-1].find("em") is None
    assert {mark["id"] for mark in one.body.select("mark[id]")} == {"q-zh", "q-ja"}


TYPED_OTHERWISE = [
    pytest.param(
        "vi",
        "Người phát biểu 7 nói về hòa bình và sức khỏe, thủy lợi.\n\n"
        "Người phát biểu 9 nói: quý, hoàn và tuỳ ý.\n",
        ["hoà bình và sức khoẻ, thuỷ lợi", "quý, hoàn và tùy ý"],
        ["hòa bình và sức khỏe, thủy lợi", "quý, hoàn và tuỳ ý"],
        id="vietnamese-tones",
    ),
    pytest.param(
        "hi",
        "वक्ता 7 ने कहा कि ग्लॉर्प नीति ज़रूरी है। फिर वे चले गए।\n\n"
        "বক্তা ৯ বলেছেন যে নীতি গুরুত্বপূর্ণ | তারপর চলে গেলেন ||\n",
        ["ग्लॉर्प नीति ज़रूरी है| फिर वे चले गए", "নীতি গুরুত্বপূর্ণ। তারপর চলে গেলেন॥"],
        ["ग्लॉर्प नीति ज़रूरी है। फिर वे चले गए", "নীতি গুরুত্বপূর্ণ | তারপর চলে গেলেন ||"],
        id="pipes-for-dandas",
    ),
    pytest.param(
        "fr",
        "Le porte-parole 7 a parlé du cœur de l'Œuvre, ex æquo, et de l'ŒIL.\n\n"
        "Le porte-parole 9 a parlé du coeur de l'oeuvre.\n",
        ["du coeur de l'Oeuvre, ex aequo, et de l'OEIL", "du cœur de l'œuvre."],
        ["du cœur de l'Œuvre, ex æquo, et de l'ŒIL", "du coeur de l'oeuvre."],
        id="oe-for-joined-letters",
    ),
]
"""(language, body, quotes typed otherwise than the body writes them, their highlights)."""


@pytest.mark.parametrize(("language", "body", "quotes", "marked"), TYPED_OTHERWISE)
def test_a_quote_typed_as_a_keyboard_types_it_is_found(
    tmp_path: Path, language: str, body: str, quotes: list[str], marked: list[str]
) -> None:
    """One word written two ways, as a keyboard types it and as the body writes it:
    Vietnamese's tone placed in the older style or the newer (``hòa``, ``hoà``; ``quý`` is
    alike in both), a danda typed as a pipe (``है|``, ``है |``), French's ``œ`` typed as
    ``oe``. A quote typed either way is found in a body written the other, highlighted as
    the body writes it. None was found."""
    typed = "".join(f"  - text: {quote}\n    concepts: [zelt]\n" for quote in quotes)
    front = f"title: Typed\ndate: 2024-01-05\nlanguage: {language}\nquotes:\n{typed}"
    one = build_one_article(tmp_path, "2024-01-05-typed", front, body)
    assert highlights(one.body) == marked
