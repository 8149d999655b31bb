"""The build cache (git-ignored ``.cache/concordance-<out>/`` beside the output directory).

What it holds, all content-addressed or checked before use:

- ``articles.pickle`` and ``articles-*.bin``: each article's validation result (the costly
  part: YAML, schema, Markdown, quote verification), keyed by the file's path and bytes,
  the publish default and the code version. A key that matches can only give the result a
  fresh run would. Appended to one file with an index (``packs.Pack``).
- ``state.pickle``: the fingerprint of every input of the last successful build (content,
  templates, options, code) with its diagnostics; an identical fingerprint means the site
  in place is already the site this run would write, so nothing is rendered at all. It
  also holds each article file's digest and ``signature``, for ``delta``.
- ``stats.pickle``: each content file's ``stat`` with its digest (``FileStats``). A file
  that leads out of the content folder gets no digest (``Inside``).
- ``pages.pickle``: for each page, a digest of everything its template received (the
  view, or a stand-in made of the records the view is made of, see ``keys``; the page's
  path and title; the site settings) -> the digest of the HTML it gave.
  A page whose inputs are unchanged is not rendered again: the live site's file is kept
  (if its mtime and ctime are still those its manifest records). Keyed also by the code and
  the templates.
- ``drafts.pickle`` and ``drafts-*.bin``: where each article page's frame stands in the
  page (``pages.ArticleFrame.drafted``), end to end with an index (``DraftStore``).
- ``jinja/``: compiled templates.
- ``code-version.pickle``: ``code_version``'s last digest, with the stats of the files it
  was made from, so a build digests the package's files only when one has changed.
- ``owner`` and ``owner.id``: which folder this is (``cache_owner``).
- the spare output tree and the manifests of both trees, with the pages an in-place
  replacement was writing when it was killed (``torn-*.pickle``; see ``write.py``).

``build --clean`` removes the whole folder first, and so does any build that finds a folder
it did not make (``cache_owner``): loading its pickles would run the code of whoever made them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import stat
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Final, NamedTuple, TypeGuard, TypeVar, cast

import orjson
from blake3 import blake3

import concordance
from concordance import casing
from concordance.atomic import store
from concordance.compiled import SETTLED, stamp
from concordance.config import SiteConfig, UsageError
from concordance.diagnostics import Diagnostic, os_problem
from concordance.digests import FILE_DIGESTS, path_digest
from concordance.model import Article, PartialArticle
from concordance.packs import Pack
from concordance.pages import Page
from concordance.trash import remove_tree
from concordance.wire import ARTICLE_FIELDS, Values, article_reduced  # imported, pickles articles
from concordance.write import Manifest, times, tree_manifest

PACKAGE = Path(concordance.__file__).resolve().parent
"""The package's folder (from the package: compiled, this module's ``__file__`` is not its own)."""
FORMAT = 5
"""Bumped when what the cache stores changes shape."""
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)
"""Environment variables that change the output (feed dates)."""
T = TypeVar("T")

Validated = tuple[Article | PartialArticle | None, list[Diagnostic]]
"""``validate_article``'s result: a ``PartialArticle`` is stored like any other result."""
Signed = tuple[Validated, str, str]
"""A validation result with the article's ``signature`` (empty when there is none) and the
``file_digest`` of the bytes it was made from."""


def cache_dir(out: Path) -> Path:
    out = out.absolute()
    return out.parent / ".cache" / f"concordance-{out.name}"


def template_cache(folder: Path, version: str) -> Path:
    """Where compiled templates are kept (see ``render.environment``) for the code of
    ``version`` (``code_version``), those of other code removed. Jinja keys them by their
    source alone, while their code calls each filter as the code that compiled them took
    it: after an upgrade whose filter took the environment no more, or took it now, a build
    ended in a traceback (``'str' object has no attribute 'policies'``) or rendered with the
    old filter."""
    jinja = folder / "jinja"
    kept = jinja / version[:32]
    if jinja.is_dir() and not jinja.is_symlink():
        for entry in jinja.iterdir():
            if entry != kept:
                remove_tree(entry)
    kept.mkdir(parents=True, exist_ok=True)
    return kept


