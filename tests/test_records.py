"""The validation results a worker pickles load back as the same records, and the records
made by the thousand are made and pickled cheaply (``records``)."""

from __future__ import annotations

import datetime as dt
import pickle
import pickletools
from dataclasses import FrozenInstanceError, fields, is_dataclass, replace
from pathlib import Path

import pytest

from bench.gen_corpus import generate
from concordance import load, markdown, parallel, validate, wire
from concordance.diagnostics import Diagnostic, Severity, Span
from concordance.model import Article, ContentLink, PartialArticle, PartialQuote, Quote, Slug


def _opcodes(blob: bytes) -> set[str]:
    return {op.name for op, _, _ in pickletools.genops(blob)}


def _spans(value: object) -> list[Span]:
    """Every position in a result, however deep."""
    if isinstance(value, Span):
        return [value]
    if isinstance(value, tuple | list):
        items = list(value)
    elif is_dataclass(value):
        items = [getattr(value, field.name) for field in fields(value)]
    else:
        return []
    return [span for item in items for span in _spans(item)]


def test_pickled_results_load_as_the_records_validation_made(tmp_path: Path) -> None:
    content = tmp_path / "content"
    generate(6, 7, content, jobs=1)
    files = sorted((content / "articles").glob("*.md"))
    made = list(parallel.validate_files(content, files, "full", 1))
    blobs = list(parallel.validate_pickled(content, files, "full", 1))
    loaded = [pickle.loads(blob) for blob in blobs]
    assert [(result, digest) for result, _, digest in loaded] == [
        (result, digest) for result, _, digest in made
    ]
    spans = _spans([result for result, _, _ in loaded])
    assert len(spans) > 6 * 5 and {type(span) for span in spans} == {Span}


def test_a_worker_pickles_an_article_as_pickle_pickles_it(tmp_path: Path) -> None:
    """A worker writes an article from the values it made of it for its signature
    (``parallel._Pickled``): the bytes and the signature of the article pickled itself. A
    partial article, and a file whose front matter cannot be read, are pickled as they are."""
    content = tmp_path / "content"
    generate(3, 7, content, jobs=1)
    articles = content / "articles"
    (articles / "untitled.md").write_text("---\ndate: 2021-03-04\n---\nGlorp.\n")
    (articles / "unread.md").write_text("---\ntitle: [glorp\n---\nZorp.\n")
    job = parallel._ValidateJob(content, "full", signed=True)
    kinds = set()
    for file in sorted(str(path) for path in articles.glob("*.md")):
        result = job(file)
        kinds.add(type(result[0][0]))
        assert parallel._Pickled(job)(file) == pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
        assert bool(result[1]) == isinstance(result[0][0], Article)
    assert kinds == {Article, PartialArticle, type(None)}


def test_a_position_pickles_as_a_call_of_span_with_its_values(tmp_path: Path) -> None:
    """A named tuple's default pickling went through ``object.__reduce_ex__`` (``NEWOBJ``),
    some 8,000 instructions a position, 25 positions an article."""
    content = tmp_path / "content"
    generate(2, 7, content, jobs=1)
    files = sorted((content / "articles").glob("*.md"))
    for blob in parallel.validate_pickled(content, files, "full", 1):
        assert "NEWOBJ" not in _opcodes(blob)
    span = Span("content/articles/glorp.md", 3, 7)
    link = ContentLink("content/articles/zorp.md", "x", span, True, "zorp.md#x")
    for record in (span, link):
        assert "NEWOBJ" not in _opcodes(pickle.dumps(record, pickle.HIGHEST_PROTOCOL))
        again = pickle.loads(pickle.dumps(record, pickle.HIGHEST_PROTOCOL))
        assert again == record and type(again) is type(record)


RECORDS = [
    Quote,
    Article,
    PartialQuote,
    PartialArticle,
    Diagnostic,
    # made for each article, or each of its quotes, as it is validated
    load.RawDocument,
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: record.__name__)
def test_a_record_is_made_without_object_setattr(record: type) -> None:
    """A frozen dataclass's own ``__init__`` sets each field through
    ``object.__setattr__``, which looks each name up on the type again; the records
    validation makes by the thousand set theirs through the slots' descriptors."""
    assert "__setattr__" not in record.__init__.__code__.co_names
    assert record.__init__.__qualname__ == f"{record.__name__}.__init__"


