"""``check``: JSON output with exact locations, GitHub workflow commands, the summary line,
and progress only on a terminal."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from conftest import FIXTURES, INVALID, REPO, copy_content, run_cli

from concordance.cli import _print_github, github_command, main
from concordance.diagnostics import Report, Span, error, warning
from concordance.progress import progress


def check_json(case: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    monkeypatch.chdir(INVALID / case)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = run_cli("check", "--content", "content", "--format", "json")
    data: dict[str, object] = json.loads(result.stdout)
    assert result.code == (1 if data["errors"] else 0)
    assert result.stderr == ""  # the JSON document is the whole output
    return data


def test_json_locates_every_editor_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    data = check_json("editor-warnings", monkeypatch)
    got = [
        (d["path"], d["line"], d["column"], d["severity"], d["code"]) for d in data["diagnostics"]
    ]  # type: ignore[attr-defined]
    typos = "content/articles/2023-02-02-typos.md"
    assert got == [
        (typos, 7, 16, "warning", "concept-unknown"),
        (typos, 9, 16, "warning", "concept-unknown"),
        (typos, 9, 26, "warning", "concept-undefined"),
        (typos, 10, 11, "warning", "quote-duplicate"),
        (typos, 12, 11, "error", "quote-not-found"),
        ("content/articles/2023-02-03-empty.md", 2, 1, "warning", "article-no-quotes"),
        ("content/articles/2023-02-03-empty.md", 4, 10, "warning", "speaker-spelling"),
        ("content/articles/2023-02-03-empty.md", 6, 60, "warning", "link-unresolved"),
        # At the 'quotes' key of 'quotes: []', not at the title.
        ("content/articles/2023-02-04-quotes-empty.md", 5, 1, "warning", "article-no-quotes"),
        ("content/concepts/mubra-policy.md", 2, 8, "warning", "concept-unused"),
        ("content/concepts/zelt-tea.md", 3, 21, "warning", "alias-duplicate"),
        ("content/concepts/zelt-tea.md", 3, 25, "warning", "alias-duplicate"),
        ("content/site.yaml", 3, 8, "warning", "cname-elsewhere"),
    ]
    assert (data["errors"], data["warnings"]) == (1, 12)
    first = data["diagnostics"][0]  # type: ignore[index]
    assert set(first) == {"path", "line", "column", "severity", "code", "message", "hint"}
    assert first["message"] == "unknown concept 'Zelt Teas'; did you mean 'zelt tea'?"


def test_json_on_a_yaml_syntax_error(monkeypatch: pytest.MonkeyPatch) -> None:
    data = check_json("yaml-syntax", monkeypatch)
    codes = [(d["path"], d["line"], d["column"], d["code"]) for d in data["diagnostics"]]  # type: ignore[attr-defined]
    expected = (INVALID / "yaml-syntax" / "expected.txt").read_text(encoding="utf-8")
    for path, line, column, code in codes:
        assert f"{path}:{line}:{column}: " in expected and f"[{code}]" in expected
    assert codes and all(path.startswith("content/") for path, *_ in codes)


def test_strict_makes_warnings_errors_in_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INVALID / "editor-warnings")
    result = run_cli("check", "--content", "content", "--format", "json", "--strict")
    data = json.loads(result.stdout)
    assert (data["errors"], data["warnings"]) == (13, 0)
    assert {d["severity"] for d in data["diagnostics"]} == {"error"}


def test_github_command_escapes_data_and_properties() -> None:
    d = error(
        Span("content/a,b:c.md", 3, 9), "quote-not-found", "100% wrong\r\nreally", "try: this"
    )
    assert github_command(d) == (
        "::error file=content/a%2Cb%3Ac.md,line=3,col=9,title=quote-not-found"
        "::100%25 wrong%0D%0Areally%0Ahint: try: this"
    )
    w = warning(Span("content/x.md", 1, 2), "article-no-quotes", "article has no quotes")
    assert github_command(w) == (
        "::warning file=content/x.md,line=1,col=2,title=article-no-quotes::article has no quotes"
    )


def test_github_command_shows_control_characters_as_escapes() -> None:
    """A bidirectional override in a file's name or a quote would reverse the annotation's
    text on the pull request, and an escape sequence recolour the log: each is written as
    the text format writes it, while line breaks stay the command's own."""
    name = "content/articles/\u202egnp.md"
    d = error(Span(name, 2, 3), "quote-not-found", "not found: \x1b[31mred\u2067\nnext", "a\u202eb")
    command = github_command(d)
    assert command == (
        "::error file=content/articles/\\u202egnp.md,line=2,col=3,title=quote-not-found"
        "::not found: \\x1b[31mred\\u2067%0Anext%0Ahint: a\\u202eb"
    )
    assert command.isprintable()
    assert d.format().splitlines()[0].startswith("content/articles/\\u202egnp.md:2:3:")


