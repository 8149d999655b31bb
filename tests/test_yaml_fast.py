"""``yaml_fast``: a front matter in plain YAML read without libyaml gives exactly what libyaml's
path gives (values, tags, places, diagnostics, compared whole), or is declined to it.

Front matters are generated from the grammar it reads, with values that YAML reads as other
than text, quotes, brackets and other scripts in them, and then perturbed: a character
inserted, a line indented otherwise, a quote or a line dropped or doubled. Each is either
declined or read as libyaml reads it. And it reads the benchmark corpus's front matters and
the sample content's, so that it never silently declines all of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bench.gen_corpus import generate
from concordance import load, yaml_fast
from concordance.diagnostics import Diagnostic
from concordance.load import YNode, split_front_matter
from concordance.yaml_lines import Lines

PATH = "content/articles/2024-01-01-x.md"
SAMPLE = Path(__file__).resolve().parent.parent / "content"

Result = tuple[YNode | None, list[Diagnostic]]


def _lines(source: str) -> Lines:
    return Lines(source, PATH, 2, "front matter")


def fast(source: str) -> Result | None:
    return load._read_plain(_lines(source))


def composed(source: str) -> Result:
    return load._composed(_lines(source))


def _same_or_declined(source: str) -> Result | None:
    got = fast(source)
    if got is not None:
        assert got == composed(source), source
    return got


# --- the grammar -------------------------------------------------------------------------

_WORDS = [
    "zelt", "tea", "Zürich", "Ελλάδα", "σοφός", "中文", "日本語", "العربية", "עברית", "हिन्दी",
    "😀", "𝔘", "naïve", "yes", "No", "on", "OFF", "null", "~", "true", "1", "-1", "0x1F",
    "1_000", "1.5", ".inf", "-.Inf", ".nan", "1e3", "2024-01-01", "2024-01-01 10:00:00",
    "12:30", "=", "<<", "a:b", "C#", "#1", "don't", 'say "hi"', "x,y", "[a]", "{b}", "&c",
    "*d", "!e", "%f", "@g", "`h`", "|", ">", "?", "-", ":", "--", "...", "---", "a: b",
    "http://x.org/a?b=c#d", "¿qué?", "Ω", "ſ", "ǅ", "x\\y", "''", '""', "'", '"',
]  # fmt: skip
_KEYS = ["title", "date", "text", "concepts", "note", "speaker", "a", "_b", "c-d", "yes",
         "null", "on", "x1", "Title", "y"]  # fmt: skip

words = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join)


@st.composite
def scalars(draw: st.DrawFn, flow: bool = False) -> str:
    text = draw(words)
    style = draw(st.sampled_from(["plain", "plain", "single", "double"]))
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text.replace('"', "") + '"'
    return text


@st.composite
def flows(draw: st.DrawFn) -> str:
    items = draw(st.lists(scalars(flow=True), max_size=4))
    gap = draw(st.sampled_from(["", " ", "  "]))
    return "[" + gap + ("," + draw(st.sampled_from([" ", "", "  "]))).join(items) + gap + "]"


def _mapping(draw: st.DrawFn, indent: int, depth: int, first_prefix: str = "") -> list[str]:
    keys = draw(st.lists(st.sampled_from(_KEYS), min_size=1, max_size=5, unique=True))
    out: list[str] = []
    for number, key in enumerate(keys):
        lead = first_prefix if number == 0 and first_prefix else " " * indent
        out.extend(_field(draw, lead + key + ":", indent, depth))
    return out


def _field(draw: st.DrawFn, head: str, indent: int, depth: int) -> list[str]:
    kind = draw(
        st.sampled_from(["scalar", "scalar", "flow", "list", "map"] if depth < 3 else ["scalar"])
    )
    gap = draw(st.sampled_from([" ", " ", "  "]))
    if kind == "scalar":
        return [head + gap + draw(scalars()) + draw(st.sampled_from(["", "", " "]))]
    if kind == "flow":
        return [head + gap + draw(flows())]
    inner = indent + draw(st.sampled_from([2, 2, 4, 1]))
    if kind == "map":
        return [head, *_mapping(draw, inner, depth + 1)]
    out = [head]
    for _ in range(draw(st.integers(1, 3))):
        dash = " " * inner + "-" + draw(st.sampled_from([" ", " ", "   "]))
        if draw(st.booleans()):
            out.extend(_mapping(draw, len(dash), depth + 1, dash))
        else:
            out.append(dash + draw(st.one_of(scalars(), flows())))
    return out


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    rows = _mapping(draw, 0, 0)
    for _ in range(draw(st.integers(0, 2))):
        rows.insert(draw(st.integers(0, len(rows))), draw(st.sampled_from(["", "  "])))
    return "\n".join(rows) + "\n"


_INSERTED = [*" \t#:-'\"[],{}\n\\&*!|>%@`?é中😀\u2028\u00a0\ufeff\r~", "---", "...", ": "]


@st.composite
def perturbed(draw: st.DrawFn) -> str:
    source = draw(front_matters())
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["insert", "indent", "unindent", "unquote", "drop", "double"]))
        rows = source.split("\n")
        row = draw(st.integers(0, len(rows) - 1))
        if how == "insert":
            at = draw(st.integers(0, len(source)))
            source = source[:at] + draw(st.sampled_from(_INSERTED)) + source[at:]
            continue
        if how == "indent":
            rows[row] = " " * draw(st.integers(1, 3)) + rows[row]
        elif how == "unindent":
            rows[row] = rows[row][draw(st.integers(1, 3)) :]
        elif how == "unquote":
            quote = draw(st.sampled_from(["'", '"']))
            rows[row] = rows[row].replace(quote, "", 1)
        elif how == "drop":
            del rows[row]
        else:
            rows.insert(row, rows[row])
        source = "\n".join(rows)
    return source


# --- the properties ----------------------------------------------------------------------


@settings(max_examples=800, deadline=None, suppress_health_check=list(HealthCheck))
@given(front_matters())
@example("title: Zelt\nquotes:\n  - text: a\n    concepts: [b, 'c''d', \"e\"]\n")
def test_a_front_matter_of_the_grammar_reads_as_libyaml_reads_it(source: str) -> None:
    _same_or_declined(source)


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(perturbed())
@example("title: a\ntitle: b\n")
@example("title: a\n  b\n")
@example("a:\n- b\n")
@example("a: [b, ]\n")
@example("a: 'b' c\n")
@example("a: b #c\n")
def test_a_perturbed_front_matter_is_declined_or_read_as_libyaml_reads_it(source: str) -> None:
    _same_or_declined(source)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet=st.sampled_from(list("ab: -'\"[],#\n\t!&*é中")), max_size=40))
def test_any_short_text_is_declined_or_read_as_libyaml_reads_it(source: str) -> None:
    _same_or_declined(source)


@pytest.mark.parametrize(
    "source",
    [
        "title: Zelt\n",
        "title: Zürich\nconcepts: [中文, 'Ελλάδα']\n",
        'quotes:\n  - text: "a"\n    concepts: [b]\n  - c\n',
        "a:\n    b: yes\n    c: 2024-01-01\n\nd: ~\n",
        "a: [ ]\nb: 'it''s'\n",
    ],
)
def test_plain_front_matters_are_read_without_libyaml(source: str) -> None:
    assert _same_or_declined(source) is not None


@pytest.mark.parametrize("length", [1000, 1025, 1100])
def test_a_key_longer_than_libyaml_reads_is_declined(length: int) -> None:
    """libyaml refuses a key of over 1,024 characters ("mapping values are not allowed
    here"): read here, it would be a field and no error."""
    taken = _same_or_declined("k" * length + ": v\ntitle: x\n")  # the same, if taken
    assert (taken is not None) == (length <= yaml_fast.MAX_KEY)


def _fronts(content: Path) -> list[str]:
    fronts = []
    for file in sorted(content.rglob("*.md")):
        front, *_ = split_front_matter(str(file), file.read_text(encoding="utf-8"))
        if front is not None:
            fronts.append(front)
    return fronts


def test_the_benchmark_corpus_is_read_without_libyaml(tmp_path: Path) -> None:
    generate(60, 3, tmp_path / "content", jobs=1)
    fronts = _fronts(tmp_path / "content")
    assert len(fronts) > 60
    for front in fronts:
        assert _same_or_declined(front) is not None, front


def test_the_sample_content_is_read_without_libyaml() -> None:
    fronts = _fronts(SAMPLE)
    taken = [front for front in fronts if _same_or_declined(front) is not None]
    # All but the one article whose front matter holds a comment.
    assert len(taken) >= len(fronts) - 1 > 10
