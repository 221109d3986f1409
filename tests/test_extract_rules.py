"""Relation rules on sentences written for these tests (none come from the seed articles).

Each pattern has a triple that must be produced and one that must not.
"""

from __future__ import annotations

import pytest

from graphbuild.extract import extract
from graphbuild.records import SYMMETRIC, Document


def triples(nlp, text: str) -> set[tuple[str, str, str]]:
    (extraction,) = list(extract([Document("t.txt", "t.txt", text)], nlp))
    out = set()
    for claim in extraction.claims:
        left, right = claim.source, claim.target
        if claim.relation in SYMMETRIC and right < left:
            left, right = right, left
        out.add((claim.relation, left, right))
    return out


def claims(nlp, text: str):
    (extraction,) = list(extract([Document("t.txt", "t.txt", text)], nlp))
    return extraction


def norm(relation: str, source: str, target: str) -> tuple[str, str, str]:
    if relation in SYMMETRIC and target < source:
        source, target = target, source
    return (relation, source, target)


CASES = [
    # (pattern, text, must produce, must not produce)
    (
        "verb met + place",
        "Chancellor Olaf Scholz met Emmanuel Macron in Berlin on Monday.",
        ("met-with", "Olaf Scholz", "Emmanuel Macron"),
        ("met-with", "Olaf Scholz", "Germany"),
    ),
    (
        "X and Y will meet",
        "Japanese Prime Minister Fumio Kishida and Joe Biden will meet in Tokyo next week.",
        ("met-with", "Fumio Kishida", "Joe Biden"),
        ("met-with", "Joe Biden", "Japan"),
    ),
    (
        "held talks with",
        "Narendra Modi held talks with Xi Jinping about the border.",
        ("met-with", "Narendra Modi", "Xi Jinping"),
        ("opposes", "Narendra Modi", "Xi Jinping"),
    ),
    (
        "visited a person",
        "Antony Blinken visited Benjamin Netanyahu on Sunday.",
        ("met-with", "Antony Blinken", "Benjamin Netanyahu"),
        ("allied-to", "Antony Blinken", "Benjamin Netanyahu"),
    ),
    (
        "talks between",
        "The talks between Iran and Saudi Arabia resumed in Baghdad.",
        ("met-with", "Iran", "Saudi Arabia"),
        ("met-with", "Iran", "Iraq"),
    ),
    (
        "urged during talks",
        "Olaf Scholz urged Li Qiang to open the markets during talks in Beijing.",
        ("met-with", "Olaf Scholz", "Li Qiang"),
        ("met-with", "Olaf Scholz", "China"),
    ),
    (
        "after talks with counterpart",
        "Annalena Baerbock spoke to reporters after talks with her Brazilian counterpart "
        "Mauro Vieira.",
        ("met-with", "Annalena Baerbock", "Mauro Vieira"),
        ("opposes", "Annalena Baerbock", "Mauro Vieira"),
    ),
    (
        "multi-party gathering",
        "Emmanuel Macron, Olaf Scholz and Giorgia Meloni gathered with Joe Biden and "
        "Justin Trudeau in Rome.",
        ("met-with", "Giorgia Meloni", "Justin Trudeau"),
        ("met-with", "Giorgia Meloni", "Italy"),
    ),
    (
        "a longtime ally of",
        "Belarus, a longtime ally of Russia, hosted the military drills.",
        ("allied-to", "Belarus", "Russia"),
        ("opposes", "Belarus", "Russia"),
    ),
    (
        "one of the main allies of",
        "Hungary has been one of the main allies of Serbia for years.",
        ("allied-to", "Hungary", "Serbia"),
        ("met-with", "Hungary", "Serbia"),
    ),
    (
        "crucial supports to, capitals as actors",
        "Havana and Caracas are crucial supports to Nicaragua's government.",
        ("allied-to", "Cuba", "Nicaragua"),
        ("allied-to", "Cuba", "Venezuela"),
    ),
    (
        "close ties to",
        "Qatar, the only Gulf state with close ties to Hamas, hosted the negotiators.",
        ("allied-to", "Qatar", "Hamas"),
        ("opposes", "Qatar", "Hamas"),
    ),
    (
        "X-backed",
        "Iranian-backed Hezbollah attacked Israel on Sunday.",
        ("allied-to", "Iran", "Hezbollah"),
        ("allied-to", "Iran", "Israel"),
    ),
    (
        "coordinated with",
        "Jordan coordinated with Egypt on the aid convoys.",
        ("allied-to", "Egypt", "Jordan"),
        ("opposes", "Jordan", "Egypt"),
    ),
    (
        "is against",
        "Poland and Lithuania are against the Belarusian regime.",
        ("opposes", "Lithuania", "Belarus"),
        ("opposes", "Poland", "Lithuania"),
    ),
    (
        "criticised",
        "Amnesty International criticised Egypt over the arrests.",
        ("opposes", "Amnesty International", "Egypt"),
        ("opposes", "Egypt", "Amnesty International"),
    ),
    (
        "passive by-agent",
        "Myanmar has been condemned by the European Union for the crackdown.",
        ("opposes", "European Union", "Myanmar"),
        ("opposes", "Myanmar", "European Union"),
    ),
    (
        "demanded departure",
        "Juan Guaido demanded Nicolas Maduro's departure.",
        ("opposes", "Juan Guaido", "Nicolas Maduro"),
        ("opposes", "Nicolas Maduro", "Juan Guaido"),
    ),
    (
        "called for the departure of",
        "Juan Guaido called for the departure of Nicolas Maduro.",
        ("opposes", "Juan Guaido", "Nicolas Maduro"),
        ("allied-to", "Juan Guaido", "Nicolas Maduro"),
    ),
    (
        "refused to go to the capital of",
        "Nikol Pashinyan refused to go to Azerbaijan's capital.",
        ("opposes", "Nikol Pashinyan", "Azerbaijan"),
        ("met-with", "Nikol Pashinyan", "Azerbaijan"),
    ),
    (
        "airstrikes on a named actor",
        "Saudi Arabia said its airstrikes on the Houthis would continue.",
        ("opposes", "Saudi Arabia", "Houthis"),
        ("opposes", "Houthis", "Saudi Arabia"),
    ),
    (
        "demanded that",
        "The European Union demanded that Serbia withdraw its troops.",
        ("opposes", "European Union", "Serbia"),
        ("opposes", "Serbia", "European Union"),
    ),
    (
        "threatened to cut ties with",
        "Algeria threatened to cut diplomatic ties with Morocco.",
        ("opposes", "Algeria", "Morocco"),
        ("allied-to", "Algeria", "Morocco"),
    ),
    (
        "a demand to cut ties: the one asked would act",
        "Norway rejected Sweden's demand to cut ties with Denmark.",
        ("opposes", "Norway", "Sweden"),
        ("opposes", "Sweden", "Denmark"),
    ),
    (
        "a plan to cut ties: its owner acts",
        "Sweden announced a plan to sever relations with Denmark.",
        ("opposes", "Sweden", "Denmark"),
        ("allied-to", "Sweden", "Denmark"),
    ),
    (
        "suspended part of its aid: the verb reaches past the partitive",
        "Finland suspended part of its development aid to Mali.",
        ("opposes", "Finland", "Mali"),
        ("allied-to", "Finland", "Mali"),
    ),
    (
        "greeted by (passive meeting)",
        "Gustavo Petro was greeted by Luiz Inacio Lula da Silva at the airport.",
        ("met-with", "Gustavo Petro", "Luiz Inacio Lula da Silva"),
        ("allied-to", "Gustavo Petro", "Luiz Inacio Lula da Silva"),
    ),
    (
        "blocked the bid of",
        "Austria blocked Romania's bid to join the Schengen Area.",
        ("opposes", "Austria", "Romania"),
        ("opposes", "Romania", "Austria"),
    ),
    (
        "hit the targets of",
        "Turkey hit PKK targets in northern Iraq overnight.",
        ("opposes", "Turkey", "Kurdistan Workers' Party"),
        ("opposes", "Turkey", "Iraq"),
    ),
    (
        "attacked a state's troops",
        "Ukraine attacked Russian troops near the river.",
        ("opposes", "Ukraine", "Russia"),
        ("opposes", "Russia", "Ukraine"),
    ),
    (
        "accused of arming (passive): the accused acts",
        "Eritrea was accused of arming al-Shabaab.",
        ("allied-to", "Eritrea", "Al-Shabaab"),
        ("opposes", "Eritrea", "Al-Shabaab"),
    ),
    (
        "an acronym of an organisation named in the text beats the gazetteer",
        "The Rapid Support Forces seized the airport. Egypt condemned the RSF on Monday.",
        ("opposes", "Egypt", "Rapid Support Forces"),
        ("opposes", "Egypt", "Reporters Without Borders"),
    ),
    (
        "spoke by telephone with",
        "Later, Orban spoke by telephone with Slovak Prime Minister Robert Fico.",
        ("met-with", "Orban", "Robert Fico"),
        ("opposes", "Orban", "Robert Fico"),
    ),
    (
        "a country in a dateline is no actor",
        "KAMPALA, Uganda — Kenyan President William Ruto traveled to Kampala on Monday for "
        "talks with Ugandan President Yoweri Museveni.",
        ("met-with", "William Ruto", "Yoweri Museveni"),
        ("met-with", "Uganda", "Yoweri Museveni"),
    ),
    (
        "talks mediated by: the mediator meets each side",
        "Armenia and Azerbaijan began talks in Washington on Friday, mediated by the "
        "United States.",
        ("met-with", "United States", "Armenia"),
        ("allied-to", "United States", "Armenia"),
    ),
    (
        "talks not hosted by",
        "Serbia and Kosovo held talks, which were not hosted by Russia.",
        ("met-with", "Serbia", "Kosovo"),
        ("met-with", "Russia", "Serbia"),
    ),
    (
        "envoys of two states",
        "Envoys of Eritrea and Djibouti began talks in Doha on Friday.",
        ("met-with", "Eritrea", "Djibouti"),
        ("met-with", "Eritrea", "Qatar"),
    ),
    (
        "a wire agency in a dateline is no actor",
        "LONDON, May 2 (Reuters) - Britain's foreign secretary criticised Iran on Tuesday.",
        ("opposes", "United Kingdom", "Iran"),
        ("opposes", "Reuters", "Iran"),
    ),
    (
        "a state the model labels as something else",
        "European Union foreign ministers condemned Belarus on Monday.",
        ("opposes", "European Union", "Belarus"),
        ("allied-to", "European Union", "Belarus"),
    ),
    (
        "two sides that clash oppose each other",
        "Guyana and Venezuela clashed over the Essequibo region.",
        ("opposes", "Venezuela", "Guyana"),
        ("allied-to", "Venezuela", "Guyana"),
    ),
    (
        "called off talks with",
        "Colombia called off peace talks with Venezuela on Friday.",
        ("opposes", "Colombia", "Venezuela"),
        ("met-with", "Colombia", "Venezuela"),
    ),
    (
        "the leaders of three states",
        "The leaders of Colombia, Argentina and Peru met Joe Biden.",
        ("met-with", "Peru", "Joe Biden"),
        ("met-with", "Colombia", "Peru"),
    ),
    (
        "a plural relative clause on the last of two subjects",
        "Saudi Arabia and the United Arab Emirates, which have pledged aid to Sudan, met on "
        "Monday.",
        ("allied-to", "Saudi Arabia", "Sudan"),
        ("opposes", "Saudi Arabia", "Sudan"),
    ),
    (
        "suspended a state",
        "The African Union suspended Niger after the coup.",
        ("opposes", "African Union", "Niger"),
        ("allied-to", "African Union", "Niger"),
    ),
    (
        "an acronym defined in parentheses is an actor wherever it appears",
        "The National Liberation Army (ELN) attacked a pipeline. ELN rebels later ambushed "
        "Colombian soldiers.",
        ("opposes", "National Liberation Army", "Colombia"),
        ("opposes", "Colombia", "National Liberation Army"),
    ),
    (
        "fighting where a summit is held is no meeting",
        "The summit opened in Kenya, where Somalia has fought al-Shabaab for years.",
        ("opposes", "Somalia", "Al-Shabaab"),
        ("met-with", "Somalia", "Al-Shabaab"),
    ),
    (
        "the two leaders: the pair that met before",
        "Eritrean President Isaias Afwerki met Ethiopian Prime Minister Abiy Ahmed in Asmara. "
        "The two leaders signed a peace agreement.",
        ("allied-to", "Isaias Afwerki", "Abiy Ahmed"),
        ("allied-to", "Isaias Afwerki", "Eritrea"),
    ),
    (
        "both countries: the coordinated pair before",
        "Egypt and Sudan have close ties. Ethiopia criticised both countries on Monday.",
        ("opposes", "Ethiopia", "Sudan"),
        ("opposes", "Sudan", "Ethiopia"),
    ),
    (
        "a mediator is neither side of a dispute between two",
        "Ghana mediated in a border dispute between Togo and Benin.",
        ("opposes", "Togo", "Benin"),
        ("opposes", "Ghana", "Togo"),
    ),
    (
        "rounds of talks: the measure is transparent",
        "Saudi Arabia and Iran held three rounds of talks in Baghdad.",
        ("met-with", "Saudi Arabia", "Iran"),
        ("allied-to", "Saudi Arabia", "Iran"),
    ),
    (
        "hosts of talks between the two sides are not the sides",
        "Eritrea and Djibouti held talks in Doha. Qatar and Kuwait, which had hosted "
        "earlier rounds of talks between the two sides, praised the agreement.",
        ("met-with", "Eritrea", "Djibouti"),
        ("met-with", "Qatar", "Kuwait"),
    ),
    (
        "the Belarusian leader: the one person of that state, whatever the title",
        "Belarusian President Alexander Lukashenko spoke on Monday. The Belarusian leader "
        "later met Vladimir Putin in Minsk.",
        ("met-with", "Alexander Lukashenko", "Vladimir Putin"),
        ("met-with", "Belarus", "Vladimir Putin"),
    ),
    (
        "granted two states a status",
        "European Union leaders granted Ukraine and Moldova the status of candidates.",
        ("allied-to", "European Union", "Moldova"),
        ("opposes", "European Union", "Moldova"),
    ),
    (
        "they: the listed subjects before",
        "Spanish Prime Minister Pedro Sanchez, French President Emmanuel Macron and Italian "
        "Prime Minister Mario Draghi travelled to Kyiv last week. During their visit they met "
        "Volodymyr Zelensky.",
        ("met-with", "Mario Draghi", "Volodymyr Zelensky"),
        ("allied-to", "Mario Draghi", "Emmanuel Macron"),
    ),
    (
        "the bloc: the organisation last named",
        "Josep Borrell met Sviatlana Tsikhanouskaya and promised that the European Union would "
        "continue to support her. The bloc also condemned Belarus.",
        ("opposes", "European Union", "Belarus"),
        ("allied-to", "European Union", "Josep Borrell"),
    ),
    (
        "an object pronoun takes the object before",
        "Josep Borrell met Sviatlana Tsikhanouskaya and promised that the European Union would "
        "continue to support her.",
        ("allied-to", "European Union", "Sviatlana Tsikhanouskaya"),
        ("allied-to", "European Union", "Josep Borrell"),
    ),
    (
        "X is Y's main ally",
        "Tajikistan is Uzbekistan's main military ally.",
        ("allied-to", "Tajikistan", "Uzbekistan"),
        ("opposes", "Tajikistan", "Uzbekistan"),
    ),
    (
        "X is Y's main rival",
        "Fatah is Hamas's main rival.",
        ("opposes", "Fatah", "Hamas"),
        ("allied-to", "Fatah", "Hamas"),
    ),
    (
        "in a call with",
        "In a call with Mike Pompeo, Saad Hariri discussed sanctions.",
        ("met-with", "Saad Hariri", "Mike Pompeo"),
        ("opposes", "Saad Hariri", "Mike Pompeo"),
    ),
    (
        "backs a state's territorial integrity",
        "The European Union backs Moldova's territorial integrity.",
        ("allied-to", "European Union", "Moldova"),
        ("opposes", "European Union", "Moldova"),
    ),
    (
        "the closest nationality on a government names its state",
        "Mevlut Cavusoglu accused the Greek Cypriot government of provocation.",
        ("opposes", "Mevlut Cavusoglu", "Cyprus"),
        ("opposes", "Mevlut Cavusoglu", "Greece"),
    ),
    (
        "discuss the dispute with Y: a talk with Y, not a dispute",
        "Federica Mogherini is due to discuss the dispute with Mevlut Cavusoglu on Monday.",
        ("met-with", "Federica Mogherini", "Mevlut Cavusoglu"),
        ("opposes", "Federica Mogherini", "Mevlut Cavusoglu"),
    ),
    (
        "refused permission to visit",
        "Christine Schraner Burgener met ASEAN ministers in Jakarta but was refused "
        "permission to visit Myanmar.",
        ("met-with", "Christine Schraner Burgener", "ASEAN"),
        ("met-with", "Christine Schraner Burgener", "Myanmar"),
    ),
    (
        "talks with diplomats from states",
        "Abbas Araqchi held talks with diplomats from Britain, France and Germany in Vienna.",
        ("met-with", "Abbas Araqchi", "Germany"),
        ("opposes", "Abbas Araqchi", "Germany"),
    ),
    (
        "an X-linked group in apposition",
        "Al-Shabaab, the al Qaeda-linked group, attacked Kenya.",
        ("allied-to", "al-Qaeda", "Al-Shabaab"),
        ("opposes", "al-Qaeda", "Kenya"),
    ),
    (
        "a state's media speak for it",
        "North Korea's state media denounced Japan on Monday.",
        ("opposes", "North Korea", "Japan"),
        ("opposes", "Japan", "North Korea"),
    ),
    (
        "recognised a leader",
        "The United States recognised Juan Guaido as interim president.",
        ("allied-to", "United States", "Juan Guaido"),
        ("opposes", "United States", "Juan Guaido"),
    ),
    (
        "suspended part of an aid programme",
        "Japan suspended part of its military aid program for Kenya.",
        ("opposes", "Japan", "Kenya"),
        ("allied-to", "Japan", "Kenya"),
    ),
    (
        "an aid programme for Y",
        "Japan launched a new aid program for Kenya.",
        ("allied-to", "Japan", "Kenya"),
        ("opposes", "Japan", "Kenya"),
    ),
    (
        "vetoed a resolution the parser splits at its participle",
        "India on Wednesday vetoed a Security Council resolution censuring as a breach of "
        "international law its border operation.",
        ("opposes", "India", "UN Security Council"),
        ("allied-to", "India", "UN Security Council"),
    ),
    (
        "the two men met",
        "Donald Trump and Kim Jong Un arrived in Hanoi on Tuesday. The two men met for dinner.",
        ("met-with", "Donald Trump", "Kim Jong Un"),
        ("allied-to", "Donald Trump", "Kim Jong Un"),
    ),
    (
        "called Y's proposals unacceptable",
        "Aleksandar Vucic called Albin Kurti's proposals unacceptable.",
        ("opposes", "Aleksandar Vucic", "Albin Kurti"),
        ("opposes", "Albin Kurti", "Aleksandar Vucic"),
    ),
    (
        "warned that a Y intervention would be a disaster",
        "Sergei Lavrov warned that any U.S. military intervention in Venezuela would be a "
        "disaster.",
        ("opposes", "Sergei Lavrov", "United States"),
        ("opposes", "Sergei Lavrov", "Venezuela"),
    ),
    (
        "calling it a violation: not the state named before it",
        "Greece condemned Turkey's plan to drill off Cyprus, calling it a violation of the "
        "island's rights.",
        ("opposes", "Greece", "Turkey"),
        ("opposes", "Greece", "Cyprus"),
    ),
    (
        "rejected the proposal of",
        "Ethiopia rejected Egypt's proposal on the dam.",
        ("opposes", "Ethiopia", "Egypt"),
        ("opposes", "Egypt", "Ethiopia"),
    ),
    (
        "joint agreement",
        "Kenya and Uganda signed a defence agreement on Tuesday.",
        ("allied-to", "Kenya", "Uganda"),
        ("met-with", "Kenya", "Uganda"),
    ),
    (
        "aid to",
        "Norway sent humanitarian aid to Sudan last month.",
        ("allied-to", "Norway", "Sudan"),
        ("opposes", "Norway", "Sudan"),
    ),
    (
        "at odds with",
        "Greece has long been at odds with Turkey over maritime borders.",
        ("opposes", "Greece", "Turkey"),
        ("allied-to", "Greece", "Turkey"),
    ),
    (
        "hosted talks between",
        "Emmanuel Macron will host talks between Fayez al-Serraj and Khalifa Haftar.",
        ("met-with", "Emmanuel Macron", "Khalifa Haftar"),
        ("opposes", "Emmanuel Macron", "Khalifa Haftar"),
    ),
    (
        "said Y must",
        "Canada said Iran must release the detained journalists.",
        ("opposes", "Canada", "Iran"),
        ("opposes", "Iran", "Canada"),
    ),
    (
        "would not recognise",
        "Nicolas Maduro won. Ivan Duque said Bogota would not recognise the Maduro government.",
        ("opposes", "Colombia", "Nicolas Maduro"),
        ("allied-to", "Colombia", "Nicolas Maduro"),
    ),
    (
        "supplied the army with weapons",
        "Spain supplied the Ukrainian army with weapons.",
        ("allied-to", "Spain", "Ukraine"),
        ("opposes", "Spain", "Ukraine"),
    ),
    (
        "pro- and anti- prefixes",
        "The pro-Iranian Hezbollah movement and the anti-American Taliban issued statements.",
        ("allied-to", "Iran", "Hezbollah"),
        ("allied-to", "Taliban", "United States"),
    ),
    (
        "thank for support",
        "Volodymyr Zelensky travelled to Washington to thank Joe Biden for his support.",
        ("allied-to", "Joe Biden", "Volodymyr Zelensky"),
        ("opposes", "Volodymyr Zelensky", "Joe Biden"),
    ),
]


