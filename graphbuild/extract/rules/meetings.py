"""Meetings (met-with): talks, mediation, gatherings, signings.

- talks as nouns: "talks between X and Y", "X held talks with Y", "after talks with his
  counterpart Y", "three rounds of talks", "a phone call with Y", "had dinner with Y";
- mediation: "talks mediated by Z between X and Y", "Z brokered a deal between X and Y"
  (Z meets each side);
- gatherings: "the meeting brought together X and Y", "a summit attended by X and Y",
  "Guests included X and Y", "X sat across the table from Y";
- signing together: "the deal was signed by X and Y", "X and Y signed the accord in Z".

Visits are in ``visits``; a gathering reported over several sentences in ``rosters``.
"""

from __future__ import annotations

from spacy.tokens import Token

from graphbuild.extract.mentions import Ref, base
from graphbuild.extract.rules.tags import NOUNS, VERBS


class Meetings:
    def meeting(self, noun: Token, preps: frozenset[str], mediation: bool = False) -> None:
        between = self.refs(self._noun_objects(noun, ["between"]))
        if mediation or base(noun) == "mediation":
            # The mediator meets each side; the sides need not meet.
            self.emit("met-with", self.refs(self.noun_holders(noun)), between, noun, "mediation")
            return
        if len(between) >= 2:
            self.emit_pairs("met-with", between, noun, "talks-between")
        with_objects = self._noun_objects(noun, [p for p in preps if p != "between"])
        attendees = [
            obj
            for holder in with_objects
            if holder.lemma_.lower() in self.lex.attendance_nouns
            for obj in self.prep_objects(holder, ["of"])
        ]
        if attendees:
            self.emit_pairs("met-with", self.refs(attendees), noun, "talks-attendance")
        others = self.refs(
            [o for o in with_objects if o.lemma_.lower() not in self.lex.attendance_nouns],
            places=noun.lemma_.lower() != "visit",
        )
        # "a visit to thank X", "talks to persuade X": the clause's object is the other side.
        for child in noun.children:
            if child.dep_ in ("acl", "relcl") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in child.children
            ):
                others += self.refs(c for c in child.children if c.dep_ == "dobj")
        holders = self.refs(self.noun_holders(noun))
        slot = self.partitive_head(noun) or noun  # "mediated five rounds of talks between"
        if (
            between
            and slot.dep_ == "dobj"
            and slot.head.lemma_.lower() in self.lex.host_verbs
            and not self.negated(slot.head)
        ):
            # "X will host talks between Y and Z": the host meets both sides.
            hosts = holders or self.refs(self.subjects(slot.head))
            self.emit("met-with", hosts, between, noun, "hosted-talks")
        sides = self._talks(noun, holders, others, between, attendees)
        mediators = self.refs(self.mediators(noun))
        if mediators and sides:
            # "Y and Z held talks, mediated by X": the mediator meets each side.
            self.emit("met-with", mediators, sides, noun, "mediated-talks")
        if base(noun) in self.lex.gathering_nouns and not self.negated(noun):
            # "the talks between X and Y", "talks mediated by Z": the gathering's own.
            if self.the_gathering(noun):
                self.enrol(between, noun, noun)
            if not self.another_gathering(noun) and not any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children
            ):  # "at a meeting convened by Z" is some other meeting
                self.enrol(mediators, noun, noun, host=True)

    def _talks(
        self,
        noun: Token,
        holders: list[Ref],
        others: list[Ref],
        between: list[Ref],
        attendees: list[Token],
    ) -> list[Ref]:
        """Emits who held the talks ``noun`` names with whom; returns the sides."""
        if others:
            self.emit("met-with", holders, others, noun, "talks-with")
            return [*holders, *others]
        if between or attendees:
            return between
        # "three rounds of talks", "after four days of talks": the measure takes the place.
        slot = self.partitive_head(noun) or noun
        # "X urged Y during talks"; "X, Y and Z agreed ... in talks".
        if slot.dep_ == "pobj" and slot.head.lower_ in self.lex.meeting_preps:
            governor = slot.head.head
            for _ in range(6):
                while governor.dep_ == "xcomp" and governor.head.pos_ in VERBS:
                    governor = governor.head
                if governor.pos_ in VERBS:
                    heads = self.subjects(governor)
                    subjects = self.refs(heads)
                    if subjects:
                        objects = self.refs(
                            [c for c in governor.children if c.dep_ in ("dobj",)], places=False
                        )
                        listed = len(heads) >= 2 or any(h.conjuncts for h in heads)
                        if objects:
                            self.emit("met-with", subjects, objects, governor, "during-talks")
                        elif len(subjects) >= 2 and listed:
                            # "X and Y agreed in talks"; not one actor named twice ("the UN
                            # force, UNIFIL, was in contact with ...").
                            self.emit_pairs("met-with", subjects, governor, "during-talks")
                        return [*subjects, *objects]
                if governor.head.i == governor.i:
                    return []
                governor = governor.head
        elif (
            slot.dep_ == "dobj"
            and slot.head.lemma_.lower() in self.lex.hold_verbs
            and slot.head.lemma_.lower() not in self.lex.host_verbs  # co-hosts need not meet
        ):
            holders = holders or self.refs(self.noun_holders(slot))
            if len(holders) >= 2:
                self.emit_pairs("met-with", holders, noun, "held-talks")
                return holders
        return []

    def mediators(self, noun: Token) -> list[Token]:
        """X in "talks mediated by X", "talks hosted by X" (a participle on the noun, or
        on the place the talks are in: "talks in Jeddah brokered by X"), and "the talks
        were hosted by X and mediated by Y" (the noun as the passive subject)."""
        out = []
        participles = [c for c in noun.children if c.dep_ == "acl"]
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "in"):
            for place in (o for o in prep.children if o.dep_ == "pobj"):
                participles += [c for c in place.subtree if c.dep_ == "acl"]
        if noun.dep_ == "nsubjpass" and noun.head.pos_ in VERBS:
            participles += [noun.head, *noun.head.conjuncts]
        for child in participles:
            if (
                child.tag_ == "VBN"
                and child.lemma_.lower() in self.lex.mediating_verbs
                and not self.negated(child)
            ):
                out.extend(self.prep_objects(child, ["by"]))
        return out

    def gathering(self, verb: Token) -> None:
        """ "The meeting, chaired by Z, brought together officials from X, Y and W": every
        participant meets every other, and the chair meets each; "X gathered Y and W"."""
        if verb.lemma_.lower() == "bring" and not any(
            c.dep_ in ("prt", "advmod") and c.lower_ == "together" for c in verb.children
        ):
            return
        if self.negated(verb):
            return
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        # "officials from X, Y and W": the people of each named side
        participants = (
            self.refs(objects)
            or self.refs(self.prep_objects_of(objects))
            or self.refs(self.prep_objects(verb, ["from", "of"]))
        )
        if len(participants) < 2:
            return
        self.emit_pairs("met-with", participants, verb, "gathering")
        meeting = next(
            (c for c in verb.children if c.dep_ == "nsubj" and self.the_gathering(c)), None
        )
        if meeting is not None:  # "the meeting brought together X and Y"
            self.enrol(participants, verb, meeting)
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            hosts = self.refs(self.mediators(subject)) or self.refs([subject])
            self.emit("met-with", hosts, participants, verb, "gathering-host")
            if meeting is not None:
                self.enrol(hosts, verb, meeting, host=True)

    def prep_objects_of(self, nouns: list[Token]) -> list[Token]:
        return [o for noun in nouns for o in self.prep_objects(noun, ["from", "of"])]

    def signing(self, verb: Token) -> None:
        """Signing together is meeting: "the deal was signed by X and Y", "X signed the
        accord with Y" (each signatory meets the others); "X and Y put their names to the
        accord at Z"."""
        if self.negated(verb):
            return
        if base(verb) == "put" and not any(
            c.dep_ == "dobj" and base(c) in ("name", "signature") for c in verb.children
        ):
            return
        # "signed by X, ..., and Y": the parser may hang the last signer on the verb.
        stray = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in NOUNS]
        agents = self.refs(self.prep_objects(verb, ["by"]) + stray)
        if len(agents) >= 2:
            self.emit_pairs("met-with", agents, verb, "signing")
            signed = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
            if not any(self.another_gathering(thing) for thing in signed):
                # The signatories took part in the gathering the document names; not
                # those of "the 1994 accord".
                self.enrol(agents, verb)
            return
        signers = self.refs(self.subjects(verb))
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if len(signers) >= 2 and not any(self.another_gathering(o) for o in objects):
            self.enrol(signers, verb)  # "X and Y signed the protocols" at the gathering
        partners = self.refs(
            self.prep_objects(verb, ["with"])
            + [o for obj in objects for o in self.prep_objects(obj, ["with"])]
        )
        if signers and partners:
            self.emit("met-with", signers, partners, verb, "signing")
        elif len(signers) >= 2 and any(
            place.ent_type_ in ("GPE", "LOC", "FAC") or base(place) in self.lex.venue_nouns
            for head in (verb, *objects)
            for place in self.prep_objects(head, ["in", "at"])
        ):
            # "X and Y signed an accord in Z on Monday": signed together, at one place.
            self.emit_pairs("met-with", signers, verb, "signing-together")
        # "X and Y signed a treaty" with no place stays an alliance only: co-signatories
        # may sign apart.

    def attendance(self, verb: Token) -> None:
        """ "a summit attended by X, Y and Z" (each attendee meets the others and whoever
        holds the summit); "Guests included X, Y and Z", "Participants were X and Y"."""
        if self.negated(verb):
            return
        lemma = base(verb)
        if lemma in self.lex.attending_verbs and verb.dep_ == "acl" and verb.tag_ == "VBN":
            # "a summit at the palace attended by ...": the meeting noun the place is of
            gathering = verb.head
            for _ in range(3):
                if any(r == "met-with" for r, _ in self.lex.noun_relations(base(gathering))):
                    break
                if gathering.dep_ not in ("pobj", "prep") or gathering.head.i == gathering.i:
                    return
                gathering = gathering.head
            else:
                return
            attendees = self.refs(self.prep_objects(verb, ["by"]))
            hosts = self.refs(self.noun_holders(gathering))
        elif lemma in ("include", "be") and any(
            c.dep_ == "nsubj" and base(c) in self.lex.participant_nouns for c in verb.children
        ):
            attendees = self.refs([c for c in verb.children if c.dep_ in ("dobj", "attr")])
            hosts, gathering = [], None  # "Guests included ...": the gathering last named
        else:
            return
        if len(attendees) >= 2:
            self.emit_pairs("met-with", attendees, verb, "attendance")
        if hosts and attendees:
            self.emit("met-with", hosts, attendees, verb, "attendance-host")
        if gathering is None or not self.another_gathering(gathering):
            self.enrol(hosts, verb, gathering, host=True)
            self.enrol(attendees, verb, gathering)

    def across_the_table(self, verb: Token) -> None:
        """ "X and Y sat across the table from A and B", "X sat opposite Y": a meeting."""
        if self.negated(verb):
            return
        faced: list[Token] = []
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            if prep.lower_ == "opposite":
                faced += [o for o in prep.children if o.dep_ == "pobj"]
            if prep.lower_ == "across":
                for table in (o for o in prep.children if o.dep_ == "pobj"):
                    faced += self.prep_objects(table, ["from"])
                faced += self.prep_objects(verb, ["from"])
        sides = self.refs(self.subjects(verb))
        faced_refs = self.refs(faced)
        self.emit("met-with", sides, faced_refs, verb, "across-table")
        if sides and faced_refs:
            self.enrol([*sides, *faced_refs], verb)  # the parties at the gathering named

    def brokered_between(self, noun: Token) -> None:
        """ "X brokered a deal between A and B", "a truce X mediated between A and B": the
        broker met each side."""
        slot = self.partitive_head(noun) or noun
        if slot.dep_ != "dobj" or base(slot.head) not in self.lex.mediating_verbs:
            return
        if self.negated(slot.head):
            return
        sides = self.refs(self._noun_objects(noun, ["between"]))
        if len(sides) >= 2:
            brokers = self.refs(self.subjects(slot.head))
            self.emit("met-with", brokers, sides, slot.head, "brokered-between")
