"""Text folding shared by quote verification, concept naming and search.

Folding makes two texts comparable the way a reader compares them: Unicode
compatibility forms, runs of white space, curly versus straight quotes and the
many dashes all count as the same. Case is kept: a quote is verbatim.

``Folder`` also remembers where every folded character came from, so a match
found in folded text can be highlighted in the original.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Final

from concordance.lazy_patterns import lazy_compile

_QUOTES = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\uff07`\u00b4\u2039\u203a", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\uff02", '"'),
    "\u05f3": "'",  # Hebrew's geresh and gershayim, which keyboards without them type
    "\u05f4": '"',  # as ' and " (צה"ל for צה״ל)
}
"""Quotation marks as keyboards type them. Single guillemets (‹ ›, U+2039 and U+203A), the
quotes within quotes of French, Swiss and German text (« la ‹ zorp › », »Die ›Zorp‹«), are
typed ' as double ones (« ») are typed "."""
_QURANIC_MARKS = frozenset(
    map(chr, [*range(0x0610, 0x061B), *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E9)])
) | frozenset(map(chr, range(0x06EA, 0x06EE)))
"""The marks of reading that the Quran's text (Uthmani script) is written with: of pauses,
of the small letters it adds (ۥ, ۦ), of prolonging. A quote of it in everyday spelling
leaves them out."""
# Marks a text may be written with or without: the vowel points of Arabic (harakat, the
# superscript alef) and Hebrew (niqqud, cantillation), and the tatweel that stretches an
# Arabic word to justify a line. A quote of a vocalised source (a poem, a scripture, a
# children's book) without them, or with them from a plain one, is the same text.
_OPTIONAL_MARKS: Final = (
    frozenset(map(chr, [0x0640, *range(0x064B, 0x0653), *range(0x0656, 0x0660), 0x0670]))
    | frozenset(map(chr, range(0x0591, 0x05BE)))
    | frozenset("\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7")
    | _QURANIC_MARKS
)
"""(The madda and hamza marks, U+0653 to U+0655, are not among them: they are part of the
letter, and سأل "asked" is not سال "flowed". A madda over any letter but alef, as the
Quran's text writes it, is a mark of reading: ``Folder`` leaves it out.)"""
_MADDA = "\u0653"
_ALEF = "\u0627"
VARIATION_SELECTORS: Final = frozenset(
    map(chr, [*range(0x180B, 0x180E), 0x180F, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)])
)
"""What chooses how the character before it is drawn, and which one system writes and another
leaves out: an emoji's (❤️, as phones write it, is ❤ with U+FE0F), a Han character's (葛󠄀,
a Japanese name's form of 葛) and Mongolian's free variation selectors (ᠭ᠋, the form of ᠭ
some fonts draw by themselves and some keyboards choose with one)."""
_SELECTOR_RUN = lazy_compile("[\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]+")
_INVISIBLE = (
    frozenset(
        "\u00ad\u200b\u200c\u200d\u2060\ufeff"
        "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    )
    | VARIATION_SELECTORS
)
"""Characters a reader cannot see or type: soft hyphens, zero-width spaces and joiners,
the marks and controls of writing direction that text pasted from Arabic or Hebrew pages
carries (LRM, RLM, ALM, embeddings, overrides, isolates), and variation selectors."""
BARRIER: Final = "\uffff"
"""What ``Folder.barrier`` stands for in folded text: a noncharacter, which folds to nothing
anywhere else, so no quote holds it."""
_IGNORABLE = _INVISIBLE | _OPTIONAL_MARKS | {BARRIER}
_LEFT_OUT_OF_NAMES = dict.fromkeys(map(ord, _IGNORABLE))
_JOINER = "\u200d"
_EXPONENT = frozenset(["No", "Sm", "Ps", "Pe"])
"""What a superscript of an exponent is: digits, signs, brackets (not ™, a symbol)."""
_KEPT_IN_SHOWN = frozenset("\u200c\u200d") | VARIATION_SELECTORS
"""Joiners and variation selectors a body's text is shown with though folding leaves them
out: Persian writes نمی‌خواهم with a non-joiner, Indic scripts choose a letter's form with
joiners, and ❤️ is drawn as an emoji only with its selector."""
_VARIANTS = {"\u06cc": "\u064a", "\u06a9": "\u0643", "\u0671": "\u0627", "ё": "е", "Ё": "Е"}
_VARIANTS |= {chr(0x06F0 + digit): chr(0x0660 + digit) for digit in range(10)}
"""One letter, two characters: the yeh (ی, ي) and kaf (ک, ك) of Persian keyboards and of
Arabic ones, and their digits (۱۴۰۲, ١٤٠٢). A Persian source published with the Arabic
ones, quoted from a Persian keyboard, is the same text. The Quran's text writes an alef
that is not spoken as alef wasla (ٱ), everyday spelling as alef. And Russian writes ё as е
where its dots are not needed: растёт is often растет."""
_VARIANT_TABLE = str.maketrans(_VARIANTS)
_SPELT_OUT = {
    **{chr(0x0D7A + i): base + "\u0d4d" for i, base in enumerate("ണനരലളക")},
    **{chr(0x0D54 + i): base + "\u0d4d" for i, base in enumerate("മയഴ")},
    "\u09ce": "\u09a4\u09cd",
}
"""Letters encoded twice: Malayalam's chillus (ൻ, ർ...) and Bengali's khanda ta (ৎ), which
Unicode 5.1 gave characters of their own, are written in older text, and by older keyboards,
as the consonant, a virama and a zero-width joiner (ന്‍, ত্‍). Without the joiner, the
consonant and virama are another spelling (അവന്, "to him", is not അവൻ, "he"), so the joiner
makes the difference here: the three are read as the one character (``one_letter``), before
the joiner would be left out as invisible."""
_ONE_LETTER = {written + "\u200d": letter for letter, written in _SPELT_OUT.items()}
JOINED_FORM = re.compile("|".join(_ONE_LETTER))
"""A letter of ``_SPELT_OUT`` as older text writes it: the consonant, a virama, a joiner."""


def one_letter(text: str) -> str:
    """``text`` with each letter of ``_SPELT_OUT`` that it writes as older text does (ന്‍)
    as the one character (ൻ): as a reader sees it, for an address or the search index."""
    return JOINED_FORM.sub(lambda found: _ONE_LETTER[found.group()], text)


def letter_variants() -> dict[str, str]:
    """Each character of a letter written two ways, and the one it is read as (``_VARIANTS``):
    the search page's script folds a query with them (``search_terms.query_rules``)."""
    return dict(_VARIANTS)


def fold_variants(text: str) -> str:
    """``text`` with each such character as the one it is read as: ``کتاب`` as ``كتاب``."""
    return text.translate(_VARIANT_TABLE)


def without_selectors(text: str) -> str:
    """``text`` without its variation selectors (``VARIATION_SELECTORS``): what a name's
    address and the search index's pairs of letters are made of."""
    return _SELECTOR_RUN.sub("", text)


def unseen_left_out(text: str) -> str:
    """``text`` without what a name's key leaves out (``name_form``): invisible characters
    (joiners, soft hyphens, marks of direction, variation selectors) and the optional marks
    (vowel points, tatweel). What a name's address is made of: ``ශ්‍රී`` and ``ශ්රී``, ``خطـــة``
    and ``خطة``, one name each, must have one address whichever article comes first."""
    return text.translate(_LEFT_OUT_OF_NAMES)


DASHES = (
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
    "\u058a\u05be\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d"
)
"""Every dash: a run of them folds to one "-". Among them the hyphens of scripts that have
their own, which keyboards type as "-": Armenian's (֊) and Hebrew's maqaf (בית־הספר, which
the standard Israeli layout lacks), and the two- and three-em dashes (⸺, ⸻) typed as a
run of dashes."""
_WAVE_DASH = "\u301c"
"""Japanese's wave dash (10〜20), which Windows writes as the full-width tilde (～, read as
``~``): the same character to a reader, as two systems encode it."""
AFTER_A_WORD = frozenset(".,;:!?)]}\"'”’»›、。，；：！？）")
"""Punctuation written onto the word before it: a note's mark between the two (``plan¹,``,
as word processors and wikis place them) stands for no space."""
COPIED = (
    "\u0410-\u0418\u041a-\u0438\u043a-\u044f"  # Cyrillic, but й and its capital: и and a breve
    "\u05d0-\u05ea"  # Hebrew's letters
    "\u0627-\u063a\u0641-\u064a"  # Arabic's, but those of hamza and madda (أ, آ: marks)
    "\u0e01-\u0e32\u0e34-\u0e37\u0e40-\u0e47\u0e4c-\u0e4e"  # Thai's, but ำ and the marks
    "\u3400-\u4dbf\u4e00-\u9fff"  # the ideographs of Chinese and Japanese
)
"""Letters past ASCII that fold to themselves, each as a letter of its own (no mark a letter
before takes, no mark of a combining class that marks after it are ordered by: tested in
``test_textnorm``), so that text of them is copied in chunks as ASCII is: one by one, a body of
Chinese or Thai took each letter through ``_fold_special``, most of the time of ``suggest``
and of ``check``. The letters of other scripts still are."""
# Everything that folds to something other than itself; the rest is copied in chunks.
# A lone ASCII space between two ASCII characters folds to itself, so it is left in the
# chunk (most text is words and single spaces: one run per chunk instead of one per word);
# a lone space at the start or after a non-ASCII character (which may fold to nothing or
# to a space) still goes through ``space()``.
_SPECIAL = lazy_compile(
    rf"\s\s+|[^\S ]|^ |(?<=[^\x00-\x7f]) |[{re.escape(DASHES)}]+|[^\x00-\x7f{COPIED}]"
)
_SPACE_RUN = re.compile(r"\s+")


@cache
def _special_joined() -> re.Pattern[str]:
    """``_SPECIAL`` for text with a joiner: a letter older text writes with one (ന്‍) is
    read as the one character (ൻ) before the joiner would be left out, which made it another
    spelling. Compiled at the first such text, not as the package is imported, in the
    parent before any worker starts (some 2.5 ms)."""
    return re.compile(f"{JOINED_FORM.pattern}|{_SPECIAL.pattern}")


_BLOCK_END: Final = -1
"""The source of the space a block's end is (``Folder.separator``)."""
_LINE_END = -2
"""The source of the space a block's end is when the page shows the next block on its line."""


@dataclass(slots=True)
class Folder:
    """Builds folded text from pieces and maps folded offsets back to their origin.

    A piece's origin is ``(source, offset)``: ``source`` is any integer the
    caller uses to tell pieces apart (a token's index), ``offset`` a position
    in that piece's text.
    """

    parts: list[str] = field(default_factory=list)
    length: int = 0
    last_space: bool = True
    wide_end: str = ""
    """The character last emitted, as written, when it may be one of Chinese or Japanese
    (past ``_NARROW``); else empty."""
    # Parallel arrays, one entry per run: folded start, source, origin start,
    # step (1 when the run copies its origin, 0 when it stands for one unit), unit length.
    starts: list[int] = field(default_factory=list)
    runs: list[tuple[int, int, int, int]] = field(default_factory=list)
    shown: dict[int, str] = field(default_factory=dict)
    """What the space of a mark (``mark``) is shown as, by its source."""
    apart: set[int] = field(default_factory=set)
    """Folded offsets where two words meet that the page shows apart, nothing between them
    (``add_apart``): a quote may start or end there."""
    seen: set[int] = field(default_factory=set)
    """The runs of a space the page shows (``space``'s ``seen``): one the text holds, or a
    line break it draws (``<br>``), not a line that only wraps, nor a block end: taken back
    between two letters of Chinese or Japanese, one stays, of no folded text, as the page
    shows it (微信的 [教程](x) 和, a space either side of a link; 文本<br>内容, on two lines)."""
    marks: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)
    """The runs of a note's mark (a space shown as ¹), each with the white space and marks
    folded into it after it, as ``(source, offset, unit)``: ``unfolded`` shows them, so
    ``*plan¹* works`` is not shown ``plan¹works``."""
    spread: bool = False
    """Whether a run stood for one character of its origin folded to more than one (平成 of
    ㍻) at some time: if not, no folded character is ``inside`` one, and none is asked."""

    def text(self) -> str:
        return "".join(self.parts)

    def _emit(self, out: str, source: int, offset: int, step: int, unit: int) -> None:
        if self.marks and out[:1] in AFTER_A_WORD and self._mark_just_before():
            self._fold_back()  # "the plan¹, she said" is quoted "the plan, she said"
        self.parts.append(out)
        self.starts.append(self.length)
        self.runs.append((source, offset, step, unit))
        if not step and len(out) > 1:
            self.spread = True
        self.length += len(out)
        self.last_space = out.endswith(" ")
        if out != " ":
            self.wide_end = ""

    def _take_back_space(self, char: str) -> None:
        """Before ``char`` is emitted: take back the space just emitted when it stands
        between two letters of Chinese or Japanese (``unspaced``), as a line break that
        wraps such text, in the body or in a quote's YAML, is no space a reader sees or
        types. (Beside anything else a space stays: a block's end, a number, full-width
        punctuation before a Latin word, all of which the space parts.) The space of a
        mark the page shows (中文¹文本) stays a run of no folded text, for ``unfolded``."""
        between = self.last_space and self.parts[-1:] == [" "]
        if between and unspaced(char) and unspaced(self.wide_end):
            self._fold_back()

    def _mark_just_before(self) -> bool:
        """Whether the run last emitted is a mark's space with nothing folded into it yet."""
        last = len(self.runs) - 1
        return self.marks.get(last) == [] and self.parts[last] == " "

    def _fold_back(self) -> None:
        """Take back the space last emitted: the run goes, but that of a mark the page shows
        stays, of no folded text, so that ``unfolded`` still shows it (中文¹文本, plan¹,), and
        so does a block's end: the page shows two paragraphs, list items or table cells
        apart, and a statement that ran their words together (很好她说) read as one word."""
        last = len(self.runs) - 1
        self.length -= 1
        shown = last in self.seen or self.runs[last][0] == _BLOCK_END
        if (last in self.marks and self._shows(last)) or shown:
            self.parts[last] = ""
            return
        self.marks.pop(last, None)
        self.parts.pop()
        self.starts.pop()
        self.runs.pop()

    def separator(self) -> None:
        """A block boundary: white space, like the blank line between paragraphs in the source,
        so a quote may run from one paragraph into the next."""
        self.space(_BLOCK_END)

    def runs_on(self) -> None:
        """The block after the last one is shown on its line, as a line break joins them:
        the space of its end is one (``_fold_back``)."""
        last = len(self.runs) - 1
        if last >= 0 and self.runs[last][0] == _BLOCK_END and self.parts[last] == " ":
            self.runs[last] = (_LINE_END, *self.runs[last][1:])

    def barrier(self) -> None:
        """Text a reader sees that is not folded (a code block, a block of raw HTML, the
        start of the notes): no quote runs across it, as it would leave its words out."""
        if self.parts[-2:] != [BARRIER, " "]:  # one between two blocks of prose is enough
            self.separator()
            self._emit(BARRIER, -1, 0, 0, 0)
            self.separator()

    def space(self, source: int, offset: int = 0, unit: int = 0, seen: bool = False) -> None:
        """A space, made of ``unit`` characters of the source (0: of none it shows, as a
        line break; 1: of a note's mark, which the body's text is shown with); ``seen``: one
        the page shows, of white space the text holds or a line break it draws (``seen``)."""
        if not self.last_space:
            self._emit(" ", source, offset, 0, unit)
            if seen:
                self.seen.add(len(self.runs) - 1)
        elif (last := len(self.runs) - 1) in self.marks:
            self.marks[last].append((source, offset, unit))

    def mark(self, source: int, shown: str = "", offset: int = 0, unit: int = 0) -> None:
        """A note's mark: a space, as it stands apart from its word (forces¹ grew), made of
        ``unit`` characters of the source (¹) or, for one written as a tag
        (plan<sup>1</sup>), of none, which ``unfolded`` shows as ``shown`` (plan¹)."""
        if shown:
            self.shown[source] = shown
        last = len(self.runs) - 1
        if shown and self.marks.get(last) == [] and not self._shows(last):
            # After a mark shown as nothing (one linked to its note): this one is its space.
            self.runs[last] = (source, offset, 0, unit)
        elif self.last_space:
            self.space(source, offset, unit)
        else:
            self._emit(" ", source, offset, 0, unit)
            self.marks[len(self.runs) - 1] = []

    def _shows(self, run: int) -> bool:
        """Whether the space of mark ``run`` is shown as a mark (¹), not as nothing."""
        source, _, _, unit = self.runs[run]
        return bool(unit) or source in self.shown

    def add(self, text: str, source: int, plain: bool = False) -> None:
        """Fold ``text``; ``plain``: it is known to fold to itself, told of the text around
        it at once (``folds_to_itself``), not asked again here."""
        # A piece after inline markup starts with a space, which must not double one the
        # piece before ended with: as ``_SPECIAL``'s ``^ `` would, it goes through space().
        start = 1 if text[:1] == " " else 0
        if (plain or _folds_to_itself(text, start)) and not self._dash_goes_on(text):
            if start:
                self.space(source, seen=True)
            if len(text) > start:
                self._emit(text[start:], source, start, 1, 1)
            return
        self.scan(text, source)

    def add_plain(self, text: str, source: int) -> None:
        """``add`` of a text known to fold to itself (``plain``), most pieces of a body: its
        run emitted here rather than through ``_dash_goes_on`` and ``_emit``, calls that took
        a fifth of folding a body. Such a text is ASCII, of whose characters only ``-`` is a
        dash."""
        if text[:1] == "-" and self._dash_goes_on(text):
            self.scan(text, source)
            return
        start = 1 if text[:1] == " " else 0
        if start:
            self.space(source, seen=True)
        out = text[start:] if start else text
        if not out:
            return
        if self.marks:  # a mark's space before it may be folded back (``_emit``)
            self._emit(out, source, start, 1, 1)
            return
        self.parts.append(out)
        self.starts.append(self.length)
        self.runs.append((source, start, 1, 1))
        self.length += len(out)
        self.last_space = out[-1] == " "
        self.wide_end = ""  # ``out`` is no lone space: a space alone starts the text

    def add_apart(self, text: str, source: int) -> None:
        """``add`` a piece the page shows apart from the words beside it though nothing
        parts them in the text (an image shown as its text, a link of its own: ``said``
        and ``image`` in ``said![](x.png)``): its two ends go to ``apart``."""
        first = max(len(self.runs) - 1, 0)  # the space before, which adding may take back
        self.add(text, source)
        own = [i for i in range(first, len(self.runs)) if self.runs[i][0] == source]
        if own:
            self.apart.add(self.starts[own[0]])
            self.apart.add(self.starts[own[-1]] + len(self.parts[own[-1]]))

    def scan(self, text: str, source: int) -> None:
        """``add`` by the regex alone (what ``add`` does with any text it cannot tell folds
        to itself)."""
        pos = 0
        special = _special_joined() if _JOINER in text else _SPECIAL
        for m in special.finditer(text):
            if m.start() > pos:
                self._copy(text, pos, m.start(), source)
            self._fold_special(m.group(), source, m.start())
            pos = m.end()
        if pos < len(text):
            self._copy(text, pos, len(text), source)

    def _copy(self, text: str, start: int, end: int, source: int) -> None:
        """``text[start:end]``, which folds to itself (ASCII and ``COPIED``), as one run,
        around which the space and the last letter are told as ``_fold_special`` tells them
        of its letters one by one."""
        if text[start] > _NARROW:
            self._take_back_space(text[start])
        self._emit(text[start:end], source, start, 1, 1)
        if not text[end - 1].isascii():
            self.wide_end = text[end - 1]

    def _dash_goes_on(self, text: str) -> bool:
        """Whether ``text`` starts with a dash that goes on a run of them the text before
        ended with (``-`` in code, then ``-prefixed``): a run folds to one dash however
        markup, or an invisible character, splits it."""
        if not text or text[0] not in DASHES or not self.parts:
            return False
        return self.parts[-1].endswith("-")

    def _fold_special(self, run: str, source: int, offset: int) -> None:
        first = run[0]
        if run in _ONE_LETTER:
            self._emit(_ONE_LETTER[run], source, offset, 0, len(run))
        elif first.isspace():
            # A space that keeps words together is shown as written (1 000 €, « Oui »).
            self.space(source, offset, len(run) if unbreakable(run) else 0, seen=True)
        elif first in DASHES:
            if not self._dash_goes_on(run):
                self._emit("-", source, offset, 0, len(run))
        elif raised(first):
            self._raised(first, source, offset)
        elif first == "\u0308" and self._last() in ("е", "Е"):
            return  # е and a diaeresis: ё written decomposed, folded as ё is
        elif first == _MADDA and self._last() != _ALEF:
            return  # prolonging a letter, as the Quran's text marks it: not part of it
        elif first == _JOINER and self._after_emoji():
            self._emit(first, source, offset, 0, 1)
        elif first in _IGNORABLE:
            return
        elif first in _QUOTES:
            self._emit(_QUOTES[first], source, offset, 0, 1)
        else:
            folded = _fold_char(first)
            if not folded:
                return
            if folded.isspace():
                self.space(source, offset, seen=True)
            elif self._out_of_order(folded, source, offset):
                self._reorder(folded)
            else:
                if first > _NARROW:
                    self._take_back_space(first)
                self._emit(folded, source, offset, 0, 1)
                self.wide_end = first  # as written: "，" folds to ","

    def _out_of_order(self, folded: str, source: int, offset: int) -> bool:
        """Whether ``folded``, a character's folded form, starts with a combining mark that
        Unicode's canonical order puts before the last mark of the character just before it
        in the same piece: ê and a dot below (as Vietnamese keyboards type ệ) are ệ, whose
        marks fold the other way round."""
        mark = unicodedata.combining(folded[0])
        if not mark or not self.runs:
            return False
        last_source, last_offset, step, unit = self.runs[-1]
        adjacent = last_source == source and last_offset + unit == offset and not step
        short = len(self.parts[-1]) <= _MAX_CLUSTER  # each merge sorts the letter's marks again
        return adjacent and short and unicodedata.combining(self.parts[-1][-1]) > mark

    def _reorder(self, folded: str) -> None:
        """Folds ``folded`` into the character before it (``_out_of_order``), the marks of
        the two in canonical order, as one unit of their origin."""
        source, offset, _, unit = self.runs[-1]
        merged = unicodedata.normalize("NFD", self.parts[-1] + folded)
        self.length += len(merged) - len(self.parts[-1])
        self.parts[-1] = merged
        self.runs[-1] = (source, offset, 0, unit + 1)
        self.spread = True

    def add_exponent(self, text: str, source: int) -> None:
        """The superscript characters of an exponent written as a tag (10<sup> 6 </sup>):
        each after the number, whatever white space the tag holds around them."""
        body = text.strip()
        at = text.index(body) if body else 0
        for offset, char in enumerate(body, at):
            self._emit(char, source, offset, 0, 1)
        if body and text[at + len(body) :]:
            self.space(source, at + len(body))

    def _raised(self, char: str, source: int, offset: int) -> None:
        """A superscript or subscript character. A letter (19ᵗʰ, nº) or a subscript (CO₂) is
        read as part of its word. Other superscripts are an exponent after a number (10⁶,
        kept as written: 10 is not 10⁶, nor is 106) and else a note's mark, which stands
        apart from the word before it and which a quote may leave out (forces¹)."""
        if unicodedata.category(char)[0] == "L" or unicodedata.decomposition(char).startswith(
            "<sub>"
        ):
            self._emit(unicodedata.normalize("NFKD", char), source, offset, 0, 1)
        elif self.in_number() and unicodedata.category(char) in _EXPONENT:
            self._emit(char, source, offset, 0, 1)
        else:
            self.mark(source, offset=offset, unit=1)

    def _last(self) -> str:
        """The character last emitted, or nothing."""
        return self.parts[-1][-1:] if self.parts else ""

    def in_number(self) -> bool:
        """Whether the character last emitted is a digit or an exponent's: a superscript
        after it is an exponent."""
        last = self._last()
        return last.isdecimal() or (last != "" and raised(last))

    def _after_emoji(self) -> bool:
        """Whether the character last emitted ends an emoji (a pictograph or a skin tone; the
        variation selector that may follow is not emitted): a joiner after it makes one emoji
        of two (👩‍💻), which a quote must not cut, while one in Indic text only shapes letters."""
        last = self._last()
        return bool(last) and unicodedata.category(last) in ("So", "Sk")

    def inside(self, pos: int) -> bool:
        """Whether the folded character at ``pos`` is not the first that one character of
        the original folded to (成 of ㍻, folded 平成): no quote starts or ends there."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and not self.runs[i][2] and self.starts[i] < pos < self.length

    def inside_test(self) -> Callable[[int], bool] | None:
        """``inside``, or None when no folded character can be inside one (``spread``): the
        search for a quote then asks nothing of its ends."""
        return self.inside if self.spread else None

    def origin(self, pos: int) -> tuple[int, int, int]:
        """``(source, start, end)`` in the original of the folded character at ``pos``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        source, offset, step, unit = self.runs[i]
        start = offset + (pos - self.starts[i]) * step
        return source, start, start + unit

    def unfolded(self, start: int, end: int, piece: Callable[[int], str]) -> str:
        """The text that the folded characters from ``start`` to ``end`` were folded from,
        ``piece(source)`` being each piece as added; a space where one was made of no
        character (a line break, the end of a block). What folding left out between two
        characters of a piece, or after the last, that the page shows (``_points``: vowel
        points, superscripts, joiners) is put back: the text reads as the body writes it
        (التَّعْلِيم, not التعليم; 50 m², not 50 m)."""
        copied = self._copied(start, end)
        if copied is not None:  # most quotes: in one piece of text that folds to itself
            source, begin, stop = copied
            text = piece(source)
            return text[begin:stop] + _points_after(text, stop)
        return self._unfolded_runs(start, end, piece)

    def _unfolded_runs(self, start: int, end: int, piece: Callable[[int], str]) -> str:
        """``unfolded``, run by run: what each run was folded from, and what folding left
        out between runs and after the last."""
        out: list[str] = []
        last: tuple[int, int] | None = None
        """The source and the end in it of the run before."""
        after: list[tuple[int, int, int]] = []
        """What the run before, a mark, is followed by (``marks``)."""
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        while i < len(self.runs) and self.starts[i] < end:
            source, offset, step, unit = self.runs[i]
            if step:  # a run copied from its origin: the part of it inside the range
                low = max(start - self.starts[i], 0)
                high = min(end - self.starts[i], len(self.parts[i]))
                begin, stop = offset + low, offset + high
                written = piece(source)[begin:stop]
            else:
                begin, stop = offset, offset + unit
                written = self._space_shown(source, offset, unit, piece)
                written = self.parts[i] if _raised_from(self.parts[i], written) else written
            if last is not None and last[0] == source >= 0 and last[1] < begin:
                out.append(_points(piece(source)[last[1] : begin]))
            else:  # what followed the mark in another piece, or at a block's end
                out.append(_marks_after(last, piece))
                if after:
                    out.extend(self._space_shown(*space, piece) for space in after)
            out.append(written)
            last = (source, stop)
            after = self.marks.get(i, [])
            i += 1
        out.append(_marks_after(last, piece))
        return "".join(out)

    def _copied(self, start: int, end: int) -> tuple[int, int, int] | None:
        """``(source, start, end)`` in the original of the folded characters from ``start``
        to ``end`` when they are all of one run copied from it, else None."""
        i = bisect.bisect_right(self.starts, start) - 1
        if not start < end or i < 0 or end > self.starts[i] + len(self.parts[i]):
            return None
        source, offset, step, _ = self.runs[i]
        if not step or source < 0:
            return None
        return source, offset + start - self.starts[i], offset + end - self.starts[i]

    def _space_shown(self, source: int, offset: int, unit: int, piece: Callable[[int], str]) -> str:
        """A space made of ``unit`` characters of ``source`` as the page shows them (¹, a
        no-break space), or one of none: a mark written as a tag (``shown``) or a space."""
        return piece(source)[offset : offset + unit] if unit else self.shown.get(source, " ")


