"""Compiles the package's hottest modules to C with mypyc when it and a C compiler are at
hand; without them, or with ``CONCORDANCE_PURE=1``, the package installs as plain Python.

Everything else about the package is in ``pyproject.toml``. The compiled modules behave as
their source does (the test suite runs against whichever is installed). Beside them the build
writes ``SOURCES``, the SHA-256 of the source each was compiled from, once every one of them
is made; ``concordance/__init__.py`` imports every compiled module from its source when any
differs (``concordance/compiled.py``).
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

COMPILED = (
    "block_lines",
    "block_scan",
    "body_text",
    "cache",
    "card_markup",
    "chip_markup",
    "chips",
    "content_links",
    "directions",
    "emit/data",
    "emit/dates",
    "emit/feeds",
    "emit/sitemap",
    "emit/xmlout",
    "emphasis",
    "escaping",
    "excerpts",
    "fields",
    "headings",
    "index",
    "inline_html",
    "inline_links",
    "inline_push",
    "inline_scan",
    "json_text",
    "keys",
    "labels",
    "link_destinations",
    "linked_data",
    "load",
    "markdown",
    "markers",
    "pages",
    "paragraphs",
    "render",
    "resolve",
    "sentences",
    "shortcodes",
    "spaced_emphasis",
    "template_runtime",
    "text_runs",
    "textnorm",
    "timeline_markup",
    "token_html",
    "tokens",
    "urls",
    "validate",
    "views",
    "wire",
    "words",
    "write",
    "yaml_fast",
    "yaml_tags",
)
"""Modules of ``concordance`` (``emit/feeds`` for one in a subpackage) compiled as one group:
their calls to each other are C calls."""

GROUP = "concordance.native"
"""mypyc's name for the group; its shared library is ``concordance/native__mypyc``."""

SOURCES = "compiled-sources.sha256"
"""The file, beside the compiled modules, of their sources' digests (``sha256sum``'s lines)."""


def extensions() -> list[Extension]:
    """mypyc's extensions for ``COMPILED``, or none where they cannot be made here."""
    if os.environ.get("CONCORDANCE_PURE") == "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("setup.py: mypyc is not installed; concordance stays plain Python", file=sys.stderr)
        return []
    modules = [f"concordance/{name}.py" for name in COMPILED]
    try:
        built: list[Extension] = mypycify(modules, opt_level="3", group_name=GROUP)
    except SystemExit:  # mypy found type errors: they are printed above
        print("setup.py: mypyc could not compile; concordance stays plain Python", file=sys.stderr)
        return []
    for extension in built:
        # No C compiler: build_ext warns and goes on, leaving the modules as Python.
        extension.optional = True
    return built


def _digest(name: str) -> str:
    source = Path(__file__).resolve().parent / "concordance" / f"{name}.py"
    return hashlib.sha256(source.read_bytes()).hexdigest()


class BuildExt(build_ext):
    """``build_ext`` that records the sources of the modules it compiled, once it has made
    every one of them anew (an optional extension that fails is only warned about)."""

    # Taken as setup.py starts, before mypyc reads the sources: a source edited while the C
    # compiles is not listed as compiled, and runs as Python until the next install.
    LISTING = "".join(f"{_digest(name)}  {name}.py\n" for name in sorted(COMPILED))

    def run(self) -> None:
        started = time.time()
        super().run()
        if not self.extensions:
            return
        made = [Path(self.get_ext_fullpath(extension.name)) for extension in self.extensions]
        listing = Path(self.get_ext_fullpath(f"{GROUP}__mypyc")).with_name(SOURCES)
        if all(path.exists() and path.stat().st_mtime >= started for path in made):
            listing.write_text(self.LISTING, encoding="utf-8")
        else:
            listing.unlink(missing_ok=True)


# Built anew at each install, even when mypyc's C is unchanged, so that every module is known
# to be made from the sources listed.
setup(
    ext_modules=extensions(),
    cmdclass={"build_ext": BuildExt},
    options={"build_ext": {"force": True}},
)
