"""Excerpt mode's HTML: each quote in its sentence, bounded on both sides, made in time and
space in proportion to the body and its quotes."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import run_cli

from concordance import excerpts
from concordance.excerpts import CONTEXT, excerpt_html
from concordance.markdown import QuoteRequest

WORDS = ["zorvex", "kelmat", "quinnor", "ta", "velloran", "mu", "brask"]


def filler(count: int, start: int = 0) -> str:
    """``count`` synthetic words with no sentence end among them."""
    return " ".join(WORDS[(start + i) % len(WORDS)] for i in range(count))


def figures(html: str) -> list[tuple[str, str, str]]:
    """(text before the mark, the mark's text, text after it) of each excerpt."""
    found = []
    for p in BeautifulSoup(html, "lxml").select("figure.excerpt blockquote p"):
        mark = p.mark
        before = "".join(str(s) for s in mark.previous_siblings)
        after = "".join(str(s) for s in mark.next_siblings)
        found.append((before, mark.get_text(), after))
    return found


def test_a_quote_in_a_short_sentence_shows_the_whole_sentence() -> None:
    body = "First one here. Then the zorvex kelmat holds, they said. Last one.\n"
    html = excerpt_html(body, [QuoteRequest("q-1", "zorvex kelmat holds")], {"q-1"})
    assert figures(html) == [("Then the ", "zorvex kelmat holds", ", they said.")]


@pytest.mark.parametrize(
    ("body", "quote", "expected"),
    [
        (
            "It reached 10<sup>6</sup> tonnes, and zelt doubled.\n",
            "zelt doubled",
            "It reached 10⁶ tonnes, and ",
        ),
        (
            "It reached 10<sup>-3</sup> m, and zelt doubled.\n",
            "zelt doubled",
            "It reached 10⁻³ m, and ",
        ),
        (
            "The glorp<sup>1</sup> plan went, and zelt doubled.\n",
            "zelt doubled",
            "The glorp¹ plan went, and ",  # a note's mark, as the page shows it
        ),
        ("A hall of 50 m<sup>2</sup> took zelt.\n", "took zelt", "A hall of 50 m² "),
        ("The glorp<sup>2</sup>plan, so zelt doubled.\n", "zelt doubled", "The glorp²plan, so "),
        (
            'The glorp<sup><a href="#n">[1]</a></sup> plan, so zelt doubled.\n',
            "zelt doubled",
            "The glorp plan, so ",
        ),
        ("In the 19<sup>th</sup> year zelt doubled.\n", "zelt doubled", "In the 19th year "),
        ("Its 10<sup>6</sup> tonnes doubled.\n", "10⁶ tonnes doubled", "Its "),
        ('In 2019<sup><a href="#n">1</a></sup> zelt doubled.\n', "zelt doubled", "In 2019 "),
    ],
)
def test_an_excerpt_shows_a_superscript_as_the_page_reads_it(
    body: str, quote: str, expected: str
) -> None:
    """An exponent in superscript characters, as the page shows it (10⁶, not 106)."""
    html = excerpt_html(body, [QuoteRequest("q", quote)], {"q"})
    assert figures(html)[0][:2] == (expected, quote)


@pytest.mark.parametrize(
    ("body", "quote", "expected"),
    [
        (
            "GLORPTON, Feb. 1 -- Speaker 7 said the zorvex plan holds. Then left.\n",
            "the zorvex plan holds",
            ("GLORPTON, Feb. 1 -- Speaker 7 said ", "the zorvex plan holds", "."),
        ),
        (
            "Earlier. Dr. Okafor and J. Mbeki said the zorvex plan holds, e.g. here. Next.\n",
            "the zorvex plan holds",
            ("Dr. Okafor and J. Mbeki said ", "the zorvex plan holds", ", e.g. here."),
        ),
        (
            "It was fine. The zorvex plan holds! Speaker 7 left. Done.\n",
            "The zorvex plan holds",
            ("", "The zorvex plan holds", "!"),
        ),
    ],
)
def test_abbreviations_and_initials_do_not_end_the_sentence(
    body: str, quote: str, expected: tuple[str, str, str]
) -> None:
    html = excerpt_html(body, [QuoteRequest("q-1", quote)], {"q-1"})
    assert figures(html) == [expected]


@pytest.mark.parametrize(
    ("body", "quote", "expected"),
    [
        (
            "Zelt tea is brewed cold. This wibble sentence is not to be republished.\n",
            "Zelt tea is brewed cold.",
            ("", "Zelt tea is brewed cold.", ""),
        ),
        (
            "First. Speaker 7 said “the glorp plan holds.” The next one is private.\n",
            "the glorp plan holds.”",
            ("Speaker 7 said “", "the glorp plan holds.”", ""),
        ),
        (
            "他说：新质生产力很重要。这句不发布。\n",
            "新质生产力很重要。",
            ("他说：", "新质生产力很重要。", ""),
        ),
    ],
)
def test_a_quote_that_ends_its_sentence_shows_nothing_after_it(
    body: str, quote: str, expected: tuple[str, str, str]
) -> None:
    """The sentence after a quote's full stop is another sentence, not to be republished."""
    html = excerpt_html(body, [QuoteRequest("q-1", quote)], {"q-1"})
    assert figures(html) == [expected]


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("Zqx1 first. Speaker 7 said “glorp is good.” Then Zqx2 fell over.", "glorp is good."),
        ("Zqx1 first. Speaker 7 said 'glorp now!' Then Zqx2 left.", "glorp now!"),
        ("Zqx1 first. (Speaker 7 said glorp is good.) Then Zqx2 left.", "said glorp is good."),
        ("Zqx1 раньше. Оратор 7: «Глорп начнётся завтра.» Потом Zqx2 ушёл.", "начнётся завтра."),
        ("Zqx1在先。“格洛普计划将于明年启动。”随后Zqx2会议结束。", "格洛普计划将于明年启动。"),
        ("Zqx1 पहले। वक्ता 7 ने कहा ग्लोर्प अच्छा है। फिर Zqx2 गया।", "ग्लोर्प अच्छा है"),
        ("Zqx1 پہلے۔ مقرر 7 نے کہا گلورپ اچھا ہے۔ پھر Zqx2 گیا۔", "گلورپ اچھا ہے"),
        ("Zqx1 առաջ։ Խոսնակ 7-ը ասաց գլորպը լավ է։ Հետո Zqx2 գնաց։", "գլորպը լավ է"),
        ("Zqx1 በፊት። ተናጋሪ 7 ግሎርፕ ጥሩ ነው አለ። ከዚያ Zqx2 ሄደ።", "ግሎርፕ ጥሩ ነው"),
        ("Zqx1 အရင်။ ဂလော့ပ် ကောင်းတယ်။ Zqx2 သွားတယ်။", "ဂလော့ပ် ကောင်းတယ်"),
        ("Zqx1 មុន។ គ្លរ៉ប ល្អ។ Zqx2 ទៅ។", "គ្លរ៉ប ល្អ"),
        ("Zqx1 πρώτα; Ο λόγος του ήταν σαφής; Μετά Zqx2 έφυγε.", "Ο λόγος του ήταν σαφής"),
        ("Zqx1 πρώτα\u037e Ο λόγος του ήταν σαφής\u037e Μετά Zqx2.", "Ο λόγος του ήταν σαφής"),
        ("Zqx1 སྔོན། གློར་པ་ཡག་པོ་རེད། Zqx2 སོང་།", "གློར་པ་ཡག་པོ་རེད"),
        ("Zqx1 ᠡᠮᠦᠨ᠃ ᠭᠯᠣᠷᠫ ᠰᠠᠢᠨ᠃ Zqx2 ᠶᠠᠪᠤᠪᠠ᠃", "ᠭᠯᠣᠷᠫ ᠰᠠᠢᠨ"),
        ("Zqx1ก่อน กลอร์ปดีมาก ไปZqx2", "กลอร์ปดีมาก"),  # Thai: a space ends it
        ("The plan Zqx1 was slow.¹ Then Speaker 7 said glorp is good. After Zqx2 left.", "glorp"),
        ("The plan Zqx1 was slow.[1] Then Speaker 7 said glorp is good. After Zqx2 left.", "glorp"),
    ],
)
def test_no_other_sentence_is_published_with_a_quote(body: str, quote: str) -> None:
    """Not the next one after a quote's full stop and closing quote mark, nor the one before a
    sentence ended by a note's mark: Zqx1 and Zqx2 stand in other sentences."""
    html = excerpt_html(body + "\n", [QuoteRequest("q-1", quote)], {"q-1"})
    [(before, text, after)] = figures(html)
    assert text == quote and "Zqx" not in before + after, (before, after)


