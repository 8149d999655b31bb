"""Code fenced with its language or directive in braces (``code_cells``), as MyST, Quarto and
R Markdown write it: its code, marked with its language, without the tool's options."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from concordance.markdown import render_body


@pytest.mark.parametrize(
    ("body", "language", "code"),
    [
        (
            "```{code-block} python\n:linenos:\n:emphasize-lines: 2\nglorp = 1\n```\n",
            "python",
            "glorp = 1\n",
        ),
        ("```{code-cell} ipython3\n---\ntags: [hide]\n---\nzelt()\n```\n", "ipython3", "zelt()\n"),
        ("```{r glorp-plot, echo=FALSE}\nplot(zelt)\n```\n", "r", "plot(zelt)\n"),
        ("```{python}\n#| label: fig-glorp\n#| echo: false\nzelt()\n```\n", "python", "zelt()\n"),
        ("```{.python}\nzelt()\n```\n", "python", "zelt()\n"),
        ("```{math}\n:label: glorp\na^2\n```\n", "math", "a^2\n"),
        ("```{code}\n# a comment: kept\n```\n", None, "# a comment: kept\n"),
    ],
)
def test_a_cell_is_code_of_its_language_without_options(
    body: str, language: str | None, code: str
) -> None:
    found = BeautifulSoup(render_body(body, []).html, "lxml").select_one("pre code")
    assert found is not None and found.get_text() == code
    assert found.get("class") == ([f"language-{language}"] if language else None)


def test_code_that_only_looks_like_options_is_kept() -> None:
    body = "```python\n:linenos:\n#| not Quarto's\nglorp = 1\n```\n"
    found = BeautifulSoup(render_body(body, []).html, "lxml").select_one("pre code")
    assert found is not None and found.get_text() == ":linenos:\n#| not Quarto's\nglorp = 1\n"
