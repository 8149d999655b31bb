"""``build.py serve``: build, serve locally, rebuild on change, reload open pages.

- The site is built into a private directory (never ``site/``) and served from it under
  the configured base path (``--base-url`` or site.yaml's ``base_url``, read again for every
  build, so an edit of it applies without a restart); ``/`` redirects there.
- A polling watcher (an mtime scan: no extra dependency, works on every file system)
  rebuilds when anything under the content or templates directory changes.
- Every HTML response gets a small script, added while serving (the built files stay as
  they are), that asks ``/__concordance/events`` twice a second for the build's generation
  and reloads the page after a rebuild. The server answers at once: a request held open
  until the next build would keep one of the six connections a browser opens to a host
  busy in every tab, and the seventh tab would wait for one to end.
- While the content has errors, HTML requests get a page listing the diagnostics, which
  reloads itself when the editor fixes the file; the last good build keeps serving assets.
"""

from __future__ import annotations

import contextlib
import errno
import html
import ipaddress
import json
import mimetypes
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import BinaryIO, Literal, TextIO
from urllib.parse import quote, unquote, urlsplit

from concordance.cache import Outside
from concordance.cli import cache_warning, counts
from concordance.config import DEFAULT_TEMPLATES, BuildOptions, UsageError
from concordance.diagnostics import Diagnostic, Report, one_line
from concordance.inputs import require_content
from concordance.load import config_document
from concordance.model import LEFT_OUT
from concordance.regular_files import open_regular
from concordance.runner import run
from concordance.urls import as_uri, base_url_problem

LIVE_PREFIX = "/__concordance/"
POLL_SECONDS = 0.2
IDLE_SECONDS = 30.0
"""How long a connection may wait for its next request (its first too) before it is closed:
each held a thread of the server, and one a client opened and sent nothing on held it
forever. A page's reload poll comes every half second (a background tab's more slowly: a
browser then opens a new connection); an answer is sent without a limit (a paused video)."""


@dataclass(frozen=True, slots=True)
class ServeOptions:
    content: Path = Path("content")
    host: str = "127.0.0.1"
    port: int = 8000
    """0 picks a free port."""
    base_url: str | None = None
    """Serve under this URL's path; site.yaml's ``base_url`` when None."""
    templates: Path = DEFAULT_TEMPLATES
    search: bool = False
    """Build the search index on every rebuild (slower; off by default for quick previews)."""


def build_site(options: BuildOptions) -> Report:
    """The one place serve builds the site (an incremental build can replace it here)."""
    return run(options)


@dataclass(frozen=True, slots=True)
class BuildState:
    """What the server shows: which build this is, and its problems when it failed."""

    generation: int = 0
    errors: tuple[Diagnostic, ...] = ()
    """Every diagnostic of a failed build (errors and warnings); empty after a good one."""
    failure: str = ""
    """A problem that is not about one file (the content directory vanished ...)."""
    base_path: str = "/"
    """The URL path the site is served under: that of the last build that did not fail."""

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.failure)


@dataclass(slots=True)
class LiveSite:
    """The state shared by the watcher thread and the request threads."""

    out: Path
    state: BuildState = field(default_factory=BuildState)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, report: Report | None, base_path: str, failure: str = "") -> BuildState:
        """A finished build: its problems, and the URL path its site is served under.

        A failed build wrote nothing, so the site stays where the last good build is served:
        the page the editor has open then shows the diagnostics, even those of the edit that
        moved ``base_url`` (to an invalid URL, say), instead of a page not found."""
        with self.lock:
            errors = tuple(report.diagnostics) if report and report.errors else ()
            if errors or failure:
                base_path = self.state.base_path
            self.state = BuildState(self.state.generation + 1, errors, failure, base_path)
            return self.state

    def current(self) -> BuildState:
        with self.lock:
            return self.state


SEARCH_OFF = "search is off, to keep rebuilds quick: serve --search builds its index too"
"""Said as the preview starts without ``--search``: its search page says only that this copy
of the site has no index, which left the way to one untold."""


