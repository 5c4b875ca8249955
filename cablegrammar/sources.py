"""Readers: cables as they were released, streamed one record at a time with their provenance.

Researchers do not hold cables as one text file each.  The readers here turn
the release formats into :class:`Record` objects: the cable text, where it came
from (:class:`Provenance`), and the release's own metadata (:class:`Release`):

``text``
    a cable text file (a directory is searched for ``*.txt``).
``cables-csv``
    the Cablegate ``cables.csv`` export: no header row, eight quoted fields
    (id, date, reference id, origin, classification, references, header,
    content), quotes escaped as ``\\"`` (a MySQL export).  The text is the
    header and the content joined by a blank line, the way the Cablegate HTML
    pages join their two ``<pre>`` blocks.  Read as a stream: memory is bounded
    by the largest record.
``html``
    a Cablegate HTML page (``cable/YYYY/MM/<id>.html``): the ``<pre>`` blocks,
    link tags dropped (their text, ``¶`` and the TAGS, kept) and entities
    decoded, joined by a blank line; the metadata table gives the release.
``jsonl``
    JSON Lines, one object per line with a ``text`` string (or ``header`` and
    ``content``, joined as in ``cables.csv``); the keys ``id``,
    ``reference_id``/``refid``, ``created``/``date``, ``released``,
    ``origin``, ``classification`` and ``references`` become the release.

Nothing is dropped: a record that cannot be read (a malformed CSV row, a
page without a ``<pre>`` block, a JSON line without a text, a file that
cannot be opened) is still a record, with a :class:`ReadProblem` instead of a
text, so every input record gives exactly one output row downstream.

Records, and the :class:`Shard` descriptors that cut a release into pieces for
parallel workers (:func:`shards`, :func:`read_shard`), are frozen attrs
objects that pickle.  This module does not import Lark.

>>> import csv, tempfile, pathlib
>>> row = ["1", "7/10/2007 11:31", "07BAKU864", "Embassy Baku", "UNCLASSIFIED", "",
...        "R 101131Z JUL 07", "UNCLAS BAKU 000864\\n\\nTAGS: PREL\\n"]
>>> path = pathlib.Path(tempfile.mkdtemp(), "cables.csv")
>>> with path.open("w", newline="") as f:
...     _ = csv.writer(f, CablegateDialect).writerow(row)
>>> [record] = read_cables_csv(path)
>>> record.name.endswith("cables.csv#1"), record.release.reference_id, record.release.created
(True, '07BAKU864', '2007-07-10T11:31')
>>> print(record.load())
R 101131Z JUL 07
<BLANKLINE>
UNCLAS BAKU 000864
<BLANKLINE>
TAGS: PREL
<BLANKLINE>
"""

from __future__ import annotations

import csv
import fnmatch
import html
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Final, Literal, Protocol

import attrs

from cablegrammar import decode, interpret
from cablegrammar.errors import CableDecodeError, CableError

#: The input formats the readers know.
InputFormat = Literal["text", "cables-csv", "html", "jsonl"]
INPUT_FORMATS: Final[tuple[InputFormat, ...]] = ("text", "cables-csv", "html", "jsonl")

#: File names taken from a directory, per format (``auto`` takes text files).
DEFAULT_INCLUDE: Final[dict[str, tuple[str, ...]]] = {
    "auto": ("*.txt",),
    "text": ("*.txt",),
    "cables-csv": ("*.csv",),
    "html": ("*.html", "*.htm"),
    "jsonl": ("*.jsonl", "*.ndjson"),
}

#: The name of standard input on the command line.
STDIN: Final = "-"

#: The columns of ``cables.csv``, in order.
CABLES_CSV_COLUMNS: Final = (
    "id",
    "date",
    "reference_id",
    "origin",
    "classification",
    "references",
    "header",
    "content",
)

