from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from functools import partial
from types import FrameType
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from concordance import labels, render, urls
from concordance.urls import (
    absolute,
    base_path,
    base_uri,
    base_url_hint,
    base_url_problem,
    relative,
    root_prefix,
    slugify,
    url_problem,
)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("New Productive Forces", "new-productive-forces"),
        ("新质生产力", "新质生产力"),
        ("Sci-Tech  innovation!", "sci-tech-innovation"),
        ("ＡＢＣ", "abc"),
        ("CON", "con-"),
        ("Νόμος", "νόμος"),  # a final sigma stays one
        ("ΝΌΜΟΣ", "νόμος"),
        ("Maße", "maße"),  # ß is no ss
        ("MASSE", "masse"),
        # Thai and Lao am (ำ, ຳ) stay one letter, as typed, though NFKC spells them out;
        # spelt out, they give the same slug (and so collide).
        ("น้ำใส", "น้ำใส"),
        ("น้\u0e4d\u0e32ใส", "น้ำใส"),
        ("ນ້ຳ", "ນ້ຳ"),
        ("ນ້\u0ecd\u0eb2", "ນ້ຳ"),
        # What a name's key leaves out, an address does too: joiners (ශ්‍රී is one word, not
        # ශ්-රී), vowel points and tatweel; Mongolian's vowel separator is inside its word.
        ("ශ්\u200dරී නගරය", "ශ්රී-නගරය"),
        ("क्\u200cष योजना", "क्ष-योजना"),
        ("خطـــة", "خطة"),
        ("תָּכְנִית", "תכנית"),
        ("ᠬᠠᠷ\u180eᠠ", "ᠬᠠᠷ\u180eᠠ"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize(
    ("text", "digest_of"),
    [("\u2026", "\u2026"), ("\uff1f", "\uff1f"), ("\u203c", "\u203c"), ("\u2764\ufe0f", "\u2764")],
)
def test_a_name_of_no_letter_keeps_the_address_of_its_text(text: str, digest_of: str) -> None:
    """The digest of a name of no letter is of the name less what its key leaves out (a
    variation selector), not of its NFKC form: … and ？ had the address of their text, and
    reading them as ... and ? moved those pages."""
    digest = hashlib.sha256(digest_of.encode("utf-8")).hexdigest()[:8]
    assert slugify(text) == f"x-{digest}"


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


# Each of these made an href that the Nu HTML Checker rejects ("Port number must be less
# than 65536", "URL includes credentials", "Illegal character in domain", ...).
NOT_VALID_URLS = [
    ("https://example.org:99999/x", "port"),
    ("https://example.org:8o/x", "port"),
    ("https://user:secret@example.org/", "user name or password"),
    ("https://a@b@example.org/", "user name or password"),
    ("https://exa^mple.org/", "'^'"),
    ("https://exa|mple.org/", "'|'"),
    ("https://exa<mple.org/", "'<'"),
    ("https://ex%5Emple.org/", "'%'"),
    ("https://exa\\mple.org/", "'\\\\'"),
    ("https://a..b/", "empty or overlong"),
    ("https://.example.org/", "empty or overlong"),
    ("https://" + "a" * 64 + ".org/", "empty or overlong"),
    ("https://[zz]/", "IPv6"),
    ("https://[::1/", "IPv6"),
    ("https://[zz]/ü", "IPv6"),
    ("https://[::1]x/", "IPv6"),
    ("http://1.2.3.4.5/", "IPv4"),
    ("http://example.123/", "IPv4"),
    ("https://xn--zz.org/", "international domain name"),
    ("http://", "no host"),
    ("https:example.org", "no '//'"),
    ("HTTP:", "no '//'"),
    ("//exa^mple.org/x", "'^'"),
    # More digits than Python reads as a number: a problem, not an exception.
    ("https://example.org:" + "9" * 5000 + "/", "its port '999999999999…' is not a number"),
    ("https://example.org:65536/", "its port '65536' is not a number up to 65535"),
]
VALID_URLS = [
    "https://example.org/",
    "HTTPS://EXAMPLE.ORG",
    "https://example.org:65535/a",
    "https://example.org:0000080/a",
    "https://example.org:/",
    "https://example.org./",
    "https://exa_mple.org/a_b",
    "https://-x.example/",
    "http://127.0.0.1:8000/",
    "http://[::1]:8080/x",
    "https://例え.jp/パス",
    "https://xn--strae-oqa.de/",
    "https://example.org/a|b?q=<x>#[f]",
    "//example.org/x",
    "mailto:someone@example.org",
    "../concepts/x/#q-1",
    "",
]


@pytest.mark.parametrize(("url", "why"), NOT_VALID_URLS)
def test_an_address_that_is_no_valid_url_is_a_problem(url: str, why: str) -> None:
    problem = url_problem(url)
    assert problem is not None and why in problem


@pytest.mark.parametrize("url", VALID_URLS)
def test_valid_urls_are_no_problem(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://user.github.io/a/../repo/",
        "https://user.github.io/./repo/",
        "https://x.org/a%00b/",
        # Dots as a browser reads them: /%2e%2e/ is /../ (the URL Standard's dot segments).
        "https://user.github.io/%2e%2e/repo/",
        "https://user.github.io/a/.%2E/repo/",
        "https://user.github.io/%2E/repo/",
    ],
)
def test_a_base_url_with_dot_segments_or_an_encoded_control_is_refused(url: str) -> None:
    problem = base_url_problem(url)
    assert problem is not None and "'..'" in problem