def serve(options: ServeOptions, log: TextIO) -> int:
    """Run until Ctrl-C; returns the exit code."""
    require_content(options.content)
    if taken := taken_path(_serving_path(options), options.base_url is not None):
        raise UsageError(taken)
    server = _bind(options)
    private = Path(tempfile.mkdtemp(prefix="concordance-serve-"))
    live = LiveSite(private / "site", BuildState(base_path=_serving_path(options)))
    server.live = live
    stop = threading.Event()
    watcher: threading.Thread | None = None
    interrupted = False
    restore = _stop_on_signals()
    try:
        host, port = server.server_address[:2]
        preview = Preview(options, f"http://{_host_for_url(str(host))}:{port}", live.out)
        # Looked at before the first build, so a save made while it runs is built next.
        seen = snapshot(_watched(preview))
        state = _rebuild(preview, live, log)
        print(f"serving {preview.origin}{state.base_path} (Ctrl-C to stop)", file=log, flush=True)
        if not options.search:  # the search page says only that it has no index
            print(SEARCH_OFF, file=log, flush=True)
        watcher = threading.Thread(
            target=_watch, args=(preview, live, stop, log, seen), name="watcher", daemon=True
        )
        watcher.start()
        _serve_until_interrupted(server)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        stop.set()
        server.server_close()
        _wait_for_rebuild(watcher, log)
        shutil.rmtree(private, ignore_errors=True)
        restore()
    if interrupted:
        print("stopped", file=log, flush=True)
    return 0


def _serve_until_interrupted(server: _LiveServer) -> None:
    """Answer requests on a thread of its own while this one, the thread signals are handled
    on, only sleeps: raised into the server's loop, Ctrl-C's ``KeyboardInterrupt`` could land
    as a request was handed to its thread, and the server closed the connection that thread
    was answering on (a "Bad file descriptor" traceback after 'stopped' in about one stop
    in five with requests coming, the descriptor perhaps reused by then)."""
    answering = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="server", daemon=True
    )
    answering.start()
    try:
        while answering.is_alive():
            # Short sleeps: the kernel may give a signal to any thread, and Python runs its
            # handler (which raises KeyboardInterrupt) when this one next wakes.
            time.sleep(POLL_SECONDS)
    finally:
        if answering.is_alive():
            server.shutdown()  # lets the request being handed over go to its thread first


def _wait_for_rebuild(watcher: threading.Thread | None, log: TextIO) -> None:
    """Let a rebuild under way end before its folder is removed: removed while the build
    wrote into it, the folder was left behind, rebuilt in part, and the build failed (with
    ``FileNotFoundError`` printed after 'stopped')."""
    if watcher is None or not watcher.is_alive():
        return
    watcher.join(0.5)
    with contextlib.suppress(OSError):  # a terminal closed (SIGHUP) cannot be written to
        if watcher.is_alive():
            print("waiting for the rebuild under way to end", file=log, flush=True)
    watcher.join()


