"""Shared session fixtures: the real spaCy model, the seed articles, real FalkorDB servers."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once per test session."""
    from graphbuild.extract import load_model

    return load_model()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def unprivileged() -> list[str]:
    """A command prefix under which file permission bits apply (root ignores them), so a
    test can make a file unreadable; skips when running as root without ``setpriv``."""
    import os
    import shutil

    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot make a file unreadable")
    drop = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}"]


# --- A real FalkorDB server (store owner) -------------------------------------------------
# The embedded store (unix socket, append-only file) in a temp dir, as users run it, stopped
# at the end of the session. Tests get isolation from a fresh graph name each
# (``new_settings``).


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory):
    """A real embedded FalkorDB server (socket only) in a temp data dir."""
    from graphbuild.store import server

    data_dir = tmp_path_factory.mktemp("store")
    state = server.start(data_dir)
    try:
        yield state
    finally:
        server.stop(data_dir)


@pytest.fixture
def new_settings(falkordb_server, request):
    """Settings for a fresh graph on the session embedded server (one graph per test)."""
    import re
    import uuid

    from graphbuild.config import Settings

    name = re.sub(r"\W+", "_", request.node.name)[:40]
    return Settings(data_dir=falkordb_server.data_dir, database=f"t_{name}_{uuid.uuid4().hex[:8]}")


# --- A real Neo4j 5 server (marker `neo4j`) ---------------------------------------------
# tests/neo4j/server builds a small Maven project (Neo4j's embedded API, artifacts from Maven
# Central; cached) and starts Neo4j 5 community on a free loopback port with a random
# password; the session fixture stops it at the end. Without java and mvn the Neo4j tests
# skip with that reason, but under CI=true a missing or failed Neo4j fails them. Neo4j
# community has one database: the `store` fixture empties it around each test, and the
# explore fixtures once per module. GRAPHBUILD_TEST_NEO4J_URI (+ NEO4J_USER,
# NEO4J_PASSWORD, NEO4J_DATABASE) points the tests at a throwaway Neo4j of your own.

NEO4J_LAUNCHER = ROOT / "tests" / "neo4j" / "server"
NEO4J_LAUNCH_TIMEOUT = 1600  # s: past the launcher's own limits (build 1200, start 300)


def _neo4j_missing(reason: str):
    """Skip the Neo4j tests for ``reason``; fail them under CI, which must run them."""
    import os

    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and no Neo4j for the neo4j tests: {reason}", pytrace=False)
    pytest.skip(reason)


