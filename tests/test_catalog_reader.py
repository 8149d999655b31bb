"""The label catalogs read without PyYAML (``catalog_reader``): every shipped catalog as
``yaml.load`` reads it, key order too, and any text outside what the reader knows left to
PyYAML rather than read otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from concordance import labels
from concordance.catalog_reader import Catalog, read_catalog

SHIPPED = sorted(labels.CATALOGS.glob("*.yaml"))


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


def read_alike(text: str) -> Catalog:
    """``text`` read by ``read_catalog``, which must read it, as PyYAML reads it."""
    read = read_catalog(text)
    assert read is not None
    loaded = yaml.load(text, Loader=yaml.CSafeLoader)
    assert list(read.items()) == list(loaded.items())  # key order too: labels keep it
    return read


@pytest.mark.parametrize("file", SHIPPED, ids=lambda file: file.name)
def test_a_shipped_catalog_is_read_as_pyyaml_reads_it(file: Path) -> None:
    read = read_alike(file.read_text(encoding="utf-8"))  # else builds import PyYAML for it
    assert labels.catalog(file.stem) == read


@pytest.mark.parametrize("text", READ)
def test_what_the_reader_knows_is_read_as_pyyaml_reads_it(text: str) -> None:
    read_alike(text)


@pytest.mark.parametrize("text", LEFT_TO_PYYAML)
def test_any_other_text_is_left_to_pyyaml(text: str) -> None:
    assert read_catalog(text) is None
