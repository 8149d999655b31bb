from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from conftest import copy_content, run_cli
from sitecheck import soup


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def one_cup(tmp_path: Path, concepts: dict[str, str], names: str) -> list[dict[str, object]]:
    """The diagnostics ``check --format json`` gives a site of the concept files
    ``concepts`` (file name -> text) and one article whose quote 'one cup' names ``names``
    (its line 6, from column 16)."""
    content = tmp_path / "content"
    for name, text in concepts.items():
        write(content / "concepts" / name, text)
    write(
        content / "articles" / "2020-01-01-x.md",
        "---\ntitle: X\ndate: 2020-01-01\nquotes:\n"
        f"  - text: one cup\n    concepts: [{names}]\n---\none cup\n",
    )
    result = run_cli("check", "--content", str(content), "--format", "json")
    found: list[dict[str, object]] = json.loads(result.stdout)["diagnostics"]
    return found


def test_concepts_resolve_by_alias_case_and_width(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "concepts" / "a.md", "---\ntitle: zelt tea\naliases: [ZT, 泽尔特茶]\n---\n")
    write(
        content / "articles" / "2020-01-01-x.md",
        "---\ntitle: X\ndate: 2020-01-01\nquotes:\n"
        "  - text: one cup\n    concepts: [ＺＴ]\n"
        "  - text: two cups\n    concepts: ['  Zelt   TEA ']\n"
        "  - text: three cups\n    concepts: [泽尔特茶]\n"
        "---\none cup, two cups, three cups\n",
    )
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in (out / "concepts").iterdir()) == ["index.html", "zelt-tea"]


def test_undefined_concept_gets_a_page_and_a_warning(tmp_path: Path) -> None:
    content = copy_content("basic", tmp_path)
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0
    assert "concept 'zelt tea' has no definition [concept-undefined]" in result.stderr
    assert (out / "concepts" / "zelt-tea" / "index.html").is_file()
    strict = run_cli("check", "--content", str(content), "--strict")
    assert strict.code == 1


def speaker_collisions(content: Path) -> list[tuple[str, int, int, str]]:
    result = run_cli("check", "--content", str(content), "--format", "json")
    assert result.code == 1
    found = json.loads(result.stdout)["diagnostics"]
    return [
        (d["path"], d["line"], d["column"], d["message"])
        for d in found
        if d["code"] == "slug-collision"
    ]


def test_a_concept_whose_file_has_an_error_is_told_to_fix_it_not_to_add_it(
    tmp_path: Path,
) -> None:
    """The hint said to add concepts/zorp.md, which was there, its front matter missing."""
    found = one_cup(tmp_path, {"zorp.md": "Zorp is a synthetic idea.\n"}, "zorp, glorp")
    hints = {d["message"]: d["hint"] for d in found if d["code"] == "concept-undefined"}
    assert hints == {
        "concept 'zorp' has no definition": f"fix the error reported for {tmp_path}/content"
        "/concepts/zorp.md: until then it defines no concept",
        "concept 'glorp' has no definition": "add concepts/glorp.md to define it, or use the"
        " name of a defined concept",
    }


def test_a_defined_concept_written_as_its_address_is_told_its_name(tmp_path: Path) -> None:
    """``glorp-plan`` for the concept ``glorp plan`` was told to rename one of the two
    concepts, or define a new one: not that the name it has was likely meant."""
    found = one_cup(tmp_path, {"glorp-plan.md": "---\ntitle: glorp plan\n---\n"}, "glorp-plan")
    [collision] = [d for d in found if d["code"] == "slug-collision"]
    assert (collision["line"], collision["column"]) == (6, 16)
    assert collision["hint"] == (
        "write 'glorp plan' if that concept is meant (or add 'glorp-plan' to its aliases);"
        " else give this one another name"
    )


