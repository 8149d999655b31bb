"""The template tags of other site generators left in a body by a move from them: Hugo's
shortcodes (``{{< figure src="x.png" >}}``, ``{{% note %}}``) and the tags of Liquid, Jekyll,
Eleventy and Nunjucks (``{% include note.html %}``, ``{% highlight go %}``), their output
tags too (``{{ site.baseurl }}``, ``{{ page.title }}``), and Obsidian's embeds
(``![[map.png]]``, ``![[Other note#Yields]]``), Logseq's and Roam's macros
(``{{embed [[Glorp plan]]}}``), kramdown's extensions and table of contents
(``{::comment}``, ``{:toc}``) and the tags of ERB, EJS and Obsidian's Templater
(``<% tp.date.now() %>``), a paragraph ``[TOC]`` of Python-Markdown, WordPress's
shortcodes (``[caption id="a1"]``, ``[gallery]``), and the lines of PyMdown's snippets that
include a file (``--8<-- "includes/abbreviations.md"``, as MkDocs pages end). They are not
read here and are shown as typed, so the editor hears of each, at its line and column; in
code, where a post about Hugo shows them, they are meant as typed and pass unremarked."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Final

from concordance import casing
from concordance.lazy_patterns import lazy_compile
from concordance.tokens import Token

_OPENER = lazy_compile(r"\{\{[<%]|\{%|\{\{|!\[\[|\{:|<%|\[")
_EMBED = lazy_compile(r"!\[\[([^\[\]\n|]{1,256}?)(?:\|[^\[\]\n]{0,256})?\]\](?![(\[])")
"""An embed of Obsidian's: the name of a file or note (with a ``#heading``), and after ``|``
an image's width or a text; not an image whose text is in brackets (a badge's
``![[version]](v.svg)``)."""
_KRAMDOWN = lazy_compile(r"\{:(?::[a-z]\w*(?:[ \t][^{}\n]{0,200})?/?|/(?:[a-z]\w*)?|toc)\}")
"""An extension of kramdown's (``{::comment}``, ``{:/comment}``, ``{::options a="b" /}``) or
its table of contents (``{:toc}``); not an attribute list (``{: .lead}``), read here."""
_ATTRIBUTE = r"""[ \t]+[A-Za-z_][\w-]{0,40}=(?:"[^"\n]{0,500}"|'[^'\n]{0,500}'|[^\s\]"']{1,500})"""
MAX_ATTRIBUTES = 30
"""Attributes of a WordPress shortcode at most: each ``[`` read every attribute after it to
the next ``]``, and a body of 100,000 characters of ``[a b=[a b=...`` took a minute."""
_WORDPRESS = lazy_compile(
    r"(?<!\[)\[(?:/[a-z][\w-]{0,40}"
    rf"|[a-z][\w-]{{0,40}}(?:{_ATTRIBUTE}){{1,{MAX_ATTRIBUTES}}}[ \t]*/?"
    r"|(?:caption|wp_caption|gallery|embed)[ \t]*/?)\](?![(\[:\]])"
)
"""A shortcode of WordPress's: one closing (``[/caption]``), one of attributes
(``[caption id="a1" width="300"]``), or one of its own without (``[gallery]``); not a link,
a reference, a link by name or a note (``[caption](c.md)``, ``[[embed]]``, ``[sic]``), nor
a transcript's mark of what was heard (``[video]``, ``[audio]``, ``[applause]``)."""
TOC_MARKERS = frozenset({"[TOC]", "[toc]"})
"""A table of contents asked for by a paragraph of its own, as Python-Markdown (MkDocs,
Pelican), Typora and Joplin's editors write it."""
TOC = "{:toc}"
"""kramdown's table of contents, an attribute list to Markdown here, and left out."""
_MACRO = re.compile(
    r"\{\{(?:embed|video|youtube|tweet|query|renderer|cloze|namespace|pdf)[ \t:][^{}\n]{0,500}\}\}"
)
"""A macro of Logseq's or Roam's (``{{embed [[Glorp plan]]}}``, ``{{video https://...}}``)."""
_NOTE = lazy_compile(r"\[\[([^\[\]\n]{1,256})\]\]")
"""The note a macro names (``[[Glorp plan]]``)."""
_SNIPPET = lazy_compile(r"""-{1,}8<-{1,}[ \t]+(?:"[^"\n]{1,500}"|'[^'\n]{1,500}')[ \t]*""")
"""A line of PyMdown's snippets (``--8<-- "includes/abbreviations.md"``, ``-8<- 'a.md:2:5'``),
which MkDocs sites include a file's text with: the page shows it as typed."""
SNIPPET_MARK = "8<-"
"""What every snippet's line holds: looked for in C before the pattern is tried."""
_KINDS = (
    (_SNIPPET, "no snippet of PyMdown's"),
    (_EMBED, "no embed of Obsidian's"),
    (_MACRO, "no macro of Logseq's or Roam's"),
    (_KRAMDOWN, "no extension of kramdown's"),
    (_WORDPRESS, "no shortcode of WordPress's"),
)
"""What a warning names the tags of other tools than template engines."""
_IMAGE = lazy_compile(r"\.(?:png|jpe?g|gif|webp|avif|svg|bmp)$", re.IGNORECASE)
_OUTPUT = re.compile(
    r"""\{\{-?[ \t]*(?:[A-Za-z_][\w.]*|"[^"\n]{0,200}"|'[^'\n]{0,200}')"""
    r"[ \t]*(?:\|[^{}\n]{0,200})?-?\}\}"
)
"""An output tag of Liquid or Nunjucks: a variable or quoted text, maybe filtered
(``{{ site.baseurl }}``, ``{{ "/a/" | relative_url }}``). Text between double braces that is
no such expression (``{{citation needed}}``, Handlebars' ``{{{ x }}}``) is no tag."""
_WHOLE = {
    "{{": re.compile(f"{_OUTPUT.pattern}|{_MACRO.pattern}"),
    "![[": _EMBED,
    "{:": _KRAMDOWN,
    "[": _WORDPRESS,
}
"""The tags matched whole, by their opening: no closing of theirs ends another's."""
_ADDRESS = lazy_compile(r"url|base", re.IGNORECASE)
"""In an output tag, what names the old site's address (``site.baseurl``, ``relative_url``)."""
_CLOSER = {"{{<": ">}}", "{{%": "%}}", "{%": "%}", "<%": "%>"}
MAX_TAG = 1000
"""Characters of a tag at most: an opening never closed is text, not the start of a tag
that swallows the rest of the body."""
_NAME = lazy_compile(r"[\[{<%\s/:=-]*([\w-]*)(?:[ \t]+([\w+#.-]+))?")
"""The name of a tag (``figure`` of ``{{< figure src=... >}}``; ``/note`` names ``note``),
and the word after it (the language of ``{% highlight ruby %}``)."""
_HINTS = {
    ("figure", "img", "image"): "show an image in Markdown: ![what it shows](img/x.png)",
    ("highlight", "endhighlight", "code", "raw", "endraw"): (
        "fence a block of code in Markdown: a line ```{language} before it and ``` after"
    ),
    ("include", "include_relative", "partial", "readfile"): (
        "write the text it would include into the body"
    ),
    ("ref", "relref", "link", "post_url"): "link the file it names: [its text](other.md)",
    ("comment", "endcomment"): "write a note to editors as an HTML comment, <!-- ... -->",
    ("caption", "wp_caption"): (
        "show the image in Markdown, its caption as the image's text: ![its caption](img/x.png)"
    ),
    ("gallery",): "show each image in Markdown: ![what it shows](img/x.png)",
    ("embed", "video", "audio", "playlist"): "link what it shows: [what it is](https://...)",
    ("toc",): "delete it and the list's item above it ('* TOC'), which the page shows",
}
"""What to write instead of the tags most often left by a move, by name."""
_TICKS = lazy_compile(r"`+")
MAX_SHOWN = 60
"""Characters of a tag the warning quotes at most."""


