"""Inserted text, ``^^like this^^``, as PyMdown Extensions' caret extension writes it for
MkDocs: shown as ``<ins>``, as MkDocs shows it, and read as its words, so a quote runs
through it.

A run of two ``^`` pairs as ``_`` does, never inside a word, and only around text that
starts and ends with a letter or digit: the carets of faces, as Korean, Japanese and
Chinese text writes them (``好的^^再见^^``, ``(^^)``, ``감사합니다 ^^``), stay as typed,
and so does a run of three or more. ``^sup^`` is ``pandoc_scripts``'.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from concordance import highlights

MARKER = "^"


def enable(md: MarkdownIt) -> None:
    """Read ``^^inserted^^`` in the text that ``md`` parses inline."""
    md.inline.ruler.after("sup", "inserted", _tokenize)
    md.inline.ruler2.after("highlight", "inserted", _post_process)


def _tokenize(state: StateInline, silent: bool) -> bool:
    """Each ``^^`` a text token of its own and a delimiter, as ``==`` is."""
    return not silent and highlights.run_of_two(state, MARKER, inside_words=False)


def _post_process(state: StateInline) -> None:
    """The paired delimiters of the text and of each link's text made ``ins`` tags."""
    for opening, closing in highlights.pairs(state, MARKER):
        if _words(state, opening, closing):
            highlights.tag(state, opening, "ins", MARKER * 2, 1)
            highlights.tag(state, closing, "ins", MARKER * 2, -1)


def _words(state: StateInline, opening: int, closing: int) -> bool:
    """Whether the tokens between ``opening`` and ``closing`` start and end with a letter
    or digit, as inserted words do and a face's carets (``(^^)``) do not."""
    inner = state.tokens[opening + 1 : closing]
    if not inner or inner[0].type != "text" or inner[-1].type != "text":
        return False
    first, last = inner[0].content[:1], inner[-1].content[-1:]
    return first.isalnum() and last.isalnum()
