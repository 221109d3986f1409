"""The embedded FalkorDB server: start, reuse, stop, persistence, stale pid files, long
paths, and a clear error when it cannot start. Each test starts its own server in a temp
dir and stops it."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from graphbuild.config import Settings
from graphbuild.errors import StoreUnavailableError
from graphbuild.store import open_store, server


@pytest.fixture
def data_dir(tmp_path: Path):
    path = tmp_path / "data"
    yield path
    server.stop(path)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_start_reuse_and_stop(data_dir: Path) -> None:
    first = server.start(data_dir)
    assert first.running and first.started
    assert mode(data_dir) == 0o700
    assert first.socket.parent == data_dir.resolve()
    assert stat.S_ISSOCK(first.socket.stat().st_mode)
    assert "BOLT_PORT" not in (data_dir / server.CONF).read_text()  # no TCP port at all

    again = server.start(data_dir)
    assert again.running and not again.started
    assert again.pid == first.pid
    assert server.status(data_dir).pid == first.pid

    assert "Stopped" in server.stop(data_dir)
    assert not server.status(data_dir).running
    assert not first.socket.exists()
    assert "not running" in server.stop(data_dir)


def test_data_survives_a_restart(data_dir: Path) -> None:
    settings = Settings(data_dir=data_dir, database="persist")
    with open_store(settings) as store:
        store.run("UNWIND range(1, 50) AS i CREATE (:Thing {n: i, name: 'x' + toString(i)})")
    server.stop(data_dir)
    assert (data_dir / "appendonlydir").is_dir()
    with open_store(settings) as store:
        rows = store.run("MATCH (t:Thing) RETURN count(t) AS n, sum(t.n) AS total")
    assert rows == [{"n": 50, "total": 1275}]


def test_stale_pid_file_and_socket_are_replaced(data_dir: Path) -> None:
    server.start(data_dir)
    server.stop(data_dir)
    dead = subprocess.Popen(["true"])
    dead.wait()
    (data_dir / "falkordb.pid").write_text(f"{dead.pid}\n")
    server.socket_path(data_dir).touch()  # a socket file left by a crash
    assert not server.status(data_dir).running

    state = server.start(data_dir)
    assert state.started and state.pid != dead.pid
    assert server.status(data_dir).running


def test_pid_of_another_program_is_not_taken_for_the_server(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "falkordb.pid").write_text(f"{os.getpid()}\n")  # alive, but not redis
    assert not server.status(data_dir).running
    state = server.start(data_dir)
    assert state.started and state.pid != os.getpid()


def test_long_data_dir_gets_a_short_private_socket(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 5, "data")
    assert len(os.fsencode(deep / "falkordb.sock")) > 107
    try:
        state = server.start(deep)
        assert len(os.fsencode(state.socket)) <= 107
        assert mode(state.socket.parent) == 0o700
        with open_store(Settings(data_dir=deep)) as store:
            assert store.run("RETURN 1 AS one") == [{"one": 1}]
    finally:
        server.stop(deep)
    assert not server.socket_path(deep).exists()


def test_a_server_that_cannot_start_names_its_log(data_dir: Path) -> None:
    (data_dir / "appendonlydir").mkdir(parents=True)
    (data_dir / "appendonlydir" / "appendonly.aof.manifest").write_text("not a manifest\n")
    with pytest.raises(StoreUnavailableError, match="falkordb.log") as caught:
        server.start(data_dir)
    assert str(data_dir) in str(caught.value)
    assert not server.status(data_dir).running


def test_open_store_starts_the_server_and_says_how_to_stop_it(data_dir: Path, capsys) -> None:
    with open_store(Settings(data_dir=data_dir)) as store:
        assert store.run("RETURN 2 AS two") == [{"two": 2}]
    assert "graphbuild store stop" in capsys.readouterr().err
    with open_store(Settings(data_dir=data_dir)) as store:
        store.run("RETURN 1")
    assert capsys.readouterr().err == ""  # reused: nothing to say


def test_stop_compacts_the_log_so_a_restart_loads_a_snapshot(data_dir: Path) -> None:
    from synthetic import synthetic_build

    from graphbuild.store.load import load

    settings = Settings(data_dir=data_dir, database="compact")
    with open_store(settings) as store:
        load(store, synthetic_build(documents=40, actors=30), batch_size=5)
        before = store.run(
            "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS "
            "nodes, count(r) AS edges"
        )
    server.stop(data_dir)
    logs = data_dir / "appendonlydir"
    assert any(p.name.endswith(".base.rdb") and p.stat().st_size > 1000 for p in logs.iterdir())
    assert all(p.stat().st_size < 1000 for p in logs.glob("*.incr.aof"))
    with open_store(settings) as store:
        after = store.run(
            "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS "
            "nodes, count(r) AS edges"
        )
        assert after == before and before[0]["edges"] > 0
        store.ensure_schema()  # the constraints survived: nothing to create, no error
        assert len(store._graph.list_constraints()) == 2
