"""Cluster units into actors: fuzzy inside blocks, then attach the short forms.

1. People: units are blocked by the consonant skeleton of the family name and, inside a
   block, only pairs sharing a given-name skeleton or initial are scored, so the work
   grows with the number of names, not its square. A unit compatible with two people
   who are incompatible with each other ("George Bush" beside "George W. Bush" and
   "George H. W. Bush") is ambiguous and merges with neither.
2. Organisations and states: blocked by word count and word skeletons; same words up
   to spelling and short endings.
3. Merging is complete-linkage: two clusters join only when every member of one is
   compatible with every member of the other, so "A ~ B ~ C" never chains A to C.
4. A surname alone joins the one person cluster with that family name, if there is
   exactly one ("Kim" beside two Kims stays "Kim"); an acronym joins the one
   organisation it spells out in the corpus or whose initials it is.

Every decision in the grey band (a merge on a close spelling or an initial, a pair kept
apart although similar, an ambiguous short form) is returned for review.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from graphbuild.resolve.normalise import skeleton
from graphbuild.resolve.score import (
    REVIEW_SIMILARITY,
    more_specific,
    org_match,
    person_match,
    similarity,
    surname_match,
    word_match,
)
from graphbuild.resolve.units import Forbidden, Unit


@dataclass(frozen=True)
class Decision:
    """A grey-band pair of units and what the clustering did with it."""

    left: int
    right: int
    score: float
    merged: bool


class Partition:
    """Union-find over units whose clusters remember their members (complete linkage)."""

    def __init__(self, units: Sequence[Unit], forbidden: Forbidden) -> None:
        self.units = units
        self.forbidden = forbidden
        self.parent = list(range(len(units)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
        self._cache: dict[tuple[int, int], float] = {}

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:  # path compression
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        keep, drop = min(ra, rb), max(ra, rb)  # the smaller index, for determinism
        self.parent[drop] = keep
        self.members[keep] = sorted(self.members[keep] + self.members.pop(drop))
        return keep

    def allowed(self, a: Unit, b: Unit) -> bool:
        """User and store constraints: cannot-link pairs, two stored ids, two file entries."""
        if a.anchor and b.anchor and a.anchor != b.anchor:
            return False
        if a.pin and b.pin and a.pin != b.pin:
            return False
        return not self.forbidden.between(a.names, b.names)

    def compat(self, i: int, j: int) -> float:
        """Weight of evidence that units i and j are one actor; 0.0 = never."""
        key = (i, j) if i < j else (j, i)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._compat(self.units[i], self.units[j])
        return cached

    def _compat(self, a: Unit, b: Unit) -> float:
        if (a.kind == "PERSON") != (b.kind == "PERSON") or not self.allowed(a, b):
            return 0.0
        if a.kind == "PERSON":
            if not a.people or not b.people:
                return _surname_fit(a, b)
            return min(person_match(p, q) for p in a.people for q in b.people)
        if a.kind != b.kind:
            return 0.0
        if not a.orgs or not b.orgs:
            return 1.0  # acronyms are attached by uniqueness, not by comparison
        return min(org_match(p, q) for p in a.orgs for q in b.orgs)

    def merge_if_compatible(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        for x in self.members[ri]:
            for y in self.members[rj]:
                if not self.compat(x, y):
                    return False
        self.union(ri, rj)
        return True

    def clusters(self) -> list[list[int]]:
        return [self.members[r] for r in sorted(self.members)]


def _surname_fit(a: Unit, b: Unit) -> float:
    # A surname-only unit against a full-name unit, or two surname-only units.
    if a.people:
        a, b = b, a
    if not b.people:
        return word_match(a.surname, b.surname)
    return min(surname_match(a.surname, p) for p in b.people)


def cluster(
    units: Sequence[Unit], forbidden: Forbidden, spelled: dict[str, set[str]]
) -> tuple[list[list[int]], list[Decision]]:
    """Partition the units into actors; returns the clusters and the grey-band decisions.

    Pure and deterministic: units arrive sorted and every loop runs in index order.
    """
    part = Partition(units, forbidden)
    decisions: list[Decision] = []
    # The names of one stored actor stay together (unless the actor file now says no):
    # an earlier run's merges carry over, so ids stay stable.
    stored: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        if u.anchor:
            stored[u.anchor].append(i)
    for members in stored.values():
        for j in members[1:]:
            if not forbidden.between(units[members[0]].names, units[j].names):
                part.union(members[0], j)
    people = [i for i, u in enumerate(units) if u.kind == "PERSON" and u.people]
    orgs = [i for i, u in enumerate(units) if u.kind != "PERSON" and u.orgs]
    _link(part, _person_pairs(units, people), decisions, ambiguity=True)
    _link(part, _org_pairs(units, orgs), decisions, ambiguity=False)
    _attach_surnames(part, decisions)
    _attach_short_orgs(part, decisions)
    _attach_acronyms(part, spelled, decisions)
    return part.clusters(), decisions


def _person_pairs(units: Sequence[Unit], people: Iterable[int]) -> set[tuple[int, int]]:
    """Candidate pairs: same family-name skeleton and a shared given-name skeleton or initial."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in people:
        for s in dict.fromkeys(skeleton(p.surname) for p in units[i].people):
            blocks[s].append(i)
    pairs: set[tuple[int, int]] = set()
    for block in blocks.values():
        if len(block) < 2:
            continue
        postings: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i in block:
            for p in units[i].people:
                for g in p.given:
                    if len(g) == 1:
                        postings[("i", g)].append(i)
                    else:
                        postings[("s", skeleton(g))].append(i)
                        postings[("f", g[0])].append(i)
        for (tag, value), members in postings.items():
            if tag == "f":
                continue
            members = sorted(set(members))
            others = members
            if tag == "i":  # an initial pairs with every full given name it begins
                others = sorted(set(members) | set(postings.get(("f", value), ())))
            for a in members:
                for b in others:
                    if a != b:
                        pairs.add((a, b) if a < b else (b, a))
    return pairs


