"""Hypothesis properties of the loader, the validator and quote verification.

- Any front matter at all (arbitrary YAML values, arbitrary text) gives diagnostics,
  never an exception; every diagnostic points into the file.
- Any run of words a reader sees in a rendered Markdown body, copied as a quote,
  verifies, and is highlighted in the page. The oracle is independent of the code
  under test: the text comes from the rendered HTML, read by BeautifulSoup.
"""

from __future__ import annotations

import datetime as dt
import string

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from concordance.diagnostics import Diagnostic
from concordance.field_names import ARTICLE_FIELDS, CONCEPT_FIELDS, QUOTE_FIELDS
from concordance.load import parse_document
from concordance.markdown import QuoteRequest, render_body, render_markdown
from concordance.textnorm import fold
from concordance.validate import (
    CONFIG_FIELDS,
    validate_article,
    validate_concept,
    validate_config,
)

PATH = "content/articles/2024-01-01-x.md"

# --- arbitrary front matter never crashes ------------------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text()
    | st.dates(min_value=dt.date(1, 1, 1))
    | st.datetimes()
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8) | st.sampled_from(QUOTE_FIELDS), children, max_size=4)
    ),
    max_leaves=12,
)
FIELD_NAMES = sorted(set(ARTICLE_FIELDS + CONCEPT_FIELDS + CONFIG_FIELDS + QUOTE_FIELDS))
front_matter = st.dictionaries(
    st.sampled_from(FIELD_NAMES) | st.text(max_size=10), values, max_size=len(FIELD_NAMES)
)
quote_lists = st.lists(
    st.dictionaries(st.sampled_from(QUOTE_FIELDS), values, max_size=len(QUOTE_FIELDS)),
    max_size=3,
)


def check_all(data: bytes) -> list[Diagnostic]:
    """Load and validate ``data`` as an article, a concept and a site.yaml."""
    raw, diagnostics = parse_document(PATH, data)
    for validate in (validate_article, validate_concept):
        _, found = validate(raw)  # type: ignore[operator]
        diagnostics = diagnostics + found
    if raw.meta is not None:
        _, found = validate_config(raw)
        diagnostics = diagnostics + found
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1  # as editors
    for d in diagnostics:
        assert d.span.path == PATH
        assert 1 <= d.span.line <= lines + 1, d
        assert d.span.col >= 1, d
        assert d.message
    return diagnostics


def document(meta: str, body: str = "Body text.\n") -> bytes:
    return f"---\n{meta}---\n{body}".encode("utf-8", "surrogatepass")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matter, quote_lists)
def test_arbitrary_yaml_values_give_diagnostics_not_exceptions(
    meta: dict[str, object], quotes: list[dict[str, object]]
) -> None:
    if quotes:
        meta = {**meta, "quotes": quotes}
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    try:
        data = document(text).decode("utf-8").encode("utf-8")
    except UnicodeError:
        assume(False)
    check_all(data)


@settings(max_examples=150, deadline=None)
@given(st.text(), st.text())
@example("title: [unclosed\n", "")
@example("? [a, b]\n: c\n", "")
@example("title: &a [*a]\n", "")
@example("quotes: [{text: x}]\n", "x\n")
@example("title: !!python/object:os.system ['true']\n", "")
@example('title: "\\0"\n', "")
@example("date: 2024-02-30\n", "")
@example("date: 99999-01-01\n", "")
@example("quotes:\n- text: ''\n", "")
@example("\r0", "\r\x08")  # a lone CR is a line break, as in editors
def test_arbitrary_text_as_front_matter_never_crashes(meta: str, body: str) -> None:
    data = f"---\n{meta}\n---\n{body}".encode("utf-8", "surrogatepass")
    check_all(data)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    check_all(data)
    check_all(b"---\n" + data)


# --- any sentence a reader sees verifies as a quote -----------------------------------

