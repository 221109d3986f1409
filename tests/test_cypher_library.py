"""The analyst query library (cypher/*.cypher): headers, and each file run on the seeded store
with its own example parameters, its rows checked against the graph read another way."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = sorted((ROOT / "cypher").glob("*.cypher"))
RELATIONS = ("MET_WITH", "ALLIED_TO", "OPPOSES")


def run_file(store, path: Path, params: dict) -> list[dict]:
    return store.run(path.read_text(encoding="utf-8"), params)


@pytest.fixture(scope="module")
def edges(explore_store) -> list[dict]:
    """Every actor-to-actor relationship, read without the library."""
    return explore_store.run(
        "MATCH (a:Actor)-[r]->(b:Actor) "
        "RETURN a.id AS s, a.name AS source, type(r) AS type, b.id AS t, b.name AS target, "
        "r.doc AS doc, r.sentences AS sentences"
    )


@pytest.fixture(scope="module")
def actors(explore_store) -> dict[str, dict]:
    rows = explore_store.run(
        "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.aliases AS aliases"
    )
    return {r["id"]: r for r in rows}


def named(actors: dict[str, dict], name: str) -> set[str]:
    return {i for i, a in actors.items() if a["name"] == name or name in (a["aliases"] or [])}


def test_library_has_the_required_queries() -> None:
    names = {p.stem for p in LIBRARY}
    assert len(LIBRARY) >= 8
    assert {
        "met_with",
        "allies",
        "opponents",
        "evidence",
        "most_connected",
        "shortest_path",
        "timeline",
        "common_target",
        "friction",
    } <= names


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.name)
def test_header_states_purpose_guarantees_and_params(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("//"):
            break
        header.append(line)
    assert len(header) >= 3, "a purpose line, the guarantees and a params line"
    assert any(line.startswith("// Guarantees:") for line in header)
    assert sum(line.startswith("// params:") for line in header) == 1
    assert re.search(r"\$\w+", path.read_text()), "queries take parameters, never literals"
    for name in re.findall(r"\$(\w+)", path.read_text()):
        assert f"{name}=" in next(h for h in header if h.startswith("// params:"))


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.name)
def test_every_file_runs_with_its_example_params(explore_store, explore_params, path) -> None:
    rows = run_file(explore_store, path, explore_params(path))
    assert rows, f"{path.name} with its `// params:` line finds nothing in the seeds"
    json.dumps(rows)  # plain data on every store


def test_met_with(explore_store, explore_params, edges) -> None:
    path = ROOT / "cypher" / "met_with.cypher"
    params = explore_params(path)
    rows = run_file(explore_store, path, params)
    expected: dict[frozenset, int] = defaultdict(int)
    for e in edges:
        if e["type"] == "MET_WITH":
            expected[frozenset((e["source"], e["target"]))] += 1
    assert rows and len(rows) == min(len(expected), params["limit"])
    for row in rows:
        assert row["meetings"] == expected[frozenset((row["source"], row["target"]))]
        assert len(row["documents"]) == row["meetings"]
        assert row["documents"] == sorted(row["documents"])
    assert [r["meetings"] for r in rows] == sorted((r["meetings"] for r in rows), reverse=True)


@pytest.mark.parametrize(("stem", "relation"), [("allies", "ALLIED_TO"), ("opponents", "OPPOSES")])
def test_allies_and_opponents(explore_store, explore_params, edges, actors, stem, relation) -> None:
    path = ROOT / "cypher" / f"{stem}.cypher"
    params = explore_params(path)
    rows = run_file(explore_store, path, params)
    ids = named(actors, params["name"])
    expected = {
        (e["target"] if e["s"] in ids else e["source"])
        for e in edges
        if e["type"] == relation and (e["s"] in ids or e["t"] in ids)
    }
    column = "ally" if stem == "allies" else "opponent"
    assert rows, f"{params['name']} should have at least one {column} in the seeds"
    assert {r[column] for r in rows} == expected
    assert all(r["documents"] == len(r["docs"]) >= 1 and r["example"] for r in rows)
    if stem == "opponents":
        for r in rows:
            source_is_actor = any(
                e["s"] in ids and e["target"] == r["opponent"]
                for e in edges
                if e["type"] == relation
            )
            assert r["direction"] in ("opposes", "opposed by")
            assert source_is_actor or r["direction"] == "opposed by"


def test_evidence(explore_store, explore_params, edges, actors) -> None:
    path = ROOT / "cypher" / "evidence.cypher"
    params = explore_params(path)
    rows = run_file(explore_store, path, params)
    a, b = named(actors, params["source"]), named(actors, params["target"])
    expected = [e for e in edges if (e["s"] in a and e["t"] in b) or (e["s"] in b and e["t"] in a)]
    assert rows and len(rows) == len(expected)
    docs = {
        r["doc"]: r
        for r in explore_store.run("MATCH (d:Document) RETURN d.id AS doc, d.path AS path")
    }
    for row in rows:
        assert row["sentences"] and all(s.strip() for s in row["sentences"])
        assert row["doc"] in docs and row["path"] == docs[row["doc"]]["path"]
        assert row["relation"] in RELATIONS
    dated = [r["date"] for r in rows if r["date"] is not None]
    assert dated == sorted(dated)


def test_most_connected(explore_store, explore_params, edges) -> None:
    path = ROOT / "cypher" / "most_connected.cypher"
    params = explore_params(path)
    rows = run_file(explore_store, path, params)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if e["type"] in RELATIONS:
            neighbours[e["s"]].add(e["t"])
            neighbours[e["t"]].add(e["s"])
    assert rows and len(rows) == min(params["limit"], len(neighbours))
    assert rows[0]["neighbours"] == max(len(n) for n in neighbours.values())
    counts = [r["neighbours"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert all(r["met_with"] + r["allied_to"] + r["opposes"] >= r["neighbours"] for r in rows)


def test_shortest_path(explore_store, explore_params, actors, edges) -> None:
    path = ROOT / "cypher" / "shortest_path.cypher"
    params = explore_params(path)
    rows = run_file(explore_store, path, params)
    assert rows, "the example actors should be connected in the seeds"
    assert [r["hop"] for r in rows] == list(range(1, rows[0]["hops"] + 1))
    assert {actors[i]["name"] for i in named(actors, params["source"])} == {rows[0]["source"]}
    assert {actors[i]["name"] for i in named(actors, params["target"])} == {rows[-1]["target"]}
    for before, after in zip(rows, rows[1:], strict=False):
        assert before["target"] == after["source"]
    assert all(r["sentence"] and r["doc"] for r in rows)
    # No shorter chain exists: a breadth-first search over every edge agrees on the length.
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        neighbours[e["s"]].add(e["t"])
        neighbours[e["t"]].add(e["s"])
    start, goal = named(actors, params["source"]), named(actors, params["target"])
    seen, frontier, hops = set(start), set(start), 0
    while frontier and not frontier & goal:
        frontier = {n for f in frontier for n in neighbours[f]} - seen
        seen |= frontier
        hops += 1
    assert rows[0]["hops"] == hops


def test_timeline(explore_store, explore_params, actors) -> None:
    path = ROOT / "cypher" / "timeline.cypher"
    params = explore_params(path)
    rows = run_file(explore_store, path, params)
    mentioned = explore_store.run(
        "MATCH (a:Actor)-[:MENTIONED_IN]->(d:Document) WHERE a.name = $name OR $name IN a.aliases "
        "RETURN count(DISTINCT d) AS n",
        params,
    )[0]["n"]
    assert rows and len({r["doc"] for r in rows}) == mentioned
    dates = [r["date"] for r in rows]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated) and dates == dated + [None] * (len(dates) - len(dated))
    assert any(r["events"] for r in rows)
    for r in rows:
        assert r["dated_by"] == ("document" if r["date"] == r["document_date"] else "event") or (
            r["date"] is None and r["dated_by"] is None
        )


def test_common_target(explore_store, explore_params, edges) -> None:
    path = ROOT / "cypher" / "common_target.cypher"
    params = explore_params(path)
    rows = run_file(explore_store, path, params)
    opponents: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if e["type"] == "OPPOSES":
            opponents[e["target"]].add(e["source"])
    expected = {t: o for t, o in opponents.items() if len(o) >= 2}
    assert rows, "the seeds should have a target opposed by two actors"
    assert {r["target"]: set(r["opponents"]) for r in rows} == expected
    assert all(r["opponent_count"] == len(r["opponents"]) for r in rows)
    assert all(r["opponents"] == sorted(r["opponents"]) for r in rows)
    assert all(r["documents"] == sorted(r["documents"]) for r in rows)


def test_friction(explore_store, explore_params, edges) -> None:
    path = ROOT / "cypher" / "friction.cypher"
    rows = run_file(explore_store, path, explore_params(path))
    allied = {frozenset((e["s"], e["t"])) for e in edges if e["type"] == "ALLIED_TO"}
    opposes = {(e["s"], e["t"]) for e in edges if e["type"] == "OPPOSES"}
    ids = {e["source"]: e["s"] for e in edges} | {e["target"]: e["t"] for e in edges}
    expected = {
        (a, b, c)
        for (a, c) in opposes
        for b in ids.values()
        if frozenset((a, b)) in allied and frozenset((b, c)) in allied and a != c
    }
    got = {(ids[r["actor"]], ids[r["ally"]], ids[r["opposed"]]) for r in rows}
    assert got == expected
    assert rows, "the seeds should contain one friction triangle"


def test_ego_network_and_documents(explore_store, explore_params, edges) -> None:
    ego = ROOT / "cypher" / "ego_network.cypher"
    rows = run_file(explore_store, ego, explore_params(ego))
    assert rows and all(r["relation"] in RELATIONS for r in rows)
    docs_path = ROOT / "cypher" / "documents.cypher"
    docs = run_file(explore_store, docs_path, explore_params(docs_path))
    total = explore_store.run("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
    assert len(docs) == total > 0
    assert sum(d["relations"] for d in docs) == sum(1 for e in edges if e["type"] in RELATIONS)


def test_a_name_that_matches_no_actor_gets_a_hint(explore_settings, capsys) -> None:
    from graphbuild.store import run_query

    assert run_query(explore_settings, "allies", {"name": "russia"})  # case ignored
    assert capsys.readouterr().err == ""
    assert run_query(explore_settings, "allies", {"name": "Rusia"}) == []
    err = capsys.readouterr().err
    assert "no actor is named 'Rusia' (name), by name or alias. Did you mean 'Russia'" in err
    assert err.count("\n") == 1


def test_params_lines_parse_like_the_cli(explore_params) -> None:
    params = explore_params(ROOT / "cypher" / "evidence.cypher")
    assert set(params) == {"source", "target"}
    assert all(isinstance(v, str) and v.strip() == v for v in params.values())
    assert json.dumps(explore_params(ROOT / "cypher" / "met_with.cypher")) == '{"limit": 25}'


# --- the same files on a small graph of invented actors, where every answer is known -------
# Symmetric relations are stored as the loader stores them: smaller actor id first.

INVENTED = """
CREATE (ada:Actor:Person {id: 'p1', name: 'Ada Quill', kind: 'PERSON', aliases: ['Quill'],
                          mentions: 3}),
       (bram:Actor:Person {id: 'p2', name: 'Bram Otter', kind: 'PERSON', aliases: [], mentions: 1}),
       (ced:Actor:State {id: 's1', name: 'Cedonia', kind: 'STATE', aliases: ['Cedonian'],
                         mentions: 4}),
       (dun:Actor:State {id: 's2', name: 'Dunmark', kind: 'STATE', aliases: [], mentions: 2}),
       (eld:Actor:Organization {id: 'o1', name: 'Eldwood Front', kind: 'ORG', aliases: [],
                                mentions: 2}),
       (d1:Document {id: 'one.txt', path: 'one.txt', title: 'One', date: '2021-05-01'}),
       (d2:Document {id: 'two.txt', path: 'two.txt', title: 'Two', date: '2020-01-09'}),
       (d3:Document {id: 'three.txt', path: 'three.txt', title: 'Three'}),
       (ada)-[:MET_WITH {doc: 'one.txt', sentences: ['Quill met Otter.'],
        modality: 'asserted'}]->(bram),
       (ada)-[:MET_WITH {doc: 'two.txt', sentences: ['Quill will meet Otter.'],
        modality: 'planned'}]->(bram),
       (ced)-[:ALLIED_TO {doc: 'one.txt', sentences: ['Cedonia backs Dunmark.'],
        modality: 'asserted'}]->(dun),
       (eld)-[:ALLIED_TO {doc: 'two.txt', sentences: ['Cedonia arms Eldwood.'],
        modality: 'asserted'}]->(ced),
       (dun)-[:OPPOSES {doc: 'two.txt', sentences: ['Dunmark shells Eldwood.'],
        modality: 'asserted'}]->(eld),
       (bram)-[:OPPOSES {doc: 'three.txt', sentences: ['Otter denounced Eldwood.'],
        modality: 'reported'}]->(eld),
       (bram)-[:MET_WITH {doc: 'three.txt', sentences: ['Otter met Dunmark envoys.'],
        modality: 'asserted'}]->(dun),
       (ada)-[:MENTIONED_IN {count: 2}]->(d1), (ada)-[:MENTIONED_IN {count: 1}]->(d2),
       (bram)-[:MENTIONED_IN {count: 1}]->(d3), (bram)-[:MENTIONED_IN {count: 1}]->(d1),
       (ced)-[:MENTIONED_IN {count: 1}]->(d1), (ced)-[:MENTIONED_IN {count: 3}]->(d2),
       (dun)-[:MENTIONED_IN {count: 1}]->(d1), (dun)-[:MENTIONED_IN {count: 1}]->(d2),
       (dun)-[:MENTIONED_IN {count: 1}]->(d3),
       (eld)-[:MENTIONED_IN {count: 1}]->(d2), (eld)-[:MENTIONED_IN {count: 1}]->(d3)