DEPENDENCIES = {
    "babel": "babel",
    "jinja2": "jinja2",
    "markupsafe": "markupsafe",
    "orjson": "orjson",
    "markdown_it": "markdown_it_py",
    "mdit_py_plugins": "mdit_py_plugins",
    "linkify_it": "linkify_it_py",
    "yaml": "pyyaml",
}
"""Module -> distribution of each package whose code shapes the pages or the cached results."""


def code_version(folder: Path | None = None) -> str:
    """Every module of the package and its label catalogs, the version of each dependency
    that shapes the output and Python's (whose Unicode tables make slugs and fold quotes): a
    changed line of code, or an upgraded library, invalidates every cached result.

    With ``folder`` (a build's cache), the digest is kept there (``VERSION_MEMO``) with the
    stats of the files it was made from and the versions, and the files are digested again
    only when one of those has changed, as ``compiled`` does with the compiled sources:
    reading and hashing the 1.6 MB of the package's files was a twentieth of a rebuild after
    an edit (58 M instructions). A file changed too lately for its stats to tell a later
    change (``compiled.SETTLED``) is digested each time."""
    names = package_files()
    versions = "\0".join([sys.version, *installed_versions()])
    memo = folder / VERSION_MEMO if folder else None
    files = stamp([PACKAGE / name for name in names]) if memo else None
    key = f"{versions}\n{files}"
    if memo and files is not None:
        kept = _load(memo, lambda: None)
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key:
            return str(kept[1])
    digest = hashlib.sha256(str(FORMAT).encode())
    for name in names:
        digest.update(name.encode())
        digest.update((PACKAGE / name).read_bytes())
    digest.update(versions.encode())
    version = digest.hexdigest()
    if memo and files is not None:
        with contextlib.suppress(OSError):  # then taken again next time, as without a cache
            store(memo, (key, version))
    return version


VERSION_MEMO = "code-version.pickle"
"""The file of a build's cache of ``code_version``'s last digest, with what it was made of."""


def package_files() -> list[str]:
    """The path in the package of each of its modules and label catalogs, in the order of
    their folders and names. Listed with ``os.walk``, past the bytecode folders: pathlib's
    ``rglob`` listed every compiled file of every module too, a tenth of the instructions of
    ``code_version``, which every build, a no-change one too, takes first."""
    found = []
    for folder, subfolders, files in os.walk(PACKAGE):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        inner = Path(folder).relative_to(PACKAGE)
        found += [(inner / name).as_posix() for name in files if name.endswith(".py")]
        if inner.as_posix() == "catalogs":
            found += [(inner / name).as_posix() for name in files if name.endswith(".yaml")]
    return sorted(found, key=lambda name: name.split("/"))


def installed_versions() -> list[str]:
    """The metadata folder of each installed ``DEPENDENCIES`` distribution, named for its
    version (``Jinja2-3.1.6.dist-info``). Listed rather than read with ``importlib.metadata``,
    whose import and look-ups would add a fifth to a no-change rebuild; nothing is imported."""
    folders = set()
    for module in DEPENDENCIES:
        spec = find_spec(module)
        if spec is not None and spec.origin:
            folders.add(Path(spec.origin).parent.parent)
    wanted = set(DEPENDENCIES.values())
    found = []
    for folder in sorted(folders):
        for entry in sorted(os.listdir(folder)):
            name, _, rest = entry.partition("-")
            metadata = rest.endswith((".dist-info", ".egg-info"))
            if metadata and re.sub(r"[-.]", "_", casing.lower(name)) in wanted:
                found.append(entry)
    return found


def tree_digest(root: Path) -> str:
    """Names and bytes of every file under ``root`` (the templates)."""
    digest = hashlib.blake2b(digest_size=20)
    for name, file in sorted(tree_files(root)):
        # A name of another encoding is a lone surrogate here: digested as its bytes.
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(path_digest(file).encode())
        except OSError as exc:  # a template without permission: its render reports it
            digest.update(f"unreadable: {exc.errno}".encode())
    return digest.hexdigest()


