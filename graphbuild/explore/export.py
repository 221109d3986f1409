"""Export the stored graph: GraphML (Gephi, Cytoscape), neo4j-admin import CSV, JSON Lines.

Every format holds every node and relationship with all their properties. The graph is read
in pages (see ``graph.py``), never held in memory whole: GraphML and CSV declare their columns
up front, so the first read also goes to a temporary file that the rows are written from.
"""

from __future__ import annotations

import csv
import json
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from graphbuild.errors import ConfigError, InputError
from graphbuild.explore.graph import (
    NODE_GROUPS,
    Node,
    Relationship,
    count_graph,
    iter_nodes,
    iter_relationships,
)

if TYPE_CHECKING:
    from graphbuild.config import Settings
    from graphbuild.store import Store

FORMATS = ("graphml", "csv", "jsonl")
# Characters XML 1.0 forbids even when escaped; a stray one in an article would make the
# whole file unreadable, so it becomes a space.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# neo4j-admin splits arrays (and :LABEL) on one character: the default `;` unless a value
# contains it, then the first of these that no value contains.
_ARRAY_DELIMITERS = (";", "|", "\x1f")


def export_graph(settings: Settings, fmt: str, out: Path) -> str:
    """Write the whole stored graph to ``out`` in ``fmt``; returns a one-line summary.

    Read-only on the store; the same graph gives the same bytes. ``out`` is a file for
    graphml and jsonl, a folder for csv (created if missing; files in it are replaced).

    Raises:
        ConfigError: an unknown format.
        InputError: ``out`` cannot be written.
        StoreError: the store cannot be reached.
    """
    writers: dict[str, Callable[[Store, Path, int], tuple[int, int]]] = {
        "graphml": write_graphml,
        "csv": write_csv,
        "jsonl": write_jsonl,
    }
    if fmt not in writers:
        raise ConfigError(f"Unknown export format {fmt!r}: use one of {', '.join(FORMATS)}.")
    from graphbuild.store import open_store

    with open_store(settings, must_exist=True) as store:
        nodes, relationships = writers[fmt](store, out, settings.batch_size)
        stored = count_graph(store)
    where = f"{out}/" if fmt == "csv" else str(out)
    summary = f"Exported {nodes} nodes and {relationships} relationships to {where} ({fmt})."
    if stored != (nodes, relationships):
        # Only graphbuild's labels are exported; say so rather than let counts differ quietly.
        summary += (
            f" The store holds {stored[0]} nodes and {stored[1]} relationships: the rest do not"
            f" carry the {'/'.join(NODE_GROUPS)} labels graphbuild writes (or changed meanwhile)."
        )
    return summary


def all_nodes(store: Store, page: int) -> Iterator[Node]:
    """Every Actor, then every Document, in id order. Read-only.

    Raises:
        StoreError: as ``Store.run``.
    """
    for group in NODE_GROUPS:
        for batch in iter_nodes(store, group, page):
            yield from batch


def all_relationships(store: Store, page: int) -> Iterator[Relationship]:
    """Every relationship, by source actor. Read-only.

    Raises:
        StoreError: as ``Store.run``.
    """
    for batch in iter_relationships(store, page):
        yield from batch


# --- GraphML -------------------------------------------------------------------------------


def write_graphml(store: Store, out: Path, page: int) -> tuple[int, int]:
    """GraphML, directed, one <edge> per stored relationship (parallel edges kept).

    Node ids are ``<group>:<id>`` (``actor:...``, ``document:...``); attributes: ``labels``
    (``:Actor:Person``), ``label`` (a display name for Gephi/Cytoscape), then every property.
    Edge attributes: ``type``, ``label`` (= type), then every property. Lists are written as
    JSON strings; numbers and booleans keep their types.

    Raises:
        InputError: ``out`` cannot be written.
        StoreError: as ``Store.run``.
    """
    node_types: dict[str, set[type]] = {"labels": {str}, "label": {str}}
    edge_types: dict[str, set[type]] = {"type": {str}, "label": {str}}
    with _spooled() as spool:
        for item in spool.read(store, page):
            if isinstance(item, Node):
                _collect_types(node_types, _node_attributes(item))
            else:
                _collect_types(edge_types, _edge_attributes(item))
        return _write_graphml(out, spool, node_types, edge_types)


