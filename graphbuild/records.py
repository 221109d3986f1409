"""Frozen records that cross stage boundaries: read -> extract -> resolve -> load.

Nothing live inside (no spaCy objects, no driver objects), tuples not lists, so a record
can be pickled to a worker process or a Dask worker and compared for equality.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from types import MappingProxyType
from typing import Any, Literal

Kind = Literal["PERSON", "ORG", "STATE"]
RelationName = Literal["met-with", "allied-to", "opposes"]
Modality = Literal["asserted", "planned", "reported"]

KINDS: tuple[Kind, ...] = ("PERSON", "ORG", "STATE")
RELATIONS: tuple[RelationName, ...] = ("met-with", "allied-to", "opposes")
SYMMETRIC: frozenset[str] = frozenset({"met-with", "allied-to"})
MODALITIES: tuple[Modality, ...] = ("asserted", "planned", "reported")


@dataclass(frozen=True)
class DocumentMeta:
    """What the graph keeps of a document once its text has been parsed."""

    id: str  # stable key: the file name, or the id field of a JSON Lines/CSV row
    path: str
    title: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD) when the text or the row states one
    url: str | None = None
    sha256: str = ""
    encoding: str = "utf-8"
    content_hash: str = ""  # Document.content_hash: what the extractor read


@dataclass(frozen=True)
class Document:
    """One article: its text and metadata."""

    id: str
    path: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    sha256: str = ""
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()  # what the reader could not use (a date field it cannot read)

    @property
    def content_hash(self) -> str:
        """A hash of what the extractor reads of the document: its text and its date (the
        anchor of relative dates). ``sha256`` is the input's, which a reader setting can
        change without changing the bytes (``--date-format``)."""
        return hashlib.sha256(json.dumps([self.text, self.date]).encode("utf-8")).hexdigest()

    @property
    def meta(self) -> DocumentMeta:
        return DocumentMeta(
            id=self.id,
            path=self.path,
            title=self.title,
            date=self.date,
            url=self.url,
            sha256=self.sha256,
            encoding=self.encoding,
            content_hash=self.content_hash,
        )


@dataclass(frozen=True)
class Skipped:
    """An input that was not read, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Mention:
    """The references to one named actor in one document, aggregated by name.

    ``name`` is the form the resolver works on: the extractor strips titles and maps a
    capital, demonym or seat of government used as an actor to its state ("the Kremlin"
    -> "Russia"). ``forms`` are the surface forms the text used for it.
    """

    doc: str
    name: str
    kind: Kind
    count: int = 1
    forms: tuple[str, ...] = ()
    context: str = ""  # one sentence that mentions it, for review files


@dataclass(frozen=True)
class Claim:
    """A relation the extractor read in one sentence, between two mention names of a doc."""

    doc: str
    relation: RelationName
    source: str  # Mention.name in the same doc
    target: str
    sentence: str
    start: int  # sentence character offsets in the document text
    end: int
    modality: Modality = "asserted"
    rule: str = ""
    trigger: int = -1  # token index of the word that states it (the verb, the noun)
    event_date: str | None = None  # when it happened: ISO at its precision (extract.dates)
    event_date_text: str | None = None  # the time expression as written


