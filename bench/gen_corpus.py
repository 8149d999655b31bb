"""A deterministic, visibly synthetic corpus in Concordance's content format.

    python bench/gen_corpus.py --n 1000 --seed 1 --out DIR

writes ``DIR/site.yaml``, ``DIR/articles/*.md`` (N articles) and ``DIR/concepts/*.md``
(about 80% of N/10 concepts). Same ``--n`` and ``--seed`` give byte-identical files.

Why it looks the way it does:

- Every word is a generated pseudo-word and every person is "Speaker 7", so no
  benchmark page can be mistaken for, or attributed to, a real statement.
- Each article draws from its own ``random.Random`` seeded by ``(seed, index)``: an
  article does not depend on the others (only on the corpus-wide vocabulary, concepts
  and speakers), and nothing
  depends on set or dict order (string hashing is randomised per process).
- A quote is a contiguous run of *plain* words of one paragraph (never inside or
  across ``*emphasis*``, ``**strong**``, `` `code` `` or links), so it occurs verbatim in
  the body before and after Markdown rendering.
- The last paragraph of every article is plain and never quoted: benchmarks edit its
  last word (see ``edit_closing_word``) without breaking quote verification.
- Concept popularity is Zipf-like (rank r drawn with probability proportional to 1/r),
  the shape real concordances have: a few concepts with thousands of statements.
- ``broader`` only points to a more popular (lower-index) concept, so the concept
  hierarchy has no cycles.

Standard library only, so it runs before the project's dependencies are installed.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import os
import random
import re
import shutil
import sys
import time
from array import array
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

MARKER = ".synthetic-corpus"
"""Written into every generated corpus: the generator only ever wipes a folder holding it."""

FIRST_DAY = date(2016, 1, 1)
DAYS_SPANNED = 9 * 365
VOCABULARY_SIZE = 4000
WORDS_PER_ARTICLE = (620, 780)
"""Body words before the closing paragraph; a body ends up about 750 words long."""
SENTENCE_WORDS = (7, 18)
SENTENCES_PER_PARAGRAPH = (2, 6)
QUOTE_WORDS = (6, 25)
QUOTES_PER_ARTICLE = (5, 10)
MARKUP_CHANCE = 0.3
"""Chance that a sentence carries one inline markup span."""

_ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st"]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "u", "ai", "ou"]
_CODAS = ["", "", "", "", "n", "r", "s", "k", "l", "m"]
_YAML_WORDS = frozenset(["true", "false", "null", "none", "yes", "no", "on", "off"])
_PLAIN_SCALAR = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .,()'-]*\Z")
_YAML_LOOKALIKE = re.compile(r"[0-9][0-9.:-]*\Z")
_CLOSING_WORD = re.compile(r"([a-z]+)(\.\n?)\Z")


# ---------------------------------------------------------------------------
# Pseudo-words


def make_vocabulary(rng: random.Random, size: int) -> list[str]:
    """Distinct pseudo-words of at least four letters, in draw order (rank = popularity)."""
    seen: dict[str, None] = {}
    while len(seen) < size:
        word = "".join(_syllable(rng) for _ in range(rng.choice((1, 2, 2, 2, 2, 3))))
        if len(word) >= 4 and word not in _YAML_WORDS:
            seen.setdefault(word)
    return list(seen)


def _syllable(rng: random.Random) -> str:
    return rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)


def zipf_weights(count: int) -> list[float]:
    """Cumulative weights for ``random.choices``: rank r has probability proportional to 1/r."""
    return list(itertools.accumulate(1.0 / rank for rank in range(1, count + 1)))


URN_SIZE = 1 << 16
WORD_RANK_OFFSET = 10
"""Zipf-Mandelbrot offset for words: pure 1/r makes the top word one word in nine."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Words with Zipf-like frequencies, shared by every article of a corpus.

    ``urn`` holds exactly 2**16 entries, each word repeated in proportion to its weight,
    so one draw of k words is k 16-bit indices cut from a single ``getrandbits`` call:
    no per-word Python call in the generator's hot loop.
    """

    words: list[str]
    urn: list[str]

    def draw(self, rng: random.Random, k: int) -> list[str]:
        indices = array("H", rng.getrandbits(16 * k).to_bytes(2 * k, "little"))
        if sys.byteorder == "big":
            indices.byteswap()
        return list(map(self.urn.__getitem__, indices))


def make_lexicon(rng: random.Random, size: int) -> Lexicon:
    words = make_vocabulary(rng, size)
    cumulative = list(
        itertools.accumulate(1.0 / (rank + WORD_RANK_OFFSET) for rank in range(1, size + 1))
    )
    step = cumulative[-1] / URN_SIZE
    urn = [words[bisect.bisect_left(cumulative, (i + 0.5) * step)] for i in range(URN_SIZE)]
    return Lexicon(words, urn)


# ---------------------------------------------------------------------------
# Paragraphs


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Markdown text plus its plain runs (word lists a quote may be cut from)."""

    markdown: str
    plain_runs: list[list[str]]


