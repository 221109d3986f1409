"""Explore the stored graph: an offline interactive picture and exports.

    write_viz(settings, out, query_file, params) -> str   self-contained HTML (vis-network)
    export_graph(settings, fmt, out) -> str               graphml | csv (neo4j-admin) | jsonl

The analyst query library lives in ``cypher/`` at the project root (run with
``graphbuild query``); the Cypher this package runs itself is in ``queries/`` beside it.
"""

from __future__ import annotations

from graphbuild.explore.export import export_graph
from graphbuild.explore.viz import write_viz

__all__ = ["export_graph", "write_viz"]
