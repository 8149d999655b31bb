"""Hostile bodies whose work grew with the square of their size.

Each test counts the steps our code takes on a body of ``n`` and of ``4 n`` pieces, rather
than timing it: the work must grow as the body does, give or take a constant.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, run_cli

from concordance import (
    body_text,
    content_links,
    label_config,
    load,
    markdown,
    model,
    pasted,
    pipeline,
    sentences,
    spaced_emphasis,
    validate,
    words,
)

HANG = 60
"""Seconds after which a subprocess is taken to hang: the fixed code takes about one."""


def _counted(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    """Count the calls of ``module.name`` from now on; the list holds the count."""
    count = [0]
    original: Callable[..., object] = getattr(module, name)

    def counting(*args: object, **kwargs: object) -> object:
        count[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return count


def _growth(count: list[int], run: Callable[[int], object], n: int) -> float:
    """How many times more steps ``run(4 n)`` takes than ``run(n)``."""
    count[0] = 0
    run(n)
    small = count[0]
    assert small > 0, "the counted step was never taken: the test would prove nothing"
    count[0] = 0
    run(4 * n)
    return count[0] / small


@pytest.mark.python_source
def test_a_block_of_thousands_of_superscripts_is_read_in_one_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``1<sup></sup><sup></sup>...``: each superscript looked back over every child before
    it for the text it follows, and 20,000 of them took minutes to build."""
    count = _counted(monkeypatch, body_text, "text_of")

    def run(n: int) -> object:
        return markdown.render_body("Zzz words.\n\n1" + "<sup></sup>" * n, [])

    assert _growth(count, run, 500) < 5


def _run_on_article(command: str, tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    """``build.py COMMAND`` on a site of the concept zorvex and one article of ``body``, in a
    subprocess ended after ``HANG`` seconds."""
    content = tmp_path / "content"
    (content / "concepts").mkdir(parents=True)
    (content / "articles").mkdir()
    (content / "concepts" / "zorvex.md").write_text("---\ntitle: zorvex\n---\n")
    front = "---\ntitle: A\ndate: 2024-01-01\n---\n"
    (content / "articles" / "2024-01-01-a.md").write_text(front + body)
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), command, "--content", str(content)],
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )


def test_suggest_reads_a_run_of_note_marks_followed_by_no_space(tmp_path: Path) -> None:
    """``zorvex holds.¹¹¹...¹x``: the pattern of a sentence's end tried every way of splitting
    the marks into notes, twice as long for each one more; 60 of them would take longer than
    anyone waits (40 took hours). Run in a subprocess, so that the test ends if it hangs."""
    body = "Zorvex holds." + "\u00b9" * 60 + "x then more. Zorvex holds" + "." * 50_000 + "x\n"
    proc = _run_on_article("suggest", tmp_path, body)
    assert proc.returncode == 0, proc.stderr
    assert "Zorvex holds." + "\u00b9" * 60 + "x then more." in proc.stdout


@pytest.mark.parametrize(
    ("text", "start", "ends"),
    [
        ("He said so... Then", 0, [13]),
        ("He said so... Then", 11, [13]),  # from inside the run of stops
        ("He said so.¹² Then. Ok", 0, [13, 19]),
        ("He said so.[1] Then", 0, [14]),
        ("Is it?!” Yes", 0, [8]),
        ("a.¹¹¹x bee. C", 0, [11]),
        ("中文。。“下", 0, [4]),
    ],
)
def test_sentence_ends_are_where_they_were(text: str, start: int, ends: list[int]) -> None:
    assert list(sentences.sentence_ends(text, start)) == ends


_RUNS = """
from concordance import label_config, markdown, pasted
assert markdown._without_note_references("[^" * 200_000 + "x]") == ""
assert pasted.without_block_markers("a" + " " * 200_000 + "b").endswith("b")
assert label_config._miswritten("{" * 200_000) is None
"""


def _runs_in_time(script: str) -> None:
    """``script`` ends well within ``HANG`` seconds, in a subprocess that is ended if not."""
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr


def test_quotes_and_labels_of_long_runs_are_read_in_one_pass() -> None:
    """A quote of ``[^[^[^...`` or of a long run of spaces, and a label of a long run of
    ``{``: each pattern read the rest of the run from each of its characters (40,000 took a
    minute and a half; 200,000 would take half an hour). In a subprocess, to end if it hangs."""
    _runs_in_time(_RUNS)


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        ("the plan[^1] works", "the plan works"),
        ("a [^] b [^x y] c", "a [^] b [^x y] c"),
        ("[^a[^b] c [^2]", " c "),
        ("x]] [^[^] y", "x]]  y"),
    ],
)
def test_note_references_are_taken_out_as_before(source: str, plain: str) -> None:
    assert markdown._without_note_references(source) == plain


