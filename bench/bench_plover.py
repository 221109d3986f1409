"""Sentence-level F1 of the extractor on the PLOVER gold-standard sentences.

Each case is run as its own document. A system triple matches an expected event when the
relation is the same and the actors' names overlap the event's source and target texts
(a shared content word, a dotted acronym counting as one word, or the same state through
the gazetteer: "Hungarian officials" ~ "Hungary"); symmetric relations match in either
direction. Two matchers are reported: word overlap alone, and word overlap where a gold
actor text also stands for the name it is in apposition with in the sentence (PLOVER
often codes the description, "Quatar's emir, Sheikh Hamad bin Khalifa al-Thani", where
our guideline takes the name; found through the parse, proper-noun appositions only).
Precision = matched system triples / system triples; recall = matched expected events /
expected events (a reciprocal pair of events of a symmetric relation counts once). The
co-occurrence baseline (every pair of named entities in a sentence holding a trigger word
of the relation) is printed beside.

    python bench/bench_plover.py [CASES.jsonl] [--misses N] [--fp N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphbuild.extract import extract, load_model  # noqa: E402
from graphbuild.extract.lexicon import load_lexicon  # noqa: E402
from graphbuild.gazetteer import state_for  # noqa: E402
from graphbuild.records import SYMMETRIC, Document  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "benchmarks" / "plover" / "cases.jsonl"
STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "in",
        "on",
        "for",
        "to",
        "at",
        "by",
        "with",
        "from",
        "s",
        "its",
        "his",
        "her",
        "their",
        "new",
        "de",
        "al",
        "el",
    ]
)


ACRONYM = re.compile(r"\b[A-Za-z](?:\.[A-Za-z])+\b\.?")


def words(text: str) -> set[str]:
    """Content words; a dotted acronym is one word ("U.N." -> "un")."""
    text = ACRONYM.sub(lambda m: m.group().replace(".", "") + " ", text)
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP and len(w) > 1}


def states_in(text: str) -> set[str]:
    """States a text names, whole or word by word ("Nigerian authorities" -> Nigeria)."""
    found = {state_for(text)}
    tokens = re.findall(r"[A-Za-z][A-Za-z.'-]*", text)
    for size in (1, 2, 3):
        for k in range(len(tokens) - size + 1):
            found.add(state_for(" ".join(tokens[k : k + size])))
    found.discard(None)
    return found  # type: ignore[return-value]


def overlaps(
    forms: tuple[str, ...], text: str, aligned: dict[str, list[str]] | None = None
) -> bool:
    """Whether an actor (its name and surface forms) is the gold actor ``text``: a shared
    content word or the same state; with ``aligned``, also the name ``text`` stands in
    apposition with in the sentence."""
    if not text:
        return False
    for gold in [text, *(aligned or {}).get(text, ())]:
        gold_words = words(gold)
        gold_states = states_in(gold)
        for form in forms:
            if words(form) & gold_words:
                return True
            if gold_states and state_for(form) in gold_states:
                return True
    return False


def _listed(span) -> bool:
    return span.root.dep_ == "conj" or any(c.dep_ == "conj" for c in span.root.children)


def appositions(doc, text: str) -> list[str]:
    """The names a description ``text`` stands in apposition with in the parsed sentence
    ``doc``: "Quatar's emir, Sheikh Hamad bin Khalifa al-Thani, ..." -> the emir's name.
    Only a text whose head is a common noun is aligned, and only with a person or
    organisation: an appositive (or head) that is a proper noun, taken as its named
    entity, or a name right after (or before) the text and a comma, attached beside it
    in the same clause. A name ("Pakistan, a key U.S. ally, ...") aligns with nothing."""
    start = doc.text.find(text.strip()) if text.strip() else -1
    if start < 0:
        return []
    span = doc.char_span(start, start + len(text.strip()), alignment_mode="expand")
    if span is None:
        return []
    if span.root.pos_ != "NOUN":
        return []  # a name needs no alignment; only a description ("the emir") does
    inside = set(range(span.start, span.end))
    root = span.root
    linked = [c for c in root.children if c.dep_ == "appos" and c.i not in inside]
    linked += [root.head] if root.dep_ == "appos" and root.head.i not in inside else []
    names = []
    for token in linked:
        entity = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        if token.pos_ == "PROPN" and (entity is None or entity.label_ in ("PERSON", "ORG")):
            names.append(entity.text if entity is not None else token.text)
    # The parse may miss it: "DESCRIPTION, [title] NAME" or "NAME, [the] DESCRIPTION";
    # not a list ("Hamas, Hezbollah and Iran").
    for entity in doc.ents:
        if entity.label_ not in ("PERSON", "ORG") or _listed(span) or _listed(entity):
            continue
        a, b = span.root, entity.root
        if not (a.head == b.head or a.head == b or b.head == a):
            continue  # not side by side in one clause ("... in Liberia, the WFP said")
        after = span.end < len(doc) and doc[span.end].text == ","
        before = span.start > 0 and doc[span.start - 1].text == ","
        if (after and span.end + 1 <= entity.start <= span.end + 2) or (
            before and span.start - 3 <= entity.end - 1 <= span.start - 2
        ):
            names.append(entity.text)
    return names


def expected(case: dict) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for event in case["events"]:
        relation = event.get("relation")
        if not relation:
            continue
        src, tgt = event.get("source_text") or "", event.get("target_text") or ""
        if relation in SYMMETRIC:
            key = (relation, frozenset((src, tgt)))
            if key in seen:
                continue
            seen.add(key)
        out.append((relation, src, tgt))
    return out


def match(triple, event, aligned: dict[str, list[str]] | None) -> bool:
    relation, src_forms, tgt_forms = triple
    if relation != event[0]:
        return False
    direct = overlaps(src_forms, event[1], aligned) and overlaps(tgt_forms, event[2], aligned)
    if direct or relation not in SYMMETRIC:
        return direct
    return overlaps(src_forms, event[2], aligned) and overlaps(tgt_forms, event[1], aligned)


def score(
    system: list[list[tuple[str, tuple[str, ...], tuple[str, ...]]]],
    cases: list[dict],
    alignments: list[dict[str, list[str]]] | None = None,
):
    tp_sys = n_sys = tp_gold = n_gold = 0
    per_relation: Counter[str] = Counter()
    misses, false_pos = [], []
    for index, (triples, case) in enumerate(zip(system, cases, strict=True)):
        gold = expected(case)
        aligned = alignments[index] if alignments else None
        n_gold += len(gold)
        n_sys += len(triples)

        for triple in triples:
            if any(match(triple, event, aligned) for event in gold):
                tp_sys += 1
                per_relation[f"{triple[0]} tp"] += 1
            else:
                false_pos.append((case["text"], triple))
        for event in gold:
            if any(match(triple, event, aligned) for triple in triples):
                tp_gold += 1
            else:
                misses.append((case["text"], event))
    p = tp_sys / n_sys if n_sys else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, (tp_sys, n_sys, tp_gold, n_gold), misses, false_pos


def system_triples(nlp, cases: list[dict]):
    docs = [Document(case["id"], case["id"], case["text"]) for case in cases]
    out = []
    for extraction in extract(docs, nlp):
        forms = {m.name: (m.name, *m.forms) for m in extraction.mentions}
        triples = {
            (c.relation, forms.get(c.source, (c.source,)), forms.get(c.target, (c.target,)))
            for c in extraction.claims
        }
        out.append(sorted(triples))
    return out


def baseline_triples(nlp, cases: list[dict]):
    lex = load_lexicon()
    out = []
    for doc in nlp.pipe(case["text"] for case in cases):
        triples = set()
        for sent in doc.sents:
            names = [e.text for e in sent.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")]
            lemmas = {t.lemma_.lower() for t in sent}
            for relation in ("met-with", "allied-to", "opposes"):
                triggers = set(lex.verbs[relation]) | set(lex.nouns[relation])
                if lemmas & triggers:
                    for a in names:
                        for b in names:
                            if a != b:
                                triples.add((relation, (a,), (b,)))
        out.append(sorted(triples))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", default=str(DEFAULT))
    parser.add_argument("--misses", type=int, default=0, help="print this many misses")
    parser.add_argument("--fp", type=int, default=0, help="print this many false positives")
    args = parser.parse_args()
    path = Path(args.cases)
    if not path.exists():
        sys.exit(f"{path}: no such cases file (pass the path to PLOVER cases.jsonl).")
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    nlp = load_model()
    started = time.perf_counter()
    system = system_triples(nlp, cases)
    seconds = time.perf_counter() - started
    base = baseline_triples(nlp, cases)
    alignments = []
    for case, doc in zip(cases, nlp.pipe(case["text"] for case in cases), strict=True):
        texts = {e.get(k) or "" for e in case["events"] for k in ("source_text", "target_text")}
        alignments.append({text: appositions(doc, text) for text in texts if text})
    for matcher, aligned in (("word overlap", None), ("+ apposition", alignments)):
        print(f"matcher: {matcher}")
        for label, triples in (("graphbuild", system), ("co-occurrence baseline", base)):
            p, r, f, counts, misses, false_pos = score(triples, cases, aligned)
            print(
                f"  {label:24s} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (matched/system "
                f"{counts[0]}/{counts[1]}, matched/gold {counts[2]}/{counts[3]})"
            )
            if label == "graphbuild" and aligned is not None:
                for text, event in misses[: args.misses]:
                    print(f"  MISS {event}  | {text}")
                for text, triple in false_pos[: args.fp]:
                    print(f"  FP   {triple[0]} {triple[1][0]} -> {triple[2][0]}  | {text}")
    print(f"{len(cases)} cases, extraction {seconds:.1f} s")


if __name__ == "__main__":
    main()