@pytest.mark.parametrize(
    ("pattern", "text", "wanted", "unwanted"), CASES, ids=[c[0] for c in CASES]
)
def test_pattern(nlp, pattern, text, wanted, unwanted):
    found = triples(nlp, text)
    assert norm(*wanted) in found, f"{pattern}: {found}"
    assert norm(*unwanted) not in found, f"{pattern}: {found}"


NEGATIVES = [
    ("negated meeting", "Kim Jong Un will not meet Yoon Suk Yeol this year."),
    ("reported negated meeting", "Nicolas Maduro said he would not meet Juan Guaido."),
    ("refused call", "China has refused to call on Vladimir Putin to withdraw."),
    ("speaker and topic", "Maria Ivanova said the new sanctions were unfair to Iran."),
    ("actor and place", "Emmanuel Macron spoke in Geneva and Paris on Friday."),
    ("actor and unnamed group", "Ursula von der Leyen met opposition leaders and rebels."),
    ("refusal to judge", "Ban Ki-moon refused to judge Turkey's action."),
    ("cancelled meeting", "A planned meeting between Joe Biden and Xi Jinping was cancelled."),
    ("past negation is no refusal", "Joe Biden did not meet Egyptian officials on the trip."),
    ("an appeal is not a relation", "Jens Stoltenberg urged Germany to support Ukraine."),
    ("troops sent to a place", "Norway sent two ships to Sudan last month."),
    ("talks about a place", "Joe Biden spoke about Sudan and Chad in a speech."),
    ("an actor blocks a road", "Hungary blocked the road to the airport for a day."),
    ("a storm is no actor", "A tropical storm hit Cuba and Haiti on Monday."),
    ("a praised meeting is no opposition", "Olaf Scholz called the talks with Paris constructive."),
    ("a judgement not made", "Viktor Orban did not call the Russian invasion illegal."),
    (
        "one actor named twice is no meeting",
        "The United Nations peacekeeping force in Lebanon, UNIFIL, said its commander was in "
        "contact with both sides.",
    ),
    (
        "criticising a measure against Y is not opposing Y",
        "Viktor Orban criticised the sanctions against Russia.",
    ),
    ("criticising a deal is no alliance", "Oman and Iraq criticised the deal on Monday."),
    ("a person's envoy is not the person", "Ivan Duque will meet Juan Guaido's envoy in Bogota."),
    (
        "a plural office is not the one named holder",
        "The opposition leader, Leopoldo Lopez, arrived on Monday. The two leaders condemned Cuba.",
    ),
]


