"""A gathering's participants across sentences: each named participant meets the others.

The texts are written for these tests; each construction has a text where it must fire and
one where it must not.
"""

from __future__ import annotations

from tests.test_extract_rules import norm, triples


def test_host_meets_guests_listed_in_the_next_sentence(nlp):
    found = triples(
        nlp,
        "Chancellor Olaf Scholz, who hosted the summit together with Charles Michel, said the "
        "talks had been frank.\n\nGuests included Kenyan President William Ruto and Nigerian "
        "President Bola Tinubu.",
    )
    assert norm("met-with", "Olaf Scholz", "William Ruto") in found
    assert norm("met-with", "Charles Michel", "Bola Tinubu") in found


def test_the_host_meets_a_party_named_in_another_sentence(nlp):
    found = triples(
        nlp,
        "Ghana's President John Mahama hosted the talks in Abuja on Monday. Senegal's "
        "President Macky Sall also took part in the talks, officials said.",
    )
    assert norm("met-with", "John Mahama", "Macky Sall") in found


def test_two_parties_may_sit_on_one_side(nlp):
    found = triples(
        nlp,
        "Ghana's President John Mahama attended the talks in Abuja on Monday. Senegal's "
        "President Macky Sall also took part in the talks, officials said.",
    )
    assert norm("met-with", "John Mahama", "Macky Sall") not in found


def test_a_speaker_who_told_the_conference_is_a_participant(nlp):
    found = triples(
        nlp,
        "Antonio Guterres opened the conference in Geneva. Later, Josep Borrell told the "
        "conference that aid must reach civilians.",
    )
    assert norm("met-with", "Antonio Guterres", "Josep Borrell") in found


def test_a_news_conference_is_no_gathering(nlp):
    found = triples(
        nlp,
        "Antonio Guterres opened the conference in Geneva. Later, Josep Borrell told a news "
        "conference in Brussels that aid must reach civilians.",
    )
    assert norm("met-with", "Antonio Guterres", "Josep Borrell") not in found


def test_a_gathering_dated_apart_is_another_event(nlp):
    found = triples(
        nlp,
        "Ghana's President John Mahama hosted the talks in Abuja on Monday. Macky Sall had "
        "attended the talks of last year in Dakar.",
    )
    assert norm("met-with", "John Mahama", "Macky Sall") not in found


def test_a_negated_participation_enrols_no_one(nlp):
    found = triples(
        nlp,
        "Ghana's President John Mahama hosted the talks in Abuja on Monday. Senegal's "
        "President Macky Sall did not take part in the talks.",
    )
    assert norm("met-with", "John Mahama", "Macky Sall") not in found


def test_a_previous_round_is_another_event(nlp):
    found = triples(
        nlp,
        "Emmanuel Macron hosted the summit in Paris. Recep Tayyip Erdogan had attended the "
        "previous summit in Moscow.",
    )
    assert norm("met-with", "Emmanuel Macron", "Recep Tayyip Erdogan") not in found


def test_signatories_meet_the_mediators_of_the_talks(nlp):
    found = triples(
        nlp,
        "The accord was signed by Riek Machar and Salva Kiir after weeks of negotiations "
        "mediated by Yoweri Museveni. The talks, which opened on May 2, were held in Addis "
        "Ababa.",
    )
    assert norm("met-with", "Riek Machar", "Yoweri Museveni") in found
    assert norm("met-with", "Salva Kiir", "Yoweri Museveni") in found


def test_a_meeting_convened_by_another_is_another_event(nlp):
    found = triples(
        nlp,
        "The accord was signed by Riek Machar and Salva Kiir at the talks. The 2015 text had "
        "been drafted at a meeting convened by Yoweri Museveni.",
    )
    assert norm("met-with", "Riek Machar", "Yoweri Museveni") not in found


def test_both_delegations_are_the_sides_named_with_between(nlp):
    found = triples(
        nlp,
        "The talks between Armenia and Azerbaijan resumed in Geneva. Later, Josep Borrell met "
        "both delegations separately.",
    )
    assert norm("met-with", "Josep Borrell", "Armenia") in found
    assert norm("met-with", "Josep Borrell", "Azerbaijan") in found


def test_both_sides_are_not_any_pair_named_before(nlp):
    found = triples(
        nlp,
        "Avigdor Lieberman and Naftali Bennett criticised the truce. Later, Josep Borrell met "
        "both sides separately.",
    )
    assert norm("met-with", "Josep Borrell", "Avigdor Lieberman") not in found


def test_those_who_also_took_part_meet_the_chair(nlp):
    found = triples(
        nlp,
        "The leaders met at the bloc's annual summit, chaired by King Abdullah. Kenyan "
        "President William Ruto and Ghana's President Nana Akufo-Addo also took part.",
    )
    assert norm("met-with", "Abdullah", "William Ruto") in found


def test_a_state_represented_by_its_minister_sends_a_party(nlp):
    found = triples(
        nlp,
        "The summit was chaired by King Abdullah. Oman was represented by its foreign "
        "minister, Badr Albusaidi.",
    )
    assert norm("met-with", "Abdullah", "Badr Albusaidi") in found


def test_an_observer_is_no_party(nlp):
    found = triples(
        nlp,
        "The summit was chaired by King Abdullah. US envoy Mike Hammer attended as an "
        "observer.",
    )
    assert norm("met-with", "Abdullah", "Mike Hammer") not in found
