"""Reading never creates a store: `query`, `viz`, `export` and `actors` on a folder with no
store (a mistyped --data-dir) say so and exit 1, and leave no folder behind; so does
`store status`. A graph name the store does not hold is refused the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli_e2e import graphbuild
from test_no_tracebacks import one_line_error

from graphbuild.errors import StoreUnavailableError


@pytest.mark.parametrize(
    "command",
    [
        ("query", "MATCH (n) RETURN count(n) AS n"),
        ("query", "allies", "--param", "name=Russia"),
        ("viz", "--out", "graph.html"),
        ("export", "--format", "jsonl", "--out", "graph.jsonl"),
        ("actors",),
        ("store", "status"),
    ],
    ids=lambda c: "-".join(c[:2]),
)
def test_reading_a_folder_with_no_store_is_an_error(tmp_path: Path, command: tuple) -> None:
    missing = tmp_path / "mistyped-data"
    done = graphbuild(*command, "--data-dir", str(missing), cwd=tmp_path)
    one_line_error(done, "No embedded store in", str(missing), "graphbuild load")
    assert not missing.exists()
    assert not (tmp_path / "graph.html").exists() and not (tmp_path / "graph.jsonl").exists()


def test_an_existing_empty_folder_is_no_store_either(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    done = graphbuild("query", "RETURN 1", "--data-dir", str(empty), cwd=tmp_path)
    one_line_error(done, "holds no store")
    assert list(empty.iterdir()) == []


def test_a_graph_the_store_does_not_hold_is_refused(falkordb_server) -> None:
    from graphbuild.config import Settings
    from graphbuild.store import run_query

    settings = Settings(data_dir=falkordb_server.data_dir, database="no_such_graph_here")
    with pytest.raises(StoreUnavailableError, match="holds no graph 'no_such_graph_here'"):
        run_query(settings, "MATCH (n) RETURN n")
    with pytest.raises(StoreUnavailableError, match="holds no graph"):
        run_query(settings, "MATCH (n) RETURN n")  # and the first attempt created nothing