def _marks_after(last: tuple[int, int] | None, piece: Callable[[int], str]) -> str:
    """What the page shows right after the end of ``last`` (a run's source and end in it)
    that folding left out: the vowel points or the selector of its last letter (``كتابٌ``,
    ``❤️``), where its piece ends (``**كتابٌ**``) or a line break follows it."""
    if last is None or last[0] < 0:
        return ""
    return _points_after(piece(last[0]), last[1])


def _points_after(text: str, at: int) -> str:
    """``_points`` of the marks that follow ``at`` in ``text``."""
    end = past_marks(text, at)
    return _points(text[at:end]) if end > at else ""


def _points(text: str) -> str:
    """What of ``text`` folding left out that the page shows: vowel points and tatweel,
    superscripts read as a note's mark (m², mc², ™), and the joiners of Persian and Indic
    letters."""
    return "".join(
        char
        for char in text
        if char in _OPTIONAL_MARKS
        or char in _KEPT_IN_SHOWN
        or char == _MADDA
        or raised(char)
        or char.isspace()
    )


def _raised_from(folded: str, written: str) -> bool:
    """Whether ``folded`` is a superscript made of a character written plain, in a
    ``<sup>``: the page shows 10⁶, where the source has 10<sup>6</sup>."""
    return len(folded) == 1 and raised(folded) and not raised(written)


