"""``build.py serve`` in a subprocess: serves under the base path, rebuilds on change,
shows diagnostics while the content is broken, and stops on SIGINT."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO

import concordance.cache
import concordance.serve
from concordance.cli import main
from concordance.config import UsageError
from concordance.diagnostics import Report
from concordance.serve import (
    BuildState,
    ServeOptions,
    Watched,
    byte_range,
    error_page,
    host_allowed,
    inject_reload,
    location,
    request_target,
    snapshot,
)

ARTICLE = "articles/2022-07-09-second.md"
PAGE = "/repo/articles/2022-07-09-second/"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> tuple[int, str, str]:
    """(status, final URL, body), for error statuses too."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.url, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.url, exc.read().decode("utf-8")


def wait_for(check: Callable[[], bool], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


@contextlib.contextmanager
def serving(
    tmp_path: Path,
    extra: tuple[str, ...] = (),
    start: str = "/repo/",
    host: str = "127.0.0.1",
    prepare: Callable[[Path], None] = lambda content: None,
) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    """``serve`` of a copy of the basic fixture whose base_url is .../repo/, until the test
    ends; ``extra`` are more command-line arguments, ``start`` the path it serves first,
    ``host`` the address it listens on, ``prepare`` what is done to the content first."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic" / "content", content)
    prepare(content)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace(
            "base_url: https://example.org/", "base_url: https://example.org/repo/"
        ),
        encoding="utf-8",
    )
    address = host.strip("[]")  # an IPv6 address may be given as URLs write it
    port = free_port(address)
    proc = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "build.py"),
            "serve",
            "--content",
            str(content),
            "--host",
            host,
            "--port",
            str(port),
            *extra,
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    root = f"http://[{address}]:{port}" if ":" in address else f"http://{address}:{port}"
    try:
        if not wait_for(lambda: fetch(root + start)[0] == 200, 30):
            proc.kill()
            pytest.fail("server did not start: " + proc.communicate()[1])
        yield root, content, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # lets it remove its private output directory
            try:
                proc.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    with serving(tmp_path) as running:
        yield running


def body_text(html: str) -> str:
    return BeautifulSoup(html, "lxml").get_text(" ")


def test_serve_rebuilds_shows_errors_and_stops_on_sigint(
    server: tuple[str, Path, subprocess.Popen[str]], tmp_path: Path
) -> None:
    root, content, proc = server
    # '/' redirects to the base path; pages are served under it with the reload script.
    status, final, html = fetch(root + "/")
    assert (status, final) == (200, root + "/repo/")
    status, _, html = fetch(root + PAGE)
    assert status == 200
    soup = BeautifulSoup(html, "lxml")
    assert soup.find("script", src=lambda s: bool(s and "/__concordance/reload.js" in s))
    assert "vorlan growth slowed" in body_text(html)
    generation = json.loads(fetch(root + "/__concordance/events?since=-1")[2])["generation"]

    article = content / ARTICLE
    good = article.read_text(encoding="utf-8")
    article.write_text(good + "\nA freshly typed glorp paragraph.\n", encoding="utf-8")
    assert wait_for(lambda: "freshly typed glorp" in body_text(fetch(root + PAGE)[2]), 15)
    events = json.loads(fetch(root + f"/__concordance/events?since={generation}")[2])
    assert events["generation"] > generation and events["failed"] is False

    article.write_text(good.replace("title: A second", "title: [A second"), encoding="utf-8")
    assert wait_for(lambda: fetch(root + PAGE)[0] == 500, 15)
    status, _, html = fetch(root + PAGE)
    items = BeautifulSoup(html, "lxml").select("#diagnostics li")
    assert "[yaml-syntax]" in items[0].get_text()  # errors first, then warnings
    assert any(
        f"{ARTICLE}:2:8" in li.get_text() and "[yaml-syntax]" in li.get_text() for li in items
    ), html
    assert "/__concordance/reload.js" in html  # the error page reloads itself once fixed
    assert fetch(root + "/repo/static/style.css")[0] == 200  # assets of the last good build

    article.write_text(good, encoding="utf-8")
    assert wait_for(lambda: fetch(root + PAGE)[0] == 200, 15)
    assert "freshly typed glorp" not in body_text(fetch(root + PAGE)[2])
    assert not (tmp_path / "site").exists()  # never writes the working tree's output

    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=15)
    assert proc.returncode in (0, 130)
    assert "Traceback" not in stderr
    assert "stopped" in stderr
    # The summary of the failed rebuild counts as check and build do: "1 error", not "1 errors".
    failed = next(line for line in stderr.splitlines() if line.startswith("not rebuilt in "))
    assert re.search(r": 1 error, \d+ warnings? \(the browser shows them\)$", failed), failed


def edit_site_yaml(content: Path, old: str, new: str) -> None:
    site_yaml = content / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    assert old in text
    site_yaml.write_text(text.replace(old, new), encoding="utf-8")


def canonical(html: str) -> str:
    link = BeautifulSoup(html, "lxml").find("link", rel="canonical")
    assert link is not None
    return str(link["href"])


def test_serve_follows_an_edited_base_url(
    server: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    root, content, proc = server
    edit_site_yaml(content, "example.org/repo/", "user.github.io/glorp/kb/")
    moved = "/glorp/kb/articles/2022-07-09-second/"
    assert wait_for(lambda: fetch(root + moved)[0] == 200, 15)
    assert canonical(fetch(root + moved)[2]) == root + moved  # built for the new path
    assert fetch(root + PAGE)[0] == 404  # no longer served under the old one
    assert fetch(root + "/")[:2] == (200, root + "/glorp/kb/")
    assert fetch(root + "/glorp/")[:2] == (200, root + "/glorp/kb/")

    edit_site_yaml(content, "user.github.io/glorp/kb/", "user.github.io/")  # to the root
    assert wait_for(lambda: fetch(root + "/articles/2022-07-09-second/")[0] == 200, 15)
    assert fetch(root + moved)[0] == 404
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=15)
    changes = [line for line in stderr.splitlines() if line.startswith("base_url changed")]
    assert changes == [
        f"base_url changed: serving {root}/glorp/kb/",
        f"base_url changed: serving {root}/",
    ], stderr


def test_serve_keeps_the_base_url_of_the_command_line(tmp_path: Path) -> None:
    cli = ("--base-url", "https://example.org/cli/")
    with serving(tmp_path, cli, start="/cli/") as (root, content, proc):
        page = "/cli/articles/2022-07-09-second/"
        assert fetch(root + page)[0] == 200
        edit_site_yaml(content, "example.org/repo/", "example.org/other/")
        edit_site_yaml(content, "title: Fixture Concordance", "title: Retitled Concordance")
        assert wait_for(lambda: "Retitled Concordance" in body_text(fetch(root + page)[2]), 15)
        assert canonical(fetch(root + page)[2]) == root + page
        assert fetch(root + "/other/")[0] == 404
        assert fetch(root + "/")[:2] == (200, root + "/cli/")
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=15)
        assert "base_url changed" not in stderr


def test_serve_serves_a_base_path_written_with_escapes(tmp_path: Path) -> None:
    """A base_url's path as written in site.yaml (``%20``) and as a request spells it."""
    cli = ("--base-url", "https://example.org/my%20site/")
    with serving(tmp_path, cli, start="/my%20site/") as (root, _, _):
        assert fetch(root + "/my%20site/articles/2022-07-09-second/")[0] == 200
        assert fetch(root + "/")[:2] == (200, root + "/my%20site/")


def test_serve_keeps_the_query_when_it_adds_a_folders_slash(
    server: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    """A search linked without its last slash opens as that search, as on a static host."""
    root = server[0]
    assert fetch(root + "/repo/search?q=zorp&year=2022")[:2] == (
        200,
        root + "/repo/search/?q=zorp&year=2022",
    )
    assert fetch(root + "/repo?q=zorp")[:2] == (200, root + "/repo/?q=zorp")
    assert fetch(root + "/repo/search")[:2] == (200, root + "/repo/search/")


@pytest.mark.parametrize("folder", ["知识库", "répo"])
def test_serve_redirects_to_a_base_path_of_other_letters_as_a_uri(
    tmp_path: Path, folder: str
) -> None:
    """``/`` leads to a base path of letters outside ASCII, written with escapes as the pages'
    links write it: the server dropped the connection (知识库), or sent é as one Latin-1 byte,
    which a browser reads as ``/r%E9po/``, a page not found."""
    served = "/" + urllib.parse.quote(folder) + "/"
    with serving(tmp_path, ("--base-url", f"https://example.org/{folder}/"), start=served) as (
        root,
        _,
        proc,
    ):
        assert fetch(root + "/")[:2] == (200, root + served)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=15)
        assert "Traceback" not in stderr, stderr


def test_serve_refuses_paths_outside_the_site(
    server: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    root, _, proc = server
    assert fetch(root + "/repo/../../etc/passwd")[0] == 404
    assert fetch(root + "/repo/%2e%2e/%2e%2e/etc/passwd")[0] == 404
    assert fetch(root + "/elsewhere/")[0] == 404
    # No file has these names: each raised in the server, which dropped the connection.
    assert fetch(root + "/repo/%00")[0] == 404
    assert fetch(root + "/repo/index.html%00.txt")[0] == 404
    assert fetch(root + "/repo/" + "a" * 300)[0] == 404
    assert fetch(root + "/repo/articles/" + "a" * 300 + "/")[0] == 404
    # A file named as a folder was the file (200), its relative links broken; a link so
    # written worked in the preview and not on GitHub Pages, which answers 404.
    assert fetch(root + "/repo/index.html")[0] == 200
    assert fetch(root + "/repo/index.html/")[0] == 404
    assert fetch(root + "/repo/static/style.css")[0] == 200
    assert fetch(root + "/repo/static/style.css/")[0] == 404
    assert fetch(root + "/repo/articles/")[0] == 200
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=15)
    assert "Traceback" not in stderr, stderr


def redirected_to(root: str, target: str) -> str | None:
    """The ``Location`` of the answer to ``GET target``, sent as it is spelled."""
    with request(root, target) as response:
        response.read()
        return response.getheader("Location")


def test_serve_redirects_only_to_paths_on_this_server(tmp_path: Path) -> None:
    """A folder asked for without its last slash, by a path that climbs out of a first part
    spelled ``\\evil.example``, was redirected to ``/\\evil.example/../articles/``: a browser
    reads a backslash as a slash, so it went to the host evil.example."""
    cli = ("--base-url", "https://example.org/")
    with serving(tmp_path, cli, start="/") as (root, _, proc):
        for target in [
            "/\\evil.example/../articles",
            "/%5Cevil.example/../articles",
            "/\\/../articles",
            "////articles",
            "//evil.example/../articles",
            "/%2F%2Fevil.example/../articles",
        ]:
            sent = redirected_to(root, target)
            assert sent is not None and sent.endswith("articles/"), (target, sent)
            assert re.match(r"/[^/\\]", sent), (target, sent)
            assert urllib.parse.urljoin(root + "/", sent).startswith(root + "/"), target
        assert redirected_to(root, "/articles?q=%C3%A9") == "/articles/?q=%C3%A9"
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=15)
        assert "Traceback" not in stderr, stderr


