from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concordance import render
from concordance.urls import absolute, base_path, relative, root_prefix, slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("New Productive Forces", "new-productive-forces"),
        ("新质生产力", "新质生产力"),
        ("Sci-Tech  innovation!", "sci-tech-innovation"),
        ("ＡＢＣ", "abc"),
        ("CON", "con-"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["..", ".", "/etc/passwd", "", "???", "a/../../b"])
def test_slugs_are_single_safe_segments(text: str) -> None:
    slug = slugify(text)
    assert slug and "/" not in slug and slug not in (".", "..") and not slug.startswith(".")


@pytest.mark.parametrize(
    ("target", "page", "link"),
    [
        ("concepts/x/", "articles/y/", "../../concepts/x/"),
        ("", "concepts/x/", "../../"),
        ("", "", "./"),
        ("static/style.css", "", "static/style.css"),
        ("static/style.css", "concepts/x/", "../../static/style.css"),
        ("concepts/新/", "", "concepts/%E6%96%B0/"),
        ("concepts/", "404.html", "concepts/"),
    ],
)
def test_relative_links(target: str, page: str, link: str) -> None:
    assert relative(target, page) == link


def test_base_path_and_absolute() -> None:
    assert base_path("https://user.github.io/repo") == "/repo/"
    assert base_path("https://example.org") == "/"
    assert absolute("https://example.org/kb/", "concepts/a b/") == (
        "https://example.org/kb/concepts/a%20b/"
    )


@settings(max_examples=100, deadline=None)
@given(
    targets=st.lists(st.text(max_size=12) | st.sampled_from(["a/#q", "a/", "b c/#é"]), max_size=30),
    depth=st.integers(0, 3),
    limit=st.integers(1, 5),
)
def test_the_links_of_a_page_depth_are_remembered_as_made(
    targets: list[str], depth: int, limit: int
) -> None:
    """Each path's link is made once per depth (``render._relative_to``), and a full memo starts
    afresh: either way the link is the one ``relative`` makes."""
    page = "x/" * depth
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "MAX_LINKS", limit)
        url = render._relative_to(root_prefix(page))
        for target in targets * 2:
            path, _, fragment = target.partition("#")
            expected = relative(path, page) + (f"#{fragment}" if fragment else "")
            assert url(target) == expected
