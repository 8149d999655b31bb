"""Templates escape each value they output through ``escaping.template_escape``, which gives
what MarkupSafe's ``escape`` gives, for every kind of value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from concordance import escaping
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
