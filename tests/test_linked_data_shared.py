"""The JSON-LD of a page shares what its statements have in common (their article's node,
their speaker's, each date's text) and links each statement without asking for a link
with a fragment, and says the same as when each node was made apart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from bs4 import BeautifulSoup

from concordance import labels, linked_data, pipeline, render, urls, views
from concordance.config import BuildOptions
from tests.conftest import copy_content, run_cli

BASE_URL = "https://example.org/kb/"
ARTICLE = "2023-01-10-first-zorp"
"""Two statements, both of Speaker 3, said the same day."""


class AskedSite:
    """A page's site settings, noting each target asked for an absolute link."""

    def __init__(self, site: render.SiteView) -> None:
        self.site, self.asked = site, list[str]()
        self.title, self.description = site.title, site.description
        self.language, self.base_url, self.labels = site.language, site.base_url, site.labels

    def absolute(self, target: str) -> str:
        self.asked.append(target)
        return self.site.absolute(target)


def test_an_article_s_statements_share_its_node_and_their_speaker_s(tmp_path: Path) -> None:
    content = copy_content("publish", tmp_path)
    index = pipeline.check_content(BuildOptions(content=content, jobs=1)).index
    article = index.articles[ARTICLE]
    view = views.article_view(index, article, "")
    words = labels.for_language("en")
    site = AskedSite(render.SiteView("Glorp", "", "en", "", BASE_URL, words))
    page = {"path": urls.article_path(article.slug), "title": article.title, "canonical": ""}
    first, second = linked_data.linked_data(site, page, article=view)["@graph"][1:]
    assert first["isPartOf"] is second["isPartOf"]
    assert first["creator"] is second["creator"]
    assert first["dateCreated"] is second["dateCreated"] == "2023-01-08"
    assert not [target for target in site.asked if "#" in target]
    links = {site.site.absolute(s.target) for s in view.statements}
    assert {first["@id"], second["@id"]} == links == {first["url"], second["url"]}


def test_each_quotation_links_its_quote_in_its_article(tmp_path: Path) -> None:
    """On every page (concept pages too, whose statements come from several articles), a
    quotation's address is its article's and the anchor of its quote there."""
    content = copy_content("publish", tmp_path)
    out = tmp_path / "site"
    args = ("build", "--content", str(content), "--out", str(out), "--base-url", BASE_URL)
    assert run_cli(*args, "--no-search").code == 0
    seen = 0
    for file in sorted(out.rglob("index.html")):
        for node in _graph(file):
            if node.get("@type") != "Quotation":
                continue
            article, _, anchor = node["@id"].partition("#")
            assert node["url"] == node["@id"]
            assert article == node["isPartOf"]["@id"] == node["isPartOf"]["url"]
            page = out / unquote(article.removeprefix(BASE_URL)) / "index.html"
            ids = {tag["id"] for tag in _soup(page).find_all(id=True)}
            assert unquote(anchor) in ids
            seen += 1
    assert seen >= 10


def _soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_bytes(), "lxml")


def _graph(file: Path) -> list[dict[str, Any]]:
    script = _soup(file).find("script", type="application/ld+json")
    if script is None:
        return []
    data: dict[str, Any] = json.loads(script.string or "")
    return list(data.get("@graph", []))