def found(tokens: list[Token]) -> Iterator[tuple[range, str]]:
    """(lines of its block, the tag as written) of each template tag in the text of a
    body's blocks, outside code."""
    for token in tokens:
        if token.type != "inline":  # its text read only then
            continue
        content = token.content
        start, stop = token.map or (0, 1)
        if SNIPPET_MARK in content:
            yield from ((range(start, stop), line) for line in _snippets(content))
        if not _opens(content) or not _may_tag(content):
            continue
        if content.strip() in TOC_MARKERS:
            yield range(start, stop), content.strip()
            continue
        text = without_code(content)
        for tag in _tags(text):
            yield range(start, stop), tag


def _snippets(content: str) -> Iterator[str]:
    """Each line of ``content`` (a block's text) that is a snippet's, as typed."""
    for line in content.split("\n"):
        if _SNIPPET.fullmatch(line.strip()):
            yield line.strip()


def _tags(text: str) -> Iterator[str]:
    """Each tag of ``text``, from an opening to the nearest closing of its kind. The
    closings of a kind are found once, at the first opening of that kind, so that text of
    many openings never closed (``{%`` ten thousand times) is not searched to its end from
    each, and text whose openings are all ``[`` (its links) is not searched for any."""
    closings: dict[str, list[int]] = {}
    after = 0
    for opening in _openings(text):
        if opening.start() < after:
            continue  # inside the tag before
        whole = _WHOLE.get(opening.group())
        if whole:
            match = whole.match(text, opening.start())
            if match:
                after = match.end()
                yield match.group()
            continue
        closer = _CLOSER[opening.group()]
        ends = closings.get(closer)
        if ends is None:
            ends = closings[closer] = [m.start() for m in re.finditer(re.escape(closer), text)]
        at = bisect.bisect_left(ends, opening.end())
        if at < len(ends) and ends[at] - opening.end() <= MAX_TAG:
            after = ends[at] + len(closer)
            yield text[opening.start() : after]


