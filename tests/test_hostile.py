"""Hostile content trees: parsing limits, encodings, malicious names, collisions.

Each case is built by the real command line in a subprocess (a crash of the YAML
library would take a test process with it). Every case must end with exit code 0 or 1,
no traceback, located diagnostics (``path:line:col``) for every error, nothing written
outside the output directory, and nothing executable in what was written.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, copy_content, permissions_obeyed
from test_security_scan import scan_site

from concordance import html_lists
from concordance.load import MAX_FILE_LINES, decode_text
from concordance.validate import MAX_QUOTE_CONCEPTS

LOCATED = re.compile(
    r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): ", re.M
)
# What a build may leave next to site/: the output and the build cache (not its lock).
BESIDE_OUTPUT = frozenset({"site", ".cache"})
BUILD_TIMEOUT = 120  # a bound on runaway inputs, not a speed test
# Under this command a build that reads a huge file whole fails (MemoryError) rather than
# taking the machine's memory, and one that waits forever is ended: its test fails.
BOUNDED = ("timeout", "60", "prlimit", f"--as={1 << 30}")


@dataclass(frozen=True)
class Built:
    code: int
    output: str
    out: Path

    def errors(self) -> list[tuple[str, int, int, str]]:
        """(path, line, col, the whole line) of each error."""
        found = []
        for m in LOCATED.finditer(self.output):
            if m["sev"] == "error":
                line_end = self.output.find("\n", m.start())
                found.append(
                    (m["path"], int(m["line"]), int(m["col"]), self.output[m.start() : line_end])
                )
        return found


def build(root: Path, *extra: str, runner: tuple[str, ...] = ()) -> Built:
    """``build.py build`` of ``root/content`` into ``root/site``, in a subprocess (run by
    ``runner``, a command that takes the command to run)."""
    out = root / "site"
    proc = subprocess.run(
        [
            *runner,
            sys.executable,
            str(REPO / "build.py"),
            "build",
            "--content",
            "content",
            "--out",
            "site",
            "--no-search",
            *extra,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, output
    assert proc.returncode in (0, 1), output
    return Built(proc.returncode, output, out)


def check(root: Path, runner: tuple[str, ...] = ()) -> Built:
    """``build.py check`` of ``root/content``, in a subprocess (see ``build``)."""
    proc = subprocess.run(
        [*runner, sys.executable, str(REPO / "build.py"), "check", "--content", "content"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    return Built(proc.returncode, proc.stdout + proc.stderr, root / "site")


def assert_contained(root: Path, built: Built) -> None:
    """Nothing but content/, site/ and the cache next to them; nothing bad inside."""
    names = {p.name for p in root.iterdir()}
    assert names <= {"content", *BESIDE_OUTPUT}, sorted(names)
    if built.out.exists():
        assert scan_site(built.out) == []


def assert_fails_at(built: Built, path: str, line: int, code: str) -> None:
    assert built.code == 1, built.output
    assert not built.out.exists(), "a failed build must not create the site"
    matches = [e for e in built.errors() if e[0].endswith(path) and e[1] == line]
    assert matches, built.output
    assert any(f"[{code}]" in e[3] for e in matches), built.output


def skip_unless_bounded() -> None:
    if shutil.which("prlimit") is None or shutil.which("timeout") is None:
        pytest.skip("prlimit or timeout (util-linux, coreutils) is missing")


def article(root: Path, name: str, data: bytes) -> Path:
    file = root / "content" / "articles" / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data)
    return file


def tree(tmp_path: Path) -> Path:
    """A small valid site to add one hostile file to."""
    copy_content("basic", tmp_path)
    return tmp_path


GOOD_FRONT = "title: T\ndate: 2024-01-01\nspeaker: Speaker 3\n"


# --- parsing limits ----------------------------------------------------------------


def billion_laughs() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


# case -> (front matter, line of the error, its code)
HOSTILE_YAML = {
    # At the alias whose repeat passes the node budget, in the bomb's sixth line.
    "alias-bomb": (billion_laughs(), 7, "yaml-limit"),
    "deep-small": ("x: " + "[" * 40 + "]" * 40 + "\n", 2, "yaml-limit"),
    "deep-flow": ("x: " + "[" * 100_000 + "]" * 100_000 + "\n", 2, "yaml-limit"),
    # libyaml's composer recursed once per level and crashed the process on this one.
    "deep-flow-mapping": ("x: " + "{a: " * 50_000 + "}" * 50_000 + "\n", 2, "yaml-limit"),
    "deep-block": ("".join(" " * i + "k:\n" for i in range(200)), 34, "yaml-limit"),
    "huge-front-matter": ("x: '" + "a" * 2_200_000 + "'\n", 2, "yaml-limit"),
    "a-million-values": ("x: [" + "a," * 1_000_000 + "a]\n", 2, "yaml-limit"),
    "many-nodes": ("x: [" + ", ".join(["1"] * 120_000) + "]\n", 2, "yaml-limit"),
    "control-escape": ('title: "bell \\a and escape \\e"\n', 2, "encoding"),
    "nul-escape": ('title: "a\\0b"\n', 2, "encoding"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_YAML))
def test_hostile_yaml_is_a_located_error(tmp_path: Path, case: str) -> None:
    text, line, code = HOSTILE_YAML[case]
    root = tree(tmp_path)
    article(root, "2024-01-01-bomb.md", f"---\n{text}---\nBody.\n".encode())
    built = build(root)
    assert_fails_at(built, "articles/2024-01-01-bomb.md", line, code)
    assert_contained(root, built)


def test_alias_bomb_in_site_yaml_is_a_located_error(tmp_path: Path) -> None:
    root = tree(tmp_path)
    (root / "content" / "site.yaml").write_text(billion_laughs())
    built = build(root)
    assert_fails_at(built, "content/site.yaml", 6, "yaml-limit")  # see HOSTILE_YAML


def test_huge_file_is_refused(tmp_path: Path) -> None:
    root = tree(tmp_path)
    article(
        root,
        "2024-01-01-huge.md",
        b"---\n" + GOOD_FRONT.encode() + b"---\n" + b"word " * (2 * 1024 * 1024),
    )
    built = build(root)
    assert_fails_at(built, "articles/2024-01-01-huge.md", 1, "file-too-large")


def test_a_file_of_too_many_lines_is_refused_at_the_first_past_the_limit(tmp_path: Path) -> None:
    """Each line may be a block (``# a``), which took some 2.4 KB while the body was read:
    a megabyte of one-letter headings, under the size limit, took 1.2 GB and 13 s to build
    from two. Refused at once, within a gigabyte of address space."""
    skip_unless_bounded()
    root = tree(tmp_path)
    front = b"---\n" + GOOD_FRONT.encode() + b"---\n"
    body = b"# a\n" * (MAX_FILE_LINES - front.count(b"\n") + 1)
    article(root, "2024-01-01-many.md", front + body)
    built = build(root, runner=BOUNDED)
    assert_fails_at(built, "articles/2024-01-01-many.md", MAX_FILE_LINES + 1, "file-too-large")
    assert f"file has {MAX_FILE_LINES + 1:,} lines; the limit is {MAX_FILE_LINES:,}" in built.output


@pytest.mark.parametrize(
    ("data", "refused"),
    [
        (b"x\n" * MAX_FILE_LINES, False),
        (b"x\n" * (MAX_FILE_LINES - 1) + b"y", False),  # its last line unbroken
        (b"x\n" * MAX_FILE_LINES + b"y", True),
        (b"x\r" * (MAX_FILE_LINES + 1), True),  # old Mac line ends count as lines too
        (b"x" * (8 * MAX_FILE_LINES), False),  # one long line
    ],
    ids=["at-the-limit", "last-unbroken", "one-past", "cr-line-ends", "one-long-line"],
)
def test_the_lines_of_a_file_are_counted_as_an_editor_numbers_them(
    data: bytes, refused: bool
) -> None:
    text, problems = decode_text("articles/a.md", data)
    assert (text is None) is refused
    assert [(p.span.line, p.code) for p in problems] == (
        [(MAX_FILE_LINES + 1, "file-too-large")] if refused else []
    )


@pytest.mark.parametrize("name", ["recording.pdf", "articles/scan.png"])
def test_a_huge_file_no_article_links_is_not_read_whole(tmp_path: Path, name: str) -> None:
    """Every file of a kind a body may link was read whole to be fingerprinted: a 1.5 GB
    one beside the articles took 1.5 GB of memory, and a larger one ended the build in a
    MemoryError. It is digested a piece at a time (sparse: it takes no disk)."""
    skip_unless_bounded()
    root = tree(tmp_path)
    with (root / "content" / name).open("wb") as huge:
        huge.truncate(3 << 29)
    for _ in range(2):  # the rebuild, too, which checks the media are those read
        built = build(root, runner=BOUNDED)
        assert built.code == 0, built.output


def test_very_long_line_builds(tmp_path: Path) -> None:
    """Two megabytes on one line, with the quote at its very end."""
    root = tree(tmp_path)
    filler = " ".join(f"w{i % 997}" for i in range(300_000))
    front = GOOD_FRONT + "quotes:\n  - text: the very last words\n    concepts: [zelt tea]\n"
    article(
        root, "2024-01-01-long.md", f"---\n{front}---\n{filler} the very last words.\n".encode()
    )
    built = build(root)
    assert built.code == 0, built.output
    page = built.out / "articles" / "2024-01-01-long" / "index.html"
    assert 'id="q-' in page.read_text(encoding="utf-8")
    assert_contained(root, built)


@pytest.mark.parametrize("opening", ["<!--", "<pre>"])
def test_a_body_of_blocks_opened_and_never_closed_builds(tmp_path: Path, opening: str) -> None:
    """200,000 lines each opening a comment (or ``<pre>``) that nothing closes: each line
    looked for the close to the end of the body, and the build took 174 s. As many as a file
    may have (``MAX_FILE_LINES``), its front matter's and the last two aside."""
    root = tree(tmp_path)
    front = GOOD_FRONT + "quotes:\n  - text: the very last words\n    concepts: [zelt tea]\n"
    lines = MAX_FILE_LINES - front.count("\n") - 4
    body = f"{opening}\n" * lines + "\nthe very last words.\n"
    article(root, "2024-01-01-open.md", f"---\n{front}---\n{body}".encode())
    built = build(root)
    assert built.code == 0, built.output
    assert_contained(root, built)


def test_a_body_of_lists_inside_lists_builds(tmp_path: Path) -> None:
    """10,000 lists written in HTML, each inside the last, then their closing tags: each
    line that opens one read its source to the end, and the body took 42 s; lists nested
    past ``html_lists.MAX_DEPTH`` are read as text."""
    root = tree(tmp_path)
    front = GOOD_FRONT + "quotes:\n  - text: the very last words\n    concepts: [zelt tea]\n"
    body = "<ul>\n<li>a\n" * 10_000 + "</ul>\n" * 10_000 + "\nthe very last words.\n"
    article(root, "2024-01-01-lists.md", f"---\n{front}---\n{body}".encode())
    built = build(root)
    assert built.code == 0, built.output
    page = (built.out / "articles" / "2024-01-01-lists" / "index.html").read_text()
    assert page.count('<li dir="ltr">') == html_lists.MAX_DEPTH  # the innermost lists
    assert_contained(root, built)


def test_a_table_of_more_cells_than_a_body_holds_is_a_located_error(tmp_path: Path) -> None:
    """200 columns by 5,000 rows of one letter (2 MB) took 26 s and 2 GB to build: markdown-it
    makes four tokens of each cell. Its cells are counted first, and it is an error at its
    first line; a table of a real document (20 columns by 500 rows) builds."""
    root = tree(tmp_path)
    front = GOOD_FRONT + "quotes:\n  - text: the very last words\n    concepts: [zelt tea]\n"

    def table(columns: int, rows: int) -> str:
        head = "|" + "|".join(f"h{i}" for i in range(columns)) + "|\n" + "|---" * columns
        return head + "|\n" + ("|" + "|".join(["c"] * columns) + "|\n") * rows

    body = f"the very last words.\n\n{table(20, 500)}\n"
    article(root, "2024-01-01-real.md", f"---\n{front}---\n{body}".encode())
    built = build(root)
    assert built.code == 0, built.output
    page = built.out / "articles" / "2024-01-01-real" / "index.html"
    assert page.read_text(encoding="utf-8").count("<td") == 20 * 500
    shutil.rmtree(built.out)  # a failed build leaves the site in place
    article(root, "2024-01-02-wide.md", f"---\n{front}---\n{body}{table(200, 5000)}".encode())
    body_line = 2 + front.count("\n") + 1
    wide_at = body_line + body.count("\n")
    assert_fails_at(build(root), "articles/2024-01-02-wide.md", wide_at, "table-too-large")


@pytest.mark.parametrize("count", [MAX_QUOTE_CONCEPTS, MAX_QUOTE_CONCEPTS + 1, 3000])
def test_a_quote_of_too_many_concepts_is_a_located_error(tmp_path: Path, count: int) -> None:
    """Each concept's page and feed shows the statement with a chip for every other: a
    quote of 1,000 concepts made a 396 MB site out of a 12 KB article."""
    root = tree(tmp_path)
    names = [f"zorq {i}" for i in range(count)]
    front = GOOD_FRONT + f"quotes:\n  - text: the zorq words\n    concepts: [{', '.join(names)}]\n"
    article(root, "2024-01-01-many.md", f"---\n{front}---\nAll the zorq words.\n".encode())
    built = build(root)
    if count <= MAX_QUOTE_CONCEPTS:
        assert built.code == 0, built.output
        page = built.out / "concepts" / f"zorq-{count - 1}" / "index.html"
        assert page.read_text(encoding="utf-8").count('class="chip"') >= 2 * (count - 1)
        return
    assert_fails_at(built, "articles/2024-01-01-many.md", 7, "concepts-too-many")
    column = front.splitlines()[5].index(names[MAX_QUOTE_CONCEPTS]) + 1  # the first past it
    assert (7, column) in [(e[1], e[2]) for e in built.errors()], built.output
    assert f"quote names {count:,} concepts; the limit is {MAX_QUOTE_CONCEPTS}" in built.output


def test_a_list_of_concepts_repeated_by_a_yaml_anchor_is_bounded_too(tmp_path: Path) -> None:
    """150 quotes naming the same 100 concepts through one anchor (6 KB) made 252 MB."""
    root = tree(tmp_path)
    names = ", ".join(f"k{i}" for i in range(100))
    quotes = [f"  - text: w0\n    concepts: &cs [{names}]\n"]
    quotes += [f"  - {{text: w{i}, concepts: *cs}}\n" for i in range(1, 150)]
    front = GOOD_FRONT + "quotes:\n" + "".join(quotes)
    body = " ".join(f"w{i}." for i in range(150))
    article(root, "2024-01-01-anchor.md", f"---\n{front}---\n{body}\n".encode())
    built = build(root)
    assert_fails_at(built, "articles/2024-01-01-anchor.md", 7, "concepts-too-many")
    assert built.output.count("[concepts-too-many]") == 150


# --- encodings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line", "col"),
    [
        ("---\ntitle: café\n---\n".encode("latin-1"), 2, 11),
        ("---\ntitle: x\n---\nbody\n".encode("utf-16"), 1, 1),
        (b"---\ntitle: x\ndate: 2024-01-01\n---\nline one\nbad \xff byte\n", 6, 5),
        (b"---\ntitle: x\n---\nnul \x00 here\n", 4, 5),
        (b"---\ntitle: x\n---\nvertical \x0b tab\n", 4, 10),
        (b"---\ntitle: x\r\ndate: 2024-01-01\r\n---\r\n\r\n\x1b[31mred\n", 6, 1),
        # NEL ends a line to YAML only: in a body it is a C1 control, which no page may hold.
        ("---\ntitle: x\n---\nwait\u0085 what\n".encode(), 4, 5),
        # Noncharacters: typed or escaped, in a body or a value (pages would be invalid HTML).
        ("---\ntitle: x\n---\nend \U0010ffff\n".encode(), 4, 5),
        ("---\ntitle: a \ufdd0 b\n---\nbody\n".encode(), 2, 10),
        (b'---\ntitle: "a \\U0001FFFE b"\n---\nbody\n', 2, 8),
    ],
)
def test_bad_encoding_is_a_located_error(tmp_path: Path, data: bytes, line: int, col: int) -> None:
    root = tree(tmp_path)
    article(root, "2024-01-01-enc.md", data)
    built = build(root)
    assert built.code == 1
    errors = [e for e in built.errors() if e[0].endswith("2024-01-01-enc.md")]
    assert [(e[1], e[2]) for e in errors] == [(line, col)], built.output
    assert "[encoding]" in errors[0][3]


