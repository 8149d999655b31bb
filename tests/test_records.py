"""The validation results a worker pickles load back as the same records, and the records
made by the thousand pickle cheaply (``records.pickled_by_fields``)."""

from __future__ import annotations

import pickle
import pickletools
from dataclasses import fields, is_dataclass
from pathlib import Path

from bench.gen_corpus import generate
from concordance import parallel
from concordance.diagnostics import Span
from concordance.model import ContentLink


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
