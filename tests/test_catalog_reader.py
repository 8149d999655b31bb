"""The label catalogs read without PyYAML (``catalog_reader``): every shipped catalog as
``yaml.load`` reads it, key order too, and any text outside what the reader knows left to
PyYAML rather than read otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from concordance import labels
from concordance.catalog_reader import read_catalog

SHIPPED = sorted(labels.CATALOGS.glob("*.yaml"))


def pyyaml(text: str) -> object:
    return yaml.load(text, Loader=yaml.CSafeLoader)


@pytest.mark.parametrize("file", SHIPPED, ids=lambda file: file.name)
def test_a_shipped_catalog_is_read_as_pyyaml_reads_it(file: Path) -> None:
    text = file.read_text(encoding="utf-8")
    read = read_catalog(text)
    assert read is not None  # else each build imports PyYAML again to read it
    assert list(read.items()) == list(pyyaml(text).items())  # type: ignore[attr-defined]
    assert labels.catalog(file.stem) == read


READ = [
    'a: text  # a comment\n# a line of comment\n\nb: "{n} quoted"\n',
    "a: 'it''s' # after\nb: said \"so\" here\nc: x#y\n",
    "count:  # the forms\n  one: \"{n} item\"\n  # between forms\n  other: '{n} items'\nd: e\n",
    "a: ~x\nb: 12 monkeys\nc: yes please\n",
]
LEFT_TO_PYYAML = [
    'a: "tab\\tescaped"\n',  # an escape
    "a: yes\n",  # true to YAML
    "a: 12\n",
    "no: text\n",  # a key YAML reads as false
    "a: {n} items\n",  # a mapping to YAML
    "a: two: colons\n",
    "a: first line\n  second line\n",  # one value over two lines
    'a: "open\n  quote"\n',
    "a:\nb: c\n",  # a key without text: null
    "a:\n  one: x\n    deeper: y\n",
    "a:\n  one:\n    deeper: y\n",
    "a: x\na: y\n",  # a key twice
    "a:\tx\n",
    "---\na: x\n",
    "a: 'x' y\n",
    'a: "x"# y\n',
    "a: x\r\nb: y\r\n",
    "\ufeffa: x\n",
    "a: x\u2028b\n",
    "",
    "# only a comment\n",
    "- a\n- b\n",
    "a: &x y\n",
    "a: -\n",
    "a: !tag y\n",
]


@pytest.mark.parametrize("text", READ)
def test_what_the_reader_knows_is_read_as_pyyaml_reads_it(text: str) -> None:
    read = read_catalog(text)
    assert read is not None
    assert list(read.items()) == list(pyyaml(text).items())  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", LEFT_TO_PYYAML)
def test_any_other_text_is_left_to_pyyaml(text: str) -> None:
    assert read_catalog(text) is None
