"""The same corpus as a minimal Pelican site, a third peer for the benchmark.

    python bench/pelican_site.py CORPUS PELICAN_SITE

Each article becomes ``content/articles/<name>.md`` with Pelican's Markdown metadata: its
title, date, speaker and source, its concepts (canonical titles, ``peer_content``) as
Pelican tags, and its quotes as one line of JSON, which a small plugin of the site
(``quotes_plugin.py``) parses when Pelican reads the article. A concept is a tag, so its
page is Pelican's tag page; the theme's ``tag.html`` lists, in date order, every quote of
the tag's articles that names the concept, after the concept's summary and its
definition's body (Markdown, rendered by Python-Markdown, Pelican's own). Plus the home
page, the article list (``archives``) and the A-Z of concepts (``tags``); feeds, categories
and authors are off. Like Hugo and Eleventy, Pelican does *less* than Concordance: no
quote verification, highlighting, speaker pages, feeds or search. Pelican splits tags at
commas, which the generated concept names never hold.

``install`` puts the pinned Pelican into a virtual environment of its own with ``pip``
(once), so runs compare the same version; ``command`` is the build to time.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

try:  # imported as a package (tests: ``from bench import run``)
    from bench import peer_content
except ImportError:  # run as a script: bench/ is on sys.path
    import peer_content  # type: ignore[no-redef,import-not-found]

VERSION = "4.12.0"
MARKER = ".bench-pelican-site"

CONFIG = """\
import json
import markdown

SITENAME = {title}
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = "theme"
PLUGIN_PATHS = ["."]
PLUGINS = ["quotes_plugin"]
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
ARTICLE_URL = "articles/{{slug}}/"
ARTICLE_SAVE_AS = "articles/{{slug}}/index.html"
TAG_URL = "concepts/{{slug}}/"
TAG_SAVE_AS = "concepts/{{slug}}/index.html"
TAGS_SAVE_AS = "concepts/index.html"
ARCHIVES_SAVE_AS = "articles/index.html"
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "archives"]
with open("concepts.json", encoding="utf-8") as handle:
    CONCEPTS = json.load(handle)
JINJA_FILTERS = {{"markdown": markdown.markdown}}
"""

PLUGIN = """\
import json

from pelican import signals


def _parse(content):
    if isinstance(getattr(content, "quotes", None), str):
        content.quotes = json.loads(content.quotes)


def register():
    signals.content_object_init.connect(_parse)
"""

TEMPLATES = {
    "base.html": """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}{{ SITENAME }}{% endblock %}</title></head>
<body>
<nav><a href="/">{{ SITENAME }}</a> <a href="/concepts/">Concepts</a>
 <a href="/articles/">Articles</a></nav>
<main>{% block content %}{% endblock %}</main>
</body>
</html>
""",
    "article.html": """\
{% extends "base.html" %}
{% block title %}{{ article.title }} · {{ SITENAME }}{% endblock %}
{% block content %}
<article>
<h1>{{ article.title }}</h1>
<p>{{ article.date.strftime("%Y-%m-%d") }}{% if article.speaker %} · {{ article.speaker }}\
{% endif %}{% if article.source %} · {{ article.source }}{% endif %}</p>
{{ article.content }}
<ul>{% for tag in article.tags %}<li><a href="/{{ tag.url }}">{{ tag.name }}</a></li>\
{% endfor %}</ul>
</article>
{% endblock %}
""",
    "tag.html": """\
{% extends "base.html" %}
{% block title %}{{ tag.name }} · {{ SITENAME }}{% endblock %}
{% block content %}
<h1>{{ tag.name }}</h1>
{% set definition = CONCEPTS.get(tag.name, {}) %}
{% if definition.summary %}<p>{{ definition.summary }}</p>{% endif %}
{{ (definition.body or "") | markdown }}
<ol>
{% for article in articles | reverse %}{% for q in article.quotes %}\
{% if tag.name in q.concepts %}<li><blockquote>{{ q.text }}</blockquote>
{{ q.speaker or article.speaker }}, <a href="/{{ article.url }}">{{ article.title }}</a>, \
{{ article.date.strftime("%Y-%m-%d") }}</li>
{% endif %}{% endfor %}{% endfor %}
</ol>
{% endblock %}
""",
    "tags.html": """\
{% extends "base.html" %}
{% block content %}
<h1>Concepts</h1>
<ul>{% for tag, articles in tags | sort %}
<li><a href="/{{ tag.url }}">{{ tag.name }}</a> {{ articles | length }}</li>{% endfor %}
</ul>
{% endblock %}
""",
    "archives.html": """\
{% extends "base.html" %}
{% block content %}
<h1>Articles</h1>
<ul>{% for article in dates %}
<li><a href="/{{ article.url }}">{{ article.title }}</a> \
{{ article.date.strftime("%Y-%m-%d") }}</li>{% endfor %}
</ul>
{% endblock %}
""",
    "index.html": """\
{% extends "base.html" %}
{% block content %}
<h1>{{ SITENAME }}</h1>
<ul>{% for article in articles[:20] %}
<li><a href="/{{ article.url }}">{{ article.title }}</a></li>{% endfor %}
</ul>
{% endblock %}
""",
}


def write_pelican_site(corpus: Path, site: Path) -> int:
    """Convert the corpus at ``corpus`` into a Pelican site at ``site``; returns the
    number of articles written."""
    articles, concepts = peer_content.peer_corpus(corpus)
    peer_content.prepare(site, MARKER)
    for article in articles:
        peer_content.write_file(site / "content" / "articles" / article.name, _document(article))
    definitions = {c.title: {"summary": c.summary, "body": c.body} for c in concepts}
    peer_content.write_file(site / "concepts.json", json.dumps(definitions, ensure_ascii=False))
    title = json.dumps(peer_content.site_title(corpus))
    peer_content.write_file(site / "pelicanconf.py", CONFIG.format(title=title))
    peer_content.write_file(site / "quotes_plugin.py", PLUGIN)
    for name, text in TEMPLATES.items():
        peer_content.write_file(site / "theme" / "templates" / name, text)
    return len(articles)


def _document(article: peer_content.PeerArticle) -> str:
    """Pelican's Markdown metadata (one ``Key: value`` line each), a blank line, the body."""
    front = article.front
    lines = [
        f"Title: {front['title']}",
        f"Date: {front['date']}",
        f"Slug: {article.name.removesuffix('.md')}",
        f"Tags: {', '.join(front['concepts'])}",
        f"Quotes: {json.dumps(front['quotes'], ensure_ascii=False)}",
    ]
    lines += [f"{key.title()}: {front[key]}" for key in ("speaker", "source") if key in front]
    return "\n".join(lines) + "\n\n" + article.body


def install(folder: Path) -> Path:
    """Pelican ``VERSION`` in a virtual environment at ``folder`` (made by pip when
    missing); its ``pelican`` command."""
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(folder)],
        [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet",
         f"pelican[markdown]=={VERSION}"],
    ]  # fmt: skip
    return peer_content.install(folder / "bin" / "pelican", steps, f"Pelican {VERSION}")


def command(entry: Path, out: Path) -> list[str]:
    """The build to time, run from the site's folder (its settings name paths from there)."""
    return [str(entry), "content", "--settings", "pelicanconf.py", "--output", str(out), "--quiet"]


def main(argv: Sequence[str] | None = None) -> int:
    return peer_content.convert_main(argv, "Pelican", write_pelican_site)


if __name__ == "__main__":
    raise SystemExit(main())
