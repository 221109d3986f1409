"""What the clause around a trigger does to it: negation, modality, appeals.

- negation: "X will not meet Y", "X was refused permission to visit Y" give no claim;
- modality: "X will meet Y" is planned, "Z said X met Y" reported, else asserted;
- demands made by a speaker: "X said Y should condemn Z" (X opposes Z);
- appeals: "X urged Y to back Z" states no alliance of Y and Z.
"""

from __future__ import annotations

from spacy.tokens import Token

from graphbuild.extract.mentions import Ref
from graphbuild.extract.rules.tags import VERBS
from graphbuild.records import Modality, RelationName


class Clauses:
    def negated(self, token: Token) -> bool:
        current = token
        for _ in range(4):
            if any(c.dep_ == "neg" for c in current.children):
                return True
            if current is not token and current.lemma_.lower() in self.lex.refusal_verbs:
                return True
            # "refused permission to visit Y": through the noun the infinitive hangs on.
            if current.dep_ in ("xcomp", "pobj", "prep", "pcomp", "dobj", "acl") and (
                current.head.i != current.i
            ):
                current = current.head
            else:
                break
        return any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)

    def modality(self, token: Token) -> Modality:
        """Planned (future, modal, "expects to"), reported (under a verb of saying or
        "according to") or asserted, read on the path from the trigger to the root."""
        future = False
        reported = False
        current = token
        previous: Token | None = None
        via_clause = False
        in_complement = False
        for _ in range(10):
            lemma = current.lemma_.lower()
            if not via_clause and any(
                c.dep_ == "aux" and c.lower_ in self.lex.future_aux for c in current.children
            ):
                future = True
            if (
                previous is not None
                and previous.dep_ == "xcomp"
                and lemma in self.lex.plan_verbs
                and not via_clause
            ):
                future = True  # "expects to meet", "is to meet", "agreed to meet"
            if in_complement and lemma in self.lex.reporting_verbs:
                reported = True  # the trigger sits in what is said, not in who says it
            if (
                previous is not None
                and previous.dep_ == "pcomp"
                and current.lower_ == "of"
                and current.head.lemma_.lower() in self.lex.accusing_verbs
            ):
                reported = True  # "X was accused of supplying Y": someone's claim
            if current.dep_ in ("ccomp", "parataxis"):
                via_clause = True
            if current.dep_ in ("ccomp", "parataxis", "xcomp"):
                in_complement = True
            if current.head.i == current.i:
                break
            previous, current = current, current.head
        if "according to" in token.sent.text.lower():
            reported = True
        if future:
            return "planned"
        return "reported" if reported else "asserted"

    def demand_speaker(self, token: Token) -> list[Ref]:
        """Reads "X said Y should condemn Z": the speaker X, who makes the demand."""
        clause = token
        for _ in range(8):
            if any(c.dep_ == "aux" and c.lower_ in self.lex.demand_modals for c in clause.children):
                head = clause.head
                if clause.dep_ == "ccomp" and head.lemma_.lower() in self.lex.reporting_verbs:
                    return self.refs(self.subjects(head))
                return []
            if clause.head.i == clause.i:
                return []
            clause = clause.head
        return []

    def appealed(self, token: Token) -> bool:
        """Whether the trigger's clause is what someone is urged or asked to do."""
        current = token
        for _ in range(4):
            if current.dep_ != "xcomp" and current.pos_ in VERBS:
                return False
            head = current.head
            if current.dep_ == "xcomp" and head.lemma_.lower() in self.lex.appeal_verbs:
                return True
            if head.i == current.i:
                return False
            current = head
        return False

    def discusses(self, noun: Token) -> bool:
        """Whether ``noun`` is the object of a verb of talking or meeting."""
        return self._object_of(noun, "met-with", self.lex.communication_verbs)

    def rejects(self, noun: Token) -> bool:
        """Whether ``noun`` is the object of a verb of opposition or refusal."""
        return self._object_of(noun, "opposes", self.lex.rupture_verbs)

    def _object_of(self, noun: Token, relation: RelationName, also: frozenset[str]) -> bool:
        """Whether ``noun`` is the direct object of a verb of ``relation`` or in ``also``."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.pos_ not in VERBS:
            return False
        lemma = verb.lemma_.lower()
        return lemma in also or any(rel == relation for rel, _ in self.lex.verb_relations(lemma))

    def denied(self, token: Token) -> bool:
        """ "X denies backing Y", "X denied that it had attacked Y": the act is denied, and
        the denial is no refusal either."""
        current = token
        for _ in range(4):
            if current.lemma_.lower() in self.lex.denial_verbs and any(
                c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and c.tag_ == "VBG")
                for c in current.children
            ):
                return True
            if current.dep_ not in ("xcomp", "ccomp", "pcomp", "dobj", "prep", "pobj"):
                return False
            if current.head.i == current.i:
                return False
            current = current.head
        return False
