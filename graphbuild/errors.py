"""The errors graphbuild raises on purpose.

Every error a user can fix is a ``GraphbuildError``; the CLI prints its message on one
line and exits 1. Third-party exceptions (spaCy, the neo4j driver, the falkordb
client, the OS) are wrapped where their library is imported, with ``raise ... from``.

    GraphbuildError
    ├── ConfigError              a flag, env variable or config file value is wrong
    ├── InputError               an input file cannot be read or parsed
    ├── ModelNotInstalledError   no spaCy model could be loaded
    ├── QueryError               a Cypher query failed (syntax, unknown parameter)
    ├── ClusterError             the Dask cluster cannot be reached or lost a partition
    └── StoreError               the graph store failed
        ├── StoreUnavailableError    cannot start or reach the store
        └── LoadError                a write batch failed
"""

from __future__ import annotations


class GraphbuildError(Exception):
    """Root of every error a user can act on."""


class ConfigError(GraphbuildError):
    """A setting is missing or invalid."""


class InputError(GraphbuildError):
    """An input file cannot be read, decoded or parsed."""


class ModelNotInstalledError(GraphbuildError):
    """No spaCy model could be loaded."""


class QueryError(GraphbuildError):
    """A Cypher query was rejected by the store."""


class ClusterError(GraphbuildError):
    """The Dask scheduler cannot be reached, or a partition failed on every retry."""


class StoreError(GraphbuildError):
    """The graph store failed."""


class StoreUnavailableError(StoreError):
    """The store cannot be started or reached."""


class LoadError(StoreError):
    """A batch of writes failed."""
