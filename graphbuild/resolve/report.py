"""`graphbuild actors`: the actor list, and the review file of uncertain pairs.

The review file is JSON Lines, one pair a line, with what to paste into the actor file
to confirm the pair (one actor, the second name an alias) or to reject it (a
``cannot_link`` pair). Rerunning with the edited actor file applies the decision; the
file is data, so undoing a decision is deleting the line again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from graphbuild.config import Settings
from graphbuild.errors import InputError
from graphbuild.records import Actor, Mention, Resolution, ReviewPair


def actor_rows(paths: Sequence[str], settings: Settings, review: Path | None) -> list[dict]:
    """Actors with kind, aliases and mention counts: resolved from ``paths``, or read from
    the store when ``paths`` is empty. With ``review``, also write the grey-band pairs
    there (from the store: the pairs among the stored actors' names).

    Reads only, apart from writing ``review``.

    Raises:
        InputError: no readable document under ``paths``, or ``review`` cannot be written.
        StoreError: reading the store failed.
    """
    if paths:
        from graphbuild.pipeline import build

        resolution = build(paths, settings).resolution
        actors: Iterable[Actor] = resolution.actors
    else:
        from graphbuild.store import open_store

        with open_store(settings, must_exist=True) as store:
            actors = store.known_actors()
        resolution = None
    rows = [
        {
            "name": a.name,
            "kind": a.kind,
            "mentions": a.mentions,
            "aliases": [x for x in a.aliases if x != a.name],
            "id": a.id,
        }
        for a in sorted(actors, key=lambda a: (-a.mentions, a.name, a.id))
    ]
    if review is not None:
        if resolution is None:
            resolution = _stored_pairs(actors)
        write_review(resolution.review, review)
    return rows


def _stored_pairs(actors: Iterable[Actor]) -> Resolution:
    # Each stored actor becomes a document of its names: the resolver's grey band then
    # lists the stored actors that look alike.
    from graphbuild.resolve import resolve

    mentions = [
        Mention(f"stored:{a.id}", name, a.kind, 1, (name,))
        for a in actors
        for name in dict.fromkeys((a.name, *a.aliases))
    ]
    return resolve(mentions)


def review_line(pair: ReviewPair) -> dict[str, Any]:
    """One review record: both names, kind, score, example sentences, and the actor-file
    snippets that confirm (must-link) or reject (cannot-link) the pair. Pure."""
    return {
        "left": pair.left,
        "right": pair.right,
        "kind": pair.kind,
        "score": pair.score,
        "merged": pair.merged,
        "left_sentence": pair.left_context,
        "right_sentence": pair.right_context,
        "confirm": {"actors": [{"name": pair.left, "kind": pair.kind, "aliases": [pair.right]}]},
        "reject": {"cannot_link": [[pair.left, pair.right]]},
    }


def write_review(pairs: Iterable[ReviewPair], path: Path) -> int:
    """Write the review pairs as JSON Lines (atomically); returns how many.

    Raises:
        InputError: the file cannot be written.
    """
    lines = [json.dumps(review_line(p), ensure_ascii=False) for p in pairs]
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise InputError(
            f"{path}: cannot write the review file ({exc.strerror}). "
            "Check the folder exists and is writable, or pass another --review path."
        ) from exc
    return len(lines)
