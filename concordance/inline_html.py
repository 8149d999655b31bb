"""Raw HTML inside a body's text: the little that documents written for the web carry is
shown as meant, and nothing an editor writes is ever passed through as markup.

- A comment (``<!-- more -->``, ``<!-- check this figure -->``) is left out: a note to
  editors and tools, which Markdown shows to no reader.
- ``<br>`` (or ``</br>``) is a line break, as it is in the cells of many a Markdown table.
- Formatting tags, when they open and close within one paragraph, heading or table cell and
  around whole Markdown elements (``<b>``, ``<i>``, ``<sup>``, ``<sub>``, ``<code>``,
  ``<ruby>``, ``<bdi>``...), become the same elements written by us, with no attribute of the
  editor's but a valid ``lang`` (a language tag, ``language_tags``) and ``dir`` (``ltr``,
  ``rtl``, ``auto``): ``a <i lang="la">fortiori</i>`` keeps the language a browser picks
  glyphs, a voice and hyphenation by, ``<bdi dir="rtl">`` the order of its letters among the
  words around it. A ``<span>`` with either, and a ``<bdo>`` with a ``dir`` of ``ltr`` or
  ``rtl``, become ours too (``MARKING``); without, their tags are left out, as below.
- ``<a href="...">`` closed by ``</a>`` within one paragraph, heading or table cell is a
  link, and ``<img src="..." alt="...">`` an image, as Markdown's own are: the address checked
  as theirs (an unsafe or invalid one leaves the tag as text), with no other attribute of the
  editor's but an image's text and title, and a valid ``lang`` and ``dir``. An address
  written in the link's text is not a second link inside it, and a link holding another link
  stays text.
- The tags of the other HTML elements whose content is text for the reader (``<div
  align="center">``, ``<p>``, a ``<span style>`` of no language, ``<font>``, ``<details>``,
  the tags of a table written in HTML, a ``<picture>``'s ``<source>``, an anchor ``<a
  name="top">`` without an address) are left out and their text kept, as GitHub's sanitiser does, so
  documents exported from word processors or written for GitHub do not show their tags as
  characters. So are the tags Word writes in the namespaces of Office (``<o:p>``, a smart
  tag's ``<st1:City w:st="on">``, ``<v:shape>``), which CommonMark reads as no tags at all
  (``office_tag``). A block's tag stands for a space (``<td>a</td><td>b</td>`` reads "a b"), an
  inline one for nothing. A paragraph left with nothing is left out. The id such a tag gives
  its place (``<a id="DEP0111"></a>``, an anchor's ``name``) is kept, as an anchor
  ``headings`` names. A block's tags with a valid ``lang`` or ``dir`` (``<p lang="fr">``,
  ``<div lang="ar" dir="rtl">``) closed within the same paragraph, heading or cell become a
  ``<span>`` of ours carrying them, a space each side (``_marking``): what they hold here is
  the text of one paragraph, whose direction is found from its text (``directions``). One
  that opens a paragraph and closes at the end of a later one gives them to the blocks it
  holds (``carry_languages``).
- The tags of a JSX component, as MDX pages write them (``<Tabs>``, ``<TabItem value="a">``,
  ``<Meta title="x" />``), are left out and their text kept: a name in capitals, of no HTML
  element, that closes itself or that a tag of the body closes (``_component``).
- Any other tag (``<script>``, ``<iframe>``, an unclosed ``<b>``, ``List<String>``) is shown as
  the text the editor typed: what it holds is no prose, or it is no HTML at all.

A quote is compared with the text a reader sees, so it runs across such tags as across
Markdown's own emphasis (``the <b>glorp</b> plan`` is quoted as ``the glorp plan``).

Block-level HTML stays off (a line starting with ``<div>`` is a paragraph): on, it would take
the Markdown after it as HTML until a blank line. Comments, ``<pre>``, tables, lists and
headings that start a line are read as blocks (``html_blocks``).
"""

from __future__ import annotations

import html
import re
from typing import Final, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline

