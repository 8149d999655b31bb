from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import check_one_body, copy_content, run_cli
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sitecheck import soup

from concordance import fields, load, textnorm, yaml_errors, yaml_marks, yaml_tags
from concordance.diagnostics import Span
from concordance.load import decode_text, parse_document


def test_positions_are_file_lines_with_bom_and_crlf() -> None:
    data = "\ufeff---\r\ntitle: T\r\nquotes:\r\n  - text: hi\r\n---\r\nbody\r\n".encode()
    doc, diagnostics = parse_document("a.md", data)
    assert diagnostics == []
    assert doc.meta is not None
    fields = doc.meta.value
    assert isinstance(fields, dict)
    assert (fields["title"].span.line, fields["title"].span.col) == (2, 8)
    quote = fields["quotes"].value[0].value  # type: ignore[index,union-attr]
    assert (quote["text"].span.line, quote["text"].span.col) == (4, 11)
    assert doc.body == "body\n"
    assert doc.body_line == 6


def test_duplicate_keys_are_errors_at_the_second_key() -> None:
    _, diagnostics = parse_document("a.md", b"---\nt: 1\nt: 2\n---\n")
    assert [(d.code, d.span.line, d.span.col) for d in diagnostics] == [
        ("yaml-duplicate-key", 3, 1)
    ]


def test_alias_bomb_is_refused_with_a_location() -> None:
    lines = ["---", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join(['*' + chr(96 + i)] * 10)}]")
    lines.append("---")
    doc, diagnostics = parse_document("bomb.md", "\n".join(lines).encode())
    assert doc.meta is None
    assert [d.code for d in diagnostics] == ["yaml-limit"]


def test_deep_nesting_is_refused_before_parsing() -> None:
    data = b"---\na: " + b"[" * 100_000 + b"\n---\n"
    doc, diagnostics = parse_document("deep.md", data)
    assert doc.meta is None and diagnostics[0].code == "yaml-limit"


def test_non_utf8_is_located() -> None:
    _, diagnostics = parse_document("x.md", b"---\ntitle: ok\nplace: \xe9t\xe9\n---\n")
    assert [(d.code, d.span.line, d.span.col) for d in diagnostics] == [("encoding", 3, 8)]


WHOLLY_NON_LATIN = [
    "---\ntitle: 长城\n---\n" + "长城是古代中国的防御工程，绵延数千公里。" * 8,
    "---\ntitle: Москва\n---\n" + "Москва — столица России и крупнейший город. " * 8,
    "---\ntitle: القاهرة\n---\n" + "القاهرة هي عاصمة مصر وأكبر مدنها. " * 8,
    "---\ntitle: दिल्ली\n---\n" + "दिल्ली भारत की राजधानी है। " * 8,
]


@pytest.mark.parametrize("text", WHOLLY_NON_LATIN, ids=["zh", "ru", "ar", "hi"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_wide_encoding_without_a_mark_is_named_whatever_the_script(text: str, codec: str) -> None:
    """The letters beside NULs that tell UTF-16 and UTF-32 are ASCII or Latin-1: an article
    in another script was taken for UTF-8 with hundreds of control characters (or a byte
    not UTF-8), and no front matter. Its ``---`` tells the encoding."""
    named, order = codec[:6].upper(), {"le": "little", "be": "big"}[codec[-2:]]
    text_read, problems = decode_text("a.md", text.encode(codec))
    assert text_read is None
    assert [(d.code, d.span.line, d.span.col, d.message) for d in problems] == [
        (
            "encoding",
            1,
            1,
            f"the file is {named} ({order}-endian, without a byte-order mark), not UTF-8",
        )
    ]
    assert problems[0].hint == "save the file as UTF-8"


@settings(max_examples=1000)
@given(st.sampled_from([b"", b"\xef\xbb\xbf"]), st.binary(max_size=12))
@example(b"\xef\xbb\xbf", b"\xef\xbb\xbf")
@example(b"", b"\xef\xbb")
@example(b"\xef\xbb\xbf", b"ok\n\xff")
def test_a_file_is_decoded_as_the_codec_utf_8_sig_decodes_it(bom: bytes, data: bytes) -> None:
    """``decode_text`` cuts a BOM off and decodes the rest as UTF-8 itself: the text, or the
    place of the first byte that is not UTF-8, is the codec ``utf-8-sig``'s."""
    data = (bom + data).replace(b"\0", b"")  # a NUL tells a wide encoding first
    text, problems = decode_text("a.md", data)
    try:
        expected = load.one_kind_of_line_end(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line, col, _, _ = load.not_utf8(exc.object, exc.start)
        assert text is None
        assert [(d.code, d.span.line, d.span.col) for d in problems] == [("encoding", line, col)]
    else:
        assert (text, problems) == (expected, [])


@pytest.mark.parametrize("text", WHOLLY_NON_LATIN, ids=["zh", "ru", "ar", "hi"])
def test_a_nul_in_utf8_of_any_script_is_located_at_the_nul(text: str) -> None:
    _, diagnostics = parse_document("a.md", (text + "\0 end\n").encode())
    assert [(d.code, d.span.line, d.span.col) for d in diagnostics] == [
        ("encoding", 4, len(text.split("\n")[3]) + 1)
    ]


def test_missing_and_unclosed_front_matter() -> None:
    assert parse_document("a.md", b"no fence\n")[1][0].code == "front-matter-missing"
    assert parse_document("b.md", b"---\ntitle: x\n")[1][0].code == "front-matter-unclosed"


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ("title: T\ndate: 2024-01-01\n---\nBody.\n", True),
        ("title: T\r\ntags:\r\n  - a\r\n# note\r\n\r\n---\r\nBody.\r\n", True),
        ("title: T\ndate: 2024-01-01\n\nBody.\n", False),
        # The body's rule, not the fields' end: a '---' above them alone would read the
        # body's first paragraph as fields.
        ("title: T\ndate: 2024-01-01\n\nBody one.\n\n---\n\nBody two.\n", False),
    ],
)
def test_the_hint_for_fields_without_a_line_above_asks_for_the_line_below_unless_there(
    text: str, closed: bool
) -> None:
    [missing] = parse_document("a.md", text.encode())[1]
    assert missing.code == "front-matter-missing"
    below = ", and one after the last field"
    assert missing.hint == "add a line '---' above 'title:'" + ("" if closed else below)


# --- located through the command line, on content in tmp_path --------------------------


def check_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, articles: dict[str, bytes]
) -> list[str]:
    """``check`` of a content folder holding ``articles``: its diagnostic and hint lines."""
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    for name, data in articles.items():
        (folder / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--content", "content")
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if not line.startswith("checked in")]


ARTICLE = "content/articles/2024-01-01-a.md"


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\u0085"], ids=["LS", "PS", "NEL"])
def test_lines_count_line_feeds_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, brk: str
) -> None:
    """YAML also ends lines at LS, PS and NEL; editors and GitHub do not: values, keys and
    columns after one are where an editor shows them."""
    front = (
        f'title: "Speaker 7{brk}on glorp"\n'
        "date: 2024-02-30\n"
        "place: Testville\n"
        "place: Zeltburg\n"
        "quotes:\n"
        f'  - {{concepts: ["zelt{brk}tea"], text: not in body}}\n'
    )
    data = f"---\n{front}---\nglorp\n".encode()
    assert check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data}) == [
        f"{ARTICLE}:3:7: error: 'date' must be a date written YYYY-MM-DD, not '2024-02-30' "
        "[date-malformed]",
        "    hint: e.g. 2024-02-01",
        f"{ARTICLE}:5:1: error: duplicate key 'place' (first on line 4) [yaml-duplicate-key]",
        "    hint: remove one of the two",
        # An article with a bad date is still checked for all else (model.PartialArticle).
        f"{ARTICLE}:7:17: warning: concept 'zelt tea' has no definition [concept-undefined]",
        "    hint: add concepts/zelt-tea.md to define it, or use the name of a defined concept",
        f'{ARTICLE}:7:36: error: quote not found in the article body: "not in body" '
        "[quote-not-found]",
        '    hint: closest passage (line 9): "glorp"',
    ]


def test_syntax_error_after_an_unquoted_line_break_of_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = '---\ntitle: Speaker 7\u0085on glorp\nspeaker: "Speaker 9\n---\nglorp\n'.encode()
    assert check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data}) == [
        f"{ARTICLE}:3:1: error: YAML: while scanning a simple key: could not find expected ':' "
        "[yaml-syntax]",
        "    hint: the invisible U+0085 on line 2 ends a line for YAML: delete it, or quote the "
        "value that holds it",
    ]


@pytest.mark.parametrize(
    ("escaped", "hint"),
    [
        ("\\ud83d\\ude00", "write \\U0001F600, or the character itself (\U0001f600)"),
        ("\\uD83D x", "\\uD83D is half of a character written as two escapes"),
    ],
)
def test_a_character_escaped_as_json_writes_it_gets_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, escaped: str, hint: str
) -> None:
    """JSON tools write an emoji as two escapes, which YAML reads as no character."""
    data = f'---\ntitle: "Speaker 7 {escaped}"\ndate: 2024-01-01\n---\nglorp\n'.encode()
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    assert lines[0].startswith(f"{ARTICLE}:2:") and lines[0].endswith("[yaml-syntax]")
    assert hint in lines[1]


