"""Other tools' callouts (``callouts``): Docusaurus, VuePress, MyST, Pandoc and Quarto fences
of colons, MkDocs' admonitions, PyMdown's blocks fenced with slashes and Material for MkDocs'
content tabs, as boxes; fences that pair with none shown as typed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import build_one_article
from test_html_valid import vnu, vnu_errors  # noqa: F401 (vnu: a fixture)
from test_site import indexed_strings

from concordance.callouts import MAX_DEPTH
from concordance.markdown import QuoteRequest, render_body


def _boxes(html: str) -> list[tuple[str, str]]:
    """(kind, title) of each box, in order; the kind "" for a box of no kind."""
    return [(kind, title) for kind, title, _whose, _folds in _titled(html)]


def _titled(html: str) -> list[tuple[str, str, str, bool]]:
    """(kind, title, whose title: "own", "kind" or "" for none, foldable) of each box."""
    page = BeautifulSoup(html, "lxml")
    found = []
    for box in page.select("div.alert"):
        kind = next((c.removeprefix("alert-") for c in box["class"] if c != "alert"), "")
        inside = box.find("details", recursive=False)
        holder = inside if isinstance(inside, Tag) else box
        title = holder.find(["p", "summary"], recursive=False)
        classes = title.get("class") or [] if isinstance(title, Tag) else []
        whose = "own" if "callout-title" in classes else "kind" if "alert-title" in classes else ""
        shown = title.get_text() if isinstance(title, Tag) and whose else ""
        found.append((kind, shown, whose, inside is not None))
    return found


@pytest.mark.parametrize(
    ("body", "boxes"),
    [
        (":::note\nThe glorp plan.\n:::\n", [("note", "Note")]),
        (":::danger Take care\nThe glorp plan.\n:::\n", [("caution", "Take care")]),
        (":::warning[Take care]\nThe glorp plan.\n:::\n", [("warning", "Take care")]),
        ("::: tip\nThe glorp plan.\n:::\n", [("tip", "Tip")]),
        (":::{important} Read this\nThe glorp plan.\n:::\n", [("important", "Read this")]),
        ("::: {.callout-tip #t}\nThe glorp plan.\n:::\n", [("tip", "Tip")]),
        ("::: details Open me\nThe glorp plan.\n:::\n", [("", "Open me")]),
        ("::: {.columns}\nThe glorp plan.\n:::\n", []),
        ("!!! note\n    The glorp plan.\n", [("note", "Note")]),
        ('!!! info "Read this"\n    The glorp plan.\n', [("note", "Read this")]),
        ('!!! bug ""\n    The glorp plan.\n', [("caution", "")]),
        ('???+ bug ""\n    The glorp plan.\n', [("caution", "Bug")]),  # a <summary> names it
        ("!!! aside\n    The glorp plan.\n", [("", "Aside")]),
        ("!!! info inline end\n    The glorp plan.\n", [("note", "Info")]),  # more classes
        ("::: Read this first\nThe glorp plan.\n:::\n", [("", "Read this first")]),
        ("::: tip ::::::\nThe glorp plan.\n:::\n", [("tip", "Tip")]),  # Pandoc's closing colons
        ("::: zorblet\nThe glorp plan.\n:::\n", []),  # a class, as Pandoc reads it
        ("::::: {#z .sidebar} :::::\nThe glorp plan.\n:::::\n", []),
        ("/// tip | Read this\nThe glorp plan.\n///\n", [("tip", "Read this")]),
        ("/// warning\nThe glorp plan.\n///\n", [("warning", "Warning")]),
        ("/// details | Open me\n    open: True\n\nThe glorp plan.\n///\n", [("", "Open me")]),
        ("//// tab | Zorp shell\n\nThe glorp plan.\n\n////\n", [("", "Zorp shell")]),
        ("/// html | div.result\nThe glorp plan.\n///\n", []),
        ('=== "Zorp shell"\n\n    The glorp plan.\n', [("", "Zorp shell")]),
        ('===+ "Zorp shell"\n    The glorp plan.\n', [("", "Zorp shell")]),
    ],
)
def test_a_callout_is_a_box_of_its_kind_whose_text_is_quoted(
    body: str, boxes: list[tuple[str, str]]
) -> None:
    result = render_body(
        "Before.\n\n" + body + "\nAfter.\n", [QuoteRequest("q", "The glorp plan.")]
    )
    assert "q" in result.found
    assert _boxes(result.html) == boxes
    text = BeautifulSoup(result.html, "lxml").get_text()
    assert all(mark not in text for mark in (":::", "!!!", "???", "///", "===", "open:"))


def test_content_tabs_show_their_text_not_code() -> None:
    """Material for MkDocs' tabs indent their content four spaces: read as the body's blocks
    (a list, a paragraph), not as code, which no quote is looked for in."""
    body = (
        'Intro.\n\n=== "Zorp"\n\n    The glorp plan.\n\n    - a blim\n    - a plonk\n\n'
        '=== "Glim"\n\n    ```sh\n    zorp --glim\n    ```\n\nAfter the tabs.\n\n'
        "    Code after them.\n"
    )
    result = render_body(body, [QuoteRequest("q", "Zorp The glorp plan. a blim a plonk")])
    assert result.found == {"q": 2}  # from its title, on the line of its marker
    page = BeautifulSoup(result.html, "lxml")
    zorp, glim = page.select("div.alert")
    assert [li.get_text() for li in zorp.select("li")] == ["a blim", "a plonk"]
    assert [pre.get_text() for pre in page.select("pre")] == ["zorp --glim\n", "Code after them.\n"]
    assert glim.select_one("pre") is not None and page.select_one("div.alert + p") is not None


def test_pymdown_blocks_nest_by_their_slashes() -> None:
    """The outer block takes more slashes; a fence closes one of as many slashes, within
    its block, and a line of slashes and prose is prose."""
    body = (
        "//// tab | Zorp\n\nA\n\n/// note | Inner\n    type: warning\n\nB\n\n///\n\nC\n\n////\n\n"
        "/// tip\nLeft open: /// is closed by no fence of four.\n////\n\n"
        "/// see the glorp plan\n"
    )
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    assert _boxes(str(page)) == [("", "Zorp"), ("note", "Inner")]
    outer = page.select_one("div.alert")
    assert outer is not None
    assert [p.get_text() for p in outer.find_all("p", recursive=False)] == ["Zorp", "A", "C"]
    assert "type:" not in page.get_text()
    shown = "|".join(" ".join(p.get_text().split()) for p in page.select("body > p"))
    assert (
        shown == "/// tip|Left open: /// is closed by no fence of four.|////|/// see the glorp plan"
    )


PANDOC_DIVS = (
    "::: zelt\n::: para\nThe glorp plan holds.\n:::\n\n::: para\nThe zorp dims.\n:::\n:::\n\n"
    "::: Warning ::::::\nMind the plam.\n::::::::::::::::::\n"
)
"""Pandoc's Markdown of HTML's ``<div class="zelt"><div class="para">...``: a fence of one
word is a class, and a fence's line may end with colons."""


