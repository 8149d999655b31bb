"""A seeded random walk over a small synthetic site: after each step (an article, concept,
speaker, media file, static file, template or setting added, edited, deleted, renamed or
moved), the incremental build's site must be byte-for-byte the clean build's, and a build
that fails must fail as the clean one does (warnings too) and leave the site as it was.
Now and then a build is stopped half-way first (a full disk, a kill), and no page may then
go back in time (an older mtime for other bytes); otherwise a file whose bytes a build keeps
keeps its mtime.

Among the operations are those a rebuild was suspected of missing: a file deleted deep in
the content tree or in ``static/``, folders renamed, case-only renames, folders linked into
``static/``; and edits of one file that change what other pages show: links between files
(by path, by name, to a heading), a heading renamed, a concept's title, aliases and
related concepts, a quote's text (not found: the build fails), concepts, speaker, date or
language, an article's date or language, the site's address or language, an edit saved and
saved back, several edits before one build, an edit undone after its build. Three seeds of
16 steps keep it under half a minute (the third with a pool of workers). Run by hand, about
400 seeds of 12 to 30 steps (sites of 6 and 12 articles; with search, ``--strict``, a pool)
found the search index rewritten at every build and a pool that hung on a template's error
(both fixed); no other divergence.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.gen_corpus import generate
from concordance import cache, parallel, write
from tests.conftest import REPO, CliRun
from tests.test_incremental import run_build, tree

GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
    b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
"""A one-pixel image."""


@dataclass(frozen=True)
class Site:
    content: Path
    templates: Path

    @property
    def articles(self) -> Path:
        return self.content / "articles"

    @property
    def concepts(self) -> Path:
        return self.content / "concepts"

    @property
    def static(self) -> Path:
        return self.templates / "static"


def _files(folder: Path, suffix: str = ".md") -> list[Path]:
    return sorted(p for p in folder.rglob(f"*{suffix}") if p.is_file())


def _folders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_dir() and not p.is_symlink())


def _word(rng: random.Random) -> str:
    return f"zwalk{rng.randrange(10_000)}"


def _append(file: Path, text: str) -> None:
    file.write_text(file.read_text(encoding="utf-8").rstrip("\n") + text, encoding="utf-8")


# --- articles -----------------------------------------------------------------------------


def add_article(site: Site, rng: random.Random) -> None:
    """A new article, at the top of articles/ or in a folder of dates."""
    folder = site.articles / rng.choice(["", "2024", "2024/05"])
    folder.mkdir(parents=True, exist_ok=True)
    speaker = f"Speaker {rng.randrange(1, 4)}"
    text = (
        f"---\ntitle: Zwalk note {rng.randrange(1000)}\ndate: 2023-0{rng.randrange(1, 9)}-11\n"
        f"speaker: {speaker}\nquotes:\n  - text: zelt tea starts here\n"
        "    concepts: [zwalk idea]\n---\nThe zelt tea starts here, a synthetic line.\n"
    )
    (folder / f"2023-01-01-{_word(rng)}.md").write_text(text, encoding="utf-8")


def edit_body(site: Site, rng: random.Random) -> None:
    """The last sentence changed: only the article's own page (the ``delta`` path)."""
    file = rng.choice(_files(site.articles))
    text = file.read_text(encoding="utf-8").rstrip("\n")
    file.write_text(text[:-1] + f" {_word(rng)}.\n", encoding="utf-8")


def edit_title(site: Site, rng: random.Random) -> None:
    file = rng.choice(_files(site.articles))
    text = re.sub(
        r"^title: ", f"title: Z{rng.randrange(100)} ", file.read_text("utf-8"), count=1, flags=re.M
    )
    file.write_text(text, encoding="utf-8")


def edit_speaker(site: Site, rng: random.Random) -> None:
    """An article said by another (maybe new) speaker, or respelled in other capitals."""
    file = rng.choice(_files(site.articles))
    who = rng.choice([f"Speaker {rng.randrange(1, 12)}", "SPEAKER 1", "speaker 2"])
    text = re.sub(r"^speaker: .*$", f"speaker: {who}", file.read_text("utf-8"), flags=re.M)
    file.write_text(text, encoding="utf-8")


def delete_article(site: Site, rng: random.Random) -> None:
    files = _files(site.articles)
    if len(files) > 3:
        rng.choice(files).unlink()