from concordance import casing
from concordance.language_tags import is_language_tag
from concordance.lazy_patterns import lazy_compile
from concordance.tokens import Token, ours, theirs

ELEMENTS = {
    "b": "strong",
    "strong": "strong",
    "i": "em",
    "em": "em",
    "u": "u",
    "ins": "ins",
    "s": "s",
    "strike": "s",
    "del": "del",
    "sup": "sup",
    "sub": "sub",
    "small": "small",
    "kbd": "kbd",
    "cite": "cite",
    "code": "code",
    "tt": "code",
    "samp": "samp",
    "var": "var",
    "q": "q",
    "dfn": "dfn",
    "abbr": "abbr",
    "bdi": "bdi",
    "ruby": "ruby",
    "rt": "rt",
    "rp": "rp",
    "a": "a",
}
"""Tag written -> element shown."""
# fmt: off
INLINE_LEFT_OUT = frozenset({
    "font", "mark", "big", "nobr", "time", "data", "label", "wbr",
    "source", "track",
})
# fmt: on
"""Inline elements whose tags are left out: their text runs on into the words around it.
(``<mark>`` too: a highlight on this site is a quote's. ``<source>`` holds no text: in a
README's ``<picture>``, the dark theme's logo, whose ``<img>`` is the one shown.)"""
# fmt: off
BLOCK_LEFT_OUT = frozenset({
    "div", "p", "center", "section", "article", "aside", "header", "footer", "main", "nav",
    "address", "figure", "figcaption", "details", "summary", "blockquote", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup",
    "fieldset", "legend", "picture", "html", "body",
})
# fmt: on
"""Block elements whose tags are left out, each standing for a space between words."""
MARKING = {"span": "span", "bdo": "bdo"}
"""Tag written -> element shown, only when the tag gives what it is written for: a language
or direction to a ``<span>``, a direction to a ``<bdo>`` (``_marks``). Else its tags are left
out, their text kept, as ``INLINE_LEFT_OUT``'s."""
DIRECTIONS = frozenset({"ltr", "rtl", "auto"})
"""The values of ``dir``: any other is no direction."""
LOOK_BACK = 32
"""Tags still open that a closing tag is matched against, the innermost first: past them it
stays text. Unbounded, each of 20,000 ``</b>`` after 20,000 ``<i>`` looked at all of them
(a 140 KB body took 8.8 s)."""
MAX_OPEN = 64
"""Tags open at once, the innermost ``LOOK_BACK`` of which a closing tag is matched against;
past them a tag stays text, so elements made of tags nest at most this deep, as Markdown's
own do (``markdown.INLINE_NESTING``). Unbounded, ``<b><i>`` 50,000 times then their
closing tags (700 KB) made a page Pagefind took 23 s to index, in time growing with the
square of the depth; Chromium flattens elements nested past 512 anyway."""
ANCHORS = "html_anchors"
"""``env`` key: the tokens standing for the ids that raw HTML gives a place (``<a id="top">``,
``<a name="top">``, ``<span id="top">``), in order: ``headings`` names them."""
ANCHOR: Final = "anchor"
"""``Token.meta`` key of such a token: the id as written. ``Final``, as ``ANCHORED``: compiled
modules use the string itself, not a look-up in a dict of this module's names, at each token."""
ANCHORED: Final = "anchored"
"""``Token.meta`` key of an inline token given such tokens by other rules (``attributes``)."""
MAX_ANCHOR = 100
"""Characters of such an id at most: longer ones are no names a link would use."""
ANNOTATING = {"rt_open": 1, "rt_close": -1, "rp_open": 1, "rp_close": -1}
"""How each token of a ruby's reading (``<ruby>漢字<rt>かんじ</rt></ruby>``) and of the
parentheses shown without ruby (``<rp>``) changes the depth of annotation: the text inside is
read above the text, not in it, so quotes and search terms leave it out."""
BREAK_INFO = "html"
"""The ``info`` of a line break written ``<br>``, which counts no line of the source."""
UNSHOWN = "unshown"
"""``Token.meta`` key of a line break of the source inside a tag or comment left out
(``(<span\n class="x">r</span>)``), or inside attributes in braces (``attributes``): it counts
its line, but a browser shows no space inside a tag, so the page and a quote read ``(r)``,
not ``( r)``."""
_TAG = lazy_compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*(?::[A-Za-z][\w.-]*)?)[^>]*?(/?)>\Z", re.DOTALL)
_RAW = "html_inline"
_COMPONENT_CLOSING = lazy_compile(r"</([A-Z][A-Za-z0-9]*)\s*>")
"""The closing tag of a JSX component: its name starts with a capital."""
_HTML = frozenset(
    {*ELEMENTS, *INLINE_LEFT_OUT, *BLOCK_LEFT_OUT, *MARKING, "br", "img", "script", "style"}
)
"""Names of HTML elements, which no component has (``<B>`` is ``<b>``)."""
_CONDITION = r"<!\[(?:if\s[^<>\]]*|endif)\]>"
_OFFICE_TAG = lazy_compile(
    rf"</?(?:o|w|v|x|m|st[0-9]{{1,2}}):[A-Za-z][\w.-]*(?:\s[^<>]*)?/?>|{_CONDITION}", re.I
)
"""A tag of the namespaces Word's HTML writes: Office (``o:``), Word (``w:``), VML (``v:``),
Excel (``x:``), Office Math (``m:``) and smart tags (``st1:``). Other prefixes are left to
CommonMark: ``<irc:channel>`` is an address. So is a condition Word writes around what
browsers other than its own show, a list's number (``<![if !supportLists]>``, ``<![endif]>``):
they show what it holds. No ``<`` inside, so that each ``<`` is read to the next one at
most."""