def test_pandocs_divs_of_a_class_show_their_text_alone(tmp_path: Path) -> None:
    """No class is shown as a title, so a quote copied from the HTML Pandoc read, across
    two of its paragraphs, is found, and highlighted whole."""
    quote = "The glorp plan holds. The zorp dims."
    front = f"title: Divs\ndate: 2024-01-05\nquotes:\n  - text: {quote}\n"
    one = build_one_article(tmp_path, "2024-01-05-divs", front, PANDOC_DIVS)
    assert [p.get_text() for p in one.body.find_all("p")] == [
        "The glorp plan holds.",
        "The zorp dims.",
        "Warning",
        "Mind the plam.",
    ]
    marks = one.body.select("mark.quote")  # one in each paragraph
    assert " ".join(" ".join(m.get_text() for m in marks).split()) == quote


@pytest.mark.parametrize(
    "line", ["!!! Read this: the glorp plan", "??? what is the glorp plan", '!!! "the glorp plan"']
)
def test_prose_that_starts_as_an_admonition_does_is_prose(line: str) -> None:
    """Python-Markdown reads a kind, more classes and a title in quotes; a box of anything
    else would drop words of the line."""
    result = render_body(f"{line}\n    and more.\n", [])
    assert _boxes(result.html) == []
    assert " ".join(BeautifulSoup(result.html, "lxml").get_text().split()) == f"{line} and more."