def _folds_to_itself(text: str, start: int) -> bool:
    """True for text from ``start`` on that ``_SPECIAL`` finds nothing in but lone hyphens
    (which fold to themselves), told by string methods alone: most pieces of prose are
    such text, and scanning them with the regex took most of the time of folding them.
    Printable ASCII holds no white space but the space, so the only runs left to fold are
    two spaces, two hyphens and a space at the start."""
    return (
        text.isascii()
        and printable_ascii(text)
        and "  " not in text
        and "--" not in text
        and text[start : start + 1] != " "
    )


def folds_to_itself(text: str) -> bool:
    """Whether ``text`` is printable ASCII without two spaces or two hyphens in a row: then
    so is every part of it, which ``Folder.add`` copies as it is (``plain``). A block's texts
    are told so joined, at once: ``str.isprintable`` looks each character up in Unicode's
    tables (some 26 instructions a character), where translating the encoded text takes a
    few (``printable_ascii``), and a hyphen is looked for alone first (by ``memchr``)."""
    return (
        text.isascii()
        and "  " not in text
        and ("-" not in text or "--" not in text)
        and printable_ascii(text)
    )


def printable_ascii(text: str) -> bool:
    """Whether ``text``, ASCII, is printable: its bytes translated by a table that keeps
    the printable ones and changes the others come back as they are (``translate`` gives
    the same object back when it changes nothing), in a loop of a few instructions a byte,
    where deleting the printable ones took some 13."""
    encoded = text.encode()
    return encoded.translate(_KEEPS_PRINTABLE) is encoded