@pytest.mark.parametrize(("pattern", "text"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_no_triple(nlp, pattern, text):
    assert triples(nlp, text) == set(), pattern


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Gustavo Petro met Xi Jinping in Bogota.", "asserted"),
        ("Gustavo Petro will meet Xi Jinping in Bogota.", "planned"),
        ("Emmanuel Macron is expected to meet Olaf Scholz in Paris.", "planned"),
        ("Joe Biden expects to meet Emmanuel Macron in Paris.", "planned"),
        ("State media reported that Gustavo Petro met Xi Jinping in Bogota.", "reported"),
        ("Eritrea was accused of arming al-Shabaab.", "reported"),
    ],
)
def test_modality(nlp, text, modality):
    extraction = claims(nlp, text)
    assert [c.modality for c in extraction.claims] == [modality]


def test_claim_evidence_and_rule(nlp):
    text = "It rained. Narendra Modi met Joe Biden on Friday."
    extraction = claims(nlp, text)
    (claim,) = extraction.claims
    assert text[claim.start : claim.end] == claim.sentence
    assert claim.sentence.startswith("Narendra Modi met")
    assert claim.rule == "verb-object"
    names = {m.name for m in extraction.mentions}
    assert {claim.source, claim.target} <= names


# General constructions added for the generalisation check: for each, a sentence that must
# give the triple and a near variant that must not.
MORE_CASES = [
    # (pattern, text, must produce, variant text, must not produce from the variant)
    (
        "the leaders of X are X",
        "Norway held talks with leaders of Chile's government on Monday.",
        ("met-with", "Norway", "Chile"),
        "Norway held talks with the leaders of the rebels on Monday.",
        ("met-with", "Norway", "Chile"),
    ),
    (
        "members from X are X",
        "Activists from Amnesty International staged a protest against Hungary.",
        ("opposes", "Amnesty International", "Hungary"),
        "Activists from Austria staged a protest against Hungary.",
        ("opposes", "Austria", "Hungary"),
    ),
    (
        "a statement condemning Y is its issuer's",
        "Amnesty International issued a statement condemning Belarus.",
        ("opposes", "Amnesty International", "Belarus"),
        "Amnesty International said a statement condemning Belarus was read out.",
        ("opposes", "Amnesty International", "Belarus"),
    ),
    (
        "refused to allow Y to V",
        "Venezuela refused to allow Colombian planes to land.",
        ("opposes", "Venezuela", "Colombia"),
        "Venezuela agreed to allow Colombian planes to land.",
        ("opposes", "Venezuela", "Colombia"),
    ),
    (
        "protest against an act by Y",
        "Mexico lodged a protest against the new tariffs imposed by Canada.",
        ("opposes", "Mexico", "Canada"),
        "Mexico lodged a protest against the new tariffs on Canada's rivals.",
        ("allied-to", "Mexico", "Canada"),
    ),
    (
        "opposed to Y's act, parsed as a passive",
        "Chile is opposed to Peru's proposal.",
        ("opposes", "Chile", "Peru"),
        "Chile is not opposed to Peru's proposal.",
        ("opposes", "Chile", "Peru"),
    ),
    (
        "subject misparsed as a reduced relative",
        "The Red Cross operating in Haiti said French forces must restore order.",
        ("opposes", "International Committee of the Red Cross", "France"),
        "The Red Cross operating in Haiti said the roads must reopen.",
        ("opposes", "International Committee of the Red Cross", "Haiti"),
    ),
    (
        "object shifted after 'as ...'",
        "Finland on Monday denounced as a grave violation Russia's annexation of the islands.",
        ("opposes", "Finland", "Russia"),
        "Finland on Monday denounced as a grave violation the annexation of the islands.",
        ("opposes", "Finland", "Russia"),
    ),
    (
        "threat conditioned on Y",
        "Norway threatened to cut its aid if Sudan expels the monitors.",
        ("opposes", "Norway", "Sudan"),
        "Norway promised to raise its aid if Sudan holds elections.",
        ("opposes", "Norway", "Sudan"),
    ),
    (
        "shared intelligence with Y",
        "Japan shared intelligence with Australia about the missile tests.",
        ("allied-to", "Japan", "Australia"),
        "Chile shares a long border with Argentina.",
        ("allied-to", "Chile", "Argentina"),
    ),
    (
        "suspension of ties with Y",
        "Italy announced the suspension of ties with Belarus.",
        ("opposes", "Italy", "Belarus"),
        "Italy announced the restoration of ties with Belarus.",
        ("opposes", "Italy", "Belarus"),
    ),
    (
        "closed its border with Y",
        "Poland closed its border with Belarus on Friday.",
        ("opposes", "Poland", "Belarus"),
        "Poland reopened its border with Belarus on Friday.",
        ("opposes", "Poland", "Belarus"),
    ),
    (
        "nationality on military hardware",
        "Russian helicopters attacked Ukrainian forces near the river.",
        ("opposes", "Russia", "Ukraine"),
        "Unmarked helicopters attacked Ukrainian forces near the river.",
        ("opposes", "Russia", "Ukraine"),
    ),
    (
        "owner on the modifier of a modifier",
        "The US drone strikes killed Taliban commanders.",
        ("opposes", "United States", "Taliban"),
        "The night strikes killed Taliban commanders.",
        ("opposes", "United States", "Taliban"),
    ),
    (
        "refused to respond to Y's demand",
        "Ghana refused to respond to Togo's demand for compensation.",
        ("opposes", "Ghana", "Togo"),
        "Ghana agreed to respond to Togo's demand for compensation.",
        ("opposes", "Ghana", "Togo"),
    ),
    (
        "coordinated nationalities own the troops",
        "Amnesty International said American and British troops must leave the base.",
        ("opposes", "Amnesty International", "United Kingdom"),
        "Amnesty International said the troops must leave the base.",
        ("opposes", "Amnesty International", "United Kingdom"),
    ),
    (
        "coordinated nationalities on a plural office",
        "American and Chinese negotiators met in Geneva on Monday.",
        ("met-with", "United States", "China"),
        "Chinese negotiators met American scholars in Geneva on Monday.",
        ("met-with", "United States", "China"),
    ),
    (
        "rejected Y's mediation",
        "Chile rejected Peru's mediation in the dispute.",
        ("opposes", "Chile", "Peru"),
        "Chile rejected the mediation in the dispute.",
        ("opposes", "Chile", "Peru"),
    ),
]


