"""Arguments a command does not take: the message names the command and what was meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from concordance.cli import main


def usage_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """The last line ``build.py ARGS`` prints, which must end the run with exit 2."""
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    assert exited.value.code == 2
    return capsys.readouterr().err.splitlines()[-1]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["build", "--base_url", "https://user.github.io/repo/"],
            "build.py build: error: unrecognized arguments: --base_url"
            " https://user.github.io/repo/ (did you mean --base-url?)",
        ),
        (
            ["--base_url=https://user.github.io/repo/"],
            "build.py build: error: unrecognized arguments:"
            " --base_url=https://user.github.io/repo/ (did you mean --base-url?)",
        ),
        (
            ["build", "-q"],
            "build.py build: error: unrecognized arguments: -q (did you mean --quiet?)",
        ),
        (
            ["serve", "--prot", "8001"],
            "build.py serve: error: unrecognized arguments: --prot 8001 (did you mean --port?)",
        ),
        (
            ["check", "-c", "zorp"],
            "build.py check: error: unrecognized arguments: -c zorp (did you mean --content?)",
        ),
        (["check", "--zorp"], "build.py check: error: unrecognized arguments: --zorp"),
    ],
)
def test_a_misspelt_option_names_the_option_meant(
    capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    """The top parser told of them, with its own usage (``build.py [-h] COMMAND ...``) and no
    word of the option meant: ``--base_url`` is how site.yaml spells it."""
    assert usage_error(capsys, *args) == said


def test_a_content_folder_given_without_its_option_is_told_how_to_give_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mysite = tmp_path / "mysite"
    (mysite / "articles").mkdir(parents=True)
    assert usage_error(capsys, "check", str(mysite)) == (
        f"build.py check: error: unrecognized arguments: {mysite}"
        f" (did you mean --content {mysite}?)"
    )


def test_a_title_typed_without_quotes_is_told_to_quote_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    said = usage_error(capsys, "new", "Speaker", "7", "on", "glorp", "--content", str(content))
    assert said == (
        "build.py new: error: unrecognized arguments: 7 on glorp"
        " (a title of several words goes in quotes: build.py new 'Speaker 7 on glorp')"
    )
    assert not any((content / "articles").iterdir())
    dashed = usage_error(capsys, "new", "--content", str(content), "--", "-draft", "zorp")
    quoted = "(a title of several words goes in quotes: build.py new -- '-draft zorp')"
    assert dashed.endswith(quoted)


def test_the_help_says_which_command_runs_without_one(capsys: pytest.CaptureFixture[str]) -> None:
    """``build.py`` alone builds (the quick start's command): its help says so."""
    with pytest.raises(SystemExit) as exited:
        main(["-h"])
    assert exited.value.code == 0
    commands = [line.split() for line in capsys.readouterr().out.splitlines()]
    build = next(words for words in commands if words[:1] == ["build"])
    assert " ".join(build[1:]).endswith("(the default: no COMMAND)")
