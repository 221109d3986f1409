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
4. the gazetteer names states (by name, alias, capital, seat, demonym) and organisations;
5. the text's own evidence settles the rest: a span cut at the hyphen of a given name
   grows over it ("Lee Jae" -> "Lee Jae-myung"), an office's own name and honorifics are
   cut off ("Special Envoy for Sahel Affairs Anna Berg" -> "Anna Berg"), a span with an
   open bracket is closed before it, a short line of page furniture ("3 MIN READ", a
   photo credit, a byline) names nobody, a given name or family name used alone goes to
   the one full name it begins ("Xi" -> "Xi Jinping", "Abiy" -> "Abiy Ahmed") unless
   its title says otherwise, an alias the text states ("X, better known as Y", "X (Y)")
   names X, and a demonym shared by two states ("Congolese") goes to the one the
   document names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from graphbuild.extract.lexicon import Lexicon
from graphbuild.gazetteer import normalise, organisation_for, state_match
from graphbuild.records import Kind

LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
PROPER = frozenset({"NNP", "NNPS"})
HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})
VERBAL = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
QUOTES = frozenset({'"', "'", "\u201c", "\u201d", "\u2018", "\u2019"})


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
        or tokens[0].lower_.strip(".") in lexicon.honorifics
        or not (tokens[0].is_alpha or tokens[0].lower_ in lexicon.particles)
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or not tokens[-1].text.strip("'’.-,")):
        tokens = tokens[:-1]
    return _after_office(tokens, lexicon)