@dataclass(frozen=True)
class Extraction:
    """Everything the extract stage keeps of one document."""

    document: DocumentMeta
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()
    tokens: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "document": asdict(self.document),
            "mentions": [asdict(m) for m in self.mentions],
            "claims": [asdict(c) for c in self.claims],
            "tokens": self.tokens,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Extraction:
        """The extraction ``to_json`` gave (after a JSON round trip). Pure.

        Raises:
            ValueError: ``data`` is not the JSON of an extraction (a key missing or
                unknown, a value of the wrong kind).
        """
        try:
            return cls(
                document=DocumentMeta(**data["document"]),
                mentions=tuple(
                    Mention(**{**m, "forms": tuple(m["forms"])}) for m in data["mentions"]
                ),
                claims=tuple(Claim(**c) for c in data["claims"]),
                tokens=data["tokens"],
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not an extraction ({type(exc).__name__}: {exc})") from exc


@dataclass(frozen=True)
class Reused:
    """A document left unparsed because the extraction cache holds its extraction: what a
    cluster worker sends back in its place."""

    document: DocumentMeta


@dataclass(frozen=True)
class Changes:
    """How the documents of a run compare with the extraction cache: ``new`` (none cached
    under its id), ``changed`` (cached for another text or date), ``unchanged``; of the
    unchanged, ``reused`` were taken from the cache, and the others parsed again (the
    extractor changed, ``--no-cache``, an unreadable entry)."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    reused: int = 0


@dataclass(frozen=True)
class Actor:
    """One real-world actor after resolution."""

    id: str
    name: str
    kind: Kind
    aliases: tuple[str, ...] = ()
    mentions: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "aliases": list(self.aliases)}


@dataclass(frozen=True)
class ReviewPair:
    """Two actors the resolver kept apart (or merged) with a score in the grey band."""

    left: str
    right: str
    kind: Kind
    score: float
    merged: bool
    left_context: str = ""
    right_context: str = ""


@dataclass(frozen=True)
class Resolution:
    """Actors and the map from each (doc, mention name) to its actor id."""

    actors: tuple[Actor, ...] = ()
    index: Mapping[tuple[str, str], str] = field(default_factory=lambda: MappingProxyType({}))
    review: tuple[ReviewPair, ...] = ()

    def actor(self, doc: str, name: str) -> Actor | None:
        actor_id = self.index.get((doc, name))
        return self.by_id.get(actor_id) if actor_id is not None else None

    @property
    def by_id(self) -> Mapping[str, Actor]:
        cached = self.__dict__.get("_by_id")
        if cached is None:
            cached = MappingProxyType({a.id: a for a in self.actors})
            object.__setattr__(self, "_by_id", cached)
        return cached


@dataclass(frozen=True)
class Triple:
    """A resolved relation with its evidence: the unit of the JSON Lines output."""

    doc: str
    relation: RelationName
    source: Actor
    target: Actor
    sentence: str
    start: int
    end: int
    modality: Modality = "asserted"
    rule: str = ""
    event_date: str | None = None  # "2015-11-04", "2015-11" or "2015"
    event_date_text: str | None = None
    # The document's own metadata, so a triples file stands on its own.
    date: str | None = None
    url: str | None = None
    title: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "date": self.date,
            "url": self.url,
            "title": self.title,
            "relation": self.relation,
            "source": self.source.to_json(),
            "target": self.target.to_json(),
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "modality": self.modality,
            "rule": self.rule,
            "event_date": self.event_date,
            "event_date_text": self.event_date_text,
        }

    def with_actors(self, source: Actor, target: Actor) -> Triple:
        return replace(self, source=source, target=target)


@dataclass(frozen=True)
class LoadReport:
    """What a run did, for the summary line and for tests."""

    documents: int = 0
    actors: int = 0
    triples: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    skipped: tuple[Skipped, ...] = ()
    tokens: int = 0
    seconds: float = 0.0
    target: str = ""
    changes: Changes | None = None  # None: the run used no extraction cache

    @property
    def total_triples(self) -> int:
        return sum(self.triples.values())


@dataclass(frozen=True)
class Build:
    """The output of extract + resolve for a set of inputs: what load and the shard
    writer take."""

    extractions: tuple[Extraction, ...]
    resolution: Resolution
    triples: tuple[Triple, ...]
    skipped: tuple[Skipped, ...]
    tokens: int
    changes: Changes | None = None

    @property
    def relations(self) -> Mapping[str, int]:
        """Triples per relation, by relation name."""
        counts: dict[str, int] = {}
        for triple in self.triples:
            counts[triple.relation] = counts.get(triple.relation, 0) + 1
        return MappingProxyType(dict(sorted(counts.items())))
