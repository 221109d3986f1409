"""The loader against real stores (the embedded FalkorDB over its socket, a real Neo4j 5):
graph model, evidence, idempotence, incremental loads."""

from __future__ import annotations

from collections import Counter

import pytest
from synthetic import synthetic_build

from graphbuild.errors import LoadError
from graphbuild.records import SYMMETRIC
from graphbuild.store.load import KIND_LABELS, RELATION_TYPES, load


def snapshot(store) -> dict:
    """Everything the loader writes, in a comparable form."""
    actors = store.run(
        "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.kind AS kind, "
        "a.aliases AS aliases, a.mentions AS mentions, labels(a) AS labels ORDER BY id"
    )
    for actor in actors:
        actor["labels"] = sorted(actor["labels"])
        actor["aliases"] = sorted(actor["aliases"])
    documents = store.run(
        "MATCH (d:Document) RETURN d.id AS id, d.path AS path, d.title AS title, "
        "d.date AS date, d.sha256 AS sha256 ORDER BY id"
    )
    relations = store.run(
        "MATCH (a:Actor)-[r]->(b:Actor) RETURN a.id AS source, type(r) AS type, "
        "b.id AS target, r.doc AS doc, r.sentences AS sentences, r.modality AS modality, "
        "r.date AS date, r.rule AS rule"
    )
    mentions = store.run(
        "MATCH (a:Actor)-[m:MENTIONED_IN]->(d:Document) "
        "RETURN a.id AS actor, d.id AS doc, m.count AS count"
    )
    key = lambda row: tuple(str(v) for v in row.values())  # noqa: E731
    return {
        "actors": actors,
        "documents": documents,
        "relations": sorted(relations, key=key),
        "mentions": sorted(mentions, key=key),
        "nodes": store.run("MATCH (n) RETURN count(n) AS n")[0]["n"],
        "edges": store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"],
    }


def test_graph_model(store) -> None:
    build = synthetic_build(documents=6, actors=10)
    load(store, build, batch_size=4)
    state = snapshot(store)

    expected_edges = {(t.source.id, t.relation, t.target.id, t.doc) for t in build.triples}
    assert len(state["relations"]) == len(expected_edges) > 0
    got = {(r["source"], r["type"], r["target"], r["doc"]) for r in state["relations"]}
    assert got == {(s, RELATION_TYPES[rel], t, d) for s, rel, t, d in expected_edges}
    assert len(state["documents"]) == 6
    assert all(r["doc"] and r["sentences"] for r in state["relations"])
    dates = {d["id"]: d["date"] for d in state["documents"]}
    assert all(r["date"] == dates[r["doc"]] for r in state["relations"])
    assert {d["sha256"] for d in state["documents"]} == {
        e.document.sha256 for e in build.extractions
    }

    kinds = {a.id: a.kind for a in build.resolution.actors}
    assert {a["id"] for a in state["actors"]} == set(kinds)
    for actor in state["actors"]:
        assert actor["labels"] == sorted(["Actor", KIND_LABELS[kinds[actor["id"]]]])

    mentioned = Counter()
    for extraction in build.extractions:
        for m in extraction.mentions:
            mentioned[build.resolution.index[(m.doc, m.name)]] += m.count
    assert {a["id"]: a["mentions"] for a in state["actors"]} == dict(mentioned)
    assert sum(m["count"] for m in state["mentions"]) == sum(mentioned.values())


def test_evidence_sentences_are_aggregated_per_document(store) -> None:
    build = synthetic_build(documents=3, actors=8, claims_per_document=8)
    load(store, build)
    expected: dict[tuple, list[str]] = {}
    for t in sorted(build.triples, key=lambda t: t.start):
        key = (t.source.id, RELATION_TYPES[t.relation], t.target.id, t.doc)
        expected.setdefault(key, [])
        if t.sentence not in expected[key]:
            expected[key].append(t.sentence)
    assert any(len(s) > 1 for s in expected.values()), "the fixture must repeat a pair"
    got = {
        (r["source"], r["type"], r["target"], r["doc"]): r["sentences"]
        for r in snapshot(store)["relations"]
    }
    assert got == expected


