"""Statement cards: ``card_markup`` writes exactly what the shipped macro writes and keeps
none of them; a site whose templates change the card gets its own macro, whose cards are
memoised within ``MAX_CARDS``."""

from __future__ import annotations

import datetime as dt
import html
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from concordance import card_markup, cards, escaping, labels, macros, template_runtime, urls
from concordance.cards import CardMemo
from concordance.macros import MacroModules
from concordance.render import _base_absolute, _relative_to, environment
from concordance.views import Link, StatementView, isolated
from tests.conftest import REPO, copy_content, run_cli

TEMPLATES = REPO / "templates"
SITE_TITLE = 'Tom & Jerry\'s "<Concordance>"'
BASE_URL = "https://user.github.io/re po/?a&b"

texts = st.text(min_size=1, max_size=40)
optional = st.none() | texts
days = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
links = st.builds(Link, texts, texts.map(lambda t: f"concepts/{t}/"))
ENGLISH = labels.for_language("en")
# Languages whose labels, dates and plural forms differ from English's in every way a card
# shows: Russian's few/many, Arabic's six forms and right-to-left month names, Chinese dates.
LANGUAGES = ["en", "ru", "ar", "zh-Hans", "fr"]


@st.composite
def statements(draw: st.DrawFn) -> StatementView:
    said, slug = draw(days), draw(texts)
    return StatementView(
        article_slug=slug,
        # Quotes in scripts written without spaces carry their pairs of letters (search_terms).
        text=draw(texts | st.sampled_from(["格洛普计划进展顺利", "ผู้พูด & <แปด>", "a 表 b"])),
        quote_id=draw(texts),
        # The article's page is made of its slug, as ``card_markup._links`` takes it.
        article=draw(st.builds(Link, texts, st.just(f"articles/{slug}/"))),
        date=said,
        published=draw(st.just(said) | days),
        speaker=draw(st.none() | links),
        source=draw(optional),
        source_url=draw(optional),
        place=draw(optional),
        note=draw(optional),
        concepts=tuple(draw(st.lists(links, max_size=3))),
        lang=draw(st.sampled_from(["", "zh-Hans", "ar", 'x"<&'])),
        article_lang=draw(st.sampled_from(["", "en", "ar", 'x"<&'])),
    )


def native_cards(url: Callable[[str], str], words: labels.Labels) -> Callable[..., Markup]:
    """Cards from ``card_markup``, in the language of ``words``, on pages whose links
    ``url`` makes."""
    return partial(
        card_markup.statement_card,
        url=url,
        absolute=partial(urls.absolute, BASE_URL),
        site_title=SITE_TITLE,
        labels=words,
    )


def macro_cards(words: labels.Labels = ENGLISH) -> CardMemo:
    """Cards from the shipped macro itself, in the language of ``words``."""
    env = environment(TEMPLATES, words=words)
    absolute = partial(urls.absolute, BASE_URL)
    site = type("Site", (), {"title": SITE_TITLE})()
    cite = partial(card_markup.citation, labels=words, absolute=absolute, site_title=SITE_TITLE)
    page_globals = {"site": site, "absolute": absolute, "citation": cite}
    return CardMemo(MacroModules(env, page_globals), words, native=False)


EVERYTHING = StatementView(
    article_slug="a&b",
    text="He said \"<b>'no'</b>\" & left",
    quote_id="q-é",
    article=Link("An <i>article</i>", "articles/a b/"),
    date=dt.date(2024, 3, 1),
    published=dt.date(2024, 3, 9),
    speaker=Link("O'Brien & Co", "speakers/o-brien/"),
    source='The "Wire"',
    source_url="https://example.org/?a=1&b=<2>",
    place="Here",
    note="<aside>",
    concepts=(Link("x & y", "concepts/x-y/"), Link("新质生产力", "concepts/新质生产力/")),
    lang="zh-Hans",
    article_lang="en",
)


RIGHT_TO_LEFT = EVERYTHING._replace(
    text="قال المتحدث إن الخطة جيدة",
    speaker=Link("المتحدث ٧", "speakers/x/"),
    article=Link("מאמר", "articles/x/"),
    lang="ar",
)


