"""Template files as Jinja2 reads them, where one that is not UTF-8 is a located error of
the template (at the byte an editor shows), not a traceback of the decoder."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from concordance.load import not_utf8


class TemplateEncodingError(jinja2.TemplateSyntaxError):
    """A template that is not UTF-8: a syntax error for Jinja2 (so every path that reports
    one reports it), with the column and hint of a content file's ``encoding`` error."""

    def __init__(
        self,
        message: str,
        lineno: int,
        name: str | None = None,
        filename: str | None = None,
        column: int = 1,
        hint: str = "",
    ) -> None:
        super().__init__(message, lineno, name, filename)
        self.column = column
        self.hint = hint

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Raised in a render worker, it comes back pickled: every argument kept.
        args = (self.message, self.lineno, self.name, self.filename, self.column, self.hint)
        return self.__class__, args


class TemplateLoader(jinja2.FileSystemLoader):
    """Jinja2's loader of a folder's templates, but for a template that is not UTF-8."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError:
            raise self._not_utf8(template) from None

    def _not_utf8(self, template: str) -> TemplateEncodingError:
        pieces = split_template_path(template)
        paths = (posixpath.join(folder, *pieces) for folder in self.searchpath)
        filename = os.path.normpath(next(path for path in paths if os.path.isfile(path)))
        data = Path(filename).read_bytes()
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:  # the bytes after a BOM, as content's are counted
            line, column, message, hint = not_utf8(exc.object, exc.start)
            return TemplateEncodingError(message, line, template, filename, column, hint)
        # Saved again as UTF-8 since it was read: the next build reads it.
        return TemplateEncodingError("not valid UTF-8", 1, template, filename)