def test_callouts_nest_by_their_colons_and_close_within_their_block() -> None:
    body = (
        "::::note Outer\nA\n:::tip\nB\n:::\nC\n::::\n\n"
        "- :::warning\n  in the item\n  :::\n- :::caution\n  left open\n- next\n\n"
        "```\n:::note\n```\n"
    )
    html = render_body(body, []).html
    page = BeautifulSoup(html, "lxml")
    outer = page.select_one("div.alert-note")
    assert (
        outer is not None
        and outer.select_one("div.alert-tip p:not(.alert-title)").get_text() == "B"
    )
    assert [p.get_text() for p in outer.find_all("p", recursive=False)] == ["Outer", "A", "C"]
    assert page.select_one("li div.alert-warning") is not None
    assert page.select_one("div.alert-caution") is None  # its fence closed by no other
    assert ":::caution" in page.get_text() and page.select_one("pre").get_text() == ":::note\n"


@pytest.mark.parametrize(
    "body",
    [
        ":::note\nNever closed: the glorp plan.\n",
        ":::\nThe glorp plan.\n:::\n",
        "::::note\nThe glorp plan.\n:::\n",
        "Text\n:::\n",
    ],
)
def test_a_fence_that_pairs_with_none_is_text(body: str) -> None:
    result = render_body(body, [])
    assert _boxes(result.html) == []
    shown = BeautifulSoup(result.html, "lxml").get_text()
    assert shown.split() == body.split()


def test_fenced_callouts_nest_so_deep_at_most() -> None:
    depth = MAX_DEPTH + 10
    html = render_body(":::note\n" * depth + "x\n" + ":::\n" * depth, []).html
    page = BeautifulSoup(html, "lxml")
    assert len(page.select("div.alert")) == MAX_DEPTH
    assert max(len(list(div.parents)) for div in page.select("div")) <= MAX_DEPTH + 3


@pytest.mark.parametrize("line", ["!!! note", '=== "Zorp"'])
def test_admonitions_nested_past_the_limit_are_reported(line: str) -> None:
    body = "".join(" " * (4 * i) + line + "\n" for i in range(150)) + " " * 600 + "x\n"
    assert render_body(body, []).too_deep is not None


@pytest.mark.parametrize(
    "body",
    [
        ":::x\n" * 40_000,
        ":::\n" * 40_000,
        "::::x\n" + ":::\n" * 40_000,
        ":::note\n" * 40_000 + ":::\n" * 40_000,
        "!!! a\n" * 40_000,
        "- :::note\n  t\n:::\n" * 10_000,
        ":" * 200_000 + "x\n",
        "/// tip\n" * 40_000 + "///\n" * 40_000,
        "//// tab | x\n" + "///\n" * 40_000,
        '=== "x"\n' * 40_000,
    ],
    ids=[
        *["open", "close", "outer", "nested", "admonitions", "in-items", "colons"],
        *["slashes", "slashes-outer", "tabs"],
    ],
)
def test_hostile_fences_are_read_in_one_pass(body: str) -> None:
    """Each line once: the plugin of markdown-it looked for each fence's closing one to the
    end of the body (a square of the lines)."""
    assert render_body(body, []).html