def _stop_on_signals() -> Callable[[], None]:
    """Ctrl-C and SIGTERM stop the server cleanly, even when the shell started it with SIGINT
    ignored (a background job), and so does closing its terminal (SIGHUP, which ended it
    with its private folder left in the temporary directory), unless ``nohup`` started it;
    returns what puts the previous handlers back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    signalled = False

    def interrupt(signum: int, frame: FrameType | None) -> None:
        # Once: another signal while stopping (GNU timeout sends SIGTERM to the process and
        # to its group, an editor presses Ctrl-C twice) interrupted the clean-up itself, the
        # private folder left behind and the exit code 130.
        nonlocal signalled
        if not signalled:
            signalled = True
            raise KeyboardInterrupt

    stopping = [signal.SIGINT, signal.SIGTERM]
    hangup = getattr(signal, "SIGHUP", None)  # none on Windows
    if hangup is not None and signal.getsignal(hangup) is not signal.SIG_IGN:
        stopping.append(hangup)
    previous = {sig: signal.signal(sig, interrupt) for sig in stopping}

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def _bind(options: ServeOptions) -> _LiveServer:
    """The server, listening; a host or port it cannot listen on is a usage error."""
    family = socket.AF_INET6 if ":" in options.host else socket.AF_INET
    try:
        return _LiveServer((options.host, options.port), family)
    except (OSError, OverflowError) as exc:  # OverflowError: a port out of 0-65535
        said = f"cannot listen on {options.host}:{options.port}: {exc}"
        raise UsageError(said + _listen_hint(exc, options.port)) from None


def _listen_hint(exc: Exception, port: int) -> str:
    """What to do about a port another program holds (another preview left running, most
    often), which the message alone did not say."""
    if not isinstance(exc, OSError) or exc.errno != errno.EADDRINUSE:
        return ""
    other = 8001 if port != 8001 else 8002
    return (
        f" (stop the program that listens there, or give another port: --port {other},"
        " or --port 0 for any free one)"
    )


class _LiveServer(ThreadingHTTPServer):
    daemon_threads = True  # an idle keep-alive connection must not keep the process alive
    block_on_close = False
    live: LiveSite

    def __init__(self, address: tuple[str, int], family: socket.AddressFamily) -> None:
        self.address_family = family  # read by the constructor, which opens the socket
        super().__init__(address, _Handler)

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: object
    ) -> None:
        """A browser that went away (a closed tab, a link followed while a page or a poll
        was being answered) is no error: the terminal keeps to builds and their problems."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _host_for_url(host: str) -> str:
    return f"[{host}]" if ":" in host else host


@dataclass(frozen=True, slots=True)
class Preview:
    """What every build of the preview needs: the command's options and the server's origin."""

    options: ServeOptions
    origin: str
    """``http://host:port`` of the server."""
    out: Path

    def build_options(self, base_path: str) -> BuildOptions:
        return BuildOptions(
            content=self.options.content,
            out=self.out,
            templates=self.options.templates,
            base_url=self.origin + base_path,
            search=self.options.search,
            quiet=True,
        )


def _serving_path(options: ServeOptions) -> str:
    """The URL path to serve under: ``--base-url``'s, else that of site.yaml's base_url as the
    file is now. Read before every build, so an edited base_url applies without a restart."""
    return _base_path(options.base_url or _configured_base_url(options.content))


def taken_path(base_path: str, given: bool) -> str | None:
    """Why the site cannot be served under ``base_path`` (``given`` by ``--base-url``, else
    site.yaml's ``base_url``'s): one under ``LIVE_PREFIX`` (``/__concordance/``), where the
    preview answers the reload script's requests, had every page answered 404 and ``/``
    redirected to the first of them; None for any other."""
    if not unquote(base_path).startswith(LIVE_PREFIX):
        return None
    named = "--base-url" if given else "site.yaml's base_url"
    return (
        f"{named} puts the site under {base_path}, inside {LIVE_PREFIX}, where the preview"
        " answers its own requests (live reload): none of its pages could be served; give"
        " serve a --base-url of another path (http://localhost:8000/docs/)"
    )


def _configured_base_url(content: Path) -> str:
    """site.yaml's base_url, read as a build reads it (a named pipe, a link out of the
    content and YAML too deep to parse are refused), or ``/`` when it has no valid one: the
    build reports why, and the site stays where it was served (``LiveSite.publish``)."""
    document = config_document(content)[0]
    fields = document.meta.value if document is not None and document.meta is not None else None
    node = fields.get("base_url") if isinstance(fields, dict) else None
    value = node.value if node is not None else None
    return value if isinstance(value, str) and base_url_problem(value) is None else "/"


def _base_path(base_url: str) -> str:
    """The path of ``base_url`` as a URI writes it (``/%E7%9F%A5/`` for ``/知/``), as the build
    writes its links: a redirect's ``Location`` holds ASCII only."""
    path = urlsplit(as_uri(base_url)).path or "/"
    path = "/" + path.strip("/") + "/"
    return "/" if path == "//" else path


