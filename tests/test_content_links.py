"""Links between content files (``[the report](2024-02-20-second.md)``): the ``linked``
fixture built under a base path and read as a browser would, every link followed; the
warnings at links that go nowhere; rebuilds after the linked files change."""

from __future__ import annotations

import base64
import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import CliRun, build_one_article, copy_content, run_cli
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sitecheck import check_links, page_url, soup, target_file

from concordance import content_links, pipeline
from concordance.config import BuildOptions
from concordance.content_links import target_of
from concordance.link_targets import MAX_WARNINGS
from concordance.markdown import QuoteRequest, render_body
from tests.test_incremental import count_renders

BASE = "https://user.github.io/repo/"
UNRESOLVED = ("[link-unresolved]", "[image-unresolved]")
FIRST = "articles/2024-01-10-first.md"
NESTED = "articles/2024/2024-03-30-nested.md"


def build(content: Path, out: Path, *extra: str) -> CliRun:
    args = ["build", "--content", str(content), "--out", str(out), "--no-search"]
    return run_cli(*args, "--base-url", BASE, *extra)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, CliRun]:
    tmp = tmp_path_factory.mktemp("linked")
    content = copy_content("linked", tmp)
    out = tmp / "site"
    result = build(content, out)
    assert result.code == 0, result.stderr
    return content, out, result


def body_links(out: Path, page: str) -> dict[str, Tag]:
    """The body's links of a page, by their text."""
    body = soup(out / page).select_one("div.body, section.prose")
    assert isinstance(body, Tag)
    return {a.get_text(): a for a in body.find_all("a") if "chip" not in a.get("class", [])}


def landing(out: Path, page: str, link: Tag) -> tuple[Path | None, str]:
    """The file a link of ``page`` opens (served under ``BASE``), and its fragment."""
    here = urljoin(BASE, page_url(out, out / page, "/repo/"))
    url = urlsplit(urljoin(here, str(link["href"])))
    return target_file(out, url.path, "/repo/"), unquote(url.fragment)


def title_of(file: Path | None) -> str:
    assert file is not None and file.is_file()
    h1 = soup(file).find("h1")
    assert isinstance(h1, Tag)
    return h1.get_text(" ", strip=True)


def test_links_to_files_open_the_pages_made_of_them(built: tuple[Path, Path, CliRun]) -> None:
    _, out, _ = built
    links = body_links(out, "articles/2024-01-10-first/index.html")
    expected = {
        "the second report": ("The second synthetic report", ""),
        "its promise": ("The second synthetic report", "q-promise"),
        "plan itself": ("Glorp plan", ""),  # concepts/plan.md: the page is named for the title
        "the nested note": ("A nested synthetic note", ""),  # in a folder of articles
        "the Unicode one": ("Über zorp", ""),  # percent-encoded
        "the umlaut one": ("Über zorp", ""),  # as written
        "an anchor": ("The second synthetic report", ""),  # no such quote: the page's top
        "a concept anchor": ("Glorp plan", ""),
        "the second one's": ("The second synthetic report", "h:the-zorp-section-1"),
        "this one's": ("The first synthetic report", "h:links-that-go-nowhere"),
        "the umlaut's": ("The first synthetic report", "h:über-links"),
        "the sources": ("The second synthetic report", "h:sources"),  # named {#sources}
        "the table": ("The second synthetic report", "h:Zorp_Table"),  # <a id="Zorp_Table">
        "the wiki's form": ("The second synthetic report", "h:the-zorp-section"),
    }
    for text, (title, fragment) in expected.items():
        file, found = landing(out, "articles/2024-01-10-first/index.html", links[text])
        assert (title_of(file), found) == (title, fragment), text
        if fragment:
            assert soup(file).find(id=fragment) is not None, text
    assert links["plan itself"]["title"] == "The glorp plan"
    # Links back, from a note and from a folder below.
    for page, text in [
        ("articles/2024-02-20-second/index.html", "the first"),
        ("articles/2024-02-20-second/index.html", "the nested note"),
        ("articles/2024-03-30-nested/index.html", "the first"),
        ("articles/2024-03-30-nested/index.html", "the second report"),  # by reference
    ]:
        file, _ = landing(out, page, body_links(out, page)[text])
        assert (
            title_of(file)
            == {
                "the first": "The first synthetic report",
                "the nested note": "A nested synthetic note",
                "the second report": "The second synthetic report",
            }[text]
        )
    # A concept's explanation links articles too.
    concept = body_links(out, "concepts/glorp-plan/index.html")
    file, _ = landing(out, "concepts/glorp-plan/index.html", concept["the first report"])
    assert title_of(file) == "The first synthetic report"


def test_a_link_to_no_page_keeps_its_text_without_a_link(built: tuple[Path, Path, CliRun]) -> None:
    _, out, _ = built
    links = body_links(out, "articles/2024-01-10-first/index.html")
    for text in ["a missing piece", "the project readme", "a sheet"]:  # data.csv: no file
        assert not links[text].has_attr("href"), text
    assert not body_links(out, "concepts/glorp-plan/index.html")["a file that is not there"].attrs
    # An address elsewhere is left as written; a folder of the content goes to its page.
    assert links["a page"]["href"] == "https://example.org/report.md"
    assert links["a folder"]["href"] == "../../concepts/"
    checked, broken = check_links(out, "/repo/")
    assert checked > 100
    # (and #no-such-section, which names nothing on its page: it is warned of, below)
    expected = ["#no-such-section", "img/diagram.svg", "img/lost.png"]
    assert sorted(b.link for b in broken) == expected


def test_links_that_go_nowhere_are_warned_at_their_address(
    built: tuple[Path, Path, CliRun],
) -> None:
    content, _, result = built
    codes = ("[link-unresolved]", "[image-unresolved]", "[image-remote]")
    warned = [line for line in result.stderr.splitlines() if line.endswith(codes)]
    at = {(Path(w.split(":")[0]).name, *map(int, w.split(":")[1:3])) for w in warned}
    expected = set()
    for name, address in [
        ("articles/2024-02-20-second.md", "img/diagram.svg"),
        ("articles/2024-02-20-second.md", "img/lost.png"),
        ("articles/2024-02-20-second.md", "https://example.org/chart.png"),
        (FIRST, "2024-09-09-missing.md"),
        (FIRST, "2024-02-20-second.md#no-such-quote"),
        (FIRST, "../../README.md"),
        (FIRST, "../concepts/plan.md#anything"),
        (FIRST, "data.csv"),
        (FIRST, "#no-such-section"),
        ("articles/2024-02-20-second.md", "docs/report.PDF#page=2"),
        ("concepts/plan.md", "../articles/nothing.md"),
        (NESTED, "[[Nobody knows]]"),
        (NESTED, "[[name]]"),
    ]:
        written = address if address.startswith("[[") else f"({address})"
        lines = (content / name).read_text(encoding="utf-8").split("\n")
        row = next(i for i, line in enumerate(lines) if written in line)
        column = lines[row].index(written) + 1 + written.startswith("(")
        expected.add((Path(name).name, row + 1, column))
    assert at == expected
    assert result.stderr.count("warning:") == len(expected)
    strict = build(content, content.parent / "strict", "--strict")
    assert strict.code != 0 and "[link-unresolved]" in strict.stderr
    assert not (content.parent / "strict").exists()


def test_a_link_by_reference_is_warned_at_its_definition(tmp_path: Path) -> None:
    body = (
        "Zorp [the glim notes][notes] and ![a vorn][vorn] of the plim.\n"
        "\n"
        "> Quoth [the flebs][flebs], as ever.\n"
        "\n"
        "[notes]: ./GLIM.md\n"
        "  [vorn]: https://example.org/vorn.png\n"
        "> [flebs]: <fleb notes/>\n"
        "\n"
        "1. Then [zelt][zelt].\n"
        "2. [zelt]: ../zelt/\n"
    )
    one = build_one_article(tmp_path, "zorp", "title: Zorp\ndate: 2024-01-01\n", body)
    # The file's lines 9-11 and 14 hold the definitions: each warning is at its address there.
    warned = [w.split(":", 1)[1] for w in one.built.stderr.splitlines() if ": warning: " in w]
    assert [w for w in warned if "[article-no-quotes]" not in w] == [
        "9:10: warning: link to ./GLIM.md goes nowhere: no article or concept is made from it"
        " [link-unresolved]",
        "10:11: warning: image https://example.org/vorn.png is shown as a link to it: pages"
        " show images of the site only [image-remote]",
        "11:13: warning: link to fleb notes/ goes nowhere: no such file or folder in the"
        " content folder [link-unresolved]",
        "14:12: warning: link to ../zelt/ goes nowhere: no such file or folder in the content"
        " folder [link-unresolved]",
    ]


