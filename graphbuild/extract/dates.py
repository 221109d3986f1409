"""Event dates: when a claim happened, read from the time expression of its own sentence,
or from the article's lead when the claim is part of the news the lead dates.

Four small mechanisms:

- **Finding.** A sentence's time expressions are spaCy's DATE entities (and TIME ones
  that name a day: "this morning"), adjacent ones joined ("29-30" + "October"), plus a
  weekday or "today" the model left untagged; a tail the model glues on that dates nothing
  is cut ("May 3 after weeks of strikes"), and a time of day in figures is no year
  ("at 0930 GMT"). A claim takes the expression that
  modifies its trigger in the parse: climbing from the expression up the tree reaches the
  trigger, the verb a trigger noun hangs on ("held talks on Monday"), or the verb that a
  trigger is the infinitive of ("plans to meet"), before any other verb. An expression
  held by another verb belongs to another clause and is never taken ("X, who was elected
  in 2010, met Y"; "media reported on Tuesday that X will meet Y"), nor is a deadline
  ("gave Y until Monday"), nor the start of a state a noun names ("a ceasefire from
  Friday"). A clause with no date of its own borrows the one of the clause it leans on: a
  later coordinated verb the first one's ("met Y on Monday and signed a pact", but not a
  present perfect after a past: "invaded Z in 2014 and has been fighting Y since"), an
  infinitive of purpose its journey's ("flew to Z on Monday to meet Y"), a where-clause
  its visit's ("visited Z in May, where she met Y"); an event noun takes the date of a
  clause saying when it took place ("the talks, which opened on Monday, ..."; "talks are
  to begin on Monday"), and a meeting read from another act's verb takes its meeting's
  ("agreed to a truce after talks that ended on Friday evening"). Failing an attached
  one, the sentence's only expression is taken when no verb holds it.

- **Placing.** An event set a span before or after one the sentence dates takes that
  date moved by the span, at the precision both allow: "opened last March, five months
  after Y signed a pact" (the October before); "in June, days after holding talks" (June).

- **The news of the day.** A news article's lead dates its story once: the time of the
  meeting the lead names, else of its main verb, else its only expression of a day, and
  when the lead names no time at all, the publication date. A meeting told without a time
  of its own at or after the lead, in the past ("X and Y sat at the same table"; "X met Y
  over dinner"), is part of that news and takes that date; so does any claim of the lead's own
  main clause when the lead names a meeting and states its time. A meeting that lasted a
  stated span up to that date ("ten days of negotiations", "the five-day talks") is dated
  to the month when the span lies in it, else not at all.

- **Resolving.** A small grammar for the expressions news uses, against the document's
  date: full dates, day and month, month and year, month, year, weekdays,
  today/yesterday/tomorrow, "last/next/this week|month|year", "earlier this month",
  "two days ago", seasons, ranges (their first day: "29-30 October" -> the 29th) and
  decades (a time expression without a date: null). "The past week" is a span up to the
  document date, not a point in time. The direction comes from the claim: a planned
  meeting "on Wednesday" is the next Wednesday (or the same day), a past one the last. A
  relative expression with no document date stays null; its text is kept.

The value is ISO 8601 at the expression's precision: "2015-11-04", "2015-11" or "2015".
A week has no such form: "last week" resolves to the month of that week's Monday.
The word lists (deadline prepositions, occurrence verbs, meeting words, time zones, ...)
are in ``data/dates.json``. Pure: no state, no downloads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from graphbuild.calendar import MONTHS
from graphbuild.records import Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["EventDate", "date_claims", "find_event_date", "resolve"]

VERBS = frozenset({"VERB", "AUX"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})


@cache
def _words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/dates.json``, lower-cased, as frozen sets."""
    text = resources.files("graphbuild.extract").joinpath("data", "dates.json").read_text("utf-8")
    return {
        key: frozenset(word.lower() for word in words)
        for key, words in json.loads(text).items()
        if not key.startswith("_")
    }


_WORDS = _words()
DEADLINES = _WORDS["deadline_preps"]
OCCURRENCE_VERBS = _WORDS["occurrence_verbs"]

WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
SEASONS = ("spring", "summer", "autumn", "fall", "winter")

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1\d{3}|20\d{2})"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
# Words around an expression that change neither its date nor its precision.
_LEAD = re.compile(
    r"^(?:(?:on|in|at|since|from|between|during|by|of|until|till|around|about|circa|"
    r"sometime|some time|as early as|as late as|the|early|mid|late|earlier|later|"
    r"the (?:end|beginning|start|middle|first half|second half|turn) of|"
    r"(?:the )?(?:first|second|third|fourth|last) (?:week|days?) of)[\s-]+)+"
)
_TAIL = re.compile(r"(?:'s|[\s,.;:-]|\b(?:to|and|until|till|through)\b)+$")

