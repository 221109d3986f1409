"""Visits (met-with): a visitor meets the state it goes to, or whom it goes to see.

- "X visited Z", "X arrived in Y's capital", "X will travel on to Z": X meets the state
  the place stands for, unless X is of that state or goes there to meet someone else
  ("X flew to Z to meet Y": Z is a venue);
- "X paid a visit to Z", "X's trip to Z";
- "X told visiting minister Y"; "X visited Z, where he told Y ...";
- purpose: "X travelled to Z to discuss the crisis with Y".
"""

from __future__ import annotations

from spacy.tokens import Token

from graphbuild.extract.mentions import Ref, base
from graphbuild.extract.rules.tags import NOUNS, VERBS


class Visits:
    def purpose_visit(self, verb: Token) -> None:
        """Reads "X arrived in Z (on a visit) to thank Y": a meeting between X and Y."""
        head = verb.head
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return
        lemma = head.lemma_.lower()
        if not (
            (head.pos_ in VERBS and lemma in self.lex.arrival_verbs)
            or (head.pos_ in NOUNS and lemma in self.lex.verbs["met-with"])
        ):
            return
        if self.negated(verb) or self.negated(head):
            return
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        self.emit(
            "met-with",
            self.refs(self.subjects(verb)),
            self.refs(objects, places=False),
            verb,
            "visit-purpose",
        )

    def emit_visit(self, visitors: list[Token], states: list[Ref], anchor: Token) -> None:
        """Emits met-with(visitor, state) unless the visitor is of that state."""
        if not visitors or not states:
            return
        if any(base(t) in self.lex.deployed_nouns for v in visitors for t in self.expand(v)):
            return  # troops, jets, ships: a deployment or a strike, not a visit
        own = self.own_states(visitors)
        states = [s for s in states if s.name not in own]
        self.emit("met-with", self.refs(visitors), states, anchor, "visit-destination")

    def visit_destination(self, verb: Token) -> None:
        """Reads "X visited Z", "X arrived in Z", "X will travel (on) to Z": X meets the
        state Z stands for when Z is a capital, a seat or a country.

        Only the goal of the visitor's own movement counts: "met in Z" names a place.
        Returning is going home, not a visit; a negated movement is no visit (and "will
        not go to Z" is the refusal rule's)."""
        lemma = verb.lemma_.lower()
        if lemma == "return" or self.negated(verb):
            return
        if any(
            c.dep_ in ("advcl", "xcomp")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            and any(r == "met-with" for r, _ in self.lex.verb_relations(base(c)))
            and any(o.dep_ == "dobj" or o.dep_ == "prep" for o in c.children)
            for c in verb.children
        ):
            return  # "X flew to Z to meet Y": Z is where they met, not whom X met
        if lemma == "visit":
            # The relation frames read a visited country; a visited capital is its state.
            places = [c for c in verb.children if c.dep_ == "dobj"]
            states = self.destination_states(places, capitals_only=True)
        else:
            preps = ["to", "in"] if lemma == "arrive" else ["to"]
            places = self.prep_objects(verb, preps)
            for child in verb.children:
                # "travel on to Z", "fly back to Z": the goal hangs on the particle.
                if child.dep_ in ("prt", "advmod") and child.lower_ in ("on", "onward", "back"):
                    places += self.prep_objects(child, ["to"])
            states = self.destination_states(places, capitals_only=False)
        if not states:
            return
        self.emit_visit(self.subjects(verb), states, verb)

    def visit_noun(self, noun: Token) -> None:
        """Reads "X paid a visit to Z", "X made a trip to Z": X meets the state Z names."""
        if self.negated(noun) or (noun.head.pos_ in VERBS and self.negated(noun.head)):
            return
        if base(noun.head) in self.lex.rupture_verbs:
            return  # "X cancelled a visit to Z", "the trip to Z was postponed"
        # "visit to <country>" is read by the noun frames; a capital only here.
        capitals_only = bool(self.lex.noun_relations(noun.lemma_.lower()))
        states = self.destination_states(self.prep_objects(noun, ["to"]), capitals_only)
        if states:
            self.emit_visit(self.noun_holders(noun), states, noun)

    def visiting(self, verb: Token) -> None:
        """Reads "X told visiting minister Y": a meeting between X and Y."""
        guest = verb.head
        governor = guest.head
        while governor.dep_ in ("prep", "pobj") and governor.head.i != governor.i:
            governor = governor.head
        if governor.pos_ not in VERBS or self.negated(governor):
            return
        self.emit(
            "met-with", self.refs(self.subjects(governor)), self.refs([guest]), governor, "visiting"
        )

    def where_clause(self, verb: Token) -> None:
        """Reads "X visited Z, where he told Y ...": a meeting between X and Y."""
        place = verb.head
        if place.dep_ not in ("dobj", "pobj"):
            return
        lemma = verb.lemma_.lower()
        meets = any(rel == "met-with" for rel, _ in self.lex.verb_relations(lemma))
        if lemma not in self.lex.communication_verbs and not meets:
            return  # "Z, where X has fought Y" sets a scene, not a meeting
        if self.negated(verb):
            return
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        self.emit(
            "met-with", self.refs(self.subjects(verb)), self.refs(objects), verb, "visit-where"
        )
