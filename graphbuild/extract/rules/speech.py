"""Opposition stated in what a speaker says: the speaker opposes the actor it is about.

The speaker is the subject of a verb of saying; what is said is its clausal complement,
quoted ('"...," X said', 'X said: "..."') or reported ("X said that ...").

- a label of contempt: '"Y is a criminal gang," X said' -> X opposes Y;
- a refused acceptance: '"We will never accept Y's conditions," X said', "X said the
  rebels would accept no role for Y" -> X opposes Y;
- a denied role: '"Y has no future role," X said', "X said there was no place for Y in
  the government" -> X opposes Y;
- a charge: "X charged that Y was arming Z" -> X opposes Y (and Y's act stays reported).

The words are the lexicon's ``insult_nouns``, ``negative_evaluations``, ``role_nouns`` and
``acceptance_verbs`` (cues.json). A
negated label ("Y is not a terrorist group") says nothing against Y.
"""

from __future__ import annotations

from spacy.tokens import Token

from graphbuild.extract.mentions import Ref, base


class Speech:
    def speech(self, verb: Token) -> None:
        if self.negated(verb):
            return
        speakers = self.refs(self.subjects(verb))
        if not speakers:
            return
        for said in (c for c in verb.children if c.dep_ in ("ccomp", "parataxis")):
            targets = self._labelled(said) + self._refused(said) + self._excluded(said)
            if base(verb) in self.lex.accusing_verbs:
                targets += self.refs([c for c in said.children if c.dep_ == "nsubj"])
            self.emit("opposes", speakers, targets, verb, "speech")

    def _labelled(self, said: Token) -> list[Ref]:
        """ "Y is a criminal gang", "Y was a puppet of Z"."""
        if base(said) != "be" or self.negated(said):
            return []
        if not any(
            (c.dep_ == "attr" and base(c) in self.lex.insult_nouns)
            or (c.dep_ in ("attr", "acomp") and base(c) in self.lex.negative_evaluations)
            for c in said.children
        ):
            return []
        return self.refs([c for c in said.children if c.dep_ == "nsubj"], places=False)

    def _refused(self, said: Token) -> list[Ref]:
        """ "we will never accept Y's conditions", "would accept no role for Y"."""
        if base(said) not in self.lex.acceptance_verbs:
            return []
        objects = [c for c in said.children if c.dep_ == "dobj"]
        no_object = any(
            d.dep_ == "det" and d.lower_ == "no" for obj in objects for d in obj.children
        )
        if not (no_object or any(c.dep_ == "neg" for c in said.children)):
            return []
        targets = self.refs(objects) + self.thing_owners(objects)
        for obj in objects:
            targets += self.refs(self.prep_objects(obj, ["for", "of", "by"]))
            for child in obj.children:  # "the conditions set by Y"
                if child.dep_ == "acl":
                    targets += self.refs(self.prep_objects(child, ["by"]))
        return targets

    def _excluded(self, said: Token) -> list[Ref]:
        """ "Y has no future role", "there is no place for Y in the government"."""
        if self.negated(said):
            return []
        denied = [
            c
            for c in said.children
            if c.dep_ in ("dobj", "attr")
            and base(c) in self.lex.role_nouns
            and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        ]
        if not denied:
            return []
        if base(said) == "have":
            return self.refs([c for c in said.children if c.dep_ == "nsubj"], places=False)
        return self.refs([o for noun in denied for o in self.prep_objects(noun, ["for"])])