def make_paragraph(rng: random.Random, lexicon: Lexicon, sentences: int, markup: bool) -> Paragraph:
    """Sentences of pseudo-words; with ``markup``, some sentences get one inline span.

    A markup span ends a plain run and starts the next, so no run (and no quote cut
    from one) ever contains a markup character. All the paragraph's words come from one
    draw and each sentence's shape is picked from a precomputed table by 12 random bits:
    the hot loop makes no per-word or per-sentence ``random`` call.
    """
    table = _SHAPES if markup else _PLAIN_SHAPES
    bits = rng.getrandbits(SHAPE_BITS * sentences)
    shapes = [table[(bits >> (SHAPE_BITS * i)) & SHAPE_MASK] for i in range(sentences)]
    words = lexicon.draw(rng, sum(shape.length for shape in shapes))
    pieces: list[str] = []
    runs: list[list[str]] = [[]]
    at = 0
    for shape in shapes:
        sentence = words[at : at + shape.length]
        at += shape.length
        sentence[0] = sentence[0].capitalize()
        if shape.comma:
            sentence[shape.comma] += ","
        sentence[-1] += "."
        if shape.span:
            first, last = shape.span
            span = _markup(shape.kind, " ".join(w.rstrip(",") for w in sentence[first:last]))
            runs[-1] += sentence[:first]
            runs.append(sentence[last:])
            pieces += [*sentence[:first], span, *sentence[last:]]
        else:
            runs[-1] += sentence
            pieces += sentence
    return Paragraph(" ".join(pieces), runs)


@dataclass(frozen=True, slots=True)
class Shape:
    """One sentence's length, comma position (0: none) and markup span (kind 0-3)."""

    length: int
    comma: int
    span: tuple[int, int] | None
    kind: int


def _shape(bits: int, markup: bool) -> Shape:
    """Cut the fields of one sentence out of 32 random bits (the modulo bias is negligible)."""
    low, high = SENTENCE_WORDS
    bits, length = divmod(bits, high - low + 1)
    length += low
    bits, comma_roll = divmod(bits, 10)
    bits, comma = divmod(bits, length - 3)
    bits, span_roll = divmod(bits, 10)
    bits, first = divmod(bits, length - 3)
    bits, extra = divmod(bits, 3)
    span = None
    if markup and span_roll < MARKUP_CHANCE * 10:
        span = (first + 1, min(first + 2 + extra, length - 1))  # never the final word
    return Shape(length, comma + 1 if comma_roll < 6 else 0, span, bits % 4)


def _shape_table(markup: bool) -> list[Shape]:
    """2**12 sentence shapes from a fixed seed: the same table in every corpus and process."""
    rng = random.Random("sentence shapes")
    return [_shape(rng.getrandbits(32), markup) for _ in range(SHAPE_MASK + 1)]


SHAPE_BITS = 12
SHAPE_MASK = (1 << SHAPE_BITS) - 1
_SHAPES = _shape_table(markup=True)
_PLAIN_SHAPES = _shape_table(markup=False)


def _markup(kind: int, span: str) -> str:
    if kind == 0:
        return f"*{span}*"
    if kind == 1:
        return f"**{span}**"
    if kind == 2:
        return f"`{span}`"
    return f"[{span}](https://example.org/{span.split()[0].lower()})"