@pytest.mark.parametrize(
    "record",
    [validate._QuoteFields, validate._QuoteRead, validate._Defaults, markdown.QuoteRequest],
    ids=lambda record: record.__name__,
)
def test_validation_s_passing_records_are_plain_classes(record: type) -> None:
    """The records validation makes for each quote on the way (never sent or kept) write
    their ``__init__`` out, which mypyc compiles: no dataclass's, which runs as Python."""
    assert not is_dataclass(record)
    assert "__init__" in record.__dict__


def test_records_made_from_a_site_hold_what_they_were_given(tmp_path: Path) -> None:
    """Each field is the value given for it, by position or by name, or its default; a
    record stays frozen; a missing or unknown field is refused as before."""
    content = tmp_path / "content"
    generate(3, 7, content, jobs=1)
    files = sorted((content / "articles").glob("*.md"))
    for (article, _), _, _ in parallel.validate_files(content, files, "full", 1):
        assert isinstance(article, Article)
        for record in (article, *article.quotes):
            given = {field.name: getattr(record, field.name) for field in fields(record)}
            by_name = type(record)(**given)
            assert by_name == type(record)(*given.values()) == record
            assert [getattr(by_name, name) for name in given] == list(given.values())
            with pytest.raises(FrozenInstanceError):
                setattr(record, next(iter(given)), "zorp")
    span = Span("content/articles/glorp.md", 1, 1)
    made = Diagnostic(span, Severity.ERROR, "glorp", "Zorp.")
    assert (made.hint, replace(made, hint="Glorp.").hint) == ("", "Glorp.")
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'message'"):
        Diagnostic(span, Severity.ERROR, "glorp")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'zorp'"):
        Diagnostic(span, Severity.ERROR, "glorp", "Zorp.", zorp=1)  # type: ignore[call-arg]


def test_wire_writes_every_field_of_an_article_and_a_quote() -> None:
    """``wire`` writes the fields by name: one added to a record must be added there."""
    assert tuple(field.name for field in fields(Article)) == wire.ARTICLE_FIELDS
    assert tuple(field.name for field in fields(Quote)) == wire.QUOTE_FIELDS


def _article() -> Article:
    path = "content/articles/glorp.md"
    at = Span(path, 2, 10)
    said = dt.date(2021, 3, 4)
    quote = Quote(
        "q-1", "Zorp.", ("Glorp", "Zorp"), (Span(path, 9, 5), Span(path, 9, 12)), "Ann",
        Span(path, 8, 14), said, "A note.", Span(path, 7, 9), Span(path, 6, 7), True, "fr",
    )  # fmt: skip
    plain = Quote("q-2", "Glorp.", (), (), "Bob", at, said, None, Span(path, 11, 9), None, False)
    link = ContentLink("content/files/a.pdf", "p2", Span(path, 20, 3), True, "a.pdf#p2")
    return Article(
        Slug("glorp"), path, "Glorp", dt.date(2021, 3, 5), said, "Wire", "https://x.test/a",
        "Paris", "Bob", at, ("Glorp",), (Span(path, 3, 11),), (quote, plain), "<p>Glorp.</p>",
        "Glorp.", True, (link, link), ("glorp", "zorp"), "fr",
    )  # fmt: skip


def test_an_article_pickles_as_one_call_and_loads_as_the_same_records() -> None:
    """Pickled record by record, each quote and position was a call of its class, looked
    up by name as each result was loaded; now the article is one call of plain values."""
    article = _article()
    blob = pickle.dumps(((article, []), "sign", "digest"), pickle.HIGHEST_PROTOCOL)
    names = {arg for op, arg, _ in pickletools.genops(blob) if op.name == "SHORT_BINUNICODE"}
    assert {"Quote", "Span", "ContentLink", "Article"}.isdisjoint(names)
    (again, problems), sign, digest = pickle.loads(blob)
    assert (again, problems, sign, digest) == (article, [], "sign", "digest")
    spans = _spans(again)
    assert len(spans) == 11 and {type(span) for span in spans} == {Span}
    assert {type(link) for link in again.links} == {ContentLink}
    assert [type(quote) for quote in again.quotes] == [Quote, Quote]
    # What was one record in the worker is one in the parent.
    assert again.quotes[1].speaker_span is again.speaker_span
    assert again.quotes[0].said_on is again.quotes[1].said_on is again.said_on
    assert {id(span.path) for span in spans} == {id(again.path)}
    # Filled through their slots, the records are as frozen as those ``__init__`` makes.
    for record in (again, *again.quotes):
        with pytest.raises(FrozenInstanceError):
            record.speaker = "zorp"  # type: ignore[misc]