TEMPLATE_ENTRIES = 20_000
"""The most files and folders the templates may reach through links to folders outside
them: a link to ``/usr`` or ``/`` would have every build walk and read all of it (the walk
stops at the limit, before anything is read). What is in the folder itself is not counted:
the build always read all of it."""


def too_many_template_files(root: Path, folder: str) -> str:
    return (
        f"the templates folder {root} reaches more than {TEMPLATE_ENTRIES:,} files and "
        f"folders through links to folders outside it (the last one read: {folder}); link "
        "only the folders the templates use"
    )


class Outside:
    """Counts the files and folders a walk of ``root`` reaches outside it, through links."""

    def __init__(self, root: Path) -> None:
        self.root = os.path.join(os.path.realpath(root), "")
        self.reached = 0

    def too_many(self, real: str, files: int) -> bool:
        """Whether, with the folder ``real`` (a real path) and its ``files``, too many."""
        if not os.path.join(real, "").startswith(self.root):
            self.reached += 1 + files
        return self.reached > TEMPLATE_ENTRIES


def tree_files(root: Path) -> list[tuple[str, Path]]:
    """(Name from ``root``, path) of every file under ``root``, through links to folders
    too: Jinja2 loads a template and the build copies a static file through them (a
    ``static/`` linked from a shared theme), so an edit there must change the digest.
    (``Path.rglob`` does not follow such links.) A folder reached again, through a link
    back up or a second link, is listed once: its files' bytes are digested already."""
    found: list[tuple[str, Path]] = []
    seen: set[str] = set()
    outside = Outside(root)
    for folder, folders, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            folders.clear()
            continue
        seen.add(real)
        if outside.too_many(real, len(files)):
            raise UsageError(too_many_template_files(root, folder))
        for name in files:
            file = Path(folder, name)
            if file.is_file():
                found.append((file.relative_to(root).as_posix(), file))
    return found


