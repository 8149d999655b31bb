"""The two costly stages on every core: validating articles and rendering pages.

Worker processes are forked, so they start with the parent's memory (the site index,
the config) instead of receiving it pickled; tasks are sent as small integers or paths and
come back as compact results. Results are consumed in task order, so the output does not
depend on which worker finished first. Small sites stay in one process: a pool costs more
than it saves below a few hundred files.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from concordance.cache import PageReuse, Signed, Taken, signature, signature_of
from concordance.config import SiteConfig
from concordance.diagnostics import Diagnostic
from concordance.heap import steady_malloc, worker_heap
from concordance.index import SiteIndex
from concordance.load import Folders, RawDocument, read_document
from concordance.model import Article, PartialArticle
from concordance.pages import Output, Page
from concordance.render import ConceptFeeds, PageTask, page_tasks
from concordance.template_check import template_failure
from concordance.validate import validate_article
from concordance.wire import Values, article_reduced
from concordance.write import Direct

if TYPE_CHECKING:  # at run time, imported with the pool (see ``_mapped``)
    from ctypes import c_byte
    from multiprocessing.pool import Pool

MIN_PARALLEL = 200
"""Fewer tasks than this run in the calling process."""
CHUNK = 32
"""Tasks per message: large enough to amortise the round trip, small enough to balance."""
RENDER_CHUNKS_PER_WORKER = 120
"""Chunks a render worker makes, on a site of over ``RENEW_ABOVE`` pages, before a fresh
fork takes its place. A forked worker copies each memory page of the parent's index whose
objects it touches, and keeps what it allocated in arenas it rarely gives back, so it only
grows: at 20,000 articles the tree's peak went from about 1,330-1,370 to 1,170-1,210 MiB (a
template edit, sampled every 0.25 s; every 60 chunks, 1,150-1,180). The new forks copy again
what they touch and wait for the pool to start them: a few percent of a template edit's time
at 20,000 articles, and 3% of a clean build's at 5,000 (every 60 chunks), whose peak (about
400 MiB) needs no bound."""
RENEW_ABOVE = 10_000
CHUNK_SHOWS = 2_000
"""Statements shown by the pages of one chunk at most (a page showing more goes alone).
A chunk's pages come back in one message, held whole in the worker and in the parent: 32
speaker pages of a large site made chunks of some 60 MB, sent at the end of a build, when
the workers are largest."""

T = TypeVar("T")
R = TypeVar("R")


class TemplateFailure(Exception):
    """A template could not be rendered; carries the located diagnostic (picklable, unlike
    Jinja's own exceptions)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic)
        self.diagnostic = diagnostic


def workers(jobs: int) -> int:
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def validate_files(
    content: Path, files: Sequence[Path], publish: str, jobs: int
) -> Iterator[Signed]:
    """``validate_article`` of each file (read + YAML + schema + Markdown), in file order,
    without signatures (for ``check``), as they are made."""
    return _mapped(_ValidateJob(content, publish, signed=False), list(files), jobs)


def validate_pickled(
    content: Path, files: Sequence[Path | str], publish: str, jobs: int
) -> Iterator[bytes]:
    """Each file's ``validate_article`` with its ``cache.signature``, pickled (``Signed``):
    the build cache stores the bytes the worker sent as they are. Results come as they are
    made, so the caller unpickles them while the workers still validate."""
    work = _Pickled(_ValidateJob(content, publish, signed=True))
    return _mapped(work, list(files), jobs)


Validated = Article | PartialArticle | None
"""What ``validate_article`` makes of a file."""


# eq=False, repr=False on this module's records that nothing compares or prints: dataclasses
# compiles each method it writes from source at every start, before any worker forks.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _ValidateJob:
    """What a validation worker runs for each article file."""

    content: Path
    publish: str
    signed: bool
    folders: Folders = field(default_factory=Folders)
    """Each worker's own copy, filled as it reads."""

    def __call__(self, file: Path | str) -> Signed:
        raw, article, problems = self.validated(file)
        # Only a whole article has pages, so only it is signed (see ``delta``).
        sign = signature(article) if self.signed and isinstance(article, Article) else ""
        return (article, problems), sign, raw.digest

    def validated(self, file: Path | str) -> tuple[RawDocument, Validated, list[Diagnostic]]:
        """The file as read, its article and every problem found reading and checking it."""
        # A path comes as text (made a ``Path`` here, not 5,000 times in the parent alone).
        raw, found = read_document(self.content, Path(file), self.folders)
        article, problems = validate_article(raw, self.publish)
        return raw, article, found + problems


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Pickled:
    """``_ValidateJob``'s result pickled. A whole article's signature and pickle are written
    from the one making of its values (``article_reduced``), where ``signature`` made them
    and ``pickle`` made them again (``copyreg``): some 40,000 instructions an article."""

    job: _ValidateJob

    def __call__(self, file: Path | str) -> bytes:
        raw, article, problems = self.job.validated(file)
        sign, shown = "", cast(object, article)  # pickled as it is: partial, or None
        if self.job.signed and isinstance(article, Article):
            reduced = article_reduced(article)
            sign, shown = signature_of(article, reduced[1]), _Reduced(reduced)
        result = (shown, problems), sign, raw.digest
        return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


class _Reduced:
    """An article in a pickle, written from what ``article_reduced`` made of it: the bytes
    ``pickle`` writes of the article itself (``copyreg`` gives it ``article_reduced``)."""

    __slots__ = ("reduced",)

    def __init__(self, reduced: tuple[Callable[..., Article], Values]) -> None:
        self.reduced = reduced

    def __reduce__(self) -> tuple[Callable[..., Article], Values]:
        return self.reduced


def render_pages(
    index: SiteIndex,
    config: SiteConfig,
    templates: Path,
    jobs: int,
    reuse: PageReuse | None = None,
    collect: Callable[[Taken], None] | None = None,
    bytecode: Path | None = None,
    more: Sequence[PageTask] = (),
    feeds: ConceptFeeds | None = None,
    direct: Direct | None = None,
) -> Iterator[Output]:
    """``more`` (derived outputs), then every page of ``render.page_tasks`` (with the
    concept ``feeds``), rendered on all cores, in that order.

    With ``reuse``, pages whose inputs are unchanged are kept from the live site, and
    ``collect`` receives what each task looked up and made, for the next build. With
    ``direct``, each page made is written into that new tree where it is made.
    """
    listed = list(page_tasks(index, config, templates, reuse, bytecode, feeds))
    tasks = [*more, *(task.run for task in listed)]
    runner = _RenderJob(tasks, templates, reuse, direct)
    # The derived outputs first, each alone: the data exports take seconds of one core each,
    # so they run side by side, and not at the end, where they would leave the others idle.
    numbers = list(range(len(tasks)))
    weights = [task.shows for task in listed]
    renew = RENDER_CHUNKS_PER_WORKER if len(tasks) > RENEW_ABOVE else None
    for page, taken in _mapped(runner, numbers, jobs, len(more), weights, renew):
        if collect is not None and taken is not None:
            collect(taken)
        yield page


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _RenderJob:
    """What a render worker runs for each page task."""

    tasks: list[PageTask]
    templates: Path
    reuse: PageReuse | None
    direct: Direct | None

    def __call__(self, number: int) -> tuple[Output, Taken | None]:
        try:
            page: Output = self.tasks[number]()
        except Exception as exc:
            if (failure := template_failure(exc, self.templates)) is None:
                raise
            raise TemplateFailure(failure) from None
        if isinstance(page, Page):  # hashed and written here, on every core
            page = self.direct.write(page) if self.direct is not None else page.hashed()
        return page, self.reuse.take() if self.reuse is not None else None


def _mapped(
    function: Callable[[T], R],
    items: list[T],
    jobs: int,
    alone: int = 0,
    weights: Sequence[int] = (),
    renew: int | None = None,
) -> Iterator[R]:
    """``map(function, items)`` on the pool, the first ``alone`` items one by one, the rest
    in ``_chunks``; ``weights`` are those of the items after the first ``alone``. With
    ``renew``, each worker is replaced by a fresh fork after that many chunks."""
    count = min(workers(jobs), max(1, len(items) // CHUNK))
    if count <= 1 or len(items) < MIN_PARALLEL or "fork" not in _methods():
        yield from map(function, items)
        return
    chunks = [[item] for item in items[:alone]]
    chunks += _tapered(_chunks(items[alone:], weights or [1] * (len(items) - alone)), count)
    import multiprocessing  # here: a rebuild of a few pages (delta.py) never starts a pool

    from concordance import retire, worker_pool

    context = multiprocessing.get_context("fork")
    # The function travels by fork (initializer), not by pickle: it may hold the whole index.
    stop = context.RawValue("b", 0)
    install = (function, os.getpid(), stop)
    retire.wait()  # the last pool ended: forked with no other thread of ours running
    pool = worker_pool.Pool(count, _install, install, maxtasksperchild=renew, context=context)
    results = pool.imap(_run_chunk, chunks)
    done = False
    try:
        for chunk in results:
            yield from cast(list[R], chunk)
        done = True
    except (Exception, GeneratorExit):  # not Ctrl-C: that ends the workers at once
        _wind_down(pool, results, stop)
        raise
    finally:
        # Every result read: the workers exit while the parent goes on (``retire``).
        if done:
            retire.retire(pool)
        else:
            pool.terminate()


def _wind_down(pool: Pool, results: Iterator[object], stop: c_byte) -> None:
    """End a pool whose results are no longer wanted (a page failed, the writer stopped)
    by letting its workers run out of work, not by ``terminate`` alone: told to end while
    workers still send results, CPython's pool may stop reading them before a worker sends a
    chunk of pages larger than the pipe holds, which then waits for ever with the queue's
    lock that ``terminate`` waits for; or kill a worker half-way through sending one, which
    the pool's reader then waits for ever to read. Either way a build whose template failed
    for some page hung, holding the output's lock. ``stop`` makes every chunk not yet
    started come back at once, empty."""
    stop.value = 1
    while True:
        try:
            next(results)
        except StopIteration:
            break
        except Exception:  # another page's failure: not wanted either
            continue
    pool.close()
    pool.join()


def _chunks(items: list[T], weights: Sequence[int]) -> list[list[T]]:
    """Runs of ``CHUNK`` items in order, cut before an item that would take the run's
    weight past ``CHUNK_SHOWS``."""
    chunks: list[list[T]] = []
    chunk: list[T] = []
    weight = 0
    for item, own in zip(items, weights, strict=True):
        if chunk and (len(chunk) == CHUNK or weight + own > CHUNK_SHOWS):
            chunks.append(chunk)
            chunk, weight = [], 0
        chunk.append(item)
        weight += own
    return [*chunks, chunk] if chunk else chunks


TAPER = 4
"""Pieces each of a pool's last chunks is cut into (see ``_tapered``)."""


def _tapered(chunks: list[list[T]], count: int) -> list[list[T]]:
    """``chunks`` with the last ``2 * count`` cut into ``TAPER`` pieces each: the pool gives
    each chunk to a worker once it is free, so ``count`` workers end at most a piece apart
    rather than a chunk, with the other cores idle meanwhile (32 articles are some 70 ms of
    validation, the last of them waited for by the index and every page after it)."""
    cut = max(0, len(chunks) - 2 * count)
    pieces = chunks[:cut]
    for chunk in chunks[cut:]:
        size = -(-len(chunk) // TAPER)  # rounded up: at most TAPER pieces
        pieces += [chunk[start : start + size] for start in range(0, len(chunk), size)]
    return pieces


def _methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


# The one piece of module state, with the parent's pid: set in each forked worker by its
# initializer, never in the parent, so a worker can run the function it inherited.
_WORKER: dict[str, Callable[[object], object]] = {}
_PARENT: dict[str, int] = {}
_STOP: dict[str, c_byte] = {}
"""Set (to 1) by the parent when no more result is wanted (``_wind_down``)."""


def _install(function: Callable[[object], object], parent: int, stop: c_byte | None = None) -> None:
    # A worker ends when the pool sends it SIGTERM, and leaves Ctrl-C to the parent; it must
    # not keep handlers it inherited (``serve`` turns both into KeyboardInterrupt, which
    # printed a worker's traceback on every rebuild).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Its parent killed, a worker may still find its parent's pid (the kernel closes the
    # dead parent's pipes before reparenting its children): the write into the closed pipe
    # must then end it silently, as SIGPIPE does, not raise a BrokenPipeError, which the
    # pool's own code prints as a traceback. Python ignores SIGPIPE unless told otherwise.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    steady_malloc()  # a page of a popular concept is a large block, freed once written
    worker_heap()
    _WORKER["function"] = function
    _PARENT["pid"] = parent
    if stop is not None:
        _STOP["flag"] = stop
    # A worker that died so held the pool's lock on that pipe, and the others then wait for
    # it forever, holding the build's lock (inherited) and the terminal's pipe: so every
    # worker ends itself once orphaned, whatever it is waiting for.
    threading.Thread(target=_end_when_orphaned, args=(parent,), daemon=True).start()


ORPHAN_POLL = 0.1
"""Seconds between a worker's checks that its parent, the build, is alive."""


def _end_when_orphaned(parent: int) -> None:
    # Not PR_SET_PDEATHSIG: see ``_run_chunk``.
    while os.getppid() == parent:
        time.sleep(ORPHAN_POLL)
    os._exit(0)


def _run_chunk(chunk: list[Any]) -> list[object]:
    function, stop = _WORKER["function"], _STOP.get("flag")
    results = []
    for item in chunk:
        if stop is not None and stop.value:  # no more is wanted (a read of shared memory)
            return []
        results.append(function(item))
    # Orphaned by a killed build, a worker would find the pipe to its parent closed and print
    # a ``BrokenPipeError``'s traceback into the editor's terminal; it ends quietly instead.
    # (Linux's PR_SET_PDEATHSIG cannot do it: it fires when the *thread* that forked the
    # worker ends, and the pool's renewed workers are forked by a thread that ends with the
    # pool, killing them while they may hold the pool's queue lock.)
    if os.getppid() != _PARENT["pid"]:
        os._exit(0)
    return results
