"""Words in the middle of unspaced text, for the search index: Chinese, Japanese, Thai, Lao,
Khmer and Burmese are written without spaces between words.

Pagefind matches the beginnings of words, and splits text into words at spaces (the site's
one index is in its own language, ``search.index_site``), so on an English site a line of
Chinese is one word to it: ``发言人`` found the paragraph ``发言人说格洛普计划进展顺利``, but
``进展顺利`` did not. Each such block of a body gets the pairs of letters of its unspaced
runs (``进展 展顺 顺利``...) in an attribute the index reads and readers do not see, the
way CJK search engines index bigrams; Pagefind cuts a query in such a script into pieces
that match them (a query of ``进展顺利`` or ``くいった`` finds the page). The search page
makes its excerpts of the text a reader sees, without them.

A letter written two ways (the Persian and the Arabic yeh and kaf, ``textnorm.fold_variants``)
is read as one in search as in quotes: a word holding such a letter is indexed folded too, and
the search page folds a query the same way, so ``كتاب`` typed on an Arabic keyboard finds the
Persian ``کتاب``.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from typing import TYPE_CHECKING

from markupsafe import Markup

from concordance import textnorm
from concordance.lazy_patterns import lazy_compile
from concordance.textnorm import JOINED_FORM, letter_variants, one_letter, without_selectors
from concordance.tokens import ours

if TYPE_CHECKING:  # ``views`` uses ``terms`` in render workers: markdown-it is not needed
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

    from concordance.tokens import Token

TERMS_OPEN, TERMS_CLOSE = "⟦", "⟧"
"""Around the words that are for the search index only (these pairs, an alias's suffixes):
``templates/static/search.js`` cuts them, and what is between them, out of the excerpts."""
_BLOCKS = frozenset({"paragraph_open", "heading_open", "callout_title_open", "th_open", "td_open"})
_UNSPACED = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x31F0, 0x31FF),  # katakana extensions
    (0x3400, 0x9FFF),  # Han
    (0xF900, 0xFAFF),  # Han compatibility
    (0xFF65, 0xFF9F),  # half-width katakana
    (0x20000, 0x3FFFF),  # Han, supplementary planes
)
"""Scripts written without spaces between words. Korean, Arabic and Hebrew are spaced (their
particles join a word at its end, and Pagefind finds a word by its beginning)."""


def enable(md: MarkdownIt) -> None:
    """Give the blocks of text that ``md`` parses their pairs of unspaced letters."""
    md.core.ruler.push("search_terms", _search_terms)


UNINDEXED = "unindexed"
"""``env`` key: when true, the blocks get no terms. ``suggest`` reads a body's text and
writes no page: the terms of a huge body of Chinese or Thai took two fifths of its time."""


_UNSPACED_CLASS = "".join(f"{chr(low)}-{chr(high)}" for low, high in _UNSPACED)


@functools.cache
def _unspaced_text() -> re.Pattern[str]:
    """A class of ``_UNSPACED_CLASS``: its 29,000 letters took some 8 ms to compile, as did
    each of the two classes below holding them, as the package was imported, in the parent
    before any worker starts. Each is compiled at the first text not of ASCII that needs it,
    since they find no ASCII: a site of ASCII never compiles them."""
    return re.compile(f"[{_UNSPACED_CLASS}]")


_WORD_MARKS = {"\u0f0b": " ", "\u0f0c": " ", "\u1361": " "}
"""What ends a word, or a syllable, in scripts that write no space there: Tibetan's tsheg
(་, and its unbreakable form ༌) and Ethiopic's wordspace (፡). Pagefind splits text at spaces
alone, so a line of them was one word to it, and no word after the first was found."""
_STROKED = dict(zip("łŁøØđĐðÐħĦŧŦ", "llooddddhhtt", strict=True))
"""Latin letters with a stroke (and the eth), which no keyboard without them types.
Pagefind leaves accents off (``Besançon`` is found as ``Besancon``), but these are letters
of their own to Unicode, not a letter and an accent: ``Lodz`` found no ``Łódź``, and
``Orsted`` no ``Ørsted``."""
_FULL_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
"""Full-width Latin letters, digits and signs (``ＧＤＰ``, ``２０２４``), which Chinese and
Japanese text writes and a query typed on another keyboard does not: ``GDP`` found no
``ＧＤＰ``. As the ASCII characters NFKC makes of them, as quotes read them."""
_SPELLED_OUT = {
    "ß": "ss",
    "ẞ": "ss",
    "æ": "ae",
    "Æ": "ae",
    "œ": "oe",
    "Œ": "oe",
    "þ": "th",
    "Þ": "th",
} | {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
"""Letters that a keyboard without them spells out (``strasse``, ``oeuvre``, ``aero``), and
the Latin ligatures of text pasted from a PDF (``ﬁnance``): Pagefind reads them as
themselves, so ``strasse`` found no ``Straße``, nor ``finance`` ``ﬁnance``."""
_SEARCH_VARIANTS = (
    letter_variants()
    | {"\u0131": "i", "\u0130": "i"}
    | _STROKED
    | _FULL_WIDTH
    | _SPELLED_OUT
    | _WORD_MARKS
)
"""The letters written two ways that quotes read as one (``textnorm.letter_variants``), and
for search the Turkish dotless ı and dotted İ as i, as concept and speaker names read them:
Pagefind lowers ``IŞIK`` to ``işik``, which found no ``ışık``, and an ``İklim`` of the text
to an i with a combining dot, which no typed ``iklim`` found; ``_STROKED`` and
``_FULL_WIDTH``. And ``_WORD_MARKS`` as spaces.
Each is one character for one, but ``_SPELLED_OUT``'s for two: the search page finds a
matched term's place in the text shown by folding it so."""
_SEARCH_FOLD = str.maketrans(_SEARCH_VARIANTS)
_STRETCHED = re.compile("[\u0640\ufb50-\ufdff\ufe70-\ufefe]")
"""The Arabic tatweel, which stretches a word to justify its line (الخطـــة), and Arabic's
presentation forms (ﺍﻟﺨﻄﺔ, text pasted from an old PDF): a word holding them is indexed
without them too, as the letters typed (الخطة), which quotes read it as. Only in the index:
nobody types them in a query."""
_ZERO_WIDTH_JOINER = "\u200d"
_VARIANT_TEXT = lazy_compile(
    f"[{re.escape(''.join(_SEARCH_VARIANTS))}]|{_STRETCHED.pattern}|{JOINED_FORM.pattern}"
)


@functools.cache
def _indexed_text() -> re.Pattern[str]:
    """Text that may have terms for the index: an unspaced letter, a letter written two ways, or
    the joiner that ends an older letter's spelling (``JOINED_FORM``). One class: a body is
    looked at in C, and letter by letter only where it holds one (in Python, every block of an
    English body took 2.8 ms an article more); the alternation of ``_VARIANT_TEXT`` took four
    times as long as the class for 6 KB of English with curly quotes (925 µs against 210).
    Compiled at the first text that is not ASCII (see ``_unspaced_text``)."""
    return re.compile(
        f"[{_UNSPACED_CLASS}{re.escape(''.join(_SEARCH_VARIANTS))}"
        f"{_STRETCHED.pattern[1:-1]}{_ZERO_WIDTH_JOINER}]"
    )


def query_rules() -> str:
    """What the search page's script needs to read a query as this module reads text: the
    characters of the unspaced scripts (a regular expression's class) and the letters written
    two ways with the one each is read as, as JSON."""
    # Escaped: the class ends at U+3FFFF, a noncharacter, which a page must not hold as such.
    return json.dumps({"unspaced": _UNSPACED_CLASS, "variants": _SEARCH_VARIANTS})


def unspaced(char: str) -> bool:
    return not char.isascii() and _unspaced_text().match(char) is not None


def pairs(text: str) -> list[str]:
    """Every pair of neighbouring letters in the unspaced runs of ``text``, in order, once
    each; a run of one letter is itself. A letter is a character with the marks that follow
    it (Thai vowels and tone marks). Half-width katakana is paired as the full-width letters
    it stands for, as quotes read it (``ｸﾞﾛｰﾌﾟ`` is ``グロープ``), and the search page reads
    a query so too; a variation selector is left out, as quotes and names leave it (``葛󠄀飾``
    is ``葛飾``)."""
    found: dict[str, None] = {}
    for run in _runs(without_selectors(_HALF_WIDTH.sub(_full_width, text))):
        if len(run) == 1:
            found[run[0]] = None
        for at in range(len(run) - 1):
            found[run[at] + run[at + 1]] = None
    return list(found)


_HALF_WIDTH = lazy_compile("[\uff65-\uff9f]+")


def _full_width(found: re.Match[str]) -> str:
    # NFKC composes a letter and its half-width sound mark (ｸﾞ) into one (グ).
    return unicodedata.normalize("NFKC", found.group())


def _runs(text: str) -> list[list[str]]:
    """The unspaced runs of ``text``, each as its letters."""
    runs: list[list[str]] = []
    run: list[str] = []
    letter = _unspaced_text().match
    for char in text:
        if not letter(char):
            if run:
                runs.append(run)
            run = []
        elif unicodedata.category(char)[0] == "M" and run:
            run[-1] += char
        else:
            run.append(char)
    if run:
        runs.append(run)
    return runs


def folded_words(text: str) -> list[str]:
    """The words of ``text`` that hold a letter written two ways, folded
    (``_SEARCH_VARIANTS``, ``_STRETCHED``), once each."""
    words = (
        _unstretched(w.translate(_SEARCH_FOLD)) for w in text.split() if _VARIANT_TEXT.search(w)
    )
    return list(dict.fromkeys(words))


@functools.cache
def _unspaced_or_space() -> re.Pattern[str]:
    """Compiled at the first text that is not ASCII (see ``_unspaced_text``)."""
    return re.compile(f"[{_UNSPACED_CLASS}\\s]+")


_LETTER_OR_DIGIT = lazy_compile(r"[^\W_]")


def written_onto(text: str) -> list[str]:
    """The words of other scripts written onto unspaced text with no space between (``AI`` of
    ``日本はAI技術を``, ``ＧＤＰ`` of ``日本のＧＤＰは``, ``R&D`` of ``功能R&D部门``), folded
    (``_SEARCH_VARIANTS``): Pagefind reads the block as one word, which starts with none
    of them, and their letters make no pairs."""
    spaced = set(text.split())
    return [
        word.translate(_SEARCH_FOLD)
        for word in _unspaced_or_space().split(text)
        if word not in spaced and _LETTER_OR_DIGIT.search(word)
    ]


def _unstretched(word: str) -> str:
    """``word`` without tatweel, with Arabic's presentation forms as the letters they are
    (``_STRETCHED``), and a letter encoded twice as its one character (``one_letter``)."""
    if _STRETCHED.search(word) is not None:
        word = unicodedata.normalize("NFKC", word).replace("\u0640", "")
    # A Malayalam chillu written as older text writes it (ന്‍) as the letter (ൻ), as
    # keyboards type it today and quotes read it.
    return one_letter(word)


def terms(text: str) -> str:
    """The pairs of ``text`` and its folded words as the index reads them, between
    ``TERMS_OPEN`` and ``TERMS_CLOSE``; empty when it holds neither an unspaced letter nor
    a letter written two ways."""
    if text.isascii() or not _indexed_text().search(text):
        return ""  # most text: one scan in C (18 µs for 6 KB; isascii, 0.03 µs)
    # Letter by letter only where there is an unspaced letter: a Polish body's ł is common.
    unspaced_terms = pairs(text) + written_onto(text) if _unspaced_text().search(text) else []
    found = list(dict.fromkeys(unspaced_terms + folded_words(text)))
    return " ".join([TERMS_OPEN, *found, TERMS_CLOSE]) if found else ""


def attributes(text: str) -> Markup:
    """The attributes that give an element of ``text`` (a page's title) its ``terms``:
    what a template writes in its tag."""
    found = terms(text)
    if not found:
        return _NO_ATTRIBUTES  # most titles: one Markup for all
    return Markup(_ATTRIBUTES).format(found)


_NO_ATTRIBUTES = Markup("")


_ATTRIBUTES = ' data-pagefind-index-attrs="data-search-terms" data-search-terms="{}"'


def _search_terms(state: StateCore) -> None:
    if state.env.get(UNINDEXED) or state.src.isascii() or not _indexed_text().search(state.src):
        return
    for block, inline in zip(ours(state.tokens), ours(state.tokens)[1:], strict=False):
        if block.type in _BLOCKS and inline.type == "inline":
            found = terms(_text(inline))
            if found:
                block.attrSet("data-pagefind-index-attrs", "data-search-terms")
                block.attrSet("data-search-terms", found)


def _text(inline: Token) -> str:
    """The text of a block as it reads: a ruby's reading (``<rt>``, read above the text) and
    the parentheses around it (``<rp>``) left out, or "漢字も" would pair "字か" and "じも";
    a line break as the space a reader sees, or a word that starts a line was indexed
    joined to the word ending the line before (``planışık`` folded, no ``isik``)."""
    kept: list[str] = []
    aside = 0
    children = inline.children or []
    for at, child in enumerate(children):
        aside += _ANNOTATING.get(child.type, 0)
        if aside:
            continue
        if child.type in ("text", "code_inline"):
            kept.append(child.content)
        elif child.type in ("softbreak", "hardbreak") and not _joins(children, at):
            kept.append("" if child.meta.get(_UNSHOWN) else " ")
    return "".join(kept)


def _joins(children: list[Token], at: int) -> bool:
    """Whether the line break ``children[at]`` stands between two letters of Chinese or
    Japanese, where the page shows none (``body_text.JOINED``, a later rule's mark)."""
    if children[at].type != "softbreak" or not 0 < at < len(children) - 1:
        return False
    before, after = children[at - 1], children[at + 1]
    return (
        before.type == after.type == "text"
        and textnorm.unspaced(before.content[-1:])
        and textnorm.unspaced(after.content[:1])
    )


_ANNOTATING = {"rt_open": 1, "rt_close": -1, "rp_open": 1, "rp_close": -1}
"""``inline_html.ANNOTATING``, which this module does not import: it imports markdown-it, and
``views`` imports this module in render workers, which need no parser."""
_UNSHOWN = "unshown"
"""``inline_html.UNSHOWN``, for the same reason: a line break inside a tag, shown as none."""
