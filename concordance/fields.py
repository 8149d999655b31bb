"""Typed reading of a front-matter mapping: each accessor reports what is wrong, where."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from concordance import casing
from concordance.diagnostics import Diagnostic, Span, code_points, error, unseen, warning
from concordance.lazy_patterns import lazy_compile
from concordance.load import YamlValue, YNode
from concordance.textnorm import squash_space, visible
from concordance.yaml_errors import yaml_quoted

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:(?:[Tt]|[ \t]+)(.*))?", re.DOTALL)
# A time of day may follow the date (only the date is kept): in the forms of YAML's
# timestamp (a one-digit hour, a fraction, a zone after spaces, ``-5``), with the seconds
# optional and a zone written ``+0100`` too. ``_real_time`` checks each number's range.
_TIME = lazy_compile(
    r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d*)?)?"
    r"(?:[ \t]*(?:Z|[+-](\d{1,2})(?::(\d{2}))?|[+-](\d{2})(\d{2})))?"
)
_KIND_NAMES = {
    "map": "a mapping",
    "seq": "a list",
    "bool": "true/false",
    "null": "nothing (null)",
    "int": "a number",
    "float": "a number",
    "timestamp": "a date",
    "str": "text",
}


_DESCRIBED = "the page shows the body: write it there, or delete the field"
_SUMMED_UP = "write it as 'summary: ...', the one line shown in lists and link previews"
FOREIGN = {
    "tags": "name the concepts in 'concepts: [...]' (an article's, or a quote's)",
    "categories": "name the concepts in 'concepts: [...]' (an article's, or a quote's)",
    "keywords": "name the concepts in 'concepts: [...]' (an article's, or a quote's)",
    "author": "who said it is its 'speaker: ...'",
    "authors": "who said it is its 'speaker: ...'",
    "lang": "write 'language: ...'",
    "slug": "a page is named for its file: 2024-01-31-name.md is articles/2024-01-31-name/",
    "permalink": "a page is named for its file: 2024-01-31-name.md is articles/2024-01-31-name/",
    "draft": "a draft is a file whose name starts with '_' (_2024-01-31-name.md): never built",
    **dict.fromkeys(
        ("canonical_url", "canonicalurl", "canonical", "original_url", "source_url", "link"),
        "the original's address is 'url: ...'",
    ),
    **dict.fromkeys(
        ("image", "cover", "coverimage", "heroimage", "featured_image", "thumbnail", "banner"),
        "show an image in the body: ![what it shows](img/x.png)",
    ),
    **dict.fromkeys(("description", "excerpt", "subtitle", "abstract", "summary"), _DESCRIBED),
    "aliases": (
        "a page's other names and old addresses are not read here (a concept's 'aliases' are"
        " its other names): delete the field"
    ),
}
"""Fields that other site generators (Hugo, Jekyll, Eleventy, Pelican, Astro) and the
exports of Medium and WordPress write, by their names in lower case (Astro's
``heroImage``), with what to write here instead: the hint of their ``field-unknown``
warning."""
_TRUE = frozenset({"true", "yes", "on", "y"})
"""How YAML writes true (``draft: yes``)."""
_FALSE = frozenset({"false", "no", "off", "n"})
"""How YAML writes false (``published: no``)."""
_UNPUBLISHED_STATUS = frozenset({"draft", "pending", "private", "trash"})
"""The ``status`` of a post WordPress or Ghost did not publish, as their exports write it."""


OTHER_KIND = {
    "concept": (
        frozenset({"date", "said_on", "source", "url", "place", "speaker", "quotes", "publish"}),
        "an article's field: if this file is an article, move it into articles/",
    ),
    "article": (
        frozenset({"aliases", "broader", "related", "summary"}),
        "a concept's field: if this file defines a concept, move it into concepts/",
    ),
}
"""The fields of the other kind of file, by what a file is read as: an article saved in
``concepts/`` is read as a concept, its quotes left out of the site, and a concept in
``articles/`` as an article without a date."""


def _misplaced(what: str, key: str) -> str | None:
    """The hint for a field that the other kind of file has, which says where to move it."""
    fields, hint = OTHER_KIND.get(what, (frozenset[str](), ""))
    return f"'{key}' is {hint}" if key in fields else None


@dataclass(slots=True)
class Fields:
    """A front-matter mapping being read; unread keys are reported by ``finish``."""

    node: YNode
    what: str
    """What the mapping describes, for messages: 'article', 'quote', 'concept'..."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    read: set[str] = field(default_factory=set)
    items: dict[str, YNode] = field(init=False)
    """The mapping's fields (none when ``node`` is no mapping): made once, as every accessor
    reads them."""

    def __init__(self, node: YNode, what: str, diagnostics: list[Diagnostic] | None = None) -> None:
        # Written out, so that mypyc compiles it: the dataclass's is a function in Python
        # (some 2,000 instructions), and validation makes one for every article and quote.
        self.node = node
        self.what = what
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.read = set()
        self.items = node.value if isinstance(node.value, dict) else {}

    def span_of(self, key: str) -> Span:
        item = self.items.get(key)
        return item.span if item else self.node.span

    def get(self, key: str, required: bool = False) -> YNode | None:
        self.read.add(key)
        item = self.items.get(key)
        if item is None or item.tag == "null":
            if required and item is not None and str(item.value).strip():
                self._null_word(item, key, str(item.value).strip())
            elif required:
                at, hint = self.missing_at(key, f"add '{key}: ...'")
                msg = f"{self.what} has no '{key}'"
                self.diagnostics.append(error(at, "field-missing", msg, hint))
            return None
        return item

    def _null_word(self, item: YNode, key: str, written: str) -> None:
        """A required value written as a word YAML reads as none (``text: Null``, a quote
        of that one word, or ``~``): its key is there, so 'add it' would not do."""
        msg = f"'{key}' is empty: YAML reads {written!r} as no value"
        hint = f"write the {key} after '{key}:', or, if {written!r} is the {key}, quote it:"
        hint += f" {key}: {yaml_quoted(written)}"
        self.diagnostics.append(error(item.span, "field-missing", msg, hint))

    def missing_at(self, key: str, hint: str) -> tuple[Span, str]:
        """Where to say ``key`` is missing, with ``hint`` (how to add it) or why it is: its
        key when it has one (``date:`` alone), else the quoted value that took its line in
        as text (its quote not closed on its line), else the mapping's start."""
        item = self.items.get(key)
        if item is not None:
            return item.key_span or self.node.span, hint
        taken = _taken_in(self.items, key)
        if taken is None:
            return self.node.span, hint
        line = taken.line
        return taken, (
            f"the quote that opens the value on line {line} is not closed on its line:"
            f" '{key}:' below it was read as part of the value; close it on line {line},"
            " or write the value on one line"
        )

    def text(self, key: str, required: bool = False, wrong_hint: str = "") -> str | None:
        """``wrong_hint``: what to write instead of a value of another kind (a field of
        a few set values names them), when the usual hint would not do."""
        item = self.get(key, required)
        if item is None:
            return None
        if item.tag in ("str", "int", "float", "timestamp") and isinstance(item.value, str):
            value = squash_space(item.value) if "\n" not in item.value.strip() else item.value
            if visible(value):
                return value.strip()
            if required or value.strip():
                self._empty(item, key)
            return None
        self._wrong(item, key, "text", wrong_hint)
        return None

    def day(self, key: str, required: bool = False) -> date | None:
        item = self.get(key, required)
        if item is None:
            return None
        if not isinstance(item.value, str):
            self._wrong(item, key, "a date written YYYY-MM-DD")
            return None
        raw = item.value
        read = _read_date(item)
        if read is not None:
            return read
        match = _DATE.fullmatch(raw.strip()) if item.tag in ("str", "timestamp") else None
        msg = f"'{key}' must be a date written YYYY-MM-DD, not {raw!r}"
        hint = _date_meant(raw.strip()) or "e.g. 2024-02-01"
        if match and match[4] is not None:
            hint += ", or with a real time of day: 2024-02-01T09:30 or 2024-02-01 09:30:00Z"
        self.diagnostics.append(error(item.span, "date-malformed", msg, hint))
        return None

    def names(self, key: str) -> tuple[tuple[str, ...], tuple[Span, ...]]:
        """A list of names (a single name is taken as a list of one)."""
        item = self.get(key)
        if item is None:
            return (), ()
        if isinstance(item.value, str) and _LISTED.search(item.value):
            self.diagnostics.append(_one_name_listed(item, key))
        elements = item.value if isinstance(item.value, list) else [item]
        names: list[str] = []
        spans: list[Span] = []
        for element in elements:
            if element.tag in ("str", "int", "float") and isinstance(element.value, str):
                name = squash_space(element.value)
                if visible(name):
                    names.append(name)
                    spans.append(element.span)
                    continue
                self._empty(element, key, "write a name, or take the entry out")
                continue
            hint = (
                f"write the names as text in one list: {key}: [a name, another name] (quote"
                " a name that holds ': ')"
                if element.tag in ("seq", "map")
                else ""
            )
            self._wrong(element, key, "a name (text)", hint)
        return tuple(names), tuple(spans)

    def _empty(self, item: YNode, key: str, hint: str = "") -> None:
        written = isinstance(item.value, str) and item.value.strip()
        msg = f"'{key}' holds no character a reader sees" if written else f"'{key}' is empty"
        hint = hint or f"write the {key} after '{key}:'"
        self.diagnostics.append(error(item.span, "field-missing", msg, hint))

    def mappings(self, key: str) -> list[YNode]:
        item = self.get(key)
        if item is None:
            return []
        if not isinstance(item.value, list):
            hint = f"write each entry on a line of its own below '{key}:', as '  - text: ...'"
            self._wrong(item, key, "a list of entries ('- text: ...')", hint)
            return []
        good = [element for element in item.value if element.tag == "map"]
        for element in item.value:
            if element.tag != "map":
                hint = "write the entry as '- text: ...', with its other fields below 'text'"
                self._wrong(element, key, "an entry with fields ('- text: ...')", hint)
        return good

    def finish(self, known: tuple[str, ...]) -> None:
        """Warn about keys nobody read: usually typos."""
        if self.read.issuperset(self.items):  # most mappings: nothing to sort or warn of
            return
        for key, item in sorted(self.items.items(), key=lambda kv: kv[1].span):
            if key in self.read:
                continue
            at = item.key_span or item.span
            if unpublished(key, item):
                self.diagnostics.append(draft(at, self.what, f"{key}: {item.value}"))
                continue
            # In any case: Hugo's baseURL is a base_url, a Title a title.
            import difflib  # here: most fields are known (1.4 ms of a start)

            close = difflib.get_close_matches(casing.lower(key), known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(known)}"
            msg = f"unknown field '{key}' in {self.what}"
            hint = (
                _unseen(key)
                or self._misplaced(key)
                or _foreign(key, known)
                or self._dated(item, known)
                or hint
            )
            self.diagnostics.append(warning(at, "field-unknown", msg, hint))

    def _misplaced(self, key: str) -> str | None:
        """``_misplaced``'s hint, but in an article with a date, which no concept has: its
        ``aliases`` and ``summary`` are another generator's (Hugo's old addresses, a post's
        summary), not a concept's."""
        if self.what == "article" and "date" in self.items:
            return None
        return _misplaced(self.what, key)

    def _dated(self, item: YNode, known: tuple[str, ...]) -> str | None:
        """For an unknown field of an article that holds a date (``published``, ``pubDate``,
        ``created``, as other tools name a post's dates): the dates read here, the value
        written as ``date`` when the article has none."""
        if "date" not in known:
            return None
        day = _day_of(item)
        if day is None:
            return None
        if "date" not in self.items:
            return f"write 'date: {day}' (when it was published) or 'said_on: {day}'"
        return (
            "the dates read are 'date' (when it was published) and 'said_on' (when the words"
            " were spoken): write it as one of them, or delete it"
        )

    def _wrong(self, item: YNode, key: str, expected: str, hint: str = "") -> None:
        got = _KIND_NAMES.get(item.tag, item.tag)
        msg = f"'{key}' must be {expected}, not {got}"
        hint = hint or _kind_hint(item.tag, key, item.value)
        self.diagnostics.append(error(item.span, "field-type", msg, hint))