def _opens(text: str) -> bool:
    """Whether ``text`` holds an opening (``_OPENER``): a ``[`` is one, and the others are
    looked for only where ``{`` or ``<`` is. ``in`` finds one character at C speed, where
    ``_OPENER`` is tried at each character of the text, and most paragraphs hold none."""
    return "[" in text or (("{" in text or "<" in text) and _OPENER.search(text) is not None)


def _may_tag(text: str) -> bool:
    """Whether ``text``, which holds an opening (``_opens``), may hold a tag. One whose only
    openings are ``[`` (most paragraphs with a link) holds a tag only if it holds a shortcode
    of WordPress's, which is a closing (``[/``), has an attribute (``=``) or is one of its
    own (``[gallery]``): each looked for in C, where the pattern was tried at every ``[``
    (the text of its code spans blanked out first, ``without_code``). The code spans of
    ``text`` are left in: they add none of these, so the answer is True, as it is for a
    ``[TOC]`` of its own, whenever ``_tags`` could find one."""
    if "{" in text or "<" in text or "!" in text or "=" in text or "[/" in text:
        return True
    if text.strip() in TOC_MARKERS:
        return True
    return any(name in text for name in _OWN_SHORTCODES)


_OWN_SHORTCODES: Final = ("[caption", "[wp_caption", "[gallery", "[embed")
"""How the shortcodes of WordPress's without attributes start (``_WORDPRESS``)."""


def _openings(text: str) -> Iterator[re.Match[str]]:
    """``_OPENER``'s matches in ``text``: those of ``[`` when it holds no other opening's
    first character, as most paragraphs with a link do, found by a pattern of one character
    (a third of the time; ``_OPENER`` is tried at every character)."""
    if "{" in text or "<" in text or "!" in text:
        return _OPENER.finditer(text)
    return _BRACKET.finditer(text)


_BRACKET = lazy_compile(r"\[")


def without_code(source: str) -> str:
    """``source`` with its code spans blanked out: their tags are meant as typed. The source
    is read rather than its text as parsed, since a shortcode written without spaces
    (``{{<figure src="x.png">}}``) is raw HTML to Markdown, and left out. A span closes at
    the next run of as many backticks; the runs of each length are found once, so that runs
    never closed are not each searched for to the end."""
    if "`" not in source:
        return source
    if "``" not in source:
        return _without_single_ticks(source)
    return _without_spans(source)