def fingerprint(parts: Iterable[object]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def texts_digest(texts: list[str]) -> str:
    """A digest of ``texts`` (paths, digests: none holds a NUL) for ``fingerprint``: their
    repr, a list of 5,000 paths or digests, took 7 M instructions, these a tenth of it."""
    return blake3("\0".join(texts).encode("utf-8", "surrogatepass")).hexdigest(20)


def environment_values() -> tuple[str | None, ...]:
    return tuple(os.environ.get(name) for name in ENVIRONMENT)


def unpickled(blob: bytes) -> Signed:
    """A result as a worker pickled it (``parallel.validate_pickled``; its articles as
    ``wire`` writes them)."""
    return cast(Signed, pickle.loads(blob))


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(slots=True, eq=False, repr=False)
class ArticleCache:
    """Validation results by key; only the keys used by the last build are kept. Stored as
    a ``packs.Pack``: a rebuild after an edit appends one result instead of rewriting all."""

    pack: Pack
    used: set[str] = field(default_factory=set)
    fresh: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> ArticleCache:
        return cls(Pack.open(folder, "articles", str(FORMAT)))

    @staticmethod
    def held(folder: Path) -> bool:
        """Whether results are stored in ``folder``."""
        return Pack.held(folder, "articles")

    @staticmethod
    def key(version: str, publish: str, path: str, digest: str) -> str:
        return fingerprint((version, publish, path, digest))

    def get(self, key: str) -> Signed | None:
        found = self.pack.get(key)
        if found is not None:
            self.used.add(key)
        return cast(Signed | None, found)

    def put(self, key: str, blob: bytes) -> None:
        """Store a pickled result (as a worker sent it: see ``unpickled``)."""
        self.fresh[key] = blob

    def save(self) -> None:
        self.pack.save(str(FORMAT), self.used, self.fresh)


@dataclass(frozen=True, slots=True)
class Inputs:
    """The content files a run reads, with the digest of each file's bytes."""

    articles: list[tuple[str, str]]
    """(path, digest of its bytes) of each article file."""
    concepts: list[Path]
    fingerprint: str
    """Of everything the output depends on; empty when no cache is used."""
    salt: str = ""
    """Of the code and the templates: what a page's bytes depend on besides its view."""
    context: str = ""
    """Of everything the output depends on except the bytes of the article files."""
    media: list[str] = field(default_factory=list)
    """The files a body may show or link (``model.PUBLISHED_SUFFIXES``)."""
    others: dict[str, str] = field(default_factory=dict)
    """The digest of site.yaml, of each concept file and of each media file, by path (in
    ``context``)."""
    unread: list[Diagnostic] = field(default_factory=list)
    """A warning at each file an editor likely meant the build to read that it does not
    (``inputs.unread_files``), and an error at each link of ``templates/static/`` that
    leads out of the templates (``static.static_files``); in ``context``."""
    pending: FileLook | None = None
    """When the articles were left for the workers to read (``inputs.read_inputs``), what
    was found of the files: then each article's digest is empty, and so is ``fingerprint``,
    until ``inputs.articles_as_read``."""
    version: str = ""
    """``code_version`` when a cache is used, taken once a build: each take reads and hashes
    the package's files, some 15 ms of the parent alone on one core."""


class ArticleState(NamedTuple):
    """One article file as the last successful build saw it (a named tuple: a rebuild loads
    thousands of them; they are stored as plain tuples, see ``save_state``)."""

    digest: str
    """Of the file's bytes."""
    signature: str
    """Of everything validation made of it except the rendered body (``signature``)."""
    diagnostics: list[Diagnostic]
    """What validating this file alone reported."""


SiteStamp = tuple[int, int, int, tuple[str, ...]]
"""``site_stamp``'s: the output folder's inode, mtime, ctime and the names at its top."""


@dataclass(frozen=True, slots=True)
class BuildState:
    """The last successful build: its input fingerprint, the tree it wrote, its results."""

    fingerprint: str
    out_stamp: SiteStamp
    """``site_stamp`` of the tree it wrote, as it left it."""
    diagnostics: list[Diagnostic]
    pages: int
    context: str = ""
    """Fingerprint of every input except the bytes of the article files."""
    articles: dict[str, ArticleState] = field(default_factory=dict)
    """By file path."""
    config: SiteConfig | None = None
    """The site settings the pages were rendered with (``--base-url`` applied)."""

    def __reduce__(self) -> tuple[type[BuildState], tuple[object, ...]]:
        # Pickled as a call with the fields (``state.pickle``): the default pickling of a
        # frozen dataclass compiled by mypyc cannot set the fields again, and its state is
        # not the plain form's, so a cache written by one form would not load in the other.
        return BuildState, (
            self.fingerprint,
            self.out_stamp,
            self.diagnostics,
            self.pages,
            self.context,
            self.articles,
            self.config,
        )


def site_stamp(out: Path) -> SiteStamp:
    """The output folder's inode, mtime, ctime and names: another tree swapped in, or a
    file added or removed at its top (``rm -rf site/*``), changes it. A rebuild that changes
    nothing trusts the site in place while it is unchanged, and looks at none of its files
    (a stat of each would cost more than the rest of such a rebuild). The names as well as
    the times: where they are kept to the second or two (ext3, HFS+, FAT, some NFS), a
    script's ``rm -rf site/*`` in the second the build ended leaves both times as they were."""
    status = out.stat()
    return status.st_ino, status.st_mtime_ns, status.st_ctime_ns, tuple(sorted(os.listdir(out)))


_BODY = ARTICLE_FIELDS.index("body_html")


def signature(article: Article) -> str:
    """What every page but the article's own reads of an article: all of it but the body.

    Two versions of a file with one signature give the same index (quotes, dates, names,
    summary, spans), so an edit that keeps it can change no page but the article's own.
    Written as JSON by orjson, in C, of the plain values ``wire`` pickles the article as,
    which make it again (its quotes, positions and links as tuples of their fields): their
    repr took 70 µs an article, in Python for each record and position; the article's own
    records written by orjson, each named tuple made a tuple by a call of Python, 17 µs; these
    8 µs. A text holding a lone surrogate (a YAML escape such as ``"\\ud800"``), which JSON
    cannot carry, is hashed by its repr.
    """
    return signature_of(article, article_reduced(article)[1])


def signature_of(article: Article, values: Values) -> str:
    """``signature`` of ``article`` from ``values``, what ``article_reduced`` made of it: a
    validation worker makes them once, for this and for the article's pickle
    (``parallel._Pickled``)."""
    try:
        text = orjson.dumps(values[:_BODY] + values[_BODY + 1 :])
    except orjson.JSONEncodeError:
        return fingerprint((replace(article, body_html=""),))
    return blake3(text).hexdigest(20)


@dataclass(frozen=True, slots=True)
class FileStats:
    """``stat`` of each content file with the digest of its bytes, to skip reading it again.

    A digest is trusted only while size, mtime, ctime and inode are unchanged and the file's
    ctime is older than the moment the stats were taken (minus a margin), so a file written
    in the same clock tick as it was read ("racily clean", as git calls it) is read again.
    """

    taken_at: int
    files: dict[str, tuple[int, int, int, int, str]]
    """Path -> (size, mtime ns, ctime ns, inode, digest)."""

    def __reduce__(self) -> tuple[type[FileStats], tuple[int, dict[str, Any]]]:
        return FileStats, (self.taken_at, self.files)  # as ``BuildState.__reduce__``


_FILE_TYPE: Final = stat.S_IFMT(0o777777)
_LINK: Final = stat.S_IFLNK
_REGULAR: Final = stat.S_IFREG
"""``stat.S_ISLNK`` and ``S_ISREG`` as compiled code tests them, without a call of each."""
RACY_MARGIN_NS = SETTLED
"""Stats taken this soon after a file's change are not trusted to tell a later one."""
STALE_READS = 32
"""Files read again (their stats changed since they were stored) before the stats are
stored anew: reading a few edited files costs less than storing 5,000 stats after each
edit, which a rebuild after an edit would otherwise spend a tenth of its time on."""
STALE_BYTES = 64 << 20
"""Bytes read again before the stats are stored anew, however few the files: a large
attachment saved just before a build (too recently for its stats to be trusted) was read
whole by every build after it, 2 s a build for a file of 2 GB, as one file is below
``STALE_READS``."""


def file_digests(folder: Path | None, files: list[str], content: Path) -> list[str]:
    """The digest of each file's bytes, from the stats of the last run where still valid.

    A file that leads out of ``content`` (a link to a file elsewhere, or a file of a folder
    linked from elsewhere) gets none, as one that cannot be read: every build reads it and
    refuses it (``load.read_content_file``), though its bytes be those the last build read
    before it was moved out and linked back.
    """
    found = look_at_files(load_file_stats(folder), files, content)
    if folder is not None:
        found.store(folder)
    return found.digests


def load_file_stats(folder: Path | None) -> FileStats | None:
    """The stats the last run stored in ``folder``, if any."""
    stored = _load(folder / "stats.pickle", lambda: None) if folder else None
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == FILE_DIGESTS):
        return None
    stats = stored[1]
    return stats if _whole(stats, FileStats) else None