def rename_article(site: Site, rng: random.Random) -> None:
    file = rng.choice(_files(site.articles))
    file.rename(file.with_name(f"2022-02-02-{_word(rng)}.md"))


def move_article(site: Site, rng: random.Random) -> None:
    """Into another folder, deep or at the top: its page's address stays (the file's name)."""
    file = rng.choice(_files(site.articles))
    folder = site.articles / rng.choice(["", "2024/05", "2025/01/x"])
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / file.name).exists():
        file.rename(folder / file.name)


def case_rename_article(site: Site, rng: random.Random) -> None:
    file = rng.choice(_files(site.articles))
    name = file.stem
    flipped = name.upper() if name != name.upper() else name.lower()
    file.rename(file.with_name(flipped + ".md"))


def rename_folder(site: Site, rng: random.Random) -> None:
    """A folder of articles or concepts renamed, with a case-only rename among them."""
    folders = _folders(site.articles) + _folders(site.concepts)
    if folders:
        folder = rng.choice(folders)
        name = rng.choice([folder.name.upper(), f"z{rng.randrange(100)}"])
        if name != folder.name and not (folder.parent / name).exists():
            folder.rename(folder.parent / name)


def delete_folder(site: Site, rng: random.Random) -> None:
    folders = _folders(site.articles)
    if folders and len(_files(site.articles)) > 5:
        shutil.rmtree(rng.choice(folders))


# --- concepts -----------------------------------------------------------------------------


def add_concept(site: Site, rng: random.Random) -> None:
    folder = site.concepts / rng.choice(["", "sub"])
    folder.mkdir(parents=True, exist_ok=True)
    summary = f"Synthetic concept {_word(rng)}."
    text = f"---\ntitle: zwalk idea\nsummary: {summary}\n---\nA synthetic explanation.\n"
    if not _files(site.concepts) or all(
        "zwalk idea" not in f.read_text() for f in _files(site.concepts)
    ):
        (folder / "zwalk-idea.md").write_text(text, encoding="utf-8")


def edit_concept(site: Site, rng: random.Random) -> None:
    """A new alias, or a new summary."""
    file = rng.choice(_files(site.concepts))
    text = file.read_text(encoding="utf-8")
    if rng.random() < 0.5:
        text = text.replace("\n---\n", f"\naliases: [{_word(rng)} alias]\n---\n", 1)
        text = re.sub(r"^aliases: .*\n(?=(?:.*\n)*?aliases: )", "", text, flags=re.M)
    else:
        text = re.sub(r"^summary: .*$", f"summary: Zwalk {_word(rng)}.", text, flags=re.M)
    file.write_text(text, encoding="utf-8")


def delete_concept(site: Site, rng: random.Random) -> None:
    files = _files(site.concepts)
    if files:
        rng.choice(files).unlink()


def move_concept(site: Site, rng: random.Random) -> None:
    files = _files(site.concepts)
    if files:
        file = rng.choice(files)
        folder = site.concepts / rng.choice(["", "sub", "sub/deep"])
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / rng.choice([file.name, file.name.upper().replace(".MD", ".md")])
        if not target.exists():
            file.rename(target)


# --- media, static files, templates, settings ---------------------------------------------


def add_image(site: Site, rng: random.Random) -> None:
    """An image deep in the content folder, shown by an article."""
    folder = site.content / "media" / "2024" / "05"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{_word(rng)}.gif"
    (folder / name).write_bytes(GIF + rng.randbytes(4))
    _append(rng.choice(_files(site.articles)), f"\n\n![a chart](/media/2024/05/{name})\n")


def delete_image(site: Site, rng: random.Random) -> None:
    """Shown or not, the image goes: an article showing it gets a warning."""
    images = _files(site.content, ".gif")
    if images:
        rng.choice(images).unlink()


