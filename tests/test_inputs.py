"""What a rebuild reads of the content: the files in a fixed order, and the digest of each
file's bytes, taken from its stats when they show it unchanged."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, CliRun, run_cli

from concordance import cache
from concordance.cache import STALE_READS, file_digests
from concordance.digests import _PIECE, file_digest, path_digest
from concordance.inputs import _listing, content_files, site_listing
from concordance.model import MEDIA_SUFFIXES as MEDIA
from concordance.model import PUBLISHED_SUFFIXES


@pytest.mark.parametrize("size", [0, 1, _PIECE - 1, _PIECE, 2 * _PIECE + 7])
def test_a_files_digest_read_a_piece_at_a_time_is_the_digest_of_its_bytes(
    tmp_path: Path, size: int
) -> None:
    """Files are fingerprinted a piece at a time (a video beside the articles is never read
    whole), and read whole for their articles: both must give one digest."""
    data = (b"zorp glorp " * (size // 11 + 1))[:size]
    (tmp_path / "zorp.bin").write_bytes(data)
    assert path_digest(tmp_path / "zorp.bin") == file_digest(data)
    assert path_digest(str(tmp_path / "zorp.bin")) == file_digest(data)


def test_stats_of_another_kind_of_digest_are_no_stats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stats stored when a file's digest was its BLAKE2b (a bare ``FileStats``) are read as
    none: each file is read again, its digest never taken from them."""
    (tmp_path / "a.md").write_text("zorp", encoding="utf-8")
    names, folder = [str(tmp_path / "a.md")], tmp_path / "cache"
    monkeypatch.setattr(cache, "RACY_MARGIN_NS", 0)
    assert file_digests(folder, names, tmp_path) == [file_digest(b"zorp")]
    stats = cache.load_file_stats(folder)
    assert stats is not None and stats.files[names[0]][4] == file_digest(b"zorp")
    older = {
        name: (*entry[:4], hashlib.blake2b(b"zorp", digest_size=20).hexdigest())
        for name, entry in stats.files.items()
    }
    cache.store(folder / "stats.pickle", cache.FileStats(stats.taken_at, older))
    assert cache.load_file_stats(folder) is None
    assert file_digests(folder, names, tmp_path) == [file_digest(b"zorp")]


def test_content_files_come_in_the_order_of_their_path_parts(tmp_path: Path) -> None:
    names = ["a.md", "a/x.md", "a-b.md", "a b.md", "B.md", "b/c/d.md", "b.md", "ä.md", "_x.md"]
    for name in [*names, ".hidden/y.md", "notes.txt"]:
        file = tmp_path / "articles" / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("x", encoding="utf-8")
    found = content_files(tmp_path, "articles")
    expected = sorted(p for p in (tmp_path / "articles").rglob("*.md") if "_" not in p.name)
    assert found == [str(p) for p in expected if ".hidden" not in p.parts]


def test_every_edit_is_seen_while_the_stats_wait_to_be_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Files changed just before stats are taken are read again until stats are taken 2 s
    # later ("racily clean"): without the margin, this test needs no sleep.
    monkeypatch.setattr(cache, "RACY_MARGIN_NS", 0)
    files = [tmp_path / f"{i:02}.md" for i in range(STALE_READS + 8)]
    for i, file in enumerate(files):
        file.write_text(f"text {i}", encoding="utf-8")
    names = [str(f) for f in files]
    folder = tmp_path / "cache"
    stats = folder / "stats.pickle"

    def actual() -> list[str]:
        return [file_digest(f.read_bytes()) for f in files]

    assert file_digests(folder, names, tmp_path) == actual()
    stored = stats.read_bytes()
    for round_ in range(3):  # the same few files, edited again and again
        for file in files[:3]:
            file.write_text(f"edited {round_}", encoding="utf-8")
        assert file_digests(folder, names, tmp_path) == actual()
    assert stats.read_bytes() == stored  # a few files read again cost less than a store
    for file in files[: STALE_READS + 1]:
        file.write_text("edited at last", encoding="utf-8")
    assert file_digests(folder, names, tmp_path) == actual()
    assert stats.read_bytes() != stored


