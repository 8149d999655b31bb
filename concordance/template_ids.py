"""The ids an article page's templates write themselves, which no quote may take as anchor.

A quote's anchor is an ``id`` on its article page, and a link to it (``#main``) leads to
the first element of that id. Were it also an id the templates write (``main``,
``supports`` and ``statement-list`` in the shipped ones), the page would hold it twice,
and every permalink to the quote (concept pages, feeds, the data export) would land on
the template's element. Which ids those are depends on the templates in use
(``--templates``), so they are read from them rather than listed here: every ``id``
written as it stands in the article template, in the templates it extends, includes or
imports, and in the macros of ``_macros.html`` that those call as page globals. They are
looked for before anything is rendered, so ``check`` reports a taken id with every other
problem of the content. An id a template computes (``id="{{ ... }}"``) is known only
when a page is rendered, and is not looked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import jinja2
from jinja2 import nodes

from concordance.diagnostics import Diagnostic, error
from concordance.lazy_patterns import lazy_compile
from concordance.macros import DIGESTS, MACROS
from concordance.model import ArticleReferences
from concordance.render import ARTICLE_TEMPLATE, environment, page_templates, parsed

_ID = lazy_compile(r"""(?<![\w:.-])(?i:id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
"""An ``id`` attribute in a template's literal text: quoted either way, or not at all
(``data-id`` and ``xml:id`` are other attributes)."""
_PAGE_MACROS = frozenset(DIGESTS)
"""The macros pages call as globals (``render.Renderer.html``), defined in ``MACROS``."""


class TemplateId(NamedTuple):
    """Where a template writes an id."""

    template: str
    """The template's name in the templates folder (``base.html``)."""
    line: int


def article_page_ids(templates: Path) -> dict[str, TemplateId]:
    """Every id the article page's templates write as it stands, and where (the first place
    when several do). Empty when the templates cannot be read: rendering reports that."""
    env = environment(templates)
    try:
        found = page_templates(env, ARTICLE_TEMPLATE)
        chain = found if found is not None else _every_page_template(env)
        texts = [*_texts(chain), *_macro_texts(env, _called(tree for _, tree in chain))]
    except jinja2.TemplateError:
        return {}
    ids: dict[str, TemplateId] = {}
    for name, data in texts:
        for match in _ID.finditer(data.data):
            value = next(group for group in match.groups() if group is not None)
            line = data.lineno + data.data.count("\n", 0, match.start())
            ids.setdefault(value, TemplateId(name, line))
    return ids


def taken_anchors(articles: Iterable[ArticleReferences], templates: Path) -> list[Diagnostic]:
    """An error at the ``id`` of each quote that sets one the article page's templates
    write. Default ids (``q-`` and a hash of the text) are no names a template gives, so
    without an id of a quote's own the templates are not read (parsing them takes some
    10 ms of every check)."""
    chosen = [(q, q.id_span) for a in articles for q in a.quotes if q.id_span is not None]
    ids = article_page_ids(templates) if chosen else {}
    diagnostics = []
    for quote, span in chosen:
        where = ids.get(quote.id)
        if where is not None:
            msg = (
                f"quote id '{quote.id}' is also an id of the article page, written by "
                f"template {where.template} (line {where.line}): links to the quote "
                "would lead there"
            )
            diagnostics.append(error(span, "quote-id-reserved", msg, "choose another id"))
    return diagnostics


def _every_page_template(env: jinja2.Environment) -> list[tuple[str, nodes.Template]]:
    """Every HTML template, for an article template that names one at run time."""
    names = env.list_templates(filter_func=lambda name: name.endswith(".html"))
    return [(name, parsed(env, name)) for name in names]


def _texts(chain: list[tuple[str, nodes.Template]]) -> Iterator[tuple[str, nodes.TemplateData]]:
    for name, tree in chain:
        for data in tree.find_all(nodes.TemplateData):
            yield name, data


def _called(trees: Iterable[nodes.Node]) -> set[str]:
    """The names of the functions and macros called in ``trees``."""
    return {
        call.node.name
        for tree in trees
        for call in tree.find_all(nodes.Call)
        if isinstance(call.node, nodes.Name)
    }


def _macro_texts(
    env: jinja2.Environment, called: set[str]
) -> Iterator[tuple[str, nodes.TemplateData]]:
    """The literal text of the page-global macros in ``called``, and of the macros of the
    same file that they call in turn."""
    wanted = called & _PAGE_MACROS
    if not wanted:
        return
    try:
        tree = parsed(env, MACROS)
    except jinja2.TemplateNotFound:
        return  # then no page can call them: rendering says so
    defined = {m.name: m for m in tree.find_all(nodes.Macro)}
    todo, done = wanted & defined.keys(), set[str]()
    while todo:
        name = todo.pop()
        done.add(name)
        macro = defined[name]
        for data in macro.find_all(nodes.TemplateData):
            yield MACROS, data
        todo |= (_called([macro]) & defined.keys()) - done
