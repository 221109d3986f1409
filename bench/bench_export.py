"""Export and viz timings on a synthetic graph in a throwaway embedded store.

Writes N actors, N/10 documents and E relationships (with MENTIONED_IN edges) into a fresh
embedded FalkorDB in a temp dir, then times `export_graph` for each format and `write_viz`,
and reports peak memory (ru_maxrss) after each step.

    python bench/bench_export.py --actors 20000 --edges 100000 [--keep DIR]

Public tools only: time.perf_counter, resource.getrusage.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from graphbuild.config import Settings
from graphbuild.explore import export_graph, write_viz
from graphbuild.store import open_store
from graphbuild.store.server import stop

TYPES = ("MET_WITH", "ALLIED_TO", "OPPOSES")
KINDS = (("PERSON", "Person"), ("ORG", "Organization"), ("STATE", "State"))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def populate(settings: Settings, actors: int, edges: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    documents = max(1, actors // 10)
    with open_store(settings) as store:
        store.run("MATCH (n) DETACH DELETE n")
        store.run("CREATE INDEX FOR (a:Actor) ON (a.id)")
        store.run("CREATE INDEX FOR (d:Document) ON (d.id)")
        for kind, label in KINDS:
            rows = [
                {"id": f"a{i:07d}", "name": f"Actor {i}", "kind": kind, "aliases": [f"A{i}"]}
                for i in range(actors)
                if KINDS[i % 3][0] == kind
            ]
            store.write(
                f"UNWIND $rows AS row CREATE (:Actor:{label} {{id: row.id, name: row.name, "
                "kind: row.kind, aliases: row.aliases, mentions: 1})",
                rows,
                5000,
            )
        store.write(
            "UNWIND $rows AS row CREATE (:Document {id: row.id, path: row.id, title: row.title})",
            [{"id": f"d{i:06d}.txt", "title": f"Story {i}"} for i in range(documents)],
            5000,
        )
        for rel in TYPES:
            rows = []
            for _ in range(edges // len(TYPES)):
                a, b = rng.randrange(actors), rng.randrange(actors)
                doc = f"d{rng.randrange(documents):06d}.txt"
                rows.append(
                    {
                        "s": f"a{a:07d}",
                        "t": f"a{b:07d}",
                        "doc": doc,
                        "sentences": [f"Actor {a} and Actor {b}: {rel.lower()}."],
                    }
                )
            store.write(
                "UNWIND $rows AS row MATCH (s:Actor {id: row.s}), (t:Actor {id: row.t}) "
                f"CREATE (s)-[:{rel} {{doc: row.doc, sentences: row.sentences, "
                "modality: 'asserted', rule: 'bench'}]->(t)",
                rows,
                5000,
            )
        store.write(
            "UNWIND $rows AS row MATCH (a:Actor {id: row.a}), (d:Document {id: row.d}) "
            "CREATE (a)-[:MENTIONED_IN {count: 1}]->(d)",
            [{"a": f"a{i:07d}", "d": f"d{i % documents:06d}.txt"} for i in range(actors)],
            5000,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=20000)
    parser.add_argument("--edges", type=int, default=100000)
    parser.add_argument("--keep", type=Path, help="write the exports here (default: temp dir)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        out = args.keep or Path(tmp) / "out"
        settings = Settings(data_dir=data_dir, database="bench_export", batch_size=1000)
        try:
            started = time.perf_counter()
            populate(settings, args.actors, args.edges)
            print(f"populated in {time.perf_counter() - started:.1f} s")
            for fmt, target in (
                ("graphml", out / "graph.graphml"),
                ("csv", out / "csv"),
                ("jsonl", out / "graph.jsonl"),
            ):
                started = time.perf_counter()
                summary = export_graph(settings, fmt, target)
                took = time.perf_counter() - started
                print(f"{fmt}: {took:.1f} s, peak {peak_mb():.0f} MB: {summary}")
            started = time.perf_counter()
            summary = write_viz(settings, out / "graph.html", None, {})
            print(f"viz: {time.perf_counter() - started:.1f} s, peak {peak_mb():.0f} MB: {summary}")
        finally:
            stop(data_dir)


if __name__ == "__main__":
    main()
