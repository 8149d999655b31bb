"""``build.py suggest``: sentences that name a concept but no quote covers yet.

Each suggestion is a whole sentence of the body as a reader sees it (markup removed),
printed as a ready-to-paste YAML quote entry with the concept filled in. Every text is
run through the same verification as a quote (``render_body``) before it is printed,
so a suggestion never fails ``check`` when pasted in as is.
"""

from __future__ import annotations

import bisect
import itertools
import json
import os
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from concordance import body_text, inline_html, load, words
from concordance.config import BuildOptions, UsageError
from concordance.diagnostics import Diagnostic, Severity, Span, one_line
from concordance.inputs import content_files
from concordance.load import RawDocument, YNode, one_kind_of_line_end, read_document
from concordance.markdown import QuoteRequest, body_env, parser, read_children, render_body
from concordance.model import Article, Concept
from concordance.pipeline import check_content
from concordance.sentences import split_sentences
from concordance.textnorm import DASHES, fold, fold_name, name_form, unspaced
from concordance.tokens import Token, ours


@dataclass(frozen=True, slots=True)
class Suggestion:
    line: int
    """The file line the sentence starts on."""
    text: str
    concepts: tuple[str, ...]
    """Titles of the concepts the sentence names, in order of first mention."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an article's suggestions are pasted in its front matter, and how they are
    written so that, pasted there as printed, they pass ``check``."""

    where: str
    """The header's instruction: ``paste under 'quotes:' (line 5)``."""
    indent: int
    """Spaces before each entry: those of the article's own list, when it has one."""
    key: str = ""
    """A ``quotes:`` line printed before the entries, where the article has no list to paste
    into (none, or ``quotes: []`` to replace)."""
    kept: tuple[str, ...] = ()
    """The lines of the editor's own entry, printed first among those that replace
    ``quotes:``, where its value is one entry written without its ``-``."""
    flow: bool = False
    """Entries written in brackets (``{"text": …},``), for a list written so."""


@dataclass(frozen=True, slots=True)
class ArticleSuggestions:
    path: str
    sentences: tuple[Suggestion, ...]
    placement: Placement
    unlisted: int = 0
    """Suggestions left out: pasted with the others, the file would pass a limit of ``load``
    (its front matter's bytes or values, or the file's bytes)."""


@dataclass(frozen=True, slots=True)
class Suggested:
    articles: list[ArticleSuggestions]
    """The articles with suggestions."""
    skipped: list[Diagnostic]
    """Why each article that could not be read was skipped: its front matter's errors."""
    unread_concepts: list[Diagnostic] = field(default_factory=list)
    """Why each concept file that could not be read was left out, its names not looked for
    (they were not, without a word)."""


@dataclass(frozen=True, slots=True)
class _Sentence:
    line: int
    text: str


def paragraph_sentences(body: str, body_line: int, folder: str | None = None) -> list[_Sentence]:
    """Every sentence of the body's text blocks, with the file line it starts on. ``folder``:
    the body's file's, as ``check`` reads it (an image from elsewhere is shown as its text,
    which the sentence holds)."""
    tokens = ours(parser().parse(body, body_env(folder, indexed=False)))
    sentences = []
    for token in tokens:
        if token.type != "inline" or token.map is None:
            continue
        text = _visible_text(token.children or [])
        # The line breaks before each sentence, counted once (counting from the block's
        # start for each took time in the square of its length).
        breaks = [at for at, char in enumerate(text) if char in _LINE_ENDS]
        for offset, sentence in split_sentences(text):
            line = body_line + token.map[0] + bisect.bisect_left(breaks, offset)
            sentences.append(_Sentence(line, _one_line(sentence)))
    return sentences


