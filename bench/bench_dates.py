"""Event dates: the cost of dating claims, and the resolver beside dateparser.

1. ``date_claims`` on the parsed seed articles (copies), per 1,000 sentences: what dating
   adds to an extraction.
2. The resolver of ``graphbuild.extract.dates`` and dateparser (installed with trafilatura;
   ``DateDataParser`` with ``RELATIVE_BASE`` and ``PREFER_DATES_FROM``), on the same
   expressions as written in news, with the answer expected at the expression's own
   precision (dateparser's ``period``: day, month, year). Speed per 1,000 expressions.

    python bench/bench_dates.py [--copies N]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphbuild.extract import load_model  # noqa: E402
from graphbuild.extract.dates import date_claims, resolve  # noqa: E402
from graphbuild.extract.lexicon import load_lexicon  # noqa: E402
from graphbuild.extract.mentions import Actors  # noqa: E402
from graphbuild.extract.rules import SentenceRules  # noqa: E402

ANCHOR = date(2015, 11, 3)  # a Tuesday
# (expression, direction: +1 planned, -1 past, expected at its precision; None: no date)
EXPRESSIONS = [
    ("Wednesday", 1, "2015-11-04"), ("Wednesday", -1, "2015-10-28"),
    ("Friday", 1, "2015-11-06"), ("Monday", -1, "2015-11-02"),
    ("next Wednesday", 1, "2015-11-04"), ("last Tuesday", -1, "2015-10-27"),
    ("Wednesday last week", -1, "2015-10-28"),
    ("today", -1, "2015-11-03"), ("yesterday", -1, "2015-11-02"), ("tomorrow", 1, "2015-11-04"),
    ("this morning", -1, "2015-11-03"), ("last night", -1, "2015-11-02"),
    ("last week", -1, "2015-10"), ("next month", 1, "2015-12"), ("last month", -1, "2015-10"),
    ("earlier this month", -1, "2015-11"), ("last year", -1, "2014"), ("next year", 1, "2016"),
    ("two days ago", -1, "2015-11-01"), ("three months ago", -1, "2015-08"),
    ("March", -1, "2015-03"), ("March", 1, "2016-03"), ("late October", -1, "2015-10"),
    ("12 December", -1, "2014-12-12"), ("December 12", 1, "2015-12-12"),
    ("Nov. 4", 1, "2015-11-04"), ("the 4th of November", 1, "2015-11-04"),
    ("March 2016", 1, "2016-03"), ("November 4, 2012", -1, "2012-11-04"),
    ("4 November 2012", -1, "2012-11-04"), ("2015-11-04", -1, "2015-11-04"),
    ("1998", -1, "1998"), ("early 2015", -1, "2015"), ("the spring of 2013", -1, "2013"),
    ("29-30 October", -1, "2015-10-29"), ("29 October to 2 November", -1, "2015-10-29"),
    ("October 29-30", -1, "2015-10-29"), ("between 29 and 30 October 2014", -1, "2014-10-29"),
    ("2014-2015", -1, "2014"),
    ("the 1990s", -1, None), ("the sixties", -1, None), ("two weeks", -1, None),
    ("61-year-old", -1, None),
]  # fmt: skip


def ours(text: str, direction: int) -> str | None:
    return resolve(text, ANCHOR, direction)


def dateparser_resolver():
    try:
        from dateparser.date import DateDataParser
    except ImportError:
        return None
    parsers = {
        sign: DateDataParser(
            languages=["en"],
            settings={
                "RELATIVE_BASE": datetime(ANCHOR.year, ANCHOR.month, ANCHOR.day),
                "PREFER_DATES_FROM": "future" if sign > 0 else "past",
                "PREFER_DAY_OF_MONTH": "first",
            },
        )
        for sign in (1, -1)
    }
    cut = {"day": 10, "week": 7, "month": 7, "year": 4}

    def run(text: str, direction: int) -> str | None:
        data = parsers[1 if direction > 0 else -1].get_date_data(text)
        if data.date_obj is None:
            return None
        return data.date_obj.date().isoformat()[: cut.get(data.period or "day", 10)]

    return run


def score(resolver) -> tuple[int, float, list[str]]:
    wrong = []
    for text, direction, expected in EXPRESSIONS:
        got = resolver(text, direction)
        if got != expected:
            wrong.append(f"{text!r} ({'+' if direction > 0 else '-'}): {got} != {expected}")
    rounds = 20
    started = time.perf_counter()
    for _ in range(rounds):
        for text, direction, _ in EXPRESSIONS:
            resolver(text, direction)
    per_k = (time.perf_counter() - started) / (rounds * len(EXPRESSIONS)) * 1e6  # ms
    return len(EXPRESSIONS) - len(wrong), per_k, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    nlp, lex = load_model(), load_lexicon()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    parsed = list(nlp.pipe(texts * args.copies, batch_size=32))
    claims = []
    for i, doc in enumerate(parsed):
        claims.append(SentenceRules(Actors(doc, lex), lex, str(i)).run(doc.sents))
    sentences = sum(1 for doc in parsed for _ in doc.sents)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for doc, found in zip(parsed, claims, strict=True):
            date_claims(doc, found, "2015-11-03")
        best = min(best, time.perf_counter() - started)
    n_claims = sum(len(c) for c in claims)
    print(
        f"date_claims: {sentences} sentences, {n_claims} claims in {best * 1000:.1f} ms: "
        f"{best / sentences * 1e6:.1f} ms per 1,000 sentences"
    )
    for name, resolver in (("graphbuild", ours), ("dateparser", dateparser_resolver())):
        if resolver is None:
            print(f"{name}: not installed")
            continue
        right, per_k, wrong = score(resolver)
        print(f"{name:<11} {right}/{len(EXPRESSIONS)} right, {per_k:.1f} ms per 1,000 expressions")
        for line in wrong:
            print(f"    {line}")


if __name__ == "__main__":
    main()
