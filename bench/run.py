"""Build-time benchmark: Concordance (and, to compare, other generators) on synthetic corpora.

    python bench/run.py [--sizes 1000,5000,20000] [--seed 1] [--repeat 3]
                        [--vs hugo,eleventy,pelican,jekyll]

For each size N it generates a corpus (bench/gen_corpus.py) in a temporary folder
outside the repository and times the real command line, as a user runs it, from the
repository root:

    python build.py build --content C --out O --quiet --no-search --templates T [--build-args]

in seven steps: (a) first build (no output and no build cache, as in a fresh checkout,
both deleted just before, as the peers' output is), (b) clean build (``--clean`` and no
previous output, over the cache of the build before, whose finished site tree it writes
over rather than making every file anew), (c) rebuild with no change, (d) one word of one
article's body changed (in the closing paragraph, which holds no quote), (e) the same
article's title changed (a front-matter edit, which every card of its statements shows),
(f) the summary of the most popular concept changed, (g) an HTML comment appended to the
base layout of a copy of ``templates/``. With ``--vs`` the
same corpus is converted for each peer named and its clean build is timed from an empty
output folder: ``hugo --quiet -d OUT`` (bench/hugo_site.py; Debian's ``hugo``),
Eleventy's ``--quiet --output=OUT`` (bench/eleventy_site.py), Pelican's ``content
--output OUT --quiet`` (bench/pelican_site.py) and ``jekyll build --quiet --destination
OUT`` (bench/jekyll_site.py; Debian's ``jekyll``); the benchmark installs pinned versions of
Eleventy (npm) and Pelican (pip, in a virtual environment of its own) once into
``--peers``, before anything is timed.
Each repeat times the seven steps and then each peer's clean build once (interleaved:
the machine's speed drifts within minutes), and a line below the table gives our clean
build over each peer's, repeat by repeat.

How each figure is measured, and why it is correct:

- wall s: ``time.perf_counter`` from spawning the child to reaping it, so interpreter
  start-up and imports count, as they do for a user.
- CPU s: user + system time from ``os.wait4`` on the child. Linux reports there the
  child's own time *plus* that of every descendant it waited for, so a process pool's
  workers (grandchildren, joined by the pool) are included.
- max RSS: ``ru_maxrss`` from the same ``os.wait4``: the largest peak resident set of
  any single process of the build's tree (the child or a waited-for descendant). It is
  exact and per build, unlike ``getrusage(RUSAGE_CHILDREN)``, whose maximum only grows
  over the benchmark's life. It includes the benchmark's own peak when it started the
  build (Linux keeps the forked image's high-water mark through ``exec``), so the
  benchmark stays small: peers' sites are written by processes of their own (``apart``).
- tree PSS: the peak *sum* over the live process tree of proportional set size (from
  ``/proc/PID/smaps_rollup``), sampled every ``--rss-interval`` seconds by a thread
  that finds descendants through ``/proc/*/stat`` parent links. This is the memory a
  parallel build really occupies (PSS splits pages shared between forked workers
  instead of counting them once per worker); being sampled, it can miss a peak shorter
  than the interval and reads "-" for a build that ends before the first sample. It is
  taken in one more run of each step after the timed ones, never while timing: reading
  every process's ``smaps_rollup`` ten times a second made our clean build at N=5000
  about 8% slower (4.87-5.20 s against 5.12-6.10 s, CPU 9.3-10.0 against 9.6-11.4 s)
  and Hugo's no slower (3.5-3.7 s either way).
- pages/s: ``*.html`` files in the output after the build, divided by wall time.

Each step runs ``--repeat`` times; the table shows the median (or ``--stat best``: the
minimum) of each figure. A build that exits non-zero stops the benchmark with its
command, exit code and the tail of its stderr, and keeps the temporary folder.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import yaml

try:  # imported as a package (tests: ``from bench import run``)
    from bench import (
        check_corpus,
        eleventy_site,
        gen_corpus,
        hugo_site,
        jekyll_site,
        pelican_site,
    )
    from bench.peer_content import cache_root
except ImportError:  # run as a script: ``python bench/run.py`` puts bench/ on sys.path
    import check_corpus  # type: ignore[no-redef,import-not-found]
    import eleventy_site  # type: ignore[no-redef,import-not-found]
    import gen_corpus  # type: ignore[no-redef,import-not-found]
    import hugo_site  # type: ignore[no-redef,import-not-found]
    import jekyll_site  # type: ignore[no-redef,import-not-found]
    import pelican_site  # type: ignore[no-redef,import-not-found]
    from peer_content import cache_root  # type: ignore[no-redef,import-not-found]

REPO = Path(__file__).resolve().parent.parent
BASE_LAYOUT = "base.html"
STDERR_TAIL_LINES = 40
MIB = 1024 * 1024


class BuildFailed(Exception):
    """A timed command exited non-zero: a build of Concordance stops the benchmark, which
    says why; a peer's becomes a row of the table (``Row.failure``)."""

    def __init__(self, command: Sequence[str], code: int, stderr: str) -> None:
        # For the table, one line: the exit code and the last line that names an error.
        lines = [line.strip() for line in stderr.splitlines() if line.strip()]
        errors = [line for line in lines if "error" in line.lower()]
        self.reason = f"exit code {code}" + (f": {(errors or lines)[-1][:120]}" if lines else "")
        tail = "\n".join(stderr.splitlines()[-STDERR_TAIL_LINES:])
        super().__init__(
            f"command failed with exit code {code}:\n  {shlex.join(command)}\n"
            f"--- last {STDERR_TAIL_LINES} lines of its stderr ---\n{tail}"
        )


