"""Python's own ``str.lower``, for the modules ``setup.py`` compiles with mypyc.

mypyc compiles ``text.lower()`` to a lowering of each character alone, which misses Greek's
final sigma: Python lowers the Σ that ends a word to ς, mypyc (before Python 3.13) to σ, so a
heading's id, an address or a compared name would differ between the compiled build and the
source. Called as ``casing.lower(text)``, a compiled module gets Python's
(``tests/test_compiled.py`` finds any other ``.lower()`` in them).
"""

from collections.abc import Callable

lower: Callable[[str], str] = str.lower