@pytest.mark.parametrize(("encoding", "named"), [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_a_file_in_another_unicode_encoding_is_named_so(
    tmp_path: Path, encoding: str, named: str
) -> None:
    """UTF-32's byte-order mark starts with UTF-16's: the message names the right one."""
    root = tree(tmp_path)
    article(root, "2024-01-01-enc.md", "---\ntitle: x\n---\nbody\n".encode(encoding))
    built = build(root)
    assert_fails_at(built, "2024-01-01-enc.md", 1, "encoding")
    assert f"the file is {named} (it starts with {named}'s byte-order mark)" in built.output


def test_bad_encoding_in_site_yaml_is_a_located_error(tmp_path: Path) -> None:
    root = tree(tmp_path)
    (root / "content" / "site.yaml").write_bytes(b"title: caf\xe9\n")
    built = build(root)
    assert_fails_at(built, "content/site.yaml", 1, "encoding")


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_bom_and_crlf_files_build_with_right_line_numbers(tmp_path: Path, newline: bytes) -> None:
    root = tree(tmp_path)
    lines = [
        b"---",
        b"title: BOM and CRLF",
        b"date: 2024-01-01",
        b"speaker: Speaker 3",
        b"quotes:",
        b"  - text: found in the body",
        b"    concepts: [zelt tea]",
        b"  - text: not in the body",
        b"    concepts: [zelt tea]",
        b"---",
        b"Words found in the body here.",
    ]
    data = b"\xef\xbb\xbf" + newline.join(lines) + newline
    article(root, "2024-01-01-crlf.md", data)
    built = build(root)
    errors = [e for e in built.errors() if e[0].endswith("2024-01-01-crlf.md")]
    assert [(e[1], e[2]) for e in errors] == [(8, 11)], built.output
    assert "[quote-not-found]" in errors[0][3]
    (root / "content" / "articles" / "2024-01-01-crlf.md").write_bytes(
        data.replace(b"not in the body", b"Words found")
    )
    built = build(root)
    assert built.code == 0, built.output
    page = (built.out / "articles" / "2024-01-01-crlf" / "index.html").read_text("utf-8")
    assert "\r" not in page and "\ufeff" not in page


# --- names -------------------------------------------------------------------------

HOSTILE_NAMES = [
    "..",
    ".",
    "/etc/passwd",
    "../../escape",
    "CON",
    "nul",
    "com1",
    "a\\b",
    "~",
    "%2e%2e",
    "-",
    "\u202eevil",
    "𝕏" * 90,
    "\U00020000" * 90,
]


def test_hostile_concept_and_speaker_names_stay_inside(tmp_path: Path) -> None:
    root = tree(tmp_path)
    quotes = "".join(
        f"  - text: sentence {i}\n    concepts: [{json.dumps(name, ensure_ascii=False)}]\n"
        f"    speaker: {json.dumps(name, ensure_ascii=False)}\n"
        for i, name in enumerate(HOSTILE_NAMES)
    )
    body = " ".join(f"Sentence {i}." for i in range(len(HOSTILE_NAMES))).replace("S", "s")
    article(
        root, "2024-01-01-names.md", f"---\n{GOOD_FRONT}quotes:\n{quotes}---\n{body}\n".encode()
    )
    built = build(root)
    assert built.code == 0, built.output
    assert_contained(root, built)
    for folder in ("concepts", "speakers"):
        for page in (built.out / folder).rglob("index.html"):
            rel = page.relative_to(built.out / folder).parts
            assert len(rel) in (1, 2), page  # the index, or <slug>/index.html
    speakers = [p.parent.name for p in (built.out / "speakers").glob("*/index.html")]
    assert len(speakers) == len(HOSTILE_NAMES) + 3  # the fixture's two, and Speaker 3


@pytest.mark.parametrize(
    "name",
    [
        *("\u200b", "\ufeff", "\u00ad\u200d", " \u2060 "),
        # Hangul fillers (letters to Unicode, drawn as nothing), the braille blank, the
        # combining grapheme joiner, invisible operators and tags: names that showed nothing.
        *("\u3164", "\u115f\u1160", "\uffa0", "\u2800", "\u034f", "\u2062", "\U000e0041"),
    ],
)
def test_names_no_reader_sees_are_errors_where_written(tmp_path: Path, name: str) -> None:
    """An invisible speaker or concept would be a page whose name and link show nothing."""
    root = tree(tmp_path)
    written = '"' + "".join(c if c == " " else f"\\U{ord(c):08X}" for c in name) + '"'
    quote = f"  - text: the words\n    concepts: [{written}, x]\n    speaker: {written}\n"
    article(
        root, "2024-01-01-names.md", f"---\n{GOOD_FRONT}quotes:\n{quote}---\nthe words\n".encode()
    )
    built = build(root)
    assert built.code == 1
    problems = [line for line in built.output.splitlines() if "reader sees" in line]
    assert [line.split(": error: ")[1] for line in problems] == [
        "'concepts' holds no character a reader sees [field-missing]",
        "'speaker' holds no character a reader sees [field-missing]",
    ]
    assert all(line.startswith("content/articles/2024-01-01-names.md:") for line in problems)


UNSEEN_IN_NAMES = ["\u3164", "\u115f", "\uffa0", "\u034f", "\u2062", "\U000e0041"]
"""Drawn as nothing inside a name: Hangul fillers, the combining grapheme joiner, an invisible
operator, a tag."""


def escaped(text: str) -> str:
    """``text`` as a YAML double-quoted string escapes each of its characters beyond ASCII."""
    return '"' + "".join(c if c.isascii() else f"\\U{ord(c):08X}" for c in text) + '"'


@pytest.mark.parametrize("unseen", UNSEEN_IN_NAMES, ids=ascii)
def test_an_address_holds_no_character_a_reader_cannot_see(tmp_path: Path, unseen: str) -> None:
    """A Hangul filler in ``glorp`` gave the page ``concepts/gloᅠrp/``: an address that reads
    as glorp's, with a letter no one sees in it (and a tag made it ``glo-rp``)."""
    root = tree(tmp_path)
    front = f"title: T\ndate: 2024-01-01\nspeaker: {escaped(f'Speaker{unseen} 17')}\n"
    quote = f"  - text: the words\n    concepts: [{escaped(f'glo{unseen}rp')}]\n"
    article(root, "2024-01-01-names.md", f"---\n{front}quotes:\n{quote}---\nthe words\n".encode())
    built = build(root)
    assert built.code == 0, built.output
    page = BeautifulSoup(
        (built.out / "articles" / "2024-01-01-names" / "index.html").read_bytes(), "html.parser"
    )
    hrefs = {a["href"] for a in page.select('a[href*="concepts/"], a[href*="speakers/"]')}
    assert {"../../concepts/glorp/", "../../speakers/speaker-17/"} <= hrefs, hrefs
    assert not any(unseen in href for href in hrefs), hrefs
    assert (built.out / "concepts" / "glorp" / "index.html").is_file()
    assert (built.out / "speakers" / "speaker-17" / "index.html").is_file()


@pytest.mark.parametrize("unseen", UNSEEN_IN_NAMES, ids=ascii)
def test_names_that_differ_only_in_what_no_one_sees_are_errors(tmp_path: Path, unseen: str) -> None:
    """``glorp`` and ``glo\\u3164rp`` were two concepts with two pages, titled alike."""
    root = tree(tmp_path)
    quotes = (
        "  - text: the words\n    concepts: [glorp]\n    speaker: Speaker 17\n"
        f"  - text: the others\n    concepts: [{escaped(f'glo{unseen}rp')}]\n"
        f"    speaker: {escaped(f'Speaker{unseen} 17')}\n"
    )
    body = "the words, the others\n"
    article(root, "2024-01-01-names.md", f"---\n{GOOD_FRONT}quotes:\n{quotes}---\n{body}".encode())
    built = build(root)
    shown = f"\\u{ord(unseen):04x}" if ord(unseen) < 0x10000 else f"\\U{ord(unseen):08x}"
    assert [e[3].split(": error: ")[1] for e in built.errors()] == [
        f"concept 'glo{shown}rp' has the address 'glorp' of concept 'glorp'"
        " (content/articles/2024-01-01-names.md) [slug-collision]",
        f"speaker 'Speaker{shown} 17' has the same slug as 'Speaker 17'"
        " (content/articles/2024-01-01-names.md:8) [slug-collision]",
    ]
    assert built.output.count("hint: the two differ only in characters no one sees") == 2
    assert not built.out.exists()


def test_a_name_with_a_direction_override_is_a_warning_where_written(tmp_path: Path) -> None:
    """``blip\\u202eolf`` is shown as blipflo: its page's title reads as another name than
    the one written (and than its address, blipolf)."""
    root = tree(tmp_path)
    concept, speaker = escaped("blip\u202eolf\u202c"), escaped("Speaker \u202d8")
    quote = f"  - text: the words\n    concepts: [{concept}]\n    speaker: {speaker}\n"
    article(
        root, "2024-01-01-names.md", f"---\n{GOOD_FRONT}quotes:\n{quote}---\nthe words\n".encode()
    )
    built = check(root)
    warned = [line for line in built.output.splitlines() if "[name-direction-override]" in line]
    assert warned == [
        "content/articles/2024-01-01-names.md:7:16: warning: the name 'blip\\u202eolf\\u202c'"
        " holds a writing-direction override (U+202E): it is shown with its letters in another"
        " order than they are written [name-direction-override]",
        "content/articles/2024-01-01-names.md:8:14: warning: the name 'Speaker \\u202d8\\u202c'"
        " holds a writing-direction override (U+202D): it is shown with its letters in another"
        " order than they are written [name-direction-override]",
    ]


@pytest.mark.parametrize("stem", ["CON", "nul", "..", "...", " ", "-", "a..b", "%2F"])
def test_hostile_file_names_stay_inside(tmp_path: Path, stem: str) -> None:
    root = tree(tmp_path)
    article(root, f"{stem}.md", f"---\n{GOOD_FRONT}---\nBody.\n".encode())
    built = build(root)
    assert built.code == 0, built.output
    assert_contained(root, built)
    pages = [p for p in (built.out / "articles").iterdir() if p.is_dir()]
    assert len(pages) == (2 if stem.startswith(".") else 3)  # hidden files are skipped


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Growth-Plan.md", "growth plan.md"),
        ("café.md", unicodedata.normalize("NFD", "café.md")),
        ("ＡＢＣ.md", "abc.md"),
    ],
)
def test_article_names_that_collide_are_errors_naming_both(
    tmp_path: Path, first: str, second: str
) -> None:
    root = tree(tmp_path)
    article(root, first, f"---\n{GOOD_FRONT}---\nOne.\n".encode())
    article(root, second, f"---\n{GOOD_FRONT}---\nTwo.\n".encode())
    built = build(root)
    assert built.code == 1
    collisions = [e[3] for e in built.errors() if "[slug-collision]" in e[3]]
    assert len(collisions) == 1, built.output
    names = [unicodedata.normalize("NFC", n) for n in (first, second)]
    message = unicodedata.normalize("NFC", collisions[0])
    assert all(n in message for n in names), message


