"""Reading inputs: formats, encodings, metadata, ids, streaming. No model, no server."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from graphbuild.config import Settings
from graphbuild.documents import (
    documents_from_bytes,
    estimate_total,
    first_line,
    iso_date,
    list_inputs,
    read_date,
    read_documents,
    text_date,
)
from graphbuild.records import Document, Skipped

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = (
    "Envoy meets minister in Valdoria\n\n"
    "Updated Mar 14, 2019\n\n"
    "The special envoy Tamsin Orlek met Foreign Minister Davor Kellan in the capital on "
    "Thursday to discuss a ceasefire proposal.\n"
)
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Envoy meets minister in Valdoria | The Daily Example</title>
<meta property="og:title" content="Envoy meets minister in Valdoria">
<meta property="article:published_time" content="2019-03-14T08:00:00Z">
<link rel="canonical" href="https://news.example.org/world/envoy-meets-minister">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news desk</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<article><h1>Envoy meets minister in Valdoria</h1>
<p>The special envoy Tamsin Orlek met Foreign Minister Davor Kellan in the capital on Thursday
to discuss a ceasefire proposal that both sides have debated for months.</p>
<p>Kellan said his government was ready to negotiate with the opposition coalition, while the
envoy urged restraint and promised to return next month with a written plan.</p>
<p>Observers said the meeting was the first direct contact between the two officials since
the talks collapsed last year.</p>
</article>
<aside>Most read: Ten things you missed this week</aside>
<footer>Copyright 2019 The Daily Example. All rights reserved. Privacy policy.</footer>
</body></html>"""


def read(paths: list[Path] | Path, **settings: object) -> list[Document | Skipped]:
    given = paths if isinstance(paths, list) else [paths]
    return list(read_documents([str(p) for p in given], Settings(**settings)))


def docs(items: list[Document | Skipped]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def skips(items: list[Document | Skipped]) -> list[Skipped]:
    return [i for i in items if isinstance(i, Skipped)]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def jsonl(path: Path, rows: list[object]) -> Path:
    return write(path, "".join(json.dumps(r) + "\n" for r in rows))


# --- plain text -----------------------------------------------------------------------


def test_text_file_gives_id_title_date_and_hash(tmp_path: Path) -> None:
    path = write(tmp_path / "valdoria.txt", ARTICLE)
    [doc] = read(path)
    assert doc.id == "valdoria.txt"
    assert doc.path == str(path)
    assert doc.title == "Envoy meets minister in Valdoria"
    assert doc.date == "2019-03-14"
    assert doc.url is None
    assert doc.encoding == "utf-8"
    assert doc.text.startswith("Envoy meets minister")
    assert len(doc.sha256) == 64


def test_title_skips_page_furniture_and_blank_lines() -> None:
    assert first_line("\n\nSkip to main content\n\n  Talks in   Orvania \nbody") == (
        "Talks in Orvania"
    )
    assert first_line("   \n \n") is None
    long_line = "word " * 200
    title = first_line(long_line)
    assert title is not None and len(title) <= 301 and title.endswith("…")


def test_windows_line_endings_are_normalised(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "crlf.txt", ARTICLE.replace("\n", "\r\n").encode()))
    assert "\r" not in doc.text
    assert doc.title == "Envoy meets minister in Valdoria"


