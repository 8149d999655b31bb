"""The interface's words in the site's language.

Each language's labels come from its shipped catalog (``catalogs/<tag>.yaml``), with the
English catalog behind it for any key it leaves out and the site's own ``labels:`` (in
site.yaml) over it. Counts take the plural form the language's rules choose, and dates are
written as its readers write them: both from Babel, whose Unicode CLDR data covers every
language a site may be written in, where a hand-kept table of month names and plural rules
would cover a few.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal

# babel.dates and babel.numbers (with zoneinfo and pytz: some 6 ms of a start) are imported
# where they are used: a rebuild after one article's edit writes no date nor number.
from babel import Locale, UnknownLocaleError, localedata
from babel.core import get_global
from markupsafe import Markup, escape

import concordance
from concordance import casing
from concordance.escaping import as_markup, escape_label
from concordance.lazy_patterns import lazy_compile

CATALOGS = Path(concordance.__file__).resolve().parent / "catalogs"
FALLBACK = "en"
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories: a count's label may have a form for each its language uses."""
PATTERNS = ("date", "month")
"""Keys that hold a Unicode date pattern rather than words."""

LabelText = str | Mapping[str, str]
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_TAG = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


@cache
def catalog(tag: str) -> Mapping[str, LabelText]:
    """The shipped catalog named ``tag`` (``zh-Hant``); empty when there is none."""
    file = CATALOGS / f"{tag}.yaml"
    if not _TAG.fullmatch(tag) or not file.is_file():  # a tag names a file, never a path
        return {}
    # Imported here: a rebuild after a body edit reads no catalog, and needs no PyYAML.
    import yaml

    loaded = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return loaded if isinstance(loaded, dict) else {}


def shipped_tags() -> list[str]:
    return sorted(file.stem for file in CATALOGS.glob("*.yaml"))


def english() -> Mapping[str, LabelText]:
    """Every key there is, in English."""
    return catalog(FALLBACK)


def placeholders(text: LabelText) -> set[str]:
    """The ``{name}``s of a label, over all its forms."""
    forms = text.values() if isinstance(text, Mapping) else (text,)
    return {name for form in forms for name in _PLACEHOLDER.findall(form)}


class _Form:
    """A label's text made ready to fill: each ``{name}`` a ``%s``, any other ``%`` doubled,
    and the names in order; nothing else of the text is read (no attribute, index or
    conversion). Filled from the values taken with one ``itemgetter``: a citation's nine
    values in 1.2 µs, where ``str.format_map`` took 2.7 (it parses its format string at
    each call, and a card fills four labels). Values that are all text are put between the
    text's pieces and joined (``str.join`` measures them, then copies each once), where
    ``%`` grew its result piece by piece, copying it again, and a citation's curly quotes
    made it widen every piece of Latin text it wrote: a citation's fill took a quarter
    fewer instructions. Other values are written by ``%``, as ``str`` writes them. A
    ``{name}`` with no value stays as written. (A name of digits, which ``format`` read as
    a position and wrote without its leading zeros, is a name like any other: a site's
    labels name only the English label's placeholders, ``label_config``.)"""

    __slots__ = ("names", "pieces", "text", "values")

    def __init__(self, text: str) -> None:
        pieces = _PLACEHOLDER.split(text)
        self.names: tuple[str, ...] = tuple(pieces[1::2])
        self.pieces: list[Any] = pieces
        """The text between the names, the names' places taken by their values."""
        self.text = "%s".join(piece.replace("%", "%%") for piece in pieces[0::2])
        self.values = itemgetter(*self.names) if len(self.names) > 1 else None

    def fill(self, args: Mapping[str, object]) -> str:
        names = self.names
        try:
            if self.values is not None:
                values: tuple[object, ...] = self.values(args)
                return self._joined(values)
            return self.text % (args[names[0]],) if names else self.text % ()
        except KeyError:
            return self.text % tuple(args.get(name, f"{{{name}}}") for name in names)

    def _joined(self, values: tuple[object, ...]) -> str:
        joined = self.pieces.copy()
        joined[1::2] = values
        try:
            return "".join(joined)
        except TypeError:  # a value that is not text (a number)
            return self.text % values


