"""The callouts of other Markdown tools, shown as boxes as GitHub's alerts (``alerts``) are:

- fenced with colons, as Docusaurus, VuePress, MyST, Pandoc and Quarto write them
  (``:::note``, ``::: tip Title``, ``:::warning[Title]``, ``:::{note}``, ``::: {.note}``,
  ``::: {.callout-tip}``), to a line of at least as many colons; one inside another takes
  more colons or closes first. The options that follow a MyST fence (``:class: dropdown``)
  are settings for Sphinx, not shown;
- MyST's directives fenced with backticks whose content is Markdown (```` ```{note} ````,
  ```` ```{admonition} Title ````, a container's, ```` ````{tab-set} ````), to the fence that
  would close code: their content is read as blocks, as Sphinx reads it, so a quote of its
  words is found. Other directives (``{code-block}``, ``{math}``) stay code. A figure's
  argument (``{figure} glorp.png``, ``{image}``) is its image, shown before its caption;
- MkDocs' and Python-Markdown's admonitions, ``!!! note "Title"`` (``???`` and ``???+`` for
  collapsible ones) over the lines indented below them, written as Python-Markdown reads
  them (a line that only starts so is prose);
- the blocks of PyMdown Extensions (``pymdownx.blocks``), as FastAPI's and SQLModel's docs
  write them, fenced with slashes (``/// tip | Title``, ``//// tab | Linux``, to a line of
  as many slashes; one inside another takes fewer), the options indented under their line
  (``    type: warning``) no text of the box;
- the content tabs of Material for MkDocs (``pymdownx.tabbed``): ``=== "Label"`` over the
  lines indented below it, each tab a box titled with its label, as MyST's ``{tab-item}``.

A callout of a known kind (note, tip, important, warning, caution and the names other tools
give them: info, danger, ...) is titled with its own title or its kind's name. A fenced block
of another name is titled with the rest of its line (``::: details Click me``; all of
``::: Read this first``); one whose line holds attributes alone (``::: {.columns}``,
``::: {custom-style="Quote"}``) has its fences left out and its content shown as the body's
own. A fence that no other closes, or that closes none, is text of the body, shown as typed:
no words of a body are lost to a fence or to an admonition's line.

A title the author wrote (``::: tip Read this``, ``:::warning[Read this]``, ``::: details
Open me``, ``!!! note "Read this"``) is text of the body, as an Obsidian callout's is
(``obsidian_callouts``): a block of its own (``callout-title``, ``TITLE_OPEN``), quoted,
highlighted and copied with the body, which, as a heading, starts no summary. A title the
site gives a box, its kind's name (``!!! note`` "Note"), is no text of the body, as an
alert's: no quote or summary holds it, and it cannot be selected. MkDocs' collapsible ones
(``???``, ``???+``) are ``<details>`` titled by their ``<summary>``, shown open: a quote in
one must be seen where a statement's card links to it.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from mdit_py_plugins.admon.index import admonition

from concordance.alerts import KINDS
from concordance.lazy_patterns import lazy_compile
from concordance.markers import holds
from concordance.tokens import Token, ours, theirs

ALIASES = {
    **{kind: kind for kind in KINDS},
    **dict.fromkeys(["info", "abstract", "summary", "tldr", "seealso", "example"], "note"),
    **dict.fromkeys(["question", "help", "faq", "todo", "quote", "cite"], "note"),
    **dict.fromkeys(["hint", "success", "check", "done"], "tip"),
    **dict.fromkeys(["warn", "attention"], "warning"),
    **dict.fromkeys(["danger", "error", "failure", "fail", "missing", "bug"], "caution"),
}
"""The names tools give callouts -> the kind of alert each is shown as."""
_FENCE = "callout_fence"
"""A line of three colons or slashes or more, until ``_partners`` finds which fence closes
which."""
_FENCE_MARKS = (":::", "///")
"""What a fence's line starts with: colons (Docusaurus, MyST, Pandoc), slashes (PyMdown)."""
_SLASHED = lazy_compile(r"[ \t]*([\w-]+)[ \t]*(?:\|[ \t]*(.*?))?[ \t]*")
"""A PyMdown block's line after its slashes: its name, maybe ``|`` and a title."""
_SLASHED_HIDDEN = frozenset({"html", "define", "caption"})
"""PyMdown's blocks that are no box: an element (``/// html | div``), a definition list, a
caption: their content is shown as the body's own."""
_TAB = lazy_compile(r'===[!+]?[ \t]+"([^"\n]*)"[ \t]*')
"""A content tab's line (``=== "Label"``, ``===! "Label"``, ``===+ "Label"``)."""
_TAB_OPEN, _TAB_CLOSE = "content_tab_open", "content_tab_close"
_PYMDOWN = "pymdown_blocks"
"""The body's ``env`` key its block rules set once they made a fence of slashes or a tab:
``_callouts`` asks it rather than looking for ``///`` through every ``/`` of the body's
addresses, and for ``===`` under every heading's underline."""
MAX_DEPTH = 16
"""Fenced callouts open at once at most; a fence past them is text. Unbounded, 50,000
``:::note`` lines then as many ``:::`` would nest boxes 50,000 deep, which the search
indexer reads in time growing with the square of the depth (as ``inline_html.MAX_OPEN``)."""
_OPEN, _CLOSE = "callout_open", "callout_close"
TITLE_OPEN, TITLE_CLOSE = "callout_title_open", "callout_title_close"
"""The title the author wrote: a block of the body's text, as a heading is."""
DETAILS_OPEN, DETAILS_CLOSE = "callout_details_open", "callout_details_close"
"""Inside a foldable callout's box, around its title (``<summary>``) and content."""
_ADMONITION = lazy_compile(r'[ \t]*([\w-]+)((?:[ \t]+[\w-]+)*)(?:[ \t]+"([^"\n]*)")?[ \t]*')
"""An admonition's line after its marker, as Python-Markdown reads it: its kind, more
classes, a title in quotes (``""``: none)."""
_CONTAINERS = frozenset({"details", "spoiler", "collapse", "aside", "sidebar", "figure"})
"""Names of fenced blocks other than callouts, which are no words of the body."""
_QUARTO = "callout-"
"""Quarto's callouts are classes: ``{.callout-note}``."""
_OPTION = lazy_compile(r"[ \t]*:[\w-]+:(?:[ \t].*)?")
"""A line of a MyST directive's options, after its fence (``:class: dropdown``, ``:open:``)."""
_DIRECTIVE = lazy_compile(r"(`{3,})\{([\w:-]+)\}[^`]*")
"""The fence that opens a MyST directive: backticks, its name in braces, its argument."""
_DIRECTIVES = frozenset(
    {*ALIASES, *_CONTAINERS, "admonition", "margin", "epigraph", "pull-quote", "topic"}
    | {"dropdown", "tab-set", "tab-item", "card", "grid", "grid-item", "grid-item-card"}
    | {"div", "container", "highlights", "image"}
)
"""Directives whose content is Markdown, a callout's, a container's or a figure's caption:
any other (``{code}``, ``{math}``) stays code."""
_IMAGES = frozenset({"figure", "image"})
"""MyST's directives whose argument is an image's address."""
_GRIDS = frozenset({"grid", "grid-item"})
"""sphinx-design's containers whose argument is their columns (``{grid} 1 2 2 2``), no title."""
_ALT = lazy_compile(r"^[ \t]*:alt:[ \t]*(.*)$", re.MULTILINE)
_DIRECTIVE_OPEN, _DIRECTIVE_CLOSE = "myst_directive_open", "myst_directive_close"
_CLOSING_COLONS = lazy_compile(r"\s*:{3,}\Z")
"""The colons Pandoc lets a fence's line end with (``::: Warning ::::::``): no title."""


