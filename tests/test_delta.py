"""Rebuilds after edits to article bodies alone (``concordance.delta``): one page rendered,
replaced in place, and still byte-for-byte the site a clean build gives."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import BinaryIO

import jinja2
import pytest
from bs4 import BeautifulSoup

from concordance import atomic, pipeline, render, write
from concordance.cache import cache_dir, signature
from concordance.config import BuildOptions
from concordance.diagnostics import Span
from concordance.load import read_document
from concordance.model import Article
from concordance.pages import ArticleFrame, Page, page_digest
from concordance.render import (
    ARTICLE_TEMPLATE,
    FRAMES_MEMO,
    body_in_one_place,
    environment,
    frames_remembered,
    page_tasks,
)
from concordance.validate import validate_article
from tests.conftest import FIXTURES, REPO, run_cli
from tests.test_incremental import (
    build,
    clean_build,
    corpus,  # noqa: F401 (a fixture)
    count_renders,
    edit_article_body,
    edit_article_opening,
    tree,
)


def mtimes(root: Path) -> dict[str, int]:
    return {
        p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()
    }


def test_a_body_edit_renders_nothing_and_rewrites_only_its_article_page(
    corpus: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    inode, before = out.stat().st_ino, mtimes(out)
    rendered = count_renders(monkeypatch)
    edit_article_body(content, random.Random(21))
    build(content, out, templates)
    assert rendered == []  # the new body went into the frame the last build kept
    after = mtimes(out)
    changed = [path for path in after if after[path] != before.get(path)]
    assert len(changed) == 1 and changed[0].startswith("articles/"), changed
    assert b"zedit" in (out / changed[0]).read_bytes()
    assert out.stat().st_ino == inode  # replaced in place: no tree was swapped
    monkeypatch.undo()
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_an_edit_of_the_opening_paragraph_rebuilds_what_shows_the_summary(
    corpus: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    before = (out / "feed.xml").read_bytes()
    edit_article_opening(content, random.Random(22))
    build(content, out, templates)
    assert (out / "feed.xml").read_bytes() != before  # the feed shows each summary
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_a_same_size_edit_with_its_mtime_put_back_is_still_seen(
    corpus: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    """The digests of unchanged files come from their stat; ctime catches what mtime hides."""
    content, templates = corpus
    out = tmp_path / "site"
    file = sorted((content / "articles").glob("*.md"))[3]
    old = file.stat()
    os.utime(file, ns=(old.st_atime_ns, old.st_mtime_ns - 10_000_000_000))  # long ago
    build(content, out, templates)
    stamp = file.stat()
    text = file.read_text(encoding="utf-8").rstrip("\n")
    file.write_text(text[:-2] + "Q.\n", encoding="utf-8")
    os.utime(file, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert file.stat().st_size == stamp.st_size
    build(content, out, templates)
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_a_body_edit_with_search_indexes_the_new_text(
    corpus: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    content, templates = corpus
    out = tmp_path / "site"
    command = ["build", "--content", str(content), "--out", str(out), "--templates", str(templates)]
    assert run_cli(*command).code == 0
    edit_article_body(content, random.Random(23))
    assert run_cli(*command).code == 0
    assert (out / "pagefind" / "pagefind.js").is_file()
    pages = [p for p in out.glob("articles/*/index.html") if b"zedit" in p.read_bytes()]
    assert len(pages) == 1


def _second_replacement_fails(monkeypatch: pytest.MonkeyPatch, out: Path) -> list[str]:
    """Make the second page renamed into ``out`` fail as on a full disk (the first is
    renamed into the live site): the pages tried, as they are."""
    renamed: list[str] = []
    original = os.replace

    def replace_then_fail(source: str | Path, target: str | Path) -> None:
        if Path(target).is_relative_to(out):
            renamed.append(str(target))
            if len(renamed) > 1:
                raise OSError(28, "No space left on device")
        original(source, target)

    monkeypatch.setattr(write.os, "replace", replace_then_fail)
    return renamed


def test_a_build_killed_while_replacing_pages_is_repaired_by_the_next(
    corpus: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    rng = random.Random(24)
    edit_article_body(content, rng)
    edit_article_body(content, rng)

    renamed = _second_replacement_fails(monkeypatch, out)
    result = run_cli(
        "build", "--content", str(content), "--out", str(out), "--no-search",
        "--templates", str(templates),
    )  # fmt: skip
    assert result.code == 2 and "No space left" in result.stderr
    assert len(renamed) == 2  # it failed half-way through the in-place replacement
    monkeypatch.undo()
    build(content, out, templates)
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_an_edit_undone_after_a_failed_replacement_is_built(
    corpus: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The in-place replacement stops half-way (a full disk, a kill) and the editor undoes
    the edit: the content is again that of the last whole build, but the site is not, so
    the rebuild must not take it for that build's site."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    before, _ = _edit_two_with_a_failed_replacement(content, out, templates, monkeypatch)
    for file, data in before.items():
        file.write_bytes(data)
    build(content, out, templates)
    assert tree(out) == clean_build(content, templates, tmp_path)


def _edit_two_with_a_failed_replacement(
    content: Path, out: Path, templates: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[Path, bytes], list[str]]:
    """Edit two articles and rebuild, the second page's replacement failing: (each article's
    bytes before the edit, the pages renamed into place)."""
    before = {p: p.read_bytes() for p in sorted((content / "articles").glob("*.md"))}
    for file in list(before)[:2]:  # two pages to replace
        text = file.read_text(encoding="utf-8").rstrip("\n")
        file.write_text(text[:-1] + " zedit.\n", encoding="utf-8")
    renamed = _second_replacement_fails(monkeypatch, out)
    result = run_cli(
        "build", "--content", str(content), "--out", str(out), "--no-search",
        "--templates", str(templates),
    )  # fmt: skip
    assert result.code == 2 and len(renamed) == 2
    monkeypatch.undo()
    return before, renamed


def test_an_edit_undone_after_a_killed_replacement_is_newer_than_the_page_it_replaces(
    corpus: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The in-place replacement is killed after one page, then the edit is undone: the
    spare tree holds that page's old bytes with its old mtime, but they replace the edited
    page, so they must be newer than it (an older one would let a server answering
    If-Modified-Since tell a browser holding the edited page that it is current)."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    concepts = templates / "concepts.html"  # a full rebuild: the spare holds the first site
    concepts.write_text(concepts.read_text(encoding="utf-8") + "<!-- z -->\n", "utf-8")
    build(content, out, templates)
    before, renamed = _edit_two_with_a_failed_replacement(content, out, templates, monkeypatch)
    edited = Path(renamed[0])
    shown, shown_at = edited.read_bytes(), edited.stat().st_mtime_ns
    for file, data in before.items():
        file.write_bytes(data)
    build(content, out, templates)
    assert edited.read_bytes() != shown
    assert edited.stat().st_mtime_ns > shown_at
    assert tree(out) == clean_build(content, templates, tmp_path)


@pytest.mark.parametrize("where", ["page", "state"])
def test_a_full_disk_leaves_no_half_written_file_in_the_cache(
    corpus: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    """The disk fills up while a page or the build's state is written to its temporary
    file: the file, named for the process, would otherwise stay in the cache for good."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    edit_article_body(content, random.Random(25))

    def half_then_full(handle: BinaryIO) -> None:
        handle.write(b"half")
        raise OSError(28, "No space left on device")

    if where == "page":
        original = Path.write_bytes

        def write_bytes(self: Path, data: bytes) -> int:
            if self.name.startswith(".page-"):
                with open(self, "wb") as handle:
                    half_then_full(handle)
            return original(self, data)

        monkeypatch.setattr(Path, "write_bytes", write_bytes)
    else:
        monkeypatch.setattr(
            atomic.pickle, "dump", lambda _value, handle, **_: half_then_full(handle)
        )
    result = run_cli(
        "build", "--content", str(content), "--out", str(out), "--no-search",
        "--templates", str(templates),
    )  # fmt: skip
    assert result.code == 2
    assert result.stderr.endswith(": No space left on device\n"), result.stderr
    monkeypatch.undo()
    assert sorted(p.name for p in cache_dir(out).rglob("*.tmp")) == []
    build(content, out, templates)
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_a_body_edit_whose_page_folder_was_removed_builds_the_whole_site(
    corpus: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    """The in-place replacement does not stat the live site first: a folder removed by
    hand is found when the page cannot be renamed into it."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    inode = out.stat().st_ino
    file = sorted((content / "articles").glob("*.md"))[5]
    text = file.read_text(encoding="utf-8").rstrip("\n")
    file.write_text(text[:-1] + " zgone.\n", encoding="utf-8")
    page = out / "articles" / file.stem / "index.html"
    for stale in page.parent.iterdir():
        stale.unlink()
    page.parent.rmdir()
    build(content, out, templates)
    assert out.stat().st_ino != inode  # a whole new tree was swapped in
    assert b"zgone" in page.read_bytes()
    assert tree(out) == clean_build(content, templates, tmp_path)


@pytest.mark.parametrize("where", ["title", "footer"])
def test_a_body_edit_of_a_page_changed_by_hand_builds_the_whole_site(
    corpus: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
    where: str,
) -> None:
    """The cache keeps where the frame stands in the live page, not its text: a page changed
    by hand around its body (before it or after it) does not hold the frame any more, and
    the whole site is built, which puts the page right."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    inode = out.stat().st_ino
    file = sorted((content / "articles").glob("*.md"))[3]
    page = out / "articles" / file.stem / "index.html"
    html = page.read_text(encoding="utf-8")
    mark = "<title>" if where == "title" else "</footer>"
    page.write_text(html.replace(mark, f"{mark}hand", 1), encoding="utf-8")
    text = file.read_text(encoding="utf-8").rstrip("\n")
    file.write_text(text[:-1] + " zhand.\n", encoding="utf-8")
    build(content, out, templates)
    assert out.stat().st_ino != inode  # a whole new tree was swapped in
    assert b"zhand" in page.read_bytes() and b">hand" not in page.read_bytes()
    assert tree(out) == clean_build(content, templates, tmp_path)


@pytest.mark.parametrize(
    ("shown", "frames"),
    [
        ("{{ a.body_html | safe }}", True),
        ("{{ a.body_html | safe }}{{ a.body_html | safe }}", False),  # shown twice
        ("{{ a.body_html }}", False),  # escaped: the stand-in would not be
        ("{{ a.body_html | safe }}<p>{{ a.body_html | length }}</p>", False),  # measured
        ("{% if a.body_html %}{{ a.body_html | safe }}{% endif %}", False),  # tested
        ("{{ a['body_html'] | safe }}{{ a.body_html | safe }}", False),
        ("{{ a.body_html | safe }}{% include page.path %}", False),  # named at run time
    ],
)
def test_article_pages_are_frames_only_when_the_templates_show_the_body_once_as_it_is(
    tmp_path: Path, shown: str, frames: bool
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    article = templates / ARTICLE_TEMPLATE
    text = article.read_text(encoding="utf-8")
    assert text.count("{{ a.body_html | safe }}") == 1
    article.write_text(text.replace("{{ a.body_html | safe }}", shown), encoding="utf-8")
    assert body_in_one_place(environment(templates)) is frames


def test_whether_pages_are_frames_is_kept_while_the_templates_read_are_the_same(
    tmp_path: Path,
) -> None:
    """``frames_remembered`` keeps ``body_in_one_place``'s answer beside the compiled
    templates, with the digest of each template it read, and gives it again, without
    parsing them, while those are the same: the kept answer made false shows."""
    templates, bytecode = tmp_path / "templates", tmp_path / "jinja"
    shutil.copytree(REPO / "templates", templates)
    bytecode.mkdir()

    def remembered() -> bool:
        return frames_remembered(environment(templates, bytecode), bytecode)

    assert remembered() is True
    memo = bytecode / FRAMES_MEMO
    version, frames, read = pickle.loads(memo.read_bytes())
    assert (version, frames) == (jinja2.__version__, True)
    assert sorted(read) == ["_head_meta.html", ARTICLE_TEMPLATE, "base.html"]
    memo.write_bytes(pickle.dumps((version, False, read)))
    assert remembered() is False  # kept: none of the three changed
    home = templates / "home.html"
    home.write_text(home.read_text(encoding="utf-8") + "{{ 1 }}", encoding="utf-8")
    assert remembered() is False  # a template the article page is not made of
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert remembered() is True  # found again
    article = templates / ARTICLE_TEMPLATE
    shown = "{{ a.body_html | safe }}"
    article.write_text(article.read_text(encoding="utf-8").replace(shown, shown * 2), "utf-8")
    assert remembered() is False
    article.write_text(article.read_text(encoding="utf-8").replace(shown * 2, shown), "utf-8")
    memo.write_bytes(b"\x80")
    assert remembered() is True  # a memo that cannot be read is none
    (templates / "_head_meta.html").unlink()
    with pytest.raises(jinja2.TemplateNotFound):  # as without a memo
        remembered()


class Drafts:
    """A ``render.Reuse`` that keeps nothing from before and records each page made."""

    def __init__(self) -> None:
        self.made: list[tuple[Page, bytes | None]] = []

    def lookup(self, file: str, inputs: tuple[object, ...]) -> str | None:
        return None

    def record(self, page: Page, draft: bytes | None) -> Page:
        self.made.append((page, draft))
        return page.hashed()


@pytest.mark.parametrize("name", ["basic", "directions", "unspaced"])
def test_an_article_page_and_its_frame_are_made_at_once(name: str) -> None:
    """``ArticleFrame.drafted`` encodes a frame once and hashes the side before
    the body once for the page's digest and the frame's: the page it gives is the page of
    the frame, its digest that of its bytes, and the frame it packs is read back out of it."""
    content = FIXTURES / name / "content"
    checked = pipeline.check_content(BuildOptions(content=content, jobs=1))
    drafts = Drafts()
    for task in page_tasks(checked.index, checked.config, REPO / "templates", drafts):
        task.run()
    articles = [(page, draft) for page, draft in drafts.made if draft is not None]
    assert len(articles) == len(checked.index.articles) > 0
    for page, draft in articles:
        assert page.digest == page_digest(page.data)
        frame = ArticleFrame.unpacked(draft, page.data)
        assert frame is not None and frame.path == page.path
        body = checked.index.articles[page.path.split("/")[1]].body_html
        assert frame.page(body) == page
        before, after = frame.sides()
        assert page.data.startswith(before) and page.data.endswith(after)
        assert len(before) + len(after) < len(page.data)
        shown = BeautifulSoup(page.data, "lxml").select("article.article div.body")
        assert len(shown) == 1 and shown[0].decode_contents().strip()


def test_an_article_page_s_view_is_made_with_the_stand_in_not_copied(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The view of an article page made as a frame holds the stand-in for its body from the
    start, and a page is given its digest as it is made: a copy by ``dataclasses.replace``,
    which looks at every field, took some 8 µs a page (an ``ArticleView`` of 13 fields)."""
    content = FIXTURES / "basic" / "content"
    checked = pipeline.check_content(BuildOptions(content=content, jobs=1))
    copied: list[object] = []

    def copy(value: object, /, **changes: object) -> object:
        copied.append(value)
        return replace(value, **changes)  # type: ignore[type-var]

    monkeypatch.setattr(render, "replace", copy)
    drafts = Drafts()
    for task in page_tasks(checked.index, checked.config, REPO / "templates", drafts):
        task.run()
    assert len([draft for _, draft in drafts.made if draft is not None]) > 0
    assert copied == []
    page = Page("x/index.html", b"glorp")
    assert page.hashed() == Page(page.path, page.data, page_digest(page.data))


def test_a_template_that_measures_the_body_is_rendered_after_every_body_edit(
    corpus: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    """A page made from a frame would show the stand-in's length, not the body's."""
    content, templates = corpus
    article = templates / ARTICLE_TEMPLATE
    text = article.read_text(encoding="utf-8")
    measured = '{{ a.body_html | safe }}<p class="size">{{ a.body_html | length }}</p>'
    article.write_text(text.replace("{{ a.body_html | safe }}", measured), encoding="utf-8")
    out = tmp_path / "site"
    build(content, out, templates)
    edit_article_body(content, random.Random(25))
    build(content, out, templates)
    pages = [p.read_text(encoding="utf-8") for p in out.glob("articles/*/index.html")]
    shown = re.compile(r'<div class="body prose[^"]*">\n(.*)<p class="size">(\d+)<', re.S)
    for page in pages:
        body, size = shown.search(page).groups()  # type: ignore[union-attr]
        assert len(body) == int(size)
    assert any("zedit" in page for page in pages)
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_rebuilds_that_take_a_shortcut_import_only_what_they_use(
    corpus: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    """Start-up is most of a shortcut's time (``runner``): one that changes nothing needs no
    YAML, Markdown or templates, and one after a body edit no templates, nor PyYAML: the
    article's front matter is read without it (``yaml_fast``), and no catalog of labels."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    argv = ["build", "--content", str(content), "--out", str(out), "--no-search", "--quiet"]
    script = (
        "import sys; from concordance.cli import main; "
        f"code = main({[*argv, '--templates', str(templates)]!r}); "
        "heavy = ('jinja2', 'yaml', 'markdown_it', 'multiprocessing'); "
        "print(code, *sorted(m for m in sys.modules if m in heavy))"
    )

    def imported() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    assert imported() == "0"
    edit_article_body(content, random.Random(26))
    assert imported() == "0 markdown_it"
    assert tree(out) == clean_build(content, templates, tmp_path)


def test_an_edit_that_changes_no_output_rewrites_no_file(
    corpus: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    before = mtimes(out)
    file = sorted((content / "articles").glob("*.md"))[2]
    file.write_text(file.read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")
    build(content, out, templates)
    assert mtimes(out) == before
    assert tree(out) == clean_build(content, templates, tmp_path)


@pytest.mark.parametrize(
    "edit", [edit_article_body, edit_article_opening], ids=["body edit", "whole build"]
)
def test_a_cache_that_cannot_be_saved_after_the_swap_is_a_warning_on_a_built_site(
    corpus: tuple[Path, Path],  # noqa: F811
    tmp_path: Path,
    edit: Callable[[Path, random.Random], None],
) -> None:
    """The build's state is saved once the new site is in place: a failure then ended the
    build with exit 2 and the message of a failed build, on a site that was whole."""
    content, templates = corpus
    out = tmp_path / "site"
    build(content, out, templates)
    edit(content, random.Random(31))
    in_the_way = cache_dir(out) / f".state.pickle.{os.getpid()}.tmp"  # ``atomic.store``'s
    (in_the_way / "a file").mkdir(parents=True)
    result = run_cli(
        "build", "--content", str(content), "--out", str(out), "--no-search",
        "--templates", str(templates),
    )  # fmt: skip
    assert result.code == 0, result.stderr
    built, warning = result.stderr.splitlines()[-2:]
    assert re.match(rf"built \d+ files into {re.escape(str(out))} in ", built), built
    assert warning.startswith(
        "build.py: warning: the site was built, but the build cache could not be saved (Is a"
        f" directory: {in_the_way}"
    )
    assert warning.endswith("); the next build is a full one")
    assert not (cache_dir(out) / "state.pickle").exists()  # forgotten: not taken for this site
    assert tree(out) == clean_build(content, templates, tmp_path)
    shutil.rmtree(in_the_way)
    assert run_cli(
        "build", "--content", str(content), "--out", str(out), "--no-search",
        "--templates", str(templates),
    ).stderr.splitlines()[-1].startswith("built ")  # fmt: skip
    assert tree(out) == clean_build(content, templates, tmp_path)


_SIGNED_ARTICLE = """---
title: Glorp report
date: 2024-01-02
said_on: 2024-01-01
source: Synthetic Wire 7
url: https://example.org/glorp
place: Place 3
speaker: Speaker 7
concepts: [glorp, zorp]
language: en
quotes:
  - text: the glorp grows
    concepts: [glorp]
    note: A zorp note.
    said_on: 2023-12-31
  - text: zorp is plenty
    concepts: [zorp, glorp]
    speaker: Speaker 8
    id: q-zorp
---
## Zorp heading

They said the glorp grows, and zorp is plenty. See [the other](2024-01-01-b.md).
"""
_SIGN = (
    "import sys; from pathlib import Path; from concordance.cache import signature;"
    " from concordance.load import read_document; from concordance.validate import"
    " validate_article; content = Path(sys.argv[1]);"
    " print(signature(validate_article(read_document(content, content / sys.argv[2])[0])[0]))"
)


def _signed_article(tmp_path: Path) -> tuple[Path, Article]:
    """A content folder of an article with every optional field, and that article."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "2024-01-02-a.md").write_text(_SIGNED_ARTICLE, encoding="utf-8")
    (content / "articles" / "2024-01-01-b.md").write_text(
        "---\ntitle: B\ndate: 2024-01-01\n---\nGlorp.\n", encoding="utf-8"
    )
    raw, problems = read_document(content, content / "articles" / "2024-01-02-a.md")
    article, found = validate_article(raw)
    assert isinstance(article, Article) and not problems + found, problems + found
    return content, article


def test_an_articles_signature_is_the_same_in_every_process(tmp_path: Path) -> None:
    """The last build's workers signed the article; the next build's parent signs it again
    (hash randomisation differs from one process to the next)."""
    content, article = _signed_article(tmp_path)
    signed = {
        subprocess.run(
            [sys.executable, "-c", _SIGN, str(content), "articles/2024-01-02-a.md"],
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)},
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        for seed in ("1", "2", "random")
    }  # fmt: skip
    assert signed == {signature(article)}


def _another(value: object, name: str = "") -> object:
    """A value of the same kind as ``value``, the field ``name``'s, that is not equal to it."""
    if value is None and name.endswith("span"):
        return Span("zorp.md", 1, 1)
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, Span):
        return value._replace(col=value.col + 1)
    if isinstance(value, tuple):
        return value[:-1] if value else ("zorp",)
    return "zorp" if value is None else pytest.fail(f"no other value for {value!r}")


def test_every_field_but_the_body_changes_an_articles_signature(tmp_path: Path) -> None:
    """An edit that keeps the signature renders only the article's own page: whatever else
    differs must change it, down to the column of a quote's concept."""
    _content, article = _signed_article(tmp_path)
    signed = signature(article)
    assert signature(replace(article, body_html="<p>zorp</p>")) == signed
    quote = article.quotes[0]
    others = [
        *(replace(article, **{f.name: _another(getattr(article, f.name), f.name)})
          for f in fields(article) if f.name != "body_html"),
        *(replace(article, quotes=(replace(quote, **{f.name: _another(getattr(quote, f.name),
                                                                      f.name)}),
                                   *article.quotes[1:])) for f in fields(quote)),
        replace(article, quotes=(replace(quote, concept_spans=(
            quote.concept_spans[0]._replace(path="zorp.md"),)), *article.quotes[1:])),
        replace(article, links=(article.links[0]._replace(image=True),)),
    ]  # fmt: skip
    assert article.links and article.headings and article.language and quote.note
    assert all(signature(other) != signed for other in others)
    assert len({signature(other) for other in others}) == len(others)


def test_an_article_holding_a_lone_surrogate_is_signed(tmp_path: Path) -> None:
    """JSON cannot carry a lone surrogate: such a text is signed by its repr."""
    _content, article = _signed_article(tmp_path)
    quote = replace(article.quotes[0], note="zorp \ud800")
    lone = replace(article, quotes=(quote, *article.quotes[1:]))
    assert signature(lone) not in {signature(article), ""}
    assert signature(lone) == signature(replace(lone, body_html=""))
