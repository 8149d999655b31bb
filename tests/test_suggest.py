"""Did-you-mean for unknown concept names, and ``suggest``: unquoted mentions as quotes."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, paste_suggestions, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from concordance import resolve, suggest
from concordance.model import Concept, Slug
from concordance.resolve import NameIndex
from concordance.sentences import split_sentences
from concordance.textnorm import fold_name

NAMES = ["zelt tea", "mubra policy", "green development", "泽尔特茶", "new productive forces"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("zelt teas", "zelt tea"),  # plural
        ("Mubra Policies", "mubra policy"),  # case and -ies plural
        ("zlet tea", "zelt tea"),  # transposed letters
        ("developments green", "green development"),  # word order and plural
        ("new productive force", "new productive forces"),  # singular of a plural title
        ("GREEN  development", "green development"),  # case and spacing
    ],
)
def test_misspelt_and_plural_names_map_to_the_right_concept(typed: str, meant: str) -> None:
    assert NameIndex.of(NAMES).closest(typed) == meant


@pytest.mark.parametrize("typed", ["tea", "policy", "brown development", "quorx", "茶"])
def test_unrelated_names_get_no_guess(typed: str) -> None:
    assert NameIndex.of(NAMES).closest(typed) is None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("zorpian development frameworkxyz", "zorpian development framework"),  # 3 added
        ("zorpian development framew", "zorpian development framework"),  # 3 dropped
        ("zorpian development frameworkwxyz", None),  # 4 added: too far
        ("zorpian development frame", None),  # 4 dropped: too far
    ],
)
def test_long_names_allow_three_edits_and_no_more(typed: str, meant: str | None) -> None:
    """Over 20 characters, three edits are a typo; names whose lengths differ by more are
    skipped before any distance is computed, with the same answer."""
    assert NameIndex.of(["zelt tea", "zorpian development framework"]).closest(typed) == meant


def _brute_force(typed: str, names: list[str]) -> str | None:
    """Every name compared in order, as the guess was made before ``NameIndex``."""
    wanted, best = resolve._comparable(typed), None
    for name in sorted(names):
        distance = resolve._distance(wanted, resolve._comparable(name))
        if distance is not None and (best is None or distance < best[0]):
            best = (distance, name)
    return best[1] if best else None


_names = st.text(alphabet="abcdeiksty -ſSİı泽", min_size=1, max_size=14)


@settings(max_examples=300, deadline=None)
@given(names=st.lists(_names, min_size=1, max_size=40, unique=True), typed=_names, pick=st.data())
def test_the_name_index_guesses_what_comparing_every_name_guesses(
    names: list[str], typed: str, pick: st.DataObject
) -> None:
    near = pick.draw(st.sampled_from(names)) + pick.draw(st.text("aes ", max_size=2))
    index = NameIndex.of(names)
    for name in (typed, near):
        assert index.closest(name) == _brute_force(name, names)


@pytest.mark.python_source  # compiled, ``closest`` calls ``_distance`` in C
def test_only_names_within_a_typo_reach_the_exact_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """5,000 unknown names against 5,000 defined ones took 9 s compared pair by pair: the
    exact rule (``_distance``) now sees only the forms rapidfuzz finds within three edits."""
    calls: list[tuple[str, str]] = []
    exact = resolve._distance
    monkeypatch.setattr(resolve, "_distance", lambda a, b: calls.append((a, b)) or exact(a, b))
    names = [f"{a}{b}{c}{d} policy" for a in "bdfg" for b in "aeiou" for c in "klmn" for d in "oy"]
    assert NameIndex.of(names).closest("zzzzz policy") is None
    assert calls == []  # pair by pair: all 160 names, each of the same length
    assert NameIndex.of(names).closest("dakoo policy") == "dako policy"
    within = [n for n in names if OSA.distance("dakoo policy", n) <= resolve.MOST_EDITS]
    assert sorted(b for _, b in calls) == sorted(within) and len(within) < len(names) / 2


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_check_names_the_likely_concept(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "concepts" / "zelt-tea.md", "---\ntitle: zelt tea\naliases: [ZT]\n---\n")
    write(
        content / "articles" / "2020-01-01-x.md",
        "---\ntitle: X\ndate: 2020-01-01\nquotes:\n"
        "  - text: one cup\n    concepts: [Zelt Teas]\n"
        "  - text: two cups\n    concepts: [zelt tea, plim]\n"
        "  - text: three cups\n    concepts: [zelt teas]\n"
        "---\none cup, two cups, three cups\n",
    )
    result = run_cli("check", "--content", str(content), "--format", "json")
    data = json.loads(result.stdout)
    found = {(d["line"], d["column"], d["code"]): d for d in data["diagnostics"]}
    guess = found[(6, 16, "concept-unknown")]
    assert guess["severity"] == "warning"
    assert "did you mean 'zelt tea'" in guess["message"]
    assert "write 'zelt tea'" in guess["hint"]
    assert (8, 26, "concept-undefined") in found  # 'plim' is like nothing: no guess
    assert (10, 16, "concept-unknown") in found  # the same typo again: reported again
    assert result.code == 0
    strict = run_cli("check", "--content", str(content), "--strict", "--format", "json")
    assert strict.code == 1
    assert json.loads(strict.stdout)["errors"] == 3


def test_concept_unused_only_when_nothing_refers_to_it(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "concepts" / "a.md", "---\ntitle: zelt tea\nbroader: [mubra]\n---\n")
    write(content / "concepts" / "b.md", "---\ntitle: mubra\n---\n")
    write(content / "concepts" / "c.md", "---\ntitle: plim\n---\n")
    write(
        content / "articles" / "2020-01-01-x.md",
        "---\ntitle: X\ndate: 2020-01-01\nquotes:\n"
        "  - text: one cup\n    concepts: [zelt tea]\n---\none cup\n",
    )
    data = json.loads(run_cli("check", "--content", str(content), "--format", "json").stdout)
    unused = [
        (d["path"], d["line"], d["column"])
        for d in data["diagnostics"]
        if d["code"] == "concept-unused"
    ]
    assert unused == [(f"{content.as_posix()}/concepts/c.md", 2, 8)]


def test_sentences_split_in_many_scripts() -> None:
    text = (
        "Speaker 7 met Dr. Quill at 5 p.m. in Zelt. They spoke, e.g. of tea! Was it late? "
        "泽尔特茶很好喝。这句话没有概念！真的吗？ Дуже добре. Ще одне речення."
    )
    assert [s for _, s in split_sentences(text)] == [
        "Speaker 7 met Dr. Quill at 5 p.m. in Zelt.",
        "They spoke, e.g. of tea!",
        "Was it late?",
        "泽尔特茶很好喝。",
        "这句话没有概念！",
        "真的吗？",
        "Дуже добре.",
        "Ще одне речення.",
    ]
    for offset, sentence in split_sentences(text):
        assert text[offset:].startswith(sentence)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Zelt starts and then . . . stops. It goes.",
            ["Zelt starts and then . . . stops.", "It goes."],
        ),
        ("Zelt trailed off . . . Then it went.", ["Zelt trailed off . . .", "Then it went."]),
        ("Zelt ended. . . . Next it went.", ["Zelt ended. . . .", "Next it went."]),
        ("Zelt runs. .NET is big.", ["Zelt runs.", ".NET is big."]),
        ("Zelt grew 5%. ... Next.", ["Zelt grew 5%.", "...", "Next."]),  # as before
        ("زورب مهم جدًا. قال Speaker 7 شيئًا.", ["زورب مهم جدًا.", "قال Speaker 7 شيئًا."]),
        ("זוֹרְפּ בְּשָׁנַת. כן זה.", ["זוֹרְפּ בְּשָׁנַת.", "כן זה."]),
        ("ज़ोर्प मकान. दूसरा वाक्य.", ["ज़ोर्प मकान.", "दूसरा वाक्य."]),
        ("ઝોર્પ સારું છે. ઝોર્પ વાત.", ["ઝોર્પ સારું છે.", "ઝોર્પ વાત."]),  # one letter, a sign
        ("ზორპი კარგია. ზორპი? დიახ.", ["ზორპი კარგია.", "ზორპი?", "დიახ."]),
        (
            unicodedata.normalize("NFD", "Zorp bắt đầu năm. Đường Zorp."),
            [unicodedata.normalize("NFD", s) for s in ("Zorp bắt đầu năm.", "Đường Zorp.")],
        ),
        ("Speaker 7 met J. Quill. Zorp.", ["Speaker 7 met J. Quill.", "Zorp."]),  # as before
        ('"Is zorp good?" asked Speaker 7. Yes.', ['"Is zorp good?" asked Speaker 7.', "Yes."]),
        ("Zorp! said Speaker 7. Yes.", ["Zorp! said Speaker 7.", "Yes."]),
        ("The index ends here… and zorp too. Yes.", ["The index ends here… and zorp too.", "Yes."]),
        ("Zorp? Yes! Then… Glorp.", ["Zorp?", "Yes!", "Then…", "Glorp."]),  # as before
        ("Είναι ο ζορπ; ναι.", ["Είναι ο ζορπ;", "ναι."]),  # Greek's question mark: as before
        ("「ゾルプです。」と述べた。次。", ["「ゾルプです。」と述べた。", "次。"]),
        ("« Le zorp est bon. » Ensuite.", ["« Le zorp est bon. »", "Ensuite."]),
        ("Is it zorp? No. It is glorp.", ["Is it zorp?", "No.", "It is glorp."]),
        ("Zorp No. 5 holds, nos. 3 too.", ["Zorp No. 5 holds, nos. 3 too."]),  # as before
        ("« Zorp !\u202f» Ensuite.", ["« Zorp !\u202f»", "Ensuite."]),
        ("Er sagte: »Zorp.« »Ja.« Dann.", ["Er sagte: »Zorp.«", "»Ja.«", "Dann."]),  # as before
        ("「ゾルプ！」って言った。", ["「ゾルプ！」って言った。"]),
        (
            "佐普。」これは次。終わった。とにかく次。",
            ["佐普。」", "これは次。", "終わった。", "とにかく次。"],
        ),
    ],
)
def test_sentences_end_where_a_reader_ends_them(text: str, sentences: list[str]) -> None:
    """Legal and Chicago style's ``. . .`` is one ellipsis, as ``...`` is: suggest printed
    ``Zelt starts and then .`` as a sentence. A word's vowel signs and points are part of it:
    Arabic's ``جدًا`` (its tanween), vocalised Hebrew, Hindi's ``मकान`` and decomposed
    Vietnamese were read as the one letter after their last mark, an initial (``J.``), and
    their sentence ran on into the next; so was a letter and its vowel sign (Gujarati's
    ``છે``), once the marks were left out. Georgian's letters, which Unicode calls small,
    begin sentences: none ended before one. A question or exclamation mark or ``…`` that a small
    letter follows ends none, as after ``...``: ``"Is zorp good?" asked Speaker 7.`` was
    suggested as two sentences, the second with no concept's name. Japanese's ``と`` or
    ``って`` after a quote's closing bracket goes on with the sentence that quotes it:
    ``「ゾルプです。」`` was suggested without ``と述べた。``. French's closing guillemet, a
    space after the stop, closes its sentence: the next one began with it (``» Ensuite.``).
    ``No.`` before a word is the word, no number's abbreviation (``No. 5``), as a speaker
    answers in a transcript: its sentence ran on into the next."""
    assert [s for _, s in split_sentences(text)] == sentences


def test_long_prose_splits_into_every_sentence() -> None:
    text = " ".join(f"Word{i} zelt tea moves {i}." for i in range(5000))
    assert len(split_sentences(text)) == 5000


EXPECTED = [
    (
        "Speaker 7 told Dr. Quill that Mubra Policies keep the kettles warm, e.g. on cold days.",
        ["mubra policy"],
        9,
    ),
    ('Glen rasp tunda "zelt-tea" is brewed nightly!', ["zelt tea"], 12),
    ("泽尔特茶很好喝。", ["zelt tea"], 14),
    ("我们讨论泽尔特茶吗？", ["zelt tea"], 14),
    (
        "A list item on mubra policy with a linked zelt tea inside.",
        ["mubra policy", "zelt tea"],
        16,
    ),
]


def test_suggest_lists_exactly_the_unquoted_mentions_and_each_passes_check(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "editor-suggest" / "content", content)
    article = content / "articles" / "2023-05-05-synthetic.md"
    result = run_cli("suggest", "--content", str(content), str(article))
    assert result.code == 0, result.stderr
    entries = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    got = []
    for text_line, concepts_line in zip(entries[0::2], entries[1::2], strict=False):
        text, _, comment = text_line.removeprefix("  - text: ").partition("  # line ")
        concepts = json.loads(concepts_line.removeprefix("    concepts: "))
        if text:
            got.append((json.loads(text), concepts, int(comment)))
    assert got == EXPECTED
    # Paste every suggestion under 'quotes:' as printed: the article must then pass --strict.
    source = article.read_text(encoding="utf-8")
    pasted = source.replace("---\nVorpa", result.stdout.rstrip("\n") + "\n---\nVorpa", 1)
    article.write_text(pasted, encoding="utf-8")
    check = run_cli("check", "--content", str(content), "--strict")
    assert check.code == 0, check.stderr
    assert "0 errors, 0 warnings" in check.stderr
    again = run_cli("suggest", "--content", str(content))
    assert again.stdout == "" and again.code == 0


def test_suggest_lists_each_sentence_once_at_its_first_line(tmp_path: Path) -> None:
    """Hundreds of sentences, some the same: each text once, at the line it first stands."""
    content = tmp_path / "content"
    (content / "concepts").mkdir(parents=True)
    (content / "articles").mkdir()
    (content / "concepts" / "zorvex.md").write_text("---\ntitle: zorvex\n---\n")
    lines = [f"Zorvex {i} holds." if i % 3 else "Zorvex holds again." for i in range(300)]
    front = "---\ntitle: A\ndate: 2024-01-01\nquotes:\n  - text: Zorvex 1 holds\n"
    front += "    concepts: [zorvex]\n---\n"
    (content / "articles" / "2024-01-01-a.md").write_text(front + "\n".join(lines) + "\n")
    result = run_cli("suggest", "--content", str(content))
    assert result.code == 0, result.stderr
    got = re.findall(r'  - text: "(.*)"  # line (\d+)', result.stdout)
    body_line = front.count("\n") + 1
    wanted = {text: body_line + i for i, text in reversed(list(enumerate(lines)))}
    del wanted["Zorvex 1 holds."]  # quoted already
    expected = sorted(wanted.items(), key=lambda item: item[1])
    assert [(text, int(line)) for text, line in got] == expected


def test_suggest_rejects_a_path_outside_the_content(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "editor-suggest" / "content", content)
    stray = tmp_path / "stray.md"
    stray.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = run_cli("suggest", "--content", str(content), str(stray))
    assert result.code == 2
    assert "not under the content directory" in result.stderr


def _concept(title: str, *aliases: str) -> Concept:
    return Concept(Slug(title), title, aliases, None, "", (), (), None)


def _named_in_turn(names: list[tuple[str, str]], sentence: str) -> tuple[str, ...]:
    """The titles the names find, read place by place: at each, the first name in longest-first
    order whose own pattern matches there, and on from its end."""
    text = unicodedata.normalize("NFKC", sentence).casefold()
    patterns = []
    for name, title in sorted(names, key=lambda n: (-len(fold_name(n[0])), n[0])):
        if (split := suggest._name_pattern(name)) is not None:
            patterns.append((re.compile(suggest._head(split[0]) + split[1]), title))
    found, at = [], 0
    while at < len(text):
        hit = next(((m, t) for p, t in patterns if (m := p.match(text, at))), None)
        if hit is None:
            at += 1
            continue
        found.append(hit[1])
        at = hit[0].end()
    return tuple(dict.fromkeys(found))


WORDS = ["zelt", "zel", "tea", "teas", "policy", "policies", "z", "泽尔", "泽", "茶", "-"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3), min_size=1, max_size=6),
    st.lists(st.sampled_from([*WORDS, " ", "-", "zelt-tea", "Zelt", "."]), max_size=14),
)
def test_names_are_found_as_if_each_were_tried_in_turn_at_each_place(
    names: list[list[str]], words: list[str]
) -> None:
    """One pattern for every name, grouped by first character: the same concepts, in the
    same order, as trying every name, longest first, at every place of the sentence."""
    concepts = [_concept(" ".join(name), f"{' '.join(name)} x{i}") for i, name in enumerate(names)]
    unique = {c.title: c for c in concepts}.values()
    matcher = suggest.concept_matcher(unique)
    sentence = " ".join(words)
    pairs = [(n, c.title) for c in unique for n in (c.title, *c.aliases)]
    expected = _named_in_turn(pairs, sentence)
    assert (matcher.concepts_in(sentence) if matcher else ()) == expected


def test_a_name_of_dashes_alone_names_nothing() -> None:
    """Split into words, it has none: its pattern matched nothing, everywhere."""
    matcher = suggest.concept_matcher([_concept("-"), _concept("zelt tea")])
    assert matcher is not None
    assert matcher.concepts_in("All the zelt-teas - and more.") == ("zelt tea",)


def test_suggest_names_concepts_as_check_does(tmp_path: Path) -> None:
    """A sentence names a concept as a quote's ``concepts`` would: ß is no ss, and vowel
    points, the Persian kaf and ё make no other name."""
    titles = {"masse": "Masse", "maße": "Maße", "kitab": "كتاب", "yolka": "ёлка"}
    body = "Die Maße sind klein.\n\nهذا كِتَاب جميل.\n\nزیبا کتاب است.\n\nЭто елка.\n"
    _, named = _suggested(tmp_path / "content", titles, body)
    assert named == [["Maße"], ["كتاب"], ["كتاب"], ["ёлка"]]


def _suggested(content: Path, titles: dict[str, str], body: str) -> tuple[str, list[object]]:
    """``suggest`` of one article with ``body`` beside concepts of ``titles`` (by slug): its
    output, and the concepts of each suggestion in turn."""
    (content / "concepts").mkdir(parents=True)
    (content / "articles").mkdir()
    for slug, title in titles.items():
        (content / "concepts" / f"{slug}.md").write_text(f"---\ntitle: {title}\n---\n")
    (content / "articles" / "2024-01-01-a.md").write_text(
        "---\ntitle: A\ndate: 2024-01-01\n---\n" + body, encoding="utf-8"
    )
    result = run_cli("suggest", "--content", str(content))
    assert result.code == 0, result.stderr
    named = [
        json.loads(line.removeprefix("    concepts: "))
        for line in result.stdout.splitlines()
        if line.startswith("    concepts: ")
    ]
    return result.stdout, named


def _suggested_and_pasted(
    tmp_path: Path, titles: dict[str, str], body: str
) -> tuple[list[str], list[object]]:
    """``_suggested``'s texts and concepts, once its entries, pasted, pass ``check``."""
    content = tmp_path / "content"
    output, named = _suggested(content, titles, body)
    paste_suggestions(output)
    check = run_cli("check", "--content", str(content))
    assert check.code == 0, check.stderr
    return re.findall(r'  - text: "(.*)"  #', output), named


