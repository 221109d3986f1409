"""Reading input files into ``Document`` records: formats, encodings, metadata, bad input.

Formats, chosen by extension:

    .txt                one article per file; title = first line, date parsed from the text
    .html .htm          main text extracted with trafilatura (menus, footers, comments
                        dropped); title, date and URL from the page metadata when present
    .jsonl .ndjson      one article per line, a JSON object with configurable fields
    .csv                one article per row, header row with configurable column names

Every bad input becomes one ``Skipped(path, reason, line)`` and reading goes on; the
caller decides whether that is fatal (``--strict``). Row files are streamed line by line,
never read whole, so memory stays flat however large an export is.

``list_inputs`` and ``documents_from_bytes`` are the pieces a distributed reader reuses:
a worker lists nothing itself, reads its own file and gets exactly the records the local
reader would produce for it.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Any

from graphbuild.calendar import MONTHS
from graphbuild.config import Settings
from graphbuild.records import Document, Skipped

TEXT_KINDS = {".txt": "text", ".html": "html", ".htm": "html"}
ROW_KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
KINDS = {**TEXT_KINDS, **ROW_KINDS}
SUPPORTED = ", ".join(KINDS)

# How much of a row file is sampled to pick its encoding (and estimate its row count).
SAMPLE_BYTES = 1 << 20
# Row files up to this size have their lines counted exactly for the progress bar.
EXACT_COUNT_BYTES = 64 << 20
TITLE_CHARS = 300

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip-compressed"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Lines a scraper keeps from the page chrome; never an article's title.
_FURNITURE = re.compile(
    r"^(skip to (main )?content|skip navigation|jump to (navigation|content)|menu|"
    r"toggle navigation|search|advertisement|sign in|log in|subscribe|home)$",
    re.I,
)


def list_inputs(paths: Iterable[str]) -> list[str]:
    """The input files under ``paths``: folders walked recursively, files kept as given.

    Pure apart from listing folders; deterministic: each folder's files sorted by relative
    path, arguments in the order given, a file named twice listed once. Inside folders only
    supported extensions are kept and hidden files and folders are ignored; a file named
    explicitly is always kept so that reading it can say why it is skipped (no such file,
    unsupported type).

    Raises:
        Nothing: an unreadable folder is listed as itself, and reading it reports why.
    """
    return [path for path, _ in named_inputs(paths)]


def named_inputs(paths: Iterable[str]) -> list[tuple[str, str]]:
    """``list_inputs`` with each file's document name: its path relative to the folder
    it was found in (``jan/article.txt``), or its file name when given explicitly.

    The name is what document ids are made of, so two files of the same name in
    different subfolders give different ids. Pure apart from listing folders.

    Raises:
        Nothing, as ``list_inputs``.
    """
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for given in paths:
        root = Path(given)
        found = _walk(root) if root.is_dir() else [str(root)]
        for path in found:
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                out.append((path, _relative_name(path, root)))
    return out


def _relative_name(path: str, root: Path) -> str:
    try:
        parts = Path(path).relative_to(root).parts
    except ValueError:
        parts = ()
    return "/".join(parts) if parts else _basename(path)


def _walk(root: Path) -> list[str]:
    files: list[str] = []
    errors: list[OSError] = []
    for folder, dirs, names in os.walk(root, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if not name.startswith(".") and _kind(name) is not None:
                files.append(os.path.join(folder, name))
    # An unreadable folder is listed as itself, so that reading it reports why.
    files.extend(str(e.filename) for e in errors if e.filename)
    return sorted(files, key=lambda p: Path(p).relative_to(root).parts)


def read_documents(paths: Sequence[str], settings: Settings) -> Iterator[Document | Skipped]:
    """Stream the documents in ``paths``, one file at a time, in ``list_inputs`` order.

    Yields a ``Skipped`` for every input that cannot be used, and for a document whose id
    was already read (ids must be unique; the first one wins). Reads only; holds at most
    one text file, or one row of a row file, in memory. Notes a non-UTF-8 encoding on
    stderr once per file.

    Raises:
        Nothing: every problem with an input becomes a ``Skipped``.
    """
    noted: str | None = None
    dates = _DateNotes()
    for item in unique_documents(_read_inputs(named_inputs(paths), settings)):
        if isinstance(item, Document) and item.encoding != "utf-8" and item.path != noted:
            noted = item.path
            # The encoding is a guess; say so where the user sees it, once per file.
            print(f"Note: {item.path} is not UTF-8; read as {item.encoding}.", file=sys.stderr)
        if isinstance(item, Document):
            dates.add(item)
        yield item
    dates.flush()


class _DateNotes:
    """One warning line per file whose date fields could not all be read: how many, the
    first with its line and why, and what to do."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.first = ""
        self.count = 0

    def add(self, document: Document) -> None:
        if document.path != self.path:
            self.flush()
            self.path = document.path
        if document.notes:
            self.first = self.first or document.notes[0]
            self.count += 1

    def flush(self) -> None:
        if self.count:
            more = f"{self.count} dates could not be read, the first " if self.count > 1 else ""
            print(
                f"Warning: {self.path}: {more}{self.first}; those documents are dated from "
                "their text, else not at all.",
                file=sys.stderr,
            )
        self.first, self.count = "", 0


