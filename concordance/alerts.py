"""GitHub's alerts: a block quote whose first line is ``[!NOTE]``, ``[!TIP]``,
``[!IMPORTANT]``, ``[!WARNING]`` or ``[!CAUTION]`` (in any case) is a callout of that kind,
titled with its name, as GitHub shows it; not a quotation that opens with the marker's
brackets. As on GitHub, only a block quote at the top of a body is one, and only when it
holds more than the marker: any other stays a block quote, its marker text.

The title is no text of the body: a quote, a search term or an article's summary never
holds it."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

KINDS = {
    "note": "Note",
    "tip": "Tip",
    "important": "Important",
    "warning": "Warning",
    "caution": "Caution",
}
"""Kind -> the title it is shown with."""
_MARKER = re.compile(r"\[!([A-Za-z]+)\][ \t]*(?:\n|\Z)")


def enable(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "alerts", _alerts)


def _alerts(state: StateCore) -> None:
    if "[!" not in state.src:
        return  # most bodies: at C speed
    tokens = state.tokens
    for at in range(len(tokens) - 3, -1, -1):  # from the end: insertions move no later one
        kind = _kind(tokens, at)
        if kind is not None:
            _make_alert(tokens, at, kind)


def _kind(tokens: list[Token], at: int) -> str | None:
    """The kind of the alert the block quote opened at ``at`` is, or None."""
    opened, paragraph, inline = tokens[at : at + 3]
    if opened.type != "blockquote_open" or opened.level or paragraph.type != "paragraph_open":
        return None
    match = _MARKER.match(inline.content)
    if match is None or match.group(1).lower() not in KINDS:
        return None
    children = inline.children or []
    marker = next((i for i, c in enumerate(children) if c.type == "softbreak"), len(children))
    if any(child.type != "text" for child in children[:marker]):
        return None  # "[!note]" is a link the body defines
    if marker == len(children) and tokens[at + 4].type == "blockquote_close":
        return None  # the marker alone
    return match.group(1).lower()


def _make_alert(tokens: list[Token], at: int, kind: str) -> None:
    opened, paragraph, inline = tokens[at : at + 3]
    children = inline.children or []
    marker = next((i for i, c in enumerate(children) if c.type == "softbreak"), len(children))
    if marker == len(children):
        del tokens[at + 1 : at + 4]  # the marker's paragraph, alone on its lines
    else:
        # The rest of the paragraph starts a line further down: diagnostics count from it.
        inline.children = children[marker + 1 :]
        inline.content = inline.content.split("\n", 1)[1]
        for token in (paragraph, inline):
            first, last = token.map or (0, 1)
            token.map = [first + 1, last]
    closed = next(t for t in tokens[at + 1 :] if t.type == "blockquote_close" and not t.level)
    for token in (opened, closed):
        token.tag = "div"
    opened.attrSet("class", f"alert alert-{kind}")
    opened.attrSet("role", "note")
    title = Token("html_block", "", 0, content=f'<p class="alert-title">{KINDS[kind]}</p>\n')
    tokens.insert(at + 1, title)
