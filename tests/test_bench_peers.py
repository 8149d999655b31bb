"""The benchmark's peers (bench/hugo_site.py, eleventy_site.py, pelican_site.py,
jekyll_site.py) build the same site from a corpus: one page per article, one per concept
that a quote names listing every quote that names it, and three index pages. The ratios in
the README are only fair if they do. The builds run where the peer can be installed (Hugo
and Jekyll: where Debian's packages are, as on CI, whose script installs them; Eleventy:
wherever Node.js and npm are; Pelican: from PyPI); the conversion is checked everywhere."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from bs4 import BeautifulSoup

from bench import eleventy_site, hugo_site, jekyll_site, peer_content, pelican_site
from bench import run as bench_run
from bench.check_corpus import fold, split_document
from bench.gen_corpus import generate
from bench.peer_content import peer_corpus, urlize

N = 60
INDEX_PAGES = 3  # home, articles, concepts A-Z


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate(N, 5, folder)
    return folder


def _expected_quotes(corpus: Path) -> Counter[str]:
    """Quotes per concept title, resolved from the corpus files directly."""
    titles = {}
    for path in (corpus / "concepts").glob("*.md"):
        meta, _ = split_document(path.read_text(encoding="utf-8"))
        for name in [meta["title"], *meta.get("aliases", [])]:
            titles[fold(name)] = meta["title"]
    counts: Counter[str] = Counter()
    for path in (corpus / "articles").glob("*.md"):
        meta, _ = split_document(path.read_text(encoding="utf-8"))
        for quote in meta["quotes"]:
            counts.update(titles.get(fold(n), fold(n)) for n in quote["concepts"])
    return counts


def test_peer_corpus_names_concepts_by_their_titles(corpus: Path) -> None:
    articles, concepts = peer_corpus(corpus)
    assert len(articles) == N
    named = Counter(n for a in articles for q in a.front["quotes"] for n in q["concepts"])
    assert named == _expected_quotes(corpus)
    for article in articles:
        quoted = {n for q in article.front["quotes"] for n in q["concepts"]}
        assert article.front["concepts"] == sorted(quoted)
    assert {c.title for c in concepts} <= set(named)


def test_eleventy_site_holds_the_corpus(corpus: Path, tmp_path: Path) -> None:
    count = eleventy_site.write_eleventy_site(corpus, tmp_path / "site")
    assert count == N
    articles, _ = peer_corpus(corpus)
    for article in articles:
        text = (tmp_path / "site" / "articles" / article.name).read_text(encoding="utf-8")
        opener, rest = text.split("\n", 1)
        front, body = rest.split("\n---\n", 1)
        assert opener == "---json"
        assert json.loads(front) == article.front
        assert body == article.body
    slugs = json.loads((tmp_path / "site" / "_data" / "slugs.json").read_text(encoding="utf-8"))
    assert slugs == {name: urlize(name) for name in _expected_quotes(corpus)}
    with pytest.raises(FileExistsError):  # a folder it did not make is never wiped
        eleventy_site.write_eleventy_site(corpus, corpus)


def test_pelican_site_holds_the_corpus(corpus: Path, tmp_path: Path) -> None:
    assert pelican_site.write_pelican_site(corpus, tmp_path / "site") == N
    articles, _ = peer_corpus(corpus)
    for article in articles:
        text = (tmp_path / "site" / "content" / "articles" / article.name).read_text("utf-8")
        head, body = text.split("\n\n", 1)
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        assert meta["Title"] == article.front["title"]
        assert meta["Tags"].split(", ") == article.front["concepts"]
        assert json.loads(meta["Quotes"]) == article.front["quotes"]
        assert body == article.body


def test_jekyll_site_holds_the_corpus(corpus: Path, tmp_path: Path) -> None:
    assert jekyll_site.write_jekyll_site(corpus, tmp_path / "site") == N
    articles, _ = peer_corpus(corpus)
    for article in articles:
        text = (tmp_path / "site" / "_posts" / article.name).read_text(encoding="utf-8")
        opener, rest = text.split("\n", 1)
        front, body = rest.split("\n---\n", 1)
        assert opener == "---"
        stem = article.name.removesuffix(".md")
        expected = {**article.front, "layout": "article", "permalink": f"/articles/{stem}/"}
        assert json.loads(front) == expected
        assert body == article.body


def _check_built_site(corpus: Path, out: Path) -> None:
    """Every article has a page, and every concept's page lists each of its quotes."""
    expected = _expected_quotes(corpus)
    pages = sorted(out.rglob("*.html"))
    assert len(pages) == N + len(expected) + INDEX_PAGES
    for title, quotes in expected.items():
        page = out / "concepts" / urlize(title) / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        assert soup.h1 is not None and soup.h1.get_text() == title
        assert len(soup.select("li > blockquote")) == quotes, title
    for path in (corpus / "articles").glob("*.md"):
        assert (out / "articles" / path.stem / "index.html").is_file()


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_hugo_builds_the_same_pages(corpus: Path, tmp_path: Path) -> None:
    hugo_site.write_hugo_site(corpus, tmp_path / "site")
    out = tmp_path / "out"
    subprocess.run(["hugo", "--quiet", "-d", str(out)], cwd=tmp_path / "site", check=True)
    _check_built_site(corpus, out)


