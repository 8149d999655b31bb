"""Templates escape each value they output through ``escaping.template_escape``, which gives
what MarkupSafe's ``escape`` gives, for every kind of value, and call their globals as Jinja
calls them (``render.PlainCallContext``)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from concordance import escaping, labels, render
from concordance.render import environment
from tests.conftest import REPO


class Html:
    """A value that says its own HTML, as Markup does."""

    def __init__(self, html: str) -> None:
        self.html = html

    def __html__(self) -> str:
        return self.html


class Text(str):
    """A ``str`` of another type: escaped as text, like any ``str``."""


values: st.SearchStrategy[Any] = st.one_of(
    st.text(),
    st.text().map(Markup),
    st.text().map(Text),
    st.text().map(Html),
    st.integers(),
    st.floats(allow_nan=False),
    st.none(),
    st.booleans(),
)


@given(value=values)
def test_template_escape_gives_what_markupsafe_gives(value: Any) -> None:
    escaped = escaping.template_escape(value)
    assert type(escaped) is Markup
    assert escaped == escape(value)


def test_the_site_s_templates_escape_through_template_escape(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("{% for v in values %}[{{ v }}]{% endfor %}")
    env = environment(tmp_path)
    shipped = environment(REPO / "templates").get_template("base.html")
    for template in (env.get_template("page.html"), shipped):
        assert template.root_render_func.__globals__["escape"] is escaping.template_escape
    shown = ["<a href='x'>&</a>", Markup("<b>&amp;</b>"), Text('"q"'), Html("<i>"), 7, None]
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=True)
    expected = plain.get_template("page.html").render(values=shown)
    assert env.get_template("page.html").render(values=shown) == expected
    assert (
        expected
        == "[&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;][<b>&amp;</b>][&#34;q&#34;][<i>][7][None]"
    )


@jinja2.pass_context
def page_name(context: Any, suffix: str = "") -> str:
    return f"{context['name']}{suffix}"


def stops() -> str:
    raise StopIteration


def with_attribute(text: str) -> str:
    return text.upper()


with_attribute.jinja_pass_arg = None  # type: ignore[attr-defined]


def test_templates_call_every_kind_of_global_as_jinja_does(tmp_path: Path) -> None:
    """Page globals that never take a context are called at once (``PlainCallContext``);
    the rest as Jinja calls them: a ``pass_context`` function gets the context, a partial of
    one does not (Jinja looks at the partial), a ``StopIteration`` gives an undefined value."""
    source = (
        "{% macro shout(x) %}{{ x }}!{% endmacro %}"
        "[{{ own(' a') }}][{{ wrapped('x') }}][{{ t('concepts') }}][{{ t('statements_count', 2,"
        " n=2) }}][{{ plain('<b>') }}][{{ marked('q') }}][{{ stops() | default('gone') }}]"
        "[{{ shout('m') }}][{% for i in range(2) %}{{ own(i | string) }}{% endfor %}]"
    )
    (tmp_path / "page.html").write_text(source)
    values = {
        "name": "Speaker 7",
        "own": page_name,
        "wrapped": partial(lambda context, s: f"{context}{s}", "glorp"),
        "t": labels.for_language("en"),
        "plain": partial(str.upper),
        "marked": with_attribute,
        "stops": stops,
    }
    env = environment(tmp_path)
    template = env.get_template("page.html")
    assert isinstance(template.new_context(), render.PlainCallContext)
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=True)
    expected = plain.get_template("page.html").render(values)
    assert template.render(values) == expected
    assert expected == (
        "[Speaker 7 a][glorpx][Concepts][2 statements][&lt;B&gt;][Q][gone][m!]"
        "[Speaker 70Speaker 71]"
    )