@pytest.mark.parametrize(
    ("escaped", "hint"),
    [
        ("\\ud83d\\ude00", "write \\U0001F600, or the character itself (\U0001f600)"),
        ("\\ude00\\ud83d", "\\ude00 is half of a character written as two escapes"),
        ("\\x4z", "a backslash starts an escape in a value in double quotes"),
        ("\\q", "write \\\\ for a backslash itself, or put the value in single quotes"),
    ],
)
def test_an_escape_yaml_cannot_read_is_located_at_its_backslash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, escaped: str, hint: str
) -> None:
    """libyaml marks the first digit of a ``\\u`` or ``\\x`` escape, two columns into it;
    a low surrogate written before a high one was hinted as the high one after it."""
    before = 'title: "文字😀\t'  # characters of one column each, as every column is counted
    data = f'---\n{before}{escaped} x"\ndate: 2024-01-01\n---\nglorp\n'.encode()
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    assert lines[0].startswith(f"{ARTICLE}:2:{len(before) + 1}: error: YAML: ")
    assert lines[0].endswith("[yaml-syntax]") and hint in lines[1]


def test_a_line_break_of_yaml_lines_above_is_not_the_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A U+2028 pasted into a quoted title (harmless there) was named as the cause of every
    syntax error below it, instead of the hint for the error itself."""
    front = 'title: "Speaker 7\u2028on glorp"\ndate: 2024-01-01\nplace: 文字😀: north\n'
    data = f"---\n{front}---\nglorp\n".encode()
    assert check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data}) == [
        f"{ARTICLE}:4:11: error: YAML: mapping values are not allowed in this context"
        " [yaml-syntax]",
        "    hint: YAML reads ': ' in an unquoted value as the start of a field: if it is text,"
        ' quote the whole value, "文字😀: north"',
    ]


def test_a_huge_line_is_located_and_its_hint_shortened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A title of 60,000 emoji with ': ' after them: the hint wrote the whole value quoted,
    240 KB on one line of the terminal (and again for each such line)."""
    title = "😀" * 60_000
    data = f"---\ntitle: {title} glorp: zelt\ndate: 2024-01-01\n---\nglorp\n".encode()
    located, hint = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})[:2]
    column = len(f"title: {title} glorp:")
    assert located == (
        f"{ARTICLE}:2:{column}: error: YAML: mapping values are not allowed in this context"
        " [yaml-syntax]"
    )
    assert hint.startswith("    hint: YAML reads ': ' in an unquoted value as the start of")
    assert hint.endswith("glorp: zelt\" (the value's 60,012 characters, shortened here)")
    assert len(hint) < 400


def test_characters_yaml_refuses_are_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DEL and the C1 controls (but NEL) stop YAML's reader, which gave only an offset; in
    the body they make the page invalid HTML. A C1 control that is a character of
    Windows-1252 read as Latin-1 is named for what it stood for."""
    data = b'---\ntitle: A\nspeaker: "S\x7fx"\nplace: \xc2\x9b\ndate: 2024-01-01\n---\nglorp \x7f\n'
    misread = (
        "    hint: it is most likely Windows-1252's \u203a read as Latin-1 by the program the"
        " text was copied from: type \u203a in its place"
    )
    assert check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data}) == [
        f"{ARTICLE}:3:12: error: control character U+007F in the front matter [encoding]",
        "    hint: remove it: it is invisible, and YAML cannot read it",
        f"{ARTICLE}:4:8: error: control character U+009B in the front matter [encoding]",
        misread,
        f"{ARTICLE}:7:7: error: control character U+007F in the text [encoding]",
        "    hint: remove it: it is invisible, and no page (HTML) may hold it",
    ]


def test_a_c1_control_written_as_an_escape_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """YAML reads ``"\\x93"`` as U+0093, which no page may hold: it stood for “."""
    data = b'---\ntitle: "A \\x93glorp\\x94"\ndate: 2024-01-01\n---\nglorp\n'
    assert check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})[:2] == [
        f"{ARTICLE}:2:8: error: control character U+0093 in the text [encoding]",
        "    hint: it is most likely Windows-1252's \u201c read as Latin-1 by the program the"
        " text was copied from: type \u201c in its place",
    ]


def test_names_written_as_one_text_with_commas_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``concepts: glorp plan, zelt tea`` is one concept to YAML, with a page of its own; a
    name with a comma written in a list is meant, and passes."""
    front = (
        "title: A\ndate: 2024-01-01\nconcepts: glorp plan, zelt tea\nquotes:\n"
        "  - text: glorp\n    concepts: ['Law, order']\n"
    )
    data = f"---\n{front}---\nglorp\n".encode()
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    warned = [i for i, line in enumerate(lines) if line.endswith("[names-as-text]")]
    assert len(warned) == 1 and lines[warned[0]].startswith(f"{ARTICLE}:4:11: warning:")
    assert lines[warned[0] + 1] == (
        "    hint: write a list, concepts: [glorp plan, zelt tea], or, for one name, concepts:"
        ' ["glorp plan, zelt tea"]'
    )


