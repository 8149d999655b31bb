"""A quote copied from a body's Markdown source rather than from its page: the markup the
copy carried along, taken away, so that it reads as the page does.

Its inline markup (``**glorp**``, ``[the plan][1]``) is read as Markdown (``markdown``);
what no Markdown reading takes away is here:

- the markers of the blocks its lines start (``> ``, ``- ``, ``1. ``, ``## ``, a definition's
  ``: ``, a note's ``[^1]: ``, an Obsidian callout's ``[!faq]- ``; a task's ``[x] `` is its
  box, ``☑``, as the page shows it), and a heading's attributes (``{#methods}``);
- the lines that open and close other tools' callouts but for the title the author wrote,
  which the page shows as text (``::: tip Read this``, ``!!! note "Read this"``: ``Read
  this``; ``callouts.written_title``);
- a note's number, as the page shows it (``[1]``);
- the markup a copy cut in two, which Markdown reads as text or pairs wrongly: the ``[`` of
  a link whose ``](address)`` was left behind or the ``](address)`` whose ``[`` was, a
  backtick or ``**`` whose partner was, a raw tag whose closing tag was, what is left of a
  tag the copy cut in two (``name="top">``, ``<br``), a table's ``|``; and, last, backticks
  alone, for code cut in two whose brackets are its text;
- the quotation marks an editor put around it (``"We will not stop."``, ``«…»``, ``「…」``)
  and the ellipses that mark where it was cut from its sentence (``…the plan``), which the
  body does not have, and then the full stop, comma, semicolon or colon it ends with: tried
  last, on each reading before.

Only a quote not found as written, nor as its Markdown reads, is read so: what is left of it
must still be found word for word.

A quote whose YAML folded the lines it was copied from into one (``>-``, a plain scalar, or
the lines typed on one) holds the markers mid-line ("- first item - second item"); there,
one could be the text's own ("5 - 3", "a > b"), as a backslash that ended a line, a line
break, could be ("C:\\ Program Files"). Such a quote is looked for in the body's source,
white space aside (``Source``), and the passage found there, with the source's own line
breaks, is read as above: a marker is taken away only where the source starts a line with
it, a backslash only where the source ends one with it.
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from concordance import body_text, callouts, tasks, words
from concordance.lazy_patterns import lazy_compile
from concordance.textnorm import raised

_BLOCK_MARKERS = lazy_compile(
    r"^[ \t]*(?:(?:>|[-*+:~](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|\[\^[^\]\s]++\]:"
    r"|\[![\w-]++(?:\|[^\]\n]*+)?\][+-]?)[ \t]*)*"
    r"(\[[ xX]\](?:[ \t]+|$))?(?:#{1,6}(?:[ \t]+|$))?",
    re.MULTILINE,
)
"""What starts a line of a block quote, list item, definition (``: ``), note (``[^1]: ``),
callout (``[!faq]-``, ``obsidian_callouts``; an alert's ``[!NOTE]``), task or heading (its
``##`` alone, too, at the end of a copy that stopped at the next heading), nested in any
order; a task's box (group 1) is shown as a character (``tasks``), which stays, the next
item's too, at the end of a copy that stopped after it (``- [x]``)."""
_TABLE_RULE = lazy_compile(
    r"^[ \t]*+(?:\+(?:[-=:]++\+)++|-++(?:[ \t]++-++)++)[ \t]*+$", re.MULTILINE
)
"""A line that draws a table, which the page does not show: a grid table's border
(``+----+----+``, ``+====+``) or the dashes under a Pandoc simple table's heads
(``------ -----``)."""
_SETEXT_UNDERLINE = lazy_compile(r"(?<=\S)([ \t]*+\n)[ \t]{0,3}+(?:=++|-++)[ \t]*+$", re.MULTILINE)
"""The line of ``=`` or ``-`` under a heading's text (a setext heading, as Pandoc writes the
first two levels), which the page does not show: its text, on the line above, stays."""
_BREAK_LINE = lazy_compile(
    r"^[ \t]{0,3}+(?:(?:-[ \t]*+){3,}+|(?:_[ \t]*+){3,}+|(?:\*[ \t]*+){3,}+|=++[ \t]*+)$",
    re.MULTILINE,
)
"""A line of three ``-``, ``_`` or ``*`` or more alone, which the page does not show: a
thematic break between two paragraphs (``---``, drawn as a rule), or, at the copy's start, the
underline of a heading whose text the copy left behind (``---``, ``===``; read after
``_SETEXT_UNDERLINE``, which keeps the text of one the copy holds)."""
_CALLOUT_LINE = lazy_compile(r"^[ \t]*+(?::::|!!!|\?\?\?|///|===)[^\n]*+", re.MULTILINE)
"""A line, its blocks' markers taken away, that may open or close another tool's callout
(``callouts``): fenced with colons or slashes, MkDocs' admonition, or a content tab."""
_HEADING_END = lazy_compile(
    r"(?<![ \t])(?:[ \t]++\{:?[ \t]*+[#.][^{}\n]*\}|[ \t]++#+)[ \t]*$", re.MULTILINE
)
"""A heading's attributes (``{#methods .wide}``) or closing ``#``s, at the end of a line. A run
of spaces is read from its first: a quote of thousands was read to its end from each."""
_STRAY = lazy_compile(
    r"(?:\{[A-Za-z][\w+:.-]{0,35}\})?`+|(?<!\w)[*_~]+|[*_~]+(?!\w)|(?<=\w)\*+(?=\w)|(?<![\w=])==(?=[^\s=])|(?<=[^\s=])==(?![\w=])"
)
"""Backticks (with the name of the MyST role they would open, ``{ref}```, ``myst``), runs
of ``*``, ``_`` or ``~`` at either edge of a word (``snake_case`` keeps its
own), a run of ``*`` inside one, where emphasis opens and closes as CommonMark reads it (in
Chinese and Japanese, written without spaces, that is where it always does: ``推动*高质量``),
and a highlight's ``==`` at a word's edge (``a == b``, ``x==y`` and ``===`` keep theirs)."""
_NOTE_NUMBER = lazy_compile(r"\[[0-9]{1,4}\]")
"""A note's number as the page shows it (``[1]``), copied with the words around it."""
_NOTE_REFERENCE = lazy_compile(r"\[\^[^\[\]\s]++\]")
"""A note's reference as the source writes it (``[^1]``), which the page shows as its
number: read as text here, where no Markdown reads the copy."""
_PIPES = lazy_compile(r"\|+")
"""Between a table's cells, which read as words apart."""
_DELIMITER_ROW = lazy_compile(
    r"(?:^[ \t]*+\|?|(?<=\|[ \t])\|)(?:[ \t]*+:?-++:?[ \t]*+(?:\||$))++(?=[ \t]*+(?:\||$))",
    re.MULTILINE,
)
"""A table's row of delimiters under its head (``| :--- | ---: |``), which the page does not
show: a row whole, on a line of its own, cut at either end, or between two rows where the
YAML made the copy's lines one (``| a | b | |---|---| | c | d |``); not cells of a dash
alone in a row of text (``| c | - |``). Its runs of spaces are read possessively: else a line
of 100,000 spaces was split between them every way, for a minute and a half."""
_CELL_EDGES = lazy_compile(r"(?<!\\)\|+")
"""The same in the source, where one after a backslash (``\\|``) is a cell's text."""
_LINE_BREAK = lazy_compile(r"(?<!\\)((?:\\\\)*)\\$", re.MULTILINE)
"""A backslash that ends a line: a line break (CommonMark's, only there). Two backslashes are
one's text (``\\\\``), and so is one before a word on its line (``C:\\ Program Files``,
``a \\ b``)."""
_MID_BREAK = lazy_compile(r"(?<!\\)((?:\\\\)*)\\(?=[ \t]|$)", re.MULTILINE)
"""A backslash before a space, too, which may be a line break whose line's end the YAML made
a space (``not\\ the``), or the text's own (``a \\ b``): the source tells which."""
_LINK_TAIL = lazy_compile(
    r"\]\(\s*<?[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
    r"|\]\[[^\[\]]*\]|\]\{[^{}\n]*\}"
    r"|\]\(\s*+<?[^\s()<>]*+(?:\([^\s()]*+\)[^\s()<>]*+)*+(?:>?\s++(?:\"[^\"]*+|'[^']*+))?$"
)
"""The ``](address "title")`` or ``][label]`` after a link's text, or the ``]{.smallcaps}``
after a bracketed span's (``attributes``); at the copy's end, what it holds of one it cut in
its address or title (``](https://e.org/a``)."""
_CUT_LINK = lazy_compile(
    r"(?<!\])\[([^\[\]\n]*+)\](?:\(\s*+<?[^\s()<>]*+(?:\([^\s()]*+\)[^\s()<>]*+)*+(?:\([^\s()]*+)?"
    r"(?:>?\s++(?:\"[^\"]*+|'[^']*+))?)?$"
)
"""A link the copy cut after its text (``the [annex]``), in its address (``the
[annex](https://e.org/a.pdf``, its ``)`` left behind) or in its title (``the
[annex](https://e.org/a.pdf "The annex``): its text, at the quote's end. Not the
label of a link by reference whose text the copy cut (``annex][1]``), which goes with its
``]`` (``_LINK_TAIL``)."""
_AUTOLINK = lazy_compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
"""An address written between ``<`` and ``>`` (``<https://e.org/a>``, ``<zelt@e.org>``), a link
whose text the page shows without them."""
_TAG = lazy_compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_VOID = frozenset(("br", "img", "hr", "wbr"))
"""Tags that close nothing and that nothing closes: no partner to leave behind."""
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s<>"']*)"""
_CUT_TAGS = lazy_compile(
    rf"^\s*[\w:-]+={_VALUE}(?:\s+[\w:-]+(?:={_VALUE})?)*\s*/?>|<[A-Za-z/][^<>]*$"
)
"""What a copy left of a tag it cut in two: the attributes and ``>`` that end one at the
quote's start (``name="top">``), the ``<`` and name that start one at its end (``<br``)."""


_MID_MARKER = lazy_compile(r"(?:^|\s)(?:>|[-*+:~]|\d{1,9}[.)]|#{1,6}|=+|-+|\+[-=:+]+)(?:\s|$)")
"""A block's marker, or a heading's underline, between two words, at the end (the next
item's, copied with the line before it) or at the start (the underline of a heading whose
text the copy left behind, ``----- The plan``): where a line of the source may have started."""


_MARKED = {
    "blockquote_open": False,
    "list_item_open": True,
    "heading_open": True,
    "dd_open": False,
    "hr": True,
}
"""The blocks whose lines start with a marker: a block quote's every line (its ``>``), a list
item's and a heading's first (True: the first only), and a definition's (its ``:``, on a line
that markdown-it's map of it may start before: the term's); and a thematic break, whose line
of ``- - -`` or ``* * *`` looks like markers (``_BREAK_LINE``)."""
_UNREAD = ("fence", "code_block", "html_block")
"""Blocks whose lines the page does not read as text (code, HTML, comments)."""


def _line_start(copied: str) -> str:
    """A pattern of ``copied`` at the start of a line of the quote, its white space any: a
    block's start, where a browser copies a line break before it."""
    parts = re.split(r"(?<=\d)\s+", copied, maxsplit=1)
    return r"(?<![^\n])[ \t]*" + r"\s+".join(re.escape(part) for part in parts)


@dataclass(slots=True)
class Source:
    """A body's Markdown source, in which a quote is looked for white space aside: made
    once for all the quotes of the body, when one first needs it. ``tokens``: the body's
    parse (markdown-it's block tokens), which tells the lines that start with a block's
    marker from lines that only look so (in code, in a comment)."""

    body: str
    tokens: list[Any] = field(default_factory=list)
    spaced: str = ""
    """The body's words, one space between each two."""
    spaced_starts: list[int] = field(default_factory=list)
    """Where each word starts in ``spaced``..."""
    body_starts: list[int] = field(default_factory=list)
    """... and in ``body``."""
    line_starts: list[int] = field(default_factory=list)
    """Where each line of ``body`` starts."""
    marked: set[int] = field(default_factory=set)
    """The lines (0-based) that start with a block's marker."""
    unread: set[int] = field(default_factory=set)
    """The lines of code, HTML blocks and comments."""
    copies: dict[str, str] | None = None
    """What a browser copies of the body's text that a reader does not read so, each with
    what the reader reads, longest first (``markdown.page_copies``: a ruby's reading after
    its text, ``漢字かんじ`` for ``漢字``; a note's mark after its word, ``plan1`` for
    ``plan``); made once a quote needs it."""

    def as_read(self, quote: str) -> str:
        """``quote``, copied from the page, with each of ``copies`` as a reader reads it; one
        written after a space (a note's mark that starts its block, ``1 Capacity``) only at
        the start of a line of the quote: ``Table 1 Capacity`` is no copy of it."""
        for copied, read in (self.copies or {}).items():
            if copied[:1] == " ":
                quote = re.sub(_line_start(copied[1:]), read[1:], quote)
            elif copied in quote:
                quote = quote.replace(copied, read)
        return quote

    def passage(self, quote: str) -> str | None:
        """The passage of the source that ``quote`` is, its line breaks as the source has
        them, for a quote with a block's marker or a backslash between two words; None where
        the source has none on a line that Markdown starts with one (``_real``)."""
        if not _MID_MARKER.search(quote) and not _MID_BREAK.search(quote):
            return None
        if not self.spaced_starts:
            self._space()
        needle = " ".join(quote.split())
        at = self.spaced.find(needle)
        while at >= 0:
            start, end = self._origin(at), self._origin(at + len(needle) - 1) + 1
            if _whole_words(self.body, start, end) and self._real(start, end):
                return self.body[start:end]
            at = self.spaced.find(needle, at + 1)
        return None

    def _real(self, start: int, end: int) -> bool:
        """Whether ``body[start:end]`` spans lines, none of code or a comment, and each that
        starts with what looks like a block's marker starts with one."""
        first = bisect.bisect_right(self.line_starts, start) - 1
        last = bisect.bisect_right(self.line_starts, end - 1) - 1
        if first == last:
            return False
        for line in range(first, last + 1):
            if line in self.unread:
                return False
            marker = _BLOCK_MARKERS.match(self.body, self.line_starts[line], end)
            looks_marked = marker is not None and bool(marker[0].strip())
            if line > first and looks_marked and line not in self.marked:
                return False
        return True

    def _space(self) -> None:
        words = list(re.finditer(r"\S+", self.body))
        self.body_starts = [word.start() for word in words]
        at = 0
        for word in words:
            self.spaced_starts.append(at)
            at += len(word[0]) + 1
        self.spaced = " ".join(word[0] for word in words)
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", self.body))]
        for token in self.tokens:
            if token.map is None:
                continue
            begin, stop = token.map
            if token.type in _UNREAD:
                self.unread.update(range(begin, stop))
            elif token.type in _MARKED:
                self.marked.update([begin] if _MARKED[token.type] else range(begin, stop))

    def _origin(self, at: int) -> int:
        """The offset in ``body`` of the character at ``at`` in ``spaced`` (not a space)."""
        word = bisect.bisect_right(self.spaced_starts, at) - 1
        return self.body_starts[word] + at - self.spaced_starts[word]


def _whole_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts and ends between words, as a quote does
    (``words.joined``): in Chinese, Japanese, Korean and Thai, at any letter."""
    return not words.joined(text, start, True) and not words.joined(text, end)


def without_block_markers(text: str, lines: bool = True) -> str:
    r"""``text`` without the markers its lines start with, the ends of headings, and the
    backslashes that end a line as a line break (``not\`` above ``exposed``). A copy whose
    YAML made its lines one holds such a backslash before a space, as a Windows path holds its
    own (``C:\ Program Files``): the passage of the source it is (``Source``) tells which,
    and, where there is none, ``lines`` False takes each for a line break."""
    unmarked = _HEADING_END.sub("", _CALLOUT_LINE.sub(_title, _BLOCK_MARKERS.sub(_box, text)))
    unmarked = _SETEXT_UNDERLINE.sub(r"\1", unmarked)
    unmarked = _BREAK_LINE.sub("", _TABLE_RULE.sub("", unmarked))
    return (_LINE_BREAK if lines else _MID_BREAK).sub(r"\1", unmarked)


def _box(markers: re.Match[str]) -> str:
    """What is left of the markers a line starts with: a task's box, as the page shows it."""
    box = markers[1]
    return tasks.BOXES.get(box[:3] + " ", "") if box else ""


def _title(line: re.Match[str]) -> str:
    """A line that opens or closes a callout as the page shows it: the author's title."""
    title = callouts.written_title(line[0])
    return line[0] if title is None else title


def without_stray_markup(text: str, numbers: bool = False, cells: bool = True) -> str:
    """``text`` (as its Markdown reads) without the markup a copy cut from its pair, and
    without the notes' numbers the page shows (``[1]``), or, with ``numbers``, with them: a
    body pasted from a wiki holds its own as text (``seal.[5] According``). Its ``|`` are a
    table's, between cells; without ``cells``, the text's own, which the page shows
    (``[English](en.md) | [日本語](ja.md)``, as READMEs link their translations)."""
    numbered = text if numbers else without_note_numbers(text)
    unpaired = _unpaired_brackets(_STRAY.sub(_kept_of_stray, numbered))
    return _PIPES.sub(" ", unpaired) if cells else unpaired


def without_stray_markup_beside_code(text: str) -> str:
    """``text``, as written, without the markup a copy cut from its pair outside its code
    spans, which keep their own ``_``, ``*`` and ``~`` (`` `__init__.py` ``, `` `*args` ``):
    for Markdown to read the rest, where ``without_stray_markup`` takes those away too. A
    link's too, as READMEs write code in links (``Call [`__init__`](x)``): its ``](address)``
    and a ``[`` whose partner the copy left behind, the code's own brackets kept."""
    parts, at = [], 0
    for start, end in _code_spans(text):
        parts += [_uncut_beside_code(text[at:start]), text[start:end]]
        at = end
    uncut = "".join([*parts, _uncut_beside_code(text[at:])])
    code = [range(start, end) for start, end in _code_spans(uncut)]
    return _unpaired_brackets(uncut, code)


def _uncut_beside_code(text: str) -> str:
    """``text``, outside code, without the markup a copy cut from its pair and its links'
    ``](address)``."""
    return _STRAY.sub(_kept_of_stray, _LINK_TAIL.sub("", text))


def code_cut_at_ends(text: str) -> list[tuple[str, str, str]]:
    """The readings of a copy that cut a code span in two at its start, its end or both,
    each as (the code's text the copy starts with, the rest, to read as Markdown, the
    code's text it ends with). The code's backticks are the copy's longest run, which the
    code holds none of: a span padded with spaces may hold shorter ones, as docs show a
    backtick in code (three, a space, `` `glorp` ``, a space, three), and Markdown read those
    of a copy cut inside it as code of their own, the page showing them."""
    runs = [(run.start(), run.end()) for run in re.finditer("`+", text)]
    if not runs:
        return []
    longest = max(end - start for start, end in runs)
    delimiters = [run for run in runs if run[1] - run[0] == longest]
    (start, end), (opened, closed) = delimiters[0], delimiters[-1]
    readings = [(text[:start], text[end:], ""), ("", text[:opened], text[closed:])]
    if start != opened:
        readings.append((text[:start], text[end:opened], text[closed:]))
    return readings


def _code_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each code span of ``text``: a run of backticks to the next run as
    long. The next of each length is looked up, not searched for: a copy of runs of a
    thousand lengths, none closed, was read to its end from each."""
    runs = [(run.start(), run.end()) for run in re.finditer("`+", text)]
    starts: dict[int, list[int]] = {}
    for start, end in runs:
        starts.setdefault(end - start, []).append(start)
    after = 0
    for start, end in runs:
        if start < after:
            continue
        same = starts[end - start]
        closing = bisect.bisect_right(same, start)
        if closing < len(same):
            after = same[closing] + end - start
            yield start, after


def _kept_of_stray(stray: re.Match[str]) -> str:
    """What the text keeps of a run of ``_STRAY`` markup: a lone ``~`` beside its word, the
    text's own (``**~3× lower``, bold cut from its pair around ``~3× lower``), since
    strikethrough takes two."""
    run, text = stray[0], stray.string
    if "~" not in run or run.startswith("`"):
        return ""
    if run.endswith("~") and not run.endswith("~~") and text[stray.end() :][:1].isalnum():
        return "~"
    before = text[stray.start() - 1 : stray.start()] if stray.start() else ""
    if run.startswith("~") and not run.startswith("~~") and before.isalnum():
        return "~"
    return ""


def without_note_numbers(text: str) -> str:
    """``text`` (as its Markdown reads) without the notes' numbers a copy from the page holds
    (``[1]``), and with its own ``*``, ``_`` and ``~`` (``*nix``, ``5*``, ``~ 3``), which the
    page shows and ``without_stray_markup`` would take away too."""
    return _NOTE_NUMBER.sub("", text)


def between_cells(text: str) -> str:
    r"""``text``, as written, with a space for each run of a table's ``|``, and each escaped
    one, a cell's text, unescaped as a table does before its Markdown reads it (``a \| b``,
    and ``a \\| b`` too, read ``a | b``): a row copied with its code (``| `==3.1.*`: any |``)
    reads so, while ``without_stray_markup`` would take its code's ``*`` and ``==`` away."""
    return _CELL_EDGES.sub(" ", text).replace("\\|", "|")


