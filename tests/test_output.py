"""The output as a whole: links resolve at / and under a base path, rebuilds are
byte-identical, a failing build leaves the previous site alone."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import REPO, copy_content, run_cli
from sitecheck import check_addresses, check_links, soup

from bench import gen_corpus
from concordance.pages import Page
from concordance.write import write_site

BASES = [None, "https://example.org/sub/path/"]


def build(content: Path, out: Path, *extra: str) -> None:
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search", *extra)
    assert result.code == 0, result.stderr


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("base_url", BASES)
@pytest.mark.parametrize("content", ["real", "basic"])
def test_every_internal_link_and_fragment_resolves(
    tmp_path: Path, content: str, base_url: str | None
) -> None:
    out = tmp_path / "site"
    extra = ("--base-url", base_url) if base_url else ()
    build(copy_content(content, tmp_path), out, *extra)
    base_path = "/sub/path/" if base_url else "/"
    checked, broken = check_links(out, base_path)
    assert checked > 50
    assert broken == []
    canonical = soup(out / "concepts" / "index.html").find("link", rel="canonical")["href"]
    assert (
        canonical
        == (
            base_url or "https://example.org/"
            if content == "basic"
            else base_url or "http://localhost:8000/"
        )
        + "concepts/"
    )


@pytest.mark.parametrize("content", ["real", "hostile-xss"])
def test_every_absolute_address_of_the_site_resolves(tmp_path: Path, content: str) -> None:
    """Canonical links, og:url, linked data, feeds, sitemap, robots.txt and the 404 page's
    base-absolute links: each address under the base URL names a file of the site, under a
    base path a browser reads only once decoded (an apostrophe, an encoded space)."""
    out = tmp_path / "site"
    base_url = "https://example.org/it's%20a/path/"
    build(copy_content(content, tmp_path), out, "--base-url", base_url)
    checked, broken = check_addresses(out, base_url)
    assert checked > 100
    assert broken == []


def test_404_links_are_base_absolute(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(REPO / "content", out, "--base-url", "https://example.org/sub/path/")
    page = soup(out / "404.html")
    hrefs = [a["href"] for a in page.find_all("a")] + [
        link["href"] for link in page.find_all("link", rel="stylesheet")
    ]
    assert hrefs and all(h.startswith(("/sub/path/", "#")) for h in hrefs)


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    build(REPO / "content", first)
    build(REPO / "content", second)
    assert tree(first) == tree(second)


def test_rebuild_removes_stale_files_and_leaves_no_temp_dirs(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    out = tmp_path / "site"
    build(content, out)
    assert (out / "concepts" / "mubra-method" / "index.html").exists()
    (content / "concepts" / "mubra-method.md").unlink()
    article = content / "articles" / "2021-03-04-lorem-report.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("[Mubra Method]", "[zelt tea]"),
        encoding="utf-8",
    )
    build(content, out)
    assert not (out / "concepts" / "mubra-method").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == []


def test_failing_build_leaves_previous_site_untouched(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    out = tmp_path / "site"
    build(content, out)
    before = tree(out)
    article = content / "articles" / "2022-07-09-second.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "text: The tesik plan needs zelt tea", "text: The tesik plan wants zelt tea"
        ),
        encoding="utf-8",
    )
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 1
    assert "2022-07-09-second.md:7:11: error: quote not found" in result.stderr
    assert tree(out) == before


def test_a_site_folder_whose_name_is_no_utf8_gets_its_search_index(tmp_path: Path) -> None:
    """Pagefind refused the staging folder's path as its argument ("For more information, try
    '--help'"), so a folder named in Latin-1 got no site at all."""
    content = copy_content("basic", tmp_path)
    out = tmp_path / os.fsdecode(b"caf\xe9-site")
    result = run_cli("build", "--content", str(content), "--out", str(out))
    assert result.code == 0, result.stderr
    assert (out / "pagefind" / "pagefind-entry.json").is_file()


def test_editing_a_quote_makes_check_fail_at_its_line(tmp_path: Path) -> None:
    content = copy_content("real", tmp_path)
    article = next((content / "articles").glob("*.md"))
    lines = article.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "- text:" in line)
    lines[number] = lines[number].replace("- text: ", "- text: Entirely different words, ")
    article.write_text("".join(lines), encoding="utf-8")
    result = run_cli("check", "--content", str(content))
    assert result.code == 1
    expected = f"{content.as_posix()}/articles/{article.name}:{number + 1}:"
    assert any(
        line.startswith(expected) and "quote-not-found" in line
        for line in result.stderr.splitlines()
    )