def enable(md: MarkdownIt) -> None:
    ends = ["paragraph", "reference", "blockquote", "list"]
    md.block.ruler.before("fence", _FENCE, _fence, {"alt": ends})
    md.block.ruler.before("fence", "myst_directive", _directive, {"alt": ends})
    md.core.ruler.after("block", "callouts", _callouts)
    # As Python-Markdown reads them, admonitions start blocks: they end no paragraph (and
    # so are not tried on each of its lines).
    md.block.ruler.before("fence", "admonition", _admonition)
    md.block.ruler.before("fence", "content_tab", _tab)


def _admonition(state: StateBlock, line: int, end: int, silent: bool) -> bool:
    """mdit-py-plugins' admonition rule, on the lines written as Python-Markdown reads
    them: a kind, maybe more classes, maybe a title in quotes (``!!! note "Title"``).
    Other lines that start so are prose (``!!! Read this: ...``), whose words a box would
    lose."""
    start = state.bMarks[line] + state.tShift[line]
    if state.src[start : start + 3] not in ("!!!", "???"):
        return False
    if _admonished(state.src[start + 3 : state.eMarks[line]]) is None:
        return False
    return bool(admonition(state, line, end, silent))


def _admonished(params: str) -> tuple[str, str | None] | None:
    """The kind (in lower case) and title of an admonition's line after its marker (None:
    none written, ``""``: none wanted), or None when it is none: classes past the first are
    read only after a known kind or before a title in quotes ("??? what is this" is a
    question)."""
    found = _ADMONITION.fullmatch(params.removeprefix("+"))
    if found is None:
        return None
    name, more, title = found[1], found[2], found[3]
    if more and title is None and name.lower() not in ALIASES:
        return None
    return name.lower(), title


