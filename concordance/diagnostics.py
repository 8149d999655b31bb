"""Located problems with the content, collected rather than raised."""

from __future__ import annotations

import base64
import contextlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import NamedTuple

from concordance.lazy_patterns import lazy_compile
from concordance.records import pickled_by_fields, set_through_slots


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@pickled_by_fields
class Span(NamedTuple):
    """A position in a content file, as an editor's text editor shows it.

    A named tuple rather than a frozen dataclass: validation makes one for every YAML key
    and value, hundreds of thousands in a large build, and a tuple is made several times
    faster (its repr and its order are the dataclass's)."""

    path: str
    """The file's path as found under --content, with forward slashes."""
    line: int
    """1-based line number."""
    col: int
    """1-based column number."""


@pickled_by_fields
@set_through_slots
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in the content, templates or configuration, where it is."""

    span: Span
    severity: Severity
    code: str
    """A stable identifier such as ``quote-not-found``; documented in the README."""
    message: str
    hint: str = ""

    def format(self) -> str:
        head = f"{self.span.path}:{self.span.line}:{self.span.col}: "
        text = f"{head}{self.severity.value}: {self.message} [{self.code}]"
        return one_line(text) + (f"\n    hint: {one_line(self.hint)}" if self.hint else "")


_BIDI_CONTROLS = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
"""Embeddings, overrides and isolates: one in a file's name reversed the rest of its
diagnostic's line in the terminal (a U+202E before ``gnp.exe.md``)."""
_ESCAPED = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *_BIDI_CONTROLS]
}
_ESCAPED.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


def one_line(text: str) -> str:
    """``text`` with its line breaks and other control characters (bidirectional ones too)
    written as escapes: a file's name or a quote may hold them, and a line of a diagnostic
    that a file name began could pass for another diagnostic, or for a workflow command to
    the CI runner reading the output (``::error::``, ``::stop-commands::``)."""
    return text.translate(_ESCAPED)


def unseen(char: str) -> bool:
    """Whether ``char`` is one no reader sees that a hint should name: white space other than
    a space or a tab (a no-break space, which YAML takes for text, pasted from a web page or a
    word processor), or a format character (a zero-width space, a byte-order mark)."""
    return char not in " \t" and (char.isspace() or unicodedata.category(char) == "Cf")


def code_points(chars: Iterable[str]) -> str:
    """``chars`` as a hint names them, each once, in order: ``U+00A0, U+200B``."""
    return ", ".join(f"U+{ord(char):04X}" for char in dict.fromkeys(chars))


def os_problem(exc: OSError) -> str:
    """An operating system's error as one line: what went wrong, and the file when it names
    one (a full disk names none: no empty name after a colon), or both of a rename's."""
    where = f": {exc.filename}" if exc.filename else ""
    where += f" -> {exc.filename2}" if exc.filename2 else ""
    return one_line(f"{exc.strerror or exc}{where}")


MAX_TEXT = 1000
"""The most characters of a message or hint: one that names a value of a line of thousands
(a URL, a concept's name) shows its start and end, so one diagnostic does not fill the
terminal."""


def bounded(text: str) -> str:
    """``text``, or its start and end when it is longer than ``MAX_TEXT``."""
    if len(text) <= MAX_TEXT:
        return text
    return f"{text[: MAX_TEXT - 300]} … {text[-200:]} ({len(text):,} characters, shortened)"


def error(span: Span, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(span, Severity.ERROR, code, bounded(message), bounded(hint))


def warning(span: Span, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(span, Severity.WARNING, code, bounded(message), bounded(hint))


def counting_the_rest(found: list[Diagnostic], total: int, rest: str) -> list[Diagnostic]:
    """``found``, the first of ``total`` warnings of a kind in one file, the last one saying
    how many more there are (``rest`` names them): a hostile file of thousands of broken
    links would bury every other diagnostic."""
    if total > len(found):
        found[-1] = replace(
            found[-1], message=f"{found[-1].message} (and {total - len(found)} {rest})"
        )
    return found


def sort_key(d: Diagnostic) -> tuple[str, int, int, str, str]:
    return (d.span.path, d.span.line, d.span.col, d.code, d.message)


@dataclass(slots=True)
class Report:
    """What a run produced: every diagnostic, sorted, and what was written."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    pages_written: int = 0
    files_changed: int = 0
    seconds: float = 0.0
    wrote_site: bool = False
    cache_unsaved: str = ""
    """Why the build cache could not be saved once the site was swapped in (``cache.saved``),
    or empty: the site is whole, the next build is a full one."""
    loaded: object = field(default=None, repr=False, compare=False)
    """What the run loaded and indexed, held as long as the report: freeing it an object at a
    time took 0.07 s of a clean build at N=5000, after its last page was written, and the
    program ends without freeing it (``cli.entry``)."""

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


def promote_warnings(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """``--strict``: every warning becomes an error."""
    return [
        Diagnostic(d.span, Severity.ERROR, d.code, d.message, d.hint)
        if d.severity is Severity.WARNING
        else d
        for d in diagnostics
    ]


def finish(diagnostics: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    """A run's diagnostics as reported: once each, in file order; ``--strict`` promoted."""
    if strict:
        diagnostics = promote_warnings(diagnostics)
    return sorted(set(diagnostics), key=sort_key)


def report_json(report: Report) -> str:
    """The ``check --format json`` document, in ASCII (``\\u`` escapes): stdout cannot write
    many letters in an encoding narrower than UTF-8 (cp1252)."""
    import json

    return json.dumps(
        {
            "diagnostics": [_diagnostic_json(d) for d in report.diagnostics],
            "errors": report.errors,
            "warnings": report.warnings,
        },
        indent=2,
    )


def _diagnostic_json(d: Diagnostic) -> dict[str, object]:
    """One diagnostic, every text in it Unicode. A file's name that is not UTF-8 is read with
    a lone surrogate for each byte that is none (``\\udce9`` for 0xE9): written as such an
    escape, it made JSON that strict readers refuse (orjson, Rust's serde_json), so it is
    written as U+FFFD, and the name's exact bytes go in ``path_bytes`` (base64)."""
    fields: dict[str, object] = {
        "path": _unicode(d.span.path),
        "line": d.span.line,
        "column": d.span.col,
        "severity": d.severity.value,
        "code": _unicode(d.code),
        "message": _unicode(d.message),
        "hint": _unicode(d.hint),
    }
    if _SURROGATE.search(d.span.path):
        with contextlib.suppress(UnicodeEncodeError):  # a surrogate no byte was read as
            raw = d.span.path.encode("utf-8", "surrogateescape")
            fields["path_bytes"] = base64.b64encode(raw).decode("ascii")
    return fields


_SURROGATE = lazy_compile("[\ud800-\udfff]")


def _unicode(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)
