"""Raw documents -> checked records: schema, and every quote verified against its body."""

from __future__ import annotations

import hashlib
import ipaddress
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from typing import Final
from urllib.parse import urlsplit

from concordance import casing, shortcodes, spaced_emphasis
from concordance.closest import (
    ACROSS,
    BRACKETED,
    ELIDED,
    HYPHENATED,
    IN_CODE,
    IN_COMMENT,
    IN_PERCENT_COMMENT,
    IN_PRE,
    OTHER_CASE,
    WITH_MARK,
    Closest,
)
from concordance.config import SiteConfig
from concordance.content_links import Found, find_address, located
from concordance.diagnostics import (
    Diagnostic,
    Span,
    code_points,
    counting_the_rest,
    error,
    warning,
)
from concordance.excerpts import PUBLISH_MODES, excerpt_html
from concordance.field_names import ARTICLE_FIELDS, CONCEPT_FIELDS, QUOTE_FIELDS
from concordance.fields import Fields, draft, unpublished
from concordance.label_config import site_labels
from concordance.language_tags import is_language_tag, tag_meant
from concordance.lazy_patterns import lazy_compile
from concordance.link_targets import embedded, remote, unnamed
from concordance.load import RawDocument
from concordance.markdown import (
    BLOCK_NESTING,
    BodyResult,
    QuoteRequest,
    is_safe_url,
    render_body,
    render_plain,
)
from concordance.model import Article, ConceptDef, ContentLink, PartialArticle, PartialQuote, Quote
from concordance.table_cells import MAX_CELLS
from concordance.textnorm import fold, name_form, shorten
from concordance.urls import (
    article_slug,
    as_uri,
    base_uri,
    base_url_hint,
    base_url_problem,
    host_problem,
    url_problem,
)

CONFIG_FIELDS = (
    "title",
    "description",
    "base_url",
    "language",
    "author",
    "publish",
    "cname",
    "labels",
)
MAX_QUOTE_CONCEPTS: Final = 20
"""A statement is shown, with a chip for each of its concepts, on the page and in the feed
of each of them, and each lists the others as co-occurring, so the site grows with the
square of the list: a quote of 1,000 concepts made a site of 396 MB out of a 12 KB article,
and 150 quotes naming the same 100 concepts through one YAML anchor 252 MB out of 6 KB (15
MB at 20). No quote supports twenty ideas."""
_QUOTE_ID = lazy_compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_HOST = lazy_compile(
    r"(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]"
)
# A BCP 47 tag: it becomes the pages' lang and names the search index's files, so nothing
# else may pass (a value like '../x' would make the indexer write outside the site).
# Absolute http(s), no query or fragment, and none of the characters a URL may not hold
# (it is joined into feeds, the sitemap and the data export as it stands).


class _QuoteFields:
    """A quote entry with a text to look for. This and the two records below are plain
    classes, their ``__init__`` written out, so that mypyc compiles them: made through a
    frozen dataclass's ``__init__``, in Python, they took some 4,500 instructions a quote
    each. They never leave ``validate_article``."""

    def __init__(
        self, text: str, folded: str, span: Span, fields: Fields, language: str | None
    ) -> None:
        self.text = text
        self.folded = folded
        """``text`` folded (``textnorm.fold``): what its default id is made of."""
        self.span = span
        self.fields = fields
        self.language = language
        """The quote's own ``language``, when valid."""


def quote_id(folded: str) -> str:
    """The default anchor of a quote whose words fold to ``folded``: depends on nothing but
    the quote's own words."""
    return "q-" + hashlib.sha256(folded.encode()).hexdigest()[:10]