@pytest.mark.parametrize(("first", "second"), [("Growth", "GROWTH"), ("café", "cafe\u0301")])
def test_concept_definitions_with_the_same_name_are_errors_naming_both(
    tmp_path: Path, first: str, second: str
) -> None:
    root = tree(tmp_path)
    concepts = root / "content" / "concepts"
    (concepts / "one.md").write_text(f"---\ntitle: {first} twin\n---\nOne.\n")
    (concepts / "two.md").write_text(f"---\ntitle: {second} twin\n---\nTwo.\n")
    built = build(root)
    assert built.code == 1, built.output
    errors = [e for e in built.errors() if "two.md" in e[0]]
    assert errors and "one.md" in errors[0][3], built.output


def test_concepts_whose_names_differ_only_by_punctuation_collide(tmp_path: Path) -> None:
    root = tree(tmp_path)
    concepts = root / "content" / "concepts"
    (concepts / "one.md").write_text("---\ntitle: tea-plan\n---\nOne.\n")
    (concepts / "two.md").write_text("---\ntitle: tea plan!\n---\nTwo.\n")
    built = build(root)
    assert built.code == 1
    errors = [e for e in built.errors() if "[slug-collision]" in e[3]]
    assert len(errors) == 1 and "one.md" in errors[0][3] and "two.md" in errors[0][0]


