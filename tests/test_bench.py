"""A small run of the benchmark (bench/run.py) so it never rots. It asserts what the table
says, not how fast anything was: the real figures come from running the script itself."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from bench import pathological
from bench import run as bench_run
from concordance import compiled, pipeline

STEPS = [
    "first build",
    "clean build",
    "no-change rebuild",
    "1 article edited",
    "1 article title edited",
    "1 concept edited",
    "base template edited",
]


def test_benchmark_smoke_run(tmp_path: Path) -> None:
    samples = tmp_path / "samples.json"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
        code = bench_run.main(
            [
                "--sizes",
                "120",
                "--repeat",
                "1",
                "--rss-interval",
                "0",
                "--tmp",
                str(tmp_path),
                "--json",
                str(samples),
            ]
        )
    assert code == 0, printed.getvalue()
    rows = [
        line.split("|")[1:-1]
        for line in printed.getvalue().splitlines()
        if line.startswith("| 120 |")
    ]
    assert [cells[2].strip() for cells in rows] == STEPS
    pages = {int(cells[3]) for cells in rows}
    assert len(pages) == 1 and pages.pop() > 120  # articles + concept, speaker, index pages
    recorded = json.loads(samples.read_text())
    assert [row["step"] for row in recorded] == STEPS
    assert all(row["samples"][0]["wall"] > 0 for row in recorded)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith("concordance-bench-")]
    assert leftovers == []
    # The header says whether the timed builds ran compiled, as this process imported them.
    ran = compiled.running(Path(compiled.__file__).parent)
    said = f"compiled with mypyc: {len(ran)} modules" if ran else "plain Python: no module ran"
    assert said in printed.getvalue()
    # And which interpreter ran them: an optimised build of CPython runs them faster.
    assert f"({os.path.realpath(sys.executable)})" in printed.getvalue()
    # Timed runs start from written bytecode, as after the README's setup command.
    assert Path(importlib.util.cache_from_source(pipeline.__file__)).is_file()


def test_incremental_steps_change_the_inputs(tmp_path: Path) -> None:
    """Each repeat of an edit step must really change a file (or the rebuild measures
    nothing), and the article edit must keep every quote verifiable."""
    space = bench_run.Workspace(tmp_path, 60, 3)
    bench_run.gen_corpus.generate(space.n, space.seed, space.content)
    steps = {step.name: step for step in bench_run.concordance_steps(space)}
    before = {p: p.read_bytes() for p in space.content.rglob("*.md")}
    cache = tmp_path / ".cache" / f"concordance-{space.out.name}"
    for folder in (cache, space.out):
        folder.mkdir(parents=True)
    steps["clean build"].prepare(0)
    assert cache.is_dir() and not space.out.exists()  # --clean writes over the cache's tree
    space.out.mkdir()
    steps["first build"].prepare(0)
    assert not cache.exists() and not space.out.exists()  # as on a fresh checkout
    steps["1 article edited"].prepare(0)
    edited = {p: p.read_bytes() for p in space.content.rglob("*.md")}
    steps["1 article title edited"].prepare(0)
    steps["1 concept edited"].prepare(0)
    after = {p: p.read_bytes() for p in space.content.rglob("*.md")}
    assert sum(before[p] != after[p] for p in before) == 2
    assert sum(edited[p] != after[p] for p in before) == 2  # the title edit changed the file


def test_pathological_cases_smoke_run(tmp_path: Path) -> None:
    """Every case of bench/pathological.py builds at a hundredth of its size: a table row
    each, exit 1 only where the case is a content error, nothing left behind."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = pathological.main(["--scale", "0.01", "--tmp", str(tmp_path)])
    assert code == 0, printed.getvalue()
    rows = {
        cells[0].strip(): cells
        for line in printed.getvalue().splitlines()
        if line.startswith("| ") and not line.startswith("| case")
        for cells in [line.split("|")[1:-1]]
    }
    assert list(rows) == [case.name for case in pathological.CASES]
    exits = {name: int(cells[3]) for name, cells in rows.items()}
    # 500 block quotes deep is past Markdown's nesting limit: markdown-too-deep, a content error
    errors = {"missing quotes in a long body", "nested block quotes"}
    errors |= {case.name for case in pathological.CASES if case.name.startswith("a quote ")}
    assert {name for name, code in exits.items() if code} == errors
    written = {name: int(cells[4].replace(",", "")) for name, cells in rows.items()}
    builds = {case.name for case in pathological.CASES if case.command == "build"}
    assert all(written[name] > 0 for name, code in exits.items() if code == 0 and name in builds)
    assert list(tmp_path.iterdir()) == []