WORDS = st.text(
    alphabet=string.ascii_letters + "éßΩ新质力ﬁ①Ａ한\u0301\u00ad´`İكש\u064e\u05b8\u0640",
    min_size=1,
    max_size=8,
)
# Punctuation and Markdown's own characters, space-separated.
PUNCTUATION = ", . ! ? ; : ' \" “ ” ‘ ’ — – - -- ... ( ) &amp; & < > * _ \\* # % ~ ` [ ] |"
PUNCT = st.sampled_from(PUNCTUATION.split())
INLINE = st.one_of(
    WORDS,
    WORDS.map(lambda w: f"*{w}*"),
    WORDS.map(lambda w: f"**{w}**"),
    WORDS.map(lambda w: f"_{w}_"),
    WORDS.map(lambda w: f"`{w}`"),
    WORDS.map(lambda w: f"[{w}](https://example.org/{w})"),
    WORDS.map(lambda w: f"~~{w}~~"),
    WORDS.map(lambda w: f"![{w}](x.png)"),
    st.lists(WORDS, min_size=2, max_size=3).map(lambda ws: f"*{' '.join(ws)}*"),
    st.lists(WORDS, min_size=2, max_size=3).map(lambda ws: f"[{' '.join(ws)}](/x)"),
    st.sampled_from(["<https://example.org/a>", "&copy;", "&#x41;", "&nbsp;", "\\", "\\_"]),
    # Raw HTML as documents written for the web carry it (``inline_html``).
    WORDS.map(lambda w: f"<b>{w}</b>"),
    WORDS.map(lambda w: f"<code>{w}</code>"),
    WORDS.map(lambda w: f'<span style="color: red">{w}</span>'),
    WORDS.map(lambda w: f"<td>{w}</td>"),
    # Small print: a superscript of several words is read as text, one of one word as a mark.
    st.lists(WORDS, min_size=2, max_size=3).map(lambda ws: f"<sup><i>{' '.join(ws)}</i></sup>"),
    st.sampled_from(['<a id="x"></a>', '<a name="y">', "<div>", "</div>", "<p>", "</p>"]),
    PUNCT,
)
SEPARATORS = st.sampled_from([" ", " ", " ", "  ", "\n", "  \n", "\u00a0", "\t", " \u200b"])


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    parts = draw(st.lists(INLINE, min_size=1, max_size=25))
    seps = draw(st.lists(SEPARATORS, min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True)).strip()


@st.composite
def html_tables(draw: st.DrawFn) -> str:
    """A table written in HTML, read as a table (``html_blocks``): its cells are blocks."""
    rows = draw(st.lists(st.lists(paragraphs(), min_size=1, max_size=3), min_size=1, max_size=3))
    cells = ("".join(f"<td>{cell}</td>" for cell in row) for row in rows)
    return "<table>\n" + "\n".join(f"<tr>{row}</tr>" for row in cells) + "\n</table>"


@st.composite
def bodies(draw: st.DrawFn) -> str:
    blocks = draw(
        st.lists(st.one_of(paragraphs(), paragraphs(), html_tables()), min_size=1, max_size=4)
    )
    prefixes = draw(
        st.lists(
            st.sampled_from(["", "", "# ", "> ", "- ", "1. ", "* ", "> [!NOTE]\n> "]),
            min_size=len(blocks),
            max_size=len(blocks),
        )
    )
    ends = draw(st.sampled_from(["\n", "\n\n>\n"]))  # an empty block quote last
    return "\n\n".join(p + b for p, b in zip(prefixes, blocks, strict=True)) + ends


def reader_blocks(html: str) -> list[str]:
    """The text of each block a reader sees (code blocks excepted: they are not prose, and
    alerts' titles: they are the site's)."""
    doc = BeautifulSoup(html, "lxml")
    blocks = []
    for element in doc.find_all(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"]):
        if element.find(["p", "ul", "ol", "pre"]) is None and "alert-title" not in (
            element.get("class") or ()
        ):
            blocks.append(element.get_text())
    return blocks


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies(), st.data())
@example("Speaker 7 said *Vorlan growth* is the keystone.\n", None)
def test_any_sentence_a_reader_sees_verifies(body: str, data: st.DataObject | None) -> None:
    blocks = [b for b in reader_blocks(render_markdown(body)[0]) if b.split()]
    assume(blocks)
    if data is None:
        block, start, end = blocks[0], 2, 5
    else:
        block = data.draw(st.sampled_from(blocks))
        words = block.split()
        start = data.draw(st.integers(0, len(words) - 1))
        end = data.draw(st.integers(start + 1, len(words)))
    quote = " ".join(block.split()[start:end])
    assume(fold(quote))  # only invisible characters: nothing to find
    result = render_body(body, [QuoteRequest("q-prop", quote)])
    assert "q-prop" in result.found, (body, quote)
    marked = BeautifulSoup(result.html, "lxml").select('mark[data-quote="q-prop"]')
    assert marked, (body, quote)
    # Marks are split where the quote crosses markup or a line break: compare the
    # characters they hold, white space aside. A mark may hold a little more than the
    # quote where one character folds to several (the quote "i" in the ligature "ﬁ").
    shown = "".join(fold(m.get_text()) for m in marked).replace(" ", "")
    wanted = fold(quote).replace(" ", "")
    assert wanted in shown and len(shown) <= len(wanted) + 2, (body, quote, shown)