def test_github_commands_only_under_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    report = Report(diagnostics=[warning(Span("content/x.md", 1, 2), "c", "m")])
    out = io.StringIO()
    _print_github(report, out, {"GITHUB_ACTIONS": "false"})
    assert out.getvalue() == ""
    _print_github(report, out, {"GITHUB_ACTIONS": "true"})
    assert out.getvalue() == "::warning file=content/x.md,line=1,col=2,title=c::m\n"
    monkeypatch.chdir(INVALID / "editor-warnings")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    text = run_cli("check", "--content", "content")
    assert (
        "::error file=content/articles/2023-02-02-typos.md,line=12,col=11,"
        "title=quote-not-found::" in text.stdout
    )
    assert len(text.stdout.splitlines()) == 13
    as_json = run_cli("check", "--content", "content", "--format", "json")
    assert json.loads(as_json.stdout)["errors"] == 1  # stdout stays pure JSON
    assert len(as_json.stderr.splitlines()) == 13


def test_a_file_name_cannot_forge_a_diagnostic_or_a_workflow_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name holding line breaks prints on one line, its breaks escaped: else its lines,
    in the text every run prints, would read as diagnostics or workflow commands."""
    content = copy_content("basic", tmp_path)
    name = "2024-01-01-a\n::error file=README.md,line=1::forged\n::stop-commands::x1\n.md"
    body = (
        "---\ntitle: A\ndate: 2024-01-01\nquotes:\n  - text: not there\n    concepts: [x]\n"
        "---\nZelt.\n"
    )
    (content / "articles" / name).write_text(body, encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli("check", "--content", str(content))
    assert result.code == 1
    lines = (result.stdout + result.stderr).splitlines()
    assert not [line for line in lines if line.startswith(("::error file=README", "::stop"))]
    located = [line for line in lines if "[quote-not-found]" in line and not line.startswith("::")]
    assert located == [
        f"{content}/articles/2024-01-01-a\\n::error file=README.md,line=1::forged"
        "\\n::stop-commands::x1\\n.md:5:11: error: quote not found in the article body:"
        ' "not there" [quote-not-found]'
    ]


def test_a_file_name_cannot_reverse_its_diagnostic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A right-to-left override in a name reversed the rest of the diagnostic's line in the
    terminal: ``…-\u202egnp.exe.md:2:1: error`` read as ``…-rorre :1:2:dm.exe.png``."""
    content = copy_content("basic", tmp_path)
    for name in ["2024-01-01-\u202egnp.exe.md", "2024-01-02-\u2067b.md"]:
        (content / "articles" / name).write_text("---\ntitle: A\n---\nZelt.\n", "utf-8")
    result = run_cli("check", "--content", str(content))
    located = [line for line in result.stderr.splitlines() if "[field-missing]" in line]
    assert located == [
        f"{content}/articles/2024-01-01-\\u202egnp.exe.md:2:1: error: article has no 'date'"
        " [field-missing]",
        f"{content}/articles/2024-01-02-\\u2067b.md:2:1: error: article has no 'date'"
        " [field-missing]",
    ]


def test_build_ends_with_one_summary_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    content = copy_content("basic", tmp_path)
    result = run_cli(
        "build", "--content", str(content), "--out", str(tmp_path / "site"), "--no-search"
    )
    assert result.code == 0
    last = result.stderr.splitlines()[-1]
    assert re.match(r"built [1-9]\d* files into \S+ in \d+\.\d\ds: ", last), last
    assert last.endswith("0 errors, 2 warnings")
    assert "\r" not in result.stderr  # no progress line when not on a terminal


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_and_is_erased() -> None:
    stream = FakeTerminal()
    with progress(stream, "building site", delay=0):
        deadline = time.monotonic() + 10
        while "building site" not in stream.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
    assert "building site" in stream.getvalue()
    assert stream.getvalue().endswith("\r\x1b[2K")


def test_progress_is_silent_when_piped() -> None:
    stream = io.StringIO()
    with progress(stream, "building site", delay=0):
        time.sleep(0.05)
    assert stream.getvalue() == ""


