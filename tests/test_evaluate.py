"""`graphbuild eval`: the guideline's scoring on small hand-made gold sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphbuild.cli import app
from graphbuild.errors import InputError
from graphbuild.evaluate import evaluate

ACTORS = {
    "Anna Petrova": {"kind": "PERSON", "forms": ["Anna Petrova", "Petrova"], "metonyms": []},
    "Boris Ivanov": {"kind": "PERSON", "forms": ["Boris Ivanov", "Ivanov"], "metonyms": []},
    "Ruritania": {"kind": "STATE", "forms": ["Ruritania"], "metonyms": ["Strelsau"]},
    "Freedonia": {"kind": "STATE", "forms": ["Freedonia"], "metonyms": []},
}
GOLD = [
    {"doc": "a.txt", "relation": "met-with", "source": ["Anna Petrova"],
     "target": ["Boris Ivanov"], "required": True, "evidence": "Petrova met Ivanov."},
    {"doc": "a.txt", "relation": "opposes", "source": ["Freedonia"],
     "target": ["Ruritania", "Boris Ivanov"], "required": True, "evidence": "F opposes R."},
    {"doc": "b.txt", "relation": "allied-to", "source": ["Ruritania"],
     "target": ["Freedonia"], "required": False, "evidence": "maybe allies"},
]  # fmt: skip


def actor(name: str, *aliases: str, kind: str = "PERSON") -> dict:
    return {"id": name.lower().replace(" ", "-"), "name": name, "kind": kind,
            "aliases": [name, *aliases]}  # fmt: skip


def triple(doc: str, relation: str, source: dict, target: dict) -> dict:
    return {"doc": doc, "relation": relation, "source": source, "target": target,
            "sentence": "s", "start": 0, "end": 1}  # fmt: skip


def write(tmp_path: Path, system: list[dict]) -> tuple[Path, Path, Path]:
    paths = tmp_path / "sys.jsonl", tmp_path / "gold.jsonl", tmp_path / "actors.json"
    paths[0].write_text("".join(json.dumps(r) + "\n" for r in system))
    paths[1].write_text("".join(json.dumps(r) + "\n" for r in GOLD))
    paths[2].write_text(json.dumps(ACTORS))
    return paths


def test_perfect_output_scores_one_and_symmetric_order_does_not_matter(tmp_path):
    petrova, ivanov = actor("Anna Petrova", "Petrova"), actor("Boris Ivanov")
    system = [
        triple("a.txt", "met-with", ivanov, petrova),  # swapped: symmetric relation
        triple("a.txt", "opposes", actor("Freedonia", kind="STATE"),
               actor("Strelsau", kind="STATE")),  # metonym maps to Ruritania
    ]  # fmt: skip
    report = evaluate(*write(tmp_path, system))
    assert report.document["all"].precision == 1.0
    assert report.document["all"].recall == 1.0
    assert report.graph["all"].f1 == 1.0
    assert not report.false_positives and not report.misses


def test_wrong_direction_and_unknown_actor_are_false_positives(tmp_path):
    system = [
        triple("a.txt", "opposes", actor("Ruritania", kind="STATE"),
               actor("Freedonia", kind="STATE")),  # opposes is directed
        triple("a.txt", "met-with", actor("Anna Petrova"), actor("Nobody Known")),
    ]  # fmt: skip
    report = evaluate(*write(tmp_path, system))
    assert report.document["all"].precision == 0.0
    assert report.document["all"].recall == 0.0
    assert len(report.false_positives) == 2
    assert {m["relation"] for m in report.misses} == {"met-with", "opposes"}


def test_optional_gold_counts_for_precision_not_recall(tmp_path):
    system = [triple("b.txt", "allied-to", actor("Freedonia", kind="STATE"),
                     actor("Ruritania", kind="STATE"))]  # fmt: skip
    report = evaluate(*write(tmp_path, system))
    assert report.document["all"].precision == 1.0
    assert report.document["all"].gold == 2  # only the required ones
    assert report.document["allied-to"].gold == 0


def test_duplicate_triples_in_a_document_count_once(tmp_path):
    petrova, ivanov = actor("Anna Petrova"), actor("Boris Ivanov")
    system = [triple("a.txt", "met-with", petrova, ivanov)] * 3
    report = evaluate(*write(tmp_path, system))
    assert report.document["all"].system == 1


def test_entity_resolution_pairwise_and_merges(tmp_path):
    split = [actor("Anna Petrova"), {**actor("Petrova"), "id": "other"}]
    merged = actor("Anna Petrova", "Petrova", "Ivanov")
    good = evaluate(*write(tmp_path, [triple("a.txt", "met-with", actor("Anna Petrova",
                    "Petrova"), actor("Boris Ivanov", "Ivanov"))]))  # fmt: skip
    assert good.er_f1 == 1.0 and not good.merged
    apart = evaluate(*write(tmp_path, [triple("a.txt", "met-with", *split)]))
    assert apart.er_recall == 0.0
    together = evaluate(*write(tmp_path, [triple("a.txt", "met-with", merged, actor("X"))]))
    assert together.er_precision < 1.0
    assert together.merged[0]["gold"] == ["Anna Petrova", "Boris Ivanov"]


def test_malformed_input_names_file_and_line(tmp_path):
    sys_path, gold, actors = write(tmp_path, [])
    sys_path.write_text('{"doc": "a.txt"}\nnot json\n')
    with pytest.raises(InputError, match=r"sys.jsonl:2"):
        evaluate(sys_path, gold, actors)


def test_cli_json_output(tmp_path):
    paths = write(tmp_path, [triple("a.txt", "met-with", actor("Anna Petrova"),
                                    actor("Boris Ivanov"))])  # fmt: skip
    args = ["eval", str(paths[0]), "--gold", str(paths[1]), "--actors", str(paths[2]), "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["document"]["met-with"]["precision"] == 1.0
    assert data["document"]["all"]["recall"] == 0.5


def test_cli_missing_file_is_one_line_exit_1(tmp_path):
    result = CliRunner().invoke(
        app, ["eval", str(tmp_path / "none.jsonl"), "--gold", "x", "--actors", "y"]
    )
    assert result.exit_code == 1
    assert "none.jsonl" in result.output and "Traceback" not in result.output


def dated_triple(doc, relation, source, target, event_date, sentence="s", text=None) -> dict:
    return {**triple(doc, relation, source, target), "sentence": sentence,
            "event_date": event_date, "event_date_text": text or event_date}  # fmt: skip


def test_event_date_accuracy_at_the_gold_precision(tmp_path):
    petrova, ivanov = actor("Anna Petrova"), actor("Boris Ivanov")
    fre, rur = actor("Freedonia", kind="STATE"), actor("Ruritania", kind="STATE")
    gold = [
        {"doc": "a.txt", "relation": "met-with", "source": ["Anna Petrova"],
         "target": ["Boris Ivanov"], "event_date": "2015-11"},  # system more precise: right
        {"doc": "a.txt", "relation": "opposes", "source": ["Freedonia"],
         "target": ["Ruritania"], "event_date": "2015-11-04"},  # system less precise: wrong
        {"doc": "b.txt", "relation": "met-with", "source": ["Anna Petrova"],
         "target": ["Boris Ivanov"], "event_date": None, "evidence": "They met."},
        {"doc": "c.txt", "relation": "met-with", "source": ["Anna Petrova"],
         "target": ["Boris Ivanov"], "event_date": None},  # the system dates it: spurious
        {"doc": "d.txt", "relation": "met-with", "source": ["Anna Petrova"],
         "target": ["Boris Ivanov"]},  # not annotated: not scored
        {"doc": "e.txt", "relation": "met-with", "source": ["Anna Petrova"],
         "target": ["Boris Ivanov"], "event_date": "1998"},  # not matched: not scored
    ]  # fmt: skip
    system = [
        dated_triple("a.txt", "met-with", ivanov, petrova, "2015-11-04", text="Wednesday"),
        dated_triple("a.txt", "opposes", fre, rur, "2015-11", text="this month"),
        # b.txt: the sentence the gold cites is undated; another one is dated
        dated_triple("b.txt", "met-with", petrova, ivanov, None, sentence="They met."),
        dated_triple("b.txt", "met-with", petrova, ivanov, "2014", sentence="Also in 2014."),
        dated_triple("c.txt", "met-with", petrova, ivanov, "2015-10-28", text="Wednesday"),
        dated_triple("d.txt", "met-with", petrova, ivanov, "2015"),
    ]
    paths = write(tmp_path, system)
    paths[1].write_text("".join(json.dumps(g) + "\n" for g in gold))
    dates = evaluate(*paths).dates
    assert (dates.correct, dates.dated, dates.spurious, dates.undated) == (1, 2, 1, 2)
    assert dates.accuracy == 0.5 and dates.spurious_rate == 0.5
    assert [(e["doc"], e["gold"], e["system"], e["text"]) for e in dates.errors] == [
        ("a.txt", "2015-11-04", "2015-11", "this month"),
        ("c.txt", None, "2015-10-28", "Wednesday"),
    ]
    result = CliRunner().invoke(
        app, ["eval", str(paths[0]), "--gold", str(paths[1]), "--actors", str(paths[2]), "--json"]
    )
    assert json.loads(result.stdout)["event_date"]["accuracy"] == 0.5
    text = CliRunner().invoke(
        app, ["eval", str(paths[0]), "--gold", str(paths[1]), "--actors", str(paths[2])]
    )
    assert "event dates: accuracy 0.500 (1/2" in text.stdout