def test_the_excerpt_shows_the_quote_where_it_occurs_as_whole_words() -> None:
    """As verification found it: not inside a longer word earlier in the body."""
    body = "The glorp plans failed. Later the glorp plan held.\n"
    html = excerpt_html(body, [QuoteRequest("q-1", "glorp plan")], {"q-1"})
    assert figures(html) == [("Later the ", "glorp plan", " held.")]


def test_a_long_sentence_is_cut_at_words_on_both_sides() -> None:
    before, after = filler(200), filler(200, 3)
    body = f"Opening. {before} the brask quote here {after} and the end.\n"
    html = excerpt_html(body, [QuoteRequest("q-1", "the brask quote here")], {"q-1"})
    [(shown_before, text, shown_after)] = figures(html)
    assert text == "the brask quote here"
    assert shown_before.startswith("…") and shown_after.endswith("…")
    head, tail = shown_before[1:].strip(), shown_after[:-1].strip()
    assert 0 < len(head) <= CONTEXT and 0 < len(tail) <= CONTEXT
    assert before.endswith(head) and after.startswith(tail)  # whole words, in order
    assert set(head.split()) <= set(WORDS) and set(tail.split()) <= set(WORDS)


@pytest.mark.python_source
def test_many_quotes_of_one_endless_sentence_stay_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """4,500 quotes in one 40 KB sentence made a 152 MB page (each shown with the whole
    sentence) and folded the body once per quote: now each block is folded once."""
    folded: list[str] = []
    make = excerpts._folded
    monkeypatch.setattr(excerpts, "_folded", lambda text: folded.append(text) or make(text))
    words = [f"zq{i}x" for i in range(2000)]
    body = "Intro.\n\n" + " ".join(words) + "\n\nOutro.\n"
    quotes = [QuoteRequest(f"q-{i}", w) for i, w in enumerate(words)]
    html = excerpt_html(body, quotes, {q.id for q in quotes})
    shown = figures(html)
    assert [text for _, text, _ in shown] == words
    assert all(len(b) <= 301 and len(a) <= 301 for b, _, a in shown)  # with the "…"
    assert len(folded) == 3
    assert len(html) < 2_000_000  # 2,000 excerpts of 600 characters and their markup


