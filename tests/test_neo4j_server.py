"""The Neo4j launcher (tests/neo4j/server) as a user and the fixtures run it: `start` leaves
a server that answers with the password in DIR/env, a second `start` finds it, and a
server whose owner process ended stops by itself, leaving no JVM. (`stop` is checked by
the session fixture's teardown, which fails if the JVM survives it.) Starts its own
server next to the session's."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from pathlib import Path

import pytest
from conftest import pid_alive as alive

from graphbuild.config import Settings
from graphbuild.store import open_store

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = ROOT / "tests" / "neo4j" / "server"


def launcher(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LAUNCHER), *args], capture_output=True, text=True, timeout=900, check=False
    )


def sourced_env(path: Path) -> dict[str, str]:
    """DIR/env as a shell sees it after `. DIR/env`."""
    script = f". {shlex.quote(str(path))} && env -0"
    clean = {"PATH": os.defpath}
    out = subprocess.run(["sh", "-c", script], capture_output=True, check=True, env=clean).stdout
    return dict(item.split("=", 1) for item in out.decode().split("\0") if "=" in item)


@pytest.mark.neo4j
@pytest.mark.slow
def test_start_reuse_and_an_ended_owner_stops_it(neo4j_server, tmp_path: Path) -> None:
    # neo4j_server: the launcher can build and start Neo4j here (else skipped or failed).
    data_dir = tmp_path / "own"
    owner = subprocess.Popen(["sleep", "3600"])
    try:
        started = launcher("start", str(data_dir), "--owner", str(owner.pid))
        assert started.returncode == 0, started.stderr
        env = sourced_env(data_dir / "env")
        assert started.stdout.strip() == env["NEO4J_URI"]
        assert env["NEO4J_URI"].startswith("bolt://127.0.0.1:") and env["NEO4J_USER"] == "neo4j"
        assert len(env["NEO4J_PASSWORD"]) >= 20
        assert (data_dir / "env").stat().st_mode & 0o077 == 0
        pid = int((data_dir / "neo4j.pid").read_text())
        assert alive(pid)
        settings = Settings(uri=env["NEO4J_URI"], password=env["NEO4J_PASSWORD"])
        with open_store(settings) as store:
            assert store.run("RETURN 1 AS one") == [{"one": 1}]

        # Starting again finds it running: same server, same URI.
        again = launcher("start", str(data_dir))
        assert again.returncode == 0 and again.stdout == started.stdout
        assert int((data_dir / "neo4j.pid").read_text()) == pid

        # Its owner (the test session, for the fixture) ends: the JVM stops by itself.
        owner.kill()
        owner.wait()
        deadline = time.monotonic() + 90
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not alive(pid), "the JVM outlived its owner by 90 s"
        stopped = launcher("stop", str(data_dir))
        assert stopped.returncode == 0 and "not running" in stopped.stderr
        assert not (data_dir / "env").exists() and not (data_dir / "neo4j.pid").exists()
    finally:
        owner.kill()
        owner.wait()
        launcher("stop", str(data_dir))
    assert jvms_of(data_dir) == []


def jvms_of(data_dir: Path) -> list[int]:
    """Pids of live processes whose command line names ``data_dir``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(data_dir).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue  # ended meanwhile
    return [pid for pid in found if alive(pid)]


def test_docker_compose_and_readme_name_the_tested_neo4j_version() -> None:
    import re

    pom = (ROOT / "tests" / "neo4j" / "pom.xml").read_text()
    version = re.search(r"<neo4j\.version>([\d.]+)</neo4j\.version>", pom).group(1)
    assert version.startswith("5.26.")  # Neo4j 5 LTS
    compose = (ROOT / "docker-compose.yml").read_text()
    assert re.findall(r"^\s+image: (\S+)$", compose, re.M) == [f"neo4j:{version}-community"]
    using = (ROOT / "README.md").read_text().split("## Using Neo4j", 1)[1].split("\n## ", 1)[0]
    assert f"Neo4j {version} community" in using
