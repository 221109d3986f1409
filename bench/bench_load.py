"""Load rate into the embedded store or Neo4j (relationships/s) by batch size.

Builds a synthetic ``pipeline.Build`` (generated actor names, default 50,000 distinct
relationships over 6,250 documents), starts a throwaway embedded FalkorDB in a temp dir
(``--store neo4j``: a throwaway Neo4j 5 community server through tests/neo4j/server, which
needs java and mvn), and for each batch size (default 1, 100, 1000, 10000) loads into a
fresh graph, five times over (``--repeat``), sizes interleaved; the medians are compared:

    relations   the relationship statements alone (``create_relations.cypher``, one per
                type: UNWIND $rows grouped by source, MATCH both actors, CREATE the edge
                with its evidence), with actors and documents already in; this is what
                the batch size changes
    full load   ``graphbuild.store.load.load`` end to end (schema, documents, actors,
                MENTIONED_IN, relationships, mention counts, hashes)

One row per query is slow: for batch size 1 only a sample of rows (default 2,000) is timed
and the rate is extrapolated to the whole graph; the output says so. Goal: the default
batch size (1000) reaches >= 20x the batch-size-1 rate.

Timings use time.perf_counter (wall time), resource.getrusage (CPU time of this process)
and the server's CPU time from /proc/<pid>/stat (Linux). On a busy shared machine the
wall-time rates swing with the load, the CPU-time rates (relationships per CPU-second of
client + server) less; the goal is checked both ways. Large batches are encoded on a
thread while the server writes the one before, so their wall rate can exceed their CPU
rate.

    python bench/bench_load.py
    python bench/bench_load.py --store neo4j
    python bench/bench_load.py --relationships 100000 --batch-sizes 100,1000,10000
    python bench/bench_load.py --json bench/out/load.json
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import MappingProxyType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphbuild import queries  # noqa: E402
from graphbuild.config import DEFAULT_BATCH_SIZE, Settings  # noqa: E402
from graphbuild.pipeline import to_triples  # noqa: E402
from graphbuild.records import (  # noqa: E402
    KINDS,
    RELATIONS,
    Actor,
    Build,
    Claim,
    DocumentMeta,
    Extraction,
    Mention,
    Resolution,
)
from graphbuild.store import open_store, server  # noqa: E402
from graphbuild.store.load import (  # noqa: E402
    _actor_rows,
    _relation_rows,
    by_type,
    load,
    write_relations,
)

NEO4J_LAUNCHER = ROOT / "tests" / "neo4j" / "server"
ACTORS_PER_DOCUMENT = 6
CLAIMS_PER_DOCUMENT = 8


def synthetic_build(relationships: int, actors: int) -> Build:
    """About ``relationships`` distinct (source, type, target, document) edges: each
    document names 6 actors of the pool and states 8 relations between them."""
    pool = [
        Actor(
            id=hashlib.sha1(f"bench-{i}".encode()).hexdigest()[:16],
            name=f"Bench Actor {i:06d}",
            kind=KINDS[i % len(KINDS)],
        )
        for i in range(actors)
    ]
    documents = -(-relationships // CLAIMS_PER_DOCUMENT)
    extractions, index = [], {}
    for d in range(documents):
        doc = f"bench-{d:07d}.txt"
        picked = [pool[(d * 7 + j * 131) % actors] for j in range(ACTORS_PER_DOCUMENT)]
        for actor in picked:
            index[(doc, actor.name)] = actor.id
        claims = []
        for c in range(CLAIMS_PER_DOCUMENT):
            source, target = picked[c % 6], picked[(c + 1 + c // 6) % 6]
            sentence = f"Sentence {c} of {doc}: {source.name} and {target.name} talked."
            claims.append(
                Claim(
                    doc,
                    RELATIONS[c % 3],
                    source.name,
                    target.name,
                    sentence,
                    c * 100,
                    c * 100 + len(sentence),
                    "asserted",
                    "bench",
                )
            )
        extractions.append(
            Extraction(
                DocumentMeta(
                    doc,
                    f"bench/{doc}",
                    f"Title {d}",
                    "2015-11-04",
                    None,
                    hashlib.sha256(doc.encode()).hexdigest(),
                ),
                tuple(
                    Mention(doc, a.name, a.kind, 1 + j % 3, (a.name,)) for j, a in enumerate(picked)
                ),
                tuple(claims),
            )
        )
    resolution = Resolution(tuple(pool), MappingProxyType(index))
    return Build(tuple(extractions), resolution, tuple(to_triples(extractions, resolution)), (), 0)


def server_cpu(pid: int | None) -> float:
    """CPU seconds used so far by the server process (0.0 where /proc is missing)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError, TypeError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def time_relations(
    store, build: Build, batch_size: int, sample: int | None, pid: int | None
) -> dict:
    """Actors and documents in first (untimed), then the relationship statement timed."""
    rows = _relation_rows(
        build.triples, {e.document.id: e.document.date for e in build.extractions}
    )
    actor_ids = sorted({r[k] for r in rows for k in ("source", "target")})
    store.ensure_schema()
    store.write(queries.read("merge_actors"), _actor_rows(build, actor_ids), 5000)
    timed = rows[:sample] if sample else rows
    shaped = by_type(timed)  # the same for every batch size: not timed
    client, server_before = client_cpu(), server_cpu(pid)
    started = time.perf_counter()
    write_relations(store, shaped, batch_size)
    seconds = time.perf_counter() - started
    client, server_used = client_cpu() - client, server_cpu(pid) - server_before
    written = store.run("MATCH (:Actor)-[r]->(:Actor) RETURN count(r) AS n")[0]["n"]
    assert written == len(timed), (written, len(timed))
    return {
        "batch_size": batch_size,
        "rows_timed": len(timed),
        "rows_total": len(rows),
        "extrapolated": bool(sample and sample < len(rows)),
        "seconds": seconds,
        "seconds_for_all": seconds * len(rows) / len(timed),
        "client_cpu_seconds": client,
        "server_cpu_seconds": server_used,
        "relationships_per_second": len(timed) / seconds,
        "relationships_per_cpu_second": len(timed) / max(client + server_used, 1e-9),
    }


