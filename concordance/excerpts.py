"""Excerpt mode: for sources that may not be republished in full.

The whole body is still parsed and every quote verified against it; what is
published is each quote inside its own sentence, highlighted and anchored like
in a full article, so links to ``#quote-id`` keep working.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from concordance import content_links, pasted
from concordance.chips import placeholder
from concordance.lazy_patterns import lazy_compile
from concordance.markdown import QuoteRequest, parser, readings, shown_pieces
from concordance.sentences import closing_run, sentence_ends
from concordance.textnorm import Folder, cluster_start, past_marks
from concordance.tokens import Token, ours
from concordance.words import find_words

PUBLISH_MODES = ("full", "excerpts")
_SPACE = lazy_compile(r"\s")
_LAST_SPACE = lazy_compile(r"\s(?=\S*$)")


def paragraphs(tokens: list[Token]) -> list[list[tuple[str, bool]]]:
    """The text of every block of a body's parse, as a reader sees it (markup removed), in
    pieces (``markdown.shown_pieces``)."""
    return [shown_pieces(token.children or []) for token in tokens if token.type == "inline"]


CONTEXT = 300
"""Characters of a quote's sentence shown on each side of it at most, cut at a word and
marked with an ellipsis: a sentence never ending (a body of one line, say) was shown whole
with each of its quotes, and 4,500 quotes in a 40 KB sentence made a 152 MB page."""


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Block:
    """A block's text, folded once for all the quotes looked for in it."""

    text: str
    folder: Folder
    folded: str
    starts: tuple[int, ...]
    """Where each piece of ``text`` starts in it: the folder's sources are the pieces."""

    def start(self, at: int) -> int:
        """Where in ``text`` the folded character at ``at`` starts."""
        piece, start, _ = self.folder.origin(at)
        return self.starts[piece] + start

    def end(self, at: int) -> int:
        """Where in ``text`` the folded character at ``at`` ends."""
        piece, _, end = self.folder.origin(at)
        return self.starts[piece] + end


def excerpt_html(
    body: str, quotes: Sequence[QuoteRequest], found: Collection[str], folder: str | None = None
) -> str:
    """Each found quote in its sentence, as HTML, in the order the quotes are listed.
    ``folder``: that of the body's file, as ``markdown.render_body`` was given it, so that an
    image of another site is read as the text it shows, as the quote was."""
    env: dict[str, object] = {} if folder is None else {content_links.FOLDER: folder}
    tokens = ours(parser().parse(body, env))
    blocks = _Blocks([_folded(block) for block in paragraphs(tokens)])
    references = env.get("references")
    source = pasted.Source(body, tokens)
    placed: dict[str, tuple[int, int]] = {}
    return "\n".join(
        _excerpt(blocks, quote, references, source, placed) for quote in quotes if quote.id in found
    )


@dataclass(slots=True, eq=False, repr=False)
class _Blocks:
    """The blocks of a body, and their text folded as one, made when a quote first needs it."""

    each: list[_Block]
    joined: str | None = None

    def across(self, needle: str) -> bool:
        """Whether ``needle`` runs from one block into the next, as ``markdown.render_body``
        finds a quote across paragraphs."""
        if self.joined is None:
            folder = Folder()
            for b, block in enumerate(self.each):
                folder.add(block.text, b)
                folder.separator()
            self.joined = folder.text()
        return find_words(self.joined, needle) >= 0


def _folded(pieces: list[tuple[str, bool]]) -> _Block:
    """A block's pieces folded, an image's text apart from the words beside it, as
    ``markdown.render_body`` folds it: a quote found there is found in its sentence."""
    folder = Folder()
    starts, at = [], 0
    for piece, (text, apart) in enumerate(pieces):
        starts.append(at)
        at += len(text)
        if apart:
            folder.add_apart(text, piece)
        else:
            folder.add(text, piece)
    return _Block("".join(text for text, _ in pieces), folder, folder.text(), tuple(starts))