def test_a_speaker_slug_collision_is_at_the_name_and_names_the_other(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(
        content / "articles" / "a.md",
        "---\ntitle: A\ndate: 2024-01-01\nquotes:\n  - text: glorp one\n"
        "    concepts: [zelt]\n    speaker: Speaker 🚀\n---\nglorp one\n",
    )
    write(
        content / "articles" / "b.md",
        "---\ntitle: B\ndate: 2024-01-02\nquotes:\n  - text: glorp two\n    concepts: [zelt]\n"
        "  - text: glorp three\n    concepts: [zelt]\n    speaker: Speaker 👍\n---\n"
        "glorp two glorp three\n",
    )
    [(path, line, column, message)] = speaker_collisions(content)
    assert (path, line, column) == (str(content / "articles" / "b.md"), 9, 14)
    assert message.endswith(f"as 'Speaker 🚀' ({content / 'articles' / 'a.md'}:7)")
    # Written the same way, the name gets one page with both statements.
    b = content / "articles" / "b.md"
    b.write_text(b.read_text(encoding="utf-8").replace("👍", "🚀"), encoding="utf-8")
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    page = soup(out / "speakers" / "speaker" / "index.html")
    assert page.select_one("h1").get_text() == "Speaker 🚀"
    texts = [q.get_text() for q in page.select("article.statement blockquote")]
    assert texts == ["glorp one", "glorp three"]


def test_an_article_speaker_collision_is_at_its_value(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for stem, name, day in (("a", "Speaker 7!", "01"), ("b", "Speaker 7?", "02")):
        write(
            content / "articles" / f"{stem}.md",
            f"---\ntitle: {stem}\ndate: 2024-01-{day}\nspeaker: {name}\nquotes:\n"
            f"  - text: glorp {stem}\n    concepts: [zelt]\n---\nglorp {stem}\n",
        )
    [(path, line, column, message)] = speaker_collisions(content)
    assert (path, line, column) == (str(content / "articles" / "b.md"), 4, 10)
    assert message.endswith(f"as 'Speaker 7!' ({content / 'articles' / 'a.md'}:4)")


def test_names_that_only_look_alike_in_case_folding_are_two_concepts(tmp_path: Path) -> None:
    """Maße (measures) and Masse (mass): each defined, each with its page; C++ and C#, whose
    addresses are the same, are told apart by name in the error."""
    content = tmp_path / "content"
    write(content / "concepts" / "masse.md", "---\ntitle: Masse\n---\n")
    write(content / "concepts" / "maße.md", "---\ntitle: Maße\n---\n")
    write(
        content / "articles" / "a.md",
        "---\ntitle: A\ndate: 2024-01-01\nquotes:\n"
        "  - text: Die Maße sind klein\n    concepts: [Maße]\n"
        "  - text: die Masse ist groß\n    concepts: [MASSE]\n"
        "---\nDie Maße sind klein, aber die Masse ist groß.\n",
    )
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    for slug, text in [("maße", "Die Maße sind klein"), ("masse", "die Masse ist groß")]:
        page = soup(out / "concepts" / slug / "index.html")
        assert [q.get_text() for q in page.select("article.statement blockquote")] == [text]
    write(
        content / "articles" / "b.md",
        "---\ntitle: B\ndate: 2024-01-02\nquotes:\n  - text: C++ is fast\n    concepts: [C++]\n"
        "  - text: C# is managed\n    concepts: ['C#']\n---\nC++ is fast. C# is managed.\n",
    )
    result = run_cli("check", "--content", str(content), "--format", "json")
    [found] = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "slug-collision"]
    assert found["message"].startswith("concept 'C#' has the address 'c' of concept 'C++'")
    assert "'C#' among its aliases" in found["hint"]
    # As the hint says: a definition under another title, with the name as an alias.
    write(content / "concepts" / "c-sharp.md", "---\ntitle: C sharp\naliases: ['C#']\n---\n")
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    page = soup(out / "concepts" / "c-sharp" / "index.html")
    assert [q.get_text() for q in page.select("article.statement blockquote")] == ["C# is managed"]


def test_a_statement_is_shown_everywhere_as_its_article_writes_it(tmp_path: Path) -> None:
    """Typed plainly, quoted from typeset text: the concept page's card, the copied citation
    and the data export show the article's characters (its marks, dashes, superscripts)."""
    content = tmp_path / "content"
    write(
        content / "articles" / "a.md",
        "---\ntitle: A\ndate: 2024-01-01\nquotes:\n"
        '  - text: "They don\'t sell 50 m of it - or 10⁶ tonnes"\n    concepts: [zelt]\n'
        "---\nThey don’t sell 50 m² of it — or 10<sup>6</sup> tonnes.\n",
    )
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    shown = "They don’t sell 50 m² of it — or 10⁶ tonnes"
    card = soup(out / "concepts" / "zelt" / "index.html").select_one("article.statement")
    assert card is not None and card.blockquote.get_text() == shown
    assert f"“{shown}”" in card.select_one("button.copy-cite")["data-citation"]
    data = json.loads((out / "data" / "concordance.json").read_text(encoding="utf-8"))
    assert shown in json.dumps(data, ensure_ascii=False)


def test_turkish_names_in_capitals_are_the_names_in_small_letters(tmp_path: Path) -> None:
    """In Turkish, İ is the capital of i and I that of ı: a concept named İKLİM in a quote is
    the concept iklim, and KONUŞMACI İKİ the speaker Konuşmacı İki, on one page each, at
    addresses without a combining dot."""
    content = tmp_path / "content"
    write(content / "site.yaml", "title: Site\nlanguage: tr\n")
    write(content / "concepts" / "iklim.md", "---\ntitle: iklim\n---\n")
    write(
        content / "articles" / "a.md",
        "---\ntitle: A\ndate: 2024-01-01\nspeaker: Konuşmacı İki\nquotes:\n"
        "  - text: Bugün iklim sıcak\n    concepts: [İKLİM]\n"
        "  - text: Yarın da sıcak\n    concepts: [iklim]\n    speaker: KONUŞMACI İKİ\n"
        "---\nBugün iklim sıcak. Yarın da sıcak.\n",
    )
    out = tmp_path / "site"
    result = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert result.code == 0, result.stderr
    assert "concept-undefined" not in result.stderr
    assert sorted(p.name for p in (out / "concepts").iterdir() if p.is_dir()) == ["iklim"]
    [speaker] = [p for p in (out / "speakers").iterdir() if p.is_dir()]
    assert speaker.name == "konuşmaci-iki"  # ı as i, as the name's key reads it
    cards = soup(speaker / "index.html").select("article.statement blockquote")
    assert [q.get_text() for q in cards] == ["Bugün iklim sıcak", "Yarın da sıcak"]


def test_a_turkish_name_keeps_its_address_when_written_in_capitals_first(tmp_path: Path) -> None:
    """KONUŞMACI and Konuşmacı are one speaker, and ışık and IŞIK one concept; their
    address came from the way the first article (by path) wrote them, ``konuşmaci`` or
    ``konuşmacı``: an older article written in capitals moved the page."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)

    def write(day: str, speaker: str, concept: str) -> None:
        (content / "articles" / f"2024-01-{day}-tr.md").write_text(
            f"---\ntitle: Makale {day}\ndate: 2024-01-{day}\nlanguage: tr\n"
            f"speaker: {speaker}\nquotes:\n  - text: glorp {day}\n    concepts: [{concept}]\n"
            f"---\nglorp {day}.\n",
            encoding="utf-8",
        )

    write("02", "Konuşmacı Yedi", "ışık")
    before = _addresses(content)
    write("01", "KONUŞMACI YEDİ", "IŞIK")
    assert _addresses(content) == before


def _addresses(content: Path) -> set[str]:
    """The names in the built site's speakers/ and concepts/ folders."""
    out = content.parent / "site"
    assert run_cli("build", "--content", str(content), "--out", str(out), "--no-search").code == 0
    return {p.name for kind in ("speakers", "concepts") for p in (out / kind).iterdir()}


def test_a_name_keeps_its_address_when_written_with_a_variation_selector_first(
    tmp_path: Path,
) -> None:
    """葛󠄀飾 (葛 and a variation selector, a Japanese name's form) and 葛飾 are one speaker and
    one concept; their address came from the way the first article (by path) wrote them,
    and held the invisible selector when it did."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)

    def write(day: str, name: str) -> None:
        (content / "articles" / f"2024-01-{day}-ja.md").write_text(
            f"---\ntitle: Kiji {day}\ndate: 2024-01-{day}\nspeaker: {name} Glorp\nquotes:\n"
            f"  - text: glorp {day}\n    concepts: [{name}根]\n---\nglorp {day}.\n",
            encoding="utf-8",
        )

    write("02", "葛飾")
    before = _addresses(content)
    assert before == {"index.html", "葛飾-glorp", "葛飾根"}
    write("01", "葛\U000e0100飾")
    assert _addresses(content) == before


def test_a_name_of_symbols_keeps_its_address_when_written_with_a_variation_selector_first(
    tmp_path: Path,
) -> None:
    """❤️ (❤ and the selector phones write after it) and ❤ are one concept; a name of no
    letter has an address made of a digest, which was of the name as the first article
    (by path) wrote it, so an older article writing ❤️ moved the page."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)

    def write(day: str, name: str) -> None:
        (content / "articles" / f"2024-01-{day}-heart.md").write_text(
            f"---\ntitle: Heart {day}\ndate: 2024-01-{day}\nquotes:\n"
            f"  - text: glorp {day}\n    concepts: [{name}]\n---\nglorp {day}.\n",
            encoding="utf-8",
        )

    write("02", "\u2764")
    before = _addresses(content)
    assert len(before) == 2
    write("01", "\u2764\ufe0f")
    assert _addresses(content) == before


def test_an_alias_that_is_another_concepts_title_is_the_error(tmp_path: Path) -> None:
    """Reported at the alias just written, naming both concepts by title; the title keeps
    naming its own concept, so a typo of it is not "corrected" to the alias's concept."""
    content = tmp_path / "content"
    # Its path sorts first: the concept files are read in that order.
    write(content / "concepts" / "a-glorp.md", "---\ntitle: Glorp Plan\naliases: [zelt tea]\n---\n")
    write(content / "concepts" / "zelt-tea.md", "---\ntitle: zelt tea\n---\n")
    write(
        content / "articles" / "2024-01-01-x.md",
        "---\ntitle: X\ndate: 2024-01-01\nquotes:\n"
        "  - text: one cup\n    concepts: [glorp plan, zelt teas]\n---\none cup\n",
    )
    result = run_cli("check", "--content", str(content), "--format", "json")
    found = json.loads(result.stdout)["diagnostics"]
    conflicts = [d for d in found if d["code"] == "alias-conflict"]
    assert [(d["path"], d["line"], d["column"]) for d in conflicts] == [
        (f"{content.as_posix()}/concepts/a-glorp.md", 3, 11)
    ]
    assert "'zelt tea'" in conflicts[0]["message"] and "'Glorp Plan'" in conflicts[0]["message"]
    assert conflicts[0]["hint"]
    [typo] = [d for d in found if d["code"] == "concept-unknown"]
    assert typo["message"] == "unknown concept 'zelt teas'; did you mean 'zelt tea'?"


def test_a_concept_related_to_itself_is_a_located_warning(tmp_path: Path) -> None:
    """``related: [itself]``, by its title or an alias, is no link (a page is no see-also of
    its own): it was dropped without a word; it is now a warning at the name, and the other
    names of the list stay links."""
    content = tmp_path / "content"
    write(
        content / "concepts" / "glorp.md",
        "---\ntitle: glorp plan\naliases: [GP]\nrelated: [zelt tea, gp]\n---\n",
    )
    write(content / "concepts" / "zelt.md", "---\ntitle: zelt tea\n---\n")
    write(
        content / "articles" / "2024-01-01-x.md",
        "---\ntitle: X\ndate: 2024-01-01\nquotes:\n"
        "  - text: one cup\n    concepts: [glorp plan, zelt tea]\n---\none cup\n",
    )
    checked = run_cli("check", "--content", str(content), "--format", "json")
    assert checked.code == 0, checked.stderr
    found = json.loads(checked.stdout)["diagnostics"]
    selves = [(d["path"], d["line"], d["column"]) for d in found if d["code"] == "related-self"]
    assert selves == [(f"{content.as_posix()}/concepts/glorp.md", 4, 21)]
    out = tmp_path / "site"
    assert run_cli("build", "--content", str(content), "--out", str(out)).code == 0
    page = soup(out / "concepts" / "glorp-plan" / "index.html")
    [heading] = [h for h in page.select(".connections h3") if h.get_text() == "Related"]
    chips = heading.find_next_sibling("ul").select("a.chip")
    assert [a.get_text() for a in chips] == ["zelt tea"]


def test_a_concept_broader_than_itself_is_a_cycle(tmp_path: Path) -> None:
    """``broader: [itself]``, by its title or one of its aliases, is the shortest cycle: the
    README calls every cycle an error, and the link was dropped without a word."""
    content = tmp_path / "content"
    write(content / "concepts" / "glorp.md", "---\ntitle: glorp plan\nbroader: [Glorp Plan]\n---\n")
    write(
        content / "concepts" / "zelt.md",
        "---\ntitle: zelt tea\naliases: [ZT]\nbroader: [glorp plan, zt]\n---\n",
    )
    write(
        content / "articles" / "2024-01-01-x.md",
        "---\ntitle: X\ndate: 2024-01-01\nquotes:\n"
        "  - text: one cup\n    concepts: [glorp plan, zelt tea]\n---\none cup\n",
    )
    result = run_cli("check", "--content", str(content), "--format", "json")
    assert result.code == 1
    found = json.loads(result.stdout)["diagnostics"]
    cycles = [(d["path"], d["line"], d["column"]) for d in found if d["code"] == "broader-cycle"]
    folder = content.as_posix()
    assert cycles == [(f"{folder}/concepts/glorp.md", 3, 11), (f"{folder}/concepts/zelt.md", 4, 23)]


def test_a_speaker_written_in_other_case_is_told_at_each_other_spelling(tmp_path: Path) -> None:
    """One speaker, one page, under the first spelling (articles in the order of their
    paths); each other spelling gets a warning naming the first, once per place written."""
    content = tmp_path / "content"
    for stem, front in (
        ("a", "speaker: Speaker Olf\n"),
        ("b", "speaker: speaker olf\n"),
        ("c", ""),
    ):
        quote_speaker = "    speaker: ＳＰＥＡＫＥＲ ＯＬＦ\n" if stem == "c" else ""
        write(
            content / "articles" / f"{stem}.md",
            f"---\ntitle: {stem}\ndate: 2024-01-01\n{front}quotes:\n"
            f"  - text: glorp {stem}\n    concepts: [zelt]\n{quote_speaker}"
            f"  - text: zorp {stem}\n    concepts: [zelt]\n---\nglorp {stem} zorp {stem}\n",
        )
    result = run_cli("check", "--content", str(content), "--format", "json")
    assert result.code == 0, result.stderr
    found = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "speaker-spelling"]
    first = f"'Speaker Olf' in {content / 'articles' / 'a.md'}:4"
    assert [(d["path"], d["line"], d["column"], d["severity"]) for d in found] == [
        (str(content / "articles" / "b.md"), 4, 10, "warning"),
        (str(content / "articles" / "c.md"), 7, 14, "warning"),
    ]
    assert (
        found[0]["message"] == f"speaker 'speaker olf' is written {first}: one speaker,"
        " shown as 'Speaker Olf'"
    )
    assert "ＳＰＥＡＫＥＲ ＯＬＦ" in found[1]["message"] and first in found[1]["message"]
    out = tmp_path / "site"
    built = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert built.code == 0, built.stderr
    assert [p.name for p in (out / "speakers").iterdir() if p.is_dir()] == ["speaker-olf"]
    page = soup(out / "speakers" / "speaker-olf" / "index.html")
    assert page.select_one("h1").get_text() == "Speaker Olf"
    assert len(page.select("article.statement")) == 5