# ---------------------------------------------------------------------------
# Measuring one child process


@dataclass(frozen=True, slots=True)
class Sample:
    """The figures of one run of one command."""

    wall: float
    cpu: float
    max_rss_mib: float
    tree_pss_mib: float | None
    pages: int


def measure(command: Sequence[str], cwd: Path, logs: Path, out: Path, interval: float) -> Sample:
    """Run ``command`` once, measured as the module docstring explains; raise BuildFailed."""
    logs.mkdir(parents=True, exist_ok=True)
    stdout_path, stderr_path = logs / "stdout.txt", logs / "stderr.txt"
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        started = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr
        )
        sampler = TreeSampler(child.pid, interval)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        tree_pss = sampler.stop()
    if child.returncode != 0:
        raise BuildFailed(command, child.returncode, stderr_path.read_text(errors="replace"))
    return Sample(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        max_rss_mib=usage.ru_maxrss * 1024 / MIB,  # Linux reports KiB
        tree_pss_mib=tree_pss,
        pages=count_pages(out),
    )


class TreeSampler:
    """Samples the summed PSS of a process and its live descendants in a daemon thread."""

    def __init__(self, root: int, interval: float) -> None:
        self.root = root
        self.interval = interval
        self.peak_kib = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        if interval > 0:
            self._thread.start()

    def stop(self) -> float | None:
        """Stop sampling; the peak in MiB, or None if no sample was taken."""
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()
        return self.peak_kib / 1024 if self.peak_kib else None

    def _run(self) -> None:
        while not self._done.wait(self.interval):
            total = sum(_pss_kib(pid) for pid in descendants(self.root))
            self.peak_kib = max(self.peak_kib, total)


def descendants(root: int) -> list[int]:
    """``root`` and every live process below it (from the parent links in /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            parent = _parent(entry.name)
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _parent(pid: str) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:  # the process ended meanwhile
        return None
    # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    return int(stat[stat.rindex(b")") + 2 :].split()[1])


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def count_pages(out: Path) -> int:
    return sum(name.endswith(".html") for _, _, files in os.walk(out) for name in files)


# ---------------------------------------------------------------------------
# The steps


@dataclass(frozen=True, slots=True)
class Step:
    """One timed build and the change made to the inputs just before it."""

    name: str
    prepare: Callable[[int], None]
    """Called with the repeat number (0, 1, ...) so that each repeat makes a new change."""
    extra_args: tuple[str, ...] = ()


@dataclass(slots=True)
class Workspace:
    """Where one size's corpus, templates copy and outputs live (outside the repository)."""

    root: Path
    n: int
    seed: int
    content: Path = field(init=False)
    templates: Path = field(init=False)
    out: Path = field(init=False)

    def __post_init__(self) -> None:
        self.content = self.root / "content"
        self.templates = self.root / "templates"
        self.out = self.root / "site"