def test_a_suggestion_joins_chinese_lines_as_the_page_shows_them(tmp_path: Path) -> None:
    """A Chinese or Japanese sentence wrapped over lines of the source is suggested as the
    page shows it, its letters together (统筹推进, また、ゼルト茶): a space was put between
    the lines' letters; between words of spaced scripts a line break stays a space."""
    body = (
        "必须坚持格洛普计划，统筹\n推进各项工作。\n\nまた、\nグロープの輸出を\n検討する。"
        "\n\nThe glorp\nplan holds.\n"
    )
    titles = {"g": "格洛普计划", "j": "グロープ", "p": "glorp plan"}
    texts, _ = _suggested_and_pasted(tmp_path, titles, body)
    assert texts == [
        "必须坚持格洛普计划，统筹推进各项工作。",
        "また、グロープの輸出を検討する。",
        "The glorp plan holds.",
    ]


def test_suggest_finds_names_in_text_written_without_spaces(tmp_path: Path) -> None:
    """A Thai name inside a Thai sentence, whose words have no spaces between them, and a
    Latin name written onto Japanese or Korean words (日本はAI技術を, AI는) are mentions,
    as a quote of them is found there; a Latin name inside a Latin word is none."""
    titles = {"plan": "แผนกลอร์ป", "ai": "AI", "g5": "5G"}
    body = (
        "โฆษก 7 กล่าวว่าแผนกลอร์ปจะเริ่มต้นแล้ว\n\n日本はAI技術を推進している。\n\n"
        "화자는 AI는 중요하다고 말했다.\n\n会議は5G网络について話した。\n\nThe PAIN grew.\n"
    )
    _, named = _suggested_and_pasted(tmp_path, titles, body)
    assert named == [["แผนกลอร์ป"], ["AI"], ["AI"], ["5G"]]


