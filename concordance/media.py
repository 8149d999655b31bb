"""Images of bodies (``![a chart](img/chart.png)``) and the files they link (``[the full
text](speech.pdf)``): the files under the content folder that a body shows or links are
published as they are, under ``media/`` at their path in the content folder
(``content/articles/img/chart.png`` is ``media/articles/img/chart.png``), and only those:
other files beside the articles (a draft's scan, notes) stay private."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import quote, unquote

from concordance.diagnostics import Diagnostic, Span, error
from concordance.index import SiteIndex
from concordance.model import UNPUBLISHED_NAME
from concordance.pages import Copied
from concordance.write import OutputError, safe_target

FOLDER = "media/"


def media_path(content: Path, file: str) -> str:
    """Where the file ``file`` (under ``content``) is published in the site, as a link's
    path: percent-encoded, since a file's name may hold ``#``, ``%`` or ``?``, which a link
    would read otherwise (links take page paths as they are: slugs need no encoding)."""
    return quote(FOLDER + Path(file).relative_to(content).as_posix(), safe="/")


def publishable(content: Path, file: str) -> bool:
    """Whether the file ``file`` can be published under a name a link can give: not one whose
    bytes are no UTF-8 (a Latin-1 ``café.png``), that holds a backslash (a folder's
    separator on Windows, which the writer refuses) or a control character
    (``model.UNPUBLISHED_NAME``: a newline, DEL, U+2028, a U+202E that turns it around). A
    body's link to any other is ``link-unresolved`` (an image's ``image-unresolved``), as
    ``check`` reports it, rather than a build that fails."""
    name = Path(file).relative_to(content).as_posix()
    if UNPUBLISHED_NAME.search(name):
        return False
    try:
        name.encode("utf-8")
        safe_target(Path(), FOLDER + name)
    except (UnicodeEncodeError, OutputError):
        return False
    return True


def media_pages(index: SiteIndex, digests: Mapping[str, str]) -> Iterator[Copied]:
    """Each file a body shows or links, to be copied as the site is written, a piece at a
    time (a file removed meanwhile is left out: the build that follows the change it is
    part of adds or removes it); ``digests``: the ``file_digest`` of each as fingerprinted."""
    for file, path in index.media():
        yield Copied(unquote(path), file, digests.get(file, ""))


def unreadable_media(index: SiteIndex) -> list[Diagnostic]:
    """An error at each file a body shows or links that cannot be read (no permission): it
    was left out of the site without a word, and the page's image or link led nowhere.
    Opened without waiting, as a named pipe would have it wait."""
    problems = []
    for file, _ in index.media():
        try:
            os.close(os.open(file, os.O_RDONLY | os.O_NONBLOCK))
        except OSError as exc:
            msg = f"cannot read the file, which a body shows or links: {exc.strerror}"
            hint = "let the build read it (chmod a+r)"
            problems.append(error(Span(file, 1, 1), "file-unreadable", msg, hint))
    return problems
