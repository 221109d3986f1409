"""The loader: a ``Build`` (extractions + resolution + triples) into the graph.

Graph model::

    (:Actor:Person|:Organization|:State {id, name, kind, aliases, mentions})
    (:Document {id, path, title, date, url, sha256, load_digest})
    (:Actor)-[:MET_WITH|ALLIED_TO|OPPOSES {doc, sentences, event_dates, event_date,
                                           modality, date, rule}]->(:Actor)
        one per (source, type, target, document); MET_WITH and ALLIED_TO are symmetric and
        stored once, from the smaller actor id to the larger; ``event_dates`` holds each
        sentence's event date ("" when it states none: Neo4j stores no null in a list),
        ``event_date`` the earliest of them (null when none)
    (:Actor)-[:MENTIONED_IN {count}]->(:Document)

A document's edges are written as a whole. Its ``load_digest`` (a hash of its text hash
and of every edge row written for it) is stored last, once its edges are in. On the next
load a document whose digest is unchanged is skipped; any other (new, changed text, changed
resolution of its actors, or a load of it that was interrupted) has its old edges deleted
and its new ones created. So loading twice changes nothing, and an interrupted load that
is rerun ends with exactly the graph of an uninterrupted one. Actors and documents are
``MERGE``d on their ids; every statement is ``UNWIND $rows`` in batches of one transaction
each.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from graphbuild import queries
from graphbuild.config import DEFAULT_BATCH_SIZE
from graphbuild.errors import LoadError
from graphbuild.records import KINDS, MODALITIES, Build, Triple

if TYPE_CHECKING:
    from graphbuild.store import Store

# The only relationship types the loader writes (create_relations.cypher is run once per type).
RELATION_TYPES: dict[str, str] = {
    "met-with": "MET_WITH",
    "allied-to": "ALLIED_TO",
    "opposes": "OPPOSES",
}
# The second actor label by kind (also spelled out in merge_actors.cypher).
KIND_LABELS: dict[str, str] = {"PERSON": "Person", "ORG": "Organization", "STATE": "State"}


def load(store: Store, build: Build, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
    """Write ``build`` into ``store``. Idempotent and incremental; safe to rerun after an
    interruption.

    Raises:
        LoadError: a batch failed, or the build holds a relation or kind outside the
            whitelist; batches already committed stay, and a rerun completes the load.
        StoreUnavailableError: the connection failed.
    """
    documents = {e.document.id: e.document for e in build.extractions}
    mention_rows = _mention_rows(build)
    relation_rows = _relation_rows(build.triples, {i: d.date for i, d in documents.items()})
    actor_ids = sorted(
        {row["actor"] for row in mention_rows}
        | {row[k] for row in relation_rows for k in ("source", "target")}
    )
    actor_rows = _actor_rows(build, actor_ids)
    digests = _load_digests(documents, mention_rows, relation_rows)

    store.ensure_schema()
    stored = {
        row["id"]: row["load_digest"]
        for row in store.run(queries.read("document_hashes"), {"rows": sorted(documents)})
    }
    changed = sorted(i for i in documents if stored.get(i) != digests[i])
    replaced = [i for i in changed if i in stored]
    write = store.write
    if replaced:
        write(queries.read("delete_document_relations"), replaced, batch_size)
        write(queries.read("delete_document_mentions"), replaced, batch_size)
    write(
        queries.read("merge_documents"),
        [
            {"id": d.id, "path": d.path, "title": d.title, "date": d.date, "url": d.url}
            for d in sorted(documents.values(), key=lambda d: d.id)
        ],
        batch_size,
    )
    write(queries.read("merge_actors"), actor_rows, batch_size)
    fresh = set(changed)
    new_mentions = [row for row in mention_rows if row["doc"] in fresh]
    by_document = sorted((r["doc"], [r["actor"], r["count"]]) for r in new_mentions)
    write(queries.read("create_mentions"), by_document, batch_size, _grouped)
    write_relations(store, by_type(r for r in relation_rows if r["doc"] in fresh), batch_size)
    recount = sorted({row["actor"] for row in new_mentions})
    if replaced:
        # Actors of the old versions may have lost mentions, or every edge.
        recount = sorted(row["id"] for row in store.run(queries.read("all_actor_ids")))
    write(queries.read("count_mentions"), recount, batch_size)
    if replaced:
        store.run(queries.read("delete_orphan_actors"))
    write(
        queries.read("finish_documents"),
        [{"id": i, "sha256": documents[i].sha256, "load_digest": digests[i]} for i in changed],
        batch_size,
    )


def by_type(rows: Iterable[dict[str, Any]]) -> dict[str, list[tuple[str, list[Any]]]]:
    """Relation rows (from ``_relation_rows``) in the shape ``write_relations`` sends: per
    relationship type, ``(source, [target, doc, sentences, modality, date, rule,
    event_dates, event_date])`` sorted by source. Pure."""
    shaped: dict[str, list[tuple[str, list[Any]]]] = {kind: [] for kind in RELATION_TYPES.values()}
    for r in sorted(rows, key=lambda r: (r["source"], r["target"], r["doc"])):
        rest = [r["target"], r["doc"], r["sentences"], r["modality"], r["date"], r["rule"]]
        rest += [r["event_dates"], r["event_date"]]
        shaped[r["type"]].append((r["source"], rest))
    return shaped


def write_relations(
    store: Store,
    shaped: dict[str, list[tuple[str, list[Any]]]],
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> None:
    """Create the relationships of ``shaped`` (from ``by_type``), one statement per type,
    ``batch_size`` relationships a batch, grouped by source actor within a batch. The
    caller makes sure none of them is stored yet."""
    statement = queries.read("create_relations")
    for kind, rows in shaped.items():
        if kind not in RELATION_TYPES.values():
            raise LoadError(f"Relationship type {kind!r} is not one of the loader's.")
        store.write(statement.replace("RELATION_TYPE", kind), rows, batch_size, _grouped)


def _grouped(batch: list[tuple[str, list[Any]]]) -> list[list[Any]]:
    """``[(key, rest), ...]`` sorted by key -> ``[[key, [rest, ...]], ...]``."""
    groups: list[list[Any]] = []
    last = None
    for key, rest in batch:
        if key != last:
            groups.append([key, [rest]])
            last = key
        else:
            groups[-1][1].append(rest)
    return groups


def _load_digests(
    documents: dict[str, Any],
    mention_rows: list[dict[str, Any]],
    relation_rows: list[dict[str, Any]],
) -> dict[str, str]:
    """Per document: a hash of its text hash and of every edge row written for it."""
    rows: dict[str, list[Any]] = {i: [d.sha256] for i, d in documents.items()}
    for row in (*mention_rows, *relation_rows):
        rows[row["doc"]].append(row)
    return {
        i: hashlib.sha256(json.dumps(r, sort_keys=True, default=str).encode()).hexdigest()
        for i, r in rows.items()
    }


def _actor_rows(build: Build, actor_ids: Iterable[str]) -> list[dict[str, Any]]:
    rows = []
    for actor_id in actor_ids:
        actor = build.resolution.by_id.get(actor_id)
        if actor is None:
            raise LoadError(f"Actor id {actor_id!r} is used by a triple but not resolved.")
        if actor.kind not in KINDS:
            raise LoadError(
                f"Actor {actor.name!r} has kind {actor.kind!r}; expected one of {', '.join(KINDS)}."
            )
        rows.append(
            {
                "id": actor.id,
                "name": actor.name,
                "kind": actor.kind,
                "aliases": sorted(set(actor.aliases)),
            }
        )
    return rows


def _mention_rows(build: Build) -> list[dict[str, Any]]:
    """One row per (actor, document): the number of mentions."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for extraction in build.extractions:
        for mention in extraction.mentions:
            actor_id = build.resolution.index.get((mention.doc, mention.name))
            if actor_id is not None:
                counts[(actor_id, extraction.document.id)] += mention.count
    return [
        {"actor": actor, "doc": doc, "count": count}
        for (actor, doc), count in sorted(counts.items())
    ]