def test_a_built_excerpt_page_shows_the_cut_sentence_and_anchors_the_quote(
    tmp_path: Path,
) -> None:
    """The article page of a real build: the quote highlighted under its anchor, inside at
    most ``CONTEXT`` characters of its endless sentence on each side, and the text of the
    body beyond them not published."""
    before, after = filler(300), filler(300, 2)
    quotes = "publish: excerpts\nquotes:\n  - text: the brask quote here\n    concepts: [zorvex]\n"
    front = f"title: Endless\ndate: 2024-01-01\nspeaker: Speaker 3\n{quotes}"
    body = f"Hidden start {before} the brask quote here {after}."
    page = _built_page(tmp_path, "2024-01-01-endless", front, body)
    [(shown_before, text, shown_after)] = figures(str(page.select_one(".body")))
    assert text == "the brask quote here"
    assert page.select_one("mark.quote")["id"] == page.select_one("mark.quote")["data-quote"]
    assert shown_before.startswith("…") and shown_after.endswith("…")
    assert len(shown_before) <= CONTEXT + 1 and len(shown_after) <= CONTEXT + 1
    assert "Hidden start" not in page.get_text()


def test_a_second_quote_of_the_same_words_is_excerpted_from_their_second_place(
    tmp_path: Path,
) -> None:
    """The excerpt of each is the sentence its highlight marks on a full page: the second
    speaker's words in the second speaker's sentence."""
    quotes = "".join(
        f"  - text: the brask plan holds\n    concepts: [zorvex]\n    speaker: Speaker {n}\n"
        f"    id: said-{n}\n"
        for n in (1, 2)
    )
    front = f"title: Twice\ndate: 2024-01-01\npublish: excerpts\nquotes:\n{quotes}"
    body = "Speaker 1 said the brask plan holds. Speaker 2 replied: the brask plan holds, again."
    page = _built_page(tmp_path, "2024-01-01-twice", front, body)
    assert figures(str(page.select_one(".body"))) == [
        ("Speaker 1 said ", "the brask plan holds", "."),
        ("Speaker 2 replied: ", "the brask plan holds", ", again."),
    ]


