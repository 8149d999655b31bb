"""Property: every slug, from any text at all, is a safe, non-empty, single path segment."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from concordance import urls
from concordance.urls import slugify

# File names Windows refuses whatever follows a dot; slugs must never be one.
RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{i}" for d in ("com", "lpt") for i in range(10)}
NAME_MAX_BYTES = 255


@settings(max_examples=200)
@given(st.text())
@example("..")
@example(".")
@example("/etc/passwd")
@example("CON")
@example("com¹")
@example("\U00020000" * 100)  # 4-byte letters: 80 of them pass 255 bytes
@example("न" + "\u094d" + "म" * 3)
@example("\u0301abc")
@example("İstanbul")
@example("\u1ff6")  # ῶ: lower case, but case folding decomposes it
def test_slug_is_a_safe_single_segment(text: str) -> None:
    slug = slugify(text)
    assert slug
    assert "/" not in slug and "\\" not in slug and "\x00" not in slug
    assert slug not in (".", "..") and not slug.startswith((".", "-"))
    assert all(not unicodedata.category(ch).startswith(("C", "Z")) for ch in slug)
    assert len(slug.encode("utf-8")) <= NAME_MAX_BYTES
    assert slug.split(".")[0].lower() not in RESERVED
    assert slug == unicodedata.normalize("NFC", slug), "file systems may renormalize it"
    # Lowering may decompose a letter (İ to i and a mark), which normalizing puts back. Lower
    # case, not folded: ß and a final ς are kept (Maße is not Masse).
    lowered = unicodedata.normalize("NFC", slug.lower())
    assert slug == lowered or slug.startswith("x-"), "case-insensitive file systems"


@settings(max_examples=150)
@given(st.text())
def test_slug_is_stable(text: str) -> None:
    """A slug slugifies to itself, so a name written as its own slug finds the same page."""
    slug = slugify(text)
    assert slugify(slug) == slug


@given(st.text(min_size=1))
@example("\u0f73")  # no letter of a slug; its canonical form is two characters
def test_names_differing_by_case_or_unicode_form_share_a_slug(text: str) -> None:
    """...so they collide (and are reported) instead of becoming two pages on a
    case-insensitive or normalizing file system."""
    for variant in (text.upper(), text.lower(), unicodedata.normalize("NFD", text)):
        if (
            unicodedata.normalize("NFKC", variant).lower()
            == unicodedata.normalize("NFKC", text).lower()
        ):
            assert slugify(variant) == slugify(text)


def test_letters_with_combining_marks_are_kept_whole() -> None:
    """Devanagari and other scripts write vowels as combining marks: a word stays one word."""
    assert slugify("नमस्ते दुनिया") == "नमस्ते-दुनिया"
    assert slugify("Café") == slugify("Cafe\u0301") == "café"


@settings(max_examples=300)
@given(st.text(st.characters(max_codepoint=0x7F)))
@example("--Glorp  Plan--")
@example("-" * 90 + "a")
@example("a" * 79 + "-b")
@example("\x00\t\n")
def test_an_ascii_text_is_slugged_as_any_other(text: str) -> None:
    """An ASCII text is slugged by a regular expression (``_ascii_slug``), not by the passes
    of ``_slug`` over each character: the same slug."""
    assert urls._ascii_slug(text) == urls._slug(text)
