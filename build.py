"""Entry point: ``python build.py [build|check|...]``. See concordance.cli."""

import gc

# Importing allocates much and frees little: collections during it would only add to the
# start-up of every run, which a rebuild after an edit is mostly made of.
gc.disable()
from concordance.cli import entry  # noqa: E402

gc.enable()
entry()
