"""markdown-it's parse states, whose ``push`` makes each token without the dataclass's
constructor, and without a call.

A body's parse makes some 140 tokens, each through ``Token``'s generated ``__init__``, which
works out each default, makes ``attrs`` a dict and then its ``__post_init__`` makes it a
dict again: twice the time of setting the thirteen fields (``new_token``), some 4% of a
body's parse and render. The states' ``push`` and ``pushPending`` set them themselves, as
``new_token`` does: a call of it from Python, some 525 instructions, was a fifth of making a
token (parsing the bodies of the N=300 corpus 3% fewer instructions). The states' ``push``
and ``pushPending`` are markdown-it's own but for that, so the tokens are equal field by
field (``tests/test_token_states.py``, and the property tests of ``inline_scan`` and
``block_scan``, which compare markdown-it's own).
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Literal

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType

from concordance.block_lines import line_marks

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from concordance.inline_scan import Stops

Nesting = Literal[-1, 0, 1]

FIELDS = (
    "type",
    "tag",
    "nesting",
    "attrs",
    "map",
    "level",
    "children",
    "content",
    "markup",
    "info",
    "meta",
    "block",
    "hidden",
)
"""The fields of markdown-it's ``Token`` that ``new_token`` sets, in their order."""


def new_token(ttype: str, tag: str, nesting: Nesting, level: int, block: bool) -> Token:
    """``Token(ttype, tag, nesting)`` with ``level`` and ``block`` set. One field a statement:
    assigned from a tuple, each line packed and unpacked it again (a quarter of the time)."""
    token: Token = _new(Token)
    token.type = ttype
    token.tag = tag
    token.nesting = nesting
    token.attrs = {}
    token.map = None
    token.level = level
    token.children = None
    token.content = ""
    token.markup = ""
    token.info = ""
    token.meta = {}
    token.block = block
    token.hidden = False
    return token


_new = object.__new__
"""``object.__new__``, looked up once rather than on ``object`` for each token."""


def _made(ttype: str, tag: str, nesting: Nesting, level: int, block: bool) -> Token:
    """``new_token`` by the constructor, for a ``Token`` with other fields."""
    token = Token(ttype, tag, nesting)
    token.level, token.block = level, block
    return token


if tuple(field.name for field in fields(Token)) != FIELDS:
    # Another markdown-it's tokens, with fields of its own: made as it makes them.
    new_token = _made


class InlineState(StateInline):
    """markdown-it's ``StateInline``, its tokens made by ``new_token``, its pending text read
    and cleared where markdown-it keeps it (``PENDING``): through its property, a function
    in Python, twice for each piece of text and once for each other token (some 2.8% of a
    body's parse)."""

    stops: tuple[str, Stops] | None = None
    """The text whose stops of ``text`` were found for the scan, and the function giving
    each (``inline_scan.stops``), kept for the scans of its links' text."""

    def pushPending(self) -> Token:
        """The pending text a ``text`` token of its own (``new_token``'s fields set here, not
        through a call of it: a call from Python to Python is a fifth of making a token)."""
        token: Token = _new(Token)
        token.type = "text"
        token.tag = ""
        token.nesting = 0
        token.attrs = {}
        token.map = None
        token.level = self.pendingLevel
        token.children = None
        pieces = self._pending_buffer
        token.content = self._pending + "".join(pieces) if pieces else self._pending
        token.markup = ""
        token.info = ""
        token.meta = {}
        token.block = False
        token.hidden = False
        self.tokens.append(token)
        self._pending = ""
        self._pending_buffer = []
        return token

    def push(self, ttype: str, tag: str, nesting: Nesting) -> Token:
        """A new token after the pending text's, one level deeper inside an opening tag,
        with delimiters of its own (``StateInline.push``), each made as ``pushPending`` makes
        it, with no call."""
        tokens = self.tokens
        pieces = self._pending_buffer
        pending = self._pending + "".join(pieces) if pieces else self._pending
        if pending:  # ``if self.pending``
            text: Token = _new(Token)
            text.type = "text"
            text.tag = ""
            text.nesting = 0
            text.attrs = {}
            text.map = None
            text.level = self.pendingLevel
            text.children = None
            text.content = pending
            text.markup = ""
            text.info = ""
            text.meta = {}
            text.block = False
            text.hidden = False
            tokens.append(text)
            self._pending = ""
            self._pending_buffer = []
        token_meta = None
        if nesting < 0:
            self.level -= 1
            self.delimiters = self._prev_delimiters.pop()
        token: Token = _new(Token)
        token.type = ttype
        token.tag = tag
        token.nesting = nesting
        token.attrs = {}
        token.map = None
        token.level = self.level
        token.children = None
        token.content = ""
        token.markup = ""
        token.info = ""
        token.meta = {}
        token.block = False
        token.hidden = False
        if nesting > 0:
            self.level += 1
            self._prev_delimiters.append(self.delimiters)
            self.delimiters = []
            token_meta = {"delimiters": self.delimiters}
        self.pendingLevel = self.level
        tokens.append(token)
        self.tokens_meta.append(token_meta)
        return token