def answer_headers(root: str, request: bytes) -> tuple[list[str], bool]:
    """The status line and headers of the answer to a request sent as it is written, and
    whether the server closed the connection after it."""
    port = int(root.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
        client.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += client.recv(1 << 16)
        head, _, body = answer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        length = int(
            next(x for x in lines if x.lower().startswith("content-length:")).split(":")[1]
        )
        while len(body) < length:
            body += client.recv(1 << 16)
        client.settimeout(2)
        try:
            closed = client.recv(1) == b""
        except TimeoutError:
            closed = False
    return lines, closed


def test_an_http_1_0_client_is_told_whether_the_connection_is_kept(
    server: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    """An HTTP/1.0 client that asked to keep the connection was not told it was kept, while
    the server kept it open: one that read to the connection's end would wait forever."""
    root = server[0]
    kept, closed = answer_headers(root, b"GET /repo/ HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    assert "Connection: keep-alive" in kept and not closed
    lines, closed = answer_headers(root, b"GET /repo/ HTTP/1.0\r\n\r\n")
    assert lines[0].startswith("HTTP/1.1 200") and closed
    assert not any(x.lower().startswith("connection:") for x in lines)
    lines, closed = answer_headers(root, b"GET /repo/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
    assert not any(x.lower().startswith("connection:") for x in lines) and not closed


def test_a_target_that_is_no_valid_url_is_answered(
    server: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    """``urlsplit`` raised for an absolute URL with an unclosed ``[``: the connection was
    dropped, and a traceback printed in the terminal."""
    root, _, proc = server
    port = int(root.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
        client.sendall(
            b"GET http://[::1/repo/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        answer = b""
        while piece := client.recv(1 << 16):
            answer += piece
    assert answer.startswith(b"HTTP/1.1 200 "), answer[:200]
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=15)
    assert "Traceback" not in stderr, stderr


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/repo/", "", "/repo/"),
        ("//evil.example/", "", "/evil.example/"),
        ("/\\evil.example/", "", "/%5Cevil.example/"),
        ("\\\\evil.example/", "", "/%5C%5Cevil.example/"),
        ("/\t/evil.example/", "", "/%09/evil.example/"),
        ("/%2F%2Fevil.example/", "", "/%2F%2Fevil.example/"),
        ("/caf\xc3\xa9/", "q=\xc3\xa9&x=/?", "/caf%C3%A9/?q=%C3%A9&x=/?"),
        ("/a/", "q=\r\nSet-Cookie: x", "/a/?q=%0D%0ASet-Cookie:%20x"),
    ],
)
def test_a_redirect_location_is_a_path_on_this_server(path: str, query: str, expected: str) -> None:
    assert location(path, query) == expected


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/repo/a?q=1", ("/repo/a", "q=1")),
        ("////articles", ("/articles", "")),
        ("//evil.example/page?x#f", ("/evil.example/page", "x")),
        ("http://127.0.0.1:8000/repo/?q", ("/repo/", "q")),
        ("http://127.0.0.1:8000", ("/", "")),
        ("http://[::1/repo/?q", ("/repo/", "q")),
        ("http:/repo/", ("/http:/repo/", "")),
        ("*", ("/*", "")),
    ],
)
def test_request_target_reads_leading_slashes_as_a_path(
    target: str, expected: tuple[str, str]
) -> None:
    """Python before 3.11.4 left a request's leading slashes as they were: ``urlsplit`` read
    the first part of ``//evil.example/page`` as a host."""
    assert request_target(target) == expected


def test_reload_script_is_injected_before_body_end() -> None:
    page = inject_reload(b"<html><body><p>x</p></body></html>", 7)
    assert page.endswith(b'<script src="/__concordance/reload.js?g=7"></script></body></html>')


def test_error_page_escapes_diagnostics() -> None:
    from concordance.diagnostics import Span, error

    d = error(Span("a<b>.md", 3, 4), "yaml-syntax", "<script>alert(1)</script>", "fix & save")
    html = error_page(BuildState(4, (d,))).decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "a&lt;b&gt;.md:3:4" in html


def test_error_page_writes_a_direction_control_as_an_escape() -> None:
    """As the terminal does: a right-to-left override in a file's name turned around the
    rest of its diagnostic on the page (``…-\u202egnp.exe.md`` read ``md.exe.png``)."""
    from concordance.diagnostics import Span, error

    d = error(Span("a-\u202egnp.exe.md", 2, 1), "field-missing", "article has no 'date'")
    page = error_page(BuildState(4, (d,), failure="gone: b-\u2067x")).decode()
    assert "\u202e" not in page and "\u2067" not in page
    assert "<code>a-\\u202egnp.exe.md:2:1</code>" in page
    assert "<code>gone: b-\\u2067x</code>" in page


def _a_broken_article_of_a_name_not_utf8(content: Path) -> None:
    name = os.fsencode(content / "articles") + b"/2022-07-10-caf\xe9.md"
    try:
        with open(name, "wb") as file:
            file.write(b"---\ntitle: [Zorp\ndate: 2022-07-10\n---\nZorp.\n")
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")


def test_the_diagnostics_of_a_file_whose_name_is_not_utf8_are_shown(tmp_path: Path) -> None:
    """Its name reaches Python as a lone surrogate (``\\udce9``), which the page's encoding
    to UTF-8 raised on: the request got no answer, and the terminal a traceback."""
    with serving(tmp_path, start="/__concordance/reload.js") as (root, content, proc):
        _a_broken_article_of_a_name_not_utf8(content)
        assert wait_for(lambda: fetch(root + PAGE)[0] == 500, 15)
        items = BeautifulSoup(fetch(root + PAGE)[2], "lxml").select("#diagnostics li")
        assert any("2022-07-10-caf\\udce9.md:2:" in li.get_text() for li in items)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=15)
        assert "Traceback" not in stderr, stderr


def test_a_build_that_raises_prints_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The failure of a build that raised is printed as a diagnostic is: a line break in a
    folder's name it gave began a line of its own, which passed for a diagnostic, and a
    right-to-left override turned the rest of the line around."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic" / "content", content)
    folder = "/srv/a\nb.md:1:1: error: forged [yaml-syntax]\u202egnp"

    def too_many(options: concordance.serve.BuildOptions) -> Report:
        raise UsageError(concordance.cache.too_many_template_files(options.templates, folder))

    monkeypatch.setattr(concordance.serve, "build_site", too_many)
    preview = concordance.serve.Preview(ServeOptions(content=content), "http://x", tmp_path / "o")
    log = io.StringIO()
    state = concordance.serve._rebuild(preview, concordance.serve.LiveSite(tmp_path / "o"), log)
    assert folder in state.failure  # the page escapes it as it shows it (``error_page``)
    assert len(log.getvalue().splitlines()) == 1, log.getvalue()
    assert log.getvalue().startswith("build failed: UsageError: the templates folder ")
    assert "(the last one read: /srv/a\\nb.md:1:1: error: forged [yaml-syntax]\\u202egnp)" in (
        log.getvalue()
    )