# --- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline\nUpdated Nov 4, 2015\nBody text.", "2015-11-04"),
        ("Headline\nPublished: Wednesday 4 November 2015 10.00 GMT\nBody.", "2015-11-04"),
        ("Headline\nPosted by Ann Vell on March 3, 2019\nBody.", "2019-03-03"),
        ("Headline\nLast updated:\n12 Jan 2021\nBody.", "2021-01-12"),
        # A dateline with no year takes the year of another full date in the text.
        ("BRELLA, November 4. Talks began.\nThe accord of 12 October 2015 held.", "2015-11-04"),
        ("BRELLA, Nov. 4, 2016 (Wire) - Talks began.", "2016-11-04"),
        ("OSTRAVIN (Wire) , 7 May 2014 - Talks began.", "2014-05-07"),
        # A dateline naming the country, or two places, before the date.
        ("VELDANA, Ruritania, Mar 3, 2016 (Wire) - Talks began.", "2016-03-03"),
        ("ORSK/VELDANA, 3 March (Wire) - Talks began.\nThe pact of 2 May 2016 held.", "2016-03-03"),
        ("ORSK, Upper Ruritania, Mar 3 (Wire) - Talks began.\nSigned May 2, 2016.", "2016-03-03"),
        # ... and no date at all when nothing in the text states the year.
        ("BRELLA, November 4. Talks began on 23 October.", None),
        # A line near the top that is only a date.
        ("Headline\nNov 4, 2015 10:03 GMT\nBody mentions 2011.", "2015-11-04"),
        ("Headline\nMarch 3, 2016 7:05 PM UTC Updated\nBody.", "2016-03-03"),
        # A wire photo caption near the top, when nothing else dates the article.
        (
            "Head\nCrowds in Orsk, Ruritania, March 3, 2016. WIRE/Ann Vell\nORSK (Wire) - Body.",
            "2016-03-03",
        ),
        (
            "Headline\nCrowds in Orsk, March 2, 2016. Photo: Wire\nUpdated Mar 3, 2016\nBody.",
            "2016-03-03",
        ),
        # Dates in running prose are not the article's date.
        ("Headline\nMarch 3, 2016 ended the talks.\nBody.", None),
        ("Headline\nThe talks of March 3, 2016. They failed.\nBody.", None),
        ("Headline\nThe talks on 12 October 2015 failed.", None),
        ("Headline\nLast updated:\n3 MIN READ\nBody.", None),
        ("Headline\nUpdated Feb 30, 2015\nBody.", None),
    ],
)
def test_text_date(text: str, expected: str | None) -> None:
    assert text_date(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-11-04", "2015-11-04"),
        ("2015-11-04T10:00:00Z", "2015-11-04"),
        ("Wed, 04 Nov 2015 10:00:00 GMT", "2015-11-04"),
        ("Nov 4, 2015", "2015-11-04"),
        ("4 November 2015", "2015-11-04"),
        (1446595200, "2015-11-04"),
        (1446595200000, "2015-11-04"),
        ("November 4", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_iso_date_of_a_field_value(value: object, expected: str | None) -> None:
    assert iso_date(value) == expected


@pytest.mark.parametrize(
    ("value", "date_format", "expected"),
    [
        ("2024/05/06", None, "2024-05-06"),
        ("20240506", None, "2024-05-06"),
        ("06.05.2024", None, "2024-05-06"),  # dots: day first
        ("13/06/2024", None, "2024-06-13"),  # only one reading
        ("06/13/2024", None, "2024-06-13"),
        ("1446595200", None, "2015-11-04"),
        ("05/06/2024", None, None),  # ambiguous: never guessed
        ("05/06/2024", "%d/%m/%Y", "2024-06-05"),
        ("05/06/2024", "%m/%d/%Y", "2024-05-06"),
        ("2024-05-06", "%d/%m/%Y", "2024-05-06"),  # ISO is read whatever the format
    ],
)
def test_common_date_formats(value: str, date_format: str | None, expected: str | None) -> None:
    assert read_date(value, date_format)[0] == expected


def test_an_ambiguous_or_unreadable_date_says_why() -> None:
    assert "ambiguous; set --date-format (%d/%m/%Y or %m/%d/%Y)" in read_date("05/06/2024")[1]
    assert "set --date-format" in read_date("the fifth of June")[1]
    assert read_date("") == (None, None)


def test_csv_dates_with_date_format_and_a_warning_per_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "id,date,text\n1,05/06/2024,Body one.\n2,07/08/2024,Body two.\n3,,Body three.\n"
    path = write(tmp_path / "rows.csv", rows)
    plain = docs(read(path))
    assert [d.date for d in plain] == [None, None, None]
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err  # one line for the file
    assert f"Warning: {path}: 2 dates could not be read, the first line 2: date '05/06/2024'" in err
    assert "--date-format" in err
    formatted = docs(read(path, date_format="%d/%m/%Y"))
    assert [d.date for d in formatted] == ["2024-06-05", "2024-08-07", None]
    assert capsys.readouterr().err == ""


# --- HTML -----------------------------------------------------------------------------


def test_html_main_text_without_furniture_and_metadata(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "page.html", PAGE))
    assert doc.id == "page.html"
    assert "Tamsin Orlek met Foreign Minister Davor Kellan" in doc.text
    for furniture in ("cookies", "Most read", "Copyright", "World news desk"):
        assert furniture not in doc.text
    assert doc.title == "Envoy meets minister in Valdoria"
    assert doc.date == "2019-03-14"
    assert doc.url == "https://news.example.org/world/envoy-meets-minister"


def test_html_without_metadata_falls_back_to_the_text(tmp_path: Path) -> None:
    bare = PAGE.split("</head>")[1].replace(
        "<p>The special", "<p>BRELLA, March 9, 2018 - The special"
    )
    [doc] = read(write(tmp_path / "bare.htm", "<html><head></head>" + bare))
    assert doc.date == "2018-03-09"
    assert doc.url is None
    assert doc.title == "Envoy meets minister in Valdoria"


def test_html_declared_legacy_charset_is_used(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1251"').replace(
        "The special envoy", "Посланник встретился. The special envoy"
    )
    [doc] = read(write(tmp_path / "ru.html", page.encode("cp1251")))
    assert doc.encoding == "cp1251"
    assert "Посланник встретился" in doc.text


def test_html_with_no_article_text_is_skipped(tmp_path: Path) -> None:
    shell = "<html><head><title>Loading</title><script>app()</script></head><body></body></html>"
    [skip] = read(write(tmp_path / "shell.html", shell))
    assert isinstance(skip, Skipped)
    assert "no article text" in skip.reason


# --- encodings ------------------------------------------------------------------------

WESTERN = "Envoy in Zürich\n\nThe café owners’ “naïve” résumé was discussed — twice.\n" * 3


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8"),
        ("cp1252", "cp1252"),
        ("utf-16", "utf-16"),
    ],
)
def test_encodings_are_decoded_and_reported(tmp_path: Path, encoding: str, reported: str) -> None:
    [doc] = read(write(tmp_path / "a.txt", WESTERN.encode(encoding)))
    assert doc.text == WESTERN
    assert doc.title == "Envoy in Zürich"
    assert doc.encoding == reported