def printable(text: str) -> bool:
    """``text.isprintable()``, told of ASCII text (the most) by ``printable_ascii``: a few
    instructions a character, where ``str.isprintable`` looks each up in Unicode's tables
    (some 26), called as a method of Python (some 150 more)."""
    return printable_ascii(text) if text.isascii() else text.isprintable()


_KEEPS_PRINTABLE: Final = bytes(c if 0x20 <= c < 0x7F else c ^ 0x80 for c in range(256))


_MAX_CLUSTER = 32
"""Marks on one letter put in canonical order at most (Unicode's stream-safe text has at
most 30 in a row): a body of one letter and 100,000 marks sorted them 100,000 times."""
_NARROW = "\u10ff"
"""Characters up to this one are of no script written without spaces that ``unspaced``
tells: text of them is never looked at letter by letter."""


@cache
def _spaced_wide() -> re.Pattern[str]:
    """Hangul (its half-width letters too), and the full-width Latin letters and digits.
    Compiled at the first wide letter, not as the package is imported (some 2 ms)."""
    return re.compile(
        "[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff\uffa0-\uffdc"
        "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
    )


def unspaced(char: str) -> bool:
    """A letter (or mark, or punctuation) of Chinese or Japanese, which are written without
    spaces between words and drawn full width, or half width as the katakana of older
    systems are (``ｶﾀｶﾅ``): a line break between two of them is no space, as the CSS rule
    for line breaks has it (Firefox shows none; Chrome shows one, a gap inside a word).
    Korean, full width too, puts spaces between its words, and so do the full-width forms
    of Latin letters and digits (``ＧＤＰ``)."""
    return (
        char > _NARROW
        and unicodedata.east_asian_width(char) in ("W", "F", "H")
        and unicodedata.category(char)[0] in "LMP"
        and _spaced_wide().match(char) is None
    )