@settings(max_examples=150, deadline=None)
@given(
    s=statements(),
    show_concepts=st.booleans(),
    filters=st.booleans(),
    depth=st.integers(0, 3),
    language=st.sampled_from(LANGUAGES),
)
@example(s=EVERYTHING, show_concepts=True, filters=True, depth=2, language="en")
@example(s=RIGHT_TO_LEFT, show_concepts=True, filters=False, depth=1, language="ar")
@example(s=EVERYTHING, show_concepts=False, filters=False, depth=0, language="ru")
def test_card_markup_writes_what_the_macro_writes(
    s: StatementView, show_concepts: bool, filters: bool, depth: int, language: str
) -> None:
    base = "../" * depth
    url = _relative_to(base)
    words = labels.for_language(language)
    macro = macro_cards(words).for_links(base, url)
    native = native_cards(url, words)
    expected = macro(s, show_concepts=show_concepts, filters=filters)
    assert native(s, show_concepts=show_concepts, filters=filters) == expected


def test_a_card_on_the_404_page_is_the_same_either_way() -> None:
    root = urls.base_path(BASE_URL)
    url = _base_absolute(root)
    macro = macro_cards().for_links(root, url)
    absolute = partial(urls.absolute, BASE_URL)
    native = card_markup.statement_card(EVERYTHING, url, absolute, SITE_TITLE, ENGLISH, True, True)
    assert native == macro(EVERYTHING, filters=True)


def test_templates_that_change_the_card_get_their_own_macro(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    macros_file = templates / "_macros.html"
    text = macros_file.read_text(encoding="utf-8")
    mark = '<article class="statement" id="{{ s.card_id }}">'
    assert mark in text
    macros_file.write_text(text.replace(mark, mark.replace(">", ' data-own="yes">')), "utf-8")
    assert "statement_card" not in macros.shipped(environment(templates))
    out = tmp_path / "site"
    result = run_cli(
        "build", "--content", str(content), "--out", str(out), "--no-search",
        "--templates", str(templates),
    )  # fmt: skip
    assert result.code == 0, result.stderr
    pages = [*out.glob("concepts/*/index.html"), *out.glob("speakers/*/index.html")]
    cards = [
        card
        for page in pages
        for card in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select(
            "article.statement"
        )
    ]
    assert cards, "the fixture site has statement cards"
    assert all(card.get("data-own") == "yes" for card in cards)


def test_shipped_cards_are_written_each_time_and_kept_nowhere() -> None:
    """A memo of cards written in microseconds cost tens of MB per render worker."""
    memo = macro_cards()
    native = CardMemo(memo.modules, ENGLISH, native=True)
    card = native.for_links("../../", _relative_to("../../"))
    first = card(EVERYTHING, filters=True)
    assert card(EVERYTHING, filters=True) == first
    assert native.made == {}


def test_macro_cards_are_memoised_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cards, "MAX_CARDS", 3)
    memo = macro_cards()
    card = memo.for_links("../../", _relative_to("../../"))
    first = card(EVERYTHING, filters=True)
    assert card(EVERYTHING, filters=True) is first
    assert card(EVERYTHING, filters=False) is not first
    for n in range(5):
        card(EVERYTHING._replace(quote_id=f"q-{n}"))
        assert 1 <= len(memo.made) <= 3


def test_a_citation_isolates_its_right_to_left_parts() -> None:
    """Pasted into a document, the citation keeps its order: each part written from right to
    left between isolating marks (U+2068, U+2069), a left-to-right one as it is."""
    html = card_markup.statement_card(
        RIGHT_TO_LEFT, _relative_to(""), partial(urls.absolute, BASE_URL), SITE_TITLE, ENGLISH
    )
    citation = BeautifulSoup(html, "lxml").select_one("button.copy-cite")["data-citation"]
    assert citation.startswith("\u2068المتحدث ٧\u2069, 1 March 2024: “\u2068قال المتحدث")
    assert 'In: \u2068מאמר\u2069, The "Wire", 9 March 2024.' in citation
    assert f"Via {SITE_TITLE}:" in citation


@given(st.text())
@example("<a href=\"x\" title='y'>&amp;</a>")
def test_cards_escape_text_as_jinja_does_with_markupsafe_s_private_escaping_or_without(
    text: str,
) -> None:
    from markupsafe import escape

    assert card_markup.escape_text(text) == str(escape(text))
    # A MarkupSafe without _escape_inner (2.x) gets the same bytes from its public escape.
    fallback = _escaping_without_private_modules()
    assert fallback(text) == str(escape(text))


