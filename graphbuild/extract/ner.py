"""NER repair: turn the model's entity spans into the document's named actors.

The small English model mislabels names (a lone surname as ORG, "Van Dijk" as GPE), merges
a state and a person into one span ("the Republic of Chile Ana Rojas") and misses
names after a hyphen ("Chile-Ana Rojas"). The repair works on the whole
document at once, because one correct reading of a name fixes the others:

1. split spans at a leading state or organisation name and at titles;
2. add runs of proper nouns the model left out when a title precedes them or a name
   particle ("de", "al-") sits inside them;
3. a span whose text is a person's name or ends like one seen as PERSON in the same
   document is a PERSON, and takes that person's full name;
4. the gazetteer names states (by name, alias, capital, seat, demonym) and organisations.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from graphbuild.extract.lexicon import Lexicon
from graphbuild.gazetteer import normalise, organisation_for, state_match
from graphbuild.records import Kind

LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
PROPER = frozenset({"NNP", "NNPS"})
HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})


@dataclass(frozen=True)
class Entity:
    """A named span after repair. ``kind`` None means a place or a bare nationality."""

    start: int
    end: int
    name: str
    kind: Kind | None
    via: str  # name | alias | capital | seat | demonym | person | org | place
    surface: str


def _clean_person(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    # Drop leading articles, titles and possessive markers; keep particles inside the name.
    while tokens and (
        tokens[0].lower_ in ("the", "a", "an")
        or (tokens[0].lower_.strip(".") in lexicon.titles and tokens[0].tag_ != "FW")
        or not (tokens[0].is_alpha or tokens[0].lower_ in lexicon.particles)
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or not tokens[-1].text.strip("'’.-,")):
        tokens = tokens[:-1]
    return tokens


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _is_particle(token: Token, lexicon: Lexicon) -> bool:
    return token.lower_ in lexicon.particles or token.lower_.rstrip("-") in lexicon.particles


def _split(doc: Doc, start: int, end: int, lexicon: Lexicon) -> list[tuple[int, int, str | None]]:
    """Split a span at a leading state/organisation name or a hyphen after one, or at an
    "and" between two names the gazetteer knows ("Amnesty International and Human Rights
    Watch")."""
    tokens = list(doc[start:end])
    for k, token in enumerate(tokens):
        if token.lower_ == "and" and 0 < k < len(tokens) - 1:
            left, right = doc[start : start + k].text, doc[start + k + 1 : end].text
            if _gazetteer(normalise(left)) and _gazetteer(normalise(right)):
                return [(start, start + k, None), (start + k + 1, end, None)]
    lead = 1 if tokens and tokens[0].lower_ == "the" else 0
    # Longest prefix naming a state or organisation, followed by a person-like rest.
    for cut in range(len(tokens) - 1, lead, -1):
        head = doc[start + lead : start + cut].text
        rest = [t for t in tokens[cut:] if t.text not in "-–"]
        if len(rest) < 2 or not all(t.tag_ in PROPER or _is_particle(t, lexicon) for t in rest):
            continue
        if rest[-1].lower_ in lexicon.org_heads or rest[-1].lower_ in lexicon.titles:
            continue
        match = state_match(head)
        if (match and match.field in ("name", "alias")) or organisation_for(head):
            first = start + cut
            while doc[first].text in "-–":
                first += 1
            return [(start, start + cut, None), (first, end, "PERSON")]
    return [(start, end, None)]


def _proper_runs(doc: Doc, taken: list[bool], lexicon: Lexicon) -> list[tuple[int, int]]:
    """Proper-noun runs outside any span that look like a person's name."""
    tokens = list(doc)  # indexing a list is much cheaper than indexing a Doc
    runs = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if taken[i] or not (
            tok.tag_ in PROPER
            or (_is_particle(tok, lexicon) and i + 1 < n and tokens[i + 1].tag_ in PROPER)
        ):
            i += 1
            continue
        j = i
        while (
            j < n
            and not taken[j]
            and (
                tokens[j].tag_ in PROPER
                or tokens[j].tag_ == "FW"
                or _is_particle(tokens[j], lexicon)
            )
            and tokens[j].lower_.strip(".") not in lexicon.titles
        ):
            j += 1
        if j > i:
            words = tokens[i:j]
            has_particle = any(_is_particle(t, lexicon) for t in words[:-1])
            after_title = i > 0 and (
                tokens[i - 1].lower_.strip(".") in lexicon.offices
                or (tokens[i - 1].text in "-–" and i > 1 and tokens[i - 2].tag_ in PROPER)
            )
            introduced = j - i >= 2 and (has_particle or after_title) and words[-1].is_title
            if introduced or (2 <= j - i <= 4 and _bare_name(words, lexicon)):
                runs.append((i, j))
        i = max(j, i + 1)
    return runs


def _headline(sent: Span) -> bool:
    """No final stop and most words capitalised: a headline, where capitals say nothing
    about names."""
    ending = [t for t in sent if not t.is_space]
    if ending and ending[-1].text in (".", "!", "?", '"', "”", "'"):
        return False  # headlines carry no final stop
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) >= 0.7 * len(words)


