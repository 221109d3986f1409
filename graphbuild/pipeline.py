"""Wires the stages: read -> extract -> resolve -> (load | write JSON Lines).

Documents stream through extraction in bounded batches; only the small per-document
extractions (mention names, claims, metadata) are kept, never the texts, so memory grows
with the number of actors and claims, not with the corpus. A document whose extraction
the cache holds (``cache.py``: same text, date and extractor) skips the parse; resolution
always runs over every document's extraction, so the actors and triples are those of a run
without it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from graphbuild.actorfile import read_actor_file
from graphbuild.config import Settings
from graphbuild.errors import InputError
from graphbuild.records import (
    SYMMETRIC,
    Actor,
    Build,
    Document,
    Extraction,
    LoadReport,
    Resolution,
    Skipped,
    Triple,
)

if TYPE_CHECKING:
    from graphbuild.cache import ExtractionCache
    from graphbuild.store import Store

Progress = Callable[[int], None]


def extract_all(
    paths: Sequence[str],
    settings: Settings,
    progress: Progress | None = None,
    cache: ExtractionCache | None = None,
) -> tuple[list[Extraction], list[Skipped]]:
    """Read and extract every document under ``paths`` (local, ``--workers`` or cluster),
    in reading order. With ``cache``, a document it holds an extraction of (same text,
    date and extractor) is taken from it, and neither parsed nor sent to a worker process
    or the cluster; every extraction made is added to it.

    Raises:
        InputError: with ``settings.strict``, on the first bad input; or no input at all.
    """
    if settings.scheduler:
        from graphbuild.distributed import extract_on_cluster

        return extract_on_cluster(paths, settings, progress, cache)

    from graphbuild.documents import read_documents

    skipped: list[Skipped] = []
    order: list[str] = []  # the id of every document read, in reading order
    done: dict[str, Extraction] = {}

    def skip(item: Skipped) -> None:
        if settings.strict:
            raise InputError(str(item))
        skipped.append(item)
        if progress:
            progress(1)

    def to_parse() -> Iterator[Document]:
        for item in read_documents(paths, settings):
            if isinstance(item, Skipped):
                skip(item)
                continue
            order.append(item.id)
            cached = cache.lookup(item.meta) if cache else None
            if cached is None:
                yield item
                continue
            done[item.id] = cached
            if progress:
                progress(1)

    stream: Iterator[Extraction | Skipped]
    if settings.workers > 1:
        stream = _in_processes(to_parse(), settings)
    else:
        stream = _in_this_process(to_parse(), settings, on_failure=skip)
    for extraction in stream:
        if isinstance(extraction, Skipped):
            skip(extraction)
            continue
        done[extraction.document.id] = extraction
        if cache:
            cache.add(extraction)
        if progress:
            progress(1)
    return [done[i] for i in order if i in done], skipped


def _in_this_process(
    documents: Iterator[Document], settings: Settings, on_failure: Callable[[Skipped], None]
) -> Iterator[Extraction]:
    """Parse and extract here. The model loads when the first document to parse comes, so
    a run that takes every document from the cache loads none."""
    from graphbuild.extract import extract, load_model

    first = next(documents, None)
    if first is None:
        return
    nlp = load_model(settings.model, actors=settings.actors)
    yield from extract(
        chain([first], documents), nlp, lexicon=settings.lexicon, on_failure=on_failure
    )


# Documents handed to a worker process at a time, and batches kept in flight per worker:
# enough to keep every worker busy, few enough that memory stays flat.
WORKER_BATCH = 16
IN_FLIGHT_PER_WORKER = 2


def _in_processes(
    documents: Iterator[Document], settings: Settings
) -> Iterator[Extraction | Skipped]:
    """``--workers N``: batches of documents extracted (parse and rules) in N processes,
    each loading the model once, yielded in input order (the same extractions as one
    process; a document the rules fail on comes back as ``Skipped``)."""
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from itertools import islice

    from graphbuild.extract import extract_batch

    pending: deque[Future[list[Extraction | Skipped]]] = deque()
    with ProcessPoolExecutor(settings.workers) as pool:
        while True:
            batch = list(islice(documents, WORKER_BATCH))
            if batch:
                pending.append(
                    pool.submit(
                        extract_batch,
                        batch,
                        model=settings.model,
                        actors=settings.actors,
                        lexicon=settings.lexicon,
                        skip_failures=True,
                    )
                )
            if pending and (not batch or len(pending) >= settings.workers * IN_FLIGHT_PER_WORKER):
                yield from pending.popleft().result()
            elif not batch:
                return


def build(
    paths: Sequence[str],
    settings: Settings,
    known: Sequence[Actor] = (),
    progress: Progress | None = None,
    cache_dir: Path | None = None,
) -> Build:
    """Extract and resolve; pure apart from reading the input files and, with
    ``cache_dir``, using the extraction cache there (``cache.py``).

    Raises:
        InputError: no readable document, or a bad one under ``--strict``.
    """
    from graphbuild.cache import open_cache
    from graphbuild.resolve import resolve

    with open_cache(settings, cache_dir) as cache:
        extractions, skipped = extract_all(paths, settings, progress, cache)
        changes = cache.changes(extractions) if cache else None
    if not extractions:
        # Nothing readable at all is a mistake to fix, not a run to report as a success.
        if not skipped:
            why = " (looked for .txt, .html, .htm, .jsonl, .ndjson, .csv)."
        else:
            more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
            why = f": {skipped[0]}{more}"
        raise InputError(f"No readable documents in {', '.join(paths)}{why}")
    resolution = resolve(
        [m for e in extractions for m in e.mentions],
        known=known,
        actors=read_actor_file(settings.actors),
    )
    return Build(
        extractions=tuple(extractions),
        resolution=resolution,
        triples=tuple(to_triples(extractions, resolution)),
        skipped=tuple(skipped),
        tokens=sum(e.tokens for e in extractions),
        changes=changes,
    )


def to_triples(extractions: Iterable[Extraction], resolution: Resolution) -> list[Triple]:
    """Resolve each claim's names to actors; one triple per (doc, relation, source, target,
    sentence). Symmetric relations are stored in a fixed order (smaller actor id first);
    a claim whose two names resolve to one actor is dropped."""
    seen: set[tuple[str, str, str, str, int]] = set()
    triples: list[Triple] = []
    for extraction in extractions:
        for claim in extraction.claims:
            source = resolution.actor(claim.doc, claim.source)
            target = resolution.actor(claim.doc, claim.target)
            if source is None or target is None or source.id == target.id:
                continue
            if claim.relation in SYMMETRIC and target.id < source.id:
                source, target = target, source
            key = (claim.doc, claim.relation, source.id, target.id, claim.start)
            if key in seen:
                continue
            seen.add(key)
            triples.append(
                Triple(
                    doc=claim.doc,
                    relation=claim.relation,
                    source=source,
                    target=target,
                    sentence=claim.sentence,
                    start=claim.start,
                    end=claim.end,
                    modality=claim.modality,
                    rule=claim.rule,
                    event_date=claim.event_date,
                    event_date_text=claim.event_date_text,
                    date=extraction.document.date,
                    url=extraction.document.url,
                    title=extraction.document.title,
                )
            )
    return triples


def extract_to_file(
    paths: Sequence[str], settings: Settings, out: Path, progress: Progress | None = None
) -> LoadReport:
    """Extract and resolve, then write the triples as JSON Lines to ``out``. No database.

    Raises:
        InputError: as ``build``; or ``out`` cannot be written.
    """
    started = time.perf_counter()
    result = build(paths, settings, progress=progress, cache_dir=settings.cache_dir)
    try:
        if settings.scheduler and _is_shard_folder(out):
            from graphbuild.distributed import write_shards

            write_shards(result, paths, settings, out)
        else:
            write_triples(result.triples, out)
    except OSError as exc:
        raise InputError(f"{out}: cannot write triples ({exc.strerror}).") from exc
    return _report(result, started, str(out))


def _is_shard_folder(out: Path) -> bool:
    # With --scheduler, --out may name a folder: one shard per partition + manifest.json.
    return out.is_dir() or not out.suffix


def write_triples(triples: Iterable[Triple], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", encoding="utf-8") as fh:
        for triple in triples:
            fh.write(json.dumps(triple.to_json(), ensure_ascii=False) + "\n")
    tmp.replace(out)


def run(
    paths: Sequence[str], settings: Settings, store: Store, progress: Progress | None = None
) -> LoadReport:
    """Extract, resolve against the actors already stored, and load. Idempotent.

    The extraction cache lives in the embedded store's data dir, beside the graph it fed
    (``--cache-dir`` moves it); with a Bolt server (``--uri``) there is no data dir here,
    and no cache unless ``--cache-dir`` names one. The loader compares every document with
    the store whether its extraction was cached or not, so the cache never changes the
    graph a load ends with.

    Raises:
        InputError: as ``build``.
        StoreError: the store failed; batches already committed stay.
    """
    from graphbuild.store.load import load

    started = time.perf_counter()
    folder = settings.cache_dir or (settings.data_dir if settings.embedded else None)
    result = build(paths, settings, known=store.known_actors(), progress=progress, cache_dir=folder)
    load(store, result, batch_size=settings.batch_size)
    return _report(result, started, settings.target)


def _report(result: Build, started: float, target: str) -> LoadReport:
    return LoadReport(
        documents=len(result.extractions),
        actors=len(result.resolution.actors),
        triples=result.relations,
        skipped=result.skipped,
        tokens=result.tokens,
        seconds=time.perf_counter() - started,
        target=target,
        changes=result.changes,
    )
