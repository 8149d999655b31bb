"""Ids on the built pages: a statement card's id belongs to one statement, and no page
holds an id twice."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import run_cli
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