def _escaping_without_private_modules() -> Callable[[str], str]:
    def no_module(name: str) -> object:
        raise ImportError(name)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(escaping.importlib, "import_module", no_module)
        found = escaping._escaping()
    assert found is not escaping.escape_text
    return found


@settings(max_examples=50, deadline=None)
@given(
    shown=st.lists(st.tuples(statements(), st.booleans(), st.booleans()), min_size=1, max_size=6),
    depth=st.integers(0, 3),
    language=st.sampled_from(LANGUAGES),
)
def test_cards_sharing_their_parts_are_the_cards_made_alone(
    shown: list[tuple[StatementView, bool, bool]], depth: int, language: str
) -> None:
    """The dates, chips, speaker links, article titles and citations' starts one card made
    are those the next card of the same pages shows (``card_markup.CardParts``): every card
    is the card made with nothing shared."""
    url, words = _relative_to("../" * depth), labels.for_language(language)
    card = native_cards(url, words)
    shared = card_markup.CardParts()
    for s, show_concepts, filters in shown + shown:
        alone = card(s, show_concepts=show_concepts, filters=filters)
        assert card(s, show_concepts=show_concepts, filters=filters, shared=shared) == alone
    chips = any(s.concepts and show_concepts for s, show_concepts, _ in shown)
    assert shared.dates and bool(shared.chips) == chips
    assert shared.sources and bool(shared.speakers) == any(s.speaker for s, _, _ in shown)
    assert set(shared.said) == {(s.speaker and s.speaker.title, s.date) for s, _, _ in shown}
    assert {key[0] for key in shared.cited} == {s.article.title for s, _, _ in shown}


def test_the_shipped_card_is_a_plain_callable_of_the_macros_arguments() -> None:
    """Templates call it at once (``template_runtime.PLAIN_CALLABLES``, and
    ``render.PlainCallContext``), and it writes what the macro writes; a partial of keywords
    merged them at each call."""
    url = _relative_to("../../")
    env = environment(TEMPLATES, words=ENGLISH)
    site = type("Site", (), {"title": SITE_TITLE})()
    page_globals = {"site": site, "absolute": partial(urls.absolute, BASE_URL)}
    card = CardMemo(MacroModules(env, page_globals), ENGLISH, native=True).for_links("../../", url)
    assert type(card) is card_markup.PageCards
    assert type(card) in template_runtime.PLAIN_CALLABLES
    macro = macro_cards().for_links("../../", url)
    for show_concepts, filters in ((True, True), (False, False)):
        expected = macro(EVERYTHING, show_concepts=show_concepts, filters=filters)
        assert card(EVERYTHING, show_concepts=show_concepts, filters=filters) == expected
        assert card(EVERYTHING, show_concepts, filters) == expected


OWN_CITATION = {
    "citation": "{link} [{said}] {quote}{note}{source} ({title}, {published}{original}) {zorp}",
    "citation_said": "{date}: {speaker}",
    "citation_note": " / {note} %s",
    "copy_citation": "Glorp & copy",
}
"""A site's own wording of a citation: its parts in another order, a name no card fills
(kept as written), a ``%`` and markup characters."""


def citation_by_labels(s: StatementView, words: labels.Labels) -> str:
    """A card's citation as its labels give it, each filled where it is needed."""
    date = isolated(words.date(s.date))
    said = date
    if s.speaker:
        said = words.filled("citation_said", {"speaker": isolated(s.speaker.title), "date": date})
    parts = {
        "said": said,
        "quote": isolated(s.text),
        "note": words.filled("citation_note", {"note": isolated(s.note)}) if s.note else "",
        "title": isolated(s.article.title),
        "source": words.filled("citation_source", {"source": isolated(s.source)})
        if s.source
        else "",
        "published": words.date(s.published),
        "original": f" {s.source_url}" if s.source_url else "",
        "site": isolated(SITE_TITLE),
        "link": urls.absolute(BASE_URL, s.target),
    }
    return words.filled("citation", parts)


