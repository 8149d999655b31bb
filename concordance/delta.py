"""Rebuilding after edits to article bodies alone, without touching the rest of the site.

An edit that changes an article's body but nothing else validation makes of the file
(its ``cache.signature``: front matter, quotes and whether each is found, positions,
summary) cannot change the index, so it can change no page but the article's own: every
concept, speaker and list page, every feed and the data export stay byte for byte what
they are. Such a rebuild validates the edited files, puts each new body in the frame of
its page the last build kept (``pages.ArticleFrame``, cut out of the live page: no
template is loaded, nor Jinja2 imported) and renames each new page into the live site
(``write.replace_pages``). With search on, the search index must be made from a whole
tree, so the pages go through the two-tree writer instead, everything else kept as the
live site has it (``pages.Kept``).

The page cache is left as it was: the next full build renders these pages again (their
keys are new to it), which costs less than storing the memo of every page here.

Anything else (another edit, an error, a missing frame, templates that show the body other
than once as it is) returns None and the caller does a full (cached) build, which is always
correct; this path is only ever a shortcut to the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from concordance import urls
from concordance.cache import (
    BuildState,
    DraftStore,
    Inputs,
    save_state,
    saved,
    signature,
    site_stamp,
)
from concordance.config import BuildOptions
from concordance.diagnostics import Diagnostic, Report, Severity, finish
from concordance.load import read_document
from concordance.model import Article
from concordance.pages import ArticleFrame, Kept, Output, Page
from concordance.validate import validate_article
from concordance.write import Manifest, intact, replace_pages, tree_manifest, write_site

MAX_EDITS = 32
"""More edited files than this are rebuilt the ordinary way (a checkout, a bulk change)."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # nothing compares or prints one
class _Edit:
    path: str
    digest: str
    article: Article
    diagnostics: list[Diagnostic]
    frame: ArticleFrame


def body_edits(
    options: BuildOptions, cache: Path, inputs: Inputs, state: BuildState
) -> Report | None:
    """The rebuild of a site whose article files changed in their bodies only, or None."""
    if state.config is None or state.context != inputs.context:
        return None
    drafts = DraftStore.load(cache, inputs.salt)
    edits = _edits(options, drafts, inputs, state)
    if edits is None:
        return None
    dropped = {d for e in edits for d in state.articles[e.path].diagnostics}
    kept = [d for d in state.diagnostics if d not in dropped]
    report = Report(finish(kept + [d for e in edits for d in e.diagnostics], options.strict))
    if report.errors:
        return None  # a full build reports them with everything else
    pages = [e.frame.page(e.article.body_html) for e in edits]
    # Forgotten until every page is in place: replaced half-way (a full disk, a kill), the
    # site is no longer the last build's, though an edit undone gives that build's content.
    save_state(cache, None)
    written = _write(options, cache, state, pages)  # under the output lock (``runner.run``)
    if written is None:
        return None
    report.pages_written = written
    report.wrote_site = True
    report.cache_unsaved = saved(
        cache, partial(_remember, cache, options.out, inputs, state, edits, report)
    )
    return report


def _write(options: BuildOptions, cache: Path, state: BuildState, pages: list[Page]) -> int | None:
    """The new pages into the site: in place, unless the search index must be made again
    (which needs a whole tree before the swap)."""
    if not options.search or state.config is None:
        return replace_pages(pages, options.out, cache)
    from concordance.search import index_site  # only here: see ``runner``

    live = tree_manifest(cache, options.out)
    if live is None or not intact(options.out, live):
        return None
    hook = partial(index_site, language=state.config.language)
    outputs = _with_live(pages, live)
    return write_site(lambda _direct: outputs, options.out, hook, cache)


def _edits(
    options: BuildOptions, drafts: DraftStore, inputs: Inputs, state: BuildState
) -> list[_Edit] | None:
    changed = [
        (name, digest)
        for name, digest in inputs.articles
        if (known := state.articles.get(name)) is None or known.digest != digest
    ]
    if not changed or len(changed) > MAX_EDITS or state.config is None:
        return None
    edits = []
    for name, digest in changed:
        raw, found = read_document(options.content, Path(name))
        if raw.digest != digest:
            return None  # saved again since it was fingerprinted: see ``Checked``
        article, problems = validate_article(raw, state.config.publish)
        known = state.articles.get(name)
        diagnostics = found + problems
        if not isinstance(article, Article) or known is None:
            return None  # an unreadable or partial article: errors, for a full build
        if signature(article) != known.signature:
            return None
        if any(d.severity is Severity.ERROR for d in diagnostics):
            return None
        file = urls.output_file(urls.article_path(article.slug))
        stored = drafts.get(file)
        frame = _frame(options.out, file, stored[1]) if stored else None
        if frame is None or frame.path != file:
            return None
        edits.append(_Edit(name, digest, article, diagnostics, frame))
    return edits


def _frame(out: Path, file: str, packed: bytes) -> ArticleFrame | None:
    """The stored frame of page ``file``, cut out of the live page (made from it)."""
    try:
        page = (out / file).read_bytes()
    except OSError:
        return None
    return ArticleFrame.unpacked(packed, page)


def _with_live(pages: list[Page], live: Manifest) -> list[Output]:
    """The new pages, and every other file of the live site kept as it is."""
    new = {p.path for p in pages}
    kept = [Kept(path, entry[0]) for path, entry in sorted(live.items()) if path not in new]
    return [*pages, *kept]


def _remember(
    cache: Path,
    out: Path,
    inputs: Inputs,
    state: BuildState,
    edits: list[_Edit],
    report: Report,
) -> None:
    """The state of this build, as a full build would have left it."""
    articles = dict(state.articles)
    for e in edits:
        articles[e.path] = articles[e.path]._replace(digest=e.digest, diagnostics=e.diagnostics)
    new_state = replace(
        state,
        fingerprint=inputs.fingerprint,
        out_stamp=site_stamp(out),
        diagnostics=list(report.diagnostics),
        pages=report.pages_written,
        articles=articles,
    )
    save_state(cache, new_state)
