"""The same corpus as a minimal Hugo site, so a Concordance build has a reference point.

    python bench/hugo_site.py CORPUS HUGO_SITE

Each article becomes ``content/articles/<name>.md`` with JSON front matter (Hugo reads
it natively, and ``json.dumps`` is much faster than a YAML emitter); its ``concepts``
taxonomy holds every concept of its quotes, resolved to canonical titles
(``peer_content``), so both tools build the same set of concept pages. A defined concept's
summary and body become the content of its term page (``content/concepts/<term>/_index.md``).

The templates are deliberately minimal: an article page renders the body and links its
concepts (from the front matter with ``urlize``: Hugo 0.111's ``.GetTerms`` made the
build take about 60% more CPU at N=5000); a concept (term) page lists, in date order,
every quote of every page that carries the term; plus the home page, the article list
and the A-Z of concepts. RSS, sitemap and robots.txt are disabled. Hugo therefore does
*less* than Concordance (no quote verification or highlighting, no speaker pages, no
feeds, no search): the ratio it yields is a conservative lower bound on Concordance's overhead.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

try:  # imported as a package (tests: ``from bench import run``)
    from bench import peer_content
except ImportError:  # run as a script: bench/ is on sys.path
    import peer_content  # type: ignore[no-redef,import-not-found]

MARKER = ".bench-hugo-site"

CONFIG = """\
baseURL = "http://localhost:8000/"
title = "{title}"
languageCode = "en"
disableKinds = ["RSS", "sitemap", "robotsTXT"]

[taxonomies]
  concept = "concepts"
"""

LAYOUTS = {
    "_default/baseof.html": """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body>
<nav><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
 <a href="{{ "/concepts/" | relURL }}">Concepts</a>
 <a href="{{ "/articles/" | relURL }}">Articles</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p>{{ .Date.Format "2006-01-02" }}{{ with .Params.speaker }} · {{ . }}{{ end }}\
{{ with .Params.source }} · {{ . }}{{ end }}</p>
{{ .Content }}
<ul>{{ range .Params.concepts }}\
<li><a href="{{ printf "/concepts/%s/" (urlize .) | relURL }}">{{ . }}</a></li>{{ end }}</ul>
</article>
{{ end }}
""",
    "_default/term.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
{{ .Content }}
{{ $term := .Title }}
<ol>
{{ range .Pages.ByDate }}{{ $page := . }}{{ range .Params.quotes }}{{ if in .concepts $term }}
<li><blockquote>{{ .text }}</blockquote>
{{ with .speaker }}{{ . }}{{ else }}{{ $page.Params.speaker }}{{ end }},
<a href="{{ $page.RelPermalink }}">{{ $page.Title }}</a>, {{ $page.Date.Format "2006-01-02" }}</li>
{{ end }}{{ end }}{{ end }}
</ol>
{{ end }}
""",
    "_default/terms.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}
</ul>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages.ByDate.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}
</ul>
{{ end }}
""",
    "index.html": """\
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<ul>{{ range first 20 (.Site.RegularPages.ByDate.Reverse) }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>
{{ end }}
""",
}


__all__ = ["write_hugo_site"]


def write_hugo_site(corpus: Path, site: Path) -> int:
    """Convert the corpus at ``corpus`` into a Hugo site at ``site``; returns articles written."""
    articles, concepts = peer_content.peer_corpus(corpus)
    peer_content.prepare(site, MARKER)
    for article in articles:
        page = site / "content" / "articles" / article.name
        peer_content.write_json_document(page, article.front, article.body)
    for concept in concepts:
        front = {"title": concept.title, "summary": concept.summary}
        index = site / "content" / "concepts" / peer_content.urlize(concept.title) / "_index.md"
        peer_content.write_json_document(index, front, concept.body)
    title = peer_content.site_title(corpus)
    (site / "config.toml").write_text(CONFIG.format(title=_toml(title)))
    for name, text in LAYOUTS.items():
        (site / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / name).write_text(text)
    return len(articles)


def _toml(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def main(argv: Sequence[str] | None = None) -> int:
    return peer_content.convert_main(argv, "Hugo", write_hugo_site)


if __name__ == "__main__":
    raise SystemExit(main())
