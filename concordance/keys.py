"""Cheap stand-ins for page views in page keys (see ``render.Renderer.kept``).

A page is kept when the key of its inputs is unchanged. Making the view of every page of a
large site only to hash it cost most of a rebuild after a front-matter edit, so keys are
made of the records views are made of instead. A statement's view is made of its article's
record (its ``cache.signature``, everything but the body), its own index record, the titles
of its concepts and its speaker's name; a digest of those stands for the view, made once per
process. Without signatures (no build cache) the view itself is digested.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Final

import orjson

from concordance import views
from concordance.index import SiteIndex  # not for mypy alone: see ``index``
from concordance.model import Article, Statement


def digest(value: object) -> str:
    """Of a value's repr: the records and views are frozen dataclasses, strings, dates and
    containers, whose repr is their value."""
    return hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


_STATEMENT: Final = attrgetter(*Statement._fields)
"""Every field of a statement's index record, the new ones too."""


def _record_digest(value: object) -> str:
    """Of ``value``, made of strings, numbers, dates, None and tuples of them, written as
    JSON by orjson, in C: a statement record's repr, made by its dataclass's ``__repr__`` in
    Python, took half of its key's time. A text holding a lone surrogate, which JSON cannot
    carry, is digested by its repr."""
    try:
        text = orjson.dumps(value)
    except orjson.JSONEncodeError:
        return digest(value)
    return hashlib.blake2b(text, digest_size=16).hexdigest()


class Verbatim:
    """A value whose repr is ``text``, written beforehand (a repr made once, or made
    otherwise than ``repr`` makes it)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def listed(keys: tuple[str, ...]) -> Verbatim:
    """``keys`` (of ``StatementKeys.of``) as their tuple's repr writes them: each is a hex
    digest, which ``repr`` quotes as it is, so the text is joined rather than written a
    character at a time (``repr`` looks at every character of a string for one to escape).
    The keys of a concept's statements, in its page's key and its feed's, and of a
    speaker's, were some 40% of the text of a build's page keys."""
    if len(keys) == 1:
        return Verbatim(f"('{keys[0]}',)")
    return Verbatim("('" + "', '".join(keys) + "')" if keys else "()")


@dataclass(slots=True)
class StatementKeys:
    """The key of each statement's view, for the pages of one index."""

    index: SiteIndex
    made: dict[tuple[str, str], str] = field(default_factory=dict)
    last: tuple[tuple[Statement, ...], tuple[str, ...]] = ((), ())
    """The statements last asked for (the index's own tuple), and their keys: a concept's
    page and its feed, made one after the other, ask for the same, a third of the
    statements looked up."""
    shown: tuple[tuple[Statement, ...], Verbatim] = ((), Verbatim("()"))
    """The statements last asked for by ``listed``, and their keys' text."""

    def listed(self, statements: tuple[Statement, ...]) -> Verbatim:
        """``of(statements)`` as a page's key writes it (``listed``), made once for a
        concept's page and its feed."""
        if statements is not self.shown[0]:
            self.shown = (statements, listed(self.of(statements)))
        return self.shown[1]

    def of(self, statements: tuple[Statement, ...]) -> tuple[str, ...]:
        if statements is self.last[0]:
            return self.last[1]
        # Those made already looked up here: a statement's key is asked for by each page and
        # feed showing it, some five times.
        made = self.made
        found = tuple([made.get((s.article, s.quote_id)) or self.one(s) for s in statements])
        self.last = (statements, found)
        return found

    def one(self, s: Statement) -> str:
        found = self.made.get((s.article, s.quote_id))
        if found is None:
            found = self.made[(s.article, s.quote_id)] = self._digest(s)
        return found

    def _digest(self, s: Statement) -> str:
        index = self.index
        signature = index.signatures.get(s.article)
        if not signature:
            return digest(views.statement_view(index, s))
        concepts = tuple(index.concepts[c].title for c in s.concepts)
        speaker = index.speakers[s.speaker] if s.speaker else None
        return _record_digest((signature, _STATEMENT(s), concepts, speaker))

    def article(self, article: Article, targets: tuple[str | None, ...]) -> str:
        """The key of an article page's view (``views.article_view``) but its body, with
        the ``targets`` of its links (what their slots in the body become)."""
        index = self.index
        slug = article.slug
        found = (index.statements.get((slug, q.id)) for q in article.quotes)
        statements = tuple(s for s in found if s is not None)
        topics = tuple((c, index.concepts[c].title) for c in index.article_topics.get(slug, ()))
        speaker = views.speaker_link(index, index.article_speaker.get(slug))
        signature = index.signatures.get(slug)
        if not signature:
            return digest(
                (replace(article, body_html=""), self.of(statements), topics, speaker, targets)
            )
        # Written as JSON by orjson, in C, as a statement's record (``_record_digest``): the
        # repr of the same values took some 29,000 instructions an article.
        said = None if speaker is None else (speaker.title, speaker.target, speaker.count)
        return _record_digest((signature, self.of(statements), topics, said, targets))
