"""Template files as Jinja2 reads them, where one that cannot be read (not UTF-8, without
permission, a folder) is a located error of the template, as a content file's would be,
not a traceback or a usage error naming no line."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from concordance.load import not_utf8


class TemplateFileError(jinja2.TemplateSyntaxError):
    """A template file that cannot be read: a syntax error for Jinja2 (so every path that
    reports one reports it), with the column, code and hint of a content file's error."""

    def __init__(
        self,
        message: str,
        lineno: int,
        name: str | None = None,
        filename: str | None = None,
        column: int = 1,
        hint: str = "",
        code: str = "encoding",
    ) -> None:
        super().__init__(message, lineno, name, filename)
        self.column = column
        self.hint = hint
        self.code = code

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Raised in a render worker, it comes back pickled: every argument kept.
        args = (
            *(self.message, self.lineno, self.name, self.filename),
            *(self.column, self.hint, self.code),
        )
        return self.__class__, args


class TemplateLoader(jinja2.FileSystemLoader):
    """Jinja2's loader of a folder's templates, but for a template it cannot read."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            return super().get_source(environment, template)
        except jinja2.TemplateNotFound:
            there = self._not_a_file(template)
            if there is None:
                raise
            raise there from None
        except UnicodeDecodeError:
            raise self._not_utf8(template) from None
        except OSError as exc:  # no permission to read it
            message = f"cannot read the template: {exc.strerror}"
            hint = "let the build read it (chmod a+r)"
            file = self._file(template)
            raise TemplateFileError(
                message, 1, template, file, 1, hint, "file-unreadable"
            ) from None

    def _file(self, template: str) -> str:
        """The file of ``template`` (Jinja2's loader found it in the first folder that has
        it)."""
        pieces = split_template_path(template)
        paths = [posixpath.join(folder, *pieces) for folder in self.searchpath]
        return os.path.normpath(next((p for p in paths if os.path.isfile(p)), paths[0]))

    def _not_a_file(self, template: str) -> TemplateFileError | None:
        """For a template that is there but no file (a folder named ``404.html``): why it
        was not found, where it is."""
        file = self._file(template)
        if not os.path.lexists(file):
            return None
        kind = "a folder" if os.path.isdir(file) else "a broken link or no file"
        message = f"the template is not a file but {kind}"
        hint = "replace it with the template's file"
        return TemplateFileError(message, 1, template, file, 1, hint, "file-unreadable")

    def _not_utf8(self, template: str) -> TemplateFileError:
        filename = self._file(template)
        data = Path(filename).read_bytes()
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:  # the bytes after a BOM, as content's are counted
            line, column, message, hint = not_utf8(exc.object, exc.start)
            return TemplateFileError(message, line, template, filename, column, hint)
        # Saved again as UTF-8 since it was read: the next build reads it.
        return TemplateFileError("not valid UTF-8", 1, template, filename)