def cut_quote(rng: random.Random, paragraph: Paragraph) -> str | None:
    """6-25 words from one plain run of the paragraph, or None if no run is long enough.

    The cut prefers clause boundaries (after a comma or full stop), so most quotes read
    like a sentence or clause; trailing punctuation is dropped, which keeps the text a
    verbatim substring (a prefix of the last word's piece).
    """
    low, high = QUOTE_WORDS
    long_runs = [run for run in paragraph.plain_runs if len(run) >= low]
    if not long_runs:
        return None
    run = rng.choice(long_runs)
    cuts = [0, *(i for i, word in enumerate(run, 1) if word[-1] in ",.")]
    start = rng.choice(cuts)
    ends = [end for end in cuts if low <= end - start <= high]
    if ends:
        end = rng.choice(ends)
    else:
        length = rng.randint(low, min(high, len(run)))
        start = rng.randint(0, len(run) - length)
        end = start + length
    return " ".join(run[start:end]).rstrip(",.")


# ---------------------------------------------------------------------------
# Concepts


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept: index 0 is the most popular."""

    index: int
    title: str
    alias: str
    defined: bool
    """Whether it gets a file in concepts/ (about 80% do)."""


def make_concepts(rng: random.Random, lexicon: Lexicon, count: int) -> list[Concept]:
    """Distinct two-word titles and three-word aliases; no name folds onto another."""
    taken: dict[str, None] = {}

    def fresh(words: int) -> str:
        while True:
            name = " ".join(rng.sample(lexicon.words, words))
            if name not in taken:
                taken.setdefault(name)
                return name

    concepts = []
    for index in range(count):
        title, alias = fresh(2), fresh(3)
        concepts.append(Concept(index, title, alias, defined=index == 0 or rng.random() < 0.8))
    return concepts


def concept_ref(rng: random.Random, concept: Concept) -> str:
    """How an editor names a concept: mostly its title, sometimes an alias or another case."""
    roll = rng.random()
    if concept.defined and roll < 0.08:
        return concept.alias
    if roll > 0.95:
        return concept.title.title()
    return concept.title


def concept_file(
    rng: random.Random, lexicon: Lexicon, concept: Concept, defined: list[Concept], position: int
) -> str:
    """Front matter and a short body for ``defined[position]``, the given concept.

    ``defined`` is in popularity order, so ``defined[:position]`` are the concepts a
    ``broader`` link may point to without ever closing a cycle.
    """
    meta: dict[str, object] = {"title": concept.title, "aliases": [concept.alias]}
    more_popular = defined[:position]
    if more_popular and rng.random() < 0.3:
        meta["broader"] = [rng.choice(more_popular).title]
    related = [c.title for c in rng.sample(defined, min(2, len(defined))) if c is not concept]
    if related and rng.random() < 0.7:
        meta["related"] = related[: rng.randint(1, len(related))]
    summary = make_paragraph(rng, lexicon, 1, markup=False).markdown
    meta["summary"] = f"Synthetic concept. {summary}"
    body = [
        make_paragraph(rng, lexicon, rng.randint(2, 4), markup=True).markdown
        for _ in range(rng.randint(1, 2))
    ]
    return document(meta, body)


# ---------------------------------------------------------------------------
# Articles


@dataclass(frozen=True, slots=True)
class World:
    """Everything shared by all articles of one corpus."""

    seed: int
    lexicon: Lexicon
    concepts: list[Concept]
    concept_weights: list[float]
    speakers: int
    sources: int
    digits: int
    """Zero-padded width of article numbers, so file names sort like numbers."""


def article_file(world: World, index: int) -> tuple[str, str]:
    """``(file name, text)`` of article ``index``; depends only on the world and the index."""
    rng = random.Random(f"{world.seed}/article/{index}")
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS_SPANNED))
    number = f"{index:0{world.digits}d}"
    paragraphs = _article_paragraphs(rng, world.lexicon)
    quotes, topics = _article_quotes(rng, world, paragraphs[:-1], day)
    meta = _article_meta(rng, world, index, day, topics)
    meta["quotes"] = quotes
    body = [p.markdown for p in paragraphs]
    for at in range(3, len(body) - 1, rng.randint(4, 6)):
        body.insert(at, "## " + " ".join(world.lexicon.draw(rng, 3)).capitalize())
    return f"{day.isoformat()}-report-{number}.md", document(meta, body)


def _article_paragraphs(rng: random.Random, lexicon: Lexicon) -> list[Paragraph]:
    """About 750 words; the last paragraph is plain (no markup) and is never quoted."""
    target = rng.randint(*WORDS_PER_ARTICLE)
    paragraphs: list[Paragraph] = []
    words = 0
    while words < target or len(paragraphs) < QUOTES_PER_ARTICLE[1] + 1:
        paragraph = make_paragraph(rng, lexicon, rng.randint(*SENTENCES_PER_PARAGRAPH), True)
        paragraphs.append(paragraph)
        words += paragraph.markdown.count(" ") + 1
    paragraphs.append(make_paragraph(rng, lexicon, 2, markup=False))
    return paragraphs


def _article_quotes(
    rng: random.Random, world: World, paragraphs: list[Paragraph], day: date
) -> tuple[list[dict[str, object]], list[str]]:
    """5-10 quotes, each from a different paragraph and tagged with 1-3 concepts; and the
    first concept of the first two quotes, as candidate article-level topics."""
    wanted = rng.randint(*QUOTES_PER_ARTICLE)
    quotes: list[dict[str, object]] = []
    topics: list[str] = []
    for paragraph in rng.sample(paragraphs, len(paragraphs)):
        text = cut_quote(rng, paragraph)
        if text is None:
            continue
        concepts = _quote_concepts(rng, world)
        quote: dict[str, object] = {"text": text, "concepts": concepts}
        _maybe_override(rng, world, quote, day)
        quotes.append(quote)
        topics += concepts[:1] if len(topics) < 2 else []
        if len(quotes) == wanted:
            break
    return quotes, topics


def _quote_concepts(rng: random.Random, world: World) -> list[str]:
    count = min(rng.choice((1, 1, 2, 2, 3)), len(world.concepts))
    chosen: dict[int, None] = {}
    while len(chosen) < count:
        drawn = rng.choices(world.concepts, cum_weights=world.concept_weights)[0]
        chosen.setdefault(drawn.index)
    return [concept_ref(rng, world.concepts[i]) for i in chosen]


def _maybe_override(
    rng: random.Random, world: World, quote: dict[str, object], published: date
) -> None:
    """A few quotes carry their own speaker, date (before publication) or editor's note."""
    if rng.random() < 0.1:
        quote["speaker"] = f"Speaker {rng.randint(1, world.speakers)}"
    if rng.random() < 0.05:
        quote["said_on"] = published - timedelta(days=rng.randint(1, 60))
    if rng.random() < 0.1:
        quote["note"] = f"Synthetic note {rng.randint(1, 9)}."


