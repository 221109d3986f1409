"""The extraction cache (graphbuild/cache.py): a reload parses only the documents whose
text, date or extractor changed, says how many were new, changed and unchanged, and ends
with the graph a load without the cache gives. Real files, the real model, the session's
real embedded FalkorDB server; each test keeps its cache in its own temp folder."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from test_load_graph import snapshot

from graphbuild.cache import FILE
from graphbuild.config import Settings
from graphbuild.pipeline import build, run
from graphbuild.records import Changes, Extraction, Reused
from graphbuild.render import changes as describe
from graphbuild.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EDITED = "003_67a33b7ca5c1cc12.txt"
# The paragraph of EDITED that gives de Mistura's meeting with Walid Muallem.
CUT = "Partly on the efforts of the UN envoy"
CUT_ACTOR = "Walid Muallem"
NEW_TEXT = (
    "Talks in Oslo\n\nFeodor Quorvath, the foreign minister of Norway, met Galina Ostrova "
    "in Oslo on Monday.\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the seed articles, free to edit."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def cached(new_settings: Settings, tmp_path: Path) -> Settings:
    """Settings for a fresh graph on the session server, with a cache of the test's own."""
    return replace(new_settings, cache_dir=tmp_path / "cache")


def load(corpus: Path, settings: Settings):
    with open_store(settings) as store:
        report = run([str(corpus)], settings, store)
        return report, snapshot(store)


def fresh(corpus: Path, settings: Settings, tmp_path: Path):
    """The graph a first load of ``corpus`` gives, in a graph and cache of its own."""
    other = replace(settings, database=f"{settings.database}_fresh", cache_dir=tmp_path / "fresh")
    return load(corpus, other)[1]


def edges(graph: dict) -> dict:
    """What a load writes for the documents: its edges and mentions. (An actor keeps the
    aliases of earlier loads, so its node is not compared with a first load's.)"""
    return {k: graph[k] for k in ("documents", "relations", "mentions", "edges")}


def edit(corpus: Path) -> None:
    """Cut a paragraph that states a meeting, and add a sentence that states another."""
    path = corpus / EDITED
    text = path.read_text(encoding="utf-8")
    kept = "\n\n".join(p for p in text.split("\n\n") if not p.startswith(CUT))
    assert kept != text
    path.write_text(kept + "\n\nSergey Lavrov met Feodor Quorvath in Moscow.\n", encoding="utf-8")


# -- a second load -------------------------------------------------------------------------


def test_a_second_load_takes_every_document_from_the_cache(corpus, cached) -> None:
    first, graph = load(corpus, cached)
    assert first.changes == Changes(new=5)
    assert (Path(cached.cache_dir) / FILE).is_file()

    second, again = load(corpus, cached)
    assert second.changes == Changes(unchanged=5, reused=5)
    assert again == graph
    assert (second.documents, second.actors, second.triples) == (
        first.documents,
        first.actors,
        first.triples,
    )


def test_a_changed_document_is_parsed_again_and_its_edges_replaced(
    corpus, cached, tmp_path
) -> None:
    _, before = load(corpus, cached)
    assert any(
        r["doc"] == EDITED and CUT_ACTOR in " ".join(r["sentences"]) for r in before["relations"]
    )
    edit(corpus)

    report, after = load(corpus, cached)
    assert report.changes == Changes(changed=1, unchanged=4, reused=4)
    # The old edges of the document are gone, not kept beside the new ones: they are the
    # ones a first load of the edited corpus gives.
    assert not any(CUT_ACTOR in " ".join(r["sentences"]) for r in after["relations"])
    assert any("Quorvath" in " ".join(r["sentences"]) for r in after["relations"])
    assert edges(after) == edges(fresh(corpus, cached, tmp_path))


def test_a_new_document_is_the_only_one_parsed(corpus, cached, tmp_path) -> None:
    load(corpus, cached)
    (corpus / "new.txt").write_text(NEW_TEXT, encoding="utf-8")

    report, after = load(corpus, cached)
    assert report.changes == Changes(new=1, unchanged=5, reused=5)
    assert any(r["doc"] == "new.txt" for r in after["relations"])
    assert edges(after) == edges(fresh(corpus, cached, tmp_path))


def test_changed_documents_between_cached_ones_keep_their_order_with_worker_processes(
    corpus, tmp_path
) -> None:
    cache = tmp_path / "cache"
    build([str(corpus)], Settings(), cache_dir=cache)
    edit(corpus)
    (corpus / "002_new.txt").write_text(NEW_TEXT, encoding="utf-8")

    result = build([str(corpus)], Settings(workers=2), cache_dir=cache)
    assert result.changes == Changes(new=1, changed=1, unchanged=4, reused=4)
    uncached = build([str(corpus)], Settings())
    assert result.extractions == uncached.extractions
    assert [t.to_json() for t in result.triples] == [t.to_json() for t in uncached.triples]