def _bare_name(words: list[Token], lexicon: Lexicon) -> bool:
    """A run of two to four capitalised words the model left unlabelled that can only be
    a person's name: it acts (subject, object), no word is a title, an organisation or
    place word, a state, a demonym or a known organisation, and it is not a headline."""
    root = max(words, key=lambda t: t.i if t.head.i not in {w.i for w in words} else -1)
    if root.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"):
        return False
    if _headline(words[0].sent):
        return False
    for word in words:
        lower = word.lower_
        if (
            not word.is_title
            or not word.is_alpha
            or lower in lexicon.titles
            or lower in lexicon.org_heads
            or lower in lexicon.state_nouns
            or lower in lexicon.place_nouns
            or _gazetteer(word.text) is not None
        ):
            return False
    return _gazetteer(" ".join(w.text for w in words)) is None


def repair(doc: Doc, lexicon: Lexicon) -> list[Entity]:
    """The document's named entities after repair, in text order. Pure."""
    raw: list[tuple[int, int, str | None]] = []
    taken = [False] * len(doc)
    for ent in doc.ents:
        label = ent.label_
        start = ent.start
        while start < ent.end - 1 and (
            doc[start].lower_ in lexicon.stance_prefixes or doc[start].text in HYPHENS
        ):
            start += 1  # "pro-Iranian militias": the entity is the state, not its stance
        if start > ent.start:
            ent = doc[start : ent.end]
        if label not in LABELS:
            # "Belarus" labelled WORK_OF_ART: a state or organisation the gazetteer knows
            # is one whatever the model's label.
            known = _gazetteer(normalise(ent.text))
            if known is None or known[1] is None:
                continue
            label = "GPE" if known[1] == "STATE" else "ORG"
        for s, e, forced in _split(doc, ent.start, ent.end, lexicon):
            raw.append((s, e, forced or label))
        for k in range(ent.start, ent.end):
            taken[k] = True
    for s, e in _proper_runs(doc, taken, lexicon):
        raw.append((s, e, "RUN"))
    raw.sort()

    # Pass 1: persons the model (or a split) is sure of, by their cleaned names.
    persons: dict[str, str] = {}  # lower name -> full name
    sentence_initial: set[str] = set()
    singles: set[str] = set()  # one-word names the model labelled PERSON somewhere
    cleaned: list[tuple[int, int, str, list[Token]]] = []
    for s, e, label in raw:
        tokens = list(doc[s:e])
        if label in ("PERSON", "ORG", "RUN", "GPE"):
            person_tokens = _clean_person(tokens, lexicon)
        else:
            person_tokens = tokens
        if label == "PERSON" and person_tokens:
            person_tokens = _with_first_names(doc, person_tokens, lexicon)
        cleaned.append((s, e, label, person_tokens))
        if label == "PERSON" and len(person_tokens) == 1 and not _gazetteer(person_tokens[0].text):
            singles.add(person_tokens[0].lower_)
        sure = label in ("PERSON", "RUN") or (
            label in ("ORG", "GPE") and _has_particle_name(person_tokens, lexicon)
        )
        if sure and len(person_tokens) >= 2 and not _is_place_name(doc, s, e, lexicon):
            name = _text(person_tokens)
            if not _gazetteer(name):
                persons.setdefault(name.lower(), name)
                if _starts_sentence(person_tokens[0]):
                    sentence_initial.add(name.lower())

    # A one-word name labelled PERSON somewhere may carry its first name elsewhere, where
    # the model called it ORG or nothing: "Amira Haddad met ..." with only "Haddad"
    # labelled further on.
    covered = {k for s, e, _, _ in cleaned for k in range(s, e)}
    for tok in doc:
        if tok.i not in covered and tok.tag_ == "NNP" and tok.lower_ in singles:
            cleaned.append((tok.i, tok.i + 1, "PERSON", [tok]))
    cleaned.sort(key=lambda item: item[0])
    tails = {tail for n in persons.values() for tail in _tails(n, lexicon)}
    for index, (s, e, _label, person_tokens) in enumerate(cleaned):
        if (
            len(person_tokens) == 1
            and person_tokens[0].lower_ in singles
            and person_tokens[0].lower_ not in tails  # already a known person's surname
        ):
            longer = _with_first_names(doc, person_tokens, lexicon)
            if len(longer) > 1:
                cleaned[index] = (s, e, "PERSON", longer)
                name = _text(longer)
                persons.setdefault(name.lower(), name)
    _canonical_persons(persons, sentence_initial, lexicon)
    surnames: dict[str, set[str]] = {}
    for full in set(persons.values()):
        for tail in _tails(full, lexicon):
            surnames.setdefault(tail, set()).add(full)

    # A surname the model left unlabelled is the person already named in the document.
    covered = {k for s, e, _, _ in cleaned for k in range(s, e)}
    for tok in doc:
        if (
            tok.i not in covered
            and tok.tag_ == "NNP"
            and tok.lower_ in surnames
            and len(surnames[tok.lower_]) == 1
            and not (tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ in PROPER)
            and not (tok.i > 0 and doc[tok.i - 1].tag_ in PROPER)
        ):
            cleaned.append((tok.i, tok.i + 1, "PERSON", [tok]))
    cleaned.sort(key=lambda item: item[0])

    entities: list[Entity] = []
    for s, e, label, person_tokens in cleaned:
        surface = normalise(doc[s:e].text)
        name = _text(person_tokens)
        key = name.lower()
        if not name:
            # Cleaning for a person's name strips tokens that are not words: "U.S.", "U.N."
            # are still names the gazetteer knows.
            gaz = _gazetteer(surface)
            if gaz:
                entities.append(Entity(s, e, gaz[0], gaz[1], gaz[2], surface))
            continue
        gaz = _gazetteer(surface) or _gazetteer(name)
        written = _as_written(person_tokens, persons.get(key, name), lexicon)
        if key in persons:
            entities.append(Entity(s, e, persons[key], "PERSON", "person", written))
        elif key in surnames and len(surnames[key]) == 1 and not gaz:
            entities.append(Entity(s, e, next(iter(surnames[key])), "PERSON", "person", written))
        elif key in singles and not gaz:
            # "Haddad" labelled PERSON once is a person wherever the model said ORG.
            entities.append(Entity(s, e, name, "PERSON", "person", written))
        elif gaz:
            entities.append(Entity(s, e, gaz[0], gaz[1], gaz[2], surface))
        elif label in ("RUN", "PERSON") and _is_place_name(doc, s, e, lexicon):
            entities.append(Entity(s, e, normalise(surface), None, "place", surface))
        elif label in ("PERSON", "RUN") or (
            label in ("ORG", "GPE") and _looks_like_person(doc, s, e, person_tokens, lexicon)
        ):
            entities.append(Entity(s, e, name, "PERSON", "person", normalise(name)))
        elif label == "ORG" and not _is_place_name(doc, s, e, lexicon):
            entities.append(Entity(s, e, normalise(surface), "ORG", "org", surface))
        else:
            entities.append(Entity(s, e, normalise(surface), None, "place", surface))
    return _local_acronyms(doc, entities)


