"""A build replaces its output folder whole: it refuses an output that would take the content,
the templates, the folder it runs in or someone's files with it, and a base URL that is not
one. Each refusal is a usage error (exit 2) that leaves every file where it was."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest
from conftest import REPO, copy_content, run_cli

from concordance.cli import main


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository-like folder: content/, templates/, a README, and the command run in it."""
    root = tmp_path / "project"
    root.mkdir()
    copy_content("basic", root)
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "README.md").write_text("the editor's notes\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text("hand-written\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize(
    ("out", "says"),
    [
        ("content", "overlaps the content folder"),
        ("content/articles", "overlaps the content folder"),
        ("content/site", "overlaps the content folder"),
        ("templates", "overlaps the templates folder"),
        (".", "overlaps the content folder"),
        ("..", "overlaps the content folder"),
        ("docs", "not a built site"),
        # Pages written by hand, with a home page of their own (GitHub Pages serves docs/):
        # an index.html was taken for the sign of a built site, and the folder replaced.
        ("pages", "not a built site"),
        # The cache is kept beside the output, in .cache: the swap moved it away mid-build,
        # which ended in "No such file or directory" and left a ..cache.old-* folder behind.
        (".cache", "overlaps the cache folder"),
    ],
)
def test_an_output_that_would_replace_what_is_not_a_site_is_refused(
    project: Path, out: str, says: str
) -> None:
    (project / "pages").mkdir()
    (project / "pages" / "index.html").write_text("<h1>Hand-written</h1>\n", encoding="utf-8")
    (project / "pages" / "guide.html").write_text("<p>A guide</p>\n", encoding="utf-8")
    before = snapshot(project.parent)
    result = run_cli(
        "build", "--content", "content", "--templates", "templates", "--out", out, "--no-search"
    )
    assert result.code == 2, result.stderr
    assert says in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project.parent) == before
    assert sorted(p.name for p in project.parent.iterdir()) == ["project"]  # no cache, no lock


@pytest.mark.parametrize(
    ("read", "where"),
    [
        # The cache of --out site is .cache/concordance-site: one not made by a build is
        # discarded whole, and the content there went with it.
        ("content", ".cache/concordance-site"),
        ("content", ".cache/concordance-site/content"),
        ("templates", ".cache/concordance-site/templates"),
        # Holding the cache, it got the build's files among the editor's.
        ("content", ".cache"),
    ],
)
def test_a_folder_read_that_overlaps_the_cache_is_refused(
    project: Path, read: str, where: str
) -> None:
    stderr = _refused_reading_from(project, read, where)
    assert f"overlaps the {read} folder {where}" in stderr, stderr


@pytest.mark.parametrize(
    ("read", "where"), [("content", ".site.new-drafts"), ("templates", ".site.old-theme/templates")]
)
def test_a_folder_read_named_as_a_staging_tree_of_the_output_is_refused(
    project: Path, read: str, where: str
) -> None:
    """A build deletes the staging trees a killed one left beside its output (``.site.new-*``,
    ``.site.old-*``): content kept in ``.site.new-drafts`` was read, then deleted."""
    stderr = _refused_reading_from(project, read, where)
    assert f"the {read} folder {where} is named as the trees" in stderr, stderr


@pytest.mark.parametrize(("kind", "says"), [("file", "is a file"), ("link", "symbolic link")])
def test_an_output_that_is_a_file_or_a_link_is_refused_before_anything_is_made(
    project: Path, kind: str, says: str
) -> None:
    """A file would be lost; a link would be replaced by a folder. Nothing goes beside them
    either: no lock, no cache."""
    elsewhere = project.parent / "served"
    elsewhere.mkdir()
    if kind == "file":
        (project / "notes.txt").write_text("the editor's notes\n", encoding="utf-8")
        out = "notes.txt"
    else:
        (project / "site").symlink_to(elsewhere)
        out = "site"
    before = {p.name for p in project.iterdir()}
    result = run_cli("build", "--content", "content", "--out", out, "--no-search")
    assert result.code == 2 and says in result.stderr, result.stderr
    assert {p.name for p in project.iterdir()} == before
    assert list(elsewhere.iterdir()) == []
    if kind == "link":
        assert str(elsewhere) in result.stderr  # the folder to give instead