def _read_inputs(
    files: Iterable[tuple[str, str]], settings: Settings
) -> Iterator[Document | Skipped]:
    for path, doc_name in files:
        yield from _read_path(path, settings, doc_name)


def _read_path(path: str, settings: Settings, doc_name: str) -> Iterator[Document | Skipped]:
    kind = _kind(path)
    try:
        size = os.stat(path).st_size
        if os.path.isdir(path):
            os.listdir(path)  # a folder we could not walk: let the OSError name why
            yield Skipped(path, "is a folder with no readable files")
            return
        if kind is None:
            yield _unsupported(path)
            return
        if kind in ROW_KINDS.values():
            with open(path, "rb") as fh:
                yield from _rows(path, fh, kind, settings, doc_name)
            return
        if size > settings.max_bytes:
            yield _too_large(path, size, settings)
            return
        with open(path, "rb") as fh:
            data = fh.read(settings.max_bytes + 1)
    except FileNotFoundError:
        yield Skipped(path, "no such file or folder (check the path)")
        return
    except OSError as exc:
        yield Skipped(path, f"cannot read ({exc.strerror or exc}); check its permissions")
        return
    yield from documents_from_bytes(path, data, settings, doc_name)


def documents_from_bytes(
    name: str, data: bytes, settings: Settings, doc_name: str | None = None
) -> Iterator[Document | Skipped]:
    """The documents of one input file already read into memory, by its extension.

    ``name`` is the file's path as listed by ``list_inputs``; it becomes ``Document.path``.
    ``doc_name`` (from ``named_inputs``; default the file name) makes the document id:
    ``doc_name`` for a text or HTML file, ``doc_name:line`` for a row without an id field.
    Pure: the same bytes give the same records, in file order.
    Does not drop duplicate ids across files; ``unique_documents`` does that.

    Raises:
        Nothing: every problem becomes a ``Skipped``.
    """
    kind = _kind(name)
    doc_name = doc_name or _basename(name)
    if kind is None:
        yield _unsupported(name)
    elif kind in ROW_KINDS.values():
        yield from _rows(name, io.BytesIO(data), kind, settings, doc_name)
    else:
        yield _text_document(name, data, kind, settings, doc_name)


def unique_documents(items: Iterable[Document | Skipped]) -> Iterator[Document | Skipped]:
    """Pass the records through, turning a document whose id was seen before into a
    ``Skipped`` that names where the id was first read. Streams; keeps the ids seen."""
    first: dict[str, str] = {}
    for item in items:
        if isinstance(item, Document):
            where = first.get(item.id)
            if where is not None:
                yield Skipped(
                    item.path,
                    f"duplicate document id {item.id!r} (first read from {where}); "
                    "ids must be unique: rename the file or choose another --id-field",
                    _line_of(item),
                )
                continue
            first[item.id] = item.path
        yield item


def _line_of(document: Document) -> int | None:
    # Row documents without an id field carry their line in the id ("name:line").
    _, sep, tail = document.id.rpartition(":")
    return int(tail) if sep and tail.isdigit() and document.path != document.id else None