def without_delimiter_rows(text: str) -> str:
    """``text``, a copy of a table's rows, without the row of delimiters under its head,
    each a cell's edge. A separate reading: a cell of a dash alone (``| - |``, a value left
    out) reads as one."""
    return _DELIMITER_ROW.sub("|", text)


def without_markup(text: str, cells: bool = True) -> str:
    """``text``, as written, without its links' addresses, raw tags and the markup a copy
    cut from its pair: for a quote whose cut markup Markdown pairs wrongly (``tool` or
    `pipx``, the closing backtick of one code span and the opening of another), or reads as
    text (a link cut after its text or in its address, ``the [annex](https://e.org/a``).
    ``cells``: its ``|`` are a table's (``without_stray_markup``)."""
    held = _ESCAPED.sub(_held, text)
    uncut = _CUT_LINK.sub(r"\1", _CUT_TAGS.sub("", _NOTE_REFERENCE.sub("", held)))
    scripts = _SCRIPT_TAG.sub(_script_read, _AUTOLINK.sub(r"\1", _LINK_TAIL.sub("", uncut)))
    untagged = _TAG.sub(_tag_read, scripts)
    unmarked = without_stray_markup(_entities_read(untagged), cells=cells)
    return _HELD_BACK.sub(_released, unmarked)


