"""Concordance: annotated quotes in Markdown articles -> a verified, cross-linked concept site."""

from pathlib import Path

from concordance.compiled import use_fresh

__version__ = "0.1.0"

use_fresh(__name__, Path(__file__).parent)