def test_the_hint_for_names_written_as_one_text_quotes_the_name_as_yaml_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name holding a double quote is written in single quotes, so the hint pastes."""
    front = 'title: A\ndate: 2024-01-01\nconcepts: the "glorp" plan, zelt tea\n'
    data = f"---\n{front}---\nglorp\n".encode()
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    hint = next(lines[i + 1] for i, line in enumerate(lines) if "[names-as-text]" in line)
    pasted = hint.rpartition("for one name, ")[2]
    assert yaml.safe_load(pasted) == {"concepts": ['the "glorp" plan, zelt tea']}


@pytest.mark.parametrize("scalar", [">", "|-"])
def test_a_line_of_a_block_value_indented_too_little_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scalar: str
) -> None:
    """A quote wrapped by hand whose second line is indented as ``text:`` is: YAML ends the
    value before it and finds out a line later; the error is at the line to indent."""
    front = (
        f"title: A\ndate: 2024-01-01\nquotes:\n  - text: {scalar}\n      The glorp plan\n"
        "    works well\n    concepts: [zelt]\n"
    )
    data = f"---\n{front}---\nThe glorp plan works well.\n".encode()
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    assert lines[0].startswith(f"{ARTICLE}:7:5: error: YAML: ")
    assert lines[0].endswith("(at line 8, column 5) [yaml-syntax]")
    assert lines[1].startswith("    hint: this line is indented no more than 'text:'")


def test_characters_yaml_refuses_in_site_yaml_are_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "site.yaml").write_bytes(b"title: Glorp\nauthor: Z\xc2\x80\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--content", "content", "--format", "json")
    assert json.loads(result.stdout)["diagnostics"] == [
        {
            "path": "content/site.yaml",
            "line": 2,
            "column": 10,
            "severity": "error",
            "code": "encoding",
            "message": "control character U+0080 in the front matter",
            "hint": "it is most likely Windows-1252's € read as Latin-1 by the program the text"
            " was copied from: type € in its place",
        }
    ]


def test_every_control_character_is_reported_in_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = "---\ntitle: A\x0b\ndate: 2024-01-01\n---\nglorp \ufffe and \x1f\n".encode()
    hint = "    hint: remove it: it is invisible, and feeds (XML) cannot carry it"
    assert check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data}) == [
        f"{ARTICLE}:2:9: error: control character U+000B in the text [encoding]",
        hint,
        f"{ARTICLE}:5:7: error: noncharacter U+FFFE in the text [encoding]",
        "    hint: remove it: it stands for no character, and no page (HTML) may hold it",
        f"{ARTICLE}:5:13: error: control character U+001F in the text [encoding]",
        hint,
    ]


def test_each_ascii_character_is_told_as_the_regular_expressions_tell_it() -> None:
    """A text of ASCII is checked without the regular expressions when it holds only what
    they allow: each ASCII character, in the front matter and in the body, is still found."""
    for code in range(128):
        text = f"a{chr(code)}b\n"
        for yaml_end in (0, len(text)):
            refused = _NOT_YAML.search(text, 0, yaml_end) or _BODY_CONTROL.search(text, yaml_end)
            assert bool(load.character_problems("a.md", text, yaml_end)) == bool(refused), code


# The three classes load compiled before it compiled one (``load._unfit``): the reference.
_NOT_YAML = re.compile(f"[^{load._ALLOWED}\x85]")
_BODY_CONTROL = re.compile(f"[^{load._ALLOWED}\ud800-\udfff]")
_CONTROL = re.compile(f"[^{load._ALLOWED}\x85\ud800-\udfff]")
_EDGES = "\x00\t\x0b\x1f \x7e\x7f\x84\x85\x86\x9f\xa0\ud7ff\ud800\udfff\ue000\ufdcf\ufdd0"
_EDGES += "\ufdef\ufdf0\ufffd\ufffe\uffff\U00010000\U0001fffd\U0001fffe\U0010ffff"
_ANY_CHARACTER = st.characters(blacklist_categories=()) | st.sampled_from(_EDGES)


@settings(max_examples=500, deadline=None)
@given(st.text(_ANY_CHARACTER, max_size=60), st.integers(0, 60))
def test_one_class_finds_what_the_three_found(text: str, cut: int) -> None:
    """The front matter's, the body's and a value's characters no text may hold are found
    by one compiled class and a test of the character, as by a class of each."""
    cut = min(cut, len(text))
    front = list(load._refused(text, 0, cut, load._refused_in_yaml))
    assert front == [m.start() for m in _NOT_YAML.finditer(text, 0, cut)]
    body = list(load._refused(text, cut, len(text), load._refused_in_body))
    assert body == [m.start() for m in _BODY_CONTROL.finditer(text, cut)]
    control = _CONTROL.search(text)
    assert load._first_control(text) == (control[0] if control else None)
    for char in text:
        assert load._control(char) == bool(_CONTROL.match(char))


@settings(max_examples=200, deadline=None)
@given(st.text(_ANY_CHARACTER.filter(lambda c: not "\ud800" <= c <= "\udfff"), min_size=30))
def test_characters_past_those_listed_are_counted_as_the_three_classes_count_them(
    text: str,
) -> None:
    cut = len(text) // 2
    counted = len(_NOT_YAML.findall(text, 0, cut)) + len(_BODY_CONTROL.findall(text, cut))
    problems = load.character_problems("a.md", text, cut)
    assert len(problems) == min(counted, load.MAX_CHARACTER_PROBLEMS + 1)
    if counted > load.MAX_CHARACTER_PROBLEMS:
        more = f"and {counted - load.MAX_CHARACTER_PROBLEMS:,} more such characters, not listed"
        assert problems[-1].message == more


def test_the_class_of_unfit_characters_is_compiled_once_and_only_for_text_not_ascii() -> None:
    """Each class of ``_ALLOWED`` took 10 ms to compile as the package was imported, before
    any worker started: none is compiled at import, and one for every use."""
    assert not [
        v for v in vars(load).values() if isinstance(v, re.Pattern) and "\ud7ff" in v.pattern
    ]
    load._unfit.cache_clear()
    parse_document("a.md", b"---\ntitle: |\n  Zorp\n  glorp\ndate: 2024-01-01\n---\nGlorp.\n")
    assert load._unfit.cache_info().currsize == 0
    parse_document("a.md", "---\ntitle: Zorp \u00e9\n---\nGl\u00f6rp \x85.\n".encode())
    assert load._unfit.cache_info().currsize == 1


def test_a_text_of_printable_characters_and_line_feeds_needs_no_class_compiled() -> None:
    """A site's templates may hold a '·', and articles letters of any script: a text whose
    characters are printable but for its line feeds and tabs holds none ``_unfit`` finds,
    which is then never compiled."""
    load._unfit.cache_clear()
    text = "---\ntitle: Zorp \u00e9 \u00b7 \u05d0\u4e2d\U0001f600\n---\nGl\u00f6rp\t\u00b7.\n"
    assert parse_document("a.md", text.encode())[1] == []
    assert load.character_problems("a.html", "<p>\u00b7</p>\n", 0) == []
    assert load._unfit.cache_info().currsize == 0


@settings(max_examples=500, deadline=None)
@given(st.text(_ANY_CHARACTER | st.sampled_from("\n\t\r\u2028\u00ad"), max_size=40))
def test_a_text_surely_fit_holds_nothing_unfit(text: str) -> None:
    """``_surely_fit`` never passes a text ``_unfit`` finds something in, and tells every
    text of ASCII as ``_unfit`` does."""
    found = load._unfit().search(text) is not None
    if load._surely_fit(text):
        assert not found
    if text.isascii():
        assert load._surely_fit(text) == (not found)


def test_a_value_of_printable_ascii_holds_no_control_nor_direction_mark() -> None:
    """What lets a front matter's value of printable ASCII skip the regular expressions
    that look for controls and writing-direction marks (``load._Converter._scalar``)."""
    for code in range(128):
        if chr(code).isprintable():
            assert load._first_control(chr(code)) is None, code
    for code in range(128):
        assert textnorm._DIRECTION.search(chr(code)) is None, code
    assert load.left_open_directions("\u202eabc") == [0]


def test_a_form_feed_is_a_space(tmp_path: Path) -> None:
    """The page break of plain-text documents (RFCs, GNU manuals), white space to CommonMark:
    on a line of its own it ends a paragraph, and it moves no line or column."""
    data = "---\ntitle: A\x0c\ndate: 2024-01-01\n---\nOne page.\n\x0c\nTwo\x0cpages.\n"
    text, problems = decode_text("a.md", data.encode())
    assert problems == [] and text is not None
    assert text.split("\n") == [
        "---",
        "title: A ",
        "date: 2024-01-01",
        "---",
        "One page.",
        " ",
        "Two pages.",
        "",
    ]


def test_a_document_of_form_feeds_builds_with_its_pages_as_paragraphs(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    article = content / "articles" / "2023-01-01-pages.md"
    body = "Speaker 5 said the zorp\x0cpages turn.\n\x0c\nThe second page.\n\x0c\nzlot\n"
    front = "title: Pages\ndate: 2023-01-01\nquotes:\n  - text: the zorp pages turn\n"
    article.write_bytes(f"---\n{front}    concepts: [lorem]\n---\n{body}".encode())
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    page = soup(out / "articles" / "2023-01-01-pages" / "index.html").select_one("div.body")
    assert page is not None
    paragraphs = [" ".join(p.get_text().split()) for p in page.find_all("p")]
    assert paragraphs == ["Speaker 5 said the zorp pages turn. lorem", "The second page.", "zlot"]
    assert page.select_one("mark.quote") is not None


def test_control_characters_are_listed_up_to_a_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = b"---\ntitle: A\ndate: 2024-01-01\n---\n" + b"\x01" * 25 + b"\n"
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    assert lines[-2:] == [
        f"{ARTICLE}:5:21: error: and 5 more such characters, not listed [encoding]",
        "    hint: a file full of them is not text: check that it is the file you meant to save",
    ]
    assert len(lines) == 2 * 21
    assert lines[38] == f"{ARTICLE}:5:20: error: control character U+0001 in the text [encoding]"


def test_an_id_that_another_quote_has_is_told_from_a_repeated_quote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ``id:`` equal to another quote's id: not "repeats", since the texts differ."""
    front = (
        "title: A\ndate: 2024-01-01\nquotes:\n"
        "  - {text: glorp, concepts: [zelt], id: zorq}\n"
        "  - {text: zelt, concepts: [zelt], id: zorq}\n"
        "  - {text: glorp, concepts: [zelt]}\n"
        "  - {text: glorp, concepts: [zelt]}\n"
    )
    data = f"---\n{front}---\nglorp zelt\n".encode()
    found = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    assert [line for line in found if "[quote-duplicate]" in line] == [
        f"{ARTICLE}:6:12: warning: this quote's id 'zorq' is the id of the quote on line 5"
        " [quote-duplicate]",
        f"{ARTICLE}:8:12: warning: this quote repeats the quote on line 7 [quote-duplicate]",
    ]


def test_a_repeat_through_an_alias_is_located_at_the_alias(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    front = (
        "title: A\ndate: &d 2024-02-30\nquotes:\n"
        "  - &q\n    text: glorp\n    concepts: [zelt]\n"
        "  - *q\n"
        "  - {text: zelt, concepts: [zelt], said_on: *d}\n"
    )
    data = f"---\n{front}---\nglorp zelt\n".encode()
    assert check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data}) == [
        f"{ARTICLE}:3:7: error: 'date' must be a date written YYYY-MM-DD, not '2024-02-30' "
        "[date-malformed]",
        "    hint: e.g. 2024-02-01",
        f"{ARTICLE}:7:16: warning: concept 'zelt' has no definition [concept-undefined]",
        "    hint: add concepts/zelt.md to define it, or use the name of a defined concept",
        f"{ARTICLE}:8:5: warning: this quote repeats the quote on line 6 [quote-duplicate]",
        "    hint: remove one, or give each an 'id:'",
        f"{ARTICLE}:9:45: error: 'said_on' must be a date written YYYY-MM-DD, not '2024-02-30' "
        "[date-malformed]",
        "    hint: e.g. 2024-02-01",
    ]


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("title: [Glorp site\n", "yaml-syntax", 1),  # YAML finds it on line 2, past the end
        ("title: 'Glorp site\n", "yaml-syntax", 1),
        ("---\ntitle: Glorp site\n---\n", "yaml-syntax", 3),  # fenced like an article
        ("- title: Glorp site\n", "yaml-not-mapping", 1),
    ],
    ids=["unclosed-list", "unclosed-quote", "fenced", "a-list"],
)
def test_site_yaml_errors_are_about_site_yaml_and_within_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, code: str, line: int
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "site.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--content", "content", "--format", "json")
    [found] = json.loads(result.stdout)["diagnostics"]
    assert (found["path"], found["line"], found["code"]) == ("content/site.yaml", line, code)
    said = found["message"] + " " + found["hint"]
    assert "site.yaml" in said and "front matter" not in said
    if code == "yaml-syntax" and line == 1:  # names the opener and where it is
        assert f"{text[7]!r} on line 1" in found["hint"]