def test_a_save_during_the_first_build_is_built_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watcher compares with the files as they were when the first build started: a save
    made while it ran (the first build of a large site takes seconds) must not be taken for
    what that build saw, or the page would show the old text until the next save."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic" / "content", content)
    article = content / ARTICLE
    real_build = concordance.serve.build_site
    servers: list[concordance.serve.ThreadingHTTPServer] = []
    real_bind = concordance.serve._bind

    def bind(options: ServeOptions) -> object:
        servers.append(real_bind(options))
        return servers[-1]

    def save_while_building(options: concordance.serve.BuildOptions) -> Report:
        report = real_build(options)
        if not article.read_text(encoding="utf-8").endswith("typed during the first build.\n"):
            with article.open("a", encoding="utf-8") as handle:
                handle.write("\nA glorp sentence typed during the first build.\n")
        return report

    monkeypatch.setattr(concordance.serve, "build_site", save_while_building)
    monkeypatch.setattr(concordance.serve, "_bind", bind)
    options = ServeOptions(content=content, port=0)
    thread = threading.Thread(target=concordance.serve.serve, args=(options, io.StringIO()))
    thread.start()
    try:
        assert wait_for(lambda: bool(servers), 30)
        port = servers[0].server_address[1]
        page = f"http://127.0.0.1:{port}/articles/2022-07-09-second/"
        assert wait_for(lambda: "typed during the first" in body_text(fetch(page)[2]), 15)
    finally:
        if servers:
            servers[0].shutdown()
        thread.join(30)


