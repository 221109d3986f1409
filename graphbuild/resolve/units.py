"""From mentions to units: the first, exact half of resolution.

1. Mentions are aggregated per (document, name) into entries; a name's kind is repaired
   by majority across the corpus (the user's actor file, then the gazetteer, win).
2. Within one document, a shorter form goes to the unique fuller form it can denote:
   "Lavrov" to "Sergei Lavrov", "UN" to "United Nations", "Observatory" to
   "Syrian Observatory for Human Rights". Ambiguity ("Kim" beside two Kims) links
   nothing, unless one candidate is named in at least three times as many documents as
   every rival (an NER slip such as "Meet van Rijn", a verb read as a first name, then
   does not block the link); such
   links are listed for review.
3. Entries whose normalised keys are equal form one unit ("Bashar al-Assad",
   "Bashar Al Assad", "Bashar Assad"). Units are what ``cluster.py`` then compares.

Actors already in the store and the actor file enter as entries without a document, so
their names take part in matching and their ids and names win.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from graphbuild.actorfile import ActorFile
from graphbuild.records import KINDS, Actor, Kind, Mention
from graphbuild.resolve.normalise import (
    OrgName,
    PersonName,
    bare_org_name,
    expansions,
    name_key,
    parse_org,
    parse_person,
)
from graphbuild.resolve.score import person_match, surname_match


class NameInfo:
    """What a name reads as, computed once per distinct name and shared by its entries."""

    __slots__ = ("__dict__", "key", "name")

    def __init__(self, name: str) -> None:
        self.name = name
        self.key = name_key(name)

    @cached_property
    def person(self) -> PersonName | None:
        return parse_person(self.name)

    @cached_property
    def org(self) -> OrgName:
        return parse_org(self.name)


@lru_cache(maxsize=1 << 20)
def name_info(name: str) -> NameInfo:
    return NameInfo(name)


class Entry:
    """One name in one document (``doc`` None: a stored actor's or the actor file's name)."""

    __slots__ = (
        "anchor",
        "canonical",
        "context",
        "count",
        "doc",
        "forms",
        "info",
        "key",
        "kind",
        "label",
        "mixed",
        "weight",
        "link",
        "name",
        "person",
        "pin",
    )

    def __init__(
        self,
        doc: str | None,
        name: str,
        *,
        kind: Kind = "PERSON",
        canonical: str = "",
        pin: str = "",
        anchor: str = "",
    ) -> None:
        self.doc = doc
        self.name = name
        self.count = 0
        # The NER's kinds for it, weighted by count: one kind in ``label`` (the usual
        # case, and small), a dict in ``mixed`` once two kinds disagree.
        self.label = ""
        self.mixed: dict[str, int] | None = None
        self.weight = 0
        self.forms: tuple[str, ...] = ()
        self.context = ""
        self.kind: Kind = kind
        self.canonical = canonical  # the gazetteer's name for it
        self.pin = pin  # the actor-file entry it belongs to
        self.anchor = anchor  # the stored actor id it belongs to
        self.link = -1  # the entry (same document) it was linked to
        self.info = name_info(name)
        self.key = self.info.key  # the normalised name
        self.person = self.info.person  # the name read as a person's, if it can be one

    @property
    def labels(self) -> dict[str, int]:
        """The NER's kinds for this name in this document, with their counts."""
        if self.mixed is not None:
            return self.mixed
        return {self.label: self.weight} if self.label else {}

    def add(self, m: Mention) -> None:
        """Fold one more mention of this (doc, name) in."""
        self.count += m.count
        w = max(m.count, 1)
        if self.mixed is not None:
            self.mixed[m.kind] = self.mixed.get(m.kind, 0) + w
        elif not self.label or self.label == m.kind:
            self.label = m.kind
        else:
            self.mixed = {self.label: self.weight, m.kind: w}
        self.weight += w
        if m.forms and m.forms != self.forms:
            self.forms = tuple(dict.fromkeys(self.forms + m.forms))
        # The smallest context, so the choice does not depend on input order.
        if m.context and (not self.context or m.context < self.context):
            self.context = m.context

    @property
    def org(self) -> OrgName:
        return self.info.org


