"""Lists written in HTML (``<ul>``, ``<ol>``), lists inside their items included, read into
the tree of items that ``html_blocks`` makes Markdown's list tokens of.

A list is read only when it is items all through: text outside any item, text after a list
inside an item (``<li>a<ul>...</ul>more</li>``), a ``<menu>`` or lists nested deeper than
``MAX_DEPTH`` leave it to be read as before (its text kept, its tags left out)."""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any

from concordance.lazy_patterns import lazy_compile

MAX_DEPTH = 12
"""Lists inside lists at most: each is two levels of tokens (``markdown.BLOCK_NESTING``) and
a level of the renderer's recursion."""
_TAG = lazy_compile(r"<(/?)(ul|ol|li|menu)(?:\s[^<>]*)?/?>", re.IGNORECASE)
_LIST = lazy_compile(r"<(/?)([ou]l)(?:\s[^<>]*)?>", re.IGNORECASE)
_PAIRS = "html_list_pairs"
"""``env`` key: by source, where the tag closing each list opened in it ends."""


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(slots=True, eq=False, repr=False)
class Text:
    """Where an item's own text starts and ends in its list's source."""

    start: int
    end: int = -1


@dataclass(slots=True, eq=False, repr=False)
class Item:
    """One item of an HTML list."""

    text: Text
    opening: str
    """Its opening tag as written (its ``lang`` and ``dir`` are kept)."""
    lists: list[HtmlList] = field(default_factory=list)
    """The lists inside it, after its text."""


@dataclass(slots=True, eq=False, repr=False)
class HtmlList:
    """An HTML list (``<ul>`` or ``<ol>``) and its items."""

    tag: str
    """"ul" or "ol"."""
    opening: str
    """Its opening tag as written (an ``<ol start="3">``'s number is read from it)."""
    items: list[Item] = field(default_factory=list)


def closing(env: MutableMapping[str, Any], src: str, opened: int) -> tuple[int, int] | None:
    """Where the tag closing the list opened at ``opened`` in ``src`` starts and ends,
    lists inside it counted; None if none does. All of a body's lists are paired at once,
    so that a body of lists never closed is read once, not once from each."""
    # By the text, not its id: a grid table's cell is parsed as a text of its own, and
    # another cell's may take the id of one that is gone (a str hashes once, so this costs
    # no more).
    found: dict[str, dict[int, tuple[int, int]]] = env.setdefault(_PAIRS, {})
    pairs = found.get(src)
    if pairs is None:
        pairs = found[src] = _pairs(src)
    return pairs.get(opened)


@dataclass(slots=True, eq=False, repr=False)
class _Open:
    """A list tag opened and not yet closed."""

    name: str
    start: int
    depth: int = 1
    """Its own level and those of the lists inside it closed so far."""


def _pairs(src: str) -> dict[int, tuple[int, int]]:
    """Where the tag closing each list of ``src`` starts and ends, by where the list
    opens; lists nested deeper than ``MAX_DEPTH`` are left out with those around them, so
    that each line of a thousand lists one inside another is not read to the end again."""
    pairs: dict[int, tuple[int, int]] = {}
    opened: list[_Open] = []
    for tag in _LIST.finditer(src):
        name = tag.group(2).lower()
        if not tag.group(1):
            opened.append(_Open(name, tag.start()))
        elif opened and opened[-1].name == name:
            done = opened.pop()
            if done.depth <= MAX_DEPTH:
                pairs[done.start] = (tag.start(), tag.end())
            if opened:
                opened[-1].depth = max(opened[-1].depth, done.depth + 1)
    return pairs


def tree(source: str, tag: str, opening: str) -> HtmlList | None:
    """The list whose items ``source`` holds (what is between its tags), or None if it is
    more than items (see the module)."""
    top = HtmlList(tag, opening)
    path: list[tuple[HtmlList, Item | None]] = [(top, None)]  # each list open, its item
    running: Text | None = None  # the text of the innermost item, while it runs
    at = 0
    for found in _TAG.finditer(source):
        if source[at : found.start()].strip() and running is None:
            return None  # text outside any item's own
        at = found.end()
        if running is not None:
            running.end = found.start()
            running = None
        closes, name = found.group(1) == "/", found.group(2).lower()
        listed, item = path[-1]
        if name == "menu" or (name != "li" and not closes and item is None):
            return None  # a list straight inside a list, or a menu
        if name == "li" and not closes:
            item = Item(Text(found.end()), found.group())
            listed.items.append(item)
            running = item.text
        elif name == "li":
            item = None  # text after it and before the next item is outside
        elif not closes:  # a list inside the item
            if len(path) > MAX_DEPTH or item is None:
                return None
            inner = HtmlList(name, found.group())
            item.lists.append(inner)
            path.append((inner, None))
            continue
        elif len(path) == 1 or name != listed.tag:
            return None  # closes what is not open
        else:
            path.pop()
            continue
        path[-1] = (listed, item)
    if running is not None:
        running.end = len(source)
    elif source[at:].strip():
        return None
    return top if len(path) == 1 and top.items else None