def test_peers_are_timed_between_our_repeats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each repeat runs our steps and then each peer's clean build, so the ratio compares
    builds run side by side, not ours in one stretch and the peer's in a later one; the
    ratio of each repeat is printed as well as the medians'."""
    timed: list[tuple[str, ...]] = []
    walls = iter([8.0, 4.0, 2.0, 6.0, 6.0, 4.0])  # first build, clean build, peer; twice

    def fake_measure(command: Sequence[str], cwd: Path, *_: object) -> bench_run.Sample:
        timed.append(tuple(command))
        at = (len(timed) - 1) % (len(STEPS) + 1)  # the build's place in its repeat
        wall = next(walls) if at in (0, 1, len(STEPS)) else 0.5
        return bench_run.Sample(wall, wall, 1.0, None, 1)

    rows = _bench_with_a_fake_peer(tmp_path, monkeypatch, fake_measure, 0.0)
    kinds = ["peer" if command == ("peer",) else "ours" for command in timed]
    assert kinds == (["ours"] * len(STEPS) + ["peer"]) * 2
    lines = bench_run.paired(rows)
    assert lines == [
        "first build ÷ Peer at N=20, repeat by repeat: 4.00x, 1.50x (median 2.75x)",
        "clean build ÷ Peer at N=20, repeat by repeat: 2.00x, 1.50x (median 1.75x)",
    ]


def test_peer_sites_are_written_apart(tmp_path: Path) -> None:
    """A peer's site is written by a process of its own: what converting a corpus allocates
    here would count in the max RSS of every build timed after it."""
    seen = tmp_path / "pid"

    def write(content: Path, site: Path) -> int:
        seen.write_text(str(os.getpid()))
        return 0

    bench_run.apart(write, tmp_path, tmp_path / "site")
    assert int(seen.read_text()) != os.getpid()

    def fail(content: Path, site: Path) -> int:
        raise OSError("disk full")

    with pytest.raises(RuntimeError, match="exit code 1"):
        bench_run.apart(fail, tmp_path, tmp_path / "site")


def test_memory_is_sampled_in_runs_apart_from_the_timed_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sampling every process's PSS slows our builds: the timed runs are never sampled, and
    one more run of each step gives the tree's PSS, its time left out of the figures."""
    calls: list[tuple[str, float]] = []

    def fake_measure(
        command: Sequence[str], cwd: Path, logs: Path, out: Path, interval: float
    ) -> bench_run.Sample:
        calls.append((command[0], interval))
        sampled = interval > 0
        return bench_run.Sample(9.0 if sampled else 1.0, 1.0, 1.0, 50.0 if sampled else None, 1)

    rows = _bench_with_a_fake_peer(tmp_path, monkeypatch, fake_measure, 0.25)
    timed = (len(STEPS) + 1) * 2
    assert {interval for _, interval in calls[:timed]} == {0.0}
    assert [interval for _, interval in calls[timed:]] == [0.25] * (len(STEPS) + 1)
    for row in rows:
        assert row.aggregate is not None
        assert (row.aggregate.wall, row.aggregate.tree_pss_mib) == (1.0, 50.0)


def _bench_with_a_fake_peer(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    measure: Callable[..., bench_run.Sample],
    interval: float,
) -> list[bench_run.Row]:
    """The rows of two repeats at N=20 beside a peer named ``peer``, each build run by
    ``measure`` (``bench_run.measure``'s stand-in) with the tree's PSS sampled every
    ``interval`` s in a pass of its own."""

    def write(content: Path, site: Path) -> int:
        site.mkdir()
        return 0

    peer = bench_run.Peer("Peer", (), "", write, lambda _: Path("peer"), lambda p, o: [str(p)])
    monkeypatch.setitem(bench_run.PEERS, "peer", peer)
    monkeypatch.setattr(bench_run, "measure", measure)
    options = bench_run.Options([20], 1, 2, "median", ("peer",), True, [], interval)
    rows, _ = bench_run.bench_size(bench_run.Workspace(tmp_path, 20, 1), options)
    return rows
