"""Tables written in HTML that start a line (``html_blocks``): rows of cells are a table, as
a browser shows them, with their cells' text read as a Markdown table's; anything more (a
caption, a table inside, text between cells) or a table never closed is read as before, its
tags left out and its text kept. Built, and read back from the page."""

from __future__ import annotations

from pathlib import Path

from conftest import build_one_article

BODY = """\
Speaker 6 listed the signals.

<table>
  <tr>
    <th>Constant</th>
    <th>Description</th>
  </tr>
  <tr>
    <td><code>SIGZELT</code></td>
    <td>Sent when the glorp plan stops, as a
    parent process exits.</td>
  </tr>
  <tr>
    <td><a href="missing.md">gone</a></td>
    <td>x &amp; y<br>on two lines
</table>

> <table><tr><td>quoted cell</td></tr></table>

<table><caption>A caption</caption><tr><td>captioned cell</td></tr></table>

<table><tr><td>open cell</td></tr>
never closed.
"""


def test_a_table_written_in_html_is_a_table(tmp_path: Path) -> None:
    front = (
        "title: Signals\ndate: 2024-01-01\nspeaker: Speaker 6\nquotes:\n"
        "  - text: the glorp plan stops, as a parent process exits\n    concepts: [zorvex]\n"
    )
    one = build_one_article(tmp_path, "2024-01-01-signals", front, BODY)
    source, built, body = one.source, one.built, one.body
    tables = body.find_all("table")
    assert [t.parent["class"] for t in tables] == [["table-scroll"], ["table-scroll"]]
    signals, quoted = tables
    assert [th.get_text() for th in signals.select("thead > tr > th")] == [
        "Constant",
        "Description",
    ]
    rows = [
        [" ".join(td.get_text().split()) for td in tr.find_all("td")]
        for tr in signals.select("tbody > tr")
    ]
    assert rows == [
        ["SIGZELT", "Sent when the glorp plan stops, as a parent process exits."],
        ["gone", "x & y on two lines"],
    ]
    assert signals.select_one("tbody td code").get_text() == "SIGZELT"
    assert signals.select_one("tbody td br") is not None
    marked = "".join(m.get_text() for m in signals.select("td mark.quote"))
    assert " ".join(marked.split()) == "the glorp plan stops, as a parent process exits"
    assert quoted.find_parent("blockquote") is not None
    assert quoted.get_text().strip() == "quoted cell"
    # More than rows of cells, or never closed: read as before, its text kept.
    text = " ".join(body.get_text().split())
    assert "A caption captioned cell" in text and "open cell never closed." in text
    assert "<table" not in text and "<td" not in text
    # A warning about a cell's link names the line and column of its address.
    lines = source.split("\n")
    row = next(i for i, line in enumerate(lines) if "missing.md" in line)
    at = f"{row + 1}:{lines[row].index('missing.md') + 1}: warning: link to"
    assert f"2024-01-01-signals.md:{at}" in built.stderr


HEADINGS = """\
<h1 align="center">Synthetic <b>Project</b></h1>

Speaker 6 said the glorp plan holds. [Back to the top](#synthetic-project).

<H4 align="center">
  Rapid glorp matching
</H4>

<h2 id="setup">Getting started</h2>

See [the first steps](#setup).

<h3>an unclosed heading

## A Markdown heading

<sup><em>With thanks to all who tested the glorp plan.</em></sup>

##
"""


def test_a_heading_written_in_html_is_a_heading(tmp_path: Path) -> None:
    """As a README writes its title (``<h1 align="center">``): in the outline, below the
    page's title, with a name that links find, and no level skipped; one never closed is
    text. A heading of no text (``##`` alone) is left out; a superscript of several words is
    small print a quote may hold."""
    front = (
        "title: Headings\ndate: 2024-01-02\nspeaker: Speaker 6\nquotes:\n"
        "  - text: Rapid glorp matching\n    concepts: [zorvex]\n"
        "  - text: thanks to all who tested the glorp plan\n    concepts: [zorvex]\n"
    )
    one = build_one_article(tmp_path, "2024-01-02-headings", front, HEADINGS)
    headings = [(h.name, h.get_text().strip()) for h in one.body.find_all(["h2", "h3", "h4"])]
    assert headings == [
        ("h2", "Synthetic Project"),
        ("h3", "Rapid glorp matching"),
        ("h2", "Getting started"),
        ("h2", "A Markdown heading"),
    ]
    named = one.body.find("h2", string="Getting started")
    assert named["id"] == "h:setup"  # the id its tag gives it
    assert one.body.find("a", string="the first steps")["href"] == "#h:setup"
    top = one.body.find("h2")
    assert top.find("strong").get_text() == "Project"
    link = one.body.find("a", string="Back to the top")
    assert link["href"] == f"#{top['id']}"
    assert one.body.select_one("h3 mark.quote") is not None
    assert "an unclosed heading" in one.body.get_text()
    assert "<h" not in one.body.get_text()
    assert "[link-unresolved]" not in one.built.stderr
    small = one.body.select_one("sup em mark.quote")
    assert small is not None and small.get_text() == "thanks to all who tested the glorp plan"