def _one_line(sentence: str) -> str:
    """``sentence`` on one line, its white space one space, but for a line break of the
    source between two letters of Chinese or Japanese, which the page shows as none
    (``textnorm.unspaced``): ``统筹`` above ``推进`` reads ``统筹推进``, not ``统筹 推进``."""
    pieces = _LINE_BREAK.split(sentence.replace(_UNSHOWN_BREAK, ""))
    joined = pieces[0]
    for piece in pieces[1:]:
        together = joined[-1:] and piece[:1] and unspaced(joined[-1]) and unspaced(piece[0])
        joined += piece if together else " " + piece
    return " ".join(joined.split())


def _visible_text(children: list[Token]) -> str:
    """What quote verification sees of an inline block (``markdown.read_children``: an
    exponent as 10⁶, no note's mark, no ruby's reading), line breaks as new lines. A note's
    mark between two letters of a script written without spaces is ``_NOTE_MARK``, no space:
    as one, it ended a Thai sentence at the mark (``ซอร์ป<sup>4</sup>ดีมาก``) and put a space
    into a Chinese one (``佐普 。``) that its card shows without."""
    opens = {id(children[c]) for c, side in body_text.raising(children).marks.items() if side > 0}
    text = "".join(
        _NOTE_MARK if id(child) in opens else _shown(child, read)
        for child, read in read_children(children)
    )
    return _MARK_APART.sub(" ", text) if _NOTE_MARK in text else text


def _shown(child: Token, text: str) -> str:
    if child.type not in ("softbreak", "hardbreak"):
        return text
    if child.meta.get(inline_html.UNSHOWN):
        return _UNSHOWN_BREAK
    # A <br> ends no line of the source: counted as one, it moved each sentence after it on.
    return "\n" if inline_html.ends_a_line(child) else " "


_UNSHOWN_BREAK = "\x00"
"""A line break inside a tag left out (``inline_html.UNSHOWN``): it counts a line, and is
left out of the sentence, as the page shows no space there. No body holds this character:
the parser reads it as U+FFFD."""
_LINE_ENDS = frozenset(["\n", _UNSHOWN_BREAK])
_NOTE_MARK = "\x01"
"""Where a note's mark stands between two letters of a script written without spaces: no
white space, which ends a Thai sentence, and read as a line break of the source is (none
between two letters of Chinese or Japanese, else a space, as verification reads it)."""


_LINE_BREAK = re.compile(r"[ \t]*(?:\n|\x01)\s*")
"""A line break of the source, or a note's mark, with the white space around it."""
_WRITTEN_TOGETHER = (
    "\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u2e80-\ua4cf\uac00-\ud7ff\uf900-\ufaff"
    "\uff00-\uffef\U00020000-\U0003ffff"
)
"""Scripts written without spaces between words, or with particles written onto them:
Thai, Lao, Tibetan, Burmese, Khmer, Chinese, Japanese and Korean. A name of them is found
at any letter; beside one of them, a word of another script ends (日本はAI技術を)."""
_MARK_APART = re.compile(
    rf"(?<![{_WRITTEN_TOGETHER}]){_NOTE_MARK}|{_NOTE_MARK}(?![{_WRITTEN_TOGETHER}])"
)
"""A note's mark not between two letters of those scripts: a space, as verification reads it
(``forces<sup>1</sup>grew`` is two words, a mark after ``is.`` ends its sentence)."""
_LETTER = rf"[^\W{_WRITTEN_TOGETHER}]"
"""A letter, digit or ``_`` of a script that separates words by spaces."""


@lru_cache(maxsize=1)
def _word() -> str:
    """A letter, digit or ``_`` of a script that separates words by spaces, or a combining
    mark of one, which is part of the letter before it: a Hindi name followed by a vowel sign
    (``ज़ोर्प`` of ``ज़ोर्पों``), or a Tamil one ending in one (``நீதி`` of ``நீதிமன்றம்``), was
    found inside a longer word."""
    return rf"(?:{_LETTER}|{words.char_class(_spaced_mark)})"


def _spaced_mark(char: str) -> bool:
    """A combining mark of a script that separates words by spaces."""
    return unicodedata.category(char)[0] == "M" and _TOGETHER.fullmatch(char) is None