def test_a_speaker_encoded_otherwise_but_looking_alike_is_no_other_spelling(
    tmp_path: Path,
) -> None:
    """``Ö`` as one character in one article and as ``O`` and a mark in another (as macOS
    saves a name): no reader sees a difference, so no warning asks to write them alike."""
    content = tmp_path / "content"
    for stem, name in (("a", "Speaker Ölf"), ("b", unicodedata.normalize("NFD", "Speaker Ölf"))):
        write(
            content / "articles" / f"{stem}.md",
            f"---\ntitle: {stem}\ndate: 2024-01-01\nspeaker: {name}\nquotes:\n"
            f"  - text: glorp {stem}\n    concepts: [zelt]\n---\nglorp {stem}\n",
        )
    result = run_cli("check", "--content", str(content), "--format", "json")
    assert result.code == 0, result.stderr
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
    assert "speaker-spelling" not in codes and "concept-undefined" in codes


@pytest.mark.parametrize("unseen", ["\u200e", "\u200f", "\u00ad", "\ufeff", "\u2068"])
def test_a_speaker_differing_by_a_character_no_one_sees_is_no_other_spelling(
    tmp_path: Path, unseen: str
) -> None:
    """A name pasted from an Arabic or Hebrew page with a mark of direction after it (or a
    soft hyphen inside) looks like the name typed: a warning showing the two alike could
    not be acted on. A spelling that looks other is still told (``Speaker ölf``)."""
    content = tmp_path / "content"
    names = ("Speaker Ölf", f"Speaker Ö{unseen}lf{unseen}", "Speaker ölf")
    for stem, name in zip("abc", names, strict=True):
        write(
            content / "articles" / f"{stem}.md",
            f"---\ntitle: {stem}\ndate: 2024-01-01\nspeaker: {name}\nquotes:\n"
            f"  - text: glorp {stem}\n    concepts: [zelt]\n---\nglorp {stem}\n",
        )
    result = run_cli("check", "--content", str(content), "--format", "json")
    assert result.code == 0, result.stderr
    found = json.loads(result.stdout)["diagnostics"]
    told = [Path(d["path"]).name for d in found if d["code"] == "speaker-spelling"]
    assert told == ["c.md"]