def diagnostic_codes() -> set[str]:
    """Every code the package can report: the code argument of each error()/warning() call."""
    import ast

    codes = set()
    for file in (REPO / "concordance").rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("error", "warning")
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
            ):
                codes.add(str(node.args[1].value))
    return codes


def test_every_diagnostic_code_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: writing-content -->")[1].split("<!-- end:")[0]
    codes = diagnostic_codes()
    assert {"quote-not-found", "concept-unknown", "concept-unused", "yaml-syntax"} <= codes
    undocumented = sorted(c for c in codes if f"| `{c}` |" not in section)
    assert undocumented == [], "add these codes to README 'Writing content' > Diagnostics"


def test_every_documented_diagnostic_code_is_one_the_package_reports() -> None:
    """The other way round: a row of the README's table whose code no longer exists would
    send an editor looking for a problem the check never reports. Codes passed on through a
    variable (``link-loop``, ``language-invalid``) count, as any text of the package."""
    import ast

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: writing-content -->")[1].split("<!-- end:")[0]
    documented = set(re.findall(r"^\| `([a-z-]+)` \| (?:error|warning) \|", section, re.M))
    assert diagnostic_codes() <= documented
    texts = {
        node.value
        for file in (REPO / "concordance").rglob("*.py")
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert sorted(documented - texts) == [], "remove these rows from the README's table"


CASES = sorted(p.name for p in INVALID.iterdir() if (p / "expected.txt").is_file())


@pytest.mark.parametrize("case", CASES)
def test_json_matches_the_expected_text_of_every_invalid_case(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same diagnostics, located identically, in both formats."""
    data = check_json(case, monkeypatch)
    as_text = [
        f"{d['path']}:{d['line']}:{d['column']}: {d['severity']}: {d['message']} [{d['code']}]"
        + (f"\n    hint: {d['hint']}" if d["hint"] else "")
        for d in data["diagnostics"]  # type: ignore[attr-defined]
    ]
    expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8")
    assert "\n".join(as_text) + "\n" == expected


def test_the_program_flushes_its_output_before_it_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    """``build.py`` ends its process without tearing it down (``cli.entry``): what it
    printed into a pipe must still arrive whole, with the exit code of ``main``."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)  # buffered, as a pipe usually is
    command = [sys.executable, str(REPO / "build.py"), "check", "--content", "content"]
    done = subprocess.run(
        [*command, "--format", "json"],
        cwd=INVALID / "editor-warnings",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout) == check_json("editor-warnings", monkeypatch)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_json_is_written_whatever_stdout_can_hold(tmp_path: Path, encoding: str) -> None:
    """A file's name that is not UTF-8 (read as a lone surrogate), or a quote in Chinese
    under an encoding narrower than UTF-8 (a Windows pipe's cp1252), ended the run with a
    UnicodeEncodeError's traceback in place of the JSON document. Written then as a lone
    surrogate's escape (``\\udce9``), the name made JSON that strict readers refuse: it is
    U+FFFD in the path, and its exact bytes are in ``path_bytes``."""
    content = copy_content("basic", tmp_path)
    body = "---\ntitle: A\ndate: 2024-01-01\nquotes:\n  - text: 很好\n---\nZelt.\n"
    (content / "articles" / "2024-01-01-caf\udce9.md").write_text(body, encoding="utf-8")
    command = [sys.executable, str(REPO / "build.py"), "check", "--content", str(content)]
    done = subprocess.run(
        [*command, "--format", "json"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding, "GITHUB_ACTIONS": ""},
        check=False,
    )
    assert done.returncode == 1, done.stderr.decode(errors="replace")
    found = orjson.loads(done.stdout.decode("ascii"))["diagnostics"]  # strict: no surrogates
    assert json.loads(done.stdout.decode("ascii"))["diagnostics"] == found
    missing = next(d for d in found if d["code"] == "quote-not-found")
    assert missing["path"] == f"{content}/articles/2024-01-01-caf\ufffd.md"
    name = base64.b64decode(missing["path_bytes"], validate=True)
    assert name == os.fsencode(content) + b"/articles/2024-01-01-caf\xe9.md"
    assert missing["message"] == 'quote not found in the article body: "很好"'
    assert all("path_bytes" not in d for d in found if "\ufffd" not in d["path"])


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_workflow_commands_are_written_whatever_stdout_can_hold(
    tmp_path: Path, encoding: str
) -> None:
    """Under GitHub Actions, stdout carries a workflow command per diagnostic: a file's name
    that is not UTF-8, or a quote in Chinese under a Windows pipe's cp1252, ended the run
    with a UnicodeEncodeError's traceback. They are written as escapes, as on stderr."""
    content = copy_content("basic", tmp_path)
    body = "---\ntitle: A\ndate: 2024-01-01\nquotes:\n  - text: 很好\n---\nZelt.\n"
    (content / "articles" / "2024-01-01-caf\udce9.md").write_text(body, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "check", "--content", str(content)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding, "GITHUB_ACTIONS": "true"},
        check=False,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert done.returncode == 1
    commands = done.stdout.decode(encoding).splitlines()
    name = f"{content}/articles/2024-01-01-caf\\udce9.md".replace(":", "%3A")
    [missing] = [c for c in commands if "title=quote-not-found" in c]
    assert missing.startswith(f"::error file={name},line=5,col=11,")


@pytest.mark.parametrize("closed", ["stdout", "stderr"])
def test_the_program_started_without_a_stream_ends_with_its_code(closed: str) -> None:
    """Python makes a stream the program was started without (``>&-``) None: flushing it
    at the end raised, and a clean check ended with a traceback and exit code 1."""
    fd = {"stdout": 1, "stderr": 2}[closed]
    command = [sys.executable, str(REPO / "build.py"), "check", "--content", "content"]
    done = subprocess.run(
        ["sh", "-c", f'exec "$@" {fd}>&-', "sh", *command],
        cwd=FIXTURES / "basic",
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_ACTIONS": ""},
        check=False,
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    assert done.returncode == 0


def test_the_readmes_examples_of_an_article_a_concept_and_site_yaml_pass_check(
    tmp_path: Path,
) -> None:
    """What a new user copies first: its quotes are in its body, its fields all read."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: writing-content -->")[1].split("<!-- end:")[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    article = next(b for b in blocks if b.startswith("---\ntitle:") and "quotes:" in b)
    concept = next(b for b in blocks if b.startswith("---\ntitle:") and "aliases:" in b)
    settings = next(b for b in blocks if b.startswith("title:") and "base_url:" in b)
    content = tmp_path / "content"
    for path, text in (
        ("articles/2024-03-05-glorp.md", article),
        ("concepts/glorp-plan.md", concept),
        ("site.yaml", settings),
    ):
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_text(text, encoding="utf-8")
    result = run_cli("check", "--content", str(content), "--format", "json")
    found = json.loads(result.stdout)["diagnostics"]
    assert [d for d in found if d["severity"] == "error"] == []
    assert {d["code"] for d in found} <= {"concept-undefined"}  # zelt tea, economic plans


@pytest.mark.parametrize("jobs", ["-3", "two", "1.5", "²"])
def test_a_number_of_jobs_below_zero_is_a_usage_error(
    jobs: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--jobs -3`` built with one worker per core, as ``--jobs 0`` does, without a word."""
    with pytest.raises(SystemExit) as exited:
        main(["build", "--content", str(FIXTURES / "basic" / "content"), f"--jobs={jobs}"])
    assert exited.value.code == 2
    refused = f"argument --jobs: not a number of worker processes, 0 or more: '{jobs}'"
    assert refused in capsys.readouterr().err


def test_a_message_naming_a_huge_value_is_shortened(tmp_path: Path) -> None:
    """A URL or a concept's name of a line of thousands of characters was written whole into
    its diagnostic, and each such line filled the terminal."""
    content = copy_content("basic", tmp_path)
    url, concept = "😀" * 5000, "q" * 5000
    front = f"title: A\ndate: 2024-01-01\nurl: {url}\nconcepts: [{concept}]\n"
    (content / "articles" / "2024-09-09-huge.md").write_text(f"---\n{front}---\nx\n", "utf-8")
    result = run_cli("check", "--content", str(content))
    lines = [x for x in result.stderr.splitlines() if "2024-09-09-huge.md" in x]
    assert [x.split(": ")[0] for x in lines] == [
        f"{content.as_posix()}/articles/2024-09-09-huge.md:{n}" for n in ("2:1", "4:6", "5:12")
    ]
    assert all(len(x) < 1200 for x in result.stderr.splitlines())
    assert lines[1].endswith("(5,049 characters, shortened) [url-invalid]")
    assert lines[2].endswith("(5,028 characters, shortened) [concept-undefined]")