def add_static(site: Site, rng: random.Random) -> None:
    folder = site.static / rng.choice(["", "fonts", "a/b/c"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{_word(rng)}.txt").write_text(f"zstatic {rng.randrange(1000)}\n")


def edit_static(site: Site, rng: random.Random) -> None:
    file = rng.choice(_files(site.static, ""))
    file.write_bytes(file.read_bytes() + b"\n/* zwalk */\n")


def delete_static(site: Site, rng: random.Random) -> None:
    """A file deep in static/ (never the shipped ones a page links)."""
    added = [f for f in _files(site.static, ".txt")]
    if added:
        rng.choice(added).unlink()


def rename_static_folder(site: Site, rng: random.Random) -> None:
    folders = [f for f in _folders(site.static)]
    if folders:
        folder = rng.choice(folders)
        target = folder.parent / rng.choice([folder.name.upper(), f"z{rng.randrange(100)}"])
        if not target.exists():
            folder.rename(target)


def link_static_folder(site: Site, rng: random.Random) -> None:
    """A folder of the templates linked into static/ (published through the link)."""
    shared = site.templates / "shared"
    shared.mkdir(exist_ok=True)
    (shared / f"{_word(rng)}.txt").write_text("zshared\n")
    link = site.static / "shared"
    if not link.is_symlink():
        link.symlink_to("../shared", target_is_directory=True)


def edit_template(site: Site, rng: random.Random) -> None:
    file = site.templates / rng.choice(["article.html", "concept.html", "base.html", "home.html"])
    _append(file, f"\n<!-- {_word(rng)} -->\n")


def edit_settings(site: Site, rng: random.Random) -> None:
    """The site's title, or the publish default (every article page)."""
    file = site.content / "site.yaml"
    text = file.read_text(encoding="utf-8")
    if rng.random() < 0.5:
        text = re.sub(r"^title: .*$", f"title: Zwalk {_word(rng)}", text, flags=re.M)
    elif "publish: excerpts" in text:
        text = text.replace("publish: excerpts\n", "")
    else:
        text += "publish: excerpts\n"
    file.write_text(text, encoding="utf-8")


# --- what other pages show: links, names, quotes, dates, languages -----------------------


def _concept_names(site: Site) -> list[str]:
    """The titles and aliases of the concepts, as quotes and links name them."""
    names = []
    for file in _files(site.concepts):
        text = file.read_text(encoding="utf-8")
        names += re.findall(r"^title: (.*)$", text, flags=re.M)
        for listed in re.findall(r"^aliases: \[(.*)\]$", text, flags=re.M):
            names += [n.strip() for n in listed.split(",") if n.strip()]
    return [n.strip('"') for n in names]


def _front(file: Path, field: str, value: str | None) -> None:
    """The article's (or concept's) front-matter ``field`` set to ``value``, or removed."""
    text = file.read_text(encoding="utf-8")
    text = re.sub(rf"^{field}: .*\n", "", text, count=1, flags=re.M)
    if value is not None:
        text = text.replace("---\n", f"---\n{field}: {value}\n", 1)
    file.write_text(text, encoding="utf-8")


def add_heading(site: Site, rng: random.Random) -> None:
    """A heading at the end of an article, one that links from other files may name."""
    part = f"\n\n## Zwalk part {rng.randrange(3)}\n\nA synthetic paragraph.\n"
    _append(rng.choice(_files(site.articles)), part)


def edit_heading(site: Site, rng: random.Random) -> None:
    """A heading renamed or made a paragraph: a body-only edit, though links to it from
    other files now go elsewhere or nowhere."""
    files = [f for f in _files(site.articles) if "## Zwalk part" in f.read_text("utf-8")]
    if files:
        file = rng.choice(files)
        new = rng.choice([f"## Zwalk part {rng.randrange(3)}", "Zwalk plain"])
        text = re.sub(r"^## Zwalk part \d", new, file.read_text("utf-8"), count=1, flags=re.M)
        file.write_text(text, encoding="utf-8")


def link_article(site: Site, rng: random.Random) -> None:
    """A link from an article or a concept to an article: by its path from the linking
    file, or by its name (``[[stem]]``), maybe to one of its headings."""
    source = rng.choice(_files(site.articles) + _files(site.concepts))
    target = rng.choice(_files(site.articles))
    heading = f"Zwalk part {rng.randrange(3)}" if rng.random() < 0.5 else ""
    if rng.random() < 0.5:
        address = os.path.relpath(target, source.parent)
        link = f"[see]({address}{'#' + heading.lower().replace(' ', '-') if heading else ''})"
    else:
        link = f"[[{target.stem}{'#' + heading if heading else ''}]]"
    _append(source, f"\n\nAlso {link}.\n")


def link_concept(site: Site, rng: random.Random) -> None:
    """A link by name to a concept, by its title or an alias (``[[zwalk idea]]``)."""
    source = rng.choice(_files(site.articles) + _files(site.concepts))
    name = rng.choice([*_concept_names(site), "zwalk idea"])
    _append(source, f"\n\nSee [[{name}]].\n")


def relate_concept(site: Site, rng: random.Random) -> None:
    """A concept's ``related`` or ``broader`` names another concept, or none."""
    files, names = _files(site.concepts), _concept_names(site)
    if files and names:
        field = rng.choice(["related", "broader"])
        value = f"[{rng.choice(names)}]" if rng.random() < 0.7 else None
        _front(rng.choice(files), field, value)


def retitle_concept(site: Site, rng: random.Random) -> None:
    """A concept's title changed: quotes naming the old one name a concept of no file (or
    of another, which is an error)."""
    files = _files(site.concepts)
    if files:
        names = [f"Zwalk topic {rng.randrange(3)}", "zwalk idea"]
        title = rng.choice(names) if rng.random() < 0.8 else rng.choice(_concept_names(site))
        _front(rng.choice(files), "title", title)


def _quote_lines(file: Path) -> list[re.Match[str]]:
    return list(re.finditer(r"^  - text: (.*)$", file.read_text("utf-8"), flags=re.M))


def trim_quote(site: Site, rng: random.Random) -> None:
    """A quote's last word left out (still found, with another id); or a word the body
    does not hold put in (not found: the build fails, and the site must stay as it was)."""
    file = rng.choice(_files(site.articles))
    found = _quote_lines(file)
    if not found:
        return
    line = rng.choice(found)
    words = line[1].strip('"').split()
    if rng.random() < 0.7 and len(words) > 3:
        words = words[:-1]
    else:
        words.insert(1, "zwalkmissing")
    text = file.read_text("utf-8")
    quoted = json.dumps(" ".join(words))
    file.write_text(text[: line.start(1)] + quoted + text[line.end(1) :], encoding="utf-8")


def edit_quote(site: Site, rng: random.Random) -> None:
    """A quote's own concepts, speaker, date or language set, changed or removed."""
    file = rng.choice(_files(site.articles))
    found = _quote_lines(file)
    if not found:
        return
    line = rng.choice(found)
    field, value = rng.choice(
        [
            ("concepts", f"[{', '.join(rng.sample([*_concept_names(site), 'zwalk idea'], 2))}]"),
            ("concepts", f"[{rng.choice([*_concept_names(site), 'zwalk idea'])}]"),
            ("speaker", f"Speaker {rng.randrange(1, 5)}"),
            ("said_on", f"2021-0{rng.randrange(1, 9)}-0{rng.randrange(1, 9)}"),
            ("language", rng.choice(["fr", "de"])),
        ]
    )
    text = file.read_text("utf-8")
    end = text.find("\n  - ", line.end())
    end = text.find("\n---", line.end()) if end < 0 else end
    entry = re.sub(rf"^    {field}: .*\n?", "", text[line.end() : end], flags=re.M)
    if field == "concepts" or rng.random() < 0.7:
        entry = f"\n    {field}: {value}{entry}"
    file.write_text(text[: line.end()] + entry.rstrip("\n") + text[end:], encoding="utf-8")


def edit_article_field(site: Site, rng: random.Random) -> None:
    """An article's date (its place in every list, the timeline, the feeds), the day its
    words were said, its language or its topics, set, changed or removed."""
    file = rng.choice(_files(site.articles))
    names = [*_concept_names(site), "zwalk idea"]
    field, value = rng.choice(
        [
            ("date", f"20{rng.randrange(15, 26)}-0{rng.randrange(1, 10)}-1{rng.randrange(10)}"),
            ("said_on", f"2014-0{rng.randrange(1, 10)}-0{rng.randrange(1, 10)}"),
            ("language", rng.choice(["fr", "de", "en"])),
            ("concepts", f"[{rng.choice(names)}]"),
        ]
    )
    _front(file, field, None if field != "date" and rng.random() < 0.3 else value)


def edit_site(site: Site, rng: random.Random) -> None:
    """The site's address, language, description or author."""
    file = site.content / "site.yaml"
    field, value = rng.choice(
        [
            ("base_url", rng.choice(["https://zwalk.example.org/kb/", "http://localhost:8000/"])),
            ("language", rng.choice(["en", "fr", "de"])),
            ("description", f"Zwalk {_word(rng)}"),
            ("author", f"Zwalk Editors {rng.randrange(3)}"),
        ]
    )
    text = re.sub(rf"^{field}: .*\n", "", file.read_text("utf-8"), flags=re.M)
    file.write_text(text + f'{field}: "{value}"\n', encoding="utf-8")


def break_template(site: Site, rng: random.Random) -> None:
    """A template that fails as it renders (an unknown name) or as it is read (a tag left
    open): the build fails, and the site must stay as it was."""
    file = site.templates / rng.choice(["article.html", "concept.html", "speaker.html"])
    text = file.read_text(encoding="utf-8")
    end = text.rindex("{% endblock %}")
    wrong = rng.choice(["{{ zwalk_unknown.name }}\n", "{% if zwalk %}\n"])
    file.write_text(text[:end] + wrong + text[end:], encoding="utf-8")


def edit_and_undo(site: Site, rng: random.Random) -> None:
    """A file saved with an edit, then saved back as it was: other times, the same bytes."""
    file = rng.choice(_files(site.articles) + _files(site.concepts))
    data = file.read_bytes()
    file.write_bytes(data + b"\nZwalk undone.\n")
    file.write_bytes(data)


def several(site: Site, rng: random.Random) -> None:
    """Two or three edits saved before one build (a pull, a checkout, a search and
    replace): an article's body may change with a file that makes every page be rebuilt."""
    for _ in range(rng.randrange(2, 4)):
        rng.choice([step for step in STEPS if step is not several])(site, rng)


STEPS: list[Callable[[Site, random.Random], None]] = [
    add_article,
    edit_body,
    edit_body,
    edit_title,
    edit_speaker,
    delete_article,
    rename_article,
    move_article,
    case_rename_article,
    rename_folder,
    delete_folder,
    add_concept,
    edit_concept,
    delete_concept,
    move_concept,
    add_image,
    delete_image,
    add_static,
    edit_static,
    delete_static,
    rename_static_folder,
    link_static_folder,
    edit_template,
    edit_settings,
    add_heading,
    edit_heading,
    link_article,
    link_article,
    link_concept,
    relate_concept,
    retitle_concept,
    trim_quote,
    edit_quote,
    edit_quote,
    edit_article_field,
    edit_site,
    edit_and_undo,
    break_template,
    several,
    several,
]


def _interrupted(site: Site, out: Path, rng: random.Random, *extra: str) -> None:
    """A build that stops half-way, as on a full disk or a kill: after the first page it
    renames into the live site (an edit of bodies), or just after it swaps its tree in."""
    with pytest.MonkeyPatch.context() as patch:
        if rng.random() < 0.5:
            rename = os.replace

            def replace_once(source: str | Path, target: str | Path) -> None:
                rename(source, target)
                if Path(target).is_relative_to(out):
                    raise OSError(28, "No space left on device")

            patch.setattr(write.os, "replace", replace_once)
        else:
            swap = write.swap_into_place

            def swap_then_fail(staging: Path, live: Path) -> None:
                swap(staging, live)
                raise OSError(28, "No space left on device")

            patch.setattr(write, "swap_into_place", swap_then_fail)
        run_build(site.content, out, site.templates, "--quiet", *extra)


def _saved(site: Site, folder: Path) -> Site:
    """A copy of the content and templates as they are (links kept as links)."""
    shutil.rmtree(folder, ignore_errors=True)
    copy = Site(folder / "content", folder / "templates")
    shutil.copytree(site.content, copy.content, symlinks=True)
    shutil.copytree(site.templates, copy.templates, symlinks=True)
    return copy


def _restore(site: Site, saved: Site) -> None:
    for source, target in ((saved.content, site.content), (saved.templates, site.templates)):
        shutil.rmtree(target)
        shutil.copytree(source, target, symlinks=True)


def _undo_one(site: Site, saved: Site, rng: random.Random) -> None:
    """One article saved back as it was in ``saved``, if one has changed since."""
    changed = [
        file
        for file in _files(site.articles)
        if (old := saved.articles / file.relative_to(site.articles)).is_file()
        and old.read_bytes() != file.read_bytes()
    ]
    if changed:
        file = rng.choice(changed)
        file.write_bytes((saved.articles / file.relative_to(site.articles)).read_bytes())


def _shown(out: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in out.rglob("*")
        if p.is_file()
    }


def _went_back(before: dict[str, tuple[bytes, int]], out: Path) -> list[str]:
    """The files whose bytes changed but whose mtime is not newer than the file replaced: a
    server answering If-Modified-Since would tell a browser its old copy is current."""
    after = _shown(out)
    return sorted(
        path
        for path, (data, mtime) in after.items()
        if path in before and before[path][0] != data and mtime <= before[path][1]
    )


def _diagnostics(result: CliRun) -> list[str]:
    """What a build printed, warnings too, and its summary line but for its time and output
    folder (the number of files it made, and of errors and warnings)."""
    where = r" into .* in [0-9.]+s:|; .* left unchanged in [0-9.]+s:"
    return [re.sub(where, ":", line) for line in result.stderr.splitlines()]


def _kept_times(before: dict[str, tuple[bytes, int]], out: Path) -> list[str]:
    """The files whose bytes are unchanged but whose mtime is not: a deploy would upload
    them, and a browser fetch them, for nothing (or, older, keep a copy it should not)."""
    after = _shown(out)
    return sorted(
        path
        for path, (data, mtime) in after.items()
        if path in before and before[path][0] == data and before[path][1] != mtime
    )


def _differing(made: Mapping[str, object], wanted: Mapping[str, object]) -> list[str]:
    return sorted(path for path in {*made, *wanted} if made.get(path) != wanted.get(path))


def walk(tmp_path: Path, seed: int, steps: int, *extra: str) -> None:
    """``steps`` random edits of a new site, each built incrementally and cleanly. Now and
    then the edit before is undone instead, whole or one file of it, and an edit that makes
    the build fail is put right (the content of the last build that succeeded)."""
    rng = random.Random(seed)
    site = Site(tmp_path / "content", tmp_path / "templates")
    generate(6, seed, site.content)
    shutil.copytree(REPO / "templates", site.templates)
    out, clean = tmp_path / "site", tmp_path / "clean" / "site"
    assert run_build(site.content, out, site.templates, "--quiet", *extra).code == 0
    saved = good = _saved(site, tmp_path / "good")
    for number in range(steps):
        last, saved = saved, _saved(site, tmp_path / f"saved-{number % 2}")
        name, undo = rng.choice(STEPS).__name__, rng.random()
        if undo < 0.06:  # after its build
            name = "undo"
            _restore(site, last)
        elif undo < 0.12:
            name = "undo one file"
            _undo_one(site, last, rng)
        else:
            globals()[name](site, rng)
        interrupted = rng.random() < 0.25
        if interrupted:
            _interrupted(site, out, rng, *extra)
            if rng.random() < 0.5:  # the edit undone: the spare tree holds the pages before it
                _restore(site, saved)
        if _compare(site, out, clean, (seed, number, name), interrupted, *extra):
            good = _saved(site, tmp_path / "good")
        elif rng.random() < 0.6:
            _restore(site, good)
            _compare(site, out, clean, (seed, number, name, "put right"), False, *extra)


def _compare(
    site: Site, out: Path, clean: Path, where: object, interrupted: bool, *extra: str
) -> bool:
    """The incremental build against a clean one, what they print too; returns whether they
    built. A build that fails must leave the site as it was, every file's bytes and mtime.
    One that succeeds rewrites no file whose bytes it keeps, unless the build before was
    stopped half-way (the pages it was writing are unknown)."""
    before = _shown(out)
    built = run_build(site.content, out, site.templates, *extra)
    shutil.rmtree(clean.parent, ignore_errors=True)
    fresh = run_build(site.content, clean, site.templates, "--clean", *extra)
    said, told = (built.code, _diagnostics(built)), (fresh.code, _diagnostics(fresh))
    assert said == told, (where, said, told)
    if fresh.code != 0:
        after = _shown(out)
        assert after == before, (where, _differing(after, before))
        return False
    made, wanted = tree(out), tree(clean)
    assert made == wanted, (where, _differing(made, wanted))
    again = [] if interrupted else _kept_times(before, out)
    assert (_went_back(before, out), again) == ([], []), (where, _went_back(before, out), again)
    return True


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_random_walk_of_edits_builds_as_a_clean_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    if seed % 2:  # trust the stats of files written long enough ago (as on an editor's disk)
        monkeypatch.setattr(cache, "RACY_MARGIN_NS", 50_000_000)
    if seed == 3:  # pages rendered by a pool of workers, as a large site's are
        monkeypatch.setattr(parallel, "MIN_PARALLEL", 2)
        monkeypatch.setattr(parallel, "CHUNK", 4)
    walk(tmp_path, seed, 16, *(("--jobs", "2") if seed == 3 else ()))