#: Between the routing header and the text: the blank line the HTML pages and the corpus files put there.
HEADER_SEPARATOR: Final = "\n\n"


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen
class Release:
    """What the release says about a cable beside its text (``cables.csv`` columns, the HTML metadata table).

    Dates are given as ISO 8601 to the minute (``2007-07-10T11:31``) when
    they are in one of the release's formats (``7/10/2007 11:31``,
    ``2007-07-10 11:31``), else as written.
    """

    #: The release's running number (``cables.csv`` column 1).
    id: str | None = None
    #: The release's reference id (``07BAKU864``).
    reference_id: str | None = None
    #: When the cable was created.
    created: str | None = None
    #: When the release published it (HTML pages).
    released: str | None = None
    #: The originating post, as the release names it (``Embassy Baku``).
    origin: str | None = None
    #: The release's classification (``SECRET//NOFORN``).
    classification: str | None = None
    #: The reference ids the release links (``cables.csv`` column 6, split on ``|``).
    references: tuple[str, ...] = attrs.field(default=(), converter=_strings)


@attrs.frozen
class Provenance:
    """Where a record came from."""

    #: ``text``, ``cables-csv``, ``html`` or ``jsonl``.
    format: str
    #: The file (``-`` for standard input).
    path: str
    #: 1-based ordinal of the record in its file (1 for a text file or a page; 0 when the whole file failed).
    record: int = 1
    #: 1-based line of the file where the record starts.
    line: int = 1
    #: Byte offset of the record in its file.
    offset: int = 0

    @property
    def name(self) -> str:
        """How findings and output rows name the record: the path, plus ``#record`` in multi-record files.

        >>> Provenance("cables-csv", "cables.csv", record=17).name
        'cables.csv#17'
        >>> Provenance("text", "a/07BAKU864.txt").name
        'a/07BAKU864.txt'
        """
        return f"{self.path}#{self.record}" if self.format in ("cables-csv", "jsonl") and self.record else self.path


@attrs.frozen
class ReadProblem:
    """Why a record has no text.

    Codes: ``CG002`` the file cannot be read, ``CG003`` its bytes do not
    decode, ``CG006`` the record is not in the format (malformed CSV, no
    ``<pre>`` block, a JSON line without a text).
    """

    code: str
    message: str


class RecordError(CableError):
    """A record has no text; ``problem`` says why."""

    def __init__(self, problem: ReadProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problem,))


@attrs.frozen
class Record:
    """One cable as read from a release: its text (or why there is none), provenance and release metadata.

    A text file's record is read lazily: ``text`` is None until
    :meth:`load`, so a worker process reads the file, not the driver.
    """

    provenance: Provenance
    text: str | None = None
    release: Release | None = None
    problem: ReadProblem | None = None
    #: Where a lazily read text file is (absolute in shards, for workers in another directory); else the path.
    location: str | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def name(self) -> str:
        """The record's name in findings and rows (:attr:`Provenance.name`)."""
        return self.provenance.name

    def load(self) -> str:
        """The cable text; reads and decodes a text file.  Raises :class:`RecordError`."""
        if self.problem is not None:
            raise RecordError(self.problem)
        if self.text is not None:
            return self.text
        return _read_text_file(Path(self.location or self.provenance.path))


def _read_text_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RecordError(_unreadable(exc)) from None
    try:
        return decode(data)
    except CableDecodeError as exc:
        raise RecordError(ReadProblem("CG003", str(exc))) from None


def _unreadable(exc: OSError, what: str = "the file") -> ReadProblem:
    return ReadProblem("CG002", f"cannot read {what}: {exc.strerror or exc}")


def _unreadable_file(fmt: str, path: str, exc: OSError) -> Record:
    """The record of a whole file that cannot be read (record 0: no record of it was read)."""
    return Record(Provenance(fmt, path, record=0), problem=_unreadable(exc))


def _problem_record(fmt: str, path: str, code: str, message: str, **where: int) -> Record:
    return Record(Provenance(fmt, path, **where), problem=ReadProblem(code, message))