def validate_article(
    raw: RawDocument, publish_default: str = "full"
) -> tuple[Article | PartialArticle | None, list[Diagnostic]]:
    """The article a file holds, with every problem in it. A ``PartialArticle`` (what it
    refers to, see there) when its ``title`` or ``date`` is missing or wrong, or a quote
    entry has no text; None when its
    front matter could not be read at all (``load`` reported why)."""
    if raw.meta is None:
        return None, []
    f = Fields(raw.meta, "article")
    title = f.text("title", required=True)
    published = f.day("date", required=True)
    said_on = f.day("said_on")
    url = _url(f)
    speaker = f.text("speaker")
    speaker_span = f.span_of("speaker") if speaker else None
    concept_names, concept_spans = f.names("concepts")
    entries, textless = _quote_entries(f)
    diagnostics = f.diagnostics
    requests, id_spans = _quote_ids(entries, diagnostics)
    folder = posixpath.dirname(raw.path)
    body = render_body(raw.body, requests, folder, root=raw.root)
    diagnostics += _of_body(raw, body)
    default = _Defaults(speaker, speaker_span)
    read = [
        _read_quote(entry, request.id, id_span, default)
        for entry, request, id_span in zip(entries, requests, id_spans, strict=True)
    ]
    diagnostics += [
        _not_found(raw, entry, body.closest[request.id])
        for entry, request in zip(entries, requests, strict=True)
        if request.id in body.closest
    ]
    source, place = f.text("source"), f.text("place")
    excerpts = _publish(f, publish_default) == "excerpts"
    language = _language(f)
    f.finish(ARTICLE_FIELDS)
    for entry in entries:
        entry.fields.finish(QUOTE_FIELDS)
    unread = tuple(_textless_quote(qf, default) for qf in textless)
    if not entries and not textless:
        diagnostics.append(_no_quotes(f))
    slug = article_slug(raw.path)
    if title is None or published is None or unread:
        quoted = tuple(_refs(r) for r in read) + unread
        partial = PartialArticle(
            slug, raw.path, speaker, speaker_span, concept_names, concept_spans, quoted
        )
        return partial, diagnostics
    if excerpts:
        # A quote found once its Markdown was read is published as the page shows it.
        shown = [QuoteRequest(r.id, body.shown.get(r.id, r.text), r.language) for r in requests]
        body.html, body.summary = excerpt_html(raw.body, shown, body.found, folder), ""
        body.headings = ()  # not published
    day = said_on or published
    return Article(
        slug=slug,
        path=raw.path,
        title=title,
        date=published,
        said_on=said_on,
        source=source,
        url=url,
        place=place,
        speaker=speaker,
        speaker_span=speaker_span,
        concept_names=concept_names,
        concept_spans=concept_spans,
        quotes=tuple(_quote(r, day, body) for r in read),
        body_html=body.html,
        summary=body.summary,
        excerpts=excerpts,
        links=located(raw.path, raw.body_line, raw.body, body.links),
        headings=body.headings,
        language=language,
    ), diagnostics


def _no_quotes(f: Fields) -> Diagnostic:
    """The warning for an article without quotes: at its ``quotes`` key when it has one
    (``quotes:``, as ``new`` writes it), else as ``Fields.missing_at`` places it."""
    written = "add statements from the body under 'quotes:'" if "quotes" in f.items else ""
    at, hint = f.missing_at("quotes", written or "add 'quotes:' with statements from the body")
    if hint.startswith("add "):  # not the quote left open above that took 'quotes:' in
        hint += " (suggest lists them)"
    return warning(at, "article-no-quotes", "article has no quotes", hint)


def _publish(f: Fields, default: str) -> str:
    """``publish: full | excerpts``; the site's default when absent or wrong. Obsidian
    Publish's ``publish: false`` keeps a note off its site, as a draft (``draft-unread``), and
    its ``publish: true`` is every article here."""
    item = f.items.get("publish")
    if item is not None and unpublished("publish", item):
        f.read.add("publish")
        f.diagnostics.append(draft(item.key_span or item.span, "article", f"publish: {item.value}"))
        return default
    choices = " or ".join(f"'publish: {mode}'" for mode in PUBLISH_MODES)
    wrong = f"write {choices}"
    if item is not None and item.tag == "bool":
        wrong = (
            "every article is published: delete the line ('publish: excerpts' publishes only"
            " the quoted sentences)"
        )
    mode = f.text("publish", wrong_hint=wrong)
    if mode is None or mode in PUBLISH_MODES:
        return mode or default
    msg = f"'publish' must be one of {', '.join(PUBLISH_MODES)}, not {mode!r}"
    f.diagnostics.append(
        error(
            f.span_of("publish"),
            "publish-invalid",
            msg,
            "use 'publish: excerpts' to publish only the quoted sentences",
        )
    )
    return default


_ABSOLUTE_URL = re.compile(r"https?://[^\s/?#]+", re.IGNORECASE)
"""The start of an absolute http(s) address (``_url``): compiled once, not looked up in
``re``'s cache for each article."""


