"""One run: load → validate → resolve → index → render → write, on one screen."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jinja2

from concordance.config import BuildOptions, SiteConfig, with_base_url
from concordance.diagnostics import Diagnostic, Report, Span, error, promote_warnings
from concordance.diagnostics import sort_key as diagnostic_order
from concordance.emit import emit_all
from concordance.index import SiteIndex, build_index
from concordance.load import RawDocument, decode, display_path, parse_yaml, read_document
from concordance.model import Article, ConceptDef
from concordance.render import render_site
from concordance.resolve import resolve
from concordance.search import index_site
from concordance.validate import validate_article, validate_concept, validate_config
from concordance.write import output_lock, write_site


def template_error(exc: jinja2.TemplateError, templates: Path) -> Diagnostic:
    """A broken template is reported like content: located, no traceback."""
    name = getattr(exc, "name", None) or getattr(exc, "filename", None) or "?"
    line = getattr(exc, "lineno", None) or 1
    path = (templates / name).as_posix() if name != "?" else templates.as_posix()
    return error(Span(path, line, 1), "template-error", exc.message or str(exc))


class UsageError(Exception):
    """The command line points at something unusable (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Checked:
    """Everything validation produced: the site's index and every diagnostic."""

    config: SiteConfig
    index: SiteIndex
    diagnostics: list[Diagnostic]


def run(options: BuildOptions) -> Report:
    started = time.perf_counter()
    checked = check_content(options)
    report = Report(diagnostics=checked.diagnostics)
    if options.write and report.errors == 0:
        config = with_base_url(checked.config, options.base_url)
        # emit_all passes the rendered pages through: the sitemap lists what was written.
        pages = emit_all(checked.index, config,
                         render_site(checked.index, config, options.templates))
        try:
            with output_lock(options.out):
                hook = partial(index_site, language=config.language) if options.search else None
                report.pages_written = write_site(pages, options.out, before_swap=hook)
            report.wrote_site = True
        except jinja2.TemplateError as exc:
            report.diagnostics.append(template_error(exc, options.templates))
    report.seconds = time.perf_counter() - started
    return report


def check_content(options: BuildOptions) -> Checked:
    """Load, validate and index everything, so every diagnostic comes out of one run."""
    content = options.content
    if not content.is_dir():
        raise UsageError(f"content directory not found: {content}")
    config_doc, diagnostics = _config_document(content)
    config, config_problems = validate_config(config_doc)
    diagnostics += config_problems
    articles: list[Article] = []
    for raw, found in _documents(content, "articles"):
        article, problems = validate_article(raw, config.publish)
        diagnostics += found + problems
        if article:
            articles.append(article)
    concepts: list[ConceptDef] = []
    for raw, found in _documents(content, "concepts"):
        concept, problems = validate_concept(raw)
        diagnostics += found + problems
        if concept:
            concepts.append(concept)
    diagnostics += _article_slug_collisions(articles)
    names, more = resolve(concepts, articles)
    index = build_index(articles, names)
    return Checked(config, index, _finish(diagnostics + more, options.strict))


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


def _documents(content: Path, folder: str) -> list[tuple[RawDocument, list[Diagnostic]]]:
    root = content / folder
    if not root.is_dir():
        return []
    files = sorted(p for p in root.rglob("*.md") if p.is_file() and not _hidden(p, root))
    return [read_document(content, file) for file in files]


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith((".", "_")) for part in path.relative_to(root).parts)


def _article_slug_collisions(articles: list[Article]) -> list[Diagnostic]:
    first: dict[str, Article] = {}
    diagnostics = []
    for article in sorted(articles, key=lambda a: a.path):
        other = first.setdefault(article.slug, article)
        if other is not article:
            msg = f"article slug '{article.slug}' is also the slug of {other.path}"
            diagnostics.append(error(Span(article.path, 1, 1), "slug-collision", msg,
                                     "rename one of the two files"))
    return diagnostics