def _decode_field(value: str) -> str:
    """A field read with ``surrogateescape``: re-decoded under the decoding policy when it is not UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return decode(value.encode("utf-8", "surrogateescape"))
    return value


def iso_minute(value: str | None) -> str | None:
    """A release date as ISO 8601 to the minute, or as written when it is in none of the release formats.

    >>> iso_minute("2/25/1972 9:30"), iso_minute("2008-07-09 07:07"), iso_minute("soon")
    ('1972-02-25T09:30', '2008-07-09T07:07', 'soon')
    """
    if value is None or not value.strip():
        return None
    when = interpret.parse_written_date(value)  # the one reading of the release's dates
    return when.strftime("%Y-%m-%dT%H:%M") if when else value


def split_header(text: str) -> tuple[str, str]:
    """Header and content of a cable text, split at its first blank line: the inverse of :func:`join_header`.

    Used to write a text in the ``cables.csv`` layout.  A text with no blank line (or one that starts with
    one) is all content, so ``join_header(*split_header(text)) == text`` always holds.

    >>> split_header("R 101131Z JUL 07\\n\\nUNCLAS BAKU 000864\\n\\nTAGS: PREL")
    ('R 101131Z JUL 07', 'UNCLAS BAKU 000864\\n\\nTAGS: PREL')
    >>> split_header("UNCLAS BAKU 000864")
    ('', 'UNCLAS BAKU 000864')
    """
    header, separator, content = text.partition(HEADER_SEPARATOR)
    return (header, content) if separator and header else ("", text)


def join_header(header: str, content: str) -> str:
    """The cable text of a release record: the routing header, a blank line, the content.

    An empty header gives the content alone (a page with one ``<pre>`` block).

    >>> join_header("R 101131Z JUL 07", "UNCLAS BAKU 000864")
    'R 101131Z JUL 07\\n\\nUNCLAS BAKU 000864'
    >>> join_header("", "UNCLAS BAKU 000864")
    'UNCLAS BAKU 000864'
    """
    return header + HEADER_SEPARATOR + content if header else content


# ---------------------------------------------------------------------------
# Text files and directories
# ---------------------------------------------------------------------------


def _excluded(path: Path, root: Path, exclude: Sequence[str]) -> bool:
    relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    return any(fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern) for pattern in exclude)


def find_files(
    root: Path, include: Sequence[str], exclude: Sequence[str] = (), errors: list[OSError] | None = None
) -> list[Path]:
    """The files under ``root`` (recursively, hidden directories skipped) matching ``include``, sorted.

    ``exclude`` globs match a file's path relative to ``root``, or its name.  Directories that cannot be
    listed are added to ``errors`` when it is given.
    """
    found = []
    for directory, subdirs, files in os.walk(root, onerror=errors.append if errors is not None else None):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in files:
            path = Path(directory, name)
            if any(fnmatch.fnmatch(name, pattern) for pattern in include) and not _excluded(path, root, exclude):
                found.append(path)
    return sorted(found)


def read_text_file(path: str | os.PathLike[str], *, name: str | None = None) -> Iterator[Record]:
    """A cable text file as one record (read when :meth:`Record.load` is called); ``name`` is the path shown."""
    location = os.fspath(path)
    yield Record(Provenance("text", name or location), location=location if name else None)


def detect_format(path: str | os.PathLike[str]) -> InputFormat:
    """The input format a file name suggests: ``.csv``, ``.html``/``.htm``, ``.jsonl``/``.ndjson``, else text.

    >>> detect_format("cables.csv"), detect_format("cable/2008/07/08VLADIVOSTOK68.html"), detect_format("a.txt")
    ('cables-csv', 'html', 'text')
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return "cables-csv"
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    return "text"


def _expand(
    paths: Iterable[str | os.PathLike[str]],
    input_format: str,
    include: Sequence[str] | None,
    exclude: Sequence[str],
) -> Iterator[tuple[InputFormat, str] | Record]:
    """Each input file with its format (a directory gives its matching files), or a record of a directory
    that could not be listed."""
    if input_format != "auto" and input_format not in INPUT_FORMATS:
        msg = f"unknown input format {input_format!r} (formats: auto, {', '.join(INPUT_FORMATS)})"
        raise ValueError(msg)
    globs = tuple(include) if include else DEFAULT_INCLUDE[input_format]
    for given in paths:
        name = os.fspath(given)
        root = Path(name)
        if name == STDIN or not root.is_dir():
            files = [name]
        else:
            errors: list[OSError] = []
            files = [str(p) for p in find_files(root, globs, exclude, errors)]
            for error in errors:
                where = error.filename or name
                message = f"cannot list the directory: {error.strerror or error}"
                yield _problem_record(input_format if input_format != "auto" else "text", where, "CG002", message)
        for file in files:
            fmt: InputFormat = detect_format(file) if input_format == "auto" else input_format  # type: ignore[assignment]
            yield fmt, file