def test_stopping_during_a_rebuild_waits_for_it_and_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C or SIGTERM while a save was being rebuilt removed the private folder under the
    build, which went on writing into it: the folder was left behind in the temporary
    directory, and 'build failed: FileNotFoundError' printed after 'stopped'."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic" / "content", content)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    real_build = concordance.serve.build_site
    servers: list[concordance.serve.ThreadingHTTPServer] = []
    real_bind = concordance.serve._bind
    rebuilding, release, rebuilt = threading.Event(), threading.Event(), threading.Event()

    def bind(options: ServeOptions) -> object:
        servers.append(real_bind(options))
        return servers[-1]

    def generation() -> int:
        live = getattr(servers[0], "live", None) if servers else None  # set once bound
        return live.current().generation if live is not None else 0

    def slow_rebuild(options: concordance.serve.BuildOptions) -> Report:
        if not generation():
            return real_build(options)  # the first build
        rebuilding.set()
        release.wait(30)
        try:
            return real_build(options)
        finally:
            rebuilt.set()

    monkeypatch.setattr(concordance.serve, "build_site", slow_rebuild)
    monkeypatch.setattr(concordance.serve, "_bind", bind)
    log = io.StringIO()
    thread = threading.Thread(
        target=concordance.serve.serve, args=(ServeOptions(content=content, port=0), log)
    )
    thread.start()
    try:
        assert wait_for(lambda: generation() == 1, 30)
        article = content / ARTICLE
        article.write_text(article.read_text(encoding="utf-8") + "\nA glorp line.\n")
        assert rebuilding.wait(15)
        servers[0].shutdown()  # as Ctrl-C ends serve_forever
        time.sleep(0.3)
        release.set()
        assert rebuilt.wait(30)
    finally:
        release.set()
        thread.join(30)
    assert not thread.is_alive()
    assert "build failed" not in log.getvalue(), log.getvalue()
    assert list(temporary.iterdir()) == []


def test_a_second_signal_while_stopping_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GNU timeout sends SIGTERM to the process and to its group, and an editor may press
    Ctrl-C twice: the second signal interrupted the clean-up, which left the private folder
    in the temporary directory and ended the command with 130."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic" / "content", content)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    servers: list[concordance.serve.ThreadingHTTPServer] = []
    real_bind, real_wait = concordance.serve._bind, concordance.serve._wait_for_rebuild

    def bind(options: ServeOptions) -> object:
        servers.append(real_bind(options))
        return servers[-1]

    def signalled_again(watcher: threading.Thread | None, log: io.StringIO) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # handled here, in the clean-up
        real_wait(watcher, log)

    def stop_once_serving() -> None:
        if wait_for(lambda: bool(servers) and getattr(servers[0], "live", None) is not None):
            wait_for(lambda: servers[0].live.current().generation == 1)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(concordance.serve, "_bind", bind)
    monkeypatch.setattr(concordance.serve, "_wait_for_rebuild", signalled_again)
    log = io.StringIO()
    threading.Thread(target=stop_once_serving, daemon=True).start()
    try:
        code = concordance.serve.serve(ServeOptions(content=content, port=0), log)
    except KeyboardInterrupt:
        pytest.fail("the second signal interrupted the clean-up")
    assert code == 0 and log.getvalue().endswith("stopped\n")
    assert list(temporary.iterdir()) == []


def test_snapshot_sees_a_save_that_keeps_size_and_mtime(tmp_path: Path) -> None:
    """``cp -p``, ``rsync -a`` or two saves in one clock tick can leave a file's size and
    modification time as they were; serve must rebuild all the same, as build would."""
    article = tmp_path / "a.md"
    article.write_bytes(b"first version\n")
    before = article.stat()
    seen = snapshot([Watched(tmp_path)])
    time.sleep(0.01)  # past the change time's clock tick
    article.write_bytes(b"other version\n")
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert article.stat().st_size == before.st_size
    assert snapshot([Watched(tmp_path)]) != seen


def test_snapshot_sees_a_save_in_a_linked_folder(tmp_path: Path) -> None:
    """A templates folder whose ``static/`` is linked from a shared theme: the build copies
    its files through the link, so a save there must set off a rebuild; a link back up
    does not make the scan go round for ever."""
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "style.css").write_text("a {}\n")
    (theme / "up").symlink_to(tmp_path)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "static").symlink_to(theme)
    seen = snapshot([Watched(templates, through_links=True)])
    (theme / "style.css").write_text("a { color: red }\n")
    assert snapshot([Watched(templates, through_links=True)]) != seen


def test_snapshot_sees_links_in_the_content_as_the_build_reads_them(tmp_path: Path) -> None:
    """A folder of articles linked into ``articles/`` from a draft folder of the content (the
    build reads it under the link's name): making the link, saving there and a link to
    nothing (the build's ``link-broken``) each set off a rebuild; a link out of the content,
    which the build refuses, is not gone into."""
    content = tmp_path / "content"
    shared = content / "_shared"
    shared.mkdir(parents=True)
    (shared / "a.md").write_text("first version\n")
    (content / "articles").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.md").write_text("zfile\n")

    def changes(edit: Callable[[], object]) -> bool:
        seen = snapshot([Watched(content, (".", "_"))])
        edit()
        return snapshot([Watched(content, (".", "_"))]) != seen

    assert changes(lambda: (content / "articles" / "shared").symlink_to("../_shared"))
    assert changes(lambda: (shared / "a.md").write_text("second version\n"))
    assert changes(lambda: (content / "articles" / "gone.md").symlink_to("nowhere.md"))
    assert changes(lambda: (content / "articles" / "out").symlink_to(outside))
    assert not changes(lambda: (outside / "b.md").write_text("zfile edited\n"))
    assert changes(lambda: (content / "articles" / "shared").unlink())


def test_snapshot_stops_at_a_templates_link_to_a_huge_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link in the templates to ``/usr``: every scan, a few times a second, would walk all
    of it. The scan stops at the build's limit (the build reports the link)."""
    huge = tmp_path / "huge"
    for n in range(40):
        (huge / f"d{n}").mkdir(parents=True)
        (huge / f"d{n}" / "f.txt").write_text("zfile\n")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "base.html").write_text("zbase\n")
    (templates / "usr").symlink_to(huge)
    monkeypatch.setattr(concordance.cache, "TEMPLATE_ENTRIES", 20)
    listed = snapshot([Watched(templates, through_links=True)])
    assert str(templates / "base.html") in listed
    assert len(listed) <= 20
    content = tmp_path / "content"
    for n in range(40):
        (content / f"d{n}").mkdir(parents=True)
        (content / f"d{n}" / "f.md").write_text("zfile\n")
    assert len(snapshot([Watched(content)])) == 40