@pytest.mark.parametrize("end", ["10<sup>6</sup>.", "10⁶.", "2019¹."])
def test_a_sentence_ending_in_a_superscript_ends_there(end: str) -> None:
    """Not read as an initial ("J."): the next sentence, which is not quoted, stays unpublished."""
    body = f"The zorvex total was {end} Then a private sentence follows.\n"
    html = excerpt_html(body, [QuoteRequest("q", "The zorvex total")], {"q"})
    assert "private" not in html and "zorvex total" in html


@pytest.mark.parametrize(
    ("body", "quote", "before"),
    [
        ("Then the Thai word สวัสดี means hello to all.", "means hello to all", "Then the Thai"),
        ("Then the angle θ; it means the turn.", "it means the turn", "Then the angle"),
    ],
)
def test_a_thai_word_or_a_greek_symbol_in_english_ends_no_sentence(
    body: str, quote: str, before: str
) -> None:
    html = excerpt_html(body + "\n", [QuoteRequest("q-1", quote)], {"q-1"})
    [(shown_before, text, _)] = figures(html)
    assert text == quote and shown_before.startswith(before), shown_before


def test_a_built_excerpt_shows_the_sentence_of_a_quote_of_an_images_text(tmp_path: Path) -> None:
    """An image of another site is shown as its text, which a quote may hold: the excerpt
    finds the quote in its sentence, as the check did."""
    quotes = "publish: excerpts\nquotes:\n  - text: the big chart shows growth\n"
    front = f"title: Chart\ndate: 2024-01-01\nspeaker: Speaker 3\n{quotes}"
    article = tmp_path / "content" / "articles" / "2024-01-01-chart.md"
    article.parent.mkdir(parents=True)
    body = "Hidden start. Then the ![big chart](https://e.org/c.png) shows growth, we said.\n"
    article.write_text(f"---\n{front}---\n{body}")
    (tmp_path / "content" / "site.yaml").write_text("title: Excerpts\n")
    out = tmp_path / "site"
    built = run_cli("build", "--content", str(tmp_path / "content"), "--out", str(out))
    assert built.code == 0, built.stderr
    page = BeautifulSoup(
        (out / "articles" / "2024-01-01-chart" / "index.html").read_bytes(), "lxml"
    )
    body_html = str(page.select_one(".body"))
    assert figures(body_html) == [("Then ", "the big chart shows growth", ", we said.")]


@pytest.mark.parametrize(
    ("quote", "shown"),
    [
        ("Vorn klee", ("Then ", "Vorn klee", "image blorp, we said.")),
        ("image blorp", ("Then Vorn klee", "image blorp", ", we said.")),
        ("Zelt - Plan", ("", "Zelt - Plan", "Zelt - Glorp")),  # a sentence of its own
    ],
)
def test_an_excerpt_shows_a_quote_beside_an_images_text_in_its_sentence(
    quote: str, shown: tuple[str, str, str]
) -> None:
    """An image shown as its text stands apart from the words beside it, glued in the
    source or not, as in the article's check (``Folder.add_apart``): the excerpt shows the
    quote in its sentence, not alone."""
    body = (
        "Hidden start. Then Vorn klee![](https://e.org/x.png) blorp, we said. "
        "[![Zelt - Plan](https://e.org/p.svg)](https://e.org/p)"
        "[![Zelt - Glorp](https://e.org/g.svg)](https://e.org/g)\n"
    )
    html = excerpt_html(body, [QuoteRequest("q-1", quote)], {"q-1"}, "content/articles")
    assert figures(html) == [shown]


@pytest.mark.parametrize(
    ("body", "quote", "shown"),
    [
        (
            "Zqx1 zuerst. Sprecher 7 sagte: „Glorp ist gut.“ Dann ging Zqx2.",
            "Glorp ist gut.",
            "„Glorp ist gut.“",
        ),
        (
            "Zqx1 zuerst. Sprecher 7 sagte: »Glorp ist gut.« Dann ging Zqx2.",
            "Glorp ist gut.",
            "»Glorp ist gut.«",
        ),
        (
            "Zqx1 først. Taler 7 sagde: ›Glorp er godt.‹ Så gik Zqx2.",
            "Glorp er godt.",
            "›Glorp er godt.‹",
        ),
        ("Zqx1在先。会议结束。“下一句Zqx2。”", "会议结束。", "会议结束。"),
    ],
)
def test_a_built_excerpt_ends_at_a_sentence_closed_by_any_languages_quotation_mark(
    tmp_path: Path, body: str, quote: str, shown: str
) -> None:
    """German and Danish close a quoted sentence with “, « or ‹: the sentence after it,
    which Zqx2 stands in, is not published with the quote. A Chinese “ after a full stop
    opens the next sentence, which is not published either."""
    front = (
        "title: Excerpt\ndate: 2024-01-01\nspeaker: Speaker 3\npublish: excerpts\n"
        f"quotes:\n  - text: {quote}\n"
    )
    page = _built_page(tmp_path, "2024-01-01-closed", front, body)
    [(_, text, after)] = figures(str(page.select_one(".body")))
    assert text == quote
    assert "Zqx2" not in page.get_text() and (text + after).endswith(shown[-3:]), after


