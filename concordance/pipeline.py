"""The whole build: load → validate → resolve → index → render → write, on one screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TypeVar

import jinja2

from concordance.cache import (
    ArticleCache,
    ArticleState,
    BuildState,
    DraftStore,
    Inputs,
    PageReuse,
    Signed,
    Taken,
    cache_dir,
    forget_build,
    merge_drafts,
    save_pages,
    save_state,
    saved,
    site_stamp,
    template_cache,
    unpickled,
)
from concordance.config import BuildOptions, SiteConfig, with_base_url
from concordance.diagnostics import Diagnostic, Report, Span, error, finish
from concordance.emit import derived, with_sitemap
from concordance.heap import build_heap, paused, settle
from concordance.index import SiteIndex, build_index
from concordance.inputs import articles_as_read, look_at_articles, read_inputs, still_as_read
from concordance.labels import for_language
from concordance.load import (
    Folders,
    config_document,
    display_path,
    read_document,
)
from concordance.media import media_pages, media_path, publishable, unreadable_media
from concordance.model import Article, ArticleReferences, ConceptDef, PartialArticle, Slug
from concordance.pages import Output
from concordance.parallel import (
    TemplateFailure,
    render_pages,
    validate_files,
    validate_pickled,
)
from concordance.resolve import resolve
from concordance.template_check import template_error, template_problems
from concordance.template_ids import taken_anchors
from concordance.urls import articles_path, concepts_path, home_path
from concordance.validate import validate_concept, validate_config
from concordance.write import Direct, Spare, spare_ahead, write_site

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Checked:
    """Everything validation produced: the site's index and every diagnostic."""

    config: SiteConfig
    index: SiteIndex
    diagnostics: list[Diagnostic]
    articles: dict[str, ArticleState] = field(default_factory=dict)
    """Each article file as validated, for the next build (see ``delta``)."""
    as_fingerprinted: bool = True
    """Whether every file read had the bytes ``read_inputs`` fingerprinted: one saved again
    while the build ran was built as read, and the next build must not take the site for
    that of the bytes fingerprinted (a save undone would then never show)."""
    fingerprint: str = ""
    """``Inputs.fingerprint``, made of the articles as the workers read them when
    ``read_inputs`` left them for the workers (``inputs.articles_as_read``)."""


def build(options: BuildOptions, cache: Path | None, inputs: Inputs) -> Report:
    """The whole pipeline (``runner.run`` decides when a shortcut will not do). Unchanged
    articles are not validated again and pages whose inputs are unchanged are kept."""
    with build_heap():
        return _build(options, cache, inputs)


def _build(options: BuildOptions, cache: Path | None, inputs: Inputs) -> Report:
    ahead = _Ahead(options.out) if cache else None
    checked = _checked(options, inputs, cache, ahead)
    report = Report(diagnostics=checked.diagnostics, loaded=checked)
    if not options.write or report.errors:
        # Rendering finds a broken template too, but only once the content has no errors:
        # check (and a build that stops) report it with the content's problems.
        report.diagnostics += template_problems(options.templates)
    if options.write and report.errors == 0:
        settle()
        config = with_base_url(checked.config, options.base_url)
        reuse = PageReuse.load(cache, inputs.salt, options.out) if cache else None
        collected = _Collected()
        bytecode = template_cache(cache, inputs.version) if cache else None
        media = {display_path(options.content, f): inputs.others.get(f, "") for f in inputs.media}
        pages = _Outputs(checked.index, config, options, reuse, collected, bytecode, media)
        try:  # under the output lock (``runner.run``)
            hook = _search_hook(config.language) if options.search else None
            spare = (ahead.spare or cache_dir(options.out)) if ahead else None
            report.pages_written = write_site(pages, options.out, hook, spare)
            report.wrote_site = True
            if cache:
                save = partial(_save, options, cache, inputs, report, checked, collected, config)
                report.cache_unsaved = saved(cache, save)
        except TemplateFailure as failure:
            report.diagnostics += _template_failure(failure.diagnostic, options.templates)
        except jinja2.TemplateError as exc:
            diagnostic = template_error(exc, options.templates)
            report.diagnostics += _template_failure(diagnostic, options.templates)
    return report