def _write_graphml(
    out: Path, spool: _Spool, node_types: dict[str, set[type]], edge_types: dict[str, set[type]]
) -> tuple[int, int]:
    node_keys = {name: f"n{i}" for i, name in enumerate(node_types)}
    edge_keys = {name: f"e{i}" for i, name in enumerate(edge_types)}

    with _atomic(out) as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        fh.write(
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
        )
        domains = (("node", node_keys, node_types), ("edge", edge_keys, edge_types))
        for domain, keys, types in domains:
            for name, key in keys.items():
                kind = _graphml_type(types[name])
                fh.write(
                    f"  <key id={quoteattr(key)} for={quoteattr(domain)} "
                    f"attr.name={quoteattr(name)} attr.type={quoteattr(kind)}/>\n"
                )
        fh.write('  <graph id="graphbuild" edgedefault="directed">\n')
        nodes = relationships = 0
        for item in spool.replay():
            if isinstance(item, Node):
                nodes += 1
                fh.write(f"    <node id={quoteattr(_xml(item.key))}>")
                _write_data(fh, node_keys, node_types, _node_attributes(item))
                fh.write("</node>\n")
                continue
            edge_id = quoteattr(f"r{relationships}")
            fh.write(
                f"    <edge id={edge_id} source={quoteattr(_xml(item.source))} "
                f"target={quoteattr(_xml(item.target))}>"
            )
            relationships += 1
            _write_data(fh, edge_keys, edge_types, _edge_attributes(item))
            fh.write("</edge>\n")
        fh.write("  </graph>\n</graphml>\n")
    return nodes, relationships


def _node_attributes(node: Node) -> dict[str, Any]:
    props = node.properties
    label = props.get("name") or props.get("title") or node.id
    return {"labels": ":" + ":".join(node.labels), "label": str(label), **props}


def _edge_attributes(rel: Relationship) -> dict[str, Any]:
    return {"type": rel.type, "label": rel.type, **rel.properties}


def _collect_types(types: dict[str, set[type]], attributes: dict[str, Any]) -> None:
    for name, value in attributes.items():
        types.setdefault(name, set()).add(type(value))


def _graphml_type(seen: set[type]) -> str:
    if seen == {bool}:
        return "boolean"
    if seen == {int}:
        return "long"
    if seen and seen <= {int, float}:
        return "double"
    return "string"


def _write_data(
    fh: IO[str], keys: dict[str, str], types: dict[str, set[type]], attributes: dict[str, Any]
) -> None:
    for name, value in attributes.items():
        kind = _graphml_type(types[name])
        if kind == "boolean":
            text = "true" if value else "false"
        elif kind in ("long", "double"):
            text = repr(float(value)) if kind == "double" else str(int(value))
        else:
            text = _text(value)
        fh.write(f"<data key={quoteattr(keys[name])}>{escape(_xml(text))}</data>")


def _text(value: Any) -> str:
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _xml(text: str) -> str:
    return _XML_INVALID.sub(" ", text)


# --- neo4j-admin CSV -----------------------------------------------------------------------


def write_csv(store: Store, out: Path, page: int) -> tuple[int, int]:
    """A folder for ``neo4j-admin database import full``: one nodes file per group
    (``id:ID(<group>)``, ``:LABEL``, typed property columns), one relationships file per type
    (``:START_ID(<group>)``, ``:END_ID(<group>)``, ``:TYPE``, properties), headers in the first
    line, and ``neo4j-admin-import.sh`` with the exact command (array delimiter included).

    Raises:
        InputError: ``out`` cannot be written.
        StoreError: as ``Store.run``.
    """
    node_columns: dict[str, dict[str, set[str]]] = {}
    rel_columns: dict[tuple[str, str, str], dict[str, set[str]]] = {}
    strings: set[str] = set()  # every array element and label: they choose the delimiter
    multiline = False
    with _spooled() as spool:
        for item in spool.read(store, page):
            if isinstance(item, Node):
                columns = node_columns.setdefault(item.group, {})
                strings.update(item.labels)
                multiline |= _collect_columns(columns, item.properties, strings, skip=("id",))
            else:
                columns = rel_columns.setdefault(_rel_file_key(item), {})
                multiline |= _collect_columns(columns, item.properties, strings)
        delimiter = next((d for d in _ARRAY_DELIMITERS if not any(d in s for s in strings)), None)
        if delimiter is None:
            raise InputError(
                f"{out}: cannot export CSV: list values contain every array delimiter tried "
                f"({', '.join(repr(d) for d in _ARRAY_DELIMITERS)}). Use --format jsonl or "
                "graphml."
            )
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"{out}: cannot create the export folder ({exc.strerror}).") from exc
        files = _csv_files(node_columns, rel_columns)
        counts = _write_csv_rows(out, spool, files, node_columns, rel_columns, delimiter)
    node_files = [name for key, name in files.items() if isinstance(key, str)]
    rel_files = [name for key, name in files.items() if not isinstance(key, str)]
    _write_import_script(out, node_files, rel_files, delimiter, multiline)
    return counts