def _warned_at(tmp_path: Path, body: str) -> list[str]:
    """``line:column: message`` of the warnings of one article of ``body`` but its having
    no quotes (its body's first line is the file's fifth)."""
    one = build_one_article(tmp_path, "zorp", "title: Zorp\ndate: 2024-01-01\n", body)
    warned = [w.split(":", 1)[1] for w in one.built.stderr.splitlines() if ": warning: " in w]
    return [w for w in warned if "[article-no-quotes]" not in w]


def test_a_link_whose_text_is_its_address_is_warned_at_the_address(tmp_path: Path) -> None:
    warned = _warned_at(tmp_path, "See [docs/GLIM.md](docs/GLIM.md) of the plim.\n")
    assert [w.split(": ")[0] for w in warned] == ["5:20"]


def test_a_link_by_reference_whose_text_is_its_address_is_warned_at_its_definition(
    tmp_path: Path,
) -> None:
    warned = _warned_at(tmp_path, "See [GLIM.md][glim] of the plim.\n\n[glim]: GLIM.md\n")
    assert [w.split(": ")[0] for w in warned] == ["7:9"]


def test_an_image_address_the_page_encodes_is_warned_at_the_address(tmp_path: Path) -> None:
    # An HTML image's address with a space, an emoji or an entity is written percent-encoded
    # (and decoded) in the warning, neither of which stands in the source.
    lines = [
        "<div>",
        '  <img alt="vorn" src="https://example.org/b/🤗%20-vorn.png">',
        '  <img alt="zelt" src="https://example.org/b/Q Zelt-%2312B7F5.png?a=1&amp;b=2">',
        "</div>",
    ]
    warned = _warned_at(tmp_path, "\n".join(lines) + "\n")
    expected = [f"{row + 5}:{lines[row].index('https') + 1}" for row in (1, 2)]
    assert [w.split(": ")[0] for w in warned] == expected


def test_hundreds_of_links_to_nowhere_are_counted_not_listed(tmp_path: Path) -> None:
    content = copy_content("linked", tmp_path)
    second = content / "articles" / "2024-02-20-second.md"
    many = " ".join(f"[x{i}](gone-{i}.md)" for i in range(500))
    second.write_text(second.read_text(encoding="utf-8") + f"\n{many}\n", encoding="utf-8")
    result = build(content, tmp_path / "site")
    assert result.code == 0, result.stderr
    own = [
        line
        for line in result.stderr.splitlines()
        if "second.md:" in line and line.endswith(UNRESOLVED)
    ]
    assert len(own) == MAX_WARNINGS
    # The file's two images of no file published and its link to no PDF count too.
    assert f"(and {503 - MAX_WARNINGS} more broken links)" in own[-1]
    links = body_links(tmp_path / "site", "articles/2024-02-20-second/index.html")
    assert sum(1 for a in links.values() if not a.attrs) == 501  # and report.PDF


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("b.md", ("content/articles/b.md", "")),
        ("./b.MD#q-1", ("content/articles/b.MD", "q-1")),
        ("../concepts/c.md?x=1#f", ("content/concepts/c.md", "f")),
        ("%C3%BC.md", ("content/articles/ü.md", "")),
        ("../../../etc.md", ("../etc.md", "")),
        ("https://example.org/b.md", None),
        ("//example.org/b.md", None),
        ("/articles/b.md", None),  # from the root: see below
        ("docs/speech.PDF#page=2", ("content/articles/docs/speech.PDF", "page=2")),
        ("../data/figures.csv", ("content/data/figures.csv", "")),
        ("img/chart.png", ("content/articles/img/chart.png", "")),
        # An HTML file beside the file, or below: no page of the site (not published).
        ("page.html", ("content/articles/page.html", "")),
        ("files/Report.HTM#p2", ("content/articles/files/Report.HTM", "p2")),
        ("b.md.html", ("content/articles/b.md.html", "")),
        # The page itself, and pages the site makes from the page's address: as written.
        ("index.html", None),
        ("./index.html#q-1", None),
        ("../index.html", None),
        ("../../concepts/index.html", None),
        ("https://example.org/page.html", None),
        ("img/diagram.svg", None),
        ("notes.pdf.exe", None),
        ("mailto:b.md", None),
        ("#b.md", None),
    ],
)
def test_which_links_go_to_content_files(href: str, expected: tuple[str, str] | None) -> None:
    assert target_of("content/articles", href) == expected


def test_a_link_to_an_html_file_beside_the_article_is_warned_and_text(tmp_path: Path) -> None:
    """The site publishes no HTML file of the content folder (its scripts would run on the
    site's address), so ``[report](report.html)`` would go nowhere on the site: its text is
    shown without a link, as for any file linked that is not published, with a warning at
    the address. Links to pages the site makes, and to other sites, stay as written."""
    content = tmp_path / "content"
    article = content / "articles" / "2024-01-01-a.md"
    article.parent.mkdir(parents=True)
    (article.parent / "report.html").write_text("<p>glorp</p>", encoding="utf-8")
    article.write_text(
        "---\ntitle: A\ndate: 2024-01-01\nquotes:\n  - text: glorp one\n    concepts: [zelt]\n"
        "---\nglorp one, see [the report](report.html) and [notes](files/Notes.HTM#p2).\n\n"
        "Also [this page](index.html), [all articles](../index.html), [elsewhere]"
        "(https://example.org/a.html) and <a href='raw.htm'>raw</a>.\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = build(content, out)
    assert result.code == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if line.endswith("[link-unresolved]")]
    lines = article.read_text(encoding="utf-8").split("\n")
    expected = [(8, "(report.html)"), (8, "(files/Notes.HTM#p2)"), (10, "'raw.htm'")]
    assert [line.split(": warning: ")[0] for line in warned] == [
        f"{article}:{row}:{lines[row - 1].index(written) + 2}" for row, written in expected
    ]
    assert warned[0].endswith(
        ": link to report.html goes nowhere: the site publishes no HTML file of the content"
        " folder [link-unresolved]"
    )
    hints = [line for line in result.stderr.splitlines() if "save it as a PDF" in line]
    assert len(hints) == 3
    links = body_links(out, "articles/2024-01-01-a/index.html")
    for text in ["the report", "notes", "raw"]:
        assert not links[text].attrs, text
    assert links["this page"]["href"] == "index.html"
    assert links["all articles"]["href"] == "../index.html"
    assert links["elsewhere"]["href"] == "https://example.org/a.html"
    assert not (out / "media").exists()


