"""A JSON object written with its keys in sorted order already (``SortedKeys``)."""

from __future__ import annotations

from typing import Any


class SortedKeys(dict[str, Any]):
    """A JSON object whose keys, and those of every object within it, were put in sorted
    order as it was made: ``json_text.script_json`` (Jinja's ``tojson``, which sorts the keys)
    writes it without sorting them again. The JSON-LD of each concept and article page is
    one (``linked_data``): orjson's sort took half the time of writing it. Not compiled
    (``setup.py``): mypyc makes no subclass of a built-in type."""