_YEAR_FIRST = lazy_compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{4})(\d{2})(\d{2})")
_YEAR_LAST = lazy_compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_WORDED = ("%B %d, %Y", "%B %d %Y", "%d %B %Y", "%b %d, %Y", "%b %d %Y", "%d %b %Y")
"""Dates with the month in words, as English writes them (``March 5, 2024``, ``5 Mar 2024``)."""


def _date_meant(raw: str) -> str | None:
    """The hint that writes a date typed another way as ``YYYY-MM-DD``: ``2024/3/5``,
    ``20240305``, ``March 5, 2024``; both readings of ``05/03/2024``, whose order of day and
    month depends on the country. None when it reads as no date."""
    meant = [day.isoformat() for day in _dates_meant(raw)]
    if len(meant) == 2:
        return f"write {meant[0]} or {meant[1]}, whichever is meant (the month comes first)"
    return f"write {meant[0]}" if meant else None


def _dates_meant(raw: str) -> list[date]:
    """The dates ``raw``, typed another way than ``YYYY-MM-DD``, may mean, in order: one, or
    two for a day and month that may be either way round; none when it reads as no date."""
    if match := _YEAR_FIRST.fullmatch(raw):
        year, month, day = (int(n) for n in match.groups() if n is not None)
        return [d for d in (_real_date(year, month, day),) if d is not None]
    if match := _YEAR_LAST.fullmatch(raw):
        first, second, year = (int(n) for n in match.groups())
        readings = {_real_date(year, second, first), _real_date(year, first, second)}
        return sorted(d for d in readings if d is not None)
    for form in _WORDED:
        try:
            return [datetime.strptime(raw, form).date()]
        except ValueError:
            continue
    return []


