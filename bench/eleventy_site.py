"""The same corpus as a minimal Eleventy site, a second peer for the benchmark.

    python bench/eleventy_site.py CORPUS ELEVENTY_SITE

Each article becomes ``articles/<name>.md`` with JSON front matter (``---json``), its
quotes' concepts resolved to canonical titles (``peer_content``), as for Hugo. The
concept pages come from one collection, made in ``eleventy.config.cjs`` by a single pass
over every quote of every article, then paginated one concept to a page: each lists, in
date order, every quote that names the concept, with its speaker and a link to its
article, after the concept's summary and its definition's body. Plus the home page, the
article list and the A-Z of concepts, like the Hugo site's. Templates are Nunjucks,
Eleventy's default, and Markdown is rendered by Eleventy's own markdown-it. Like Hugo,
Eleventy does *less* than Concordance: no quote verification, highlighting, speaker
pages, feeds or search.

``install`` puts the pinned Eleventy into a folder with ``npm`` (once; no install
scripts), so runs compare the same version; ``command`` is the build to time.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

try:  # imported as a package (tests: ``from bench import run``)
    from bench import peer_content
except ImportError:  # run as a script: bench/ is on sys.path
    import peer_content  # type: ignore[no-redef,import-not-found]

VERSION = "3.1.8"
MARKER = ".bench-eleventy-site"
ENTRY = Path("node_modules") / "@11ty" / "eleventy" / "cmd.cjs"

CONFIG = """\
const markdown = require("markdown-it")();

module.exports = function (config) {
  config.addFilter("isodate", (d) => new Date(d).toISOString().slice(0, 10));
  config.addFilter("markdown", (text) => markdown.render(text || ""));
  config.addFilter("head", (items, n) => items.slice(0, n));
  // One pass over every quote: a concept's page must not scan all quotes.
  config.addCollection("conceptPages", (api) => {
    const defined = require("./_data/concepts.json");
    const slugs = require("./_data/slugs.json");
    const byTitle = new Map();
    for (const a of api.getFilteredByTag("articles")) {
      for (const q of a.data.quotes || []) {
        for (const title of q.concepts) {
          if (!byTitle.has(title)) byTitle.set(title, []);
          byTitle.get(title).push({
            text: q.text, speaker: q.speaker || a.data.speaker,
            url: a.url, title: a.data.title, date: a.date,
          });
        }
      }
    }
    return [...byTitle.keys()].sort().map((title) => ({
      title, slug: slugs[title], definition: defined[title] || {},
      quotes: byTitle.get(title).sort((x, y) => x.date - y.date),
    }));
  });
  return { dir: { input: ".", includes: "_includes", data: "_data" },
           markdownTemplateEngine: false };
};
"""

TEMPLATES = {
    "_includes/base.njk": """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }} · {{ site.title }}</title></head>
<body>
<nav><a href="/">{{ site.title }}</a> <a href="/concepts/">Concepts</a>
 <a href="/articles/">Articles</a></nav>
<main>{{ content | safe }}</main>
</body>
</html>
""",
    "_includes/article.njk": """\
---
layout: base.njk
---
<article>
<h1>{{ title }}</h1>
<p>{{ page.date | isodate }}{% if speaker %} · {{ speaker }}{% endif %}\
{% if source %} · {{ source }}{% endif %}</p>
{{ content | safe }}
<ul>{% for c in concepts %}<li><a href="/concepts/{{ slugs[c] }}/">{{ c }}</a></li>{% endfor %}</ul>
</article>
""",
    "articles/articles.json": json.dumps({"layout": "article.njk", "tags": "articles"}),
    "concept.njk": """\
---
layout: base.njk
pagination:
  data: collections.conceptPages
  size: 1
  alias: concept
permalink: "concepts/{{ concept.slug }}/"
eleventyComputed:
  title: "{{ concept.title }}"
---
<h1>{{ concept.title }}</h1>
{% if concept.definition.summary %}<p>{{ concept.definition.summary }}</p>{% endif %}
{{ concept.definition.body | markdown | safe }}
<ol>
{% for q in concept.quotes %}<li><blockquote>{{ q.text }}</blockquote>
{{ q.speaker }}, <a href="{{ q.url }}">{{ q.title }}</a>, {{ q.date | isodate }}</li>
{% endfor %}</ol>
""",
    "concepts.njk": """\
---
layout: base.njk
title: Concepts
permalink: concepts/
---
<h1>Concepts</h1>
<ul>{% for c in collections.conceptPages %}
<li><a href="/concepts/{{ c.slug }}/">{{ c.title }}</a> {{ c.quotes.length }}</li>{% endfor %}
</ul>
""",
    "articles.njk": """\
---
layout: base.njk
title: Articles
permalink: articles/
---
<h1>Articles</h1>
<ul>{% for a in collections.articles | reverse %}
<li><a href="{{ a.url }}">{{ a.data.title }}</a> {{ a.date | isodate }}</li>{% endfor %}
</ul>
""",
    "index.njk": """\
---
layout: base.njk
title: Home
---
<h1>{{ site.title }}</h1>
<ul>{% for a in collections.articles | reverse | head(20) %}
<li><a href="{{ a.url }}">{{ a.data.title }}</a></li>{% endfor %}
</ul>
""",
}


def write_eleventy_site(corpus: Path, site: Path) -> int:
    """Convert the corpus at ``corpus`` into an Eleventy site at ``site``; returns the
    number of articles written."""
    articles, concepts = peer_content.peer_corpus(corpus)
    peer_content.prepare(site, MARKER)
    for article in articles:
        peer_content.write_json_document(
            site / "articles" / article.name, article.front, article.body, "---json"
        )
    slugs = peer_content.concept_slugs(articles)
    data = {
        "site.json": {"title": peer_content.site_title(corpus)},
        "slugs.json": slugs,
        "concepts.json": {c.title: {"summary": c.summary, "body": c.body} for c in concepts},
    }
    for name, value in data.items():
        peer_content.write_file(site / "_data" / name, json.dumps(value, ensure_ascii=False))
    peer_content.write_file(site / "eleventy.config.cjs", CONFIG)
    for name, text in TEMPLATES.items():
        peer_content.write_file(site / name, text)
    return len(articles)


def install(folder: Path) -> Path:
    """Eleventy ``VERSION`` in ``folder`` (installed by npm when missing); its entry point."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise FileNotFoundError("Eleventy needs Node.js and npm (apt-get install -y nodejs npm)")
    step = [npm, "install", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix",
            str(folder), f"@11ty/eleventy@{VERSION}"]  # fmt: skip
    return peer_content.install(folder / ENTRY, [step], f"Eleventy {VERSION}")


HEAP_MIB = 16384
"""Node's heap limit for the build: at its default (about 4 GB here) Eleventy ran out of
memory building the 20,000-article corpus, and raising the limit is Node's usual remedy
for a large build. A limit, not an allocation: the table shows what the build used."""


def command(entry: Path, out: Path) -> list[str]:
    """The build to time, run from the site's folder (its config is found there);
    ``NODE_PATH`` lets the config load the markdown-it that Eleventy installed."""
    modules = entry.parents[len(ENTRY.parts) - 2]  # folder/node_modules
    node = shutil.which("node") or "node"
    return [
        "env", f"NODE_PATH={modules}", node, f"--max-old-space-size={HEAP_MIB}",
        str(entry), "--quiet", f"--output={out}",
    ]  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    return peer_content.convert_main(argv, "Eleventy", write_eleventy_site)


if __name__ == "__main__":
    raise SystemExit(main())