@pytest.mark.parametrize(
    ("name", "link"),
    [
        (b"a\\b.png", "img/a%5Cb.png"),  # a backslash: a folder's separator on Windows
        (b"caf\xe9.png", "img/caf%E9.png"),  # Latin-1, no UTF-8
    ],
)
def test_an_image_whose_name_cannot_be_published_is_unresolved_in_check_and_build(
    tmp_path: Path, name: bytes, link: str
) -> None:
    """``check`` says what ``build`` does: the image is not published, and the link to it is
    a warning at its line, not a build that fails (or a traceback) after ``check`` passed."""
    root = tree(tmp_path)
    folder = root / "content" / "articles" / "img"
    folder.mkdir()
    Path(os.fsdecode(bytes(folder) + b"/" + name)).write_bytes(b"\x89PNG\r\n")
    body = f"Zelt.\n\n![a chart]({link})\n"
    article(root, "2024-01-01-img.md", f"---\n{GOOD_FRONT}---\n{body}".encode())
    for built in (build(root), check(root)):
        assert built.code == 0, built.output
        assert "2024-01-01-img.md:8:12: warning: image" in built.output, built.output
        if b"\\" in name:  # the file is there: the warning says why it is not published
            assert "its name holds a backslash [image-unresolved]" in built.output
    assert not (root / "site" / "media").exists()