@pytest.mark.skipif(
    shutil.which("node") is None or shutil.which("npm") is None,
    reason="Eleventy needs Node.js and npm",
)
def test_eleventy_builds_the_same_pages(corpus: Path, tmp_path: Path) -> None:
    entry = eleventy_site.install(tmp_path / "eleventy")
    assert entry == eleventy_site.install(tmp_path / "eleventy")  # installed once
    eleventy_site.write_eleventy_site(corpus, tmp_path / "site")
    out = tmp_path / "out"
    command = eleventy_site.command(entry, out)
    subprocess.run(command, cwd=tmp_path / "site", check=True, stdin=subprocess.DEVNULL)
    _check_built_site(corpus, out)


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_jekyll_builds_the_same_pages(corpus: Path, tmp_path: Path) -> None:
    jekyll_site.write_jekyll_site(corpus, tmp_path / "site")
    out = tmp_path / "out"
    command = jekyll_site.command(jekyll_site.program(), out)
    subprocess.run(command, cwd=tmp_path / "site", check=True, stdin=subprocess.DEVNULL)
    _check_built_site(corpus, out)


def test_pelican_builds_the_same_pages(corpus: Path, tmp_path: Path) -> None:
    entry = pelican_site.install(tmp_path / "pelican")
    pelican_site.write_pelican_site(corpus, tmp_path / "site")
    out = tmp_path / "out"
    command = pelican_site.command(entry, out)
    subprocess.run(command, cwd=tmp_path / "site", check=True, stdin=subprocess.DEVNULL)
    _check_built_site(corpus, out)


def test_table_gives_a_ratio_to_each_peer() -> None:
    def row(tool: str, step: str, wall: float) -> bench_run.Row:
        sample = bench_run.Sample(wall, wall, 10.0, None, 5)
        return bench_run.Row(100, tool, step, [sample], sample)

    rows = [
        row("concordance", "clean build", 6.0),
        row("concordance", "no-change rebuild", 0.5),
        row("hugo", "clean build", 2.0),
        row("eleventy", "clean build", 4.0),
    ]
    lines = bench_run.table(rows).splitlines()
    assert lines[0].endswith(" wall ÷ Hugo | wall ÷ Eleventy |")
    cells = [[c.strip() for c in line.split("|")[1:-1]] for line in lines[2:]]
    assert [c[-2:] for c in cells] == [
        ["3.0x", "1.5x"],
        ["0.2x", "0.1x"],
        ["-", "0.5x"],
        ["2.0x", "-"],
    ]
    assert "wall ÷ Eleventy" not in bench_run.table(rows[:3])