def test_a_file_in_a_draft_folder_is_warned_as_left_out_not_as_missing(tmp_path: Path) -> None:
    """A file under a name the build leaves out (``_img/``, ``.e.pdf``) was 'not found in the
    content folder', though it was there: the warning names the part of its path that keeps
    it off the site."""
    content = tmp_path / "content"
    article = content / "articles" / "2024-01-01-a.md"
    (article.parent / "_img").mkdir(parents=True)
    (article.parent / "_img" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (article.parent / ".e.pdf").write_bytes(b"%PDF-1.4\n")
    article.write_text(
        "---\ntitle: A\ndate: 2024-01-01\n---\n"
        "See ![a chart](_img/chart.png), [the text](./.e.pdf#page=2) and [b](_drafts/b.md).\n",
        encoding="utf-8",
    )
    result = build(content, tmp_path / "site")
    assert result.code == 0, result.stderr
    lines = result.stderr.splitlines()
    warned = [(line, lines[at + 1]) for at, line in enumerate(lines) if "-unresolved]" in line]
    assert warned == [
        (
            f"{article}:5:{col}: warning: {what} is not published: '{part}' starts with"
            f" '{part[0]}', and the build leaves out files and folders so named (drafts)"
            f" [{code}]",
            f"    hint: rename '{part}' without its first '{part[0]}' to publish what it holds",
        )
        for col, what, part, code in [
            (16, "image _img/chart.png", "_img", "image-unresolved"),
            (44, "link to ./.e.pdf", ".e.pdf", "link-unresolved"),
            (69, "link to _drafts/b.md", "_drafts", "link-unresolved"),
        ]
    ]
    assert not (tmp_path / "site" / "media").exists()


@pytest.mark.parametrize(
    ("href", "image", "expected"),
    [
        ("/articles/b.md#q-1", False, ("content/articles/b.md", "q-1")),
        ("/media/./x/../c.png", True, ("content/media/c.png", "")),
        ("/a%20b.pdf", False, ("content/a b.pdf", "")),
        ("/../content/c.png", True, ("/../content/c.png", "")),  # above the root: no file's
        ("//example.org/c.png", True, None),
        ("/about/", False, None),
    ],
)
def test_which_addresses_from_the_root_go_to_content_files(
    href: str, image: bool, expected: tuple[str, str] | None
) -> None:
    assert target_of("content/articles/2024", href, image, root="content") == expected


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def clean(content: Path, scratch: Path) -> dict[str, bytes]:
    out = scratch / "clean" / "site"
    if out.parent.exists():
        shutil.rmtree(out.parent)
    result = build(content, out, "--clean")
    assert result.code == 0, result.stderr
    return tree(out)


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_rebuilds_follow_the_linked_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each change to a linked file changes the links to it, as a clean build makes them."""
    content = copy_content("linked", tmp_path)
    out = tmp_path / "site"
    page = "articles/2024-01-10-first/index.html"

    def rebuilt() -> dict[str, Tag]:
        result = build(content, out)
        assert result.code == 0, result.stderr
        assert tree(out) == clean(content, tmp_path)
        return body_links(out, page)

    rebuilt()
    # A sentence of the linking article: its page is its frame around the new body (no
    # template is rendered), with the frame's links. (Of the same length: a link after it
    # that moved would change what validation records of the file, and the site be rebuilt.)
    rendered = count_renders(monkeypatch)
    edit(content / FIRST, "Not files of the site", "Not files of our site")
    assert build(content, out).code == 0
    assert rendered == []
    monkeypatch.undo()
    assert "/2024-02-20-second/" in str(rebuilt()["the second report"]["href"])
    articles = content / "articles"
    # A sentence of the linking article: the one-page rebuild fills its links as before.
    edit(articles / "2024-01-10-first.md", "are linked too", "are linked as well")
    assert "/2024-02-20-second/" in str(rebuilt()["the second report"]["href"])
    # The concept renamed: its page moves, and so do the links to its file.
    edit(
        content / "concepts" / "plan.md",
        "title: Glorp plan",
        "title: Zorp plan\naliases: [glorp plan]",
    )
    assert str(rebuilt()["plan itself"]["href"]).endswith("/concepts/zorp-plan/")
    # The quote linked loses its id: the link goes to the page's top, and is warned.
    edit(articles / "2024-02-20-second.md", "    id: q-promise\n", "")
    assert str(rebuilt()["its promise"]["href"]).endswith("/2024-02-20-second/")
    # The linked article deleted, then back: the link goes, then comes back.
    second = (articles / "2024-02-20-second.md").read_bytes()
    (articles / "2024-02-20-second.md").unlink()
    assert not rebuilt()["the second report"].has_attr("href")
    (articles / "2024-02-20-second.md").write_bytes(second)
    assert rebuilt()["the second report"].has_attr("href")


def test_the_links_of_a_page_are_in_its_frame(tmp_path: Path) -> None:
    """A link added to a body is a new file linked: the one-page rebuild gives way to a full
    one (the frame holds no slot for it), which fills it."""
    content = copy_content("linked", tmp_path)
    out = tmp_path / "site"
    assert build(content, out).code == 0
    nested = content / "articles" / "2024" / "2024-03-30-nested.md"
    nested.write_text(
        nested.read_text(encoding="utf-8")
        + "\nAnd [the Unicode one](../2024-04-04-über-zorp.md).\n",
        encoding="utf-8",
    )
    assert build(content, out).code == 0
    assert tree(out) == clean(content, tmp_path)
    links = body_links(out, "articles/2024-03-30-nested/index.html")
    file, _ = landing(out, "articles/2024-03-30-nested/index.html", links["the Unicode one"])
    assert title_of(file) == "Über zorp"


def test_a_link_is_a_page_link_in_the_html(built: tuple[Path, Path, CliRun]) -> None:
    """No slot is left in any page, and no ``href`` is empty."""
    _, out, _ = built
    for file in out.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        assert "<!--chips:" not in html, file
        assert not re.search(r'href=""', html), file
    page = BeautifulSoup((out / "articles/2024-01-10-first/index.html").read_text("utf-8"), "lxml")
    assert page.select_one('a[href$="2024-02-20-second/#q-promise"]') is not None


def test_headings_are_anchors_named_as_on_github(built: tuple[Path, Path, CliRun]) -> None:
    _, out, _ = built
    page = soup(out / "articles/2024-02-20-second/index.html")
    body = page.select_one("div.body")
    assert isinstance(body, Tag)
    names = [(h.get_text(), h.get("id")) for h in body.find_all("h2")]
    assert names == [
        ("The zorp section", "h:the-zorp-section"),
        ("The zorp section", "h:the-zorp-section-1"),
        ("Main", "h:main"),
        ("Where the zorps come from", "h:sources"),
    ]
    # Each id once on every page: a heading called "Main" leaves the skip link its target.
    for file in out.rglob("*.html"):
        ids = [str(e["id"]) for e in soup(file).find_all(id=True)]
        assert len(ids) == len(set(ids)), file
    skip = page.select_one("a.skip-link")
    assert skip is not None and page.find(id=str(skip["href"]).lstrip("#")).name == "main"


SECOND = "articles/2024-02-20-second/index.html"


def images(out: Path, page: str) -> dict[str, Tag]:
    """The body's images of a page, by their text."""
    body = soup(out / page).select_one("div.body, section.prose")
    assert isinstance(body, Tag)
    return {str(img["alt"]): img for img in body.find_all("img")}


def shown(out: Path, page: str, image: Tag) -> Path | None:
    here = urljoin(BASE, page_url(out, out / page, "/repo/"))
    return target_file(out, urlsplit(urljoin(here, str(image["src"]))).path, "/repo/")


def test_images_of_the_content_folder_are_published_where_bodies_show_them(
    built: tuple[Path, Path, CliRun],
) -> None:
    content, out, _ = built
    found = images(out, SECOND)
    for alt, source in [
        ("A red zorp chart", "articles/img/zorp chart.png"),
        ("a blue glorp", "media/glorp.PNG"),
    ]:
        file = shown(out, SECOND, found[alt])
        assert file is not None and file.read_bytes() == (content / source).read_bytes(), alt
    assert found["A red zorp chart"]["title"] == "Zorps by month"
    concept = images(out, "concepts/glorp-plan/index.html")["The blue glorp"]
    assert shown(out, "concepts/glorp-plan/index.html", concept) == shown(
        out, SECOND, found["a blue glorp"]
    )
    # Only images a body shows: not the unused one, nor the SVG, whose address stays as
    # written (and is warned of), as does that of a missing image.
    published = sorted(p.relative_to(out).as_posix() for p in (out / "media").rglob("*.*"))
    assert published == [
        "media/articles/docs/report.pdf",  # linked (below)
        "media/articles/docs/zorp-figures.csv",
        "media/articles/img/zorp chart.png",
        "media/media/glorp.PNG",
    ]
    assert found["a diagram"]["src"] == "img/diagram.svg"
    assert found["a lost chart"]["src"] == "img/lost.png"


def test_files_a_body_links_are_published_and_no_other(built: tuple[Path, Path, CliRun]) -> None:
    """A PDF, a sheet or an image a body links is published as it is; the PDF keeps the
    fragment its reader reads; a draft beside it that no body links stays private."""
    content, out, _ = built
    links = body_links(out, SECOND)
    for text, source, fragment in [
        ("the figures", "articles/docs/zorp-figures.csv", ""),
        ("page two", "articles/docs/report.pdf", "page=2"),
        ("the chart itself", "articles/img/zorp chart.png", ""),
    ]:
        file, found = landing(out, SECOND, links[text])
        assert file is not None and file.read_bytes() == (content / source).read_bytes(), text
        assert found == fragment, text
    assert not links["page two of the report"].attrs  # report.PDF: no such file
    private = (content / "articles/docs/private.pdf").read_bytes()
    assert [p for p in out.rglob("*") if p.is_file() and p.read_bytes() == private] == []


def test_an_image_changed_removed_or_added_back_is_published_so(tmp_path: Path) -> None:
    content = copy_content("linked", tmp_path)
    out = tmp_path / "site"
    chart = content / "articles" / "img" / "zorp chart.png"
    published = out / "media" / "articles" / "img" / "zorp chart.png"

    def rebuilt() -> CliRun:
        result = build(content, out)
        assert result.code == 0, result.stderr
        assert tree(out) == clean(content, tmp_path)
        return result

    rebuilt()
    original = chart.read_bytes()
    chart.write_bytes(original + b"\0")  # only the image changes
    rebuilt()
    assert published.read_bytes() == original + b"\0"
    chart.unlink()
    assert "zorp chart.png not found in the content folder [image-unresolved]" in rebuilt().stderr
    assert not published.exists()
    assert images(out, SECOND)["A red zorp chart"]["src"] == "img/zorp%20chart.png"
    chart.write_bytes(original)
    rebuilt()
    assert published.read_bytes() == original
    file = shown(out, SECOND, images(out, SECOND)["A red zorp chart"])
    assert file == published


def test_no_file_outside_the_content_folder_is_published(tmp_path: Path) -> None:
    content = copy_content("linked", tmp_path)
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"a secret of the machine that builds")
    (content / "articles" / "img" / "outside.png").symlink_to(secret)
    first = content / FIRST
    climbing = "../" * 12 + secret.as_posix().lstrip("/")
    first.write_text(
        first.read_text(encoding="utf-8") + f"\n![one](img/outside.png) ![two]({climbing})\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = build(content, out)
    assert result.code == 0, result.stderr
    assert result.stderr.count("[image-unresolved]") == 4  # these two and the fixture's two
    leaked = [p for p in out.rglob("*") if p.is_file() and b"a secret" in p.read_bytes()]
    assert leaked == []


ROOTED = """
![a rooted glorp](/media/glorp.PNG) ![a rooted chart](</articles/img/zorp chart.png>)
<img src="/media/glorp.PNG" alt="a raw rooted glorp">
[the rooted report](/articles/docs/report.pdf#page=2)
[the rooted second](/articles/2024-02-20-second.md#q-promise) ![a gone one](/nope/gone.png)
[a gone pdf](/nope/gone.pdf) ![above](/../content/media/glorp.PNG) ![out](../../outside/x.png)
"""


def test_addresses_from_the_root_go_to_the_content_folders_files(tmp_path: Path) -> None:
    """``/media/glorp.PNG`` is the file of the content folder, as Hugo and Jekyll read it:
    published and linked as its relative path is, under the base path; one that is not there
    is warned of as a relative one is, by its address as written, and one climbing above the
    root names none."""
    content = copy_content("linked", tmp_path)
    for name in [FIRST, "concepts/plan.md"]:
        file = content / name
        file.write_text(file.read_text(encoding="utf-8") + ROOTED, encoding="utf-8")
    out = tmp_path / "site"
    result = build(content.absolute(), out)
    assert result.code == 0, result.stderr
    page = "articles/2024-01-10-first/index.html"
    for where in [page, "concepts/glorp-plan/index.html"]:
        found = images(out, where)
        glorp = out / "media" / "media" / "glorp.PNG"
        assert shown(out, where, found["a rooted glorp"]) == glorp, where
        assert shown(out, where, found["a raw rooted glorp"]) == glorp, where
        chart = out / "media" / "articles" / "img" / "zorp chart.png"
        assert shown(out, where, found["a rooted chart"]) == chart, where
        links = body_links(out, where)
        file, fragment = landing(out, where, links["the rooted report"])
        assert (file, fragment) == (out / "media/articles/docs/report.pdf", "page=2"), where
        file, fragment = landing(out, where, links["the rooted second"])
        assert (title_of(file), fragment) == ("The second synthetic report", "q-promise")
        assert not links["a gone pdf"].attrs
        for alt in ["a gone one", "above", "out"]:
            missing = shown(out, where, found[alt])
            assert missing is None or not missing.exists(), (where, alt)
            # inside the site, under its base path: never another site of the same host
            assert urljoin(BASE + page, str(found[alt]["src"])).startswith(BASE), (where, alt)
    warned = [line for line in result.stderr.splitlines() if line.endswith(UNRESOLVED)]
    for name in ["2024-01-10-first.md", "plan.md"]:
        own = {line.split(": warning: ")[1] for line in warned if f"/{name}:" in line}
        assert {
            "image /nope/gone.png not found in the content folder [image-unresolved]",
            "link to /nope/gone.pdf goes nowhere: no such file in the content folder"
            " [link-unresolved]",
            "image /../content/media/glorp.PNG not found in the content folder [image-unresolved]",
            "image ../../outside/x.png not found in the content folder [image-unresolved]",
        } <= own, name


def test_a_content_folder_named_with_dots_builds_the_same_site(tmp_path: Path) -> None:
    """``--content content/../content`` names the folder ``content`` does: its images and
    files are found and published alike (they were all "not found" before)."""
    content = copy_content("linked", tmp_path)
    first = content / FIRST
    first.write_text(first.read_text(encoding="utf-8") + ROOTED, encoding="utf-8")
    plain, dotted = tmp_path / "plain", tmp_path / "dotted"
    assert build(content, plain).code == 0
    result = build(content / ".." / "content" / ".", dotted)
    assert result.code == 0, result.stderr
    files = sorted(p.relative_to(plain).as_posix() for p in plain.rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(dotted).as_posix() for p in dotted.rglob("*") if p.is_file()
    )
    assert any(name.startswith("media/") for name in files)
    assert all((plain / f).read_bytes() == (dotted / f).read_bytes() for f in files)


def test_links_by_name_go_to_concepts_and_articles(built: tuple[Path, Path, CliRun]) -> None:
    """``[[name]]`` as Obsidian and Quartz write it: a concept by its title in any case, an
    article by its file, a heading by its text; a name of nothing keeps its text, as does
    one inside a link (a link cannot hold a link)."""
    _, out, _ = built
    page = "articles/2024-03-30-nested/index.html"
    links = body_links(out, page)
    for text, (title, fragment) in {
        "Glorp plan": ("Glorp plan", ""),
        "the plan": ("Glorp plan", ""),
        "2024-02-20-second › The zorp section": (
            "The second synthetic report",
            "h:the-zorp-section",
        ),
        "the first report": ("The first synthetic report", ""),
    }.items():
        file, found = landing(out, page, links[text])
        assert (title_of(file), found) == (title, fragment), text
    assert not links["Nobody knows"].attrs
    assert not links["name"].attrs
    assert "[[" not in soup(out / page).select_one("div.body").get_text()


def test_a_link_by_name_of_a_heading_of_its_own_page_goes_there(tmp_path: Path) -> None:
    """Obsidian's ``[[#Heading]]`` links a heading of the note it is in: it was a link of no
    address shown as " › Heading", warned of as '[[]] names no concept and no article'. It
    goes where ``[Heading](#Heading)`` goes, and a name of no heading is warned of as such a
    link is."""
    content = tmp_path / "content"
    article = content / "articles" / "2024-01-01-a.md"
    article.parent.mkdir(parents=True)
    article.write_text(
        "---\ntitle: A\ndate: 2024-01-01\n---\n## Methods and data\n\n"
        "See [[#Methods and data]], [[#methods-and-data|the methods]] and [[#Nothing]].\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = build(content, out)
    assert result.code == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "[link-unresolved]" in line]
    assert warned == [
        f"{article}:7:68: warning: link to #Nothing goes nowhere: this page has no heading,"
        " quote or place of that name [link-unresolved]"
    ]
    page = soup(out / "articles" / "2024-01-01-a" / "index.html")
    links = [(a.get_text(), a.get("href")) for a in page.select("div.body p a")]
    assert links == [
        ("Methods and data", "#h:methods-and-data"),
        ("the methods", "#h:methods-and-data"),
        ("Nothing", "#Nothing"),
    ]
    assert page.find(id="h:methods-and-data").name == "h2"


def test_raw_html_links_and_images_go_where_markdown_ones_do(
    built: tuple[Path, Path, CliRun],
) -> None:
    _, out, _ = built
    page = "articles/2024-03-30-nested/index.html"
    file, fragment = landing(out, page, body_links(out, page)["the raw one"])
    assert (title_of(file), fragment) == ("The second synthetic report", "h:the-zorp-section")
    image = images(out, page)["the raw chart"]
    assert shown(out, page, image) == out / "media" / "articles" / "img" / "zorp chart.png"
    assert sorted(image.attrs) == ["alt", "src"]


def test_an_image_named_with_url_characters_is_linked_encoded(tmp_path: Path) -> None:
    content = copy_content("linked", tmp_path)
    image = content / "articles" / "img" / "100% a#b?.png"
    image.write_bytes((content / "articles" / "img" / "zorp chart.png").read_bytes())
    second = content / "articles" / "2024-02-20-second.md"
    text = second.read_text(encoding="utf-8") + "\n![odd](img/100%25%20a%23b%3F.png)\n"
    second.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    assert build(content, out).code == 0
    assert (
        shown(out, SECOND, images(out, SECOND)["odd"]) == out / "media/articles/img/100% a#b?.png"
    )


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("![a chart](https://e.org/c.png)", '<a href="https://e.org/c.png">a chart</a>'),
        ("![](https://e.org/c.png)", '<a href="https://e.org/c.png">image</a>'),
        ('<img src="https://e.org/c.png" alt="raw">', '<a href="https://e.org/c.png">raw</a>'),
        (
            "[![build](https://e.org/b.svg)](https://ci.e.org)",
            '<a href="https://ci.e.org">build</a>',
        ),
        ("![a <chart>](//e.org/c.png)", '<a href="//e.org/c.png">a &lt;chart&gt;</a>'),
    ],
)
def test_an_image_of_another_site_is_its_text_as_a_link_to_it(body: str, shown: str) -> None:
    """The pages' Content-Security-Policy would block it: a reader may open it instead; in a
    link (a README's badge) it is the link's text."""
    paragraph = BeautifulSoup(render_body(body, [], "content/articles").html, "lxml").p
    assert paragraph is not None and paragraph.decode_contents() == shown