def test_a_template_file_whose_name_is_not_utf8_builds(tmp_path: Path) -> None:
    """A file of ``templates/static`` named in another encoding (a font unpacked from an
    archive made on Windows) reaches Python as a lone surrogate, which digesting the
    templates' names encoded to UTF-8: the build ended in a traceback. Its bytes are
    published under its name's bytes, as they are named."""
    root = tree(tmp_path)
    shutil.copytree(REPO / "templates", root / "templates")
    name = os.fsencode(root / "templates" / "static") + b"/caf\xe9.css"
    try:
        with open(name, "wb") as file:
            file.write(b"body{}")
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    built = build(root, "--templates", "templates")
    assert built.code == 0, built.output
    with open(os.fsencode(root / "site" / "static") + b"/caf\xe9.css", "rb") as published:
        assert published.read() == b"body{}"


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("a\x01b.pdf", "a%01b.pdf"),
        ("a\x7fb.pdf", "a%7Fb.pdf"),
        ("a\nb.pdf", "a%0Ab.pdf"),
        ("a\u2028b.pdf", "a\u2028b.pdf"),
        ("gnp\u202eb.pdf", "gnp\u202eb.pdf"),
        ("a\u2067b.pdf", "a%E2%81%A7b.pdf"),
        ("a\u202eb.png", "a\u202eb.png"),
    ],
)
def test_a_file_whose_name_holds_a_control_character_is_not_published(
    tmp_path: Path, name: str, written: str
) -> None:
    """A file linked or shown from a body whose name holds a control character (a newline,
    DEL, U+2028, a mark of direction that turns it around) is published under no name: the
    link is warned of at its address, in ``check`` as in ``build``, as one to a name with a
    backslash is, and its text shown without a link."""
    root = tree(tmp_path)
    folder = root / "content" / "articles" / "docs"
    folder.mkdir()
    try:
        (folder / name).write_bytes(b"%PDF-1.4\n")
    except (OSError, ValueError):
        pytest.skip(f"the file system refuses the name {name!r}")
    image = name.endswith(".png")
    link = f"{'!' if image else ''}[the file](docs/{written})"
    body = f"Zelt.\n\nSee {link} here.\n"
    article(root, "2024-01-01-named.md", f"---\n{GOOD_FRONT}---\n{body}".encode())
    code = "image-unresolved" if image else "link-unresolved"
    at = f"2024-01-01-named.md:8:{len('See ' + link.split('(')[0]) + 2}: warning:"
    char = next(c for c in name if not c.isalnum() and c != ".")
    for built in (build(root), check(root)):
        assert built.code == 0, built.output
        warned = [line for line in built.output.splitlines() if line.endswith(f"[{code}]")]
        assert len(warned) == 1 and at in warned[0], built.output
        assert f"control character U+{ord(char):04X} is not published" in warned[0]
    assert not (root / "site" / "media").exists()
    page = root / "site" / "articles" / "2024-01-01-named" / "index.html"
    paragraph = BeautifulSoup(page.read_bytes(), "lxml").select("div.body p")[-1]
    assert paragraph.get_text() == ("See  here." if image else "See the file here.")
    assert paragraph.select("a[href]") == []
    assert [i["alt"] for i in paragraph.select("img") if "media/" not in i["src"]] == (
        ["the file"] if image else []
    )