def test_cyrillic_legacy_encoding_is_detected_and_noted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Министр иностранных дел встретился с посланником в столице во вторник.\n" * 3
    path = write(tmp_path / "ru.txt", text.encode("cp1251"))
    [doc] = read(path)
    assert doc.text == text
    assert doc.encoding == "cp1251"
    assert f"{path} is not UTF-8; read as cp1251" in capsys.readouterr().err


def test_utf8_files_are_not_noted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    read(write(tmp_path / "a.txt", ARTICLE))
    assert capsys.readouterr().err == ""


# --- bad input: each kind is one Skipped naming the file and why ------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "empty file"),
        ("nul.txt", b"Envoy met\x00\x01\x02 minister" * 10, "binary file"),
        ("scan.txt", b"%PDF-1.7\n" + bytes(range(128, 256)) * 4, "PDF"),
        ("garbled.txt", bytes((i * 37) % 128 + 128 for i in range(3000)), "undecodable"),
        ("notes.docx", b"PK\x03\x04 whatever", "unsupported file type .docx"),
    ],
)
def test_bad_text_file_is_skipped_with_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = write(tmp_path / name, data)
    [skip] = read(path)
    assert isinstance(skip, Skipped)
    assert skip.path == str(path)
    assert reason in skip.reason
    assert str(skip).startswith(f"{path}: ")


def test_file_larger_than_max_bytes_is_skipped_unread(tmp_path: Path) -> None:
    path = write(tmp_path / "dump.txt", ARTICLE * 100)
    [skip] = read(path, max_bytes=1000)
    assert isinstance(skip, Skipped)
    assert "larger than any article" in skip.reason and "max_bytes" in skip.reason


def test_missing_path_is_skipped(tmp_path: Path) -> None:
    [skip] = read(tmp_path / "nowhere.txt")
    assert isinstance(skip, Skipped) and "no such file" in skip.reason