FROM_NOTHING = ("first build", "clean build")
"""Our steps that render every page, as a peer's clean build does."""


def concordance_steps(space: Workspace) -> list[Step]:
    article = _edited_article(space.content)
    concept = _edited_concept(space)
    return [
        Step("first build", lambda _: _delete_output_and_cache(space.out)),
        Step("clean build", lambda _: shutil.rmtree(space.out, ignore_errors=True), ("--clean",)),
        Step("no-change rebuild", lambda _: None),
        Step("1 article edited", lambda k: edit_article(article, k)),
        Step("1 article title edited", lambda k: edit_article_title(article, k)),
        Step("1 concept edited", lambda k: edit_concept_summary(concept, k)),
        Step("base template edited", lambda k: edit_template(space.templates / BASE_LAYOUT, k)),
    ]


def _delete_output_and_cache(out: Path) -> None:
    """No site and no build cache: the cache is ``.cache/concordance-<out>`` beside the
    output (``concordance.cache.cache_dir``; not imported, to keep this process small)."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(out.parent / ".cache" / f"concordance-{out.name}", ignore_errors=True)


def _edited_article(content: Path) -> Path:
    """The middle article in file order: a typical page, not the newest or oldest."""
    articles = sorted((content / "articles").glob("*.md"))
    return articles[len(articles) // 2]


def _edited_concept(space: Workspace) -> Path:
    """The most popular concept (always defined): the worst case for a summary change."""
    top = gen_corpus.make_world(space.n, space.seed).concepts[0]
    return space.content / "concepts" / f"{top.title.replace(' ', '-')}.md"


def edit_word(repeat: int) -> str:
    """A new pseudo-word per repeat, so every repeat really changes the input."""
    return "edit" + "".join(chr(ord("a") + int(digit)) for digit in str(repeat))


def edit_article(path: Path, repeat: int) -> None:
    """Change the last word of the body; check that every quote still occurs verbatim."""
    text = gen_corpus.edit_closing_word(path.read_text(encoding="utf-8"), edit_word(repeat))
    meta, body = check_corpus.split_document(text)
    missing = [q["text"] for q in meta.get("quotes", []) if q["text"] not in body]
    if missing:
        raise AssertionError(f"the edit of {path} broke quotes: {missing}")
    path.write_text(text, encoding="utf-8")


def edit_article_title(path: Path, repeat: int) -> None:
    """A front-matter edit: the title shows on every card of the article's statements."""
    _edit_scalar(path, "title", lambda title: f"{title} {edit_word(repeat)}")


def edit_concept_summary(path: Path, repeat: int) -> None:
    _edit_scalar(path, "summary", lambda summary: f"{summary} Edited {edit_word(repeat)}.")


def _edit_scalar(path: Path, key: str, change: Callable[[str], str]) -> None:
    """Rewrite the one-line ``key:`` of a file's front matter through ``change``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    value = yaml.safe_load(lines[at])[key]
    lines[at] = f"{key}: " + json.dumps(change(value))
    path.write_text("\n".join(lines), encoding="utf-8")


def edit_template(path: Path, repeat: int) -> None:
    if not path.is_file():
        raise FileNotFoundError(f"no base layout {path.name} in the templates copy")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"<!-- bench edit {repeat} -->\n")


# ---------------------------------------------------------------------------
# Running a size


@dataclass(frozen=True, slots=True)
class Options:
    sizes: list[int]
    seed: int
    repeat: int
    stat: str
    peers: tuple[str, ...]
    """Other generators to time (``PEERS``), in the order given."""
    concordance: bool
    build_args: list[str]
    rss_interval: float
    peer_folder: Path = field(default_factory=cache_root)
    """Where the peers the benchmark installs (Eleventy, Pelican) are kept between runs."""


@dataclass(slots=True)
class Row:
    """One line of the table: a step at a size, aggregated over the repeats."""

    n: int
    tool: str
    step: str
    samples: list[Sample]
    aggregate: Sample | None = None
    failure: str = ""
    """Why a peer's build has no figures (``BuildFailed.reason``); the benchmark goes on."""
    memory: list[Sample] = field(default_factory=list)
    """Runs with the tree's PSS sampled, one a step, apart from the timed ``samples``."""