_SCRIPT_TAG = lazy_compile(r"<(su[bp])>([^<>]*+)</\1>")


def _script_read(tag: re.Match[str]) -> str:
    """A ``<sup>`` or ``<sub>`` of digits and signs as the characters the page shows for it
    (``m²``, ``CO₂``, a note's ``¹``), which a quote is compared with: without its tags, its
    digits were read as part of the word (``m2``); one of letters is its text (``19th``)."""
    table = body_text.SUPERSCRIPT if tag[1] == "sup" else body_text.SUBSCRIPT
    shown = tag[2].strip().translate(table)
    return shown if shown and all(map(raised, shown)) else tag[2]


def _tag_read(tag: re.Match[str]) -> str:
    """A raw tag as the page reads it: ``<br>`` a line break, which parts two words; any
    other, nothing."""
    return " " if tag[1].lower() == "br" else ""


_ESCAPED = lazy_compile(r"\\([!-/:-@\[-`{-~])")
"""A character of punctuation the copy escapes (``\\*``, ``\\_``, ``\\[``): the text's own,
which the page shows, not markup to take away with the markup the copy cut."""
_HELD = 0xF0000
"""Where an escaped character is held, in the private use plane, while markup is taken away."""
_HELD_BACK = lazy_compile("[\U000f0021-\U000f007e]")