def _search_hook(language: str) -> Callable[[Path], None]:
    """Pagefind's indexing of the finished site. Imported only here: a build with
    ``--no-search`` (the benchmark's) needs neither it nor ``subprocess``, and the parent
    imports before any worker forks, with a core idle."""
    from concordance.search import index_site

    return partial(index_site, language=language)


def _save(
    options: BuildOptions,
    cache: Path,
    inputs: Inputs,
    report: Report,
    checked: Checked,
    collected: _Collected,
    config: SiteConfig,
) -> None:
    """What the next build reuses: this one's pages and state, unless a file changed while
    it ran (see ``Checked``)."""
    if not (checked.as_fingerprinted and still_as_read(options, cache, inputs)):
        forget_build(cache)
        return
    drafts = merge_drafts(DraftStore.load(cache, inputs.salt), collected.drafts)
    save_pages(cache, inputs.salt, collected.pages, drafts)
    save_state(cache, _state(checked, inputs.context, options.out, report, config))


def _template_failure(diagnostic: Diagnostic, templates: Path) -> list[Diagnostic]:
    """What a failed render reports: every problem ``check`` finds in the templates, each at
    its line (a missing template is placed where it is asked for), or else the error the
    render met (an undefined name, at the template line it passed through)."""
    return template_problems(templates) or [diagnostic]


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Outputs:
    """Every output of the site, rendered when the writer asks (``write.Rendering``)."""

    index: SiteIndex
    config: SiteConfig
    options: BuildOptions
    reuse: PageReuse | None
    collected: _Collected
    bytecode: Path | None
    media: dict[str, str]
    """The ``file_digest`` of each media file as fingerprinted, by ``display_path``."""

    def __call__(self, direct: Direct | None) -> Iterator[Output]:
        more, feeds = derived(self.index, self.config)
        rendered = render_pages(
            self.index,
            self.config,
            self.options.templates,
            self.options.jobs,
            self.reuse,
            collect=self.collected.add,
            bytecode=self.bytecode,
            more=more,
            feeds=feeds,
            # Pagefind's index depends on the order the file system lists the pages in
            # (creation order on tmpfs): with search, the writer makes them in task order.
            direct=None if self.options.search else direct,
        )
        # with_sitemap passes the rendered pages through: the sitemap lists what was made.
        return with_sitemap(
            self.index, self.config, chain(media_pages(self.index, self.media), rendered)
        )


@dataclass(slots=True, eq=False, repr=False)
class _Collected:
    """What the render tasks of one build looked up and made (``cache.Taken``), merged."""

    pages: dict[str, str] = field(default_factory=dict)
    drafts: dict[str, tuple[str, bytes | None]] = field(default_factory=dict)

    def add(self, taken: Taken) -> None:
        self.pages.update(taken.pages)
        self.drafts.update(taken.drafts)


def check_content(options: BuildOptions) -> Checked:
    """Load, validate and index everything, so every diagnostic comes out of one run."""
    with build_heap():
        return _checked(options, read_inputs(options, None), None)


def _state(
    checked: Checked, context: str, out: Path, report: Report, config: SiteConfig
) -> BuildState:
    return BuildState(
        checked.fingerprint,
        site_stamp(out),
        list(report.diagnostics),
        report.pages_written,
        context,
        checked.articles,
        config,
    )


class _Ahead:
    """What writing the site needs, made while the workers validate rather than between the
    two pools, the parent alone with the cores idle: the spare tree of the output that
    ``write_site`` writes into (``write.spare_ahead``), and the site's labels, kept by the
    process (``labels.for_language``: Babel's data for the language read, some 20 ms at
    N=5000, which the derived outputs asked for first, as the render pool was set up)."""

    __slots__ = ("out", "spare")

    def __init__(self, out: Path) -> None:
        self.out = out
        self.spare: Spare | None = None

    def find(self, config: SiteConfig) -> None:
        self.spare = spare_ahead(cache_dir(self.out), self.out)
        for_language(config.language, config.labels)