def _rel_file_key(rel: Relationship) -> tuple[str, str, str]:
    return (rel.type, _group_of(rel.source), _group_of(rel.target))


def _csv_files(
    node_columns: dict[str, Any], rel_columns: dict[tuple[str, str, str], Any]
) -> dict[Any, str]:
    """File name per node group (str key) and per relationship (type, start, end) key."""
    files: dict[Any, str] = {group: f"nodes_{group}.csv" for group in node_columns}
    per_type: dict[str, int] = {}
    for rel_type, _, _ in rel_columns:
        per_type[rel_type] = per_type.get(rel_type, 0) + 1
    for rel_type, start, end in rel_columns:
        suffix = "" if per_type[rel_type] == 1 else f"_{start}_{end}"
        files[(rel_type, start, end)] = f"relationships_{rel_type}{suffix}.csv"
    return files


def _write_csv_rows(
    out: Path,
    spool: _Spool,
    files: dict[Any, str],
    node_columns: dict[str, dict[str, set[str]]],
    rel_columns: dict[tuple[str, str, str], dict[str, set[str]]],
    delimiter: str,
) -> tuple[int, int]:
    nodes = relationships = 0
    names = {key: sorted(columns) for key, columns in [*node_columns.items(), *rel_columns.items()]}
    with _many_atomic(out, files) as handles:
        writers = {key: csv.writer(fh, lineterminator="\n") for key, fh in handles.items()}
        for group, columns in node_columns.items():
            writers[group].writerow(
                [
                    f"id:ID({group})",
                    ":LABEL",
                    *(_csv_header(n, columns[n]) for n in sorted(columns)),
                ]
            )
        for (rel_type, start, end), columns in rel_columns.items():
            writers[(rel_type, start, end)].writerow(
                [f":START_ID({start})", f":END_ID({end})", ":TYPE"]
                + [_csv_header(n, columns[n]) for n in sorted(columns)]
            )
        for item in spool.replay():
            if isinstance(item, Node):
                nodes += 1
                columns = node_columns[item.group]
                writers[item.group].writerow(
                    [item.id, delimiter.join(item.labels)]
                    + [
                        _csv_cell(item.properties.get(n), columns[n], delimiter)
                        for n in names[item.group]
                    ]
                )
                continue
            relationships += 1
            key = _rel_file_key(item)
            columns = rel_columns[key]
            writers[key].writerow(
                [_id_of(item.source), _id_of(item.target), item.type]
                + [_csv_cell(item.properties.get(n), columns[n], delimiter) for n in names[key]]
            )
    return nodes, relationships


def _group_of(key: str) -> str:
    prefix = key.split(":", 1)[0]
    return next((g for g in NODE_GROUPS if g.lower() == prefix), prefix.capitalize())


def _id_of(key: str) -> str:
    return key.split(":", 1)[1]


def _collect_columns(
    columns: dict[str, set[str]], properties: Any, strings: set[str], skip: tuple[str, ...] = ()
) -> bool:
    multiline = False
    for name, value in properties.items():
        if name in skip:
            continue
        columns.setdefault(name, set()).add(_neo4j_type(value))
        if isinstance(value, list | tuple):
            strings.update(str(v) for v in value)
            multiline |= any("\n" in str(v) or "\r" in str(v) for v in value)
        elif isinstance(value, str):
            multiline |= "\n" in value or "\r" in value
    return multiline


def _neo4j_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list | tuple):
        inner = {_neo4j_type(v) for v in value} or {"string"}
        return (inner.pop() if len(inner) == 1 else "string") + "[]"
    if isinstance(value, str):
        return "string"
    return "json"


def _column_type(seen: set[str]) -> str:
    if len(seen) == 1:
        only = next(iter(seen))
        return "string" if only == "json" else only
    if seen <= {"long", "double"}:
        return "double"
    if all(s.endswith("[]") for s in seen):
        return "string[]"
    return "string"


def _csv_header(name: str, seen: set[str]) -> str:
    kind = _column_type(seen)
    return name if kind == "string" else f"{name}:{kind}"