@pytest.mark.parametrize(
    ("body", "box"),
    [
        ("::: tip Read this\nThe glorp plan.\n:::\n", ("tip", "Read this", "own", False)),
        (":::warning[Read *this*]\nThe glorp plan.\n:::\n", ("warning", "Read this", "own", False)),
        (
            ":::{important} Read this\nThe glorp plan.\n:::\n",
            ("important", "Read this", "own", False),
        ),
        ("::: details Read this\nThe glorp plan.\n:::\n", ("", "Read this", "own", False)),
        ("::: Read this\nThe glorp plan.\n:::\n", ("", "Read this", "own", False)),
        ('!!! note "Read this"\n    The glorp plan.\n', ("note", "Read this", "own", False)),
        ('??? note "Read this"\n    The glorp plan.\n', ("note", "Read this", "own", True)),
        ('???+ note "Read this"\n    The glorp plan.\n', ("note", "Read this", "own", True)),
    ],
)
def test_an_authors_title_is_text_of_the_body_that_a_quote_may_hold(
    body: str, box: tuple[str, str, str, bool]
) -> None:
    quotes = [
        QuoteRequest("title", "Read this"),
        QuoteRequest("into", "Read this The glorp plan."),
        QuoteRequest("across", "Before. Read this"),
    ]
    result = render_body("Before.\n\n" + body + "\nAfter.\n", quotes)
    assert _titled(result.html) == [box]
    assert result.found == {"title": 2, "into": 2, "across": 0}
    page = BeautifulSoup(result.html, "lxml")
    title = page.select_one(".callout-title")
    assert title is not None and title.name == ("summary" if box[3] else "p")
    assert {m["data-quote"] for m in title.select("mark.quote")} == {"title", "into", "across"}
    assert page.select_one(".alert-title") is None


@pytest.mark.parametrize(
    ("body", "box"),
    [
        ("::: note\nThe glorp plan.\n:::\n", ("note", "Note", "kind", False)),
        ("!!! note\n    The glorp plan.\n", ("note", "Note", "kind", False)),
        ("??? note\n    The glorp plan.\n", ("note", "Note", "kind", True)),
        ('???+ note ""\n    The glorp plan.\n', ("note", "Note", "kind", True)),
    ],
)
def test_a_kinds_name_is_no_text_of_the_body(body: str, box: tuple[str, str, str, bool]) -> None:
    quotes = [QuoteRequest("name", "Note The glorp plan"), QuoteRequest("text", "The glorp plan")]
    result = render_body("Before.\n\n" + body, quotes)
    assert _titled(result.html) == [box]
    assert sorted(result.found) == ["text"]
    assert "Note" not in result.closest["name"].passage
    title = BeautifulSoup(result.html, "lxml").select_one(".alert-title")
    assert title is not None and title.select("mark") == []


@pytest.mark.parametrize(
    "body",
    [
        "::: tip Read this\nThe glorp plan.\n:::\n",
        ":::warning[Read this]\nThe glorp plan.\n:::\n",
        '!!! note "Read this"\n    The glorp plan.\n',
        '??? note "Read this"\n    The glorp plan.\n',
    ],
)
def test_a_summary_starts_with_no_title(body: str) -> None:
    assert render_body(body + "\nAfter.\n", []).summary == "The glorp plan."


@pytest.mark.parametrize("marker", ["???", "???+"])
def test_a_collapsible_admonition_is_an_open_details_titled_by_its_summary(marker: str) -> None:
    body = f'{marker} faq "Is it open?"\n    The glorp plan.\n\n{marker} bug\n    The zelt.\n'
    result = render_body(body, [QuoteRequest("q", "The glorp plan.")])
    page = BeautifulSoup(result.html, "lxml")
    details = page.select("div.alert > details")
    assert [d.has_attr("open") for d in details] == [True, True]
    assert [(d.summary["class"], d.summary.get_text()) for d in details if d.summary] == [
        (["callout-title"], "Is it open?"),
        (["alert-title"], "Bug"),
    ]
    assert details[0].select_one("p > mark.quote[data-quote=q]") is not None
    assert "???" not in page.get_text() and result.found == {"q": 1}