LISTS = """\
Speaker 6 listed the steps.

<ol start="3">
  <li>Brew the <b>zelt tea</b> cold</li>
  <li>Pour it when the glorp plan
  says so, and <a href="lost.md">log it</a></li>
  <li>Rest
</ol>

<ul>
  <li>outer <i>one</i>
    <ul><li>inner</li><li>inner two<ol><li>deep</li></ol></li></ul>
  </li>
  <li>outer two</li>
</ul>

<ul><li>alpha<ul><li>beta</li></ul>gamma</li></ul>
"""


def test_a_list_written_in_html_is_a_list(tmp_path: Path) -> None:
    """Items of ``<ul>``/``<ol>`` are a list's items (an ordered one keeps its start), read as
    a Markdown list's, lists inside them too; a list with text after a list inside an item
    is read as before, its text kept."""
    front = (
        "title: Steps\ndate: 2024-01-03\nspeaker: Speaker 6\nquotes:\n"
        "  - text: when the glorp plan says so\n    concepts: [zorvex]\n"
    )
    one = build_one_article(tmp_path, "2024-01-03-steps", front, LISTS)
    ordered = one.body.find("ol")
    assert ordered["start"] == "3"
    items = [" ".join(li.get_text().split()) for li in ordered.find_all("li")]
    assert items == [
        "Brew the zelt tea cold",
        "Pour it when the glorp plan says so, and log it",
        "Rest",
    ]
    assert ordered.find("strong").get_text() == "zelt tea"
    marked = "".join(m.get_text() for m in ordered.select("mark.quote"))
    assert " ".join(marked.split()) == "when the glorp plan says so"
    outer = one.body.find("ul")
    shape = [
        (" ".join(li.find(string=True, recursive=False).split()), li.parent.parent.name)
        for li in outer.find_all("li")
    ]
    assert shape == [
        ("outer", "div"),  # its text, then the list inside it
        ("inner", "li"),
        ("inner two", "li"),
        ("deep", "li"),
        ("outer two", "div"),
    ]
    assert outer.find("em").get_text() == "one"
    assert "alpha beta gamma" in " ".join(one.body.get_text().split())  # read as before
    assert len(one.body.find_all("ul")) == 2
    lines = one.source.split("\n")
    row = next(i for i, line in enumerate(lines) if "lost.md" in line)
    at = f"{row + 1}:{lines[row].index('lost.md') + 1}: warning: link to"
    assert f"2024-01-03-steps.md:{at}" in one.built.stderr


