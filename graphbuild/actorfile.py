"""The user's actor file: canonical names, kinds, aliases, and pairs to keep apart.

Shared by the extractor (its names feed an entity ruler) and the resolver (aliases are
must-links, ``cannot_link`` pairs override every score). JSON, in either form::

    {"actors": [{"name": "Sergei Lavrov", "kind": "PERSON", "aliases": ["Sergey Lavrov"]}],
     "cannot_link": [["Bashar al-Assad", "Hafez al-Assad"]]}

    {"Sergei Lavrov": {"kind": "PERSON", "forms": ["Sergey Lavrov"], "metonyms": []}}

The second is the gold ``actors.json`` layout, so an annotated set can be used as is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from graphbuild.errors import InputError
from graphbuild.records import KINDS, Kind


@dataclass(frozen=True)
class ActorEntry:
    name: str
    kind: Kind
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorFile:
    entries: tuple[ActorEntry, ...] = ()
    cannot_link: tuple[tuple[str, str], ...] = ()

    def names(self) -> dict[str, ActorEntry]:
        """Every name and alias -> its entry (the first entry wins on a clash)."""
        table: dict[str, ActorEntry] = {}
        for entry in self.entries:
            for form in (entry.name, *entry.aliases):
                table.setdefault(form, entry)
        return table


def read_actor_file(path: Path | None) -> ActorFile:
    """Parse an actor file; ``None`` gives an empty one.

    Raises:
        InputError: the file is missing, not JSON, or an entry is malformed.
    """
    if path is None:
        return ActorFile()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read actor file ({exc.strerror}).") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: actor file is not valid JSON ({exc}).") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: actor file must be a JSON object.")
    if "actors" in data or "cannot_link" in data:
        raw = [(item.get("name"), item) for item in data.get("actors", [])]
        cannot = data.get("cannot_link", [])
    else:
        raw = [(name, item) for name, item in data.items()]
        cannot = []
    entries = []
    for name, item in raw:
        kind = str(item.get("kind", "")).upper() if isinstance(item, dict) else ""
        if not name or kind not in KINDS:
            raise InputError(
                f"{path}: actor {name!r} needs a name and a kind among {', '.join(KINDS)}."
            )
        aliases = [*item.get("aliases", []), *item.get("forms", []), *item.get("metonyms", [])]
        entries.append(
            ActorEntry(name, kind, tuple(dict.fromkeys(a for a in aliases if a != name)))
        )
    pairs = []
    for pair in cannot:
        if not (isinstance(pair, list | tuple) and len(pair) == 2):
            raise InputError(f"{path}: cannot_link entries are pairs of names, got {pair!r}.")
        pairs.append((str(pair[0]), str(pair[1])))
    return ActorFile(tuple(entries), tuple(pairs))
