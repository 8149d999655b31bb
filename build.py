"""Entry point: ``python build.py [build|check|...]``. See concordance.cli."""

import sys

try:
    from concordance.heap import paused

    with paused():  # start-up is most of a rebuild after an edit: see concordance.heap
        from concordance.cli import entry
except KeyboardInterrupt:  # Ctrl-C while starting: nothing was read or written yet
    sys.exit(130)

entry()
