"""Relation rules over the dependency parse: met-with, allied-to, opposes.

Each rule starts from a trigger word of the lexicon (a verb, a noun or an adjective),
reads its arguments from the parse (subjects, objects, prepositional objects, owners,
appositions, coordinations) and asks ``Actors.denote`` which actors they stand for.

Every claim carries the rule that fired and a modality: ``planned`` (future, modal or
under a verb of planning), ``reported`` (under a verb of saying, or "according to"),
else ``asserted``. A negated trigger ("will not meet", "refused to call for") yields no
claim, except in the refusal rule, where the refusal is the opposition.

Where a construction is handled (each module's docstring has examples):

| module        | constructions                                                        |
|---------------|----------------------------------------------------------------------|
| ``walk``      | the sentence walk, dispatch of each token, emission of claims        |
| ``arguments`` | subjects, objects, owners, holders, coordination, passives           |
| ``clauses``   | negation, modality (planned, reported), appeals, a speaker's demands |
| ``frames``    | lexicon triggers and their slots: verbs, nouns, adjectives, copulas  |
| ``meetings``  | talks, calls, mediation, gatherings, signing together                |
| ``visits``    | visits to a state or a person, trips with a purpose                  |
| ``rosters``   | a gathering's participants across sentences: hosts, guests, speakers |
| ``alliance``  | thanks, exchanges                                                    |
| ``opposition``| demands, threats, refusals, closures, negative evaluations           |
| ``speech``    | what a speaker says: labels of contempt, refused acceptance, charges  |
| ``conflict``  | war, clashes, truces as nouns with their sides (both directions)     |
"""

from __future__ import annotations

from graphbuild.extract.rules.alliance import Alliance
from graphbuild.extract.rules.arguments import Arguments
from graphbuild.extract.rules.clauses import Clauses
from graphbuild.extract.rules.conflict import Conflicts
from graphbuild.extract.rules.frames import Frames
from graphbuild.extract.rules.meetings import Meetings
from graphbuild.extract.rules.opposition import Opposition
from graphbuild.extract.rules.rosters import Rosters
from graphbuild.extract.rules.speech import Speech
from graphbuild.extract.rules.visits import Visits
from graphbuild.extract.rules.walk import Walk

__all__ = ["SentenceRules"]


class SentenceRules(
    Walk,
    Meetings,
    Visits,
    Rosters,
    Alliance,
    Opposition,
    Speech,
    Conflicts,
    Frames,
    Clauses,
    Arguments,
):
    """Applies every rule to the sentences of one document."""