@pytest.mark.parametrize("folder", [None, "content/articles"])
@pytest.mark.parametrize(
    "body", ["See ![the chart]() here.", 'See <img src="" alt="the chart"> here.']
)
def test_an_image_of_no_address_is_its_text(body: str, folder: str | None) -> None:
    """An empty ``src`` is no valid image (the Nu HTML Checker refuses it): its text shows."""
    page = BeautifulSoup(render_body(body, [], folder).html, "lxml")
    assert page.find("img") is None
    assert page.get_text().strip() == "See the chart here."


@pytest.mark.parametrize(
    ("body", "quote", "skipping"),
    [
        ("The ![big chart](https://e.org/c.png) shows growth.", "The big chart shows growth", ""),
        ("Then the ![small chart]() shows decline.", "Then the small chart shows decline", ""),
        ('A <img src="https://e.org/c.png" alt="big chart"> rose.', "A big chart rose", ""),
        ('The ![](https://e.org/c.png "Big Chart") rises.', "The Big Chart rises", ""),
        (
            "Our [![logo](https://e.org/l.png) Zelt Company](https://e.org) sells.",
            "Our logo Zelt Company sells",
            "Our Zelt Company sells",
        ),
        (
            "It ends here.\n\n![Speaker 1 at the podium](https://e.org/p.jpg)\n\nThe next one.",
            "here. Speaker 1 at the podium The next",
            "here. The next",
        ),
    ],
)
def test_the_text_an_image_shows_in_its_place_is_quoted_as_text(
    body: str, quote: str, skipping: str
) -> None:
    """An image of another site (or of no address) is shown as its text: a quote of what the
    page shows is found and highlighted in full, its statement reads so, and a quote that
    leaves those words out is not found."""
    words = skipping or quote.replace("big chart ", "").replace("small chart ", "")
    words = words.replace("Big Chart ", "")
    quotes = [QuoteRequest("q", quote), QuoteRequest("r", words)]
    result = render_body(body, quotes, "content/articles")
    assert set(result.found) == {"q"}
    assert result.shown["q"] == quote
    page = BeautifulSoup(result.html, "lxml")
    marked = ("".join(m.get_text() for m in p.select('mark[data-quote="q"]')) for p in page("p"))
    assert " ".join(filter(None, marked)) == quote
    assert page.find("img") is None