def written_title(line: str) -> str | None:
    """The title the author wrote on a line of the source that opens or closes a callout,
    as Markdown (``::: tip Read this``, ``!!! note "Read this"``: ``Read this``; ``::: tip``,
    ``!!! note`` and a closing ``:::``: none, ""), or None for a line that is no callout's
    (``!!! Read this: ...``): what a quote copied with the line holds of it."""
    text = line.strip()
    if text.startswith(":::"):
        params = text.lstrip(":").strip()
        return _named(params)[1] if params else ""
    if text.startswith("///"):
        info = _slashed_info(text.lstrip("/"))
        return None if info is None else _named(info)[1]
    if text.startswith("==="):
        tab = _TAB.fullmatch(text)
        return None if tab is None else tab[1]
    if text[:3] not in ("!!!", "???"):
        return None
    found = _admonished(text[3:])
    return None if found is None else found[1] or ""


def _fence(state: StateBlock, line: int, end: int, silent: bool) -> bool:
    """A line of colons or slashes, with what follows them: one token, paired later
    (``_partners``)."""
    start = state.bMarks[line] + state.tShift[line]
    mark = state.src[start : start + 3]
    if mark not in _FENCE_MARKS or state.sCount[line] - state.blkIndent >= 4:
        return False  # most lines; or code
    text = state.src[start : state.eMarks[line]]
    params = text.lstrip(mark[0])
    info = params.strip() if mark == ":::" else _slashed_info(params)
    if info is None:
        return False  # prose, or a comment of code: "/// see below"
    if silent:
        return True
    if mark == "///":
        after = _indented_end(state, line + 1, end) if info else line + 1
        state.env[_PYMDOWN] = True
    elif params.lstrip().startswith("{"):
        after = _options_end(state, line + 1, end)
    else:
        after = line + 1
    token = state.push(_FENCE, "", 0)
    token.markup, token.info = text[: len(text) - len(params)], info
    # With its options: a fence left unpaired is shown as typed (``_paragraph``).
    token.content = state.getLines(line, after, state.blkIndent, False).strip()
    token.map = [line, after]
    state.line = after
    return True


def _slashed_info(params: str) -> str | None:
    """What a PyMdown block's line after its slashes gives its fence, as ``_named`` reads a
    fence of colons (``tip | Read this``: ``tip[Read this]``; ``tab | Linux``: ``[Linux]``,
    a box of the title alone; nothing: a closing fence), or None for no block's line."""
    found = _SLASHED.fullmatch(params)
    if found is None:
        return "" if not params.strip() else None
    name, title = found[1].lower(), (found[2] or "").strip()
    if name in _SLASHED_HIDDEN:
        return "{}"  # attributes alone: the content shown as the body's own
    if not title:
        return name if name in ALIASES else "{}"
    return f"{name if name in ALIASES else ''}[{title}]"


def _indented_end(state: StateBlock, line: int, end: int) -> int:
    """The line after a PyMdown block's options from ``line``: the lines indented under its
    fence (``    type: warning``), YAML for the extension, no words of the body."""
    while line < end and not state.isEmpty(line) and state.sCount[line] - state.blkIndent >= 4:
        line += 1
    return line