def test_unreadable_file_and_folder_are_skipped(tmp_path: Path, unprivileged: list[str]) -> None:
    good = write(tmp_path / "corpus" / "good.txt", ARTICLE)
    locked = write(tmp_path / "corpus" / "locked.txt", ARTICLE.replace("Valdoria", "Ostrava"))
    sub = write(tmp_path / "corpus" / "closed" / "inner.txt", ARTICLE).parent
    locked.chmod(0)
    sub.chmod(0)
    script = (
        "import sys; from graphbuild.config import Settings; "
        "from graphbuild.documents import read_documents\n"
        "for item in read_documents(sys.argv[1:], Settings()):\n"
        "    print(type(item).__name__, item.path, getattr(item, 'reason', ''))\n"
    )
    try:
        result = subprocess.run(
            [*unprivileged, sys.executable, "-c", script, str(good.parent)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=60,
        )
    finally:
        locked.chmod(0o644)
        sub.chmod(0o755)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"Document {good} " in lines
    assert any(
        line.startswith(f"Skipped {locked} cannot read") and "ermission denied" in line
        for line in lines
    ), lines
    assert any(line.startswith(f"Skipped {sub} cannot read") for line in lines), lines


# --- JSON Lines -------------------------------------------------------------------------

ROW_TEXT = "Orvania and Brellia signed a defence pact on Monday.\nMore text."


def test_jsonl_rows_carry_fields_and_default_ids(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "feed.jsonl",
        [
            {
                "id": "a-1",
                "title": "Pact signed",
                "date": "2020-05-04T09:00:00Z",
                "url": "https://x.example/a",
                "text": ROW_TEXT,
            },
            {"text": ROW_TEXT + " Second."},
        ],
    )
    first, second = read(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.title, first.date, first.url) == (
        "a-1",
        "Pact signed",
        "2020-05-04",
        "https://x.example/a",
    )
    assert (second.id, second.title, second.date, second.url) == (
        "feed.jsonl:2",
        "Orvania and Brellia signed a defence pact on Monday.",
        None,
        None,
    )
    assert first.path == second.path == str(path)
    assert first.sha256 != second.sha256


def test_jsonl_custom_field_names(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "api.ndjson",
        [{"guid": 17, "headline": "H", "published": "Nov 4, 2015", "link": "u", "body": ROW_TEXT}],
    )
    [doc] = read(
        path,
        text_field="body",
        id_field="guid",
        title_field="headline",
        date_field="published",
        url_field="link",
    )
    assert isinstance(doc, Document)
    assert (doc.id, doc.title, doc.date, doc.url) == ("17", "H", "2015-11-04", "u")


def test_jsonl_bad_lines_are_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mixed.jsonl",
        "\n".join(
            [
                json.dumps({"text": ROW_TEXT}),
                '{"text": "unterminated',
                "",
                json.dumps(["a", "list"]),
                json.dumps({"body": "no text field here"}),
                json.dumps({"text": "   "}),
                json.dumps({"text": 42}),
                json.dumps({"text": "x" * 3000}),
                json.dumps({"text": ROW_TEXT + " Last."}),
            ]
        )
        + "\n",
    )
    items = read(path, max_bytes=2000)
    assert [d.id for d in docs(items)] == ["mixed.jsonl:1", "mixed.jsonl:9"]
    reasons = {s.line: s.reason for s in skips(items)}
    assert set(reasons) == {2, 4, 5, 6, 7, 8}
    assert reasons[2].startswith("malformed JSON")
    assert "not an object" in reasons[4]
    assert "'text' is missing" in reasons[5] and "fields: body" in reasons[5]
    assert "'text' is empty" in reasons[6]
    assert "not text" in reasons[7]
    assert "longer than any article (max_bytes 2,000)" in reasons[8]
    assert all(s.path == str(path) for s in skips(items))
    assert f"{path}:2: malformed JSON" in str(next(s for s in skips(items) if s.line == 2))


def test_jsonl_undecodable_line_is_skipped(tmp_path: Path) -> None:
    # A UTF-8 export (accents in UTF-8) with one corrupt line in another encoding.
    good = json.dumps({"text": "Zürich: " + ROW_TEXT}, ensure_ascii=False).encode()
    path = write(tmp_path / "mixed.jsonl", good + b"\n" + b'{"text": "caf\xe9"}\n' + good + b"\n")
    items = read(path)
    assert {d.encoding for d in docs(items)} == {"utf-8"}
    assert [d.id for d in docs(items)] == ["mixed.jsonl:1", "mixed.jsonl:3"]
    [skip] = skips(items)
    assert skip.line == 2 and skip.reason == "undecodable line: byte 14 is not utf-8"