def test_suggest_finds_names_whose_words_a_scripts_own_hyphen_joins(tmp_path: Path) -> None:
    """Hebrew's maqaf and Armenian's hyphen join a name's words as a dash does: they were no
    separator, and ``מדיניות־גלורפ`` was no mention of ``מדיניות גלורפ``."""
    titles = {"he": "מדיניות גלורפ", "hy": "գլորպ պլան", "en": "glorp plan"}
    body = "מדיניות־גלורפ כתובה.\n\nԱյս գլորպ֊պլան նոր է։\n\nThe glorp−plan holds.\n"
    _, named = _suggested_and_pasted(tmp_path, titles, body)
    assert named == [["מדיניות גלורפ"], ["գլորպ պլան"], ["glorp plan"]]


def test_suggest_finds_arabic_and_hebrew_names_after_the_prefixes_written_onto_them(
    tmp_path: Path,
) -> None:
    """Arabic and Hebrew write "and", "the", "in" onto the next word (``والزورب``,
    ``וּבְזורפ``): a name after them was no mention. After another letter it is still none."""
    titles = {"ar": "زورب", "ar2": "سياسة غلورب", "he": "זורפ"}
    body = "والزورب كلمة.\n\nوبسياسة غلورب تغيرت.\n\nتزورب لا.\n\nוּבְזורפ חשוב.\n\nאזורפ לא.\n"
    texts, named = _suggested_and_pasted(tmp_path, titles, body)
    assert texts == ["والزورب كلمة.", "وبسياسة غلورب تغيرت.", "וּבְזורפ חשוב."]
    assert named == [["زورب"], ["سياسة غلورب"], ["זורפ"]]