_UNBREAKABLE = frozenset("\u00a0\u2007\u2009\u200a\u202f")
"""Spaces that typography puts where a line must not break, or a thin gap: between a
number's thousands (1 000 €), before French punctuation (« Oui ! »), after an initial."""
HOLDS_UNBREAKABLE = lazy_compile(f"[{''.join(sorted(_UNBREAKABLE))}]")


def unbreakable(text: str) -> bool:
    """Whether ``text`` is such spaces alone (``_UNBREAKABLE``): a statement shows them as
    the body writes them, where it shows any other run of white space as one space."""
    return bool(text) and all(char in _UNBREAKABLE for char in text)


def past_marks(text: str, end: int) -> int:
    """``end`` moved past the marks (and tatweel) that belong to the letter before it: a
    highlight ending at a letter takes its vowel points, which folding left out."""
    while (
        end < len(text)
        and text[end] >= _FIRST_MARK
        and (unicodedata.category(text[end])[0] == "M" or text[end] in _OPTIONAL_MARKS)
    ):
        end += 1
    return end


_FIRST_MARK: Final = "\u0300"
"""No character before the first combining mark is a mark or one of ``_OPTIONAL_MARKS``:
told by one comparison, most text is followed by none (Unicode's tables are looked up for
the others)."""


def raised(char: str) -> bool:
    """A superscript or subscript character: a note's mark (¹) or an exponent (²). No ASCII
    character is one, told without looking it up (most characters asked of)."""
    return not char.isascii() and unicodedata.decomposition(char).startswith(("<super>", "<sub>"))