# --- a committed build cache -------------------------------------------------------


def _owner_id_as_fifo(owner_id: Path, elsewhere: Path) -> None:
    owner_id.unlink()
    os.mkfifo(owner_id)


def _owner_id_linked_to_its_copy(owner_id: Path, elsewhere: Path) -> None:
    owner_id.rename(elsewhere)
    owner_id.symlink_to(elsewhere)


def _owner_id_linked_to_dev_zero(owner_id: Path, elsewhere: Path) -> None:
    owner_id.unlink()
    owner_id.symlink_to("/dev/zero")


def _owner_id_huge(owner_id: Path, elsewhere: Path) -> None:
    os.truncate(owner_id, 2 << 30)  # sparse: 2 GiB of NULs that take no disk


@pytest.mark.parametrize(
    "replace",
    [_owner_id_as_fifo, _owner_id_linked_to_its_copy, _owner_id_linked_to_dev_zero, _owner_id_huge],
)
def test_a_committed_owner_id_that_is_no_small_file_discards_the_cache(
    tmp_path: Path, replace: Callable[[Path, Path], None]
) -> None:
    """``owner.id`` was read with ``read_text``: a named pipe blocked the build forever, a
    link to /dev/zero or a huge file took memory without end, and a link was followed. Each
    is now a cache not made here, discarded; the build goes on as a clean one."""
    skip_unless_bounded()
    root = tree(tmp_path / "repo")
    assert build(root).code == 0
    cache = root / ".cache" / "concordance-site"
    (cache / "committed.pickle").write_bytes(b"not the build's")
    owner_id = cache / "owner.id"
    replace(owner_id, tmp_path / "owner.id")
    built = build(root, runner=BOUNDED)
    assert built.code == 0, built.output
    assert not (cache / "committed.pickle").exists()
    assert not owner_id.is_symlink() and owner_id.stat().st_size < 64


@pytest.mark.parametrize(
    "planted",
    [
        ".cache/concordance-site",
        ".cache/concordance-site.discarded-1",
        ".site.new-1",
        ".site.old-1",
    ],
)
def test_a_named_pipe_where_the_build_keeps_trees_is_removed(tmp_path: Path, planted: str) -> None:
    """A build deletes what a killed one left beside the output and the cache (and a cache
    not made here) with ``shutil.rmtree``, which opens its path first: committed as a named
    pipe, one of them hung the build for ever."""
    skip_unless_bounded()
    root = tree(tmp_path / "repo")
    (root / ".cache").mkdir()
    os.mkfifo(root / planted)
    built = build(root, runner=BOUNDED)
    assert built.code == 0, built.output
    made_anew = planted == ".cache/concordance-site"  # the build's own cache, in its place
    assert (root / planted).is_dir() if made_anew else not os.path.lexists(root / planted)
    assert_contained(root, built)


