"""A parsed body's text as a quote is compared with it: each inline block's text folded
(``textnorm.Folder``) into one string that remembers which token each character came from,
superscripts read as a reader reads them, and a passage shown again as the body writes it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from concordance import content_links, inline_html
from concordance.lazy_patterns import lazy_compile
from concordance.textnorm import (
    BARRIER,
    HOLDS_UNBREAKABLE,
    Folder,
    folds_to_itself,
    printable_ascii,
    raised,
    unbreakable,
)
from concordance.tokens import Token

JOINED = "joined"
"""``Token.meta`` key of a line break of the source between two letters of Chinese or
Japanese (``textnorm.unspaced``): it is no space, and is shown as none."""


def shows_none(line_break: Token) -> bool:
    """Whether a line break of the source is shown as no space: one joining two letters of
    Chinese or Japanese (``JOINED``), or one inside a tag left out (``inline_html.UNSHOWN``)."""
    return bool(line_break.meta.get(JOINED) or line_break.meta.get(inline_html.UNSHOWN))


def source_written(tokens: list[Token], sources: list[tuple[int, int]], source: int) -> str:
    """The text of the inline child that ``source`` stands for (``fold_tokens``), as a
    statement writes it (``child_written``)."""
    block, child = sources[source]
    return child_written(tokens[block].children or [], child)


@dataclass(slots=True)
class Raised:
    """How the superscripts written ``<sup>...</sup>`` (``inline_html``) of one block read."""

    marks: dict[int, int] = field(default_factory=dict)
    """Where a note's mark opens (1) and closes (-1): it is left out of what a quote is
    compared with, as ¹ is after a word."""
    exponents: set[int] = field(default_factory=set)
    """The text children of an exponent (10<sup>6</sup>), read in superscript characters."""
    shown: dict[int, str] = field(default_factory=dict)
    """How a statement shows each mark of digits and signs, by where it opens: in
    superscript characters, as the page does (50 m<sup>2</sup> as 50 m²)."""


def raising(children: list[Token]) -> Raised:
    """How each superscript of one word reads, as the superscript characters do
    (``textnorm.Folder``): after a number, one of digits and signs is an exponent; one of
    letters is part of its word (19<sup>th</sup>, M<sup>me</sup>), and so is a sign of a trade
    mark or copyright (Zelt<sup>®</sup>, as press releases write it); any other is a note's
    mark, and so is one that links to its note (``<sup><a href="#fn1">1</a></sup>``, as word
    processors export them). One of several words is small print, which a reader reads
    and copies as text, and so is a number with a decimal point (a version, 2.5.4+; 1.5),
    which no note's mark is."""
    found = Raised()
    if not superscripts(children):
        return found  # most blocks hold none
    opened: list[int] = []
    shown_before = _shown_befores(children)
    for c, child in enumerate(children):
        if child.type == "sup_open":
            opened.append(c)
        elif child.type == "sup_close" and opened:
            start = opened.pop()
            inside = [i for i in range(start + 1, c) if children[i].type in TEXTS]
            text = "".join(children[i].content for i in inside).strip()
            if len(text.split(maxsplit=1)) > 1 or _DECIMAL.search(text):
                continue
            linked = any(children[i].type == "link_open" for i in range(start, c))
            before = shown_before[start]
            # After a mark, another is a mark too (plan<sup>1</sup><sup>2</sup>, as plan¹²).
            number = before and (before.isdecimal() or raised(before))
            if number and found.marks.get(start - 1) != -1 and not linked and _raises(text):
                found.exponents.update(inside)
            elif linked or not (lettered(text) or _OF_A_NAME.issuperset(text)):
                found.marks[start], found.marks[c] = 1, -1
                if not linked and _raises(text):  # one linked to its note is left out
                    found.shown[start] = _spaced_as(_inner(children, inside), text)
    return found


def _inner(children: list[Token], inside: list[int]) -> str:
    return "".join(children[i].content for i in inside)


def _spaced_as(written: str, text: str) -> str:
    """``text`` in superscript characters, with a space on each side where ``written``, the
    tag's text, has white space there: the page shows ``<sup> 2 </sup>`` apart."""
    before = " " if written[:1].isspace() else ""
    after = " " if written[-1:].isspace() else ""
    return before + text.translate(SUPERSCRIPT) + after


TEXTS: Final = ("text", "code_inline")


_DECIMAL = lazy_compile(r"\d[.\u066b]\d")
"""A decimal point between digits, Arabic's ``٫`` too: a number of a superscript no note's
mark holds (``<sup>2.5.4+</sup>``, a version a feature is new in)."""


def lettered(text: str) -> bool:
    """Whether ``text`` is letters, each maybe with its vowel signs and accents and the joiners
    Persian and Indic words are written with: a word (योजना, ซอร์ป, مُخطط) as much as
    ``glorp`` is, though ``str.isalpha`` sees its marks as no letters."""
    return text[:1].isalpha() and all(
        char.isalpha() or char in _JOINERS or unicodedata.category(char)[0] == "M" for char in text
    )


_JOINERS = frozenset("\u200c\u200d")