_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)$")
_DAY_MONTH = re.compile(
    rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?$"
)
_MONTH_DAY = re.compile(rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?:the\s+)?{_DAY}(?:,?\s+{_YEAR})?$")
_MONTH_YEAR = re.compile(rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}$")
_MONTH_ONLY = re.compile(rf"(?P<rel>this|last|next|past|previous|coming)?\s*{_MONTH}$")
_YEAR_ONLY = re.compile(rf"(?:the\s+year\s+)?{_YEAR}$")
_DECADE = re.compile(r"(?:\b\d{3}0|'\d0)s$|\b[a-z]+ties$|\bcentury$")
_WEEKDAY_REL = re.compile(
    rf"(?P<rel>this|last|next|past|previous|coming)?\s*{_WEEKDAY}{_PART}"
    rf"(?:\s+(?P<week>last|next|this)\s+week)?$"
)
_DAY_WORD = re.compile(rf"(?P<word>today|tonight|yesterday|tomorrow){_PART}$")
_THIS_PART = re.compile(r"(?:this|last)\s+(?P<part>morning|afternoon|evening|night)$")
_DAY_BEFORE = re.compile(r"(?:the )?day (?P<rel>before|after) (?P<word>yesterday|tomorrow)$")
# "the past week" is a span ending now, like "the past two weeks": not a point in time.
_UNIT_REL = re.compile(
    r"(?P<rel>this|last|next|previous|coming|current)\s+(?P<unit>week|month|year)$"
)
_AGO = re.compile(r"(?P<n>\d+|[a-z]+)\s+(?P<unit>day|week|month|year)s?\s+(?:ago|earlier|before)$")
_SEASON = re.compile(
    r"(?:(?P<rel>this|last|next|past|coming)\s+)?(?P<season>"
    + "|".join(SEASONS)
    + rf")(?:\s+(?:of\s+)?{_YEAR})?$"
)
_CLOCK = re.compile(r"[\d:.h\s]+(?:[ap]\.?m\.?)?")
_YEAR_IN = re.compile(rf"\b{_YEAR}\b")
_RANGE = re.compile(r"\s*(?:-|–|—|\bto\b|\buntil\b|\btill\b|\bthrough\b|\band\b)\s*")

_CONNECTORS = frozenset({"-", "–", "—", "to", "and", "until", "till", "through"})
_REL_SIGN = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1,
             "coming": 1}  # fmt: skip


@dataclass(frozen=True)
class EventDate:
    """A claim's time expression as written, and its date at the expression's precision
    (None when it is relative and there is no document date, or a decade)."""

    value: str | None
    text: str


def date_claims(
    parsed: Doc, claims: Sequence[Claim], document_date: str | None
) -> tuple[Claim, ...]:
    """``claims`` with ``event_date``/``event_date_text`` filled from each one's own sentence
    (claims without a trigger token are returned as they are). Pure."""
    anchor = _anchor(document_date)
    by_sentence: dict[int, list[_Expression]] = {}
    out = []
    undated = []
    for claim in claims:
        if not 0 <= claim.trigger < len(parsed):
            out.append(claim)
            continue
        trigger = parsed[claim.trigger]
        sent = trigger.sent
        expressions = _cached_expressions(sent, by_sentence)
        found = _choose(trigger, expressions)
        if claim.relation == "met-with":
            found = _meeting_time(trigger, expressions) or found
        if found is None:
            shifted = _offset(trigger, expressions, anchor, claim.modality)
            if shifted is not None:
                out.append(replace(claim, event_date=shifted[0], event_date_text=shifted[1]))
                continue
            undated.append(len(out))
            out.append(claim)
            continue
        direction = _direction(trigger, found, claim.modality)
        value = resolve(found.text, anchor, direction)
        out.append(replace(claim, event_date=value, event_date_text=found.text))
    if undated:
        main = _main_event(parsed, anchor, by_sentence)
        if main is not None:
            for index in undated:
                claim = out[index]
                trigger = parsed[claim.trigger]
                sent = trigger.sent
                dated = _sentence_time(sent, by_sentence[sent.start]) is not None
                if _of_main_event(claim, trigger, main, dated) and not (
                    sent.start > main.start and _elsewhere(sent, main, anchor, by_sentence)
                ):
                    value = _through(main.value, _duration(trigger))
                    text = main.text if value is not None else None
                    out[index] = replace(claim, event_date=value, event_date_text=text)
    return tuple(out)


def find_event_date(trigger: Token, modality: str, document_date: str | None) -> EventDate | None:
    """The event date of a relation triggered by ``trigger`` as its own sentence gives it
    (None: the sentence dates nothing about it); the document's lead is not consulted.
    Pure."""
    expressions = _expressions(trigger.sent)
    found = _choose(trigger, expressions)
    if found is None:
        shifted = _offset(trigger, expressions, _anchor(document_date), modality)
        return EventDate(*shifted) if shifted is not None else None
    direction = _direction(trigger, found, modality)
    return EventDate(resolve(found.text, _anchor(document_date), direction), found.text)


# -- finding ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Expression:
    text: str
    start: int  # token indices in the document
    end: int
    root: int
    precision: int  # 3 day, 2 month, 1 year, 0 none (a decade)


