"""Derived outputs: one small function each over the index (feeds, sitemap, data...).

``emit_all`` passes the rendered pages through, noting the HTML ones, so the sitemap
lists exactly the pages that were written, whatever pages the renderer produces.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from concordance.config import SiteConfig
from concordance.emit import data, feeds, sitemap
from concordance.emit.dates import fallback_date
from concordance.index import SiteIndex
from concordance.render import Output


def emit_all(index: SiteIndex, config: SiteConfig, rendered: Iterable[Output]) -> Iterator[Output]:
    """The rendered pages, then every derived output of the site."""
    html: list[str] = []
    for page in rendered:
        path = sitemap.page_path(page.path)
        if path is not None:
            html.append(path)
        yield page
    fallback = fallback_date(index, os.environ)
    yield feeds.site_feed(index, config, fallback)
    yield from feeds.concept_feeds(index, config, fallback)
    yield sitemap.sitemap(config, html, sitemap.last_modified(index))
    yield sitemap.robots(config)
    export = data.export(index, config)
    yield data.json_export(export)
    yield data.csv_export(export)
    if (cname := sitemap.cname(config)) is not None:
        yield cname
