"""What differs between the two Cypher dialects: only the schema statements.

Neo4j 5 has ``CREATE CONSTRAINT ... IF NOT EXISTS ... IS UNIQUE``. FalkorDB has neither
``IF NOT EXISTS`` nor constraints in Cypher: an unnamed ``CREATE INDEX`` (a second one
fails with "already indexed"), then the ``GRAPH.CONSTRAINT CREATE`` command, which only
the RESP transport can send.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphbuild import queries

if TYPE_CHECKING:
    from graphbuild.store import Dialect, Store

# (label, property) pairs that are unique keys.
UNIQUE_IDS: tuple[tuple[str, str], ...] = (("Actor", "id"), ("Document", "id"))
# (label or relationship type, property) of each index, in the order of schema_falkordb.cypher.
INDEXED: tuple[tuple[str, str], ...] = (
    *UNIQUE_IDS,
    ("MET_WITH", "doc"),
    ("ALLIED_TO", "doc"),
    ("OPPOSES", "doc"),
)


def schema_statements(store: Store, dialect: Dialect) -> list[str]:
    """The schema statements still to run on ``store``. Read-only.

    Raises:
        StoreError: listing FalkorDB's indexes failed.
    """
    if dialect == "neo4j":
        return queries.statements("schema_neo4j")  # idempotent by IF NOT EXISTS
    existing = {
        (row["label"], prop)
        for row in store.run("CALL db.indexes() YIELD label, properties")
        for prop in row["properties"] or ()
    }
    wanted = zip(queries.statements("schema_falkordb"), INDEXED, strict=True)
    return [statement for statement, key in wanted if key not in existing]