def _expressions(sent: Span) -> list[_Expression]:
    """The time expressions of a sentence that name a point in time, in text order."""
    doc = sent.doc
    spans: list[tuple[int, int]] = []
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if _clock(ent):
            continue  # "at 0930 GMT": a time of day, not the year 930
        if spans and _joinable(doc, spans[-1][1], ent.start):
            spans[-1] = (spans[-1][0], ent.end)
        else:
            spans.append((ent.start, ent.end))
    for token in sent:
        word = token.lower_
        if (word in WEEKDAYS and len(word) > 3 or word in DAY_WORDS) and token.ent_type_ == "":
            start = token.i
            if start > sent.start and doc[start - 1].lower_ in _REL_SIGN:
                start -= 1
            spans.append((start, token.i + 1))
    spans.sort()
    out = []
    for start, end in spans:
        end = _trim(doc, start, end)
        span = doc[start:end]
        text = span.text.strip()
        kind = _precision(text)
        if kind is None:
            continue  # a duration, an age, a time of day: not a point in time
        if (
            start > sent.start
            and doc[start - 1].lower_ in DEADLINES
            and span.root.head.i == start - 1
        ):
            continue  # "gave them until Monday": a deadline, not when the event happened
        out.append(_Expression(text, start, end, span.root.i, kind))
    return out


def _clock(ent: Span) -> bool:
    """Whether an entity is a time of day in figures ("0930 GMT", "21:15 local time"),
    which the model may tag DATE."""
    if not _CLOCK.fullmatch(ent.text.lower()):
        return False
    following = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    return ent.label_ == "TIME" or following in _WORDS["time_zones"]


def _cached_expressions(sent: Span, cache: dict[int, list[_Expression]]) -> list[_Expression]:
    """A sentence's expressions, found once per sentence."""
    if sent.start not in cache:
        cache[sent.start] = _expressions(sent)
    return cache[sent.start]


def _trim(doc: Doc, start: int, end: int) -> int:
    """The end of a time expression without a tail that dates nothing, which the model
    sometimes glues on after a comma or dash ("August, days after ..."; "last year -
    twice at ...") or a preposition ("May 3 after weeks of strikes"); a tail that is a
    date itself stays ("Oct 29 - Nov 2, 2015", "29 October to 2 November")."""
    probe = date(2001, 6, 15)
    for i in range(end - 1, start, -1):
        if doc[i].is_punct or doc[i].pos_ == "ADP" and doc[i].lower_ not in _CONNECTORS:
            head = doc[start:i].text
            tail = doc[i + 1 : end].text if doc[i].is_punct else doc[i:end].text
            if tail and resolve(tail, probe) is None and resolve(head, probe) is not None:
                end = i
    return end


def _joinable(doc: Doc, end: int, start: int) -> bool:
    """Two DATE entities that are one range: "29-30" + "October", "29 October to" + "2" +
    "November", "between 29" + "and 30" + "October 2014" (the model leaves numbers out)."""
    gap = doc[end:start]
    if len(gap) > 2 or not all(t.is_digit or t.lower_ in _CONNECTORS for t in gap):
        return False
    return (
        not gap or doc[end - 1].lower_ in _CONNECTORS or any(t.lower_ in _CONNECTORS for t in gap)
    )


def _choose(trigger: Token, expressions: list[_Expression]) -> _Expression | None:
    if not expressions:
        return None
    scope = _scope(trigger)
    attached: list[tuple[int, int, int, int, _Expression]] = []
    free = []
    for expression in expressions:
        holder, hops = _holder(trigger.doc, expression, scope)
        if holder is not None:
            attached.append((holder, hops, -expression.precision, expression.start, expression))
        elif hops >= 0:
            free.append(expression)
    if attached:
        return min(attached, key=lambda item: item[:4])[4]
    if len(expressions) == 1 and free:
        return free[0]
    return None


OWN, BORROWED = 0, 1  # a modifier of the trigger's own clause; of the clause it leans on


def _scope(trigger: Token) -> dict[int, int]:
    """The tokens whose modifiers date the trigger, each ranked: OWN for the trigger, the
    verb a trigger noun hangs on, the infinitives around it and an occurrence clause on the
    trigger noun; BORROWED for the clause it leans on, taken only when its own says
    nothing (the first of coordinated verbs, the verb of a purpose infinitive, the clause
    an adverbial relative hangs on)."""
    scope = {trigger.i: OWN}
    current = trigger
    if current.pos_ not in VERBS:
        # "the talks, which opened on Monday, ..."; "talks held on Monday"
        _occurrence_clauses(trigger, scope)
        # A trigger noun: the verb of its clause ("held talks", "the talks were on Monday").
        for _ in range(6):
            if current.head.i == current.i or current.dep_ in ("relcl", "acl", "advcl", "ccomp"):
                break
            current = current.head
            scope[current.i] = OWN
            if current.pos_ in VERBS:
                break
        if current.pos_ in VERBS:
            if trigger.dep_ == "attr":  # "the talks, which opened on Monday, were the first"
                for subject in current.children:
                    if subject.dep_ in ("nsubj", "nsubjpass"):
                        _occurrence_clauses(subject, scope)
            _infinitives(current, scope)  # "talks are to begin on Monday", "are due to start"
    # "plans to meet", "is due to hold talks": the infinitive's governor dates it too.
    current = _climb_infinitives(current, scope, OWN)
    if _purpose(current):
        # "X flew to Z on Monday to meet Y": the journey dates its purpose.
        current = _climb_infinitives(current.head, scope, BORROWED)
        scope.setdefault(current.i, BORROWED)
    if current.dep_ in ("relcl", "advcl") and _adverbial_relative(current):
        # "X made a trip to Z last month, where he met Y": the clause the place hangs on.
        holder = current.head
        for _ in range(6):
            if holder.pos_ in VERBS or holder.head.i == holder.i:
                break
            holder = holder.head
        if holder.pos_ in VERBS:
            scope.setdefault(holder.i, BORROWED)
            current = holder
    if current.dep_ == "conj" and current.head.pos_ in VERBS and not _perfect_after_past(current):
        # "X met Y on Monday and signed a pact": the first verb's date, failing the second's.
        scope.setdefault(current.head.i, BORROWED)
    return scope


