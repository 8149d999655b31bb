"""Entry point: ``python build.py [build|check|...]``. See concordance.cli."""

from concordance.cli import main

raise SystemExit(main())