def look_at_files(
    stored: FileStats | None, files: list[str], content: Path, unread: int = 0
) -> FileLook:
    """The digest of each file (see ``file_digests``) but the first ``unread``: those are left
    for another to read, which gives their digests (``FileLook.settle``), and looked at
    once that one reads them (``FileLook.look_at_unread``)."""
    found = FileLook([""] * unread, FileStats(time.time_ns(), {}), renewed=stored is None)
    found.digests += found.look(stored, files[unread:], content, read=True)
    return found


def _digest_or_empty(name: str) -> str:
    try:
        return path_digest(name)
    except OSError:
        return ""


@dataclass(slots=True, eq=False, repr=False)
class FileLook:
    """What ``look_at_files`` found: each file's digest, and the stats to store for the
    next run."""

    digests: list[str]
    stats: FileStats
    renewed: bool
    """Whether no stats were stored before."""
    reads: int = 0
    """Files whose stats could not be trusted: read, or left for another to read."""
    read_bytes: int = 0

    def look(
        self, stored: FileStats | None, files: list[str], content: Path, read: bool
    ) -> list[str]:
        """The digest of each of ``files``, its stats noted: from ``stored`` while they still
        hold, else read (unless ``read`` is false: empty, till ``settle``)."""
        digests: list[str] = []
        known = stored.files if stored else {}
        trusted_before = stored.taken_at - RACY_MARGIN_NS if stored else 0
        inside = Inside(os.path.join(os.path.realpath(content), ""))
        for name in files:
            try:
                st = os.lstat(name)  # not ``stat``: a file replaced by a link must be told
                linked = st.st_mode & _FILE_TYPE == _LINK
                if linked:
                    st = os.stat(name)
            except OSError:
                digests.append("")  # read_document reports it
                continue
            if not inside.holds(name, linked) or st.st_mode & _FILE_TYPE != _REGULAR:
                digests.append("")  # read_document refuses it (a named pipe would never end)
                continue
            # Each field compared alone, not as tuples: compiled, those were made of new
            # integer objects, a fifth of the instructions of the stats of 5,000 articles.
            size, mtime, ctime, inode = st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino
            entry = known.get(name)
            if (
                entry is not None
                and entry[0] == size
                and entry[1] == mtime
                and entry[2] == ctime
                and entry[3] == inode
                and ctime < trusted_before
            ):
                digest = entry[4]
            else:
                self.reads += 1
                self.read_bytes += size
                digest = _digest_or_empty(name) if read else ""
            self.stats.files[name] = (size, mtime, ctime, inode, digest)
            digests.append(digest)
        return digests

    def look_at_unread(self, files: list[str], content: Path) -> None:
        """The stats of ``files``, the ``unread`` of ``look_at_files``, taken while others
        read them (``pipeline``: as the workers validate the articles) rather than before,
        by the parent alone with a core idle (some 35 ms at N=5000). A file saved between
        its read and its stat is still read again by the next run: its ctime is after
        ``taken_at``, taken before it was read."""
        self.look(None, files, content, read=False)

    def settle(self, files: list[str], digests: list[str]) -> None:
        """The ``digests`` of ``files``, left unread, as whoever read them found them."""
        for name, digest in zip(files, digests, strict=True):
            if (entry := self.stats.files.get(name)) is not None:
                self.stats.files[name] = (*entry[:4], digest)
        self.digests[: len(digests)] = digests

    def store(self, folder: Path) -> None:
        """Store the stats when enough was read again to be worth it (``STALE_READS``)."""
        if (
            self.reads > STALE_READS
            or self.read_bytes > STALE_BYTES
            or (self.reads and self.renewed)
        ):
            save_file_stats(folder, self.stats)