def _tab(state: StateBlock, line: int, end: int, silent: bool) -> bool:
    """A content tab of Material for MkDocs (``=== "Label"``) over the lines indented below
    it, as an admonition's: a box titled with its label."""
    start = state.bMarks[line] + state.tShift[line]
    if not state.src.startswith("===", start) or state.sCount[line] - state.blkIndent >= 4:
        return False  # most lines; or code
    found = _TAB.fullmatch(state.src, start, state.eMarks[line])
    if found is None:
        return False  # a heading's underline, or prose
    if silent:
        return True
    state.env[_PYMDOWN] = True
    old_indent, old_max, old_parent = state.blkIndent, state.lineMax, state.parentType
    state.blkIndent = state.sCount[line] + 4
    close = _indented_block_end(state, line + 1, end)
    opened = state.push(_TAB_OPEN, "", 1)
    opened.info, opened.map = found[1], [line, close]
    state.lineMax, state.parentType = close, "admonition"
    state.md.block.tokenize(state, line + 1, close)
    state.push(_TAB_CLOSE, "", -1)
    state.blkIndent, state.lineMax, state.parentType = old_indent, old_max, old_parent
    state.line = close
    return True


def _indented_block_end(state: StateBlock, line: int, end: int) -> int:
    """The line that ends the content indented to ``state.blkIndent`` from ``line``: the first
    written less indented, or the second of two blank lines, as Python-Markdown reads it."""
    blank = False
    while line < end:
        empty = state.isEmpty(line)
        if (empty and blank) or (not empty and state.sCount[line] < state.blkIndent):
            break
        blank = empty
        line += 1
    return line


def _options_end(state: StateBlock, line: int, end: int) -> int:
    """The line after the options (``:class: dropdown``) that follow a MyST directive's fence
    from ``line``: settings for Sphinx, no words of the body."""
    while line < end and _OPTION.fullmatch(state.src, state.bMarks[line], state.eMarks[line]):
        line += 1
    return line


def _directive(state: StateBlock, line: int, end: int, silent: bool) -> bool:
    """A MyST directive fenced with backticks whose content is Markdown (```` ```{note} ````,
    ```` ````{tab-item} Title ````), to the fence that closes it as it would close code: a
    callout, whose content is read as the body's blocks (and its options left out)."""
    start = state.bMarks[line] + state.tShift[line]
    if not state.src.startswith("```", start) or state.sCount[line] - state.blkIndent >= 4:
        return False  # most lines; or code
    found = _DIRECTIVE.fullmatch(state.src, start, state.eMarks[line])
    if found is None or found[2].lower() not in _DIRECTIVES:
        return False
    close = _closing_fence(state, line + 1, end, found[1])
    if close is None:
        return False  # shown as code, as any fence left open
    if silent:
        return True
    # A level deeper, as a block quote's content: a tight list shows its paragraphs.
    opened = state.push(_DIRECTIVE_OPEN, "", 1)
    opened.info, opened.map = found[0][len(found[1]) :].strip(), [line, line + 1]
    settings = _settings_end(state, line + 1, close)
    opened.content = state.getLines(line + 1, settings, 0, False)  # its options: an image's alt
    old_max, state.lineMax = state.lineMax, close
    state.md.block.tokenize(state, settings, close)
    state.lineMax = old_max
    state.push(_DIRECTIVE_CLOSE, "", -1)
    state.line = close + 1
    return True


def _settings_end(state: StateBlock, line: int, end: int) -> int:
    """The line after a directive's options from ``line`` (before ``end``, its closing
    fence): ``:key: value`` lines, or YAML between two lines of ``---``."""
    if state.src[state.bMarks[line] : state.eMarks[line]].strip() == "---":
        for at in range(line + 1, end):
            if state.src[state.bMarks[at] : state.eMarks[at]].strip() == "---":
                return at + 1
    return _options_end(state, line, end)


def _closing_fence(state: StateBlock, line: int, end: int, ticks: str) -> int | None:
    """The line of the first fence of at least ``ticks`` alone from ``line`` within ``end``."""
    for at in range(line, end):
        if state.sCount[at] < state.blkIndent and not state.isEmpty(at):
            return None  # the block it is in ended
        text = state.src[state.bMarks[at] + state.tShift[at] : state.eMarks[at]].rstrip()
        if (
            text.startswith(ticks)
            and not text.strip("`")
            and state.sCount[at] - state.blkIndent < 4
        ):
            return at
    return None


