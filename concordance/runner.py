"""One build, the cheapest correct way: nothing to do when no input changed, only the
edited pages when article bodies alone changed (``delta``), else the whole pipeline.

Each path imports what it needs when it is taken: a rebuild that changes nothing needs no
YAML, Markdown or templates, one after an edit of a body no templates (``delta``), and only
the full pipeline needs the process pool, feeds, exports and the search indexer. Start-up
is most of the time of such rebuilds, which ``serve`` does on every save.
"""

from __future__ import annotations

import sys
import time
from functools import partial
from pathlib import Path

from concordance import retire
from concordance.cache import BuildState, Inputs, cache_dir, load_state, site_stamp
from concordance.cache_owner import claim, refuse_foreign_parent, trusted
from concordance.config import BuildOptions
from concordance.diagnostics import Report
from concordance.heap import paused
from concordance.inputs import read_inputs
from concordance.trash import Deletion, discard, set_aside
from concordance.warm import compile_aside
from concordance.write import output_lock, recycle_trees


def run(options: BuildOptions) -> Report:
    """One build (or, with ``options.write`` false, one check). Builds reuse the cache beside
    the output (unless ``options.clean``): when no input changed, the site in place is
    already the result; when only article bodies changed, only their pages are rendered
    (``delta``); otherwise the pipeline runs, keeping what it can (``pipeline.build``)."""
    started = time.perf_counter()
    if not options.write:
        report = _run(options)
    else:
        # The whole build under the lock, not only its writing: a build reads the cache
        # and fills the spare tree in it, which a clean build beside it would rename away
        # (the spare, half-written, was then taken for whole and swapped in).
        with output_lock(options.out, partial(_waiting, options.out)):
            # Without --clean, only what a killed clean build left renamed away, and a cache
            # not made here, which could run code when loaded (``cache_owner``).
            folder = cache_dir(options.out)
            refuse_foreign_parent(folder)
            deletion = _fresh_cache(folder, options.clean)
            try:
                report = _run(options)
            finally:
                deletion.wait()
    report.seconds = time.perf_counter() - started
    return report


def _fresh_cache(folder: Path, clean: bool) -> Deletion:
    """Make ``folder`` the build's cache: a new one for ``--clean`` or in place of one not
    made here, the old one deleted in the background (``trash.discard``). A clean build
    keeps the finished site trees of its own old cache, to write over them rather than make
    new files (``write.recycle_trees``): taken out before the deletion starts."""
    ours = trusted(folder)
    if clean and ours:
        old = set_aside(folder)
        claim(folder)
        if old is not None:
            recycle_trees(old, folder)
        return discard(folder, move=False)
    deletion = discard(folder, move=clean or not ours)
    try:
        claim(folder)
    except BaseException:
        deletion.wait()
        raise
    return deletion


def _waiting(out: Path) -> None:
    print(f"waiting for another build of {out} to finish", file=sys.stderr, flush=True)


def _run(options: BuildOptions) -> Report:
    cache = cache_dir(options.out) if options.write else None
    state = _last_build(cache, options.out)
    # No build to compare with: every page is rendered, by templates not compiled yet.
    compiling = compile_aside(options.templates, cache) if cache and state is None else None
    try:
        with paused():
            inputs = read_inputs(options, cache, fresh=state is None)
            quick = _shortcut(options, cache, inputs, state)
        if quick is not None:
            return quick
        from concordance import pipeline  # see the module's docstring

        return pipeline.build(options, cache, inputs)
    finally:
        if compiling:
            compiling.wait()
        retire.wait()  # the process may end at once when this returns (``cli.entry``)


def _shortcut(
    options: BuildOptions, cache: Path | None, inputs: Inputs, state: BuildState | None
) -> Report | None:
    """The report of a rebuild that needs no pipeline, or None."""
    if state is not None and state.fingerprint == inputs.fingerprint:
        return Report(
            diagnostics=list(state.diagnostics), pages_written=state.pages, wrote_site=True
        )
    if cache and state:
        from concordance import delta  # with YAML and Markdown: see the module's docstring

        return delta.body_edits(options, cache, inputs, state)
    return None


def _last_build(cache: Path | None, out: Path) -> BuildState | None:
    """The state of the last successful build, if the site it wrote is the one in place."""
    state = load_state(cache) if cache else None
    if state is None or not out.is_dir() or site_stamp(out) != state.out_stamp:
        return None
    return state
