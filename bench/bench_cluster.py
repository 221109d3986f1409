"""Extraction throughput: a local run against a Dask cluster of one and of two workers.

Builds a synthetic corpus (default 2,000 articles of about 600 tokens) from the sentences
of the seed articles, shuffled, with every person, organisation and place name replaced
by a generated one; then times the extract stage (read + parse + rules, the whole cost
of a run) three ways:

    local       graphbuild's own loop in this process (one process, no Dask)
    cluster-1   --scheduler on a LocalCluster with one worker process (one thread)
    cluster-2   the same with two worker processes

The three runs go in rounds (--repeat), so that a change in the machine's load falls on
all three alike; the fastest of each counts. Each is timed after the model is loaded in
every process that parses (model load is reported apart), with time.perf_counter for
wall time and resource.getrusage for the CPU time of this process (with a LocalCluster,
the scheduler's too) and of each worker. On a busy shared machine tokens/s follows the
load; tokens per CPU-second moves much less, though an oversubscribed CPU still costs
it something.

Goals: cluster overhead (cluster-1 time / local time) <= 1.10; speed-up of two workers
over one >= 1.7 on two free cores. Also prints how many cores a million articles of
600 tokens would need to be parsed in one hour at the measured per-worker rate.

    python bench/bench_cluster.py                       # 2,000 articles
    python bench/bench_cluster.py --articles 300        # a quick re-run
    python bench/bench_cluster.py --repeat 3 --json bench/out/cluster.json
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphbuild.config import Settings  # noqa: E402
from graphbuild.pipeline import extract_all  # noqa: E402

ARTICLES_GOAL = 1_000_000
TOKENS_PER_ARTICLE = 600
SYLLABLES = ("ka", "lo", "ven", "dra", "mi", "tor", "sel", "an", "ri", "bo", "ush", "el", "gar")
ORG_WORDS = ("Council", "League", "Front", "Ministry", "Union", "Agency", "Assembly", "Bank")


def main() -> None:
    args = _parse_args()
    if args.report:
        report(json.loads(Path(args.report).read_text(encoding="utf-8")))
        return
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="graphbuild-bench-"))
    corpus = workdir / "corpus"
    tokens_written = build_corpus(Path(args.seeds), corpus, args.articles, args.seed)
    print(
        f"corpus: {args.articles} articles, ~{tokens_written:,} tokens in {corpus}",
        file=sys.stderr,
    )
    print(f"machine: {os.cpu_count()} cores, load average {_load()}", file=sys.stderr)

    # Rounds of local, cluster-1, cluster-2, so that a change in the machine's load
    # falls on all three alike; the fastest of each counts.
    _warm()
    clusters = {n: Cluster(n) for n in (1, 2)}
    runs: dict[str, list[dict]] = {"local": [], "cluster-1": [], "cluster-2": []}
    try:
        for _ in range(max(1, args.repeat)):
            runs["local"].append(run_local(corpus))
            _done("local", runs["local"][-1])
            for n, cluster in clusters.items():
                runs[f"cluster-{n}"].append(cluster.run(corpus))
                _done(f"cluster-{n}", runs[f"cluster-{n}"][-1])
    finally:
        for cluster in clusters.values():
            cluster.close()
    results = {
        "articles": args.articles,
        "runs": {name: min(rs, key=lambda r: r["seconds"]) for name, rs in runs.items()},
        "all_runs": runs,
    }
    report(results)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")


def _done(name: str, run: dict) -> None:
    print(
        f"{name}: {run['seconds']:.1f} s, {run['tokens_per_s']:.0f} tokens/s "
        f"(load average now {_load()})",
        file=sys.stderr,
        flush=True,
    )


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="corpus size [2000]")
    parser.add_argument("--seeds", default=str(ROOT / "seeds"), help="seed articles folder")
    parser.add_argument("--workdir", help="where to write the corpus [a temp folder]")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of the three runs [1]")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the corpus")
    parser.add_argument("--json", help="also write the numbers to this JSON file")
    parser.add_argument("--report", help="print the report of an earlier --json file; no run")
    return parser.parse_args()


def build_corpus(seeds: Path, out: Path, n_articles: int, seed: int) -> int:
    """Write ``n_articles`` .txt files of ~600 tokens of shuffled seed sentences whose
    names are all generated; deterministic for a given seed. Returns the token count."""
    from graphbuild.extract import load_model

    nlp = load_model()
    rng = random.Random(seed)
    sentences: list[tuple[tuple[tuple[str, str], ...], int]] = []
    for path in sorted(seeds.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        for sent in doc.sents:
            if len(sent) >= 6:
                sentences.append((_template(doc, sent), len(sent)))
    if not sentences:
        raise SystemExit(f"no sentences found in {seeds}/*.txt")
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n_articles):
        body, tokens = [], 0
        while tokens < TOKENS_PER_ARTICLE:
            template, n = rng.choice(sentences)
            body.append(_fill(template, rng))
            tokens += n
        title = f"{_place(rng)} talks: {_person(rng)} meets {_person(rng)}"
        (out / f"article_{i:05d}.txt").write_text(
            title + "\n\n" + " ".join(body) + "\n", encoding="utf-8"
        )
        total += tokens
    return total


def _template(doc, sent) -> tuple[tuple[str, str], ...]:
    """The sentence cut before each name: (text, kind of the name that follows) pairs;
    the names themselves are dropped and generated afresh for every use."""
    pieces, cursor = [], sent.start_char
    for ent in sent.ents:
        if ent.label_ in MAKERS:
            pieces.append((doc.text[cursor : ent.start_char], ent.label_))
            cursor = ent.end_char
    pieces.append((doc.text[cursor : sent.end_char], ""))
    return tuple(pieces)


def _fill(template: tuple[tuple[str, str], ...], rng: random.Random) -> str:
    text = "".join(piece + (MAKERS[kind](rng) if kind else "") for piece, kind in template)
    return " ".join(text.split())


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def _person(rng: random.Random) -> str:
    return f"{_word(rng, 2)} {_word(rng, 3)}"


def _org(rng: random.Random) -> str:
    return f"{_word(rng, 2)} {rng.choice(ORG_WORDS)}"


def _place(rng: random.Random) -> str:
    return _word(rng, 3) + rng.choice(("ia", "land", "stan", "a"))


def _demonym(rng: random.Random) -> str:
    return _word(rng, 3) + "ian"


def run_local(corpus: Path) -> dict:
    from graphbuild.extract import load_model

    started = time.perf_counter()
    load_model()
    model_s = time.perf_counter() - started
    return _timed(lambda: extract_all([str(corpus)], Settings()), workers_cpu=None) | {
        "model_load_s": model_s
    }


class Cluster:
    """The cluster `--scheduler local:N` starts, used by address as an existing one is;
    its workers have the model loaded before any timing."""

    def __init__(self, workers: int) -> None:
        from distributed import Client

        from graphbuild.distributed import local_cluster

        started = time.perf_counter()
        self.cluster = local_cluster(workers)
        self.client = Client(self.cluster, set_as_default=False)
        self.start_s = time.perf_counter() - started
        started = time.perf_counter()
        self.client.run(_warm)
        self.model_s = time.perf_counter() - started

    def run(self, corpus: Path) -> dict:
        settings = Settings(scheduler=self.cluster.scheduler_address)
        timed = _timed(
            lambda: extract_all([str(corpus)], settings), workers_cpu=lambda: self.client.run(_cpu)
        )
        return timed | {"cluster_start_s": self.start_s, "model_load_s": self.model_s}

    def close(self) -> None:
        self.client.close()
        self.cluster.close()


def _warm() -> None:
    from graphbuild.distributed import code_fingerprint
    from graphbuild.extract import load_model

    # The digest of the code this process loads now, as the check before each run
    # compares it: the tree may change while the benchmark runs.
    code_fingerprint()
    load_model()


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(run, workers_cpu) -> dict:
    load_before = _load()
    cpu_before = _cpu()
    workers_before = workers_cpu() if workers_cpu else {}
    started = time.perf_counter()
    extractions, skipped = run()
    seconds = time.perf_counter() - started
    here_cpu = _cpu() - cpu_before  # with a LocalCluster, the scheduler's CPU too
    workers_cpu_s = 0.0
    if workers_cpu:
        after = workers_cpu()
        workers_cpu_s = sum(after[w] - workers_before.get(w, 0.0) for w in after)
    cpu = here_cpu + workers_cpu_s
    tokens = sum(e.tokens for e in extractions)
    return {
        "documents": len(extractions),
        "skipped": len(skipped),
        "tokens": tokens,
        "seconds": seconds,
        "tokens_per_s": tokens / seconds,
        "cpu_s": cpu,
        "submitter_cpu_s": here_cpu,
        "workers_cpu_s": workers_cpu_s,
        "tokens_per_cpu_s": tokens / cpu if cpu else None,
        "load_before": load_before,
        "load_after": _load(),
    }


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def report(results: dict) -> None:
    runs = results["runs"]
    local, one, two = runs["local"], runs["cluster-1"], runs["cluster-2"]
    if not (local["tokens"] == one["tokens"] == two["tokens"]):
        print("WARNING: the runs parsed different token counts", file=sys.stderr)
    print(
        f"{'run':<11} {'docs':>6} {'tokens':>10} {'seconds':>8} {'tokens/s':>9} "
        f"{'tok/CPU-s':>9} {'CPU s here+workers':>18} {'model s':>7}  load avg before -> after"
    )
    for name, r in runs.items():
        per_cpu = f"{r['tokens_per_cpu_s']:9.0f}" if r["tokens_per_cpu_s"] else f"{'-':>9}"
        print(
            f"{name:<11} {r['documents']:>6} {r['tokens']:>10,} {r['seconds']:>8.1f} "
            f"{r['tokens_per_s']:>9.0f} {per_cpu} "
            f"{r.get('submitter_cpu_s', 0):>8.1f} + {r.get('workers_cpu_s', 0):>7.1f} "
            f"{r['model_load_s']:>7.1f}  "
            f"{r['load_before']} -> {r['load_after']}"
        )
    overhead = one["seconds"] / local["seconds"]
    speedup = one["seconds"] / two["seconds"]
    cpu_overhead = one["tokens_per_cpu_s"] and local["tokens_per_cpu_s"] / one["tokens_per_cpu_s"]
    per_worker = two["tokens_per_s"] / 2
    goal_tokens_per_s = ARTICLES_GOAL * TOKENS_PER_ARTICLE / 3600
    cores = math.ceil(goal_tokens_per_s / per_worker)
    # On a dedicated core a worker parses at its tokens per CPU-second.
    per_core = two["tokens_per_cpu_s"]
    cores_dedicated = math.ceil(goal_tokens_per_s / per_core) if per_core else None
    results["summary"] = {
        "cluster_overhead": overhead,
        "cluster_cpu_overhead": cpu_overhead,
        "speedup_2_over_1": speedup,
        "tokens_per_s_per_worker": per_worker,
        "cores_for_1m_articles_in_1h": cores,
        "cores_for_1m_articles_in_1h_dedicated": cores_dedicated,
        "cluster_start_s": two["cluster_start_s"],
    }
    print()
    print(f"cluster overhead (cluster-1 / local wall time): {overhead:.2f}x  (goal <= 1.10x)")
    if cpu_overhead:
        print(f"cluster overhead in CPU time (local tok/CPU-s / cluster-1): {cpu_overhead:.2f}x")
    print(f"speed-up of 2 workers over 1: {speedup:.2f}x  (goal >= 1.7x on 2 free cores)")
    print(
        f"a million articles of {TOKENS_PER_ARTICLE} tokens in one hour: {cores} cores "
        f"at {per_worker:,.0f} tokens/s per worker (the 2-worker wall-clock rate)"
    )
    if cores_dedicated:
        print(
            f"  on dedicated cores: {cores_dedicated} cores at {per_core:,.0f} tokens per "
            "CPU-second per worker (the 2-worker CPU-time rate)"
        )
    print(
        f"cluster start: {two['cluster_start_s']:.1f} s; model load per worker "
        f"{two['model_load_s']:.1f} s (paid once per worker process, not in the times above)"
    )


MAKERS = {"PERSON": _person, "ORG": _org, "GPE": _place, "NORP": _demonym}

if __name__ == "__main__":
    main()
