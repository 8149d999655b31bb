"""``build.py new``: a skeleton that check accepts once a body is written; never overwrites."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, paste_suggestions, run_cli

from concordance.cli import main

TITLE = "Speaker 7: glorp policy, revisited!"
FILE = "articles/2024-03-05-speaker-7-glorp-policy-revisited.md"


def scaffold(tmp_path: Path) -> tuple[Path, Path]:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "editor-suggest" / "content", content)
    result = run_cli("new", TITLE, "--date", "2024-03-05", "--content", str(content))
    assert result.code == 0, result.stderr
    assert result.stdout.strip() == f"{content.as_posix()}/{FILE}"
    return content, content / FILE


def test_scaffold_passes_check_once_a_body_is_written(tmp_path: Path) -> None:
    content, article = scaffold(tmp_path)
    text = article.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == TITLE and front["date"] == dt.date(2024, 3, 5)
    article.write_text(text + "Glorp policy was revisited by Speaker 7 today.\n", encoding="utf-8")
    check = run_cli("check", "--content", str(content))
    assert check.code == 0, check.stderr
    assert "error" not in check.stderr.replace("0 errors", "")
    # The reminder, at the skeleton's 'quotes:': nothing is quoted yet.
    line = text.splitlines().index("quotes:") + 1
    warned = f"{FILE}:{line}:1: warning: article has no quotes [article-no-quotes]\n"
    assert warned in check.stderr
    # 'quotes:' is there: the hint says what goes under it, and where to find candidates.
    hint = check.stderr.split(warned)[1].splitlines()[0]
    assert hint == "    hint: add statements from the body under 'quotes:' (suggest lists them)"


def test_uncommented_quote_example_passes_strict_check(tmp_path: Path) -> None:
    """The commented example shows the right shape: uncommented, with its sentence in the body
    and a real concept, the article is clean even under --strict."""
    content, article = scaffold(tmp_path)
    lines = article.read_text(encoding="utf-8").splitlines()
    example = [line.removeprefix("# ") for line in lines if line.startswith("#   ")]
    example = [line.replace("[a concept, another concept]", "[zelt tea]") for line in example]
    body = "A sentence copied exactly from the body. Zelt tea was served.\n"
    at = lines.index("quotes:") + 1
    lines[at:at] = example
    article.write_text("\n".join([*lines, body]), encoding="utf-8")
    check = run_cli("check", "--content", str(content), "--strict")
    assert check.code == 0, check.stderr


def test_second_call_with_the_same_title_refuses(tmp_path: Path) -> None:
    content, article = scaffold(tmp_path)
    article.write_text(article.read_text(encoding="utf-8") + "Edited body.\n", encoding="utf-8")
    before = article.read_bytes()
    again = run_cli("new", TITLE, "--date", "2024-03-05", "--content", str(content))
    assert again.code == 1
    told = "already exists; not overwritten (edit it, or give another title or date)"
    assert told in again.stderr
    assert article.read_bytes() == before


def test_bad_date_and_empty_title_are_refused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    try:
        run_cli("new", "x", "--date", "2024-13-01", "--content", str(content))
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("argparse accepted a bad date")
    empty = run_cli("new", "   ", "--content", str(content))
    assert empty.code == 2  # a usage error, as the bad date above
    assert empty.stderr == "build.py new: the title is empty\n"
    unseen = run_cli("new", "\u200b\u200d", "--content", str(content))  # check would refuse it
    assert unseen.code == 2
    assert unseen.stderr == "build.py new: the title holds nothing a reader sees\n"
    assert not (content / "articles").exists() or not any((content / "articles").iterdir())


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (["---"], "---"),
        (["-->", "--date", "2024-03-05"], "-->"),
        (["--date", "2024-03-05", "-_-"], "-_-"),
        (["--- draft"], "--- draft"),
        (["-5"], "-5"),
        (["--", "-draft"], "-draft"),
    ],
)
def test_a_title_that_begins_with_a_dash_is_a_title(
    tmp_path: Path, args: list[str], title: str
) -> None:
    """``new "---"`` was refused as an option ('the following arguments are required:
    title'), where ``new "--- draft"`` was a title."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    result = run_cli("new", "--content", str(content), *args)
    assert result.code == 0, result.stderr
    text = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert yaml.safe_load(text.split("---\n")[1])["title"] == title


def test_a_title_that_looks_like_an_option_is_told_how_to_give_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    with pytest.raises(SystemExit) as exited:
        main(["new", "-draft", "--content", str(content)])
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "build.py new: error: the following arguments are required: title (a title that begins"
        " with '-' then a letter goes after '--': build.py new -- '-title')"
    )
    assert not any((content / "articles").iterdir())


