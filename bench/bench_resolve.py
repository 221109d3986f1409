"""Benchmark the resolver on synthetic names: time, peak memory, growth, pairwise quality.

Generates N distinct actors (mostly people, some organisations) and 10 mentions per actor
on average, spread over documents of about ten mentions, with the variants news text
shows: transliterations (ei/ey, ou/u, q/k, doubled letters), surname-only mentions,
particles (al-/Al/al/none), upper case, titles. Each scale runs in a fresh process so
its peak RSS (resource.getrusage) is its own. Only the ``resolve`` call is timed.

    python bench/bench_resolve.py                      # 10k and 100k actors
    python bench/bench_resolve.py --scales 100000 --seed 7

Targets: 100k actors / 1M mentions in <= 60 s and <= 2 GB peak RSS on 2 cores, and
time growing about linearly from 10k to 100k (ratio near 10).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from math import comb
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SYLLABLES = (
    "ka", "ri", "mo", "sa", "lu", "de", "vi", "na", "to", "be", "ha", "za", "fi", "go",
    "me", "ra", "shi", "dan", "mir", "el", "or", "an", "ul", "ta", "ko", "ve", "li", "nu",
    "pa", "so", "di", "rak", "hem", "tor", "bas", "jum", "vel", "qa", "sul", "ber", "nik", "os",
    "ya", "lev", "gor", "tam", "fey", "zin", "dor", "mal", "sen", "rus", "bo", "ju", "ke", "ti",
)  # fmt: skip
TITLES = ("President", "Dr.", "Foreign Minister", "General", "Sheikh", "Mr.")
ORG_SUFFIXES = ("Front", "Party", "Council", "Movement", "Union", "Brigade", "Alliance")


def _word(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(low, high))).capitalize()


def make_actors(n: int, rng: random.Random) -> list[dict]:
    """n distinct actors: people (given, optional middle initial, optional particle,
    surname) and organisations (two words and a suffix)."""
    givens = sorted({_word(rng, 2, 3) for _ in range(max(n // 20, 200))})
    surnames = sorted({_word(rng, 2, 4) for _ in range(max(n // 2, 1000))})
    seen: set[tuple] = set()
    actors: list[dict] = []
    while len(actors) < n:
        if rng.random() < 0.9:
            given, surname = rng.choice(givens), rng.choice(surnames)
            middle = rng.choice("ABCDEFGHJKLMNPRSTW") + "." if rng.random() < 0.2 else ""
            particle = rng.random() < 0.15
            key = ("P", given, middle, surname)
            if key in seen:
                continue
            seen.add(key)
            actors.append(
                {
                    "kind": "PERSON",
                    "given": given,
                    "middle": middle,
                    "surname": surname,
                    "particle": particle,
                }
            )
        else:
            name = f"{_word(rng, 2, 3)} {_word(rng, 2, 3)} {rng.choice(ORG_SUFFIXES)}"
            if ("O", name) in seen:
                continue
            seen.add(("O", name))
            actors.append({"kind": "ORG", "name": name})
    return actors


def _translit(word: str, rng: random.Random) -> str:
    swaps = [
        ("ei", "ey"),
        ("ey", "ei"),
        ("ou", "u"),
        ("u", "ou"),
        ("k", "q"),
        ("q", "k"),
        ("s", "ss"),
        ("l", "ll"),
        ("i", "y"),
    ]
    rng.shuffle(swaps)
    for old, new in swaps:
        if old in word[1:]:
            return word[0] + word[1:].replace(old, new, 1)
    return word


def full_name(actor: dict, rng: random.Random, variant: bool) -> str:
    if actor["kind"] == "ORG":
        name = actor["name"]
        return ("the " + name) if variant and rng.random() < 0.5 else name
    given, surname = actor["given"], actor["surname"]
    if variant and rng.random() < 0.5:
        if rng.random() < 0.5:
            given = _translit(given, rng)
        else:
            surname = _translit(surname, rng)
    if actor["particle"]:
        surname = rng.choice(("al-", "Al ", "al ", "")) + surname if variant else "al-" + surname
    parts = [given, actor["middle"], surname]
    name = " ".join(p for p in parts if p)
    if variant and rng.random() < 0.2:
        name = rng.choice(TITLES) + " " + name
    if variant and rng.random() < 0.05:
        name = name.upper()
    return name


def short_name(actor: dict, rng: random.Random) -> str:
    if actor["kind"] == "ORG":
        return actor["name"]
    surname = actor["surname"]
    return ("al-" + surname) if actor["particle"] and rng.random() < 0.5 else surname


def make_mentions(actors: list[dict], per_actor: int, rng: random.Random):
    """Documents of five actors, two mentions each (full first, then any form)."""
    from graphbuild.records import Mention

    n = len(actors)
    order = list(range(n))
    rng.shuffle(order)
    total = n * per_actor
    mentions, truth = [], []
    doc = 0
    cursor = 0
    while len(mentions) < total:
        cast = []
        for _ in range(5):
            if rng.random() < 0.5:  # every actor appears; popular ones appear often
                cast.append(order[cursor % n])
                cursor += 1
            else:
                cast.append(order[min(int(rng.paretovariate(1.2)) - 1, n - 1)])
        name = f"doc{doc:07d}"
        for a in dict.fromkeys(cast):
            actor = actors[a]
            first = full_name(actor, rng, variant=rng.random() < 0.4)
            second = short_name(actor, rng) if rng.random() < 0.5 else full_name(actor, rng, True)
            for text in (first, second):
                mentions.append(
                    Mention(name, text, actor["kind"], 1, (text,), f"{text} said on Monday.")
                )
                truth.append(a)
        doc += 1
    return mentions, truth


def pairwise(resolution, mentions, truth) -> tuple[float, float]:
    """Pairwise precision and recall over mentions against the generated truth."""
    cells, by_sys, by_gold = Counter(), Counter(), Counter()
    for m, t in zip(mentions, truth, strict=True):
        s = resolution.index[(m.doc, m.name)]
        cells[(s, t)] += 1
        by_sys[s] += 1
        by_gold[t] += 1
    tp = sum(comb(c, 2) for c in cells.values())
    sys_pairs = sum(comb(c, 2) for c in by_sys.values())
    gold_pairs = sum(comb(c, 2) for c in by_gold.values())
    return tp / sys_pairs if sys_pairs else 1.0, tp / gold_pairs if gold_pairs else 1.0


def run_one(n: int, seed: int) -> dict:
    from graphbuild.resolve import resolve

    rng = random.Random(seed)
    actors = make_actors(n, rng)
    mentions, truth = make_mentions(actors, 10, rng)
    rng.shuffle(idx := list(range(len(mentions))))
    mentions = [mentions[i] for i in idx]
    truth = [truth[i] for i in idx]
    started, cpu = time.perf_counter(), time.process_time()
    resolution = resolve(mentions)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    precision, recall = pairwise(resolution, mentions, truth)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "actors_generated": n,
        "mentions": len(mentions),
        "distinct_names": len({m.name for m in mentions}),
        "actors_resolved": len(resolution.actors),
        "review_pairs": len(resolution.review),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),  # less sensitive to other load on the machine
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "pairwise_precision": round(precision, 4),
        "pairwise_recall": round(recall, 4),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10000,100000", help="actor counts, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.seed)))
        return 0
    results = []
    for n in (int(s) for s in args.scales.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)],
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(out.stdout)
        results.append(result)
        print(json.dumps(result))
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(
            f"growth: {b['mentions'] / a['mentions']:.1f}x mentions -> "
            f"{b['seconds'] / a['seconds']:.1f}x time "
            f"({b['cpu_seconds'] / a['cpu_seconds']:.1f}x CPU time), "
            f"{b['peak_rss_mb'] / a['peak_rss_mb']:.1f}x peak RSS"
        )
    top = results[-1]
    ok = top["seconds"] <= 60 and top["peak_rss_mb"] <= 2048
    print(f"target (<= 60 s, <= 2048 MB at the largest scale): {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