@pytest.mark.parametrize(
    ("quote", "shown"),
    [
        ("::: tip Read this\nThe glorp plan.", None),
        ("::: tip Read this\nThe glorp plan.\n:::", None),
        ("::: tip Read this The glorp plan.", None),  # its lines folded by the YAML
        ("Read this\nThe glorp plan.\n:::", None),
        ("::: tip Read this", "Read this"),
    ],
)
def test_a_quote_copied_from_the_source_with_a_fence_is_found(
    quote: str, shown: str | None
) -> None:
    body = "Intro.\n\n::: tip Read this\nThe glorp plan.\n:::\n\nAfter.\n"
    _found_as_shown(body, quote, shown or "Read this The glorp plan.")


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        (
            ":::warning[Read *this*]\nThe glorp plan.\n:::\n",
            ":::warning[Read *this*]\nThe glorp plan.",
        ),
        ("::: details Read this\nThe glorp plan.\n:::\n", "::: details Read this\nThe glorp plan."),
        (
            '!!! note "Read this"\n    The glorp plan.\n',
            '!!! note "Read this"\n    The glorp plan.',
        ),
        (
            '??? note "Read this"\n    The glorp plan.\n',
            '??? note "Read this"\n    The glorp plan.',
        ),
        ('???+ note "Read this"\n    The glorp plan.\n', '???+ note "Read this"\nThe glorp plan.'),
        (
            "> ::: tip Read this\n> The glorp plan.\n> :::\n",
            "> ::: tip Read this\n> The glorp plan.",
        ),
        ("- !!! tip\n      The glorp plan.\n", "- !!! tip\n      The glorp plan."),
        ("/// note | Read this\nThe glorp plan.\n///\n", "/// note | Read this\nThe glorp plan."),
        ('=== "Read this"\n    The glorp plan.\n', '=== "Read this"\n    The glorp plan.'),
    ],
)
def test_a_quote_copied_from_the_source_with_a_callouts_line_is_found(
    body: str, quote: str
) -> None:
    titled = "tip\n" not in body  # else titled "Tip", no text of the body
    shown = "Read this The glorp plan." if titled else "The glorp plan."
    _found_as_shown("Intro.\n\n" + body, quote, shown, 2 if titled else 3)


def _found_as_shown(body: str, quote: str, shown: str, line: int = 2) -> None:
    result = render_body(body, [QuoteRequest("q", quote)])
    assert result.found == {"q": line}
    marked = BeautifulSoup(result.html, "lxml").select("mark[data-quote=q]")
    assert " ".join(" ".join(m.get_text() for m in marked).split()) == shown


def test_the_lines_of_a_callout_are_counted_from_its_title() -> None:
    """Quote-not-found hints name the line the closest passage starts on."""
    body = (
        "Intro text here.\n\n::: tip Why the glorp plam\nholds the zelt firmly\n:::\n\n"
        '!!! note "The inner titel"\n    so the wobble indx rose\n\n'
        '- ??? info "In a list"\n      the glarp item\n'
    )
    quotes = [
        QuoteRequest("title", "Why the glorp plan"),
        QuoteRequest("text", "holds the zelts firmly"),
        QuoteRequest("inner", "The inner title"),
        QuoteRequest("wobble", "the wobble index rose"),
        QuoteRequest("item", "In a list the glorp item"),
    ]
    result = render_body(body, quotes)
    assert {key: (hint.line, hint.passage) for key, hint in result.closest.items()} == {
        "title": (2, "Why the glorp plam"),
        "text": (3, "holds the zelt firmly"),
        "inner": (6, "The inner titel"),
        "wobble": (7, "the wobble indx rose"),
        "item": (9, "In a list the glarp item"),
    }