def _excerpt(
    blocks: _Blocks,
    quote: QuoteRequest,
    references: object,
    source: pasted.Source,
    placed: dict[str, tuple[int, int]],
) -> str:
    before, text, after = _in_sentence(blocks, quote.text, references, source, placed)
    lang = Markup(' lang="{}"').format(quote.language) if quote.language else ""
    mark = Markup('<mark class="quote" data-quote="{0}" id="{0}"{2}>{1}</mark>').format(
        quote.id, text, lang
    )
    chips = placeholder(quote.id)
    return str(
        Markup(
            '<figure class="excerpt"><blockquote dir="auto"><p>{}{}{}</p></blockquote>{}</figure>'
        ).format(escape(before), mark, escape(after), Markup(chips))
    )


def _in_sentence(
    blocks: _Blocks,
    text: str,
    references: object,
    source: pasted.Source,
    placed: dict[str, tuple[int, int]],
) -> tuple[str, str, str]:
    """(text before the quote in its sentence, the quote as written there, text after).
    A quote of the words an earlier one took (``placed``: each reading's block and end
    where it was last placed) is their next place, as ``markdown.render_body`` marks it.
    The first reading the body holds is the quote, as there: one that runs across blocks
    is not looked for further, as another reading would find less of it in one block
    (``2021) Move Git`` of a heading's end and a list item, read without the ``2021)`` a
    list item may start with). ``references`` and ``source``: the body's, which a quote is
    read with (``readings``), as there."""
    for needle in readings(text, references, source):
        after = placed.get(needle, (0, 0))
        found = _place(blocks.each, needle, after) or _place(blocks.each, needle)
        if found is None and blocks.across(needle):
            break
        if found is not None:
            b, at = found
            if found >= after:  # not when the body holds the words fewer times
                placed[needle] = (b, at + len(needle))
            block = blocks.each[b]
            start = block.start(at)
            whole = block.text
            end = past_marks(whole, block.end(at + len(needle) - 1))
            return _before(whole, start), whole[start:end], _after(whole, end)
    # A quote running across paragraphs: published on its own.
    return "", text, ""


def _place(
    blocks: list[_Block], needle: str, after: tuple[int, int] = (0, 0)
) -> tuple[int, int] | None:
    """(block, offset) of the first place of ``needle`` from ``after`` on, if any."""
    first, offset = after
    for b in range(first, len(blocks)):
        block = blocks[b]
        folder = block.folder
        start = offset if b == first else 0
        at = find_words(
            block.folded, needle, start, inside=folder.inside_test(), apart=folder.apart
        )
        if at >= 0:
            return b, at
    return None


def _before(block: str, start: int) -> str:
    """The quote's sentence before ``start``: its last ``CONTEXT`` characters at most."""
    low = cluster_start(block, max(0, start - CONTEXT))
    ends = list(sentence_ends(block, low, start))
    if ends or low == 0:
        return block[ends[-1] if ends else 0 : start].lstrip()
    words = block[low:start]
    if not block[low - 1].isspace() and (space := _SPACE.search(words)):
        words = words[space.start() :]  # a word cut in two is left out
    return "…" + words.lstrip()


def _after(block: str, end: int) -> str:
    """The quote's sentence after ``end``: its first ``CONTEXT`` characters at most."""
    closing = _sentence_closed(block, end)
    if closing is not None:
        return closing  # the quote ends its sentence: what follows is another sentence
    high = cluster_start(block, end + CONTEXT)
    if high >= len(block):
        stop = next(sentence_ends(block, end, len(block)), len(block))
        return block[end:stop].rstrip()
    # Searched a little past the window, so that the end of the text searched is never
    # taken for the end of the paragraph; a sentence end found there is past the window.
    found = next(sentence_ends(block, end, high + 1), None)
    if found is not None and found <= high:
        return block[end:found].rstrip()
    words = block[end:high]
    if not block[high].isspace() and (space := _LAST_SPACE.search(words)):
        words = words[: space.start()]  # a word cut in two is left out
    return words.rstrip() + "…"


def _sentence_closed(block: str, end: int) -> str | None:
    """The closing quotes and brackets after ``end`` when a sentence of ``block`` ends there
    (a quote that takes in its full stop: “glorp is good.” Then…), else None. Those that
    close it only: after 结束。 a “ opens the next sentence."""
    closed = closing_run().match(block, end)
    stop = closed.end() if closed else end
    window = sentence_ends(block, max(0, end - 16), min(len(block), stop + 1))
    ends = [at for at in window if end <= at <= stop]
    return block[end : max(ends)] if ends else None