def test_an_unclosed_list_is_located_at_its_bracket(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """YAML stops at the next entry, a line later: the bracket left open is the mistake."""
    front = (
        "title: T\ndate: 2024-01-01\nquotes:\n"
        "  - text: glorp\n    concepts: [glorp plan\n  - text: zelt\n    concepts: [zelt]\n"
    )
    data = f"---\n{front}---\nglorp zelt\n".encode()
    [located, hint] = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    assert located.startswith(f"{ARTICLE}:6:15: error: YAML: ")
    assert "(at line 7, column " in located  # where YAML found it out
    assert "'[' on line 6" in hint and "']'" in hint


def test_a_closed_bracket_is_not_called_unclosed() -> None:
    """A list written on the line after its key, then entries: YAML stops at the closed
    ``[]`` while reading a key, which was taken for a '[' never closed."""
    text = "---\ntitle: A\nquotes:\n  - text: x\n    concepts: [y]\n  []\n---\n"
    _, [diagnostic] = parse_document("a.md", text.encode())
    assert diagnostic.code == "yaml-syntax"
    assert "never closed" not in diagnostic.hint, diagnostic.hint
    unclosed = "---\ntitle: A\nconcepts: [x\nspeaker: B\n---\n"
    _, [diagnostic] = parse_document("a.md", unclosed.encode())
    assert (diagnostic.span.line, diagnostic.span.col) == (3, 11)
    assert "never closed" in diagnostic.hint


@pytest.mark.parametrize(
    ("front", "opened", "quote", "closed"),
    [
        ('title: "Glorp plan\ndate: 2024-01-01\nquotes:\n  - text: "zelt"\n', (2, 8), '"', 5),
        ("title: 'Glorp plan\ndate: 2024-01-01\nquotes:\n  - text: 'zelt'\n", (2, 8), "'", 5),
        (
            'title: T\ndate: 2024-01-01\nquotes:\n  - text: "glorp\n    concepts: [glorp]\n'
            '  - text: "zelt"\n',
            (5, 11),
            '"',
            7,
        ),
        ('title: T\nconcepts: [glorp, "zelt]\nspeaker: "Speaker 9"\n', (3, 19), '"', 4),
    ],
    ids=["double", "single", "list-entry", "flow-list"],
)
def test_a_quote_closed_by_a_later_lines_quote_is_located_where_it_opens(
    front: str, opened: tuple[int, int], quote: str, closed: int
) -> None:
    """YAML pairs a quote left open with the quote that opens a later value, and stops
    after it, lines below the mistake (or at the '[' it was in)."""
    _, [diagnostic] = parse_document("a.md", f"---\n{front}---\nglorp zelt\n".encode())
    assert (diagnostic.code, diagnostic.span.line, diagnostic.span.col) == ("yaml-syntax", *opened)
    assert "not closed on its line" in diagnostic.message
    assert f"to the {quote!r} on line {closed}" in diagnostic.message
    assert diagnostic.hint.startswith(f"close it with {quote} on line {opened[0]} ")
    assert "or write the value on one line" in diagnostic.hint


def test_a_multi_line_quoted_value_is_not_blamed_for_a_later_mistake() -> None:
    """A value quoted over two lines on purpose, then a mistake of its own on the last."""
    text = '---\ntitle: "Glorp plan\n  and more" x\ndate: 2024-01-01\n---\n'
    _, [diagnostic] = parse_document("a.md", text.encode())
    assert (diagnostic.span.line, diagnostic.span.col) == (3, 13)
    assert "not closed on its line" not in diagnostic.message


def test_fields_a_quote_took_in_are_missing_where_the_quote_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quote that closes a value left open is the last one of the lines it took in:
    YAML reads them as its text, and the fields in them are missing."""
    a_front = 'title: A\nspeaker: "Speaker 9\ndate: 2024-01-01\nquotes:\n  - text: glorp"\n'
    b_front = (
        "title: B\ndate: 2024-01-02\nquotes:\n"
        '  - said_on: "2024-01-01\n    text: zelt"\n    concepts: [zelt]\n'
    )
    articles = {
        "2024-01-01-a.md": f"---\n{a_front}---\nglorp\n".encode(),
        "2024-01-02-b.md": f"---\n{b_front}---\nzelt\n".encode(),
    }
    found = check_articles(tmp_path, monkeypatch, articles)
    missing = [
        (line, found[at + 1])
        for at, line in enumerate(found)
        if line.endswith(("[field-missing]", "[article-no-quotes]"))
    ]
    took = (
        "    hint: the quote that opens the value on line {0} is not closed on its line: '{1}:'"
        " below it was read as part of the value; close it on line {0}, or write the value on"
        " one line"
    )
    assert missing == [
        (
            f"{ARTICLE}:3:10: warning: article has no quotes [article-no-quotes]",
            took.format(3, "quotes"),
        ),
        (f"{ARTICLE}:3:10: error: article has no 'date' [field-missing]", took.format(3, "date")),
        (
            "content/articles/2024-01-02-b.md:5:14: error: quote has no 'text' [field-missing]",
            took.format(5, "text"),
        ),
    ]


def test_an_empty_list_entry_is_located_at_its_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """YAML places an entry with nothing after its '-' just past the dash, beyond the
    line's end when nothing follows."""
    front = (
        "title: A\ndate: 2024-01-01\nconcepts:\n  - glorp\n  -\nquotes:\n  - text: glorp\n  -   \n"
    )
    data = f"---\n{front}---\nglorp\n".encode()
    found = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    assert [line.split(": error: ")[0] for line in found if "[field-type]" in line] == [
        f"{ARTICLE}:6:3",
        f"{ARTICLE}:9:3",
    ]


def test_a_direction_left_open_is_located_at_its_character(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the character that opens it, on the line and column where it is written, past
    a block's first lines and escapes; at the value's start when escapes make it a guess."""
    front = (
        "title: A\ndate: 2024-01-01\n"
        "source: |\n  Glorp report,\n  zelt \u202eedition\n"
        'place: "Zelt\\tburg \u202bnorth"\n'  # the escape \t is two characters, one in the value
        'speaker: "Speaker \\u2067 9"\n'  # written as an escape
        "quotes:\n  - text: glorp\n"
        '    speaker: "\\\\u2067 written, then \u2067"\n'  # an escaped backslash, then u2067
    )
    data = f"---\n{front}---\nglorp\n".encode()
    found = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    assert [line.split(": warning: ")[0] for line in found if "[direction-unclosed]" in line] == [
        f"{ARTICLE}:6:8",
        f"{ARTICLE}:7:20",
        f"{ARTICLE}:8:19",
        f"{ARTICLE}:11:14",
    ]


@pytest.mark.parametrize(
    ("written", "col", "said"),
    [
        ("zelt tea is #1 for us", 23, "'#1 for us' after this value is a YAML comment"),
        ("!important zelt tea", 11, "'!important' before this value is a YAML tag"),
        # YAML reads ``!!`` as its own tags (``tag:yaml.org,2002:important``): no warning was
        # given, and a headline of "!!! Alert" was published as "Alert"
        ("!!important zelt tea", 11, "'!!important' before this value is a YAML tag"),
        ("!!! zelt tea", 11, "'!!!' before this value is a YAML tag"),
        # an anchor no alias repeats: "&Co zelt tea" was published as "zelt tea" silently
        ("&Co zelt tea", 11, "'&Co' before this value is a YAML anchor"),
    ],
)
def test_a_plain_value_yaml_cuts_short_is_a_located_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str, col: int, said: str
) -> None:
    """Both are valid YAML, and the quote left is in the body: only the warning tells the
    editor that the statement lost its words."""
    front = f"title: T\ndate: 2024-01-01\nquotes:\n  - text: {written}\n    concepts: [zelt]\n"
    data = f"---\n{front}---\nBy now {written}.\n".encode()
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    cut = [i for i, line in enumerate(lines) if "[yaml-value-cut]" in line]
    assert len(cut) == 1
    assert lines[cut[0]].startswith(f"{ARTICLE}:5:{col}: warning: {said}")
    assert lines[cut[0] + 1].endswith(f'is text: "{written}"')


def test_a_tag_after_an_anchor_is_located_at_the_tag_and_a_core_type_is_no_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``!!str`` asks for the text YAML would give anyway, ``=`` or ``<<`` alone, which
    YAML reads as types of its own, are no tag an editor wrote, and an anchor an alias
    repeats is meant as one."""
    front = (
        "title: !!str 2024\ndate: 2024-01-01\nsource: =\nplace: <<\n"
        "quotes:\n  - text: &t !!important zelt tea\n    concepts: &z [zelt]\n"
        "    speaker: &s Speaker 3\n    note: *s\n"
    )
    data = f"---\n{front}---\nBy now zelt tea.\n".encode()
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    cut = [(line, lines[at + 1]) for at, line in enumerate(lines) if "[yaml-value-cut]" in line]
    assert cut == [
        (
            f"{ARTICLE}:7:14: warning: '!!important' before this value is a YAML tag, not part"
            " of it [yaml-value-cut]",
            "    hint: quote the whole value if the '!' is text: \"!!important zelt tea\"",
        )
    ]


def test_a_comment_written_apart_from_a_value_is_no_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    front = "title: T  # the headline\ndate: 2024-01-01 # a Monday\nquotes:\n  - text: zelt\n"
    data = f"---\n{front}    concepts: [zelt] #[unsure]\n---\nzelt\n".encode()
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    assert not any("yaml-value-cut" in line for line in lines)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ('"Zelt tea," she said, "is fine"', '\'"Zelt tea," she said, "is fine"\''),
        ("'Zelt' tea is fine", "\"'Zelt' tea is fine\""),
    ],
)
def test_text_after_a_quoted_value_is_told_to_quote_the_whole_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str, meant: str
) -> None:
    """A quotation pasted with its own quotation marks: YAML reads the value to its first
    closing quote and fails on the words after it."""
    front = f"title: T\ndate: 2024-01-01\nquotes:\n  - text: {written}\n    concepts: [zelt]\n"
    data = f"---\n{front}---\n{written}.\n".encode()
    [located, hint] = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    assert located.startswith(f"{ARTICLE}:5:") and located.endswith("[yaml-syntax]")
    assert hint.endswith(f"quote the whole value, {meant}")
    fixed = data.replace(written.encode(), meant.encode(), 1)  # the hint, followed
    again = check_articles(tmp_path / "again", monkeypatch, {"2024-01-01-a.md": fixed})
    assert [line for line in again if ": error: " in line] == []


