"""Armed conflict stated as a noun, with its sides (opposes, both directions).

A war, clash, battle or ceasefire names two sides that fight each other; the guideline
makes fighting ``opposes`` in both directions, stated in the past or now. The sides are
found wherever English puts them:

- "between": "clashes between the army and the Rapid Front erupted";
- the holder and a partner: "Freedonia's war with Sylvania", "the rebels fought a
  battle against Freedonia", "Sylvania agreed to a truce with the Front" (a truce is made
  between those who fought);
- two actors modifying the noun: "the Freedonia-Sylvania war", "Freedonian-Sylvanian
  clashes";
- a conflict that pits one side against the other: "the war pits the army against the
  Front" (``pitting_verbs``).

A mediator is no side ("the truce brokered by Z between X and Y": X and Y only), and a
negated or denied conflict gives nothing. The conflict nouns are the lexicon's
``conflict_nouns`` (cues.json).
"""

from __future__ import annotations

from spacy.tokens import Token

from graphbuild.extract.mentions import Ref


class Conflicts:
    def conflict(self, noun: Token) -> None:
        if self.negated(noun) or (noun.head.pos_ == "VERB" and self.negated(noun.head)):
            return
        if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "on") and self._is_topic(noun):
            return
        rule = f"conflict-{noun.lemma_.lower()}"
        sides = self._modifier_sides(noun)
        if len(sides) >= 2:
            self.emit_pairs("opposes", sides, noun, rule)
            return
        between = self.refs(self._noun_objects(noun, ["between"]))
        if len(between) >= 2:
            self.emit_pairs("opposes", between, noun, rule)
            return
        partners = self.refs(self._noun_objects(noun, ["with", "against"]))
        if not partners:
            return
        if self._brokered(noun):
            return  # "Z brokered a truce with the rebels": Z is no side
        owner = self.actors.owner(noun)
        holders = [owner] if owner is not None else self.refs(self.noun_holders(noun))
        for holder in holders:
            for partner in partners:
                self.emit("opposes", [holder], [partner], noun, rule)
                self.emit("opposes", [partner], [holder], noun, rule)

    def _modifier_sides(self, noun: Token) -> list[Ref]:
        """Actors among the noun's modifiers: "the Iran-Iraq war" (a chain of compounds)."""
        found: dict[str, Ref] = {}
        stack = [
            c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i
        ]
        while stack:
            mod = stack.pop()
            if mod.lemma_.lower() in self.lex.mediating_verbs | self.lex.leading_words:
                continue  # "a Russian-brokered truce", "the US-led war": no side
            ref = self.actors.entity_ref(mod) or self.actors.state_of_modifier(mod)
            if ref is not None:
                found.setdefault(ref.name, ref)
            stack.extend(
                c
                for c in mod.children
                if c.dep_ in ("compound", "amod", "nmod", "conj", "npadvmod")
            )
        return sorted(found.values(), key=lambda r: r.token)

    def _brokered(self, noun: Token) -> bool:
        head = noun.head
        if noun.dep_ == "dobj" and head.lemma_.lower() in self.lex.mediating_verbs:
            return True
        return any(
            c.dep_ in ("amod", "acl") and c.lemma_.lower() in self.lex.mediating_verbs
            for c in noun.children
            if c.i > noun.i or c.dep_ == "acl"
        )

    def _is_topic(self, noun: Token) -> bool:
        """ "a report on the war", "the history of the conflict": a topic, not an event."""
        governor = noun.head.head
        return governor.pos_ in ("NOUN", "PROPN") and governor.lemma_.lower() in (
            self.lex.topic_nouns
        )

    def pitting(self, verb: Token) -> None:
        """ "The war pits X against Y": X and Y oppose each other."""
        if self.negated(verb):
            return
        sides = self.refs([c for c in verb.children if c.dep_ == "dobj"])
        others = self.refs(self.prep_objects(verb, ["against"]))
        for side in sides:
            for other in others:
                self.emit("opposes", [side], [other], verb, "conflict-pits")
                self.emit("opposes", [other], [side], verb, "conflict-pits")

