"""What every reader shares: records, their provenance and problems, and the names of the formats."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final, Literal

import attrs

from cablegrammar import interpret
from cablegrammar._decode import BYTE_ORDER_MARK, decode
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

#: A UTF-8 byte order mark, which the line-based readers set aside (it is no part of a record).
_BOM: Final = BYTE_ORDER_MARK.encode("utf-8")

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