def _article_meta(
    rng: random.Random, world: World, index: int, day: date, topics: list[str]
) -> dict[str, object]:
    title = " ".join(world.lexicon.draw(rng, rng.randint(3, 6))).capitalize()
    source = rng.randint(1, world.sources)
    meta: dict[str, object] = {"title": f"Report {index}: {title}", "date": day}
    if rng.random() < 0.4:
        meta["said_on"] = day - timedelta(days=rng.randint(0, 3))
    meta["source"] = f"Synthetic Wire {source}"
    if rng.random() < 0.7:
        meta["url"] = f"https://example.org/wire/{source}/{index}"
    if rng.random() < 0.5:
        meta["place"] = f"Place {rng.randint(1, 30)}"
    if rng.random() < 0.95:
        # Zipf-like speakers too: a few speak often.
        meta["speaker"] = f"Speaker {_zipf_rank(rng, world.speakers)}"
    if topics and rng.random() < 0.8:
        meta["concepts"] = list(dict.fromkeys(topics))
    return meta


def _zipf_rank(rng: random.Random, count: int) -> int:
    """1..count-1, log-uniform: density proportional to 1/r, without a weights table."""
    return int(count ** rng.random())


# ---------------------------------------------------------------------------
# YAML front matter (hand-written: the standard library has no YAML emitter)


def document(meta: dict[str, object], paragraphs: list[str]) -> str:
    """``---`` front matter ``---`` then the paragraphs, blank-line separated."""
    lines = ["---", *_mapping(meta, indent=""), "---", ""]
    return "\n".join(lines) + "\n\n".join(paragraphs) + "\n"


def _mapping(meta: dict[str, object], indent: str) -> list[str]:
    lines = []
    for key, value in meta.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{key}:")
            for item in value:
                first, *rest = _mapping(item, indent + "    ")
                lines += [f"{indent}  - {first.lstrip()}", *rest]
        else:
            lines.append(f"{indent}{key}: {_value(value)}")
    return lines


def _value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(str(item)) for item in value) + "]"
    if isinstance(value, date):
        return value.isoformat()
    return _scalar(str(value))


