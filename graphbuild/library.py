"""The analyst query library: the ``.cypher`` files of ``cypher/``, run by name.

Each file opens with ``//`` lines; two of them are read here::

    // params: name=Russia; limit=100      every parameter, with an example value
    // defaults: limit=100                 the optional ones, with the value used when absent

A parameter in ``params`` and not in ``defaults`` is required: running the query without
it is an error naming it with its example, before anything reaches the store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from graphbuild.errors import QueryError

# A bare query name: "allies", "shortest_path" (a Cypher query has spaces or brackets).
NAME = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class LibraryQuery:
    """One query of the library: its text and what its header says."""

    name: str
    path: Path
    text: str
    purpose: str
    examples: Mapping[str, Any]  # every parameter -> example value
    defaults: Mapping[str, Any]  # optional parameters -> value used when absent

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(k for k in self.examples if k not in self.defaults)

    def bind(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """``params`` over the defaults. Pure.

        Raises:
            QueryError: a required parameter is missing (named, with an example).
        """
        missing = [k for k in self.required if k not in params]
        if missing:
            example = " ".join(f'--param "{k}={self.examples[k]}"' for k in missing)
            raise QueryError(
                f"Query {self.name!r} needs {', '.join(missing)}: for example "
                f"`graphbuild query {self.name} {example}`."
            )
        return {**self.defaults, **params}

    def usage(self) -> str:
        """The parameters as a user types them: name=Russia [limit=100]. Pure."""
        parts = [f"{k}={self.examples[k]}" for k in self.required]
        parts += [f"[{k}={v}]" for k, v in self.defaults.items()]
        return " ".join(parts)


def folders() -> list[Path]:
    """Where the library lives: inside the installed package (wheels), or the checkout's
    ``cypher/`` folder (editable installs). Read-only."""
    package = Path(__file__).resolve().parent
    return [d for d in (package / "library", package.parent / "cypher") if d.is_dir()]


def names() -> list[str]:
    return sorted({p.stem for folder in folders() for p in folder.glob("*.cypher")})


def find(name: str) -> LibraryQuery | None:
    """The library query ``name``, or None. Read-only.

    Raises:
        QueryError: its file cannot be read.
    """
    for folder in folders():
        path = folder / f"{name}.cypher"
        if path.is_file():
            return parse(path)
    return None


def get(name: str) -> LibraryQuery:
    """Raises:
    QueryError: no query of that name (the message lists the library)."""
    query = find(name)
    if query is None:
        known = ", ".join(names()) or "none installed"
        raise QueryError(
            f"No query named {name!r} in the library ({known}). See `graphbuild query --list`."
        )
    return query


def listing() -> list[dict[str, str]]:
    """One row per library query: name, parameters, purpose. Read-only."""
    rows = []
    for name in names():
        query = get(name)
        rows.append({"query": name, "parameters": query.usage(), "purpose": query.purpose})
    return rows


def parse(path: Path) -> LibraryQuery:
    """Read a library file and its header. Read-only.

    Raises:
        QueryError: the file cannot be read.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read the query file ({exc}).") from exc
    return from_text(path, text)


def from_text(path: Path, text: str) -> LibraryQuery:
    """A query file's text and header, already read. Pure."""
    header = [line[2:].strip() for line in text.splitlines() if line.startswith("//")]
    purpose = header[0] if header else ""
    return LibraryQuery(
        name=path.stem,
        path=path,
        text=text,
        purpose=purpose,
        examples=MappingProxyType(_pairs(header, "params:")),
        defaults=MappingProxyType(_pairs(header, "defaults:")),
    )


def _pairs(header: list[str], key: str) -> dict[str, Any]:
    for line in header:
        if line.startswith(key):
            out: dict[str, Any] = {}
            for pair in line[len(key) :].split(";"):
                name, sep, value = pair.strip().partition("=")
                if sep:
                    out[name.strip()] = _value(value.strip())
            return out
    return {}


def _value(text: str) -> Any:
    # As --param reads it: numbers and lists as JSON, anything else a string.
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return text
    return text if isinstance(value, dict) else value
