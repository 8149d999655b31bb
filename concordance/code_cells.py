"""Code fenced with its language or directive in braces, as MyST, Quarto and R Markdown write
it, shown as those tools show it: its code, marked with its language.

- MyST's code directives (```` ```{code-block} python ````, ``{code}``, ``{code-cell}
  ipython3``) are code of the language their argument names; any other directive of code
  (``{math}``, ``{mermaid}``, ``{toctree}``) is marked with its name. The options right after
  the fence (``:linenos:``, ``:emphasize-lines: 3``, or YAML between two lines of ``---``)
  are settings for Sphinx, not shown;
- Quarto's and R Markdown's chunks (```` ```{r} ````, ```` ```{python} ````, ```` ```{r
  plot, echo=FALSE} ````, Pandoc's ```` ```{.python} ````) are code of the language their
  braces start with; Quarto's options in the chunk (``#| label: fig-glorp``) are not shown,
  as Quarto shows none.

A fence of a raw format (```` ```{=html} ````) is ``raw``'s.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from concordance.lazy_patterns import lazy_compile
from concordance.markers import holds
from concordance.tokens import Token, ours

_BRACED = lazy_compile(r"\{\s*\.?([\w+#-]*)[^{}]*\}[ \t]*(\S*)")
"""A fence's info in braces: the first word inside (a directive's name or a chunk's language,
maybe as a class), and the first word after (a directive's argument)."""
_CODE_DIRECTIVES = frozenset({"code", "code-block", "sourcecode", "code-cell"})
"""MyST's directives of code in the language their argument names."""
_OPTION = lazy_compile(r"[ \t]*:[\w-]+:(?:[ \t][^\n]*)?\n")
"""A line of a directive's options: ``:linenos:``, ``:emphasize-lines: 3``."""
_YAML = lazy_compile(r"---[ \t]*\n(?:.*\n)*?---[ \t]*\n")
"""A directive's options in YAML, between two lines of ``---``."""
_CHUNK_OPTION = lazy_compile(r"#\|[^\n]*\n")
"""A line of a Quarto chunk's options: ``#| label: fig-glorp``."""


def enable(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "code_cells", _code_cells)


def _code_cells(state: StateCore) -> None:
    if not holds(state.src, ("```{", "~~~{")):
        return  # most bodies
    for token in ours(state.tokens):
        if token.type == "fence" and token.info.startswith("{") and token.info[1:2] != "=":
            _read(token)


def _read(fence: Token) -> None:
    """``fence`` as its tool shows it: its language as its info, its code without options."""
    found = _BRACED.match(fence.info)
    if found is None or not found[1]:
        return
    name, argument = found[1], found[2]
    if name.lower() in _CODE_DIRECTIVES:
        fence.info, fence.content = argument, _without_options(fence.content)
    elif fence.content.startswith("#|"):
        fence.info, fence.content = name, _without(_CHUNK_OPTION, fence.content)
    else:
        fence.info, fence.content = name, _without_options(fence.content)


def _without_options(code: str) -> str:
    if code.startswith("---"):
        found = _YAML.match(code)
        return code[found.end() :] if found else code
    return _without(_OPTION, code)


def _without(line: re.Pattern[str], code: str) -> str:
    """``code`` without the lines ``line`` matches at its start."""
    at = 0
    while found := line.match(code, at):
        at = found.end()
    return code[at:]