def test_default_date_is_today(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    result = run_cli("new", "Glorp", "--content", str(content))
    assert result.code == 0
    name = Path(result.stdout.strip()).name
    assert name in {
        f"{(dt.date.today() - dt.timedelta(days=d)).isoformat()}-glorp.md" for d in (0, 1)
    }


def test_control_characters_are_left_out_of_the_title(tmp_path: Path) -> None:
    """check refuses them in a front matter: the file new writes must pass it."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    result = run_cli("new", "Glorp\x01 plan\x7f of\ufffe Speaker 7", "--content", str(content))
    assert result.code == 0, result.stderr
    article = Path(result.stdout.strip())
    text = article.read_text(encoding="utf-8")
    assert yaml.safe_load(text.split("---\n")[1])["title"] == "Glorp plan of Speaker 7"
    article.write_text(text + "Glorp policy was revisited by Speaker 7 today.\n", encoding="utf-8")
    assert run_cli("check", "--content", str(content)).code == 0


def test_a_title_typed_in_another_encoding_is_refused(tmp_path: Path) -> None:
    """A terminal set to Latin-1 sends ``é`` as the byte 0xE9, which Python keeps as the
    surrogate U+DCE9: the title was written without it, "Caf plan" for "Café plan"."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    result = run_cli("new", "Caf\udce9 plan", "--date", "2024-01-01", "--content", str(content))
    assert result.code == 2
    assert "not UTF-8 text (byte 0xe9)" in result.stderr
    assert not any((content / "articles").iterdir())


def test_a_thai_title_keeps_its_letters_in_the_file_name(tmp_path: Path) -> None:
    """NFKC spells the vowel am (ำ) out as two characters: ``new "น้ำใส"`` wrote a file
    named ``…-น้ําใส.md``, which no search for ``น้ำ`` typed on a Thai keyboard finds."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "editor-suggest" / "content", content)
    result = run_cli("new", "น้ำใส", "--date", "2024-01-01", "--content", str(content))
    assert result.code == 0, result.stderr
    assert Path(result.stdout.strip()).name == "2024-01-01-น้ำใส.md"
    assert (content / "articles" / "2024-01-01-น้ำใส.md").is_file()


def test_suggestions_pasted_under_the_skeletons_quotes_pass_check(tmp_path: Path) -> None:
    """The editing loop: ``new``, a body, ``suggest``, its output pasted where it says."""
    content, article = scaffold(tmp_path)
    body = "Speaker 7 said zelt tea is good. Mubra policies keep it warm.\n"
    article.write_text(article.read_text(encoding="utf-8") + body, encoding="utf-8")
    suggested = run_cli("suggest", "--content", str(content), str(article))
    assert suggested.code == 0, suggested.stderr
    assert "2 unquoted mentions" in suggested.stderr
    line = article.read_text(encoding="utf-8").splitlines().index("quotes:") + 1
    assert f"paste under 'quotes:' (line {line})" in suggested.stdout  # nothing to replace
    paste_suggestions(suggested.stdout)
    check = run_cli("check", "--content", str(content), "--strict")
    assert check.code == 0, check.stderr


def test_a_folder_that_is_not_content_is_refused(tmp_path: Path) -> None:
    """A misspelt ``--content`` was made a new content folder, which no other command reads."""
    (tmp_path / "content" / "articles").mkdir(parents=True)
    misspelt = run_cli("new", TITLE, "--content", str(tmp_path / "contnet"))
    assert misspelt.code == 2
    assert misspelt.stderr == (
        f"build.py new: content directory not found: {tmp_path}/contnet"
        f" (did you mean --content {tmp_path}/content?)\n"
    )
    (tmp_path / "notes").mkdir()
    other = run_cli("new", TITLE, "--content", str(tmp_path / "notes"))
    assert other.code == 2
    assert "notes does not look like a content folder" in other.stderr
    assert not (tmp_path / "contnet").exists() and list((tmp_path / "notes").iterdir()) == []


def test_the_skeletons_comments_line_up(tmp_path: Path) -> None:
    """The comment after ``said_on`` stood six columns right of the others (the template's
    ``{date}`` is shorter than a date), and that after ``concepts`` one."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    made = run_cli("new", TITLE, "--date", "2024-03-05", "--content", str(content))
    lines = Path(made.stdout.strip()).read_text(encoding="utf-8").splitlines()
    columns = {line.index("  # ") + 2 for line in lines if "  # " in line}
    assert len(columns) == 1, lines


@pytest.mark.parametrize(
    ("argv0", "command"),
    [("build.py", "python build.py suggest"), ("/usr/bin/concordance", "concordance suggest")],
)
def test_the_skeleton_names_suggest_as_the_editor_runs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv0: str, command: str
) -> None:
    """It said 'python build.py suggest' to someone who ran the installed ``concordance``,
    in a folder with no build.py."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    monkeypatch.setattr("sys.argv", [argv0])
    made = run_cli("new", TITLE, "--content", str(content))
    text = Path(made.stdout.strip()).read_text(encoding="utf-8")
    paste = f"# Paste what '{command}' prints under 'quotes:' above, or entries like"
    assert paste in text.splitlines()


def test_an_empty_folder_is_told_how_to_start_a_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone trying the tool in a new folder was told only that there was no content
    folder, or that the empty one made was none: not how to make one ``new`` writes into."""
    monkeypatch.chdir(tmp_path)
    none = run_cli("new", TITLE)
    assert (none.code, none.stderr) == (
        2,
        "build.py new: content directory not found: content (give the content folder with"
        " --content, or start a site: mkdir -p content/articles)\n",
    )
    (tmp_path / "content").mkdir()
    empty = run_cli("new", TITLE)
    assert (empty.code, empty.stderr) == (
        2,
        "build.py new: content does not look like a content folder: it has no articles/,"
        " concepts/ or site.yaml (give the content folder with --content, or start a site:"
        " mkdir -p content/articles)\n",
    )
    (tmp_path / "content" / "articles").mkdir()  # as the hint says
    made = run_cli("new", TITLE)
    assert made.code == 0, made.stderr
    assert Path(made.stdout.strip()).parent == Path("content/articles")