def _held(escaped: re.Match[str]) -> str:
    return chr(_HELD + ord(escaped[1]))


def _released(held: re.Match[str]) -> str:
    return chr(ord(held[0]) - _HELD)


def _entities_read(text: str) -> str:
    """``text`` with its entities (``&trade;``, ``&amp;``) read as the characters the page
    shows, as Markdown reads them, but in code spans, which show them as written. Read after
    the tags are taken away: ``&lt;b&gt;`` is text, ``<b>``, not a tag."""
    parts, at = [], 0
    for start, end in _code_spans(text):
        parts += [html.unescape(text[at:start]), text[start:end]]
        at = end
    return "".join([*parts, html.unescape(text[at:])])


def without_unpaired_tags(text: str) -> str:
    """``text`` without what is left of a tag the copy cut in two and the raw tags whose
    partner it left behind (``blue</font> word``), its paired ones kept for Markdown to read:
    ``E=mc<sup>2</sup>`` reads ``E=mc²``, as the page shows it, where ``without_markup``,
    taking every tag away, reads ``E=mc2``."""
    uncut = _CUT_TAGS.sub("", text)
    opened: list[re.Match[str]] = []
    open_names: Counter[str] = Counter()
    unpaired: list[re.Match[str]] = []
    for tag in _TAG.finditer(uncut):
        name = tag[1].lower()
        if not tag[0].startswith("</"):
            if name not in _VOID and not tag[0].endswith("/>"):
                opened.append(tag)
                open_names[name] += 1
        elif not open_names[name]:
            unpaired.append(tag)
        else:
            while (inner := opened.pop())[1].lower() != name:
                unpaired.append(inner)  # opened inside it, closed by none
                open_names[inner[1].lower()] -= 1
            open_names[name] -= 1
    unpaired += opened
    pieces: list[str] = []
    at = 0
    for tag in sorted(unpaired, key=lambda tag: tag.start()):
        pieces.append(uncut[at : tag.start()])
        at = tag.end()
    return "".join(pieces) + uncut[at:]