def estimate_total(paths: Sequence[str], settings: Settings) -> int | None:
    """How many documents ``paths`` probably hold, for a progress bar; cheap.

    Counts text files, counts the lines of row files up to 64 MB and extrapolates from
    the first megabyte beyond that. Reads nothing else; pure.

    Raises:
        Nothing: returns None when it cannot tell.
    """
    total = 0
    for path in list_inputs(paths):
        kind = _kind(path)
        if kind not in ROW_KINDS.values():
            total += 1
            continue
        try:
            total += _count_rows(path, kind)
        except OSError:
            total += 1  # reading it will report one Skipped
    return total or None


def _count_rows(path: str, kind: str) -> int:
    size = os.stat(path).st_size
    header = 1 if kind == "csv" else 0
    with open(path, "rb") as fh:
        if size <= EXACT_COUNT_BYTES:
            lines = 0
            last = b"\n"
            while chunk := fh.read(SAMPLE_BYTES):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
            return max(lines + (last != b"\n") - header, 0)
        sample = fh.read(SAMPLE_BYTES)
    return max(round(size * sample.count(b"\n") / max(len(sample), 1)) - header, 0)


def _kind(name: str) -> str | None:
    return KINDS.get(_suffix(name))


def _suffix(name: str) -> str:
    return os.path.splitext(_basename(name))[1].lower()


def _basename(name: str) -> str:
    # ``name`` may come from a remote file system ("s3://bucket/a.txt") or from Windows.
    return name.replace("\\", "/").rstrip("/").rpartition("/")[2]


def _unsupported(path: str) -> Skipped:
    suffix = _suffix(path) or "(none)"
    return Skipped(path, f"unsupported file type {suffix}; graphbuild reads {SUPPORTED}")


def _too_large(path: str, size: int, settings: Settings, line: int | None = None) -> Skipped:
    return Skipped(
        path,
        f"{size:,} bytes is larger than any article (max_bytes {settings.max_bytes:,}); "
        "split it, or raise --max-bytes",
        line,
    )


# --- one text or HTML file -------------------------------------------------------------


def _text_document(
    name: str, data: bytes, kind: str, settings: Settings, doc_name: str
) -> Document | Skipped:
    if len(data) > settings.max_bytes:
        return _too_large(name, len(data), settings)
    if not data.strip():
        return Skipped(name, "empty file")
    binary = _binary(data)
    if binary:
        return Skipped(name, f"binary file ({binary}), not text; remove it or convert it to text")
    decoded = _decode(data, html=kind == "html")
    if decoded is None:
        return Skipped(
            name, "undecodable: not UTF-8 and no known encoding fits; re-save it as UTF-8"
        )
    text, encoding = decoded
    text = _clean(text)
    if not text.strip():
        return Skipped(name, "empty file")
    title = date_ = url = None
    if kind == "html":
        page = _html_article(text)
        if page is None:
            return Skipped(name, "no article text found in the HTML page")
        text, title, date_, url = page
    return Document(
        id=doc_name,
        path=name,
        text=text,
        title=title or first_line(text),
        date=date_ or text_date(text),
        url=url,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
    )


