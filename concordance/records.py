"""Faster pickling for the records that the build cache stores by the thousand."""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Pickle a frozen slots dataclass, or a named tuple, as a call of ``cls`` with its
    field values.

    The default pickling of a slots dataclass calls ``dataclasses.fields`` for every object
    it loads; the validation cache of 5,000 articles holds about 250,000 of them, and this
    halves the time to load it. A named tuple's goes through ``object.__reduce_ex__``,
    which imports ``copyreg`` again, calls the tuple's ``__getnewargs__`` in Python and
    looks for a ``__dict__`` it has not, for every position of a validated article (some 25
    each): pickling a result took a fifth fewer instructions this way.
    """
    names = getattr(cls, "_fields", None) or [f.name for f in fields(cls)]  # type: ignore[arg-type]
    values = attrgetter(*names)

    def __reduce__(self: Any) -> tuple[type[T], tuple[Any, ...]]:
        return cls, values(self)

    setattr(cls, "__reduce__", __reduce__)  # noqa: B010 (a method added to a class)
    return cls