def _after_office(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    """The name after an office's own name inside the span: "Special Envoy for Sahel
    Affairs Anna Berg" -> "Anna Berg", "Messrs. Kerry" -> "Kerry". The holder's name is
    two proper nouns or more after the last title, honorific or office complement (a
    lone honorific is enough: "Messrs. Kerry")."""
    cut = -1
    honorific = False
    office = False
    for k, token in enumerate(tokens[:-1]):
        word = token.lower_.strip(".")
        if word in lexicon.honorifics:
            cut, honorific, office = k, True, True
        elif word in lexicon.titles and token.tag_ != "FW":
            cut, honorific, office = k, False, True
        elif office and word in lexicon.office_complements:
            cut, honorific = k, False
    if cut < 0:
        return tokens
    rest = tokens[cut + 1 :]
    if (
        (len(rest) >= 2 or honorific)
        and rest[0].is_title
        and all(t.tag_ in PROPER or _is_particle(t, lexicon) for t in rest)
    ):
        return rest
    return tokens


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _is_particle(token: Token, lexicon: Lexicon) -> bool:
    return token.lower_ in lexicon.particles or token.lower_.rstrip("-") in lexicon.particles


def _join_hyphens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A person's span cut at the hyphen of a given name grows over the hyphen-joined
    pieces the model left out: "Lee Jae" + "-myung", "Abdel" + "-Fattah al-Burhan"'s
    "Fattah", "Jean" + "-Yves". Pieces inside another entity, verbs ("Putin-backed")
    and names the gazetteer knows ("Chile-Ana Rojas") are not joined."""
    n = len(doc)
    while (
        end + 1 < n
        and doc[end].text in HYPHENS
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and not doc[end + 1].ent_type_
        and doc[end + 1].tag_ not in VERBAL
    ):
        end += 2
    while (
        start >= 2
        and doc[start - 1].text in HYPHENS
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
        and doc[start - 2].is_alpha
        and doc[start - 2].is_title
        and not doc[start - 2].ent_type_
        and _gazetteer(doc[start - 2].text) is None
    ):
        start -= 2
    return start, end


def _joined_people(doc: Doc) -> list[Span]:
    """The model's entities, two person spans that touch made one: "Abd-Rabbu" +
    "Mansour Hadi" is "Abd-Rabbu Mansour Hadi"; a nationality the model cut from the
    name it opens ("Islamic" + "State") grown over it when the gazetteer knows the whole."""
    out: list[Span] = []
    for ent in doc.ents:
        if out and ent.label_ == "PERSON" == out[-1].label_ and out[-1].end == ent.start:
            out[-1] = Span(doc, out[-1].start, ent.end, label="PERSON")
        else:
            out.append(_grown_nationality(doc, ent))
    return out


def _grown_nationality(doc: Doc, ent: Span) -> Span:
    if ent.label_ != "NORP":
        return ent
    end = ent.end
    while end < len(doc) and end - ent.start < 6 and doc[end].tag_ in PROPER:
        if doc[end].ent_iob_ == "B":
            break  # another entity begins
        end += 1
        known = _gazetteer(normalise(doc[ent.start : end].text))
        if known is not None and known[1] == "ORG":
            return Span(doc, ent.start, end, label="ORG")
    return ent


def _close_brackets(doc: Doc, start: int, end: int) -> int:
    """The end of a span that opens a bracket it does not close ("Patriotic Front of Kivu
    (PFK" -> "Patriotic Front of Kivu"), or closes one it did not open."""
    depth = 0
    for k in range(start, end):
        text = doc[k].text
        if text == "(":
            depth += 1
        elif text == ")":
            if depth == 0:
                return k
            depth -= 1
    if depth:
        opened = max(k for k in range(start, end) if doc[k].text == "(")
        return opened
    return end


def _split(
    doc: Doc, start: int, end: int, lexicon: Lexicon, person: bool = False
) -> list[tuple[int, int, str | None]]:
    """Split a span at a leading state/organisation name or a hyphen after one, and two
    known names the model joined with "and" ("Amnesty International and Human Rights
    Watch"; "Bosnia and Herzegovina" is one name)."""
    tokens = list(doc[start:end])
    if _gazetteer(normalise(doc[start:end].text)) is None:
        for k in range(start + 1, end - 1):
            if doc[k].lower_ == "and" and (
                _gazetteer(normalise(doc[start:k].text))
                or _gazetteer(normalise(doc[k + 1 : end].text))
            ):
                return [(start, k, None), (k + 1, end, None)]
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
        # A capital glued to a name the model read as a person's ("ambassador to Kiev
        # Mikhail Zurabov"), when two words at least are left: "Victoria Nuland" is not
        # Victoria (Seychelles) + Nuland; "London Stock Exchange" is no person's.
        named = match and (
            match.field in ("name", "alias") or (person and match.field == "capital")
        )
        if named or organisation_for(head):
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


# A line of page furniture is short: a reading time, a credit, a byline, a sign-up box.
FURNITURE_WORDS = 14
BYLINE_WORDS = 8
CREDIT_WORDS = 40


def _furniture(doc: Doc, lexicon: Lexicon) -> set[int]:
    """Token indices on short lines of page furniture ("3 MIN READ", "REUTERS Photo",
    "Reporting by ...; Editing by ...", a newsletter box): no actor is named there."""
    pattern = _furniture_pattern(lexicon.furniture)
    lines = []  # (start offset, text, is furniture)
    offset = 0
    for line in doc.text.split("\n"):
        words = line.split()
        short = 0 < len(words) <= FURNITURE_WORDS
        byline = (
            0 < len(words) <= BYLINE_WORDS
            and words[0].lower() in lexicon.byline_starts
            and len(words) > 1
            and words[1][:1].isupper()
        )
        lower = line.lower()
        credit = len(words) <= CREDIT_WORDS and any(c in lower for c in lexicon.credits)
        phrase = short and pattern is not None and pattern.search(lower) is not None
        furniture = phrase or byline or credit
        lines.append((offset, line, furniture))
        offset += len(line) + 1
    # A line of names only beside a furniture line is its byline ("Anna Berg, Karl Lund").
    filled = [k for k, (_, line, _) in enumerate(lines) if line.strip()]
    for before, after in zip(filled, filled[1:], strict=False):
        for k, other in ((before, after), (after, before)):
            if lines[other][2] and not lines[k][2] and _names_only(lines[k][1]):
                lines[k] = (lines[k][0], lines[k][1], True)
    out: set[int] = set()
    for start, line, furniture in lines:
        if furniture:
            span = doc.char_span(start, start + len(line), alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
    return out


@cache
def _furniture_pattern(phrases: frozenset[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(r"(?<![a-z])(?:" + alternatives + r")(?![a-z])")


def _names_only(line: str) -> bool:
    words = line.replace(",", " ").replace(";", " ").split()
    return 0 < len(words) <= BYLINE_WORDS and all(
        w[:1].isupper() or w in ("and", "&") for w in words
    )


def _org_run(tokens: list[Token], lexicon: Lexicon) -> bool:
    """A run of proper nouns ending in an organisation word ("Karabakh Republic")."""
    return bool(tokens) and tokens[-1].lower_ in lexicon.org_heads


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
    furniture = _furniture(doc, lexicon)
    credits = tuple(p for p in lexicon.furniture if p.endswith("/"))
    for ent in _joined_people(doc):
        label = ent.label_
        if ent.start in furniture or any(c in ent.text.lower() for c in credits):
            for k in range(ent.start, ent.end):
                taken[k] = True
            continue
        start = ent.start
        end = _close_brackets(doc, ent.start, ent.end)
        if label == "PERSON":
            start, end = _join_hyphens(doc, start, end)
        if end <= start:
            continue
        if (start, end) != (ent.start, ent.end):
            ent = doc[start:end]
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
        for s, e, forced in _split(doc, ent.start, ent.end, lexicon, label == "PERSON"):
            raw.append((s, e, forced or label))
        for k in range(ent.start, ent.end):
            taken[k] = True
    for k in furniture:
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
        sure = (
            label in ("PERSON", "RUN") and not _org_run(person_tokens, lexicon)
        ) or (
            label in ("ORG", "GPE") and _has_particle_name(person_tokens, lexicon)
        )
        if sure and len(person_tokens) >= 2 and not _is_place_name(doc, s, e, lexicon):
            name = _text(person_tokens)
            if not _gazetteer(name):
                persons.setdefault(name.lower(), name)
                if _starts_sentence(person_tokens[0]):
                    sentence_initial.add(name.lower())

    # "Turkey's Recep Tayyip Erdogan" labelled FAC, where "Erdogan" alone is a PERSON
    # elsewhere: a name ending in a surname the model knows as a person's is that person.
    for s, e, label, person_tokens in cleaned:
        if (
            label in ("FAC", "LOC")
            and len(person_tokens) >= 2
            and all(t.tag_ in PROPER for t in person_tokens)
            and person_tokens[-1].lower_ in singles
            and not _is_place_name(doc, s, e, lexicon)
        ):
            name = _text(person_tokens)
            if not _gazetteer(name):
                persons.setdefault(name.lower(), name)

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

    firsts = _short_forms(doc, cleaned, persons, surnames, lexicon)

    # A surname the model left unlabelled is the person already named in the document.
    covered = {k for s, e, _, _ in cleaned for k in range(s, e)}
    for tok in doc:
        if (
            tok.i not in covered
            and tok.tag_ == "NNP"
            and (tok.lower_ in surnames or tok.lower_ in firsts)
            and len(surnames.get(tok.lower_) or {firsts.get(tok.lower_)}) == 1
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
        elif key in firsts and not gaz:
            entities.append(Entity(s, e, firsts[key], "PERSON", "person", written))
        elif key in singles and not gaz:
            # "Haddad" labelled PERSON once is a person wherever the model said ORG.
            entities.append(Entity(s, e, name, "PERSON", "person", written))
        elif gaz:
            entities.append(Entity(s, e, gaz[0], gaz[1], gaz[2], surface))
        elif label in ("RUN", "PERSON") and _org_run(person_tokens, lexicon):
            # "Nagorno-Karabakh Republic" found as a run, "the Tigray People's Liberation
            # Front" taken for a person: an organisation, hyphen and all.
            while (
                s >= 2
                and doc[s - 1].text in HYPHENS
                and not doc[s - 2].whitespace_
                and doc[s - 2].is_title
            ):
                s -= 2
            surface = normalise(doc[s:e].text)
            entities.append(Entity(s, e, surface, "ORG", "org", surface))
        elif label in ("RUN", "PERSON") and _is_place_name(doc, s, e, lexicon):
            entities.append(Entity(s, e, normalise(surface), None, "place", surface))
        elif label in ("PERSON", "RUN") or (
            label in ("ORG", "GPE") and _looks_like_person(doc, s, e, person_tokens, lexicon)
        ):
            entities.append(Entity(s, e, name, "PERSON", "person", normalise(name)))
        elif label == "ORG" and not any(t.text[:1].isupper() for t in doc[s:e]):
            continue  # "defence ministry" in lower case names no organisation
        elif label == "ORG" and not _is_place_name(doc, s, e, lexicon):
            entities.append(Entity(s, e, normalise(surface), "ORG", "org", surface))
        else:
            entities.append(Entity(s, e, normalise(surface), None, "place", surface))
    entities = _places_by_use(doc, _stated_aliases(doc, entities, lexicon), lexicon)
    return _coded_groups(doc, _local_acronyms(doc, _shared_demonyms(entities)), lexicon)


CODED = re.compile(r"^[A-Z]{1,3}-?\d{1,3}$")


def _coded_groups(doc: Doc, entities: list[Entity], lexicon: Lexicon) -> list[Entity]:
    """A letter-and-number name the model leaves unlabelled ("M23") is an organisation
    where the text once calls it one: "M23 rebels", "the M23 movement", "fighters of the
    M23"; a flight or a weapon ("MH17", "S-400") never is."""
    strings = doc.vocab.strings
    # The token texts from the array, without making a Token for each: the common case
    # has no such name at all.
    hits = [i for i, orth in enumerate(doc.to_array("ORTH")) if CODED.match(strings[orth])]
    if not hits:
        return entities
    covered = {k for ent in entities for k in range(ent.start, ent.end)}
    coded = [doc[i] for i in hits if i not in covered]
    group_words = lexicon.member_nouns | lexicon.org_heads
    groups = {
        t.text
        for t in coded
        if (t.i + 1 < len(doc) and doc[t.i + 1].lemma_.lower() in group_words)
        or (
            t.dep_ == "pobj"
            and t.head.lower_ == "of"
            and t.head.head.lemma_.lower() in lexicon.member_nouns
        )
    }
    if not groups:
        return entities
    out = list(entities)
    for t in coded:
        if t.text in groups:
            out.append(Entity(t.i, t.i + 1, t.text, "ORG", "org", t.text))
    out.sort(key=lambda ent: ent.start)
    return out


def _places_by_use(doc: Doc, entities: list[Entity], lexicon: Lexicon) -> list[Entity]:
    """A one-word name the gazetteer does not know and the document only ever uses as a
    location ("fighting in Hama", "talks at Panmunjom") is a place, whatever the model
    called it. Longer names are left alone: "a senior figure in Jaish al-Islam"."""
    uses: dict[str, list[bool]] = {}
    for ent in entities:
        if ent.kind in ("ORG", "PERSON") and ent.via in ("org", "person") and " " not in ent.name:
            root = doc[ent.start : ent.end].root
            located = (
                root.dep_ == "pobj"
                and root.head.lower_ in lexicon.place_prepositions
                and not any(t.dep_ == "case" for t in root.children)  # "in Kim's view"
            )
            uses.setdefault(ent.name, []).append(located)
    places = {
        name
        for name, located in uses.items()
        if all(located) and _gazetteer(name) is None and organisation_for(name) is None
    }
    if not places:
        return entities
    return [
        replace(ent, kind=None, via="place") if ent.name in places and ent.kind else ent
        for ent in entities
    ]


def _office_words(doc: Doc, start: int, lexicon: Lexicon) -> frozenset[str]:
    """The offices in the run of title words just before ``start`` ("Foreign Minister")."""
    found = []
    k = start - 1
    while k >= 0 and (
        doc[k].lower_.strip(".") in lexicon.titles or doc[k].lower_.strip(".") in lexicon.honorifics
    ):
        found.append(doc[k].lower_.strip("."))
        k -= 1
    return frozenset(w for w in found if w in lexicon.offices)


def _short_forms(
    doc: Doc,
    cleaned: list[tuple[int, int, str, list[Token]]],
    persons: dict[str, str],
    surnames: dict[str, set[str]],
    lexicon: Lexicon,
) -> dict[str, str]:
    """One-word names that are the first word of exactly one full name of the document:
    a family name written first ("Xi" for "Xi Jinping", "Park" for "Park Ji-hoon") or a
    given name used alone ("Abiy" for "Abiy Ahmed"). A word that is also someone's
    surname is not one, nor a word whose title names another office than the full
    name's ("President Hassan" beside "Foreign Minister Hassan Ali": two people)."""
    starts: dict[str, set[str]] = {}
    for full in set(persons.values()):
        words = full.split()
        first = words[0].lower()
        if len(words) >= 2 and first not in lexicon.particles and first not in surnames:
            starts.setdefault(first, set()).add(full)
    if not starts:
        return {}
    offices: dict[str, set[str]] = {}  # a name (full or short) -> offices seen before it
    for _s, _e, _label, tokens in cleaned:
        if tokens:
            key = _text(tokens).lower()
            name = persons.get(key, key)
            offices.setdefault(name, set()).update(_office_words(doc, tokens[0].i, lexicon))
    out = {}
    for first, fulls in starts.items():
        if len(fulls) != 1 or _gazetteer(first) is not None:
            continue
        (full,) = fulls
        own = offices.get(first, set())
        if own and not own <= offices.get(full, set()):
            continue
        out[first] = full
    return out


def _stated_aliases(doc: Doc, entities: list[Entity], lexicon: Lexicon) -> list[Entity]:
    """A second name the text gives an actor names that actor: "Abu Omar (Haddad)",
    "X, also known as Y", "X, who goes by Y", "X, better known by his nom de guerre Y or
    'Z'", "the X Republic, which calls itself Y". Every mention of Y in the document
    then names X. Names the gazetteer knows are never made aliases of another actor."""
    cues = {tuple(c.split()) for c in lexicon.alias_cues}
    longest = max((len(c) for c in cues), default=0)
    covering = {k: ent for ent in entities for k in range(ent.start, ent.end)}
    renamed: dict[str, Entity] = {}
    added: dict[int, Entity] = {}  # the replaced entity's start -> the alias
    for ent in entities:
        source = renamed.get(ent.name, ent)
        chained = ent.start in added
        if chained:
            source = renamed.get(added[ent.start].name, added[ent.start])
        if source.kind not in ("PERSON", "ORG") or _gazetteer(ent.surface) is not None:
            continue
        k = ent.end
        words: list[str] = []
        bracket = k < len(doc) and doc[k].text == "("
        while k < len(doc) and k - ent.end <= 12:
            tok = doc[k]
            if tok.is_sent_start and k > ent.end:
                break
            if tok.is_punct or tok.text in QUOTES:
                if tok.text not in (",", "(", *QUOTES) or (words and tok.text == "("):
                    break
            elif tok.is_title and tok.lower_ not in lexicon.alias_fillers:
                break
            else:
                words.append(tok.lower_)
            k += 1
        if k >= len(doc) or not doc[k].is_title or k - ent.end > 12:
            continue
        cue = any(
            tuple(words[-n:]) in cues and all(w in lexicon.alias_fillers for w in words[:-n])
            for n in range(1, min(longest, len(words)) + 1)
        ) or (chained and words == ["or"])
        alias = covering.get(k)
        if alias is not None and alias.start < ent.end:
            continue
        end = alias.end if alias is not None else k
        while (
            alias is None
            and end < len(doc)
            and (
                doc[end].tag_ in PROPER
                or (end == k and doc[end].is_alpha)  # "Timochenko" read as a common noun
                or (end > k and _is_particle(doc[end], lexicon))
            )
        ):
            end += 1
        in_brackets = bracket and not words and end < len(doc) and doc[end].text == ")"
        if not (cue or in_brackets) or end <= k:
            continue
        if in_brackets and (doc[k:end].text.isupper() or source.kind != "PERSON"):
            continue  # an acronym: _local_acronyms reads those
        surface = normalise(doc[k:end].text)
        if _gazetteer(surface) is not None or surface == source.surface:
            continue
        if any(t.lower_ in lexicon.titles or t.lower_ in lexicon.offices for t in doc[k:end]):
            continue  # "known as the Supreme Leader": an office, not a name
        if alias is not None and alias.kind == "STATE":
            continue
        if alias is not None:
            renamed[alias.name] = source
        at = alias.start if alias is not None else k
        added[at] = Entity(k, end, source.name, source.kind, source.via, surface)
    if not added and not renamed:
        return entities
    stated = list(added.values())
    out = []
    for ent in entities:
        if ent.start in added:
            out.append(added.pop(ent.start))
        elif ent.name in renamed and ent.kind != "STATE":
            src = renamed[ent.name]
            out.append(Entity(ent.start, ent.end, src.name, src.kind, src.via, ent.surface))
        else:
            out.append(ent)
    out.extend(added.values())
    # The alias's other mentions the model missed name the same actor.
    covered = {k for ent in out for k in range(ent.start, ent.end)}
    for alias in stated:
        words = [t.text for t in doc[alias.start : alias.end]]
        size = len(words)
        for k in range(len(doc) - size + 1):
            if (
                doc[k].text == words[0]
                and [t.text for t in doc[k : k + size]] == words
                and not any(j in covered for j in range(k, k + size))
            ):
                out.append(replace(alias, start=k, end=k + size))
                covered.update(range(k, k + size))
    out.sort(key=lambda ent: ent.start)
    return out


def _shared_demonyms(entities: list[Entity]) -> list[Entity]:
    """A demonym two states share ("Congolese", "Korean") is the one of them the document
    names (by name, alias, capital or seat); failing that, the gazetteer's default."""
    from graphbuild.gazetteer import demonym_states

    named: dict[str, int] = {}
    for ent in entities:
        if ent.kind == "STATE" and ent.via in ("name", "alias", "capital", "seat"):
            named[ent.name] = named.get(ent.name, 0) + 1
    out = []
    for ent in entities:
        if ent.via == "demonym":
            candidates = [c for c in demonym_states(ent.surface) if c in named]
            if candidates:
                best = max(candidates, key=lambda c: named[c])
                if best != ent.name:
                    ent = Entity(ent.start, ent.end, best, ent.kind, ent.via, ent.surface)
        out.append(ent)
    return out


def _local_acronyms(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """An acronym the text defines, "Rapid Support Forces (RSF)", names that actor in
    this document, whatever the gazetteer says the acronym stands for elsewhere."""
    ending_at = {ent.end: ent for ent in entities if ent.kind in ("ORG", "STATE", "PERSON")}
    defined: dict[str, Entity] = {}
    texts = [doc.vocab.strings[orth] for orth in doc.to_array("ORTH")]
    for i, text in enumerate(texts):
        if (
            text == "("
            and i + 2 < len(doc)
            and doc[i + 2].text == ")"
            and doc[i + 1].is_upper
            and 2 <= len(doc[i + 1].text) <= 6
            and i in ending_at
            and (
                ending_at[i].kind != "STATE"
                or _initials(ending_at[i].surface) == doc[i + 1].text
            )  # "Union for Peace in the Central African Republic (UPC)": not the state's
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
    for i, text in enumerate(texts):
        full = defined.get(text)
        if full is not None and i not in covered and full.kind == "ORG":
            out.append(Entity(i, i + 1, full.name, full.kind, full.via, text))
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
            and prev.lower_.strip(".") not in lexicon.honorifics
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
    if root.dep_ == "conj" and len(tokens) >= 2:
        # "foreign ministers Ana Rojas, Karl Lund and Pieter Berg" with "Karl Lund" typed
        # ORG: listed among people named with their offices, it is a person too.
        head = root.head
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        listed = head.ent_type_ == "PERSON" or any(
            c.ent_type_ == "PERSON" for c in head.conjuncts if c.i != root.i
        )
        offices = [t for t in (head, head.head) if t.lemma_.lower() in lexicon.offices]
        compound = [t for t in head.children if t.lemma_.lower() in lexicon.offices]
        if listed and (offices or compound):
            return all(t.tag_ in PROPER or _is_particle(t, lexicon) for t in tokens)
    return False
