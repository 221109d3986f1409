"""A pipeline component that starts a sentence after every blank line and after a
dateline.

News pages put headlines, captions and datelines on lines of their own, without final
punctuation; the parser then glues a headline to the first sentence of the body and
reads two subjects for one verb. A dateline heading a paragraph ("VIENNA, March 3
(Reuters) - ", "ADDIS ABABA — ") is glued the same way: the parser makes the city the
subject and the agency its apposition. Setting the sentence starts before the parser runs
keeps them apart. Sentence starts the component does not set are left to the parser.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "graphbuild_paragraphs"


DASHES = frozenset({"-", "--", "—", "–", ":"})
DATELINE_TOKENS = 14  # "WASHINGTON, D.C., Nov. 4, 2015 (Reuters) -" and shorter


@Language.component(NAME)
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the token after a blank line, and after a dateline, as a sentence start.
    Mutates ``doc`` only."""
    starts = [0]
    line_start = 0
    for token in doc[:-1]:
        if not (token.is_space and "\n" in token.text):
            continue
        if token.text.count("\n") >= 2 or _line_ends_block(doc, line_start, token.i):
            doc[token.i + 1].is_sent_start = True
            starts.append(token.i + 1)
        line_start = token.i + 1
    for start in starts:
        end = _dateline_end(doc, start)
        if end is not None and end < len(doc):
            doc[end].is_sent_start = True
    return doc


HEADING_TOKENS = 16  # a headline, a date or a dateline line is short


def _line_ends_block(doc: Doc, start: int, end: int) -> bool:
    """Whether the line ``doc[start:end]``, followed by a single line break, is a block of
    its own: it ends a sentence, or it is a short line without final punctuation (a
    headline, a date) before a capitalised line. A long line that runs on is text wrapped
    at a fixed width, whose line breaks mean nothing."""
    words = [t for t in doc[start:end] if not t.is_space]
    if not words or end + 1 >= len(doc):
        return False
    if words[-1].text in (".", "!", "?", '"', "\u201d", "'"):
        return True
    return len(words) <= HEADING_TOKENS and doc[end + 1].text[:1].isupper()


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The index after "CITY[, more] [(AGENCY)] -" opening a paragraph, or None. A
    dateline starts with a word in capitals and holds no lowercase word before the dash
    but a month's abbreviation."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (first.is_alpha and first.is_upper and len(first) > 1):
        return None
    for token in doc[start + 1 : start + DATELINE_TOKENS]:
        if token.text in DASHES:
            following = token.i + 1
            if following < len(doc) and doc[following].is_space:
                following += 1
            return following
        if token.is_space and "\n" in token.text:
            return None
        if token.is_alpha and token.text[0].islower():
            return None  # a sentence, not a dateline
    return None