def _binary(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    # Text in any 8-bit encoding has no NUL bytes; UTF-16 without a BOM is treated as binary.
    return "contains NUL bytes" if b"\x00" in data[:8192] else None


def _decode(data: bytes, *, html: bool = False) -> tuple[str, str] | None:
    """Text and encoding name: BOM, then UTF-8, then a page's declared charset, then a guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if html and (declared := _META_CHARSET.search(data[:4096])):
        try:
            encoding = codecs.lookup(declared.group(1).decode("ascii")).name
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to detection
    encoding = _guess_encoding(data)
    return (data.decode(encoding), encoding) if encoding else None


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    cleanest = min(m.chaos for m in matches)
    tied = {m.encoding for m in matches if m.chaos == cleanest}
    # Among equally clean decodings the detector ranks by a language-coherence score that
    # is noise on short samples (it may answer cp1250 or cp775 for Western text, turning
    # "naïve" into "naďve"); cp1252 is by far the commonest legacy news encoding.
    encoding = "cp1252" if "cp1252" in tied else best.encoding
    return codecs.lookup(encoding).name


def _clean(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _html_article(page: str) -> tuple[str, str | None, str | None, str | None] | None:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            # No guessing from copyright lines or footers: only dates the page states.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura/lxml raise many types on broken markup
        return None
    if result is None or not (result.text or "").strip():
        return None
    return (
        _clean(result.text),
        _text_or_none(result.title),
        iso_date(result.date),
        _text_or_none(result.url),
    )


# --- row files: JSON Lines and CSV -----------------------------------------------------


def _rows(
    name: str, fh: IO[bytes], kind: str, settings: Settings, doc_name: str
) -> Iterator[Document | Skipped]:
    head = fh.read(SAMPLE_BYTES) if fh.seekable() else b"x"
    if fh.seekable():
        fh.seek(0)
    if not head.strip():
        yield Skipped(name, "empty file")
        return
    binary = _binary(head)
    if binary:
        yield Skipped(name, f"binary file ({binary}), not {kind.upper()} text")
        return
    encoding = _stream_encoding(fh)
    if encoding is None:
        yield Skipped(name, "undecodable: not UTF-8 and no known encoding fits; re-save as UTF-8")
        return
    reader = _jsonl_rows if kind == "jsonl" else _csv_rows
    try:
        for line, row in reader(name, fh, encoding, settings):
            if isinstance(row, Skipped):
                yield row
            else:
                yield _row_document(name, line, row, encoding, settings, doc_name)
    except OSError as exc:
        yield Skipped(name, f"read failed part-way ({exc.strerror or exc}); rows after it lost")


def _stream_encoding(fh: IO[bytes]) -> str | None:
    """The encoding of a row file, judged on its first megabyte (then rewound)."""
    if not fh.seekable():
        return "utf-8"
    sample = fh.read(SAMPLE_BYTES)
    fh.seek(0)
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return "utf-8" if encoding == "utf-8-sig" else encoding
    try:
        # final=False: the sample may end inside a multi-byte character.
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    lines = sample.split(b"\n")[:-1] or [sample]  # the last line may be cut short
    broken = sum(1 for line in lines if not _is_utf8(line))
    multibyte = sum(1 for line in lines if not line.isascii() and _is_utf8(line))
    # A UTF-8 export with a few corrupt lines stays UTF-8; those lines are skipped one by one.
    return "utf-8" if multibyte > broken else _guess_encoding(sample)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _lines(fh: IO[bytes], limit: int, encoding: str) -> Iterator[tuple[str, str | None]]:
    """(decoded line, problem) pairs, bounded: an overlong or undecodable line comes out
    as ("", why) without ever being held whole."""
    if encoding in ("utf-16", "utf-32"):
        # Multi-byte newlines: let the codec split lines (no per-line bound).
        for text in io.TextIOWrapper(fh, encoding=encoding, newline=""):
            yield text, None
        return
    first = True
    while raw := fh.readline(limit + 1):
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := fh.readline(SAMPLE_BYTES)) and not rest.endswith(b"\n"):
                pass  # drain the rest of the overlong line in bounded pieces
            yield "", f"line is longer than any article (max_bytes {limit:,})"
            first = False
            continue
        try:
            text = raw.decode("utf-8-sig" if first and encoding == "utf-8" else encoding)
        except UnicodeDecodeError as exc:
            yield "", f"undecodable line: byte {exc.start + 1} is not {encoding}"
        else:
            yield text, None
        first = False


def _jsonl_rows(
    name: str, fh: IO[bytes], encoding: str, settings: Settings
) -> Iterator[tuple[int, Mapping[str, Any] | Skipped]]:
    for line, (text, problem) in enumerate(_lines(fh, settings.max_bytes, encoding), start=1):
        if problem:
            yield line, Skipped(name, problem, line)
            continue
        if not text.strip():
            continue
        try:
            row = json.loads(text.rstrip())  # so that the column counts within this line
        except json.JSONDecodeError as exc:
            yield line, Skipped(name, f"malformed JSON ({exc.msg} at column {exc.colno})", line)
            continue
        if not isinstance(row, dict):
            yield line, Skipped(name, f"a JSON {type(row).__name__}, not an object", line)
            continue
        yield line, row


def _csv_rows(
    name: str, fh: IO[bytes], encoding: str, settings: Settings
) -> Iterator[tuple[int, Mapping[str, Any] | Skipped]]:
    # The csv module refuses fields over 128 KiB by default; articles may be longer.
    csv.field_size_limit(max(csv.field_size_limit(), settings.max_bytes))
    bad: list[str] = []  # problems of the current record's lines (overlong, undecodable)
    physical = 0

    def source() -> Iterator[str]:
        nonlocal physical
        for text, problem in _lines(fh, settings.max_bytes, encoding):
            physical += 1
            if problem:
                bad.append(f"line {physical}: {problem}")
                yield "\n"  # keeps the reader's quoting state; the record is dropped below
            else:
                yield text

    lines = source()
    header_line = next(lines, None)
    if header_line is None or not header_line.strip() or bad:
        yield 1, Skipped(name, "no header row (the first line must name the columns)", 1)
        return
    delimiter = _delimiter(header_line, settings.text_field)
    header = next(csv.reader([header_line], delimiter=delimiter))
    if settings.text_field not in header:
        columns = ", ".join(h for h in header if h) or "none"
        yield (
            1,
            Skipped(
                name,
                f"no {settings.text_field!r} column (columns: {columns}); set --text-field",
                1,
            ),
        )
        return
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        start = physical + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            bad.clear()
            yield start, Skipped(name, f"malformed CSV row ({exc})", start)
            continue
        if bad:
            problems = "; ".join(bad)
            bad.clear()
            yield start, Skipped(name, f"row dropped ({problems})", start)
            continue
        if not any(v.strip() for v in values):
            continue  # blank line
        yield start, dict(zip(header, values, strict=False))


def _delimiter(header_line: str, text_field: str) -> str:
    # The delimiter whose split of the header names the text column; Excel in many
    # locales writes ";", some exports use tabs.
    for delimiter in (",", ";", "\t", "|"):
        if text_field in next(csv.reader([header_line], delimiter=delimiter)):
            return delimiter
    return ","


def _row_document(
    name: str,
    line: int,
    row: Mapping[str, Any],
    encoding: str,
    settings: Settings,
    doc_name: str,
) -> Document | Skipped:
    text = row.get(settings.text_field)
    if not isinstance(text, str) or not text.strip():
        field = settings.text_field
        if text is None and field not in row:
            fields = ", ".join(sorted(str(k) for k in row if k is not None)) or "none"
            reason = f"no text: field {field!r} is missing (fields: {fields}); set --text-field"
        elif isinstance(text, str) or text is None:
            reason = f"no text: field {field!r} is empty"
        else:
            reason = f"no text: field {field!r} is a {type(text).__name__}, not text"
        return Skipped(name, reason, line)
    if len(text) > settings.max_bytes:
        return _too_large(name, len(text), settings, line)
    text = _clean(text)
    row_id = _text_or_none(row.get(settings.id_field))
    row_date, problem = read_date(row.get(settings.date_field), settings.date_format)
    notes = ()
    if problem:
        value = " ".join(str(row.get(settings.date_field)).split())[:40]
        notes = (f"line {line}: {settings.date_field} {value!r}: {problem}",)
    return Document(
        id=row_id or f"{doc_name}:{line}",
        path=name,
        text=text,
        title=_text_or_none(row.get(settings.title_field)) or first_line(text),
        date=row_date or text_date(text),
        url=_text_or_none(row.get(settings.url_field)),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        encoding=encoding,
        notes=notes,
    )


def _text_or_none(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list | bool):
        return None
    text = " ".join(str(value).split())
    return text or None


# --- titles and dates ------------------------------------------------------------------


def first_line(text: str) -> str | None:
    """The title of a plain-text article: its first line that is not page furniture.

    Pure. Lines such as "Skip to main content" left by a scraper are passed over; a
    very long first line (no title at all) is cut at a word boundary.
    """
    for raw in text[: TITLE_CHARS * 100].split("\n", 100):
        line = " ".join(raw[: TITLE_CHARS * 2].split())
        if line and not _FURNITURE.match(line):
            if len(line) > TITLE_CHARS:
                line = line[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"
            return line
    return None


_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "Nov 4, 2015" / "November 4" and "4 November 2015" / "4th of November"
_MDY = rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"
_DMY = rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?"
_DATE = re.compile(rf"(?:{_MDY})|(?:{_DMY.replace('?P<', '?P<d_')})", re.I)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)")
# A line that says when the article was published: "Updated Nov 4, 2015", "Published: ..."
_STAMP = re.compile(
    r"^(?:last\s+)?(?:updated|published|posted|first\s+published|date)\b\s*(?:on\b)?\s*:?\s*(.*)$",
    re.I,
)
# A wire-style dateline opening a paragraph: "MOSCOW, November 4. ..." / "PARIS, 4 Nov (AFP) -",
# "GAZA/JERUSALEM, Aug 26 ..." / "MONTREUX, Switzerland, Jan 22, 2014 (AFP) -" (a country
# between the place and the date).
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’/\- ]*[A-Z]\.?(?:\s*\([^)]{1,40}\))?\s*,\s*"
    r"(?:(?P<country>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\s*,\s*)?(?P<rest>.{3,40})"
)
# What may follow the date on a line that is only a date: a clock time, a zone, a stamp word
# ("October 18, 2023 9:52 PM UTC Updated", "Nov 4, 2015 10:03 GMT").
_AFTER_DATE = re.compile(
    r"\s*,?\s*(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}(?:[+-]\d{1,2})?)?)?"
    r"\s*(?:updated|published|posted)?\s*$",
    re.I,
)
# A wire photo caption near the top ends with its date and the credit: "..., Kazakhstan,
# January 24, 2017. REUTERS/Jane Roe"; the picture is of the reported day.
_CAPTION = re.compile(rf"(?i:{_MDY})\.\s+(?:[A-Z]{{2,}}/|Photo:)")
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:[a-z]*)\.?,?\s+", re.I)
_HEADER_LINES = 15
_STAMP_CHARS = 120
_EDGE_LINES = 60  # an article states its date near its top (or, "Published ...", its foot)


def _edge_lines(text: str) -> list[str]:
    """The first and last non-empty lines, whitespace collapsed; long lines cut short
    (no stamp or dateline needs more), so a long article costs no more than a short one."""
    head = text[: _EDGE_LINES * 400].split("\n", _EDGE_LINES)[:_EDGE_LINES]
    tail = text[-4000:].split("\n")[-10:] if len(text) > _EDGE_LINES * 400 else []
    lines = []
    for raw in head + tail:
        # Cut at twice the stamp limit, so that a long line still fails the stamp test.
        line = " ".join(raw[: _STAMP_CHARS * 2].split())
        if line:
            lines.append(line)
    return lines


def text_date(text: str) -> str | None:
    """The publication date an article's text states, as ISO ``YYYY-MM-DD``, or None.

    Pure. Looks, in order, for a stamp line ("Updated Nov 4, 2015", "Published: 4 November
    2015"), a dateline opening a paragraph ("MOSCOW, November 4." — with no year, the
    year of the first full date elsewhere in the text, else None), and a line near the top
    that is only a date. Dates mentioned in running prose are never taken as the
    article's own.
    """
    lines = _edge_lines(text)
    for index, line in enumerate(lines):
        stamp = _STAMP.match(line)
        if stamp and len(line) <= _STAMP_CHARS:
            rest = stamp.group(1) or (lines[index + 1] if index + 1 < len(lines) else "")
            found = _find_date(_WEEKDAY.sub("", rest), need_year=True)
            if found:
                return found.isoformat()
    for line in lines:
        dateline = _DATELINE.match(line)
        if dateline:
            parts = _parse_date_at_start(_WEEKDAY.sub("", dateline["rest"]))
            if parts is None and dateline["country"]:  # "MOSCOW, November 4": no country
                parts = _parse_date_at_start(_WEEKDAY.sub("", line[dateline.start("country") :]))
            if parts is not None:
                year, month, day = parts
                year = year or _first_full_year(text)
                if year is not None:
                    return _safe_date(year, month, day)
                return None
    for line in lines[:_HEADER_LINES]:
        bare = _WEEKDAY.sub("", line)
        match = _DATE.match(bare) or _ISO.match(bare)
        if match and _AFTER_DATE.fullmatch(bare, match.end()):
            found = _match_date(match)
            if found and found[0]:
                return _safe_date(*found)
    for line in lines[:_HEADER_LINES]:
        caption = _CAPTION.search(line)
        if caption:
            found = _match_date(caption)
            if found and found[0]:
                return _safe_date(*found)
    return None


def iso_date(value: Any, date_format: str | None = None) -> str | None:
    """A date field's value as ISO ``YYYY-MM-DD``, or None when it is not a full date.

    Reads what ``read_date`` reads; pure."""
    return read_date(value, date_format)[0]


# Numeric dates: year first (2015/11/04, 2015.11.04, 20151104) or year last (04.11.2015,
# 04/11/2015, 11-04-2015).
_YMD = re.compile(r"(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})")
_COMPACT = re.compile(r"(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)")
_YEAR_LAST = re.compile(r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})")
_EPOCH = re.compile(r"\d{9,13}(?:\.\d+)?")


def read_date(value: Any, date_format: str | None = None) -> tuple[str | None, str | None]:
    """A date field's value as (ISO ``YYYY-MM-DD`` or None, why it could not be read).

    Reads ``date_format`` (a ``strptime`` format such as ``%d/%m/%Y``) first when given,
    then ISO 8601 (a date or a timestamp), RFC 2822, "Nov 4, 2015", "4 November 2015",
    2015/11/04, 20151104, 04.11.2015 (day first, as dots are written), 04/11/2015 or
    11-04-2015 when one part is over 12 (else the day and month are ambiguous and the
    reason says so), and Unix seconds or milliseconds. An empty value is no date and no
    problem. Pure.
    """
    if value is None or isinstance(value, bool):
        return None, None
    if isinstance(value, int | float):
        return _epoch(value)
    text = " ".join(str(value).split())
    if not text:
        return None, None
    if date_format:
        try:
            return datetime.strptime(text, date_format).date().isoformat(), None
        except ValueError:
            pass  # maybe an unambiguous form; if not, say it did not match the format
    found = _unambiguous_date(text)
    if found is not None:
        return found, None
    if date_format:
        return None, f"does not match --date-format {date_format}"
    year_last = _YEAR_LAST.fullmatch(text)
    if year_last:
        return _day_month(year_last)
    if _EPOCH.fullmatch(text):
        return _epoch(float(text))
    return None, "not a date format graphbuild knows; set --date-format"


def _unambiguous_date(text: str) -> str | None:
    for pattern in (_ISO, _YMD, _COMPACT):
        match = pattern.fullmatch(text) if pattern is not _ISO else pattern.match(text)
        if match:
            return _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    found = _find_date(_WEEKDAY.sub("", text), need_year=True)
    return found.isoformat() if found else None


def _day_month(match: re.Match[str]) -> tuple[str | None, str | None]:
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    sep = match["sep"]
    if sep == "." or a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a:
        day, month = b, a
    elif a == b:
        day = month = a
    else:
        both = f"%d{sep}%m{sep}%Y or %m{sep}%d{sep}%Y"
        return None, f"day and month are ambiguous; set --date-format ({both})"
    found = _safe_date(year, month, day)
    return (found, None) if found else (None, "no such day")


def _epoch(value: float) -> tuple[str | None, str | None]:
    seconds = value / 1000 if value > 1e11 else value
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat(), None
    except (OverflowError, OSError, ValueError):
        return None, "a number out of range for Unix time"


def _find_date(text: str, *, need_year: bool) -> date | None:
    for match in (_ISO.search(text), _DATE.search(text)):
        if match:
            parts = _match_date(match)
            if parts and (parts[0] or not need_year):
                value = _safe_date(*parts)
                if value:
                    return date.fromisoformat(value)
    return None


def _parse_date_at_start(text: str) -> tuple[int | None, int, int] | None:
    match = _DATE.match(text)
    return _match_date(match) if match else None


def _first_full_year(text: str) -> int | None:
    for match in _DATE.finditer(text):
        parts = _match_date(match)
        if parts and parts[0] and _safe_date(*parts):
            return parts[0]
    return None


def _match_date(match: re.Match[str]) -> tuple[int | None, int, int] | None:
    groups = {k.removeprefix("d_"): v for k, v in match.groupdict().items() if v}
    if "month" not in groups or "day" not in groups:
        return None
    month = groups["month"]
    number = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
    year = int(groups["year"]) if "year" in groups else None
    return year, number, int(groups["day"])


def _safe_date(year: int | None, month: int, day: int) -> str | None:
    if year is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