def bench_size(space: Workspace, options: Options) -> tuple[list[Row], float]:
    """All rows for one size, and the time the corpus took to generate.

    Each repeat times every step of ours and then each peer's clean build once, so a
    ratio compares builds run minutes apart at most: this machine's speed drifts by a
    fifth or more over a benchmark's length, and timing all of ours before all of a
    peer's let that drift into the ratio."""
    started = time.perf_counter()
    gen_corpus.generate(space.n, space.seed, space.content)
    generated = time.perf_counter() - started
    steps: list[Step] = []
    rows: list[Row] = []
    if options.concordance:
        shutil.copytree(REPO / "templates", space.templates)
        steps = concordance_steps(space)
        rows = [Row(space.n, "concordance", step.name, []) for step in steps]
    # Written from the corpus as generated, before our edit steps change it.
    peers = [_PeerRun.prepared(space, options, peer) for peer in options.peers]
    for repeat in range(options.repeat):
        _time_concordance(space, options, steps, rows, repeat, 0.0)
        for peer in peers:
            peer.time(space, repeat, 0.0)
    if options.rss_interval > 0:  # a pass of its own: sampling slowed our builds (``Row``)
        _time_concordance(space, options, steps, rows, options.repeat, options.rss_interval)
        for peer in peers:
            peer.time(space, options.repeat, options.rss_interval)
    rows += [peer.row for peer in peers]
    for row in rows:
        if row.samples:
            row.aggregate = aggregate(row.samples, options.stat, row.memory)
    return rows, generated


def _time_concordance(
    space: Workspace,
    options: Options,
    steps: list[Step],
    rows: list[Row],
    repeat: int,
    interval: float,
) -> None:
    """Each step once: timed, or with the tree's PSS sampled every ``interval`` s."""
    for step, row in zip(steps, rows, strict=True):
        step.prepare(repeat)
        command = [*concordance_command(space), *step.extra_args, *options.build_args]
        logs = space.root / "logs" / f"{repeat}-{step.name.replace(' ', '-')}"
        sample = measure(command, REPO, logs, space.out, interval)
        (row.memory if interval else row.samples).append(sample)