@lru_cache(maxsize=1 << 20)
def gazetteer_hit(name: str, labelled_person: bool) -> tuple[Kind, str] | None:
    """The gazetteer's (kind, canonical name) for ``name``, or None.

    A name the NER called a person only counts when it is a state's own name or alias:
    capitals and demonyms ("Victoria", "Jackson") are also people's names.
    """
    try:
        from graphbuild import gazetteer
    except ImportError:  # the gazetteer is optional data
        return None
    for text in dict.fromkeys((name, bare_org_name(name))):
        match = gazetteer.state_match(text)
        if match and not (labelled_person and match.field not in ("name", "alias")):
            return "STATE", match.state
        org = gazetteer.organisation_for(text)
        if org:
            return "ORG", org
    return None


def _majority(labels: dict[str, int]) -> Kind:
    # Ties go to the earlier kind in KINDS, so the choice never depends on input order.
    if len(labels) == 1:
        (kind,) = labels
        return kind  # type: ignore[return-value]
    return min(KINDS, key=lambda k: (-labels.get(k, 0), KINDS.index(k)))


def aggregate(mentions: Iterable[Mention]) -> list[Entry]:
    """One entry per (doc, name), sorted, with counts, labels, forms and one context."""
    table: dict[tuple[str, str], Entry] = {}
    for m in mentions:
        entry = table.get((m.doc, m.name))
        if entry is None:
            entry = table[(m.doc, m.name)] = Entry(m.doc, m.name)
        entry.add(m)
    return [table[k] for k in sorted(table)]


def repair_kinds(entries: Sequence[Entry], actors: ActorFile) -> None:
    """Set each entry's kind: actor file, else gazetteer, else the name's corpus majority."""
    # Spelling variants of one person's name vote together ("Sergey Lavrov" tagged ORG
    # once is outvoted by "Sergei Lavrov" tagged PERSON).
    by_name: dict[Any, dict[str, int]] = defaultdict(dict)
    for e in entries:
        votes = by_name[_vote_key(e)]
        if e.mixed is None:
            votes[e.label] = votes.get(e.label, 0) + e.weight
        else:
            for label, n in e.mixed.items():
                votes[label] = votes.get(label, 0) + n
    exact = actors.names()
    folded: dict[str, Any] = {}
    for entry in actors.entries:
        for form in (entry.name, *entry.aliases):
            folded.setdefault(name_key(form), entry)
    decided: dict[str, tuple[str, Kind, str]] = {}
    for e in entries:
        choice = decided.get(e.name)
        if choice is None:
            choice = decided[e.name] = _decide(e, by_name[_vote_key(e)], exact, folded)
        e.pin, e.kind, e.canonical = choice


def _vote_key(e: Entry) -> Any:
    p = e.person
    return (p.given, p.surname) if p is not None and p.given else e.key


def _decide(
    e: Entry, votes: dict[str, int], exact: dict[str, Any], folded: dict[str, Any]
) -> tuple[str, Kind, str]:
    """(pin, kind, canonical) of a name: the actor file, else the gazetteer, else majority."""
    pinned = exact.get(e.name) or folded.get(e.key)
    if pinned is not None:
        return pinned.name, pinned.kind, ""
    majority = _majority(votes)
    hit = gazetteer_hit(e.name, majority == "PERSON")
    if hit:
        return "", hit[0], hit[1]
    return "", majority, ""