@pytest.mark.parametrize(
    ("pattern", "text", "wanted", "variant", "unwanted"),
    MORE_CASES,
    ids=[c[0] for c in MORE_CASES],
)
def test_general_construction(nlp, pattern, text, wanted, variant, unwanted):
    assert norm(*wanted) in triples(nlp, text), pattern
    assert norm(*unwanted) not in triples(nlp, variant), pattern


# A visit to a capital or a country is a meeting with that state; a place where something
# happens is not. (pattern, text, triple, modality)
VISITS = [
    (
        "will visit a capital",
        "Gabriel Boric will visit Lima on Saturday for talks.",
        ("met-with", "Gabriel Boric", "Peru"),
        "planned",
    ),
    (
        "arrived in a capital",
        "Gabriel Boric arrived in Canberra on an unannounced visit.",
        ("met-with", "Gabriel Boric", "Australia"),
        "asserted",
    ),
    (
        "travelled to a capital",
        "Gabriel Boric travelled to Ottawa on Monday.",
        ("met-with", "Gabriel Boric", "Canada"),
        "asserted",
    ),
    (
        "paid a visit to a capital",
        "Gabriel Boric paid a visit to Ottawa last week.",
        ("met-with", "Gabriel Boric", "Canada"),
        "asserted",
    ),
    (
        "made a trip to a country",
        "Gabriel Boric made a trip to Argentina in May.",
        ("met-with", "Gabriel Boric", "Argentina"),
        "asserted",
    ),
    (
        "is due to visit",
        "Gabriel Boric is due to visit Canberra in March.",
        ("met-with", "Gabriel Boric", "Australia"),
        "planned",
    ),
]


