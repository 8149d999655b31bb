"""The files of ``templates/static/`` (styles, scripts, icons), published as they are under
``static/``: through links to folders as through folders, as the templates are digested
(``cache.tree_files``), but never through a link that leads out of the templates, which
would publish a file of the build machine (``/etc``, a runner's secrets)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from concordance.cache import Outside, too_many_template_files
from concordance.config import UsageError
from concordance.diagnostics import Diagnostic, Span, error

FOLDER = "static"


def static_files(templates: Path) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
    """(Name under ``static/``, path) of each file to publish, sorted; an error at each link
    that leads out of the templates folder, or back to a folder it is in.

    A link may lead anywhere in the templates folder or in the folder ``static/`` itself
    leads to (a theme several sites share). A broken link is left out, as before links
    were followed."""
    walk = _Walk(templates)
    root = os.path.join(templates, FOLDER)
    walk.pending.append((root, "", (os.path.realpath(root),)))
    while walk.pending:
        walk.list_folder(*walk.pending.pop())
    # In the order of the names' parts, as sorted Path objects give it (see ``inputs``).
    walk.found.sort(key=lambda item: item[0].replace("/", "\0"))
    walk.problems.sort(key=lambda d: d.span.path)
    return walk.found, walk.problems


Chain = tuple[str, ...]
"""The real paths of the folders a folder is listed in, itself last (to find loops)."""


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(slots=True, eq=False, repr=False)
class _Walk:
    """The listing of the templates' ``static/`` folder, as it goes."""

    templates: Path
    found: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    pending: list[tuple[str, str, Chain]] = field(default_factory=list)
    """Each folder to list: its path, its name under static/ and its ``Chain``."""
    inside: tuple[str, ...] = field(init=False)
    """The real paths links may lead into, each ending with a separator."""
    outside: Outside = field(init=False)

    def __post_init__(self) -> None:
        folders = (self.templates, self.templates / FOLDER)
        self.inside = tuple(os.path.join(os.path.realpath(f), "") for f in folders)
        self.outside = Outside(self.templates)

    def list_folder(self, folder: str, prefix: str, chain: Chain) -> None:
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
            return
        if self.outside.too_many(chain[-1], len(entries)):  # static/ linked to / or /usr
            raise UsageError(too_many_template_files(self.templates, folder))
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                real = os.path.join(chain[-1], entry.name)
                self.pending.append((entry.path, f"{name}/", (*chain, real)))
            elif entry.is_symlink():
                self._link(entry.path, name, chain)
            elif entry.is_file(follow_symlinks=False):
                self.found.append((name, entry.path))

    def _link(self, link: str, name: str, chain: Chain) -> None:
        target = os.path.realpath(link)
        if not os.path.exists(target):
            return
        if not os.path.join(target, "").startswith(self.inside):
            self.problems.append(_outside(link))
        elif os.path.isdir(target) and _contains(target, chain):
            self.problems.append(_loop(link))
        elif os.path.isdir(target):
            self.pending.append((link, f"{name}/", (*chain, target)))
        elif os.path.isfile(target):
            self.found.append((name, link))


def _contains(folder: str, chain: tuple[str, ...]) -> bool:
    """Whether ``folder`` is one of the folders of ``chain`` or holds one."""
    inside = os.path.join(folder, "")
    return any(os.path.join(real, "").startswith(inside) for real in chain)


def _outside(link: str) -> Diagnostic:
    msg = (
        "this link leads out of the templates folder, so what it leads to is not published"
        " (it could be any file of the machine that builds the site)"
    )
    hint = "copy the file or folder into the templates folder and link that, or delete the link"
    return error(_at(link), "file-outside-templates", msg, hint)


def _loop(link: str) -> Diagnostic:
    msg = "this link leads to a folder that contains it: static/ would never end"
    return error(_at(link), "link-loop", msg, "delete it")


def _at(file: str) -> Span:
    return Span(Path(file).as_posix(), 1, 1)