def _read_date(item: YNode) -> date | None:
    """The date a value writes ``YYYY-MM-DD``, maybe with a real time of day, or None."""
    if item.tag not in ("str", "timestamp") or not isinstance(item.value, str):
        return None
    match = _DATE.fullmatch(item.value.strip())
    if match and (match[4] is None or _real_time(match[4])):
        return _real_date(int(match[1]), int(match[2]), int(match[3]))
    return None


def _unseen(key: str) -> str | None:
    """For a key that holds a character no reader sees, white space YAML takes for text or a
    format character: the hint naming it. A no-break space pasted before a quote's
    ``- text:`` made the line a key of the mapping above it, the quote lost."""
    hidden = [char for char in key if unseen(char)]
    if not hidden:
        return None
    named = code_points(hidden)
    return f"it holds {named}, which no reader sees: delete it"


def _foreign(key: str, known: tuple[str, ...]) -> str | None:
    """``FOREIGN``'s hint for ``key``, in any case; a description is a concept's summary."""
    hint = FOREIGN.get(casing.lower(key))
    return _SUMMED_UP if hint == _DESCRIBED and "summary" in known else hint


def _day_of(item: YNode) -> str | None:
    """The date ``YYYY-MM-DD`` a value holds, with a time of day or typed another way
    (``Jul 08 2022``), or None."""
    read = _read_date(item)
    if read is not None:
        return read.isoformat()
    meant = _dates_meant(item.value.strip()) if isinstance(item.value, str) else []
    return meant[0].isoformat() if len(meant) == 1 else None


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _taken_in(items: dict[str, YNode], key: str) -> Span | None:
    """Where the quoted value starts, among ``items`` or in a list of them
    (``concepts: [a, "b]``), that took in a line starting ``key:`` as text."""
    for item in items.values():
        values = item.value if isinstance(item.value, list) else [item]
        for value in values:
            if key in value.fields_inside:
                return value.span
    return None


