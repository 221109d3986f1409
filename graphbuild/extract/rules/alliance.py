"""Alliance that is not a plain relation verb (allied-to).

- thanks: "X thanked Y for its support";
- exchanges: "X and Y exchanged ambassadors", "X and Y signed a defence pact".
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
