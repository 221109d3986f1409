"""States and well-known organisations of the world, with the other names they go by.

Read by the extractor (a capital, seat of government or demonym used as an actor gives
its state) and by the resolver (acronyms and aliases of one actor). The data are the
package files ``data/states.json``, ``data/historical_states.json`` and
``data/organisations.json``; loading is lazy and cached, so importing this module costs
nothing. A historical state (the Soviet Union, Yugoslavia) is a state of its own, never
one of its successors; a demonym several states share ("Congolese") names its default
state here, and the extractor lets the document's own states decide.

Matching is case-insensitive, except for short all-capital forms ("US", "IS", "UN"),
which must match exactly so that the pronoun "us" or the verb "is" never name an actor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Field = Literal["name", "alias", "capital", "demonym", "seat"]


@dataclass(frozen=True)
class State:
    """A state and the names that stand for it."""

    name: str
    aliases: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()  # for a state that no longer exists


@dataclass(frozen=True)
class Organisation:
    """A well-known organisation and its acronyms or other names."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class StateMatch:
    """Which state a text names, and how (by name, alias, capital, demonym or seat)."""

    state: str
    field: Field


def _read(name: str) -> dict:
    return json.loads(resources.files("graphbuild").joinpath("data", name).read_text("utf-8"))


@cache
def states() -> tuple[State, ...]:
    """Every state in the packaged gazetteer, in file order, the historical ones last.
    Pure and cached."""
    rows = _read("states.json")["states"] + _read("historical_states.json")["states"]
    return tuple(
        State(
            name=row["name"],
            aliases=tuple(row.get("aliases", ())),
            capitals=tuple(row.get("capitals", ())),
            demonyms=tuple(row.get("demonyms", ())),
            seats=tuple(row.get("seats", ())),
            successors=tuple(row.get("successors", ())),
        )
        for row in rows
    )


@cache
def _shared_demonyms() -> dict[str, tuple[str, ...]]:
    table = _read("states.json").get("shared_demonyms", {})
    return {form.casefold(): tuple(names) for form, names in table.items()}


def demonym_states(text: str) -> tuple[str, ...]:
    """Every state a demonym may stand for, the default first: ``demonym_states(
    "Congolese")`` -> the DR Congo, the Republic of the Congo. Pure."""
    match = state_match(text)
    if match is None or match.field != "demonym":
        return ()
    shared = _shared_demonyms().get(normalise(text).casefold(), ())
    return (match.state, *(s for s in shared if s != match.state))


@cache
def organisations() -> tuple[Organisation, ...]:
    """Every organisation in the packaged gazetteer, in file order. Pure and cached."""
    return tuple(
        Organisation(name=row["name"], aliases=tuple(row.get("aliases", ())))
        for row in _read("organisations.json")["organisations"]
    )


def normalise(text: str) -> str:
    """The lookup form of a name: no leading article, no possessive, single spaces."""
    text = " ".join(text.replace("\u2019", "'").split())
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("'"):
        text = text[:-1]
    if text[:4].lower() == "the ":
        text = text[4:]
    return text.strip(" .,;:-")


def _exact_only(form: str) -> bool:
    # "US", "IS", "UN", "SAR": all capitals and short; lower-case twins are common words.
    return len(form) <= 4 and form.replace(".", "").isupper()


def _key(form: str) -> str:
    form = normalise(form)
    return form if _exact_only(form) else form.casefold()


def _keys(text: str) -> tuple[str, ...]:
    form = normalise(text)
    return (form, form.casefold())


@cache
def _state_table() -> dict[str, StateMatch]:
    table: dict[str, StateMatch] = {}
    # Later fields never override earlier ones: a name beats a demonym with the same text.
    for field_name, attr in (
        ("name", "name"),
        ("alias", "aliases"),
        ("seat", "seats"),
        ("capital", "capitals"),
        ("demonym", "demonyms"),
    ):
        for state in states():
            forms = (state.name,) if attr == "name" else getattr(state, attr)
            for form in forms:
                table.setdefault(_key(form), StateMatch(state.name, field_name))
    return table


@cache
def _organisation_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for org in organisations():
        for form in (org.name, *org.aliases):
            table.setdefault(_key(form), org.name)
    return table


def state_match(text: str) -> StateMatch | None:
    """The state ``text`` names and by which field, or None. Pure."""
    table = _state_table()
    for key in _keys(text):
        if key in table:
            return table[key]
    return None


def state_for(text: str) -> str | None:
    """The canonical state a name, alias, capital, seat or demonym stands for, or None.

    ``state_for("the Kremlin") == "Russia"``; ``state_for("Turkish") == "Turkey"``. Pure.
    """
    match = state_match(text)
    return match.state if match else None


def organisation_for(text: str) -> str | None:
    """The canonical name of a well-known organisation named by ``text``, or None. Pure."""
    table = _organisation_table()
    for key in _keys(text):
        if key in table:
            return table[key]
    return None