# -- what invalidates an entry -------------------------------------------------------------

LEXICON = {"met-with": {"verbs": {"confer": ["with"]}}}
ACTORS = {"actors": [{"name": "Feodor Quorvath", "kind": "PERSON", "aliases": []}]}


@pytest.mark.parametrize("what", ["lexicon", "actors"])
def test_a_lexicon_or_actor_file_change_parses_every_document_again(
    what: str, corpus: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    folder = tmp_path / "lexicon"
    folder.mkdir()
    lexicon, actors = folder / "relations.json", tmp_path / "actors.json"
    lexicon.write_text(json.dumps(LEXICON), encoding="utf-8")
    actors.write_text(json.dumps(ACTORS), encoding="utf-8")
    settings = Settings(lexicon=folder, actors=actors)

    assert build([str(corpus)], settings, cache_dir=cache).changes == Changes(new=5)
    assert build([str(corpus)], settings, cache_dir=cache).changes == Changes(unchanged=5, reused=5)
    if what == "lexicon":
        more = {"met-with": {"verbs": {"confer": ["with"], "consult": ["dobj"]}}}
        lexicon.write_text(json.dumps(more), encoding="utf-8")
    else:
        more = {"actors": [*ACTORS["actors"], {"name": "Galina Ostrova", "kind": "PERSON"}]}
        actors.write_text(json.dumps(more), encoding="utf-8")
    result = build([str(corpus)], settings, cache_dir=cache)
    assert result.changes == Changes(unchanged=5, reused=0)
    assert result.extractions == build([str(corpus)], settings).extractions
    assert build([str(corpus)], settings, cache_dir=cache).changes == Changes(unchanged=5, reused=5)


def test_no_cache_parses_every_document_and_refreshes_the_cache(corpus, tmp_path, capfd) -> None:
    cache = tmp_path / "cache"
    build([str(corpus)], Settings(), cache_dir=cache)
    damage_entry(cache, EDITED)

    forced = build([str(corpus)], Settings(no_cache=True), cache_dir=cache)
    assert forced.changes == Changes(unchanged=5, reused=0)
    # The damaged entry was neither read nor kept: the next run reuses all five.
    assert build([str(corpus)], Settings(), cache_dir=cache).changes == Changes(
        unchanged=5, reused=5
    )
    assert "Warning" not in capfd.readouterr().err


# -- a damaged cache -----------------------------------------------------------------------


def damage_entry(cache: Path, doc_id: str) -> None:
    with sqlite3.connect(cache / FILE) as db:
        db.execute("UPDATE extractions SET data = ? WHERE id = ?", (b"\x00garbage", doc_id))
    db.close()


def test_an_unreadable_entry_is_a_warning_and_that_document_is_parsed_again(
    corpus, tmp_path, capfd
) -> None:
    cache = tmp_path / "cache"
    clean = build([str(corpus)], Settings(), cache_dir=cache)
    capfd.readouterr()
    damage_entry(cache, EDITED)

    result = build([str(corpus)], Settings(), cache_dir=cache)
    assert result.changes == Changes(unchanged=5, reused=4)
    assert result.extractions == clean.extractions
    warnings = [line for line in capfd.readouterr().err.splitlines() if "Warning" in line]
    assert len(warnings) == 1 and EDITED in warnings[0] and "parsing it again" in warnings[0]
    assert build([str(corpus)], Settings(), cache_dir=cache).changes.reused == 5


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_an_unreadable_cache_file_is_a_warning_and_replaced(
    damage: str, corpus, tmp_path, capfd
) -> None:
    cache = tmp_path / "cache"
    clean = build([str(corpus)], Settings(), cache_dir=cache)
    capfd.readouterr()
    path = cache / FILE
    data = path.read_bytes()
    path.write_bytes(os.urandom(4096) if damage == "garbage" else data[: len(data) // 2])

    result = build([str(corpus)], Settings(), cache_dir=cache)
    err = capfd.readouterr().err
    warnings = [line for line in err.splitlines() if "Warning" in line]
    assert len(warnings) == 1, err
    assert str(path) in warnings[0] and "Traceback" not in err
    assert result.extractions == clean.extractions
    assert result.changes is None or result.changes.reused == 0
    # The next run has a working cache again.
    build([str(corpus)], Settings(), cache_dir=cache)
    assert build([str(corpus)], Settings(), cache_dir=cache).changes == Changes(
        unchanged=5, reused=5
    )


def test_a_cache_folder_that_cannot_be_written_is_a_warning(corpus, tmp_path, capfd) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    result = build([str(corpus)], Settings(), cache_dir=blocker)
    err = capfd.readouterr().err
    assert result.changes is None and len(result.extractions) == 5
    assert (
        [line for line in err.splitlines() if "Warning" in line]
        == [line for line in err.splitlines() if str(blocker) in line]
        != []
    )


# -- the cluster ---------------------------------------------------------------------------


def test_a_worker_does_not_parse_a_document_the_cache_holds(corpus, nlp) -> None:
    from graphbuild.distributed import extract_partition, plan_partitions

    sources = [s for part in plan_partitions([str(corpus)], Settings()).partitions for s in part]
    parsed = extract_partition(sources, Settings())
    assert all(isinstance(item, Extraction) for item in parsed)
    known = {e.document.id: e.document.content_hash for e in parsed if e.document.id != EDITED}

    items = extract_partition(sources, Settings(), known)
    assert [type(item) for item in items] == [
        Extraction if e.document.id == EDITED else Reused for e in parsed
    ]
    assert [item.document for item in items] == [e.document for e in parsed]


# -- records and the summary ---------------------------------------------------------------


def test_an_extraction_survives_its_json(corpus) -> None:
    for extraction in build([str(corpus)], Settings()).extractions:
        assert extraction.claims or extraction.mentions
        text = json.dumps(extraction.to_json())
        assert Extraction.from_json(json.loads(text)) == extraction


@pytest.mark.parametrize(
    ("counts", "text"),
    [
        (Changes(new=12), "12 new, 0 changed, 0 unchanged"),
        (Changes(2, 1, unchanged=9, reused=9), "2 new, 1 changed, 9 unchanged (cached)"),
        (Changes(unchanged=5), "0 new, 0 changed, 5 unchanged (re-parsed)"),
        (Changes(unchanged=9, reused=6), "0 new, 0 changed, 9 unchanged (6 cached, 3 re-parsed)"),
    ],
)
def test_the_summary_counts_documents_against_the_cache(counts: Changes, text: str) -> None:
    assert describe(counts) == text


# -- the command line ----------------------------------------------------------------------


def graphbuild(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name in ("NEO4J_URI", "GRAPHBUILD_DATA_DIR", "GRAPHBUILD_CACHE_DIR", "GRAPHBUILD_CONFIG"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "graphbuild", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def spacy_imported(stderr: str) -> bool:
    # -X importtime writes one "import time: ... | module" line per module imported.
    return bool(re.search(r"^import time:.*\|\s+spacy\b", stderr, re.M))


def summary(stderr: str) -> str:
    return next(line for line in stderr.splitlines() if " actors, " in line)


@pytest.mark.slow
def test_load_twice_on_the_command_line(corpus: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "graph"
    try:
        first = graphbuild("load", str(corpus), "--data-dir", str(data_dir), cwd=tmp_path)
        assert first.returncode == 0, first.stderr
        assert summary(first.stderr).startswith("5 documents: 5 new, 0 changed, 0 unchanged;")
        assert (data_dir / FILE).is_file()
        assert spacy_imported(first.stderr)

        second = graphbuild("load", str(corpus), "--data-dir", str(data_dir), cwd=tmp_path)
        assert second.returncode == 0, second.stderr
        assert summary(second.stderr).startswith(
            "5 documents: 0 new, 0 changed, 5 unchanged (cached);"
        )
        assert not spacy_imported(second.stderr)  # nothing was parsed: no model loaded

        edit(corpus)
        third = graphbuild(
            "load", str(corpus), "--data-dir", str(data_dir), "--no-cache", cwd=tmp_path
        )
        assert third.returncode == 0, third.stderr
        assert summary(third.stderr).startswith(
            "5 documents: 0 new, 1 changed, 4 unchanged (re-parsed);"
        )
    finally:
        graphbuild("store", "stop", "--data-dir", str(data_dir), cwd=tmp_path)


def test_extract_caches_only_in_the_folder_it_is_given(corpus: Path, tmp_path: Path) -> None:
    plain = graphbuild("extract", str(corpus), "--out", "a.jsonl", cwd=tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert summary(plain.stderr).startswith("5 documents, ")
    assert not (tmp_path / "graphbuild-data").exists()

    for _ in range(2):
        done = graphbuild(
            "extract", str(corpus), "--out", "b.jsonl", "--cache-dir", "cache", cwd=tmp_path
        )
        assert done.returncode == 0, done.stderr
    assert summary(done.stderr).startswith("5 documents: 0 new, 0 changed, 5 unchanged (cached);")
    assert (tmp_path / "b.jsonl").read_bytes() == (tmp_path / "a.jsonl").read_bytes()
