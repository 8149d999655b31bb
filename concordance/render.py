"""Index -> pages in memory: Jinja2 templates fed one small view each.

Every page gets a ``url`` bound to itself, so links come out relative and the
site works under any base path; 404.html is the exception (it is served at any
depth), so its links start at the base path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import jinja2
from markupsafe import Markup, escape

from concordance import urls, views
from concordance.cards import CardMemo
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
class Kept:
    """A page whose bytes are those of the live site's file: rendering it again would give
    the same bytes, so it is not rendered (the writer links or copies it where needed)."""

    path: str
    digest: str
    """Of the live file's bytes, as its manifest records it."""


Output = Page | Kept


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article page before its body is filled in: what a rebuild after an edit of the body
    alone needs to render the page again without the rest of the site (see ``delta``)."""

    view: views.ArticleView
    """With ``body_html`` empty."""
    description: str


@dataclass(frozen=True, slots=True)
class SiteView:
    title: str
    description: str
    language: str
    author: str
    base_url: str


def environment(templates: Path, bytecode: Path | None = None) -> jinja2.Environment:
    """The templates' environment; with ``bytecode`` (a folder of the build cache), compiled
    templates are kept there between runs, keyed by their source (a small rebuild would
    otherwise spend more time compiling templates than rendering)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode)) if bytecode else None,
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


def render_site(index: SiteIndex, config: SiteConfig, templates: Path) -> Iterator[Output]:
    """Every page of the site, in a fixed order."""
    for task in page_tasks(index, config, templates):
        yield task()


def renderer(
    config: SiteConfig, templates: Path, reuse: Reuse | None = None, bytecode: Path | None = None
) -> Renderer:
    env = environment(templates, bytecode)
    site = SiteView(
        config.title, config.description, config.language, config.author, config.base_url
    )
    cards = CardMemo(env, {"site": site, "absolute": partial(urls.absolute, site.base_url)})
    return Renderer(env, site, cards, reuse)


PageTask = Callable[[], Output]


class Reuse(Protocol):
    """Pages of an earlier build whose inputs are unchanged (see ``cache.PageReuse``)."""

    def lookup(self, file: str, inputs: tuple[object, ...]) -> str | None:
        """The digest of the live file, when it was rendered from exactly these inputs."""

    def record(self, page: Page, draft: ArticleDraft | None) -> None:
        """``page`` was rendered from the inputs of the last ``lookup`` of its file."""


def page_tasks(
    index: SiteIndex,
    config: SiteConfig,
    templates: Path,
    reuse: Reuse | None = None,
    bytecode: Path | None = None,
) -> Iterator[PageTask]:
    """One deferred render per page, in ``render_site``'s order: a worker process builds the
    same list (one template environment per process) and runs only its share of it."""
    render = renderer(config, templates, reuse, bytecode)
    yield partial(render.page, urls.home_path(), "home.html", title=config.title, **_home(index))
    yield partial(
        render.page,
        urls.concepts_path(),
        "concepts.html",
        title="Concepts",
        groups=views.concept_rows(index),
        total=len(index.concepts),
    )
    known = views.Statements(index)  # one per process: the tasks run in forked workers
    for concept in index.concepts.values():
        yield partial(_concept_page, render, index, concept, known)
    yield partial(
        render.page,
        urls.articles_path(),
        "articles.html",
        title="Articles",
        articles=[_row(index, a) for a in index.articles.values()],
    )
    for article in index.articles.values():
        yield partial(_article_page, render, index, article, known)
    speakers = [views.speaker_link(index, s) for s in index.speakers]
    yield partial(
        render.page,
        urls.speakers_path(),
        "speakers.html",
        title="Speakers",
        speakers=sorted(speakers, key=lambda s: s.title if s else ""),
    )
    for slug, name in index.speakers.items():
        yield partial(_speaker_page, render, index, slug, name, known)
    yield partial(render.page, SEARCH_PATH, "search.html", title="Search")
    yield partial(render.page, "404.html", "404.html", title="Page not found", base_absolute=True)
    for page in static_files(templates / "static"):
        yield partial(ready, page)


