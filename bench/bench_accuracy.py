"""Accuracy on the committed corpus: seeds, dev and test splits, and PLOVER.

For each split, extracts and resolves its articles as `graphbuild extract` does, scores the
triples as `graphbuild eval` does (document level, per relation) and prints entity
resolution pairwise F1. `dev` is for tuning; `test` is for reporting: read its figures,
never its errors (`--errors` refuses it).

    python bench/bench_accuracy.py                  # seeds, dev, test, PLOVER
    python bench/bench_accuracy.py --split dev --errors dev
    python bench/bench_accuracy.py --no-plover

A split is a folder holding `gold.jsonl`, `actors.json` and its articles (`*.txt`); the
seeds' articles are the project's `seeds/`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

try:
    from graphbuild.config import Settings
    from graphbuild.evaluate import evaluate
    from graphbuild.pipeline import build, write_triples
except ModuleNotFoundError as exc:  # run outside the project's venv
    sys.exit(
        f"bench_accuracy: {exc.name} is not installed here; activate the project's venv or "
        "install it (pip install -c constraints.txt -e '.[test]')"
    )

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold"
SPLITS = {
    "seeds": (ROOT / "seeds", GOLD / "seeds"),
    "dev": (GOLD / "dev", GOLD / "dev"),
    "test": (GOLD / "test", GOLD / "test"),
}
PLOVER = ROOT.parent / "shared" / "benchmarks" / "plover" / "cases.jsonl"
RELATIONS = ("all", "met-with", "allied-to", "opposes")


def score_split(name: str, errors: bool) -> dict:
    articles, gold = SPLITS[name]
    settings = Settings.resolve()
    started = time.perf_counter()
    result = build([str(articles)], settings)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "triples.jsonl"
        write_triples(result.triples, out)
        report = evaluate(out, gold / "gold.jsonl", gold / "actors.json")
    seconds = time.perf_counter() - started
    if errors:
        print(report.to_text())
    return {
        "docs": len(result.extractions),
        "seconds": seconds,
        "document": report.document,
        "er": (report.er_precision, report.er_recall, report.er_f1),
        "merged": len(report.merged),
        "dates": report.dates,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", choices=list(SPLITS), help="default: all")
    parser.add_argument("--errors", choices=["seeds", "dev"], help="print FPs and misses")
    parser.add_argument("--plover", default=str(PLOVER), help="PLOVER cases.jsonl")
    parser.add_argument("--no-plover", action="store_true")
    args = parser.parse_args()
    splits = args.split or list(SPLITS)
    rows = []
    for name in splits:
        if not (SPLITS[name][1] / "gold.jsonl").exists():
            print(f"{name}: no gold.jsonl in {SPLITS[name][1]}, skipped", file=sys.stderr)
            continue
        rows.append((name, score_split(name, errors=args.errors == name)))
    print("split  relation   precision  recall  f1     (matched/system, matched/gold)")
    for name, r in rows:
        for rel in RELATIONS:
            s = r["document"][rel]
            print(
                f"{name:<6} {rel:<10} {s.precision:9.3f}  {s.recall:6.3f}  {s.f1:5.3f}  "
                f"({s.tp_system}/{s.system}, {s.tp_gold}/{s.gold})"
            )
        p, rc, f = r["er"]
        print(
            f"{name:<6} entity resolution pairwise P {p:.3f} R {rc:.3f} F1 {f:.3f}; merged "
            f"distinct actors {r['merged']}; {r['docs']} documents in {r['seconds']:.1f} s"
        )
        d = r["dates"]
        print(
            f"{name:<6} event dates: right {d.accuracy:.3f} ({d.correct}/{d.dated} matched gold "
            f"triples with a date); dated where the gold has none {d.spurious_rate:.3f} "
            f"({d.spurious}/{d.undated})"
        )
    if not args.no_plover:
        plover(Path(args.plover))


def plover(path: Path) -> None:
    if not path.exists():
        print(f"PLOVER: {path} not found (pass --plover PATH), skipped")
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import json

    from bench_plover import score, system_triples

    from graphbuild.extract import load_model

    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    p, r, f, counts, _, _ = score(system_triples(load_model(), cases), cases, None)
    print(
        f"PLOVER (word overlap) precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  "
        f"(matched/system {counts[0]}/{counts[1]}, matched/gold {counts[2]}/{counts[3]})"
    )


if __name__ == "__main__":
    main()
