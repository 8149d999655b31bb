"""Compiles the Markdown parse's hot modules to C with mypyc when it and a C compiler are at
hand; without them, or with ``CONCORDANCE_PURE=1``, the package installs as plain Python.

Everything else about the package is in ``pyproject.toml``. The compiled modules behave as
their source does (the test suite runs against whichever is installed), and
``concordance/__init__.py`` falls back to the source of every one of them once any of their
sources is newer than its compiled form (``concordance/compiled.py``).
"""

from __future__ import annotations

import os
import sys

from setuptools import Extension, setup

COMPILED = (
    "block_scan",
    "body_text",
    "chips",
    "content_links",
    "directions",
    "emphasis",
    "excerpts",
    "fields",
    "headings",
    "inline_html",
    "inline_scan",
    "link_destinations",
    "load",
    "markdown",
    "markers",
    "paragraphs",
    "sentences",
    "spaced_emphasis",
    "text_runs",
    "textnorm",
    "token_html",
    "validate",
    "words",
)
"""Modules of ``concordance`` (``emit/feeds`` for one in a subpackage) compiled as one group:
their calls to each other are C calls."""


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
        built: list[Extension] = mypycify(modules, opt_level="3", group_name="concordance.native")
    except SystemExit:  # mypy found type errors: they are printed above
        print("setup.py: mypyc could not compile; concordance stays plain Python", file=sys.stderr)
        return []
    for extension in built:
        # No C compiler: build_ext warns and goes on, leaving the modules as Python.
        extension.optional = True
    return built


# Built anew at each install, even when mypyc's C is unchanged: ``concordance.compiled`` runs
# the source of a compiled module whose file is older than its source (a checkout touches it).
setup(ext_modules=extensions(), options={"build_ext": {"force": True}})