def _callouts(state: StateCore) -> None:
    """Callouts made of the fences that pair and of admonitions; any other fence made a
    paragraph of its text. In one pass over the tokens."""
    if not state.env.get(_PYMDOWN) and not holds(state.src, (":::", "!!!", "???", "```{")):
        return  # most bodies: at C speed
    tokens = ours(state.tokens)
    partners = _partners(tokens)
    out: list[Token] = []
    folds: list[bool] = []  # each admonition open: whether it is collapsible (``???``)
    directives: list[bool] = []  # each directive open: whether it is a box
    for at, token in enumerate(tokens):
        if token.type == _FENCE:
            out += _fenced(tokens, at, partners.get(at))
        elif token.type == "admonition_open":
            name, title = _admonished(token.info) or ("", "")
            folds.append(token.markup.startswith("?"))
            # A collapsible one is named by its summary: its kind's without one of its own.
            shown = title or ("" if title == "" and not folds[-1] else name.capitalize())
            out += _opening(token, ALIASES.get(name), shown, bool(title), folds[-1])
        elif token.type == "admonition_close":
            out += _closing(token, folds.pop() if folds else False)
        elif token.type == _DIRECTIVE_OPEN:
            opened, boxed = _box(token)
            directives.append(boxed)
            out += opened
        elif token.type == _DIRECTIVE_CLOSE:
            out += _closing(token, False) if directives.pop() else []
        elif token.type == _TAB_OPEN:
            out += _opening(token, None, token.info, True, False)
        elif token.type == _TAB_CLOSE:
            out += _closing(token, False)
        elif not _admonition_title(tokens, at):
            out.append(token)
    state.tokens = theirs(out)


def _box(opener: Token) -> tuple[list[Token], bool]:
    """The tokens that start what a fence or directive ``opener`` shows, and whether they
    open a box (its closing fence closes it): none for a container with no title (Pandoc's
    ``::: {.columns}``, MyST's ``{tab-set}``), whose content is shown as the body's own; a
    MyST figure's image, its caption after it as the body's own."""
    name, title = _named(opener.info)
    if name in _GRIDS:
        title = ""  # its columns: ``{grid} 1 2 2 2``
    if name in _IMAGES and title and not any(c.isspace() or c in "<>" for c in title):
        return _image(opener, title), False
    kind = ALIASES.get(name)
    if kind is None and not title:
        return [], False
    return _opening(opener, kind, title or name.capitalize(), bool(title), False), True


def _image(opener: Token, address: str) -> list[Token]:
    """A paragraph of the image at ``address``, as Markdown's ``![alt](address)`` shows it,
    its text the ``:alt:`` option of ``opener`` (an image without one shows none)."""
    found = _ALT.search(opener.content)
    alt = re.sub(r"([\\\[\]])", r"\\\1", found[1].strip()) if found else ""
    made = _paragraph(opener)
    made[1].content = f"![{alt}](<{address}>)"
    return made


def _partners(tokens: list[Token]) -> dict[int, int]:
    """Index of each fence paired -> that of its partner: a fence with nothing after its
    colons closes the innermost one still open within the same block (a list item, a block
    quote or the body), if that has no more colons than it."""
    parents: list[int] = []
    waiting: dict[int, list[int]] = {}  # parent -> its fences still open, innermost last
    partners: dict[int, int] = {}
    depth = 0  # fences open in all
    for at, token in enumerate(tokens):
        if token.nesting == 1:
            parents.append(at)
        elif token.nesting == -1 and parents:
            depth -= len(waiting.pop(parents.pop(), ()))
        elif token.type == _FENCE:
            open_here = waiting.setdefault(parents[-1] if parents else -1, [])
            if token.info:
                if depth < MAX_DEPTH:
                    open_here.append(at)
                    depth += 1
            elif open_here and _closes(tokens[open_here[-1]].markup, token.markup):
                opener = open_here.pop()
                partners[opener], partners[at] = at, opener
                depth -= 1
    return partners


def _closes(opener: str, closer: str) -> bool:
    """Whether a fence of the marks ``closer`` alone closes one opened by ``opener``: of
    colons, as many or more; of slashes, as many, as PyMdown reads them."""
    if opener[0] != closer[0]:
        return False
    return len(opener) <= len(closer) if opener[0] == ":" else len(opener) == len(closer)


