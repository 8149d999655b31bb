"""Attributes in braces, as Pandoc, Quarto, kramdown (Jekyll) and markdown-it's attrs plugin
write them, left out of the page, which shows what they adorn:

- after a link, an image or code (``![chart](chart.png){width="5in"}``,
  ``[the plan](plan.md){target=_blank}``, ```` `x`{.python} ````);
- after a bracketed span, whose brackets go too: ``[Small caps]{.smallcaps}`` shows
  "Small caps", and the id a span gives (``[]{#_Toc123 .anchor}``, as Pandoc writes a Word
  document's bookmarks) is an anchor, as ``<span id>`` is (``headings``);
- on a line of their own (kramdown's ``{: .lead}`` and ``{:toc}``, Pandoc's and Djot's
  ``{.wide}`` before a block).

Only braces that hold nothing but attributes (``#id``, ``.class``, ``key=value``, kramdown's
``:``) are read so: ``{the plan}`` and ``f(x){ return 1 }`` stay text, as does an escaped
``\\[``. Headings' attributes are ``headings``' (``## Methods {#methods}``).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from concordance import inline_html, raw
from concordance.lazy_patterns import lazy_compile
from concordance.tokens import Token, ours, theirs

_VALUE = r"""(?:"[^"\n]*"|'[^'\n]*'|[^\s{}"']+)"""
_ONE = rf"(?:#[^\s{{}}\"'=]+|\.[\w:-]+|[\w:-]+={_VALUE}|=[\w-]+|-)"
_ONES = rf"{_ONE}(?:[ \t]+{_ONE})*"
_ATTRIBUTES = lazy_compile(rf"\{{(?::[\w-]*[ \t]*(?:{_ONES})?|[ \t]*{_ONES})[ \t]*\}}")
"""Braces of attributes: ids, classes, ``key=value``, Pandoc's raw ``=html`` and ``-``, or
kramdown's ``{: ...}`` and ``{:toc}``; spaces inside the braces as Python-Markdown's
attr_list and Pandoc let them be written (``{ .md-button }``, ``{ width="300" }``, as every
Material for MkDocs page writes them). Each alternative starts with its own character, so a
failed match goes back no further than it came."""
_OPENS = lazy_compile(r"\{(?::|[ \t]*(?:#|\.|[\w:-]+=|=[\w-]|-))")
"""The start of braces of attributes, before the first line break in them."""
_RAW = lazy_compile(r"\{=([\w-]+)\}")
"""Pandoc's raw attribute: the code before it is content of that format."""
_ID = lazy_compile(r"(?<![\w\"'=])#([^\s{}\"'=]+)")
MAX_LENGTH = 500
"""Characters of one pair of braces at most."""
_MAX_PIECES = 32
"""Children of a paragraph one pair of braces runs over at most (``_rejoined``): Pandoc
wraps its lines at 72 columns, so ``MAX_LENGTH`` is 7 lines, each a text and a line break,
an address in each a link of 3 more. More would make a line of "{" alone read each line
after it again."""
_AFTER = frozenset({"image", "code_inline", "link_close"})
_BREAKS = frozenset({"softbreak", "hardbreak"})


def enable(md: MarkdownIt) -> None:
    # Before text_join, which makes an escaped "\[" plain text.
    md.core.ruler.after("inline", "attributes", _attributes)


def _attributes(state: StateCore) -> None:
    if "{" not in state.src:
        return  # most bodies, told at C speed: a block's text is the source's, read as written
    bare = False  # a paragraph left with nothing, or with an anchor alone
    for token in ours(state.tokens):
        if token.type == "inline" and token.children and "{" in token.content:
            children = _after_elements(_without_lines(_rejoined(token.children)))
            token.children = _spans(children) if "]{" in token.content else children
            if any(inline_html.ANCHOR in child.meta for child in token.children):
                token.meta[inline_html.ANCHORED] = True
            bare = bare or all(inline_html.ANCHOR in child.meta for child in token.children)
    if bare:
        state.tokens = theirs(inline_html.without_empty_paragraphs(ours(state.tokens)))


def braces_at(text: str, at: int) -> re.Match[str] | None:
    return _ATTRIBUTES.match(text, at, min(len(text), at + MAX_LENGTH))


def _rejoined(children: list[Token]) -> list[Token]:
    """Braces of attributes that the parser cut in pieces made one text again: Pandoc wraps
    a long line inside them (``[]{#a\n.b}``), and an address in a value is made a link
    (``{xmlns="http://..."}``). Each line break inside stays, shown as none
    (``inline_html.UNSHOWN``), so the lines after are counted as before."""
    out: list[Token] = []
    children = list(children)  # a piece's rest goes back in, to be read on
    at = 0
    while at < len(children):
        child = children[at]
        brace = child.content.rfind("{") if child.type == "text" else -1
        if brace < 0 or "}" in child.content[brace:] or not _OPENS.match(child.content, brace):
            out.append(child)
            at += 1
            continue
        taken, text, breaks = _taken(children, at, brace)
        found = braces_at(text, brace)
        if found is None or found.end() <= len(child.content):
            out.append(child)
            at += 1
            continue
        out.append(_text(child, text[: found.end()]))
        out += [Token("softbreak", "", 0, meta={inline_html.UNSHOWN: True}) for _ in range(breaks)]
        at += taken
        if found.end() < len(text):  # the rest may open braces the next line closes
            at -= 1
            children[at] = _text(child, text[found.end() :])
    return out


