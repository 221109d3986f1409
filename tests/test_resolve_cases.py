"""Named resolution cases: people who must stay apart, spellings that must merge,
short forms, organisations, kinds, the actor file and actors already stored."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from graphbuild.actorfile import ActorEntry, ActorFile
from graphbuild.records import Actor, Mention
from graphbuild.resolve import actor_id, resolve

SHARED_ACTORS = Path(__file__).resolve().parent.parent.parent / "shared" / "gold" / "actors.json"


def m(doc: str, name: str, kind: str = "PERSON", count: int = 1, context: str = "") -> Mention:
    return Mention(doc, name, kind, count, (name,), context or f"{name} spoke on Monday.")  # type: ignore[arg-type]


def same(resolution, a: tuple[str, str], b: tuple[str, str]) -> bool:
    return resolution.index[a] == resolution.index[b]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Bashar al-Assad", "Hafez al-Assad"),
        ("Kim Jong-un", "Kim Jong-il"),
        ("Kim Jong Un", "Kim Jong-il"),
        ("George W. Bush", "George H. W. Bush"),
        ("Raúl Castro", "Fidel Castro"),
        ("Hassan Nasrallah", "Hussein Nasrallah"),
        ("Omar Suleiman", "Amr Suleiman"),
    ],
)
def test_distinct_people_stay_apart(left: str, right: str) -> None:
    r = resolve([m("a.txt", left), m("b.txt", right), m("c.txt", left), m("c.txt", right)])
    assert not same(r, ("a.txt", left), ("b.txt", right))
    assert len({r.index[("c.txt", left)], r.index[("c.txt", right)]}) == 2


@pytest.mark.parametrize(
    "forms",
    [
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Faisal Muqdad", "Faisal Makdad", "Faisal Mekdad"),
        ("Moaz al-Khatib", "Mouaz al-Khatib", "Mouaz Al Khatib"),
        ("Muammar Gaddafi", "Muammar Qaddafi", "Moammar Kadhafi"),
        ("Bashar al-Assad", "Bashar Al Assad", "Bashar al Assad", "Bashar Assad"),
        ("Walid Muallem", "Walid al-Muallem", "Walid Moualem"),
        ("Mohammad Kamel Amr", "Mohamed Kamel Amr", "Kamel Amr"),
        ("Ahmed Moaz al-Khatib", "Moaz al-Khatib"),
        ("Moon Jae-in", "Moon Jae In"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("Staffan de Mistura", "Staffan De Mistura"),
        ("Raúl Castro", "Raul Castro", "RAUL CASTRO"),
        ("George W. Bush", "George Walker Bush"),
    ],
)
def test_spelling_variants_merge_across_documents(forms: tuple[str, ...]) -> None:
    r = resolve([m(f"doc{i}.txt", form) for i, form in enumerate(forms)])
    assert len({r.index[(f"doc{i}.txt", form)] for i, form in enumerate(forms)}) == 1
    assert len(r.actors) == 1
    assert set(forms) <= set(r.actors[0].aliases)


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("Sergei Lavrov", "Lavrov"),
        ("Bashar al-Assad", "Assad"),
        ("Bashar al-Assad", "al-Assad"),
        ("Staffan de Mistura", "De Mistura"),
        ("Staffan de Mistura", "Mistura"),
        ("Ahmed Moaz al-Khatib", "Al Khatib"),
        ("Faisal Mekdad", "Muqdad"),
        ("Ban Ki-moon", "Ban"),
        ("Kim Jong-un", "Kim"),
    ],
)
def test_surname_goes_to_the_full_name_in_its_document(full: str, short: str) -> None:
    r = resolve([m("a.txt", full), m("a.txt", short, count=3), m("b.txt", "Someone Else")])
    assert same(r, ("a.txt", full), ("a.txt", short))
    actor = r.actor("a.txt", short)
    assert actor is not None and actor.name == full and actor.mentions == 4


def test_surname_alone_goes_to_the_only_namesake_in_the_corpus() -> None:
    r = resolve([m("a.txt", "Vladimir Putin"), m("b.txt", "Putin"), m("c.txt", "Putin")])
    assert len(r.actors) == 1 and r.actors[0].name == "Vladimir Putin"


def test_lone_kim_does_not_swallow_every_kim() -> None:
    r = resolve(
        [
            m("a.txt", "Kim Jong-un"),
            m("b.txt", "Kim Jong-il"),
            m("c.txt", "Kim"),
            m("d.txt", "Kim Jong-un"),
            m("d.txt", "Kim"),
        ]
    )
    kim = r.actor("c.txt", "Kim")
    assert kim is not None and kim.name == "Kim"
    assert r.index[("d.txt", "Kim")] == r.index[("a.txt", "Kim Jong-un")]
    assert r.index[("a.txt", "Kim Jong-un")] != r.index[("b.txt", "Kim Jong-il")]
    assert any({p.left, p.right} == {"Kim", "Kim Jong-il"} for p in r.review)


def test_surname_beside_two_namesakes_in_one_document_stays_alone() -> None:
    r = resolve([m("a.txt", "Bashar al-Assad"), m("a.txt", "Hafez al-Assad"), m("a.txt", "Assad")])
    assert len({r.index[("a.txt", n)] for n in ("Bashar al-Assad", "Hafez al-Assad", "Assad")}) == 3
    assert any(p.left == "Assad" and not p.merged for p in r.review)


def test_partial_name_compatible_with_two_people_merges_with_neither() -> None:
    r = resolve(
        [m("a.txt", "George W. Bush"), m("b.txt", "George H. W. Bush"), m("c.txt", "George Bush")]
    )
    assert len(r.actors) == 3
    assert any(p.left == "George Bush" for p in r.review)


def test_person_never_merges_with_state_or_org() -> None:
    r = resolve([m("a.txt", "Jordan", "STATE"), m("b.txt", "Michael Jordan"), m("b.txt", "Jordan")])
    assert r.index[("a.txt", "Jordan")] != r.index[("b.txt", "Michael Jordan")]
    kinds = {a.name: a.kind for a in r.actors}
    assert kinds["Jordan"] == "STATE" and kinds["Michael Jordan"] == "PERSON"


def test_kind_is_repaired_by_majority() -> None:
    r = resolve(
        [m("a.txt", "Lavrentiy Beria"), m("b.txt", "Lavrentiy Beria", "ORG")]
        + [m(f"{i}.txt", "Lavrentiy Beria") for i in range(3)]
    )
    assert [a.kind for a in r.actors] == ["PERSON"]


def test_surname_tagged_org_joins_the_person_in_its_document() -> None:
    r = resolve([m("a.txt", "Sergei Lavrov"), m("a.txt", "Lavrov", "ORG", count=2)])
    assert len(r.actors) == 1 and r.actors[0].kind == "PERSON" and r.actors[0].mentions == 3


def test_acronym_spelled_out_in_the_corpus() -> None:
    r = resolve(
        [
            m(
                "a.txt",
                "Free Press Foundation",
                "ORG",
                context="The Free Press Foundation (FPF) said.",
            ),
            m("b.txt", "FPF", "ORG"),
        ]
    )
    assert len(r.actors) == 1 and r.actors[0].name == "Free Press Foundation"


def test_acronym_matches_initials_only_when_unique() -> None:
    r = resolve(
        [
            m("a.txt", "Northern Defence Council", "ORG"),
            m("b.txt", "National Democratic Congress", "ORG"),
            m("c.txt", "NDC", "ORG"),
        ]
    )
    assert len(r.actors) == 3


def test_organisation_spellings_and_short_forms() -> None:
    r = resolve(
        [
            m("a.txt", "Syrian Free Writers Union", "ORG"),
            m("b.txt", "Syria Free Writers Union", "ORG"),
            m("c.txt", "Coastal Observatory for Birds", "ORG"),
            m("c.txt", "Observatory", "ORG"),
            m("d.txt", "Syrian Free Writers Council", "ORG"),
        ]
    )
    assert same(r, ("a.txt", "Syrian Free Writers Union"), ("b.txt", "Syria Free Writers Union"))
    assert same(r, ("c.txt", "Coastal Observatory for Birds"), ("c.txt", "Observatory"))
    assert not same(
        r, ("a.txt", "Syrian Free Writers Union"), ("d.txt", "Syrian Free Writers Council")
    )


def test_gazetteer_names_and_capitals_give_the_state() -> None:
    r = resolve(
        [
            m("a.txt", "Russian Federation", "STATE"),
            m("b.txt", "Russia", "STATE"),
            m("c.txt", "Kremlin", "ORG"),
            m("d.txt", "U.N.", "ORG"),
            m("e.txt", "United Nations", "ORG"),
        ]
    )
    names = sorted(a.name for a in r.actors)
    assert names == ["Russia", "United Nations"]


def test_canonical_name_is_the_most_frequent_full_form() -> None:
    r = resolve(
        [
            m("a.txt", "Sergey Lavrov", count=1),
            m("b.txt", "Sergei Lavrov", count=5),
            m("c.txt", "Lavrov", count=9),
        ]
    )
    assert r.actors[0].name == "Sergei Lavrov"
    assert r.actors[0].id == actor_id("PERSON", "Sergei Lavrov")


def test_known_actor_keeps_its_id() -> None:
    stored = Actor("stored-1", "Sergei Lavrov", "PERSON", ("Lavrov", "Sergei Lavrov"), 7)
    r = resolve([m("x.txt", "Sergey Lavrov"), m("y.txt", "Lavrov")], known=[stored])
    assert {r.index[("x.txt", "Sergey Lavrov")], r.index[("y.txt", "Lavrov")]} == {"stored-1"}
    assert r.actors[0].name == "Sergei Lavrov"


def test_known_surname_alias_does_not_pull_a_namesake() -> None:
    stored = Actor("stored-2", "Bashar al-Assad", "PERSON", ("Assad", "Bashar al-Assad"), 3)
    r = resolve([m("x.txt", "Hafez al-Assad"), m("x.txt", "Assad")], known=[stored])
    assert r.index[("x.txt", "Assad")] == r.index[("x.txt", "Hafez al-Assad")] != "stored-2"


def test_actor_file_must_link_and_cannot_link_override_scores() -> None:
    mentions = [m("a.txt", "Abu Mohammad al-Julani"), m("b.txt", "Ahmed al-Sharaa")]
    assert len(resolve(mentions).actors) == 2
    linked = ActorFile((ActorEntry("Ahmed al-Sharaa", "PERSON", ("Abu Mohammad al-Julani",)),))
    r = resolve(mentions, actors=linked)
    assert len(r.actors) == 1 and r.actors[0].name == "Ahmed al-Sharaa"

    pair = [m("a.txt", "Faisal Muqdad"), m("b.txt", "Faisal Mekdad")]
    assert len(resolve(pair).actors) == 1
    apart = ActorFile(cannot_link=(("Faisal Muqdad", "Faisal Mekdad"),))
    assert len(resolve(pair, actors=apart).actors) == 2  # rerun with the file undoes the merge


def test_rerun_with_stored_actors_gives_the_same_ids() -> None:
    mentions = [
        m("a.txt", "Sergei Lavrov"),
        m("a.txt", "Lavrov"),
        m("b.txt", "United Nations", "ORG"),
        m("c.txt", "Faisal Makdad"),
        m("d.txt", "Faisal Mekdad"),
    ]
    first = resolve(mentions)
    again = resolve(mentions, known=first.actors)
    assert dict(first.index) == dict(again.index)
    assert [a.id for a in first.actors] == [a.id for a in again.actors]


def _gold_documents(gold: dict) -> list[Mention]:
    """Each gold actor's forms as documents would hold them: every full form in a
    document of its own, and one document with the first full form and all short forms."""
    mentions = []
    for n, (key, spec) in enumerate(sorted(gold.items())):
        kind = spec["kind"]
        forms = [key, *spec["forms"]]
        for i, form in enumerate(dict.fromkeys(forms)):
            mentions.append(m(f"g{n}-{i}.txt", form, kind))
            mentions.append(m(f"g{n}-all.txt", form, kind))
    return mentions


@pytest.mark.skipif(not SHARED_ACTORS.exists(), reason="shared gold actors not present")
def test_gold_actor_forms_merge_and_never_mix() -> None:
    gold = json.loads(SHARED_ACTORS.read_text(encoding="utf-8"))
    owner = {form: key for key, spec in gold.items() for form in (key, *spec["forms"])}
    r = resolve(_gold_documents(gold))
    for actor in r.actors:  # no actor holds the forms of two gold actors
        assert len({owner[a] for a in actor.aliases if a in owner}) == 1, actor
    # Pairwise F1 over (actor, gold) items of the documents holding all of an actor's forms.
    items = [(ident, owner[name]) for (doc, name), ident in r.index.items() if "-all" in doc]
    tp = fp = fn = 0
    for (sa, ga), (sb, gb) in combinations(items, 2):
        tp += sa == sb and ga == gb
        fp += sa == sb and ga != gb
        fn += sa != sb and ga == gb
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision == 1.0
    assert 2 * precision * recall / (precision + recall) >= 0.97


def test_short_form_beside_an_ner_slip_goes_to_the_well_attested_name() -> None:
    # "Opening Marchetti" is a headline word glued to a surname in one document; the
    # person is named in three others, so "Marchetti" is not left ambiguous.
    mentions = [m(f"{i}.txt", "Lorenzo Marchetti") for i in range(3)] + [
        m("x.txt", "Lorenzo Marchetti"),
        m("x.txt", "Opening Marchetti"),
        m("x.txt", "Marchetti"),
    ]
    r = resolve(mentions)
    assert same(r, ("x.txt", "Marchetti"), ("x.txt", "Lorenzo Marchetti"))
    assert not same(r, ("x.txt", "Opening Marchetti"), ("x.txt", "Lorenzo Marchetti"))
    pair = {"Lorenzo Marchetti", "Marchetti"}
    assert any(p.merged and {p.left, p.right} == pair for p in r.review)


def test_similar_organisations_with_different_words_stay_apart() -> None:
    r = resolve(
        [
            m("a.txt", "Syrian National Council", "ORG"),
            m("b.txt", "Syrian National Coalition", "ORG"),
            m("c.txt", "National Council", "ORG"),
            m("c.txt", "National Coalition", "ORG"),
        ]
    )
    assert not same(r, ("a.txt", "Syrian National Council"), ("b.txt", "Syrian National Coalition"))
    assert same(r, ("c.txt", "National Council"), ("a.txt", "Syrian National Council"))
    assert same(r, ("c.txt", "National Coalition"), ("b.txt", "Syrian National Coalition"))