def save_file_stats(folder: Path, stats: FileStats) -> None:
    """Stored with ``digests.FILE_DIGESTS``: stats whose digests are of another kind (BLAKE2b's,
    before) are no stats (``load_file_stats``), each file read again."""
    store(folder / "stats.pickle", (FILE_DIGESTS, stats))


@dataclass(slots=True, eq=False, repr=False)
class Inside:
    """Whether files lie in a folder once links are followed; each folder of files is
    resolved once, and a file's own path only when it is a link (a rebuild looks at
    thousands of files in a few folders)."""

    root: str
    """The folder's real path, ending with a separator."""
    folders: dict[str, bool] = field(default_factory=dict)

    def holds(self, file: str, linked: bool) -> bool:
        if linked:
            return os.path.realpath(file).startswith(self.root)
        parent = file.rpartition(os.sep)[0]  # ``os.path.dirname``, at a third of the cost
        found = self.folders.get(parent)
        if found is None:
            real = os.path.join(os.path.realpath(parent), "")
            found = self.folders[parent] = real.startswith(self.root)
        return found


def load_state(folder: Path) -> BuildState | None:
    stored = _load(folder / "state.pickle", lambda: None)
    if not (isinstance(stored, tuple) and len(stored) == 2):
        return None
    state, articles = stored
    if not (_whole(state, BuildState) and isinstance(articles, dict)):
        return None
    # ``tuple.__new__`` as ``_make`` calls it, without its Python frame: 5,000 articles took
    # 16 M instructions that way, an eightieth of a rebuild after an edit.
    known = {}
    for name, entry in articles.items():
        if not (isinstance(entry, tuple) and len(entry) == len(ArticleState._fields)):
            return None
        known[name] = tuple.__new__(ArticleState, entry)
    return replace(state, articles=known)


