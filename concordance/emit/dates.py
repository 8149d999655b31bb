"""The one date every derived output may fall back on, taken from the content.

Feeds and the sitemap never read the clock, so a rebuild of the same content is
byte-identical. Only a site with no dated content at all falls back to
``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), else to the Unix epoch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache

from concordance.index import SiteIndex
from concordance.labels import iso_date
from concordance.model import Statement

EPOCH = dt.date(1970, 1, 1)


def statement_updated(index: SiteIndex, s: Statement) -> dt.date:
    """When a statement last changed on the site: said, or published if that came later."""
    return max(s.date, index.articles[s.article].date)


def newest_content_date(index: SiteIndex) -> dt.date | None:
    dates = [a.date for a in index.articles.values()]
    dates += [s.date for s in index.statements.values()]
    return max(dates, default=None)


def fallback_date(index: SiteIndex, environ: Mapping[str, str]) -> dt.date:
    return newest_content_date(index) or _source_date_epoch(environ) or EPOCH


def _source_date_epoch(environ: Mapping[str, str]) -> dt.date | None:
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC).date()
    except (ValueError, OverflowError, OSError):  # past the dates Python can hold
        return None


@cache
def timestamp(day: dt.date) -> str:
    """RFC 3339 at midnight UTC: content dates carry no time of day. Made once per date
    and process (``labels.iso_date``): a concept feed's entry writes two."""
    return f"{iso_date(day)}T00:00:00Z"