@cache
def iso_date(day: dt.date) -> str:
    """``day.isoformat()``, each date's text made once per process: ``isoformat`` writes it
    by ``sprintf``, some 4,800 instructions a date, and a site's statements, whose dates its
    linked data, feeds and exports write, share a few thousand dates."""
    return day.isoformat()


def locale_of(language: str) -> Locale | None:
    """Babel's locale for a BCP 47 tag, with the script it implies (``zh-TW`` is
    ``zh_Hant_TW``); None for a language CLDR does not know. A tag Babel cannot read whole
    (``zh-cmn-Hant``, ``en-gb-oed``) is read as its language, script and region."""
    try:
        return Locale.parse(language.replace("_", "-"), sep="-")
    except (UnknownLocaleError, ValueError):
        pass
    subtags = language.replace("_", "-").split("-")
    script = next((s for s in subtags[1:] if len(s) == 4 and s.isalpha()), None)
    region = next((s for s in subtags[1:] if len(s) == 2 and s.isalpha()), None)
    primary = casing.lower(subtags[0])
    for parts in ((primary, script, region), (primary, script), (primary, region), (primary,)):
        if None in parts:
            continue
        try:
            return Locale.parse("_".join(str(part) for part in parts))
        except (UnknownLocaleError, ValueError):
            continue
    return None


def _usual_script(locale: Locale) -> str | None:
    """The script ``locale``'s language is written in when no tag says (CLDR's likely
    subtags: ``zh`` is Hans, ``sr`` Cyrl)."""
    likely = str(get_global("likely_subtags").get(locale.language, ""))
    parts = likely.split("_")
    return parts[1] if len(parts) > 2 else None


def catalog_tags(language: str, locale: Locale | None) -> list[str]:
    """The catalogs that may speak for ``language``, most specific first: ``zh-TW`` reads
    ``zh-Hant-TW`` then ``zh-Hant``; ``pt-BR`` reads ``pt-BR`` then ``pt``. A tag naming a
    script its language is not usually written in (``ar-Latn``, ``zh-Hant``) reads only
    catalogs of that script: ``ar.yaml`` is in Arabic letters."""
    if locale is None:
        return [casing.lower(language.split("-")[0])]
    lang, script, region = locale.language, _script(language, locale), locale.territory
    tags = [f"{lang}-{script}-{region}"] if script and region else []
    tags += [f"{lang}-{script}"] if script else []
    if script and script != _usual_script(locale):
        return tags
    return [*tags, *([f"{lang}-{region}"] if region else []), lang]


def _script(language: str, locale: Locale) -> str | None:
    """The script ``language`` names (Babel leaves out one it has no data for: ``ar-Latn``
    is ``ar`` to it), else the one Babel's locale implies (``Hant`` for ``zh-TW``)."""
    named = [s for s in language.replace("_", "-").split("-")[1:] if len(s) == 4 and s.isalpha()]
    return named[0].title() if named else locale.script


def _dates_locale(language: str, locale: Locale | None) -> Locale | None:
    """The locale a site's dates are written in: its own, when CLDR has its month names in
    that script; else None, for English (``ar-Latn``, or ``zh-Latn`` whose months CLDR
    writes ``M07``)."""
    if locale is None:
        return None
    script = _script(language, locale)
    usual = script == _usual_script(locale)
    if script and not usual and not localedata.exists(f"{locale.language}_{script}"):
        return None
    months = locale.months.get("format", {}).get("wide", {})
    return None if str(months.get(7, "M07")) == "M07" else locale


Frozen = tuple[tuple[str, str | tuple[tuple[str, str], ...]], ...]
"""A site's own labels as a key: each label's text, or its forms, in their order."""


