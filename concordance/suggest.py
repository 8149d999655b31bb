"""``build.py suggest``: sentences that name a concept but no quote covers yet.

Each suggestion is a whole sentence of the body as a reader sees it (markup removed),
printed as a ready-to-paste YAML quote entry with the concept filled in. Every text is
run through the same verification as a quote (``render_body``) before it is printed,
so a suggestion never fails ``check`` when pasted in as is.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from markdown_it.token import Token

from concordance import inline_html
from concordance.config import BuildOptions, UsageError
from concordance.load import RawDocument, read_document
from concordance.markdown import QuoteRequest, parser, render_body
from concordance.model import Article, Concept
from concordance.pipeline import check_content
from concordance.sentences import split_sentences
from concordance.textnorm import fold, fold_name


@dataclass(frozen=True, slots=True)
class Suggestion:
    line: int
    """The file line the sentence starts on."""
    text: str
    concepts: tuple[str, ...]
    """Titles of the concepts the sentence names, in order of first mention."""


@dataclass(frozen=True, slots=True)
class ArticleSuggestions:
    path: str
    sentences: tuple[Suggestion, ...]


@dataclass(frozen=True, slots=True)
class _Sentence:
    line: int
    text: str


def paragraph_sentences(body: str, body_line: int) -> list[_Sentence]:
    """Every sentence of the body's text blocks, with the file line it starts on."""
    tokens = parser().parse(body)
    sentences = []
    for token in tokens:
        if token.type != "inline" or token.map is None:
            continue
        text = _visible_text(token.children or [])
        for offset, sentence in split_sentences(text):
            line = body_line + token.map[0] + text.count("\n", 0, offset)
            sentences.append(_Sentence(line, " ".join(sentence.split())))
    return sentences


def _visible_text(children: Sequence[Token]) -> str:
    """What quote verification sees of an inline block: text and code, breaks as new lines."""
    return "".join(
        _shown(c) for c in children if c.type in ("text", "code_inline", "softbreak", "hardbreak")
    )


def _shown(child: Token) -> str:
    if child.type in ("text", "code_inline"):
        return child.content
    # A <br> ends no line of the source: counted as one, it moved each sentence after it on.
    return "\n" if inline_html.ends_a_line(child) else " "


def _is_spaced_script(ch: str) -> bool:
    """Letters of scripts that separate words by spaces (a word boundary is meaningful)."""
    return (ch.isalnum() or ch == "_") and ord(ch) < 0x2E80


def _name_pattern(name: str) -> str:
    """A concept name as it may be written in prose: any case, spaces or dashes between
    words, an optional plural ending, and whole words where the script has words."""
    folded = fold_name(name)
    words = [re.escape(w) for w in re.split(r"[\s\-‐-―]+", folded) if w]
    core = r"[\s\-‐-―]+".join(words)
    head = r"(?<!\w)" if _is_spaced_script(folded[0]) else ""
    if not _is_spaced_script(folded[-1]):
        return head + core
    if core.endswith("y") and len(words[-1]) > 2:
        return head + core[:-1] + r"(?:y|ies)(?!\w)"  # policy, policies
    return head + core + r"(?:e?s)?(?!\w)"


@dataclass(frozen=True, slots=True)
class ConceptMatcher:
    pattern: re.Pattern[str]
    titles: tuple[str, ...]
    """Group ``c<i>`` of the pattern stands for ``titles[i]``."""

    def concepts_in(self, sentence: str) -> tuple[str, ...]:
        text = unicodedata.normalize("NFKC", sentence).casefold()
        groups = (m.lastgroup or "c0_0" for m in self.pattern.finditer(text))
        found = (self.titles[int(group[1:].split("_")[0])] for group in groups)
        return tuple(dict.fromkeys(found))


