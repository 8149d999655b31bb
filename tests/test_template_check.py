"""A template that does not compile is a located error of ``check`` (and of a build that
stops), given like content errors: the template's path relative to the working folder, its
line, no traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, copy_content, permissions_obeyed, run_cli

BROKEN = [
    ("article.html", "{{ a.title }}", "{{ a.title }", "unexpected '}'"),
    ("concept.html", "{{ c.title }}", "{{ c.title | no_such_filter }}", "no_such_filter"),
    ("_macros.html", "{% endmacro %}", "{% endmacor %}", "endmacor"),
    # Found by Jinja2 only when a page takes the branch, or renders the include:
    ("article.html", "{{ a.source }}", "{{ a.source | no_such_filter }}", "no_such_filter"),
    ("base.html", '"_head_meta.html" ignore missing', '"_head_metaX.html"', "not found"),
]


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy_content("basic", tmp_path)
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def break_template(project: Path, name: str, good: str, bad: str) -> int:
    """Replace the first ``good`` of template ``name`` by ``bad``; the line it is on."""
    file = project / "templates" / name
    text = file.read_text(encoding="utf-8")
    assert good in text
    file.write_text(text.replace(good, bad, 1), encoding="utf-8")
    return text[: text.index(good)].count("\n") + 1


@pytest.mark.parametrize(("name", "good", "bad", "says"), BROKEN)
def test_check_locates_a_template_that_does_not_compile(
    project: Path, name: str, good: str, bad: str, says: str
) -> None:
    assert run_cli("check", "--content", "content", "--templates", "templates").code == 0
    line = break_template(project, name, good, bad)
    result = run_cli("check", "--content", "content", "--templates", "templates")
    assert result.code == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    [at] = [i for i, x in enumerate(lines) if x.endswith("[template-error]")]
    located = lines[at]
    assert located.startswith(f"templates/{name}:")
    assert lines[at + 1].startswith("    hint: ") and len(lines[at + 1]) > len("    hint: ")
    if name != "_macros.html":  # an unclosed macro is reported where the file ends
        assert located.startswith(f"templates/{name}:{line}:1: error: ")
    assert says in located


def test_a_build_that_stops_on_content_reports_the_broken_template_too(project: Path) -> None:
    break_template(project, "article.html", "{{ a.title }}", "{{ a.title }")
    article = next((project / "content" / "articles").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8").replace("date:", "date: x\nold:", 1))
    result = run_cli("build", "--content", "content", "--templates", "templates", "--out", "site")
    assert result.code == 1
    codes = [x.rsplit("[", 1)[-1] for x in result.stderr.splitlines() if x.endswith("]")]
    assert "template-error]" in codes and len(codes) > 1, result.stderr
    assert not (project / "site").exists()


@pytest.mark.parametrize(("name", "good", "bad", "says"), BROKEN[3:])
def test_a_build_places_what_jinja_finds_late_where_it_is_written(
    project: Path, name: str, good: str, bad: str, says: str
) -> None:
    line = break_template(project, name, good, bad)
    result = run_cli("build", "--content", "content", "--templates", "templates", "--out", "site")
    assert result.code == 1 and not (project / "site").exists()
    [located] = [x for x in result.stderr.splitlines() if x.endswith("[template-error]")]
    assert located.startswith(f"templates/{name}:{line}:1: error: ") and says in located


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("{{ a.title + 1 }}", 'TypeError while rendering: can only concatenate str (not "int")'),
        ("{{ 1 / 0 }}", "ZeroDivisionError while rendering: division by zero"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "RecursionError while rendering"),
    ],
)
def test_a_template_failing_with_an_error_of_python_is_located(
    project: Path, bad: str, says: str
) -> None:
    """An expression that fails as Python (not as Jinja2) ended the build with a traceback,
    and serve showed the error without its template or line."""
    line = break_template(project, "article.html", "{{ a.title }}", bad)
    result = run_cli("build", "--content", "content", "--templates", "templates", "--out", "site")
    assert result.code == 1 and "Traceback" not in result.stderr
    [located] = [x for x in result.stderr.splitlines() if x.endswith("[template-error]")]
    assert located.startswith(f"templates/article.html:{line}:1: error: {says}"), located
    assert not (project / "site").exists()


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize(
    ("name", "newline", "bom"),
    [("base.html", b"\r\n", b""), ("_macros.html", b"\r", b"\xef\xbb\xbf")],
)
def test_a_template_not_utf8_is_located_at_its_byte(
    project: Path, command: str, name: str, newline: bytes, bom: bytes
) -> None:
    """A template saved as Windows-1252 (a Latin-1 ``é`` after a Chinese word, an emoji and
    a tab) ended both commands with a traceback of the decoder."""
    file = project / "templates" / name
    lines = file.read_bytes().split(b"\n")
    lines[2:2] = ["\t文字😀 caf".encode() + b"\xe9"]
    file.write_bytes(bom + newline.join(lines))
    out = ("--out", "site") if command == "build" else ()
    result = run_cli(command, "--content", "content", "--templates", "templates", *out)
    assert result.code == 1 and "Traceback" not in result.stderr
    [located] = [x for x in result.stderr.splitlines() if x.endswith("[encoding]")]
    assert located == f"templates/{name}:3:9: error: not valid UTF-8 (byte 0xe9) [encoding]"
    assert not (project / "site").exists()


def _site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _refused_after_a_build(project: Path, command: str, template: str, data: bytes) -> str:
    """The one ``encoding`` error of ``command`` once a site was built and ``template``
    then written as ``data``; the command fails without a traceback, the site unchanged."""
    assert run_cli("build", "--content", "content", "--templates", "templates").code == 0
    before = _site_files(project / "site")
    assert "index.html" in before
    (project / "templates" / template).write_bytes(data)
    out = ("--out", "site") if command == "build" else ()
    result = run_cli(command, "--content", "content", "--templates", "templates", *out)
    assert result.code == 1 and "Traceback" not in result.stderr
    assert _site_files(project / "site") == before
    [located] = [x for x in result.stderr.splitlines() if x.endswith("[encoding]")]
    return located


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize(
    ("name", "codec", "says"),
    [
        # ASCII only: valid UTF-8, a NUL beside each letter, published on every page.
        ("article.html", "utf-16-le", "UTF-16 (little-endian"),
        ("concept.html", "utf-32-be", "UTF-32 (big-endian"),
        # ASCII too (their '·' is written &middot;), as is every shipped template.
        ("base.html", "utf-16-be", "UTF-16 (big-endian"),
        ("_macros.html", "utf-32-le", "UTF-32 (little-endian"),
    ],
)
def test_a_template_in_utf16_or_utf32_without_a_mark_is_named_so(
    project: Path, command: str, name: str, codec: str, says: str
) -> None:
    data = (project / "templates" / name).read_text(encoding="utf-8").encode(codec)
    assert _refused_after_a_build(project, command, name, data) == (
        f"templates/{name}:1:1: error: the file is {says}, without a byte-order mark),"
        " not UTF-8 [encoding]"
    )


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("char", ["\0", "\x1b", "\x93", "\ufffe"])
def test_a_nul_or_control_character_in_a_template_is_located(
    project: Path, command: str, char: str
) -> None:
    """A template's NUL (or escape, or noncharacter) was published on every page made
    with it: no HTML page, and no feed, may hold one."""
    lines = (project / "templates" / "article.html").read_text(encoding="utf-8").split("\n")
    lines[3] = f"\t文字😀{char}{lines[3]}"
    data = "\r\n".join(lines).encode()
    kind = "noncharacter" if char == "\ufffe" else "control character"
    assert _refused_after_a_build(project, command, "article.html", data) == (
        f"templates/article.html:4:5: error: {kind} U+{ord(char):04X} in the text [encoding]"
    )


def test_a_template_that_is_a_folder_is_located(project: Path) -> None:
    """A folder named ``404.html`` was reported as a template not found, at the templates
    folder: ``templates:1:1``."""
    (project / "templates" / "404.html").unlink()
    (project / "templates" / "404.html").mkdir()
    for command in ("check", "build"):
        out = ("--out", "site") if command == "build" else ()
        result = run_cli(command, "--content", "content", "--templates", "templates", *out)
        assert result.code == 1 and "Traceback" not in result.stderr
        assert result.stderr.splitlines()[-3:-1] == [
            "templates/404.html:1:1: error: the template is not a file but a folder"
            " [file-unreadable]",
            "    hint: replace it with the template's file",
        ]


def test_a_template_without_permission_to_read_is_located(project: Path) -> None:
    """Every command stopped at it as a usage error (exit 2, ``Permission denied: path``)."""
    (project / "templates" / "article.html").chmod(0)
    runner = permissions_obeyed()
    for command in ("check", "build"):
        out = ("--out", "site") if command == "build" else ()
        args = ["--content", "content", "--templates", "templates", *out]
        proc = subprocess.run(
            [*runner, sys.executable, str(REPO / "build.py"), command, *args],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert proc.stderr.splitlines()[-3:-1] == [
            "templates/article.html:1:1: error: cannot read the template: Permission denied"
            " [file-unreadable]",
            "    hint: let the build read it (chmod a+r)",
        ]
        assert not (project / "site").exists()
