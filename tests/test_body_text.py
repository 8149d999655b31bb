"""A body's text as quotes are compared with it (``body_text.fold_tokens``): its short paths
give what the general ones give."""

from __future__ import annotations

from pathlib import Path

import pytest

from concordance import body_text, textnorm
from tests.conftest import build_one_article, highlights

_FRONT = (
    "title: Glorp\ndate: 2024-01-05\nspeaker: Speaker 7\nquotes:\n"
    "  - text: glorp zorp\n    concepts: [tesik plan]\n"
    "  - text: \"'zorp' runs - on\"\n    concepts: [tesik plan]\n"
    "  - text: two spaces here\n    concepts: [tesik plan]\n"
    "  - text: blip-blop and code kept\n    concepts: [tesik plan]\n"
)
_BODY = (
    "Speaker 7 said *glorp* zorp and **nothing** plainer.\n\n"
    "Then \u2018zorp\u2019 runs -- on and on.\n\n"
    "Here two  spaces here stay.\n\n"
    "A blip-*-blop* and `code kept` too.\n\n"
    "- item of glorp\n- item of ![zorp image](zorp.png) shown\n"
)
_PLAIN_PIECES = ["Speaker 7 said ", "glorp", " zorp and ", "nothing", " plainer."]


@pytest.mark.python_source
def test_a_block_of_plain_text_is_told_to_fold_to_itself_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The texts of a block of printable ASCII, without two spaces or two hyphens in a row,
    are told to fold to themselves once for the block, not one by one (each took Unicode's
    tables for every character); a block with a curly quote, a run of hyphens or of spaces,
    or an image is folded as before, and every quote is highlighted."""
    asked: list[str] = []
    one_by_one = textnorm._folds_to_itself

    def counted(text: str, start: int) -> bool:
        asked.append(text)
        return one_by_one(text, start)

    monkeypatch.setattr(textnorm, "_folds_to_itself", counted)
    one = build_one_article(tmp_path, "2024-01-05-glorp", _FRONT, _BODY)
    assert highlights(one.body) == [
        "glorp zorp",
        "\u2018zorp\u2019 runs -- on",
        "two  spaces here",
        "blip--blop and code kept",  # hyphens on either side of markup: one run
    ]
    assert not set(_PLAIN_PIECES) & set(asked)
    assert {"Then \u2018zorp\u2019 runs -- on and on.", "Here two  spaces here stay."} <= set(asked)


def test_a_body_folds_as_it_did_text_by_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site built with every block told to fold to itself at once is the one built with
    each text told alone (the general path), byte for byte, highlights and hints alike."""
    quick = build_one_article(tmp_path / "quick", "2024-01-05-glorp", _FRONT, _BODY)
    monkeypatch.setattr(body_text, "folds_to_itself", lambda text: False)
    general = build_one_article(tmp_path / "general", "2024-01-05-glorp", _FRONT, _BODY)
    assert str(quick.body) == str(general.body)
    diagnostics = quick.built.stderr.replace("quick", "general").splitlines()[:-1]  # not the time
    assert diagnostics == general.built.stderr.splitlines()[:-1]
    assert len(highlights(quick.body)) == 4


@pytest.mark.parametrize(
    "piece",
    ["glorp zorp", " glorp", "glorp ", "glorp  zorp", "glorp\tzorp", "a\nb", "", " ", "x\x1fy"],
)
def test_a_plain_passage_is_spaced_as_its_words_joined(piece: str) -> None:
    """A passage of printable ASCII with one space between words is itself, not split and
    joined again (``_spaced``): the same text."""
    assert body_text._spaced(piece) == " ".join(piece.split())