def _scalar(text: str) -> str:
    """Plain when unambiguous, else a JSON string (JSON strings are valid YAML)."""
    if (
        _PLAIN_SCALAR.match(text)
        and not _YAML_LOOKALIKE.match(text)
        and text.lower() not in _YAML_WORDS
        and ", " not in text  # a comma would split a flow sequence item
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


# ---------------------------------------------------------------------------
# Benchmark edits (they rely on the guarantees above)


def edit_closing_word(text: str, word: str) -> str:
    """Replace the last word of an article's body (in the unquoted closing paragraph)."""
    match = _CLOSING_WORD.search(text)
    if match is None or match.group(1) == word:
        raise ValueError("article does not end with a plain closing word")
    return text[: match.start()] + word + match.group(2)


# ---------------------------------------------------------------------------
# The whole corpus


def make_world(n: int, seed: int) -> World:
    rng = random.Random(f"{seed}/world")
    lexicon = make_lexicon(rng, VOCABULARY_SIZE)
    concepts = make_concepts(rng, lexicon, max(5, n // 10))
    return World(
        seed=seed,
        lexicon=lexicon,
        concepts=concepts,
        concept_weights=zipf_weights(len(concepts)),
        speakers=max(3, n // 40),
        sources=max(2, min(40, n // 25)),
        digits=len(str(max(n - 1, 0))),
    )


def generate(n: int, seed: int, out: Path, jobs: int = 0) -> None:
    """Write a corpus of ``n`` articles into ``out`` (replacing an earlier generated corpus).

    ``jobs`` worker processes write the articles (0: one per core). Articles are
    independent, so the bytes do not depend on ``jobs``.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    _prepare(out)
    world = make_world(n, seed)
    (out / "site.yaml").write_text(_site_yaml(n, seed), encoding="utf-8", newline="\n")
    chunks = [range(i, min(i + CHUNK, n)) for i in range(0, n, CHUNK)]
    workers = min(jobs or os.cpu_count() or 1, len(chunks))
    if workers <= 1:
        _init_worker(world, out / "articles")
        for chunk in chunks:
            _write_articles(chunk)
    else:
        with ProcessPoolExecutor(
            workers, initializer=_init_worker, initargs=(world, out / "articles")
        ) as pool:
            list(pool.map(_write_articles, chunks))
    defined = [c for c in world.concepts if c.defined]
    for position, concept in enumerate(defined):
        rng = random.Random(f"{seed}/concept/{concept.index}")
        text = concept_file(rng, world.lexicon, concept, defined, position)
        path = out / "concepts" / f"{concept.title.replace(' ', '-')}.md"
        path.write_text(text, encoding="utf-8", newline="\n")


CHUNK = 500
"""Articles per task: large enough that process start-up and pickling stay negligible."""
_worker_state: dict[str, object] = {}


def _init_worker(world: World, folder: Path) -> None:
    """Process-pool initializer: each worker receives the world once, not once per task."""
    _worker_state.update(world=world, folder=folder)


def _write_articles(indices: range) -> int:
    world = _worker_state["world"]
    folder = _worker_state["folder"]
    assert isinstance(world, World) and isinstance(folder, Path)
    for index in indices:
        name, text = article_file(world, index)
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
    return len(indices)


def _prepare(out: Path) -> None:
    """Create ``out``; wipe it only if it holds an earlier generated corpus (never user content)."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise FileExistsError(f"{out} is not empty and holds no {MARKER}: refusing to touch it")
        for sub in ("articles", "concepts"):
            shutil.rmtree(out / sub, ignore_errors=True)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    (out / "concepts").mkdir(exist_ok=True)
    (out / MARKER).write_text("generated by bench/gen_corpus.py; safe to delete\n")


def _site_yaml(n: int, seed: int) -> str:
    meta = {
        "title": f"Synthetic Concordance (n={n}, seed={seed})",
        "description": "A visibly synthetic benchmark corpus: every word and name is generated.",
        "base_url": "http://localhost:8000/",
        "language": "en",
        "author": "Synthetic Editors",
    }
    return "\n".join(_mapping(dict(meta), indent="")) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="corpus directory")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per core)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        generate(args.n, args.seed, args.out, args.jobs)
    except (ValueError, FileExistsError) as exc:
        print(f"gen_corpus: {exc}", file=sys.stderr)
        return 2
    print(
        f"wrote {args.n} articles to {args.out} in {time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
