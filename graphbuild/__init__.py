"""graphbuild: news articles -> actor network (met-with, allied-to, opposes) in a graph DB.

The public API: records, errors, and the stage functions. Heavy dependencies (spaCy, the
drivers) load only when a stage function is called.
"""

from __future__ import annotations

from typing import Any

from graphbuild.errors import (
    ConfigError,
    GraphbuildError,
    InputError,
    LoadError,
    ModelNotInstalledError,
    QueryError,
    StoreError,
    StoreUnavailableError,
)
from graphbuild.records import (
    Actor,
    Claim,
    Document,
    DocumentMeta,
    Extraction,
    LoadReport,
    Mention,
    Resolution,
    Skipped,
    Triple,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Claim",
    "ConfigError",
    "Document",
    "DocumentMeta",
    "Extraction",
    "GraphbuildError",
    "InputError",
    "LoadError",
    "LoadReport",
    "Mention",
    "ModelNotInstalledError",
    "QueryError",
    "Resolution",
    "Skipped",
    "StoreError",
    "StoreUnavailableError",
    "Triple",
    "extract",
    "load",
    "resolve",
    "run",
]


def __getattr__(name: str) -> Any:
    # Stage functions import their heavy libraries lazily.
    if name == "extract":
        from graphbuild.extract import extract

        return extract
    if name == "resolve":
        from graphbuild.resolve import resolve

        return resolve
    if name == "load":
        from graphbuild.store.load import load

        return load
    if name == "run":
        from graphbuild.pipeline import run

        return run
    raise AttributeError(name)
