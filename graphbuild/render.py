"""Terminal output: data to stdout, progress and messages to stderr."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from graphbuild.errors import ConfigError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from graphbuild.config import Settings
    from graphbuild.records import Changes, LoadReport


def error(text: str) -> None:
    print(f"Error: {' '.join(text.split())}", file=sys.stderr)


def internal_error(exc: BaseException) -> None:
    """One line for a defect (not the user's doing): what broke and where its traceback is."""
    from graphbuild import crashlog

    log = crashlog.write(exc)
    what = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
    error(
        f"internal error ({what}). This is a bug in graphbuild, not in your input: the "
        f"traceback is in {log}; please report it with that file, or rerun with "
        f"`graphbuild --debug ...` to see it."
    )


def warn(text: str) -> None:
    print(f"Warning: {text}", file=sys.stderr)


def message(text: str) -> None:
    print(text, file=sys.stderr)


def parse_params(pairs: Sequence[str]) -> dict[str, Any]:
    """``k=v`` pairs to query parameters; a value that reads as JSON (number, list,
    true/false/null) is taken as such, anything else is a string."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--param takes key=value, got {pair!r}.")
        try:
            parsed = json.loads(value)
            params[key.strip()] = parsed if not isinstance(parsed, dict) else value
        except json.JSONDecodeError:
            params[key.strip()] = value
    return params


@contextmanager
def progress(label: str, paths: Sequence[str], settings: Settings) -> Iterator[Any]:
    """A progress bar on stderr (documents/s, ETA) while documents are processed;
    silent when stderr is not a terminal."""
    from graphbuild.documents import estimate_total

    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True, console=_stderr_console()) as bar:
        task = bar.add_task(label, total=estimate_total(paths, settings), rate="")

        def advance(n: int) -> None:
            bar.advance(task, n)
            speed = bar.tasks[task].speed
            bar.update(task, rate=f"{speed:.1f} docs/s" if speed else "")

        yield advance


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def summary(report: LoadReport) -> None:
    per_relation = ", ".join(f"{k} {v}" for k, v in report.triples.items()) or "none"
    documents = f"{report.documents} documents,"
    if report.changes is not None:
        documents = f"{report.documents} documents: {changes(report.changes)};"
    message(
        f"{documents} {report.actors} actors, "
        f"{report.total_triples} triples ({per_relation}) -> {report.target} "
        f"in {report.seconds:.1f} s"
    )
    if report.skipped:
        message(f"{len(report.skipped)} input(s) skipped:")
        for item in report.skipped:
            message(f"  skipped {item}")


def changes(counts: Changes) -> str:
    """``2 new, 1 changed, 9 unchanged (cached)``: the documents against the extraction
    cache, and whether the unchanged ones were taken from it or parsed again."""
    text = f"{counts.new} new, {counts.changed} changed, {counts.unchanged} unchanged"
    again = counts.unchanged - counts.reused
    if counts.unchanged and not again:
        return f"{text} (cached)"
    if counts.unchanged and not counts.reused:
        return f"{text} (re-parsed)"
    if counts.unchanged:
        return f"{text} ({counts.reused} cached, {again} re-parsed)"
    return text


def rows(data: Sequence[Mapping[str, Any]], fmt: str) -> None:
    """Print query rows: ``json`` and ``csv`` with every value whole (lists as JSON in a
    CSV cell), ``table`` fitted to the terminal's width (``terminal_table``)."""
    if fmt == "json":
        json.dump(list(data), sys.stdout, ensure_ascii=False, default=str, indent=1)
        sys.stdout.write("\n")
        return
    columns = list(dict.fromkeys(k for row in data for k in row))
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns)
        writer.writeheader()
        for row in data:
            writer.writerow({k: _csv_cell(row.get(k)) for k in columns})
        return
    from rich.console import Console

    console = Console()
    if data:
        with console.capture() as captured:
            console.print(terminal_table(columns, data, console.width))
        # The table pads every line to its width: trailing blanks only get in the way.
        sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
    message(f"{len(data)} row(s)")


# A cell keeps at most this many lines. A column cut to fit keeps at least MIN_WIDTH, or
# PROSE_WIDTH when its cells wrap (names, sentences, lists): narrower, two lines say little.
CELL_LINES = 2
MIN_WIDTH = 10
PROSE_WIDTH = 16