def test_a_link_where_the_build_keeps_trees_is_removed_not_followed(tmp_path: Path) -> None:
    root = tree(tmp_path / "repo")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not the build's", encoding="utf-8")
    (root / ".cache").mkdir()
    (root / ".cache" / "concordance-site.discarded-1").symlink_to(elsewhere)
    assert build(root).code == 0
    assert [p.name for p in elsewhere.iterdir()] == ["keep.txt"]
    assert [p.name for p in (root / ".cache").iterdir()] == ["concordance-site"]


# --- the whole hostile fixture in a subprocess ---------------------------------------


def test_xss_fixture_builds_in_a_subprocess_without_traceback(tmp_path: Path) -> None:
    copy_content("hostile-xss", tmp_path)
    built = build(tmp_path)
    assert built.code == 0, built.output
    assert_contained(tmp_path, built)


def test_symlink_out_of_the_content_is_refused(tmp_path: Path) -> None:
    """A committed symlink must not publish a file of the build machine."""
    root = tree(tmp_path / "repo")
    secret = tmp_path / "secret.md"
    secret.write_text(f"---\n{GOOD_FRONT}---\nThe machine's secret words.\n")
    link = root / "content" / "articles" / "2024-01-01-link.md"
    link.symlink_to(secret)
    inside = root / "content" / "articles" / "2024-01-02-alias.md"
    inside.symlink_to(root / "content" / "articles" / "2022-07-09-second.md")
    built = build(root)
    assert_fails_at(built, "articles/2024-01-01-link.md", 1, "file-outside-content")
    assert [e for e in built.errors() if "alias" in e[0]] == []


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("site.yaml", "title: The machine's secret title\n"),
        ("concepts/outside.md", "---\ntitle: The machine's secret title\n---\nSecret words.\n"),
    ],
)
def test_settings_or_a_concept_linked_out_of_the_content_are_refused(
    tmp_path: Path, name: str, secret: str
) -> None:
    """As an article linked out: site.yaml was read through a link and its title published."""
    root = tree(tmp_path / "repo")
    outside = tmp_path / "secret.yaml"
    outside.write_text(secret, encoding="utf-8")
    link = root / "content" / name
    link.unlink(missing_ok=True)
    link.symlink_to(outside)
    for built in (build(root), check(root)):
        assert_fails_at(built, name, 1, "file-outside-content")
        assert "secret" not in built.output


def test_a_broken_link_as_site_yaml_is_reported(tmp_path: Path) -> None:
    """It was taken for no settings at all: a site built with the defaults' title and address."""
    root = tree(tmp_path / "repo")
    (root / "content" / "site.yaml").unlink()
    (root / "content" / "site.yaml").symlink_to(tmp_path / "moved.yaml")
    assert_fails_at(build(root), "site.yaml", 1, "link-broken")


@pytest.mark.parametrize("kind", ["folder", "named pipe"])
def test_a_site_yaml_that_is_no_file_is_reported(tmp_path: Path, kind: str) -> None:
    """A folder (what Docker makes of a missing file it is told to mount) was taken for no
    settings at all, and a named pipe made the build wait forever for a writer."""
    root = tree(tmp_path / "repo")
    site_yaml = root / "content" / "site.yaml"
    site_yaml.unlink()
    if kind == "folder":
        site_yaml.mkdir()
    else:
        os.mkfifo(site_yaml)
    for built in (build(root), check(root)):
        assert_fails_at(built, "site.yaml", 1, "file-unreadable")


@pytest.mark.parametrize("kind", ["file", "broken link"])
def test_an_articles_or_concepts_that_is_no_folder_is_reported(tmp_path: Path, kind: str) -> None:
    """An article saved as ``articles`` (or a link that leads nowhere) was taken for no
    articles at all: the site was built empty, without a word."""
    root = tree(tmp_path / "repo")
    for name in ("articles", "concepts"):
        folder = root / "content" / name
        shutil.rmtree(folder)
        if kind == "file":
            folder.write_text("---\ntitle: T\ndate: 2024-01-01\n---\nBody.\n", encoding="utf-8")
        else:
            folder.symlink_to(tmp_path / "gone")
    for built in (build(root), check(root)):
        assert_fails_at(built, "content/articles", 1, "not-a-folder")
        assert_fails_at(built, "content/concepts", 1, "not-a-folder")


def test_an_article_that_is_a_named_pipe_is_reported(tmp_path: Path) -> None:
    """It was skipped without a word, as if it were not there."""
    root = tree(tmp_path / "repo")
    os.mkfifo(root / "content" / "articles" / "2024-01-09-pipe.md")
    for built in (build(root), check(root)):
        assert_fails_at(built, "2024-01-09-pipe.md", 1, "file-unreadable")


@pytest.mark.parametrize("target", ["inside", "outside", "device"])
def test_an_article_linked_to_a_named_pipe_or_a_device_is_reported(
    tmp_path: Path, target: str
) -> None:
    """A link named as an article that leads to a pipe or a device was skipped without a
    word (its target neither a file nor a folder), where the pipe itself is reported."""
    root = tree(tmp_path / "repo")
    pipe = root / "content" / "articles" / "_pipe" if target == "inside" else tmp_path / "pipe"
    if target != "device":
        os.mkfifo(pipe)
    link = root / "content" / "articles" / "2024-01-09-linked.md"
    link.symlink_to("/dev/null" if target == "device" else pipe)
    code = "file-unreadable" if target == "inside" else "file-outside-content"
    for built in (build(root), check(root)):
        assert_fails_at(built, "2024-01-09-linked.md", 1, code)


@contextlib.contextmanager
def unreadable(paths: list[Path], restored: int) -> Iterator[tuple[str, ...]]:
    """``paths`` without permission (given ``restored`` after), and the command to run the
    build under for that to hold (root reads any file)."""
    for path in paths:
        path.chmod(0)
    try:
        yield permissions_obeyed()
    finally:
        for path in paths:
            path.chmod(restored)