def _perfect_after_past(verb: Token) -> bool:
    """A conjunct in the present perfect after a past verb: a state lasting until now, not
    the first verb's event ("X invaded Z in 2014 and has been fighting Y since")."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    first = {c.lower_ for c in verb.head.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & {"has", "have"}) and verb.head.tag_ == "VBD" and not first & {"has", "have"}


def _climb_infinitives(token: Token, scope: dict[int, int], rank: int) -> Token:
    while token.dep_ == "xcomp" and token.head.i != token.i:
        token = token.head
        scope.setdefault(token.i, rank)
    return token


def _infinitives(verb: Token, scope: dict[int, int]) -> None:
    """The infinitive complements of a verb, and of its predicate adjective ("due to")."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ in VERBS:
            scope.setdefault(child.i, OWN)
            _infinitives(child, scope)
        elif child.dep_ == "acomp":
            _infinitives(child, scope)


def _purpose(verb: Token) -> bool:
    """An infinitive of purpose: "(flew to Z) to meet Y", with no subject of its own."""
    return (
        verb.dep_ == "advcl"
        and verb.head.i != verb.i
        and verb.head.pos_ in VERBS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )


def _adverbial_relative(verb: Token) -> bool:
    """A relative clause that says where or in what the event took place: "where X met Y",
    "in which X backed Y" (not "who met Y", which is about the antecedent)."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ == "where":
            return True
        if (
            verb.dep_ == "relcl"
            and child.dep_ == "prep"
            and any(g.lower_ in ("which", "whom") for g in child.children)
        ):
            return True
    return False


def _occurrence_clauses(noun: Token, scope: dict[int, int]) -> None:
    """A clause on an event noun that says when it took place: "talks, which opened on
    Monday", "talks held on Monday", "talks that ran through Friday night"."""
    for child in noun.children:
        if child.dep_ in ("relcl", "acl") and child.lemma_.lower() in OCCURRENCE_VERBS:
            scope.setdefault(child.i, OWN)


def _meeting_time(trigger: Token, expressions: list[_Expression]) -> _Expression | None:
    """The time a clause on the meeting itself states, when a meeting is read from the
    verb of another act ("X and Y agreed on Saturday to a truce after talks that ended on
    Friday evening": the talks were on Friday, whatever the truce's date)."""
    if trigger.pos_ not in VERBS:
        return None  # a meeting noun's own clauses are in its scope already
    scope: dict[int, int] = {}
    for prep in trigger.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.lower_ in _SPAN_NOUNS:  # "10 hours of talks"
                noun = next((g for c in noun.children if c.dep_ == "prep" for g in c.children
                             if g.dep_ == "pobj"), noun)  # fmt: skip
            if noun.dep_ == "pobj" and noun.lemma_.lower() in _WORDS["meeting_words"]:
                _occurrence_clauses(noun, scope)
    attached = [
        (hops, -e.precision, e.start, e)
        for e in expressions
        if (found := _holder(trigger.doc, e, scope))[0] is not None and (hops := found[1]) >= 0
    ]
    return min(attached, key=lambda item: item[:3])[3] if attached else None


def _state_start(expression: _Expression, doc: Doc) -> bool:
    """Whether the expression says when the state a noun names begins ("a ceasefire from
    Friday"), which dates neither the verb governing the noun nor its clause."""
    head = doc[expression.root].head
    return head.lower_ == "from" and head.head.pos_ == "NOUN"


def _holder(doc: Doc, expression: _Expression, scope: dict[int, int]) -> tuple[int | None, int]:
    """Whom the expression modifies: (rank, hops) when the climb from it reaches the
    trigger's scope first, (None, -1) when another verb holds it or it starts the state
    a noun names ("a ceasefire from Friday"), (None, hops) when none."""
    token = doc[expression.root]
    hops = 0
    for _ in range(12):
        if token.i in scope and not expression.start <= token.i < expression.end:
            return scope[token.i], hops
        if token.pos_ in VERBS and not expression.start <= token.i < expression.end:
            return None, -1
        if (
            token.i == doc[expression.root].head.i
            and token.head.i not in scope
            and _state_start(expression, doc)
        ):
            return None, -1
        if token.head.i == token.i:
            return None, hops
        token = token.head
        hops += 1
    return None, hops