def test_a_names_words_are_found_written_together_where_their_script_may_write_them_so(
    tmp_path: Path,
) -> None:
    """Korean may write a compound's words together, Thai writes none apart, and a Latin word
    ends at a Chinese letter: ``글로프정책`` was no mention of ``글로프 정책``, nor
    ``นโยบายกลอร์ป`` of ``นโยบาย กลอร์ป``, nor ``AI技术`` of ``AI 技术``. Latin words
    written together are still another word."""
    titles = {"ko": "글로프 정책", "th": "นโยบาย กลอร์ป", "zh": "AI 技术", "en": "glorp plan"}
    body = (
        "글로프정책이라는 표현도 있다.\n\nนโยบายกลอร์ปเริ่มแล้ว\n\n我们的AI技术很好。\n\n"
        "The glorpplan is no plan.\n"
    )
    _, named = _suggested_and_pasted(tmp_path, titles, body)
    assert named == [["글로프 정책"], ["นโยบาย กลอร์ป"], ["AI 技术"]]


def test_a_name_followed_or_ended_by_a_vowel_sign_is_no_mention_inside_a_longer_word(
    tmp_path: Path,
) -> None:
    """A vowel sign is part of its letter: ``ज़ोर्प`` was found in ``काज़ोर्प`` and
    ``ज़ोर्पों``, and ``நீதி``, which ends in one, in ``நீதிமன்றம்``. As whole words they are
    still found, and a Thai name still at any letter. A Tibetan name starts and ends at a
    syllable's tsheg, as a quote does: ``ཟོར་པ`` was found in ``གཟོར་པ``."""
    titles = {"hi": "ज़ोर्प", "ta": "நீதி", "th": "ดี", "bo": "ཟོར་པ"}
    body = (
        "काज़ोर्प नहीं।\n\nज़ोर्पों नहीं।\n\nநீதிமன்றம் இல்லை.\n\nज़ोर्प के बारे में।\n\n"
        "நீதி வேண்டும்.\n\nดีมาก\n\nགཟོར་པ་མིན། ཟོར་པའི་མིན།\n\nང་ཟོར་པ་ལ་དགའ།\n"
    )
    texts, _ = _suggested_and_pasted(tmp_path, titles, body)
    assert texts == ["ज़ोर्प के बारे में।", "நீதி வேண்டும்.", "ดีมาก", "ང་ཟོར་པ་ལ་དགའ།"]


def test_a_notes_mark_between_letters_written_together_splits_no_sentence(tmp_path: Path) -> None:
    """A note's mark written as a tag was read as a space: a Thai sentence ended at it, and
    its first words were suggested alone, and a Chinese one was suggested with a space its
    card shows without (``佐普 。``). A Latin word's mark still reads as a space."""
    body = (
        "ซอร์ป<sup>4</sup>ดีมาก\n\n第二行提到佐普<sup>[1]</sup>。下一句。\n\n"
        "Zorp<sup>2</sup>grew.<sup>3</sup> Zorp ends.\n"
    )
    texts, _ = _suggested_and_pasted(tmp_path, {"th": "ซอร์ป", "zh": "佐普", "en": "zorp"}, body)
    assert texts == ["ซอร์ป ดีมาก", "第二行提到佐普。", "Zorp grew.", "Zorp ends."]


def _suggest_content(tmp_path: Path, front: str, body: str) -> tuple[Path, Path]:
    """The editor-suggest concepts (zelt tea, mubra policy) and one article of its own."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "editor-suggest" / "content", content)
    (content / "articles" / "2023-05-05-synthetic.md").unlink()
    article = content / "articles" / "2024-01-01-a.md"
    write(article, f"---\ntitle: A\ndate: 2024-01-01\n{front}---\n{body}")
    return content, article


def test_sentences_with_superscripts_and_ruby_are_suggested_as_check_reads_them(
    tmp_path: Path,
) -> None:
    """An exponent reads 10⁶, a note's mark and a ruby's reading are left out: the sentence
    holding one was read with them as text ("moved 106 tonnes"), which check does not find,
    and was left out without a word."""
    body = (
        "One: zelt tea moved 10<sup>6</sup> tonnes.\n\n"
        "Two: zelt tea<sup>3</sup> works.\n\n"
        'Three: zelt tea in 2019<sup><a href="#fn1">1</a></sup> worked.\n\n'
        "Four: zelt tea is in <ruby>漢字<rt>かんじ</rt></ruby> too.\n\n"
        "Five: zelt tea<sup>2</sup>grew.\n\n"
        '<a id="fn1"></a>A note.\n'
    )
    content, _ = _suggest_content(tmp_path, "", body)
    result = run_cli("suggest", "--content", str(content))
    assert result.code == 0, result.stderr
    texts = [json.loads(t) for t in re.findall(r"- text: (\".*\")  # line", result.stdout)]
    assert [t.split(":")[0] for t in texts] == ["One", "Two", "Three", "Four", "Five"]
    assert "10⁶" in texts[0] and "かんじ" not in texts[3] and "2019 " in texts[2]
    paste_suggestions(result.stdout)
    check = run_cli("check", "--content", str(content), "--strict")
    assert check.code == 0, check.stderr


def test_an_images_text_shown_in_its_place_is_in_the_suggested_sentence(tmp_path: Path) -> None:
    """An image from another site is shown as its text (its alt, else its title), which
    ``check`` reads in the sentence: suggest left it out ("The shows zelt tea growth"), and
    every such suggestion failed once pasted."""
    body = (
        "The ![big chart](https://example.org/c.png) shows zelt tea growth.\n\n"
        "A [![zelt badge](https://example.org/b.svg)](https://example.org) shows zelt tea.\n\n"
        'Raw <img src="https://example.org/r.png" alt="raw chart"> shows zelt tea too.\n'
    )
    content, _ = _suggest_content(tmp_path, "", body)
    result = run_cli("suggest", "--content", str(content))
    assert result.code == 0, result.stderr
    texts = [json.loads(t) for t in re.findall(r"- text: (\".*\")  # line", result.stdout)]
    assert texts == [
        "The big chart shows zelt tea growth.",
        "A zelt badge shows zelt tea.",
        "Raw raw chart shows zelt tea too.",
    ]
    paste_suggestions(result.stdout)
    check = run_cli("check", "--content", str(content))  # image-remote: warnings only
    assert check.code == 0 and "[quote-not-found]" not in check.stderr, check.stderr


def test_quotes_of_an_article_with_an_error_elsewhere_are_not_suggested(tmp_path: Path) -> None:
    """Its quotes are read from its front matter: none was validated, its date being wrong."""
    front = 'date: 2024-01-1\nquotes:\n  - text: "**Zelt tea** is fine"\n    concepts: [zelt tea]\n'
    content, article = _suggest_content(tmp_path, "", "")
    write(article, f"---\ntitle: A\n{front}---\nZelt tea is fine. Zelt tea is hot.\n")
    result = run_cli("suggest", "--content", str(content), str(article))
    assert result.code == 0, result.stderr
    assert re.findall(r"- text: (.*)  # line", result.stdout) == ['"Zelt tea is hot."']


def test_an_article_whose_front_matter_cannot_be_read_is_reported(tmp_path: Path) -> None:
    content, article = _suggest_content(tmp_path, "concepts: [zelt tea\n", "Zelt tea is hot.\n")
    result = run_cli("suggest", "--content", str(content), str(article))
    assert result.code == 1
    # At the bracket left open (line 4), where ``check`` reports it.
    assert f"{article.as_posix()}:4:11:" in result.stderr and "[yaml-syntax]" in result.stderr
    assert "1 article skipped" in result.stderr
    everything = run_cli("suggest", "--content", str(content))
    assert everything.code == 1 and "[yaml-syntax]" in everything.stderr


def test_a_concept_file_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    """Its names were not looked for, without a word: suggest listed none of the mentions
    of its aliases (泽尔特茶) and exited 0."""
    content, _ = _suggest_content(tmp_path, "", "泽尔特茶很热。Mubra policy is new.\n")
    concept = content / "concepts" / "zelt-tea.md"
    concept.write_text("---\ntitle: [zelt tea\n---\nBroken.\n", encoding="utf-8")
    result = run_cli("suggest", "--content", str(content))
    assert result.code == 1
    assert re.findall(r"- text: (.*)  # line", result.stdout) == ['"Mubra policy is new."']
    assert f"{concept.as_posix()}:2:8: error: " in result.stderr
    assert result.stderr.endswith(
        "1 unquoted mention in 1 article; 1 concept unread, whose names were not looked for:"
        " fix the errors above first\n"
    )


def test_a_direction_control_in_a_sentence_is_written_as_an_escape(tmp_path: Path) -> None:
    """A right-to-left override in a suggested sentence (or a concept's name) was printed as
    it was, and turned text around in the terminal: what follows it up to the end of the
    line when it is not closed. Written as an escape, the entry still reads back as the
    sentence, and passes check."""
    body = "Zelt tea is \u202eton dlo\u202c.\n"
    content, article = _suggest_content(tmp_path, "quotes:\n", body)
    result = run_cli("suggest", "--content", str(content))
    assert result.code == 0, result.stderr
    assert "\u202e" not in result.stdout and "\u202c" not in result.stdout
    entry = '  - text: "Zelt tea is \\u202eton dlo\\u202c."  # line 6'
    assert entry in result.stdout.splitlines()
    paste_suggestions(result.stdout)
    assert yaml.safe_load(article.read_text(encoding="utf-8").split("---\n")[1])["quotes"] == [
        {"text": "Zelt tea is \u202eton dlo\u202c.", "concepts": ["zelt tea"]}
    ]
    check = run_cli("check", "--content", str(content), "--strict")
    assert check.code == 0, article.read_text(encoding="utf-8") + check.stderr


@pytest.mark.parametrize(
    "front",
    [
        "quotes:\n- text: Zelt tea is fine\n  concepts: [zelt tea]\n",  # a list at column 0
        "quotes:\n    - text: Zelt tea is fine\n      concepts: [zelt tea]\n",  # indented by 4
        "quotes: []\n",
        "quotes: ~\n",
        "quotes:\n",
        "quotes: [{text: Zelt tea is fine, concepts: [zelt tea]}]\n",
        "quotes: [\n  {text: Zelt tea is fine, concepts: [zelt tea]}]\n",
        "quotes: &q [{text: Zelt tea is fine, concepts: [zelt tea]}]\n",  # an anchor
        "quotes:\n  []\n",  # the value on the next line
        "quotes:\n  text: Zelt tea is fine\n  concepts: [zelt tea]\n",  # a mapping, no list
        "quotes: >\n  Zelt tea\n\n  is fine.\n",  # a block of text
        "",
    ],
)
def test_suggestions_pasted_where_the_header_says_pass_check(tmp_path: Path, front: str) -> None:
    """However the article writes its list of quotes, or has none: the header says where the
    entries go, and they follow its list's indentation."""
    body = "Zelt tea is fine. Zelt tea is hot. Mubra policy is new.\n"
    content, article = _suggest_content(tmp_path, front, body)
    result = run_cli("suggest", "--content", str(content))
    assert result.code == 0, result.stderr
    paste_suggestions(result.stdout)
    check = run_cli("check", "--content", str(content), "--strict")
    assert check.code == 0, article.read_text(encoding="utf-8") + check.stderr
    assert run_cli("suggest", "--content", str(content)).stdout == ""


@pytest.mark.parametrize(
    "front",
    [
        "quotes:\n  text: Zelt tea is fine\n  concepts:\n    - zelt tea\n  note: Kept.\n",
        "quotes:\n    text: Zelt tea is fine  # why\n\n    concepts: [zelt tea]\n    note: Kept.\n",
        "quotes: {text: Zelt tea is fine, concepts: [zelt tea], note: Kept.}\n",
        "quotes: {text: Zelt tea is fine,\n  concepts: [zelt tea], note: Kept.}\n",
        "quotes:\n  {text: Zelt tea is fine,\n   concepts: [zelt tea], note: Kept.}\n",
    ],
)
def test_an_entry_written_without_its_dash_is_kept_by_the_lines_that_replace_it(
    tmp_path: Path, front: str
) -> None:
    """'quotes:' holding one entry without its '-' (a mapping, which check refuses) was to be
    replaced by the suggestions alone: pasted as told, the editor's quote, its concepts and
    note were lost, and its sentence was suggested again."""
    front_matter = _pasted_and_checked(tmp_path, front)
    assert front_matter["quotes"][0] == {
        "text": "Zelt tea is fine",
        "concepts": ["zelt tea"],
        "note": "Kept.",
    }


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85", "\f"], ids=["LS", "PS", "NEL", "FF"])
def test_a_character_python_ends_lines_at_leaves_the_header_right(tmp_path: Path, brk: str) -> None:
    """``splitlines`` also ends a line at these (in a quoted title, where YAML reads them as
    spaces): the front matter's line numbers were off by one after it, so a list in brackets
    was not found on its line, and block entries pasted into it broke the article."""
    quotes = "quotes: [\n  {text: Zelt tea is fine, concepts: [zelt tea]}]\n"
    body = "Zelt tea is fine. Zelt tea is hot.\n"
    content, article = _suggest_content(tmp_path, "", body)
    write(article, f'---\ntitle: "A{brk}B"\ndate: 2024-01-01\n{quotes}---\n{body}')
    result = run_cli("suggest", "--content", str(content))
    assert result.code == 0, result.stderr
    assert result.stdout.startswith(
        f"# {article.as_posix()}: paste right after the '[' of 'quotes:' (line 4)\n"
    )
    paste_suggestions(result.stdout)
    check = run_cli("check", "--content", str(content), "--strict")
    assert check.code == 0, article.read_text(encoding="utf-8") + check.stderr


def test_articles_are_those_the_build_reads(tmp_path: Path) -> None:
    """A folder of articles linked into articles/ (the build reads it under the link's name)
    was left out of every suggestion, and its article named as a PATH was 'not under'
    articles/; a draft folder's article (which the build does not read) was listed."""
    content, article = _suggest_content(tmp_path, "", "Zelt tea is hot.\n")
    shared = content / "_shared" / "2024-01-02-b.md"
    write(shared, "---\ntitle: B\ndate: 2024-01-02\n---\nZelt tea is cold.\n")
    (content / "articles" / "shared").symlink_to("../_shared")
    draft = content / "articles" / "_drafts" / "2024-01-03-c.md"
    write(draft, "---\ntitle: C\ndate: 2024-01-03\n---\nZelt tea is warm.\n")
    linked = content / "articles" / "shared" / "2024-01-02-b.md"
    every = run_cli("suggest", "--content", str(content))
    assert every.code == 0, every.stderr
    headers = [line.split(": ")[0] for line in every.stdout.splitlines() if line.startswith("#")]
    assert headers == [f"# {article.as_posix()}", f"# {linked.as_posix()}"]
    named = run_cli("suggest", "--content", str(content), str(linked), str(draft))
    assert named.code == 0, named.stderr
    assert re.findall(r"- text: (.*)  # line", named.stdout) == [
        '"Zelt tea is cold."',
        '"Zelt tea is warm."',
    ]


@pytest.mark.parametrize("limit", ["MAX_FRONT_MATTER_BYTES", "MAX_YAML_NODES", "MAX_FILE_BYTES"])
def test_suggestions_stop_where_the_front_matter_would_pass_its_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str
) -> None:
    """A long transcript's suggestions, pasted all at once, made a front matter over 256 KiB
    (or 20,000 values, or a file over 8 MiB), which check refused whole (yaml-limit): those
    that fit are listed, and a comment counts the rest, suggested once some are quoted."""
    body = "".join(f"Zelt tea number {n} is hot.\n\n" for n in range(60))
    content, article = _suggest_content(tmp_path, "quotes:\n", body)
    low = {"MAX_FRONT_MATTER_BYTES": 2048, "MAX_YAML_NODES": 100}.get(limit)
    size = len(article.read_bytes()) + 2048 if low is None else low
    monkeypatch.setattr(f"concordance.load.{limit}", size)
    result = run_cli("suggest", "--content", str(content))
    assert result.code == 0, result.stderr
    listed = len(re.findall(r"- text: ", result.stdout))
    assert 10 < listed < 60
    assert f"  # {60 - listed} more not listed: " in result.stdout
    paste_suggestions(result.stdout)
    check = run_cli("check", "--content", str(content), "--strict")
    assert check.code == 0, check.stderr


