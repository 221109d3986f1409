"""Who a trigger's arguments are: subjects, objects, owners, holders.

The rules find a trigger word; these helpers read its arguments from the parse and ask
``Actors.denote`` which actors they stand for:

- coordination and lists: "X, Y and Z met", "countries such as X and Y";
- subjects through control, raising and relative clauses: "X is expected to meet Y",
  "X, which has backed Y";
- passives: "Y, backed by X";
- owners of things: "X rejected Y's proposal", "the sanctions imposed by X";
- holders of relation nouns: "X's talks with Y", "X held talks with Y".
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from graphbuild.extract.mentions import Ref, base
from graphbuild.extract.rules.tags import NOUNS, REL_PRONOUNS, VERBS


class Arguments:
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
            elif child.dep_ == "appos":
                # "X, head of the team, and Y": the parser hangs Y on the apposition.
                for conj in child.children:
                    if conj.dep_ == "conj" and conj.i in self.actors.entity_at:
                        out.extend(self.expand(conj, depth + 1))
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
            heads = self.expand(token)
            named = self._named_holders(heads)
            for head in heads:
                if head.i in named:
                    continue
                for ref in self.actors.denote(head):
                    if not places and ref.via == "capital":
                        continue
                    seen.setdefault(ref.name, ref)
        return list(seen.values())

    def _named_holders(self, heads: list[Token]) -> set[int]:
        """Office phrases whose holders are named beside them: "the foreign ministers of
        X, Y and Z, A, B and C" are A, B and C (one each), not the states as well."""
        out: set[int] = set()
        for head in heads:
            states = self.actors.denote(head)
            if len(states) < 2 or any(r.via != "office" for r in states):
                continue
            persons = {
                r.name
                for h in heads
                if h.i != head.i
                for r in self.actors.denote(h)
                if r.kind == "PERSON"
            }
            if len(persons) == len(states):
                out.add(head.i)
        return out

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
            if head.lemma_.lower() in (
                self.lex.communication_verbs | self.lex.demand_verbs | self.lex.causing_verbs
            ):  # "X urged Y to ...", "the war prompted Y to ...": Y does it
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
        if verb.dep_ == "ROOT" and verb.tag_ in ("VBD", "VBZ", "VBP"):
            return self.stranded_subjects(verb)
        return []

    def stranded_subjects(self, verb: Token) -> list[Token]:
        """ "In Kabul, X and Y met Z" parsed with X and Y hung on the fronted place: the
        names standing right before a finite verb that has no subject."""
        found: list[Token] = []
        k = verb.i - 1
        while k >= verb.sent.start:
            token = verb.doc[k]
            entity = self.actors.entity_at.get(k)
            if entity is not None and entity.via in ("capital", "seat"):
                break  # "In Kabul, X and Y met Z": the place ends the list
            if entity is not None and entity.kind is not None:
                if not found or found[-1].i != entity.end - 1:
                    found.append(verb.doc[entity.end - 1])
                k = entity.start - 1
            elif token.lower_ in ("and", ",") or (
                token.tag_ in ("NNP", "NNPS") or token.lower_ in self.lex.titles
            ) or token.text in "-–":
                k -= 1
            else:
                break
        if any(t.dep_ == "pobj" for t in found):
            return []  # "... too close to Iran, charges Doha denied": an object, not a subject
        return found if found and verb.doc[k + 1].i != verb.i else []

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
        if (
            not own
            and verb.dep_ == "advcl"
            and verb.tag_ == "VBN"
            and not any(c.dep_ in ("nsubj", "mark") for c in verb.children)
            and verb.head.pos_ in VERBS
        ):
            # "Backed by Z, X advanced", "X launched an offensive, backed by Z": the
            # participle's patient is the main clause's subject.
            return self.subjects(verb.head)
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
                    if medium.dep_ == "pobj" and base(medium) in self.lex.media_nouns:
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

    def partitive_head(self, noun: Token) -> Token | None:
        """ "part" in "part of its aid": the head that takes the verb for the noun."""
        of = noun.head
        if noun.dep_ == "pobj" and of.lower_ == "of" and base(of.head) in self.lex.partitive_nouns:
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
        led = [
            agent
            for c in noun.children
            if c.dep_ == "acl" and c.tag_ == "VBN" and base(c) in self.lex.holding_participles
            for agent in self.prep_objects(c, ["by"])
        ]
        if led and self.refs(led):
            return led  # "the uprising against Y, led by X and Z": X and Z hold it
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
        if dep == "nsubjpass" and head.pos_ in VERBS:
            # "the offensive was launched by X": X holds it.
            return self.prep_objects(head, ["by"])
        if dep in ("nsubj", "nsubjpass"):
            return []
        if dep == "pobj" and head.dep_ in ("prep", "agent"):
            governor = head.head
            if governor.pos_ in VERBS:
                subj = self.subjects(governor, depth + 1)
                if not subj and governor.lemma_.lower() == "be":
                    return []
                if not subj and head.lower_ in self.lex.setting_preps:
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

    def _noun_objects(self, noun: Token, preps: Iterable[str]) -> list[Token]:
        preps = list(preps)
        objects = self.prep_objects(noun, preps)
        if noun.dep_ in ("nsubjpass", "nsubj", "dobj") and noun.head.pos_ in VERBS:
            # "talks were held between X and Y": the preposition hangs on the verb.
            objects += self.prep_objects(noun.head, preps)
        if "between" in preps and len(objects) == 1 and not objects[0].conjuncts:
            # "fighting between troops loyal to X and forces loyal to Y": the parser may
            # hang the second side on the noun, after the first side's "and".
            first = objects[0]
            if any(c.dep_ == "cc" for c in first.children):
                objects += [
                    c
                    for c in noun.children
                    if c.dep_ in ("dep", "conj") and c.i > first.i and c.pos_ in NOUNS
                ]
        return objects

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