def _org_pairs(units: Sequence[Unit], orgs: Iterable[int]) -> set[tuple[int, int]]:
    """Candidate pairs: same word count, same skeleton of the last word, close first word
    (a name with a tail is also filed under its head phrase)."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i in orgs:
        for o in units[i].orgs:
            key = (len(o.tokens), skeleton(o.tokens[-1])[:3], skeleton(o.tokens[0])[:2])
            blocks[key].append(i)
            if 2 <= len(o.head) < len(o.tokens):  # the same name without its tail ("for X")
                h = o.head
                blocks[(len(h), skeleton(h[-1])[:3], skeleton(h[0])[:2])].append(i)
    pairs: set[tuple[int, int]] = set()
    for block in blocks.values():
        for a, b in combinations(sorted(set(block)), 2):
            pairs.add((a, b))
    return pairs


def _link(
    part: Partition, pairs: set[tuple[int, int]], decisions: list[Decision], *, ambiguity: bool
) -> None:
    units = part.units
    edges = []
    neighbours: dict[int, list[int]] = defaultdict(list)
    for a, b in sorted(pairs):
        weight = part.compat(a, b)
        sim = similarity(units[a].text, units[b].text)
        if weight:
            edges.append((-weight, -sim, a, b))
            neighbours[a].append(b)
            neighbours[b].append(a)
        elif sim >= REVIEW_SIMILARITY and part.allowed(units[a], units[b]):
            decisions.append(Decision(a, b, round(sim, 3), merged=False))
    blocked: set[int] = set()
    if ambiguity:
        for u in sorted(neighbours):
            fuller = [v for v in neighbours[u] if not _fuller(units[u], units[v])]
            if any(not part.compat(v, w) for v, w in combinations(fuller, 2)):
                blocked.add(u)
                decisions += [
                    Decision(u, v, round(similarity(units[u].text, units[v].text), 3), False)
                    for v in fuller
                ]
    for neg_weight, _neg_sim, a, b in sorted(edges):
        if a in blocked or b in blocked:
            continue
        merged = part.merge_if_compatible(a, b)
        if merged and -neg_weight < 1.0:
            decisions.append(Decision(a, b, round(-neg_weight, 3), merged=True))
        elif not merged and part.find(a) != part.find(b):
            decisions.append(Decision(a, b, round(-neg_weight, 3), merged=False))


def _fuller(a: Unit, b: Unit) -> bool:
    """Does ``a`` name more than ``b`` (every profile of a more specific than all of b's)?"""
    return all(more_specific(p, q) for p in a.people for q in b.people)


def _attach_surnames(part: Partition, decisions: list[Decision]) -> None:
    """A lone surname joins the single person cluster with that family name."""
    units = part.units
    # skeleton -> family name -> the person units with it (family names are far fewer)
    index: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for i, u in enumerate(units):
        if u.kind == "PERSON":
            for p in u.people:
                index[p.skel][p.surname].add(i)
                if p.alt_surname:
                    index[p.alt_skel][p.alt_surname].add(i)
    loose: list[int] = []
    for i, u in enumerate(units):
        surname, exact = _lone_surname(u)
        if not surname:
            continue
        roots: dict[int, float] = {}
        for family, holders in sorted(index.get(skeleton(surname), {}).items()):
            fit = word_match(surname, family)
            if not fit or (exact and fit < 1.0):
                continue
            for j in sorted(holders):
                root = part.find(j)
                if part.forbidden and not all(
                    part.allowed(u, units[m]) for m in part.members[root]
                ):
                    continue
                roots[root] = max(roots.get(root, 0.0), fit)
        if len(roots) == 1:
            ((root, fit),) = roots.items()
            u.kind = "PERSON"
            part.union(root, i)
            if fit < 1.0:
                decisions.append(Decision(i, root, round(fit, 3), merged=True))
        elif roots:
            share = round(1.0 / len(roots), 3)
            decisions += [Decision(i, r, share, merged=False) for r in sorted(roots)]
        elif u.kind == "PERSON" and not u.anchor and not u.pin:
            loose.append(i)
    # Surnames with no full name anywhere: spelling variants of one surname still merge.
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in loose:
        blocks[skeleton(units[i].surname)].append(i)
    for block in blocks.values():
        for a, b in combinations(block, 2):
            weight = word_match(units[a].surname, units[b].surname)
            if weight and part.merge_if_compatible(a, b) and weight < 1.0:
                decisions.append(Decision(a, b, round(weight, 3), merged=True))


def _lone_surname(u: Unit) -> tuple[str, bool]:
    """The surname a unit consists of, and whether only an exact match may attach it.

    A single word the NER called an organisation may be a person's surname ("Lavrov"
    tagged ORG); it attaches only on an exact spelling.
    """
    if u.anchor or u.pin or u.people:
        return "", False
    if u.kind == "PERSON" and u.surname:
        return u.surname, False
    if u.kind == "ORG" and not u.canonical and u.key[0] == "N" and len(u.orgs) == 1:
        tokens = u.orgs[0].tokens
        if len(tokens) == 1 and len(tokens[0]) > 2:
            return tokens[0], True
    return "", False


def _attach_short_orgs(part: Partition, decisions: list[Decision]) -> None:
    """A name of two words or more that ends the head phrase of exactly one longer
    organisation name joins it ("National Coalition" -> "Syrian National Coalition for
    ..."; "Security Council" -> "UN Security Council"). Within a document this already
    happened for single words too; across the corpus one word is too little evidence."""
    units = part.units
    by_ending: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for i, u in enumerate(units):
        if u.kind != "ORG":
            continue
        for o in u.orgs:
            top = len(o.head) if len(o.tokens) > len(o.head) else len(o.head) - 1
            for n in range(2, top + 1):
                by_ending[o.head[-n:]].add(i)
    for i, u in enumerate(units):
        if u.kind != "ORG" or u.canonical or u.anchor or u.pin or len(u.orgs) != 1:
            continue
        tokens = u.orgs[0].tokens
        if len(tokens) < 2 or tokens not in by_ending:
            continue
        own = part.find(i)
        roots = {part.find(j) for j in by_ending[tokens]} - {own}
        roots = {r for r in roots if all(part.allowed(u, units[m]) for m in part.members[r])}
        if len(roots) == 1:
            (root,) = roots
            part.union(root, i)
            decisions.append(Decision(i, root, 0.9, merged=True))
        elif roots:
            share = round(1.0 / len(roots), 3)
            decisions += [Decision(i, r, share, merged=False) for r in sorted(roots)]


def _attach_acronyms(
    part: Partition, spelled: dict[str, set[str]], decisions: list[Decision]
) -> None:
    """An acronym joins the one organisation the corpus spells it out as, or whose
    initials it is."""
    units = part.units
    by_initials: dict[str, set[int]] = defaultdict(set)
    by_name: dict[str, set[int]] = defaultdict(set)
    for i, u in enumerate(units):
        if u.kind == "PERSON" or u.key[0] == "A":
            continue
        for o in u.orgs:
            if len(o.tokens) > 1:
                by_initials[o.initials].add(i)
        for name in u.names:
            by_name[name].add(i)
    for i, u in enumerate(units):
        if u.key[0] != "A" or u.anchor or u.pin:
            continue
        letters = u.key[1]
        found = set(by_initials.get(letters, ()))
        for name in spelled.get(letters, ()):
            found |= by_name.get(name, set())
        roots = sorted({part.find(j) for j in found if part.allowed(u, units[j])})
        if len(roots) == 1:
            u.kind = units[roots[0]].kind
            part.union(roots[0], i)
        elif roots:
            share = round(1.0 / len(roots), 3)
            decisions += [Decision(i, r, share, merged=False) for r in roots]