_TOGETHER = re.compile(f"[{_WRITTEN_TOGETHER}]")
_TIBETAN = re.compile("[\u0f40-\u0fbc]")
"""Tibetan's letters, subjoined letters and vowel signs: its words are written together, but
a tsheg (``་``) ends each syllable, and a name starts and ends at one, not inside a syllable
(``ཟོར་པ`` is not in ``གཟོར་པ``), as a quote does."""


def _is_spaced_script(ch: str) -> bool:
    """Letters of scripts that separate words by spaces (a word boundary is meaningful)."""
    return re.fullmatch(_word(), ch) is not None


_SEPARATOR = rf"[\s{re.escape(DASHES)}]"
_SEPARATORS = _SEPARATOR + "+"
"""What may stand between a name's words: white space, or any dash, Hebrew's maqaf and
Armenian's hyphen among them (``מדיניות־גלורפ`` names ``מדיניות גלורפ``), as a quote reads
them."""


def _name_pattern(name: str) -> tuple[str, str] | None:
    """A concept name as it may be written in prose: any case, spaces or dashes between
    words, an optional plural ending, and whole words where the script has words. Given as
    its first character and a pattern of what follows it (``concept_matcher``); None for a
    name with no words."""
    folded = fold_name(name)
    words = [w for w in re.split(_SEPARATORS, folded) if w]
    if not words:
        return None
    rest = re.escape(words[0][1:])
    for before, word in itertools.pairwise(words):
        rest += _between(before[-1], word[0]) + re.escape(word)
    if _TIBETAN.fullmatch(folded[-1]):
        return words[0][0], rest + rf"(?!{_TIBETAN.pattern})"
    if not _is_spaced_script(folded[-1]):
        return words[0][0], rest
    if rest.endswith("y") and len(words[-1]) > 2:
        return words[0][0], rest[:-1] + rf"(?:y|ies)(?!{_word()})"  # policy, policies
    return words[0][0], rest + rf"(?:e?s)?(?!{_word()})"


def _between(last: str, first: str) -> str:
    """The pattern of what stands between two words of a name: spaces or dashes, or nothing
    beside a word of a script written without spaces, or one whose compounds may be written
    without (``글로프정책`` names ``글로프 정책``, ``นโยบายกลอร์ป`` names ``นโยบาย กลอร์ป``,
    ``AI技术`` names ``AI 技术``)."""
    if _is_spaced_script(last) and _is_spaced_script(first):
        return _SEPARATORS
    return _SEPARATOR + "*"


@dataclass(frozen=True, slots=True)
class ConceptMatcher:
    pattern: re.Pattern[str]
    """Where any name occurs."""
    names: dict[str, list[tuple[re.Pattern[str], str]]]
    """By first character, each name's own pattern and its concept's title, in the order
    the names are tried."""

    def concepts_in(self, sentence: str) -> tuple[str, ...]:
        text = name_form(sentence)  # as the names were folded (``fold_name``)
        found = (self._named(text, m.start()) for m in self.pattern.finditer(text))
        return tuple(dict.fromkeys(found))

    def _named(self, text: str, at: int) -> str:
        """The concept of the name that ``pattern`` found at ``at``: the first of its
        character's names to occur there, which is the one its alternation took."""
        return next(title for own, title in self.names[text[at]] if own.match(text, at))


