"""Templates reported like content: a broken template is a located diagnostic, never a
traceback, and ``check`` finds the ones that do not compile before anything is rendered."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from pathlib import Path

import jinja2
from jinja2 import nodes

from concordance.diagnostics import Diagnostic, Span, error
from concordance.render import environment, parsed
from concordance.template_source import TemplateFileError

TEMPLATE_SUFFIXES = (".html", ".xml")
"""Files of the templates folder (outside ``static/``) that are templates."""


def template_problems(templates: Path) -> list[Diagnostic]:
    """An error for each template that does not compile (syntax, an unknown filter or test)
    or names a template, filter or test that does not exist, wherever it stands (Jinja2
    finds those in a branch only when a page takes it): the build would stop at the first
    page using it, after the content checks passed, or publish pages that take no such
    branch."""
    if not templates.is_dir():
        return []
    env = environment(templates)
    problems = []
    for file in sorted(templates.rglob("*")):
        name = file.relative_to(templates).as_posix()
        if file.suffix not in TEMPLATE_SUFFIXES or name.startswith("static/"):
            continue
        try:
            env.get_template(name)
            tree = parsed(env, name)
        except jinja2.TemplateError as exc:
            problems.append(template_error(exc, templates))
            continue
        path = _shown(templates / name)
        for line, message, hint in _unknown(env, tree):
            problems.append(error(Span(path, line, 1), "template-error", message, hint))
    return problems


def _unknown(env: jinja2.Environment, tree: nodes.Template) -> Iterator[tuple[int, str, str]]:
    """(line, message, hint) of each filter, test and template that ``tree`` names as it
    stands and ``env`` does not have."""
    for used in tree.find_all((nodes.Filter, nodes.Test)):
        kind, known = (
            ("filter", env.filters) if isinstance(used, nodes.Filter) else ("test", env.tests)
        )
        if used.name not in known:
            otherwise = f"check its name: Jinja2's {kind}s and concordance/render.py's are known"
            hint = _closest(used.name, known, otherwise)
            yield used.lineno, f"No {kind} named '{used.name}'.", hint
    names = env.list_templates()
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        target = getattr(node, "template", None)
        name = target.value if isinstance(target, nodes.Const) else None
        optional = isinstance(node, nodes.Include) and node.ignore_missing
        if isinstance(name, str) and not optional and name not in names:
            hint = _closest(name, names, "name a template of the templates folder")
            yield node.lineno, f"template '{name}' not found", hint


def _closest(name: str, known: Iterable[str], otherwise: str) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"did you mean '{close[0]}'?" if close else otherwise


def template_error(exc: jinja2.TemplateError, templates: Path) -> Diagnostic:
    """A broken template is reported like content: located, no traceback. A syntax error
    knows its template and line; an error while rendering (an undefined name) is placed at
    the innermost template line it passed through."""
    name = getattr(exc, "name", None) or getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    if isinstance(exc, jinja2.TemplateNotFound):
        name = None  # its name is the missing template's: place it where it is asked for
    if name is None:
        name, line = _template_frame(exc, templates) or (None, None)
    path = _shown(templates / name if name else templates)
    if isinstance(exc, TemplateFileError):  # reported as a content file's would be
        return error(Span(path, exc.lineno, exc.column), exc.code, exc.message or "", exc.hint)
    message = exc.message or str(exc)
    return error(Span(path, line or 1, 1), "template-error", message, _error_hint(exc))


def template_failure(exc: Exception, templates: Path) -> Diagnostic | None:
    """A template that failed while rendering with an error of Python's own (``{{ 1 / 0 }}``,
    ``{{ title + 1 }}``, a macro calling itself for ever), located like Jinja2's own errors at
    the innermost template line it passed through: the build ended with a traceback, and
    ``serve`` showed the error without a place. None for an error that passed through no
    template, which is the build's own."""
    if isinstance(exc, jinja2.TemplateError):
        return template_error(exc, templates)
    if (frame := _template_frame(exc, templates)) is None:
        return None
    name, line = frame
    message = f"{type(exc).__name__} while rendering: {exc}"
    hint = "fix the expression on this line: it fails for a page this template makes"
    return error(Span(_shown(templates / name), line, 1), "template-error", message, hint)


def _error_hint(exc: jinja2.TemplateError) -> str:
    if isinstance(exc, jinja2.TemplateNotFound):
        return "name a template of the templates folder, or add it there"
    if isinstance(exc, jinja2.UndefinedError):
        return (
            "the page gives the template no such name: check its spelling, or guard it"
            " with {% if name is defined %}"
        )
    if isinstance(exc, jinja2.TemplateAssertionError):  # an unknown filter or test
        return "check its name: Jinja2's filters and tests and concordance/render.py's are known"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return (
            "fix the Jinja2 syntax on this line: each {{ ... }} and {% ... %} closed, each"
            " {% if %}, {% for %} and {% block %} ended by its {% end... %}"
        )
    return "fix the template at this line"


def _shown(path: Path) -> str:
    """``path`` as diagnostics show files: relative to the working folder when inside it,
    like content paths (the shipped templates' folder is known by its absolute path)."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def _template_frame(exc: BaseException, templates: Path) -> tuple[str, int] | None:
    """(template name, line) of the last frame of ``exc``'s traceback in a template file:
    Jinja2 rewrites the frames of compiled templates to their templates' lines."""
    root = templates.absolute()
    found = None
    frame = exc.__traceback__
    while frame is not None:
        file = Path(frame.tb_frame.f_code.co_filename).absolute()  # as the loader found it
        if file.is_relative_to(root) and file.is_file():
            found = (file.relative_to(root).as_posix(), frame.tb_lineno)
        frame = frame.tb_next
    return found
