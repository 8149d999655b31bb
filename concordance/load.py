"""Files -> raw documents: front matter parsed with the position of every value.

YAML is composed (not constructed) so that each key and value keeps its line
and column; positions are mapped to the file's own lines. Nothing here judges
the content beyond its syntax: that is validate's job.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple, cast

from concordance.diagnostics import Diagnostic, Span, error, warning
from concordance.digests import file_digest
from concordance.field_names import ARTICLE_FIELDS, CONCEPT_FIELDS, QUOTE_FIELDS
from concordance.lazy_patterns import lazy_compile
from concordance.records import new_tuple, set_through_slots
from concordance.textnorm import DIRECTION_CLOSERS, left_open_directions
from concordance.yaml_errors import QUOTES, fields_written_in, syntax_error, yaml_quoted
from concordance.yaml_fast import MAX_SOURCE, read_plain
from concordance.yaml_lines import Lines, Mark, text_span
from concordance.yaml_tags import SHORT_TAGS

if TYPE_CHECKING:  # PyYAML is imported where a front matter is read with it (``_composed``):
    import yaml  # most are read without (``yaml_fast``), and its import took 10 ms

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_FILE_LINES = 200_000
"""Lines a file may have, each of which may be a block of its own (``# a``): a block took
some 2.4 KB while its body was read, and 2 MB of one-letter headings 1.2 GB and 13 s to
build, so that the 8 MiB a file may hold took some 5 GB. A real text of 8 MiB has lines of
40 characters and more (a book of 3 MB some 66,000)."""
MAX_FRONT_MATTER_BYTES = 2 * 1024 * 1024
"""2,000 quotes of a hundred words each; the values in it are bounded by ``MAX_YAML_NODES``."""
MAX_YAML_NODES = 100_000
"""20,000 quotes of one concept each (four values a quote); also the most an alias bomb makes."""
MAX_YAML_DEPTH = 32
# What may be written everywhere: all but DEL, the C0 and C1 controls (tab and line breaks
# aside) and the noncharacters, which Unicode keeps out of text for good (no page, HTML, may
# hold one, and no feed, XML 1.0, U+FFFE or U+FFFF); most often the controls are
# Windows-1252's letters read as Latin-1 (U+0093 for “). The class below is of what is
# allowed, common characters first: scanned in C, it stops at a letter's first range, where a
# class naming the 34 noncharacters took ten times as long on every file.
_ASTRAL = "".join(
    f"{chr(plane)}-{chr(plane + 0xFFFD)}" for plane in range(0x10000, 0x110000, 0x10000)
)
_ALLOWED = f"\x20-\x7e\n\t\r\xa0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd{_ASTRAL}"
_ALLOWED_ASCII = bytes(range(0x20, 0x7F)) + b"\n\t\r"
"""The ASCII characters of ``_ALLOWED``: all a file of ASCII may hold, body or front matter."""
_KEEPS_ALLOWED: Final = bytes(c if c in _ALLOWED_ASCII else c ^ 0x80 for c in range(256))
"""A table of ``bytes.translate`` that keeps each byte of ``_ALLOWED_ASCII`` and changes
every other: a text it leaves unchanged, which ``translate`` gives back as it is, holds
none of the others (``_surely_fit``)."""
_UNFIT = f"[^{_ALLOWED}]"
"""What no text may hold, NEL and the surrogates too, which its three uses tell apart
(``_refused_in_yaml``, ``_refused_in_body``, ``_control``); see ``_unfit``."""
_SURROGATE = lazy_compile(f"[{chr(0xD800)}-{chr(0xDFFF)}]")
MAX_CHARACTER_PROBLEMS = 20
"""A file that is not text at all would otherwise give one diagnostic per byte."""
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$", re.MULTILINE)
_NEWLINE_FENCE = re.compile(r"\n(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
"""A line break, then a ``_FENCE``: found by its first character, where ``_FENCE``'s ``^``
is tried at every character of the body (a tenth of the time, 40 µs an article)."""
# Below this size nesting cannot reach the depth (tens of thousands) that crashes the
# composer, which then takes well under a second; the converter's depth limit reports it.
_DEEP_ENOUGH_TO_CRASH = 16 * 1024
_EVENTS_PER_VALUE = 2
"""At most this many of the parser's events that open or are a value per value
``MAX_YAML_NODES`` counts (``_beyond_limits``): a mapping's keys are scalars to the parser and
no values to the count."""
_TOO_MANY_VALUES = f"front matter holds more than {MAX_YAML_NODES:,} values"

Scalar = str
YamlValue = Scalar | list["YNode"] | dict[str, "YNode"]


class YNode(NamedTuple):
    """A YAML value with where it stands in the file (a named tuple, like ``Span``: a front
    matter makes dozens)."""

    value: YamlValue
    """Scalars stay the text the editor wrote; ``tag`` says how YAML reads them."""
    tag: str
    """``str``, ``int``, ``float``, ``bool``, ``null``, ``timestamp``, ``seq`` or ``map``."""
    span: Span
    key_span: Span | None = None
    """For a mapping's value: where its key stands."""
    fields_inside: tuple[str, ...] = ()
    """For a quoted value that runs on over lines: the names of the fields (``date:``) that
    start those lines, which YAML read as its text (its closing quote was left out)."""


@set_through_slots
@dataclass(frozen=True, slots=True)
class RawDocument:
    path: str
    """As found under --content, with forward slashes."""
    meta: YNode | None
    """The front matter mapping, or None when it is missing or unreadable."""
    body: str
    body_line: int
    """The file line the body starts on (1-based)."""
    digest: str
    """``file_digest`` of the bytes read: a build checks they are those it fingerprinted
    (a file saved again while the build ran is not)."""
    root: str = "."
    """The content folder as ``path`` starts with it (``display_path``), from which a
    body's address written from the root (``/media/chart.png``) is read."""


def display_path(content: Path, file: Path | str) -> str:
    """``file`` as diagnostics name it; ``file`` may be a path's text, of which most files
    make no ``Path`` (thousands, in the parent of a build): only one a ``Path`` would write
    otherwise (``./a``, ``a//b``, ``a/./b``, ``a/``)."""
    top, text = str(content), str(file)
    fast = text.startswith(top) and text[len(top) : len(top) + 1] == "/" and os.sep == "/"
    if fast and (isinstance(file, Path) or not _unnormal(text)):
        return text  # most files, without making three paths
    return (content / Path(file).relative_to(content)).as_posix()


def _unnormal(text: str) -> bool:
    """Whether ``Path(text)`` may be written otherwise than ``text``."""
    return "//" in text or "/./" in text or text.startswith("./") or text.endswith(("/", "/."))


@dataclass(slots=True)
class Folders:
    """The real path of each folder files are read from, resolved once: for thousands of
    files, resolving each one's whole path took a twentieth of validating it. Paths as
    text: made and hashed as ``Path`` objects, a file's took a fiftieth."""

    real: dict[str, str] = field(default_factory=dict)
    roots: dict[Path, str] = field(default_factory=dict)
    """Each content folder's real path, as the start of the paths inside it."""

    def inside(self, content: Path, file: Path, linked: bool) -> bool:
        """Whether ``file`` (``linked``: a symbolic link) is really inside ``content``."""
        root = self.roots.get(content)
        if root is None:
            root = self.roots[content] = str(content.resolve()).rstrip("/") + "/"
        return self._resolve(file, linked).startswith(root)

    def _resolve(self, file: Path, linked: bool) -> str:
        """The real path of ``file``, ending in '/'."""
        folder, name = os.path.split(file)
        # A path ending in '..' (the content folder given as --content .. from inside it)
        # names its parent's parent, not a file in its parent: every file was outside it.
        if linked or name == "..":
            return f"{file.resolve()}/"
        real = self.real.get(folder)
        if real is None:
            real = self.real[folder] = str(Path(folder).resolve())
        return f"{os.path.join(real, name)}/"


def read_document(
    content: Path, file: Path, folders: Folders | None = None
) -> tuple[RawDocument, list[Diagnostic]]:
    """Read one Markdown file with front matter (``folders``: one for all files of a build)."""
    path, root = display_path(content, file), content.as_posix()
    data, problems = read_content_file(content, file, folders)
    if data is None:
        return RawDocument(path, None, "", 1, "", root), problems
    return parse_document(path, data, root)


def read_content_file(
    content: Path, file: Path, folders: Folders | None = None
) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of a file of the content folder, or None and why it must not be read."""
    problem = _unreadable(content, file, folders or Folders())
    if isinstance(problem, int):
        try:
            return _read(file, problem), []
        except OSError as exc:  # no permission to read it (``stat`` needs none)
            problem = "file-unreadable", f"cannot read the file: {exc.strerror}", _ALLOW_FILE
    return None, [error(Span(display_path(content, file), 1, 1), *problem)]


def _read(file: Path, size: int) -> bytes:
    """The bytes of ``file``, of ``size`` bytes when last seen, read to its end: in one read
    and the empty one that tells the end, when it has not grown since. ``Path.read_bytes``
    made a buffered file object, and asked again for the size, whether the file was a
    terminal and where it stood."""
    fd = os.open(file, os.O_RDONLY | os.O_CLOEXEC)
    try:
        parts = [os.read(fd, size + 1)]  # one byte more than seen: a file grown since
        # Read on to the end, not trusting a short read to be it (a network or FUSE file
        # system may return less than asked before the end).
        while parts[-1] and (part := os.read(fd, 1 << 20)):
            parts.append(part)
        return parts[0] if len(parts) == 1 else b"".join(parts)
    finally:
        os.close(fd)


def _unreadable(content: Path, file: Path, folders: Folders) -> tuple[str, str, str] | int:
    """(code, message, hint) for a file that must not be read at all, or the size of one
    that may be."""
    try:
        status = os.lstat(file)  # one system call for most files, which are no links
        linked = stat.S_ISLNK(status.st_mode)
        if linked:
            status = file.stat()
        inside = folders.inside(content, file, linked)
    except OSError as exc:
        if file.is_symlink():  # listed, so it was there: what it points to is not
            hint = "restore what it points to, or delete the link"
            return "link-broken", f"broken symbolic link: {exc.strerror}", hint
        return "file-unreadable", f"cannot read the file: {exc.strerror}", ""
    if stat.S_ISDIR(status.st_mode) and file.is_symlink():  # one ``content_files`` refused
        return _linked_folder(inside)
    if not inside:
        # A committed symlink could otherwise publish any file of the build machine.
        msg = "symbolic link to a file outside the content directory"
        return "file-outside-content", msg, "copy the file into the content directory"
    if stat.S_ISDIR(status.st_mode) and (unlisted := _unlisted(file)):
        return unlisted
    if not stat.S_ISREG(status.st_mode):  # reading a named pipe would wait forever
        kind = "a folder" if stat.S_ISDIR(status.st_mode) else "a named pipe, socket or device"
        return "file-unreadable", f"not a file but {kind}", "replace it with the file"
    if status.st_size > MAX_FILE_BYTES:  # checked before reading: the limit bounds memory too
        size = status.st_size
        msg = f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES // (1024 * 1024)} MiB"
        return "file-too-large", msg, "split the article"
    return status.st_size


_ALLOW_FILE = "let the build read it (chmod a+r), or move it out of the content folder"


def _unlisted(folder: Path) -> tuple[str, str, str] | None:
    """Why a folder cannot be listed, if it cannot: ``inputs.content_files`` lists such a
    folder of ``articles/`` or ``concepts/`` in place of its files, which would be lost."""
    try:
        os.scandir(folder).close()
    except OSError as exc:
        hint = "let the build read it (chmod a+rx)"
        return "file-unreadable", f"cannot read the folder: {exc.strerror}", hint
    return None


def _linked_folder(inside: bool) -> tuple[str, str, str]:
    if not inside:
        msg = "symbolic link to a folder outside the content directory"
        return "file-outside-content", msg, "move the folder into the content directory"
    msg = "symbolic link to a folder that contains it: following it would never end"
    return "link-loop", msg, "delete the link"


def parse_document(path: str, data: bytes, root: str = ".") -> tuple[RawDocument, list[Diagnostic]]:
    """The file at ``path`` (under the content folder ``root``, see ``RawDocument``) read
    from its bytes."""
    digest = file_digest(data)
    text, diags = decode_text(path, data)
    if text is None:
        return RawDocument(path, None, "", 1, digest, root), diags
    front, body, body_line, diags = split_front_matter(path, text)
    # The front matter starts on the file's second line (split_front_matter sees to it).
    yaml_end = text.find("\n") + 1 + len(front) if front is not None else 0
    fit = _surely_fit(text)
    unusable = [] if fit else character_problems(path, text, yaml_end)
    if unusable:
        return RawDocument(path, None, "", 1, digest, root), diags + unusable
    if front is None:
        return RawDocument(path, None, body, body_line, digest, root), diags
    meta, yaml_diags = parse_yaml(path, front, first_line=2, fit=fit)
    return RawDocument(path, meta, body, body_line, digest, root), diags + yaml_diags


def config_document(content: Path) -> tuple[RawDocument | None, list[Diagnostic], str]:
    """A broken site.yaml is a content error like any other: located, and the defaults used
    (a link to a file outside the content folder is one, as an article's is). Last, the
    ``file_digest`` of the bytes read (empty when there is no file)."""
    file = content / "site.yaml"
    if not (file.exists() or file.is_symlink()):  # a broken link, a folder...: reported
        return None, [], ""
    path = display_path(content, file)
    data, refused = read_content_file(content, file)
    if data is None:
        return None, refused, ""
    digest = file_digest(data)
    text, diagnostics = decode(path, data)
    if text is None:
        return None, diagnostics, digest
    meta, diagnostics = parse_yaml(path, text, first_line=1, what="site.yaml")
    raw = RawDocument(path, meta, "", 1, digest, content.as_posix()) if meta else None
    return raw, diagnostics, digest


def decode(path: str, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """A file that is YAML throughout (site.yaml) as text, or None with its problems."""
    text, diags = decode_text(path, data)
    if text is None:
        return None, diags
    unusable = character_problems(path, text, len(text))
    return (None, unusable) if unusable else (text, [])


def decode_text(path: str, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 (a BOM tolerated), with CRLF and CR line ends made LF."""
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        msg = f"file is {len(data):,} bytes; the limit is {limit} MiB"
        return None, [error(Span(path, 1, 1), "file-too-large", msg, "split the article")]
    # A NUL is never text: most often the file is UTF-16 or UTF-32 saved without a
    # byte-order mark, whose every ASCII letter is valid UTF-8 next to a NUL or three.
    wide = _wide_encoding(data) if b"\0" in data and not data.startswith(_WIDE_BOMS) else None
    if wide:
        msg = f"the file is {wide[0]} ({wide[1]}, without a byte-order mark), not UTF-8"
        return None, [error(Span(path, 1, 1), "encoding", msg, "save the file as UTF-8")]
    # A BOM cut off here, and the rest decoded as UTF-8, as the codec "utf-8-sig" does:
    # decoded in C at once, where that codec's decoding is a function of Python, found by
    # name in the codecs' registry for each file.
    after_bom = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        text = after_bom.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col, msg, hint = not_utf8(exc.object, exc.start)  # the bytes after a BOM
        return None, [error(Span(path, line, col), "encoding", msg, hint)]
    text = one_kind_of_line_end(text)
    # Counted only where there can be too many: a line is a character at least.
    if len(text) > MAX_FILE_LINES and (lines := _lines(text)) > MAX_FILE_LINES:
        msg = f"file has {lines:,} lines; the limit is {MAX_FILE_LINES:,}"
        place = Span(path, MAX_FILE_LINES + 1, 1)
        return None, [error(place, "file-too-large", msg, "split the article")]
    return text, []


def _lines(text: str) -> int:
    """The lines of ``text`` as an editor numbers them (a last one without a break too)."""
    return text.count("\n") + (not text.endswith("\n"))


def one_kind_of_line_end(text: str) -> str:
    """``text`` with its CRLF and lone CR line ends made LF, as editors count lines."""
    # A form feed, the page break of plain-text documents, is white space to CommonMark.
    # Most texts hold no CR: looked for as one character (by ``memchr``), where looking for
    # CRLF scanned the text a character at a time (some 20,000 instructions an article).
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\f", " ")


_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32's start with UTF-16's
_WIDE_SAMPLE = 4096
"""Bytes of a file with a NUL looked at to tell UTF-16 or UTF-32."""


_WIDE_FENCES = {
    "---".encode("utf-16-le"): ("UTF-16", "little-endian"),
    "---".encode("utf-16-be"): ("UTF-16", "big-endian"),
    "---".encode("utf-32-le"): ("UTF-32", "little-endian"),
    "---".encode("utf-32-be"): ("UTF-32", "big-endian"),
}
"""The line that opens every article's front matter, as each wide encoding writes it."""


def _wide_encoding(data: bytes) -> tuple[str, str] | None:
    """(``UTF-16`` or ``UTF-32``, its byte order) when ``data`` reads as such without a
    byte-order mark: it starts with the front matter's ``---`` so encoded, whatever script
    the rest is in; or every UTF-32 unit is a character of Latin-1; or at least a third of
    the UTF-16 units are a letter of ASCII (or Latin-1) beside a NUL, and hardly any the
    other way round (the ASCII of front matter is in every article)."""
    fenced = next((kind for fence, kind in _WIDE_FENCES.items() if data.startswith(fence)), None)
    if fenced:
        return fenced
    sample = data[:_WIDE_SAMPLE]
    quads, pairs = len(sample) // 4, len(sample) // 2
    zeros = [sample[k : quads * 4 : 4].count(0) for k in range(4)]
    if quads and zeros[1] == zeros[2] == zeros[3] == quads > zeros[0]:
        return "UTF-32", "little-endian"
    if quads and zeros[0] == zeros[1] == zeros[2] == quads > zeros[3]:
        return "UTF-32", "big-endian"
    even, odd = sample[0 : pairs * 2 : 2].count(0), sample[1 : pairs * 2 : 2].count(0)
    if pairs and odd * 3 >= pairs and even * 20 <= odd:
        return "UTF-16", "little-endian"
    if pairs and even * 3 >= pairs and odd * 20 <= even:
        return "UTF-16", "big-endian"
    return None


def not_utf8(data: bytes, at: int) -> tuple[int, int, str, str]:
    """(line, column, message, hint) for ``data``, whose first byte that is not UTF-8 is at
    ``at``, with what it may be instead: Windows editors save UTF-16 ("Unicode") and
    Windows-1252 ("ANSI"). Lines are counted as ``decode_text`` counts them (a lone CR ends
    one too), columns in characters."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16's: FF FE
        msg = "the file is UTF-32 (it starts with UTF-32's byte-order mark), not UTF-8"
        return 1, 1, msg, "save the file as UTF-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        msg = "the file is UTF-16 (it starts with UTF-16's byte-order mark), not UTF-8"
        return 1, 1, msg, "save the file as UTF-8"
    before = one_kind_of_line_end(data[:at].decode("utf-8"))  # all UTF-8 up to ``at``
    line_start = before.rfind("\n") + 1
    hint = "save the file as UTF-8"
    with contextlib.suppress(UnicodeDecodeError):
        data.decode("cp1252")  # every byte a character of it
        shown = data[at : at + 1].decode("cp1252")
        hint += f" (it may be Windows-1252 or Latin-1, where this byte is {shown!r})"
    msg = f"not valid UTF-8 (byte 0x{data[at]:02x})"
    return before.count("\n") + 1, len(before) - line_start + 1, msg, hint


@functools.cache
def _unfit() -> re.Pattern[str]:
    """``_UNFIT`` compiled once for all its uses, and only at the first text ``_surely_fit``
    cannot tell (a site of ASCII files never needs it): each class this large took 10 ms to
    compile, in the parent before any worker starts, and three near-identical ones were."""
    return re.compile(_UNFIT)


def _refused_in_yaml(char: str) -> bool:
    """Of what ``_unfit`` finds, what YAML refuses to read (PyYAML's and libyaml's reader
    agree), and the noncharacters, which it reads: all but NEL, a line break to YAML."""
    return char != "\x85"


def _refused_in_body(char: str) -> bool:
    """Of what ``_unfit`` finds, what a body may not hold: NEL too, no line break to
    CommonMark, editors or GitHub (a page would hold it, as Windows-1252's … read as Latin-1
    most often is); not a surrogate."""
    return not 0xD800 <= ord(char) <= 0xDFFF


def _control(char: str) -> bool:
    """What no value may hold, wherever it is written (NEL and the surrogates may)."""
    return _refused_in_yaml(char) and _refused_in_body(char) and bool(_unfit().match(char))


def _first_control(text: str) -> str | None:
    return next((m[0] for m in _unfit().finditer(text) if _control(m[0])), None)


def _surely_fit(text: str) -> bool:
    """Whether ``text`` is known to hold nothing ``_unfit`` finds, told in C without compiling
    it: ASCII that ``_ALLOWED`` allows (deleting what is allowed takes a tenth of the regex's
    time), or a text whose every character but its line feeds and tabs is printable
    (``str.isprintable`` is false for every control, surrogate and noncharacter). False
    leaves it to ``_unfit``: a no-break space, a format character or a line break other than
    a line feed is not printable, and is allowed. The shipped templates, checked as each
    build loads them, hold a '·': compiling ``_unfit`` for them took 57 million instructions
    in each process that rendered a page."""
    if text.isascii():
        # Translated by a table, not by deleting the allowed bytes: a loop of a few
        # instructions a byte (mypyc's, unrolled), where the deletion took some 13.
        encoded = text.encode("ascii")
        return encoded.translate(_KEEPS_ALLOWED) is encoded
    return text.replace("\n", "").replace("\t", "").isprintable()


def _refused(text: str, start: int, end: int, refuses: Callable[[str], bool]) -> Iterator[int]:
    """Where ``text[start:end]`` holds a character ``_unfit`` finds and ``refuses`` refuses
    (found before parsing, so that each is located and all are listed)."""
    return (m.start() for m in _unfit().finditer(text, start, end) if refuses(m[0]))


def character_problems(path: str, text: str, yaml_end: int) -> list[Diagnostic]:
    """Every character no file may hold, and in ``text[:yaml_end]`` every one YAML refuses,
    each located (the first ``MAX_CHARACTER_PROBLEMS``, then how many more): one run shows
    them all, where YAML would stop at the first with only an offset."""
    if _surely_fit(text):
        return []  # most files
    front = _refused(text, 0, yaml_end, _refused_in_yaml)
    hits = chain(front, _refused(text, yaml_end, len(text), _refused_in_body))
    found = list(islice(hits, MAX_CHARACTER_PROBLEMS + 1))
    shown = found[:MAX_CHARACTER_PROBLEMS]
    problems = [_character_problem(path, text, at, yaml_end) for at in shown]
    if len(found) > MAX_CHARACTER_PROBLEMS:
        # Counted by deleting them, in C: a file of millions takes a second, not several.
        # NEL in the front matter and surrogates in the body are counted back.
        total = len(text) - len(_unfit().sub("", text)) - text.count("\x85", 0, yaml_end)
        total -= len(_SURROGATE.findall(text, yaml_end))
        msg = f"and {total - MAX_CHARACTER_PROBLEMS:,} more such characters, not listed"
        hint = "a file full of them is not text: check that it is the file you meant to save"
        at = found[MAX_CHARACTER_PROBLEMS]
        problems.append(error(text_span(path, text, at), "encoding", msg, hint))
    return problems


def _character_problem(path: str, text: str, at: int, yaml_end: int) -> Diagnostic:
    char = text[at]
    yaml_only = not _control(char) or "\x7f" <= char <= "\x9f"
    if at >= yaml_end or not yaml_only:
        hint = _misread(char) or _remove_hint(char)
        return error(text_span(path, text, at), "encoding", _control_message(char), hint)
    msg = f"control character U+{ord(char):04X} in the front matter"
    hint = _misread(char) or "remove it: it is invisible, and YAML cannot read it"
    return error(text_span(path, text, at), "encoding", msg, hint)


def _remove_hint(char: str) -> str:
    if "\x7f" <= char <= "\x9f":
        return "remove it: it is invisible, and no page (HTML) may hold it"
    if _noncharacter(char):
        return "remove it: it stands for no character, and no page (HTML) may hold it"
    return "remove it: it is invisible, and feeds (XML) cannot carry it"


def _misread(char: str) -> str:
    """For a C1 control that is a character of Windows-1252 read as Latin-1 (U+0093, “):
    what it stood for. Empty for any other."""
    if not 0x80 <= ord(char) <= 0x9F:
        return ""
    try:
        meant = bytes([ord(char)]).decode("cp1252")
    except UnicodeDecodeError:  # five of its bytes stand for nothing
        return ""
    return (
        f"it is most likely Windows-1252's {meant} read as Latin-1 by the program the text"
        f" was copied from: type {meant} in its place"
    )


def _control_message(char: str) -> str:
    kind = "noncharacter" if _noncharacter(char) else "control character"
    return f"{kind} U+{ord(char):04X} in the text"


def _noncharacter(char: str) -> bool:
    return "\ufdd0" <= char <= "\ufdef" or ord(char) & 0xFFFE == 0xFFFE


def _foreign_front_matter(text: str) -> tuple[str, str] | None:
    """What a file written for another generator starts with, and how its fields are
    written here ("no front matter" would leave an editor wondering where they went)."""
    end = text.find("\n")
    first = (text if end < 0 else text[:end]).strip()
    if first == "+++":
        found = "front matter in TOML (between '+++' lines, as Hugo reads it), not YAML"
        return found, 'title = "A" is written title: A'
    if first.startswith("{"):
        found = "front matter in JSON (as Hugo reads it), not YAML between '---' lines"
        return found, '"title": "A", is written title: A'
    return None


_TITLE_FIRST = lazy_compile(
    r"(?P<mark>#|%)[ \t]+(?P<title>[^\r\n]*?\S)(?:[ \t]+#+)?[ \t]*(?:\r?\n|$)"
)
"""A file's first line that is its title: a heading (``# Glorp planning``), as Notion,
Obsidian and other notes' apps start a page, or Pandoc's title block (``% Glorp``)."""
_NAMED_DAY = lazy_compile(r"\d{4}-\d{2}-\d{2}")


def _title_first(path: str, text: str) -> str | None:
    """The hint for a file that starts with its title (``_TITLE_FIRST``): the front matter
    to write, of that title and the date its file's name starts with."""
    found = _TITLE_FIRST.match(text)
    if found is None:
        return None
    title = found["title"] if _plain(found["title"]) else yaml_quoted(found["title"])
    day = _NAMED_DAY.match(path.rsplit("/", 1)[-1])
    dated = "" if _of_concept(path) else f" 'date: {day[0] if day else 'YYYY-MM-DD'}',"
    heading = found["mark"] == "#"
    where = "above the heading, and delete it" if heading else "in place of Pandoc's '%' lines"
    fields = f"'title: {title}',{dated}"
    return f"start the file with its fields in YAML: lines '---', {fields} '---' {where}"


def _of_concept(path: str) -> bool:
    """Whether the file at ``path`` is a concept's (in ``concepts/``), which has no date."""
    folders = ("/" + path).rsplit("/", 1)[0]
    return "/concepts" in folders and "/articles" not in folders


def _plain(value: str) -> bool:
    """Whether YAML reads ``value``, written unquoted after a key, as that text."""
    import yaml  # here: only a front matter with its opening line missing is asked about

    try:
        return bool(yaml.safe_load(f"title: {value}") == {"title": value})
    except yaml.YAMLError:
        return False


_FIRST_FIELDS = lazy_compile(r"([A-Za-z_][\w-]*):(?:[ \t][^\n]*)?\n[A-Za-z_][\w-]*:(?:[ \t]|\r?\n)")
"""A file whose first two lines are fields (``title: Growth``, ``date: ...``): the fields
are there, only the line of dashes above them is missing. (One line such as ``Note: ...``
may be the body's first words.)"""


_FIELDS_LINE = lazy_compile(r"[ \t]|#|- |-$|[A-Za-z_][\w-]*:(?:[ \t]|$)")
"""A line of YAML fields: a field, one's further lines (indented), a list's item, a comment."""


def _closed_below_fields(text: str) -> bool:
    """Whether the first line of ``text`` past its fields (blank lines among them) is a
    line of dashes that closes them: a ``---`` further down, under the body's words, is the
    body's rule, which a line added above the fields would make their end."""
    for line in text.splitlines():
        if _FENCE.fullmatch(line.rstrip("\r")):
            return True
        if line.strip() and not _FIELDS_LINE.match(line):
            return False
    return False


_LATE_FENCE = lazy_compile(r"(?P<before>[ \t\n\ufeff]+)---[ \t]*(?:\n|$)")


def _before_fence(text: str) -> str:
    """What stands above a front matter's ``---`` that does not start the file (blank lines,
    spaces, or an invisible second byte-order mark: files joined, or saved by two tools),
    and where, as a hint names it. Empty when there is no such ``---``."""
    found = _LATE_FENCE.match(text)
    if found is None:
        return ""
    before = found["before"]
    if "\ufeff" in before:
        return "the invisible U+FEFF (a second byte-order mark) before the"
    lines = before.count("\n")
    if lines:
        return "the blank line above the" if lines == 1 else f"the {lines} blank lines above the"
    return "the spaces before the"


def split_front_matter(path: str, text: str) -> tuple[str | None, str, int, list[Diagnostic]]:
    """``(front matter, body, body's first line, diagnostics)``."""
    if not text.startswith("---"):
        hint = "start the file with a line '---', the YAML fields, then another '---'"
        foreign = _foreign_front_matter(text)
        if foreign:
            hint = f"write the fields in YAML between lines '---' ({foreign[1]})"
        elif field := _FIRST_FIELDS.match(text):
            hint = f"add a line '---' above '{field[1]}:'" + (
                "" if _closed_below_fields(text) else ", and one after the last field"
            )
        elif before := _before_fence(text):
            hint = f"delete {before} '---': the file must start with it"
        elif titled := _title_first(path, text):
            hint = titled
        msg = foreign[0] if foreign else "no front matter"
        return _no_front_matter(path, text, "front-matter-missing", msg, hint)
    first_end = text.find("\n")
    if first_end == -1 and not text[3:].strip():
        return _unclosed(path)
    if first_end == -1 or text[3:first_end].strip():
        msg = "the first line must be exactly '---'"
        hint = "write three dashes alone on the first line, with the first field on the next"
        return _no_front_matter(path, text, "front-matter-missing", msg, hint)
    close = _fence_after(text, first_end)
    if close is None:
        return _unclosed(path)
    front = text[first_end + 1 : close.start()]
    early: list[Diagnostic] = []
    below = _fields_below(text, close)
    if below is not None:
        early.append(_closed_early(path, text, close, below))
        # The early fence read as a blank line, of its length (``parse_document`` tells the
        # front matter's characters by it): the fields below it are checked in the same run.
        front += " " * len(close[0]) + text[close.end() : below.start()]
        close = below
    body_start = close.end() + 1
    body_line = text.count("\n", 0, min(body_start, len(text))) + 1
    return front, text[body_start:], body_line, early


_FIELD_NAMES = frozenset(ARTICLE_FIELDS + QUOTE_FIELDS + CONCEPT_FIELDS)
_FIELD_START = re.compile(r"[ \t]*(?:-[ \t]+)?([a-z_]+):(?:[ \t]|$)")


def _fence_after(text: str, line_end: int) -> re.Match[str] | None:
    """The first ``_FENCE`` on a line after the one ending at ``line_end``."""
    newline = _NEWLINE_FENCE.search(text, line_end)
    return None if newline is None else _FENCE.match(text, newline.start() + 1)


def _fields_below(text: str, close: re.Match[str]) -> re.Match[str] | None:
    """The fence closing fields left below the fence ``close`` (a ``---`` typed twice, YAML's
    ``...`` among the fields), or None when the body follows it. Read as the body, the
    fields were its text without a word: quotes went unchecked, a page showed YAML. The
    first line that is not blank is read first: a body's words (most) are no field, and
    the body is not searched for a fence of its own (a rule), some 30,000 instructions an
    article."""
    first = _FIELD_START.match(_first_line_below(text, close.end() + 1))
    if first is None or first[1] not in _FIELD_NAMES:
        return None  # the body's words, over a rule (a field name is lower case)
    below = _fence_after(text, close.end())
    if below is None:
        return None
    lines = [line for line in text[close.end() + 1 : below.start()].split("\n") if line.strip()]
    return below if all(_FIELDS_LINE.match(line) for line in lines) else None


def _first_line_below(text: str, start: int) -> str:
    """The first line of ``text`` from ``start`` on that is not blank; empty if none is."""
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line.strip():
            return line
        start = end + 1
    return ""


def _closed_early(path: str, text: str, close: re.Match[str], below: re.Match[str]) -> Diagnostic:
    line = text.count("\n", 0, close.start()) + 1
    end_line = text.count("\n", 0, below.start()) + 1
    message = f"the '{close[0].strip()}' on this line ends the front matter above fields"
    hint = (
        f"delete it: the fields below it would be the body's text; they end at the"
        f" '{below[0].strip()}' on line {end_line}"
    )
    return error(Span(path, line, 1), "front-matter-closed-early", message, hint)


def _no_front_matter(
    path: str, body: str, code: str, message: str, hint: str
) -> tuple[None, str, int, list[Diagnostic]]:
    return None, body, 1, [error(Span(path, 1, 1), code, message, hint)]


def _unclosed(path: str) -> tuple[None, str, int, list[Diagnostic]]:
    hint = "add a line '---' after the last field"
    return _no_front_matter(path, "", "front-matter-unclosed", "front matter is not closed", hint)


def parse_yaml(
    path: str, source: str, first_line: int, what: str = "front matter", fit: bool = False
) -> tuple[YNode | None, list[Diagnostic]]:
    """Parse a YAML mapping, keeping positions; ``first_line`` is the file line of its line 1,
    ``what`` what it is, for messages ('front matter', 'site.yaml'); ``fit``: ``source`` is
    known to be ``_surely_fit`` (it is part of a file that is).

    The caller has refused the characters YAML cannot read (``character_problems``)."""
    # A code point is at most four bytes of UTF-8: most front matters are counted unencoded.
    if len(source) * 4 > MAX_FRONT_MATTER_BYTES and (
        len(source.encode("utf-8")) > MAX_FRONT_MATTER_BYTES
    ):
        msg = f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KiB"
        return None, [error(Span(path, first_line, 1), "yaml-limit", msg)]
    lines = Lines(source, path, first_line, what)
    return _read_plain(lines, fit) or _composed(lines)


def _read_plain(lines: Lines, fit: bool = False) -> tuple[YNode | None, list[Diagnostic]] | None:
    """``parse_yaml``'s result for a front matter in the plain YAML most are written in, read
    without libyaml (``yaml_fast``), or None for any other."""
    source = lines.source
    if len(source) > MAX_SOURCE or lines.starts is not None:
        return None
    if not (fit or _surely_fit(source)):
        return None
    converter = _Converter(lines)
    plain = cast(
        YNode | None, read_plain(source, lines.path, lines.first_line, YNode, converter.text)
    )
    if plain is None:
        return None
    return (None, converter.problems) if converter.problems else (plain, converter.reported)


def _composed(lines: Lines) -> tuple[YNode | None, list[Diagnostic]]:
    """``parse_yaml``'s result from libyaml's nodes."""
    import yaml  # here, not at the top: see ``TYPE_CHECKING`` above

    source, path, first_line = lines.source, lines.path, lines.first_line
    try:
        beyond = _beyond_limits(source) if len(source) > _DEEP_ENOUGH_TO_CRASH else None
        if beyond is not None:
            return None, [error(lines.at(beyond[0]), "yaml-limit", beyond[1])]
        node = _compose(source)
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_error(lines, exc)]
    except yaml.YAMLError as exc:
        message = f"YAML: {str(exc).splitlines()[0]}"  # the rest names "<unicode string>"
        hint = "check the front matter is plain text"
        return None, [error(Span(path, first_line, 1), "yaml-syntax", message, hint)]
    except RecursionError:  # the composer that records aliases recurses in Python
        beyond = _beyond_limits(source)
        span = lines.at(beyond[0]) if beyond else Span(path, first_line, 1)
        return None, [error(span, "yaml-limit", "YAML nested too deeply")]
    if node is None:
        return YNode({}, "map", Span(path, first_line, 1)), []
    converter = _Converter(lines)
    result = converter.convert(node, depth=0)
    if converter.problems:
        return None, converter.problems
    if result.tag != "map":
        return None, [_not_mapping(result, lines.what)]
    return result, converter.reported


def _not_mapping(result: YNode, what: str) -> Diagnostic:
    kind = "a list" if result.tag == "seq" else "a single value"
    msg = f"{what} must be a mapping of fields (key: value), not {kind}"
    hint = "write each field on a line of its own as 'name: value' (title: ...)"
    if result.tag == "seq":
        hint += ", without '- ' before it"
    return error(result.span, "yaml-not-mapping", msg, hint)


def _beyond_limits(source: str) -> tuple[Mark, str] | None:
    """Where nesting first passes ``MAX_YAML_DEPTH``, or the values ``MAX_YAML_NODES``, and
    which, found from the parser's events.

    libyaml's composer recurses once per level in C: a few ten thousand levels
    (``{a: {a: ...``, 250 KiB) crash the process; and it makes every node before the values
    are counted: a million of them (``[a,a,a...``, 2 MiB) took 8 s and 500 MB to refuse. The
    parser makes its events one at a time, without recursion, and is left at the limit.
    libyaml marks every event: the casts drop the stubs' ``None``.
    """
    import yaml

    from concordance.yaml_marks import Loader

    opens = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    closes = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    value_events = (*opens, yaml.ScalarEvent, yaml.AliasEvent)
    depth = values = 0
    for event in yaml.parse(source, Loader=Loader):
        depth += isinstance(event, opens) - isinstance(event, closes)
        values += isinstance(event, value_events)
        if depth > MAX_YAML_DEPTH:
            return cast(Mark, event.start_mark), f"YAML nested deeper than {MAX_YAML_DEPTH} levels"
        if values > _EVENTS_PER_VALUE * MAX_YAML_NODES:
            return cast(Mark, event.start_mark), _TOO_MANY_VALUES
    return None


def _compose(source: str) -> yaml.Node | None:
    """The YAML's node tree; libyaml's composer unless an alias (``*``) may be written."""
    from concordance.yaml_marks import AliasLoader, NodeLoader

    loader = NodeLoader(source) if "*" not in source else AliasLoader(source)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


_CUT_BY_COMMENT = lazy_compile(r"[ \t]#[^\s#]")
"""After a plain value: one space, then ``#`` and a word, as in ``#1`` or ``#hashtag``. A
comment an editor means is written apart (``value  # why``)."""


_TAGGED = lazy_compile(r"(?:&\S+\s+)?(!\S*)")
"""A value written with a tag, after its anchor if any (``!important``, ``&a !!Breaking``;
YAML reads ``!!Breaking`` as ``tag:yaml.org,2002:Breaking``): a value YAML reads as of
another type by itself has none (``=`` is ``tag:yaml.org,2002:value``)."""
_ANCHORED = lazy_compile(r"&(\S+)\s")
"""A value written after an anchor (``&Co news`` is ``news``, named ``Co``)."""
_TAGS = SHORT_TAGS


_MERGE = "tag:yaml.org,2002:merge"
"""The tag YAML gives ``<<`` written as a mapping's key, unquoted: a merge key."""


class _Converter:
    """Turns composed nodes into YNodes within a node budget (alias bombs stop here)."""

    def __init__(self, lines: Lines) -> None:
        self.lines = lines
        self.count = 0
        self.problems: list[Diagnostic] = []
        self.reported: list[Diagnostic] = []
        """Problems that do not stop the reading: duplicate keys, unclosed directions."""
        self.path = lines.path
        self.first_line = lines.first_line if lines.starts is None else None
        """The file's line of YAML's line 0 when a mark's line and column are the file's
        (``Lines.at``'s usual case), for each key and value placed here without that call
        (some 70 a front matter); None when they are counted again."""
        self.cuttable = any(mark in lines.source for mark in "#!&")
        """Whether a plain value may be cut short (``_cut_short``): a comment, a tag and an
        anchor are each written with their character. Most front matters have none, and
        looking for each after every value took a tenth of converting them."""

    def convert(
        self, node: yaml.Node, depth: int, key_span: Span | None = None, alias: Span | None = None
    ) -> YNode:
        """``alias``: where the alias stands that repeats ``node``, the place of all of it."""
        import yaml  # imported already (``_composed``): a look-up

        from concordance.yaml_marks import AliasNode

        self.count += 1
        if type(node) is AliasNode:  # kinds told by identity, not by calls of isinstance
            alias = alias or self.lines.at(node.mark)
            node = node.target
        mark = node.start_mark
        span = alias or (
            self.lines.at(mark)
            if self.first_line is None
            else new_tuple(Span, (self.path, self.first_line + mark.line, mark.column + 1))
        )
        if self.count > MAX_YAML_NODES or depth > MAX_YAML_DEPTH:
            if not self.problems:
                msg = "front matter too large or too deeply nested (anchors and aliases count)"
                self.problems.append(error(span, "yaml-limit", msg))
            return YNode("", "null", span, key_span)
        if type(node) is yaml.ScalarNode:  # most nodes
            return self._scalar(node, key_span, span, alias)
        if isinstance(node, yaml.MappingNode):
            return new_tuple(YNode, (self._mapping(node, depth, alias), "map", span, key_span, ()))
        if isinstance(node, yaml.SequenceNode):
            items = [self.convert(item, depth + 1, None, alias) for item in node.value]
            return new_tuple(YNode, (items, "seq", span, key_span, ()))
        assert isinstance(node, yaml.ScalarNode)  # YAML's third and last kind of node
        return self._scalar(node, key_span, span, alias)

    def _scalar(
        self, node: yaml.ScalarNode, key_span: Span | None, span: Span, alias: Span | None
    ) -> YNode:
        tag = _TAGS.get(node.tag, "str")
        value = str(node.value)
        start, end, style = node.start_mark.index, node.end_mark.index, node.style
        if alias is not None:
            return YNode(self._closed(value, style, start, end, span, alias), tag, span, key_span)
        self._controls(value, span)
        if not value and not style:
            span = self._empty_entry(node) or span
        if self.cuttable and not style:
            self._cut_short(node, value)
        inside = self._fields_inside(node) if style in QUOTES else ()
        closed = value if value.isascii() else self._closed(value, style, start, end, span, None)
        return new_tuple(YNode, (closed, tag, span, key_span, inside))

    def text(self, value: str, style: str, start: int, end: int, span: Span) -> str:
        """A value written at ``start:end`` of the source (not repeated by an alias) as
        ``_scalar`` gives it: for ``yaml_fast``, which reads most front matters without
        libyaml's nodes."""
        self._controls(value, span)
        return value if value.isascii() else self._closed(value, style, start, end, span, None)

    def _controls(self, value: str, span: Span) -> None:
        """Report a control character in a value (not repeated by an alias)."""
        # A printable value holds none (most values), nor lines of one: told in C, no regex.
        # ``_surely_fit`` is true of every printable value, and tells ASCII (the most) by a
        # table, where ``str.isprintable`` looked each character up in Unicode's tables.
        plain = _surely_fit(value)
        control = None if plain else _first_control(value)
        if control:  # written as a YAML escape such as "\0" or "\x1b"
            hint = _misread(control) or "delete its escape"
            self.problems.append(error(span, "encoding", _control_message(control), hint))

    def _cut_short(self, node: yaml.ScalarNode, value: str) -> None:
        """Warn of a plain value that YAML cut short where the editor meant none: at ``#``
        after one space with a word right after it (``text: zelt tea is #1 for us`` reads
        ``zelt tea is``: a comment starts there), or after a tag that starts it
        (``text: !important zelt tea`` reads ``zelt tea``). Either value is valid, and a
        quote so cut is still found in its body: nothing else would tell."""
        end = node.end_mark.index
        if _CUT_BY_COMMENT.match(self.lines.source, end):
            line_end = self.lines.source.find("\n", end)
            rest = self.lines.source[end + 1 : None if line_end < 0 else line_end].rstrip()
            msg = f"'{rest}' after this value is a YAML comment, not part of it"
            whole = f"{value} {rest}" if value else rest  # ``text: #1 plan`` is all comment
            hint = f"quote the whole value if the '#' is text: {yaml_quoted(whole)}"
            at = self.lines.at_offset(end + 1)
            self.reported.append(warning(at, "yaml-value-cut", msg, hint))
        elif node.tag not in _TAGS and (
            tagged := _TAGGED.match(self.lines.source, node.start_mark.index, end)
        ):
            written = self.lines.source[tagged.start(1) : end]
            msg = f"'{tagged[1]}' before this value is a YAML tag, not part of it"
            hint = f"quote the whole value if the '!' is text: {yaml_quoted(written)}"
            at = self.lines.at_offset(tagged.start(1))
            self.reported.append(warning(at, "yaml-value-cut", msg, hint))
        elif (
            anchored := _ANCHORED.match(self.lines.source, node.start_mark.index, end)
        ) and f"*{anchored[1]}" not in self.lines.source:
            written = self.lines.source[node.start_mark.index : end]
            msg = (
                f"'&{anchored[1]}' before this value is a YAML anchor (a name for the value,"
                " which no alias repeats), not part of it"
            )
            hint = f"quote the whole value if the '&' is text: {yaml_quoted(written)}"
            at = self.lines.at(node.start_mark)
            self.reported.append(warning(at, "yaml-value-cut", msg, hint))

    def _fields_inside(self, node: yaml.ScalarNode) -> tuple[str, ...]:
        """``YNode.fields_inside`` of a quoted value (the source read only for one that YAML
        sees run over lines: a few, of thousands of values)."""
        if node.end_mark.line == node.start_mark.line:
            return ()
        return fields_written_in(self._written(node))

    def _written(self, node: yaml.Node) -> str:
        """A node as the source writes it."""
        return self.lines.source[node.start_mark.index : node.end_mark.index]

    def _empty_entry(self, node: yaml.ScalarNode) -> Span | None:
        """An empty list entry (``-`` alone) at its dash: YAML places it just after."""
        at = node.start_mark.index - 1
        return self.lines.at_offset(at) if self.lines.source[at : at + 1] == "-" else None

    def _closed(
        self, value: str, style: str, start: int, end: int, span: Span, alias: Span | None
    ) -> str:
        """``value``, written at ``start:end`` of the source in ``style``, with the
        writing-direction embeddings, overrides and isolates it opens and never closes closed
        at its end: an open right-to-left override turns around whatever a page, a feed or a
        copied citation shows after the value."""
        left_open = left_open_directions(value)
        if not left_open:
            return value
        if alias is None:
            char = value[left_open[0]]
            msg = f"writing-direction control U+{ord(char):04X} is never closed"
            hint = "delete it, or close it: U+202C after an embedding or override, U+2069 after"
            hint += " an isolate (the build closes it at the value's end)"
            at = self._written_at(value, style, start, end, left_open[0]) or span
            self.reported.append(warning(at, "direction-unclosed", msg, hint))
        return value + "".join(DIRECTION_CLOSERS[value[at]] for at in reversed(left_open))

    def _written_at(self, value: str, style: str, start: int, end: int, index: int) -> Span | None:
        """Where the character at ``index`` of ``value`` is written, when that can be told:
        folding and escapes move characters, but the n-th time a character is in the value
        is the n-th time it is written (as itself, or escaped as ``\\u202e`` in double
        quotes) when the source writes it as often as the value holds it."""
        char = value[index]
        pattern = re.escape(char)
        if style == '"':
            pattern += rf"|\\u{ord(char):04x}|\\U{ord(char):08x}"
        source = self.lines.source[start:end]
        written = [m.start() for m in re.finditer(pattern, source, re.IGNORECASE)]
        if len(written) != value.count(char):
            return None
        return self.lines.at_offset(start + written[value.count(char, 0, index)])

    def _mapping(self, node: yaml.MappingNode, depth: int, alias: Span | None) -> dict[str, YNode]:
        import yaml  # imported already (``_composed``): a look-up

        from concordance.yaml_marks import AliasNode

        fields: dict[str, YNode] = {}
        merges: dict[str, YNode] = {}  # at most one: a second ``<<`` is a duplicate key
        for key_node, value_node in node.value:
            if type(key_node) is AliasNode:
                key_span = alias or self.lines.at(key_node.mark)
                key_node = key_node.target
            else:
                mark = key_node.start_mark
                key_span = alias or (
                    self.lines.at(mark)
                    if self.first_line is None
                    else new_tuple(Span, (self.path, self.first_line + mark.line, mark.column + 1))
                )
            scalar = type(key_node) is yaml.ScalarNode or isinstance(key_node, yaml.ScalarNode)
            key = str(key_node.value) if scalar else "?"  # most keys told without a call
            kept = merges if key_node.tag == _MERGE else fields
            if key in kept:
                if alias is None:  # a repeat of a mapping: its original has the same problem
                    first = kept[key].key_span or kept[key].span
                    msg = f"duplicate key '{key}' (first on line {first.line})"
                    self.reported.append(
                        error(key_span, "yaml-duplicate-key", msg, "remove one of the two")
                    )
                continue
            kept[key] = self.convert(value_node, depth + 1, key_span, alias)
        if not merges:
            return fields
        return {**self._merged(next(iter(merges.values()))), **fields}

    def _merged(self, merge: YNode) -> dict[str, YNode]:
        """The fields a merge key (``<<: *defaults``) gives the mapping it is in, as YAML 1.1
        and PyYAML read it: of the mapping it names, or of each of a list of them, the first
        one's winning; the mapping's own keys win over all (the caller puts them last).
        Read as a field named ``<<``, the fields merged were left out without a word but an
        'unknown field' warning: a quote lost its concepts."""
        if merge.tag == "map" and isinstance(merge.value, dict):
            return merge.value
        items = merge.value if merge.tag == "seq" and isinstance(merge.value, list) else None
        if items and all(item.tag == "map" and isinstance(item.value, dict) for item in items):
            fields: dict[str, YNode] = {}
            for item in reversed(items):
                fields.update(cast(dict[str, YNode], item.value))
            return fields
        kind = "a list of other values" if merge.tag == "seq" else "a single value"
        msg = f"'<<' merges a mapping, or a list of mappings, into this one: not {kind}"
        hint = "name an anchored mapping (<<: *defaults), or write the fields themselves"
        self.problems.append(error(merge.span, "yaml-merge", msg, hint))
        return {}
