"""markdown-it's inline scanner, trying at each stop only the rules that can start there.

markdown-it calls the rules of its inline chain in order at each character that may start
markup (a ``*``, ``[``, backtick, ...) until one takes it: a ``*`` went through nine rules
that each looked at it and declined before ``emphasis`` took it, and a ``[`` through eleven,
a tenth of parsing a body's inline text. Here each rule is tried only at the characters it
can start at (``STARTS``), still in the chain's order, so the same rule takes the same text
and the tokens are the same (``tests/test_inline_scan.py`` compares them with markdown-it's
own loop on generated text and the fixture sites). Everything else is markdown-it's loop as
it is. ``skipToken``, the look-ahead inside a link's label, tries the same rules (``skip``).

After the scan, markdown-it runs its second chain, whose first rules pair the delimiters the
scan noted (``*``, ``~~``, ``==``, ``^^``), each walking every token's notes to find them: each
runs only when the scan noted a delimiter of its markers (``PAIRING``). Most paragraphs
hold none (two in three of the benchmark's), and few hold ``~~``, ``==`` or ``^^``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Final

from markdown_it import MarkdownIt
from markdown_it.parser_inline import ParserInline
from markdown_it.ruler import Ruler
from markdown_it.rules_inline import StateInline, text
from markdown_it.utils import EnvType

from concordance import inline_push, token_states
from concordance.tokens import Token, new_token, our, ours, text_token, theirs

Rule = Callable[[StateInline, bool], bool]
PostRule = Callable[[StateInline], None]

STARTS: dict[str, str] = {
    "linkify": ":",
    "newline": "\n",
    "escape": "\\",
    "percent_comment": "%",
    "mdx_comment": "{",
    "backticks": "`",
    "strikethrough": "~",
    "highlight": "=",
    "emphasis": "*_",
    "wikilink": "[",
    "link": "[",
    "image": "!",
    "footnote_inline": "^",
    "sub": "~",
    "sup": "^",
    "inserted": "^",
    "office_tag": "<",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
}
"""The characters at which each rule of the site's chain can take the text, by name: each
returns False, having changed nothing, at any other. A rule not named here is tried at every
character that stops ``text``, as markdown-it does: ``footnote_ref`` is left out on purpose,
since it notes the footnotes in the parse's ``env`` before it looks at the character."""

PAIRING: Final[dict[str, str]] = {
    "balance_pairs": "",
    "strikethrough": "~",
    "highlight": "=",
    "inserted": "^",
    "emphasis": "*_",
}
"""The rules of the second chain that only pair the delimiters of ``StateInline.delimiters``
and of the tokens' notes (``tokens_meta``), by name, with the markers whose delimiters each
reads (none named: any): each changes nothing when the lists hold none of them."""


