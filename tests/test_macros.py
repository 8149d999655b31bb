"""The Python stand-ins for ``concept_links`` and ``timeline`` write exactly what the
shipped macros write; templates that change a macro, or import it the old way, get their
own macro; templates need not define a macro they never call, and a page that calls a
missing one gets a located error."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st

from concordance import chip_markup, labels, macros, render, timeline_markup, urls, views
from concordance.config import SiteConfig
from concordance.macros import MacroModules
from concordance.model import Slug, Statement
from concordance.render import _base_absolute, _relative_to, environment
from concordance.views import Bar, Link, Timeline
from tests.conftest import REPO, copy_content, run_cli, template_line

TEMPLATES = REPO / "templates"
BASE_URL = "https://user.github.io/re po/?a&b"

texts = st.text(min_size=1, max_size=30)
links = st.builds(
    Link, texts, texts.map(lambda t: f"concepts/{t}/"), st.integers(0, 3) | st.integers()
)
whole = st.integers(-5, 500)
numbers = st.floats(-10, 1000, allow_nan=False)
bars = st.builds(
    Bar,
    month=texts,
    label=texts,
    count=st.integers(0, 3) | st.integers(0, 10**6),
    x=whole,  # typed as ``views.timeline`` makes them: compiled, a float is written so
    y=numbers,
    w=whole,
    h=numbers,
    tick=st.just("") | texts,
)
timelines = st.builds(
    Timeline,
    width=st.integers(0, 5000),
    height=st.integers(0, 200),
    baseline=st.integers(0, 200),
    bars=st.lists(bars, max_size=6).map(tuple),
    summary=texts,
)
MARKUP = Link("x & <y> \"'z'\"", "concepts/a b&c/", 1)
LANGUAGES = ["en", "ru", "ar", "zh-Hans", "fr", "de-CH", "hi"]
"""Plural forms and month names unlike English's: Russian's few/many, Arabic's six forms;
digits grouped unlike English's: an apostrophe (escaped in HTML), India's groups of two."""


def macro(name: str, base: str, words: labels.Labels | None = None) -> macros.Macro:
    """The shipped macro itself, on pages at ``base``, in the language of ``words``."""
    url = _base_absolute(base) if base.startswith("/") else _relative_to(base)
    globals_ = {"site": None, "absolute": None}
    return MacroModules(environment(TEMPLATES, words=words), globals_).macro(base, url, name)


def test_every_shipped_macro_has_its_python_stand_in() -> None:
    env = environment(TEMPLATES)
    new = {name: macros.digest(macros.macro_source(env, name) or "") for name in macros.DIGESTS}
    assert macros.shipped(env) == set(macros.DIGESTS), (
        "a macro of templates/_macros.html changed: make its Python stand-in write the same "
        f"markup, then set macros.DIGESTS to {new}"
    )


@settings(max_examples=150, deadline=None)
@given(
    chips=st.lists(links, max_size=5),
    counts=st.booleans(),
    filter_=st.booleans(),
    base=st.sampled_from(["", "../", "../../../", urls.base_path(BASE_URL)]),
    language=st.sampled_from(LANGUAGES),
)
@example(
    chips=[MARKUP, Link("新质生产力", "concepts/新质生产力/", 2)],
    counts=True,
    filter_=True,
    base="",
    language="en",
)
def test_chip_markup_writes_what_the_macro_writes(
    chips: list[Link], counts: bool, filter_: bool, base: str, language: str
) -> None:
    url = _base_absolute(base) if base.startswith("/") else _relative_to(base)
    words = labels.for_language(language)
    expected = macro("concept_links", base, words)(chips, counts=counts, filter=filter_)
    assert chip_markup.concept_links(chips, counts, filter_, url=url, labels=words) == expected
    native = chip_markup.concept_links(chips, counts=counts, filter=filter_, url=url, labels=words)
    assert native == expected


REMEMBERED: dict[tuple[str, str], dict[chip_markup.ItemKey, str]] = {}
"""Items remembered across examples, per link base and language, as a render process keeps
them per link base: an item kept under too small a key shows up as a difference."""
few = st.sampled_from(["glorp", "zorp", "x & <y>"])
alike = st.builds(Link, few, few.map(lambda t: f"concepts/{t}/"), st.integers(0, 3))


@settings(max_examples=150, deadline=None)
@given(
    chips=st.lists(alike | links, max_size=6),
    counts=st.booleans(),
    filter_=st.booleans(),
    base=st.sampled_from(["", "../", "../../../", urls.base_path(BASE_URL)]),
    language=st.sampled_from(LANGUAGES),
)
def test_remembered_chip_items_write_what_the_macro_writes(
    chips: list[Link], counts: bool, filter_: bool, base: str, language: str
) -> None:
    """Links of a few titles and targets, each with other counts, on pages of every depth."""
    url = _base_absolute(base) if base.startswith("/") else _relative_to(base)
    words = labels.for_language(language)
    made = REMEMBERED.setdefault((base, language), {})
    native = chip_markup.concept_links(chips, counts, filter_, url=url, labels=words, made=made)
    assert native == macro("concept_links", base, words)(chips, counts=counts, filter=filter_)


def test_a_chip_item_is_made_once_per_link_base() -> None:
    """Every article page lists some ten concepts, most with a count of one or two: the
    pages at one depth share the items (a label filled, a number grouped, two values
    escaped for each)."""
    made: list[str] = []

    def url(target: str) -> str:
        made.append(target)
        return f"../../{target}"

    env, words = environment(TEMPLATES), labels.for_language("en")
    page_macros = macros.PageMacros(MacroModules(env, {}), macros.shipped(env), words)
    chips = [Link("glorp", "concepts/glorp/", 1), Link("zorp", "concepts/zorp/", 2)]
    recount = [Link("glorp", "concepts/glorp/", 2)]
    shown = [page_macros.concept_links("../../", url)(c) for c in (chips, chips, recount)]
    assert made == ["concepts/glorp/", "concepts/zorp/", "concepts/glorp/"]
    assert shown == [macro("concept_links", "../../", words)(c) for c in (chips, chips, recount)]


@settings(max_examples=150, deadline=None)
@given(t=timelines, language=st.sampled_from(LANGUAGES))
def test_timeline_markup_writes_what_the_macro_writes(t: Timeline, language: str) -> None:
    words = labels.for_language(language)
    assert timeline_markup.timeline(t, labels=words) == macro("timeline", "../../", words)(t)


@settings(max_examples=60, deadline=None)
@given(
    days=st.lists(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)), min_size=1),
    language=st.sampled_from(LANGUAGES),
)
def test_a_drawn_timeline_is_the_same_either_way(days: list[dt.date], language: str) -> None:
    # Statements, not stand-ins: compiled, ``views`` reads a statement's date by its place.
    said = tuple(Statement(Slug("a"), "q", day, (), None, 0) for day in sorted(days))
    words = labels.for_language(language)
    t = views.timeline(views.months(said), words)
    assert t is not None
    assert timeline_markup.timeline(t, labels=words) == macro("timeline", "../../", words)(t)


def build_with(templates: Path, tmp_path: Path, name: str) -> Path:
    content = copy_content("basic", tmp_path / f"{name}-content")
    out = tmp_path / name
    result = run_cli(
        "build", "--content", str(content), "--out", str(out), "--no-search",
        "--templates", str(templates),
    )  # fmt: skip
    assert result.code == 0, result.stderr
    return out


def copied_templates(tmp_path: Path) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    return templates


@pytest.mark.parametrize(
    ("name", "mark", "pages", "selector"),
    [
        ("concept_links", '<ul class="chip-list">', "articles/*/index.html", "aside ul.chip-list"),
        ("timeline", '<figure class="timeline">', "concepts/*/index.html", "figure.timeline"),
    ],
)
def test_templates_that_change_a_macro_get_their_own(
    tmp_path: Path, name: str, mark: str, pages: str, selector: str
) -> None:
    templates = copied_templates(tmp_path)
    file = templates / "_macros.html"
    source = macros.macro_source(environment(templates), name)
    assert source is not None and mark in source
    text = file.read_text(encoding="utf-8")
    changed = source.replace(mark, mark.replace(">", ' data-own="yes">'))
    file.write_text(text.replace(source, changed), encoding="utf-8")
    assert macros.shipped(environment(templates)) == set(macros.DIGESTS) - {name}
    out = build_with(templates, tmp_path, "site")
    found = [
        element
        for page in out.glob(pages)
        for element in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select(selector)
    ]
    assert found, f"the fixture site shows {selector}"
    assert all(element.get("data-own") == "yes" for element in found)


def test_templates_that_import_the_macros_give_the_same_site(tmp_path: Path) -> None:
    """Templates written before the macros became page globals import them from
    ``_macros.html``; the import wins over the global, and the pages are the same."""
    templates = copied_templates(tmp_path)
    imports = {
        "article.html": "concept_links",
        "home.html": "concept_links",
        "concept.html": "concept_links, timeline",
    }
    for page, names in imports.items():
        file = templates / page
        line = f'{{% from "_macros.html" import {names} with context %}}\n'
        head, _, rest = file.read_text(encoding="utf-8").partition("\n")
        file.write_text(f"{head}\n{line}{rest}", encoding="utf-8")
    ours = build_with(TEMPLATES, tmp_path, "ours")
    theirs = build_with(templates, tmp_path, "theirs")
    files = sorted(p.relative_to(ours) for p in ours.rglob("*.html"))
    assert files == sorted(p.relative_to(theirs) for p in theirs.rglob("*.html"))
    for file in files:
        assert (theirs / file).read_bytes() == (ours / file).read_bytes(), file


def without_macro(templates: Path, name: str) -> None:
    file = templates / "_macros.html"
    source = macros.macro_source(environment(templates), name)
    assert source is not None
    file.write_text(file.read_text(encoding="utf-8").replace(source, ""), encoding="utf-8")


def test_templates_need_not_define_the_macros_they_never_call(tmp_path: Path) -> None:
    templates = copied_templates(tmp_path)
    for name in ("concept_links", "timeline"):
        without_macro(templates, name)
    for page in ("article.html", "home.html", "concept.html"):
        file = templates / page
        text = file.read_text(encoding="utf-8")
        text = re.sub(r"\{\{ (concept_links|timeline)\([^)]*\) \}\}", "", text)
        assert "concept_links(" not in text and "timeline(" not in text
        file.write_text(text, encoding="utf-8")
    out = build_with(templates, tmp_path, "site")
    page = next(out.glob("articles/*/index.html")).read_text(encoding="utf-8")
    assert 'class="chip-list"' not in BeautifulSoup(page, "lxml").select_one("aside").decode()


@pytest.mark.parametrize("relative", [False, True], ids=["absolute", "relative"])
def test_a_page_calling_a_macro_that_is_gone_is_a_located_error(
    tmp_path: Path, relative: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = copied_templates(tmp_path)
    without_macro(templates, "concept_links")
    content = copy_content("basic", tmp_path / "content")
    if relative:  # --templates as an editor types it, from the site's folder
        monkeypatch.chdir(tmp_path)
        templates = Path("templates")
    result = run_cli(
        "build", "--content", str(content), "--out", str(tmp_path / "site"), "--no-search",
        "--templates", str(templates),
    )  # fmt: skip
    assert result.code == 1
    assert "Traceback" not in result.stderr
    assert "[template-error]" in result.stderr and "'concept_links' is undefined" in result.stderr
    assert not (tmp_path / "site").exists()
    assert "concept_links(" in template_line(result.stderr), "placed where the page calls it"


def test_the_pages_of_a_link_base_share_the_globals_made_with_its_links() -> None:
    """``url`` and the macros made with it are made once per link base: each base gets
    its own, and the 404 page's (links from the base path) are not those of the root."""
    config = SiteConfig(base_url="https://user.github.io/repo/")
    made = render.renderer(config, TEMPLATES)
    deep, root = made._at_base("../../"), made._at_base("")
    absolute = made._at_base("/repo/", absolute=True)
    assert made._at_base("../../") is deep
    assert deep["url"]("concepts/x/") == "../../concepts/x/"
    assert root["url"]("concepts/x/") == "concepts/x/"
    assert absolute["url"]("concepts/x/") == "/repo/concepts/x/"
    assert deep["statement_card"] is not root["statement_card"]
    assert made._at_base("/repo/") is not absolute
