"""Who took part in a document's gathering, across sentences (met-with).

A multi-party summit, conference or round of talks is often reported over several
sentences: "Merkel, who hosted the summit with Guterres, said ..." and then "Guests
included X, Y and Z." The guideline makes the host a side of its own that meets every
party. Rules that read a participant ``enrol`` it in the document's roster as a host or a
party; after the walk, ``close_roster`` emits met-with between each host and each party,
with the sentence of the later one as evidence. Pairs of parties (who may sit on one side)
and of co-hosts are the guideline's optional pairs, left to the sentence rules.

Enrolled as hosts: "X hosted / chaired / opened / brokered the summit (together with Y)",
"the summit, chaired by X", "negotiations mediated by X". As parties: "X attended the
conference", "X took part in the talks", "X also took part", "he told the conference",
"Y was represented by Z", "Guests included X, Y and Z", "a summit attended by X and Y",
"the meeting brought together X and Y", co-signatories ("signed by X and Y").

A document has one gathering: "the summit", "the talks" and "the conference" are the
same event. Not enrolled: a gathering that is not "the" one ("a news conference", "talks
in Moscow last week", "the previous round", "a meeting convened by Z"), a negated or
refused participation ("did not take part in the conference"), and an observer ("X
attended as an observer").
"""

from __future__ import annotations

from itertools import combinations
from typing import NamedTuple

from spacy.tokens import Token

from graphbuild.extract.mentions import Ref, base


class Member(NamedTuple):
    ref: Ref
    anchor: Token  # the trigger of the sentence that enrolled it
    host: bool  # a host, chair or mediator (else a party)


class Rosters:
    roster: dict[str, Member]
    unplaced: dict[str, Member]
    gathering_named: bool

    def enrol(
        self, refs: list[Ref], anchor: Token, gathering: Token | None = None, host: bool = False
    ) -> None:
        """Adds ``refs`` to the roster of the document's gathering (``gathering`` names it,
        or the text named it before: "Guests included ..."), as its hosts or as parties;
        a member keeps its first sentence."""
        for ref in refs:
            member = Member(ref, anchor, host)
            if gathering is None and not self.gathering_named:
                # "The deal was signed by X and Y" before "the talks" are named: kept
                # until the walk has seen whether the document names a gathering.
                self.unplaced.setdefault(ref.name, member)
            else:
                self.roster.setdefault(ref.name, member)

    def note_gathering(self, noun: Token) -> None:
        self.gathering_named = self.gathering_named or self.the_gathering(noun)

    def close_roster(self) -> None:
        if self.gathering_named:
            for name, member in self.unplaced.items():
                self.roster.setdefault(name, member)
        members = sorted(self.roster.values(), key=lambda member: member.anchor.i)
        for left, right in combinations(members, 2):
            # A host meets every party. Co-hosts, and parties who may sit on one side, are
            # the guideline's optional pairs: the roster cannot tell the sides apart.
            if left.host != right.host:
                self.emit("met-with", [left.ref], [right.ref], right.anchor, "roster")

    def the_gathering(self, noun: Token) -> bool:
        """Whether ``noun`` names the document's gathering: "the summit", "the talks",
        "Monday's conference", and not another one (``another_gathering``)."""
        return (
            base(noun) in self.lex.gathering_nouns
            and not self.another_gathering(noun)
            and any(
                (c.dep_ == "det" and c.lower_ in ("the", "this")) or c.dep_ == "poss"
                for c in noun.children
            )
        )

    def another_gathering(self, noun: Token) -> bool:
        """A press event ("a news conference"), another round ("the previous round", "the
        first meeting") or a gathering dated apart ("talks in Moscow last week")."""
        children = list(noun.children)
        if any(c.dep_ == "compound" and base(c) in self.lex.press_nouns for c in children):
            return True
        if any(
            c.dep_ in ("amod", "nummod")
            and (base(c) in self.lex.other_event_modifiers or c.ent_type_ == "ORDINAL")
            for c in children
        ):
            return True
        # A date on the noun itself, not in a clause about it ("the talks, which opened on
        # Monday" are still the talks).
        return any(
            t.ent_type_ in ("DATE", "TIME") and t.tag_ != "JJ"  # "the annual summit" is it
            for c in children
            if c.dep_ not in ("relcl", "acl")
            for t in c.subtree
        )

    def participation(self, verb: Token) -> None:
        """Reads "X attended / joined / opened / hosted the summit", "X took part in the
        talks", "X, who also took part, said", "he told the conference", "X was represented
        by Y": X (Y) is enrolled."""
        if self.negated(verb) or self.appealed(verb):
            return
        if any(base(o) in self.lex.observer_nouns for o in self.prep_objects(verb, ["as"])):
            return  # "X attended as an observer": an observer need not meet anyone
        lemma = base(verb)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        if lemma == "represent":
            self.representation(verb)
            return
        if lemma in ("take", "participate") or (lemma == "attend" and not objects):
            if lemma == "take" and not any(base(o) == "part" for o in objects):
                return
            places = self.prep_objects(verb, ["in"])
            if places and not any(self.the_gathering(p) for p in places):
                return
            # "X also took part", "X, who attended in person": the gathering named
            gathering = next((p for p in places if self.the_gathering(p)), None)
        elif lemma in self.lex.participation_verbs or lemma in self.lex.communication_verbs:
            gathering = next((o for o in objects if self.the_gathering(o)), None)
            if gathering is None:
                return
        else:
            return
        own = [c for c in verb.children if c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP")]
        # "Brunei, whose ruler X chaired the talks": the clause's own subject, not the list
        # the parser hung the clause on.
        members = self.refs(own if own and verb.dep_ == "relcl" else self.subjects(verb))
        host = lemma in self.lex.host_verbs or lemma == "open"
        if host:
            # "X hosted the summit together with Y": Y hosts too.
            members += self.refs(
                o
                for prep in verb.children
                if prep.dep_ == "prep" and prep.lower_ == "with"
                if any(c.lower_ in ("together", "along") for c in [*prep.children, *verb.children])
                for o in prep.children
                if o.dep_ == "pobj"
            )
        self.enrol(members, verb, gathering, host)

    def representation(self, verb: Token) -> None:
        """ "X was represented (at the summit) by its foreign minister Y": Y took part."""
        if verb.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in verb.children):
            return
        places = self.prep_objects(verb, ["at", "in"])
        gathering = next((p for p in places if self.the_gathering(p)), None)
        if places and gathering is None:
            return
        agents = self.prep_objects(verb, ["by"])
        for conj in verb.conjuncts:  # "X was represented by Y, and Z by W"
            agents += self.prep_objects(conj, ["by"])
        self.enrol(self.refs(agents), verb, gathering)
