"""The Cypher graphbuild runs, as package data: one ``.cypher`` file per statement.

Each file starts with ``//`` lines: purpose, parameters, guarantees. Labels and
relationship types are spelled out in the files (a fixed whitelist), never built from input.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def read(name: str) -> str:
    """The text of ``<name>.cypher``, comments included (both stores accept ``//``). Pure."""
    return files(__name__).joinpath(f"{name}.cypher").read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """The ``;``-separated statements of ``<name>.cypher``, comment lines dropped. Pure."""
    body = "\n".join(line for line in read(name).splitlines() if not line.lstrip().startswith("//"))
    return [part.strip() for part in body.split(";") if part.strip()]
