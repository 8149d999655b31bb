"""A pickled value written whole or not at all."""

from __future__ import annotations

import os
import pickle
from pathlib import Path


def store(file: Path, value: object) -> None:
    """Write-then-rename, so a killed build leaves the old file or the new one, never half."""
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, file)
    except BaseException:
        # A full disk: named for this process, the half-written file would be left for good.
        temporary.unlink(missing_ok=True)
        raise