@pytest.fixture(params=[0o022, 0o027])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_site_folder_has_the_mode_of_its_subfolders(tmp_path: Path, umask: int) -> None:
    """The site is copied as it is (rsync -a to a web server): a private top folder
    (mkdtemp's 0o700) would make the whole copy unreadable to the server."""
    expected = 0o777 & ~umask
    content = copy_content("basic", tmp_path)
    out = tmp_path / "site"
    build(content, out)  # a new tree in the build cache
    assert (mode(out), mode(out / "concepts")) == (expected, expected)

    for tree in (tmp_path / ".cache").rglob("tree-*"):
        tree.chmod(0o700)  # a spare tree made before this was fixed
    out.chmod(0o700)
    article = content / "articles" / "2021-03-04-lorem-report.md"
    concepts = "[Mubra Method]"
    for step in ("[the spare tree]", "[the other tree]"):  # the two trees take turns
        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace(concepts, step), encoding="utf-8")
        concepts = step
        build(content, out)
        assert (out / "concepts" / step.strip("[]").replace(" ", "-")).is_dir()
        assert mode(out) == expected, step
    build(content, out, "--clean")
    assert mode(out) == expected

    direct = tmp_path / "direct"  # the writer without a build cache
    write_site(lambda _tree: [Page("index.html", b"<p>x</p>")], direct)
    write_site(lambda _tree: [Page("a/index.html", b"<p>y</p>")], direct)
    assert (mode(direct), mode(direct / "a")) == (expected, expected)


def fake_pagefind(folder: Path, writes: tuple[str, ...]) -> Path:
    """A ``pagefind`` module that does as Pagefind 1.5 does when its writer threads fail:
    prints its summary and exits 0, having written only the files ``writes``."""
    module = folder / "pagefind"
    module.mkdir(parents=True)
    (module / "__init__.py").write_text("", encoding="utf-8")
    (module / "__main__.py").write_text(
        "import pathlib\n"
        'bundle = pathlib.Path("pagefind")\n'
        "bundle.mkdir(exist_ok=True)\n"
        f"for name in {list(writes)!r}:\n"
        '    (bundle / name).write_text("{}", encoding="utf-8")\n'
        'print("Indexed 1 page")\n',
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    "writes", [(), ("pagefind.js", "pagefind-entry.json"), ("pagefind.js",)], ids=str
)
def test_a_search_index_not_written_fails_the_build_and_keeps_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writes: tuple[str, ...]
) -> None:
    """Pagefind that exits 0 without writing its index (a folder it could not write in):
    the build reported success and swapped in a site whose search found nothing."""
    content = copy_content("basic", tmp_path)
    out = tmp_path / "site"
    assert run_cli("build", "--content", str(content), "--out", str(out)).code == 0
    before = tree(out)
    monkeypatch.setenv("PYTHONPATH", str(fake_pagefind(tmp_path / "fake", writes)))
    article = content / "articles" / "2021-03-04-lorem-report.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nGlorp zorp.\n", encoding="utf-8")
    for extra in ((), ("--clean",)):  # the spare tree of the cache, and a new one
        result = run_cli("build", "--content", str(content), "--out", str(out), *extra)
        assert result.code == 2, result.stderr
        last = result.stderr.strip().splitlines()[-1]
        assert "search index not built (pagefind exited 0 but did not write" in last
        assert tree(out) == before


def test_a_site_of_ascii_content_is_written_in_ascii(tmp_path: Path) -> None:
    """Labels and templates write their punctuation as character references, so that a page
    of ASCII content stays an ASCII string, which Python joins and encodes cheaply. One
    literal '·' or '…' in a template or a label would make every page wide again; so with the
    feeds' labels and separators, written as references by number."""
    content = tmp_path / "content"
    gen_corpus.generate(24, seed=3, out=content, jobs=1)
    assert all(path.read_bytes().isascii() for path in content.rglob("*") if path.is_file())
    out = tmp_path / "site"
    build(content, out, "--base-url", "https://user.github.io/repo/")
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 24
    wide = [page.relative_to(out).as_posix() for page in pages if not page.read_bytes().isascii()]
    assert wide == []
    speaker = next(page for page in pages if page.parent.parent.name == "speakers")
    assert "\u00b7" in soup(speaker).get_text()  # the references still read as '·'
    # So do the feeds', by number (XML knows no names): '“', '—', '·' and '…' read as such.
    feeds = sorted(out.rglob("*.xml"))
    assert len(feeds) > 1
    assert [f.relative_to(out).as_posix() for f in feeds if not f.read_bytes().isascii()] == []
    concept = ElementTree.parse(next(out.glob("concepts/*/feed.xml"))).getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert " \u00b7 " in concept.findtext(f"{atom}title", "")
    said = concept.findtext(f"{atom}entry/{atom}content", "")
    assert "\u2014" in said and "\u201c" in said and "\u201d" in said
