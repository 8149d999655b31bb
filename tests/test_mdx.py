"""MDX's comments and module lines (``mdx``), as Docusaurus and Storybook pages write them:
shown nowhere, and a quote runs across a comment."""

from __future__ import annotations

import time

import pytest
from bs4 import BeautifulSoup

from concordance.markdown import QuoteRequest, render_body


def _text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "lxml").get_text().split())


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("The glorp {/* a note */} plan holds.", "The glorp plan holds."),
        (
            "The glorp plan holds.\n\n{/* truncate */}\n\nZelt tea.",
            "The glorp plan holds. Zelt tea.",
        ),
        (
            "The glorp plan holds.\n{/* a note\n\nover lines */}\nZelt tea.",
            "The glorp plan holds. Zelt tea.",
        ),
        (
            "import Tabs from '@theme/Tabs';\nimport { Zelt } from \"./zelt\";\n\nZelt tea.",
            "Zelt tea.",
        ),
        ("import {\n  Zelt,\n} from './zelt.js'\n\nZelt tea.", "Zelt tea."),
        (
            "export const Glorp = ({children}) => (\n  <b>{children}</b>\n);\n\nZelt tea.",
            "Zelt tea.",
        ),
        ("Zelt tea.\n\nexport default function Zelt() {}\n", "Zelt tea."),
        (  # imports and the page's metadata in one block, as blogs of Next.js write them
            "import { Callout } from '../components/Callout'\nimport Chart from './c.png'\n"
            "export const meta = {\n  author: 'Speaker 7',\n}\n\nZelt tea.",
            "Zelt tea.",
        ),
    ],
)
def test_comments_and_module_lines_are_shown_nowhere(body: str, shown: str) -> None:
    assert _text(render_body(body, []).html) == shown


@pytest.mark.parametrize(
    "body",
    [
        "import the glorp plan first.",
        "export your zelt tea",
        "import X from 'y'; then the glorp plan.",
        "import X from 'y'\nexport the glorp plan.",
        "- import X from 'y';",
        "> export const x = 1;",
        "The plan\nimport X from 'y';",
        "    import X from 'y';",
        "An open {/* comment stays.",
        "Code `{/* x */}` stays.",
    ],
)
def test_what_mdx_does_not_read_so_stays_text(body: str) -> None:
    shown = _text(render_body(body, []).html)
    assert shown.split()[0] in ("import", "export", "An", "Code", "The")


def test_a_quote_runs_across_a_comment_and_its_lines_are_counted() -> None:
    body = (
        "import Tabs from '@theme/Tabs';\n\n"
        "Speaker 9 said the glorp {/* a\nnote */} plan.\n\nZelt tea."
    )
    result = render_body(body, [QuoteRequest("q", "said the glorp plan.")])
    assert result.found == {"q": 2}
    closest = render_body(body, [QuoteRequest("q", "Zelt teas")]).closest["q"]
    assert (closest.passage, closest.line) == ("Zelt tea.", 5)


def test_a_comment_of_an_id_names_its_place() -> None:
    """As Docusaurus names a heading: ``## Glorp plan {/* #glorp */}``."""
    body = "See [the plan](#glorp) and [](#glorp).\n\n## Glorp plan {/* #glorp */}\n\nZelt tea.\n"
    page = BeautifulSoup(render_body(body, []).html, "lxml")
    assert page.select_one("h2 a[id='h:glorp']") is not None
    assert [(a.get("href"), a.get_text()) for a in page.select("p a")] == [
        ("#h:glorp", "the plan"),
        ("#h:glorp", "Glorp plan"),
    ]
    assert "#glorp" not in page.get_text()


@pytest.mark.parametrize("body", ["{/*" * 50_000, "a {/* b " * 30_000, "a {/* b */} c " * 30_000])
def test_comments_are_read_in_one_pass(body: str) -> None:
    """Each ``{/*`` searched the rest of its paragraph for its end: 50,000 took 9.9 s."""
    start = time.perf_counter()
    render_body(body, [])
    assert time.perf_counter() - start < 5  # 0.9 s now