def enable(md: MarkdownIt) -> None:
    """Read the raw HTML of text that ``md`` parses as described above. ``md``'s ``html``
    option must be on; its block rule stays off."""
    md.disable("html_block")
    md.core.ruler.after("footnote_tail", "inline_html", _inline_html)


def read_office_tags(md: MarkdownIt) -> None:
    """Read the tags of ``_OFFICE_TAG`` in text that ``md`` parses inline as raw HTML, before
    CommonMark takes ``<st1:City>`` for an address."""
    md.inline.ruler.before("autolink", "office_tag", office_tag)


def office_tag(state: StateInline, silent: bool) -> bool:
    """A tag Word writes in a namespace of Office (``_OFFICE_TAG``), as raw HTML: pasted
    from a document saved as a web page, ``<o:p></o:p>`` ends nearly every paragraph."""
    if not state.md.options.get("html") or state.src[state.pos] != "<":
        return False
    match = _OFFICE_TAG.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        state.push(_RAW, "", 0).content = match.group()
    state.pos = match.end()
    return True


def ends_a_line(child: Token) -> bool:
    """Whether an inline token is a line break of the source: a ``<br>`` is one of the page
    only, and counts no line."""
    return child.type == "softbreak" or (child.type == "hardbreak" and child.info != BREAK_INFO)


def _inline_html(state: StateCore) -> None:
    # A body with no "<" (most) has no block's text that holds one: none is looked for, and
    # each token's type read once (some 8,000 instructions a body fewer).
    tagged = "<" in state.src
    if tagged and any(t.type == "inline" and t.content.startswith("<") for t in ours(state.tokens)):
        carry_languages(ours(state.tokens))
    found = False
    anchors: list[Token] = []
    components: frozenset[str] | None = None  # read from the body once, when needed
    for token in ours(state.tokens):
        if token.type != "inline":
            continue
        if tagged and token.children and "<" in token.content:
            if components is None:
                components = frozenset(_COMPONENT_CLOSING.findall(state.src))
            token.children = _read(token.children, state.md, components)
            anchors += (child for child in token.children if ANCHOR in child.meta)
            found = True
        elif token.meta.get(ANCHORED):
            anchors += (child for child in token.children or () if ANCHOR in child.meta)
    if found:
        state.tokens = theirs(without_empty_paragraphs(ours(state.tokens)))
    if anchors := [anchor for anchor in anchors if ANCHOR in anchor.meta]:  # not left out
        state.env[ANCHORS] = anchors