GLUED = "Vorn klee![](https://e.org/x.png) blorp."
BADGES = "[![Zelt - Version](https://e.org/v.svg)](https://e.org/v)[![Zelt - Plan](https://e.org/p.svg)](https://e.org/p)"


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        (GLUED, "Vorn klee"),
        (GLUED, "image blorp"),
        (GLUED, "Vorn kleeimage blorp"),  # the line as a browser copies it
        (BADGES, "Zelt - Version"),
        (BADGES, "Zelt - Plan"),
        (BADGES, "Zelt - VersionZelt - Plan"),
    ],
)
def test_an_image_shown_as_its_text_stands_apart_from_the_words_beside_it(
    body: str, quote: str
) -> None:
    """The page shows an image between two words, or a link to it, however the source glues
    them (a README's row of badges): a quote may start or end beside it, and is highlighted
    there. A word is still not cut in two."""
    cut = quote[:-1]  # "Vorn kle", "Zelt - Versio": inside a word
    result = render_body(
        body, [QuoteRequest("q", quote), QuoteRequest("r", cut)], "content/articles"
    )
    assert result.found == {"q": 0}
    page = BeautifulSoup(result.html, "lxml")
    assert "".join(m.get_text() for m in page.select('mark[data-quote="q"]')) == quote


@pytest.mark.parametrize(
    ("body", "quote", "marked"),
    [
        (
            "Then the ![big chart](https://e.org/c.png) shows growth.",
            "Then the ![big chart](https://e.org/c.png) shows growth.",
            "Then the big chart shows growth.",
        ),
        (
            'Then a <img src="https://e.org/c.png" alt="big chart"> rose.',
            'Then a <img src="https://e.org/c.png" alt="big chart"> rose.',
            "Then a big chart rose.",
        ),
        (  # From the image on: its text was left out of the highlight.
            "Then the ![big chart](https://e.org/c.png) shows growth.",
            "![big chart](https://e.org/c.png) shows growth",
            "big chart shows growth",
        ),
        (  # A README's badge, an image inside a link.
            "See [![Build passing](https://e.org/b.svg)](https://e.org/ci) for zelt.",
            "See [![Build passing](https://e.org/b.svg)](https://e.org/ci) for zelt.",
            "See Build passing for zelt.",
        ),
    ],
)
def test_a_quote_copied_from_the_source_with_an_image_reads_it_as_the_page_shows_it(
    body: str, quote: str, marked: str
) -> None:
    """A line copied from the source holds an image of another site as Markdown or a tag,
    which the page shows as its text: the quote reads it so, found and highlighted whole."""
    result = render_body(body, [QuoteRequest("q", quote)], "content/articles")
    assert result.found == {"q": 0}
    assert result.shown["q"] == marked
    page = BeautifulSoup(result.html, "lxml")
    assert "".join(m.get_text() for m in page.select('mark[data-quote="q"]')) == marked