def _fold_char(ch: str) -> str:
    if ch in _VARIANTS:
        return _VARIANTS[ch]
    if ch == _WAVE_DASH:
        return "~"
    if _HANGUL_LETTERS[0] <= ch <= _HANGUL_LETTERS[1]:
        return ch  # ㅋ, ㅠ: letters written alone, not the parts of a syllable (ㅋㅠ is not 큐)
    decomposed = unicodedata.normalize("NFKD", ch)
    out = []
    for c in decomposed:
        if c in _QUOTES:
            out.append(_QUOTES[c])
        elif c in DASHES:
            out.append("-")
        elif c.isspace():
            out.append(" ")
        elif c not in _IGNORABLE:
            out.append(_VARIANTS.get(c, c))
    return "".join(out)


_HANGUL_LETTERS = ("\u3131", "\u318e")
"""Korean letters written as letters (Hangul compatibility jamo), which NFKD turns into the
parts of a syllable."""


def fold(text: str) -> str:
    """The folded form of a plain text: what quote verification compares."""
    # Most quotes are text that folds to itself (see ``Folder.add``): told by string methods,
    # without making a ``Folder``, which took half the time of folding them.
    if _folds_to_itself(text, 1 if text[:1] == " " else 0):
        return text.strip()
    folder = Folder()
    folder.add(text, 0)
    return folder.text().strip()


