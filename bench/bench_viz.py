"""How the viz page scales: build a synthetic actor graph, render it, load it in headless chromium.

Reports the page size, the render time in Python, and the wall time for chromium to lay the
graph out and draw it (the page sets data-ready on <html> after its first drawing).

    python bench/bench_viz.py --nodes 1500 --edges 3000 [--out bench/out/viz.html] [--no-browser]

Public tools only: time.perf_counter, subprocess, Debian's chromium.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from graphbuild.explore.graph import Node, Relationship
from graphbuild.explore.viz import build_viz_graph, render_html

KINDS = (("PERSON", "Person"), ("ORG", "Organization"), ("STATE", "State"))
TYPES = ("MET_WITH", "ALLIED_TO", "OPPOSES")


def synthetic(nodes: int, edges: int, seed: int = 7) -> tuple[list[Node], list[Relationship]]:
    """A scale-free-ish graph: a few hubs, many leaves, one to three documents per edge."""
    rng = random.Random(seed)
    actors = []
    for i in range(nodes):
        kind, label = KINDS[i % 3]
        actors.append(
            Node(
                group="Actor",
                id=f"a{i:06d}",
                labels=("Actor", label),
                properties={
                    "name": f"Actor {i}",
                    "kind": kind,
                    "aliases": [],
                    "mentions": 1 + i % 9,
                },
            )
        )
    rels = []
    weights = [1.0 / (1 + i) for i in range(nodes)]
    pairs: set[tuple[int, int, str]] = set()
    while len(pairs) < edges:
        a, b = rng.choices(range(nodes), weights=weights, k=1)[0], rng.randrange(nodes)
        if a == b:
            continue
        rel = rng.choice(TYPES)
        if rel != "OPPOSES":
            a, b = min(a, b), max(a, b)
        pairs.add((a, b, rel))
    for a, b, rel in sorted(pairs):
        for d in range(rng.randint(1, 3)):
            rels.append(
                Relationship(
                    type=rel,
                    source=actors[a].id,
                    target=actors[b].id,
                    properties={
                        "doc": f"doc{d}.txt",
                        "sentences": [f"Actor {a} and Actor {b} did something ({rel})."],
                        "modality": "asserted",
                    },
                )
            )
    return actors, rels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1500)
    parser.add_argument("--edges", type=int, default=3000)
    parser.add_argument("--out", type=Path, default=Path("bench/out/viz.html"))
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()

    actors, rels = synthetic(args.nodes, args.edges)
    started = time.perf_counter()
    graph = build_viz_graph(actors, rels, {})
    html = render_html(graph, "bench")
    render_s = time.perf_counter() - started
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(html, encoding="utf-8")
    print(
        f"{len(graph.nodes)} nodes, {len(graph.edges)} edges: page {len(html) / 1e6:.2f} MB, "
        f"rendered in {render_s:.2f} s"
    )
    chromium = shutil.which("chromium")
    if args.no_browser or chromium is None:
        return
    with tempfile.TemporaryDirectory() as profile:
        started = time.perf_counter()
        dom = subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--virtual-time-budget=60000",
                "--dump-dom",
                args.out.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        ).stdout
        load_s = time.perf_counter() - started
    attrs = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', dom[:2000]))
    print(
        f"chromium: {load_s:.1f} s to load, lay out and draw; ready={attrs.get('ready')} "
        f"nodes drawn={attrs.get('nodes-drawn')} edges drawn={attrs.get('edges-drawn')} "
        f"js errors={attrs.get('js-errors')}"
    )


if __name__ == "__main__":
    main()