PIXEL = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)
"""A PNG of one pixel, in base64."""
GOOGLE_DOCS = f"""\
The glorp plan ![][image1] is ready, and ![the zelt chart](data:image/png;base64,{PIXEL}) rose.

Raw <img src="data:image/jpeg;base64,{PIXEL}" alt="Zelt photo"> and [a link](data:image/png;\
base64,{PIXEL}).

[image1]: <data:image/png;base64,{PIXEL}>
"""


def test_an_image_embedded_in_the_text_is_its_text(tmp_path: Path) -> None:
    """Google Docs' Markdown embeds each image in the text (``![][image1]``, its bytes in a
    reference at the end): each shows its text, as an image of no address does, so neither
    the Markdown nor the bytes reach any page; a quote of the sentence is found, its card
    reads as the page does, and each image is warned of at its address."""
    front = (
        "title: Doc\ndate: 2024-01-05\nspeaker: Speaker 4\nquotes:\n"
        "  - text: The glorp plan image is ready, and the zelt chart rose\n"
        "    concepts: [glorp plan]\n"
    )
    one = build_one_article(tmp_path, "2024-01-05-doc", front, GOOGLE_DOCS)
    files = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    assert [str(p) for p in files if PIXEL[:16].encode() in p.read_bytes()] == []
    assert one.body.find("img") is None
    paragraphs = [" ".join(p.get_text().split()) for p in one.body.select("p")]
    assert paragraphs == [
        "The glorp plan image is ready, and the zelt chart rose.",
        "Raw Zelt photo and a link.",
    ]
    assert one.body.find("a", string="a link").get("href") is None
    concept = soup(tmp_path / "site" / "concepts" / "glorp-plan" / "index.html")
    [card] = concept.select("article.statement blockquote")
    assert card.get_text().strip() == "The glorp plan image is ready, and the zelt chart rose"
    lines = one.source.split("\n")
    warned = [line for line in one.built.stderr.splitlines() if "[image-embedded]" in line]
    places = [tuple(map(int, line.split(": warning:")[0].split(":")[-2:])) for line in warned]
    first = lines.index(GOOGLE_DOCS.split("\n")[0]) + 1
    raw = lines[first + 1]
    definition = lines.index(f"[image1]: <data:image/png;base64,{PIXEL}>")
    assert places == [
        (first, lines[first - 1].index("data:") + 1),
        (first + 2, raw.index("data:") + 1),
        (first + 2, raw.index("data:", raw.index("a link")) + 1),
        (definition + 1, len("[image1]: <") + 1),  # by reference: at its definition
    ]
    assert "(data:image/jpeg) is shown as its text" in warned[1]


SPELT_OTHERWISE = """\
The glorp ![zelt chart](&#100;ata:image/svg+xml,%3Csvg%3E%3C/svg%3E) and \
![blorf](data\\:image/svg+xml,%3Csvg%3E%3C/svg%3E) rose.

Raw <img src="data&colon;image/svg+xml,%3Csvg%3E%3C/svg%3E" alt="Zelt photo"> and \
[a link](&#x64;ata:image/svg+xml,%3Csvg%3E%3C/svg%3E).
"""


def test_an_embedded_image_written_with_escapes_or_references_is_its_text(
    tmp_path: Path,
) -> None:
    """markdown-it reads ``&#100;ata:``, ``data&colon;`` and ``data\\:`` as ``data:``: such
    an image (an SVG too) is its text and such a link has no address, as when typed plainly;
    they reached the page as a live ``data:image/svg+xml`` address."""
    front = "title: Spelt\ndate: 2024-01-06\nspeaker: Speaker 4\n"
    one = build_one_article(tmp_path, "2024-01-06-spelt", front, SPELT_OTHERWISE)
    files = [p for p in (tmp_path / "site").rglob("*") if p.suffix in (".html", ".xml", ".json")]
    assert [str(p) for p in files if b"svg+xml,%3Csvg" in p.read_bytes()] == []
    assert one.body.find("img") is None
    paragraphs = [" ".join(p.get_text().split()) for p in one.body.select("p")]
    assert paragraphs == ["The glorp zelt chart and blorf rose.", "Raw Zelt photo and a link."]
    assert one.body.find("a", string="a link").get("href") is None
    # Written otherwise, an address is not found as typed: each is warned of at its block.
    warned = [line for line in one.built.stderr.splitlines() if "[image-embedded]" in line]
    first = one.source.split("\n").index(SPELT_OTHERWISE.split("\n")[0]) + 1
    assert [line.split(": warning:")[0].split(":")[-2] for line in warned] == [
        str(first),
        str(first + 2),
    ]


def test_an_image_of_the_content_folder_is_no_text_of_a_quote() -> None:
    """Shown as an image, its text is what screen readers say, not words of the sentence."""
    body = "The ![big chart](img/c.png) shows growth."
    quotes = [QuoteRequest("q", "The big chart shows growth"), QuoteRequest("r", "shows growth")]
    result = render_body(body, quotes, "content/articles")
    assert set(result.found) == {"r"}
    assert [link.image for link in result.links] == [True]