def concordance_command(space: Workspace) -> list[str]:
    return [
        sys.executable, "build.py", "build",
        "--content", str(space.content), "--out", str(space.out),
        "--quiet", "--no-search", "--templates", str(space.templates),
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Peer:
    """A generator ``--vs`` can time."""

    title: str
    """Its name in the table."""
    needs: tuple[str, ...]
    """Programs that must be on the PATH, and how to get them."""
    setup: str
    write: Callable[[Path, Path], int]
    """Converts a corpus into the peer's site."""
    install: Callable[[Path], Path]
    """The peer's program, installed below the ``--peers`` folder if the benchmark installs it."""
    command: Callable[[Path, Path], list[str]]
    """(program, output folder) -> the build to time, run from the site's folder."""


PEERS = {
    "hugo": Peer(
        "Hugo", ("hugo",), "apt-get install -y hugo", hugo_site.write_hugo_site,
        lambda _: Path(shutil.which("hugo") or "hugo"),
        lambda hugo, out: [str(hugo), "--quiet", "-d", str(out)],
    ),
    "eleventy": Peer(
        "Eleventy", ("node", "npm"), "apt-get install -y nodejs npm",
        eleventy_site.write_eleventy_site,
        lambda root: eleventy_site.install(root / f"eleventy-{eleventy_site.VERSION}"),
        lambda entry, out: eleventy_site.command(entry, out),
    ),
    "pelican": Peer(
        "Pelican", (), "", pelican_site.write_pelican_site,
        lambda root: pelican_site.install(root / f"pelican-{pelican_site.VERSION}"),
        lambda entry, out: pelican_site.command(entry, out),
    ),
    "jekyll": Peer(
        "Jekyll", ("jekyll",), "apt-get install -y jekyll", jekyll_site.write_jekyll_site,
        lambda _: jekyll_site.program(),
        lambda jekyll, out: jekyll_site.command(jekyll, out),
    ),
}  # fmt: skip
"""The generators ``--vs`` can time (the lambdas look their modules up when called)."""


def apart(write: Callable[[Path, Path], int], content: Path, site: Path) -> None:
    """``write(content, site)`` in a forked process of its own. A build's max RSS
    (``os.wait4``) is at least this process's own peak when it started the build: Linux
    keeps the forked image's high-water mark through ``exec``. Converting 5,000 articles for
    Hugo here took this process from 21 to 73 MiB, which every build timed after it then
    reported as its max RSS (a no-change rebuild's 35 MiB as 76)."""
    import multiprocessing

    process = multiprocessing.get_context("fork").Process(target=write, args=(content, site))
    process.start()
    process.join()
    if process.exitcode != 0:
        raise RuntimeError(f"writing {site} failed (exit code {process.exitcode}, see above)")


@dataclass(slots=True)
class _PeerRun:
    """A peer's clean build: its site written and its program found once, timed each repeat."""

    name: str
    site: Path
    out: Path
    command: list[str]
    row: Row

    @classmethod
    def prepared(cls, space: Workspace, options: Options, peer: str) -> _PeerRun:
        site, out = space.root / f"{peer}-site", space.root / f"{peer}-out"
        apart(PEERS[peer].write, space.content, site)
        command = PEERS[peer].command(PEERS[peer].install(options.peer_folder), out)
        return cls(peer, site, out, command, Row(space.n, peer, "clean build", []))

    def time(self, space: Workspace, repeat: int, interval: float) -> None:
        """One clean build: timed, or with the tree's PSS sampled every ``interval`` s."""
        if self.row.failure:
            return
        shutil.rmtree(self.out, ignore_errors=True)
        logs = space.root / "logs" / f"{repeat}-{self.name}"
        try:
            sample = measure(self.command, self.site, logs, self.out, interval)
        except BuildFailed as failed:  # a peer's limits are a result, not a broken benchmark
            print(f"{self.name} failed at N={space.n}: {failed}", file=sys.stderr)
            self.row.samples.clear()
            self.row.memory.clear()
            self.row.failure = failed.reason
            return
        (self.row.memory if interval else self.row.samples).append(sample)


def aggregate(samples: list[Sample], stat: str, memory: Sequence[Sample] = ()) -> Sample:
    """Median (or minimum, for ``best``) of each figure separately; the tree's PSS that of
    the ``memory`` runs, when there are any."""
    pick = statistics.median if stat == "median" else min

    def of(values: list[float]) -> float:
        return float(pick(values))

    pss = [s.tree_pss_mib for s in memory or samples if s.tree_pss_mib is not None]
    return Sample(
        wall=of([s.wall for s in samples]),
        cpu=of([s.cpu for s in samples]),
        max_rss_mib=of([s.max_rss_mib for s in samples]),
        tree_pss_mib=of(pss) if pss else None,
        pages=samples[-1].pages,
    )


# ---------------------------------------------------------------------------
# Report


def table(rows: list[Row]) -> str:
    """The Markdown table; ``wall ÷ Hugo`` (and each other peer timed) is the row's wall
    time over that peer's clean build at the same N."""
    peers = [p for p in PEERS if any(r.tool == p for r in rows)]
    clean = {(r.tool, r.n): r.aggregate.wall for r in rows if r.tool in PEERS and r.aggregate}
    ratio_heads = "".join(f" wall ÷ {PEERS[p].title} |" for p in peers)
    lines = [
        "| N | tool | step | pages | wall s | CPU s | pages/s | max RSS MiB | tree PSS MiB |"
        + ratio_heads,
        "|---:|---|---|---:|---:|---:|---:|---:|---:|" + "---:|" * len(peers),
    ]
    for row in rows:
        s = row.aggregate
        if s is None:
            lines.append(
                f"| {row.n} | {row.tool} | {row.step} | failed: {row.failure} |"
                + " - |" * (5 + len(peers))
            )
            continue
        ratios = "".join(
            f" {s.wall / clean[(p, row.n)]:.1f}x |"
            if (p, row.n) in clean and row.tool != p
            else " - |"
            for p in peers
        )
        pss = f"{s.tree_pss_mib:.0f}" if s.tree_pss_mib is not None else "-"
        rate = s.pages / s.wall if s.wall else 0.0
        lines.append(
            f"| {row.n} | {row.tool} | {row.step} | {s.pages} | {s.wall:.2f} | {s.cpu:.2f}"
            f" | {rate:.0f} | {s.max_rss_mib:.0f} | {pss} |{ratios}"
        )
    return "\n".join(lines)


def paired(rows: list[Row]) -> list[str]:
    """For each size, each clean build of ours (the first, without a cache, and ``--clean``)
    and each peer: ours over the peer's in the same repeat, repeat by repeat, the spread the
    medians in the table hide."""
    ours = [r for r in rows if r.tool == "concordance" and r.step in FROM_NOTHING and r.samples]
    lines = []
    for peer in (r for r in rows if r.tool in PEERS and r.samples):
        for row in (r for r in ours if r.n == peer.n):
            pairs = [a.wall / b.wall for a, b in zip(row.samples, peer.samples, strict=False)]
            each = ", ".join(f"{ratio:.2f}x" for ratio in pairs)
            lines.append(
                f"{row.step} ÷ {PEERS[peer.tool].title} at N={row.n}, repeat by repeat: {each}"
                f" (median {statistics.median(pairs):.2f}x)"
            )
    return lines


LEGEND = """\
wall ÷ Hugo (÷ Eleventy, ÷ Pelican, ÷ Jekyll): the row's wall time over that peer's clean build at
the same N (the peers are timed from an empty output folder only). max RSS: the largest
single process of the build (exact, os.wait4). tree PSS: the summed PSS of the whole
process tree, sampled. See the docstring of bench/run.py for how each figure is taken."""


def header(options: Options, generated: dict[int, float]) -> str:
    load = os.getloadavg()[0]
    lines = [
        f"Concordance build benchmark: {platform.python_implementation()} "
        f"{platform.python_version()} ({interpreter()}), {os.cpu_count()} cores, "
        f"seed {options.seed}, "
        f"{options.stat} of {options.repeat} run(s), build args: "
        f"{shlex.join(options.build_args) or '(none)'}",
        "corpus generation: " + ", ".join(f"N={n} {s:.1f}s" for n, s in generated.items()),
    ]
    lines.append(compiled_modules())
    if "hugo" in options.peers:
        lines.append(f"reference: {hugo_version()}")
    if "eleventy" in options.peers:
        lines.append(f"reference: Eleventy {eleventy_site.VERSION}, {node_version()}")
    if "pelican" in options.peers:
        lines.append(f"reference: Pelican {pelican_site.VERSION}")
    if "jekyll" in options.peers:
        lines.append(f"reference: {jekyll_version()}")
    if load > 0.5:
        lines.append(
            f"note: load average {load:.1f} at the end: other processes shared the CPU, "
            "so wall times are inflated; CPU s is the steadier figure."
        )
    return "\n".join(lines)


def interpreter() -> str:
    """The interpreter that runs the builds, past a virtual environment's link: how it was
    built changes the figures (see the README's Performance section)."""
    return os.path.realpath(sys.executable)


def compiled_modules() -> str:
    """Which of the package's modules the timed builds ran compiled (``setup.py``), asked of
    the package that ``build.py`` imports."""
    script = (
        "from pathlib import Path; import concordance; from concordance import compiled; "
        "print(*compiled.running(Path(concordance.__file__).parent))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=REPO
    )
    names = done.stdout.split()
    if not names:
        return "plain Python: no module ran compiled (see the README's Quick start)"
    return f"compiled with mypyc: {len(names)} modules"


def hugo_version() -> str:
    done = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "hugo (version unknown)"


def jekyll_version() -> str:
    done = subprocess.run(["jekyll", "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "jekyll (version unknown)"


def node_version() -> str:
    done = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
    return f"Node.js {done.stdout.strip() or '(version unknown)'}"


# ---------------------------------------------------------------------------
# Command line


def parse_args(argv: Sequence[str] | None) -> tuple[Options, argparse.Namespace]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="comma-separated N")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per step")
    parser.add_argument("--stat", choices=("median", "best"), default="median")
    parser.add_argument(
        "--vs",
        type=_peer_list,
        default=(),
        help="also time other generators, comma-separated: hugo, eleventy, pelican, jekyll",
    )
    parser.add_argument(
        "--peers",
        type=Path,
        default=cache_root(),
        help="where Eleventy and Pelican are installed for --vs (default: %(default)s)",
    )
    parser.add_argument(
        "--skip-concordance",
        action="store_true",
        help="time only the --vs generators (e.g. while the CLI is broken)",
    )
    parser.add_argument(
        "--build-args", default="", help="extra arguments for every build: --build-args='--jobs 1'"
    )
    parser.add_argument(
        "--rss-interval", type=float, default=0.1, help="seconds between tree PSS samples (0: off)"
    )
    parser.add_argument("--tmp", type=Path, help="parent of the temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", type=Path, help="also write every sample here")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    if not sizes or min(sizes) < 1 or args.repeat < 1:
        parser.error("--sizes needs positive integers and --repeat at least 1")
    options = Options(
        sizes=sizes, seed=args.seed, repeat=args.repeat, stat=args.stat,
        peers=args.vs, concordance=not args.skip_concordance,
        build_args=shlex.split(args.build_args), rss_interval=args.rss_interval,
        peer_folder=args.peers,
    )  # fmt: skip
    return options, args


def _peer_list(text: str) -> tuple[str, ...]:
    peers = tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    unknown = [p for p in peers if p not in PEERS]
    if unknown or not peers:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(PEERS)} (comma-separated)")
    return peers


def _can_run(peer: str, options: Options) -> bool:
    """Whether ``peer``'s programs are there (installing those the benchmark installs,
    before anything is timed); says what is missing when not."""
    missing = [tool for tool in PEERS[peer].needs if shutil.which(tool) is None]
    if missing:
        print(f"{' and '.join(missing)} not installed ({PEERS[peer].setup}): "
              f"skipping --vs {peer}", file=sys.stderr)  # fmt: skip
        return False
    try:
        PEERS[peer].install(options.peer_folder)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"could not install {PEERS[peer].title} into {options.peer_folder} ({exc}): "
              f"skipping --vs {peer}", file=sys.stderr)  # fmt: skip
        return False
    return True