# A site names a few hundred concepts and speakers tens of thousands of times over.
@lru_cache(maxsize=8192)
def fold_name(name: str) -> str:
    """The key a concept or speaker name is known by: NFKC, white space folded, case-free
    (but for ß, which is no ss: Maße and Masse are two words), and read as quotes are: with
    or without the vowel points of Arabic and Hebrew, the Persian yeh and kaf as the Arabic
    ones, ё as е, the Turkish İ and ı as I and i."""
    return name_form(name)


_TURKISH_I = {"\u0130": "I", "\u0131": "i"}
"""Turkish and Azerbaijani write i and ı as two letters, İ and I their capitals, and
language-neutral case folding makes İ an i with a dot above and leaves ı: a name written in
capitals (İKLİM, KONUŞMACI) would not be the name written in small letters. Names are
matched ignoring case in either alphabet, so all four are one letter in a name (kır and
kir too: the price of a key that does not depend on the site's language). Quotes keep them
apart."""
_NAME_LETTERS = _VARIANTS | _TURKISH_I


def name_form(name: str, variants: bool = True) -> str:
    """``fold_name``, not remembered: for text that names concepts (``suggest``'s sentences).
    Without ``variants``, a letter ``_VARIANTS`` or ``_TURKISH_I`` reads as another is kept
    as written (the heading of the A–Z index shows a Persian ی as such)."""
    normal = unicodedata.normalize("NFKC", name)
    if _JOINER in normal:
        normal = one_letter(normal)  # ന്‍ as ൻ, before the joiner is left out
    table = _NAME_LETTERS if variants else {}
    read = "".join(table.get(char, char) for char in normal if char not in _IGNORABLE)
    spaced = _SPACE_RUN.sub(" ", read).strip().replace("\u1e9e", "ß")
    # Case folding spells a few letters out (Greek ΐ as ι and two accents): composed again,
    # as the concepts filter's script reads what is typed, so Μαΐου finds itself.
    return unicodedata.normalize("NFC", "ß".join(part.casefold() for part in spaced.split("ß")))


_BLANK = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0"
    + "".join(
        map(
            chr,
            [
                *range(0x2061, 0x2065),
                *range(0x206A, 0x2070),
                *range(0x1BCA0, 0x1BCA4),
                *range(0x1D173, 0x1D17B),
                0xE0001,
                *range(0xE0020, 0xE0080),
            ],
        )
    )
)
"""What is drawn as nothing too, though text keeps it (quotes and names are compared with
it): the Hangul fillers (letters to Unicode, a blank to a reader, a name that shows nothing
on chat sites), the braille blank, the combining grapheme joiner, Khmer's inherent vowels,
Mongolian's vowel separator, invisible operators, format controls and tags."""
_UNDRAWN = dict.fromkeys(map(ord, _BLANK - {"\u180e", "\u2800"}))
"""What ``blanks_left_out`` leaves out: ``_BLANK`` but Mongolian's vowel separator, which
chooses the form of a vowel, and the braille blank, which a reader sees as a space."""


