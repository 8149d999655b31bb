"""Incremental builds (cache + spare tree) give byte-for-byte the site a clean build gives.

Content comes from the benchmark's synthetic generator (generated words, "Speaker N"), so
quotes verify and concepts have aliases to edit. Each test builds into tmp_path.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import platform
import random
import re
import shutil
import stat
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bench.gen_corpus import generate
from concordance import cache, inputs, parallel, pipeline, render, runner, write
from concordance.digests import file_digest
from concordance.emit import feeds as emit_feeds
from concordance.pages import Page, page_digest
from concordance.validate import quote_id
from tests.conftest import FIXTURES, REPO, CliRun, copy_content, run_cli, template_line


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def run_build(content: Path, out: Path, templates: Path, *extra: str) -> CliRun:
    return run_cli(
        "build",
        "--content",
        str(content),
        "--out",
        str(out),
        "--no-search",
        "--templates",
        str(templates),
        *extra,
    )


def build(content: Path, out: Path, templates: Path, *extra: str) -> None:
    result = run_build(content, out, templates, "--quiet", *extra)
    assert result.code == 0, result.stderr


def clean_build(content: Path, templates: Path, scratch: Path) -> dict[str, bytes]:
    out = scratch / "clean" / "site"
    if out.parent.exists():
        shutil.rmtree(out.parent)
    build(content, out, templates, "--clean")
    return tree(out)


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    content = tmp_path / "content"
    generate(20, 7, content)
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    return content, templates


def edit_article_body(content: Path, rng: random.Random) -> None:
    file = rng.choice(sorted((content / "articles").glob("*.md")))
    text = file.read_text(encoding="utf-8").rstrip("\n")
    file.write_text(text[:-1] + f" zedit{rng.randrange(1000)}.\n", encoding="utf-8")


def edit_quote_text(content: Path, rng: random.Random) -> None:
    """Drop a quote's first word: still verbatim in the body, but a new quote (new id)."""
    file = rng.choice(sorted((content / "articles").glob("*.md")))
    lines = file.read_text(encoding="utf-8").split("\n")
    quotes = [i for i, line in enumerate(lines) if re.match(r"\s*- text: \S+ \S+ \S+", line)]
    i = rng.choice(quotes)
    prefix, _, words = lines[i].partition("- text: ")
    words = words.strip('"').split(" ", 1)[1]
    lines[i] = f'{prefix}- text: "{words}"'
    file.write_text("\n".join(lines), encoding="utf-8")


def edit_concept_alias(content: Path, rng: random.Random) -> None:
    file = rng.choice(sorted((content / "concepts").glob("*.md")))
    edit_alias_to(file, f"zalias {rng.randrange(10_000)}")


def edit_template(templates: Path, rng: random.Random) -> None:
    file = templates / rng.choice(["article.html", "concept.html", "base.html"])
    file.write_text(
        file.read_text(encoding="utf-8") + f"<!-- edit {rng.randrange(1000)} -->\n",
        encoding="utf-8",
    )


def edit_article_opening(content: Path, rng: random.Random) -> None:
    """A new first word: the summary (first paragraph) changes, which feeds and lists show."""
    file = rng.choice(sorted((content / "articles").glob("*.md")))
    head, sep, body = file.read_text(encoding="utf-8").partition("\n---\n")
    file.write_text(f"{head}{sep}Zopen{rng.randrange(1000)} {body}", encoding="utf-8")


def edit_article_title(content: Path, rng: random.Random) -> None:
    """Cards, lists, feeds and the exports show an article's title."""
    file = rng.choice(sorted((content / "articles").glob("*.md")))
    text = file.read_text(encoding="utf-8")
    file.write_text(
        text.replace('\ntitle: "', f'\ntitle: "Ztitle{rng.randrange(1000)} ', 1), "utf-8"
    )


def edit_speaker(content: Path, rng: random.Random) -> None:
    """A quote said by someone else: two speakers' pages and every card of the quote."""
    who = f"speaker: Speaker {rng.randrange(100, 110)}"
    _edit_a_line(content, rng, r"\s*speaker: ", lambda line: re.sub(r"speaker: .*", who, line))


def edit_quote_concepts(content: Path, rng: random.Random) -> None:
    """A quote loses one of its concepts: counts, co-occurrence and both concepts' pages."""
    tagged = r"\s+concepts: \[[^\]]*,"
    _edit_a_line(content, rng, tagged, lambda line: re.sub(r", [^,\]]*\]", "]", line))


def _edit_a_line(
    content: Path, rng: random.Random, pattern: str, change: Callable[[str], str]
) -> None:
    """``change`` one line matching ``pattern`` of an article, if it has one."""
    file = rng.choice(sorted((content / "articles").glob("*.md")))
    lines = file.read_text(encoding="utf-8").split("\n")
    found = [i for i, line in enumerate(lines) if re.match(pattern, line)]
    if found:
        i = rng.choice(found)
        lines[i] = change(lines[i])
        file.write_text("\n".join(lines), encoding="utf-8")


def edit_concept_title(content: Path, rng: random.Random) -> None:
    """A concept renamed (its old name kept as an alias, so references still resolve)."""
    file = rng.choice(sorted((content / "concepts").glob("*.md")))
    text = file.read_text(encoding="utf-8")
    old = re.search(r"^title: (.*)$", text, re.MULTILINE)
    if old is None:
        return
    title = f"zconcept {rng.randrange(10_000)}"
    text = text.replace(old.group(0), f"title: {title}", 1)
    file.write_text(text, encoding="utf-8")
    edit_alias_to(file, old.group(1).strip())


def edit_concept_title_case(content: Path, rng: random.Random) -> None:
    """The same concept (slug and name key unchanged), shown with other capitals everywhere."""
    file = rng.choice(sorted((content / "concepts").glob("*.md")))
    text = file.read_text(encoding="utf-8")
    text = re.sub(r"^title: (.*)$", lambda m: f"title: {m[1].upper()}", text, flags=re.M, count=1)
    file.write_text(text, encoding="utf-8")


def edit_speaker_spelling(content: Path, rng: random.Random) -> None:
    """The first article (by path) to name a speaker spells the name shown everywhere: a new
    article with no quotes respells the speaker named most, on pages it has no statement on."""
    files = sorted((content / "articles").glob("*.md"))
    named = [set(re.findall(r"speaker: (.+)", f.read_text(encoding="utf-8"))) for f in files]
    counts = Counter(name for names in named for name in names)
    name = max(sorted(counts), key=lambda n: counts[n])
    spelled = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in name)
    text = f"---\ntitle: A note\ndate: 2015-01-01\nspeaker: {spelled}\n---\nNo quotes here.\n"
    (content / "articles" / "0000-respelled.md").write_text(text, encoding="utf-8")


def edit_alias_to(file: Path, alias: str) -> None:
    text = file.read_text(encoding="utf-8")
    if re.search(r"^aliases: \[", text, re.MULTILINE):
        text = re.sub(r"^aliases: \[", f"aliases: [{alias}, ", text, count=1, flags=re.MULTILINE)
    else:
        text = text.replace("\n---", f"\naliases: [{alias}]\n---", 1)
    file.write_text(text, encoding="utf-8")


def edit_link_article(content: Path, rng: random.Random) -> None:
    """A paragraph linking another article's file at one of its quotes, and a concept's
    file: the page then changes with those files' pages (and their quotes' ids)."""
    article, other = rng.sample(sorted((content / "articles").glob("*.md")), 2)
    concept = rng.choice(sorted((content / "concepts").glob("*.md")))
    quotes = yaml.safe_load(other.read_text(encoding="utf-8").split("---")[1])["quotes"]
    anchor = quote_id(rng.choice(quotes)["text"])
    text = article.read_text(encoding="utf-8")
    link = f"See [that]({other.name}#{anchor}) and [this](../concepts/{concept.name})."
    article.write_text(f"{text}\n{link}\n", encoding="utf-8")


def edit_link_by_name(content: Path, rng: random.Random) -> None:
    """A paragraph linking a concept by its title and an article by its file's name: the
    page then changes with their pages, and with the names that find them."""
    article, other = rng.sample(sorted((content / "articles").glob("*.md")), 2)
    concept = rng.choice(sorted((content / "concepts").glob("*.md")))
    title = yaml.safe_load(concept.read_text(encoding="utf-8").split("---")[1])["title"]
    text = article.read_text(encoding="utf-8")
    link = f"See [[{title}]] and [[{other.stem}|that]]."
    article.write_text(f"{text}\n{link}\n", encoding="utf-8")