def _checked(
    options: BuildOptions, inputs: Inputs, cache: Path | None, ahead: _Ahead | None = None
) -> Checked:
    content = options.content
    config_doc, diagnostics, settings_digest = config_document(content)
    config, config_problems = validate_config(config_doc)
    diagnostics += config_problems + inputs.unread
    read = _Read()
    read.check(inputs, (content / "site.yaml").as_posix(), settings_digest)
    defined = _Defined()

    # The concept files are read and validated while the workers validate the articles:
    # after them, the parent did it alone, with the workers' cores idle (0.15 s at N=5000);
    # so are the spare tree found (``_Ahead``) and the articles' stats taken (before the
    # workers started, the parent took them alone, with a core idle: 35 ms at N=5000).
    def also() -> None:
        look_at_articles(inputs, content)
        defined.read(content, inputs, read)
        if ahead is not None:
            ahead.find(config)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="save") as background:
        validated, saving = _validated(options, inputs, config.publish, cache, also, background)
        for (name, digest), ((article, problems), sign, seen) in zip(
            inputs.articles, validated, strict=True
        ):
            diagnostics += problems
            read.add(article)
            read.seen.append(seen)
            read.as_fingerprinted &= seen in ("", digest) or inputs.pending is not None
            if isinstance(article, Article) and cache:
                read.states[name] = ArticleState(seen, sign, problems)
                read.signatures[article.slug] = sign
        # The articles live as long as the build: the full collection that indexing them would
        # set off took 0.4 s of the parent alone at 20,000 articles, traversing them all to free
        # nothing (see ``heap``).
        settle()
        diagnostics += defined.diagnostics
        diagnostics += _article_slug_collisions(read.referring)
        diagnostics += taken_anchors(read.referring, options.templates)
        media = {
            display_path(content, f): media_path(content, f)
            for f in inputs.media
            if publishable(content, f)
        }
        listed = {  # the folders of the content the site has a page for
            display_path(content, content / folder): page
            for folder, page in [
                ("", home_path()),
                ("articles", articles_path()),
                ("concepts", concepts_path()),
            ]
        }
        # The names and the index live as long as the build: the young collections their
        # making set off (0.05-0.08 s of the parent alone at N=5000) traversed them to free
        # nothing. Frozen once made, as the articles are (see ``heap``).
        with paused():
            names, more = resolve(defined.concepts, read.referring, read.every_file, defined.unread)
            index = build_index(read.whole, names, read.signatures, media, listed)
            settle()
        more += index.link_problems() + unreadable_media(index)
        diagnostics = finish(diagnostics + more, options.strict)
        saving.result()  # its error, if any (a full disk)
    if cache:
        inputs = articles_as_read(inputs, cache, read.seen)
    return Checked(
        config, index, diagnostics, read.states, read.as_fingerprinted, inputs.fingerprint
    )


@dataclass(slots=True, eq=False, repr=False)
class _Read:
    """The article files as validated, sorted by what each can take part in."""

    whole: list[Article] = field(default_factory=list)
    """The articles that become pages."""
    referring: list[ArticleReferences] = field(default_factory=list)
    """Whole and partial articles: what the checks across files read (``PartialArticle``)."""
    every_file: bool = True
    """Whether what every content file refers to is known (``resolve``'s ``every_file``)."""
    states: dict[str, ArticleState] = field(default_factory=dict)
    signatures: dict[Slug, str] = field(default_factory=dict)
    as_fingerprinted: bool = True
    """``Checked.as_fingerprinted``."""
    seen: list[str] = field(default_factory=list)
    """The digest of each article file's bytes as validated."""

    def check(self, inputs: Inputs, file: str, digest: str) -> None:
        """Note a settings or concept file read with other bytes than were fingerprinted
        (``digest`` is empty for one not read; no file is fingerprinted without a cache)."""
        if digest and inputs.context and inputs.others.get(file) != digest:
            self.as_fingerprinted = False

    def add(self, article: Article | PartialArticle | None) -> None:
        if article is None:
            self.every_file = False
            return
        self.referring.append(article)
        if isinstance(article, Article):
            self.whole.append(article)


