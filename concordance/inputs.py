"""What a build reads: the content files, listed in a fixed order and fingerprinted, so a
rebuild can tell what changed without reading files it has seen before."""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass, field, replace
from pathlib import Path

from concordance.cache import (
    ArticleCache,
    Inputs,
    code_version,
    environment_values,
    file_digests,
    load_file_stats,
    look_at_files,
    texts_digest,
    tree_digest,
)
from concordance.cache import fingerprint as cache_fingerprint
from concordance.config import BuildOptions, UsageError
from concordance.diagnostics import Diagnostic, Span, error, warning
from concordance.model import LEFT_OUT, PUBLISHED_SUFFIXES
from concordance.static import static_files


def read_inputs(options: BuildOptions, cache: Path | None, fresh: bool = False) -> Inputs:
    """The content files, listed; with a cache, fingerprinted (see ``cache.Inputs``).

    ``fresh``: no build left a site to compare with (``--clean``, a first build). With no
    results or stats stored either, the articles are then fingerprinted as the workers read
    them to validate them (``articles_as_read``), not read once more before, alone on one
    core (some 0.1 s at N=5000).
    """
    content = options.content
    require_content(content)
    articles, concept_files, media, markdown = site_listing(content)
    concepts = [Path(f) for f in concept_files]
    unread = unread_files(content, markdown, [*articles, *concept_files]) + copied_articles(
        articles
    )
    if cache is None:
        unread += static_files(options.templates)[1]
        return Inputs([(f, "") for f in articles], concepts, "", media=media, unread=unread)
    # The settings and concept files too: reading 500 concept files costs more than a stat.
    settings_and_concepts = [(content / "site.yaml").as_posix(), *(f.as_posix() for f in concepts)]
    stats = load_file_stats(cache)
    by_workers = fresh and stats is None and not ArticleCache.held(cache)
    files = [*articles, *settings_and_concepts, *media]
    found = look_at_files(stats, files, content, len(articles) if by_workers else 0)
    if not by_workers:
        found.store(cache)
    digests = found.digests
    others = list(zip([*settings_and_concepts, *media], digests[len(articles) :], strict=True))
    digests = digests[: len(articles)]
    version = code_version(cache)
    salt = cache_fingerprint((version, tree_digest(options.templates)))
    # Every build (a no-change one too) refuses a link out of the templates as a clean one
    # does: a link moved out, its files' bytes unchanged, keeps the templates' digest.
    unread += static_files(options.templates)[1]
    context = cache_fingerprint(
        (
            salt,
            texts_digest(articles),
            others,
            options.base_url,
            options.strict,
            options.search,
            environment_values(),
            unread,
        )
    )
    fingerprint = "" if by_workers else _fingerprint(context, digests)
    pending = found if by_workers else None
    listed = list(zip(articles, digests, strict=True))
    return Inputs(
        listed, concepts, fingerprint, salt, context, media, dict(others), unread, pending, version
    )


def articles_as_read(inputs: Inputs, cache: Path, digests: list[str]) -> Inputs:
    """``inputs`` with the ``digests`` of the articles as the workers read them, when
    ``read_inputs`` left them unread; their stats stored for the next build."""
    if inputs.pending is None:
        return inputs
    names = [name for name, _ in inputs.articles]
    inputs.pending.settle(names, digests)
    inputs.pending.store(cache)
    return replace(
        inputs,
        articles=list(zip(names, digests, strict=True)),
        fingerprint=_fingerprint(inputs.context, digests),
        pending=None,
    )


def _fingerprint(context: str, digests: list[str]) -> str:
    """``Inputs.fingerprint``, of ``context`` and the articles' ``digests``."""
    return cache_fingerprint((context, texts_digest(digests)))


def look_at_articles(inputs: Inputs, content: Path) -> None:
    """The stats of the articles ``read_inputs`` left for the workers, taken while they
    validate them (``cache.FileLook.look_at_unread``), before ``articles_as_read``."""
    if inputs.pending is not None:
        inputs.pending.look_at_unread([name for name, _ in inputs.articles], content)


