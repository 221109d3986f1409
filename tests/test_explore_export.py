"""Exports of the seeded store: GraphML (networkx reads it), neo4j-admin CSV, JSON Lines."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from graphbuild.errors import ConfigError, InputError
from graphbuild.explore import export_graph

nx = pytest.importorskip("networkx")


def store_counts(store) -> tuple[int, int]:
    nodes = store.run("MATCH (n) RETURN count(n) AS n")[0]["n"]
    relationships = store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return int(nodes), int(relationships)


def an_actor_with_aliases(store) -> dict:
    rows = store.run(
        "MATCH (a:Actor) WHERE size(a.aliases) > 0 "
        "RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases "
        "ORDER BY a.id LIMIT 1"
    )
    assert rows, "the seeds should give at least one actor with an alias"
    return rows[0]


def a_relation(store) -> dict:
    rows = store.run(
        "MATCH (a:Actor)-[r:MET_WITH|ALLIED_TO|OPPOSES]->(b:Actor) "
        "RETURN a.id AS source, b.id AS target, type(r) AS type, r.doc AS doc, "
        "r.sentences AS sentences ORDER BY source, type, target, doc LIMIT 1"
    )
    assert rows
    return rows[0]


def test_graphml_opens_in_networkx_with_the_stores_counts(
    explore_settings, explore_store, tmp_path: Path
) -> None:
    out = tmp_path / "graph.graphml"
    summary = export_graph(explore_settings, "graphml", out)
    graph = nx.read_graphml(out)
    nodes, relationships = store_counts(explore_store)
    assert nodes > 0 and relationships > 0
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, relationships)
    assert f"{nodes} nodes and {relationships} relationships" in summary

    known = an_actor_with_aliases(explore_store)
    attributes = graph.nodes[f"actor:{known['id']}"]
    assert attributes["name"] == known["name"] == attributes["label"]
    assert attributes["kind"] == known["kind"]
    assert json.loads(attributes["aliases"]) == known["aliases"]
    assert attributes["labels"].startswith(":Actor:")
    assert isinstance(attributes["mentions"], int)

    edge = a_relation(explore_store)
    found = [
        data
        for data in graph.get_edge_data(
            f"actor:{edge['source']}", f"actor:{edge['target']}"
        ).values()
        if data["type"] == edge["type"] and data["doc"] == edge["doc"]
    ]
    assert len(found) == 1
    assert json.loads(found[0]["sentences"]) == edge["sentences"]

    export_graph(explore_settings, "graphml", tmp_path / "again.graphml")
    assert (tmp_path / "again.graphml").read_bytes() == out.read_bytes()


def test_csv_is_in_the_neo4j_admin_import_format(
    explore_settings, explore_store, tmp_path: Path
) -> None:
    out = tmp_path / "csv"
    export_graph(explore_settings, "csv", out)
    script = (out / "neo4j-admin-import.sh").read_text()
    delimiter = script.split("--array-delimiter='", 1)[1][0]
    files = sorted(p.name for p in out.glob("*.csv"))
    for name in files:
        assert f"={name} " in script

    nodes: dict[str, dict[str, str]] = {}
    for path in out.glob("nodes_*.csv"):
        rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
        group = path.stem.removeprefix("nodes_")
        header = next(csv.reader(path.open(encoding="utf-8", newline="")))
        assert header[:2] == [f"id:ID({group})", ":LABEL"]
        nodes.update({f"{group}:{row[header[0]]}": row for row in rows})
    relationships = 0
    for path in out.glob("relationships_*.csv"):
        reader = csv.reader(path.open(encoding="utf-8", newline=""))
        header = next(reader)
        assert header[0].startswith(":START_ID(") and header[1].startswith(":END_ID(")
        assert header[2] == ":TYPE"
        start, end = header[0][10:-1], header[1][8:-1]
        for row in reader:
            relationships += 1
            assert f"{start}:{row[0]}" in nodes and f"{end}:{row[1]}" in nodes
            assert row[2] == path.stem.removeprefix("relationships_").split("_Actor")[0]
    assert (len(nodes), relationships) == store_counts(explore_store)

    known = an_actor_with_aliases(explore_store)
    row = nodes[f"Actor:{known['id']}"]
    assert row[":LABEL"].split(delimiter)[0] == "Actor"
    assert row["aliases:string[]"].split(delimiter) == known["aliases"]
    assert row["mentions:long"].isdigit()


def test_jsonl_has_every_node_then_every_relationship(
    explore_settings, explore_store, tmp_path: Path
) -> None:
    out = tmp_path / "graph.jsonl"
    export_graph(explore_settings, "jsonl", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    kinds = [r["type"] for r in records]
    assert kinds == sorted(kinds, key=lambda k: k != "node")  # nodes first
    node_ids = {r["id"] for r in records if r["type"] == "node"}
    rels = [r for r in records if r["type"] == "relationship"]
    assert (len(node_ids), len(rels)) == store_counts(explore_store)
    assert all(r["start"]["id"] in node_ids and r["end"]["id"] in node_ids for r in rels)
    edge = a_relation(explore_store)
    assert any(
        r["label"] == edge["type"]
        and r["properties"]["doc"] == edge["doc"]
        and r["properties"]["sentences"] == edge["sentences"]
        for r in rels
    )


def test_export_errors(explore_settings, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="xlsx"):
        export_graph(explore_settings, "xlsx", tmp_path / "g.xlsx")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(InputError, match="cannot"):
        export_graph(explore_settings, "graphml", blocker / "g.graphml")
    with pytest.raises(InputError, match="cannot"):
        export_graph(explore_settings, "csv", blocker)


def test_csv_picks_a_delimiter_no_value_contains(new_settings, tmp_path: Path) -> None:
    from graphbuild.store import open_store

    with open_store(new_settings) as store:
        store.run(
            "CREATE (:Actor:Organization {id: 'o1', name: 'Semi Colon Group', kind: 'ORG', "
            "aliases: $aliases, mentions: 1})"
            "-[:OPPOSES {doc: 'x.txt', sentences: $sentences, modality: 'asserted'}]->"
            "(:Actor:State {id: 's1', name: $name, kind: 'STATE', aliases: [], mentions: 2})",
            {
                "aliases": ["S;C", "SCG"],
                "sentences": ["Line one;\nline two."],
                "name": "Vetland\u0007",
            },
        )
    out = tmp_path / "csv"
    export_graph(new_settings, "csv", out)
    script = (out / "neo4j-admin-import.sh").read_text()
    assert "--array-delimiter='|'" in script
    assert "--multiline-fields=true" in script
    rows = {r["id:ID(Actor)"]: r for r in csv.DictReader((out / "nodes_Actor.csv").open())}
    assert rows["o1"]["aliases:string[]"].split("|") == ["S;C", "SCG"]
    assert rows["o1"][":LABEL"] == "Actor|Organization"
    rels = list(csv.DictReader((out / "relationships_OPPOSES.csv").open(newline="")))
    assert rels[0]["sentences:string[]"] == "Line one;\nline two."

    out = tmp_path / "g.graphml"
    summary = export_graph(new_settings, "graphml", out)
    assert nx.read_graphml(out).nodes["actor:s1"]["name"] == "Vetland "  # XML forbids \x07
    assert "The store holds" not in summary


def test_export_says_when_the_store_holds_more_than_graphbuild_labels(
    new_settings, tmp_path: Path
) -> None:
    from graphbuild.store import open_store

    with open_store(new_settings) as store:
        store.run("CREATE (:Actor:Person {id: 'p1', name: 'Ivo Tarn', kind: 'PERSON'}), (:Note)")
    summary = export_graph(new_settings, "jsonl", tmp_path / "g.jsonl")
    assert summary.startswith("Exported 1 nodes and 0 relationships")
    assert "The store holds 2 nodes and 0 relationships" in summary


def test_exports_carry_event_dates(new_settings, tmp_path: Path) -> None:
    from graphbuild.pipeline import run
    from graphbuild.store import open_store

    text = "Anna Petrova met Boris Ivanov on Wednesday.\n\nAnna Petrova met Boris Ivanov again."
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "date": "2015-11-03", "text": text}) + "\n")
    with open_store(new_settings) as store:
        run([str(feed)], new_settings, store)

    export_graph(new_settings, "jsonl", tmp_path / "graph.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "graph.jsonl").read_text().splitlines()]
    (met,) = [r["properties"] for r in lines if r.get("label") == "MET_WITH"]
    assert (met["event_date"], met["event_dates"]) == ("2015-10-28", ["2015-10-28", ""])

    export_graph(new_settings, "graphml", tmp_path / "graph.graphml")
    graph = nx.read_graphml(tmp_path / "graph.graphml")
    (edge,) = [d for _, _, d in graph.edges(data=True) if d["type"] == "MET_WITH"]
    assert edge["event_date"] == "2015-10-28"
    assert json.loads(edge["event_dates"]) == ["2015-10-28", ""]

    export_graph(new_settings, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "relationships_MET_WITH.csv").open(encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["event_date"] == "2015-10-28"
    assert row["event_dates:string[]"].split(";") == ["2015-10-28", ""]