def _local_acronyms(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """An acronym the text defines, "Rapid Support Forces (RSF)", names that actor in
    this document, whatever the gazetteer says the acronym stands for elsewhere."""
    ending_at = {ent.end: ent for ent in entities if ent.kind in ("ORG", "STATE", "PERSON")}
    defined: dict[str, Entity] = {}
    for token in doc:
        i = token.i
        if (
            token.text == "("
            and i + 2 < len(doc)
            and doc[i + 2].text == ")"
            and doc[i + 1].is_upper
            and 2 <= len(doc[i + 1].text) <= 6
            and i in ending_at
        ):
            defined.setdefault(doc[i + 1].text, ending_at[i])
    # "Rapid Support Forces ... the RSF": the one organisation named here with those initials.
    spelled: dict[str, dict[str, Entity]] = {}
    for ent in entities:
        if ent.kind == "ORG" and not _is_acronym(ent.surface):
            spelled.setdefault(_initials(ent.surface), {})[ent.name] = ent
    for ent in entities:
        if _is_acronym(ent.surface) and ent.surface not in defined:
            matches = spelled.get(ent.surface, {})
            if len(matches) == 1:
                defined[ent.surface] = next(iter(matches.values()))
    if not defined:
        return entities
    out = []
    for ent in entities:
        full = defined.get(ent.surface)
        if full is not None and full is not ent:
            ent = Entity(ent.start, ent.end, full.name, full.kind, full.via, ent.surface)
        out.append(ent)
    # "the ELN", "ELN rebels" where the model tagged nothing: the acronym is still its actor.
    covered = {k for ent in out for k in range(ent.start, ent.end)}
    for token in doc:
        full = defined.get(token.text)
        if full is not None and token.i not in covered and full.kind == "ORG":
            out.append(Entity(token.i, token.i + 1, full.name, full.kind, full.via, token.text))
    out.sort(key=lambda ent: ent.start)
    return out


def _is_acronym(text: str) -> bool:
    return text.isupper() and text.isalpha() and 2 <= len(text) <= 6


def _initials(name: str) -> str:
    """ "Rapid Support Forces" -> "RSF", "Forces for Defence of Democracy" -> "FDD"."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def _as_written(tokens: list[Token], canonical: str, lexicon: Lexicon) -> str:
    """The form a person's name takes here, without a capitalised word that opens the
    sentence before a particle and is not in the canonical name ("Meet van Rijn")."""
    written = normalise(_text(tokens))
    words = written.split()
    if (
        len(words) >= 3
        and words[1].lower() in lexicon.particles
        and words[0].lower() not in canonical.lower().split()
    ):
        return " ".join(words[1:])
    return written


def _skeleton(name: str, lexicon: Lexicon) -> tuple[str, ...]:
    words = []
    for word in name.replace("-", " ").split():
        if word.lower() not in lexicon.particles:
            words.append(word.lower())
    return tuple(words)


def _tails(name: str, lexicon: Lexicon) -> set[str]:
    """The shorter forms a full name goes by: "Bashar al-Assad" -> "al-assad", "assad"."""
    words = name.split()
    out = {" ".join(words[k:]).lower() for k in range(1, len(words))}
    prefix, _, rest = words[-1].rpartition("-")
    if rest and prefix.lower() in lexicon.particles:
        out.add(rest.lower())  # "al-Haddad" also goes by "Haddad"
    return out


def _starts_sentence(token: Token) -> bool:
    """First word of a sentence, a paragraph, a quotation or a heading."""
    if token.is_sent_start or token.i == 0:
        return True
    prev = token.doc[token.i - 1]
    return prev.is_space or prev.text in ('"', "“", "'", "‘", "(", ":")


def _has_particle_name(tokens: list[Token], lexicon: Lexicon) -> bool:
    return (
        len(tokens) >= 2
        and any(_is_particle(t, lexicon) for t in tokens[:-1])
        and tokens[-1].is_title
    )


def _canonical_persons(
    persons: dict[str, str], sentence_initial: set[str], lexicon: Lexicon
) -> None:
    """Map each name that is the tail of exactly one longer name to that name, in place.

    "van Rijn" -> "Pieter van Rijn". A sentence-initial capitalised word before a
    particle is not a first name when the rest is the tail of a name seen mid-sentence
    ("Meet van Rijn" -> "Pieter van Rijn"); those are settled first.
    """
    for key, name in list(persons.items()):
        words = name.split()
        if key in sentence_initial and len(words) >= 3 and words[1].lower() in lexicon.particles:
            tail = " ".join(words[1:]).lower()
            candidates = {
                other
                for other_key, other in persons.items()
                if other_key not in sentence_initial and other.lower().endswith(" " + tail)
            }
            if len(candidates) == 1:
                persons[key] = candidates.pop()
    # Spellings that differ only by particles are one person: "Bashar Assad",
    # "Bashar Al Assad" and "Bashar al-Assad"; the longest spelling names them.
    by_skeleton: dict[tuple[str, ...], str] = {}
    for key, name in persons.items():
        if name.lower() != key:
            continue
        skeleton = _skeleton(name, lexicon)
        kept = by_skeleton.get(skeleton)
        if kept is None or len(name) > len(kept):
            by_skeleton[skeleton] = name
    for key, name in list(persons.items()):
        if name.lower() == key:
            persons[key] = by_skeleton[_skeleton(name, lexicon)]
    full_names = [name for key, name in persons.items() if persons[key].lower() == key]
    for key, name in list(persons.items()):
        if name.lower() != key:
            continue
        words = name.split()
        candidates = {
            other
            for other in full_names
            if len(other.split()) > len(words) and other.lower().endswith(" " + key)
        }
        if len(candidates) == 1:
            persons[key] = candidates.pop()


def _with_first_names(doc: Doc, tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    """Extend a person's name over proper nouns the model left out on its left:
    "Amira Haddad" when only "Haddad" was labelled."""
    root = tokens[-1]
    first = tokens[0].i
    while first > 0:
        prev = doc[first - 1]
        if (
            prev.tag_ == "NNP"
            and prev.head.i == root.i
            and prev.dep_ == "compound"
            and prev.ent_type_ in ("", "PERSON")
            and prev.lower_.strip(".") not in lexicon.titles
            and prev.lower_ not in lexicon.org_heads
            and prev.lower_ not in lexicon.state_nouns
            and _gazetteer(prev.text) is None
            and prev.is_title
        ):
            first -= 1
        else:
            break
    return list(doc[first : root.i + 1]) if first < tokens[0].i else tokens


def _gazetteer(text: str) -> tuple[str, Kind | None, str] | None:
    org = organisation_for(text)
    if org:
        return (org, "ORG", "org")
    match = state_match(text)
    if match:
        kind: Kind | None = None if match.field == "demonym" else "STATE"
        return (match.state, kind, match.field)
    return None


def _is_place_name(doc: Doc, s: int, e: int, lexicon: Lexicon) -> bool:
    """A name that modifies a place noun: "the Assal Al Ward area"."""
    for t in doc[s:e]:
        if s <= t.head.i < e:
            continue
        if t.dep_ == "compound" and t.head.lemma_.lower() in lexicon.place_nouns:
            return True
        if (  # "the city of El Alamein"
            t.dep_ == "pobj"
            and t.head.lower_ == "of"
            and t.head.head.lemma_.lower() in lexicon.place_nouns
        ):
            return True
    return False


def _looks_like_person(doc: Doc, s: int, e: int, tokens: list[Token], lexicon: Lexicon) -> bool:
    """An ORG/GPE span that a title introduces or whose name carries a particle."""
    if not tokens or tokens[-1].lower_ in lexicon.org_heads:
        return False
    if _is_place_name(doc, s, e, lexicon):
        return False
    if _has_particle_name(tokens, lexicon):
        return True
    root = doc[s:e].root
    before = doc[s - 1] if s > 0 else None
    if before is not None and before.lower_.strip(".") in lexicon.offices and before.is_title:
        return all(t.tag_ in PROPER or _is_particle(t, lexicon) for t in tokens)
    if root.dep_ == "appos" and root.head.lemma_.lower() in lexicon.offices:
        return all(t.tag_ in PROPER or _is_particle(t, lexicon) for t in tokens)
    return False