def test_a_file_named_in_decomposed_unicode_is_linked_as_typed(tmp_path: Path) -> None:
    """macOS writes a file's name decomposed (NFD); an editor types it composed (NFC): the
    link to the article, and to the image, still opens them, and the site passes its links."""
    content = copy_content("basic", tmp_path)
    articles = content / "articles"
    nfd = unicodedata.normalize("NFD", "2024-01-02-kinh-tế")
    (articles / f"{nfd}.md").write_text(
        "---\ntitle: Bài hai\ndate: 2024-01-02\n---\nHai.\n", encoding="utf-8"
    )
    (articles / unicodedata.normalize("NFD", "biểu-đồ.png")).write_bytes(b"\x89PNG\r\n\x1a\n")
    (articles / "2024-01-03-mot.md").write_text(
        "---\ntitle: Một\ndate: 2024-01-03\n---\n"
        "Xem [bài hai](2024-01-02-kinh-tế.md) và ![biểu đồ](biểu-đồ.png).\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = build(content, out)
    assert result.code == 0, result.stderr
    assert not any(code in result.stderr for code in UNRESOLVED), result.stderr
    page = "articles/2024-01-03-mot/index.html"
    file, _ = landing(out, page, body_links(out, page)["bài hai"])
    assert title_of(file) == "Bài hai"
    image = soup(out / page).select_one("div.body img")
    assert isinstance(image, Tag)
    shown = target_file(
        out, urlsplit(urljoin(BASE + "articles/2024-01-03-mot/", str(image["src"]))).path, "/repo/"
    )
    assert shown is not None and shown.read_bytes().startswith(b"\x89PNG")
    assert check_links(out, "/repo/")[1] == []


def test_a_relative_link_to_a_folder_goes_to_its_page_and_one_to_nothing_is_warned(
    tmp_path: Path,
) -> None:
    """A link is written from its file, as GitHub reads it, and its page is a folder deeper:
    ``../concepts/`` and ``./`` go to the lists of concepts and of articles (their query and
    fragment kept), under the base path, in a clean build and in a rebuild of one page. One
    that names no file and no folder of the content stays as written, warned at its address,
    as does one to a folder the site has no page for; one climbing out with ``..`` to a page
    of the site from the page's address and one to a file named with ``%23`` stay as
    written, unwarned."""
    content = tmp_path / "content"
    nested = content / "articles" / "2024-01-01-a.md"
    nested.parent.mkdir(parents=True)
    (nested.parent / "img a#.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    nested.write_text(
        "---\ntitle: A\ndate: 2024-01-01\nquotes:\n  - text: glorp one\n    concepts: [zelt]\n"
        "---\nglorp one, see [all concepts](../concepts/) and [x](nothere).\n\n"
        "Also [sorted](../concepts?sort=a#top), [articles](./), [these](.),"
        " [home](../), [the list](../index.html), [up](../../), [climbed](../gone/),"
        " [sub](<sub dir/>) ![chart](img%20a%23.png) and [y](gone.txt?x=1#f).\n",
        encoding="utf-8",
    )
    (nested.parent / "sub dir").mkdir()
    (nested.parent / "sub dir" / "notes.xml").write_text("<a/>", encoding="utf-8")
    concept = content / "concepts" / "zelt.md"
    concept.parent.mkdir()
    concept.write_text("---\ntitle: Zelt\n---\nSee [every article](../articles).\n", "utf-8")
    out = tmp_path / "site"
    result = build(content, out)
    assert result.code == 0, result.stderr
    page = "articles/2024-01-01-a/index.html"
    links = body_links(out, page)
    expected = {
        "all concepts": ("concepts/index.html", ""),
        "sorted": ("concepts/index.html", "top"),
        "articles": ("articles/index.html", ""),
        "these": ("articles/index.html", ""),
        "home": ("index.html", ""),
    }
    for text, (file, fragment) in expected.items():
        assert landing(out, page, links[text]) == (out / file, fragment), text
    assert links["sorted"]["href"] == "../../concepts/?sort=a#top"
    as_written = {
        "x": "nothere",
        "the list": "../index.html",
        "up": "../../",
        "climbed": "../gone/",
        "sub": "sub%20dir/",
    }
    assert {text: links[text]["href"] for text in as_written} == as_written
    assert not links["y"].has_attr("href")  # a file of a published kind: text, as before
    chart = images(out, page)["chart"]
    assert shown(out, page, chart) == out / "media/articles/img a#.png"
    concept_links = body_links(out, "concepts/zelt/index.html")
    file, _ = landing(out, "concepts/zelt/index.html", concept_links["every article"])
    assert file == out / "articles/index.html"
    warned = [line for line in result.stderr.splitlines() if line.endswith("[link-unresolved]")]
    lines = nested.read_text(encoding="utf-8").split("\n")
    assert warned == [
        f"{nested}:8:{lines[7].index('(nothere)') + 2}: warning: link to nothere goes nowhere:"
        " no such file or folder in the content folder [link-unresolved]",
        f"{nested}:10:{lines[9].index('(../gone/)') + 2}: warning: link to ../gone/ goes"
        " nowhere: no such file or folder in the content folder [link-unresolved]",
        f"{nested}:10:{lines[9].index('(<sub dir/>)') + 3}: warning: link to sub dir/ goes"
        f" nowhere: the site has no page for the folder {nested.parent / 'sub dir'}"
        " [link-unresolved]",
        f"{nested}:10:{lines[9].index('(gone.txt') + 2}: warning: link to gone.txt?x=1 goes"
        " nowhere: no such file in the content folder [link-unresolved]",
    ]
    assert tree(out) == clean(content, tmp_path)
    edit(nested, "see [all", "See [all")
    assert build(content, out).code == 0
    assert tree(out) == clean(content, tmp_path)


def opens(out: Path, page: str, link: Tag) -> bool:
    """Whether a link of ``page`` opens a file of the site served under ``BASE``."""
    file, _ = landing(out, page, link)
    return file is not None and file.is_file()


_LINKING_PAGE = "articles/2024-01-01-a/index.html"
"""The page of ``_built_with_links``'s article."""


def _built_with_links(
    article: Path, lines: list[str], speaker: str = ""
) -> tuple[CliRun, Path, dict[str, Tag]]:
    """The site built from ``article`` (``content/articles/2024-01-01-a.md``) with a quote
    of its first words and ``lines`` as its body: the result, the site's folder and the
    links of the article's page by their text."""
    article.write_text(
        f"---\ntitle: A\ndate: 2024-01-01\n{speaker}quotes:\n"
        "  - text: glorp one\n    concepts: [zelt]\n---\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    out = article.parent.parent.parent / "site"
    result = build(article.parent.parent, out)
    assert result.code == 0, result.stderr
    return result, out, body_links(out, _LINKING_PAGE)


def test_every_relative_link_opens_a_page_of_the_site_or_is_warned_at_its_address(
    tmp_path: Path,
) -> None:
    """A relative link that goes to no content file or folder with a page, as GitHub reads
    it from the file, is read from its page's address, as a browser reads it: there it may
    open a page of the site (``../index.html``, ``../../feed.xml``). One that opens nothing
    either way (a folder of articles or of documents, a file of a kind the site does not
    publish, ``..`` climbing to no page, out of the content folder or above the site) was
    written into the page unwarned, and 404ed; each is now warned at its own address."""
    content = tmp_path / "content"
    article = content / "articles" / "2024-01-01-a.md"
    (content / "articles" / "2024").mkdir(parents=True)
    (content / "docs").mkdir()
    (content / "docs" / "wimble.svg").write_text("<svg/>", encoding="utf-8")
    (content / "docs" / "Zorpfile").write_text("all:\n", encoding="utf-8")
    (content / "articles" / "2024" / "2024-02-02-b.md").write_text(
        "---\ntitle: B\ndate: 2024-02-02\n---\nBlorf text.\n", encoding="utf-8"
    )
    lines = [
        "glorp one: [year](2024/), [docs](../docs/), [svg](../docs/wimble.svg),",
        "[make](../docs/Zorpfile), [gone](../gone.html), [climbed](../glim/),",
        "[above](../../../x/), [out](../../nowhere/) and [yearly](2024).",
        "",
        "Pages: [list](../index.html), [home](../../), [feed](../../feed.xml),",
        "[voice](../../speakers/speaker-seven/), [self](index.html), [find](../../search/),",
        "[all](../../concepts), [map](../../sitemap.xml), [b](../2024-02-02-b/).",
    ]
    result, out, links = _built_with_links(article, lines, "speaker: Speaker Seven\n")
    page = _LINKING_PAGE
    closed = {text for text, link in links.items() if text != "Zelt" and not opens(out, page, link)}
    assert closed == {"year", "docs", "svg", "make", "gone", "climbed", "above", "out", "yearly"}
    source = article.read_text(encoding="utf-8").split("\n")
    where: dict[str, str] = {}
    for text in closed:
        address = str(links[text]["href"])
        written = f"[{text}]({address})"
        row = next(i for i, line in enumerate(source) if written in line)
        where[f"{article}:{row + 1}:{source[row].index(written) + len(text) + 4}"] = text
    warned = {
        line.split(": warning: ")[0]: line
        for line in result.stderr.splitlines()
        if line.endswith("[link-unresolved]")
    }
    assert set(warned) == set(where)
    assert "no page for the folder" in warned[next(k for k, t in where.items() if t == "year")]
    assert "does not publish the file" in warned[next(k for k, t in where.items() if t == "svg")]
    hints = [h.strip() for h in result.stderr.splitlines() if h.strip().startswith("hint:")]
    assert len([h for h in hints if "the link is left as written" in h]) == len(closed)


def test_the_pages_a_relative_link_may_open_are_every_file_the_site_writes(
    built: tuple[Path, Path, CliRun],
) -> None:
    """``SiteIndex.pages``, what a relative link read from its page's address may open, is
    every file a build writes but the templates' (``static/``): a file added to the site and
    not to it would be warned of as going nowhere."""
    content, out, _ = built
    index = pipeline.check_content(BuildOptions(content=content, jobs=1)).index
    pages = index.pages()
    written = sorted(
        "" if name == "index.html" else name.removesuffix("index.html")
        for file in out.rglob("*")
        if file.is_file() and not (name := file.relative_to(out).as_posix()).startswith("static/")
    )
    assert [name for name in written if name not in pages] == []


def test_a_file_named_with_a_hash_written_as_it_is_is_warned_to_encode_it(
    tmp_path: Path,
) -> None:
    """``![j](<img a#.png>)``: an address ends a file's name at ``#`` or ``?``, so the image
    was ``img a``, warned as no image file; the warning says to write ``%23`` and ``%3F``,
    and so written it is shown."""
    content = tmp_path / "content"
    article = content / "articles" / "2024-01-01-a.md"
    article.parent.mkdir(parents=True)
    (article.parent / "img a#.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (article.parent / "n?1.pdf").write_bytes(b"%PDF-1.4\n")
    article.write_text(
        "---\ntitle: A\ndate: 2024-01-01\nquotes:\n  - text: glorp one\n    concepts: [zelt]\n"
        "---\nglorp one, ![j](<img a#.png>) and [n](<n?1.pdf>).\n\n"
        "Encoded: ![k](img%20a%23.png) and [m](n%3F1.pdf).\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = build(content, out)
    assert result.code == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if line.endswith(UNRESOLVED)]
    line = article.read_text(encoding="utf-8").split("\n")[7]
    assert warned == [
        f"{article}:8:{line.index('img a#') + 1}: warning: image img a#.png is read as img a:"
        " in an address '#' and '?' end the file's name (the file img a#.png is there)"
        " [image-unresolved]",
        f"{article}:8:{line.index('n?1') + 1}: warning: link to n?1.pdf is read as n: in an"
        " address '#' and '?' end the file's name (the file n?1.pdf is there)"
        " [link-unresolved]",
    ]
    hints = [h.strip() for h in result.stderr.splitlines() if h.strip().startswith("hint:")]
    assert "hint: write '#' as %23 and '?' as %3F in the address, as in (img%20a%23.png)" in hints
    assert "hint: write '#' as %23 and '?' as %3F in the address, as in (n%3F1.pdf)" in hints
    page = "articles/2024-01-01-a/index.html"
    assert shown(out, page, images(out, page)["k"]) == out / "media/articles/img a#.png"
    file, _ = landing(out, page, body_links(out, page)["m"])
    assert file == out / "media/articles/n?1.pdf"


def test_a_link_typed_in_its_letters_is_warned_at_its_own_address(tmp_path: Path) -> None:
    """An address written with its letters (``café.pdf``) is found where it stands, not at
    a later link's that writes the same name percent-encoded (``caf%C3%A9.pdf``), which
    then went unfound and was warned of at its paragraph's first line."""
    body = "Zelt.\n\n[one](docs/café.pdf) then\n[two](docs/a.pdf) [three](docs/caf%C3%A9.pdf)\n"
    content = tmp_path / "content"
    article = content / "articles" / "2024-01-01-a.md"
    article.parent.mkdir(parents=True)
    article.write_text(f"---\ntitle: A\ndate: 2024-01-01\n---\n{body}", encoding="utf-8")
    (content / "site.yaml").write_text("title: T\n")
    result = run_cli("build", "--content", str(content), "--out", str(tmp_path / "site"))
    warned = [line for line in result.stderr.splitlines() if line.endswith("[link-unresolved]")]
    assert [line.split(": warning:")[0].rsplit(":", 2)[1:] for line in warned] == [
        ["7", "7"],
        ["8", "7"],
        ["8", "27"],
    ]


def test_a_link_to_a_data_file_the_site_writes_opens_it(tmp_path: Path) -> None:
    """``../../data/statements.csv`` from an article's page is the site's own file, as
    ``SiteIndex.pages`` lists it; of a kind the site may publish, it was read as a content
    file only, none was found outside the content folder, and the link was dropped with a
    warning that it went nowhere. One that opens nothing either way is still warned, and
    left as written as other relative links are."""
    content = tmp_path / "content"
    article = content / "articles" / "2024-01-01-a.md"
    article.parent.mkdir(parents=True)
    lines = [
        "glorp one: [rows](../../data/statements.csv), [all](../../data/concordance.json),",
        "[bots](../../robots.txt) and [lost](../../data/zelt.csv).",
    ]
    result, out, links = _built_with_links(article, lines)
    page = _LINKING_PAGE
    assert {text for text in ("rows", "all", "bots") if opens(out, page, links[text])} == {
        "rows",
        "all",
        "bots",
    }
    assert links["lost"]["href"] == "../../data/zelt.csv"
    warned = [line for line in result.stderr.splitlines() if line.endswith("[link-unresolved]")]
    column = lines[1].index("[lost](") + len("[lost](") + 1
    assert [w.split(": warning: ")[0] for w in warned] == [f"{article}:9:{column}"]


def test_page_bundles_are_named_for_their_folders(tmp_path: Path) -> None:
    """Articles kept as Hugo's, Zola's and Astro's page bundles (``glorp-post/index.md``,
    its images beside it) have the address of their folder, as those generators give them:
    two bundles were one address, ``index``, and an error; one was ``articles/index/``."""
    content = tmp_path / "content"
    (content / "site.yaml").parent.mkdir()
    (content / "site.yaml").write_text("title: Bundles\n", encoding="utf-8")
    for name, other in (("glorp-post", "zorp-post"), ("zorp-post", "glorp-post")):
        bundle = content / "articles" / name
        bundle.mkdir(parents=True)
        (bundle / "map.png").write_bytes(base64.b64decode(PIXEL))
        (bundle / "index.md").write_text(
            f"---\ntitle: {name}\ndate: 2024-01-05\n---\nSpeaker 7 said the {name} works."
            f" ![The map](map.png) [The other](../{other}/index.md) [[{other}]]\n",
            encoding="utf-8",
        )
    out = tmp_path / "site"
    result = build(content, out)
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in (out / "articles").iterdir() if p.is_dir()) == [
        "glorp-post",
        "zorp-post",
    ]
    page = soup(out / "articles" / "glorp-post" / "index.html")
    assert page.select_one("div.body img")["src"].endswith("/articles/glorp-post/map.png")
    assert [a["href"] for a in page.select("div.body a")] == ["../../articles/zorp-post/"] * 2
    checked, broken = check_links(out, urlsplit(BASE).path)
    assert checked and not broken


_HREF_PIECES = ["https://", "http://", "HTTPS://", "//", "example.org", "[", "]", "::1", ":80"]
_HREF_PIECES += ["/", "a.md", "b.png", "#q-1", "?x=1", "%41", "é", "例", " ", "\t", "..", "@"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_HREF_PIECES), max_size=8).map("".join), st.booleans())
@example("https://[::1]/a.md", False)
@example("https://例.org/b.png", True)
def test_an_address_on_the_web_goes_where_splitting_it_tells(href: str, image: bool) -> None:
    """``target_of`` gives back the same as it did splitting every address, for an address
    of http(s) that it no longer splits too, and fails as it did (a host of IPv6 in brackets
    not closed)."""

    def split_every_time(*args: object, **kwargs: object) -> object:
        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(content_links, "_on_the_web", lambda href: False)
            return target_of(*args, **kwargs)  # type: ignore[arg-type]

    for call in (target_of, split_every_time):
        try:
            result: object = call("content/articles", href, image, root="content")
        except ValueError as error:
            result = ("refused", str(error))
        if call is target_of:
            expected = result
    assert result == expected