def test_the_file_limit_counts_the_lines_of_a_file_saved_with_crlf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file's size was counted on its text with line feeds: a file saved with CRLF (and
    the pasted lines saved so) was larger by a byte a line, and passed the 8 MiB limit."""
    body = "".join(f"Zelt tea number {n} is hot.\n\n" for n in range(60))
    content, article = _suggest_content(tmp_path, "quotes:\n", body)
    crlf = article.read_bytes().replace(b"\n", b"\r\n")
    article.write_bytes(crlf)
    monkeypatch.setattr("concordance.load.MAX_FILE_BYTES", len(crlf) + 1500)
    result = run_cli("suggest", "--content", str(content))
    assert result.code == 0, result.stderr
    assert " more not listed: " in result.stdout
    paste_suggestions(result.stdout)
    article.write_bytes(article.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    check = run_cli("check", "--content", str(content), "--strict")
    assert check.code == 0, check.stderr


def test_a_header_writes_a_control_character_of_a_file_name_as_an_escape(tmp_path: Path) -> None:
    """A line break in an article's file name ended the header midway, its rest a line of
    YAML pasted with the entries; a U+202E turned the header around in the terminal."""
    content, article = _suggest_content(tmp_path, "", "Zelt tea is hot.\n")
    for name in ("2024-01-02-new\nline.md", "2024-01-03-\u202egnp.md"):
        article.rename(content / "articles" / name)
        article = content / "articles" / name
        result = run_cli("suggest", "--content", str(content))
        assert result.code == 0, result.stderr
        header, entry = result.stdout.splitlines()[:2]
        escaped = name.replace("\n", "\\n").replace("\u202e", "\\u202e")
        assert (
            header == f"# {content.as_posix()}/articles/{escaped}: paste above line 4, the"
            " front matter's closing '---'"
        )
        assert entry == "quotes:"


def test_a_path_that_is_no_article_or_is_given_twice(tmp_path: Path) -> None:
    """A .txt file under articles/ was read as an article ('no front matter', exit 1), a
    folder was 'no such article', and an article named twice had its suggestions listed
    twice."""
    content, article = _suggest_content(tmp_path, "", "Zelt tea is hot.\n")
    notes = content / "articles" / "notes.txt"
    write(notes, "Zelt tea is hot.\n")
    refused = run_cli("suggest", "--content", str(content), str(notes))
    assert refused.code == 2
    assert f"{notes} is not an article (articles are .md files)" in refused.stderr
    # A name a shell's * gave, as the content named it: one line, its break an escape.
    forged = content / "articles" / "x\nb.md:1:1: error: forged\u202e.txt"
    write(forged, "Zelt tea is hot.\n")
    refused = run_cli("suggest", "--content", str(content), str(forged))
    assert refused.code == 2
    escaped = str(forged).replace("\n", "\\n").replace("\u202e", "\\u202e")
    assert refused.stderr == f"build.py: {escaped} is not an article (articles are .md files)\n"
    folder = run_cli("suggest", "--content", str(content), str(content / "articles"))
    assert folder.code == 2  # it was 'no such article', of a folder that is there
    assert f"{content / 'articles'} is a folder: name its articles' .md files" in folder.stderr
    twice = run_cli("suggest", "--content", str(content), str(article), str(article))
    assert twice.code == 0 and twice.stdout.count("- text: ") == 1
    assert "1 unquoted mention in 1 article" in twice.stderr


def test_suggest_reads_bodies_without_their_search_terms(monkeypatch: pytest.MonkeyPatch) -> None:
    """``suggest`` writes no page: the search terms of a huge body of Chinese or Thai, which
    only a page holds, took two fifths of its time, in each of its two reads of the body."""
    from concordance import search_terms
    from concordance.markdown import QuoteRequest, render_body

    def unasked(text: str) -> str:
        raise AssertionError(f"search terms of {text!r}")

    monkeypatch.setattr(search_terms, "terms", unasked)
    body = "发言人说格洛普计划进展顺利。这是第二句。\n\nกลอร์ปนโยบาย ดำเนินต่อไป"
    sentences = suggest.paragraph_sentences(body, 8, "articles")
    assert [s.text for s in sentences] == [
        "发言人说格洛普计划进展顺利。",
        "这是第二句。",
        "กลอร์ปนโยบาย",
        "ดำเนินต่อไป",
    ]
    requests = [QuoteRequest(f"s{i}", s.text) for i, s in enumerate(sentences)]
    found = render_body(body, requests, "articles", in_order=True, indexed=False).found
    assert found == {"s0": 0, "s1": 0, "s2": 2, "s3": 2}


@pytest.mark.parametrize(
    "front",
    [
        "quotes: Zelt tea is fine\n",
        "quotes: 'Zelt tea is fine'  # why\n",
        "quotes: >\n  Zelt tea\n  is fine\n",
        "quotes: |-\n    Zelt tea is fine\n\n",
    ],
)
def test_a_quote_written_as_the_text_of_quotes_is_kept_by_the_lines_that_replace_it(
    tmp_path: Path, front: str
) -> None:
    """'quotes:' holding the editor's quote as its text (which check refuses) was to be
    replaced by the suggestions alone: pasted as told, the quote was lost, and its sentence
    was suggested again. It is the first entry's text now, with the concepts it names."""
    front_matter = _pasted_and_checked(tmp_path, front)
    assert front_matter["quotes"] == [
        {"text": "Zelt tea is fine", "concepts": ["zelt tea"]},
        {"text": "Zelt tea is hot.", "concepts": ["zelt tea"]},
    ]