def pseudo_entries(known: Sequence[Actor], actors: ActorFile) -> list[Entry]:
    """Entries for stored actors' and actor-file names, so new mentions can match them.

    A stored person contributes its full names only (its surname alias was earlier
    attached by context, and must not pull every namesake now), unless it has no other.
    """
    out: list[Entry] = []
    for entry in actors.entries:
        for form in (entry.name, *entry.aliases):
            out.append(Entry(None, form, kind=entry.kind, pin=entry.name))
    for actor in sorted(known, key=lambda a: a.id):
        forms = sorted({actor.name, *actor.aliases})
        if actor.kind == "PERSON":
            full = [f for f in forms if (p := parse_person(f)) and not p.surname_only]
            forms = full or forms
        else:  # likewise an organisation's short form ("Observatory") found by context
            orgs = [parse_org(f) for f in forms]
            forms = [
                f
                for f, o in zip(forms, orgs, strict=True)
                if f == actor.name or not any(_shortens(o, other) for other in orgs)
            ]
        for form in forms:
            hit = gazetteer_hit(form, actor.kind == "PERSON")
            out.append(
                Entry(
                    None,
                    form,
                    kind=actor.kind,
                    anchor=actor.id,
                    canonical=hit[1] if hit and hit[0] == actor.kind else "",
                )
            )
    return out


def link_documents(entries: Sequence[Entry], forbidden: Forbidden) -> list[tuple[int, int, bool]]:
    """Link shorter forms to the unique fuller form of the same document (sets ``link``).

    Returns the grey-band (entry, candidate, linked) triples, for review: short forms
    left alone beside several candidates, and links made because one candidate dominates.
    """
    # In how many documents each full person name occurs: a candidate named in one
    # document only (often an NER slip: "Meet van Rijn") does not make a short form
    # ambiguous beside a name the corpus uses three times as often.
    support: Counter[PersonName] = Counter()
    for e in entries:
        p = e.person if e.kind == "PERSON" and e.doc is not None else None
        if p is not None and p.given:
            support[p] += 1
    ambiguous: list[tuple[int, int, bool]] = []
    start = 0
    while start < len(entries):
        doc = entries[start].doc
        end = start
        while end < len(entries) and entries[end].doc == doc:
            end += 1
        if doc is not None:
            ambiguous += _link_people(entries, range(start, end), forbidden, support)
            _link_orgs(entries, range(start, end), forbidden)
        start = end
    for e in entries:  # follow chains to the fullest form; links only ever lengthen names
        hops = 0
        while e.link >= 0 and entries[e.link].link >= 0 and hops < len(entries):
            e.link = entries[e.link].link
            hops += 1
    return ambiguous


def _may_be_person(e: Entry) -> bool:
    # The NER often calls a lone surname ORG or GPE; a gazetteer name it is not.
    if e.pin or e.canonical:
        return False
    if e.kind == "PERSON":
        return True
    return " " not in e.name.strip() and not e.org.acronym


def _link_people(
    entries: Sequence[Entry], doc: range, forbidden: Forbidden, support: Counter[PersonName]
) -> list[tuple[int, int, bool]]:
    targets: dict[str, list[int]] = defaultdict(list)
    for i in doc:
        e = entries[i]
        p = e.person
        if e.kind == "PERSON" and p is not None and p.given and not e.canonical:
            targets[p.skel].append(i)
            if p.alt_skel:
                targets[p.alt_skel].append(i)
    ambiguous = []
    for i in doc:
        e = entries[i]
        p = e.person
        if p is None:
            continue
        found = targets.get(p.skel)
        if not found or (len(found) == 1 and found[0] == i) or not _may_be_person(e):
            continue
        candidates = []
        for t in found:
            q = entries[t].person
            if t == i or q.weight <= p.weight or t in candidates:  # type: ignore[union-attr]
                continue
            if forbidden and forbidden(e.name, entries[t].name):
                continue
            fits = surname_match(p.surname, q) if not p.given else person_match(p, q)  # type: ignore[arg-type]
            if fits:
                candidates.append(t)
        if not candidates:
            continue
        if len(candidates) > 1:
            people = [entries[t].person for t in candidates]
            if not all(person_match(a, b) for a in people for b in people):  # type: ignore[arg-type]
                lead = _dominant(people, support)  # type: ignore[arg-type]
                if lead is None:
                    ambiguous += [(i, t, False) for t in candidates]
                    continue
                ambiguous += [(i, t, people[k] == lead) for k, t in enumerate(candidates)]
                candidates = [t for t in candidates if person_match(entries[t].person, lead)]  # type: ignore[arg-type]
        best = max(
            candidates,
            key=lambda t: (
                entries[t].person.weight[0],  # type: ignore[union-attr]
                entries[t].count,
                _neg(entries[t].name),
            ),
        )
        e.link, e.kind = best, "PERSON"
    return ambiguous


