"""The extractor's word lists: relation triggers, titles, cues, name particles.

The packaged JSON files in ``data/`` are the defaults. A user lexicon folder may hold files
with the same names; their lists are added to the packaged ones (a key holding a mapping,
such as a relation's verbs, is merged key by key), so a user extends the vocabulary
without copying it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from graphbuild.errors import InputError
from graphbuild.records import RELATIONS, RelationName

FILES = ("relations.json", "cues.json", "titles.json", "names.json")

Frames = Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class Lexicon:
    """Every word list the rules consult, as frozen sets and read-only maps."""

    verbs: Mapping[RelationName, Frames]
    nouns: Mapping[RelationName, Frames]
    adjectives: Mapping[RelationName, Frames]
    words: Mapping[str, frozenset[str]]

    if TYPE_CHECKING:
        # The word lists are set per file key in __post_init__; this tells type checkers.
        def __getattr__(self, name: str) -> frozenset[str]: ...

    def __post_init__(self) -> None:
        # Cues and titles as plain attributes (lexicon.negation, lexicon.titles ...): the
        # rules read them for every token, so no per-access lookup.
        for name, value in self.words.items():
            object.__setattr__(self, name, value)

    def verb_relations(self, lemma: str) -> tuple[tuple[RelationName, frozenset[str]], ...]:
        return tuple((rel, self.verbs[rel][lemma]) for rel in RELATIONS if lemma in self.verbs[rel])

    def noun_relations(self, lemma: str) -> tuple[tuple[RelationName, frozenset[str]], ...]:
        return tuple((rel, self.nouns[rel][lemma]) for rel in RELATIONS if lemma in self.nouns[rel])

    def adjective_relations(self, lemma: str) -> tuple[tuple[RelationName, frozenset[str]], ...]:
        return tuple(
            (rel, self.adjectives[rel][lemma]) for rel in RELATIONS if lemma in self.adjectives[rel]
        )


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


def _packaged(name: str) -> dict[str, Any]:
    text = resources.files("graphbuild.extract").joinpath("data", name).read_text("utf-8")
    return json.loads(text)


def _user(folder: Path, name: str) -> dict[str, Any] | None:
    path = Path(folder) / name
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read lexicon file ({exc.strerror}).") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: lexicon file is not valid JSON ({exc}).") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: a lexicon file must hold a JSON object, like the packaged one.")
    _check_shape(path, name, data, _packaged(name))
    return data


PARTS = ("verbs", "nouns", "adjectives")


def _check_shape(path: Path, name: str, data: dict[str, Any], packaged: dict[str, Any]) -> None:
    """A user file must use the packaged file's keys and shapes: ``relations.json`` maps
    a relation to {verbs|nouns|adjectives: {word: [frame, ...]}}; the other files map a
    list name to a list of words. Keys starting with ``_`` are comments.

    Raises:
        InputError: naming the file and the first unknown key or wrongly shaped value.
    """
    for key, value in data.items():
        if key.startswith("_"):
            continue
        if key not in packaged:
            raise InputError(f"{path}: unknown key {key!r}.{_known(key, packaged)}")
        if name != "relations.json":
            if not _words(value):
                raise InputError(
                    f"{path}: {key!r} must be a list of words, like "
                    f'"{key}": ["{next(iter(packaged[key]), "word")}"].'
                )
            continue
        if not isinstance(value, dict):
            raise InputError(
                f'{path}: {key!r} must be an object such as {{"verbs": {{"meet": ["dobj"]}}}}.'
            )
        for part, table in value.items():
            if part.startswith("_"):
                continue
            if part not in PARTS:
                raise InputError(
                    f"{path}: unknown key {key}.{part!r}.{_known(part, dict.fromkeys(PARTS))}"
                )
            if not isinstance(table, dict) or not all(_words(v) for v in table.values()):
                raise InputError(
                    f"{path}: {key}.{part} must map each word to a list of frames, like "
                    f'{{"meet": ["dobj", "with"]}}.'
                )


def _words(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _known(key: str, packaged: Mapping[str, Any]) -> str:
    import difflib

    names = [k for k in packaged if not k.startswith("_")]
    close = difflib.get_close_matches(key, names, n=1)
    if close:
        return f" Did you mean {close[0]!r}?"
    return f" Known keys: {', '.join(names[:12])}{', ...' if len(names) > 12 else ''}."


def _frames(table: Mapping[str, Any]) -> Frames:
    return MappingProxyType({str(k).lower(): frozenset(v) for k, v in table.items()})


@cache
def load_lexicon(folder: Path | None = None) -> Lexicon:
    """The packaged lexicon, extended by the files of ``folder`` if given. Cached per folder.

    Raises:
        InputError: ``folder`` is not a directory, or one of its files is not valid JSON.
    """
    if folder is not None and not Path(folder).is_dir():
        raise InputError(f"{folder}: lexicon must be a folder holding any of {', '.join(FILES)}.")
    data: dict[str, Any] = {}
    for name in FILES:
        merged = _packaged(name)
        extra = _user(folder, name) if folder is not None else None
        if extra is not None:
            merged = _merge(merged, extra)
        data[name] = merged
    relations = data["relations.json"]
    words: dict[str, frozenset[str]] = {}
    for name in ("cues.json", "titles.json", "names.json"):
        for key, value in data[name].items():
            if isinstance(value, list):
                words[key] = frozenset(str(v).lower() for v in value)
    return Lexicon(
        verbs=MappingProxyType(
            {rel: _frames(relations.get(rel, {}).get("verbs", {})) for rel in RELATIONS}
        ),
        nouns=MappingProxyType(
            {rel: _frames(relations.get(rel, {}).get("nouns", {})) for rel in RELATIONS}
        ),
        adjectives=MappingProxyType(
            {rel: _frames(relations.get(rel, {}).get("adjectives", {})) for rel in RELATIONS}
        ),
        words=MappingProxyType(words),
    )
