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


# --- Real FalkorDB servers (store owner) -------------------------------------------------
# Two session servers in temp dirs, stopped at the end of the session:
#   falkordb_server       the embedded store (unix socket, append-only file), as users run it
#   falkordb_bolt_server  a second one with FalkorDB's Bolt listener on a free port, for the
#                         Bolt transport (append-only off: FalkorDB aborts on Bolt writes
#                         with it on)
# Tests get isolation from a fresh graph name each (``new_settings``); FalkorDB's Bolt
# ignores the database name, so Bolt tests run one at a time on a graph emptied first.


def _free_port() -> int:
    """A free loopback port below 32768 (FalkorDB's Bolt port is a signed 16-bit number,
    and the kernel hands out ephemeral ports above it)."""
    import random
    import socket

    for port in random.sample(range(20000, 32768), 200):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port between 20000 and 32767")


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


@pytest.fixture(scope="session")
def falkordb_bolt_server(tmp_path_factory):
    """A real FalkorDB server with its Bolt listener on a free loopback port."""
    from graphbuild.store import server

    data_dir = tmp_path_factory.mktemp("bolt-store")
    port = _free_port()
    state = server.start(data_dir, bolt_port=port, persist=False)
    try:
        yield state
    finally:
        server.stop(data_dir)


@pytest.fixture(scope="session")
def falkordb_bolt_store(falkordb_bolt_server):
    """One Bolt connection for the session: FalkorDB's Bolt listener can hang the
    handshake of a connection opened after another one closed."""
    from graphbuild.config import Settings
    from graphbuild.store import open_store

    settings = Settings(uri=f"bolt://127.0.0.1:{falkordb_bolt_server.bolt_port}")
    with open_store(settings) as opened:
        opened.settings = settings
        yield opened


@pytest.fixture
def new_settings(falkordb_server, request):
    """Settings for a fresh graph on the session embedded server (one graph per test)."""
    import re
    import uuid

    from graphbuild.config import Settings

    name = re.sub(r"\W+", "_", request.node.name)[:40]
    return Settings(data_dir=falkordb_server.data_dir, database=f"t_{name}_{uuid.uuid4().hex[:8]}")


def _neo4j_settings():
    import os

    from graphbuild.config import Settings

    uri = os.environ.get("GRAPHBUILD_TEST_NEO4J_URI")
    if not uri:
        pytest.skip("set GRAPHBUILD_TEST_NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD) to run on Neo4j")
    return Settings(
        uri=uri,
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD"),
        database=os.environ.get("NEO4J_DATABASE"),
    )


@pytest.fixture(params=["falkordb-socket", "falkordb-bolt", "neo4j"])
def store(request, new_settings):
    """An empty graph behind each transport: the embedded store over its socket, FalkorDB
    over Bolt, and a real Neo4j when GRAPHBUILD_TEST_NEO4J_URI is set (its database is
    emptied before and after each test: point it at a throwaway server)."""
    from contextlib import nullcontext

    from graphbuild.store import open_store

    if request.param == "falkordb-bolt":
        opening = nullcontext(request.getfixturevalue("falkordb_bolt_store"))
    else:
        settings = new_settings if request.param == "falkordb-socket" else _neo4j_settings()
        opening = open_store(settings)
    with opening as opened:
        if request.param != "falkordb-bolt":
            opened.settings = settings
        opened.run("MATCH (n) DETACH DELETE n")
        yield opened
        opened.run("MATCH (n) DETACH DELETE n")


# --- A graph loaded with the seeds (explore owner) -----------------------------------------
# The real pipeline (extract, resolve, load) over seeds/ into one graph, for the query
# library, viz and export tests: on the session embedded server, and on a real Neo4j when
# GRAPHBUILD_TEST_NEO4J_URI is set. Module-scoped because the `store` fixture empties Neo4j
# around each of its tests; modules run one after the other, so each reloads once.


@pytest.fixture(scope="module", params=["falkordb", "neo4j"])
def explore_settings(request, falkordb_server, seeds_dir):
    """Settings naming a graph that holds the seeds, loaded by ``pipeline.run``."""
    from graphbuild.config import Settings
    from graphbuild.pipeline import run
    from graphbuild.store import open_store

    if request.param == "falkordb":
        settings = Settings(data_dir=falkordb_server.data_dir, database="explore_seeds")
    else:
        settings = _neo4j_settings()
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