def generation(root: str) -> int:
    return int(json.loads(fetch(root + "/__concordance/events")[2])["generation"])


def test_the_reload_poll_is_answered_at_once(
    server: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    """A poll held open until the next build kept one of the browser's six connections to
    the host busy in every open page: the seventh tab waited for one to time out."""
    root, _, _ = server
    current = generation(root)
    started = time.monotonic()
    for _ in range(7):  # a poll of each open page, all asking about the page they show
        events = json.loads(fetch(root + f"/__concordance/events?since={current}")[2])
        assert events == {"generation": current, "failed": False}
    assert time.monotonic() - started < 5


def test_a_browser_that_drops_its_connections_prints_no_traceback(
    server: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    """A closed tab resets its connections, whether a response was being written or the
    connection was kept open for the next request."""
    root, _, proc = server
    port = int(root.rsplit(":", 1)[1])
    for path in (PAGE, "/__concordance/events", "/repo/static/style.css"):
        with socket.create_connection(("127.0.0.1", port)) as client:
            client.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
            time.sleep(0.2)
            # Linger 0: the close resets the connection, as a browser's aborted request does.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    assert fetch(root + PAGE)[0] == 200
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=15)
    assert "Traceback" not in stderr and "Error" not in stderr, stderr


def diagnostic_codes(html: str) -> list[str]:
    items = BeautifulSoup(html, "lxml").select("#diagnostics li")
    return [code.get_text() for li in items for code in li.find_all("code")[1:]]


def test_an_invalid_base_url_shows_the_diagnostics_where_the_site_was(
    server: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    """A base_url without its scheme has the path of the whole text (``/example.org/other/``):
    the site moved there, and the open page reloaded to a page not found."""
    root, content, proc = server
    edit_site_yaml(content, "https://example.org/repo/", "example.org/other")
    assert wait_for(lambda: fetch(root + PAGE)[0] == 500, 15)
    assert "[url-invalid]" in diagnostic_codes(fetch(root + PAGE)[2])
    assert fetch(root + "/")[:2] == (500, root + "/repo/")

    edit_site_yaml(content, "example.org/other", "https://example.org/repo/")
    assert wait_for(lambda: fetch(root + PAGE)[0] == 200, 15)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=15)
    assert "base_url changed" not in stderr, stderr


def test_a_broken_site_yaml_shows_the_diagnostics_where_the_site_was(
    server: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    """site.yaml that does not parse has no base_url to read: the site stays where it is."""
    root, content, _ = server
    edit_site_yaml(content, "title: Fixture Concordance", "title: [Fixture Concordance")
    assert wait_for(lambda: fetch(root + PAGE)[0] == 500, 15)
    assert "[yaml-syntax]" in diagnostic_codes(fetch(root + PAGE)[2])
    assert fetch(root + "/")[:2] == (500, root + "/repo/")  # not moved to the root


def _break_article(content: Path) -> None:
    article = content / ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("title: A second", "title: [A second"), encoding="utf-8")


@pytest.mark.parametrize("first_build", ["failed", "succeeded"])
def test_a_page_outside_the_base_path_shows_the_diagnostics_too(
    tmp_path: Path, first_build: str
) -> None:
    """While the build fails, a page asked for outside the base path got a plain-text 'not
    found' (no build had succeeded yet) or the last good build's page not found, where one
    under it gets the diagnostics."""
    broken = first_build == "failed"
    start = "/__concordance/reload.js" if broken else "/repo/"
    with serving(tmp_path, start=start, prepare=_break_article if broken else lambda c: None) as (
        root,
        content,
        _,
    ):
        if not broken:
            _break_article(content)
        assert wait_for(lambda: fetch(root + PAGE)[0] == 500, 15)
        for path in ["/elsewhere", "/elsewhere/page.html", "/repo/nothing/", "/__concordance/x"]:
            status, _, html = fetch(root + path)
            assert status == 500, path
            assert "[yaml-syntax]" in diagnostic_codes(html), path
        status, _, body = fetch(root + "/elsewhere/style.css")  # not a page: not found
        assert status == 404
        assert ("[yaml-syntax]" not in body) and (broken == (body == "not found\n"))


def _fifo(site_yaml: Path) -> None:
    site_yaml.unlink()
    os.mkfifo(site_yaml)


HOSTILE_SITE_YAML: dict[str, tuple[Callable[[Path], None], str]] = {
    # Each was read by serve's own loader, which raised (RecursionError, ValueError) in the
    # watcher, or waited forever for a writer, and the page was never rebuilt.
    "deep": (lambda f: f.write_text("x: " + "[" * 100_000 + "]" * 100_000 + "\n"), "yaml-limit"),
    "ipv6": (lambda f: f.write_text("base_url: https://[::1/repo/\n"), "url-invalid"),
    "fifo": (_fifo, "file-unreadable"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_SITE_YAML))
def test_a_hostile_site_yaml_shows_the_diagnostics_where_the_site_was(
    server: tuple[str, Path, subprocess.Popen[str]], case: str
) -> None:
    root, content, proc = server
    write, code = HOSTILE_SITE_YAML[case]
    write(content / "site.yaml")
    assert wait_for(lambda: fetch(root + PAGE)[0] == 500, 15)
    assert f"[{code}]" in diagnostic_codes(fetch(root + PAGE)[2])
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=15)
    assert "Traceback" not in stderr, stderr


@pytest.mark.parametrize("port", ["70000", "-5", "eighty", "8²"])
def test_a_port_out_of_range_is_a_usage_error(
    tmp_path: Path, port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic" / "content", content)
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--content", str(content), f"--port={port}"])
    assert exited.value.code == 2
    refused = f"argument --port: not a port number from 0 to 65535: '{port}'"
    assert refused in capsys.readouterr().err


@pytest.mark.parametrize("host", ["", " ", "[]"])
def test_an_empty_host_is_a_usage_error(
    tmp_path: Path, host: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--host ''`` (a variable left unset in a script) listened on every interface."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic" / "content", content)
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--content", str(content), f"--host={host}", "--port=0"])
    assert exited.value.code == 2
    assert f"argument --host: no address to listen on: '{host}'" in capsys.readouterr().err


def test_an_address_it_cannot_listen_on_leaves_no_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic" / "content", content)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    for options in (
        ServeOptions(content=content, port=70000),
        ServeOptions(content=content, host="no-such-host.invalid", port=0),
    ):
        with pytest.raises(UsageError, match="cannot listen on"):
            concordance.serve.serve(options, io.StringIO())
    assert list(temporary.iterdir()) == []