def _direction(trigger: Token, expression: _Expression, modality: str) -> int:
    """+1 when the event lies ahead of the document date (planned, future tense), -1 when
    it lies behind (past tense), 0 when the parse does not say (present tense)."""
    if modality == "planned":
        return 1
    # The verb the expression hangs on speaks first: "X flew to Z on Thursday to meet Y".
    doc = trigger.doc
    holding = [a for a in doc[expression.root].ancestors if a.pos_ in VERBS][:1]
    verbs = holding + ([trigger] if trigger.pos_ in VERBS else [])
    verbs += [a for a in trigger.ancestors if a.pos_ in VERBS][:2]
    for verb in verbs:
        tense = _tense(verb)
        if tense is not None:
            return tense
    return 0


def _tense(verb: Token) -> int | None:
    """+1 future, -1 past, 0 present for a verb, None when its form does not say."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & FUTURE_AUX or ("going" in aux and any(c.dep_ == "xcomp" for c in verb.children)):
        return 1
    if verb.tag_ in ("VBD", "VBN") or aux & {"had", "has", "have", "did", "was", "were"}:
        return -1
    if verb.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return 0
    return None


# -- an event placed against another ---------------------------------------------------------

_OFFSET_UNITS = ("hour", "day", "week", "month", "year")
_SPAN_NOUNS = frozenset(f"{unit}{s}" for unit in _OFFSET_UNITS for s in ("", "s"))


def _clause_verb(token: Token) -> Token | None:
    """The verb of the clause ``token`` is in: itself, or its nearest verb above."""
    if token.pos_ in VERBS:
        return token
    return next((a for a in token.ancestors if a.pos_ in VERBS), None)


def _offset(
    trigger: Token, expressions: list[_Expression], anchor: date | None, modality: str
) -> tuple[str, str] | None:
    """The date of an event placed a span before or after one the sentence dates: "X
    opened last March, five months after Y signed a pact" (Y signed the October before);
    "X visited Z in June, days after holding talks with Y" (June). None when the trigger
    is in no such clause or the span is too vague for the date's precision."""
    verb = _clause_verb(trigger)
    if verb is None:
        return None
    link = next((c for c in verb.children if c.dep_ == "mark"), None)
    if link is None and verb.dep_ in ("pcomp", "pobj"):
        link = verb.head
    if link is None or link.lower_ not in ("after", "before"):
        return None
    owner = link.head if link.dep_ != "mark" else verb
    span = next(
        (
            c
            for c in (*owner.children, *link.children)
            if c.dep_ == "npadvmod" and c.lemma_.lower() in _OFFSET_UNITS
        ),
        None,
    )
    if span is None:
        return None
    # The time the sentence states for the other event: the one of the clause the span
    # hangs on, else the last one before the span.
    governor = verb.head if link.dep_ == "mark" else link.head
    found = _choose(governor, expressions) if governor.i != verb.i else None
    if found is None:
        before = [e for e in expressions if e.end <= span.left_edge.i]
        found = before[-1] if before else None
    if found is None:
        return None
    value = resolve(found.text, anchor, _direction(governor, found, modality))
    if value is None:
        return None
    count = [c for c in span.children if c.dep_ in ("nummod", "det")]
    words = " ".join(c.lower_ for c in count)
    number = int(words) if words.isdigit() else NUMBERS.get(words)
    if span.lower_.endswith("s") and not count:
        number = None  # "days after": some
    sign = -1 if link.lower_ == "after" else 1
    text = f"{trigger.doc[span.left_edge.i : link.i + 1].text} {found.text}"
    shifted = _shift(value, span.lemma_.lower(), number, sign)
    return (shifted, text) if shifted else None


def _shift(value: str, unit: str, number: int | None, sign: int) -> str | None:
    """``value`` moved by ``number`` units (None: a few), at the precision both allow."""
    if unit == "hour":
        return value
    if unit == "day":
        if number is not None and len(value) == 10:
            return (date.fromisoformat(value) + timedelta(days=sign * number)).isoformat()
        return value[:7] if len(value) >= 7 and (number is None or number <= 3) else None
    if number is None:
        return None
    if unit == "week":
        if len(value) < 10:
            return None
        moved = date.fromisoformat(value) + timedelta(weeks=sign * number)
        return f"{moved.year:04d}-{moved.month:02d}"
    if unit == "month" and len(value) >= 7:
        index = int(value[:4]) * 12 + int(value[5:7]) - 1 + sign * number
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{int(value[:4]) + sign * number:04d}"


# -- the news of the day ---------------------------------------------------------------------

# A paragraph of prose ends with one of these; headlines, bylines, stamps and photo credits
# do not.
_PROSE_END = (".", "!", "?", '"', "\u201d", "'", "\u2019", ")")
LEAD_PARAGRAPHS = 8  # the lead is near the top, after a headline, stamps and captions


@dataclass(frozen=True)
class _MainEvent:
    """The news an article reports, as its lead dates it."""

    start: int  # the lead sentence's first token
    value: str
    text: str | None  # None: the lead names no time, the document date is taken
    stated: bool  # the lead names a meeting and its time is that meeting's or the lead's


def _lead(doc: Doc) -> Span | None:
    """The article's lead: the first sentence with a verb in the first paragraph that
    ends as prose does."""
    for start, end in _paragraphs(doc):
        words = [t for t in doc[start:end] if not t.is_space]
        if not words or not words[-1].text.endswith(_PROSE_END):
            continue
        while start < end:
            sent = doc[start].sent
            if any(t.pos_ == "VERB" for t in sent):
                return sent
            start = sent.end
    return None


