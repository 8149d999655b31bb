"""Build time and output size of content made to be slow: one article per case.

    python bench/pathological.py [--scale 1.0] [--only NAME] [--tmp DIR]

Each case is a site of one synthetic article built by the real command line from the
repository root (``python build.py build --no-search --quiet``), as ``bench/run.py`` does.
The Markdown cases are the inputs of CommonMark's pathological tests (cmark's
``test/pathological_tests.py``) as article bodies; the others aim at steps whose work
could grow faster than their input: missing quotes in a long body, quotes found only at its
end, one quote naming many concepts, statements centuries apart, excerpts of one endless
sentence, a quote that occurs at nearly every character but never as whole words, thousands
of quotes of one paragraph, and ``suggest`` on thousands of sentences. ``--scale``
multiplies every repeat count (the smoke test in ``tests/test_bench.py`` runs a
hundredth). The table gives wall time, exit code (1 is a located content error, which
some cases expect) and the bytes written; time and output should grow in proportion to
the input, which ``--scale 2`` shows.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FRONT = "title: Pathological\ndate: 2020-01-01\nspeaker: Speaker P\n"
WORDS = ("zorvex", "kelmat", "quinnor", "velloran", "brask", "tesik", "mubra", "garek")


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    make: Callable[[int], dict[str, str]]
    """Repeat count -> the site's files (path -> text)."""
    repeats: int
    """At ``--scale 1``."""
    command: str = "build"
    """``build`` or ``suggest`` (which prints what it finds and writes nothing)."""


def _body(body: str, quotes: str = "") -> dict[str, str]:
    return {"articles/2020-01-01-p.md": f"---\n{FRONT}{quotes}---\n{body}\n"}


def _markdown(pattern: Callable[[int], str]) -> Callable[[int], dict[str, str]]:
    return lambda n: _body(pattern(n))