def for_language(language: str, overrides: Mapping[str, LabelText] | None = None) -> Labels:
    """The labels of a site written in ``language``: its catalog over English's, and the
    site's ``overrides`` over both. The same object for the same labels within a process:
    the feeds and the pages a render worker makes write the same dates, each written by
    Babel once for all of them rather than once for each (some tens of µs a date)."""
    frozen = tuple(
        (key, text if isinstance(text, str) else tuple(text.items()))
        for key, text in (overrides or {}).items()
    )
    return _labels(language, frozen)


@lru_cache(maxsize=64)
def _labels(language: str, frozen: Frozen) -> Labels:
    overrides = {key: text if isinstance(text, str) else dict(text) for key, text in frozen}
    locale = locale_of(language)
    dates = _dates_locale(language, locale)
    tags = catalog_tags(language, locale)
    texts: dict[str, LabelText] = dict(english())
    for tag in reversed(tags):
        texts.update(catalog(tag))
    if dates is not None:
        for key in PATTERNS:
            if not any(key in catalog(tag) for tag in _speaking_for(dates, tags)):
                texts.pop(key)  # CLDR's usual date for the language and region
    texts.update(overrides)
    return Labels(language, texts, locale, dates)


def _speaking_for(dates: Locale, tags: list[str]) -> list[str]:
    """The catalogs whose date patterns hold for ``dates``: those of its language, and of
    its region when it names one. ``en.yaml`` writes the day first, as most of the English-
    speaking world does, but an ``en-US`` site gets CLDR's ``March 5, 2024``."""
    named = [tag for tag in tags if tag.split("-")[0] == dates.language]
    region = dates.territory
    return [tag for tag in named if not region or region in tag.split("-")[1:]]