def concept_matcher(concepts: Iterable[Concept]) -> ConceptMatcher | None:
    """One regular expression for every name; the longest name wins where names overlap."""
    names: dict[str, int] = {}
    titles: list[str] = []
    for concept in concepts:
        for name in (concept.title, *concept.aliases):
            if fold_name(name):
                names.setdefault(name, len(titles))
        titles.append(concept.title)
    if not names:
        return None
    ordered = sorted(names, key=lambda n: (-len(fold_name(n)), n))
    alternatives = (f"(?P<c{names[n]}_{i}>{_name_pattern(n)})" for i, n in enumerate(ordered))
    pattern = re.compile("|".join(alternatives))
    return ConceptMatcher(pattern, tuple(titles))


def _uncovered(sentences: list[_Sentence], quotes: Iterable[str]) -> list[_Sentence]:
    """Sentences no quote overlaps, compared in folded text."""
    folded = [fold(s.text) for s in sentences]
    doc = " ".join(folded)
    starts = []
    at = 0
    for text in folded:
        starts.append(at)
        at += len(text) + 1
    covered: list[tuple[int, int]] = []
    for quote in quotes:
        needle = fold(quote)
        pos = doc.find(needle) if needle else -1
        while pos >= 0:
            covered.append((pos, pos + len(needle)))
            pos = doc.find(needle, pos + 1)
    return [
        s
        for s, start, text in zip(sentences, starts, folded, strict=True)
        if not any(a < start + len(text) and start < b for a, b in covered)
    ]


def article_suggestions(
    raw: RawDocument, article: Article | None, matcher: ConceptMatcher
) -> ArticleSuggestions:
    quotes = [q.text for q in article.quotes] if article else []
    candidates = []
    for sentence in _uncovered(paragraph_sentences(raw.body, raw.body_line), quotes):
        concepts = matcher.concepts_in(sentence.text)
        if concepts:
            candidates.append(Suggestion(sentence.line, sentence.text, concepts))
    # The guarantee: only what verification finds, exactly as it will be pasted.
    requests = [QuoteRequest(f"s{i}", s.text) for i, s in enumerate(candidates)]
    found = render_body(raw.body, requests).found
    verified = (s for i, s in enumerate(candidates) if f"s{i}" in found)
    return ArticleSuggestions(raw.path, tuple(dict.fromkeys(verified)))


def suggest(content: Path, paths: Sequence[Path] = ()) -> list[ArticleSuggestions]:
    """Suggestions for the given article files (every article when none is given)."""
    checked = check_content(BuildOptions(content=content, write=False))
    matcher = concept_matcher(checked.index.concepts.values())
    files = _article_files(content, paths)
    by_path = {a.path: a for a in checked.index.articles.values()}
    results = []
    for file in files:
        raw, _ = read_document(content, file)
        if raw.meta is None or matcher is None:
            continue
        found = article_suggestions(raw, by_path.get(raw.path), matcher)
        if found.sentences:
            results.append(found)
    return results


def _article_files(content: Path, paths: Sequence[Path]) -> list[Path]:
    root = content / "articles"
    if not paths:
        return sorted(p for p in root.rglob("*.md") if p.is_file()) if root.is_dir() else []
    files = []
    for path in paths:
        if not path.is_file():
            raise UsageError(f"no such article: {path}")
        try:
            relative = path.resolve().relative_to(content.resolve())
        except ValueError:
            raise UsageError(f"{path} is not under the content directory {content}") from None
        if relative.parts[0] != "articles":
            raise UsageError(f"{path} is not an article (not under {root})")
        files.append(content / relative)
    return files


def format_suggestions(results: Sequence[ArticleSuggestions]) -> str:
    """YAML entries to paste under an article's ``quotes:``; JSON strings are YAML scalars."""
    lines = []
    for result in results:
        lines.append(f"# {result.path}: paste under 'quotes:'")
        for s in result.sentences:
            concepts = ", ".join(json.dumps(c, ensure_ascii=False) for c in s.concepts)
            lines.append(f"  - text: {json.dumps(s.text, ensure_ascii=False)}  # line {s.line}")
            lines.append(f"    concepts: [{concepts}]")
        lines.append("")
    return "\n".join(lines)