def concept_matcher(concepts: Iterable[Concept]) -> ConceptMatcher | None:
    """One regular expression for every name; the longest name wins where names overlap.

    Names are grouped by their first character, then its lookbehind where the script has
    words, and hold no groups: the regular expression engine then passes over each group,
    and each name of a group, whose next character is not the text's. With each name in a
    group of its own, which says which matched, it tried every name at every letter, and
    5,000 articles of 500 concepts took over ten minutes, now 16 s; which name matched is
    told in Python, where one did.
    """
    titles: dict[str, str] = {}
    for concept in concepts:
        for name in (concept.title, *concept.aliases):
            if fold_name(name):
                titles.setdefault(name, concept.title)
    groups: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(titles, key=lambda n: (-len(fold_name(n)), n)):
        if (split := _name_pattern(name)) is not None:
            groups.setdefault(split[0], []).append((split[1], titles[name]))
    if not groups:
        return None
    heads = {first: _head(first) for first in groups}
    pattern = "|".join(
        f"{heads[first]}(?:{'|'.join(rest for rest, _ in names)})"
        for first, names in groups.items()
    )
    own = {
        first: [(re.compile(heads[first] + rest), title) for rest, title in names]
        for first, names in groups.items()
    }
    return ConceptMatcher(re.compile(pattern), own)


def _head(first: str) -> str:
    """The pattern of a name's first character: after no letter or digit where the script
    has words (checked after it, so that the character is what the engine meets first), or
    after the prefixes Arabic and Hebrew write onto a word (``_PROCLITICS``)."""
    if _TIBETAN.fullmatch(first):
        return re.escape(first) + rf"(?<!{_TIBETAN.pattern}(?s:.))"
    if not _is_spaced_script(first):
        return re.escape(first)
    if first not in _PROCLITIC_SCRIPTS:
        return re.escape(first) + rf"(?<!{_word()}(?s:.))"
    # Their vowel points are folded away (``name_form``): a letter alone is checked for,
    # which takes half the time of a letter or a mark.
    after = [rf"(?<!{_LETTER}(?s:.))"]
    by_length: dict[int, list[str]] = {}
    for prefix in _PROCLITICS[_PROCLITIC_SCRIPTS[first]]:
        by_length.setdefault(len(prefix), []).append(re.escape(prefix))
    after += [
        rf"(?<=(?<!{_LETTER})(?:{'|'.join(prefixes)})(?s:.))" for prefixes in by_length.values()
    ]
    return re.escape(first) + f"(?:{'|'.join(after)})"


def _prefixes(*parts: Sequence[str]) -> frozenset[str]:
    """Every prefix made of one of each part's (or none), in their order."""
    made = {""}
    for part in parts:
        made |= {before + after for before in made for after in part}
    return frozenset(made - {""})


_PROCLITICS = {
    # and, so; with, like, for; the (ل and ال written لل)
    "arabic": frozenset(p.replace("لال", "لل") for p in _prefixes("وف", "بكل", ["ال"])),
    # and; that, from; in, like, to, the
    "hebrew": _prefixes("ו", "שמ", "בכלה"),
}
"""The words Arabic and Hebrew write onto the next one (``والزورب``, ``וְהַזורפ``): a name
after them is a mention, as a quote may start after them."""
_PROCLITIC_SCRIPTS = {
    **{chr(c): "arabic" for c in range(0x0620, 0x064B)},
    **{chr(c): "arabic" for c in range(0x066E, 0x06D4)},
    **{chr(c): "hebrew" for c in range(0x05D0, 0x05EB)},
}
"""The first letters of names those prefixes may come before, by script."""


def _uncovered(sentences: list[_Sentence], quotes: Iterable[str]) -> list[_Sentence]:
    """Sentences no quote overlaps, compared in folded text."""
    folded = [fold(s.text) for s in sentences]
    doc = " ".join(folded)
    starts = []
    at = 0
    for text in folded:
        starts.append(at)
        at += len(text) + 1
    covered = _covered(doc, quotes)
    return [
        s
        for s, start, text in zip(sentences, starts, folded, strict=True)
        if not _overlaps(covered, start, start + len(text))
    ]


