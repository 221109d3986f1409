"""The general mechanisms added for unseen news, on sentences written for these tests.

Each mechanism has a sentence where it must fire and one where it must not.
"""

from __future__ import annotations

import pytest

from tests.test_extract_rules import norm, triples

FIRES = [
    # (mechanism, text, triple that must be produced)
    (
        "a possessive in the clause itself looks back",
        "Hosni Mubarak spoke on Friday. The United States and France demanded his "
        "resignation.",
        ("opposes", "United States", "Hosni Mubarak"),
    ),
    (
        "a backer hyphenated before a list backs every item",
        "Iran-backed Hezbollah and Hamas attacked Israel.",
        ("allied-to", "Iran", "Hamas"),
    ),
    (
        "a country visited with no other purpose is met",
        "Benigno Aquino flew to Japan in August.",
        ("met-with", "Benigno Aquino", "Japan"),
    ),
    (
        "an uprising led by X is X's",
        "The uprising against Aristide's government, led by Guy Philippe, began in Gonaives.",
        ("opposes", "Guy Philippe", "Aristide"),
    ),
    (
        "those who fought each other",
        "Hezbollah and Amal have fought each other for years.",
        ("opposes", "Amal", "Hezbollah"),
    ),
    (
        "sitting across the table from an actor is meeting it",
        "Fouad Siniora sat across the table from Nabih Berri on Friday.",
        ("met-with", "Fouad Siniora", "Nabih Berri"),
    ),
    (
        "whoever brokered a deal between two sides met each",
        "Amr Moussa brokered a deal between Israel and Hezbollah in Beirut.",
        ("met-with", "Amr Moussa", "Hezbollah"),
    ),
    (
        "a meal with an actor is a meeting",
        "Tony Blair had dinner with Bertie Ahern on Friday.",
        ("met-with", "Tony Blair", "Bertie Ahern"),
    ),
    (
        "'they' after 'the three countries said' are the three",
        "Russia, Iran and Turkey met in Astana. In a statement, the three countries said they "
        "would fight jointly against Islamic State.",
        ("opposes", "Iran", "Islamic State"),
    ),
    (
        "a truce brokered by two actors is their coordinated action",
        "The truce brokered by Qatar and Egypt took effect on Friday.",
        ("allied-to", "Qatar", "Egypt"),
    ),
    (
        "co-signatories at one place signed together",
        "Eritrea and Ethiopia signed the accord at a ceremony in Jeddah on Sunday.",
        ("met-with", "Eritrea", "Ethiopia"),
    ),
    (
        "whoever mediated rounds of talks between two sides met each",
        "Martti Ahtisaari, who mediated five rounds of talks between Kosovo and Serbia, "
        "signed as a witness.",
        ("met-with", "Martti Ahtisaari", "Serbia"),
    ),
    (
        "fighting side by side is coordinated action",
        "Kenyan and Somali troops fought side by side against al-Shabaab.",
        ("allied-to", "Kenya", "Somalia"),
    ),
    (
        "'the four countries' are the last four states listed, however chained",
        "Saudi Arabia, the UAE, Bahrain and Egypt cut flights to Doha in June. Later that "
        "month the four countries handed Qatar a list of 13 demands.",
        ("opposes", "Egypt", "Qatar"),
    ),
    (
        "an act in support of an actor backs it",
        "French jets struck the rebels in support of Malian troops.",
        ("allied-to", "France", "Mali"),
    ),
    (
        "congratulating an actor backs it",
        "Zarif congratulated Qatar on its resistance.",
        ("allied-to", "Zarif", "Qatar"),
    ),
    (
        "capturing a place from an actor opposes it",
        "Hezbollah captured the village from the Israeli army on Tuesday.",
        ("opposes", "Hezbollah", "Israel"),
    ),
    (
        "an evaluation's own modifier: 'a declaration of war'",
        "Nouri al-Maliki called Barzani's vote a declaration of war.",
        ("opposes", "Nouri al-Maliki", "Barzani"),
    ),
    (
        "an office is the one holder named so far",
        "Saudi Crown Prince Mohammed bin Salman greeted the guests. The crown prince later "
        "welcomed Jared Kushner. Bahrain's Crown Prince Salman bin Hamad arrived later.",
        ("met-with", "Mohammed bin Salman", "Jared Kushner"),
    ),
    (
        "the object of 'prompted Y to' does the act",
        "The invasion prompted Japan to impose sanctions on Russia.",
        ("opposes", "Japan", "Russia"),
    ),
    (
        "an office with the holder's own descriptor is the holder",
        "Opposition leader Juan Guaido swore himself in. Evo Morales voiced solidarity with "
        "the opposition leader.",
        ("allied-to", "Evo Morales", "Juan Guaido"),
    ),
    (
        "listed subjects that are allies are each other's",
        "Kenya and Uganda are close allies.",
        ("allied-to", "Kenya", "Uganda"),
    ),
    (
        "co-sponsors are coordinated",
        "Kenya and Uganda are co-sponsors of the resolution.",
        ("allied-to", "Kenya", "Uganda"),
    ),
    (
        "the members of an alliance are each other's allies",
        "An alliance of Kenya, Uganda and Ethiopia launched the offensive.",
        ("allied-to", "Ethiopia", "Kenya"),
    ),
    (
        "working with an actor is cooperation",
        "Kenya pledged to work with the African Union to deliver aid.",
        ("allied-to", "Kenya", "African Union"),
    ),
    (
        "a speaker denying an actor any future role opposes it",
        '"Riek Machar has no future role in this country," Salva Kiir said.',
        ("opposes", "Salva Kiir", "Riek Machar"),
    ),
    (
        "a speaker calling an actor a traitor opposes it",
        "Salva Kiir said Riek Machar was a traitor.",
        ("opposes", "Salva Kiir", "Riek Machar"),
    ),
    (
        "a quoted rejection of an actor's conditions is the speaker's",
        '"We reject the conditions set by Riek Machar," Salva Kiir said on Monday.',
        ("opposes", "Salva Kiir", "Riek Machar"),
    ),
    (
        "regarding an actor as a threat is opposition",
        "Rwanda regards the FDLR as a threat to its security.",
        ("opposes", "Rwanda", "FDLR"),
    ),
    (
        "considering someone the rightful leader is backing",
        "Kenya considers Juan Guaido the rightful president.",
        ("allied-to", "Kenya", "Juan Guaido"),
    ),
    (
        "a plan to meet called off is a refusal",
        "Kenya called off plans to meet Uganda.",
        ("opposes", "Kenya", "Uganda"),
    ),
    (
        "the second side of 'between' hung on the noun after 'and'",
        "Fighting between troops loyal to Salva Kiir and forces loyal to Riek Machar erupted.",
        ("opposes", "Riek Machar", "Salva Kiir"),
    ),
    (
        "'the three leaders' are the three people just named, however listed",
        "Emmanuel Macron met Pedro Sanchez in Madrid, where they were joined by Chancellor "
        "Olaf Scholz. The three leaders issued a joint statement on trade.",
        ("allied-to", "Olaf Scholz", "Pedro Sanchez"),
    ),
    (
        "'they' after a meeting are those who met",
        "Macron met Pedro Sanchez and Olaf Scholz on Sunday. They were hosted by Charles Michel.",
        ("met-with", "Charles Michel", "Olaf Scholz"),
    ),
    (
        "whoever fights alongside the subject fights its enemy too",
        "Chad has been fighting Boko Haram alongside Nigerien troops since 2015.",
        ("opposes", "Niger", "Boko Haram"),
    ),
    (
        "a joint undertaking of listed subjects is coordinated action",
        "Kenya and Uganda agreed to launch joint patrols along the border.",
        ("allied-to", "Kenya", "Uganda"),
    ),
    (
        "a gerund conflict noun: fighting between",
        "Fighting between Kampala's forces and al-Shabaab resumed in May.",
        ("opposes", "Al-Shabaab", "Uganda"),
    ),
    (
        "an insurgency against X is fighting both ways",
        "Al-Shabaab waged an insurgency against Kenya for a decade.",
        ("opposes", "Kenya", "Al-Shabaab"),
    ),
    (
        "a military target's nationality is its state",
        "Greek warships fired at Turkish coastal defences overnight.",
        ("opposes", "Greece", "Turkey"),
    ),
    (
        "conflict noun: between",
        "Clashes between the Chadian army and the Union of Forces for Change broke out at dawn.",
        ("opposes", "Union of Forces for Change", "Chad"),
    ),
    (
        "conflict noun: holder and partner (both directions)",
        "Eritrea's war with Ethiopia left tens of thousands dead.",
        ("opposes", "Ethiopia", "Eritrea"),
    ),
    (
        "conflict noun: two actors as modifiers",
        "The Iran-Iraq war lasted eight years.",
        ("opposes", "Iraq", "Iran"),
    ),
    (
        "truce with a partner: the truce parties fought",
        "Hezbollah agreed to a truce with Israel after weeks of fighting.",
        ("opposes", "Israel", "Hezbollah"),
    ),
    (
        "fighting verbs are mutual",
        "The Taliban fought Pakistan in the border districts for a decade.",
        ("opposes", "Pakistan", "Taliban"),
    ),
    (
        "pro-X forces stand for X",
        "American jets carried out air raids on pro-Iranian militias near the border.",
        ("opposes", "United States", "Iran"),
    ),
    (
        "the government of X is X",
        "The government of Turkey condemned Israel on Tuesday.",
        ("opposes", "Turkey", "Israel"),
    ),
    (
        "opened fire on X's forces",
        "French warplanes opened fire on Libyan government forces near Benghazi.",
        ("opposes", "France", "Libya"),
    ),
    (
        "a descriptive noun before a name is the name",
        "A ceasefire between Egypt and the militant group Hamas held through Sunday.",
        ("opposes", "Hamas", "Egypt"),
    ),
    (
        "a noun in apposition with a relative clause is the name before it",
        "Talks were led by Hamas, a movement that has fought Israel for decades.",
        ("opposes", "Hamas", "Israel"),
    ),
    (
        "gathering: brought together officials from several states",
        "The session, chaired by Catherine Ashton, brought together officials from Iran, "
        "China and Germany.",
        ("met-with", "China", "Germany"),
    ),
    (
        "gathering: the chair meets each participant",
        "The session, chaired by Catherine Ashton, brought together officials from Iran, "
        "China and Germany.",
        ("met-with", "Catherine Ashton", "Iran"),
    ),
    (
        "joint action",
        "Norway and Sweden jointly called on Serbia to release the prisoners.",
        ("allied-to", "Norway", "Sweden"),
    ),
    (
        "joint statement",
        "In a joint statement, Kenya and Uganda said the border would reopen.",
        ("allied-to", "Kenya", "Uganda"),
    ),
    (
        "speech: a quoted label of contempt",
        '"The Kabila government is a gang of thieves," Moise Katumbi told supporters.',
        ("opposes", "Moise Katumbi", "Kabila"),
    ),
    (
        "speech: a refused acceptance of an actor's conditions",
        '"We will never accept the conditions set by Ankara," Nikos Anastasiades said.',
        ("opposes", "Nikos Anastasiades", "Turkey"),
    ),
    (
        "speech: no role for an actor",
        "Nikos Anastasiades said Cyprus would accept no role for Turkey in its security.",
        ("opposes", "Nikos Anastasiades", "Turkey"),
    ),
    (
        "speech: a charge against the complement's subject",
        "Ethiopia charged that Eritrea was arming the rebels in the north.",
        ("opposes", "Ethiopia", "Eritrea"),
    ),
    (
        "fought alongside: allies; 'whose' is the noun the clause hangs on",
        "Chad, whose troops fought alongside Malian forces against the MNLA, sent more men.",
        ("allied-to", "Chad", "Mali"),
    ),
    (
        "together with a partner: coordinated action",
        "Qatar said it would provide, together with Turkey, $2bn in support to the government.",
        ("allied-to", "Qatar", "Turkey"),
    ),
    (
        "in coordination with a partner",
        "Kenya struck the camps in coordination with Somalia on Friday.",
        ("allied-to", "Kenya", "Somalia"),
    ),
    (
        "X and Y, which together pledged aid",
        "Norway and Sweden, which together pledged $1 billion in aid, welcomed the deal.",
        ("allied-to", "Norway", "Sweden"),
    ),
    (
        "committed to an actor's security",
        "Tokyo remained fully committed to South Korea's security.",
        ("allied-to", "Japan", "South Korea"),
    ),
    (
        "a participle on the clause: its patient is the main subject",
        "The Hamas movement launched an offensive in May, backed by Iran.",
        ("allied-to", "Iran", "Hamas"),
    ),
    (
        "the council: the organisation named before whose name ends in the noun",
        "The Transitional Military Council met protest leaders on Monday. "
        "Qatar pledged $3 billion in aid to the military council.",
        ("allied-to", "Qatar", "Transitional Military Council"),
    ),
    (
        "signing together is meeting: signed by X and Y",
        "The accord was signed by Jorge Rodriguez, head of the government team, and "
        "opposition negotiator Gerardo Blyde.",
        ("met-with", "Jorge Rodriguez", "Gerardo Blyde"),
    ),
    (
        "signing with a partner hung on the deal",
        "Qatar signed a landmark agreement with the Taliban on Saturday.",
        ("met-with", "Qatar", "Taliban"),
    ),
    (
        "the three men: the three people named together before",
        "Hamid Karzai, Abdullah Abdullah and Gulbuddin Hekmatyar spoke to reporters. "
        "The three men will meet Ashraf Ghani on Monday.",
        ("met-with", "Gulbuddin Hekmatyar", "Ashraf Ghani"),
    ),
    (
        "an organisation's representatives stand for it",
        "Zalmay Khalilzad will meet Taliban representatives in Doha.",
        ("met-with", "Zalmay Khalilzad", "Taliban"),
    ),
    (
        "a war that pits one side against the other",
        "The war pits the Tatmadaw against the Arakan Army.",
        ("opposes", "Arakan Army", "Tatmadaw"),
    ),
    (
        "victory over an actor",
        "Ashraf Ghani declared victory over the Taliban on Monday.",
        ("opposes", "Ashraf Ghani", "Taliban"),
    ),
    (
        "the army with no owner is the state the story is about",
        "Mali's president spoke in Bamako. Mali has asked for help. Malian officials met "
        "on Monday. The army later attacked the MNLA.",
        ("opposes", "Mali", "MNLA"),
    ),
    (
        "gathering: 'from' hung on the verb",
        "The session, chaired by Catherine Ashton, brought together officials from Iran, "
        "China and Germany at a hotel.",
        ("met-with", "Iran", "Germany"),
    ),
    (
        "attendance: a summit attended by several leaders",
        "Macron hosted a summit in Paris attended by Olaf Scholz, Giorgia Meloni and "
        "Pedro Sanchez.",
        ("met-with", "Olaf Scholz", "Giorgia Meloni"),
    ),
    (
        "attendance: the host meets each attendee",
        "Emmanuel Macron hosted a summit at the Elysee attended by Olaf Scholz and "
        "Pedro Sanchez.",
        ("met-with", "Emmanuel Macron", "Pedro Sanchez"),
    ),
    (
        "attendance: guests included a list",
        "Guests included Olaf Scholz, Giorgia Meloni and Pedro Sanchez.",
        ("met-with", "Giorgia Meloni", "Pedro Sanchez"),
    ),
    (
        "ties whose verb is hostile",
        "The offer was refused by Hamas, whose relations with Jordan have soured.",
        ("opposes", "Hamas", "Jordan"),
    ),
    (
        "ties between two that warmed",
        "Relations between Ankara and Cairo have warmed.",
        ("allied-to", "Egypt", "Turkey"),
    ),
    (
        "a relation noun launched by an actor: the actor holds it",
        "The offensive against the Taliban was launched in October by the Afghan army.",
        ("opposes", "Afghanistan", "Taliban"),
    ),
    (
        "passive by an act whose owner acts",
        "The Taliban, who were toppled by a US-led invasion in 2001, returned to power.",
        ("opposes", "United States", "Taliban"),
    ),
    (
        "two known organisations joined by 'and' in one entity are two actors",
        "Human Rights Watch and Amnesty International condemned Ethiopia.",
        ("opposes", "Amnesty International", "Ethiopia"),
    ),
    (
        "names stranded before a verb the parser left without a subject",
        "At the same time in Kabul, US Defense Secretary Lloyd Austin and NATO "
        "Secretary-General Jens Stoltenberg met President Ashraf Ghani.",
        ("met-with", "Jens Stoltenberg", "Ashraf Ghani"),
    ),
    (
        "talks hosted by X as a passive: X meets each side",
        "The talks between the Houthis and the government of Yemen were hosted by Sweden.",
        ("met-with", "Sweden", "Houthis"),
    ),
    (
        "talks in a place brokered by X: X meets each side",
        "Hamas and Fatah met after two weeks of talks in the Egyptian city of Cairo "
        "brokered by Qatar.",
        ("met-with", "Qatar", "Hamas"),
    ),
]