def without_backticks(text: str) -> str:
    """``text`` without its backticks alone: code cut in two holds brackets and stars that
    are its text (``Default: `['GET',``), which ``without_markup`` would take away."""
    return text.replace("`", "")


_ENCLOSING = {'"': '"', "'": "'", "「": "」", "『": "』"}
"""Quotation marks as ``textnorm.fold`` leaves them (“”, „“, «» and » « fold to ``"``; ‘’,
‹› and › ‹ to ``'``), each with the mark that closes it."""
_ELLIPSES = ("[...]", "(...)", "...", "[. . .]", "(. . .)", ". . .")
"""An ellipsis as folded (``…`` is ``...``), or spaced as legal and Chicago style write it:
at a quote's end, the sentence goes on."""
_STOPS = ".,;:\u3002\u3001\u0964\u0965\u0589\u1362\u1363\u1364\u1365\u060c\u061b"
"""Punctuation a quote may end with where its sentence in the body goes on: the full stop,
comma, semicolon and colon, and those of other scripts that folding leaves as they are
(Chinese and Japanese 。、, the Devanagari dandas । ॥, Armenian ։, Ethiopic ። ፣ ፤ ፥,
Arabic ، ؛; the full-width ones fold to the ASCII ones)."""
_TRIMS = 3
"""Rounds of trimming at most: ``"...the plan"`` takes two; a quote of a thousand ``"``
must not take five hundred."""


