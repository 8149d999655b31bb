"""The templates compiled ahead, on a core the build leaves idle.

A build with no compiled templates kept (``--clean``, a first build) had every render
worker compile each template as it rendered its first pages: some 0.13 s of CPU a worker,
while both cores are busy rendering. Before any worker starts, the parent lists and
fingerprints the content alone on one core; a child forked then compiles the templates
into the build's bytecode cache (``cache.template_cache``), which the render workers load,
and leaves there whether article pages are frames (``render.frames_remembered``).
Jinja2 writes each compiled template to a new file and renames it into place, so a worker
that comes first reads none half-written: it compiles the template itself, as before.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from concordance.cache import code_version, template_cache

if TYPE_CHECKING:  # a rebuild that changes nothing imports no Jinja2 (see ``runner``)
    import jinja2


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Compiling:
    """The child compiling the templates."""

    pid: int

    def wait(self) -> None:
        """Wait for the child to end: it writes into the cache, which the build's lock
        guards only while the build runs."""
        with contextlib.suppress(ChildProcessError):  # reaped already
            os.waitpid(self.pid, 0)


def compile_aside(templates: Path, cache: Path) -> Compiling | None:
    """Compile every template of ``templates`` into ``cache``'s bytecode cache in a child
    process, which ends without a word whatever happens: a template that does not compile
    is reported by the build, as it renders or checks the templates. None when no child
    can be started."""
    # Only from a process of one thread (not ``serve``'s): a child forked while another
    # thread held a lock (an import's, say) would wait for it for ever, and the build for it.
    if not hasattr(os, "fork") or threading.active_count() > 1 or not templates.is_dir():
        return None
    # Imported before the fork, not by the child: the build imports it anyway, and a child
    # importing Jinja2 and the renderer again took more than it saved.
    # So are Babel's dates and numbers, which the templates write and ``labels`` imports where
    # they are used (a rebuild after an edit writes none): each is imported once, here.
    import babel.dates
    import babel.numbers  # noqa: F401  (babel.dates binds the name)

    from concordance.render import environment, frames_remembered

    pid = os.fork()
    if pid:
        return Compiling(pid)
    try:  # the child
        bytecode = template_cache(cache, code_version())
        env = environment(templates, bytecode)
        _compile_all(env)
        # Whether article pages are frames: the parent, which asks as it lists the pages,
        # finds the answer kept (some 20 ms of its time alone, with a core idle).
        frames_remembered(env, bytecode)
    finally:
        os._exit(0)


def _compile_all(env: jinja2.Environment) -> None:
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
        if not name.startswith("static/"):
            try:
                env.get_template(name)
            except Exception:  # reported by the build itself
                continue
