"""The graph store: one Cypher path, two transports.

The same parameterised Cypher runs through ``Store``:

- the embedded FalkorDB server (``server.py``) through the ``falkordb`` client over its
  unix socket (``falkor.py``), the default;
- any Bolt server (Neo4j 5, Aura, FalkorDB's Bolt port) through the official ``neo4j``
  driver (``bolt.py``), when a URI is set.

Only schema statements differ by dialect (``dialects.py``). Rows come back as
JSON-serialisable dicts keyed by the RETURN names: a node becomes its properties plus
``labels``, a relationship its properties plus ``type``, a path the list of those.
"""

from __future__ import annotations

import re
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from graphbuild.config import DEFAULT_BATCH_SIZE, DEFAULT_GRAPH, Settings
from graphbuild.errors import QueryError
from graphbuild.records import KINDS, Actor

Dialect = Literal["falkordb", "neo4j"]
Pack = Callable[[list[Any]], list[Any]]
# Batches of at least this many rows are encoded on a thread, one batch ahead of the
# server; below it the hand-over costs more than it saves.
PREPARE_AHEAD_FROM = 64

__all__ = ["Dialect", "Pack", "Store", "open_store", "run_query"]


class Store(ABC):
    """A connection to one graph (a Neo4j database or a FalkorDB graph)."""

    dialect: Dialect
    target: str  # how the store is named in messages, never with a password

    @abstractmethod
    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one statement in its own transaction and return its rows.

        Raises:
            QueryError: the store rejected the statement.
            StoreUnavailableError: the connection failed.
        """

    @abstractmethod
    def _write_batch(self, cypher: str, rows: Any) -> None:
        """Run ``cypher`` with ``$rows`` bound to ``rows`` (as ``_encode`` returned them)
        in one (retried) transaction."""

    @abstractmethod
    def _create_schema(self) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    def write(
        self,
        cypher: str,
        rows: Sequence[Any],
        batch_size: int = DEFAULT_BATCH_SIZE,
        pack: Pack | None = None,
    ) -> int:
        """Run ``cypher`` (which reads ``UNWIND $rows``) over ``rows`` in batches, each
        batch one transaction: a failure leaves earlier batches committed and none of the
        failing one. ``pack``, if given, turns each batch into the ``$rows`` sent (say,
        rows grouped by a key). Returns the number of rows written.

        Raises:
            LoadError: a batch failed (the message says which rows).
            StoreUnavailableError: the connection failed.
        """
        size = max(1, batch_size)

        def encoded(first: int) -> Any:
            batch = list(rows[first : first + size])
            return self._encode(pack(batch) if pack else batch)

        starts = range(0, len(rows), size)
        if size < PREPARE_AHEAD_FROM or len(starts) < 2:
            for first in starts:
                self._write_batch(cypher, encoded(first))
            return len(rows)
        # Large batches: a thread encodes the next batch while the server writes this one.
        with ThreadPoolExecutor(1, thread_name_prefix="graphbuild-encode") as encoder:
            ahead = encoder.submit(encoded, starts[0])
            for first in starts[1:]:
                batch, ahead = ahead.result(), encoder.submit(encoded, first)
                self._write_batch(cypher, batch)
            self._write_batch(cypher, ahead.result())
        return len(rows)

    def _encode(self, rows: list[Any]) -> Any:
        """``rows`` as this transport sends them (``_write_batch`` takes the result). Pure:
        it may run on another thread."""
        return rows

    def ensure_schema(self) -> None:
        """Create the id constraints/indexes this dialect supports. Idempotent.

        Raises:
            StoreError: the store refused a schema statement for another reason than
                "already exists".
        """
        if not getattr(self, "_schema_done", False):
            self._create_schema()
            self._schema_done = True

    def known_actors(self) -> list[Actor]:
        """The actors already stored, sorted by id (so the resolver keeps their ids).
        Read-only.

        Raises:
            StoreError: as ``run``.
        """
        from graphbuild import queries

        actors = []
        for row in self.run(queries.read("known_actors")):
            kind = row.get("kind")
            if not row.get("id") or kind not in KINDS:
                continue  # not written by graphbuild: leave it out rather than guess
            actors.append(
                Actor(
                    id=str(row["id"]),
                    name=str(row.get("name") or row["id"]),
                    kind=kind,
                    aliases=tuple(str(a) for a in row.get("aliases") or ()),
                    mentions=int(row.get("mentions") or 0),
                )
            )
        return actors

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def graph_name(settings: Settings) -> str:
    """The Neo4j database / FalkorDB graph a command works on."""
    return settings.database or DEFAULT_GRAPH


def open_store(settings: Settings, *, must_exist: bool = False) -> Store:
    """Connect to the store ``settings`` name: the embedded server in ``data_dir``
    (started in the background if needed, and left running), or the Bolt server at
    ``uri``. Use it as a context manager. Readers pass ``must_exist``: then a data dir
    holding no store, or an embedded store without the named graph, is an error instead
    of a new empty store (a mistyped --data-dir would otherwise answer "0 rows").

    Raises:
        StoreUnavailableError: the server cannot be started or reached, or rejects the
            credentials; with ``must_exist``, there is no such store or graph.
    """
    if settings.embedded:
        from graphbuild.store import server
        from graphbuild.store.falkor import FalkorStore

        if must_exist:
            server.require(settings.data_dir)
        state = server.start(settings.data_dir)
        if state.started:
            print(
                f"Started the embedded store in {state.data_dir} (pid {state.pid}); it keeps "
                f"running: stop it with `graphbuild store stop --data-dir {state.data_dir}`.",
                file=sys.stderr,
            )
        store = FalkorStore(state.socket, graph_name(settings), str(state.data_dir))
        if must_exist:
            store.require_graph()
        return store
    from graphbuild.store.bolt import BoltStore

    return BoltStore(settings)


def run_query(
    settings: Settings, cypher_or_file: str, params: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Run a query given as text or as a ``.cypher`` file and return its rows.

    Raises:
        QueryError: the file cannot be read, or the store rejected the query.
        StoreUnavailableError: as ``open_store``.
    """
    cypher = _query_text(cypher_or_file)
    with open_store(settings, must_exist=True) as store:
        return store.run(cypher, dict(params or {}))