def test_a_link_to_another_site_is_not_split_to_find_a_content_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Most links of a body go to other sites, told by their start: only the image is split,
    to see whether it is on another site."""
    split: list[str] = []

    def counted(url: str) -> object:
        split.append(url)
        return urlsplit(url)

    body = "Glorp [zorp](https://example.org/zorp) ![plan](http://example.org/a.png) x.\n"
    html = render_body(body, [], folder="content/articles").html
    monkeypatch.setattr(content_links, "urlsplit", counted)
    assert render_body(body, [], folder="content/articles").html == html
    assert split == ["http://example.org/a.png"]


_EMBEDDING = st.lists(
    st.sampled_from(
        [
            *("![x](", "[x](", ")", "<", ">", '<img src="', '">', "[[", "]]", " ", "\n"),
            *("data", "DaTa", "d", "ata", ":", "\\:", "&colon;", "&#58;", "&#100;", "&#x64;"),
            *("image/png;base64,", "image/svg+xml,", "%3A", "glorp", "https:", "//x"),
        ]
    ),
    max_size=16,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_EMBEDDING)
@example("![x](data\\:image/png;base64,AAAA)")
@example("[x](DaTa:image/png;base64,AAAA)")
@example('<img src="DATA&#58;image/png;base64,AAAA">')
def test_a_block_passed_over_holds_no_embedded_image(body: str) -> None:
    """The blocks ``_may_embed`` passes over (no ``&``, ``:`` or ``data``) hold no image
    embedded in the text: each block looked through finds the same, and the page is the
    same."""
    kept = render_body(body, [], "content/articles")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(content_links, "_may_embed", lambda content: True)
        every = render_body(body, [], "content/articles")
    assert kept.embedded == every.embedded and kept.html == every.html
