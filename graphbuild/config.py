"""Settings: flag > environment > config file > default, validated once.

The optional config file is TOML: ``./graphbuild.toml`` or the path in
``GRAPHBUILD_CONFIG``, with the same names as the flags (``data_dir``, ``uri``,
``database``, ``batch_size``, ``model``, ``actors``...). A password is read from the
environment (``NEO4J_PASSWORD``) or the config file, never from a flag.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from graphbuild.errors import ConfigError

DEFAULT_DATA_DIR = "graphbuild-data"
DEFAULT_BATCH_SIZE = 1000
DEFAULT_GRAPH = "graphbuild"
# Seconds a query may run before the server stops it (every library query answers in
# well under 2 s on 100k edges; an accidental full path enumeration would run for hours).
DEFAULT_QUERY_TIMEOUT = 60.0

# setting name -> environment variable
ENV = {
    "uri": "NEO4J_URI",
    "user": "NEO4J_USER",
    "password": "NEO4J_PASSWORD",
    "database": "NEO4J_DATABASE",
    "data_dir": "GRAPHBUILD_DATA_DIR",
    "cache_dir": "GRAPHBUILD_CACHE_DIR",
    "model": "GRAPHBUILD_MODEL",
    "actors": "GRAPHBUILD_ACTORS",
    "lexicon": "GRAPHBUILD_LEXICON",
    "scheduler": "GRAPHBUILD_SCHEDULER",
    "batch_size": "GRAPHBUILD_BATCH_SIZE",
    "workers": "GRAPHBUILD_WORKERS",
    "query_timeout": "GRAPHBUILD_QUERY_TIMEOUT",
}


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, resolved from every source."""

    data_dir: Path = Path(DEFAULT_DATA_DIR)
    uri: str | None = None
    user: str = "neo4j"
    password: str | None = None
    database: str | None = None
    model: str | None = None
    actors: Path | None = None  # user actor file (canonical names, kinds, aliases, cannot-link)
    lexicon: Path | None = None  # folder of lexicon files overriding/extending the packaged ones
    batch_size: int = DEFAULT_BATCH_SIZE
    workers: int = 1
    scheduler: str | None = None
    strict: bool = False
    text_field: str = "text"
    id_field: str = "id"
    date_field: str = "date"
    url_field: str = "url"
    title_field: str = "title"
    date_format: str | None = None  # strptime format of JSONL/CSV date fields: %d/%m/%Y
    max_bytes: int = 5_000_000
    query_timeout: float = DEFAULT_QUERY_TIMEOUT  # seconds; the server stops the query
    # The extraction cache's folder; unset: the embedded store's data dir for `load`,
    # none for `load --uri` and `extract`.
    cache_dir: Path | None = None
    no_cache: bool = False  # parse every document again (the cache is still refreshed)

    @property
    def embedded(self) -> bool:
        return not self.uri

    @property
    def target(self) -> str:
        """How the store is named in messages (never with a password)."""
        return self.uri if self.uri else f"embedded store in {self.data_dir}"

    @classmethod
    def resolve(cls, **flags: Any) -> Settings:
        """Build settings from flags (None = not given), the environment, a config file.

        Raises:
            ConfigError: a value has the wrong type or range, or the file is unreadable.
        """
        known = {f.name: f for f in fields(cls)}
        unknown = set(flags) - set(known)
        if unknown:
            raise ConfigError(f"Unknown setting(s): {', '.join(sorted(unknown))}.")
        values: dict[str, Any] = dict(_read_file())
        for name, var in ENV.items():
            if os.environ.get(var):
                values[name] = os.environ[var]
        values.update({k: v for k, v in flags.items() if v is not None})
        if "password" in flags and flags["password"] is not None:
            raise ConfigError("Passwords are read from NEO4J_PASSWORD or the config file only.")
        settings = cls(
            **{k: _coerce(k, v, known[k].type) for k, v in values.items() if k in known}
        )
        if settings.uri:
            check_uri(settings.uri)
        if settings.date_format is not None and "%" not in settings.date_format:
            raise ConfigError(
                f"Invalid date_format {settings.date_format!r}: a strptime format such as "
                "%d/%m/%Y (day/month/year) or %m/%d/%Y (month/day/year)."
            )
        return settings


# The URI schemes of the neo4j driver (the only Bolt client graphbuild uses).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def check_uri(uri: str) -> None:
    """Refuse a URI the Bolt driver cannot use, before connecting. Pure.

    Raises:
        ConfigError: another scheme (http://, https://), no host, or a port outside 1-65535.
    """
    from urllib.parse import urlsplit

    hint = (
        "Use bolt://HOST:7687 (Neo4j), neo4j://HOST:7687 or "
        "neo4j+s://ID.databases.neo4j.io (Aura), via --uri or NEO4J_URI."
    )
    parts = urlsplit(uri)
    if parts.scheme not in BOLT_SCHEMES:
        scheme = f"scheme {parts.scheme}://" if parts.scheme else "no scheme"
        raise ConfigError(f"Unsupported URI {uri!r} ({scheme}). {hint}")
    try:
        port = parts.port
    except ValueError:
        port = -1
    if not parts.hostname or port == -1 or port == 0:
        raise ConfigError(f"Invalid URI {uri!r} (no host, or a port outside 1-65535). {hint}")


def _read_file() -> dict[str, Any]:
    path = Path(os.environ.get("GRAPHBUILD_CONFIG", "graphbuild.toml"))
    if not path.is_file():
        if "GRAPHBUILD_CONFIG" in os.environ:
            raise ConfigError(f"Config file {path} does not exist (GRAPHBUILD_CONFIG).")
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read config file {path}: {exc}") from exc
    table = data.get("graphbuild", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [graphbuild] must be a table of settings.")
    names = [f.name for f in fields(Settings)]
    for key in table:
        if key not in names:
            import difflib

            close = difflib.get_close_matches(key, names, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ConfigError(
                f"{path}: unknown setting {key!r}.{hint} Known: {', '.join(sorted(names))}."
            )
    return table


def _coerce(name: str, value: Any, annotation: Any) -> Any:
    text = str(annotation)
    try:
        if "Path" in text:
            return Path(value) if value not in (None, "") else None
        if text == "int":
            number = int(value)
            if number < 1:
                raise ValueError("must be at least 1")
            return number
        if text == "float":
            seconds = float(value)
            if not seconds > 0:
                raise ValueError("must be more than 0")
            return seconds
        if text == "bool":
            return value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes"}
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"Invalid value for {name}: {value!r} ({exc}).") from exc
    return value
