"""``build.py new "Title"``: a new article file with a front-matter skeleton.

The skeleton passes ``check`` as soon as a body is written: every optional field is a
comment to fill in, and the quote example is commented out, because a quote must be a
sentence of the body, which does not exist yet. Until a quote is added, ``check`` warns
that the article has no quotes; that is the reminder, not an error. ``quotes:`` is left
empty, not ``[]``: entries pasted under it, as ``suggest`` prints them, make it a list.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from pathlib import Path

from concordance.config import UsageError
from concordance.inputs import content_files, require_content
from concordance.textnorm import DIRECTION_CLOSERS, left_open_directions, squash_space, visible
from concordance.urls import article_slug, slugify


class ScaffoldError(Exception):
    """The article cannot be created: its file exists, or another article has its page's
    address. (An empty title is a ``UsageError``: the command was called wrong, as when its
    date is, or its content folder is not one.)"""


SKELETON = """\
---
title: {title}
date: {date}
# Optional fields; remove the '# ' to use one.
# said_on: {date}              # when the words were spoken, if not on 'date'
# source: Publisher name
# url: https://example.org/the-original-story
# place: City
# speaker: Speaker name            # default speaker of every quote below
# concepts: [a concept]            # what the whole article is about
quotes:
# Each quote's text must be copied from the body below (a sentence or part of one).
# Paste what '{suggest}' prints under 'quotes:' above, or entries like
# this one with their '# ' removed:
#   - text: A sentence copied exactly from the body.
#     concepts: [a concept, another concept]
#     speaker: Speaker name        # optional, overrides the article's speaker
#     note: Reported speech.       # optional editor's note
---
"""


def article_path(content: Path, title: str, day: dt.date) -> Path:
    return content / "articles" / f"{day.isoformat()}-{slugify(title)}.md"


def skeleton(title: str, day: dt.date, program: str = "python build.py") -> str:
    """The new article's text. ``program``: the command that runs Concordance, as the editor
    types it (``concordance`` where it was installed as that, with no ``build.py`` at hand)."""
    # JSON strings are valid YAML double-quoted scalars: any title is safe in the front matter.
    # A writing-direction control is written as its escape: typed as itself, it is invisible
    # in the editor and turns around the text after it there.
    title_value = _DIRECTION_CONTROL.sub(_escaped, json.dumps(title, ensure_ascii=False))
    return SKELETON.format(title=title_value, date=day.isoformat(), suggest=f"{program} suggest")


_DIRECTION_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _escaped(found: re.Match[str]) -> str:
    return f"\\u{ord(found[0]):04x}"


def closed_directions(title: str) -> str:
    """``title`` with the embeddings, overrides and isolates it leaves open closed at its end,
    as ``check`` warns and the build does (a ``\u202e`` pasted from a file name)."""
    left_open = left_open_directions(title)
    return title + "".join(DIRECTION_CLOSERS[title[at]] for at in reversed(left_open))


def _invisible(char: str) -> bool:
    """A control character (other than white space, which is folded), a lone surrogate or a
    noncharacter: ``check`` refuses them in a front matter, so a title loses them."""
    category = unicodedata.category(char)
    noncharacter = 0xFDD0 <= ord(char) <= 0xFDEF or ord(char) & 0xFFFE == 0xFFFE
    return (category == "Cc" and not char.isspace()) or category == "Cs" or noncharacter


def _undecoded_byte(title: str) -> int | None:
    """The first byte of ``title`` that was no UTF-8 (Python keeps such a byte of the command
    line as a surrogate, U+DC80-U+DCFF): a terminal set to Latin-1 sends ``é`` as 0xE9."""
    for char in title:
        if 0xDC80 <= ord(char) <= 0xDCFF:
            return ord(char) - 0xDC00
    return None


def scaffold(content: Path, title: str, day: dt.date, program: str = "python build.py") -> Path:
    """Write the skeleton (``program``: see ``skeleton``) and return its path; never
    overwrites an existing file, nor writes one whose page another article has."""
    require_content(content)  # a misspelt --content would be made a new content folder
    if (byte := _undecoded_byte(title)) is not None:
        raise UsageError(
            f"the title is not UTF-8 text (byte 0x{byte:02x}), so some of its letters would"
            " be lost: type it in a terminal set to UTF-8"
        )
    title = closed_directions(squash_space("".join(ch for ch in title if not _invisible(ch))))
    if not visible(title):  # a zero-width space alone: check would refuse the file
        raise UsageError(
            "the title is empty" if not title else "the title holds nothing a reader sees"
        )
    path = article_path(content, title, day)
    if os.path.lexists(path.parent) and not path.parent.is_dir():  # check's not-a-folder
        kind = "a broken link" if not path.parent.exists() else "a file"
        raise UsageError(
            f"{path.parent.as_posix()} is {kind}, not a folder: rename it, and make articles/"
            " the folder that holds the articles"
        )
    if (other := _same_address(content, path)) is not None:
        raise ScaffoldError(
            f"{other} already has the page address '{slugify(path.stem)}' that "
            f"{path.as_posix()} would get; not created (give another title or date)"
        )
    if not path.parent.resolve().is_relative_to(content.resolve()):
        raise ScaffoldError(
            f"{path.parent.as_posix()} leads out of the content folder, to"
            f" {path.parent.resolve().as_posix()}, which check and build refuse; not created"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(skeleton(title, day, program))
    except FileExistsError:
        raise ScaffoldError(
            f"{path.as_posix()} already exists; not overwritten (edit it, or give another"
            " title or date)"
        ) from None
    return path


def _same_address(content: Path, path: Path) -> str | None:
    """Another article whose page the new one's would be (``check``'s ``slug-collision``): an
    article's address is its file name's, wherever in ``articles/`` the file is."""
    slug = slugify(path.stem)
    for other in content_files(content, "articles"):
        if article_slug(Path(other).as_posix()) == slug and Path(other) != path:
            return Path(other).as_posix()
    return None
