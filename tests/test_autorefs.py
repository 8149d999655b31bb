"""Cross-references of mkdocs-autorefs (``[the parser][glorp.Parser]``, ``[`glorp.Plan`][]``),
as the documentation mkdocstrings builds writes them: the page shows the text in brackets,
not the brackets and the label, and quotes copied from the page or the source are found
and highlighted as the page shows them. Other undefined labels stay text."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import build_one_article, highlights

BODY = (
    "Zorps inherit from [`glorp.zorps.Zorp`][glorp.zorps.Zorp]\n"
    "and implement a [`frob`][glorp.zorps.Zorp.frob] method. See [`glorp.Plan`][] and\n"
    "[the plan][glorp.Plan] for more, not [the blim][1], [zelt][quux], [`frob`][] or\n"
    "\\[plonk][glorp.plonk].\n"
)
QUOTES = [
    "inherit from glorp.zorps.Zorp and implement a frob method",  # from the page
    "See [`glorp.Plan`][] and\n[the plan][glorp.Plan] for more",  # from the source
    "not [the blim][1], [zelt][quux], [frob][] or [plonk][glorp.plonk]",
]


def _front(quotes: list[str]) -> str:
    entries = "".join(f"  - text: {json.dumps(q)}\n    concepts: [glorp]\n" for q in quotes)
    return f"title: T\ndate: 2024-01-09\nspeaker: Speaker 7\nquotes:\n{entries}"


def test_cross_references_show_their_text(tmp_path: Path) -> None:
    built = build_one_article(tmp_path, "2024-01-09-t", _front(QUOTES), BODY)
    paragraph = built.body.select_one("p")
    assert paragraph is not None
    assert " ".join(paragraph.get_text().split()) == (
        "Zorps inherit from glorp.zorps.Zorp and implement a frob method. See glorp.Plan and"
        " the plan for more, not [the blim][1], [zelt][quux], [frob][] or [plonk][glorp.plonk]."
    )
    assert [code.get_text() for code in paragraph.select("code")] == [
        "glorp.zorps.Zorp",
        "frob",
        "glorp.Plan",
        "frob",
    ]
    assert paragraph.select("a") == []  # no page of the object to link to
    assert [" ".join(text.split()) for text in highlights(built.body)] == [
        "inherit from glorp.zorps.Zorp and implement a frob method",
        "See glorp.Plan and the plan for more",
        "not [the blim][1], [zelt][quux], [frob][] or [plonk][glorp.plonk]",
    ]


def test_a_defined_label_stays_a_link(tmp_path: Path) -> None:
    body = "Read [the plan][glorp.Plan] now.\n\n[glorp.plan]: https://example.org/plan\n"
    built = build_one_article(tmp_path, "2024-01-09-t", _front(["Read the plan now."]), body)
    links = built.body.select("p a")
    assert [(a.get_text(), a["href"]) for a in links] == [("the plan", "https://example.org/plan")]