def _concept_page(
    render: Renderer, index: SiteIndex, concept: Concept, known: views.Statements
) -> Output:
    return render.page(
        urls.concept_path(concept.slug),
        "concept.html",
        title=concept.title,
        description=concept.summary or "",
        concept=views.concept_view(index, concept, known),
    )


def _article_page(
    render: Renderer, index: SiteIndex, article: Article, known: views.Statements
) -> Output:
    view = views.article_view(index, article, "", excerpts=article.excerpts, known=known)
    return render.article(ArticleDraft(view, article.summary[:300]), article.body_html)


def _speaker_page(
    render: Renderer, index: SiteIndex, slug: Slug, name: str, known: views.Statements
) -> Output:
    statements = tuple(known.view(s) for s in index.by_speaker.get(slug, ()))
    return render.page(
        urls.speaker_path(slug), "speaker.html", title=name, speaker=name, statements=statements
    )


def ready(page: Page) -> Page:
    """A task that gives a page made beforehand (a static file, CNAME)."""
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
class Renderer:
    """Pages from views, with one template environment (one per process)."""

    env: jinja2.Environment
    site: SiteView
    cards: CardMemo
    reuse: Reuse | None = None

    def page(
        self,
        path: str,
        template: str,
        title: str,
        description: str = "",
        base_absolute: bool = False,
        draft: ArticleDraft | None = None,
        **context: Any,
    ) -> Output:
        file = urls.output_file(path)
        inputs = (path, template, title, description, base_absolute, self.site, context)
        if self.reuse is not None and (digest := self.reuse.lookup(file, inputs)) is not None:
            return Kept(file, digest)
        if base_absolute:
            base = urls.base_path(self.site.base_url)
            url = _base_absolute(base)
        else:
            base = urls.root_prefix(path)
            url = _relative_to(base)
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
            statement_card=self.cards.for_links(base, url),
            **context,
        )
        page = Page(file, html.encode("utf-8"))
        if self.reuse is not None:
            self.reuse.record(page, draft)
        return page

    def article(self, draft: ArticleDraft, body_html: str) -> Output:
        """An article page: the draft's view with the body, its chip placeholders filled."""
        path = urls.article_path(draft.view.slug)
        url = _relative_to(urls.root_prefix(path))
        chips = {s.quote_id: s.concepts for s in draft.view.statements}
        body = _CHIPS.sub(lambda m: _chips(chips.get(m.group(1), ()), url), body_html)
        return self.page(
            path,
            "article.html",
            title=draft.view.title,
            description=draft.description,
            draft=draft,
            article=replace(draft.view, body_html=body),
        )


def _chips(concepts: tuple[views.Link, ...], url: Callable[[str], str]) -> str:
    """The concept chips after a quote in an article's body."""
    if not concepts:
        return ""
    links = "".join(
        f'<a class="chip" rel="tag" href="{escape(url(c.target))}">{escape(c.title)}</a>'
        for c in concepts
    )
    return str(Markup('<span class="chips" data-pagefind-ignore>{}</span>').format(Markup(links)))


def _relative_to(prefix: str) -> Callable[[str], str]:
    """``url`` of a page whose way back to the site root is ``prefix``."""

    def url(target: str) -> str:
        path, _, fragment = target.partition("#")
        link = urls.link(prefix, path)
        return f"{link}#{fragment}" if fragment else link

    return url


def _base_absolute(root: str) -> Callable[[str], str]:
    def url(target: str) -> str:
        return urls.absolute(root, target)

    return url


def static_files(folder: Path) -> Iterator[Page]:
    if not folder.is_dir():
        return
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        yield Page("static/" + file.relative_to(folder).as_posix(), file.read_bytes())
