"""Event dates on sentences written for these tests (none come from a gold file or the seeds).

The document date is Tuesday 3 November 2015 unless a case says otherwise, so "on
Wednesday" is the next day for a planned meeting and the Wednesday before for a past one.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from graphbuild.config import Settings
from graphbuild.extract import extract
from graphbuild.extract.dates import resolve
from graphbuild.pipeline import extract_to_file
from graphbuild.records import Document

TUESDAY = "2015-11-03"


def dated(nlp, text: str, document_date: str | None = TUESDAY) -> set[tuple]:
    """(relation, source, target, event_date, event_date_text) of every claim of ``text``."""
    (extraction,) = list(extract([Document("t.txt", "t.txt", text, date=document_date)], nlp))
    assert extraction.claims, f"no relation read in {text!r}"
    return {
        (c.relation, c.source, c.target, c.event_date, c.event_date_text) for c in extraction.claims
    }


def only_date(nlp, text: str, document_date: str | None = TUESDAY) -> tuple:
    found = {(d, t) for *_, d, t in dated(nlp, text, document_date)}
    assert len(found) == 1, found
    return found.pop()


CASES = [
    # (expression type, sentence, event_date with the document date, event_date_text)
    ("weekday, planned", "Anna Petrova and Boris Ivanov will meet on Wednesday in Geneva.",
     "2015-11-04", "Wednesday"),
    ("weekday, past", "Anna Petrova met Boris Ivanov on Wednesday.", "2015-10-28", "Wednesday"),
    ("weekday, planned by a plan verb", "Anna Petrova is expected to meet Boris Ivanov on Friday.",
     "2015-11-06", "Friday"),
    ("weekday, past, fronted before a coordination",
     "On Monday, Anna Petrova flew to Strelsau and met Boris Ivanov.", "2015-11-02", "Monday"),
    ("next weekday", "Anna Petrova will meet Boris Ivanov next Wednesday.", "2015-11-04",
     "next Wednesday"),
    ("weekday of last week", "Anna Petrova met Boris Ivanov on Wednesday last week.",
     "2015-10-28", "Wednesday last week"),
    ("today", "Anna Petrova met Boris Ivanov today.", "2015-11-03", "today"),
    ("yesterday", "Anna Petrova met Boris Ivanov yesterday in Strelsau.", "2015-11-02",
     "yesterday"),
    ("tomorrow", "Anna Petrova will meet Boris Ivanov tomorrow.", "2015-11-04", "tomorrow"),
    ("last week", "Anna Petrova met Boris Ivanov last week.", "2015-10", "last week"),
    ("next week", "Anna Petrova will meet Boris Ivanov next week.", "2015-11", "next week"),
    ("last month", "Anna Petrova criticised Boris Ivanov last month.", "2015-10", "last month"),
    ("next month", "Anna Petrova will meet Boris Ivanov next month.", "2015-12", "next month"),
    ("earlier this month", "Anna Petrova met Boris Ivanov earlier this month.", "2015-11",
     "earlier this month"),
    ("last year", "Anna Petrova met Boris Ivanov last year.", "2014", "last year"),
    ("next year", "Anna Petrova will meet Boris Ivanov next year.", "2016", "next year"),
    ("days ago", "Anna Petrova met Boris Ivanov two days ago.", "2015-11-01", "two days ago"),
    ("month without a year, past", "Anna Petrova met Boris Ivanov in March.", "2015-03",
     "March"),
    ("month without a year, planned", "Anna Petrova will meet Boris Ivanov in March.",
     "2016-03", "March"),
    ("day and month, past", "Anna Petrova met Boris Ivanov on 12 December.", "2014-12-12",
     "12 December"),
    ("day and month, planned", "Anna Petrova will meet Boris Ivanov on December 12.",
     "2015-12-12", "December 12"),
    ("month and year", "Anna Petrova will meet Boris Ivanov in March 2016.", "2016-03",
     "March 2016"),
    ("full date", "Anna Petrova met Boris Ivanov on November 4, 2012.", "2012-11-04",
     "November 4, 2012"),
    ("year", "Chad condemned Sudan in 1998.", "1998", "1998"),
    ("year on a conflict noun", "The 1998 war between Chad and Sudan killed thousands.", "1998",
     "1998"),
    ("season and year", "Anna Petrova met Boris Ivanov in the spring of 2013.", "2013",
     "the spring of 2013"),
    ("range of days", "Anna Petrova held talks with Boris Ivanov on 29-30 October.",
     "2015-10-29", "29-30 October"),
    ("range across months", "Anna Petrova met Boris Ivanov from 29 October to 2 November.",
     "2015-10-29", "29 October to 2 November"),
    ("decade: no date, text kept", "Chad fought Sudan in the 1990s.", None, "the 1990s"),
    ("a tail after a preposition is cut",
     "Chad ousted Boris Ivanov on May 3 after weeks of strikes.", "2015-05-03", "May 3"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "text", "value", "written"), CASES, ids=[c[0] for c in CASES])
def test_expression_resolved_against_the_document_date(nlp, kind, text, value, written):
    assert only_date(nlp, text) == (value, written)


ABSOLUTE = {"month and year", "full date", "year", "year on a conflict noun", "season and year",
            "decade: no date, text kept"}  # fmt: skip


@pytest.mark.parametrize(("kind", "text", "value", "written"), CASES, ids=[c[0] for c in CASES])
def test_without_a_document_date_only_absolute_dates_resolve(nlp, kind, text, value, written):
    expected = value if kind in ABSOLUTE else None
    assert only_date(nlp, text, document_date=None) == (expected, written)


CLAUSES = [
    # (construction, sentence, event_date, event_date_text): a date the trigger's clause
    # borrows, or its own, in a document of Tuesday 3 November 2015.
    ("purpose infinitive borrows the journey's date",
     "Anna Petrova flew to Strelsau on Monday to persuade Boris Ivanov.", "2015-11-02", "Monday"),
    ("purpose infinitive under a catenative verb",
     "Anna Petrova this month began sending troops to shore up Boris Ivanov's government.",
     "2015-11", "this month"),
    ("a later conjunct borrows the first verb's date",
     "Anna Petrova met Boris Ivanov in Strelsau on 2 October and signed a pact with him.",
     "2015-10-02", "2 October"),
    ("a conjunct's own date wins over the first verb's",
     "Anna Petrova met Boris Ivanov in 2004 and condemned Chad in 2010.", "2010", "2010"),
    ("an occurrence clause on the event noun",
     "The talks, which opened on 20 October, were the first negotiations between Anna Petrova "
     "and Boris Ivanov.", "2015-10-20", "20 October"),
    ("an infinitive of the verb an event noun hangs on",
     "Negotiations between Anna Petrova and Boris Ivanov are to begin on 10 December.",
     "2015-12-10", "10 December"),
    ("a where-clause borrows the date of the visit",
     "Anna Petrova visited Strelsau in August, where she met Boris Ivanov.", "2015-08", "August"),
    ("a where-clause after a trip",
     "Anna Petrova made a trip to Strelsau last month, where she held talks with Boris Ivanov.",
     "2015-10", "last month"),
    ("a non-date tail glued to the entity is cut",
     "Anna Petrova met Boris Ivanov in Strelsau in August, days after the vote.", "2015-08",
     "August"),
    ("a meeting read from another act takes its meeting's own time",
     "Anna Petrova and Boris Ivanov agreed on Saturday to a truce after talks that ended on "
     "Friday evening.", "2015-10-30", "Friday evening"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "text", "value", "written"), CLAUSES, ids=[c[0] for c in CLAUSES])
def test_date_from_the_clause_the_trigger_leans_on(nlp, kind, text, value, written):
    found = {(d, t) for *_, d, t in dated(nlp, text)}
    assert (value, written) in found


@pytest.mark.parametrize(
    "text",
    [
        # A clause on an event noun that is not about when it happened.
        "The talks, which were praised on Monday, were the first negotiations between Anna "
        "Petrova and Boris Ivanov.",
        # A deadline is not when the event happened.
        "Anna Petrova gave Boris Ivanov until Friday to withdraw his troops, and condemned him.",
        "Chad, which was founded in 1960, condemned Sudan.",
        "Chad condemned Sudan, which held elections on Monday.",
        "Russian media reported on Tuesday that Anna Petrova will meet Boris Ivanov.",
        "Anna Petrova, who was elected in 2010, met Boris Ivanov.",
        # A present perfect after a past verb is a state lasting until now.
        "Chad invaded the delta in 2014 and has been fighting Sudan since.",
    ],
)
def test_a_date_of_another_clause_is_not_taken(nlp, text):
    assert {(d, t) for *_, d, t in dated(nlp, text)} == {(None, None)}


def test_a_meeting_read_from_another_act_keeps_the_act_date_without_a_meeting_time(nlp):
    text = "Anna Petrova and Boris Ivanov agreed on Saturday to a truce after long talks."
    assert only_date(nlp, text) == ("2015-10-31", "Saturday")


def test_a_clock_time_in_figures_is_no_year(nlp):
    assert only_date(nlp, "Anna Petrova met Boris Ivanov at 0930 GMT.", None) == (None, None)


def test_a_who_clause_lends_no_date(nlp):
    text = "Anna Petrova, who visited Strelsau in August, met Boris Ivanov."
    found = {r[:3]: r[3:] for r in dated(nlp, text)}
    assert found[("met-with", "Anna Petrova", "Boris Ivanov")] == (None, None)


def test_each_relation_takes_its_own_clause_date(nlp):
    text = "Chad condemned Sudan on Thursday, a day after Anna Petrova met Boris Ivanov in 2014."
    found = {r[:3]: r[3:] for r in dated(nlp, text)}
    assert found[("met-with", "Anna Petrova", "Boris Ivanov")] == ("2014", "2014")
    assert found[("opposes", "Chad", "Sudan")] == ("2015-10-29", "Thursday")


def test_undated_sentence_gives_no_date_of_its_own(nlp):
    text = "Anna Petrova met Boris Ivanov in Geneva."
    assert only_date(nlp, text, document_date=None) == (None, None)
    # As an article's lead, a meeting without a time is the news of the publication day.
    assert only_date(nlp, text) == (TUESDAY, None)


@pytest.mark.parametrize(
    ("text", "direction", "value"),
    [
        ("Wednesday", 1, "2015-11-04"),
        ("Wednesday", -1, "2015-10-28"),
        ("Tuesday", 1, "2015-11-03"),  # the same day, either way
        ("Tuesday", -1, "2015-11-03"),
        ("Monday", 0, "2015-11-02"),  # present tense: the nearest
        ("last Tuesday", 0, "2015-10-27"),
        ("Nov. 4th", -1, "2014-11-04"),
        ("the 4th of November", 1, "2015-11-04"),
        ("2015-11-04", 0, "2015-11-04"),
        ("Oct 29 - Nov 2, 2015", 0, "2015-10-29"),
        ("2014-15", 0, "2014"),
        ("between 29 and 30 October 2014", 0, "2014-10-29"),
        ("this morning", 0, "2015-11-03"),
        ("last night", 0, "2015-11-02"),
        ("the day before yesterday", 0, "2015-11-01"),
        ("a week ago", 0, "2015-10"),
        ("the past week", 0, None),  # a span up to the document date, not a point
        ("last week", 0, "2015-10"),
        ("three months ago", 0, "2015-08"),
        ("late October", -1, "2015-10"),
        ("early 2015", 0, "2015"),
        ("last summer", 0, "2015"),
        ("the late 1990s", 0, None),
        ("the sixties", 0, None),
        ("two weeks", 0, None),  # a duration
        ("61-year-old", 0, None),
    ],
)
def test_resolver(text, direction, value):
    assert resolve(text, date(2015, 11, 3), direction) == value


def test_direction_comes_from_the_verb_holding_the_expression(nlp):
    # "flew" is past, so the Thursday before a Monday document, not the nearest one after.
    text = "Anna Petrova flew to Strelsau on Thursday to persuade Boris Ivanov."
    assert ("2015-11-05", "Thursday") in {(d, t) for *_, d, t in dated(nlp, text, "2015-11-09")}


def test_extract_writes_event_dates_to_json_lines(tmp_path):
    rows = [
        {"id": "a", "date": "2015-11-03",
         "text": "Anna Petrova will meet Boris Ivanov on Wednesday.\n\n"
                 "Chad condemned Sudan in Geneva."},
        {"id": "b", "text": "Anna Petrova met Boris Ivanov on Wednesday."},
    ]  # fmt: skip
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "triples.jsonl"
    extract_to_file([str(feed)], Settings(), out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all({"event_date", "event_date_text"} <= line.keys() for line in lines)
    got = {(t["doc"], t["relation"]): (t["event_date"], t["event_date_text"]) for t in lines}
    assert got[("a", "met-with")] == ("2015-11-04", "Wednesday")
    assert got[("a", "opposes")] == (None, None)
    assert got[("b", "met-with")] == (None, "Wednesday")  # no document date


def test_extract_output_carries_the_documents_date_url_and_title(tmp_path):
    row = {"id": "a", "date": "04/11/2015", "url": "https://example.org/a", "title": "Talks",
           "text": "Anna Petrova met Boris Ivanov in Geneva."}  # fmt: skip
    feed = tmp_path / "feed.csv"
    feed.write_text(
        "id,date,url,title,text\n" + ",".join(row.values()) + "\n", encoding="utf-8"
    )
    out = tmp_path / "triples.jsonl"
    extract_to_file([str(feed)], Settings(date_format="%d/%m/%Y"), out)
    [line] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (line["doc"], line["date"], line["url"], line["title"]) == (
        "a", "2015-11-04", "https://example.org/a", "Talks"
    )


def claim_dates(nlp, text: str, document_date: str | None = TUESDAY) -> dict[tuple, tuple]:
    """(relation, source, target) -> (event_date, event_date_text) of every claim of ``text``."""
    (extraction,) = list(extract([Document("t.txt", "t.txt", text, date=document_date)], nlp))
    return {(c.relation, c.source, c.target): (c.event_date, c.event_date_text)
            for c in extraction.claims}  # fmt: skip


OFFSETS = [
    # (sentence, claim, event_date, event_date_text): an event set a span before or after
    # one the sentence dates.
    ("Chad opened talks with Sudan last March, five months after Anna Petrova signed a pact "
     "with Boris Ivanov.", ("met-with", "Anna Petrova", "Boris Ivanov"), "2014-10",
     "five months after last March"),
    ("Carl Jansen met Dora Berg on 12 May, two days after Chad attacked Sudan.",
     ("opposes", "Chad", "Sudan"), "2015-05-10", "two days after 12 May"),
    ("Carl Jansen met Dora Berg on 12 May, two days before Chad attacked Sudan.",
     ("opposes", "Chad", "Sudan"), "2015-05-14", "two days before 12 May"),
    ("Carl Jansen visited Dora Berg in June, days after holding talks with Boris Ivanov.",
     ("met-with", "Carl Jansen", "Boris Ivanov"), "2015-06", "days after June"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "claim", "value", "written"), OFFSETS)
def test_an_event_set_a_span_from_a_dated_one(nlp, text, claim, value, written):
    assert claim_dates(nlp, text)[claim] == (value, written)


def test_a_span_finer_than_the_date_places_nothing(nlp):
    # Two days after some day of 2015 has no year of its own to give at that precision.
    text = (
        "Anna Petrova and Boris Ivanov held talks in Strelsau on Monday.\n\n"
        "Carl Jansen met Dora Berg in 2015, two days after Chad attacked Sudan."
    )
    assert claim_dates(nlp, text)[("opposes", "Chad", "Sudan")] == (None, None)


LEAD = "Peace talks open in Strelsau\n\nBy a staff reporter\n\n" + (
    "Anna Petrova and Boris Ivanov held talks in Strelsau on Monday.\n\n"
)
JANSEN_BERG = ("met-with", "Carl Jansen", "Dora Berg")


@pytest.mark.parametrize(
    "later",
    [
        "Carl Jansen met Dora Berg over dinner at the castle.",
        # An expression in a subordinate clause does not place the meeting elsewhere.
        "Carl Jansen met Dora Berg, their first meeting since the border war ended in 1999.",
        # "The past week" is a span up to now, not a time of the meeting.
        "Over the past week Carl Jansen held talks with Dora Berg.",
    ],
)
def test_an_undated_meeting_after_the_lead_is_the_leads_news(nlp, later):
    assert claim_dates(nlp, LEAD + later)[JANSEN_BERG] == ("2015-11-02", "Monday")


@pytest.mark.parametrize(
    ("later", "claim", "expected"),
    [
        # A planned meeting, and one in the past perfect, are not the news.
        ("Carl Jansen will meet Dora Berg at the castle.", JANSEN_BERG, (None, None)),
        ("Carl Jansen had met Dora Berg at the castle.", JANSEN_BERG, (None, None)),
        # Told as another occurrence.
        ("Carl Jansen met Dora Berg again at the castle.", JANSEN_BERG, (None, None)),
        # Only meetings: a later criticism is not dated by the lead.
        ("Chad condemned Sudan.", ("opposes", "Chad", "Sudan"), (None, None)),
        # The sentence's main clause has a time of its own.
        ("Carl Jansen met Dora Berg in 2010.", JANSEN_BERG, ("2010", "2010")),
        ("Carl Jansen toured the north in May, while Dora Berg was welcomed in the capital by "
         "Erik Holm.", ("met-with", "Erik Holm", "Dora Berg"), (None, None)),
        ("Last week Carl Jansen held talks with Dora Berg.", JANSEN_BERG,
         ("2015-10", "Last week")),
        # The narrative has moved to another time just before.
        ("Back in 2009 the two towns signed a trade pact. Carl Jansen met Dora Berg at the "
         "castle.", JANSEN_BERG, (None, None)),
    ],
)  # fmt: skip
def test_a_claim_that_is_not_the_leads_news(nlp, later, claim, expected):
    assert claim_dates(nlp, LEAD + later)[claim] == expected


def test_a_lead_announcing_a_meeting_dates_no_past_one(nlp):
    text = (
        "Anna Petrova will meet Boris Ivanov in Strelsau on Friday.\n\n"
        "Carl Jansen met Dora Berg at the castle."
    )
    assert claim_dates(nlp, text)[JANSEN_BERG] == (None, None)


def test_a_lead_without_a_time_reports_the_publication_day(nlp):
    text = (
        "Anna Petrova and Boris Ivanov signed a pact in Strelsau and condemned Chad.\n\n"
        "Carl Jansen met Dora Berg at the castle."
    )
    found = claim_dates(nlp, text)
    # The lead's own claims too, as it names a meeting (the signing).
    assert found[("opposes", "Anna Petrova", "Chad")] == (TUESDAY, None)
    assert found[JANSEN_BERG] == (TUESDAY, None)
    assert claim_dates(nlp, text, document_date=None)[JANSEN_BERG] == (None, None)


def test_the_claims_of_a_lead_naming_no_meeting_keep_no_date(nlp):
    assert only_date(nlp, "Chad condemned Sudan in Strelsau.") == (None, None)


def test_the_start_of_a_state_is_not_the_leads_time(nlp):
    text = "Delegates have asked for a ceasefire on the border {} Friday evening."
    later = "\n\nCarl Jansen met Dora Berg at the castle."
    assert claim_dates(nlp, text.format("from") + later)[JANSEN_BERG] == (None, None)
    assert claim_dates(nlp, text.format("on") + later)[JANSEN_BERG] == (
        "2015-10-30",
        "Friday evening",
    )


FRIDAY = "2015-11-20"


def test_a_meeting_that_lasted_a_span_in_one_month_takes_the_month(nlp):
    text = (
        "Anna Petrova and Boris Ivanov agreed on Friday to a truce.\n\n"
        "The five-day talks between Anna Petrova and Boris Ivanov were hosted by Carl Jansen."
    )
    found = claim_dates(nlp, text, FRIDAY)
    assert found[("met-with", "Carl Jansen", "Anna Petrova")] == ("2015-11", "Friday")


def test_a_meeting_that_lasted_a_span_across_months_has_no_date(nlp):
    text = (
        "Anna Petrova and Boris Ivanov agreed on Tuesday to a truce.\n\n"
        "The ten days of talks between Anna Petrova and Boris Ivanov were hosted by Carl Jansen."
    )
    found = claim_dates(nlp, text)
    assert found[("met-with", "Anna Petrova", "Boris Ivanov")] == (None, None)


def test_the_leads_only_day_dates_its_news(nlp):
    # However the parse hangs "on Wednesday", it is the lead's one day, and "sat" is past.
    text = (
        "The rival camps finally sat down together on Wednesday at a lakeside hotel in "
        "Strelsau.\n\nCarl Jansen met Dora Berg at the castle."
    )
    assert claim_dates(nlp, text)[JANSEN_BERG] == ("2015-10-28", "Wednesday")


def test_a_day_a_relative_clause_holds_is_not_the_leads(nlp):
    text = (
        "The talks, which were praised on Monday, were the first between the two sides.\n\n"
        "Carl Jansen met Dora Berg at the castle."
    )
    assert claim_dates(nlp, text)[JANSEN_BERG] == (None, None)
