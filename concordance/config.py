"""Site configuration (content/site.yaml) and the options of one run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from concordance.language_tags import direction
from concordance.urls import base_uri


def shipped_templates(package: Path) -> Path:
    """The templates that come with Concordance, for the package folder ``package``.

    An installed distribution has them inside the package (pyproject.toml maps the
    repository's templates/ to ``concordance/templates``); a checkout, editable install
    included, has only the repository's own, beside the package. (The installed path is what
    ``importlib.resources.files`` gives for a package on disk, without importing that module
    at every start: start-up is most of a rebuild, see ``heap``.)
    """
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


DEFAULT_TEMPLATES = shipped_templates(Path(__file__).resolve().parent)


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The site's settings, from site.yaml."""

    title: str = "Concordance"
    """Shown in every page's header and title."""
    description: str = ""
    """One sentence about the site, for the home page and link previews."""
    base_url: str = "http://localhost:8000/"
    """The absolute URL the site is served at; ``--base-url`` overrides it."""
    language: str = "en"
    """The ``lang`` of every page."""
    author: str = ""
    """Who edits the site; used in feeds and page metadata."""
    publish: str = "full"
    """Articles' default ``publish`` mode: ``full`` or ``excerpts`` (only the quoted sentences)."""
    cname: str | None = None
    """A custom domain for GitHub Pages, written to ``CNAME`` (e.g. ``kb.example.org``)."""
    labels: Mapping[str, str | Mapping[str, str]] = field(default_factory=dict)
    """The site's own words for the interface, over its language's catalog
    (``labels.for_language``): key -> text, or plural form -> text for a count."""

    @property
    def direction(self) -> str:
        """The ``dir`` of every page: ``rtl`` for a language written from right to left."""
        return direction(self.language)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What one build or check was asked for on the command line."""

    content: Path = Path("content")
    out: Path = Path("site")
    base_url: str | None = None
    """Overrides ``base_url`` of site.yaml when given."""
    strict: bool = False
    jobs: int = 0
    """Worker processes; 0 picks one per core."""
    quiet: bool = False
    clean: bool = False
    search: bool = True
    templates: Path = DEFAULT_TEMPLATES
    write: bool = True
    """False for ``check``: validate only."""


def with_base_url(config: SiteConfig, base_url: str | None) -> SiteConfig:
    """``--base-url`` wins over site.yaml, written as site.yaml's is (``base_uri``)."""
    return replace(config, base_url=base_uri(base_url)) if base_url else config


class UsageError(Exception):
    """The command line points at something unusable (exit code 2)."""
