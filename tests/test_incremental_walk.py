"""A seeded random walk over a small synthetic site: after each step (an article, concept,
speaker, media file, static file, template or setting added, edited, deleted, renamed or
moved), the incremental build's site must be byte-for-byte the clean build's, and a build
that fails must fail as the clean one does. Now and then a build is stopped half-way
first (a full disk, a kill), and no page may then go back in time (an older mtime for other
bytes).

Among the operations are those a rebuild was suspected of missing: a file deleted deep in
the content tree or in ``static/``, folders renamed, case-only renames, folders linked into
``static/``. Three seeds of 16 steps keep it under half a minute; more seeds and steps (40
seeds of up to 30 steps, run by hand) found no other divergence.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.gen_corpus import generate
from concordance import cache, write
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
]


def _interrupted(site: Site, out: Path, rng: random.Random) -> None:
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
        run_build(site.content, out, site.templates, "--quiet")


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
    """What a build printed but its summary line (its time and output folder)."""
    return [line for line in result.stderr.splitlines() if not re.match(r"(built|not built)", line)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_random_walk_of_edits_builds_as_a_clean_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rng = random.Random(seed)
    site = Site(tmp_path / "content", tmp_path / "templates")
    generate(6, seed, site.content)
    shutil.copytree(REPO / "templates", site.templates)
    if seed % 2:  # trust the stats of files written long enough ago (as on an editor's disk)
        monkeypatch.setattr(cache, "RACY_MARGIN_NS", 50_000_000)
    out, clean = tmp_path / "site", tmp_path / "clean" / "site"
    assert run_build(site.content, out, site.templates, "--quiet").code == 0
    for number in range(16):
        step = rng.choice(STEPS)
        saved = _saved(site, tmp_path / "saved")
        step(site, rng)
        if rng.random() < 0.25:
            _interrupted(site, out, rng)
            if rng.random() < 0.5:  # the edit undone: the spare tree holds the pages before it
                _restore(site, saved)
        before = _shown(out)
        built = run_build(site.content, out, site.templates, "--quiet")
        shutil.rmtree(clean.parent, ignore_errors=True)
        fresh = run_build(site.content, clean, site.templates, "--quiet", "--clean")
        where = (number, step.__name__)
        assert (built.code, _diagnostics(built)) == (fresh.code, _diagnostics(fresh)), where
        if fresh.code == 0:
            assert tree(out) == tree(clean), where
            assert _went_back(before, out) == [], where
