"""Cables as a flat table: one row per input record, for Parquet (and any dataframe).

A row holds the record's provenance and release metadata, the cable's main
fields, and two nested columns: ``references`` (a list of structs: label,
text, kind, cable id) and ``paragraphs`` (number, portion marking, text).  A
record that could not be read or parsed is still a row: ``parsed`` is false
and the ``error_*`` columns say why, so rows out always equal records in.

:data:`COLUMNS` is the table's definition (the docs' column list is generated
from it); :func:`arrow_schema` turns it into a pyarrow schema, and
:class:`ParquetSink` writes rows to a Parquet file in row groups, in constant
memory.  pyarrow is the ``cablegrammar[parquet]`` extra; building rows needs
only the standard library.

>>> from cablegrammar import parse
>>> from cablegrammar.sources import Provenance, Record
>>> cable = parse("UNCLAS STATE 000001\\n\\nTAGS: PREL\\nSUBJECT: TEST\\n\\n1. (U) Text.\\n")
>>> row = cable_row(Record(Provenance("text", "a.txt")), cable)
>>> row["parsed"], row["reference_id"], row["tags"], row["paragraphs"]
(True, None, ['PREL'], [{'number': 1, 'marking': 'U', 'text': 'Text.'}])
>>> sorted(row) == sorted(column.name for column in COLUMNS)
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final

import attrs

from cablegrammar import values
from cablegrammar.findings import Finding
from cablegrammar.model import Cable
from cablegrammar.sources import Record

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

#: The version of the table's columns; bumped on any incompatible change.
TABLE_VERSION: Final = 2


@attrs.frozen
class Column:
    """One column of the table: its name, type (``string``, ``int64``, ``bool``, ``timestamp``,
    ``list<string>``, ``references``, ``paragraphs``) and meaning."""

    name: str
    type: str
    description: str


#: The table's columns, in order.
COLUMNS: Final[tuple[Column, ...]] = (
    Column("name", "string", "The record's name: the file, plus #N for the Nth record of a cables.csv or JSONL file."),
    Column("source_format", "string", "text, cables-csv, html or jsonl."),
    Column("source_path", "string", "The file the record was read from."),
    Column("source_record", "int64", "1-based ordinal of the record in its file."),
    Column("source_line", "int64", "1-based line of the file where the record starts."),
    Column("release_id", "string", "The release's running number (cables.csv)."),
    Column("release_reference_id", "string", "The release's reference id."),
    Column("release_created", "string", "When the release says the cable was created (ISO 8601, to the minute)."),
    Column("release_released", "string", "When the release published it (HTML pages)."),
    Column("release_origin", "string", "The originating post as the release names it."),
    Column("release_classification", "string", "The release's classification."),
    Column("release_references", "list<string>", "The reference ids the release links."),
    Column("parsed", "bool", "Whether the text was read and parsed; false rows carry the error columns."),
    Column("error_code", "string", "The error's stable code (CG002 file, CG003 bytes, CG006 record, CG1xx syntax)."),
    Column("error_message", "string", "What is wrong, in words."),
    Column("error_line", "int64", "1-based line of the error in the cable text."),
    Column("error_column", "int64", "1-based column of the error."),
    Column("chars", "int64", "Length of the cable text in characters (null when it could not be read)."),
    *(Column(value.name, value.type, value.description) for value in values.MAIN_VALUES),
    Column("references", "references", "REF items: label, text, kind, the first cited cable's id and all of them."),
    Column("paragraphs", "paragraphs", "Numbered paragraphs: number, portion marking and text."),
    Column("diagnostics", "int64", "Problems recovery mode reported (0 in strict mode)."),
)


def empty_row(record: Record) -> dict[str, Any]:
    """A row with the record's provenance and release filled in, every cable column null."""
    row: dict[str, Any] = dict.fromkeys(column.name for column in COLUMNS)
    provenance, release = record.provenance, record.release
    row.update(
        name=record.name,
        source_format=provenance.format,
        source_path=provenance.path,
        source_record=provenance.record,
        source_line=provenance.line,
        release_references=list(release.references) if release else [],
        parsed=False,
        **{value.name: [] for value in values.MAIN_VALUES if value.type == "list<string>"},
        references=[],
        paragraphs=[],
    )
    if release is not None:
        row.update(
            release_id=release.id,
            release_reference_id=release.reference_id,
            release_created=release.created,
            release_released=release.released,
            release_origin=release.origin,
            release_classification=release.classification,
        )
    return row