# --- watching and rebuilding ---------------------------------------------------------------


def _rebuild(preview: Preview, live: LiveSite, log: TextIO) -> BuildState:
    started = time.perf_counter()
    base_path = _serving_path(preview.options)
    served = live.current().base_path
    if taken := taken_path(base_path, preview.options.base_url is not None):
        state = live.publish(None, base_path, taken)  # served where it was
        print(f"not rebuilt: {taken} (the browser shows it)", file=log, flush=True)
        return state
    try:
        report = build_site(preview.build_options(base_path))
    except Exception as exc:  # the server must outlive any failed build, whatever broke it
        state = live.publish(None, base_path, f"{type(exc).__name__}: {exc}")
        # As a diagnostic is: a line break in a file's name forged a line of its own.
        print(f"build failed: {one_line(state.failure)}", file=log, flush=True)
        return state
    state = live.publish(report, base_path)
    if state.base_path != served:
        print(f"base_url changed: serving {preview.origin}{state.base_path}", file=log, flush=True)
    seconds = time.perf_counter() - started
    for d in report.diagnostics:
        print(d.format(), file=log)
    if state.failed:
        print(
            f"not rebuilt in {seconds:.2f}s: {counts(report)} (the browser shows them)",
            file=log,
            flush=True,
        )
    else:
        print(
            f"built {report.pages_written} files in {seconds:.2f}s: {counts(report)}",
            file=log,
            flush=True,
        )
    if report.cache_unsaved:
        print(cache_warning(report), file=log, flush=True)
    return state


@dataclass(frozen=True, slots=True)
class Watched:
    """A folder whose changes are rebuilt for."""

    root: Path
    unread: tuple[str, ...] = (".",)
    """How the names of the files and folders in it that no build reads begin: hidden ones,
    and in the content folder drafts (``_``); the templates' ``_macros.html`` is read."""
    through_links: bool = False
    """Whether to follow links to folders wherever they lead: the build reads the templates
    through them (``cache.tree_files``; a ``static/`` linked from a shared theme), but the
    content only through those that lead inside it (``inputs.content_files``)."""


EDITOR_SCRATCH = re.compile(r".*~|#.*#|[0-9]+|.*(\.sw[a-px]|___jb_(tmp|old)___)")
"""The names of the files editors write next to the one being edited, which no build reads:
backups (``a.md~``), Emacs's autosaves (``#a.md#``), Vim's check that a folder can be
written (``4913``) and its swap files (``.a.md.swp``, hidden too), JetBrains' temporary
files. Vim writes its swap file every few seconds of typing: a rebuild for each would reload
every open page while the editor types."""


def _watched(preview: Preview) -> tuple[Watched, Watched]:
    content = Watched(preview.options.content, LEFT_OUT)
    return content, Watched(preview.options.templates, through_links=True)


def _watch(
    preview: Preview,
    live: LiveSite,
    stop: threading.Event,
    log: TextIO,
    seen: dict[str, FileStamp],
) -> None:
    """Rebuild whenever the watched files differ from ``seen`` (as they were when the
    last build started)."""
    folders = _watched(preview)
    while not stop.wait(POLL_SECONDS):
        now = snapshot(folders)
        if now == seen:
            continue
        # Editors save several files (or one file twice) at once: wait until it settles.
        while not stop.wait(POLL_SECONDS) and (later := snapshot(folders)) != now:
            now = later
        seen = now
        if not stop.is_set():
            _rebuild(preview, live, log)


FileStamp = tuple[int, int, int, int]
"""A file's modification time, size, change time and inode."""