def test_jsonl_in_a_legacy_encoding(tmp_path: Path) -> None:
    rows = [{"text": WESTERN}, {"text": WESTERN + " Again."}]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("cp1252")
    items = read(write(tmp_path / "legacy.jsonl", data))
    assert [d.text for d in docs(items)] == [WESTERN, WESTERN + " Again."]
    assert {d.encoding for d in docs(items)} == {"cp1252"}


# --- CSV ------------------------------------------------------------------------------


def test_csv_rows_with_quoted_newlines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "export.csv",
        "id,title,date,url,text\n"
        'n1,Pact,2020-05-04,https://x.example/1,"Orvania and Brellia signed a pact.\n'
        'Second paragraph, with a comma."\n'
        ',,,,"Text of a row without an id."\n',
    )
    first, second = read(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == "n1" and first.date == "2020-05-04" and first.url == "https://x.example/1"
    assert first.text == "Orvania and Brellia signed a pact.\nSecond paragraph, with a comma."
    assert second.id == "export.csv:4"  # the physical line the row starts on
    assert second.title == "Text of a row without an id."


def test_csv_semicolons_bom_and_custom_fields(tmp_path: Path) -> None:
    data = "Kennung;Inhalt;Datum\r\nk1;Orvania protested against Brellia.;04.11.2015\r\n"
    path = write(tmp_path / "excel.csv", data.encode("utf-8-sig"))
    [doc] = read(path, text_field="Inhalt", id_field="Kennung", date_field="Datum")
    assert isinstance(doc, Document)
    assert (doc.id, doc.text) == ("k1", "Orvania protested against Brellia.")
    assert doc.date == "2015-11-04"  # day first, as dotted dates are written


def test_csv_bad_rows_are_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "rows.csv",
        "id,text\nr1,Orvania met Brellia.\nr2,\nr3\n\nr4,Brellia met Orvania.\n",
    )
    items = read(path)
    assert [d.id for d in docs(items)] == ["r1", "r4"]
    assert [(s.line, "no text" in s.reason) for s in skips(items)] == [(3, True), (4, True)]


def test_csv_without_the_text_column_is_one_skip(tmp_path: Path) -> None:
    path = write(tmp_path / "wrong.csv", "id,body\n1,a\n2,b\n")
    [skip] = read(path)
    assert isinstance(skip, Skipped)
    assert skip.line == 1
    assert "no 'text' column (columns: id, body)" in skip.reason and "--text-field" in skip.reason


def test_csv_in_cp1252(tmp_path: Path) -> None:
    data = 'id,text\n1,"' + WESTERN + '"\n'
    [doc] = read(write(tmp_path / "legacy.csv", data.encode("cp1252")))
    assert isinstance(doc, Document)
    assert doc.text == WESTERN and doc.encoding == "cp1252"


# --- ids, listing, estimates, the shared reader -------------------------------------------


def test_duplicate_ids_keep_the_first_and_skip_the_rest(tmp_path: Path) -> None:
    one = jsonl(tmp_path / "a" / "one.jsonl", [{"id": "x", "text": ROW_TEXT}])
    two = jsonl(tmp_path / "b" / "two.jsonl", [{"id": "x", "text": ROW_TEXT + " Other."}])
    items = read(tmp_path)
    assert [(d.id, d.path) for d in docs(items)] == [("x", str(one))]
    [first] = skips(items)
    assert first.path == str(two) and f"first read from {one}" in first.reason


def test_same_file_name_in_two_folders_gives_two_documents(tmp_path: Path) -> None:
    jan = write(tmp_path / "in" / "jan" / "article.txt", ARTICLE)
    feb = write(tmp_path / "in" / "feb" / "article.txt", ARTICLE + "\nMore.")
    rows = jsonl(tmp_path / "in" / "feb" / "rows.jsonl", [{"text": ROW_TEXT}])
    items = read(tmp_path / "in")
    assert skips(items) == []
    assert [(d.id, d.path) for d in docs(items)] == [
        ("feb/article.txt", str(feb)),
        ("feb/rows.jsonl:1", str(rows)),
        ("jan/article.txt", str(jan)),
    ]


def test_files_named_explicitly_are_ids_by_file_name(tmp_path: Path) -> None:
    first = write(tmp_path / "c" / "one.txt", ARTICLE)
    again = write(tmp_path / "d" / "one.txt", ARTICLE)
    items = read([first, again])
    assert [d.id for d in docs(items)] == ["one.txt"]
    [skip] = skips(items)
    assert skip.path == str(again) and "duplicate document id 'one.txt'" in skip.reason


