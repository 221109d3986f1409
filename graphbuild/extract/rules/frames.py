"""Lexicon frames: a relation verb, noun or adjective and the slots its arguments fill.

``relations.json`` lists, per relation, each trigger with the prepositions (and ``dobj``,
``recip``) its target may take:

- verbs: "X condemned Y", "X sided with Y", "X and Y clashed", "Y was criticised by X";
- nouns: "X's support for Y", "X's criticism of Y", "X, a longtime ally of Y";
- adjectives: "X is hostile to Y", "X-backed Y", "pro-X", "anti-Y";
- copulas: "X is Y's main ally".
"""

from __future__ import annotations

from spacy.tokens import Token

from graphbuild.extract.mentions import Ref, base
from graphbuild.extract.rules.tags import NOUNS, VERBS
from graphbuild.gazetteer import state_match
from graphbuild.records import RelationName


class Frames:
    def verb_frames(self, verb: Token, relation: RelationName, frames: frozenset[str]) -> None:
        lemma = verb.lemma_.lower()
        places = lemma not in self.lex.place_taking_words
        preps = [f for f in frames if f not in ("dobj", "recip")]
        patients = self.patients(verb)
        if patients or any(c.dep_ == "auxpass" for c in verb.children):
            agents = self.prep_objects(verb, ["by"])
            if agents and "dobj" in frames:
                if relation == "opposes" and not self.refs(agents):
                    # "X was toppled by a Y-led invasion": the act's owner does it.
                    owners = [self.actors.owner(a) for a in agents]
                    agent_refs = [o for o in owners if o is not None]
                    if agent_refs:
                        self.emit(
                            relation, agent_refs, self.refs(patients, places), verb, "passive-by"
                        )
                backed = self.refs(patients, places)
                if not backed and relation == "allied-to" and verb.dep_ == "acl":
                    # "an offensive by X, backed by Z": Z backs whoever holds the act.
                    backed = self.refs(
                        [h for p in patients if p.pos_ == "NOUN" for h in self.noun_holders(p)]
                    )
                self.emit(relation, self.refs(agents), backed, verb, "passive-by")
            if preps:
                objects = self.prep_objects(verb, preps)
                self.emit(
                    relation,
                    self.refs(patients),
                    self.refs(objects, places),
                    verb,
                    f"verb-{preps[0]}",
                )
            return
        subjects = self.refs(self.subjects(verb))
        if not subjects:
            return
        targets: list[Ref] = []
        rule = "verb"
        objects = [c for c in verb.children if c.dep_ in ("dobj",)]
        if verb.dep_ == "relcl" and any(o.lower_ in ("whom", "which", "that") for o in objects):
            # "Y, whom X and Z recognise as president": the object is the noun the clause
            # hangs on.
            objects = [verb.head if o.lower_ in ("whom", "which", "that") else o for o in objects]
        if not objects and "dobj" in frames:
            # "X denounced as a crime Y's crackdown": the object shifted after "as ...".
            objects = [
                a
                for obj in self.prep_objects(verb, ["as"])
                for a in obj.children
                if a.dep_ == "appos"
            ]
        if "dobj" in frames:
            targets = self.refs(objects, places)
            rule = "verb-object"
            if not targets and relation != "met-with":
                # "X rejected Y's proposal", "X denounced the suppression by Y".
                targets = self.thing_owners(objects)
                rule = "verb-owned-object"
        if preps and not targets:
            if relation == "allied-to" and "to" in preps:
                # "supplied Y with weapons": the object is the one helped.
                aided = [
                    o
                    for o in self.prep_objects(verb, ["with"])
                    if base(o) in self.lex.aid_objects or o.lower_ in self.lex.aid_objects
                ]
                if aided and self.refs(objects, places):
                    self.emit(relation, subjects, self.refs(objects, places), verb, "verb-with-aid")
                    return
                # "send arms to Y", "gave Y millions of aid": only aid makes an ally; a
                # suspect handed to Y's courts is cooperation with Y whoever it is.
                if (
                    objects
                    and lemma not in self.lex.handover_verbs
                    and not any(
                        base(t) in self.lex.aid_objects or t.lower_ in self.lex.aid_objects
                        for obj in objects
                        for t in obj.subtree
                    )
                ):
                    return
                datives = [c for c in verb.children if c.dep_ == "dative" and c.pos_ in NOUNS]
                if not objects and not self.prep_objects(verb, ["to"]):
                    # "gave Y 72 hours to leave": given nothing, Y is not helped.
                    datives = []
                if len(objects) >= 2:
                    # "granted Y the status of ...": the parser may take both for objects.
                    datives += [
                        o
                        for o in objects
                        if base(o) not in self.lex.aid_objects and o.pos_ in NOUNS
                    ]
                targets = self.refs(datives, places)
            if not targets:
                prep_objects = self.prep_objects(verb, preps)
                if relation == "met-with" and "with" in preps:
                    # "X negotiated a ceasefire with Y", "X discussed the crisis with Y":
                    # the partner may hang on the object, unless the object is itself a
                    # relation noun ("discussed Z's dispute with Y").
                    prep_objects += [
                        o
                        for obj in objects
                        if not self.lex.noun_relations(base(obj))
                        or not any(c.dep_ == "poss" for c in obj.children)
                        for o in self.prep_objects(obj, ["with"])
                    ]
                targets = self.refs(prep_objects, places)
                if not targets and relation == "opposes":
                    # "X protested over Y's raids", "X complained about the decision by Y".
                    targets = self.thing_owners(prep_objects)
            rule = f"verb-{preps[0]}"
        if targets:
            if relation == "opposes":
                # "X has been fighting Y alongside Z's forces": Z fights Y too.
                subjects = subjects + [
                    c
                    for c in self.refs(self.prep_objects(verb, ["alongside"]))
                    if c.name not in {t.name for t in targets}
                ]
            self.emit(relation, subjects, targets, verb, rule)
            if (
                relation == "opposes"
                and lemma in self.lex.fighting_verbs
                and self.modality(verb) != "planned"
            ):
                # fighting is mutual; a pledge to fight Y is the pledger's stance alone
                self.emit(relation, targets, subjects, verb, rule)
        elif (
            "recip" in frames
            and len(subjects) >= 2
            and not any(
                c.dep_ == "dobj" and c.lower_ not in ("other", "another") for c in verb.children
            )  # "X and Y fought each other"
        ):
            self.emit_pairs(relation, subjects, verb, "verb-reciprocal")

    def tie_tone(self, noun: Token) -> RelationName | None:
        """ "good relations", "relations have soured", "close ties": whether a neutral tie
        noun is friendly (allied-to), hostile (opposes) or says neither (None), read from
        its modifiers and the verb it is the subject of."""
        words = [base(c) for c in noun.children if c.dep_ in ("amod", "compound")]
        if noun.dep_ in ("nsubj", "nsubjpass"):
            words += [base(noun.head)] + [
                base(c) for c in noun.head.children if c.dep_ in ("acomp", "advmod")
            ]
        if any(w in self.lex.hostile_tie_words for w in words):
            return "opposes"
        if any(w in self.lex.friendly_tie_words for w in words):
            return "allied-to"
        return None

    def noun_frames(self, noun: Token, relation: RelationName, preps: frozenset[str]) -> None:
        places = base(noun) not in self.lex.place_taking_words
        toned = False
        if base(noun) in self.lex.neutral_ties and noun.dep_ in ("nsubj", "nsubjpass"):
            # "relations with Y have soured": the verb says which; a subject tie with no
            # friendly or hostile word says nothing.
            tone = self.tie_tone(noun)
            if tone is None:
                return
            relation, toned = tone, True
        if relation == "allied-to" and base(noun) in self.lex.alliance_nouns:
            listed = self.prep_objects(noun, ["of"])
            if listed:
                # "an alliance of X, Y and Z": the parser may hang Y on the noun.
                listed += [c for c in noun.children if c.dep_ == "appos" and c.i > listed[0].i]
            members = self.refs(listed)
            if len(members) >= 2:
                # "an alliance of X, Y and Z": the members with each other.
                self.emit_pairs(relation, members, noun, "alliance-members")
                return
        objects = self._noun_objects(noun, [p for p in preps if p != "of"] or preps)
        targets = self.refs(objects, places=places)
        if not targets and relation == "opposes":
            # "a protest against the violations by Y", "opposition to Y's plan".
            targets = self.thing_owners(objects)
        between = self.refs(self._noun_objects(noun, ["between"]), places=places)
        if len(between) >= 2 and (toned or base(noun) not in self.lex.neutral_ties):
            # "an agreement between X and Y was signed", "the rivalry between X and Y",
            # "Z mediated in the dispute between X and Y": the two sides hold it with each
            # other; a third party who signs, brokers or mediates is neither side.
            if not (noun.dep_ == "pobj" and base(noun.head.head) in self.lex.rupture_nouns):
                self.emit_pairs(relation, between, noun, f"between-{base(noun)}")
            return
        if not targets:
            if (
                relation == "allied-to"
                and noun.dep_ == "dobj"
                and "between" in preps
                and base(noun.head) in self.lex.joint_verbs
            ):
                # "X and Y signed a treaty", "X and Y upgraded their ties"; not "X and Y
                # criticised the deal".
                holders = self.refs(self.noun_holders(noun))
                if len(holders) >= 2:
                    self.emit_pairs(relation, holders, noun, f"joint-{base(noun)}")
            return
        if relation == "opposes":
            owner = self.actors.owner(noun)
            if owner:
                holders = [owner]
            elif self.rejects(noun) or self.discusses(noun):
                # "X criticised the sanctions against Y": X is against the measure, not Y;
                # "X discussed the dispute with Y": X talks about it with Y.
                holders = []
            else:
                holders = self.refs(self.noun_holders(noun))
        else:
            holders = self.refs(self.noun_holders(noun))
        self.emit(relation, holders, targets, noun, f"noun-{noun.lemma_.lower()}")

    def ally(self, noun: Token, relation: RelationName, preps: frozenset[str]) -> None:
        """Reads "its ally X", "X, a longtime ally of Y", "X is one of the allies of Y"."""
        owners = [c for c in noun.children if c.dep_ == "poss"] + self.prep_objects(noun, preps)
        members = [c for c in noun.children if c.dep_ == "appos"] + self.prep_objects(
            noun, self.lex.inclusion_preps
        )
        if noun.dep_ in ("appos", "compound") and noun.head.pos_ in NOUNS:
            head = noun.head
            while head.dep_ == "conj" and head.head.pos_ in NOUNS:
                head = head.head  # "Turkey and Qatar, its main backers": both are
            members.append(head)
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
            members.extend(self.noun_holders(noun.head.head))
        if not members and noun.dep_ == "attr" and noun.head.pos_ in VERBS:
            # "X is Y's main ally": the subject is the ally, Y's possessive the one allied to.
            members = self.subjects(noun.head) or [
                c for c in noun.head.children if c.dep_ == "nsubjpass"
            ]
        if not members and noun.dep_ in ("attr", "dobj", "pobj"):
            members = self.noun_holders(noun)
        if not members and base(noun) in self.lex.support_nouns:
            # "X's support for Y was praised": the owner of an act of support gives it.
            members = [c for c in noun.children if c.dep_ == "poss"]
            owners = self.prep_objects(noun, preps)
        members_refs = self.refs(members)
        taken = {ref.name for ref in members_refs}
        # "X, Y and Z travelled to show their support for ...": a group's own support.
        owner_refs = [ref for ref in self.refs(owners) if ref.name not in taken]
        self.emit(relation, members_refs, owner_refs, noun, "ally-noun")
        if (
            not owner_refs
            and relation == "allied-to"  # "X and Y are rivals" is a label with no act
            and noun.dep_ == "attr"
            and noun.tag_ in ("NNS", "NNPS")
            and base(noun) not in self.lex.support_nouns
            and len(members_refs) >= 2
        ):
            # "X and Y are allies", "X and Y are co-sponsors of the resolution": each other's.
            self.emit_pairs(relation, members_refs, noun, "ally-noun-mutual")

    def adjective(self, token: Token) -> None:
        relations = self.lex.adjective_relations(token.lemma_.lower())
        if not relations:
            relations = self.lex.adjective_relations(token.lower_)
        if not relations:
            return
        head = token.head
        if token.dep_ == "acomp" and head.pos_ in VERBS:
            subjects = self.refs(self.subjects(head))
            anchor = head
        elif token.dep_ in ("amod", "appos") and head.pos_ in NOUNS:
            if token.lemma_.lower() in self.lex.loyalty_words and (
                base(head) in self.lex.owner_nouns or base(head) in self.lex.state_nouns
            ):
                return  # "troops loyal to X" are X's troops (an owner), not X's ally
            subjects = self.refs([head])
            anchor = token
        elif token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children):
            # "X is opposed to Y" parsed as a passive verb; the subject may hang on "is".
            holders = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")] + [
                s
                for c in token.children
                if c.dep_ == "auxpass"
                for s in c.children
                if s.dep_ in ("nsubj", "nsubjpass")
            ]
            subjects = self.refs(holders)
            anchor = token
        else:
            return
        if self.negated(anchor) or self.negated(token):
            return
        for relation, preps in relations:
            objects = self.prep_objects(token, preps)
            targets = self.refs(objects)
            if not targets and relation == "opposes":
                targets = self.thing_owners(objects)  # "X is opposed to Y's mediation"
            if not targets and relation == "allied-to":
                targets = self.thing_owners(objects)  # "X is committed to Y's security"
            self.emit(relation, subjects, targets, anchor, f"adjective-{token.lemma_.lower()}")

    def hyphen_backed(
        self, verb: Token, relations: tuple[tuple[RelationName, frozenset[str]], ...]
    ) -> None:
        """Reads "Iranian-backed Hezbollah": the backer and the backed."""
        doc = verb.doc
        backers = [c for c in verb.children if c.dep_ in ("npadvmod", "compound", "amod", "nmod")]
        if not backers and verb.i >= 2 and doc[verb.i - 1].text in "-–":
            backers = [doc[verb.i - 2]]
        refs: list[Ref] = []
        for token in backers:
            found = self.actors.denote(token) or (
                (ref,) if (ref := self.actors.state_of_modifier(token)) else ()
            )
            refs.extend(found)
        backed = [verb.head]
        if verb.head.dep_ == "appos":
            backed.append(verb.head.head)  # "Al-Shabaab, the al Qaeda-linked group"
        # "the Iran-aligned X and the Saudi-backed Y": a conjunct with a backer of its own
        # is not this backer's.
        own = {
            t.i
            for t in self.expand(verb.head)
            if t.i != verb.head.i
            and any(c.tag_ == "VBN" and c.dep_ in ("amod", "compound") for c in t.children)
        }
        backed_refs = [
            ref
            for t in backed
            for e in self.expand(t)
            if e.i not in own
            for ref in self.actors.denote(e)
        ]
        for relation, _ in relations:
            if relation == "allied-to":
                self.emit(relation, refs, backed_refs, verb, "x-backed")

    def stance_prefix(self, token: Token) -> None:
        """Reads "the pro-Iranian Hezbollah", "the anti-American Taliban"."""
        doc = token.doc
        if doc[token.i + 1].text not in "-–":
            return
        modifier = doc[token.i + 2]
        match = state_match(modifier.text)
        state = Ref(match.state, "STATE", match.field, modifier.i) if match else None
        if state is None:
            refs = self.actors.denote(modifier)
            state = refs[0] if refs else None
        if state is None:
            return
        head = modifier.head
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head
        holders = self.refs([head]) or self.refs(
            [c for c in head.children if c.dep_ == "compound" and c.i > modifier.i]
        )
        if token.lower_ == "pro":
            self.emit("allied-to", [state], holders, token, "pro-prefix")
        else:
            self.emit("opposes", holders, [state], token, "anti-prefix")

    def copula(self, verb: Token) -> None:
        """Reads "X is against Y"; "X stood with Y" is not read (too vague)."""
        if self.negated(verb):
            return
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "against":
                subjects = self.refs(self.subjects(verb))
                objects = self.refs(c for c in child.children if c.dep_ == "pobj")
                self.emit("opposes", subjects, objects, verb, "copula-against")
            elif child.dep_ == "prep" and child.lower_ == "at":
                # "X is at odds with Y", "X and Y are at war"
                for state in child.children:
                    if state.dep_ == "pobj" and base(state) in self.lex.hostile_states:
                        subjects = self.refs(self.subjects(verb))
                        others = self.refs(self.prep_objects(state, ["with"]))
                        if others:
                            self.emit("opposes", subjects, others, verb, "at-odds-with")
                        elif len(subjects) >= 2:
                            self.emit_pairs("opposes", subjects, verb, "at-odds-with")
