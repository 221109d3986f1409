"""The offline interactive picture: one self-contained HTML file drawn with vis-network.

The page inlines vis-network (vendored in ``assets/``, Apache-2.0 OR MIT), the app script,
the stylesheet and the graph data, so it opens from disk with no network at all. Edges are
merged per (source, relation, target): one line per pair and relation, its width growing with
the number of documents, its evidence (sentence, event date, document, date) shown on hover
and in full on click.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild.errors import InputError, QueryError
from graphbuild.explore.graph import RELATION_TYPES, Node, Relationship, iter_nodes
from graphbuild.explore.graph import query as package_query

if TYPE_CHECKING:
    from graphbuild.config import Settings
    from graphbuild.store import Store

# Past this many merged edges the page keeps the best-attested ones (most documents), so it
# stays responsive; the count left out is shown on the page and in the summary.
MAX_EDGES = 5000
# Sentences kept per edge in the page; the rest are one `evidence.cypher` query away.
MAX_EVIDENCE = 20
_RELATIONS = frozenset(RELATION_TYPES)
_MARKER = re.compile(r"/\*@([A-Z]+)@\*/")


@dataclass(frozen=True)
class VizGraph:
    """What the page draws: actors, merged edges with evidence, the documents cited."""

    nodes: tuple[dict[str, Any], ...]
    edges: tuple[dict[str, Any], ...]
    documents: Mapping[str, dict[str, Any]]
    omitted_edges: int = 0

    def to_json(self, title: str) -> dict[str, Any]:
        return {
            "title": title,
            "nodes": list(self.nodes),
            "edges": list(self.edges),
            "documents": dict(self.documents),
            "omitted_edges": self.omitted_edges,
        }


def write_viz(
    settings: Settings, out: Path, query: str | Path | None, params: Mapping[str, Any]
) -> str:
    """Write the graph (or the edges a query selects) as a self-contained HTML page.
    ``query`` is a ``.cypher`` file or a library query's name (``ego_network``); its
    header's defaults fill the parameters not given.

    Idempotent: the same graph and query give the same bytes. Returns a one-line summary.

    Raises:
        InputError: the query file cannot be read, or ``out`` cannot be written.
        QueryError: the query fails, or returns nothing that names actors.
        StoreError: the store cannot be reached.
    """
    from graphbuild.store import open_store

    cypher, params = _read_query(query, params) if query is not None else (None, params)
    page = settings.batch_size
    with open_store(settings, must_exist=True) as store:
        # The query first: a mistake in it is reported before the whole graph is read.
        rows = (
            store.run(cypher, dict(params), timeout=settings.query_timeout)
            if cypher is not None
            else None
        )
        actors = [actor for batch in iter_nodes(store, "Actor", page) for actor in batch]
        documents = {d.id: d for batch in iter_nodes(store, "Document", page) for d in batch}
        relationships = iter_actor_relations(store, [a.id for a in actors], page)
        graph = build_viz_graph(actors, relationships, documents, rows)
    if rows is not None and not graph.nodes:
        raise QueryError(
            f"{query}: the query returned {len(rows)} row(s) but no stored edge to draw. "
            "Return `source` and `target` columns (actor ids, names or nodes), Actor nodes, "
            "or paths; check the parameters."
        )
    title = f"graphbuild: {Path(query).stem}" if query is not None else "graphbuild"
    html = render_html(graph, title)
    _write_text(out, html)
    summary = f"Wrote {out}: {len(graph.nodes)} actors, {len(graph.edges)} edges"
    if graph.omitted_edges:
        summary += f" ({graph.omitted_edges} weaker edges left out, limit {MAX_EDGES})"
    return summary + "."


def iter_actor_relations(
    store: Store, actor_ids: Sequence[str], page: int
) -> Iterator[Relationship]:
    """The MET_WITH/ALLIED_TO/OPPOSES relationships leaving the given actors, ``page`` actors
    per query, streamed. Read-only.

    Raises:
        StoreError: as ``Store.run``.
    """
    for first in range(0, len(actor_ids), page):
        rows = store.run(
            package_query("actor_relations.cypher"),
            {"ids": list(actor_ids[first : first + page]), "types": list(RELATION_TYPES)},
        )
        for row in rows:
            yield Relationship(
                type=str(row["type"]),
                source=str(row["source"]),
                target=str(row["target"]),
                properties=dict(row["properties"] or {}),
            )


def build_viz_graph(
    actors: Sequence[Node],
    relationships: Iterable[Relationship],
    documents: Mapping[str, Node],
    rows: Sequence[Mapping[str, Any]] | None = None,
    max_edges: int = MAX_EDGES,
) -> VizGraph:
    """Merge relationships into drawable edges, keep those the query rows select (all when
    ``rows`` is None), and the actors they touch. Pure and deterministic.

    Rows select edges in one of two ways: ``source``/``target`` columns (an actor id, a name
    or alias, or an Actor node; an optional ``relation`` column narrows to one type), or any
    Actor nodes and paths in the row, which select every edge among those actors.
    """
    by_id = {a.id: a for a in actors}
    # Per edge only a count and the best MAX_EVIDENCE items are kept, so memory grows with
    # the number of drawable edges, not with the number of relationships streamed in.
    merged: dict[tuple[str, str, str], _Merged] = {}
    for rel in relationships:
        if rel.type in _RELATIONS and rel.source in by_id and rel.target in by_id:
            key = (rel.source, rel.type, rel.target)
            merged.setdefault(key, _Merged()).add(rel.properties)

    if rows is not None:
        wanted = _selection(rows, by_id)
        merged = {key: edge for key, edge in merged.items() if _selected(key, wanted)}

    ranked = sorted(merged.items(), key=lambda item: (-item[1].count, item[0]))
    kept = sorted(ranked[:max_edges], key=lambda item: item[0])
    edges = []
    cited: set[str] = set()
    for number, ((source, rel_type, target), edge) in enumerate(kept):
        shown = [_evidence(p) for _, p in edge.best]
        cited.update(e["doc"] for e in shown)
        edges.append(
            {
                "id": f"e{number}",
                "from": source,
                "to": target,
                "relation": rel_type,
                "documents": edge.count,
                "evidence": shown,
            }
        )
    drawn = sorted({e["from"] for e in edges} | {e["to"] for e in edges})
    nodes = tuple(_node(by_id[actor_id]) for actor_id in drawn)
    docs = {doc_id: _document(documents.get(doc_id)) for doc_id in sorted(cited)}
    return VizGraph(
        nodes=nodes, edges=tuple(edges), documents=docs, omitted_edges=len(ranked) - len(kept)
    )


class _Merged:
    """One drawable edge: how many relationships it merges and the best-ranked evidence
    (dated first, oldest first, then by document), at most MAX_EVIDENCE of it."""

    __slots__ = ("best", "count")

    def __init__(self) -> None:
        self.count = 0
        self.best: list[tuple[tuple[bool, str, str], Mapping[str, Any]]] = []

    def add(self, properties: Mapping[str, Any]) -> None:
        self.count += 1
        date = properties.get("date")
        rank = (date is None, str(date or ""), str(properties.get("doc") or ""))
        if len(self.best) == MAX_EVIDENCE and rank >= self.best[-1][0]:
            return
        bisect.insort(self.best, (rank, properties), key=lambda item: item[0])
        del self.best[MAX_EVIDENCE:]


def render_html(graph: VizGraph, title: str) -> str:
    """The page: template + inlined CSS, vis-network, app script and data. Pure."""
    data = json.dumps(graph.to_json(title), ensure_ascii=False, sort_keys=True)
    # Inside <script> nothing may close the element or open a comment; JSON.parse reads the
    # \u escapes back as the same characters.
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    parts = {
        "TITLE": _escape_text(title),
        "CSS": _asset("viz.css"),
        "DATA": data,
        "VIS": _asset("vis-network.min.js"),
        "APP": _asset("viz.js"),
    }
    # One pass, so text inserted for one marker is never scanned for another.
    return _MARKER.sub(lambda m: parts[m.group(1)], _asset("viz.html"))


@cache
def _asset(name: str) -> str:
    return resources.files("graphbuild.explore").joinpath("assets", name).read_text("utf-8")


def _read_query(query: str | Path, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    from graphbuild import library

    if isinstance(query, str) and library.NAME.fullmatch(query):
        found = library.get(query)
        return found.text, found.bind(params)
    path = Path(query)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"{path}: cannot read the query file ({exc.strerror}). Pass a .cypher file, "
            "e.g. --query cypher/ego_network.cypher."
        ) from exc
    if not text.strip():
        raise InputError(f"{path}: the query file is empty.")
    return text, library.from_text(path, text).bind(params)


def _write_text(out: Path, text: str) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
    except OSError as exc:
        raise InputError(f"{out}: cannot write the page ({exc.strerror}).") from exc


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _node(actor: Node) -> dict[str, Any]:
    props = actor.properties
    return {
        "id": actor.id,
        "name": str(props.get("name") or actor.id),
        "kind": str(props.get("kind") or ""),
        "aliases": [str(a) for a in props.get("aliases") or ()],
        "mentions": int(props.get("mentions") or 0),
    }


def _evidence(props: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "doc": str(props.get("doc") or ""),
        "sentences": [str(s) for s in props.get("sentences") or ()],
        # One per sentence, "" where it states no date (edges loaded before: none).
        "event_dates": [str(d or "") for d in props.get("event_dates") or ()],
        "modality": str(props.get("modality") or ""),
        "date": props.get("date"),
    }


def _document(doc: Node | None) -> dict[str, Any]:
    if doc is None:
        return {}
    props = doc.properties
    return {k: props.get(k) for k in ("title", "date", "url", "path") if props.get(k)}


# --- selecting edges from query rows -------------------------------------------------------

Selection = tuple[set[tuple[str, str, str | None]], set[str]]


def _selection(rows: Sequence[Mapping[str, Any]], actors: Mapping[str, Node]) -> Selection:
    """(pairs, actor ids): pairs from source/target columns, actor ids from nodes/paths."""
    names = _name_index(actors.values())
    pairs: set[tuple[str, str, str | None]] = set()
    chosen: set[str] = set()
    for row in rows:
        if "source" in row and "target" in row:
            relation = _relation_type(row.get("relation") or row.get("type"))
            for source in _actor_ids(row["source"], actors, names):
                for target in _actor_ids(row["target"], actors, names):
                    pairs.add((source, target, relation))
            continue
        for value in row.values():
            chosen.update(_node_ids(value, actors))
    return pairs, chosen


def _selected(key: tuple[str, str, str], wanted: Selection) -> bool:
    source, rel_type, target = key
    pairs, chosen = wanted
    if source in chosen and target in chosen:
        return True
    # Symmetric edges are stored one way round; a query may name the pair either way.
    ends = ((source, target), (target, source))
    return any((a, b, r) in pairs for a, b in ends for r in (rel_type, None))


def _name_index(actors: Iterable[Node]) -> dict[str, list[str]]:
    # Exact names first, then aliases: a name never loses to someone else's alias.
    index: dict[str, list[str]] = {}
    ordered = sorted(actors, key=lambda a: a.id)
    for actor in ordered:
        index.setdefault(str(actor.properties.get("name")), []).append(actor.id)
    for actor in ordered:
        for alias in actor.properties.get("aliases") or ():
            if str(alias) not in index:
                index.setdefault(f"alias:{alias}", []).append(actor.id)
    return index


def _actor_ids(value: Any, actors: Mapping[str, Node], names: Mapping[str, list[str]]) -> list[str]:
    if isinstance(value, Mapping):
        return [str(value["id"])] if str(value.get("id")) in actors else []
    if value is None:
        return []
    text = str(value)
    if text in actors:
        return [text]
    return list(names.get(text) or names.get(f"alias:{text}") or ())


def _node_ids(value: Any, actors: Mapping[str, Node]) -> set[str]:
    if isinstance(value, Mapping):
        labels = value.get("labels") or ()
        if "Actor" in labels and str(value.get("id")) in actors:
            return {str(value["id"])}
        return set()
    if isinstance(value, list | tuple):
        return {i for item in value for i in _node_ids(item, actors)}
    return set()


def _relation_type(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip().upper().replace("-", "_")
    return text if text in _RELATIONS else None
