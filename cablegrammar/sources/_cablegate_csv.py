"""The Cablegate ``cables.csv`` export, read as a stream (memory bounded by the largest record)."""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO, Final

import attrs

from cablegrammar.errors import CableDecodeError
from cablegrammar.sources._common import (
    _BOM,
    CABLES_CSV_COLUMNS,
    Provenance,
    ReadProblem,
    Record,
    Release,
    _decode_field,
    _problem_record,
    _unreadable_file,
    iso_minute,
    join_header,
)

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