def _paragraphs(doc: Doc) -> Iterator[tuple[int, int]]:
    """The token ranges of the first paragraphs (blank-line separated) of a document."""
    start = number = 0
    for token in doc:
        if token.is_space and token.text.count("\n") >= 2:
            yield start, token.i
            start, number = token.i + 1, number + 1
            if number >= LEAD_PARAGRAPHS:
                return
    yield start, len(doc)


def _main_event(
    doc: Doc, anchor: date | None, cache: dict[int, list[_Expression]]
) -> _MainEvent | None:
    """The date of the news the article reports: the time expression of the meeting its
    lead names, else of the lead's main verb (both "stated"), else the lead's only
    expression of a day; a lead that names no time at all reports the day's news (the
    document date, "stated" too)."""
    lead = _lead(doc)
    if lead is None:
        return None
    meeting = next((t for t in lead if t.lemma_.lower() in _WORDS["meeting_words"]), None)
    if meeting is not None and _announced(meeting):
        return None  # the news is a meeting to come: no meeting told in the past is it
    expressions = _cached_expressions(lead, cache)
    for token in (meeting, lead.root):
        found = _choose(token, expressions) if token is not None else None
        if found is not None:
            value = resolve(found.text, anchor, _direction(token, found, "asserted"))
            stated = meeting is not None
            return _MainEvent(lead.start, value, found.text, stated) if value else None
    days = [
        e
        for e in expressions
        if e.precision == 3 and not _in_relative_clause(doc[e.root]) and not _state_start(e, doc)
    ]
    if len(expressions) == 1 and days:
        # A misparse may hang the lead's time on a word the climb stops at: one day is
        # still the lead's day (unless a relative clause holds it), but it may be another
        # clause's, so the lead's own claims do not take it.
        found = days[0]
        value = resolve(found.text, anchor, _tense(lead.root) or 0)
        return _MainEvent(lead.start, value, found.text, False) if value else None
    if not expressions and anchor is not None:
        return _MainEvent(lead.start, anchor.isoformat(), None, meeting is not None)
    return None


def _announced(meeting: Token) -> bool:
    """Whether a meeting word names a meeting to come: "X will meet Y", "X is due to hold
    talks with Y" (the verb it is an argument of, and the verbs that verb is the
    infinitive of, in the future)."""
    verb = meeting if meeting.pos_ in VERBS else meeting.head
    if (
        verb.pos_ not in VERBS
        or meeting.pos_ not in VERBS
        and meeting.dep_ not in ("dobj", "nsubj", "nsubjpass", "attr")
    ):
        return False
    chain = [verb, *(a for a in verb.ancestors if a.pos_ in VERBS)][:3]
    for token in chain:
        aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
        if aux & FUTURE_AUX:
            return True
        if token.dep_ != "xcomp":
            break
    return False


def _in_relative_clause(token: Token) -> bool:
    """Whether ``token`` sits in a clause that describes a noun ("the rebels who seized
    the city"): a side remark, not the lead's news."""
    return any(a.dep_ in ("relcl", "acl") for a in (token, *token.ancestors))


def _sentence_time(sent: Span, expressions: list[_Expression]) -> _Expression | None:
    """The expression that places a sentence's main clause in time: one held by its main
    verb (or a verb coordinated with it) or by none. One inside a subordinate clause dates
    only that clause ("X met Y, their first meeting since the border war ended in 1999")."""
    main = {sent.root.i} | {c.i for c in sent.root.children if c.dep_ == "conj"}
    for expression in expressions:
        token = sent.doc[expression.root]
        for _ in range(12):
            if token.pos_ in VERBS and not expression.start <= token.i < expression.end:
                break
            if token.head.i == token.i:
                break
            token = token.head
        if token.i in main or token.pos_ not in VERBS:
            return expression
    return None


def _elsewhere(
    sent: Span, main: _MainEvent, anchor: date | None, cache: dict[int, list[_Expression]]
) -> bool:
    """Whether the narrative has moved to another time just before ``sent``: one of the
    two sentences before it (after the lead) places its main clause at a date that is not
    the news' ("Back in 2009 X signed a pact with Y. X met Y at the castle.")."""
    doc, start = sent.doc, sent.start
    for _ in range(2):
        if start <= 0 or doc[start - 1].sent.start <= main.start:
            break
        previous = doc[start - 1].sent
        start = previous.start
        found = _sentence_time(previous, _cached_expressions(previous, cache))
        if found is None:
            continue
        value = resolve(found.text, anchor, _direction(previous.root, found, "asserted"))
        return value is None or not (value.startswith(main.value) or main.value.startswith(value))
    return False


