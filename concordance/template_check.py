"""Templates reported like content: a broken template is a located diagnostic, never a
traceback, and ``check`` finds the ones that do not compile before anything is rendered."""

from __future__ import annotations

from pathlib import Path

import jinja2

from concordance.diagnostics import Diagnostic, Span, error
from concordance.render import environment

TEMPLATE_SUFFIXES = (".html", ".xml")
"""Files of the templates folder (outside ``static/``) that are templates."""


def template_problems(templates: Path) -> list[Diagnostic]:
    """An error for each template that does not compile (syntax, an unknown filter or test):
    the build would stop at the first page using it, after the content checks passed."""
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
        except jinja2.TemplateError as exc:
            problems.append(template_error(exc, templates))
    return problems


def template_error(exc: jinja2.TemplateError, templates: Path) -> Diagnostic:
    """A broken template is reported like content: located, no traceback. A syntax error
    knows its template and line; an error while rendering (an undefined name) is placed at
    the innermost template line it passed through."""
    name = getattr(exc, "name", None) or getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    if name is None:
        name, line = _template_frame(exc, templates) or (None, None)
    path = _shown(templates / name if name else templates)
    return error(Span(path, line or 1, 1), "template-error", exc.message or str(exc))


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
