"""`--help` as a user reads it, `--version`, and `eval --help`'s example run from a clone."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [
    [],
    ["extract"],
    ["load"],
    ["query"],
    ["eval"],
    ["actors"],
    ["viz"],
    ["export"],
    ["store"],
    ["store", "start"],
    ["store", "stop"],
    ["store", "status"],
]


def graphbuild(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "80"}
    env.pop("GRAPHBUILD_CONFIG", None)
    return subprocess.run(
        [sys.executable, "-m", "graphbuild", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "graphbuild")
def test_help_has_no_internal_type_names(command: list[str]) -> None:
    done = graphbuild(*command, "--help")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert not re.search(r"<(bool|str|int|float|path|list\[str\])", text), text
    assert "{" not in text.split("\n", 1)[0], text  # usage line: PATHS..., not {paths}...
    assert "╭" not in text  # plain text, no boxes
    assert max(len(line) for line in text.splitlines()) <= 100


def test_help_shows_defaults() -> None:
    text = graphbuild("load", "--help").stdout
    for shown in ("--batch-size BATCH_SIZE", "[default: 1000]", "[default: ./graphbuild-"):
        assert shown in text, text
    assert "Usage: graphbuild load [OPTIONS] PATHS..." in text
    assert "-f, --format [table|json|csv]" in graphbuild("query", "--help").stdout


def test_version() -> None:
    from graphbuild import __version__

    done = graphbuild("--version")
    assert (done.returncode, done.stdout) == (0, f"graphbuild {__version__}\n")


@pytest.mark.slow
def test_eval_help_example_runs_from_a_clone(tmp_path: Path) -> None:
    text = graphbuild("eval", "--help").stdout
    block = text[text.index("Example") :].split("\n\n")[0]
    lines = block.replace("\\\n", " ").splitlines()[1:]
    commands = [line.split() for line in lines if line.strip().startswith("graphbuild ")]
    assert [c[1] for c in commands] == ["extract", "eval"]
    for name in ("seeds", "bench"):  # a clone's layout, outputs in a temp folder
        (tmp_path / name).symlink_to(ROOT / name)
    for command in commands:
        done = graphbuild(*command[1:], cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    assert "precision" in done.stdout.lower()
