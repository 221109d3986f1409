"""The module layering: stages and stores import records, never the pipeline that wires
them (no import cycle pipeline <-> distributed <-> store/load). Read from the source with
ast, so imports inside functions and under TYPE_CHECKING count too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "graphbuild"


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("module", ["distributed.py", "store/load.py", "records.py", "cache.py"])
def test_wired_modules_do_not_import_the_pipeline(module: str) -> None:
    assert "graphbuild.pipeline" not in imported_modules(PACKAGE / module)


def test_build_is_a_record() -> None:
    from graphbuild import pipeline, records

    assert pipeline.Build is records.Build
    assert records.Build.__dataclass_params__.frozen  # type: ignore[attr-defined]
