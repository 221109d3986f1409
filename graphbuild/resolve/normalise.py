"""Normalised forms of actor names: what the resolver compares instead of raw text.

Every function here is pure and cached per distinct string, so a million mentions of a
hundred thousand names cost a hundred thousand parses. The word lists (titles, particles,
transliteration rules...) are data files in ``resolve/data``; editing them changes what
counts as the same name without touching code.

    fold("Bashar al‑Assad’s")        -> "bashar al-assad"
    parse_person("Bashar al-Assad")  -> PersonName(given=("bashar",), surname="asad")
    parse_person("Kim Jong-un")      -> PersonName(given=("jongun",), surname="kim")
    parse_org("the United Nations")  -> OrgName(tokens=("united", "nations"), initials="UN")
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

# Characters NFKD leaves alone, and marks that carry no identity (ayin, hamza).
_EXTRA = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "‘": "'",
        "’": "'",
        "‛": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "ʼ": "",
        "ʻ": "",
        "ʿ": "",
        "ʾ": "",
    }
)
_POSSESSIVE = re.compile(r"'s\b|(?<=s)'(?=\s|$)")
_NOT_WORD = re.compile(r"[^a-z0-9\-\s]+")
_ACRONYM_CHARS = re.compile(r"^[A-Z][A-Z&]{1,7}$")
_PARENTHESES = re.compile(r"\([^)]*\)")
_VOWELS = frozenset("aeiouy")
_LEADING_ARTICLES = ("the",)


@dataclass(frozen=True)
class Lexicon:
    """The word lists the resolver reads from its data files."""

    titles: frozenset[tuple[str, ...]]
    title_max: int
    title_starts: frozenset[str]
    particles: frozenset[str]  # dropped as separate words or hyphen-joined
    hyphen_particles: frozenset[str]  # dropped only when hyphen-joined
    suffixes: frozenset[str]
    family_first: frozenset[str]
    transliteration: tuple[tuple[re.Pattern[str], str], ...]
    skeleton: dict[str, str]
    org_words: frozenset[str]
    org_generic: frozenset[str]


def _data_lines(name: str) -> list[str]:
    text = resources.files("graphbuild.resolve").joinpath("data", name).read_text("utf-8")
    return [
        line.rstrip("\n")
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@cache
def lexicon() -> Lexicon:
    """The packaged word lists, read once per process."""
    titles = frozenset(tuple(line.strip().split()) for line in _data_lines("titles.txt"))
    particles = [line.strip() for line in _data_lines("particles.txt")]
    rules = []
    for line in _data_lines("transliteration.tsv"):
        pattern, _, replacement = line.partition("\t")
        rules.append((re.compile(pattern.strip()), replacement.strip()))
    classes = {}
    for line in _data_lines("skeleton.tsv"):
        letter, _, cls = line.partition("\t")
        classes[letter.strip()] = cls.strip()
    return Lexicon(
        titles=titles,
        title_max=max((len(t) for t in titles), default=0),
        title_starts=frozenset(t[0] for t in titles),
        particles=frozenset(p for p in particles if not p.endswith("-")),
        hyphen_particles=frozenset(p.rstrip("-") for p in particles),
        suffixes=frozenset(line.strip() for line in _data_lines("suffixes.txt")),
        family_first=frozenset(line.strip() for line in _data_lines("family_first.txt")),
        transliteration=tuple(rules),
        skeleton=classes,
        org_words=frozenset(line.strip() for line in _data_lines("org_words.txt")),
        org_generic=frozenset(line.strip() for line in _data_lines("org_generic.txt")),
    )


@lru_cache(maxsize=1 << 20)
def fold(text: str) -> str:
    """Lower-case ASCII form: NFKD without diacritics, straight quotes, single spaces.

    Pure. ``fold("Raúl  Castro")`` -> ``"raul castro"``.
    """
    if text.isascii():  # the common case needs no decomposition
        return " ".join(text.replace("`", "'").lower().split())
    text = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """Folded words without possessives, punctuation or a leading article; hyphens kept.

    Pure. Dots split initials ("G.W." -> "g", "w"); apostrophes inside a word vanish
    ("Ba'ath" -> "baath").
    """
    return list(_words(text))


@lru_cache(maxsize=1 << 20)
def _words(text: str) -> tuple[str, ...]:
    text = _POSSESSIVE.sub("", fold(text))
    text = text.replace(".", " ").replace("'", "").replace("_", " ")
    text = _NOT_WORD.sub(" ", text)
    found = [w.strip("-") for w in text.split()]
    found = [w for w in found if w]
    while len(found) > 1 and found[0] in _LEADING_ARTICLES:
        found = found[1:]
    return tuple(found)


@lru_cache(maxsize=1 << 20)
def name_key(text: str) -> str:
    """The case-, accent-, quote-, article- and possessive-free form used for exact matches."""
    return " ".join(_words(text))


@lru_cache(maxsize=1 << 20)
def translit(word: str) -> str:
    """One key for the spelling variants of a folded word (Sergei/Sergey -> "sergi")."""
    for pattern, replacement in lexicon().transliteration:
        word = pattern.sub(replacement, word)
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=1 << 20)
def skeleton(key: str) -> str:
    """Consonant skeleton of a transliteration key: the blocking key (Mekdad -> "mkd")."""
    classes = lexicon().skeleton
    out = []
    for ch in key:
        if ch in _VOWELS:
            continue
        ch = classes.get(ch, ch)
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out) or key


class PersonName(NamedTuple):
    """A person's name reduced to what identifies them.

    ``given`` holds transliteration keys of given names, initials as single letters;
    ``surname`` the family name's key; ``alt_surname`` a second candidate family name
    when the order is uncertain (a two-word name starting with a family-first surname).
    """

    given: tuple[str, ...]
    surname: str
    alt_surname: str = ""
    skel: str = ""  # skeleton of the surname: the blocking key
    alt_skel: str = ""
    weight: tuple[int, int] = (0, 0)  # how much it says: given names, their letters

    @classmethod
    def of(cls, given: tuple[str, ...], surname: str, alt: str = "") -> PersonName:
        return cls(
            given,
            surname,
            alt,
            skeleton(surname),
            skeleton(alt) if alt else "",
            (len(given), sum(map(len, given))),
        )

    @property
    def surname_only(self) -> bool:
        return not self.given

    @property
    def text(self) -> str:
        return " ".join((*self.given, self.surname))


def _strip_titles(found: list[str]) -> list[str]:
    lex = lexicon()
    changed = True
    while changed and len(found) > 1 and found[0] in lex.title_starts:
        changed = False
        for size in range(min(lex.title_max, len(found) - 1), 0, -1):
            if tuple(found[:size]) in lex.titles:
                found = found[size:]
                changed = True
                break
    while len(found) > 1 and found[-1] in lex.suffixes:
        found = found[:-1]
    return found


@lru_cache(maxsize=1 << 20)
def parse_person(text: str) -> PersonName | None:
    """Read a person's name: titles, particles, suffixes and hyphens out; family name found.

    Pure. ``None`` when nothing name-like is left.
    """
    lex = lexicon()
    found = _strip_titles(words(text))
    pieces: list[list[str]] = []
    for position, word in enumerate(found):
        parts = [p for p in word.split("-") if p]
        if len(parts) > 1 and parts[0] in lex.hyphen_particles:
            parts = parts[1:]
        last = position == len(found) - 1
        if len(parts) == 1 and parts[0] in lex.particles and not last:
            continue
        if parts:
            pieces.append(parts)
    if not pieces:
        return None
    tokens = ["".join(p) for p in pieces]
    first = tokens[0]
    family_first = (
        len(tokens) == 2
        and len(pieces[1]) > 1
        and len(first) <= 5
        and all(len(p) <= 4 for p in pieces[1])
    ) or (len(tokens) >= 3 and first in lex.family_first)
    if family_first:
        return PersonName.of((translit("".join(tokens[1:])),), translit(first))
    given = tuple(t if len(t) == 1 else translit(t) for t in tokens[:-1])
    alt = translit(first) if len(tokens) == 2 and first in lex.family_first else ""
    return PersonName.of(given, translit(tokens[-1]), alt)


class OrgName(NamedTuple):
    """An organisation's or state's name reduced for comparison.

    ``tokens`` are transliteration keys without a leading article; ``acronym`` the
    letters when the name itself is an acronym ("U.N." -> "UN"); ``initials`` the
    initials of its content words; ``head`` the words before the first "of"/"for".
    """

    tokens: tuple[str, ...]
    acronym: str
    initials: str
    head: tuple[str, ...]


def acronym_of(text: str) -> str:
    """The letters of ``text`` if it is written as an acronym ("U.N." -> "UN"), else ""."""
    letters = text.strip().replace(".", "")
    return letters if _ACRONYM_CHARS.match(letters) else ""


def initials(found: list[str]) -> str:
    """Upper-case initials of the content words ("human rights watch" -> "HRW")."""
    skip = lexicon().org_words
    return "".join(w[0] for w in found if w not in skip).upper()


@lru_cache(maxsize=1 << 20)
def parse_org(text: str) -> OrgName:
    """Read an organisation's or state's name; pure."""
    lex = lexicon()
    acronym = acronym_of(text)
    found = words(_PARENTHESES.sub(" ", text))
    flat: list[str] = []
    for word in found:
        parts = [p for p in word.split("-") if p]
        if len(parts) > 1 and parts[0] in lex.hyphen_particles:
            parts = parts[1:]
        flat.extend(parts)
    while len(flat) > 2 and flat[-1] in lex.org_generic:
        flat.pop()
    head: list[str] = []
    for word in flat:
        if word in lex.org_words:
            break
        head.append(word)
    tokens = tuple(translit(w) for w in flat)
    return OrgName(
        tokens=tokens,
        acronym=acronym,
        initials=initials(flat),
        head=tuple(translit(w) for w in head),
    )


def bare_org_name(text: str) -> str:
    """``text`` without parentheses and trailing generic words, in its own spelling:
    "the Islamic State (IS) group" -> "the Islamic State"."""
    found = _PARENTHESES.sub(" ", text).split()
    generic = lexicon().org_generic
    while len(found) > 2 and found[-1].casefold() in generic:
        found.pop()
    return " ".join(found)


_EXPANSION = re.compile(
    r"((?:[A-Z][\w'\-]*|of|for|and|the|on|in)(?:\s+(?:[A-Z][\w'\-]*|of|for|and|the|on|in))*)"
    r"\s*\(\s*([A-Z][A-Za-z.&]{1,9})\s*\)"
)


def expansions(text: str) -> list[tuple[str, str]]:
    """Acronyms spelled out in ``text``: "the United Nations (UN)" -> [("UN", "United Nations")].

    The acronym must equal the initials of the words just before it, so a longer
    capitalised run ("Reuters said the United Nations (UN)") is trimmed to the expansion.
    """
    found = []
    for match in _EXPANSION.finditer(text):
        letters = acronym_of(match.group(2))
        if not letters:
            continue
        run = match.group(1).split()
        for start in range(len(run)):
            candidate = run[start:]
            if candidate[0][0].isupper() and initials(words(" ".join(candidate))) == letters:
                found.append((letters, " ".join(candidate)))
                break
    return found
