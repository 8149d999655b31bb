"""HTML comments in bodies are left out of the page: ``<!-- more -->``, ``<!-- TODO: ... -->``
and the like are notes to editors and tools, which Markdown shows to no reader.

Raw HTML is otherwise shown as text (see ``markdown.parser``), so a comment was shown as
text too. A comment is left out when it opens and closes within one paragraph, heading or
table cell (it may run over several lines, not over a blank one) and holds no markup that
opens there and closes after it; anything else stays text, so nothing an editor wrote is
hidden by a ``<!--`` left open. One written with entities (``&lt;!--``) or a backslash
(``\\<!--``) is text the editor meant readers to see, and stays.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

OPEN = "<!--"
CLOSE = "-->"
_EMPTY = ("<!-->", "<!--->")
"""Comments that close as they open (HTML and CommonMark count them)."""


def enable(md: MarkdownIt) -> None:
    """Leave out the comments of every body ``md`` parses. Runs before ``text_join``, which
    merges an entity's or escape's text into plain text: until then, a ``<!--`` typed as it
    is stands in a ``text`` token alone. After ``footnote_tail``, which brings the text of
    inline notes into the body."""
    md.core.ruler.after("footnote_tail", "comments", _hide)


def _hide(state: StateCore) -> None:
    opened = False
    for token in state.tokens:
        if token.type == "inline" and OPEN in token.content and token.children:
            token.children = _without_comments(token.children)
            opened = True
    if opened:
        state.tokens = _without_empty_paragraphs(state.tokens)


def _without_comments(children: list[Token]) -> list[Token]:
    """``children`` without their comments, each a text token's part or a run of tokens."""
    ends = _Ends.of(children)
    out: list[Token] = []
    index = 0
    while index < len(children):
        child = children[index]
        index += 1
        if child.type != "text" or OPEN not in child.content:
            out.append(child)
            continue
        text, start, changed = child.content, 0, False
        while (at := text.find(OPEN, start)) >= 0:
            close = _closed_within(text, at)
            last = index - 1 if close >= 0 else ends.after(index - 1)
            if last is None:
                break
            if at > start:
                out.append(_text(child, text[start:at]))
            changed = True
            if close < 0:
                # Its line breaks stay, as white space: the lines after it keep their numbers.
                out += [c for c in children[index:last] if c.type == "softbreak"]
                child, index = children[last], last + 1
                text = child.content
                close = text.find(CLOSE) + len(CLOSE)
            start = close
        if not changed:
            out.append(child)
        elif start < len(text):
            out.append(_text(child, text[start:]))
    return out


def _closed_within(text: str, at: int) -> int:
    """Where the comment opened at ``at`` ends in ``text``, past its ``-->``; or -1."""
    for empty in _EMPTY:
        if text.startswith(empty, at):
            return at + len(empty)
    close = text.find(CLOSE, at + len(OPEN))
    return close + len(CLOSE) if close >= 0 else -1


@dataclass(frozen=True, slots=True)
class _Ends:
    """For each child, the first later one a comment opened in it can end in."""

    close: list[int]
    """Index of the first text child at or after each index that holds a ``-->``, or the
    number of children."""
    depth: list[int]
    """Markup open before each child (the running sum of nesting)."""
    low: list[int]
    """The least ``depth`` from each child to ``close`` of it."""

    @classmethod
    def of(cls, children: list[Token]) -> _Ends:
        count = len(children)
        depth = [0] * (count + 1)
        for index, child in enumerate(children):
            depth[index + 1] = depth[index] + child.nesting
        close, low = [count] * (count + 1), depth[:]
        for index in range(count - 1, -1, -1):
            child = children[index]
            if child.type == "text" and CLOSE in child.content:
                close[index] = index
            else:
                close[index] = close[index + 1]
                low[index] = min(depth[index], low[index + 1])
        return cls(close, depth, low)

    def after(self, index: int) -> int | None:
        """The child a comment opened in child ``index`` ends in: the first to hold a
        ``-->``, if the markup between opens and closes there (a comment must not end inside
        a link or emphasis that opened in it, nor close one that opened before it)."""
        first = index + 1
        last = self.close[first] if first < len(self.close) else len(self.depth) - 1
        if last >= len(self.depth) - 1:
            return None
        level = self.depth[first]
        return last if self.depth[last] == level and self.low[first] >= level else None


def _text(like: Token, content: str) -> Token:
    token = Token("text", "", 0, content=content)
    token.level = like.level
    return token


def _without_empty_paragraphs(tokens: list[Token]) -> list[Token]:
    """Without the paragraphs that held nothing but comments (``<!-- more -->`` alone)."""
    out: list[Token] = []
    skip = 0
    for index, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if token.type == "paragraph_open" and _only_space(tokens, index + 1):
            skip = 2  # its inline token and its paragraph_close
            continue
        out.append(token)
    return out


def _only_space(tokens: list[Token], index: int) -> bool:
    if index + 1 >= len(tokens) or tokens[index + 1].type != "paragraph_close":
        return False
    inline = tokens[index]
    return all(
        child.type == "softbreak" or (child.type == "text" and not child.content.strip())
        for child in inline.children or ()
    )