def trimmings(folded: str) -> list[str]:
    """A folded quote ``peeled``, one layer after another, then each of those (and the quote)
    trimmed of the full stop, comma, semicolon or colon it ends with too: the sentence in the
    body may go on where the quote ends it ("the plan holds." of "the plan holds, Speaker 9
    said"). A question or exclamation mark stays: it is part of what was said."""
    layers = peeled(folded)
    found = list(layers)
    for bare in (folded, *layers):
        if len(bare) >= 2 and bare[-1] in _STOPS:
            stopped = bare[:-1].rstrip()
            found += (stopped, *peeled(stopped))
    return found


def trimmed(folded: str) -> str:
    """A folded quote without the quotation marks around it and the ellipses at its ends,
    which mark where a quote was cut from its sentence, not words of the body."""
    layers = peeled(folded)
    return layers[-1] if layers else folded


def peeled(folded: str) -> list[str]:
    """A folded quote without the ellipses at its ends, then without the quotation marks
    around that, and so on: each layer in turn, so that a quote is found with the marks and
    ellipses of the body's own that it holds ("'error'" of ``“'error'”``, "...args" of
    ``[...] ...args``), which taking away every layer at once left out of its highlight."""
    layers: list[str] = []
    for _ in range(_TRIMS):
        start = folded
        for peel in (_without_ellipses, _unquoted):
            bare = peel(folded)
            if bare != folded:
                layers.append(bare)
                folded = bare
        if folded == start:
            break
    return layers


