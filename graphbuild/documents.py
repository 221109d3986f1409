"""Placeholder reader (.txt only); the ingest work replaces this module."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from graphbuild.config import Settings
from graphbuild.records import Document, Skipped


def _files(paths: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.txt")) if p.is_dir() else [p])
    return out


def read_documents(paths: Sequence[str], settings: Settings) -> Iterator[Document | Skipped]:
    for path in _files(paths):
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield Skipped(str(path), str(exc))
            continue
        title = next((line.strip() for line in text.splitlines() if line.strip()), None)
        yield Document(path.name, str(path), text, title, None, None, hashlib.sha256(raw).hexdigest())


def estimate_total(paths: Sequence[str], settings: Settings) -> int | None:
    return len(_files(paths))
