"""`graphbuild actors` and the review file: rows from files (real spaCy model) and from a
real FalkorDB store; review snippets that, pasted into the actor file, apply the decision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild.actorfile import read_actor_file
from graphbuild.config import Settings
from graphbuild.errors import InputError
from graphbuild.records import Mention
from graphbuild.resolve import resolve
from graphbuild.resolve.report import actor_rows, review_line, write_review

ARTICLES = {
    "berlin.txt": (
        "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on "
        "Monday. Merkel said the two leaders agreed on a common plan. Macron criticised "
        "Russia over the attacks."
    ),
    "paris.txt": (
        "Emmanuel Macron held talks with Olaf Scholz in Paris on Tuesday. Scholz and "
        "Macron condemned the strikes."
    ),
}


def m(doc: str, name: str, context: str = "") -> Mention:
    return Mention(doc, name, "PERSON", 1, (name,), context or f"{name} arrived on Monday.")


def _paste(snippet: dict, path: Path) -> Path:
    path.write_text(json.dumps(snippet), encoding="utf-8")
    return path


def test_reject_snippet_undoes_a_merge(tmp_path: Path) -> None:
    mentions = [m("a.txt", "Faisal Muqdad"), m("b.txt", "Faisal Mekdad")]
    merged = resolve(mentions)
    assert len(merged.actors) == 1
    (pair,) = [p for p in merged.review if p.merged]
    line = review_line(pair)
    assert {line["left"], line["right"]} == {"Faisal Muqdad", "Faisal Mekdad"}
    assert line["left_sentence"] and line["right_sentence"] and 0 < line["score"] < 1
    apart = resolve(mentions, actors=read_actor_file(_paste(line["reject"], tmp_path / "a.json")))
    assert len(apart.actors) == 2


def test_confirm_snippet_makes_a_merge(tmp_path: Path) -> None:
    mentions = [m("a.txt", "Kim Jong-un"), m("b.txt", "Kim Jong-il"), m("c.txt", "Kim")]
    r = resolve(mentions)
    (pair,) = [p for p in r.review if {p.left, p.right} == {"Kim", "Kim Jong-il"}]
    assert not pair.merged
    line = review_line(pair)
    after = resolve(mentions, actors=read_actor_file(_paste(line["confirm"], tmp_path / "a.json")))
    assert after.index[("c.txt", "Kim")] == after.index[("b.txt", "Kim Jong-il")]
    assert after.index[("a.txt", "Kim Jong-un")] != after.index[("b.txt", "Kim Jong-il")]


def test_write_review_is_json_lines(tmp_path: Path) -> None:
    r = resolve([m("a.txt", "Faisal Muqdad"), m("b.txt", "Faisal Mekdad")])
    out = tmp_path / "sub" / "review.jsonl"
    assert write_review(r.review, out) == len(r.review) == 1
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["confirm"]["actors"][0]["aliases"] == [record["right"]]
    assert record["reject"]["cannot_link"] == [[record["left"], record["right"]]]


def test_write_review_to_an_unwritable_place_names_the_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="review file"):
        write_review([], blocker / "review.jsonl")


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_actor_rows_from_files(articles: Path, tmp_path: Path) -> None:
    review = tmp_path / "review.jsonl"
    rows = actor_rows([str(articles)], Settings(), review)
    by_name = {row["name"]: row for row in rows}
    assert by_name["Emmanuel Macron"]["kind"] == "PERSON"
    assert by_name["Emmanuel Macron"]["mentions"] >= 4
    assert "Macron" in by_name["Emmanuel Macron"]["aliases"]
    assert "Merkel" in by_name["Angela Merkel"]["aliases"]
    assert not any(row["name"] in ("Macron", "Merkel", "Scholz") for row in rows)
    assert review.exists()


def test_actor_rows_from_the_store(articles: Path, new_settings: Settings, tmp_path: Path) -> None:
    from graphbuild.pipeline import run
    from graphbuild.store import open_store

    from_files = actor_rows([str(articles)], new_settings, None)
    with open_store(new_settings) as store:
        run([str(articles)], new_settings, store)
    stored = actor_rows([], new_settings, tmp_path / "review.jsonl")
    assert {(r["id"], r["name"], r["kind"]) for r in stored} >= {
        (r["id"], r["name"], r["kind"]) for r in from_files if r["name"] == "Emmanuel Macron"
    }
    assert (tmp_path / "review.jsonl").exists()


def test_later_load_attaches_a_surname_to_the_stored_person(
    articles: Path, new_settings: Settings, tmp_path: Path
) -> None:
    from graphbuild.pipeline import run
    from graphbuild.store import open_store

    later = tmp_path / "later"
    later.mkdir()
    (later / "rome.txt").write_text(
        "Macron met Italian Prime Minister Giorgia Meloni in Rome on Friday.", encoding="utf-8"
    )
    with open_store(new_settings) as store:
        run([str(articles)], new_settings, store)
        first = {a.name: a.id for a in store.known_actors()}
        run([str(later)], new_settings, store)
        second = {a.name: a.id for a in store.known_actors()}
    assert second["Emmanuel Macron"] == first["Emmanuel Macron"]
    assert "Macron" not in second