def still_as_read(options: BuildOptions, cache: Path, inputs: Inputs) -> bool:
    """Whether the templates and the media files still have the bytes ``read_inputs``
    fingerprinted. A build reads them last, as it writes the site: one saved meanwhile was
    published as then read, so the build must leave nothing that names the bytes first
    fingerprinted (saved back, they would never show). The code is the one running, whose
    version ``read_inputs`` took."""
    if cache_fingerprint((inputs.version, tree_digest(options.templates))) != inputs.salt:
        return False
    media = file_digests(cache, inputs.media, options.content)
    return media == [inputs.others.get(m, "") for m in inputs.media]


CONTENT_MARKERS = ("articles", "concepts", "site.yaml")


def require_content(content: Path) -> None:
    """Refuse a folder that holds none of what a content folder holds: checking one (the
    repository's root, say) would find nothing wrong and pass. A new site needs one of
    them only (``new`` makes ``articles/``). The message says how to start one, as someone
    trying the tool in an empty folder, where there is none yet, needs to be told."""
    if content.exists() and not content.is_dir():  # site.yaml, or an article, named
        raise UsageError(
            f"{content} is a file, not a folder: give the content folder with --content"
        )
    if not content.is_dir():
        raise UsageError(f"content directory not found: {content} ({_content_hint(content)})")
    if not _looks_like_content(content):
        start = "" if _folders_and_files(content) else f", or start a site: {_start_site(content)}"
        raise UsageError(
            f"{content} does not look like a content folder: it has no articles/, concepts/ "
            f"or site.yaml (give the content folder with --content{start}){_moved_from(content)}"
        )


OTHER_TOOLS = {
    "hugo.toml": "a Hugo site",
    "hugo.yaml": "a Hugo site",
    "hugo.json": "a Hugo site",
    "_config.yml": "a Jekyll site",
    ".eleventy.js": "an Eleventy site",
    "eleventy.config.js": "an Eleventy site",
    "eleventy.config.mjs": "an Eleventy site",
    "astro.config.mjs": "an Astro site",
    "astro.config.ts": "an Astro site",
    "mkdocs.yml": "a MkDocs site",
    "docusaurus.config.js": "a Docusaurus site",
    "docusaurus.config.ts": "a Docusaurus site",
    "pelicanconf.py": "a Pelican site",
    ".obsidian": "an Obsidian vault",
}
"""What marks the folder of another tool's site (or an Obsidian vault), and what it is."""


def _moved_from(content: Path) -> str:
    """Where a folder refused as content is part of another tool's site (``OTHER_TOOLS``,
    in it or in the folder above, whose ``content/`` it may be): how to bring its Markdown
    in. Empty for any other folder."""
    for folder in (content, content.resolve().parent):
        tool = next((t for name, t in OTHER_TOOLS.items() if (folder / name).exists()), None)
        if tool:
            return (
                f"; it is part of {tool}: copy its Markdown files into a content"
                " folder's articles/ (mkdir -p content/articles), and check says what each needs"
            )
    return ""


def _content_hint(content: Path) -> str:
    """What to do about a content folder that is not there: name the one beside it that a
    typo missed (``contnet`` for ``content``), or the one a folder above holds (the command
    run inside the content folder, in ``content/articles``), or how to start a site in it.
    Told to start one there, an editor in ``content/articles`` made a second inside it."""
    import difflib  # here: a rebuild that changes nothing must start quickly (see ``runner``)

    parent = content.parent
    for name in difflib.get_close_matches(content.name, _folders_and_files(parent), 3, 0.7):
        if _looks_like_content(parent / name):
            return f"did you mean --content {parent / name}?"
    if not content.is_absolute():
        for above in Path.cwd().parents[:ABOVE]:
            if _looks_like_content(above / content):
                return f"did you mean --content {os.path.relpath(above / content)}?"
    return f"give the content folder with --content, or start a site: {_start_site(content)}"


ABOVE = 3
"""How many folders above the one a command runs in ``_content_hint`` looks in: enough for
``content/articles/<folder>``; further up, a ``content`` is another project's."""


def _looks_like_content(folder: Path) -> bool:
    """Whether ``folder`` holds one of what a content folder holds (``CONTENT_MARKERS``)."""
    return any((folder / marker).exists() for marker in CONTENT_MARKERS)