@pytest.mark.parametrize(
    ("text", "braces"),
    [("{n} and {{ n }}", "{{ n }}"), ("{{{n}", "{{{n}"), ("a {b c} {d}", "{b c}"), ("{n}", None)],
)
def test_braces_that_are_no_name_are_found_as_before(text: str, braces: str | None) -> None:
    assert label_config._miswritten(text) == braces


@pytest.mark.parametrize(
    ("text", "unmarked"),
    [("## Plan {#p}", "Plan"), ("Plan ##  ", "Plan"), ("a   b", "a   b"), ("x #y", "x #y")],
)
def test_heading_ends_are_taken_out_as_before(text: str, unmarked: str) -> None:
    assert pasted.without_block_markers(text) == unmarked


_LONG_CARET_WORD = """
from concordance import markdown
html = markdown.render_body("Zzz ^" + "a" * 200_000 + " zorvex ^a1b2\\n", []).html
assert html.endswith(" zorvex</p>\\n"), html[-40:]
"""


def test_a_long_word_after_a_caret_is_read_once_for_a_block_id() -> None:
    """``^aaa...a zorvex``: the pattern of a block id tried each letter of the word as the
    one an id must hold, and each split of the rest (20,000 letters took seven seconds;
    200,000 would take twelve minutes). In a subprocess, to end if it hangs."""
    _runs_in_time(_LONG_CARET_WORD)


@pytest.mark.parametrize(
    ("body", "shown"),
    [("a ^b1", "a"), ("a ^12-x", "a"), ("a ^12-3", "a ^12-3"), ("a ^-", "a ^-"), ("^x\t", "")],
)
def test_block_ids_are_found_as_before(body: str, shown: str) -> None:
    html = markdown.render_body(body + "\n", []).html
    assert " ".join(BeautifulSoup(html, "lxml").get_text().split()) == shown


def _characters_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the characters ``content_links.find_address`` reads from now on."""
    count = [0]
    original = content_links.find_address

    def counting(
        lines: list[str],
        block: range,
        written: Iterable[str],
        after: tuple[int, int] = (0, 0),
        reach: int | None = None,
    ) -> tuple[int, int, int]:
        found = original(lines, block, written, after, reach)
        last = found[0] if found[0] >= 0 else min(block.stop, len(lines)) - 1
        for row in range(max(block.start, after[0]), last + 1):
            start = after[1] if row == after[0] else 0
            count[0] += min(len(lines[row]) - start, reach or len(lines[row]))
        return found

    monkeypatch.setattr(content_links, "find_address", counting)
    return count


@pytest.mark.python_source
@pytest.mark.parametrize("shape", ["one definition", "one each", "one line"])
def test_links_by_reference_in_a_long_paragraph_are_each_not_read_through_it(
    monkeypatch: pytest.MonkeyPatch, shape: str
) -> None:
    """A paragraph of ``n`` links ``[a][zr]`` (of one definition, or one each; a line each,
    or all on one line): each link's address, not in the paragraph, was looked for through
    all of it after the last one found, and 10,000 lines took 30 s to build."""
    count = _characters_read(monkeypatch)
    distinct = shape != "one definition"

    def run(n: int) -> object:
        names = [f"zr{i}" if distinct else "zr" for i in range(n)]
        end = " " if shape == "one line" else "\n"
        body = "".join(f"[a][{name}]{end}" for name in names) + "\n\n"
        body += "".join(f"[{name}]: ../zgone{i}/\n" for i, name in enumerate(dict.fromkeys(names)))
        paragraph = range(0, 1 if shape == "one line" else n)
        links = [
            content_links.Found(f"relative:zgone{i}", "", f"../zgone{i}/", paragraph)
            for i in (range(n) if distinct else [0] * n)
        ]
        located = content_links.located("a.md", 1, body, links)
        definitions = body[: body.index("\n\n[zr")].count("\n") + 2  # lines before them
        assert located[-1].span.line == 1 + definitions + (n - 1 if distinct else 0)
        return located

    assert _growth(count, run, 3000) < 5


@pytest.mark.python_source
def test_images_found_only_as_written_in_a_long_block_are_each_not_read_through_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A block of ``n`` images whose addresses the source writes otherwise than the page
    (``&amp;``, found by ``_find_loosely``): each was first looked for as the page writes it
    through the rest of the block, uncounted, and 6,000 of them took six times as long to
    build."""
    count = _characters_read(monkeypatch)

    def run(n: int) -> object:
        body = "".join(
            f'<img src="https://e.org/zb{i}.svg?a=1&amp;b=2" alt="z">\n' for i in range(n)
        )
        block = range(0, n)
        links = [
            content_links.Found(f"remote:{i}", "", f"https://e.org/zb{i}.svg?a=1&b=2", block, True)
            for i in range(n)
        ]
        located = content_links.located("a.md", 1, body, links)
        assert [link.span.line for link in located] == [1 + i for i in range(n)]
        return located

    assert _growth(count, run, 1000) < 5