def snapshot(folders: Iterable[Watched]) -> dict[str, FileStamp]:
    """Every file under the folders that a build may read, with its ``FileStamp``
    (``Watched.unread`` and ``EDITOR_SCRATCH`` are left out), through the links to folders
    the build reads through (``_followed``); a link to a folder or to nothing is there by its
    own stamp. The change time and inode too, as
    the build's own check has them (``cache.file_digests``): a save that keeps the size and
    the modification time (``cp -p``, ``rsync -a``, a restored backup, two saves in one clock
    tick) still changes the change time, which no program can set."""
    files: dict[str, FileStamp] = {}
    for watched in folders:
        seen: set[str] = set()  # a folder reached again through a link is listed once
        outside = Outside(watched.root)
        for folder, dirs, names in os.walk(watched.root, followlinks=True):
            real = os.path.realpath(folder)
            if real in seen:
                dirs.clear()
                continue
            seen.add(real)
            if watched.through_links and outside.too_many(real, len(names)):
                break  # a link to /usr: the build reports it (``cache.tree_files``)
            dirs[:] = sorted(d for d in dirs if not d.startswith(watched.unread))
            links = [os.path.join(folder, d) for d in dirs]
            # A link to a folder, made, removed or led elsewhere, changes what is read.
            for path in (link for link in links if os.path.islink(link)):
                if (stamp := _stamp(path, os.lstat)) is not None:
                    files[path] = stamp
            dirs[:] = [d for d, path in zip(dirs, links, strict=True) if _followed(watched, path)]
            for name in names:
                if name.startswith(watched.unread) or EDITOR_SCRATCH.fullmatch(name):
                    continue
                path = os.path.join(folder, name)
                # A link to nothing by its own: the build reports it (``link-broken``).
                if (stamp := _stamp(path, os.stat) or _stamp(path, os.lstat)) is not None:
                    files[path] = stamp
    return files


def _stamp(path: str, status: Callable[[str], os.stat_result]) -> FileStamp | None:
    """The stamp of ``path`` as ``status`` sees it (None when it is gone: deleted while
    scanning, which the next scan sees)."""
    try:
        info = status(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ctime_ns, info.st_ino)


def _followed(watched: Watched, folder: str) -> bool:
    """Whether the scan goes into ``folder``: a link to a folder is gone into as the build
    reads through it, the content's only where it leads inside the content (into a draft
    folder, ``_shared/``, too: the build reads its articles under the link's name)."""
    if watched.through_links or not os.path.islink(folder):
        return True
    inside = os.path.join(os.path.realpath(watched.root), "")
    return os.path.join(os.path.realpath(folder), "").startswith(inside)


# --- serving -------------------------------------------------------------------------------

RELOAD_JS = """\
(function () {
  "use strict";
  var shown = new URL(document.currentScript.src).searchParams.get("g");
  var asking = false;
  var timer = 0;
  function ask() {
    if (asking) { return; }
    asking = true;
    clearTimeout(timer);
    fetch("/__concordance/events", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        asking = false;
        if (String(d.generation) !== shown) { location.reload(); } else { later(500); }
      })
      .catch(function () { asking = false; later(1000); });
  }
  function later(ms) { timer = setTimeout(ask, ms); }
  // A background tab's timers are slowed down: one brought to the front asks at once.
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { ask(); }
  });
  ask();
})();
"""


def reload_tag(generation: int) -> bytes:
    return f'<script src="{LIVE_PREFIX}reload.js?g={generation}"></script>'.encode()


def inject_reload(page: bytes, generation: int) -> bytes:
    """The reload script, just before ``</body>`` (or at the end)."""
    tag = reload_tag(generation)
    at = page.rfind(b"</body>")
    return page + tag if at < 0 else page[:at] + tag + page[at:]


