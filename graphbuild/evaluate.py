"""Score extracted triples against an annotated gold set.

Implements the scoring of the annotation guideline: a system actor is mapped to a gold
actor by its name, else by the gold actor most of its aliases name (exact form first,
then case-insensitive); a system triple counts once per document. Precision = matched
system triples / system triples (a match with an optional gold triple counts as matched);
recall = matched required gold triples / required gold triples. The graph level does the
same over distinct (source, relation, target) of the whole corpus. Entity resolution is
scored pairwise over the (system actor, surface form) items whose form the gold knows.

Event dates are scored over the matched required gold triples that annotate one (a gold
line's "event_date": a string, or null for "the text dates it not"; no key: not
annotated). The system's date of a matched triple is that of its triples in the document
whose sentence is the gold's evidence, else the earliest of all of them (the edge's
``event_date``). A gold date is matched at its own precision: the system's date cut to
the gold's length ("2015-11-04" -> "2015-11" for a gold "2015-11") must equal it, so a
less precise system date is wrong.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from graphbuild.errors import InputError
from graphbuild.records import RELATIONS, SYMMETRIC

UNMAPPED = "?"


@dataclass(frozen=True)
class Score:
    tp_system: int
    system: int
    tp_gold: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp_system / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "matched_system": self.tp_system,
            "system": self.system,
            "matched_gold": self.tp_gold,
            "gold": self.gold,
        }


@dataclass(frozen=True)
class DateScore:
    """Event dates over matched required gold triples that annotate one."""

    dated: int = 0  # gold gives a date
    correct: int = 0  # ... and the system gives it at the gold's precision
    undated: int = 0  # gold says the text gives no date
    spurious: int = 0  # ... and the system gives one anyway
    errors: tuple[dict[str, Any], ...] = ()

    @property
    def accuracy(self) -> float:
        return self.correct / self.dated if self.dated else 0.0

    @property
    def spurious_rate(self) -> float:
        return self.spurious / self.undated if self.undated else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "accuracy": round(self.accuracy, 4),
            "correct": self.correct,
            "dated": self.dated,
            "spurious_rate": round(self.spurious_rate, 4),
            "spurious": self.spurious,
            "undated": self.undated,
            "errors": list(self.errors),
        }


@dataclass(frozen=True)
class EvalReport:
    document: Mapping[str, Score]  # "all" and one per relation
    graph: Mapping[str, Score]
    er_precision: float
    er_recall: float
    er_f1: float
    merged: tuple[dict[str, Any], ...]  # system actors that merge distinct gold actors
    false_positives: tuple[dict[str, Any], ...] = field(default=())
    misses: tuple[dict[str, Any], ...] = field(default=())
    dates: DateScore = field(default_factory=DateScore)

    def to_json(self) -> dict[str, Any]:
        return {
            "document": {k: v.to_json() for k, v in self.document.items()},
            "graph": {k: v.to_json() for k, v in self.graph.items()},
            "entity_resolution": {
                "precision": round(self.er_precision, 4),
                "recall": round(self.er_recall, 4),
                "f1": round(self.er_f1, 4),
                "merged_distinct_actors": list(self.merged),
            },
            "false_positives": list(self.false_positives),
            "misses": list(self.misses),
            "event_date": self.dates.to_json(),
        }

    def to_text(self) -> str:
        lines = ["level     relation   precision  recall  f1     (matched/system, matched/gold)"]
        for level, scores in (("document", self.document), ("graph", self.graph)):
            for rel, s in scores.items():
                lines.append(
                    f"{level:<9} {rel:<10} {s.precision:9.3f}  {s.recall:6.3f}  {s.f1:5.3f}  "
                    f"({s.tp_system}/{s.system}, {s.tp_gold}/{s.gold})"
                )
        lines.append(
            f"entity resolution pairwise: precision {self.er_precision:.3f} "
            f"recall {self.er_recall:.3f} f1 {self.er_f1:.3f}; "
            f"merged distinct actors: {len(self.merged)}"
        )
        for m in self.merged:
            lines.append(f"  merged: {m['actor']} -> {', '.join(m['gold'])}")
        d = self.dates
        lines.append(
            f"event dates: accuracy {d.accuracy:.3f} ({d.correct}/{d.dated} matched gold "
            f"triples with a date); a date where the gold has none {d.spurious_rate:.3f} "
            f"({d.spurious}/{d.undated})"
        )
        for e in d.errors:
            lines.append(
                f"  {e['doc']}  {e['source']} -{e['relation']}-> {e['target']}: "
                f"gold {e['gold']}, system {e['system']} ({e['text']})"
            )
        if self.false_positives:
            lines.append(f"false positives ({len(self.false_positives)}):")
            for fp in self.false_positives:
                lines.append(
                    f"  {fp['doc']}  {fp['source']} -{fp['relation']}-> {fp['target']}"
                    f"  | {fp['sentence'][:110]}"
                )
        if self.misses:
            lines.append(f"misses ({len(self.misses)}):")
            for miss in self.misses:
                lines.append(
                    f"  {miss['doc']}  {'/'.join(miss['source'])} -{miss['relation']}-> "
                    f"{'/'.join(miss['target'])}  | {miss['evidence'][:110]}"
                )
        return "\n".join(lines)


def evaluate(triples_path: Path, gold_path: Path, actors_path: Path) -> EvalReport:
    """Score a triples file against gold triples and gold actors. Pure apart from reading.

    Raises:
        InputError: a file is missing or malformed.
    """
    system = _read_jsonl(triples_path)
    gold = _read_jsonl(gold_path)
    forms = _gold_forms(_read_json(actors_path), actors_path)
    for i, row in enumerate(system, 1):
        if not {"doc", "relation", "source", "target"} <= row.keys():
            raise InputError(f"{triples_path}:{i}: not a graphbuild triple (doc/relation/...).")
    for i, row in enumerate(gold, 1):
        if not {"doc", "relation", "source", "target"} <= row.keys():
            raise InputError(f"{gold_path}:{i}: gold triple needs doc, relation, source, target.")

    actors = {row[side]["id"]: row[side] for row in system for side in ("source", "target")}
    mapping = {aid: _map_actor(actor, forms) for aid, actor in actors.items()}

    doc_scores, fps, misses = _score(system, gold, mapping, per_doc=True)
    graph_scores, _, _ = _score(system, gold, mapping, per_doc=False)
    er_p, er_r, er_f, merged = _entity_resolution(actors.values(), forms)
    dates = _dates(system, gold, mapping)
    return EvalReport(doc_scores, graph_scores, er_p, er_r, er_f, merged, fps, misses, dates)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        with Path(path).open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise InputError(f"{path}:{number}: malformed JSON ({exc.msg}).") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}).") from exc
    return rows


def _read_json(path: Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}).") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: malformed JSON ({exc.msg}).") from exc


def _gold_forms(data: Any, path: Path) -> dict[str, str]:
    """Every gold form and metonym -> its gold actor key (exact, then lower-cased)."""
    if not isinstance(data, dict):
        raise InputError(f"{path}: gold actors must be a JSON object keyed by actor name.")
    exact: dict[str, str] = {}
    for key, spec in data.items():
        exact.setdefault(key, key)
        if isinstance(spec, dict):
            for form in (*spec.get("forms", []), *spec.get("metonyms", [])):
                exact.setdefault(form, key)
    table = {f"={k}": v for k, v in exact.items()}
    for form, key in exact.items():
        table.setdefault(form.lower(), key)
    return table


def _lookup(form: str, forms: Mapping[str, str]) -> str | None:
    return forms.get(f"={form}") or forms.get(form.lower())


def _map_actor(actor: Mapping[str, Any], forms: Mapping[str, str]) -> str:
    by_name = _lookup(actor["name"], forms)
    if by_name:
        return by_name
    votes = Counter(k for a in actor.get("aliases", []) if (k := _lookup(a, forms)))
    if not votes:
        return UNMAPPED + actor["name"]
    return min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _key(relation: str, source: str, target: str) -> tuple[str, str, str]:
    if relation in SYMMETRIC and target < source:
        source, target = target, source
    return relation, source, target


def _matches(key: tuple[str, str, str], g: Mapping[str, Any]) -> bool:
    relation, source, target = key
    if relation != g["relation"]:
        return False
    if source in g["source"] and target in g["target"]:
        return True
    return relation in SYMMETRIC and target in g["source"] and source in g["target"]


def _score(
    system: list[dict[str, Any]],
    gold: list[dict[str, Any]],
    mapping: Mapping[str, str],
    per_doc: bool,
) -> tuple[dict[str, Score], tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    """Score at document level (per_doc) or over the corpus' distinct triples."""
    scope = (lambda doc: doc) if per_doc else (lambda doc: "")
    sys_items: dict[tuple[str, tuple[str, str, str]], dict[str, Any]] = {}
    for row in system:
        key = _key(row["relation"], mapping[row["source"]["id"]], mapping[row["target"]["id"]])
        sys_items.setdefault((scope(row["doc"]), key), row)
    gold_items = _gold_items(gold, scope)
    by_scope: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (where, *_), g in gold_items.items():
        by_scope[where].append(g)

    matched_gold: set[int] = set()
    counts: dict[str, list[int]] = {r: [0, 0, 0, 0] for r in ("all", *RELATIONS)}
    false_positives = []
    for (where, key), row in sorted(sys_items.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        hits = [g for g in by_scope[where] if _matches(key, g)]
        matched_gold.update(id(g) for g in hits)
        for rel in ("all", key[0]):
            counts[rel][1] += 1
            counts[rel][0] += bool(hits)
        if not hits and per_doc:
            false_positives.append(
                {
                    "doc": row["doc"],
                    "relation": row["relation"],
                    "source": row["source"]["name"],
                    "target": row["target"]["name"],
                    "sentence": row.get("sentence", ""),
                }
            )
    misses = []
    for (_, relation, *_), g in sorted(gold_items.items(), key=lambda kv: str(kv[0])):
        if not g.get("required", True):
            continue
        for rel in ("all", relation):
            counts[rel][3] += 1
            counts[rel][2] += id(g) in matched_gold
        if id(g) not in matched_gold and per_doc:
            misses.append(
                {
                    "doc": g["doc"],
                    "relation": relation,
                    "source": g["source"],
                    "target": g["target"],
                    "evidence": g.get("evidence", ""),
                }
            )
    scores = {rel: Score(*c) for rel, c in counts.items()}
    return scores, tuple(false_positives), tuple(misses)


def _gold_items(
    gold: list[dict[str, Any]], scope: Callable[[str], str]
) -> dict[tuple[Any, ...], dict[str, Any]]:
    """One gold triple per (scope, relation, sides); a required one wins over an optional."""
    gold_items: dict[tuple[Any, ...], dict[str, Any]] = {}
    for g in gold:
        sides = [frozenset(g["source"]), frozenset(g["target"])]
        if g["relation"] in SYMMETRIC:
            sides.sort(key=sorted)
        gkey = (scope(g["doc"]), g["relation"], *sides)
        kept = gold_items.get(gkey)
        if kept is None or (g.get("required", True) and not kept.get("required", True)):
            gold_items[gkey] = g
    return gold_items


def _dates(
    system: list[dict[str, Any]], gold: list[dict[str, Any]], mapping: Mapping[str, str]
) -> DateScore:
    """Event-date accuracy over the matched required gold triples that annotate one."""
    by_doc: dict[str, list[tuple[tuple[str, str, str], dict[str, Any]]]] = defaultdict(list)
    for row in system:
        key = _key(row["relation"], mapping[row["source"]["id"]], mapping[row["target"]["id"]])
        by_doc[row["doc"]].append((key, row))
    dated = correct = undated = spurious = 0
    errors = []
    items = _gold_items(gold, lambda doc: doc)
    for _, g in sorted(items.items(), key=lambda kv: str(kv[0])):
        if not g.get("required", True) or "event_date" not in g:
            continue
        rows = [row for key, row in by_doc.get(g["doc"], []) if _matches(key, g)]
        if not rows:
            continue
        evidence = " ".join(str(g.get("evidence") or "").split())
        cited = [
            r for r in rows if evidence and " ".join(r.get("sentence", "").split()) == evidence
        ]
        candidates = [r for r in cited or rows if r.get("event_date")]
        best = min(candidates, key=lambda r: r["event_date"]) if candidates else {}
        got = best.get("event_date")
        want = g["event_date"]
        if want:
            dated += 1
            right = got is not None and len(got) >= len(want) and got[: len(want)] == want
            correct += right
        else:
            undated += 1
            right = got is None
            spurious += not right
        if not right:
            text = best.get("event_date_text")
            errors.append(
                {"doc": g["doc"], "relation": g["relation"], "source": "/".join(g["source"]),
                 "target": "/".join(g["target"]), "gold": want, "system": got, "text": text}
            )  # fmt: skip
    return DateScore(dated, correct, undated, spurious, tuple(errors))


def _entity_resolution(
    actors: Iterable[Mapping[str, Any]], forms: Mapping[str, str]
) -> tuple[float, float, float, tuple[dict[str, Any], ...]]:
    """Pairwise P/R/F1 over (system actor, form) items whose form names a gold actor."""
    items: list[tuple[str, str]] = []  # (system actor id, gold key)
    merged = []
    for actor in sorted(actors, key=lambda a: a["id"]):
        keys = {}
        for form in sorted({actor["name"], *actor.get("aliases", [])}):
            key = _lookup(form, forms)
            if key:
                items.append((actor["id"], key))
                keys.setdefault(key, form)
        if len(keys) > 1:
            merged.append({"actor": actor["name"], "id": actor["id"], "gold": sorted(keys)})
    tp = fp = fn = 0
    for (sys_a, gold_a), (sys_b, gold_b) in combinations(items, 2):
        same_sys, same_gold = sys_a == sys_b, gold_a == gold_b
        tp += same_sys and same_gold
        fp += same_sys and not same_gold
        fn += same_gold and not same_sys
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tuple(merged)
