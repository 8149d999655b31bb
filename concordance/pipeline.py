"""One run: load → validate → resolve → index → render → write, on one screen."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jinja2

from concordance.cache import (
    ArticleCache,
    BuildState,
    PageReuse,
    cache_dir,
    code_version,
    discard,
    environment_values,
    file_digest,
    load_state,
    save_pages,
    save_state,
    tree_digest,
)
from concordance.cache import fingerprint as cache_fingerprint
from concordance.config import BuildOptions, SiteConfig, with_base_url
from concordance.diagnostics import Diagnostic, Report, Span, error, promote_warnings
from concordance.diagnostics import sort_key as diagnostic_order
from concordance.emit import emit_all
from concordance.index import SiteIndex, build_index
from concordance.load import RawDocument, decode, display_path, parse_yaml, read_document
from concordance.model import Article, ConceptDef
from concordance.parallel import (
    TemplateFailure,
    Validated,
    render_pages,
    template_error,
    validate_files,
)
from concordance.resolve import resolve
from concordance.search import index_site
from concordance.validate import validate_concept, validate_config
from concordance.write import output_lock, write_site


class UsageError(Exception):
    """The command line points at something unusable (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Checked:
    """Everything validation produced: the site's index and every diagnostic."""

    config: SiteConfig
    index: SiteIndex
    diagnostics: list[Diagnostic]


def run(options: BuildOptions) -> Report:
    """One build (or, with ``options.write`` false, one check). Builds reuse the cache beside
    the output (unless ``options.clean``): unchanged articles are not validated again, and
    when no input changed at all, the site in place is already the result."""
    started = time.perf_counter()
    cache = _open_cache(options)
    inputs = _inputs(options, cache)
    if cache and (done := _unchanged(cache, inputs, options.out)):
        report = Report(
            diagnostics=list(done.diagnostics), pages_written=done.pages, wrote_site=True
        )
    else:
        report = _build(options, cache, inputs)
    report.seconds = time.perf_counter() - started
    return report


def _build(options: BuildOptions, cache: Path | None, inputs: Inputs) -> Report:
    checked = _checked(options, inputs, cache)
    report = Report(diagnostics=checked.diagnostics)
    if options.write and report.errors == 0:
        config = with_base_url(checked.config, options.base_url)
        # emit_all passes the rendered pages through: the sitemap lists what was written.
        reuse = PageReuse.load(cache, inputs.salt, options.out) if cache else None
        memo: dict[str, str] = {}
        rendered = render_pages(checked.index, config, options.templates, options.jobs, reuse, memo)
        pages = emit_all(checked.index, config, rendered)
        try:
            with output_lock(options.out):
                hook = partial(index_site, language=config.language) if options.search else None
                spare = cache_dir(options.out) if cache else None
                report.pages_written = write_site(pages, options.out, hook, spare)
                if cache:
                    save_pages(cache, inputs.salt, memo)
                    save_state(cache, _state(inputs, options.out, report))
            report.wrote_site = True
        except TemplateFailure as failure:
            report.diagnostics.append(failure.diagnostic)
        except jinja2.TemplateError as exc:
            report.diagnostics.append(template_error(exc, options.templates))
    return report


def check_content(options: BuildOptions) -> Checked:
    """Load, validate and index everything, so every diagnostic comes out of one run."""
    return _checked(options, _inputs(options, None), None)


@dataclass(frozen=True, slots=True)
class Inputs:
    """The content files a run reads, with the digest of each file's bytes."""

    articles: list[tuple[Path, str]]
    concepts: list[Path]
    fingerprint: str
    """Of everything the output depends on; empty when no cache is used."""
    salt: str = ""
    """Of the code and the templates: what a page's bytes depend on besides its view."""


def _inputs(options: BuildOptions, cache: Path | None) -> Inputs:
    content = options.content
    if not content.is_dir():
        raise UsageError(f"content directory not found: {content}")
    articles = _files(content, "articles")
    concepts = _files(content, "concepts")
    if cache is None:
        return Inputs([(f, "") for f in articles], concepts, "")
    digests = [(f, file_digest(f.read_bytes())) for f in articles]
    others = [
        (f.as_posix(), file_digest(f.read_bytes()))
        for f in [content / "site.yaml", *concepts]
        if f.is_file()
    ]
    fingerprint = cache_fingerprint(
        (
            code_version(),
            [(f.as_posix(), d) for f, d in digests],
            others,
            tree_digest(options.templates),
            options.base_url,
            options.strict,
            options.search,
            environment_values(),
        )
    )
    salt = cache_fingerprint((code_version(), tree_digest(options.templates)))
    return Inputs(digests, concepts, fingerprint, salt)


def _unchanged(cache: Path, inputs: Inputs, out: Path) -> BuildState | None:
    state = load_state(cache)
    if state is None or state.fingerprint != inputs.fingerprint:
        return None
    return state if out.is_dir() and out.stat().st_ino == state.out_inode else None


def _state(inputs: Inputs, out: Path, report: Report) -> BuildState:
    return BuildState(
        inputs.fingerprint, out.stat().st_ino, list(report.diagnostics), report.pages_written
    )


def _open_cache(options: BuildOptions) -> Path | None:
    """The cache folder of a build; none for ``check`` (which writes nothing)."""
    if not options.write:
        return None
    folder = cache_dir(options.out)
    if options.clean:
        discard(folder)
    return folder


def _checked(options: BuildOptions, inputs: Inputs, cache: Path | None) -> Checked:
    content = options.content
    config_doc, diagnostics = _config_document(content)
    config, config_problems = validate_config(config_doc)
    diagnostics += config_problems
    articles: list[Article] = []
    for article, problems in _validated(options, inputs, config.publish, cache):
        diagnostics += problems
        if article:
            articles.append(article)
    concepts: list[ConceptDef] = []
    for file in inputs.concepts:
        raw, found = read_document(content, file)
        concept, problems = validate_concept(raw)
        diagnostics += found + problems
        if concept:
            concepts.append(concept)
    diagnostics += _article_slug_collisions(articles)
    names, more = resolve(concepts, articles)
    index = build_index(articles, names)
    return Checked(config, index, _finish(diagnostics + more, options.strict))


def _validated(
    options: BuildOptions, inputs: Inputs, publish: str, cache: Path | None
) -> list[Validated]:
    """Every article's validation, from the cache when its bytes were seen before."""
    if cache is None:
        return validate_files(
            options.content, [f for f, _ in inputs.articles], publish, options.jobs
        )
    store = ArticleCache.load(cache)
    version = code_version()
    keys = [
        ArticleCache.key(version, publish, display_path(options.content, f), d)
        for f, d in inputs.articles
    ]
    results: list[Validated | None] = [store.get(k) for k in keys]
    missing = [i for i, found in enumerate(results) if found is None]
    fresh = validate_files(
        options.content, [inputs.articles[i][0] for i in missing], publish, options.jobs
    )
    for i, value in zip(missing, fresh, strict=True):
        results[i] = value
        store.put(keys[i], value)
    if options.write:
        store.save()
    return [r for r in results if r is not None]


def _finish(diagnostics: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    if strict:
        diagnostics = promote_warnings(diagnostics)
    return sorted(set(diagnostics), key=diagnostic_order)


def _config_document(content: Path) -> tuple[RawDocument | None, list[Diagnostic]]:
    """A broken site.yaml is a content error like any other: located, and the defaults used."""
    file = content / "site.yaml"
    if not file.is_file():
        return None, []
    path = display_path(content, file)
    text, diagnostics = decode(path, file.read_bytes())
    if text is None:
        return None, diagnostics
    meta, diagnostics = parse_yaml(path, text, first_line=1)
    return (RawDocument(path, meta, "", 1, "") if meta else None), diagnostics


def _files(content: Path, folder: str) -> list[Path]:
    root = content / folder
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*.md") if p.is_file() and not _hidden(p, root))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith((".", "_")) for part in path.relative_to(root).parts)


def _article_slug_collisions(articles: list[Article]) -> list[Diagnostic]:
    first: dict[str, Article] = {}
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