def edit_article_language(content: Path, rng: random.Random) -> None:
    """An article said to be in another language: its page, and its quotes' cards."""
    file = rng.choice(sorted((content / "articles").glob("*.md")))
    line = f"language: {rng.choice(['fr', 'zh-Hans', 'ar'])}\n"
    text = re.sub(r"^language: .*\n", "", file.read_text(encoding="utf-8"), flags=re.M)
    file.write_text(text.replace("\ntitle: ", f"\n{line}title: ", 1), encoding="utf-8")


def remove_article(content: Path, rng: random.Random) -> None:
    rng.choice(sorted((content / "articles").glob("*.md"))).unlink()


EDITS = [
    edit_article_body,
    edit_article_body,
    edit_article_opening,
    edit_quote_text,
    edit_concept_alias,
    edit_article_title,
    edit_speaker,
    edit_quote_concepts,
    edit_concept_title,
    edit_concept_title_case,
    edit_speaker_spelling,
    edit_link_article,
    edit_link_article,
    edit_link_by_name,
    edit_link_by_name,
    edit_article_language,
    remove_article,
]


@pytest.mark.parametrize("edit", sorted(set(EDITS), key=lambda e: e.__name__))
def test_each_kind_of_edit_matches_a_clean_build(
    corpus: tuple[Path, Path], tmp_path: Path, edit: Callable[[Path, random.Random], None]
) -> None:
    """Every kind of edit at least once, after a full rebuild has made both trees."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    edit_article_opening(content, random.Random(0))
    build(content, out, templates)
    for seed in range(2):
        edit(content, random.Random(seed))
        build(content, out, templates)
        assert tree(out) == clean_build(content, templates, tmp_path), (edit.__name__, seed)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edit_sequences_match_a_clean_build(
    corpus: tuple[Path, Path], tmp_path: Path, seed: int
) -> None:
    content, templates = corpus
    out = tmp_path / "site"
    rng = random.Random(seed)
    build(content, out, templates)
    for _ in range(8):
        edit = rng.choice([*EDITS, edit_template])
        if edit is edit_template:
            edit_template(templates, rng)
        else:
            edit(content, rng)
        build(content, out, templates)
        assert tree(out) == clean_build(content, templates, tmp_path), edit.__name__


def test_pool_and_incremental_match_a_clean_build(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Force the worker pool on this small corpus: its pages must equal the serial ones."""
    content, templates = corpus
    serial = clean_build(content, templates, tmp_path)
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    monkeypatch.setattr(parallel, "CHUNK", 3)
    monkeypatch.setattr(parallel, "CHUNK_SHOWS", 5)  # concept and speaker pages cut chunks
    out = tmp_path / "site"
    build(content, out, templates, "--jobs", "2")
    assert tree(out) == serial
    edit_article_body(content, random.Random(3))
    build(content, out, templates, "--jobs", "2")
    monkeypatch.undo()
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_a_rebuild_keeps_the_mtime_of_the_search_index_files_it_leaves_unchanged(
    tmp_path: Path,
) -> None:
    """Pagefind writes its whole folder anew at every build: each file of ``pagefind/`` got a
    new mtime though most hold the bytes of the build before (its scripts, the index of the
    pages not edited), so a deploy uploaded them again and a browser fetched them again."""
    content = copy_content("basic", tmp_path)
    out = tmp_path / "site"
    search = ("build", "--content", str(content), "--out", str(out), "--quiet")
    assert run_cli(*search).code == 0
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    concept = content / "concepts" / "growth.md"
    for word in ("zorvat", "quelmir"):  # into a new tree, then into the spare one
        concept.write_text(concept.read_text("utf-8") + f"\nA {word} line.\n", "utf-8")
        assert run_cli(*search).code == 0
        after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
        same = [p for p in after if p in before and before[p][0] == after[p][0]]
        assert out / "pagefind" / "pagefind.js" in same
        assert [p for p in same if before[p][1] != after[p][1]] == []
        assert [p for p in after if p not in same]  # the concept's page, its search fragment
        before = after


