from __future__ import annotations

from concordance.load import parse_document


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


def test_missing_and_unclosed_front_matter() -> None:
    assert parse_document("a.md", b"no fence\n")[1][0].code == "front-matter-missing"
    assert parse_document("b.md", b"---\ntitle: x\n")[1][0].code == "front-matter-unclosed"
