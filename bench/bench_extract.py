"""Extraction throughput: full extraction beside a bare ``nlp.pipe`` over the same text.

The rules (NER repair, actor lookup, relation rules) must add at most 15% on top of the
parse. Both runs use the same loaded pipeline, the same texts and the same batch size;
each is repeated and the best time kept, since the machine may be shared.

    python bench/bench_extract.py [FOLDER_OF_TXT] [--copies N] [--repeat N] [--n-process N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphbuild.extract import extract, extract_doc, load_model  # noqa: E402
from graphbuild.extract.lexicon import load_lexicon  # noqa: E402
from graphbuild.records import Document  # noqa: E402


def best_of(repeat: int, run) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "seeds"))
    parser.add_argument("--copies", type=int, default=20, help="times each text is repeated")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    parser.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.folder).glob("*.txt"))]
    if not texts:
        sys.exit(f"{args.folder}: no .txt files to measure.")
    docs = [
        Document(f"{i}-{k}", f"{i}-{k}", text)
        for k in range(args.copies)
        for i, text in enumerate(texts)
    ]
    nlp = load_model()
    nlp("warm up")
    tokens = sum(len(doc) for doc in nlp.pipe(d.text for d in docs[: len(texts)])) * args.copies

    def parse_only() -> None:
        for _ in nlp.pipe((d.text for d in docs), batch_size=32, n_process=args.n_process):
            pass

    def full() -> None:
        for _ in extract(docs, nlp, batch_size=32, n_process=args.n_process):
            pass

    parsed = list(nlp.pipe((d.text for d in docs), batch_size=32))
    lexicon = load_lexicon()

    def rules_only() -> None:
        for parsed_doc, document in zip(parsed, docs, strict=True):
            extract_doc(parsed_doc, document, lexicon)

    import spacy

    bare = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])  # without graphbuild's pipes

    def bare_parse() -> None:
        for _ in bare.pipe((d.text for d in docs), batch_size=32, n_process=args.n_process):
            pass

    # Interleaved, so a burst of load on the shared machine hits every measurement alike.
    bare_s = parse_s = full_s = rules_s = float("inf")
    for _ in range(args.repeat):
        bare_s = min(bare_s, best_of(1, bare_parse))
        parse_s = min(parse_s, best_of(1, parse_only))
        full_s = min(full_s, best_of(1, full))
        rules_s = min(rules_s, best_of(1, rules_only))
    overhead = (full_s / parse_s - 1.0) * 100
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents {len(docs)}, tokens {tokens}, pipeline {', '.join(nlp.pipe_names)}")
    print(f"bare model pipe   {bare_s:7.2f} s  {tokens / bare_s:9.0f} tokens/s  (as installed)")
    print(f"nlp.pipe only     {parse_s:7.2f} s  {tokens / parse_s:9.0f} tokens/s  (+ graphbuild's)")
    print(f"full extraction   {full_s:7.2f} s  {tokens / full_s:9.0f} tokens/s")
    print(
        f"rules alone       {rules_s:7.2f} s  on the parsed docs: {rules_s / parse_s * 100:.1f} % "
        "of the parse (less sensitive to machine load)"
    )
    print(f"rules overhead    {overhead:6.1f} %  (target <= 15 %)   max RSS {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