@pytest.mark.parametrize(
    ("pattern", "text", "wanted", "modality"), VISITS, ids=[v[0] for v in VISITS]
)
def test_visit_destination(nlp, pattern, text, wanted, modality):
    extraction = claims(nlp, text)
    found = [c for c in extraction.claims if norm(c.relation, c.source, c.target) == norm(*wanted)]
    assert found, f"{pattern}: {extraction.claims}"
    assert {c.rule for c in found} == {"visit-destination"}, pattern
    assert {c.modality for c in found} == {modality}, pattern


VISIT_NEGATIVES = [
    # (pattern, text, triple that must not be produced)
    (
        "met in a capital",
        "Gabriel Boric met Anthony Albanese in Canberra.",
        ("met-with", "Gabriel Boric", "Australia"),
    ),
    (
        "held talks in a capital",
        "Gabriel Boric held talks in Canberra on Monday.",
        ("met-with", "Gabriel Boric", "Australia"),
    ),
    (
        "returned to his own capital",
        "Chilean President Gabriel Boric returned to Santiago on Friday.",
        ("met-with", "Gabriel Boric", "Chile"),
    ),
    (
        "flew back to his own capital",
        "Chilean President Gabriel Boric flew back to Santiago on Friday.",
        ("met-with", "Gabriel Boric", "Chile"),
    ),
    (
        "a city that is not a capital",
        "Gabriel Boric travelled to Cusco on Monday.",
        ("met-with", "Gabriel Boric", "Peru"),
    ),
    (
        "troops are not visitors",
        "Chilean troops arrived in Lima on Monday.",
        ("met-with", "Chile", "Peru"),
    ),
    (
        "will not go is a refusal",
        "Gabriel Boric will not go to Lima next month.",
        ("met-with", "Gabriel Boric", "Peru"),
    ),
]


