"""Template tags of other generators (Hugo's shortcodes, Liquid's tags) left in a body: a
warning at each, none for those in code; text never closed is no tag."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import check_one_body, run_cli
from hypothesis import example, given, settings
from hypothesis import strategies as st

from concordance import shortcodes
from concordance.markdown import render_plain


@pytest.mark.parametrize(
    ("body", "tags"),
    [
        (
            '{{< figure src="a.png" >}} and {{% note %}}x{{% /note %}}',
            ["{{< figure", "{{% note", "{{% /no"],
        ),
        ("{% include a.html %}\n\n{% raw %}", ["{% include", "{% raw %"]),
        ('{{< figure\n  caption="two lines" >}}', ["{{< figure"]),
        ("`{{< figure >}}` and\n\n    {% include a.html %}\n\n```\n{% raw %}\n```", []),
        ("{{< never closed\n\n{% neither", []),
        ("{{% a >}} %}}", ["{{% a >}"]),  # to the nearest closing of its own kind
        ("{{< " * 20_000 + "{% " * 20_000, []),
        ('{{<figure src="a.png">}} and ``{{< b >}}``', ['{{<figure src="a.png">}}']),  # no spaces
        ("{% a %} " + " ".join("`" * k for k in range(1, 900)), ["{% a %}"]),  # runs never closed
        (  # Liquid's and Nunjucks' output tags, as Jekyll and Eleventy pages write them
            'Welcome to {{ site.title }}, on {{ page.date | date: "%B %d" }}.',
            ["{{ site.title }}", '{{ page.date | date: "%B %d" }}'],
        ),
        (
            "![hall]({{ site.baseurl }}/a.png) {{- page.title -}} {{ '/b/' | relative_url }}",
            ["{{ site.baseurl }}", "{{- page.title -}}", "{{ '/b/' | relative_url }}"],
        ),
        ("{{citation needed}}, {{ }}, {{{ raw }}} and `{{ site.title }}`", []),  # no output tags
        (  # Logseq's and Roam's macros
            "{{embed [[Glorp plan]]}} and {{video https://e.org/v}} and {{query (and [[a]])}}",
            ["{{embed [[Glorp plan]]}}", "{{video https://e.org/v}}", "{{query (and [[a]])}}"],
        ),
        ("{{ " * 20_000, []),
        (  # Obsidian's embeds, of an image (its width after |) or of a note's part
            "Map: ![[zorp-map.png|300]] and ![[Other note#Yields]].\n\nA [[link]] and `![[x]]`",
            ["![[zorp-map.png|300]]", "![[Other note#Yields]]"],
        ),
        ("![[]] and ![[a\nb]] and " + "![[" * 20_000, []),
        ("A badge: ![[version]](https://e.org/v.svg) and ![[x]][ref]\n\n[ref]: x.png", []),
        (  # kramdown's extensions and table of contents, as Jekyll's pages write them
            '* TOC\n{:toc}\n\n{::comment}\nzorp\n{:/comment}\n\n{::options a="b" /} and {:/}',
            ["{:toc}", "{::comment}", "{:/comment}", '{::options a="b" /}', "{:/}"],
        ),
        ("{: .lead}\n\n## Glorp {:#glorp}\n\n{:.note}", []),  # attributes, read here
        ('ERB and EJS: <% tp.date.now("HH:mm") %> and <%= title %>', ["<% tp.date", "<%= title"]),
        ("a <% b and 5 %> c\n\n`<% x %>`", ["<% b and 5 %>"]),
        ("[TOC]\n\nText.\n\n[toc]\n\nA [TOC] mid-line, [TOC](#t)", ["[TOC]", "[toc]"]),
        (  # WordPress's shortcodes, as its exporters leave them
            '[caption id="attachment_12" width="300"]<img src="z.png"> The zorp.[/caption]\n\n'
            "[gallery]\n\n[embed]https://e.org/v[/embed] [contact-form-7 id='5' /]",
            [
                '[caption id="attachment_12" width="300"]',
                "[/caption]",
                "[gallery]",
                "[embed]",
                "[/embed]",
                "[contact-form-7 id='5' /]",
            ],
        ),
        (  # no shortcodes: notes, links, references, an editor's brackets
            "[sic] and [1] and [...] and [caption](c.md) and [gallery][g] and [[embed]]\n\n"
            "[video]: https://e.org/v\n\n[a b](x) and [citation needed]\n\n"
            "A transcript: [video] [audio] [applause] [inaudible]",
            [],
        ),
        (  # PyMdown's snippets, on lines of their own (in code they are meant as typed)
            '--8<-- "includes/abbreviations.md"\n-8<- \'a.md:2:5\'\n\n- zorp\n  --8<-- "b.md"\n\n'
            'A line with --8<-- "c.md" in it, --8<-- alone, and\n\n```\n--8<-- "d.py"\n```',
            ['--8<-- "includes/abbreviations.md"', "-8<- 'a.md:2:5'", '--8<-- "b.md"'],
        ),
    ],
)
def test_template_tags_are_found_in_text_only(body: str, tags: list[str]) -> None:
    found = [tag for _, tag in render_plain(body).template_tags]
    assert [tag[: len(start)] for tag, start in zip(found, tags, strict=False)] == tags
    assert len(found) == len(tags)


def test_closings_are_looked_for_only_after_an_opening_of_their_kind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Text whose openings are all ``[`` (its links) is not searched for ``%}`` and the
    other closings: most paragraphs of a site hold links, and none a template tag."""
    searched: list[str] = []
    finditer = re.finditer

    def spy(pattern: str, text: str) -> Iterator[re.Match[str]]:
        searched.append(pattern)
        return finditer(pattern, text)

    monkeypatch.setattr(shortcodes.re, "finditer", spy)
    assert list(shortcodes._tags("[glorp](a.md) and [zorp][1] and [sic]")) == []
    assert searched == []
    tags = list(shortcodes._tags("[glorp](a.md) {% include x %} and {% y %} <% z %>"))
    assert tags == ["{% include x %}", "{% y %}", "<% z %>"]
    assert searched == [re.escape("%}"), re.escape("%>")]