_BLOCK_OPENING = lazy_compile(r"<([A-Za-z][A-Za-z0-9]*)(?=[\s/>])[^<>]*>")
_BLOCK_CLOSING = lazy_compile(r"</([A-Za-z][A-Za-z0-9]*)\s*>\Z")


class _Held(NamedTuple):
    """A block's tag that starts a paragraph and closes at the end of a later one."""

    start: int
    """The index of the ``paragraph_open`` it starts."""
    end: int
    """The index of the ``inline`` token it closes in."""
    level: int
    """The level of those paragraphs: the blocks of that level between are what it holds."""
    kept: dict[str, str | int | float]
    """Its ``language_attributes``."""


def carry_languages(tokens: list[Token]) -> None:
    """Give the ``lang`` and ``dir`` of a block's tag that opens at the start of a paragraph
    and closes at the end of a later one of the same block (``<div lang="ar" dir="rtl">``, a
    blank line, paragraphs, a blank line, ``</div>``) to each block it holds, unless one has
    its own: its tags are left out, as each paragraph reads its own (``_read``), and the
    paragraphs took neither (a screen reader read Arabic in English, bidi and fonts guessed).
    Written on our blocks, not as a ``<div>`` of ours, the page stays valid however the
    editor's tags nest. The innermost tag that gives each counts; a tag still open when the
    block it is in closes holds nothing."""
    held = sorted(_held(tokens))  # nested or apart: the outer first
    if not held:
        return
    waiting = iter(held)
    following = next(waiting, None)
    inside: dict[int, list[tuple[int, dict[str, str | int | float]]]] = {}  # by level
    for index in range(held[0].start, max(h.end for h in held) + 1):
        while following is not None and following.start == index:
            stack = _open_at(inside, following.level, index)
            outer = stack[-1][1] if stack else {}
            stack.append((following.end, {**outer, **following.kept}))
            following = next(waiting, None)
        token = tokens[index]
        if token.nesting == 1 and (stack := _open_at(inside, token.level, index)):
            for name, value in stack[-1][1].items():
                if not token.attrGet(name):
                    token.attrSet(name, value)


def _open_at(
    inside: dict[int, list[tuple[int, dict[str, str | int | float]]]], level: int, index: int
) -> list[tuple[int, dict[str, str | int | float]]]:
    """The tags of blocks of ``level`` that hold the token at ``index``, the innermost last,
    each with what it gives: those closed before it are taken off."""
    stack = inside.setdefault(level, [])
    while stack and stack[-1][0] < index:
        stack.pop()
    return stack


def _held(tokens: list[Token]) -> list[_Held]:
    """The tags of ``carry_languages`` that give a language or direction, as their closing
    tags match them: a closing tag looks ``LOOK_BACK`` tags back, as in a paragraph."""
    opened: list[tuple[str, _Held]] = []  # (name, its tag with no end yet)
    held: list[_Held] = []
    for index, token in enumerate(tokens):
        if token.nesting < 0:
            while opened and opened[-1][1].level > token.level:
                opened.pop()
            continue
        if token.type != "inline" or not index or tokens[index - 1].type != "paragraph_open":
            continue
        text = token.content.strip()
        lower = casing.lower(text)
        level = tokens[index - 1].level
        closing = text.endswith(">") and _BLOCK_CLOSING.search(text)
        if closing and (name := casing.lower(closing[1])) in BLOCK_LEFT_OUT:
            floor = max(len(opened) - LOOK_BACK, 0) - 1
            at = next(
                (
                    i
                    for i in range(len(opened) - 1, floor, -1)
                    if opened[i][0] == name and opened[i][1].level == level
                ),
                None,
            )
            if at is not None and not re.search(rf"<{name}[\s/>]", lower):
                tag = opened[at][1]
                del opened[at:]
                if tag.kept:
                    held.append(tag._replace(end=index))
                continue
        found = _BLOCK_OPENING.match(text)
        if (
            found
            and (name := casing.lower(found[1])) in BLOCK_LEFT_OUT
            and f"</{name}" not in lower
        ):
            opened.append((name, _Held(index - 1, -1, level, language_attributes(found[0]))))
    return held