def records(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    input_format: str = "auto",
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
) -> Iterator[Record]:
    """Stream the records of files and directories, in order.

    ``input_format`` is ``auto`` (by file name: see :func:`detect_format`) or
    one of :data:`INPUT_FORMATS`.  A directory is searched recursively for
    ``include`` globs (by default the format's usual names, ``*.txt`` for
    ``auto``).  ``-`` reads standard input (as a text file in ``auto``).  A
    file that cannot be read gives one record with its problem.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for item in _expand(paths, input_format, include, exclude):
        if isinstance(item, Record):
            yield item
        else:
            fmt, file = item
            yield from _read_stdin(fmt) if file == STDIN else _FILE_READERS[fmt](file)


# ---------------------------------------------------------------------------
# Standard input
# ---------------------------------------------------------------------------


def _read_stdin(fmt: InputFormat) -> Iterator[Record]:
    if fmt == "text":
        try:
            yield Record(Provenance("text", STDIN), text=decode(sys.stdin.buffer.read()))
        except CableDecodeError as exc:
            yield _problem_record("text", STDIN, "CG003", str(exc))
        return
    import shutil  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    # The readers stream from a file: standard input is copied to one in blocks (constant memory), then read.
    with tempfile.TemporaryDirectory() as tmp:
        spooled = Path(tmp, "stdin")
        with spooled.open("wb") as spool:
            shutil.copyfileobj(sys.stdin.buffer, spool)
        yield from _FILE_READERS[fmt](str(spooled), name=STDIN)


# ---------------------------------------------------------------------------
# cables.csv
# ---------------------------------------------------------------------------


class CablegateDialect(csv.Dialect):
    """The ``cables.csv`` dialect: every field quoted, ``\\`` escapes quotes and itself, fields hold newlines."""

    delimiter = ","
    quotechar = '"'
    escapechar = "\\"
    doublequote = False
    quoting = csv.QUOTE_ALL
    lineterminator = "\n"
    skipinitialspace = False
    strict = True


# One record of cables.csv can be large (the field limit's default, 128 KiB, is below real cables).
_FIELD_SIZE_LIMIT: Final = 2**31 - 1
# Where a record starts: a line opening with the quoted running number.  Inside a well-formed field a quote
# is written \", so no line of a field can look like this: the boundaries hold even where a record is broken.
_RECORD_START = re.compile(rb'"[0-9]+",')
_BOM = b"\xef\xbb\xbf"
# The longest run of lines read as one record (the longest real cable is far below: about 70 KB).
_MAX_CHUNK = 32 * 2**20


@attrs.frozen
class _CsvRow:
    """One record of a ``cables.csv`` file: its fields, or why it is not a record."""

    record: int
    line: int
    offset: int
    fields: list[str] | None
    error: str | None = None
    undecoded: bool = False
    #: Text between two records (after a record, before the next record start).
    between: bool = False


def _decode_line(raw: bytes) -> tuple[str, bool]:
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("utf-8", "surrogateescape"), True  # fields decoded again, under the policy


def _chunks(stream: BinaryIO, offset: int, line: int) -> Iterator[tuple[int, int, list[bytes]]]:
    """(offset, line, lines) of each run of lines from one record start to the next; blank lines dropped at ends."""
    chunk: list[bytes] = []
    size = 0
    start, start_line = offset, line
    for raw in stream:
        if raw.startswith(_BOM):  # a byte order mark (of the file, or of files joined with cat) is no text
            raw = raw[len(_BOM) :]  # noqa: PLW2901
            offset += len(_BOM)
            if not chunk:
                start += len(_BOM)
        if not chunk and not raw.strip():  # blank lines between records
            offset += len(raw)
            line += 1
            start, start_line = offset, line
            continue
        if chunk and (_RECORD_START.match(raw) or size > _MAX_CHUNK):
            # A piece with no record start for this long is no record: it is reported in pieces, so that
            # memory stays bounded on a file that is not a cables.csv at all.
            yield start, start_line, chunk
            chunk, size = [], 0
            start, start_line = offset, line
        chunk.append(raw)
        size += len(raw)
        offset += len(raw)
        line += 1
    if chunk:
        yield start, start_line, chunk


def _split_chunk(record: int, line: int, offset: int, chunk: list[bytes]) -> list[_CsvRow]:
    """The record of a chunk, then the lines after it that are no record; or the chunk as one broken record."""
    decoded = [_decode_line(raw) for raw in chunk]
    consumed = 0

    def lines() -> Iterator[str]:
        nonlocal consumed
        for text, _ in decoded:
            consumed += 1
            yield text

    last = line + len(chunk) - 1
    try:
        fields = next(csv.reader(lines(), CablegateDialect), None)
    except csv.Error as exc:
        return [_CsvRow(record, line, offset, None, f"malformed CSV record ({_lines(line, last)}): {exc}")]
    problem = _row_problem(fields, chunk[consumed - 1] if consumed else b"")
    if problem is not None:
        where = _lines(line, last)
        return [_CsvRow(record, line, offset, None, f"not a cables.csv record ({where}): {problem}")]
    assert fields is not None
    rows = [_CsvRow(record, line, offset, fields, undecoded=any(bad for _, bad in decoded[:consumed]))]
    rest = chunk[consumed:]
    while rest and not rest[-1].strip():
        rest.pop()
    if rest:
        rest_line, rest_offset = line + consumed, offset + sum(len(raw) for raw in chunk[:consumed])
        where = _lines(rest_line, rest_line + len(rest) - 1)
        message = f"not a cables.csv record ({where}): text between two records (a raw database dump row?)"
        rows.append(_CsvRow(record + 1, rest_line, rest_offset, None, message, between=True))
    return rows


def _lines(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _row_problem(fields: list[str] | None, last_line: bytes) -> str | None:
    """Why the first row of a chunk is not a good record, or None."""
    if fields is None or len(fields) != len(CABLES_CSV_COLUMNS):
        found = 0 if fields is None else len(fields)
        return f"a record has {len(CABLES_CSV_COLUMNS)} fields ({', '.join(CABLES_CSV_COLUMNS)}), this one {found}"
    if not fields[0].isdigit():
        return f"the id field is a number, not {fields[0][:40]!r}"
    if not last_line.rstrip(b"\r\n").endswith(b'"'):
        # With '\' as the escape character an unescaped quote does not raise: it ends the quoted part,
        # and the record ends at the next line break, cut short.  Every field is quoted, so a whole
        # record ends with a quote.
        return "the record does not end with a closing quote (an unescaped quote inside a field?)"
    return None


def _csv_rows(
    path: str, offset: int = 0, record: int = 1, line: int = 1, count: int | None = None
) -> Iterator[_CsvRow]:
    """The records of a ``cables.csv`` file from a byte offset, with their positions."""
    if csv.field_size_limit() < _FIELD_SIZE_LIMIT:
        csv.field_size_limit(_FIELD_SIZE_LIMIT)
    done = 0
    with open(path, "rb") as stream:
        stream.seek(offset)
        for start, start_line, chunk in _chunks(stream, offset, line):
            for row in _split_chunk(record, start_line, start, chunk):
                if count is not None and done >= count:
                    return
                yield row
                record += 1
                done += 1


def read_cables_csv(  # noqa: PLR0913 - keyword-only positions of a shard
    path: str | os.PathLike[str],
    *,
    offset: int = 0,
    record: int = 1,
    line: int = 1,
    count: int | None = None,
    name: str | None = None,
) -> Iterator[Record]:
    """Stream the records of a Cablegate ``cables.csv`` file (see the module documentation).

    ``offset``, ``record`` and ``line`` start reading at a record boundary
    found earlier (:func:`shards`); ``count`` stops after that many records;
    ``name`` is the path shown in provenance (default: ``path``).

    A record starts at a line opening with its quoted running number.  A
    record that is not eight well-quoted fields with a numeric id, ending in
    a closing quote, is one record with a ``CG006`` problem, as is text found
    between two records; reading goes on with the next record.
    """
    location = os.fspath(path)
    shown = name or location
    try:
        for row in _csv_rows(location, offset, record, line, count):
            where = {"record": row.record, "line": row.line, "offset": row.offset}
            if row.fields is None:
                yield _problem_record("cables-csv", shown, "CG006", row.error or "malformed CSV record", **where)
            else:
                yield _csv_record(shown, row.fields, where, undecoded=row.undecoded)
    except OSError as exc:
        yield _unreadable_file("cables-csv", shown, exc)


def _csv_record(name: str, fields: list[str], where: dict[str, int], *, undecoded: bool = False) -> Record:
    provenance = Provenance("cables-csv", name, **where)
    try:
        if undecoded:
            fields = [_decode_field(field) for field in fields]
        ident, created, reference_id, origin, classification, references, header, content = fields
    except CableDecodeError as exc:
        return Record(provenance, problem=ReadProblem("CG003", str(exc)))
    release = Release(
        id=ident,
        reference_id=reference_id or None,
        created=iso_minute(created),
        origin=origin or None,
        classification=classification or None,
        references=tuple(r for r in references.split("|") if r),
    )
    return Record(provenance, text=join_header(header, content), release=release)


def write_cables_csv(rows: Iterable[Sequence[str]], path: str | os.PathLike[str]) -> int:
    """Write rows of the eight ``cables.csv`` fields in the release's dialect; returns the count.

    Used to build samples from cable texts; :func:`read_cables_csv` reads them back exactly.
    """
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, CablegateDialect)
        for row in rows:
            writer.writerow(row)
            written += 1
    return written


# ---------------------------------------------------------------------------
# Cablegate HTML pages
# ---------------------------------------------------------------------------

_PRE_BLOCK = re.compile(r"<code><pre>(.*?)</pre></code>", re.DOTALL)
# The pages mark up only links inside the blocks: paragraph anchors (¶) and TAGS.
_LINK_TAG = re.compile(r"</?a\b[^>]*>")
# Numeric references and the five XML names only: raw '&' is common in the text (R&D), and
# html.unescape would also decode legacy names without a semicolon ('&not' -> '¬').
_ENTITY = re.compile(r"&(?:#[xX]([0-9A-Fa-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_META_TABLE = re.compile(r"<table class=['\"]cable['\"]>(.*?)</table>", re.DOTALL)
_META_CELL = re.compile(r"<td>\s*<a [^>]*>([^<]*)</a>\s*</td>")


def _entity(match: re.Match[str]) -> str:
    name = match.group(3)
    if name:
        return _NAMED[name]
    # A numeric reference alone is safe to give html.unescape, which follows HTML's rules for the odd ones
    # (&#150; is the Windows-1252 dash, &#0; and surrogates become U+FFFD).
    return html.unescape(match.group())


def unescape_block(block: str) -> str:
    """The text of one ``<pre>`` block: link tags dropped (their text kept), entities decoded.

    >>> unescape_block("TAGS: <a href='/tag/PGOV_0.html'>PGOV</a>&#x000A;R&D &amp; S&not")
    'TAGS: PGOV\\nR&D & S&not'
    """
    return _ENTITY.sub(_entity, _LINK_TAG.sub("", block))


def page_release(page: str) -> Release | None:
    """The release metadata of a Cablegate page's table (the link texts; the links' titles are unreliable)."""
    table = _META_TABLE.search(page)
    if table is None:
        return None
    cells = [html_text.strip() for html_text in _META_CELL.findall(table.group(1))]
    if len(cells) < 5:
        return None
    reference_id, created, released, classification, origin = (unescape_block(c) or None for c in cells[:5])
    return Release(
        reference_id=reference_id,
        created=iso_minute(created),
        released=iso_minute(released),
        classification=classification,
        origin=origin,
    )


def cable_from_page(page: str) -> str | None:
    """The cable text of a Cablegate HTML page: its ``<pre>`` blocks joined by a blank line, or None."""
    blocks = _PRE_BLOCK.findall(page)
    if not blocks:
        return None
    return HEADER_SEPARATOR.join(unescape_block(block) for block in blocks)


def read_html_page(path: str | os.PathLike[str], *, name: str | None = None) -> Iterator[Record]:
    """A Cablegate HTML page as one record: the cable text and the release metadata."""
    location = os.fspath(path)
    name = name or location
    try:
        page = decode(Path(location).read_bytes())
    except OSError as exc:
        yield _unreadable_file("html", name, exc)
        return
    except CableDecodeError as exc:
        yield _problem_record("html", name, "CG003", str(exc))
        return
    text = cable_from_page(page)
    provenance = Provenance("html", name)
    if text is None:
        problem = ReadProblem("CG006", "no <code><pre> block: not a Cablegate cable page")
        yield Record(provenance, problem=problem)
        return
    yield Record(provenance, text=text, release=page_release(page))


# ---------------------------------------------------------------------------
# JSON Lines
# ---------------------------------------------------------------------------

_JSON_RELEASE_KEYS: Final = {
    "id": "id",
    "reference_id": "reference_id",
    "refid": "reference_id",
    "created": "created",
    "date": "created",
    "released": "released",
    "origin": "origin",
    "classification": "classification",
    "references": "references",
}


def _json_release(obj: dict[str, Any]) -> Release | None:
    found: dict[str, Any] = {}
    for key, field in _JSON_RELEASE_KEYS.items():
        value = obj.get(key)
        if value is None or field in found:
            continue
        if field == "references":
            items = value.split("|") if isinstance(value, str) else value if isinstance(value, list) else []
            found[field] = tuple(str(item) for item in items if item)
        elif isinstance(value, (str, int)):
            found[field] = iso_minute(str(value)) if field in ("created", "released") else str(value)
    return Release(**found) if found else None


def _json_text(obj: Any) -> str | None:
    if not isinstance(obj, dict):
        return None
    text = obj.get("text")
    if isinstance(text, str):
        return text
    content = obj.get("content")
    header = obj.get("header") or ""
    if isinstance(content, str) and isinstance(header, str):
        return join_header(header, content)
    return None


def _json_lines(
    path: str, offset: int, record: int, line: int, count: int | None
) -> Iterator[tuple[int, int, int, bytes]]:
    with open(path, "rb") as stream:
        stream.seek(offset)
        done = 0
        for raw in stream:
            if count is not None and done >= count:
                return
            if raw.startswith(_BOM):  # a byte order mark is no part of the JSON
                raw = raw[len(_BOM) :]  # noqa: PLW2901
                offset += len(_BOM)
            if raw.strip():
                yield record, line, offset, raw
                record += 1
                done += 1
            offset += len(raw)
            line += 1


def read_jsonl(  # noqa: PLR0913 - keyword-only positions of a shard
    path: str | os.PathLike[str],
    *,
    offset: int = 0,
    record: int = 1,
    line: int = 1,
    count: int | None = None,
    name: str | None = None,
) -> Iterator[Record]:
    """Stream the records of a JSON Lines file: one object per non-blank line (see the module documentation).

    A line whose bytes do not decode (under the decoding policy), or whose
    text holds a lone surrogate (``"\\ud800"``), is a record with a ``CG003``
    problem; a line that is not JSON, or not an object with a ``text`` (or
    ``content``) string, one with a ``CG006`` problem.
    """
    location = os.fspath(path)
    shown = name or location
    try:
        for number, start_line, start, raw in _json_lines(location, offset, record, line, count):
            provenance = Provenance("jsonl", shown, record=number, line=start_line, offset=start)
            try:
                obj = json.loads(decode(raw))
            except CableDecodeError as exc:
                yield Record(provenance, problem=ReadProblem("CG003", str(exc)))
                continue
            except ValueError as exc:
                yield Record(provenance, problem=ReadProblem("CG006", f"not a JSON value: {exc}"))
                continue
            text = _json_text(obj)
            if text is None:
                message = "a JSON Lines record is an object with a 'text' string (or 'header' and 'content')"
                yield Record(provenance, problem=ReadProblem("CG006", message))
                continue
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as exc:
                message = f"the text holds a lone surrogate (\\u{ord(text[exc.start]):04x}) at {exc.start}: not text"
                yield Record(provenance, problem=ReadProblem("CG003", message))
                continue
            yield Record(provenance, text=text, release=_json_release(obj))
    except OSError as exc:
        yield _unreadable_file("jsonl", shown, exc)


class _Reader(Protocol):
    def __call__(self, path: str, *, name: str | None = None) -> Iterator[Record]: ...


_FILE_READERS: Final[dict[str, _Reader]] = {
    "text": read_text_file,
    "cables-csv": read_cables_csv,
    "html": read_html_page,
    "jsonl": read_jsonl,
}


# ---------------------------------------------------------------------------
# Shards: a release cut into pieces for parallel workers
# ---------------------------------------------------------------------------


@attrs.frozen
class Shard:
    """A piece of the input that one worker reads by itself: some files, or a run of records in one file.

    Shards are small (paths and offsets, no text), so a task graph that
    carries them stays small; :func:`read_shard` reads the records.
    """

    format: str
    #: The files of a shard of text files or HTML pages (absolute paths: a worker may run elsewhere).
    files: tuple[str, ...] = ()
    #: The file of a shard of ``cables.csv`` or JSON Lines records (absolute).
    path: str = ""
    #: Byte offset, ordinal and line of the shard's first record.
    offset: int = 0
    record: int = 1
    line: int = 1
    #: How many records the shard holds (None: to the end of the file).
    count: int | None = None
    #: The paths as given (shown in provenance): ``names[i]`` for ``files[i]``, or ``names[0]`` for ``path``.
    names: tuple[str, ...] = ()
    #: Records already made: directories that could not be listed.
    records: tuple[Record, ...] = ()


def shards(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    input_format: str = "auto",
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    size: int = 256,
) -> list[Shard]:
    """Cut the inputs into shards of about ``size`` records each, in input order.

    Text files and pages are grouped ``size`` to a shard.  A ``cables.csv``
    or JSON Lines file is read once to find the record boundaries (the CSV
    fields hold newlines, so a byte range cannot be cut blindly).  Reading
    every shard with :func:`read_shard` gives the same records as
    :func:`records`.  Standard input cannot be sharded.
    """
    if size < 1:
        raise ValueError("shard size must be at least 1")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    result: list[Shard] = []
    pending: list[str] = []
    pending_format = ""

    def flush() -> None:
        if pending:
            files = tuple(os.path.abspath(file) for file in pending)
            result.append(Shard(pending_format, files=files, names=tuple(pending)))
            pending.clear()

    for item in _expand(paths, input_format, include, exclude):
        if isinstance(item, Record):
            flush()
            result.append(Shard(item.provenance.format, records=(item,)))
            continue
        fmt, file = item
        if file == STDIN:
            raise ValueError("standard input cannot be cut into shards; save it to a file first")
        if fmt in ("cables-csv", "jsonl"):
            flush()
            result += _record_shards(fmt, file, size)
            continue
        if fmt != pending_format or len(pending) >= size:
            flush()
            pending_format = fmt
        pending.append(file)
    flush()
    return result


def _record_starts(fmt: str, path: str) -> list[tuple[int, int, int, bool]]:
    """(offset, record, line, whether a shard may start there) of every record of a file."""
    if fmt == "jsonl":
        return [(offset, number, line, True) for number, line, offset, _ in _json_lines(path, 0, 1, 1, None)]
    # Text found between two records is read as such only after the record before it: no shard starts there.
    return [(row.offset, row.record, row.line, not row.between) for row in _csv_rows(path)]


def _record_shards(fmt: str, path: str, size: int) -> list[Shard]:
    location, names = os.path.abspath(path), (path,)
    try:
        starts = _record_starts(fmt, path)
    except OSError:
        return [Shard(fmt, path=location, names=names)]  # reading it gives the problem record
    if not starts:
        return [Shard(fmt, path=location, count=0, names=names)]
    cuts: list[int] = []
    for i, (_, _, _, can_start) in enumerate(starts):
        if not cuts or (i - cuts[-1] >= size and can_start):
            cuts.append(i)
    return [
        Shard(
            fmt, path=location, offset=starts[i][0], record=starts[i][1], line=starts[i][2], count=end - i, names=names
        )
        for i, end in zip(cuts, [*cuts[1:], len(starts)], strict=True)
    ]


def read_shard(shard: Shard) -> Iterator[Record]:
    """The records of one shard, in order."""
    yield from shard.records
    if shard.format in ("cables-csv", "jsonl") and shard.path:
        reader = read_cables_csv if shard.format == "cables-csv" else read_jsonl
        name = shard.names[0] if shard.names else None
        yield from reader(
            shard.path, offset=shard.offset, record=shard.record, line=shard.line, count=shard.count, name=name
        )
        return
    for i, file in enumerate(shard.files):
        name = shard.names[i] if shard.names else None
        yield from _FILE_READERS[shard.format](file, name=name)
