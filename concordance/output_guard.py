"""Where a build may put the site. A build replaces the output folder whole (``write``), so
whatever was in it goes: the output must not be, hold or lie inside a folder the build reads,
nor hold the folder the command runs in or a repository, nor be a folder of files that is
not a site."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from concordance.cache import cache_dir
from concordance.config import UsageError

SITE_MARKS = ("index.html", "data/concordance.json")
"""Every build writes the home page and the data export (``emit.data.JSON_PATH``): a folder
without both was not made by a build. The home page alone is no sign: a folder of pages
written by hand has one too (GitHub Pages serves a repository's ``docs/``)."""


def check_output(out: Path, reads: Mapping[str, Path]) -> None:
    """Raise ``UsageError`` unless ``out`` can be replaced without losing anyone's files.
    ``reads`` names each folder the build reads (``{"content": ..., "templates": ...}``).
    Refused before anything is made (the build's lock and cache go beside the output)."""
    if out.is_symlink():
        raise UsageError(
            f"--out {out} is a symbolic link, which the build would replace with the site (it"
            f" replaces its output whole): give the folder it leads to, --out {out.resolve()}"
        )
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder; choose another, e.g. --out site")
    target = out.resolve()
    # The cache is kept beside the output (``cache_dir``): an output named ``.cache`` holds it,
    # and the swap moved it away mid-build (No such file or directory, a ``..cache.old-*``
    # folder left behind by every run).
    for role, folder in {**reads, "cache": cache_dir(out)}.items():
        source = folder.resolve()
        if target == source or target.is_relative_to(source) or source.is_relative_to(target):
            raise UsageError(
                f"--out {out} overlaps the {role} folder {folder}: the build replaces its output"
                " whole; choose an output folder outside it, e.g. --out site"
            )
    _refuse_cache_over(out, reads)
    _refuse_staging_names(out, target, reads)
    if Path.cwd().resolve().is_relative_to(target):
        raise UsageError(f"--out {out} holds the current folder; choose another, e.g. --out site")
    if repository := _repository(target):
        raise UsageError(
            f"--out {out} holds a repository ({repository}), which the build would delete with"
            " the rest (it replaces its output whole); build into another folder and copy the"
            " site into it, e.g. --out site"
        )
    if target.is_dir() and not _built(target) and _has_entries(target):
        raise UsageError(
            f"--out {out} holds files but not those of a built site ({' and '.join(SITE_MARKS)}),"
            " so it is not a built site, and a build would replace it; choose a new or empty"
            " folder, or move those files away first"
        )


def _refuse_cache_over(out: Path, reads: Mapping[str, Path]) -> None:
    """The cache beside the output must not be, hold or lie inside a folder the build reads:
    a cache the build did not make is discarded whole (``cache_owner``), and the content kept
    in ``.cache/concordance-site`` went with it; a content folder named ``.cache`` got the
    build's files among the editor's."""
    cache = cache_dir(out)
    held = cache.resolve()
    for role, folder in reads.items():
        source = folder.resolve()
        if held == source or held.is_relative_to(source) or source.is_relative_to(held):
            raise UsageError(
                f"the build's cache {cache}, kept beside --out {out}, overlaps the {role} folder"
                f" {folder}: the build deletes a cache it did not make; move the {role} folder,"
                " or choose another output folder"
            )


def _refuse_staging_names(out: Path, target: Path, reads: Mapping[str, Path]) -> None:
    """A folder read must not be named as the build's staging trees beside the output
    (``.site.new-*``, ``.site.old-*``), which a build deletes as left by one killed
    (``write.remove_leftovers``): content kept in ``.site.new-drafts`` was deleted."""
    staging = (f".{out.name}.new-", f".{out.name}.old-")
    for role, folder in reads.items():
        source = folder.resolve()
        for part in (source, *source.parents):
            if part.parent == target.parent and part.name.startswith(staging):
                raise UsageError(
                    f"the {role} folder {folder} is named as the trees a build of --out {out}"
                    f" writes beside it ({part.name}), which it deletes; rename the {role}"
                    " folder, or choose another output folder"
                )


VERSION_CONTROL = (".git", ".hg", ".svn")
"""A repository's own folder (or, for a Git worktree, file): a checkout of a published site
(a ``gh-pages`` branch, a Pages repository served from its root) holds a built site's
marks too, and was replaced whole, its history and unpushed commits with it."""


def _repository(folder: Path) -> str | None:
    return next((name for name in VERSION_CONTROL if (folder / name).exists()), None)


def _built(folder: Path) -> bool:
    return all((folder / mark).is_file() for mark in SITE_MARKS)


def _has_entries(folder: Path) -> bool:
    return any(True for _ in folder.iterdir())