def error_page(state: BuildState) -> bytes:
    """The diagnostics of a failed build, as a page that reloads once they are fixed. Their
    text is written as the terminal writes it (``one_line``): a right-to-left override in a
    file's name turned around the rest of its diagnostic there too (``…-\u202egnp.exe.md``
    read ``md.exe.png``), as no element of the page ends it."""
    items = "".join(
        f"<li class={d.severity.value}><code>{_shown(d.span.path)}:{d.span.line}:"
        f"{d.span.col}</code> <strong>{d.severity.value}</strong>: {_shown(d.message)} "
        f"<code>[{html.escape(d.code)}]</code>"
        + (f"<br><small>hint: {_shown(d.hint)}</small>" if d.hint else "")
        + "</li>"
        for d in sorted(state.errors, key=lambda d: d.severity.value != "error")
    )
    failure = f"<p><code>{_shown(state.failure)}</code></p>" if state.failure else ""
    style = (
        "body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;"
        "padding:0 1rem}li{margin:.6rem 0}li.error strong{color:#b00020}"
        "li.warning strong{color:#8a5a00}code{font-size:.9em}"
    )
    body = (
        f"<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>Build failed - Concordance preview</title><style>{style}</style></head>"
        f"<body><h1>The site could not be built</h1>"
        f"<p>Fix these problems and save: this page reloads by itself.</p>{failure}"
        f"<ul id=diagnostics>{items}</ul></body></html>"
    )
    # A file's name that is not UTF-8 reaches here as lone surrogates: written as escapes
    # (``\udce9``), as the terminal writes them, not an error that leaves the page unsent.
    return inject_reload(body.encode("utf-8", "backslashreplace"), state.generation)


def _shown(text: str) -> str:
    return html.escape(one_line(text))