_FRONT = (
    "title: Callouts\ndate: 2024-03-01\nspeaker: Speaker 4\nquotes:\n"
    "  - text: Is the zelt ready?\n    concepts: [zelt]\n"
    "  - text: Read this first The glorp plan will hold.\n    concepts: [glorp plan]\n"
    "  - text: In May the wobble index rose\n    concepts: [zelt]\n"
)
_BODY = (
    "::: tip Read this first\nThe glorp plan will hold.\n:::\n\n"
    '??? question "Is the zelt ready?"\n    Not yet.\n\n'
    "!!! note\n    In May the wobble index rose.\n"
)


def test_an_article_of_callouts_is_built_with_its_titles_quoted(tmp_path: Path) -> None:
    one = build_one_article(tmp_path, "2024-03-01-callouts", _FRONT, _BODY)
    assert "quote-not-found" not in one.built.stderr
    assert _titled(str(one.body)) == [
        ("tip", "Read this first", "own", False),
        ("note", "Is the zelt ready?", "own", True),
        ("note", "Note", "kind", False),
    ]
    title = one.body.select_one("p.callout-title mark.quote")
    assert title is not None and title.get_text() == "Read this first"
    summary = one.body.select_one("details[open] > summary.callout-title mark.quote")
    assert summary is not None and summary.get_text() == "Is the zelt ready?"
    assert one.body.select_one(".alert-title mark") is None
    site = tmp_path / "site"
    html = (site / "articles" / "2024-03-01-callouts" / "index.html").read_bytes()
    page = BeautifulSoup(html, "lxml")
    indexed = " ".join(" ".join(indexed_strings(page)).split())  # by Pagefind
    assert "first The glorp plan" in indexed and "ready? Not yet" in indexed
    description = page.select_one("meta[name=description]")
    assert description is not None
    assert description["content"].startswith("The glorp plan will hold.")


def test_an_article_of_callouts_is_valid_html(tmp_path: Path, vnu: Path) -> None:  # noqa: F811
    build_one_article(tmp_path, "2024-03-01-callouts", _FRONT, _BODY)
    page = tmp_path / "site" / "articles" / "2024-03-01-callouts" / "index.html"
    assert [m["message"] for m in vnu_errors(vnu, [str(page)])] == []