@dataclass(slots=True, eq=False, repr=False)
class _Defined:
    """The concept files as validated, with what was wrong with them."""

    concepts: list[ConceptDef] = field(default_factory=list)
    unread: dict[str, str] = field(default_factory=dict)
    """Each file that defines no concept, by name (``resolve``'s ``unread_concepts``)."""
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def read(self, content: Path, inputs: Inputs, read: _Read) -> None:
        folders = Folders()
        for file in inputs.concepts:
            raw, found = read_document(content, file, folders)
            read.check(inputs, file.as_posix(), raw.digest)
            concept, problems = validate_concept(raw)
            self.diagnostics += found + problems
            if concept:
                self.concepts.append(concept)
            else:
                read.every_file = False  # unreadable or untitled: its names are not resolved
                self.unread[file.name] = raw.path


def _alongside(results: Iterator[T], work: Callable[[], None]) -> Iterator[T]:
    """``results`` as they come, with ``work`` done once the first has come (at the end when
    none does): a pool's workers are busy then, and the parent would only wait for them."""
    pending = True
    for result in results:
        yield result
        if pending:
            pending = False
            work()
    if pending:
        work()


def _validated(
    options: BuildOptions,
    inputs: Inputs,
    publish: str,
    cache: Path | None,
    meanwhile: Callable[[], None],
    background: ThreadPoolExecutor,
) -> tuple[list[Signed], Future[None]]:
    """Every article's validation with its ``signature`` (empty without a cache), from the
    cache when its bytes were seen before; ``meanwhile`` is done while the workers
    validate (``_alongside``). The cache of results is saved by ``background``: the write
    of its tens of megabytes lets the parent resolve and index meanwhile, where the cores
    waited for it (0.09 s at N=5000)."""
    if cache is None:
        files = [Path(f) for f, _ in inputs.articles]
        found = _alongside(validate_files(options.content, files, publish, options.jobs), meanwhile)
        return list(found), background.submit(lambda: None)
    store = ArticleCache.load(cache)

    def key(file: str, digest: str) -> str:
        path = display_path(options.content, file)
        return ArticleCache.key(inputs.version, publish, path, digest)

    # Left for the workers to read (``read_inputs``), the articles have no digest yet and
    # nothing is stored: each result is keyed once it has come, while the workers validate.
    # A file that could not be read has no digest: what is wrong with it (a link's target,
    # say) may have changed, so it is read again.
    stored = inputs.pending is None
    keys = [key(f, d) if stored else "" for f, d in inputs.articles]
    results = [store.get(k) if d else None for k, (_, d) in zip(keys, inputs.articles, strict=True)]
    missing = [i for i, found in enumerate(results) if found is None]
    names = [inputs.articles[i][0] for i in missing]
    fresh = _alongside(validate_pickled(options.content, names, publish, options.jobs), meanwhile)
    for i, blob in zip(missing, fresh, strict=True):
        results[i] = result = unpickled(blob)
        settle()  # as each comes: young collections traversed the results again and again
        file, digest = inputs.articles[i]
        read = result[2] or digest  # saved again meanwhile: keyed by what was read
        store.put(keys[i] if stored and read == digest else key(file, read), blob)
    saving = background.submit(store.save if options.write else lambda: None)
    return [r for r in results if r is not None], saving  # every one is set by now


def _article_slug_collisions(articles: list[ArticleReferences]) -> list[Diagnostic]:
    first: dict[str, ArticleReferences] = {}
    diagnostics = []
    for article in sorted(articles, key=lambda a: a.path):
        other = first.setdefault(article.slug, article)
        if other is not article:
            msg = f"article slug '{article.slug}' is also the slug of {other.path}"
            diagnostics.append(
                error(
                    Span(article.path, 1, 1), "slug-collision", msg, "rename one of the two files"
                )
            )
    return diagnostics