def _read(children: list[Token], md: MarkdownIt, components: frozenset[str]) -> list[Token]:
    out: list[Token] = []
    opened: list[tuple[str, int]] = []  # (tag, index in out) of each raw tag still open
    marks: list[int] = []  # len(opened) when each Markdown element still open was opened
    links = 0  # Markdown links open: a link cannot hold a link
    for child in children:
        links += child.nesting if child.type in _LINK_ENDS else 0
        if child.type == _RAW and links and casing.lower(child.content[:2]) == "<a":
            out.append(child)  # stays text
            continue
        if child.type != _RAW:
            if child.nesting > 0:
                marks.append(len(opened))
            elif child.nesting < 0 and marks:
                del opened[marks.pop() :]  # raw tags opened inside it stay text
            out.append(child)
            continue
        out += _element(child, opened, marks, out, md, components)
    return [shown for token in out for shown in _leftover(token)]


def _element(
    child: Token,
    opened: list[tuple[str, int]],
    marks: list[int],
    out: list[Token],
    md: MarkdownIt,
    components: frozenset[str],
) -> list[Token]:
    """What ``child``, a raw tag, becomes. A formatting tag or link is left raw until a tag
    closes it: then both become elements (``_close``). ``components``: the names of the
    JSX components the body closes (``_component``)."""
    raw = child.content
    if raw.startswith("<!--") or re.fullmatch(_CONDITION, raw, re.I):  # a condition of Word's
        return _lines(raw)
    match = _TAG.match(raw)
    if match is None:
        return [child]
    closing, name, empty = (
        match.group(1) == "/",
        casing.lower(match.group(2)),
        match.group(3) == "/",
    )
    if name == "br":  # "</br>" too, as browsers read it
        line_break = Token("hardbreak", "br", 0)
        line_break.info = BREAK_INFO  # no line of the source ends here
        return [line_break, *_lines(raw)]
    if name == "img" and not closing:
        image = _image(raw, md)
        return [image, *_lines(raw)] if image else [child]
    if name in INLINE_LEFT_OUT or ":" in name:  # o:p, st1:city
        return _left_out(raw, name)
    if _marking(name) and closing:
        closed = _close(name, opened, marks, out, md)
        return closed + _lines(raw) if closed else _left_out(raw, name)
    if name in ELEMENTS and closing:
        closed = _close(name, opened, marks, out, md)
        return closed + _lines(raw) if closed else [child]
    if (name in ELEMENTS or _marking(name)) and not empty and len(opened) < MAX_OPEN:
        if name in BLOCK_LEFT_OUT and not _matched(name, raw, opened):
            return _left_out(raw, name)
        # Every span is matched with its closing tag, kept or not: else the one closing a
        # span of no language inside a span of a language would close that one.
        opened.append((name, len(out)))
        return [child]
    if name in BLOCK_LEFT_OUT or _component(match.group(2), empty, components):
        return _left_out(raw, name)
    return [child]


def _component(name: str, empty: bool, components: frozenset[str]) -> bool:
    """Whether a tag of ``name`` (as written) is a JSX component's, as MDX pages write them
    (``<Tabs>``, ``<TabItem value="a">``, ``<Highlight color="red">...</Highlight>``,
    ``<Meta title="x" />``): a name in capitals, of no HTML element, that closes itself or
    that a tag of the body closes. ``List<String>`` of prose, never closed, is no tag."""
    return name[0].isupper() and (empty or name in components) and casing.lower(name) not in _HTML


