"""Property tests for a body's links, images and headings, however they are mixed: the page
made of any body has no link inside a link, no slot left unfilled, every id once, and every
address of its own making; and parsing never fails."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concordance.chips import fill_chips
from concordance.diagnostics import Span
from concordance.link_targets import Anchored, slots, targets
from concordance.markdown import QuoteRequest, render_body
from concordance.model import ContentLink

PIECES = [
    "[a](b.md)",
    "[c](../concepts/d.md#q-1)",
    "[[e]]",
    "[[f|g]]",
    "[[h#Heading]]",
    "![i](j.png)",
    "![k](https://x.org/l.png)",
    '<a href="m.md">n</a>',
    '<a href="https://x.org">o</a>',
    '<img src="p.png" alt="q">',
    "<a href='#heading'>r</a>",
    "[s](#heading)",
    "[t [u](v.md)](w.md)",
    "[x <a href='y.md'>z</a>](a.md)",
    "<a href='b.md'>[c](d.md)</a>",
    "<a href='e.md'>[[f]]</a>",
    "[[g]] ![[h]]",
    "https://x.org/i",
    "<a href='https://x.org/j'>https://x.org/j</a>",
    "note^[k [l](m.md)]",
    "[^1]",
    "\n\n[^1]: n [o](p.md)\n\n",
    "\n\n## Heading\n\n",
    "\n\n## Heading\n\n",
    "\n\n- [ ] task [q](r.md)\n\n",
    "\n\n> quoted [[s]]\n\n",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "!",
    "#",
    " ",
    "\n",
    "word",
]

bodies = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)


def anchored(link: ContentLink) -> Anchored | None:
    """Half the targets exist: a file or name whose text starts with a vowel."""
    name = link.target.rsplit("/", 1)[-1].lstrip("[")
    if name[:1] in "aeiou":
        return Anchored("articles/x/", frozenset({"q-1"}), frozenset({"heading"}), link.image)
    return None


def _deepest_link(html: str) -> int:
    depth = deepest = 0
    for tag in re.findall(r"<(/?)a[\s>]", html):
        depth += -1 if tag else 1
        deepest = max(deepest, depth)
    return deepest


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies)
def test_any_mix_of_links_images_and_headings_makes_well_formed_pages(body: str) -> None:
    result = render_body(body, [QuoteRequest("q-1", "word")], "content/articles")
    links = [
        ContentLink(f.target, f.fragment, Span("a.md", 1, 1), f.image, f.written if f.image else "")
        for f in result.links
    ]
    anchors = {link.target: a for link in links if (a := anchored(link)) is not None}
    found = targets(links, anchors)
    html = fill_chips(result.html, slots(links, found, lambda target: "../../" + target))
    assert "<!--chips:" not in html
    page = BeautifulSoup(html, "lxml")
    assert _deepest_link(html) <= 1, html  # a parser would close a link opened in another
    ids = [str(e["id"]) for e in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), html
    for a in page.find_all("a"):
        assert set(a.attrs) <= {"href", "title", "id", "class", "role", "aria-label"}, html
        href = str(a.get("href", ""))
        assert not href.lower().startswith(("javascript:", "data:", "vbscript:")), html
    for img in page.find_all("img"):
        assert set(img.attrs) <= {"src", "alt", "title"} and img.get("src"), html
