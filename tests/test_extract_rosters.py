"""A gathering's participants across sentences: each named participant meets the others.

The texts are written for these tests; each construction has a text where it must fire and
one where it must not.
"""

from __future__ import annotations

import pytest

from tests.test_extract_rules import norm, triples

FIRES = [
    # (construction, text, triples that must all be produced)
    (
        "those who sat across the table are parties the host meets",
        "Emir Tamim hosted the talks in Doha. Fouad Siniora sat across the table from Nabih "
        "Berri on Friday.",
        [
            ("met-with", "Tamim", "Fouad Siniora"),
            ("met-with", "Tamim", "Nabih Berri"),
        ],
    ),
    (
        "host meets guests listed in the next sentence",
        "Chancellor Olaf Scholz, who hosted the summit together with Charles Michel, "
        "said the talks had been frank.\n\nGuests included Kenyan President William Ruto "
        "and Nigerian President Bola Tinubu.",
        [
            ("met-with", "Olaf Scholz", "William Ruto"),
            ("met-with", "Charles Michel", "Bola Tinubu"),
        ],
    ),
    (
        "the host meets a party named in another sentence",
        "Ghana's President John Mahama hosted the talks in Abuja on Monday. Senegal's "
        "President Macky Sall also took part in the talks, officials said.",
        [
            ("met-with", "John Mahama", "Macky Sall"),
        ],
    ),
    (
        "a speaker who told the conference is a participant",
        "Antonio Guterres opened the conference in Geneva. Later, Josep Borrell told "
        "the conference that aid must reach civilians.",
        [
            ("met-with", "Antonio Guterres", "Josep Borrell"),
        ],
    ),
    (
        "signatories meet the mediators of the talks",
        "The accord was signed by Riek Machar and Salva Kiir after weeks of "
        "negotiations mediated by Yoweri Museveni. The talks, which opened on May 2, "
        "were held in Addis Ababa.",
        [
            ("met-with", "Riek Machar", "Yoweri Museveni"),
            ("met-with", "Salva Kiir", "Yoweri Museveni"),
        ],
    ),
    (
        "both delegations are the sides named with between",
        "The talks between Armenia and Azerbaijan resumed in Geneva. Later, Josep "
        "Borrell met both delegations separately.",
        [
            ("met-with", "Josep Borrell", "Armenia"),
            ("met-with", "Josep Borrell", "Azerbaijan"),
        ],
    ),
    (
        "those who also took part meet the chair",
        "The leaders met at the bloc's annual summit, chaired by King Abdullah. Kenyan "
        "President William Ruto and Ghana's President Nana Akufo-Addo also took part.",
        [
            ("met-with", "Abdullah", "William Ruto"),
        ],
    ),
    (
        "a state represented by its minister sends a party",
        "The summit was chaired by King Abdullah. Oman was represented by its foreign "
        "minister, Badr Albusaidi.",
        [
            ("met-with", "Abdullah", "Badr Albusaidi"),
        ],
    ),
]

QUIET = [
    # (construction, text, triples none of which may be produced)
    (
        "two parties may sit on one side",
        "Ghana's President John Mahama attended the talks in Abuja on Monday. Senegal's "
        "President Macky Sall also took part in the talks, officials said.",
        [
            ("met-with", "John Mahama", "Macky Sall"),
        ],
    ),
    (
        "a news conference is no gathering",
        "Antonio Guterres opened the conference in Geneva. Later, Josep Borrell told a "
        "news conference in Brussels that aid must reach civilians.",
        [
            ("met-with", "Antonio Guterres", "Josep Borrell"),
        ],
    ),
    (
        "a gathering dated apart is another event",
        "Ghana's President John Mahama hosted the talks in Abuja on Monday. Macky Sall "
        "had attended the talks of last year in Dakar.",
        [
            ("met-with", "John Mahama", "Macky Sall"),
        ],
    ),
    (
        "a negated participation enrols no one",
        "Ghana's President John Mahama hosted the talks in Abuja on Monday. Senegal's "
        "President Macky Sall did not take part in the talks.",
        [
            ("met-with", "John Mahama", "Macky Sall"),
        ],
    ),
    (
        "a previous round is another event",
        "Emmanuel Macron hosted the summit in Paris. Recep Tayyip Erdogan had attended "
        "the previous summit in Moscow.",
        [
            ("met-with", "Emmanuel Macron", "Recep Tayyip Erdogan"),
        ],
    ),
    (
        "a meeting convened by another is another event",
        "The accord was signed by Riek Machar and Salva Kiir at the talks. The 2015 "
        "text had been drafted at a meeting convened by Yoweri Museveni.",
        [
            ("met-with", "Riek Machar", "Yoweri Museveni"),
        ],
    ),
    (
        "both sides are not any pair named before",
        "Avigdor Lieberman and Naftali Bennett criticised the truce. Later, Josep "
        "Borrell met both sides separately.",
        [
            ("met-with", "Josep Borrell", "Avigdor Lieberman"),
        ],
    ),
    (
        "an observer is no party",
        "The summit was chaired by King Abdullah. US envoy Mike Hammer attended as an observer.",
        [
            ("met-with", "Abdullah", "Mike Hammer"),
        ],
    ),
]


@pytest.mark.parametrize("construction,text,expected", FIRES, ids=[c[0] for c in FIRES])
def test_roster_fires(nlp, construction, text, expected):
    found = triples(nlp, text)
    for triple in expected:
        assert norm(*triple) in found


@pytest.mark.parametrize("construction,text,unexpected", QUIET, ids=[c[0] for c in QUIET])
def test_roster_stays_quiet(nlp, construction, text, unexpected):
    found = triples(nlp, text)
    for triple in unexpected:
        assert norm(*triple) not in found
