"""Index -> pages in memory: Jinja2 templates fed one small view each.

Every page gets a ``url`` bound to itself, so links come out relative and the
site works under any base path; 404.html is the exception (it is served at any
depth), so its links start at the base path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import jinja2
from jinja2 import meta, nodes

from concordance import (
    casing,
    json_text,
    labels,
    language_tags,
    link_targets,
    linked_data,
    macros,
    search_terms,
    static,
    urls,
    views,
)
from concordance.atomic import store
from concordance.card_markup import citation
from concordance.cards import CardMemo
from concordance.chips import chips_html, fill_chips
from concordance.config import SiteConfig
from concordance.digests import file_digest
from concordance.escaping import as_markup, escape_text
from concordance.keys import StatementKeys, Verbatim
from concordance.macros import MacroModules, PageMacros
from concordance.model import Article, Concept, ContentLink, Slug
from concordance.pages import ArticleFrame, Kept, Output, Page, page_digest
from concordance.site_jinja import EscapingTemplate, PlainCallContext, SiteEnvironment, encoded
from concordance.template_source import TemplateLoader
from concordance.textnorm import shorten, truncate

if TYPE_CHECKING:  # at run time, a rebuild of one page does without the index
    from concordance.index import SiteIndex

HOME_CONCEPTS = 12
HOME_ARTICLES = 10
DESCRIPTION_CHARS = 300
"""An article page's description (meta, link previews) at most."""
SEARCH_PATH = "search/"
MAX_LINKS = 200_000
"""Paths whose links are remembered per page depth and process; beyond that the memo starts
afresh."""


@dataclass(frozen=True, slots=True)
class SiteView:
    title: str
    description: str
    language: str
    author: str
    base_url: str
    labels: labels.Labels
    """The interface's words (``t`` in templates); part of every page's key by its digest."""
    direction: str = "ltr"
    """``rtl`` when ``language`` is written from right to left (``language_tags.direction``)."""
    links: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """``absolute`` of each path asked for (bounded by ``MAX_LINKS``)."""
    linked_texts: linked_data.Texts = field(
        default_factory=linked_data.Texts, compare=False, repr=False
    )
    """The JSON-LD its pages share, written once (``linked_data.script``)."""

    def __repr__(self) -> str:
        # The dataclass's text, written out (see ``views.Link``): decorated by
        # ``views.plain_repr``, the class was no native class to mypyc, and ``absolute``,
        # called for every citation and linked datum, a method called as Python's.
        return (
            f"SiteView(title={repr(self.title)}, description={repr(self.description)}, "  # noqa: RUF010
            f"language={repr(self.language)}, author={repr(self.author)}, "  # noqa: RUF010
            f"base_url={repr(self.base_url)}, labels={repr(self.labels)}, "  # noqa: RUF010
            f"direction={repr(self.direction)})"  # noqa: RUF010
        )

    def absolute(self, target: str) -> str:
        """``urls.absolute(base_url, target)``, the link of each path remembered: a page's
        card citations and linked data make dozens (some 90,000 a build of 1,000 articles),
        to a few thousand pages, their statements' anchors added per call."""
        link = self.links.get(target)  # a path seen before (none holds a ``#``)
        if link is not None:
            return link
        path, mark, fragment = target.partition("#")
        link = self.links.get(path)
        if link is None:
            if len(self.links) >= MAX_LINKS:
                self.links.clear()
            link = self.links[path] = urls.absolute(self.base_url, path)
        return f"{link}#{urls.quoted(fragment)}" if mark else link

    @property
    def og_locale(self) -> str | None:
        """``language`` as OpenGraph writes a locale, when it names a territory."""
        return language_tags.og_locale(self.language)