_PIECES = st.sampled_from([*"[{<!%:] a\n", "{{", "![[", "<%", "{%"])


@settings(max_examples=2000)
@given(st.lists(_PIECES, max_size=40).map("".join))
@example("[a](b.md) ![[c]] {{< d >}} {: e} <% f %>")
def test_openings_are_those_the_whole_pattern_finds(text: str) -> None:
    """``_openings`` (those of ``[`` alone where no other opening's first character is)
    finds each opening ``_OPENER`` finds, and ``_opens`` holds where it finds one."""
    expected = [(m.span(), m.group()) for m in shortcodes._OPENER.finditer(text)]
    assert [(m.span(), m.group()) for m in shortcodes._openings(text)] == expected
    assert shortcodes._opens(text) == bool(expected)


_LINKED = st.sampled_from(
    [*"[]()`=/ a\n!{", "[caption", "[wp_caption", "[gallery", "[embed", "[TOC]", "[x y=1]", "[/x]"]
)


@settings(max_examples=3000)
@given(st.lists(_LINKED, max_size=30).map("".join))
@example("[a](b.md) and `[gallery]` then [sic]")
@example(" [toc] ")
def test_a_text_told_to_hold_no_tag_holds_none(text: str) -> None:
    """``_may_tag`` is false only of a text whose tags, code blanked out, are none, and that
    is no ``[TOC]`` of its own: its openings all ``[``, no shortcode of WordPress's can
    start at any (``found`` passes it over, where ``_tags`` tried each)."""
    if shortcodes._opens(text) and not shortcodes._may_tag(text):
        assert list(shortcodes._tags(shortcodes.without_code(text))) == []
        assert text.strip() not in shortcodes.TOC_MARKERS


@settings(max_examples=2000)
@given(st.lists(st.sampled_from([*"`a {\n", "``", "`{% x %}`"]), max_size=40).map("".join))
@example("`{% a %}` and `b` then ` left open {{ c }}")
@example("`a` `` b ` c `` `d")
def test_code_spans_of_single_backticks_are_blanked_as_by_their_runs(text: str) -> None:
    """``without_code`` cuts a source of single backticks at each (``str.split``): the text
    that pairing the runs of each length by bisection gives, of as many characters."""
    blanked = shortcodes.without_code(text)
    assert blanked == shortcodes._without_spans(text)
    assert len(blanked) == len(text)


class _Counted:
    """A pattern that notes each text it is asked to search."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.texts: list[str] = []

    def search(self, text: str) -> re.Match[str] | None:
        self.texts.append(text)
        return self.pattern.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        self.texts.append(text)
        return self.pattern.finditer(text)


def test_text_without_an_opening_character_is_not_searched(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The whole pattern of openings is tried only on blocks holding ``{`` or ``<``: not on
    those without an opening's character, nor on those whose openings are all ``[`` (links).
    It is tried at every character, where ``in`` finds one at C speed."""
    counted = _Counted(shortcodes._OPENER)
    monkeypatch.setattr(shortcodes, "_OPENER", counted)
    body = "The glorp plan.\n\nZorp *holds*.\n\nSee [the zorp](https://example.org/z).\n\n{% x %}\n"
    article, result = check_one_body(tmp_path, body)
    assert f"{article}:11:1: warning: {{% x %}} is shown as typed" in result.stderr
    assert counted.texts == ["{% x %}", "{% x %}"]  # told it opens a tag, then its tags


