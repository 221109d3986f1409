"""Placeholder resolver (exact names); the real one replaces this module."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from types import MappingProxyType

from graphbuild.actorfile import ActorFile
from graphbuild.records import Actor, Mention, Resolution


def resolve(
    mentions: Iterable[Mention], *, known: Sequence[Actor] = (), actors: ActorFile = ActorFile()
) -> Resolution:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.name].append(m)
    out, index = [], {}
    for name in sorted(groups):
        ms = groups[name]
        kind = Counter(m.kind for m in ms).most_common(1)[0][0]
        actor_id = hashlib.sha1(f"{kind}:{name}".encode()).hexdigest()[:16]
        forms = sorted({f for m in ms for f in (m.name, *m.forms)})
        out.append(Actor(actor_id, name, kind, tuple(forms), sum(m.count for m in ms)))
        for m in ms:
            index[(m.doc, m.name)] = actor_id
    return Resolution(tuple(out), MappingProxyType(index))
