"""What the CLI prints: tables that fit the terminal (list cells as text, long text cut to
two lines, too many columns shown one row per block), full values in JSON and CSV; and
the README's transcripts (`$ graphbuild ...` lines in fenced blocks), run as written
against a store loaded from seeds/, so their commands and columns cannot go stale."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from pathlib import Path

import pytest
from test_cli_e2e import ROOT, graphbuild

from graphbuild import library, render

LONG = (
    "Russia has been one of the main allies of the Syrian regime and its leader Bashar "
    "al Assad since the start of the conflict, and it has shielded Damascus at the UN."
)
ROWS = [
    {
        "actor": "Russia",
        "kind": "STATE",
        "documents": 3,
        "docs": ["000_e214c1c79d5862b5.txt", "001_67ddd43be030a088.txt", "002_ccb.txt"],
        "example": LONG,
        "aliases": ["Moscow", "Kremlin", "Russian Federation", "Росси́я", "俄罗斯"],
        "none": None,
    },
    {"actor": "Syria", "kind": "STATE", "documents": 1, "docs": [], "example": "Short."},
]


def printed(data: list[dict], width: int) -> list[str]:
    from rich.console import Console

    names = list(dict.fromkeys(k for row in data for k in row))
    console = Console(file=io.StringIO(), width=width)
    console.print(render.terminal_table(names, data, width))
    return console.file.getvalue().splitlines()


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (["a", "b"], "a, b"),
        (["2015-11-04", "", "2015"], "2015-11-04, 2015"),
        ("line\nbreak\t tab", "line break tab"),
        ({"name": "Russia", "id": "r1", "labels": ["Actor", "State"]}, "Russia"),
        ({"id": "d.txt", "labels": ["Document"]}, "d.txt"),
        ({"doc": "d.txt", "type": "MET_WITH"}, "MET_WITH"),
        ({"n": 1, "s": ["x", "y"]}, "n: 1, s: x, y"),
        ([{"name": "A", "labels": ["Actor"]}, {"type": "OPPOSES"}, {"name": "B", "labels": []}],
         "A, OPPOSES, B"),
    ],
)  # fmt: skip
def test_a_cell_is_one_line_of_text(value: object, text: str) -> None:
    assert render.cell_text(value) == text


@pytest.mark.parametrize("width", [80, 60, 40])
def test_a_table_fits_the_width_with_short_columns_whole(width: int) -> None:
    lines = printed(ROWS, width)
    assert max(len(line) for line in lines) <= width
    text = "\n".join(lines)
    assert "[" not in text and '"' not in text
    if width == 80:
        header = lines[0].split()
        assert header == ["actor", "kind", "documents", "docs", "example", "aliases", "none"]
        assert lines[2].split()[:3] == ["Russia", "STATE", "3"]  # short columns stay whole
        syria = next(i for i, line in enumerate(lines) if line.startswith("Syria"))
        assert syria - 2 <= render.CELL_LINES  # Russia's row: at most two lines
        assert "…" in "\n".join(lines[2:syria])


def test_too_many_columns_give_one_block_per_row() -> None:
    wide = [{f"column_{i}": f"value {i} of row {r}" for i in range(14)} for r in range(2)]
    lines = printed(wide, 80)
    assert max(len(line) for line in lines) <= 80
    assert [line.split()[:3] for line in lines if line.startswith("──")] == [
        ["──", "row", "1"],
        ["──", "row", "2"],
    ]
    assert "column_13  value 13 of row 0" in [line.rstrip() for line in lines]


def test_long_cells_wrap_onto_two_lines_at_spaces() -> None:
    assert render.clip("short", 10) == "short"
    assert render.clip("one two three four five six", 10) == "one two\nthree fou…"
    assert render.clip("one two three fourteen", 12) == "one two\nthree…"
    assert render.clip("000_e214c1c79d5862b5.txt, 001_67ddd43be030a088.txt", 30) == (
        "000_e214c1c79d5862b5.txt,\n001_67ddd43be030a088.txt"
    )


def test_fit_keeps_short_columns_and_cuts_the_widest() -> None:
    texts = [["STATE"], ["x" * 100], ["y" * 60], ["3"]]
    gap, widths = render.fit_columns(["kind", "example", "docs", "n"], texts, 80)
    assert gap == 2 and sum(widths) + gap * 3 == 80
    assert widths[0] == 5 and widths[3] == 1 and abs(widths[1] - widths[2]) <= 1
    assert render.fit_columns([f"c{i}" for i in range(30)], [["v" * 20]] * 30, 80) is None


def test_json_and_csv_keep_every_value_whole(capsys) -> None:
    render.rows(ROWS, "json")
    assert json.loads(capsys.readouterr().out) == ROWS
    render.rows(ROWS, "csv")
    first = next(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert first["example"] == LONG and json.loads(first["aliases"]) == ROWS[0]["aliases"]


# --- The CLI on a store loaded from seeds/ ---------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A folder as a user has it after `graphbuild load seeds/`: seeds/ and cypher/ (links
    to the repository's), and the store in ./graphbuild-data, stopped afterwards."""
    folder = tmp_path_factory.mktemp("work")
    for name in ("seeds", "cypher"):
        (folder / name).symlink_to(ROOT / name, target_is_directory=True)
    loaded = graphbuild("load", "seeds/", cwd=folder)
    assert loaded.returncode == 0, loaded.stderr
    yield folder
    graphbuild("store", "stop", cwd=folder)