def save_state(folder: Path, state: BuildState | None) -> None:
    file = folder / "state.pickle"
    if state is None:
        file.unlink(missing_ok=True)
        return
    # Named tuples pickle through a Python method each, plain tuples do not: after a
    # one-word edit, a rebuild stores 5,000 of them in 3 ms instead of 17.
    articles = {name: tuple(entry) for name, entry in state.articles.items()}
    store(file, (replace(state, articles={}), articles))


def _whole(value: object, cls: type[T]) -> TypeGuard[T]:
    """Whether ``value`` is a ``cls`` with every field set. A frozen dataclass pickled the
    default way (by the code before its ``__reduce__``) loads in the compiled form as an
    object with no field set, whose first read raises: such a cache is no cache."""
    if not isinstance(value, cls):
        return False
    try:
        for each in fields(cls):  # type: ignore[arg-type]
            getattr(value, each.name)
    except AttributeError:
        return False
    return True


def _load(file: Path, default: Any) -> Any:
    """The stored value, or ``default()`` when the file is missing, stale or unreadable."""
    try:
        with open(file, "rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return default()
    except Exception:  # a cache from another version or a torn file: start afresh
        return default()


def page_key(salt: str, inputs: tuple[object, ...]) -> str | None:
    """A digest of everything a page's template receives; None when that cannot be told."""
    # The views are frozen dataclasses, strings, dates and containers: their repr is their
    # value (and 2.5x faster than pickle). An object without a value repr shows its
    # address; such a page is always rendered.
    text = repr(inputs)
    if " at 0x" in text:
        return None
    blob = text.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(blob, digest_size=20, key=salt.encode()[:64]).hexdigest()


@dataclass(frozen=True, slots=True)
class Taken:
    """What one render task looked up and made, handed back to the parent to store."""

    pages: dict[str, str]
    """Inputs key -> digest of the bytes."""
    drafts: dict[str, tuple[str, bytes | None]]
    """Article page file -> (inputs key, packed ``pages.ArticleFrame``), or None when the
    page was kept: its stored draft stays valid if it was made from the same key."""

    def __reduce__(self) -> tuple[type[Taken], tuple[dict[str, str], dict[str, Any]]]:
        return Taken, (self.pages, self.drafts)  # render workers send it: see ``BuildState``


@dataclass(slots=True, eq=False, repr=False)
class PageReuse:
    """``render.Reuse`` over the last build's pages; one copy per worker process (forked).

    What each process looked up or rendered is collected and handed back with ``take``, so
    the parent can store the memo of this build.
    """

    salt: str
    known: dict[str, str]
    """Key of a page's inputs -> digest of its bytes, from the last build."""
    live: Path | None
    live_manifest: Manifest
    keys: dict[str, str] = field(default_factory=dict)
    recorded: dict[str, str] = field(default_factory=dict)
    drafts: dict[str, tuple[str, bytes | None]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path, salt: str, out: Path) -> PageReuse:
        manifest = tree_manifest(folder, out) if out.is_dir() else None
        return cls(salt, load_pages(folder, salt), out if manifest else None, manifest or {})

    def lookup(self, file: str, inputs: tuple[object, ...]) -> str | None:
        key = page_key(self.salt, inputs)
        if key is None:
            return None
        self.keys[file] = key
        digest = self.known.get(key)
        entry = self.live_manifest.get(file)
        if digest is None or self.live is None or entry is None or entry[0] != digest:
            return None
        try:
            if times(os.stat(self.live / file)) != entry[1:]:
                return None  # the live site was changed by hand (an mtime can be set back)
        except OSError:
            return None
        self.recorded[key] = digest
        self.drafts[file] = (key, None)
        return digest

    def record(self, page: Page, draft: bytes | None) -> Page:
        """``page`` with its digest, which is recorded: the caller hands on this one, or
        the page was hashed again where it is written (a concept's feed, 2 MB at N=300)."""
        page = page.hashed()
        key = self.keys.get(page.path)
        if key is None:
            return page
        self.recorded[key] = page.digest
        if draft is not None:
            self.drafts[page.path] = (key, draft)
        return page

    def take(self) -> Taken:
        taken = Taken(self.recorded, self.drafts)
        self.recorded, self.drafts = {}, {}
        return taken


Drafts = dict[str, tuple[str, bytes]]
"""Article page file -> (inputs key, packed ``pages.ArticleFrame``)."""


def merge_drafts(old: DraftStore, taken: dict[str, tuple[str, bytes | None]]) -> Drafts:
    """This build's drafts: new ones, and stored ones of kept pages made from the same key."""
    merged: Drafts = {}
    pack = b""
    for file, (key, blob) in taken.items():
        if blob is not None:
            merged[file] = (key, blob)
            continue
        entry = old.index.get(file)
        if entry is None or entry[0] != key:
            continue
        if not pack:
            pack = old.read_pack()
        _, offset, length = entry
        if offset + length <= len(pack):
            merged[file] = (key, pack[offset : offset + length])
    return merged


def save_pages(folder: Path, salt: str, pages: dict[str, str], drafts: Drafts) -> None:
    store(folder / "pages.pickle", {"salt": salt, "pages": pages})
    DraftStore.save(folder, salt, drafts)


def forget_build(folder: Path) -> None:
    """No state and no page to reuse: the next build renders every page, as after a
    template edit (this one's inputs changed while it ran; see ``inputs.still_as_read``)."""
    save_pages(folder, "", {}, {})
    save_state(folder, None)


def saved(folder: Path, save: Callable[[], None]) -> str:
    """Run ``save``, which stores what a build learnt once its site is swapped in; returns
    why it failed, or an empty string.

    A cache that cannot be written then (a full disk, a file in its way) is no failed build:
    the site in place is whole and is the content's. The state of the last build is taken
    out if it can be; kept, it names the other tree (``site_stamp``) and is not trusted, so
    the next build is a full one either way.
    """
    try:
        save()
    except OSError as exc:
        with contextlib.suppress(OSError):
            save_state(folder, None)
        return os_problem(exc)
    return ""


def load_pages(folder: Path, salt: str) -> dict[str, str]:
    stored = _load(folder / "pages.pickle", dict)
    return stored.get("pages", {}) if stored.get("salt") == salt else {}


@dataclass(frozen=True, slots=True)
class DraftStore:
    """The drafts of the last build: one file of pickled drafts end to end, and an index of
    where each one is, so a rebuild of one article page reads one draft, not all of them."""

    pack: Path
    index: dict[str, tuple[str, int, int]]
    """Article page file -> (inputs key, offset, length)."""

    @classmethod
    def load(cls, folder: Path, salt: str) -> DraftStore:
        stored = _load(folder / "drafts.pickle", dict)
        if stored.get("salt") != salt or not isinstance(stored.get("pack"), str):
            return cls(folder / "drafts-none.bin", {})
        return cls(folder / stored["pack"], stored.get("index", {}))

    def read_pack(self) -> bytes:
        try:
            return self.pack.read_bytes()
        except OSError:
            return b""

    def get(self, file: str) -> tuple[str, bytes] | None:
        entry = self.index.get(file)
        if entry is None:
            return None
        key, offset, length = entry
        try:
            with open(self.pack, "rb") as handle:
                handle.seek(offset)
                blob = handle.read(length)
        except OSError:
            return None
        return (key, blob) if len(blob) == length else None

    @staticmethod
    def save(folder: Path, salt: str, drafts: Drafts) -> None:
        # The pack is written under a new name and the index names it, so a killed build
        # leaves the old index with the old pack, or the new with the new.
        index: dict[str, tuple[str, int, int]] = {}
        pack = folder / f"drafts-{os.getpid()}-{time.time_ns()}.bin"
        with open(pack, "wb") as handle:
            offset = 0
            for file in sorted(drafts):
                key, blob = drafts[file]
                handle.write(blob)
                index[file] = (key, offset, len(blob))
                offset += len(blob)
        store(folder / "drafts.pickle", {"salt": salt, "index": index, "pack": pack.name})
        for old in folder.glob("drafts-*.bin"):
            if old != pack:
                old.unlink(missing_ok=True)
