"""Index -> pages in memory: Jinja2 templates fed one small view each.

Every page gets a ``url`` bound to itself, so links come out relative and the
site works under any base path; 404.html is the exception (it is served at any
depth), so its links start at the base path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import jinja2
from markupsafe import Markup, escape

from concordance import urls, views
from concordance.config import SiteConfig
from concordance.index import SiteIndex
from concordance.linked_data import linked_data
from concordance.markdown import CHIPS_PLACEHOLDER
from concordance.model import Article, Concept, Slug

_CHIPS = re.compile(re.escape(CHIPS_PLACEHOLDER).replace(r"\{\}", r"([A-Za-z0-9_-]+)"))
HOME_CONCEPTS = 12
HOME_ARTICLES = 10
SEARCH_PATH = "search/"


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    """Output file, relative to the site root (``concepts/x/index.html``)."""
    data: bytes


@dataclass(frozen=True, slots=True)
class SiteView:
    title: str
    description: str
    language: str
    author: str
    base_url: str


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["isodate"] = lambda d: d.isoformat()
    env.filters["longdate"] = lambda d: f"{d.day} {d.strftime('%B')} {d.year}"
    env.globals["linked_data"] = linked_data  # for templates/_head_meta.html
    return env


def render_site(index: SiteIndex, config: SiteConfig, templates: Path) -> Iterator[Page]:
    """Every page of the site, in a fixed order."""
    for task in page_tasks(index, config, templates):
        yield task()


PageTask = Callable[[], Page]


class Reuse(Protocol):
    """Pages of an earlier build whose inputs are unchanged (see ``cache.PageReuse``)."""

    def lookup(self, file: str, inputs: tuple[object, ...]) -> bytes | None:
        """The bytes rendered earlier from exactly these inputs, if still at hand."""

    def record(self, page: Page) -> None:
        """``page`` was rendered from the inputs of the last ``lookup`` of its file."""


def page_tasks(
    index: SiteIndex, config: SiteConfig, templates: Path, reuse: Reuse | None = None
) -> Iterator[PageTask]:
    """One deferred render per page, in ``render_site``'s order: a worker process builds the
    same list (one template environment per process) and runs only its share of it."""
    env = environment(templates)
    site = SiteView(
        config.title, config.description, config.language, config.author, config.base_url
    )
    render = _Renderer(env, site, index, reuse)
    yield partial(render.page, urls.home_path(), "home.html", title=config.title, **_home(index))
    yield partial(
        render.page,
        urls.concepts_path(),
        "concepts.html",
        title="Concepts",
        groups=views.concept_rows(index),
        total=len(index.concepts),
    )
    for concept in index.concepts.values():
        yield partial(_concept_page, render, index, concept)
    yield partial(
        render.page,
        urls.articles_path(),
        "articles.html",
        title="Articles",
        articles=[_row(index, a) for a in index.articles.values()],
    )
    for article in index.articles.values():
        yield partial(render.article, article)
    speakers = [views.speaker_link(index, s) for s in index.speakers]
    yield partial(
        render.page,
        urls.speakers_path(),
        "speakers.html",
        title="Speakers",
        speakers=sorted(speakers, key=lambda s: s.title if s else ""),
    )
    for slug, name in index.speakers.items():
        yield partial(_speaker_page, render, index, slug, name)
    yield partial(render.page, SEARCH_PATH, "search.html", title="Search")
    yield partial(render.page, "404.html", "404.html", title="Page not found", base_absolute=True)
    for page in static_files(templates / "static"):
        yield partial(_ready, page)


def _concept_page(render: _Renderer, index: SiteIndex, concept: Concept) -> Page:
    return render.page(
        urls.concept_path(concept.slug),
        "concept.html",
        title=concept.title,
        description=concept.summary or "",
        concept=views.concept_view(index, concept),
    )


def _speaker_page(render: _Renderer, index: SiteIndex, slug: Slug, name: str) -> Page:
    statements = tuple(views.statement_view(index, s) for s in index.by_speaker.get(slug, ()))
    return render.page(
        urls.speaker_path(slug), "speaker.html", title=name, speaker=name, statements=statements
    )


def _ready(page: Page) -> Page:
    return page


def _home(index: SiteIndex) -> dict[str, Any]:
    top = sorted(index.concepts, key=lambda s: (-len(index.by_concept.get(s, ())), s))
    return {
        "concepts": [views.concept_link(index, s) for s in top[:HOME_CONCEPTS]],
        "articles": [_row(index, a) for a in list(index.articles.values())[:HOME_ARTICLES]],
        "counts": {
            "concepts": len(index.concepts),
            "articles": len(index.articles),
            "statements": len(index.statements),
            "speakers": len(index.speakers),
        },
    }


@dataclass(frozen=True, slots=True)
class ArticleRow:
    link: views.Link
    date: Any
    source: str | None
    speaker: views.Link | None
    statements: int


def _row(index: SiteIndex, article: Article) -> ArticleRow:
    count = sum(1 for q in article.quotes if q.found)
    speaker = views.speaker_link(index, index.article_speaker.get(article.slug))
    return ArticleRow(views.article_link(article), article.date, article.source, speaker, count)


@dataclass(frozen=True, slots=True)
class _Renderer:
    env: jinja2.Environment
    site: SiteView
    index: SiteIndex
    reuse: Reuse | None = None

    def page(
        self,
        path: str,
        template: str,
        title: str,
        description: str = "",
        base_absolute: bool = False,
        **context: Any,
    ) -> Page:
        file = urls.output_file(path)
        inputs = (path, template, title, description, base_absolute, self.site, context)
        if self.reuse is not None and (data := self.reuse.lookup(file, inputs)) is not None:
            return Page(file, data)
        url = _base_absolute(self.site.base_url) if base_absolute else _relative_to(path)
        html = self.env.get_template(template).render(
            site=self.site,
            page={
                "path": path,
                "title": title,
                "description": description or self.site.description,
                "canonical": urls.absolute(self.site.base_url, path),
                "section": path.partition("/")[0],
            },
            url=url,
            absolute=partial(urls.absolute, self.site.base_url),
            **context,
        )
        page = Page(file, html.encode("utf-8"))
        if self.reuse is not None:
            self.reuse.record(page)
        return page

    def article(self, article: Article) -> Page:
        path = urls.article_path(article.slug)
        url = _relative_to(path)
        body = _CHIPS.sub(lambda m: self._chips(article, m.group(1), url), article.body_html)
        view = views.article_view(self.index, article, body, excerpts=article.excerpts)
        return self.page(
            path,
            "article.html",
            title=article.title,
            description=article.summary[:300],
            article=view,
        )

    def _chips(self, article: Article, quote_id: str, url: Callable[[str], str]) -> str:
        statement = self.index.statements.get((article.slug, quote_id))
        if statement is None:
            return ""
        links = "".join(
            f'<a class="chip" rel="tag" href="{escape(url(urls.concept_path(c)))}">'
            f"{escape(self.index.concepts[c].title)}</a>"
            for c in statement.concepts
        )
        return str(
            Markup('<span class="chips" data-pagefind-ignore>{}</span>').format(Markup(links))
        )


def _relative_to(page: str) -> Callable[[str], str]:
    def url(target: str) -> str:
        path, _, fragment = target.partition("#")
        link = urls.relative(path, page)
        return f"{link}#{fragment}" if fragment else link

    return url


def _base_absolute(base_url: str) -> Callable[[str], str]:
    root = urls.base_path(base_url)

    def url(target: str) -> str:
        return urls.absolute(root, target)

    return url


def static_files(folder: Path) -> Iterator[Page]:
    if not folder.is_dir():
        return
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        yield Page("static/" + file.relative_to(folder).as_posix(), file.read_bytes())