def _url(f: Fields) -> str | None:
    url = f.text("url")
    if url is None:
        return None
    absolute = _ABSOLUTE_URL.match(url) and is_safe_url(url)
    problem = url_problem(url) if absolute else None
    if not absolute or problem:
        why = f" ({problem})" if problem else ""
        msg = f"'url' must be an absolute http(s) address, not {url!r}{why}"
        f.diagnostics.append(error(f.span_of("url"), "url-invalid", msg, _url_hint(url)))
        return None
    return as_uri(url)


def _url_hint(url: str) -> str:
    """The address meant, where ``url`` lacks only its scheme (``www.example.org/x``, as a
    browser's address bar shows it); else an example."""
    meant = f"https://{url.removeprefix('//')}"
    dotted = re.match(r"https://[^\s/?#:]+\.[^\s/?#:.]+", meant)  # not 'TBD', 'none'
    if not re.match(r"[\w.-]*:", url) and dotted and _url_is_absolute(meant):
        return f"write {meant}"
    return "e.g. https://example.org/story"


def _url_is_absolute(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) address the site may link (``_url``'s test)."""
    absolute = _ABSOLUTE_URL.match(url) and is_safe_url(url)
    return bool(absolute) and url_problem(url) is None


def _quote_entries(f: Fields) -> tuple[list[_QuoteFields], list[Fields]]:
    """The quote entries with a text to look for, and those without one (an error)."""
    entries = []
    textless = []
    for node in f.mappings("quotes"):
        qf = Fields(node, "quote", f.diagnostics)
        text = qf.text("text", required=True)
        folded = fold(text) if text is not None else ""
        if text is not None and not folded:
            msg = "'text' holds only what a quote is compared without: superscripts, marks"
            hint = "write the statement's words after 'text:'"
            qf.diagnostics.append(error(qf.span_of("text"), "field-missing", msg, hint))
        if text is not None and folded:
            entries.append(_QuoteFields(text, folded, qf.span_of("text"), qf, _language(qf)))
        else:
            textless.append(qf)
    return entries, textless


def _textless_quote(qf: Fields, default: _Defaults) -> PartialQuote:
    """What a quote entry without a text refers to, its other fields checked: its text is
    often there under a misspelt key (``txt:``), which ``finish`` names, and its concepts
    must be checked now, not in the run after the text is fixed."""
    names, spans = qf.names("concepts")
    own_speaker = qf.text("speaker")
    qf.day("said_on")
    qf.text("note")
    qf.text("id")
    _language(qf)
    qf.finish(QUOTE_FIELDS)
    return PartialQuote(
        id="",  # no anchor: the quote is never shown
        id_span=None,
        concept_names=names,
        concept_spans=spans,
        speaker=own_speaker or default.speaker,
        speaker_span=qf.span_of("speaker") if own_speaker else default.speaker_span,
    )


def _quote_ids(
    entries: list[_QuoteFields], diagnostics: list[Diagnostic]
) -> tuple[list[QuoteRequest], list[Span | None]]:
    """Each quote's anchor, and where its own ``id`` is written (None for a default id)."""
    requests = []
    id_spans: list[Span | None] = []
    seen: dict[str, Span] = {}
    seen_ids: dict[str, bool] = {}
    """Whether the quote that took an id took it by its own ``id``."""
    last_suffix: dict[str, int] = {}
    """The suffix a repeated id last got: the next one is looked for from there, not from
    2 (12,000 copies of one quote tried every suffix before each, and took 9 s)."""
    for entry in entries:
        explicit = entry.fields.text("id")
        if explicit is not None and not _QUOTE_ID.fullmatch(explicit):
            msg = f"quote id {explicit!r} must start with a letter and hold only A-Z a-z 0-9 _ -"
            hint = f"e.g. 'id: {_valid_id(explicit)}' (64 characters at most)"
            diagnostics.append(error(entry.fields.span_of("id"), "quote-id-invalid", msg, hint))
            explicit = None
        id_spans.append(entry.fields.span_of("id") if explicit else None)
        qid = explicit or quote_id(entry.folded)
        if qid in seen:
            other = seen[qid].line
            msg = (
                f"this quote's id '{qid}' is the id of the quote on line {other}"
                if explicit or seen_ids[qid]
                else f"this quote repeats the quote on line {other}"
            )
            diagnostics.append(
                warning(entry.span, "quote-duplicate", msg, "remove one, or give each an 'id:'")
            )
            n = last_suffix.get(qid, 1) + 1
            while f"{qid}-{n}" in seen:
                n += 1
            last_suffix[qid] = n
            qid = f"{qid}-{n}"
        seen[qid] = entry.span
        seen_ids[qid] = explicit is not None
        requests.append(QuoteRequest(qid, entry.text, entry.language or "", entry.folded))
    return requests, id_spans


def _valid_id(written: str) -> str:
    """An id like ``written`` that is one: other characters made '-', a letter in front."""
    kept = re.sub(r"[^A-Za-z0-9_-]+", "-", written).strip("-")[:62]
    candidate = kept if kept[:1].isascii() and kept[:1].isalpha() else f"q-{kept}".rstrip("-")
    return candidate if _QUOTE_ID.fullmatch(candidate) else "q-growth-plan"


class _Defaults:
    """What a quote takes from its article when it does not say it itself (its date is
    taken when the quote is made whole, as the article's may be missing)."""

    def __init__(self, speaker: str | None, speaker_span: Span | None) -> None:
        self.speaker = speaker
        self.speaker_span = speaker_span


class _QuoteRead:
    """A quote entry as read: what it refers to (a ``PartialQuote``'s fields, made one only
    for a partial article, ``_refs``), and what a whole ``Quote`` adds."""

    def __init__(
        self,
        entry: _QuoteFields,
        qid: str,
        id_span: Span | None,
        names: tuple[str, ...],
        spans: tuple[Span, ...],
        speaker: str | None,
        speaker_span: Span | None,
        said_on: date | None,
        note: str | None,
    ) -> None:
        self.entry = entry
        self.id = qid
        self.id_span = id_span
        self.concept_names = names
        self.concept_spans = spans
        self.speaker = speaker
        """Effective speaker: the quote's own, else the article's."""
        self.speaker_span = speaker_span
        self.said_on = said_on
        """The quote's own ``said_on`` (None when absent or malformed)."""
        self.note = note


def _read_quote(
    entry: _QuoteFields, qid: str, id_span: Span | None, default: _Defaults
) -> _QuoteRead:
    """Every field of a quote entry, read (and its problems reported) whether or not its
    article turns out whole."""
    qf = entry.fields
    names, spans = _quote_concepts(entry)
    own_speaker = qf.text("speaker")
    speaker_span = qf.span_of("speaker") if own_speaker else default.speaker_span
    speaker = own_speaker or default.speaker
    said_on, note = qf.day("said_on"), qf.text("note")
    return _QuoteRead(entry, qid, id_span, names, spans, speaker, speaker_span, said_on, note)


def _refs(read: _QuoteRead) -> PartialQuote:
    """What a quote of a partial article refers to. Made only for such an article: a
    whole one's quote is a ``Quote`` (a ``PartialQuote`` made for each quote and thrown
    away took some 8,000 instructions, its fields set by name)."""
    return PartialQuote(
        id=read.id,
        id_span=read.id_span,
        concept_names=read.concept_names,
        concept_spans=read.concept_spans,
        speaker=read.speaker,
        speaker_span=read.speaker_span,
    )


def _quote_concepts(entry: _QuoteFields) -> tuple[tuple[str, ...], tuple[Span, ...]]:
    qf = entry.fields
    names, spans = qf.names("concepts")
    if len(names) > MAX_QUOTE_CONCEPTS:
        msg = f"quote names {len(names):,} concepts; the limit is {MAX_QUOTE_CONCEPTS}"
        hint = "keep the concepts the statement itself supports"
        qf.diagnostics.append(error(spans[MAX_QUOTE_CONCEPTS], "concepts-too-many", msg, hint))
        names, spans = names[:MAX_QUOTE_CONCEPTS], spans[:MAX_QUOTE_CONCEPTS]
    if not names:
        qf.diagnostics.append(
            warning(
                entry.span,
                "quote-no-concepts",
                "quote supports no concept",
                "add 'concepts: [name, ...]'",
            )
        )
    return names, spans


def _quote(read: _QuoteRead, day: date, body: BodyResult) -> Quote:
    """The whole quote, verified against ``body``; ``day`` is the article's ``said_on``,
    else its ``date``. Its text is as written, or as the page shows it when it was found
    only once its Markdown was read: its cards show no ``[the plan][1]``. Its fields given
    in their order, not by name: a frozen dataclass's ``__init__`` takes names through a
    dict made for the call (some 5,000 instructions more a quote)."""
    qid, entry = read.id, read.entry
    return Quote(
        qid,  # id
        body.shown.get(qid, entry.text),  # text
        read.concept_names,
        read.concept_spans,
        read.speaker,
        read.speaker_span,
        read.said_on or day,  # said_on
        read.note,
        entry.span,
        read.id_span,
        qid in body.found,  # found
        entry.language,
    )


def _not_found(raw: RawDocument, entry: _QuoteFields, closest: Closest) -> Diagnostic:
    passage, line = closest.passage, closest.line
    where = f" (line {raw.body_line + line})" if line is not None else ""
    if closest.why == IN_CODE:
        hint = (
            f"it is in a code block{where}, shown as code, not as text to quote: remove the"
            " indentation of four spaces or more, or the ``` fence"
        )
    elif closest.why == IN_PRE:
        hint = (
            f"it is inside <pre> ... </pre>{where}, shown as code, not as text to quote: write"
            " it as paragraphs of Markdown to quote it"
        )
    elif closest.why == IN_COMMENT:
        hint = f"it is inside <!-- ... -->{where}: an HTML comment, which the page does not show"
    elif closest.why == IN_PERCENT_COMMENT:
        hint = f"it is inside %% ... %%{where}: an Obsidian comment, which the page does not show"
    elif closest.why == WITH_MARK:
        on = f" on line {raw.body_line + line}" if line is not None else ""
        hint = (
            f"it holds the superscript{on} as text, as a browser copies it: write one after a"
            " number as a superscript (10⁶, 2019¹), and leave a note's number out, after a word"
            " or before a note's words"
        )
    elif closest.why == ELIDED:
        on = f" on line {raw.body_line + line}" if line is not None else ""
        hint = (
            f'it leaves words out ("..."): its parts are in the body in turn (the first,'
            f' "{_clip(passage)}",{on}), but a quote is one unbroken passage: quote each part'
            " as a statement of its own, or the whole passage"
        )
    elif closest.why == ACROSS:
        hint = (
            f"it runs across {closest.crossed}{where}, whose words it leaves out: a quote is"
            " one unbroken passage of text; quote the part before and the part after as"
            " statements of their own"
        )
    elif closest.why == OTHER_CASE:
        hint = f'the body writes it in other case{where}: "{_clip(passage)}"; copy it as written'
    elif closest.why == HYPHENATED:
        hint = (
            f"the body breaks a word of it over two lines with a hyphen{where}, as text copied"
            f' from a PDF does, and the page shows it so: "{_clip(passage)}"; join the word in'
            " the body, or quote it as the body writes it"
        )
    elif closest.why == BRACKETED:
        hint = (
            "it changes the body's words in [brackets], as print marks an editor's change,"
            f" but a quote is the body's own words: copy them as written{where}:"
            f' "{_clip(passage)}"'
        )
    elif passage:
        hint = f'closest passage{where}: "{_clip(passage)}"' + _unseen(passage, entry.text)
    else:
        hint = "copy the words exactly as they stand in the body"
    msg = f'quote not found in the article body: "{_clip(entry.text)}"'
    return error(entry.span, "quote-not-found", msg, hint)


def _unseen(passage: str, quote: str) -> str:
    """What of ``passage`` a reader cannot see and the quote lacks (a private-use character,
    a DEL): the passage would read as the quote, and the editor not know why it is not it.
    Not a character that folding leaves out (the non-joiner of Persian نمی‌خواهیم, a joiner
    of Indic letters): it is no reason, and deleting it would misspell the word."""
    unseen = sorted(
        {char for char in passage if unicodedata.category(char) in _UNSEEN and fold(char)}
        - set(quote)
    )
    if not unseen:
        return ""
    return f"; it holds {code_points(unseen[:3])}, which no reader sees: delete it from the body"


_UNSEEN = frozenset(["Cc", "Cf", "Co", "Cn"])
"""Controls, format characters, private use and unassigned code points."""


def _of_body(raw: RawDocument, body: BodyResult) -> list[Diagnostic]:
    """What rendering a body (an article's or a concept's) found wrong in it, each at its
    place in the file."""
    return [
        *_too_deep(raw, body.too_deep),
        *_too_large(raw, body.too_large),
        *_dropped_links(raw, body.dropped),
        *_template_tags(raw, body.template_tags),
        *_spaced_emphasis(raw, body.spaced_emphasis),
        *_links_of(raw, body.remote, remote),
        *_links_of(raw, body.embedded, embedded),
        *_links_of(raw, body.nowhere, unnamed),
        *_unused_notes(raw, body.unused_notes),
    ]


def _links_of(
    raw: RawDocument,
    found: list[Found],
    warned: Callable[[Iterable[ContentLink]], list[Diagnostic]],
) -> list[Diagnostic]:
    """``warned`` of the links ``found`` in ``raw``'s body, located: none, without a call
    of Python, for most bodies, which hold none of a kind (``link_targets``' warnings are
    made by functions of Python, each with a message made for the call)."""
    return warned(located(raw.path, raw.body_line, raw.body, found)) if found else []


def _too_deep(raw: RawDocument, line: int | None) -> list[Diagnostic]:
    """An error where the body nests blocks past Markdown's limit: their text would be
    missing from the page (``markdown.too_deep``)."""
    if line is None:
        return []
    text = raw.body.split("\n", line + 1)[line]
    column = len(text) - len(text.lstrip()) + 1
    msg = "lists or block quotes nested too deep: text from here on would be missing from the page"
    hint = f"nest at most {BLOCK_NESTING // 2 - 1} lists or {BLOCK_NESTING - 1} block quotes ('>')"
    return [error(Span(raw.path, raw.body_line + line, column), "markdown-too-deep", msg, hint)]


def _too_large(raw: RawDocument, line: int | None) -> list[Diagnostic]:
    """An error at the first table of the body past the cells its tables may hold: it is
    left out of the page (``table_cells``)."""
    if line is None:
        return []
    text = raw.body.split("\n", line + 1)[line]
    column = len(text) - len(text.lstrip()) + 1
    msg = f"this table takes the body's tables past {MAX_CELLS:,} cells: it is left out"
    hint = (
        "a table counts a cell for each column of its header on each of its lines; split the"
        " data into files of their own, or link it as a file ([the figures](data.csv))"
    )
    return [error(Span(raw.path, raw.body_line + line, column), "table-too-large", msg, hint)]


MAX_DROPPED_LINKS = 20
"""``link-invalid`` (or ``footnote-unused``) warnings of one body; the last counts the rest."""


def _dropped_links(raw: RawDocument, dropped: list[tuple[range, str]]) -> list[Diagnostic]:
    if not dropped:
        return []
    lines = raw.body.split("\n")
    found = [_dropped_link(raw, lines, *link) for link in dropped[:MAX_DROPPED_LINKS]]
    return counting_the_rest(found, len(dropped), "more links shown as text")


def _dropped_link(raw: RawDocument, lines: list[str], block: range, address: str) -> Diagnostic:
    """A warning at a link of the body that is shown as text: its address is unsafe (a
    ``javascript:`` link) or no valid URL (``urls.url_problem``)."""
    row, column, _ = find_address(lines, block, (address,))
    if row < 0:  # written with entities (decoded in the text): the block's first line
        row, column = block.start, 0
    reason = url_problem(address) if is_safe_url(address) else "its scheme is not allowed"
    msg = f"not a link: {address!r} is shown as text ({reason or 'not a valid address'})"
    hint = "links go to http(s) or mailto addresses, or to pages of the site; fix the address"
    return warning(Span(raw.path, raw.body_line + row, column + 1), "link-invalid", msg, hint)


def _template_tags(raw: RawDocument, tags: list[tuple[range, str]]) -> list[Diagnostic]:
    """A warning at each template tag of another generator in the body, shown as typed: a
    Hugo shortcode, a Liquid tag, an Obsidian embed (``shortcodes``). At most
    ``MAX_DROPPED_LINKS``."""
    kind = ("template-tag", "more template tags")
    return _as_typed(raw, tags, kind, shortcodes.message, shortcodes.hint)


def _spaced_emphasis(raw: RawDocument, runs: list[tuple[range, str]]) -> list[Diagnostic]:
    """A warning at each bold the page shows with its asterisks, for a space inside them
    (``spaced_emphasis``). At most ``MAX_DROPPED_LINKS``."""
    kind = ("emphasis-spaced", "more bold runs with spaces inside")
    return _as_typed(raw, runs, kind, _spaced_message, _spaced_hint)


def _spaced_message(run: str) -> str:
    return f"{shortcodes.shown(run)} is shown with its asterisks: bold cannot end after a space"


def _spaced_hint(run: str) -> str:
    return f"move the space outside the asterisks: {spaced_emphasis.instead(run)!r}"


def _as_typed(
    raw: RawDocument,
    found_in: list[tuple[range, str]],
    kind: tuple[str, str],
    message: Callable[[str], str],
    hint: Callable[[str], str],
) -> list[Diagnostic]:
    """A warning at each piece of markup of the body shown as typed, found in the lines of
    its block, each after the one before: ``kind`` is its code and the words that count the
    rest, past ``MAX_DROPPED_LINKS``."""
    if not found_in:
        return []
    lines = raw.body.split("\n")
    found: list[Diagnostic] = []
    after = (0, 0)
    for block, typed in found_in[:MAX_DROPPED_LINKS]:
        row, column, end = find_address(lines, block, (shortcodes.first_line(typed),), after)
        if row < 0:
            row, column, end = block.start, 0, 0
        after = (row, end)
        span = Span(raw.path, raw.body_line + row, column + 1)
        found.append(warning(span, kind[0], message(typed), hint(typed)))
    return counting_the_rest(found, len(found_in), kind[1])


def _unused_notes(raw: RawDocument, unused: list[tuple[int, str]]) -> list[Diagnostic]:
    """A warning at each footnote nothing refers to: it is not shown, so its words would be
    lost to readers without a word to the editor. At most ``MAX_DROPPED_LINKS``."""
    found: list[Diagnostic] = []
    for line, label in unused[:MAX_DROPPED_LINKS]:
        text = raw.body.split("\n", line + 1)[line]
        column = text.find(f"[^{label}]") + 1 or 1
        msg = f"footnote [^{label}] is not shown: the text refers to it nowhere"
        hint = f"write [^{label}] where the note belongs, or remove the note"
        span = Span(raw.path, raw.body_line + line, column)
        found.append(warning(span, "footnote-unused", msg, hint))
    return counting_the_rest(found, len(unused), "more notes not shown")


def _clip(text: str, limit: int = 160) -> str:
    return shorten(" ".join(text.split()), limit)


def validate_concept(raw: RawDocument) -> tuple[ConceptDef | None, list[Diagnostic]]:
    if raw.meta is None:
        return None, []
    f = Fields(raw.meta, "concept")
    title = f.text("title", required=True)
    aliases, alias_spans = f.names("aliases")
    broader, broader_spans = f.names("broader")
    related, related_spans = f.names("related")
    summary = f.text("summary")
    f.finish(CONCEPT_FIELDS)
    body = render_plain(raw.body, posixpath.dirname(raw.path), raw.root)
    diagnostics = f.diagnostics + _of_body(raw, body)
    if title is None:
        return None, diagnostics
    aliases, alias_spans, repeats = _distinct_aliases(
        title, f.span_of("title"), aliases, alias_spans
    )
    diagnostics += repeats
    return ConceptDef(
        title=title,
        aliases=aliases,
        broader=broader,
        related=related,
        summary=summary,
        body_html=body.html,
        path=raw.path,
        title_span=f.span_of("title"),
        alias_spans=alias_spans,
        broader_spans=broader_spans,
        related_spans=related_spans,
        links=located(raw.path, raw.body_line, raw.body, body.links),
        headings=body.headings,
    ), diagnostics


def _distinct_aliases(
    title: str, title_span: Span, aliases: tuple[str, ...], spans: tuple[Span, ...]
) -> tuple[tuple[str, ...], tuple[Span, ...], list[Diagnostic]]:
    """The aliases without those that repeat the title or an alias before them in all but
    case or width (``ＧＰ``, ``gp`` after ``GP``), each of which is a warning: names are
    matched ignoring both, so it adds no name, and the page would list it twice."""
    seen = {name_form(title, variants=False): (title, title_span, "title")}
    kept: list[tuple[str, Span]] = []
    repeats: list[Diagnostic] = []
    for name, span in zip(aliases, spans, strict=True):
        key = name_form(name, variants=False)
        if key not in seen:
            seen[key] = (name, span, "alias")
            kept.append((name, span))
            continue
        first, at, what = seen[key]
        msg = f"alias '{name}' repeats the {what} '{first}' (line {at.line}): it is left out"
        hint = "remove it: a concept's names are matched ignoring case and width"
        repeats.append(warning(span, "alias-duplicate", msg, hint))
    return tuple(n for n, _ in kept), tuple(s for _, s in kept), repeats


def validate_config(raw: RawDocument | None) -> tuple[SiteConfig, list[Diagnostic]]:
    if raw is None or raw.meta is None:
        return SiteConfig(), []
    f = Fields(raw.meta, "site.yaml")
    defaults = SiteConfig()
    base_url = f.text("base_url")
    if base_url is not None and (problem := base_url_problem(base_url)):
        msg = f"'base_url' must be an absolute http(s) URL, not {base_url!r} ({problem})"
        hint = base_url_hint(base_url)
        f.diagnostics.append(error(f.span_of("base_url"), "url-invalid", msg, hint))
        base_url = None
    language = _language(f) or defaults.language
    labels, label_problems = site_labels(f, language)
    config = SiteConfig(
        title=f.text("title") or defaults.title,
        description=f.text("description") or defaults.description,
        base_url=base_uri(base_url or defaults.base_url),
        language=language,
        author=f.text("author") or defaults.author,
        publish=_publish(f, defaults.publish),
        cname=_cname(f),
        labels=labels,
    )
    f.finish(CONFIG_FIELDS)
    if base_url is not None and config.cname is not None:
        f.diagnostics += _cname_elsewhere(f, config.cname, config.base_url)
    return config, f.diagnostics + label_problems


def _language(f: Fields) -> str | None:
    return _matching(
        f,
        "language",
        is_language_tag,
        "language-invalid",
        "a language tag",
        _language_hint,
    )


def _language_hint(value: str) -> str:
    """The tag meant, where one is likely (``en-US`` for ``en_US``, ``de`` for ``German``)."""
    meant = tag_meant(value)
    if meant is not None:
        return f"write {meant}"
    return "e.g. en, zh-Hans or pt-BR (ISO 639 language codes: zh, not the country code cn)"


def _cname(f: Fields) -> str | None:
    """A bare host name: GitHub Pages reads ``CNAME`` as one domain, nothing else."""
    cname = _matching(
        f,
        "cname",
        lambda host: _HOST.fullmatch(host) and host_problem(host) is None,
        "cname-invalid",
        "a domain name",
        "e.g. kb.example.org (no scheme, path or port)",
    )
    return casing.lower(cname) if cname else None


def _cname_elsewhere(f: Fields, cname: str, base_url: str) -> list[Diagnostic]:
    """A warning at a ``cname`` that is not ``base_url``'s host: GitHub Pages serves the
    site at the custom domain, so every absolute URL of the build (feeds, sitemap, canonical
    links, citations) would name a host the site is not at. A local ``base_url``
    (``localhost``, as the sample's) is a preview's, which the deploy's ``--base-url``
    replaces."""
    parts = urlsplit(base_url)
    host = (parts.hostname or "").rstrip(".")
    if host == cname or _local(host):
        return []
    at = f.span_of("base_url")
    msg = (
        f"'cname' {cname} is not the host of 'base_url' ({host}, line {at.line}): GitHub Pages"
        f" serves the site at {cname}, and every absolute URL (feeds, sitemap, canonical"
        " links, citations) would name the other host"
    )
    hint = f"write base_url: {parts.scheme}://{cname}/ (the domain's root), or remove 'cname'"
    return [warning(f.span_of("cname"), "cname-elsewhere", msg, hint)]


def _local(host: str) -> bool:
    """Whether ``host`` is this machine's (``localhost``, ``127.0.0.1``, ``::1``) or one of
    its network's, as a preview opened on a phone names it (``192.168.1.20``, ``0.0.0.0``,
    ``laptop.local``): no domain a ``cname`` could name."""
    if host in ("localhost", "local") or host.endswith((".localhost", ".local")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_unspecified


def _matching(
    f: Fields,
    key: str,
    valid: Callable[[str], object],
    code: str,
    expected: str,
    hint: str | Callable[[str], str],
) -> str | None:
    """A text field that must be ``valid``; a located error when it is not, with ``hint``
    (or what it gives for the value)."""
    value = f.text(key)
    if value is not None and not valid(value):
        msg = f"'{key}' must be {expected}, not {value!r}"
        said = hint if isinstance(hint, str) else hint(value)
        f.diagnostics.append(error(f.span_of(key), code, msg, said))
        return None
    return value
