"""The HTML of ``token_html`` is markdown-it's; whole bodies are compared with markdown-it's
renderer by the property tests of ``test_inline_scan`` and ``test_block_scan``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.utils import OptionsDict

from concordance import markdown, token_html
from concordance.tokens import Token
from tests.conftest import build_one_article, highlights
from tests.test_inline_scan import _PIECES, STOCK, same_as_stock


@st.composite
def _tokens(draw: st.DrawFn) -> Token:
    """A token of any nesting, tag and attributes, block or inline, maybe hidden."""
    token = Token(
        draw(st.sampled_from(["paragraph_open", "inline", "em_close", "image", "li"])),
        draw(st.sampled_from(["p", "li", "em", "img", "h2", ""])),
        draw(st.sampled_from([-1, 0, 1])),
    )
    token.attrs = draw(st.dictionaries(st.sampled_from(["id", "class", 'a&"']), st.text()))
    token.block, token.hidden = draw(st.booleans()), draw(st.booleans())
    return token


@given(st.lists(_tokens(), min_size=1, max_size=6), st.booleans(), st.data())
def test_a_tag_is_the_one_markdown_it_writes(
    tokens: list[Token], xhtml: bool, data: st.DataObject
) -> None:
    renderer = RendererHTML()
    options = OptionsDict({**markdown.parser().options, "xhtmlOut": xhtml})
    idx = data.draw(st.integers(0, len(tokens) - 1))
    assert token_html.render_token(renderer, tokens, idx, options, {}) == renderer.renderToken(
        tokens, idx, options, {}
    )


_VALUES = st.text(st.sampled_from(list("ltr&\"<>'h:zorp"))) | st.integers(0, 2) | st.floats(0, 2)


@given(st.lists(st.dictionaries(st.sampled_from(["dir", "href", 'a&"', "start"]), _VALUES)))
def test_attributes_are_the_ones_markdown_it_writes(attributes: list[dict[str, Any]]) -> None:
    """``render_attrs`` writes each token's attributes as markdown-it does, those written once
    for the tokens after it too: the same name and value of another type (1, 1.0, "1") are
    written as their own."""
    for attrs in [*attributes, *attributes]:
        token = Token("paragraph_open", "p", 1)
        token.attrs = attrs
        assert token_html.render_attrs(token) == RendererHTML.renderAttrs(token)


def test_a_changed_text_rule_is_the_one_that_renders() -> None:
    """A rule of another's for text still writes it."""
    md = markdown.parser.__wrapped__()
    md.add_render_rule("text", lambda renderer, tokens, idx, options, env: "zelt")
    assert md.render("glorp *zorp*") == '<p dir="ltr">zelt<em>zelt</em></p>\n'


def test_plain_tags_and_text_are_written_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text rule is not called for a paragraph's text, nor markdown-it's attributes'
    writer for its emphasis, nor for its direction (written once per process), and its
    HTML is markdown-it's."""
    called: list[str] = []

    def counted(name: str) -> Any:
        stock = getattr(RendererHTML, name)
        return lambda *args: called.append(name) or stock(*args)

    monkeypatch.setattr(RendererHTML, "text", counted("text"))
    monkeypatch.setattr(RendererHTML, "renderAttrs", staticmethod(counted("renderAttrs")))
    html = markdown.parser.__wrapped__().render("glorp *zorp* **zelt**")
    assert html == '<p dir="ltr">glorp <em>zorp</em> <strong>zelt</strong></p>\n'
    assert called == []
    same_as_stock("glorp *zorp* **zelt**\n\n- a\n- b\n\n# Speaker 7\n")


@given(st.text(st.sampled_from(list("&<>\"'a ;#é"))) | st.text())
def test_text_is_escaped_as_markdown_it_escapes_it(text: str) -> None:
    """``escape_html`` replaces each character only where the text holds it: the same
    text as markdown-it's ``escapeHtml``, ``&`` first, ``'`` left as it is."""
    assert token_html.escape_html(text) == escapeHtml(text)