def test_an_alias_repeating_a_name_in_other_case_or_width_is_shown_once(tmp_path: Path) -> None:
    """An alias that is the title or an earlier alias in all but case or width names
    nothing new: it is left out wherever aliases are listed, the first spelling kept, and
    a warning is at it."""
    content = tmp_path / "content"
    write(
        content / "concepts" / "gp.md",
        "---\ntitle: glorp plan\naliases: [GP, Glorp Plan, ＧＰ, gp plan, gp]\n---\n",
    )
    write(
        content / "articles" / "a.md",
        "---\ntitle: A\ndate: 2024-01-01\nquotes:\n"
        "  - text: glorp one\n    concepts: [ｇｐ]\n---\nglorp one\n",
    )
    result = run_cli("check", "--content", str(content), "--format", "json")
    assert result.code == 0, result.stderr
    found = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "alias-duplicate"]
    assert [(d["line"], d["column"], d["severity"], d["message"]) for d in found] == [
        (
            3,
            15,
            "warning",
            "alias 'Glorp Plan' repeats the title 'glorp plan' (line 2): it is left out",
        ),
        (3, 27, "warning", "alias 'ＧＰ' repeats the alias 'GP' (line 3): it is left out"),
        (3, 40, "warning", "alias 'gp' repeats the alias 'GP' (line 3): it is left out"),
    ]
    out = tmp_path / "site"
    built = run_cli("build", "--content", str(content), "--out", str(out), "--no-search")
    assert built.code == 0, built.stderr
    page = soup(out / "concepts" / "glorp-plan" / "index.html")
    assert page.select_one("p.aliases").get_text().endswith(" GP, gp plan")
    assert [q.get_text() for q in page.select("article.statement blockquote")] == ["glorp one"]
    listed = soup(out / "concepts" / "index.html").select_one("li span.aliases")
    assert listed.get_text() == "(GP, gp plan)"
    data = json.loads((out / "data" / "concordance.json").read_text(encoding="utf-8"))
    assert data["concepts"][0]["aliases"] == ["GP", "gp plan"]
