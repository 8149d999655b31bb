"""markdown-it's inline scanner, trying at each stop only the rules that can start there.

markdown-it calls the rules of its inline chain in order at each character that may start
markup (a ``*``, ``[``, backtick, ...) until one takes it: a ``*`` went through nine rules
that each looked at it and declined before ``emphasis`` took it, and a ``[`` through eleven,
a tenth of parsing a body's inline text. Here each rule is tried only at the characters it
can start at (``STARTS``), still in the chain's order, so the same rule takes the same text
and the tokens are the same (``tests/test_inline_scan.py`` compares them with markdown-it's
own loop on generated text and the fixture sites). Everything else is markdown-it's loop as
it is; ``skipToken`` (the look-ahead inside links) is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline import StateInline, text

Rule = Callable[[StateInline, bool], bool]

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
    "office_tag": "<",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
}
"""The characters at which each rule of the site's chain can take the text, by name: each
returns False, having changed nothing, at any other. A rule not named here is tried at every
character that stops ``text``, as markdown-it does: ``footnote_ref`` is left out on purpose,
since it notes the footnotes in the parse's ``env`` before it looks at the character."""


class Scanner:
    """The tokenizer of one ``ParserInline``, with its chain's rules sorted by the character
    they start at, sorted again whenever the chain changes."""

    def __init__(self, parser: ParserInline) -> None:
        self.parser = parser
        self.chain: list[Rule] = []
        self.at: dict[str, list[Rule]] = {}

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
        """``ParserInline.tokenize``, trying ``rules_at`` each stop."""
        chain = self.parser.ruler.getRules("")
        if chain is not self.chain:
            self.chain, self.at = chain, {}
        end = state.posMax
        deepest = state.md.options["maxNesting"]
        while state.pos < end:
            pos = state.pos
            if state.level < deepest and self._took(state, pos):
                if state.pos >= end:
                    break
                continue
            state.append_pending(state.src[pos])
            state.pos += 1
        if state.pending:
            state.pushPending()

    def _took(self, state: StateInline, pos: int) -> bool:
        """Whether a rule took the text at ``pos``, as markdown-it's loop checks it."""
        for rule in self.rules_at(state.src[pos]):
            if rule(state, False):
                if state.pos <= pos:
                    raise RuntimeError("inline rule didn't increment state.pos")
                return True
        return False


def enable(md: MarkdownIt) -> None:
    """Tokenize ``md``'s inline text with a ``Scanner``."""
    md.inline.tokenize = Scanner(md.inline).tokenize  # type: ignore[method-assign]
