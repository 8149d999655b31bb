"""Derived outputs: one small function each over the index (feeds, sitemap, data...)."""

from __future__ import annotations

from collections.abc import Iterator

from concordance.config import SiteConfig
from concordance.index import SiteIndex
from concordance.render import Page


def emit_all(index: SiteIndex, config: SiteConfig) -> Iterator[Page]:
    """Every derived output of the site; each emitter is a generator of pages."""
    yield from ()
