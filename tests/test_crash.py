"""Crash safety and concurrency of the output: a build killed at any moment (SIGKILL)
leaves the previous site complete and byte-identical; two builds on one output never
interleave; no temporary directory outlives the next build.

The builds run as subprocesses in their own process group (so the search indexer they
may start is killed with them) over a synthetic corpus big enough that a build takes
a noticeable time; they are killed at fractions of a measured full build.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO, run_cli

from concordance.write import output_lock

KILL_FRACTIONS = (0.05, 0.25, 0.45, 0.65, 0.85, 1.0)
ARTICLES = 150
BUILD_TIMEOUT = 300

Snapshot = dict[str, str]


def write_corpus(content: Path, version: str) -> None:
    """Synthetic articles; every page's bytes depend on ``version``."""
    articles = content / "articles"
    articles.mkdir(parents=True)
    (content / "site.yaml").write_text(f"title: Crash site {version}\nlanguage: en\n")
    for i in range(ARTICLES):
        words = [f"vorl{(i * 7 + k) % 101}an" for k in range(60)]
        quotes = "".join(
            f"  - text: {' '.join(words[k * 10 : k * 10 + 8])}\n"
            f"    concepts: [topic {(i + k) % 23}, theme {version}]\n"
            for k in range(3)
        )
        body = "\n\n".join(" ".join(words[k * 10 : k * 10 + 10]) + "." for k in range(6))
        (articles / f"2020-01-{1 + i % 28:02d}-a{i:03d}.md").write_text(
            f"---\ntitle: Article {i} {version}\ndate: 2020-01-{1 + i % 28:02d}\n"
            f"speaker: Speaker {i % 9}\nquotes:\n{quotes}---\n{body}\n"
        )


def start_build(root: Path, content: str, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            str(REPO / "build.py"),
            "build",
            "--content",
            content,
            "--out",
            "site",
            "--quiet",
            *extra,
        ],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def finish(proc: subprocess.Popen[bytes]) -> str:
    output, _ = proc.communicate(timeout=BUILD_TIMEOUT)
    text = output.decode("utf-8", "replace")
    assert proc.returncode == 0, text
    return text


def snapshot(site: Path) -> Snapshot:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def leftovers(root: Path) -> list[str]:
    """Entries beside the output that are neither content, the site nor the cache."""
    expected = {"content-a", "content-b", "site", ".cache"}
    return sorted(p.name for p in root.iterdir() if p.name not in expected)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Snapshot], float]:
    """Two versions of a site, built once each: (root, snapshots by version, seconds per build)."""
    root = tmp_path_factory.mktemp("crash")
    snapshots: dict[str, Snapshot] = {}
    seconds = 0.0
    for version in ("a", "b"):
        write_corpus(root / f"content-{version}", version)
        started = time.monotonic()
        finish(start_build(root, f"content-{version}"))
        seconds = max(seconds, time.monotonic() - started)
        snapshots[version] = snapshot(root / "site")
    assert snapshots["a"].keys() & snapshots["b"].keys()
    assert all(
        snapshots["a"][k] != snapshots["b"][k] for k in ("index.html", "articles/index.html")
    )
    return root, snapshots, seconds


def test_sigkill_at_any_moment_leaves_a_complete_site(
    corpus: tuple[Path, dict[str, Snapshot], float],
) -> None:
    root, snapshots, seconds = corpus
    current = "b"  # the fixture built b last
    outcomes = []
    for n, fraction in enumerate(KILL_FRACTIONS):
        target = "a" if current == "b" else "b"
        proc = start_build(root, f"content-{target}")
        time.sleep(seconds * fraction)
        # Every other time only the build itself dies, as under the OOM killer: a search
        # indexer it started lives on, writing into a staging tree nobody owns any more.
        os.killpg(proc.pid, signal.SIGKILL) if n % 2 else os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=BUILD_TIMEOUT)
        state = snapshot(root / "site")
        # Whole old site, or (when the kill came after the swap) whole new site.
        assert state in (snapshots[current], snapshots[target]), fraction
        current = "a" if state == snapshots["a"] else "b"
        outcomes.append((fraction, current == target))
    # A build after all those kills works and cleans up after them.
    target = "a" if current == "b" else "b"
    finish(start_build(root, f"content-{target}"))
    assert snapshot(root / "site") == snapshots[target]
    assert leftovers(root) == []
    assert any(not swapped for _, swapped in outcomes), outcomes


def test_concurrent_builds_do_not_interleave(
    corpus: tuple[Path, dict[str, Snapshot], float],
) -> None:
    root, snapshots, _ = corpus
    first, second = start_build(root, "content-a"), start_build(root, "content-b")
    finish(first)
    finish(second)
    assert snapshot(root / "site") in (snapshots["a"], snapshots["b"])
    assert leftovers(root) == []


