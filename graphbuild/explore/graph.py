"""Read the stored graph page by page: the one place explore sends Cypher to the store.

Nodes are read with keyset pagination on ``id`` (``WHERE n.id > $after ORDER BY n.id
LIMIT $page``), which both Neo4j and FalkorDB answer from the ``id`` index, so memory stays
bounded by one page whatever the size of the graph. Labels come from a fixed whitelist.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphbuild.store import Store

# Every node the loader writes carries one of these labels; the first one present names a
# node's group (its id space in a neo4j-admin import, its key prefix elsewhere).
NODE_GROUPS: tuple[str, ...] = ("Actor", "Document")
RELATION_TYPES: tuple[str, ...] = ("MET_WITH", "ALLIED_TO", "OPPOSES")
_PAGE_QUERY = {"Actor": "actors_page.cypher", "Document": "documents_page.cypher"}


@dataclass(frozen=True)
class Node:
    """A stored node: its group (``Actor``/``Document``), ``id`` property, labels, properties."""

    group: str
    id: str
    labels: tuple[str, ...]
    properties: Mapping[str, Any]

    @property
    def key(self) -> str:
        """Unique across groups (an actor and a document may share an id)."""
        return node_key(self.group, self.id)


@dataclass(frozen=True)
class Relationship:
    """A stored relationship between two node keys, with its properties."""

    type: str
    source: str
    target: str
    properties: Mapping[str, Any]


def node_key(group: str, node_id: str) -> str:
    return f"{group.lower()}:{node_id}"


@cache
def query(name: str) -> str:
    """The text of one of the package's own queries (``graphbuild/explore/queries``)."""
    return resources.files("graphbuild.explore").joinpath("queries", name).read_text("utf-8")


def iter_nodes(store: Store, group: str, page: int) -> Iterator[list[Node]]:
    """Yield the nodes of one group in pages of at most ``page``, in id order. Read-only.

    Raises:
        StoreError: as ``Store.run``.
    """
    after = ""
    while True:
        rows = store.run(query(_PAGE_QUERY[group]), {"after": after, "page": page})
        if not rows:
            return
        yield [
            Node(
                group=group,
                id=str(row["id"]),
                labels=_labels(row["labels"], group),
                properties=_clean(row["properties"]),
            )
            for row in rows
        ]
        if len(rows) < page:
            return
        after = str(rows[-1]["id"])


def iter_relationships(store: Store, page: int) -> Iterator[list[Relationship]]:
    """Yield every relationship leaving an Actor, one page of source actors at a time.

    Read-only; stable order (source, type, target, doc). In the graph model every
    relationship starts at an Actor, so this is every relationship of the graph.

    Raises:
        StoreError: as ``Store.run``.
    """
    for actors in iter_nodes(store, "Actor", page):
        rows = store.run(query("actor_relationships.cypher"), {"ids": [a.id for a in actors]})
        yield [
            Relationship(
                type=str(row["type"]),
                source=node_key("Actor", str(row["source"])),
                target=node_key(_group(row["target_labels"]), str(row["target"])),
                properties=_clean(row["properties"]),
            )
            for row in rows
        ]


def count_graph(store: Store) -> tuple[int, int]:
    """(nodes, relationships) of the whole graph, as the store counts them. Read-only.

    Raises:
        StoreError: as ``Store.run``.
    """
    row = store.run(query("count_graph.cypher"))[0]
    return int(row["nodes"]), int(row["relationships"])


def _group(labels: Any) -> str:
    present = [str(label) for label in labels or ()]
    for group in NODE_GROUPS:
        if group in present:
            return group
    return present[0] if present else "Node"


def _labels(labels: Any, group: str) -> tuple[str, ...]:
    # The group label first, then the others sorted: the same node always exports the same.
    rest = sorted(str(label) for label in labels or () if label != group)
    return (group, *rest)


def _clean(properties: Any) -> dict[str, Any]:
    # Sorted keys, no nulls: the same graph always gives the same bytes.
    items = dict(properties or {})
    return {k: items[k] for k in sorted(items) if items[k] is not None}
