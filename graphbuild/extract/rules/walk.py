"""The walk over a document's sentences, the dispatch of each token to its rules, and
the emission of claims.

Each sentence is walked once; a token costs a few set look-ups unless it is a trigger.
Verbs go to ``verb``, nouns to ``noun``, adjectival words to ``adjective``; the rule that
fires emits through ``emit``, which drops appeals, gives a demand its speaker, and records
the sentence and the modality.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

from spacy.tokens import Span, Token

from graphbuild.extract.lexicon import Lexicon
from graphbuild.extract.mentions import Actors, Ref, base
from graphbuild.extract.rules.tags import APPEAL_RULES, NOUNS, VERBS
from graphbuild.records import SYMMETRIC, Claim, RelationName


class Walk:
    def __init__(self, actors: Actors, lexicon: Lexicon, doc_id: str) -> None:
        self.actors = actors
        self.lex = lexicon
        self.doc_id = doc_id
        self.claims: list[Claim] = []
        self._sent: Span | None = None

    def emit(
        self,
        relation: RelationName,
        sources: list[Ref],
        targets: list[Ref],
        anchor: Token,
        rule: str,
    ) -> None:
        if not sources or not targets:
            return
        if rule not in APPEAL_RULES and self.appealed(anchor):
            return  # "X urged Y to support Z": an appeal, not a stated relation
        if self.denied(anchor):
            return  # "X denies backing Z": neither backing nor opposition
        if relation == "opposes" and rule != "demand":
            speaker = self.demand_speaker(anchor)
            if speaker:
                sources = speaker
        sent = anchor.sent
        # Whitespace tokens (blank lines) can end a sentence span: evidence is the text alone.
        text = sent.text.rstrip()
        start = sent.start_char + len(text) - len(text.lstrip())
        text = text.lstrip()
        modality = self.modality(anchor)
        for source in sources:
            for target in targets:
                if source.name == target.name:
                    continue
                self.claims.append(
                    Claim(
                        doc=self.doc_id,
                        relation=relation,
                        source=source.name,
                        target=target.name,
                        sentence=text,
                        start=start,
                        end=start + len(text),
                        modality=modality,
                        rule=rule,
                        trigger=anchor.i,  # dated from its sentence by extract.dates
                    )
                )
                self.used.append(source)
                self.used.append(target)

    def emit_pairs(self, relation: RelationName, refs: list[Ref], anchor: Token, rule: str) -> None:
        """Every pair of ``refs`` with each other; a directed relation both ways ("X and Y
        clashed": each opposes the other)."""
        for left, right in combinations(refs, 2):
            self.emit(relation, [left], [right], anchor, rule)
            if relation not in SYMMETRIC:
                self.emit(relation, [right], [left], anchor, rule)

    def run(self, sentences: Iterable[Span]) -> list[Claim]:
        self.used: list[Ref] = []
        self.roster = {}
        self.unplaced = {}
        self.gathering_named = False
        for sent in sentences:
            for token in sent:
                pos = token.pos_
                if (
                    pos in VERBS
                    or token.tag_.startswith("VB")
                    or (token.dep_ == "relcl" and any(c.dep_ == "nsubj" for c in token.children))
                ):  # a relative clause's head with a subject is a verb whatever its tag
                    self.verb(token)
                if pos in NOUNS:
                    self.noun(token)
                    if (
                        not self.gathering_named
                        and token.lemma_.lower() in self.lex.gathering_nouns
                    ):
                        self.note_gathering(token)
                elif (
                    token.tag_ == "VBG"
                    and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
                    and token.lower_ in self.lex.conflict_nouns
                ):
                    self.conflict(token)  # "Fighting between X and Y erupted": a gerund noun
                if token.lower_ in ("pro", "anti") and token.i + 2 < sent.end:
                    self.stance_prefix(token)
                if (
                    token.dep_ in ("acomp", "amod", "prep", "attr", "conj", "advmod")
                    or pos == "ADJ"
                    or token.tag_ == "VBN"
                ):
                    self.adjective(token)
        self.close_roster()
        return self.claims

    def verb(self, verb: Token) -> None:
        lemma = verb.lemma_.lower()
        if lemma in self.lex.departure_verbs or lemma in self.lex.concession_verbs:
            self.demand(verb)
        if lemma in self.lex.movement_verbs:
            self.refusal(verb)
        if lemma == "thank":
            self.thank(verb)
        if lemma in self.lex.communication_verbs:
            self.purpose_visit(verb)
        if lemma in self.lex.arrival_verbs and verb.pos_ in VERBS:
            self.visit_destination(verb)
        if verb.lower_ == "visiting" and verb.dep_ in ("amod", "acl"):
            self.visiting(verb)
        if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
            self.where_clause(verb)
        if lemma in self.lex.copulas and verb.pos_ in VERBS:
            self.copula(verb)
        if lemma in self.lex.strong_demand_verbs or any(
            c.dep_ == "aux" and c.lower_ == "must" for c in verb.children
        ):
            self.strong_demand(verb)
        if lemma == "threaten":
            self.threat(verb)
        if lemma in self.lex.exchange_verbs:
            self.exchange(verb)
        if lemma in self.lex.closure_verbs:
            self.closure(verb)
        if lemma in self.lex.evaluation_verbs:
            self.evaluation(verb)
        if lemma in self.lex.reporting_verbs and verb.pos_ in VERBS:
            self.speech(verb)
        if lemma in self.lex.attending_verbs or lemma in ("include", "be"):
            self.attendance(verb)
        if lemma in self.lex.pitting_verbs:
            self.pitting(verb)
        if lemma in self.lex.signing_verbs or lemma == "put":
            self.signing(verb)
        if lemma in ("sit", "face"):
            self.across_the_table(verb)
        if lemma in self.lex.authoring_verbs:
            self.co_authors(verb)
        if lemma in self.lex.gathering_verbs:
            self.gathering(verb)
        if (
            lemma in self.lex.participation_verbs
            or lemma in self.lex.communication_verbs
            or lemma in ("take", "participate", "represent")
        ):
            self.participation(verb)
        if any(
            (c.dep_ == "advmod" and c.lower_ in self.lex.joint_adverbs)
            or (c.dep_ == "npadvmod" and c.lower_ == "side")
            for c in verb.children
        ):
            self.joint_action(verb)
        if any(c.dep_ == "prep" and c.lower_ in ("with", "in") for c in verb.children):
            self.acting_with(verb)
        relations = self.lex.verb_relations(lemma)
        if lemma in self.lex.cooperative_verbs or any(r != "opposes" for r, _ in relations):
            self.cooperative_refusal(verb)
        if verb.tag_ == "VBN" and verb.dep_ in ("amod", "compound", "nmod"):
            if lemma in self.lex.hyphen_ties:
                # "the al Qaeda-linked group", "Iran-aligned militias"
                relations = (("allied-to", frozenset()),)
            if relations and not self.negated(verb):
                self.hyphen_backed(verb, relations)
            return
        if not relations or self.negated(verb):
            return
        if any(r == "met-with" for r, _ in relations) and self.cancelled_meeting(verb):
            return
        for relation, frames in relations:
            self.verb_frames(verb, relation, frames)

    def noun(self, noun: Token) -> None:
        lemma = noun.lemma_.lower()
        if not self.lex.noun_relations(lemma) and any(
            c.dep_ == "compound" and base(c) in self.lex.programme_kinds for c in noun.children
        ):
            # "a military aid program for Y" is aid for Y.
            lemma = next(
                base(c)
                for c in noun.children
                if c.dep_ == "compound" and base(c) in self.lex.programme_kinds
            )
        if lemma in self.lex.visit_nouns:
            self.visit_noun(noun)
        if lemma in self.lex.departure_nouns:
            self.departure(noun)
        if lemma in self.lex.demand_nouns:
            self.demand_noun(noun)
        if lemma in self.lex.conflict_nouns:
            self.conflict(noun)
        if lemma in self.lex.agreement_nouns:
            self.brokered_between(noun)
        if any(c.dep_ == "amod" and c.lower_ in self.lex.joint_modifiers for c in noun.children):
            self.joint_statement(noun)
        relations = self.lex.noun_relations(lemma)
        if noun.dep_ in ("nsubj", "nsubjpass") and base(noun.head) in self.lex.rupture_verbs:
            return  # "the planned talks between X and Y were cancelled"
        if not relations and any(
            c.dep_ == "compound" and c.lemma_.lower() in ("phone", "telephone", "video")
            for c in noun.children
        ):
            # "in a phone call with Y", "X told Y in a phone call".
            self.meeting(noun, frozenset({"with", "between"}))
            return
        if not relations and any(
            c.dep_ == "compound" and c.lemma_.lower() == "mediation" for c in noun.children
        ):
            # "a mediation mission between X and Y" is a mediation.
            self.meeting(noun, frozenset({"between"}), mediation=True)
            return
        if not relations:
            return
        slot = self.partitive_head(noun) or noun
        governor = slot.head if slot.head.pos_ in VERBS else noun
        ruptured_tie = (
            slot.dep_ == "dobj"
            and (base(slot.head) in self.lex.rupture_verbs or self.phrasal_rupture(slot.head))
            and base(slot.head) not in self.lex.delay_verbs
            and any(rel != "opposes" for rel, _ in relations)
        )
        # "X cancelled its visit to Y", "X rejected talks with Y": a refusal verb ends the
        # tie rather than negating the claim; only "did not cancel" negates it.
        if ruptured_tie:
            if self.negated(governor) or any(
                c.dep_ == "det" and c.lower_ == "no" for c in noun.children
            ):
                return
        elif self.negated(noun) or (governor is not noun and self.negated(governor)):
            return
        if ruptured_tie:
            # "X broke off relations with Y", "X suspended aid to Y": the negation of a tie.
            targets = self.refs(self.prep_objects(noun, ["with", "to", "between", "for"]))
            targets += self.refs(self.prep_objects(slot.head, ["with", "to"]))
            holders = self.noun_holders(noun) or self.noun_holders(slot)
            self.emit("opposes", self.refs(holders), targets, slot.head, "rupture")
            return
        ruptured = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
        if (
            ruptured is not None
            and base(ruptured) in self.lex.rupture_nouns
            and (
                ruptured.dep_ in ("dobj", "attr", "appos")
                or any(c.dep_ == "poss" for c in ruptured.children)
            )
            and any(rel != "opposes" for rel, _ in relations)
        ):
            # "X announced the suspension of ties with Y", "X's freeze of aid to Y".
            targets = self.refs(self.prep_objects(noun, ["with", "to", "between", "for"]))
            self.emit(
                "opposes", self.refs(self.noun_holders(ruptured)), targets, ruptured, "rupture-noun"
            )
            return
        if (
            noun.dep_ == "dobj"
            and base(noun.head) in self.lex.rupture_verbs | self.lex.lifting_verbs
            and all(rel == "opposes" for rel, _ in relations)
        ):
            return  # "X lifted its sanctions on Y", "X halted the offensive against Y"
        for relation, preps in relations:
            if relation == "met-with":
                self.meeting(noun, preps)
            elif lemma in self.lex.ally_nouns:
                self.ally(noun, relation, preps)
            else:
                self.noun_frames(noun, relation, preps)