@pytest.mark.parametrize(
    ("pattern", "text", "unwanted"), VISIT_NEGATIVES, ids=[v[0] for v in VISIT_NEGATIVES]
)
def test_no_visit_destination(nlp, pattern, text, unwanted):
    found = triples(nlp, text)
    assert norm(*unwanted) not in found, f"{pattern}: {found}"
    assert not any(c.rule == "visit-destination" for c in claims(nlp, text).claims), pattern


def test_refusal_to_go_is_still_opposition(nlp):
    found = triples(nlp, "Gabriel Boric will not go to Lima next month.")
    assert ("opposes", "Gabriel Boric", "Peru") in found


TIE_AND_THREAT_CASES = [
    # (pattern, text, must produce, variant text, must not produce from the variant)
    (
        "a threatened act inside a state is aimed at it",
        "Boko Haram threatened to launch attacks in Cameroon.",
        ("opposes", "Boko Haram", "Cameroon"),
        "Boko Haram threatened to launch attacks in Yaounde.",
        ("opposes", "Boko Haram", "Cameroon"),
    ),
    (
        "cancelling a visit ends the tie",
        "Chile cancelled its planned visit to Peru.",
        ("opposes", "Chile", "Peru"),
        "Chile did not cancel its planned visit to Peru.",
        ("opposes", "Chile", "Peru"),
    ),
    (
        "rejecting talks ends the tie",
        "Colombia rejected talks with Venezuela.",
        ("opposes", "Colombia", "Venezuela"),
        "Colombia never rejected talks with Venezuela.",
        ("opposes", "Colombia", "Venezuela"),
    ),
    (
        "postponing a meeting does not end the tie",
        "Ecuador boycotted the summit with Bolivia.",
        ("opposes", "Ecuador", "Bolivia"),
        "Ecuador postponed its meeting with Bolivia.",
        ("opposes", "Ecuador", "Bolivia"),
    ),
    (
        "a passive subject holds a dispute it is drawn into, not one it is praised during",
        "Norway was drawn into a bitter dispute with Sweden.",
        ("opposes", "Norway", "Sweden"),
        "Norway was praised during the dispute with Sweden.",
        ("opposes", "Norway", "Sweden"),
    ),
    (
        "workers of an organisation are the organisation",
        "Belarus harassed workers of Amnesty International.",
        ("opposes", "Belarus", "Amnesty International"),
        "Belarus harassed workers from Poland.",
        ("opposes", "Belarus", "Poland"),
    ),
    (
        "an agreement between X and Y with no third party",
        "An agreement between Chile and Peru was signed on Monday.",
        ("allied-to", "Chile", "Peru"),
        "No agreement between Chile and Peru was reached.",
        ("allied-to", "Chile", "Peru"),
    ),
    (
        "a rivalry between X and Y",
        "The rivalry between Chile and Peru deepened.",
        ("opposes", "Peru", "Chile"),
        "The rivalry between Chile and Peru ended.",
        ("opposes", "Peru", "Chile"),
    ),
    (
        "X's support for Y as a subject",
        "Chile's support for Peru was praised.",
        ("allied-to", "Chile", "Peru"),
        "Chile's support for Peru was withdrawn.",
        ("allied-to", "Chile", "Peru"),
    ),
    (
        "solidarity with Y",
        "Chile expressed solidarity with Peru.",
        ("allied-to", "Chile", "Peru"),
        "Chile expressed no solidarity with Peru.",
        ("allied-to", "Chile", "Peru"),
    ),
    (
        "teamed up with Y",
        "Chile teamed up with Peru.",
        ("allied-to", "Chile", "Peru"),
        "Chile will not team up with Peru.",
        ("allied-to", "Chile", "Peru"),
    ),
    (
        "struck a deal with Y",
        "Chile struck a deal with Peru.",
        ("allied-to", "Chile", "Peru"),
        "Chile struck no deal with Peru.",
        ("allied-to", "Chile", "Peru"),
    ),
    (
        "spurned Y's offer",
        "Chile spurned Peru's offer.",
        ("opposes", "Chile", "Peru"),
        "Chile will not spurn Peru's offer.",
        ("opposes", "Chile", "Peru"),
    ),
    (
        "lifting a hostile measure is not opposition",
        "Chile imposed sanctions on Peru.",
        ("opposes", "Chile", "Peru"),
        "Chile lifted sanctions on Peru.",
        ("opposes", "Chile", "Peru"),
    ),
    (
        "an active relative clause on the subject",
        "Chile, which has long backed Peru, sent aid.",
        ("allied-to", "Chile", "Peru"),
        "Chile, which has never backed Peru, sent aid.",
        ("allied-to", "Chile", "Peru"),
    ),
    (
        "an abbreviated state name standing alone",
        "Israel shared intelligence with the U.S. on Monday.",
        ("allied-to", "Israel", "United States"),
        "Israel shared a border with the U.S. on Monday.",
        ("allied-to", "Israel", "United States"),
    ),
    (
        "extradited a suspect to Y",
        "Chile extradited the suspect to Peru on Monday.",
        ("allied-to", "Chile", "Peru"),
        "Chile did not extradite the suspect to Peru.",
        ("allied-to", "Chile", "Peru"),
    ),
    (
        "the partner of a meeting verb hangs on its object",
        "Gabriel Boric negotiated a ceasefire with Dina Boluarte.",
        ("met-with", "Gabriel Boric", "Dina Boluarte"),
        "Gabriel Boric discussed Peru's border dispute with Bolivia.",
        ("met-with", "Gabriel Boric", "Bolivia"),
    ),
]


