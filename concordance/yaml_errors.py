"""A YAML syntax error as a located diagnostic, with a hint at the likely mistake: a quote or
bracket left open, a value YAML reads as something else, an indent that ends a block."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from concordance.diagnostics import Diagnostic, code_points, error, unseen
from concordance.lazy_patterns import lazy_compile
from concordance.yaml_lines import Lines, Mark

if TYPE_CHECKING:  # PyYAML is imported where a syntax error is read again (``_last_quoted_before``)
    import yaml

_CLOSERS = {"[": "]", "{": "}", '"': '"', "'": "'"}
QUOTES = ('"', "'")
"""The quotes that open a quoted YAML value."""
# A line that starts a field (``date: ...``, ``- text: ...``). Inside a quoted value, it is
# most likely a field the value took in as text, its quote left open on an earlier line.
_FIELD_START = r"^[ \t]*(?:-[ \t]+)*([A-Za-z_][\w-]*)"
"""A line's indent, list dashes and the name of a field it may start."""
_FIELD_LINE = lazy_compile(rf"{_FIELD_START}[ \t]*:(?=[ \t]|$)", re.MULTILINE)
_OPENED = {"[": "a list", "{": "a mapping", '"': "a quoted value", "'": "a quoted value"}
_GENERIC_HINT = (
    "check indentation and quotes; quote values that contain ': ' or start with a symbol"
)


def syntax_error(lines: Lines, exc: yaml.MarkedYAMLError) -> Diagnostic:
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and (mark is None or "end of stream" in problem):
        mark = exc.context_mark  # where the unterminated thing started, not the file's end
    message = f"YAML: {exc.context}: {problem}" if exc.context else f"YAML: {problem}"
    span = lines.within(mark) if mark else lines.span((0, 0))
    escape = _escape_at(lines, exc)
    if escape is not None:  # YAML marks its digits: the escape starts at its backslash
        span = lines.at_offset(escape)
    if "nesting depth" in problem:  # libyaml >= 0.2.6 has a nesting limit of its own
        return error(span, "yaml-limit", message, "flatten the structure")
    unseen = _unseen_space_error(lines, exc.problem_mark, message)
    if unseen is not None:
        return unseen
    run_on = _quote_run_on(lines, exc.problem_mark)
    if run_on is not None and exc.problem_mark is not None:
        return _run_on_error(lines, run_on, exc.problem_mark, problem)
    # A tab ends a '>' value's lines too, but it is the tab to fix (``_tab_hint``).
    cut = None if _tab_hint(lines, exc.problem_mark) else _block_cut(lines, exc.problem_mark)
    if cut is not None and exc.problem_mark is not None:
        line, indent, key = cut
        stop_line, stop_column = lines.place(exc.problem_mark)
        return error(
            lines.span((line, indent)),
            "yaml-syntax",
            f"{message} (at line {lines.first_line + stop_line}, column {stop_column + 1})",
            f"this line is indented no more than '{key}:', so it ends that value's lines"
            " ('>' or '|') above it and YAML reads it as a field: indent it as they are",
        )
    unclosed = _unclosed_opener(lines, exc)
    if unclosed is not None:
        opener, found = unclosed
        return error(
            lines.at(opener), "yaml-syntax", f"{message} ({found})", _opener_hint(lines, opener)
        )
    hint = (
        _escape_hint(lines, escape)
        or _alias_hint(problem)
        or lines.break_hint(mark)
        or _tab_hint(lines, mark)
        or _text_after_quote_hint(lines, exc.problem_mark)
        or _plain_value_hint(lines, exc.problem_mark)
        or _GENERIC_HINT
    )
    if exc.context == "expected a single document in the stream" and lines.what == "site.yaml":
        message = "YAML: a second document starts here: site.yaml is one set of fields"
        hint = "delete the '---' lines: site.yaml holds its fields alone, not between them"
    return error(span, "yaml-syntax", message, hint)