class _Handler(BaseHTTPRequestHandler):
    server: _LiveServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the terminal shows builds and their problems only."""

    def end_headers(self) -> None:
        """An HTTP/1.0 client that asked to keep the connection (``Connection: keep-alive``)
        is told it is kept, as HTTP/1.0's keep-alive has it and other servers do: the server
        kept it open without a word, and a client that, not told, reads the answer to the
        connection's end (as HTTP/1.0 without keep-alive does) would wait for an end that
        never comes."""
        if self.request_version == "HTTP/1.0" and not self.close_connection:
            self.send_header("Connection", "keep-alive")
        super().end_headers()

    def handle_one_request(self) -> None:
        """Wait at most ``IDLE_SECONDS`` for a request, then answer it without a limit."""
        self.connection.settimeout(IDLE_SECONDS)
        super().handle_one_request()

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _respond(self, head: bool) -> None:
        self.connection.settimeout(None)  # the request is read: its answer may take long
        listening = str(self.server.server_address[0])
        if not host_allowed(self.headers.get("Host"), listening):
            message = b"this preview answers only to its own address (localhost or an IP)\n"
            self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", message, head)
            return
        base_path = self.server.live.current().base_path
        base = unquote(base_path)  # as the request's path is read: /my%20site/ is /my site/
        spelled = request_target(self.path)[0]
        path = unquote(spelled)
        if path.startswith(LIVE_PREFIX):
            self._live(path[len(LIVE_PREFIX) :], head)
        elif path.startswith(base):
            self._site(path[len(base) :], spelled, head)
        elif base.startswith(path.rstrip("/") + "/"):
            self._redirect(base_path)
        else:
            self._not_found(head, path)

    def _live(self, name: str, head: bool) -> None:
        if name == "reload.js":
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", RELOAD_JS.encode(), head)
        elif name == "events":
            state = self.server.live.current()
            payload = json.dumps({"generation": state.generation, "failed": state.failed})
            self._send(HTTPStatus.OK, "application/json", payload.encode(), head)
        else:
            self._not_found(head, LIVE_PREFIX + name)

    def _site(self, relative: str, spelled: str, head: bool) -> None:
        """The built file at ``relative`` (the part of the request's path, ``spelled`` as
        the request does, that follows the base path)."""
        live = self.server.live
        state = live.current()
        file = _site_file(live.out, relative)
        if state.failed and _wants_html(relative, file):
            self._failed(state, head)
        elif file is not None and file.is_dir():
            self._redirect(spelled + "/")
        elif file is not None and file.is_file():
            self._file(file, HTTPStatus.OK, state.generation, head)
        else:
            self._not_found(head, relative)

    def _file(self, file: Path, status: HTTPStatus, generation: int, head: bool) -> None:
        """A built file: a page read whole, with the reload script added; any other file sent
        in pieces from the file opened once, so a linked video of gigabytes is never held in
        memory, and a rebuild that replaces it meanwhile leaves the copy being sent as it was
        (the build writes every file anew, never through an existing one)."""
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in (
            "application/javascript",
            "application/json",
            "application/xml",
            "image/svg+xml",
        ):
            kind += "; charset=utf-8"
        # Not through a link: ``index.html`` is added to a folder's path after its links
        # were resolved (``_site_file``).
        fd = open_regular(file, follow=False)
        if fd is None:  # gone, or made a link or a pipe, since it was looked at
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", head)
            return
        with os.fdopen(fd, "rb") as handle:
            if kind.startswith("text/html"):
                self._send(status, kind, inject_reload(handle.read(), generation), head)
            else:
                self._stream(handle, status, kind, head)

    def _stream(self, handle: BinaryIO, status: HTTPStatus, kind: str, head: bool) -> None:
        """The file's bytes, or the one range of them a ``Range`` header asks for (a browser
        seeking in a video or a PDF): 206, or 416 when it starts past the end."""
        size = os.fstat(handle.fileno()).st_size
        wanted = None if self.headers.get("If-Range") else self.headers.get("Range")
        span = byte_range(wanted, size) if status == HTTPStatus.OK and wanted else None
        if span == "unsatisfiable":
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            return
        start, end = span if isinstance(span, tuple) else (0, size)
        self.send_response(HTTPStatus.PARTIAL_CONTENT if isinstance(span, tuple) else status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(end - start))
        if isinstance(span, tuple):
            self.send_header("Content-Range", f"bytes {start}-{end - 1}/{size}")
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if head or start == end:
            return
        self.wfile.flush()
        sent = self.connection.sendfile(handle, start, end - start)
        if sent < end - start:  # shortened since it was measured: end the body by closing
            self.close_connection = True

    def _failed(self, state: BuildState, head: bool) -> None:
        self._send(
            HTTPStatus.INTERNAL_SERVER_ERROR, "text/html; charset=utf-8", error_page(state), head
        )

    def _not_found(self, head: bool, path: str) -> None:
        """The site's page not found, or, while the build fails, the diagnostics for a page
        asked for outside the base path too, as under it: such a page got a plain-text 'not
        found' while no build had succeeded yet, and after one the last good build's page
        not found, which did not tell that the build failed."""
        live = self.server.live
        state = live.current()
        page = live.out / "404.html"
        if state.failed and _wants_html(path, None):
            self._failed(state, head)
        elif page.is_file():
            self._file(page, HTTPStatus.NOT_FOUND, state.generation, head)
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", head)

    def _redirect(self, path: str) -> None:
        """A redirect to ``path`` that keeps the request's query, as static hosts do: a search
        linked as ``search?q=x`` is the page ``search/?q=x``, not an empty search."""
        query = request_target(self.path)[1]
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location(path, query))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: HTTPStatus, kind: str, data: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(data)


def host_allowed(header: str | None, listening: str) -> bool:
    """Whether a request naming the host ``header`` may be answered by a server listening
    on the address ``listening``. One listening on this machine alone answers only to
    ``localhost`` (``*.localhost`` too) and to addresses: a page of another site can make
    its own name lead here (DNS rebinding) and then read the preview, the local paths of its
    diagnostics with it, as its own. One listening on the network (``--host 0.0.0.0``) is
    reached by whatever name the network gives the machine, and was opened to it."""
    if not _loopback(listening):
        return True
    if header is None:  # HTTP/1.0 without one: no name, so none rebound
        return True
    name = _HOST_AND_PORT.fullmatch(header.strip())
    if name is None:
        return False
    host = (name["bracketed"] or name["plain"]).lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return True


def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:  # a name: the socket reports addresses, but nothing is assumed
        return False


_HOST_AND_PORT = re.compile(
    r"(?:\[(?P<bracketed>[0-9A-Fa-f:.%\w-]+)\]|(?P<plain>[^:\[\]]+))(?::\d*)?"
)
"""A ``Host`` header: a name or IPv4 address, or an IPv6 address in brackets, then a port."""


def request_target(target: str) -> tuple[str, str]:
    """The path and the query of a request's target, the slashes its path begins with made
    one: ``GET //host/page`` asks for ``/host/page`` (as ``http.server`` reads it since
    Python 3.11.4), not for ``/page`` on the host ``host``, as ``urlsplit`` reads it. Of an
    absolute URL (``GET http://host/page``, as a proxy asks), what follows its host, which
    is not read: ``urlsplit`` raised for ``http://[::1/``, a traceback in the terminal."""
    if (absolute := _SCHEME_AND_HOST.match(target)) is not None:
        target = target[absolute.end() :]
    path, _, query = target.partition("#")[0].partition("?")
    return "/" + path.lstrip("/"), query


_SCHEME_AND_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")


LOCATION_SAFE = "/%!$&'()*+,;=:@~"
r"""What a ``Location`` keeps as it is: the characters of a URL's path and query but ``\``."""


def location(path: str, query: str = "") -> str:
    r"""A redirect's ``Location``: ``path`` (and ``query``) as a path on this server, whatever
    the request spelled. A browser reads ``//host/`` as another host, and ``/\host/`` too (a
    backslash is a slash in an http URL), and drops a tab or line break anywhere in it: so a
    backslash, a control character, a space and a letter outside ASCII are written as
    escapes (``%5C``), and the slashes the path begins with as one. The text is as the
    request line spells it (a byte a character, as ``http.server`` reads it)."""
    shown = "/" + quote(path, safe=LOCATION_SAFE, encoding="latin-1").lstrip("/")
    return (
        shown + "?" + quote(query, safe=LOCATION_SAFE + "?", encoding="latin-1") if query else shown
    )


def _site_file(out: Path, relative: str) -> Path | None:
    """The built file a URL path names, or None when it would leave the output directory or
    can name no file: a NUL byte (``%00``), a name longer than the file system allows, a
    file's name with a folder's ``/`` after it (``style.css/``, which GitHub Pages does not
    serve: a link that works in the preview would not on the site)."""
    root = out.resolve()
    try:
        target = (root / relative.lstrip("/")).resolve()
        if target != root and root not in target.parents:
            return None
        if relative.endswith("/") and target != root and not target.is_dir():
            return None
        if target == root or (target.is_dir() and relative.endswith("/")):
            target = target / "index.html"
    except (OSError, ValueError):
        return None
    return target


def byte_range(header: str, size: int) -> tuple[int, int] | Literal["unsatisfiable"] | None:
    """The bytes ``start`` to ``end`` (excluded) of a file of ``size`` bytes that a ``Range``
    header asks for: one range, ``bytes=a-b``, ``bytes=a-`` or ``bytes=-n`` (the last n).
    None for any other header (several ranges, numbers of more than 18 digits), which is
    answered with the whole file, as RFC 9110 allows; ``"unsatisfiable"`` when the range
    starts past the end (or asks for the last 0 bytes)."""
    found = re.fullmatch(r"bytes=([0-9]{0,18})-([0-9]{0,18})", header.strip())
    if found is None or found.group(1) == found.group(2) == "":
        return None
    first, last = found.groups()
    if first == "":  # a suffix: the last n bytes
        count = int(last)
        return (max(size - count, 0), size) if count else "unsatisfiable"
    start = int(first)
    if last and int(last) < start:
        return None
    if start >= size:
        return "unsatisfiable"
    return start, min(int(last) + 1, size) if last else size


def _wants_html(relative: str, file: Path | None) -> bool:
    """A page (not an asset) is asked for: the error page replaces it."""
    name = relative.rsplit("/", 1)[-1]
    return (
        name == ""
        or name.endswith(".html")
        or "." not in name
        or (file is not None and file.suffix == ".html")
    )