_OF_A_NAME = frozenset("®©™℠℗")
"""Signs that a superscript sets onto a name (Zelt<sup>®</sup>), which a browser copies with
it (``Zelt®``): part of the word, not a note's mark."""


SUPERSCRIPT = str.maketrans("0123456789+-\u2212=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ")


SUBSCRIPT = str.maketrans("0123456789+-\u2212=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎")


def _raises(text: str) -> bool:
    """Whether every character of ``text`` has a superscript one (``-6`` as ``⁻⁶``)."""
    return bool(text) and all(raised(char) for char in text.translate(SUPERSCRIPT))


def fold_tokens(
    tokens: list[Token], marks_read: bool = False
) -> tuple[Folder, list[tuple[int, int]]]:
    """Fold the text of every inline block; ``sources[i]`` is (block index, child index) of
    each child read, in order: what a quote is compared with, and all that its highlight
    covers (``_add_covers``). ``marks_read``: superscripts are read as text, as a browser
    copies them ("used1"), to tell an editor why a quote copied so is not found."""
    folder = Folder()
    sources: list[tuple[int, int]] = []
    for b, token in enumerate(tokens):
        kind = token.type  # read once: a token's field read from C is some 160 instructions
        if kind in UNFOLDED:
            folder.barrier()
        if kind != "inline":
            if token.hidden and kind == "paragraph_open" and _runs_on(tokens, b):
                folder.runs_on()
            continue
        children = token.children or []
        types = [child.type for child in children]
        if _read_as_is(types, marks_read):
            _fold_children(folder, sources, b, children, types)  # most: no mark, no reading
            folder.separator()
            continue
        noted = aside = 0
        read = Raised() if marks_read else raising(children)
        for c, child in enumerate(children):
            mark = not noted and c in read.marks
            noted += read.marks.get(c, 0)
            aside += inline_html.ANNOTATING.get(child.type, 0)  # a ruby's reading
            if (noted or aside) and not mark:
                continue  # read as a mark, as "forces¹" is (``textnorm.Folder``)
            source = len(sources)
            sources.append((b, c))
            text = text_of(child)
            if mark:  # a mark stands apart: "forces<sup>1</sup>grew"
                folder.mark(source, read.shown.get(c, ""))
            elif c in read.exponents:
                folder.add_exponent(child.content.translate(SUPERSCRIPT), source)
            elif text is not None:
                _add(folder, child, text, source)
            elif child.type in BREAKS and not child.meta.get(inline_html.UNSHOWN):
                folder.space(source, seen=child.type == "hardbreak")
        folder.separator()
    return folder, sources


def _fold_children(
    folder: Folder,
    sources: list[tuple[int, int]],
    b: int,
    children: list[Token],
    types: list[str],
) -> None:
    """``fold_tokens`` of block ``b``'s ``children`` (of ``types``, each child's) when none
    is a note's mark, an exponent or a ruby's reading: each child read as it is. Whether
    its texts fold to themselves is told of them all at once (``folds_to_itself``), as most
    blocks' do. Each child's type and text are read once (an attribute of a token is read
    the general way, some 180 instructions), and the folder's methods called in C, not
    through a bound method."""
    first = len(sources)
    sources.extend([(b, c) for c in range(len(children))])
    texts = [children[c].content if types[c] in TEXTS else None for c in range(len(children))]
    plain = folds_to_itself("".join([text for text in texts if text is not None]))
    for c, child in enumerate(children):
        kind, text, source = types[c], texts[c], first + c
        if text is not None:
            if plain:
                folder.add_plain(text, source)
            else:
                folder.add(text, source)
        elif kind == "image":
            shown = text_of(child)
            if shown is not None:
                folder.add_apart(shown, source)
        elif kind in BREAKS and not child.meta.get(inline_html.UNSHOWN):
            folder.space(source, seen=kind == "hardbreak")  # <br>: the page shows two lines


def _add(folder: Folder, child: Token, text: str, source: int) -> None:
    """Fold the ``text`` of ``child``: an image's apart from the words beside it, as the page
    shows a picture between them, or a link to it (``content_links.in_place``)."""
    if child.type == "image":
        folder.add_apart(text, source)
    else:
        folder.add(text, source)


_READINGS: Final = frozenset(inline_html.ANNOTATING)
"""The tokens of a ruby's reading, which a quote is not compared with."""
_READ_APART: Final = _READINGS | {"sup_open"}


def _read_as_is(types: list[str], marks_read: bool) -> bool:
    """Whether a block of children of ``types`` holds no ruby's reading, nor a superscript
    unless ``marks_read`` (``_fold_children``): one look-up a child, in C, where a search of
    the list and a call of ``frozenset.isdisjoint`` took some 1,500 instructions a block."""
    apart = _READINGS if marks_read else _READ_APART
    return all(kind not in apart for kind in types)


def _runs_on(tokens: list[Token], b: int) -> bool:
    """Whether paragraph ``b`` goes on the one before in its tight list item, a block left
    out between them: the page shows the two on one line, as one paragraph's lines are
    (``_paragraph_open``)."""
    return b > 1 and tokens[b - 1].type == "paragraph_close" and tokens[b - 1].hidden