def environment(
    templates: Path, bytecode: Path | None = None, words: labels.Labels | None = None
) -> jinja2.Environment:
    """The templates' environment, its labels and dates in the language of ``words``
    (English without); with ``bytecode`` (a folder of the build cache), compiled templates
    are kept there between runs, keyed by their source (a small rebuild would otherwise
    spend more time compiling templates than rendering)."""
    words = words or labels.for_language(labels.FALLBACK)
    env = SiteEnvironment(
        loader=TemplateLoader(templates),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode)) if bytecode else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment per build and process: no need to stat a template's file each
        # time a page asks for it (thousands of times a build).
        auto_reload=False,
        # Every template kept in a dict: Jinja's bounded cache (400) locks and reorders a
        # queue at each look-up, three a page (its template, the one it extends, an include).
        cache_size=-1,
    )
    env.template_class = EscapingTemplate
    env.context_class = PlainCallContext
    env.filters["isodate"] = lambda d: d.isoformat()
    env.filters["longdate"] = words.date
    env.filters["truncate"] = truncate
    env.globals.update(t=words, time_tag=words.time_element)
    env.globals.update(strong=labels.strong, link_to=labels.link_to)
    env.filters["isolated"] = views.isolated
    env.filters["search_terms"] = search_terms.attributes
    # For templates/_head_meta.html: ``linked_data_script`` writes what ``linked_data``'s
    # nodes would make, serialised by ``tojson`` (as templates of a site's own may do).
    env.globals["linked_data"] = linked_data.linked_data
    env.globals["linked_data_script"] = linked_data.script
    env.globals["search_rules"] = search_terms.query_rules()  # for templates/search.html
    env.filters["tojson"] = json_text.script_json  # on every page (linked data)
    return env


def renderer(
    config: SiteConfig, templates: Path, reuse: Reuse | None = None, bytecode: Path | None = None
) -> Renderer:
    words = labels.for_language(config.language, config.labels)
    env = environment(templates, bytecode, words)
    site = SiteView(
        config.title,
        config.description,
        config.language,
        config.author,
        config.base_url,
        words,
        config.direction,
    )
    cite = partial(citation, labels=words, absolute=site.absolute, site_title=site.title)
    page_globals = {"site": site, "absolute": site.absolute, "citation": cite}
    modules, shipped = MacroModules(env, page_globals), macros.shipped(env)
    cards = CardMemo(modules, words, native="statement_card" in shipped)
    page_macros = PageMacros(modules, shipped, words)
    frames = frames_remembered(env, bytecode)
    return Renderer(env, site, cards, page_macros, reuse, frames=frames)


ARTICLE_TEMPLATE = "article.html"
BODY_SLOT = "\x00article body\x00"
"""A stand-in for an article's body: no text a template escapes, none a body holds."""
SLOT_BYTES = BODY_SLOT.encode()
"""``BODY_SLOT`` as it is found in a page's bytes (``Renderer.filled``)."""


def body_in_one_place(env: jinja2.Environment, read: dict[str, str] | None = None) -> bool:
    """The article template, with every template it extends, includes or imports, shows
    ``body_html`` once, as it is (``{{ x.body_html | safe }}``), and reads it nowhere
    else: then an article page is the page made with a stand-in for the body, the body
    put in its place. Templates that show it twice, or filter, measure or test it, render
    every article page from its view instead. (``linked_data`` and ``linked_data_script``,
    the helpers templates hand the article to, do not read its body.) With ``read``, the
    digest of each template parsed is put there, by name."""
    trees = page_templates(env, ARTICLE_TEMPLATE, read)
    if trees is None:
        return False
    reads = shown = 0
    for _, tree in trees:
        reads += len([n for n in tree.find_all((nodes.Getattr, nodes.Const)) if _is_body(n)])
        shown += len([n for o in tree.find_all(nodes.Output) for n in o.nodes if _as_is(n)])
    return shown == reads == 1


FRAMES_MEMO = "frames.pickle"
"""Beside the compiled templates (``environment``'s ``bytecode``): ``body_in_one_place``'s
answer, with Jinja's version and the digest of each template it read."""


