"""The command line: parses arguments, runs the pipeline, prints, maps the result to
an exit code (0 ok, 1 content errors, 2 usage). The only module that prints."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import re
import shlex
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from concordance.config import DEFAULT_TEMPLATES, BuildOptions, UsageError
from concordance.diagnostics import Diagnostic, Report, one_line, os_problem
from concordance.inputs import require_content
from concordance.lazy_patterns import lazy_compile
from concordance.output_guard import check_output
from concordance.progress import progress
from concordance.runner import run
from concordance.urls import base_url_hint, base_url_problem
from concordance.write import OutputError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
COMMANDS = ("build", "check", "serve", "new", "suggest")


def program() -> str:
    """The name messages give the program: ``concordance`` when run as the installed console
    script (pre-commit hooks run it so), else ``build.py`` (``python build.py``, or a test)."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return "concordance" if name.removesuffix(".exe") == "concordance" else "build.py"


class _Parser(argparse.ArgumentParser):
    """argparse's parser, which reads an argument that begins with ``-`` as an option only
    when a letter follows its dashes (``-h``, ``--date``): ``new "---"`` and ``new "-->"``
    were refused as options no command has ('the following arguments are required:
    title'), where ``new "--- draft"`` and ``new "-5"`` were titles."""

    missing_hint = ""
    """Added to the error for a missing argument: how to give one that begins with ``-``."""

    commands: Mapping[str, _Parser] = {}
    """The parser of each command, by name (the top parser's): ``parse_args`` lets it tell
    of an argument it does not take."""

    def _parse_optional(self, arg_string: str) -> Any:
        if arg_string.startswith("-") and not _OPTION.match(arg_string):
            return None  # a value, as argparse reads ``-`` alone or ``-5``
        return super()._parse_optional(arg_string)

    def error(self, message: str) -> NoReturn:
        # 'required' is in the message argparse gives for a missing argument
        hinted = "required" in message and self.missing_hint
        super().error(f"{message} ({self.missing_hint})" if hinted else message)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        """argparse's, but for arguments no command takes: the command's own parser tells of
        them, with its usage and the option meant. The top parser told of them, with its
        usage only, so ``build --base_url URL`` (site.yaml's spelling) and ``check mysite``
        (a folder where ``--content mysite`` was meant) said nothing of what to write."""
        parsed, extra = self.parse_known_args(args, namespace)
        if extra:
            command = self.commands.get(getattr(parsed, "command", None) or "", self)
            said = "; ".join(command.option_hints(extra, getattr(parsed, "title", None)))
            said = f" ({said})" if said else ""
            command.error(f"unrecognized arguments: {' '.join(extra)}{said}")
        return parsed

    def option_hints(self, extra: Sequence[str], title: str | None) -> list[str]:
        """What the arguments of ``extra`` were likely meant as, where there is a guess; not
        the value of an unknown option (``-c content``), whose option's hint says it. Words
        after ``new``'s title are more of it, typed without quotes."""
        values = {i + 1 for i, a in enumerate(extra) if a.startswith("-") and "=" not in a}
        args = [a for i, a in enumerate(extra) if i not in values]
        words = [a for a in args if not a.startswith("-")]
        hints = [self.option_hint(a) for a in args if title is None or a not in words]
        if title is not None and words:
            whole = shlex.quote(" ".join([title, *words]))
            after = "-- " if _OPTION.match(title) else ""  # as it was given: see _Parser
            hints.insert(0, f"a title of several words goes in quotes: {self.prog} {after}{whole}")
        return [h for h in hints if h]

    def option_hint(self, arg: str) -> str:
        """What an argument this command does not take was likely meant as: a misspelt option
        (``--base_url``, ``-q``), or a content folder given without ``--content``."""
        options = [o for o in self._option_string_actions if o.startswith("--")]
        if not arg.startswith("-"):
            meant = "--content" in options and Path(arg).is_dir()
            return f"did you mean --content {arg}?" if meant else ""
        name = arg.split("=", 1)[0]
        typed = "--" + name.lstrip("-").replace("_", "-").lower()
        import difflib  # only for a mistyped option: every run imports this module

        close = difflib.get_close_matches(typed, options, n=1, cutoff=0.7)
        if not close and len(typed) == 3:  # a letter: -q for --quiet
            close = [o for o in options if o.startswith(typed)]
        return f"did you mean {' or '.join(close)}?" if close else ""