def test_symmetric_relations_are_stored_from_the_smaller_id(store) -> None:
    load(store, synthetic_build(documents=6))
    symmetric = {RELATION_TYPES[r] for r in SYMMETRIC}
    rows = [r for r in snapshot(store)["relations"] if r["type"] in symmetric]
    assert rows
    assert all(r["source"] < r["target"] for r in rows)


def test_second_load_changes_nothing(store) -> None:
    build = synthetic_build(documents=5)
    load(store, build, batch_size=3)
    first = snapshot(store)
    load(store, build, batch_size=3)
    assert snapshot(store) == first


def test_batch_size_does_not_change_the_graph(store) -> None:
    build = synthetic_build(documents=5)
    load(store, build, batch_size=1)
    one_by_one = snapshot(store)
    store.run("MATCH (n) DETACH DELETE n")
    load(store, build, batch_size=10_000)
    assert snapshot(store) == one_by_one


def test_changed_document_has_its_edges_replaced(store) -> None:
    load(store, synthetic_build(documents=5, version="v1"))
    edited = synthetic_build(documents=2, version="v2")  # doc00000, doc00001 edited
    load(store, edited)
    state = snapshot(store)

    edited_docs = {e.document.id for e in edited.extractions}
    rows = [r for r in state["relations"] if r["doc"] in edited_docs]
    assert {(r["source"], r["type"], r["target"], r["doc"]) for r in rows} == {
        (t.source.id, RELATION_TYPES[t.relation], t.target.id, t.doc) for t in edited.triples
    }
    assert all(s.startswith("v2 ") for r in rows for s in r["sentences"])
    others = [r for r in state["relations"] if r["doc"] not in edited_docs]
    assert others and all(s.startswith("v1 ") for r in others for s in r["sentences"])

    # The same end state as loading the final corpus from scratch.
    store.run("MATCH (n) DETACH DELETE n")
    load(store, synthetic_build(documents=2, version="v2"))
    load(store, synthetic_build(documents=3, first_document=2, version="v1"))
    scratch = snapshot(store)
    assert state["relations"] == scratch["relations"]
    assert state["mentions"] == scratch["mentions"]
    assert [(a["id"], a["mentions"]) for a in state["actors"]] == [
        (a["id"], a["mentions"]) for a in scratch["actors"]
    ]


def test_unchanged_documents_are_skipped_on_reload(store) -> None:
    load(store, synthetic_build(documents=4, version="v1"))
    store.run("MATCH ()-[r]->() SET r.marker = 1")
    load(store, synthetic_build(documents=4, version="v1"))
    total = store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    marked = store.run("MATCH ()-[r]->() WHERE r.marker = 1 RETURN count(r) AS n")[0]["n"]
    assert marked == total > 0

    load(store, synthetic_build(documents=1, version="v2"))  # doc00000 edited
    rows = store.run(
        "MATCH (:Actor)-[r]->(:Actor) RETURN r.doc AS doc, r.marker AS marker ORDER BY doc"
    )
    assert {r["doc"] for r in rows if r["marker"] is None} == {"doc00000.txt"}
    assert {r["doc"] for r in rows if r["marker"] == 1} == {
        "doc00001.txt",
        "doc00002.txt",
        "doc00003.txt",
    }


def test_changed_resolution_rewrites_a_document_with_the_same_text(store) -> None:
    from dataclasses import replace
    from types import MappingProxyType

    from graphbuild.pipeline import to_triples
    from graphbuild.records import Resolution

    build = synthetic_build(documents=4, actors=8)
    load(store, build)
    # The user's actor file now merges one actor into another: same texts, other ids.
    index = dict(build.resolution.index)
    gone, kept = sorted({index[k] for k in index})[:2]
    merged_index = {k: (kept if v == gone else v) for k, v in index.items()}
    resolution = Resolution(
        actors=tuple(a for a in build.resolution.actors if a.id != gone),
        index=MappingProxyType(merged_index),
    )
    merged = replace(
        build,
        resolution=resolution,
        triples=tuple(to_triples(build.extractions, resolution)),
    )
    load(store, merged)
    state = snapshot(store)

    store.run("MATCH (n) DETACH DELETE n")
    load(store, merged)
    scratch = snapshot(store)
    assert state["relations"] == scratch["relations"]
    assert state["mentions"] == scratch["mentions"]
    assert gone not in {a["id"] for a in state["actors"]}


