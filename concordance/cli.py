"""The command line: parses arguments, runs the pipeline, prints, maps the result to
an exit code (0 ok, 1 content errors, 2 usage). The only module that prints."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from concordance.config import DEFAULT_TEMPLATES, BuildOptions
from concordance.diagnostics import Report
from concordance.pipeline import UsageError, run
from concordance.write import OutputError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
COMMANDS = ("build", "check")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="build.py", description="Build a concordance site from annotated Markdown articles."
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="check the content and build the site")
    _common(build)
    build.add_argument("--out", type=Path, default=Path("site"), help="output directory")
    build.add_argument("--base-url", help="absolute URL the site is served at")
    build.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per core)")
    build.add_argument("--quiet", action="store_true", help="print errors only")
    build.add_argument("--clean", action="store_true", help="ignore the build cache")
    build.add_argument("--no-search", action="store_true", help="skip the search index")
    build.add_argument("--templates", type=Path, default=DEFAULT_TEMPLATES,
                       help="templates directory (default: the project's templates/)")
    check = commands.add_parser("check", help="check the content without building")
    _common(check)
    check.add_argument("--format", choices=("text", "json"), default="text")
    return top


def _common(command: argparse.ArgumentParser) -> None:
    command.add_argument("--content", type=Path, default=Path("content"),
                         help="content directory (default: content)")
    command.add_argument("--strict", action="store_true", help="treat warnings as errors")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help")):
        args_list.insert(0, "build")
    args = parser().parse_args(args_list)
    try:
        if args.command == "check":
            return _check(args)
        return _build(args)
    except (UsageError, OutputError) as exc:
        print(f"build.py: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _check(args: argparse.Namespace) -> int:
    options = BuildOptions(content=args.content, strict=args.strict, write=False)
    report = run(options)
    if args.format == "json":
        from concordance.diagnostics import report_json

        print(report_json(report))
    else:
        _print_diagnostics(report)
        print(_summary(report, "checked"), file=sys.stderr)
    return EXIT_CONTENT if report.errors else EXIT_OK


def _build(args: argparse.Namespace) -> int:
    if not args.templates.is_dir():
        raise UsageError(f"templates directory not found: {args.templates}")
    options = BuildOptions(
        content=args.content, out=args.out, base_url=args.base_url, strict=args.strict,
        jobs=args.jobs, quiet=args.quiet, clean=args.clean, search=not args.no_search,
        templates=args.templates,
    )
    report = run(options)
    _print_diagnostics(report, errors_only=args.quiet)
    if report.errors:
        print(_summary(report, f"not built; {options.out} left unchanged"), file=sys.stderr)
        return EXIT_CONTENT
    if not args.quiet:
        print(_summary(report, f"built {report.pages_written} files into {options.out}"),
              file=sys.stderr)
    return EXIT_OK


def _print_diagnostics(report: Report, errors_only: bool = False) -> None:
    for d in report.diagnostics:
        if errors_only and d.severity.value != "error":
            continue
        print(d.format(), file=sys.stderr)


def _summary(report: Report, what: str) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    counts = f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')}"
    return f"{what} in {report.seconds:.2f}s: {counts}"
