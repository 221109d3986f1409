"""Every failure a user can cause is one line on stderr, exit 1, never a traceback; an
internal error is one line naming a log file that holds the traceback (``--debug`` prints
it); a library failing inside one document skips that document, not the run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli_e2e import ROOT, graphbuild

from graphbuild.config import Settings
from graphbuild.errors import ConfigError, InputError


def one_line_error(done: subprocess.CompletedProcess, *needles: str) -> str:
    assert done.returncode == 1, (done.returncode, done.stderr)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(
    "uri",
    ["http://localhost:7474", "https://example.org", "localhost:7687", "bolt://localhost:99999"],
)
def test_a_uri_the_driver_cannot_use_is_a_config_error(uri: str) -> None:
    with pytest.raises(ConfigError, match="URI"):
        Settings.resolve(uri=uri)


def test_http_uri_is_one_line(tmp_path: Path) -> None:
    done = graphbuild("query", "RETURN 1", "--uri", "http://localhost:7474", cwd=tmp_path)
    one_line_error(done, "http://localhost:7474", "bolt://")


def test_bolt_port_out_of_range_is_one_line(tmp_path: Path) -> None:
    done = graphbuild("query", "RETURN 1", "--uri", "bolt://localhost:99999", cwd=tmp_path)
    one_line_error(done, "99999", "1-65535")


def write_lexicon(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(data), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("relations.json", {"met-with": ["meet"]}, "'met-with' must be an object"),
        ("relations.json", {"met-with": {"verbs": ["meet"]}}, "met-with.verbs must map"),
        ("relations.json", {"met-with": {"verb": {"meet": ["dobj"]}}}, "Did you mean 'verbs'"),
        ("relations.json", {"met_with": {"verbs": {"meet": ["dobj"]}}}, "Did you mean 'met-with'"),
        ("cues.json", {"negation": "never"}, "'negation' must be a list of words"),
        ("titles.json", {"titels": ["envoy"]}, "Did you mean 'titles'"),
    ],
)
def test_a_lexicon_file_of_the_wrong_shape_names_file_and_key(
    tmp_path: Path, name: str, data: object, needle: str
) -> None:
    from graphbuild.extract.lexicon import load_lexicon

    folder = write_lexicon(tmp_path / "lex", name, data)
    with pytest.raises(InputError) as caught:
        load_lexicon(folder)
    assert str(folder / name) in str(caught.value)
    assert needle in str(caught.value)


def test_a_lexicon_of_the_wrong_shape_is_one_line_on_the_cli(tmp_path: Path) -> None:
    folder = write_lexicon(tmp_path / "lex", "relations.json", {"met-with": ["meet"]})
    article = tmp_path / "a.txt"
    article.write_text("Anna Petrova met John Kerry in Vienna.\n", encoding="utf-8")
    done = graphbuild(
        "extract",
        str(article),
        "--lexicon",
        str(folder),
        "--out",
        str(tmp_path / "t.jsonl"),
        cwd=tmp_path,
    )
    one_line_error(done, "relations.json", "met-with")


BROKEN_QUERY = """
import sys
import graphbuild.store
def broken(*args, **kwargs):
    raise ZeroDivisionError("a defect")
graphbuild.store.run_query = broken
from graphbuild.cli import main
sys.argv = ["graphbuild", *sys.argv[1:]]
main()
"""


def run_broken(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT), "GRAPHBUILD_LOG_DIR": str(tmp_path / "logs")}
    return subprocess.run(
        [sys.executable, "-c", BROKEN_QUERY, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_internal_error_is_one_line_naming_a_log_with_the_traceback(tmp_path: Path) -> None:
    done = run_broken(tmp_path, "query", "RETURN 1")
    line = one_line_error(done, "internal error", "ZeroDivisionError", "--debug")
    logs = list((tmp_path / "logs").glob("error-*.log"))
    assert len(logs) == 1 and str(logs[0]) in line
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError: a defect" in text


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    done = run_broken(tmp_path, "--debug", "query", "RETURN 1")
    assert done.returncode != 0
    assert "Traceback" in done.stderr and "ZeroDivisionError" in done.stderr


BOOM = "BOOM"


@pytest.fixture
def rules_fail_on_boom(monkeypatch):
    """The rules raise on one document, as a library defect met on one text would (the
    process pool forks, so worker processes inherit it)."""
    from graphbuild.extract import rules

    original = rules.SentenceRules.run

    def run(self, sents):
        sents = list(sents)
        if any(BOOM in s.text for s in sents):
            raise IndexError("list index out of range")
        return original(self, sents)

    monkeypatch.setattr(rules.SentenceRules, "run", run)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_library_failure_in_one_document_skips_that_document(
    tmp_path: Path, rules_fail_on_boom, workers: int
) -> None:
    from graphbuild.pipeline import extract_all

    for name, text in [
        ("a.txt", "Anna Petrova met John Kerry in Vienna."),
        ("b.txt", f"{BOOM}. Sergei Lavrov met Staffan de Mistura in Geneva."),
        ("c.txt", "Russia opposes Turkey."),
    ]:
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    extractions, skipped = extract_all([str(tmp_path)], Settings(workers=workers))
    assert sorted(e.document.id for e in extractions) == ["a.txt", "c.txt"]
    assert len(skipped) == 1 and skipped[0].path.endswith("b.txt")
    assert "extraction failed (IndexError: list index out of range)" in skipped[0].reason