def _launcher(*args: str, timeout: float):
    import subprocess

    return subprocess.run(
        [str(NEO4J_LAUNCHER), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def neo4j_env(tmp_path_factory):
    """The variables of a real Neo4j 5 server (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,
    NEO4J_BROWSER) started by tests/neo4j/server in a temp dir and stopped at the end of
    the session; or those of the server GRAPHBUILD_TEST_NEO4J_URI names."""
    import os
    import shlex
    import shutil
    import subprocess

    uri = os.environ.get("GRAPHBUILD_TEST_NEO4J_URI")
    if uri:
        names = ("NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "NEO4J_BROWSER")
        yield {"NEO4J_URI": uri, **{n: os.environ[n] for n in names if n in os.environ}}
        return
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        _neo4j_missing(
            f"no {' or '.join(missing)} on PATH: the Neo4j tests start Neo4j with "
            f"tests/neo4j/server (Java 17+, Maven), or set GRAPHBUILD_TEST_NEO4J_URI"
        )
    data_dir = tmp_path_factory.mktemp("neo4j")
    args = ("start", str(data_dir), "--owner", str(os.getpid()))
    try:
        try:
            started = _launcher(*args, timeout=NEO4J_LAUNCH_TIMEOUT)
        except subprocess.TimeoutExpired:
            _neo4j_missing(
                f"tests/neo4j/server start did not finish in {NEO4J_LAUNCH_TIMEOUT} s "
                f"(Maven build and Neo4j start); see {data_dir}"
            )
        if started.returncode != 0:
            _neo4j_missing(f"tests/neo4j/server start failed: {started.stderr.strip()}")
        env = {}
        for line in (data_dir / "env").read_text().splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            env[name] = shlex.split(value)[0]
        yield env
    finally:
        pid_file = data_dir / "neo4j.pid"
        pid = int(pid_file.read_text()) if pid_file.is_file() else None
        stopped = _launcher("stop", str(data_dir), timeout=120)
        if pid is not None and pid_alive(pid):
            raise RuntimeError(f"Neo4j (pid {pid}) still runs after stop: {stopped.stderr}")


@pytest.fixture(scope="session")
def neo4j_server(neo4j_env):
    """Settings for the session's real Neo4j (its one database: empty it before use)."""
    from graphbuild.config import Settings

    return Settings(
        uri=neo4j_env["NEO4J_URI"],
        user=neo4j_env.get("NEO4J_USER", "neo4j"),
        password=neo4j_env.get("NEO4J_PASSWORD"),
        database=neo4j_env.get("NEO4J_DATABASE"),
    )


@pytest.fixture(scope="session")
def neo4j_browser(neo4j_env) -> str:
    """The address of Neo4j Browser, served by the session's Neo4j."""
    if "NEO4J_BROWSER" not in neo4j_env:
        pytest.skip("set NEO4J_BROWSER to the Browser of the GRAPHBUILD_TEST_NEO4J_URI server")
    return neo4j_env["NEO4J_BROWSER"]


def pid_alive(pid: int) -> bool:
    """Running, and not a zombie left for a parent that never reaps it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture(params=["falkordb-socket", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, new_settings):
    """An empty graph behind each transport: the embedded store over its socket, and the
    session's real Neo4j (its one database emptied before and after)."""
    from graphbuild.store import open_store

    if request.param == "falkordb-socket":
        settings = new_settings
    else:
        settings = request.getfixturevalue("neo4j_server")
    with open_store(settings) as opened:
        opened.settings = settings
        opened.run("MATCH (n) DETACH DELETE n")
        yield opened
        opened.run("MATCH (n) DETACH DELETE n")


# --- A graph loaded with the seeds (explore owner) -----------------------------------------
# The real pipeline (extract, resolve, load) over seeds/ into one graph, for the query
# library, viz and export tests: on the session embedded server, and on the session's real
# Neo4j. Module-scoped because the `store` fixture empties Neo4j around each of its tests;
# modules run one after the other, so each reloads once.


@pytest.fixture(scope="module", params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def explore_settings(request, falkordb_server, seeds_dir):
    """Settings naming a graph that holds the seeds, loaded by ``pipeline.run``."""
    from graphbuild.config import Settings
    from graphbuild.pipeline import run
    from graphbuild.store import open_store

    if request.param == "falkordb":
        settings = Settings(data_dir=falkordb_server.data_dir, database="explore_seeds")
    else:
        settings = request.getfixturevalue("neo4j_server")
    with open_store(settings) as opened:
        opened.run("MATCH (n) DETACH DELETE n")
        run([str(seeds_dir)], settings, opened)
    return settings


@pytest.fixture(scope="module")
def explore_store(explore_settings):
    """An open store on the seeded graph (read it back with Cypher)."""
    from graphbuild.store import open_store

    with open_store(explore_settings) as opened:
        yield opened


@pytest.fixture(scope="session")
def explore_params():
    """The example parameters of a .cypher file's `// params:` line, parsed like --param."""
    import re

    from graphbuild.render import parse_params

    def params(path: Path) -> dict:
        line = re.search(r"^// params:(.*)$", path.read_text(encoding="utf-8"), re.M)
        assert line is not None, f"{path.name} has no `// params:` line"
        pairs = [p.strip() for p in line.group(1).split(";") if "=" in p]
        return parse_params(pairs)

    return params