def compile_package() -> None:
    """Write the package's bytecode, as the README's setup command does. Where
    ``PYTHONDONTWRITEBYTECODE`` is set (as on some CI images), Python would otherwise
    compile every module from source on every run, about 0.15 s of each build's start."""
    compileall.compile_dir(REPO / "concordance", quiet=1)


def main(argv: Sequence[str] | None = None) -> int:
    options, args = parse_args(argv)
    options = replace(options, peers=tuple(p for p in options.peers if _can_run(p, options)))
    if not options.concordance and not options.peers:
        print("nothing to time", file=sys.stderr)
        return 2
    if options.concordance:
        compile_package()
    root = Path(tempfile.mkdtemp(prefix="concordance-bench-", dir=args.tmp))
    rows: list[Row] = []
    generated: dict[int, float] = {}
    try:
        for n in options.sizes:
            size_rows, generated[n] = bench_size(
                Workspace(root / f"n{n}", n, options.seed), options
            )
            rows += size_rows
    except BuildFailed as failure:
        print(f"benchmark FAILED: {failure}\n(inputs and logs kept in {root})", file=sys.stderr)
        return 1
    print(header(options, generated))
    print()
    print(table(rows))
    print()
    if ratios := paired(rows):
        print("\n".join(ratios))
        print()
    print(LEGEND)
    if args.json:
        args.json.write_text(json.dumps([asdict(row) for row in rows], indent=1) + "\n")
    if args.keep:
        print(f"\n(inputs and outputs kept in {root})", file=sys.stderr)
    else:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