@pytest.mark.parametrize(
    ("after", "named"),
    [("\u00a0", "U+00A0"), ("\u200b", "U+200B"), (" \u3000\ufeff ", "U+3000, U+FEFF")],
)
def test_an_invisible_character_after_a_quoted_value_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: str, named: str
) -> None:
    """A no-break space or a zero-width one pasted after a quoted value is text after it for
    YAML: the hint wrote the line back quoted, which showed nothing after the quote to
    delete, and told to quote the value's own quotation marks."""
    written = '"The zelt tea holds."'
    front = f"title: T\ndate: 2024-01-01\nquotes:\n  - text: {written}{after}\n"
    data = f"---\n{front}    concepts: [zelt]\n---\nThe zelt tea holds.\n".encode()
    [located, hint] = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    at = 11 + len(written) + len(after) - len(after.lstrip(" "))  # at the invisible one
    assert located.startswith(f"{ARTICLE}:5:{at}: error: ")
    assert hint == (
        f"    hint: after its closing quote ('\"') the line holds {named}, which no reader"
        " sees but YAML reads as text after the value: delete it"
    )


@pytest.mark.parametrize(
    ("field", "space", "named", "last"),
    [
        ("title", "\u00a0", "U+00A0", False),  # macOS types one at Option-Space
        ("speaker", "\u3000", "U+3000", False),  # an ideographic space (a Japanese keyboard)
        ("date", "\u200b", "U+200B", False),
        (
            "speaker",
            "\u00a0",
            "U+00A0",
            True,
        ),  # the front matter's last line: YAML's error at its end
    ],
)
def test_a_field_whose_colon_an_unseen_space_follows_is_located_there(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    field: str,
    space: str,
    named: str,
    last: bool,
) -> None:
    """``title:`` then a no-break space is text to YAML, not a field: YAML finds it out on
    the next line, where its message and the hint about ': ' in a value pointed away from
    the space. The error is at the space, naming it; with a plain space the file checks."""
    values = {"title": "The plan", "date": "2024-01-01", "speaker": "Speaker Alpha"}
    lines = [f"{name}: {value}" for name, value in values.items()]
    row = list(values).index(field)
    lines[row] = lines[row].replace(": ", f":{space}", 1)
    quotes = "quotes:\n  - text: The zelt tea holds.\n    concepts: [zelt]\n"
    front = "\n".join(lines) + "\n" + ("" if last else quotes)
    data = f"---\n{front}---\nThe zelt tea holds.\n".encode()
    [located, hint] = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    assert located.startswith(f"{ARTICLE}:{row + 2}:{len(field) + 2}: error: YAML: ")
    assert located.endswith("[yaml-syntax]")
    assert hint == (
        f"    hint: after '{field}:' comes {named}, which no reader tells from a space but YAML"
        f" does not read as one, so it reads the line as text, not as the field '{field}':"
        " type a plain space in its place"
    )
    fixed = data.replace(space.encode(), b" ", 1)  # the hint, followed
    again = check_articles(tmp_path / "again", monkeypatch, {"2024-01-01-a.md": fixed})
    assert [line for line in again if ": error: " in line] == []


def test_a_quote_entry_behind_a_no_break_space_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A no-break space pasted before a quote's ``- text:`` makes the line a key of the
    front matter, the quote lost: the warning's hint listed the known fields, not the
    character to delete."""
    front = "title: T\ndate: 2024-01-01\nquotes:\n\u00a0 - text: The zelt tea holds.\n"
    data = f"---\n{front}---\nThe zelt tea holds.\n".encode()
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    at = lines.index(
        f"{ARTICLE}:5:1: warning: unknown field '\u00a0 - text' in article [field-unknown]"
    )
    assert lines[at + 1] == "    hint: it holds U+00A0, which no reader sees: delete it"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("*Really* working, they said", "starts with '*' as an alias"),
        ("**Q:** What about the zelt plan?", "starts with '*' as an alias"),
        ("[the zelt plan] works", "starts with '[' as a list"),
        ("- first, the zelt tide", "starts with '-' as a list entry"),
        ("> The zelt tide came early", "starts with '>' as the lines below it"),
        ("`zelt --plan` starts it", "unquoted starts with '`'"),
        ("@speaker9 said the zelt tide came", "unquoted starts with '@'"),
        ("SPEAKER 7: The zelt tide came early", "': ' in an unquoted value"),
    ],
)
def test_a_value_pasted_from_markdown_or_a_transcript_is_told_to_be_quoted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str, said: str
) -> None:
    """A quote copied from a body's Markdown source (emphasis, a link by reference, a list
    item, a block quote, code) or from a transcript's speaker turn starts with a character
    YAML gives a meaning, or holds ': ': the hint says which, and quotes the whole value."""
    front = f"title: T\ndate: 2024-01-01\nquotes:\n  - text: {written}\n    concepts: [zelt]\n"
    data = f"---\n{front}---\n{written}.\n\n[the zelt plan]: https://example.org/z\n".encode()
    [located, hint] = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    assert located.startswith(f"{ARTICLE}:5:") and located.endswith("[yaml-syntax]")
    assert said in hint
    meant = yaml_errors.yaml_quoted(written)
    assert hint.endswith(f"if it is text, quote the whole value, {meant}")
    fixed = data.replace(written.encode(), meant.encode(), 1)  # the hint, followed
    again = check_articles(tmp_path / "again", monkeypatch, {"2024-01-01-a.md": fixed})
    assert [line for line in again if ": error: " in line] == []


def test_an_indentation_mistake_is_not_told_to_quote_a_value() -> None:
    """An error before a line's value (at its key) is the indent's, not the value's."""
    text = "---\ntitle: A\nquotes:\n  - text: zelt\n concepts: [zelt]\n---\nzelt\n"
    _, [diagnostic] = parse_document("a.md", text.encode())
    assert diagnostic.code == "yaml-syntax"
    assert diagnostic.hint.startswith("check indentation")


def test_a_value_all_comment_is_told_without_a_space_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``text: #1 plan`` is all comment: the whole value to quote is ``#1 plan``."""
    front = "title: T\ndate: 2024-01-01\nquotes:\n  - text: #1 zelt plan\n    concepts: [zelt]\n"
    data = f"---\n{front}---\nThe #1 zelt plan.\n".encode()
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    cut = next(i for i, line in enumerate(lines) if "[yaml-value-cut]" in line)
    assert lines[cut + 1].endswith('is text: "#1 zelt plan"')


@pytest.mark.parametrize(
    ("written", "said", "hint"),
    [
        ("Null", "'text' is empty: YAML reads 'Null' as no value [field-missing]", 'text: "Null"'),
        ("~", "'text' is empty: YAML reads '~' as no value [field-missing]", 'text: "~"'),
        ("No", "'text' must be text, not true/false [field-type]", 'quote it: "No"'),
    ],
)
def test_a_one_word_quote_yaml_reads_as_no_text_is_told_to_be_quoted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str, said: str, hint: str
) -> None:
    """A transcript's one-word answer, quoted as written: YAML reads ``Null`` and ``~`` as
    no value and ``No`` as false. The quote has its 'text', so 'add it' is no hint."""
    front = f"title: T\ndate: 2024-01-01\nquotes:\n  - text: {written}\n    concepts: [zelt]\n"
    data = f"---\n{front}---\n**Q:** Is it zelt? **A:** {written}.\n".encode()
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    at = lines.index(f"{ARTICLE}:5:11: error: {said}")
    assert lines[at + 1].endswith(hint)
    fixed = data.replace(f"text: {written}".encode(), f'text: "{written}"'.encode(), 1)
    again = check_articles(tmp_path / "again", monkeypatch, {"2024-01-01-a.md": fixed})
    assert [line for line in again if ": error: " in line] == []


@pytest.mark.parametrize(
    ("written", "draft"),
    [
        ("Draft: true", True),  # Hugo reads its keys in any case
        ("draft: 'true'", True),  # Hugo takes the text "true" for true
        ("draft: 1", True),
        ("published: 'false'", True),
        ("published: 0", True),
        ("draft: 'no'", False),
        ("published: 1", False),
        ("publish: false", True),  # Obsidian Publish and Quartz: off the site
        ("Publish: no", True),
        ("private: true", True),  # and as WordPress and Ghost exports mark them
        ("status: draft", True),
        ("status: Private", True),
        ("status: publish", False),
        ("publish: excerpts", False),
    ],
)
def test_a_draft_marked_for_another_generator_in_any_case_or_as_text_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str, draft: bool
) -> None:
    """Only ``draft: true`` and ``published: false`` as YAML's true and false were refused:
    ``Draft: true`` or ``draft: "true"``, a draft in Hugo, was an unknown field's warning, and
    the article was published by a build that was not --strict. Obsidian's ``publish: false``
    was told to be written ``publish: full``, a draft's ``status: draft`` was unknown."""
    data = f"---\ntitle: T\ndate: 2024-01-01\n{written}\n---\nNot for publishing.\n".encode()
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    refused = [line for line in lines if line.endswith("[draft-unread]")]
    key, _, value = written.partition(": ")
    expected = (
        f"{ARTICLE}:4:1: error: '{key}: {value.strip(chr(39))}' is not read here: this article"
        " would be published [draft-unread]"
    )
    assert refused == ([expected] if draft else [])


