"""Which actor a noun phrase stands for, within one parsed document.

``Actors(doc, lexicon).denote(token)`` answers for the phrase headed by ``token``:

- a repaired named entity gives its actor (a capital or seat gives its state, marked
  ``via="capital"`` so place-taking rules can drop it);
- a government noun gives its owner: "the Syrian regime", "Assad's government", "the
  Damascus regime", "Russian airstrikes";
- a title gives the person it introduces ("envoy Anna van der Berg"); an office without
  a name gives the document's one holder of that office, else the state its nationality
  names ("Turkish Foreign Ministers" -> Turkey);
- a pronoun gives its antecedent: he/she -> the latest person, preferring subjects;
  it/its -> the latest state or organisation of the sentence; we/I inside reported
  speech -> the speaker.

Everything is computed once per document and cached per token, so rules may ask freely.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from graphbuild.extract.lexicon import Lexicon
from graphbuild.extract.ner import Entity, repair
from graphbuild.gazetteer import state_match
from graphbuild.records import Kind

SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def base(token: Token) -> str:
    """Lower-case lemma; capitalised plurals ("Foreign Ministers") lose their -s too,
    which the lemmatizer leaves on proper nouns."""
    lemma = token.lemma_.lower()
    if token.tag_ == "NNPS" and lemma.endswith("s") and not lemma.endswith("ss"):
        return lemma[:-1]
    return lemma


GROUP_NUMBERS = {"three": 3, "four": 4, "five": 5, "six": 6}  # "the three men"


@dataclass(frozen=True)
class Ref:
    """One actor a phrase stands for."""

    name: str
    kind: Kind
    via: str
    token: int  # the token the reference was read from


# Offices too general to name a state by themselves ("the Syrian opposition leader").
GENERIC_HEADS = frozenset({"leader", "chief", "head"})
# "the two countries", "both sides": nouns that refer back to a pair of actors.


class Actors:
    """Actor lookup for one document (see the module docstring)."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lex = lexicon
        self.entities = repair(doc, lexicon)
        self.entity_at: dict[int, Entity] = {}
        for ent in self.entities:
            for k in range(ent.start, ent.end):
                self.entity_at[k] = ent
        self._cache: dict[int, tuple[Ref, ...]] = {}
        self._home: str | None = None  # the state the document is about (_home_state)
        self.offices = self._office_holders()
        self._first_named: dict[str, int] = {}
        for ent in self.entities:
            self._first_named.setdefault(ent.name, ent.start)
        self._persons = self._person_occurrences()
        self._person_index = [i for i, _, _ in self._persons]

    # -- entities -------------------------------------------------------------------------

    def entity_ref(self, token: Token) -> Ref | None:
        ent = self.entity_at.get(token.i)
        if ent is None or self._dateline(ent):
            return None
        if ent.kind is None:
            # A bare nationality used as a noun phrase head: "the Russians" -> Russia.
            if (
                ent.via == "demonym"
                and token.tag_ in ("NNPS", "NNS")
                and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")
            ):
                return Ref(ent.name, "STATE", "demonym", token.i)
            return None
        return Ref(ent.name, ent.kind, ent.via, token.i)

    def _dateline(self, ent: Entity) -> bool:
        """ "CAIRO, Aug 29 (Reuters) -", "Moscow: ...": a place heading the story."""
        doc = self.doc
        if ent.end >= len(doc):
            return False
        after = doc[ent.end].text
        if doc[ent.start].is_sent_start:
            return after == ":" or (after == "," and doc[ent.start : ent.end].text.isupper())
        # "SOCHI, Russia — ...": the country after a capitalised city heading the story.
        start = doc[ent.start].sent.start
        first = doc[start]
        return (
            ent.start - start <= 3
            and first.text.isupper()
            and len(first.text) > 1
            and doc[ent.start - 1].text == ","
            and after in ("—", "–", "-", "--", "(", ":")
        )

    def state_of_modifier(self, token: Token) -> Ref | None:
        """A nationality or state modifier: "Turkish", "Syria's", "Damascus" (compound)."""
        ent = self.entity_at.get(token.i)
        if ent is not None and ent.kind in ("STATE", None) and ent.via != "place":
            return Ref(ent.name, "STATE", ent.via, token.i)
        if ent is None and token.pos_ in ("ADJ", "PROPN"):
            match = state_match(token.text)
            if match:
                return Ref(match.state, "STATE", match.field, token.i)
        return None

    # -- offices --------------------------------------------------------------------------

    def _title_tokens(self, ent: Entity) -> list[Token]:
        """Title words that introduce a PERSON entity: its left compounds, or the noun
        it is in apposition to, or a noun in apposition to it."""
        doc = self.doc
        root = doc[ent.start : ent.end].root
        out: list[Token] = []
        k = ent.start - 1
        while k >= 0 and (
            doc[k].lower_.strip(".") in self.lex.titles
            or self.state_of_modifier(doc[k]) is not None
            or doc[k].lower_ in ("of", "for", "to", "on", "-", "–", "the")
            or doc[k].ent_type_ in ("ORG", "GPE", "NORP")
        ):
            out.append(doc[k])
            k -= 1
        if root.dep_ == "appos" and base(root.head) in self.lex.offices:
            out.extend(root.head.subtree)
        for child in root.children:
            if (
                child.dep_ == "appos"
                and base(child) in self.lex.offices
                and child.tag_ not in ("NNS", "NNPS")
            ):
                out.extend(t for t in child.subtree if t.i <= child.i)
        return out

    def _office_holders(self) -> dict[str, list[tuple[str, frozenset[str]]]]:
        holders: dict[str, list[tuple[str, frozenset[str]]]] = {}
        self.title_words: dict[str, set[str]] = {}
        for ent in self.entities:
            if ent.kind != "PERSON":
                continue
            titles = self._title_tokens(ent)
            words = self.title_words.setdefault(ent.name, set())
            words.update(base(t) for t in titles)
            words.update(
                base(c) for t in titles for c in t.children if c.dep_ in ("amod", "compound")
            )
            offices = {base(t) for t in titles if base(t) in self.lex.offices}
            states = frozenset(
                ref.name for t in titles if (ref := self.state_of_modifier(t)) is not None
            )
            for office in offices:
                entry = (ent.name, states)
                if entry not in holders.setdefault(office, []):
                    holders[office].append(entry)
        return holders

    def office_ref(self, token: Token) -> Ref | None:
        """An office without a name: its one holder in the document, else its state."""
        office = base(token)
        states = {
            ref.name
            for child in token.children
            if child.dep_ in ("amod", "compound", "poss", "nmod")
            for t in child.subtree
            if (ref := self.state_of_modifier(t)) is not None
        }
        for child in token.children:
            # "the foreign minister of X", "diplomats from X"
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    for t in (obj, *obj.conjuncts):
                        if ref := self.state_of_modifier(t):
                            states.add(ref.name)
        # A plural ("the two leaders", "Turkish ministers") is never one named holder.
        holders = self.offices.get(office, []) if token.tag_ not in ("NNS", "NNPS") else []
        if states:
            fitting = {name for name, where in holders if where & states}
            if not fitting and office in GENERIC_HEADS and token.tag_ not in ("NNS", "NNPS"):
                # "the Belarusian leader" after "Belarusian President X": the one person
                # titled with that state, whatever the title (not a stateless "opposition
                # leader").
                fitting = {
                    name
                    for entries in self.offices.values()
                    for name, where in entries
                    if where & states
                }
            if len(fitting) == 1:
                return Ref(next(iter(fitting)), "PERSON", "office", token.i)
            if len(states) == 1 and base(token) not in GENERIC_HEADS:
                return Ref(next(iter(states)), "STATE", "office", token.i)
            return None
        names = {name for name, _ in holders}
        if len(names) > 1:
            # "the crown prince" when only one crown prince has been named so far
            names = {name for name in names if self._first_named.get(name, token.i) < token.i}
        if len(names) == 1:
            (name,) = names
            described = {
                base(c)
                for c in token.children
                if c.dep_ in ("amod", "compound") and self.state_of_modifier(c) is None
            }
            if office in GENERIC_HEADS and described - self.title_words.get(name, set()):
                return None  # "the socialist leader" is not the document's "opposition leader"
            return Ref(name, "PERSON", "office", token.i)
        # "European Union foreign ministers": an office of an organisation is the organisation.
        for child in token.children:
            if child.dep_ in ("compound", "nmod"):
                ref = self.entity_ref(child)
                if ref is not None and ref.kind == "ORG" and token.tag_ in ("NNS", "NNPS"):
                    return Ref(ref.name, "ORG", "office", token.i)
        return None

    # -- pronouns -------------------------------------------------------------------------

    def _person_occurrences(self) -> list[tuple[int, str, bool]]:
        out: list[tuple[int, str, bool]] = []
        seen_roots: set[int] = set()
        for ent in self.entities:
            if ent.kind == "PERSON":
                root = self.doc[ent.start : ent.end].root
                if root.i not in seen_roots:
                    seen_roots.add(root.i)
                    out.append((root.i, ent.name, root.dep_ in SUBJECTS))
        for token in self.doc:
            if (
                base(token) in self.lex.offices
                and token.i not in self.entity_at
                and token.tag_ in ("NN", "NNP")
                and not any(c.dep_ in ("appos",) for c in token.children)
                and token.dep_ not in ("compound", "amod")
            ):
                ref = self.office_ref(token)
                if ref is not None and ref.kind == "PERSON":
                    out.append((token.i, ref.name, token.dep_ in SUBJECTS))
        out.sort()
        return out

    def _antecedent_person(self, token: Token) -> Ref | None:
        cataphor = self._cataphor(token)
        if cataphor is not None:
            return cataphor
        end = bisect_left(self._person_index, token.i)
        if end == 0:
            return None
        window_start = self._window_start(token)  # the previous sentence at most
        best = None
        # An object pronoun looks for an object first ("X met Y and promised to support
        # her": Y); a subject or possessive one for a subject.
        wants_subject = token.dep_ not in ("dobj", "dative", "pobj")
        for k in range(end - 1, -1, -1):
            i, name, is_subject = self._persons[k]
            if i < window_start:
                break
            if is_subject == wants_subject:
                return Ref(name, "PERSON", "pronoun", token.i)
            if best is None:
                best = name
        if best is None:
            i, name, _ = self._persons[end - 1]
            best = name
        return Ref(best, "PERSON", "pronoun", token.i)

    def _cataphor(self, token: Token) -> Ref | None:
        """ "In the days before his departure, X and Y pressed Z to step aside": a
        possessive in a phrase fronted before the clause's subject names the one person the
        clause goes on to name."""
        if token.dep_ != "poss":
            return None
        root = token.sent.root
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or token.i > subjects[0].i or token.i < token.sent.start:
            return None
        fronted = token
        while fronted.head.i != root.i and fronted.head.i != fronted.i:
            fronted = fronted.head
        if fronted.dep_ != "prep" or fronted.i > subjects[0].i:
            return None
        later = {
            ref.name
            for k in range(subjects[0].i, token.sent.end)
            if (ref := self.entity_ref(self.doc[k])) is not None and ref.kind == "PERSON"
        }
        if len(later) == 1:
            return Ref(next(iter(later)), "PERSON", "pronoun", token.i)
        return None

    def _antecedent_thing(self, token: Token) -> Ref | None:
        """ "it"/"its": the latest state or organisation before it in the sentence, else
        the subject of the previous sentence when that is a state or organisation."""
        sent = token.sent
        for k in range(token.i - 1, sent.start - 1, -1):
            ref = self.entity_ref(self.doc[k])
            if ref is not None and ref.kind in ("STATE", "ORG"):
                return Ref(ref.name, ref.kind, "pronoun", token.i)
        if sent.start > 0:
            previous = self.doc[sent.start - 1].sent
            for candidate in previous:
                if candidate.dep_ == "nsubj" and candidate.head.dep_ == "ROOT":
                    for ref in self.denote(candidate):
                        if ref.kind in ("STATE", "ORG"):
                            return Ref(ref.name, ref.kind, "pronoun", token.i)
        return None

    def _antecedent_group(self, token: Token) -> tuple[Ref, ...]:
        """ "they", "their": the actors listed together as the subject of a verb earlier in
        this sentence or in the one before ("X, Y and Z travelled ... they met W")."""
        start = self._window_start(token)
        for k in range(token.i - 1, start - 1, -1):
            subject = self.doc[k]
            if subject.dep_ != "nsubj" or subject.pos_ == "PRON":
                continue
            if subject.conjuncts:
                group = self._named([subject])
            else:
                # "the three countries said they ...": a group reference as the subject
                group = list(self._pair_reference(subject) or self._group_reference(subject))
            if len(group) >= 2:
                return tuple(Ref(r.name, r.kind, "pronoun", token.i) for r in group)
        for k in range(token.i - 1, start - 1, -1):
            # "X met Y and Z ..., where they were hosted by W": those who met.
            verb = self.doc[k]
            if verb.pos_ != "VERB" or not any(
                relation == "met-with" for relation, _ in self.lex.verb_relations(base(verb))
            ):
                continue
            heads = [c for c in verb.children if c.dep_ in ("nsubj", "dobj")]
            heads += [
                o
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "with"
                for o in c.children
                if o.dep_ == "pobj"
            ]
            group = self._named(heads)
            if len(group) >= 2 and any(c.dep_ == "nsubj" for c in verb.children):
                return tuple(Ref(r.name, r.kind, "pronoun", token.i) for r in group)
        return ()

    def _speaker(self, token: Token) -> Ref | None:
        head = token.head
        steps = 0
        while head.head.i != head.i and steps < 6:
            head = head.head
            steps += 1
            if head.lemma_.lower() in self.lex.reporting_verbs:
                for child in head.children:
                    if child.dep_ == "nsubj" and child.i != token.i and child.i > token.i:
                        refs = self.denote(child)
                        if refs:
                            return Ref(refs[0].name, refs[0].kind, "speaker", token.i)
        return None

    # -- the entry point ------------------------------------------------------------------

    def denote(self, token: Token) -> tuple[Ref, ...]:
        """The actors the phrase headed by ``token`` stands for (usually zero or one)."""
        cached = self._cache.get(token.i)
        if cached is None:
            self._cache[token.i] = ()  # guards against cycles in odd parses
            cached = self._denote(token)
            self._cache[token.i] = cached
        return cached

    def _denote(self, token: Token) -> tuple[Ref, ...]:
        ref = self.entity_ref(token)
        if ref is not None:
            return (ref,)
        if token.i in self.entity_at:
            return ()
        lower = token.lower_
        lemma = base(token)
        if lower in self.lex.pronouns_person:
            found = self._antecedent_person(token)
            return (found,) if found else ()
        if lower in self.lex.pronouns_thing:
            found = self._antecedent_thing(token)
            return (found,) if found else ()
        if lower in self.lex.pronouns_speaker:
            found = self._speaker(token)
            return (found,) if found else ()
        if lower in self.lex.pronouns_group:
            return self._antecedent_group(token)
        if lower == "whose":
            # "X, whose forces fought Y": the noun the relative clause hangs on.
            for ancestor in token.ancestors:
                if ancestor.dep_ == "relcl":
                    return self.denote(ancestor.head)
            return ()
        if token.pos_ not in ("NOUN", "PROPN"):
            return ()
        pair = self._pair_reference(token) or self._group_reference(token)
        if pair:
            return pair
        named = self._described(token)
        if named is not None:
            return (named,)
        named_head = self._head_anaphor(token)
        if named_head is not None:
            return (named_head,)
        if lemma in self.lex.org_anaphors and all(c.dep_ == "det" for c in token.children):
            # "the bloc", "the group": the organisation last named, here or just before.
            start = self._window_start(token)
            for k in range(token.i - 1, start - 1, -1):
                ref = self.entity_ref(self.doc[k])
                if ref is not None and ref.kind == "ORG":
                    return (Ref(ref.name, "ORG", "pronoun", token.i),)
            return ()
        if lemma in self.lex.offices:
            named = self._named_holder(token)
            if named is not None:
                return (named,)
            ref = self.office_ref(token)
            if ref is not None:
                return (ref,)
            if token.tag_ in ("NNS", "NNPS"):
                # "American and Chinese negotiators": each nationality's office holders.
                # "envoys of Armenia and Azerbaijan" too.
                modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
                modifiers += [
                    obj
                    for prep in token.children
                    if prep.dep_ == "prep" and prep.lower_ in ("of", "from")
                    for obj in prep.children
                    if obj.dep_ == "pobj"
                ]
                states = {
                    ref.name: Ref(ref.name, "STATE", "office", token.i)
                    for child in modifiers
                    for t in (child, *child.conjuncts)
                    if (ref := self.state_of_modifier(t)) is not None
                }
                if len(states) >= 2:
                    return tuple(states.values())
            if lemma not in self.lex.part_nouns:
                return ()
        if lemma in self.lex.state_nouns or lemma in self.lex.owner_nouns:
            owner = self.owner(token)
            if owner is None:
                return self._home_state(token)
            if owner.kind == "PERSON" and lemma in self.lex.offices:
                return ()  # "Guaido's envoy" is someone else; "Assad's forces" are his
            # "American and British troops": every coordinated nationality owns them.
            more = [
                ref
                for child in token.children
                if child.dep_ in ("amod", "compound", "nmod")
                for conj in child.children
                if conj.dep_ == "conj"
                and (ref := self.entity_ref(conj) or self.state_of_modifier(conj)) is not None
                and ref.kind == "STATE"
                and ref.name != owner.name
            ]
            return (owner, *(Ref(r.name, "STATE", "owner", token.i) for r in more))
        if lemma in self.lex.part_nouns or lemma in self.lex.member_nouns:
            # "a group of Moroccan diplomats", "members of the Taliban", "the leaders of
            # X", "activists from an organisation" (people from a country are not it).
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        if obj.dep_ == "pobj" and (refs := self.denote(obj)):
                            # "envoys of Armenia and Azerbaijan": each coordinated owner.
                            more = [
                                ref
                                for conj in obj.conjuncts
                                for ref in self.denote(conj)
                                if ref.name not in {r.name for r in refs}
                            ]
                            return (*refs, *more)
                if (
                    child.dep_ == "prep"
                    and child.lower_ == "from"
                    and lemma in self.lex.member_nouns
                ):
                    for obj in child.children:
                        refs = self.denote(obj) if obj.dep_ == "pobj" else ()
                        if refs and all(r.kind == "ORG" for r in refs):
                            return refs
        if lemma in self.lex.org_heads or lemma in self.lex.member_nouns:
            led = self.owner(token)
            if led is not None and any(
                c.dep_ == "amod" and c.lemma_.lower() == "lead" for c in token.children
            ):
                return (led,)  # "the Saudi-led coalition"
            for child in token.children:
                if child.dep_ in ("compound", "nmod", "amod"):
                    ref = self.entity_ref(child)
                    if ref is not None and ref.kind == "ORG":
                        return (ref,)
        return ()

    def _home_state(self, token: Token) -> tuple[Ref, ...]:
        """ "the army", "the junta" with no owner: the state the document is about, when
        one state dominates its mentions (at least three, and twice the next)."""
        if token.lower_ not in self.lex.home_nouns or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children
        ):
            return ()
        if self._home is None:
            counts: dict[str, int] = {}
            for ent in self.entities:
                if ent.kind == "STATE" or (ent.kind is None and ent.via == "demonym"):
                    counts[ent.name] = counts.get(ent.name, 0) + 1
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            top = ranked[0] if ranked else ("", 0)
            second = ranked[1][1] if len(ranked) > 1 else 0
            self._home = top[0] if top[1] >= 3 and top[1] >= 2 * second else ""
        return (Ref(self._home, "STATE", "owner", token.i),) if self._home else ()

    def _head_anaphor(self, token: Token) -> Ref | None:
        """ "the council", "the military council", "the front": the organisation named
        shortly before whose name ends in that noun ("the Transitional Military Council")."""
        if (
            token.tag_ != "NN"
            or base(token) not in self.lex.org_heads
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
            or any(c.dep_ not in ("det", "amod") for c in token.children)
        ):
            return None
        start = token.sent.start
        for _ in range(3):  # this sentence and the three before it
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        for k in range(token.i - 1, start - 1, -1):
            ref = self.entity_ref(self.doc[k])
            if ref is not None and ref.kind == "ORG":
                last = ref.name.split()[-1].lower()
                if last == token.lower_:
                    return Ref(ref.name, "ORG", "pronoun", token.i)
        return None

    def _described(self, token: Token) -> Ref | None:
        """A descriptive noun that is the named actor beside it: "the Islamist group
        Hamas" (the name right after the noun), "Jaish al-Islam, a group that ..." and
        "Alloush, a senior figure" (the noun in apposition to the name)."""
        if token.dep_ == "appos" and token.tag_ == "NN" and base(token) not in self.lex.offices:
            # (a list "X, Turkish ministers, Y" is parsed as appositions too: plurals and
            # offices name others)
            ref = self.entity_ref(token.head)
            if ref is not None:
                return Ref(ref.name, ref.kind, "apposition", token.i)
        if base(token) in self.lex.org_heads and token.i + 1 < len(self.doc):
            ref = self.entity_ref(self.doc[token.i + 1])
            if ref is not None and ref.kind == "ORG" and self.doc[token.i + 1].tag_ == "NNP":
                return Ref(ref.name, "ORG", "apposition", token.i)
        return None

    def _group_reference(self, token: Token) -> tuple[Ref, ...]:
        """ "the three men", "the four envoys": the last group of that many people named
        together (coordinated) in this sentence or the two before."""
        count = next(
            (
                GROUP_NUMBERS[c.lower_]
                for c in token.children
                if c.dep_ == "nummod" and c.lower_ in GROUP_NUMBERS
            ),
            0,
        )
        lemma = base(token)
        if not count or token.tag_ not in ("NNS", "NNPS"):
            return ()
        if lemma in self.lex.pair_states:
            kind = "STATE"  # "the four countries": the last four states listed together
        elif lemma in self.lex.offices or lemma in self.lex.pair_persons:
            kind = "PERSON"
        else:
            return ()
        start = self._window_start(token)
        if start > 0:
            start = self.doc[start - 1].sent.start
        for k in range(token.i - 1, start - 1, -1):
            ref = self.entity_ref(self.doc[k])
            if ref is None or ref.kind != kind:
                continue
            group = self._named([self.doc[k]])
            if len(group) != count:
                group = self._named(self._listed(self.doc[k]))
            if len(group) == count and all(r.kind == kind for r in group):
                return tuple(Ref(r.name, kind, "pair", token.i) for r in group)
        if kind != "PERSON":
            return ()
        # "X met Y and Z, hosted by W. The four leaders ...": exactly that many people
        # named in the window, however the text listed them.
        people: dict[str, None] = {}
        for k in range(start, token.i):
            ref = self.entity_ref(self.doc[k])
            if ref is not None and ref.kind == "PERSON":
                people.setdefault(ref.name)
        if len(people) == count:
            return tuple(Ref(name, "PERSON", "pair", token.i) for name in people)
        return ()

    def _listed(self, token: Token) -> list[Token]:
        """The heads of the list ``token`` is in, however the parser chained it: "X, the
        Y, Z and W" may come as X -appos-> Y -conj-> Z, W."""
        top = token
        while top.dep_ in ("conj", "appos") and top.head.i != top.i:
            top = top.head
        out, stack = [], [top]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(c for c in t.children if c.dep_ in ("conj", "appos"))
        return out

    def _pair_reference(self, token: Token) -> tuple[Ref, ...]:
        """ "both leaders", "the two countries": the last two actors of that kind named in
        this sentence or the one before, a coordinated pair first."""
        lemma = base(token)
        each = token.tag_ == "NN" and any(
            c.dep_ == "det" and c.lower_ == "each" for c in token.children
        )
        if not (each and lemma in self.lex.pair_sides) and (
            token.tag_ not in ("NNS", "NNPS")
            or not any(
                (c.dep_ in ("det", "predet", "preconj") and c.lower_ == "both")
                or (c.dep_ == "nummod" and c.lower_ == "two")
                for c in token.children
            )
        ):
            return ()
        if lemma in self.lex.pair_sides:
            # "both sides", "the two delegations", "each delegation": the two sides of the
            # talks or the fight the document named last ("talks between X and Y"); not
            # any pair named before ("X and Y criticised the truce ... urged both sides").
            return self._sides(token)
        if lemma in self.lex.offices or lemma in self.lex.pair_persons:
            kinds: tuple[str, ...] = ("PERSON",)
        elif lemma in self.lex.pair_states:
            kinds = ("STATE",)
        elif lemma in self.lex.pair_any:
            kinds = ("PERSON", "STATE", "ORG")
        else:
            return ()
        start = self._window_start(token)
        # Not those who act in the clause itself: "X and Y, which hosted talks between the
        # two sides" are the hosts, not the sides.
        actors: set[int] = set()
        for ancestor in token.ancestors:
            if ancestor.dep_ == "relcl":
                actors.update(t.i for t in (ancestor.head, *ancestor.head.conjuncts))
            if ancestor.pos_ in ("VERB", "AUX"):
                for subject in ancestor.children:
                    if subject.dep_ in ("nsubj", "nsubjpass"):
                        actors.update(t.i for t in (subject, *subject.conjuncts))
        for k in range(token.i - 1, start - 1, -1):
            candidate = self.doc[k]
            if candidate.i in actors:
                continue
            ref = self.entity_ref(candidate)
            if ref is not None and ref.kind in kinds:
                # "X and Y ... both leaders"
                partners = [self.entity_ref(other) for other in candidate.conjuncts]
                named = {p.name for p in partners if p is not None} - {ref.name}
                if len(named) == 1 and all(p is None or p.kind in kinds for p in partners):
                    partner = next(p for p in partners if p is not None and p.name in named)
                    return self._pair(ref, partner, token)
            if candidate.pos_ == "VERB":
                # "X met Y ... the two leaders": one named subject and one named object.
                subjects = self._named(c for c in candidate.children if c.dep_ == "nsubj")
                objects = self._named(
                    o
                    for c in candidate.children
                    if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "with")
                    for o in ([c] if c.dep_ == "dobj" else c.children)
                    if o.dep_ in ("dobj", "pobj")
                )
                if (
                    len(subjects) == 1
                    and len(objects) == 1
                    and subjects[0].kind in kinds
                    and objects[0].kind in kinds
                    and subjects[0].name != objects[0].name
                ):
                    return self._pair(subjects[0], objects[0], token)
        return ()

    def _sides(self, token: Token) -> tuple[Ref, ...]:
        """The last two actors named as the objects of "between" before ``token``."""
        for k in range(token.i - 1, -1, -1):
            candidate = self.doc[k]
            if (
                candidate.dep_ != "pobj"
                or candidate.head.lower_ != "between"
                or base(candidate) in self.lex.pair_sides
            ):
                continue
            sides = [
                ref
                for t in (candidate, *candidate.conjuncts)
                for ref in self.denote(t)[:1]
            ]
            names = {ref.name for ref in sides}
            if len(sides) == 2 and len(names) == 2:
                return self._pair(sides[0], sides[1], token)
        return ()

    def _window_start(self, token: Token) -> int:
        """Where a backward reference from ``token`` may look: the previous sentence's start."""
        start = token.sent.start
        return self.doc[start - 1].sent.start if start > 0 else start

    def _named(self, heads: Iterable[Token]) -> list[Ref]:
        """The distinct named actors of phrase heads and their conjuncts."""
        found: dict[str, Ref] = {}
        for head in heads:
            for t in (head, *head.conjuncts):
                ref = self.entity_ref(t)
                if ref is not None:
                    found.setdefault(ref.name, ref)
        return list(found.values())

    @staticmethod
    def _pair(one: Ref, other: Ref, token: Token) -> tuple[Ref, ...]:
        first, second = sorted((one, other), key=lambda r: r.token)
        return (
            Ref(first.name, first.kind, "pair", token.i),
            Ref(second.name, second.kind, "pair", token.i),
        )

    def _named_holder(self, token: Token) -> Ref | None:
        """The person a title introduces: "envoy X", "X, the envoy", "Minister of S X"."""
        for child in token.children:
            if child.dep_ in ("appos", "compound", "npadvmod"):
                ref = self.entity_ref(child)
                if ref is not None and ref.kind == "PERSON":
                    return Ref(ref.name, "PERSON", "title", token.i)
        if token.dep_ in ("appos", "compound") and token.tag_ not in ("NNS", "NNPS"):
            ref = self.entity_ref(token.head)
            if ref is not None and ref.kind == "PERSON":
                return Ref(ref.name, "PERSON", "title", token.i)
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "to", "on"):
                for obj in child.children:
                    ref = self.entity_ref(obj) if obj.dep_ == "pobj" else None
                    if ref is not None and ref.kind == "PERSON":
                        # "the Minister of Peru Carlos Rojas": a state before the name.
                        start = self.entity_at[obj.i].start
                        if any(
                            c.dep_ == "compound" and c.i < start and self.state_of_modifier(c)
                            for c in obj.children
                        ):
                            return Ref(ref.name, "PERSON", "title", token.i)
        return None

    def owner(self, token: Token) -> Ref | None:
        """Whose government, forces or action a noun names: "X's forces", "the forces of
        X", "troops loyal to X", "the Xian government"."""
        for child in token.children:
            if child.dep_ == "poss":
                refs = self.denote(child)
                if refs:
                    return Ref(refs[0].name, refs[0].kind, "owner", token.i)
        if base(token) in self.lex.owner_nouns or base(token) in self.lex.state_nouns:
            for child in token.children:
                # "the government of X", "forces of X"; "troops loyal to X"
                if child.dep_ == "prep" and child.lower_ == "of":
                    pobjs = [c for c in child.children if c.dep_ == "pobj"]
                elif child.dep_ == "amod" and child.lemma_.lower() in self.lex.loyalty_words:
                    pobjs = [
                        o
                        for prep in child.children
                        if prep.dep_ == "prep" and prep.lower_ == "to"
                        for o in prep.children
                        if o.dep_ == "pobj"
                    ]
                else:
                    continue
                for obj in pobjs:
                    ref = self.entity_ref(obj)
                    if ref is not None and ref.kind in ("PERSON", "STATE", "ORG"):
                        return Ref(ref.name, ref.kind, "owner", token.i)
        # Closest modifier first: "the Greek Cypriot government" is Cyprus's.
        for child in sorted(token.children, key=lambda c: -c.i):
            if child.dep_ == "amod" and child.lemma_.lower() in ("lead", "back", "sponsor"):
                # "the US-led war": the leader owns it.
                for grand in child.children:
                    if grand.dep_ in ("npadvmod", "compound", "nmod"):
                        ref = self.entity_ref(grand) or self.state_of_modifier(grand)
                        if ref is not None:
                            return Ref(ref.name, ref.kind, "owner", token.i)
            if child.dep_ in ("compound", "amod", "nmod"):
                ref = self.entity_ref(child)
                if ref is not None and ref.kind in ("PERSON", "STATE", "ORG"):
                    return Ref(ref.name, ref.kind, "owner", token.i)
                ref = self.state_of_modifier(child)
                if ref is not None:
                    return Ref(ref.name, "STATE", "owner", token.i)
                if base(child) in self.lex.state_nouns and child.dep_ == "compound":
                    inner = self.owner(child)
                    if inner is not None:
                        return inner
        for child in token.children:
            if child.dep_ == "compound" and child.i not in self.entity_at:
                # "the US drone strikes": the owner modifies the modifier.
                for grand in child.children:
                    if grand.dep_ in ("compound", "amod", "nmod") and grand.i < child.i:
                        ref = self.entity_ref(grand) or self.state_of_modifier(grand)
                        if ref is not None and ref.kind in ("PERSON", "STATE", "ORG"):
                            return Ref(ref.name, ref.kind, "owner", token.i)
        return None