def test_ids_are_stable_across_reads(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    jsonl(tmp_path / "b.jsonl", [{"text": ROW_TEXT}, {"text": ROW_TEXT + " 2"}])
    assert read(tmp_path) == read(tmp_path)


def test_list_inputs_is_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    for name in ["b/2.txt", "b/10.html", "a.jsonl", "c.csv", "z.txt", "skip.pdf", ".hidden.txt"]:
        write(tmp_path / "in" / name, "x")
    write(tmp_path / "in" / ".git" / "x.txt", "x")
    explicit = write(tmp_path / "notes.pdf", "x")
    found = list_inputs([str(tmp_path / "in"), str(explicit), str(tmp_path / "in" / "z.txt")])
    relative = [os.path.relpath(p, tmp_path) for p in found]
    assert relative == [
        "in/a.jsonl",
        "in/b/10.html",
        "in/b/2.txt",
        "in/c.csv",
        "in/z.txt",
        "notes.pdf",
    ]


def test_estimate_total_counts_files_and_rows(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "p.html", PAGE)
    jsonl(tmp_path / "r.jsonl", [{"text": "a"}, {"text": "b"}, {"text": "c"}])
    write(tmp_path / "r.csv", "id,text\n1,a\n2,b")  # no final newline
    assert estimate_total([str(tmp_path)], Settings()) == 7
    assert estimate_total([str(tmp_path / "empty")], Settings()) == 1  # reading reports it
    (tmp_path / "none").mkdir()
    assert estimate_total([str(tmp_path / "none")], Settings()) is None


def test_documents_from_bytes_matches_the_file_reader(tmp_path: Path) -> None:
    files = [
        write(tmp_path / "a.txt", ARTICLE),
        write(tmp_path / "p.html", PAGE),
        write(tmp_path / "w.txt", WESTERN.encode("cp1252")),
        jsonl(tmp_path / "r.jsonl", [{"text": ROW_TEXT}, "not an object", {"id": 5, "text": "t"}]),
        write(tmp_path / "r.csv", "id,text\n1,a\n2,\n"),
        write(tmp_path / "e.txt", b""),
    ]
    settings = Settings()
    for path in files:
        from_bytes = list(documents_from_bytes(str(path), path.read_bytes(), settings))
        assert from_bytes == list(read_documents([str(path)], settings)), path


def test_row_files_are_streamed_not_read_whole(tmp_path: Path) -> None:
    row = {"text": "Orvania and Brellia met again. " * 80}
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(7_000):
            fh.write(json.dumps({**row, "id": f"n{i}"}) + "\n")
    size = path.stat().st_size
    assert size > 15_000_000
    tracemalloc.start()
    try:
        items = read_documents([str(path)], Settings())
        count = sum(1 for item in items if isinstance(item, Document))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 7_000
    # The ids seen are kept (for uniqueness); the texts are not.
    assert peak < size / 4, f"peak {peak:,} bytes for a {size:,}-byte file"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.jsonl", b"\n\n", "empty file"),
        ("empty.csv", b"", "empty file"),
        ("packed.jsonl", b"\x1f\x8b\x08\x00" + bytes(range(256)), "gzip-compressed"),
        ("nul.csv", b"id,text\n1,a\x00b\n", "binary file"),
        ("garbled.jsonl", bytes((i * 37) % 128 + 128 for i in range(3000)), "undecodable"),
    ],
)
def test_bad_row_file_is_one_skip(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    [skip] = read(write(tmp_path / name, data))
    assert isinstance(skip, Skipped) and skip.line is None
    assert reason in skip.reason


def test_csv_row_with_an_undecodable_line_is_dropped(tmp_path: Path) -> None:
    data = "id,text\n1,Zürich talks\n".encode() + b"2,caf\xe9\n" + "3,Genève talks\n".encode()
    items = read(write(tmp_path / "mixed.csv", data))
    assert [d.id for d in docs(items)] == ["1", "3"]
    [skip] = skips(items)
    assert skip.line == 3 and "line 3: undecodable line" in skip.reason


def test_utf16_bom_is_not_binary() -> None:
    data = codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")
    [doc] = documents_from_bytes("x.txt", data, Settings())
    assert isinstance(doc, Document) and doc.date == "2019-03-14"