def test_a_large_file_read_again_has_its_stats_stored_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One large attachment saved just before a build, too recently for its stats to be
    trusted, was read whole again by every build after it (one file is below STALE_READS)."""
    monkeypatch.setattr(cache, "STALE_BYTES", 1000)
    small, large = tmp_path / "a.md", tmp_path / "film.zip"
    small.write_text("text", encoding="utf-8")
    large.write_bytes(b"z" * 2000)
    names, folder = [str(small), str(large)], tmp_path / "cache"
    file_digests(folder, names, tmp_path)  # stored: no stats before
    stored = (folder / "stats.pickle").read_bytes()
    monkeypatch.setattr(cache, "RACY_MARGIN_NS", 0)  # the next build trusts what it stores
    small.write_text("edited", encoding="utf-8")
    file_digests(folder, names, tmp_path)
    assert (folder / "stats.pickle").read_bytes() == stored  # a small file: not worth a store
    large.write_bytes(b"y" * 2000)
    file_digests(folder, names, tmp_path)
    assert (folder / "stats.pickle").read_bytes() != stored
    read: list[str] = []
    monkeypatch.setattr(cache, "path_digest", lambda name: read.append(name) or "")
    file_digests(folder, names, tmp_path)
    assert str(large) not in read


# --- links and folders, through the command line -----------------------------------------

GOOD = "---\ntitle: A\ndate: 2024-01-01\nquotes:\n  - text: glorp\n    concepts: [zelt]\n---\n"


def diagnostics(result: CliRun) -> list[str]:
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if not line.startswith("checked in")]


def test_links_that_cannot_be_followed_are_diagnosed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken link, a folder linked from outside the content and a link looping back were
    skipped without a word: their articles silently left out of the site."""
    articles = tmp_path / "content" / "articles"
    (articles / "real").mkdir(parents=True)
    (articles / "real" / "2024-01-01-a.md").write_text(GOOD + "glorp\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (articles / "gone.md").symlink_to("2024-09-09-missing.md")
    (articles / "gone-folder").symlink_to("missing", target_is_directory=True)
    (articles / "out").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (articles / "real" / "up").symlink_to(articles, target_is_directory=True)
    (tmp_path / "content" / "concepts").mkdir()
    (tmp_path / "content" / "concepts" / "zelt.md").symlink_to("../none/zelt.md")
    monkeypatch.chdir(tmp_path)
    broken = "error: broken symbolic link: No such file or directory [link-broken]"
    broken_hint = "    hint: restore what it points to, or delete the link"
    assert diagnostics(run_cli("check", "--content", "content")) == [
        f"content/articles/gone-folder:1:1: {broken}",
        broken_hint,
        f"content/articles/gone.md:1:1: {broken}",
        broken_hint,
        "content/articles/out:1:1: error: symbolic link to a folder outside the content "
        "directory [file-outside-content]",
        "    hint: move the folder into the content directory",
        "content/articles/real/2024-01-01-a.md:6:16: warning: concept 'zelt' has no "
        "definition [concept-undefined]",
        "    hint: fix the error reported for content/concepts/zelt.md: until then it defines"
        " no concept",
        "content/articles/real/up:1:1: error: symbolic link to a folder that contains it: "
        "following it would never end [link-loop]",
        "    hint: delete the link",
        f"content/concepts/zelt.md:1:1: {broken}",
        broken_hint,
    ]


def test_a_link_to_the_content_folder_is_a_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``articles/all`` leading to ``content/`` (a folder above ``articles/``) was followed
    once: every article was read twice, a slug-collision reported for each, and the loop
    was reported at ``articles/all/articles/all``, a path that is nowhere on disk."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "2024-01-01-a.md").write_text(GOOD + "glorp\n", encoding="utf-8")
    (content / "articles" / "all").symlink_to("..", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    assert diagnostics(run_cli("check", "--content", "content")) == [
        "content/articles/2024-01-01-a.md:6:16: warning: concept 'zelt' has no definition "
        "[concept-undefined]",
        "    hint: add concepts/zelt.md to define it, or use the name of a defined concept",
        "content/articles/all:1:1: error: symbolic link to a folder that contains it: "
        "following it would never end [link-loop]",
        "    hint: delete the link",
    ]


def test_a_folder_linked_inside_the_content_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    (content / "archive").mkdir(parents=True)
    (content / "archive" / "2024-01-01-a.md").write_text(GOOD + "zelt\n", encoding="utf-8")
    (content / "articles").mkdir()
    (content / "articles" / "old").symlink_to("../archive", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    assert diagnostics(run_cli("check", "--content", "content")) == [
        "content/articles/old/2024-01-01-a.md:5:11: error: quote not found in the article body: "
        '"glorp" [quote-not-found]',
        '    hint: closest passage (line 8): "zelt"',
        "content/articles/old/2024-01-01-a.md:6:16: warning: concept 'zelt' has no definition "
        "[concept-undefined]",
        "    hint: add concepts/zelt.md to define it, or use the name of a defined concept",
    ]


def test_a_link_is_judged_again_on_each_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is wrong with a link is not in any file's bytes, which the build cache goes by."""
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    link = articles / "more"
    link.symlink_to("missing", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    build = ("build", "--content", "content", "--out", "site", "--no-search")
    assert diagnostics(run_cli(*build))[0] == (
        "content/articles/more:1:1: error: broken symbolic link: No such file or directory "
        "[link-broken]"
    )
    link.unlink()
    link.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert diagnostics(run_cli(*build))[0] == (
        "content/articles/more:1:1: error: symbolic link to a folder outside the content "
        "directory [file-outside-content]"
    )


NOT_CONTENT = (
    "build.py: . does not look like a content folder: it has no articles/, concepts/ or "
    "site.yaml (give the content folder with --content)\n"
)


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_folder_that_is_not_content_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """``--content .`` at the repository's root checked nothing and passed."""
    (tmp_path / "notes.md").write_text(GOOD + "glorp\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli(command, "--content", ".")
    assert (result.code, result.stderr) == (2, NOT_CONTENT)


@pytest.mark.parametrize(
    ("marker", "tool", "given"),
    [
        ("hugo.toml", "a Hugo site", "."),
        ("hugo.toml", "a Hugo site", "content"),  # the site's own content folder, of posts/
        ("_config.yml", "a Jekyll site", "."),
        ("astro.config.mjs", "an Astro site", "."),
        ("mkdocs.yml", "a MkDocs site", "."),
        (".obsidian", "an Obsidian vault", "."),  # its settings a folder
    ],
)
def test_another_tool_s_site_is_named_with_how_to_bring_its_posts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marker: str, tool: str, given: str
) -> None:
    """``--content`` of a Hugo, Jekyll or Astro site, or an Obsidian vault, as a move from
    it starts: told what it is and where its Markdown goes, not only that it is no content
    folder."""
    (tmp_path / "content" / "posts").mkdir(parents=True)
    (tmp_path / "content" / "posts" / "glorp.md").write_text(GOOD, encoding="utf-8")
    if marker.startswith("."):
        (tmp_path / marker).mkdir()
    else:
        (tmp_path / marker).write_text("title: Glorp\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--content", given)
    assert result.code == 2
    assert result.stderr.endswith(
        f"(give the content folder with --content); it is part of {tool}: copy"
        " its Markdown files into a content folder's articles/ (mkdir -p content/articles),"
        " and check says what each needs\n"
    ), result.stderr


@pytest.mark.parametrize("command", ["check", "build", "suggest", "new"])
def test_a_file_given_as_content_is_named_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """``--content content/site.yaml`` (a file, not the folder) was 'content directory not
    found', of a path that is there."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "site.yaml").write_text("title: T\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    title = ("A title",) if command == "new" else ()
    result = run_cli(command, *title, "--content", "content/site.yaml")
    assert result.code == 2
    assert result.stderr.endswith(
        "content/site.yaml is a file, not a folder: give the content folder with --content\n"
    )


def test_serve_refuses_a_folder_that_is_not_content(tmp_path: Path) -> None:
    # In a subprocess: a server that starts would otherwise never return.
    serve = [sys.executable, str(REPO / "build.py"), "serve", "--content", ".", "--port", "0"]
    (tmp_path / "notes.md").write_text(GOOD + "glorp\n", encoding="utf-8")  # not empty
    result = subprocess.run(
        serve, cwd=tmp_path, capture_output=True, text=True, timeout=30, check=False
    )
    assert (result.returncode, result.stderr) == (2, NOT_CONTENT)


@pytest.mark.parametrize("made", ["articles", "site.yaml"])
def test_a_new_site_needs_only_one_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: str
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    if made == "articles":
        (content / "articles").mkdir()
    else:
        (content / "site.yaml").write_text("title: Glorp\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--content", "content")
    assert (result.code, diagnostics(result)) == (0, [])


def test_images_are_listed_wherever_they_are_but_private_names(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for name in [
        "articles/img/a.png",
        "articles/img/B.JPG",
        "media/c.webp",
        "d.gif",
        "articles/_draft/e.png",
        ".git/f.png",
        "articles/img/g.svg",
        "articles/h.md",
    ]:
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(b"x")
    (content / "media" / "linked.png").symlink_to(content / "d.gif")
    (content / "media" / "broken.png").symlink_to(content / "nowhere.png")
    (tmp_path / "secret.png").write_bytes(b"a secret of the machine that builds")
    (content / "media" / "outside.png").symlink_to(tmp_path / "secret.png")
    listed = [Path(f).relative_to(content).as_posix() for f in content_files(content, "", MEDIA)]
    assert listed == [
        "articles/img/B.JPG",
        "articles/img/a.png",
        "d.gif",
        "media/c.webp",
        "media/linked.png",
    ]


def unread_warnings(result: CliRun) -> dict[str, str]:
    """Path -> hint of each ``file-not-read`` warning of a ``--format json`` run."""
    found = json.loads(result.stdout)["diagnostics"]
    return {d["path"]: d["hint"] for d in found if d["code"] == "file-not-read"}


def test_files_named_unlike_those_read_are_warned_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article or settings file the build does not read would be missing from the site
    without a word; editors' backups and hidden or '_' names are left alone silently, but
    for Jekyll's folder of posts, ``_posts``, copied in whole."""
    content = tmp_path / "content"
    unread = [
        "articles/2024-01-02-b.MD",
        "articles/2024/2024-01-03-c.markdown",
        "articels/2024-01-04-d.md",
        "article/2024/2024-01-05-e.md",
        "article/2024/2024-01-06-f.md",  # one warning for the folder
        "2024-01-07-g.md",
        "site.yml",
        "articles/_posts/2024-01-11-k.md",  # Jekyll's posts: one warning for the folder
        "articles/_posts/2024-01-12-l.markdown",
        "_posts/2024-01-13-m.md",
        "articles/2024-01-14-n.mdx",  # MDX, Quarto, R Markdown, Markdoc
        "articles/2024-01-15-o.qmd",
        "articles/2024-01-16-p.Rmd",
        "articles/2024-01-17-q.mdoc",
    ]
    silent = [
        "articles/2024-01-01-a.md~",
        "articles/.2024-01-01-a.md.swp",
        "articles/.#2024-01-01-a.md",
        "articles/4913",
        "articles/_2024-01-08-h.MD",
        "_drafts/2024-01-09-i.md",
        ".trash/2024-01-10-j.md",
        "README.md",
        "Readme.md",
        "README.zh-CN.md",
        "CHANGELOG.md",
    ]
    for name in ["articles/2024-01-01-a.md", *unread, *silent]:
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(GOOD + "glorp\n", encoding="utf-8")
    (content / "site.yml").write_text("title: Glorp site\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--content", "content", "--format", "json")
    assert result.code == 0
    assert unread_warnings(result) == {
        "content/articles/2024-01-02-b.MD": "rename it 2024-01-02-b.md",
        "content/articles/2024/2024-01-03-c.markdown": "rename it 2024-01-03-c.md",
        "content/articels/2024-01-04-d.md": "rename the folder to articles/",
        "content/article/2024/2024-01-05-e.md": "rename the folder to articles/",
        "content/2024-01-07-g.md": (
            "move it into articles/ (or concepts/, if it defines a concept); to keep it here"
            " unread, start its name with '_'"
        ),
        "content/site.yml": "rename it site.yaml",
        "content/articles/_posts/2024-01-11-k.md": (
            "rename the folder posts/: a name that starts with '_' is a draft's, never read"
        ),
        "content/articles/2024-01-14-n.mdx": "rename it 2024-01-14-n.md",
        "content/articles/2024-01-15-o.qmd": "rename it 2024-01-15-o.md",
        "content/articles/2024-01-16-p.Rmd": "rename it 2024-01-16-p.md",
        "content/articles/2024-01-17-q.mdoc": "rename it 2024-01-17-q.md",
        "content/_posts/2024-01-13-m.md": (
            "move the folder into articles/ as posts/: a name that starts with '_' is a"
            " draft's, never read"
        ),
    }


def test_a_file_managers_copy_of_an_article_is_warned_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy made by Explorer, Finder, a download or a sync tool is read as an article of
    its own: each statement it shares with the original showed twice, without a word. An
    article whose name only ends like a copy's, with no original beside it, passes."""
    content = tmp_path / "content"
    copies = [
        "2024-01-01-a - Copy.md",
        "2024-01-01-a copy 2.md",
        "2024-01-01-a (1).md",
        "2024-01-01-a (Speaker 7's conflicted copy 2024-01-02).md",
        "2024-01-01-a.sync-conflict-20240102-101500-ABCDEFG.md",
    ]
    for name in ["2024-01-01-a.md", *copies, "2024-01-03-b copy.md", "2024-01-04-c-copy.md"]:
        (content / "articles").mkdir(parents=True, exist_ok=True)
        (content / "articles" / name).write_text(GOOD + "glorp\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = json.loads(run_cli("check", "--content", "content", "--format", "json").stdout)
    warned = {d["path"]: d["message"] for d in found["diagnostics"] if d["code"] == "article-copy"}
    assert warned == {
        f"content/articles/{name}": (
            "this file looks like a copy of 2024-01-01-a.md, made by a file manager or a sync"
            " tool: it is built as an article of its own, so the statements the two share show"
            " twice"
        )
        for name in copies
    }


def test_an_unread_folders_warning_counts_its_other_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One warning per folder, at its first file, counting the others in words that agree
    with the count ("1 more Markdown files" before)."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "2024-01-01-a.md").write_text(GOOD + "glorp\n", encoding="utf-8")
    for folder, count in (("notes", 2), ("drafts", 3)):
        for n in range(count):
            (content / folder).mkdir(exist_ok=True)
            (content / folder / f"2024-01-0{n + 2}-x.md").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = json.loads(run_cli("check", "--content", "content", "--format", "json").stdout)
    messages = {d["path"]: d["message"] for d in found["diagnostics"]}
    assert messages["content/notes/2024-01-02-x.md"].endswith(
        "neither articles/ nor concepts/ (nor the other Markdown file in it)"
    )
    assert messages["content/drafts/2024-01-02-x.md"].endswith(
        "neither articles/ nor concepts/ (nor the 2 other Markdown files in it)"
    )


def test_a_rebuild_warns_about_a_file_named_unlike_those_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding one changes no file the build reads: the rebuild must not take the site in
    place for its result, with the last build's diagnostics."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "2024-01-01-a.md").write_text(GOOD + "glorp\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    build = ("build", "--content", "content", "--out", "site", "--no-search")

    def unread() -> list[str]:
        return [x for x in diagnostics(run_cli(*build)) if x.endswith("[file-not-read]")]

    assert unread() == []
    (content / "articles" / "2024-01-02-b.MD").write_text(GOOD + "glorp\n", encoding="utf-8")
    [warned] = unread()
    assert warned.startswith("content/articles/2024-01-02-b.MD:1:1: warning: ")


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by its path from it, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize(("inside", "given"), [("", "."), ("articles", "..")])
def test_the_content_folder_named_from_inside_it_builds_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inside: str, given: str
) -> None:
    """From inside the content folder, ``--content ..`` read every file as a link to one
    outside it (file-outside-content, nothing built), and ``--content .`` every relative
    link to a published file as climbing out of it (link-unresolved, the link left out)."""
    content = tmp_path / "content"
    article = content / "articles" / "2024-01-01-a.md"
    article.parent.mkdir(parents=True)
    article.write_text(GOOD + "glorp, see [the zorp report](report.pdf).\n", encoding="utf-8")
    (content / "articles" / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (content / "concepts").mkdir()
    (content / "concepts" / "zelt.md").write_text("---\ntitle: zelt\n---\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    named = run_cli("build", "--out", "named", "--strict")
    assert named.code == 0, named.stderr
    monkeypatch.chdir(content / inside)
    inner = run_cli("build", "--content", given, "--out", str(tmp_path / "inner"), "--clean")
    assert inner.code == 0, inner.stderr
    assert _tree(tmp_path / "inner") == _tree(tmp_path / "named")


def test_one_walk_lists_what_the_walks_of_each_folder_list(tmp_path: Path) -> None:
    """``site_listing`` walks ``articles/`` and ``concepts/`` within the walk of the content
    folder: it lists what ``content_files`` lists of each and what a walk of the content
    folder finds, links that loop, lead out or are broken among them; the articles and
    concepts are left out of the other Markdown files, as ``unread_files`` leaves them."""
    content = tmp_path / "content"
    for name in [
        "articles/a.md",
        "articles/B.MD",
        "articles/sub/c.md",
        "articles/img.png",
        "articles/_draft/d.md",
        "articles/_posts/p.md",
        "concepts/k.md",
        "concepts/p.PNG",
        "misc/y.md",
        "top.md",
    ]:
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text("x")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "o.md").write_text("x")
    links = {
        "articles/loop": content,
        "articles/up": content / "articles",
        "articles/to-concepts": content / "concepts",
        "articles/broken.md": content / "nowhere",
        "articles/linked.md": content / "top.md",
        "articles/linked.png": content / "articles" / "img.png",
        "articles/out": tmp_path / "out",
        "media": content / "misc",
    }
    for name, target in links.items():
        (content / name).symlink_to(target)
    articles, concepts, media, markdown = site_listing(content)
    assert articles == content_files(content, "articles")
    assert concepts == content_files(content, "concepts")
    found, others = _listing(content, "", PUBLISHED_SUFFIXES)
    assert media == found
    assert markdown == [file for file in others if file not in {*articles, *concepts}]
    listed = [Path(f).relative_to(content).as_posix() for f in articles]
    assert "articles/to-concepts/k.md" in listed  # a link to a folder inside is walked
    assert len(markdown) == 5  # B.MD, _posts/p.md, misc/y.md and media/y.md, top.md
