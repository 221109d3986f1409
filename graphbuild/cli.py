"""The ``graphbuild`` command: parse, build Settings, one library call, render, exit code.

Data goes to stdout; progress and messages to stderr. Exit 0 on success, 1 on a
``GraphbuildError`` (one line, no traceback), 2 on a usage error (typer's own).
Heavy libraries are imported inside the library calls, so ``--help`` is instant.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import fields
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from graphbuild import render
from graphbuild.config import Settings
from graphbuild.errors import GraphbuildError

app = typer.Typer(
    name="graphbuild",
    help="Turn a folder of news articles into an actor network in a graph database.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    # Plain help: no boxes, and "[default: ...]" in a help text is shown, not read as markup.
    rich_markup_mode=None,
)
store_app = typer.Typer(
    help="Start, stop or inspect the embedded graph store.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(store_app, name="store")

T = TypeVar("T")
# Set by --debug: an internal error shows its traceback instead of a log file's name.
_debug = False


def _version(value: bool) -> None:
    if value:
        from graphbuild import __version__

        typer.echo(f"graphbuild {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="On an internal error, print the traceback (not a log)."),
    ] = False,
) -> None:
    """Turn a folder of news articles into an actor network in a graph database."""
    global _debug
    _debug = debug


def _call(fn: Callable[[], T]) -> T:
    """Run one library call. A GraphbuildError becomes one line on stderr and exit 1; any
    other exception is a defect: its traceback goes to a log file (or to the terminal with
    --debug) and the user gets one line naming it, exit 1; Ctrl-C exits 130."""
    try:
        return fn()
    except GraphbuildError as exc:
        render.error(str(exc))
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        render.error("Interrupted.")
        raise typer.Exit(130) from None
    except Exception as exc:
        if _debug:
            raise
        render.internal_error(exc)
        raise typer.Exit(1) from None


# Options shared by several commands.
Paths = Annotated[list[str], typer.Argument(help="Files or folders (read recursively).")]
DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Embedded store folder [default: ./graphbuild-data]."),
]
Uri = Annotated[
    str | None,
    typer.Option("--uri", help="Bolt URI of Neo4j or another Bolt server (env NEO4J_URI)."),
]
User = Annotated[str | None, typer.Option("--user", help="Bolt user (env NEO4J_USER).")]
Database = Annotated[
    str | None, typer.Option("--database", help="Database (Neo4j) or graph name (FalkorDB).")
]
Model = Annotated[str | None, typer.Option("--model", help="spaCy model name or path.")]
Actors = Annotated[
    Path | None, typer.Option("--actors", help="Actor file: names, kinds, aliases, cannot-link.")
]
Lexicon = Annotated[
    Path | None, typer.Option("--lexicon", help="Folder of lexicon files extending the built-in.")
]
Workers = Annotated[int | None, typer.Option("--workers", help="Parser processes.", min=1)]
Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler", help="Dask scheduler address, or local:N (env GRAPHBUILD_SCHEDULER)."
    ),
]
Strict = Annotated[bool, typer.Option("--strict", help="Stop at the first bad input file.")]
CacheDir = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        help="Folder of the extraction cache (env GRAPHBUILD_CACHE_DIR) [default: the data "
        "dir for load; none with --uri or for extract].",
        show_default=False,
    ),
]
NoCache = Annotated[
    bool,
    typer.Option("--no-cache", help="Parse every document again; the cache is refreshed."),
]
TextField = Annotated[str | None, typer.Option("--text-field", help="JSONL/CSV text field.")]
IdField = Annotated[str | None, typer.Option("--id-field", help="JSONL/CSV id field.")]
DateField = Annotated[str | None, typer.Option("--date-field", help="JSONL/CSV date field.")]
DateFormat = Annotated[
    str | None,
    typer.Option(
        "--date-format",
        help="How JSONL/CSV dates are written, as strptime: %d/%m/%Y, %m/%d/%Y "
        "[default: ISO 8601, RFC 2822, 4 Nov 2015, unambiguous numeric dates].",
    ),
]
UrlField = Annotated[str | None, typer.Option("--url-field", help="JSONL/CSV url field.")]
TitleField = Annotated[str | None, typer.Option("--title-field", help="JSONL/CSV title field.")]
MaxBytes = Annotated[
    int | None,
    typer.Option("--max-bytes", min=1, help="Skip articles larger than this (default 5000000)."),
]
Timeout = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=0.001,
        help="Seconds before the server stops the query (env GRAPHBUILD_QUERY_TIMEOUT) "
        "[default: 60].",
        show_default=False,
    ),
]
Params = Annotated[
    list[str] | None, typer.Option("--param", "-p", help="Query parameter k=v (repeatable).")
]


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    graphml = "graphml"
    csv = "csv"
    jsonl = "jsonl"


def _settings(**flags: Any) -> Settings:
    return _call(lambda: Settings.resolve(**flags))


@app.command()
def extract(
    paths: Paths,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="JSON Lines file (or folder with --scheduler).")
    ],
    model: Model = None,
    actors: Actors = None,
    lexicon: Lexicon = None,
    workers: Workers = None,
    scheduler: Scheduler = None,
    strict: Strict = False,
    cache_dir: CacheDir = None,
    no_cache: NoCache = False,
    text_field: TextField = None,
    id_field: IdField = None,
    date_field: DateField = None,
    date_format: DateFormat = None,
    url_field: UrlField = None,
    title_field: TitleField = None,
    max_bytes: MaxBytes = None,
) -> None:
    """Extract and resolve triples into JSON Lines; touches no database.

    With --cache-dir, documents unchanged since the last run there are not parsed again.

    Example: graphbuild extract seeds/ --out triples.jsonl
    """
    flags = {k: v for k, v in dict(locals()).items() if k not in {"paths", "out"}}
    from graphbuild.pipeline import extract_to_file

    settings = _settings(**flags)
    with render.progress("Extracting", paths, settings) as advance:
        report = _call(lambda: extract_to_file(paths, settings, out, progress=advance))
    render.summary(report)


@app.command()
def load(
    paths: Paths,
    data_dir: DataDir = None,
    uri: Uri = None,
    user: User = None,
    database: Database = None,
    batch_size: Annotated[
        int | None, typer.Option("--batch-size", min=1, help="Rows per write.")
    ] = None,
    model: Model = None,
    actors: Actors = None,
    lexicon: Lexicon = None,
    workers: Workers = None,
    scheduler: Scheduler = None,
    strict: Strict = False,
    cache_dir: CacheDir = None,
    no_cache: NoCache = False,
    text_field: TextField = None,
    id_field: IdField = None,
    date_field: DateField = None,
    date_format: DateFormat = None,
    url_field: UrlField = None,
    title_field: TitleField = None,
    max_bytes: MaxBytes = None,
) -> None:
    """Extract, resolve and load into the embedded store (default) or a Bolt server.

    Documents unchanged since the last load (text, date, extractor) are not parsed again:
    their extractions are cached in the data dir (--no-cache parses them all again).

    Example: graphbuild load seeds/            (embedded store in ./graphbuild-data)
    Example: graphbuild load seeds/ --uri bolt://localhost:7687   (password: NEO4J_PASSWORD)
    """
    flags = {k: v for k, v in dict(locals()).items() if k != "paths"}
    from graphbuild.pipeline import run
    from graphbuild.store import open_store

    settings = _settings(**flags)

    def work() -> Any:
        with open_store(settings) as store, render.progress("Loading", paths, settings) as advance:
            return run(paths, settings, store, progress=advance)

    render.summary(_call(work))


def _library_help() -> str:
    # Read at import, so `query --help` lists the library; only the headers of small files.
    from graphbuild import library

    try:
        return "\n\n".join(f"{row['query']} {row['parameters']}" for row in library.listing())
    except GraphbuildError:
        return "(the library cannot be read)"


@app.command(
    epilog="Library queries (parameters in [] are optional, with their default):\n\n"
    + _library_help()
)
def query(
    cypher: Annotated[
        str | None,
        typer.Argument(
            help="A Cypher query, a .cypher file, or a library query's name (e.g. allies).",
            show_default=False,
        ),
    ] = None,
    param: Params = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    list_library: Annotated[
        bool, typer.Option("--list", help="List the library's queries and their parameters.")
    ] = False,
    timeout: Timeout = None,
    data_dir: DataDir = None,
    uri: Uri = None,
    user: User = None,
    database: Database = None,
) -> None:
    """Run a Cypher query (text, file or library name) with parameters and print the rows.

    Example: graphbuild query allies --param "name=Sergei Lavrov" --format json

    Example: graphbuild query cypher/allies.cypher --param "name=Sergei Lavrov"

    Example: graphbuild query --list
    """
    if list_library or cypher is None:
        from graphbuild import library

        render.rows(_call(library.listing), format.value)
        return
    from graphbuild.store import run_query

    settings = _settings(
        data_dir=data_dir, uri=uri, user=user, database=database, query_timeout=timeout
    )
    params = _call(lambda: render.parse_params(param or []))
    rows = _call(lambda: run_query(settings, cypher, params))
    render.rows(rows, format.value)


@store_app.command("start")
def store_start(
    data_dir: DataDir = None,
    bolt: Annotated[str | None, typer.Option("--bolt", hidden=True)] = None,
) -> None:
    """Start the embedded store in the background (no TCP port; a unix socket).

    Example: graphbuild store start --data-dir ./graphbuild-data
    """
    from graphbuild.store.server import start

    if bolt is not None:  # removed: name the reason rather than "No such option"
        render.error(
            "--bolt was removed: FalkorDB's Bolt listener answers from another graph than "
            "the store's and hangs every second connection. Query through graphbuild (no "
            "--uri), or load into Neo4j for Bolt tools (README, Security notes)."
        )
        raise typer.Exit(2)
    settings = _settings(data_dir=data_dir)
    render.message(str(_call(lambda: start(settings.data_dir))))


@store_app.command("stop")
def store_stop(data_dir: DataDir = None) -> None:
    """Stop the embedded store (its data stays on disk).

    Example: graphbuild store stop
    """
    from graphbuild.store.server import stop

    settings = _settings(data_dir=data_dir)
    render.message(_call(lambda: stop(settings.data_dir)))


@store_app.command("status")
def store_status(data_dir: DataDir = None) -> None:
    """Say whether the embedded store is running, and where.

    Example: graphbuild store status
    """
    from graphbuild.store.server import status

    settings = _settings(data_dir=data_dir)
    render.message(str(_call(lambda: status(settings.data_dir, must_exist=True))))


@app.command("eval")
def evaluate(
    triples: Annotated[Path, typer.Argument(help="Triples JSON Lines from `graphbuild extract`.")],
    gold: Annotated[Path, typer.Option("--gold", help="Gold triples JSON Lines.")],
    actors: Annotated[Path, typer.Option("--actors", help="Gold actors JSON.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score triples against a gold set: document- and graph-level P/R/F1, ER pairwise F1.

    Example (from a clone; the gold format is in docs/GOLD_FORMAT.md):
    graphbuild extract seeds/ --out triples.jsonl
    graphbuild eval triples.jsonl --gold bench/gold/seeds/gold.jsonl \\
        --actors bench/gold/seeds/actors.json
    """
    from graphbuild.evaluate import evaluate as score

    report = _call(lambda: score(triples, gold, actors))
    render.evaluation(report, as_json)


