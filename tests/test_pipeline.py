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


def test_evidence_offsets_point_at_the_sentence(nlp, seeds_dir):
    """Every claim's start/end cut exactly its sentence out of the document text."""
    from graphbuild.config import Settings
    from graphbuild.documents import read_documents
    from graphbuild.extract import extract

    documents = [d for d in read_documents([str(seeds_dir)], Settings()) if hasattr(d, "text")]
    texts = {d.id: d.text for d in documents}
    claims = [c for e in extract(documents, nlp) for c in e.claims]
    assert claims
    for claim in claims:
        assert texts[claim.doc][claim.start : claim.end] == claim.sentence
        assert claim.sentence == claim.sentence.strip()
