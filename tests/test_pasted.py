"""Quotes copied from a body's Markdown source rather than from its page: found, and
highlighted as the page shows them, whatever markup the copy carried along; on a built
site, in full and in excerpts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import build_one_article, highlights, run_cli
from sitecheck import soup

from concordance import pasted
from concordance.excerpts import excerpt_html
from concordance.markdown import QuoteRequest, render_body

GRID = "+-------+------+\n| a     | b    |\n+=======+======+\n| glorp | plan |\n+-------+------+"
"""A grid table, as Pandoc writes one."""
REFERENCES = "\n\n[plan]: https://example.org/plan\n[glorp]: https://example.org/glorp\n"


BLOCKS = ["p", "li", "td", "th", "h2", "h3", "blockquote", "dt", "dd"]


def _marked(html: str) -> str:
    """The text of the highlights, a space between those of two blocks (table cells)."""
    text, block = "", None
    for mark in BeautifulSoup(html, "lxml").select("mark.quote"):
        parent = mark.find_parent(BLOCKS)
        text += ("" if parent is block else " ") + mark.get_text()
        block = parent
    return " ".join(text.split())


def _cards(site: Path) -> list[str]:
    """The text of each statement on the page of the concept ``glorp``."""
    concept = soup(site / "concepts" / "glorp" / "index.html")
    return [quote.get_text() for quote in concept.select("article.statement blockquote")]


def _built_cards(tmp: Path, copies: list[str], body: str) -> list[str]:
    """The text of each statement, sorted, of a site built into ``tmp`` of one article of
    ``body`` whose quotes of the concept ``glorp`` are ``copies``."""
    build_one_article(tmp, "2024-03-01-t", _front("T", copies), body)
    return sorted(_cards(tmp / "site"))


def _front(title: str, copies: list[str]) -> str:
    """The front matter of an article titled ``title`` whose quotes of the concept ``glorp``
    are ``copies``, each a JSON string, which YAML reads as written."""
    quotes = "".join(f"  - text: {json.dumps(copy)}\n    concepts: [glorp]\n" for copy in copies)
    return f"title: {title}\ndate: 2024-01-09\nspeaker: Speaker 7\nquotes:\n{quotes}"


@pytest.mark.parametrize(
    ("body", "quote", "shown"),
    [
        # Links by reference: full, collapsed and shortcut.
        ("Read [the glorp plan][plan] now.", "[the glorp plan][plan] now.", "the glorp plan now."),
        ("Read the [glorp][] plan now.", "the [glorp][] plan now", "the glorp plan now"),
        ("Read the [glorp] plan now.", "Read the [glorp] plan", "Read the glorp plan"),
        # The markers of the blocks its lines start, and a heading's ends.
        ("- item\n  - the *glorp* plan", "  - the *glorp* plan", "the glorp plan"),
        ("> Quoted: the glorp\n> plan.", "> Quoted: the glorp\n> plan.", "Quoted: the glorp plan."),
        ("1. The glorp.\n2. The plan.", "The glorp.\n2.", "The glorp."),  # the next one's
        ("- The glorp.\n- The plan.", "The glorp.\n-", "The glorp."),
        ("1. The glorp.\n2. The plan.", "The glorp. 2.", "The glorp."),  # the YAML's one line
        ("1. [x] the glorp plan holds", "1. [x] the glorp plan holds", "☑ the glorp plan holds"),
        ("Glorp\n:   the *glorp* plan", "Glorp\n:   the *glorp* plan", "Glorp the glorp plan"),
        ("Glorp\n~ the *glorp* plan", ": the *glorp* plan", "the glorp plan"),
        ("Z.[^n]\n\n[^n]: The *glorp*\n  plan.", "[^n]: The *glorp*\n  plan", "The glorp plan"),
        ("## The glorp plan {#plan}", "## The glorp plan {#plan}", "The glorp plan"),
        ("## The glorp plan { #plan }", "## The glorp plan { #plan }", "The glorp plan"),
        ("## The glorp plan ##", "The glorp plan ##", "The glorp plan"),
        # A heading's underline (setext, as Pandoc writes the first two levels), on its line
        # or where the YAML made the lines one.
        ("The glorp\n=====\n\nplan holds.", "The glorp\n=====\n\nplan", "The glorp plan"),
        ("Intro.\n\nGlorp\n---\n\nPlan.", "Intro.\n\nGlorp \n---", "Intro. Glorp"),
        ("The glorp\n=====\n\nplan holds.", "The glorp ===== plan", "The glorp plan"),
        ("> The glorp\n> -\n\nplan holds.", "> The glorp\n> -\n\nplan", "The glorp plan"),
        # Markup a line cut from its pair.
        ("It is [the glorp\nplan](https://e.org/p) now.", "It is [the glorp", "It is the glorp"),
        (
            "It is [the glorp\nplan](https://e.org/p) now.",
            "plan](https://e.org/p) now.",
            "plan now.",
        ),
        # ... and a note's reference after it, as the source writes it.
        (
            "See the [first glorp](https://e.org/f).[^1] Then.\n\n[^1]: A note.",
            "glorp](https://e.org/f).[^1] Then",
            "glorp. Then",
        ),
        # A link cut after its text or in its address, its ")" left behind.
        (
            "Read [the glorp plan](https://e.org/p) now.",
            "Read [the glorp plan]",
            "Read the glorp plan",
        ),
        (
            "Read [the glorp plan](https://e.org/p_(1)) now.",
            "[the glorp plan](https://e.org/p_(1",
            "the glorp plan",
        ),
        ("The [small glorp]{.smallcaps} plan.", "glorp]{.smallcaps} plan.", "glorp plan."),
        ("Run `glorp\nplan` now.", "Run `glorp", "Run glorp"),
        ("Run `a` or\n`glorp` plan", "a` or `glorp` plan", "a or glorp plan"),
        ("It <b>holds\nthe</b> plan.", "It <b>holds", "It holds"),
        ("Keep data[key] in `the\nglorp` plan.", "Keep data[key] in `the", "Keep data[key] in the"),
        ("| the glorp | plan |\n|---|---|\n| a | b |", "| the glorp | plan |", "the glorp plan"),
        # Rows with the row of delimiters under the head, which the page does not show.
        ("| a | b |\n|:--|--:|\n| glorp | plan |", "| a | b |\n|:--|--:|\n| glorp |", "a b glorp"),
        ("| a | b |\n|---|---|\n| glorp | plan |", "b |\n|---|---|\n| glorp", "b glorp"),
        ("| a | b |\n|---|---|\n| **glorp plan** | c |", "|---|---|\n| **glorp", "glorp"),
        ("| a | b |\n|---|---|\n| glorp | plan |", "| a | b | |---|---| | glorp |", "a b glorp"),
        ("| a | b |\n| --- | - |\n| glorp | - |", "--- | - |\n| glorp | - |", "glorp -"),
        # A grid table's borders and the dashes under a simple table's heads (Pandoc's).
        (
            GRID,
            "| a     | b    |\n+=======+======+\n| glorp |",
            "a b glorp",
        ),
        (
            GRID,
            "b | +=======+======+ | glorp",
            "b glorp",
        ),
        (
            "  a      b\n  ----- -----\n  glorp  plan\n",
            "a      b\n  ----- -----\n  glorp",
            "a b glorp",
        ),
        ("  a      b\n  ----- -----\n  glorp  plan\n", "b ----- ----- glorp", "b glorp"),
        # A row whose cells' text holds an escaped |, in its code too.
        (
            "| a | b |\n|-|-|\n| the \\| glorp | plan |",
            "| the \\| glorp | plan |",
            "the | glorp plan",
        ),
        ("| a |\n|-|\n| `x \\| y` glorp |", "| `x \\| y` glorp |", "x | y glorp"),
        # ... whose code the copy cut in two.
        ("| a | b |\n|-|-|\n| `x: y \\| z` | glorp |", "y \\| z` | glorp |", "y | z glorp"),
        # A row whose code holds what reads as cut markup elsewhere (*, ==, _).
        ("| `*` | the glorp |\n|-|-|\n| `==1.*` | plan |", "| `==1.*` | plan", "==1.* plan"),
        ("It said ==the glorp\nplan== holds.", "It said ==the glorp", "It said the glorp"),
        ("It said ==the glorp\nplan== holds.", "plan== holds.", "plan holds."),
        ("Keep a == b and ==the\nglorp== plan.", "a == b and ==the", "a == b and the"),
        # A line broken with a backslash after one that is text; one whose marker was left out.
        ("- a \\\\\\\nthe glorp", "- a \\\\\\ the glorp", "a \\the glorp"),
        ("> It is not\\\n> the glorp.", "It is not\\ the glorp", "It is notthe glorp"),
        # A note's number as the page shows it.
        ("The glorp plan[^1] holds.\n\n[^1]: A note.", "glorp plan[1] holds.", "glorp plan holds."),
        # ... with the text's own * and ~, which the page shows too.
        ("Use *nix glorp[^1] daily.\n\n[^1]: A note.", "*nix glorp[1] daily", "*nix glorp daily"),
        ("Rated 5* glorp[^1] users.\n\n[^1]: A note.", "Rated 5* glorp[1]", "Rated 5* glorp"),
        ("Wave ~ the glorp[^1] now.\n\n[^1]: A note.", "Wave ~ the glorp[1]", "Wave ~ the glorp"),
        # Emphasis cut from its pair around the text's own ~, which strikethrough takes two of.
        ("It is **~3x lower glorp** now.", "It is **~3x lower", "It is ~3x lower"),
        ("It is *~3x lower glorp* now.", "It is *~3x lower", "It is ~3x lower"),
        ("It is **3x glorp~** now.", "glorp~** now.", "glorp~ now."),
        ("It is ~~**lower** glorp~~ now.", "It is ~~**lower**", "It is lower"),
        # ... beside code, whose own _, * and ~ stay (a Python name, its arguments).
        (
            "It is **the glorp rule:** keep `src/__init__.py` in sync.",
            "glorp rule:** keep `src/__init__.py` in sync.",
            "glorp rule: keep src/__init__.py in sync.",
        ),
        ("Call *the glorp* with `**kw` now.", "glorp* with `**kw` now.", "glorp with **kw now."),
        # A wiki's note number pasted into the body as text, with emphasis the copy cut.
        ("The *glorp plan* holds.[5] It", "plan* holds.[5] It", "plan holds.[5] It"),
        # A run of dashes that markup splits folds as one, as in the quote.
        ("Use `-`-prefixed glorp flags.", "Use `-`-prefixed glorp", "Use --prefixed glorp"),
        # Quotation marks put around it, and ellipses where it was cut from its sentence.
        ("Speaker 9 said: the glorp plan holds.", "“the glorp plan holds”", "the glorp plan holds"),
        ("Sie sagte, der Glorp hält.", "„der Glorp hält.“", "der Glorp hält."),
        ("Il a dit que le plan tient.", "« le plan tient. »", "le plan tient."),
        ("他说格洛普计划有效。", "「格洛普计划有效」", "格洛普计划有效"),
        ("Speaker 9 said the glorp plan holds.", "…the glorp plan", "the glorp plan"),
        ("Speaker 9 said the glorp plan holds.", "[...] said the glorp […]", "said the glorp"),
        ("Speaker 9 said the glorp plan holds.", "[. . .] said the glorp . . .", "said the glorp"),
        ("Speaker 9 said the glorp plan holds.", '"...the [glorp][] plan"', "the glorp plan"),
        # A full stop or comma where the body's sentence goes on.
        (
            "Speaker 9 said the glorp plan holds, and left.",
            "the glorp plan holds.",
            "the glorp plan holds",
        ),
        ("Then: “We go on,” said Speaker 9.", "“We go on.”", "We go on"),
        ("Speaker 9 said the glorp plan holds.", "the glorp plan holds.", "the glorp plan holds."),
        ("我们要发展，经济会更好。", "我们要发展。", "我们要发展"),  # of other scripts too
        ("成長が大事だ、と述べた。", "成長が大事だ。", "成長が大事だ"),
        ("यह योजना अच्छी है, उसने कहा।", "यह योजना अच्छी है।", "यह योजना अच्छी है"),
        ("قال المتحدث إن الخطة جيدة، ثم غادر.", "إن الخطة جيدة.", "إن الخطة جيدة"),
        # Marks the body has stay in the highlight.
        ("He said: “the plan holds.” Then left.", "“the plan holds.”", "“the plan holds.”"),
    ],
)
def test_a_quote_copied_from_the_source_is_highlighted_as_shown(
    body: str, quote: str, shown: str
) -> None:
    result = render_body(body + REFERENCES, [QuoteRequest("q", quote)])
    assert "q" in result.found, result.closest
    assert _marked(result.html) == shown


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("The glorp plan holds.", "The [glorp plan][nowhere] holds fast."),  # words missing
        ("Keep data key here.", "Keep data[key] here."),  # paired brackets stay
        ("The glorp plan holds.", "- The glorp plans hold."),
        ("<!-- the glorp plan -->\nShown.", "the glorp plan"),
        ("Glorp --- plan holds.", "Glorp plan holds."),  # dashes mid-line are no rule
        ("The glorp plan holds.", "“The glorp plan holds fast.”"),
        ("The glorp plan holds.", "The glorp ... holds."),  # words left out in between
        ("The glorp plan holds.", "“The glorp plan holds."),  # one mark alone
        ("Does the glorp plan hold, then?", "Does the glorp plan hold?"),  # a question's mark
        ("The glorp plan holds.", "The glorp plan holds!"),
    ],
)
def test_what_is_left_of_a_quote_must_still_be_found_word_for_word(body: str, quote: str) -> None:
    assert render_body(body, [QuoteRequest("q", quote)]).found == {}


def test_the_markup_taken_away() -> None:
    assert pasted.without_block_markers("> - [ ] # Glorp {#g}\n>   1) plan ##") == "☐ Glorp\nplan"
    assert pasted.without_block_markers("C:\\ a\\\nb \\\\\n\\\\\\") == "C:\\ a\nb \\\\\n\\\\"
    assert pasted.without_block_markers("C:\\ a\\\\ b\\", lines=False) == "C: a\\\\ b"
    assert (
        pasted.without_stray_markup("`a` *b* snake_case [c] d] [e |f|")
        == "a b snake_case [c] d e  f "
    )
    assert pasted.without_markup('x](https://e.org/(a)b "t") <a href="y">z') == "x z"


@pytest.mark.parametrize(
    ("quote", "left"),
    [
        ('name="top"></a> the glorp plan', " the glorp plan"),  # a tag's end, cut at the start
        ("the glorp plan.<br", "the glorp plan."),  # a tag's start, cut at the end
        ("a > b and c=d >", "a > b and c=d >"),  # no attribute: no tag
    ],
)
def test_tags_cut_in_two_are_taken_away(quote: str, left: str) -> None:
    assert pasted.without_markup(quote) == left


def test_a_copy_that_cut_a_tag_keeps_the_superscripts_it_holds_whole(tmp_path: Path) -> None:
    """A copy from the source that starts inside a tag (``color="blue">blue</font>``) and
    holds a whole ``<sup>`` or ``<sub>`` further on is read with them as the page shows them
    (``E=mc²``, ``H₂O``): taking every tag away read ``E=mc2``, and the quote was not found."""
    quote = 'color="blue">blue</font> word, H<sub>2</sub>O, E=mc<sup>2</sup>, <b>and</b>'
    front = (
        "title: T\ndate: 2024-03-01\nquotes:\n"
        f"  - text: {json.dumps(quote)}\n    concepts: [glorp]\n"
    )
    body = (
        'The <font color="blue">blue</font> word, H<sub>2</sub>O, E=mc<sup>2</sup>, <b>and</b> x.\n'
    )
    built = build_one_article(tmp_path, "2024-03-01-t", front, body)
    assert highlights(built.body) == ["blue word, H2O, E=mc, and"]  # the mark is left out
    assert _cards(tmp_path / "site") == ["blue word, H₂O, E=mc², and"]


def test_a_copy_that_cut_emphasis_keeps_the_characters_it_escapes(tmp_path: Path) -> None:
    """A copy from the source that cut an emphasis from its pair (``blim_**``) and holds
    escaped characters (``\\*plonk\\_``) is found with them as the page shows them
    (``*plonk_``): taking the cut markup away took the escaped ``*`` and ``_`` with it."""
    copies = ["wib blim_** \\*plonk\\_ quux", "ซอร์ป*_ \\*บลิม\\_ zorp"]
    body = "Vosk **_wib blim_** \\*plonk\\_ quux. Zelt _*กลอร์ป ซอร์ป*_ \\*บลิม\\_ zorp.\n"
    built = build_one_article(tmp_path, "2024-03-01-t", _front("T", copies), body)
    shown = ["wib blim *plonk_ quux", "ซอร์ป *บลิม_ zorp"]
    assert highlights(built.body) == shown
    assert sorted(_cards(tmp_path / "site")) == sorted(shown)


def test_a_copy_that_cut_a_link_reads_an_address_in_angle_brackets_as_the_page(
    tmp_path: Path,
) -> None:
    """A copy from the source that cut a link by reference (``블림][r1]``) and holds an
    address in angle brackets (``<https://e.org/plonk>``) is found with the address as the
    page shows it, without its brackets, which stayed as text when the cut link was taken
    away."""
    copies = ["블림][r1] <https://e.org/plonk> zorp", "frob <zelt@e.org> *glorp"]
    body = (
        "Vosk [글로프 블림][r1] <https://e.org/plonk> zorp. Wib frob <zelt@e.org> *glorp* x.\n\n"
        "[r1]: https://e.org/r\n"
    )
    shown = ["블림 https://e.org/plonk zorp", "frob zelt@e.org glorp"]
    assert _built_cards(tmp_path, copies, body) == sorted(shown)


def test_a_copy_that_cut_an_image_in_two_is_found_as_its_text(tmp_path: Path) -> None:
    """An image of another site is shown as its text, which a copy from the source may cut
    from its address on the next line (``![the glorp``): its ``!`` went with no ``[``."""
    front = "title: T\ndate: 2024-03-01\nquotes:\n  - text: See ![the glorp\n"
    body = "See ![the glorp\nplan](https://e.org/p.png) now.\n"
    built = build_one_article(tmp_path, "2024-03-01-t", front, body)
    assert highlights(built.body) == ["See the glorp"]


@pytest.mark.parametrize(
    ("quote", "left"),
    [
        ('name="x">a</a> <b>b</b> c</i> <sup>1</sup><br> <i>d', "a <b>b</b> c <sup>1</sup><br> d"),
        ("<b>a <i>b</b> c</i>", "<b>a b</b> c"),  # <i> closed by none inside <b>
        ("x<b", "x"),
    ],
)
def test_tags_whose_partner_a_copy_left_behind_are_taken_away(quote: str, left: str) -> None:
    assert pasted.without_unpaired_tags(quote) == left


@pytest.mark.parametrize(
    "hostile",
    [
        *("a" * 50_000 + " x", "a=b " * 20_000, 'a="' * 20_000, "<a" * 20_000),
        *("x=1 " + "y " * 20_000, "](" * 20_000, " {#" * 20_000, "> " * 20_000 + "x"),
        *("[" * 20_000, "\\" * 40_000 + " x"),
        *(" " * 100_000 + "|x", "| |" + " -" * 50_000 + " x", "|-" * 50_000 + "x"),
        *("[a](" + "x(" * 20_000 + "y", "[" * 20_000 + "]" * 20_000 + "(x"),
    ],
)
def test_the_markup_of_a_hostile_quote_is_taken_away_in_one_pass(hostile: str) -> None:
    """Each pattern reads a quote once (an attribute pattern nested in a repetition tried
    every split of a long word: minutes)."""
    reads = (
        pasted.without_block_markers,
        pasted.without_stray_markup,
        pasted.without_markup,
        pasted.without_unpaired_tags,
        pasted.without_delimiter_rows,
    )
    for read in reads:
        assert len(read(hostile)) <= len(hostile) + 1


@pytest.mark.parametrize(
    ("quote", "left"),
    [
        ('"the plan"', "the plan"),
        ("「the plan」", "the plan"),
        ('..."the plan"...', "the plan"),
        ("[...] the plan (...)", "the plan"),
        ("(. . .) the plan [. . .]", "the plan"),
        ('"', '"'),
        ("...", "..."),
        ('""', '""'),
        ('"the plan', '"the plan'),
        ("the plan's'", "the plan's'"),
    ],
)
def test_the_marks_around_a_quote_are_trimmed(quote: str, left: str) -> None:
    assert pasted.trimmed(quote) == left


def test_a_quote_of_quotation_marks_is_trimmed_in_few_rounds() -> None:
    hostile = '"' * 100_000
    assert pasted.trimmed(hostile) == '"' * (100_000 - 2 * 3)


def test_an_excerpt_shows_the_sentence_of_a_quote_copied_from_the_source() -> None:
    body = "Before. They said [the glorp plan][plan] holds. After." + REFERENCES
    html = excerpt_html(body, [QuoteRequest("q", "[the glorp plan][plan] holds")], {"q"})
    assert _marked(html) == "the glorp plan holds"
    assert BeautifulSoup(html, "lxml").get_text().startswith("They said the glorp plan holds.")


@pytest.mark.parametrize(
    ("body", "quote", "sentence"),
    [
        (
            "So it is not\\\nthe glorp plan. After.",
            "it is not\\ the glorp plan",
            "it is not the glorp plan",
        ),
        (
            "So C:\\ Files\\\nthen glorp. After.",
            "C:\\ Files\\ then glorp",
            "C:\\ Files then glorp",
        ),
        ("> So the glorp\n> plan holds. After.", "the glorp > plan holds", "the glorp plan holds"),
    ],
)
def test_an_excerpt_shows_the_sentence_of_a_copy_whose_yaml_made_its_lines_one(
    body: str, quote: str, sentence: str
) -> None:
    """Read with the body's source, as the page reads it: not found, the quote was
    published on its own, as typed (``not\\ the``, ``glorp > plan``)."""
    html = excerpt_html(body, [QuoteRequest("q", quote)], {"q"})
    assert _marked(html) == sentence
    assert " ".join(BeautifulSoup(html, "lxml").get_text().split()) == f"So {sentence}."


SOURCE = """\
## Methods of the glorp plan {#methods}

Speaker 9 said [the glorp plan][plan] holds, as the [report] has it.

- [x] The *zelt* survey is done.
- Its results are [in a
  table](https://example.org/t) of the plan.

[plan]: https://example.org/plan
[report]: https://example.org/report
"""


QUOTES = {
    "## Methods of the glorp plan {#methods}": "Methods of the glorp plan",
    "Speaker 9 said [the glorp plan][plan] holds, as the [report] has it.": (
        "Speaker 9 said the glorp plan holds, as the report has it."
    ),
    "- [x] The *zelt* survey is done.": "☑ The zelt survey is done.",
    "- Its results are [in a": "Its results are in a",
    "as the [report] has it.\n\n- [x] The *zelt*": "as the report has it. ☑ The zelt",
    "“…[the glorp plan][plan] holds”": "the glorp plan holds",
}
"""Each quote as copied from ``SOURCE`` -> the text its highlight shows."""


@pytest.mark.parametrize("publish", ["full", "excerpts"])
def test_quotes_copied_from_the_source_build_and_are_linked(tmp_path: Path, publish: str) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Pasted\n", encoding="utf-8")
    front = {
        "title": "Pasted",
        "date": "2024-01-01",
        "speaker": "Speaker 9",
        "publish": publish,
        "quotes": [{"text": quote, "concepts": ["glorp"]} for quote in QUOTES],
    }
    article = content / "articles" / "2024-01-01-pasted.md"
    article.write_text(f"---\n{yaml.safe_dump(front)}---\n{SOURCE}", encoding="utf-8")
    out = tmp_path / "site"
    built = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert built.code == 0, built.stderr
    page = soup(out / "articles/2024-01-01-pasted/index.html")
    marks: dict[str, str] = {}
    for mark in page.select("mark.quote"):
        marks[str(mark["data-quote"])] = marks.get(str(mark["data-quote"]), "") + mark.get_text()
    assert sorted("".join(text.split()) for text in marks.values()) == sorted(
        "".join(text.split()) for text in QUOTES.values()
    )
    concept = soup(out / "concepts/glorp/index.html")
    linked = {str(a["href"]).rsplit("#", 1)[1] for a in concept.select("a[href*='#q-']")}
    assert linked == set(marks)
    # Cards show the words as the page does, not the markup they were copied with.
    cards = [p.get_text() for p in concept.select(".statement blockquote p")]
    assert sorted(cards) == sorted(QUOTES.values())


LISTS = [
    "- first glorp item\n- second glorp item",
    "* first glorp item\n* second glorp item",
    "1. first glorp item\n2. second glorp item",
    "1) first glorp item\n2) second glorp item",
    "> first glorp item\n> second glorp item",
    "- first glorp item\n  - second glorp item",
    "Some glorp text\n\n## A glorp heading",
]


@pytest.mark.parametrize("style", [">-", "plain", "one line"])
@pytest.mark.parametrize("source", LISTS)
def test_markers_copied_mid_line_are_taken_away_where_the_source_starts_a_line(
    tmp_path: Path, source: str, style: str
) -> None:
    """YAML's folded (``>-``) and plain scalars make the copy's lines one, its markers mid-
    line: found as the ``|`` copy is, which the duplicate check calls the same quote."""
    lines = source.splitlines()
    # A plain scalar starts with no "- " or "> ": copied from after the first line's marker.
    first = lines[0] if lines[0].startswith("Some") else lines[0].split(" ", 1)[1]
    written = {
        ">-": ">-\n" + "\n".join(f"      {line}" for line in lines),
        "plain": "\n".join(f"      {line}" for line in [first, *lines[1:]]).strip(),
        "one line": json.dumps(" ".join(source.split())),
    }[style]
    front = (
        f"title: Folded\ndate: 2024-01-01\nquotes:\n  - text: {written}\n    concepts: [glorp]\n"
    )
    article = tmp_path / "content" / "articles" / "2024-01-01-folded.md"
    article.parent.mkdir(parents=True)
    article.write_text(f"---\n{front}---\n{source}\n", encoding="utf-8")
    checked = run_cli("check", "--content", str(tmp_path / "content"))
    assert checked.code == 0, checked.stderr
    assert "0 errors" in checked.stderr


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("5\n3 is the glorp.", "5 - 3 is the glorp"),  # a line break, no list
        ("5\n\n3 is the glorp.", "5 - 3 is the glorp"),
        ("a\nb is the glorp.", "a > b is the glorp"),
        ("a\n\nb is the glorp.", "a > b is the glorp"),
        ("item\nnext glorp.", "item 1. next glorp"),
        ("xa\n- b glorp\n\nLater a b glorp.", "a - b glorp"),  # the source's "a" is in "xa"
        # Markers the source has only in what the page does not read as text: a comment,
        # code, a line that only looks like a list item inside a paragraph.
        ("rate ten glorp.\n\n<!--\nrate\n> ten glorp\n-->", "rate > ten glorp"),
        ("alpha beta glorp.\n\n```\nalpha\n- beta glorp\n```", "alpha - beta glorp"),
        ("alpha beta glorp.\n\n    alpha\n    - beta glorp", "alpha - beta glorp"),
        ("alpha\n-beta glorp.", "alpha - beta glorp"),
    ],
)
def test_a_marker_mid_line_the_source_has_not_is_text(body: str, quote: str) -> None:
    """A quote whose marker the source does not start a line with is not found: the "-" of
    "5 - 3" may be the text's own, and the body has none there."""
    assert render_body(body, [QuoteRequest("q", quote)]).found == {}


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("5 - 3 is the glorp.", "5 - 3 is the glorp"),
        ("a > b is the glorp.", "a > b is the glorp"),
        ("item 1. next glorp.", "item 1. next glorp"),
        ("5\n- 3 is the glorp.", "5 - 3 is the glorp"),  # a list: the source has its marker
        ("Glorp term\n: the glorp.", "Glorp term : the glorp"),  # a term and its definition
        ("Glorp term\n\n:   the\n    glorp.", "Glorp term :   the glorp"),
    ],
)
def test_a_marker_mid_line_that_is_in_the_text_or_source_is_found(body: str, quote: str) -> None:
    assert render_body(body, [QuoteRequest("q", quote)]).found == {"q": 0}


@pytest.mark.parametrize(
    "body",
    [
        "<!-- a glorp - b glorp -->\n\n- a glorp\n- b glorp",  # on one line in a comment
        "<!--\na glorp\n- b glorp\n-->\n\n- a glorp\n- b glorp",  # on two lines in one
        "```\na glorp\n- b glorp\n```\n\n- a glorp\n- b glorp",
    ],
)
def test_a_copy_of_a_list_is_found_in_it_past_the_same_words_in_a_comment(body: str) -> None:
    """The source holds the words first where the page shows none of them: the quote is
    the list's, further on, not a quote of the comment (which is not found)."""
    found = render_body(body, [QuoteRequest("q", "a glorp - b glorp")]).found
    assert list(found) == ["q"]


def test_a_list_in_a_block_quote_copied_with_its_markers_is_found() -> None:
    body = "> a glorp\n> - b glorp"
    assert list(render_body(body, [QuoteRequest("q", "a glorp > - b glorp")]).found) == ["q"]


def test_a_quote_put_in_quotation_marks_keeps_the_body_s_own_at_its_ends(tmp_path: Path) -> None:
    """The quotation marks and ellipses put around a quote are taken away a layer at a time:
    all at once, they took the body's own along (the ``'`` of ``'zorp'``, the ``...`` of
    ``...args``), and its highlight and card left them out."""
    front = (
        "title: Layers\ndate: 2024-01-08\nspeaker: Speaker 7\nquotes:\n"
        "  - text: “'zorp'”\n    concepts: [glorp]\n"
        '  - text: "[...] fn(...args) ..."\n    concepts: [glorp]\n'
        "  - text: “...glorp ahead”\n    concepts: [glorp]\n"
    )
    body = "Speaker 7 emits `'zorp'` once. Call `fn(...args)` then. And so ...glorp ahead.\n"
    one = build_one_article(tmp_path, "2024-01-08-layers", front, body)
    marked = highlights(one.body)
    assert marked == ["'zorp'", "fn(...args)", "...glorp ahead"]
    cards = _cards(tmp_path / "site")
    assert sorted(cards) == sorted(marked)


def test_a_table_row_and_a_broken_line_copied_from_the_source_are_found(tmp_path: Path) -> None:
    """Built: a table row copied with its ``|`` and code holding ``*`` or ``==`` (their
    stray markup taken away with the pipes, the code's own characters went too), and a
    line broken with a backslash, its lines made one by the YAML (``not\\ the``), are
    found and highlighted as the page shows them."""
    front = (
        "title: Source\ndate: 2024-01-09\nspeaker: Speaker 7\nquotes:\n"
        '  - text: "represent _all_. | `==3.1.*`: any glorp"\n    concepts: [glorp]\n'
        '  - text: "It is not\\\\ the glorp plan"\n    concepts: [glorp]\n'
    )
    body = (
        "| Op | Meaning | Example |\n|-|-|-|\n"
        "| `*` | Used to represent _all_. | `==3.1.*`: any glorp that starts with `3.1`. |\n\n"
        "It is not\\\nthe glorp plan, Speaker 7 said.\n"
    )
    one = build_one_article(tmp_path, "2024-01-09-source", front, body)
    marked = highlights(one.body)
    assert marked == ["represent all.==3.1.*: any glorp", "It is notthe glorp plan"]
    cards = _cards(tmp_path / "site")
    assert sorted(cards) == ["It is not the glorp plan", "represent all. ==3.1.*: any glorp"]


def test_emphasis_cut_from_its_pair_inside_a_word_is_taken_away(tmp_path: Path) -> None:
    """Built: a copy that cut emphasis from its pair where it opens or closes inside a word,
    as it always does in Chinese and Japanese, written without spaces (``推动*泽尔特``,
    ``茶叶*的``), is found and highlighted as the page shows it; so is one of a Latin word's
    ending (``glorp**s``)."""
    front = (
        "title: Unspaced\ndate: 2024-01-09\nspeaker: Speaker 7\nquotes:\n"
        "  - text: 表示，**格洛普计划**是推动*泽尔特\n    concepts: [glorp]\n"
        "  - text: 茶叶*的重要抓手\n    concepts: [glorp]\n"
        "  - text: glorp**s plan\n    concepts: [glorp]\n"
    )
    body = "发言人七表示，**格洛普计划**是推动*泽尔特茶叶*的重要抓手。\n\nThe **glorp**s plan.\n"
    one = build_one_article(tmp_path, "2024-01-09-unspaced", front, body)
    marked = ["表示，格洛普计划是推动泽尔特", "茶叶的重要抓手", "glorps plan"]
    assert highlights(one.body) == marked
    assert one.body.select_one("em") is not None


def test_a_copy_ending_in_a_link_s_label_its_text_cut_is_found(tmp_path: Path) -> None:
    """Built: a copy that ends with the label of a link by reference whose ``[`` it left
    behind (``JIT compile it][4]``, an item of a list of such links) is found without the
    label, as one ending in the link's ``](address)`` is; the label was read as a link the
    copy cut after its text (``the [annex]``), and the copy was refused."""
    front = (
        "title: Labels\ndate: 2024-01-09\nspeaker: Speaker 7\nquotes:\n"
        '  - text: "zorp and training][1]"\n    concepts: [glorp]\n'
        '  - text: "Op: write the glorp with C++ and JIT compile it][4]"\n    concepts: [glorp]\n'
    )
    body = (
        "- [Glorp plan: zorp and training][1]\n"
        "- [Custom Op: write the glorp with C++ and JIT compile it][4]\n\n"
        "[1]: https://example.org/1\n[4]: https://example.org/4\n"
    )
    one = build_one_article(tmp_path, "2024-01-09-labels", front, body)
    marked = ["zorp and training", "Op: write the glorp with C++ and JIT compile it"]
    assert highlights(one.body) == marked
    assert [a["href"] for a in one.body.select("li > a")] == [
        "https://example.org/1",
        "https://example.org/4",
    ]


def test_a_copy_that_cut_markup_reads_its_line_breaks_and_superscripts_as_the_page(
    tmp_path: Path,
) -> None:
    """Built: a copy from the source that cut markup from its pair and holds a ``<br>`` or a
    note's mark in ``<sup>`` is found as the page shows them, the line break parting two
    words (``γλορπ quux``) and the mark a superscript (``ज़ोर्प⁷``); taking the tags away ran
    the words together and read the mark as part of its word (``ज़ोर्प7``)."""
    copies = [
        "ज़ोर्प<sup>7</sup>\nब्लिम \\*की\\_ الخطة *blim",
        "ζορπ~~ γλορπ<br>quux [ζορπ](https://e.org/p1",
    ]
    body = (
        "Zelt ग्लोर्प ज़ोर्प<sup>7</sup>\nब्लिम \\*की\\_ الخطة *blim zorp*.\n\n"
        "Vosk ζορπ ~~γλορπ ζορπ~~ γλορπ<br>quux [ζορπ](https://e.org/p1) klee.\n"
    )
    shown = ["ज़ोर्प⁷ ब्लिम *की_ الخطة blim", "ζορπ γλορπ quux ζορπ"]
    assert _built_cards(tmp_path, copies, body) == sorted(shown)


def test_a_copy_ending_in_a_link_s_title_is_found_as_the_link_s_text(tmp_path: Path) -> None:
    """Built: a copy from the source that ends inside the title of a link
    (``[the annex](https://e.org/a "The glorp``), which the page does not show as text, is
    found as the link's text, as one ending in its address is; the title's words were
    looked for in the body, and the copy was refused."""
    copies = [
        'zorp [the annex](https://e.org/a "The glorp',
        "блим [план глорп](https://e.org/p 'the",
    ]
    body = (
        'Vosk zorp [the annex](https://e.org/a "The glorp annex") holds.\n\n'
        "Зорп блим [план глорп](https://e.org/p 'the plan') растёт.\n"
    )
    built = build_one_article(tmp_path, "2024-01-09-titles", _front("Titles", copies), body)
    assert highlights(built.body) == ["zorp the annex", "блим план глорп"]


def test_a_copy_from_a_link_s_text_into_its_address_is_found_as_the_text(
    tmp_path: Path,
) -> None:
    """Built: a copy from the source that starts inside a link's text and ends in its
    address (``ανάπτυξης](https://e.org/p7``, the link's ``[`` and ``)`` left behind) is
    found as the text the page shows; only a whole ``](address)`` was taken away, and the
    copy was refused."""
    copies = ["γλορπ ανάπτυξης](https://e.org/p7", 'योजना की](https://e.org/p4 "the']
    body = (
        "Zorp [βλιμ γλορπ ανάπτυξης](https://e.org/p7) σχέδιο.\n\n"
        'Glorp [ब्लिम योजना की](https://e.org/p4 "the plan") है.\n'
    )
    built = build_one_article(tmp_path, "2024-01-09-into", _front("Into", copies), body)
    assert highlights(built.body) == ["γλορπ ανάπτυξης", "योजना की"]


def test_a_copy_across_a_rule_or_up_to_a_heading_is_found(tmp_path: Path) -> None:
    """Built: a copy of two paragraphs with the thematic break between them (``---``, which
    the page draws as a rule), on its lines or made one by the YAML, one that starts at the
    underline of a heading whose text it left behind, and one that ends at the next
    heading's ``##`` are found without them, and highlighted as the page shows them."""
    front = (
        "title: Rules\ndate: 2024-01-09\nspeaker: Speaker 7\nquotes:\n"
        "  - text: |-\n      glorp plan holds.\n\n      ---\n\n      The zelt\n"
        "    concepts: [glorp]\n"
        "  - text: zelt tea is hot. - - - Zorp\n    concepts: [glorp]\n"
        "  - text: |-\n      ----------\n\n      The zorp rules\n    concepts: [glorp]\n"
        "  - text: |-\n      More zorp.\n\n      ##\n    concepts: [glorp]\n"
        "  - text: |-\n      =========\n\n      The end\n    concepts: [glorp]\n"
    )
    body = (
        "The glorp plan holds.\n\n---\n\nThe zelt tea is hot.\n\n- - -\n\nZorp flies.\n\n"
        "Zorp Title\n----------\n\nThe zorp rules.\n\nMore zorp.\n\n"
        "## Next\n\nLast Zorp\n=========\n\nThe end.\n"
    )
    one = build_one_article(tmp_path, "2024-01-09-rules", front, body)
    marked = ["glorp plan holds.The zelt", "zelt tea is hot.Zorp", "The zorp rules", "More zorp."]
    assert highlights(one.body) == [*marked, "The end"]
    assert len(one.body.select("hr")) == 2
    assert [h.get_text() for h in one.body.select("h2")] == ["Zorp Title", "Next", "Last Zorp"]


def test_a_copy_of_links_cut_at_both_ends_between_the_text_s_pipes_is_found(
    tmp_path: Path,
) -> None:
    """Built: a copy of a line of links apart by ``|``, as READMEs link their translations,
    that cut the first link after its ``[`` and the last before its ``](address)``, is
    found with the ``|`` the page shows, which were read as a table's, between cells; a
    table's row copied so is found without them still."""
    front = (
        "title: Pipes\ndate: 2024-01-09\nspeaker: Speaker 7\nquotes:\n"
        '  - text: "Glorpish](gl.md) | [Zorpish"\n    concepts: [glorp]\n'
        '  - text: "格洛普文](./gl.md)|Zeltish|[佐普"\n    concepts: [glorp]\n'
        '  - text: "zelt](z.md) | [plonk"\n    concepts: [glorp]\n'
    )
    body = (
        "Read in [Glorpish](gl.md) | [Zorpish](zo.md) now.\n\n"
        "[简体格洛普文](./gl.md)|Zeltish|[佐普文](./zo.md)\n\n"
        "| a | b |\n|---|---|\n| [zelt](z.md) | [plonk](p.md) |\n"
    )
    one = build_one_article(tmp_path, "2024-01-09-pipes", front, body)
    assert highlights(one.body) == ["Glorpish | Zorpish", "格洛普文|Zeltish|佐普", "zeltplonk"]
    assert len(one.body.select("td mark")) == 2


def test_a_copy_with_a_cut_link_reads_its_entities(tmp_path: Path) -> None:
    """Built: a copy that cut a link (``Zelt](https://e.org/t)``), which is read as written,
    its markup taken away, reads its entities as the page shows them (``&amp;`` as ``&``,
    ``&trade;``), as its Markdown would; code keeps its own (`` `&lt;` ``)."""
    front = (
        "title: Entities\ndate: 2024-01-09\nspeaker: Speaker 7\nquotes:\n"
        '  - text: "Zelt](https://e.org/t) and glorps&trade; of Plonk &amp; Co."\n'
        "    concepts: [glorp]\n"
        '  - text: "Zorp](https://e.org/z) writes `&lt;` for &lt;"\n    concepts: [glorp]\n'
    )
    body = (
        "See [trademarks of Zelt](https://e.org/t) and\nglorps&trade; of Plonk &amp; Co.\n\n"
        "The [Zorp](https://e.org/z) writes `&lt;` for &lt; signs.\n"
    )
    one = build_one_article(tmp_path, "2024-01-09-entities", front, body)
    marked = ["Zelt and\nglorps™ of Plonk & Co.", "Zorp writes &lt; for <"]
    assert highlights(one.body) == marked
    assert [a["href"] for a in one.body.select("a")] == ["https://e.org/t", "https://e.org/z"]


def test_a_copy_that_cut_a_myst_role_s_code_leaves_out_its_name(tmp_path: Path) -> None:
    """Built: a copy that cut the code of a MyST role in two (``{ref}`using the glorp``)
    leaves out the role's name with its backtick, as the page shows the code's text
    without it, and is found."""
    front = (
        "title: Roles\ndate: 2024-01-09\nspeaker: Speaker 7\nquotes:\n"
        "  - text: |-\n      such as\n      {ref}`using the glorp\n    concepts: [glorp]\n"
        "  - text: 'plan <zorp-plan>` or {term}`zelt'\n    concepts: [glorp]\n"
    )
    body = "Do it such as\n{ref}`using the glorp plan <zorp-plan>` or {term}`zelt tea` now.\n"
    one = build_one_article(tmp_path, "2024-01-09-roles", front, body)
    assert highlights(one.body) == ["such as\nusing the glorp", "plan or zelt"]
    assert "{" not in one.body.get_text()


def test_a_chinese_copy_of_list_items_made_one_line_is_found(tmp_path: Path) -> None:
    """Built: a copy of Chinese list items, whose YAML made its lines one (the items'
    ``-`` between them), starting and ending inside a sentence, is found: its passage of the
    source, which tells the markers from the text's own, was looked for as whole words of
    Latin, which Chinese, written without spaces, has none of."""
    front = (
        "title: Items\ndate: 2024-01-09\nspeaker: Speaker 7\nquotes:\n"
        "  - text: 插槽不生效的问题 - 优化泽尔特为空时的显示 - 修复图片\n    concepts: [glorp]\n"
    )
    body = "- 修复了格洛普组件插槽不生效的问题\n- 优化泽尔特为空时的显示\n- 修复图片地址的状态\n"
    one = build_one_article(tmp_path, "2024-01-09-items", front, body)
    assert highlights(one.body) == ["插槽不生效的问题优化泽尔特为空时的显示修复图片"]
    assert len(one.body.select("li mark")) == 3
    assert _cards(tmp_path / "site") == ["插槽不生效的问题 优化泽尔特为空时的显示 修复图片"]


def test_a_copy_ending_with_the_next_task_s_marker_and_box_is_found(tmp_path: Path) -> None:
    """Built: a copy of a task that ends with the next one's ``- [x]``, on its line or made
    one by the YAML, is found: the box reads as the page shows it (``☑``), as at a line's
    start, where it was read only before a space."""
    front = (
        "title: Tasks\ndate: 2024-01-09\nspeaker: Speaker 7\nquotes:\n"
        "  - text: |-\n      zorp first\n      - [x]\n    concepts: [glorp]\n"
        "  - text: glorp second - [ ]\n    concepts: [glorp]\n"
    )
    body = "- [x] zorp first\n- [x] glorp second\n- [ ] plonk third\n"
    one = build_one_article(tmp_path, "2024-01-09-tasks", front, body)
    assert highlights(one.body) == ["zorp first☑", "glorp second☐"]
    assert sorted(_cards(tmp_path / "site")) == ["glorp second ☐", "zorp first ☑"]


def test_a_backslash_is_a_line_break_only_at_a_line_s_end(tmp_path: Path) -> None:
    """A backslash before a word on its line is text (``C:\\ Program Files``, ``a \\ b``):
    a quote holding one is found, copied with a list's marker or with a line broken by a
    backslash at its end, whose lines the YAML made one (both were taken for breaks)."""
    front = (
        "title: Paths\ndate: 2024-01-10\nspeaker: Speaker 7\nquotes:\n"
        "  - text: 'under C:\\ Program Files\\ then restart the glorp'\n    concepts: [glorp]\n"
        "  - text: '- keep a \\ b in the glorp list'\n    concepts: [glorp]\n"
    )
    body = (
        "Install it under C:\\ Program Files\\\nthen restart the glorp.\n\n"
        "- keep a \\ b in the glorp list\n"
    )
    one = build_one_article(tmp_path, "2024-01-10-paths", front, body)
    marked = highlights(one.body)
    assert marked == [
        "under C:\\ Program Filesthen restart the glorp",
        "keep a \\ b in the glorp list",
    ]
    cards = _cards(tmp_path / "site")
    assert sorted(cards) == [
        "keep a \\ b in the glorp list",
        "under C:\\ Program Files then restart the glorp",
    ]


def test_a_copy_of_code_in_a_link_cut_at_either_end_keeps_the_code_s_own_marks(
    tmp_path: Path,
) -> None:
    """Built: a copy of a link holding code, as READMEs link their functions and tools
    (``[`__init__`](x)``), cut after its ``[`` or before its ``](address)``, is found and
    highlighted with the code's own ``_``, ``*`` and brackets, as the page shows them: the
    code's were taken away with the cut link's markup (``init``), and the copy refused or
    its highlight cut short (``Index data``)."""
    copies = ["`__init__`](https://e.org/i), then the glorp", "Pass [`*args`", "Index [`data[0]`"]
    front = _front("Code links", copies)
    body = (
        "Call [`__init__`](https://e.org/i), then the glorp.\n\n"
        "Pass [`*args`](https://e.org/a) on.\n\nIndex [`data[0]`](https://e.org/d) now.\n"
    )
    one = build_one_article(tmp_path, "2024-01-09-code-links", front, body)
    marked = ["__init__, then the glorp", "Pass *args", "Index data[0]"]
    assert highlights(one.body) == marked
    assert sorted(_cards(tmp_path / "site")) == sorted(marked)
    assert [code.get_text() for code in one.body.select("a > code")] == [
        "__init__",
        "*args",
        "data[0]",
    ]


def test_a_copy_from_a_heading_s_underline_made_one_line_is_found(tmp_path: Path) -> None:
    """Built: a copy that starts at the underline of a heading whose text it left behind
    (``-----``, ``=====``), its lines made one by the YAML (a plain value, ``>-``), is found
    without the underline, as one on its lines is: the underline, at the copy's start, was
    read as text, and the copy refused."""
    front = (
        "title: Underlines\ndate: 2024-01-09\nspeaker: Speaker 7\nquotes:\n"
        "  - text: ---------- The zorp rules\n    concepts: [glorp]\n"
        "  - text: >-\n      =========\n      The glorp\n      ends\n    concepts: [glorp]\n"
    )
    body = (
        "Zorp Title\n----------\n\nThe zorp rules.\n\n"
        "Last Glorp\n=========\n\nThe glorp ends here.\n"
    )
    one = build_one_article(tmp_path, "2024-01-09-underlines", front, body)
    assert highlights(one.body) == ["The zorp rules", "The glorp ends"]
    assert [h.get_text() for h in one.body.select("h2")] == ["Zorp Title", "Last Glorp"]
    assert sorted(_cards(tmp_path / "site")) == ["The glorp ends", "The zorp rules"]


def test_a_copy_that_cut_code_padded_around_its_backticks_is_found(tmp_path: Path) -> None:
    """Built: a copy that cut in two a code span of three backticks padded with spaces, as
    docs show backticks in code (three, a space, `` `plonk` ``, a space, three), at its
    start, its end or both, is found and highlighted as the page shows the code, with its own
    backticks: Markdown read those as code of their own, and the copy was refused."""
    copies = ["Type ``` `plonk`", "`plonk` ``` for glorp"]
    copies += ["`plonk` ``` for glorp code, or ``` ``zelt``"]  # at both ends
    front = _front("Backticks", copies)
    body = "Type ``` `plonk` ``` for glorp code, or ``` ``zelt`` ``` for two.\n"
    one = build_one_article(tmp_path, "2024-01-09-backticks", front, body)
    marked = ["Type `plonk`", "`plonk` for glorp", "`plonk` for glorp code, or ``zelt``"]
    assert highlights(one.body) == marked
    assert [code.get_text() for code in one.body.select("code")] == ["`plonk`", "``zelt``"]
    assert sorted(_cards(tmp_path / "site")) == sorted(marked)