@app.command("actors")
def list_actors(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or folders; none = the store.")
    ] = None,
    review: Annotated[
        Path | None, typer.Option("--review", help="Write uncertain pairs to this JSON Lines file.")
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    model: Model = None,
    actors: Actors = None,
    data_dir: DataDir = None,
    uri: Uri = None,
    user: User = None,
    database: Database = None,
) -> None:
    """List actors with kind, aliases and mention counts (from files, or from the store).

    Example: graphbuild actors seeds/ --review review.jsonl
    """
    from graphbuild.resolve.report import actor_rows

    settings = _settings(
        model=model, actors=actors, data_dir=data_dir, uri=uri, user=user, database=database
    )
    rows = _call(lambda: actor_rows(paths or [], settings, review))
    render.rows(rows, format.value)


@app.command()
def viz(
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path(
        "graph.html"
    ),
    query_file: Annotated[
        str | None,
        typer.Option(
            "--query",
            help="A .cypher file or library query (ego_network) returning the edges to draw.",
        ),
    ] = None,
    param: Params = None,
    timeout: Timeout = None,
    data_dir: DataDir = None,
    uri: Uri = None,
    user: User = None,
    database: Database = None,
) -> None:
    """Write a self-contained interactive HTML picture of the graph (works offline).

    Example: graphbuild viz --out graph.html

    Example: graphbuild viz --query ego_network --param name=Russia --out russia.html
    """
    from graphbuild.explore import write_viz

    settings = _settings(
        data_dir=data_dir, uri=uri, user=user, database=database, query_timeout=timeout
    )
    params = _call(lambda: render.parse_params(param or []))
    summary = _call(lambda: write_viz(settings, out, query_file, params))
    render.message(summary)


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="graphml, csv or jsonl.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="File (graphml, jsonl) or folder (csv).")
    ],
    data_dir: DataDir = None,
    uri: Uri = None,
    user: User = None,
    database: Database = None,
) -> None:
    """Export the graph: GraphML (Gephi, Cytoscape), neo4j-admin import CSV, or JSON Lines.

    Example: graphbuild export --format graphml --out graph.graphml
    """
    from graphbuild.explore import export_graph

    settings = _settings(data_dir=data_dir, uri=uri, user=user, database=database)
    render.message(_call(lambda: export_graph(settings, format.value, out)))


