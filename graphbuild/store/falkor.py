"""The embedded transport: the ``falkordb`` client over the server's unix socket (RESP).

Every ``GRAPH.QUERY`` is atomic on the server, so one batch = one query = one
transaction. The RESP client also gets FalkorDB's real error messages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from graphbuild.errors import LoadError, QueryError, StoreError, StoreUnavailableError
from graphbuild.store import Store, timed_out
from graphbuild.store.dialects import UNIQUE_IDS, schema_statements

try:
    from falkordb import FalkorDB
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path as GraphPath
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import RedisError, ResponseError
    from redis.exceptions import TimeoutError as RedisTimeoutError
except ImportError as exc:  # pragma: no cover - a core dependency
    raise StoreUnavailableError(
        "The embedded store needs the falkordb client: `pip install falkordb`."
    ) from exc


class _Encoded(NamedTuple):
    """A batch already spelled as the ``CYPHER rows=...`` parameter header."""

    header: str
    count: int


class FalkorStore(Store):
    """One FalkorDB graph reached through a unix socket."""

    dialect = "falkordb"

    def __init__(self, socket: Path, graph: str, where: str) -> None:
        self.target = f"embedded store in {where} (graph {graph!r})"
        self.graph_name = graph
        try:
            self._db = FalkorDB(unix_socket_path=str(socket), socket_connect_timeout=10)
        except RedisError as exc:
            raise self._unavailable(exc) from exc
        self._graph = self._db.select_graph(graph)

    def require_graph(self) -> None:
        """Refuse a graph name the store does not hold (a reader would create it empty).

        Raises:
            StoreUnavailableError: no such graph, or the server cannot be reached.
        """
        try:
            graphs = sorted(str(g) for g in self._db.list_graphs())
        except RedisError as exc:
            raise self._unavailable(exc) from exc
        if self.graph_name not in graphs:
            held = ", ".join(repr(g) for g in graphs) or "none"
            raise StoreUnavailableError(
                f"The {self.target} holds no graph {self.graph_name!r} (graphs: {held}). "
                f"Check --database (or NEO4J_DATABASE), or load it first with `graphbuild load`."
            )

    def run(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        timeout: float | None = None,
    ) -> list[dict[str, Any]]:
        result = self._query(cypher, params, QueryError, timeout=timeout)
        names = [_column_name(column) for column in result.header]
        return [
            {name: _plain(value) for name, value in zip(names, row, strict=True)}
            for row in result.result_set
        ]

    def _encode(self, rows: list[Any]) -> list[Any] | _Encoded:
        literal = _list_literal(rows)
        return rows if literal is None else _Encoded(f"CYPHER rows={literal} ", len(rows))

    def _write_batch(self, cypher: str, rows: list[Any] | _Encoded) -> None:
        if isinstance(rows, _Encoded):
            self._query(cypher, None, LoadError, rows.header, rows.count)
        else:
            self._query(cypher, {"rows": rows}, LoadError)

    def _create_schema(self) -> None:
        for statement in schema_statements(self, self.dialect):
            try:
                self._query(statement, None, StoreError)
            except StoreError as exc:
                # A concurrent loader may have created it since the check.
                if "already indexed" not in str(exc):
                    raise
        try:
            listed = self._graph.list_constraints()
        except RedisError as exc:
            raise self._unavailable(exc) from exc
        constrained = {(c["label"], tuple(c["properties"])) for c in listed}
        for label, prop in UNIQUE_IDS:
            if (label, (prop,)) in constrained:
                continue
            try:
                self._graph.create_node_unique_constraint(label, prop)
            except ResponseError as exc:
                # A concurrent loader may have created it between the check and here.
                if "already exists" not in str(exc):
                    raise StoreError(
                        f"Cannot create the unique constraint on :{label}({prop}) in "
                        f"{self.target}: {exc}. Duplicate ids in the graph? Check with "
                        f"`MATCH (n:{label}) WITH n.{prop} AS k, count(*) AS c WHERE c > 1 "
                        f"RETURN k`."
                    ) from exc

    def close(self) -> None:
        # Closing a dead connection: nothing left to release.
        with contextlib.suppress(RedisError):
            self._db.connection.close()

    def _query(
        self,
        cypher: str,
        params: Mapping[str, Any] | None,
        error: type[StoreError] | type[QueryError],
        header: str = "",
        batch: int | None = None,
        timeout: float | None = None,
    ) -> Any:
        """Run ``header + cypher``; ``header`` holds parameters already encoded (then
        ``params`` is None) and ``batch`` the number of rows in them. ``timeout`` (seconds)
        is FalkorDB's per-query TIMEOUT: the server itself stops the query."""
        ms = max(1, round(timeout * 1000)) if timeout else None
        try:
            return self._graph.query(
                header + cypher, dict(params) if params is not None else None, timeout=ms
            )
        except (RedisConnectionError, RedisTimeoutError) as exc:
            raise self._unavailable(exc) from exc
        except ResponseError as exc:
            if timeout and "timed out" in str(exc).lower():
                raise error(timed_out(self.target, timeout)) from exc
            first = cypher.strip().splitlines()[-1][:80] if cypher.strip() else ""
            rows = params.get("rows") if params else None
            batch = len(rows) if isinstance(rows, list) else batch
            where = f" (batch of {batch} rows)" if batch is not None else ""
            raise error(
                f"{self.target} rejected the query{where}: {exc} [query ends: {first}]"
            ) from exc
        except (RedisError, ValueError, TypeError) as exc:
            raise error(f"Query on {self.target} failed: {exc}") from exc

    def _unavailable(self, exc: Exception) -> StoreUnavailableError:
        return StoreUnavailableError(
            f"Lost the connection to the {self.target} ({exc}). Check "
            f"`graphbuild store status` and its log file falkordb.log in the data folder."
        )


def _list_literal(rows: list[Any]) -> str | None:
    """``rows`` as a Cypher list literal, when JSON spells it the same way: lists, strings,
    numbers, booleans and nulls, and no string that JSON would escape in a way FalkorDB
    reads differently (\\u, \\b, \\f). None otherwise (maps: JSON quotes their keys), and
    the client's own encoder is used. JSON is encoded in C: a large batch costs about half
    the client time.
    """
    try:
        text = json.dumps(rows, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return None
    if "{" in text or "\\u" in text or "\\b" in text or "\\f" in text:
        return None  # a map, or a rare escape (which may just be a backslash in the text)
    return text


def _column_name(column: Any) -> str:
    # The compact header is [type, name] pairs; names may be bytes.
    name = column[1] if isinstance(column, list | tuple) else column
    return name.decode() if isinstance(name, bytes) else str(name)


def _plain(value: Any) -> Any:
    """A result value as JSON-serialisable data (see the module docstring of ``store``)."""
    if isinstance(value, Node):
        return {
            **{k: _plain(v) for k, v in value.properties.items()},
            "labels": list(value.labels or []),
        }
    if isinstance(value, Edge):
        return {**{k: _plain(v) for k, v in value.properties.items()}, "type": value.relation}
    if isinstance(value, GraphPath):
        nodes, edges = value.nodes(), value.edges()
        out: list[Any] = []
        for index, node in enumerate(nodes):
            out.append(_plain(node))
            if index < len(edges):
                out.append(_plain(edges[index]))
        return out
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