def error_row(record: Record, error: Finding, text: str | None = None) -> dict[str, Any]:
    """The row of a record that could not be read or parsed (``text``, when it was read, sets ``chars``)."""
    row = empty_row(record)
    text = text if text is not None else record.text
    row.update(
        error_code=error.code,
        error_message=error.message,
        error_line=error.line,
        error_column=error.column,
        chars=len(text) if text is not None else None,
    )
    return row


def cable_row(record: Record, cable: Cable, text: str | None = None) -> dict[str, Any]:
    """The row of a parsed cable (``text``, when given, sets ``chars``)."""
    row = empty_row(record)
    text = text if text is not None else record.text
    row.update(values.main_values(cable))
    row.update(
        parsed=True,
        chars=len(text) if text is not None else None,
        references=[
            {
                "label": ref.label,
                "text": ref.text,
                "kind": str(ref.kind),
                "cable_id": str(ref.cable_id) if ref.cable_id else None,
                "cable_ids": [str(cable_id) for cable_id in ref.cable_ids],
            }
            for ref in values.references(cable)
        ],
        paragraphs=[{"number": p.number, "marking": p.marking, "text": p.text} for p in cable.paragraphs],
        diagnostics=len(cable.diagnostics),
    )
    return row


# ---------------------------------------------------------------------------
# Arrow and Parquet (the cablegrammar[parquet] extra)
# ---------------------------------------------------------------------------


def _pyarrow() -> Any:
    try:
        import pyarrow  # noqa: PLC0415
    except ImportError:
        msg = "Parquet output needs pyarrow: pip install 'cablegrammar[parquet]'"
        raise ImportError(msg) from None
    return pyarrow


def arrow_schema() -> pa.Schema:
    """The table's pyarrow schema (needs the ``cablegrammar[parquet]`` extra)."""
    pa = _pyarrow()
    nested = {
        "references": pa.list_(
            pa.struct(
                [
                    ("label", pa.string()),
                    ("text", pa.string()),
                    ("kind", pa.string()),
                    ("cable_id", pa.string()),
                    ("cable_ids", pa.list_(pa.string())),
                ]
            )
        ),
        "paragraphs": pa.list_(pa.struct([("number", pa.int64()), ("marking", pa.string()), ("text", pa.string())])),
    }
    scalar = {
        "string": pa.string(),
        "int64": pa.int64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "timestamp": pa.timestamp("ms", tz="UTC"),  # Parquet has no seconds unit: ms reads back unchanged
        "list<string>": pa.list_(pa.string()),
    }
    fields = [
        pa.field(c.name, nested.get(c.type) or scalar[c.type], metadata={"description": c.description}) for c in COLUMNS
    ]
    return pa.schema(fields, metadata={"cablegrammar.table_version": str(TABLE_VERSION)})


def arrow_table(rows: Iterable[dict[str, Any]]) -> pa.Table:
    """Rows as a pyarrow table with :func:`arrow_schema`."""
    pa = _pyarrow()
    return pa.Table.from_pylist(list(rows), schema=arrow_schema())


class ParquetSink:
    """Write rows to one Parquet file, a row group every ``batch_size`` rows (constant memory).

    Use as a context manager; ``rows`` counts the rows written.
    """

    def __init__(self, path: str | os.PathLike[str], *, batch_size: int = 1000, compression: str = "zstd") -> None:
        self.path = os.fspath(path)
        self.batch_size = batch_size
        self.rows = 0
        self._pending: list[dict[str, Any]] = []
        parquet: Any = _parquet()
        self._writer: pq.ParquetWriter = parquet.ParquetWriter(self.path, arrow_schema(), compression=compression)

    def write(self, row: dict[str, Any]) -> None:
        """Add one row."""
        self._pending.append(row)
        if len(self._pending) >= self.batch_size:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._writer.write_table(arrow_table(self._pending))
            self.rows += len(self._pending)
            self._pending = []

    def close(self) -> None:
        """Write what is pending and close the file (closed even when the last write fails)."""
        try:
            self._flush()
        finally:
            self._writer.close()

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _parquet() -> Any:
    _pyarrow()
    import pyarrow.parquet  # noqa: PLC0415

    return pyarrow.parquet


def write_parquet(rows: Iterable[dict[str, Any]], path: str | os.PathLike[str], *, compression: str = "zstd") -> int:
    """Write rows to one Parquet file; returns the number of rows written."""
    with ParquetSink(path, compression=compression) as sink:
        for row in rows:
            sink.write(row)
    return sink.rows


def columns_markdown() -> str:
    """The column list as a Markdown table (for the docs)."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    lines += [f"| `{c.name}` | `{c.type}` | {c.description} |" for c in COLUMNS]
    return "\n".join(lines)
