"""Pages -> the output directory, all or nothing.

The new site is written into a fresh directory beside the output and then
exchanged with it in one atomic ``renameat2(RENAME_EXCHANGE)``, so a reader (or
a build killed at any moment) sees either the old site or the new one, whole.
A lock keeps two builds from swapping into the same output at once.

Incremental writing (``write_site(..., spare=FOLDER)``): re-creating a tree of thousands of
files per build costs more than the whole rest of an edit's rebuild, so two trees take turns.
The spare tree holds the site as it was two builds ago; it is brought up to date by writing
only the files whose bytes differ from its manifest (which covers both this build's changes
and the ones it missed while it was live), removing the rest, then exchanged with the live
tree. Each tree's manifest (path -> digest, mtime, ctime) is stored by the tree directory's
inode and is deleted before the tree is touched, so a build killed half-way leaves a tree with
no manifest, which the next build rewrites in full. (The live tree's manifest is kept while a
few of its pages are replaced in place, those pages marked torn: ``replace_pages``.) A file
that is rewritten with bytes the other tree already has gets that tree's mtime, so unchanged
pages keep their mtime across builds.
A page the spare lacks but the live site has unchanged is hard-linked from it (no bytes
read or written), which is why a tree's file is written through only when it has no other
name, and otherwise replaced. A tree of unknown contents that is a finished site (the one a
build without a manifest of the live site swapped out, or one ``--clean`` kept) is written
over in full rather than deleted: see ``_overwrite``.

A file is trusted while its mtime and ctime are those its manifest records: a tool can set an
edited page's mtime back (``touch -r``, ``rsync -t``, ``cp -p``), but not its ctime. Linking
or unlinking a file changes its ctime too, so a spare file that is the live page's own hard
link is trusted when the live page is as the live manifest records it (``_unchanged``).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import pickle
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from concordance.atomic import store
from concordance.digests import FILE_DIGEST_LENGTH, FILE_DIGESTS, file_hasher, path_digest
from concordance.pages import DIGESTS, Copied, Hasher, Kept, Output, Page, Written, page_hasher
from concordance.regular_files import open_regular
from concordance.trash import remove_tree

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputError(Exception):
    """The output directory cannot be written (not a content problem)."""


@contextlib.contextmanager
def output_lock(out: Path, waiting: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Held for the whole build: a second build on the same output waits its turn, calling
    ``waiting`` first (a build that seems to hang should say why). The lock file beside the
    output is removed when the build ends, whether it succeeded or failed."""
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    handle = _locked(lock_path, waiting)
    try:
        yield
    finally:
        # Removed while still held: a build waiting on this file sees it gone once it has
        # the lock, and takes the lock again on the file a new build made (``_locked``).
        # Unlocked before closing: forked workers share the lock until they exit.
        lock_path.unlink(missing_ok=True)
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()


def _locked(lock_path: Path, waiting: Callable[[], None]) -> BinaryIO:
    """The lock file, open and locked: the one at ``lock_path`` when the lock was got, not
    one a finished build had removed meanwhile (two builds would then hold two locks)."""
    waited = False
    while True:
        if lock_path.is_symlink():  # committed in its place: opened, it made a file elsewhere
            lock_path.unlink()
        _refuse_other_than_a_file(lock_path)
        handle = open(lock_path, "a+b")  # noqa: SIM115 (held, locked, until the build ends)
        try:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not waited:
                    waiting()
                    waited = True
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            if _same_file(lock_path, handle):
                return handle
        except BaseException:
            handle.close()
            raise
        handle.close()


def _refuse_other_than_a_file(lock_path: Path) -> None:
    """A folder, named pipe or device committed as the lock file: opening it failed with
    the bare ``Is a directory`` or ``File or stream is not seekable``, naming no cause."""
    with contextlib.suppress(FileNotFoundError):
        if not stat.S_ISREG(os.lstat(lock_path).st_mode):
            raise OutputError(
                f"{lock_path} is not a file: the build locks its output with it; remove it"
            )


def _same_file(path: Path, handle: BinaryIO) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
    except FileNotFoundError:
        return False


Rendering = Callable[["Direct | None"], Iterable[Output]]
"""The pages of a site, made on demand: given a ``Direct`` when the tree they go into is new
(the renderers may write each page there themselves), else None."""