def _matched(name: str, raw: str, opened: list[tuple[str, int]]) -> bool:
    """Whether the opening tag ``raw`` of a block is to be matched with its closing tag: when
    it gives a language or direction, or one of its name that does is open (``<div
    lang="ar">a <div>b</div> c</div>``). Else it is left out at once, as it was: the
    ``<td>`` and ``<li>`` never closed of a table or list in a paragraph would otherwise
    fill ``opened`` and leave the formatting tags after them as text."""
    return bool(language_attributes(raw)) or any(open_name == name for open_name, _ in opened)


def _close(
    name: str, opened: list[tuple[str, int]], marks: list[int], out: list[Token], md: MarkdownIt
) -> list[Token] | None:
    """The element a closing tag ends, made of it and the innermost tag of its name opened
    within the same Markdown element (``marks``); None if there is none."""
    floor = max(marks[-1] if marks else 0, len(opened) - LOOK_BACK)
    at = next((i for i in range(len(opened) - 1, floor - 1, -1) if opened[i][0] == name), None)
    if at is None:
        return None
    start = opened[at][1]
    if name == "a":
        return _link(start, opened, at, out, md)
    raw = out[start].content
    kept = language_attributes(raw)
    if _marking(name) and not _marks(name, kept):
        # No element: tags opened inside may close past it, and its tag, left raw, is left
        # out by ``_leftover`` (replaced now, the places in ``out`` of those would move).
        del opened[at]
        return []
    del opened[at:]  # tags opened inside it and not closed stay text
    shown = ELEMENTS.get(name) or MARKING.get(name, "span")
    opening = Token(f"{shown}_open", shown, 1, attrs=kept)
    block = name in BLOCK_LEFT_OUT  # its tags stand for a space, as when left out
    before = [_space()] if block else []
    anchor = _anchor(raw) if _marking(name) else []
    out[start : start + 1] = [*before, *anchor, opening, *_lines(raw)]  # lines: counted
    return [Token(f"{shown}_close", shown, -1), *([_space()] if block else [])]


def _marking(name: str) -> bool:
    """Whether the tags named ``name`` become an element of ours only when they give a
    language or direction (``_marks``): a ``<span>``, a ``<bdo>``, and a block's whose tags
    are otherwise left out (``<p lang="fr">``, ``<div lang="ar" dir="rtl">``), which becomes
    a span, as it holds the text of one paragraph, heading or cell here."""
    return name in MARKING or name in BLOCK_LEFT_OUT


def language_attributes(raw: str) -> dict[str, str | int | float]:
    """The ``lang`` and ``dir`` of a raw tag that we write on the element it becomes, each
    only when valid (a language tag; ``ltr``, ``rtl`` or ``auto``): a phrase of another
    language keeps the glyphs, voice and hyphenation of its language, and one of another
    script its order among the words around it."""
    lower = casing.lower(raw)
    if "lang" not in lower and "dir" not in lower:
        return {}
    found = attributes(raw)
    kept: dict[str, str | int | float] = {}
    if is_language_tag(lang := found.get("lang", "")):
        kept["lang"] = lang
    if (direction := casing.lower(found.get("dir", ""))) in DIRECTIONS:
        kept["dir"] = direction
    return kept


def _marks(name: str, kept: dict[str, str | int | float]) -> bool:
    """Whether a tag of ``MARKING`` gives what it is written for: a ``<bdo>`` overrides the
    order of letters one way, ``ltr`` or ``rtl`` (``auto`` is none)."""
    return kept.get("dir") in ("ltr", "rtl") if name == "bdo" else bool(kept)


def _left_out(raw: str, name: str) -> list[Token]:
    """What the tag ``raw`` of an element whose tags are left out stands for: the id it gives
    its place, the lines it runs over, and a space between words for a block's."""
    return _anchor(raw) + _lines(raw) + ([_space()] if name in BLOCK_LEFT_OUT else [])


