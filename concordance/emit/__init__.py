"""Derived outputs: one small function each over the index (feeds, sitemap, data...).

``derived`` gives every output but the sitemap as deferred tasks, which the render pool
runs beside the pages (a large site's concept feeds take seconds of one core); the
concept feeds are made beside their concept pages, so an unchanged one is kept.
``with_sitemap`` passes the rendered outputs through, noting the HTML ones, so the
sitemap lists exactly the pages that were written, whatever pages the renderer produces.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from concordance.config import SiteConfig
from concordance.emit import data, feeds, sitemap
from concordance.emit.dates import fallback_date
from concordance.emit.lookup import Quotes
from concordance.index import SiteIndex
from concordance.pages import Output, Page
from concordance.render import ConceptFeeds, ready


def derived(index: SiteIndex, config: SiteConfig) -> tuple[list[Callable[[], Page]], ConceptFeeds]:
    """Feeds, robots.txt, the data exports and CNAME, each as a task, in a fixed order; and
    the concept feeds, which the renderer makes beside the concept pages (see
    ``render.ConceptFeeds``)."""
    fallback = fallback_date(index, os.environ)
    lookups = feeds.Lookups.of(index, config)
    tasks: list[Callable[[], Page]] = [partial(feeds.site_feed, index, config, fallback, lookups)]
    tasks.append(partial(sitemap.robots, config))
    # The exports take the quotes the feeds looked up: a worker made them again for each.
    tasks.append(partial(_json_export, index, config, lookups.quotes))
    tasks.append(partial(data.csv_export, index, config, lookups.quotes))
    if (cname := sitemap.cname(config)) is not None:
        tasks.append(partial(ready, cname))
    make = partial(feeds.concept_feed, index, config, fallback=fallback, lookups=lookups)
    return tasks, ConceptFeeds(feeds.concept_feed_path, make, fallback)


def with_sitemap(
    index: SiteIndex, config: SiteConfig, rendered: Iterable[Output]
) -> Iterator[Output]:
    """The rendered outputs, then the sitemap of the HTML pages among them (several files
    on a site of more pages than one may list)."""
    html: list[str] = []
    dates: dict[str, dt.date] | None = None
    for page in rendered:
        path = sitemap.page_path(page.path)
        if path is not None:
            html.append(path)
        yield page
        if dates is None:
            # Once the first page has come, while the workers render the others: after the
            # last, the parent took them alone, with the cores idle (0.03 s at N=5000).
            dates = sitemap.last_modified(index)
    if dates is None:  # no page at all
        dates = sitemap.last_modified(index)
    yield from sitemap.sitemaps(config, html, dates)


# The two exports are separate tasks so they run on two cores; the JSON one builds the whole
# export (a fraction of the cost of writing it out), the CSV one only its quotes.
def _json_export(index: SiteIndex, config: SiteConfig, quotes: Quotes) -> Page:
    return data.json_export(data.export(index, config, quotes))
