"""Entity resolution: one actor per real-world entity across documents (rapidfuzz only here).

    mentions ──aggregate──> entries (doc, name) ──kinds, in-document links──> units (exact key)
        ──cluster (blocked, complete-linkage; surnames and acronyms by uniqueness)──> actors

``normalise`` reduces names to keys, ``score`` weighs the evidence for a pair,
``units`` does the exact half, ``cluster`` the fuzzy half, ``report`` the listing and the
review file. The word lists behind the normalisation are data files in ``resolve/data``.
"""

from __future__ import annotations

import gc
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from types import MappingProxyType

from graphbuild.actorfile import ActorFile
from graphbuild.records import KINDS, Actor, Kind, Mention, Resolution, ReviewPair
from graphbuild.resolve.cluster import Decision, cluster
from graphbuild.resolve.normalise import name_key, parse_person
from graphbuild.resolve.score import similarity
from graphbuild.resolve.units import (
    Entry,
    Forbidden,
    Unit,
    aggregate,
    build_units,
    link_documents,
    pseudo_entries,
    repair_kinds,
    spelled_out,
)

__all__ = ["actor_id", "resolve"]

NO_ACTORS = ActorFile()  # the default: no must-links, no cannot-links


def resolve(
    mentions: Iterable[Mention], *, known: Sequence[Actor] = (), actors: ActorFile = NO_ACTORS
) -> Resolution:
    """Group mentions into actors and map every (doc, mention name) to an actor id.

    Pure, deterministic and order-invariant: the same mentions in any order give the same
    actors, ids, index and review pairs. Ids are derived from kind and canonical name, so
    a rerun gives the same ids; a mention matching a ``known`` actor (already stored)
    gets that actor's id. The actor file's aliases are must-links, its ``cannot_link``
    pairs are never merged, whatever the scores.

    Raises:
        Nothing of its own; the inputs are records already validated.
    """
    # Millions of small records and no reference cycles: the cyclic garbage collector
    # would rescan them over and over (a quarter of the run time on a million mentions).
    collecting = gc.isenabled()
    gc.disable()
    try:
        entries = aggregate(mentions)
        forbidden = Forbidden(actors.cannot_link)
        repair_kinds(entries, actors)
        entries += pseudo_entries(known, actors)
        ambiguous = link_documents(entries, forbidden)
        units = build_units(entries, forbidden)
        clusters, decisions = cluster(units, forbidden, spelled_out(entries))
        return _resolution(entries, units, clusters, decisions, ambiguous, known, actors)
    finally:
        if collecting:
            gc.enable()


def actor_id(kind: str, name: str) -> str:
    """The stable id of an actor: a hash of its kind and normalised canonical name."""
    return hashlib.sha1(f"{kind}:{name_key(name)}".encode()).hexdigest()[:16]


def _resolution(
    entries: list[Entry],
    units: list[Unit],
    clusters: list[list[int]],
    decisions: list[Decision],
    ambiguous: list[tuple[int, int, bool]],
    known: Sequence[Actor],
    actors: ActorFile,
) -> Resolution:
    known_by_id = {a.id: a for a in known}
    file_by_name = {e.name: e for e in actors.entries}
    drafts = []
    for members in clusters:
        real = sorted(i for u in members for i in units[u].entries if entries[i].doc is not None)
        if not real:
            continue
        anchors = Counter(units[u].anchor for u in members if units[u].anchor)
        pins = sorted({units[u].pin for u in members if units[u].pin})
        pin = file_by_name.get(pins[0]) if pins else None
        stored = known_by_id.get(min(anchors, key=lambda a: (-anchors[a], a))) if anchors else None
        kind = _kind(units, members, pin.kind if pin else None)
        if stored is not None and pin is None and (stored.kind == "PERSON") == (kind == "PERSON"):
            kind = stored.kind  # an earlier run's ORG/STATE call stands, for stable ids
        if pin is not None:
            name = pin.name
        elif stored is not None and stored.kind == kind:
            name = stored.name
        else:
            name = _canonical(entries, real, kind)
        aliases = {entries[i].name for i in real}
        for i in real:
            aliases.update(entries[i].forms)
        if pin is not None:
            aliases |= {pin.name, *pin.aliases}
        if stored is not None:
            aliases |= {stored.name, *stored.aliases}
        mentions = sum(entries[i].count for i in real)
        drafts.append((stored, kind, name, tuple(sorted(aliases)), mentions, real))
    # A stored id goes to its best-supported cluster; derived ids never collide.
    drafts.sort(key=lambda d: (d[0] is None, -d[4], d[1], d[2], d[3]))
    taken: set[str] = set()
    out: list[Actor] = []
    index: dict[tuple[str, str], str] = {}
    for stored, kind, name, aliases, mentions, real in drafts:
        if stored is not None and stored.id not in taken:
            ident = stored.id
        else:
            ident = actor_id(kind, name)
            salt = 0
            while ident in taken:
                salt += 1
                ident = hashlib.sha1(f"{kind}:{name_key(name)}#{salt}".encode()).hexdigest()[:16]
        taken.add(ident)
        out.append(Actor(ident, name, kind, aliases, mentions))
        for i in real:
            index[(entries[i].doc, entries[i].name)] = ident  # type: ignore[index]
    out.sort(key=lambda a: (a.name, a.id))
    return Resolution(
        tuple(out), MappingProxyType(index), _review(entries, units, decisions, ambiguous)
    )