def test_each_tag_is_warned_of_at_its_place_up_to_a_cap(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "site.yaml").write_text("title: Tags\n", encoding="utf-8")
    front = "title: Tags\ndate: 2024-01-01\nquotes:\n  - text: The glorp plan\n    concepts: [x]\n"
    body = "The glorp plan.\n\n" + "".join(f"Step {n}: {{{{< step {n} >}}}}\n" for n in range(25))
    (content / "articles" / "2024-01-01-tags.md").write_text(f"---\n{front}---\n{body}")
    result = run_cli("check", "--content", str(content))
    lines = [line for line in result.stderr.splitlines() if "[template-tag]" in line]
    assert len(lines) == 20
    assert lines[0].startswith(
        f"{content}/articles/2024-01-01-tags.md:10:9: warning: {{{{< step 0 >}}}}"
    )
    assert "(and 5 more template tags)" in lines[-1]
    assert "no template tag is read here" in lines[0]
    assert result.code == 0
    assert run_cli("check", "--strict", "--content", str(content)).code == 1


@pytest.mark.parametrize(
    ("tag", "instead"),
    [
        ('{{< figure src="a.png" >}}', "![what it shows](a.png)"),
        (
            '{{< figure src="/i/glorp yard.png" caption="The glorp yard" >}}',
            "![The glorp yard](</i/glorp yard.png>)",
        ),
        ('{{< figure src=\'z.jpg\' alt="Zorp" title="T" >}}', "![Zorp](z.jpg)"),
        ('{% include image.html url="/a.png" description="Zelt" %}', "the text it would include"),
        ("{% endhighlight %}", "```"),
        ("{% highlight ruby linenos %}", "a line ```ruby before it"),
        ('{{< highlight python "hl_lines=2" >}}', "a line ```python before it"),
        ("{% raw %}", "a line ``` before it"),
        ('{{< relref "other.md" >}}', "[its text](other.md)"),
        ("{% include_relative a.md %}", "the text it would include"),
        ("{{% /notice %}}", "what it stands for"),
        ("{{ site.baseurl }}", "the path from this file"),
        ("{{ '/b/' | relative_url }}", "the path from this file"),
        ("{{ page.title }}", "the text it stands for"),
        ("{{embed [[Glorp plan]]}}", "link the note instead, [[Glorp plan]]"),
        ("{{video https://e.org/v}}", "link what it shows"),
        ("{:toc}", "delete it and the list's item above it ('* TOC')"),
        ('[caption id="a1" width="300"]', "its caption as the image's text"),
        ("[gallery ids='1,2']", "show each image in Markdown"),
        ("[embed]", "link what it shows"),
        ("[TOC]", "delete it: the page makes no table of contents"),
        ("{::comment}", "<!-- ... -->"),
        ("{% comment %}", "<!-- ... -->"),
        ("![[zorp map.png|300]]", "![zorp map](<zorp map.png>)"),
        ("![[Other note#Yields]]", "[[Other note#Yields]]"),
        ('--8<-- "includes/abbreviations.md"', "the text of the file it includes"),
    ],
)
def test_the_hint_says_what_to_write_instead(tag: str, instead: str) -> None:
    assert instead in shortcodes.hint(tag)


@pytest.mark.parametrize(
    ("body", "warned"),
    [
        (
            "The map: ![[zorp-map.png]]\n",
            "7:10: warning: ![[zorp-map.png]] is shown as typed:"
            " no embed of Obsidian's is read here",
        ),
        ("* TOC\n{:toc}\n", "8:1: warning: {:toc} is left out: no table of contents is made here"),
        ("[TOC]\n", "7:1: warning: [TOC] is shown as typed: no table of contents is made here"),
        (
            "A [gallery ids='1,2'] here\n",
            "7:3: warning: [gallery ids='1,2'] is shown as typed:"
            " no shortcode of WordPress's is read here",
        ),
        (
            '> --8<-- "includes/abbreviations.md"\n',
            '7:3: warning: --8<-- "includes/abbreviations.md" is shown as typed:'
            " no snippet of PyMdown's is read here",
        ),
    ],
)
def test_a_tag_of_another_tool_is_named_for_what_it_is(
    tmp_path: Path, body: str, warned: str
) -> None:
    article, result = check_one_body(tmp_path, f"The glorp plan.\n\n{body}")
    lines = [line for line in result.stderr.splitlines() if "[template-tag]" in line]
    assert lines == [f"{article}:{warned} [template-tag]"]
