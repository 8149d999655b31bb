"""Pandoc's superscripts and subscripts (``19^th^``, ``CO~2~``), as it writes a Word
document's: read as ``<sup>`` and ``<sub>`` are (``body_text.raising``), 19th and CO₂; a word
each, no space inside (``x ^2``, ``~ 3`` stay text). Tried after the notes' rules, as Pandoc
does: ``^[a]^`` is an inline note, not a superscript.

Text not written by Pandoc holds the same marks as text, which the page must show as typed:

- a range between two numbers, as Chinese and Japanese write it without spaces
  (``100~200元，数量3~5个``): a ``~`` between two digits closes nothing (``约~3~5年``) and
  opens a subscript of digits alone, a number's base (``1010~2~``);
- a word drawn out, as Korean, Japanese and Chinese write it (``안녕~하세요~``,
  ``ありがと~ございます~``): no subscript holds their letters, written wide;
- an emoticon (``^_^``, ``^^``, ``^-^``, ``(^o^)``): a mark of a run of two or more
  (``好的^^谢谢^^``) neither opens nor closes one, nor do marks right inside brackets, and one
  holds a letter, a digit or a note's or trade mark's sign (``^*^``, ``^®^``);
- a sentence's punctuation (``，``, ``。``, ``(``): none is in a superscript or subscript but
  the signs of a note's numbers and of units (``^1,2^``, ``^1-3^``, ``^*^``, ``^†^``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

_Rule = Callable[[StateInline, bool], bool]

_SIGNS = frozenset(",.'*†‡§¶′″")
"""The punctuation a mark may hold: notes' numbers (``^1,2^``), primes, daggers; dashes
too (``^1-3^``, ``10^-3^``)."""
_FACE_OPENERS = frozenset("(（")
_FACE_CLOSERS = frozenset(")）")
"""The brackets a face of marks is written in, a mark right inside each (``(^o^)``)."""
_SYMBOLS = frozenset("*†‡§¶®©™℠°")
"""What a mark holds besides letters and digits: a note's sign, a trade mark's."""


def enable(md: MarkdownIt) -> None:
    """Read ``^superscripts^`` and ``~subscripts~`` in the text ``md`` parses inline."""
    ruler = md.inline.ruler
    for plugin, name, marker in ((superscript_plugin, "sup", "^"), (sub_plugin, "sub", "~")):
        plugin(md)
        rule = ruler.__rules__.pop(ruler.__find__(name))
        ruler.after("footnote_ref", name, _guarded(rule.fn, marker))


def _guarded(rule: _Rule, marker: str) -> _Rule:
    """``rule``, refusing what reads as text (the module's docstring) before it pairs."""

    def guarded(state: StateInline, silent: bool) -> bool:
        src, start = state.src, state.pos
        if src[start : start + 1] != marker:
            return False
        close = src.find(marker, start + 1, state.posMax)
        if close < 0 or not _a_mark(src, start, close, marker):
            return False
        return rule(state, silent)

    return guarded


def may_pair(src: str) -> bool:
    """Whether a superscript or subscript may be read somewhere in ``src``: whether the
    text after a marker, up to the next, may be one (``guarded``). The rules then walk the
    text as a label's look-ahead does (``skipToken``), and read what it remembered."""
    for marker in "^~":
        start = src.find(marker)
        while start >= 0:
            close = src.find(marker, start + 1)
            if close < 0:
                break
            if _a_mark(src, start, close, marker):
                return True
            start = close
    return False


def _a_mark(src: str, start: int, close: int, marker: str) -> bool:
    """Whether ``src[start:close + 1]`` (a marker, text, a marker) may be a superscript or
    subscript rather than text that holds the markers."""
    content = src[start + 1 : close]
    if src[start - 1 : start] == marker or src[close + 1 : close + 2] == marker:
        return False  # a run: ^^, an emoticon's eyes
    if src[start - 1 : start] in _FACE_OPENERS and src[close + 1 : close + 2] in _FACE_CLOSERS:
        return False  # a face in brackets: (^ω^), (^o^)
    if not any(char.isalnum() or char in _SYMBOLS for char in content):
        return False  # ^_^
    if any(_punctuation(char) for char in content):
        return False
    if marker == "~" and any(unicodedata.east_asian_width(char) in "WF" for char in content):
        return False  # 안녕~하세요~, ありがと~ございます~: a voice drawn out
    if marker == "~" and _between_digits(src, close):
        return False  # 约~3~5年: the second is a range's
    if marker == "~" and _between_digits(src, start):
        return content.isdigit()  # 100~200 is a range; 1010~2~ a base
    return True


def _punctuation(char: str) -> bool:
    category = unicodedata.category(char)
    return category.startswith("P") and category != "Pd" and char not in _SIGNS


def _between_digits(src: str, at: int) -> bool:
    return src[at - 1 : at].isdigit() and src[at + 1 : at + 2].isdigit()