def time_full_load(store, build: Build, batch_size: int) -> dict:
    started = time.perf_counter()
    load(store, build, batch_size=batch_size)
    seconds = time.perf_counter() - started
    n = store.run("MATCH (:Actor)-[r]->(:Actor) RETURN count(r) AS n")[0]["n"]
    return {
        "batch_size": batch_size,
        "seconds": seconds,
        "relationships": n,
        "relationships_per_second": n / seconds,
    }


@contextlib.contextmanager
def throwaway_store(kind: str) -> Iterator[tuple[Callable[[str], Settings], int | None]]:
    """A throwaway server of ``kind`` (embedded or neo4j) in a temp dir, stopped after: yields
    a function from a graph name to the settings of an empty graph, and the server's pid.
    Neo4j community has one database: every graph name is that database, emptied first."""
    with tempfile.TemporaryDirectory(prefix="gb-bench-") as tmp:
        data_dir = Path(tmp) / "d"
        if kind == "embedded":
            try:
                pid = server.start(data_dir).pid
                yield (lambda graph: Settings(data_dir=data_dir, database=graph)), pid
            finally:
                server.stop(data_dir)
            return
        launch = [str(NEO4J_LAUNCHER), "start", str(data_dir), "--owner", str(os.getpid())]
        try:
            subprocess.run(launch, check=True, stdout=subprocess.DEVNULL)
            env = {}
            for line in (data_dir / "env").read_text().splitlines():
                name, _, value = line.removeprefix("export ").partition("=")
                env[name] = shlex.split(value)[0]
            settings = Settings(
                uri=env["NEO4J_URI"], user=env["NEO4J_USER"], password=env["NEO4J_PASSWORD"]
            )

            def emptied(graph: str) -> Settings:
                with open_store(settings) as store:
                    store.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS")
                return settings

            yield emptied, int((data_dir / "neo4j.pid").read_text())
        finally:
            subprocess.run([str(NEO4J_LAUNCHER), "stop", str(data_dir)], check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relationships", type=int, default=50_000)
    parser.add_argument("--actors", type=int, default=5_000)
    parser.add_argument("--batch-sizes", default="1,100,1000,10000")
    parser.add_argument(
        "--sample",
        type=int,
        default=2_000,
        help="rows timed at batch size 1 (the rest is extrapolated)",
    )
    parser.add_argument(
        "--full",
        default="100,1000,10000",
        help="batch sizes to also time a full load() with ('' for none)",
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs per batch size (the median is reported)"
    )
    parser.add_argument(
        "--store",
        choices=("embedded", "neo4j"),
        default="embedded",
        help="the embedded FalkorDB (default) or a throwaway Neo4j 5 (needs java and mvn)",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.batch_sizes.split(",") if s]
    full_sizes = [int(s) for s in args.full.split(",") if s]

    build = synthetic_build(args.relationships, args.actors)
    print(
        f"synthetic graph: {len(build.extractions)} documents, "
        f"{len(build.resolution.actors)} actors, {len(build.triples)} triples",
        flush=True,
    )
    results: dict = {"store": args.store, "relations": [], "full_load": []}
    with throwaway_store(args.store) as (graph_settings, pid):
        for rep in range(args.repeat):
            # Interleaved, so a change in the machine's load touches every size alike.
            for size in sizes:
                with open_store(graph_settings(f"bench_rel_{size}_{rep}")) as store:
                    row = time_relations(
                        store, build, size, args.sample if size == 1 else None, pid
                    )
                    store.run("MATCH (n) DETACH DELETE n")
                results["relations"].append(row)
                note = (
                    f"  (timed {row['rows_timed']} rows, extrapolated: "
                    f"{row['seconds_for_all']:.0f} s for all)"
                    if row["extrapolated"]
                    else ""
                )
                print(
                    f"relations  batch {size:>6}: {row['relationships_per_second']:>9.0f} "
                    f"rel/s {row['relationships_per_cpu_second']:>9.0f} rel/CPU-s "
                    f"{row['seconds']:7.2f} s{note}",
                    flush=True,
                )
        for size in full_sizes:
            with open_store(graph_settings(f"bench_full_{size}")) as store:
                row = time_full_load(store, build, size)
                store.run("MATCH (n) DETACH DELETE n")
            results["full_load"].append(row)
            print(
                f"full load  batch {size:>6}: {row['relationships_per_second']:>9.0f} "
                f"rel/s  {row['seconds']:7.2f} s  ({row['relationships']} relationships)",
                flush=True,
            )

    medians: dict[str, dict[int, float]] = {}
    for measure, unit in (
        ("relationships_per_second", "wall"),
        ("relationships_per_cpu_second", "CPU"),
    ):
        medians[unit] = {
            size: statistics.median(
                r[measure] for r in results["relations"] if r["batch_size"] == size
            )
            for size in sizes
        }
        spread = {
            size: [r[measure] for r in results["relations"] if r["batch_size"] == size]
            for size in sizes
        }
        print(
            f"median of {args.repeat} ({unit}): "
            + ", ".join(
                f"batch {size} {medians[unit][size]:.0f} "
                f"[{min(spread[size]):.0f}-{max(spread[size]):.0f}]"
                for size in sizes
            )
        )
        rates = medians[unit]
        if 1 in rates and DEFAULT_BATCH_SIZE in rates:
            ratio = rates[DEFAULT_BATCH_SIZE] / rates[1]
            results[f"speedup_default_over_1_{unit}"] = ratio
            verdict = "meets" if ratio >= 20 else "MISSES"
            print(
                f"batch {DEFAULT_BATCH_SIZE} (default) / batch 1, {unit} time, medians: "
                f"{ratio:.1f}x ({verdict} the >= 20x goal; batch 1 from a {args.sample}-row "
                f"sample)"
            )
    results["medians"] = medians
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
