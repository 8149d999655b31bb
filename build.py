"""Entry point: ``python build.py [build|check|...]``. See concordance.cli."""

from concordance.heap import paused

with paused():  # start-up is most of a rebuild after an edit: see concordance.heap
    from concordance.cli import entry

entry()
