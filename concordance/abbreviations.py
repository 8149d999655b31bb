"""Abbreviations' definitions, as Python-Markdown's abbr extension (MkDocs), PHP Markdown
Extra, kramdown and MultiMarkdown write them: ``*[HTML]: Hyper Text Markup Language`` on a
line of its own, left out of the page, as those tools leave it out (they show each ``HTML``
of the text as it stands, its definition a tooltip). As they read it, a definition ends the
paragraph before it; one indented as code, or escaped (``\\*[HTML]: ...``), stays text, as
does a line whose ``*`` another closes (``*[Update]: the plan changed.*``), which GitHub shows
as emphasis: no words a reader would see are lost to a definition.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from concordance.lazy_patterns import lazy_compile

_DEFINITION = lazy_compile(r"\*\[[^\]\n]+\][ \t]?:[^*\n]*")
"""A definition's line: the abbreviation in brackets after a ``*``, a colon, what it stands
for (none: a definition undone, as Python-Markdown reads it), with no ``*`` that could close
emphasis the first opens."""


def enable(md: MarkdownIt) -> None:
    # Read where a paragraph would end: lines of them in a row each end one at once, not
    # looked through to their end by the rules that look for a paragraph's (``lheading``).
    md.block.ruler.before("paragraph", "abbreviation", _definition, {"alt": ["paragraph"]})


def _definition(state: StateBlock, line: int, end: int, silent: bool) -> bool:
    """A definition's line: left out."""
    if state.sCount[line] - state.blkIndent >= 4:
        return False  # code
    start = state.bMarks[line] + state.tShift[line]
    if not state.src.startswith("*[", start):
        return False  # most lines
    if _DEFINITION.fullmatch(state.src, start, state.eMarks[line]) is None:
        return False
    if not silent:
        state.line = line + 1
    return True