_OPTION = re.compile(r"--?[^\W\d_]")
"""How an option begins: one or two dashes, then a letter."""


def parser() -> _Parser:
    top = _Parser(
        prog=program(), description="Build a concordance site from annotated Markdown articles."
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser(
        "build", help="check the content and build the site (the default: no COMMAND)"
    )
    _common(build)
    build.add_argument("--out", type=Path, default=Path("site"), help="output directory")
    build.add_argument("--base-url", type=_base_url, help="absolute URL the site is served at")
    build.add_argument("--jobs", type=_jobs, default=0, help="worker processes (0: one per core)")
    build.add_argument("--quiet", action="store_true", help="print errors only")
    build.add_argument("--clean", action="store_true", help="ignore the build cache")
    build.add_argument("--no-search", action="store_true", help="skip the search index")
    _templates(build)
    check = commands.add_parser("check", help="check the content without building")
    _common(check)
    check.add_argument("--format", choices=("text", "json"), default="text")
    _templates(check)  # quote ids must not be ids the article page's templates write
    _editor_commands(commands)
    top.commands = commands.choices
    return top


def _editor_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    serve = commands.add_parser("serve", help="build, serve locally, rebuild and reload on change")
    _content_option(serve)
    serve.add_argument(
        "--host", type=_host, default="127.0.0.1", help="address to listen on (IPv4 or IPv6)"
    )
    serve.add_argument("--port", type=_port, default=8000, help="port (0: any free port)")
    serve.add_argument(
        "--base-url", type=_base_url, help="serve under this URL's path (default: site.yaml's)"
    )
    _templates(serve)
    serve.add_argument(
        "--search",
        action="store_true",
        help="also build the search index on every rebuild (slower)",
    )
    new = commands.add_parser("new", help="scaffold an article")
    new.add_argument("title", help="the article's title")
    new.missing_hint = (
        f"a title that begins with '-' then a letter goes after '--': {program()} new -- '-title'"
    )
    new.add_argument(
        "--date", type=_iso_date, default=None, help="publication date, YYYY-MM-DD (default: today)"
    )
    _content_option(new)
    suggest = commands.add_parser(
        "suggest", help="sentences that mention a concept but no quote covers, as YAML"
    )
    suggest.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="article files (default: every article)"
    )
    _content_option(suggest)


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}") from None


def _port(value: str) -> int:
    # Decimal digits only: refuses -5, +5 and 0x50, and a superscript ² (a digit int() cannot
    # read, which argparse told as an 'invalid _port value').
    port = int(value) if value.isdecimal() else -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number from 0 to 65535: {value!r}")
    return port


def _jobs(value: str) -> int:
    if not value.isdecimal():  # -3 was taken for 0 (one per core) without a word; ² (see _port)
        raise argparse.ArgumentTypeError(f"not a number of worker processes, 0 or more: {value!r}")
    return int(value)


def _content_option(command: argparse.ArgumentParser) -> None:
    help_text = "content directory (default: content)"
    command.add_argument("--content", type=_folder, default=Path("content"), help=help_text)


def _folder(value: str) -> Path:
    """A folder as named, its ``.`` and ``..`` parts taken out (``content/../content`` is
    ``content``): files found under it are named, and their links resolved, from it."""
    return Path(os.path.normpath(value))


def _base_url(value: str) -> str:
    """The rule of site.yaml's ``base_url``: the URL goes into every page and feed (as
    ``config.with_base_url`` writes it)."""
    if (problem := base_url_problem(value)) is not None:
        raise argparse.ArgumentTypeError(
            f"not an absolute http(s) URL: {value!r} ({problem}; {base_url_hint(value)})"
        )
    return value


def _templates(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--templates",
        type=Path,
        default=DEFAULT_TEMPLATES,
        help="templates directory (default: the shipped templates)",
    )


def _common(command: argparse.ArgumentParser) -> None:
    _content_option(command)
    command.add_argument("--strict", action="store_true", help="treat warnings as errors")