def _built_page(tmp_path: Path, name: str, front: str, body: str) -> BeautifulSoup:
    """The page of article ``name`` (its ``front`` matter and ``body``), built alone."""
    article = tmp_path / "content" / "articles" / f"{name}.md"
    article.parent.mkdir(parents=True)
    article.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    (tmp_path / "content" / "site.yaml").write_text("title: Excerpts\n")
    out = tmp_path / "site"
    built = run_cli("build", "--content", str(tmp_path / "content"), "--out", str(out))
    assert built.code == 0, built.stderr
    return BeautifulSoup((out / "articles" / name / "index.html").read_bytes(), "lxml")


def test_a_built_excerpt_of_a_quote_across_blocks_keeps_the_words_of_the_first(
    tmp_path: Path,
) -> None:
    """A quote running from a heading or paragraph into a list item is published on its
    own, all its words highlighted, as on a full page: its first block's words that look
    like a list's marker (``2021)``, ``-``) were read so, and left out of its excerpt."""
    quotes = "".join(
        f'  - text: "{text}"\n    concepts: [zorvex]\n'
        for text in ("2021) Move the brask plan", "line. - Alias for zorvex")
    )
    front = (
        f"title: Blocks\ndate: 2024-01-01\nspeaker: Speaker 3\npublish: excerpts\nquotes:\n{quotes}"
    )
    body = (
        "## Brask 1.5 (7 November 2021)\n\n* Move the brask plan on.\n\n"
        "A line.\n\n- Alias for zorvex.\n"
    )
    page = _built_page(tmp_path, "2024-01-01-blocks", front, body)
    assert [text for _, text, _ in figures(str(page.select_one(".body")))] == [
        "2021) Move the brask plan",
        "line. Alias for zorvex",
    ]


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000000020001e221bc330000000049454e44ae426082"
)


def test_the_files_an_excerpted_body_shows_or_links_stay_private(tmp_path: Path) -> None:
    """An excerpt shows neither the body's images nor its links, so nothing links the files
    they name: the source's full text kept beside it (``[the full text](source.pdf)``) was
    published under ``media/`` all the same. Made ``full`` again, the article publishes them;
    a file a full article links is published whatever an excerpted one does."""
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    (tmp_path / "content" / "site.yaml").write_text("title: Excerpts\n")
    (articles / "source.pdf").write_bytes(b"%PDF-1.4 the whole source\n")
    (articles / "chart.png").write_bytes(PNG)
    (articles / "shared.pdf").write_bytes(b"%PDF-1.4 shared\n")
    quotes = "quotes:\n  - text: the brask plan holds\n    concepts: [zorvex]\n"
    body = (
        "See [the full text](source.pdf) and ![a chart](chart.png). Then the brask plan holds,"
        " with [the annex](shared.pdf).\n"
    )
    article = articles / "2024-01-01-kept.md"
    (articles / "2024-01-02-full.md").write_text(
        "---\ntitle: Full\ndate: 2024-01-02\n---\nThe [annex](shared.pdf).\n"
    )
    out = tmp_path / "site"
    for publish, expected in (
        ("excerpts", ["shared.pdf"]),
        ("full", ["chart.png", "shared.pdf", "source.pdf"]),
        ("excerpts", ["shared.pdf"]),
    ):
        front = f"title: Kept\ndate: 2024-01-01\npublish: {publish}\n{quotes}"
        article.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
        built = run_cli("build", "--content", str(tmp_path / "content"), "--out", str(out))
        assert built.code == 0, built.stderr
        assert sorted(p.name for p in (out / "media" / "articles").iterdir()) == expected