def test_a_plain_base_url_is_no_problem() -> None:
    assert base_url_problem("https://user.github.io/repo/") is None
    assert base_url_problem("https://user.github.io/a.b..c/") is None  # dots inside a name
    assert base_url_problem("https://user.github.io/%2e%2e%2e/a%2Eb/") is None


@pytest.mark.parametrize(
    ("url", "why", "mended"),
    [
        # The 404 page's root-absolute links would be //cdn.example/static/...: another host.
        ("https://user.github.io//cdn.example/", "'//'", "https://user.github.io/cdn.example/"),
        ("https://user.github.io/repo//", "'//'", "https://user.github.io/repo/"),
        ("https://user.github.io//", "'//'", "https://user.github.io/"),
        ("https://user.github.io/repo/index.html", "'index.html'", "https://user.github.io/repo/"),
        ("https://user.github.io/Index.HTM", "'Index.HTM'", "https://user.github.io/"),
        ("https://user.github.io/a/../repo/", "'..'", "https://user.github.io/repo/"),
        ("https://user.github.io/a/%2e%2E/repo/", "'..'", "https://user.github.io/repo/"),
    ],
)
def test_a_base_url_that_is_no_folder_is_refused_with_the_folder_meant(
    url: str, why: str, mended: str
) -> None:
    problem = base_url_problem(url)
    assert problem is not None and why in problem
    assert base_url_hint(url) == f"write {mended}"
    assert base_url_problem(mended) is None


def test_a_base_url_that_cannot_be_mended_is_given_an_example() -> None:
    assert base_url_hint("https://x.org/a%00b/") == "e.g. https://user.github.io/repo/"
    assert base_url_hint("ftp://x.org/") == "e.g. https://user.github.io/repo/"


def test_a_folder_named_like_a_file_is_a_base_url_when_it_ends_with_a_slash() -> None:
    assert base_url_problem("https://user.github.io/v1.html/") is None
    assert base_url_problem("https://user.github.io/v1.2") is None


@pytest.mark.parametrize(
    ("url", "uri"),
    [
        ("HTTPS://USER.GitHub.io/Repo/", "https://user.github.io/Repo/"),
        ("Http://Example.ORG:8080/Kb", "http://example.org:8080/Kb/"),
        ("https://ÉXAMPLE.org/kb/", "https://xn--xample-9ua.org/kb/"),
    ],
)
def test_a_base_urls_scheme_and_host_are_written_lower_case(url: str, uri: str) -> None:
    """Schemes and hosts are case-insensitive (RFC 3986 3.1, 3.2.2); paths are not."""
    assert base_url_problem(url) is None
    assert base_uri(url) == uri