@pytest.mark.parametrize(("inside", "meant"), [("articles", ".."), ("", ".")])
def test_a_command_run_inside_the_content_folder_is_told_to_name_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inside: str, meant: str
) -> None:
    """Run in ``content/articles``, it was told to start a site there (``mkdir -p
    content/articles``), which made a second content folder inside the first."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    monkeypatch.chdir(content / inside)
    refused = run_cli("new", TITLE)
    assert (refused.code, refused.stderr) == (
        2,
        f"build.py new: content directory not found: content (did you mean --content {meant}?)\n",
    )
    assert list((content / "articles").iterdir()) == []
    made = run_cli("new", TITLE, "--content", meant)
    assert made.code == 0, made.stderr


def test_an_article_in_a_subfolder_keeps_its_address(tmp_path: Path) -> None:
    """Articles may sit in folders of articles/, and a page's address is its file's name:
    the new file would share it, and check would refuse both (slug-collision)."""
    content, article = scaffold(tmp_path)
    (content / "articles" / "2024").mkdir()
    moved = article.rename(content / "articles" / "2024" / article.name)
    again = run_cli("new", TITLE.upper(), "--date", "2024-03-05", "--content", str(content))
    assert again.code == 1
    assert again.stderr.startswith(f"build.py new: {moved.as_posix()} already has the page")
    assert not article.exists()
    moved.write_text(moved.read_text(encoding="utf-8") + "Glorp policy.\n", encoding="utf-8")
    assert run_cli("check", "--content", str(content)).code == 0


def test_the_article_that_has_the_address_is_named_on_one_line(tmp_path: Path) -> None:
    """A folder of articles/ is the content's to name: a line break in its name began a
    line of its own in the message, and a right-to-left override turned the rest around."""
    content, article = scaffold(tmp_path)
    folder = content / "articles" / "a\nb.md:1:1: error: forged\u202egnp"
    folder.mkdir()
    moved = article.rename(folder / article.name)
    again = run_cli("new", TITLE, "--date", "2024-03-05", "--content", str(content))
    assert again.code == 1
    named = f"{content.as_posix()}/articles/a\\nb.md:1:1: error: forged\\u202egnp/{moved.name}"
    assert again.stderr.splitlines() == [
        f"build.py new: {named} already has the page address"
        f" '{moved.stem}' that {content.as_posix()}/{FILE} would get; not created (give another"
        " title or date)"
    ]


def test_articles_that_is_no_folder_is_named_so(tmp_path: Path) -> None:
    """A file or a broken link named ``articles`` (check's not-a-folder) was told as 'File
    exists: .../articles', which the editor could not make sense of."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text("title: T\n", encoding="utf-8")
    (content / "articles").write_text("notes\n", encoding="utf-8")
    as_file = run_cli("new", TITLE, "--content", str(content))
    assert as_file.code == 2
    assert as_file.stderr == (
        f"build.py new: {content.as_posix()}/articles is a file, not a folder: rename it, and"
        " make articles/ the folder that holds the articles\n"
    )
    (content / "articles").unlink()
    (content / "articles").symlink_to("gone")
    broken = run_cli("new", TITLE, "--content", str(content))
    assert broken.code == 2 and "articles is a broken link, not a folder" in broken.stderr
    assert sorted(p.name for p in content.iterdir()) == ["articles", "site.yaml"]


def test_an_articles_folder_linked_out_of_the_content_folder_gets_no_article(
    tmp_path: Path,
) -> None:
    """``articles/`` committed as a link to a folder elsewhere: new wrote the article there,
    outside the content folder, which check and build then refuse."""
    content = tmp_path / "content"
    content.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (content / "articles").symlink_to(elsewhere)
    result = run_cli("new", "Glorp", "--date", "2024-03-05", "--content", str(content))
    assert result.code == 1
    assert result.stderr == (
        f"build.py new: {content.as_posix()}/articles leads out of the content folder, to"
        f" {elsewhere.resolve().as_posix()}, which check and build refuse; not created\n"
    )
    assert list(elsewhere.iterdir()) == []


def test_a_direction_override_in_the_title_is_closed_and_shown_escaped(tmp_path: Path) -> None:
    """A U+202E pasted with a file name (``gnp.exe`` read backwards) would turn around the rest
    of the title line in the editor and warn at the first check: new writes it as its escape,
    closed at the title's end, so the file passes check without the warning."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    title = "\u202egnp.exe Glorp plan \u2067\u05e9\u05dc\u05d5\u05dd"
    result = run_cli("new", title, "--content", str(content))
    assert result.code == 0, result.stderr
    article = Path(result.stdout.strip())
    text = article.read_text(encoding="utf-8")
    assert text.splitlines()[1] == 'title: "\\u202egnp.exe Glorp plan \\u2067שלום\\u2069\\u202c"'
    assert yaml.safe_load(text.split("---\n")[1])["title"] == f"{title}\u2069\u202c"
    article.write_text(text + "Glorp policy was revisited by Speaker 7 today.\n", encoding="utf-8")
    check = run_cli("check", "--content", str(content))
    assert check.code == 0 and "direction-unclosed" not in check.stderr, check.stderr
