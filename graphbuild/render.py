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
    if fmt == "json":
        json.dump(list(data), sys.stdout, ensure_ascii=False, default=str, indent=1)
        sys.stdout.write("\n")
        return
    columns = list(dict.fromkeys(k for row in data for k in row))
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns)
        writer.writeheader()
        for row in data:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns, show_lines=False)
    for row in data:
        table.add_row(*(_cell(row.get(k)) for k in columns))
    Console().print(table)
    message(f"{len(data)} row(s)")


def _cell(value: Any) -> str:
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