def blanks_left_out(text: str) -> str:
    """``text`` without the characters drawn as nothing that Unicode counts as letters or
    marks (a Hangul filler, the combining grapheme joiner) or as separators between words
    (tags): what no address may hold. ``gloㅤrp`` was given the address ``gloᅠrp``, which a
    reader sees as ``glorp`` and which is another page than glorp's."""
    return text.translate(_UNDRAWN)


def unseen_escaped(text: str) -> str:
    """``text`` with each character no one sees (``_INVISIBLE``, ``_BLANK``) written as an
    escape (``\\u3164``): a diagnostic about two names that look alike shows how they differ."""
    if text.isascii():
        return text
    return "".join(
        (f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}")
        if c in _INVISIBLE or c in _BLANK
        else c
        for c in text
    )


def visible(text: str) -> bool:
    """Whether ``text`` holds a character a reader sees: not only white space, or the
    invisible characters pasted with it (``_INVISIBLE``) or drawn as nothing (``_BLANK``)."""
    if text.isascii():  # no ASCII character is invisible
        return not text.isspace() and text != ""
    return any(
        not char.isspace() and char not in _INVISIBLE and char not in _BLANK for char in text
    )


def squash_space(text: str) -> str:
    """Collapse runs of white space to one space, for display of names and titles."""
    if printable(text) and "  " not in text:
        # Of the white space, only the space is printable: no run to collapse (most names
        # and titles), told in C where the regex replaced each space by one (5 µs a quote).
        return text.strip()
    return _SPACE_RUN.sub(" ", text).strip()


def cluster_start(text: str, at: int) -> int:
    """``at`` moved back to the start of the character as a reader sees it (the grapheme
    cluster) that it falls in: a cut there leaves no accent without its letter and no part
    of an emoji sequence or a flag."""
    at = min(max(at, 0), len(text))
    while 0 < at < len(text) and _extends(text, at):
        at -= 1
    return at


DIRECTION_CLOSERS = {
    **dict.fromkeys("\u202a\u202b\u202d\u202e", "\u202c"),  # embeddings, overrides: PDF
    **dict.fromkeys("\u2066\u2067\u2068", "\u2069"),  # isolates: PDI
}
"""The character that closes each writing-direction embedding, override and isolate."""
_DIRECTION = lazy_compile("[\u202a-\u202e\u2066-\u2069]")
_PDI = "\u2069"


def left_open_directions(text: str) -> list[int]:
    """Where in ``text`` each embedding, override and isolate stands that it opens and
    leaves open, outermost first (a PDI also closes what its isolate opened inside it)."""
    if text.isascii() or _DIRECTION.search(text) is None:  # the controls are not ASCII
        return []
    stack: list[int] = []
    isolates = 0
    for found in _DIRECTION.finditer(text):
        char = found[0]
        if char in DIRECTION_CLOSERS:
            stack.append(found.start())
            isolates += DIRECTION_CLOSERS[char] == _PDI
        elif char == _PDI and isolates:
            while DIRECTION_CLOSERS[text[stack.pop()]] != _PDI:
                pass
            isolates -= 1
        elif char == "\u202c" and stack and DIRECTION_CLOSERS[text[stack[-1]]] == char:
            stack.pop()
    return stack


def shorten(text: str, limit: int) -> str:
    """``text``, or its first ``limit - 1`` characters or fewer, cut between whole
    characters as a reader sees them, and an ellipsis. A writing-direction control the cut
    parts from its closer is closed before the ellipsis: the value was closed whole
    (``load``), but its start left a right-to-left override open in a feed entry's title or
    a page's description, turning around the ellipsis and what a reader shows after it."""
    if len(text) <= limit:
        return text
    return _ended(text[: cluster_start(text, limit - 1)].rstrip(), "…")


def truncate(
    text: str, length: int = 255, killwords: bool = False, end: str = "...", leeway: int = 5
) -> str:
    """Jinja's ``truncate`` filter, which templates use (a statement's text in an article's
    list of them), cut as ``shorten`` cuts: between whole characters as a reader sees them,
    a direction control closed before ``end``. Jinja's own cut at a character: in Thai, or
    Chinese, written without spaces, a tone mark came off its letter (``เพิ่ม`` shown
    ``เพิ``), a joined emoji was cut at its joiner, and a right-to-left override left open
    turned ``end`` around."""
    if len(text) <= length + leeway:
        return text
    kept = text[: cluster_start(text, length - len(end))]
    if not killwords and " " in kept:
        kept = kept.rsplit(" ", 1)[0]
    return _ended(kept.rstrip(), end)


def _ended(kept: str, end: str) -> str:
    """``kept``, the start of a text, with the direction controls it leaves open closed,
    then ``end``."""
    closers = "".join(DIRECTION_CLOSERS[kept[at]] for at in reversed(left_open_directions(kept)))
    return kept + closers + end


def _extends(text: str, at: int) -> bool:
    """Whether ``text[at]`` belongs to the cluster of the character before it."""
    char, before = text[at], text[at - 1]
    code = ord(char)
    if unicodedata.category(char)[0] == "M" or "\u200d" in (char, before):
        return True  # a combining mark, or either side of a zero-width joiner
    if char in VARIATION_SELECTORS or 0x1F3FB <= code <= 0x1F3FF or 0xE0000 <= code <= 0xE01EF:
        return True  # variation selectors, skin tones, the tags of subdivision flags
    if regional(char) and regional(before):  # flags are pairs of regional indicators
        run = at
        while run > 0 and regional(text[run - 1]):
            run -= 1
        return (at - run) % 2 == 1
    return False


def regional(char: str) -> bool:
    """A regional indicator letter: two of them make a flag (🇫🇷)."""
    return 0x1F1E6 <= ord(char) <= 0x1F1FF
