"""Cross-references of mkdocs-autorefs, as the documentation mkdocstrings builds writes
them: ``[the parser][markdown.Markdown]`` and ``[`markdown.Markdown`][]`` link to the page
of the Python object the label names, a page MkDocs makes from the code. The body defines
no such label, so CommonMark shows the brackets and the label as typed; the page shows the
text in brackets, as MkDocs would show the link's (with no page here to link to).

Only a label that names an object by its dotted path (``package.module.Class``), or, in
brackets left empty, a text that does, is read so: ``[the plan][1]`` with no definition, a
task's ``[x]`` or ``[a][b]`` stay text, as GitHub shows them. An escaped ``\\[`` stays text.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.rules_core import StateCore

from concordance import attributes
from concordance.lazy_patterns import lazy_compile
from concordance.tokens import Token, ours

_PATH = r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+"
"""An object's dotted path: a module and what it holds, as Python writes it."""
_LABEL = lazy_compile(rf"\[({_PATH})?\]")
"""The label in brackets after a cross-reference's text; empty, the text is the path."""
_BRACKET = lazy_compile(r"[\[\]]")
_NAMED = lazy_compile(rf"`?{_PATH}`?")
"""A cross-reference's text that names its object, in code or not (``[`a.b`][]``)."""


def enable(md: MarkdownIt) -> None:
    # Before text_join, which makes an escaped "\[" plain text.
    md.core.ruler.after("inline", "autorefs", _autorefs)


def _autorefs(state: StateCore) -> None:
    if "][" not in state.src:
        return  # most bodies, told at C speed
    references = state.env.get("references") or {}
    for token in ours(state.tokens):
        if token.type == "inline" and token.children and "][" in token.content:
            token.children = _without_brackets(token.children, references)


def _without_brackets(children: list[Token], references: dict[str, object]) -> list[Token]:
    """``children`` without the brackets and label of each cross-reference. Brackets pair
    within text, innermost first."""
    opened: list[tuple[int, int]] = []  # (child, offset) of each "[" not yet closed
    cuts: dict[int, list[tuple[int, int, str]]] = {}  # child -> (start, end, "") to cut
    for number, child in enumerate(children):
        if child.type != "text":
            continue
        text = child.content
        for bracket in _BRACKET.finditer(text):
            at = bracket.start()
            if bracket[0] == "[":
                opened.append((number, at))
            elif opened:
                start = opened.pop()
                label = _LABEL.match(text, at + 1)
                if label and _refers(children, start, (number, at), label, references):
                    cuts.setdefault(start[0], []).append((start[1], start[1] + 1, ""))
                    cuts.setdefault(number, []).append((at, label.end(), ""))
    if not cuts:
        return children
    out: list[Token] = []
    for number, child in enumerate(children):
        out += attributes.cut(child, sorted(cuts[number])) if number in cuts else [child]
    return out


def _refers(
    children: list[Token],
    start: tuple[int, int],
    end: tuple[int, int],
    label: re.Match[str],
    references: dict[str, object],
) -> bool:
    """Whether the brackets from ``start`` to ``end`` (child, offset) and the ``label``
    after them are a cross-reference: a path the body does not define, or no label and
    a text that is one."""
    if label[1] is not None:
        return normalizeReference(label[1]) not in references
    return _NAMED.fullmatch(_between(children, start, end)) is not None


def _between(children: list[Token], start: tuple[int, int], end: tuple[int, int]) -> str:
    """The source of what stands between two offsets of ``children``, code in backticks."""
    if start[0] == end[0]:
        return children[start[0]].content[start[1] + 1 : end[1]]
    inner = children[start[0] + 1 : end[0]]
    if len(inner) != 1 or inner[0].type != "code_inline":
        return ""
    before = children[start[0]].content[start[1] + 1 :]
    after = children[end[0]].content[: end[1]]
    return f"{before}`{inner[0].content}`{after}"