def test_a_build_waits_for_the_lock(corpus: tuple[Path, dict[str, Snapshot], float]) -> None:
    root, snapshots, seconds = corpus
    finish(start_build(root, "content-a"))
    with open(root / ".site.lock", "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        proc = start_build(root, "content-b")
        time.sleep(seconds * 2 + 1)
        # Held off by the lock: still running, the site untouched.
        assert proc.poll() is None
        assert snapshot(root / "site") == snapshots["a"]
        fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
    assert "waiting for another build" in finish(proc)
    assert snapshot(root / "site") == snapshots["b"]
    assert leftovers(root) == []


def test_a_clean_build_waits_for_the_lock_before_discarding_the_cache(
    corpus: tuple[Path, dict[str, Snapshot], float],
) -> None:
    """``--clean`` renames the cache away, and with it the spare tree another build may be
    filling: done before taking the lock, the other build's half-written tree was later
    swapped in as the site."""
    root, snapshots, seconds = corpus
    finish(start_build(root, "content-a"))
    cache = {p.name: p.stat().st_ino for p in (root / ".cache").iterdir()}
    with open(root / ".site.lock", "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        proc = start_build(root, "content-b", "--clean")
        time.sleep(seconds + 1)
        assert proc.poll() is None
        now = {p.name: p.stat().st_ino for p in (root / ".cache").iterdir()}
        assert now == cache  # nothing renamed away (and made again) yet
        fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
    finish(proc)
    assert snapshot(root / "site") == snapshots["b"]
    assert leftovers(root) == []


def test_workers_end_with_a_killed_build_and_print_nothing(
    corpus: tuple[Path, dict[str, Snapshot], float],
) -> None:
    """Only the build is killed (as by the OOM killer): its workers must end with it at once,
    not finish their chunks and print a broken pipe's traceback into the terminal."""
    root, _, seconds = corpus
    for fraction in (0.2, 0.35, 0.5, 0.65, 0.8):
        proc = start_build(root, "content-a", "--clean", "--no-search", "--jobs", "2")
        time.sleep(seconds * fraction)
        os.kill(proc.pid, signal.SIGKILL)
        # The workers hold the output pipe too: it closes when the last of them has ended.
        started = time.monotonic()
        output, _ = proc.communicate(timeout=BUILD_TIMEOUT)
        assert time.monotonic() - started < 2, f"workers outlived the build ({fraction})"
        assert b"Traceback" not in output, output.decode("utf-8", "replace")
    finish(start_build(root, "content-a"))


@pytest.mark.parametrize("error", [False, True])
def test_a_build_leaves_no_lock_beside_the_site(tmp_path: Path, error: bool) -> None:
    """The lock file is removed when the build ends: a build that fails with content
    errors leaves beside the output what a successful one does, the site and the cache."""
    content, out = tmp_path / "content-a", tmp_path / "site"
    write_corpus(content, "a")
    run_cli("build", "--content", str(content), "--out", str(out))
    if error:
        article = next((content / "articles").iterdir())
        article.write_text("---\ntitle: [\n---\nBody.\n", encoding="utf-8")
    built = run_cli("build", "--content", str(content), "--out", str(out))
    assert built.code == (1 if error else 0), built.stderr
    assert leftovers(tmp_path) == []


def test_the_lock_holds_though_the_build_before_removed_its_file(tmp_path: Path) -> None:
    """A build waiting on the lock file that the build before removes as it ends takes the
    lock on the file in its place, as a build started meanwhile does: one at a time."""
    out = tmp_path / "site"
    inside: list[str] = []
    overlapped: list[str] = []
    done = threading.Event()

    def hold(name: str, started: threading.Event) -> None:
        with output_lock(out, started.set):
            if inside:
                overlapped.append(name)
            inside.append(name)
            done.wait(5)
            inside.remove(name)

    with output_lock(out):
        waiting = threading.Event()
        second = threading.Thread(target=hold, args=("second", waiting))
        second.start()
        assert waiting.wait(5)  # blocked on the file this build removes as it ends
    third = threading.Thread(target=hold, args=("third", threading.Event()))
    third.start()
    time.sleep(0.5)
    done.set()
    second.join(10)
    third.join(10)
    assert not overlapped
    assert not (tmp_path / ".site.lock").exists()


_INTERRUPTED_IMPORT = """
import runpy, sys

module = sys.argv[1]

class Interrupt:  # Ctrl-C pressed while ``module`` is being imported
    def find_spec(self, name, path=None, target=None):
        if name == module:
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = [sys.argv[2], "build", "--content", sys.argv[3], "--out", sys.argv[4]]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@pytest.mark.parametrize("module", ["concordance.heap", "concordance.cli", "markdown_it"])
def test_ctrl_c_while_starting_prints_no_traceback(tmp_path: Path, module: str) -> None:
    """Ctrl-C during the imports of the first fraction of a second, or while the command
    line is read, ends the run as one later does: exit 130, nothing printed, nothing made."""
    content, out = tmp_path / "content", tmp_path / "site"
    write_corpus(content, "a")
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    args = [_INTERRUPTED_IMPORT, module, str(REPO / "build.py"), str(content), str(out)]
    ran = subprocess.run(
        [sys.executable, "-c", *args], capture_output=True, text=True, env=env, timeout=60
    )
    assert (ran.returncode, ran.stderr) == (130, "")
    assert not out.exists()
