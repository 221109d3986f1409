"""Relation rules over the dependency parse: met-with, allied-to, opposes.

Each rule starts from a trigger word of the lexicon (a verb, a noun or an adjective),
reads its arguments from the parse (subjects, objects, prepositional objects, owners,
appositions, coordinations) and asks ``Actors.denote`` which actors they stand for.
A sentence is walked once; each token costs a few set look-ups unless it is a trigger.

Every claim carries the rule that fired and a modality: ``planned`` (future, modal or
under a verb of planning), ``reported`` (under a verb of saying, or "according to"),
else ``asserted``. A negated trigger ("will not meet", "refused to call for") yields no
claim, except in the refusal rule, where the refusal is the opposition.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

from spacy.tokens import Span, Token

from graphbuild.extract.lexicon import Lexicon
from graphbuild.extract.mentions import Actors, Ref, base
from graphbuild.gazetteer import state_match
from graphbuild.records import SYMMETRIC, Claim, Modality, RelationName

NOUNS = frozenset({"NOUN", "PROPN"})
VERBS = frozenset({"VERB", "AUX"})
REL_PRONOUNS = frozenset({"which", "who", "that", "whom"})
CONCESSIONS = frozenset(
    {
        "apologise",
        "apologize",
        "withdraw",
        "stop",
        "cease",
        "halt",
        "end",
        "release",
        "resign",
        "leave",
        "step",
        "pull",
        "quit",
        "free",
        "surrender",
        "abandon",
        "renounce",
        "disarm",
        "admit",
        "compensate",
        "comply",
        "reverse",
        "retract",
        "hand",
        "extradite",
        "lift",
        "dismantle",
        "respect",
        "stand",
    }
)
# Prepositions that set a scene in time or circumstance rather than name an undertaking.
SETTING_PREPS = frozenset({"during", "amid", "after", "before", "following", "despite", "since"})
# Verbs that take a hostile measure away (beside the lexicon's verbs that end a tie).
LIFTING_VERBS = frozenset({"lift", "ease", "remove", "relax", "loosen", "drop", "waive"})
# Verbs that hand a person over to another state's justice: cooperation with it.
HANDOVER_VERBS = frozenset({"extradite"})
# "Relations between X and Y" may be good or bad: only a verb says which.
NEUTRAL_TIES = frozenset({"tie", "relation", "link"})
# Putting a meeting off is not ending a tie.
DELAY_VERBS = frozenset({"postpone", "delay", "defer", "reschedule"})
# Compounds that give a programme, package or deal their relation ("an aid program for Y").
PROGRAMME_KINDS = frozenset({"aid", "assistance", "support", "cooperation"})
# "talks mediated by X": X meets each side.
MEDIATING_VERBS = frozenset({"mediate", "host", "broker", "facilitate", "chair", "convene"})
# Means of a conversation: "spoke by phone with Y", "talked via videolink with Y".
MEDIA = frozenset(
    {"phone", "telephone", "video", "videolink", "videoconference", "teleconference", "call"}
)
# "accused X of V-ing": V is the accuser's claim.
ACCUSING_VERBS = frozenset({"accuse", "suspect", "charge", "convict"})
# Heads that pass their verb on to the "of" phrase: "suspended part of its aid to Y".
PARTITIVES = frozenset(
    {"part", "some", "most", "all", "much", "portion", "share", "half", "bulk", "rest"}
    | {"round", "day", "week", "month", "hour", "series", "year"}  # "three rounds of talks"
)
# Rules whose claim is the appeal or demand itself.
APPEAL_RULES = frozenset({"demand", "demand-that", "demand-must", "departure", "demand-from"})
PLACE_TAKING = frozenset(
    {
        "seize",
        "occupy",
        "storm",
        "capture",
        "annex",
        "airstrike",
        "offensive",
        "bombing",
        "shelling",
        "siege",
        "curfew",
        "visit",
        "host",
        "welcome",
        "receive",
        "attack",
        "bomb",
        "shell",
        "strike",
        "raid",
        "target",
        "invade",
        "besiege",
        "blockade",
        "kill",
        "ambush",
        "gather",
        "fight",
        "battle",
    }
)


class SentenceRules:
    """Applies every rule to the sentences of one document."""

    def __init__(self, actors: Actors, lexicon: Lexicon, doc_id: str) -> None:
        self.actors = actors
        self.lex = lexicon
        self.doc_id = doc_id
        self.claims: list[Claim] = []
        self._sent: Span | None = None

    # -- argument helpers -----------------------------------------------------------------

    def expand(self, token: Token, depth: int = 0) -> list[Token]:
        """A phrase head and the heads coordinated or listed with it."""
        out = [token]
        if depth > 8:
            return out
        for child in token.children:
            if (
                child.dep_ == "conj"
                and child.pos_ in NOUNS | {"PRON"}
                or child.dep_ == "appos"
                and child.i in self.actors.entity_at
            ):
                out.extend(self.expand(child, depth + 1))
            elif child.dep_ == "prep" and (
                child.lower_ in self.lex.inclusion_preps
                or (child.lower_ == "as" and any(c.lower_ == "such" for c in child.children))
                or (child.lower_ == "with" and any(c.lower_ == "along" for c in child.children))
            ):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        out.extend(self.expand(obj, depth + 1))
        return out

    def refs(self, tokens: Iterable[Token], places: bool = True) -> list[Ref]:
        seen: dict[str, Ref] = {}
        for token in tokens:
            for head in self.expand(token):
                for ref in self.actors.denote(head):
                    if not places and ref.via == "capital":
                        continue
                    seen.setdefault(ref.name, ref)
        return list(seen.values())

    def subjects(self, verb: Token, depth: int = 0) -> list[Token]:
        """The subject phrase heads of a verb, climbing through control and relatives."""
        if depth > 5:
            return []
        own = [c for c in verb.children if c.dep_ == "nsubj"]
        if any(c.tag_ == "VBG" for c in own):
            # "X operating in Z said ...": the parser takes the reduced relative for the
            # subject; its own subject is the speaker.
            own = [
                g
                for c in own
                for g in ([c] if c.tag_ != "VBG" else [x for x in c.children if x.dep_ == "nsubj"])
            ]
        if own and not all(c.lower_ in REL_PRONOUNS for c in own):
            if verb.dep_ == "relcl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in NOUNS:
                # A list of subjects parsed as a noun root with a relative clause:
                # "A, B, C gathered with D" -> root A, appos B, relcl "gathered".
                listed = [verb.head] + [
                    c for c in verb.head.children if c.dep_ in ("appos", "conj")
                ]
                return listed + own
            return own
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        head = verb.head
        if verb.dep_ in ("relcl", "acl") and infinitive and head.pos_ in NOUNS:
            if base(head) in self.lex.demand_nouns | self.lex.demand_verbs:
                return []  # "X's demand to cut ties with Y": whoever is asked, not X
            # "a visit to thank X", "plans to meet X": the noun's owner or its clause subject.
            return self.noun_holders(head, depth + 1)
        if verb.dep_ == "relcl" or own:
            if head.pos_ not in NOUNS | {"PRON"}:
                return []
            if head.dep_ == "conj" and self.plural_verb(verb):
                # "X and Y, which have pledged aid to Z": the clause hangs on Y, both act.
                return [head, *head.conjuncts]
            return [head]
        if verb.dep_ == "acl":
            if verb.tag_ != "VBG":
                return []
            if base(head) in self.lex.statement_nouns and not self.actors.denote(head):
                # "X issued a statement condemning Y": whoever issues the statement.
                return self.noun_holders(head, depth + 1)
            return [head]
        if verb.dep_ == "conj" and head.pos_ in VERBS:
            return self.subjects(head, depth + 1)
        if (
            verb.dep_ == "xcomp"
            and head.dep_ == "acomp"
            and head.lemma_.lower() in self.lex.plan_verbs
            and head.head.pos_ in VERBS
        ):
            return self.subjects(head.head, depth + 1)  # "X is due to visit Z"
        if verb.dep_ == "xcomp" and head.pos_ in VERBS:
            if head.lemma_.lower() in self.lex.communication_verbs | self.lex.demand_verbs:
                controllers = [c for c in head.children if c.dep_ == "dobj"]
                for prep in head.children:
                    if prep.dep_ == "prep" and prep.lower_ == "on":
                        controllers.extend(c for c in prep.children if c.dep_ == "pobj")
                if controllers:
                    return controllers
            raised = [c for c in head.children if c.dep_ == "nsubjpass"]
            if raised and not any(c.dep_ == "nsubj" for c in head.children):
                return raised  # "X is expected to meet Y", "X was invited to attend"
            return self.subjects(head, depth + 1)
        if verb.dep_ == "pcomp" and head.lower_ in ("of", "for") and head.head.pos_ in VERBS:
            # "accused X of supplying", "thanked X for helping", "X was accused of
            # supplying": X does it.
            controllers = [c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")]
            if controllers:
                return controllers
        if verb.dep_ in ("advcl", "pcomp") and head.pos_ == "ADP" and head.head.pos_ in VERBS:
            return self.subjects(head.head, depth + 1)
        if verb.dep_ == "pcomp" and head.head.pos_ in VERBS:
            return self.subjects(head.head, depth + 1)
        if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or infinitive) and head.pos_ in VERBS:
            return self.subjects(head, depth + 1)
        return []

    def patients(self, verb: Token) -> list[Token]:
        own = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if own and all(c.lower_ in REL_PRONOUNS for c in own):
            return [verb.head] if verb.head.pos_ in NOUNS else []
        if (
            not own
            and verb.dep_ in ("acl", "relcl")
            and verb.tag_ == "VBN"
            and not any(c.dep_ == "nsubj" for c in verb.children)
        ):
            # "X, backed by Z" is passive; "X, which has backed Y" is not.
            return [verb.head] if verb.head.pos_ in NOUNS else []
        return own

    def prep_objects(self, token: Token, preps: Iterable[str]) -> list[Token]:
        wanted = set(preps)
        out = []
        for child in token.children:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ in wanted:
                out.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "prep" and child.lower_ in ("by", "over", "via", "in"):
                # "spoke by telephone with Y": the parser hangs "with" on the medium.
                for medium in child.children:
                    if medium.dep_ == "pobj" and base(medium) in MEDIA:
                        out.extend(self.prep_objects(medium, wanted))
        return out

    def thing_owners(self, things: Iterable[Token]) -> list[Ref]:
        """Whose proposal, action or demand a noun is: its owner, or "by/from/of" actor."""
        out: dict[str, Ref] = {}
        for thing in things:
            heads = self.expand(thing)
            if thing.tag_ == "VBG":
                # "vetoed a Council resolution censuring Z": the parser may make the
                # participle the object and the noun its compound.
                heads += [c for c in thing.children if c.dep_ == "compound"]
            for head in heads:
                if base(head) not in self.lex.request_nouns:
                    continue
                owner = self.actors.owner(head)
                by = self.prep_objects(head, ["by", "from", "of"])
                for child in head.children:
                    # "the sanctions imposed by X"
                    if child.dep_ == "acl" and child.tag_ == "VBN":
                        by += self.prep_objects(child, ["by"])
                refs = [owner] if owner else self.refs(by)
                for ref in refs:
                    out.setdefault(ref.name, ref)
        return list(out.values())

    @staticmethod
    def plural_verb(verb: Token) -> bool:
        """ "have pledged", "are", "back": a verb agreeing with a plural subject."""
        finite = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
        return any(t.tag_ == "VBP" or t.lower_ in ("have", "are", "were") for t in finite)

    def phrasal_rupture(self, verb: Token) -> bool:
        """ "called off", "broke off": a verb and its particle that end a tie."""
        return any(
            f"{base(verb)} {c.lower_}" in self.lex.rupture_phrasal
            for c in verb.children
            if c.dep_ == "prt"
        )

    @staticmethod
    def partitive_head(noun: Token) -> Token | None:
        """ "part" in "part of its aid": the head that takes the verb for the noun."""
        of = noun.head
        if noun.dep_ == "pobj" and of.lower_ == "of" and base(of.head) in PARTITIVES:
            return of.head
        return None

    def noun_holders(self, noun: Token, depth: int = 0) -> list[Token]:
        """Who holds talks, makes an attack, has ties: the owner or the clause subject."""
        if depth > 5:
            return []
        all_poss = [c for c in noun.children if c.dep_ == "poss"]
        poss = [c for c in all_poss if self.actors.denote(c)]
        if poss:
            return poss
        dep, head = noun.dep_, noun.head
        if all_poss and dep != "dobj":
            # An unresolved "their" names the clause subject only as the verb's own object
            # ("X and Y upgraded their ties"), not further away ("... over their ties").
            return []
        if dep == "attr" and head.pos_ in VERBS:
            return self.subjects(head, depth + 1) or [
                c for c in head.children if c.dep_ == "nsubjpass"
            ]
        if dep == "appos":
            return [head]
        if dep == "dobj" and head.pos_ in VERBS:
            return self.subjects(head, depth + 1)
        if dep in ("nsubj", "nsubjpass"):
            return []
        if dep == "pobj" and head.dep_ in ("prep", "agent"):
            governor = head.head
            if governor.pos_ in VERBS:
                subj = self.subjects(governor, depth + 1)
                if not subj and governor.lemma_.lower() == "be":
                    return []
                if not subj and head.lower_ in SETTING_PREPS:
                    # "X was indicted during the fight against Y": the one the passive
                    # happens to is not who fights.
                    return []
                return subj or [c for c in governor.children if c.dep_ == "nsubjpass"]
            if governor.pos_ in NOUNS:
                if self.actors.denote(governor):
                    return [governor]
                if governor.dep_ in ("appos", "attr", "dobj", "conj"):
                    # "a power with close ties to Y", "held meetings with talks on Y"
                    return self.noun_holders(governor, depth + 1)
                return []
        if dep == "conj" and head.pos_ in NOUNS:
            return self.noun_holders(head, depth + 1)
        return []

    # -- negation and modality ------------------------------------------------------------

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
                and current.head.lemma_.lower() in ACCUSING_VERBS
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

    # -- emission -------------------------------------------------------------------------

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

    # -- the walk -------------------------------------------------------------------------

    def run(self, sentences: Iterable[Span]) -> list[Claim]:
        self.used: list[Ref] = []
        for sent in sentences:
            for token in sent:
                pos = token.pos_
                if pos in VERBS or token.tag_.startswith("VB"):
                    self.verb(token)
                if pos in NOUNS:
                    self.noun(token)
                if token.lower_ in ("pro", "anti") and token.i + 2 < sent.end:
                    self.stance_prefix(token)
                if (
                    token.dep_ in ("acomp", "amod", "prep", "attr", "conj", "advmod")
                    or pos == "ADJ"
                    or token.tag_ == "VBN"
                ):
                    self.adjective(token)
        return self.claims

    # -- verbs ----------------------------------------------------------------------------

    def verb(self, verb: Token) -> None:
        lemma = verb.lemma_.lower()
        if lemma in self.lex.departure_verbs or lemma in CONCESSIONS:
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
        for relation, frames in relations:
            self.verb_frames(verb, relation, frames)

    def verb_frames(self, verb: Token, relation: RelationName, frames: frozenset[str]) -> None:
        lemma = verb.lemma_.lower()
        places = lemma not in PLACE_TAKING
        preps = [f for f in frames if f not in ("dobj", "recip")]
        patients = self.patients(verb)
        if patients or any(c.dep_ == "auxpass" for c in verb.children):
            agents = self.prep_objects(verb, ["by"])
            if agents and "dobj" in frames:
                self.emit(
                    relation, self.refs(agents), self.refs(patients, places), verb, "passive-by"
                )
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
                    and lemma not in HANDOVER_VERBS
                    and not any(
                        base(t) in self.lex.aid_objects or t.lower_ in self.lex.aid_objects
                        for obj in objects
                        for t in obj.subtree
                    )
                ):
                    return
                datives = [c for c in verb.children if c.dep_ == "dative" and c.pos_ in NOUNS]
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
            self.emit(relation, subjects, targets, verb, rule)
        elif (
            "recip" in frames
            and len(subjects) >= 2
            and not any(c.dep_ == "dobj" for c in verb.children)
        ):
            self.emit_pairs(relation, subjects, verb, "verb-reciprocal")

    def evaluation(self, verb: Token) -> None:
        """Reads "X called Y's proposals unacceptable", "X called the Y annexation illegal",
        "X warned that a Y intervention would be a disaster": X opposes Y."""
        if self.negated(verb):
            return
        judged: list[tuple[Token, Token]] = []  # (what is judged, the judging word)
        words = [c for c in verb.children if c.dep_ in ("oprd", "acomp", "xcomp")]
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for word in [*words, *(c for c in obj.children if c.dep_ == "amod")]:
                judged.append((obj, word))
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                for word in (c for c in clause.children if c.dep_ in ("acomp", "attr")):
                    judged.append((subject, word))
        targets: list[Ref] = []
        for thing, word in judged:
            # "calling it a violation": "it" is the act just named, not the state before it.
            if base(word) in self.lex.negative_evaluations and thing.pos_ != "PRON":
                targets += self.refs([thing], places=False) or self.thing_owners([thing])
        self.emit("opposes", self.refs(self.subjects(verb)), targets, verb, "evaluation")

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
        for relation, _ in relations:
            if relation == "allied-to":
                self.emit(relation, refs, self.refs(backed), verb, "x-backed")

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
        if noun.dep_ == "dobj":
            # "X reiterated its demand today that Y ...": the clause may hang on the verb.
            clauses += [c for c in noun.head.children if c.dep_ == "ccomp"]
        for child in clauses:
            if child.dep_ in ("acl", "ccomp", "relcl") and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in child.children
            ):
                targets.extend(c for c in child.children if c.dep_ in ("nsubj", "nsubjpass"))
        targets += self._noun_objects(noun, ["to", "on"])
        if noun.dep_ == "dobj":
            targets += [c for c in noun.head.children if c.dep_ == "dative"]
        holders = self.refs(self.noun_holders(noun))
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

    def destination_states(self, places: Iterable[Token], capitals_only: bool) -> list[Ref]:
        """The states a movement's destinations name: a capital, a seat or a country.

        A non-capital city is a place, not a state. With ``capitals_only`` a country name
        is left to the relation frames, which already read it as the visited actor."""
        out: dict[str, Ref] = {}
        for place in places:
            for head in self.expand(place):
                for ref in self.actors.denote(head):
                    if ref.kind != "STATE" or ref.via not in ("capital", "seat", "name", "alias"):
                        continue
                    if capitals_only and ref.via not in ("capital", "seat"):
                        continue
                    out.setdefault(ref.name, ref)
        return list(out.values())

    def own_states(self, tokens: Iterable[Token]) -> set[str]:
        """The states a visitor phrase names of itself ("Iraqi President X" -> Iraq)."""
        out: set[str] = set()
        for token in tokens:
            for head in self.expand(token):
                for ref in self.actors.denote(head):
                    if ref.kind == "STATE":
                        out.add(ref.name)
                for word in head.subtree:
                    if word.i <= head.i:
                        ref = self.actors.state_of_modifier(word)
                        if ref is not None:
                            out.add(ref.name)
        return out

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

    # -- nouns ----------------------------------------------------------------------------

    def noun(self, noun: Token) -> None:
        lemma = noun.lemma_.lower()
        if not self.lex.noun_relations(lemma) and any(
            c.dep_ == "compound" and base(c) in PROGRAMME_KINDS for c in noun.children
        ):
            # "a military aid program for Y" is aid for Y.
            lemma = next(
                base(c)
                for c in noun.children
                if c.dep_ == "compound" and base(c) in PROGRAMME_KINDS
            )
        if lemma in self.lex.visit_nouns:
            self.visit_noun(noun)
        if lemma in self.lex.departure_nouns:
            self.departure(noun)
        if lemma in self.lex.demand_nouns:
            self.demand_noun(noun)
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
            and base(slot.head) not in DELAY_VERBS
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
            and base(noun.head) in self.lex.rupture_verbs | LIFTING_VERBS
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

    def _noun_objects(self, noun: Token, preps: Iterable[str]) -> list[Token]:
        preps = list(preps)
        objects = self.prep_objects(noun, preps)
        if noun.dep_ in ("nsubjpass", "nsubj", "dobj") and noun.head.pos_ in VERBS:
            # "talks were held between X and Y": the preposition hangs on the verb.
            objects += self.prep_objects(noun.head, preps)
        return objects

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
        if (
            between
            and noun.dep_ == "dobj"
            and noun.head.lemma_.lower() in self.lex.host_verbs
            and not self.negated(noun.head)
        ):
            # "X will host talks between Y and Z": the host meets both sides.
            self.emit("met-with", holders, between, noun, "hosted-talks")
        sides = self._talks(noun, holders, others, between, attendees)
        mediators = self.refs(self.mediators(noun))
        if mediators and sides:
            # "Y and Z held talks, mediated by X": the mediator meets each side.
            self.emit("met-with", mediators, sides, noun, "mediated-talks")

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
        """X in "talks mediated by X", "talks hosted by X" (a participle on the noun)."""
        out = []
        for child in noun.children:
            if (
                child.dep_ == "acl"
                and child.tag_ == "VBN"
                and child.lemma_.lower() in MEDIATING_VERBS
                and not self.negated(child)
            ):
                out.extend(self.prep_objects(child, ["by"]))
        return out

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

    def noun_frames(self, noun: Token, relation: RelationName, preps: frozenset[str]) -> None:
        places = base(noun) not in PLACE_TAKING
        objects = self._noun_objects(noun, preps)
        targets = self.refs(objects, places=places)
        if not targets and relation == "opposes":
            # "a protest against the violations by Y", "opposition to Y's plan".
            targets = self.thing_owners(objects)
        between = self.refs(self._noun_objects(noun, ["between"]), places=places)
        if len(between) >= 2 and base(noun) not in NEUTRAL_TIES:
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

    # -- adjectives -----------------------------------------------------------------------

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
            self.emit(relation, subjects, targets, anchor, f"adjective-{token.lemma_.lower()}")
