"""Excerpt mode: for sources that may not be republished in full.

The whole body is still parsed and every quote verified against it; what is
published is each quote inside its own sentence, highlighted and anchored like
in a full article, so links to ``#quote-id`` keep working.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from markupsafe import Markup, escape

from concordance.chips import placeholder
from concordance.markdown import QuoteRequest, parser, plain_text
from concordance.textnorm import Folder, fold

PUBLISH_MODES = ("full", "excerpts")
# A sentence ends at . ! ? (and their CJK forms) followed by space or the paragraph's end.
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)\]]*(?=\s|$)|[。！？]")


def paragraphs(body: str) -> list[str]:
    """The text of every block of the body, as a reader sees it (markup removed)."""
    blocks = []
    for token in parser().parse(body):
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        blocks.append("".join(parts))
    return blocks


def excerpt_html(body: str, quotes: Sequence[QuoteRequest], found: Collection[str]) -> str:
    """Each found quote in its sentence, as HTML, in the order the quotes are listed."""
    blocks = paragraphs(body)
    return "\n".join(_excerpt(blocks, quote) for quote in quotes if quote.id in found)


def _excerpt(blocks: list[str], quote: QuoteRequest) -> str:
    before, text, after = _in_sentence(blocks, quote.text)
    mark = Markup('<mark class="quote" data-quote="{0}" id="{0}">{1}</mark>').format(quote.id, text)
    chips = placeholder(quote.id)
    return str(
        Markup('<figure class="excerpt"><blockquote><p>{}{}{}</p></blockquote>{}</figure>').format(
            escape(before), mark, escape(after), Markup(chips)
        )
    )


def _in_sentence(blocks: list[str], text: str) -> tuple[str, str, str]:
    """(text before the quote in its sentence, the quote as written there, text after)."""
    needles = [n for n in dict.fromkeys((fold(text), fold(plain_text(text)))) if n]
    for block in blocks:
        folder = Folder()
        folder.add(block, 0)
        folded = folder.text()
        for needle in needles:
            at = folded.find(needle)
            if at < 0:
                continue
            start = folder.origin(at)[1]
            end = folder.origin(at + len(needle) - 1)[2]
            first = _sentence_start(block, start)
            last = _sentence_end(block, end)
            return block[first:start].lstrip(), block[start:end], block[end:last].rstrip()
    # A quote running across paragraphs: published on its own.
    return "", text, ""


def _sentence_start(block: str, start: int) -> int:
    begin = 0
    for m in _SENTENCE_END.finditer(block, 0, start):
        begin = m.end()
    return begin


def _sentence_end(block: str, end: int) -> int:
    m = _SENTENCE_END.search(block, end)
    return m.end() if m else len(block)
