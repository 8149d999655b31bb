"""Check a generated corpus against the promises gen_corpus makes, independently of it.

    python bench/check_corpus.py DIR

Parses every file with ``yaml.safe_load`` (the same YAML library the build uses) and
checks what a benchmark silently depends on: every quote occurs verbatim inside one
paragraph of its body and holds no Markdown markup character; every concept named
resolves to a title or alias; ``broader`` has no cycles; the closing paragraph (the
one the benchmark edits) holds no quote. Exit 0 when clean, 1 with one line per problem.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml

MARKUP = set("*_`[]()<>#\\")
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""``yaml.safe_load`` semantics; libyaml's loader when present (20000 files in seconds)."""


def split_document(text: str) -> tuple[dict[str, Any], str]:
    """Front matter (parsed) and body of one ``---`` delimited Markdown file."""
    _, meta, body = text.split("---\n", 2)
    parsed = yaml.load(meta, Loader=SAFE_LOADER)
    if not isinstance(parsed, dict):
        raise ValueError("front matter is not a mapping")
    return parsed, body


def fold(name: str) -> str:
    """How Concordance matches concept names: case-free, white space folded."""
    return " ".join(name.split()).casefold()


def check(corpus: Path) -> list[str]:
    """Every problem found in the corpus at ``corpus``, as ``path: message`` lines."""
    site = yaml.safe_load((corpus / "site.yaml").read_text(encoding="utf-8"))
    problems = [] if isinstance(site, dict) and site.get("title") else ["site.yaml: no title"]
    concepts = {
        path: split_document(path.read_text(encoding="utf-8"))[0]
        for path in sorted((corpus / "concepts").glob("*.md"))
    }
    names = _names(concepts)
    problems += _check_concepts(concepts, names)
    for path in sorted((corpus / "articles").glob("*.md")):
        problems += [f"{path.name}: {p}" for p in _check_article(path, names)]
    return problems


def _names(concepts: dict[Path, dict[str, Any]]) -> dict[str, str]:
    """Folded title or alias -> title, for every defined concept."""
    names: dict[str, str] = {}
    for meta in concepts.values():
        for name in [meta["title"], *meta.get("aliases", [])]:
            names[fold(name)] = meta["title"]
    return names


def _check_concepts(concepts: dict[Path, dict[str, Any]], names: dict[str, str]) -> list[str]:
    problems = []
    broader: dict[str, list[str]] = {}
    for path, meta in concepts.items():
        if path.stem != meta["title"].replace(" ", "-"):
            problems.append(f"{path.name}: file name does not match title {meta['title']!r}")
        if not isinstance(meta.get("summary"), str):
            problems.append(f"{path.name}: no summary")
        for key in ("broader", "related"):
            problems += [
                f"{path.name}: {key} {n!r} is not defined"
                for n in meta.get(key, [])
                if fold(n) not in names
            ]
        broader[meta["title"]] = [names.get(fold(n), n) for n in meta.get("broader", [])]
    problems += [f"broader cycle through {title!r}" for title in _cycles(broader)]
    return problems


def _cycles(edges: dict[str, list[str]]) -> Iterator[str]:
    """Nodes from which following ``edges`` comes back to themselves."""
    for start in sorted(edges):
        seen, todo = set(), list(edges[start])
        while todo:
            node = todo.pop()
            if node == start:
                yield start
                break
            if node not in seen:
                seen.add(node)
                todo += edges.get(node, [])


def _check_article(path: Path, names: dict[str, str]) -> Iterator[str]:
    meta, body = split_document(path.read_text(encoding="utf-8"))
    if not isinstance(meta.get("date"), date):
        yield "date is not a YYYY-MM-DD date"
    if not str(meta.get("title", "")).strip():
        yield "no title"
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    for quote in meta.get("quotes", []):
        yield from _check_quote(quote, paragraphs)
        yield from _check_names(quote.get("concepts", []), names)
    if not 5 <= len(meta.get("quotes", [])) <= 10:
        yield f"{len(meta.get('quotes', []))} quotes, expected 5-10"
    yield from _check_names(meta.get("concepts", []), names)


def _check_names(concepts: list[str], names: dict[str, str]) -> Iterator[str]:
    for name in concepts:
        if fold(name) not in names and not _looks_undefined(name):
            yield f"concept {name!r} is neither defined nor a plain two-word name"


def _check_quote(quote: dict[str, Any], paragraphs: list[str]) -> Iterator[str]:
    text = quote["text"]
    holders = [i for i, p in enumerate(paragraphs) if text in p]
    if not holders:
        yield f"quote not found verbatim in one paragraph: {text!r}"
    elif holders == [len(paragraphs) - 1]:
        yield f"quote taken from the closing paragraph: {text!r}"
    if MARKUP & set(text):
        yield f"quote holds a Markdown markup character: {text!r}"
    if not 6 <= len(text.split()) <= 25:
        yield f"quote has {len(text.split())} words: {text!r}"
    if not 1 <= len(quote.get("concepts", [])) <= 3:
        yield f"quote has {len(quote.get('concepts', []))} concepts: {text!r}"


def _looks_undefined(name: str) -> bool:
    """Undefined concepts (about 20%) are named by their two-word title, no file needed."""
    return len(name.split()) == 2


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) != 1:
        print("usage: check_corpus.py DIR", file=sys.stderr)
        return 2
    problems = check(Path(args[0]))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
