"""Each library query (cypher/*.cypher) timed on a synthetic store of 100k edges.

Writes ACTORS actors, ACTORS/2 dated documents and EDGES relationships into a fresh
embedded FalkorDB in a temp dir. Actors are drawn with Zipf-like weights, as in news:
a few hubs (the states and leaders every article names) hold most edges, which is what
makes path and triangle queries expensive. Each query then runs with its defaults and
the biggest hub as `name`/`source` (the worst case), three times; the best and worst
wall-clock times are printed against the 2 s target. A query the server stops at
--timeout is reported as such.

    python bench/bench_queries.py [--actors 5000] [--edges 100000] [--timeout 30]
        [--data-dir DIR] [--only timeline,friction]

With --data-dir the store is kept there (and stopped at the end): a second run finds it
populated and only times the queries.

Public tools only: time.perf_counter.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from graphbuild import library
from graphbuild.config import Settings
from graphbuild.errors import QueryError
from graphbuild.store import open_store, query_text
from graphbuild.store.server import stop

TYPES = ("MET_WITH", "ALLIED_TO", "OPPOSES")
LABELS = ("Person", "Organization", "State")
KINDS = ("PERSON", "ORG", "STATE")
TARGET = 2.0  # seconds


def populate(settings: Settings, actors: int, edges: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    weights = [1 / (i + 1) for i in range(actors)]
    documents = max(1, actors // 2)
    with open_store(settings) as store:
        store.ensure_schema()
        for k, label in enumerate(LABELS):
            rows = [
                {
                    "id": f"a{i:07d}",
                    "name": f"Actor {i}",
                    "kind": KINDS[k],
                    "aliases": [f"Actor {i}", f"A{i}"],
                    "mentions": actors - i,
                }
                for i in range(actors)
                if i % 3 == k
            ]
            store.write(
                f"UNWIND $rows AS row CREATE (:Actor:{label} {{id: row.id, name: row.name, "
                "kind: row.kind, aliases: row.aliases, mentions: row.mentions})",
                rows,
                5000,
            )
        day = [f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(documents)]
        store.write(
            "UNWIND $rows AS row CREATE (:Document {id: row.id, path: row.id, title: row.title,"
            " date: row.date})",
            [
                {"id": f"d{i:06d}.txt", "title": f"Story {i}", "date": day[i]}
                for i in range(documents)
            ],
            5000,
        )
        mentions: set[tuple[int, int]] = set()
        for rel in TYPES:
            rows = []
            for _ in range(edges // len(TYPES)):
                a, b = rng.choices(range(actors), weights, k=2)
                if a == b:
                    b = (b + 1) % actors
                d = rng.randrange(documents)
                mentions.update({(a, d), (b, d)})
                rows.append(
                    {
                        "s": f"a{a:07d}",
                        "t": f"a{b:07d}",
                        "doc": f"d{d:06d}.txt",
                        "date": day[d],
                        "sentences": [f"Actor {a} and Actor {b}."],
                    }
                )
            store.write(
                "UNWIND $rows AS row MATCH (s:Actor {id: row.s}), (t:Actor {id: row.t}) "
                f"CREATE (s)-[:{rel} {{doc: row.doc, date: row.date, sentences: row.sentences,"
                " modality: 'asserted', rule: 'bench'}]->(t)",
                rows,
                5000,
            )
        store.write(
            "UNWIND $rows AS row MATCH (a:Actor {id: row.a}), (d:Document {id: row.d}) "
            "CREATE (a)-[:MENTIONED_IN {count: 1}]->(d)",
            [{"a": f"a{a:07d}", "d": f"d{d:06d}.txt"} for a, d in sorted(mentions)],
            5000,
        )


def _populated(settings: Settings) -> bool:
    if not (settings.data_dir / "falkordb.log").exists():
        return False
    with open_store(settings) as store:
        return bool(store.run("MATCH (a:Actor) RETURN count(a) AS n")[0]["n"])


def params_for(name: str, actors: int) -> dict[str, object]:
    query = library.get(name)
    values: dict[str, object] = {
        "name": "Actor 0",
        "source": "Actor 0",
        "target": f"Actor {actors - 1}",
    }
    return {k: values[k] for k in query.required if k in values}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, help="keep the store here, reuse it if there")
    parser.add_argument("--only", help="comma-separated query names (default: all)")
    args = parser.parse_args()
    wanted = args.only.split(",") if args.only else library.names()

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir or Path(tmp) / "data"
        settings = Settings(data_dir=data_dir, database="bench_queries")
        try:
            started = time.perf_counter()
            if not _populated(settings):
                populate(settings, args.actors, args.edges)
            with open_store(settings) as store:
                count = store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
                print(
                    f"{args.actors} actors, {count} relationships, populated in "
                    f"{time.perf_counter() - started:.1f} s"
                )
                print(f"{'query':<16}{'rows':>6}{'best s':>9}{'worst s':>9}  < {TARGET:g} s")
                for name in wanted:
                    cypher, params = query_text(name, params_for(name, args.actors))
                    times, rows, failed = [], 0, ""
                    for _ in range(args.runs):
                        began = time.perf_counter()
                        try:
                            rows = len(store.run(cypher, params, timeout=args.timeout))
                        except QueryError as exc:
                            failed = str(exc)[:60]
                            times.append(time.perf_counter() - began)
                            break
                        times.append(time.perf_counter() - began)
                    verdict = "yes" if max(times) < TARGET and not failed else "NO"
                    print(
                        f"{name:<16}{rows:>6}{min(times):>9.3f}{max(times):>9.3f}  {verdict}"
                        f"{'  ' + failed if failed else ''}"
                    )
        finally:
            stop(data_dir)


if __name__ == "__main__":
    main()
