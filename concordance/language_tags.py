"""Language tags (BCP 47, RFC 5646) for site.yaml's ``language``: it is the ``lang`` of every
page, and a value that is no language tag makes every page invalid HTML."""

from __future__ import annotations

import itertools
import re

_TWO_LETTER = """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu
    cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi
    ho hr ht hu hy hz ia id ie ig ii ik in io is it iu iw ja ji jv jw ka kg ki kj kk kl km
    kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na
    nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd
    se sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw
    ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
TWO_LETTER = frozenset(_TWO_LETTER.split())
"""The two-letter language subtags of the IANA registry (ISO 639-1). A country code in
their place is the usual mistake (``cn``, ``jp``, ``gr``, ``ua`` for ``zh``, ``ja``, ``el``,
``uk``), and nothing but this list tells the two apart. Three-letter subtags are thousands
and are taken on trust."""

_TAG = re.compile(
    r"""
    (?P<language>[a-z]{2,3})
    (?:-[a-z]{3}){0,3}                      # extended language: zh-yue
    (?:-[a-z]{4})?                          # script: Hans
    (?:-(?:[a-z]{2}|[0-9]{3}))?             # region: BR, 419
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*  # variants: 1901, valencia
    (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*     # extensions: u-nu-latn
    (?:-x(?:-[a-z0-9]{1,8})+)?              # private use: x-twain
    """,
    re.IGNORECASE | re.VERBOSE | re.ASCII,  # ASCII: no Kelvin sign for a "k"
)
"""RFC 5646's ``langtag``, with a language of two or three letters: the grammar's four- and
five-to-eight-letter languages are reserved, and none is registered."""
IRREGULAR = frozenset({"en-gb-oed", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de"})
"""Tags registered before RFC 4646 that its grammar does not describe (and that start with
a language, unlike ``i-klingon``, whose ``i`` could not name the search index)."""


def is_language_tag(tag: str) -> bool:
    """Whether ``tag`` is a well-formed language tag whose language subtag exists (for the
    two-letter ones): ``en``, ``zh-Hans``, ``pt-BR``, ``es-419``; not ``english``, ``cn``,
    ``en_US`` or ``en-12``."""
    found = _TAG.fullmatch(tag)
    if found is None:
        return tag.lower() in IRREGULAR
    language = found.group("language").lower()
    return len(language) == 3 or language in TWO_LETTER


def tag_meant(value: str) -> str | None:
    """The tag a value that is none likely means: ``en-US`` for ``en_US`` (as locales are
    named on Linux and in Python), ``de`` for ``German`` (a language's English name)."""
    dashed = value.strip().replace("_", "-")
    if dashed != value and is_language_tag(dashed):
        return dashed
    # Babel only here: the command line imports this module (``config``), and a rebuild
    # that changes nothing needs no locale data.
    from babel import Locale

    english_names = Locale("en").languages
    codes = {name.casefold(): code for code, name in english_names.items() if "_" not in code}
    code = codes.get(value.strip().casefold())
    return code if code is not None and is_language_tag(code) else None


_RTL_SCRIPTS = "adlm arab hebr mand mend nkoo rohg samr syrc thaa yezi"
_RIGHT_TO_LEFT_SCRIPTS = frozenset(_RTL_SCRIPTS.split())
"""ISO 15924 codes of the scripts written from right to left that a tag may name (ar-Arab,
pa-Arab, ku-Arab, yi-Hebr)."""
_RTL_LANGUAGES = """
    ar arc ckb dv fa he iw ks ps sd syr ug ur yi ji
    acm acq aeb ajp apc apd arq ars ary arz ayl azb bal bqi glk haz lrc mzn pnb prs skr
    nqo rhg sdh
"""
_RIGHT_TO_LEFT_LANGUAGES = frozenset(_RTL_LANGUAGES.split())
"""Languages written from right to left unless the tag names another script: Arabic,
Hebrew, Persian, Urdu, Pashto, Sindhi, Uyghur, Yiddish, Dhivehi, Kashmiri, Central Kurdish,
Syriac, Aramaic, N'Ko, Rohingya, and the spoken Arabic varieties and Iranian languages that
have their own subtags (Egyptian ``arz``, Moroccan ``ary``, Dari ``prs``, Western Punjabi
``pnb``, Southern Kurdish ``sdh``...)."""


def direction(tag: str) -> str:
    """``rtl`` for a language written from right to left (``ar``, ``he-IL``, ``fa``,
    ``pa-Arab``), else ``ltr`` (``en``, ``zh-Hans``, ``az-Latn``, ``uz-Cyrl``): the ``dir`` of
    every page, which sets the side text starts on, the order of a page's columns, and where
    a list's numbers stand."""
    subtags = tag.lower().split("-")
    named = itertools.takewhile(lambda s: len(s) > 1, subtags[1:])  # up to an extension
    script = next((s for s in named if len(s) == 4 and s.isalpha()), None)
    if script is not None:
        return "rtl" if script in _RIGHT_TO_LEFT_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in _RIGHT_TO_LEFT_LANGUAGES else "ltr"


def og_locale(tag: str) -> str | None:
    """OpenGraph's ``language_TERRITORY`` form of ``tag`` (``pt_BR`` of ``pt-BR``, ``zh_CN`` of
    ``zh-Hans-CN``), or None when the tag names no territory (``en``, ``ar``, ``zh-Hans``,
    ``es-419``): OpenGraph has no form for a language alone, and a script is no territory."""
    subtags = tag.split("-")
    for subtag in subtags[1:]:
        if len(subtag) == 2 and subtag.isalpha() and subtag.isascii():
            return f"{subtags[0].lower()}_{subtag.upper()}"
        if len(subtag) not in (3, 4):  # past the extended language and the script
            return None
    return None