def frames_remembered(env: jinja2.Environment, bytecode: Path | None) -> bool:
    """``body_in_one_place(env)``, kept in ``bytecode`` (the build cache's compiled
    templates) with the digest of each template it read, and given again while they are
    the same. Parsing the article page's templates took some 20 ms of the parent alone,
    with a core idle, at every build that renders; the child that compiles the templates
    aside (``warm``) leaves the answer for the build, and a build for the next."""
    if bytecode is None:
        return body_in_one_place(env)
    memo = bytecode / FRAMES_MEMO
    known = _remembered(env, memo)
    if known is not None:
        return known
    read: dict[str, str] = {}
    frames = body_in_one_place(env, read)
    # Renamed into place (the child and a build may write it at once); a memo not kept is
    # only a parse again at the next build.
    with contextlib.suppress(OSError):
        store(memo, (jinja2.__version__, frames, read))
    return frames


def _remembered(env: jinja2.Environment, memo: Path) -> bool | None:
    """The answer ``memo`` holds, when every template it read is as it was."""
    try:
        with open(memo, "rb") as handle:
            version, frames, read = pickle.load(handle)
    except Exception:  # missing, torn or of another shape: no answer
        return None
    if version != jinja2.__version__ or type(frames) is not bool or type(read) is not dict:
        return None
    if not read:
        return None
    for name, digest in read.items():
        try:
            if env.loader is None or _digest(env.loader.get_source(env, name)[0]) != digest:
                return None
        except (jinja2.TemplateError, OSError, ValueError):  # parsed again, as before
            return None
    return frames


def _digest(source: str) -> str:
    return file_digest(source.encode("utf-8", "surrogatepass"))


def parsed(
    env: jinja2.Environment, name: str, read: dict[str, str] | None = None
) -> nodes.Template:
    """Template ``name`` parsed, not compiled; a syntax error names the template and line.
    With ``read``, the digest of its source is put there."""
    if env.loader is None:  # ``environment`` always has one
        raise jinja2.TemplateNotFound(name)
    source, filename, _ = env.loader.get_source(env, name)
    if read is not None:
        read[name] = _digest(source)
    return env.parse(source, name, filename)


def page_templates(
    env: jinja2.Environment, name: str, read: dict[str, str] | None = None
) -> list[tuple[str, nodes.Template]] | None:
    """Template ``name`` and every template it extends, includes or imports, and so on, each
    parsed once, ``name`` first; None when one of them is named at run time (which ones a
    page is made of cannot be told then). With ``read``, the digest of each template
    parsed is put there, by name."""
    names, trees = [name], dict[str, nodes.Template]()
    while names:
        name = names.pop()
        if name in trees:
            continue
        if env.loader is None:
            return None
        trees[name] = tree = parsed(env, name, read)
        found = list(meta.find_referenced_templates(tree))
        if None in found:
            return None
        names += [n for n in found if n is not None]
    return list(trees.items())


def _is_body(node: nodes.Node | None) -> bool:
    if isinstance(node, nodes.Getattr):
        return node.attr == "body_html"
    return isinstance(node, nodes.Const) and node.value == "body_html"


def _as_is(node: nodes.Node) -> bool:
    """``node`` is ``x.body_html | safe``."""
    return (
        isinstance(node, nodes.Filter)
        and node.name == "safe"
        and not node.args
        and _is_body(node.node)
    )


PageTask = Callable[[], Output]


class Task(NamedTuple):
    """A page to render, with how many statements it shows: a chunk of tasks sent to a
    worker comes back in one message, so heavy pages are sent in smaller chunks."""

    run: PageTask
    shows: int = 1