def _dominant(people: list[PersonName], support: Counter[PersonName]) -> PersonName | None:
    """The candidate the corpus names at least three times as often as every candidate
    incompatible with it, or None."""
    lead = max(people, key=lambda p: (support[p], p.weight, p.given, p.surname))
    rivals = [p for p in people if not person_match(p, lead)]
    if all(3 * support[p] <= support[lead] for p in rivals):
        return lead
    return None


def _neg(text: str) -> tuple[int, ...]:
    # Sorts names in reverse, so max() picks the alphabetically first one on a tie.
    return tuple(-ord(c) for c in text)


def _link_orgs(entries: Sequence[Entry], doc: range, forbidden: Forbidden) -> None:
    orgs = [i for i in doc if entries[i].kind != "PERSON" and not entries[i].org.acronym]
    if not orgs:
        return
    spelled: dict[str, set[str]] | None = None  # read only when the document has an acronym
    for i in doc:
        e = entries[i]
        if e.kind == "PERSON" or e.canonical or e.pin:
            continue
        o = e.org
        if o.acronym:
            if spelled is None:
                spelled = spelled_out(entries[j] for j in doc)
            found = [
                t
                for t in orgs
                if entries[t].key in spelled.get(o.acronym, ())
                or (entries[t].org.initials == o.acronym and len(entries[t].org.tokens) > 1)
            ]
        else:
            found = [t for t in orgs if t != i and _shortens(o, entries[t].org)]
        found = [t for t in found if not forbidden(e.name, entries[t].name)]
        targets = {entries[t].canonical or entries[t].key for t in found}
        if len(targets) == 1:
            e.link = min(found, key=lambda t: (-entries[t].count, entries[t].name))
            e.kind = entries[e.link].kind


def _shortens(short: OrgName, full: OrgName) -> bool:
    """``short`` is the end of ``full``'s head phrase and says less: "Observatory" for
    "Syrian Observatory for Human Rights", "Syrian National Coalition" for the same
    followed by "for Opposition and Revolutionary Forces"."""
    n = len(short.tokens)
    return n > 0 and len(full.tokens) > n and len(full.head) >= n and full.head[-n:] == short.tokens


def spelled_out(entries: Iterable[Entry]) -> dict[str, set[str]]:
    """Acronym -> name keys of the expansions the entries' names, forms and contexts spell
    out ("United Nations (UN)")."""
    spelled: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for text in (e.name, *e.forms, e.context):
            if "(" in text:
                for letters, full in expansions(text):
                    spelled[letters].add(name_key(full))
    return spelled