def terminal_table(
    columns: Sequence[str], data: Sequence[Mapping[str, Any]], width: int
) -> RenderableType:
    """``data`` as a rich renderable no wider than ``width``: a table under a header rule,
    its columns fitted by ``fit_columns``; or, when even their floors do not fit, a block
    of ``column  value`` lines per row (as psql's expanded display). Each value is one line
    of text (``cell_text``), wrapped onto at most ``CELL_LINES`` lines when its column is
    cut (``clip``). Full values are in ``--format json`` and ``csv``. Pure."""
    from rich import box
    from rich.cells import cell_len
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    texts = [[cell_text(row.get(name)) for row in data] for name in columns]
    fitted = fit_columns(columns, texts, width)
    if fitted is not None:
        gap, widths = fitted
        # Columns `gap` spaces apart: the box's blank border column, then padding.
        table = Table(
            box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, gap - 1, 0, 0)
        )
        for name, size in zip(columns, widths, strict=True):
            table.add_column(Text(name), width=size, no_wrap=True, overflow="ellipsis")
        for cells in zip(*texts, strict=True):
            table.add_row(*(Text(clip(t, size)) for t, size in zip(cells, widths, strict=True)))
        return table
    name_width = min(max(map(cell_len, columns)), width // 3)
    value_width = max(1, width - name_width - 2)
    blocks: list[RenderableType] = []
    for number, cells in enumerate(zip(*texts, strict=True), 1):
        label = f"── row {number} "
        blocks.append(Text(label + "─" * max(0, width - cell_len(label))))
        record = Table.grid(padding=(0, 2, 0, 0))
        record.add_column(width=name_width, no_wrap=True, overflow="ellipsis")
        record.add_column(width=value_width, no_wrap=True, overflow="ellipsis")
        for name, text in zip(columns, cells, strict=True):
            record.add_row(Text(name), Text(clip(text, value_width)))
        blocks.append(record)
    return Group(*blocks)


def fit_columns(
    columns: Sequence[str], texts: Sequence[Sequence[str]], width: int
) -> tuple[int, list[int]] | None:
    """The gap between columns and each column's width for a table of ``texts`` (one list
    of cells per column) in ``width`` characters; None when it cannot fit. Pure.

    Columns keep their widest cell when all fit; else the widest are cut to a common width
    (never below ``MIN_WIDTH``, or ``PROSE_WIDTH`` for text with spaces), so short columns
    (kinds, counts, dates) stay whole. A header is cut only when that is not enough, then
    the gap narrows from two spaces to one.
    """
    from rich.cells import cell_len

    natural = [
        max([cell_len(name), *map(cell_len, cells)])
        for name, cells in zip(columns, texts, strict=True)
    ]
    least = [PROSE_WIDTH if any(" " in cell for cell in cells) else MIN_WIDTH for cells in texts]
    whole_header = [
        min(n, max(cell_len(name), low))
        for name, n, low in zip(columns, natural, least, strict=True)
    ]
    cut_header = [min(n, low) for n, low in zip(natural, least, strict=True)]
    for gap, floor in ((2, whole_header), (2, cut_header), (1, cut_header)):
        room = width - gap * max(0, len(columns) - 1)
        if sum(floor) <= room:
            return gap, _fit(natural, floor, room)
    return None


def cell_text(value: Any) -> str:
    """A value as one line: a list's items joined by commas, a node by its name (else its
    id), a relationship by its type, a map as ``key: value`` pairs. Pure."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):  # empty items (an undated sentence's "") add nothing
        return ", ".join(text for text in map(cell_text, value) if text)
    if isinstance(value, Mapping):
        if "labels" in value and (value.get("name") or value.get("id")):
            return cell_text(value.get("name") or value.get("id"))
        if isinstance(value.get("type"), str) and "labels" not in value:
            return value["type"]
        return ", ".join(f"{k}: {cell_text(v)}" for k, v in value.items())
    return " ".join(str(value).split())


def _fit(natural: list[int], floor: list[int], room: int) -> list[int]:
    """Widths that sum to at most ``room``: the natural ones when they fit, else the largest
    common cap that keeps every column at least at its floor; what is left over goes to
    the cut columns, left to right. The floors must fit."""
    if sum(natural) <= room:
        return list(natural)

    def capped(cap: int) -> list[int]:
        return [max(f, min(n, cap)) for n, f in zip(natural, floor, strict=True)]

    low, high = 0, max(natural)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if sum(capped(middle)) <= room else (low, middle - 1)
    widths = capped(low)
    spare = room - sum(widths)
    for i, n in enumerate(natural):
        if spare and widths[i] < n:
            widths[i] += 1
            spare -= 1
    return widths


def clip(text: str, width: int) -> str:
    """``text`` on at most ``CELL_LINES`` lines of ``width``, wrapped at spaces, ending in
    "…" when cut; a word longer than the width is left for the table to cut with "…". Pure."""
    import textwrap

    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    if len(lines) <= CELL_LINES:
        return "\n".join(lines)
    kept = lines[:CELL_LINES]
    last = kept[-1]
    kept[-1] = last + "…" if cell_len(last) < width else last[: max(0, width - 1)] + "…"
    return "\n".join(kept)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def evaluation(report: Any, as_json: bool) -> None:
    if as_json:
        json.dump(report.to_json(), sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report.to_text() + "\n")
