"""Opposition that is not a plain relation verb (opposes).

- demands: "X demanded Y's departure", "X demanded that Y withdraw", "Y must leave, X
  said", "X's demand for Y to resign";
- threats: "X threatened Y with sanctions";
- refusals: "X refused to go to Y's capital", "X refused to cooperate with Y";
- closures: "X closed its embassy in Y";
- negative evaluations: "X called Y's proposals unacceptable".
"""

from __future__ import annotations

from spacy.tokens import Token

from graphbuild.extract.mentions import Ref, base
from graphbuild.extract.rules.tags import NOUNS, VERBS


class Opposition:
    def evaluation(self, verb: Token) -> None:
        """Reads "X called Y's proposals unacceptable", "X called the Y annexation illegal",
        "X regards Y as a threat", "X warned that a Y intervention would be a disaster": X
        opposes Y; "X considers Y the rightful president", "X regards Y as a partner": X
        backs Y."""
        if self.negated(verb):
            return
        judged: list[tuple[Token, Token]] = []  # (what is judged, the judging word)
        words = [c for c in verb.children if c.dep_ in ("oprd", "acomp", "xcomp")]
        # "X regards Y as a threat", "X designated Y as a terrorist group"
        words += [
            w
            for o in self.prep_objects(verb, ["as"])
            for w in (o, *(c for c in o.children if c.dep_ in ("amod", "compound")))
        ]
        # "called X's vote a declaration of war", "an illegal act": the word's own modifiers
        words += [
            w
            for word in list(words)
            if word.pos_ in ("NOUN", "PROPN")
            for w in (
                *(c for c in word.children if c.dep_ == "amod"),
                *self.prep_objects(word, ["of"]),
            )
        ]
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for word in [*words, *(c for c in obj.children if c.dep_ == "amod")]:
                judged.append((obj, word))
        for obj in (c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in NOUNS):
            # "X considers Y the rightful president": the parser may read "Y" as a clause
            # and the label as its apposition.
            for label in (c for c in obj.children if c.dep_ == "appos"):
                for word in (label, *(c for c in label.children if c.dep_ == "amod")):
                    judged.append((obj, word))
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                for word in (c for c in clause.children if c.dep_ in ("acomp", "attr")):
                    judged.append((subject, word))
        targets: list[Ref] = []
        recognised: list[Ref] = []
        for thing, word in judged:
            # "calling it a violation": "it" is the act just named, not the state before it.
            if base(word) in self.lex.negative_evaluations and thing.pos_ != "PRON":
                targets += self.refs([thing], places=False) or self.thing_owners([thing])
            elif base(word) in self.lex.legitimacy_evaluations and thing.pos_ != "PRON":
                # "X considers Y the rightful president", "X regards Y as a partner"
                recognised += self.refs([thing], places=False)
        subjects = self.refs(self.subjects(verb))
        self.emit("opposes", subjects, targets, verb, "evaluation")
        self.emit("allied-to", subjects, recognised, verb, "evaluation-legitimacy")

    def demand(self, verb: Token) -> None:
        """Reads "X demanded that Y resign", "X called on Y to step down", "X urged Y to
        apologise"."""
        head = verb.head
        if verb.dep_ not in ("ccomp", "xcomp") or head.lemma_.lower() not in self.lex.demand_verbs:
            return
        if self.negated(head):
            return
        demanded = self.subjects(verb)
        self.emit("opposes", self.refs(self.subjects(head)), self.refs(demanded), head, "demand")

    def strong_demand(self, verb: Token) -> None:
        """Reads "X demanded that Y V", "X said Y must V": X opposes Y."""
        if verb.lemma_.lower() in self.lex.strong_demand_verbs:
            if self.negated(verb):
                return
            demanders = self.refs(self.subjects(verb))
            for clause in verb.children:
                if clause.dep_ in ("ccomp", "xcomp"):
                    self.emit(
                        "opposes", demanders, self.refs(self.subjects(clause)), verb, "demand-that"
                    )
            # "X demanded an apology from Y", "an admission by Y".
            things = [
                c
                for c in verb.children
                if c.dep_ == "dobj" and base(c) not in self.lex.departure_nouns
            ]
            targets = self.refs([o for t in things for o in self.prep_objects(t, ["by", "from"])])
            self.emit("opposes", demanders, targets, verb, "demand-from")
            return
        head = verb.head
        if verb.dep_ == "ccomp" and head.lemma_.lower() in self.lex.reporting_verbs | {"declare"}:
            if self.negated(head):
                return
            own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            self.emit(
                "opposes", self.refs(self.subjects(head)), self.refs(own), head, "demand-must"
            )

    def threat(self, verb: Token) -> None:
        """Reads "X threatened to cut aid to Y / to shell Y / further action against Y"."""
        if self.negated(verb):
            return
        actions = [c for c in verb.children if c.dep_ in ("xcomp", "dobj")]
        targets: dict[str, Ref] = {}
        for action in actions:
            things = (
                [c for c in action.children if c.dep_ == "dobj"]
                if action.dep_ == "xcomp"
                else [action]
            )
            found = self.refs(things, places=False) + self.thing_owners(things)
            found += self.refs(self.prep_objects(action, ["against", "on", "with", "to", "from"]))
            # "threatened to launch attacks in Y": a threatened act inside a state is aimed
            # at it; a capital named as a place is not an actor.
            inside = ["in", "inside"]
            found += self.refs(self.prep_objects(action, inside), places=False)
            for thing in things:
                found += self.refs(self.prep_objects(thing, ["against", "on", "with", "to", "of"]))
                found += self.refs(self.prep_objects(thing, inside), places=False)
            for ref in found:
                targets.setdefault(ref.name, ref)
        self.emit("opposes", self.refs(self.subjects(verb)), list(targets.values()), verb, "threat")
        # "X threatened to V unless Y V / if Y V": the threat is aimed at Y.
        conditions = [
            clause
            for head in [verb, *actions]
            for clause in head.children
            if clause.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children)
        ]
        conditioned = [c for clause in conditions for c in clause.children if c.dep_ == "nsubj"]
        self.emit(
            "opposes",
            self.refs(self.subjects(verb)),
            self.refs(conditioned, places=False),
            verb,
            "threat-condition",
        )

    def closure(self, verb: Token) -> None:
        """Reads "X closed its border with Y", "X shut its embassy in Y": a coercive act."""
        if self.negated(verb):
            return
        shut = [
            c for c in verb.children if c.dep_ == "dobj" and base(c) in self.lex.closure_objects
        ]
        if not shut:
            return
        others = self.prep_objects(verb, ["with", "to", "in"])
        for thing in shut:
            others += self.prep_objects(thing, ["with", "to", "in"])
        self.emit("opposes", self.refs(self.subjects(verb)), self.refs(others), verb, "closure")

    def demand_noun(self, noun: Token) -> None:
        """Reads "X's demand that Y V", "an ultimatum to Y", "a reminder to Y that ..."."""
        if self.negated(noun):
            return
        targets: list[Token] = []
        clauses = list(noun.children)
        # "X handed Y a list of demands": the list takes the verb for the demands.
        slot = self.partitive_head(noun) or noun
        if slot.dep_ == "dobj":
            # "X reiterated its demand today that Y ...": the clause may hang on the verb.
            clauses += [c for c in slot.head.children if c.dep_ == "ccomp"]
        for child in clauses:
            if child.dep_ in ("acl", "ccomp", "relcl") and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in child.children
            ):
                targets.extend(c for c in child.children if c.dep_ in ("nsubj", "nsubjpass"))
        targets += self._noun_objects(slot, ["to", "on"])
        if slot.dep_ == "dobj":
            targets += [c for c in slot.head.children if c.dep_ == "dative"]
        holders = self.refs(self.noun_holders(slot))
        self.emit("opposes", holders, self.refs(targets, places=False), noun, "demand-noun")

    def cooperative_refusal(self, verb: Token) -> None:
        """Reads "X refused to recognise Y", "X declined to meet Y": a refusal against Y."""
        head = verb.head
        refused = verb.dep_ == "xcomp" and head.lemma_.lower() in self.lex.refusal_verbs
        if refused and any(c.dep_ == "neg" for c in head.children):
            return  # "did not refuse to meet"
        if not refused:
            # "Y would not recognise X", "Y will never accept X": a stated refusal.
            if not (
                verb.lemma_.lower() in self.lex.cooperative_verbs
                # a refused tie is opposition; a refused meeting only no meeting
                and all(
                    rel == "allied-to" for rel, _ in self.lex.verb_relations(verb.lemma_.lower())
                )
                and any(c.dep_ == "neg" for c in verb.children)
                and any(c.dep_ == "aux" and c.lower_ in self.lex.future_aux for c in verb.children)
            ):
                return
            head = verb
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if not objects and verb.lemma_.lower() in ("allow", "let", "permit"):
            # "refused to allow Y's planes to land": the subject of the allowed clause.
            objects = [
                s
                for c in verb.children
                if c.dep_ == "ccomp"
                for s in c.children
                if s.dep_ in ("nsubj", "nsubjpass")
            ]
        targets = self.refs(objects, places=False) or self.thing_owners(objects)
        if not targets:
            # "refused to allow United Nations planes to land": the owner of the object.
            targets = [ref for obj in objects if (ref := self.actors.owner(obj)) is not None]
        partners = self.prep_objects(verb, ["with", "to"])
        # "refused to respond to Y's demand": the owner of what is refused.
        targets += self.refs(partners, places=False) or self.thing_owners(partners)
        self.emit("opposes", self.refs(self.subjects(head)), targets, head, "refusal")

    def refusal(self, verb: Token) -> None:
        """Reads "X refused to go to Y", "X will not travel to Y's capital": X opposes Y."""
        # "will not go" states a refusal; "did not go" only reports that it did not happen.
        refused = (
            any(c.dep_ == "neg" for c in verb.children)
            and any(c.dep_ == "aux" and c.lower_ in self.lex.future_aux for c in verb.children)
        ) or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.lex.refusal_verbs)
        if not refused:
            return
        places = self.prep_objects(verb, ["to"]) + [c for c in verb.children if c.dep_ == "dobj"]
        targets: list[Ref] = []
        for place in places:
            refs = self.actors.denote(place)
            if not refs and place.lemma_.lower() == "capital":
                refs = tuple(
                    r for c in place.children if c.dep_ == "poss" for r in self.actors.denote(c)
                )
            targets.extend(refs)
        anchor = verb.head if verb.dep_ == "xcomp" else verb
        self.emit("opposes", self.refs(self.subjects(verb)), targets, anchor, "refusal")

    def departure(self, noun: Token) -> None:
        """Reads "X demanded Y's departure", "X called for the departure of Y"."""
        targets = [c for c in noun.children if c.dep_ == "poss"] + self.prep_objects(noun, ["of"])
        if not targets:
            return
        governor = noun
        for _ in range(5):
            governor = governor.head
            if governor.pos_ in VERBS or governor.head.i == governor.i:
                break
        if governor.pos_ not in VERBS or self.negated(governor):
            return
        if governor.lemma_.lower() == "be":
            return
        demanders = self.demand_speaker(governor) or self.refs(self.subjects(governor))
        self.emit("opposes", demanders, self.refs(targets), governor, "departure")

    def cancelled_meeting(self, verb: Token) -> bool:
        """Reads "X called off plans to meet Y", "X scrapped its plan to visit Y": the
        cancellation is a refusal (X opposes Y), not a meeting. Says whether it fired."""
        plan = verb.head
        if verb.dep_ != "acl" or plan.dep_ != "dobj" or base(plan) not in self.lex.plan_nouns:
            return False
        canceller = plan.head
        if base(canceller) not in self.lex.rupture_verbs and not self.phrasal_rupture(canceller):
            return False
        if self.negated(canceller) or base(canceller) in self.lex.delay_verbs:
            return True  # "did not cancel" or "postponed plans to meet Y": no refusal yet
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += self.prep_objects(verb, ["with"])
        self.emit(
            "opposes",
            self.refs(self.subjects(canceller)),
            self.refs(objects, places=False),
            canceller,
            "cancelled-meeting",
        )
        return True