def _csv_cell(value: Any, seen: set[str], delimiter: str) -> str:
    if value is None:
        return ""
    kind = _column_type(seen)
    if kind.endswith("[]"):
        items = value if isinstance(value, list | tuple) else [value]
        return delimiter.join(_text(v) for v in items)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "string" and isinstance(value, list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return _text(value)


def _write_import_script(
    out: Path, node_files: list[str], rel_files: list[str], delimiter: str, multiline: bool
) -> None:
    shown = "U+001F" if delimiter == "\x1f" else delimiter
    lines = [
        "#!/bin/sh",
        "# Bulk-load this folder into a new, empty Neo4j database (server stopped).",
        "# Usage: sh neo4j-admin-import.sh [database]   (default: neo4j)",
        "# Written by `graphbuild export --format csv`.",
        "set -e",
        'cd "$(dirname "$0")"',
        "neo4j-admin database import full \\",
        f"  --array-delimiter='{shown}' \\",
    ]
    if multiline:
        lines.append("  --multiline-fields=true \\")
    lines += [f"  --nodes={name} \\" for name in node_files]
    lines += [f"  --relationships={name} \\" for name in rel_files]
    lines.append('  "${1:-neo4j}"')
    with _atomic(out / "neo4j-admin-import.sh") as fh:
        fh.write("\n".join(lines) + "\n")


# --- JSON Lines ----------------------------------------------------------------------------


def write_jsonl(store: Store, out: Path, page: int) -> tuple[int, int]:
    """JSON Lines in the APOC export shape: nodes first, then relationships.

    ``{"type": "node", "id": key, "labels": [...], "properties": {...}}`` and
    ``{"type": "relationship", "id": "r0", "label": TYPE, "start": {"id", "labels"},
    "end": {...}, "properties": {...}}``.

    Raises:
        InputError: ``out`` cannot be written.
        StoreError: as ``Store.run``.
    """
    labels: dict[str, list[str]] = {}
    nodes = relationships = 0
    with _atomic(out) as fh:
        for node in all_nodes(store, page):
            nodes += 1
            labels[node.key] = list(node.labels)
            record = {
                "type": "node",
                "id": node.key,
                "labels": list(node.labels),
                "properties": dict(node.properties),
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        for rel in all_relationships(store, page):
            record = {
                "type": "relationship",
                "id": f"r{relationships}",
                "label": rel.type,
                "start": {"id": rel.source, "labels": labels.get(rel.source, [])},
                "end": {"id": rel.target, "labels": labels.get(rel.target, [])},
                "properties": dict(rel.properties),
            }
            relationships += 1
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return nodes, relationships


# --- a second pass without a second read ---------------------------------------------------


class _Spool:
    """The graph read from the store once, kept in a temporary file for the second pass.

    GraphML and CSV declare their columns before the rows; reading the store twice doubled
    their export time (the store, not the writing, is the slow part), and holding the graph
    in memory would not scale.
    """

    def __init__(self, file: IO[str]) -> None:
        self._file = file

    def read(self, store: Store, page: int) -> Iterator[Node | Relationship]:
        """Every node then every relationship from the store, each also kept on disk."""
        for node in all_nodes(store, page):
            record = ["n", node.group, node.id, list(node.labels), dict(node.properties)]
            self._file.write(json.dumps(record) + "\n")
            yield node
        for rel in all_relationships(store, page):
            record = ["r", rel.type, rel.source, rel.target, dict(rel.properties)]
            self._file.write(json.dumps(record) + "\n")
            yield rel

    def replay(self) -> Iterator[Node | Relationship]:
        """What ``read`` yielded, in the same order, from the file."""
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            kind, first, second, third, properties = json.loads(line)
            if kind == "n":
                yield Node(group=first, id=second, labels=tuple(third), properties=properties)
            else:
                yield Relationship(type=first, source=second, target=third, properties=properties)


@contextmanager
def _spooled() -> Iterator[_Spool]:
    """A spool on a temporary file, deleted on exit."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as fh:
        yield _Spool(fh)


# --- writing files -------------------------------------------------------------------------


@contextmanager
def _atomic(path: Path, newline: str | None = None) -> Iterator[IO[str]]:
    """Write to ``path.part`` and rename on success: a failed export never leaves half a file
    where a good one was."""
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("w", encoding="utf-8", newline=newline) as fh:
            yield fh
        tmp.replace(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the export ({exc.strerror}).") from exc
    finally:
        with suppress(OSError):  # gone after the rename; unreachable when mkdir failed
            tmp.unlink(missing_ok=True)


@contextmanager
def _many_atomic(folder: Path, names: dict[Any, str]) -> Iterator[dict[Any, IO[str]]]:
    files: dict[Any, IO[str]] = {}
    try:
        for key, name in names.items():
            files[key] = (folder / (name + ".part")).open("w", encoding="utf-8", newline="")
        yield files
        for fh in files.values():
            fh.close()
        for name in names.values():
            (folder / (name + ".part")).replace(folder / name)
    except OSError as exc:
        raise InputError(f"{folder}: cannot write the export ({exc.strerror}).") from exc
    finally:
        for fh in files.values():
            fh.close()
        for name in names.values():
            with suppress(OSError):
                (folder / (name + ".part")).unlink(missing_ok=True)
