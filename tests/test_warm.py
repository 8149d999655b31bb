"""The templates of a build with nothing to compare with are compiled by a child while the
parent reads the content (``warm``), and the site is the same."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import jinja2
import pytest
from conftest import REPO, copy_content, run_cli

from concordance import runner, warm
from concordance.cache import cache_dir, code_version, template_cache
from concordance.render import environment


def compiles(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Each template compiled from now on appends the compiling process's id to ``log``
    (children forked meanwhile too)."""
    original = jinja2.Environment.compile

    def compile_(self: jinja2.Environment, *args: object, **kwargs: object) -> object:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", compile_)


def build(content: Path, out: Path, templates: Path, *extra: str) -> tuple[int, str]:
    result = run_cli(
        "build", "--content", str(content), "--out", str(out), "--templates", str(templates),
        "--quiet", "--no-search", *extra,
    )  # fmt: skip
    assert "Traceback" not in result.stderr
    return result.code, result.stderr


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_child_compiles_every_template_into_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the child has ended, every template loads compiled: a render worker (or a small
    site's one process) compiles none of them."""
    cache = tmp_path / "cache"
    # A thread an earlier test left running would keep the child from being started.
    monkeypatch.setattr(warm.threading, "active_count", lambda: 1)
    compiling = warm.compile_aside(REPO / "templates", cache)
    assert compiling is not None
    compiling.wait()
    log = tmp_path / "compiled"
    compiles(monkeypatch, log)
    env = environment(REPO / "templates", template_cache(cache, code_version()))
    names = env.list_templates(filter_func=lambda name: name.endswith(".html"))
    loaded = [env.get_template(name) for name in names if not name.startswith("static/")]
    assert len(loaded) >= len(list((REPO / "templates").glob("*.html")))
    assert not log.exists()  # nothing compiled


def test_a_clean_build_starts_the_child_and_builds_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = copy_content("basic", tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    started: list[Path] = []
    aside = warm.compile_aside
    monkeypatch.setattr(warm.threading, "active_count", lambda: 1)
    monkeypatch.setattr(
        runner,
        "compile_aside",
        lambda folder, cache: started.append(folder) or aside(folder, cache),
    )
    assert build(content, tmp_path / "site", templates, "--clean")[0] == 0
    assert started == [templates]
    monkeypatch.setattr(runner, "compile_aside", lambda *_: None)
    assert build(content, tmp_path / "plain", templates, "--clean")[0] == 0
    assert tree(tmp_path / "site") == tree(tmp_path / "plain")


def test_a_rebuild_starts_no_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild has its templates compiled by the last build: no fork, no cost."""
    content = copy_content("basic", tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    out = tmp_path / "site"
    assert build(content, out, templates)[0] == 0
    assert any((cache_dir(out) / "jinja").rglob("*.cache"))
    forked: list[int] = []
    monkeypatch.setattr(warm.os, "fork", lambda: forked.append(1) or 999_999)
    (content / "articles" / next((content / "articles").iterdir()).name).touch()
    assert build(content, out, templates)[0] == 0
    assert forked == []


def test_a_template_that_does_not_compile_is_reported_by_the_build(tmp_path: Path) -> None:
    """The child ends without a word; the build reports the template at its line, once."""
    content = copy_content("basic", tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    code, stderr = build(content, tmp_path / "site", templates, "--clean")
    assert code != 0
    assert sum(line.endswith("[template-error]") for line in stderr.splitlines()) == 1
    assert stderr.splitlines()[0].startswith(f"{base}:")


def test_no_child_is_forked_beside_other_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child forked while another thread holds a lock (``serve``'s, importing) would wait
    for it for ever, and the build for the child."""
    forked: list[int] = []
    monkeypatch.setattr(warm.os, "fork", lambda: forked.append(1) or 999_999)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert warm.compile_aside(REPO / "templates", tmp_path) is None
    finally:
        stop.set()
        other.join()
    assert forked == []