def _relation_rows(triples: Iterable[Triple], dates: dict[str, str | None]) -> list[dict[str, Any]]:
    """One row per (source, type, target, document): every distinct evidence sentence in
    text order with its event date ("" for none; the first dated triple of that sentence);
    the earliest event date; the strongest modality (asserted > planned > reported); the
    rule of the first sentence."""
    grouped: dict[tuple[str, str, str, str], list[Triple]] = defaultdict(list)
    for triple in triples:
        kind = RELATION_TYPES.get(triple.relation)
        if kind is None:
            raise LoadError(
                f"{triple.doc}: relation {triple.relation!r} is not one of "
                f"{', '.join(RELATION_TYPES)}."
            )
        grouped[(triple.source.id, kind, triple.target.id, triple.doc)].append(triple)
    rows = []
    for (source, kind, target, doc), group in sorted(grouped.items()):
        group.sort(key=lambda t: (t.start, t.end, t.sentence))
        event_dates: dict[str, str] = {}
        for t in group:
            if not event_dates.get(t.sentence):
                event_dates[t.sentence] = t.event_date or ""
        rows.append(
            {
                "source": source,
                "target": target,
                "type": kind,
                "doc": doc,
                "sentences": list(event_dates),
                "event_dates": list(event_dates.values()),
                # ISO strings of any precision sort by time: "2015" before "2015-03-01".
                "event_date": min((d for d in event_dates.values() if d), default=None),
                "modality": min((t.modality for t in group), key=_modality_rank),
                "date": dates.get(doc),
                "rule": group[0].rule,
            }
        )
    return rows


def _modality_rank(modality: str) -> int:
    return MODALITIES.index(modality) if modality in MODALITIES else len(MODALITIES)