def _folders_and_files(folder: Path) -> list[str]:
    """The names in ``folder``; none where it cannot be listed (a hint is then left out, the
    message kept)."""
    try:
        return [p.name for p in folder.iterdir()]
    except OSError:
        return []


def _start_site(content: Path) -> str:
    """The command that makes ``content`` a content folder, for ``new`` to write into."""
    return f"mkdir -p {shlex.quote((content / 'articles').as_posix())}"


def content_files(content: Path, folder: str, suffixes: tuple[str, ...] = (".md",)) -> list[str]:
    """The files under ``content/folder`` named with one of ``suffixes`` (in any case but
    ``.md``'s), sorted, skipping hidden and ``_`` names (see ``_listing``)."""
    return _listing(content, folder, suffixes)[0]


def _listing(content: Path, folder: str, suffixes: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(The files ``content_files`` lists; the other files there named like Markdown, in
    any case, which ``unread_files`` looks at.)

    A symbolic link to a folder inside the content directory is followed like a folder, and
    one to an image there is listed (not one to a file elsewhere). For
    Markdown files, a link that cannot be followed (broken, to a folder outside the content
    directory, or looping back to a folder it is in) is listed itself, whatever its name:
    reading it reports why (``load.read_document``), where skipping it would lose the files
    silently.
    """
    markdown = suffixes == (".md",)
    root = os.path.join(content, folder)
    inside = os.path.join(os.path.realpath(content), "")
    if folder and os.path.isdir(root) and not _inside_folder(root, inside):
        # ``articles`` itself linked out: one error at the link, as for a link below it
        # (``load.read_document``), not a walk of where it leads (``/`` is the machine).
        return ([root] if markdown else []), []
    walk = _Walk(inside, () if markdown else suffixes)
    read: list[str] = []
    walk.run(root, read if markdown else None)
    return _sorted(read if markdown else walk.found), _sorted(walk.others)


def site_listing(content: Path) -> tuple[list[str], list[str], list[str], list[str]]:
    """(The articles, the concepts, the media files, the other files named like Markdown),
    as ``content_files`` and ``_listing`` list them, in one walk of ``content``: walked one
    by one, the articles' folder was listed twice (a rebuild after an edit spent a tenth of
    its work listing 5,000 articles). ``articles/`` and ``concepts/`` are walked within the
    walk of ``content`` when they are folders (their links are followed alike, see
    ``_Walk``), else alone; their Markdown files are read, so they are not among the others
    (``unread_files`` would leave them out)."""
    inside = os.path.join(os.path.realpath(content), "")
    walk = _Walk(inside, PUBLISHED_SUFFIXES)
    read: dict[str, list[str]] = {name: [] for name in READ_FOLDERS}
    walked = walk.run(os.path.join(content, ""), None, read)
    for name in READ_FOLDERS:
        if name not in walked:  # a link, a file, missing: as ``content_files`` lists it
            read[name] = _listing(content, name, (".md",))[0]
    articles, concepts = (_sorted(read[name]) for name in READ_FOLDERS)
    return articles, concepts, _sorted(walk.found), _sorted(walk.others)


@dataclass(slots=True, eq=False, repr=False)
class _Walk:
    """A walk of a folder of the content folder (``inside``, its real path ending with a
    separator), which sorts each file it finds: ``found`` (named with one of ``suffixes``,
    in any case), ``others`` (named like Markdown), and, under a folder walked for
    Markdown files (articles, concepts), those it reads.

    A folder is walked through a link when it is inside the content folder and neither is
    it nor holds the folder of the link, nor was it walked on the way there: decided alike
    whether the walk starts at ``content/`` or ``content/articles/``, since every folder
    walked is inside ``content/``."""

    inside: str
    suffixes: tuple[str, ...]
    found: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)

    def run(
        self, root: str, read: list[str] | None, tops: dict[str, list[str]] | None = None
    ) -> set[str]:
        """Walk ``root``, its Markdown files into ``read`` (unless None); each folder at its
        top named in ``tops`` that is a folder, not a link, for its own list of them. The
        names of ``tops`` walked so."""
        walked: set[str] = set()
        # Each folder to list, with the real paths of the folders it is in (to find loops).
        pending: list[tuple[str, tuple[str, ...], list[str] | None]] = [
            (root, (os.path.realpath(root),), read)
        ]
        while pending:  # os.scandir, not rglob: a large site's rebuild lists thousands of files
            path, chain, markdown = pending.pop()
            try:
                entries = list(os.scandir(path))
            except (FileNotFoundError, NotADirectoryError):
                continue
            except OSError:  # no permission: reading it says so, where its files would be lost
                if markdown is not None:
                    markdown.append(path)
                continue
            for entry in entries:
                name = entry.name
                if name.startswith(LEFT_OUT):
                    if name == JEKYLL_POSTS and entry.is_dir(follow_symlinks=False):
                        self.others += _posts_of(entry.path)
                elif entry.is_dir(follow_symlinks=False):
                    inner = markdown
                    if tops is not None and path == root and name in tops:
                        inner = tops[name]
                        walked.add(name)
                    pending.append((entry.path, (*chain, os.path.join(chain[-1], name)), inner))
                elif entry.is_symlink():
                    through = self._link(entry, chain, markdown)
                    if through:
                        pending.append((entry.path, (*chain, through), markdown))
                elif markdown is not None and name.endswith(".md"):
                    markdown.append(entry.path)  # an article that is a pipe: reading it says so
                elif self.suffixes and _named(name, self.suffixes) and entry.is_file():
                    self.found.append(entry.path)
                elif _named(name, MARKDOWN_SUFFIXES) and entry.is_file():
                    self.others.append(entry.path)
        return walked

    def _link(
        self, entry: os.DirEntry[str], chain: tuple[str, ...], markdown: list[str] | None
    ) -> str | None:
        """The real folder to walk through a link, or None, the link itself then listed
        where it belongs."""
        target = os.path.realpath(entry.path)
        if os.path.isdir(target):
            # A folder the link is in loops, ``content/`` itself too (listing ``articles/``,
            # the chain starts below it): its files would be read again under the link.
            within = os.path.join(chain[-1], "").startswith(os.path.join(target, ""))
            inside = os.path.join(target, "").startswith(self.inside)
            if inside and not within and target not in chain:
                return target
            listed = True
        elif not os.path.exists(target):
            listed = True  # broken
        else:
            # A file, or a pipe or a device: one named as an article is listed, and reading
            # it says what it is, where skipping it lost the article without a word (a pipe
            # is no media).
            listed = entry.name.endswith(".md")
            media = self.suffixes and _named(entry.name, self.suffixes)
            if media and _inside_file(entry.path, self.inside):
                self.found.append(entry.path)
        if listed and markdown is not None:
            markdown.append(entry.path)
        return None


def _sorted(files: list[str]) -> list[str]:
    # In the order of the paths' parts, as sorted Path objects (and rglob before) give it;
    # as strings, because a large site's rebuild would spend more on Path objects than on
    # everything else it does. A NUL sorts before any character a name can hold, so the
    # strings compare as their lists of parts would (and sort 8x faster than those).
    return sorted(files, key=_path_order)


def _path_order(file: str) -> str:
    return file.replace("/", "\0")


def _inside_folder(path: str, inside: str) -> bool:
    return os.path.join(os.path.realpath(path), "").startswith(inside)


def _inside_file(path: str, inside: str) -> bool:
    """Whether a link leads to a file of the content folder: an image is published as it is,
    so one linked from elsewhere (``/etc/passwd``, a runner's secrets) would publish that."""
    return os.path.realpath(path).startswith(inside) and os.path.isfile(path)


def _named(name: str, suffixes: tuple[str, ...], exactly: bool = False) -> bool:
    return name.endswith(suffixes) if exactly else name.lower().endswith(suffixes)


MARKDOWN_SUFFIXES = (
    ".md",
    ".markdown",
    ".mdown",
    ".mkdn",
    ".mkd",
    ".mdwn",
    ".mdx",
    ".qmd",
    ".rmd",
    ".markdoc",
    ".mdoc",
)
"""How Markdown files are named, in any case, MDX's, Quarto's, R Markdown's and Markdoc's
among them, whose Markdown a move from those tools brings: only ``.md`` is read."""
READ_FOLDERS = ("articles", "concepts")
JEKYLL_POSTS = "_posts"
"""Jekyll's folder of posts, which a move from it copies in whole: its ``_`` would make it
a folder of drafts here, never read, so its Markdown files are listed as unread."""


def _posts_of(folder: str) -> list[str]:
    """The Markdown files of a Jekyll ``_posts`` folder (its top level, as Jekyll keeps
    them), for ``unread_files``."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return [
        entry.path
        for entry in entries
        if not entry.name.startswith(LEFT_OUT)
        and _named(entry.name, MARKDOWN_SUFFIXES)
        and entry.is_file()
    ]


def unread_files(content: Path, markdown: list[str], read: list[str]) -> list[Diagnostic]:
    """A warning at each file an editor likely meant the build to read, which it does not:
    ``markdown`` (files named like Markdown) not among those ``read``, and a settings file
    named other than ``site.yaml``. The article would be missing from the site, or the
    settings ignored, without a word. Hidden and ``_`` names, and editors' backups
    (``x.md~``, ``.x.md.swp``), are meant to be left alone and pass silently."""
    found = _misnamed_settings(content) + _not_folders(content)
    folders: dict[str, list[str]] = {}
    listed = set(read) if markdown else set()
    unread = [file for file in markdown if file not in listed]
    if unread:  # a folder linked into articles/ is read under the link's name
        real = {os.path.realpath(file) for file in read}
        unread = [file for file in unread if os.path.realpath(file) not in real]
    for file in unread:
        parts = Path(file).relative_to(content).parts
        if JEKYLL_POSTS in parts:
            folders.setdefault(os.path.dirname(file), []).append(file)
        elif parts[0] in READ_FOLDERS:
            found.append(_misnamed_markdown(file))
        elif len(parts) > 1:
            folders.setdefault(parts[0], []).append(file)
        elif not _repository_document(parts[0]):
            found.append(_at_the_root(file))
    found += [_unread_folder(name, files) for name, files in folders.items()]
    return found


COPY_NAME = re.compile(
    r"(?:copy of )?(?P<original>.+?)(?:"
    r" - copy(?: \(\d+\))?"  # Windows Explorer: 'a - Copy.md', 'a - Copy (2).md'
    r"| copy(?: \d+)?"  # macOS Finder: 'a copy.md', 'a copy 2.md'
    r"| ?\(\d+\)"  # a browser's or a cloud drive's download: 'a (1).md'
    r"| \([^()]*conflicted copy[^()]*\)"  # Dropbox: 'a (Speaker 7's conflicted copy).md'
    r"|\.sync-conflict-[0-9]{8}-[0-9]{6}(?:-[0-9a-z]+)?"  # Syncthing
    r")?",
    re.IGNORECASE,
)
"""How file managers and sync tools name the copy of a file ``a.md``; ``original`` is the
name of the file copied, without ``.md`` (when the name is no copy's, the whole stem)."""


def copied_articles(articles: list[str]) -> list[Diagnostic]:
    """A warning at each article whose name is that of a copy of another article in its
    folder (``a - Copy.md`` beside ``a.md``). A copy is read as an article of its own, so
    each of its statements shows twice on every concept page, without a word; a copy made
    to start the next article from is found too while it keeps the copy's name, which
    would be its page's address."""
    listed = "\n".join(articles)  # most sites have none, told at once: every build lists them
    if "(" not in listed and ".sync-" not in listed and "cop" not in listed.lower():
        return []
    found = []
    names = set(articles)
    for file in articles:
        name = file.rpartition(os.sep)[2]  # ``os.path.split``, at a third of the cost
        if "(" not in name and "cop" not in name.lower() and ".sync-" not in name:
            continue  # most names, at once
        folder = os.path.dirname(file)
        match = COPY_NAME.fullmatch(name.removesuffix(".md"))
        original = os.path.join(folder, f"{match['original']}.md") if match else file
        if original != file and original in names:
            found.append(_copy_of(file, Path(original).name))
    return found


def _copy_of(file: str, original: str) -> Diagnostic:
    msg = (
        f"this file looks like a copy of {original}, made by a file manager or a sync tool:"
        " it is built as an article of its own, so the statements the two share show twice"
    )
    hint = (
        "delete it if it is a leftover copy; if it is a new article, rename it for its own"
        " date and title (YYYY-MM-DD-title.md)"
    )
    return warning(_at(file), "article-copy", msg, hint)


def _not_folders(content: Path) -> list[Diagnostic]:
    """An error at ``articles`` or ``concepts`` when it is no folder (a file saved under
    that name, a broken link): the site would be built without any of them, without a word."""
    found = []
    for name in READ_FOLDERS:
        path = os.path.join(content, name)
        if os.path.lexists(path) and not os.path.isdir(path):
            kind = "a broken link" if not os.path.exists(path) else "a file"
            msg = f"{name} is {kind}, not a folder, so no {name[:-1]} is read"
            hint = f"rename it, and make {name}/ the folder that holds the {name}"
            found.append(error(_at(path), "not-a-folder", msg, hint))
    return found


def _misnamed_markdown(file: str) -> Diagnostic:
    name = Path(file).name
    stem = name[: name.rfind(".")]
    msg = f"'{name}' is not read: only files named .md are articles and concepts"
    return warning(_at(file), "file-not-read", msg, f"rename it {stem}.md")


_DOCUMENTS = frozenset(["readme", "license", "licence", "changelog", "contributing", "authors"])


def _repository_document(name: str) -> bool:
    """README.md, LICENSE.md, CHANGELOG.md...: a repository's own documents, upper case by
    convention, which a content folder kept as a repository of its own may hold; also as
    ``Readme.md`` and translated (``README.zh-CN.md``)."""
    first = re.split(r"[.\-_]", name, maxsplit=1)[0]
    return first.isupper() or first.lower() in _DOCUMENTS


def _at_the_root(file: str) -> Diagnostic:
    msg = "this file is not read: articles are read from articles/, concepts from concepts/"
    hint = (
        "move it into articles/ (or concepts/, if it defines a concept); to keep it here"
        " unread, start its name with '_'"
    )
    return warning(_at(file), "file-not-read", msg, hint)


def _unread_folder(name: str, files: list[str]) -> Diagnostic:
    """One warning for a folder of Markdown files, at its first: a misspelt ``articels/``,
    Jekyll's ``_posts``."""
    others = len(files) - 1
    more = {0: "", 1: " (nor the other Markdown file in it)"}.get(
        others, f" (nor the {others} other Markdown files in it)"
    )
    if Path(name).name == JEKYLL_POSTS:
        return _jekyll_posts(name, files, more)
    msg = f"this file is not read: its folder {name}/ is neither articles/ nor concepts/{more}"
    import difflib  # here: a rebuild that changes nothing must start quickly (see ``runner``)

    close = difflib.get_close_matches(name.lower(), READ_FOLDERS, n=1)
    hint = (
        f"rename the folder to {close[0]}/"
        if close
        else "move its files into articles/ or concepts/; to keep them unread, start the"
        " folder's name with '_'"
    )
    return warning(_at(files[0]), "file-not-read", msg, hint)


def _jekyll_posts(folder: str, files: list[str], more: str) -> Diagnostic:
    msg = f"this file is not read: Jekyll's folder {JEKYLL_POSTS}/ starts with '_'{more}"
    inside = Path(folder).parent.name in READ_FOLDERS
    where = "rename the folder posts/" if inside else "move the folder into articles/ as posts/"
    hint = f"{where}: a name that starts with '_' is a draft's, never read"
    return warning(_at(files[0]), "file-not-read", msg, hint)


def _misnamed_settings(content: Path) -> list[Diagnostic]:
    """``site.yml``, ``Site.yaml``: settings under a name that is not read."""
    found = []
    for name in sorted(os.listdir(content)):
        if name.lower() in ("site.yml", "site.yaml") and name != "site.yaml":
            msg = f"'{name}' is not read: the settings are read from site.yaml"
            hint = (
                "move its fields into site.yaml and delete it"
                if (content / "site.yaml").exists()
                else "rename it site.yaml"
            )
            found.append(warning(_at(os.path.join(content, name)), "file-not-read", msg, hint))
    return found


def _at(file: str) -> Span:
    return Span(Path(file).as_posix(), 1, 1)