def write_site(
    render: Rendering,
    out: Path,
    before_swap: Callable[[Path], None] | None = None,
    spare: Path | Spare | None = None,
) -> int:
    """Write every page into a new tree and swap it in place of ``out``; returns pages written.

    ``before_swap`` runs on the finished tree (e.g. to index it for search): if it
    raises, the old site stays. With ``spare`` (a folder of the build cache, or its tree
    found ahead: ``spare_ahead``), the new tree is the previous site's predecessor, updated
    in place (see the module's docstring).
    """
    out = out.absolute()
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a directory")
    remove_leftovers(out)
    if isinstance(spare, Spare):
        if spare.out == out and spare.live_inode == _inode(out):
            return _write_incremental(render, out, spare, before_swap)
        spare = spare.folder  # not the site it was found for: looked for again
    if spare is not None:
        return _write_incremental(render, out, _taken(spare.absolute(), out), before_swap)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        count = write_tree(render(Direct(staging)), staging)
        if before_swap:
            before_swap(staging)
        swap_into_place(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return count


def write_tree(pages: Iterable[Output], root: Path) -> int:
    """Write the pages into the new, empty tree ``root`` (``Written`` ones are there)."""
    count = 0
    made: set[Path] = set()
    with _closing(pages):
        for page in pages:
            count += 1
            if isinstance(page, Written):
                continue
            if isinstance(page, Kept):
                raise OutputError(f"{page.path}: a kept page needs the incremental writer")
            target = safe_target(root, page.path)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            if isinstance(page, Copied):
                if _copy(page.source, target, file_hasher()) is None:
                    count -= 1  # removed since the listing: see ``_copy``
                continue
            _create(target, page.data)
    return count


@dataclass(frozen=True, slots=True)
class Direct:
    """A tree that render workers write pages into themselves: a large site's pages are
    hundreds of megabytes, which would otherwise be pickled, sent through a pipe and written
    out by one process. The tree is swapped in by the writer as before, so a killed build
    still leaves the old site whole.

    The tree is new and empty, or (``fresh`` false) a finished earlier site that nothing
    else writes in, whose contents are not trusted: every page is written over the file at
    its path, and the writer removes the rest afterwards (``_prune``)."""

    root: Path
    fresh: bool = True
    made: set[str] = field(default_factory=set)
    """Folders this process made or found real (each worker has its own copy)."""

    def write(self, page: Page) -> Written:
        # Paths as strings: the same calls with ``Path`` objects (a join of the parts, the
        # parent, its hash) took a third of the Python time of writing a page.
        target = safe_file(os.fspath(self.root), page.path)
        folder = os.path.dirname(target)
        if folder not in self.made:
            if self.fresh:
                _new_folders(folder)
                self.made.add(folder)
            else:
                self._make_dirs(folder)
        page = page.hashed()
        made = _create(target, page.data) if self.fresh else _overwrite(target, page.data)
        return Written(page.path, page.digest, made)

    def _make_dirs(self, folder: str) -> None:
        """``_make_dirs`` below the deepest of its folders this process made or found real
        already: each page of a site is in a folder of its own, whose parent (``articles/``)
        was looked at for every page before."""
        root, missing = os.fspath(self.root), []
        while folder != root and folder not in self.made:
            missing.append(folder)
            folder = os.path.dirname(folder)
        for folder in reversed(missing):
            _make_dir(folder)
            self.made.add(folder)


def _new_folders(folder: str) -> None:
    """``mkdir -p`` in a new tree (``Path.mkdir(parents=True, exist_ok=True)``), the folder
    tried first: its parents are there for nearly every page."""
    try:
        os.mkdir(folder)
    except OSError:  # its parents are missing, or a worker made it meanwhile (safe: a race)
        os.makedirs(folder, exist_ok=True)


@contextlib.contextmanager
def _closing(pages: Iterable[Output]) -> Iterator[None]:
    """Close the pages' generator when writing stops early, so its render workers are
    stopped at once, not whenever it is collected: they may be writing into the tree."""
    try:
        yield
    except BaseException:
        close = getattr(pages, "close", None)
        if close is not None:
            close()
        raise


def safe_target(root: Path, relative: str) -> Path:
    """Refuse any output path that would leave the output directory."""
    return root.joinpath(*_parts(relative))


def safe_file(root: str, relative: str) -> str:
    """``safe_target`` as a string, for the paths of every page (a ``Path`` is made and
    joined in Python, some 10 µs a page)."""
    _parts(relative)
    return os.path.join(root, relative)


def _parts(relative: str) -> list[str]:
    """The names of ``relative``, refused when one is empty (a leading or doubled ``/``),
    ``.`` or ``..``, or ``relative`` holds a backslash."""
    parts = relative.split("/")
    if "" in parts or "." in parts or ".." in parts or "\\" in relative:
        raise OutputError(f"refusing to write outside the site: {relative!r}")
    return parts


def swap_into_place(staging: Path, out: Path) -> None:
    """After this, ``out`` holds what ``staging`` held; ``staging`` holds the old site."""
    # A tree is made by mkdtemp, private (0o700) while it is written: the site gets the mode
    # its subfolders have, or a copy of it (rsync -a, a web server's user) cannot be read.
    os.chmod(staging, folder_mode())
    if not out.exists():
        os.rename(staging, out)
        staging.mkdir()  # the caller removes it
        return
    if not _exchange(staging, out):
        # No atomic exchange on this file system: two renames, old site kept until the end.
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.rename(out, old / "site")
        os.rename(staging, out)
        os.rename(old / "site", staging)
        old.rmdir()


def folder_mode() -> int:
    """The mode ``mkdir`` gives a new folder: 0o777 less the umask."""
    umask = os.umask(0o077)  # read by setting it: a file made meanwhile is private, not open
    os.umask(umask)
    return 0o777 & ~umask


def _exchange(a: Path, b: Path) -> bool:
    import ctypes  # here: a rebuild that replaces pages in place swaps no tree

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def remove_leftovers(out: Path) -> None:
    """Staging trees of builds that were killed before they could clean up."""
    for stray in out.parent.glob(f".{out.name}.new-*"):
        remove_tree(stray)
    for stray in out.parent.glob(f".{out.name}.old-*"):
        if not out.exists() and (stray / "site").is_dir():
            os.rename(stray / "site", out)
        remove_tree(stray)


# --- incremental: two trees taking turns ---------------------------------------------------

Entry = tuple[str, int, int]
"""A file in a manifest: (digest of its bytes, its mtime in ns, its ctime in ns)."""
Manifest = dict[str, Entry]
"""Stored with ``_DIGESTS`` (``_remember``)."""
_DIGESTS = f"{DIGESTS} {FILE_DIGESTS}"
"""What a manifest's digests are: of pages (``pages.DIGESTS``) and of files published as
they are (``digests.FILE_DIGESTS``)."""


class Spare:
    """The tree of the build cache's ``folder`` that a build writes its site into, as
    ``_spare`` found it, with the manifest of ``out``, the live site (``spare_ahead``)."""

    def __init__(
        self,
        folder: Path,
        out: Path,
        found: tuple[Path, Manifest, Listing | None] | None,
        live: Manifest | None,
    ) -> None:
        self.folder = folder
        self.out = out
        self.found = found
        self.live = live
        self.live_inode = _inode(out)

    def tree(self) -> tuple[Path, Manifest | None, Listing | None]:
        """The tree found, or else a new, empty one (made here, as the site is written, not
        found ahead: a build that stops at errors leaves no empty tree behind)."""
        if self.found is not None:
            return self.found
        return Path(tempfile.mkdtemp(prefix="tree-", dir=self.folder)), None, None


def spare_ahead(folder: Path, out: Path) -> Spare | None:
    """``write_site``'s spare tree in the build cache's ``folder``, found before the pages
    are rendered: a clean build walks the tree it writes over (``_ours``: 5,600 files at
    N=5000, some 30 ms) and the incremental one reads two manifests, which the parent did
    alone between the two pools. Called while the workers validate, under the output lock,
    as ``write_site`` is. None when a killed build left trees beside ``out`` (the old site
    may be put back: ``remove_leftovers``), which ``write_site`` then sees to first."""
    out = out.absolute()
    if any(out.parent.glob(f".{out.name}.new-*")) or any(out.parent.glob(f".{out.name}.old-*")):
        return None
    return _taken(folder.absolute(), out)


def _taken(folder: Path, out: Path) -> Spare:
    folder.mkdir(parents=True, exist_ok=True)
    found = _spare(folder, out)
    return Spare(folder, out, found, _manifest(folder, out))


def _write_incremental(
    render: Rendering, out: Path, spare: Spare, before_swap: Callable[[Path], None] | None
) -> int:
    folder, live = spare.folder, spare.live
    tree, known, listing = spare.tree()
    _forget(folder, tree)  # from here until the swap, the spare's contents are unknown
    written: Manifest = {}
    try:
        # A tree of unknown contents (``{}``) is written over by the render workers too.
        pages = render(Direct(tree, fresh=known is None) if not known else None)
        with _closing(pages):
            _update_tree(pages, tree, known, (out, live or {}), written)
        if known is not None:  # a new tree holds only what was just written
            _prune(tree, written, listing)
        if before_swap:
            before_swap(tree)
            _date_added(tree, out, written)
    except Exception:
        # This process failed, nothing else writes here: what the tree holds is known.
        _remember(folder, tree, {**(known or {}), **written})
        raise
    # Known before the swap (a folder keeps its inode when renamed): a build killed right
    # after it would leave a live site no manifest tells, and the next would put back the
    # spare tree's older copy of each page the live site holds other bytes for, older than
    # them (``_replaces_other_bytes``).
    _remember(folder, tree, written)
    swap_into_place(tree, out)
    if not any(tree.iterdir()):
        tree.rmdir()  # the first build: there was no old site to keep
    elif live is None:
        _mark_scratch(folder, tree)  # a whole site, of no known contents
    _keep_only(folder, {_inode(out), _inode(tree)})
    return len(written)


def replace_pages(pages: list[Page], out: Path, folder: Path) -> int | None:
    """Replace a few pages of the live site in place, each with one atomic rename; returns
    the number of files in the site, or None when the live site has no manifest and must
    be built the ordinary way.

    For rebuilds that change pages independent of each other (``delta``): whichever of
    them a reader or a killed build sees, old or new, each page is whole and the site is
    one that some state of the content gives. The pages being replaced are marked torn in
    the live manifest until every one is in place, so a killed build leaves a tree whose
    pages the next build trusts but for those.

    Like a rebuild that changes nothing, this does not look at the site's other files
    (a stat of each would cost more than the rest of the rebuild): a file changed by hand
    keeps its old mtime in the manifest, and the next full build, which checks every
    live file it reuses (``_linked``, ``_copy_live``), finds it.
    """
    out = out.absolute()
    files = _manifest(folder, out)
    if files is None:
        return None
    hashed = [page.hashed() for page in pages]
    # The same bytes (an edit Markdown ignores): the file and its mtime stay.
    changed = [page for page in hashed if files.get(page.path, TORN)[0] != page.digest]
    if not changed:
        return len(files)
    # Marked torn, not the whole manifest forgotten: a full build after a kill must still
    # know the live site's other pages, or it would put back the spare tree's older copy of
    # a page the live site holds other bytes for, older than them (``_replaces_other_bytes``).
    _mark_torn(folder, out, [page.path for page in changed])
    for page in changed:
        target = safe_target(out, page.path)
        temporary = folder / f".page-{os.getpid()}.tmp"
        try:
            temporary.write_bytes(page.data)
            os.replace(temporary, target)
        except (FileNotFoundError, NotADirectoryError):  # its folder was changed by hand:
            # the page stays torn and a full build runs, which checks every live file it keeps
            temporary.unlink(missing_ok=True)
            return None
        except BaseException:  # a full disk: no half-written page left in the cache
            temporary.unlink(missing_ok=True)
            raise
        files[page.path] = (page.digest, *times(target.stat()))
    _remember(folder, out, files)
    return len(files)


def intact(root: Path, manifest: Manifest) -> bool:
    """Every file of the manifest is in the tree with its recorded mtime and ctime (not
    edited since)."""
    for path, (_, *recorded) in manifest.items():
        try:
            if list(times(os.stat(os.path.join(root, path)))) != recorded:
                return False
        except OSError:
            return False
    return True


def _spare(folder: Path, out: Path) -> tuple[Path, Manifest, Listing | None] | None:
    """The tree to update: a complete earlier site with its manifest (``{}`` for one of
    unknown contents: see ``_mark_scratch``, with what it holds as taken), else None (the
    writer makes a new, empty one: ``Spare.tree``).

    A tree without a manifest was left by a killed build, whose search indexer may still
    be writing into it: it is deleted, never reused, and a new tree gets a new name, so an
    orphan writing by path cannot reach the next site.
    """
    spare: tuple[Path, Manifest, Listing | None] | None = None
    for tree in sorted(folder.glob("tree-*")):
        manifest = _manifest(folder, tree) if tree.is_dir() else None
        listing = _scratch(folder, tree) if manifest is None else None
        if listing is not None:
            manifest = {}
        if spare is None and manifest is not None and _inode(tree) != _inode(out):
            spare = (tree, manifest, listing)
        else:
            shutil.rmtree(tree, ignore_errors=True)
    return spare


def _update_tree(
    pages: Iterable[Output],
    root: Path,
    known: Manifest | None,
    live: tuple[Path, Manifest],
    written: Manifest,
) -> None:
    """Write the pages whose bytes the tree does not hold yet, noting each in ``written``.
    ``known`` is None for a new, empty tree: nothing in it to check or replace."""
    made: set[Path] = set()
    for page in pages:
        if page.path in written:  # caught here too: a tree written over has files already
            raise OutputError(f"{safe_target(root, page.path)}: two outputs of one path")
        if isinstance(page, Written):  # a render worker wrote it into the new tree
            file = safe_file(os.fspath(root), page.path)
            written[page.path] = _dated(file, page.path, (page.digest, *page.times), live[1])
            continue
        if isinstance(page, Copied):
            if copied := _update_copied(page, root, known, live, made, written):
                written[page.path] = copied
            continue
        digest = page.digest if isinstance(page, Kept) else page.hashed().digest
        target = safe_target(root, page.path)
        entry = known.get(page.path) if known is not None else None
        if (
            entry
            and entry[0] == digest
            and not _replaces_other_bytes(page.path, digest, live[1])
            and (same := _unchanged(target, page.path, entry, live))
        ):
            written[page.path] = _as_live(target, page.path, same, live[1])
            continue
        if target.parent not in made:
            _make_dirs(root, target.parent)
            made.add(target.parent)
        written[page.path] = ("", 0, 0)  # torn if this write fails: rewritten next time
        if isinstance(page, Page):
            write = _create if known is None else _overwrite
            made_at = write(target, page.data)
            written[page.path] = _dated(target, page.path, (digest, *made_at), live[1])
            continue
        if known is not None:
            _clear(target)  # a link is made, or a copy, only where nothing stands
        if entry := _linked(live, page, target):
            written[page.path] = entry
            continue
        made_at = _copy_live(live[0], page, target)
        written[page.path] = _dated(target, page.path, (digest, *made_at), live[1])


def _update_copied(
    page: Copied,
    root: Path,
    known: Manifest | None,
    live: tuple[Path, Manifest],
    made: set[Path],
    written: Manifest,
) -> Entry | None:
    """``_update_tree`` of a file published as it is: kept when the tree's file has its
    bytes, else linked from the live site when that has them, else copied; None when the
    file is gone (it is left out, as a page of no file).

    Its bytes are known by the digest the build fingerprinted it with, else read (a piece
    at a time) when either tree has a file at its path to compare with. A copy records
    the digest of the bytes it copied, so a file saved while it was copied is never taken
    for what it was before; one saved after it was fingerprinted is published as then, and
    the build is not remembered (``inputs.still_as_read``)."""
    target = safe_target(root, page.path)
    entry = known.get(page.path) if known is not None else None
    digest = page.digest
    if not digest and (entry or page.path in live[1]):
        digest = _source_digest(page.source) or ""
        if not digest:
            return None
    if (
        entry
        and entry[0] == digest
        and not _replaces_other_bytes(page.path, digest, live[1])
        and (same := _unchanged(target, page.path, entry, live))
    ):
        return _as_live(target, page.path, same, live[1])
    if target.parent not in made:
        _make_dirs(root, target.parent)
        made.add(target.parent)
    written[page.path] = TORN  # if this write fails: rewritten next time
    if known is not None:
        _clear(target)
    if digest and (linked := _linked(live, Kept(page.path, digest), target)):
        return linked
    copied = _copy(page.source, target, file_hasher())
    del written[page.path]
    return None if copied is None else _dated(target, page.path, copied, live[1])


def times(status: os.stat_result) -> tuple[int, int]:
    """What a manifest entry records of a file besides its digest: (mtime, ctime) in ns."""
    return status.st_mtime_ns, status.st_ctime_ns


def _unchanged(target: Path, path: str, entry: Entry, live: tuple[Path, Manifest]) -> Entry | None:
    """The spare tree's file at ``path`` with its entry as it now stands, or None when it
    may have been changed since ``entry`` was recorded: a tree's files are hard links to the
    live site's, so an edit written through a live page (``>>``) changes the spare's file too.

    Its ctime tells, unless the live site's hard link to it was made or removed since: a
    file that is the live page itself is then as the live manifest records that page."""
    try:
        status = os.stat(target)
    except OSError:
        return None
    if times(status) == entry[1:]:
        return entry
    twin = live[1].get(path)
    if status.st_mtime_ns != entry[1] or twin is None or twin[0] != entry[0]:
        return None
    try:
        shown = os.stat(safe_target(live[0], path))
    except OSError:
        return None
    if (shown.st_dev, shown.st_ino) != (status.st_dev, status.st_ino) or times(shown) != twin[1:]:
        return None
    return (entry[0], *times(status))


def _replaces_other_bytes(path: str, digest: str, live: Manifest) -> bool:
    """Whether the live site has other bytes at ``path``: the spare's file, though it has
    the bytes wanted (an edit undone: A, then B, then A again), is older than the live
    file it replaces, and is written anew. Kept, the page would go back in time, and a
    server answering If-Modified-Since (``python -m http.server``, nginx) would tell a
    browser holding B that it has the newest page; ``rsync --update`` would skip it."""
    twin = live.get(path)
    return twin is not None and twin[0] != digest


def _as_live(target: Path, path: str, entry: Entry, live: Manifest) -> Entry:
    """A file kept in the spare tree, with the mtime of the live file it replaces when that
    has its bytes: a page replaced in place since (``replace_pages``: an edit undone, A then
    B then A) is newer than the spare's copy of its bytes, and kept as it was, the page
    would go back in time past B's (see ``_replaces_other_bytes``)."""
    twin = live.get(path)
    if twin is None or twin[0] != entry[0] or twin[1] == entry[1]:
        return entry  # most files: the live one is this one, or no manifest tells its time
    return _dated(target, path, entry, live)


def _dated(target: str | Path, path: str, entry: Entry, live: Manifest) -> Entry:
    """A file just written with the bytes the live site has at its path takes the live
    file's mtime, so unchanged pages keep their mtime across builds."""
    twin = live.get(path)
    if twin and twin[0] == entry[0]:
        os.utime(target, ns=(twin[1], twin[1]))
        return (entry[0], *times(os.stat(target)))  # setting the mtime changed the ctime
    return entry


def _date_added(tree: Path, out: Path, written: Manifest) -> None:
    """Each file ``before_swap`` added to the tree (the search index) takes the live file's
    mtime when that has the same bytes, as a page does (``_dated``): Pagefind writes its
    whole folder anew at every build, most of it the bytes it wrote the time before, which
    a deploy would upload again and a browser fetch again. Only the folders and files at
    the top of the tree that no page is in are looked at."""
    tops = {path.partition("/")[0] for path in written}
    with os.scandir(tree) as listing:
        added = [entry.name for entry in listing if entry.name not in tops]
    for name in added:
        if os.path.isdir(tree / name) and not os.path.islink(tree / name):
            for folder, _, files in os.walk(tree / name):
                for file in files:
                    made = os.path.join(folder, file)
                    _date_as_live(made, out / os.path.relpath(made, tree))
        else:
            _date_as_live(str(tree / name), out / name)


def _date_as_live(made: str, live: Path) -> None:
    """``made`` takes the mtime of the live file ``live`` if both are files of one size and
    the same bytes."""
    try:
        new, old = os.lstat(made), os.lstat(live)
        same = (
            stat.S_ISREG(new.st_mode)
            and stat.S_ISREG(old.st_mode)
            and new.st_size == old.st_size
            and Path(made).read_bytes() == live.read_bytes()
        )
        if same:
            os.utime(made, ns=(old.st_mtime_ns, old.st_mtime_ns))
    except OSError:  # either is gone or unreadable: the new file keeps its own time
        return


def _clear(target: Path) -> None:
    """Remove whatever stands at ``target``: a file, a link or a folder."""
    try:
        os.unlink(target)
    except FileNotFoundError:
        pass
    except (IsADirectoryError, PermissionError):  # a folder (PermissionError on macOS)
        if not target.is_dir() or target.is_symlink():
            raise
        shutil.rmtree(target)


def _create(target: str | Path, data: bytes) -> tuple[int, int]:
    """Write a new file (never through an existing one: it may be a live page's link);
    returns its ``times``. The file is written with the bare system calls: a site is thousands
    of them, and each of Python's file objects asks the kernel for its size, position and
    terminal first."""
    fd = _new_file(target)
    try:
        _write_all(fd, data)
        return times(os.fstat(fd))
    finally:
        os.close(fd)


def _overwrite(target: str | Path, data: bytes) -> tuple[int, int]:
    """``_create`` over whatever a tree of unknown contents holds at ``target``; a regular
    file of no other name is written through, keeping its inode. On a file system that
    keeps no journal (ext4 without one, as on the benchmark machine), each new file or
    folder is placed by scanning past every inode deleted in the last minute, so writing a
    site of 5,000 pages just after deleting one cost some 5 s of CPU more than rewriting
    the files in place (``bench/run.py``, clean build)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(target, flags, 0o666)
    except OSError:  # a folder, a link or a named pipe with no reader stands there
        fd = -1
    try:
        if fd >= 0 and _only_name(os.fstat(fd)):
            _write_all(fd, data)
            os.ftruncate(fd, len(data))
            return times(os.fstat(fd))
    finally:
        if fd >= 0:
            os.close(fd)
    _clear(Path(target))  # never write through a live page's link, a pipe or a device
    return _create(target, data)


def _only_name(status: os.stat_result) -> bool:
    return stat.S_ISREG(status.st_mode) and status.st_nlink == 1


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        # The count apart: compiled by mypyc, a call in a slice's bound was made twice.
        count = os.write(fd, view)
        view = view[count:]


def _new_file(target: str | Path) -> int:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    try:
        return os.open(target, flags, 0o666)
    except FileExistsError:  # the tree is new or the path was cleared: written twice
        raise OutputError(f"{target}: two outputs of one path") from None


def _linked(live: tuple[Path, Manifest], page: Kept, target: Path) -> Entry | None:
    """A kept page the tree lacks, as a hard link to the live file: no bytes read or
    written (the first rebuild after a clean one fills a whole tree this way). The live
    file's mtime and ctime must be those its manifest records, or it was changed by hand."""
    entry = live[1].get(page.path)
    source = safe_target(live[0], page.path)
    try:
        if entry is None or entry[0] != page.digest or times(source.stat()) != entry[1:]:
            return None
        os.link(source, target, follow_symlinks=False)
        return (entry[0], *times(target.stat()))  # linking changed the ctime
    except OSError:  # another file system, no hard links, too many links: copy instead
        return None


def _copy_live(out: Path, page: Kept, target: Path) -> tuple[int, int]:
    """A kept page copied from the live site (which this build has not touched yet) to
    ``target``; returns its ``times``."""
    source = safe_target(out, page.path)
    kind = file_hasher() if len(page.digest) == FILE_DIGEST_LENGTH else page_hasher()
    copied = _copy(str(source), target, kind)  # a file published as it is, or a page
    if copied is None:
        raise OutputError(f"{source} cannot be read; run `build --clean`")
    if copied[0] != page.digest:
        raise OutputError(f"{source} was changed by hand; run `build --clean`")
    return copied[1:]


PIECE = 1 << 20
"""How much of a file copied as it is (``_copy``) is held at once."""
_HOLE = bytes(PIECE)


def _open_source(source: str) -> tuple[int, bytearray] | None:
    """The file ``source`` open for reading, with a buffer to read it into (no larger than
    the file, as most are small images), or None when it is gone, cannot be read or is no
    longer a regular file (a named pipe put in its place since the listing is opened
    without waiting, and never read)."""
    fd = open_regular(source)
    if fd is None:
        return None
    return fd, bytearray(min(PIECE, os.fstat(fd).st_size + 1))


def _source_digest(source: str) -> str | None:
    """``file_digest`` of the file ``source``, read a piece at a time; None as ``_copy``."""
    try:
        return path_digest(source)
    except OSError:
        return None


def _copy(source: str, target: Path, digest: Hasher) -> Entry | None:
    """Copy the file ``source`` to the new file ``target`` a piece at a time; returns the
    ``digest`` of the bytes copied with the copy's ``times``, or None (and no ``target``) when
    ``source`` is gone, cannot be read or is no regular file: it was listed as one, and a
    file removed since is left out (the build that follows its removal does the same)."""
    opened = _open_source(source)
    if opened is None:
        return None
    fd, buffer = opened
    try:
        out = _new_file(target)
        try:
            copied = _pieces(fd, buffer, out, digest)
        finally:
            os.close(out)
        if copied is None:
            target.unlink()
        return copied
    finally:
        os.close(fd)


def _pieces(source: int, buffer: bytearray, out: int, digest: Hasher) -> Entry | None:
    """``_copy``'s loop, from one open file to the other; None if reading fails. A piece of
    zeros is skipped rather than written, as ``cp`` does, so a sparse file's copy takes no
    more disk than it does (its bytes are the same)."""
    length = 0
    while True:
        try:
            size = os.readv(source, [buffer])
        except OSError:
            return None
        if not size:
            break
        piece = memoryview(buffer)[:size]
        digest.update(piece)
        length += size
        if size == PIECE and buffer == _HOLE:
            os.lseek(out, size, os.SEEK_CUR)
            continue
        while piece:
            count = os.write(out, piece)  # apart: see ``_write_all``
            piece = piece[count:]
    os.ftruncate(out, length)  # the size a hole at the end leaves unset
    return (digest.hexdigest(), *times(os.fstat(out)))


def tree_manifest(folder: Path, tree: Path) -> Manifest | None:
    """The manifest of a finished tree (``folder`` is the build cache), or None if unknown."""
    return _manifest(folder, tree)


def _make_dirs(root: Path, folder: Path) -> None:
    """``mkdir -p`` in a tree of unknown contents: a file or a link that stands where a
    folder must be is replaced, so nothing is ever written through a link out of the tree."""
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        _make_dir(current)


def _make_dir(folder: str | Path) -> None:
    """A real folder at ``folder``, whatever stood there (render workers may race here).
    Looked at first: in a tree written over, most folders are there already, and a failed
    ``mkdir`` costs a system call and an exception more than a look."""
    if _is_folder(folder):
        return
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder)
        return
    if _is_folder(folder):
        return
    with contextlib.suppress(FileNotFoundError, IsADirectoryError):
        os.unlink(folder)  # IsADirectoryError: another worker made the folder meanwhile
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder)
    if not _is_folder(folder):
        raise OutputError(f"{folder}: cannot be made a folder")


