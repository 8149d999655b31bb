"""The shipped ``timeline`` macro of ``_macros.html``, written in Python (see ``macros``):
every concept page draws its statements by month with it."""

from __future__ import annotations

from markupsafe import Markup

from concordance.escaping import as_markup, escape_text
from concordance.labels import Labels
from concordance.views import Bar, Timeline


def timeline(t: Timeline, *, labels: Labels) -> Markup:
    """What the macro gives for ``timeline(t)``."""
    table = labels.html("timeline_table")
    month = labels.html("month_column")
    statements = labels.html("statements")
    width, height, baseline = t.width, t.height, t.baseline
    bars = "".join(_bar(b, height, labels) for b in t.bars)
    rows = "".join(_row(b, labels) for b in t.bars if b.count)
    return as_markup(
        '<figure class="timeline">\n'
        f'  <svg role="img" aria-labelledby="timeline-title" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" focusable="false">\n'
        f'    <title id="timeline-title">{escape_text(t.summary)}</title>\n'
        f'    <line class="axis" x1="0" y1="{baseline}" x2="{width}" y2="{baseline}"/>\n'
        f"{bars}"
        "  </svg>\n"
        "  <figcaption>\n"
        "    <details>\n"
        f"      <summary>{table}</summary>\n"
        '      <table class="timeline-table">\n'
        f'        <thead><tr><th scope="col">{month}</th>'
        f'<th scope="col">{statements}</th></tr></thead>\n'
        f"        <tbody>{rows}</tbody>\n"
        "      </table>\n"
        "    </details>\n"
        "  </figcaption>\n"
        "</figure>\n"
    )


def _bar(b: Bar, height: int, labels: Labels) -> str:
    bar = tick = ""
    if b.count:
        bar = (
            f'<rect class="bar" x="{b.x}" y="{b.y}" width="{b.w}" height="{b.h}">'
            f"<title>{escape_text(b.label)}: {escape_text(labels.number(b.count))}</title></rect>"
        )
    if b.tick:
        tick = f'<text class="tick" x="{b.x}" y="{height - 2}">{escape_text(b.tick)}</text>'
    return bar + tick


def _row(b: Bar, labels: Labels) -> str:
    month, label = escape_text(b.month), escape_text(b.label)
    count = escape_text(labels.number(b.count))
    return f'<tr><td><time datetime="{month}">{label}</time></td><td>{count}</td></tr>'