def _taken(children: list[Token], at: int, brace: int) -> tuple[int, str, int]:
    """How many children from ``at`` the text of braces opened in ``children[at]`` at
    ``brace`` runs over, to the first that closes them (braces opened after are read on
    from there, so that the line breaks before them stay after the words before them);
    that text; and the line breaks in it."""
    text, breaks, taken = children[at].content, 0, 1
    for index in range(at + 1, min(len(children), at + _MAX_PIECES)):  # not a slice: a copy
        child = children[index]
        if len(text) > MAX_LENGTH or text.find("}", brace) >= 0:
            break
        if child.type == "softbreak":
            text, breaks = text + " ", breaks + 1
        elif child.type == "text":
            text += child.content
        elif child.markup != "linkify":
            break
        taken += 1
    return taken, text, breaks


def _without_lines(children: list[Token]) -> list[Token]:
    """Without the lines that hold attributes alone, and the line break before (or, on the
    first line, after) each."""
    out: list[Token] = []
    after = False  # the line before held attributes alone: its break goes too
    for at, child in enumerate(children):
        if after and child.type in _BREAKS:
            after = False
            continue
        after = False
        if not _alone(children, at):
            out.append(child)
        elif out and out[-1].type in _BREAKS:
            out.pop()
        else:
            after = True
    return out


def _alone(children: list[Token], at: int) -> bool:
    """Whether ``children[at]`` is a line of attributes alone."""
    child = children[at]
    if child.type != "text" or not child.content.startswith("{"):
        return False
    if at and children[at - 1].type not in _BREAKS:
        return False
    if at + 1 < len(children) and children[at + 1].type not in _BREAKS:
        return False
    found = braces_at(child.content, 0)
    return found is not None and found.end() == len(child.content.rstrip())


def _after_elements(children: list[Token]) -> list[Token]:
    """Without the attributes right after a link, an image or code; code with a format
    (Pandoc's `` `<br>`{=html} ``) is raw content (``raw``)."""
    out: list[Token] = []
    for child, following in zip(children, [*children[1:], None], strict=False):
        found = _attributes_after(child, following)
        if found is None or following is None:
            out.append(child)
            continue
        following.content = following.content[found.end() :]
        written = _RAW.fullmatch(found.group())
        out += raw.inline(child, written[1]) if written and child.type == "code_inline" else [child]
    return [child for child in out if child.type != "text" or child.content]


def _attributes_after(child: Token, following: Token | None) -> re.Match[str] | None:
    if child.type not in _AFTER or following is None or following.type != "text":
        return None
    return braces_at(following.content, 0)


def _spans(children: list[Token]) -> list[Token]:
    """Bracketed spans without their brackets and attributes; each id a span gives, an
    anchor where the span starts. Brackets pair within text, innermost first."""
    opened: list[tuple[int, int]] = []  # (child, offset) of each "[" not yet closed
    cuts: dict[int, list[tuple[int, int, str]]] = {}  # child -> (start, end, id) to cut
    for number, child in enumerate(children):
        if child.type != "text":
            continue
        text = child.content
        for at, char in enumerate(text):
            if char == "[":
                opened.append((number, at))
            elif char == "]" and opened:
                start = opened.pop()
                found = braces_at(text, at + 1) if text[at + 1 : at + 2] == "{" else None
                if found is not None:
                    named = _ID.search(found.group())
                    cuts.setdefault(start[0], []).append((start[1], start[1] + 1, _name(named)))
                    cuts.setdefault(number, []).append((at, found.end(), ""))
    if not cuts:
        return children
    out: list[Token] = []
    for number, child in enumerate(children):
        out += cut(child, sorted(cuts[number])) if number in cuts else [child]
    return out


def _name(found: re.Match[str] | None) -> str:
    return found.group(1) if found and len(found.group(1)) <= inline_html.MAX_ANCHOR else ""


def cut(child: Token, cuts: list[tuple[int, int, str]]) -> list[Token]:
    """``child``'s text without the ranges cut (which do not overlap), an anchor where a
    cut gives an id."""
    out: list[Token] = []
    kept = 0
    for start, end, name in cuts:
        if start < kept:
            continue  # inside a cut already made: "]{" within a span's attributes
        out.append(_text(child, child.content[kept:start]))
        if name:
            out.append(Token("html_inline", "", 0, meta={inline_html.ANCHOR: name}))
        kept = end
    out.append(_text(child, child.content[kept:]))
    return [token for token in out if token.type != "text" or token.content]


def _text(child: Token, content: str) -> Token:
    token = Token("text", "", 0, content=content)
    token.level = child.level
    return token