@settings(max_examples=50, deadline=None)
@given(
    shown=st.lists(statements(), min_size=1, max_size=4),
    language=st.sampled_from(LANGUAGES),
    own=st.booleans(),
)
def test_the_cards_of_a_depth_fill_their_labels_made_ready_once(
    shown: list[StatementView], language: str, own: bool
) -> None:
    """The labels a card shows and its citation fills are looked up once for the cards of
    a depth (``card_markup.CardLabels``): each card still copies its citation as its
    labels give it, a site's own wording too."""
    words = labels.for_language(language, OWN_CITATION if own else None)
    shared = card_markup.CardParts()
    card = native_cards(_relative_to("../../"), words)
    for s in shown:
        html = card(s, shared=shared)
        button = BeautifulSoup(html, "html.parser").select_one("button.copy-cite")
        assert button is not None
        assert button["data-citation"] == citation_by_labels(s, words)
        assert button.get_text() == words.text("copy_citation")
    assert shared.words is not None and shared.words.labels is words


def cited_twice(shown: list[StatementView]) -> card_markup.CardParts:
    """The parts the cards of ``shown``, each shown twice, shared; each card's citation
    checked against its labels."""
    shared = card_markup.CardParts()
    card = native_cards(_relative_to("../../"), ENGLISH)
    for s in shown + shown:
        button = BeautifulSoup(card(s, shared=shared), "html.parser").select_one("button")
        assert button is not None
        assert button["data-citation"] == citation_by_labels(s, ENGLISH)
    return shared


def test_cards_sharing_a_speaker_or_a_day_cite_their_own_speaker_and_day() -> None:
    """A citation's start is kept by speaker and day (``CardParts.said``): cards sharing
    one of the two, or neither speaker, still cite who said theirs and when."""
    other_day, other_speaker = dt.date(2021, 5, 4), Link("Zelda", "speakers/zelda/")
    shown = [
        EVERYTHING,
        EVERYTHING._replace(quote_id="q2", date=other_day),
        EVERYTHING._replace(quote_id="q3", speaker=other_speaker),
        EVERYTHING._replace(quote_id="q4", speaker=None),
        EVERYTHING._replace(quote_id="q5", speaker=None, date=other_day),
    ]
    assert len(cited_twice(shown).said) == len(shown)


def test_cards_sharing_an_article_title_cite_their_own_source_and_publication() -> None:
    """What a citation takes from its article is kept by title, source, publication date
    and original (``CardParts.cited``): cards sharing some of these cite their own."""
    shown = [
        EVERYTHING,
        EVERYTHING._replace(quote_id="q2", source=None),
        EVERYTHING._replace(quote_id="q3", published=dt.date(2025, 1, 2)),
        EVERYTHING._replace(quote_id="q4", source_url=None),
        EVERYTHING._replace(quote_id="q5", article=Link("Other", "articles/a b/")),
    ]
    assert len(cited_twice(shown).cited) == len(shown)


LABEL_NAMES = [*card_markup.CARD_VALUES, "title", "source", "published", "original", "site"]


@given(
    pieces=st.lists(st.tuples(st.text(max_size=5), st.sampled_from([*LABEL_NAMES, "zorp"]))),
    end=st.text(max_size=5),
    values=st.fixed_dictionaries({name: st.text(max_size=6) for name in LABEL_NAMES}),
)
@example(pieces=[("", "link")], end="", values=dict.fromkeys(LABEL_NAMES, "<&>"))
@example(
    pieces=[("%s {", "quote"), ("}", "quote")], end="%", values=dict.fromkeys(LABEL_NAMES, "'")
)
def test_a_citation_frame_is_its_label_filled_then_escaped(
    pieces: list[tuple[str, str]], end: str, values: dict[str, str]
) -> None:
    """A card fills its own values into the citation filled beforehand with its article's
    and the site's (``card_markup.CitationFrame``), each escaped: the label as HTML
    (``Labels.html``) filled whole, whatever its order, repeated names, names of no value,
    ``%`` and braces; and it reads as the label filled, then escaped."""
    text = "".join(f"{text}{{{name}}}" for text, name in pieces) + end
    escaped = {name: escaping.escape_text(value) for name, value in values.items()}
    given = {name: escaped[name] for name in LABEL_NAMES if name not in card_markup.CARD_VALUES}
    frame = card_markup.citation_frame(labels._Form(escaping.escape_label(text)), given)
    filled = frame.filled(tuple(escaped[name] for name in card_markup.CARD_VALUES))
    assert filled == labels.Labels("en", {"zorp": text}, None).html("zorp", escaped)
    assert html.unescape(filled) == html.unescape(
        escaping.escape_text(labels._Form(text).fill(values))
    )