@pytest.mark.parametrize("fence", ["---", "..."])
def test_a_fence_above_fields_is_an_error_and_the_fields_below_are_checked(
    fence: str, tmp_path: Path
) -> None:
    # A '---' typed twice, or YAML's '...', closed the front matter early: the quotes below
    # it were the body's text, unchecked (this one is in no body), and the build succeeded.
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "2024-01-01-a.md").write_text(
        f"---\ntitle: Zorp\ndate: 2024-01-01\n{fence}\nquotes:\n  - text: blorf quux\n"
        "    concepts: [zorp]\n---\nZorp said glim.\n",
        encoding="utf-8",
    )
    result = run_cli("check", "--content", str(content), "--format", "json")
    found = [(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert ("front-matter-closed-early", 4, 1) in found
    assert ("quote-not-found", 6, 11) in found
    assert result.code == 1


def test_a_rule_under_the_bodys_first_words_is_no_early_fence() -> None:
    data = b"---\ntitle: T\ndate: 2024-01-01\n---\nSource: a wire\n\n---\n\nmore\n"
    doc, diagnostics = parse_document("a.md", data)
    assert diagnostics == [] and doc.body.startswith("Source: a wire")
    data = b"---\ntitle: T\n---\nquotes are words\n---\n"
    assert parse_document("a.md", data)[1] == []


MERGED = (
    "title: Merged\ndate: 2024-01-01\nspeaker: Speaker 3\nquotes:\n"
    "  - &glorp\n    text: the glorp words\n    concepts: [glorp plan]\n    speaker: Speaker 8\n"
    "  - <<: *glorp\n    text: the zorp words\n"  # its own text wins over the merged one
    "  - text: the zelt words\n    <<: [{concepts: [zelt plan]}, *glorp]\n"  # the first wins
)


def test_a_merge_key_merges_its_mapping_where_its_own_keys_win(tmp_path: Path) -> None:
    """``<<: *glorp`` was read as a field named ``<<``: an 'unknown field' warning, and the
    quote lost the concepts and speaker merged into it."""
    article = tmp_path / "content" / "articles" / "2024-01-01-merged.md"
    article.parent.mkdir(parents=True)
    article.write_text(
        f"---\n{MERGED}---\nSo the glorp words, the zorp words and the zelt words.\n", "utf-8"
    )
    out = tmp_path / "site"
    built = run_cli("build", "--content", str(tmp_path / "content"), "--out", str(out))
    assert built.code == 0, built.stderr
    assert "[field-unknown]" not in built.stderr
    data = json.loads((out / "data" / "concordance.json").read_text(encoding="utf-8"))
    statements = {q["text"]: (q["speaker"], q["concepts"]) for q in data["quotes"]}
    assert statements == {
        "the glorp words": ("speaker-8", ["glorp-plan"]),
        "the zorp words": ("speaker-8", ["glorp-plan"]),
        "the zelt words": ("speaker-8", ["zelt-plan"]),
    }
    page = soup(out / "speakers" / "speaker-8" / "index.html")
    assert len(page.select("blockquote")) == 3, page.select("main")


@pytest.mark.parametrize(
    ("merged", "kind"), [("*title", "a single value"), ("[*title, {a: b}]", "a list of other")]
)
def test_a_merge_key_of_no_mapping_is_an_error_at_its_value(merged: str, kind: str) -> None:
    data = f"---\ntitle: &title T\nquotes:\n  - text: x\n    <<: {merged}\n---\n".encode()
    doc, diagnostics = parse_document("a.md", data)
    assert doc.meta is None
    assert [(d.code, d.span.line, d.span.col) for d in diagnostics] == [("yaml-merge", 5, 9)]
    assert f"not {kind}" in diagnostics[0].message


@pytest.mark.parametrize("value", ["<<: [*nope]", "<<: *nope", "speaker: *nope"])
def test_an_alias_of_no_anchor_is_told_what_an_alias_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """An alias that no anchor above defines is told so, not to quote a value holding
    ``: `` (which the flow ``[*nope]`` drew as the hint)."""
    front = f"---\ntitle: T\ndate: 2024-01-01\n{value}\n---\nGlorp.\n"
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": front.encode()})
    column = value.index("*") + 1
    assert lines == [
        f"{ARTICLE}:4:{column}: error: YAML: found undefined alias 'nope' [yaml-syntax]",
        "    hint: '*nope' repeats a value marked '&nope' above it in the same front matter,"
        " and none is: mark one (defaults: &nope ...), or quote the value if its '*' is text",
    ]


@pytest.mark.parametrize(
    ("field", "hint"),
    [  # as Jekyll, Astro, Obsidian and Hugo write a post's dates
        ("published: 2024-01-14", "write 'date: 2024-01-14'"),
        ("pubDate: 'Jul 08 2022'", "write 'date: 2022-07-08'"),
        ("created: 2024-01-15T09:00", "write 'date: 2024-01-15'"),
    ],
)
def test_a_date_of_another_name_is_told_to_be_the_date(
    tmp_path: Path, field: str, hint: str
) -> None:
    _, result = check_one_body(tmp_path, "The glorp plan.\n", f"title: A\n{field}\n")
    lines = result.stderr.splitlines()
    at = next(n for n, line in enumerate(lines) if "[field-unknown]" in line)
    assert lines[at + 1].startswith(f"    hint: {hint} (when it was published)")


def test_a_date_of_another_name_read_two_ways_is_not_written_as_one(tmp_path: Path) -> None:
    """``05/03/2024`` is the 5th of March or the 3rd of May: the hint writes neither."""
    front = "title: A\npublished: 05/03/2024\n"
    _, result = check_one_body(tmp_path, "The glorp plan.\n", front)
    lines = result.stderr.splitlines()
    at = next(n for n, line in enumerate(lines) if "[field-unknown]" in line)
    assert "date: 2024" not in lines[at + 1] and lines[at + 1].startswith("    hint: ")


def test_a_second_date_is_told_which_dates_are_read(tmp_path: Path) -> None:
    front = "title: A\ndate: 2024-01-01\nlastmod: 2024-02-01\n"
    _, result = check_one_body(tmp_path, "The glorp plan.\n", front)
    lines = result.stderr.splitlines()
    at = next(n for n, line in enumerate(lines) if "[field-unknown]" in line)
    assert lines[at + 1] == (
        "    hint: the dates read are 'date' (when it was published) and 'said_on' (when the"
        " words were spoken): write it as one of them, or delete it"
    )


@pytest.mark.parametrize(
    ("name", "text", "hint"),
    [  # as Notion, Obsidian and plain Markdown files start, and Pandoc's title block
        (
            "2024-01-01-glorp.md",
            "# Glorp planning\n\nCreated: January 1, 2024 10:00 AM\n\nSpeaker 7 said.\n",
            "lines '---', 'title: Glorp planning', 'date: 2024-01-01', '---' above the heading,"
            " and delete it",
        ),
        (
            "glorp.md",
            "# Zelt: the plan #\r\nSpeaker 7 said.\n",
            "lines '---', 'title: \"Zelt: the plan\"', 'date: YYYY-MM-DD', '---' above the"
            " heading, and delete it",
        ),
        (
            "2024-01-04-zorp.md",
            "% Glorp pandoc title\n% Speaker 7\n% 2024-01-04\n\nSpeaker 7 said.\n",
            "lines '---', 'title: Glorp pandoc title', 'date: 2024-01-04', '---' in place of"
            " Pandoc's '%' lines",
        ),
        (
            "../concepts/zelt-tea.md",
            "# Zelt tea\n\nA synthetic drink.\n",
            "lines '---', 'title: Zelt tea', '---' above the heading, and delete it",
        ),
    ],
)
def test_a_file_that_starts_with_its_title_is_told_the_front_matter_to_write(
    tmp_path: Path, name: str, text: str, hint: str
) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Titles\n", encoding="utf-8")
    (content / "concepts").mkdir()
    (content / "articles" / name).write_bytes(text.encode())
    result = run_cli("check", "--content", str(content))
    lines = result.stderr.splitlines()
    at = next(n for n, line in enumerate(lines) if "[front-matter-missing]" in line)
    assert lines[at + 1] == f"    hint: start the file with its fields in YAML: {hint}"


def test_publish_true_of_obsidian_is_told_every_article_is_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = b"---\ntitle: T\ndate: 2024-01-01\npublish: true\n---\nFor publishing.\n"
    lines = check_articles(tmp_path, monkeypatch, {"2024-01-01-a.md": data})
    at = next(n for n, line in enumerate(lines) if line.endswith("[field-type]"))
    assert lines[at + 1] == (
        "    hint: every article is published: delete the line ('publish: excerpts' publishes"
        " only the quoted sentences)"
    )


@pytest.mark.parametrize(
    ("field", "hint"),
    [  # as Hugo, Jekyll, Astro, Medium's and WordPress's exports write a post's fields
        ("canonical_url: https://e.org/glorp", "the original's address is 'url: ...'"),
        ("canonicalURL: https://e.org/glorp", "the original's address is 'url: ...'"),
        ("heroImage: /glorp.png", "show an image in the body: ![what it shows](img/x.png)"),
        ("coverImage: glorp.jpg", "show an image in the body: ![what it shows](img/x.png)"),
        ("description: The glorp post", "the page shows the body: write it there"),
        ("excerpt: The glorp post", "the page shows the body: write it there"),
        ("summary: The glorp post", "the page shows the body: write it there"),  # Hugo's
        ("aliases: [/old/glorp/]", "a page's other names and old addresses are not read"),
    ],
)
def test_a_field_of_a_post_elsewhere_is_told_what_to_write_here(
    tmp_path: Path, field: str, hint: str
) -> None:
    _, result = check_one_body(
        tmp_path, "The glorp plan.\n", f"title: A\ndate: 2024-01-01\n{field}\n"
    )
    lines = result.stderr.splitlines()
    at = next(n for n, line in enumerate(lines) if "[field-unknown]" in line)
    assert lines[at + 1].startswith(f"    hint: {hint}")


def test_a_concept_s_description_is_told_to_be_its_summary(tmp_path: Path) -> None:
    concept = tmp_path / "content" / "concepts" / "zelt-tea.md"
    concept.parent.mkdir(parents=True)
    concept.write_text("---\ntitle: zelt tea\ndescription: A synthetic drink.\n---\nZelt.\n")
    result = run_cli("check", "--content", str(tmp_path / "content"))
    lines = result.stderr.splitlines()
    at = next(n for n, line in enumerate(lines) if "[field-unknown]" in line)
    assert lines[at + 1] == (
        "    hint: write it as 'summary: ...', the one line shown in lists and link previews"
    )


_FENCE_LINES = st.lists(st.sampled_from(["---", "...", "--- ", "...\t", "-- -", "a---", "", "x"]))


@given(_FENCE_LINES)
@example(["x", "---", "..."])
def test_a_fence_is_found_by_its_line_break_as_by_its_line_start(lines: list[str]) -> None:
    """``_fence_after`` looks for a line break before a fence, where ``_FENCE``'s ``^`` is
    tried at every character: the same fence, from every line end."""
    text = "\n".join(lines)
    for end in (at for at, char in enumerate(text) if char == "\n"):
        fast, slow = load._fence_after(text, end), load._FENCE.search(text, end + 1)
        assert (fast and (fast.span(), fast[0])) == (slow and (slow.span(), slow[0]))


def test_a_file_is_inside_its_content_folder_as_its_resolved_path_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``Folders.inside`` compares text and resolves each folder once: the same answer as
    resolving each file's whole path, for files, links in and out, and content folders
    named through a link, from inside them and by a path ending in '..'."""
    site, elsewhere = tmp_path / "site", tmp_path / "site-other"
    (site / "articles" / "deep").mkdir(parents=True)
    elsewhere.mkdir()
    (site / "articles" / "a.md").write_text("x")
    (elsewhere / "b.md").write_text("x")
    (site / "articles" / "in.md").symlink_to(site / "articles" / "a.md")
    (site / "articles" / "out.md").symlink_to(elsewhere / "b.md")
    (site / "articles" / "deep" / "up.md").symlink_to("../a.md")
    (tmp_path / "named").symlink_to(site)
    monkeypatch.chdir(site / "articles")
    contents = [site, tmp_path / "named", Path(".."), Path("../articles/.."), Path("/")]
    names = ["a.md", "in.md", "out.md", "deep/up.md"]
    for content in contents:
        folders = load.Folders()
        for name in names:
            file = content / "articles" / name
            expected = file.resolve().is_relative_to(content.resolve())
            assert folders.inside(content, file, file.is_symlink()) == expected, file
            slow = (content / file.relative_to(content)).as_posix()
            assert load.display_path(content, file) == slow
            assert load.display_path(content, str(file)) == slow  # as the pipeline names it


@pytest.mark.python_source
def test_mappings_whose_every_field_is_read_are_not_sorted_for_unknown_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``Fields.finish`` sorts a mapping's fields by place only to warn of those left unread:
    for most mappings, every field read, it returns at once (sorting them, and making the
    fields again at each read, took 1.3% of validating an article). An unknown field is still
    warned of, at its key."""
    sorted_in_fields: list[object] = []

    def counted_sorted(*args: Any, **kwargs: Any) -> list[Any]:
        sorted_in_fields.append(args[0])
        return sorted(*args, **kwargs)

    monkeypatch.setattr(fields, "sorted", counted_sorted, raising=False)
    front = (
        "title: A\ndate: 2024-01-01\nquotes:\n  - text: the glorp plan\n"
        "    speaker: Speaker 7\n    concepts: [zorp]\n"
    )
    body = "So the glorp plan holds.\n"
    _, result = check_one_body(tmp_path / "known", body, front)
    assert result.code == 0 and "[field-unknown]" not in result.stderr, result.stderr
    assert sorted_in_fields == []
    _, result = check_one_body(tmp_path / "unknown", body, front + "zorp: 1\n")
    assert "2024-01-01-a.md:8:1: warning: unknown field 'zorp' in article" in result.stderr
    assert len(sorted_in_fields) == 1


def test_front_matter_values_and_their_places_are_made_in_c(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each key and value of a front matter gets a ``Span`` and each value a ``YNode``, made
    by ``tuple.__new__``: the named tuples' own ``__new__``, a function in Python, took 1.3%
    of validating an article. They are the named tuples it makes, at the same places."""
    made: list[str] = []

    def counted(cls: type[Any], *fields: object) -> Any:
        made.append(cls.__name__)
        return tuple.__new__(cls, fields)

    monkeypatch.setattr(load.YNode, "__new__", counted)
    monkeypatch.setattr(Span, "__new__", counted)
    front = (
        "title: Glorp\ndate: 2024-01-01\nquotes:\n  - text: the zorp plan\n    concepts: [zorp]\n"
    )
    doc, diagnostics = parse_document("a.md", f"---\n{front}---\nThe zorp plan.\n".encode())
    assert diagnostics == [] and made == []
    assert doc.meta is not None and isinstance(doc.meta.value, dict)
    quote = doc.meta.value["quotes"].value[0]  # type: ignore[index]
    assert isinstance(quote.value, dict)
    concept = quote.value["concepts"].value[0]  # type: ignore[index]
    monkeypatch.undo()
    assert quote == load.YNode(quote.value, "map", Span("a.md", 5, 5), None, ())
    assert concept == load.YNode("zorp", "str", Span("a.md", 6, 16), None, ())
    assert type(concept) is load.YNode and type(concept.span) is Span
    assert concept.span.line == 6 and concept.span.col == 16


YAML_WORDS = [
    *[
        "yes",
        "Yes",
        "YES",
        "no",
        "No",
        "NO",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
    ],
    *["~", "null", "Null", "NULL", "y", "n", "Y", "N", "yEs", "tRUE", "nULL", "nul", "onn", "of"],
]
yaml_scalars = st.one_of(
    st.text(alphabet=st.sampled_from("0123456789+-._:eE xXoObB~<=!&*yYnNtTfF\nZé٣"), max_size=12),
    st.sampled_from(["", ".inf", "-.Inf", ".NaN", "0x1F", "0o17", "0b101", "1_000", "12:30:45"]),
    st.sampled_from(["2024-03-01", "2024-3-1 12:00:00Z", "1.5e3", "<<", "=", "+.5", "-0"]),
)
IMPLICIT = [(True, False), (False, True), (False, False)]


def resolved_alike(value: str, implicit: tuple[bool, bool]) -> bool:
    ours, theirs = yaml_marks.Resolver(), yaml.resolver.Resolver()
    return ours.resolve(yaml.ScalarNode, value, implicit) == theirs.resolve(
        yaml.ScalarNode, value, implicit
    )


@pytest.mark.parametrize("word", YAML_WORDS)
def test_a_word_gets_the_tag_pyyamls_resolver_gives_it(word: str) -> None:
    """true, false and nothing as YAML 1.1 spells them, and near misses, plain or quoted."""
    for value in [word, f"{word}\n", f"{word} ", f" {word}", f"{word}x", f"{word}\n\n"]:
        for implicit in IMPLICIT:
            assert resolved_alike(value, implicit), (value, implicit)


@given(value=yaml_scalars | st.text(), implicit=st.sampled_from(IMPLICIT))
@example(value="yes\n", implicit=(True, False))
@example(value="", implicit=(True, False))
def test_a_value_gets_the_tag_pyyamls_resolver_gives_it(
    value: str, implicit: tuple[bool, bool]
) -> None:
    """``yaml_marks.Resolver`` answers most values without PyYAML's patterns: every value,
    plain or quoted, of every first character, gets PyYAML's tag."""
    assert resolved_alike(value, implicit)


def test_collections_and_front_matter_values_get_pyyamls_tags() -> None:
    ours, theirs = yaml_marks.Resolver(), yaml.resolver.Resolver()
    for kind in (yaml.MappingNode, yaml.SequenceNode):
        assert ours.resolve(kind, [], (True, False)) == theirs.resolve(kind, [], (True, False))
    text = "a: yes\nb: 'no'\nc: 2024-03-01\nd: ~\ne: [1, 1.5, on]\nf: !!str 7\ng: title\n"
    assert yaml.load(text, Loader=yaml_marks.Loader) == yaml.safe_load(text)
    assert yaml_marks.Loader.resolve is yaml_marks.Resolver.resolve


def test_the_patterns_of_values_are_tried_as_pyyamls_are() -> None:
    """``yaml_tags`` has patterns of its own, so that a front matter read without PyYAML need
    not import it: for each first character, the same tags as PyYAML's, in its order (what
    each pattern matches is held to PyYAML's by the tests of values above and below)."""

    def tried(resolvers: dict[Any, list[tuple[str, Any]]]) -> dict[Any, list[str]]:
        return {start: [tag for tag, _ in patterns] for start, patterns in resolvers.items()}

    ours = tried(yaml_tags._PATTERNS)  # type: ignore[arg-type]
    assert ours == tried(yaml.resolver.Resolver.yaml_implicit_resolvers)


@pytest.mark.parametrize(
    "value",
    [
        *["1.5e3", "1.e-5", "+.5", ".5e+3", "-.Inf", ".NaN", ".nan", "190:20:30.15", "1_0.0_1"],
        *["0b101", "0b", "017", "08", "0x1F", "0x", "-0", "1_000", "12:30:45", "1:60", "0:30"],
        *["2024-03-01", "2024-3-1", "2024-3-1 12:00:00Z", "2001-12-14t21:59:43.10-05:00"],
        *["2024-03-01T1:02:03.5 +5:30", "2024-03-01 1:02", "2024-03-01\t\t1:02:03 Z"],
        *["<<", "<<<", "=", "==", "!", "&", "*", "!&", "~", ""],
    ],
)
def test_each_pattern_matches_what_pyyamls_does(value: str) -> None:
    """Each of ``yaml_tags``' patterns, tried on its own: numbers, times and marks as YAML 1.1
    writes them, and near misses, with and without a last line break."""
    theirs = {
        tag: pattern
        for patterns in yaml.resolver.Resolver.yaml_implicit_resolvers.values()
        for tag, pattern in patterns
    }
    for tag, source, _ in yaml_tags._RESOLVERS:
        for written in (value, f"{value}\n", f" {value}"):
            ours = re.match(source, written) is not None
            assert ours == (theirs[tag].match(written) is not None), (tag, written)


def _tagged_tree(node: yaml.Node) -> Any:
    """A node's tags and values, all the way down (nodes are compared by identity); an
    alias's as those of the node it repeats."""
    node = getattr(node, "target", node)
    if isinstance(node, yaml.MappingNode):
        return node.tag, [(_tagged_tree(k), _tagged_tree(v)) for k, v in node.value]
    if isinstance(node, yaml.SequenceNode):
        return node.tag, [_tagged_tree(item) for item in node.value]
    return node.tag, node.value, node.start_mark.index, node.end_mark.index


def test_the_loader_composes_the_tree_pyyamls_loader_does() -> None:
    """``Resolver`` replaces PyYAML's path resolvers by callables that do nothing: the loader
    has none, so every node gets the tag PyYAML's own loader gives it."""
    assert not yaml_marks.Loader.yaml_path_resolvers
    text = "a: [1, {b: [c, 'd', ~]}]\nquotes:\n  - text: x\n    n: {m: [2024-03-01, yes]}\n"
    ours = yaml.compose(text, Loader=yaml_marks.Loader)
    assert _tagged_tree(ours) == _tagged_tree(yaml.compose(text, Loader=yaml.SafeLoader))
    assert _tagged_tree(load._compose(text)) == _tagged_tree(
        yaml.compose(text, Loader=yaml.SafeLoader)
    )
    aliased = "a: &x [1, {b: c}]\nd: *x\n"
    assert _tagged_tree(load._compose(aliased)) == _tagged_tree(
        yaml.compose(aliased, Loader=yaml.SafeLoader)
    )


def _shape(value: Any) -> Any:
    """A value's mappings and lists as they nest, each other value ``"."``."""
    if isinstance(value, dict):
        return {str(key): _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return "."


def _read_shape(node: load.YNode) -> Any:
    if node.tag == "map" and isinstance(node.value, dict):
        return {key: _read_shape(item) for key, item in node.value.items()}
    if node.tag == "seq" and isinstance(node.value, list):
        return [_read_shape(item) for item in node.value]
    return "."


_NESTED = st.recursive(
    st.text("abz ", min_size=1, max_size=4) | st.integers() | st.booleans(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text("abz", min_size=1, max_size=3), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=300)
@given(st.dictionaries(st.text("xyz", min_size=1, max_size=3), _NESTED, max_size=4), _NESTED)
def test_nodes_of_every_kind_are_read_as_pyyaml_nests_them(
    fields_: dict[str, Any], repeated: Any
) -> None:
    """Mappings, lists and single values, and an anchored value repeated by an alias (read
    by the composer that keeps aliases), nest as PyYAML's loader nests them: each kind of
    node is told by its type."""
    source = "".join(f"{key}: {json.dumps(value)}\n" for key, value in fields_.items())
    source += f"anchored: &a {json.dumps(repeated)}\nagain: *a\n"
    node, problems = load.parse_yaml("a.md", source, first_line=2)
    assert node is not None, problems
    assert _read_shape(node) == _shape(yaml.safe_load(source))


@pytest.mark.parametrize(
    ("content", "file"),
    [(".", "./articles/a.md"), ("site", "site//articles/a.md"), ("site", "site/./a.md")],
)
def test_a_path_named_as_text_is_shown_as_its_path_is(content: str, file: str) -> None:
    """The pipeline names files as text: one a ``Path`` writes otherwise is shown as the
    ``Path`` is."""
    shown = load.display_path(Path(content), file)
    assert shown == load.display_path(Path(content), Path(file))


@pytest.mark.parametrize("written", [0, 1, 4095, 4096, 4097, 3_000_000])
@pytest.mark.parametrize("seen", [0, 1, 4096, 5000])
def test_a_file_is_read_whole_whatever_its_size_when_seen(
    tmp_path: Path, written: int, seen: int
) -> None:
    """``load._read`` takes the size the file had when looked at (``_unreadable``): a file
    saved again since, longer or shorter, is read as it is now, as ``Path.read_bytes``
    reads it."""
    file = tmp_path / "a.md"
    file.write_bytes(bytes(range(256)) * (written // 256) + b"z" * (written % 256))
    assert load._read(file, seen) == file.read_bytes()


def test_a_file_given_in_short_reads_is_read_to_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A network or FUSE file system may return less than asked before the end of a file:
    ``load._read`` reads on until a read returns nothing, and loses none of it."""
    file = tmp_path / "a.md"
    file.write_bytes(b"glorp zent " * 1000)
    read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: read(fd, min(n, 777)))
    assert load._read(file, file.stat().st_size) == file.read_bytes()


def _fields_below_everywhere(text: str, close: re.Match[str]) -> re.Match[str] | None:
    """``load._fields_below`` as it was: the fence below found first, in the whole body."""
    below = load._fence_after(text, close.end())
    if below is None:
        return None
    lines = [line for line in text[close.end() + 1 : below.start()].split("\n") if line.strip()]
    first = load._FIELD_START.match(lines[0]) if lines else None
    if first is None or first[1] not in load._FIELD_NAMES:
        return None
    return below if all(load._FIELDS_LINE.match(line) for line in lines) else None


_LINES = ["", " ", "---", "...", "--- ", "title: T", "zorp: x", "  - glorp", "# c", "Glorp.", "\t"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_LINES), max_size=12), st.booleans())
@example(["", "title: T", "---", "Glorp."], True)
@example(["", "", "---"], False)
def test_fields_below_a_fence_are_found_as_before(lines: list[str], ended: bool) -> None:
    """The fields left below a closing fence are found by the first line that is not
    blank, before the body is searched for a fence: the same fence, or none, as when the
    body was searched first."""
    text = "---\ntitle: T\n---\n" + "\n".join(lines) + ("\n" if ended else "")
    close = load._fence_after(text, text.find("\n"))
    assert close is not None
    found, before = load._fields_below(text, close), _fields_below_everywhere(text, close)
    assert (found and found.span()) == (before and before.span())


@pytest.mark.parametrize("text", ["a\r\nb\rc\fd", "plain\n", "\r", "\f\f", ""])
def test_line_ends_made_one_kind_whether_or_not_a_cr_is_there(text: str) -> None:
    expected = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", " ")
    assert load.one_kind_of_line_end(text) == expected


def test_a_misspelt_field_is_hinted_by_its_closest_known_name(tmp_path: Path) -> None:
    """The hint of an unknown field names the known one it is closest to (``difflib``,
    imported only when a field is unknown)."""
    front = (
        "title: A\ndate: 2024-01-01\nquotes:\n  - text: the glorp plan\n"
        "    speaker: Speaker 7\n    concepts: [zorp]\nplase: Paris\n"
    )
    _, result = check_one_body(tmp_path, "So the glorp plan holds.\n", front)
    assert "unknown field 'plase' in article" in result.stderr, result.stderr
    assert "did you mean 'place'?" in result.stderr, result.stderr
