"""Pairwise evidence that two normalised names denote one actor.

A match returns a weight in (0, 1]: 1.0 when the transliteration keys agree word for
word, less when a word only agrees by its consonant skeleton and a close spelling
(Mekdad/Muqdad) or by an initial. 0.0 means the names are incompatible: the clustering
never puts them in one actor. Pure functions; rapidfuzz does the string distances.
"""

from __future__ import annotations

from rapidfuzz.distance import JaroWinkler, Levenshtein

from graphbuild.resolve.normalise import OrgName, PersonName, skeleton

# Two spellings with one consonant skeleton must also be this close (normalised
# Levenshtein over transliteration keys): Mekdad/Mukdad 0.83, Moaz/Muaz 0.75 pass;
# Hassan/Hussein 0.6 and Omar/Amr 0.5 do not.
SPELLING_SIMILARITY = 0.7
# Weights of the weaker kinds of agreement; any merge below 1.0 is listed for review.
INITIAL_WEIGHT = 0.9
# An organisation word may differ by a short ending: Syria/Syrian, Iran/Iranian.
ENDING_WEIGHT = 0.9
# Pairs the clustering kept apart are worth a look above this name similarity.
REVIEW_SIMILARITY = 0.88


def word_match(a: str, b: str, *, initials: bool = False) -> float:
    """How well two transliteration keys agree: 1.0 same, <1 close spelling, 0.0 different.

    With ``initials``, a one-letter word matches any word it begins ("w" ~ "walker").
    """
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return INITIAL_WEIGHT if initials and a[0] == b[0] else 0.0
    skel = skeleton(a)
    if len(skel) < 2 or skel != skeleton(b):
        return 0.0
    similarity = Levenshtein.normalized_similarity(a, b)
    return similarity if similarity >= SPELLING_SIMILARITY else 0.0


def surname_match(surname: str, other: PersonName) -> float:
    """Does ``surname`` name ``other``'s family (its family name, or the alternative one)?"""
    best = word_match(surname, other.surname)
    if other.alt_surname:
        best = max(best, word_match(surname, other.alt_surname))
    return best


def given_match(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    """Given names agree if either is absent or the shorter list is a contiguous run of the
    longer one ("Moaz" in "Ahmed Moaz"; "George W." is not a run of "George H. W.")."""
    if not left or not right:
        return 1.0
    short, long_ = (left, right) if len(left) <= len(right) else (right, left)
    best = 0.0
    for offset in range(len(long_) - len(short) + 1):
        weight = 1.0
        for a, b in zip(short, long_[offset : offset + len(short)], strict=True):
            weight = min(weight, word_match(a, b, initials=True))
            if not weight:
                break
        best = max(best, weight)
    return best


def person_match(a: PersonName, b: PersonName) -> float:
    """Weight of the evidence that two person names denote one person; 0.0 = incompatible."""
    family = word_match(a.surname, b.surname)
    if not family:
        return 0.0
    return min(family, given_match(a.given, b.given))


def more_specific(a: PersonName, b: PersonName) -> bool:
    """``a`` says strictly more than ``b`` (more given names, or longer ones)."""
    return a.weight > b.weight


def org_match(a: OrgName, b: OrgName) -> float:
    """Two organisation names with the same words, up to spelling and short endings; or a
    name of two words or more and the same name with a tail ("Syrian National Coalition"
    ~ "Syria National Coalition for Opposition and Revolutionary Forces")."""
    if a.acronym or b.acronym:
        return 0.0
    if len(a.tokens) == len(b.tokens):
        return _same_words(a.tokens, b.tokens)
    short, long_ = (a, b) if len(a.tokens) < len(b.tokens) else (b, a)
    if len(short.tokens) >= 2 and len(long_.head) == len(short.tokens):
        return min(ENDING_WEIGHT, _same_words(short.tokens, long_.head))
    return 0.0


def _same_words(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    weight = 1.0
    for x, y in zip(left, right, strict=True):
        w = word_match(x, y)
        if not w:
            short, long_ = (x, y) if len(x) <= len(y) else (y, x)
            ends = len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2
            w = ENDING_WEIGHT if ends else 0.0
        weight = min(weight, w)
        if not weight:
            return 0.0
    return weight


def similarity(a: str, b: str) -> float:
    """Jaro-Winkler similarity of two normalised names, for ranking and review."""
    return JaroWinkler.normalized_similarity(a, b)