def _words(count: int) -> str:
    return " ".join(WORDS[(i * 7 + i // 8) % len(WORDS)] for i in range(count))


def _open_directions(n: int) -> dict[str, str]:
    """A speaker's name that opens an isolate, ``n`` overrides inside it, and closes each."""
    name = "P \u2067" + "\u202e" * n + "\u2069" * n
    front = f'title: Pathological\ndate: 2020-01-01\nspeaker: "{name}"\n'
    return {"articles/2020-01-01-p.md": f"---\n{front}---\nBody.\n"}


def _missing_quotes(n: int) -> dict[str, str]:
    """A long body and ``n`` quotes that are not in it (each asks for a closest passage)."""
    quotes = "quotes:\n" + "".join(
        f"  - text: {_words(12)} zq{i}x\n    concepts: [c]\n" for i in range(n)
    )
    paragraphs = "\n\n".join(_words(60) + "." for _ in range(n * 10))
    return _body(paragraphs, quotes)


def _quotes_at_the_end(n: int) -> dict[str, str]:
    """A long body and ``n`` quotes of three words that only its last paragraph holds."""
    texts = [f"zq{i}a zq{i}b zq{i}c" for i in range(n)]
    quotes = "quotes:\n" + "".join(f"  - text: {t}\n    concepts: [c]\n" for t in texts)
    paragraphs = "\n\n".join(_words(60) + "." for _ in range(n * 10))
    return _body(paragraphs + "\n\n" + " ".join(f"{t}." for t in texts), quotes)


def _many_concepts(n: int) -> dict[str, str]:
    names = ", ".join(f"zc{i}" for i in range(n))
    quotes = f"quotes:\n  - text: the zorq words\n    concepts: [{names}]\n"
    return _body("All the zorq words.", quotes)


def _far_dates(n: int) -> dict[str, str]:
    """Two statements 9,998 years apart on each of ``n`` concepts."""
    names = ", ".join(f"zd{i}" for i in range(n))
    files = {}
    for day in ("0001-01-01", "9999-12-31"):
        front = f"title: Far {day}\ndate: {day}\nspeaker: Speaker P\n"
        quotes = f"quotes:\n  - text: the far words\n    concepts: [{names}]\n"
        files[f"articles/{day}-far-{day[:4]}.md"] = (
            f"---\n{front}{quotes}---\nWe say the far words.\n"
        )
    return files


def _endless_sentence(n: int) -> dict[str, str]:
    """Excerpts of ``n`` quotes in one sentence that never ends."""
    words = [f"zw{i}x" for i in range(n)]
    quotes = "publish: excerpts\nquotes:\n" + "".join(
        f"  - text: {w}\n    concepts: [c{i % 20}]\n" for i, w in enumerate(words)
    )
    return _body(" ".join(words), quotes)


def _quotes_of_one_paragraph(n: int) -> dict[str, str]:
    """``n`` sentences in one paragraph, each a quote."""
    quotes = "quotes:\n" + "".join(
        f"  - {{text: Zorvex {i} holds, concepts: [c]}}\n" for i in range(n)
    )
    return _body(" ".join(f"Zorvex {i} holds." for i in range(n)), quotes)


def _mentions(sentence: Callable[[int], str]) -> Callable[[int], dict[str, str]]:
    """A body of ``n`` sentences naming the concept ``zorvex``, none of them quoted."""
    return lambda n: {
        "concepts/zorvex.md": "---\ntitle: zorvex\n---\n",
        **_body(" ".join(sentence(i) for i in range(n))),
    }


def _inside_words(body: Callable[[int], str], quote: str) -> Callable[[int], dict[str, str]]:
    """A body where ``quote`` occurs at nearly every character, never as whole words."""
    return lambda n: _body(body(n), f"quotes:\n  - text: '{quote}'\n    concepts: [c]\n")


CASES = (
    Case("nested strong emph", _markdown(lambda n: "*a **a " * n + "b" + " a** a*" * n), 65_000),
    Case("many emph closers", _markdown(lambda n: "a_ " * n), 65_000),
    Case("many emph openers", _markdown(lambda n: "_a " * n), 65_000),
    Case("many link closers", _markdown(lambda n: "a]" * n), 65_000),
    Case("many link openers", _markdown(lambda n: "[a" * n), 65_000),
    Case("mismatched openers and closers", _markdown(lambda n: "*a_ " * n), 50_000),
    Case("openers and closers multiple of 3", _markdown(lambda n: "a**b" + "c* " * n), 50_000),
    Case("link openers and emph closers", _markdown(lambda n: "[ a_" * n), 50_000),
    Case("pattern [ (]( repeated", _markdown(lambda n: "[ (](" * n), 80_000),
    Case("pattern ![[]() repeated", _markdown(lambda n: "![[]()" * n), 160_000),
    Case("nested brackets", _markdown(lambda n: "[" * n + "a" + "]" * n), 50_000),
    Case("nested block quotes", _markdown(lambda n: "> " * n + "a"), 50_000),
    Case(
        "deeply nested lists",
        _markdown(lambda n: "".join(f"{' ' * 2 * x}* a\n" for x in range(n))),
        1000,
    ),
    Case("backticks", _markdown(lambda n: "".join("e" + "`" * x for x in range(1, n))), 2_500),
    Case("unclosed links A", _markdown(lambda n: "[a](<b" * n), 30_000),
    Case("unclosed links B", _markdown(lambda n: "[a](b" * n), 30_000),
    Case(
        "many references",
        _markdown(lambda n: "".join(f"[{x}]: u\n" for x in range(1, n * 16)) + "[0] " * n),
        5_000,
    ),
    Case(
        "many links by reference in one paragraph",
        _markdown(
            lambda n: (
                "".join(f"[a][r{x}]\n" for x in range(n))
                + "\n"
                + "".join(f"[r{x}]: ../gone{x}/\n" for x in range(n))
            )
        ),
        25_000,
    ),
    Case(
        "many images written with &amp; in one block",
        _markdown(
            lambda n: (
                "<div>\n"
                + "".join(
                    f'<img src="https://e.org/b{x}.svg?a=1&amp;b=2" alt="z">\n' for x in range(n)
                )
                + "</div>\n"
            )
        ),
        6_000,
    ),
    Case(
        "images of long addresses written with &amp;",
        _markdown(
            lambda n: (
                "<div>\n"
                + "".join(f'<img src="https://e.org/b{x}?{"&amp;" * 16_000}">\n' for x in range(n))
                + "</div>\n"
            )
        ),
        60,
    ),
    Case("many note references", _markdown(lambda n: "[^1]" * n + "\n\n[^1]: a note\n"), 100_000),
    Case("many inline note openers", _markdown(lambda n: "^[" * n), 100_000),
    Case("a run of link openers", _markdown(lambda n: "[" * n), 1_000_000),
    Case(
        "a run of note openers beside a note",
        _markdown(lambda n: "a[^1] " + "[^" * n + "\n\n[^1]: a note\n"),
        500_000,
    ),
    Case(
        "many notes",
        _markdown(lambda n: "".join(f"[^{x}]: n\n" for x in range(n)) + "[^0] " * n),
        20_000,
    ),
    Case("many scheme separators", _markdown(lambda n: "x:// " * n), 100_000),
    Case("many written addresses", _markdown(lambda n: "https://example.org/a " * n), 40_000),
    Case("many comments", _markdown(lambda n: "a <!-- b --> " * n), 100_000),
    Case("many comment openers", _markdown(lambda n: "<!-- *a* " * n), 100_000),
    Case("tags closing none opened", _markdown(lambda n: "<i>" * n + "</b>" * n), 100_000),
    Case("nested formatting tags", _markdown(lambda n: "<b>" * n + "a" + "</b>" * n), 100_000),
    Case("many links to missing files", _markdown(lambda n: "[a](b.md) " * n), 60_000),
    Case("links to files, deep paths", _markdown(lambda n: f"[a]({'../' * n}b.md) " * 20), 20_000),
    Case("many links by name opened", _markdown(lambda n: "[[a " * n), 60_000),
    Case("many links by name to nothing", _markdown(lambda n: "[[a]] " * n), 60_000),
    Case("raw links nested", _markdown(lambda n: '<a href="x">' * n + "a" + "</a>" * n), 20_000),
    Case(
        "raw links holding links",
        _markdown(lambda n: '<a href="x">[a](b) ' * n + "</a>" * n),
        20_000,
    ),
    Case("raw images", _markdown(lambda n: '<img src="a.png" alt="x"> ' * n), 20_000),
    Case("many headings of one name", _markdown(lambda n: "## a\n\n" * n), 20_000),
    Case("heading attributes never closed", _markdown(lambda n: "## a {#a " + "k=" * n), 60_000),
    Case("many heading ids", _markdown(lambda n: "## a {#a}\n\n" * n), 20_000),
    Case("many left-out tags", _markdown(lambda n: "<div><span>a</span></div> " * n), 50_000),
    Case("many links to missing PDFs", _markdown(lambda n: "[a](b.pdf) " * n), 60_000),
    Case("missing quotes in a long body", _missing_quotes, 200),
    Case("quotes found at the end of a long body", _quotes_at_the_end, 1_000),
    Case("one quote naming many concepts", _many_concepts, 1_000),
    Case("statements 9,998 years apart", _far_dates, 50),
    Case("excerpts of one endless sentence", _endless_sentence, 1_500),
    Case("a quote inside one endless word", _inside_words(lambda n: "a" * n, "a"), 500_000),
    Case("a quote every word goes on from", _inside_words(lambda n: "xaa " * n, "xa"), 125_000),
    Case(
        "a quote inside a run of flags",
        _inside_words(lambda n: "\U0001f1e6" * n, "\U0001f1e6"),
        50_000,
    ),
    Case("many quotes of one paragraph", _quotes_of_one_paragraph, 3_000),
    Case(
        "lines inside deep block quotes", _markdown(lambda n: "> " * 30 + "a\n" + "a\n" * n), 20_000
    ),
    Case(
        "marks out of order on one letter",
        _markdown(lambda n: "a\u0302" + "\u0323" * n),
        200_000,
    ),
    Case("direction controls left open", _open_directions, 20_000),
    Case("suggest: many sentences", _mentions(lambda i: f"Zorvex {i}."), 50_000, "suggest"),
    Case(
        "suggest: one sentence many times", _mentions(lambda i: "Zorvex holds."), 100_000, "suggest"
    ),
)


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    input_bytes: int
    wall: float
    code: int
    output_bytes: int
    message: str
    """The last line of the build's standard error."""


def run_case(case: Case, scale: float, root: Path) -> Result:
    """Build the case's site under ``root`` and measure it."""
    content, out = root / "content", root / "site"
    files = case.make(max(2, round(case.repeats * scale)))
    for path, text in {"site.yaml": "title: Pathological\n", **files}.items():
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_text(text, encoding="utf-8")
    command = [sys.executable, "build.py", case.command, "--content", str(content)]
    if case.command == "build":
        command += ["--out", str(out), "--no-search", "--quiet"]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    written = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) if out.is_dir() else 0
    last = (done.stderr.strip().splitlines() or [""])[-1]
    size = sum(len(text.encode()) for text in files.values())
    return Result(case.name, size, wall, done.returncode, written, last)


def table(results: Sequence[Result]) -> str:
    lines = [
        "| case | input KB | wall s | exit | output KB |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.input_bytes / 1024:,.0f} | {r.wall:.2f} | {r.code}"
            f" | {r.output_bytes / 1024:,.0f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="times each case's repeats")
    parser.add_argument("--only", help="run the cases whose name contains this")
    parser.add_argument("--tmp", type=Path, help="folder for the sites (default: system temp)")
    args = parser.parse_args(argv)
    chosen = [c for c in CASES if not args.only or args.only in c.name]
    results = []
    for case in chosen:
        root = Path(tempfile.mkdtemp(prefix="concordance-patho-", dir=args.tmp))
        try:
            result = run_case(case, args.scale, root)
        finally:
            shutil.rmtree(root, ignore_errors=True)
        results.append(result)
        if "Traceback" in result.message or result.code not in (0, 1):
            print(f"{case.name}: exit {result.code}: {result.message}", file=sys.stderr)
            return 1
    print(table(results))
    print(f"\ntotal {sum(r.wall for r in results):.1f} s at --scale {args.scale}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