def test_undated_documents_load_without_a_date(store) -> None:
    build = synthetic_build(documents=3, dated=False)
    load(store, build)
    state = snapshot(store)
    assert state["relations"] and all(r["date"] is None for r in state["relations"])
    assert all(d["date"] is None for d in state["documents"])


def test_a_changed_kind_moves_the_kind_label(store) -> None:
    from dataclasses import replace

    build = synthetic_build(documents=3, actors=6)
    load(store, build)
    flip = {"PERSON": "ORG", "ORG": "STATE", "STATE": "PERSON"}
    actors = tuple(replace(a, kind=flip[a.kind]) for a in build.resolution.actors)
    load(store, replace(build, resolution=replace(build.resolution, actors=actors)))
    labels = {a["id"]: a["labels"] for a in snapshot(store)["actors"]}
    assert labels == {a.id: sorted(["Actor", KIND_LABELS[a.kind]]) for a in actors}


def test_new_documents_add_edges_without_duplicating_actors(store) -> None:
    first = synthetic_build(documents=4, actors=9)
    later = synthetic_build(documents=4, actors=9, first_document=4)
    load(store, first)
    before = snapshot(store)
    load(store, later)
    after = snapshot(store)
    ids = [a["id"] for a in after["actors"]]
    assert len(ids) == len(set(ids))
    assert set(ids) == {a.id for a in first.resolution.actors} | {
        a.id for a in later.resolution.actors
    }
    assert len(after["relations"]) > len(before["relations"])
    assert len(after["documents"]) == 8


def test_known_actors_returns_the_stored_actors(store) -> None:
    assert store.known_actors() == []
    build = synthetic_build(documents=4)
    load(store, build)
    known = store.known_actors()
    assert [a.id for a in known] == sorted(a.id for a in build.resolution.actors)
    by_id = {a.id: a for a in build.resolution.actors}
    for actor in known:
        assert (actor.name, actor.kind) == (by_id[actor.id].name, by_id[actor.id].kind)
        assert set(actor.aliases) == set(by_id[actor.id].aliases)
        assert actor.mentions > 0


def test_unknown_relation_is_refused_before_writing(store) -> None:
    from dataclasses import replace

    build = synthetic_build(documents=2)
    bad = replace(build, triples=(replace(build.triples[0], relation="BOMBS"),))
    with pytest.raises(LoadError, match="BOMBS"):
        load(store, bad)
    assert store.run("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


def test_edges_keep_each_sentence_event_date_and_the_earliest(store, tmp_path) -> None:
    import json

    from graphbuild.pipeline import run

    text = (
        "Anna Petrova will meet Boris Ivanov next month.\n\n"
        "Anna Petrova met Boris Ivanov in Geneva.\n\n"
        "Anna Petrova met Boris Ivanov on Wednesday."
    )
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "date": "2015-11-03", "text": text}) + "\n")
    run([str(feed)], store.settings, store)
    (edge,) = store.run(
        "MATCH (:Actor)-[r:MET_WITH]->(:Actor) RETURN r.sentences AS sentences, "
        "r.event_dates AS event_dates, r.event_date AS event_date, r.date AS date"
    )
    assert edge["sentences"] == text.split("\n\n")
    assert edge["event_dates"] == ["2015-12", "", "2015-10-28"]
    assert edge["event_date"] == "2015-10-28"  # the earliest, not the first
    assert edge["date"] == "2015-11-03"
