"""Ids on the built pages: a quote's anchor never shares its page with an id the templates
write, a statement card's id belongs to one statement, and no page holds an id twice."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import REPO, run_cli
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sitecheck import page_url, soup, target_file

from concordance.urls import slugify
from concordance.validate import quote_id
from concordance.views import CARD_ID_SEPARATOR, Link, StatementView


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def article(content: Path, stem: str, quotes: list[tuple[str, str]], speaker: str = "") -> None:
    """An article whose quotes (text, id) all support concept 'zelt'; the n-th id (from 0)
    is on line 8 + 4 * n, column 9."""
    entries = "".join(
        f"  - text: {text}\n    concepts: [zelt]\n    speaker: Speaker 7\n    id: {qid}\n"
        for text, qid in quotes
    )
    top = f"speaker: {speaker}\n" if speaker else ""
    body = " ".join(f"{text}." for text, _ in quotes)
    write(
        content / "articles" / f"{stem}.md",
        f"---\ntitle: {stem}\ndate: 2024-01-01\nquotes:\n{entries}{top}---\n{body}\n",
    )


def build(content: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search", *extra)
    return result.code, result.stderr


def test_cards_of_two_statements_never_share_an_id(tmp_path: Path) -> None:
    content, out = tmp_path / "content", tmp_path / "site"
    # 'a' + 'b-c' and 'a-b' + 'c': one card id when a dash joined slug and quote id.
    article(content, "2024-01-01-a", [("glorp one", "b-c")])
    article(content, "2024-01-01-a-b", [("glorp two", "c")])
    assert build(content, out)[0] == 0
    for page in (out / "concepts" / "zelt", out / "speakers" / "speaker-7"):
        cards = soup(page / "index.html").select("article.statement")
        assert len(cards) == 2
        assert len({card["id"] for card in cards}) == 2
        passages = set()
        for card in cards:
            # Each permalink leads to its own card, each passage to its own quote.
            assert card.select_one("a.permalink")["href"] == "#" + card["id"]
            passages.add(card.select_one("a.passage")["href"])
        assert passages == {"../../articles/2024-01-01-a/#b-c", "../../articles/2024-01-01-a-b/#c"}
    export = json.loads((out / "data" / "concordance.json").read_text(encoding="utf-8"))
    ids = [q["id"] for q in export["quotes"]]
    assert sorted(ids) == ["2024-01-01-a#b-c", "2024-01-01-a-b#c"]


def statement(article_slug: str, anchor: str) -> StatementView:
    day = dt.date(2024, 1, 1)
    source = Link("A", f"articles/{article_slug}/")
    return StatementView(
        article_slug, "t", anchor, source, day, day, None, None, None, None, None, ()
    )


QUOTE_IDS = st.one_of(
    st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,63}", fullmatch=True),  # an editor's own
    st.text(min_size=1).map(quote_id),  # the default
    st.builds(lambda q, n: f"{quote_id(q)}-{n}", st.text(), st.integers(2, 9)),  # a repeat's
)


@settings(max_examples=300)
@given(st.text(), QUOTE_IDS, st.text(), QUOTE_IDS)
@example("2024-01-01-a", "b-c", "2024-01-01-a-b", "c")
@example("a_b", "c", "a", "b_c")
def test_a_card_id_is_one_statements_alone(
    name: str, anchor: str, other: str, other_id: str
) -> None:
    """The card id gives back its article slug and quote id (up to the first separator, and
    after it), so two statements get one id only when they are the same statement."""
    slug = slugify(name)
    card = statement(slug, anchor).card_id
    assert CARD_ID_SEPARATOR not in slug
    assert card.removeprefix("s-").partition(CARD_ID_SEPARATOR)[::2] == (slug, anchor)
    same = statement(slugify(other), other_id).card_id == card
    assert same == ((slugify(other), other_id) == (slug, anchor))


FIXED_IDS = ["main", "statements", "timeline", "connections", "topic-articles", "latest"]


def test_no_page_holds_an_id_twice_whatever_the_names(tmp_path: Path) -> None:
    """Concepts, speakers, articles and quote ids named like the ids the templates write
    (and like the A-Z page's initials): every id on every page is there once, and every
    link within a page leads to one element."""
    content, out = tmp_path / "content", tmp_path / "site"
    names = [*FIXED_IDS, "initial-1", "timeline-title", "s-2024-01-01-statements"]
    for n, name in enumerate(names):
        write(content / "concepts" / f"{name}.md", f"---\ntitle: {name}\n---\nDefined.\n")
        quotes = [(f"glorp {n} one", f"{name}_x"), (f"glorp {n} two", "s-2024-01-01-main")]
        article(content, f"2024-01-0{1 + n % 9}-{name}", quotes, speaker=name)
        entries = "\n".join(
            f"  - text: zelt {n} {m}\n    concepts: [{c}]" for m, c in enumerate(names)
        )
        body = " ".join(f"zelt {n} {m}." for m in range(len(names)))
        write(
            content / "articles" / f"2023-0{1 + n % 9}-01-{name}.md",
            f"---\ntitle: T\ndate: 2023-01-01\nspeaker: {name}\nquotes:\n{entries}\n---\n{body}\n",
        )
    # A slug and a quote id that, joined by a dash, give another pair's.
    article(content, "2022-01-01-glorp", [("glorp a", "main-x")])
    article(content, "2022-01-01-glorp-main", [("glorp b", "x")])
    code, stderr = build(content, out)
    assert code == 0, stderr
    pages = {page: soup(page) for page in sorted(out.rglob("*.html"))}
    assert len(pages) > 3 * len(names)
    ids = {page: Counter(e["id"] for e in tree.find_all(id=True)) for page, tree in pages.items()}
    for page, tree in pages.items():
        assert [i for i, count in ids[page].items() if count > 1] == [], page
        here = "http://test.invalid" + page_url(out, page, "/")
        for link in tree.select("a[href]"):
            url = urlsplit(urljoin(here, link["href"]))
            target = target_file(out, url.path, "/")
            if url.fragment and target in ids:
                assert ids[target][unquote(url.fragment)] == 1, (page, link["href"])


def diagnostics(content: Path, code: str) -> list[tuple[str, int, int, str]]:
    result = run_cli("check", "--content", str(content), "--format", "json")
    found = json.loads(result.stdout)["diagnostics"]
    return [(d["path"], d["line"], d["column"], d["message"]) for d in found if d["code"] == code]


def elements_with_id(page: Path, value: str) -> list[str]:
    """The tag names of the elements of ``page`` whose id is ``value``."""
    return [e.name for e in soup(page).find_all(id=value)]


@pytest.mark.parametrize(
    ("taken", "template"),
    [("main", "base.html"), ("supports", "article.html"), ("statement-list", "article.html")],
)
def test_a_quote_id_the_article_page_uses_is_an_error_at_the_id(
    tmp_path: Path, taken: str, template: str
) -> None:
    content, out = tmp_path / "content", tmp_path / "site"
    article(content, "2024-01-01-a", [("glorp one", "glorp-one"), ("glorp two", "glorp-two")])
    assert build(content, out)[0] == 0
    page = out / "articles" / "2024-01-01-a" / "index.html"
    assert elements_with_id(page, "glorp-two") == ["mark"]
    before = page.read_bytes()

    article(content, "2024-01-01-a", [("glorp one", "glorp-one"), ("glorp two", taken)])
    code, stderr = build(content, out)
    assert code == 1, stderr
    assert page.read_bytes() == before  # the site is left as it was
    path = str(content / "articles" / "2024-01-01-a.md")
    [(where, line, column, message)] = diagnostics(content, "quote-id-reserved")
    assert (where, line, column) == (path, 12, 9)  # the second quote's id value
    assert f"'{taken}'" in message and f"template {template} (line " in message
    # The line named is the one that writes the id.
    named = int(re.search(r"\(line (\d+)\)", message)[1])  # type: ignore[index]
    assert f'id="{taken}"' in (REPO / "templates" / template).read_text().splitlines()[named - 1]


def custom_templates(tmp_path: Path) -> Path:
    """The shipped templates with the aside's ``statement-list`` renamed ``glorp-index``,
    and a ``concept_links`` macro of their own that writes the id ``zelt-chips``."""
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    page = templates / "article.html"
    page.write_text(page.read_text().replace("statement-list", "glorp-index"), encoding="utf-8")
    macros = templates / "_macros.html"
    chips = '<ul class="chip-list">\n{% for c in links %}'
    assert chips in macros.read_text()
    macros.write_text(
        macros.read_text().replace(chips, chips.replace("<ul ", '<ul id="zelt-chips" '), 1),
        encoding="utf-8",
    )
    return templates


def test_reserved_ids_are_those_of_the_templates_in_use(tmp_path: Path) -> None:
    content, out, templates = tmp_path / "content", tmp_path / "site", custom_templates(tmp_path)
    # Free in these templates: the anchor is the quote's, alone, and links reach it.
    article(content, "2024-01-01-a", [("glorp one", "statement-list")])
    code, stderr = build(content, out, "--templates", str(templates))
    assert code == 0, stderr
    page = out / "articles" / "2024-01-01-a" / "index.html"
    assert elements_with_id(page, "statement-list") == ["mark"]
    card = soup(out / "concepts" / "zelt" / "index.html").select_one("article.statement")
    assert card is not None
    assert card.select_one("a.passage")["href"].endswith("2024-01-01-a/#statement-list")
    # Taken in these templates, though not in the shipped ones: the page's own and the
    # macro's that the page calls.
    for taken, template in [("glorp-index", "article.html"), ("zelt-chips", "_macros.html")]:
        article(content, "2024-01-01-a", [("glorp one", taken)])
        code, stderr = build(content, out, "--templates", str(templates))
        assert code == 1
        assert f"2024-01-01-a.md:8:9: error: quote id '{taken}'" in stderr
        assert f"template {template} (line " in stderr
        assert build(content, tmp_path / f"shipped-{taken}")[0] == 0
        # check reads the same templates.
        with_these = run_cli("check", "--content", str(content), "--templates", str(templates))
        assert with_these.code == 1 and "[quote-id-reserved]" in with_these.stderr
        assert run_cli("check", "--content", str(content)).code == 0