def _of_main_event(claim: Claim, trigger: Token, main: _MainEvent, dated: bool) -> bool:
    """Whether an undated claim is part of the news the lead dates: a meeting told after
    the lead in a sentence that does not place its main clause in time ("X and Y sat at the
    same table"; "X met Y over dinner"), or a claim of the lead itself (not of a relative
    clause, unless a meeting) when the lead names a meeting and states its time. A planned
    meeting is not the news, nor one in the past perfect, which came before it, nor one
    told as another time ("X met Y once more", "X met Y again")."""
    if claim.modality == "planned" or trigger.sent.start < main.start:
        return False
    if trigger.sent.start == main.start:
        if not main.stated or claim.relation != "met-with" and _in_relative_clause(trigger):
            return False
    elif claim.relation != "met-with" or dated:
        return False
    verb = _clause_verb(trigger)
    if verb is None:
        return True
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    other = {c.lower_ for c in (*verb.children, *trigger.children) if c.dep_ == "advmod"}
    return not aux & FUTURE_AUX and "had" not in aux and not other & _WORDS["other_time_adverbs"]


_UNITS = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}  # days, roughly
_SPAN = re.compile(
    rf"\b(?:(?P<n>\d+|{'|'.join(NUMBERS)}|several|many|few)[\s-])?"
    r"(?P<unit>hour|day|week|month|year)s?(?:[\s-]long)?$"
)


def _duration(trigger: Token) -> int:
    """How many days a meeting lasted when the text says it ("10 days of negotiations",
    "the five-day talks", "months of contacts in which X held talks with Y"): 0 when it
    says none, -1 when it says "weeks of" without a number."""
    days = _span_of(trigger)
    verb = _clause_verb(trigger)
    if not days and verb is not None and verb.dep_ == "relcl":
        days = _span_of(verb.head)
    return days


def _span_of(trigger: Token) -> int:
    """The span a noun's own words give it: "ten days of" it, "week-long" or "two-day" it."""
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i:
        unit = head.head
        numbers = [c for c in unit.children if c.dep_ in ("nummod", "det")]
        words = " ".join(t.lower_ for t in (*numbers, unit))
    else:
        left = [t for t in trigger.lefts if t.dep_ in ("amod", "compound", "nummod")]
        if not left:
            return 0
        words = trigger.doc[left[0].left_edge.i : trigger.i].text.lower()
    match = _SPAN.search(words.replace(" - ", "-"))
    if match is None:
        return 0
    count = match["n"]
    if count is None:
        # "week-long talks": one week; "weeks of talks": some number of them
        return -1 if words.endswith(match["unit"] + "s") else _UNITS[match["unit"]]
    number = int(count) if count.isdigit() else NUMBERS.get(count)
    if number is None:
        return -1
    return number * _UNITS[match["unit"]]


def _through(value: str, days: int) -> str | None:
    """The date of a meeting that lasted ``days`` up to ``value``: ``value`` itself for a
    meeting of a day or less, its month when the whole span lies in that month, else None
    (-1: a span of unknown length)."""
    if not days:
        return value
    if days < 0 or len(value) < 10:
        return None
    end = date.fromisoformat(value)
    start = end - timedelta(days=days)
    return value[:7] if (start.year, start.month) == (end.year, end.month) else None


# -- resolving -------------------------------------------------------------------------------


def _anchor(document_date: str | None) -> date | None:
    if not document_date:
        return None
    try:
        return date.fromisoformat(document_date[:10])
    except ValueError:
        return None


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"\s+", " ", text).strip()
    text = _TAIL.sub("", text)
    return _LEAD.sub("", text).strip()


def _precision(text: str) -> int | None:
    """The precision of an expression (3 day, 2 month, 1 year, 0 a decade), or None when
    it names no point in time; independent of any document date."""
    probe = date(2001, 6, 15)
    for anchor in (probe, None):
        value = resolve(text, anchor, 0)
        if value is not None:
            return 1 + value.count("-")
    return 0 if _DECADE.search(_normalise(text)) else None


def resolve(text: str, anchor: date | None, direction: int = 0) -> str | None:
    """The date of a time expression as ISO 8601 at its precision, against the document
    date ``anchor`` (None: relative expressions stay None). ``direction`` +1 prefers the
    future, -1 the past, 0 the nearest (ties: the past). A range gives its first day; a
    decade gives None. Pure."""
    norm = _normalise(text)
    if not norm:
        return None
    value = _resolve_one(norm, anchor, direction)
    if value is not None or _DECADE.search(norm):
        return value
    parts = [p for p in _RANGE.split(norm) if p]
    if len(parts) >= 2:
        first, rest = parts[0], parts[-1]
        if not _YEAR_IN.search(first) and (year := _YEAR_IN.search(rest)):
            first_year = f"{first} {year.group(0)}"
        else:
            first_year = first
        if re.fullmatch(r"[0-3]?\d(?:st|nd|rd|th)?", first):
            # "29-30 october 2015": the first day borrows the month (and year) of the last.
            tail = re.sub(r"^[0-3]?\d(?:st|nd|rd|th)?\s*", "", rest)
            if tail and tail != rest:
                return _resolve_one(f"{first} {tail}", anchor, direction)
            head = re.sub(r"\s*[0-3]?\d(?:st|nd|rd|th)?(?:,?\s+\d{4})?$", "", rest)
            if head and head != rest:  # "october 29-30": the month comes first
                year = _YEAR_IN.search(rest)
                return _resolve_one(f"{head} {first}" + (f", {year.group(0)}" if year else ""),
                                    anchor, direction)  # fmt: skip
            return None
        return _resolve_one(_normalise(first_year), anchor, direction)
    return None