def command() -> Any:
    """The command behind ``graphbuild``, with help as a user reads it: metavars named for
    the value (``--data-dir DATA_DIR``, ``PATHS...``, ``[table|json|csv]``) rather than
    typer's type names (``<path>``, ``<list[str]>``), and each option's default from
    ``Settings`` where its help does not already state one."""
    root = typer.main.get_command(app)
    # "\b" keeps click from re-wrapping a block of example lines into one paragraph.
    for cmd in [root, *getattr(root, "commands", {}).values()]:
        if cmd.help and "Example" in cmd.help:
            cmd.help = re.sub(r"(?m)^(?=Example)", "\b\n", cmd.help, count=1)
    defaults = {f.name: f.default for f in fields(Settings)}
    stack = [root]
    while stack:
        cmd = stack.pop()
        stack.extend(getattr(cmd, "commands", {}).values())
        for param in cmd.params:
            if getattr(param, "is_flag", False):
                continue
            name = (param.name or "value").upper()
            annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
            if isinstance(annotation, type) and issubclass(annotation, Enum):
                name = "[" + "|".join(str(c.value) for c in annotation) + "]"
            if param.param_type_name == "argument":
                # Typer writes a required argument as "{paths}..." and adds its type
                # ("<list[str]>"); the usual form is "PATHS..." or "[CYPHER]".
                usage = name + ("..." if param.nargs == -1 else "")
                usage = usage if param.required else f"[{usage}]"
                param.metavar = name
                param._usage_display_name = lambda usage=usage: usage
                param.display_type = lambda ctx: ""
                continue
            param.metavar = name
            default = defaults.get(param.name or "")
            help_text = param.help or ""
            if default not in (None, False) and "default" not in help_text:
                param.help = f"{help_text} [default: {default}]".strip()
    return root


def main() -> None:
    try:
        command()(prog_name="graphbuild")
    except Exception as exc:  # outside a library call (rendering, typer itself)
        if _debug:
            raise
        render.internal_error(exc)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
