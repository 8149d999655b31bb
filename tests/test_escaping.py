"""Templates escape each value they output through ``escaping.template_escape``, which gives
what MarkupSafe's ``escape`` gives, for every kind of value, and call their globals as Jinja
calls them (``render.PlainCallContext``)."""

from __future__ import annotations

import html
import sys
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any

import jinja2
import pytest
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
    """The same text; a ``str`` escaped stays a ``str`` (templates only output it)."""
    escaped = escaping.template_escape(value)
    assert escaped == escape(value)
    assert type(escaped) is (str if type(value) is str else Markup)


@pytest.mark.python_source
def test_a_str_or_markup_is_escaped_without_a_call_in_python() -> None:
    """``template_escape`` runs for every value a page outputs; a ``str`` or a ``Markup``
    takes no call of a function written in Python (``typing.cast`` was two of them)."""
    calls: list[str] = []

    def seen(frame: FrameType, event: str, arg: object) -> None:
        if event == "call":
            calls.append(frame.f_code.co_name)

    markup = Markup("<b>zorp</b>")
    sys.setprofile(seen)
    try:
        escaping.template_escape("glorp <zorp>")
        escaping.template_escape(markup)
    finally:
        sys.setprofile(None)
    assert calls == ["template_escape", "template_escape"]


def test_a_template_is_compiled_once_however_many_a_site_has(tmp_path: Path) -> None:
    """Templates are kept in a dict, not in Jinja's bounded cache, which locks and reorders
    a queue at each of a page's three look-ups (its template, the one it extends, an
    include): the template given again is the one compiled, past Jinja's 400 too."""
    for number in range(401):
        (tmp_path / f"zorp{number}.html").write_text(f"glorp {number}")
    env = environment(tmp_path)
    first = env.get_template("zorp0.html")
    for number in range(1, 401):
        env.get_template(f"zorp{number}.html")
    assert env.get_template("zorp0.html") is first


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


def test_escaped_text_joined_by_macros_and_blocks_is_markup_as_in_jinja(tmp_path: Path) -> None:
    """What ``template_escape`` gives is only output: a macro's, a call block's, a filter
    block's and a block set's text is made ``Markup`` by Jinja itself, escaped once, as a
    plain environment makes it."""
    source = (
        "{% macro m(v) %}<{{ v }}>{% endmacro %}{% macro w() %}<{{ caller() }}>{% endmacro %}"
        "{% set held %}[{{ v }}]{% endset %}"
        "{{ m(v) }}{{ m(m(v)) }}{% call w() %}({{ v }}){% endcall %}{{ held }}{{ held | upper }}"
        "{% filter upper %}{{ v }}{% endfilter %}{{ m(v) | length }}{{ v ~ held }}"
        "{% autoescape false %}{{ v }}{% endautoescape %}{{ held ~ m(v) | e }}"
    )
    (tmp_path / "page.html").write_text(source)
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=True)
    for value in ["<a href='x'>&</a>", Markup("<b>&amp;</b>"), Text('"q"'), 7]:
        expected = plain.get_template("page.html").render(v=value)
        assert environment(tmp_path).get_template("page.html").render(v=value) == expected


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


names = st.one_of(st.sampled_from(sorted(dir({}))), st.sampled_from(["title", "path"]), st.text())


@given(keys=st.lists(names, max_size=4), name=names)
def test_a_dict_is_read_as_jinja_reads_it(keys: list[str], name: str) -> None:
    """``page.title`` reads the key at once (``render.SiteEnvironment``), as Jinja's own
    ``getattr`` does after failing to find such an attribute; a dict's methods still win."""
    page = {key: f"glorp {key}" for key in keys}
    ours, jinjas = (
        environment(REPO / "templates"),
        jinja2.Environment(undefined=jinja2.StrictUndefined),
    )
    assert isinstance(ours, render.SiteEnvironment)
    got, expected = ours.getattr(page, name), jinjas.getattr(page, name)
    assert type(got) is type(expected)
    if isinstance(expected, jinja2.Undefined):
        assert got._undefined_name == expected._undefined_name == name
        assert got._undefined_obj is expected._undefined_obj is page
    else:
        assert got == expected