@dataclass(frozen=True)
class Labels:
    """What templates call as ``t``: ``t('key')``, ``t('key', count)``, ``t('key', name=x)``."""

    language: str
    texts: Mapping[str, LabelText]
    locale: Locale | None = field(compare=False)
    """For plural rules; None for a language CLDR does not know (English rules)."""
    dates: Locale | None = field(compare=False, default=None)
    """For dates (``_dates_locale``); None for English."""
    digest: str = field(init=False)
    """Of everything the labels write: pages are kept while it holds (``render.kept``)."""
    _dates: dict[dt.date, str] = field(default_factory=dict, compare=False)
    _months: dict[str, str] = field(default_factory=dict, compare=False)
    _forms: dict[int, str] = field(default_factory=dict, compare=False)
    _numbers: dict[int, str] = field(default_factory=dict, compare=False)
    _plain: dict[str, _Form] = field(default_factory=dict, compare=False)
    _html: dict[str, _Form] = field(default_factory=dict, compare=False)
    _constants: dict[str, str] = field(default_factory=dict, compare=False)
    _markups: dict[str, Markup] = field(default_factory=dict, compare=False)
    """Each label's text, as is and escaped, made ready to fill (``_Form``): a card fills a
    dozen labels, and a large site shows 100,000 cards."""
    _days: list[_DayPattern] = field(default_factory=list, compare=False)
    """How ``date`` writes a day, once it has written one (``_DayPattern``)."""

    def __post_init__(self) -> None:
        blob = repr((self.language, sorted(self.texts.items(), key=lambda kv: kv[0])))
        object.__setattr__(self, "digest", hashlib.sha256(blob.encode()).hexdigest())

    def __repr__(self) -> str:  # a page's key holds the site's labels: their digest says them
        return f"Labels({self.language!r}, {self.digest!r})"

    def __call__(self, key: str, count: int | None = None, **args: Any) -> Markup:
        """The label as HTML: its text escaped, each ``{name}`` filled with ``args[name]``
        (escaped unless it is markup already) and ``{n}`` with ``count``."""
        if not args and count is None:  # most labels of a page: its words alone
            words = self._markups.get(key)
            if words is None:
                words = self._markups[key] = as_markup(self.html(key, {}))
            return words
        shown = {name: str(escape(value)) for name, value in args.items()}
        if count is not None:
            shown.setdefault("n", self.number(count))
        return as_markup(self.html(key, shown, count))

    def text(self, key: str, count: int | None = None) -> str:
        """The label's plain text, the form for ``count`` when it is a count's label."""
        value = self.texts[key]
        if isinstance(value, str):
            return value
        form = self.plural(count if count is not None else 0)
        return value.get(form) or value.get("other") or next(iter(value.values()))

    def _words(self, key: str, count: int | None) -> str:
        """``text``, the label of one form read at once: filled labels are some 120,000 a
        build of 1,000 articles."""
        value = self.texts[key]
        return value if isinstance(value, str) else self.text(key, count)

    def plural(self, count: int) -> str:
        """CLDR's category for ``count`` in this language (``one``, ``few``, ``other``...)."""
        form = self._forms.get(count)
        if form is None:
            rules = self.locale
            form = str(rules.plural_form(count)) if rules else "one" if count == 1 else "other"
            if len(self._forms) < 10_000:
                self._forms[count] = form
        return form

    def number(self, count: int) -> str:
        """``count`` with its digits grouped as the language groups them (``12,345``,
        ``12.345``, ``12 345``, ``12,34,567``), in Latin digits. Grouped here rather than by
        Babel's ``format_decimal``, which drops a group symbol that is an apostrophe
        (``de-CH``), and so that the pages' scripts group alike (``digit_grouping``)."""
        written = self._numbers.get(count)
        if written is None:
            written = grouped(count, **self.digit_grouping())
            if len(self._numbers) < 10_000:
                self._numbers[count] = written
        return written

    def digit_grouping(self) -> dict[str, Any]:
        """How ``number`` groups digits: the symbol between groups, and the size of the
        last group and of each before it (CLDR's, from Babel), for the pages' scripts."""
        from babel.numbers import get_group_symbol  # see the imports above

        locale = self.locale or Locale("en")
        first, rest = locale.decimal_formats[None].grouping
        return {"symbol": get_group_symbol(locale), "first": first, "rest": rest}

    def filled(self, key: str, args: Mapping[str, str], count: int | None = None) -> str:
        """The label's text with each ``{name}`` of ``args`` filled in (``fill``), as is."""
        return self.form(key, count).fill(args)

    def form(self, key: str, count: int | None = None) -> _Form:
        """The label's text made ready to fill, as ``filled`` fills it: for a label filled on
        every card, looked up once (``card_markup.Citations``)."""
        text = self._words(key, count)
        form = self._plain.get(text)
        if form is None:
            form = self._plain[text] = _Form(text)
        return form

    def html(
        self, key: str, args: Mapping[str, str] | None = None, count: int | None = None
    ) -> str:
        """The label's text escaped, its punctuation past ASCII as references
        (``escape_label``), with each ``{name}`` filled in from ``args``, which are HTML
        already: what ``__call__`` gives, for the Python stand-ins of the macros."""
        if args is None and count is None:
            constant = self._constants.get(key)
            if constant is None:
                constant = self._constants[key] = self.html(key, {})
            return constant
        return self.html_form(key, count).fill(args or {})

    def html_form(self, key: str, count: int | None = None) -> _Form:
        """The label's text escaped as ``html`` escapes it, made ready to fill with HTML, as
        ``html`` fills it (``card_markup.CardLabels``)."""
        text = self._words(key, count)
        form = self._html.get(text)
        if form is None:
            form = self._html[text] = _Form(escape_label(text))
        return form

    def escaped_form(self, key: str, escaped: Callable[[str], str]) -> _Form:
        """The label's text ``escaped`` for a markup other than HTML, made ready to fill
        with values so escaped: the feeds' XML (``feeds.EntryWords``), made once a build."""
        return _Form(escaped(self._words(key, None)))

    def date(self, day: dt.date) -> str:
        """``day`` as a reader of the language writes it in running text."""
        written = self._dates.get(day)
        if written is None:
            if not self._days:
                locale = self.dates or Locale.parse(FALLBACK)
                self._days.append(_DayPattern.of(self.texts.get("date"), "long", locale))
            days = self._days[0]
            written = days.write(day) if days.pieces else self._written(day, "date", "long")
            self._dates[day] = written
        return written

    def month(self, month: str) -> str:
        """A ``YYYY-MM`` month as readers say it (``March 2024``, ``2024年3月``)."""
        written = self._months.get(month)
        if written is None:
            day = dt.date(int(month[:4]), int(month[5:7]), 1)
            written = self._months[month] = self._written(day, "month", None)
        return written

    def _written(self, day: dt.date, key: str, standard: str | None) -> str:
        from babel.dates import format_date, format_skeleton  # see the imports above

        locale = self.dates or Locale.parse(FALLBACK)
        pattern = self.texts.get(key)
        try:
            if isinstance(pattern, str):
                return format_date(day, pattern, locale=locale)
            if standard is not None:
                return format_date(day, standard, locale=locale)
            return format_skeleton("yMMMM", day, locale=locale)
        except (ValueError, OverflowError):  # a week-based year past 9999 (``Y``, ``w``)
            return day.isoformat() if standard else day.isoformat()[:7]

    def time_element(self, day: dt.date) -> Markup:
        """``<time>`` around ``day`` as written here (``time_tag`` in templates)."""
        return Markup(f'<time datetime="{day.isoformat()}">{escape(self.date(day))}</time>')

    def for_script(self, *keys: str) -> dict[str, LabelText]:
        """Labels the browser's scripts show, by key: counts keep all their forms (the
        script picks one with ``Intl.PluralRules``)."""
        return {key: self.texts[key] for key in keys}