class Forbidden:
    """The actor file's cannot-link pairs, compared on normalised names."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.partners: dict[str, set[str]] = defaultdict(set)
        for a, b in pairs:
            self.partners[name_key(a)].add(name_key(b))
            self.partners[name_key(b)].add(name_key(a))

    def __bool__(self) -> bool:
        return bool(self.partners)

    def __call__(self, a: str, b: str) -> bool:
        return bool(self.partners) and name_key(b) in self.partners.get(name_key(a), ())

    def between(self, left: Iterable[str], right: Iterable[str]) -> bool:
        """Does any name key of ``left`` form a cannot-link pair with one of ``right``?"""
        if not self.partners:
            return False
        right = set(right)
        return any(self.partners.get(a, set()) & right for a in left)

    def named(self, key: str) -> bool:
        return key in self.partners


@dataclass
class Unit:
    """Entries whose normalised names are equal: the nodes the clustering compares."""

    key: tuple
    entries: list[int]
    kind: Kind
    people: tuple[PersonName, ...] = ()  # full-name profiles
    surname: str = ""  # set when the unit is a surname alone
    orgs: tuple[OrgName, ...] = ()
    names: frozenset[str] = frozenset()  # name keys, for cannot-link checks
    anchor: str = ""
    pin: str = ""
    canonical: str = ""
    count: int = 0
    text: str = ""  # normalised representative, for similarity scores
    sample: str = ""  # a surface name, for review
    context: str = ""


def unit_key(e: Entry, forbidden: Forbidden) -> tuple:
    """The exact-match key: equal keys are the same actor without further evidence."""
    if e.pin:
        return ("F", e.pin)
    if e.canonical:
        return ("N", e.kind, name_key(e.canonical))
    # A name in a cannot-link pair keeps a unit of its own, so the pair can be honoured.
    own = (e.key,) if forbidden.named(e.key) else ()
    if e.kind == "PERSON":
        p = e.person
        if p is not None:
            if p.surname_only:
                return ("S", p.surname, *own)
            return ("P", p.given, p.surname, *own)
    o = e.org
    if o.acronym:
        return ("A", o.acronym, *own)
    return ("N", e.kind, " ".join(o.tokens) or e.key, *own)


def build_units(entries: Sequence[Entry], forbidden: Forbidden) -> list[Unit]:
    """Group the unlinked entries (and everything linked to them) by exact key."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    keys: dict[tuple, tuple] = {}  # unit keys depend on these fields only
    for i, e in enumerate(entries):
        root = entries[e.link] if e.link >= 0 else e
        fields = (root.name, root.kind, root.pin, root.canonical)
        key = keys.get(fields)
        if key is None:
            key = keys[fields] = unit_key(root, forbidden)
        groups[key].append(i)
    units = []
    for key in sorted(groups):  # keys with one tag hold the same types position by position
        units.append(_unit(key, groups[key], entries))  # members are in index order
    return units


def _unit(key: tuple, members: list[int], entries: Sequence[Entry]) -> Unit:
    labels: dict[str, int] = {}
    people: dict[PersonName, None] = {}
    orgs: dict[OrgName, None] = {}
    names: set[str] = set()
    anchors = sorted({entries[i].anchor for i in members if entries[i].anchor})
    count = 0
    samples: Counter[str] = Counter()
    context = ""
    profiles = key[0] in ("P", "F")
    for i in members:
        e = entries[i]
        kind = e.kind
        labels[kind] = labels.get(kind, 0) + (max(e.count, 1) if e.doc is not None else 1)
        names.add(e.key)
        count += e.count
        if e.link >= 0 and e.doc is not None:
            continue  # a linked short form says nothing about the unit's identity
        if e.doc is not None:
            samples[e.name] += e.count
            if e.context and (not context or e.context < context):
                context = e.context
        if kind == "PERSON":
            p = e.person
            if profiles and p is not None and p.given:
                people[p] = None
        elif not e.org.acronym and e.org.tokens:
            orgs[e.org] = None
    pin = key[1] if key[0] == "F" else ""
    kind = _majority(labels)
    if key[0] == "F":
        kind = next((entries[i].kind for i in members if entries[i].pin), kind)
    if not samples:
        samples.update({entries[i].name: 1 for i in members})
    sample = min(samples, key=lambda n: (-samples[n], n))
    first = entries[members[0]]
    surname = key[1] if key[0] == "S" else ""
    text = " ".join(key[1]) + " " + key[2] if key[0] == "P" else first.key
    return Unit(
        key=key,
        entries=members,
        kind=kind,
        people=tuple(sorted(people, key=lambda p: (p.given, p.surname))),
        surname=surname,
        orgs=tuple(sorted(orgs, key=lambda o: o.tokens)),
        names=frozenset(names),
        anchor=anchors[0] if anchors else "",
        pin=pin,
        canonical=first.canonical,
        count=count,
        text=text if key[0] != "S" else surname,
        sample=sample,
        context=context,
    )
