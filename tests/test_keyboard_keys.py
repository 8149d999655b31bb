"""Keys as PyMdown Extensions' keys extension writes them (``keyboard_keys``): ``++ctrl+alt+
del++`` shown as the keys' ``<kbd>`` elements, Ctrl+Alt+Del, as MkDocs shows them; a quote
copied from the page or the source found and highlighted as the page shows it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import build_one_article

from concordance.keyboard_keys import printed

BODY = (
    'Press ++ctrl+alt+del++ or ++cmd+"Z&eacute;lt"++, then ++pg-up++, ++f5++ and ++ctrl+plus++,\n'
    "not C++ nor ++glorp++ nor `++ctrl++` nor \\++ctrl++ nor a++b++.\n"
)


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("ctrl", "Ctrl"),
        ("del", "Del"),
        ("page-up", "Page Up"),
        ("z", "Z"),
        ("f12", "F12"),
        ("num5", "Num 5"),
        ("underscore", "_"),
        ('"My key"', "My key"),
        ("glorp", ""),
        ("Ctrl", ""),  # names are looked up as written, as the extension does
        ("Z", ""),
    ],
)
def test_printed(key: str, shown: str) -> None:
    assert printed(key) == shown


@pytest.mark.parametrize(
    ("typed", "marked"),
    [
        (
            "Press Ctrl+Alt+Del or Cmd+Zélt, then Page Up",
            "Press Ctrl+Alt+Del or Cmd+Zélt, then Page Up",
        ),
        ("Press ++ctrl+alt+del++ or", "Press Ctrl+Alt+Del or"),  # from the source
    ],
)
def test_keys_are_kbd_elements(tmp_path: Path, typed: str, marked: str) -> None:
    front = f"title: Keys\ndate: 2024-01-05\nquotes:\n  - text: {json.dumps(typed)}\n"
    one = build_one_article(tmp_path, "2024-01-05-keys", front, BODY)
    paragraph = one.body.find("p")
    assert paragraph is not None
    assert [kbd.get_text() for kbd in paragraph.find_all("kbd")] == [
        "Ctrl",
        "Alt",
        "Del",
        "Cmd",
        "Zélt",
        "Page Up",
        "F5",
        "Ctrl",
        "+",
    ]
    assert " ".join(paragraph.get_text().split()) == (
        "Press Ctrl+Alt+Del or Cmd+Zélt, then Page Up, F5 and Ctrl++, not C++ nor ++glorp++"
        " nor ++ctrl++ nor ++ctrl++ nor a++b++."
    )
    assert paragraph.find("code").get_text() == "++ctrl++"
    marks = "".join(m.get_text() for m in one.body.select("mark.quote"))
    assert marks == marked