_UNDEFINED_ALIAS = lazy_compile(r"found undefined alias '(.*)'")


def _alias_hint(problem: str) -> str:
    """For an alias (``*defaults``) that names no anchor above it: what an alias is, not the
    hint about ``: `` in a value, which the flow it stood in (``<<: [*nope]``) drew."""
    undefined = _UNDEFINED_ALIAS.fullmatch(problem)
    if undefined is None:
        return ""
    name = undefined[1]
    return (
        f"'*{name}' repeats a value marked '&{name}' above it in the same front matter, and"
        f" none is: mark one (defaults: &{name} ...), or quote the value if its '*' is text"
    )


_SURROGATES = lazy_compile(r"\\u(d[89a-f][0-9a-f]{2})(?:\\u(d[c-f][0-9a-f]{2}))?", re.IGNORECASE)
"""A character past U+FFFF written as two escapes, as JSON writes it (``\\ud83d\\ude00``),
or half of one; YAML reads neither."""


def _escape_at(lines: Lines, exc: yaml.MarkedYAMLError) -> int | None:
    """Where the escape YAML cannot read starts (its backslash), for an error of one."""
    mark, problem = exc.problem_mark, exc.problem or ""
    if mark is None or not ("escape" in problem or "hexdecimal" in problem):
        return None
    at = mark.index
    if lines.source[at - 2 : at - 1] == "\\" and lines.source[at - 1 : at] in ("x", "u", "U"):
        return at - 2  # libyaml marks the first of an escape's digits
    return at


def _escape_hint(lines: Lines, at: int | None) -> str:
    """For an escape YAML cannot read (starting at ``at``): how to write what it meant."""
    if at is None:
        return ""
    found = _SURROGATES.match(lines.source, at)
    if found is None:
        return (
            "a backslash starts an escape in a value in double quotes (\\n, \\t, \\u00e9):"
            " write \\\\ for a backslash itself, or put the value in single quotes"
        )
    if found[2] is None or int(found[1], 16) >= 0xDC00:
        return (
            f"{found[0][:6]} is half of a character written as two escapes (a surrogate),"
            " which YAML cannot read: write the character itself, or \\U and its eight hex"
            " digits"
        )
    code = 0x10000 + ((int(found[1], 16) - 0xD800) << 10) + int(found[2], 16) - 0xDC00
    return (
        f"YAML reads no character written as two escapes, as JSON writes it ({found[0]}):"
        f" write \\U{code:08X}, or the character itself ({chr(code)})"
    )


_STILL_INSIDE = frozenset(
    [
        "while parsing a flow sequence",
        "while parsing a flow mapping",
        "while scanning a quoted scalar",
    ]
)
"""The contexts of an error that YAML met still inside a ``[``, ``{`` or quote."""


def _unclosed_opener(lines: Lines, exc: yaml.MarkedYAMLError) -> tuple[Mark, str] | None:
    """For a ``[``, ``{`` or quote that YAML was still inside when a later line (or the
    end) stopped it: its mark, and where the problem was found. The problem's own place
    is then the next field, or past the file's last line, while the mistake is the opener
    left unclosed."""
    opener, found = exc.context_mark, exc.problem_mark
    if opener is None or found is None or _opener_at(lines, opener) is None:
        return None
    if exc.context not in _STILL_INSIDE:  # ("while scanning a simple key": a closed '[]')
        return None
    opened, stopped = lines.place(opener), lines.place(found)
    if stopped[0] <= opened[0]:
        return None  # on the opener's own line: the problem's place is the better one
    end = lines.last_place()
    if stopped > end:
        return opener, "at the end of " + (
            "the front matter" if lines.what == "front matter" else lines.what
        )
    return opener, f"at line {lines.first_line + stopped[0]}, column {stopped[1] + 1}"


