"""The CLI's whole-run errors: nothing readable is an error, not an empty success."""

from __future__ import annotations

from typer.testing import CliRunner

from graphbuild.cli import app


def test_missing_path_is_one_line_and_exit_1(tmp_path):
    out = tmp_path / "t.jsonl"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "nowhere"), "--out", str(out)])
    assert result.exit_code == 1
    assert "nowhere" in result.output and "no such file" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_folder_without_articles_names_what_was_looked_for(tmp_path):
    (tmp_path / "notes.md").write_text("not an article")
    out = tmp_path / "t.jsonl"
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 1
    assert "No readable documents" in result.output and ".jsonl" in result.output