def test_a_port_another_program_holds_is_told_how_to_choose_another(tmp_path: Path) -> None:
    """The message said only 'Address already in use', where another preview left running
    is the usual cause and another port the way out."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic" / "content", content)
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(UsageError) as refused:
            concordance.serve.serve(ServeOptions(content=content, port=port), io.StringIO())
    in_use = f"[Errno {errno.EADDRINUSE}] {os.strerror(errno.EADDRINUSE)}"
    assert str(refused.value) == (
        f"cannot listen on 127.0.0.1:{port}: {in_use}"
        " (stop the program that listens there, or give another port: --port 8001,"
        " or --port 0 for any free one)"
    )


@pytest.mark.parametrize("hangup", [signal.SIG_DFL, signal.SIG_IGN])
def test_a_closed_terminal_stops_it_cleanly_unless_under_nohup(
    tmp_path: Path, hangup: signal.Handlers
) -> None:
    """Closing the terminal serve runs in sends SIGHUP, whose default ended the process where
    it stood: its private folder (the site and its cache) was left in the temporary
    directory, a copy each time. Under ``nohup`` (SIGHUP ignored) it keeps serving."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic" / "content", content)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", f"--content={content}", f"--port={port}"],
        cwd=tmp_path,
        env={**os.environ, "TMPDIR": str(temporary)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, hangup),
    )
    try:
        assert wait_for(lambda: fetch(f"http://127.0.0.1:{port}/")[0] == 200, 30)
        assert list(temporary.iterdir())
        proc.send_signal(signal.SIGHUP)
        if hangup == signal.SIG_IGN:
            time.sleep(0.5)
            assert proc.poll() is None
            assert fetch(f"http://127.0.0.1:{port}/")[0] == 200
            proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert list(temporary.iterdir()) == []


@pytest.mark.parametrize(("extra", "said"), [((), True), (("--search",), False)])
def test_a_preview_without_search_says_how_to_have_it(
    tmp_path: Path, extra: tuple[str, ...], said: bool
) -> None:
    """The preview's search page said only that this copy of the site has no index."""
    with serving(tmp_path, extra) as (_, _, proc):
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
    lines = stderr.splitlines()
    assert (concordance.serve.SEARCH_OFF in lines) == said, stderr
    if said:
        assert lines[lines.index(concordance.serve.SEARCH_OFF) - 1].startswith("serving http")


def ipv6_loopback() -> bool:
    try:
        free_port("::1")
    except OSError:
        return False
    return True


@pytest.mark.skipif(not ipv6_loopback(), reason="no IPv6 loopback on this machine")
@pytest.mark.parametrize("host", ["::1", "[::1]"])  # also as serve prints it, in a URL
def test_serve_listens_on_an_ipv6_address(tmp_path: Path, host: str) -> None:
    with serving(tmp_path, host=host) as (root, _, proc):
        assert root.startswith("http://[::1]:")
        assert fetch(root + PAGE)[0] == 200
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=15)
        assert f"serving {root}/repo/ (Ctrl-C to stop)" in stderr


class _RecordingServer:
    """Stands in for the HTTP server: notes the thread it serves on, until shut down."""

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.shut_down = threading.Event()

    def serve_forever(self, poll_interval: float) -> None:
        self.thread = threading.current_thread()
        self.shut_down.wait()

    def shutdown(self) -> None:
        self.shut_down.set()


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="signals cannot be aimed")
def test_ctrl_c_stops_the_server_whichever_thread_the_kernel_gives_it() -> None:
    """Raised into the server's loop on the main thread, Ctrl-C's KeyboardInterrupt could
    land as a request was handed to its thread, whose connection was then closed under it
    ("Bad file descriptor" tracebacks, a stop that hung): the server answers on a thread of
    its own. The kernel may hand the signal to that thread, and the main thread, which
    alone runs Python's handler, must still wake for it."""
    server = _RecordingServer()
    main_thread = threading.main_thread()

    def interrupt() -> None:
        assert wait_for(lambda: server.thread is not None, 10)
        assert server.thread is not None and server.thread.ident is not None
        signal.pthread_kill(server.thread.ident, signal.SIGINT)
        if not server.shut_down.wait(5):  # never woke: end the test, which then fails
            assert main_thread.ident is not None
            signal.pthread_kill(main_thread.ident, signal.SIGINT)

    restore = concordance.serve._stop_on_signals()
    aiming = threading.Thread(target=interrupt, daemon=True)
    started = time.monotonic()
    try:
        aiming.start()
        with pytest.raises(KeyboardInterrupt):
            concordance.serve._serve_until_interrupted(cast(Any, server))
    finally:
        restore()
        aiming.join(10)
    assert server.thread is not None and server.thread is not main_thread
    assert server.shut_down.is_set()
    assert time.monotonic() - started < 4


def _request_until(url: str, done: threading.Event) -> None:
    while not done.is_set():
        with contextlib.suppress(OSError):
            fetch(url)


def test_ctrl_c_while_pages_are_requested_stops_cleanly(tmp_path: Path) -> None:
    """Requests coming as the editor presses Ctrl-C (a page's reload poll, another tab): a
    stop printed tracebacks of connections closed under the threads answering them."""
    for attempt in range(2):
        with serving(tmp_path / str(attempt)) as (root, _, proc):
            done = threading.Event()
            clients = [
                threading.Thread(target=_request_until, args=(root + PAGE, done), daemon=True)
                for _ in range(4)
            ]
            for client in clients:
                client.start()
            time.sleep(0.3)
            proc.send_signal(signal.SIGINT)
            _, stderr = proc.communicate(timeout=15)
            done.set()
            for client in clients:
                client.join(30)
        assert proc.returncode == 0, stderr
        assert "Traceback" not in stderr and "Exception" not in stderr, stderr
        assert stderr.endswith("stopped\n"), stderr


EDITOR_FILES = (
    "articles/.2022-07-09-second.md.swp",  # Vim's swap file
    "articles/2022-07-09-second.md~",  # a backup
    "articles/#2022-07-09-second.md#",  # Emacs's autosave
    "articles/.#2022-07-09-second.md",  # Emacs's lock
    "articles/4913",  # Vim's check that the folder can be written
    "articles/_draft.md",  # a draft, which no build reads
)