def test_passive_relative_clause_keeps_its_direction(nlp):
    found = triples(nlp, "Chile, which was long backed by Peru, sent aid.")
    assert ("allied-to", "Chile", "Peru") in found  # symmetric: Peru backs Chile
    assert not any(
        c.rule == "verb-object" for c in claims(nlp, "Chile, backed by Peru, sent aid.").claims
    )


@pytest.mark.parametrize(
    ("pattern", "text", "wanted", "variant", "unwanted"),
    TIE_AND_THREAT_CASES,
    ids=[c[0] for c in TIE_AND_THREAT_CASES],
)
def test_tie_and_threat_construction(nlp, pattern, text, wanted, variant, unwanted):
    assert norm(*wanted) in triples(nlp, text), pattern
    assert norm(*unwanted) not in triples(nlp, variant), pattern


def test_relations_between_two_sides_are_not_an_alliance(nlp):
    found = triples(nlp, "Relations between Chile and Peru have deteriorated.")
    assert ("allied-to", "Chile", "Peru") not in found


def test_single_line_breaks_after_a_headline_and_a_date_end_sentences(nlp):
    text = (
        "Kenya strikes al-Shabaab camps after border raid\n"
        "Updated September 2, 2019\n"
        "NAIROBI, Sept 2 (Reuters) - Kenya struck al-Shabaab positions in Somalia on Sunday "
        "after the group attacked a police post near the border.\n"
        "Eritrea has supplied al-Shabaab with rockets for years.\n"
    )
    extraction = claims(nlp, text)
    sentences = {c.sentence for c in extraction.claims if c.rule != "verb-owned-object"}
    found = {(c.relation, c.source, c.target) for c in extraction.claims}
    assert ("allied-to", "Eritrea", "Al-Shabaab") in found, found
    body = [c for c in extraction.claims if c.sentence.startswith("Kenya struck")]
    assert body and all("\n" not in c.sentence for c in extraction.claims), sentences
    assert all(not c.sentence.startswith("NAIROBI") for c in extraction.claims)