def _query_text(cypher_or_file: str) -> str:
    """Cypher text as given, the text of a ``.cypher`` file, or the query library's
    ``<name>.cypher`` for a bare name such as ``allies``."""
    if LIBRARY_NAME.fullmatch(cypher_or_file):
        path = library_query(cypher_or_file)
        if path is None:
            known = ", ".join(library_names()) or "none installed"
            raise QueryError(f"No query named {cypher_or_file!r} in the library ({known}).")
        return path.read_text(encoding="utf-8")
    looks_like_file = cypher_or_file.endswith(".cypher") and "\n" not in cypher_or_file
    if not looks_like_file:
        return cypher_or_file
    path = Path(cypher_or_file)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise QueryError(f"{path}: cannot read query file ({reason}).") from exc


# A bare query name: "allies", "shortest_path" (a Cypher query has spaces or brackets).
LIBRARY_NAME = re.compile(r"[a-z][a-z0-9_]*")


def library_dirs() -> list[Path]:
    """Where the query library lives: inside the installed package (wheels), or the
    checkout's ``cypher/`` folder (editable installs). Read-only."""
    package = Path(__file__).resolve().parent.parent
    return [d for d in (package / "library", package.parent / "cypher") if d.is_dir()]


def library_query(name: str) -> Path | None:
    for folder in library_dirs():
        path = folder / f"{name}.cypher"
        if path.is_file():
            return path
    return None


def library_names() -> list[str]:
    return sorted({p.stem for folder in library_dirs() for p in folder.glob("*.cypher")})