def _without_single_ticks(source: str) -> str:
    """``without_code`` of a source whose code spans are all written between single
    backticks, as most are: each backtick closes the span the one before opened, and one
    left over opens none. Cut at each by ``str.split`` rather than found by a pattern and
    paired by bisection (a third of the time of looking for template tags)."""
    pieces = source.split("`")
    out = [pieces[0]]
    for code, after in zip(pieces[1::2], pieces[2::2], strict=False):
        out += ["\x00" * (len(code) + 2), after]
    if len(pieces) % 2 == 0:  # an odd number of backticks: the last opens no span
        out.append("`" + pieces[-1])
    return "".join(out)


def _without_spans(source: str) -> str:
    """``without_code`` by the runs of backticks of each length."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(source)]
    by_length: dict[int, list[int]] = {}
    for start, end in runs:
        by_length.setdefault(end - start, []).append(start)
    out, done = [], 0
    for start, end in runs:
        if start < done:
            continue  # inside the span before
        same = by_length[end - start]
        at = bisect.bisect_right(same, start)
        if at < len(same):
            closed = same[at] + end - start
            out += [source[done:start], "\x00" * (closed - start)]
            done = closed
    return "".join([*out, source[done:]])


def hint(tag: str) -> str:
    """What to write instead of ``tag``."""
    if tag in TOC_MARKERS:
        return "delete it: the page makes no table of contents"
    if _SNIPPET.fullmatch(tag):
        return "write the text of the file it includes here, or delete it"
    embed = _EMBED.fullmatch(tag)
    if embed:
        return _instead_of_embed(embed[1].strip())
    if _MACRO.fullmatch(tag) and (note := _NOTE.search(tag)):
        return _instead_of_embed(note[1].strip())
    if _OUTPUT.fullmatch(tag):
        if _ADDRESS.search(tag):
            return "give the path from this file without it: links work under any base path"
        return "write the text it stands for, or delete it"
    match = _NAME.match(tag)
    name = casing.lower(match[1]) if match else ""
    if name in _FIGURES and (image := _image_of(tag)):
        return f"show an image in Markdown: {image}, or delete it"
    instead = next((h for names, h in _HINTS.items() if name in names), None)
    if instead is None:
        return "write in Markdown what it stands for, or delete it"
    language = match[2] if match and name == "highlight" and match[2] else ""
    instead = instead.replace("{language}", language)
    return instead if "delete" in instead else f"{instead}, or delete it"


_FIGURES = ("figure", "img", "image")
_SHORTCODE_ATTRIBUTE = lazy_compile(r"""([\w-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"'>%}]+))""")


def _image_of(tag: str) -> str | None:
    """The Markdown image a figure's tag shows: its ``src``, and its ``alt``, ``caption`` or
    ``title`` as its text; None without a ``src``."""
    found = {
        casing.lower(m[1]): m[2] or m[3] or m[4] or "" for m in _SHORTCODE_ATTRIBUTE.finditer(tag)
    }
    path = found.get("src")
    if not path:
        return None
    shown = found.get("alt") or found.get("caption") or found.get("title") or "what it shows"
    return f"![{shown}]({_as_path(path)})"


def _as_path(path: str) -> str:
    """``path`` as a Markdown link writes it: in ``<...>`` when it holds a space."""
    return f"<{path}>" if " " in path else path


def _instead_of_embed(name: str) -> str:
    """A Markdown image of the file an embed names, or a link to the note it names."""
    if not _IMAGE.search(name):
        return f"link the note instead, [[{name}]], or write its words here"
    shown = re.sub(r"[-_ ]+", " ", name.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    return f"show it as an image in Markdown, ![{shown}]({_as_path(name)}), the path from this file"


def message(tag: str) -> str:
    """What the warning of ``tag`` says."""
    if tag == TOC:
        return f"{TOC} is left out: no table of contents is made here"
    if tag in TOC_MARKERS:
        return f"{tag} is shown as typed: no table of contents is made here"
    what = next((w for kind, w in _KINDS if kind.fullmatch(tag)), "no template tag")
    return f"{shown(tag)} is shown as typed: {what} is read here"


def first_line(tag: str) -> str:
    """The first line of ``tag``, which is where it is found in the source."""
    return tag.split("\n", 1)[0]


def shown(tag: str) -> str:
    """``tag`` on one line, cut to ``MAX_SHOWN`` characters."""
    one = " ".join(tag.split())
    return one if len(one) <= MAX_SHOWN else one[: MAX_SHOWN - 1] + "…"