@pytest.mark.skipif(
    shutil.which("node") is None or shutil.which("npm") is None,
    reason="Eleventy needs Node.js and npm",
)
def test_benchmark_times_eleventy(tmp_path: Path) -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
        code = bench_run.main(
            ["--sizes", "40", "--repeat", "1", "--rss-interval", "0", "--tmp", str(tmp_path),
             "--vs", "eleventy", "--peers", str(tmp_path / "eleventy"), "--skip-concordance"]
        )  # fmt: skip
    assert code == 0, printed.getvalue()
    rows = [line.split("|")[1:-1] for line in printed.getvalue().splitlines()]
    timed = [[c.strip() for c in r] for r in rows if r and r[0].strip() == "40"]
    assert [r[1:3] for r in timed] == [["eleventy", "clean build"]]
    assert int(timed[0][3]) > 40 and float(timed[0][4]) > 0
    assert "Eleventy " + eleventy_site.VERSION in printed.getvalue()


def test_vs_names_known_peers_only() -> None:
    with contextlib.redirect_stderr(io.StringIO()), pytest.raises(SystemExit):
        bench_run.parse_args(["--vs", "gatsby"])
    options, _ = bench_run.parse_args(["--vs", "eleventy,hugo,eleventy,jekyll,pelican"])
    assert options.peers == ("eleventy", "hugo", "jekyll", "pelican")


def test_a_failing_peer_is_a_row_not_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eleventy ran out of memory at N=20000: the benchmark reports that and goes on."""
    fail = ["sh", "-c", "echo 'FATAL ERROR: heap out of memory' >&2; exit 3"]
    monkeypatch.setattr(bench_run.eleventy_site, "install", lambda folder: folder)
    monkeypatch.setattr(bench_run.eleventy_site, "command", lambda entry, out: fail)
    monkeypatch.setattr(bench_run, "_can_run", lambda peer, options: True)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
        code = bench_run.main(
            ["--sizes", "30", "--repeat", "1", "--rss-interval", "0", "--tmp", str(tmp_path),
             "--vs", "eleventy", "--skip-concordance"]
        )  # fmt: skip
    assert code == 0, printed.getvalue()
    row = next(line for line in printed.getvalue().splitlines() if line.startswith("| 30 |"))
    assert (
        "| eleventy | clean build | failed: exit code 3: FATAL ERROR: heap out of memory |" in row
    )


def test_a_peer_that_cannot_be_installed_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """npm out of reach: the benchmark says so and times what it can, without a traceback."""

    def offline(folder: Path) -> Path:
        raise subprocess.CalledProcessError(1, ["npm", "install"])

    monkeypatch.setattr(bench_run.eleventy_site, "install", offline)
    monkeypatch.setattr(bench_run.shutil, "which", lambda tool: f"/usr/bin/{tool}")
    errors = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(errors):
        code = bench_run.main(["--sizes", "30", "--vs", "eleventy", "--skip-concordance"])
    assert code == 2  # nothing left to time
    assert "could not install Eleventy" in errors.getvalue()
    assert "skipping --vs eleventy" in errors.getvalue()


@pytest.mark.parametrize("converter", [hugo_site, eleventy_site, pelican_site, jekyll_site])
def test_converters_refuse_a_folder_they_did_not_make(corpus: Path, converter: ModuleType) -> None:
    before = sorted(p.relative_to(corpus) for p in corpus.rglob("*"))
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        assert converter.main([str(corpus), str(corpus)]) == 1
    assert "refusing to touch it" in errors.getvalue()
    assert sorted(p.relative_to(corpus) for p in corpus.rglob("*")) == before


def test_install_runs_its_steps_only_while_the_program_is_missing(tmp_path: Path) -> None:
    entry = tmp_path / "bin" / "tool"
    make = ["sh", "-c", f"mkdir -p {tmp_path / 'bin'} && touch {entry}"]
    assert peer_content.install(entry, [make], "tool") == entry
    assert peer_content.install(entry, [["false"]], "tool") == entry  # not run again
    with pytest.raises(FileNotFoundError, match="left no"):
        peer_content.install(tmp_path / "other", [["true"]], "other")
    with pytest.raises(subprocess.CalledProcessError):
        peer_content.install(tmp_path / "other", [["false"]], "other")
