"""Task lists as GitHub writes them (``- [ ] to do``, ``- [x] done``): the box is shown as a
character, ``☐`` or ``☑``, in place of the brackets. Not as a form control, which GitHub
draws: a page of statements has nothing to tick, and a checkbox without a label is a form
field that screen readers announce with no name."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from concordance.markers import holds

BOXES = {"[ ] ": "☐ ", "[x] ": "☑ ", "[X] ": "☑ "}
"""What starts a task's text -> what it is shown as."""


def enable(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "tasks", _boxes)


def _boxes(state: StateCore) -> None:
    if not holds(state.src, tuple(BOXES)):
        return  # most bodies: at C speed
    tokens = state.tokens
    for at in range(2, len(tokens)):
        token = tokens[at]
        if tokens[at - 2].type != "list_item_open" or token.type != "inline":
            continue
        first = token.children[0] if token.children else None
        if first is not None and first.type == "text" and first.content[:4] in BOXES:
            first.content = BOXES[first.content[:4]] + first.content[4:]
