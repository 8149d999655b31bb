"""The same corpus as a minimal Hugo site, so a Concordance build has a reference point.

    python bench/hugo_site.py CORPUS HUGO_SITE

Each article becomes ``content/articles/<name>.md`` with JSON front matter (Hugo reads
it natively, and ``json.dumps`` is much faster than a YAML emitter); its ``concepts``
taxonomy holds every concept of its quotes, resolved to the concept's canonical title
the way Concordance resolves names (title or alias, case-free), so both tools build
the same set of concept pages. A defined concept's summary and body become the content
of its term page (``content/concepts/<term>/_index.md``).

The templates are deliberately minimal: an article page renders the body and links its
concepts (from the front matter with ``urlize``: Hugo 0.111's ``.GetTerms`` made the
build take about 60% more CPU at N=5000); a concept (term) page lists, in date order,
every quote of every page that carries the term; plus the home page, the article list
and the A-Z of concepts. RSS, sitemap and robots.txt are disabled. Hugo therefore does
*less* than Concordance (no quote verification or highlighting, no speaker pages, no
feeds, no search): the ratio it yields is a conservative lower bound on Concordance's overhead.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

try:  # imported as a package (tests: ``from bench import run``)
    from bench.check_corpus import SAFE_LOADER, fold, split_document
except ImportError:  # run as a script: bench/ is on sys.path
    from check_corpus import SAFE_LOADER, fold, split_document  # type: ignore[no-redef,import-not-found]
"""``yaml.safe_load`` semantics; libyaml's loader when present (20000 files in seconds)."""
MARKER = ".bench-hugo-site"
_URLIZE = re.compile(r"[^\w]+")

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


__all__ = ["SAFE_LOADER", "fold", "split_document", "urlize", "write_hugo_site"]


def urlize(title: str) -> str:
    """The path segment Hugo gives a taxonomy term (enough for generated ASCII names)."""
    return _URLIZE.sub("-", title.casefold()).strip("-")


def write_hugo_site(corpus: Path, site: Path) -> int:
    """Convert the corpus at ``corpus`` into a Hugo site at ``site``; returns articles written."""
    _prepare(site)
    concepts = _read_concepts(corpus / "concepts")
    canonical = _canonical_names(concepts)
    used: set[str] = set()
    count = 0
    for path in sorted((corpus / "articles").glob("*.md")):
        meta, body = split_document(path.read_text(encoding="utf-8"))
        front = _article_front_matter(meta, canonical)
        used.update(front["concepts"])
        _write(site / "content" / "articles" / path.name, json.dumps(front, indent=1), body)
        count += 1
    for title, (meta, body) in sorted(concepts.items()):
        if title in used:
            front = {"title": title, "summary": meta.get("summary", "")}
            _write(
                site / "content" / "concepts" / urlize(title) / "_index.md",
                json.dumps(front, indent=1),
                body,
            )
    site_meta = yaml.load((corpus / "site.yaml").read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    (site / "config.toml").write_text(CONFIG.format(title=_toml(str(site_meta["title"]))))
    for name, text in LAYOUTS.items():
        (site / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / name).write_text(text)
    return count


def _prepare(site: Path) -> None:
    """Start from an empty site; wipe only a folder this module made before."""
    if site.exists() and any(site.iterdir()):
        if not (site / MARKER).is_file():
            raise FileExistsError(
                f"{site} is not empty and holds no {MARKER}: refusing to touch it"
            )
        shutil.rmtree(site)
    (site / "content" / "articles").mkdir(parents=True)
    (site / MARKER).write_text("generated by bench/hugo_site.py; safe to delete\n")


def _read_concepts(folder: Path) -> dict[str, tuple[dict[str, Any], str]]:
    concepts = {}
    for path in sorted(folder.glob("*.md")):
        meta, body = split_document(path.read_text(encoding="utf-8"))
        concepts[str(meta["title"])] = (meta, body)
    return concepts


def _canonical_names(concepts: dict[str, tuple[dict[str, Any], str]]) -> dict[str, str]:
    """Folded title or alias -> canonical title."""
    names = {}
    for title, (meta, _) in concepts.items():
        for name in [title, *meta.get("aliases", [])]:
            names[fold(name)] = title
    return names


def _article_front_matter(meta: dict[str, Any], canonical: dict[str, str]) -> dict[str, Any]:
    """Hugo front matter: the ``concepts`` taxonomy is every concept of the article's quotes."""
    quotes = []
    for quote in meta.get("quotes", []):
        names = [canonical.get(fold(n), fold(n)) for n in quote.get("concepts", [])]
        converted = {"text": quote["text"], "concepts": names}
        if "speaker" in quote:
            converted["speaker"] = quote["speaker"]
        quotes.append(converted)
    front: dict[str, Any] = {"title": meta["title"], "date": meta["date"].isoformat()}
    for key in ("speaker", "source", "place"):
        if key in meta:
            front[key] = meta[key]
    if "url" in meta:
        front["source_url"] = meta["url"]  # Hugo's own "url" would set the page's address
    front["concepts"] = sorted({name for quote in quotes for name in quote["concepts"]})
    front["quotes"] = quotes
    return front


def _write(path: Path, front_matter: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(front_matter + "\n\n" + body, encoding="utf-8")


def _toml(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) != 2:
        print("usage: hugo_site.py CORPUS HUGO_SITE", file=sys.stderr)
        return 2
    count = write_hugo_site(Path(args[0]), Path(args[1]))
    print(f"wrote a Hugo site with {count} articles to {args[1]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
