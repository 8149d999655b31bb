"""Excerpt mode's HTML: each quote in its sentence, bounded on both sides, made in time and
space in proportion to the body and its quotes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from concordance import excerpts
from concordance.excerpts import CONTEXT, excerpt_html
from concordance.markdown import QuoteRequest

WORDS = ["zorvex", "kelmat", "quinnor", "ta", "velloran", "mu", "brask"]


def filler(count: int, start: int = 0) -> str:
    """``count`` synthetic words with no sentence end among them."""
    return " ".join(WORDS[(start + i) % len(WORDS)] for i in range(count))


def figures(html: str) -> list[tuple[str, str, str]]:
    """(text before the mark, the mark's text, text after it) of each excerpt."""
    found = []
    for p in BeautifulSoup(html, "lxml").select("figure.excerpt blockquote p"):
        mark = p.mark
        before = "".join(str(s) for s in mark.previous_siblings)
        after = "".join(str(s) for s in mark.next_siblings)
        found.append((before, mark.get_text(), after))
    return found


def test_a_quote_in_a_short_sentence_shows_the_whole_sentence() -> None:
    body = "First one here. Then the zorvex kelmat holds, they said. Last one.\n"
    html = excerpt_html(body, [QuoteRequest("q-1", "zorvex kelmat holds")], {"q-1"})
    assert figures(html) == [("Then the ", "zorvex kelmat holds", ", they said.")]


def test_a_long_sentence_is_cut_at_words_on_both_sides() -> None:
    before, after = filler(200), filler(200, 3)
    body = f"Opening. {before} the brask quote here {after} and the end.\n"
    html = excerpt_html(body, [QuoteRequest("q-1", "the brask quote here")], {"q-1"})
    [(shown_before, text, shown_after)] = figures(html)
    assert text == "the brask quote here"
    assert shown_before.startswith("…") and shown_after.endswith("…")
    head, tail = shown_before[1:].strip(), shown_after[:-1].strip()
    assert 0 < len(head) <= CONTEXT and 0 < len(tail) <= CONTEXT
    assert before.endswith(head) and after.startswith(tail)  # whole words, in order
    assert set(head.split()) <= set(WORDS) and set(tail.split()) <= set(WORDS)


def test_many_quotes_of_one_endless_sentence_stay_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """4,500 quotes in one 40 KB sentence made a 152 MB page (each shown with the whole
    sentence) and folded the body once per quote: now each block is folded once."""
    folded: list[str] = []
    make = excerpts._folded
    monkeypatch.setattr(excerpts, "_folded", lambda text: folded.append(text) or make(text))
    words = [f"zq{i}x" for i in range(2000)]
    body = "Intro.\n\n" + " ".join(words) + "\n\nOutro.\n"
    quotes = [QuoteRequest(f"q-{i}", w) for i, w in enumerate(words)]
    html = excerpt_html(body, quotes, {q.id for q in quotes})
    shown = figures(html)
    assert [text for _, text, _ in shown] == words
    assert all(len(b) <= 301 and len(a) <= 301 for b, _, a in shown)  # with the "…"
    assert len(folded) == 3
    assert len(html) < 2_000_000  # 2,000 excerpts of 600 characters and their markup