@dataclass(frozen=True, slots=True)
class Head:
    """What a page is besides its template's context."""

    path: str
    """The page's URL path from the site root (``concepts/x/``)."""
    template: str
    title: str
    description: str = ""
    base_absolute: bool = False
    """Links start at the base path instead of climbing to the root (404.html: it is served
    at any depth)."""

    def __init__(  # the dataclass's, compiled: see ``views.Link``
        self,
        path: str,
        template: str,
        title: str,
        description: str = "",
        base_absolute: bool = False,
    ) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "description", description)
        object.__setattr__(self, "base_absolute", base_absolute)

    def __repr__(self) -> str:  # the dataclass's text, compiled: see ``views.Link``
        return (
            f"Head(path={repr(self.path)}, template={repr(self.template)}, "  # noqa: RUF010
            f"title={repr(self.title)}, description={repr(self.description)}, "  # noqa: RUF010
            f"base_absolute={repr(self.base_absolute)})"  # noqa: RUF010
        )


@dataclass(frozen=True, slots=True)
class ConceptFeeds:
    """How to make each concept's feed (``emit.feeds``). A feed is made of its concept,
    the site settings, its statements and, for a concept with none, ``fallback`` alone,
    so it is kept exactly when those are unchanged."""

    path: Callable[[Slug], str]
    make: Callable[[Concept], Page]
    fallback: dt.date
    """The date of a feed without entries."""


class Reuse(Protocol):
    """Pages of an earlier build whose inputs are unchanged (see ``cache.PageReuse``)."""

    def lookup(self, file: str, inputs: tuple[object, ...]) -> str | None:
        """The digest of the live file, when it was rendered from exactly these inputs."""

    def record(self, page: Page, draft: bytes | None) -> Page:
        """``page`` was rendered from the inputs of the last ``lookup`` of its file; ``draft``
        is its frame, packed (``ArticleFrame.drafted``), when it was made of one. Returns the
        page with its digest (``Page.hashed``), to be handed on."""


def page_tasks(
    index: SiteIndex,
    config: SiteConfig,
    templates: Path,
    reuse: Reuse | None = None,
    bytecode: Path | None = None,
    feeds: ConceptFeeds | None = None,
) -> Iterator[Task]:
    """One deferred render per page (and per concept feed), in a fixed order: a worker
    process builds the same list (one template environment per process) and runs only its
    share of it."""
    render = renderer(config, templates, reuse, bytecode)
    words = render.words
    home = Head(urls.home_path(), "home.html", config.title)
    yield Task(partial(_listing, render, home, partial(_home, index)))
    concepts = Head(urls.concepts_path(), "concepts.html", words.text("concepts"))
    yield Task(partial(_listing, render, concepts, partial(_concept_list, index, config)))
    # One of each per process: the tasks run in forked workers.
    known, keys = views.Statements(index), StatementKeys(index)
    for concept in index.concepts.values():
        shown = len(index.by_concept.get(concept.slug, ()))
        yield Task(partial(_concept_page, render, index, concept, known, keys), shown)
        if feeds is not None:
            yield Task(partial(_concept_feed, render, concept, keys, feeds))
    articles = Head(urls.articles_path(), "articles.html", words.text("articles"))
    yield Task(partial(_listing, render, articles, partial(_article_list, index)))
    for article in index.articles.values():
        yield Task(partial(_article_page, render, index, article, known, keys))
    speakers = Head(urls.speakers_path(), "speakers.html", words.text("speakers"))
    yield Task(partial(_listing, render, speakers, partial(_speaker_list, index)))
    for slug, name in index.speakers.items():
        shown = len(index.by_speaker.get(slug, ()))
        yield Task(partial(_speaker_page, render, index, slug, name, known, keys), shown)
    yield Task(partial(render.page, Head(SEARCH_PATH, "search.html", words.text("search"))))
    not_found = Head("404.html", "404.html", words.text("page_not_found"), base_absolute=True)
    yield Task(partial(render.page, not_found))
    for page in static_files(templates):
        yield Task(partial(ready, page))


