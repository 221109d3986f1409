"""The graph store: one Cypher path, two transports.

The same parameterised Cypher runs through ``Store``:

- the embedded FalkorDB server (``server.py``) through the ``falkordb`` client over its
  unix socket (``falkor.py``), the default;
- a Bolt server (Neo4j 5, Aura) through the official ``neo4j`` driver (``bolt.py``),
  when a URI is set.

Only schema statements differ by dialect (``dialects.py``). Rows come back as
JSON-serialisable dicts keyed by the RETURN names: a node becomes its properties plus
``labels``, a relationship its properties plus ``type``, a path the list of those.
"""

from __future__ import annotations

import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from graphbuild.config import DEFAULT_BATCH_SIZE, DEFAULT_GRAPH, Settings
from graphbuild.records import KINDS, Actor

Dialect = Literal["falkordb", "neo4j"]
Pack = Callable[[list[Any]], list[Any]]
# Batches of at least this many rows are encoded on a thread, one batch ahead of the
# server; below it the hand-over costs more than it saves.
PREPARE_AHEAD_FROM = 64

__all__ = ["Dialect", "Pack", "Store", "open_store", "query_text", "run_query"]


class Store(ABC):
    """A connection to one graph (a Neo4j database or a FalkorDB graph)."""

    dialect: Dialect
    target: str  # how the store is named in messages, never with a password

    @abstractmethod
    def run(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        timeout: float | None = None,
    ) -> list[dict[str, Any]]:
        """Run one statement in its own transaction and return its rows. With
        ``timeout`` (seconds) the server stops the statement after that long.

        Raises:
            QueryError: the store rejected the statement, or it timed out.
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


def timed_out(target: str, seconds: float) -> str:
    """The message for a query the server stopped at the timeout. Pure."""
    return (
        f"The query ran longer than {seconds:g} s and {target} stopped it. Narrow it (a LIMIT, "
        f"fewer hops), or allow more time with --timeout SECONDS (or GRAPHBUILD_QUERY_TIMEOUT)."
    )


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
    """Run a query given as text, as a ``.cypher`` file, or as a library query's name
    (with its defaults for the parameters not given) and return its rows. The query
    stops after ``settings.query_timeout`` seconds, on the server too.

    Raises:
        QueryError: the file cannot be read, a required parameter is missing, the store
            rejected the query, or it ran past the timeout.
        StoreUnavailableError: as ``open_store``; or no store there to read.
    """
    cypher, bound = query_text(cypher_or_file, params or {})
    with open_store(settings, must_exist=True) as store:
        rows = store.run(cypher, bound, timeout=settings.query_timeout)
        from graphbuild import library

        named = library.NAME.fullmatch(cypher_or_file) or cypher_or_file.endswith(".cypher")
        if not rows and named:  # a library query or a .cypher file: hint at a mistyped name
            for hint in unknown_actor_hints(store, bound):
                print(hint, file=sys.stderr)
        return rows


# The parameters of the query library that name an actor.
ACTOR_PARAMS = ("name", "source", "target")


def unknown_actor_hints(store: Store, params: Mapping[str, Any]) -> list[str]:
    """One line per actor parameter (``name``, ``source``, ``target``) whose value is no
    actor's name or alias, ignoring case, with the closest names. Read-only.

    Raises:
        StoreError: as ``run``.
    """
    import difflib

    from graphbuild import queries

    wanted = {k: str(params[k]) for k in ACTOR_PARAMS if isinstance(params.get(k), str)}
    if not wanted:
        return []
    forms: dict[str, str] = {}  # lower-cased name or alias -> canonical name
    for row in store.run(queries.read("actor_names")):
        for form in [row.get("name"), *(row.get("aliases") or ())]:
            if isinstance(form, str):
                forms.setdefault(form.lower(), str(row.get("name")))
    hints = []
    for key, value in wanted.items():
        if value.lower() in forms:
            continue
        close = difflib.get_close_matches(value.lower(), list(forms), n=3, cutoff=0.6)
        names = list(dict.fromkeys(forms[c] for c in close))
        maybe = f" Did you mean {', '.join(repr(n) for n in names)}?" if names else ""
        hints.append(
            f"Note: no actor is named {value!r} ({key}), by name or alias.{maybe} "
            "`graphbuild actors` lists them."
        )
    return hints


def query_text(cypher_or_file: str, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """Cypher text as given, the text of a ``.cypher`` file, or the library's query for a
    bare name such as ``allies``; with ``params`` bound over the library defaults. Read-only.

    Raises:
        QueryError: no such library query, a required parameter missing, or an
            unreadable file.
    """
    from graphbuild import library

    if library.NAME.fullmatch(cypher_or_file):
        query = library.get(cypher_or_file)
        return query.text, query.bind(params)
    looks_like_file = cypher_or_file.endswith(".cypher") and "\n" not in cypher_or_file
    if not looks_like_file:
        return cypher_or_file, dict(params)
    query = library.parse(Path(cypher_or_file))  # a file in the library's format, or not
    return query.text, query.bind(params)