def test_files_and_folders_without_permission_to_read_are_located(tmp_path: Path) -> None:
    """A file that could not be read ended check and build as a usage error (exit 2,
    ``Permission denied: path``) before any other file was checked, and so did a folder of
    articles that could not be listed."""
    root = tree(tmp_path / "repo")
    content = root / "content"
    locked = [
        article(root, "2024-01-09-locked.md", f"---\n{GOOD_FRONT}---\nBody.\n".encode()),
        article(
            root, "2024/2024-01-10-inside.md", f"---\n{GOOD_FRONT}---\nBody.\n".encode()
        ).parent,
        next((content / "concepts").glob("*.md")),
        content / "site.yaml",
    ]
    with unreadable(locked, 0o755) as runner:
        for built in (build(root, runner=runner), check(root, runner)):
            assert_fails_at(built, "articles/2024-01-09-locked.md", 1, "file-unreadable")
            assert_fails_at(built, "articles/2024", 1, "file-unreadable")
            assert_fails_at(built, locked[2].relative_to(root).as_posix(), 1, "file-unreadable")
            assert_fails_at(built, "content/site.yaml", 1, "file-unreadable")
            assert "cannot read the folder: Permission denied [file-unreadable]" in built.output


def test_a_file_a_body_links_without_permission_to_read_is_located(tmp_path: Path) -> None:
    """It was left out of the site without a word, the page's image and link leading
    nowhere, and the build ended with exit 0. One no body links stays private, as before."""
    root = tree(tmp_path / "repo")
    body = "![A chart](chart.png) and [the text](speech.pdf).\n"
    article(root, "2024-01-09-linking.md", f"---\n{GOOD_FRONT}---\n{body}".encode())
    folder = root / "content" / "articles"
    (folder / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "speech.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.7\n")
    locked = [folder / "chart.png", folder / "speech.pdf", folder / "notes.pdf"]
    with unreadable(locked, 0o644) as runner:
        for built in (build(root, runner=runner), check(root, runner)):
            assert_fails_at(built, "articles/chart.png", 1, "file-unreadable")
            assert_fails_at(built, "articles/speech.pdf", 1, "file-unreadable")
            assert "notes.pdf" not in built.output


@pytest.mark.parametrize("folder", ["articles", "concepts"])
@pytest.mark.parametrize("where", ["moved", "/", "/proc"])
def test_an_articles_folder_linked_out_of_the_content_is_refused(
    tmp_path: Path, folder: str, where: str
) -> None:
    """It is refused at the link, as a link to a folder below it is, and not walked: linked
    to ``/``, the build listed the whole machine (and at ``/proc``, a process's gone files
    ended it: ``No such file or directory: /proc/29934/exe``, exit 2)."""
    skip_unless_bounded()
    root = tree(tmp_path / "repo")
    linked = root / "content" / folder
    outside = tmp_path / "elsewhere" if where == "moved" else Path(where)
    if where == "moved":
        linked.rename(outside)
    else:
        shutil.rmtree(linked)
    linked.symlink_to(outside)
    for built in (build(root, runner=BOUNDED), check(root, BOUNDED)):
        assert_fails_at(built, f"content/{folder}", 1, "file-outside-content")
        assert len(built.errors()) == 1, built.output


@pytest.mark.parametrize(
    ("moved", "refused"),
    [
        ("articles/2022-07-09-second.md", "articles/2022-07-09-second.md"),
        ("site.yaml", "site.yaml"),
        ("concepts/growth.md", "concepts/growth.md"),
        ("articles", "content/articles"),
    ],
)
def test_a_file_moved_out_of_the_content_and_linked_is_refused_by_a_rebuild(
    tmp_path: Path, moved: str, refused: str
) -> None:
    """The cache knows a file by its bytes and stats, which a move out of the content
    folder and a link back keep: the rebuild refuses it as a clean build does."""
    root = tree(tmp_path / "repo")
    assert build(root).code == 0
    file = root / "content" / moved
    outside = tmp_path / "elsewhere"
    file.rename(outside)
    file.symlink_to(outside)
    for built in (build(root), build(root), build(root, "--clean")):
        assert built.code == 1, built.output
        found = [e for e in built.errors() if e[0].endswith(refused) and e[1] == 1]
        assert any("[file-outside-content]" in e[3] for e in found), built.output


def test_a_content_folder_reached_through_a_link_builds(tmp_path: Path) -> None:
    real = tree(tmp_path / "real")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "content").symlink_to(real / "content")
    (real / "content" / "articles" / "2024").mkdir()
    article(real, "2024/2024-01-03-nested.md", f"---\n{GOOD_FRONT}---\nNested words.\n".encode())
    built = build(root)
    assert built.code == 0, built.output
    assert (built.out / "articles" / "2024-01-03-nested" / "index.html").is_file()


@pytest.mark.parametrize("out", ["blocker/site", "/proc/site"])
def test_unwritable_output_is_a_message_not_a_traceback(tmp_path: Path, out: str) -> None:
    root = tree(tmp_path)
    (root / "blocker").write_text("a file where a directory should be")
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "build.py"),
            "build",
            "--content",
            "content",
            "--out",
            out,
            "--no-search",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("build.py: "), proc.stderr


def test_an_empty_name_is_told_empty_not_of_the_wrong_kind(tmp_path: Path) -> None:
    """``''`` in a list of names was 'must be a name (text), not text', hinted 'quote it'."""
    root = tree(tmp_path)
    quote = "  - text: the words\n    concepts: ['', x]\n"
    front = f"---\n{GOOD_FRONT}concepts: '  '\nquotes:\n{quote}---\nthe words\n"
    article(root, "2024-01-01-names.md", front.encode())
    built = build(root)
    assert built.code == 1
    lines = built.output.splitlines()
    problems = [(line, lines[at + 1]) for at, line in enumerate(lines) if "[field-" in line]
    assert problems == [
        (
            f"content/articles/2024-01-01-names.md:{line}: error: 'concepts' is empty"
            " [field-missing]",
            "    hint: write a name, or take the entry out",
        )
        for line in ("5:11", "8:16")  # after the three lines of GOOD_FRONT
    ]