def _opener_hint(lines: Lines, opener: Mark) -> str:
    char = _opener_at(lines, opener) or "["
    line = lines.span(lines.place(opener)).line
    unclosed = f"the {char!r} on line {line} opens {_OPENED[char]} that is never closed"
    hidden = _commented_closer(lines.source, opener.index, char)
    if hidden is not None:
        return (
            f"' #' starts a YAML comment, which hid the rest of line {line}, its"
            f" {_CLOSERS[char]!r} too: quote each value that holds a '#', {hidden}"
        )
    if char in "[{":
        return (
            f"{unclosed}: close it with {_CLOSERS[char]!r} on its line, or quote the whole"
            f" value if the {char!r} is text"
        )
    return f"{unclosed}: end the value with {char} on its line ({_written_inside(char)})"


def _commented_closer(source: str, at: int, char: str) -> str | None:
    """Where a ``[`` or ``{`` at ``at`` is closed on its own line only after a `` #``, which
    YAML reads as a comment's start (``[plan #2, C#]``): the value holding the ``#``,
    written quoted; else None."""
    if char not in "[{":
        return None
    end = source.find("\n", at)
    line = source[at + 1 : len(source) if end < 0 else end]
    comment = re.search(r"(?<=[ \t])#", line)
    if comment is None or _CLOSERS[char] not in line[comment.start() :]:
        return None
    start = max(line.rfind(",", 0, comment.start()), line.rfind(":", 0, comment.start()))
    value = re.split(r"[,\]}]", line[start + 1 :], maxsplit=1)[0].strip()
    return yaml_quoted(value)


def _written_inside(quote: str) -> str:
    return "one inside it is written " + ('\\"' if quote == '"' else "''")


def fields_written_in(written: str) -> tuple[str, ...]:
    """The names of the fields that start the lines after the first of a quoted value as
    written (``YNode.fields_inside``)."""
    _, newline, rest = written.partition("\n")
    return tuple(found[1] for found in _FIELD_LINE.finditer(rest)) if newline else ()


def _quote_run_on(lines: Lines, found: Mark | None) -> yaml.ScalarToken | None:
    """The quoted value that YAML read on from an earlier line, over lines that start
    fields, to a quote on the line where it then stopped (at ``found``): the quote left
    open was meant to close on its own line, and the one that closed it to open a later
    value, whose text YAML then failed to read."""
    if found is None:
        return None
    quoted = _last_quoted_before(lines.source, found.index)
    if quoted is None:
        return None
    opened, closed = lines.place(quoted.start_mark)[0], lines.place(quoted.end_mark)[0]
    if opened == closed or closed != lines.place(found)[0]:
        return None
    written = lines.source[quoted.start_mark.index : quoted.end_mark.index]
    return quoted if fields_written_in(written) else None


def _last_quoted_before(source: str, end: int) -> yaml.ScalarToken | None:
    """The last quoted value YAML reads before offset ``end`` of ``source``."""
    import yaml  # here: only a front matter PyYAML refused gets here

    from concordance.yaml_marks import Loader

    scanner = Loader(source)
    last = None
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if token is None or token.start_mark.index >= end:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in QUOTES:
                last = token
    except yaml.YAMLError:
        pass  # the error met again, or the scanner's own before it: those read are enough
    finally:
        scanner.dispose()
    return last


def _run_on_error(lines: Lines, quoted: yaml.ScalarToken, found: Mark, problem: str) -> Diagnostic:
    quote = str(quoted.style)
    opened = lines.at(quoted.start_mark)
    stopped = lines.span(lines.place(found))
    written = lines.source[quoted.start_mark.index : quoted.end_mark.index]
    message = (
        f"YAML: the quoted value opened here is not closed on its line: YAML read on to the"
        f" {quote!r} on line {stopped.line}, then stopped at column {stopped.col}: {problem}"
    )
    hint = (
        f"close it with {quote} on line {opened.line} ({_written_inside(quote)}), or write the"
        f" value on one line: '{fields_written_in(written)[0]}:' below it was read as part of it"
    )
    return error(opened, "yaml-syntax", message, hint)