PENDING = ("_pending", "_pending_buffer")
"""Where markdown-it's ``StateInline`` keeps its pending text: the text, and the pieces
appended since (``append_pending``), joined to it when the property ``pending`` is read."""

KEPT = set(PENDING) <= set(StateInline.__init__.__code__.co_names)
"""Whether this markdown-it's ``StateInline`` keeps its pending text in ``PENDING``."""


def push_paragraph(state: StateBlock, content: str, start: int, end: int) -> None:
    """The tokens of a paragraph of the lines ``start`` to ``end`` whose inline text is
    ``content``, as ``state.push`` pushes them and ``paragraphs.paragraph`` filled them in:
    opened, its text (no children yet), closed. One call from compiled code, where three
    calls of ``push`` and five fields set in C took some 11,000 instructions a paragraph."""
    level = state.level
    opened: Token = _new(Token)
    opened.type = "paragraph_open"
    opened.tag = "p"
    opened.nesting = 1
    opened.attrs = {}
    opened.map = [start, end]
    opened.level = level
    opened.children = None
    opened.content = ""
    opened.markup = ""
    opened.info = ""
    opened.meta = {}
    opened.block = True
    opened.hidden = False
    inline: Token = _new(Token)
    inline.type = "inline"
    inline.tag = ""
    inline.nesting = 0
    inline.attrs = {}
    inline.map = [start, end]
    inline.level = level + 1
    inline.children = []
    inline.content = content
    inline.markup = ""
    inline.info = ""
    inline.meta = {}
    inline.block = True
    inline.hidden = False
    closed: Token = _new(Token)
    closed.type = "paragraph_close"
    closed.tag = "p"
    closed.nesting = -1
    closed.attrs = {}
    closed.map = None
    closed.level = level
    closed.children = None
    closed.content = ""
    closed.markup = ""
    closed.info = ""
    closed.meta = {}
    closed.block = True
    closed.hidden = False
    tokens = state.tokens
    tokens.append(opened)
    tokens.append(inline)
    tokens.append(closed)


def _paragraph_pushed(state: StateBlock, content: str, start: int, end: int) -> None:
    """``push_paragraph`` by ``state.push``, for another markdown-it's tokens."""
    state.push("paragraph_open", "p", 1).map = [start, end]
    inline = state.push("inline", "", 0)
    inline.content, inline.map, inline.children = content, [start, end], []
    state.push("paragraph_close", "p", -1)


SAME_FIELDS = tuple(field.name for field in fields(Token)) == FIELDS
"""Whether this markdown-it's ``Token`` has the fields ``new_token`` sets, which the states'
``push`` and ``pushPending`` set too."""

if not (KEPT and SAME_FIELDS):
    # Another markdown-it's state, keeping its pending text otherwise, or another's tokens,
    # with fields of their own: its own methods.
    del InlineState.push, InlineState.pushPending


class BlockState(StateBlock):
    """markdown-it's ``StateBlock``, its tokens made by ``new_token``, the marks of its
    lines found by ``block_lines.line_marks``, compiled."""

    def __init__(self, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> None:
        """``StateBlock.__init__``, whose loop read each line's first character through a
        call and added to five lists (some 4% of a body's parse, a third less here)."""
        self.src, self.md, self.env, self.tokens = src, md, env, tokens
        self.bMarks, self.eMarks, self.tShift, self.sCount = line_marks(src)
        self.bsCount = [0] * len(self.bMarks)
        self.blkIndent = 0
        self.line = 0
        self.lineMax = len(self.bMarks) - 1  # the last marks are past the last line
        self.tight = False
        self.ddIndent = -1
        self.listIndent = -1
        self.parentType = "root"
        self.level = 0
        self.result = ""
        self._code_enabled = "code" in md["block"].ruler.get_active_rules()

    def push(self, ttype: str, tag: str, nesting: Nesting) -> Token:
        """A new block token, one level deeper inside an opening tag (``StateBlock.push``),
        made as ``new_token`` makes it, with no call."""
        if nesting < 0:
            self.level -= 1
        token: Token = _new(Token)
        token.type = ttype
        token.tag = tag
        token.nesting = nesting
        token.attrs = {}
        token.map = None
        token.level = self.level
        token.children = None
        token.content = ""
        token.markup = ""
        token.info = ""
        token.meta = {}
        token.block = True
        token.hidden = False
        if nesting > 0:
            self.level += 1
        self.tokens.append(token)
        return token


MARKED = frozenset(StateBlock.__init__.__code__.co_names) == frozenset(
    {
        *("_code_enabled", "append", "bMarks", "blkIndent", "bsCount", "ddIndent", "eMarks"),
        *("env", "find", "get_active_rules", "isStrSpace", "len", "level", "line", "lineMax"),
        *("listIndent", "md", "parentType", "result", "ruler", "sCount", "src", "tShift"),
        *("tight", "tokens"),
    }
)
"""Whether this markdown-it's ``StateBlock.__init__`` sets what ``BlockState`` sets."""

if not MARKED:
    # Another markdown-it's state, with other fields or marks: its own constructor.
    del BlockState.__init__

if not SAME_FIELDS:
    # Another markdown-it's tokens, with fields of their own: made as it makes them.
    del BlockState.push
    push_paragraph = _paragraph_pushed