def test_an_output_holding_the_working_folder_is_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Content given by an absolute path elsewhere, the output an ancestor of the cwd."""
    monkeypatch.chdir(project / "docs")
    before = snapshot(project)
    content = str(project / "content")
    result = run_cli("build", "--content", content, "--out", str(project), "--no-search")
    assert result.code == 2 and "overlaps the content folder" in result.stderr
    work = project.parent / "work"
    (work / "inner").mkdir(parents=True)
    monkeypatch.chdir(work / "inner")
    result = run_cli("build", "--content", content, "--out", str(work), "--no-search")
    assert result.code == 2 and "holds the current folder" in result.stderr
    assert snapshot(project) == before and list(work.iterdir()) == [work / "inner"]


@pytest.mark.parametrize("kind", ["new", "empty", "previous build"])
def test_a_new_or_empty_folder_or_a_previous_site_is_built_into(project: Path, kind: str) -> None:
    out = project / "site"
    if kind != "new":
        out.mkdir()
    if kind == "previous build":
        assert run_cli("build", "--content", "content", "--out", "site", "--no-search").code == 0
        (out / "stale.html").write_text("a page of an older build\n", encoding="utf-8")
    result = run_cli("build", "--content", "content", "--out", "site", "--no-search", "--clean")
    assert result.code == 0, result.stderr
    assert (out / "index.html").is_file() and not (out / "stale.html").exists()
    assert (project / "README.md").read_text(encoding="utf-8") == "the editor's notes\n"


@pytest.mark.parametrize("git", ["folder", "file"])
def test_a_checkout_of_a_published_site_is_refused(project: Path, git: str) -> None:
    """A ``gh-pages`` checkout (a clone's ``.git`` folder, a worktree's ``.git`` file) holds
    a built site's marks: it was replaced whole, the repository's history with it."""
    assert run_cli("build", "--content", "content", "--out", "pages", "--no-search").code == 0
    if git == "folder":
        (project / "pages" / ".git").mkdir()
        (project / "pages" / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", "utf-8")
    else:
        (project / "pages" / ".git").write_text("gitdir: ../.git/worktrees/pages\n", "utf-8")
    before = snapshot(project.parent)
    result = run_cli("build", "--content", "content", "--out", "pages", "--no-search")
    assert result.code == 2, result.stderr
    assert "holds a repository (.git)" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project.parent) == before


@pytest.mark.parametrize(
    "url",
    ["javascript:alert", "not a url", "/repo/", "https://", 'https://x.org/"><script>', "ftp://x/"],
)
def test_a_base_url_that_is_not_an_http_address_is_a_usage_error(project: Path, url: str) -> None:
    for command in (["build", "--out", "site", "--no-search"], ["serve", "--port", "0"]):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as exited:
            main([*command, "--content", "content", "--base-url", url])  # argparse's usage error
        assert exited.value.code == 2
        assert "not an absolute http(s) URL" in err.getvalue()
    assert not (project / "site").exists()


@pytest.mark.parametrize(
    ("url", "mended"),
    [
        ("https://user.github.io//cdn.example/", "https://user.github.io/cdn.example/"),
        ("https://user.github.io/repo//", "https://user.github.io/repo/"),
        ("https://user.github.io/repo/index.html", "https://user.github.io/repo/"),
        ("https://user.github.io/%2e%2e/x/", "https://user.github.io/x/"),  # a dot to browsers
    ],
)
def test_a_base_url_that_is_no_folder_is_a_usage_error_with_the_folder_meant(
    project: Path, url: str, mended: str
) -> None:
    for command in (["build", "--out", "site", "--no-search"], ["serve", "--port", "0"]):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as exited:
            main([*command, "--content", "content", "--base-url", url])  # argparse's usage error
        assert exited.value.code == 2
        assert err.getvalue().rstrip().endswith(f"; write {mended})")
    assert not (project / "site").exists()


def test_a_base_url_without_its_last_slash_is_accepted(project: Path) -> None:
    url = "https://user.github.io/repo"
    result = run_cli("build", "--content", "content", "--out", "site", "--base-url", url)
    assert result.code == 0, result.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://user.github.io/repo/">' in home


def _refused_reading_from(project: Path, read: str, where: str) -> str:
    """The error of a build into ``site`` with its ``read`` folder (content or templates)
    moved to ``where``, which it must refuse, touching nothing."""
    (project / where).parent.mkdir(parents=True, exist_ok=True)
    (project / read).rename(project / where)
    before = snapshot(project.parent)
    options = {"content": "content", "templates": "templates", read: where}
    result = run_cli(
        "build",
        *("--content", options["content"], "--templates", options["templates"]),
        *("--out", "site", "--no-search"),
    )
    assert result.code == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project.parent) == before
    return result.stderr