def _unquoted(folded: str) -> str:
    closer = _ENCLOSING.get(folded[:1])
    if closer is None or len(folded) < 3 or not folded.endswith(closer):
        return folded
    return folded[1:-1].strip()


def _without_ellipses(folded: str) -> str:
    head = next((mark for mark in _ELLIPSES if folded.startswith(mark)), "")
    tail = next((mark for mark in _ELLIPSES if folded.endswith(mark)), "")
    if len(head) + len(tail) >= len(folded):
        return folded
    return folded[len(head) : len(folded) - len(tail)].strip()


def _unpaired_brackets(text: str, code: Sequence[range] = ()) -> str:
    """``text`` without the brackets that close none or that none closes: ``[its own`` of a
    link cut in two loses its ``[``, ``![a chart`` of an image its ``![``, ``data[key]``
    keeps both. Those in ``code``, the code spans of Markdown yet to be read, are its text."""
    opened: list[int] = []
    unpaired: list[int] = []
    of_code = {at for span in code for at in span}
    for at, char in enumerate(text):
        if at in of_code:
            continue
        if char == "[":
            opened.append(at)
        elif char == "]" and opened:
            opened.pop()
        elif char == "]":
            unpaired.append(at)
    if not opened and not unpaired:
        return text
    # An image's "!" goes with its "[" (``![a chart``, its ``](address)`` left behind).
    drop = set(opened + unpaired) | {at - 1 for at in opened if text[at - 1 : at] == "!"}
    return "".join(char for at, char in enumerate(text) if at not in drop)