@settings(max_examples=300)
@given(
    targets=st.lists(
        st.text(alphabet=st.sampled_from("az09/#-_.~%&'() é格“<>\"?\u2068"), max_size=12),
        max_size=8,
    ),
    base=st.sampled_from(["https://example.org/", "https://user.github.io/re po", "/"]),
)
def test_a_site_s_absolute_links_are_urls_absolute_s(targets: list[str], base: str) -> None:
    """``SiteView.absolute`` remembers each path's link and quotes the fragment apart: the
    same link as ``urls.absolute`` gives, asked once or again."""
    site = render.SiteView("Zorp", "", "en", "", base, labels.for_language("en"))
    for target in targets + targets:
        assert site.absolute(target) == absolute(base, target)


_LABELS = st.text(st.sampled_from(list("az09-KX")), min_size=0, max_size=70)
_URL_PARTS = st.tuples(
    st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "//", "https:"]),
    st.lists(_LABELS | st.sampled_from(["xn--zz", "0x1f", "127", "ſ", "a@b", "a:9"]), max_size=4),
    st.text(st.sampled_from(list("/?#%:@[]-._~!$&'()*+,;= aZ9\u00e9\t")), max_size=20),
)


@given(_URL_PARTS)
@example(("https://", ["a", "b"], "/%zz"))
@example(("https://", ["a", "b"], "/#x#y"))
@example(("https://", ["a", "0x1f"], "/"))
@example(("https://", ["a" * 64, "b"], ""))
@example(("https://", ["a" * 60] * 5, ""))
@example(("https://", ["xn--zz", "b"], ""))
@example(("https://", ["a@b", "c"], ""))
def test_an_address_told_plain_has_no_problem(parts: tuple[str, list[str], str]) -> None:
    """``plain_url`` skips ``url_problem``'s checks for most addresses: only where every
    check finds nothing, and for the benchmark's links and sources."""
    scheme, labels, rest = parts
    url = scheme + ".".join(labels) + rest
    if urls.plain_url(url):
        assert urls._url_problem(url) is None, url
    assert urls.plain_url("https://example.org/zimsai")
    assert urls.plain_url("https://example.org/wire/26/290")


def c_calls(call: Callable[[], object]) -> list[str]:
    """The functions written in C that ``call`` calls, by name."""
    calls: list[str] = []

    def seen(frame: FrameType, event: str, arg: Any) -> None:
        if event == "c_call" and arg is not sys.setprofile:
            calls.append(arg.__name__)

    sys.setprofile(seen)
    try:
        call()
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.python_source  # compiled code calls C without profiling events
def test_a_link_to_a_path_seen_before_is_one_look_up() -> None:
    """A page's links and absolute links are mostly to paths it or another page of its
    depth linked before: such a link is looked up as it is, not cut at a ``#`` first (about
    a million links at N=5000)."""
    site = render.SiteView("Zorp", "", "en", "", "https://example.org/", labels.for_language("en"))
    for make in (render._relative_to("../../"), site.absolute):
        make("concepts/glorp/")
        assert c_calls(partial(make, "concepts/glorp/")) == ["get"]


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("aZ09-/#_.~%&'() é٣²ǅ“<>\"?\u2068\x00"), max_size=14))
@example("q-0a1b2c3d4e")
@example("articles/a-slug/")
@example("")
@example("-")
@example("٣")  # a digit past ASCII: no plain id, quoted
def test_a_target_is_quoted_as_its_plain_test_or_its_pattern_tells(target: str) -> None:
    """``quoted`` gives a plain target (``_plain``: ASCII letters, digits, ``-``, ``/``) back
    as it is, and quotes any other as before: what ``_NEEDS_NO_QUOTING`` matches is kept, the
    rest percent-encoded."""
    if urls._NEEDS_NO_QUOTING.fullmatch(target):
        expected = target
    else:
        expected = urls.quote(target, safe=urls._URL_SAFE)
    assert urls.quoted(target) == expected
    if urls._plain(target):
        assert urls._NEEDS_NO_QUOTING.fullmatch(target)
