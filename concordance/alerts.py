"""GitHub's alerts: a block quote whose first line is ``[!NOTE]``, ``[!TIP]``,
``[!IMPORTANT]``, ``[!WARNING]`` or ``[!CAUTION]`` (in any case) is a callout of that kind,
titled with its name, as GitHub shows it; not a quotation that opens with the marker's
brackets. As on GitHub, only a block quote at the top of a body is one, and only when it
holds more than the marker: any other that a marker opens is an Obsidian callout
(``obsidian_callouts``), which GitHub would show as a block quote of the marker's text.

The title is no text of the body: no quote or article summary holds it, and a reader's copy
of the body leaves it out (it cannot be selected)."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from concordance.lazy_patterns import lazy_compile
from concordance.markers import holds
from concordance.tokens import Token, ours, theirs

KINDS = {
    "note": "Note",
    "tip": "Tip",
    "important": "Important",
    "warning": "Warning",
    "caution": "Caution",
}
"""Kind -> the title it is shown with."""
_MARKER = lazy_compile(r"\[!([A-Za-z]+)\][ \t]*(?:\n|\Z)")


def enable(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "alerts", _alerts)


def _alerts(state: StateCore) -> None:
    if not holds(state.src, ("[!",)):
        return  # most bodies: at C speed
    tokens = ours(state.tokens)
    out: list[Token] = []
    skip = 0
    alert = False  # inside an alert: the next block quote closed at the top closes it
    for at, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if alert and token.type == "blockquote_close" and not token.level:
            token.tag, alert = "div", False
        kind = _kind(tokens, at) if token.type == "blockquote_open" else None
        out.append(token)
        if kind is not None:
            skip = _make_alert(tokens, at, kind)
            out.append(_title(kind))
            alert = True
    state.tokens = theirs(out)  # made in one pass: inserting each title was a square of the tokens


def _kind(tokens: list[Token], at: int) -> str | None:
    """The kind of the alert the block quote opened at ``at`` is, or None."""
    if at + 3 > len(tokens):
        return None  # an empty block quote ends the body
    opened, paragraph, inline = tokens[at : at + 3]
    if opened.level or paragraph.type != "paragraph_open":
        return None
    match = _MARKER.match(inline.content)
    if match is None or match.group(1).lower() not in KINDS:
        return None
    children = inline.children or []
    marker = _marker_end(children)
    if any(child.type != "text" for child in children[:marker]):
        return None  # "[!note]" is a link the body defines
    if marker == len(children) and tokens[at + 4].type == "blockquote_close":
        return None  # the marker alone
    return match.group(1).lower()


def _make_alert(tokens: list[Token], at: int, kind: str) -> int:
    """Make the block quote opened at ``at`` an alert of ``kind``, without its marker; the
    number of tokens after it to leave out (the marker's paragraph, when alone)."""
    opened, paragraph, inline = tokens[at : at + 3]
    opened.tag = "div"
    opened.attrSet("class", f"alert alert-{kind}")
    opened.attrSet("role", "note")
    children = inline.children or []
    marker = _marker_end(children)
    if marker == len(children):
        return 3  # the marker's paragraph, alone on its lines
    # The rest of the paragraph starts a line further down: diagnostics count from it.
    inline.children = children[marker + 1 :]
    inline.content = inline.content.split("\n", 1)[1]
    for token in (paragraph, inline):
        first, last = token.map or (0, 1)
        token.map = [first + 1, last]
    return 0


def _marker_end(children: list[Token]) -> int:
    """Where the marker's line ends among an inline token's children."""
    return next((i for i, c in enumerate(children) if c.type == "softbreak"), len(children))


def _title(kind: str) -> Token:
    return Token("html_block", "", 0, content=f'<p class="alert-title">{KINDS[kind]}</p>\n')
