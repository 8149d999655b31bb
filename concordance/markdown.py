"""Markdown -> HTML, with every verified quote found, wrapped and anchored.

The body is parsed once. Its text, as a reader sees it (markup removed), is
folded into one string that remembers which token each character came from;
a quote is found in that string, and the tokens it covers are rewritten so the
quote is highlighted even where it crosses emphasis, links or code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import accumulate, pairwise
from typing import Any, Final, TypeVar

from markdown_it import MarkdownIt
from markdown_it.common import normalize_url
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from mdit_py_plugins.deflist import deflist_plugin

from concordance import (
    abbreviations,
    alerts,
    attributes,
    autolinks,
    autorefs,
    block_ids,
    block_scan,
    body_text,
    callouts,
    closest,
    code_cells,
    content_links,
    dandas,
    directions,
    emoji_codes,
    emphasis,
    footnotes,
    french_spacing,
    grid_tables,
    headings,
    highlights,
    html_blocks,
    inline_html,
    inline_links,
    inline_scan,
    inserted,
    keyboard_keys,
    ligatures,
    link_destinations,
    mdx,
    myst,
    obsidian_callouts,
    pandoc_scripts,
    paragraphs,
    pasted,
    percent_comments,
    raw,
    search_terms,
    shortcodes,
    simple_tables,
    spaced_emphasis,
    table_cells,
    tasks,
    text_runs,
    token_html,
    vietnamese_tones,
    wikilinks,
    words,
)
from concordance.chips import placeholder
from concordance.lazy_patterns import lazy_compile
from concordance.textnorm import (
    AFTER_A_WORD,
    Folder,
    fold,
    past_marks,
    printable,
    raised,
    unspaced,
)
from concordance.token_html import add_render_rule, escape_html, render_token
from concordance.tokens import Token, new_token, ours, theirs
from concordance.urls import url_problem
from concordance.words import Vocabulary, find_words

T = TypeVar("T")

_SAFE_SCHEME: Final = re.compile(r"^(?:https?:|mailto:|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)


def is_safe_url(url: str) -> bool:
    """Only http(s), mailto and relative links: no javascript:, vbscript:, data: or file:."""
    # Most addresses hold none of those characters, told at C speed.
    cleaned = url if printable(url) and " " not in url else re.sub(r"[\x00-\x20\x7f]+", "", url)
    return bool(_SAFE_SCHEME.match(cleaned))


def is_link(url: str) -> bool:
    """Whether a link (or image) of a body becomes one: a safe address (``is_safe_url``)
    that is also a valid URL (``url_problem``: no port over 65535, no password, no ``^`` in
    a host...), since an ``href`` that is not one makes the page invalid HTML. Anything else
    stays the text the editor wrote, as an unsafe link does."""
    return is_safe_url(url) and url_problem(url) is None


# Characters markdown-it's link normalisation keeps as they are, after an optional scheme
# whose host it would not re-encode: no "%", "@", ":" (ports, IPv6), brackets or non-ASCII.
PLAIN_LINK = re.compile(r"(?:https?:|mailto:)?[A-Za-z0-9\-._~/?#&=+,;!$*'()]*")


def normalize_link(url: str) -> str:
    """markdown-it's ``normalizeLink``, which parses and re-encodes each link in pure Python
    (a twentieth of validating an article); a link it would give back unchanged is given
    back at once (``tests/test_markdown.py`` checks that on generated links). A ``#`` after
    the first is written ``%23``, as the address of a Matrix room is
    (``https://matrix.to/#/#room:example.org``): a fragment cannot hold one as it stands."""
    if url.count("#") > 1:
        address, _, fragment = url.partition("#")
        url = f"{address}#{fragment.replace('#', '%23')}"
    if PLAIN_LINK.fullmatch(url):
        return url
    normalized = normalize_url.normalizeLink(url)
    # A host in brackets that is no IP address loses them there ([zz] is made zz, another
    # host): given back as written, ``is_link`` refuses it.
    if _BRACKETED_HOST.match(url) and not _BRACKETED_HOST.match(normalized):
        return url
    return normalized


_BRACKETED_HOST = lazy_compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^/?#\[]*\[")
"""An address whose host is in brackets, with its scheme or from the scheme (``//[zz]/a``)."""


BLOCK_NESTING = 32
"""markdown-it's own limit for blocks; content nested deeper is dropped, and ``too_deep``
finds where a body reaches it. Each block quote or list reads every line of its content again
(a line a quote holds without its ``>`` too), so a body takes time in proportion to its lines
times their depth: 98 ``>`` then 100,000 lines of text took 48 s with a limit of 100. Real
text nests a few quotes or lists deep."""
_CONTAINERS = frozenset({"blockquote_open", "list_item_open", "callout_open", "dd_open"})
"""Tokens whose content markdown-it parses as blocks again, one level deeper."""
INLINE_NESTING = 20
"""The CommonMark preset's limit for inline markup. At each ``[`` that no ``]`` closes, the
inline scanner looks ahead by trying every rule, nested up to this limit, so such text takes
time in proportion to it: a build of one article of CommonMark's pathological ``![[]()``
repeated (960 KB) took 20.5 s with 100 and 6.7 s with 20. Deeper inline markup is shown as
text; real text never nests links and emphasis twenty deep."""


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The one Markdown dialect of the site: CommonMark + tables and footnotes, addresses
    written in text linked, raw HTML read by ``inline_html`` (comments and the tags of
    elements such as ``<div>`` left out, ``<br>`` and formatting tags replaced by elements
    of ours, the rest shown as text), and each block in the direction of its text.

    No raw HTML is ever passed through: what is not read as above is escaped, so markup an
    editor writes cannot smuggle script.
    ``validateLink`` sees each link after entity decoding, so ``&#106;avascript:`` is caught.
    A ``#`` heading of a body is a second-level one (the page's title is its one ``h1``), and
    no heading skips a level. Tables scroll in boxes of their own.
    Inline markup is parsed by a twin whose nesting limit is ``INLINE_NESTING``.
    """
    md = _configured(BLOCK_NESTING)
    md.core.ruler.at("inline", partial(_inline, _configured(INLINE_NESTING)))
    extend(md)
    return md


def extend(md: MarkdownIt) -> None:
    """Add the site's own rules to ``md``, after markdown-it's: heading levels, raw HTML,
    directions, search terms, heading anchors, links to content files, task lists, GitHub's
    alerts and other tools' callouts, attributes in braces, the labels of cross-references
    to Python objects and abbreviations' definitions left out, keys pressed as ``<kbd>``,
    and each table in a box
    of its own that scrolls sideways when its columns are wider than the page (a phone's)
    and takes the keyboard's focus, so that it scrolls without a mouse."""
    md.core.ruler.after("block", "empty_headings", _without_empty_headings)
    md.core.ruler.after("empty_headings", "title_level", _below_the_title)
    inline_html.enable(md)
    html_blocks.enable(md)
    percent_comments.enable_blocks(md)
    mdx.enable_blocks(md)
    content_links.enable(md)  # before directions: which images are shown as their text
    directions.enable(md)
    search_terms.enable(md)
    headings.enable(md)
    emoji_codes.enable(md)  # after heading ids, made of the names as GitHub's are
    tasks.enable(md)
    alerts.enable(md)
    obsidian_callouts.enable(md)
    callouts.enable(md)
    attributes.enable(md)
    autorefs.enable(md)
    keyboard_keys.enable(md)
    myst.enable(md)
    abbreviations.enable(md)
    code_cells.enable(md)
    raw.enable(md)
    simple_tables.enable(md)
    grid_tables.enable(md)
    table_cells.enable(md)
    deflist_plugin(md)
    add_render_rule(md, "table_open", _table_open)
    add_render_rule(md, "table_close", _table_close)
    md.core.ruler.push("joined_lines", _joined_lines)
    add_render_rule(md, "softbreak", _softbreak)
    add_render_rule(md, "paragraph_open", _paragraph_open)
    token_html.enable(md)
    block_ids.enable(md)  # last, so first after ``inline``: no other rule reads an id


def _paragraph_open(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    """A tight list's paragraph after another of its item with nothing shown between them:
    a block left out (an HTML or ``%%`` comment, an empty heading) stood there. Shown on a
    line of its own, as the block's lines were, or its first word would run into the last
    of the paragraph before (``- item %%note%% after`` on three lines was ``itemafter``)."""
    token = tokens[idx]
    if token.hidden and idx > 2 and tokens[idx - 1].type == "paragraph_close":
        before, after = _edge_letter(tokens[idx - 2], -1), _edge_letter(tokens[idx + 1], 0)
        return "" if unspaced(before) and unspaced(after) else "\n"
    # ``renderer.renderToken`` is ``render_token`` (``extend``): called at once, in C
    return render_token(renderer, tokens, idx, options, env)


def _edge_letter(inline: Token, edge: int) -> str:
    """The first (``edge`` 0) or last (-1) character of ``inline``'s text as shown: not its
    source's, whose last may be a highlight's ``==`` or a block id's (``漢字 ^a1``)."""
    children = inline.children or []
    texts = (child.content for child in children[:: 1 if edge == 0 else -1] if child.content)
    first = next(texts, "")
    return first[edge] if first else ""


def _joined_lines(state: StateCore) -> None:
    if state.src.isascii():
        return
    for token in ours(state.tokens):
        children = token.children or []
        for before, child, after in zip(children, children[1:], children[2:], strict=False):
            if child.type == "softbreak" and _joins(before, after):
                child.meta[body_text.JOINED] = True


def _joins(before: Token, after: Token) -> bool:
    return (
        before.type == after.type == "text"
        and unspaced(before.content[-1:])
        and unspaced(after.content[:1])
    )


def _softbreak(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    if body_text.shows_none(tokens[idx]):
        return ""
    return renderer.softbreak(tokens, idx, options, env)  # type: ignore[arg-type]


def _table_open(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    table = render_token(renderer, tokens, idx, options, env)
    return f'<div class="table-scroll" tabindex="0">{table}'


def _table_close(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    return f"{render_token(renderer, tokens, idx, options, env)}</div>\n"


_HEADINGS: Final = frozenset({"heading_open", "heading_close"})
"""``Final``: compiled, read from its static at each token (``_below_the_title``), not from a
dict of the module's names."""


def _without_empty_headings(state: StateCore) -> None:
    """Leave out a heading with no text (``##`` alone, as some documents end a section):
    an empty ``h2`` is a stop that screen readers announce with nothing to say."""
    tokens = ours(state.tokens)
    empty = {
        at
        for at, token in enumerate(tokens[:-2])
        if token.type == "heading_open" and not tokens[at + 1].content.strip()
    }
    if empty:
        state.tokens = theirs(
            [t for at, t in enumerate(tokens) if not {at, at - 1, at - 2} & empty]
        )


def _below_the_title(state: StateCore) -> None:
    """Make each ``h1`` of a body an ``h2``, and no heading more than one level below the
    one before it. Every page that shows a body (an article, a concept) has its title as its
    ``h1``, and a second one tells screen readers and HTML validators that the page has two
    subjects. ``##`` stays ``h2``, the usual level of a section under a title. A level
    skipped (``####`` after ``##``, as documents often have it) leaves a gap in the outline
    that screen readers announce and the W3C's validator reports: each heading is one level
    below the nearest one before it that the source puts above it."""
    above: list[int] = []  # the source levels of the headings it is under, outermost first
    for token in ours(state.tokens):
        kind = token.type  # read once: a token's field read from C is some 160 instructions
        if kind == "heading_open":
            level = max(int(token.tag[1]), 2)
            while above and above[-1] >= level:
                above.pop()
            above.append(level)
        if kind in _HEADINGS:
            token.tag = f"h{len(above) + 1}"


def _configured(nesting: int) -> MarkdownIt:
    options = {"html": True, "linkify": True, "typographer": False, "maxNesting": nesting}
    md = MarkdownIt("js-default", options)
    md.validateLink = _addressable  # type: ignore[method-assign]
    md.normalizeLink = normalize_link  # type: ignore[method-assign]
    link_destinations.enable(md)
    # Rules that do nothing with these options, but would still be called at every stop of
    # the inline scanner: out of the chains, parsing takes a tenth less time.
    md.disable(["replacements", "smartquotes"])
    md.core.ruler.at("normalize", _normalize)
    md.core.ruler.at("block", _block)
    # Addresses written with their scheme, only: linking bare domains too ("example.org",
    # which GitHub leaves as text) tripled the parse's time.
    autolinks.enable(md)
    inline_html.read_office_tags(md)
    percent_comments.enable_inline(md)
    mdx.enable_inline(md)
    highlights.enable(md)
    footnotes.enable(md)
    pandoc_scripts.enable(md)
    inserted.enable(md)  # after the superscript's rule, which a run of carets passes
    wikilinks.enable(md)
    emphasis.enable(md)
    inline_links.enable(md)
    text_runs.enable(md)
    paragraphs.enable(md)
    # Each chain's rules tried only where they can start, sorted again when rules are added.
    inline_scan.enable(md)
    block_scan.enable(md)
    return md


def _normalize(state: StateCore) -> None:
    """markdown-it's core rule ``normalize`` (each CR or CRLF a line feed, each NUL a U+FFFD)
    by string methods: its regular expression replaced every line feed of every body with
    itself, a twentieth of parsing it."""
    text = state.src
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in text:
        text = text.replace("\0", "\ufffd")
    state.src = text


def _block(state: StateCore) -> None:
    """markdown-it's core rule ``block``, the token of an inline parse's text ours (the
    compiled rules read ours alone)."""
    if state.inlineMode:
        token = Token("inline", "", 0, map=[0, 1], children=[], content=state.src)
        ours(state.tokens).append(token)
    else:
        state.md.block.parse(state.src, state.md, state.env, state.tokens)


def _addressable(url: str) -> bool:
    """Whether markdown-it makes a link or image of ``url``: one ``is_link`` takes, or an
    image embedded in the text, which ``content_links`` shows as its text (refused, its
    Markdown and the image's bytes were shown as typed)."""
    return is_link(url) or content_links.is_embedded(url)


def _inline(md: MarkdownIt, state: StateCore) -> None:
    """markdown-it's core rule ``inline``, parsing with ``md`` (the inline twin): its
    ``parse`` and the environment looked up once, not for each block."""
    scanner = inline_scan.scanner_of(md)
    if scanner is not None:  # called in C, the chains looked at once for the body
        scanner.parse_blocks(ours(state.tokens), md, state.env)
        return
    parse, env = md.inline.parse, state.env
    for token in ours(state.tokens):
        if token.type == "inline":
            children = token.children
            if children is None:
                children = token.children = []
            parse(token.content, md, env, theirs(children))


class QuoteRequest:
    """A quote to look for in a body, by its anchor ``id``. Its ``__init__`` written out, so
    that mypyc compiles it: a frozen dataclass's, in Python, took some 3,700 instructions a
    quote. Not changed once made."""

    def __init__(self, id: str, text: str, language: str = "", folded: str = "") -> None:
        self.id = id
        self.text = text
        self.language = language
        """The quote's own language, when it names one: its marks say so (``lang``)."""
        self.folded = folded
        """``text`` folded (``textnorm.fold``), when the caller has it (validation, for the
        quote's default id): not folded again for its first reading."""

    def __repr__(self) -> str:
        return f"QuoteRequest({self.id!r}, {self.text!r}, {self.language!r})"


@dataclass(slots=True)
class BodyResult:
    html: str
    found: dict[str, int] = field(default_factory=dict)
    """Quote id -> body line (0-based) where it was found."""
    closest: dict[str, closest.Closest] = field(default_factory=dict)
    """Quote id -> the closest passage, for quotes not found."""
    shown: dict[str, str] = field(default_factory=dict)
    """Quote id -> its words as the page shows them, for quotes found only once their
    Markdown was read (``readings``): "the glorp plan" of ``[the glorp plan][1]``."""
    summary: str = ""
    too_deep: int | None = None
    """Body line (0-based) of the block at the nesting limit, if any (see ``too_deep``)."""
    too_large: int | None = None
    """Body line (0-based) of the first table left out, past ``table_cells.MAX_CELLS``."""
    dropped: list[tuple[range, str]] = field(default_factory=list)
    """(body lines of its block, 0-based, address) of each link shown as text
    (``dropped_links``)."""
    template_tags: list[tuple[range, str]] = field(default_factory=list)
    """(body lines of its block, 0-based, the tag) of each template tag of another
    generator, shown as typed (``shortcodes``)."""
    spaced_emphasis: list[tuple[range, str]] = field(default_factory=list)
    """(body lines of its block, 0-based, the run) of each bold shown with its asterisks
    for a space inside them (``spaced_emphasis``)."""
    unused_notes: list[tuple[int, str]] = field(default_factory=list)
    """(body line, 0-based, label) of each footnote nothing refers to (``footnotes.unused``)."""
    headings: tuple[str, ...] = ()
    """The names of its headings' anchors (``headings``)."""
    links: list[content_links.Found] = field(default_factory=list)
    """The links to content files, whose ``href`` the page fills in (``content_links``)."""
    remote: list[content_links.Found] = field(default_factory=list)
    """The images of other sites (``content_links.REMOTE``)."""
    embedded: list[content_links.Found] = field(default_factory=list)
    """The images embedded in the text (``content_links.EMBEDDED``)."""
    nowhere: list[content_links.Found] = field(default_factory=list)
    """The links to a ``#name`` that names nothing on the page (``headings.NOWHERE``)."""


class _Cover:
    """The part ``[start, end)`` of one inline child's text that a quote covers. Its
    ``__init__`` written out, so that mypyc compiles it: a dataclass's, made by
    ``dataclasses`` as the module is imported, runs as Python (some 1,700 instructions a
    quote, and as many a block for ``_ChipPlaces``)."""

    def __init__(self, quote: int, start: int, end: int) -> None:
        self.quote = quote
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"_Cover(quote={self.quote!r}, start={self.start!r}, end={self.end!r})"


def render_markdown(source: str) -> tuple[str, int | None]:
    """Plain rendering, for concept explanations, with ``too_deep`` of the source."""
    result = render_plain(source)
    return result.html, result.too_deep


def render_plain(source: str, folder: str | None = None, root: str | None = None) -> BodyResult:
    """A body with no quotes to find (a concept's explanation): its HTML, ``too_deep`` and
    the links shown as text. ``folder`` and ``root``: see ``render_body``."""
    md = parser()
    env = body_env(folder, root)
    tokens = ours(md.parse(source, env))
    html = md.renderer.render(theirs(tokens), md.options, {})
    result = BodyResult(html, too_deep=too_deep(tokens), dropped=dropped_links(tokens))
    _shown_as_typed(result, tokens)
    _noted(result, env)
    return result


def body_env(
    folder: str | None, root: str | None = None, indexed: bool = True
) -> dict[str, object]:
    """The environment a body of a file in ``folder`` is parsed in (None: links to other
    content files stay as written, and images are taken for images), under the content
    folder ``root`` (None: addresses from the root stay as written); not ``indexed``, for
    no page, without search terms (``search_terms.UNINDEXED``)."""
    env: dict[str, object] = {} if indexed else {search_terms.UNINDEXED: True}
    if folder is None:
        return env
    env[content_links.FOLDER] = folder
    if root is not None:
        env[content_links.ROOT] = root
    return env


def _shown_as_typed(result: BodyResult, tokens: list[Token]) -> None:
    """The markup of the body that the page shows as typed, to be warned of."""
    result.template_tags = list(shortcodes.found(tokens))
    result.spaced_emphasis = list(spaced_emphasis.found(tokens))


def _noted(result: BodyResult, env: dict[str, object]) -> None:
    """What the parse noted in ``env`` besides the tokens: unused notes, links to files,
    the names of the headings."""
    result.unused_notes = footnotes.unused(env)
    result.too_large = table_cells.too_large(env)
    found, remote = env.get(content_links.FOUND), env.get(content_links.REMOTE)
    result.links = found if isinstance(found, list) else []
    result.remote = remote if isinstance(remote, list) else []
    embedded = env.get(content_links.EMBEDDED)
    result.embedded = embedded if isinstance(embedded, list) else []
    names = env.get(headings.NAMES)
    result.headings = tuple(names) if isinstance(names, list) else ()
    nowhere = env.get(headings.NOWHERE)
    result.nowhere = [
        content_links.Found("", href[1:], href, lines)
        for href, lines in (nowhere if isinstance(nowhere, list) else ())
    ]


def too_deep(tokens: list[Token]) -> int | None:
    """The line (0-based) of the first list item or block quote opened at markdown-it's
    nesting limit, or None. markdown-it drops, without a word, what such a block holds and
    the rest of the block around it (for a list item, often the rest of the body)."""
    limit = BLOCK_NESTING - 1
    for token in tokens:
        if token.level >= limit and token.type in _CONTAINERS and token.map:
            return token.map[0]
    return None


def render_body(
    body: str,
    quotes: Sequence[QuoteRequest],
    folder: str | None = None,
    in_order: bool = False,
    root: str | None = None,
    indexed: bool = True,
) -> BodyResult:
    """A body with each quote found and highlighted. ``folder``: that of the body's file,
    as its path is shown, to which its links to other content files are relative (None:
    such links stay as written); ``root``: the content folder's, from which those written
    from the root (``/media/chart.png``) are read. ``in_order``: the quotes are passages in
    the order of the body (``suggest``'s sentences), each looked for from where the one
    before was found (then from the start), so that many take time in proportion to the
    body, not to its square; a quote the body holds twice may then be found at its second
    place. Not ``indexed``, its blocks have no search terms (``search_terms.UNINDEXED``)."""
    md = parser()
    env = body_env(folder, root, indexed)
    env[headings.QUOTES] = {quote.id for quote in quotes}
    tokens = ours(md.parse(body, env))
    folded, sources = body_text.fold_tokens(tokens)
    doc = folded.text()
    result = BodyResult(html="", summary=_summary(tokens), too_deep=too_deep(tokens))
    result.dropped = dropped_links(tokens)
    _shown_as_typed(result, tokens)
    _noted(result, env)
    covers: dict[tuple[int, int], list[_Cover]] = {}
    ends: dict[tuple[int, int], list[int]] = {}
    hints = closest.Hints(body, doc, folded, sources, tokens)
    references = env.get("references")
    source = pasted.Source(body, tokens)
    near = 0
    placed: dict[str, int] = {}
    vocabulary = Vocabulary(doc)
    piece = partial(body_text.source_written, tokens, sources)
    for number, quote in enumerate(quotes):
        at, needle = _find(folded, doc, quote, references, near, source, vocabulary)
        if at < 0:
            result.closest[quote.id] = hints.closest(quote.text)
            continue
        at = _past_repeated(folded, doc, needle, at, placed)
        near = at if in_order else 0
        # Shown as the body writes it (its quotation marks, dashes, letters and vowel
        # points), not as the quote was typed or pasted: the statement is the source's
        # (``piece``).
        end = at + len(needle)
        first, last = folded.origin(at), folded.origin(end - 1)
        shown = body_text.as_written(folded, doc, at, end, piece)
        if (lead := _typed_mark_before(folded, at, quote.text, piece)) is not None:
            first, shown = lead.origin, lead.shown + shown
        if (tail := _typed_mark_after(folded, end, quote.text, piece)) is not None:
            last, shown = tail.origin, shown + tail.shown
        result.shown[quote.id] = shown
        block = sources[first[0]][0]
        result.found[quote.id] = (tokens[block].map or [0])[0]
        _add_covers(covers, sources, tokens, number, first, last)
        ends.setdefault(sources[last[0]], []).append(number)
    _rewrite(tokens, covers, ends, quotes)
    result.html = md.renderer.render(theirs(tokens), md.options, {})
    return result


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _TypedMark:
    """A superscript sign or mark (``™``, ``¹``) at the edge of a found quote that typed it
    there: folding reads one as the space it stands apart by (``Glorp ™ Zorp`` as ``Glorp
    Zorp``, ``forces¹ grew``), which a found quote leaves off its ends, so its highlight and
    statement lost the mark it was typed with."""

    origin: tuple[int, int, int]
    """(source, start, end) of the mark, where the highlight starts or ends."""
    shown: str
    """What the statement shows of it beyond the quote's passage, its space as one."""


def _typed_mark_before(
    folder: Folder, at: int, typed: str, piece: Callable[[int], str]
) -> _TypedMark | None:
    """The mark right before the quote found at ``at``, white space aside, that the quote,
    as ``typed``, starts with (``™ Zorp`` of ``Glorp ™ Zorp``), or None."""
    mark = typed.lstrip()[:1]
    if not mark or not raised(mark):
        return None
    source, start, _ = folder.origin(at)
    head = piece(source)[:start]
    bare = head.rstrip()
    if not bare.endswith(mark):
        return None
    spaced = mark + " " if len(bare) < len(head) else mark
    return _TypedMark((source, len(bare) - 1, len(bare)), spaced)


def _typed_mark_after(
    folder: Folder, end: int, typed: str, piece: Callable[[int], str]
) -> _TypedMark | None:
    """The mark right after the quote found to ``end``, white space aside, that the quote,
    as ``typed``, ends with (``The Zorp™``, ``Glorp ™`` of ``Glorp ™ Zorp``), or None."""
    mark = typed.rstrip()[-1:]
    if not mark or not raised(mark):
        return None
    source, _, stop = folder.origin(end - 1)
    text = piece(source)
    at = stop
    while text[at : at + 1].isspace():
        at += 1
    if text[at : at + 1] != mark:
        return None
    spaced = " " + mark if at > stop else mark
    return _TypedMark((source, at, at + 1), spaced)


_LINK_SYNTAX = lazy_compile(r"\]\(\s*<?([^\s<>]+)")
"""The ``](address`` of a link or image that stayed text, with what follows it up to a space
(``_address`` finds where the address ends)."""


def dropped_links(tokens: list[Token]) -> list[tuple[range, str]]:
    """(lines of its block, address) of each link or image that ``is_link`` refused:
    markdown-it leaves its syntax as the text the editor wrote, which the editor should hear
    of rather than find on the page."""
    dropped = []
    for token in tokens:
        if token.type != "inline" or not _may_hold_link(token.content):
            continue
        for child in token.children or ():
            text = child.content
            if child.type != "text" or not _may_hold_link(text):
                continue
            for found in _LINK_SYNTAX.finditer(text):
                address = _address(found[1])
                if address and not is_link(normalize_link(address)):
                    start, end = token.map or (0, 1)
                    dropped.append((range(start, end), address))
    return dropped


def _may_hold_link(text: str) -> bool:
    """Whether ``text`` may hold a link's ``](``: its ``(`` is looked for first, alone (by
    ``memchr``), where looking for the two characters tried each one (most pieces of text
    hold no parenthesis; some 9 million instructions of the N=300 corpus)."""
    return "(" in text and "](" in text


def _address(text: str) -> str:
    """``text`` up to the ``)`` that closes the link: an address may hold balanced
    parentheses, as ``javascript:alert(1)`` does."""
    depth = 0
    for at, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return text[:at]
            depth -= 1
    return text


def _find(
    folder: Folder,
    doc: str,
    quote: QuoteRequest,
    references: object,
    near: int = 0,
    source: pasted.Source | None = None,
    vocabulary: Vocabulary | None = None,
) -> tuple[int, str]:
    """Where the first of a quote's ``readings`` is found in ``doc`` (``folder``'s text), and
    that reading: its first place, or its first from ``near`` on. A reading whose words
    ``vocabulary`` (``doc``'s) lacks is not looked for; the others are looked for by it."""
    search = vocabulary or Vocabulary(doc)
    for needle in readings(quote.text, references, source, quote.folded):
        if search.lacks(needle):
            continue
        at = search.find(needle, near, inside=folder.inside_test(), apart=folder.apart)
        if at < 0 and near:
            at = search.find(needle, inside=folder.inside_test(), apart=folder.apart)
        if at >= 0:
            return at, needle
    return -1, ""


def _past_repeated(folder: Folder, doc: str, needle: str, at: int, placed: dict[str, int]) -> int:
    """``at``, or the next place of ``needle`` after an earlier quote of the same words
    (``placed``: each reading's end where it was last placed). Words a body holds twice, as
    when two speakers say them, are quoted once for each place, in the body's order: each
    quote then marks its own speaker's words, not the first ones. When the body holds them
    fewer times than they are quoted, the rest mark the first place. The same words are
    those of one reading but for the punctuation and quotation marks at its ends: one
    speaker's words quoted with their full stop (``the plan holds.``) and another's without
    marked the first place twice."""
    words = _words_of(needle)
    previous = placed.get(words)
    if previous is not None and at < previous:
        again = find_words(doc, needle, previous, inside=folder.inside_test(), apart=folder.apart)
        if again < 0:
            return at
        at = again
    placed[words] = at + len(needle)
    return at


def _words_of(needle: str) -> str:
    """``needle`` without the punctuation, quotation marks and spaces at its ends, if that
    leaves any of it."""
    start, end = 0, len(needle)
    while start < end and _edge_mark(needle[start]):
        start += 1
    while end > start and _edge_mark(needle[end - 1]):
        end -= 1
    return needle[start:end] or needle


def _edge_mark(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def readings(
    text: str, references: object = None, source: pasted.Source | None = None, folded: str = ""
) -> Iterator[str]:
    """The folded forms a quote is looked for as, in turn, each made only when the one
    before is not found: as written; as its Markdown reads, with the body's link
    ``references`` (``[the plan][1]``), since editors sometimes paste a quote with its
    Markdown; and, for a line copied from the source, once the markup it carries is taken
    away (``pasted``), after its Markdown is read or, where the copy cut pairs of markup
    that Markdown would pair wrongly, without reading it; then, for a copy whose YAML folded
    its lines into one, so read with the line breaks of the body's ``source`` where it has
    it (``pasted.Source``), or else with each backslash before a space read as a line
    break (``not\\ the``); then, for a copy from the page, without what a browser copies
    along that a reader does not read (``page_copies``: ``漢字かんじ``, ``plan1``); last,
    each of those without the
    quotation marks around it and the ellipses at its ends, a layer at a time, and then
    without the full stop or comma it ends with; last, each with French's spaces before
    ``;:!?`` and inside quotation marks as the body may set them (``french_spacing``), and
    with Vietnamese's tones placed in the other style (``vietnamese_tones``), and with
    its dandas as pipes, or its pipes as dandas (``dandas``), and its ``oe`` as ``œ``, or
    its ``œ`` as ``oe`` (``ligatures``). ``folded``: ``text`` folded, when the caller has
    it, and then not folded again."""
    tried: list[str] = []
    for reading in _readings(text, references, source):
        form = folded if folded and reading == text else fold(reading)
        if form and form not in tried:
            tried.append(form)
            yield form
    for folded in list(tried):
        for bare in pasted.trimmings(folded):
            if bare and bare not in tried:
                tried.append(bare)
                yield bare
    for folded in list(tried):
        for typed in _typed_otherwise(folded):
            if typed not in tried:
                tried.append(typed)
                yield typed


def _typed_otherwise(folded: str) -> list[str]:
    """``folded`` as the body may write what a keyboard types otherwise: French's spaces,
    Vietnamese's tones, a danda typed as a pipe, French's ``œ`` typed as ``oe``."""
    return [
        *french_spacing.respacings(folded),
        *vietnamese_tones.placements(folded),
        *dandas.placements(folded),
        *ligatures.placements(folded),
    ]


def _readings(text: str, references: object, source: pasted.Source | None) -> Iterator[str]:
    yield text
    yield plain_text(text, references)
    unblocked = pasted.without_block_markers(text)
    yield from _unmarked(unblocked, references)
    passage = source.passage(text) if source is not None else None
    if passage is not None:
        yield from _unmarked(pasted.without_block_markers(passage), references)
    unbroken = pasted.without_block_markers(text, lines=False)
    if unbroken != unblocked:
        yield from _unmarked(unbroken, references)
    if source is not None:
        if source.copies is None:
            source.copies = page_copies(source.tokens)
        copied = source.as_read(text)
        yield copied
        if copied != text:
            # A copy from the page holds a note's number ([1]) beside a ruby's reading or
            # a mark after a word: each is left out, whichever way the other was read.
            yield pasted.without_note_numbers(plain_text(copied, references))


def _unmarked(unblocked: str, references: object) -> Iterator[str]:
    """A copy from the source, without the markers its lines start with
    (``pasted.without_block_markers``), without the rest of its markup (``pasted``)."""
    read = plain_text(unblocked, references)
    if "|" in unblocked:
        yield plain_text(pasted.between_cells(unblocked), references)
        undelimited = pasted.without_delimiter_rows(unblocked)
        if undelimited != unblocked:
            cells = plain_text(pasted.between_cells(undelimited), references)
            yield cells
            yield pasted.without_stray_markup(cells)  # a cell's emphasis cut from its pair
    if "`" in unblocked:
        beside_code = pasted.without_stray_markup_beside_code(unblocked)
        if beside_code != unblocked:
            yield plain_text(beside_code, references)
    yield pasted.without_note_numbers(read)
    yield pasted.without_stray_markup(read)
    if "|" in read:  # the text's own, not a table's: [English](en.md) | [日本語
        yield pasted.without_stray_markup(read, cells=False)
    if "[" in read:
        yield pasted.without_stray_markup(read, numbers=True)
    paired = pasted.without_unpaired_tags(unblocked)
    if paired != unblocked:
        yield pasted.without_stray_markup(plain_text(paired, references))
    yield pasted.without_markup(unblocked)
    if "|" in unblocked:
        yield pasted.without_markup(unblocked, cells=False)
    yield pasted.without_backticks(unblocked)
    if "|" in unblocked and "`" in unblocked:  # a row's code cut in two, its \| the cell's
        yield pasted.without_backticks(pasted.between_cells(unblocked))
    for before, markdown, after in pasted.code_cut_at_ends(unblocked):
        read_between = plain_text(pasted.without_stray_markup_beside_code(markdown), references)
        yield before + read_between + after


def page_copies(tokens: list[Token]) -> dict[str, str]:
    """What a browser copies of a body's text that a reader does not read so, each with what
    the reader reads, longest first: a ruby's reading after its text (``漢字かんじ``, read
    ``漢字``; ``inline_html.ruby_copies``), a note's mark after its word (``plan1``, read
    ``plan``; ``_mark_copies``), and one that starts its block, as a word processor exports
    a note (``1 Capacity``, read ``Capacity``; ``_leading_mark_copy``), that copy written
    after a space (``pasted.Source.as_read``: only where a line of the quote starts)."""
    copies: list[tuple[str, str]] = []
    for token in tokens:
        if token.type != "inline":
            continue
        if "<" in token.content or "^" in token.content:
            copies += inline_html.ruby_copies(token.children or [])
            copies += _mark_copies(token.children or [])
        copies += _leading_mark_copy(token.children or [])
    return dict(sorted(copies, key=lambda copy: -len(copy[0])))


def _leading_mark_copy(children: list[Token]) -> list[tuple[str, str]]:
    """(" " and as copied, " " and as read) for a note's mark of digits that starts its
    block, before its first word: ``<sup>1</sup> Capacity``, ``^1^ Capacity`` (a mark,
    ``body_text.raising``) or ``¹ Capacity``, which a browser copies, or a reader types, as
    ``1 Capacity``, while the mark is no part of the text (``Capacity``). A number written
    so (``12 glorps``) is text, and stays."""
    if not children:
        return []
    first = children[0]
    if first.type == "sup_open":
        end = next((c for c, child in enumerate(children) if child.type == "sup_close"), 0)
        if body_text.raising(children).marks.get(end) != -1 or end + 1 >= len(children):
            return []
        mark = "".join(children[c].content for c in range(1, end)).strip()
        after = children[end + 1].content if children[end + 1].type == "text" else ""
    elif first.type == "text":
        digits = _LEADING_RAISED.match(first.content)
        if digits is None:
            return []
        mark = digits[0].translate(_UNRAISED)
        after = first.content[len(digits[0]) :]
    else:
        return []
    word = _FIRST_WORD.match(after)
    if not mark.isdecimal() or word is None:
        return []
    return [(" " + mark + word[0], " " + word[1])]


_LEADING_RAISED = lazy_compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_UNRAISED = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_FIRST_WORD = lazy_compile(r"[ \t]*(\w+)")
"""The first word after a mark, and the space between (none, where the body has none)."""


def _mark_copies(children: list[Token]) -> list[tuple[str, str]]:
    """(as copied, as read) for each note's mark of digits right after a letter, or after the
    punctuation that closes its word (``body_text.raising``): a browser copies
    ``plan<sup>1</sup>`` as ``plan1`` and ``“holds.”<sup>1</sup>`` as ``“holds.”1``, while the
    mark is no part of the text (``plan``, ``“holds.”``); a note's mark stands after a
    sentence's full stop or closing quotation mark as often as after a word. Not after a digit:
    ``20191`` may be a number, not 2019¹, and ``2019.1`` a number, not 2019.¹"""
    marks = list(body_text.raising(children).marks)  # each mark's start, then its end
    copies = []
    for start, end in zip(marks[::2], marks[1::2], strict=True):
        mark = "".join(children[i].content for i in range(start + 1, end)).strip()
        word = _word_before(children, start)
        closed = word.rstrip(_CLOSING)
        letter = _last_letter(closed)
        if mark.isdecimal() and (letter[:1].isalpha() or _set_apart(word)):
            copies.append((word + mark, word))
            tail = letter + word[len(closed) :]
            if letter and words.unspaced(letter[0]) and tail != word:
                copies.append((tail + mark, tail))
    return copies


def _set_apart(word: str) -> bool:
    """Whether ``word`` is punctuation French sets apart from the word before it with a
    space (``Oui ! »``, ``zorp :``), after which a note's mark is copied as after a word."""
    return word != "" and all(char in _SET_APART for char in word)


_SET_APART = "»›;:!?"


_CLOSING = "".join(sorted(AFTER_A_WORD)) + "…」』“‘"
"""Punctuation written onto the word before it, which a note's mark may follow (``plan.¹``,
``「計画」¹``, and German's closing quotation marks: ``„Plan“¹``)."""


def _last_letter(word: str) -> str:
    """The last letter of ``word`` with the vowel signs and accents written after it (the
    ``ना`` of ``योजना``): a mark after it is after a letter. In a script written without
    spaces, a quote may start at any letter, so it may start at this one (``洛普1`` of
    ``格洛普<sup>1</sup>``)."""
    at = len(word)
    while at > 1 and not word[at - 1].isalpha() and body_text.lettered("a" + word[at - 1]):
        at -= 1
    return word[at - 1 :]


def _word_before(children: list[Token], c: int) -> str:
    """The end of the word shown right before child ``c``, through the markup closing it
    (``*plan*``), a few children back at most: a block of thousands of marks looks back
    over none of the others. It starts after a space, or after an invisible character
    that parts words (a zero-width space, a mark of direction), which a quote typed by
    hand does not hold."""
    word = ""
    for at in range(c - 1, max(c - _LOOK_BACK, -1), -1):
        child = children[at]
        if child.type not in body_text.TEXTS:
            if child.type.endswith("_close") and child.type != "sup_close":
                continue
            break
        tail = _PARTS_WORDS.split(child.content)[-1]
        word = tail + word
        if len(tail) < len(child.content):
            break
    return word


_LOOK_BACK = 8
"""Children before a mark read for the word it follows, at most."""
_PARTS_WORDS = lazy_compile("[\\s\u200b\u2060\ufeff\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
"""White space, and what parts words unseen: zero-width spaces, word joiners, byte-order
marks and the marks and controls of writing direction."""


_NOTE_RUN = lazy_compile(r"(?<![^\]\s])[^\]\s]++\]")
"""A run of characters other than ``]`` and white space, and the ``]`` that ends it: where a
footnote reference, ``[^1]``, ends, which is no part of the text a reader sees (it shows a
number). Read from its first character only: a pattern from ``[^`` to ``]`` read the rest of
the run from each ``[^`` in it, and a quote of thousands of them took minutes."""


def _without_note_references(source: str) -> str:
    """``source`` without its note references: each run's first ``[^`` to its ``]``, when
    something stands between them."""

    def cut(run: re.Match[str]) -> str:
        at = run[0].find("[^")
        return run[0] if at < 0 or at + 3 >= len(run[0]) else run[0][:at]

    return _NOTE_RUN.sub(cut, source)


def plain_text(source: str, references: object = None) -> str:
    """The text of an inline Markdown fragment, markup and note references removed, read as
    a body's text is (``body_text.fold_tokens``): ``<br>`` a space, a superscript a mark, an image
    of another site its text, and an inline note's text, which the notes after the
    fragment's own tokens hold, left out. ``references``: the link references of the body it
    is from (markdown-it's ``env``)."""
    # In a folder, as every body is built (``body_env``): an image of another site is then
    # shown as its text (``content_links``), which a line copied from the source holds as
    # ``![big chart](https://...)``; read as an image, the quote lost those words.
    env: dict[str, object] = {content_links.FOLDER: ""}
    if isinstance(references, dict):
        env["references"] = references
    tokens = ours(parser().parseInline(_without_note_references(source), env))
    return body_text.fold_tokens(tokens[:1])[0].text()


def _add_covers(
    covers: dict[tuple[int, int], list[_Cover]],
    sources: list[tuple[int, int]],
    tokens: list[Token],
    number: int,
    first: tuple[int, int, int],
    last: tuple[int, int, int],
) -> None:
    for source in range(first[0], last[0] + 1):
        b, c = sources[source]
        child = (tokens[b].children or [])[c]
        if body_text.text_of(child) is None and child.type != "softbreak":
            continue
        start = first[1] if source == first[0] else 0
        shown = body_text.visible(child)
        end = past_marks(shown, last[2]) if source == last[0] else len(shown)
        if end > start:
            covers.setdefault((b, c), []).append(_Cover(number, start, end))


def _rewrite(
    tokens: list[Token],
    covers: dict[tuple[int, int], list[_Cover]],
    ends: dict[tuple[int, int], list[int]],
    quotes: Sequence[QuoteRequest],
) -> None:
    """Replace covered children by pre-rendered HTML and add chip placeholders."""
    covers_in, ends_in = _by_block(covers), _by_block(ends)
    opened: set[int] = set()
    for b in sorted(covers_in.keys() | ends_in.keys()):
        children = tokens[b].children or []
        places = _chip_places(children, ends_in.get(b, {}))
        covered = covers_in.get(b, {})
        within, leading, after = places.within, places.leading, places.after
        new: list[Token] = []
        for c, child in enumerate(children):
            if c in after:
                new.append(_html(_placeholders(after[c], quotes)))
            cover = covered.get(c)
            if cover is None and c not in within and c not in leading:
                new.append(child)  # most children: told without a call
                continue
            cover = cover or []
            chips = places.offsets(c, cover) if places.ends_in(c) else {}
            new.append(_marked(child, cover, quotes, opened, chips) if cover or chips else child)
        if len(children) in places.after:
            new.append(_html(_placeholders(places.after[len(children)], quotes)))
        tokens[b].children = new


def _by_block(found: dict[tuple[int, int], list[T]]) -> dict[int, dict[int, list[T]]]:
    """``found``, by (block, child), as block -> child -> its items."""
    blocks: dict[int, dict[int, list[T]]] = {}
    for (b, c), items in found.items():
        blocks.setdefault(b, {})[c] = items
    return blocks


class _ChipPlaces:
    """Where the chips of the quotes ending in one block's children go (its ``__init__``
    written out, as ``_Cover``'s)."""

    def __init__(self, children: list[Token], marks: dict[int, int]) -> None:
        self.children = children
        self.marks = marks
        """``body_text.raising(children).marks``."""
        self.within: dict[int, list[int]] = {}
        """Child -> quotes ending in that plain text: after the quote and its closing
        punctuation."""
        self.leading: dict[int, list[int]] = {}
        """Child -> quotes ending in the element just before that plain text: after the
        element and the punctuation (or particle) that follows it, "*the plan*.",
        "**정부**는"."""
        self.after: dict[int, list[int]] = {}
        """Child index -> quotes whose chips go right before that child (or at the block's
        end)."""

    def ends_in(self, c: int) -> bool:
        """Whether the chips of a quote may go in child ``c`` (most children hold none)."""
        return c in self.within or c in self.leading

    def offsets(self, c: int, cover: list[_Cover]) -> dict[int, list[int]]:
        """Offset in child ``c``'s text -> the quotes whose chips go there."""
        chips: dict[int, list[int]] = {}
        ending = set(self.within.get(c, ()))
        if ending:
            text = body_text.visible(self.children[c])
            for x in cover:
                if x.quote in ending:
                    self._put(chips, c, _closed(text, x.end), [x.quote])
        if c in self.leading:
            end = _closed(self.children[c].content, 0, _shown_before(self.children, c))
            self._put(chips, c, end, self.leading[c])
        return chips

    def _put(self, chips: dict[int, list[int]], c: int, end: int, quotes: list[int]) -> None:
        """Chips at ``end`` of child ``c``, or after the note references that follow it when
        ``end`` is the end of its text: a note's number belongs to the words before it
        ("plan.[1]"), as closing punctuation does."""
        past = _past_notes(self.children, self.marks, c + 1)
        if past == c + 1 or end < len(body_text.visible(self.children[c])):
            chips.setdefault(end, []).extend(quotes)
        elif past < len(self.children) and self.children[past].type == "text":
            self.leading.setdefault(past, []).extend(quotes)  # "found.[1]" or "found[1]."
        else:
            self.after.setdefault(past, []).extend(quotes)


def _chip_places(children: list[Token], ends: dict[int, list[int]]) -> _ChipPlaces:
    """Where each quote's chips go: right after the quote (and the punctuation that closes
    it) when it ends in plain text; else after the element it ends in, outside any element,
    since a link cannot hold a link, and after the punctuation that closes it."""
    depth_before = [0, *accumulate(child.nesting for child in children)]
    # Most blocks hold no superscript: no ``Raised`` made to be thrown away.
    marks = body_text.raising(children).marks if body_text.superscripts(children) else {}
    places = _ChipPlaces(children, marks)
    for c, numbers in sorted(ends.items()):
        if children[c].type == "text" and depth_before[c] == 0:
            places.within[c] = sorted(numbers)
            continue
        at = c + 1
        while at < len(children) and depth_before[at] > 0:
            at += 1
        at = _past_notes(children, places.marks, at)
        if at < len(children) and children[at].type == "text":
            places.leading.setdefault(at, []).extend(sorted(numbers))
        else:
            places.after.setdefault(at, []).extend(sorted(numbers))
    return places


def _past_notes(children: list[Token], marks: dict[int, int], at: int) -> int:
    """``at``, moved past the note references (``[^1]``) and superscripts (``<sup>1</sup>``)
    that stand there."""
    depth = 0
    while at < len(children):
        depth += marks.get(at, 0)
        if not depth and not (children[at].type == footnotes.REFERENCE or marks.get(at) == -1):
            break
        at += 1
    return at


def _shown_before(children: list[Token], c: int) -> str:
    """The last character of the text shown before child ``c``, or "" if none is."""
    for at in range(c - 1, -1, -1):  # no copy of children[:c]: called once per chip place
        text = body_text.text_of(children[at])
        if text:
            return text[-1]
    return ""


CLOSING: Final = frozenset(".,;:!?…)]}\"'”’›。，、；：！？）」』】〉》؟،؛۔।॥")
"""Punctuation that closes the words before it: a quote's chips go after it, not before."""
_CLOSING_AFTER_WORDS: Final = frozenset("»“‘«")
"""Marks that open a quotation in some languages and close it in others: they close one
right after a word or the end of a sentence (German „so“, Danish »so«, French « so »), not
after a colon (他说：“…”, Han sagde:»…«)."""
_SENTENCE_ENDS: Final = frozenset(".!?…\u00a0\u202f\u2009")


def _marked(
    child: Token,
    cover: list[_Cover],
    quotes: Sequence[QuoteRequest],
    opened: set[int],
    chips: dict[int, list[int]],
) -> Token:
    """``child`` with its covered parts in marks, and the chips of quotes at their offsets."""
    text = body_text.visible(child)
    html = _one_mark(text, cover, quotes, opened, chips)
    if html is None:
        html = _marks(text, cover, quotes, opened, chips)
    if child.type == "image":
        return _html(content_links.in_place(child, html))
    return _html(f"<code>{html}</code>" if child.type == "code_inline" else html)


def _one_mark(
    text: str,
    cover: list[_Cover],
    quotes: Sequence[QuoteRequest],
    opened: set[int],
    chips: dict[int, list[int]],
) -> str | None:
    """``_marks`` of a text that one quote covers, with the chips of one place outside it,
    or None for any other: most covered texts are such, a quote within one run of plain
    text and its chips after it, and ``_marks``'s sweep over sorted cuts took most of the
    time of marking them."""
    if len(cover) != 1 or len(chips) > 1:
        return None
    start, end, number = cover[0].start, cover[0].end, cover[0].quote
    at, chipped = next(iter(chips.items()), (len(text), []))
    if start < at < end or not start < end:
        return None  # chips inside the quote's highlight part it in two marks
    opening = _mark_open(quotes[number], number not in opened)
    opened.add(number)
    head, tail = text[:start], text[end:]
    chip = _placeholders(sorted(chipped), quotes) if chipped else ""
    if at <= start:
        before, after = _chipped(head, at, chip), escape_html(tail)
    else:
        before, after = escape_html(head), _chipped(tail, at - end, chip)
    return f"{before}{opening}{escape_html(text[start:end])}</mark>{after}"


def _chipped(text: str, at: int, chip: str) -> str:
    """``text`` escaped, with ``chip`` (HTML) at offset ``at``."""
    if not chip:
        return escape_html(text)
    return escape_html(text[:at]) + chip + escape_html(text[at:])


def _marks(
    text: str,
    cover: list[_Cover],
    quotes: Sequence[QuoteRequest],
    opened: set[int],
    chips: dict[int, list[int]],
) -> str:
    """The HTML of ``text`` with its covered parts in marks, and the chips of quotes at
    their offsets."""
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for x in cover:
        starting.setdefault(x.start, []).append(x.quote)
        ending.setdefault(x.end, []).append(x.quote)
    cuts = sorted({0, len(text), *starting, *ending, *chips})
    pieces = [_placeholders(sorted(chips[0]), quotes)] if 0 in chips else []
    # Swept once from left to right: a piece is inside the quotes open at its start (each
    # piece asking every quote of the text took 41 s for 20,000 quotes of one paragraph).
    open_here: set[int] = set()
    for start, end in pairwise(cuts):
        if start in ending:
            open_here.difference_update(ending[start])
        if start in starting:
            open_here.update(starting[start])
        html = escape_html(text[start:end])
        for n in sorted(open_here, reverse=True):
            html = f"{_mark_open(quotes[n], n not in opened)}{html}</mark>"
            opened.add(n)
        pieces.append(html)
        if end in chips:
            pieces.append(_placeholders(sorted(chips[end]), quotes))
    return "".join(pieces)


def _mark_open(quote: QuoteRequest, anchored: bool) -> str:
    """The tag that opens a part of ``quote``'s highlight; the first part holds its anchor."""
    name = escape_html(quote.id)
    anchor = f' id="{name}"' if anchored else ""
    lang = f' lang="{escape_html(quote.language)}"' if quote.language else ""
    return f'<mark class="quote" data-quote="{name}"{anchor}{lang}>'


def _closed(text: str, end: int, before: str = "") -> int:
    """``end`` moved past the rest of a word a quote may end inside (a Korean, Arabic or
    Hebrew particle: 시작|한다고), then the closing punctuation and note marks ("2019¹").
    ``before`` stands for the character before ``text`` when ``end`` is 0: the last one of
    the element a quote ended in (**정부**|는)."""
    last = text[end - 1] if end > 0 else before
    if last and _particled(last):
        while end < len(text) and _particled(text[end]):
            end += 1
    while end < len(text) and (
        text[end] in CLOSING
        or raised(text[end])
        or _spaced_close(text, end)
        or _closes_after(text, end, before)
    ):
        end += 1
    return end


def _closes_after(text: str, at: int, before: str) -> bool:
    """Whether ``text[at]`` is a mark of ``_CLOSING_AFTER_WORDS`` closing what is before it."""
    if text[at] not in _CLOSING_AFTER_WORDS:
        return False
    last = text[at - 1] if at > 0 else before
    if not last:
        return False
    return last.isalnum() or last in _SENTENCE_ENDS or unicodedata.category(last)[0] == "M"


_NARROW_SPACES = frozenset("\u00a0\u202f\u2009")
"""The no-break and thin spaces French sets before its closing marks ("agir !", "»")."""


def _spaced_close(text: str, at: int) -> bool:
    """A no-break or thin space that stands before closing punctuation: "maintenant !»"."""
    if text[at] not in _NARROW_SPACES or at + 1 >= len(text):
        return False
    return text[at + 1] in CLOSING or text[at + 1] in _CLOSING_AFTER_WORDS


_PARTICLED: Final = ((0x0590, 0x08FF), (0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))
"""Hebrew, Arabic and Hangul: spaced scripts whose particles are written onto the word."""


def _particled(char: str) -> bool:
    code = ord(char)
    in_script = code >= _PARTICLED[0][0] and any(low <= code <= high for low, high in _PARTICLED)
    return in_script and (char.isalpha() or unicodedata.category(char)[0] == "M")


def _placeholders(numbers: list[int], quotes: Sequence[QuoteRequest]) -> str:
    """The placeholders of the chips of quotes ``numbers``, in their order: one alone at
    most places, without a generator to join."""
    if len(numbers) == 1:
        return placeholder(quotes[numbers[0]].id)
    return "".join([placeholder(quotes[n].id) for n in numbers])


def _html(content: str) -> Token:
    """An ``html_inline`` token of ``content``, made as the parse makes its tokens
    (``tokens.new_token``), some ten a body."""
    token = new_token("html_inline", "", 0, 0, False)
    token.content = content
    return token


def _summary(tokens: list[Token]) -> str:
    for b, token in enumerate(tokens):
        if token.type == "inline" and b > 0 and tokens[b - 1].type == "paragraph_open":
            return " ".join(shown_text(token.children or []).split())
    return ""


def shown_text(children: list[Token]) -> str:
    """The text of one block's children as a reader reads it (``read_children``), a line
    break between two letters of Chinese or Japanese no space."""
    if not _READ_APART.isdisjoint([child.type for child in children]):
        return "".join(text for text, _ in shown_pieces(children))
    # Most blocks: each text as it is, each line break shown a space (a summary's block).
    return "".join(
        [
            child.content
            if child.type in body_text.TEXTS
            else " "
            if child.type in body_text.BREAKS and not body_text.shows_none(child)
            else ""
            for child in children
        ]
    )


_READ_APART = frozenset(["sup_open", "sub_open", "image", *inline_html.ANNOTATING])
"""The children that ``read_children`` reads otherwise than as they are: a superscript, a
subscript, an image and a ruby's reading."""


def shown_pieces(children: list[Token]) -> list[tuple[str, bool]]:
    """``shown_text`` in pieces, each with whether the page shows it apart from the words
    beside it (an image's text, ``Folder.add_apart``); the text between two is one piece."""
    pieces: list[tuple[str, bool]] = []
    run: list[str] = []
    for child, text in read_children(children, marks_shown=True):
        if child.type == "image" and body_text.text_of(child) is not None:
            pieces += [("".join(run), False), (text, True)]
            run = []
        elif (
            body_text.text_of(child) is not None or child.type == "sup_open"
        ):  # a mark as shown: m²
            run.append(text)
        elif child.type in body_text.BREAKS and not body_text.shows_none(child):
            run.append(" ")
    pieces.append(("".join(run), False))
    return [piece for piece in pieces if piece[0]]


def read_children(children: list[Token], marks_shown: bool = False) -> Iterator[tuple[Token, str]]:
    """The text and line breaks of one block's children that a reader reads, each with its
    text as read, as a quote is compared with them (``body_text.fold_tokens``): an image shown as
    its text (``body_text.text_of``), an exponent in superscript characters (10⁶, not 106) and a
    subscript in subscript ones (``body_text.child_written``), a note's mark written as a tag
    (``<sup>1</sup>``) and a ruby's reading left out, where the mark stands a space (its
    ``sup_open``, as ``" "``: "forces<sup>1</sup>grew" reads as two words). With
    ``marks_shown``, a mark is its ``sup_open`` as the page shows it instead: ``¹``, or
    nothing for one linked to its note."""
    read = body_text.raising(children)
    noted = aside = 0
    for c, child in enumerate(children):
        if not noted and c in read.marks:
            yield child, read.shown.get(c, "") if marks_shown else " "
        noted += read.marks.get(c, 0)
        aside += inline_html.ANNOTATING.get(child.type, 0)
        if noted or aside:
            continue  # "2019¹" would read as an exponent, not the year
        if c in read.exponents:
            yield child, child.content.translate(body_text.SUPERSCRIPT)
        elif body_text.text_of(child) is not None:
            yield child, body_text.child_written(children, c)
        elif child.type in body_text.BREAKS:
            yield child, child.content