def _pasted_and_checked(tmp_path: Path, front: str) -> Any:
    """The front matter of an article of two sentences about zelt tea, whose ``quotes:`` is
    ``front``, once ``suggest``'s one suggestion (the second sentence) is pasted as told and
    ``check --strict`` passes."""
    body = "Zelt tea is fine. Zelt tea is hot.\n"
    content, article = _suggest_content(tmp_path, front, body)
    result = run_cli("suggest", "--content", str(content))
    assert result.code == 0, result.stderr
    assert re.findall(r"- text: (.*)  # line", result.stdout) == ['"Zelt tea is hot."']
    paste_suggestions(result.stdout)
    check = run_cli("check", "--content", str(content), "--strict")
    assert check.code == 0, article.read_text(encoding="utf-8") + check.stderr
    return yaml.safe_load(article.read_text(encoding="utf-8").split("---\n")[1])


def test_an_article_named_from_its_folder_is_told_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``suggest 2024-01-01-a.md`` (the name ``new`` printed the end of, or a path from the
    content folder) was 'no such article', without the path that names it."""
    _suggest_content(tmp_path, "", "Zelt tea is hot.\n")
    monkeypatch.chdir(tmp_path)
    for name in ("2024-01-01-a.md", "articles/2024-01-01-a.md"):
        refused = run_cli("suggest", name)
        assert (refused.code, refused.stderr) == (
            2,
            f"build.py: no such article: {name} (did you mean content/articles/2024-01-01-a.md?)\n",
        )
    unknown = run_cli("suggest", "2024-01-02-b.md")
    assert unknown.stderr == "build.py: no such article: 2024-01-02-b.md\n"
    assert run_cli("suggest", "content/articles/2024-01-01-a.md").code == 0