def _text_after_quote_hint(lines: Lines, found: Mark | None) -> str:
    """For text right after a quoted value on its line (``text: "Zelt tea," she said``, a
    quotation pasted with its marks): the value YAML read ends at its closing quote, and
    the whole line was meant."""
    quoted = _last_quoted_before(lines.source, found.index) if found is not None else None
    if quoted is None or found is None:
        return ""
    between = lines.source[quoted.end_mark.index : found.index]
    line = lines.place(found)[0]
    if between.strip(" \t") or {lines.place(quoted.start_mark)[0], line} != {line}:
        return ""
    line_end = lines.source.find("\n", found.index)
    unseen = _unseen_only(lines.source[quoted.end_mark.index : None if line_end < 0 else line_end])
    if unseen:
        return (
            f"after its closing quote ({str(quoted.style)!r}) the line holds {unseen}, which no"
            " reader sees but YAML reads as text after the value: delete it"
        )
    meant = lines.source[quoted.start_mark.index : None if line_end < 0 else line_end].rstrip()
    return (
        f"a value that starts with a quote ends where it closes ({str(quoted.style)!r}), and"
        f" text may not follow: quote the whole value, {yaml_quoted(meant)}"
    )


# A field's colon, then a space no reader tells from the one YAML needs after it: a no-break
# space (macOS types one at Option-Space; web pages and word processors paste them), another
# of Unicode's spaces, or a zero-width one. YAML reads the line as text, not as a field.
_AFTER_KEY = lazy_compile(rf"{_FIELD_START}:([^\x00-\x7f\x85\u2028\u2029])", re.MULTILINE)
"""A field's colon and the character after it, when not ASCII (nor a line break to YAML
alone, which ``Lines.break_hint`` names): such a space, if ``unseen``."""


def _unseen_space_error(lines: Lines, found: Mark | None, message: str) -> Diagnostic | None:
    """For an error at or below a field whose colon is followed by such a space: that
    space, located, where YAML finds the error out a line or more later and its hint, about
    quotes or ': ' in a value, points away from it."""
    if found is None:
        return None
    end = lines.source.find("\n", found.index)
    end = len(lines.source) if end < 0 else end
    above = [m for m in _AFTER_KEY.finditer(lines.source, 0, end) if unseen(m[2])]
    if not above:
        return None
    last = above[-1]  # the nearest above the error: the one YAML stumbled over
    stop_line, stop_column = lines.place(found)
    return error(
        lines.at_offset(last.start(2)),
        "yaml-syntax",
        f"{message} (at line {lines.first_line + stop_line}, column {stop_column + 1})",
        f"after '{last[1]}:' comes {code_points(last[2])}, which no reader tells from a space"
        f" but YAML does not read as one, so it reads the line as text, not as the field"
        f" '{last[1]}': type a plain space in its place",
    )


def _unseen_only(text: str) -> str:
    """The characters of ``text`` named (``U+00A0``), when all it holds but spaces and tabs
    are ones no reader sees: white space YAML takes for text (a no-break space, pasted from
    a web page or a word processor), or a format character (a zero-width space, a
    byte-order mark). A hint that wrote the line back quoted showed nothing after the quote."""
    rest = text.strip(" \t")
    return code_points(rest) if rest and all(map(unseen, rest)) else ""


_PLAIN_VALUE = lazy_compile(r"[ \t]*(?:-[ \t]+)*(?:[A-Za-z_][\w-]*[ \t]*:[ \t]+)?(?=\S)")
"""What a front-matter line holds before its value: indent, list dashes, a key."""
_STARTS_AS = {
    "*": "an alias (a repeat of a value named with '&')",
    "&": "an anchor (a name for the value after it)",
    "[": "a list",
    "{": "a mapping",
    "|": "the lines below it",
    ">": "the lines below it",
    "-": "a list entry",
    "?": "a key",
    ":": "a field",
}
"""What YAML reads a value as that starts with one of these (``-``, ``?`` and ``:`` only
before a space); it reads none that starts with ``@``, `` ` ``, ``%``, ``,``, ``]``, ``}``."""
_NO_PLAIN_START = frozenset("@`%,]}")