@pytest.mark.parametrize(
    "body",
    [
        "::: tip " + "glorp " * 170_000 + "\ntext\n:::\n",
        ":::tip[" + "glorp " * 170_000 + "]\ntext\n:::\n",
        '!!! note "' + "glorp " * 170_000 + '"\n    text\n',
        '??? note "' + "glorp " * 170_000 + '"\n    text\n',
        '??? note "' + "glorp " * 170_000 + "\n    text\n",  # its quote never closed
    ],
    ids=["fenced", "bracketed", "admonition", "collapsible", "unclosed"],
)
def test_a_long_title_is_read_in_time_linear_in_the_body(body: str) -> None:
    quotes = [QuoteRequest("q", "glorp glorp"), QuoteRequest("n", "::: tip glorp\nzelt")]
    started = time.perf_counter()
    result = render_body(body, quotes)
    elapsed = time.perf_counter() - started
    half = body[: len(body) // 2] + body[body.index("\n") :]
    started = time.perf_counter()
    render_body(half, quotes)
    assert elapsed < 4 * (time.perf_counter() - started) + 1.0  # no square of the title
    assert result.html and "q" in result.found


@pytest.mark.parametrize(
    "body",
    [
        ":::{note} Read this\n:class: dropdown\n:open:\nThe glorp plan holds.\n:::\n",
        "::::{tip}\n:name: glorp\n\nThe glorp plan holds.\n::::\n",
    ],
)
def test_a_myst_directives_options_are_no_text_of_its_box(body: str) -> None:
    """As Sphinx reads them: settings of the box, not words of its body."""
    result = render_body("Intro.\n\n" + body, [QuoteRequest("q", "The glorp plan holds.")])
    assert len(_boxes(result.html)) == 1 and "q" in result.found
    shown = BeautifulSoup(result.html, "lxml").get_text()
    assert ":class:" not in shown and ":name:" not in shown and ":open:" not in shown


def test_a_myst_fence_that_pairs_with_none_keeps_its_options_as_text() -> None:
    body = ":::{note}\n:class: dropdown\nNever closed.\n"
    shown = BeautifulSoup(render_body(body, []).html, "lxml").get_text()
    assert shown.split() == body.split()


def test_options_are_read_after_a_myst_fence_alone() -> None:
    body = "::: note\n:class: x\n:::\n"
    assert ":class: x" in BeautifulSoup(render_body(body, []).html, "lxml").get_text()


@pytest.mark.parametrize(
    ("body", "boxes", "line"),
    [
        ("```{note}\nThe glorp plan holds.\n```\n", [("note", "Note")], 1),
        (
            "```{admonition} Read this\n:class: tip\nThe glorp plan holds.\n```\n",
            [("", "Read this")],
            2,
        ),
        (
            "```{warning}\n---\nclass: x\n---\nThe glorp plan holds.\n```\n",
            [("warning", "Warning")],
            4,
        ),
        ("````{margin}\nThe glorp plan holds.\n````\n", [], 1),  # a container: its content
        ("::::{grid} 1 2 2 2\n:gutter: 2\nThe glorp plan holds.\n::::\n", [], 2),  # columns
        (
            "``````{tab-set}\n`````{tab-item} Glorp\nThe glorp plan holds.\n\n"
            "```python\nzelt = 1\n```\n`````\n``````\n",
            [("", "Glorp")],
            2,
        ),
        (
            "- ```{tip}\n  The glorp plan holds.\n\n  Zelt tea.\n  ```\n- Next.\n",
            [("tip", "Tip")],
            1,
        ),
    ],
)
def test_a_myst_directive_fenced_with_backticks_is_a_box_of_markdown(
    body: str, boxes: list[tuple[str, str]], line: int
) -> None:
    """As Sphinx and Jupyter Book read ```` ```{note} ````: Markdown in a box, not code, so a
    quote of its words is found."""
    result = render_body(body, [QuoteRequest("q", "The glorp plan holds.")])
    assert _boxes(result.html) == boxes
    assert result.found == {"q": line}
    page = BeautifulSoup(result.html, "lxml")
    assert [p.get_text() for p in page.select("pre")] == (["zelt = 1\n"] if "zelt" in body else [])
    assert "class:" not in page.get_text() and "{" not in page.get_text()


@pytest.mark.parametrize(
    "body",
    [
        "```{code-block} python\nglorp = 1\n```\n",  # code
        "```{note}\nNever closed: glorp.\n",  # code, as any fence left open
    ],
)
def test_other_directives_fenced_with_backticks_stay_code(body: str) -> None:
    assert BeautifulSoup(render_body(body, []).html, "lxml").select("pre")


@pytest.mark.parametrize(
    "body",
    [
        ":::{figure} https://example.org/glorp.png\n:alt: A glorp\nThe glorp plan holds.\n:::\n",
        "```{figure} https://example.org/glorp.png\n---\nalt: x\n---\nThe glorp plan holds.\n```\n",
        "````{image} https://example.org/glorp.png\n:alt: A glorp\n````\n\nThe glorp plan holds.\n",
    ],
)
def test_a_myst_figure_shows_its_image_and_caption(body: str) -> None:
    """Its argument is the image's address, no title; its content the caption."""
    result = render_body(body, [QuoteRequest("q", "The glorp plan holds.")])
    page = BeautifulSoup(result.html, "lxml")
    image = page.select_one("img")
    assert image is not None and image["src"] == "https://example.org/glorp.png"
    assert image["alt"] == ("A glorp" if ":alt:" in body else "")
    assert _boxes(result.html) == [] and "q" in result.found
    assert "example.org" not in page.get_text() and "alt" not in page.get_text()