def _concept_page(
    render: Renderer,
    index: SiteIndex,
    concept: Concept,
    known: views.Statements,
    keys: StatementKeys,
) -> Output:
    head = Head(
        urls.concept_path(concept.slug), "concept.html", concept.title, concept.summary or ""
    )
    # The view but its statements (and the timeline, which is drawn from their dates).
    outline = views.concept_outline(index, concept, render.site.language)
    if render.reuse is not None:
        statements = keys.listed(index.by_concept.get(concept.slug, ()))
        kept = render.kept(head, {"concept": outline, "statements": statements})
        if kept is not None:
            return kept
    concept_view = views.with_statements(index, outline, known, render.words)
    return render.render(head, concept=concept_view)


def _concept_feed(
    render: Renderer, concept: Concept, keys: StatementKeys, feeds: ConceptFeeds
) -> Output:
    statements = keys.index.by_concept.get(concept.slug, ())
    keyed = (
        concept.slug,
        concept.title,
        concept.summary,
        keys.listed(statements),
        None if statements else feeds.fallback,
    )
    kept = render.kept(Head(feeds.path(concept.slug), "feed", ""), keyed)
    if kept is not None:
        return kept
    return render.made(feeds.make(concept))


def _article_page(
    render: Renderer,
    index: SiteIndex,
    article: Article,
    known: views.Statements,
    keys: StatementKeys,
) -> Output:
    targets = link_targets.targets(article.links, index.anchors)
    key = keys.article(article, targets) if render.reuse is not None else ""
    description = _described(article.summary)
    head = article_head(article.slug, article.title, description)
    if (kept := render.article_kept(head, key, article.body_html)) is not None:
        return kept
    # Made with the stand-in for its body when the page is a frame around it (``filled``):
    # copied with the stand-in instead (``dataclasses.replace``), some 8 µs a page.
    slot = BODY_SLOT if render.frames else ""
    view = views.article_view(index, article, slot, excerpts=article.excerpts, known=known)
    return render.filled(head, view, article.body_html, article.links, targets)


def _speaker_page(
    render: Renderer,
    index: SiteIndex,
    slug: Slug,
    name: str,
    known: views.Statements,
    keys: StatementKeys,
) -> Output:
    records = index.by_speaker.get(slug, ())
    head = Head(urls.speaker_path(slug), "speaker.html", name)
    if render.reuse is not None:
        kept = render.kept(head, {"speaker": name, "statements": keys.listed(records)})
        if kept is not None:
            return kept
    statements = known.views(records)
    return render.render(head, speaker=name, statements=statements)


def ready(page: Page) -> Page:
    """A task that gives a page made beforehand (a static file, CNAME)."""
    return page


def _listing(render: Renderer, head: Head, made: Callable[[], dict[str, Any]]) -> Output:
    """A page listing much of the site, its views ``made`` by the worker that renders it:
    made as the tasks were listed, they took the parent alone (the A-Z of a site's concepts
    is collated a letter at a time) while the other cores waited for their first task."""
    return render.page(head, **made())


def _concept_list(index: SiteIndex, config: SiteConfig) -> dict[str, Any]:
    return {"groups": views.concept_rows(index, config.language), "total": len(index.concepts)}


def _article_list(index: SiteIndex) -> dict[str, Any]:
    return {"articles": [_row(index, a) for a in index.articles.values()]}


def _speaker_list(index: SiteIndex) -> dict[str, Any]:
    speakers = [views.speaker_link(index, s) for s in index.speakers]
    return {"speakers": views.by_name(s for s in speakers if s is not None)}


