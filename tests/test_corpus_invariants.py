"""Invariants over the actors extracted from the whole accuracy corpus (seeds, dev, test):
no person's name starts with a title, honorific or office word, no actor's name starts
with an honorific, and no person is named by a state, capital or organisation the
gazetteer knows."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.config import Settings
from graphbuild.extract.lexicon import load_lexicon
from graphbuild.gazetteer import organisation_for, state_for
from graphbuild.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SPLITS = [ROOT / "seeds", ROOT / "bench" / "gold" / "dev", ROOT / "bench" / "gold" / "test"]
HONORIFICS = {"mr", "mrs", "ms", "messrs", "dr", "sir", "dame", "lord", "lady"}


@pytest.fixture(scope="module")
def corpus_actors():
    actors = []
    for folder in SPLITS:
        actors += build([str(folder)], Settings.resolve()).resolution.actors
    return actors


def _first_word(name: str) -> str:
    return name.split()[0].lower().strip(".,")


@pytest.mark.slow
def test_no_person_name_starts_with_a_title_or_office(corpus_actors):
    lex = load_lexicon()
    words = set(lex.titles) | set(lex.offices)
    bad = [a.name for a in corpus_actors if a.kind == "PERSON" and _first_word(a.name) in words]
    assert not bad


@pytest.mark.slow
def test_no_actor_name_starts_with_an_honorific(corpus_actors):
    bad = [a.name for a in corpus_actors if _first_word(a.name) in HONORIFICS]
    assert not bad


@pytest.mark.slow
def test_no_person_is_a_state_capital_or_organisation(corpus_actors):
    bad = [
        a.name
        for a in corpus_actors
        if a.kind == "PERSON" and (state_for(a.name) or organisation_for(a.name))
    ]
    assert not bad
