"""Synthetic ``pipeline.Build`` records for loader tests: no spaCy, no resolver, made-up
names (never actor names from the seed articles). Deterministic for given arguments."""

from __future__ import annotations

import hashlib
from types import MappingProxyType

from graphbuild.pipeline import to_triples
from graphbuild.records import (
    KINDS,
    RELATIONS,
    Actor,
    Build,
    Claim,
    DocumentMeta,
    Extraction,
    Mention,
    Resolution,
)


def actor_name(number: int) -> str:
    return f"Actor {number:05d}"


def synthetic_build(
    documents: int = 5,
    actors: int = 12,
    claims_per_document: int = 6,
    *,
    version: str = "v1",
    first_document: int = 0,
    dated: bool = True,
) -> Build:
    """``documents`` documents over a pool of ``actors`` actors, each document mentioning
    a few of them and holding ``claims_per_document`` claims (a pair may repeat within a
    document with another sentence, to exercise evidence aggregation). ``version``
    changes the texts, hashes and claims of the documents, like an edited article."""
    pool = [
        Actor(
            id=hashlib.sha1(actor_name(i).encode()).hexdigest()[:16],
            name=actor_name(i),
            kind=KINDS[i % len(KINDS)],
            aliases=(actor_name(i), f"A{i}"),
        )
        for i in range(actors)
    ]
    extractions = []
    index: dict[tuple[str, str], str] = {}
    salt = 0 if version == "v1" else 7
    for d in range(first_document, first_document + documents):
        doc = f"doc{d:05d}.txt"
        picked = [pool[(d * 3 + j * 5 + salt) % actors] for j in range(4)]
        picked = list({a.id: a for a in picked}.values())
        mentions = tuple(
            Mention(doc=doc, name=a.name, kind=a.kind, count=1 + (d + j) % 3, forms=(a.name,))
            for j, a in enumerate(picked)
        )
        for a in picked:
            index[(doc, a.name)] = a.id
        claims = []
        for c in range(claims_per_document):
            source = picked[c % len(picked)]
            target = picked[(c + 1) % len(picked)]
            if source.id == target.id:
                continue
            start = c * 100
            sentence = f"{version} sentence {c // 2} of {doc}: {source.name} and {target.name}."
            claims.append(
                Claim(
                    doc=doc,
                    relation=RELATIONS[(c % len(picked) + d + salt) % len(RELATIONS)],
                    source=source.name,
                    target=target.name,
                    sentence=sentence,
                    start=start,
                    end=start + len(sentence),
                    modality=("asserted", "planned", "reported")[c % 3],
                    rule=f"rule-{c % 4}",
                )
            )
        sha = hashlib.sha256(f"{version}:{doc}".encode()).hexdigest()
        meta = DocumentMeta(
            id=doc,
            path=f"corpus/{doc}",
            title=f"Title of {doc}",
            date=f"2015-11-{1 + d % 28:02d}" if dated else None,
            url=None,
            sha256=sha,
        )
        extractions.append(Extraction(document=meta, mentions=mentions, claims=tuple(claims)))
    used = {actor_id for actor_id in index.values()}
    resolution = Resolution(
        actors=tuple(a for a in pool if a.id in used), index=MappingProxyType(index)
    )
    return Build(
        extractions=tuple(extractions),
        resolution=resolution,
        triples=tuple(to_triples(extractions, resolution)),
        skipped=(),
        tokens=0,
    )