def library_commands() -> list[list[str]]:
    commands = [["actors"], ["query", "--list"]]
    for name in library.names():
        examples = library.get(name).examples
        commands.append(["query", name, *(f"--param={k}={v}" for k, v in examples.items())])
    return commands


@pytest.mark.slow
@pytest.mark.parametrize("args", library_commands(), ids=" ".join)
def test_tables_fit_80_columns_with_list_cells_as_text(workdir: Path, args: list[str]) -> None:
    done = graphbuild(*args, cwd=workdir, env={"COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines, done.stderr
    assert max(len(line) for line in lines) <= 80, done.stdout
    for raw in ('["', '"]', "['", "']", '", "'):  # a list printed as JSON or as Python
        assert raw not in done.stdout, done.stdout


def transcripts(readme: str) -> list[tuple[str, list[str]]]:
    """Each `$ graphbuild ...` line of the README's fenced blocks, with the lines shown
    under it (its sample output)."""
    found: list[tuple[str, list[str]]] = []
    fenced = False
    for line in readme.splitlines():
        if line.startswith("```"):
            fenced, current = not fenced, None
        elif fenced and line.startswith("$ "):
            found.append((line[2:], []))
            current = found[-1][1]
        elif fenced and current is not None:
            current.append(line)
    return found


def columns(lines: list[str]) -> list[str] | None:
    """The column names a printed table shows: its header (the line above the rule), or the
    names of the first block when it prints one block per row; None for other output."""
    for i, line in enumerate(lines):
        if line.startswith("── row"):
            block = []
            for row in lines[i + 1 :]:
                if row.startswith("── row") or re.fullmatch(r"\d+ row\(s\)", row):
                    break
                if row[:1].strip():
                    block.append(row.split()[0])
            return block
        if i and line and set(line) == {"─"}:
            return lines[i - 1].split()
    return None


def same_name(shown: str, real: str) -> bool:
    """A header cut to fit ("document_…") stands for the name it starts."""
    return shown.rstrip("…") == real.rstrip("…") or (
        (shown.endswith("…") or real.endswith("…"))
        and (real.startswith(shown.rstrip("…")) or shown.startswith(real.rstrip("…")))
    )


@pytest.mark.slow
def test_readme_transcripts_run_and_show_the_real_columns(workdir: Path) -> None:
    steps = transcripts((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(steps) >= 10 and steps[0][0] == "graphbuild load seeds/"
    for command, sample in steps:
        args = shlex.split(command, comments=True)
        assert args[0] == "graphbuild", command
        done = graphbuild(*args[1:], cwd=workdir, env={"COLUMNS": "80"})
        assert done.returncode == 0, (command, done.stderr)
        shown, real = columns(sample), columns(done.stdout.splitlines())
        if shown is not None:
            assert real is not None and len(shown) == len(real), (command, shown, real)
            assert all(map(same_name, shown, real)), (command, shown, real)