_BY_YEAR, _BY_MONTH, _BY_DAY = 1, 2, 3
_PART_OF: dict[str, int] = {"G": _BY_YEAR, "y": _BY_YEAR, "u": _BY_YEAR, "d": _BY_DAY}
_PART_OF |= dict.fromkeys("MLQq", _BY_MONTH)
"""Fields of a date pattern that Babel writes from one part of a day alone (``DateTimeFormat``:
an era and a year from its year, a month and a quarter from its month, ``d`` from its day)."""
_STANDARD: dict[str, Literal["full", "long", "medium", "short"]] = {
    "full": "full",
    "long": "long",
    "medium": "medium",
    "short": "short",
}
"""The names ``format_date`` reads as the locale's own patterns rather than as patterns."""


class _DayPattern:
    """A date pattern whose fields each write one part of a day (``_PART_OF``), as Babel's
    ``format_date`` writes it: its words as they are, each field as ``DateTimeFormat`` writes
    it, once for each value of its part. Babel took some 11 µs a day (a ``DateTimeFormat``,
    then a look-up of the locale's month names and a format for each field), and a site's
    days are thousands, written again by each process that renders pages. ``pieces`` is
    empty for a pattern with another field (a weekday, a week) or one Babel refuses: Babel
    writes those days itself."""

    def __init__(self, pieces: list[tuple[str, int]], locale: Locale) -> None:
        self.pieces = pieces
        """Words (with part 0) and fields (``MMMM``, with the part of a day they write)."""
        self.locale = locale
        self.fields: dict[tuple[str, int], str] = {}
        """Each field as written for each value of its part."""

    @staticmethod
    def of(pattern: LabelText | None, standard: str, locale: Locale) -> _DayPattern:
        """How ``format_date`` writes a day in ``pattern``, else the locale's ``standard``."""
        from babel.dates import get_date_format, parse_pattern, tokenize_pattern  # see the top

        written = pattern if isinstance(pattern, str) else standard
        pieces: list[tuple[str, int]] = []
        try:
            if written in _STANDARD:
                written = get_date_format(_STANDARD[written], locale=locale).pattern
            parse_pattern(written)  # as format_date does: it refuses a field's wrong length
            for _kind, value in tokenize_pattern(written):  # words, or a field and its length
                if isinstance(value, str):
                    pieces.append((value, 0))
                    continue
                letter, length = value
                part = _PART_OF.get(letter, 0)
                if not part:
                    return _DayPattern([], locale)
                pieces.append((letter * length, part))
        except (ValueError, KeyError, TypeError):
            return _DayPattern([], locale)
        return _DayPattern(pieces, locale)

    def write(self, day: dt.date) -> str:
        """``day`` as ``format_date`` writes it in this pattern."""
        written: list[str] = []
        for text, part in self.pieces:
            if not part:
                written.append(text)
                continue
            value = day.year if part == _BY_YEAR else day.month if part == _BY_MONTH else day.day
            field = self.fields.get((text, value))
            if field is None:  # once a field and value: the import is a look-up then
                from babel.dates import DateTimeFormat  # see the imports above

                try:
                    field = str(DateTimeFormat(day, self.locale)[text])
                except (ValueError, OverflowError):  # as ``Labels._written``
                    return day.isoformat()
                self.fields[(text, value)] = field
            written.append(field)
        return "".join(written)