@given(st.text(st.sampled_from(list('&<>"a *-\n'))))
@example('a "quoted" word')
@example("a > b & c")
@example("-\n- a\n\n1.\n")  # empty items: <li></li> on one line
def test_a_body_is_written_as_markdown_it_writes_it(body: str) -> None:
    """Texts are escaped without a call where they hold none of the four characters, and a
    block's tags placed on their lines without one: the HTML of each body is the one
    markdown-it's own renderer writes of its tokens."""
    md = markdown.parser.__wrapped__()
    tokens = md.parse(body)
    assert md.renderer.render(tokens, md.options, {}) == RendererHTML().render(
        tokens, md.options, {}
    )


@settings(deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join), st.data())
def test_raw_html_in_a_body_is_written_as_markdown_it_writes_it(
    body: str, data: st.DataObject
) -> None:
    """A highlight's HTML (a child ``html_inline``, which ``markdown._rewrite`` puts in a
    body's blocks), written as it is without its rule, and the tags around it: the HTML
    is the one markdown-it's own renderer writes with the site's rules."""
    tokens = STOCK.parse(body)
    blocks = [token for token in tokens if token.type == "inline" and token.children]
    if blocks:
        children = data.draw(st.sampled_from(blocks)).children or []
        raw = Token("html_inline", "", 0, content='<mark id="q-1">zorp &amp;</mark>')
        children.insert(data.draw(st.integers(0, len(children))), raw)
    md = markdown.parser()
    assert md.renderer.render(tokens, md.options, {}) == STOCK.renderer.render(
        tokens, STOCK.options, {}
    )


@pytest.mark.python_source
def test_blocks_raw_html_and_emphasis_are_written_without_their_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A block's closing tag and a tag of emphasis are written without ``renderToken``
    (``render_token``, which the renderer and the site's rules call at once), and raw HTML
    without markdown-it's rule; a changed rule for raw HTML still writes it."""
    called: list[int] = []
    monkeypatch.setattr(RendererHTML, "html_inline", lambda *args: called.append(-1) or "")
    md = markdown.parser.__wrapped__()
    tokens = md.parse("glorp *zorp* **zelt**\n\n> zorp\n")
    tokens[1].children = [*(tokens[1].children or []), Token("html_inline", "", 0, content="<i>")]
    token = token_html.render_token

    def spy(renderer: RendererHTML, tokens: list[Token], idx: int, *args: Any) -> str:
        called.append(idx)
        return token(renderer, tokens, idx, *args)

    monkeypatch.setattr(token_html, "render_token", spy)
    monkeypatch.setattr(markdown, "render_token", spy)
    html = md.renderer.render(tokens, md.options, {})
    assert called == [0, 3, 4]  # <p>, <blockquote> and its <p>, through their rules
    assert "</p>\n" in html
    assert "<em>zorp</em> <strong>zelt</strong><i>" in html
    md.add_render_rule("html_inline", lambda renderer, tokens, idx, options, env: "zelt")
    assert md.renderer.render(tokens[:3], md.options, {}).endswith("</strong>zelt</p>\n")


def test_a_highlight_and_its_text_are_escaped_on_the_page(tmp_path: Path) -> None:
    """Markup characters of a body, in a quote's highlight and around it, are shown as
    typed: each escaped once, in the order markdown-it escapes them."""
    body = 'Speaker 7 said "glorp & <zorp>" then a>b & c<d.\n\nNo markup in zelt.\n'
    front = (
        "title: Glorp\ndate: 2024-01-05\nquotes:\n"
        "  - text: '\"glorp & <zorp>\" then'\n    concepts: [tesik plan]\n"
    )
    one = build_one_article(tmp_path, "2024-01-05-glorp", front, body)
    assert highlights(one.body) == ['"glorp & <zorp>" then']
    paragraphs = [p.get_text() for p in one.body.select("p")]
    assert paragraphs == ['Speaker 7 said "glorp & <zorp>" then a>b & c<d.', "No markup in zelt."]
    page = (tmp_path / "site" / "articles" / "2024-01-05-glorp" / "index.html").read_text()
    assert '>&quot;glorp &amp; &lt;zorp&gt;&quot; then</mark><span class="chips"' in page
    assert "</span> a&gt;b &amp; c&lt;d.</p>" in page