UNFOLDED = {
    "fence": "a code block",
    "code_block": "a code block",
    "html_block": "an alert's title",  # the only one a body has (``alerts``, ``*callouts``)
    "footnote_block_open": "the start of the notes",
    "footnote_open": "the start of a note",
}
"""Blocks whose text a quote is not compared with, or that start a note: a quote that ran
across one would leave out words the reader sees there, or join a note to the body. Each
as the hint of a quote that runs across it names it (``ACROSS``)."""


def block_line(tokens: list[Token], at: int) -> int | None:
    """The body line (0-based) of block ``at``. An alert's title has none, and stands on
    the first line of its box (the block before); the notes have none either, and start on
    the line of their first paragraph (the block after)."""
    step = -1 if tokens[at].type == "html_block" else 1
    while 0 <= at < len(tokens):
        lines = tokens[at].map
        if lines:
            return lines[0]
        at += step
    return None


def _shown_befores(children: list[Token]) -> list[str]:
    """``_shown_before(children, c)`` for every ``c``, in one pass: a block of thousands of
    superscripts looked back over all the children before each one."""
    found = []
    last = ""
    for child in children:
        found.append(last)
        text = text_of(child)
        if text:
            last = text[-1]
    return found


def visible(child: Token) -> str:
    """The text a child shows; a soft line break is marked too, so a highlight has no gap
    (one that joins two lines of Chinese or Japanese shows nothing)."""
    kind = child.type
    if kind in TEXTS:  # most: without a call of ``text_of``
        return child.content
    if kind == "softbreak":
        return "" if shows_none(child) else "\n"
    text = text_of(child)
    return child.content if text is None else text


def text_of(child: Token) -> str | None:
    """The text of a child that a quote is compared with: a text's, a code span's, and an
    image's shown in its place (``content_links.shown_text``); None for any other child."""
    if child.type in TEXTS:
        return child.content
    return content_links.shown_text(child) if child.type == "image" else None


def child_written(children: list[Token], c: int) -> str:
    """The text child ``c`` shows (``visible``), as a statement writes it: a subscript of
    digits and signs in subscript characters (CO₂), as an exponent is in superscript ones;
    both are read as the digits they stand for."""
    text = visible(children[c])
    return text.translate(SUBSCRIPT) if _lowered(children, c) else text


def _lowered(children: list[Token], c: int) -> bool:
    """Whether child ``c`` is all the text of a subscript (``<sub>2</sub>``) that subscript
    characters can write."""
    if not 0 < c < len(children) - 1 or children[c - 1].type != "sub_open":
        return False
    text = children[c].content.strip()
    lowered = text.translate(SUBSCRIPT)
    return children[c + 1].type == "sub_close" and bool(text) and all(map(raised, lowered))


BREAKS: Final = ("softbreak", "hardbreak")


def superscripts(children: list[Token]) -> bool:
    return any(child.type == "sup_open" for child in children)


def in_superscript(source: tuple[int, int], tokens: list[Token]) -> bool:
    """Whether the inline child ``source`` (block, child) is inside a ``<sup>``."""
    block, child = source
    before = (tokens[block].children or [])[:child]
    return sum(_SUP_DEPTH.get(c.type, 0) for c in before) > 0


_SUP_DEPTH = {"sup_open": 1, "sup_close": -1}


def as_written(folder: Folder, doc: str, start: int, end: int, piece: Callable[[int], str]) -> str:
    """``doc[start:end]`` (``folder``'s text) as the body writes it (``Folder.unfolded``), its
    white space folded, an ellipsis for each block between its words that folding leaves out
    (a code block, say): a statement's text and a hint's passage are the body's own
    characters, ``’`` where it has one, not the ``'`` folded."""
    pieces = []
    while (cut := doc.find(BARRIER, start, end)) >= 0:
        pieces.append(folder.unfolded(start, cut, piece))
        start = cut + 1
    pieces.append(folder.unfolded(start, end, piece))
    return " … ".join(_spaced(p) for p in pieces).strip()


_SPACES = lazy_compile(r"\s+")


def _spaced(piece: str) -> str:
    """``piece`` with each run of white space as a statement shows it (``_one_space``)."""
    # Most text: at C speed. Every such space is past ASCII, and whether a text is ASCII
    # is a flag of the string (the search tried each character of each passage). Printable
    # ASCII holds no white space but the space: one between words, none at the ends, is
    # the passage itself, not split into words and joined again (some 2,500 instructions
    # fewer a quote).
    plain = piece.isascii() and printable_ascii(piece) and "  " not in piece
    if plain and piece[:1] != " " and piece[-1:] != " ":
        return piece
    if piece.isascii() or HOLDS_UNBREAKABLE.search(piece) is None:
        return " ".join(piece.split())
    return _SPACES.sub(_one_space, piece).strip()


def _one_space(run: re.Match[str]) -> str:
    """A run of white space as a statement shows it: one space, or the spaces that keep
    words together as written (``textnorm.unbreakable``)."""
    return run.group() if unbreakable(run.group()) else " "
