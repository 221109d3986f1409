"""The extraction cache: a reload parses only the documents that changed.

One SQLite file, ``extractions.sqlite``, in the embedded store's data dir (or in the folder
``--cache-dir`` names), holds for each document id the extraction last made of it, with
the hash of the text and date it read (``Document.content_hash``) and the key of the
extractor that made it (``extractor_version``). A document whose text, date and extractor
are unchanged is taken from the file instead of parsed; any other is parsed, and its entry
replaced::

    with open_cache(settings, folder) as cache:
        cached = cache.lookup(document.meta)     # None: parse it, then cache.add(extraction)
        ...
        changes = cache.changes(extractions)     # new, changed, unchanged, reused

Why SQLite (standard library): one file, written in transactions, so a run killed half-way
leaves the entries of its last commit and never a torn one; an entry is read by id
without loading the rest; an index by input file serves the cluster's partitions; two runs
sharing a data dir are serialised by its lock. An entry is the zlib-compressed JSON of
``Extraction.to_json``: a fraction of the size, and zlib's checksum catches a damaged one.

The cache saves work and never decides a result: an entry is used only for the same text,
date and extractor, and the loader still compares every document with the store. So
nothing here raises: an unreadable entry is parsed again and an unreadable file replaced by
a new one, each with a one-line warning on stderr; a file that cannot be opened or written
(permissions, a full disk, another run holding its lock past the timeout) is left as it is
and the run goes on without it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from graphbuild.config import Settings
from graphbuild.records import Changes, DocumentMeta, Extraction

FILE = "extractions.sqlite"
FORMAT = 1  # the file's PRAGMA user_version; a file of another format is replaced
COMMIT_EVERY = 100  # entries written per transaction
LOCK_TIMEOUT = 10.0  # seconds to wait for another run holding the file's lock
IN_CLAUSE = 500  # input files per query of ``reusable`` (SQLite caps the parameters)

SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (
    id        TEXT PRIMARY KEY,  -- the document id
    path      TEXT NOT NULL,     -- the input file it was read from
    content   TEXT NOT NULL,     -- Document.content_hash of the text it was made from
    extractor TEXT NOT NULL,     -- extractor_version() of the run that made it
    data      BLOB NOT NULL      -- zlib-compressed JSON of Extraction.to_json()
);
CREATE INDEX IF NOT EXISTS extractions_path ON extractions (path);
"""


@contextmanager
def open_cache(settings: Settings, folder: Path | None) -> Iterator[ExtractionCache | None]:
    """The cache in ``folder`` (created, mode 0700, if missing), closed on exit; None
    without a folder. With ``settings.no_cache`` it lends nothing but still records what
    this run parses, for the next one. Never raises (see the module docstring)."""
    if folder is None:
        yield None
        return
    opened = ExtractionCache(
        Path(folder) / FILE, extractor_version(settings), reuse=not settings.no_cache
    )
    try:
        yield opened
    finally:
        opened.close()