LANGUAGES = """\
<h2 lang="ar" dir="rtl" onclick="x()">مرحبا بالعالم</h2>

<p lang="fr" style="color: red">Speaker 6 dit oui</p> and <div lang="de" dir="ltr">Guten Tag</div>

<div lang="en&quot;x" dir="up">bad</div>, <p>plain</p>, <blockquote lang="la">ad hoc</blockquote>.

See <a href="https://example.org/" lang="fr" dir="ltr" hreflang="x">le site</a> and
<img src="../media/chat.png" alt="un chat" lang="fr" dir="LTR" class="x">.

<table lang="ja" class="x">
<tr><th lang="ja">漢字</th><th dir="rtl">b</th></tr>
<tr><td lang="he" dir="rtl" class="x">עברית</td><td>plain</td></tr>
</table>

<ol lang="fr" start="3" dir="sideways">
<li lang="de" dir="ltr" title="t">eins</li>
<li>deux</li>
</ol>
"""
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def test_blocks_links_and_images_keep_their_language_and_direction(tmp_path: Path) -> None:
    """A valid ``lang`` and ``dir`` of a heading, table, cell, list or item written in HTML,
    and of ``<a href>`` and ``<img>``, are written on the element we make of it (the
    editor's ``dir`` over the one found from its text); a ``<p>``, ``<div>`` or
    ``<blockquote>`` with them, whose tags are left out, becomes a span carrying them. Nothing
    else of the tag's is kept, and quotes are found inside and across such a span."""
    (tmp_path / "content" / "media").mkdir(parents=True)
    (tmp_path / "content" / "media" / "chat.png").write_bytes(PNG)
    front = (
        "title: Languages\ndate: 2024-03-01\nspeaker: Speaker 6\nquotes:\n"
        "  - text: مرحبا بالعالم\n    concepts: [glorp]\n"
        "  - text: dit oui and Guten\n    concepts: [glorp]\n"
    )
    one = build_one_article(tmp_path, "2024-03-01-languages", front, LANGUAGES)
    marked = ["h2", "span", "a", "img", "table", "th", "td", "ol", "li"]
    kept = ("lang", "dir")
    found = [
        (e.name, "".join(e.get_text().split()), {k: v for k, v in e.attrs.items() if k in kept})
        for e in one.body.find_all(marked)
    ]
    assert found == [
        ("h2", "مرحبابالعالم", {"lang": "ar", "dir": "rtl"}),
        ("span", "Speaker6ditoui", {"lang": "fr"}),
        ("span", "GutenTag", {"lang": "de", "dir": "ltr"}),
        ("span", "adhoc", {"lang": "la"}),
        ("a", "lesite", {"lang": "fr", "dir": "ltr"}),
        ("img", "", {"lang": "fr", "dir": "ltr"}),
        ("table", "漢字bעבריתplain", {"lang": "ja"}),
        ("th", "漢字", {"lang": "ja", "dir": "ltr"}),
        ("th", "b", {"dir": "rtl"}),
        ("td", "עברית", {"lang": "he", "dir": "rtl"}),
        ("td", "plain", {"dir": "ltr"}),
        ("ol", "einsdeux", {"lang": "fr", "dir": "ltr"}),
        ("li", "eins", {"lang": "de", "dir": "ltr"}),
        ("li", "deux", {"dir": "ltr"}),
    ]
    paragraphs = [" ".join(p.get_text().split()) for p in one.body.find_all("p")]
    assert paragraphs == [
        "Speaker 6 dit oui and Guten Tag",
        "bad , plain , ad hoc .",
        "See le site and .",
    ]
    marks = {m["data-quote"]: m for m in one.body.select("mark.quote[id]")}
    heading, across = (one.body.select(f'mark[data-quote="{q}"]') for q in marks)
    assert heading[0].find_parent("h2") is not None
    assert " ".join("".join(m.get_text() for m in across).split()) == "dit oui and Guten"
    assert across[0].find_parent("span", lang="fr") is not None
    assert across[-1].find_parent("span", lang="de") is not None
    source = str(one.body)
    for attribute in ("onclick", "style", "title=", 'class="x"', "hreflang", 'start="1"'):
        assert attribute not in source


SPANNING = """\
Zorp wimble first.

<div lang="ar" dir="rtl">

زلت بلورف نمر.

## عنوان زلت

- بند واحد
- بند اثنان

<div align="center">

فقرة وسطى.

</div>

</div>

<section lang="he" dir="ltr">
שלום glimmer, first line with opener.

second zelt paragraph שני
</section>

- <div lang="fr">

  dans l'item un

- item deux

</div>

Wimble after.
"""


def test_a_block_tag_over_several_paragraphs_gives_them_its_language_and_direction(
    tmp_path: Path,
) -> None:
    """``<div lang="ar" dir="rtl">``, a blank line, paragraphs, a blank line, ``</div>``: its
    tags are left out, and the blocks it holds (paragraphs, a heading, a list, those of a
    ``<div>`` of no language inside it) carry its language and direction, the editor's
    ``dir`` over the one found from the text; quotes inside are found and highlighted. A tag
    left open when the list item it starts in ends holds nothing after it."""
    front = (
        "title: Spanning\ndate: 2024-03-01\nspeaker: Speaker 6\nquotes:\n"
        "  - text: زلت بلورف\n    concepts: [glorp]\n"
        "  - text: first line with opener\n    concepts: [glorp]\n"
    )
    one = build_one_article(tmp_path, "2024-03-01-spanning", front, SPANNING)
    blocks = [
        (e.name, " ".join(e.get_text().split()), e.get("lang"), e.get("dir"))
        for e in one.body.find_all(["p", "h2", "ul"])
    ]
    assert blocks == [
        ("p", "Zorp wimble first.", None, "ltr"),
        ("p", "زلت بلورف نمر.", "ar", "rtl"),
        ("h2", "عنوان زلت", "ar", "rtl"),
        ("ul", "بند واحد بند اثنان", "ar", "rtl"),
        ("p", "فقرة وسطى.", "ar", "rtl"),
        ("p", "שלום glimmer, first line with opener.", "he", "ltr"),
        ("p", "second zelt paragraph שני", "he", "ltr"),
        ("ul", "dans l'item un item deux", None, "ltr"),
        ("p", "dans l'item un", None, "ltr"),
        ("p", "item deux", None, "ltr"),
        ("p", "Wimble after.", None, "ltr"),
    ]
    quoted = [" ".join(m.get_text().split()) for m in one.body.select("mark.quote")]
    assert quoted == ["زلت بلورف", "first line with opener"]
    assert one.body.find("div") is None  # the editor's tags are left out