def test_files_an_editor_writes_beside_an_article_rebuild_nothing(
    server: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    """Vim writes its swap file every few seconds of typing: each rebuild reloaded every
    open page before anything was saved."""
    root, content, _ = server
    before = generation(root)
    for name in EDITOR_FILES:
        (content / name).write_text("x", encoding="utf-8")
    time.sleep(10 * concordance.serve.POLL_SECONDS)
    for name in EDITOR_FILES:
        (content / name).unlink()
    time.sleep(10 * concordance.serve.POLL_SECONDS)
    assert generation(root) == before
    article = content / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nSaved.\n", encoding="utf-8")
    assert wait_for(lambda: generation(root) > before, 15)  # a real save still rebuilds


LARGE = 2 << 30
"""A linked file of 2 GiB: sparse, it takes no disk, and neither does its published copy."""
LINKED = "articles/docs/recording.zip"
LINKED_URL = "/repo/media/articles/docs/recording.zip"


def linking(size: int) -> Callable[[Path], None]:
    """What makes the article link a file of ``size`` bytes, zeros but for a few marks."""

    def prepare(content: Path) -> None:
        linked = content / LINKED
        linked.parent.mkdir()
        with open(linked, "wb") as handle:
            handle.truncate(size)
            for offset, data in marks(size).items():
                handle.seek(offset)
                handle.write(data)
        article = content / ARTICLE
        text = article.read_text(encoding="utf-8")
        article.write_text(f"{text}\n[the recording](docs/recording.zip)\n", encoding="utf-8")

    return prepare


def marks(size: int) -> dict[int, bytes]:
    return {0: b"PK\x03\x04 the start", size // 2 + 12345: b"a middle", size - 7: b"the end"}


@contextlib.contextmanager
def request(
    root: str, path: str, method: str = "GET", headers: dict[str, str] | None = None
) -> Iterator[http.client.HTTPResponse]:
    """A response whose body is still to be read, in pieces."""
    connection = http.client.HTTPConnection(urllib.parse.urlsplit(root).netloc, timeout=30)
    try:
        connection.request(method, path, headers=headers or {})
        yield connection.getresponse()
    finally:
        connection.close()


def streamed_digest(response: http.client.HTTPResponse, hasher: hashlib._Hash) -> int:
    """Reads the rest of the body into ``hasher``, a MiB at a time; returns how many bytes."""
    count = 0
    while piece := response.read(1 << 20):
        hasher.update(piece)
        count += len(piece)
    return count


def file_digest(file: Path) -> str:
    with open(file, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def peak_memory(pid: int) -> int:
    """The most memory the process ever held (its peak resident set), in bytes."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    found = re.search(r"^VmHWM:\s+(\d+) kB$", status, re.MULTILINE)
    assert found, status
    return int(found.group(1)) * 1024


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc on this system")
def test_a_file_of_gigabytes_is_served_in_pieces(tmp_path: Path) -> None:
    """A linked file of several GB, read whole into memory to be served: the server held it
    all (or failed with a MemoryError). Its ranges are served too, for a browser seeking in a
    video, and a download given up halfway leaves no traceback."""
    with serving(tmp_path, prepare=linking(LARGE)) as (root, content, proc):
        expected = file_digest(content / LINKED)
        with request(root, LINKED_URL) as response:
            assert response.status == 200
            assert response.getheader("Content-Length") == str(LARGE)
            assert response.getheader("Content-Type") == "application/zip"
            hasher = hashlib.sha256()
            assert streamed_digest(response, hasher) == LARGE
            assert hasher.hexdigest() == expected
        peak = peak_memory(proc.pid)
        assert peak < 256 << 20, f"the server held {peak >> 20} MiB"
        assert response.getheader("Accept-Ranges") == "bytes"

        with request(root, LINKED_URL, "HEAD") as response:
            assert (response.status, response.read()) == (200, b"")
            assert response.getheader("Content-Length") == str(LARGE)
        end = LARGE - 7
        for asked, status, content_range, body in [
            ("bytes=0-3", 206, f"bytes 0-3/{LARGE}", b"PK\x03\x04"),
            (f"bytes={LARGE // 2 + 12343}-", 206, None, b"\0\0a middle"),
            ("bytes=-7", 206, f"bytes {end}-{LARGE - 1}/{LARGE}", b"the end"),
            (f"bytes={end}-{LARGE + 100}", 206, f"bytes {end}-{LARGE - 1}/{LARGE}", b"the end"),
            (f"bytes={LARGE}-", 416, f"bytes */{LARGE}", b""),
        ]:
            with request(root, LINKED_URL, headers={"Range": asked}) as response:
                assert response.status == status, asked
                if content_range:
                    assert response.getheader("Content-Range") == content_range, asked
                assert response.read(len(body) or 1) == body, asked
        # A page ignores a range: it is read whole, and the reload script added.
        with request(root, PAGE, headers={"Range": "bytes=0-3"}) as response:
            assert response.status == 200
            assert b"/__concordance/reload.js" in response.read()

        # A download given up halfway, its connection reset as a closed tab's is.
        port = int(root.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as client:
            client.sendall(f"GET {LINKED_URL} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
            client.recv(1 << 20)
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        assert fetch(root + PAGE)[0] == 200
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=15)
        assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert peak_memory(os.getpid()) < LARGE  # nor was it held whole here


def test_a_file_replaced_by_a_rebuild_while_it_is_sent_is_sent_as_it_was(
    tmp_path: Path,
) -> None:
    """The download goes on with the bytes of the copy it began with (the build writes a
    new file, never through the one being sent), and the next one gets the new copy."""
    size = 64 << 20  # more than the connection's buffers hold: the server is still sending
    with serving(tmp_path, prepare=linking(size)) as (root, content, proc):
        source = content / LINKED
        first = file_digest(source)
        with request(root, LINKED_URL) as response:
            hasher = hashlib.sha256()
            hasher.update(response.read(1 << 20))
            before = generation(root)
            with open(source, "r+b") as handle:
                handle.seek(size // 2)
                handle.write(b"edited")
            assert wait_for(lambda: generation(root) > before, 20)
            assert streamed_digest(response, hasher) == size - (1 << 20)
            assert hasher.hexdigest() == first
        with request(root, LINKED_URL) as response:
            hasher = hashlib.sha256()
            assert streamed_digest(response, hasher) == size
            assert hasher.hexdigest() == file_digest(source) != first
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=15)
        assert "Traceback" not in stderr, stderr


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-0", (0, 1)),
        ("bytes=2-5", (2, 6)),
        ("bytes=2-", (2, 10)),
        ("bytes=-3", (7, 10)),
        ("bytes=-30", (0, 10)),
        ("bytes=8-30", (8, 10)),
        ("bytes=10-", "unsatisfiable"),
        ("bytes=-0", "unsatisfiable"),
        ("bytes=5-2", None),  # invalid: the whole file
        ("bytes=-", None),
        ("bytes=0-1,4-5", None),  # several ranges: the whole file
        ("items=0-1", None),
        ("bytes=" + "9" * 5000 + "-", None),  # a number int() refuses to read
    ],
)
def test_byte_range(header: str, expected: object) -> None:
    assert byte_range(header, 10) == expected


def test_a_page_of_another_site_cannot_read_the_preview_through_its_own_name(
    tmp_path: Path,
) -> None:
    """DNS rebinding: a page of evil.example makes its name lead to 127.0.0.1 and reads
    the preview (the local paths of its diagnostics with it) as its own. The preview
    answers only to localhost and to addresses; every other name is refused."""
    with serving(tmp_path) as (root, _, _):
        port = urllib.parse.urlsplit(root).port
        for name in ("evil.example", f"evil.example:{port}", "localhost.evil.example", ""):
            for path in ("/repo/", "/__concordance/events"):
                with request(root, path, headers={"Host": name}) as refused:
                    assert refused.status == 403, (name, path)
                    assert b"evil" not in refused.read()
        for name in ("localhost", f"localhost:{port}", f"127.0.0.1:{port}", "app.localhost"):
            with request(root, "/repo/", headers={"Host": name}) as answered:
                assert answered.status == 200, name
                assert b"<html" in answered.read()


@pytest.mark.parametrize(
    ("header", "listening", "allowed"),
    [
        ("localhost:8000", "127.0.0.1", True),
        ("[::1]:8000", "::1", True),
        ("192.168.1.5:8000", "127.0.0.1", True),
        ("LOCALHOST.", "127.0.0.1", True),
        (None, "127.0.0.1", True),
        ("evil.example", "::1", False),
        ("127.0.0.1.nip.io", "127.0.0.1", False),
        ("[::1", "127.0.0.1", False),
        ("my-laptop.lan:8000", "0.0.0.0", True),
        ("my-laptop.lan:8000", "192.168.1.5", True),
    ],
)
def test_the_names_the_preview_answers_to(
    header: str | None, listening: str, allowed: bool
) -> None:
    """On this machine alone, localhost and addresses; opened to the network (``--host
    0.0.0.0``), any name the network gives the machine."""
    assert host_allowed(header, listening) is allowed


@pytest.mark.parametrize(
    ("where", "path"),
    [
        ("--base-url", "/__concordance/"),
        ("--base-url", "/%5F%5Fconcordance/zorp/"),  # as a request's path is read
        ("site.yaml's base_url", "/__concordance/glorp/"),
    ],
)
def test_a_base_path_inside_the_previews_own_is_a_usage_error(
    tmp_path: Path, where: str, path: str
) -> None:
    """A base path under ``/__concordance/``, where the preview answers live reload: every
    page was answered 404 there, and ``/`` redirected to one of them. Refused (exit 2), with
    no temporary folder left; run apart, as unrefused it would serve until stopped."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic" / "content", content)
    url = f"http://localhost:8000{path}"
    extra = ["--base-url", url] if where == "--base-url" else []
    if not extra:
        edit_site_yaml(content, "base_url: https://example.org/", f"base_url: {url}")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    command = [sys.executable, str(REPO / "build.py"), "serve", "--content", str(content)]
    ran = subprocess.run(
        [*command, "--port", "0", *extra],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    assert ran.returncode == 2, ran.stderr
    assert ran.stderr == (
        f"build.py: {where} puts the site under {path}, inside /__concordance/, where the"
        " preview answers its own requests (live reload): none of its pages could be served;"
        " give serve a --base-url of another path (http://localhost:8000/docs/)\n"
    )
    assert list(temporary.iterdir()) == []


def test_a_base_url_edited_into_the_previews_own_path_shows_why_where_the_site_was(
    server: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    """site.yaml's base_url edited, while serving, to a path under ``/__concordance/``: the
    site stays where it was, its pages show why, and reload once it is fixed."""
    root, content, _ = server
    edit_site_yaml(content, "https://example.org/repo/", "https://example.org/__concordance/")
    assert wait_for(lambda: fetch(root + PAGE)[0] == 500, 15)
    failure = BeautifulSoup(fetch(root + PAGE)[2], "lxml").select_one("body > p > code")
    assert failure is not None and "inside /__concordance/" in failure.get_text()
    assert json.loads(fetch(root + "/__concordance/events")[2])["failed"] is True
    edit_site_yaml(content, "https://example.org/__concordance/", "https://example.org/repo/")
    assert wait_for(lambda: fetch(root + PAGE)[0] == 200, 15)


def response_of(connection: socket.socket) -> bytes:
    """The bytes of one answer with a ``Content-Length`` read from ``connection``."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += connection.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = re.search(rb"(?i)content-length: *([0-9]+)", head)
    assert length is not None
    while len(body) < int(length[1]):
        body += connection.recv(65536)
    return body


def live(server: concordance.serve._LiveServer) -> int:
    """The generation of the site ``server`` serves."""
    return server.live.current().generation


def test_an_idle_connection_is_closed_and_the_preview_still_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A connection that sends nothing, or nothing more after its answer, is closed after
    ``IDLE_SECONDS``: each held one of the server's threads forever. The page answered on it
    and the reload poll after it are answered as before."""
    monkeypatch.setattr(concordance.serve, "IDLE_SECONDS", 1.0)
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic" / "content", content)
    bound: list[concordance.serve._LiveServer] = []
    bind = concordance.serve._bind
    monkeypatch.setattr(concordance.serve, "_bind", lambda o: bound.append(bind(o)) or bound[0])
    options = ServeOptions(content=content, port=0, base_url="https://example.org/repo/")
    running = threading.Thread(target=concordance.serve.serve, args=(options, io.StringIO()))
    running.start()
    try:
        # The server is bound before its live site is set: until then it has no ``live``.
        assert wait_for(lambda: bool(bound) and hasattr(bound[0], "live") and live(bound[0]) > 0)
        address = bound[0].server_address[:2]
        root = f"http://{address[0]}:{address[1]}"
        with socket.create_connection(address, timeout=10) as idle:
            started = time.monotonic()
            assert idle.recv(1) == b""  # closed by the server
            assert time.monotonic() - started < 5
        with socket.create_connection(address, timeout=10) as kept:
            kept.sendall(f"GET {PAGE} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
            page = BeautifulSoup(response_of(kept), "lxml")
            assert page.find("h1") is not None
            assert page.find("script", src=re.compile("^/__concordance/reload.js")) is not None
            assert kept.recv(1) == b""
        assert json.loads(fetch(root + "/__concordance/events")[2])["failed"] is False
    finally:
        if bound:
            bound[0].shutdown()
        running.join(30)
    assert not running.is_alive()
