"""``json_text`` writes the JSON the standard library would, by orjson where it can."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from concordance import json_text
from concordance.render import environment
from tests.conftest import REPO

text = st.text(st.characters(exclude_categories=["Cs"]))
plain: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(value=plain)
def test_compact_is_the_text_json_writes(value: Any) -> None:
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert json_text.compact(value) == expected
    assert json_text.compact_line(value) == (expected + "\n").encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(value=plain | st.floats(allow_nan=False, allow_infinity=False), sort_keys=st.booleans())
def test_dumps_reads_back_as_json_writes_it(value: Any, sort_keys: bool) -> None:
    written = json_text.dumps(value, sort_keys=sort_keys)
    assert json.loads(written) == json.loads(json.dumps(value, sort_keys=sort_keys))
    if sort_keys:  # the same order of keys, at every depth
        assert json.dumps(json.loads(written)) == json.dumps(json.loads(written), sort_keys=True)


@pytest.mark.parametrize(
    "value",
    [{2: "a", 1: [2]}, [2**70], {"when": 1.5, "nested": {"ok": [None, True]}}],
    ids=["integer key", "big integer", "float"],
)
def test_values_orjson_would_write_otherwise_are_written_by_json(value: Any) -> None:
    expected = json.loads(json.dumps(value, sort_keys=True))
    assert json.loads(json_text.dumps(value, sort_keys=True)) == expected
    assert json.loads(json_text.compact(value)) == expected
    assert json_text.compact_line(value) == (json_text.compact(value) + "\n").encode("utf-8")


@pytest.mark.parametrize("value", [dt.date(2024, 1, 2), {"a": object()}], ids=["date", "object"])
def test_values_json_refuses_are_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        json_text.dumps(value, sort_keys=True)
    with pytest.raises(TypeError):
        json_text.compact(value)
    with pytest.raises(TypeError):
        json_text.compact_line(value)


def test_infinities_are_written_as_null() -> None:
    """``json`` would write ``Infinity``, which no JSON reader accepts."""
    assert json.loads(json_text.dumps([float("inf"), float("-inf")])) == [None, None]


def test_other_options_go_to_json() -> None:
    assert json_text.dumps({"b": 1, "a": "é"}, indent=3, ensure_ascii=True) == json.dumps(
        {"b": 1, "a": "é"}, indent=3, ensure_ascii=True
    )
    assert json_text.dumps({"b": [1]}, sort_keys=True, indent=2) == json.dumps(
        {"b": [1]}, sort_keys=True, indent=2
    )


script_text = st.text(st.sampled_from("<>&'\"\\/ ée\u2028\U0001f600"))
in_scripts: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.integers() | script_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(script_text, inner, max_size=4),
    max_leaves=12,
)


def tojson_page(env: jinja2.Environment, value: Any, indent: int | None) -> str:
    return env.from_string("<script>{{ v | tojson(indent) }}</script>").render(
        v=value, indent=indent
    )


@settings(max_examples=300, deadline=None)
@given(
    value=in_scripts | plain | st.sampled_from([{2: "<a>", 1: ["'"]}, [2**70, "&"]]),
    indent=st.sampled_from([None, 2, 4]),
)
def test_tojson_writes_what_jinja_s_own_filter_writes(value: Any, indent: int | None) -> None:
    """Templates' ``tojson`` (``json_text.script_json``) is Jinja's filter under the
    ``dumps`` policy: the same text, ``<``, ``>``, ``&`` and ``'`` escaped, keys sorted."""
    jinja = jinja2.Environment(autoescape=True)
    jinja.policies["json.dumps_function"] = json_text.dumps
    ours = environment(REPO / "templates")
    assert tojson_page(ours, value, indent) == tojson_page(jinja, value, indent)
    assert type(json_text.script_json(value, indent)) is Markup


def test_tojson_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError):
        json_text.script_json({"a": object()})
