"""markdown-it's parse states, whose ``push`` makes each token ours (``tokens.Token``, a
native class compiled: the compiled rules read its fields as a C struct's), by one call of
its constructor, in C.

The states' ``push`` and ``pushPending`` are markdown-it's own but for that (the inline
state's written out in C, ``inline_push``, which the compiled rules call at once), so the
tokens are equal field by field (``tests/test_token_states.py``, and the property tests of
``inline_scan`` and ``block_scan``, which compare markdown-it's own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.utils import EnvType

from concordance import inline_push
from concordance.block_lines import line_marks
from concordance.tokens import Token, adopt, new_token, ours, theirs

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from concordance.inline_scan import Stops

Nesting = inline_push.Nesting


class InlineState(StateInline):
    """markdown-it's ``StateInline``, its tokens ours (``tokens.new_token``), its pending text
    read and cleared where markdown-it keeps it (``PENDING``): through its property, a
    function in Python, twice for each piece of text and once for each other token (some
    2.8% of a body's parse)."""

    stops: tuple[str, Stops] | None = None
    """The text whose stops of ``text`` were found for the scan, and the function giving
    each (``inline_scan.stops``), kept for the scans of its links' text."""

    last_close: int | None = None
    """Where the text's last ``]`` is (-1: it has none), found at the first label looked for
    (``inline_links.label_end``)."""
    may_pair: bool | None = None
    """Whether a superscript or subscript may be read in the text (``pandoc_scripts``),
    found at the first label that closes nowhere (``inline_links.closes_nowhere``)."""
    label_stop: tuple[int, int] = (0, -1)
    """(from, at): the first space, line end or ``]`` of the text at or after ``from`` is at
    ``at`` (``footnotes.label_stop``)."""

    def pushPending(self) -> Token:  # type: ignore[override]  # its token is ours
        """The pending text a ``text`` token of its own."""
        return inline_push.push_pending(self, inline_push.pending(self))

    def push(self, ttype: str, tag: str, nesting: Nesting) -> Token:  # type: ignore[override]
        """A new token after the pending text's, one level deeper inside an opening tag,
        with delimiters of its own (``StateInline.push``)."""
        return inline_push.push(self, ttype, tag, nesting)


PENDING = ("_pending", "_pending_buffer")
"""Where markdown-it's ``StateInline`` keeps its pending text: the text, and the pieces
appended since (``append_pending``), joined to it when the property ``pending`` is read."""

KEPT = set(PENDING) <= set(StateInline.__init__.__code__.co_names)
"""Whether this markdown-it's ``StateInline`` keeps its pending text in ``PENDING``."""

if not KEPT:
    # Another markdown-it's state, keeping its pending text otherwise: its own methods, the
    # tokens they make made ours.
    def _pending_pushed(self: InlineState) -> Token:
        first = len(self.tokens)
        StateInline.pushPending(self)
        adopt(self.tokens, first)
        return ours(self.tokens)[-1]

    def _pushed(self: InlineState, ttype: str, tag: str, nesting: Nesting) -> Token:
        first = len(self.tokens)
        StateInline.push(self, ttype, tag, nesting)
        adopt(self.tokens, first)
        return ours(self.tokens)[-1]

    InlineState.pushPending = _pending_pushed  # type: ignore[method-assign]
    InlineState.push = _pushed  # type: ignore[method-assign]


class BlockState(StateBlock):
    """markdown-it's ``StateBlock``, its tokens made by ``new_token``, the marks of its
    lines found by ``block_lines.line_marks``, compiled."""

    def __init__(self, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> None:
        """``StateBlock.__init__``, whose loop read each line's first character through a
        call and added to five lists (some 4% of a body's parse, a third less here)."""
        self.src, self.md, self.env, self.tokens = src, md, env, theirs(tokens)
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

    def push(self, ttype: str, tag: str, nesting: Nesting) -> Token:  # type: ignore[override]
        """A new block token, one level deeper inside an opening tag (``StateBlock.push``),
        ours (``tokens.new_token``)."""
        if nesting < 0:
            self.level -= 1
        token = new_token(ttype, tag, nesting, self.level, True)
        if nesting > 0:
            self.level += 1
        self.tokens.append(token)  # type: ignore[arg-type]  # every token of the list is ours
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
