"""Using the query library as a newcomer does: by name with no parameters, with a name in
the wrong case or an alias, `--list`, `viz --query NAME`, and a query that would never end
stopped by the timeout on the server."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from test_cli_e2e import graphbuild

from graphbuild import library
from graphbuild.config import Settings
from graphbuild.errors import QueryError
from graphbuild.store import run_query


def test_every_library_query_declares_its_optional_parameters() -> None:
    for name in library.names():
        query = library.get(name)
        assert set(query.defaults) <= set(query.examples), name
        if "$limit" in query.text:
            assert "limit" in query.defaults, f"{name}: limit without a default"


@pytest.mark.parametrize(
    "name", ["met_with", "most_connected", "common_target", "friction", "documents"]
)
def test_library_queries_run_with_their_defaults(explore_settings, name: str) -> None:
    # Was: "Limit operates only on non-negative integers" (a missing $limit is null).
    rows = run_query(explore_settings, name)
    assert isinstance(rows, list)
    assert len(rows) <= library.get(name).defaults["limit"]


def test_a_missing_required_parameter_is_named_with_an_example(explore_settings) -> None:
    with pytest.raises(QueryError) as caught:
        run_query(explore_settings, "evidence", {"source": "Russia"})
    assert "'evidence' needs target" in str(caught.value)
    assert '--param "target=Staffan de Mistura"' in str(caught.value)


def test_actor_names_match_ignoring_case_and_by_alias(explore_settings) -> None:
    exact = run_query(explore_settings, "opponents", {"name": "Russia"})
    assert exact
    assert run_query(explore_settings, "opponents", {"name": "russia"}) == exact
    assert run_query(explore_settings, "opponents", {"name": "MOSCOW"}) == exact


def test_query_list_shows_the_library(tmp_path: Path) -> None:
    done = graphbuild("query", "--list", "--format", "csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "allies,name=Russia" in done.stdout
    assert "met_with,[limit=25]" in done.stdout


def test_query_help_lists_the_library(tmp_path: Path) -> None:
    done = graphbuild("query", "--help", cwd=tmp_path, env={"COLUMNS": "80"})
    assert done.returncode == 0
    for name in library.names():
        assert name in done.stdout


def test_viz_takes_a_library_name(explore_settings, tmp_path: Path) -> None:
    from graphbuild.explore import write_viz

    summary = write_viz(explore_settings, tmp_path / "ego.html", "ego_network", {"name": "russia"})
    assert (tmp_path / "ego.html").is_file() and "Wrote" in summary


def test_a_query_past_its_timeout_is_stopped_by_the_server(explore_settings) -> None:
    from dataclasses import replace

    settings = replace(explore_settings, query_timeout=0.5)
    endless = (
        "UNWIND range(1, 3000) AS i UNWIND range(1, 3000) AS j UNWIND range(1, 3000) AS k "
        "RETURN count(*) AS n"
    )
    started = time.monotonic()
    with pytest.raises(QueryError, match="longer than 0.5 s"):
        run_query(settings, endless)
    assert time.monotonic() - started < 10
    # The server is free again at once: nothing kept running after the timeout.
    assert run_query(settings, "RETURN 1 AS one") == [{"one": 1}]


def test_the_timeout_is_configurable() -> None:
    assert Settings.resolve().query_timeout == 60.0
    assert Settings.resolve(query_timeout=2.5).query_timeout == 2.5
