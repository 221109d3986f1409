"""A pipeline component that starts a sentence after every blank line.

News pages put headlines, captions and datelines on lines of their own, without final
punctuation; the parser then glues a headline to the first sentence of the body and
reads two subjects for one verb. Setting the sentence start after a blank line before
the parser runs keeps them apart. Sentence starts the component does not set are left to
the parser.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "graphbuild_paragraphs"


@Language.component(NAME)
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the token after a blank line as a sentence start. Mutates ``doc`` only."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc
