"""Where an unexpected internal error goes: its traceback into a log file, one line to the user.

A ``GraphbuildError`` is something the user can fix and is printed as it is. Anything else
is a defect in graphbuild or a library under it; the user gets one line naming the log
file that holds the traceback (``graphbuild --debug ...`` prints it instead), so a report
can carry it. Files go to ``$GRAPHBUILD_LOG_DIR``, else ``$XDG_STATE_HOME/graphbuild``,
else ``~/.local/state/graphbuild``; the temp dir when none of those can be written.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path


def log_dir() -> Path:
    """The folder for internal-error logs (see the module docstring). Pure."""
    if os.environ.get("GRAPHBUILD_LOG_DIR"):
        return Path(os.environ["GRAPHBUILD_LOG_DIR"])
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "graphbuild"


def write(exc: BaseException) -> Path:
    """Write ``exc``'s traceback, the command line and versions to a new log file and
    return its path. Never raises: falls back to the temp dir, then to stderr's path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = f"error-{stamp}-{os.getpid()}.log"
    text = (
        f"graphbuild internal error at {time.strftime('%Y-%m-%d %H:%M:%S')}\n"
        f"command: {' '.join(sys.argv)}\n"
        f"python: {sys.version.split()[0]} on {sys.platform}\n"
        f"graphbuild: {_version()}\n\n"
        + "".join(traceback.format_exception(exc))
    )
    for folder in (log_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return Path("<stderr>")  # pragma: no cover - nowhere writable


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("graphbuild")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a checkout
        return "unknown"