_ATTRIBUTE = lazy_compile(
    r"""\s([A-Za-z_:][A-Za-z0-9_.:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
)
"""An attribute of a tag, as CommonMark's raw HTML allows it: its name, and its value quoted
either way or not at all."""
_LINKS = frozenset({"link_open", "footnote_ref"})
_LINK_ENDS = frozenset({"link_open", "link_close"})
"""Tokens rendered as links: none may be inside another."""


def attributes(raw: str) -> dict[str, str]:
    """The attributes of a raw tag, by name in lower case (the first of a name counts), their
    values' character references decoded."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(raw):
        name = casing.lower(match.group(1))
        value = next((g for g in match.groups()[1:] if g is not None), "")
        found.setdefault(name, html.unescape(value))
    return found


def _address(value: str | None, md: MarkdownIt) -> str | None:
    """A link's or image's address as Markdown's own would have it, or None where Markdown
    would not link it (``markdown.is_link``)."""
    if value is None:
        return None
    address = md.normalizeLink(value.strip())
    return address if md.validateLink(address) else None


def _image(raw: str, md: MarkdownIt) -> Token | None:
    """The image ``<img src="..." alt="..." title="...">`` shows, or None."""
    found = attributes(raw)
    src = _address(found.get("src"), md)
    if src is None:
        return None
    image = Token("image", "img", 0, attrs={"src": src, "alt": "", **language_attributes(raw)})
    alt = found.get("alt", "")
    image.content = alt
    image.children = [Token("text", "", 0, content=alt)] if alt else []
    if title := found.get("title"):
        image.attrSet("title", title)
    return image


def _link(
    start: int, opened: list[tuple[str, int]], at: int, out: list[Token], md: MarkdownIt
) -> list[Token] | None:
    """The link that ``out[start]``, a raw ``<a href>``, and the ``</a>`` that closes it make
    of what is between; None (both stay text) without a valid address, or when a link is
    inside. An address written in its text (``<a href="x">https://x</a>``) is text again.
    An anchor without an address (``<a name="top">``) is left out, its text kept; the id or
    name of a link is a place before it (``<a href="#_ftn1" name="_ftnref1">``)."""
    found = attributes(out[start].content)
    if "href" not in found:
        del opened[at:]
        out[start : start + 1] = _anchor(out[start].content, True) + _lines(out[start].content)
        return [Token("text", "", 0)]
    href = _address(found.get("href"), md)
    inside = out[start + 1 :]
    autolinked = any(t.type in _LINKS and t.markup == "linkify" for t in inside)
    if href is None or any(t.type in _LINKS and t.markup != "linkify" for t in inside):
        # Text for good: the next "</a>" is not matched with it again (reading what follows
        # it once more for each of thousands of "</a>" would take time growing as a square).
        del opened[at]
        return None
    del opened[at:]
    if autolinked:
        kept = [t for t in inside if not (t.markup == "linkify" and t.type.startswith("link_"))]
        out[start + 1 :] = kept
    raw = out[start].content
    opening = Token("link_open", "a", 1, attrs={"href": href, **language_attributes(raw)})
    # Its id or name is a place, as Word's notes name each link for the other to go back to.
    out[start : start + 1] = [*_anchor(raw, True), opening, *_lines(raw)]  # lines: counted
    return [Token("link_close", "a", -1)]


def _leftover(token: Token) -> list[Token]:
    """``token`` as shown once every tag is read: a raw tag nothing closed is left as the
    characters the editor typed, but an anchor without an address is left out."""
    if token.type != _RAW or ANCHOR in token.meta:
        return [token]
    if _bare_anchor(token.content):
        return _anchor(token.content, True) + _lines(token.content)
    if _marking(name := _opened_name(token.content) or ""):  # nothing closed it
        return _left_out(token.content, name)
    text = Token("text", "", 0, content=token.content)
    text.level = token.level
    return [text]


def _bare_anchor(raw: str) -> bool:
    """Whether ``raw`` opens an anchor without an address (``<a name="top">``)."""
    return _opened_name(raw) == "a" and "href" not in attributes(raw)


def _opened_name(raw: str) -> str | None:
    """The name of the element that ``raw`` opens, in lower case; None for another tag."""
    match = _TAG.match(raw)
    return casing.lower(match.group(2)) if match is not None and not match.group(1) else None


def _anchor(raw: str, named: bool = False) -> list[Token]:
    """The place a tag left out gives an id (or, ``named``, a name: ``<a name="top">``), as a
    token that ``headings`` gives the id; none if it gives none that could be one."""
    lower = casing.lower(raw)
    found = attributes(raw) if "id" in lower or (named and "name" in lower) else {}
    name = found.get("id") or (found.get("name") if named else None)
    if not name or len(name) > MAX_ANCHOR or any(c.isspace() for c in name):
        return []
    return [Token("html_inline", "", 0, meta={ANCHOR: name})]


def _lines(raw: str) -> list[Token]:
    """What a tag or comment left out stands for: the lines it runs over, shown as nothing
    (``UNSHOWN``)."""
    return [Token("softbreak", "", 0, meta={UNSHOWN: True}) for _ in range(raw.count("\n"))]


def _space() -> Token:
    return Token("text", "", 0, content=" ")


def without_empty_paragraphs(tokens: list[Token]) -> list[Token]:
    """Without the paragraphs that held nothing but comments and tags left out (``<!-- more
    -->``, ``<div align="center">`` alone) or attributes (``attributes``: ``{:toc}``); an id
    such a paragraph gave its place (``<a id="top"></a>``, as often on the line before a
    heading; Pandoc's ``[]{#_Toc1}``) goes to the start of the next block's text, or, after
    the last, to the end of the last."""
    out: list[Token] = []
    carried: list[Token] = []
    skip = 0
    for index, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if token.type == "paragraph_open" and _only_space(tokens, index + 1):
            carried += (c for c in tokens[index + 1].children or () if ANCHOR in c.meta)
            skip = 2  # its inline token and its paragraph_close
            continue
        if carried and token.type == "inline":
            token.children = carried + (token.children or [])
            token.meta[ANCHORED] = True
            carried = []
        out.append(token)
    last = next((t for t in reversed(out) if t.type == "inline"), None)
    if carried and last is not None:
        last.children = (last.children or []) + carried
        last.meta[ANCHORED] = True
    for anchor in carried if last is None else ():  # no text at all: no link needs them
        del anchor.meta[ANCHOR]
    return out


def _only_space(tokens: list[Token], index: int) -> bool:
    if index + 1 >= len(tokens) or tokens[index + 1].type != "paragraph_close":
        return False
    return all(
        child.type == "softbreak"
        or (child.type == "text" and not child.content.strip())
        or ANCHOR in child.meta
        for child in tokens[index].children or ()
    )


def ruby_copies(children: list[Token]) -> list[tuple[str, str]]:
    """(as copied, as read) for each base of a ruby in ``children`` and its reading: a
    browser copies a ruby's reading after its text (``漢字かんじ``; ``漢字(かんじ)`` where
    it shows the ``<rp>`` parentheses, as one without ruby does), which a quote copied from
    the page then holds, while a reader reads the text alone (``漢字``)."""
    copies: list[tuple[str, str]] = []
    base, reading, shown = "", "", ""
    annotation = ""  # "rt" or "rp" inside one, else ""
    inside = False
    for child in children:
        ends_base = child.type == "text" and not annotation and bool(reading)
        if child.type in ("ruby_open", "ruby_close") or ends_base:
            _add_copies(copies, base, reading, shown)
            base, reading, shown = "", "", ""
            inside = child.type != "ruby_close"
        if child.type in ("rt_open", "rp_open"):
            annotation = child.type[:2]
        elif child.type in ("rt_close", "rp_close"):
            annotation = ""
        elif child.type == "text" and inside:
            if not annotation:
                base += child.content
            else:
                shown += child.content
                reading += child.content if annotation == "rt" else ""
    return copies


def _add_copies(copies: list[tuple[str, str]], base: str, reading: str, shown: str) -> None:
    if base.strip() and reading.strip():
        copies.append((base + reading, base))
        if shown != reading:
            copies.append((base + shown, base))