def _covered(doc: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    """The stretches of ``doc`` the quotes cover, apart and in order (a quote a body holds
    thousands of times made one stretch each, and each sentence was held against all)."""
    spans = []
    for quote in quotes:
        needle = fold(quote)
        pos = doc.find(needle) if needle else -1
        while pos >= 0:
            spans.append((pos, pos + len(needle)))
            pos = doc.find(needle, pos + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _overlaps(covered: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a stretch of ``covered`` overlaps ``start``-``end``: the last to start at or
    before ``start``, or the first after it."""
    at = bisect.bisect_right(covered, start, key=lambda stretch: stretch[0])
    near = covered[max(at - 1, 0) : at + 1]
    return any(a < end and start < b for a, b in near)


def quotes_item(meta: YNode | None) -> YNode | None:
    """The front matter's ``quotes`` value, as written (None when it has no ``quotes:``)."""
    if meta is None or not isinstance(meta.value, dict):
        return None
    return meta.value.get("quotes")


def _written_quotes(raw: RawDocument, article: Article | None) -> list[str]:
    """The texts of the article's quotes as the body writes them. An article with an error
    elsewhere (its date, say) has none validated, nor has one whose single entry was written
    without its ``-``, or whose quote is the text of ``quotes:`` itself: their quotes are read
    from the front matter as written, else they were suggested again."""
    item = quotes_item(raw.meta)
    written_so = item is not None and (isinstance(item.value, dict) or _scalar_quote(item))
    if article is not None and not written_so:
        return [q.text for q in article.quotes]
    entries = [] if item is None else _entries(item)
    texts = [
        text.value
        for entry in entries
        if isinstance(entry.value, dict)
        and (text := entry.value.get("text")) is not None
        and isinstance(text.value, str)
    ] + ([scalar] if (scalar := _scalar_quote(item)) else [])
    requests = [QuoteRequest(f"q{i}", text) for i, text in enumerate(texts)]
    shown = render_body(raw.body, requests, _folder(raw), indexed=False).shown if requests else {}
    return [shown.get(request.id, request.text) for request in requests]


def _entries(item: YNode) -> list[YNode]:
    """The entries of ``quotes:`` as written: its list's, or the one entry written without
    its ``-`` (a mapping), which the suggestions that replace it keep (``Placement.kept``)."""
    if isinstance(item.value, list):
        return item.value
    return [item] if isinstance(item.value, dict) else []


def placement(
    raw: RawDocument, lines: Sequence[str], matcher: ConceptMatcher | None = None
) -> Placement:
    """Where the suggestions go in the article's front matter (``lines``: its file's); a
    quote kept there is given the concepts ``matcher`` finds in it."""
    item = quotes_item(raw.meta)
    if item is None:
        closing = raw.body_line - 1
        return Placement(
            f"paste above line {closing}, the front matter's closing '---'", 2, "quotes:"
        )
    at = item.key_span or item.span
    under = f"paste under 'quotes:' (line {at.line})"
    indent = at.col - 1 + 2
    if item.tag == "null" and not item.value:  # 'quotes:' and nothing, as 'new' writes it
        return Placement(under, indent)
    if item.tag != "seq" or not item.value:
        value = "[]" if item.tag == "seq" else item.value if item.tag == "null" else "..."
        last = _value_end(lines, at, raw.body_line - 1)
        span = f"line {at.line}" if last == at.line else f"lines {at.line}-{last}"
        where = f"replace 'quotes: {value}' ({span}) with these lines"
        kept = (
            _as_entry(lines, item, last, indent)
            if item.tag == "map"
            else _as_text(item, indent, matcher)
        )
        return Placement(where, indent, " " * (at.col - 1) + "quotes:", kept=kept)
    if _FLOW_START.match(_line(lines, item.span.line), item.span.col - 1):
        where = f"paste right after the '[' of 'quotes:' (line {item.span.line})"
        return Placement(where, indent, flow=True)
    return Placement(under, item.span.col - 1)  # the column of its entries' '-'


_FLOW_START = re.compile(r"(?:[&!]\S*\s+)*\[")
"""A list in brackets, after the anchor or tag it may carry (``&q [``, ``!!seq [``)."""


def _as_entry(lines: Sequence[str], item: YNode, last: int, indent: int) -> tuple[str, ...]:
    """The lines of a mapping written where the list of quotes belongs (one entry without its
    ``-``, up to line ``last``), as the list's entry at ``indent``: replacing them, the
    suggestions must not lose the editor's quote, its concepts and note."""
    start = item.span
    written = [_line(lines, start.line)[start.col - 1 :]]
    written += [_line(lines, number) for number in range(start.line + 1, last + 1)]
    # Where the mapping's keys start: the first line's column, or (when the mapping starts on
    # the line of 'quotes:', as a '{...}') nothing more to take away.
    margin = start.col - 1 if start.line > (item.key_span or start).line else 0
    entry = [" " * indent + "- " + written[0]]
    for text in written[1:]:
        cut = text[margin:] if text[:margin].strip() == "" else text.lstrip(" ")
        # A blank line keeps its indentation: an empty one would end the article's part of
        # the output, which is how its parts are told apart.
        entry.append(" " * (indent + 2) + (cut if text.strip() else ""))
    return tuple(entry)


def _as_text(item: YNode, indent: int, matcher: ConceptMatcher | None) -> tuple[str, ...]:
    """The text written as the value of ``quotes:`` (``quotes: the glorp plan holds``, or a
    ``>`` block), as the text of the list's entry at ``indent``, with the concepts it names
    as a suggestion's: replacing it, the suggestions must not lose the editor's quote."""
    text = _scalar_quote(item)
    if not text:
        return ()
    pad = " " * indent
    entry = [f"{pad}- text: {json.dumps(text, ensure_ascii=False)}"]
    concepts = matcher.concepts_in(text) if matcher is not None else ()
    if concepts:
        named = ", ".join(json.dumps(c, ensure_ascii=False) for c in concepts)
        entry.append(f"{pad}  concepts: [{named}]")
    return tuple(entry)


def _scalar_quote(item: YNode | None) -> str:
    """The text of a quote written as the value of ``quotes:`` itself, or nothing."""
    if item is None or item.tag != "str" or not isinstance(item.value, str):
        return ""
    return item.value.strip()


def _line(lines: Sequence[str], number: int) -> str:
    return lines[number - 1] if number <= len(lines) else ""


def _value_end(lines: Sequence[str], key: Span, closing: int) -> int:
    """The last line of the value of the key at ``key``: the lines after it indented more
    (``quotes:`` then ``  []``, or a mapping written where a list belongs), up to the front
    matter's ``closing`` line (1-based, excluded); blank lines between them included."""
    last = key.line
    for number in range(key.line + 1, min(closing, len(lines) + 1)):
        text = lines[number - 1]
        if not text.strip():
            continue
        if len(text) - len(text.lstrip(" ")) < key.col:
            break
        last = number
    return last


def article_suggestions(
    raw: RawDocument, article: Article | None, matcher: ConceptMatcher, where: Placement
) -> ArticleSuggestions:
    quotes = _written_quotes(raw, article)
    candidates: dict[str, Suggestion] = {}  # one of each text: its first place
    folder = _folder(raw)
    for sentence in _uncovered(paragraph_sentences(raw.body, raw.body_line, folder), quotes):
        if sentence.text in candidates:
            continue
        concepts = matcher.concepts_in(sentence.text)
        if concepts:
            candidates[sentence.text] = Suggestion(sentence.line, sentence.text, concepts)
    if not candidates:
        return ArticleSuggestions(raw.path, (), where)
    # The guarantee: only what verification finds, exactly as it will be pasted.
    requests = [QuoteRequest(f"s{i}", text) for i, text in enumerate(candidates)]
    found = render_body(raw.body, requests, folder, in_order=True, indexed=False).found
    verified = (s for i, s in enumerate(candidates.values()) if f"s{i}" in found)
    return ArticleSuggestions(raw.path, tuple(verified), where)


def _folder(raw: RawDocument) -> str:
    """The folder of the article's file, as ``check`` reads its body (``validate``)."""
    return posixpath.dirname(raw.path)


def suggest(content: Path, paths: Sequence[Path] = ()) -> Suggested:
    """Suggestions for the given article files (every article when none is given), and why
    each that could not be read was skipped."""
    checked = check_content(BuildOptions(content=content, write=False))
    matcher = concept_matcher(checked.index.concepts.values())
    files = _article_files(content, paths)
    by_path = {a.path: a for a in checked.index.articles.values()}
    found = Suggested([], [], _unread_concepts(content))
    for file in files:
        raw, diagnostics = read_document(content, file)
        if raw.meta is None:
            found.skipped.extend(d for d in diagnostics if d.severity == Severity.ERROR)
            continue
        if matcher is None:
            continue
        # Lines as ``load`` counts them: ``splitlines`` also ends one at U+2028, NEL and
        # the like, which would put every line number of the front matter after one off.
        data = file.read_bytes()
        lines = one_kind_of_line_end(data.decode("utf-8-sig", errors="replace")).split("\n")
        where = placement(raw, lines, matcher)
        article = article_suggestions(raw, by_path.get(raw.path), matcher, where)
        if article.sentences:
            found.articles.append(_within_limits(article, raw, lines, len(data)))
    return found


def _unread_concepts(content: Path) -> list[Diagnostic]:
    """The errors of each concept file whose front matter cannot be read."""
    unread: list[Diagnostic] = []
    for file in content_files(content, "concepts"):
        raw, diagnostics = read_document(content, Path(file))
        if raw.meta is None:
            unread.extend(d for d in diagnostics if d.severity == Severity.ERROR)
    return unread


def _within_limits(
    article: ArticleSuggestions, raw: RawDocument, lines: Sequence[str], size: int
) -> ArticleSuggestions:
    """The article's first suggestions that, pasted, keep its front matter and file (of
    ``size`` bytes) within what ``load`` reads (``MAX_FRONT_MATTER_BYTES``, ``MAX_YAML_NODES``,
    ``MAX_FILE_BYTES``): those of a long transcript, pasted all at once, made a front matter
    over its limit, which check refused whole. The rest are counted, to be suggested once
    some are quoted. Lines are counted as ended by CRLF in the file: an editor may save the
    pasted lines so."""
    where = article.placement
    # What is pasted besides the entries: 'quotes:', an entry kept, the note of those left out.
    added = [where.key, *where.kept, _unlisted(10**9, where)]
    front = len("\n".join(lines[1 : raw.body_line - 2]).encode("utf-8")) + _bytes(added)
    size += _bytes(added) + len(added)
    values = _values(raw.meta) + len(where.kept) + 1
    listed = []
    for suggestion in article.sentences:
        entry = _entry(suggestion, where)
        values += 3 + len(suggestion.concepts)  # the entry, its text, its list and names
        front += _bytes(entry)
        size += _bytes(entry) + len(entry)
        if (
            front > load.MAX_FRONT_MATTER_BYTES
            or values > load.MAX_YAML_NODES
            or size > load.MAX_FILE_BYTES
        ):
            break
        listed.append(suggestion)
    return replace(article, sentences=tuple(listed), unlisted=len(article.sentences) - len(listed))


def _bytes(lines: Sequence[str]) -> int:
    """The UTF-8 bytes of ``lines``, each ended by a line feed."""
    return sum(len(line.encode("utf-8")) + 1 for line in lines)


def _values(node: YNode | None) -> int:
    """How many values ``load`` counts in ``node`` (its ``MAX_YAML_NODES``)."""
    if node is None:
        return 0
    if isinstance(node.value, dict):
        return 1 + sum(_values(value) for value in node.value.values())
    if isinstance(node.value, list):
        return 1 + sum(_values(value) for value in node.value)
    return 1


def _article_files(content: Path, paths: Sequence[Path]) -> list[Path]:
    """The articles named, or every article the build reads (``inputs.content_files``: those
    in folders linked into ``articles/`` too, drafts not)."""
    root = content / "articles"
    if not paths:
        return [Path(file) for file in content_files(content, "articles")]
    files = []
    for path in paths:
        if path.is_dir():
            raise UsageError(
                f"{path} is a folder: name its articles' .md files, or no PATH for every article"
            )
        if not path.is_file():
            raise UsageError(f"no such article: {path}{_meant_article(content, path)}")
        relative = _under(content, path)
        if relative is None:
            raise UsageError(f"{path} is not under the content directory {content}")
        if relative.parts[0] != "articles":
            raise UsageError(f"{path} is not an article (not under {root})")
        if relative.suffix != ".md":  # read as one, it was 'no front matter'
            raise UsageError(f"{path} is not an article (articles are .md files)")
        files.append(content / relative)
    return list(dict.fromkeys(files))  # a path given twice: its suggestions once


def _meant_article(content: Path, path: Path) -> str:
    """The article a PATH that is no file likely meant: one of the same name, as a PATH
    written from the content or the articles folder (``2024-03-05-glorp.md``) names it.
    Shown as a hint; the path as given was refused without one."""
    same_name = [f for f in content_files(content, "articles") if Path(f).name == path.name]
    return f" (did you mean {Path(same_name[0]).as_posix()}?)" if same_name else ""


def _under(content: Path, path: Path) -> Path | None:
    """``path`` from the content folder: as written first, so that an article in a folder
    linked into ``articles/`` is under it, as the build reads it; else as the links lead
    (a content folder named through a link)."""
    for written, folder in (
        (os.path.abspath(path), os.path.abspath(content)),
        (path.resolve(), content.resolve()),
    ):
        try:
            return Path(written).relative_to(folder)
        except ValueError:
            continue
    return None


def format_suggestions(results: Sequence[ArticleSuggestions]) -> str:
    """YAML entries to paste into each article's ``quotes:`` list, with a header that says
    where; JSON strings are YAML scalars."""
    lines = []
    for result in results:
        where = result.placement
        # The path as diagnostics write it: a line break in a file's name printed the rest
        # of the header as a line of YAML to paste, a U+202E turned the header around.
        lines.append(f"# {one_line(result.path)}: {where.where}")
        if where.key:
            lines.append(where.key)
        lines.extend(where.kept)
        lines.extend(line for s in result.sentences for line in _entry(s, where))
        if result.unlisted:
            lines.append(_unlisted(result.unlisted, where))
        lines.append("")
    return "\n".join(lines)


def _quoted(text: str) -> str:
    """``text`` as a YAML string in double quotes, that reads back as ``text``: its line breaks
    and other control characters (bidirectional ones too) written as escapes (``\\u202e``), as
    a diagnostic writes them (``one_line``). A right-to-left override in a sentence turned the
    rest of its line around in the terminal, the line's number with it."""
    return one_line(json.dumps(text, ensure_ascii=False))


def _unlisted(count: int, where: Placement) -> str:
    """The comment that ends an article's entries when ``count`` were left out."""
    return (
        f"{' ' * where.indent}# {count:,} more not listed: with them the front matter would"
        " pass its limit; quote what matters of these, then run suggest again"
    )


def _entry(suggestion: Suggestion, where: Placement) -> list[str]:
    pad = " " * where.indent
    text = _quoted(suggestion.text)
    concepts = ", ".join(_quoted(c) for c in suggestion.concepts)
    if where.flow:
        # The comment on a line of its own: pasted without its last line break, an entry
        # ending in one would hide what follows it on the line.
        return [
            f"{pad}# line {suggestion.line}",
            f'{pad}{{"text": {text}, "concepts": [{concepts}]}},',
        ]
    return [f"{pad}- text: {text}  # line {suggestion.line}", f"{pad}  concepts: [{concepts}]"]