def _kind_hint(tag: str, key: str, value: YamlValue) -> str:
    """How to write one value where YAML read another kind: a list from ``[...]`` or
    ``- ``, a mapping from ``{...}`` or a ``name: value`` below the key, true/false from
    ``yes``, nothing from ``null`` or ``~`` (a word quoted as written)."""
    if tag == "seq":
        return (
            f"'{key}' takes one value: write it without '[ ]' or '- ' (quote a value that"
            " starts with '[')"
        )
    if tag == "map":
        return f"write one value after '{key}:' (quote a value that starts with '{{' or holds ': ')"
    written = value.strip() if isinstance(value, str) else ""
    return f"quote it: {yaml_quoted(written)}" if written else 'quote it: "..."'


def _real_time(text: str) -> bool:
    """``text`` is a time of day ``_TIME`` allows, each part in range (no 24:00 or 10:60;
    a zone less than a day from UTC, as ``datetime`` takes it)."""
    match = _TIME.fullmatch(text)
    if match is None:
        return False
    hour, minute, second, zone_hour, zone_minute, basic_hour, basic_minute = (
        int(part) if part else 0 for part in match.groups()
    )
    return (
        hour <= 23
        and minute <= 59
        and second <= 59
        and max(zone_hour, basic_hour) <= 23
        and max(zone_minute, basic_minute) <= 59
    )