def test_templates_read_dicts_as_jinja_does(tmp_path: Path) -> None:
    """Keys, a dict's methods, a key named as a method, a subclass (a ``defaultdict``, which
    makes the key Jinja asks it for once no attribute has the name) and a missing key."""
    from collections import defaultdict

    (tmp_path / "page.html").write_text(
        "[{{ page.title }}][{{ page['path'] }}][{{ page.items() | list | length }}]"
        "[{{ page.get('zorp', 'none') }}][{{ counts.default_factory is none }}]"
        "[{{ counts.glorp | default('unset') }}][{{ counts | length }}][{{ page.keys is defined }}]"
    )
    page = {"title": "Speaker 7 <glorp>", "path": "a/", "keys": "zorp"}
    counts: defaultdict[str, int] = defaultdict(int)
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=True)
    expected = plain.get_template("page.html").render(page=page, counts=counts)
    assert environment(tmp_path).get_template("page.html").render(page=page, counts=counts) == (
        expected
    )
    assert expected == "[Speaker 7 &lt;glorp&gt;][a/][3][none][False][0][1][True]"
    undefined = environment(tmp_path).from_string("{{ page.zorp }}")
    try:
        undefined.render(page=page)
    except jinja2.UndefinedError as exc:
        assert str(exc) == "'dict object' has no attribute 'zorp'"
    else:
        raise AssertionError("a missing key renders")


def test_templates_read_their_globals_from_a_plain_dict(tmp_path: Path) -> None:
    """A template's globals are the environment's, copied into a dict when it is loaded
    (``render.EscapingTemplate``), as the pages, the templates they include and the
    macros they import read them; a global given to one template is that template's."""
    (tmp_path / "page.html").write_text(
        "{% from 'macros.html' import shout %}[{{ t('concepts') }}][{{ strong('glorp') }}]"
        "[{% include 'inner.html' %}][{{ shout() }}][{{ extra | default('none') }}]"
    )
    (tmp_path / "inner.html").write_text("{{ t('speakers') }} {{ name }}")
    (tmp_path / "macros.html").write_text(
        "{% macro shout() %}{{ link_to('z', 'zorp') }}{% endmacro %}"
    )
    env = environment(tmp_path)
    template = env.get_template("page.html")
    assert type(template.globals) is dict and template.globals["t"] is env.globals["t"]
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=True)
    plain.globals.update(env.globals)
    expected = plain.get_template("page.html").render(name="Speaker 7")
    assert template.render(name="Speaker 7") == expected
    assert expected == (
        '[Concepts][<strong>glorp</strong>][Speakers Speaker 7][<a href="z">zorp</a>][none]'
    )
    given = env.get_template("page.html", globals={"extra": "glorp"})
    assert given.render(name="Speaker 7").endswith("[glorp]")