def entry() -> NoReturn:
    """``main`` as a program: runs it, then ends the process at once.

    Everything a run writes is closed by the time ``main`` returns. Tearing down what the
    run loaded (the last build's state, a few hundred thousand objects for a large site)
    took 60 to 90 ms, as long as rendering the page after an edit: only the standard
    streams are left to flush.
    """
    # As stderr already does: a character stdout's encoding cannot hold (a file's name that
    # is not UTF-8, Chinese in a workflow command under a Windows pipe's cp1252) is written
    # as an escape, where it ended the run with a traceback.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")
    held: list[Report] = []  # never freed: see ``Report.loaded``
    code = main(held=held)
    # None for a stream the program was started without (``>&-``, a daemon's): flushing it
    # raised, and a build that succeeded ended with a traceback and exit code 1.
    for stream in (s for s in (sys.stdout, sys.stderr) if s is not None):
        with contextlib.suppress(OSError):  # a reader that went away (see ``main``)
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None, held: list[Report] | None = None) -> int:
    """Runs the command ``argv`` asks for; its exit code. ``held`` gets the report of a
    build or check, for a caller that ends the process without freeing what it loaded."""
    held = [] if held is None else held
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help")):
        args_list.insert(0, "build")
    try:
        args = parser().parse_args(args_list)
        if args.command == "check":
            return _check(args, held)
        if args.command in ("serve", "new", "suggest"):
            return _editor(args)
        return _build(args, held)
    except (UsageError, OutputError) as exc:
        # A message may name a file of the content (a path a shell's * gave ``suggest``), or
        # of a folder linked into it: written as a diagnostic's is, a line break in the name
        # begins no line of its own, nor does a right-to-left override turn the line around.
        print(f"{program()}: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``check --format json | head``): stop quietly, and keep
        # Python from failing again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CONTENT
    except OSError as exc:
        # The machine, not the content: an output or cache path that cannot be written.
        print(f"{program()}: {os_problem(exc)}", file=sys.stderr)
        return EXIT_USAGE


def _check(args: argparse.Namespace, held: list[Report]) -> int:
    if not args.templates.is_dir():
        raise UsageError(f"templates directory not found: {args.templates}")
    options = BuildOptions(
        content=args.content, strict=args.strict, write=False, templates=args.templates
    )
    with progress(sys.stderr, "checking"):
        report = run(options)
    held.append(report)
    if args.format == "json":
        from concordance.diagnostics import report_json

        print(report_json(report))
        # stdout holds the JSON document: the workflow commands go to stderr, which the
        # Actions runner reads for commands too.
        _print_github(report, sys.stderr)
    else:
        _print_diagnostics(report)
        _print_github(report, sys.stdout)
        print(_summary(report, "checked"), file=sys.stderr)
    return EXIT_CONTENT if report.errors else EXIT_OK


def _editor(args: argparse.Namespace) -> int:
    """serve, new and suggest live in their own modules; they return an exit code."""
    if args.command == "serve":
        from concordance.serve import ServeOptions, serve

        if not args.templates.is_dir():
            raise UsageError(f"templates directory not found: {args.templates}")
        return serve(
            ServeOptions(
                content=args.content,
                host=args.host,
                port=args.port,
                base_url=args.base_url,
                templates=args.templates,
                search=args.search,
            ),
            sys.stderr,
        )
    if args.command == "new":
        from concordance.scaffold import ScaffoldError, scaffold

        try:
            command = "python build.py" if program() == "build.py" else program()
            path = scaffold(args.content, args.title, args.date or dt.date.today(), command)
        except (UsageError, ScaffoldError) as exc:
            print(f"{program()} new: {one_line(str(exc))}", file=sys.stderr)  # see ``main``
            return EXIT_USAGE if isinstance(exc, UsageError) else EXIT_CONTENT
        print(path.as_posix())
        print(
            f"created {path.as_posix()}: write the body, then add quotes from it", file=sys.stderr
        )
        return EXIT_OK
    from concordance.suggest import format_suggestions, suggest

    found = suggest(args.content, args.paths)
    sys.stdout.write(format_suggestions(found.articles))
    for d in found.unread_concepts + found.skipped:
        print(d.format(), file=sys.stderr)
    count = sum(len(s.sentences) for s in found.articles)
    summary = f"{plural(count, 'unquoted mention')} in {plural(len(found.articles), 'article')}"
    unread = len({d.span.path for d in found.unread_concepts})
    if unread:
        summary += f"; {plural(unread, 'concept')} unread, whose names were not looked for"
    skipped = len({d.span.path for d in found.skipped})
    if skipped:
        summary += f"; {plural(skipped, 'article')} skipped"
    if unread or skipped:
        summary += ": fix the errors above first"
    print(summary, file=sys.stderr)
    return EXIT_CONTENT if skipped or unread else EXIT_OK


def _build(args: argparse.Namespace, held: list[Report]) -> int:
    if not args.templates.is_dir():
        raise UsageError(f"templates directory not found: {args.templates}")
    require_content(args.content)  # first: an --out next to no content is not the problem
    check_output(args.out, {"content": args.content, "templates": args.templates})
    options = BuildOptions(
        content=args.content,
        out=args.out,
        base_url=args.base_url,
        strict=args.strict,
        jobs=args.jobs,
        quiet=args.quiet,
        clean=args.clean,
        search=not args.no_search,
        templates=args.templates,
    )
    with progress(sys.stderr, f"building {options.out}"):
        report = run(options)
    held.append(report)
    _print_diagnostics(report, errors_only=args.quiet)
    _print_github(report, sys.stdout)
    if report.errors:
        print(_summary(report, f"not built; {options.out} left unchanged"), file=sys.stderr)
        return EXIT_CONTENT
    if not args.quiet:
        print(
            _summary(report, f"built {report.pages_written} files into {options.out}"),
            file=sys.stderr,
        )
    if report.cache_unsaved:  # printed under --quiet too: the next build takes longer
        print(cache_warning(report), file=sys.stderr)
    return EXIT_OK


def cache_warning(report: Report) -> str:
    """The warning of a build whose site is whole but whose cache could not be saved: exit
    0, as the site is the content's (``serve`` prints it too)."""
    return (
        f"{program()}: warning: the site was built, but the build cache could not be saved "
        f"({report.cache_unsaved}); the next build is a full one"
    )


def _print_diagnostics(report: Report, errors_only: bool = False) -> None:
    for d in report.diagnostics:
        if errors_only and d.severity.value != "error":
            continue
        print(d.format(), file=sys.stderr)


def _print_github(report: Report, stream: TextIO, environ: Mapping[str, str] | None = None) -> None:
    """Under GitHub Actions, each diagnostic also as a workflow command, so it shows on the
    pull request's line."""
    env = os.environ if environ is None else environ
    if env.get("GITHUB_ACTIONS") != "true":
        return
    for d in report.diagnostics:
        print(github_command(d), file=stream)


def github_command(d: Diagnostic) -> str:
    """``::error file=…,line=…,col=…,title=code::message`` with GitHub's escaping."""
    props = ",".join(
        f"{key}={_escape_property(str(value))}"
        for key, value in (
            ("file", d.span.path),
            ("line", d.span.line),
            ("col", d.span.col),
            ("title", d.code),
        )
    )
    message = f"{d.message}\nhint: {d.hint}" if d.hint else d.message
    return f"::{d.severity.value} {props}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    # Line breaks are the command's own to encode; every other control character is shown
    # as the text format shows it (``one_line``): a bidirectional override in a file's name
    # reversed the annotation's text on the pull request.
    shown = "".join(
        piece if piece in ("\r", "\n") else one_line(piece) for piece in _BREAKS.split(text)
    )
    return shown.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


_BREAKS = lazy_compile(r"([\r\n])")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _summary(report: Report, what: str) -> str:
    return f"{what} in {report.seconds:.2f}s: {counts(report)}"


def counts(report: Report) -> str:
    """``1 error, 2 warnings``: the counts every summary line ends with (``serve``'s too)."""
    return f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _host(value: str) -> str:
    """The address to listen on; an IPv6 address as URLs write it (``[::1]``, as ``serve``
    prints its own) is the address."""
    host = value[1:-1] if value.startswith("[") and value.endswith("]") else value
    if not host.strip():  # the socket would listen on every interface: exposed
        raise argparse.ArgumentTypeError(f"no address to listen on: {value!r}")
    return host
