"""Hostile bodies whose work grew with the square of their size.

Each test counts the steps our code takes on a body of ``n`` and of ``4 n`` pieces, rather
than timing it: the work must grow as the body does, give or take a constant.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from concordance import markdown


def _counted(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    """Count the calls of ``module.name`` from now on; the list holds the count."""
    count = [0]
    original: Callable[..., object] = getattr(module, name)

    def counting(*args: object, **kwargs: object) -> object:
        count[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return count


def _growth(count: list[int], run: Callable[[int], object], n: int) -> float:
    """How many times more steps ``run(4 n)`` takes than ``run(n)``."""
    count[0] = 0
    run(n)
    small = count[0]
    count[0] = 0
    run(4 * n)
    return count[0] / max(small, 1)


def test_a_block_of_thousands_of_superscripts_is_read_in_one_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``1<sup></sup><sup></sup>...``: each superscript looked back over every child before
    it for the text it follows, and 20,000 of them took minutes to build."""
    count = _counted(monkeypatch, markdown, "_text_of")

    def run(n: int) -> object:
        return markdown.render_body("Zzz words.\n\n1" + "<sup></sup>" * n, [])

    assert _growth(count, run, 500) < 5
