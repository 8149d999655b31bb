"""The same corpus as a minimal Jekyll site, a fourth peer for the benchmark.

    python bench/jekyll_site.py CORPUS JEKYLL_SITE

Each article becomes a post, ``_posts/<name>.md`` (the corpus's file names already start
with the date Jekyll reads from a post's name), with its front matter written as JSON,
which is YAML too, and a ``permalink`` that keeps the article's page where the other
peers put it. Its quotes' concepts are resolved to canonical titles (``peer_content``),
as for Hugo. Jekyll has no pages per term of a front-matter list, so a generator plugin
(``_plugins/concepts.rb``) makes them in one pass over every quote of every post: each
concept's page lists, in date order, every quote that names it, with its speaker and a
link to its article, after the concept's summary and its definition's body (Markdown,
rendered by kramdown, Jekyll's own). Plus the home page, the article list and the A-Z of
concepts. Templates are Liquid. Like Hugo, Jekyll does *less* than Concordance: no quote
verification, highlighting, speaker pages, feeds or search.

Jekyll is Debian's package (``apt-get install -y jekyll``, 4.3.1 on Debian 12, the major
and minor version of the issue's reference figure); ``command`` is the build to time.
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

MARKER = ".bench-jekyll-site"

CONFIG = """\
title: {title}
markdown: kramdown
permalink: /articles/:title/
exclude: [{marker}]
"""

PLUGIN = """\
# One page per concept that a quote names, made in one pass over every quote of every
# post: a concept's page must not scan all quotes.
module Bench
  class ConceptPage < Jekyll::PageWithoutAFile
    def initialize(site, concept)
      super(site, site.source, "concepts/#{concept["slug"]}", "index.html")
      self.data = { "layout" => "concept", "title" => concept["title"], "concept" => concept }
      self.content = ""
    end
  end

  class ConceptPages < Jekyll::Generator
    safe true

    def generate(site)
      slugs = site.data["slugs"]
      defined = site.data["concepts"]
      by_title = Hash.new { |hash, key| hash[key] = [] }
      site.posts.docs.each do |post|  # oldest first
        (post.data["quotes"] || []).each do |q|
          said = { "text" => q["text"], "speaker" => q["speaker"] || post.data["speaker"],
                   "url" => post.url, "title" => post.data["title"], "date" => post.date }
          q["concepts"].each { |title| by_title[title] << said }
        end
      end
      concepts = by_title.keys.sort.map do |title|
        { "title" => title, "slug" => slugs[title], "definition" => defined[title] || {},
          "quotes" => by_title[title] }
      end
      site.data["concept_pages"] = concepts
      concepts.each { |concept| site.pages << ConceptPage.new(site, concept) }
    end
  end
end
"""

TEMPLATES = {
    "_layouts/base.html": """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ page.title }} · {{ site.title }}</title></head>
<body>
<nav><a href="/">{{ site.title }}</a> <a href="/concepts/">Concepts</a>
 <a href="/articles/">Articles</a></nav>
<main>{{ content }}</main>
</body>
</html>
""",
    "_layouts/article.html": """\
---
layout: base
---
<article>
<h1>{{ page.title }}</h1>
<p>{{ page.date | date: "%Y-%m-%d" }}{% if page.speaker %} · {{ page.speaker }}{% endif %}\
{% if page.source %} · {{ page.source }}{% endif %}</p>
{{ content }}
<ul>{% for c in page.concepts %}<li><a href="/concepts/{{ site.data.slugs[c] }}/">{{ c }}</a></li>\
{% endfor %}</ul>
</article>
""",
    "_layouts/concept.html": """\
---
layout: base
---
{% assign concept = page.concept %}
<h1>{{ concept.title }}</h1>
{% if concept.definition.summary %}<p>{{ concept.definition.summary }}</p>{% endif %}
{{ concept.definition.body | markdownify }}
<ol>
{% for q in concept.quotes %}<li><blockquote>{{ q.text }}</blockquote>
{{ q.speaker }}, <a href="{{ q.url }}">{{ q.title }}</a>, {{ q.date | date: "%Y-%m-%d" }}</li>
{% endfor %}</ol>
""",
    "concepts/index.html": """\
---
layout: base
title: Concepts
---
<h1>Concepts</h1>
<ul>{% for c in site.data.concept_pages %}
<li><a href="/concepts/{{ c.slug }}/">{{ c.title }}</a> {{ c.quotes.size }}</li>{% endfor %}
</ul>
""",
    "articles/index.html": """\
---
layout: base
title: Articles
---
<h1>Articles</h1>
<ul>{% for a in site.posts %}
<li><a href="{{ a.url }}">{{ a.title }}</a> {{ a.date | date: "%Y-%m-%d" }}</li>{% endfor %}
</ul>
""",
    "index.html": """\
---
layout: base
title: Home
---
<h1>{{ site.title }}</h1>
<ul>{% for a in site.posts limit: 20 %}
<li><a href="{{ a.url }}">{{ a.title }}</a></li>{% endfor %}
</ul>
""",
}


def write_jekyll_site(corpus: Path, site: Path) -> int:
    """Convert the corpus at ``corpus`` into a Jekyll site at ``site``; returns the
    number of articles written."""
    articles, concepts = peer_content.peer_corpus(corpus)
    peer_content.prepare(site, MARKER)
    for article in articles:
        stem = article.name.removesuffix(".md")
        front = {**article.front, "layout": "article", "permalink": f"/articles/{stem}/"}
        peer_content.write_json_document(site / "_posts" / article.name, front, article.body, "---")
    data = {
        "slugs.json": peer_content.concept_slugs(articles),
        "concepts.json": {c.title: {"summary": c.summary, "body": c.body} for c in concepts},
    }
    for name, value in data.items():
        peer_content.write_file(site / "_data" / name, json.dumps(value, ensure_ascii=False))
    title = json.dumps(peer_content.site_title(corpus), ensure_ascii=False)
    peer_content.write_file(site / "_config.yml", CONFIG.format(title=title, marker=MARKER))
    peer_content.write_file(site / "_plugins" / "concepts.rb", PLUGIN)
    for name, text in TEMPLATES.items():
        peer_content.write_file(site / name, text)
    return len(articles)


def program() -> Path:
    """Debian's ``jekyll`` command."""
    found = shutil.which("jekyll")
    if found is None:
        raise FileNotFoundError("Jekyll is not installed (apt-get install -y jekyll)")
    return Path(found)


def command(jekyll: Path, out: Path) -> list[str]:
    """The build to time, run from the site's folder (its ``_config.yml`` is found there)."""
    return [str(jekyll), "build", "--quiet", "--source", ".", "--destination", str(out)]


def main(argv: Sequence[str] | None = None) -> int:
    return peer_content.convert_main(argv, "Jekyll", write_jekyll_site)


if __name__ == "__main__":
    raise SystemExit(main())