"""


@pytest.fixture
def invented(new_settings):
    from graphbuild.store import open_store

    with open_store(new_settings) as store:
        store.run(INVENTED)
        yield store


def library(store, stem: str, **params) -> list[dict]:
    from graphbuild.library import parse

    path = ROOT / "cypher" / f"{stem}.cypher"
    return run_file(store, path, parse(path).bind(params))  # as `graphbuild query FILE`


def test_known_answers_on_invented_actors(invented) -> None:
    met = library(invented, "met_with", limit=10)
    assert [(r["source"], r["target"], r["meetings"], r["planned"]) for r in met] == [
        ("Ada Quill", "Bram Otter", 2, 1),
        ("Bram Otter", "Dunmark", 1, 0),
    ]
    assert [r["ally"] for r in library(invented, "allies", name="Cedonian")] == [
        "Dunmark",
        "Eldwood Front",
    ]
    assert [
        (r["direction"], r["opponent"])
        for r in library(invented, "opponents", name="Eldwood Front")
    ] == [
        ("opposed by", "Bram Otter"),
        ("opposed by", "Dunmark"),
    ]
    evidence = library(invented, "evidence", source="Quill", target="Bram Otter")
    assert [(r["date"], r["modality"], r["title"]) for r in evidence] == [
        ("2020-01-09", "planned", "Two"),
        ("2021-05-01", "asserted", "One"),
    ]
    top = library(invented, "most_connected", limit=1)[0]
    assert (top["actor"], top["neighbours"]) in {("Dunmark", 3), ("Eldwood Front", 3)}
    path = library(invented, "shortest_path", source="Quill", target="Eldwood Front")
    assert [(r["source"], r["relation"], r["direction"], r["target"]) for r in path] == [
        ("Ada Quill", "MET_WITH", "--", "Bram Otter"),
        ("Bram Otter", "OPPOSES", "->", "Eldwood Front"),
    ]
    back = library(invented, "shortest_path", source="Eldwood Front", target="Ada Quill")
    assert [(r["source"], r["direction"], r["target"]) for r in back] == [
        ("Eldwood Front", "<-", "Bram Otter"),
        ("Bram Otter", "--", "Ada Quill"),
    ]
    timeline = library(invented, "timeline", name="Dunmark")
    assert [(r["doc"], r["events"]) for r in timeline] == [
        ("two.txt", ["OPPOSES Eldwood Front"]),
        ("one.txt", ["ALLIED_TO Cedonia"]),
        ("three.txt", ["MET_WITH Bram Otter"]),
    ]
    common = library(invented, "common_target", limit=5)
    assert [(r["target"], r["opponents"]) for r in common] == [
        ("Eldwood Front", ["Bram Otter", "Dunmark"])
    ]
    friction = library(invented, "friction", limit=5)
    assert [(r["actor"], r["ally"], r["opposed"]) for r in friction] == [
        ("Dunmark", "Cedonia", "Eldwood Front")
    ]
    assert library(invented, "allies", name="Nobody At All") == []
    assert library(invented, "shortest_path", source="Ada Quill", target="Ada Quill") == []


TIMELINE = """
CREATE (dun:Actor:State {id: 's2', name: 'Dunmark', kind: 'STATE', aliases: ['Dunmarkia']}),
       (eld:Actor:Organization {id: 'o1', name: 'Eldwood Front', kind: 'ORG', aliases: []}),
       (ced:Actor:State {id: 's1', name: 'Cedonia', kind: 'STATE', aliases: []}),
       (d1:Document {id: 'one.txt', path: 'one.txt', title: 'One', date: '2021-05-01'}),
       (d2:Document {id: 'two.txt', path: 'two.txt', title: 'Two', date: '2020-01-09'}),
       (d3:Document {id: 'three.txt', path: 'three.txt', title: 'Three'}),
       (d4:Document {id: 'four.txt', path: 'four.txt', title: 'Four'}),
       (dun)-[:MET_WITH {doc: 'one.txt', sentences: ['a', 'b'], event_dates: ['', '2021-04'],
        event_date: '2021-04', modality: 'asserted'}]->(ced),
       (eld)-[:OPPOSES {doc: 'one.txt', sentences: ['c'], event_dates: [''],
        modality: 'asserted'}]->(dun),
       (dun)-[:OPPOSES {doc: 'two.txt', sentences: ['d'], event_dates: ['1998'],
        event_date: '1998', modality: 'asserted'}]->(eld),
       (ced)-[:ALLIED_TO {doc: 'three.txt', sentences: ['e'], event_dates: ['2019-03-02'],
        event_date: '2019-03-02', modality: 'asserted'}]->(dun),
       (dun)-[:MENTIONED_IN {count: 2}]->(d1), (dun)-[:MENTIONED_IN {count: 1}]->(d2),
       (dun)-[:MENTIONED_IN {count: 1}]->(d3), (dun)-[:MENTIONED_IN {count: 1}]->(d4)
"""


def test_timeline_orders_by_event_date_and_says_which_date_it_used(new_settings) -> None:
    from graphbuild.store import open_store

    with open_store(new_settings) as store:
        store.run(TIMELINE)
        rows = library(store, "timeline", name="Dunmarkia")
    assert [(r["date"], r["dated_by"], r["doc"], r["events"]) for r in rows] == [
        ("1998", "event", "two.txt", ["OPPOSES Eldwood Front"]),
        ("2019-03-02", "event", "three.txt", ["ALLIED_TO Cedonia"]),
        ("2021-04", "event", "one.txt", ["MET_WITH Cedonia"]),
        ("2021-05-01", "document", "one.txt", ["OPPOSES <- Eldwood Front"]),
        (None, None, "four.txt", []),
    ]
