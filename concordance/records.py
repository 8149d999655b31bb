"""Faster pickling for the frozen records that the build cache stores by the thousand."""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Pickle a frozen slots dataclass as a call of ``cls`` with its field values.

    The default pickling of a slots dataclass calls ``dataclasses.fields`` for every object
    it loads; the validation cache of 5,000 articles holds about 250,000 of them, and this
    halves the time to load it.
    """
    values = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]

    def __reduce__(self: Any) -> tuple[type[T], tuple[Any, ...]]:
        return cls, values(self)

    setattr(cls, "__reduce__", __reduce__)  # noqa: B010 (a method added to a class)
    return cls
