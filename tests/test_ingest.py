"""End to end through the CLI: a corpus with one bad file of each kind, --strict, --workers.

Real model, real files, the real command in a subprocess.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOOD_SEEDS = ("000_e214c1c79d5862b5.txt", "002_ccbae5c116037aeb.txt")
MAX_BYTES = 50_000

PAGE = """<html><head><title>Orvania and Brellia sign a pact</title>
<meta property="article:published_time" content="2021-06-02"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Orvania and Brellia sign a pact</h1>
<p>President Amel Dorvik of Orvania met Prime Minister Kasso Lendra of Brellia in the
capital on Tuesday, and the two leaders signed a defence pact against the Ostrin Front.</p>
<p>Dorvik said the alliance would last for decades and thanked Lendra for the invitation.</p>
</article><footer>All rights reserved.</footer></body></html>"""
ROW = (
    "Foreign Minister Tovan Reskel met the envoy Lira Moss in Brellia on Friday. "
    "Reskel said Orvania opposed the blockade."
)


def graphbuild(
    args: list[str], cwd: Path, prefix: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    config = cwd / "graphbuild.toml"
    config.write_text(f"max_bytes = {MAX_BYTES}\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GRAPHBUILD_CONFIG": str(config)}
    env.pop("GRAPHBUILD_WORKERS", None)
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "graphbuild", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
    )


@pytest.fixture
def bad_corpus(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Good files and one bad file of each kind; returns the folder and {bad path: reason}."""
    corpus = tmp_path / "corpus"
    (corpus / "web").mkdir(parents=True)
    for name in GOOD_SEEDS:
        shutil.copy(SEEDS / name, corpus / name)
    (corpus / "web" / "pact.html").write_text(PAGE, encoding="utf-8")
    (corpus / "feed.jsonl").write_text(
        json.dumps({"id": "feed-1", "text": ROW, "date": "2021-06-04"})
        + "\n"
        + '{"id": "feed-2", "text": "cut off\n',
        encoding="utf-8",
    )
    (corpus / "export.csv").write_text(
        'id,title,text\nc1,Talks,"Lira Moss met Tovan Reskel in Orvania."\nc2,Empty,\n',
        encoding="utf-8",
    )
    bad = {
        "empty.txt": ("", "empty file"),
        "binary.txt": (b"\x00\x01\x02\x03 not text" * 20, "binary file"),
        "garbled.txt": (bytes((i * 37) % 128 + 128 for i in range(3000)), "undecodable"),
        "huge.txt": ("Orvania met Brellia. " * (MAX_BYTES // 10), "larger than any article"),
        "locked.txt": (ROW, "Permission denied"),
    }
    reasons = {}
    for name, (data, reason) in bad.items():
        path = corpus / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        reasons[str(path)] = reason
    reasons[f"{corpus / 'feed.jsonl'}:2"] = "malformed JSON"
    reasons[f"{corpus / 'export.csv'}:3"] = "no text"
    return corpus, reasons


def test_bad_files_are_reported_and_the_good_ones_extracted(
    tmp_path: Path, bad_corpus: tuple[Path, dict[str, str]], unprivileged: list[str]
) -> None:
    corpus, reasons = bad_corpus
    locked = corpus / "locked.txt"
    locked.chmod(0)
    try:
        result = graphbuild(
            ["extract", str(corpus), "--out", str(tmp_path / "all.jsonl")],
            tmp_path,
            prefix=unprivileged,
        )
    finally:
        locked.chmod(0o644)
    assert result.returncode == 0, result.stderr
    stderr = result.stderr
    # 2 seed files + the HTML page + one JSON Lines row + one CSV row.
    assert "5 documents" in stderr, stderr
    assert f"{len(reasons)} input(s) skipped:" in stderr, stderr
    skipped_lines = [line.strip() for line in stderr.splitlines() if "skipped " in line]
    assert len(skipped_lines) == len(reasons), skipped_lines
    for where, reason in reasons.items():
        assert any(
            line.startswith(f"skipped {where}: ") and reason in line for line in skipped_lines
        ), (where, reason, skipped_lines)

    # The good files lose nothing to the bad ones: the seeds give the same evidence alone.
    alone = tmp_path / "alone"
    alone.mkdir()
    for name in GOOD_SEEDS:
        shutil.copy(SEEDS / name, alone / name)
    result_alone = graphbuild(
        ["extract", str(alone), "--out", str(tmp_path / "alone.jsonl")], tmp_path
    )
    assert result_alone.returncode == 0, result_alone.stderr

    def evidence(path: Path, docs: tuple[str, ...]) -> set[tuple[str, str, int]]:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        return {(r["doc"], r["relation"], r["start"]) for r in rows if r["doc"] in docs}

    seeds_alone = evidence(tmp_path / "alone.jsonl", GOOD_SEEDS)
    assert seeds_alone, "the seed articles gave no triples"
    assert evidence(tmp_path / "all.jsonl", GOOD_SEEDS) == seeds_alone
    docs = {json.loads(line)["doc"] for line in (tmp_path / "all.jsonl").open(encoding="utf-8")}
    assert docs <= {*GOOD_SEEDS, "web/pact.html", "feed-1", "c1"}, docs


def test_strict_stops_at_the_first_bad_input(
    tmp_path: Path, bad_corpus: tuple[Path, dict[str, str]]
) -> None:
    corpus, _ = bad_corpus
    out = tmp_path / "strict.jsonl"
    result = graphbuild(["extract", str(corpus), "--out", str(out), "--strict"], tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    # Files are read in sorted order: binary.txt is the first bad one.
    assert lines[-1].startswith(f"Error: {corpus / 'binary.txt'}: binary file"), lines
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.slow
def test_workers_2_gives_the_same_output_as_workers_1(tmp_path: Path) -> None:
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"workers-{workers}.jsonl"
        result = graphbuild(
            ["extract", str(SEEDS), "--out", str(out), "--workers", workers], tmp_path
        )
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0], "no triples from the seeds"
    assert outputs[0] == outputs[1]


@pytest.mark.slow
def test_workers_2_on_row_files_keeps_order_and_ids(tmp_path: Path) -> None:
    corpus = tmp_path / "rows"
    corpus.mkdir()
    with (corpus / "feed.jsonl").open("w", encoding="utf-8") as fh:
        for path in sorted(SEEDS.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            fh.write(json.dumps({"id": path.stem, "text": text}) + "\n")
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"rows-{workers}.jsonl"
        result = graphbuild(
            ["extract", str(corpus), "--out", str(out), "--workers", workers], tmp_path
        )
        assert result.returncode == 0, result.stderr
        assert "5 documents" in result.stderr
        outputs.append(out.read_bytes())
    docs = {json.loads(line)["doc"] for line in outputs[0].decode().splitlines()}
    assert docs and docs <= {p.stem for p in SEEDS.glob("*.txt")}
    assert outputs[0] == outputs[1]


def test_progress_bar_on_a_terminal_shows_rate_and_total(tmp_path: Path) -> None:
    import pty

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, corpus / path.name)
    with (corpus / "more.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(3):
            fh.write(json.dumps({"id": f"m{i}", "text": ROW}) + "\n")
    primary, secondary = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "160", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "graphbuild", "extract", str(corpus), "--out", "t.jsonl"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=secondary,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    assert process.wait(timeout=600) == 0
    screen = b"".join(chunks).decode("utf-8", "replace")
    # 5 text files + 3 rows, estimated before reading; the bar counts up to it.
    assert "/8" in screen, screen[-2000:]
    assert "docs/s" in screen, screen[-2000:]
    assert "8 documents" in screen


def test_load_into_the_embedded_store_keeps_good_documents_with_metadata(
    tmp_path: Path, bad_corpus: tuple[Path, dict[str, str]], unprivileged: list[str]
) -> None:
    pytest.importorskip("graphbuild.store")
    corpus, reasons = bad_corpus
    data_dir = tmp_path / "data"
    query = (
        "MATCH (d:Document) RETURN d.id AS id, d.date AS date, d.url AS url, d.title AS title "
        "ORDER BY id"
    )
    prefix = unprivileged
    locked = corpus / "locked.txt"
    locked.chmod(0)
    try:
        first = graphbuild(["load", str(corpus), "--data-dir", str(data_dir)], tmp_path, prefix)
        assert first.returncode == 0, first.stderr
        assert f"{len(reasons)} input(s) skipped:" in first.stderr
        shown = graphbuild(
            ["query", query, "--format", "json", "--data-dir", str(data_dir)], tmp_path
        )
        assert shown.returncode == 0, shown.stderr
        rows = {row["id"]: row for row in json.loads(shown.stdout)}
        assert set(rows) == {*GOOD_SEEDS, "web/pact.html", "feed-1", "c1"}
        assert rows["web/pact.html"]["date"] == "2021-06-02"
        assert rows["web/pact.html"]["title"] == "Orvania and Brellia sign a pact"
        assert rows["feed-1"]["date"] == "2021-06-04"
        assert rows["c1"]["title"] == "Talks"
        assert rows[GOOD_SEEDS[0]]["date"] == "2015-11-04"
        # A rerun with the same bad files loses nothing and adds nothing.
        again = graphbuild(["load", str(corpus), "--data-dir", str(data_dir)], tmp_path, prefix)
        assert again.returncode == 0, again.stderr
        shown_again = graphbuild(
            ["query", query, "--format", "json", "--data-dir", str(data_dir)], tmp_path
        )
        assert json.loads(shown_again.stdout) == json.loads(shown.stdout)
    finally:
        locked.chmod(0o644)
        graphbuild(["store", "stop", "--data-dir", str(data_dir)], tmp_path)