def _resolve_one(norm: str, anchor: date | None, direction: int) -> str | None:
    if m := _ISO.match(norm):
        return _day(int(m["year"]), int(m["month"]), int(m["day"]))
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        if m := pattern.match(norm):
            month, day = MONTHS[m["month"]], int(m["day"])
            if m["year"]:
                return _day(int(m["year"]), month, day)
            if anchor is None:
                return None
            year = _pick_year(anchor, direction, lambda y, mo=month, d=day: _safe(y, mo, d))
            return _day(year, month, day) if year else None
    if m := _MONTH_YEAR.match(norm):
        return f"{int(m['year']):04d}-{MONTHS[m['month']]:02d}"
    if m := _YEAR_ONLY.match(norm):
        return m["year"]
    if (m := _SEASON.match(norm)) and m["year"]:
        return m["year"]
    if m := _MONTH_ONLY.match(norm):
        if anchor is None:
            return None
        month = MONTHS[m["month"]]
        rel = _REL_SIGN.get(m["rel"] or "")
        if rel is not None and m["rel"] != "this":
            direction = rel
        year = _pick_year(anchor, direction, lambda y, mo=month: date(y, mo, 1), month=True)
        return f"{year:04d}-{month:02d}" if year else None
    if anchor is None:
        return None
    return _relative(norm, anchor, direction)


def _relative(norm: str, anchor: date, direction: int) -> str | None:
    if m := _DAY_WORD.match(norm):
        return (anchor + timedelta(days=DAY_WORDS[m["word"]])).isoformat()
    if m := _THIS_PART.match(norm):
        back = 1 if norm.startswith("last") else 0
        return (anchor - timedelta(days=back)).isoformat()
    if m := _DAY_BEFORE.match(norm):
        step = DAY_WORDS[m["word"]] + (-1 if m["rel"] == "before" else 1)
        return (anchor + timedelta(days=step)).isoformat()
    if m := _WEEKDAY_REL.match(norm):
        return _weekday(anchor, WEEKDAYS[m["weekday"]], m["rel"], m["week"], direction)
    if m := _UNIT_REL.match(norm):
        return _unit(anchor, m["unit"], _REL_SIGN[m["rel"]], 1)
    if m := _AGO.match(norm):
        n = int(m["n"]) if m["n"].isdigit() else NUMBERS.get(m["n"])
        return _unit(anchor, m["unit"], -1, n) if n else None
    if m := _SEASON.match(norm):
        return _season(anchor, m["season"], m["rel"], direction)
    return None


def _weekday(anchor: date, weekday: int, rel: str | None, week: str | None, direction: int) -> str:
    if week is not None:
        # "Wednesday last week": that weekday in the week before (after) the anchor's.
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=_REL_SIGN[week])
        return (monday + timedelta(days=weekday)).isoformat()
    ahead = (weekday - anchor.weekday()) % 7  # 0 .. 6 days to the next one (or today)
    behind = (anchor.weekday() - weekday) % 7  # 0 .. 6 days since the last one (or today)
    if rel in ("last", "past", "previous"):
        step = -(behind or 7)
    elif rel in ("next", "coming"):
        step = ahead or 7
    elif rel == "this":
        step = weekday - anchor.weekday()  # the day of the anchor's own week
    elif direction > 0:
        step = ahead
    elif direction < 0:
        step = -behind
    else:
        step = ahead if ahead < behind else -behind
    return (anchor + timedelta(days=step)).isoformat()


def _unit(anchor: date, unit: str, sign: int, n: int) -> str | None:
    if unit == "day":
        return (anchor + timedelta(days=sign * n)).isoformat()
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=sign * n)
        return f"{monday.year:04d}-{monday.month:02d}"  # a week: the month of its Monday
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + sign * n
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{anchor.year + sign * n:04d}"


def _season(anchor: date, season: str, rel: str | None, direction: int) -> str | None:
    if season == "winter":
        return None  # it straddles two years
    first = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9}[season]
    sign = _REL_SIGN.get(rel or "", direction)
    if rel == "this" or sign == 0:
        return f"{anchor.year:04d}"
    if sign < 0:
        return f"{anchor.year if anchor.month >= first + 3 else anchor.year - 1:04d}"
    return f"{anchor.year if anchor.month < first else anchor.year + 1:04d}"


def _pick_year(anchor: date, direction: int, on: object, month: bool = False) -> int | None:
    """The year (anchor's, or the one before or after) that puts a yearless date on the
    side of the anchor the direction asks for, nearest to it."""
    reference = date(anchor.year, anchor.month, 1) if month else anchor
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        when = on(year)  # type: ignore[operator]
        if when is not None:
            candidates.append((when, year))
    if direction > 0:
        ahead = [(w, y) for w, y in candidates if w >= reference]
        return min(ahead)[1] if ahead else None
    if direction < 0:
        behind = [(w, y) for w, y in candidates if w <= reference]
        return max(behind)[1] if behind else None
    return min(candidates, key=lambda c: (abs((c[0] - reference).days), c[0] > reference))[1]


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day(year: int, month: int, day: int) -> str | None:
    when = _safe(year, month, day)
    return when.isoformat() if when else None