def grouped(count: int, symbol: str, first: int, rest: int) -> str:
    """``count``'s digits with ``symbol`` before its last ``first`` and then every ``rest``
    more (a pattern without grouping has sizes past any count's length)."""
    digits = str(count)
    if len(digits) <= first:
        return digits
    head, groups = digits[:-first], [digits[-first:]]
    while len(head) > rest:
        head, groups = head[:-rest], [head[-rest:], *groups]
    return symbol.join([head, *groups])


def strong(text: object) -> Markup:
    """``text`` in ``<strong>``: a count set off inside a label (``t('x', n, n=strong(n))``)."""
    return Markup(f"<strong>{escape(text)}</strong>")


def link_to(href: str, text: str, rel: str = "") -> Markup:
    """A link to put inside a label: ``t('x', link=link_to(url('y/'), t('y')))``."""
    more = f' rel="{escape(rel)}"' if rel else ""
    return Markup(f'<a href="{escape(href)}"{more}>{escape(text)}</a>')


_DATE_FIELDS = frozenset("GyYuQqMLwWdDFgEec")
"""Letters of a Unicode date pattern that write a part of a date (``d``, ``MMMM``, ``y``...)."""
_TIME_FIELDS = frozenset("aAbBhHKkmsSzZOvVXx")
_QUOTED = lazy_compile(r"'(?:[^']|'')*'|''")
"""Words in a date pattern (``'de'``) and a quote written twice: no fields there."""


def invalid_pattern(pattern: str) -> str | None:
    """Why a date pattern cannot write a date, or None when it can."""
    if pattern.replace("''", "").count("'") % 2:
        return "a quote (') opened for words is never closed"
    unquoted = _QUOTED.sub("", pattern)
    fields = [letter for letter in unquoted if letter.isascii() and letter.isalpha()]
    if any(letter in _TIME_FIELDS for letter in fields):
        return "it asks for a time of day or a time zone, which a date has not"
    if unknown := [letter for letter in fields if letter not in _DATE_FIELDS]:
        return f"'{unknown[0]}' is no field of a date pattern: put words in single quotes"
    if not fields:
        return "it writes no part of the date (d, M, y...)"
    from babel.dates import format_date  # see the imports above

    try:
        format_date(dt.date(2024, 3, 5), pattern, locale=Locale.parse(FALLBACK))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return str(exc) or type(exc).__name__
    return None


def first_count(language: str, form: str) -> int | None:
    """The smallest count from 1 that ``language`` writes in plural ``form`` (2 for
    Russian's ``few``, 5 for its ``many``), else 0 when it does; None when no count up to a
    thousand does."""
    locale = locale_of(language)
    if locale is None:
        return 1 if form == "one" else None
    counts = (*range(1, 1001), 0)
    return next((n for n in counts if locale.plural_form(n) == form), None)


def forms_of(language: str) -> tuple[str, ...]:
    """The plural categories ``language`` uses, in CLDR's order."""
    locale = locale_of(language)
    used = set(locale.plural_form.tags) if locale is not None else {"one"}
    return tuple(form for form in PLURAL_FORMS if form in used or form == "other")
