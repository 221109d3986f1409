"""The Bolt transport: the official ``neo4j`` driver, for Neo4j 5 (``bolt://``,
``neo4j://``, ``neo4j+s://`` for Aura).

Every write batch runs in ``session.execute_write``, so the driver retries transient
errors (leader switch, deadlock) and a batch is all-or-nothing.

FalkorDB's own Bolt listener is refused when it answers (measured on FalkorDB 4.16.3;
the code is the same up to 4.18, and 4.20 removed Bolt): it runs every statement on a
graph named ``falkordb``, or, when the request carries any option (a database, a
timeout), on a graph named after that option's key (``db``, ``tx_timeout``), never on
the graph asked for; and after a client's GOODBYE it leaves the socket registered, so the
next connection on that descriptor never gets its handshake answered (every second
connection waits for the driver's 60 s deadline). It announces itself as
``Neo4j/5.13.0`` and is told apart by its connection id, a UUID where Neo4j says
``bolt-N``. The embedded store is FalkorDB through its own client, over a unix socket.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from typing import Any

from graphbuild.config import Settings
from graphbuild.errors import LoadError, QueryError, StoreError, StoreUnavailableError
from graphbuild.store import Store, timed_out
from graphbuild.store.dialects import schema_statements

try:
    import neo4j
    import neo4j.graph
    import neo4j.spatial
    import neo4j.time
    from neo4j.exceptions import (
        AuthError,
        ClientError,
        ConfigurationError,
        DriverError,
        Neo4jError,
        ServiceUnavailable,
        SessionExpired,
    )
except ImportError as exc:  # pragma: no cover - a core dependency
    raise StoreUnavailableError("Bolt servers need the neo4j driver: `pip install neo4j`.") from exc

CONNECT_TIMEOUT = 15.0  # seconds
# The driver (6.x) also takes http:// and https:// URIs, for Neo4j's HTTP query API (a
# preview needing aiohttp): graphbuild speaks Bolt only.
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class BoltStore(Store):
    """One database on a Bolt server."""

    dialect = "neo4j"

    def __init__(self, settings: Settings) -> None:
        if not settings.uri:
            raise StoreUnavailableError("A Bolt store needs a URI (--uri or NEO4J_URI).")
        self.uri = settings.uri
        self.database = settings.database
        self.target = settings.uri + (
            f" (database {settings.database!r})" if settings.database else ""
        )
        self._has_password = bool(settings.password)
        auth = (settings.user, settings.password) if settings.password else None
        scheme = settings.uri.partition("://")[0].lower() if "://" in settings.uri else ""
        if scheme not in BOLT_SCHEMES:
            raise StoreUnavailableError(_invalid_uri(settings.uri, "not a Bolt URI"))
        try:
            self._driver = neo4j.GraphDatabase.driver(
                settings.uri,
                auth=auth,
                connection_timeout=CONNECT_TIMEOUT,
                max_transaction_retry_time=30.0,
                # Query hints (cartesian products...) would go to stderr as log warnings.
                notifications_min_severity="OFF",
            )
            self._driver.verify_connectivity()
            info = self._driver.get_server_info()
        except (ConfigurationError, ValueError) as exc:
            raise StoreUnavailableError(_invalid_uri(settings.uri, str(exc))) from exc
        except (Neo4jError, DriverError, OSError) as exc:
            self._close_quietly()
            raise self._unavailable(exc) from exc
        if _is_falkordb(info):
            self._close_quietly()
            raise StoreUnavailableError(
                f"{settings.uri} is FalkorDB's Bolt listener, which answers from another "
                f"graph than the one asked for and hangs every second connection. Use the "
                f"embedded store (no --uri; --data-dir names it) or Neo4j."
            )

    def run(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        timeout: float | None = None,
    ) -> list[dict[str, Any]]:
        try:
            with self._session() as session:
                # Neo4j's transaction timeout: the server terminates the query itself. A
                # Ctrl-C closes the session, and Neo4j then terminates it too.
                query = neo4j.Query(cypher, timeout=timeout) if timeout else cypher
                result = session.run(query, dict(params or {}))
                return [{k: _plain(v) for k, v in record.items()} for record in result]
        except (ServiceUnavailable, SessionExpired, AuthError) as exc:
            raise self._unavailable(exc) from exc
        except Neo4jError as exc:
            if _no_database(exc):
                raise self._unavailable(exc) from exc
            # Neo4j 5: Neo.ClientError.Transaction.TransactionTimedOut(ClientConfiguration)
            if timeout and any(
                word in (exc.code or "") + type(exc).__name__ for word in ("Timeout", "TimedOut")
            ):
                raise QueryError(timed_out(self.target, timeout)) from exc
            raise QueryError(f"{self.target} rejected the query: {_message(exc)}") from exc
        except DriverError as exc:
            raise QueryError(f"Query on {self.target} failed: {exc}") from exc

    def _write_batch(self, cypher: str, rows: list[Any]) -> None:
        try:
            with self._session() as session:
                session.execute_write(_consume, cypher, rows)
        except (ServiceUnavailable, SessionExpired, AuthError) as exc:
            raise self._unavailable(exc) from exc
        except (Neo4jError, DriverError) as exc:
            if _no_database(exc):
                raise self._unavailable(exc) from exc
            raise LoadError(
                f"{self.target} rejected a batch of {len(rows)} rows: {_message(exc)}. "
                f"Batches before it are committed; rerun `graphbuild load` to finish."
            ) from exc

    def _create_schema(self) -> None:
        for statement in schema_statements(self, self.dialect):
            try:
                self.run(statement)
            except QueryError as exc:
                raise StoreError(f"Cannot create the schema in {self.target}: {exc}") from exc

    def close(self) -> None:
        self._close_quietly()

    def _session(self) -> Any:
        return (
            self._driver.session(database=self.database)
            if self.database
            else self._driver.session()
        )

    def _close_quietly(self) -> None:
        driver = getattr(self, "_driver", None)
        if driver is not None:
            # Closing after a failure: nothing left to release.
            with contextlib.suppress(DriverError, OSError):
                driver.close()

    def _unavailable(self, exc: Exception) -> StoreUnavailableError:
        if isinstance(exc, AuthError) and not self._has_password:
            return StoreUnavailableError(
                f"{self.uri} requires a password and none was given ({_message(exc)}). Set "
                f"NEO4J_PASSWORD in the environment (or `password` in the config file)."
            )
        if isinstance(exc, AuthError):
            return StoreUnavailableError(
                f"{self.uri} rejected the credentials ({_message(exc)}). Check NEO4J_USER "
                f"and NEO4J_PASSWORD (the password is read from the environment or the "
                f"config file)."
            )
        if _no_database(exc):
            return StoreUnavailableError(
                f"{self.uri} has no database {self.database!r} ({_message(exc)}). Check "
                f"--database / NEO4J_DATABASE (Neo4j community has only `neo4j`)."
            )
        return StoreUnavailableError(
            f"Cannot reach a Bolt server at {self.uri} ({_message(exc)}). Is it running? "
            f"Try `docker compose up -d`, or set NEO4J_URI; check NEO4J_PASSWORD."
        )


def _invalid_uri(uri: str, reason: str) -> str:
    return (
        f"Invalid Bolt URI {uri!r} ({reason}). Use bolt://host:7687, neo4j://host:7687 or "
        f"neo4j+s://<id>.databases.neo4j.io."
    )


def _consume(tx: Any, cypher: str, rows: list[Any]) -> None:
    tx.run(cypher, {"rows": rows}).consume()


def _is_falkordb(info: Any) -> bool:
    """FalkorDB answers HELLO as "Neo4j/5.13.0" with a UUID connection id; Neo4j (and
    Aura) say "bolt-<n>". ServerInfo has no public connection id, hence the metadata."""
    metadata = getattr(info, "_metadata", None) or {}
    connection_id = str(metadata.get("connection_id", ""))
    agent = str(info.agent or "")
    if "falkordb" in agent.lower():
        return True
    return bool(
        re.fullmatch(r"Neo4j/\d.*", agent) and re.fullmatch(r"[0-9a-f-]{36}", connection_id)
    )


def _no_database(exc: Exception) -> bool:
    return isinstance(exc, ClientError) and "DatabaseNotFound" in (exc.code or "")


def _message(exc: Exception) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())[:300]


def _plain(value: Any) -> Any:
    """A driver value as JSON-serialisable data (see the docstring of ``graphbuild.store``)."""
    if isinstance(value, neo4j.graph.Node):
        return {**{k: _plain(v) for k, v in value.items()}, "labels": sorted(value.labels)}
    if isinstance(value, neo4j.graph.Relationship):
        return {**{k: _plain(v) for k, v in value.items()}, "type": value.type}
    if isinstance(value, neo4j.graph.Path):
        nodes, rels = value.nodes, value.relationships
        out: list[Any] = []
        for index, node in enumerate(nodes):
            out.append(_plain(node))
            if index < len(rels):
                out.append(_plain(rels[index]))
        return out
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(
        value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time | neo4j.time.Duration
    ):
        return value.iso_format()
    if isinstance(value, neo4j.spatial.Point):
        return list(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value
