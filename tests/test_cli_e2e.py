"""End to end through the CLI, as a user runs it: seeds/ -> `graphbuild load` (twice) ->
`graphbuild query`, against the embedded store in a temp data dir, stopped afterwards, and
against a real Neo4j (`--uri`), which must end with the same graph."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COUNT = "MATCH (a:Actor)-[r]->(b:Actor) RETURN count(r) AS n"


def graphbuild(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    for name in ("NEO4J_URI", "GRAPHBUILD_DATA_DIR", "NEO4J_DATABASE", "GRAPHBUILD_CONFIG"):
        full_env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "graphbuild", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def query(
    cypher: str, data_dir: Path, cwd: Path, params: dict[str, str] | None = None
) -> list[dict]:
    flags = [flag for k, v in (params or {}).items() for flag in ("--param", f"{k}={v}")]
    done = graphbuild(
        "query", cypher, *flags, "--format", "json", "--data-dir", str(data_dir), cwd=cwd
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def data_dir(tmp_path: Path):
    path = tmp_path / "graph"
    yield path
    graphbuild("store", "stop", "--data-dir", str(path), cwd=tmp_path)


@pytest.mark.slow
def test_load_twice_then_query(seeds_dir: Path, data_dir: Path, tmp_path: Path) -> None:
    triples = tmp_path / "t.jsonl"
    done = graphbuild("extract", str(seeds_dir), "--out", str(triples), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in triples.read_text(encoding="utf-8").splitlines()]
    distinct = {(r["source"]["id"], r["relation"], r["target"]["id"], r["doc"]) for r in records}

    first = graphbuild("load", str(seeds_dir), "--data-dir", str(data_dir), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "graphbuild store stop" in first.stderr  # it started the store and says so
    n = query(COUNT, data_dir, tmp_path)[0]["n"]
    assert n == len(distinct) > 0
    totals = query(
        "MATCH (x) OPTIONAL MATCH (x)-[r]->() RETURN count(DISTINCT x) AS nodes, count(r) AS edges",
        data_dir,
        tmp_path,
    )

    second = graphbuild("load", str(seeds_dir), "--data-dir", str(data_dir), cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert query(COUNT, data_dir, tmp_path) == [{"n": n}]
    assert (
        query(
            "MATCH (x) OPTIONAL MATCH (x)-[r]->() RETURN count(DISTINCT x) AS nodes, "
            "count(r) AS edges",
            data_dir,
            tmp_path,
        )
        == totals
    )

    assert query("MATCH (d:Document) RETURN count(d) AS n", data_dir, tmp_path) == [{"n": 5}]
    edges = query(
        "MATCH (:Actor)-[r]->(:Actor) RETURN r.doc AS doc, r.sentences AS sentences",
        data_dir,
        tmp_path,
    )
    assert all(e["doc"] and e["sentences"] for e in edges)

    # A library query by name runs the same text as its file in cypher/.
    by_name, from_file = (
        query(name, data_dir, tmp_path, {"limit": "5"})
        for name in ("most_connected", str(ROOT / "cypher" / "most_connected.cypher"))
    )
    assert by_name == from_file != []
    unknown = graphbuild("query", "no_such_query", "--data-dir", str(data_dir), cwd=tmp_path)
    assert unknown.returncode == 1 and "most_connected" in unknown.stderr

    # The data outlives the server.
    stopped = graphbuild("store", "stop", "--data-dir", str(data_dir), cwd=tmp_path)
    assert "Stopped" in stopped.stderr
    assert query(COUNT, data_dir, tmp_path) == [{"n": n}]


def test_unreachable_bolt_server_is_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Nothing to see here.\n", encoding="utf-8")
    done = graphbuild(
        "load",
        "a.txt",
        "--uri",
        "bolt://127.0.0.1:9",
        cwd=tmp_path,
        env={"NEO4J_PASSWORD": "wrong"},
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "bolt://127.0.0.1:9" in lines[0] and "docker compose up -d" in lines[0]
    assert "Traceback" not in done.stderr and "wrong" not in done.stderr


def test_query_error_is_one_line_and_exit_1(data_dir: Path, tmp_path: Path) -> None:
    done = graphbuild("query", "MATCH (n RETURN n", "--data-dir", str(data_dir), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("Error:")
    assert "Traceback" not in done.stderr


def test_store_commands(data_dir: Path, tmp_path: Path) -> None:
    missing = graphbuild("store", "status", "--data-dir", str(data_dir), cwd=tmp_path)
    assert missing.returncode == 1 and "No embedded store" in missing.stderr
    started = graphbuild("store", "start", "--data-dir", str(data_dir), cwd=tmp_path)
    assert started.returncode == 0 and "Started" in started.stderr
    status = graphbuild("store", "status", "--data-dir", str(data_dir), cwd=tmp_path)
    assert "Running" in status.stderr and "Bolt" not in status.stderr
    stopped = graphbuild("store", "stop", "--data-dir", str(data_dir), cwd=tmp_path)
    assert stopped.returncode == 0 and "Stopped" in stopped.stderr
    after = graphbuild("store", "status", "--data-dir", str(data_dir), cwd=tmp_path)
    assert after.returncode == 0 and "not running" in after.stderr


def test_store_start_bolt_is_refused_with_the_reason(data_dir: Path, tmp_path: Path) -> None:
    done = graphbuild(
        "store", "start", "--bolt", "17687", "--data-dir", str(data_dir), cwd=tmp_path
    )
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert "--bolt was removed" in lines[0] and "another graph" in lines[0]
    assert not data_dir.exists()  # nothing started


def test_max_bytes_flag_skips_larger_articles(seeds_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sizes = {}
    for seed in sorted(seeds_dir.glob("*.txt"))[:2]:
        (corpus / seed.name).write_bytes(seed.read_bytes())
        sizes[seed.name] = seed.stat().st_size
    limit = min(sizes.values())  # the smaller article fits, the larger does not
    out = tmp_path / "triples.jsonl"
    done = graphbuild(
        "extract", str(corpus), "--out", str(out), "--max-bytes", str(limit), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    larger = max(sizes, key=sizes.get)
    assert larger in done.stderr and "larger than any article" in done.stderr
    docs = {json.loads(line)["doc"] for line in out.read_text().splitlines()}
    assert docs == {min(sizes, key=sizes.get)}


def neo4j_env(settings) -> dict[str, str]:
    return {"NEO4J_USER": settings.user, "NEO4J_PASSWORD": settings.password or ""}


@pytest.mark.neo4j
@pytest.mark.slow
def test_seeds_in_neo4j_equal_the_embedded_store(
    neo4j_server, seeds_dir: Path, data_dir: Path, tmp_path: Path
) -> None:
    from test_load_graph import snapshot

    from graphbuild.config import Settings
    from graphbuild.store import open_store

    with open_store(neo4j_server) as store:
        store.run("MATCH (n) DETACH DELETE n")
    embedded = graphbuild("load", str(seeds_dir), "--data-dir", str(data_dir), cwd=tmp_path)
    assert embedded.returncode == 0, embedded.stderr
    uri = neo4j_server.uri
    for _ in range(2):  # the second load changes nothing
        done = graphbuild(
            "load", str(seeds_dir), "--uri", uri, cwd=tmp_path, env=neo4j_env(neo4j_server)
        )
        assert done.returncode == 0, done.stderr
        assert neo4j_server.password not in done.stderr + done.stdout
        with open_store(neo4j_server) as store:
            in_neo4j = snapshot(store)
        with open_store(Settings(data_dir=data_dir)) as store:
            in_embedded = snapshot(store)
        # Actors (ids, names, kinds, labels, aliases, mentions), documents, every edge with
        # its type, direction, evidence, modality, date and rule, mentions, and the counts.
        assert in_neo4j == in_embedded
        assert in_neo4j["relations"] and in_neo4j["documents"]
    with open_store(neo4j_server) as store:
        store.run("MATCH (n) DETACH DELETE n")


@pytest.mark.neo4j
def test_neo4j_wrong_password_is_one_line_and_exit_1(neo4j_server, tmp_path: Path) -> None:
    wrong = "wrong-password-42"
    done = graphbuild(
        "query",
        "RETURN 1 AS one",
        "--uri",
        neo4j_server.uri,
        cwd=tmp_path,
        env={**neo4j_env(neo4j_server), "NEO4J_PASSWORD": wrong},
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "rejected the credentials" in lines[0], done.stderr
    assert "Traceback" not in done.stderr and wrong not in done.stderr
    right = graphbuild(
        "query",
        "RETURN 1 AS one",
        "--uri",
        neo4j_server.uri,
        "--format",
        "json",
        cwd=tmp_path,
        env=neo4j_env(neo4j_server),
    )
    assert right.returncode == 0 and json.loads(right.stdout) == [{"one": 1}], right.stderr