def unpublished(key: str, item: YNode) -> bool:
    """Whether ``key: value`` keeps a file off the site of another generator: Hugo's and
    Eleventy's ``draft: true``, Jekyll's ``published: false``, Obsidian Publish's and
    Quartz's ``publish: false``, and the ``private: true`` or ``status: draft`` of exports
    from WordPress and Ghost; written in any case (Hugo reads ``Draft``), or as text or a
    number (``draft: "true"``, ``draft: 1``), which Hugo takes for true and Eleventy's
    templates as anything but empty."""
    if item.tag not in ("bool", "str", "int") or not isinstance(item.value, str):
        return False
    value = casing.lower(item.value.strip())
    name = casing.lower(key)
    if name in ("draft", "private"):
        return value in _TRUE | {"1"}
    if name in ("published", "publish"):
        return value in _FALSE | {"0"}
    return name == "status" and value in _UNPUBLISHED_STATUS


def draft(at: Span, what: str, written: str) -> Diagnostic:
    """The error at ``draft: true``: written for another generator, which would leave the
    file unpublished, it would be published here. A draft made public cannot be taken back."""
    msg = f"'{written}' is not read here: this {what} would be published"
    hint = (
        "to keep it off the site, start its file name with '_' (_2024-01-31-name.md);"
        " to publish it, delete the line"
    )
    return error(at, "draft-unread", msg, hint)


_LISTED = lazy_compile(r"[^\s,，、][,，、]\s*[^\s,，、]")
"""Names run together with commas (``glorp plan, zelt tea``)."""


def _one_name_listed(item: YNode, key: str) -> Diagnostic:
    """A warning for several names written as one text (``concepts: glorp plan, zelt tea``):
    YAML reads one name with commas in it, and the site would get a page for that name."""
    text = squash_space(str(item.value))
    parts = [part.strip() for part in re.split(r"[,，、]", text) if part.strip()]
    msg = f"'{key}' is one name written with commas, '{text}', not a list of names"
    hint = (
        f"write a list, {key}: [{', '.join(parts)}], or, for one name, {key}: [{yaml_quoted(text)}]"
    )
    return warning(item.span, "names-as-text", msg, hint)