def test_a_page_s_url_and_labels_are_called_without_jinja_s_look_for_a_context(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``url`` (``urls.RelativeLinks``, or ``AbsoluteLinks`` on 404.html) and ``t`` take no
    context: they are called at once, not through Jinja's ``Context.call``, which looked
    for a mark on each in Python (compiled, ``url`` was a closure of mypyc's making)."""
    through_jinja: list[object] = []
    jinja_call = jinja2.runtime.Context.call

    def spied(__self: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        through_jinja.append(__obj)
        return jinja_call(__self, __obj, *args, **kwargs)

    monkeypatch.setattr(jinja2.runtime.Context, "call", spied)
    (tmp_path / "page.html").write_text(
        "{{ url('concepts/x y/') }}|{{ url('a/#q') }}|{{ t('concepts') }}"
    )
    page = environment(tmp_path).get_template("page.html")
    words = labels.for_language("en")
    relative = page.render(url=render._relative_to("../"), t=words)
    absolute = page.render(url=render._base_absolute("/repo/"), t=words)
    assert relative == "../concepts/x%20y/|../a/#q|Concepts"
    assert absolute == "/repo/concepts/x%20y/|/repo/a/#q|Concepts"
    assert through_jinja == []


def test_templates_read_attributes_by_a_compiled_function_and_call_plain_globals_at_once(
    tmp_path: Path,
) -> None:
    """The templates' code reads attributes by ``template_runtime.template_attr``, never by
    the environment's ``getattr`` in Python, and calls a callable of ``PLAIN_CALLABLES`` at
    once, any other through ``Context.call`` (``site_jinja.SiteCodeGenerator``): the same
    text as Jinja's, a keyword named as ``Context.call``'s arguments or as a Python keyword,
    a call among the arguments, unpacked arguments and a macro's ``caller`` too."""
    source = (
        "{% macro box() %}[{{ caller() }}]{% endmacro %}"
        "{{ t('footer', site=page.title, obj=1, context=2) }}|{{ page.items() | list | length }}"
        "|{% call box() %}{{ url(page.path) }}{% endcall %}|{{ dict(class=t('concepts')) }}"
        "|{{ t(*['footer'], **{'site': url('b/')}) }}|{{ own(' x') }}"
        "|{% for i in range(2) %}{{ url(i | string) }}{{ loop.index }}{% endfor %}"
    )
    (tmp_path / "page.html").write_text(source)
    env = environment(tmp_path)
    code = env.compile(source, "page.html", raw=True)
    assert "site_template_attr(environment, " in code and "environment.getattr(" not in code
    assert "in site_plain_callables else context.call(" in code
    values = {
        "page": {"title": "Glorp <b>", "path": "a/"},
        "url": render._relative_to("../"),
        "own": page_name,
        "name": "Speaker 7",
    }
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=True)
    plain.globals.update(env.globals)
    expected = plain.get_template("page.html").render(values)
    assert env.get_template("page.html").render(values) == expected
    assert expected == (
        "Glorp &lt;b&gt;. Every statement links to the passage it was taken from.|2|[../a/]"
        "|{&#39;class&#39;: Markup(&#39;Concepts&#39;)}"
        "|../b/. Every statement links to the passage it was taken from.|Speaker 7 x|../01../12"
    )


def test_a_run_of_output_is_one_yield_and_its_errors_are_at_their_line(tmp_path: Path) -> None:
    """``SiteCodeGenerator`` yields a run of a template's output joined, as Jinja joins a
    macro's; an expression that fails is still located at its own line of the template."""
    import traceback

    source = "[{{ a }}]\n[{{ b.c }}]{{ t('concepts') }}"
    (tmp_path / "page.html").write_text(source)
    env = environment(tmp_path)
    assert env.compile(source, "page.html", raw=True).count("yield concat((") == 1
    assert env.get_template("page.html").render(a=1, b={"c": "<"}) == "[1]\n[&lt;]Concepts"
    with pytest.raises(jinja2.UndefinedError) as caught:
        env.get_template("page.html").render(a=1, b={})
    lines = [f.lineno for f in traceback.extract_tb(caught.tb) if f.filename.endswith("page.html")]
    assert lines[-1] == 2


@given(st.text())
def test_a_label_escaped_reads_as_its_text(text: str) -> None:
    """``escape_label`` writes a label's punctuation past ASCII as references: a browser reads
    the text (``html.unescape``, as it reads a reference) escaped as ``escape`` escapes it,
    its letters and controls as they are."""
    escaped = escaping.escape_label(text)
    assert html.unescape(escaped) == html.unescape(str(escape(text)))
    assert escaped.count("&amp;") == str(escape(text)).count("&amp;")  # none escaped twice


@pytest.mark.parametrize("tag", labels.shipped_tags())
def test_every_catalog_label_escaped_reads_as_written(tag: str) -> None:
    """Every shipped label, escaped for a page, reads as its text escaped; English's are ASCII,
    so a site whose content is ASCII writes pages that are ASCII."""
    for value in labels.catalog(tag).values():
        for text in value.values() if isinstance(value, dict) else [value]:
            escaped = escaping.escape_label(text)
            assert html.unescape(escaped) == html.unescape(str(escape(text)))
            assert escaped.isascii() or tag != "en"
