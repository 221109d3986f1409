"""Alliance that is not a plain relation verb (allied-to).

- thanks: "X thanked Y for its support";
- exchanges: "X and Y exchanged ambassadors", "X and Y signed a defence pact";
- joint action, coordinated action in the guideline's sense: "X and Y jointly urged Z
  to withdraw", "X and Y issued a joint statement", "in a joint communique, X and Y
  said".
"""

from __future__ import annotations

from spacy.tokens import Token

from graphbuild.extract.mentions import base


class Alliance:
    def thank(self, verb: Token) -> None:
        """Reads "X thanked Y for its support": Y supports X."""
        if self.negated(verb):
            return
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        reasons = self.prep_objects(verb, ["for"])
        if objects and any(r.lemma_.lower() in self.lex.support_nouns for r in reasons):
            self.emit(
                "allied-to",
                self.refs(self.subjects(verb)),
                self.refs(objects),
                verb,
                "thank-for-support",
            )

    def exchange(self, verb: Token) -> None:
        """Reads "X shared intelligence with Y", "X exchanged information with Y": cooperation."""
        if self.negated(verb):
            return
        things = [
            c for c in verb.children if c.dep_ == "dobj" and base(c) in self.lex.exchange_objects
        ]
        if not things:
            return
        partners = self.prep_objects(verb, ["with"])
        for thing in things:
            partners += self.prep_objects(thing, ["with"])
        self.emit(
            "allied-to",
            self.refs(self.subjects(verb)),
            self.refs(partners, places=False),
            verb,
            "exchange-with",
        )

    def joint_action(self, verb: Token) -> None:
        """ "X and Y jointly V", "X and Y fought side by side", "X and Y, which together
        pledged aid": the actors who act together are allied ("together" only with a verb
        of making ties or of backing)."""
        if self.negated(verb):
            return
        side_by_side = any(c.lower_ == "side" for c in verb.children) and any(
            c.lower_ == "by" and any(o.lower_ == "side" for o in c.children)
            for c in verb.children
        )  # "X and Y fought side by side"
        if (
            not side_by_side
            and not any(c.dep_ == "advmod" and c.lower_ == "jointly" for c in verb.children)
        ) and not (
            base(verb) in self.lex.joint_verbs
            or any(r == "allied-to" for r, _ in self.lex.verb_relations(base(verb)))
        ):
            return
        subjects = self.subjects(verb)
        if verb.dep_ == "relcl" and len(subjects) == 1 and subjects[0].dep_ == "conj":
            # "X and Y, which together pledged aid": the clause hangs on the last conjunct.
            subjects = [subjects[0].head, *subjects[0].head.conjuncts]
        actors = self.refs(subjects)
        if len(actors) >= 2:
            self.emit_pairs("allied-to", actors, verb, "joint-action")

    def joint_statement(self, noun: Token) -> None:
        """ "a joint statement by X and Y", "X and Y issued a joint statement"; any joint
        undertaking of a clause's listed subjects: "X, Y and Z agreed to set up a joint
        mechanism", "X and Y launched joint patrols" (coordinated action)."""
        if self.negated(noun):
            return
        if base(noun) not in self.lex.statement_nouns | {"call", "appeal"}:
            if noun.dep_ != "dobj" or not any(
                c.dep_ == "amod" and c.lower_ == "joint" for c in noun.children
            ):
                return
            if self.negated(noun.head) or self.denied(noun.head):
                return
            heads = self.subjects(noun.head)
            if len(heads) >= 2 or any(h.conjuncts for h in heads):
                authors = self.refs(heads)
                if len(authors) >= 2:
                    self.emit_pairs("allied-to", authors, noun, "joint-action")
            return
        authors = self.refs(self.prep_objects(noun, ["by", "from", "of"]))
        if len(authors) < 2:
            authors = self.refs(self.noun_holders(noun))
        if len(authors) < 2 and noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX"):
            authors = self.refs(
                self.subjects(noun.head.head)
            )  # "in a joint statement, X and Y said"
        if len(authors) >= 2:
            self.emit_pairs("allied-to", authors, noun, "joint-statement")

    def acting_with(self, verb: Token) -> None:
        """ "X, together with Y, will provide aid", "X struck in coordination with Y", "X
        struck Z in support of Y": an act done with or for another actor is coordinated
        action (not for meetings: "X met
        together with Y" says who met)."""
        if (
            self.negated(verb)
            or self.lex.verb_relations(base(verb))
            and any(r == "met-with" for r, _ in self.lex.verb_relations(base(verb)))
        ):
            return
        partners: list[Token] = []
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            if prep.lower_ == "with" and any(
                c.dep_ == "advmod" and c.lower_ == "together" for c in prep.children
            ):
                partners += [o for o in prep.children if o.dep_ == "pobj"]
            if prep.lower_ == "in":
                for noun in (o for o in prep.children if o.dep_ == "pobj"):
                    if base(noun) in self.lex.cooperation_nouns:
                        partners += self.prep_objects(noun, ["with"])
                    if base(noun) in self.lex.support_nouns:
                        # "X struck Z in support of Y": done for Y
                        partners += self.prep_objects(noun, ["of", "for"])
        if partners:
            self.emit(
                "allied-to",
                self.refs(self.subjects(verb)),
                self.refs(partners),
                verb,
                "acting-with",
            )

    def co_authors(self, verb: Token) -> None:
        """ "a ceasefire brokered by X and Y", "the plan drawn up by X and Y", "the
        coalition, which is led by X and Y": those who made it together are allied (a
        jointly brokered deal is coordinated action); not "signed" or "negotiated by X and
        Y", whose agents are its sides."""
        if verb.tag_ != "VBN" or self.negated(verb):
            return
        authors = self.refs(self.prep_objects(verb, ["by"]))
        if len(authors) >= 2:
            self.emit_pairs("allied-to", authors, verb, "co-authors")