def _kind(units: list[Unit], members: list[int], pinned: Kind | None) -> Kind:
    """The file's kind, else the majority of mention counts (ties: PERSON, ORG, STATE)."""
    if pinned:
        return pinned
    votes: Counter[str] = Counter()
    for u in members:
        votes[units[u].kind] += max(units[u].count, 1)
    return min(KINDS, key=lambda k: (-votes.get(k, 0), KINDS.index(k)))


def _canonical(entries: list[Entry], real: list[int], kind: Kind) -> str:
    """The most frequent full form; ties go to the longer, then the alphabetically first.

    Forms linked to a fuller one in their document ("Lavrov" to "Sergei Lavrov") do not
    compete.

    A gazetteer name wins over the surface forms it stands for ("Russian Federation" ->
    "Russia"). A person's full form has a given name; an organisation's is not an acronym.
    """
    gazetteer = Counter()
    for i in real:
        if entries[i].canonical:
            gazetteer[entries[i].canonical] += entries[i].count
    if gazetteer:
        return min(gazetteer, key=lambda n: (-gazetteer[n], n))
    # A form linked to a fuller one in its document is a short form: not a candidate.
    full_entries = [i for i in real if entries[i].link < 0] or real
    raw: Counter[str] = Counter()
    for i in full_entries:
        raw[entries[i].name] += max(entries[i].count, 1)
    tally: Counter[str] = Counter()
    for name, n in raw.items():
        tally[_display(name)] += n
    full = [n for n in tally if _full_form(n, kind)] or list(tally)
    return min(full, key=lambda n: (-tally[n], -len(n.split()), n))


def _display(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[0] in ("the", "The"):
        words = words[1:]
    return " ".join(words)


def _full_form(name: str, kind: Kind) -> bool:
    if kind == "PERSON":
        p = parse_person(name)
        return p is not None and not p.surname_only
    letters = name.replace(".", "")
    return not (letters.isupper() and " " not in letters)


def _review(
    entries: list[Entry],
    units: list[Unit],
    decisions: list[Decision],
    ambiguous: list[tuple[int, int, bool]],
) -> tuple[ReviewPair, ...]:
    pairs: dict[tuple[str, str], ReviewPair] = {}
    for d in decisions:
        a, b = units[d.left], units[d.right]
        if a.sample == b.sample:
            continue
        left, right = sorted((a, b), key=lambda u: u.sample)
        pairs.setdefault(
            (left.sample, right.sample),
            ReviewPair(
                left.sample, right.sample, left.kind, d.score, d.merged, left.context, right.context
            ),
        )
    for i, t, linked in ambiguous:
        a, b = sorted((entries[i], entries[t]), key=lambda e: e.name)
        score = round(similarity(name_key(a.name), name_key(b.name)), 3)
        pairs.setdefault(
            (a.name, b.name),
            ReviewPair(a.name, b.name, "PERSON", score, linked, a.context, b.context),
        )
    return tuple(pairs[k] for k in sorted(pairs))