class ExtractionCache:
    """The extractions of earlier runs, by document id, in one SQLite file; and what this
    run found there, for ``changes``."""

    def __init__(self, path: Path, version: str, *, reuse: bool = True) -> None:
        self.path = Path(path)
        self.version = version
        self.reuse = reuse
        self.failed = False  # the file could not be used: the run went on without it
        self._before: dict[str, str | None] = {}  # id -> content hash cached before this run
        self._reused: set[str] = set()
        self._pending: list[tuple[str, str, str, str, bytes]] = []
        self._db = self._open()

    def lookup(self, document: DocumentMeta) -> Extraction | None:
        """The cached extraction of ``document``, carrying its current metadata, when it
        was made from the same text and date by this extractor; else None (parse it).
        Notes what was cached under its id, for ``changes``."""
        rows = self._query(
            "SELECT content, extractor, data FROM extractions WHERE id = ?", (document.id,)
        )
        content, extractor, data = rows[0] if rows else (None, None, None)
        self._before.setdefault(document.id, content)
        if not self.reuse or content != document.content_hash or extractor != self.version:
            return None
        extraction = self._decode(document.id, data)
        return None if extraction is None else self.reused(extraction, document)

    def reusable(self, paths: Sequence[str]) -> dict[str, Extraction]:
        """By document id, every extraction this extractor made of documents read from the
        input files ``paths``: what a cluster worker need not parse again."""
        if not self.reuse:
            return {}
        found: dict[str, Extraction] = {}
        names = sorted(set(paths))
        for first in range(0, len(names), IN_CLAUSE):
            chunk = names[first : first + IN_CLAUSE]
            rows = self._query(
                "SELECT id, content, data FROM extractions WHERE extractor = ? AND path IN "
                f"({', '.join('?' * len(chunk))})",
                (self.version, *chunk),
            )
            for doc_id, content, data in rows:
                self._before.setdefault(doc_id, content)
                extraction = self._decode(doc_id, data)
                if extraction is not None and extraction.document.content_hash == content:
                    found[doc_id] = extraction
        return found

    def reused(self, extraction: Extraction, document: DocumentMeta) -> Extraction:
        """``extraction``, taken from the cache for ``document``, with its current metadata
        (its path, title or URL may have changed; its text and date have not)."""
        self._reused.add(document.id)
        return replace(extraction, document=document)

    def add(self, extraction: Extraction) -> None:
        """Cache a fresh extraction, replacing the entry of its document id."""
        document = extraction.document
        if self._db is None or not document.content_hash:
            return
        if document.id not in self._before:
            rows = self._query("SELECT content FROM extractions WHERE id = ?", (document.id,))
            self._before[document.id] = rows[0][0] if rows else None
        data = zlib.compress(json.dumps(extraction.to_json(), ensure_ascii=False).encode())
        row = (document.id, document.path, document.content_hash, self.version, data)
        self._pending.append(row)
        if len(self._pending) >= COMMIT_EVERY:
            self._flush()

    def changes(self, extractions: Sequence[Extraction]) -> Changes | None:
        """How ``extractions`` (this run's) compare with what was cached before it; None
        when the file could not be used."""
        if self.failed:
            return None
        new = changed = unchanged = reused = 0
        for extraction in extractions:
            document = extraction.document
            before = self._before.get(document.id)
            if before is None:
                new += 1
            elif before != document.content_hash:
                changed += 1
            else:
                unchanged += 1
                reused += document.id in self._reused
        return Changes(new=new, changed=changed, unchanged=unchanged, reused=reused)

    def close(self) -> None:
        self._flush()
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- the file ---------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            return self._connect()
        except (sqlite3.OperationalError, OSError) as exc:
            self._give_up(exc)
            return None
        except sqlite3.DatabaseError as exc:  # not an SQLite file, or a damaged one
            _warn(
                f"extraction cache {self.path} is unreadable ({exc}); parsing every document "
                "and starting a new cache."
            )
        try:
            self.path.unlink(missing_ok=True)
            return self._connect()
        except (sqlite3.Error, OSError) as exc:
            self._give_up(exc)
            return None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT)
        try:
            found = db.execute("PRAGMA user_version").fetchone()[0]
            if found not in (0, FORMAT):
                raise sqlite3.DatabaseError(f"format {found}, not {FORMAT}")
            db.executescript(SCHEMA)
            db.execute(f"PRAGMA user_version = {FORMAT}")
        except BaseException:
            db.close()
            raise
        return db

    def _query(self, sql: str, params: Sequence[Any]) -> list[Any]:
        if self._db is None:
            return []
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            self._fail(exc)
            return []

    def _flush(self) -> None:
        if self._db is None or not self._pending:
            return
        try:
            with self._db:  # one transaction
                self._db.executemany(
                    "INSERT OR REPLACE INTO extractions (id, path, content, extractor, data) "
                    "VALUES (?, ?, ?, ?, ?)",
                    self._pending,
                )
        except sqlite3.Error as exc:
            self._fail(exc)
        self._pending.clear()

    def _decode(self, doc_id: str, data: Any) -> Extraction | None:
        try:
            return Extraction.from_json(json.loads(zlib.decompress(data)))
        except (zlib.error, TypeError, ValueError) as exc:  # ValueError: JSON, UTF-8, shape
            _warn(
                f"extraction cache {self.path}: the entry of {doc_id} is unreadable "
                f"({' '.join(str(exc).split())[:120]}); parsing it again."
            )
            return None

    def _fail(self, exc: sqlite3.Error) -> None:
        """Go on without the file for the rest of the run; a damaged one is removed, so
        that the next run starts a new cache."""
        assert self._db is not None
        self._db.close()
        self._db = None
        if isinstance(exc, sqlite3.OperationalError):
            self._give_up(exc)
            return
        self.failed = True
        with suppress(OSError):
            self.path.unlink(missing_ok=True)
        _warn(
            f"extraction cache {self.path} is damaged ({exc}); going on without it, and the "
            "next run starts a new one."
        )

    def _give_up(self, exc: BaseException) -> None:
        self.failed = True
        self._db = None
        reason = getattr(exc, "strerror", None) or exc
        _warn(
            f"extraction cache {self.path} cannot be used ({reason}); going on without it: "
            "every document is parsed."
        )


def _warn(text: str) -> None:
    print(f"Warning: {text}", file=sys.stderr)


# -- what decides an extraction ---------------------------------------------------------


def extractor_version(settings: Settings) -> str:
    """One key for everything besides the text and date that decides what the extractor
    makes of a document: graphbuild's version and code digest (rules, and the packaged
    lexicon and gazetteer files), the lexicon folder's files, spaCy's version and the
    model's, the actor file (it feeds an entity ruler). Reads files and package metadata;
    never loads spaCy, so a run that parses nothing loads no model."""
    from graphbuild import __version__
    from graphbuild.extract.lexicon import FILES

    lexicon = settings.lexicon
    parts = {
        "graphbuild": __version__,
        "code": code_fingerprint(),
        "spacy": _package_version("spacy"),
        "model": model_identity(settings.model),
        "lexicon": {name: _file_digest(Path(lexicon) / name) for name in FILES}
        if lexicon is not None
        else None,
        "actors": _file_digest(Path(settings.actors)) if settings.actors else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


@cache
def code_fingerprint() -> str:
    """A digest of graphbuild's source and data files, as this process first saw them.

    Cached per process: a long-running worker keeps the digest of the code it loaded,
    so a worker started before an edit or upgrade of the same version is told apart.
    """
    import graphbuild

    root = Path(graphbuild.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix != ".pyc" and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_identity(name: str | None) -> str:
    """The spaCy model ``load_model(name)`` takes, with its version, from package metadata
    or the ``meta.json`` of a model folder; without loading it."""
    from graphbuild.extract import MODELS

    for candidate in (name,) if name else MODELS:
        version = _package_version(candidate)
        if version is not None:
            return f"{candidate}=={version}"
        if Path(candidate, "meta.json").is_file():
            return f"{Path(candidate).resolve()}:{_file_digest(Path(candidate, 'meta.json'))}"
    return f"{name or MODELS[0]}:not installed"


def _package_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except (metadata.PackageNotFoundError, ValueError):
        return None


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as exc:  # the extractor will say what is wrong with it
        return f"unreadable: {exc.strerror}"
