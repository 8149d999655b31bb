"""Faster making and pickling for the records that validation and the build cache make by
the thousand."""

from __future__ import annotations

from dataclasses import MISSING, fields
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")

new_tuple = tuple.__new__
"""A named tuple made of all its fields, in C: ``new_tuple(Span, (path, line, col))`` is
``Span(path, line, col)`` without the function in Python that a named tuple's ``__new__``
is. A front matter makes a ``Span`` for each key and value and a ``load.YNode`` for each
value: those calls took 1.3% of validating an article."""


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


def set_through_slots(cls: type[T]) -> type[T]:
    """Give a frozen slots dataclass an ``__init__`` that sets each field through its slot.

    A frozen dataclass's own ``__init__`` sets each field with ``object.__setattr__``, which
    looks the field's name up on the type again every time; calling each slot's descriptor
    took half as long, but each was still a call of a ``method-wrapper`` (some 630
    instructions). This one lends the new object, for the time of its ``__init__``, a class
    of the same slots that is not frozen (``_filling``): its fields are then set as any
    slots are, each by the interpreter's own store of an attribute, and the object is given
    back its class (Quote's 12 fields: 2.1 -> 1.2 µs). Validation makes an article's record
    and each of its quotes', and the build makes them all again when it loads each worker's
    result, in the one parent process. The signature is the dataclass's: the same names,
    order, defaults and annotations. Only fields a plain ``__init__`` sets will do: no
    ``default_factory``, ``init=False``, ``kw_only`` or ``__post_init__``; and no subclass,
    whose objects this ``__init__`` would give ``cls`` as their class.
    """
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__")
    params: list[str] = []
    body: list[str] = []
    scope: dict[str, Any] = {"_lend": object.__setattr__, "_own": cls, "_filling": _filling(cls)}
    for field in fields(cls):  # type: ignore[arg-type]
        if field.default_factory is not MISSING or not field.init or field.kw_only:
            raise TypeError(f"{cls.__name__}.{field.name} is not a plain field")
        name = field.name
        body.append(f"    self.{name} = {name}\n")
        if field.default is MISSING:
            params.append(name)
        else:
            scope[f"_default_{name}"] = field.default
            params.append(f"{name}=_default_{name}")
    lent = "    _lend(self, '__class__', _filling)\n"
    given_back = "    self.__class__ = _own\n"
    exec(f"def __init__(self, {', '.join(params)}):\n{lent}{''.join(body)}{given_back}", scope)
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = cls.__init__.__annotations__
    setattr(cls, "__init__", init)  # noqa: B010 (a method added to a class)
    return cls


def _filling(cls: type[T]) -> type:
    """A class of ``cls``'s slots (and base) that lets them be set: an object of ``cls`` may
    take it as its class and back (``__class__`` is assigned between classes of the same
    layout)."""
    return type(f"_{cls.__name__}Filling", cls.__bases__, {"__slots__": cls.__slots__})  # type: ignore[attr-defined]
