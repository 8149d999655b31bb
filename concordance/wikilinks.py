"""Links by name, as Obsidian, Quartz and wikis write them: ``[[new productive forces]]`` goes
to that concept's page (by its title or an alias, as a quote's ``concepts`` name it), and
``[[2024-02-20-second]]`` to the article of that file. ``[[name|text]]`` shows other text,
and ``[[name#Heading]]`` goes to a heading of the page (or to a quote, by its id), shown as
"name › Heading" as Obsidian shows it.

Parsing makes the link with no address and notes the name (``NAME`` in the token's meta);
``content_links`` gives it a slot like any link to another file, filled once every name is
known. A name that names nothing keeps its text, without a link, and is warned of.
"""

from __future__ import annotations

from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from concordance.textnorm import fold_name
from concordance.urls import slugify

PREFIX = "[["
"""What starts a ``ContentLink.target`` that is a name, which no file's path does."""
NAME = "wikilink"
"""``Token.meta`` key of a link by name: the name as written, with its ``#fragment``."""
MAX_LENGTH = 256
"""Characters between the brackets at most: the closing ones are looked for no further."""
_FORBIDDEN = frozenset("[]\n")


def enable(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "wikilink", _wikilink)


def _wikilink(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    if not src.startswith("[[", start) or (start and src[start - 1] == "!"):
        return False  # ``![[file]]`` embeds a file in Obsidian: left as written
    end = src.find("]]", start + 2, start + 4 + MAX_LENGTH)
    inner = src[start + 2 : end] if end > 0 else ""
    name, _, text = inner.partition("|")
    if not name.strip() or not _FORBIDDEN.isdisjoint(inner) or state.linkLevel > 0:
        return False  # a link cannot hold a link: inside one, it is text
    page, _, anchor = name.strip().partition("#")
    if not page.strip() and not anchor.strip():
        return False
    if not silent:
        opened = state.push("link_open", "a", 1)
        opened.markup = "wikilink"
        if page.strip():
            opened.meta[NAME] = name.strip()
            shown = f"{page.strip()} › {anchor.strip()}" if anchor.strip() else page.strip()
        else:  # ``[[#Methods]]``: a heading or quote of this page, as ``[Methods](#Methods)``
            opened.attrSet("href", "#" + quote(anchor.strip(), safe=""))
            shown = anchor.strip()
        state.push("text", "", 0).content = text.strip() or shown
        state.push("link_close", "a", -1).markup = "wikilink"
    state.pos = end + 2
    return True


def keys(name: str) -> tuple[str, str]:
    """The keys a name is looked up by in ``link_targets.Anchors``: as a concept's name,
    then as an article's file."""
    file = name.rsplit("/", 1)[-1].removesuffix(".md")
    return concept_key(fold_name(name)), article_key(slugify(file))


def concept_key(folded: str) -> str:
    return f"[[concept:{folded}"


def article_key(slug: str) -> str:
    return f"[[article:{slug}"
