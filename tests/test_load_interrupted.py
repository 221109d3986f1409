"""A load killed mid-way (SIGKILL, no cleanup) and rerun ends with exactly the graph of an
uninterrupted load: for a first load, and for the reload of edited documents; on the
embedded store and on a real Neo4j."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from synthetic import synthetic_build
from test_load_graph import snapshot

from graphbuild.store import open_store
from graphbuild.store.load import load

TESTS = Path(__file__).resolve().parent
CORPUS = {"documents": 400, "actors": 200, "claims_per_document": 6}
BATCH = 5  # small batches: many transactions, so the kill lands between two of them

CHILD = """
import json, os, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from synthetic import synthetic_build
from graphbuild.config import Settings
from graphbuild.store import open_store
from graphbuild.store.load import load
where = json.loads({where!r})
where["data_dir"] = Path(where["data_dir"])
settings = Settings(password=os.environ.get("NEO4J_PASSWORD"), **where)
with open_store(settings) as store:
    load(store, synthetic_build(version={version!r}, **{corpus!r}), batch_size={batch})
"""


def kill_mid_load(settings, version: str, written: str) -> None:
    """Run a load in another process and SIGKILL it once ``written`` (a count query) says
    some relationship batches of this version are committed."""
    where = {
        "data_dir": str(settings.data_dir),
        "uri": settings.uri,
        "user": settings.user,
        "database": settings.database,
    }
    code = CHILD.format(
        tests=str(TESTS),
        where=json.dumps(where),
        version=version,
        corpus=CORPUS,
        batch=BATCH,
    )
    env = {**os.environ, "PYTHONPATH": str(TESTS.parent)}
    if settings.password:
        env["NEO4J_PASSWORD"] = settings.password  # never on a command line
    child = subprocess.Popen([sys.executable, "-c", code], env=env)
    try:
        with open_store(settings) as store:
            deadline = time.monotonic() + 120
            while store.run(written)[0]["n"] == 0:
                assert child.poll() is None, "the load ended before it could be interrupted"
                assert time.monotonic() < deadline, "the load wrote nothing in 120 s"
                time.sleep(0.005)
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == -signal.SIGKILL


@pytest.fixture(params=["falkordb-socket", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def graphs(request, new_settings):
    """Settings of the graph a load is killed in, and of the one a clean load goes to: two
    graphs of the embedded store; on Neo4j (one database in community) the same database,
    emptied before the clean load."""
    if request.param == "falkordb-socket":
        yield new_settings, replace(new_settings, database=new_settings.database + "_clean")
        return
    settings = request.getfixturevalue("neo4j_server")
    with open_store(settings) as store:
        store.run("MATCH (n) DETACH DELETE n")
    yield settings, settings
    with open_store(settings) as store:
        store.run("MATCH (n) DETACH DELETE n")


def clean_load(settings, *builds) -> dict:
    """The snapshot of ``builds`` loaded one after the other into an emptied graph."""
    with open_store(settings) as store:
        store.run("MATCH (n) DETACH DELETE n")
        for build in builds:
            load(store, build, batch_size=500)
        clean = snapshot(store)
        store.run("MATCH (n) DETACH DELETE n")
    return clean


@pytest.mark.slow
def test_killed_first_load_then_rerun_equals_a_clean_load(graphs) -> None:
    new_settings, other_settings = graphs
    build = synthetic_build(version="v1", **CORPUS)
    kill_mid_load(
        new_settings, "v1", "MATCH (:Actor)-[r:MET_WITH|ALLIED_TO|OPPOSES]->() RETURN count(r) AS n"
    )
    with open_store(new_settings) as store:
        partial = snapshot(store)
        expected_relations = len(
            {(t.source.id, t.relation, t.target.id, t.doc) for t in build.triples}
        )
        assert 0 < len(partial["relations"]) < expected_relations
        assert all(d["sha256"] is None for d in partial["documents"])
        load(store, build, batch_size=BATCH * 50)
        rerun = snapshot(store)
    assert rerun == clean_load(other_settings, build)
    assert len(rerun["relations"]) == expected_relations


@pytest.mark.slow
def test_killed_reload_of_edited_documents_then_rerun_equals_a_clean_load(graphs) -> None:
    new_settings, other_settings = graphs
    original = synthetic_build(version="v1", **CORPUS)
    edited = synthetic_build(version="v2", **CORPUS)
    with open_store(new_settings) as store:
        load(store, original, batch_size=500)
    kill_mid_load(
        new_settings,
        "v2",
        "MATCH (:Actor)-[r:MET_WITH|ALLIED_TO|OPPOSES]->() WHERE r.sentences[0] STARTS WITH 'v2 '"
        " RETURN count(r) AS n",
    )
    with open_store(new_settings) as store:
        partial = snapshot(store)
        assert any(r["sentences"][0].startswith("v2 ") for r in partial["relations"])
        load(store, edited, batch_size=500)
        rerun = snapshot(store)
    assert rerun == clean_load(other_settings, original, edited)
    assert all(s.startswith("v2 ") for r in rerun["relations"] for s in r["sentences"])