@pytest.mark.python_source
def test_a_long_address_the_source_writes_otherwise_is_made_no_pattern(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An address the source writes otherwise than the page (``&amp;``) is looked for by a
    pattern compiled for it, in time that grows with it: 60 images of 16,000 ``&`` took
    38 s to build. A long one is located at its block instead."""
    compiled: list[int] = []
    original = content_links._loosely

    def counting(written: str) -> re.Pattern[str] | None:
        pattern = original(written)
        compiled.append(len(pattern.pattern) if pattern else 0)
        return pattern

    monkeypatch.setattr(content_links, "_loosely", counting)
    amps = 16_000
    body = "".join(f'<img src="https://e.org/zb{i}?{"&amp;" * amps}">\n' for i in range(3))
    links = [
        content_links.Found(f"remote:{i}", "", f"https://e.org/zb{i}?{'&' * amps}", range(3), True)
        for i in range(3)
    ]
    located = content_links.located("a.md", 1, body, links)
    assert all(1 <= link.span.line <= 3 for link in located)
    assert len(compiled) == 3 and sum(compiled) < amps


class _CountedQuotes(tuple[model.Quote, ...]):
    """An article's quotes that count how many of them are read, one by one or by index."""

    read: ClassVar[list[int]] = [0]

    def __iter__(self) -> Iterator[model.Quote]:
        for quote in super().__iter__():
            self.read[0] += 1
            yield quote

    def __getitem__(self, key: Any) -> Any:
        self.read[0] += 1
        return super().__getitem__(key)


def test_the_statements_of_an_article_of_thousands_of_quotes_are_each_found_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An article of ``n`` quotes: each statement's card looked for its quote through the
    article's quotes before it, and 8,000 quotes spent 3 s of the build in that search alone
    (four times as long for twice as many)."""
    original = pipeline.build_index

    def counting(articles: list[model.Article], *args: object) -> object:
        counted = [replace(a, quotes=_CountedQuotes(a.quotes)) for a in articles]
        return original(counted, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build_index", counting)
    count = _CountedQuotes.read

    def run(n: int) -> object:
        content = tmp_path / str(n)
        (content / "articles").mkdir(parents=True)
        words = [f"zorp{i} glorp{i} quux{i}." for i in range(n)]
        quotes = "".join(f"  - text: {w[:-1]}\n    concepts: [zorvex]\n" for w in words)
        front = f"---\ntitle: A\ndate: 2024-01-01\nquotes:\n{quotes}---\n"
        (content / "articles" / "2024-01-01-a.md").write_text(front + " ".join(words) + "\n")
        out = tmp_path / f"site{n}"
        built = run_cli("build", "--content", str(content), "--out", str(out), "--jobs", "1")
        assert built.code == 0, built.stderr
        page = BeautifulSoup((out / "concepts" / "zorvex" / "index.html").read_text(), "lxml")
        shown = {" ".join(q.get_text().split()) for q in page.select("blockquote")}
        assert f"zorp{n - 1} glorp{n - 1} quux{n - 1}" in " ".join(shown)
        return built

    assert _growth(count, run, 300) < 5


def test_an_article_of_two_thousand_quotes_of_a_sentence_each_is_built(tmp_path: Path) -> None:
    """2,000 quotes of some forty words, each naming three concepts, hold half a megabyte of
    front matter: past the 256 KiB it was held to, and the article was refused whole."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    words = " ".join(f"glorp{i} zorp{i}" for i in range(20))
    sentences = [f"Speaker {n} said {words} quux{n}" for n in range(2000)]
    quotes = "".join(
        f"  - text: {t}\n    concepts: [zorvex, zc{i % 9}, zd]\n" for i, t in enumerate(sentences)
    )
    front = f"---\ntitle: A\ndate: 2024-01-01\nquotes:\n{quotes}---\n"
    assert len(front) > 2 * 256 * 1024
    body = "\n\n".join(f"{t}." for t in sentences)
    (content / "articles" / "2024-01-01-a.md").write_text(front + body + "\n")
    out = tmp_path / "site"
    built = run_cli("build", "--content", str(content), "--out", str(out), "--jobs", "1")
    assert built.code == 0, built.stderr
    page = BeautifulSoup((out / "articles" / "2024-01-01-a" / "index.html").read_text(), "lxml")
    marked = [" ".join(m.get_text().split()) for m in page.select("div.body mark")]
    assert len(marked) == 2000 and marked[-1] == sentences[-1]


@pytest.mark.python_source
def test_a_million_values_are_refused_before_they_are_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``x: [a,a,a...`` of a million values (2 MiB): the parser's nodes were all made, in
    8 s and 500 MB, before they were counted and refused. The events are counted first."""
    composed: list[str] = []
    original = load._compose

    def counting(source: str) -> object:
        composed.append(source)
        return original(source)

    monkeypatch.setattr(load, "_compose", counting)
    source = "title: A\nx: [" + "a," * 1_000_000 + "a]\n"
    node, diagnostics = load.parse_yaml("a.md", source, 2)
    assert node is None and [(d.code, d.span.line) for d in diagnostics] == [("yaml-limit", 3)]
    assert composed == []
    node, diagnostics = load.parse_yaml("a.md", "x: [" + "a," * 9_000 + "a]\n", 2)
    assert node is not None and len(node.value["x"].value) == 9_001 and composed


def test_an_article_of_5500_quotes_of_one_concept_is_built(tmp_path: Path) -> None:
    """Each quote of one concept is four values of its front matter: an article of more
    than 5,000 passed the 20,000 values a front matter was held to, and was refused whole."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    sentences = [f"Glorp{n} zorp quux" for n in range(5500)]
    quotes = "".join(f"  - text: {t}\n    concepts: [zorvex]\n" for t in sentences)
    front = f"---\ntitle: A\ndate: 2024-01-01\nquotes:\n{quotes}---\n"
    (content / "articles" / "2024-01-01-a.md").write_text(front + ". ".join(sentences) + ".\n")
    out = tmp_path / "site"
    built = run_cli("build", "--content", str(content), "--out", str(out), "--jobs", "1")
    assert built.code == 0, built.stderr
    page = BeautifulSoup((out / "concepts" / "zorvex" / "index.html").read_text(), "lxml")
    shown = [" ".join(q.get_text().split()) for q in page.select("blockquote")]
    assert len(shown) == 5500 and set(shown) == set(sentences)


def test_a_body_of_unclosed_wordpress_attributes_is_checked_in_one_pass(tmp_path: Path) -> None:
    """``[a b=[a b=[a b=...`` never closed: the pattern of a WordPress shortcode read every
    attribute after each ``[`` to the end of the block, and 100,000 characters took a minute
    (this body's 200,000 would take several). In a subprocess, so that the test ends if it
    hangs; the shortcode written after the run is still found."""
    body = "Zorvex holds " + "[a b=" * 40_000 + '\n\nA glorp [caption id="a1"] zorp.\n'
    proc = _run_on_article("check", tmp_path, body)
    assert '[caption id="a1"] is shown as typed' in proc.stdout + proc.stderr


def test_a_block_of_import_and_a_long_run_of_spaces_is_read_in_one_pass(tmp_path: Path) -> None:
    """``import`` and 20,000 spaces: the pattern of MDX's imports read the spaces as the
    names imported or as those before ``from`` every way, the cube of their number (2,000
    took six seconds). In a subprocess, so that the test ends if it hangs."""
    body = "import" + " " * 20_000 + "glorp\n\nZorvex holds.\n"
    proc = _run_on_article("check", tmp_path, body)
    assert "Traceback" not in proc.stderr


@pytest.mark.python_source
def test_bold_runs_the_page_shows_otherwise_are_not_each_looked_for_through_the_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``** a&amp;** `` thousands of times in one paragraph: each run was looked for in all
    the text the paragraph shows (``&``, not ``&amp;``, so never found there), the square of
    its length (7 s for 480 KB). The characters read must grow as the paragraph does."""
    read = [0]
    original = spaced_emphasis.is_shown

    def counting(run: str, shown: str) -> bool:
        read[0] += len(shown)
        return original(run, shown)

    monkeypatch.setattr(spaced_emphasis, "is_shown", counting)

    def run(n: int) -> None:
        markdown.render_plain("Zorvex " + "** a&amp;** " * n + "glorp.\n")

    assert _growth(read, run, 500) < 5


def test_bold_runs_are_looked_up_to_a_bound_in_each_block() -> None:
    """The lookups are bounded per block, not per body: a paragraph of a hundred runs
    gives the first ``MAX_LOOKED_UP`` (more than a file's warnings show), and the next
    paragraph's run is still found."""
    body = "**Glorp: **zorp. " * 100 + "\n\n**Zorvex **holds.\n"
    runs = [run for _, run in markdown.render_plain(body).spaced_emphasis]
    assert runs == ["**Glorp: **"] * spaced_emphasis.MAX_LOOKED_UP + ["**Zorvex **"]


class _CountedId(str):
    """A quote's id that counts the ids with a suffix made from it."""

    made: ClassVar[list[int]] = [0]

    def __format__(self, spec: str) -> str:
        self.made[0] += 1
        return str.__format__(self, spec)


@pytest.mark.python_source
def test_the_copies_of_one_quote_each_get_their_id_in_one_try(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """12,000 copies of one quote: each tried the suffixes ``-2``, ``-3``... that the copies
    before it had taken, the square of their number (9 s to build). The suffixed ids made
    must grow as the copies do, and each copy still gets the next one."""
    monkeypatch.setattr(validate, "quote_id", lambda folded: _CountedId("q-zorvex"))
    found: list[list[str]] = []

    def run(n: int) -> None:
        quotes = "  - {text: zorvex holds, concepts: [c]}\n" * n
        front = f"---\ntitle: T\ndate: 2024-01-01\nquotes:\n{quotes}---\nZorvex holds.\n"
        raw, problems = load.parse_document("articles/a.md", front.encode())
        article, _ = validate.validate_article(raw)
        assert problems == [] and isinstance(article, model.Article)
        found.append([quote.id for quote in article.quotes])

    assert _growth(_CountedId.made, run, 300) < 5
    assert found[-1] == ["q-zorvex"] + [f"q-zorvex-{n}" for n in range(2, 1201)]


@pytest.mark.python_source
def test_quotes_with_a_word_a_long_body_never_has_are_not_looked_for_through_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each missing quote was looked for through the whole body once for each of its
    readings: 20,000 of them in a 7 MB body took 49 s. A reading with a word between spaces
    that the body never has between spaces is not looked for; the others are, and found."""
    looked = _counted(monkeypatch, words, "find_words")
    paragraph = "Zorvex holds the kelmat plan fast. " * 40
    body = "\n\n".join([paragraph] * (words.LONG_BODY // len(paragraph) + 1))
    missing = [
        markdown.QuoteRequest(f"m{i}", f"zorvex holds the kelmatz plan {i}") for i in range(50)
    ]
    found = markdown.QuoteRequest("f", "holds the kelmat plan")
    result = markdown.render_body(body, [*missing, found])
    assert looked[0] == 1
    assert list(result.closest) == [quote.id for quote in missing]
    assert result.closest["m0"].passage
    assert result.found == {"f": 0}
    assert list(markdown.render_body(paragraph, missing).closest) == list(result.closest)
    assert looked[0] > 50  # a short body: each quote looked for, none skipped


@pytest.mark.python_source
def test_quotes_found_at_the_end_of_a_long_body_are_not_looked_for_through_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``n`` quotes whose words a long body holds only at its end: each was looked for from
    the body's start, and 20,000 at the end of a 7 MB body took 40 s. The characters
    ``find_words`` reads must grow as the body does (the quotes with it), not as the square:
    once it has read the body ``words.REREAD`` times, the places of the quotes' middle words
    propose where each may be."""
    read = [0]
    original = words.find_words

    def counting(doc: str, needle: str, start: int = 0, *args: Any, **kwargs: Any) -> int:
        at = original(doc, needle, start, *args, **kwargs)
        read[0] += (at + len(needle) if at >= 0 else len(doc)) - start
        return at

    monkeypatch.setattr(words, "find_words", counting)
    monkeypatch.setattr(markdown, "find_words", counting)
    paragraph = "Zorvex holds the kelmat plan fast. " * 40

    def run(n: int) -> object:
        body = "\n\n".join([paragraph] * (n // 6))
        texts = [f"glorp{i} zorp{i} quux{i}" for i in range(n)]
        body += "\n\nThe end: " + " ".join(f"{text}." for text in texts) + "\n"
        assert len(body) > words.LONG_BODY
        quotes = [markdown.QuoteRequest(f"q{i}", text) for i, text in enumerate(texts)]
        result = markdown.render_body(body, quotes)
        assert result.shown == {f"q{i}": text for i, text in enumerate(texts)}
        assert set(result.found.values()) == {body.count("\n\n") * 2}  # the last paragraph
        return result

    assert _growth(read, run, 400) < 5


_FILLER = "Zorvex holds the plan, kelmat. " * 4000
"""A long body's text, in which the needles below are placed."""


@pytest.mark.parametrize(
    ("body", "needle", "start"),
    [
        # The first place of the middle word is inside a longer one, then not whole, then whole.
        (
            "glorp zorpx quux " + _FILLER + "xglorp zorp quux " + _FILLER + "glorp zorp quux",
            "glorp zorp quux",
            0,
        ),
        ("a glorp zorp quux b " + _FILLER + "glorp zorp quux", "glorp zorp quux", 3),
        ("(glorp  zorp quux) " + _FILLER, "glorp  zorp quux", 0),
        ("l'glorp zorp quux's " + _FILLER + " glorp zorp quux's.", "glorp zorp quux", 0),
        (_FILLER + "glorp zorp quux", "glorp zorpz quux", 0),
        (_FILLER + "glorp\nzorp\tquux.", "glorp\nzorp\tquux", 0),
    ],
)
def test_the_places_of_words_find_what_find_words_finds(body: str, needle: str, start: int) -> None:
    places = words.Places(body)
    for inside in (None, lambda at: at == len(body) - len(needle)):
        expected = words.find_words(body, needle, start, inside=inside)
        assert places.find(needle, start, inside, frozenset()) == expected


def _inline_look_aheads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the look-ahead's steps (``skipToken``) of the parser that reads bodies' inline
    text from now on."""
    inline = next(
        rule.fn for rule in markdown.parser().core.ruler.__rules__ if rule.name == "inline"
    )
    twin = inline.args[0].inline  # type: ignore[attr-defined]
    count = [0]
    original = twin.skipToken

    def counting(state: Any) -> None:
        count[0] += 1
        original(state)

    monkeypatch.setattr(twin, "skipToken", counting)
    return count


@pytest.mark.parametrize("run", ["[", "[^", "[[", "![", "^["])
def test_a_run_of_labels_that_close_nowhere_is_not_looked_through(
    monkeypatch: pytest.MonkeyPatch, run: str
) -> None:
    """A run of ``[`` (``[^``, ``[[``...) with no ``]`` after it: at each ``[`` the label's
    look-ahead tried every rule at each ``[`` after it, as deep as links nest, 20 steps a
    character (8 s for a megabyte). Now it is not looked through; the text is as before."""
    steps = _inline_look_aheads(monkeypatch)
    html = markdown.render_body(f"Zorvex {run * 2000} glorp\n", []).html
    assert BeautifulSoup(html, "lxml").get_text() == f"Zorvex {run * 2000} glorp\n"
    assert steps[0] < 100


def test_a_label_is_looked_through_where_a_pair_of_carets_may_read_what_it_found() -> None:
    """``^a`^`[[[...x^``: a superscript's walk reads what the look-ahead of the labels
    before remembered; where it found nothing, 20 deep, the walk ends. It still does."""
    for depth in (5, 20, 30):
        html = markdown.render_body("^a`^`" + "[" * depth + "x^ y\n", []).html
        assert bool(BeautifulSoup(html, "lxml").select("sup")) == (depth < 20)


_NOTES_RUN = """
from concordance import markdown
html = markdown.render_body("Zorvex[^1] " + "[^" * 200_000 + "\\n\\n[^1]: A note.\\n", []).html
assert html.count("[^") == 200_000 and 'href="#fn:1"' in html
"""


def test_a_run_of_note_references_is_read_in_one_pass() -> None:
    """``[^[^[^...`` in a body that defines a note: the plugin's ``footnote_ref`` read each
    label a character at a time up to a space or ``]``, the rest of the run at each ``[^``
    (40,000 characters took 48 s; 200,000 would take twenty minutes). In a subprocess, to
    end if it hangs."""
    _runs_in_time(_NOTES_RUN)