def _fenced(tokens: list[Token], at: int, partner: int | None) -> list[Token]:
    if partner is None:
        return _paragraph(tokens[at])
    opened, boxed = _box(tokens[min(at, partner)])
    if partner < at:
        return _closing(tokens[at], False) if boxed else []
    return opened


def _named(params: str) -> tuple[str, str]:
    """The name (in lower case) and title a fence gives its callout: ``note Title``,
    ``note[Title]``, ``{note} Title`` (MyST), ``{.note #id key=value}`` and ``note``, a
    class (Pandoc)."""
    params = _CLOSING_COLONS.sub("", params)
    if params.startswith("{"):
        inside, _, title = params[1:].partition("}")
        words = inside.split()
        classes = [word[1:] for word in words if word.startswith(".")]
        plain = [word for word in words if word[0] not in "#." and "=" not in word]
        name = (classes or plain or [""])[0]
    else:
        name, _, title = params.partition(" ")
        if "[" in name and params.endswith("]"):
            name, _, title = params[:-1].partition("[")
        elif title and name.lower() not in ALIASES and name.lower() not in _CONTAINERS:
            name, title = "", params  # "::: This is a line": a title, all of it
        # One word alone is a class, as Pandoc reads it: "::: para" is its <div class="para">.
    return name.lower().removeprefix(_QUARTO), title.strip()


def _admonition_title(tokens: list[Token], at: int) -> bool:
    """Whether ``tokens[at]`` is part of an admonition's title, which ``_opening`` makes."""
    token = tokens[at]
    if token.type in ("admonition_title_open", "admonition_title_close"):
        return True
    return token.type == "inline" and at > 0 and tokens[at - 1].type == "admonition_title_open"


def _opening(token: Token, kind: str | None, title: str, own: bool, folds: bool) -> list[Token]:
    """A callout's box, with its title if it has one (``own``: the author's, else the kind's
    name): ``div.alert``, as an alert's; a foldable one's content in a ``<details>``."""
    opened = Token(_OPEN, "div", 1, map=token.map, level=token.level, block=True)
    opened.attrSet("class", f"alert alert-{kind}" if kind else "alert")
    opened.attrSet("role", "note")
    made = [opened]
    if folds:
        details = Token(DETAILS_OPEN, "details", 1, map=token.map, level=token.level, block=True)
        details.attrSet("open", "")
        made.append(details)
    tag = "summary" if folds else "p"
    first = (token.map or [0])[0]
    if own:
        made += own_title(title, tag, [first, first + 1])
    elif title:
        made.append(kinds_title(title, tag))
    return made


def own_title(
    content: str, tag: str, lines: list[int], children: list[Token] | None = None
) -> list[Token]:
    """The tokens of a title the author wrote (its Markdown ``content``, read by markdown-it's
    inline rule unless its ``children`` are given) on ``lines`` of the body."""
    opened = Token(TITLE_OPEN, tag, 1, map=lines, block=True)
    opened.attrSet("class", "callout-title")
    inline = Token("inline", "", 0, map=lines, content=content.strip(), children=children or [])
    return [opened, inline, Token(TITLE_CLOSE, tag, -1, block=True)]


def kinds_title(name: str, tag: str) -> Token:
    """The title the site gives a box without one of the author's, ``name``: no text of the
    body (``alert-title``, as an alert's)."""
    return Token(
        "html_block", "", 0, content=f'<{tag} class="alert-title">{escapeHtml(name)}</{tag}>\n'
    )


def _closing(token: Token, folds: bool) -> list[Token]:
    closed = Token(_CLOSE, "div", -1, level=token.level, block=True)
    if not folds:
        return [closed]
    return [Token(DETAILS_CLOSE, "details", -1, level=token.level, block=True), closed]


def _paragraph(fence: Token) -> list[Token]:
    """An unpaired fence as the paragraph its line is."""
    inline = Token("inline", "", 0, content=fence.content, map=fence.map, children=[])
    return [
        Token("paragraph_open", "p", 1, map=fence.map, level=fence.level, block=True),
        inline,
        Token("paragraph_close", "p", -1, level=fence.level, block=True),
    ]