def test_unchanged_pages_are_not_rewritten(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    build(content, out, templates)  # both trees now exist: the next build reuses the spare
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    edit_article_body(content, random.Random(5))
    build(content, out, templates)
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    changed = {p.relative_to(out).as_posix() for p in after if after[p] != before.get(p)}
    assert changed, "the edited article's page must be rewritten"
    assert len(changed) < len(after) // 2, sorted(changed)
    assert "static/style.css" not in changed
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_a_page_changed_back_is_newer_than_the_page_it_replaces(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """An edit undone (site title A, then B, then A): the spare tree still holds A's pages
    with A's mtime, but they replace B's, so they must be newer than B's. Kept as they were,
    a server answering If-Modified-Since would tell a browser holding B it is up to date."""
    content, templates = corpus
    out = tmp_path / "site"
    settings = content / "site.yaml"
    first = settings.read_text(encoding="utf-8")
    build(content, out, templates)
    settings.write_text(first.replace("title: ", "title: Zother ", 1), encoding="utf-8")
    build(content, out, templates)
    other = tree(out)
    shown = {path: (out / path).stat().st_mtime_ns for path in other}
    settings.write_text(first, encoding="utf-8")
    build(content, out, templates)
    back = tree(out)
    changed = [path for path in back if path in other and back[path] != other[path]]
    assert "index.html" in changed
    older = [path for path in changed if (out / path).stat().st_mtime_ns <= shown[path]]
    assert older == []
    assert back == clean_build(content, templates, tmp_path)


@pytest.mark.python_source
def test_a_page_changed_back_after_a_build_killed_at_its_swap_is_newer(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build killed just after it swapped its tree in, before it noted what the tree
    holds: the next build must still know the live pages, or the spare tree's older copy
    of a page changed back goes in with its older mtime."""
    content, templates = corpus
    out = tmp_path / "site"
    settings = content / "site.yaml"
    first = settings.read_text(encoding="utf-8")
    build(content, out, templates)
    concepts = templates / "concepts.html"  # a full rebuild: the spare holds the first site
    concepts.write_text(concepts.read_text(encoding="utf-8") + "<!-- z -->\n", "utf-8")
    build(content, out, templates)
    settings.write_text(first.replace("title: ", "title: Zother ", 1), encoding="utf-8")
    swap = write.swap_into_place

    def swap_then_die(staging: Path, live: Path) -> None:
        swap(staging, live)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write, "swap_into_place", swap_then_die)
    assert run_build(content, out, templates).code == 2
    monkeypatch.undo()
    shown, shown_at = (out / "index.html").read_bytes(), (out / "index.html").stat().st_mtime_ns
    settings.write_text(first, encoding="utf-8")
    build(content, out, templates)
    assert (out / "index.html").read_bytes() != shown
    assert (out / "index.html").stat().st_mtime_ns > shown_at
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_a_body_changed_back_in_place_keeps_its_newer_mtime_through_a_full_build(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """An article's body edited with a concept (a full build: its page A, then B), then
    changed back alone (its page replaced in place, ``delta``): the spare tree still held A's
    page with A's mtime, and the next full build kept it, so the page went back in time past
    B's: a server answering If-Modified-Since told a browser holding B it was up to date."""
    content, templates = corpus
    out = tmp_path / "site"
    article = sorted((content / "articles").glob("*.md"))[0]
    concept = sorted((content / "concepts").glob("*.md"))[0]
    first = article.read_text(encoding="utf-8")
    build(content, out, templates)
    page = out / "articles" / article.stem / "index.html"
    article.write_text(first.rstrip("\n")[:-1] + " zedit.\n", encoding="utf-8")
    concept.write_text(concept.read_text(encoding="utf-8") + "\nZorvat one.\n", "utf-8")
    build(content, out, templates)
    edited_at = page.stat().st_mtime_ns
    article.write_text(first, encoding="utf-8")
    build(content, out, templates)
    back = (page.read_bytes(), page.stat().st_mtime_ns)
    assert back[1] > edited_at
    concept.write_text(concept.read_text(encoding="utf-8") + "\nZorvat two.\n", "utf-8")
    build(content, out, templates)
    assert (page.read_bytes(), page.stat().st_mtime_ns) == back
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_an_edit_in_a_linked_templates_folder_is_built(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """``static/`` linked from a theme shared by several sites: the build copies its files
    through the link, so an edit there is an edit of the templates."""
    content, templates = corpus
    theme = tmp_path / "theme"
    (templates / "static").rename(theme)
    (templates / "static").symlink_to(theme)
    out = tmp_path / "site"
    build(content, out, templates)
    style = theme / "style.css"
    style.write_text(style.read_text(encoding="utf-8") + "/* zedit */\n", encoding="utf-8")
    build(content, out, templates)
    assert (out / "static" / "style.css").read_bytes() == style.read_bytes()
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_a_folder_linked_into_static_is_published_and_its_edits_built(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """``static/fonts`` linked to a folder of the templates: published through the link as a
    folder would be (it was left out, though its files were digested), by a clean build and
    a rebuild alike; a file deleted deep in it goes from the site too."""
    content, templates = corpus
    fonts = templates / "fonts" / "sans"
    fonts.mkdir(parents=True)
    (fonts / "a.woff2").write_bytes(b"zfont a\n")
    (fonts / "b.woff2").write_bytes(b"zfont b\n")
    (templates / "static" / "fonts").symlink_to("../fonts", target_is_directory=True)
    out = tmp_path / "site"
    build(content, out, templates)
    assert (out / "static" / "fonts" / "sans" / "a.woff2").read_bytes() == b"zfont a\n"
    (fonts / "a.woff2").write_bytes(b"zfont a, edited\n")
    (fonts / "b.woff2").unlink()
    build(content, out, templates)
    assert (out / "static" / "fonts" / "sans" / "a.woff2").read_bytes() == b"zfont a, edited\n"
    assert not (out / "static" / "fonts" / "sans" / "b.woff2").exists()
    assert tree(out) == clean_build(content, templates, tmp_path)


@pytest.mark.parametrize("target", ["folder", "file"])
def test_a_static_link_out_of_the_templates_is_refused_by_every_build(
    corpus: tuple[Path, Path], tmp_path: Path, target: str
) -> None:
    """A link in ``static/`` to a folder or file outside the templates would publish a file
    of the build machine (a file link was published as it was). A rebuild must refuse it as
    a clean build does, though the link was moved out with its files' bytes unchanged (the
    templates' digest, names and bytes, is then the same)."""
    content, templates = corpus
    inside, outside = templates / "shared", tmp_path / "machine"
    for folder in (inside, outside):
        folder.mkdir()
        (folder / "secret.txt").write_text("zsecret\n", encoding="utf-8")
    link = templates / "static" / "shared"
    leads = (lambda folder: folder) if target == "folder" else (lambda f: f / "secret.txt")
    link.symlink_to(leads(inside))
    out = tmp_path / "site"
    build(content, out, templates)
    published = tree(out)
    link.unlink()
    link.symlink_to(leads(outside))
    for extra in ((), ("--clean",)):
        result = run_build(content, out, templates, *extra)
        assert result.code == 1, result.stderr
        assert f"{link}:1:1: error: " in result.stderr
        assert "[file-outside-templates]" in result.stderr
        assert "Traceback" not in result.stderr
        assert tree(out) == published  # the site in place is kept
    checked = run_cli("check", "--content", str(content), "--templates", str(templates))
    assert checked.code == 1 and "[file-outside-templates]" in checked.stderr


def test_a_static_link_to_a_folder_holding_it_is_refused(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    content, templates = corpus
    (templates / "static" / "up").symlink_to("..", target_is_directory=True)
    result = run_build(content, tmp_path / "site", templates)
    assert result.code == 1
    assert f"{templates / 'static' / 'up'}:1:1: error: " in result.stderr
    assert "[link-loop]" in result.stderr


def test_a_templates_link_to_a_huge_folder_is_refused_before_it_is_read(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link in the templates to ``/usr`` or ``/``: followed, every build would walk and read
    all of it (minutes, or for ever in ``/proc``). The walk stops at the limit, reads
    nothing, and the build says which link to remove (exit 2), the site untouched."""
    content, templates = corpus
    out = tmp_path / "site"
    monkeypatch.setattr(cache, "TEMPLATE_ENTRIES", 60)
    for n in range(80):  # in the templates folder itself: not counted, as always read
        (templates / "own" / f"d{n}").mkdir(parents=True)
    build(content, out, templates)
    before = tree(out)
    huge = tmp_path / "huge"
    for n in range(40):
        (huge / f"d{n}").mkdir(parents=True)
        (huge / f"d{n}" / "f.txt").write_text("zfile\n")
    (templates / "usr").symlink_to(huge)
    read: list[bytes] = []
    digest = cache.path_digest

    def reading(file: str | Path) -> str:
        read.append(Path(file).read_bytes())
        return digest(file)

    monkeypatch.setattr(cache, "path_digest", reading)
    result = run_build(content, out, templates)
    assert result.code == 2, result.stderr
    assert f"{templates / 'usr'}" in result.stderr
    assert "more than 60 files and folders through links" in result.stderr
    assert "Traceback" not in result.stderr
    assert b"zfile\n" not in read
    assert tree(out) == before


def test_a_static_folder_linked_to_a_huge_folder_is_refused_by_check(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``static/`` itself may lead out of the templates (a shared theme), so its files are
    listed through the link: one to ``/usr`` stops at the limit, as the build's digest does."""
    content, templates = corpus
    monkeypatch.setattr(cache, "TEMPLATE_ENTRIES", 60)
    huge = tmp_path / "huge"
    for n in range(40):
        (huge / f"d{n}").mkdir(parents=True)
        (huge / f"d{n}" / "f.txt").write_text("zfile\n")
    shutil.rmtree(templates / "static")
    (templates / "static").symlink_to(huge)
    listed: list[str] = []
    scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path: listed.append(path) or scandir(path))
    result = run_cli("check", "--content", str(content), "--templates", str(templates))
    monkeypatch.undo()
    assert result.code == 2, result.stderr
    assert "more than 60 files and folders through links" in result.stderr
    assert "Traceback" not in result.stderr
    assert len([p for p in listed if str(p).startswith(str(templates / "static"))]) < 40


@pytest.mark.parametrize(
    "which", ["article", "article body", "site.yaml", "concept", "template", "image"]
)
def test_a_file_saved_again_while_the_build_runs_shows_once_saved_back(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    """A file saved between the build's fingerprint of it and its reading (as under
    ``serve``, saving twice) was built as read but stored as fingerprinted: saved back, it
    kept the other bytes' page for good. Now the result is stored by the bytes it was
    made from, and the next build does not take the site for the fingerprinted bytes'."""
    content, templates = corpus
    out = tmp_path / "site"
    first = sorted((content / "articles").glob("*.md"))[0]
    image = content / "articles" / "img" / "zelt.png"
    image.parent.mkdir()
    image.write_text("an image", encoding="utf-8")
    first.write_text(first.read_text(encoding="utf-8") + "\n![Zelt](img/zelt.png)\n")
    build(content, out, templates)
    file = {
        "article": first,
        "article body": first,
        "site.yaml": content / "site.yaml",
        "concept": sorted((content / "concepts").glob("*.md"))[0],
        "template": templates / "base.html",  # read as the pages are rendered
        "image": image,  # read as the site is written
    }[which]
    text = file.read_text(encoding="utf-8")
    title = 'title: "' if 'title: "' in text else "title: "  # a concept's is not quoted
    fingerprinted = text.replace(title, f"{title}Zfirst ", 1)
    read = text.replace(title, f"{title}Zsecond ", 1)
    if which in ("article body", "image"):  # the body: the one-page path (``delta``)
        fingerprinted, read = text + "\nZfirst.\n", text + "\nZsecond.\n"
    if which == "template":
        fingerprinted = text.replace("</body>", "<!-- Zfirst --></body>")
        read = text.replace("</body>", "<!-- Zsecond --></body>")
    assert fingerprinted != text and read != text
    file.write_text(fingerprinted, encoding="utf-8")
    fingerprint = runner.read_inputs

    def saved_meanwhile(options: Any, folder: Path | None, fresh: bool) -> cache.Inputs:
        inputs = fingerprint(options, folder, fresh)
        file.write_text(read, encoding="utf-8")
        return inputs

    monkeypatch.setattr(runner, "read_inputs", saved_meanwhile)
    build(content, out, templates)
    monkeypatch.undo()
    file.write_text(fingerprinted, encoding="utf-8")  # saved back
    build(content, out, templates)
    assert tree(out) == clean_build(content, templates, tmp_path)


def digests_taken(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the parent fingerprints from now on by reading them (``cache.path_digest``)."""
    taken: list[str] = []
    original = cache.path_digest
    monkeypatch.setattr(cache, "path_digest", lambda name: taken.append(name) or original(name))
    return taken


def test_a_clean_build_fingerprints_the_articles_as_it_validates_them(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With nothing stored to compare with, the parent read and digested every article
    before any worker started, alone on one core, and the workers read each again. Now
    each is fingerprinted as read to be validated, and the next build still trusts what
    was stored."""
    monkeypatch.setattr(cache, "RACY_MARGIN_NS", 0)  # stats trusted at once
    content, templates = corpus
    out = tmp_path / "site"
    articles = sorted(str(f) for f in (content / "articles").glob("*.md"))
    taken = digests_taken(monkeypatch)
    build(content, out, templates, "--clean")
    assert taken and not set(taken) & set(articles)  # the concept files only
    stats = cache.load_file_stats(cache.cache_dir(out))
    assert stats is not None
    assert {name: stats.files[name][4] for name in articles} == {
        name: file_digest(Path(name).read_bytes()) for name in articles
    }
    taken.clear()
    rendered = count_renders(monkeypatch)
    build(content, out, templates)
    assert rendered == [] and not set(taken) & set(articles)  # no change: nothing read
    edit_article_body(content, random.Random(3))
    build(content, out, templates)
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_a_deleted_site_over_stored_results_fingerprints_the_articles_first(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site deleted by hand leaves no build to compare with, but the results stored for
    each article's bytes: those are looked up by the digests taken first, not validated."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    shutil.rmtree(out)
    (cache.cache_dir(out) / "stats.pickle").unlink()
    taken = digests_taken(monkeypatch)
    validated = []
    validate = parallel.validate_article
    monkeypatch.setattr(
        parallel, "validate_article", lambda *a: validated.append(a) or validate(*a)
    )
    build(content, out, templates)
    assert set(taken) >= {str(f) for f in (content / "articles").glob("*.md")}
    assert validated == []
    assert tree(out) == clean_build(content, templates, tmp_path)


def first_article(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path, Path, Path, str]:
    """The corpus's content and templates, the site's folder, the first article and its
    text, with stats trusted as soon as they are taken."""
    monkeypatch.setattr(cache, "RACY_MARGIN_NS", 0)
    content, templates = corpus
    first = sorted((content / "articles").glob("*.md"))[0]
    return content, templates, tmp_path / "site", first, first.read_text(encoding="utf-8")


def test_an_article_saved_as_a_clean_build_starts_is_built_and_stored_as_read(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a clean build each article's digest is that of the bytes validated: one saved
    between the parent's look at it and its reading shows as read, and saved back, shows
    again (its stats, taken before it was saved, are not trusted for the bytes read)."""
    content, templates, out, first, text = first_article(corpus, tmp_path, monkeypatch)
    looked = runner.read_inputs

    def saved_meanwhile(options: Any, folder: Path | None, fresh: bool) -> cache.Inputs:
        found = looked(options, folder, fresh)
        first.write_text(text + "\nZsecond.\n", encoding="utf-8")
        return found

    monkeypatch.setattr(runner, "read_inputs", saved_meanwhile)
    build(content, out, templates, "--clean")
    monkeypatch.setattr(runner, "read_inputs", looked)
    built = tree(out)
    assert any(b"Zsecond." in page for page in built.values())
    build(content, out, templates)
    assert tree(out) == built == clean_build(content, templates, tmp_path)
    first.write_text(text, encoding="utf-8")  # saved back
    build(content, out, templates)
    assert tree(out) == clean_build(content, templates, tmp_path)
    assert not any(b"Zsecond." in page for page in tree(out).values())


def test_an_article_saved_between_its_read_and_its_stat_is_read_again(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clean build takes the articles' stats while the workers validate them
    (``inputs.look_at_articles``), so an article may be saved after it was read and before
    its stats were taken: they are then those of the saved bytes, stored with the digest of
    the bytes read, and the next build must still read it again (its ctime is after the
    moment the stats were taken), not take it for unchanged."""
    content, templates, out, first, text = first_article(corpus, tmp_path, monkeypatch)
    look = pipeline.look_at_articles

    def saved_meanwhile(found: cache.Inputs, folder: Path) -> None:
        first.write_text(text + "\nZsecond.\n", encoding="utf-8")  # read already
        look(found, folder)

    monkeypatch.setattr(pipeline, "look_at_articles", saved_meanwhile)
    build(content, out, templates, "--clean")
    monkeypatch.setattr(pipeline, "look_at_articles", look)  # stats still trusted at once
    assert not any(b"Zsecond." in page for page in tree(out).values())
    build(content, out, templates)
    assert any(b"Zsecond." in page for page in tree(out).values())
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_no_change_rebuild_keeps_the_site_and_reports_the_same(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    content, templates = corpus
    out = tmp_path / "site"
    first = run_build(content, out, templates)
    snapshot = tree(out)
    second = run_build(content, out, templates)
    assert second.code == first.code == 0
    assert tree(out) == snapshot
    strip = re.compile(r" in [0-9.]+s")
    assert strip.sub("", second.stderr) == strip.sub("", first.stderr)


@pytest.mark.parametrize("edit", [None, edit_article_body])
def test_a_site_emptied_by_hand_is_built_again(
    corpus: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    edit: Callable[[Path, random.Random], None] | None,
) -> None:
    """``rm -rf site/*`` keeps the folder (and its inode) but not the site: a rebuild with
    no change, or with an edit of a body, must not take the empty folder for the site."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    rendered = count_renders(monkeypatch)
    build(content, out, templates)
    assert rendered == []  # no change: the site in place is trusted, nothing rendered
    monkeypatch.undo()
    for entry in out.iterdir():
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    if edit is not None:
        edit(content, random.Random(6))
    build(content, out, templates)
    assert tree(out) == clean_build(content, templates, tmp_path)


class CoarseStamp:
    """A folder's ``stat`` on a file system that keeps times to the second or two (ext3,
    HFS+, FAT): an entry removed in the second the build ended leaves them as they were."""

    def __init__(self, status: os.stat_result) -> None:
        self.status = status

    def __getattr__(self, name: str) -> Any:
        return 0 if name in ("st_mtime_ns", "st_ctime_ns") else getattr(self.status, name)


@pytest.mark.python_source  # compiled, ``write`` refuses a stand-in for an ``os.stat_result``
def test_a_site_emptied_by_hand_in_the_same_second_is_built_again(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``build; rm -rf site/*; build`` in a script, on a file system with coarse times: the
    output folder's times do not change, its names do."""
    content, templates = corpus
    out = tmp_path / "site"
    real_stat = Path.stat

    def stat(path: Path, **kwargs: Any) -> Any:
        status = real_stat(path, **kwargs)
        return CoarseStamp(status) if path == out else status

    monkeypatch.setattr(Path, "stat", stat)
    build(content, out, templates)
    for entry in out.iterdir():
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    build(content, out, templates)
    monkeypatch.undo()
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_a_failed_build_keeps_the_site_and_the_next_build_is_correct(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    build(content, out, templates)
    edit_article_body(content, random.Random(9))
    before = tree(out)
    broken = templates / "concept.html"
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good + "{% if %}", encoding="utf-8")
    result = run_build(content, out, templates)
    assert result.code == 1 and "[template-error]" in result.stderr
    assert tree(out) == before
    broken.write_text(good, encoding="utf-8")
    build(content, out, templates)
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_a_build_deletes_what_a_killed_clean_build_left(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """A clean build killed before its deletion ended leaves the old cache renamed away:
    a whole spare site, which the next build deletes, clean or not."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    cache = tmp_path / ".cache" / "concordance-site"
    left = cache.with_name(cache.name + ".discarded-1")
    shutil.copytree(out, left / "tree-x")
    build(content, out, templates)
    assert sorted(p.name for p in cache.parent.iterdir()) == [cache.name]


def test_clean_discards_the_cache(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    cache = tmp_path / ".cache" / "concordance-site"
    edit_quote_text(content, random.Random(4))  # a full rebuild: the two trees take turns
    build(content, out, templates)
    (spare,) = cache.glob("tree-*")  # the previous site, kept to be updated next time
    stale = spare / "stale.html"
    stale.write_text("not part of the site", encoding="utf-8")
    left = cache.with_name(cache.name + ".discarded-1")  # renamed away by a killed build
    shutil.copytree(spare, left / "tree")
    build(content, out, templates, "--clean")
    assert not stale.exists()
    assert "stale.html" not in tree(out)
    # The old cache, and one a killed build left renamed away, are deleted.
    assert sorted(p.name for p in cache.parent.iterdir()) == [cache.name]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def inodes(root: Path) -> dict[str, int]:
    """The inode of each page with no other name (a spare tree shares the rest with the
    live site)."""
    pages = [(p, p.lstat()) for p in root.rglob("*.html")]
    return {
        p.relative_to(root).as_posix(): status.st_ino
        for p, status in pages
        if stat.S_ISREG(status.st_mode) and status.st_nlink == 1
    }


def edit_base_layout(templates: Path, edit: int) -> None:
    """An edit every page shows."""
    file = templates / "base.html"
    file.write_text(file.read_text(encoding="utf-8") + f"<!-- edit {edit} -->\n", "utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_clean_build_writes_over_the_old_cache_trees_files(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """``--clean`` writes every page anew but over the files of the old cache's spare site,
    which keep their inodes (making new ones just after deleting as many costs seconds on
    ext4 without a journal: ``write._overwrite``). Nothing it holds is trusted or followed:
    a stray file goes, a link where a folder must be is replaced, not written through, nor
    is a file that has another name, and a named pipe does not stop the build."""
    content, templates = corpus
    out = tmp_path / "site"
    cache = tmp_path / ".cache" / "concordance-site"
    build(content, out, templates)
    edit_base_layout(templates, 1)  # every page changes: none is shared with the live site
    build(content, out, templates)
    (spare,) = cache.glob("tree-*")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("precious", encoding="utf-8")
    (outside / "named.html").write_text("precious too", encoding="utf-8")
    (spare / "stray.txt").write_text("not part of the site", encoding="utf-8")
    folder = next(p for p in (spare / "articles").iterdir() if p.is_dir())
    shutil.rmtree(folder)
    folder.symlink_to(outside, target_is_directory=True)
    (spare / "speakers" / "index.html").unlink()
    os.link(outside / "named.html", spare / "speakers" / "index.html")
    (spare / "concepts" / "index.html").unlink()
    os.mkfifo(spare / "concepts" / "index.html")
    (spare / "index.html").unlink()
    (spare / "index.html" / "inside").mkdir(parents=True)
    before = inodes(spare)
    assert len(before) > 20
    if jobs == "2":  # render workers write over the tree, racing to make its folders
        pooled(monkeypatch)
    build(content, out, templates, "--clean", "--jobs", jobs)
    monkeypatch.undo()
    assert tree(out) == clean_build(content, templates, tmp_path)
    assert (outside / "index.html").read_text(encoding="utf-8") == "precious"
    assert (outside / "named.html").read_text(encoding="utf-8") == "precious too"
    after = inodes(out)
    assert {path: after.get(path) for path in before} == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_clean_build_replaces_a_section_folder_of_the_old_tree_that_is_no_folder(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """The folders above the pages (``articles/``, ``concepts/``) are looked at once per
    process, not once per page (``write.Direct``): one that is a link out of the tree or a
    file in the old cache's spare site is still replaced before any page goes below it."""
    content, templates = corpus
    out = tmp_path / "site"
    cache = tmp_path / ".cache" / "concordance-site"
    build(content, out, templates)
    edit_base_layout(templates, 1)
    build(content, out, templates)
    (spare,) = cache.glob("tree-*")
    outside = tmp_path / "outside"
    shutil.copytree(spare / "articles", outside)
    before = {p: p.read_bytes() for p in outside.rglob("*.html")}
    shutil.rmtree(spare / "articles")
    (spare / "articles").symlink_to(outside, target_is_directory=True)
    shutil.rmtree(spare / "concepts")
    (spare / "concepts").write_text("zorp", encoding="utf-8")
    if jobs == "2":
        pooled(monkeypatch)
    build(content, out, templates, "--clean", "--jobs", jobs)
    monkeypatch.undo()
    assert tree(out) == clean_build(content, templates, tmp_path)
    assert {p: p.read_bytes() for p in outside.rglob("*.html")} == before
    assert not (out / "articles").is_symlink() and (out / "concepts").is_dir()


def _spare_tree(content: Path, out: Path, templates: Path) -> Path:
    """The spare tree of the build cache after two builds of different pages into ``out``."""
    build(content, out, templates)
    edit_base_layout(templates, 1)
    build(content, out, templates)
    (spare,) = (out.parent / ".cache" / "concordance-site").glob("tree-*")
    return spare


@pytest.mark.python_source
def test_a_clean_build_walks_the_tree_it_writes_over_once(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether all of the spare tree is the build's user's is asked once in a clean build,
    as the tree is taken (``write._spare``): moving it out of the old cache asked too, and
    each walk stats every file of the site. The site is still a clean build's."""
    content, templates = corpus
    out = tmp_path / "site"
    spare = _spare_tree(content, out, templates)
    walked: list[str] = []
    walk = write._all_own

    def counted(root: str, user: int) -> write.Listing | None:
        walked.append(Path(root).name)
        return walk(root, user)

    monkeypatch.setattr(write, "_all_own", counted)
    build(content, out, templates, "--clean")
    monkeypatch.undo()
    assert walked == [spare.name]
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_what_a_clean_build_does_not_write_over_goes_without_a_second_walk(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files of the tree a clean build writes over that the new site lacks are removed,
    and the folders left empty, from what the walk that took the tree found: walking it
    again after the last page took 0.06 s at N=5000."""
    content, templates = corpus
    out = tmp_path / "site"
    spare = _spare_tree(content, out, templates)
    (spare / "zorp" / "glorp").mkdir(parents=True)
    (spare / "zorp" / "glorp" / "index.html").write_text("stale")
    (spare / "articles" / "quux.txt").write_text("stale")
    (spare / "blip").symlink_to(spare / "articles", target_is_directory=True)
    walks: list[str] = []
    prune = write._prune_folder

    def counted(folder: str, prefix: str, keep: write.Manifest) -> bool:
        walks.append(prefix)
        return prune(folder, prefix, keep)

    monkeypatch.setattr(write, "_prune_folder", counted)
    build(content, out, templates, "--clean")
    monkeypatch.undo()
    assert walks == []
    assert not (out / "zorp").exists() and not (out / "blip").is_symlink()
    assert tree(out) == clean_build(content, templates, tmp_path)


@pytest.mark.skipif(os.geteuid() != 0, reason="gives a file to another user")
@pytest.mark.parametrize("how", ["--clean", "after --clean"])
def test_a_tree_with_another_users_file_is_not_written_over(
    corpus: tuple[Path, Path], tmp_path: Path, how: str
) -> None:
    """A file written over keeps its owner, and one in another user's folder cannot be
    replaced: a spare tree not all the build's user's is deleted and made anew, as before."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    edit_base_layout(templates, 1)
    build(content, out, templates, *(["--clean"] if how == "after --clean" else []))
    (spare,) = (tmp_path / ".cache" / "concordance-site").glob("tree-*")
    os.chown(spare / "articles" / "index.html", 54321, 54321)
    edit_base_layout(templates, 2)
    build(content, out, templates, *(["--clean"] if how == "--clean" else []))
    assert tree(out) == clean_build(content, templates, tmp_path)
    assert [p for p in out.rglob("*") if p.lstat().st_uid != os.geteuid()] == []


def test_the_site_a_clean_build_replaced_is_written_over_next(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """After ``--clean`` the old site is the spare tree, its contents unknown (the cache
    that told them is gone): the next full rebuild writes over its files rather than
    deleting it and making a new tree, and is still a clean build's equal."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    build(content, out, templates, "--clean")
    (spare,) = (tmp_path / ".cache" / "concordance-site").glob("tree-*")  # the old site
    (spare / "stray.txt").write_text("not part of the site", encoding="utf-8")
    before = inodes(spare)
    edit_base_layout(templates, 2)  # every page changes
    build(content, out, templates)
    after = inodes(out)
    assert {path: after.get(path) for path in before} == before
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_a_changed_page_is_written_over_in_the_spare_tree(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """A rebuild writes a changed page over the spare tree's file when it has no other
    name, keeping its inode (one that is the live page's link too is replaced: see
    ``test_the_spare_tree_links_unchanged_pages_and_is_never_written_through``)."""
    content, templates = corpus
    out = tmp_path / "site"
    cache = tmp_path / ".cache" / "concordance-site"
    build(content, out, templates)
    for edit in (1, 2):
        edit_base_layout(templates, edit)
        build(content, out, templates)
    (spare,) = cache.glob("tree-*")
    before = inodes(spare)
    assert len(before) > 20
    edit_base_layout(templates, 3)
    build(content, out, templates)
    after = inodes(out)
    assert {path: after.get(path) for path in before} == before
    assert tree(out) == clean_build(content, templates, tmp_path)


def count_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the templates rendered from now on (the corpus is small: one process). A
    page is rendered by ``site_jinja.encoded``, which runs its template without
    ``Template.render``, and ``render`` calls it by its name in the module."""
    rendered: list[str] = []
    original = render.encoded

    def encoded(template: jinja2.Template, context: dict[str, object]) -> bytes:
        rendered.append(str(template.name))
        return original(template, context)

    monkeypatch.setattr(render, "encoded", encoded)
    return rendered


def test_an_edit_renders_only_the_pages_whose_inputs_changed(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, templates = corpus
    out = tmp_path / "site"
    rendered = count_renders(monkeypatch)
    build(content, out, templates)
    everything = len(rendered)
    rendered.clear()
    edit_article_opening(content, random.Random(11))  # the summary shows on other pages
    build(content, out, templates)
    assert "article.html" in rendered
    assert 0 < len(rendered) < everything // 4, rendered
    rendered.clear()
    edit_template(templates, random.Random(12))
    build(content, out, templates)
    assert len(rendered) == everything  # a template change re-renders every page
    monkeypatch.undo()
    assert tree(out) == clean_build(content, templates, tmp_path)


@pytest.mark.python_source  # compiled, ``code_version`` calls ``installed_versions`` in C
def test_an_upgraded_library_renders_every_page_again(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, templates = corpus
    out = tmp_path / "site"
    rendered = count_renders(monkeypatch)
    build(content, out, templates)
    everything = len(rendered)
    rendered.clear()
    build(content, out, templates)
    assert rendered == []
    versions = cache.installed_versions()
    assert len(versions) == len(cache.DEPENDENCIES), versions  # each one found, by its name
    upgraded = [versions[0].replace("-", "-9", 1), *versions[1:]]  # jinja2-93.1.6.dist-info
    monkeypatch.setattr(cache, "installed_versions", lambda: upgraded)
    build(content, out, templates)
    assert len(rendered) == everything  # no cached result of the old library is trusted


def test_the_code_version_reads_every_module_and_catalog_of_the_package() -> None:
    """A changed line of any module (``emit/feeds.py`` too) or label catalog must change
    ``code_version``; the walk that lists them skips the bytecode folders and nothing else."""
    listed = cache.package_files()
    expected = sorted(
        [*cache.PACKAGE.rglob("*.py"), *cache.PACKAGE.glob("catalogs/*.yaml")]
    )  # in the order of Path objects: folder by folder
    assert listed == [file.relative_to(cache.PACKAGE).as_posix() for file in expected]
    assert "emit/feeds.py" in listed and any(name.startswith("catalogs/") for name in listed)
    assert not any("__pycache__" in name for name in listed)


@pytest.mark.python_source  # compiled, ``code_version`` reads ``PACKAGE`` in C
def test_the_code_version_kept_in_the_cache_is_made_again_when_a_module_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build's cache keeps ``code_version`` with the stats of the package's files, which
    are digested again once one of them changes (the kept digest is not trusted then)."""
    from concordance import compiled

    package = tmp_path / "package"
    shutil.copytree(cache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    monkeypatch.setattr(cache, "PACKAGE", package)
    monkeypatch.setattr(compiled, "SETTLED", -1)  # the copy's stats trusted at once
    folder = tmp_path / "cache"
    folder.mkdir()
    version = cache.code_version(folder)
    assert version == cache.code_version()  # as without a cache
    memo = folder / cache.VERSION_MEMO
    key, kept = pickle.loads(memo.read_bytes())
    assert kept == version
    memo.write_bytes(pickle.dumps((key, "kept")))
    assert cache.code_version(folder) == "kept"  # taken from the cache, nothing digested
    module = package / "emit" / "feeds.py"
    module.write_text(module.read_text(encoding="utf-8") + "# a changed line\n", encoding="utf-8")
    changed = cache.code_version(folder)
    assert changed not in ("kept", version)
    assert changed == cache.code_version()
    assert cache.code_version(folder) == changed


def test_a_title_edit_remakes_only_the_pages_and_feeds_that_show_the_article(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys are made of records (concordance/keys.py): an article's new title reaches its
    own page, the concept pages and feeds that show it and the lists, and nothing else."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    edit_article_opening(content, random.Random(0))  # a full rebuild: both trees exist
    build(content, out, templates)
    file = sorted((content / "articles").glob("*.md"))[3]
    link = f"articles/{file.stem}/".encode()
    pages = {p.parent.name for p in out.glob("concepts/*/index.html") if link in p.read_bytes()}
    feeds = {p.parent.name for p in out.glob("concepts/*/feed.xml") if link in p.read_bytes()}
    assert pages and feeds and len(pages) < len(list(out.glob("concepts/*/index.html")))
    rendered = count_renders(monkeypatch)
    made: list[str] = []
    original = emit_feeds.concept_feed

    def concept_feed(*args: Any, **kwargs: Any) -> Page:
        page = original(*args, **kwargs)
        made.append(page.path.split("/")[1])
        return page

    monkeypatch.setattr(emit_feeds, "concept_feed", concept_feed)
    text = file.read_text(encoding="utf-8").replace('\ntitle: "', '\ntitle: "Retitled ', 1)
    file.write_text(text, encoding="utf-8")
    build(content, out, templates)
    assert rendered.count("article.html") == 1
    assert rendered.count("concept.html") == len(pages)
    assert sorted(made) == sorted(feeds)
    monkeypatch.undo()
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_a_body_edited_beside_another_articles_title_is_rendered(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """An article page is kept by a digest of its body (``Renderer.article_kept``): a body
    edit that a title edit elsewhere sends down the full path must reach its page."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    edit_article_opening(content, random.Random(0))  # a full rebuild: both trees exist
    build(content, out, templates)
    edited, retitled = sorted((content / "articles").glob("*.md"))[2:4]
    text = edited.read_text(encoding="utf-8").rstrip("\n")
    edited.write_text(text + " Zglorp body.\n", encoding="utf-8")
    text = retitled.read_text(encoding="utf-8").replace('\ntitle: "', '\ntitle: "Zt ', 1)
    retitled.write_text(text, encoding="utf-8")
    build(content, out, templates)
    assert "Zglorp body." in (out / "articles" / edited.stem / "index.html").read_text("utf-8")
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_a_build_leaves_the_garbage_collector_as_it_found_it(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """A build freezes its index and makes full collections rarer (concordance/heap.py);
    ``serve`` builds again and again in one process, which must not keep every old index."""
    content, templates = corpus
    before = gc.get_threshold()
    for step in range(2):
        if step:
            edit_concept_alias(content, random.Random(3))  # a full rebuild, not a delta
        build(content, tmp_path / "site", templates)
        assert gc.get_freeze_count() == 0
        assert gc.get_threshold() == before


def test_what_a_build_keeps_is_left_out_of_young_collections(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The articles as validated, the names and the index live as long as the build: each
    result is frozen as it comes (``heap.settle``), and no collection runs while the names
    and the index are made, which are frozen once made. Young collections traversed them
    again and again to free nothing (0.2 s of the parent at N=5000). The site is the same."""
    content, templates = corpus
    frozen: list[int] = []  # objects frozen as each result is stored
    put = cache.ArticleCache.put

    def noted(self: cache.ArticleCache, key: str, blob: bytes) -> cache.Signed:
        frozen.append(gc.get_freeze_count())
        return put(self, key, blob)

    making: list[str] = []  # what the build is making: the names or the index
    collections: list[str] = []

    def watched(name: str) -> Callable[..., Any]:
        original = getattr(pipeline, name)

        def call(*args: Any) -> Any:
            making.append(name)
            try:
                return original(*args)
            finally:
                making.pop()

        return call

    def noted_collection(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and making:
            collections.append(making[-1])

    monkeypatch.setattr(cache.ArticleCache, "put", noted)
    for name in ("resolve", "build_index"):
        monkeypatch.setattr(pipeline, name, watched(name))
    threshold = gc.get_threshold()
    gc.set_threshold(10, 2, threshold[2])  # young collections all the time
    gc.callbacks.append(noted_collection)
    try:
        build(content, tmp_path / "site", templates)
    finally:
        gc.callbacks.remove(noted_collection)
        gc.set_threshold(*threshold)
    monkeypatch.undo()
    assert len(frozen) == 20 and all(b > a for a, b in pairwise(frozen))
    assert collections == []
    assert tree(tmp_path / "site") == clean_build(content, templates, tmp_path)


def _released_mib(item: int) -> int | None:
    """The MiB given back on freeing every other one of 128 blocks of 1 MiB, after a block of
    16 MB (a concept page's HTML, say) was freed; None but for item 0."""
    if item:
        return None

    def resident() -> int:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * 4096

    large = b"x" * (16 << 20)
    del large
    blocks = [b"x" * (1 << 20) for _ in range(128)]
    before = resident()
    del blocks[::2]  # the others stay in use between them
    return (before - resident()) >> 20


@pytest.mark.skipif(
    not Path("/proc/self/statm").exists() or platform.libc_ver()[0] != "glibc",
    reason="glibc's malloc on Linux",
)
def test_a_worker_gives_large_blocks_back_when_it_frees_them() -> None:
    """glibc keeps blocks of up to the largest one freed among small ones, where it cannot
    give them back; a worker has every block of over 1 MiB mapped on its own (heap.py), so
    one that made a large page does not keep its memory for the rest of the build."""
    kept = _fresh("print(r(0))")
    assert int(kept) < 16  # glibc's default: the pattern does keep the memory
    # From a fresh process too: a worker forked from this one (the whole suite's heap) may
    # take some blocks from the free memory it inherits, which it cannot give back.
    released = _fresh("print(*[x for x in _mapped(r, list(range(200)), 2) if x is not None])")
    assert [int(mib) >= 60 for mib in released.split()] == [True], released


def _fresh(code: str) -> str:
    """What ``code`` prints, run in a new interpreter with ``_released_mib`` as ``r`` and
    ``parallel._mapped`` as ``_mapped``."""
    setup = "from tests.test_incremental import _released_mib as r\n"
    setup += "from concordance.parallel import _mapped\n"
    command = [sys.executable, "-c", setup + code]
    return subprocess.run(command, capture_output=True, check=True, text=True, cwd=REPO).stdout


def test_a_live_page_changed_by_hand_is_not_reused(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """A full build checks the mtime of every live page it keeps. A rebuild that replaces
    one page in place, like one that changes nothing, leaves the other files as they are."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    page = out / "concepts" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>hand edit</p></body>"))
    edit_article_body(content, random.Random(13))
    build(content, out, templates)
    assert b"hand edit" in page.read_bytes()  # the one-page path did not look at it
    edit_quote_text(content, random.Random(14))
    build(content, out, templates)
    assert b"hand edit" not in page.read_bytes()
    assert tree(out) == clean_build(content, templates, tmp_path)


def _page_both_trees_share(content: Path, out: Path, templates: Path) -> Path:
    """A page of the live site that the spare tree holds as a hard link to it, after a
    build and two full rebuilds (which leave unchanged pages shared)."""
    build(content, out, templates)
    for seed in (41, 42):
        edit_quote_text(content, random.Random(seed))
        build(content, out, templates)
    return out / "speakers" / "index.html"


def test_a_page_edited_in_place_is_repaired_though_the_spare_tree_shares_it(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """An edit written through a live page (``>>``, or a step after the build that opens
    pages for writing) changes the spare tree's hard link to it too: the spare's manifest
    then no longer tells its bytes, and the file's mtime says so."""
    content, templates = corpus
    out = tmp_path / "site"
    page = _page_both_trees_share(content, out, templates)
    assert page.stat().st_nlink == 2
    with open(page, "ab") as handle:
        handle.write(b"<!-- hand edit -->")
    for seed in (43, 44):
        edit_quote_text(content, random.Random(seed))
        build(content, out, templates)
    assert tree(out) == clean_build(content, templates, tmp_path)


@pytest.mark.parametrize("how", ["in place", "replaced"])
def test_a_page_edited_with_its_mtime_set_back_is_repaired(
    corpus: tuple[Path, Path], tmp_path: Path, how: str
) -> None:
    """A page edited by hand and given its old mtime back (``touch -r``, ``cp -p``,
    ``rsync -t``, ``git checkout``) is written again: its ctime, which no tool sets back,
    says it changed. In place (the spare tree's hard link changes too), or replaced."""
    content, templates = corpus
    out = tmp_path / "site"
    page = _page_both_trees_share(content, out, templates)
    before = page.stat()
    assert before.st_nlink == 2
    edited = page.read_bytes().replace(b"</html>", b"</HTML>")  # the same size
    if how == "in place":
        with open(page, "r+b") as handle:
            handle.write(edited)
    else:
        copy = tmp_path / "edited.html"
        copy.write_bytes(edited)
        os.replace(copy, page)
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    for seed in (43, 44):  # the live tree, then the one that was live when edited
        edit_quote_text(content, random.Random(seed))
        build(content, out, templates)
        assert b"</HTML>" not in page.read_bytes()
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_the_spare_tree_links_unchanged_pages_and_is_never_written_through(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    content, templates = corpus
    out = tmp_path / "site"
    cache = tmp_path / ".cache" / "concordance-site"
    build(content, out, templates)
    edit_quote_text(content, random.Random(31))  # the first full rebuild fills a spare tree
    build(content, out, templates)
    pages = list(out.rglob("*.html"))
    linked = [p for p in pages if p.stat().st_nlink == 2]  # shared with the spare, not copied
    assert len(linked) > len(pages) // 2, (len(linked), len(pages))
    edit_quote_text(content, random.Random(32))  # writes into that spare, then swaps
    build(content, out, templates)
    (spare,) = cache.glob("tree-*")
    manifest = write.tree_manifest(cache, spare)
    assert manifest, "the spare tree keeps its manifest"
    for path, (digest, *_) in manifest.items():
        assert page_digest((spare / path).read_bytes()) == digest, path
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_a_manifest_of_another_kind_of_page_digest_is_no_manifest(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """A manifest written when a page's digest was half its SHA-256 (a bare dict) is read as
    none: its tree is written in full, its digests never compared with BLAKE3's."""
    content, templates = corpus
    out = tmp_path / "site"
    folder = tmp_path / ".cache" / "concordance-site"
    build(content, out, templates)
    manifest = write.tree_manifest(folder, out)
    assert manifest and all(
        entry[0] == page_digest((out / p).read_bytes())
        for p, entry in manifest.items()
        if p.endswith(".html")
    )
    (file,) = folder.glob(f"manifest-{out.stat().st_ino}.pickle")
    older = {
        p: (hashlib.sha256((out / p).read_bytes()).hexdigest()[:32], *entry[1:])
        for p, entry in manifest.items()
    }
    file.write_bytes(pickle.dumps(older))
    assert write.tree_manifest(folder, out) is None
    edit_quote_text(content, random.Random(41))
    build(content, out, templates)
    assert tree(out) == clean_build(content, templates, tmp_path)
    renewed = write.tree_manifest(folder, out)
    assert renewed is not None and set(renewed) == set(manifest)


def test_a_reused_tree_keeps_nothing_the_new_site_lacks(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """The spare tree is pruned after it is updated: files, links and folders the new site
    does not have go (a removed article's folder among them); what it has stays."""
    content, templates = corpus
    out = tmp_path / "site"
    cache = tmp_path / ".cache" / "concordance-site"
    build(content, out, templates)
    edit_quote_text(content, random.Random(41))
    build(content, out, templates)
    (spare,) = cache.glob("tree-*")  # the first site, to be updated by the next build
    removed = sorted((content / "articles").glob("*.md"))[3]
    removed.unlink()
    (spare / "stray.html").write_text("not part of the site", encoding="utf-8")
    (spare / "empty" / "deeper").mkdir(parents=True)
    (spare / "full" / "deeper").mkdir(parents=True)
    (spare / "full" / "deeper" / "index.html").write_text("stray", encoding="utf-8")
    (spare / "concepts" / "linked").symlink_to(spare / "articles", target_is_directory=True)
    listing = spare / "articles" / "index.html"  # lists the removed article: rewritten
    listing.unlink()
    (listing / "inside").mkdir(parents=True)  # a folder where the page goes
    inode = spare.stat().st_ino
    build(content, out, templates)
    assert out.stat().st_ino == inode  # the spare was updated and swapped in
    assert not (out / "articles" / removed.stem).exists()
    assert tree(out) == clean_build(content, templates, tmp_path)
    stray = ["stray.html", "empty", "full", "concepts/linked"]
    assert [name for name in stray if os.path.lexists(out / name)] == []


def pooled(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker pool, on a corpus too small to start one otherwise."""
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    monkeypatch.setattr(parallel, "CHUNK", 3)


def record_writers(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Each page a render worker writes itself adds the worker's process id to ``log``."""
    original = write.Direct.write

    def noted(self: write.Direct, page: Page) -> write.Written:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        return original(self, page)

    monkeypatch.setattr(write.Direct, "write", noted)


def test_workers_write_a_new_tree_as_the_writer_would(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new tree's pages are written by the render workers: the same files, and the same
    manifest, as when the writer writes them all; the next rebuild trusts that manifest."""
    content, templates = corpus
    pooled(monkeypatch)
    log = tmp_path / "writers.log"
    record_writers(monkeypatch, log)
    out = tmp_path / "site"
    build(content, out, templates, "--jobs", "2")
    writers = Counter(log.read_text(encoding="utf-8").split())
    assert os.getpid() not in {int(w) for w in writers} and len(writers) == 2
    by_workers = tree(out)
    manifest = write.tree_manifest(out.parent / ".cache" / "concordance-site", out)
    assert manifest is not None and set(manifest) == set(by_workers)
    assert sum(writers.values()) == len(by_workers) - 1  # all but the parent's sitemap

    outputs = pipeline._Outputs.__call__  # given no Direct, the writer makes every page
    monkeypatch.setattr(pipeline._Outputs, "__call__", lambda self, _: outputs(self, None))
    alone = tmp_path / "alone"
    build(content, alone, templates, "--jobs", "2")
    assert tree(alone) == by_workers
    again = write.tree_manifest(alone.parent / ".cache" / "concordance-alone", alone)
    assert again is not None
    assert {p: e[0] for p, e in again.items()} == {p: e[0] for p, e in manifest.items()}
    monkeypatch.undo()

    edit_article_title(content, random.Random(5))
    pooled(monkeypatch)
    build(content, out, templates, "--jobs", "2")
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_pages_written_into_the_tree_are_placed_without_path_objects(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page written straight into a tree (``write.Direct``), new or written over, is
    placed by its path as a string (``write.safe_file``), and so is the writer's note of it:
    a ``Path`` joined of its parts (``safe_target``) took a third of the Python time of
    writing a page, twice a page. The site is the same (``diff``: the test above)."""
    content, templates = corpus
    placed: list[str] = []
    seen = write.safe_target

    def noted(root: Path, relative: str) -> Path:
        placed.append(relative)
        return seen(root, relative)

    monkeypatch.setattr(write, "safe_target", noted)
    direct: list[tuple[bool, str]] = []
    original = write.Direct.write

    def writing(self: write.Direct, page: Page) -> write.Written:
        direct.append((self.fresh, page.path))
        return original(self, page)

    monkeypatch.setattr(write.Direct, "write", writing)
    out = tmp_path / "site"
    for _ in range(3):  # a new tree, then a --clean build's trees of unknown contents
        build(content, out, templates, "--jobs", "1", "--clean")
    assert {fresh for fresh, _ in direct} == {True, False}
    assert not {path for _, path in direct} & set(placed)
    assert tree(out) == clean_build(content, templates, tmp_path / "again")


@given(st.text(alphabet="ab/.\\", max_size=12))
def test_a_page_path_as_a_string_is_the_one_joined_and_refused_alike(relative: str) -> None:
    """``safe_file`` refuses what ``safe_target`` refuses, and names the same file."""
    root = "/srv/site"
    try:
        joined = str(write.safe_target(Path(root), relative))
    except write.OutputError:
        with pytest.raises(write.OutputError):
            write.safe_file(root, relative)
        return
    assert write.safe_file(root, relative) == joined


def test_a_worker_failing_half_way_keeps_the_site(
    corpus: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template that fails on one speaker's page, after the workers wrote others into the
    new tree: the old site stays, and the next good build is a clean build's equal."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates, "--clean")
    before = tree(out)
    speaker = templates / "speaker.html"
    good = speaker.read_text(encoding="utf-8")
    failing = "{% if speaker == 'Speaker 3' %}{{ no_such_value }}{% endif %}"
    speaker.write_text(good.replace("{% block main %}", "{% block main %}" + failing), "utf-8")
    pooled(monkeypatch)
    log = tmp_path / "writers.log"
    record_writers(monkeypatch, log)
    result = run_build(content, out, templates, "--clean", "--jobs", "2")
    assert result.code == 1 and "[template-error]" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert "no_such_value" in template_line(result.stderr), "placed at the failing line"
    assert len(log.read_text(encoding="utf-8").split()) > 10  # pages were written meanwhile
    assert tree(out) == before
    speaker.write_text(good, encoding="utf-8")
    build(content, out, templates, "--jobs", "2")
    monkeypatch.undo()
    assert tree(out) == clean_build(content, templates, tmp_path)


@pytest.mark.parametrize("spare", ["none", "new", "written over"])
def test_two_outputs_of_one_path_stop_the_build(tmp_path: Path, spare: str) -> None:
    """One path given twice is an error, and the site is not swapped in: in a new tree
    (no file is written through) and in one whose files are written over."""
    out = tmp_path / "site"
    folder = tmp_path / "cache"
    if spare == "written over":
        (folder / "tree-old" / "a").mkdir(parents=True)
        (folder / "tree-old" / "a" / "index.html").write_bytes(b"old")
        write._mark_scratch(folder, folder / "tree-old")
    pages = [Page("a/index.html", b"one"), Page("a/index.html", b"two")]
    with pytest.raises(write.OutputError, match="two outputs of one path"):
        write.write_site(lambda _: pages, out, spare=folder if spare != "none" else None)
    assert not out.exists()


def test_templates_compiled_by_other_code_are_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiled templates are kept for the code that compiled them: Jinja keys them by their
    source alone, and their code calls each filter as that code's took it, so after an
    upgrade that changed a filter's arguments a build ended in a traceback."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic" / "content", content)
    out = tmp_path / "site"
    assert run_cli("build", "--content", str(content), "--out", str(out)).code == 0
    # Other code, whose "truncate" takes no environment: the templates are compiled again.
    monkeypatch.setattr(inputs, "code_version", lambda folder=None: "f" * 64)
    monkeypatch.setitem(jinja2.filters.FILTERS, "truncate", lambda text, length: text[:length])
    built = run_cli("build", "--content", str(content), "--out", str(out))
    assert built.code == 0, built.stderr
    jinja = tmp_path / ".cache" / "concordance-site" / "jinja"
    assert [entry.name for entry in jinja.iterdir()] == ["f" * 32]


@pytest.mark.python_source  # compiled, ``pages`` hashes in C
def test_each_page_is_hashed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A concept's feed was hashed where its digest was recorded for the next build, and
    # again where it was written (``Page.hashed`` of the page before): a tenth of the bytes
    # a clean build hashes.
    from concordance import pages

    hashed: Counter[bytes] = Counter()

    def counted(data: bytes) -> str:
        hashed[data] += 1
        return page_digest(data)

    monkeypatch.setattr(pages, "page_digest", counted)
    content = copy_content("linked", tmp_path)
    out = tmp_path / "site"
    built = run_cli("build", "--content", str(content), "--out", str(out), "--clean")
    assert built.code == 0, built.stderr
    feeds = [data for data in hashed if data.startswith(b"<?xml") and b"<feed" in data]
    assert feeds and max(hashed.values()) == 1


def test_a_build_stopped_at_errors_makes_no_spare_tree(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    # The spare tree is looked for while the workers validate (``write.spare_ahead``): a
    # build that then stops at errors writes nothing, and leaves no new tree behind either.
    content, templates = corpus
    out = tmp_path / "site"
    article = sorted(content.rglob("*.md"))[0]
    broken = article.with_name("broken.md")
    broken.write_text("---\ntitle: [unclosed\n---\nA body.\n", encoding="utf-8")
    result = run_build(content, out, templates, "--quiet")
    assert result.code == 1, result.stderr
    cache = tmp_path / ".cache" / "concordance-site"
    assert list(cache.glob("tree-*")) == []
    assert not out.exists()
    broken.unlink()
    build(content, out, templates)
    assert tree(out) == clean_build(content, templates, tmp_path / "scratch")