QUIET = [
    # (mechanism, text, triple that must not be produced)
    (
        "a possessive fronted before the subject names the person the clause names",
        "George W. Bush spoke on Friday. In the days before his resignation, the United "
        "States and France pressed Hosni Mubarak to step aside.",
        ("opposes", "United States", "George W. Bush"),
    ),
    (
        "a conjunct with its own backer is not the other backer's",
        "Talks between the Iran-aligned Houthi movement and the Saudi-backed government of "
        "Abd-Rabbu Mansour Hadi ended.",
        ("allied-to", "Iran", "Abd-Rabbu Mansour Hadi"),
    ),
    (
        "a country flown to in order to meet someone else is a venue",
        "Benigno Aquino flew to Japan in August to meet Murad Ebrahim at a hotel.",
        ("met-with", "Benigno Aquino", "Japan"),
    ),
    (
        "names after a preposition are no stranded subject",
        "Saudi Arabia cut links with Qatar, accusing it of being too close to Iran, charges "
        "Doha denied.",
        ("opposes", "Iran", "Saudi Arabia"),
    ),
    (
        "co-signatories with no place or day may have signed apart",
        "Eritrea and Ethiopia signed a peace agreement.",
        ("met-with", "Eritrea", "Ethiopia"),
    ),
    (
        "an offensive backed by X is not X's own",
        "The offensive against Hamas, backed by Egypt, began on Monday.",
        ("opposes", "Egypt", "Hamas"),
    ),
    (
        "those who fought a third did not fight each other",
        "Hezbollah and Amal have fought Israel for years.",
        ("opposes", "Amal", "Hezbollah"),
    ),
    (
        "sitting across the room from no one is no meeting",
        "Fouad Siniora sat across the room on Friday, Nabih Berri said.",
        ("met-with", "Fouad Siniora", "Nabih Berri"),
    ),
    (
        "whoever criticised a deal between two sides did not meet them",
        "Amr Moussa criticised a deal between Israel and Hezbollah.",
        ("met-with", "Amr Moussa", "Hezbollah"),
    ),
    (
        "a pledge to fight Y is not Y fighting back",
        "Iran pledged to fight against Islamic State.",
        ("opposes", "Islamic State", "Iran"),
    ),
    (
        "a deal negotiated by two actors makes them sides, not allies",
        "The deal was negotiated by Kenya and Uganda.",
        ("allied-to", "Kenya", "Uganda"),
    ),
    (
        "co-signatories 'in principle' need not have met",
        "Eritrea and Ethiopia signed the accord in principle.",
        ("met-with", "Eritrea", "Ethiopia"),
    ),
    (
        "'the four countries' after three states listed are no one",
        "Saudi Arabia, the UAE and Bahrain cut flights to Doha in June. Later that month "
        "the four countries handed Qatar a list of 13 demands.",
        ("opposes", "Bahrain", "Qatar"),
    ),
    (
        "a list of candidates handed over is no demand",
        "Kenya handed Uganda a list of candidates.",
        ("opposes", "Kenya", "Uganda"),
    ),
    (
        "an evaluation's modifier that is no judgement",
        "Nouri al-Maliki called Barzani's vote a declaration of intent.",
        ("opposes", "Nouri al-Maliki", "Barzani"),
    ),
    (
        "an act in support of a cause backs no actor",
        "French jets struck the rebels in support of peace, Mali said.",
        ("allied-to", "France", "Mali"),
    ),
    (
        "congratulating no one backs no one",
        "Zarif did not congratulate Qatar.",
        ("allied-to", "Zarif", "Qatar"),
    ),
    (
        "an office with two holders named before is neither",
        "Saudi Crown Prince Mohammed bin Salman greeted the guests. Bahrain's Crown Prince "
        "Salman bin Hamad arrived later. The crown prince welcomed Jared Kushner.",
        ("met-with", "Mohammed bin Salman", "Jared Kushner"),
    ),
    (
        "the subject of 'prompted Y to' does not do the act",
        "Kenya prompted Japan to impose sanctions on Russia.",
        ("opposes", "Kenya", "Russia"),
    ),
    (
        "an office described otherwise is not the document's one holder",
        "Opposition leader Juan Guaido swore himself in. Evo Morales voiced solidarity with "
        "the socialist leader.",
        ("allied-to", "Evo Morales", "Juan Guaido"),
    ),
    (
        "giving someone hours to leave is no help",
        "Maduro gave American diplomats 72 hours to leave.",
        ("allied-to", "Maduro", "United States"),
    ),
    (
        "rivals with no act are a label",
        "Kenya and Uganda are rivals.",
        ("opposes", "Kenya", "Uganda"),
    ),
    (
        "allies of a third are not said to be each other's",
        "Kenya and Uganda are allies of Rwanda.",
        ("allied-to", "Kenya", "Uganda"),
    ),
    (
        "refusing to work with an actor is no cooperation",
        "Kenya refused to work with Uganda.",
        ("allied-to", "Kenya", "Uganda"),
    ),
    (
        "an actor with no doubts is not denied a role",
        "Salva Kiir said Riek Machar had no doubts about the deal.",
        ("opposes", "Salva Kiir", "Riek Machar"),
    ),
    (
        "a label denied is no insult",
        "Salva Kiir said Riek Machar was not a traitor.",
        ("opposes", "Salva Kiir", "Riek Machar"),
    ),
    (
        "not regarding an actor as a threat is no opposition",
        "Kenya does not regard Uganda as a threat.",
        ("opposes", "Kenya", "Uganda"),
    ),
    (
        "considering an actor's proposal is no backing",
        "Kenya considers Uganda's proposal.",
        ("allied-to", "Kenya", "Uganda"),
    ),
    (
        "a plan to meet called off is no meeting",
        "Kenya called off plans to meet Uganda.",
        ("met-with", "Kenya", "Uganda"),
    ),
    (
        "a postponed plan to meet is no refusal",
        "Kenya postponed plans to meet Uganda.",
        ("opposes", "Kenya", "Uganda"),
    ),
    (
        "one side of 'between' and someone else in another clause are no sides",
        "Fighting between troops loyal to Salva Kiir erupted, and Riek Machar fled.",
        ("opposes", "Riek Machar", "Salva Kiir"),
    ),
    (
        "'the three leaders' with four people named is no one",
        "Emmanuel Macron met Pedro Sanchez in Madrid, where they were joined by Chancellor "
        "Olaf Scholz and Prime Minister Giorgia Meloni. The three leaders issued a joint "
        "statement on trade.",
        ("allied-to", "Olaf Scholz", "Pedro Sanchez"),
    ),
    (
        "'they' after an attack are not the attacker and its targets",
        "Macron criticised Pedro Sanchez and Olaf Scholz on Sunday. They were hosted by "
        "Charles Michel.",
        ("met-with", "Charles Michel", "Olaf Scholz"),
    ),
    (
        "a companion in a meeting opposes no one",
        "Chad met Boko Haram envoys alongside Nigerien officials in 2015.",
        ("opposes", "Niger", "Boko Haram"),
    ),
    (
        "a joint undertaking refused is none",
        "Kenya and Uganda refused to set up a joint force.",
        ("allied-to", "Kenya", "Uganda"),
    ),
    (
        "a joint undertaking offered to another is no tie with it",
        "Kenya rejected a joint force with Uganda.",
        ("allied-to", "Kenya", "Uganda"),
    ),
    (
        "a gerund that is a verb names no conflict",
        "Peru has been fighting poverty, Bolivia said.",
        ("opposes", "Peru", "Bolivia"),
    ),
    (
        "an insurgency with no partner gives no side",
        "Peru's insurgency ended in 2000, Bolivia said.",
        ("opposes", "Peru", "Bolivia"),
    ),
    (
        "a place fired from is no target",
        "Greek warships fired from Turkish waters at pirate boats.",
        ("opposes", "Greece", "Turkey"),
    ),
    (
        "a mediator of a truce is no side",
        "Qatar brokered a truce between Israel and Hamas last year.",
        ("opposes", "Qatar", "Israel"),
    ),
    (
        "a brokering state as the noun's modifier is no side",
        "Armenia's war with Azerbaijan ended with a Russian-brokered truce.",
        ("opposes", "Russia", "Armenia"),
    ),
    (
        "a book about a war is no war",
        "She wrote a history of the Iran-Iraq war.",
        ("opposes", "Iran", "Iraq"),
    ),
    (
        "troops loyal to X are X's, not an alliance with whoever follows",
        "Fighting between troops loyal to Salva Kiir and forces of Riek Machar spread to Bor.",
        ("allied-to", "Riek Machar", "Salva Kiir"),
    ),
    (
        "a denial: no backing",
        "Iran denies backing the Houthis.",
        ("allied-to", "Iran", "Houthis"),
    ),
    (
        "a denial: no opposition either",
        "Iran denies backing the Houthis.",
        ("opposes", "Iran", "Houthis"),
    ),
    (
        "a denial in a that-clause",
        "Rwanda denied that it had armed the M23 rebels.",
        ("allied-to", "Rwanda", "M23"),
    ),
    (
        "brought without together is no gathering",
        "The envoy brought officials from Iran and China a letter.",
        ("met-with", "China", "Iran"),
    ),
    (
        "a joint statement by one actor is no alliance",
        "Kenya issued a joint statement with no other signatory.",
        ("allied-to", "Kenya", "Kenya"),
    ),
    (
        "'together' alone is no coordinated action",
        "France and Germany together hold a majority of the votes.",
        ("allied-to", "France", "Germany"),
    ),
    (
        "speech: a negated label",
        '"Hamas is not a terrorist group," Recep Tayyip Erdogan said.',
        ("opposes", "Recep Tayyip Erdogan", "Hamas"),
    ),
    (
        "speech: an accepted condition",
        '"We accept the conditions set by Ankara," Nikos Anastasiades said.',
        ("opposes", "Nikos Anastasiades", "Turkey"),
    ),
    (
        "met together with: a meeting, not coordinated action",
        "Kenya met together with Somalia in Nairobi.",
        ("allied-to", "Kenya", "Somalia"),
    ),
    (
        "'together' on a verb that makes no tie",
        "Norway and Sweden together criticised the plan.",
        ("allied-to", "Norway", "Sweden"),
    ),
    (
        "the council is not an organisation whose name ends otherwise",
        "The African Union met on Monday. Qatar pledged $3 billion in aid to the council.",
        ("allied-to", "Qatar", "African Union"),
    ),
    (
        "a signing that did not happen",
        "Qatar did not sign the agreement with the Taliban.",
        ("met-with", "Qatar", "Taliban"),
    ),
    (
        "the three men need three people named together",
        "Hamid Karzai and Abdullah Abdullah spoke to reporters. "
        "The three men will meet Ashraf Ghani on Monday.",
        ("met-with", "Hamid Karzai", "Ashraf Ghani"),
    ),
    (
        "the army in a story about two states names neither",
        "Mali and Niger spoke in Bamako. Mali and Niger asked for help. The army later "
        "attacked the MNLA.",
        ("opposes", "Mali", "MNLA"),
    ),
    (
        "attendance: a ceremony that is no meeting noun",
        "A funeral attended by Olaf Scholz and Pedro Sanchez was held in Rome.",
        ("met-with", "Olaf Scholz", "Pedro Sanchez"),
    ),
    (
        "attendance: critics included a list",
        "Critics included Olaf Scholz and Pedro Sanchez.",
        ("met-with", "Olaf Scholz", "Pedro Sanchez"),
    ),
    (
        "ties with no friendly or hostile word say nothing",
        "Relations between Ankara and Cairo were discussed at length.",
        ("allied-to", "Egypt", "Turkey"),
    ),
    (
        "a relation noun launched by no actor",
        "The offensive against the Taliban was launched in October.",
        ("opposes", "Taliban", "Taliban"),
    ),
    (
        "an office list with its holders: a holder does not meet the states as well",
        "The foreign ministers of Spain, Italy and Greece, Jose Albares, Antonio Tajani and "
        "Giorgos Gerapetritis, met in Rome and issued a joint statement.",
        ("met-with", "Jose Albares", "Spain"),
    ),
]


@pytest.mark.parametrize("mechanism,text,expected", FIRES, ids=[c[0] for c in FIRES])
def test_mechanism_fires(nlp, mechanism, text, expected):
    assert norm(*expected) in triples(nlp, text)


@pytest.mark.parametrize("mechanism,text,unexpected", QUIET, ids=[c[0] for c in QUIET])
def test_mechanism_stays_quiet(nlp, mechanism, text, unexpected):
    assert norm(*unexpected) not in triples(nlp, text)


def test_relative_object_is_the_noun_the_clause_hangs_on(nlp):
    found = triples(
        nlp, "Juan Guaido, whom Canada and Peru recognise as interim president, met Mike Pence."
    )
    assert norm("allied-to", "Canada", "Juan Guaido") in found


def test_relative_subject_is_not_taken_for_the_object(nlp):
    found = triples(nlp, "Juan Guaido, who recognises Canada as a friend, met Mike Pence.")
    assert norm("allied-to", "Juan Guaido", "Juan Guaido") not in found
    assert norm("allied-to", "Canada", "Juan Guaido") in found