def _home(index: SiteIndex) -> dict[str, Any]:
    top = views.by_count(views.concept_link(index, s) for s in index.concepts)
    return {
        "concepts": top[:HOME_CONCEPTS],
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

    def __init__(  # the dataclass's, compiled: see ``views.Link``
        self,
        link: views.Link,
        date: Any,
        source: str | None,
        speaker: views.Link | None,
        statements: int,
    ) -> None:
        object.__setattr__(self, "link", link)
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "speaker", speaker)
        object.__setattr__(self, "statements", statements)

    def __repr__(self) -> str:  # the dataclass's text, compiled: see ``views.Link``
        return (
            f"ArticleRow(link={repr(self.link)}, date={repr(self.date)}, "  # noqa: RUF010
            f"source={repr(self.source)}, speaker={repr(self.speaker)}, "  # noqa: RUF010
            f"statements={repr(self.statements)})"  # noqa: RUF010
        )


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
    macros: PageMacros
    reuse: Reuse | None = None
    frames: bool = False
    """Article pages are made as frames around their bodies (``filled``)."""
    links: dict[str, Callable[[str], str]] = field(default_factory=dict)
    """``links_from`` each prefix."""
    chips: dict[str, dict[tuple[str, str], str]] = field(default_factory=dict)
    """The concept chips of article bodies (``chips_html``), by prefix."""
    globals: dict[str, dict[str, Any]] = field(default_factory=dict)
    """``_at_base`` of each base."""
    site_key: Verbatim = field(init=False, repr=False, compare=False)
    """``site`` as every page's key writes it (``kept``), written once: the same for every
    page, its repr was made for each by its dataclass's ``__repr__``, in Python."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "site_key", Verbatim(repr(self.site)))

    @property
    def words(self) -> labels.Labels:
        return self.site.labels

    def page(self, head: Head, **context: Any) -> Output:
        """The page of ``head.template`` with ``context``, or ``Kept`` when an earlier build
        rendered it from the same inputs."""
        kept = self.kept(head, context)
        return kept if kept is not None else self.render(head, **context)

    def kept(self, head: Head, keyed: Any) -> Kept | None:
        """The live site's page, when an earlier build rendered it from the same inputs.
        ``keyed`` is the template's context, or a stand-in cheaper to digest that tells
        apart any two contexts that differ (``keys`` makes those)."""
        if self.reuse is None:
            return None
        file = urls.output_file(head.path)
        digest = self.reuse.lookup(file, (head, self.site_key, keyed))
        return None if digest is None else Kept(file, digest)

    def render(self, head: Head, **context: Any) -> Page:
        """The page of ``head.template`` with ``context``, rendered (after ``kept`` missed)."""
        page = Page(urls.output_file(head.path), self.encoded(head, **context)).hashed()
        if self.reuse is not None:
            self.reuse.record(page, None)
        return page

    def encoded(self, head: Head, **context: Any) -> bytes:
        """The HTML of ``head.template`` with ``context`` and what every page gets, encoded
        (``site_jinja.encoded``)."""
        path, title, description = head.path, head.title, head.description
        if head.base_absolute:
            at_base = self._at_base(urls.base_path(self.site.base_url), absolute=True)
        else:
            at_base = self._at_base(urls.root_prefix(path))
        page = {
            "path": path,
            "title": title,
            "description": description or self.site.description,
            "canonical": self.site.absolute(path),
            "section": path.partition("/")[0],
        }
        return encoded(
            self.env.get_template(head.template),
            {"site": self.site, "page": page, **at_base, **context},
        )

    def _at_base(self, base: str, absolute: bool = False) -> dict[str, Any]:
        """What every page whose links start with ``base`` gets (``url`` and the globals
        made with it), made once per base (a few per process): made for each page, the
        card's function, its shared parts and the macros' partials were some 3 µs a page."""
        key = f"absolute:{base}" if absolute else base
        found = self.globals.get(key)
        if found is None:
            url = _base_absolute(base) if absolute else self.links_from(base)
            found = self.globals[key] = {
                "url": url,
                "absolute": self.site.absolute,
                "statement_card": self.cards.for_links(base, url),
                "concept_links": self.macros.concept_links(base, url),
                "timeline": self.macros.timeline(base, url),
            }
        return found

    def links_from(self, prefix: str) -> Callable[[str], str]:
        """``url`` of the pages whose way back to the site root is ``prefix``: one per
        depth and process, remembering the link of each path (the pages of a site of 5,000
        articles make about a million links, to its 5,600 pages)."""
        url = self.links.get(prefix)
        if url is None:
            url = self.links[prefix] = _relative_to(prefix)
        return url

    def made(self, page: Page) -> Page:
        """A page made by other means than a template, after ``kept`` missed."""
        return page if self.reuse is None else self.reuse.record(page, None)

    def article_kept(self, head: Head, key: str, body_html: str) -> Kept | None:
        """The live article page, when its view (``key``) and body are unchanged. The chips
        are made of the view's statements and the page's path, so the body as written
        stands for the body with its chips."""
        if not key:
            return None
        # The body by its digest: the key's repr escaped and copied every body, then hashed
        # it again, three times the time of this digest (SHA-256's, then).
        body = page_digest(body_html.encode("utf-8", "surrogatepass"))
        return self.kept(head, {"article": key, "body": body})

    def filled(
        self,
        head: Head,
        view: views.ArticleView,
        body_html: str,
        links: tuple[ContentLink, ...] = (),
        targets: tuple[str | None, ...] = (),
    ) -> Page:
        """An article page: the view with the body, its placeholders filled (the chips, and
        the ``targets`` of its ``links`` to content files). Made as a frame around the body,
        kept for the next build (``delta``), when the templates show the body in one place,
        as it is (``body_in_one_place``)."""
        prefix = urls.root_prefix(head.path)
        url, made = self.links_from(prefix), self.chips.setdefault(prefix, {})
        lang = self._chips_lang(view.lang)
        chips = {s.quote_id: chips_html(s.concepts, url, lang, made) for s in view.statements}
        chips.update(link_targets.slots(links, targets, url))
        if self.frames:
            framed = view if view.body_html == BODY_SLOT else replace(view, body_html=BODY_SLOT)
            html = self.encoded(head, article=framed)
            cut = html.find(SLOT_BYTES)
            rest = cut + len(SLOT_BYTES)
            if cut >= 0 and html.find(SLOT_BYTES, rest) < 0:  # else the content holds it too
                frame = ArticleFrame(urls.output_file(head.path), html, cut, rest, chips)
                if self.reuse is None:
                    return frame.page(body_html)
                page, draft = frame.drafted(body_html)
                self.reuse.record(page, draft)
                return page
        return self.render(head, article=replace(view, body_html=fill_chips(body_html, chips)))

    def _chips_lang(self, body_lang: str) -> str:
        """The ``lang`` of the concept chips in a body written in ``body_lang``: the site's
        language when the body's is another, else none (they inherit the page's)."""
        if body_lang and casing.lower(body_lang) != casing.lower(self.site.language):
            return self.site.language
        return ""


def _described(summary: str) -> str:
    """An article page's description: its summary, or the start of it and an ellipsis, as
    HTML, the ellipsis a reference: the site's own punctuation written in ASCII, as labels
    are (``escaping.escape_label``), so that an ASCII summary makes no page two bytes a
    character. The summary's own text is as written."""
    short = shorten(summary, DESCRIPTION_CHARS)
    if short == summary:
        return summary
    return as_markup(escape_text(short.removesuffix("…")) + "&hellip;")


def article_head(slug: str, title: str, description: str) -> Head:
    return Head(urls.article_path(slug), ARTICLE_TEMPLATE, title, description)


def _relative_to(prefix: str) -> Callable[[str], str]:
    """``url`` of a page whose way back to the site root is ``prefix``."""
    return urls.RelativeLinks(prefix, MAX_LINKS)


def _base_absolute(root: str) -> Callable[[str], str]:
    return urls.AbsoluteLinks(root)


def static_files(templates: Path) -> Iterator[Page]:
    """The files of ``templates/static/`` (``static.static_files``: a link out of the
    templates is an error of the build's inputs, and never followed)."""
    for name, file in static.static_files(templates)[0]:
        yield Page(f"{static.FOLDER}/{name}", Path(file).read_bytes())
