"""Template files as Jinja2 reads them, where one that cannot be read (not UTF-8, UTF-16 or
UTF-32 without a byte-order mark, holding a NUL or another character no page may hold,
without permission, a folder) is a located error of the template, as a content file's
would be, not a traceback, a usage error naming no line or a page published with it."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from concordance.load import character_problems, decode_text


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
            found = super().get_source(environment, template)
        except jinja2.TemplateNotFound:
            there = self._not_a_file(template)
            if there is None:
                raise
            raise there from None
        except UnicodeDecodeError:
            raise self._not_text(template, self._file(template)) from None
        except OSError as exc:  # no permission to read it
            message = f"cannot read the template: {exc.strerror}"
            hint = "let the build read it (chmod a+r)"
            file = self._file(template)
            raise TemplateFileError(
                message, 1, template, file, 1, hint, "file-unreadable"
            ) from None
        source, filename, _ = found
        # UTF-16 or UTF-32 of ASCII is valid UTF-8, a NUL beside each letter: it, and a
        # control character, reached every page as it was.
        if character_problems(filename, source, 0):
            raise self._not_text(template, filename)
        return found

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

    def _not_text(self, template: str, filename: str) -> TemplateFileError:
        """The template's first problem as a content file's is found: its encoding named,
        its first byte that is not UTF-8 or character no page may hold located."""
        data = Path(filename).read_bytes()
        text, problems = decode_text(filename, data)
        if text is not None:
            problems = character_problems(filename, text, 0)
        if not problems:  # saved again since Jinja2 read it
            message, hint = "the template changed while the build read it", "build again"
            return TemplateFileError(message, 1, template, filename, 1, hint)
        first = problems[0]
        line, column = first.span.line, first.span.col
        return TemplateFileError(
            first.message, line, template, filename, column, first.hint, first.code
        )