def _is_folder(path: str | Path) -> bool:
    """Whether a folder, not a link to one, is at ``path`` (false when nothing is)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except FileNotFoundError:  # another worker removed what stood there
        return False


def _prune(root: Path, keep: Manifest, listing: Listing | None = None) -> None:
    """Remove every file the new site does not have (including what ``before_swap`` added
    last time), then the folders left empty. ``listing``: what the tree held when it was
    taken, if known, which saves walking it again (0.06 s at N=5000, after the last page)."""
    if listing is not None:
        try:
            _prune_listed(root, keep, listing)
            return
        except OSError:  # changed meanwhile: walked, as without a listing
            pass
    _prune_folder(str(root), "", keep)


def _prune_listed(root: Path, keep: Manifest, listing: Listing) -> None:
    """``_prune`` of a tree whose files and folders before the build are ``listing``'s: the
    build only added files to it, each of which ``keep`` holds."""
    for path in listing.files:
        if path not in keep or path in listing.linked_folders:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(root / path)
    kept = {""}
    for path in keep:
        while (path := path.rpartition("/")[0]) not in kept:
            kept.add(path)
    for path in reversed(listing.folders):  # each before the folder holding it
        if path not in kept:
            os.rmdir(root / path)


def _prune_folder(folder: str, prefix: str, keep: Manifest) -> bool:
    """``_prune`` of one folder, whose path in the site starts with ``prefix``; returns
    whether anything is left in it (each folder is listed once: no second look to see
    whether it became empty)."""
    left = False
    with os.scandir(folder) as listing:
        entries = list(listing)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if _prune_folder(entry.path, f"{prefix}{entry.name}/", keep):
                left = True
            else:
                os.rmdir(entry.path)
        elif prefix + entry.name in keep and not (entry.is_symlink() and entry.is_dir()):
            left = True
        else:
            os.unlink(entry.path)
    return left


def _inode(tree: Path) -> int:
    try:
        return tree.stat().st_ino
    except FileNotFoundError:
        return -1


def _manifest_file(folder: Path, tree: Path) -> Path:
    return folder / f"manifest-{_inode(tree)}.pickle"


def _manifest(folder: Path, tree: Path) -> Manifest | None:
    if not tree.is_dir():
        return None
    try:
        with open(_manifest_file(folder, tree), "rb") as handle:
            stored = pickle.load(handle)
    except Exception:  # missing or torn: the tree's contents are unknown
        return None
    # One of other kinds of digests (a bare dict: SHA-256's, before) is unknown too.
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == _DIGESTS):
        return None
    value = stored[1]
    if not isinstance(value, dict):
        return None
    # One written by an earlier version records no ctime: its tree is unknown too.
    if not all(len(entry) == 3 for entry in value.values()):
        return None
    return _torn(folder, tree, value)


def _torn_file(folder: Path, tree: Path) -> Path:
    return folder / f"torn-{_inode(tree)}.pickle"


def _torn(folder: Path, tree: Path, manifest: Manifest) -> Manifest | None:
    """``manifest`` with the files a killed ``replace_pages`` was replacing marked torn (each
    holds the old bytes or the new, with an mtime no manifest knows), or None when which
    they are cannot be read: the tree is then unknown."""
    try:
        with open(_torn_file(folder, tree), "rb") as handle:
            paths = pickle.load(handle)
    except FileNotFoundError:
        return manifest
    except Exception:  # from another version, or unreadable
        return None
    return {**manifest, **dict.fromkeys(paths, TORN)} if isinstance(paths, list) else None


TORN = ("", 0, 0)
"""The manifest entry of a file that may hold anything: no digest and no time match it."""


def _mark_torn(folder: Path, tree: Path, paths: list[str]) -> None:
    """Note the files about to be replaced in the tree (a few; storing the whole manifest
    again would cost a rebuild of one page some milliseconds at N=5000)."""
    store(_torn_file(folder, tree), paths)


def _forget(folder: Path, tree: Path) -> None:
    _manifest_file(folder, tree).unlink(missing_ok=True)
    _torn_file(folder, tree).unlink(missing_ok=True)
    _scratch_file(folder, tree).unlink(missing_ok=True)


def _scratch_file(folder: Path, tree: Path) -> Path:
    return folder / f"scratch-{_inode(tree)}"


def _scratch(folder: Path, tree: Path) -> Listing | None:
    """What ``tree`` holds, if it is marked a finished site to write over (``_mark_scratch``)
    and is the build's user's to write over (``_ours``); else None."""
    return _ours(tree) if _scratch_file(folder, tree).exists() else None


def _ours(tree: Path) -> Listing | None:
    """What ``tree`` holds, if it is a folder, no link, all of it the build's user's: a file
    written over keeps its owner, and one in a folder of another's (left by a build run as
    root) could not be replaced; such a tree is deleted and made anew, as before."""
    if tree.is_symlink() or not tree.is_dir():
        return None
    return _all_own(str(tree), os.geteuid())


@dataclass(slots=True)
class Listing:
    """What a tree holds, by path in the site, as ``_all_own`` found it."""

    files: list[str] = field(default_factory=list)
    """Files and links (a link to a folder too: it is not walked)."""
    folders: list[str] = field(default_factory=list)
    """Each after the folder holding it."""
    linked_folders: set[str] = field(default_factory=set)


def _all_own(root: str, user: int) -> Listing | None:
    """What ``root`` holds, if all of it is ``user``'s and its folders writable, else None
    (walked with a list, not recursion: a tree of unknown contents may be deep)."""
    found = Listing()
    folders = [(root, "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            status = os.lstat(folder)
            with os.scandir(folder) as listing:
                entries = list(listing)
            if status.st_uid != user or not status.st_mode & stat.S_IWUSR:
                return None
            for entry in entries:
                path = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, path + "/"))
                    found.folders.append(path)
                elif entry.stat(follow_symlinks=False).st_uid != user:
                    return None
                else:
                    found.files.append(path)
                    if entry.is_symlink() and entry.is_dir():
                        found.linked_folders.add(path)
        except OSError:  # unreadable, or changed meanwhile: not to be written over
            return None
    return found


def _mark_scratch(folder: Path, tree: Path) -> None:
    """Note that ``tree`` is a finished site that nothing writes in, though what it holds
    is not known: the next build writes over its files rather than deleting it and making
    new ones (see ``_overwrite`` for why)."""
    _scratch_file(folder, tree).touch()


def recycle_trees(old: Path, folder: Path) -> None:
    """Move the finished trees of the discarded build cache ``old`` into the new one,
    ``folder``, their contents forgotten (``build --clean``): each page is written anew,
    only over a file rather than in a new one (``_overwrite``).

    Whether all of a tree is the build's user's is asked once, by ``_spare`` as the build
    takes it, which deletes one that is not: walking the tree here as well (5,600 files at
    N=5000) took 0.1 s more of a clean build's start, with no core working beside it."""
    for tree in sorted(old.glob("tree-*")):
        finished = _manifest(old, tree) is not None or _scratch_file(old, tree).exists()
        if not finished or tree.is_symlink() or not tree.is_dir():
            continue  # a killed build's, or no folder: deleted with ``old``
        moved = folder / tree.name
        with contextlib.suppress(OSError):  # left behind, it is deleted with the rest
            os.rename(tree, moved)
            _mark_scratch(folder, moved)


def _remember(folder: Path, tree: Path, manifest: Manifest) -> None:
    store(_manifest_file(folder, tree), (_DIGESTS, manifest))
    _torn_file(folder, tree).unlink(missing_ok=True)  # after: a kill between marks too much


def _keep_only(folder: Path, inodes: set[int]) -> None:
    kept = {str(i) for i in inodes}
    markers = ("manifest-*.pickle", "torn-*.pickle", "scratch-*")
    for file in [found for pattern in markers for found in folder.glob(pattern)]:
        if file.stem.partition("-")[2] not in kept:
            file.unlink(missing_ok=True)