class Scanner:
    """The tokenizer of one ``ParserInline``, with its chain's rules sorted by the character
    they start at, sorted again whenever the chain or the characters that stop ``text``
    change."""

    def __init__(self, parser: ParserInline) -> None:
        self.parser = parser
        self.chain: list[Rule] = []
        self.pattern = parser.terminator_re
        self.at: dict[str, list[Rule]] = {}
        self.post_chain: list[PostRule] = []
        self.post_rules: dict[frozenset[int], list[PostRule]] = {}
        self.plain: bool | None = None
        self.compiled: object = _UNSEEN
        self.post_compiled: object = _UNSEEN
        self.installed: object = None
        """The bound ``parse`` that ``enable`` made the parser's."""

    def rules_at(self, char: str) -> list[Rule]:
        """The rules tried at ``char``, in the chain's order. markdown-it's ``text`` takes
        the text at any character but those its pattern stops at, where it declines: the
        rules after it are tried only there, those before it everywhere."""
        rules = self.at.get(char)
        if rules is None:
            stops = self.parser.terminator_re.match(char) is not None
            named = zip(self.parser.ruler.get_active_rules(), self.chain, strict=True)
            rules = []
            for name, rule in named:
                if rule is text and not stops:
                    rules.append(rule)
                    break
                if rule is not text and char in STARTS.get(name, char):
                    rules.append(rule)
            self.at[char] = rules
        return rules

    def tokenize(self, state: StateInline) -> None:
        """``ParserInline.tokenize``, trying ``rules_at`` each stop. Where markdown-it's
        ``text`` is the first rule tried, it takes the text up to the next character its
        pattern stops at, as the rule would, found by ``stops`` rather than by calling it."""
        self._current()
        self._scan(state, stops_of(state), state.md.options["maxNesting"])

    def _scan(self, state: StateInline, next_stop: Stops, deepest: int) -> None:
        """``tokenize``, its text's stops found by ``next_stop``, ``deepest`` its parser's
        ``maxNesting``. The position, level and pending pieces are read from ``state`` only
        after a rule ran, the one code that changes them, and the position written back
        before one runs: each read of a field of a state of Python's costs some 250
        instructions in C (a fifth of the scan)."""
        src, end = state.src, state.posMax
        kept = token_states.KEPT  # the pieces appended where ``append_pending`` puts them
        plain = text  # markdown-it's rule of plain text, read once, not at each character
        pos, level, limit = state.pos, state.level, end
        pieces = state._pending_buffer if kept else []
        while pos < end:
            if level >= deepest:
                state.append_pending(src[pos])
                pos += 1
                continue
            char = src[pos]
            rules = self.at.get(char) or self.rules_at(char)
            if rules and rules[0] is plain:
                stop = next_stop.after(pos)  # in all of ``src``: a rule may end the text sooner
                after = stop if 0 <= stop < limit else limit
                if kept:  # not a call of Python for each piece
                    pieces.append(src[pos:after])
                else:
                    state.append_pending(src[pos:after])
                pos = after
                continue
            state.pos = pos
            if not self._took(state, pos, rules):
                if kept:
                    state._pending_buffer.append(char)
                else:
                    state.append_pending(char)
                state.pos += 1
            pos, level, limit = state.pos, state.level, state.posMax
            if kept:
                pieces = state._pending_buffer
        state.pos = pos
        if kept and isinstance(state, PENDING_KEPT):
            inline_push.flushed(state)  # ``pushPending`` in C: most texts end with some
        elif state.pending:
            state.pushPending()

    def parse(self, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> list[Token]:
        """``ParserInline.parse``: the tokens of ``src`` added to ``tokens``, then the second
        chain run, with its ``PAIRING`` rules only where the scan noted their delimiters.
        Text with no character that stops ``text`` (two paragraphs and headings in five of
        the benchmark's) is one text token, which is what the scan and the second chain make
        of it where ``text`` is the chain's first rule and ``fragments_join`` the only rule
        of the second left when nothing was noted: made without a state, its scan and its
        second chain (``_takes_plain_text``)."""
        self._current()
        deepest: int = md.options["maxNesting"]
        return self._parse(src, md.inline.terminator_re, md, env, tokens, deepest)

    def parse_blocks(self, tokens: list[Token], md: MarkdownIt, env: EnvType) -> None:
        """markdown-it's core rule ``inline`` for ``md``, whose inline text this scanner
        parses (``scanner_of``): the inline text of each block of ``tokens`` parsed as
        ``parse`` parses it, the chains looked at once for the body rather than for each
        block (no rule changes them while a body is parsed), and each parse called in C. Its
        ``maxNesting`` is read once for the body too, not for each block (an item of an
        ``OptionsDict``, read through a method of Python)."""
        self._current()
        pattern = self.pattern  # the parser's, which ``_current`` has just read
        deepest: int = md.options["maxNesting"]
        for token in tokens:
            if token.type == "inline":
                children = token.children
                if children is None:
                    children = token.children = []
                self._parse(token.content, pattern, md, env, children, deepest)

    def _parse(
        self,
        src: str,
        pattern: re.Pattern[str],
        md: MarkdownIt,
        env: EnvType,
        tokens: list[Token],
        deepest: int,
    ) -> list[Token]:
        """``parse``, the chains looked at, ``pattern`` the characters that stop ``text``,
        ``deepest`` the parser's ``maxNesting``."""
        next_stop = stops(src, pattern)
        if next_stop.after(0) < 0 and self._takes_plain_text():
            if src:
                token = new_token("text", "", 0, 0, False)
                token.content = src
                tokens.append(token)
            return tokens
        state = token_states.InlineState(src, md, env, theirs(tokens))
        state.stops = (src, next_stop)
        self._scan(state, next_stop, deepest)
        for rule in self._post_rules(state):
            rule(state)
        return ours(state.tokens)

    def _current(self) -> None:
        """The rules sorted again if either chain or the characters that stop ``text``
        changed. Where markdown-it keeps its chains (``COMPILED``), neither changed while
        its rulers keep the chains they had at the last look: two calls of ``getRules``
        less at each paragraph (some 3,500 instructions)."""
        ruler, ruler2, pattern = self.parser.ruler, self.parser.ruler2, self.parser.terminator_re
        if (
            COMPILED
            and ruler.__cache__ is self.compiled
            and ruler2.__cache__ is self.post_compiled
            and pattern is self.pattern
        ):
            return
        chain = ruler.getRules("")
        if chain is not self.chain or pattern is not self.pattern:
            self.chain, self.pattern, self.at, self.plain = chain, pattern, {}, None
        post_chain = ruler2.getRules("")
        if post_chain is not self.post_chain:
            self.post_chain, self.post_rules, self.plain = post_chain, {}, None
        if COMPILED:
            self.compiled, self.post_compiled = ruler.__cache__, ruler2.__cache__

    def _takes_plain_text(self) -> bool:
        """Whether text with no character that stops ``text`` is taken by ``text`` whole,
        as the first rule of the chain, and the rules of the second chain run on it are
        those that change nothing in one text token (``KEEP_PLAIN_TEXT``)."""
        if self.plain is None:
            self._post_rules_of(NONE_NOTED)  # the second chain's, as it is now
            run = {
                name
                for name in self.parser.ruler2.get_active_rules()
                if _reads(PAIRING.get(name), NONE_NOTED)
            }
            self.plain = self.chain[:1] == [text] and run <= KEEP_PLAIN_TEXT
        return self.plain

    def _post_rules(self, state: StateInline) -> list[PostRule]:
        """The rules of the second chain that read the delimiters of the scan of ``state``
        (``PAIRING``), and every rule not named there."""
        return self._post_rules_of(_noted(state))

    def _post_rules_of(self, markers: frozenset[int]) -> list[PostRule]:
        """The rules of the second chain run after a scan that noted the delimiters of
        ``markers``."""
        chain = self.post_chain
        if not COMPILED or self.parser.ruler2.__cache__ is not self.post_compiled:
            chain = self.parser.ruler2.getRules("")
        if chain is not self.post_chain:
            self.post_chain, self.post_rules, self.plain = chain, {}, None
        rules = self.post_rules.get(markers)
        if rules is None:
            named = zip(self.parser.ruler2.get_active_rules(), chain, strict=True)
            rules = self.post_rules[markers] = [
                rule for name, rule in named if _reads(PAIRING.get(name), markers)
            ]
        return rules

    def skip(self, state: StateInline) -> None:
        """``ParserInline.skipToken``: ``state.pos`` moved past the token at it, as the first
        rule of the chain that takes it in ``silent`` mode ends it (or one character on),
        remembered for the position in ``state.cache``. Only ``rules_at`` are tried, and
        where ``text`` is the first, the text's next stop is found by ``stops`` rather than
        by calling it; a label's look-ahead (``parseLinkLabel``) tried each of the chain's
        rules at each character that stops ``text``."""
        pos = state.pos
        cache = state.cache
        if pos in cache:
            state.pos = cache[pos]
            return
        ok = False
        if state.level < state.md.options["maxNesting"]:
            self._current()
            src = state.src
            char = src[pos]
            rules = self.at.get(char) or self.rules_at(char)
            kept = state.stops if isinstance(state, token_states.InlineState) else None
            if rules and rules[0] is text and kept is not None and kept[0] is src:
                # ``text`` takes the text up to its next stop, or to the end of the range.
                stop = kept[1].after(pos)
                state.pos = stop if stop >= 0 else state.posMax
                ok = True
            else:
                for rule in rules:
                    state.level += 1
                    ok = rule(state, True)
                    state.level -= 1
                    if ok:
                        if state.pos <= pos:
                            raise RuntimeError("inline rule didn't increment state.pos")
                        break
        else:
            # Nested too deep: the rest of the text, as markdown-it's loop skips it.
            state.pos = state.posMax
        if not ok:
            state.pos += 1
        cache[pos] = state.pos

    def _took(self, state: StateInline, pos: int, rules: list[Rule]) -> bool:
        """Whether one of ``rules`` took the text at ``pos``, as markdown-it's loop checks
        it."""
        for rule in rules:
            if rule(state, False):
                if state.pos <= pos:
                    raise RuntimeError("inline rule didn't increment state.pos")
                return True
        return False


PENDING_KEPT: Final = token_states.InlineState
"""The states whose pending text the compiled pushes (``inline_push``) read where
markdown-it keeps it (where ``token_states.KEPT``): the class itself, as this module was
imported."""


def push(state: StateInline, kind: str, tag: str, nesting: token_states.Nesting) -> Token:
    """``state.push(kind, tag, nesting)`` run in C (``inline_push.push``) where the state
    keeps its pending text as markdown-it does, where it was a call of Python (some 3,800
    instructions): a link's two tags, a code span."""
    if not (token_states.KEPT and isinstance(state, PENDING_KEPT)):
        return our(state.push(kind, tag, nesting))
    return inline_push.push(state, kind, tag, nesting)


def push_texts(state: StateInline, content: str, count: int) -> int:
    """``count`` tokens of ``content`` pushed as ``state.push("text", "", 0).content =
    content`` pushes each (the pending text first, then each at the state's level), and the
    index of the first: a run of emphasis' markers (``**``), each a token of its own, pushed
    at once in C, where each ``push`` was a call of Python (some 3,800 instructions)."""
    if not (token_states.KEPT and isinstance(state, PENDING_KEPT)):
        for _ in range(count):
            state.push("text", "", 0).content = content
        return len(state.tokens) - count
    tokens = inline_push.flushed(state)
    level = state.level
    notes = state.tokens_meta
    first = len(tokens)
    for _ in range(count):
        tokens.append(text_token(content, level))
        notes.append(None)
    state.pendingLevel = level
    return first


COMPILED: Final = "__cache__" in Ruler.getRules.__code__.co_names
"""Whether this markdown-it's ``Ruler`` keeps the chains ``getRules`` gives in
``__cache__``, which each change of its rules empties (None) and the next call fills
again with new lists."""

_UNSEEN = object()
"""What no ruler keeps: the chains a ``Scanner`` has not looked at."""


def stops(src: str, pattern: re.Pattern[str]) -> Stops:
    """The first position from each at which ``pattern`` (``text``'s, of single characters)
    matches ``src``, or -1 (``Stops``)."""
    if src.isascii():
        # Read back as Latin-1 (a copy in C): ``str.find`` is a call of C, where ``bytes.find``
        # went through a call of Python's method and parsed its arguments from a tuple, some
        # 1,100 instructions at each stop (60 an article) to find the next by ``memchr``.
        marked = src.encode().translate(_table_of(pattern)).decode("latin-1")
        return Stops(src, pattern, marked)
    return Stops(src, pattern, None)


class Stops:
    """A function giving the first position from the one it is given at which ``pattern``
    (``text``'s, of single characters) matches ``src``, or -1 (``after``, a method called in
    C, where a ``functools.partial`` was made for each text and called through Python's
    calling convention). Text of ASCII (the most) is searched by ``str.find`` for the
    character ``STOP`` put at each such character (``marked``), some twice as fast as the
    regular expression, which tested each character against its set."""

    def __init__(self, src: str, pattern: re.Pattern[str], marked: str | None) -> None:
        self.src = src
        self.pattern = pattern
        self.marked = marked
        """``src`` with ``STOP`` (as a character, ``STOP_MARK``) at each stop, if it is
        ASCII; else None."""

    def after(self, pos: int) -> int:
        """The first stop from ``pos`` on, or -1."""
        marked = self.marked
        if marked is not None:
            return marked.find(STOP_MARK, pos)
        found = self.pattern.search(self.src, pos)
        return found.start() if found else -1

    def __call__(self, pos: int) -> int:
        return self.after(pos)


def stops_of(state: StateInline) -> Stops:
    """``stops`` of the text of ``state``: those its parse found (``InlineState.stops``)
    while it is the same text, rather than each link's scan of its label (``tokenize``)
    reading all the text again (some 14,000 instructions a link)."""
    if isinstance(state, token_states.InlineState) and state.stops:
        src, next_stop = state.stops
        if src is state.src:
            return next_stop
    return stops(state.src, state.md.inline.terminator_re)


STOP: Final = 0xFF
"""The byte ``stops`` puts at each ASCII character ``text``'s pattern matches, which no
ASCII character is."""
STOP_MARK: Final = "\xff"
"""``STOP`` as the character its byte is in Latin-1, what ``Stops.after`` looks for."""


def _table_of(pattern: re.Pattern[str]) -> bytes:
    """``_stop_table(pattern)``, the pattern told by identity: ``lru_cache`` hashed it for
    each text, some 700 instructions."""
    for known, table in _TABLES:
        if known is pattern:
            return table
    table = _stop_table(pattern)
    _TABLES.append((pattern, table))
    if len(_TABLES) > 8:
        del _TABLES[0]
    return table


_TABLES: Final[list[tuple[re.Pattern[str], bytes]]] = []
"""The tables of ``_stop_table`` made, with their patterns, the latest last."""


@lru_cache(maxsize=8)
def _stop_table(pattern: re.Pattern[str]) -> bytes:
    """The table of ``bytes.translate`` that makes each ASCII character ``pattern`` matches
    ``STOP`` and keeps every other."""
    return bytes(STOP if code < 128 and pattern.match(chr(code)) else code for code in range(256))


def _noted(state: StateInline) -> frozenset[int]:
    """The markers (character codes) of the delimiters the scan of ``state`` noted, outside
    links and inside them: most paragraphs note none, and most notes (a link's) hold none."""
    noted = {each.marker for each in state.delimiters} if state.delimiters else set()
    for meta in filter(None, state.tokens_meta):
        inner = meta.get("delimiters")
        if inner:
            noted.update([each.marker for each in inner])
    return frozenset(noted) if noted else NONE_NOTED


NONE_NOTED: Final[frozenset[int]] = frozenset()

KEEP_PLAIN_TEXT: Final = frozenset({"fragments_join"})
"""The rules of the second chain, by name, that change nothing in one text token at level 0:
``fragments_join`` sets its level, 0, and has no run to join."""


def _reads(markers: str | None, noted: frozenset[int]) -> bool:
    """Whether a rule of the second chain reading the delimiters of ``markers`` (None: not
    only delimiters, "": any) has work among the ``noted`` ones."""
    if markers is None:
        return True
    return bool(noted) and (not markers or not noted.isdisjoint(map(ord, markers)))


def enable(md: MarkdownIt) -> None:
    """Tokenize and parse ``md``'s inline text with a ``Scanner``."""
    scanner = Scanner(md.inline)
    md.inline.tokenize = scanner.tokenize  # type: ignore[method-assign]
    md.inline.parse = scanner.installed = scanner.parse  # type: ignore[method-assign,assignment]
    md.inline.skipToken = scanner.skip  # type: ignore[method-assign]
    md.inline.scanner = scanner  # type: ignore[attr-defined]


def scanner_of(md: MarkdownIt) -> Scanner | None:
    """The ``Scanner`` of ``md``'s inline parser (``enable``), while its ``parse`` is the
    parser's; else None."""
    parser = md.inline
    scanner = getattr(parser, "scanner", None)
    if not isinstance(scanner, Scanner) or scanner.parser is not parser:
        return None
    return scanner if parser.parse is scanner.installed else None
