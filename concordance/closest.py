"""Why a quote is not in its body, and the passage of the body most like it: the hint of a
quote that is not found, within a budget of the body's characters searched."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from concordance import body_text, html_blocks, inline_html, pasted, percent_comments
from concordance.lazy_patterns import lazy_compile
from concordance.textnorm import BARRIER, Folder, cluster_start, fold, past_marks
from concordance.tokens import Token, ours
from concordance.words import find_words

CLOSEST_NEEDLE = 256
"""Characters of a quote not found that are compared with its body, for the hint (which
shows 160): the fuzzy search's time grows with the square of the quote's length, and one
quote of 11,000 characters took 42 s against a body of 1 MB."""


CLOSEST_BUDGET = 64 * 1024 * 1024
"""Characters of one body searched in all for the closest passages of its missing quotes;
past it a missing quote is reported without one. A body of 6.5 MB with 900 missing quotes
took 80 s to build, now 3 s (ten of them get a hint); an article of 50 KB gets hints for
1,300 missing quotes."""


@dataclass(frozen=True, slots=True)
class Closest:
    """The passage of a body most like a quote that is not in it."""

    passage: str = ""
    line: int | None = None
    """Its body line (0-based)."""
    why: str = ""
    """Why the quote is not found, when that is known: ``IN_CODE``, ``IN_PRE``, ``WITH_MARK``,
    ``IN_COMMENT``, ``IN_PERCENT_COMMENT``, ``ELIDED``, ``ACROSS`` or ``OTHER_CASE``."""
    crossed: str = ""
    """For ``ACROSS``, the block the quote runs across, as the hint names it ("a code
    block"); ``line`` is that block's."""


IN_CODE = "code"
"""The quote is in a code block, whose text is shown as code and cannot be quoted."""

IN_PRE = "pre"
"""The quote is in a block of ``<pre>`` (``html_blocks``), shown as code as well."""


WITH_MARK = "mark"
"""The quote holds a superscript (a note's number) as part of a word: "used1"."""


IN_COMMENT = "comment"
"""The quote is in an HTML comment, which no page shows."""


IN_PERCENT_COMMENT = "percent comment"
"""The quote is in an Obsidian comment (``percent_comments``), which no page shows."""


ELIDED = "elided"
"""The quote leaves words out ("the plan ... will hold"): each part is in the body, in turn."""


ACROSS = "across"
"""The quote runs across text it is not compared with: a code block, an alert's title, the
start of the notes."""


OTHER_CASE = "case"
"""The quote is in the body in other case ("The plan" of "... said the plan")."""


HYPHENATED = "hyphenated"
"""The quote is in the body but for a word the body breaks over two lines with a hyphen, as
text copied from a PDF is ("econ-" at a line's end, "omy" on the next): the page shows
"econ- omy"."""


BRACKETED = "bracketed"
"""The quote changes or adds words in square brackets, as print marks an editor's change
("[T]he plan", "it [the plan] holds", "[sic]"): the body holds it with the brackets' words,
or without them."""


@dataclass(slots=True, eq=False, repr=False)  # never compared nor printed: see _Comment
class Hints:
    """The closest passages of one body to the quotes not found in it, within a budget."""

    body: str
    doc: str
    folder: Folder
    sources: list[tuple[int, int]]
    tokens: list[Token]
    budget: int = field(default_factory=lambda: CLOSEST_BUDGET)
    """Characters of ``doc`` left to search (the limit read when made, so tests can lower it)."""
    marks_read: tuple[Folder, str, list[tuple[int, int]]] | None = None
    """The body folded with its superscripts read as text, that text and its sources, once
    a quote needs them."""
    shown: _ShownText | None = None
    """Where the body shows what opens a comment as text, once a quote needs it."""
    joined: tuple[str, list[int]] | None = None
    """``doc`` with each word the body breaks over two lines with a hyphen joined, and where
    each hyphen was in it, once a quote needs them (``_joined``)."""
    code_read: list[tuple[Token, str]] | None = None
    """Each code block and its text read as Markdown, folded, once a quote needs them
    (``_in_code_read``)."""

    def closest(self, quote: str) -> Closest:
        """No passage once the budget is spent: the error then comes without a hint."""
        if len(self.doc) > self.budget:
            return Closest()
        self.budget -= len(self.doc)
        folded = fold(quote)
        if not folded:
            return Closest()  # nothing to look for (validation refuses such a quote first)
        in_code = _in_code(self.tokens, folded)
        if in_code is None:
            in_code = self._in_code_read(folded)
        if in_code is not None:
            return in_code
        with_mark = self._with_mark(folded)
        if with_mark is not None:
            return with_mark
        if self.shown is None:
            self.shown = _ShownText(self.body, _code_lines(self.tokens))
        in_comment = _in_comment(self.body, folded, _HTML_COMMENT, self.shown)
        in_comment = in_comment or _in_comment(self.body, folded, _PERCENT_COMMENT, self.shown)
        if in_comment is not None:
            return in_comment
        told = self._elided(folded) or self._across(folded) or self._other_case(folded)
        told = told or self._bracketed(folded) or self._hyphenated(folded)
        if told is not None:
            return told
        needle = folded[:CLOSEST_NEEDLE]
        return Closest(*_closest(self.doc, needle, self.folder, self.sources, self.tokens))

    def _in_code_read(self, needle: str) -> Closest | None:
        """The code block whose text, read as Markdown, holds ``needle``: a fence left open
        makes code of the rest of the body, whose paragraphs a quote copied from the page
        has without their markup (``null`` of `` `null` ``, ``clients`` of ``[clients](x.md)``)."""
        if self.code_read is None:
            self.code_read = [(t, _read_as_markdown(t.content)) for t in self.tokens if _is_code(t)]
        for token, text in self.code_read:
            if find_words(text, needle) >= 0:
                return _code_block(token)
        return None

    def _with_mark(self, needle: str) -> Closest | None:
        """Where ``needle`` is found once superscripts are read as text, if only then."""
        if not needle or not any(
            body_text.superscripts(token.children or []) for token in self.tokens
        ):
            return None
        if self.marks_read is None:
            folder, sources = body_text.fold_tokens(self.tokens, marks_read=True)
            self.marks_read = (folder, folder.text(), sources)
        folder, doc, sources = self.marks_read
        at = find_words(doc, needle)
        if at < 0:
            return None
        # The hint names the superscript's line, which may be past the passage's first.
        read = (folder.origin(pos)[0] for pos in range(at, at + len(needle)))
        marked = (s for s in read if s >= 0 and body_text.in_superscript(sources[s], self.tokens))
        line = _line_of(next(marked, folder.origin(at)[0]), sources, self.tokens)
        return Closest(needle, line, why=WITH_MARK)

    def _elided(self, needle: str) -> Closest | None:
        """The first part of a quote that leaves words out (``...``, ``[...]``), if every
        part is found, each after the one before: it is no passage of the body."""
        parts = [part.strip() for part in _ELISION.split(pasted.trimmed(needle)) if part.strip()]
        if len(parts) < 2:
            return None
        together = self._together(needle, parts)
        if together is not None:
            return together
        at = first = -1
        for part in parts:
            at = find_words(self.doc, part, max(at, 0))
            if at < 0:
                return None
            first = at if first < 0 else first
            at += len(part)
        return Closest(parts[0], self._line(first), why=ELIDED)

    def _together(self, needle: str, parts: list[str]) -> Closest | None:
        """The parts side by side in the body, or with an ellipsis of the body between
        them, spaced otherwise ("plan..." of "plan ..."): no words are left out. Looked
        for in a short quote only: a pattern of many parts tried at every place of a long
        body takes the product of their lengths."""
        if len(needle) > CLOSEST_NEEDLE or len(parts) > _PARTS:
            return None
        together = re.search(_ELLIPSIS_OR_NOT.join(map(re.escape, parts)), self.doc)
        if together is None:
            return None
        passage = self._written(together.start(), together.end())
        return Closest(passage, self._line(together.start()))

    def _across(self, needle: str) -> Closest | None:
        """The passage that is the quote once the blocks between its words (``body_text.UNFOLDED``)
        are taken out, with the space each stood between, or without it, as between two
        letters of Chinese, which a quote holds together (``结束。注释``)."""
        if BARRIER not in self.doc:
            return None
        for cut in (f" {BARRIER}", f" {BARRIER} "):
            at = find_words(self.doc.replace(cut, ""), needle)
            if at >= 0:
                return self._crossed(at, cut, needle)
        return None

    def _crossed(self, at: int, cut: str, needle: str) -> Closest | None:
        """For the quote found at ``at`` in ``doc`` without each ``cut``: the block it
        crosses."""
        cuts = self.doc.find(cut)
        while 0 <= cuts <= at:  # ``at`` back in ``doc``: past each cut before it
            at += len(cut)
            cuts = self.doc.find(cut, cuts + len(cut))
        # The first block not folded after the quote's start is the one it crosses: each
        # made a cut, bar one right after another, which the cut of the one before stands for.
        start = self.sources[self.folder.origin(at)[0]][0]
        blocks = range(start, len(self.tokens))
        crossed = next((b for b in blocks if self.tokens[b].type in body_text.UNFOLDED), None)
        if crossed is None:
            return None
        kind = body_text.UNFOLDED[self.tokens[crossed].type]
        return Closest(needle, body_text.block_line(self.tokens, crossed), why=ACROSS, crossed=kind)

    def _other_case(self, needle: str) -> Closest | None:
        """The passage that is the quote but for case, as the body writes it."""
        return self._in_any_case(needle, OTHER_CASE)

    def _bracketed(self, needle: str) -> Closest | None:
        """The passage that is the quote with the words of its brackets kept, or left out,
        in any case: what an editor changed there ("[T]he plan" of "the plan", "it [the
        plan] holds" of "it holds") is not the body's."""
        if _BRACKETS.search(needle) is None:
            return None
        for bare in (_BRACKETS.sub(r"\1", needle), _BRACKETS.sub(" ", needle)):
            found = self._in_any_case(" ".join(bare.split()), BRACKETED)
            if found is not None:
                return found
        return None

    def _hyphenated(self, needle: str) -> Closest | None:
        """The passage that is the quote once each word the body breaks over two lines with
        a hyphen is joined again, as the body writes it."""
        if self.joined is None:
            self.joined = _joined(self.body, self.doc)
        joined, cuts = self.joined
        at = find_words(joined, needle) if cuts else -1
        if at < 0:
            return None
        start = at + 2 * bisect.bisect_right(cuts, at)
        end = at + len(needle) + 2 * bisect.bisect_left(cuts, at + len(needle))
        return Closest(self._written(start, end), self._line(start), why=HYPHENATED)

    def _in_any_case(self, needle: str, why: str) -> Closest | None:
        """The passage that is ``needle`` in any case, as the body writes it."""
        lowered, doc = needle.lower(), self.doc.lower()
        if not needle or len(lowered) != len(needle) or len(doc) != len(self.doc):
            return None  # İ is two characters once lowered: offsets would not match
        at = find_words(doc, lowered)
        if at < 0:
            return None
        return Closest(self._written(at, at + len(needle)), self._line(at), why=why)

    def _written(self, start: int, end: int) -> str:
        """The passage from ``start`` to ``end`` of ``doc`` as the body writes it: the hint
        says to copy it, so it shows the body's ``’`` and ``—``, not the ``'`` and ``-``
        they fold to."""
        return _as_written(self.doc, start, end, self.folder, self.sources, self.tokens)

    def _line(self, at: int) -> int | None:
        source = self.folder.origin(at)[0]
        return _line_of(source, self.sources, self.tokens) if source >= 0 else None


_ELLIPSIS = r"[\[(]?(?:\.\.\.|\. \. \.)[\])]?"
"""An ellipsis, as folded (``…`` is ``...``), bracketed or not, or spaced as legal and
Chicago style write it (``. . .``)."""


_ELISION = lazy_compile(rf"\s*{_ELLIPSIS}\s*")
"""An ellipsis marking words left out, with the spaces around it."""


_BROKEN_AT_LINE_END = lazy_compile(r"-[ \t]*\r?\n")
"""Where the body's source may break a word over two lines with a hyphen (``econ-``)."""


_BROKEN_WORD = lazy_compile(r"(?<=\w)- (?=\w)")
"""Such a word in folded text, its line break a space: ``econ- omy``."""


_BRACKETS = lazy_compile(r"\[([^\[\]]*)\]")
"""Words in square brackets, as folded: an editor's change to a quote (``[T]he``)."""


_PARTS = 8
"""Parts of a quote between ellipses looked for side by side at most (``_together``)."""


_ELLIPSIS_OR_NOT = rf" ?(?:{_ELLIPSIS} ?)?"
"""Between two parts of a quote: a space, an ellipsis or both (folded text has single
spaces)."""


def _joined(body: str, doc: str) -> tuple[str, list[int]]:
    """``doc`` with each word broken over two lines with a hyphen joined (``econ- omy`` as
    ``economy``), and the place in it of each hyphen left out; none where the body's source
    has no hyphen at a line's end."""
    if _BROKEN_AT_LINE_END.search(body) is None:
        return doc, []
    cuts = [m.start() - i * 2 for i, m in enumerate(_BROKEN_WORD.finditer(doc))]
    return _BROKEN_WORD.sub("", doc), cuts


def _in_code(tokens: list[Token], needle: str) -> Closest | None:
    """The code block holding ``needle``, if one does: a paragraph indented by four spaces by
    mistake is a code block, which a quote is not looked for in (its text is not prose)."""
    for token in tokens:
        if _is_code(token) and needle and _has_words(token.content, needle):
            return _code_block(token)
    return None


def _is_code(token: Token) -> bool:
    return token.type in ("code_block", "fence")


def _code_block(token: Token) -> Closest:
    """The hint of a quote in the code block ``token``."""
    why = IN_PRE if token.markup == html_blocks.PRE else IN_CODE
    return Closest(" ".join(token.content.split()), (token.map or [0])[0], why=why)


def _read_as_markdown(text: str) -> str:
    """``text`` read as a body's Markdown, folded: the words a page would show of it."""
    from concordance import markdown  # only here: it imports this module

    tokens = ours(markdown.parser().parse(text, markdown.body_env(None, indexed=False)))
    return body_text.fold_tokens(tokens)[0].text()


def _has_words(text: str, needle: str) -> bool:
    """Whether ``text``, folded, holds ``needle`` as whole words (not "plan" of "planning")."""
    return find_words(fold(text), needle) >= 0


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Comment:
    """A kind of comment: what opens and closes one, and why a quote in it is not found."""

    opening: str
    closing: str
    why: str
    opens: Callable[[str, int], bool]
    """Whether the ``opening`` at an index of a body opens one (``5%%`` opens none)."""


def _always(_body: str, _at: int) -> bool:
    return True


_HTML_COMMENT = _Comment("<!--", "-->", IN_COMMENT, _always)


_PERCENT_COMMENT = _Comment(
    percent_comments.MARK, percent_comments.MARK, IN_PERCENT_COMMENT, percent_comments.opens
)


def _code_lines(tokens: list[Token]) -> set[int]:
    """The lines (0-based) of the code blocks of a body's parse."""
    return {
        line
        for token in tokens
        if token.type in ("code_block", "fence") and token.map is not None
        for line in range(*token.map)
    }


_CODE_SPAN = lazy_compile(r"(?<![`\\])(`+)(?!`).+?(?<!`)\1(?!`)")
"""Code on one line, between runs of as many backticks."""


@dataclass(slots=True, eq=False, repr=False)
class _ShownText:
    """Where a body shows what would open a comment as text, as the page does: escaped
    (``\\<!--``), in code on its line (`` `<!--` ``) or in a code block (``code``, its
    lines). Its lines and code spans are read once, when a comment's opening is first met."""

    body: str
    code: set[int]
    line_starts: list[int] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    def at(self, at: int) -> bool:
        if self.body[at - 1 : at] == "\\":
            return True
        if not self.line_starts:
            self.line_starts = [0, *(m.end() for m in re.finditer("\n", self.body))]
            self.spans = [m.span() for m in _CODE_SPAN.finditer(self.body)]
        if bisect.bisect_right(self.line_starts, at) - 1 in self.code:
            return True
        span = bisect.bisect_right(self.spans, (at, at)) - 1
        return span >= 0 and self.spans[span][0] < at < self.spans[span][1]


def _in_comment(body: str, needle: str, comment: _Comment, shown: _ShownText) -> Closest | None:
    """The ``comment`` of ``body`` holding ``needle``, if one does, at the line ``needle``
    is on (a comment of notes to editors may run over many)."""
    opened = _opening(body, comment, 0, shown) if needle else -1
    while opened >= 0:
        start = opened + len(comment.opening)
        closed = body.find(comment.closing, start)
        if closed < 0:
            return None  # no later comment closes either: "<!--" 100,000 times is no square
        folder = Folder()
        lines = _comment_lines(body, start, closed)
        for number, (_, text) in enumerate(lines):
            folder.add(text, number)
        at = folder.text().find(needle)
        if at >= 0:
            piece, offset = folder.origin(at)[:2]
            line = body.count("\n", 0, lines[piece][0] + offset)
            return Closest(needle, line, why=comment.why)
        opened = _opening(body, comment, closed + len(comment.closing), shown)
    return None


_QUOTE_MARKS = lazy_compile(r"\n[ \t]*>(?:[ \t]*>)*[ \t]?")
"""A line's start in a block quote: its ``>`` marks, which are no words of a comment there."""


def _comment_lines(body: str, start: int, end: int) -> list[tuple[int, str]]:
    """(where it starts, its text) of each line of the comment ``body[start:end]``, without
    the ``>`` of a block quote it is in: a quote of the words it runs over is told it is in
    a comment, not to copy words it already copied."""
    lines, at = [], start
    for mark in _QUOTE_MARKS.finditer(body, start, end):
        lines.append((at, body[at : mark.start() + 1]))
        at = mark.end()
    lines.append((at, body[at:end]))
    return lines


def _opening(body: str, comment: _Comment, at: int, shown: _ShownText) -> int:
    """Where the first ``comment`` of ``body`` from ``at`` on opens, or -1: a ``%%`` that
    opens none (``grew 5%%``) paired with the next one hid the comment after it, and so did
    a ``<!--`` the page shows as text (``shown``), with every line up to a ``-->``."""
    opened = body.find(comment.opening, at)
    while opened >= 0 and (shown.at(opened) or not comment.opens(body, opened)):
        opened = body.find(comment.opening, opened + len(comment.opening))
    return opened


_NOT_WORDS = f" {BARRIER}"
"""What folded text holds that is no word: its spaces and the barriers (``Folder.barrier``)."""


def _closest(
    doc: str, needle: str, folder: Folder, sources: list[tuple[int, int]], tokens: list[Token]
) -> tuple[str, int | None]:
    """The passage of the body most like a quote that was not found, and its body line: the
    whole body, as written, when the quote is longer."""
    if not needle or not doc.strip():
        return "", None
    if len(needle) >= len(doc):
        start, end = len(doc) - len(doc.lstrip(_NOT_WORDS)), len(doc.rstrip(_NOT_WORDS))
        if start >= end:
            return "", None
    else:
        from rapidfuzz import fuzz  # only a quote that is not found needs it: spare the import

        best = fuzz.partial_ratio_alignment(needle, doc)
        if best is None or best.score < 40:
            return "", None
        start, end = _word_bounds(doc, best.dest_start, best.dest_end)
    words = doc[start:end]
    # The line of the passage's first word: the widened match may start at a line break.
    source = folder.origin(start + len(words) - len(words.lstrip()))[0]
    passage = _as_written(doc, start, end, folder, sources, tokens)
    return passage, _line_of(source, sources, tokens) if source >= 0 else None


def _as_written(
    doc: str,
    start: int,
    end: int,
    folder: Folder,
    sources: list[tuple[int, int]],
    tokens: list[Token],
) -> str:
    """``doc[start:end]`` as the body writes it (``body_text.as_written``)."""
    written = partial(body_text.source_written, tokens, sources)
    return body_text.as_written(folder, doc, start, end, written)


def _line_of(source: int, sources: list[tuple[int, int]], tokens: list[Token]) -> int:
    """The body line (0-based) of an inline child: its block's first line, and one more for
    each line break before it in the block (a paragraph spans lines; the hint names the
    line the passage is on)."""
    block, child = sources[source]
    children = (tokens[block].children or [])[:child]
    breaks = sum(inline_html.ends_a_line(c) for c in children)
    return (tokens[block].map or [0])[0] + breaks


def _word_bounds(doc: str, start: int, end: int) -> tuple[int, int]:
    """Widen a match to whole words, within its block. A match in text written without
    spaces (Chinese, Thai) has no space within ``_WIDEN`` characters of it: it keeps its own
    bounds, moved off the middle of a letter and its marks. Widened to the block's ends, the
    hint of a quote from a long Chinese paragraph was its first 160 characters, not the
    passage (``validate._clip``). A match that starts or ends with a space (the fuzzy
    alignment scores it the same) is first drawn in from it: widened from the space, the
    hint began inside the word before (``0: Zelt`` of ``Speaker 0: Zelt``) or took the word
    after."""
    start, end = _inside_spaces(doc, start, end)
    wide_start, wide_end = start, end
    while wide_start > max(start - _WIDEN, 0) and not _between_words(doc[wide_start - 1]):
        wide_start -= 1
    while wide_end < min(end + _WIDEN, len(doc)) and not _between_words(doc[wide_end]):
        wide_end += 1
    if wide_start > 0 and not _between_words(doc[wide_start - 1]):
        wide_start = cluster_start(doc, start)
    if wide_end < len(doc) and not _between_words(doc[wide_end]):
        wide_end = past_marks(doc, end)
        while wide_end > start + 1 and doc[wide_end - 1] in _PREPOSED:
            wide_end -= 1  # a vowel written before the letter it follows in speech
    return wide_start, wide_end


def _inside_spaces(doc: str, start: int, end: int) -> tuple[int, int]:
    """``start`` and ``end`` past the white space at either end of ``doc[start:end]``, if
    any is not all of it."""
    inner = doc[start:end]
    if not inner.strip():
        return start, end
    return start + len(inner) - len(inner.lstrip()), end - len(inner) + len(inner.rstrip())


_PREPOSED = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
"""Thai's and Lao's vowels written before their syllable's consonant (เ, แ, โ, ใ, ไ): a
passage that ends with one ends inside the next syllable."""


_WIDEN = 32
"""Characters a hint's passage is widened by at most, each way, to the space a word ends at."""


_WORD_MARKS = frozenset("\u0f0b\u0f0c\u1361")
"""What ends a word or syllable where no space is written: Tibetan's tsheg (་, ༌) and
Ethiopic's wordspace (፡). A hint widened to spaces showed a whole line of them."""


def _between_words(char: str) -> bool:
    return char.isspace() or char in _WORD_MARKS