def _plain_value_hint(lines: Lines, found: Mark | None) -> str:
    """For an error inside an unquoted value that starts with a character YAML gives a
    meaning, or that holds ': ', as Markdown copied from a body does (``*Really* so``,
    ``- first item``, ``SPEAKER 7: We hold``): the whole value, quoted."""
    if found is None:
        return ""
    start = lines.source.rfind("\n", 0, found.index) + 1
    end = lines.source.find("\n", found.index)
    row = lines.source[start : None if end < 0 else end].rstrip()
    lead = _PLAIN_VALUE.match(row)
    if lead is None or found.index - start < lead.end() or row[lead.end()] in QUOTES:
        return ""  # the error is before the value (an indent, a key), or in a quoted one
    value = row[lead.end() :]
    first, spaced = value[0], value[:2].rstrip() != value[:2]
    if first in _NO_PLAIN_START:
        why = f"no value YAML reads unquoted starts with {first!r}"
    elif first in _STARTS_AS and (first not in "-?:" or spaced or len(value) == 1):
        why = f"YAML reads a value that starts with {first!r} as {_STARTS_AS[first]}"
    elif ": " in value or value.endswith(":"):
        why = "YAML reads ': ' in an unquoted value as the start of a field"
    else:
        return ""
    return f"{why}: if it is text, quote the whole value, {yaml_quoted(value)}"


_BLOCK_START = lazy_compile(
    r"^([ \t]*(?:-[ \t]+)*)([A-Za-z_][\w-]*)[ \t]*:[ \t]+[>|][-+0-9]*[ \t]*(?:#.*)?$"
)
"""A field whose value is the lines below it, folded (``>``) or as they are (``|``)."""


def _block_cut(lines: Lines, mark: Mark | None) -> tuple[int, int, str] | None:
    """For an error found after a ``>`` or ``|`` value: the line of that value written with
    too little indent (which ends the value there, and which YAML then reads as a field),
    its indent, and the value's key. A line of a quote wrapped by hand is often indented
    as its key is."""
    if mark is None:
        return None
    rows = lines.source.split("\n")
    stop = lines.place(mark)[0]
    for start in range(min(stop, len(rows) - 1), -1, -1):
        block = _BLOCK_START.match(rows[start])
        if block is None:
            continue
        column = len(block[1])
        for at in range(start + 1, min(stop, len(rows) - 1) + 1):
            row = rows[at]
            indent = len(row) - len(row.lstrip(" "))
            if row.strip() and indent <= column:
                field_like = _FIELD_LINE.match(row) or row.lstrip().startswith("-")
                return None if field_like else (at, indent, block[2])
        return None
    return None


def _tab_hint(lines: Lines, mark: Mark | None) -> str:
    if mark is None or lines.source[mark.index : mark.index + 1] != "\t":
        return ""
    return "tabs are not allowed for indentation in YAML: indent with spaces"


def _opener_at(lines: Lines, mark: Mark) -> str | None:
    """The ``[``, ``{`` or quote at ``mark``, if one is there."""
    char = lines.source[mark.index : mark.index + 1]
    return char if char in _CLOSERS else None


HINT_VALUE_CHARS = 200
"""The longest value a hint writes whole; a longer one (a line of thousands of characters)
is shown by its start and end, so that one diagnostic does not fill the terminal."""


def yaml_quoted(text: str) -> str:
    """``text`` as a quoted YAML value, for a hint to copy: in double quotes, or in single
    ones when it holds a double quote or a backslash (a single one then written twice)."""
    quoted = (
        f'"{text}"' if '"' not in text and "\\" not in text else "'" + text.replace("'", "''") + "'"
    )
    if len(text) <= HINT_VALUE_CHARS:
        return quoted
    return f"{quoted[:120]}…{quoted[-60:]} (the value's {len(text):,} characters, shortened here)"
